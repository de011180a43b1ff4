"""The writes and the imports load only what they use, as the reads do (see
``test_startup_imports``): each command below runs in a fresh process on its own copy of a
demo store, and what it must not have loaded is checked in ``sys.modules``. (Import checks,
not timings: the benchmarks time it.)"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from networkhabit.demo import build_demo
from networkhabit.store import Store
from tests.conftest import TODAY
from tests.test_startup_imports import _loaded_by, _present

DATA = Path(__file__).parent / "data"

#: The other importers' parsers: an import reads one kind of file.
OTHER_PARSERS = (
    "networkhabit.importers.google",
    "networkhabit.importers.vcard",
    "networkhabit.importers.detect",
    "networkhabit.importers.jsonio",
    "networkhabit.importers.calendar",
    "networkhabit.importers.mail",
)

#: Command → (what it must load: proof that it did its work, what it must not load).
CASES: dict[tuple[str, ...], tuple[str, tuple[str, ...]]] = {
    ("log", "{contact}", "--note", "bench"): (
        "networkhabit.actions.touches",
        (
            "networkhabit.views.contact_page",  # the contact's page: `show` and `contacts --json`
            "networkhabit.domain.network",
            "networkhabit.importers",
            "pkgutil",  # only to list every command module (`--help`)
            "tempfile",  # (writes make their temp files with os.open: store/tempfiles.py)
        ),
    ),
    ("import", "linkedin", "{linkedin}"): (
        "networkhabit.importers.linkedin",
        (
            *OTHER_PARSERS,
            "networkhabit.views",
            "networkhabit.domain.network",
            "pkgutil",
            "tempfile",
        ),
    ),
    ("import", "google", "{google}"): (
        "networkhabit.importers.google",
        ("networkhabit.importers.vcard", "networkhabit.importers.linkedin"),
    ),
    ("today",): ("networkhabit.views.today", ("pkgutil",)),
}


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("startup-light") / "pristine.json"
    Store(path).replace_all(build_demo(TODAY))
    return path


@pytest.mark.parametrize("args", list(CASES), ids=" ".join)
def test_a_write_or_an_import_loads_nothing_it_does_not_use(
    pristine: Path, tmp_path: Path, args: tuple[str, ...]
) -> None:
    store = tmp_path / "networkhabit.json"
    shutil.copyfile(pristine, store)
    values = {
        "contact": build_demo(TODAY).contacts[0].name,
        "linkedin": str(DATA / "linkedin_Connections.csv"),
        "google": str(DATA / "google_contacts.csv"),
    }
    loaded = _loaded_by(store, *(a.format(**values) for a in args))
    needed, unwanted = CASES[args]
    assert _present(loaded, needed)  # (the probe saw the command's own modules)
    assert [name for name in unwanted if _present(loaded, name)] == []
