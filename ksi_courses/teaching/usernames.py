"""Usernames from participants' names, in plain ASCII whatever script the name is written in.

“Amina Hassan” → ``amina.hassan``, “Олена Коваль” → ``olena.koval``, “Ірина Гнатюк” →
``iryna.hnatiuk``, “أمينة حسن” → ``amina.hsn``. Two small tables of our own cover the scripts most
participants write their names in, as the names are usually spelt in Latin letters:

- Ukrainian (when the name has one of і ї є ґ) by Ukraine's official romanisation of 2010
  (г → h, и → y, ю → iu/yu), so the username looks like the name in the participant's passport;
- Arabic and Dari letters by a simple letter table: long vowels ا و ي become a u i (و ي at the
  start of a word w y); the short vowels are not written in Arabic script, so “حسن” gives ``hsn``.

Every other script (Russian and other Cyrillic, Tigrinya, Somali in Latin letters with accents,
…) goes through ``anyascii``, a maintained transliteration table that Wagtail already depends on.
A name with nothing left (emoji only) gives ``deltaker``; equal names are numbered by the caller.
"""

from __future__ import annotations

import re
import unicodedata

from anyascii import anyascii

#: The fallback when a name gives no letters at all.
NEUTRAL_NAME = "deltaker"
_PART_LENGTH = 15

_NORWEGIAN = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "ae", "Ø": "o", "Å": "a", "ß": "ss"})

_UKRAINIAN_MARKERS = set("іїєґІЇЄҐ")
#: Ukrainian national romanisation (2010): letter → (at the start of a word, elsewhere).
_UKRAINIAN = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": ("ye", "ie"),
    "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": ("yi", "i"), "й": ("y", "i"), "к": "k", "л": "l",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f",
    "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": ("yu", "iu"),
    "я": ("ya", "ia"), "'": "", "’": "", "ʼ": "",
}  # fmt: skip

#: Arabic script (Arabic and Dari letters): letter → (at the start of a word, elsewhere).
_ARABIC = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ٱ": "a", "ب": "b", "پ": "p", "ت": "t", "ث": "th",
    "ج": "j", "چ": "ch", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z", "ژ": "zh",
    "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "a", "غ": "gh", "ف": "f",
    "ق": "q", "ك": "k", "ک": "k", "گ": "g", "ل": "l", "م": "m", "ن": "n", "ه": "h", "ة": "a",
    "ۀ": "a", "و": ("w", "u"), "ي": ("y", "i"), "ی": ("y", "i"), "ى": "a", "ء": "", "ئ": "",
    "ؤ": "", "ـ": "",
    # short vowels, where they are written
    "\u064e": "a", "\u0650": "i", "\u064f": "u",
}  # fmt: skip


def username_base(first_name: str, last_name: str) -> str:
    """``amina.hassan`` for “Amina Hassan”: ASCII, lower case, first given name and last surname."""
    table = _UKRAINIAN if _UKRAINIAN_MARKERS & set(first_name + last_name) else None
    first = ascii_word((first_name.split() or [""])[0], table)
    last = ascii_word((last_name.split() or [""])[-1], table)
    return ".".join(part for part in (first[:_PART_LENGTH], last[:_PART_LENGTH]) if part) or NEUTRAL_NAME


def ascii_word(word: str, cyrillic_table: dict | None = None) -> str:
    """One word of a name as lower-case ASCII letters and digits (nothing else)."""
    word = unicodedata.normalize("NFC", word).translate(_NORWEGIAN).lower()
    word = _by_table(word, _ARABIC)
    if cyrillic_table is not None:
        word = _by_table(word.replace("зг", "zgh"), cyrillic_table)  # zgh: not to be read as ж
    letters = "".join(char for char in word if unicodedata.category(char)[0] in "LMN")  # no emoji names
    return re.sub(r"[^a-z0-9]", "", anyascii(letters).lower())


def _by_table(word: str, table: dict) -> str:
    out = []
    for index, char in enumerate(word):
        spelling = table.get(char)
        if spelling is None:
            out.append(char)
        elif isinstance(spelling, tuple):
            out.append(spelling[0] if index == 0 else spelling[1])
        else:
            out.append(spelling)
    return "".join(out)
