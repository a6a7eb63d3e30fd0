"""Plain-data conversion of the model's frozen dataclasses (for the migration file and JSON).

One generic pair of functions driven by type hints, so each model class stays a plain dataclass
and every persisted shape follows the class definition exactly. Converters are compiled once per
class from its hints (into one Python function per class, both ways), because inventories of
100,000 numbers pass through here.

`canonical_data` is `to_data` for hashing: the same data, except that every float becomes the
JSON text `json.dumps` gives it (an orjson Fragment), so fingerprints encoded by orjson match the
ones the standard library encoder gave (orjson writes 1e-05 as 0.00001, NaN as null).
"""

from __future__ import annotations

import dataclasses
import enum
import json
import types
import typing
from collections.abc import Callable
from typing import Any, TypeVar, Union, get_args, get_origin

import orjson

T = TypeVar("T")
Converter = Callable[[Any], Any]

_PLAIN: frozenset[type] = frozenset({str, int, float, bool, type(None)})
_EXACT: frozenset[type] = frozenset({str, int, bool, type(None)})
"""Plain types whose JSON text orjson and the json module write alike (floats differ)."""
_TEXT: frozenset[type] = frozenset({str})
_BUILDERS: dict[type, tuple[tuple[str, Converter], ...]] = {}


class _Family:
    """One way of turning values into plain data: a walker with a compiled encoder per type."""

    def __init__(self, name: str, plain: frozenset[type], on_float: Converter | None) -> None:
        self.name = name
        self.plain = plain
        self.on_float = on_float
        self.encoders: dict[type, Converter] = {}

    def walk(self, value: Any) -> Any:
        kind = type(value)
        if kind in self.plain:
            return value
        encode = self.encoders.get(kind)
        if encode is None:
            encode = self.encoders[kind] = self._encoder(kind)
        return encode(value)

    def _encoder(self, kind: type) -> Converter:
        """What `to_data` always did for a value of this type, as one function."""
        walk, plain = self.walk, self.plain
        if dataclasses.is_dataclass(kind):
            return _compile(kind, self)
        if issubclass(kind, enum.Enum):
            return _enum_value
        if issubclass(kind, float) and self.on_float is not None:
            return self.on_float
        if issubclass(kind, frozenset | set):
            if self is _DATA:
                return lambda value: sorted([walk(v) for v in value])
            # sort the plain data (a Fragment has no order), then encode what was sorted
            return lambda value: [walk(v) for v in sorted([to_data(v) for v in value])]
        if issubclass(kind, tuple | list):
            return lambda value: [v if type(v) in plain else walk(v) for v in value]
        if issubclass(kind, dict):

            def encode_dict(value: dict[Any, Any]) -> dict[str, Any]:
                return {
                    (k if type(k) is str else str(k)): (v if type(v) in plain else walk(v))
                    for k, v in value.items()
                }

            if self is _DATA or kind is not dict:
                return encode_dict
            # hashing only reads the data: a dict of text keys and exact values is its own
            return lambda value: (
                value
                if _TEXT.issuperset(map(type, value))
                and plain.issuperset(map(type, value.values()))
                else encode_dict(value)
            )
        return _identity


def _enum_value(value: Any) -> Any:
    return value.value


def _float_fragment(value: float) -> orjson.Fragment:
    return orjson.Fragment(json.dumps(value))


_DATA = _Family("data", _PLAIN, None)
_CANONICAL = _Family("canonical", _EXACT, _float_fragment)


def to_data(value: Any) -> Any:
    """Dataclasses -> dicts, enums -> values, sets -> sorted lists, tuples -> lists."""
    return _DATA.walk(value)


def canonical_data(value: Any) -> Any:
    """`to_data(value)` with each float as the Fragment of its `json.dumps` text."""
    return _CANONICAL.walk(value)


# --- compiled dataclass encoders --------------------------------------------------------------
def _compile(cls: type, family: _Family) -> Converter:
    """def encode(v): return {"field": <the field's value as plain data>, ...}, with the
    expression for each field chosen from its type hint (any other value is walked)."""
    hints = typing.get_type_hints(cls)
    namespace: dict[str, Any] = {"_P": family.plain, "_w": family.walk, "_cls": cls}
    counter = iter(range(1_000_000))
    lines = ["def encode(v):"]
    items = []
    for index, f in enumerate(dataclasses.fields(cls)):  # type: ignore[arg-type]
        local = f"a{index}"
        lines.append(f"    {local} = v.{f.name}")
        items.append(f"{f.name!r}: {_expression(hints[f.name], local, namespace, counter, family)}")
    lines.append("    return {" + ", ".join(items) + "}")
    # as dataclasses builds __init__: the source holds only the class's own field names
    code = compile("\n".join(lines), f"<{family.name} encoder of {cls.__name__}>", "exec")
    exec(code, namespace)  # noqa: S102
    return namespace["encode"]  # type: ignore[no-any-return]


