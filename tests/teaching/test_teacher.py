"""The teacher's pages through HTTP: runs, participants, passwords, attendance, progress,
certificates and the CSV report."""

import csv
import io
import re
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from ksi_courses.teaching import progress
from ksi_courses.teaching.attendance import add_session, record_attendance
from ksi_courses.teaching.models import Attendance, Certificate, CourseRun

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def teacher_client(client, users):
    client.force_login(users["teacher"])
    return client


def test_a_teacher_sets_up_a_run_and_teaches_it(teacher_client, course, users):
    response = teacher_client.post(
        "/ksi/kurs/ny/",
        {"course": course.pk, "title": "Høst 2026", "place": "Rådhuset", "start_date": "2026-09-01", "end_date": "2026-11-30",
         "schedule": "Tirsdager 9–12", "teachers": [users["other_teacher"].pk]},
    )
    run = CourseRun.objects.get(title="Høst 2026")
    assert response["Location"] == f"/ksi/kurs/{run.pk}/"
    assert set(run.teachers.all()) == {users["teacher"], users["other_teacher"]}
    html = teacher_client.get(response["Location"]).content.decode()
    assert "Kurset «Høst 2026» er opprettet." in html and "Tirsdager 9–12" in html


def test_run_dates_are_checked(teacher_client, course):
    response = teacher_client.post(
        "/ksi/kurs/ny/", {"course": course.pk, "title": "Feil", "start_date": "2026-09-01", "end_date": "2026-08-01"}
    )
    assert response.status_code == 400  # a refused form is a 4xx (issue #14)
    assert "Sluttdatoen er før startdatoen" in response.content.decode()
    assert not CourseRun.objects.filter(title="Feil").exists()


def test_the_run_list_shows_only_the_teachers_own_runs(client, run, users, course):
    CourseRun.objects.create(course=course, title="Olavs kurs", start_date=date(2026, 1, 1), end_date=date(2026, 2, 1)).teachers.add(
        users["other_teacher"]
    )
    client.force_login(users["teacher"])
    html = client.get("/ksi/kurs/").content.decode()
    assert run.title in html and "Olavs kurs" not in html and "2 deltakere" in html
    client.force_login(users["admin"])
    html = client.get("/ksi/kurs/").content.decode()
    assert run.title in html and "Olavs kurs" in html


def test_adding_one_participant_shows_the_password_once(teacher_client, run):
    # POST → redirect → GET (tests/teaching/test_adding_participants.py has the reload and double click)
    response = teacher_client.post(f"/ksi/kurs/{run.pk}/deltakere/ny/", {"first_name": "Liv", "last_name": "Berg"}, follow=True)
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    html = response.content.decode()
    password = re.search(r'name="password" value="([^"]+)"', html).group(1)
    assert f'<td class="ksi-secret">{password}</td>' in html and "liv.berg" in html
    user = get_user_model().objects.get(username="liv.berg")
    assert user.check_password(password) and password not in user.password
    assert password not in teacher_client.get(f"/ksi/kurs/{run.pk}/").content.decode()


def test_only_an_admin_adds_an_existing_account_by_username(client, run, users, django_user_model):
    django_user_model.objects.create_user("samira", first_name="Samira", last_name="Noor")
    client.force_login(users["admin"])
    assert 'name="username"' in client.get(f"/ksi/kurs/{run.pk}/deltakere/ny/").content.decode()
    response = client.post(f"/ksi/kurs/{run.pk}/deltakere/ny/", {"username": "samira"}, follow=True)
    assert "Samira Noor er lagt til på kurset." in response.content.decode()
    response = client.post(f"/ksi/kurs/{run.pk}/deltakere/ny/", {"username": "samira", "first_name": "X"})
    assert "Fyll ut enten deltakerens navn eller et brukernavn som finnes, ikke begge." in response.content.decode()
    response = client.post(f"/ksi/kurs/{run.pk}/deltakere/ny/", {"username": "finnesikke"})
    assert "«finnesikke» kunne ikke legges til." in response.content.decode()


