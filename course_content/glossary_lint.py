"""The glossary lint: every lesson term is in the glossary, and translations are in the right script.

Checks ``glossary.yaml`` and the lesson items that override a translation, each problem with
file:line. The script rules catch the errors machine translation leaves behind: Norwegian left
untranslated, Latin letters in Tigrinya or Dari, Arabic letters in Somali, and the Arabic forms
of yeh and kaf (ي ك) where Dari writes ی ک.
"""

from __future__ import annotations

import re
from pathlib import Path

from .blocks import VocabularyBlock
from .errors import ContentProblem
from .glossary import GLOSSARY_FILE, glossary_path
from .models import Course
from .yaml_source import read_yaml

#: Words spelt the same in Norwegian and a translation language (mostly English), and acronyms.
SAME_AS_NORWEGIAN = frozenset(
    {
        "alarm", "allergen", "batch", "gluten", "gram", "hygiene", "planogram", "register", "safe",
        "standard", "status", "virus", "cv", "haccp", "fefo", "fifo", "hms", "ph",
    }
)  # fmt: skip
#: Latin-letter words allowed in Tigrinya and Dari translations: acronyms and names printed on
#: labels, forms and machines, which participants meet in Latin letters at work.
LATIN_ALLOWED = frozenset(
    {"ATP", "CV", "EAN", "FEFO", "FIFO", "HACCP", "HMS", "IK-mat", "PIN", "PLU", "SJA", "pH", "°C"}
)
LATIN_SCRIPT_CHECKED = ("ti", "prs")
_LATIN_WORD = re.compile(r"°?[A-Za-z]+(?:-[A-Za-z]+)*")
_ARABIC_LETTER = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_ARABIC_YEH_KAF = re.compile(r"[\u064a\u0643]")  # ي ك; Dari writes ی ک


def lint_glossary(course: Course) -> list[ContentProblem]:
    """Problems of ``course``'s glossary and of the lessons' vocabulary items, with file:line."""
    root = Path(course.root) if course.root is not None else Path(course.slug)
    problems: list[ContentProblem] = []
    lessons = [lesson for lesson in course.ordered_lessons() if lesson.vocabulary]
    if course.glossary is None:
        if lessons:
            problems.append(
                ContentProblem(
                    glossary_path(root),
                    None,
                    None,
                    f"no {GLOSSARY_FILE}: list every vocabulary term once there, with its translations",
                )
            )
        return problems
    known = course.glossary.by_term()
    used: set[str] = set()
    for lesson in lessons:
        file = root / "lessons" / f"{lesson.id}.yaml"
        doc = None
        for b_index, block in enumerate(lesson.blocks):
            if not isinstance(block, VocabularyBlock):
                continue
            doc = doc or read_yaml(file)
            items = _raw_items(doc.data, b_index)
            for e_index, entry in enumerate(block.entries):
                used.add(entry.term)
                line = doc.line_of(("blocks", b_index, "entries", e_index))
                where = f"blocks[{b_index}].entries[{e_index}]"
                if entry.term not in known:
                    problems.append(
                        ContentProblem(
                            file, line, f"{where}.term", f"'{entry.term}' is not in {GLOSSARY_FILE}: add it there"
                        )
                    )
                overrides = items[e_index].get("translations") if e_index < len(items) else None
                if isinstance(overrides, dict):
                    for code, text in overrides.items():
                        if isinstance(text, str):
                            problems.extend(
                                _check_translation(
                                    entry.term,
                                    code,
                                    text,
                                    file,
                                    doc.line_of(("blocks", b_index, "entries", e_index, "translations", code)),
                                    f"{where}.translations.{code}",
                                )
                            )
    file = glossary_path(root)
    doc = read_yaml(file)
    for index, entry in enumerate(course.glossary.entries):
        for code in ("en", "uk", "ar", "ti", "so", "prs", "ru"):
            problems.extend(
                _check_translation(
                    entry.term,
                    code,
                    entry.translations.get(code),
                    file,
                    doc.line_of((index, "translations", code)),
                    f"[{index}].translations.{code}",
                )
            )
        if entry.term not in used:
            problems.append(
                ContentProblem(
                    file,
                    doc.line_of((index,)),
                    f"[{index}].term",
                    f"'{entry.term}' is taught in no lesson: list it in a vocabulary block, or remove it",
                    "warning",
                )
            )
    return problems


def check_translation(term: str, code: str, text: str) -> str | None:
    """What is wrong with ``text`` as the ``code`` translation of ``term``, or ``None``."""
    if text.strip().casefold() == term.strip().casefold() and term.strip().casefold() not in SAME_AS_NORWEGIAN:
        return "the translation is the Norwegian word itself: translate it"
    if code in LATIN_SCRIPT_CHECKED:
        stray = [word for word in _LATIN_WORD.findall(text) if word not in LATIN_ALLOWED]
        if stray:
            return (
                f"Latin letters in a {'Tigrinya' if code == 'ti' else 'Dari'} translation: {', '.join(stray)} "
                f"(only acronyms such as {', '.join(sorted(LATIN_ALLOWED)[:4])} are kept in Latin letters)"
            )
    if code == "so" and _ARABIC_LETTER.search(text):
        return "Arabic letters in a Somali translation: Somali is written in Latin letters"
    if code == "prs" and _ARABIC_YEH_KAF.search(text):
        return "Arabic ي or ك in a Dari translation: Dari writes ی and ک"
    return None


def _check_translation(term, code, text, file, line, field) -> list[ContentProblem]:
    message = check_translation(term, code, text)
    return [ContentProblem(file, line, field, message)] if message else []


def _raw_items(data, b_index: int) -> list[dict]:
    """The vocabulary items of block ``b_index`` as written in the lesson file."""
    try:
        items = data["blocks"][b_index]["entries"]
    except (KeyError, IndexError, TypeError):
        return []
    return [item if isinstance(item, dict) else {} for item in items] if isinstance(items, list) else []
