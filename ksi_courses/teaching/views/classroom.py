"""Classroom mode: a lesson as slides on a projector, for teachers and admins.

Everything the page needs comes with it (pictures are inline SVG; the script and stylesheets
load with the page), so it keeps working when the classroom's network goes; the teacher view
is a second window the page fills itself, without a request.
"""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from ksi_courses.access import require_teacher_material

from ..classroom import lesson_deck
from ..lessons import lesson_for_request


@require_http_methods(["GET"])
def classroom(request, page_id: int):
    """The lesson ``page_id`` as slides: login for anonymous visitors, 403 for participants."""
    if (refusal := require_teacher_material(request)) is not None:
        return refusal
    page = lesson_for_request(request, page_id)
    response = render(request, "ksi_teaching/classroom.html", {"page": page, "deck": lesson_deck(page)})
    response["Cache-Control"] = "private"  # teacher notes and answers: not for shared caches
    return response
