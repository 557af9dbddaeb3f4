"""The teacher's tasks of issue 20 in a real browser, each new page checked with axe-core: the
login lands on the runs, the progress matrix on a phone scrolls inside its box only, everyone
present in one click, and classroom mode (keys, presenter window, offline once loaded)."""

import re
from datetime import date
from decimal import Decimal

import pytest

from ksi_courses.models import LessonPage
from ksi_courses.teaching.attendance import add_session, present_ids
from ksi_courses.teaching.enrolment import add_participant
from tests.browser.runs import TEACHER_PASSWORD, taught_run
from tests.browser.test_flows import no_sideways_scrolling

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]



@pytest.fixture
def run(django_user_model, settings, tmp_path):
    """The mini course, a run taught by Tone with two participants and a session."""
    run = taught_run(django_user_model, settings, tmp_path)
    add_participant(run, "Amina Hassan-Abdirahman", "Mohamed-Osman")
    add_participant(run, "Bilal", "Ahmadi")
    return run


def log_in(page, live_server) -> None:
    page.goto(live_server.url + "/ksi/logg-inn/")
    page.get_by_label("Brukernavn").fill("tone")
    page.get_by_label("Passord").fill(TEACHER_PASSWORD)
    page.get_by_role("button", name="Logg inn").click()


def test_a_teacher_lands_on_the_runs_and_reads_the_progress_on_a_phone(phone, live_server, run, a11y):
    page = phone
    log_in(page, live_server)
    page.wait_for_url(live_server.url + "/ksi/kurs/")
    a11y.check(page)
    page.get_by_role("link", name=run.title).click()
    page.get_by_role("navigation", name="Kurset").get_by_role("link", name="Framdrift").click()
    page.get_by_role("heading", name="Framdrift").wait_for()
    a11y.check(page)
    no_sideways_scrolling(page)
    box = page.get_by_role("region", name=re.compile("Deltakere og leksjoner"))
    # The table is wider than the phone: it scrolls inside its box …
    assert box.evaluate("el => el.scrollWidth > el.clientWidth + 50"), "the matrix fits the phone: the test proves nothing"
    name = page.get_by_role("rowheader", name=re.compile("Bilal Ahmadi"))
    before = name.bounding_box()["x"]
    box.evaluate("el => { el.scrollLeft = el.scrollWidth; }")
    page.wait_for_function("() => document.querySelector('.ksi-scroll').scrollLeft > 0")
    # … while the names stay where they are, and the page itself does not move sideways.
    assert abs(name.bounding_box()["x"] - before) < 2
    assert page.evaluate("() => window.scrollX") == 0
    no_sideways_scrolling(page)
    # Every lesson is a link.
    for lesson in LessonPage.objects.all():
        assert page.get_by_role("columnheader").get_by_role("link", name=lesson.title).count() == 1


def test_everyone_present_in_one_click(desktop, live_server, run, a11y):
    page = desktop
    session = add_session(run, date(2026, 1, 7), Decimal("3"), "Håndvask")
    log_in(page, live_server)
    page.goto(f"{live_server.url}/ksi/kurs/{run.pk}/oppmote/")
    a11y.check(page)
    assert page.get_by_role("row", name=re.compile("7. januar 2026")).get_by_role("cell", name="3", exact=True).is_visible()
    page.get_by_role("button", name="Alle til stede 7. januar 2026").click()
    page.get_by_text("Oppmøte lagret for 7. januar 2026: alle 2 til stede.").wait_for()
    a11y.check(page)
    assert len(present_ids(session)) == 2
    for url in ("kursbevis/", "skjema/", "passordark/nye/"):  # the other new teacher pages
        page.goto(f"{live_server.url}/ksi/kurs/{run.pk}/{url}")
        a11y.check(page)


def test_classroom_mode_with_keys_a_presenter_window_and_no_network(desktop, live_server, run, a11y):
    page = desktop
    lesson = LessonPage.objects.get(ksi_id="handvask")
    log_in(page, live_server)
    page.wait_for_url(live_server.url + "/ksi/kurs/")
    page.goto(live_server.url + lesson.url)
    guide = page.get_by_role("link", name="Lærerveiledning")
    assert page.locator(guide.get_attribute("href")).count() == 1  # the jump link has its target
    page.get_by_role("link", name="Klasseromsvisning (projektor)").click()
    page.wait_for_url(re.compile(r"/klasserom/"))
    page.wait_for_load_state("networkidle")
    a11y.check(page)
    slides = page.locator(".ksi-slide")
    total = slides.count()
    assert total == 9  # a title slide and one per block; the teacher note is not a slide

    requests = []
    page.context.on("request", lambda request: requests.append(request.url))  # both windows
    page.context.set_offline(True)

    def showing(number):
        page.locator(f"#lysbilde-{number}").wait_for(state="visible")
        assert slides.locator("visible=true").count() == 1

    showing(1)
    page.keyboard.press("ArrowRight")
    showing(2)
    assert page.locator("#lysbilde-2 .ksi-slide__keywords svg").count() == 1  # the key word's picture
    page.keyboard.press("PageDown")
    showing(3)
    page.keyboard.press("PageUp")
    showing(2)
    page.keyboard.press("End")
    showing(total)
    page.keyboard.press("Home")
    showing(1)
    page.locator("#lysbilde-1").click()
    showing(2)

    with page.expect_popup() as opened:
        page.get_by_role("button", name="Lærervisning (nytt vindu)").click()
    presenter = opened.value
    presenter.get_by_text(f"Lysbilde 2 av {total}").wait_for()
    a11y.check(presenter)
    page.bring_to_front()
    for _ in range(6):
        page.keyboard.press("ArrowRight")
    showing(8)
    presenter.get_by_text(f"Lysbilde 8 av {total}: Husk").wait_for()
    assert presenter.get_by_text("Ta med såpe.").is_visible()  # the note that follows the callout block
    # The presenter's own keys move the projector too.
    presenter.bring_to_front()
    presenter.keyboard.press("PageUp")
    showing(7)
    presenter.get_by_text(f"Lysbilde 7 av {total}").wait_for()
    presenter.keyboard.press("PageUp")
    presenter.get_by_text("Hva er viktigst for å stoppe smitte? Håndhygiene").wait_for()  # quiz answers for the teacher
    showing(6)
    assert "Håndhygiene stopper mest smitte." not in page.locator("#lysbilde-6").inner_text()  # not on the projector

    assert requests == [], f"classroom mode made requests after loading: {requests}"
    page.context.set_offline(False)
    assert len(a11y.checked) == 2
