#!/usr/bin/env bash
# The suite, RUNS times in a row (default 5), while two processes keep both cores busy:
# a flaky test (one that waits on time instead of on a condition) shows up here.
#   scripts/suite-under-load.sh [RUNS] [pytest args...]
set -u
runs=${1:-5}
shift || true
hogs=()
for _ in 1 2; do
  python3 -c 'while True: pass' &
  hogs+=($!)
done
trap 'kill "${hogs[@]}" 2>/dev/null' EXIT
failed=0
for n in $(seq 1 "$runs"); do
  if pytest -p no:cacheprovider "$@" >"/tmp/suite-under-load-$n.log" 2>&1; then
    echo "run $n: passed ($(tail -n 1 "/tmp/suite-under-load-$n.log"))"
  else
    echo "run $n: FAILED — see /tmp/suite-under-load-$n.log"
    grep -E '^(FAILED|ERROR)' "/tmp/suite-under-load-$n.log"
    failed=1
  fi
done
exit $failed
