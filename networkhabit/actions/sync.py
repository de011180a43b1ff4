"""Two machines, one network: the store synced through git, with networkhabit's own merge.

``sync init REMOTE`` makes the store's folder a git repository (or uses the one it is in),
tells git to merge the store through ``networkhabit sync merge-driver`` (see
:mod:`networkhabit.domain.sync_merge`), commits and pushes. ``sync`` commits what changed
here, fetches, merges what came in, pushes. ``import json`` merges the same way. Git runs
while the store's lock is held, so no other networkhabit process writes in between.
"""

from __future__ import annotations

import contextlib
import os
import socket
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from networkhabit.actions.session import Session
from networkhabit.domain.errors import InputError
from networkhabit.domain.sync_merge import (
    MISSING,
    RECORD_TABLES,
    Changes,
    MergeResult,
    changes_between,
    merge_stores,
)
from networkhabit.store import codec, gitrepo
from networkhabit.store.gitrepo import GitError, Repo
from networkhabit.store.storage import BACKUP_DIR, Data, StoreError
from networkhabit.store.store import utc_now

if TYPE_CHECKING:  # the import merge is needed by import json only (the app asks last_sync)
    from networkhabit.domain.merge import Plan
    from networkhabit.domain.model import Snapshot

__all__ = [
    "FoldedIn",
    "GitError",
    "InitResult",
    "JsonMerged",
    "StoreError",
    "SyncResult",
    "SyncStatus",
    "conflict_copies",
    "export_store",
    "last_sync",
    "merge_conflict_copy",
    "merge_driver",
    "merge_json_copy",
    "merge_tables",
    "since",
    "sync",
    "sync_init",
    "sync_status",
]

#: The longest remote URL or path taken.
MAX_REMOTE = 2000
#: What the sync repository ignores beside the store.
IGNORED = [f"{BACKUP_DIR}/", "*.lock", ".nh-tmp-*", ".nh-merge-*", ".nh-cache-*"]


@dataclass(frozen=True, slots=True)
class SyncResult:
    """What one ``sync`` did."""

    remote: str
    #: The summary of the local changes committed ("" if there were none).
    committed: str = ""
    #: What came in from the other machines.
    incoming: Changes = field(default_factory=Changes)
    #: What the merge had to decide (same field changed on both sides, ...).
    notes: tuple[str, ...] = ()
    pushed: bool = False


@dataclass(frozen=True, slots=True)
class InitResult:
    """What ``sync init`` did."""

    repo: Path
    remote: str
    created_repo: bool
    #: "pushed" (the remote was empty), "took" (our store was empty: we took the remote's)
    #: or "merged".
    mode: str
    sync: SyncResult


@dataclass(frozen=True, slots=True)
class SyncStatus:
    """What is not synced yet."""

    remote: str | None
    set_up: bool
    unsynced: str
    commits_ahead: int
    last_sync: str | None


def _require_git() -> None:
    if not gitrepo.have_git():
        raise GitError("git is not installed: sync needs it (install git, e.g. 'apt install git')")


def _repo(session: Session) -> Repo:
    _require_git()
    repo = gitrepo.find_repo(session.path)
    if repo is None or repo.config(f"merge.{gitrepo.DRIVER}.driver") is None:
        raise GitError(
            f"{session.path.parent} is not set up for sync; run 'networkhabit sync init REMOTE'"
        )
    if repo.remote_url() is None:
        raise GitError("the sync repository has no remote; run 'networkhabit sync init REMOTE'")
    command = gitrepo.driver_command()
    if repo.config(f"merge.{gitrepo.DRIVER}.driver") != command:
        repo.set_config(f"merge.{gitrepo.DRIVER}.driver", command)  # networkhabit moved
    return repo


@contextlib.contextmanager
def _report_file() -> Iterator[Path]:
    fd, name = tempfile.mkstemp(prefix="networkhabit-merge-", suffix=".txt")
    os.close(fd)
    try:
        yield Path(name)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(name)


