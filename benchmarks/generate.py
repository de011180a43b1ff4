"""Build the benchmark stores, deterministically (seeded), through networkhabit's own store code.

    python benchmarks/generate.py OUT_DIR [--today 2026-11-20] [--sizes heavy,dense,light]

Sizes (see ``SIZES``):

- ``heavy``: 5,000 contacts (tags, cadences, companies, needs/offers: each 1 need and 2
  offers of 12 topics), 100,000 touches over 5 years, 25,000 links, 20 habits, 30,000
  check-ins;
- ``dense``: the heavy store's size in the demo data's shape grown: half of the 5,000
  contacts need 1–2 and offer 1–3 of 50 topics (many people share needs and offers), the
  other half neither;
- ``light``: 200 contacts, 3,000 touches, 1,000 links, 5 habits, 2,000 check-ins;
- ``tiny``: 40 contacts, 300 touches, 50 links, 3 habits, 100 check-ins (the smoke test).

Every size has the fixed targets the benchmark paths use: "Ana Ruiz 0" (known, linked to
"Hugo Haddad 7") and the prospect "Hugo Haddad 7". Files written into OUT_DIR:
``<size>.json`` (the store), ``Connections.csv`` (5,000 LinkedIn rows, for heavy and light)
or ``Connections-tiny.csv`` (100 rows, for tiny), and ``generated.json``: the fingerprint of
what made each store (sizes, seed, today, this file and the store code), so ``run.py``
regenerates a store that the current code would write differently.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import importlib.util
import json
import random
import sys
import time
import uuid
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # networkhabit is imported lazily: run.py imports this module for SIZES
    from networkhabit.domain.model import Snapshot

TODAY = "2026-11-20"
SEED = 42
STAMP = "generated.json"

FIRST = [
    "Ana", "Bo", "Chen", "Dara", "Eli", "Femi", "Gita", "Hugo", "Ines", "Jon", "Kai", "Lea",
    "Mo", "Nia", "Omar", "Pia", "Quinn", "Rui", "Sara", "Tom", "Uma", "Vic", "Wen", "Xia",
    "Yan", "Zoe",
]  # fmt: skip
LAST = [
    "Ruiz", "Berg", "Chen", "Okafor", "Smith", "Novak", "Tanaka", "Haddad", "Larsen", "Moreau",
    "Patel", "Rossi", "Kim", "Mensah", "Silva", "Weber", "Jones", "Khan", "Ivanova", "Costa",
]  # fmt: skip
TOPICS = [
    "designer", "data engineer", "investor", "mentor", "sales engineer", "rust", "hiring",
    "pricing advice", "ux research", "funding", "logistics partner", "security review",
]  # fmt: skip
#: The dense shape's topics: the demo data's needs and offers, and a few more (50 in all).
DENSE_TOPICS = [
    "board seats", "clinical research", "code review", "compilers", "compression", "contracts",
    "cto advice", "data engineer", "data pipelines", "demos", "designer", "engineer",
    "enterprise sales", "finance", "food tech", "founder", "freelance work", "funding",
    "growth marketing", "hiring", "illustration", "import export", "investor", "job",
    "kubernetes", "logistics partner", "manufacturing", "market analysis", "mentor",
    "ml models", "operations", "partnerships", "physics", "pricing advice", "product strategy",
    "research", "retail intros", "roadmaps", "rust", "sales engineer", "security review",
    "ux research", "legal advice", "recruiting", "cloud costs", "public speaking", "seo",
    "fundraising decks", "customer success", "open source",
]  # fmt: skip

#: The contact every size has: known, with touches, linked to the prospect below.
ANA = "Ana Ruiz 0"
#: The prospect every size has (contact number 7: "Hugo Haddad 7", never known).
HUGO = "Hugo Haddad 7"
#: The habit every size has (the first; `done` checks it in).
HABIT = "Habit 00"


@dataclass(frozen=True)
class Size:
    """How big one benchmark store is."""

    name: str
    contacts: int
    touches: int
    links: int
    habits: int
    checkins: int
    #: Touches are spread over this many days before today (5 years).
    history_days: int
    #: Rows of the LinkedIn Connections.csv imported into this store: 5,000 on the heavy
    #: shapes, as many as its contacts on the light one (a light user's own export; 5,000
    #: rows would make a light store heavy, and cost the same ~0.4 s as on the heavy shapes).
    csv_rows: int
    #: Who needs and offers what: "sparse" (everyone 1 need and 2 offers of 12 topics) or
    #: "dense" (the demo data's shape grown: every other contact needs 1–2 and offers 1–3 of
    #: :data:`DENSE_TOPICS`, the rest nothing).
    shape: str = "sparse"

    @property
    def csv_name(self) -> str:
        """The LinkedIn file this size imports."""
        return "Connections.csv" if self.csv_rows == 5_000 else f"Connections-{self.name}.csv"

    def describe(self) -> str:
        """``5,000 contacts, 100,000 touches, …``."""
        return (
            f"{self.contacts:,} contacts, {self.touches:,} touches, {self.links:,} links, "
            f"{self.habits:,} habits, {self.checkins:,} check-ins"
        )


SIZES: dict[str, Size] = {
    "heavy": Size("heavy", 5_000, 100_000, 25_000, 20, 30_000, 1_826, 5_000),
    "dense": Size("dense", 5_000, 100_000, 25_000, 20, 30_000, 1_826, 5_000, "dense"),
    "light": Size("light", 200, 3_000, 1_000, 5, 2_000, 1_826, 200),
    "tiny": Size("tiny", 40, 300, 50, 3, 100, 1_826, 100),
}


def snapshot(size: Size, today: date, seed: int = SEED) -> Snapshot:
    """The records of one benchmark store (the same for the same size, today and seed)."""
    from networkhabit.domain.model import (
        Break,
        CheckIn,
        Contact,
        Habit,
        Interaction,
        Link,
        Settings,
        Snapshot,
    )

    rng = random.Random(f"{seed}-{size.name}")

    def uid() -> str:
        return uuid.UUID(int=rng.getrandbits(128), version=4).hex

    companies = [f"Company {n:03d}" for n in range(max(8, size.contacts * 2 // 25))]
    contacts = []
    for n in range(size.contacts):
        # Drawn in this order (uid, created, company, tags, cadence, topics): the sparse
        # stores stay what they were before the dense shape.
        uid_, created = uid(), today - timedelta(days=rng.randint(30, 2000))
        company, tag = rng.choice(companies), rng.choice(["client", "friend", "mentor", "sales"])
        cadence = rng.choice([None, 14, 30, 60, 90])
        if size.shape == "dense":
            pick = n % 2 == 0
            needs = tuple(rng.sample(DENSE_TOPICS, rng.choice([1, 1, 1, 2]))) if pick else ()
            offers = tuple(rng.sample(DENSE_TOPICS, rng.choice([1, 1, 2, 3]))) if pick else ()
        else:
            needs, offers = tuple(rng.sample(TOPICS, 1)), tuple(rng.sample(TOPICS, 2))
        contacts.append(
            Contact(
                uid=uid_,
                name=f"{FIRST[n % len(FIRST)]} {LAST[n % len(LAST)]} {n}",
                created=created,
                company=company,
                title="Engineer",
                email=f"p{n}@example.com",
                url=f"https://www.linkedin.com/in/p{n}",
                tags=(tag,),
                cadence_days=cadence,
                needs=needs,
                offers=offers,
                known=n % 20 != 7,  # 5 % prospects, among them "Hugo Haddad 7"
                source="linkedin",
            )
        )
    ana, hugo = contacts[0], contacts[7]
    assert (ana.name, hugo.name) == (ANA, HUGO)

    touches = []
    for n in range(size.touches):
        pool = rng.sample(contacts, rng.choice([1, 1, 1, 2]))
        if n < 10:
            pool = [ana]  # the name `log` and `intro path` start from has a history
        people = tuple(c.uid for c in pool if c.known) or (ana.uid,)
        day = today - timedelta(days=rng.randint(0, size.history_days))
        fu = day + timedelta(days=rng.randint(1, 20)) if rng.random() < 0.05 else None
        touches.append(
            Interaction(
                uid(),
                people,
                day,
                rng.choice(["message", "email", "call", "coffee"]),
                "benchmark touch",
                fu,
                fu is not None and rng.random() < 0.7,
            )
        )

    links = [Link(uid(), ana.uid, hugo.uid, today - timedelta(days=100))]  # a warm path
    while len(links) < size.links:
        a, b = rng.sample(contacts, 2)
        links.append(Link(uid(), a.uid, b.uid, today - timedelta(days=rng.randint(0, 900))))

    habits = [
        Habit(
            uid(),
            f"Habit {n:02d}",
            today - timedelta(days=800),
            rng.choice([1, 1, 2, 3]),
            "week" if n % 5 == 0 else "day",
        )
        for n in range(size.habits)
    ]
    checkins = []
    for n in range(size.checkins):
        h = habits[n % size.habits]
        checkins.append(
            CheckIn(
                uid(),
                h.uid,
                today - timedelta(days=rng.randint(1, 800)),  # today stays open: habits are due
                rng.randint(1, 3),
                rng.random() < 0.03,
            )
        )
    breaks = (Break(uid(), today - timedelta(days=200), today - timedelta(days=190), "vacation"),)
    return Snapshot(
        tuple(contacts),
        tuple(touches),
        tuple(links),
        tuple(habits),
        tuple(checkins),
        breaks,
        Settings(),
    )


def write_linkedin_csv(path: Path, rows: int = 5_000, seed: int = 43) -> None:
    """A Connections.csv in LinkedIn's current layout (BOM, Notes preamble); new people only."""
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        fh.write(
            "Notes:\n"
            '"When exporting your connection data, you may notice that some of the email '
            'addresses are missing."\n\n'
        )
        w = csv.writer(fh)
        w.writerow(
            [
                "First Name",
                "Last Name",
                "URL",
                "Email Address",
                "Company",
                "Position",
                "Connected On",
            ]
        )
        for n in range(rows):
            w.writerow(
                [
                    rng.choice(FIRST),
                    f"{rng.choice(LAST)}{n}",
                    f"https://www.linkedin.com/in/bench-{n}",
                    f"b{n}@example.org" if n % 3 else "",
                    f"Company {rng.randint(0, 600):03d}",
                    "Engineer",
                    (date(2015, 1, 1) + timedelta(days=rng.randint(0, 3000))).strftime("%d %b %Y"),
                ]
            )


