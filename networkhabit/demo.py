"""Realistic sample data: ~40 contacts at several companies, a year of touches, a starter
routine with a few months of check-ins (some misses, one vacation), prospects, links,
needs and offers. Deterministic for a given ``today`` so screenshots are stable."""

from __future__ import annotations

import random
import uuid
from datetime import date, timedelta

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

# name, company, title, tags, cadence days, needs, offers
PEOPLE: list[
    tuple[str, str, str, tuple[str, ...], int | None, tuple[str, ...], tuple[str, ...]]
] = [
    (
        "Ana Ruiz",
        "Northwind Traders",
        "Head of Partnerships",
        ("partner", "sales"),
        28,
        ("data engineer",),
        ("partnerships", "retail intros"),
    ),
    (
        "Mei Chen",
        "Northwind Traders",
        "Data Engineer",
        ("engineering",),
        60,
        ("mentor",),
        ("data pipelines", "data engineering"),
    ),
    (
        "Tomasz Kowalski",
        "Kowalski & Sons",
        "Founder",
        ("founder", "client"),
        30,
        ("investor", "designer"),
        ("manufacturing",),
    ),
    (
        "Olu Adeyemi",
        "Globex",
        "VP Sales",
        ("sales", "client"),
        21,
        ("sales engineer",),
        ("enterprise sales", "pricing advice"),
    ),
    (
        "Zoë Müller",
        "Initech",
        "Designer",
        ("design",),
        45,
        ("freelance work",),
        ("design", "ux research"),
    ),
    (
        "Priya Natarajan",
        "Hooli",
        "Product Manager",
        ("product",),
        30,
        ("designer",),
        ("product strategy",),
    ),
    (
        "Sam O'Neil",
        "Vandelay Industries",
        "Importer/Exporter",
        ("client",),
        90,
        ("logistics partner",),
        ("import export",),
    ),
    ("Grace Hopper", "Navy Labs", "Rear Admiral", ("mentor",), 60, (), ("mentoring", "compilers")),
    (
        "Linus Berg",
        "Initech",
        "Engineer",
        ("engineering", "friend"),
        30,
        ("job",),
        ("rust", "code review"),
    ),
    (
        "Fatima Zahra",
        "Hooli",
        "CTO",
        ("investor", "exec"),
        45,
        ("data engineer",),
        ("funding", "cto advice"),
    ),
    (
        "Jonas Berg",
        "Acme Corp",
        "Recruiter",
        ("recruiter",),
        60,
        ("sales engineer", "designer"),
        ("jobs",),
    ),
    ("John Smith", "Acme Corp", "CFO", ("exec",), 90, ("pricing advice",), ("finance",)),
    ("John Smith", "Globex", "Account Manager", ("sales",), 60, (), ("enterprise sales",)),
    (
        "Lena Fischer",
        "Stark Industries",
        "Engineering Manager",
        ("engineering",),
        30,
        ("rust",),
        ("hiring",),
    ),
    (
        "Carlos Mendes",
        "Umbrella Health",
        "Research Lead",
        ("health",),
        60,
        ("data pipelines",),
        ("clinical research",),
    ),
    (
        "Aisha Bello",
        "Wayne Enterprises",
        "Head of Talent",
        ("recruiter",),
        45,
        ("engineer",),
        ("jobs", "mentor"),
    ),
    ("Hiro Tanaka", "Soylent", "Founder", ("founder",), 30, ("funding",), ("food tech",)),
    (
        "Sofia Rossi",
        "Pied Piper",
        "COO",
        ("exec", "founder"),
        30,
        ("ux research",),
        ("operations",),
    ),
    (
        "Noah Williams",
        "Pied Piper",
        "Engineer",
        ("engineering",),
        90,
        ("mentor",),
        ("compression",),
    ),
    ("Emma Dubois", "Cyberdyne", "Security Lead", ("security",), 60, (), ("security review",)),
    (
        "Ravi Patel",
        "Initrode",
        "Sales Engineer",
        ("sales",),
        45,
        ("job",),
        ("demos", "sales engineer"),
    ),
    (
        "Kwame Mensah",
        "Stark Industries",
        "Designer",
        ("design",),
        60,
        ("mentor",),
        ("designer", "illustration"),
    ),
    (
        "Julia Novak",
        "Massive Dynamic",
        "Analyst",
        ("finance",),
        90,
        ("cto advice",),
        ("market analysis",),
    ),
    (
        "Ingrid Larsen",
        "Oscorp",
        "Partner",
        ("investor",),
        30,
        ("founder",),
        ("funding", "board seats"),
    ),
    (
        "Diego Alvarez",
        "Tyrell Corp",
        "Product Designer",
        ("design", "friend"),
        21,
        ("freelance work",),
        ("ux research",),
    ),
    ("Yuki Sato", "Hooli", "Engineer", ("engineering",), None, (), ("kubernetes",)),
    ("Omar Haddad", "Globex", "Logistics Manager", ("client",), 60, (), ("logistics partner",)),
    ("Chloe Martin", "Aperture Labs", "Scientist", ("science",), None, (), ("research",)),
    ("Ben Carter", "Acme Corp", "Engineer", ("engineering",), None, ("job",), ()),
    (
        "Maya Singh",
        "Wonka Industries",
        "Marketing Lead",
        ("marketing",),
        45,
        ("designer",),
        ("growth marketing",),
    ),
    ("Pablo Ortega", "Kowalski & Sons", "Operations", ("client",), 90, (), ("manufacturing",)),
    (
        "Hannah Kim",
        "Umbrella Health",
        "Data Scientist",
        ("engineering", "health"),
        60,
        ("data pipelines",),
        ("ml models",),
    ),
    ("Lucas Moreau", "Black Mesa", "Researcher", ("science",), None, (), ("physics",)),
    ("Elif Yilmaz", "Northwind Traders", "CFO", ("exec",), 90, (), ("finance",)),
    ("Tariq Aziz", "Vandelay Industries", "CEO", ("exec", "client"), 30, ("investor",), ()),
    (
        "Nina Petrova",
        "Initech",
        "Product Manager",
        ("product",),
        45,
        ("ux research",),
        ("roadmaps",),
    ),
    ("George Brown", "Soylent", "Engineer", ("engineering",), None, (), ()),
    ("Amara Okafor", "Wayne Enterprises", "General Counsel", ("legal",), 90, (), ("contracts",)),
]

