"""The neutral call-flow model every markup format is read into and written from.

Fields hold what at least two vendors can express; anything only the source vendor knows stays in
`extras` under its source attribute name, so writers for the same vendor can keep it and writers
for the others can report it. `path` says where the verb sits in the source document, `tag` is
the source's own name for the verb, and `sources` maps field names to the attribute names the
source used, so reports quote the admin's own words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from migrator.markup.report import Format

FlowKind = Literal["voice", "messaging"]


@dataclass
class SsmlElement:
    """One SSML tag inside spoken text (break, emphasis, prosody, say-as, ...)."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Inline] = field(default_factory=list)


Inline = str | SsmlElement


@dataclass(kw_only=True)
class Node:
    """Anything that sits somewhere in a source document."""

    path: str = ""
    tag: str = ""
    extras: dict[str, Any] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        return type(self).__name__

    @property
    def label(self) -> str:
        """How the source document names this verb: <Say>, <Speak> or talk."""
        return self.tag or f"<{self.kind}>"

    def source_name(self, field_name: str) -> str:
        """The attribute name the source document used for a field."""
        return self.sources.get(field_name, _camel(field_name))


def _camel(name: str) -> str:
    head, *rest = name.rstrip("_").split("_")
    return head + "".join(part.title() for part in rest)


# ---- verbs -------------------------------------------------------------------------------------


@dataclass(kw_only=True)
class Say(Node):
    content: list[Inline] = field(default_factory=list)
    voice: str | None = None
    language: str | None = None
    loop: int | None = None
    barge_in: bool | None = None


@dataclass(kw_only=True)
class Play(Node):
    url: str = ""
    loop: int | None = None
    barge_in: bool | None = None


@dataclass(kw_only=True)
class SendDigits(Node):
    """DTMF tones played into the call (TwiML Play digits, Plivo DTMF)."""

    digits: str = ""


@dataclass(kw_only=True)
class Pause(Node):
    length: float | None = None


Prompt = Say | Play | Pause


@dataclass(kw_only=True)
class Gather(Node):
    """Collect digits and/or speech, then hand the result to a URL that decides what is next."""

    prompts: list[Prompt] = field(default_factory=list)
    dtmf: bool = True
    speech: bool = False
    action: str | None = None
    method: str | None = None
    timeout: int | None = None
    finish_on_key: str | None = None
    num_digits: int | None = None
    speech_timeout: str | None = None
    max_speech_time: int | None = None
    language: str | None = None
    hints: str | None = None
    profanity_filter: bool | None = None
    partial_result_callback: str | None = None
    partial_result_callback_method: str | None = None
    speech_model: str | None = None


@dataclass(kw_only=True)
class Number(Node):
    number: str = ""
    send_digits: str | None = None
    url: str | None = None
    method: str | None = None
    status_callback: str | None = None
    status_callback_event: str | None = None
    status_callback_method: str | None = None
    machine_detection: str | None = None


@dataclass(kw_only=True)
class Sip(Node):
    uri: str = ""
    username: str | None = None
    password: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    send_digits: str | None = None
    url: str | None = None
    method: str | None = None
    status_callback: str | None = None
    status_callback_event: str | None = None
    status_callback_method: str | None = None


@dataclass(kw_only=True)
class Client(Node):
    identity: str = ""
    parameters: dict[str, str] = field(default_factory=dict)
    url: str | None = None
    method: str | None = None
    status_callback: str | None = None
    status_callback_event: str | None = None
    status_callback_method: str | None = None


@dataclass(kw_only=True)
class Conference(Node):
    name: str = ""
    muted: bool | None = None
    beep: str | None = None
    start_on_enter: bool | None = None
    end_on_exit: bool | None = None
    wait_url: str | None = None
    wait_method: str | None = None
    max_participants: int | None = None
    record: str | None = None
    status_callback: str | None = None
    status_callback_event: str | None = None
    status_callback_method: str | None = None
    recording_status_callback: str | None = None


