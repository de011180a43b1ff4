"""Keys typed ahead go where they were meant to: :class:`TypeAhead`, a mixin for the app.

A user who knows the keys types ahead of the screen: ``a`` and at once the new contact's
name, ``/`` and at once a name to filter by, ``l`` and at once the note, ``escape`` and at
once the next screen's key. Textual routes a key to whatever has the keyboard as the app
takes it off its queue — before the keys ahead of it have done what they do: a pushed
screen is composed and mounted in its own task, ``widget.focus()`` waits its turn in the
app's queue, and a binding runs only once the key has bubbled back up to the app. Left to
that, keys typed in one burst (a fast typist, a paste, a terminal that delivers several
keys in one read) were lost (the new dialog had nothing focused yet; a letter after
``escape`` went into the field of the closing dialog) or, worse, did something else:
``/ana`` on Contacts opened the Add dialog (the ``a`` reached the table before the filter
had the keyboard), ``l`` then ``call`` on Today switched to Contacts (the ``c``).

So keys go on **one at a time**, each once the one before it is done with:

- a key is on its way until it has been through every widget it bubbles through, up to
  the app (a marker follows it up that path, see :meth:`TypeAhead._follow`) — its binding
  has run, the screen it opened is on top; a key typed meanwhile waits, in order;
- **a screen still opening holds the keys**: a screen of the app says when it can take
  keys (``takes_keys``, set once it is mounted, has put the keyboard where it starts and
  is first shown, see :class:`~networkhabit.tui.widgets.modal.QuickScreen`); until then the
  keys wait. Textual's own screens (the command palette) take keys at once;
- nothing waits for long: if a key never comes back (the widget it went to was removed
  with its screen) or a screen never says it takes keys, the waiting keys go on after
  :data:`WAIT_AT_MOST_S`;
- a key that comes back up to the app untaken while the keyboard moved or another screen
  came on top (a key before it did that, and it went its way before that was known) is
  routed again, as if typed now, before any later key.

A key pressed on its own (the usual case) goes its way at once, as before: only the keys
behind it wait, and only while it is on its way (a few milliseconds). A paste (the
terminal's bracketed paste) takes its turn among the keys the same way.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING, Any

from textual import events

if TYPE_CHECKING:
    from textual.message_pump import MessagePump
    from textual.timer import Timer

#: Waiting keys go on after this long whatever happens (a key that never came back, a
#: screen that never said it takes keys): the keyboard is never lost for good.
WAIT_AT_MOST_S = 1.0
#: At most this many keys wait (beyond: dropped — a stuck key repeating).
WAIT_AT_MOST = 256


def on_top(app: Any) -> object:
    """The screen on top (None once the app has none: it is closing)."""
    from textual.app import ScreenStackError

    try:
        return app.screen
    except ScreenStackError:
        return None


def takes_keys(screen: object) -> bool:
    """Whether ``screen`` can take keys now (a screen that does not say: always)."""
    return bool(getattr(screen, "takes_keys", True))


class TypeAhead:
    """Mixin for the app (before :class:`~textual.app.App`): typed keys one at a time (see
    the module)."""

    #: The keys (and pastes) typed and not yet on their way, oldest first.
    _waiting: deque[events.Key | events.Paste]
    #: The key (or paste) on its way (None: none), until its marker is back at the app.
    _on_its_way: events.Key | events.Paste | None = None
    _timer: Timer | None = None
    #: The screen that did not say it takes keys within :data:`WAIT_AT_MOST_S`: it is given
    #: them regardless.
    _overdue: object = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._waiting = deque()
        super().__init__(*args, **kwargs)

    @property
    def held_keys(self) -> int:
        """How many typed keys are not done with yet (waiting, or on their way): tests and
        screenshots wait for none."""
        return len(self._waiting) + (self._on_its_way is not None)

    async def on_event(self, event: events.Event) -> None:
        """A key (or a paste) as it comes from the terminal waits its turn (see the
        module)."""
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            if len(self._waiting) < WAIT_AT_MOST:
                self._waiting.append(event)
            await self._next()
            return
        await super().on_event(event)  # type: ignore[misc]

    async def _next(self) -> None:
        """The next waiting key on its way, if none is and the screen on top takes keys."""
        app: Any = self
        waiting = self._waiting
        if not waiting:
            return
        screen = on_top(app)
        if screen is None:
            waiting.clear()  # closing: nothing takes keys any more
            return
        if self._on_its_way is not None or not (takes_keys(screen) or screen is self._overdue):
            if self._timer is None:  # the keys wait: for so long at most
                self._wait()
            return
        event = waiting.popleft()
        self._on_its_way = event
        start: Any = app.focused or screen  # where Textual will forward it
        if isinstance(event, events.Key):
            event._typed_at = (screen, app.focused)  # type: ignore[attr-defined]
        self._stop_timer()
        if waiting:
            self._wait()  # the keys behind it: from now
        await super().on_event(event)  # type: ignore[misc]
        self._follow(start, event)

    def _follow(self, node: MessagePump, event: events.Key | events.Paste) -> None:
        """A marker behind ``event`` in ``node``'s queue, then in each parent's, up to the
        app: when it is back, so is the key (or it was taken on the way)."""
        app: Any = self
        parent = getattr(node, "parent", None) if node is not app else None
        if node is app or parent is None:
            app.call_later(self._done, event)
        elif not node.call_later(self._follow, parent, event):
            app.call_later(self._done, event)  # (node closed: nothing more goes through it)

    async def _done(self, event: events.Key | events.Paste) -> None:
        if self._on_its_way is event:
            self._on_its_way = None
            await self._next()
        if self._on_its_way is None and not self._waiting:
            self._stop_timer()

    async def on_key(self, event: events.Key) -> None:
        """A key back at the app with nothing taking it: if the screen on top or what has
        the keyboard changed since it was routed, it is routed again, to where the
        keyboard is now (before any key typed after it)."""
        app: Any = self
        given_to = getattr(event, "_typed_at", None)
        if given_to is None or given_to == (on_top(app), app.focused):
            return  # the bindings, as ever
        event.prevent_default()  # not the bindings of where the key was not typed
        event.stop()
        self._waiting.appendleft(fresh(event, app))

    def screen_takes_keys(self) -> None:
        """Called by a screen once it takes keys: the waiting keys go on (from the app's
        queue, after what the screen asked of the app as it opened, such as its focus)."""
        app: Any = self
        if self._waiting:
            app.call_later(self._next)

    def _wait(self) -> None:
        """Keys wait, for :data:`WAIT_AT_MOST_S` at most (from now)."""
        app: Any = self
        self._stop_timer()
        self._timer = app.set_timer(WAIT_AT_MOST_S, self._waited_too_long)

    async def _waited_too_long(self) -> None:
        """A key never came back, or the screen never said it takes keys: the next key goes
        on regardless."""
        app: Any = self
        self._timer = None
        self._on_its_way = None
        self._overdue = on_top(app)
        await self._next()

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None


def fresh(event: events.Key, app: Any) -> events.Key:
    """A copy of a typed key, as if it came from the terminal now (sent by the app, as
    Textual's driver sends them)."""
    key = events.Key(event.key, event.character)
    key.set_sender(app)
    return key
