"""Listening (issue 19): the settings and texts of ``listen.js``, which reads Norwegian text aloud
with the browser's own speech synthesis (no external service; nothing leaves the phone)."""

from __future__ import annotations

from django.utils.translation import gettext as _

#: Voices to read with, best first; a voice whose language starts with one of the prefixes after
#: them is the last resort. Without any, the page says so instead of reading Norwegian with a
#: foreign voice.
VOICE_LANGUAGES = ("nb-NO", "no-NO", "nn-NO")
VOICE_PREFIXES = ("nb", "no", "nn")
#: A little slower than the voice's default: the participants are learning the language.
RATE = 0.9


def listen_config() -> dict:
    """What ``listen.js`` needs, as JSON in the page."""
    return {
        "languages": list(VOICE_LANGUAGES),
        "prefixes": list(VOICE_PREFIXES),
        "rate": RATE,
        "texts": {
            "listen": _("Listen"),
            # %s: the word, or the start of the text, that the button reads
            "name": _("Listen: %s"),
            "noVoice": _(
                "This phone or computer has no Norwegian voice. Add Norwegian in the settings for text to speech, then try again."
            ),
        },
    }
