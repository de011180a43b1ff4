"""The git calls behind ``networkhabit sync``: the real ``git``, run as a subprocess.

Git is the distribution engine: it moves the store file between machines over any
transport (a bare repository on a drive, ssh, a hosting service). This module only runs
git and reads or writes the files git hands a merge driver; what to run when is decided in
:mod:`networkhabit.actions.sync`. Every failure is a :class:`GitError` whose message is one
line for the user.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from networkhabit.store.storage import Data, StoreError, dump_bytes, parse_bytes, write_atomic

#: The name of networkhabit's merge driver in git's config and in ``.gitattributes``.
DRIVER = "networkhabit"
#: The branch a new sync repository uses.
DEFAULT_BRANCH = "main"
REMOTE = "origin"
#: Where sync remembers the time of the last sync (repository-local git config).
LAST_SYNC_KEY = "networkhabit.lastsync"
#: Set by ``sync`` for the merge driver: the file it appends its report to.
ENV_REPORT = "NETWORKHABIT_MERGE_REPORT"
#: Seconds a network call (fetch, push, ls-remote) may take before it counts as unreachable.
NETWORK_TIMEOUT_S = 120.0


class GitError(Exception):
    """A git step failed; the message is one line for the user."""


def have_git() -> bool:
    """Whether a ``git`` program is on the PATH."""
    return shutil.which("git") is not None


def _one_line(text: str) -> str:
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    useful = [ln for ln in lines if ln.lower().startswith(("fatal:", "error:"))]
    line = (useful or lines or ["(no message)"])[0]
    for prefix in ("fatal: ", "error: "):
        if line.lower().startswith(prefix):
            line = line[len(prefix) :]
    return line


@dataclass(frozen=True, slots=True)
class Repo:
    """A git work tree that holds the store file."""

    root: Path
    store: Path

    @property
    def store_rel(self) -> str:
        """The store file's path inside the repository, as git names it."""
        return self.store.relative_to(self.root).as_posix()

    def run(
        self,
        *args: str,
        check: bool = True,
        env: dict[str, str] | None = None,
        timeout: float | None = None,
    ) -> subprocess.CompletedProcess[str]:
        """Run ``git ARGS`` in the work tree; :class:`GitError` (one line) if it fails and
        ``check``."""
        return run_git(self.root, *args, check=check, env=env, timeout=timeout)

    def out(self, *args: str) -> str:
        """``git ARGS``'s output, stripped."""
        return self.run(*args).stdout.strip()

    # -- questions ------------------------------------------------------------------
    def config(self, key: str) -> str | None:
        got = self.run("config", "--local", "--get", key, check=False)
        return got.stdout.strip() if got.returncode == 0 else None

    def set_config(self, key: str, value: str) -> None:
        self.run("config", "--local", key, value)

    def branch(self) -> str:
        got = self.run("symbolic-ref", "--short", "-q", "HEAD", check=False)
        return got.stdout.strip() or DEFAULT_BRANCH

    def has_commits(self) -> bool:
        return self.run("rev-parse", "-q", "--verify", "HEAD", check=False).returncode == 0

    def has_ref(self, ref: str) -> bool:
        return self.run("rev-parse", "-q", "--verify", ref, check=False).returncode == 0

    def remote_url(self) -> str | None:
        return self.config(f"remote.{REMOTE}.url")

    def store_at(self, ref: str) -> bytes | None:
        """The store file's bytes as commit ``ref`` holds it (None: not there)."""
        got = subprocess.run(
            ["git", "show", f"{ref}:{self.store_rel}"],
            cwd=self.root,
            capture_output=True,
            env=git_env(),
            check=False,
        )
        return got.stdout if got.returncode == 0 else None

    def store_changed(self) -> bool:
        """Whether the store file differs from what the last commit holds (or is new)."""
        got = self.run("status", "--porcelain", "--", self.store_rel)
        return bool(got.stdout.strip())

    def ahead(self, upstream: str) -> int:
        """How many local commits ``upstream`` does not hold."""
        if not self.has_ref(upstream):
            return int(self.out("rev-list", "--count", "HEAD")) if self.has_commits() else 0
        return int(self.out("rev-list", "--count", f"{upstream}..HEAD"))

    def clean(self) -> bool:
        return not self.run("status", "--porcelain").stdout.strip()

    # -- steps ----------------------------------------------------------------------
    def commit_store(self, message: str, *extra: str) -> bool:
        """Commit the store file (and ``extra`` paths) if they changed; whether it did."""
        paths = [p for p in (self.store_rel, *extra) if (self.root / p).exists()]
        if not paths:
            return False
        self.run("add", "--", *paths)
        staged = self.run("diff", "--cached", "--quiet", check=False)
        if staged.returncode == 0:
            return False
        self.run("commit", "-q", "--no-verify", "-m", message)
        return True

    def fetch(self) -> None:
        self.run("fetch", "-q", REMOTE, timeout=NETWORK_TIMEOUT_S)

    def remote_branches(self) -> list[str]:
        got = self.run("ls-remote", "--heads", REMOTE, timeout=NETWORK_TIMEOUT_S)
        return [
            line.split("refs/heads/", 1)[1]
            for line in got.stdout.splitlines()
            if "refs/heads/" in line
        ]

    def merge(self, ref: str, message: str, report: Path, unrelated: bool = False) -> None:
        """Merge ``ref`` through networkhabit's merge driver; on failure the merge is undone
        and :class:`GitError` says why."""
        args = ["merge", "-q", "--ff", "--no-edit", "--no-verify", "-m", message]
        if unrelated:
            args.append("--allow-unrelated-histories")
        got = self.run(*args, ref, check=False, env={ENV_REPORT: str(report)})
        if got.returncode != 0:
            self.run("merge", "--abort", check=False)
            raise GitError(f"git could not merge {ref}: {_one_line(got.stdout + got.stderr)}")

    def push(self, branch: str) -> None:
        self.run("push", "-q", "-u", REMOTE, f"HEAD:refs/heads/{branch}", timeout=NETWORK_TIMEOUT_S)

    def take(self, ref: str, branch: str) -> None:
        """Make the work tree hold ``ref`` exactly (a new machine with an empty store)."""
        self.run("checkout", "-q", "-f", "-B", branch, ref)


