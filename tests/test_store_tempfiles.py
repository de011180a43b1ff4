"""make_temp: a new private file beside its target, as tempfile.mkstemp makes one, without
importing tempfile (writes start faster; tests/test_startup_light.py checks that no write
imports it)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from networkhabit.store import tempfiles
from networkhabit.store.tempfiles import make_temp


def test_a_temp_file_is_new_private_and_named_as_asked(tmp_path: Path) -> None:
    fd, path = make_temp(tmp_path, ".store.json.", ".tmp")
    try:
        assert Path(path).parent == tmp_path
        name = Path(path).name
        assert name.startswith(".store.json.") and name.endswith(".tmp")
        assert stat.S_IMODE(os.fstat(fd).st_mode) == 0o600
        os.write(fd, b"x")
    finally:
        os.close(fd)
    assert Path(path).read_bytes() == b"x"
    fd2, other = make_temp(tmp_path, ".store.json.", ".tmp")
    os.close(fd2)
    assert other != path


def test_a_clash_is_tried_again_and_too_many_give_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = iter([b"\x00" * 8, b"\x00" * 8, b"\x01" * 8])
    monkeypatch.setattr(tempfiles.os, "urandom", lambda n: next(names))
    fd, first = make_temp(tmp_path, "t.")
    os.close(fd)
    fd, second = make_temp(tmp_path, "t.")  # the same name first: tried again
    os.close(fd)
    assert first != second
    monkeypatch.setattr(tempfiles.os, "urandom", lambda n: b"\x00" * 8)
    monkeypatch.setattr(tempfiles, "TRIES", 3)
    with pytest.raises(FileExistsError):
        make_temp(tmp_path, "t.")


def test_a_symlink_in_the_way_is_not_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    victim = tmp_path / "victim"
    victim.write_text("keep")
    monkeypatch.setattr(tempfiles.os, "urandom", lambda n: b"\x02" * 8)
    (tmp_path / ("t." + "02" * 8)).symlink_to(victim)
    monkeypatch.setattr(tempfiles, "TRIES", 2)
    with pytest.raises(FileExistsError):
        make_temp(tmp_path, "t.")
    assert victim.read_text() == "keep"
