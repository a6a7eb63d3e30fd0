"""Every TwiML element and what becomes of it in NCCO and Plivo XML, as data.

The assessment reads this table to say which documents need attention without translating them,
the writers take their report texts for verbs without an equivalent from it, and a test checks it
lists every element the twilio SDK defines.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Outcome = Literal["translated", "changed", "lost"]


@dataclass(frozen=True)
class Fate:
    """What one TwiML element becomes in a target format."""

    outcome: Outcome
    becomes: str


@dataclass(frozen=True)
class Entry:
    element: str
    ncco: Fate
    plivo: Fate


def _e(element: str, ncco: tuple[Outcome, str], plivo: tuple[Outcome, str]) -> Entry:
    return Entry(element, Fate(*ncco), Fate(*plivo))


LOST: tuple[Outcome, str] = ("lost", "reported")

# Element names as they appear in TwiML (nouns included), voice and messaging.
TWIML_ELEMENTS: tuple[Entry, ...] = (
    _e("Say", ("translated", "talk"), ("translated", "Speak")),
    _e("Play", ("translated", "stream"), ("translated", "Play")),
    _e("Pause", ("translated", "wait"), ("translated", "Wait")),
    _e(
        "Gather",
        ("changed", "input (result posted as JSON to eventUrl)"),
        ("translated", "GetDigits / GetInput"),
    ),
    _e("Dial", ("changed", "connect (one endpoint)"), ("translated", "Dial")),
    _e("Number", ("translated", "connect phone endpoint"), ("translated", "Dial Number")),
    _e("Sip", ("translated", "connect sip endpoint"), ("translated", "Dial User")),
    _e("Uri", ("changed", "first SIP URI"), ("changed", "first SIP URI")),
    _e("Headers", ("translated", "sip endpoint headers"), ("translated", "User sipHeaders")),
    _e("Header", ("translated", "sip endpoint headers"), ("translated", "User sipHeaders")),
    _e("Client", LOST, LOST),
    _e("Identity", LOST, LOST),
    _e("Conference", ("translated", "conversation"), ("translated", "Conference")),
    _e("Queue", LOST, LOST),
    _e("Sim", LOST, LOST),
    _e("Application", LOST, LOST),
    _e("ApplicationSid", LOST, LOST),
    _e("WhatsApp", LOST, LOST),
    _e("Record", ("changed", "record"), ("translated", "Record")),
    _e("Recording", ("translated", "record (background)"), ("translated", "Record recordSession")),
    _e("Hangup", ("translated", "end of the NCCO"), ("translated", "Hangup")),
    _e("Reject", LOST, ("translated", "Hangup reason")),
    _e("Redirect", ("changed", "notify"), ("translated", "Redirect")),
    _e("Sms", LOST, ("translated", "Message")),
    _e("Message", LOST, ("translated", "Message")),
    _e("Body", LOST, ("translated", "Message text")),
    _e("Media", LOST, LOST),
    _e("Enqueue", LOST, LOST),
    _e("Task", LOST, LOST),
    _e("Leave", LOST, LOST),
    _e(
        "Connect", ("changed", "connect websocket (for Stream)"), ("changed", "Stream (for Stream)")
    ),
    _e("Start", LOST, ("changed", "Stream / Record (for Stream, Recording)")),
    _e("Stream", ("changed", "connect websocket (Connect only)"), ("changed", "Stream")),
    _e(
        "Parameter",
        ("changed", "websocket headers (Stream only)"),
        ("changed", "Stream extraHeaders (Stream only)"),
    ),
    _e("Stop", LOST, LOST),
    _e("Siprec", LOST, LOST),
    _e("Transcription", LOST, LOST),
    _e("Config", LOST, LOST),
    _e("Pay", LOST, LOST),
    _e("Prompt", LOST, LOST),
    _e("Refer", LOST, LOST),
    _e("Echo", LOST, LOST),
    _e("Room", LOST, LOST),
    _e("Autopilot", LOST, LOST),
    _e("VirtualAgent", LOST, LOST),
    _e("Conversation", LOST, LOST),
    _e("ConversationRelay", LOST, LOST),
    _e("ConversationRelaySession", LOST, LOST),
    _e("AiSession", LOST, LOST),
    _e("Language", LOST, LOST),
)

BY_ELEMENT: dict[str, Entry] = {entry.element: entry for entry in TWIML_ELEMENTS}

# SSML tags are carried inside <Say>/<Speak>/talk text rather than translated as verbs.
SSML_TAGS = ("break", "emphasis", "lang", "p", "phoneme", "prosody", "s", "say-as", "sub", "w")


@dataclass(frozen=True)
class Help:
    why: str
    fix: str


# Why a verb has no equivalent, and what the admin can do instead. Keys are TwiML verb names, or
# "Parent/Child" for nouns of Connect, Start and Stop, or NCCO/Plivo names prefixed by their format.
UNSUPPORTED: dict[str, Help] = {
    "Pay": Help(
        "card payments by keypad (PCI-scoped <Pay>) exist only on Twilio",
        "use a PCI-compliant payment IVR from a payment provider, or keep this flow on Twilio "
        "until it is rebuilt",
    ),
    "Prompt": Help(
        "<Prompt> only configures Twilio's <Pay> verb",
        "rebuild the payment prompts with the payment provider that replaces <Pay>",
    ),
    "Refer": Help(
        "SIP REFER transfers are a Twilio SIP feature",
        "transfer the call with the target's REST API (Vonage: transfer with a new NCCO; "
        "Plivo: the Transfer call API)",
    ),
    "Echo": Help(
        "<Echo> is a Twilio test verb that plays the caller's audio back",
        "nothing to rebuild unless it is used for audio tests",
    ),
    "Enqueue": Help(
        "call queues (<Enqueue>, <Dial><Queue>, <Leave>) are a Twilio feature",
        "hold each caller in their own conference/conversation with hold music and have agents "
        "join it (Vonage conversation, Plivo Conference or MultiPartyCall), driven by your server",
    ),
    "Leave": Help(
        "<Leave> takes a caller out of a Twilio queue; the target has no queues",
        "end the hold conference for that caller from your server instead",
    ),
    "Queue": Help(
        "dialling a Twilio queue to take its first caller has no equivalent",
        "have the agent join the waiting caller's conference/conversation by name",
    ),
    "Stop": Help(
        "<Stop> ends a stream, SIPREC session or transcription started with <Start>",
        "stop the stream with the target's REST API (Vonage: hang up the websocket leg; "
        "Plivo: the Stream API)",
    ),
    "Start/Siprec": Help(
        "SIPREC recording to a third-party recorder is a Twilio feature",
        "record with the target's recording features, or fork the audio to the recorder with "
        "a media stream",
    ),
    "Start/Transcription": Help(
        "real-time transcription of the call is a Twilio feature",
        "stream the audio to a speech-to-text service with a media stream",
    ),
    "Start": Help(
        "<Start> has nothing the target can run",
        "rebuild what it started with the target's REST API",
    ),
    "Connect": Help(
        "<Connect> has nothing the target can run",
        "rebuild the connection with the target's REST API",
    ),
    "Connect/Room": Help(
        "Twilio Video rooms do not exist on the target",
        "connect the caller to the target's video product through its own SDK",
    ),
    "Connect/Autopilot": Help(
        "Twilio Autopilot bots (retired) do not exist on the target",
        "connect the call to a bot over a media stream, or rebuild the bot",
    ),
    "Connect/VirtualAgent": Help(
        "Dialogflow CX virtual agents connected by Twilio have no target equivalent",
        "connect the bot through a media stream (Vonage websocket, Plivo Stream)",
    ),
    "Connect/ConversationRelay": Help(
        "ConversationRelay (Twilio's AI voice agent bridge) has no target equivalent",
        "rebuild the agent on a media stream (Vonage websocket, Plivo Stream) with your own "
        "speech recognition and text-to-speech",
    ),
    "Connect/ConversationRelaySession": Help(
        "ConversationRelay sessions exist only on Twilio",
        "rebuild the agent on a media stream with your own speech services",
    ),
    "Connect/AiSession": Help(
        "Twilio AI sessions exist only on Twilio",
        "rebuild the agent on a media stream with your own AI services",
    ),
    "Connect/Conversation": Help(
        "Twilio Conversations (Flex) routing exists only on Twilio",
        "route the call with your contact-centre software on the target",
    ),
    "Sim": Help(
        "dialling a Twilio Programmable Wireless SIM exists only on Twilio",
        "call the SIM's phone number instead",
    ),
    "Application": Help(
        "dialling another TwiML App exists only on Twilio",
        "dial the number or SIP address that app answers instead",
    ),
    "WhatsApp": Help(
        "WhatsApp voice calls from <Dial> exist only on Twilio",
        "use the target's WhatsApp calling product, if it has one",
    ),
    "Client": Help(
        "Twilio Client identities are Twilio users",
        "create the user on the target (Vonage: a user for the Client SDK, dialled with a "
        "connect action and an app endpoint; Plivo: an endpoint, dialled with <User> and its "
        "SIP URI)",
    ),
    "ncco/transfer": Help(
        "transfer moves the call into another Vonage conversation by id; no other vendor has "
        "conversation ids",
        "join the caller to a named conference instead",
    ),
    "ncco/vbc": Help(
        "Vonage Business Communications extensions exist only on Vonage",
        "dial the extension's phone number or SIP address",
    ),
    "plivo/MultiPartyCall": Help(
        "Plivo multi-party calls (agent/customer/supervisor roles) have no TwiML or NCCO verb",
        "use a conference (TwiML <Conference>, NCCO conversation) and manage roles from your "
        "server",
    ),
}


def help_for(key: str) -> Help:
    return UNSUPPORTED.get(
        key,
        Help(
            f"<{key}> has no equivalent in the target format",
            "rebuild this step by hand with the target's own features",
        ),
    )
