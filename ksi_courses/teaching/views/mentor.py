"""The practice evaluation on the web: the mentor's page (a link, no account) and the participant's.

The mentor's page shows the placement's facts (participant's name, workplace, period) and part 1
of the praksisevaluering, nothing else: never part 2 (the participant's own, for the teacher) and
no other data of the run. An unknown, malformed or expired link gets one and the same 404 page.
Every answer of these pages is ``no-store``, ``noindex`` and ``Referrer-Policy: same-origin``, so
the token in the address stays out of caches, search engines and other sites' logs: a browser
sends the address as ``Referer`` to this site only, and no link on these pages leads off-site.

``same-origin``, not ``no-referrer``: under ``no-referrer`` a browser sends ``Origin: null`` with a
form it posts, which Django's CSRF check refuses. With ``same-origin`` our own forms carry the
site's ``Origin``, so the mentor's form is CSRF-protected like every other form (the token in the
address is the credential, but a CSRF token also keeps another site from posting into an open
page in the mentor's browser). The page still has no language switch: the evaluation form is the
course's Norwegian form, and these pages' own texts are translated to nb only.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ksi_courses.documents import course_for

from .. import mentor_links
from ..placement_documents import EVALUATION_FORM, evaluation_facts, evaluation_parts
from ..placement_models import Placement, PlacementEvaluation
from .account import LOGIN_URL


def private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "same-origin"  # see the module docstring
    return response


def link_not_found(request) -> HttpResponse:
    """The one page for every link that does not open an evaluation (no hint why)."""
    return private(render(request, "ksi_teaching/mentor/link_not_found.html", status=404))


def _evaluation_form(placement, author: str, data=None):
    """The web form for ``author``'s part, pre-filled with the saved answers or the placement's facts."""
    content_form = course_for(placement.enrolment.run.course).forms[EVALUATION_FORM]
    parts = evaluation_parts(content_form)
    if author == PlacementEvaluation.Author.MENTOR:
        # The mentor may correct the facts (e.g. another mentor took over); the participant sees them only.
        field_ids = parts.facts + parts.mentor
    else:
        field_ids = (
            tuple(f.id for f in content_form.fields if f.id in parts.facts and f.type != "text") + parts.participant
        )
    saved = placement.evaluations.filter(author=author).first()
    initial = {**evaluation_facts(placement), **(saved.answers if saved else {})}
    form = mentor_links.evaluation_form_class(content_form, field_ids)(data=data, initial=initial)
    sections = [
        (section, [form[f.id] for f in section.fields if f.id in form.fields]) for section in content_form.sections
    ]
    return form, [(section, bound) for section, bound in sections if bound], saved


@require_http_methods(["GET", "POST"])
def mentor_evaluation(request, token: str):
    """The mentor's evaluation of one placement, reached by the link the teacher sent."""
    link = mentor_links.valid_link(token)
    if link is None:
        return link_not_found(request)
    return _evaluation_page(
        request,
        link.placement,
        PlacementEvaluation.Author.MENTOR,
        thanks=_("Thank you! Your evaluation is saved. You can change it until the link expires."),
        template="ksi_teaching/mentor/evaluation.html",
        expires_at=link.expires_at,
    )


@require_http_methods(["GET", "POST"])
def participant_evaluation(request, placement_id: int):
    """The participant's own evaluation (part 2) of one of their placements."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), LOGIN_URL)
    placements = Placement.objects.select_related("workplace", "enrolment__run__course", "enrolment__participant")
    placement = get_object_or_404(placements, pk=placement_id, enrolment__participant=request.user)
    return _evaluation_page(
        request,
        placement,
        PlacementEvaluation.Author.PARTICIPANT,
        thanks=_("Thank you! Your answers are saved. Your teacher can read them."),
        template="ksi_teaching/mentor/participant_evaluation.html",
    )


def _evaluation_page(request, placement, author, *, thanks: str, template: str, **extra_context):
    """One author's evaluation form of ``placement``: saved and redirected back on a valid POST
    (with ``thanks``), else shown (400 with the errors)."""
    form, sections, saved = _evaluation_form(placement, author, request.POST or None)
    if request.method == "POST" and form.is_valid():
        mentor_links.save_evaluation(placement, author, form.answers())
        messages.success(request, thanks)
        return private(HttpResponseRedirect(request.path))
    context = {
        "placement": placement,
        "facts": evaluation_facts(placement),
        "form": form,
        "sections": sections,
        "saved": saved,
        **extra_context,
    }
    status = 400 if form.is_bound and form.errors else 200
    return private(render(request, template, context, status=status))