def git_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for git: never prompt, plain English messages."""
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C", "LANG": "C"}
    env.setdefault("GIT_SSH_COMMAND", "ssh -o BatchMode=yes")
    if extra:
        env.update(extra)
    return env


def run_git(
    folder: Path,
    *args: str,
    check: bool = True,
    env: dict[str, str] | None = None,
    timeout: float | None = None,
) -> subprocess.CompletedProcess[str]:
    """``git ARGS`` in ``folder``; :class:`GitError` if git is missing, or (``check``) fails."""
    try:
        got = subprocess.run(
            ["git", *args],
            cwd=folder,
            capture_output=True,
            text=True,
            env=git_env(env),
            timeout=timeout,
            check=False,
        )
    except FileNotFoundError:
        raise GitError(
            "git is not installed: sync needs it (install git, e.g. 'apt install git')"
        ) from None
    except subprocess.TimeoutExpired:
        raise GitError(f"git {args[0]} took longer than {timeout:.0f}s; try again") from None
    if check and got.returncode != 0:
        text = got.stderr or got.stdout
        if "tell me who you are" in text or "auto-detect email" in text:
            raise GitError(
                "git does not know who you are; run: git config --global user.name 'Your Name' "
                "&& git config --global user.email you@example.com"
            )
        raise GitError(f"git {args[0]} failed: {_one_line(text)}")
    return got


def find_repo(store: Path) -> Repo | None:
    """The git work tree the store's folder is in, if any."""
    folder = store.parent
    if not folder.is_dir():
        return None
    got = run_git(folder, "rev-parse", "--show-toplevel", check=False)
    if got.returncode != 0:
        return None
    root = Path(got.stdout.strip())
    return Repo(root.resolve(), store.parent.resolve() / store.name)


def init_repo(store: Path) -> Repo:
    """Make the store's folder a git repository (branch ``main``)."""
    folder = store.parent
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    run_git(folder, "init", "-q")
    run_git(folder, "symbolic-ref", "HEAD", f"refs/heads/{DEFAULT_BRANCH}")
    repo = find_repo(store)
    if repo is None:
        raise GitError(f"git init in {folder} did not make a repository")
    return repo


def driver_command() -> str:
    """The merge driver git runs: this Python running networkhabit (works in any venv)."""
    return f"{shlex.quote(sys.executable)} -m networkhabit sync merge-driver %O %A %B"


def write_setup(repo: Repo, ignored: list[str]) -> list[str]:
    """Write ``.gitattributes`` (the store merges through the driver) and ``.gitignore`` in
    the store's folder, keeping lines already there, and the repository-local config for
    the driver; returns the files to commit."""
    folder = repo.store.parent
    files = []
    for name, lines in (
        (".gitattributes", [f"{repo.store.name} merge={DRIVER}"]),
        (".gitignore", ignored),
    ):
        path = folder / name
        have = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
        missing = [ln for ln in lines if ln not in have]
        if missing:
            path.write_text("\n".join([*have, *missing]) + "\n", encoding="utf-8")
        files.append(path.relative_to(repo.root).as_posix())
    repo.set_config(f"merge.{DRIVER}.name", "networkhabit store (merge by uid, field by field)")
    repo.set_config(f"merge.{DRIVER}.driver", driver_command())
    return files


def set_remote(repo: Repo, url: str) -> None:
    if repo.remote_url() is None:
        repo.run("remote", "add", REMOTE, url)
    else:
        repo.run("remote", "set-url", REMOTE, url)


def make_private(path: Path) -> None:
    """Git writes files with the umask's mode; the store is 0600 (best effort)."""
    with contextlib.suppress(OSError):
        if path.exists():
            os.chmod(path, 0o600)


# -- the merge driver's files ------------------------------------------------------------


def read_store_file(path: Path) -> Data:
    """A store file's tables (empty for an empty or missing file, as git gives a missing
    base); :class:`StoreError` if it is not a store."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise StoreError(f"{path}: cannot read ({exc.strerror})") from None
    return parse_bytes(raw, path)


def parse_store_bytes(raw: bytes | None, path: Path) -> Data:
    """:func:`read_store_file` of bytes already read (None: no file)."""
    return parse_bytes(raw, path) if raw else {}


def write_store_file(path: Path, data: Data) -> None:
    """Write ``data`` as the store writes it (sorted, indented: it diffs well)."""
    try:
        write_atomic(path, dump_bytes(data), temp_prefix=".nh-merge-")
    except OSError as exc:
        raise StoreError(f"{path}: cannot write ({exc.strerror})") from None


def append_report(lines: list[str]) -> None:
    """Hand the merge's notes to the ``sync`` that ran git (see :data:`ENV_REPORT`)."""
    target = os.environ.get(ENV_REPORT)
    if not target or not lines:
        return
    with contextlib.suppress(OSError), open(target, "a", encoding="utf-8") as fh:
        fh.write("".join(f"{line}\n" for line in lines))
