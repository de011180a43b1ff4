"""Backups beside the store: a daily copy before the first write of each day, and a copy
saved aside before anything rewrites the whole file (restore, --fix, a schema upgrade,
``demo --force``).

Layout (``backups/`` beside the store, mode 0700; every file 0600)::

    backups/networkhabit-2026-11-20.json                    the file as it was before the first
                                                            write of 2026-11-20 (the last N kept)
    backups/networkhabit-before-restore-2026-11-20-091455.json   saved aside, never pruned

The name starts with the store file's stem, so two stores in one folder keep apart.
A backup is a byte copy of the file (no re-serialisation), written to a temp file and
renamed into place, so a half-made backup never has a backup's name.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
from datetime import date, datetime
from pathlib import Path
from typing import Any

from networkhabit import clock
from networkhabit.domain.records import record
from networkhabit.store.storage import (
    BACKUP_DIR,
    KNOWN_TABLES,
    Data,
    StoreError,
    StoreFile,
    fsync_folder,
    parse_bytes,
    real_store_path,
    write_error,
)

DEFAULT_KEEP = 14
#: A daily backup's name ends so (compiled by ``re`` when backups are first listed).
_DAILY = r"-(\d{4}-\d{2}-\d{2})\.json$"


@record
class Backup:
    """One backup file."""

    path: Path
    size: int
    modified: datetime
    #: The day of a daily backup (None for a copy saved aside).
    day: date | None

    @property
    def name(self) -> str:
        """The file name, as ``doctor --restore`` accepts it."""
        return self.path.name


def backup_dir(store_path: Path) -> Path:
    """``backups/`` beside the store (beside a symlinked store's target)."""
    return real_store_path(Path(store_path)).parent / BACKUP_DIR


def daily_path(store_path: Path, day: date) -> Path:
    """``backups/<stem>-YYYY-MM-DD.json``."""
    store_path = real_store_path(Path(store_path))
    return backup_dir(store_path) / f"{store_path.stem}-{day.isoformat()}.json"


class NotFollowed(OSError):
    """``backups/`` is a symbolic link or not a folder: networkhabit does not write there."""


def ensure_backup_dir(store_path: Path) -> Path:
    """Create ``backups/`` (mode 0700) if it is missing; :class:`OSError` if it cannot be, and
    :class:`NotFollowed` if it is a symbolic link (never followed) or not a folder."""
    folder = backup_dir(store_path)
    try:
        st = os.lstat(folder)
    except FileNotFoundError:
        folder.mkdir(mode=0o700)
        return folder
    if stat.S_ISLNK(st.st_mode):
        raise NotFollowed(f"{folder} is a symbolic link; networkhabit does not follow it")
    if not stat.S_ISDIR(st.st_mode):
        raise NotFollowed(f"{folder} is not a folder")
    return folder


def in_the_way(target: Path) -> str | None:
    """Why the file at a daily backup's name is not a backup the store made (None if it is
    one, or if nothing is there): a link, a folder, or not a JSON store. Cheap: looks at the
    file's kind and first byte only (it runs before every write)."""
    try:
        st = os.lstat(target)
    except (FileNotFoundError, NotADirectoryError):  # (no folder: said when it is made)
        return None
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    if stat.S_ISLNK(st.st_mode):
        return "is a symbolic link"
    if not stat.S_ISREG(st.st_mode):
        return "is not a regular file"
    if st.st_size == 0:
        return None  # a backup of an empty store
    try:
        fd = os.open(target, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
        try:
            head = os.read(fd, 1)
        finally:
            os.close(fd)
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    return None if head == b"{" else "is not a networkhabit store"


def blocked_backup(store_path: Path, day: date) -> str | None:
    """The warning for what stops the daily backup of ``day`` (None if nothing does)."""
    folder = backup_dir(store_path)
    if os.path.islink(folder):
        return (
            f"{folder} is a symbolic link; networkhabit does not follow it, so no daily "
            "backup is made — replace it with a real folder"
        )
    target = daily_path(store_path, day)
    why = in_the_way(target)
    if why is None:
        return None
    return f"{target} {why}: it is in the way of today's backup, so none was made — move it away"


def made_by_store(path: Path) -> bool:
    """Whether ``path`` is a backup the store made: a regular file (not a link) holding a
    networkhabit store (an object of tables). Only such files are ever pruned."""
    try:
        st = os.lstat(path)
        if not stat.S_ISREG(st.st_mode):
            return False
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
        with os.fdopen(fd, "rb") as fh:
            raw = fh.read()
    except OSError:
        return False
    if not raw.strip():
        return True
    try:
        data = parse_bytes(raw, path)
    except StoreError:
        return False
    return set(data) <= {*KNOWN_TABLES, "_default"}


def _copy_in_kernel(fin: int, fout: int) -> int | None:
    """Copy all of ``fin`` (from its start) to ``fout`` with ``os.sendfile``, the way
    ``shutil.copyfile`` does on Linux: the kernel moves the bytes, with the interpreter free
    for the app's other thread meanwhile (a 46 MB store through Python's buffers held up the
    app's screen as the day's first write ran). The number of bytes copied; None, with
    nothing written, where the system cannot send a file to a file."""
    sendfile = getattr(os, "sendfile", None)
    if sendfile is None:
        return None
    offset = 0
    while True:
        try:
            sent = sendfile(fout, fin, offset, 1 << 30)
        except OSError as exc:
            if offset == 0 and exc.errno in (
                errno.EINVAL,
                errno.ENOSYS,
                errno.ENOTSOCK,
                errno.EOPNOTSUPP,
            ):
                return None
            raise
        if sent == 0:
            return offset
        offset += sent


def copy_private(src: Path, dest: Path, temp_prefix: str) -> None:
    """Copy ``src`` to ``dest`` (mode 0600) through a temp file in dest's folder; keeps the mtime.

    Raises :class:`OSError`; a failed copy leaves neither a temp file nor a partial ``dest``.
    """
    import shutil  # here: only the day's backup needs it (start-up time)

    from networkhabit.store.tempfiles import make_temp

    fd, tmp = make_temp(dest.parent, temp_prefix)  # mode 0600
    try:
        with open(src, "rb") as fin, os.fdopen(fd, "wb") as fout:
            copied = _copy_in_kernel(fin.fileno(), fout.fileno())
            if copied is None:  # no sendfile between files here: through our memory
                shutil.copyfileobj(fin, fout, 1 << 20)
            fout.flush()
            os.fsync(fout.fileno())
            st = os.fstat(fin.fileno())
        os.utime(tmp, ns=(st.st_atime_ns, st.st_mtime_ns))
        os.replace(tmp, dest)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_folder(dest.parent)


def _keep_from(data: Data) -> int:
    """Settings.backups_keep from the raw meta record (the default if absent or odd)."""
    for doc in (data.get("meta") or {}).values():
        if isinstance(doc, dict) and isinstance(doc.get("settings"), dict):
            value: Any = doc["settings"].get("backups_keep", DEFAULT_KEEP)
            if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
                return value
    return DEFAULT_KEEP


def daily_backup(file: StoreFile, data: Data) -> None:
    """A ``before_write`` hook: before the first write of the day (by the pinned clock), copy
    the file as it is on disk to ``backups/`` and prune the daily copies to the newest
    ``Settings.backups_keep`` (0 turns daily backups off).

    Runs under the store lock. A backup that cannot be made is a warning, not an error:
    the user's write still lands (and the next write tries the backup again).
    """
    keep = _keep_from(data)
    if keep == 0:
        return
    target = daily_path(file.path, clock.today())
    try:
        if not file.path.exists():
            return  # the very first write: nothing to keep yet
        blocked = blocked_backup(file.path, clock.today())
        if blocked is not None:
            file.defer_warning(blocked + "; your change is saved (see 'networkhabit doctor')")
            return
        if os.path.lexists(target):
            return  # done today already
        ensure_backup_dir(file.path)
        copy_private(file.path, target, file.temp_prefix)
        prune(file.path, keep)
    except OSError as exc:
        file.defer_warning(
            f"could not save today's backup to {target.parent} ({write_error(exc)}); "
            "your change is saved, but check 'networkhabit doctor'"
        )


def prune(store_path: Path, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` daily backups (by the date in their name)."""
    daily = [b for b in list_backups(store_path) if b.day is not None]
    daily.sort(key=lambda b: b.day or date.min, reverse=True)
    removed = []
    for b in daily[keep:]:
        if not made_by_store(b.path):
            continue  # only looks like a backup: not ours to delete
        with contextlib.suppress(OSError):
            b.path.unlink()
            removed.append(b.path)
    return removed


def save_aside(file: StoreFile, label: str) -> Path | None:
    """Copy the store file as it is now to ``backups/<stem>-<label>-<date>-<time>.json``.

    For rewrites of the whole file; call it while holding the lock. Returns the copy's path
    (None if there is no file yet); :class:`StoreError` if the copy cannot be made, in which
    case the caller must not go on.
    """
    if not file.path.exists():
        return None
    stamp = f"{clock.today().isoformat()}-{datetime.now():%H%M%S}"
    folder = backup_dir(file.path)
    target = folder / f"{file.path.stem}-{label}-{stamp}.json"
    n = 2
    while os.path.lexists(target):
        target = folder / f"{file.path.stem}-{label}-{stamp}-{n}.json"
        n += 1
    try:
        ensure_backup_dir(file.path)
        copy_private(file.path, target, file.temp_prefix)
    except OSError as exc:
        raise StoreError(
            f"{file.path}: cannot save a copy to {folder} before rewriting the file "
            f"({write_error(exc)}); nothing was changed"
        ) from None
    return target


def list_backups(store_path: Path) -> list[Backup]:
    """This store's backups, newest first (daily ones and copies saved aside)."""
    store_path = real_store_path(Path(store_path))
    folder = backup_dir(store_path)
    prefix = store_path.stem + "-"
    found: list[Backup] = []
    if os.path.islink(folder):
        return []  # never followed
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for e in entries:
        if not (e.name.startswith(prefix) and e.name.endswith(".json")):
            continue
        rest = e.name[len(prefix) :]
        if not (rest[:1].isdigit() or rest.startswith("before-")):
            continue  # another store's backups (e.g. networkhabit-work.json's)
        try:
            st = e.stat(follow_symlinks=False)
        except OSError:
            continue
        if not e.is_file(follow_symlinks=False):
            continue
        day = None
        m = re.search(_DAILY, e.name)
        if m and e.name == f"{prefix}{m.group(1)}.json":
            with contextlib.suppress(ValueError):
                day = date.fromisoformat(m.group(1))
        found.append(Backup(Path(e.path), st.st_size, datetime.fromtimestamp(st.st_mtime), day))
    found.sort(key=lambda b: (b.modified, b.name), reverse=True)
    return found
