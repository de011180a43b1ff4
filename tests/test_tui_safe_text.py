"""Nothing hostile reaches the screen in the app (issue 18): an ESC / OSC / CSI / C1 sequence
in a name, company, title, tag, topic, note or touch note reaches no widget's rendered
output raw, on any screen, and is shown visibly instead."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

from rich.segment import Segment
from textual.color import Color
from textual.content import Content

from networkhabit.domain.model import Habit
from networkhabit.store import Store
from networkhabit.tui.app import NetworkhabitApp, make_app
from networkhabit.tui.screenshots import press, settle
from networkhabit.tui.widgets.safe_text import SAFE_TEXT, safe_content
from tests.conftest import days_ago, person, world

EVIL = "\x1b]0;pwned\x07\x1b[2J\x9b31m\r\x7f"
RAW = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _hostile_store(db: Path) -> None:
    ana = "Ana" + EVIL
    snap = world(
        [
            person(
                ana,
                company="Acme" + EVIL,
                title="CTO" + EVIL,
                notes="met at" + EVIL,
                tags=["client" + EVIL],
                needs=["hiring" + EVIL],
                offers=["design" + EVIL],
                cadence_days=7,
            ),
            person("Bo Berg", needs=["design" + EVIL], offers=["hiring" + EVIL]),
            person("Cy" + EVIL, known=False, company="Acme" + EVIL),
        ],
        touches=[(ana, 30, {"note": "coffee" + EVIL}), ("Bo Berg", 3, {"note": "call" + EVIL})],
        links=[(ana, "Bo Berg")],
        habits=[Habit("h" * 32, "Reach out" + EVIL, days_ago(100))],
    )
    Store(db).replace_all(snap)


def _raw_on_screen(app: NetworkhabitApp) -> list[str]:
    """Every drawn segment of the screen as the terminal would get it that holds a control
    character (Textual's own control segments aside)."""
    strips = app.screen._compositor.render_strips()
    return [s.text for strip in strips for s in strip if not s.control and RAW.search(s.text)]


def _screen_text(app: NetworkhabitApp) -> str:
    return "\n".join(
        "".join(s.text for s in strip) for strip in app.screen._compositor.render_strips()
    )


def test_no_control_character_reaches_any_screen_raw(db: Path) -> None:
    _hostile_store(db)
    seen: dict[str, str] = {}

    async def main() -> None:
        app = make_app(db)
        async with app.run_test(size=(140, 45)) as pilot:
            await settle(pilot)
            for name, keys in (
                ("today", ()),
                ("contacts", ("c",)),
                ("contact page", ("enter",)),
                ("network", ("escape", "n")),
                ("review", ("w",)),
                ("filter", ("c", "slash", "A")),
            ):
                await press(pilot, *keys)
                assert _raw_on_screen(app) == [], name
                seen[name] = _screen_text(app)

    asyncio.run(main())
    # the hostile text is there, made visible, where the data is shown
    assert "Ana␛]0;pwned" in seen["today"]
    assert "Acme␛]0;pwned" in seen["contacts"] and "client␛]0;pwned" in seen["contacts"]
    page = seen["contact page"]
    for shown in ("CTO␛]0;pwned", "met at␛]0;pwned", "hiring␛]0;pwned", "coffee␛]0;pwned"):
        assert shown in page, shown
    assert "\\x9b31m" in page


def test_the_filter_shows_controls_visibly_and_leaves_clean_lines_alone() -> None:
    clean = [Segment("Ana Ruiz"), Segment(" · Acme")]
    assert SAFE_TEXT.apply(clean, Color(0, 0, 0)) is clean
    out = SAFE_TEXT.apply([Segment("a\x1b[2Jb\x9b")], Color(0, 0, 0))
    assert [s.text for s in out] == ["a␛[2Jb\\x9b"]


def test_safe_content_keeps_styles_and_layout() -> None:
    content = Content.assemble(("Ana\x1b]0;x\x9b", "bold"), " · note\n", ("two\tcols", "italic"))
    safe = safe_content(content)
    assert safe.plain == "Ana␛]0;x\\x9b · note\ntwo\tcols"
    bold = {
        i for span in safe.spans if str(span.style) == "bold" for i in range(span.start, span.end)
    }
    assert bold == set(range(len("Ana␛]0;x\\x9b")))  # the visible forms keep the style
    plain = Content("nothing to do")
    assert safe_content(plain) is plain
