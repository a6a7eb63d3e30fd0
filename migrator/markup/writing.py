"""What every writer shares: field usage tracking, phone numbers, URLs and voices."""

from __future__ import annotations

import re

from migrator.markup import voices
from migrator.markup.catalogue import help_for
from migrator.markup.model import CallFlow, Node, OtherTarget, Say, Unsupported
from migrator.markup.report import FORMAT_NAMES, Format, Reporter
from migrator.markup.usage import Usage

_VENDOR = {"twiml": "Twilio", "ncco": "Vonage", "plivo": "Plivo"}
_PHONE = re.compile(r"^\+?[0-9][0-9 ().-]*$")


class Writer:
    """Base for the three writers: knows the source, the target and the report."""

    target: Format

    def __init__(self, flow: CallFlow, reporter: Reporter):
        self.flow = flow
        self.reporter = reporter
        self._document_urls: set[str] = set()

    @property
    def target_name(self) -> str:
        return FORMAT_NAMES[self.target]

    @property
    def same_format(self) -> bool:
        return self.flow.origin == self.target

    def usage(self, node: Node) -> Usage:
        return Usage(node, self.reporter, self.flow.origin, self.target)

    def next_document(self, url: str | None, node: Node, role: str) -> None:
        """Note a URL that answers with the next call-flow document, once per URL."""
        if not url or self.same_format or url in self._document_urls:
            return
        self._document_urls.add(url)
        self.reporter.changed(
            node.path,
            f"{node.label} {role} {url}",
            f"{_VENDOR[self.target]} requests this URL for what to do next, so it must now answer "
            f"in {self.target_name} and read {_VENDOR[self.target]}'s request parameters",
            "translate the document it serves with `migrator translate` and update the code "
            "behind it",
        )

    def unsupported(self, node: Node, key: str) -> None:
        help_text = help_for(key)
        self.reporter.lost(node.path, node.label, help_text.why, help_text.fix)

    def unsupported_verb(self, node: Unsupported | OtherTarget) -> None:
        key = node.name if self.flow.origin == "twiml" else f"{self.flow.origin}/{node.name}"
        self.unsupported(node, key)

    def source_voice(self, say: Say, use: Usage) -> voices.SourceVoice:
        if self.flow.origin == "ncco":
            voice_name = say.extras.get("voiceName")
            if isinstance(voice_name, str) and voice_name in voices.POLLY:
                use.handled_extra("voiceName")
                return voices.read_ncco(say.language, voice_name)
            return voices.read_ncco(say.language, None)
        if self.flow.origin == "plivo":
            return voices.read_plivo(say.voice, say.language)
        return voices.read_twiml(say.voice, say.language)


def phone_digits(number: str | None) -> str | None:
    """E.164 digits without '+' (NCCO and Plivo), or None when it is not a phone number."""
    if not number or not _PHONE.match(number.strip()):
        return None
    digits = re.sub(r"[^0-9]", "", number)
    return digits if 7 <= len(digits) <= 15 else None


def e164(number: str) -> str:
    """'+'-prefixed E.164 for TwiML when the source wrote bare digits."""
    digits = phone_digits(number)
    if digits is None:
        return number
    return f"+{digits}"


def is_audio_file(url: str | None) -> bool:
    """An mp3/wav URL, as opposed to a URL that answers with a call-flow document."""
    return bool(url) and bool(re.search(r"\.(mp3|wav)(\?.*)?$", url or "", re.IGNORECASE))


def speech_seconds(value: str | None) -> int | None:
    """A speech end timeout in whole seconds; None for 'auto' or nonsense."""
    try:
        seconds = float(value) if value is not None else None
    except ValueError:
        return None
    return None if seconds is None else max(round(seconds), 1)


def sip_header_name(name: str) -> str:
    """Custom SIP headers are X- headers on the wire; the model keeps the wire name."""
    return name if name.lower().startswith("x-") else f"X-{name}"


def is_web_url(url: str | None) -> bool:
    return bool(url) and bool(re.match(r"^https?://", url or "", re.IGNORECASE))


def http_method(method: str | None) -> str | None:
    return method.upper() if method else None
