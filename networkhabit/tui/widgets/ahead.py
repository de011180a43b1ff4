"""What a screen or dialog can be given ahead, so that it opens in fewer passes.

- :func:`sized_ahead`: its breakpoint classes;
- :func:`planned_size`: the size a widget will be laid out at, and
  :func:`planned_room`: the room inside it beside a vertical scrollbar (so that a list or
  a scroller can know whether it will need its scrollbar, see
  :meth:`~networkhabit.tui.widgets.wrapping_list.WrappingList.laid_out_ahead`).

Textual gives a screen its breakpoint classes (``-wide`` / ``-narrow``) when it first gets
its size, after it has been made and styled: changing them then restyles every widget of the
screen once more. A screen given the classes for the app's size when it is made starts with
the classes it keeps, and Textual finds nothing to change.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

from textual._context import NoActiveAppError
from textual.dom import NoScreen
from textual.geometry import Size
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.dom import DOMNode
    from textual.screen import Screen


def _breakpoint(size: int, breakpoints: list[tuple[int, str]]) -> str | None:
    """The class of the widest breakpoint ``size`` reaches, as Textual picks it."""
    for at, name in sorted(breakpoints, reverse=True):
        if size >= at:
            return name
    return None


def breakpoint_classes(screen: Screen[Any]) -> list[str]:
    """The breakpoint classes Textual gives ``screen`` at the app's current size."""
    app = screen.app
    width, height = app.size
    horizontal = (
        app.HORIZONTAL_BREAKPOINTS
        if screen.HORIZONTAL_BREAKPOINTS is None
        else screen.HORIZONTAL_BREAKPOINTS
    ) or []
    vertical = (
        app.VERTICAL_BREAKPOINTS
        if screen.VERTICAL_BREAKPOINTS is None
        else screen.VERTICAL_BREAKPOINTS
    ) or []
    found = (_breakpoint(width, list(horizontal)), _breakpoint(height, list(vertical)))
    return [name for name in found if name is not None]


def sized_ahead(screen: Screen[Any]) -> None:
    """Give a screen being made its breakpoint classes now (nothing outside a running app)."""
    with contextlib.suppress(NoActiveAppError):
        screen.add_class(*breakpoint_classes(screen), update=False)


def planned_size(widget: Widget) -> Size | None:
    """The size ``widget`` will be laid out at in its screen's first layout, at the app's
    size, worked out ahead by the screen's own arrangement (``Widget.arrange``; the layout
    then takes each arrangement from the cache this fills). None when it cannot be told so:
    not under a screen, or under a container whose children overflow it (it may show a
    scrollbar, which takes room)."""
    try:
        screen = widget.screen
    except NoScreen:
        return None
    path: list[Widget] = []
    node: DOMNode | None = widget
    while node is not None and node is not screen:
        if not isinstance(node, Widget):
            return None
        path.append(node)
        node = node.parent
    if node is None:
        return None
    container: Widget = screen
    inner = Size(*screen.app.size)
    size: Size | None = None
    for child in reversed(path):
        arrangement = container.arrange(inner)
        spread = arrangement.total_region
        if spread.right > inner.width or spread.bottom > inner.height:
            return None
        placement = next((p for p in arrangement.placements if p.widget is child), None)
        if placement is None:
            return None
        size = placement.region.size
        inner = placement.region.shrink(child.styles.gutter).size
        container = child
    return size


def planned_room(widget: Widget) -> Size | None:
    """The room for ``widget``'s content beside a vertical scrollbar (inside its border and
    padding) at its :func:`planned_size`; None when that cannot be told."""
    size = planned_size(widget)
    if size is None:
        return None
    styles = widget.styles
    inner = size - styles.gutter.totals
    return Size(max(0, inner.width - styles.scrollbar_size_vertical), max(0, inner.height))
