"""The ``ksi_lesson`` XBlock: one lesson of a shipped course, with checklists and quizzes.

The block holds the lesson it shows as a self-contained document (:mod:`xblocks.lesson_document`:
the lesson, its pictures and images), which travels in OLX, so an archive carries its own content
(a municipality's edits included) and works on a server whatever course data its package has.
Blocks made before lesson documents hold only a course slug and a lesson id; they read the lesson
from the ``ksi_courses`` service (:mod:`xblocks.catalog`). The participant's work (ticked checklist
items, last quiz answers) is user state. Scoring, progress and rendering live in their own pure
modules, so this class only wires them to the XBlock runtime.
"""

from __future__ import annotations

import gettext as gettext_module
import hashlib
import logging
from contextlib import suppress
from functools import cache
from importlib import resources

from web_fragments.fragment import Fragment
from webob import Response
from xblock.completable import CompletableXBlockMixin
from xblock.core import XBlock
from xblock.exceptions import JsonHandlerError
from xblock.fields import Dict, Float, Scope, String
from xblock.utils.studio_editable import StudioEditableXBlockMixin
from xblock.validation import ValidationMessage

from course_content import Lesson, scoring
from course_content.base import LANGUAGES
from course_content.participant_view import lesson_data

from . import progress
from .catalog import DEFAULT_CATALOG, SERVICE_NAME, CourseCatalog, LessonNotFound
from .lesson_document import DocumentCourse, lesson_document, read_document
from .rendering import render_template

log = logging.getLogger(__name__)

#: Scopes written to and read from OLX: what an author sets, never what a participant did.
OLX_SCOPES = (Scope.content, Scope.settings)


def _(text: str) -> str:
    """Mark a field label for translation (Studio translates it with the block's i18n service)."""
    return text


def _course_values(block: LessonBlock) -> list[dict]:
    return [{"display_name": course.title, "value": slug} for slug, course in block.catalog.courses().items()]


def _lesson_values(block: LessonBlock) -> list[dict]:
    return [{"display_name": choice.label, "value": choice.lesson_id} for choice in block.catalog.lesson_choices()]


