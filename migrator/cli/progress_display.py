"""A one-line progress display on stderr for long CLI work (quiet when stderr is not a TTY)."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class ProgressLine:
    """A Progress callback that redraws one status line, at most ~10 times a second."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream: TextIO = stream or sys.stderr
        self._tty = bool(getattr(self._stream, "isatty", lambda: False)())
        self._last = 0.0
        self._width = 0

    def __call__(self, done: int, total: int | None, message: str) -> None:
        now = time.monotonic()
        if not self._tty or (now - self._last < 0.1 and (total is None or done < total)):
            return
        self._last = now
        count = f"{done}/{total}" if total else f"{done}"
        line = f"\r{message} [{count}]"
        pad = max(0, self._width - len(line))
        self._width = len(line)
        self._stream.write(line + " " * pad)
        self._stream.flush()

    def done(self) -> None:
        if self._tty and self._width:
            self._stream.write("\n")
            self._width = 0
