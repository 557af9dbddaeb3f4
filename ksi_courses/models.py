"""Page models: CourseIndexPage → CoursePage → ModulePage → LessonPage.

Each concrete page has an abstract base with small hooks, so a site can subclass. Pages created
by ``import_ksi_courses`` carry the stable content id (``ksi_id``) and a fingerprint of the
content they were last imported from (``ksi_import_hash``); the importer compares both to know
whether the municipality has edited a page since.
"""

from functools import partial
from itertools import islice

from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.models import Page, Site

from course_content.base import LANGUAGES

from . import documents
from .access import require_teacher_material
from .blocks import LessonBodyBlock, SourceBlock
from .branding import Branding  # noqa: F401  (imported here so Django finds the model)
from .form_pages import CourseFormField, CourseFormPage  # noqa: F401  (CourseFormField: as above)
from .images import ImportedImage  # noqa: F401  (as above)
from .page_mixins import KsiContentMixin, lines
from .panels import ContentVersionPanel
from .pdf_views import serve_pdf
from .review_log import TranslationReview  # noqa: F401  (as above)


class AbstractCourseIndexPage(Page):
    intro = models.TextField(_("introduction"), blank=True, help_text=_("Markdown."))

    admin_default_ordering = "ord"  # courses in the admin's page explorer as on the site

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        abstract = True

    def get_courses(self):
        """Hook: the courses listed on this page."""
        return self.get_children().live().specific()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["courses"] = self.get_courses()
        return context


