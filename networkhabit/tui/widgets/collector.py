"""The cyclic collector held off while a dialog opens: :class:`CollectorHeld`.

A dialog's widgets are tens of thousands of new objects, and the collector walks the young
ones every few hundred allocations: dozens of collections between the key and the dialog's
first frame, a tenth of its opening (and, for a key pressed as the app starts, the start's
own garbage too). Held off from the dialog's making until just after that frame, it walks
them once, after the frame has gone to the terminal. The hold is the app's own pause
(:func:`~networkhabit.tui.gc_pause.gc_paused`, which its loads share): the collector is on again
once every pause is over, if it was on before (or was turned on meanwhile).
"""

from __future__ import annotations

import contextlib

#: Seconds after the first frame that the collector is on again.
COLLECT_AFTER = 0.05


class CollectorHeld:
    """Mixin for a quick modal screen (before it): call :meth:`_hold_collector` as it
    composes; the collector is on again :data:`COLLECT_AFTER` seconds after its first
    frame, or as it is unmounted, whichever comes first."""

    COLLECT_AFTER = COLLECT_AFTER
    _collector_held: contextlib.ExitStack | None = None

    def _hold_collector(self) -> None:
        from networkhabit.tui.gc_pause import gc_paused

        if self._collector_held is None:
            held = contextlib.ExitStack()
            held.enter_context(gc_paused())
            self._collector_held = held

    def _release_collector(self) -> None:
        held, self._collector_held = self._collector_held, None
        if held is not None:
            held.close()

    def _settle(self, layouts_before: int) -> None:
        """As the screen settles after its first frame (see
        :class:`~networkhabit.tui.widgets.modal.QuickScreen`); the collector on soon after."""
        super()._settle(layouts_before)  # type: ignore[misc]
        self.set_timer(self.COLLECT_AFTER, self._release_collector)  # type: ignore[attr-defined]

    def on_unmount(self) -> None:
        """The collector back on, however the screen ends."""
        self._release_collector()
