"""Read TwiML (VoiceResponse or MessagingResponse) into the call-flow model."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable

from migrator.markup import ssml
from migrator.markup.errors import UnknownFormat
from migrator.markup.model import (
    CallFlow,
    Client,
    Conference,
    Dial,
    DialTarget,
    Enqueue,
    Gather,
    Hangup,
    Leave,
    Message,
    Number,
    OtherTarget,
    Pause,
    Play,
    Prompt,
    Queue,
    Record,
    Redirect,
    Reject,
    Say,
    SendDigits,
    Sip,
    Stream,
    Unsupported,
    Verb,
)
from migrator.markup.report import Reporter
from migrator.markup.xmlread import Attrs, XmlWalker, text_of
from migrator.markup.xmlsafe import ParsedXml, local_name

MESSAGING_VERBS = frozenset({"Message", "Redirect"})


class TwimlReader:
    def __init__(self, parsed: ParsedXml, reporter: Reporter):
        self.walker = XmlWalker(parsed)
        self.root = parsed.root
        self.reporter = reporter

    def read(self) -> CallFlow:
        if local_name(self.root.tag) != "Response":
            raise UnknownFormat(f"TwiML must start with <Response>, not <{self.root.tag}>")
        names = {local_name(child.tag) for child in self.root}
        if "Message" in names and names <= MESSAGING_VERBS:
            return CallFlow("twiml", "messaging", self._messaging(self.root, "/Response"))
        return CallFlow("twiml", "voice", self._verbs(self.root, "/Response"))

    # ---- plumbing ---------------------------------------------------------------------------

    def _attrs(self, element: ET.Element, path: str) -> Attrs:
        return Attrs(
            element, self._where(element, path), f"<{local_name(element.tag)}>", self.reporter
        )

    def _where(self, element: ET.Element, path: str) -> str:
        return self.walker.where(element, path)

    def _verbs(self, parent: ET.Element, path: str) -> list[Verb]:
        verbs: list[Verb] = []
        for child, child_path in self.walker.children(parent, path):
            verbs.extend(self._verb(child, child_path))
        return verbs

    def _verb(self, element: ET.Element, path: str) -> list[Verb]:
        name = local_name(element.tag)
        handler: Callable[[ET.Element, str], list[Verb]] | None = getattr(
            self, f"_read_{name.lower()}", None
        )
        if handler is None:
            return [self._unsupported(element, path, name)]
        return handler(element, path)

    def _unsupported(self, element: ET.Element, path: str, name: str) -> Unsupported:
        return Unsupported(path=self._where(element, path), tag=f"<{name}>", name=name, raw=element)

    def _parameters(self, element: ET.Element) -> dict[str, str]:
        return {
            child.get("name", ""): child.get("value", "")
            for child in element
            if local_name(child.tag) == "Parameter"
        }

    # ---- voice verbs ------------------------------------------------------------------------

    def _say(self, element: ET.Element, path: str) -> Say:
        attrs = self._attrs(element, path)
        return Say(
            path=attrs.where,
            tag="<Say>",
            content=ssml.read_inline(element),
            voice=attrs.text("voice"),
            language=attrs.text("language"),
            loop=attrs.integer("loop"),
            sources=attrs.sources,
            extras=attrs.rest(),
        )

    def _read_say(self, element: ET.Element, path: str) -> list[Verb]:
        return [self._say(element, path)]

    def _read_play(self, element: ET.Element, path: str) -> list[Verb]:
        attrs = self._attrs(element, path)
        loop = attrs.integer("loop")
        digits = attrs.text("digits")
        url = text_of(element)
        verbs: list[Verb] = []
        if digits is not None:
            verbs.append(SendDigits(path=attrs.where, tag="<Play digits>", digits=digits))
        if url or digits is None:
            verbs.append(Play(path=attrs.where, tag="<Play>", url=url, loop=loop))
        verbs[-1].sources = attrs.sources
        verbs[-1].extras = attrs.rest()
        return verbs

    def _pause(self, element: ET.Element, path: str) -> Pause:
        attrs = self._attrs(element, path)
        return Pause(
            path=attrs.where,
            tag="<Pause>",
            length=attrs.number("length"),
            sources=attrs.sources,
            extras=attrs.rest(),
        )

    def _read_pause(self, element: ET.Element, path: str) -> list[Verb]:
        return [self._pause(element, path)]

    def _read_gather(self, element: ET.Element, path: str) -> list[Verb]:
        attrs = self._attrs(element, path)
        inputs = (attrs.text("input", "dtmf") or "dtmf").lower().split()
        gather = Gather(
            path=attrs.where,
            tag="<Gather>",
            dtmf="dtmf" in inputs,
            speech="speech" in inputs,
            action=attrs.text("action"),
            method=attrs.text("method"),
            timeout=attrs.integer("timeout"),
            finish_on_key=attrs.text("finishOnKey"),
            num_digits=attrs.integer("numDigits"),
            speech_timeout=attrs.text("speechTimeout"),
            max_speech_time=attrs.integer("maxSpeechTime"),
            language=attrs.text("language"),
            hints=attrs.text("hints"),
            profanity_filter=attrs.boolean("profanityFilter"),
            partial_result_callback=attrs.text("partialResultCallback"),
            partial_result_callback_method=attrs.text("partialResultCallbackMethod"),
            speech_model=attrs.text("speechModel"),
        )
        gather.sources = attrs.sources
        gather.extras = attrs.rest()
        prompts: list[Prompt] = []
        for child, child_path in self.walker.children(element, path):
            name = local_name(child.tag)
            if name == "Say":
                prompts.append(self._say(child, child_path))
            elif name == "Pause":
                prompts.append(self._pause(child, child_path))
            elif name == "Play" and child.get("digits") is None:
                played = self._read_play(child, child_path)[0]
                assert isinstance(played, Play)
                prompts.append(played)
            else:
                self.reporter.lost(
                    self._where(child, child_path),
                    f"<{name}>",
                    "TwiML only plays <Say>, <Play> and <Pause> inside <Gather>, so it was ignored",
                    "move it before or after the <Gather>",
                )
        gather.prompts = prompts
        return [gather]

    def _read_dial(self, element: ET.Element, path: str) -> list[Verb]:
        attrs = self._attrs(element, path)
        dial = Dial(
            path=attrs.where,
            tag="<Dial>",
            action=attrs.text("action"),
            method=attrs.text("method"),
            timeout=attrs.integer("timeout"),
            caller_id=attrs.text("callerId"),
            time_limit=attrs.integer("timeLimit"),
            hangup_on_star=attrs.boolean("hangupOnStar"),
            record=attrs.text("record"),
            recording_status_callback=attrs.text("recordingStatusCallback"),
            recording_status_callback_method=attrs.text("recordingStatusCallbackMethod"),
        )
        dial.sources = attrs.sources
        dial.extras = attrs.rest()
        targets: list[DialTarget] = []
        if text_of(element):
            targets.append(Number(path=attrs.where, tag="<Dial>", number=text_of(element)))
        for child, child_path in self.walker.children(element, path):
            targets.append(self._target(child, child_path))
        dial.targets = targets
        return [dial]

    def _target(self, element: ET.Element, path: str) -> DialTarget:
        name = local_name(element.tag)
        attrs = self._attrs(element, path)
        target: DialTarget
        if name == "Number":
            target = Number(
                number=text_of(element),
                send_digits=attrs.text("sendDigits"),
                url=attrs.text("url"),
                method=attrs.text("method"),
                status_callback=attrs.text("statusCallback"),
                status_callback_event=attrs.text("statusCallbackEvent"),
                status_callback_method=attrs.text("statusCallbackMethod"),
                machine_detection=attrs.text("machineDetection"),
            )
        elif name == "Sip":
            target = self._sip(element, path, attrs)
        elif name == "Client":
            identity = text_of(element)
            for child in element:
                if local_name(child.tag) == "Identity":
                    identity = text_of(child)
            target = Client(
                identity=identity,
                parameters=self._parameters(element),
                url=attrs.text("url"),
                method=attrs.text("method"),
                status_callback=attrs.text("statusCallback"),
                status_callback_event=attrs.text("statusCallbackEvent"),
                status_callback_method=attrs.text("statusCallbackMethod"),
            )
        elif name == "Conference":
            target = Conference(
                name=text_of(element),
                muted=attrs.boolean("muted"),
                beep=attrs.text("beep"),
                start_on_enter=attrs.boolean("startConferenceOnEnter", "start_on_enter"),
                end_on_exit=attrs.boolean("endConferenceOnExit", "end_on_exit"),
                wait_url=attrs.text("waitUrl"),
                wait_method=attrs.text("waitMethod"),
                max_participants=attrs.integer("maxParticipants"),
                record=attrs.text("record"),
                status_callback=attrs.text("statusCallback"),
                status_callback_event=attrs.text("statusCallbackEvent"),
                status_callback_method=attrs.text("statusCallbackMethod"),
                recording_status_callback=attrs.text("recordingStatusCallback"),
            )
        elif name == "Queue":
            target = Queue(
                name=text_of(element), url=attrs.text("url"), method=attrs.text("method")
            )
        else:
            target = OtherTarget(name=name, value=text_of(element))
        target.path = attrs.where
        target.tag = f"<{name}>"
        target.sources = attrs.sources
        target.extras = attrs.rest()
        return target

    def _sip(self, element: ET.Element, path: str, attrs: Attrs) -> Sip:
        uri = text_of(element)
        headers: dict[str, str] = {}
        uris: list[str] = []
        for child in element:
            name = local_name(child.tag)
            if name == "Uri":
                uris.append(text_of(child))
            elif name == "Headers":
                for header in child:
                    headers[header.get("name", "")] = header.get("value", "")
        if not uri and uris:
            uri = uris[0]
            if len(uris) > 1:
                self.reporter.changed(
                    attrs.where,
                    "<Sip> <Uri> list",
                    f"only the first of {len(uris)} <Uri> fail-over addresses is kept",
                    "configure fail-over on the SIP side (DNS SRV) or dial the others in turn",
                )
        return Sip(
            uri=uri,
            username=attrs.text("username"),
            password=attrs.text("password"),
            headers=headers,
            url=attrs.text("url"),
            method=attrs.text("method"),
            status_callback=attrs.text("statusCallback"),
            status_callback_event=attrs.text("statusCallbackEvent"),
            status_callback_method=attrs.text("statusCallbackMethod"),
        )

    def _record(self, element: ET.Element, path: str, *, background: bool) -> Record:
        attrs = self._attrs(element, path)
        record = Record(
            path=attrs.where,
            tag="<Start><Recording>" if background else "<Record>",
            action=attrs.text("action"),
            method=attrs.text("method"),
            timeout=attrs.integer("timeout"),
            finish_on_key=attrs.text("finishOnKey"),
            max_length=attrs.integer("maxLength"),
            play_beep=attrs.boolean("playBeep"),
            transcribe=attrs.boolean("transcribe"),
            transcribe_callback=attrs.text("transcribeCallback"),
            recording_status_callback=attrs.text("recordingStatusCallback"),
            recording_status_callback_method=attrs.text("recordingStatusCallbackMethod"),
            background=background,
        )
        record.sources = attrs.sources
        record.extras = attrs.rest()
        return record

    def _read_record(self, element: ET.Element, path: str) -> list[Verb]:
        return [self._record(element, path, background=False)]

    def _read_hangup(self, element: ET.Element, path: str) -> list[Verb]:
        attrs = self._attrs(element, path)
        hangup = Hangup(path=attrs.where, tag="<Hangup>", sources=attrs.sources)
        hangup.extras = attrs.rest() | self._parameter_extras(element)
        return [hangup]

    def _parameter_extras(self, element: ET.Element) -> dict[str, str]:
        return {f"<Parameter name={k!r}>": v for k, v in self._parameters(element).items()}

    def _read_reject(self, element: ET.Element, path: str) -> list[Verb]:
        attrs = self._attrs(element, path)
        reject = Reject(path=attrs.where, tag="<Reject>", reason=attrs.text("reason"))
        reject.sources = attrs.sources
        reject.extras = attrs.rest() | self._parameter_extras(element)
        return [reject]

    def _read_redirect(self, element: ET.Element, path: str) -> list[Verb]:
        attrs = self._attrs(element, path)
        redirect = Redirect(
            path=attrs.where, tag="<Redirect>", url=text_of(element), method=attrs.text("method")
        )
        redirect.sources = attrs.sources
        redirect.extras = attrs.rest()
        return [redirect]

    def _read_sms(self, element: ET.Element, path: str) -> list[Verb]:
        attrs = self._attrs(element, path)
        message = Message(
            path=attrs.where,
            tag="<Sms>",
            body=text_of(element),
            to=attrs.text("to"),
            from_=attrs.text("from", "from_"),
            action=attrs.text("action"),
            method=attrs.text("method"),
            status_callback=attrs.text("statusCallback"),
        )
        message.sources = attrs.sources
        message.extras = attrs.rest()
        return [message]

    def _read_enqueue(self, element: ET.Element, path: str) -> list[Verb]:
        attrs = self._attrs(element, path)
        task = None
        for child in element:
            if local_name(child.tag) == "Task":
                task = text_of(child)
        enqueue = Enqueue(
            path=attrs.where,
            tag="<Enqueue>",
            name=text_of(element),
            action=attrs.text("action"),
            method=attrs.text("method"),
            wait_url=attrs.text("waitUrl"),
            wait_url_method=attrs.text("waitUrlMethod"),
            max_queue_size=attrs.integer("maxQueueSize"),
            workflow_sid=attrs.text("workflowSid"),
            task=task,
        )
        enqueue.sources = attrs.sources
        enqueue.extras = attrs.rest()
        return [enqueue]

    def _read_leave(self, element: ET.Element, path: str) -> list[Verb]:
        attrs = self._attrs(element, path)
        return [Leave(path=attrs.where, tag="<Leave>", extras=attrs.rest())]

    def _stream(self, element: ET.Element, path: str, parent: Attrs | None) -> Stream:
        attrs = self._attrs(element, path)
        bidirectional = parent is not None
        stream = Stream(
            path=attrs.where,
            tag="<Connect><Stream>" if bidirectional else "<Start><Stream>",
            url=attrs.text("url") or "",
            bidirectional=bidirectional,
            name=attrs.text("name"),
            track=attrs.text("track"),
            status_callback=attrs.text("statusCallback"),
            status_callback_method=attrs.text("statusCallbackMethod"),
            parameters=self._parameters(element),
        )
        if parent is not None:
            stream.action = parent.text("action")
            stream.method = parent.text("method")
            stream.sources.update(parent.sources)
            stream.extras.update(parent.rest())
        stream.sources.update(attrs.sources)
        stream.extras.update(attrs.rest())
        return stream

    def _read_connect(self, element: ET.Element, path: str) -> list[Verb]:
        connect_attrs = self._attrs(element, path)
        verbs: list[Verb] = []
        for child, child_path in self.walker.children(element, path):
            name = local_name(child.tag)
            if name == "Stream":
                verbs.append(self._stream(child, child_path, connect_attrs))
            else:
                unsupported = self._unsupported(child, child_path, f"Connect/{name}")
                unsupported.tag = f"<Connect><{name}>"
                verbs.append(unsupported)
        if not verbs:
            verbs.append(self._unsupported(element, path, "Connect"))
        return verbs

    def _read_start(self, element: ET.Element, path: str) -> list[Verb]:
        start_attrs = self._attrs(element, path)
        verbs: list[Verb] = []
        for child, child_path in self.walker.children(element, path):
            name = local_name(child.tag)
            if name == "Stream":
                verbs.append(self._stream(child, child_path, None))
            elif name == "Recording":
                verbs.append(self._record(child, child_path, background=True))
            else:
                unsupported = self._unsupported(child, child_path, f"Start/{name}")
                unsupported.tag = f"<Start><{name}>"
                verbs.append(unsupported)
        if verbs:
            verbs[0].sources.update(start_attrs.sources)
            verbs[0].extras.update({f"<Start {k}>": v for k, v in start_attrs.rest().items()})
        else:
            verbs.append(self._unsupported(element, path, "Start"))
        return verbs

    # ---- messaging --------------------------------------------------------------------------

    def _messaging(self, parent: ET.Element, path: str) -> list[Verb]:
        verbs: list[Verb] = []
        for child, child_path in self.walker.children(parent, path):
            name = local_name(child.tag)
            if name == "Redirect":
                verbs.extend(self._read_redirect(child, child_path))
                continue
            attrs = self._attrs(child, child_path)
            body = text_of(child)
            media: list[str] = []
            for part in child:
                part_name = local_name(part.tag)
                if part_name == "Body":
                    body = text_of(part)
                elif part_name == "Media":
                    media.append(text_of(part))
            message = Message(
                path=attrs.where,
                tag="<Message>",
                body=body,
                media=media,
                to=attrs.text("to"),
                from_=attrs.text("from", "from_"),
                action=attrs.text("action"),
                method=attrs.text("method"),
                status_callback=attrs.text("statusCallback"),
            )
            message.sources = attrs.sources
            message.extras = attrs.rest()
            verbs.append(message)
        return verbs


def read_twiml(parsed: ParsedXml, reporter: Reporter) -> CallFlow:
    return TwimlReader(parsed, reporter).read()