class AbstractCoursePage(RoutablePageMixin, KsiContentMixin, Page):
    summary = models.TextField(_("summary"))
    leads_to = models.TextField(_("leads to"), blank=True)
    target_group = models.TextField(_("target group"))
    goals = models.TextField(_("goals"), help_text=_("One goal per line."))
    prerequisites = models.TextField(_("prerequisites"))
    duration_weeks = models.PositiveSmallIntegerField(_("duration in weeks"))
    hours_per_week = models.DecimalField(_("hours per week"), max_digits=4, decimal_places=1)
    duration_note = models.TextField(_("about the duration"), blank=True)
    organisation = models.TextField(_("organisation"))
    assessment = models.TextField(_("assessment"))
    certificate = models.TextField(_("certificate"))
    cooperation = models.TextField(_("cooperation with employers and NAV"))
    sources = StreamField([("source", SourceBlock())], blank=True, verbose_name=_("sources"))
    translations = models.JSONField(_("translation review status"), default=dict, blank=True, editable=False)
    plan = models.JSONField(_("course plan"), null=True, blank=True, editable=False)
    ksi_version = models.CharField(_("content version"), max_length=40, blank=True, editable=False)
    ksi_content_hash = models.CharField(_("content hash"), max_length=64, blank=True, editable=False)
    # See ksi_courses.import_shortcut: lets a re-import of an unchanged course skip loading it.
    ksi_import_state = models.JSONField(_("state after the last import"), default=dict, blank=True, editable=False)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("leads_to"),
        MultiFieldPanel(
            [
                FieldPanel("target_group"),
                FieldPanel("goals"),
                FieldPanel("prerequisites"),
                FieldPanel("duration_weeks"),
                FieldPanel("hours_per_week"),
                FieldPanel("duration_note"),
                FieldPanel("organisation"),
                FieldPanel("assessment"),
                FieldPanel("certificate"),
                FieldPanel("cooperation"),
            ],
            heading=_("Course description"),
        ),
        FieldPanel("sources"),
        ContentVersionPanel(),
    ]

    class Meta:
        abstract = True

    @property
    def goal_list(self) -> list[str]:
        return lines(self.goals)

    @property
    def total_hours(self):
        return self.duration_weeks * self.hours_per_week

    def get_modules(self):
        """Hook: the modules shown on the course page, in order."""
        return ModulePage.objects.child_of(self).live()

    @path("pdf/", name="pdf")
    def participant_pdf(self, request):
        return serve_pdf(request, self, filename=f"{self.slug}.pdf")

    @path("pdf/laerer/", name="teacher_pdf")
    def teacher_pdf(self, request):
        return serve_pdf(request, self, filename=f"{self.slug}-laererutgave.pdf", edition="teacher")

    @re_path(r"^pdf/ordliste/(?P<language>[a-z]{2,3})/$", name="vocabulary_pdf")
    def vocabulary_pdf(self, request, language):
        if language not in LANGUAGES:
            raise Http404(f"unknown language {language}")
        return serve_pdf(request, self, filename=f"{self.slug}-ordliste-{language}.pdf", language=language)

    @re_path(r"^ark/(?P<sheet>[a-z0-9-]+)/(?:(?P<teacher>laerer)/)?$", name="sheet_pdf")
    def sheet_pdf(self, request, sheet, teacher=None):
        """A repetition sheet, an assessment or the practice logbook; ``laerer/``: with answers, for teachers."""
        from .sheets import sheet_exists

        if not sheet_exists(self, sheet):
            raise Http404(f"no sheet {sheet}")
        edition = "teacher" if teacher else "participant"
        suffix = "-laerer" if teacher else ""
        return serve_pdf(request, self, filename=f"{self.slug}-{sheet}{suffix}.pdf", edition=edition, sheet=sheet)

    @re_path(r"^maler/(?P<template_id>[a-z0-9-]+)/(?P<fmt>pdf|docx)/$", name="template_file")
    def template_file(self, request, template_id, fmt):
        """A template (mal) filled with the municipality's values, for teachers and admins."""
        if (refusal := require_teacher_material(request)) is not None:
            return refusal
        return documents.template_file(self, template_id, fmt, site=Site.find_for_request(request))

    def get_templates(self):
        """Hook: ``[(id, title, description)]`` of the course's templates (maler): the shipped
        course's, or the common set for a course imported from elsewhere."""
        from course_content.loader import common_documents, get_course

        try:
            templates = get_course(self.ksi_id).templates
        except KeyError:
            templates = common_documents()[1]
        return [(t.id, t.title, t.description) for t in templates.values()]

    def get_module_outline(self):
        """Hook: ``[(module, [lessons])]`` in order, in two queries whatever the course's size."""
        modules = list(self.get_modules())
        lessons_by_parent: dict[str, list] = {module.path: [] for module in modules}
        # The bodies are not needed for an outline (titles and links), and are most of the data.
        for lesson in LessonPage.objects.live().descendant_of(self).order_by("path").defer("body"):
            lessons_by_parent.get(lesson.path[: -Page.steplen], []).append(lesson)
        return [(module, lessons_by_parent[module.path]) for module in modules]

    def get_plan_outline(self, modules):
        """Hook: the course plan week by week (``[]`` without a plan); ``modules`` as from
        :meth:`get_module_outline`, so the plan links lessons without another query."""
        from course_content.plan_rows import parse_plan, plan_outline

        plan = parse_plan(self.plan)
        if plan is None:
            return []
        lesson_pages = {lesson.ksi_id: lesson for _, lessons in modules for lesson in lessons if lesson.ksi_id}
        lesson_titles = {ksi_id: page.title for ksi_id, page in lesson_pages.items()}
        module_titles = {module.ksi_id: module.title for module, _ in modules if module.ksi_id}
        return plan_outline(plan, lesson_titles, module_titles, links=lesson_pages)

    def get_review_sheets(self, modules):
        """Hook: the assessments (per module and for the course) and whether there is a practice
        logbook, for the links on the page; ``modules`` as from :meth:`get_module_outline`."""
        from .sheets import assessment_links, has_logbook

        return {"assessments": assessment_links(self, modules), "logbook": has_logbook(self)}

    def get_forms(self):
        """Hook: the course's form pages (skjema)."""

        return CourseFormPage.objects.child_of(self).live()

    def get_cover_picture(self, lessons=None) -> str:
        """Hook: the library picture on the course's card and page: the first picture among the
        key words and image blocks of its first lessons (``lessons``: default the first three);
        ``""`` if none has one."""
        if lessons is None:
            lessons = LessonPage.objects.live().descendant_of(self).order_by("path")[:3]
        for lesson in islice(lessons, 3):
            for block in lesson.body.raw_data:
                value = block.get("value") or {}
                if block.get("type") == "image" and value.get("picture"):
                    return value["picture"]
                if block.get("type") == "vocabulary":
                    pictures = [entry.get("picture") for entry in value.get("entries") or () if entry.get("picture")]
                    if pictures:
                        return pictures[0]
        return ""

    def serve(self, request, *args, **kwargs):
        """The page; for a visitor who is not logged in, the stored copy (see
        :mod:`ksi_courses.anonymous_pages`)."""
        from . import anonymous_pages

        if not _is_index_route(args, kwargs):
            return super().serve(request, *args, **kwargs)
        return anonymous_pages.serve(self, request, partial(super().serve, request, *args, **kwargs))

    def anonymous_cache_parts(self, request) -> tuple:
        """Hook: what this page's anonymous copy depends on besides the page itself, its site,
        branding, languages and address: the vocabulary language and the published state of the
        course (one query, shared with the cached summary). A subclass that shows more adds it."""
        from .course_cache import tree_fingerprint
        from .vocabulary_language import vocabulary_language

        return (vocabulary_language(request), tree_fingerprint(self, request))

    def get_context(self, request, *args, **kwargs):
        from .course_cache import course_summary
        from .vocabulary_language import vocabulary_language

        context = super().get_context(request, *args, **kwargs)
        code = vocabulary_language(request)
        context["vocabulary_language"], context["vocabulary_language_name"] = code, LANGUAGES[code]["name_nb"]
        context["languages"] = list(LANGUAGES.items())
        # The outline and the sections every visitor sees alike are built with the hooks above and
        # cached per published state of the course (see ksi_courses.course_cache).
        summary = course_summary(self, request, context)
        context.update(
            modules=summary.modules,
            lesson_count=summary.lesson_count,
            course_head=summary.head_html,
            course_outline=summary.outline_html,
            course_tail=summary.tail_html,
        )
        return context


