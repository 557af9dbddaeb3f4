"""Practice placements in a real browser (issue 25), each page checked with axe-core: a teacher
registers a workplace, places a participant from the run's "Praksis" tab, and sees them in
"who is where this week"; the timetable shows the same days."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from ksi_courses.teaching.enrolment import add_participant
from ksi_courses.teaching.models import Municipality, Placement
from ksi_courses.teaching.placements import monday_of
from tests.browser.runs import TEACHER_PASSWORD, taught_run
from tests.browser.test_flows import no_sideways_scrolling

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WEEKDAYS = {1: "mandag", 2: "tirsdag", 3: "onsdag", 4: "torsdag", 5: "fredag", 6: "lørdag", 7: "søndag"}


@pytest.fixture
def run(django_user_model, settings, tmp_path):
    """The mini course, a run around today taught by Tone with two participants, and Levanger."""
    today = timezone.localdate()
    run = taught_run(
        django_user_model, settings, tmp_path, title="Renhold høst", start=today - timedelta(days=30), end=today + timedelta(days=60)
    )
    add_participant(run, "Amina", "Hassan")
    add_participant(run, "Bilal", "Ahmadi")
    Municipality.objects.create(name="Levanger", number="5037")
    return run


def test_a_teacher_registers_a_workplace_places_a_participant_and_sees_who_is_where(desktop, live_server, run, a11y):
    page = desktop
    today = timezone.localdate()
    monday = monday_of(today)
    page.goto(live_server.url + "/ksi/logg-inn/")
    page.get_by_label("Brukernavn").fill("tone")
    page.get_by_label("Passord").fill(TEACHER_PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url(live_server.url + "/ksi/kurs/")

    # A workplace, from the account menu; the organisation number typed with spaces.
    page.get_by_role("link", name="Praksissteder").click()
    page.get_by_role("heading", name="Praksissteder").wait_for()
    a11y.check(page)
    page.get_by_role("link", name="Registrer et praksissted").click()
    a11y.check(page)
    page.get_by_label(re.compile("^Navn")).fill("Rent & Pent AS")
    page.get_by_label("Organisasjonsnummer").fill("923 609 017")  # a typing error: the check digit is wrong
    page.get_by_role("button", name="Lagre").click()
    page.get_by_text("923609017 er ikke et gyldig organisasjonsnummer").wait_for()
    a11y.check(page)
    page.get_by_label("Organisasjonsnummer").fill("923 609 016")
    page.get_by_role("button", name="Lagre").click()
    page.get_by_text("Praksisstedet «Rent & Pent AS» er registrert.").wait_for()
    assert page.get_by_role("row", name=re.compile("Rent & Pent AS")).get_by_role("cell", name="923609016").is_visible()

    # The run's "Praksis" tab: place Amina this week and the next three, on Monday and today.
    page.goto(f"{live_server.url}/ksi/kurs/{run.pk}/")
    page.get_by_role("navigation", name="Kurset").get_by_role("link", name="Praksis").click()
    page.get_by_role("heading", name="Praksis", exact=True).wait_for()
    a11y.check(page)
    page.get_by_role("link", name="Gi en deltaker praksisplass").click()
    a11y.check(page)
    page.get_by_label("Deltaker").select_option(label="Amina Hassan")
    page.get_by_label("Praksissted").select_option(label="Rent & Pent AS (Levanger)")
    page.get_by_label("Første dag").fill(monday.isoformat())
    page.get_by_label("Siste dag").fill((monday + timedelta(days=27)).isoformat())
    for number in {1, today.isoweekday()}:
        page.get_by_label(WEEKDAYS[number], exact=True).check()
    page.get_by_label("Timer per dag").fill("6")
    page.get_by_label("Veileder på arbeidsplassen").fill("Siri Veileder")
    page.get_by_role("button", name="Lagre").click()
    page.get_by_text("Praksisplassen til Amina Hassan på Rent & Pent AS er lagret.").wait_for()
    a11y.check(page)
    no_sideways_scrolling(page)

    # Who is where this week: Amina at the workplace today; Bilal nowhere.
    week = page.get_by_role("region", name=re.compile("Hvem er hvor i uke"))
    row = week.get_by_role("row", name=re.compile(WEEKDAYS[today.isoweekday()] + " " + str(today.day) + r"\."))
    assert "Amina Hassan: Rent & Pent AS (6 t)" in row.inner_text()
    assert "Bilal" not in week.inner_text()
    # The agreement is not signed yet: listed for the teacher.
    assert "Amina Hassan – Rent & Pent AS" in page.locator("#uten-avtale + ul").inner_text()
    placement = Placement.objects.get()
    assert (placement.workplace.organisation_number, placement.mentor_name) == ("923609016", "Siri Veileder")

    page.get_by_role("link", name="Timeplan med praksisdager").click()
    page.get_by_role("heading", name="Timeplan", exact=True).wait_for()
    a11y.check(page)
    assert page.get_by_text("Amina Hassan: Rent & Pent AS (6 t)").count() >= 4  # at least one day a week for four weeks
