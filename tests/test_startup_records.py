"""``@record`` behaves as ``@dataclass(frozen=True, slots=True)`` does, compiling less."""

from __future__ import annotations

import copy
import dataclasses
import importlib.util
import pickle
import types
from dataclasses import Field
from datetime import date
from pathlib import Path

import pytest

from networkhabit.domain import premade, records
from networkhabit.domain.model import CheckIn, Contact, Settings, Snapshot, TouchIndex
from networkhabit.domain.records import record


@dataclasses.dataclass(frozen=True, slots=True)
class Stdlib:
    uid: str
    n: int = 1
    tags: tuple[str, ...] = ()
    extra: dict[str, int] = dataclasses.field(default_factory=dict)


@record
class Mine:
    uid: str
    n: int = 1
    tags: tuple[str, ...] = ()
    extra: dict[str, int] = dataclasses.field(default_factory=dict)


def test_a_record_reads_compares_and_prints_as_the_dataclass_does() -> None:
    ours, theirs = Mine("a", 2, ("x",)), Stdlib("a", 2, ("x",))
    assert repr(ours) == repr(theirs).replace("Stdlib", "Mine")
    assert ours == Mine("a", 2, ("x",)) and ours != Mine("a", 3, ("x",))
    assert ours != theirs  # another class, even with equal fields
    assert (ours == 5) is False
    assert Mine("a").extra == {} and Mine("a").extra is not Mine("a").extra
    assert Mine.__match_args__ == Stdlib.__match_args__
    assert not hasattr(ours, "__dict__")  # slotted


def test_a_record_hashes_by_its_fields_unless_the_class_says_otherwise() -> None:
    c = CheckIn("u", "h", date(2026, 1, 2), 2)
    assert hash(c) == hash(CheckIn("u", "h", date(2026, 1, 2), 2))
    assert (
        len({c, CheckIn("u", "h", date(2026, 1, 2), 2), CheckIn("v", "h", date(2026, 1, 2))}) == 2
    )
    assert hash(Settings()) == hash(Settings())  # Settings' own __hash__ (it holds a dict)
    index = TouchIndex()
    assert hash(index) == id(index)  # TouchIndex's own: by identity


@dataclasses.dataclass(slots=True)
class StdlibMutable:
    uid: str
    n: int = 1
    items: list[int] = dataclasses.field(default_factory=list)


@record(frozen=False)
class MineMutable:
    uid: str
    n: int = 1
    items: list[int] = dataclasses.field(default_factory=list)


def test_a_mutable_record_behaves_as_a_slotted_dataclass() -> None:
    ours, theirs = MineMutable("a", 2), StdlibMutable("a", 2)
    ours.n, theirs.n = 5, 5  # fields can be set
    ours.items.append(1)
    theirs.items.append(1)
    assert repr(ours) == repr(theirs).replace("StdlibMutable", "MineMutable")
    assert ours == MineMutable("a", 5, [1]) and ours != MineMutable("a", 2, [1])
    assert MineMutable("a").items == [] and MineMutable("a").items is not MineMutable("a").items
    assert MineMutable.__hash__ is None and StdlibMutable.__hash__ is None
    with pytest.raises(TypeError):
        hash(ours)
    with pytest.raises(AttributeError):
        ours.other = 1  # type: ignore[attr-defined]  # slotted
    assert copy.deepcopy(ours) == ours and pickle.loads(pickle.dumps(ours)) == ours
    assert dataclasses.replace(ours, n=7) == MineMutable("a", 7, [1])
    assert [f.name for f in dataclasses.fields(ours)] == ["uid", "n", "items"]
    assert MineMutable.__match_args__ == StdlibMutable.__match_args__


def _body(doc: str | None = "A class.") -> dict[str, object]:
    return {
        "__module__": __name__,
        "__qualname__": "Outer.Made",
        "__doc__": doc,
        "__annotations__": {"uid": "str", "n": "int", "tags": "tuple[str, ...]", "d": "dict"},
        "n": 1,
        "tags": (),
        "d": dataclasses.field(default_factory=dict),
        "method": lambda self: self.n,
    }


def _shape(cls: type) -> dict[str, object]:
    """What the dataclasses module makes of a class, to compare: every field's every attribute,
    the parameters, slots, match args and what else the class holds."""
    return {
        "fields": [
            {a: getattr(f, a) for a in Field.__slots__ if a not in ("name", "type")}
            | {"name": f.name, "type": f.type}
            for f in dataclasses.fields(cls)
        ],
        "all": list(cls.__dataclass_fields__),
        "params": repr(cls.__dataclass_params__),
        "slots": cls.__slots__,
        "match": cls.__match_args__,
        "names": (cls.__name__, cls.__qualname__, cls.__module__, cls.__doc__),
        "dict": sorted(k for k in cls.__dict__ if k not in ("__dataclass_params__",)),
        "bases": cls.__bases__,
        "annotations": cls.__annotations__,
    }


