"""Plain-data conversion of the model's frozen dataclasses (for the migration file and JSON).

One generic pair of functions driven by type hints, so each model class stays a plain dataclass
and every persisted shape follows the class definition exactly. Converters are compiled once per
class from its hints, because inventories of 100,000 numbers pass through here.
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from collections.abc import Callable
from typing import Any, TypeVar, Union, get_args, get_origin

T = TypeVar("T")
Converter = Callable[[Any], Any]

_PLAIN: frozenset[type] = frozenset({str, int, float, bool, type(None)})
_FIELDS: dict[type, tuple[str, ...] | None] = {}
_BUILDERS: dict[type, tuple[tuple[str, Converter], ...]] = {}


def _field_names(cls: type) -> tuple[str, ...] | None:
    try:
        return _FIELDS[cls]
    except KeyError:
        names = (
            tuple(f.name for f in dataclasses.fields(cls))
            if dataclasses.is_dataclass(cls)
            else None
        )
        _FIELDS[cls] = names
        return names


def to_data(value: Any) -> Any:
    """Dataclasses -> dicts, enums -> values, sets -> sorted lists, tuples -> lists."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    names = _field_names(kind)
    if names is not None:
        result = {}
        for name in names:
            item = getattr(value, name)
            result[name] = item if type(item) in _PLAIN else to_data(item)
        return result
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, frozenset | set):
        return sorted(to_data(v) for v in value)
    if isinstance(value, tuple | list):
        return [v if type(v) in _PLAIN else to_data(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_data(v) for k, v in value.items()}
    return value


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
    kwargs = {name: convert(data[name]) for name, convert in _builder(cls) if name in data}
    return cls(**kwargs)
