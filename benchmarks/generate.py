"""Build the heavy benchmark store: 5,000 contacts, 100,000 touches, 25,000 links,
20 habits, 30,000 check-ins — and a 5,000-row LinkedIn Connections.csv.

    python benchmarks/generate.py OUT_DIR [--today 2026-11-20]

Deterministic (seeded), so runs compare.
"""

from __future__ import annotations

import argparse
import csv
import random
import uuid
from datetime import date, timedelta
from pathlib import Path

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
from networkhabit.store import Store

FIRST = [
    "Ana",
    "Bo",
    "Chen",
    "Dara",
    "Eli",
    "Femi",
    "Gita",
    "Hugo",
    "Ines",
    "Jon",
    "Kai",
    "Lea",
    "Mo",
    "Nia",
    "Omar",
    "Pia",
    "Quinn",
    "Rui",
    "Sara",
    "Tom",
    "Uma",
    "Vic",
    "Wen",
    "Xia",
    "Yan",
    "Zoe",
]
LAST = [
    "Ruiz",
    "Berg",
    "Chen",
    "Okafor",
    "Smith",
    "Novak",
    "Tanaka",
    "Haddad",
    "Larsen",
    "Moreau",
    "Patel",
    "Rossi",
    "Kim",
    "Mensah",
    "Silva",
    "Weber",
    "Jones",
    "Khan",
    "Ivanova",
    "Costa",
]
TOPICS = [
    "designer",
    "data engineer",
    "investor",
    "mentor",
    "sales engineer",
    "rust",
    "hiring",
    "pricing advice",
    "ux research",
    "funding",
    "logistics partner",
    "security review",
]

CONTACTS, TOUCHES, LINKS, HABITS, CHECKINS = 5_000, 100_000, 25_000, 20, 30_000


def heavy_snapshot(today: date, seed: int = 42) -> Snapshot:
    """The heavy store's records."""
    rng = random.Random(seed)

    def uid() -> str:
        return uuid.UUID(int=rng.getrandbits(128), version=4).hex

    companies = [f"Company {n:03d}" for n in range(400)]
    contacts = []
    for n in range(CONTACTS):
        contacts.append(
            Contact(
                uid=uid(),
                name=f"{FIRST[n % len(FIRST)]} {LAST[n % len(LAST)]} {n}",
                created=today - timedelta(days=rng.randint(30, 2000)),
                company=rng.choice(companies),
                title="Engineer",
                email=f"p{n}@example.com",
                url=f"https://www.linkedin.com/in/p{n}",
                tags=(rng.choice(["client", "friend", "mentor", "sales"]),),
                cadence_days=rng.choice([None, 14, 30, 60, 90]),
                needs=tuple(rng.sample(TOPICS, 1)),
                offers=tuple(rng.sample(TOPICS, 2)),
                known=n % 20 != 7,
                source="linkedin",  # 5 % prospects, e.g. "Hugo Haddad 7"
            )
        )
    touches = []
    for _ in range(TOUCHES):
        people = tuple(c.uid for c in rng.sample(contacts, rng.choice([1, 1, 1, 2])))
        day = today - timedelta(days=rng.randint(0, 1500))
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
    links = []
    for _ in range(LINKS):
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
        for n in range(HABITS)
    ]
    checkins = []
    for n in range(CHECKINS):
        h = habits[n % HABITS]
        checkins.append(
            CheckIn(
                uid(),
                h.uid,
                today - timedelta(days=rng.randint(0, 800)),
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
    """A Connections.csv in LinkedIn's current layout (BOM, Notes preamble)."""
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        fh.write(
            'Notes:\n"When exporting your connection data, you may notice that some of the email addresses are missing."\n\n'
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--today", default="2026-11-20")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    store_path = args.out / "heavy.json"
    if store_path.exists():
        store_path.unlink()
    Store(store_path).replace_all(heavy_snapshot(date.fromisoformat(args.today)))
    write_linkedin_csv(args.out / "Connections.csv")
    print(
        f"wrote {store_path} ({store_path.stat().st_size / 1e6:.1f} MB) and {args.out / 'Connections.csv'}"
    )


if __name__ == "__main__":
    main()
