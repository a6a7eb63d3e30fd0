"""Write the call-flow model as Plivo XML, built with the plivo SDK's own XML elements.

Every element is made by the SDK's element classes and nested with their `add`, which refuses
children Plivo does not allow; the text is the SDK's own serialisation.
"""

from __future__ import annotations

from typing import Any, TypeAlias

from plivo import xml as px
from plivo.exceptions import PlivoXMLError, ValidationError

from migrator.markup import plivo_sdk, ssml, voices
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
    Node,
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
from migrator.markup.writing import (
    Writer,
    http_method,
    is_audio_file,
    phone_digits,
    speech_seconds,
)

# The plivo SDK has no type hints; its elements are plivo.xml.PlivoXMLElement instances.
Element: TypeAlias = Any

_SSML: dict[str, tuple[type[Element], dict[str, str]]] = {
    "break": (px.BreakElement, {"strength": "strength", "time": "time"}),
    "emphasis": (px.EmphasisElement, {"level": "level"}),
    "lang": (px.LangElement, {"xml:lang": "xmllang"}),
    "p": (px.PElement, {}),
    "phoneme": (px.PhonemeElement, {"alphabet": "alphabet", "ph": "ph"}),
    "prosody": (px.ProsodyElement, {"volume": "volume", "rate": "rate", "pitch": "pitch"}),
    "s": (px.SElement, {}),
    "say-as": (px.SayAsElement, {"interpret-as": "interpret_as", "format": "format"}),
    "sub": (px.SubElement, {"alias": "alias"}),
    "w": (px.WElement, {"role": "role"}),
}
_TRACKS = {"inbound_track": "inbound", "outbound_track": "outbound", "both_tracks": "both"}
_SPEECH_MODELS = {"phone_call": "phone_call", "numbers_and_commands": "command_and_search"}


