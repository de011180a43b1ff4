"""Derived data kept outside the user's file: the touch index, in the user cache folder.

The store file holds data only, so that it diffs in git as the data changed. What the daily
paths read instead of parsing every touch (see :func:`networkhabit.store.codec.index_doc`)
lives in ``<user cache dir>/networkhabit/index/<hash of the store's path>.json`` (env
``NETWORKHABIT_CACHE`` chooses another folder). A cache file names the store it was made for
and carries a crc32 and length of the exact bytes of the store's touches; a reader trusts it
only when both match, and otherwise works everything out from the touches (and the next
read or write makes the cache anew). Writing the cache is best effort: a cache folder that
cannot be written never fails a command.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path
from typing import Any

import orjson

ENV_CACHE = "NETWORKHABIT_CACHE"
APP_NAME = "networkhabit"
#: Temp files of cache writes start with this (a dead writer's are harmless and rare).
CACHE_TEMP_PREFIX = ".nh-cache-"


def cache_dir() -> Path:
    """The folder for networkhabit's caches: ``$NETWORKHABIT_CACHE`` or the user cache dir."""
    env = os.environ.get(ENV_CACHE)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_cache_dir  # here: only a cache miss or a write needs it

    return Path(user_cache_dir(APP_NAME, appauthor=False))


def store_key(store: Path) -> str:
    """The store's absolute path as the cache knows it."""
    return os.path.abspath(store)


def index_path(store: Path) -> Path:
    """Where the touch index of the store at ``store`` is cached."""
    digest = hashlib.sha256(store_key(store).encode("utf-8", "surrogatepass")).hexdigest()
    return cache_dir() / "index" / f"{digest[:24]}.json"


def read_index(store: Path, checksum: str) -> dict[str, Any] | None:
    """The cached index of ``store`` if it was made from touches with ``checksum``; None if it
    is missing, unreadable, of another store or stale."""
    try:
        raw = index_path(store).read_bytes()
        doc = orjson.loads(raw)
    except (OSError, orjson.JSONDecodeError, UnicodeError):
        return None
    if not isinstance(doc, dict):
        return None
    if doc.pop("store", None) != store_key(store) or doc.get("checksum") != checksum:
        return None
    return doc


def write_index(store: Path, index: dict[str, Any]) -> bool:
    """Cache ``index`` (stamped with its ``checksum``) for ``store``; False if it could not be
    written (never raises: the cache is only a shortcut)."""
    import tempfile  # here: only writes need it (start-up time)

    target = index_path(store)
    tmp = ""
    try:
        raw = orjson.dumps({**index, "store": store_key(store)})
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=CACHE_TEMP_PREFIX, dir=target.parent)
        with os.fdopen(fd, "wb") as fh:  # no fsync: a cache lost on power loss is rebuilt
            fh.write(raw)
        os.replace(tmp, target)
    except (OSError, TypeError, ValueError):
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        return False
    return True


def drop_index(store: Path) -> None:
    """Forget the cached index of ``store`` (best effort)."""
    with contextlib.suppress(OSError):
        index_path(store).unlink()
