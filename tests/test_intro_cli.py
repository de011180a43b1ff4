"""``knows`` and ``intro path|suggest|make``, ``show``'s network parts, and the demo store."""

from __future__ import annotations

import json
from pathlib import Path

from networkhabit.store import Store
from tests.conftest import TODAY, days_ago, person, run_cli, world


def network_world():
    return world(
        [
            person("Ana Ruiz", company="Northwind Traders", needs=["data engineers"]),
            person("Mei Chen", company="Northwind Traders", offers=["Data Engineering"]),
            person("Elif Yilmaz", company="Globex"),
            person("Bo Berg", company="Initech", offers=["rust"]),
            person("Claire Dupont", company="Northwind Traders", title="CEO", known=False),
            person("Dev Raman", company="Stripe", known=False),
            person("Rosa Jimenez", company="Oscorp", known=False),
        ],
        touches=[("Ana Ruiz", 5), ("Elif Yilmaz", 40), ("Bo Berg", 2)],
        links=[
            ("Elif Yilmaz", "Claire Dupont"),
            ("Bo Berg", "Rosa Jimenez"),
            ("Rosa Jimenez", "Dev Raman"),
        ],
    )


def test_knows_links_a_pair_once_in_either_order(cli, make_store, db: Path) -> None:
    make_store(world([person("Ana Ruiz"), person("Mei Chen")]))
    r = cli("knows", "ana", "mei", "--note", "worked together")
    assert r.exit_code == 0, r.output
    assert r.output == "linked Ana Ruiz and Mei Chen: they know each other — worked together\n"
    again = cli("knows", "Mei Chen", "Ana Ruiz")
    assert again.exit_code == 0 and "already linked" in again.output
    noted = cli("knows", "mei", "ana", "--note", "old colleagues")
    assert noted.exit_code == 0 and "updated the link" in noted.output
    [link] = Store(db).snapshot().links
    assert (link.source, link.note) == ("manual", "old colleagues")


def test_knows_refuses_the_same_person_and_unknown_names(cli, make_store, db: Path) -> None:
    make_store(world([person("Ana Ruiz"), person("Mei Chen")]))
    before = db.read_bytes()
    same = cli("knows", "ana", "Ana Ruiz")
    assert same.exit_code == 1 and "themselves" in same.stderr
    missing = cli("knows", "ana", "Zed")
    assert missing.exit_code == 1 and "no contact 'Zed'" in missing.stderr
    assert db.read_bytes() == before


def test_intro_make_twice_logs_two_touches_but_one_link(cli, make_store, db: Path) -> None:
    make_store(world([person("Ana Ruiz"), person("Mei Chen")]))
    first = cli("intro", "make", "ana", "mei", "--note", "data pipelines")
    assert first.exit_code == 0, first.output
    assert (
        first.output
        == "introduced Ana Ruiz to Mei Chen · logged an intro with both · linked them\n"
    )
    second = cli("intro", "make", "Mei", "Ana")
    assert second.exit_code == 0 and "they were linked already" in second.output
    snap = Store(db).snapshot()
    assert len(snap.links) == 1
    assert (snap.links[0].source, snap.links[0].note) == ("introduced-by-me", "data pipelines")
    intros = [i for i in snap.interactions if i.kind == "intro"]
    assert len(intros) == 2 and all(len(i.contacts) == 2 and i.date == TODAY for i in intros)
    doc = json.loads(cli("show", "ana", "--json").output)
    assert doc["ledger"] == {"made_for": 2, "received_through": 0}
    assert doc["last_contact"] == TODAY.isoformat()  # the intro counts as a touch


def test_intro_make_refuses_the_same_person_and_writes_nothing(cli, make_store, db: Path) -> None:
    make_store(world([person("Ana Ruiz"), person("Mei Chen")]))
    before = db.read_bytes()
    r = cli("intro", "make", "ana", "ana ruiz")
    assert r.exit_code == 1 and "themselves" in r.stderr
    assert db.read_bytes() == before


def test_intro_path_nobody_exits_1_with_did_you_mean_and_writes_nothing(
    cli, make_store, db: Path
) -> None:
    make_store(world([person("Noah Body"), person("Ana Ruiz", company="Northwind")]))
    before = db.read_bytes()
    r = cli("intro", "path", "Nobody")
    assert r.exit_code == 1
    assert r.stderr.startswith("Error: no contact or company 'Nobody' — did you mean: Noah Body")
    assert r.stdout == ""
    assert db.read_bytes() == before


