"""The course, module and lesson models, and the assembled course the loader returns."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, HttpUrl, PrivateAttr, StringConstraints, field_validator, model_validator

from .base import LANGUAGES, ContentModel, Id, NonEmptyStr, ReviewStatus
from .blocks import (
    PARTICIPANT_TEXT_BLOCKS,
    Block,
    ChecklistBlock,
    QuizBlock,
    TeacherNoteBlock,
    VocabularyBlock,
    VocabularyEntry,
)
from .forms import Form
from .glossary import Glossary
from .logbook import Logbook
from .plan import CoursePlan
from .templates import DocumentTemplate

SEMVER = r"^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$"
#: A stable id as a path: ``lesson``, ``lesson/quiz``, ``lesson/quiz/question``, ``lesson/checklist/item``.
IdPath = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*){0,2}$", max_length=250)]


class Lesson(ContentModel):
    """One teaching session (45–90 minutes): goals and an ordered list of blocks."""

    id: Id
    title: NonEmptyStr
    duration_minutes: int = Field(ge=15, le=240)
    goals: list[NonEmptyStr] = Field(min_length=1)
    blocks: list[Block] = Field(min_length=1)

    def blocks_of(self, kind: type) -> list:
        return [block for block in self.blocks if isinstance(block, kind)]

    @property
    def vocabulary(self) -> list[VocabularyEntry]:
        return [entry for block in self.blocks_of(VocabularyBlock) for entry in block.entries]

    @property
    def quizzes(self) -> list[QuizBlock]:
        return self.blocks_of(QuizBlock)

    @property
    def checklists(self) -> list[ChecklistBlock]:
        return self.blocks_of(ChecklistBlock)

    @property
    def teacher_notes(self) -> list[TeacherNoteBlock]:
        return self.blocks_of(TeacherNoteBlock)

    def participant_blocks(self) -> list:
        """Blocks with participant-facing prose (used for word counts and readability)."""
        return [block for block in self.blocks if isinstance(block, PARTICIPANT_TEXT_BLOCKS)]


class Module(ContentModel):
    id: Id
    title: NonEmptyStr
    goals: list[NonEmptyStr] = Field(min_length=1)
    lessons: list[Id] = Field(min_length=1, description="Lesson ids in teaching order; each is lessons/<id>.yaml")


class Source(ContentModel):
    """Where a fact comes from: a law, regulation, curriculum or standard."""

    id: Id
    title: NonEmptyStr
    publisher: str = ""
    url: HttpUrl | None = None
    note: str = ""


class Duration(ContentModel):
    weeks: int = Field(ge=1, le=104)
    hours_per_week: float = Field(gt=0, le=40)
    note: str = ""

    @property
    def total_hours(self) -> float:
        return self.weeks * self.hours_per_week


class CourseDescription(ContentModel):
    """The kursbeskrivelse."""

    target_group: NonEmptyStr
    goals: list[NonEmptyStr] = Field(min_length=1)
    prerequisites: NonEmptyStr
    duration: Duration | None = Field(
        default=None, description="Weeks and hours; leave it out when the course has a plan.yaml (taken from there)"
    )
    organisation: NonEmptyStr
    assessment: NonEmptyStr
    certificate: NonEmptyStr
    cooperation: NonEmptyStr


class CourseFile(ContentModel):
    """What ``course.yaml`` holds."""

    slug: Id
    title: NonEmptyStr
    version: str = Field(pattern=SEMVER, description="Semantic version of the content, e.g. 1.2.0")
    language: Literal["nb"] = "nb"
    summary: NonEmptyStr
    leads_to: str = ""
    description: CourseDescription
    translations: dict[str, ReviewStatus] = Field(
        description="Review status per vocabulary language: machine (not yet checked by a person) or reviewed"
    )
    modules: list[Module] = Field(min_length=1)
    sources: list[Source] = Field(default_factory=list)
    renamed: dict[IdPath, IdPath] = Field(
        default_factory=dict,
        description="Released ids that have a new id: old path → new path (lesson, lesson/quiz, lesson/quiz/question, …)",
    )
    retired: list[IdPath] = Field(
        default_factory=list, description="Released ids removed on purpose (their pages are unpublished, never deleted)"
    )

    @field_validator("translations")
    @classmethod
    def _all_languages(cls, value: dict[str, str]) -> dict[str, str]:
        missing = [code for code in LANGUAGES if code not in value]
        unknown = [code for code in value if code not in LANGUAGES]
        if missing or unknown:
            parts = []
            if missing:
                parts.append("missing " + ", ".join(missing))
            if unknown:
                parts.append("unknown " + ", ".join(unknown))
            raise ValueError(f"review status must be given for exactly {', '.join(LANGUAGES)} ({'; '.join(parts)})")
        return value

    @model_validator(mode="after")
    def _unique_ids(self):
        seen_modules: set[str] = set()
        seen_lessons: set[str] = set()
        for module in self.modules:
            if module.id in seen_modules:
                raise ValueError(f"duplicate module id '{module.id}'")
            seen_modules.add(module.id)
            for lesson_id in module.lessons:
                if lesson_id in seen_lessons:
                    raise ValueError(f"lesson '{lesson_id}' is listed twice in the modules")
                seen_lessons.add(lesson_id)
        return self


class Course(CourseFile):
    """A loaded course: course.yaml plus its lessons, forms and templates."""

    lessons: dict[str, Lesson] = Field(default_factory=dict)
    forms: dict[str, Form] = Field(default_factory=dict)
    templates: dict[str, DocumentTemplate] = Field(default_factory=dict)
    plan: CoursePlan | None = None
    logbook: Logbook | None = None
    #: The glossary the lessons' vocabulary was resolved from; the lessons hold the full entries, so
    #: it is left out of dumps and comparisons (it prefers values when the course is written back).
    glossary: Glossary | None = Field(default=None, exclude=True)
    content_hash: str = ""
    _root: object = PrivateAttr(default=None)

    @property
    def root(self):
        """The folder the course was loaded from (a ``pathlib.Path`` or an importlib resource)."""
        return self._root

    def lessons_in(self, module: Module) -> list[Lesson]:
        return [self.lessons[lesson_id] for lesson_id in module.lessons]

    def ordered_lessons(self) -> list[Lesson]:
        return [lesson for module in self.modules for lesson in self.lessons_in(module)]

    def module_of(self, lesson_id: str) -> Module:
        for module in self.modules:
            if lesson_id in module.lessons:
                return module
        raise KeyError(lesson_id)

    @property
    def version_label(self) -> str:
        """Version plus a short content hash, e.g. ``1.0.0+3f2a9c1b``."""
        return f"{self.version}+{self.content_hash[:8]}" if self.content_hash else self.version

    def is_reviewed(self, language: str) -> bool:
        return self.translations.get(language) == "reviewed"
