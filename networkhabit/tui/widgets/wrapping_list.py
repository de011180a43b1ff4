"""An OptionList whose prompts wrap for its width, with a hanging indent.

Each option is a :class:`~networkhabit.tui.widgets.text.WrappedLines`: it wraps itself for
the width it is drawn at, so the options are made once (even before the list is laid out,
so its first frame shows them) and a resize only measures them again.

Making an option and measuring it costs about a tenth of a millisecond; an agenda with
1,500 follow-ups due would hold up the screen for a noticeable moment. So the options that
fill a couple of screens are made at once and the rest in chunks a moment after the list
is shown (at once when the cursor gets near the end of what is made): the list shows at
once and stays responsive while it fills.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import events
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.visual import VisualType
from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from networkhabit.domain.records import record
from networkhabit.tui.widgets.text import Line, WrappedLines

#: Entries made at once; the rest follow in chunks of :data:`CHUNK`, the first
#: :data:`REST_AFTER` seconds after the entries are set, then one every :data:`CHUNK_DELAY`
#: seconds (the screen paints and keys are handled in between).
FIRST_CHUNK = 64
CHUNK = 100
REST_AFTER = 0.2
CHUNK_DELAY = 0.03


@record
class Entry:
    """One option: its id, its lines, and whether the cursor can land on it."""

    id: str
    lines: tuple[Line, ...]
    disabled: bool = False
    #: What the entry shows, comparable (say, the item it is made from): set again with the
    #: same id and an equal ``shows``, the option made before is kept (see
    #: :meth:`WrappingList.set_entries`). None: made anew every time.
    shows: object = None


class WrappingList(OptionList):
    """Options that wrap to the width; the cursor stays on the same option id when the
    entries are set again. A click moves the cursor; a double click (or enter) selects."""

    #: No links in the options: Textual need not look for them in every segment of every
    #: option drawn (each segment's meta read again: a third of drawing an option).
    auto_links = False

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._entries: list[Entry | None] = []
        #: How many entries are options yet; the rest are still to be made.
        self._built = 0
        #: Bumped on every :meth:`set_entries`, so a chunk meant for older entries does nothing.
        self._generation = 0
        #: The width the options were last drawn at (None: not yet drawn).
        self._drawn_width: int | None = None
        #: The width its content is planned to have, before the first layout (0: none).
        self._planned_width = 0

    @property
    def filling(self) -> bool:
        """Whether some entries are still to be added (they follow within a moment)."""
        return self._built < len(self._entries)

    @property
    def highlighted_id(self) -> str | None:
        """The id of the option under the cursor."""
        if self.highlighted is None or self.highlighted >= self.option_count:
            return None
        return self.get_option_at_index(self.highlighted).id

    def set_entries(self, entries: Sequence[Entry | None], keep: str | None = None) -> None:
        """Show these entries (None = a separator), the cursor on ``keep`` if given, else on
        the same option id as before, else at the same place."""
        keep_id, keep_index = keep or self.highlighted_id, self.highlighted
        made = self._made_options()
        self._entries = list(entries)
        self._generation += 1
        # The cursor's entry (by id, else by option index) is made in the first go.
        wanted = FIRST_CHUNK
        target_entry = None
        if keep_id is not None:
            target_entry = next(
                (n for n, e in enumerate(self._entries) if e is not None and e.id == keep_id),
                None,
            )
        if target_entry is not None:
            wanted = max(wanted, target_entry + FIRST_CHUNK // 2)
        elif keep_index is not None:
            wanted = max(wanted, 2 * (keep_index + 1) + FIRST_CHUNK // 2)  # ≥ keep_index options
        self._built = self._chunk_end(0, wanted)
        self._set_options_kept(self._make_options(0, self._built, made))
        target = None
        if target_entry is not None:  # separators are not options: count the entries that are
            target = sum(1 for e in self._entries[:target_entry] if e is not None)
        elif keep_index is not None:
            target = min(keep_index, self.option_count - 1)
        self._highlight_enabled(max(0, target or 0))
        if self.filling:
            generation = self._generation
            self.set_timer(REST_AFTER, lambda: self._fill_later(generation), name="fill list")

    def _made_options(self) -> dict[str, tuple[object, Option]]:
        """The options made so far that may be kept: by id, with what they show."""
        made = [e for e in self._entries[: self._built] if e is not None]
        return {
            e.id: (e.shows, option)
            for e, option in zip(made, self.options, strict=False)
            if e.shows is not None
        }

    def _set_options_kept(self, options: list[Option | None]) -> None:
        """OptionList's ``set_options``, but an option kept from before (see
        :meth:`set_entries`) keeps how it was drawn if it stays at its index with its
        separator: setting the agenda again after a write draws only what changed (else
        every option on screen, most of that frame). The scroll stays where it was if any
        option is kept. Uses OptionList's private caches: see ``tests/test_tui_paint.py``,
        which fails if they change."""
        before = {option: (n, option._divider) for n, option in enumerate(self.options)}
        kept = [o for o in options if o is not None and o in before]
        cache = self._option_render_cache
        drawn = [(k, cache.get(k)) for k in list(cache.keys())] if kept else []
        y = self.scroll_y
        for option in kept:
            option._divider = False  # add_options marks the one before a separator again
        self.set_options(options)
        if not kept:
            return
        now = {option: n for n, option in enumerate(self.options)}
        for k, strips in drawn:
            option = k[0]
            if (
                strips is not None
                and option in now
                and before[option] == (now[option], option._divider)
            ):
                cache.set(k, strips)
        self.scroll_y = y

    def laid_out_ahead(self, room: Size) -> None:
        """Measure the options made so far for the ``room`` the list's content will have
        beside its scrollbar (see :func:`~networkhabit.tui.widgets.ahead.planned_room`),
        before its first layout: its height, and its scrollbar if they overflow it.

        OptionList measures its options as it first draws them, after that layout: the
        height it then sets, and the scrollbar that shows, ask for another layout, and the
        options are wrapped and drawn again (the bar takes room) right after the first
        frame. Measured ahead, the list is laid out with its scrollbar and its options are
        wrapped once. (If the size turns out otherwise, OptionList measures and lays out
        again, as it would have.)"""
        styles = self.styles
        if (
            not self.options
            or self.show_vertical_scrollbar
            or self.virtual_size.height
            or styles.overflow_y != "auto"
            or styles.scrollbar_gutter != "stable"  # the room for the bar is kept: see below
            or any(not isinstance(o.prompt, WrappedLines) for o in self.options)
        ):
            return
        self._planned_width = room.width
        padding = self.get_component_styles("option-list--option").padding
        width = room.width - padding.width  # as OptionList measures an option
        # Wrapped beside the bar, they overflow: the bar shows, they stay wrapped so. Else,
        # wrapped with room for it, they fit: it does not show. (Else: Textual's passes.)
        for shown in (True, False):
            self.set_reactive(Widget.show_vertical_scrollbar, shown)
            rows = self._rows(width)
            if shown == (rows > room.height):
                self.set_reactive(Widget.virtual_size, Size(room.width, rows))
                if shown:
                    self.vertical_scrollbar.display = True
                return
        self.set_reactive(Widget.show_vertical_scrollbar, False)

    def _rows(self, width: int) -> int:
        """How many rows the options made so far take at ``width`` (as OptionList counts
        them: a separator is a row under the option before it, none after the last one)."""
        rows = sum(o.prompt.get_height(self.styles, width) for o in self.options)  # type: ignore[union-attr,arg-type]
        seen = under = False
        for entry in self._entries[: self._built]:
            if entry is not None:
                seen, under = True, False
            elif seen and not under:
                under = True
                rows += 1
        return rows - under

    def replace_prompt(self, key: str, prompt: VisualType) -> None:
        """Show a new prompt for the option ``key``, drawing again only that option when it
        keeps its height. (OptionList's ``replace_option_prompt`` forgets how every option
        is drawn and measured, so each option on screen is made again: most of a key's
        frame on a long agenda; and only the option's rows are painted again.) Uses
        OptionList's private caches: see
        ``tests/test_tui_paint.py``, which fails if they change."""
        index = self.get_option_index(key)
        option = self.get_option_at_index(index)
        old_height = self._line_cache.heights.get(index)
        option._set_prompt(prompt)
        padding = self.get_component_styles("option-list--option").padding
        width = self.scrollable_content_region.width - self._get_left_gutter_width()
        height = self._get_visual(option).get_height(
            self.styles,  # type: ignore[arg-type]  (as OptionList measures its options)
            width - padding.width,
        )
        if old_height is None or height + option._divider != old_height:
            self._clear_caches()  # the lines move: measured and drawn again, as OptionList does
            return
        cache = self._option_render_cache
        for cached in [k for k in cache.keys() if k[0] is option]:  # noqa: SIM118 (LRUCache)
            cache.discard(cached)
        # Only its rows are drawn again (a whole refresh draws every row of the list anew,
        # most of the frame after a write on a long agenda): where they are on screen now.
        first = self._line_cache.index_to_line.get(index)
        if first is None:
            self.refresh()
            return
        top = first - round(self.scroll_offset.y)
        visible = self.scrollable_content_region.height
        if top + old_height <= 0 or top >= visible:
            return  # off screen: drawn as it scrolls in
        self.refresh(Region(0, top, self.scrollable_content_region.width, old_height))

    def render_lines(self, crop: Region) -> list[Strip]:
        """As OptionList draws; what it drew at another width is forgotten first (it would
        be once the resize that brought the new width arrives: see :meth:`on_resize`)."""
        width = self.scrollable_content_region.width
        if self._drawn_width is not None and width != self._drawn_width:
            self._option_render_cache.clear()  # see tests/test_tui_paint.py
            self._line_cache.clear()
        self._drawn_width = width
        return super().render_lines(crop)

    def on_resize(self, event: events.Resize) -> None:
        """OptionList forgets how every option is drawn and measured on every resize, and
        draws them all again. At the width they were drawn for — the size Textual tells a
        list right after the layout its first frame drew — that is the same work twice
        (most of the agenda's first paint): skipped. (Another width: :meth:`render_lines`
        forgets them anyway.)"""
        if self._drawn_width == self.scrollable_content_region.width:
            event.prevent_default()

    def _wrap_width(self, _width: int) -> int:
        # Room for a vertical scrollbar is always kept: it may appear after the wrap. (Before
        # the first layout: the width planned for, see laid_out_ahead.)
        bar = 0 if self.show_vertical_scrollbar else self.styles.scrollbar_size_vertical
        width = self.scrollable_content_region.width or self._planned_width
        return max(20, width - bar - 1)

    def _make_options(
        self, start: int, stop: int, made: dict[str, tuple[object, Option]] | None = None
    ) -> list[Option | None]:
        """The options for entries ``start`` to ``stop``: those ``made`` before (by id, with
        what they show) are kept if they show the same."""
        made = made or {}
        options: list[Option | None] = []
        for entry in self._entries[start:stop]:
            if entry is None:
                options.append(None)
                continue
            old = made.get(entry.id)
            if old is not None and old[0] == entry.shows and old[1].disabled == entry.disabled:
                options.append(old[1])
                continue
            prompt = WrappedLines(entry.lines, self._wrap_width)
            options.append(Option(prompt, id=entry.id, disabled=entry.disabled))
        return options

    def _chunk_end(self, start: int, size: int) -> int:
        """Where a chunk from ``start`` ends: after ``size`` entries, moved on past a separator
        (a chunk starting with one would make the list measure every option again)."""
        stop = min(len(self._entries), start + size)
        while stop < len(self._entries) and self._entries[stop] is None:
            stop += 1
        return stop

    def _fill_later(self, generation: int) -> None:
        """Add the next chunk, and come back for the one after (unless the entries were set
        again meanwhile)."""
        if generation != self._generation or not self.filling:
            return
        self._add_chunk()
        if self.filling:
            self.set_timer(CHUNK_DELAY, lambda: self._fill_later(generation), name="fill list")

    def _add_chunk(self) -> None:
        """Make the next :data:`CHUNK` entries into options."""
        start = self._built
        self._built = self._chunk_end(start, CHUNK)
        highlighted = self.highlighted
        self.add_options(self._make_options(start, self._built))
        if highlighted is not None and self.highlighted != highlighted:
            self.highlighted = highlighted

    def _build_ahead(self, options: int) -> None:
        """Make options now until at least ``options`` follow the cursor (or all are made)."""
        while self.filling and self.option_count - (self.highlighted or 0) <= options:
            self._add_chunk()

    def action_cursor_down(self) -> None:
        """Down one option (never wrapping round to the top while the list still fills)."""
        self._build_ahead(2)
        super().action_cursor_down()

    def action_page_down(self) -> None:
        """Down one screenful."""
        self._build_ahead(self.scrollable_content_region.height + 2)
        super().action_page_down()

    def action_last(self) -> None:
        """To the last option (all made now if need be)."""
        self._build_ahead(len(self._entries))
        super().action_last()

    def _highlight_enabled(self, index: int) -> None:
        """The cursor on the first selectable option at or after ``index`` (else before it)."""
        order = list(range(index, self.option_count)) + list(range(index - 1, -1, -1))
        for i in order:
            if not self.get_option_at_index(i).disabled:
                self.highlighted = i
                return
        self.highlighted = None

    async def _on_click(self, event: events.Click) -> None:
        """A click puts the cursor on an option; a double click selects it."""
        clicked = event.style.meta.get("option")
        if clicked is not None and not self.get_option_at_index(clicked).disabled:
            self.highlighted = clicked
            if event.chain >= 2:
                self.action_select()