def _tables(raw: bytes | None, path: Path) -> Data:
    return gitrepo.parse_store_bytes(raw, path)


def _commit_local(session: Session, repo: Repo, *extra: str) -> str:
    """Commit the store if it changed since the last commit; the summary ("" if nothing)."""
    if not repo.store_changed() and not extra:
        return ""
    before = _tables(repo.store_at("HEAD"), session.path) if repo.has_commits() else {}
    now = gitrepo.read_store_file(session.path)
    summary = changes_between(before, now).summary() or "changes"
    host = socket.gethostname() or "this machine"
    done = repo.commit_store(f"networkhabit: {summary} (on {host})", *extra)
    return summary if done else ""


def _fetch(repo: Repo, remote: str) -> None:
    """What the remote holds, fetched (network; the store is not touched)."""
    try:
        repo.fetch()
    except GitError as exc:
        raise GitError(
            f"cannot reach {remote} ({exc}); your data here is unchanged, "
            "the next 'networkhabit sync' sends it"
        ) from None


def _merge_upstream(session: Session, repo: Repo) -> tuple[Changes, tuple[str, ...]]:
    """Merge the fetched branch into the store (the caller holds the store's lock): what
    came in, and the merge's notes."""
    upstream = f"{gitrepo.REMOTE}/{repo.branch()}"
    before = gitrepo.read_store_file(session.path)
    notes: list[str] = []
    if repo.has_ref(upstream):
        with _report_file() as report:
            repo.merge(upstream, "networkhabit: merge from another machine", report)
            notes = [ln for ln in report.read_text(encoding="utf-8").splitlines() if ln]
    gitrepo.make_private(session.path)
    after = gitrepo.read_store_file(session.path)
    return changes_between(before, after), tuple(notes)


def _push(repo: Repo, remote: str) -> None:
    """Send the branch (network; the store is not touched)."""
    try:
        repo.push(repo.branch())
    except GitError as exc:
        raise GitError(
            f"cannot push to {remote} ({exc}); your data here is merged and committed, "
            "the next 'networkhabit sync' sends it"
        ) from None
    repo.set_config(gitrepo.LAST_SYNC_KEY, utc_now())


def _pull_push(session: Session, repo: Repo, committed: str) -> SyncResult:
    """Fetch, merge what came in, push (the caller holds the store's lock)."""
    remote = repo.remote_url() or ""
    _fetch(repo, remote)
    incoming, notes = _merge_upstream(session, repo)
    _push(repo, remote)
    return SyncResult(remote, committed, incoming, notes, True)


def sync(session: Session) -> SyncResult:
    """Commit local changes, merge what the remote holds, push. The network steps run
    outside the store's lock (a slow remote never blocks the app's writes); committing and
    merging, the steps that read or write the store, run in one transaction."""
    repo = _repo(session)
    remote = repo.remote_url() or ""
    _fetch(repo, remote)
    with session.transaction():  # no networkhabit write while git reads or writes the file
        committed = _commit_local(session, repo)
        incoming, notes = _merge_upstream(session, repo)
    _push(repo, remote)
    return SyncResult(remote, committed, incoming, notes, True)


