"""Plain-data conversion of the model's frozen dataclasses (for the migration file and JSON).

One generic pair of functions driven by type hints, so each model class stays a plain dataclass
and every persisted shape follows the class definition exactly.
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from functools import cache
from typing import Any, TypeVar, Union, get_args, get_origin

T = TypeVar("T")


def to_data(value: Any) -> Any:
    """Dataclasses -> dicts, enums -> values, sets -> sorted lists, tuples -> lists."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, frozenset | set):
        return sorted(to_data(v) for v in value)
    if isinstance(value, tuple | list):
        return [to_data(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_data(v) for k, v in value.items()}
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _convert(hint: Any, data: Any) -> Any:
    origin = get_origin(hint)
    if hint is Any:
        return data
    if origin in (Union, types.UnionType):
        if data is None:
            return None
        options = [a for a in get_args(hint) if a is not type(None)]
        return _convert(options[0], data) if len(options) == 1 else data
    if origin is tuple:
        args = get_args(hint)
        inner = args[0] if args else Any
        return tuple(_convert(inner, v) for v in data)
    if origin is frozenset:
        (inner,) = get_args(hint)
        return frozenset(_convert(inner, v) for v in data)
    if origin is dict or hint is dict:
        args = get_args(hint)
        inner = args[1] if args else Any
        return {k: _convert(inner, v) for k, v in data.items()}
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return hint(data)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return from_data(hint, data)
    if hint is float and isinstance(data, int):
        return float(data)
    return data


def from_data(cls: type[T], data: dict[str, Any]) -> T:
    """Rebuild a dataclass from `to_data` output; unknown keys are ignored (newer minor fields)."""
    hints = _hints(cls)  # type: ignore[arg-type]
    kwargs = {}
    for field in dataclasses.fields(cls):  # type: ignore[arg-type]
        if field.name in data:
            kwargs[field.name] = _convert(hints[field.name], data[field.name])
    return cls(**kwargs)
