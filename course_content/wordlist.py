"""One set of words across the courses: the word list and the lint rule that checks it.

``common/wordlist.yaml`` names, for each word that varied between the courses, the word to use
and the words not to use (e.g. *kjølekjede*, not *kuldekjede*; *uka*, not *uken*). The lint
fails with file and field when the participant text of a lesson or a form uses one of the
words not to use. Teacher notes are not checked: they are for the teacher only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pydantic import Field

from .base import ContentModel, NonEmptyStr
from .errors import ContentError, ContentProblem
from .validation import validate_document
from .yaml_source import read_yaml

WORDLIST_FILE = Path(__file__).resolve().parent / "common" / "wordlist.yaml"
#: Keys whose text is not Norwegian participant text (ids, file names, other languages).
SKIPPED_KEYS = frozenset({"id", "type", "kind", "src", "picture", "url", "translations", "answer", "correct"})
#: Blocks participants never see.
SKIPPED_BLOCKS = frozenset({"teacher_note"})


class WordEntry(ContentModel):
    use: NonEmptyStr = Field(description="The word to use")
    avoid: list[NonEmptyStr] = Field(alias="not", min_length=1, description="Words not to use instead (whole words)")


class WordList(ContentModel):
    words: list[WordEntry] = Field(min_length=1)


@dataclass(frozen=True)
class Wording:
    """The word list ready for matching: each word not to use → the word to use."""

    replacements: dict[str, str]

    def __post_init__(self) -> None:
        object.__setattr__(self, "_regex", _pattern(tuple(sorted(self.replacements, key=len, reverse=True))))

    def findings(self, text: str) -> list[tuple[str, str]]:
        """``(word found, word to use)`` for each word of ``text`` on the "not" list."""
        return [(match.group(0), self.replacements[match.group(0).lower()]) for match in self._regex.finditer(text)]


@cache
def _pattern(words: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, words)) + r")(?![\w-])", re.IGNORECASE)


def load_wordlist(path: Path = WORDLIST_FILE) -> Wording:
    """The word list at ``path``; a :class:`ContentError` with file and line when it is malformed."""
    problems: list[ContentProblem] = []
    doc = read_yaml(path)
    wordlist = validate_document(WordList, doc, problems)
    if wordlist is None:
        raise ContentError(problems)
    replacements: dict[str, str] = {}
    for number, entry in enumerate(wordlist.words):
        for word in entry.avoid:
            key = word.lower()
            if key in replacements or key == entry.use.lower():
                line = doc.line_of(("words", number, "not"))
                raise ContentError([ContentProblem(path, line, f"words[{number}].not", f"'{word}' is listed twice")])
            replacements[key] = entry.use
    return Wording(replacements)


def participant_strings(data, path: str = "") -> Iterator[tuple[str, str]]:
    """``(field path, text)`` of every participant-facing string in dumped content ``data``."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        if data.get("type") in SKIPPED_BLOCKS:
            return
        for key, value in data.items():
            if key not in SKIPPED_KEYS:
                yield from participant_strings(value, f"{path}.{key}" if path else key)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from participant_strings(value, f"{path}[{index}]")


def check_wording(data, file: Path, wording: Wording) -> list[ContentProblem]:
    """A problem, with ``file`` and field path, for each word of the "not" list in ``data``."""
    problems = []
    for field, text in participant_strings(data):
        for found, use in wording.findings(text):
            problems.append(ContentProblem(file, None, field, f"'{found}': use '{use}' (common/wordlist.yaml)"))
    return problems


def lint_wording(course, wording: Wording | None = None) -> list[ContentProblem]:
    """Words from the "not" list in the participant text of ``course``'s lessons and forms."""
    wording = wording or load_wordlist()
    root = Path(course.root) if course.root is not None else Path(course.slug)
    problems: list[ContentProblem] = []
    for lesson in course.ordered_lessons():
        problems.extend(check_wording(lesson.model_dump(mode="json"), root / "lessons" / f"{lesson.id}.yaml", wording))
    for form in course.forms.values():
        problems.extend(check_wording(form.model_dump(mode="json"), form_file(root, form.id), wording))
    return problems


def form_file(root: Path, form_id: str) -> Path:
    """The file form ``form_id`` of the course at ``root`` comes from: its own, else the common one."""
    from .loader import COMMON_DIR

    own = root / "forms" / f"{form_id}.yaml"
    return own if own.is_file() else COMMON_DIR / "forms" / f"{form_id}.yaml"
