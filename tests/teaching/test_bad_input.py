"""Bad input gives a clear 4xx with a message, never a 500, and writes nothing (issue #14, group 5)."""

import re
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from ksi_courses.form_pages import CourseFormPage, CourseFormSubmission
from ksi_courses.teaching.models import AttendanceSession, CourseRun, QuizAttempt
from ksi_courses.teaching.name_lists import ParticipantError, decode_upload, parse_names

pytestmark = pytest.mark.django_db

QUIZ_URL = "/ksi/leksjon/{}/quiz/quiz/"


@pytest.fixture
def teacher_client(client, users):
    client.force_login(users["teacher"])
    return client


# --- quiz values -----------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["²", "٣", "1" * 5000, "-" + "9" * 5000, "0x1", " 1", "1\x00", ""])
def test_odd_quiz_values_are_a_400_and_no_attempt(client, lesson, users, value):
    client.force_login(users["participant_a"])
    response = client.post(QUIZ_URL.format(lesson.pk), {"quiz-q1": value})
    assert response.status_code == 400
    assert "out of range" in response.content.decode()  # the message, on the lesson page itself
    response = client.post(QUIZ_URL.format(lesson.pk), {"quiz-q1": value}, headers={"Accept": "application/json"})
    assert response.status_code == 400 and response.json()["ok"] is False
    assert not QuizAttempt.objects.exists()


# --- name lists ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Amina Hassan\rBilal Ahmadi\r", [("Amina", "Hassan"), ("Bilal", "Ahmadi")]),  # old Mac line ends
        ("Amina;Hassan\r\nBilal;Ahmadi", [("Amina", "Hassan"), ("Bilal", "Ahmadi")]),
        ("Amina Hassan\r", [("Amina", "Hassan")]),  # a bare \r at the end
        ("\r\rLiv Berg\u2028Ola Nordmann", [("Liv", "Berg"), ("Ola", "Nordmann")]),
        ("\u200fأمينة\u200f حسن\n", [("أمينة", "حسن")]),  # direction marks are dropped
        ("Liv\u00a0Berg\n", [("Liv", "Berg")]),  # a no-break space is a space
    ],
)
def test_every_kind_of_line_end_is_read(text, names):
    assert parse_names(text) == names


@pytest.mark.parametrize("text", ["Amina\x00 Hassan", "Amina\x07Hassan", "Bilal \x1bAhmadi", "Liv \ufffdBerg", "Ola\x7fNordmann"])
def test_control_characters_are_refused_with_the_line(text):
    with translation.override("en"), pytest.raises(ParticipantError, match="Line 2: the name has a character that cannot be used"):
        parse_names("Kari Nordmann\n" + text + "\n")


def test_utf16_and_utf8_with_bom_are_decoded():
    text = "Fornavn;Etternavn\r\nAlina;Ødegård\r\nОлена;Коваль\r\n"
    for encoding in ("utf-16", "utf-8-sig", "utf-32"):
        assert parse_names(decode_upload(text.encode(encoding))) == [("Alina", "Ødegård"), ("Олена", "Коваль")]


@pytest.mark.parametrize(
    "data",
    [
        "Alina Berg".encode("utf-16-le"),  # UTF-16 without BOM: NUL bytes
        b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)),  # an .xlsx
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3",
        b"\x89PNG\r\n\x1a\n" + bytes(64),
        bytes(range(256)),
    ],
)
def test_binary_files_are_refused(data):
    with translation.override("en"), pytest.raises(ParticipantError, match="not a list of names in plain text"):
        parse_names(decode_upload(data))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("\ufeffAli Rahimi\n".encode("utf-16-le"), None),  # read: UTF-16 with its BOM
        ("Ali Rahimi\n".encode("utf-16-le"), "Filen er ikke en navneliste i ren tekst."),
        (b"Ali Rahimi\nAmi\x00na Hassan\n", "Filen er ikke en navneliste i ren tekst."),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "Filen er ikke en navneliste i ren tekst."),
        (b"Ali Rahimi\nAmina\x1bHassan\n", "Linje 2: navnet har et tegn som ikke kan brukes"),
    ],
)
def test_an_upload_is_read_or_refused_with_a_400_and_nothing_stored(teacher_client, run, content, message):
    users_before = get_user_model().objects.count()
    upload = SimpleUploadedFile("navn.csv", content)
    response = teacher_client.post(f"/ksi/kurs/{run.pk}/deltakere/liste/", {"file": upload})
    if message is None:
        assert response.status_code == 302
        assert get_user_model().objects.filter(username="ali.rahimi", first_name="Ali").exists()
    else:
        assert response.status_code == 400 and message in response.content.decode()
        assert get_user_model().objects.count() == users_before and run.enrolments.count() == 2