def _expression(
    hint: Any, var: str, namespace: dict[str, Any], counter: typing.Iterator[int], family: _Family
) -> str:
    """Python source turning `var` (declared as `hint`) into plain data, exactly as the
    walker would: fast paths check the runtime type and fall back to the walker."""
    generic = f"({var} if type({var}) in _P else _w({var}))"
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        options = [a for a in get_args(hint) if a is not type(None)]
        if len(options) == 1:
            inner = _expression(options[0], var, namespace, counter, family)
            return inner if inner == generic else f"(None if {var} is None else {inner})"
        return generic
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        name = f"_t{next(counter)}"
        namespace[name] = hint
        return f"({var}._value_ if type({var}) is {name} else _w({var}))"
    if origin is tuple:
        args = get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            item = f"i{next(counter)}"
            inner = _expression(args[0], item, namespace, counter, family)
            return f"([{inner} for {item} in {var}] if type({var}) is tuple else _w({var}))"
        return generic
    if origin is frozenset:
        (arg,) = get_args(hint)
        if arg is str or (isinstance(arg, type) and issubclass(arg, enum.Enum)):
            # the items are text either way, so sorting them is sorting their plain data
            item = f"i{next(counter)}"
            inner = _expression(arg, item, namespace, counter, family)
            listed = f"([] if not {var} else sorted([{inner} for {item} in {var}]))"
            return f"({listed} if type({var}) is frozenset else _w({var}))"
        return generic
    if origin is dict or hint is dict:
        if dict not in family.encoders:
            family.encoders[dict] = family._encoder(dict)
        namespace["_dict"] = family.encoders[dict]
        return f"(_dict({var}) if type({var}) is dict else _w({var}))"
    return generic


# --- from plain data ---------------------------------------------------------------------------
def _identity(data: Any) -> Any:
    return data


def _converter(hint: Any) -> Converter:
    """A function turning `to_data` output back into a value of type `hint`."""
    origin = get_origin(hint)
    if hint is Any or hint in (str, int, bool, type(None)):
        return _identity
    if hint is float:
        return lambda data: float(data) if isinstance(data, int) else data
    if origin in (Union, types.UnionType):
        options = [a for a in get_args(hint) if a is not type(None)]
        if len(options) != 1:
            return _identity
        inner = _converter(options[0])
        if inner is _identity:
            return _identity
        return lambda data: None if data is None else inner(data)
    if origin is tuple:
        args = get_args(hint)
        item = _converter(args[0] if args else Any)
        if item is _identity:
            return tuple
        return lambda data: tuple(item(v) for v in data)
    if origin is frozenset:
        (arg,) = get_args(hint)
        item = _converter(arg)
        if item is _identity:
            return frozenset
        return lambda data: frozenset(item(v) for v in data)
    if origin is dict or hint is dict:
        args = get_args(hint)
        value = _converter(args[1] if args else Any)
        if value is _identity:
            return _identity
        return lambda data: {k: value(v) for k, v in data.items()}
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return hint
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return lambda data: from_data(hint, data)
    return _identity


def _builder(cls: type) -> tuple[tuple[str, Converter], ...]:
    try:
        return _BUILDERS[cls]
    except KeyError:
        hints = typing.get_type_hints(cls)
        built = tuple(
            (f.name, _converter(hints[f.name]))
            for f in dataclasses.fields(cls)  # type: ignore[arg-type]
        )
        _BUILDERS[cls] = built
        return built


def from_data(cls: type[T], data: dict[str, Any]) -> T:
    """Rebuild a dataclass from `to_data` output; unknown keys are ignored (newer minor fields)."""
    decode = _DECODERS.get(cls)
    if decode is None:
        decode = _DECODERS[cls] = _compile_decoder(cls)
    kwargs = decode(data)
    if kwargs is None:  # a field is missing (an older minor version): it takes its default
        kwargs = {name: convert(data[name]) for name, convert in _builder(cls) if name in data}
    return assemble(cls, kwargs)


