"""Where a JSON path is in a document's text, for problems reported by line and column.

The json module parses without positions, so a problem found in the parsed data (a schema
error, a bad URL on the 3,000th number) is located again in the text: each step of the path
walks the members of one object or array, skipping the values it passes over with the
standard decoder. Locating every element of a long array is one pass (`element_offsets`).
Only for text that has parsed as JSON.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterator, Sequence

_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"[ \t\n\r]*")

PathPart = str | int


class JsonPositions:
    """Line and column (1-based) of paths in one JSON text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._newlines = [match.start() for match in re.finditer("\n", text)]

    def line_col(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_left(self._newlines, offset)
        start = self._newlines[line - 1] + 1 if line else 0
        return line + 1, offset - start + 1

    def offset(self, path: Sequence[PathPart], start: int = 0) -> int:
        """Where the path's last step is (its key for an object member, the element itself in
        an array), from the value at `start`; as far as the path goes when a step is missing."""
        found = value = self._skip(start)
        for part in path:
            step = self._step(value, part)
            if step is None:
                break
            found, value = step
        return found

    def position(self, path: Sequence[PathPart]) -> tuple[int, int]:
        return self.line_col(self.offset(path))

    def element_offsets(self, path: Sequence[PathPart]) -> list[int]:
        """Where each element of the array at `path` starts, in one pass (none when there is
        no array there)."""
        value: int | None = self._skip(0)
        for part in path:
            step = self._step(value, part) if value is not None else None
            value = step[1] if step else None
        if value is None or self.text[value : value + 1] != "[":
            return []
        return [value_at for _, _, value_at in self._members(value)]

    # --- walking -----------------------------------------------------------------------------
    def _step(self, value: int, part: PathPart) -> tuple[int, int] | None:
        """(where the member starts, where its value starts) of `part` in the object or array
        at `value`, or None."""
        for key, key_at, value_at in self._members(value):
            if key == part:
                return key_at, value_at
        return None

    def _skip(self, pos: int) -> int:
        match = _SPACE.match(self.text, pos)
        return match.end() if match else pos

    def _members(self, pos: int) -> Iterator[tuple[PathPart, int, int]]:
        """(key or index, where the key or element starts, where its value starts) for each
        member of the object or array at `pos`."""
        text = self.text
        opening = text[pos : pos + 1]
        if opening not in ("{", "["):
            return
        closing = "}" if opening == "{" else "]"
        pos = self._skip(pos + 1)
        index = 0
        while pos < len(text) and text[pos] != closing:
            if opening == "{":
                key, end = _DECODER.raw_decode(text, pos)
                value_at = self._skip(self._skip(end) + 1)  # past the colon
                yield str(key), pos, value_at
            else:
                value_at = pos
                yield index, pos, value_at
                index += 1
            _, pos = _DECODER.raw_decode(text, value_at)
            pos = self._skip(pos)
            if text[pos : pos + 1] == ",":
                pos = self._skip(pos + 1)