class PlivoWriter(Writer):
    target: Format = "plivo"

    def write(self) -> str:
        response = px.ResponseElement()
        for index, verb in enumerate(self.flow.verbs):
            for element in self._verb(verb, first=index == 0):
                response.add(element)
        text: str = response.to_string(pretty=True)
        return text if text.endswith("\n") else text + "\n"

    def _verb(self, verb: Verb, *, first: bool = False) -> list[Element]:
        if isinstance(verb, Say):
            return self._speak(verb)
        if isinstance(verb, Play):
            return self._play(verb)
        if isinstance(verb, Pause):
            return [self._wait(verb)]
        if isinstance(verb, SendDigits):
            use = self.usage(verb)
            element = px.DTMFElement(use.get("digits"))
            if self.same_format and "async" in verb.extras:
                element.async_ = verb.extras["async"] == "true"
                use.handled("extras")
            use.finish()
            return [element]
        if isinstance(verb, Gather):
            return [self._gather(verb)]
        if isinstance(verb, Dial):
            return self._dial(verb)
        if isinstance(verb, Record):
            return [self._record(verb)]
        if isinstance(verb, Hangup):
            use = self.usage(verb)
            element = px.HangupElement()
            self._same_format_extras(element, verb, use)
            use.finish()
            return [element]
        if isinstance(verb, Reject):
            return [self._reject(verb, first)]
        if isinstance(verb, Redirect):
            return self._redirect(verb)
        if isinstance(verb, Notify):
            return self._notify(verb)
        if isinstance(verb, Message):
            return [self._message(verb)]
        if isinstance(verb, Stream):
            return self._stream(verb)
        if isinstance(verb, PreAnswer):
            return [self._pre_answer(verb)]
        if isinstance(verb, Enqueue):
            self.unsupported(verb, "Enqueue")
            return []
        if isinstance(verb, Leave):
            self.unsupported(verb, "Leave")
            return []
        assert isinstance(verb, Unsupported)
        if self.same_format and isinstance(verb.raw, plivo_sdk.RawElement):
            try:
                return [plivo_sdk.build(verb.raw)]
            except (PlivoXMLError, ValidationError) as exc:
                self.reporter.lost(
                    verb.path,
                    verb.label,
                    f"the plivo SDK refuses this element ({exc}), so it was left out",
                    "correct the element in the source document",
                )
                return []
        self.unsupported_verb(verb)
        return []

    def _same_format_extras(self, element: Element, verb: Node, use: Usage) -> None:
        """Plivo-to-Plivo: keep Plivo-only attributes through the SDK's validating setters."""
        if not self.same_format:
            return
        for attribute, value in verb.extras.items():
            try:
                plivo_sdk.set_attribute(element, attribute, value)
            except (PlivoXMLError, ValidationError) as exc:
                self.reporter.lost(
                    verb.path,
                    f"{verb.label} {attribute}",
                    f"the plivo SDK refuses the value {value!r} ({exc}), so it was left out",
                    "correct the value in the source document",
                )
        use.handled("extras")

    # ---- speech -----------------------------------------------------------------------------

    def _speak(self, say: Say) -> list[Element]:
        use = self.usage(say)
        use.handled("voice", "language")
        content: list[Inline] = use.get("content")
        markup = ssml.has_markup(content)
        choice = voices.to_plivo(self.source_voice(say, use), needs_ssml=markup)
        if choice.change and not self.same_format:
            self.reporter.changed(say.path, f"{say.label} voice", choice.change)
        if not ssml.plain_text(content):
            self.reporter.note(say.path, say.label, "it has no text to speak, so it was left out")
            use.finish()
            return []
        element = px.SpeakElement("", voice=choice.voice, language=choice.language)
        if markup:
            self._fill(element, content, say)
            if not element.content:
                element.content = " "  # text first keeps the SDK's printer from indenting SSML
        else:
            element.content = ssml.plain_text(content)
        loop = use.get("loop")
        if loop is not None and loop != 1:
            element.loop = max(loop, 0)
        self._same_format_extras(element, say, use)
        use.finish()
        return [element]

    def _fill(self, element: Element, content: list[Inline], say: Say) -> None:
        """Put mixed SSML into an SDK element: text first, then children, later text as <cont>."""
        allows_cont = "cont" in element._nestable
        has_child = False
        for item in content:
            if isinstance(item, str):
                if not has_child:
                    element.content = (element.content or "") + item
                elif allows_cont:
                    element.add(plivo_sdk.cont(item))
                else:
                    self._flatten(element, content, say)
                    return
                continue
            child = self._ssml_child(element, item, say)
            if child is None:
                text = ssml.plain_text([item])
                if not has_child:
                    element.content = (element.content or "") + text
                elif allows_cont:
                    element.add(plivo_sdk.cont(text))
                continue
            element.add(child)
            has_child = True

    def _flatten(self, element: Element, content: list[Inline], say: Say) -> None:
        element.children = []
        element.content = ssml.plain_text(content)
        self.reporter.changed(
            say.path,
            f"{say.label} <{element._name}>",
            f"Plivo's <{element._name}> cannot hold text after a nested SSML tag, so its content "
            "is spoken without its inner SSML",
        )

    def _ssml_child(self, parent: Element, item: SsmlElement, say: Say) -> Element | None:
        known = _SSML.get(item.tag)
        if known is None or item.tag not in parent._nestable:
            self.reporter.changed(
                say.path,
                f"{say.label} <{item.tag}>",
                f"Plivo does not allow SSML <{item.tag}> inside <{parent._name}>, so its words are "
                "spoken without it",
            )
            return None
        cls, names = known
        kwargs = {names[k]: v for k, v in item.attrs.items() if k in names}
        for dropped in sorted(set(item.attrs) - set(names)):
            self.reporter.changed(
                say.path,
                f"{say.label} <{item.tag} {dropped}>",
                "Plivo's SSML does not take this attribute",
            )
        element = cls(**({"content": ""} | kwargs))
        self._fill(element, item.children, say)
        return element

    def _play(self, play: Play) -> list[Element]:
        use = self.usage(play)
        element = px.PlayElement(use.get("url"))
        loop = use.get("loop")
        if loop is not None and loop != 1:
            element.loop = max(loop, 0)
        self._same_format_extras(element, play, use)
        use.finish()
        return [element]

    def _wait(self, pause: Pause) -> Element:
        use = self.usage(pause)
        length = use.get("length")
        seconds = 1 if length is None else round(length)
        if length is not None and seconds != length:
            self.reporter.changed(
                pause.path,
                f"{pause.label} {pause.source_name('length')}",
                f"Plivo waits whole seconds, so {length} s becomes {seconds} s",
            )
        element = px.WaitElement(length=max(seconds, 1) if seconds != 1 else None)
        self._same_format_extras(element, pause, use)
        use.finish()
        return element

    # ---- input ------------------------------------------------------------------------------

    def _gather(self, gather: Gather) -> Element:
        use = self.usage(gather)
        speech = use.get("speech")
        dtmf = use.get("dtmf")
        element: Element
        if speech:
            element = self._get_input(gather, use, dtmf)
        else:
            element = px.GetDigitsElement(
                action=use.get("action"),
                method=http_method(use.get("method")),
                timeout=use.get("timeout"),
                finish_on_key=use.get("finish_on_key"),
                num_digits=use.get("num_digits"),
            )
            if gather.timeout is not None and not self.same_format:
                element.digit_timeout = gather.timeout
        for prompt in use.get("prompts"):
            if isinstance(prompt, Say):
                children = self._speak(prompt)
            elif isinstance(prompt, Play):
                children = self._play(prompt)
            else:
                children = [self._wait(prompt)]
            for child in children:
                element.add(child)
        url = gather.action
        if not url and not self.same_format:
            self.reporter.changed(
                gather.path,
                f"{gather.label} {gather.source_name('action')}",
                "without an action URL the source posts the input back to the document's own "
                "URL; Plivo needs an action URL to send the digits to",
                "set action to the URL that handles the input",
            )
        self.next_document(url, gather, gather.source_name("action"))
        self._same_format_extras(element, gather, use)
        use.finish()
        return element

    def _get_input(self, gather: Gather, use: Usage, dtmf: bool) -> Element:
        input_type = "dtmf speech" if dtmf else "speech"
        model = use.get("speech_model")
        plivo_model = _SPEECH_MODELS.get(model or "", model if self.same_format else None)
        if model and plivo_model is None:
            self.reporter.changed(
                gather.path,
                f"{gather.label} {gather.source_name('speech_model')}={model}",
                "Plivo has no such speech model; its default model is used",
            )
        end = use.get("speech_timeout")
        end_seconds = speech_seconds(end)
        if end is not None and end_seconds is None and not self.same_format:
            self.reporter.note(
                gather.path,
                f"{gather.label} {gather.source_name('speech_timeout')}={end}",
                "Plivo detects the end of speech itself when speechEndTimeout is not set",
            )
        return px.GetInputElement(
            action=use.get("action"),
            method=http_method(use.get("method")),
            input_type=input_type,
            execution_timeout=use.get("max_speech_time"),
            digit_end_timeout=use.get("timeout") if dtmf else None,
            speech_end_timeout=end_seconds,
            finish_on_key=use.get("finish_on_key") if dtmf else None,
            num_digits=use.get("num_digits") if dtmf else None,
            speech_model=plivo_model,
            hints=use.get("hints"),
            language=use.get("language"),
            interim_speech_results_callback=use.get("partial_result_callback"),
            interim_speech_results_callback_method=http_method(
                use.get("partial_result_callback_method")
            ),
            profanity_filter=use.get("profanity_filter"),
        )

    # ---- dial -------------------------------------------------------------------------------

    def _dial(self, dial: Dial) -> list[Element]:
        use = self.usage(dial)
        targets = use.get("targets")
        if len(targets) == 1 and isinstance(targets[0], Conference):
            return [self._conference(dial, use, targets[0])]
        element = px.DialElement(
            action=use.get("action"),
            method=http_method(use.get("method")),
            timeout=_dial_timeout(use.get("timeout"), self.flow.origin),
            time_limit=use.get("time_limit"),
            hangup_on_star=use.get("hangup_on_star"),
        )
        self.next_document(dial.action, dial, dial.source_name("action"))
        caller_id = use.get("caller_id")
        if caller_id:
            digits = phone_digits(caller_id)
            if digits:
                element.caller_id = digits
            else:
                self.reporter.lost(
                    dial.path,
                    f"{dial.label} {dial.source_name('caller_id')}={caller_id}",
                    "Plivo's callerId must be a phone number",
                    "set callerId to one of your Plivo numbers",
                )
        callbacks: set[tuple[str | None, str | None]] = set()
        whispers: set[str] = set()
        for target in targets:
            child = self._dial_target(target, callbacks, whispers)
            if child is not None:
                element.add(child)
        if len(callbacks) == 1:
            callback, callback_method = next(iter(callbacks))
            element.callback_url = callback
            element.callback_method = http_method(callback_method)
        elif len(callbacks) > 1:
            self.reporter.lost(
                dial.path,
                f"{dial.label} statusCallback",
                "Plivo has one callbackUrl per <Dial>, and the targets used different ones",
                "handle all targets' events at one URL",
            )
        if len(whispers) == 1:
            element.confirm_sound = next(iter(whispers))
        elif len(whispers) > 1:
            self.reporter.lost(
                dial.path,
                f"{dial.label} url",
                "Plivo plays one confirmSound document per <Dial>, and the targets used different "
                "ones",
                "serve the same whisper document to every target",
            )
        if not element.children:
            use.finish()
            return []
        recording = self._dial_recording(dial, use)
        self._same_format_extras(element, dial, use)
        use.finish()
        return [*recording, element]

    def _dial_recording(self, dial: Dial, use: Usage) -> list[Element]:
        mode = use.get("record")
        callback = use.get("recording_status_callback")
        callback_method = use.get("recording_status_callback_method")
        if not mode or mode in ("do-not-record", "false"):
            return []
        record = px.RecordElement(
            action=callback,
            method=http_method(callback_method),
            redirect=False,
            start_on_dial_answer=True,
            max_length=dial.time_limit or 14400,
        )
        if not self.same_format:
            self.reporter.changed(
                dial.path,
                f"{dial.label} {dial.source_name('record')}={mode}",
                "Plivo records a dialled call with a <Record startOnDialAnswer> placed before "
                "<Dial>; recording starts when the call is answered and is posted to the "
                "Record action URL",
                "" if callback else "set the Record action URL to receive the recording",
            )
        return [record]

    def _dial_target(
        self,
        target: Any,
        callbacks: set[tuple[str | None, str | None]],
        whispers: set[str],
    ) -> Element | None:
        if isinstance(target, Number):
            use = self.usage(target)
            digits = phone_digits(use.get("number"))
            if digits is None:
                self.reporter.lost(
                    target.path,
                    f"{target.label} {target.number}",
                    "Plivo dials phone numbers in international form",
                    "write the number in E.164 form (+ and country code)",
                )
                return None
            element: Element = px.NumberElement(digits, send_digits=use.get("send_digits"))
        elif isinstance(target, Sip):
            use = self.usage(target)
            headers = use.get("headers")
            element = px.UserElement(
                use.get("uri"),
                send_digits=use.get("send_digits"),
                sip_headers=",".join(f"{_plivo_header(k)}={v}" for k, v in headers.items()) or None,
            )
            renamed = [k for k in headers if not k.upper().startswith("X-PH-")]
            if renamed and not self.same_format:
                self.reporter.changed(
                    target.path,
                    f"{target.label} headers {', '.join(renamed)}",
                    "Plivo sends custom SIP headers as X-PH-<name>, so the SIP server sees "
                    + ", ".join(f"X-PH-{_plivo_header(k)}" for k in renamed),
                    "update the SIP server to read the new header names",
                )
            fixes = {
                "username": "set the credentials on the SIP side for Plivo's addresses",
                "password": "set the credentials on the SIP side for Plivo's addresses",
            }
            self._target_common(target, use, callbacks, whispers)
            self._same_format_extras(element, target, use)
            use.finish(fixes)
            return element
        elif isinstance(target, Client):
            who = "a Twilio Client identity" if self.flow.origin == "twiml" else "an app user"
            self.reporter.lost(
                target.path,
                target.label,
                f"{who} is a user of the source vendor's SDK, which Plivo XML cannot dial",
                f"create a Plivo endpoint for {target.identity!r} and dial its SIP URI "
                "(sip:<username>@phone.plivo.com) with <User>",
            )
            return None
        elif isinstance(target, Queue):
            self.unsupported(target, "Queue")
            return None
        elif isinstance(target, Conference):
            self.reporter.lost(
                target.path,
                target.label,
                "Plivo joins a <Conference> on its own, not as a target of <Dial> with others",
                "join the conference in its own step",
            )
            return None
        else:
            assert isinstance(target, OtherTarget)
            self.unsupported_verb(target)
            return None
        self._target_common(target, use, callbacks, whispers)
        use.handled("machine_detection")
        if target.machine_detection and not self.same_format:
            self.reporter.lost(
                target.path,
                f"{target.label} {target.source_name('machine_detection')}",
                "Plivo detects answering machines only on calls made with its REST API",
                "place the call with the Call API (machine_detection) if it matters",
            )
        self._same_format_extras(element, target, use)
        use.finish()
        return element

    def _target_common(
        self,
        target: Number | Sip,
        use: Usage,
        callbacks: set[tuple[str | None, str | None]],
        whispers: set[str],
    ) -> None:
        callback = use.get("status_callback")
        method = use.get("status_callback_method")
        if callback:
            callbacks.add((callback, method))
        if target.status_callback_event and not self.same_format:
            self.reporter.note(
                target.path,
                f"{target.label} {target.source_name('status_callback_event')}",
                "Plivo's Dial callbackUrl receives every call event; there is no event filter",
            )
        use.handled("status_callback_event")
        url = use.get("url")
        use.handled("method")
        if url:
            whispers.add(url)
            self.next_document(url, target, target.source_name("url"))

    def _conference(self, dial: Dial, use: Usage, conference: Conference) -> Element:
        conf = self.usage(conference)
        wait_url = conf.get("wait_url")
        if is_audio_file(wait_url) and not self.same_format:
            self.reporter.lost(
                conference.path,
                f"{conference.label} {conference.source_name('wait_url')}",
                "Plivo's waitSound must answer with Plivo XML, not be an audio file",
                f'host <Response><Play loop="0">{wait_url}</Play></Response> and point waitSound '
                "at it",
            )
            wait_url = None
        beep = conf.get("beep")
        beep = "true" if beep is None and not self.same_format else beep
        element = px.ConferenceElement(
            conf.get("name"),
            muted=conf.get("muted"),
            start_conference_on_enter=conf.get("start_on_enter"),
            end_conference_on_exit=conf.get("end_on_exit"),
            wait_sound=wait_url,
            max_members=conf.get("max_participants"),
            record=_record_flag(conf.get("record")),
            time_limit=use.get("time_limit"),
            hangup_on_star=use.get("hangup_on_star"),
            action=use.get("action"),
            method=http_method(use.get("method")),
            callback_url=conf.get("status_callback"),
            callback_method=http_method(conf.get("status_callback_method")),
            enter_sound="beep:1" if beep in ("true", "onEnter") else None,
            exit_sound="beep:2" if beep in ("true", "onExit") else None,
        )
        if conference.status_callback_event and not self.same_format:
            self.reporter.note(
                conference.path,
                f"{conference.label} {conference.source_name('status_callback_event')}",
                "Plivo sends every conference event to callbackUrl; there is no event filter",
            )
        conf.handled("wait_method", "status_callback_event")
        if wait_url:
            self.next_document(wait_url, conference, conference.source_name("wait_url"))
        self.next_document(dial.action, dial, dial.source_name("action"))
        self._same_format_extras(element, conference, conf)
        conf.finish()
        use.handled("timeout", "caller_id")
        use.finish()
        return element

    # ---- recording --------------------------------------------------------------------------

    def _record(self, record: Record) -> Element:
        use = self.usage(record)
        background = use.get("background")
        timeout = use.get("timeout")
        max_length = use.get("max_length")
        element = px.RecordElement(
            action=use.get("action"),
            method=http_method(use.get("method")),
            timeout=5 if timeout is None and not background and not self.same_format else timeout,
            max_length=(
                3600
                if max_length is None and not background and not self.same_format
                else max_length
            ),
            play_beep=use.get("play_beep"),
            finish_on_key=use.get("finish_on_key"),
            file_format=use.get("file_format"),
            record_session=True if background and not _on_dial_answer(record) else None,
            redirect=False if background or not record.action else None,
            callback_url=use.get("recording_status_callback"),
            callback_method=http_method(use.get("recording_status_callback_method")),
        )
        if use.get("transcribe"):
            element.transcription_type = "auto"
            element.transcription_url = use.get("transcribe_callback")
        use.handled("transcribe_callback")
        self.next_document(record.action, record, record.source_name("action"))
        self._same_format_extras(element, record, use)
        use.finish()
        return element

    # ---- endings, redirects, messages -------------------------------------------------------

    def _reject(self, reject: Reject, first: bool) -> Element:
        use = self.usage(reject)
        reason = use.get("reason") or "rejected"
        if reason not in ("rejected", "busy"):
            reason = "rejected"
        if not first:
            self.reporter.changed(
                reject.path,
                reject.label,
                "Plivo refuses a call unanswered only when <Hangup reason> is the first element; "
                "here the call is already answered",
            )
        element = px.HangupElement(reason=reason)
        use.finish()
        return element

    def _redirect(self, redirect: Redirect) -> list[Element]:
        use = self.usage(redirect)
        if self.flow.kind == "messaging":
            self.reporter.lost(
                redirect.path,
                redirect.label,
                "Plivo's message XML can only reply with <Message>",
                f"have the message_url handler call {redirect.url} itself",
            )
            use.handled("url", "method")
            use.finish()
            return []
        element = px.RedirectElement(use.get("url"), method=http_method(use.get("method")))
        self.next_document(redirect.url, redirect, "URL")
        self._same_format_extras(element, redirect, use)
        use.finish()
        return [element]

    def _notify(self, notify: Notify) -> list[Element]:
        use = self.usage(notify)
        element = px.RedirectElement(use.get("url"), method=http_method(use.get("method")))
        if use.get("payload"):
            self.reporter.lost(
                notify.path,
                f"{notify.label} payload",
                "a Plivo <Redirect> sends the standard call parameters, not a custom payload",
                "put the payload values in the URL's query string",
            )
        self.reporter.changed(
            notify.path,
            notify.label,
            "Plivo redirects the call to the URL, which must answer with Plivo XML; a notify "
            "that returned no NCCO let the flow go on, a redirect always hands the call over",
        )
        use.finish()
        return [element]

    def _message(self, message: Message) -> Element:
        use = self.usage(message)
        to, sender = use.get("to"), use.get("from_")
        element = px.MessageElement(
            use.get("body"),
            src=phone_digits(sender) or sender,
            dst=phone_digits(to) or to,
            type="sms",
            callback_url=use.get("status_callback") or use.get("action"),
            callback_method=http_method(use.get("method")),
        )
        if (to is None or sender is None) and not self.same_format:
            missing = " and ".join(
                name for name, value in (("src", sender), ("dst", to)) if value is None
            )
            self.reporter.changed(
                message.path,
                f"{message.label} {missing}",
                "the source replies to the sender from the number texted by default; Plivo's "
                "<Message> needs src and dst written out",
                f"serve this XML from your message_url handler and fill in {missing} from the "
                "request's To and From",
            )
        if use.get("media"):
            self.reporter.lost(
                message.path,
                f"{message.label} media",
                "Plivo's <Message> element sends text only",
                "send the picture with Plivo's Message API (media_urls) from your handler",
            )
        self._same_format_extras(element, message, use)
        use.finish()
        return element

    def _stream(self, stream: Stream) -> list[Element]:
        use = self.usage(stream)
        bidirectional = use.get("bidirectional")
        track = use.get("track")
        parameters = use.get("parameters")
        element = px.StreamElement(
            use.get("url"),
            bidirectional=True if bidirectional else None,
            keepCallAlive=True if bidirectional else None,
            audioTrack=_TRACKS.get(track or "", track if track in _TRACKS.values() else None),
            statusCallbackUrl=use.get("status_callback"),
            statusCallbackMethod=http_method(use.get("status_callback_method")),
            extraHeaders=",".join(f"{k}={v}" for k, v in parameters.items()) or None,
        )
        if not self.same_format:
            self.reporter.changed(
                stream.path,
                stream.label,
                "Plivo's stream messages (start, media, stop events with base64 audio) differ "
                "in names and fields from the source's, and custom parameters arrive as extra "
                "headers",
                "adapt the WebSocket server to Plivo's stream protocol",
            )
            if stream.action:
                self.reporter.changed(
                    stream.path,
                    f"{stream.label} action",
                    "when the stream ends Plivo goes on with the next element instead of "
                    "requesting the action URL",
                    "put the next steps after <Stream>",
                )
        use.handled("action", "method")
        self._same_format_extras(element, stream, use)
        use.finish()
        return [element]

    def _pre_answer(self, pre_answer: PreAnswer) -> Element:
        element = px.PreAnswerElement()
        for verb in pre_answer.verbs:
            for child in self._verb(verb):
                if child._name in element._nestable:
                    element.add(child)
                else:
                    self.reporter.lost(
                        verb.path,
                        verb.label,
                        f"Plivo does not allow <{child._name}> inside <PreAnswer>, so it was left "
                        "out",
                        "move it after <PreAnswer>",
                    )
        return element


def _plivo_header(name: str) -> str:
    """Plivo adds X-PH- to every custom SIP header name."""
    for prefix in ("X-PH-", "X-"):
        if name.upper().startswith(prefix):
            return name[len(prefix) :]
    return name


def _dial_timeout(timeout: int | None, origin: str) -> int | None:
    """Twilio rings for 30 s unless told otherwise; say so explicitly to Plivo."""
    return 30 if timeout is None and origin == "twiml" else timeout


def _on_dial_answer(record: Record) -> bool:
    return str(record.extras.get("startOnDialAnswer", "")).lower() == "true"


def _record_flag(value: str | None) -> bool | None:
    if value is None:
        return None
    return value not in ("do-not-record", "false")


def write_plivo(flow: Any, reporter: Any) -> str:
    return PlivoWriter(flow, reporter).write()
