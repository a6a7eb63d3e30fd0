"""Text-to-speech voices and languages across TwiML, NCCO and Plivo XML.

TwiML names voices (man, woman, alice, Polly.Joanna, Google.en-GB-Standard-A); Plivo names a few
(MAN, WOMAN, Polly.<name> from a fixed list); Vonage picks a voice from `language` plus a numbered
`style` and has no voice names at all (the old `voiceName` is deprecated). Every choice that
changes the voice a caller hears is returned with a reason for the report.
"""

from __future__ import annotations

from dataclasses import dataclass

# Amazon Polly voices: name -> (language, gender). Source: the Polly voice list, as used by
# Twilio's Polly.<name> voices and Plivo's Polly.<name> voices.
POLLY: dict[str, tuple[str, str]] = {
    "Joanna": ("en-US", "female"),
    "Salli": ("en-US", "female"),
    "Kimberly": ("en-US", "female"),
    "Kendra": ("en-US", "female"),
    "Ivy": ("en-US", "female"),
    "Matthew": ("en-US", "male"),
    "Justin": ("en-US", "male"),
    "Joey": ("en-US", "male"),
    "Amy": ("en-GB", "female"),
    "Emma": ("en-GB", "female"),
    "Brian": ("en-GB", "male"),
    "Nicole": ("en-AU", "female"),
    "Russell": ("en-AU", "male"),
    "Aditi": ("en-IN", "female"),
    "Raveena": ("en-IN", "female"),
    "Geraint": ("en-GB-WLS", "male"),
    "Gwyneth": ("cy-GB", "female"),
    "Celine": ("fr-FR", "female"),
    "Lea": ("fr-FR", "female"),
    "Mathieu": ("fr-FR", "male"),
    "Chantal": ("fr-CA", "female"),
    "Marlene": ("de-DE", "female"),
    "Vicki": ("de-DE", "female"),
    "Hans": ("de-DE", "male"),
    "Conchita": ("es-ES", "female"),
    "Lucia": ("es-ES", "female"),
    "Enrique": ("es-ES", "male"),
    "Penelope": ("es-US", "female"),
    "Lupe": ("es-US", "female"),
    "Miguel": ("es-US", "male"),
    "Mia": ("es-MX", "female"),
    "Carla": ("it-IT", "female"),
    "Bianca": ("it-IT", "female"),
    "Giorgio": ("it-IT", "male"),
    "Mizuki": ("ja-JP", "female"),
    "Takumi": ("ja-JP", "male"),
    "Seoyeon": ("ko-KR", "female"),
    "Zhiyu": ("cmn-CN", "female"),
    "Liv": ("nb-NO", "female"),
    "Naja": ("da-DK", "female"),
    "Mads": ("da-DK", "male"),
    "Lotte": ("nl-NL", "female"),
    "Ruben": ("nl-NL", "male"),
    "Ewa": ("pl-PL", "female"),
    "Maja": ("pl-PL", "female"),
    "Jacek": ("pl-PL", "male"),
    "Jan": ("pl-PL", "male"),
    "Ines": ("pt-PT", "female"),
    "Cristiano": ("pt-PT", "male"),
    "Vitoria": ("pt-BR", "female"),
    "Camila": ("pt-BR", "female"),
    "Ricardo": ("pt-BR", "male"),
    "Carmen": ("ro-RO", "female"),
    "Tatyana": ("ru-RU", "female"),
    "Maxim": ("ru-RU", "male"),
    "Astrid": ("sv-SE", "female"),
    "Filiz": ("tr-TR", "female"),
    "Dora": ("is-IS", "female"),
    "Karl": ("is-IS", "male"),
    "Zeina": ("ar", "female"),
}

# The Polly voices Plivo's <Speak> accepts (plivo-ruby Plivo::XML::Speak::SUPPORTED_VOICES).
PLIVO_POLLY: frozenset[str] = frozenset(
    [
        "Nicole",
        "Russell",
        "Vitoria",
        "Ricardo",
        "Chantal",
        "Naja",
        "Mads",
        "Lotte",
        "Ruben",
        "Lea",
        "Celine",
        "Mathieu",
        "Vicki",
        "Marlene",
        "Hans",
        "Aditi",
        "Dora",
        "Karl",
        "Raveena",
        "Carla",
        "Giorgio",
        "Mizuki",
        "Takumi",
        "Seoyeon",
        "Zhiyu",
        "Liv",
        "Ewa",
        "Maja",
        "Jacek",
        "Jan",
        "Ines",
        "Cristiano",
        "Carmen",
        "Tatyana",
        "Maxim",
        "Conchita",
        "Enrique",
        "Astrid",
        "Filiz",
        "Amy",
        "Emma",
        "Brian",
        "Joanna",
        "Matthew",
        "Salli",
        "Justin",
        "Kendra",
        "Joey",
        "Kimberly",
        "Ivy",
        "Penelope",
        "Miguel",
        "Gwyneth",
        "Geraint",
        "Zeina",
        "Mia",
    ]
)

# Languages Twilio's basic man/woman voices speak (TwiML <Say> docs).
TWILIO_BASIC_LANGUAGES = frozenset({"en-US", "en-GB", "es-ES", "fr-FR", "de-DE"})

# Language codes that differ between Twilio/Polly and Vonage.
VONAGE_LANGUAGE_ALIASES: dict[str, str] = {
    "zh-CN": "cmn-CN",
    "zh-TW": "cmn-TW",
    "zh-HK": "yue-CN",
    "no-NO": "nb-NO",
    "nb-NO": "nb-NO",
    "arb": "ar",
    "ar-AE": "ar",
    "ar-SA": "ar",
    "en-UK": "en-GB",
}

DEFAULT_LANGUAGE = "en-US"


