"""The cyclic collector paused while the app makes many objects at once (a load, a dialog
opening): one pause shared by all, counted, so that the collector is on again once the last
is over — if it was on before any began, or was turned on meanwhile (:func:`collector_on`).
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator


class _GcPause:
    """Counts the pauses running; the collector is off while any is (see :func:`gc_paused`)."""

    lock = threading.Lock()
    running = 0
    was_enabled = False


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """The cyclic garbage collector off while a load makes its many long-lived records (it
    would walk them all again and again as they pile up: a third of a load's time on a large
    store); on again afterwards, unless it was off before."""
    with _GcPause.lock:
        if _GcPause.running == 0:
            _GcPause.was_enabled = gc.isenabled()
            gc.disable()
        _GcPause.running += 1
    try:
        yield
    finally:
        with _GcPause.lock:
            _GcPause.running -= 1
            if _GcPause.running == 0 and _GcPause.was_enabled:
                gc.enable()


def collector_on() -> None:
    """The collector on — now, or if a pause holds it off (see :func:`gc_paused`: a load,
    a dialog opening), as the last pause ends."""
    with _GcPause.lock:
        if _GcPause.running:
            _GcPause.was_enabled = True
        else:
            gc.enable()
