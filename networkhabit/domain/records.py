"""``@record``: a frozen, slotted dataclass that is cheap to define.

``@dataclass(frozen=True, slots=True)`` compiles six small functions per class when its
module is imported (``__init__``, ``__repr__``, ``__eq__``, ``__hash__``, ``__setattr__``,
``__delattr__``): about a millisecond per class, and a short command imports some thirty
of them, a fifth of its start-up. A record compiles only its ``__init__`` (it has to take
the fields' own parameters, and runs for every record a store decodes); the other methods
are shared, written once below, and behave as the dataclass ones do.

A record *is* a dataclass (:func:`dataclasses.fields`, :func:`dataclasses.replace`,
:func:`dataclasses.asdict` work; ``__dataclass_fields__`` is there), frozen
(:class:`dataclasses.FrozenInstanceError` on assignment), compared and hashed by its
fields in order, with the dataclass repr. Supported: fields with a default or a
``field(default_factory=...)``; a ``__hash__`` written in the class body is kept. Anything
else a field could ask for (``init=False``, ``compare=False``, ``kw_only`` …) is refused
when the class is defined, so a record never silently behaves unlike a dataclass.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from operator import attrgetter
from typing import Any, TypeVar, dataclass_transform, overload

T = TypeVar("T")

#: What a generated ``__init__`` compares a parameter with to see that it was not given.
_FACTORY = object()


@overload
def record(cls: type[T], /) -> type[T]: ...


@overload
def record(*, frozen: bool = True) -> Callable[[type[T]], type[T]]: ...


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field,))
def record(cls: type[T] | None = None, /, *, frozen: bool = True) -> Any:
    """Make ``cls`` a frozen, slotted dataclass (see the module's docstring). With
    ``frozen=False`` (``@record(frozen=False)``), a mutable one instead, as
    ``@dataclass(slots=True)`` makes it: its fields can be set, and it is unhashable."""
    if cls is None:
        return lambda c: _record(c, frozen)
    return _record(cls, frozen)


#: What a record class is made with before its methods are set.
_AS_DATACLASS = dataclasses.dataclass(
    init=False, repr=False, eq=False, frozen=False, match_args=True, slots=True
)


@_AS_DATACLASS
class _Prototype:
    """A class made the dataclasses way, whose ``__dataclass_params__`` every record shares."""

    x: int = 0


#: Annotations the dataclasses module reads as something else than a field (as text, the
#: form ``from __future__ import annotations`` leaves them in): such a class is left to it.
_SPECIAL = ("ClassVar", "InitVar", "KW_ONLY")


def _dataclass(cls: type[T]) -> type[T]:
    """``cls`` made a slotted dataclass with no methods, as :data:`_AS_DATACLASS` makes it —
    its fields, parameters, ``__match_args__`` and slots the same — without the dataclasses
    module's reading of every annotation (about 0.1 M instructions a field: the records a
    command imports have some 150). A class that is not plain (a base class, no docstring,
    an annotation that is not simply a field's type, a default the dataclasses module
    refuses) is left to it."""
    own = cls.__dict__
    annotations = own.get("__annotations__", {})
    if (
        cls.__bases__ != (object,)
        or type(cls) is not type
        or not own.get("__doc__")
        or "__slots__" in own
        or "__match_args__" in own
        or not all(type(a) is str and not a.startswith(_SPECIAL) for a in annotations.values())
        or any(isinstance(v, dataclasses.Field) and v.kw_only is True for v in own.values())
    ):
        return _AS_DATACLASS(cls)
    fields: dict[str, dataclasses.Field[Any]] = {}
    for name, annotation in annotations.items():
        default = own.get(name, dataclasses.MISSING)
        f: dataclasses.Field[Any] = (
            default
            if isinstance(default, dataclasses.Field)
            else dataclasses.field(default=default)
        )
        if f.default is not dataclasses.MISSING and f.default.__class__.__hash__ is None:
            return _AS_DATACLASS(cls)  # (it refuses such a default: it says why)
        f.name, f.type = name, annotation
        f._field_type = dataclasses._FIELD  # type: ignore[attr-defined]
        if f.kw_only is dataclasses.MISSING:
            f.kw_only = False
        fields[name] = f
    names = tuple(fields)
    body = {
        k: v for k, v in own.items() if k not in fields and k not in ("__dict__", "__weakref__")
    }
    body["__slots__"] = names
    body["__dataclass_params__"] = _Prototype.__dataclass_params__  # type: ignore[attr-defined]
    body["__dataclass_fields__"] = fields
    body["__match_args__"] = names
    made = type(cls.__name__, cls.__bases__, body)
    made.__qualname__ = cls.__qualname__
    return made


def _record(cls: type[T], frozen: bool) -> type[T]:
    own_hash = "__hash__" in cls.__dict__
    made = _dataclass(cls)
    fields = dataclasses.fields(made)  # type: ignore[arg-type]
    for f in fields:
        if not (f.init and f.repr and f.compare and f.hash is None and not f.kw_only):
            raise TypeError(f"{cls.__qualname__}.{f.name}: a record field takes a default only")
    names = tuple(f.name for f in fields)
    get = attrgetter(*names) if len(names) > 1 else _one(names)
    methods: dict[str, object] = {
        "__init__": _Compiled("__init__", lambda cls: _init(cls, fields)),
        "__repr__": _repr(names),
        "__eq__": _eq(get),
        "__getstate__": _getstate(get),  # copy and pickle (slots, no __dict__)
        "__setstate__": _setstate(names),
    }
    if frozen:
        methods["__setattr__"] = _frozen_setattr
        methods["__delattr__"] = _frozen_delattr
    if not own_hash:
        methods["__hash__"] = _hash(get) if frozen else None  # (a dataclass's, mutable: none)
    for name, method in methods.items():
        setattr(made, name, method)
    made._make = _Compiled("_make", lambda cls: staticmethod(_make(cls, names)))  # type: ignore[attr-defined]
    return made


class _Compiled:
    """A record method compiled the first time it is looked up, then put in the class in
    its place: ``__init__`` when a record of the class is first made, ``_make`` when a bulk
    decoder first asks for it (a short command imports some thirty record classes and uses
    a few: compiling every method at import cost a tenth of its start-up)."""

    __slots__ = ("compile", "name")

    def __init__(self, name: str, compile: Callable[[type], Any]) -> None:
        self.name = name
        self.compile = compile

    def __get__(self, obj: object, cls: type) -> Any:
        value = self.compile(cls)
        setattr(cls, self.name, value)
        return value.__get__(obj, cls)


def _one(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """The field values as a tuple, for a record of one field (or none)."""
    if not names:
        return lambda obj: ()
    name = names[0]
    return lambda obj: (getattr(obj, name),)


def _init_source(fields: tuple[dataclasses.Field[Any], ...]) -> tuple[str, dict[str, Any]]:
    """The source of the record's ``__init__`` (the fields as parameters, in order, with their
    defaults) — a ``__create__`` that makes it from the values it closes over — and those
    values."""
    params: list[str] = []
    body: list[str] = []
    env: dict[str, Any] = {"__set": object.__setattr__, "__FACTORY": _FACTORY}
    for f in fields:
        if f.default is not dataclasses.MISSING:
            env[f"__d_{f.name}"] = f.default
            params.append(f"{f.name}=__d_{f.name}")
            body.append(f" __set(self, {f.name!r}, {f.name})")
        elif f.default_factory is not dataclasses.MISSING:
            env[f"__f_{f.name}"] = f.default_factory
            params.append(f"{f.name}=__FACTORY")
            body.append(
                f" __set(self, {f.name!r}, __f_{f.name}() if {f.name} is __FACTORY else {f.name})"
            )
        else:
            params.append(f.name)
            body.append(f" __set(self, {f.name!r}, {f.name})")
    source = (
        f"def __create__({', '.join(env)}):\n"
        f" def __init__(self, {', '.join(params)}):\n"
        + ("\n".join(" " + line for line in body) or "  pass")
        + "\n return __init__\n"
    )
    return source, env


def _init(cls: type, fields: tuple[dataclasses.Field[Any], ...]) -> Callable[..., None]:
    """The record's ``__init__``: the fields as parameters, in order, with their defaults."""
    source, env = _init_source(fields)
    init: Callable[..., None] = _create(source, env)
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    return init