_DECODERS: dict[type, Callable[[dict[str, Any]], dict[str, Any] | None]] = {}


def _compile_decoder(cls: type) -> Callable[[dict[str, Any]], dict[str, Any] | None]:
    """def decode(d): the fields of `cls` from `to_data` output holding every one of them
    (None when one is missing), each converted as `_converter` of its hint would, inline."""
    hints = typing.get_type_hints(cls)
    namespace: dict[str, Any] = {"_from": from_data, "_float": float, "_int": int}
    counter = iter(range(1_000_000))
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    lines = ["def decode(d):", "    try:"]
    lines += [f"        a{i} = d[{f.name!r}]" for i, f in enumerate(fields)]
    lines += ["    except KeyError:", "        return None"]
    items = [
        f"{f.name!r}: {_decoding(hints[f.name], f'a{i}', namespace, counter)}"
        for i, f in enumerate(fields)
    ]
    lines.append("    return {" + ", ".join(items) + "}")
    # as for the encoders: the source holds only the class's own field names
    code = compile("\n".join(lines), f"<decoder of {cls.__name__}>", "exec")
    exec(code, namespace)  # noqa: S102
    return namespace["decode"]  # type: ignore[no-any-return]


def _decoding(hint: Any, var: str, namespace: dict[str, Any], counter: typing.Iterator[int]) -> str:
    """Python source doing what `_converter(hint)` does to `var`."""
    origin = get_origin(hint)
    if hint is Any or hint in (str, int, bool, type(None)):
        return var
    if hint is float:
        return f"(_float({var}) if isinstance({var}, _int) else {var})"
    if origin in (Union, types.UnionType):
        options = [a for a in get_args(hint) if a is not type(None)]
        if len(options) != 1:
            return var
        inner = _decoding(options[0], var, namespace, counter)
        return var if inner == var else f"(None if {var} is None else {inner})"
    if origin in (tuple, frozenset):
        args = get_args(hint)
        build = "tuple" if origin is tuple else "frozenset"
        item = f"i{next(counter)}"
        inner = _decoding(args[0] if args else Any, item, namespace, counter)
        if inner == item:
            return f"{build}({var})"
        return f"{build}([{inner} for {item} in {var}])"
    if origin is dict or hint is dict:
        args = get_args(hint)
        value = f"v{next(counter)}"
        inner = _decoding(args[1] if args else Any, value, namespace, counter)
        if inner == value:
            return var
        key = f"k{next(counter)}"
        return f"{{{key}: {inner} for {key}, {value} in {var}.items()}}"
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        name = f"_e{next(counter)}"
        namespace[name] = hint
        namespace[f"{name}_members"] = hint._value2member_map_
        # the member by its value, as hint(value) finds it (and raises for a wrong one)
        return (
            f"(({name}_members.get({var}) or {name}({var})) "
            f"if type({var}) is str else {name}({var}))"
        )
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        name = f"_d{next(counter)}"
        namespace[name] = hint
        return f"_from({name}, {var})"
    return var


# --- building frozen dataclasses in bulk --------------------------------------------------------
_NAMES: dict[type, tuple[str, ...] | None] = {}
_new_object = object.__new__


def assemble(cls: type[T], fields: dict[str, Any]) -> T:
    """cls(**fields), without __init__ when `fields` names every field in definition order.

    A frozen dataclass's __init__ sets each field through object.__setattr__ (2-5 us for ten
    fields); filling the instance dict at once is what it amounts to, in a fraction of the time.
    The order matters: orjson encodes a dataclass from its instance dict. Anything else
    (a field left to its default, another order, a class with __post_init__ or __slots__) goes
    through __init__."""
    try:
        names = _NAMES[cls]
    except KeyError:
        names = _NAMES[cls] = _assemblable(cls)
    if names is None or tuple(fields) != names:
        return cls(**fields)
    instance = _new_object(cls)
    instance.__dict__.update(fields)
    return instance  # type: ignore[no-any-return]


def _assemblable(cls: type) -> tuple[str, ...] | None:
    """The field names, or None when __init__ must run (it does more than set the fields)."""
    if (
        not dataclasses.is_dataclass(cls)
        or hasattr(cls, "__post_init__")
        or hasattr(cls, "__slots__")
        or any(not f.init for f in dataclasses.fields(cls))
    ):
        return None
    return tuple(f.name for f in dataclasses.fields(cls))
