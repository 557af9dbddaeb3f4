"""Final assessments per module and per course: an observation checklist plus a quiz.

The checklist lists practical skills the teacher observes. Its items are the lessons' practical
exercises (tasks, role plays and workplace tasks — not discussions): each is something a
participant *does*, already written for the lesson, and stays in step with the lessons when they
change. (The lessons' own checklists are the participant's self-check — "Jeg har …" — and read
wrongly as a teacher's observation list.) The course assessment takes two skills from each
module, so it stays a list a teacher can use in one session.

Ids are stable: ``modul-<module id>`` and ``kurs`` for assessments, ``<lesson id>-<n>`` for a
skill (the n-th practical exercise of the lesson). Results recorded in a course run refer to
them. Pure: no Django.
"""

from __future__ import annotations

from dataclasses import dataclass

from .blocks import ExerciseBlock
from .models import Course, Lesson, Module
from .plan import Session
from .repetition import QuizItem, draw_questions, rank

COURSE_ASSESSMENT = "kurs"
MODULE_PREFIX = "modul-"
PRACTICAL_KINDS = frozenset({"task", "role_play", "workplace"})
MODULE_QUESTIONS = 12
COURSE_QUESTIONS = 20
COURSE_SKILLS_PER_MODULE = 2

#: How the checklist prints the kind of exercise a skill comes from.
EXERCISE_KIND_NAMES = {"task": "Praktisk oppgave", "role_play": "Rollespill", "workplace": "På arbeidsplassen"}


@dataclass(frozen=True)
class Skill:
    """One item of the observation checklist."""

    id: str
    text: str
    kind: str
    lesson_id: str
    lesson_title: str

    @property
    def kind_name(self) -> str:
        return EXERCISE_KIND_NAMES[self.kind]


@dataclass(frozen=True)
class Assessment:
    id: str
    title: str
    module: Module | None  # None for the course assessment
    lessons: tuple[Lesson, ...]
    skills: tuple[Skill, ...]
    quiz: tuple[QuizItem, ...]

    @property
    def is_course(self) -> bool:
        return self.module is None


def lesson_skills(lesson: Lesson) -> list[Skill]:
    """The practical exercises of ``lesson`` as observation items."""
    practical = [block for block in lesson.blocks_of(ExerciseBlock) if block.kind in PRACTICAL_KINDS]
    return [
        Skill(f"{lesson.id}-{n}", block.title, block.kind, lesson.id, lesson.title)
        for n, block in enumerate(practical, start=1)
    ]


def module_assessment(course: Course, module: Module) -> Assessment:
    lessons = course.lessons_in(module)
    assessment_id = f"{MODULE_PREFIX}{module.id}"
    return Assessment(
        id=assessment_id,
        title=f"Vurdering: {module.title}",
        module=module,
        lessons=tuple(lessons),
        skills=tuple(skill for lesson in lessons for skill in lesson_skills(lesson)),
        quiz=draw_questions(course.slug, lessons, 2, MODULE_QUESTIONS, assessment_id),
    )


def course_assessment(course: Course) -> Assessment:
    skills: list[Skill] = []
    for module in course.modules:
        found = [skill for lesson in course.lessons_in(module) for skill in lesson_skills(lesson)]
        chosen = set(sorted((s.id for s in found), key=lambda sid: rank(course.slug, COURSE_ASSESSMENT, sid))[:COURSE_SKILLS_PER_MODULE])
        skills.extend(skill for skill in found if skill.id in chosen)  # keep the teaching order
    lessons = course.ordered_lessons()
    return Assessment(
        id=COURSE_ASSESSMENT,
        title=f"Sluttvurdering: {course.title}",
        module=None,
        lessons=tuple(lessons),
        skills=tuple(skills),
        quiz=draw_questions(course.slug, lessons, 1, COURSE_QUESTIONS, COURSE_ASSESSMENT),
    )


def assessments(course: Course) -> list[Assessment]:
    """One assessment per module, in order, then the course's final assessment."""
    return [*(module_assessment(course, module) for module in course.modules), course_assessment(course)]


def assessment(course: Course, assessment_id: str) -> Assessment:
    """The assessment ``assessment_id``; a ``KeyError`` naming the ids there are."""
    if assessment_id == COURSE_ASSESSMENT:
        return course_assessment(course)
    for module in course.modules:
        if assessment_id == f"{MODULE_PREFIX}{module.id}":
            return module_assessment(course, module)
    known = ", ".join([*(f"{MODULE_PREFIX}{m.id}" for m in course.modules), COURSE_ASSESSMENT])
    raise KeyError(f"course '{course.slug}' has no assessment '{assessment_id}'; its assessments: {known}")


def assessment_id_for(session: Session, module_ids: list[str]) -> str | None:
    """Which assessment an ``assessment`` session of the plan uses: the module's when it names one
    module of the course, the course's when it names more; ``None`` when it names none (its
    material is something else)."""
    named = [module_id for module_id in session.modules if module_id in module_ids]
    if session.kind != "assessment" or not named:
        return None
    return f"{MODULE_PREFIX}{named[0]}" if len(named) == 1 else COURSE_ASSESSMENT