def test_a_record_class_is_the_dataclass_the_dataclasses_module_makes() -> None:
    """records makes its classes' dataclass part itself (reading annotations the dataclasses
    way costs about 0.1 M instructions a field); the result is the very same."""
    ours = records._dataclass(type("Made", (), _body()))
    theirs = records._AS_DATACLASS(type("Made", (), _body()))
    assert ours is not theirs and _shape(ours) == _shape(theirs)
    assert dataclasses.is_dataclass(ours)
    for cls in (Contact, Snapshot, Settings, CheckIn, TouchIndex, Mine, MineMutable):
        assert dataclasses.fields(cls) and cls.__slots__ == cls.__match_args__
        assert not any(isinstance(cls.__dict__.get(f.name), Field) for f in dataclasses.fields(cls))
    # what it leaves to the dataclasses module: the same as that makes, errors the same
    no_doc = records._dataclass(type("Made", (), _body(None)))
    assert _shape(no_doc) == _shape(records._AS_DATACLASS(type("Made", (), _body(None))))
    for bad in ({"x": []}, {"x": dataclasses.field(default={})}):
        body = {"__module__": __name__, "__doc__": "x", "__annotations__": {"x": "list"}, **bad}
        with pytest.raises(ValueError, match="mutable default"):
            records._dataclass(type("Bad", (), body))
    classvar = {"__doc__": "x", "__annotations__": {"a": "ClassVar[int]", "b": "int"}, "a": 1}
    made = records._dataclass(type("C", (), {"__module__": "typing", **classvar}))
    assert [f.name for f in dataclasses.fields(made)] == ["b"]


def test_a_record_is_frozen() -> None:
    c = Contact("u", "Ana Ruiz", date(2026, 1, 1))
    with pytest.raises(dataclasses.FrozenInstanceError):
        c.name = "Bo"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del c.name  # type: ignore[misc]
    assert c.name == "Ana Ruiz"


def test_the_dataclass_functions_work_on_records() -> None:
    c = Contact("u", "Ana Ruiz", date(2026, 1, 1), tags=("vc",))
    assert dataclasses.is_dataclass(c)
    assert [f.name for f in dataclasses.fields(c)][:3] == ["uid", "name", "created"]
    moved = dataclasses.replace(c, company="Example Ltd")
    assert moved.company == "Example Ltd" and moved.name == c.name and c.company == ""
    assert dataclasses.asdict(c)["tags"] == ("vc",)
    snap = Snapshot(contacts=(c,))
    assert snap.settings == Settings() and dataclasses.replace(snap, partial=True).partial


def test_a_record_survives_copy_and_pickle() -> None:
    c = Contact("u", "Ana Ruiz", date(2026, 1, 1), tags=("vc",), cadence_days=30)
    assert pickle.loads(pickle.dumps(c)) == c
    assert copy.deepcopy(c) == c and copy.copy(c) == c
    assert copy.copy(Mine("a")) == Mine("a")


def test_a_record_takes_its_fields_as_a_dataclass_init_does() -> None:
    with pytest.raises(TypeError, match="missing"):
        CheckIn("u")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="unexpected keyword"):
        CheckIn("u", "h", date(2026, 1, 1), colour="red")  # type: ignore[call-arg]
    assert CheckIn(uid="u", habit="h", date=date(2026, 1, 1), skip=True).skip


def test_a_field_option_records_do_not_support_is_refused() -> None:
    with pytest.raises(TypeError, match="default only"):

        @record
        class Bad:
            uid: str
            secret: str = dataclasses.field(default="", compare=False)


def test_make_builds_the_same_record_as_the_class_call() -> None:
    """``_make`` (the bulk decoders' constructor) gives what the class call gives: equal,
    same hash and repr, frozen, and of the class itself."""
    values = ("u1", 3, ("a", "b"), {"x": 1})
    made, called = Mine._make(*values), Mine(*values)
    assert type(made) is Mine
    assert made == called
    assert repr(made) == repr(called)
    check = CheckIn._make("c1", "h1", date(2026, 11, 20), 2, False, "")
    assert hash(check) == hash(CheckIn("c1", "h1", date(2026, 11, 20), 2, False, ""))
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.n = 4  # type: ignore[misc]
    assert dataclasses.replace(made, n=5) == Mine("u1", 5, ("a", "b"), {"x": 1})
    assert pickle.loads(pickle.dumps(made)) == called
    with pytest.raises(TypeError):
        Mine._make("u1")  # every field, no defaults: a decoder that forgets one fails loudly


@pytest.mark.parametrize("cls", [CheckIn, Contact])
def test_make_takes_every_field_in_order(cls: type) -> None:
    names = [f.name for f in dataclasses.fields(cls)]
    values = [f"v{n}" for n in range(len(names))]
    made = cls._make(*values)
    assert [getattr(made, name) for name in names] == values