def _store_code_digest() -> str:
    """A digest of networkhabit's store and model code: a change there may change the file."""
    spec = importlib.util.find_spec("networkhabit")
    if spec is None or not spec.submodule_search_locations:
        return "?"
    root = Path(next(iter(spec.submodule_search_locations)))
    files = sorted(root.glob("store/*.py")) + [root / "domain" / "model.py"]
    digest = hashlib.sha256()
    for f in files:
        if f.exists():
            digest.update(f.name.encode() + f.read_bytes())
    return digest.hexdigest()[:16]


def fingerprint(size: Size, today: str) -> str:
    """What the store of ``size`` is made from; equal fingerprints, equal stores."""
    digest = hashlib.sha256()
    digest.update(json.dumps([asdict(size), today, SEED]).encode())
    digest.update(Path(__file__).read_bytes())
    digest.update(_store_code_digest().encode())
    return digest.hexdigest()[:16]


def read_stamp(out: Path) -> dict[str, str]:
    """The fingerprints of the stores in ``out`` (empty if none)."""
    try:
        value = json.loads((out / STAMP).read_text())
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def is_current(out: Path, size: Size, today: str) -> bool:
    """Whether ``out`` holds this size's store and LinkedIn file as this code would write them."""
    return (
        (out / f"{size.name}.json").is_file()
        and (out / size.csv_name).is_file()
        and read_stamp(out).get(size.name) == fingerprint(size, today)
    )


