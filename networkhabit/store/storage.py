"""The one JSON file: atomic writes under an exclusive lock, never a half-written file.

:class:`StoreFile` owns the file. Reads parse it (cached by the file's identity,
so an unchanged file is parsed once); writes happen only inside
:meth:`StoreFile.transaction`, which takes an exclusive ``flock`` on a sidecar
``.lock`` file, reloads the file as it is on disk *now* (so another process's
writes are never lost), lets the caller change it, and then writes a temp file
in the same folder, fsyncs it and ``os.replace``-s it over the store.
:class:`BufferedStorage` is the TinyDB Storage that reads and writes through it.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

Data = dict[str, dict[str, Any]]

#: Bumped whenever the shape of the file changes; migrations.py moves old files forward.
SCHEMA_VERSION = 1
TEMP_PREFIX = ".nh-tmp-"
LOCK_TIMEOUT_S = 15.0


class StoreError(Exception):
    """The store cannot be used as it is; the message is one line for the user."""


def restore_hint(path: Path) -> str:
    """How to get a good file back."""
    return f"restore a backup with: networkhabit --db '{path}' doctor --restore FILE (see 'networkhabit --db '{path}' doctor')"


def _signature(st: os.stat_result) -> tuple[int, int, int, int]:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def parse_bytes(raw: bytes, path: Path) -> Data:
    """The store's tables from the file's bytes; :class:`StoreError` if they are not a store."""
    if not raw.strip():
        return {}
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise StoreError(f"{path}: not valid JSON ({exc}); the file was left untouched; {restore_hint(path)}") from None
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise StoreError(
            f"{path}: not a networkhabit store (expected an object of tables); the file was left untouched; {restore_hint(path)}"
        )
    return data


def dump_bytes(data: Data) -> bytes:
    """Sorted, indented JSON so the file diffs well in git."""
    return orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE)


class StoreFile:
    """The store's JSON file, with cached reads and locked, atomic transactions."""

    def __init__(self, path: Path, lock_timeout: float = LOCK_TIMEOUT_S) -> None:
        self.path = Path(path)
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self.lock_timeout = lock_timeout
        self._cache: tuple[tuple[int, int, int, int], Data] | None = None
        self._buffer: Data | None = None
        self._dirty = False
        self._depth = 0
        #: Called with the current data just before each write (backups, schema stamp).
        self.before_write: list[Callable[[StoreFile, Data], None]] = []

    # -- reading -----------------------------------------------------------------
    def signature(self) -> tuple[int, int, int, int] | None:
        """The file's identity now (device, inode, size, mtime), or None if it is missing."""
        try:
            return _signature(os.stat(self.path))
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot read ({exc.strerror})") from None

    def load(self) -> Data:
        """The file's tables as they are on disk now (parsed again only if it changed)."""
        if self._buffer is not None:
            return self._buffer
        if self.path.is_dir():
            raise StoreError(f"{self.path}: is a folder, not a store file")
        try:
            with open(self.path, "rb") as fh:
                sig = _signature(os.fstat(fh.fileno()))
                if self._cache is not None and self._cache[0] == sig:
                    return self._cache[1]
                raw = fh.read()
        except FileNotFoundError:
            self._cache = None
            return {}
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot read ({exc.strerror})") from None
        data = parse_bytes(raw, self.path)
        self._cache = (sig, data)
        return data

    # -- writing -----------------------------------------------------------------
    @contextlib.contextmanager
    def transaction(self) -> Iterator[Data]:
        """Lock, reload, yield the data to change, write it back atomically if it was changed.

        Re-entrant: a nested transaction joins the outer one. If the body raises,
        nothing is written and the file is untouched.
        """
        if self._depth:
            self._depth += 1
            try:
                assert self._buffer is not None
                yield self._buffer
            finally:
                self._depth -= 1
            return
        with self._locked():
            self._depth = 1
            self._cache = None  # re-read under the lock: another process may have written
            try:
                self._buffer = self.load()
                self._dirty = False
                yield self._buffer
                if self._dirty:
                    for hook in self.before_write:
                        hook(self, self._buffer)
                    self._write(self._buffer)
            except BaseException:
                self._cache = None  # the buffer may hold half-made changes
                raise
            finally:
                self._buffer = None
                self._dirty = False
                self._depth = 0

    def mark_dirty(self, data: Data | None = None) -> None:
        """Record that the transaction changed (or replaced) the data."""
        if self._buffer is None:
            raise RuntimeError("store writes must happen inside a transaction")
        if data is not None:
            self._buffer = data
        self._dirty = True

    def _write(self, data: Data) -> None:
        raw = dump_bytes(data)
        folder = self.path.parent
        fd, tmp = self._temp_file(folder)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(raw)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.path)
        except OSError as exc:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            what = "disk full" if exc.errno == errno.ENOSPC else exc.strerror
            raise StoreError(f"{self.path}: cannot write ({what}); the previous file is intact") from None
        with contextlib.suppress(OSError):
            dir_fd = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
        self._cache = (_signature(os.stat(self.path)), data)

    def _temp_file(self, folder: Path) -> tuple[int, str]:
        try:
            return tempfile.mkstemp(prefix=TEMP_PREFIX + self.path.name + ".", dir=folder)  # mode 0600
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot write in {folder} ({exc.strerror})") from None

    def ensure_folder(self) -> None:
        """Create the store's folder (mode 0700) if it is missing."""
        folder = self.path.parent
        if folder.exists():
            if not folder.is_dir():
                raise StoreError(f"{self.path}: {folder} is not a folder")
            return
        try:
            folder.mkdir(mode=0o700, parents=True)
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot create folder {folder} ({exc.strerror})") from None

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        if self.path.is_dir():
            raise StoreError(f"{self.path}: is a folder, not a store file")
        self.ensure_folder()
        try:
            fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot lock ({exc.strerror})") from None
        try:
            deadline = time.monotonic() + self.lock_timeout
            delay = 0.002
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise StoreError(
                            f"{self.path}: another networkhabit process has held the lock for "
                            f"{self.lock_timeout:.0f}s; try again when it has finished"
                        ) from None
                    time.sleep(delay)
                    delay = min(delay * 2, 0.05)
            # The kernel drops a flock when its holder dies, so a lock never goes stale.
            yield
        finally:
            os.close(fd)


class BufferedStorage(Storage):
    """TinyDB Storage over a :class:`StoreFile`: reads its data, writes into its transaction."""

    def __init__(self, file: StoreFile) -> None:
        self.file = file

    def read(self) -> Data | None:
        data = self.file.load()
        return data if data else None

    def write(self, data: Data) -> None:
        self.file.mark_dirty(data)

    def close(self) -> None:
        pass
