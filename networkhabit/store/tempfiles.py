"""A private temp file beside a target, for an atomic replace: what ``tempfile.mkstemp``
does (``O_CREAT | O_EXCL``, mode 0600, a random name, tried again on a clash), without
importing ``tempfile`` (it brings ``random``, ``shutil`` and the compression modules: a
tenth of a short write's start-up)."""

from __future__ import annotations

import os
from pathlib import Path

#: Names tried before giving up (as tempfile.TMP_MAX).
TRIES = 10_000
_FLAGS = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | os.O_CLOEXEC


def make_temp(folder: Path | str, prefix: str, suffix: str = "") -> tuple[int, str]:
    """(an open descriptor, its path) of a new empty file ``prefix`` + 16 random hex digits +
    ``suffix`` in ``folder``, readable and writable by its owner only. Raises
    :class:`OSError` (as ``FileExistsError`` after :data:`TRIES` clashes)."""
    for _ in range(TRIES):
        path = os.path.join(folder, f"{prefix}{os.urandom(8).hex()}{suffix}")
        try:
            return os.open(path, _FLAGS, 0o600), path
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temp file name in {folder}")
