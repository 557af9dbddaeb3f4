"""Course forms (skjema) as Wagtail form pages, storing submissions (CSV export in the admin).

The import creates one form page per form of a course, under the course page. Field names
(``clean_name``) are the content's stable field ids, so submissions keep their columns across
upgrades even when a label is reworded.

A submission sent by a logged-in user is tied to that user, so that their data export lists it and
erasing their data deletes it (``ksi_courses.teaching.privacy``). Anonymous submissions are kept
until deleted (``manage.py ksi_form_submissions --older-than DAYS``).
"""

from django.conf import settings
from django.db import models
from django.http import Http404, HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.forms.models import AbstractForm, AbstractFormField, AbstractFormSubmission
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Site

from . import documents
from .form_fields import CappedFormBuilder
from .page_mixins import KsiContentMixin

#: Content field type → Wagtail form field type. Signatures are given on paper, so they are not
#: web fields; a table or grid becomes a multi-line field with one row per line.
WEB_FIELD_TYPES = {
    "text": "singleline",
    "long_text": "multiline",
    "date": "date",
    "number": "number",
    "single_choice": "radio",
    "multiple_choice": "checkboxes",
    "checkbox": "checkbox",
    "table": "multiline",
    "grid": "multiline",
}
#: Kinds of forms a teacher (or an employer) fills in and signs on paper, about participants: the
#: site offers their PDFs only, never a web form anyone could send in a participant's name. Every
#: other kind (self-assessment, course evaluation, checklists, logs, …) is a participant's own web form.
PAPER_FORM_KINDS = frozenset({"certificate", "attendance", "registration", "placement_agreement", "placement_evaluation"})
#: Heading of a form's privacy notice on its web page (the PDF prints the same words).
PRIVACY_HEADING = "Personvern: slik bruker vi opplysningene"
#: What a web page shows for a placeholder the municipality has not filled in its Branding.
WEB_BLANK = "(ikke fylt ut ennå: spør kommunen)"


class CourseFormField(AbstractFormField):
    page = ParentalKey("CourseFormPage", on_delete=models.CASCADE, related_name="form_fields")


class CourseFormSubmission(AbstractFormSubmission):
    """A submission of a course form, with the user who sent it when they were logged in."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.CASCADE,
        related_name="ksi_form_submissions",
    )

    class Meta(AbstractFormSubmission.Meta):
        verbose_name = _("form submission")
        verbose_name_plural = _("form submissions")
        indexes = [models.Index(fields=["submit_time"], name="ksi_form_submit_time")]


class AbstractCourseFormPage(RoutablePageMixin, KsiContentMixin, AbstractForm):
    intro = models.TextField(_("introduction"), blank=True, help_text=_("Markdown."))
    thank_you_text = models.TextField(_("thank-you text"), blank=True, help_text=_("Markdown."))
    form_kind = models.CharField(_("kind of form"), max_length=40, blank=True, editable=False)
    form_builder = CappedFormBuilder  # a length cap on every field (see form_fields)

    content_panels = [
        *AbstractForm.content_panels,
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Fields")),
        FieldPanel("thank_you_text"),
    ]

    class Meta:
        abstract = True

    @property
    def is_web_form(self) -> bool:
        """Hook: whether visitors may fill in and send this form on the web (see ``PAPER_FORM_KINDS``)."""
        return self.form_kind not in PAPER_FORM_KINDS

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["intro"] = self.filled_intro(request)
        return context

    def filled_intro(self, request) -> str:
        """Hook: the intro with its placeholders (the municipality, the personvernombud) filled
        from the Branding setting of the request's site."""
        from course_content.forms import fill_form_text

        from .branding import Branding

        site = Site.find_for_request(request)
        values = Branding.for_site(site).form_values() if site is not None else {}
        return fill_form_text(self.intro, values, blank=WEB_BLANK)

    def get_submission_class(self):
        """Hook: the model submissions are stored in."""
        return CourseFormSubmission

    def process_form_submission(self, form):
        """Store the submission, tied to the user who sent it if they were logged in."""
        user = getattr(form, "user", None)
        return self.get_submission_class().objects.create(
            form_data=form.cleaned_data,
            page=self,
            user=user if user is not None and user.is_authenticated else None,
        )


