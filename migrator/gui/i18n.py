"""Qt translation helpers for strings that are not a QObject's own (`self.tr` covers those).

Literals are marked with QT_TRANSLATE_NOOP(context, text) so pyside6-lupdate extracts them;
`translated(context, text)` translates at use. Table cells call
`tr` for the same few words on every row, so translations are cached per language load.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QCoreApplication


@lru_cache(maxsize=4096)
def translated(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def reset_cache() -> None:
    """Call after installing another QTranslator."""
    translated.cache_clear()