def test_intro_path_to_a_person(cli, make_store) -> None:
    make_store(network_world())
    r = cli("intro", "path", "Claire Dupont")
    assert r.exit_code == 0, r.output
    assert r.output.splitlines() == [
        "Warm paths to Claire Dupont (CEO at Northwind Traders)",
        "  1. Ask Elif Yilmaz (last talked 6 weeks ago) to introduce you to Claire Dupont (Northwind Traders)",
        (
            "  2. Ask Ana Ruiz (last talked 5 days ago) to introduce you to Claire Dupont (Northwind Traders)"
            " — both work at Northwind Traders, so they likely know each other"
        ),
        (
            "  3. Ask Mei Chen (no touches yet) to introduce you to Claire Dupont (Northwind Traders)"
            " — both work at Northwind Traders, so they likely know each other"
        ),
    ]
    three = cli("intro", "path", "dev")
    assert three.output.splitlines()[1] == (
        "  1. Ask Bo Berg (last talked 2 days ago) to introduce you to Rosa Jimenez, who knows Dev Raman (Stripe)"
    )


def test_intro_path_json(cli, make_store) -> None:
    make_store(network_world())
    doc = json.loads(cli("intro", "path", "Claire", "--json", "--limit", "2").output)
    assert doc["target"]["kind"] == "person" and doc["target"]["label"] == "Claire Dupont"
    assert doc["max_hops"] == 3 and doc["message"] is None and doc["unreachable"] == []
    first, second = doc["paths"]
    assert [h["name"] for h in first["hops"]] == ["Elif Yilmaz", "Claire Dupont"]
    assert (
        first["sources"] == ["manual"] and first["inferred"] is False and first["direct"] is False
    )
    assert first["advice"].startswith("Ask Elif Yilmaz")
    assert second["inferred"] is True and second["sources"] == ["same-company"]
    assert set(first["hops"][0]) == {"uid", "name", "label", "company", "known"}


def test_intro_path_to_a_company_lists_every_reachable_employee(cli, make_store) -> None:
    make_store(network_world())
    r = cli("intro", "path", "northwind traders")
    assert r.exit_code == 0, r.output
    assert r.output.splitlines() == [
        "Warm paths to Northwind Traders · 3 people",
        "  1. you know Ana Ruiz directly — last talked 5 days ago",
        "  2. you know Mei Chen directly — no touches yet",
        "  3. Ask Elif Yilmaz (last talked 6 weeks ago) to introduce you to Claire Dupont (Northwind Traders)",
    ]
    doc = json.loads(cli("intro", "path", "Northwind Traders", "--json").output)
    assert doc["target"]["kind"] == "company" and len(doc["target"]["uids"]) == 3
    assert [p["direct"] for p in doc["paths"]] == [True, True, False]


def test_intro_path_unreachable_explains_and_exits_0(cli, make_store) -> None:
    make_store(network_world())
    r = cli("add", "Marta Lindqvist", "--company", "Spotify", "--prospect")
    assert r.exit_code == 0
    r = cli("intro", "path", "Marta")
    assert r.exit_code == 0
    assert r.output.startswith("no warm path to Marta Lindqvist within 3 hops — ")
    doc = json.loads(cli("intro", "path", "spotify", "--json").output)
    assert doc["paths"] == [] and doc["message"].startswith("no warm path to Spotify")
    assert [u["label"] for u in doc["unreachable"]] == ["Marta Lindqvist"]


def test_intro_path_to_someone_i_know(cli, make_store) -> None:
    make_store(network_world())
    r = cli("intro", "path", "Ana")
    assert r.output == "you know Ana Ruiz directly — last talked 5 days ago\n"


def test_intro_suggest_text_json_and_limit(cli, make_store) -> None:
    make_store(network_world())
    r = cli("intro", "suggest")
    assert r.exit_code == 0, r.output
    assert (
        "  • Introduce Ana Ruiz to Mei Chen — Ana needs data engineers, Mei offers Data Engineering"
        in r.output
    )
    [s] = json.loads(cli("intro", "suggest", "--json", "--limit", "1").output)
    assert s["needs"]["label"] == "Ana Ruiz" and s["offers"]["label"] == "Mei Chen"
    assert s["topics"] == ["data engineers"] and s["score"] >= 1
    assert s["reason"].startswith("Introduce Ana Ruiz to Mei Chen — ")
    assert cli("intro", "make", "ana", "mei").exit_code == 0
    after = cli("intro", "suggest")
    assert after.exit_code == 0 and "you made every introduction there is to make" in after.output


def test_show_lists_inferred_colleagues_and_the_ledger(cli, make_store) -> None:
    snap = network_world()
    make_store(snap)
    assert cli("add", "Yuki Sato", "--met-through", "Ana Ruiz").exit_code == 0
    out = cli("show", "Ana Ruiz").output
    assert "  • Yuki Sato (met-through)" in out
    assert "  • Mei Chen (same company, inferred)" in out
    assert "  • Claire Dupont (same company, inferred)" in out
    assert (
        "Give and take\n  you made 0 introductions for them · you met 1 person through them" in out
    )
    doc = json.loads(cli("show", "Ana Ruiz", "--json").output)
    assert doc["ledger"] == {"made_for": 0, "received_through": 1}
    knows = {k["name"]: (k["source"], k["inferred"]) for k in doc["knows"]}
    assert knows == {
        "Yuki Sato": ("met-through", False),
        "Mei Chen": ("same-company", True),
        "Claire Dupont": ("same-company", True),
    }


