"""Read an NCCO (Vonage call control JSON) into the call-flow model.

Vonage defaults that differ from the other vendors' (input: 4 digits, 3 s, no # key; record: no
beep, 7200 s) are written into the model explicitly so the translation keeps them.
"""

from __future__ import annotations

import json
from typing import Any

from migrator.markup import ssml
from migrator.markup.errors import MalformedDocument, MarkupError, UnknownFormat
from migrator.markup.model import (
    CallFlow,
    Client,
    Conference,
    Dial,
    DialTarget,
    Gather,
    Notify,
    Number,
    OtherTarget,
    Pause,
    Play,
    Prompt,
    Record,
    Say,
    Sip,
    Stream,
    Unsupported,
    Verb,
)
from migrator.markup.report import Reporter
from migrator.markup.xmlsafe import check_size

_ACTIONS = (
    "talk",
    "stream",
    "input",
    "connect",
    "conversation",
    "record",
    "wait",
    "notify",
    "transfer",
)


def load(document: str) -> list[Any]:
    """Parse NCCO JSON text, with the line and column of any syntax error."""
    check_size(document)
    try:
        data = json.loads(document)
    except json.JSONDecodeError as exc:
        raise MalformedDocument(
            f"the JSON is not valid: {exc.msg}", line=exc.lineno, column=exc.colno
        ) from None
    except RecursionError:
        raise MalformedDocument("the JSON is nested too deeply") from None
    if isinstance(data, dict) and "action" in data:
        raise UnknownFormat("an NCCO must be a JSON array of actions; wrap this action in [ ]")
    if not isinstance(data, list):
        raise UnknownFormat("the JSON is not an NCCO (a JSON array of actions)")
    for index, action in enumerate(data):
        if not isinstance(action, dict) or not isinstance(action.get("action"), str):
            raise UnknownFormat(
                f"NCCO item [{index}] is not an action object with an 'action' name"
            )
    return data


class _Fields:
    """Typed access to one action's fields; whatever is never read becomes `extras`."""

    def __init__(self, action: dict[str, Any], path: str, name: str, reporter: Reporter):
        self.remaining = dict(action)
        self.remaining.pop("action", None)
        self.path = path
        self.name = name
        self.reporter = reporter
        self.sources: dict[str, str] = {}

    def take(self, key: str, field: str | None = None) -> Any:
        if key in self.remaining:
            self.sources[field or key] = key
        return self.remaining.pop(key, None)

    def text(self, key: str, field: str | None = None) -> str | None:
        value = self.take(key, field)
        return value if isinstance(value, str) else None if value is None else str(value)

    def integer(self, key: str, field: str | None = None) -> int | None:
        value = self.take(key, field)
        if value is None or isinstance(value, bool):
            return None
        if isinstance(value, int | float):
            return int(value)
        self._invalid(key, value)
        return None

    def boolean(self, key: str, field: str | None = None) -> bool | None:
        value = self.take(key, field)
        if value is None or isinstance(value, bool):
            return value
        self._invalid(key, value)
        return None

    def first_url(self, key: str, field: str | None = None) -> str | None:
        value = self.take(key, field)
        if isinstance(value, str):
            return value
        if isinstance(value, list) and value:
            if len(value) > 1:
                self.reporter.changed(
                    self.path,
                    f"{self.name} {key}",
                    f"only the first of {len(value)} URLs is kept; the others were fail-overs",
                )
            return str(value[0])
        return None

    def _invalid(self, key: str, value: Any) -> None:
        self.reporter.lost(
            self.path,
            f"{self.name} {key}",
            f"the value {value!r} has the wrong type, so the setting was ignored",
            "correct the value in the source NCCO",
        )

    def rest(self) -> dict[str, Any]:
        rest, self.remaining = self.remaining, {}
        return rest


