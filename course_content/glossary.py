"""A course's glossary (``glossary.yaml``): every Norwegian term once, translated once.

Lessons' vocabulary blocks name the glossary terms they teach; the loader resolves each name into a
full :class:`~course_content.blocks.VocabularyEntry` (explanation, translations, picture, review
status, safety flag), so every face reads the glossary's translation. A lesson item may give its
own ``explanation`` (lesson-specific wording) and may override single ``translations``,
``review`` statuses or the ``picture``: that is how a municipality's local edit of one lesson
survives an export (see :mod:`course_content.glossary_writer`).

A lesson item whose term is not in the glossary must carry the whole entry itself (that is how
courses without a glossary, such as release 0.1.0's, still load); the lint reports such terms for
shipped courses. An item with its explanation and every translation is such a whole entry and is
taken as written, glossary or not: a lesson file kept from an older release reads as it did.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, ValidationError

from .base import LANGUAGES, ContentModel
from .blocks import VocabularyEntry
from .errors import ContentProblem
from .validation import problems_from_error
from .yaml_source import YamlDocument, read_yaml

GLOSSARY_FILE = "glossary.yaml"
_UNKNOWN = dict.fromkeys(LANGUAGES, "?")


class Glossary(ContentModel):
    """What ``glossary.yaml`` holds: a list of entries, each Norwegian term once.

    ``review`` on an entry names only the languages whose status differs from the course's
    (``translations`` in course.yaml); ``safety: true`` marks chemicals, allergens and emergencies.
    """

    entries: list[VocabularyEntry] = Field(default_factory=list)

    def by_term(self) -> dict[str, VocabularyEntry]:
        return {entry.term: entry for entry in self.entries}


def glossary_path(root: Path) -> Path:
    return Path(root) / GLOSSARY_FILE


def load_glossary(root: Path, problems: list[ContentProblem]) -> Glossary | None:
    """The glossary of the course in ``root``, or ``None`` if it has none or it has errors."""
    file = glossary_path(root)
    if not file.is_file():
        return None
    doc = read_yaml(file)
    problems.extend(doc.problems)
    if doc.data is None:
        if not doc.problems:
            problems.append(ContentProblem(file, 1, None, "the file is empty: list the glossary entries, or remove it"))
        return None
    if not isinstance(doc.data, list):
        problems.append(
            ContentProblem(file, doc.line_of(()), None, "a glossary is a list of entries (`- term: …`), one per term")
        )
        return None
    # Validate as ``{"entries": [...]}`` with the line map shifted to match, so errors keep file:line.
    wrapped = YamlDocument(
        file, {"entries": doc.data}, {("entries", *loc): line for loc, line in doc.lines.items()}, []
    )
    try:
        glossary = Glossary.model_validate(wrapped.data)
    except ValidationError as exc:
        problems.extend(
            ContentProblem(p.path, p.line, (p.field or "").removeprefix("entries"), p.message)
            for p in problems_from_error(exc, wrapped)
        )
        return None
    first_line: dict[str, int | None] = {}
    for index, entry in enumerate(glossary.entries):
        line = doc.line_of((index,))
        key = entry.term.casefold()
        if key in first_line:
            problems.append(
                ContentProblem(
                    file,
                    line,
                    f"[{index}].term",
                    f"'{entry.term}' is defined twice (first at line {first_line[key]}): keep one entry per term",
                )
            )
        first_line.setdefault(key, line)
    # With a term defined twice the first entry wins, so lessons still resolve (the course has an error).
    return Glossary(entries=list({entry.term: entry for entry in reversed(glossary.entries)}.values())[::-1])


def resolve_vocabulary(
    doc: YamlDocument, glossary: Glossary | None, course_review: dict[str, str], problems: list[ContentProblem]
) -> YamlDocument:
    """``doc`` (a lesson file) with each vocabulary item completed from ``glossary``.

    Lesson values win over the glossary's; ``translations`` and ``review`` merge per language.
    ``course_review`` (course.yaml's ``translations``) is the review status of every language an
    entry does not name. Only the data changes, so validation errors keep the lesson's lines.
    """
    if not isinstance(doc.data, dict) or not isinstance(doc.data.get("blocks"), list):
        return doc
    terms = glossary.by_term() if glossary is not None else {}
    # New containers down to each vocabulary block's entries (the only things replaced below), so
    # ``doc.data`` stays as read without copying the whole lesson.
    data = {**doc.data, "blocks": list(doc.data["blocks"])}
    for b_index, block in enumerate(data["blocks"]):
        if not (
            isinstance(block, dict) and block.get("type") == "vocabulary" and isinstance(block.get("entries"), list)
        ):
            continue
        block = data["blocks"][b_index] = {**block, "entries": list(block["entries"])}
        for e_index, item in enumerate(block["entries"]):
            if not isinstance(item, dict) or not isinstance(item.get("term"), str):
                continue  # the schema reports it
            known = None if _complete(item) else terms.get(item["term"].strip())
            if known is None:
                if "explanation" not in item or "translations" not in item:
                    if glossary is None and glossary_path(doc.path.parent.parent).is_file():
                        # The glossary failed to load and has reported why; say nothing more here.
                        block["entries"][e_index] = _stand_in(item)
                        continue
                    problems.append(
                        ContentProblem(
                            doc.path,
                            doc.line_of(("blocks", b_index, "entries", e_index)),
                            f"blocks[{b_index}].entries[{e_index}].term",
                            f"'{item['term']}' is not in {GLOSSARY_FILE}: add it there "
                            "(or give its explanation and translations here)",
                        )
                    )
                    block["entries"][e_index] = _stand_in(item)
                    continue
                base = {}
            else:
                base = known.model_dump(mode="json", exclude_defaults=True)
            block["entries"][e_index] = _merged(base, item, course_review)
    return YamlDocument(doc.path, data, doc.lines, doc.problems)


def _complete(item: dict) -> bool:
    """A lesson item with its explanation and every translation stands as written (older content)."""
    translations = item.get("translations")
    return "explanation" in item and isinstance(translations, dict) and all(code in translations for code in LANGUAGES)


def _stand_in(item: dict) -> dict:
    """A complete entry in place of one already reported, so the schema adds no "required field" noise."""
    return {"term": item["term"], "explanation": "?", "translations": _UNKNOWN}


def _merged(base: dict, item: dict, course_review: dict[str, str]) -> dict:
    merged = {**base, **item}
    for key in ("translations", "review"):
        if isinstance(item.get(key), dict) and key in base:
            merged[key] = {**base[key], **item[key]}
    review = merged.get("review", {})
    if isinstance(review, dict):
        merged["review"] = {**course_review, **review}
    return merged