def test_a_teacher_cannot_reach_or_probe_existing_accounts(teacher_client, run, users, django_user_model):
    django_user_model.objects.create_superuser("admin", password="admin-pw")
    assert 'name="username"' not in teacher_client.get(f"/ksi/kurs/{run.pk}/deltakere/ny/").content.decode()
    pages = {}
    for username in ("admin", "kari", "olav", "finnesikke"):
        response = teacher_client.post(f"/ksi/kurs/{run.pk}/deltakere/ny/", {"username": username})
        assert response.status_code == 400
        html = response.content.decode().replace(username, "NAVN")
        pages[username] = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
        assert "Fornavnet mangler: skriv deltakerens fornavn." in html
    assert len(set(pages.values())) == 1, "the answer must not depend on whether the username exists"
    assert set(run.enrolments.values_list("participant__username", flat=True)) == {"amina", "bilal"}
    # A name always makes a new account with a fresh username, never an existing one.
    response = teacher_client.post(
        f"/ksi/kurs/{run.pk}/deltakere/ny/", {"first_name": "Admin", "last_name": "", "username": "admin"}, follow=True
    )
    assert re.search(r'name="username" value="admin2"', response.content.decode())
    assert not run.enrolments.filter(participant__username="admin").exists()


def test_a_csv_of_names_creates_accounts_and_a_printable_password_sheet(teacher_client, run):
    upload = SimpleUploadedFile("navn.csv", "Fornavn;Etternavn\nBjørn;Ås\nMaria José;da Silva\n".encode("cp1252"))
    response = teacher_client.post(f"/ksi/kurs/{run.pk}/deltakere/liste/", {"file": upload}, follow=True)
    html = response.content.decode()
    usernames = re.findall(r'name="username" value="([^"]+)"', html)
    passwords = re.findall(r'name="password" value="([^"]+)"', html)
    assert usernames == ["bjorn.as", "maria.silva"] and len(passwords) == 2
    assert run.enrolments.count() == 4
    sheet = teacher_client.post(f"/ksi/kurs/{run.pk}/passordark/", {"username": usernames, "password": passwords})
    assert sheet["Content-Type"] == "application/pdf" and sheet["Cache-Control"] == "no-store"
    text = pdf_text(sheet.content)
    for expected in ("Innlogging for deltakerne", run.title, "Bjørn Ås", "bjorn.as", passwords[0], "Maria José da Silva", passwords[1],
                     "http://testserver/ksi/logg-inn/"):
        assert expected in text, expected


def test_the_password_sheet_names_only_participants_of_the_run(teacher_client, run, django_user_model):
    django_user_model.objects.create_user("utenfor", first_name="Ikke", last_name="Med")
    response = teacher_client.post(f"/ksi/kurs/{run.pk}/passordark/", {"username": ["utenfor"], "password": ["x"]}, follow=True)
    assert "Det var ingen passord å skrive ut." in response.content.decode()


def test_a_bad_name_list_is_refused_with_the_line(teacher_client, run):
    response = teacher_client.post(f"/ksi/kurs/{run.pk}/deltakere/liste/", {"names": "Amina;Hassan\n;Ahmadi\n"})
    assert "Linje 2: fornavnet mangler." in response.content.decode()
    assert run.enrolments.count() == 2


def test_a_teacher_gives_a_new_one_time_password(teacher_client, run, users):
    target = run.enrolments.get(participant=users["participant_a"])
    response = teacher_client.post(f"/ksi/kurs/{run.pk}/deltakere/{target.pk}/nytt-passord/")
    password = re.search(r'name="password" value="([^"]+)"', response.content.decode()).group(1)
    users["participant_a"].refresh_from_db()
    assert users["participant_a"].check_password(password)


def test_new_passwords_only_for_plain_participants_of_the_teachers_own_runs(teacher_client, run, users, course, django_user_model):
    """The takeover of issue #14: an admin account enrolled in a teacher's run, or a participant
    who is also in another teacher's run, gets no password button and a 403."""
    superuser = django_user_model.objects.create_superuser("admin", password="admin-pw")
    run_b = CourseRun.objects.create(course=course, title="Olavs kurs", start_date=date(2026, 1, 1), end_date=date(2026, 2, 1))
    run_b.teachers.add(users["other_teacher"])
    run_b.enrolments.create(participant=users["participant_b"])
    targets = [run.enrolments.create(participant=superuser), run.enrolments.create(participant=users["admin"]),
               run.enrolments.get(participant=users["participant_b"])]
    html = teacher_client.get(f"/ksi/kurs/{run.pk}/").content.decode()
    assert html.count("/nytt-passord/") == 1 and html.count("Spør kommuneadministratoren") == 3
    for target in targets:
        response = teacher_client.post(f"/ksi/kurs/{run.pk}/deltakere/{target.pk}/nytt-passord/")
        assert response.status_code == 403
    superuser.refresh_from_db()
    assert superuser.check_password("admin-pw") and users["admin"].check_password("pw-kari")
    assert django_user_model.objects.get(username="bilal").check_password("pw-bilal")