class CourseFormPage(AbstractCourseFormPage):
    parent_page_types = ["ksi_courses.CoursePage"]
    subpage_types = []
    template = "ksi_courses/course_form_page.html"
    landing_page_template = "ksi_courses/course_form_page_landing.html"

    class Meta:
        verbose_name = _("course form")

    @path("", name="form")
    def index_route(self, request, *args, **kwargs):
        """The form itself: Wagtail's form serving handles showing, checking and storing it. A
        paper form shows its PDFs and accepts nothing (405 to a POST)."""
        if not self.is_web_form:
            if request.method != "GET":
                return HttpResponseNotAllowed(["GET"], _("This form is filled in on paper: it cannot be sent on the web."))
            return TemplateResponse(request, self.get_template(request), {**self.get_context(request), "form": None})
        return AbstractForm.serve(self, request, *args, **kwargs)

    @path("pdf/", name="blank_pdf")
    def blank_pdf(self, request):
        return self.form_pdf(request, fillable=False)

    @path("pdf/utfyllbar/", name="fillable_pdf")
    def fillable_pdf(self, request):
        return self.form_pdf(request, fillable=True)

    def form_pdf(self, request, *, fillable: bool):
        """Hook: the printable or fillable PDF of the shipped form behind this page."""
        if not self.ksi_id:
            raise Http404("this form was made on the site; it has no printable version")
        return documents.form_pdf(self.get_parent().specific, self.ksi_id, fillable=fillable, site=Site.find_for_request(request))


def form_payload(form) -> dict:
    """What a form page holds of a content form (see ``payloads``)."""
    fields = []
    for section in form.sections:
        for field in section.fields:
            if field.type == "signature":
                continue
            help_text = field.help
            if field.type == "table":
                columns = "; ".join(column.label for column in field.columns)
                help_text = " ".join(part for part in (help_text, f"Én rad per linje: {columns}.") if part)
            elif field.type == "grid":
                columns = "; ".join([field.row_label, *(column.label for column in field.columns)])
                codes = ", ".join(field.choices)
                help_text = " ".join(
                    part for part in (help_text, f"Én rad per linje: {columns}. Koder: {codes}.") if part
                )
            fields.append(
                {
                    "clean_name": field.id.replace("-", "_"),
                    "label": field.label,
                    "field_type": WEB_FIELD_TYPES[field.type],
                    "required": field.required,
                    "choices": "\n".join(field.choices),
                    "help_text": help_text,
                }
            )
    signatures = any(f.type == "signature" for f in form.fields)
    intro = form.intro
    if form.privacy:
        intro = (intro + "\n\n" if intro else "") + f"## {PRIVACY_HEADING}\n\n{form.privacy}"
    if signatures:
        intro = (intro + "\n\n" if intro else "") + "Underskrift gis på papir (skriv ut skjemaet som PDF)."
    return {"title": form.title, "intro": intro, "form_kind": form.kind, "fields": fields}


def form_page_payload(page) -> dict:
    fields = [
        {
            "clean_name": field.clean_name,
            "label": field.label,
            "field_type": field.field_type,
            "required": field.required,
            "choices": field.choices,
            "help_text": field.help_text,
        }
        for field in page.form_fields.all()
    ]
    return {"title": page.title, "intro": page.intro, "form_kind": page.form_kind, "fields": fields}


def form_page_fields(payload: dict) -> dict:
    return {
        "title": payload["title"],
        "intro": payload["intro"],
        "form_kind": payload["form_kind"],
        "form_fields": [CourseFormField(sort_order=index, **field) for index, field in enumerate(payload["fields"])],
    }