def _make_source(names: tuple[str, ...]) -> str:
    """The source of ``_make`` for a record of the fields ``names`` (see :func:`_make`)."""
    body = "".join(f"  self.{name} = {name}\n" for name in names)
    return (
        "def __create__(__cls, __new, __twin):\n"
        f" def _make({', '.join(names)}):\n"
        "  self = __new(__twin)\n"
        f"{body}"
        "  self.__class__ = __cls\n"
        "  return self\n"
        " return _make\n"
    )


def _make(cls: type, names: tuple[str, ...]) -> Callable[..., Any]:
    """``cls._make(*values)``: a record from every field's value, in order (no defaults).

    What the bulk decoders build 100,000s of records with, without the class call and
    ``__init__``: the record is made as an object of a *twin* of its class — the same
    slots over the same base, without the frozen ``__setattr__`` — whose slots plain
    assignments fill (the interpreter's fastest way to set a slot), and then made an
    object of ``cls`` (``__class__`` assignment, which Python allows between classes of
    the same layout). About 40 % faster per record than setting each slot through its
    descriptor; the record is the same as ``cls(*values)``.
    """
    twin = _twin(cls, names)
    make: Callable[..., Any] = _create(
        _make_source(names), {"__cls": cls, "__new": object.__new__, "__twin": twin}
    )
    make.__qualname__ = f"{cls.__qualname__}._make"
    make.__module__ = cls.__module__
    return make