def sync_init(session: Session, remote: str) -> InitResult:
    """Set up sync of this store with ``remote`` (any git URL or path) and run the first one:
    an empty remote gets our store; an empty store here takes the remote's; two stores are
    merged."""
    _require_git()
    if not remote.strip():
        raise GitError("the remote is empty; give a git URL or the path of a bare repository")
    if len(remote) > MAX_REMOTE or any(ch in remote for ch in "\n\r\0") or remote[0] == "-":
        raise GitError(f"{remote[:60]!r} is not a git URL or the path of a repository")
    with session.transaction():
        repo = gitrepo.find_repo(session.path)
        created = repo is None
        if repo is None:
            repo = gitrepo.init_repo(session.path)
        else:
            _check_enclosing(repo, remote)
        extra = gitrepo.write_setup(repo, IGNORED)
        gitrepo.set_remote(repo, remote)
        branch = repo.branch()
        try:
            heads = repo.remote_branches()
        except GitError as exc:
            raise GitError(
                f"cannot reach {remote} ({exc}); sync is set up here, your data is unchanged — "
                "run 'networkhabit sync' when the remote can be reached"
            ) from None
        if heads and branch not in heads and not repo.has_commits():
            branch = heads[0] if len(heads) == 1 else branch
            repo.run("symbolic-ref", "HEAD", f"refs/heads/{branch}")
        if branch in heads:
            repo.fetch()
            upstream = f"{gitrepo.REMOTE}/{branch}"
            if session.is_empty() and not repo.has_commits():
                with contextlib.suppress(FileNotFoundError):
                    session.path.unlink()  # empty: nothing to keep
                repo.take(upstream, branch)
                gitrepo.make_private(session.path)
                repo.run("branch", "-q", f"--set-upstream-to={upstream}", check=False)
                repo.set_config(gitrepo.LAST_SYNC_KEY, utc_now())
                after = gitrepo.read_store_file(session.path)
                incoming = changes_between({}, after)
                result = SyncResult(remote, "", incoming, (), False)
                return InitResult(repo.root, remote, created, "took", result)
            committed = _commit_local(session, repo, *extra)
            unrelated = not _shares_history(repo, upstream)
            if unrelated:
                before = gitrepo.read_store_file(session.path)
                with _report_file() as report:
                    repo.merge(upstream, "networkhabit: merge with another machine", report, True)
                    notes = [ln for ln in report.read_text(encoding="utf-8").splitlines() if ln]
                gitrepo.make_private(session.path)
                after = gitrepo.read_store_file(session.path)
                repo.push(branch)
                repo.set_config(gitrepo.LAST_SYNC_KEY, utc_now())
                result = SyncResult(
                    remote, committed, changes_between(before, after), tuple(notes), True
                )
                return InitResult(repo.root, remote, created, "merged", result)
            result = _pull_push(session, repo, committed)
            return InitResult(repo.root, remote, created, "merged", result)
        committed = _commit_local(session, repo, *extra)
        if not repo.has_commits():
            raise GitError("nothing to sync yet: add a contact or a habit first")
        repo.push(branch)
        repo.set_config(gitrepo.LAST_SYNC_KEY, utc_now())
        result = SyncResult(remote, committed, Changes(), (), True)
        return InitResult(repo.root, remote, created, "pushed", result)


def _check_enclosing(repo: Repo, remote: str) -> None:
    """Use a repository the store is already in only if it syncs with ``remote`` or with
    nothing yet (never re-point, say, a dotfiles repository's remote)."""
    have = repo.remote_url()
    if have is not None and have != remote:
        raise GitError(
            f"{repo.store.parent} is inside the git repository {repo.root}, which syncs with "
            f"{have}; give that remote, or keep the store elsewhere (--db) to sync it on its own"
        )


def _shares_history(repo: Repo, upstream: str) -> bool:
    if not repo.has_commits():
        return False
    got = repo.run("merge-base", "HEAD", upstream, check=False)
    return got.returncode == 0


def sync_status(session: Session) -> SyncStatus:
    """What is not synced yet and when the last sync was (no network)."""
    _require_git()
    repo = gitrepo.find_repo(session.path)
    if repo is None or repo.config(f"merge.{gitrepo.DRIVER}.driver") is None:
        return SyncStatus(None, False, "", 0, None)
    before = _tables(repo.store_at("HEAD"), session.path) if repo.has_commits() else {}
    now = gitrepo.read_store_file(session.path)
    unsynced = changes_between(before, now).summary() if repo.store_changed() else ""
    ahead = repo.ahead(f"{gitrepo.REMOTE}/{repo.branch()}")
    return SyncStatus(repo.remote_url(), True, unsynced, ahead, repo.config(gitrepo.LAST_SYNC_KEY))


