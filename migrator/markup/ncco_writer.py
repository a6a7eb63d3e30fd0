"""Write the call-flow model as an NCCO (a JSON array of Vonage Voice API actions).

Behaviour Vonage lacks or does differently is reported; the result is checked against Vonage's
published NCCO schema before it is returned.
"""

from __future__ import annotations

import json
import re
from typing import Any
from xml.sax.saxutils import escape

from migrator.markup import ncco_schema, ssml, voices
from migrator.markup.errors import MarkupError
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
    Stream,
    Unsupported,
    Verb,
)
from migrator.markup.report import Format
from migrator.markup.writing import Writer, http_method, is_audio_file, is_web_url, phone_digits

Action = dict[str, Any]

TALK_MAX = 1500
INPUT_TIMEOUT_MAX = 10
MAX_DIGITS = 20
CONNECT_LIMIT_MAX = 7200


class NccoWriter(Writer):
    target: Format = "ncco"
    _following: list[Verb] = []  # the verbs after the one being written

    def write(self) -> str:
        if self.flow.kind == "messaging":
            for verb in self.flow.verbs:
                self._messaging_lost(verb)
            return ""
        actions: list[Action] = []
        for index, verb in enumerate(self.flow.verbs):
            self._following = self.flow.verbs[index + 1 :]
            actions.extend(self._verb(verb))
        if not actions:
            actions = [{"action": "wait", "timeout": 0.1}]
            self.reporter.note(
                "/",
                "empty NCCO",
                "an NCCO needs at least one action and nothing else carried over, so a 0.1 s wait "
                "stands in; the call ends when it finishes",
            )
        problems = ncco_schema.errors(actions)
        if problems:
            raise MarkupError("the translated NCCO does not validate: " + "; ".join(problems))
        return json.dumps(actions, indent=2, ensure_ascii=False) + "\n"

    # ---- dispatch ---------------------------------------------------------------------------

    def _verb(self, verb: Verb) -> list[Action]:
        if isinstance(verb, Say):
            return self._say(verb)
        if isinstance(verb, Play):
            return self._play(verb)
        if isinstance(verb, Pause):
            return [self._pause(verb)]
        if isinstance(verb, Gather):
            return self._gather(verb)
        if isinstance(verb, Dial):
            return self._dial(verb)
        if isinstance(verb, Record):
            return self._record(verb)
        if isinstance(verb, Stream):
            return self._stream(verb)
        if isinstance(verb, Redirect):
            return self._redirect(verb)
        if isinstance(verb, Notify):
            return self._notify(verb)
        if isinstance(verb, PreAnswer):
            return self._pre_answer(verb)
        if isinstance(verb, Hangup):
            self.reporter.note(
                verb.path,
                verb.label,
                "an NCCO has no hangup action; the call ends when the NCCO runs out of actions",
            )
            self.usage(verb).finish()
            return []
        if isinstance(verb, Reject):
            self.reporter.lost(
                verb.path,
                verb.label,
                "an NCCO cannot refuse a call without answering it; the call is answered (and "
                "billed) and then ends",
                "refuse unwanted calls from your answer webhook's server with the Voice API "
                "(PUT /v1/calls/{uuid} with action=hangup) instead of returning an NCCO",
            )
            return []
        if isinstance(verb, SendDigits):
            self.reporter.lost(
                verb.path,
                f"{verb.label} {verb.digits}",
                "no NCCO action plays DTMF tones into the call",
                "send the digits with the Voice API (PUT /v1/calls/{uuid}/dtmf), or with "
                "dtmfAnswer on a connect phone endpoint",
            )
            return []
        if isinstance(verb, Message):
            self.reporter.lost(
                verb.path,
                verb.label,
                "an NCCO cannot send a text message during a call",
                f"send the text {verb.body!r} with the Vonage Messages API (POST /v1/messages) "
                "from your server when the call arrives",
            )
            return []
        if isinstance(verb, Enqueue):
            self.unsupported(verb, "Enqueue")
            return []
        if isinstance(verb, Leave):
            self.unsupported(verb, "Leave")
            return []
        assert isinstance(verb, Unsupported)
        self.unsupported_verb(verb)
        return []

    def _messaging_lost(self, verb: Verb) -> None:
        if isinstance(verb, Message):
            media = f" with media {', '.join(verb.media)}" if verb.media else ""
            self.reporter.lost(
                verb.path,
                verb.label,
                "Vonage has no reply document for text messages (and NCCO is for calls only)",
                f"send the text {verb.body!r}{media} with the Vonage Messages API "
                "(POST /v1/messages) from the number's inbound message webhook",
            )
        elif isinstance(verb, Redirect):
            self.reporter.lost(
                verb.path,
                verb.label,
                "Vonage has no reply document for text messages to redirect",
                f"have the inbound message webhook call {verb.url} itself",
            )
        else:
            self._verb(verb)

    def _extras(self, action: Action, verb: Verb) -> Action:
        if self.same_format:
            action.update(verb.extras)
        return action

    # ---- speech and audio -------------------------------------------------------------------

    def _say(self, say: Say, *, barge_in: bool | None = None) -> list[Action]:
        use = self.usage(say)
        use.handled("voice", "language")
        choice = voices.to_vonage(self.source_voice(say, use), ncco_schema.tts_languages())
        language = say.language if self.same_format else choice.language
        if choice.change and not self.same_format:
            self.reporter.changed(say.path, f"{say.label} voice", choice.change)
        content = use.get("content")
        texts = self._talk_texts(say, content)
        if not texts:
            self.reporter.note(say.path, say.label, "it has no text to speak, so it was left out")
        actions = []
        for text in texts:
            action: Action = {"action": "talk", "text": text}
            if language:
                action["language"] = language
            loop = use.get("loop")
            if loop is not None and loop != 1:
                action["loop"] = max(loop, 0)
            wanted_barge_in = barge_in if barge_in is not None else use.get("barge_in")
            if wanted_barge_in is not None:
                action["bargeIn"] = wanted_barge_in
            actions.append(self._extras(action, say))
        if self.same_format:
            use.handled("extras")
        use.finish()
        return actions

    def _talk_texts(self, say: Say, content: list[Inline]) -> list[str]:
        if ssml.has_markup(content):
            marked = f"<speak>{ssml.to_string(content)}</speak>"
            if len(marked) <= TALK_MAX:
                return [marked]
            self.reporter.changed(
                say.path,
                f"{say.label} SSML",
                f"the text with its SSML is longer than the {TALK_MAX} characters a talk action "
                "takes, so it is spoken as plain text in several talk actions",
                "shorten the text if the SSML effects matter",
            )
        text = ssml.plain_text(content)
        if len(text) <= TALK_MAX:
            return [text] if text else []
        self.reporter.changed(
            say.path,
            f"{say.label} text",
            f"the text is longer than the {TALK_MAX} characters a talk action takes, so it is "
            "split over several talk actions",
        )
        return _split(text, TALK_MAX)

    def _play(self, play: Play, *, barge_in: bool | None = None) -> list[Action]:
        use = self.usage(play)
        url = use.get("url")
        if not is_web_url(url):
            self.reporter.lost(
                play.path,
                f"{play.label} {url}",
                "NCCO stream needs an absolute http(s) URL of an audio file",
                "make the URL absolute",
            )
            return []
        action: Action = {"action": "stream", "streamUrl": [url]}
        loop = use.get("loop")
        if loop is not None and loop != 1:
            action["loop"] = max(loop, 0)
        wanted_barge_in = barge_in if barge_in is not None else use.get("barge_in")
        if wanted_barge_in is not None:
            action["bargeIn"] = wanted_barge_in
        if self.same_format:
            use.handled("extras")
        use.finish()
        return [self._extras(action, play)]

    def _pause(self, pause: Pause) -> Action:
        use = self.usage(pause)
        length = use.get("length")
        seconds = 1.0 if length is None else float(length)
        use.finish()
        return {"action": "wait", "timeout": min(max(seconds, 0.1), 7200)}

    # ---- input ------------------------------------------------------------------------------

    def _gather(self, gather: Gather) -> list[Action]:
        use = self.usage(gather)
        actions = self._prompts(gather, use.get("prompts"))
        dtmf, speech = use.get("dtmf"), use.get("speech")
        action: Action = {
            "action": "input",
            "type": [k for k, on in (("dtmf", dtmf), ("speech", speech)) if on],
        }
        if dtmf:
            action["dtmf"] = self._dtmf(gather, use)
        else:
            use.handled("num_digits", "finish_on_key")
        if speech:
            action["speech"] = self._speech(gather, use)
        else:
            use.handled("language", "hints", "speech_timeout", "max_speech_time", "speech_model")
            use.handled(
                "profanity_filter", "partial_result_callback", "partial_result_callback_method"
            )
        url = use.get("action")
        method = http_method(use.get("method"))
        if is_web_url(url):
            action["eventUrl"] = [url]
            if method:
                action["eventMethod"] = method
        elif url:
            self.reporter.lost(
                gather.path,
                f"{gather.label} {gather.source_name('action')}",
                f"NCCO needs an absolute http(s) URL, not {url!r}",
                "make the URL absolute",
            )
        else:
            self.reporter.changed(
                gather.path,
                f"{gather.label} {gather.source_name('action')}",
                "without an action URL the source posts the input back to the document's own "
                "URL; Vonage sends it to the application's event URL instead",
                "give the input an eventUrl that returns the next NCCO",
            )
        if not self.same_format:
            self.reporter.changed(
                gather.path,
                f"{gather.label} result",
                "Vonage posts the result as JSON (dtmf.digits, speech.results) to eventUrl even "
                "when the caller enters nothing, and the NCCO that URL returns replaces this one; "
                "the source fell through to its next verb when there was no input",
                "make the eventUrl handler read the JSON result and return the next NCCO, "
                "including the no-input branch",
            )
            self.next_document(url, gather, gather.source_name("action"))
        if self.same_format:
            action.update(gather.extras)
            use.handled("extras")
        use.finish()
        actions.append(action)
        return actions

    def _prompts(self, gather: Gather, prompts: list[Say | Play | Pause]) -> list[Action]:
        """What plays while input is awaited.

        Vonage lets a prompt be interrupted (bargeIn) only when the next action of another kind
        is the input itself, so pauses after speech become SSML breaks and only the last run of
        talk or stream actions stays interruptible.
        """
        actions: list[Action] = []
        for prompt in prompts:
            if isinstance(prompt, Pause) and actions and actions[-1]["action"] == "talk":
                seconds = 1.0 if prompt.length is None else float(prompt.length)
                actions[-1]["text"] = _with_break(actions[-1]["text"], seconds)
                folded = self.usage(prompt)
                folded.handled("length")
                folded.finish()
            elif isinstance(prompt, Say):
                actions.extend(self._say(prompt))
            elif isinstance(prompt, Play):
                actions.extend(self._play(prompt))
            else:
                actions.append(self._pause(prompt))
        last_kind = actions[-1]["action"] if actions else None
        interruptible = True
        blocked = False
        for action in reversed(actions):
            interruptible = interruptible and action["action"] == last_kind
            if interruptible:
                action["bargeIn"] = True
            else:
                action.pop("bargeIn", None)
                blocked = True
        if blocked:
            self.reporter.changed(
                gather.path,
                f"{gather.label} prompts",
                "Vonage lets callers cut a prompt short only when the input follows it directly, "
                "so the earlier prompts now play to the end before keys are accepted",
            )
        return actions

    def _dtmf(self, gather: Gather, use: Any) -> dict[str, Any]:
        dtmf: dict[str, Any] = {}
        timeout = use.get("timeout")
        seconds = 5 if timeout is None else timeout
        if seconds > INPUT_TIMEOUT_MAX:
            self.reporter.changed(
                gather.path,
                f"{gather.label} {gather.source_name('timeout')}",
                f"Vonage waits at most {INPUT_TIMEOUT_MAX} s for digits, not {seconds} s",
            )
        dtmf["timeOut"] = min(max(seconds, 0), INPUT_TIMEOUT_MAX)
        digits = use.get("num_digits")
        if digits is None:
            dtmf["maxDigits"] = MAX_DIGITS
            if not self.same_format:
                self.reporter.note(
                    gather.path,
                    f"{gather.label} {gather.source_name('num_digits')}",
                    f"no digit limit was set; Vonage's default is 4 digits, so maxDigits is set "
                    f"to its maximum of {MAX_DIGITS}",
                )
        else:
            if digits > MAX_DIGITS:
                self.reporter.changed(
                    gather.path,
                    f"{gather.label} {gather.source_name('num_digits')}",
                    f"Vonage collects at most {MAX_DIGITS} digits, not {digits}",
                )
            dtmf["maxDigits"] = min(max(digits, 1), MAX_DIGITS)
        key = use.get("finish_on_key")
        key = "#" if key is None else key
        dtmf["submitOnHash"] = "#" in key
        if key not in ("", "#"):
            self.reporter.changed(
                gather.path,
                f"{gather.label} {gather.source_name('finish_on_key')}",
                f"Vonage can only end input with #, not {key!r}",
            )
        return dtmf

    def _speech(self, gather: Gather, use: Any) -> dict[str, Any]:
        speech: dict[str, Any] = {}
        language = use.get("language")
        if language:
            speech["language"] = voices.VONAGE_LANGUAGE_ALIASES.get(language, language)
        hints = use.get("hints")
        if hints:
            speech["context"] = [hint.strip() for hint in hints.split(",") if hint.strip()]
        end = use.get("speech_timeout")
        if end is not None:
            try:
                speech["endOnSilence"] = min(max(float(end), 0.4), 10.0)
            except ValueError:
                self.reporter.note(
                    gather.path,
                    f"{gather.label} {gather.source_name('speech_timeout')}={end}",
                    "Vonage detects the end of speech itself when endOnSilence is not set",
                )
        longest = use.get("max_speech_time")
        if longest is not None:
            speech["maxDuration"] = min(max(longest, 1), 60)
        return speech

    # ---- dial -------------------------------------------------------------------------------

    def _dial(self, dial: Dial) -> list[Action]:
        use = self.usage(dial)
        targets = use.get("targets")
        conferences = [t for t in targets if isinstance(t, Conference)]
        if conferences and len(targets) == 1:
            return self._conversation(dial, use, conferences[0])
        kept: tuple[dict[str, Any], Number | Sip] | None = None
        for target in targets:
            if kept is not None and isinstance(target, Number | Sip):
                self.reporter.lost(
                    target.path,
                    target.label,
                    "a connect action rings a single endpoint, so ringing several at once "
                    "(simultaneous ring) is not possible in one NCCO",
                    "ring the other endpoints with outbound calls from the Voice API and join the "
                    "one that answers to this call's conversation, or ring them one after another "
                    "with several connect actions",
                )
                continue
            endpoint = self._endpoint(target)
            if endpoint is not None:
                assert isinstance(target, Number | Sip)
                kept = (endpoint, target)
        if kept is None:
            return []  # nothing left to dial: the targets' own items say why
        first, first_target = kept
        action: Action = {"action": "connect", "endpoint": [first]}
        caller_id = use.get("caller_id")
        if caller_id:
            digits = phone_digits(caller_id)
            if digits:
                action["from"] = digits
            else:
                self.reporter.lost(
                    dial.path,
                    f"{dial.label} {dial.source_name('caller_id')}={caller_id}",
                    "Vonage's from must be one of your Vonage numbers",
                    "set from to a Vonage number",
                )
        elif not self.same_format:
            self.reporter.changed(
                dial.path,
                f"{dial.label} {dial.source_name('caller_id')}",
                "without a caller ID the source shows the caller's number; Vonage needs from set "
                "to one of your Vonage numbers or the callee sees an unknown number",
                "set from to a Vonage number (or forward the caller's number if Vonage allows it "
                "for your account)",
            )
        timeout = use.get("timeout")
        action["timeout"] = 30 if timeout is None else timeout
        limit = use.get("time_limit")
        if limit is not None:
            if limit > CONNECT_LIMIT_MAX:
                self.reporter.changed(
                    dial.path,
                    f"{dial.label} {dial.source_name('time_limit')}",
                    f"Vonage limits a connected call to {CONNECT_LIMIT_MAX} s, not {limit} s",
                )
            action["limit"] = min(limit, CONNECT_LIMIT_MAX)
        url = use.get("action")
        method = http_method(use.get("method"))
        callback = first_target.status_callback
        if is_web_url(url):
            action["eventUrl"] = [url]
            action["eventType"] = "synchronous"
            if not self.same_format:
                self.reporter.changed(
                    dial.path,
                    f"{dial.label} {dial.source_name('action')}",
                    "Vonage posts call-state events as JSON to eventUrl; with eventType "
                    "synchronous it can answer an unanswered or failed call with a new NCCO, but "
                    "after a completed call the NCCO simply goes on with its next action",
                    "make the URL accept Vonage call events and return an NCCO for the "
                    "unanswered, busy and failed cases",
                )
                self.next_document(url, dial, dial.source_name("action"))
            if is_web_url(callback):
                self.reporter.lost(
                    first_target.path,
                    f"{first_target.label} {first_target.source_name('status_callback')}",
                    "a connect action has one eventUrl, and it now serves the dial's action URL",
                    f"handle the call events at {url}",
                )
        elif is_web_url(callback):
            action["eventUrl"] = [callback]
            method = http_method(first_target.status_callback_method)
        if "eventUrl" in action and method:
            action["eventMethod"] = method
        detection = first_target.machine_detection if isinstance(first_target, Number) else None
        if detection:
            action["machineDetection"] = "hangup" if detection.lower() == "hangup" else "continue"
            if not self.same_format:
                self.reporter.changed(
                    first_target.path,
                    f"{first_target.label} {first_target.source_name('machine_detection')}",
                    "Vonage reports answering machines as a 'machine' event to eventUrl and can "
                    "only continue or hang up",
                )
        actions = self._dial_recording(dial, use)
        if self.same_format:
            action.update(dial.extras)
            use.handled("extras")
        use.finish()
        actions.append(action)
        return actions

    def _dial_recording(self, dial: Dial, use: Any) -> list[Action]:
        mode = use.get("record")
        callback = use.get("recording_status_callback")
        callback_method = use.get("recording_status_callback_method")
        if not mode or mode == "do-not-record" or mode == "false":
            return []
        record: Action = {"action": "record"}
        if "dual" in mode:
            record["split"] = "conversation"
        if is_web_url(callback):
            record["eventUrl"] = [callback]
            if callback_method:
                record["eventMethod"] = callback_method.upper()
        if not self.same_format:
            self.reporter.changed(
                dial.path,
                f"{dial.label} {dial.source_name('record')}={mode}",
                "a record action placed before the connect records the call in the background "
                "from the moment it runs, including the ringing",
                "" if callback else "set eventUrl on the record action to receive the recording",
            )
        return [record]

    def _endpoint(self, target: Any) -> dict[str, Any] | None:
        if isinstance(target, Number):
            return self._phone(target)
        if isinstance(target, Sip):
            return self._sip(target)
        if isinstance(target, Client):
            self.reporter.lost(
                target.path,
                target.label,
                "dialling an app user needs an app endpoint, which Vonage's published NCCO schema "
                "(what this tool validates against) does not have",
                f"create a Vonage user {target.identity!r} for the Client SDK and add a connect "
                f'action with endpoint {{"type": "app", "user": "{target.identity}"}} by hand',
            )
            return None
        if isinstance(target, Queue):
            self.unsupported(target, "Queue")
            return None
        if isinstance(target, Conference):
            self.reporter.lost(
                target.path,
                target.label,
                "a conference can only be joined alone, not dialled together with other targets",
                "join the conference in its own step",
            )
            return None
        assert isinstance(target, OtherTarget)
        self.unsupported_verb(target)
        return None

    def _phone(self, number: Number) -> dict[str, Any] | None:
        use = self.usage(number)
        digits = phone_digits(use.get("number"))
        if digits is None or not 10 <= len(digits) <= 15:
            self.reporter.lost(
                number.path,
                f"{number.label} {number.number}",
                "a Vonage phone endpoint needs a full international number of 10 to 15 digits",
                "write the number in E.164 form (+ and country code)",
            )
            return None
        endpoint: dict[str, Any] = {"type": "phone", "number": digits}
        send = use.get("send_digits")
        if send:
            endpoint["dtmfAnswer"] = send.replace("w", "p").replace("W", "pp")
        url = use.get("url")
        if url:
            endpoint["onAnswer"] = {"url": url}
            self.next_document(url, number, number.source_name("url"))
        use.handled("status_callback", "status_callback_method", "machine_detection")
        if number.status_callback_event and not self.same_format:
            self.reporter.note(
                number.path,
                f"{number.label} {number.source_name('status_callback_event')}",
                "Vonage sends every call-state event to eventUrl; there is no event filter",
            )
        use.handled("status_callback_event")
        if self.same_format:
            endpoint.update(number.extras)
            use.handled("extras")
        use.finish()
        return endpoint

    def _sip(self, sip: Sip) -> dict[str, Any] | None:
        use = self.usage(sip)
        uri = use.get("uri")
        if not re.match(r"^sips?:", uri or ""):
            self.reporter.lost(sip.path, f"{sip.label} {uri}", "a SIP endpoint needs a sip: URI")
            return None
        endpoint: dict[str, Any] = {"type": "sip", "uri": uri}
        headers = use.get("headers")
        if headers:
            # Vonage adds the X- itself.
            endpoint["headers"] = {_strip_x(name): value for name, value in headers.items()}
        fixes = {
            "username": "configure the credentials on the Vonage SIP trunk instead",
            "password": "configure the credentials on the Vonage SIP trunk instead",
        }
        use.handled("status_callback", "status_callback_method", "status_callback_event")
        if self.same_format:
            endpoint.update(sip.extras)
            use.handled("extras")
        use.finish(fixes)
        return endpoint

    def _conversation(self, dial: Dial, use: Any, conference: Conference) -> list[Action]:
        conf = self.usage(conference)
        action: Action = {"action": "conversation", "name": conf.get("name")}
        start = conf.get("start_on_enter")
        if start is not None:
            action["startOnEnter"] = start
        end = conf.get("end_on_exit")
        if end is not None:
            action["endOnExit"] = end
        record = conf.get("record")
        if record and record not in ("do-not-record", "false"):
            action["record"] = True
        muted = conf.get("muted")
        if muted is not None:
            action["mute"] = muted
        wait_url = conf.get("wait_url")
        conf.handled("wait_method")
        if is_audio_file(wait_url) and is_web_url(wait_url):
            action["musicOnHoldUrl"] = wait_url
        elif wait_url:
            self.reporter.lost(
                conference.path,
                f"{conference.label} {conference.source_name('wait_url')}",
                "Vonage plays hold music from an audio file URL (musicOnHoldUrl); the source's "
                "wait URL returns a call-flow document",
                "point musicOnHoldUrl at an mp3 or wav file",
            )
        callback = conf.get("status_callback")
        if is_web_url(callback):
            action["eventUrl"] = [callback]
            method = http_method(conf.get("status_callback_method"))
            if method:
                action["eventMethod"] = method
        if conference.status_callback_event and not self.same_format:
            self.reporter.note(
                conference.path,
                f"{conference.label} {conference.source_name('status_callback_event')}",
                "Vonage sends every conversation event to eventUrl; there is no event filter",
            )
        conf.handled("status_callback_event")
        if not self.same_format and conference.beep in (None, "true", "onEnter", "onExit"):
            self.reporter.changed(
                conference.path,
                f"{conference.label} {conference.source_name('beep')}",
                "the source beeps when participants join or leave; Vonage conversations do not",
            )
        conf.handled("beep")
        if self.same_format:
            action.update(conference.extras)
            conf.handled("extras")
        conf.finish()
        use.handled("timeout", "caller_id")
        use.finish()
        return [action]

    # ---- recording --------------------------------------------------------------------------

    def _record(self, record: Record) -> list[Action]:
        use = self.usage(record)
        action: Action = {"action": "record"}
        background = use.get("background")
        if (
            str(record.extras.get("startOnDialAnswer", "")).lower() == "true"
            and not self.same_format
        ):
            use.handled_extra("startOnDialAnswer", "redirect")
            self.reporter.changed(
                record.path,
                f"{record.label} startOnDialAnswer",
                "the record action starts recording when it runs, before the dialled call is "
                "ringing or answered",
            )
        if not background:
            silence = use.get("timeout")
            silence = 5 if silence is None else silence
            if silence > 0:
                if not 3 <= silence <= 10:
                    self.reporter.changed(
                        record.path,
                        f"{record.label} {record.source_name('timeout')}",
                        f"Vonage ends a recording after 3 to 10 s of silence, not {silence} s",
                    )
                action["endOnSilence"] = min(max(silence, 3), 10)
            keys = use.get("finish_on_key")
            keys = "1234567890*#" if keys is None else keys
            if keys:
                key = "#" if "#" in keys else keys[0]
                action["endOnKey"] = key
                if keys != key:
                    self.reporter.changed(
                        record.path,
                        f"{record.label} {record.source_name('finish_on_key')}",
                        f"Vonage stops recording on one key only; {key!r} is used instead of any "
                        f"of {keys!r}",
                    )
            longest = use.get("max_length")
            longest = 3600 if longest is None else longest
            action["timeOut"] = min(max(longest, 3), 7200)
            beep = use.get("play_beep")
            action["beepStart"] = True if beep is None else beep
        else:
            use.handled("timeout", "finish_on_key", "max_length", "play_beep")
        fmt = use.get("file_format")
        if fmt in ("mp3", "wav", "ogg"):
            action["format"] = fmt
        callback, url = use.get("recording_status_callback"), use.get("action")
        if is_web_url(callback):
            action["eventUrl"] = [callback]
            method = use.get("recording_status_callback_method")
        elif is_web_url(url):
            action["eventUrl"] = [url]
            method = use.get("method")
        else:
            method = None
        if method:
            action["eventMethod"] = method.upper()
        use.handled("method", "recording_status_callback_method")
        if url and not background and not self.same_format:
            after = (
                "; the verbs after it (the source's no-recording branch) now run after every "
                "recording"
                if self._following
                else ""
            )
            called = "is not requested" if is_web_url(callback) else "only receives the recording"
            self.reporter.changed(
                record.path,
                f"{record.label} {record.source_name('action')} {url}",
                f"after recording Vonage goes on with the next action: the URL {called} and can "
                f"no longer decide what happens next{after}",
                "put the steps that URL returned after the record action in this NCCO",
            )
        if use.get("transcribe"):
            transcription: dict[str, Any] = {}
            callback = use.get("transcribe_callback")
            if is_web_url(callback):
                transcription["eventUrl"] = [callback]
            action["transcription"] = transcription
            if not self.same_format:
                self.reporter.changed(
                    record.path,
                    f"{record.label} {record.source_name('transcribe')}",
                    "Vonage posts the transcript as JSON with a different shape than the source",
                    "update the transcription callback handler",
                )
        use.handled("transcribe_callback")
        if self.same_format:
            action.update(record.extras)
            use.handled("extras")
        use.finish()
        return [action]

    # ---- streams and redirects --------------------------------------------------------------

    def _stream(self, stream: Stream) -> list[Action]:
        use = self.usage(stream)
        if not use.get("bidirectional"):
            self.reporter.lost(
                stream.path,
                stream.label,
                "an NCCO cannot fork the call audio to a WebSocket while the flow goes on; a "
                "websocket connect takes the call over",
                "add the WebSocket as another leg with the Voice API (POST /v1/calls with a "
                "websocket endpoint) into the same conversation",
            )
            return []
        url = use.get("url")
        if not re.match(r"^wss?://", url or ""):
            self.reporter.lost(
                stream.path, f"{stream.label} {url}", "a websocket needs a ws(s):// URL"
            )
            return []
        endpoint: dict[str, Any] = {
            "type": "websocket",
            "uri": url,
            "content-type": "audio/l16;rate=16000",
        }
        parameters = use.get("parameters")
        if parameters:
            endpoint["headers"] = dict(parameters)
        action: Action = {"action": "connect", "endpoint": [endpoint]}
        callback = use.get("status_callback")
        if is_web_url(callback):
            action["eventUrl"] = [callback]
            method = http_method(use.get("status_callback_method"))
            if method:
                action["eventMethod"] = method
        if not self.same_format:
            self.reporter.changed(
                stream.path,
                stream.label,
                "Vonage sends the audio as binary 16-bit linear PCM frames (16 kHz here) and JSON "
                "text events, not as the source's JSON media messages, and custom parameters "
                "arrive as the websocket's first message",
                "adapt the WebSocket server to Vonage's audio format",
            )
        url_after = use.get("action")
        use.handled("method")
        if url_after and not self.same_format:
            self.reporter.changed(
                stream.path,
                f"{stream.label} action",
                "when the WebSocket closes Vonage goes on with the next NCCO action instead of "
                "requesting the action URL",
                "put the next steps after the connect action",
            )
        if self.same_format:
            action.update(stream.extras)
            use.handled("extras")
        use.finish()
        return [action]

    def _redirect(self, redirect: Redirect) -> list[Action]:
        use = self.usage(redirect)
        url = use.get("url")
        if not is_web_url(url):
            self.reporter.lost(
                redirect.path,
                f"{redirect.label} {url}",
                "the NCCO stand-in for a redirect needs an absolute http(s) URL",
                "make the URL absolute",
            )
            return []
        action: Action = {"action": "notify", "payload": {}, "eventUrl": [url]}
        method = http_method(use.get("method"))
        action["eventMethod"] = method or "POST"
        self.reporter.changed(
            redirect.path,
            redirect.label,
            "NCCO has no redirect; a notify action sends a JSON event to the URL and the NCCO it "
            "returns replaces this one",
            "make the URL accept the notify event and answer with an NCCO",
        )
        self.next_document(url, redirect, "URL")
        use.finish()
        return [action]

    def _notify(self, notify: Notify) -> list[Action]:
        use = self.usage(notify)
        action: Action = {
            "action": "notify",
            "payload": use.get("payload"),
            "eventUrl": [use.get("url")],
        }
        method = use.get("method")
        if method:
            action["eventMethod"] = method
        use.finish()
        return [action]

    def _pre_answer(self, pre_answer: PreAnswer) -> list[Action]:
        self.reporter.changed(
            pre_answer.path,
            pre_answer.label,
            "Vonage has no early media; what the source played before answering now plays "
            "after the call is answered",
        )
        actions: list[Action] = []
        for verb in pre_answer.verbs:
            actions.extend(self._verb(verb))
        return actions


def _strip_x(name: str) -> str:
    return name[2:] if name.lower().startswith("x-") else name


def _with_break(text: str, seconds: float) -> str:
    """Append an SSML pause to talk text (making it SSML if it was not)."""
    pause = f'<break time="{seconds:g}s"/>'
    if text.startswith("<speak>") and text.endswith("</speak>"):
        return f"{text[: -len('</speak>')]}{pause}</speak>"
    return f"<speak>{escape(text)}{pause}</speak>"


def _split(text: str, limit: int) -> list[str]:
    """Cut text at spaces into pieces of at most `limit` characters."""
    pieces: list[str] = []
    current = ""
    for word in text.split(" "):
        while len(word) > limit:
            if current:
                pieces.append(current)
                current = ""
            pieces.append(word[:limit])
            word = word[limit:]
        candidate = f"{current} {word}" if current else word
        if len(candidate) > limit:
            pieces.append(current)
            current = word
        else:
            current = candidate
    if current:
        pieces.append(current)
    return pieces


def write_ncco(flow: Any, reporter: Any) -> str:
    return NccoWriter(flow, reporter).write()