@dataclass(kw_only=True)
class Queue(Node):
    """A caller waiting in a named queue, dialled to dequeue them."""

    name: str = ""
    url: str | None = None
    method: str | None = None


@dataclass(kw_only=True)
class OtherTarget(Node):
    """A Dial target with no counterpart elsewhere (Sim, Application, WhatsApp)."""

    name: str = ""
    value: str = ""


DialTarget = Number | Sip | Client | Conference | Queue | OtherTarget


@dataclass(kw_only=True)
class Dial(Node):
    targets: list[DialTarget] = field(default_factory=list)
    action: str | None = None
    method: str | None = None
    timeout: int | None = None
    caller_id: str | None = None
    time_limit: int | None = None
    hangup_on_star: bool | None = None
    record: str | None = None
    recording_status_callback: str | None = None
    recording_status_callback_method: str | None = None


@dataclass(kw_only=True)
class Record(Node):
    """Record the caller; `background` records the whole call while the flow goes on."""

    action: str | None = None
    method: str | None = None
    timeout: int | None = None
    finish_on_key: str | None = None
    max_length: int | None = None
    play_beep: bool | None = None
    transcribe: bool | None = None
    transcribe_callback: str | None = None
    recording_status_callback: str | None = None
    recording_status_callback_method: str | None = None
    file_format: str | None = None
    background: bool = False


@dataclass(kw_only=True)
class Hangup(Node):
    pass


@dataclass(kw_only=True)
class Reject(Node):
    reason: str | None = None


@dataclass(kw_only=True)
class Redirect(Node):
    url: str = ""
    method: str | None = None


@dataclass(kw_only=True)
class Message(Node):
    """A text message: the reply to an inbound SMS, or an SMS sent during a call."""

    body: str = ""
    media: list[str] = field(default_factory=list)
    to: str | None = None
    from_: str | None = None
    action: str | None = None
    method: str | None = None
    status_callback: str | None = None


@dataclass(kw_only=True)
class Enqueue(Node):
    name: str = ""
    action: str | None = None
    method: str | None = None
    wait_url: str | None = None
    wait_url_method: str | None = None
    max_queue_size: int | None = None
    workflow_sid: str | None = None
    task: str | None = None


@dataclass(kw_only=True)
class Leave(Node):
    pass


@dataclass(kw_only=True)
class Stream(Node):
    """Call audio over a WebSocket: `bidirectional` takes over the call, otherwise it is forked."""

    url: str = ""
    bidirectional: bool = True
    name: str | None = None
    track: str | None = None
    status_callback: str | None = None
    status_callback_method: str | None = None
    parameters: dict[str, str] = field(default_factory=dict)
    action: str | None = None
    method: str | None = None


@dataclass(kw_only=True)
class Notify(Node):
    """NCCO notify: post a payload to a URL that may answer with a new call flow."""

    payload: dict[str, Any] = field(default_factory=dict)
    url: str = ""
    method: str | None = None


@dataclass(kw_only=True)
class PreAnswer(Node):
    """Plivo early media: verbs run before the call is answered."""

    verbs: list[Verb] = field(default_factory=list)


@dataclass(kw_only=True)
class Unsupported(Node):
    """A verb the model has no shape for (Pay, Refer, Siprec, ...), kept raw for its own vendor."""

    name: str = ""
    raw: Any = None


Verb = (
    Say
    | Play
    | SendDigits
    | Pause
    | Gather
    | Dial
    | Record
    | Hangup
    | Reject
    | Redirect
    | Message
    | Enqueue
    | Leave
    | Stream
    | Notify
    | PreAnswer
    | Unsupported
)


@dataclass
class CallFlow:
    """One static document: what to do with a call (voice) or an inbound text (messaging)."""

    origin: Format
    kind: FlowKind
    verbs: list[Verb] = field(default_factory=list)
