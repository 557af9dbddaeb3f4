"""The typed blocks a lesson body is made of; one-to-one with the Wagtail StreamField blocks."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, HttpUrl, ValidationInfo, field_validator, model_validator

from .base import ContentModel, Id, LanguageCode, NonEmptyStr, ReviewStatus, Translations
from .pictures import PictureId, known_picture


def _known_picture_id(value: str | None, info: ValidationInfo) -> str | None:
    """A picture id must name a picture of the library (the error names the nearest ids), or,
    when the validation context gives ``pictures`` (ids a lesson document carries with it), one
    of those."""
    carried = (info.context or {}).get("pictures")
    if value is None:
        return None
    if carried is not None:
        if value not in carried:
            raise ValueError(f"unknown picture '{value}': the lesson does not carry it")
        return value
    return known_picture(value)


class TextBlock(ContentModel):
    """Participant text in Markdown."""

    type: Literal["text"]
    body: NonEmptyStr


class ImageBlock(ContentModel):
    """An image: a file in the course's ``media/`` folder (``src``) or a picture of the picture
    library (``picture``), exactly one of them. Alt text is required either way."""

    type: Literal["image"]
    src: NonEmptyStr | None = Field(
        default=None, description="Path relative to the course folder, e.g. media/hands.svg"
    )
    picture: PictureId | None = None
    alt: NonEmptyStr = Field(description="Text alternative: what the picture shows, for screen readers")
    caption: str = ""
    credit: str = ""

    _known_picture = field_validator("picture")(_known_picture_id)

    @model_validator(mode="after")
    def _src_or_picture(self):
        if self.src and self.picture:
            raise ValueError(
                "an image has either 'src' (a file in the course folder) or 'picture' (a library id), not both"
            )
        if not (self.src or self.picture):
            raise ValueError(
                "an image needs 'src' (a file in the course folder) or 'picture' (an id from the picture library)"
            )
        return self


#: Languages whose translations of safety terms wait for a native speaker's check until marked
#: ``reviewed`` (the translation audit of issue 29 found machine Tigrinya and Somali least reliable).
SAFETY_REVIEW_LANGUAGES: tuple[str, ...] = ("ti", "so")


class VocabularyEntry(ContentModel):
    """A key word with a plain Norwegian explanation and translations into every supported language.

    In a lesson file an entry names a term of the course's ``glossary.yaml``; the loader fills in
    the rest from there (a lesson may give its own ``explanation``, or override single
    translations). ``picture`` (optional) names a picture of the library, shown small beside the word.
    """

    term: NonEmptyStr
    explanation: NonEmptyStr
    translations: Translations
    picture: PictureId | None = None
    review: dict[LanguageCode, ReviewStatus] = Field(
        default_factory=dict,
        description="Review status per language for this entry; a language left out has the course's status",
    )
    safety: bool = Field(
        default=False,
        description="A safety term (chemicals, allergens, emergencies): its Tigrinya and Somali translations "
        "are flagged until a native speaker has reviewed them",
    )

    _known_picture = field_validator("picture")(_known_picture_id)

    def needs_native_review(self, language: str) -> bool:
        """Whether the translation into ``language`` is shown as not yet checked by a native speaker."""
        return needs_native_review(self.safety, self.review.get(language), language)


def needs_native_review(safety: bool, status: str | None, language: str) -> bool:
    """The rule every face shows: a safety term's translation into a language of
    :data:`SAFETY_REVIEW_LANGUAGES` is flagged until its review status is ``reviewed``."""
    return bool(safety) and language in SAFETY_REVIEW_LANGUAGES and status != "reviewed"


class VocabularyBlock(ContentModel):
    """Key words of the lesson."""

    type: Literal["vocabulary"]
    title: str = "Ord og uttrykk"
    entries: list[VocabularyEntry] = Field(min_length=1)


class ChecklistItem(ContentModel):
    id: Id
    text: NonEmptyStr


class ChecklistBlock(ContentModel):
    """Items a participant ticks; the state is saved per participant."""

    type: Literal["checklist"]
    id: Id
    title: NonEmptyStr
    items: list[ChecklistItem] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_item_ids(self):
        _require_unique([item.id for item in self.items], "checklist item id")
        return self


class Choice(ContentModel):
    text: NonEmptyStr
    correct: bool = False


class Question(ContentModel):
    """A quiz question. ``single`` and ``multiple`` have choices; ``true_false`` has an answer."""

    id: Id
    kind: Literal["single", "multiple", "true_false"]
    prompt: NonEmptyStr
    choices: list[Choice] = Field(default_factory=list)
    answer: bool | None = Field(default=None, description="The correct answer of a true_false question")
    explanation: NonEmptyStr

    @model_validator(mode="after")
    def _check_answers(self):
        correct = sum(choice.correct for choice in self.choices)
        if self.kind == "true_false":
            if self.answer is None:
                raise ValueError("a true_false question needs 'answer: true' or 'answer: false'")
            if self.choices:
                raise ValueError("a true_false question has 'answer', not 'choices'")
            return self
        if self.answer is not None:
            raise ValueError(f"a {self.kind} question marks its answers with 'correct: true' on choices, not 'answer'")
        if len(self.choices) < 2:
            raise ValueError(f"a {self.kind} question needs at least 2 choices")
        if correct == 0:
            raise ValueError("no choice is marked 'correct: true'")
        if self.kind == "single" and correct > 1:
            raise ValueError(f"a single-choice question has exactly one correct choice, found {correct}")
        return self

    def correct_choices(self) -> frozenset[int]:
        """Indexes of the correct choices (for true_false: 0 = true, 1 = false)."""
        if self.kind == "true_false":
            return frozenset({0 if self.answer else 1})
        return frozenset(i for i, choice in enumerate(self.choices) if choice.correct)


class QuizBlock(ContentModel):
    """Questions scored on the server, with an explanation for each."""

    type: Literal["quiz"]
    id: Id
    title: NonEmptyStr
    questions: list[Question] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_question_ids(self):
        _require_unique([q.id for q in self.questions], "question id")
        return self


class ExerciseBlock(ContentModel):
    """A practical task, discussion, role play or practice at the workplace."""

    type: Literal["exercise"]
    kind: Literal["task", "discussion", "role_play", "workplace"]
    title: NonEmptyStr
    body: NonEmptyStr
    duration_minutes: int | None = Field(default=None, ge=1, le=240)


class CalloutBlock(ContentModel):
    """A boxed safety or hygiene warning, a tip or a note."""

    type: Literal["callout"]
    kind: Literal["warning", "hygiene", "tip", "info"]
    title: NonEmptyStr
    body: NonEmptyStr


class TimeSlot(ContentModel):
    minutes: int = Field(ge=1, le=240)
    activity: NonEmptyStr


class TeacherNoteBlock(ContentModel):
    """Guidance for the teacher; never shown to participants."""

    type: Literal["teacher_note"]
    body: str = ""
    preparation: str = ""
    materials: list[NonEmptyStr] = Field(default_factory=list)
    time_plan: list[TimeSlot] = Field(default_factory=list)
    adaptation: str = Field(default="", description="How to adapt the lesson for lower language levels")

    @model_validator(mode="after")
    def _not_empty(self):
        if not (self.body or self.preparation or self.materials or self.time_plan or self.adaptation):
            raise ValueError("a teacher note needs at least one of body, preparation, materials, time_plan, adaptation")
        return self


class VideoBlock(ContentModel):
    """A video with a full text alternative. ``url`` is optional: without it the transcript is a
    script the teacher can show, act out or record; no third-party embed is ever loaded."""

    type: Literal["video"]
    url: HttpUrl | None = None
    title: NonEmptyStr
    transcript: NonEmptyStr = Field(description="Text alternative: what is said and shown in the video")


Block = Annotated[
    TextBlock
    | ImageBlock
    | VocabularyBlock
    | ChecklistBlock
    | QuizBlock
    | ExerciseBlock
    | CalloutBlock
    | TeacherNoteBlock
    | VideoBlock,
    Field(discriminator="type"),
]

BLOCK_TYPES: tuple[str, ...] = (
    "text",
    "image",
    "vocabulary",
    "checklist",
    "quiz",
    "exercise",
    "callout",
    "teacher_note",
    "video",
)
PARTICIPANT_TEXT_BLOCKS: tuple[type, ...] = (TextBlock, CalloutBlock, ExerciseBlock)


def _require_unique(ids: list[str], what: str) -> None:
    seen: set[str] = set()
    for value in ids:
        if value in seen:
            raise ValueError(f"duplicate {what} '{value}'")
        seen.add(value)
