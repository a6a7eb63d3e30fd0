"""The words tables show for data values: number types, capabilities, webhook purposes and
owners, plan stages, action kinds and statuses, item kinds, port statuses and routes.

Each English word is a source text of the "Values" context (listed here for lupdate), so the
tables read in the UI's language; the lookup is i18n.translated's, cached until the language
changes. A test checks that every value of those enumerations has its word here.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from migrator.gui.i18n import generation, translated
from migrator.model.enums import Capability

CONTEXT = "Values"

WORDS = (
    # number types
    QT_TRANSLATE_NOOP("Values", "local"),
    QT_TRANSLATE_NOOP("Values", "mobile"),
    QT_TRANSLATE_NOOP("Values", "tollfree"),
    QT_TRANSLATE_NOOP("Values", "national"),
    QT_TRANSLATE_NOOP("Values", "other"),
    # capabilities
    QT_TRANSLATE_NOOP("Values", "voice"),
    QT_TRANSLATE_NOOP("Values", "sms"),
    QT_TRANSLATE_NOOP("Values", "mms"),
    QT_TRANSLATE_NOOP("Values", "fax"),
    # webhook purposes
    QT_TRANSLATE_NOOP("Values", "voice answer"),
    QT_TRANSLATE_NOOP("Values", "voice fallback"),
    QT_TRANSLATE_NOOP("Values", "call status"),
    QT_TRANSLATE_NOOP("Values", "sms inbound"),
    QT_TRANSLATE_NOOP("Values", "sms fallback"),
    QT_TRANSLATE_NOOP("Values", "message status"),
    QT_TRANSLATE_NOOP("Values", "disaster recovery"),
    # webhook owners and assessed items
    QT_TRANSLATE_NOOP("Values", "number"),
    QT_TRANSLATE_NOOP("Values", "application"),
    QT_TRANSLATE_NOOP("Values", "messaging service"),
    QT_TRANSLATE_NOOP("Values", "trunk"),
    QT_TRANSLATE_NOOP("Values", "sip domain"),
    QT_TRANSLATE_NOOP("Values", "account"),
    QT_TRANSLATE_NOOP("Values", "webhook"),
    # plan stages
    QT_TRANSLATE_NOOP("Values", "prepare"),
    QT_TRANSLATE_NOOP("Values", "acquire"),
    QT_TRANSLATE_NOOP("Values", "configure"),
    QT_TRANSLATE_NOOP("Values", "verify"),
    QT_TRANSLATE_NOOP("Values", "decommission"),
    # action kinds
    QT_TRANSLATE_NOOP("Values", "create application"),
    QT_TRANSLATE_NOOP("Values", "update application"),
    QT_TRANSLATE_NOOP("Values", "buy number"),
    QT_TRANSLATE_NOOP("Values", "submit port"),
    QT_TRANSLATE_NOOP("Values", "configure number"),
    QT_TRANSLATE_NOOP("Values", "verify number"),
    QT_TRANSLATE_NOOP("Values", "verify application"),
    QT_TRANSLATE_NOOP("Values", "release number"),
    QT_TRANSLATE_NOOP("Values", "delete application"),
    QT_TRANSLATE_NOOP("Values", "manual"),
    # action statuses (the journal's)
    QT_TRANSLATE_NOOP("Values", "pending"),
    QT_TRANSLATE_NOOP("Values", "running"),
    QT_TRANSLATE_NOOP("Values", "done"),
    QT_TRANSLATE_NOOP("Values", "failed"),
    QT_TRANSLATE_NOOP("Values", "undoing"),
    QT_TRANSLATE_NOOP("Values", "rolled back"),
    QT_TRANSLATE_NOOP("Values", "skipped"),
    # port statuses and routes
    QT_TRANSLATE_NOOP("Values", "draft"),
    QT_TRANSLATE_NOOP("Values", "awaiting-documents"),
    QT_TRANSLATE_NOOP("Values", "submitted"),
    QT_TRANSLATE_NOOP("Values", "foc-confirmed"),
    QT_TRANSLATE_NOOP("Values", "exception"),
    QT_TRANSLATE_NOOP("Values", "cancelling"),
    QT_TRANSLATE_NOOP("Values", "cancelled"),
    QT_TRANSLATE_NOOP("Values", "completed"),
    QT_TRANSLATE_NOOP("Values", "api"),
    QT_TRANSLATE_NOOP("Values", "ticket"),
)


_shown: dict[str, str] = {}
"""Each word and its value spelling ('rolled back', 'rolled_back') -> the word shown."""
_joined: dict[frozenset[Capability], str] = {}
_made_for = -1
"""The i18n generation the two caches were made for."""
_CAPABILITY_ORDER = (Capability.VOICE, Capability.SMS, Capability.MMS, Capability.FAX)


def _current() -> dict[str, str]:
    """The words for the language in use (made again when it changes): a dict lookup per
    cell, as a 100,000-row table asks for hundreds of thousands of them."""
    global _made_for
    if _made_for != generation():
        _shown.clear()
        _joined.clear()
        for text in WORDS:
            shown = translated(CONTEXT, text)
            _shown[text] = _shown[text.replace(" ", "_")] = shown
        _made_for = generation()
    return _shown


def word(value: str) -> str:
    """A data value as tables show it (`value` with '_' read as a space), in the UI's
    language. StrEnum members are their values, so an enumeration member will do."""
    found = _current().get(value)
    return found if found is not None else translated(CONTEXT, value.replace("_", " "))


def capabilities_text(capabilities: frozenset[Capability]) -> str:
    """'voice, sms, mms' in the UI's language, once per set of capabilities."""
    shown = _current()
    text = _joined.get(capabilities)
    if text is None:
        text = ", ".join(shown[c] for c in _CAPABILITY_ORDER if c in capabilities)
        _joined[capabilities] = text
    return text