def test_a_name_with_a_control_character_is_refused_when_added_alone(teacher_client, run):
    response = teacher_client.post(f"/ksi/kurs/{run.pk}/deltakere/ny/", {"first_name": "Li\x07v", "last_name": "Berg"})
    assert response.status_code == 400 and "kontrolltegn" in response.content.decode()
    assert run.enrolments.count() == 2


# --- attendance ------------------------------------------------------------------------------------


def test_the_attendance_list_of_a_run_without_participants_is_a_409_not_a_500(teacher_client, course, users):
    empty = CourseRun.objects.create(course=course, title="Tomt kurs", start_date=date(2026, 1, 5), end_date=date(2026, 3, 27))
    empty.teachers.add(users["teacher"])
    page = teacher_client.get(f"/ksi/kurs/{empty.pk}/").content.decode()
    assert "oppmoteliste.pdf" not in page and "legg til deltakere og økter først" in page
    for query in ("", "?utfyllbar=1"):
        response = teacher_client.get(f"/ksi/kurs/{empty.pk}/oppmoteliste.pdf{query}")
        assert response.status_code == 409 and "Oppmøtelista trenger deltakere og økter." in response.content.decode()


def test_the_attendance_list_of_a_run_without_sessions_is_a_409(teacher_client, run):
    assert teacher_client.get(f"/ksi/kurs/{run.pk}/oppmoteliste.pdf").status_code == 409


@pytest.mark.parametrize("day", ["2026-01-04", "2026-03-28", "0001-01-01", "9999-12-31", "2026-02-30", "20260105"])
def test_session_dates_outside_the_run_are_refused(teacher_client, run, day):
    response = teacher_client.post(f"/ksi/kurs/{run.pk}/oppmote/", {"date": day, "hours": "3"})
    assert response.status_code == 400
    assert not AttendanceSession.objects.exists()


def test_session_dates_inside_the_run_are_taken(teacher_client, run):
    for day in ("2026-01-05", "2026-03-27"):
        assert teacher_client.post(f"/ksi/kurs/{run.pk}/oppmote/", {"date": day, "hours": "3"}).status_code == 302
    assert AttendanceSession.objects.count() == 2


@pytest.mark.parametrize(("start", "end"), [("0001-01-01", "2026-03-01"), ("2026-01-01", "9999-12-31"), ("1999-12-31", "2000-01-02")])
def test_run_dates_in_odd_years_are_refused(teacher_client, course, start, end):
    data = {"course": course.pk, "title": "Rart", "start_date": start, "end_date": end}
    response = teacher_client.post("/ksi/kurs/ny/", data)
    assert response.status_code == 400 and "Velg en dato mellom 01.01.2000 og 31.12.2099." in response.content.decode()
    assert not CourseRun.objects.filter(title="Rart").exists()


# --- form pages --------------------------------------------------------------------------------------


def test_every_form_page_field_has_a_length_cap(client, course):
    page = CourseFormPage.objects.get(ksi_id="egen-sjekkliste")
    form_class = page.get_form_class()
    for name, field in form_class.base_fields.items():
        assert getattr(field, "max_length", None), name
    big = {"rom": "x" * 20_000, "gjort": "y" * 20_000}
    for _ in range(3):
        response = client.post(page.url, big)
        assert response.status_code == 200  # the form again, with the errors
    assert not CourseFormSubmission.objects.exists()
    assert client.post(page.url, {"rom": "Kjøkken", "gjort": "Gulv; ja"}).status_code == 200
    assert CourseFormSubmission.objects.count() == 1


def test_an_id_too_large_for_the_database_is_a_404_on_every_url(client, users):
    """A guessed or mistyped address with an id beyond the database's integers is a 404, never a
    500 (SQLite raises OverflowError on integers above 2**63 - 1)."""
    from django.urls import get_resolver

    client.force_login(users["admin"])
    huge = "9" * 25
    checked = 0
    for pattern in get_resolver().url_patterns:
        if getattr(pattern, "app_name", None) != "ksi_teaching":
            continue
        for route in pattern.url_patterns:
            text = str(route.pattern)
            if "<id:" in text:
                path = "/ksi/" + re.sub(r"<id:\w+>", huge, re.sub(r"<(?:slug|str):\w+>", "x", text))
            elif "(?P<run_id>" in text:  # the two routes that need a regular expression
                key, rest = "k" * 16, text.lstrip("^").rstrip("$")
                path = "/ksi/" + re.sub(r"\(\?P<run_id>[^)]*\)", huge, rest)
                path = re.sub(r"\(\?P<key>[^)]*\)", key, path)
                path = re.sub(r"\(\?P<template_id>[^)]*\)", "kursplan", path)
                path = re.sub(r"\(\?P<fmt>[^)]*\)", "pdf", path).replace("\\.", ".")
            else:
                continue
            assert client.get(path).status_code == 404, path
            checked += 1
    assert checked >= 20
