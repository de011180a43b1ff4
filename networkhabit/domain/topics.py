"""Needs and offers: free-text topics matched case-, plural- and role-insensitively.

"Designers" meets "designer" and "design"; "data pipelines" meets "data pipeline";
"data engineer" meets "data engineering"; "mentor" meets "mentoring". Each word is
folded to a rough stem (plural dropped, then a trailing ``-ing`` and ``-er``), and two
topics match when all their stems are equal, in order. Stems are only ever compared
with each other, never shown: messages quote the topics as the user typed them.
"""

from __future__ import annotations

import re
from functools import lru_cache

_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")
#: Words that end like a plural but are not one.
_NOT_PLURAL = ("ss", "us", "is", "ics", "ous")
#: Role-ish endings: "needs a designer", "is an investor".
_ROLE_ENDINGS = ("er", "or", "ist", "ant", "ent", "ian", "eer")
#: Countable needs without a role ending that still read better with an article.
_COUNTABLE = frozenset(
    {"job", "role", "intro", "introduction", "referral", "co-founder", "cofounder"}
)
#: Stems shorter than this are left alone ("user" stays "user", not "us").
_MIN_STEM = 4


def singular(word: str) -> str:
    """A word without its plural ending: ``companies`` → ``company``, ``pipelines`` → ``pipeline``."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zes")) and len(word) > 4:
        return word[:-2]
    if word.endswith("s") and not word.endswith(_NOT_PLURAL) and len(word) > 3:
        return word[:-1]
    return word


def stem(word: str) -> str:
    """A rough stem: singular, then without ``-ing`` and ``-er`` (``engineering`` → ``engine``)."""
    w = singular(word.casefold())
    for suffix in ("ing", "er"):
        if w.endswith(suffix) and len(w) - len(suffix) >= _MIN_STEM:
            w = w[: -len(suffix)]
    return w


@lru_cache(maxsize=4096)
def topic_key(topic: str) -> str:
    """The matching key of a topic: its words' stems joined by spaces ("" for no words)."""
    return " ".join(stem(w) for w in _WORD.findall(topic.casefold()))


def topics_match(a: str, b: str) -> bool:
    """Whether two topics mean the same thing (case-, plural- and role-insensitive)."""
    key = topic_key(a)
    return bool(key) and key == topic_key(b)


def is_role(topic: str) -> bool:
    """Whether a topic names a person ("data engineer", "investor") rather than a thing."""
    words = topic.casefold().split()
    if not words:
        return False
    last = words[-1]
    if last in _COUNTABLE:
        return True
    return last.endswith(_ROLE_ENDINGS) and len(last) > 3 and not last.endswith("s")


def with_article(topic: str) -> str:
    """``a designer``, ``an investor``, ``pricing advice`` (no article for things)."""
    first = topic.split()[0].casefold() if topic.split() else ""
    if not is_role(topic) or first in ("a", "an", "the"):
        return topic
    return ("an " if first[:1] in "aeiou" else "a ") + topic