def test_taking_attendance(teacher_client, run, users):
    response = teacher_client.post(f"/ksi/kurs/{run.pk}/oppmote/", {"date": "2026-01-05", "hours": "3", "topic": "Håndvask"})
    session = run.sessions.get()
    assert response["Location"] == f"/ksi/kurs/{run.pk}/oppmote/{session.pk}/"
    html = teacher_client.get(response["Location"]).content.decode()
    assert "Amina Hassan" in html and "Bilal Ahmadi" in html
    amina = run.enrolments.get(participant=users["participant_a"])
    response = teacher_client.post(response["Location"], {"present": [str(amina.pk)]}, follow=True)
    assert "Oppmøtet er lagret: 1 av 2 til stede." in response.content.decode()
    assert {(a.enrolment.participant.username, a.present) for a in Attendance.objects.all()} == {("amina", True), ("bilal", False)}
    # Saving again updates the same rows.
    teacher_client.post(f"/ksi/kurs/{run.pk}/oppmote/{session.pk}/", {"present": []})
    assert Attendance.objects.count() == 2 and not Attendance.objects.filter(present=True).exists()
    assert teacher_client.post(f"/ksi/kurs/{run.pk}/oppmote/", {"date": "2026-01-06", "hours": "0"}).status_code == 400


def test_the_progress_matrix(teacher_client, run, lesson, other_lesson, users):
    amina = users["participant_a"]
    progress.set_completed(amina, lesson)
    progress.submit_quiz(amina, lesson, "quiz", {"q1": [0]})
    progress.save_checklist(users["participant_b"], lesson, "for-jobb", ["sapa"])
    html = teacher_client.get(f"/ksi/kurs/{run.pk}/framdrift/").content.decode()
    rows = re.findall(r"<tr>(.*?)</tr>", html, re.S)
    amina_row = next(row for row in rows if "Amina Hassan" in row)
    bilal_row = next(row for row in rows if "Bilal Ahmadi" in row)
    assert "fullført" in amina_row and "quiz 1/3" in amina_row and "1/2" in amina_row
    assert "påbegynt" in bilal_row and "0/2" in bilal_row
    assert "Håndvask" in html and "Renholdsutstyr" in html


def test_issuing_certificates_and_the_pdf(teacher_client, client, run, lesson, other_lesson, users):
    amina = run.enrolments.get(participant=users["participant_a"])
    session = add_session(run, date(2026, 1, 5), Decimal("2.5"))
    record_attendance(session, [amina.pk])
    html = teacher_client.get(f"/ksi/kurs/{run.pk}/kursbevis/").content.decode()
    assert "Amina Hassan – 0 av 2 leksjoner fullført, 2,5 timer oppmøte" in html
    # 0 of 2 lessons: issuing needs the teacher's explicit confirmation (see test_teacher_tasks).
    response = teacher_client.post(f"/ksi/kurs/{run.pk}/kursbevis/", {"enrolments": [str(amina.pk)], "confirm_early": "on"}, follow=True)
    assert "1 kursbevis er laget." in response.content.decode()
    certificate = Certificate.objects.get()
    assert (certificate.enrolment, certificate.issued_by, certificate.hours) == (amina, users["teacher"], Decimal("2.5"))
    assert len(certificate.code) >= 22
    pdf = teacher_client.get(f"/ksi/kursbevis/{certificate.pk}/pdf/")
    assert pdf["Content-Type"] == "application/pdf"
    text = pdf_text(pdf.content)
    for expected in ("KURSBEVIS", "Amina Hassan", "har deltatt på kurset", "0 av 2 fullført", "Minikurs for testing", "5. januar 2026 – 27. mars 2026", "2,5 timer",
                     f"http://testserver/ksi/bevis/{certificate.code}/", "Første modul"):
        assert expected in text, expected
    client.force_login(users["participant_a"])
    dashboard = client.get("/ksi/mine-kurs/").content.decode()
    assert f"/ksi/kursbevis/{certificate.pk}/pdf/" in dashboard
    assert client.get(f"/ksi/kursbevis/{certificate.pk}/pdf/").status_code == 200