def test_today_has_give_first_and_ask_intro(cli, make_store) -> None:
    make_store(network_world())
    doc = json.loads(cli("today", "--json").output)
    kinds = {it["kind"]: it for it in doc["items"]}
    assert kinds["give_first"]["title"] == "Introduce Ana Ruiz to Mei Chen"
    assert kinds["ask_intro"]["title"].startswith("Ask ")
    out = cli("today").output
    assert "Give first" in out and "Ask for an introduction" in out


def test_every_feature_shows_something_on_the_demo_store(cli) -> None:
    assert cli("demo").exit_code == 0
    claire = cli("intro", "path", "Claire Dupont")
    assert claire.exit_code == 0 and "to introduce you to Claire Dupont" in claire.output
    hooli = cli("intro", "path", "Hooli")
    assert "you know" in hooli.output and "to introduce you to Felix Wagner" in hooli.output
    three = cli("intro", "path", "Dev Raman").output
    assert ", who knows Dev Raman (Stripe)" in three
    suggest = cli("intro", "suggest").output.splitlines()
    assert len(suggest) >= 5 and suggest[1].startswith("  • Introduce ")
    assert (
        "Fatima needs a data engineer, Mei offers data engineering"
        in cli("intro", "suggest", "--limit", "50").output
    )
    kinds = [it["kind"] for it in json.loads(cli("today", "--json").output)["items"]]
    assert kinds.count("give_first") == 1 and kinds.count("ask_intro") == 1
    fatima = json.loads(cli("show", "Fatima Zahra", "--json").output)
    assert fatima["ledger"]["received_through"] == 1
    assert any(k["inferred"] for k in fatima["knows"])


def test_real_subprocess_intro_path_and_make(tmp_path: Path) -> None:
    db = tmp_path / "nh.json"
    Store(db).replace_all(
        world(
            [
                person("Ana Ruiz"),
                person("Mei Chen", company="Northwind Traders", known=False),
                person("Bo Berg", created=days_ago(10)),
            ],
            touches=[("Ana Ruiz", 5)],
            links=[("Ana Ruiz", "Mei Chen")],
        )
    )
    r = run_cli(db, "intro", "path", "Mei Chen")
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[1] == (
        "  1. Ask Ana Ruiz (last talked 5 days ago) to introduce you to Mei Chen (Northwind Traders)"
    )
    bad = run_cli(db, "intro", "path", "Nobody")
    assert (
        bad.returncode == 1
        and "no contact or company 'Nobody'" in bad.stderr
        and "Traceback" not in bad.stderr
    )
    made = run_cli(db, "intro", "make", "Ana", "Bo")
    assert made.returncode == 0 and "linked them" in made.stdout
    assert len(Store(db).snapshot().links) == 2


def test_intro_ask_logs_the_ask_and_rests_the_prospect(cli, make_store, db) -> None:
    import json

    from networkhabit.store import Store

    make_store(
        world(
            [person("Ana Ruiz"), person("Dev Raman", known=False, company="Stripe")],
            touches=[("Ana Ruiz", 4)],
            links=[("Ana Ruiz", "Dev Raman")],
        )
    )
    r = cli("intro", "ask", "dev")
    assert r.exit_code == 0, r.output
    assert "asked Ana Ruiz to introduce you to Dev Raman" in r.output
    snap = Store(db).snapshot()
    [asked] = [i for i in snap.interactions if i.date == TODAY]
    assert asked.note == "asked for an introduction to Dev Raman"
    dev = next(c for c in snap.contacts if c.name == "Dev Raman")
    assert dev.snoozed_until is not None and dev.snoozed_until > TODAY
    kinds = [i["kind"] for i in json.loads(cli("today", "--json").output)["items"]]
    assert "ask_intro" not in kinds
    bad = cli("intro", "ask", "dev", "--via", "dev")
    assert bad.exit_code == 1 and "same" in bad.stderr


def test_intro_ask_of_a_company_names_its_people_and_logs_nothing(cli, make_store, db) -> None:
    """An introduction is to a person: ``intro ask Stripe`` names the people at Stripe
    (it said "no contact 'Stripe' — did you mean: …" with someone elsewhere)."""
    from networkhabit.store import Store

    make_store(
        world(
            [
                person("Ana Ruiz"),
                person("Dev Raman", known=False, company="Stripe"),
                person("Mia Chen", known=False, company="stripe"),
            ],
            links=[("Ana Ruiz", "Dev Raman")],
        )
    )
    before = Store(db).snapshot()
    r = cli("intro", "ask", "STRIPE")
    assert r.exit_code == 1
    assert "is a company: name the person there to ask about — Dev Raman, Mia Chen" in r.stderr
    assert Store(db).snapshot() == before
    assert "no contact 'Nobody'" in cli("intro", "ask", "Nobody").stderr