PROSPECTS: list[tuple[str, str, str, tuple[str, ...]]] = [
    ("Marta Lindqvist", "Spotify", "VP Engineering", ("target",)),
    ("Dev Raman", "Stripe", "Head of Partnerships", ("target", "partner")),
    ("Claire Dupont", "Northwind Traders", "CEO", ("target", "exec")),
    ("Felix Wagner", "Hooli", "Director of Design", ("target", "design")),
    ("Rosa Jimenez", "Oscorp", "Managing Partner", ("target", "investor")),
    ("Kenji Watanabe", "Umbrella Health", "Chief Medical Officer", ("target", "health")),
]

NOTES = [
    "caught up over coffee",
    "sent the article we discussed",
    "quick call about the roadmap",
    "congratulated on the launch",
    "asked about hiring plans",
    "shared conference notes",
    "intro call",
    "lunch near the office",
    "feedback on the pitch deck",
    "met at the meetup",
    "talked about their new role",
    "planned a workshop together",
    "checked in after the trip",
]

# Links between people by index into PEOPLE (and PROSPECTS, offset by len(PEOPLE)).
LINKS = [
    (0, 1, "manual"),
    (0, 33, "manual"),
    (2, 30, "manual"),
    (3, 12, "manual"),
    (3, 26, "manual"),
    (4, 8, "manual"),
    (5, 9, "manual"),
    (5, 25, "manual"),
    (9, 41, "met-through"),
    (7, 18, "manual"),
    (10, 11, "manual"),
    (13, 21, "manual"),
    (14, 31, "manual"),
    (15, 35, "manual"),
    (16, 36, "manual"),
    (17, 18, "manual"),
    (19, 22, "manual"),
    (23, 42, "manual"),
    (23, 16, "manual"),
    (24, 4, "manual"),
    (1, 40, "manual"),
    (31, 43, "manual"),
    (20, 3, "manual"),
    (8, 38, "manual"),
    (42, 39, "manual"),
    (33, 40, "manual"),
    (11, 27, "manual"),
    (29, 24, "manual"),
]


def _uid(rng: random.Random) -> str:
    return uuid.UUID(int=rng.getrandbits(128), version=4).hex


