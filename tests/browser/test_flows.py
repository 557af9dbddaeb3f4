"""The two flows of issue 8 in a real browser, each page checked with axe-core.

A participant on a phone logs in with a one-time password, chooses a password, completes a
lesson with checklist and quiz and sees the progress; a teacher adds a participant, takes
attendance, looks at the progress and issues a certificate that the public check confirms.
"""

import io
import re
from datetime import date

import pytest
from django.contrib.auth.models import Group
from pypdf import PdfReader

from course_content import load_course
from ksi_courses.content_import import import_course
from ksi_courses.models import LessonPage
from ksi_courses.teaching.enrolment import add_participant
from ksi_courses.teaching.models import Certificate, CourseRun, Enrolment, LessonProgress, QuizAttempt
from ksi_courses.teaching.roles import TEACHER_GROUP
from tests.paths import MINI_COURSE

# Transactional (the live server reads what the test writes) and restored from the migrated
# state first: an earlier transactional test flushed the page tree and the role groups.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def run(django_user_model, settings, tmp_path):
    """The mini course and a run taught by Tone."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    import_course(load_course(MINI_COURSE))
    lesson = LessonPage.objects.get(ksi_id="handvask")
    teacher = django_user_model.objects.create_user("tone", password="Tavle og kritt 1", first_name="Tone", last_name="Lærer")
    teacher.groups.add(Group.objects.get(name=TEACHER_GROUP))
    run = CourseRun.objects.create(
        course=lesson.get_course_page(), title="Minikurs våren 2026", place="Læringssenteret",
        start_date=date(2026, 1, 5), end_date=date(2026, 3, 27),
    )
    run.teachers.add(teacher)
    return run


def no_sideways_scrolling(page) -> None:
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url} is {width}px wide on a {page.viewport_size['width']}px screen"


def test_a_participant_completes_a_lesson_on_a_phone(phone, live_server, run, a11y):
    page = phone
    lesson = LessonPage.objects.get(ksi_id="handvask")
    credentials = add_participant(run, "Amina", "Hassan")

    page.goto(live_server.url + lesson.url)
    a11y.check(page)
    no_sideways_scrolling(page)
    page.get_by_role("link", name="Logg inn for å lagre framdriften").first.click()
    a11y.check(page)
    page.get_by_label("Brukernavn").fill(credentials.username)
    page.get_by_label("Passord").fill(credentials.password)
    page.get_by_role("button", name="Logg inn").click()

    page.wait_for_url(re.compile(r"/ksi/passord/"))
    a11y.check(page)
    # The first login does not ask for the one-time password again.
    page.get_by_label("Nytt passord:", exact=True).fill("Såpe og vann 2026")
    page.get_by_label("Skriv det nye passordet en gang til").fill("Såpe og vann 2026")
    page.get_by_role("button", name="Lagre passordet").click()

    page.wait_for_url(live_server.url + lesson.url)
    a11y.check(page)
    assert "0 av 2 leksjoner fullført" in page.content()

    # The checklist saves itself (JavaScript) and says so.
    page.get_by_label("Jeg har såpe.").check()
    page.get_by_label("Jeg har papir.").check()
    page.get_by_text("Lagret: 2 punkter er krysset av.").wait_for()
    a11y.check(page)

    # The answers are not in the page before submitting.
    assert "Håndhygiene stopper mest smitte." not in page.content()
    quiz = page.locator("#quiz-quiz")
    quiz.get_by_label("Håndhygiene").check()
    quiz.get_by_label("Etter toalettet").check()
    quiz.get_by_label("Før du lager mat").check()
    quiz.get_by_label("Riktig").check()  # wrong on purpose: you cannot use sanitiser on visibly dirty hands
    quiz.get_by_role("button", name="Sjekk svarene").click()
    page.wait_for_url(re.compile(r"#quiz-quiz$"))
    a11y.check(page)
    assert page.get_by_text("Du svarte riktig på 2 av 3 spørsmål.").is_visible()
    assert quiz.locator(".ksi-result--right").count() == 2 and quiz.locator(".ksi-result--wrong").count() == 1
    assert quiz.get_by_text("Når hendene er synlig skitne, må du vaske med såpe og vann.").is_visible()

    page.get_by_role("button", name="Merk leksjonen som fullført").click()
    page.get_by_text("Leksjonen er merket som fullført.").wait_for()
    a11y.check(page)
    no_sideways_scrolling(page)
    assert "1 av 2 leksjoner fullført" in page.content()
    assert page.locator("progress").first.get_attribute("value") == "1"

    page.reload()
    assert page.get_by_label("Jeg har såpe.").is_checked() and page.get_by_label("Jeg har papir.").is_checked()
    assert quiz.get_by_label("Håndhygiene").is_checked()

    page.get_by_role("link", name="Minikurs for testing").first.click()  # breadcrumbs → the course page
    a11y.check(page)
    assert "1 av 2 leksjoner fullført" in page.content()
    page.goto(live_server.url + "/ksi/mine-kurs/")
    a11y.check(page)
    no_sideways_scrolling(page)

    participant = Enrolment.objects.get(run=run).participant
    progress = LessonProgress.objects.get(participant=participant)
    assert progress.completed_at is not None and progress.checklist == {"for-jobb": ["sapa", "papir"]}
    assert list(QuizAttempt.objects.values_list("correct", "total")) == [(2, 3)]
    assert len(a11y.checked) == 9


def test_a_teacher_takes_attendance_and_issues_a_certificate(desktop, live_server, run, a11y):
    page = desktop
    amina = add_participant(run, "Amina", "Hassan")
    add_participant(run, "Bilal", "Ahmadi")
    participant = Enrolment.objects.get(run=run, participant__username=amina.username).participant
    for lesson in LessonPage.objects.all():
        LessonProgress.objects.create(participant=participant, lesson=lesson, completed_at="2026-02-01T10:00:00+01:00")

    page.goto(live_server.url + "/ksi/logg-inn/")
    a11y.check(page)
    page.get_by_label("Brukernavn").fill("tone")
    page.get_by_label("Passord").fill("Tavle og kritt 1")
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url(re.compile(r"/ksi/kurs/$"))  # a teacher lands on the course runs (issue 20)
    a11y.check(page)
    page.get_by_role("link", name=run.title).click()
    a11y.check(page)

    page.get_by_role("link", name="Legg til en deltaker").click()
    a11y.check(page)
    page.get_by_label("Fornavn").fill("Olena")
    page.get_by_label("Etternavn").fill("Kovalenko")
    page.get_by_role("button", name="Legg til", exact=True).click()
    page.get_by_role("heading", name="Engangspassord").wait_for()
    a11y.check(page)
    assert page.get_by_role("cell", name="olena.kovalenko").is_visible()
    page.get_by_role("link", name="Tilbake til kurset").click()

    page.get_by_role("navigation", name="Kurset").get_by_role("link", name="Oppmøte").click()
    a11y.check(page)
    page.get_by_label("Dato").fill("2026-01-05")
    page.get_by_label("Timer").fill("3")
    page.get_by_label("Tema").fill("Håndvask")
    page.get_by_role("button", name="Legg til økten og registrer oppmøte").click()
    page.get_by_role("heading", name="Oppmøte 5. januar 2026").wait_for()
    a11y.check(page)
    page.get_by_label("Amina Hassan").check()
    page.get_by_label("Olena Kovalenko").check()
    page.get_by_role("button", name="Lagre oppmøtet").click()
    page.get_by_text("Oppmøtet er lagret: 2 av 3 til stede.").wait_for()
    a11y.check(page)

    page.get_by_role("link", name="Framdrift").click()
    a11y.check(page)
    row = page.get_by_role("row", name=re.compile("Amina Hassan"))
    assert "2/2" in row.inner_text() and "3 t (1/1)" in row.inner_text()

    page.get_by_role("link", name="Kursbevis").click()
    a11y.check(page)
    page.get_by_label(re.compile("^Amina Hassan – 2 av 2 leksjoner fullført, 3 timer oppmøte")).check()
    page.get_by_role("button", name="Lag kursbevisene").click()
    page.get_by_text("1 kursbevis er laget.").wait_for()
    a11y.check(page)
    certificate = Certificate.objects.get()
    assert certificate.issued_by.username == "tone" and certificate.hours == 3

    with page.expect_download() as download:
        page.get_by_role("link", name="kursbeviset til Amina Hassan (PDF)").click()
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(download.value.path().read_bytes())).pages)
    assert "Amina Hassan" in text and "3 timer" in text and certificate.code in text

    page.get_by_role("link", name="offentlig kontroll").click()
    a11y.check(page)
    assert page.get_by_text("Dette kursbeviset er ekte.").is_visible()
    assert len(a11y.checked) == 12