def generate(out: Path, size: Size, today: str) -> Path:
    """Write ``<size>.json`` (through the store) and its LinkedIn file into ``out``."""
    from networkhabit.store import Store

    out.mkdir(parents=True, exist_ok=True)
    store_path = out / f"{size.name}.json"
    for old in (store_path, store_path.with_name(store_path.name + ".lock")):
        old.unlink(missing_ok=True)
    Store(store_path).replace_all(snapshot(size, date.fromisoformat(today)))
    write_linkedin_csv(out / size.csv_name, size.csv_rows)
    stamp = read_stamp(out)
    stamp[size.name] = fingerprint(size, today)
    (out / STAMP).write_text(json.dumps(stamp, indent=2, sort_keys=True) + "\n")
    return store_path


def parse_sizes(text: str) -> list[Size]:
    """``heavy,light`` → the sizes; :class:`SystemExit` on an unknown name."""
    names = [n.strip() for n in text.split(",") if n.strip()]
    unknown = [n for n in names if n not in SIZES]
    if unknown or not names:
        raise SystemExit(
            f"unknown size {', '.join(unknown) or '(none)'}; known: {', '.join(SIZES)}"
        )
    return [SIZES[n] for n in names]


def main() -> None:
    """The command line."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("out", type=Path)
    parser.add_argument("--today", default=TODAY, help=f"the stores' today (default {TODAY})")
    parser.add_argument(
        "--sizes", default="heavy,dense,light", help="comma-separated: heavy,dense,light,tiny"
    )
    args = parser.parse_args()
    date.fromisoformat(args.today)
    for size in parse_sizes(args.sizes):
        started = time.perf_counter()
        path = generate(args.out, size, args.today)
        print(
            f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB: {size.describe()}) and "
            f"{args.out / size.csv_name} ({size.csv_rows:,} rows) "
            f"in {time.perf_counter() - started:.1f} s",
            file=sys.stderr,
        )


if __name__ == "__main__":
    main()