def build_demo(today: date, seed: int = 7) -> Snapshot:
    """A full, believable store as of ``today``."""
    rng = random.Random(seed)
    start = today - timedelta(days=365)
    contacts: list[Contact] = []
    for n, (name, company, title, tags, cadence, needs, offers) in enumerate(PEOPLE):
        created = start - timedelta(days=rng.randint(30, 900))
        first = name.split()[0].lower()
        contacts.append(
            Contact(
                uid=_uid(rng),
                name=name,
                created=created,
                company=company,
                title=title,
                email=f"{first}@{company.split()[0].lower().strip('&')}.example",
                url=f"https://www.linkedin.com/in/{name.lower().replace(' ', '-').replace(chr(39), '')}-{n}",
                tags=tags,
                cadence_days=cadence,
                needs=needs,
                offers=offers,
                birthday=f"--{(today + timedelta(days=2)).strftime('%m-%d')}"
                if n == 5
                else (
                    f"19{rng.randint(60, 99)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                    if n % 4 == 0
                    else None
                ),
                source="demo",
                notes="Met at the compilers meetup." if n == 7 else "",
            )
        )
    for name, company, title, tags in PROSPECTS:
        contacts.append(
            Contact(
                uid=_uid(rng),
                name=name,
                created=today - timedelta(days=rng.randint(5, 60)),
                company=company,
                title=title,
                tags=tags,
                known=False,
                source="demo",
            )
        )

    # Touches: each known contact gets a rhythm-ish history; some have lapsed.
    interactions: list[Interaction] = []
    lapsed = {0, 3, 9, 13, 16, 23, 24}  # overdue now, for a lively neglected list
    for n, c in enumerate(contacts[: len(PEOPLE)]):
        gap = c.cadence_days or 120
        day = start + timedelta(days=rng.randint(0, 20))
        stop = today - timedelta(days=int(gap * rng.uniform(1.2, 2.6))) if n in lapsed else today
        while day <= stop:
            kind = rng.choices(
                ["message", "email", "call", "coffee", "meeting", "event"], [5, 4, 3, 2, 2, 1]
            )[0]
            interactions.append(Interaction(_uid(rng), (c.uid,), day, kind, rng.choice(NOTES)))
            day += timedelta(days=max(3, int(gap * rng.uniform(0.35, 0.9))))
    # A few group touches and this week's activity.
    for k in range(8):
        a, b = rng.sample(range(len(PEOPLE)), 2)
        interactions.append(
            Interaction(
                _uid(rng),
                (contacts[a].uid, contacts[b].uid),
                today - timedelta(days=rng.randint(1, 300)),
                "event",
                "met at the meetup",
            )
        )
    # Follow-ups: two due (one late), one upcoming — (contact, days ago, kind, note, due in days).
    for n, ago_days, kind, note, due_in in (
        (5, 6, "call", "product roadmap chat", -1),
        (17, 3, "coffee", "send the pricing deck", 0),
        (8, 2, "message", "ask how the interview went", 4),
    ):
        interactions.append(
            Interaction(
                _uid(rng),
                (contacts[n].uid,),
                today - timedelta(days=ago_days),
                kind,
                note,
                follow_up=today + timedelta(days=due_in),
            )
        )
    interactions.sort(key=lambda i: i.date)

    links: list[Link] = []
    for a, b, source in LINKS:
        links.append(
            Link(
                _uid(rng),
                contacts[a].uid,
                contacts[b].uid,
                start + timedelta(days=rng.randint(0, 300)),
                source,
            )
        )

    # The starter routine, created ~4 months ago, counting what is done (touches, intros,
    # follow-ups closed in time) on top of realistic check-ins.
    created = today - timedelta(days=120)
    habits = [
        Habit(
            _uid(rng), "Reach out to 1 person", created, 1, "day", (0, 1, 2, 3, 4), counts="touches"
        ),
        Habit(_uid(rng), "Make 1 introduction", created, 1, "week", counts="intros"),
        Habit(_uid(rng), "Follow up within 2 days", created, 1, "day", counts="follow-ups"),
        Habit(
            _uid(rng), "Send 3 messages", created + timedelta(days=30), 3, "day", (0, 1, 2, 3, 4)
        ),
    ]
    vacation = Break(
        _uid(rng), today - timedelta(days=50), today - timedelta(days=41), "summer vacation"
    )
    checkins: list[CheckIn] = []
    day = created
    while day <= today:
        on_break = vacation.start <= day <= vacation.end
        if not on_break:
            for h in habits:
                if h.period != "day" or day.weekday() not in h.days or day < h.created:
                    continue
                if day == today and h.name != "Reach out to 1 person":
                    continue  # today still open for the rest
                recent = (today - day).days < 16
                roll = rng.random()
                if roll < (0.97 if recent else 0.82):
                    count = (
                        h.target
                        if h.target == 1
                        else rng.choice([h.target, h.target, h.target + 1, 1])
                    )
                    checkins.append(CheckIn(_uid(rng), h.uid, day, count))
                elif roll < 0.9:
                    checkins.append(
                        CheckIn(_uid(rng), h.uid, day, 0 + 1, skip=True)
                        if not recent
                        else CheckIn(_uid(rng), h.uid, day, h.target)
                    )
            # (random first, so the sample draws stay as they were; recent weeks are all met)
            if (
                day.weekday() == 3
                and (rng.random() < 0.8 or (today - day).days < 16)
                and day < today
            ):
                checkins.append(CheckIn(_uid(rng), habits[1].uid, day, 1))
        day += timedelta(days=1)
    settings = Settings(default_cadence_by_tag={"client": 30, "investor": 45, "friend": 21})
    return Snapshot(
        tuple(contacts),
        tuple(interactions),
        tuple(links),
        tuple(habits),
        tuple(checkins),
        (vacation,),
        settings,
    )
