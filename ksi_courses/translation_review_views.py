"""The "Oversettelser" screen in the Wagtail admin: choose a course and a language, correct the
translations of the course's terms beside the Norwegian, mark the language reviewed.

The work is done in :mod:`ksi_courses.translation_review`; this view checks the permission,
reads the choice and the form, and says what went wrong in Norwegian (status 400, nothing saved).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from course_content.base import LANGUAGES

from .models import CoursePage
from .review_log import REVIEW_PERMISSION
from .translation_review import (
    ReviewError,
    check_language,
    course_languages,
    latest_review,
    mark_language_reviewed,
    save_translations,
    term_rows,
)

URL_NAME = "ksi_translation_review"
FIELD_PREFIX = "t-"
RTL_LANGUAGES = {"ar", "prs"}


class TranslationReviewView(WagtailAdminTemplateMixin, View):
    template_name = "ksi_courses/translation_review/index.html"
    page_title = gettext_lazy("Translations")
    header_icon = "globe"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(REVIEW_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        if "kurs" not in request.GET:
            return self.show()
        course_page, language, problems = self.chosen(request.GET)
        return self.show(course_page, language, problems, status=400 if problems else 200)

    def post(self, request):
        course_page, language, problems = self.chosen(request.POST)
        if problems:
            return self.show(course_page, language, problems, status=400)
        action = request.POST.get("action")
        if action == "save":
            submitted = {
                key.removeprefix(FIELD_PREFIX): value
                for key, value in request.POST.items()
                if key.startswith(FIELD_PREFIX)
            }
            try:
                changed = save_translations(course_page, language, submitted, request.user)
            except ReviewError as exc:
                return self.show(course_page, language, exc.messages, submitted=submitted, status=400)
            if changed:
                messages.success(
                    request,
                    _("Saved %(count)s corrected translation(s): %(terms)s. Every lesson that uses them is updated.")
                    % {"count": len(changed), "terms": ", ".join(changed)},
                )
            else:
                messages.info(request, _("Nothing was changed."))
        elif action == "mark":
            review = mark_language_reviewed(course_page, language, request.user)
            messages.success(
                request,
                _("%(language)s is marked as reviewed in %(course)s (%(count)s entries marked now).")
                % {"language": LANGUAGES[language]["name_nb"], "course": course_page.title, "count": review.entries},
            )
        else:
            return self.show(course_page, language, [_("Unknown action: choose Save or Mark as reviewed.")], status=400)
        return redirect(f"{reverse(URL_NAME)}?kurs={course_page.pk}&sprak={language}")

    @staticmethod
    def chosen(data) -> tuple[CoursePage | None, str, list[str]]:
        """The course and language in ``data`` (``kurs``, ``sprak``) and what is wrong with them."""
        raw, language = (data.get("kurs") or "").strip(), (data.get("sprak") or "").strip()
        if not raw.isdigit() or len(raw) > 18:
            return None, language, [_("Choose a course.")]
        course_page = CoursePage.objects.filter(pk=int(raw)).first()
        if course_page is None:
            return None, language, [_("There is no course with id %(id)s.") % {"id": raw}]
        if not language:
            return course_page, "", [_("Choose a language.")]
        try:
            check_language(course_page, language)
        except ReviewError as exc:
            return course_page, "", exc.messages
        return course_page, language, []

    def show(self, course_page=None, language="", problems=(), submitted=None, status=200):
        context = self.get_context_data(
            courses=CoursePage.objects.order_by("path"),
            course_page=course_page,
            language=language,
            languages=[(code, LANGUAGES[code]["name_nb"]) for code in course_languages(course_page)]
            if course_page
            else [(code, lang["name_nb"]) for code, lang in LANGUAGES.items()],
            problems=list(problems),
        )
        if course_page is not None and language:
            rows = term_rows(course_page, language)
            for row in rows:
                row.value = (submitted or {}).get(row.id, row.translation)
            context.update(
                show_table=True,
                rows=rows,
                reviewed_count=sum(row.reviewed for row in rows),
                language_name=LANGUAGES[language]["name_nb"],
                course_status=(course_page.translations or {}).get(language, "machine"),
                review=latest_review(course_page, language),
                rtl=language in RTL_LANGUAGES,
                field_prefix=FIELD_PREFIX,
            )
        return self.render_to_response(context, status=status)