def last_sync(session: Session) -> str | None:
    """The UTC time of the last sync of this store, or None (never, or no git); cheap: no
    network, one git call."""
    if not gitrepo.have_git():
        return None
    try:
        repo = gitrepo.find_repo(session.path)
        return repo.config(gitrepo.LAST_SYNC_KEY) if repo is not None else None
    except GitError:
        return None


def since(stamp: str | None) -> str:
    """``3 minutes ago`` for a stored UTC time (as :func:`utc_now` writes it); ``never``."""
    if not stamp:
        return "never"
    from datetime import UTC, datetime

    import humanize

    try:
        when = datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
    except ValueError:
        return stamp
    return str(humanize.naturaltime(datetime.now(UTC) - when))


def merge_driver(base: Path, ours: Path, theirs: Path) -> MergeResult:
    """Git's merge-driver contract: merge the three versions of the store and write the
    result to ``ours``. :class:`StoreError` if one of them is not a store (then nothing is
    written and git reports the conflict)."""
    b = gitrepo.read_store_file(base)
    o = gitrepo.read_store_file(ours)
    t = gitrepo.read_store_file(theirs)
    result = merge_stores(b, o, t)
    gitrepo.write_store_file(ours, result.data)
    gitrepo.append_report(result.notes())
    return result


def _a_copy_of_this_network(current: Data, snap: Snapshot, incoming: Snapshot, today: date) -> bool:
    """Whether the file is a copy of this network: every contact and habit in it is here by
    uid or new here. If one of them is someone (or some habit) here under another uid —
    another network, matched by profile, e-mail, name — it is imported person by person."""
    from networkhabit.domain.merge import plan_json
    from networkhabit.domain.model import Habit

    if not any(current.get(t) for t in RECORD_TABLES):
        return True
    here = {d.get("uid") for t in ("contacts", "habits") for d in (current.get(t) or {}).values()}
    plan = plan_json(snap, incoming, today)
    new = {c.uid for c in plan.new} | {r.uid for r in plan.records if isinstance(r, Habit)}
    uids = [c.uid for c in incoming.contacts] + [h.uid for h in incoming.habits]
    return all(uid in here or uid in new for uid in uids)


def _plan_of(current: Data, merged: Data) -> Plan:
    """What a merge changed, as an import's plan (so ``import json`` reports it the same way:
    "2 new, 1 updated, 40 unchanged, added 3 touches")."""
    from networkhabit.domain.merge import Plan, Update

    plan = Plan("json")
    old = {d["uid"]: d for d in (current.get("contacts") or {}).values() if "uid" in d}
    for doc in (merged.get("contacts") or {}).values():
        before = old.get(doc.get("uid"))
        if before is None:
            plan.new.append(codec.contact_from_doc(doc))
            continue
        fields = tuple(
            sorted(
                k
                for k in {*before, *doc} - {"modified"}
                if before.get(k, MISSING) != doc.get(k, MISSING)
            )
        )
        if fields:
            plan.updates.append(
                Update(codec.contact_from_doc(before), codec.contact_from_doc(doc), fields)
            )
        else:
            plan.unchanged += 1

    def added(table: str) -> list[dict[str, Any]]:
        here = {d.get("uid") for d in (current.get(table) or {}).values()}
        return [d for d in (merged.get(table) or {}).values() if d.get("uid") not in here]

    plan.links.extend(codec.link_from_doc(d) for d in added("links"))
    plan.records.extend(codec.interaction_from_doc(d) for d in added("interactions"))
    plan.records.extend(codec.habit_from_doc(d) for d in added("habits"))
    plan.records.extend(codec.checkin_from_doc(d) for d in added("checkins"))
    plan.records.extend(codec.break_from_doc(d) for d in added("breaks"))
    if not any(current.get(t) for t in RECORD_TABLES):
        meta: dict[str, Any] = next(iter((merged.get("meta") or {}).values()), {})
        settings = codec.settings_from_doc(meta.get("settings"))
        if settings != codec.settings_from_doc(None):
            plan.settings = settings
    return plan


