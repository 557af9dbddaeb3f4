"""Random and malformed bodies to every URL of the teaching app, as every role (issue #14).

Whatever is posted, the answer is never a server error (5xx); and a request that is refused
(4xx) leaves every teaching and account table with the rows it had. The URLs come from the app's
own URL list, so a new endpoint is covered without touching this file. Hypothesis draws the
random part; ``max_examples`` keeps the whole file at a few seconds per database.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ksi_courses.form_pages import CourseFormSubmission
from ksi_courses.teaching import models, urls
from ksi_courses.teaching.attendance import add_session
from ksi_courses.teaching.certificates import issue

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "participant_a", "teacher", "admin")
#: Every field name a teaching form reads, and a few it does not.
FIELDS = (
    "first_name", "last_name", "username", "names", "file", "form_key", "confirm_repeats", "date", "hours",
    "topic", "present", "enrolments", "item", "done", "quiz-q1", "quiz-q2", "quiz-q3", "title", "place",
    "course", "teachers", "start_date", "end_date", "schedule", "auto_certificate", "password", "old_password",
    "new_password1", "new_password2", "next", "csrfmiddlewaretoken", "x",
    # practice placements (issue 25)
    "municipality", "name", "organisation_number", "approval_required", "approval_checked_on", "approval_link",
    "enrolment", "workplace", "weekdays", "hours_per_day", "mentor_email", "tasks", "status", "agreement_signed_on",
)  # fmt: skip
#: Values that broke something once: odd digits, huge numbers, NUL and control characters, odd dates.
NASTY_VALUES = ("²", "٣", "9" * 5000, "-1", "\x00", "a\rb\r", "\ufeff\x07", "0001-01-01", "9999-12-31", "NaN", "1e999", "")
CONTENT_TYPES = (
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=grense",
    "multipart/form-data",
    "application/json",
    "text/plain; charset=utf-16",
)
TABLES = (
    get_user_model(),
    get_user_model().groups.through,
    models.CourseRun,
    models.CourseRun.teachers.through,
    models.Enrolment,
    models.LessonProgress,
    models.QuizAttempt,
    models.AttendanceSession,
    models.Attendance,
    models.Certificate,
    models.TemporaryPassword,
    models.SubmittedParticipantForm,
    CourseFormSubmission,
    models.Workplace,
    models.Placement,
)


@pytest.fixture
def world(run, lesson, users):
    """Ids to fill the URLs with: run A with a session and a certificate."""
    session = add_session(run, date(2026, 1, 5), Decimal(3))
    enrolment = run.enrolments.get(participant=users["participant_a"])
    certificate, _created = issue(enrolment, issued_by=users["teacher"])
    levanger = models.Municipality.objects.create(name="Levanger", number="5037")
    workplace = models.Workplace.objects.create(municipality=levanger, name="Rent AS", organisation_number="923609016")
    placement = models.Placement.objects.create(
        enrolment=enrolment, workplace=workplace, start_date=date(2026, 2, 2), end_date=date(2026, 2, 27), weekdays=[1], hours_per_day=6
    )
    values = {
        "run_id": run.pk,
        "enrolment_id": enrolment.pk,
        "session_id": session.pk,
        "page_id": lesson.pk,
        "checklist_id": "for-jobb",
        "quiz_id": "quiz",
        "certificate_id": certificate.pk,
        "code": certificate.code,
        "key": "k" * 32,
        "template_id": "ukeplan",
        "fmt": "pdf",
        "workplace_id": workplace.pk,
        "placement_id": placement.pk,
        "document": "avtale",
    }
    paths = []
    for pattern in urls.urlpatterns:
        kwargs = {name: values.get(name, 1) for name in pattern.pattern.regex.groupindex}
        paths.append(reverse(f"ksi_teaching:{pattern.name}", kwargs=kwargs))
    return {"paths": paths, "users": users}


def counts() -> dict[str, int]:
    return {table._meta.label: table.objects.count() for table in TABLES}


def client_for(role: str, users) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(users[role])
    return client


def check(client: Client, path: str, **request) -> int:
    before = counts()
    response = client.generic("POST", path, **request)
    assert response.status_code < 500, (path, request, response.status_code)
    if response.status_code >= 400:
        assert counts() == before, (path, request, response.status_code)
    return response.status_code


def form_body(fields: dict) -> bytes:
    from urllib.parse import urlencode

    return urlencode(fields, doseq=True).encode()


def test_malformed_bodies_to_every_url_as_every_role(world):
    bodies = [
        ("application/x-www-form-urlencoded", form_body({field: NASTY_VALUES for field in FIELDS})),
        ("application/x-www-form-urlencoded", b"first_name=%ff%fe&names=%00%01%0d&quiz-q1=%C2%B2&item=%80&date=%"),
        ("multipart/form-data; boundary=grense", b'--grense\r\nContent-Disposition: form-data; name="names"\r\n\r\nAmina'),
        ("multipart/form-data", b"no boundary at all"),
        ("application/json", b'{"first_name": "Amina", "names": ["\\u0000"]}'),
        ("application/x-www-form-urlencoded", "Fornavn;Etternavn\r\nAli;Rahimi\r\n".encode("utf-16")),
    ]
    statuses = set()
    for role in ROLES:
        for path in world["paths"]:
            client = client_for(role, world["users"])  # anew for each URL: one of them logs out
            for content_type, data in bodies:
                statuses.add(check(client, path, data=data, content_type=content_type))
    assert statuses & {400, 403, 404, 405}  # refusals were met, so the row-count check had work to do


def test_binary_and_utf16_uploads_to_every_url(world):
    files = [bytes(range(256)) * 4, "Ali Rahimi\n".encode("utf-16-le"), b"PK\x03\x04" + bytes(300), b"\r" * 1000]
    for role in ("teacher", "admin"):
        for path in world["paths"]:
            client = client_for(role, world["users"])  # anew for each URL: one of them logs out
            for content in files:
                boundary = "grense"
                data = (
                    f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="navn.csv"\r\n'
                    f"Content-Type: text/csv\r\n\r\n"
                ).encode() + content + f"\r\n--{boundary}--\r\n".encode()
                check(client, path, data=data, content_type=f"multipart/form-data; boundary={boundary}")


text_values = st.one_of(
    st.text(max_size=40),
    st.sampled_from(NASTY_VALUES),
    st.from_regex(re.compile(r"-?[0-9]{1,8}"), fullmatch=True),
    st.dates().map(date.isoformat),
)
form_fields = st.dictionaries(
    st.one_of(st.sampled_from(FIELDS), st.text(min_size=1, max_size=12)),
    st.lists(text_values, min_size=1, max_size=3),
    max_size=8,
)
raw_bodies = st.tuples(st.sampled_from(CONTENT_TYPES), st.binary(max_size=300))


@settings(
    max_examples=120,
    deadline=None,
    derandomize=True,  # the same examples on every run and in CI; no .hypothesis folder
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    role=st.sampled_from(ROLES),
    path_index=st.integers(min_value=0, max_value=len(urls.urlpatterns) - 1),
    body=st.one_of(form_fields, raw_bodies),
)
def test_random_bodies_never_give_a_server_error(world, role, path_index, body):
    client = client_for(role, world["users"])
    path = world["paths"][path_index]
    if isinstance(body, dict):
        check(client, path, data=form_body(body), content_type="application/x-www-form-urlencoded")
    else:
        content_type, data = body
        check(client, path, data=data, content_type=content_type)
