"""Two municipalities share a course run (issue 23), in a real browser, each page checked with axe-core.

Levanger's admin sets up a run hosted by Levanger and adds one participant from each municipality;
the participant from Verdal completes a lesson; Verdal's admin then sees that participant's
progress and NIR export row, and nothing of Levanger's participant.
"""

import csv
import io
import re

import pytest
from django.contrib.auth.models import Group

from course_content import load_course
from ksi_courses.content_import import import_course
from ksi_courses.models import LessonPage
from ksi_courses.teaching.models import CourseRun, Municipality, MunicipalityMembership
from ksi_courses.teaching.roles import ADMIN_GROUP
from tests.paths import MINI_COURSE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "Kommune og region 1"


@pytest.fixture
def region(django_user_model, settings, tmp_path):
    """The mini course, Levanger and Verdal, and an admin for each."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    import_course(load_course(MINI_COURSE))
    municipalities = {
        "levanger": Municipality.objects.create(name="Levanger kommune", number="5037"),
        "verdal": Municipality.objects.create(name="Verdal kommune", number="5038"),
    }
    for username, first, key in (("lena", "Lena", "levanger"), ("vera", "Vera", "verdal")):
        admin = django_user_model.objects.create_user(username, password=PASSWORD, first_name=first, last_name="Admin")
        admin.groups.add(Group.objects.get(name=ADMIN_GROUP))
        MunicipalityMembership.objects.create(user=admin, municipality=municipalities[key])
    return municipalities


def log_in(page, live_server, username: str, password: str = PASSWORD) -> None:
    page.goto(live_server.url + "/ksi/logg-inn/")
    page.get_by_label("Brukernavn").fill(username)
    page.get_by_label("Passord").fill(password)
    page.get_by_role("button", name="Logg inn").click()


def add_participant(page, first: str, last: str, home: str | None) -> tuple[str, str]:
    """Add one participant from the run page; returns the username and one-time password shown."""
    page.get_by_role("link", name="Legg til en deltaker").click()
    page.get_by_label("Fornavn").fill(first)
    page.get_by_label("Etternavn").fill(last)
    if home:
        page.get_by_label("Hjemkommune").select_option(label=home)
    page.get_by_role("button", name="Legg til", exact=True).click()
    page.get_by_role("heading", name="Engangspassord").wait_for()
    row = page.get_by_role("row", name=re.compile(f"{first} {last}"))
    username, password = (cell.inner_text().strip() for cell in row.locator("td").all())
    page.get_by_role("link", name="Tilbake til kurset").click()
    return username, password


def test_two_municipalities_share_a_run(browser, live_server, region, a11y):
    levanger = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nb-NO", accept_downloads=True)
    page = levanger.new_page()
    page.set_default_timeout(15_000)
    log_in(page, live_server, "lena")
    page.wait_for_url(re.compile(r"/ksi/kurs/$"))
    page.get_by_role("link", name="Opprett et nytt kurs").click()
    a11y.check(page)
    # The host is the admin's own municipality unless they choose another.
    assert page.get_by_label("Vertskommune").input_value() == str(region["levanger"].pk)
    page.get_by_label(re.compile("^Kurs:?$")).select_option(label="Minikurs for testing")
    page.get_by_label("Tittel").fill("Felles renhold Innherred")
    page.get_by_label("Startdato").fill("2026-01-05")
    page.get_by_label("Sluttdato").fill("2026-03-27")
    page.get_by_role("button", name="Lagre").click()
    page.get_by_role("heading", name="Felles renhold Innherred").wait_for()
    a11y.check(page)
    run = CourseRun.objects.get(title="Felles renhold Innherred")
    assert run.host_municipality == region["levanger"]

    add_participant(page, "Amina", "Hassan", None)  # the default: the host, Levanger
    a11y.check(page)
    bilal, one_time = add_participant(page, "Bilal", "Ahmadi", "Verdal kommune")
    homes = dict(MunicipalityMembership.objects.filter(user__ksi_enrolments__run=run).values_list("user__first_name", "municipality__number"))
    assert homes == {"Amina": "5037", "Bilal": "5038"}
    levanger.close()

    # Bilal completes a lesson.
    participant = browser.new_context(viewport={"width": 375, "height": 667}, locale="nb-NO")
    page = participant.new_page()
    page.set_default_timeout(15_000)
    log_in(page, live_server, bilal, one_time)
    page.wait_for_url(re.compile(r"/ksi/passord/"))
    page.get_by_label("Nytt passord:", exact=True).fill("Såpe og vann 2026")
    page.get_by_label("Skriv det nye passordet en gang til").fill("Såpe og vann 2026")
    page.get_by_role("button", name="Lagre passordet").click()
    page.wait_for_url(re.compile(r"/ksi/mine-kurs/"))
    page.goto(live_server.url + LessonPage.objects.get(ksi_id="handvask").url)
    page.get_by_role("button", name="Merk leksjonen som fullført").click()
    page.get_by_text("Leksjonen er merket som fullført.").wait_for()
    participant.close()

    # Verdal's admin sees Bilal's progress and export row, nothing of Amina.
    verdal = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nb-NO", accept_downloads=True)
    page = verdal.new_page()
    page.set_default_timeout(15_000)
    log_in(page, live_server, "vera")
    page.wait_for_url(re.compile(r"/ksi/kurs/$"))
    a11y.check(page)
    assert page.get_by_text("Arrangeres av Levanger kommune").is_visible()
    page.get_by_role("link", name="Felles renhold Innherred").click()
    a11y.check(page)
    assert "Bilal Ahmadi" in page.content() and "Amina" not in page.content()
    page.get_by_role("navigation", name="Kurset").get_by_role("link", name="Framdrift").click()
    page.get_by_role("heading", name="Framdrift").wait_for()
    a11y.check(page)
    row = page.get_by_role("row", name=re.compile("Bilal Ahmadi"))
    assert "1/2" in row.inner_text()
    assert "Amina" not in page.content()

    page.goto(live_server.url + "/ksi/kurs/")
    page.get_by_role("link", name="Rapporter").click()
    a11y.check(page)
    assert page.get_by_label("Kommune").locator("option").all_inner_texts() == ["Verdal kommune"]
    page.get_by_label("Fra").fill("2026-01-01")
    page.get_by_label("Til").fill("2026-06-30")
    with page.expect_download() as download:
        page.get_by_role("button", name="Last ned (CSV)").click()
    rows = list(csv.reader(io.StringIO(download.value.path().read_text(encoding="utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["kommunenummer", "etternavn", "fornavn", "brukernavn"]
    assert [(row[0], row[2], row[3]) for row in rows[1:]] == [("5038", "Bilal", bilal)]
    assert "Amina" not in download.value.path().read_text(encoding="utf-8-sig")
    verdal.close()
    assert len(a11y.checked) == 7