@dataclass(frozen=True, slots=True)
class JsonMerged:
    """What ``import json`` of a copy of this network did: the plan (for the report) and
    whether it wrote (the same two fields as an import's result)."""

    plan: Plan
    written: bool


def merge_json_copy(session: Session, path: str, dry_run: bool, today: date) -> JsonMerged | None:
    """``import json`` of a copy of this network (an export from another machine, a backup):
    merged by uid as ``sync`` merges, so nothing of either side is lost — every touch and
    check-in of both, each field's later change. None if the file is another network
    (no contact or habit in common): then it is matched person by person as any import.
    Returns the plan (what changed) and whether it was written."""
    from networkhabit.importers import jsonio
    from networkhabit.importers.files import read_bytes

    records, incoming = jsonio.parse_tables(read_bytes(path), path)
    with session.transaction() as tx:
        current = tx.raw()
        if not _a_copy_of_this_network(current, tx.snapshot(), records, today):
            return None
        result = merge_stores(None, current, incoming)
        plan = _plan_of(current, result.data)
        if dry_run or not _differs(current, result.data):
            return JsonMerged(plan, False)
        tx.replace_tables(result.data)
    return JsonMerged(plan, True)


def export_store(session: Session, today: date) -> bytes:
    """``export json``: every record as the store holds it (with its ``modified`` time) and
    the tombstones, so ``import json`` on another machine merges it by uid."""
    from networkhabit.importers import jsonio

    session.snapshot()  # checks every record can be read (a malformed one: StoreError)
    return jsonio.export_tables(session.store.raw(), today)


@dataclass(frozen=True, slots=True)
class FoldedIn:
    """A conflict copy merged into the store (``doctor --merge FILE``)."""

    copy: Path
    moved_to: Path
    plan: Plan
    notes: tuple[str, ...]


def conflict_copies(store: Path) -> list[Path]:
    """Conflict copies that file-sync tools left beside the store at ``store`` (a path, not
    a session: ``doctor`` lists them for a store nothing else opens)."""
    from networkhabit.store import doctor

    return doctor.conflict_copies(store)


def merge_conflict_copy(session: Session, name: str) -> FoldedIn:
    """Fold a conflict copy (a path, or a name beside the store) into the store — union by
    uid, the later change where both changed a field — then move it into ``backups/``."""
    from networkhabit.store import doctor

    copy = doctor.find_conflict_copy(session.path, name)
    if copy.resolve() == session.path.resolve():
        raise InputError(f"{copy} is the store itself, not a copy of it")
    incoming = gitrepo.read_store_file(copy)
    if not any(incoming.get(t) for t in RECORD_TABLES):
        raise InputError(f"{copy}: holds no records of a networkhabit store")
    with session.transaction() as tx:
        current = tx.raw()
        result = merge_stores(None, current, incoming)
        plan = _plan_of(current, result.data)
        if _differs(current, result.data):
            tx.replace_tables(result.data)
    moved = doctor.move_to_backups(session.path, copy)
    return FoldedIn(copy, moved, plan, tuple(result.notes()))


def merge_tables(session: Session, incoming: Data, base: Data | None = None) -> MergeResult:
    """Merge another copy's tables into this store (``import json``, ``doctor --merge``), in
    one transaction: union by uid, the later change where both changed a field."""
    with session.transaction() as tx:
        current = tx.raw()
        result = merge_stores(base, current, incoming)
        if _differs(current, result.data):
            tx.replace_tables(result.data)
    return result


def _differs(a: Data, b: Data) -> bool:
    from networkhabit.store.storage import dump_bytes

    return dump_bytes(a) != dump_bytes(b)