class AbstractModulePage(KsiContentMixin, Page):
    goals = models.TextField(_("goals"), help_text=_("One goal per line."))

    content_panels = [*Page.content_panels, FieldPanel("goals")]

    class Meta:
        abstract = True

    @property
    def goal_list(self) -> list[str]:
        return lines(self.goals)

    def get_lessons(self):
        """Hook: the lessons of this module, in order."""
        return self.get_children().live().specific()


class AbstractLessonPage(RoutablePageMixin, KsiContentMixin, Page):
    duration_minutes = models.PositiveSmallIntegerField(_("duration in minutes"), default=90)
    goals = models.TextField(_("goals"), help_text=_("One goal per line."))
    body = StreamField(LessonBodyBlock(), verbose_name=_("lesson"))

    content_panels = [*Page.content_panels, FieldPanel("duration_minutes"), FieldPanel("goals"), FieldPanel("body")]

    class Meta:
        abstract = True

    @property
    def goal_list(self) -> list[str]:
        return lines(self.goals)

    def get_course_page(self):
        """Hook: the course this lesson belongs to (for translation review status)."""
        return CoursePage.objects.ancestor_of(self).first()

    def get_vocabulary_language(self, request) -> str:
        """Hook: the language shown beside Norwegian key words: ``?sprak=``, else the visitor's
        last choice (cookie, then a logged-in participant's saved choice), else English."""
        from .vocabulary_language import vocabulary_language

        return vocabulary_language(request)

    def serve(self, request, *args, **kwargs):
        """The page (for a visitor who is not logged in, the stored copy: see
        :mod:`ksi_courses.anonymous_pages`); a language chosen with ``?sprak=`` is remembered for
        the next lessons."""
        from . import anonymous_pages
        from .vocabulary_language import remember_choice

        render = partial(super().serve, request, *args, **kwargs)
        # For a visitor who is not logged in, the stored copy (see ksi_courses.anonymous_pages).
        response = anonymous_pages.serve(self, request, render) if _is_index_route(args, kwargs) else render()
        remember_choice(request, response)
        return response

    def anonymous_cache_parts(self, request) -> tuple:
        """Hook: what this page's anonymous copy depends on besides the page itself, its site,
        branding, languages and address: the vocabulary language and the published state of its
        course and the pages above it (neighbours, breadcrumbs, translation status; one query,
        shared with the cached surroundings). A subclass that shows more adds it."""
        from .course_cache import surroundings_digest

        return (self.get_vocabulary_language(request), surroundings_digest(self, request))

    @path("pdf/", name="pdf")
    def handout_pdf(self, request):
        course_page = self.get_course_page()
        if course_page is None:
            raise Http404("this lesson is not inside a course")
        language = self.get_vocabulary_language(request) if "sprak" in request.GET else None
        suffix = f"-{language}" if language else ""
        return serve_pdf(
            request,
            course_page,
            filename=f"{self.slug}{suffix}.pdf",
            lesson_id=self.ksi_id or self.slug,
            language=language,
        )

    def get_neighbours(self):
        """Hook: the previous and next lesson in the course, across module boundaries (two
        queries, whatever its size)."""
        course_path = self.path[: -2 * Page.steplen]
        lessons = (
            LessonPage.objects.live()
            .filter(path__startswith=course_path, depth=self.depth)
            .exclude(pk=self.pk)
            .defer("body")  # only linked
        )
        previous = lessons.filter(path__lt=self.path).order_by("-path").first()
        following = lessons.filter(path__gt=self.path).order_by("path").first()
        return previous, following

    def get_context(self, request, *args, **kwargs):
        from .course_cache import lesson_surroundings

        context = super().get_context(request, *args, **kwargs)
        # get_neighbours, get_course_page and the breadcrumbs, cached per published state of the course.
        around = lesson_surroundings(self, request)
        context["previous_lesson"], context["next_lesson"] = around.previous_lesson, around.next_lesson
        code = self.get_vocabulary_language(request)
        course_page = around.course_page
        context.update(
            breadcrumb_pages=around.ancestors,
            course_page=course_page,
            languages=list(LANGUAGES.items()),
            vocabulary_language=code,
            vocabulary_language_name=LANGUAGES[code]["name_nb"],
            vocabulary_reviewed=bool(course_page and course_page.translations.get(code) == "reviewed"),
        )
        return context


def _is_index_route(args, kwargs) -> bool:
    """Whether a routable page's ``serve`` was called for the page itself (not ``pdf/`` and such)."""
    view = args[0] if args else kwargs.get("view")
    return view is None or getattr(view, "__name__", "") == "index_route"


class CourseIndexPage(AbstractCourseIndexPage):
    subpage_types = ["ksi_courses.CoursePage"]

    class Meta:
        verbose_name = _("course index")


class CoursePage(AbstractCoursePage):
    parent_page_types = ["ksi_courses.CourseIndexPage"]
    subpage_types = ["ksi_courses.ModulePage", "ksi_courses.CourseFormPage"]

    class Meta:
        verbose_name = _("course")


class ModulePage(AbstractModulePage):
    parent_page_types = ["ksi_courses.CoursePage"]
    subpage_types = ["ksi_courses.LessonPage"]

    class Meta:
        verbose_name = _("module")


class LessonPage(AbstractLessonPage):
    parent_page_types = ["ksi_courses.ModulePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("lesson")
        permissions = [("view_teacher_material", _("Can see teacher notes and quiz answers"))]
