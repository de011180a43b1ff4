"""Output and signals (issue 18): a closed or full stdout and Ctrl-C end in one line, never a
traceback; a command that saved its change and then cannot print still exits 0 and says the
change was saved (so nobody runs it twice)."""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from networkhabit.store import Store
from networkhabit.terminal import SafeStream, output_verdict, printable
from tests.conftest import TODAY, person, world


def _env(db: Path) -> dict[str, str]:
    return {**os.environ, "NETWORKHABIT_DB": str(db), "NETWORKHABIT_TODAY": TODAY.isoformat()}


def _sh(db: Path, line: str) -> subprocess.CompletedProcess[str]:
    """Run ``networkhabit <line>`` through a shell (for redirections such as ``>&-``)."""
    cmd = f"{sys.executable} -m networkhabit {line}"
    return subprocess.run(
        ["sh", "-c", cmd], env=_env(db), capture_output=True, text=True, timeout=60, check=False
    )


def _touches(db: Path) -> int:
    return len(Store(db).snapshot().interactions)


def test_closed_stdout_is_one_line_not_a_traceback(make_store, db: Path) -> None:
    make_store(world([person("Ana Ruiz")]))
    r = _sh(db, "contacts >&-")
    assert "Traceback" not in r.stderr
    assert r.stderr.strip().splitlines() == [
        "networkhabit: could not print the output (stdout is closed)"
    ]
    assert r.returncode == 1


def test_a_saved_change_with_a_full_stdout_exits_0_and_says_it_was_saved(
    make_store, db: Path
) -> None:
    make_store(world([person("Ana Ruiz")]))
    r = _sh(db, "log Ana >/dev/full")
    assert "internal error" not in r.stderr and "Traceback" not in r.stderr
    assert r.returncode == 0, r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "your change was saved" in lines[0]
    assert "No space left on device" in lines[0]
    assert _touches(db) == 1  # logged once: nobody is told to retry


def test_a_read_with_a_full_stdout_is_an_error(make_store, db: Path) -> None:
    make_store(world([person(f"Person {n}") for n in range(300)]))  # more than one buffer
    r = _sh(db, "contacts >/dev/full")
    assert r.returncode == 1
    assert r.stderr.strip().splitlines() == [
        "networkhabit: could not print the output (No space left on device)"
    ]


def test_a_closed_pipe_is_still_quiet(make_store, db: Path) -> None:
    make_store(world([person(f"Person {n}") for n in range(3000)]))
    r = _sh(db, "contacts | head -1")
    assert r.returncode == 0 and r.stderr == ""
    assert r.stdout.count("\n") == 1


def _ctrl_c_as_in_a_terminal() -> None:
    """In the child, before it runs: Ctrl-C at its default, as in a terminal. A test run
    started in the background (``pytest &``: the shell ignores SIGINT for it, and children
    inherit that) would otherwise start networkhabit with Ctrl-C ignored — rightly left so
    by its start-up guard — and the signal would do nothing."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_during_start_up_is_one_line_and_exit_130(tmp_path: Path) -> None:
    # The signal arrives at the moment the command line module starts loading (the window in
    # which 8 of 40 Ctrl-Cs used to print a KeyboardInterrupt traceback).
    script = (
        "import builtins, os, signal\n"
        "real = builtins.__import__\n"
        "def imp(name, *a, **k):\n"
        "    if name == 'networkhabit.cli':\n"
        "        os.kill(os.getpid(), signal.SIGINT)\n"
        "    return real(name, *a, **k)\n"
        "builtins.__import__ = imp\n"
        "from networkhabit.entry import run\n"
        "run()\n"
    )
    r = subprocess.run(
        [sys.executable, "-c", script, "today"],
        env=_env(tmp_path / "s.json"),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        preexec_fn=_ctrl_c_as_in_a_terminal,
    )
    assert r.returncode == 130
    assert r.stderr == "networkhabit: interrupted\n"
    assert not (tmp_path / "s.json").exists()


def _holds_open(pid: int, path: Path) -> bool:
    fd_dir = Path(f"/proc/{pid}/fd")
    try:
        return any(os.readlink(fd) == str(path) for fd in fd_dir.iterdir())
    except OSError:
        return False


def test_ctrl_c_while_a_command_waits_is_one_line_and_exit_130(make_store, db: Path) -> None:
    make_store(world([person("Ana Ruiz")]))
    before = db.read_bytes()
    lock = db.with_name(db.name + ".lock")
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX)  # the command will wait for the lock
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "networkhabit", "log", "Ana"],
            env=_env(db),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 30
        while not _holds_open(proc.pid, lock):  # wait until it is waiting on the lock
            assert proc.poll() is None and time.monotonic() < deadline
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    finally:
        os.close(fd)
    assert proc.returncode == 130
    assert err == "networkhabit: interrupted\n" and out == ""
    assert db.read_bytes() == before


def test_the_filter_keeps_bold_and_shows_every_other_control() -> None:
    bold = "\x1b[1mAna\x1b[0m"
    assert printable(bold) == bold
    assert printable("a\x1b]0;pwned\x07b") == "a␛]0;pwned␇b"
    assert printable("x\x1b[2Jy\x9b31m\rz\x7f") == "x␛[2Jy\\x9b31m␍z␡"
    assert printable("tab\tand\nnewline") == "tab\tand\nnewline"
    assert printable("\x1b[31m") == "␛[31m"  # only bold on/off pass


def test_a_stream_remembers_its_failure_instead_of_raising() -> None:
    class Full:
        encoding = "utf-8"

        def write(self, text: str) -> int:
            raise OSError(28, "No space left on device")

        def flush(self) -> None:
            pass

    stream = SafeStream(Full(), "stdout")  # type: ignore[arg-type]
    assert stream.write("hello\n") == 6
    assert isinstance(stream.failed, OSError)
    assert output_verdict(stream.failed, 0, saved=True)[0] == 0
    assert output_verdict(stream.failed, 0, saved=False)[0] == 1
    assert output_verdict(BrokenPipeError(), 0, saved=False) == (0, "")


def test_on_a_real_terminal_every_escape_is_shown_not_acted_on(make_store, db: Path) -> None:
    import pty

    evil = "\x1b]0;pwned\x07\x1b[2J\x9b31m"
    make_store(world([person("Ana" + evil, company="Acme" + evil, notes="n" + evil)]))
    master, slave = pty.openpty()
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "networkhabit", "show", "Ana"],
            env=_env(db),
            stdout=slave,
            stderr=slave,
            timeout=60,
            check=False,
        )
        os.close(slave)
        out = b""
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the terminal's other end is closed: all read
                break
            if not chunk:
                break
            out += chunk
    finally:
        os.close(master)
    text = out.decode()
    assert proc.returncode == 0
    assert "Ana␛]0;pwned␇␛[2J\\x9b31m" in text and "Acme␛]0;pwned" in text
    assert "\x1b]" not in text and "\x1b[2J" not in text and "\x9b" not in text
    assert "\x1b[1m" in text  # click's bold still reaches the terminal
