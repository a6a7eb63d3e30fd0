"""Read Plivo XML into the call-flow model.

Plivo defaults that differ from the other vendors' (Record: 15 s of silence, 60 s at most;
Conference: no beeps) are written into the model explicitly so the translation keeps them.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from migrator.markup import plivo_sdk, ssml
from migrator.markup.errors import UnknownFormat
from migrator.markup.model import (
    CallFlow,
    Conference,
    Dial,
    DialTarget,
    Gather,
    Hangup,
    Inline,
    Message,
    Number,
    Pause,
    Play,
    PreAnswer,
    Prompt,
    Record,
    Redirect,
    Reject,
    Say,
    SendDigits,
    Sip,
    SsmlElement,
    Stream,
    Unsupported,
    Verb,
)
from migrator.markup.report import Reporter
from migrator.markup.xmlread import Attrs, XmlWalker, text_of
from migrator.markup.xmlsafe import ParsedXml, local_name


class PlivoReader:
    def __init__(self, parsed: ParsedXml, reporter: Reporter):
        self.walker = XmlWalker(parsed)
        self.root = parsed.root
        self.reporter = reporter

    def read(self) -> CallFlow:
        if local_name(self.root.tag) != "Response":
            raise UnknownFormat(f"Plivo XML must start with <Response>, not <{self.root.tag}>")
        verbs = self._verbs(self.root, "/Response")
        if verbs and all(isinstance(v, Message) for v in verbs):
            return CallFlow("plivo", "messaging", verbs)
        return CallFlow("plivo", "voice", verbs)

    def _attrs(self, element: ET.Element, path: str) -> Attrs:
        return Attrs(
            element, self.walker.where(element, path), f"<{local_name(element.tag)}>", self.reporter
        )

    def _verbs(self, parent: ET.Element, path: str) -> list[Verb]:
        verbs: list[Verb] = []
        for child, child_path in self.walker.children(parent, path):
            verbs.extend(self._verb(child, child_path))
        return verbs

    def _verb(self, element: ET.Element, path: str) -> list[Verb]:
        name = local_name(element.tag)
        handler = getattr(self, f"_read_{name.lower()}", None)
        if handler is None:
            return [
                Unsupported(
                    path=self.walker.where(element, path),
                    tag=f"<{name}>",
                    name=name,
                    raw=plivo_sdk.raw(element),
                )
            ]
        verbs: list[Verb] = handler(element, path)
        return verbs

    @staticmethod
    def _finish(node: Verb | DialTarget, attrs: Attrs, tag: str) -> None:
        node.path = attrs.where
        node.tag = tag
        node.sources.update(attrs.sources)
        node.extras.update(attrs.rest())

    # ---- speech and audio -------------------------------------------------------------------

    def _speak(self, element: ET.Element, path: str) -> Say:
        attrs = self._attrs(element, path)
        content = _without_cont(ssml.read_inline(element))
        say = Say(
            content=content,
            voice=attrs.text("voice"),
            language=attrs.text("language"),
            loop=attrs.integer("loop"),
        )
        self._finish(say, attrs, "<Speak>")
        return say

    def _read_speak(self, element: ET.Element, path: str) -> list[Verb]:
        return [self._speak(element, path)]

    def _play(self, element: ET.Element, path: str) -> Play:
        attrs = self._attrs(element, path)
        play = Play(url=text_of(element), loop=attrs.integer("loop"))
        self._finish(play, attrs, "<Play>")
        return play

    def _read_play(self, element: ET.Element, path: str) -> list[Verb]:
        return [self._play(element, path)]

    def _wait(self, element: ET.Element, path: str) -> Pause:
        attrs = self._attrs(element, path)
        length = attrs.integer("length")
        pause = Pause(length=None if length is None else float(length))
        self._finish(pause, attrs, "<Wait>")
        return pause

    def _read_wait(self, element: ET.Element, path: str) -> list[Verb]:
        return [self._wait(element, path)]

    def _read_dtmf(self, element: ET.Element, path: str) -> list[Verb]:
        attrs = self._attrs(element, path)
        digits = SendDigits(digits=text_of(element))
        self._finish(digits, attrs, "<DTMF>")
        return [digits]

    # ---- input ------------------------------------------------------------------------------

    def _prompts(self, element: ET.Element, path: str) -> list[Prompt]:
        prompts: list[Prompt] = []
        for child, child_path in self.walker.children(element, path):
            name = local_name(child.tag)
            if name == "Speak":
                prompts.append(self._speak(child, child_path))
            elif name == "Play":
                prompts.append(self._play(child, child_path))
            elif name == "Wait":
                prompts.append(self._wait(child, child_path))
            else:
                self.reporter.lost(
                    self.walker.where(child, child_path),
                    f"<{name}>",
                    f"Plivo does not allow <{name}> inside <{local_name(element.tag)}>, so it was "
                    "ignored",
                )
        return prompts

    def _read_getdigits(self, element: ET.Element, path: str) -> list[Verb]:
        attrs = self._attrs(element, path)
        gather = Gather(
            dtmf=True,
            action=attrs.text("action"),
            method=attrs.text("method"),
            timeout=attrs.integer("timeout"),
            finish_on_key=attrs.text("finishOnKey"),
            num_digits=attrs.integer("numDigits"),
        )
        if gather.timeout is None:
            gather.timeout = 5
        if attrs.remaining.get("digitTimeout") == str(gather.timeout):
            attrs.text("digitTimeout", "timeout")  # the same wait between digits: one timeout
        gather.prompts = self._prompts(element, path)
        self._finish(gather, attrs, "<GetDigits>")
        return [gather]

    def _read_getinput(self, element: ET.Element, path: str) -> list[Verb]:
        attrs = self._attrs(element, path)
        kinds = (attrs.text("inputType", "speech") or "dtmf").lower().split()
        end = attrs.integer("speechEndTimeout", "speech_timeout")
        gather = Gather(
            dtmf="dtmf" in kinds,
            speech="speech" in kinds,
            action=attrs.text("action"),
            method=attrs.text("method"),
            timeout=attrs.integer("digitEndTimeout", "timeout"),
            finish_on_key=attrs.text("finishOnKey"),
            num_digits=attrs.integer("numDigits"),
            speech_timeout=None if end is None else str(end),
            max_speech_time=attrs.integer("executionTimeout", "max_speech_time"),
            language=attrs.text("language"),
            hints=attrs.text("hints"),
            profanity_filter=attrs.boolean("profanityFilter"),
            partial_result_callback=attrs.text(
                "interimSpeechResultsCallback", "partial_result_callback"
            ),
            partial_result_callback_method=attrs.text(
                "interimSpeechResultsCallbackMethod", "partial_result_callback_method"
            ),
            speech_model=attrs.text("speechModel"),
        )
        gather.prompts = self._prompts(element, path)
        self._finish(gather, attrs, "<GetInput>")
        return [gather]

    # ---- dial and conference ----------------------------------------------------------------

    def _read_dial(self, element: ET.Element, path: str) -> list[Verb]:
        attrs = self._attrs(element, path)
        dial = Dial(
            action=attrs.text("action"),
            method=attrs.text("method"),
            timeout=attrs.integer("timeout"),
            caller_id=attrs.text("callerId"),
            time_limit=attrs.integer("timeLimit"),
            hangup_on_star=attrs.boolean("hangupOnStar"),
        )
        callback = attrs.text("callbackUrl", "status_callback")
        callback_method = attrs.text("callbackMethod", "status_callback_method")
        whisper = attrs.text("confirmSound", "url")
        targets: list[DialTarget] = []
        for child, child_path in self.walker.children(element, path):
            name = local_name(child.tag)
            child_attrs = self._attrs(child, child_path)
            target: Number | Sip
            if name == "Number":
                number = text_of(child)
                target = Number(
                    number=f"+{number}" if number.isdigit() else number,
                    send_digits=child_attrs.text("sendDigits"),
                )
            elif name == "User":
                headers = child_attrs.text("sipHeaders", "headers")
                # Plivo sends these as X-PH-<name>; the model keeps the wire name.
                target = Sip(
                    uri=text_of(child),
                    send_digits=child_attrs.text("sendDigits"),
                    headers={f"X-PH-{k}": v for k, v in _headers(headers).items()},
                )
            else:
                self.reporter.lost(
                    self.walker.where(child, child_path),
                    f"<{name}>",
                    "Plivo does not allow it inside <Dial>, so it was ignored",
                )
                continue
            target.status_callback = callback
            target.status_callback_method = callback_method
            target.url = whisper
            for field_name, source in (
                ("status_callback", "callbackUrl"),
                ("status_callback_method", "callbackMethod"),
                ("url", "confirmSound"),
            ):
                target.sources[field_name] = f"<Dial {source}>"
            self._finish(target, child_attrs, f"<{name}>")
            targets.append(target)
        dial.targets = targets
        self._finish(dial, attrs, "<Dial>")
        return [dial]

    def _read_conference(self, element: ET.Element, path: str) -> list[Verb]:
        attrs = self._attrs(element, path)
        dial = Dial(
            action=attrs.text("action"),
            method=attrs.text("method"),
            time_limit=attrs.integer("timeLimit"),
            hangup_on_star=attrs.boolean("hangupOnStar"),
        )
        enter = attrs.remaining.get("enterSound")
        exit_ = attrs.remaining.get("exitSound")
        beep = _beep(enter, exit_)
        if beep is not None:
            attrs.text("enterSound", "beep")
            attrs.text("exitSound", "beep")
            attrs.sources["beep"] = "enterSound/exitSound"
        record = attrs.boolean("record")
        conference = Conference(
            name=text_of(element),
            muted=attrs.boolean("muted"),
            beep=beep if beep is not None else "false",
            start_on_enter=attrs.boolean("startConferenceOnEnter", "start_on_enter"),
            end_on_exit=attrs.boolean("endConferenceOnExit", "end_on_exit"),
            wait_url=attrs.text("waitSound", "wait_url"),
            max_participants=attrs.integer("maxMembers", "max_participants"),
            record="record-from-start" if record else None,
            status_callback=attrs.text("callbackUrl", "status_callback"),
            status_callback_method=attrs.text("callbackMethod", "status_callback_method"),
        )
        self._finish(conference, attrs, "<Conference>")
        dial.path, dial.tag, dial.sources = (
            conference.path,
            "<Conference>",
            dict(conference.sources),
        )
        dial.targets = [conference]
        return [dial]

    # ---- recording --------------------------------------------------------------------------

    def _read_record(self, element: ET.Element, path: str) -> list[Verb]:
        attrs = self._attrs(element, path)
        on_dial = attrs.remaining.get("startOnDialAnswer", "").lower() == "true"
        # startOnDialAnswer records the next <Dial>'s call in the background.
        background = bool(attrs.boolean("recordSession", "background")) or on_dial
        transcription = attrs.text("transcriptionType", "transcribe")
        timeout = attrs.integer("timeout")
        max_length = attrs.integer("maxLength")
        record = Record(
            action=attrs.text("action"),
            method=attrs.text("method"),
            timeout=timeout if timeout is not None or background else 15,
            finish_on_key=attrs.text("finishOnKey"),
            max_length=max_length if max_length is not None or background else 60,
            play_beep=attrs.boolean("playBeep"),
            transcribe=True if transcription else None,
            transcribe_callback=attrs.text("transcriptionUrl", "transcribe_callback"),
            recording_status_callback=attrs.text("callbackUrl", "recording_status_callback"),
            recording_status_callback_method=attrs.text(
                "callbackMethod", "recording_status_callback_method"
            ),
            file_format=attrs.text("fileFormat"),
            background=background,
        )
        if attrs.remaining.get("redirect", "").lower() == "false" and record.action:
            # The action URL is only told about the recording; the flow goes on.
            attrs.text("redirect")
            record.recording_status_callback = record.recording_status_callback or record.action
            record.recording_status_callback_method = (
                record.recording_status_callback_method or record.method
            )
            record.sources["recording_status_callback"] = "action"
            record.action = record.method = None
            if on_dial:
                record.extras["redirect"] = "false"
        self._finish(record, attrs, "<Record>")
        return [record]

    # ---- endings, redirects, messages -------------------------------------------------------

    def _read_hangup(self, element: ET.Element, path: str) -> list[Verb]:
        attrs = self._attrs(element, path)
        reason = attrs.text("reason")
        verb: Verb = Reject(reason=reason) if reason in ("rejected", "busy") else Hangup()
        if reason is not None and not isinstance(verb, Reject):
            verb.extras["reason"] = reason
        self._finish(verb, attrs, "<Hangup>")
        return [verb]

    def _read_redirect(self, element: ET.Element, path: str) -> list[Verb]:
        attrs = self._attrs(element, path)
        redirect = Redirect(url=text_of(element), method=attrs.text("method"))
        self._finish(redirect, attrs, "<Redirect>")
        return [redirect]

    def _read_message(self, element: ET.Element, path: str) -> list[Verb]:
        attrs = self._attrs(element, path)
        src, dst = attrs.text("src", "from_"), attrs.text("dst", "to")
        message = Message(
            body=text_of(element),
            from_=f"+{src}" if src and src.isdigit() else src,
            to=f"+{dst}" if dst and dst.isdigit() else dst,
            status_callback=attrs.text("callbackUrl", "status_callback"),
            method=attrs.text("callbackMethod", "method"),
        )
        kind = attrs.remaining.get("type")
        if kind in (None, "sms"):
            attrs.text("type")
        self._finish(message, attrs, "<Message>")
        return [message]

    def _read_stream(self, element: ET.Element, path: str) -> list[Verb]:
        attrs = self._attrs(element, path)
        bidirectional = bool(attrs.boolean("bidirectional"))
        keep_alive = attrs.boolean("keepCallAlive")
        headers = attrs.text("extraHeaders", "parameters")
        stream = Stream(
            url=text_of(element),
            bidirectional=bidirectional or bool(keep_alive),
            track=attrs.text("audioTrack", "track"),
            status_callback=attrs.text("statusCallbackUrl", "status_callback"),
            status_callback_method=attrs.text("statusCallbackMethod", "status_callback_method"),
            parameters=_headers(headers),
        )
        self._finish(stream, attrs, "<Stream>")
        return [stream]

    def _read_preanswer(self, element: ET.Element, path: str) -> list[Verb]:
        attrs = self._attrs(element, path)
        pre = PreAnswer(verbs=self._verbs(element, path))
        self._finish(pre, attrs, "<PreAnswer>")
        return [pre]


def _without_cont(content: list[Inline]) -> list[Inline]:
    """Plivo's <cont> is plain text that follows an SSML tag."""
    flat: list[Inline] = []
    for item in content:
        if isinstance(item, SsmlElement):
            if item.tag == "cont":
                flat.append(f" {ssml.plain_text(item.children)} ")
                continue
            item.children = _without_cont(item.children)
        flat.append(item)
    return ssml.normalize(flat)


def _headers(text: str | None) -> dict[str, str]:
    headers: dict[str, str] = {}
    for pair in (text or "").split(","):
        name, _, value = pair.partition("=")
        if name.strip():
            headers[name.strip()] = value.strip()
    return headers


def _beep(enter: str | None, exit_: str | None) -> str | None:
    """Plivo's enter/exit sounds as TwiML's beep, when they are Plivo's standard beeps."""
    beep_in = enter is not None and enter.startswith("beep:")
    beep_out = exit_ is not None and exit_.startswith("beep:")
    if (enter and not beep_in) or (exit_ and not beep_out):
        return None
    if beep_in and beep_out:
        return "true"
    if beep_in:
        return "onEnter"
    if beep_out:
        return "onExit"
    return None


def read_plivo(parsed: ParsedXml, reporter: Reporter) -> CallFlow:
    return PlivoReader(parsed, reporter).read()