class NccoReader:
    def __init__(self, actions: list[dict[str, Any]], reporter: Reporter):
        self.actions = actions
        self.reporter = reporter

    def read(self) -> CallFlow:
        verbs: list[Verb] = []
        pending: list[Prompt] = []
        for index, action in enumerate(self.actions):
            name = action["action"]
            path = f"[{index}] {name}"
            verb = self._action(action, path, name)
            if isinstance(verb, Say | Play) and verb.barge_in:
                pending.append(verb)
                continue
            if isinstance(verb, Gather):
                for prompt in pending:
                    if isinstance(prompt, Say | Play):
                        prompt.barge_in = None
                verb.prompts = pending
                pending = []
            else:
                verbs.extend(pending)
                pending = []
            if verb is not None:
                verbs.append(verb)
        verbs.extend(pending)
        return CallFlow("ncco", "voice", verbs)

    def _action(self, action: dict[str, Any], path: str, name: str) -> Verb | None:
        fields = _Fields(action, path, name, self.reporter)
        reader = getattr(self, f"_{name}", None)
        if name not in _ACTIONS or reader is None:
            return Unsupported(path=path, tag=name, name=name, raw=action)
        verb: Verb = reader(fields)
        verb.path = path
        verb.tag = name
        verb.sources.update(fields.sources)
        verb.extras.update(fields.rest())
        return verb

    def _talk(self, fields: _Fields) -> Say:
        text = fields.text("text", "content") or ""
        try:
            content = ssml.from_string(text)
        except MarkupError as exc:
            raise MalformedDocument(
                f"{fields.path}: the SSML in text is not valid XML ({exc.reason})"
            ) from None
        return Say(
            content=content,
            language=fields.text("language"),
            loop=fields.integer("loop"),
            barge_in=fields.boolean("bargeIn", "barge_in"),
        )

    def _stream(self, fields: _Fields) -> Play:
        return Play(
            url=fields.first_url("streamUrl", "url") or "",
            loop=fields.integer("loop"),
            barge_in=fields.boolean("bargeIn", "barge_in"),
        )

    def _wait(self, fields: _Fields) -> Pause:
        value = fields.take("timeout", "length")
        length = float(value) if isinstance(value, int | float) else 10.0
        return Pause(length=length)

    def _input(self, fields: _Fields) -> Gather:
        kinds = fields.take("type") or ["dtmf"]
        if isinstance(kinds, str):
            kinds = [kinds]
        dtmf_settings = fields.take("dtmf") or {}
        speech_settings = fields.take("speech") or {}
        # The NCCO schema's older form puts the DTMF settings on the action itself.
        for legacy in ("maxDigits", "timeOut", "submitOnHash"):
            if legacy in fields.remaining:
                dtmf_settings.setdefault(legacy, fields.take(legacy))
        gather = Gather(
            dtmf="dtmf" in kinds,
            speech="speech" in kinds,
            action=fields.first_url("eventUrl", "action"),
            method=fields.text("eventMethod", "method"),
        )
        if gather.dtmf:
            gather.num_digits = int(dtmf_settings.pop("maxDigits", 4))
            gather.timeout = int(dtmf_settings.pop("timeOut", 3))
            gather.finish_on_key = "#" if dtmf_settings.pop("submitOnHash", False) else ""
            gather.sources.update(
                num_digits="dtmf.maxDigits",
                timeout="dtmf.timeOut",
                finish_on_key="dtmf.submitOnHash",
            )
        if gather.speech:
            gather.language = speech_settings.pop("language", None)
            context = speech_settings.pop("context", None)
            if isinstance(context, list):
                gather.hints = ",".join(str(hint) for hint in context)
            silence = speech_settings.pop("endOnSilence", None)
            gather.speech_timeout = None if silence is None else _seconds(silence)
            longest = speech_settings.pop("maxDuration", None)
            gather.max_speech_time = None if longest is None else int(longest)
            gather.sources.update(
                language="speech.language",
                hints="speech.context",
                speech_timeout="speech.endOnSilence",
                max_speech_time="speech.maxDuration",
            )
        for key, value in dtmf_settings.items():
            gather.extras[f"dtmf.{key}"] = value
        for key, value in speech_settings.items():
            gather.extras[f"speech.{key}"] = value
        return gather

    def _connect(self, fields: _Fields) -> Verb:
        endpoints = fields.take("endpoint") or []
        if not isinstance(endpoints, list) or not endpoints:
            raise MalformedDocument(f"{fields.path}: connect needs an endpoint array")
        endpoint = endpoints[0] if isinstance(endpoints[0], dict) else {}
        kind = endpoint.get("type")
        if kind == "websocket":
            return self._websocket(fields, endpoint)
        target = self._endpoint(endpoint, fields.path)
        dial = Dial(targets=[target])
        caller = fields.text("from", "caller_id")
        dial.caller_id = f"+{caller}" if caller and caller.isdigit() else caller
        dial.timeout = fields.integer("timeout")
        if dial.timeout is None:
            dial.timeout = 60
        dial.time_limit = fields.integer("limit", "time_limit")
        url = fields.first_url("eventUrl", "action")
        method = fields.text("eventMethod", "method")
        if fields.remaining.get("eventType") == "synchronous":
            fields.take("eventType")
            dial.action, dial.method = url, method
        elif isinstance(target, Number | Sip | Client):
            target.status_callback, target.status_callback_method = url, method
        detection = fields.text("machineDetection", "machine_detection")
        if isinstance(target, Number) and detection:
            target.machine_detection = "Enable" if detection == "continue" else detection
        return dial

    def _endpoint(self, endpoint: dict[str, Any], path: str) -> DialTarget:
        kind = endpoint.get("type")
        fields = _Fields(endpoint, f"{path} endpoint", f"connect {kind} endpoint", self.reporter)
        fields.take("type")
        target: DialTarget
        if kind == "phone":
            number = fields.text("number") or ""
            on_answer = fields.take("onAnswer")
            answer_url = on_answer.get("url") if isinstance(on_answer, dict) else None
            digits = fields.text("dtmfAnswer", "send_digits")
            target = Number(
                number=f"+{number}" if number.isdigit() else number,
                send_digits=digits.replace("p", "w") if digits else None,
                url=answer_url,
            )
        elif kind == "sip":
            headers = fields.take("headers") or {}
            target = Sip(
                uri=fields.text("uri") or "", headers={str(k): str(v) for k, v in headers.items()}
            )
        elif kind == "app":
            target = Client(identity=fields.text("user", "identity") or "")
        else:
            target = OtherTarget(name=str(kind), value=json.dumps(endpoint))
        target.path = f"{path} endpoint"
        target.tag = f"connect {kind} endpoint"
        target.sources = fields.sources
        target.extras = {f"endpoint.{k}": v for k, v in fields.rest().items()}
        return target

    def _websocket(self, fields: _Fields, endpoint: dict[str, Any]) -> Stream:
        headers = endpoint.get("headers") or {}
        stream = Stream(
            url=str(endpoint.get("uri", "")),
            bidirectional=True,
            parameters={str(k): str(v) for k, v in headers.items()},
            status_callback=fields.first_url("eventUrl", "status_callback"),
            status_callback_method=fields.text("eventMethod", "status_callback_method"),
        )
        for key, value in endpoint.items():
            if key not in ("type", "uri", "headers"):
                stream.extras[f"endpoint.{key}"] = value
        return stream

    def _conversation(self, fields: _Fields) -> Dial:
        record = fields.boolean("record")
        hold = fields.take("musicOnHoldUrl", "wait_url")
        conference = Conference(
            name=fields.text("name") or "",
            start_on_enter=fields.boolean("startOnEnter", "start_on_enter"),
            end_on_exit=fields.boolean("endOnExit", "end_on_exit"),
            record="record-from-start" if record else None,
            muted=fields.boolean("mute", "muted"),
            wait_url=hold[0]
            if isinstance(hold, list) and hold
            else hold
            if isinstance(hold, str)
            else None,
            status_callback=fields.first_url("eventUrl", "status_callback"),
            status_callback_method=fields.text("eventMethod", "status_callback_method"),
            beep="false",
        )
        conference.path = fields.path
        conference.tag = "conversation"
        conference.sources = fields.sources
        conference.extras = fields.rest()
        return Dial(targets=[conference])

    def _record(self, fields: _Fields) -> Record:
        silence = fields.integer("endOnSilence", "timeout")
        key = fields.text("endOnKey", "finish_on_key")
        longest = fields.integer("timeOut", "max_length")
        background = silence is None and key is None and longest is None
        beep = fields.boolean("beepStart", "play_beep")
        transcription = fields.take("transcription")
        record = Record(
            timeout=silence if silence is not None else (None if background else 0),
            finish_on_key=key if key is not None else (None if background else ""),
            max_length=longest if longest is not None else (None if background else 7200),
            play_beep=beep if beep is not None else (None if background else False),
            recording_status_callback=fields.first_url("eventUrl", "recording_status_callback"),
            recording_status_callback_method=fields.text(
                "eventMethod", "recording_status_callback_method"
            ),
            file_format=fields.text("format", "file_format"),
            background=background,
        )
        if isinstance(transcription, dict):
            settings = dict(transcription)
            record.transcribe = True
            urls = settings.pop("eventUrl", None)
            record.transcribe_callback = urls[0] if isinstance(urls, list) and urls else None
            record.sources["transcribe"] = "transcription"
            record.sources["transcribe_callback"] = "transcription.eventUrl"
            for key, value in settings.items():
                record.extras[f"transcription.{key}"] = value
        return record

    def _notify(self, fields: _Fields) -> Notify:
        payload = fields.take("payload")
        return Notify(
            payload=payload if isinstance(payload, dict) else {},
            url=fields.first_url("eventUrl", "url") or "",
            method=fields.text("eventMethod", "method"),
        )

    def _transfer(self, fields: _Fields) -> Unsupported:
        return Unsupported(name="transfer", raw=dict(fields.remaining))


def _seconds(value: Any) -> str:
    number = float(value)
    return str(int(number)) if number.is_integer() else str(number)


def read_ncco(actions: list[Any], reporter: Reporter) -> CallFlow:
    return NccoReader(actions, reporter).read()