def test_the_public_check_shows_only_name_course_dates_and_hours(client, run, users):
    certificate = Certificate.objects.create(enrolment=run.enrolments.get(participant=users["participant_a"]), hours=Decimal(12))
    html = client.get(f"/ksi/bevis/{certificate.code}/").content.decode()
    main = html[html.index("<main"):html.index("</main>")]
    for expected in ("Dette kursbeviset er ekte.", "Amina Hassan", "Minikurs for testing", "5. januar 2026", "27. mars 2026", "12"):
        assert expected in main, expected
    for private in ("amina", run.title, run.place, "Tone"):
        assert private not in main, private
    assert client.get("/ksi/bevis/feil-kode/").status_code == 404


def test_certificate_on_completion(client, run, lesson, other_lesson, users):
    run.auto_certificate = True
    run.save()
    client.force_login(users["participant_a"])
    client.post(f"/ksi/leksjon/{lesson.pk}/fullfort/")
    assert not Certificate.objects.exists()
    response = client.post(f"/ksi/leksjon/{other_lesson.pk}/fullfort/", follow=True)
    assert "Du har fullført kurset. Kursbeviset ditt ligger klart under «Mine kurs»." in response.content.decode()
    certificate = Certificate.objects.get()
    assert certificate.enrolment.participant == users["participant_a"] and certificate.issued_by is None


def test_the_csv_report(teacher_client, run, lesson, other_lesson, users):
    amina = run.enrolments.get(participant=users["participant_a"])
    users["participant_b"].first_name = "=HYPERLINK(1)"
    users["participant_b"].save()
    for day, hours in ((5, "3"), (6, "2.5")):
        record_attendance(add_session(run, date(2026, 1, day), Decimal(hours)), [amina.pk])
    progress.set_completed(users["participant_a"], lesson)
    progress.set_completed(users["participant_a"], other_lesson)
    progress.submit_quiz(users["participant_a"], lesson, "quiz", {"q1": [1]})
    progress.submit_quiz(users["participant_a"], lesson, "quiz", {"q1": [0], "q2": [0, 1]})
    Certificate.objects.create(enrolment=amina, hours=Decimal("5.5"))
    response = teacher_client.get(f"/ksi/kurs/{run.pk}/rapport.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))
    by_user = {row["brukernavn"]: row for row in rows}
    assert by_user["amina"] == {
        "brukernavn": "amina", "navn": "Amina Hassan", "oppmøte_timer": "5,5", "oppmøte_økter": "2", "økter_i_alt": "2",
        "leksjoner_fullført": "2", "leksjoner_i_alt": "2", "quizer_besvart": "1", "quizer_i_alt": "1", "quiz_riktige": "2",
        "quiz_spørsmål": "3", "fullført": "ja", "kursbevis_utstedt": by_user["amina"]["kursbevis_utstedt"],
        "vurderinger_registrert": "0", "sluttvurdering_ferdigheter": "", "sluttvurdering_quiz": "", "praksislogg_oppgaver": "0",
        "praksis_timer": "0",
    }
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", by_user["amina"]["kursbevis_utstedt"])
    assert by_user["bilal"]["navn"] == "'=HYPERLINK(1) Ahmadi"  # a spreadsheet must not run it
    assert (by_user["bilal"]["fullført"], by_user["bilal"]["oppmøte_timer"]) == ("nei", "0")



def test_a_teacher_cannot_lock_themselves_out_of_a_run(teacher_client, run, users, course):
    data = {"course": course.pk, "title": run.title, "start_date": "2026-01-05", "end_date": "2026-03-27", "teachers": [users["other_teacher"].pk]}
    assert teacher_client.post(f"/ksi/kurs/{run.pk}/endre/", data)["Location"] == f"/ksi/kurs/{run.pk}/"
    assert set(run.teachers.all()) == {users["teacher"], users["other_teacher"]}