def test_a_records_methods_are_compiled_when_first_used() -> None:
    """Defining a record compiles nothing (a command imports thirty of them); its
    ``__init__`` comes when a record is first made, ``_make`` when first looked up."""

    @record
    class Late:
        uid: str
        n: int = 2

    assert isinstance(Late.__dict__["__init__"], records._Compiled)
    assert isinstance(Late.__dict__["_make"], records._Compiled)
    first = Late("a")
    assert first == Late("a", 2) and first.n == 2
    assert callable(Late.__dict__["__init__"])  # the compiled one, from now on
    assert Late("b", 3).n == 3
    assert Late._make("c", 4) == Late("c", 4)
    assert isinstance(Late.__dict__["_make"], staticmethod)


def test_the_premade_methods_are_what_the_script_writes_now() -> None:
    """``domain/premade.py`` holds the methods of every record class as they are now: a record
    whose fields changed since would be compiled when first used (slower, never wrong), so
    the file must be made again."""
    script = Path(__file__).resolve().parents[1] / "scripts" / "premade_records.py"
    spec = importlib.util.spec_from_file_location("premade_records", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.TARGET.read_text(encoding="utf-8") == module.render(), (
        "networkhabit/domain/premade.py is out of date: run python scripts/premade_records.py"
    )


def test_a_premade_method_is_the_one_the_source_compiles_to() -> None:
    """A record of the package takes its methods from ``premade`` (nothing compiled), and they
    are the very functions compiling their source gives; a record of any other shape is
    compiled as before."""
    for cls in (Contact, CheckIn, Settings, Snapshot, TouchIndex):
        init_source, make_source = records.method_sources(cls)
        assert init_source in premade.CREATORS and make_source in premade.CREATORS
        for source in (init_source, make_source):
            scope: dict[str, object] = {}
            exec(source, {}, scope)  # noqa: S102 — the source @record compiles
            compiled = scope["__create__"].__code__  # type: ignore[attr-defined]
            ahead = premade.CREATORS[source].__code__
            assert _same_code(ahead, compiled)
    assert Contact("u", "Ana Ruiz", date(2026, 1, 1)).__init__.__code__.co_filename.endswith(
        "premade.py"
    )
    assert CheckIn._make.__code__.co_filename.endswith("premade.py")

    @record
    class Odd:
        uid: str
        colour_of_the_sky: str = "blue"

    assert Odd("a").colour_of_the_sky == "blue"
    assert Odd.__init__.__code__.co_filename == "<string>"
    assert Odd._make("b", "grey") == Odd("b", "grey")


def _same_code(a: types.CodeType, b: types.CodeType) -> bool:
    """The same bytecode, names, constants (nested functions alike): where it was written aside."""
    fields = ("co_code", "co_names", "co_varnames", "co_freevars", "co_cellvars", "co_argcount")
    if any(getattr(a, f) != getattr(b, f) for f in fields):
        return False
    nested_a = [c for c in a.co_consts if isinstance(c, types.CodeType)]
    nested_b = [c for c in b.co_consts if isinstance(c, types.CodeType)]
    plain_a = [c for c in a.co_consts if not isinstance(c, types.CodeType)]
    plain_b = [c for c in b.co_consts if not isinstance(c, types.CodeType)]
    return (
        plain_a == plain_b
        and len(nested_a) == len(nested_b)
        and all(_same_code(x, y) for x, y in zip(nested_a, nested_b, strict=True))
    )


def test_the_daily_paths_define_no_dataclass(tmp_path: Path) -> None:
    """The modules ``today`` (the introduction suggestions' included) and the app's rules
    import are records only: a dataclass compiles six methods as its module is imported
    (about a millisecond each class, on every start)."""
    import subprocess
    import sys

    probe = (
        "import dataclasses, sys\n"
        "made = []\n"
        "real = dataclasses._process_class\n"
        "def spy(cls, *a, **k):\n"
        "    made.append(cls.__module__ + '.' + cls.__qualname__)\n"
        "    return real(cls, *a, **k)\n"
        "dataclasses._process_class = spy\n"
        "import networkhabit.cli, networkhabit.commands.today, networkhabit.views.today\n"
        "import networkhabit.domain.network, networkhabit.tui.data\n"
        "print([m for m in made if m.startswith('networkhabit.') and '_Prototype' not in m])\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    assert callable(dataclasses._process_class)  # what the probe watches (Python's own)
    assert out.stdout.strip() == "[]"


def test_make_of_a_mutable_record_is_the_class_call_too() -> None:
    """A mutable record (no frozen ``__setattr__``) is made as itself, and stays mutable."""

    @record(frozen=False)
    class Loose:
        uid: str
        n: int = 0

    made = Loose._make("u1", 2)  # type: ignore[attr-defined]
    assert type(made) is Loose and made == Loose("u1", 2)
    made.n = 3
    assert made.n == 3