@XBlock.needs("i18n")
@XBlock.wants(SERVICE_NAME)
class LessonBlock(StudioEditableXBlockMixin, CompletableXBlockMixin, XBlock):
    """A lesson from a ksi-courses course, chosen by course slug and lesson id."""

    display_name = String(
        display_name=_("Display name"),
        help=_("The name learners see in the course navigation."),
        default="KSI lesson",
        scope=Scope.settings,
    )
    course_slug = String(
        display_name=_("Course"),
        help=_("The course the lesson belongs to."),
        default="",
        scope=Scope.settings,
        values_provider=_course_values,
    )
    lesson_id = String(
        display_name=_("Lesson"),
        help=_("The lesson to show. It must belong to the course chosen above."),
        default="",
        scope=Scope.settings,
        values_provider=_lesson_values,
    )
    lesson_document = Dict(
        display_name=_("Lesson content"),
        help=_("The lesson itself, as JSON. Choosing another course or lesson above replaces it."),
        default={},
        scope=Scope.content,
    )
    weight = Float(
        display_name=_("Weight"),
        help=_("Points this lesson's quizzes are worth in the course grade."),
        default=1.0,
        scope=Scope.settings,
        values={"min": 0, "step": 0.1},
    )
    checked = Dict(
        help="Ticked checklist items: checklist id → item ids.",
        default={},
        scope=Scope.user_state,
    )
    quiz_answers = Dict(
        help="The last answers submitted per quiz: quiz id → question id → choice indexes.",
        default={},
        scope=Scope.user_state,
    )
    vocabulary_language = String(
        help="The language the participant reads key words in.",
        default="en",
        scope=Scope.preferences,
    )

    editable_fields = ("display_name", "course_slug", "lesson_id", "weight", "lesson_document")
    has_author_view = True
    show_in_read_only_mode = True

    # --- content -------------------------------------------------------------------------

    @property
    def catalog(self) -> CourseCatalog:
        """The runtime's ``ksi_courses`` service, or the shipped courses."""
        return self.runtime.service(self, SERVICE_NAME) or DEFAULT_CATALOG

    def content(self) -> tuple[DocumentCourse, Lesson]:
        """The course view and lesson this block shows: from the lesson document it holds, else
        (a block made before lesson documents) from the catalog. Raises :class:`LessonNotFound`."""
        if self.lesson_document:
            return read_document(self.lesson_document)
        return read_document(lesson_document(*self.catalog.lesson(self.course_slug, self.lesson_id)))

    def _lesson_or_none(self) -> Lesson | None:
        try:
            return self.content()[1]
        except LessonNotFound:
            return None

    @property
    def has_score(self) -> bool:
        """Only a lesson with a quiz is graded (a lesson to read has nothing to score)."""
        lesson = self._lesson_or_none()
        return bool(lesson and lesson.quizzes)

    @property
    def has_custom_completion(self) -> bool:
        """With checklists or quizzes the block reports completion; otherwise viewing completes it."""
        lesson = self._lesson_or_none()
        return bool(lesson and progress.has_tasks(lesson))

    def max_score(self) -> float | None:
        """The most points the lesson gives: its weight (``None`` when it is not graded)."""
        return self.weight if self.has_score else None

    def gettext(self, text: str) -> str:
        """``text`` translated by the runtime's i18n service; where that has no translation (it
        found no catalogue of this block for the learner's language, as on a platform that
        takes XBlock translations only from its own translation repository), from the block's
        own catalogue for the learner's language."""
        service = self.runtime.service(self, "i18n")
        translate = getattr(service, "gettext", None) or service.ugettext
        translated = translate(text)
        if translated != text:
            return translated
        language = learner_language()
        return own_catalogue(language).gettext(text) if language else text

    # --- views ---------------------------------------------------------------------------

    @XBlock.supports("multi_device")
    def student_view(self, context=None) -> Fragment:
        """The lesson for a participant: no teacher notes, no answer key."""
        return self._render(author=False)

    def author_view(self, context=None) -> Fragment:
        """The lesson as Studio previews it: with teacher notes and the answer key."""
        return self._render(author=True)

    def student_view_data(self, context=None) -> dict:
        """The lesson as JSON for mobile apps (same participant rules as the student view)."""
        try:
            course, lesson = self.content()
        except LessonNotFound as exc:
            return {"error": str(exc)}
        return lesson_data(course, lesson, gettext=self.gettext, media_url=self._media_url, pictures=course.pictures)

    def _render(self, author: bool) -> Fragment:
        fragment = Fragment()
        try:
            course, lesson = self.content()
        except LessonNotFound as exc:
            fragment.add_content(render_template("lesson_missing.html", {"message": str(exc)}, self.gettext))
            return fragment
        data = lesson_data(
            course,
            lesson,
            gettext=self.gettext,
            media_url=self._media_url,
            include_teacher_notes=author,
            pictures=course.pictures,
        )
        context = {
            "dom_id": self._dom_id(),
            "author": author,
            "data": data,
            "checked": {c.id: progress.ticked_items(lesson, self.checked, c.id) for c in lesson.checklists},
            "answers": self.quiz_answers,
            "results": self._quiz_results(lesson),
            "answer_key": _answer_key(lesson) if author else {},
            "language": self._language(),
            "completion": progress.completion(lesson, self.checked, self.quiz_answers),
        }
        fragment.add_content(render_template("lesson.html", context, self.gettext, course.pictures))
        fragment.add_css(_static("lesson.css"))
        if not author:
            fragment.add_javascript(_static("lesson.js"))
            fragment.initialize_js("KsiLessonBlock", {"strings": self._js_strings()})
        return fragment

    def _quiz_results(self, lesson: Lesson) -> dict:
        return {
            quiz.id: scoring.score_quiz(quiz, self.quiz_answers[quiz.id]).as_json()
            for quiz in lesson.quizzes
            if quiz.id in self.quiz_answers
        }

    def _language(self) -> str:
        return self.vocabulary_language if self.vocabulary_language in LANGUAGES else "en"

    def _dom_id(self) -> str:
        # Ids in the markup must be unique when several lesson blocks share a page.
        return "ksi-" + hashlib.sha1(str(self.scope_ids.usage_id).encode()).hexdigest()[:10]

    def _media_url(self, src: str) -> str:
        return self.runtime.handler_url(self, "media", suffix=src).rstrip("?")

    def _js_strings(self) -> dict[str, str]:
        return {
            "saved": self.gettext("Saved."),
            "error": self.gettext("Could not save. Check your connection and try again."),
            "result": self.gettext("You got {correct} of {total} right."),
            "correct": self.gettext("Correct."),
            "wrong": self.gettext("Not quite."),
            "language": self.gettext("Showing words in {language}."),
        }

    # --- handlers ------------------------------------------------------------------------

    @XBlock.json_handler
    def toggle_checklist(self, data: dict, suffix: str = "") -> dict:
        """Tick or untick one item: ``{"checklist": id, "item": id, "checked": bool}``."""
        lesson = self._lesson_for_handler()
        if not isinstance(data, dict) or not isinstance(data.get("checked"), bool):
            raise JsonHandlerError(400, 'send {"checklist": ID, "item": ID, "checked": true|false}')
        try:
            self.checked = progress.toggle_item(lesson, self.checked, data.get("checklist"), data.get("item"), data["checked"])
        except progress.ChecklistError as exc:
            raise JsonHandlerError(400, str(exc)) from None
        done = self._publish_completion(lesson)
        return {"checked": progress.ticked_items(lesson, self.checked, data["checklist"]), "completion": done}

    @XBlock.json_handler
    def submit_quiz(self, data: dict, suffix: str = "") -> dict:
        """Score ``{"quiz": id, "answers": {question id: [choice index, ...]}}`` and publish the grade.

        Returns per-question correctness and explanations (not the correct choices), the
        lesson's grade and its completion.
        """
        lesson = self._lesson_for_handler()
        if not isinstance(data, dict):
            raise JsonHandlerError(400, 'send {"quiz": ID, "answers": {QUESTION_ID: [INDEX, ...]}}')
        try:
            quiz = scoring.find_quiz(lesson, data.get("quiz"))
            answers = scoring.parse_answers(quiz, data.get("answers"))
        except scoring.AnswerError as exc:
            raise JsonHandlerError(400, str(exc)) from None
        self.quiz_answers = {**self.quiz_answers, quiz.id: answers}
        result = scoring.score_quiz(quiz, answers)
        correct, possible = scoring.lesson_score(lesson, self.quiz_answers)
        grade = {"value": self.weight * correct / possible, "max_value": self.weight}
        self.runtime.publish(self, "grade", grade)
        done = self._publish_completion(lesson)
        return {**result.as_json(), "grade": grade, "completion": done}

    @XBlock.json_handler
    def set_language(self, data: dict, suffix: str = "") -> dict:
        """Remember the participant's language for key words: ``{"language": "ar"}``."""
        code = data.get("language") if isinstance(data, dict) else None
        if code not in LANGUAGES:
            raise JsonHandlerError(400, f"unknown language {code!r}; choose one of {', '.join(LANGUAGES)}")
        self.vocabulary_language = code
        return {"language": code}

    @XBlock.handler
    def media(self, request, suffix: str = "") -> Response:
        """Serve an image of the lesson (only images the lesson uses, from its document)."""
        try:
            course, lesson = self.content()
        except LessonNotFound as exc:
            return Response(str(exc), status=404, content_type="text/plain", charset="utf-8")
        found = course.media_file(suffix)
        if found is None:
            return Response(f"lesson '{lesson.id}' has no image '{suffix}'", status=404, content_type="text/plain", charset="utf-8")
        body, content_type = found
        response = Response(body=body, content_type=content_type)
        response.cache_control = "public, max-age=86400"
        return response

    def _lesson_for_handler(self) -> Lesson:
        try:
            return self.content()[1]
        except LessonNotFound as exc:
            raise JsonHandlerError(404, str(exc)) from None

    def _publish_completion(self, lesson: Lesson) -> float:
        value = progress.completion(lesson, self.checked, self.quiz_answers)
        self.emit_completion(value)
        return value

    # --- Studio --------------------------------------------------------------------------

    def clean_studio_edits(self, data: dict) -> None:
        """Choosing another course or lesson (or none held yet) takes that lesson from the installed
        package into the block; name the block after its lesson unless the author gave it a name."""
        slug, lesson_id = data.get("course_slug", self.course_slug), data.get("lesson_id", self.lesson_id)
        chosen = (slug, lesson_id) != (self.course_slug, self.lesson_id)
        if chosen or not data.get("lesson_document", self.lesson_document):
            with suppress(LessonNotFound):  # validate_field_data reports it
                data["lesson_document"] = lesson_document(*self.catalog.lesson(slug, lesson_id))
        if "display_name" in data or self.fields["display_name"].is_set_on(self):
            return
        try:
            _course, lesson = read_document(data.get("lesson_document", self.lesson_document))
        except LessonNotFound:
            return
        data["display_name"] = lesson.title

    def validate_field_data(self, validation, data) -> None:
        """The lesson the block holds must be readable (or, without one, exist in the chosen
        course); the weight must not be negative."""
        try:
            if data.lesson_document:
                read_document(data.lesson_document)
            else:
                self.catalog.lesson(data.course_slug, data.lesson_id)
        except LessonNotFound as exc:
            validation.add(ValidationMessage(ValidationMessage.ERROR, str(exc)))
        if data.weight is None or data.weight < 0:
            validation.add(ValidationMessage(ValidationMessage.ERROR, self.gettext("Weight must be 0 or more.")))

    # --- OLX -----------------------------------------------------------------------------

    def add_xml_to_node(self, node) -> None:
        """Export settings only: a participant's ticks and answers never go into OLX."""
        node.tag = self.xml_element_name()
        node.set("xblock-family", self.entry_point)
        for name, field in self.fields.items():
            if name in ("children", "parent") or field.scope not in OLX_SCOPES:
                continue
            if field.is_set_on(self) or field.force_export:
                self._add_field(node, name, field)

    @classmethod
    def parse_xml(cls, node, runtime, keys):
        """Import settings from attributes; attributes naming learner state are ignored with a warning."""
        block = runtime.construct_xblock_from_class(cls, keys)
        for name, value in node.items():
            field = cls.fields.get(name)
            if field is None or field.scope not in OLX_SCOPES:
                if name not in ("url_name", "xblock-family"):
                    log.warning("ksi_lesson: ignoring OLX attribute %r (not a setting of the block)", name)
                continue
            setattr(block, name, field.from_string(value))
        return block

    @staticmethod
    def workbench_scenarios() -> list[tuple[str, str]]:
        """The first lesson of each shipped course, for the xblock-sdk workbench."""
        courses = DEFAULT_CATALOG.courses()
        return [
            (
                f"KSI lesson: {course.title}",
                f'<ksi_lesson course_slug="{slug}" lesson_id="{course.ordered_lessons()[0].id}"/>',
            )
            for slug, course in courses.items()
        ]


def _answer_key(lesson: Lesson) -> dict[str, dict[str, list[int]]]:
    """Correct choice indexes per quiz and question (author view only)."""
    return {quiz.id: {q.id: sorted(q.correct_choices()) for q in quiz.questions} for quiz in lesson.quizzes}


def learner_language() -> str | None:
    """The language the platform (Django, in Open edX) has activated for this request, as a
    locale name (``nb``, ``nn``, ``en_US``); ``None`` outside Django."""
    try:
        from django.conf import settings
        from django.utils import translation
    except ImportError:
        return None
    if not settings.configured:
        return None
    language = translation.get_language()
    return translation.to_locale(language) if language else None


@cache
def own_catalogue(locale: str) -> gettext_module.NullTranslations:
    """The block's own catalogue for ``locale`` (``translations/<lang>/LC_MESSAGES/text.mo``)."""
    folder = str(resources.files("xblocks") / "translations")
    return gettext_module.translation("text", localedir=folder, languages=[locale], fallback=True)


def _static(name: str) -> str:
    return resources.files("xblocks").joinpath("static", "ksi_lesson", name).read_text(encoding="utf-8")


__all__ = ["LessonBlock"]