@dataclass(frozen=True)
class VoiceChoice:
    """The voice and language to write, and why it differs from the source (if it does)."""

    voice: str | None = None
    language: str | None = None
    change: str = ""


@dataclass(frozen=True)
class SourceVoice:
    """A source voice reduced to what every vendor understands."""

    original: str | None
    polly: str | None
    gender: str | None
    language: str | None
    premium: bool = False


def read_twiml(voice: str | None, language: str | None) -> SourceVoice:
    if voice is None:
        return SourceVoice(None, None, None, language)
    lowered = voice.lower()
    if lowered in ("man", "woman"):
        return SourceVoice(voice, None, "male" if lowered == "man" else "female", language)
    if lowered == "alice":
        return SourceVoice(voice, None, "female", language)
    if lowered.startswith("polly."):
        name, _, variant = voice[6:].partition("-")
        if name in POLLY:
            polly_language, gender = POLLY[name]
            return SourceVoice(voice, name, gender, polly_language, premium=bool(variant))
        return SourceVoice(voice, None, None, language, premium=bool(variant))
    if lowered.startswith("google."):
        parts = voice[7:].split("-")
        google_language = "-".join(parts[:2]) if len(parts) >= 2 else language
        return SourceVoice(voice, None, None, google_language, premium=True)
    return SourceVoice(voice, None, None, language)


def read_plivo(voice: str | None, language: str | None) -> SourceVoice:
    if voice and voice.upper() in ("MAN", "WOMAN"):
        return SourceVoice(voice, None, "male" if voice.upper() == "MAN" else "female", language)
    return read_twiml(voice, language)


def read_ncco(language: str | None, voice_name: str | None) -> SourceVoice:
    """Vonage's language (its numbered style is reported on its own) or legacy voiceName."""
    if voice_name and voice_name in POLLY:
        polly_language, gender = POLLY[voice_name]
        return SourceVoice(voice_name, voice_name, gender, polly_language)
    return SourceVoice(None, None, None, language)


def default_polly(language: str | None, gender: str | None = None, *, plivo: bool = False) -> str:
    """A Polly voice for a language (female first unless a gender is asked for)."""
    wanted = language or DEFAULT_LANGUAGE
    candidates = [
        name
        for name, (lang, _) in POLLY.items()
        if lang.lower() == wanted.lower() and (not plivo or name in PLIVO_POLLY)
    ]
    if gender:
        preferred = [name for name in candidates if POLLY[name][1] == gender]
        candidates = preferred or candidates
    return candidates[0] if candidates else "Joanna"


def vonage_language(language: str | None, known: frozenset[str]) -> str | None:
    if language is None:
        return None
    code = VONAGE_LANGUAGE_ALIASES.get(language, language)
    for candidate in known:
        if candidate.lower() == code.lower():
            return candidate
    return None


def to_vonage(source: SourceVoice, known_languages: frozenset[str]) -> VoiceChoice:
    """Vonage has languages and styles, never voice names."""
    language = vonage_language(source.language, known_languages)
    changes = []
    if source.language and language is None:
        changes.append(
            f"Vonage text-to-speech has no language '{source.language}'; the default en-US is used"
        )
    if source.original:
        changes.append(
            f"Vonage chooses voices by language and numbered style, so '{source.original}' "
            "becomes style 0 of the language"
        )
    return VoiceChoice(None, language, "; ".join(changes))


def to_plivo(source: SourceVoice, *, needs_ssml: bool) -> VoiceChoice:
    """Plivo has MAN, WOMAN and a fixed list of Polly voices; SSML works only with Polly."""
    if source.polly and source.polly in PLIVO_POLLY:
        change = ""
        if source.premium:
            change = f"Plivo offers '{source.polly}' only as a standard Polly voice"
        return VoiceChoice(f"Polly.{source.polly}", source.language, change)
    if needs_ssml:
        name = default_polly(source.language, source.gender, plivo=True)
        why = "Plivo applies SSML only with Polly voices"
        if source.original:
            why = f"'{source.original}' is not a Plivo Polly voice and {why}"
        return VoiceChoice(f"Polly.{name}", POLLY[name][0], f"{why}; Polly.{name} is used")
    if source.gender:
        voice = "MAN" if source.gender == "male" else "WOMAN"
        change = ""
        if source.original and source.original.upper() not in ("MAN", "WOMAN"):
            change = f"Plivo has no voice '{source.original}'; its basic {voice} voice is used"
        return VoiceChoice(voice, source.language, change)
    if source.original:
        return VoiceChoice(
            "WOMAN",
            source.language,
            f"Plivo has no voice '{source.original}'; its basic WOMAN voice is used",
        )
    return VoiceChoice(None, source.language, "")


def to_twiml(source: SourceVoice) -> VoiceChoice:
    """Twilio takes Polly names as they are; man/woman only speak a few languages."""
    if source.polly:
        return VoiceChoice(f"Polly.{source.polly}", None, "")
    if source.gender:
        voice = "man" if source.gender == "male" else "woman"
        if source.language is None or source.language in TWILIO_BASIC_LANGUAGES:
            return VoiceChoice(voice, source.language, "")
        name = default_polly(source.language, source.gender)
        return VoiceChoice(
            f"Polly.{name}",
            None,
            f"Twilio's basic {voice} voice does not speak {source.language}; Polly.{name} is used",
        )
    if source.language and source.language not in TWILIO_BASIC_LANGUAGES:
        name = default_polly(source.language)
        change = f"Polly.{name} speaks {source.language} on Twilio"
        if source.original:
            change = f"'{source.original}' has no Twilio name; {change}"
        return VoiceChoice(f"Polly.{name}", None, change)
    change = f"'{source.original}' has no Twilio name; the default voice is used"
    return VoiceChoice(None, source.language, change if source.original else "")
