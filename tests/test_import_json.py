"""`export json` → `import json`: a full round trip, and merging into a store that has data."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

from networkhabit.demo import build_demo
from networkhabit.domain.model import Break, CheckIn, Habit, Settings, Snapshot
from networkhabit.store import Store
from networkhabit.store.codec import Record
from tests.conftest import TODAY, days_ago, person, world


def ordered(snap: Snapshot) -> dict[str, object]:
    """A snapshot with every table sorted by uid, for comparison."""

    def key(record: Record) -> str:
        return record.uid

    return {
        "contacts": sorted(snap.contacts, key=key),
        "interactions": sorted(snap.interactions, key=key),
        "links": sorted(snap.links, key=key),
        "habits": sorted(snap.habits, key=key),
        "checkins": sorted(snap.checkins, key=key),
        "breaks": sorted(snap.breaks, key=key),
        "settings": snap.settings,
    }


def rich_demo() -> Snapshot:
    demo = build_demo(TODAY)
    first = replace(
        demo.contacts[0],
        job_changed_on=days_ago(3),
        previous_job="Analyst at Old Co",
        external_id="urn:uuid:abc",
        birthday="--02-29",
        snoozed_until=date(2026, 12, 1),
        imported=(("company", "Old Co"), ("title", "Analyst")),
    )
    return replace(
        demo,
        contacts=(first, *demo.contacts[1:]),
        settings=Settings(default_cadence_by_tag={"client": 30}, neglected_limit=7),
    )


def test_round_trip_into_an_empty_store(cli, make_store, db: Path, tmp_path: Path) -> None:
    original = rich_demo()
    assert original.interactions and original.links and original.habits and original.checkins
    assert original.breaks
    make_store(original)
    out = tmp_path / "export.json"
    r = cli("export", "json", "-o", str(out))
    assert r.exit_code == 0, r.output
    assert out.stat().st_mode & 0o777 == 0o600
    doc = json.loads(out.read_text())
    assert doc["format"] == "networkhabit" and doc["exported"] == TODAY.isoformat()

    other = tmp_path / "other" / "store.json"
    r = cli("--db", str(other), "import", "json", str(out))
    assert r.exit_code == 0, r.output
    assert f"{len(original.contacts)} new, 0 updated" in r.stdout
    assert ordered(Store(other).snapshot()) == ordered(original)

    # Importing it again, into either store, changes nothing.
    for store in (other, db):
        before = store.read_bytes()
        again = cli("--db", str(store), "import", "json", str(out))
        assert f"0 new, 0 updated, {len(original.contacts)} unchanged" in again.stdout
        assert store.read_bytes() == before


def test_stdout_export_is_the_same_document(cli, make_store, tmp_path: Path) -> None:
    make_store(world([person("Ana Ruiz")], touches=[("Ana Ruiz", 3)]))
    r = cli("export", "json")
    assert r.exit_code == 0
    doc = json.loads(r.stdout)
    assert [c["name"] for c in doc["contacts"]] == ["Ana Ruiz"] and len(doc["interactions"]) == 1


def test_merge_into_a_store_with_other_data(cli, make_store, db: Path, tmp_path: Path) -> None:
    habit = Habit("h-file", "Reach out", date(2026, 1, 1))
    source = world(
        [
            person("Ana Ruiz", url="https://www.linkedin.com/in/ana", uid="ana-file"),
            person("Bo Berg", uid="bo-file"),
        ],
        touches=[(["Ana Ruiz", "Bo Berg"], 5, {"kind": "coffee", "note": "lunch"})],
        links=[("Ana Ruiz", "Bo Berg")],
        habits=[habit],
        checkins=[CheckIn("c1", "h-file", days_ago(1)), CheckIn("c2", "h-file", days_ago(2))],
        breaks=[Break("b1", date(2026, 8, 1), date(2026, 8, 10))],
    )
    src_db = tmp_path / "src.json"
    Store(src_db).replace_all(source)
    out = tmp_path / "export.json"
    assert cli("--db", str(src_db), "export", "json", "-o", str(out)).exit_code == 0

    # The target already knows Ana (same profile, another uid) and has the habit by name.
    make_store(
        world(
            [person("Ana R.", url="http://linkedin.com/in/ana/", uid="ana-here", tags=["vip"])],
            habits=[Habit("h-here", "reach out", date(2026, 2, 1))],
            checkins=[CheckIn("c-here", "h-here", days_ago(1))],
        )
    )
    r = cli("import", "json", str(out))
    assert r.exit_code == 0, r.output
    assert "1 new, 1 updated" in r.stdout
    snap = Store(db).snapshot()
    names = {c.uid: c.name for c in snap.contacts}
    assert names == {"ana-here": "Ana Ruiz", "bo-file": "Bo Berg"}
    [touch] = snap.interactions
    assert set(touch.contacts) == {"ana-here", "bo-file"} and touch.note == "lunch"
    [link] = snap.links
    assert {link.a, link.b} == {"ana-here", "bo-file"}
    assert [h.uid for h in snap.habits] == ["h-here"]
    assert sorted((c.habit, c.date) for c in snap.checkins) == [
        ("h-here", days_ago(2)),
        ("h-here", days_ago(1)),
    ]
    assert len(snap.breaks) == 1
    assert snap.contact_by_uid()["ana-here"].tags == ("vip",)
    assert snap.settings == Settings()  # a store with data keeps its own settings
    before = db.read_bytes()
    assert "0 new, 0 updated, 2 unchanged" in cli("import", "json", str(out)).stdout
    assert db.read_bytes() == before


def test_a_store_file_itself_can_be_imported(cli, tmp_path: Path, db: Path) -> None:
    src = tmp_path / "backup.json"
    Store(src).replace_all(world([person("Ana"), person("Bo")], touches=[("Ana", 2)]))
    r = cli("import", "json", str(src))
    assert r.exit_code == 0, r.output
    assert "2 new" in r.stdout and "added 1 touch" in r.stdout
    assert len(Store(db).snapshot().interactions) == 1


def test_same_name_people_in_the_export_stay_apart(
    cli, make_store, db: Path, tmp_path: Path
) -> None:
    src = tmp_path / "src.json"
    Store(src).replace_all(
        world(
            [
                person("Ana"),
                person("Ana"),
                person("John Smith", company="Acme"),
                person("John Smith", company="Acme"),
            ]
        )
    )
    out = tmp_path / "e.json"
    assert cli("--db", str(src), "export", "json", "-o", str(out)).exit_code == 0
    assert "4 new" in cli("import", "json", str(out)).stdout
    assert len(Store(db).snapshot().contacts) == 4
