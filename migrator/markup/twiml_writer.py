"""Write the call-flow model as TwiML, built with the twilio SDK's VoiceResponse/MessagingResponse.

Every element is created through the SDK's own methods (`response.say(...)`, `dial.number(...)`),
so the output is TwiML the SDK accepts by construction.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from twilio.twiml import TwiML
from twilio.twiml.messaging_response import MessagingResponse
from twilio.twiml.voice_response import VoiceResponse

from migrator.markup import ssml, twiml_sdk, voices
from migrator.markup.model import (
    Client,
    Conference,
    Dial,
    Enqueue,
    Gather,
    Hangup,
    Inline,
    Leave,
    Message,
    Notify,
    Number,
    OtherTarget,
    Pause,
    Play,
    PreAnswer,
    Queue,
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
from migrator.markup.report import Format
from migrator.markup.usage import Usage
from migrator.markup.writing import Writer, e164, is_audio_file, speech_seconds

_SSML_ARGS: dict[str, dict[str, str]] = {
    "break": {"strength": "strength", "time": "time"},
    "emphasis": {"level": "level"},
    "lang": {"xml:lang": "xml_lang"},
    "p": {},
    "phoneme": {"alphabet": "alphabet", "ph": "ph"},
    "prosody": {"volume": "volume", "rate": "rate", "pitch": "pitch"},
    "s": {},
    "say-as": {"interpret-as": "interpret_as", "format": "format"},
    "sub": {"alias": "alias"},
    "w": {"role": "role"},
}
_PLIVO_TRACKS = {"inbound": "inbound_track", "outbound": "outbound_track", "both": "both_tracks"}


class TwimlWriter(Writer):
    target: Format = "twiml"
    _dial_recording: Record | None = None  # a Plivo <Record startOnDialAnswer> awaiting its <Dial>

    def write(self) -> str:
        response: TwiML
        if self.flow.kind == "messaging":
            response = MessagingResponse()
            for verb in self.flow.verbs:
                if isinstance(verb, Message):
                    self._message(response, verb)
                elif isinstance(verb, Redirect):
                    self._redirect(response, verb)
                else:
                    self._verb(response, verb)
            return twiml_sdk.to_text(response)
        response = VoiceResponse()
        verbs = self.flow.verbs
        for index, verb in enumerate(verbs):
            following = verbs[index + 1 :]
            self._verb(response, verb, following)
        return twiml_sdk.to_text(response)

    def _kwargs(self, node: Any, use: Usage) -> dict[str, Any]:
        """TwiML-to-TwiML: keep TwiML-only attributes as they were."""
        if not self.same_format:
            return {}
        use.handled("extras")
        kept = {}
        for key, value in node.extras.items():
            if not key.startswith("<"):
                kept[key] = value
            elif not key.startswith("<Parameter"):
                self.reporter.lost(
                    node.path, f"{node.label} {key}", "the model keeps no place for it"
                )
        return kept

    def _add_parameters(self, element: TwiML, node: Any) -> None:
        if not self.same_format:
            return
        for key, value in node.extras.items():
            if key.startswith("<Parameter name="):
                element.parameter(name=key[len("<Parameter name=") + 1 : -2], value=value)

    def _verb(self, parent: TwiML, verb: Verb, following: list[Verb] | None = None) -> None:
        if isinstance(verb, Say):
            self._say(parent, verb)
        elif isinstance(verb, Play):
            self._play(parent, verb)
        elif isinstance(verb, SendDigits):
            use = self.usage(verb)
            parent.play(digits=use.get("digits"), **self._kwargs(verb, use))
            use.finish()
        elif isinstance(verb, Pause):
            self._pause(parent, verb)
        elif isinstance(verb, Gather):
            self._gather(parent, verb)
        elif isinstance(verb, Dial):
            self._dial(parent, verb)
        elif isinstance(verb, Record):
            self._record(parent, verb, following or [])
        elif isinstance(verb, Hangup):
            use = self.usage(verb)
            self._add_parameters(parent.hangup(**self._kwargs(verb, use)), verb)
            use.finish()
        elif isinstance(verb, Reject):
            use = self.usage(verb)
            element = parent.reject(reason=use.get("reason"), **self._kwargs(verb, use))
            self._add_parameters(element, verb)
            use.finish()
        elif isinstance(verb, Redirect):
            self._redirect(parent, verb)
        elif isinstance(verb, Notify):
            self._notify(parent, verb)
        elif isinstance(verb, Message):
            self._sms(parent, verb)
        elif isinstance(verb, Enqueue):
            self._enqueue(parent, verb)
        elif isinstance(verb, Leave):
            use = self.usage(verb)
            parent.leave(**self._kwargs(verb, use))
            use.finish()
        elif isinstance(verb, Stream):
            self._stream(parent, verb)
        elif isinstance(verb, PreAnswer):
            self.reporter.changed(
                verb.path,
                verb.label,
                "TwiML has no early media; what played before the call was answered now plays "
                "after it is answered",
            )
            for inner in verb.verbs:
                self._verb(parent, inner)
        else:
            assert isinstance(verb, Unsupported)
            if self.same_format and isinstance(verb.raw, ET.Element):
                twiml_sdk.add(parent, verb.raw)
            else:
                self.unsupported_verb(verb)

    # ---- speech -----------------------------------------------------------------------------

    def _say(self, parent: TwiML, say: Say) -> None:
        use = self.usage(say)
        use.handled("voice", "language")
        if self.same_format:
            voice, language = say.voice, say.language
        else:
            choice = voices.to_twiml(self.source_voice(say, use))
            voice, language = choice.voice, choice.language
            if choice.change:
                self.reporter.changed(say.path, f"{say.label} voice", choice.change)
        content: list[Inline] = use.get("content")
        if not ssml.has_markup(content) and not ssml.plain_text(content):
            self.reporter.note(say.path, say.label, "it has no text to speak, so it was left out")
            use.finish()
            return
        if not ssml.has_markup(content):
            content = [str(content[0]).strip()]
        leading = content[0] if isinstance(content[0], str) else None
        element = parent.say(
            message=leading,
            voice=voice,
            language=language,
            loop=use.get("loop"),
            **self._kwargs(say, use),
        )
        self._fill(element, content[1:] if leading is not None else content, say)
        use.finish()

    def _fill(self, element: TwiML, content: list[Inline], say: Say) -> None:
        for item in content:
            if isinstance(item, str):
                element.nest(item)
            else:
                self._ssml(element, item, say)

    def _ssml(self, parent: TwiML, item: SsmlElement, say: Say) -> None:
        method_name = twiml_sdk.method_name(item.tag)
        method = getattr(parent, method_name, None)
        names = _SSML_ARGS.get(item.tag)
        if method is None or names is None:
            self.reporter.changed(
                say.path,
                f"{say.label} <{item.tag}>",
                f"TwiML does not allow SSML <{item.tag}> here, so its words are spoken without it",
            )
            parent.nest(ssml.plain_text([item]))
            return
        kwargs = {names[k]: v for k, v in item.attrs.items() if k in names}
        for dropped in sorted(set(item.attrs) - set(names)):
            self.reporter.changed(
                say.path,
                f"{say.label} <{item.tag} {dropped}>",
                "TwiML's SSML does not take this attribute",
            )
        leading = item.children[0] if item.children and isinstance(item.children[0], str) else None
        rest = item.children[1:] if leading is not None else item.children
        child = method(**kwargs) if item.tag == "break" else method(leading, **kwargs)
        self._fill(child, rest, say)

    def _play(self, parent: TwiML, play: Play) -> None:
        use = self.usage(play)
        parent.play(url=_text(use.get("url")), loop=use.get("loop"), **self._kwargs(play, use))
        use.finish()

    def _pause(self, parent: TwiML, pause: Pause) -> None:
        use = self.usage(pause)
        length = use.get("length")
        seconds = None if length is None else round(length)
        if length is not None and seconds != length:
            self.reporter.changed(
                pause.path,
                f"{pause.label} {pause.source_name('length')}",
                f"TwiML pauses whole seconds, so {length} s becomes {seconds} s",
            )
        parent.pause(length=seconds if seconds != 1 else None, **self._kwargs(pause, use))
        use.finish()

    # ---- input ------------------------------------------------------------------------------

    def _gather(self, parent: TwiML, gather: Gather) -> None:
        use = self.usage(gather)
        dtmf, speech = use.get("dtmf"), use.get("speech")
        inputs = " ".join(kind for kind, on in (("dtmf", dtmf), ("speech", speech)) if on)
        speech_timeout = use.get("speech_timeout")
        if speech_timeout not in (None, "auto") and not self.same_format:
            seconds = speech_seconds(speech_timeout)
            if seconds is not None and str(seconds) != speech_timeout:
                self.reporter.changed(
                    gather.path,
                    f"{gather.label} {gather.source_name('speech_timeout')}",
                    f"Twilio waits whole seconds of silence, so {speech_timeout} s becomes "
                    f"{seconds} s",
                )
            speech_timeout = str(seconds) if seconds is not None else "auto"
        extra: dict[str, Any] = self._kwargs(gather, use)
        if self.flow.origin == "ncco" and gather.action:
            extra["actionOnEmptyResult"] = True
        element = parent.gather(
            input=inputs if inputs != "dtmf" else None,
            action=use.get("action"),
            method=use.get("method"),
            timeout=use.get("timeout"),
            finish_on_key=use.get("finish_on_key"),
            num_digits=use.get("num_digits"),
            speech_timeout=speech_timeout,
            max_speech_time=use.get("max_speech_time"),
            language=use.get("language"),
            hints=use.get("hints"),
            profanity_filter=use.get("profanity_filter"),
            partial_result_callback=use.get("partial_result_callback"),
            partial_result_callback_method=use.get("partial_result_callback_method"),
            speech_model=use.get("speech_model"),
            **extra,
        )
        for prompt in use.get("prompts"):
            if isinstance(prompt, Say):
                self._say(element, prompt)
            elif isinstance(prompt, Play):
                self._play(element, prompt)
            else:
                self._pause(element, prompt)
        self.next_document(gather.action, gather, gather.source_name("action"))
        use.finish()

    # ---- dial -------------------------------------------------------------------------------

    def _dial(self, parent: TwiML, dial: Dial) -> None:
        use = self.usage(dial)
        targets = use.get("targets")
        kept = [t for t in targets if self.same_format or not isinstance(t, OtherTarget)]
        for target in targets:
            if target not in kept:
                self.unsupported_verb(target)
        if not kept:
            return  # nothing left to dial: the targets' own items say why
        caller_id = use.get("caller_id")
        record, record_callback = use.get("record"), use.get("recording_status_callback")
        record_method = use.get("recording_status_callback_method")
        pending, self._dial_recording = self._dial_recording, None
        if pending is not None and not record:
            record = "record-from-answer"
            record_callback = pending.action or pending.recording_status_callback
            record_method = pending.method or pending.recording_status_callback_method
        element = parent.dial(
            action=use.get("action"),
            method=use.get("method"),
            timeout=use.get("timeout"),
            time_limit=use.get("time_limit"),
            hangup_on_star=use.get("hangup_on_star"),
            caller_id=e164(caller_id) if caller_id else None,
            record=record,
            recording_status_callback=record_callback,
            recording_status_callback_method=record_method,
            **self._kwargs(dial, use),
        )
        self.next_document(dial.action, dial, dial.source_name("action"))
        for target in kept:
            self._target(element, target)
        use.finish()

    def _target(self, dial: TwiML, target: Any) -> None:
        use = self.usage(target)
        common = {}
        if not isinstance(target, Conference | Queue | OtherTarget):
            common = {
                "url": use.get("url"),
                "method": use.get("method"),
                "status_callback": use.get("status_callback"),
                "status_callback_event": use.get("status_callback_event"),
                "status_callback_method": use.get("status_callback_method"),
            }
            if target.url:
                self.next_document(target.url, target, target.source_name("url"))
        if isinstance(target, Number):
            dial.number(
                e164(_text(use.get("number"))),
                send_digits=use.get("send_digits"),
                machine_detection=use.get("machine_detection"),
                **common,
                **self._kwargs(target, use),
            )
        elif isinstance(target, Sip):
            sip = dial.sip(
                _text(use.get("uri")),
                username=use.get("username"),
                password=use.get("password"),
                **common,
                **self._kwargs(target, use),
            )
            headers = use.get("headers")
            if headers:
                holder = sip.headers()
                for name, value in headers.items():
                    holder.header(name=name, value=value)
            if target.send_digits:
                self.reporter.lost(
                    target.path,
                    f"{target.label} {target.source_name('send_digits')}",
                    "TwiML's <Sip> has no digits to send on answer",
                    "put the digits in the SIP URI or play them after the call connects",
                )
            use.handled("send_digits")
        elif isinstance(target, Client):
            client = dial.client(_text(use.get("identity")), **common, **self._kwargs(target, use))
            if not self.same_format:
                self.reporter.changed(
                    target.path,
                    target.label,
                    f"the app user {target.identity!r} is dialled as a Twilio Client identity",
                    "sign the user in with the Twilio Voice SDK under that identity",
                )
            for name, value in use.get("parameters").items():
                client.parameter(name=name, value=value)
        elif isinstance(target, Conference):
            self._conference(dial, target, use)
        elif isinstance(target, Queue):
            dial.queue(
                _text(use.get("name")),
                url=use.get("url"),
                method=use.get("method"),
                **self._kwargs(target, use),
            )
        else:
            assert isinstance(target, OtherTarget)
            getattr(dial, twiml_sdk.method_name(target.name))(
                use.get("value"), **self._kwargs(target, use)
            )
        use.finish()

    def _conference(self, dial: TwiML, conference: Conference, use: Usage) -> None:
        beep = use.get("beep")
        if beep is None and not self.same_format:
            beep = "false"
        wait_url = use.get("wait_url")
        dial.conference(
            _text(use.get("name")),
            muted=use.get("muted"),
            beep=beep,
            start_conference_on_enter=use.get("start_on_enter"),
            end_conference_on_exit=use.get("end_on_exit"),
            wait_url=wait_url,
            wait_method=use.get("wait_method"),
            max_participants=use.get("max_participants"),
            record=use.get("record"),
            status_callback=use.get("status_callback"),
            status_callback_event=use.get("status_callback_event"),
            status_callback_method=use.get("status_callback_method"),
            recording_status_callback=use.get("recording_status_callback"),
            **self._kwargs(conference, use),
        )
        if wait_url and not is_audio_file(wait_url):
            self.next_document(wait_url, conference, conference.source_name("wait_url"))

    # ---- recording --------------------------------------------------------------------------

    def _record(self, parent: TwiML, record: Record, following: list[Verb]) -> None:
        use = self.usage(record)
        on_answer = str(record.extras.get("startOnDialAnswer", "")).lower() == "true"
        if on_answer and following and isinstance(following[0], Dial) and not self.same_format:
            self._dial_recording = record  # becomes the <Dial record> attribute
            use.handled("background", "action", "method", "recording_status_callback")
            use.handled("recording_status_callback_method", "max_length", "timeout")
            use.handled_extra("startOnDialAnswer", "redirect")
            use.finish()
            return
        if use.get("background"):
            start = parent.start()
            start.recording(
                recording_status_callback=use.get("recording_status_callback"),
                recording_status_callback_method=use.get("recording_status_callback_method"),
                **self._kwargs(record, use),
            )
            use.finish()
            return
        action = use.get("action")
        parent.record(
            action=action,
            method=use.get("method"),
            timeout=use.get("timeout"),
            finish_on_key=use.get("finish_on_key"),
            max_length=use.get("max_length"),
            play_beep=use.get("play_beep"),
            transcribe=use.get("transcribe"),
            transcribe_callback=use.get("transcribe_callback"),
            recording_status_callback=use.get("recording_status_callback"),
            recording_status_callback_method=use.get("recording_status_callback_method"),
            **self._kwargs(record, use),
        )
        self.next_document(action, record, record.source_name("action"))
        if not action and following and not self.same_format:
            self.reporter.changed(
                record.path,
                record.label,
                "after recording, Twilio requests the action URL (by default the document's own "
                "URL, which starts the flow again) instead of going on with the next verb",
                "set action to a URL that returns the TwiML for the steps after the recording",
            )
        use.finish()

    # ---- endings, redirects, messages -------------------------------------------------------

    def _redirect(self, parent: TwiML, redirect: Redirect) -> None:
        use = self.usage(redirect)
        url = _text(use.get("url"))
        parent.redirect(url, method=use.get("method"), **self._kwargs(redirect, use))
        self.next_document(redirect.url, redirect, "URL")
        use.finish()

    def _notify(self, parent: TwiML, notify: Notify) -> None:
        use = self.usage(notify)
        parent.redirect(_text(use.get("url")), method=use.get("method"))
        if use.get("payload"):
            self.reporter.lost(
                notify.path,
                f"{notify.label} payload",
                "a TwiML <Redirect> sends Twilio's standard call parameters, not a custom payload",
                "put the payload values in the URL's query string",
            )
        self.reporter.changed(
            notify.path,
            notify.label,
            "Twilio redirects the call to the URL, which must answer with TwiML; a notify that "
            "returned no NCCO let the flow go on, a redirect always hands the call over",
        )
        self.next_document(notify.url, notify, "eventUrl")
        use.finish()

    def _sms(self, parent: TwiML, message: Message) -> None:
        use = self.usage(message)
        to, sender = use.get("to"), use.get("from_")
        parent.sms(
            _text(use.get("body")),
            to=e164(to) if to else None,
            from_=e164(sender) if sender else None,
            action=use.get("action"),
            method=use.get("method"),
            status_callback=use.get("status_callback"),
            **self._kwargs(message, use),
        )
        if use.get("media"):
            self.reporter.lost(
                message.path,
                f"{message.label} media",
                "TwiML's <Sms> during a call sends text only",
                "send the media with the Messages API from your server",
            )
        if not self.same_format:
            self.reporter.note(
                message.path,
                message.label,
                "Twilio has deprecated <Sms>; it still works but new flows send texts with the "
                "Messages API",
            )
        use.finish()

    def _message(self, parent: TwiML, message: Message) -> None:
        use = self.usage(message)
        to, sender = use.get("to"), use.get("from_")
        media = use.get("media")
        body = _text(use.get("body"))
        element = parent.message(
            body if not media else None,
            to=e164(to) if to else None,
            from_=e164(sender) if sender else None,
            action=use.get("action") or use.get("status_callback"),
            method=use.get("method"),
            **self._kwargs(message, use),
        )
        if media:
            if body:
                element.body(body)
            for url in media:
                element.media(url)
        use.finish()

    def _enqueue(self, parent: TwiML, enqueue: Enqueue) -> None:
        use = self.usage(enqueue)
        element = parent.enqueue(
            _text(use.get("name")) or None,
            action=use.get("action"),
            method=use.get("method"),
            wait_url=use.get("wait_url"),
            wait_url_method=use.get("wait_url_method"),
            max_queue_size=use.get("max_queue_size"),
            workflow_sid=use.get("workflow_sid"),
            **self._kwargs(enqueue, use),
        )
        task = use.get("task")
        if task:
            element.task(task)
        use.finish()

    def _stream(self, parent: TwiML, stream: Stream) -> None:
        use = self.usage(stream)
        track = use.get("track")
        kwargs = {
            "url": use.get("url"),
            "name": use.get("name"),
            "track": _PLIVO_TRACKS.get(track or "", track),
            "status_callback": use.get("status_callback"),
            "status_callback_method": use.get("status_callback_method"),
        }
        extras = self._kwargs(stream, use)
        if use.get("bidirectional"):
            holder = parent.connect(action=use.get("action"), method=use.get("method"))
        else:
            holder = parent.start()
            use.handled("action", "method")
        element = holder.stream(**kwargs, **extras)
        for name, value in use.get("parameters").items():
            element.parameter(name=name, value=value)
        if not self.same_format:
            self.reporter.changed(
                stream.path,
                stream.label,
                "Twilio sends JSON messages (connected, start, media with base64 μ-law audio at "
                "8 kHz, stop) and custom parameters in the start message",
                "adapt the WebSocket server to Twilio's Media Streams protocol",
            )
        use.finish()


def _text(value: str | None) -> str:
    """Element text the way the SDK reads it back: URLs, numbers and names are never padded."""
    return (value or "").strip()


def write_twiml(flow: Any, reporter: Any) -> str:
    return TwimlWriter(flow, reporter).write()
