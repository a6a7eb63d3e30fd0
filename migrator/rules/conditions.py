"""The small condition and template language of the compatibility table's rules.

A condition maps fact names to expected values: a scalar must equal the fact (or be a member of a
set-valued fact); a list matches when the fact is one of its values (or shares a value with a
set-valued fact); true/false match a truthy/falsy fact. Templates are str.format strings over the
same facts, with sets printed as comma-separated lists.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import Any

Expected = str | int | bool | list[str]
Condition = dict[str, Expected]

_FORMATTER = string.Formatter()


def _is_collection(value: Any) -> bool:
    return isinstance(value, frozenset | set | tuple | list)


def entry_matches(expected: Expected, value: Any) -> bool:
    if isinstance(expected, bool):
        return bool(value) is expected
    if isinstance(expected, list):
        if _is_collection(value):
            return any(item in value for item in expected)
        return value in expected
    if _is_collection(value):
        return expected in value
    return bool(value == expected)


def matches(condition: Condition, facts: Mapping[str, Any]) -> bool:
    """True when every entry of the condition matches the facts."""
    return all(entry_matches(expected, facts[name]) for name, expected in condition.items())


def template_fields(template: str) -> tuple[str, ...]:
    """The fact names a template refers to, in order, without repeats."""
    names: list[str] = []
    for _, name, _, _ in _FORMATTER.parse(template):
        if name and name not in names:
            names.append(name)
    return tuple(names)


def show(value: Any) -> str:
    if _is_collection(value):
        return ", ".join(sorted(str(v) for v in value)) or "nothing"
    return str(value)


def render(template: str, facts: Mapping[str, Any]) -> str:
    return template.format_map({name: show(facts[name]) for name in template_fields(template)})
