"""The participant's pages and actions: own courses, saving progress, quizzes, certificates.

Actions are plain form POSTs that redirect back to the lesson (they work without JavaScript);
``lesson-progress.js`` sends the same forms with ``fetch`` and gets JSON back.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from .. import action_keys, certificates
from ..access import can_teach, visible_certificate
from ..forms import quiz_answers
from ..lessons import course_lessons, lesson_for_request
from ..models import Certificate, Enrolment
from ..page_state import CourseState, resume_point
from ..progress import ProgressError, course_progress, save_checklist, set_completed, submit_quiz
from .account import LOGIN_URL
from .pdf import pdf_response, request_branding


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _lesson_action(handler):
    """Shared shape of the lesson actions: POST only, login (back to the lesson afterwards),
    a lesson the user may see, and errors as status 400: the lesson page with the message on
    top (nothing saved, no redirect that would hide the status), or JSON for ``fetch``. An action
    sent with an idempotency key (see :mod:`..action_keys`) is done once, however often it comes."""

    @require_POST
    def view(request, page_id: int, **kwargs):
        lesson = lesson_for_request(request, page_id)
        if not request.user.is_authenticated:
            return redirect_to_login(lesson.url, LOGIN_URL)
        try:
            key = action_keys.action_key(request.POST)
            result, repeated = action_keys.once(request.user, key, lambda: handler(request, lesson, **kwargs))
        except (ProgressError, action_keys.ActionKeyError) as exc:
            if _wants_json(request):
                return JsonResponse({"ok": False, "error": str(exc)}, status=400)
            messages.error(request, str(exc))
            response = lesson.serve(request)
            response.status_code = 400
            return response
        # A repeat of an action already done (same idempotency key) changes nothing and says so.
        message, anchor = result if not repeated else (_("This was already saved."), "main")
        if _wants_json(request):
            return JsonResponse({"ok": True, "message": message, "repeated": repeated})
        messages.success(request, message)
        return HttpResponseRedirect(f"{lesson.url}#{anchor}")

    view.__name__ = handler.__name__
    view.__doc__ = handler.__doc__
    return view


@_lesson_action
def lesson_done(request, lesson):
    """Mark the lesson done (``done=1``) or not done (``done=0``)."""
    done = request.POST.get("done", "1") != "0"
    set_completed(request.user, lesson, done)
    if done:
        issued = certificates.issue_on_completion(request.user, lesson)
        if issued:
            messages.success(request, _("You have completed the course. Your certificate is ready on “My courses”."))
        return _("The lesson is marked as completed."), "ksi-done"  # where the link to the next lesson is
    return _("The lesson is no longer marked as completed."), "ksi-done"


@_lesson_action
def lesson_checklist(request, lesson, checklist_id: str):
    """Save which items of one checklist are ticked (``item`` fields)."""
    progress = save_checklist(request.user, lesson, checklist_id, request.POST.getlist("item"))
    count = len(progress.checklist.get(checklist_id, []))
    return ngettext("Checklist saved: %(count)d item ticked.", "Checklist saved: %(count)d items ticked.", count) % {
        "count": count
    }, f"checklist-{checklist_id}"


@_lesson_action
def lesson_quiz(request, lesson, quiz_id: str):
    """Score the quiz on the server and keep the attempt; the lesson then shows the result."""
    _attempt, result = submit_quiz(request.user, lesson, quiz_id, quiz_answers(request.POST, quiz_id))
    return _("You answered %(correct)d of %(total)d questions correctly.") % {
        "correct": result.correct,
        "total": result.total,
    }, f"quiz-{quiz_id}"


@login_required(login_url=LOGIN_URL)
@require_GET
def dashboard(request):
    """The participant's courses with progress and certificates; teachers also get their runs."""
    enrolments = Enrolment.objects.filter(participant=request.user).select_related("run__course", "certificate")
    courses = []
    for enrolment in enrolments:
        lessons = course_lessons(enrolment.run.course)
        progress = course_progress(request.user, enrolment.run.course, lessons)
        courses.append((enrolment, progress, resume_point(CourseState(login_url="", progress=progress), lessons)))
    return render(request, "ksi_teaching/dashboard.html", {"courses": courses, "can_teach": can_teach(request.user)})


@login_required(login_url=LOGIN_URL)
@require_GET
def certificate_pdf(request, certificate_id: int):
    """The certificate as PDF: for its holder, the teachers of the run and admins."""
    certificate = visible_certificate(request.user, certificate_id)
    url = request.build_absolute_uri(certificates.verification_path(certificate))
    data = certificates.certificate_pdf(certificate, url, request_branding(request))
    return pdf_response(data, f"kursbevis-{certificate.enrolment.run.course.slug}.pdf")


@require_GET
def verify(request, code: str):
    """Public check of a certificate: name, course, dates and hours only."""
    certificate = get_object_or_404(Certificate.objects.select_related("enrolment__run__course", "enrolment__participant"), code=code)
    response = render(request, "ksi_teaching/verify.html", {"facts": certificates.public_facts(certificate)})
    response["X-Robots-Tag"] = "noindex"
    return response