def _twin(cls: type, names: tuple[str, ...]) -> type:
    """A class of the same layout as ``cls`` whose slots plain assignment can set (``cls``
    itself if its ``__setattr__`` is not overridden: a mutable record)."""
    if cls.__dict__.get("__setattr__") is None:
        return cls
    twin = type(f"_{cls.__name__}Slots", cls.__bases__, {"__slots__": names})
    probe: Any = object.__new__(twin)
    probe.__class__ = cls  # (a layout that differs raises TypeError here, at once)
    return twin


def _create(source: str, env: dict[str, Any]) -> Any:
    """What the ``__create__`` of ``source`` makes of ``env``. Compiling the source costs about
    a millisecond, so the sources of the package's records are compiled ahead of time, in
    :mod:`.premade` (by ``scripts/premade_records.py``; a test keeps it current): a source
    found there, character for character, is taken from it; any other is compiled here."""
    from networkhabit.domain.premade import CREATORS

    create: Callable[..., Any] | None = CREATORS.get(source)
    if create is None:
        scope: dict[str, Any] = {}
        exec(source, {}, scope)  # noqa: S102 — as dataclasses does: source built here from fields
        create = scope["__create__"]
    return create(**env)


def method_sources(cls: type) -> tuple[str, str]:
    """The sources of the ``__init__`` and the ``_make`` ``@record`` makes for the record class
    ``cls`` (what :mod:`.premade` holds compiled)."""
    fields = dataclasses.fields(cls)
    return _init_source(fields)[0], _make_source(tuple(f.name for f in fields))


def _repr(names: tuple[str, ...]) -> Callable[[Any], str]:
    def __repr__(self: Any) -> str:
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
        return f"{type(self).__qualname__}({inner})"

    return __repr__


def _eq(get: Callable[[Any], Any]) -> Callable[[Any, object], Any]:
    def __eq__(self: Any, other: object) -> Any:
        if other.__class__ is self.__class__:
            return get(self) == get(other)
        return NotImplemented

    return __eq__


def _hash(get: Callable[[Any], Any]) -> Callable[[Any], int]:
    def __hash__(self: Any) -> int:
        return hash(get(self))

    return __hash__


def _frozen_setattr(self: Any, name: str, value: Any) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")


def _frozen_delattr(self: Any, name: str) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")


def _getstate(get: Callable[[Any], Any]) -> Callable[[Any], tuple[Any, ...]]:
    def __getstate__(self: Any) -> tuple[Any, ...]:
        return tuple(get(self))

    return __getstate__


def _setstate(names: tuple[str, ...]) -> Callable[[Any, tuple[Any, ...]], None]:
    def __setstate__(self: Any, state: tuple[Any, ...]) -> None:
        for name, value in zip(names, state, strict=True):
            object.__setattr__(self, name, value)

    return __setstate__
