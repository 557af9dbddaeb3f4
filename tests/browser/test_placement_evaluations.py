"""The mentor's evaluation in a real browser: the teacher makes a link and copies it, a fresh browser
(no account, no cookies) opens it and fills in part 1, the teacher sees the answers in the run;
the participant fills in part 2. Both forms are CSRF-protected and post with the site's Origin
(``Referrer-Policy: same-origin``). Every page is checked with axe-core."""

import re
from datetime import date
from decimal import Decimal

import pytest

from ksi_courses.teaching.enrolment import add_participant
from ksi_courses.teaching.models import Municipality, TemporaryPassword
from ksi_courses.teaching.placement_models import Placement, PlacementEvaluation, Workplace
from tests.browser.conftest import PHONE
from tests.browser.runs import TEACHER_PASSWORD, taught_run

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PART_1_PUNCTUAL = "Møter presis og melder fra ved fravær"
PARTICIPANT_PASSWORD = "Vask og sol 2026"


@pytest.fixture
def placement(django_user_model, settings, tmp_path):
    """The mini course, a run taught by Tone, and Amina placed at a nursing home."""
    run = taught_run(django_user_model, settings, tmp_path)
    amina = django_user_model.objects.get(username=add_participant(run, "Amina", "Hassan").username)
    amina.set_password(PARTICIPANT_PASSWORD)  # her own password: no first-login page in the way
    amina.save()
    TemporaryPassword.objects.filter(user=amina).delete()
    workplace = Workplace.objects.create(
        municipality=Municipality.objects.create(name="Testvik kommune", number="5037"),
        name="Solsiden sykehjem",
        organisation_number="974760673",
        address="Fjordgata 3",
    )
    return Placement.objects.create(
        enrolment=run.enrolments.get(),
        workplace=workplace,
        start_date=date(2026, 2, 2),
        end_date=date(2026, 2, 27),
        weekdays=[2, 4],
        hours_per_day=Decimal("7.5"),
        mentor_name="Mona Veileder",
    )


def test_teacher_makes_a_link_the_mentor_fills_it_in_and_the_teacher_sees_it(
    browser, desktop, live_server, placement, a11y
):
    run = placement.enrolment.run
    page = desktop
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.goto(live_server.url + "/ksi/logg-inn/")
    page.get_by_label("Brukernavn").fill("tone")
    page.get_by_label("Passord").fill(TEACHER_PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url(live_server.url + "/ksi/kurs/")
    teacher_page = f"{live_server.url}/ksi/kurs/{run.pk}/praksis/{placement.pk}/vurdering/"
    page.goto(teacher_page)
    page.get_by_role("heading", name="Praksisplass: Amina Hassan").wait_for()
    a11y.check(page)
    page.get_by_label("Antall dager lenken gjelder").fill("14")
    page.get_by_role("button", name="Lag en lenke til veilederen").click()
    link = page.get_by_label("Lenke for veilederen").input_value()
    assert link.startswith(f"{live_server.url}/ksi/praksis/vurdering/")
    page.get_by_role("button", name="Kopier lenken").click()
    assert page.evaluate("() => navigator.clipboard.readText()") == link
    a11y.check(page)

    # The mentor: a fresh browser context, on a phone, with no account and no cookies.
    mentor_context = browser.new_context(viewport=PHONE, locale="nb-NO")
    mentor = mentor_context.new_page()
    mentor.set_default_timeout(15_000)
    opened = mentor.goto(link)
    assert opened.header_value("referrer-policy") == "same-origin"
    mentor.get_by_role("heading", name="Evaluering av praksis").first.wait_for()
    # The link's address goes as Referer to this site only: no link, form or resource leaves it.
    addresses = mentor.evaluate(
        "() => [...document.querySelectorAll('[href], [src], form')].map(e => e.href || e.src || e.action)"
    )
    assert addresses and all(address.startswith(live_server.url + "/") for address in addresses), addresses
    assert mentor.get_by_label("Veileder på arbeidsplassen").input_value() == "Mona Veileder"
    assert "Jeg trivdes på arbeidsplassen" not in mentor.content()  # part 2 is the participant's
    a11y.check(mentor)
    mentor.get_by_role("group", name="Når gjøres evalueringen?").get_by_label("Ved slutten av praksisen").check()
    mentor.get_by_role("group", name=PART_1_PUNCTUAL).get_by_label("Godt", exact=True).check()
    mentor.get_by_label("Dette mestrer deltakeren godt").fill("Rydder grundig og spør når noe er uklart.")
    # The form is CSRF-protected (no csrf_exempt): chromium's POST carries the site's Origin and the token.
    with mentor.expect_request(lambda request: request.method == "POST") as posted:
        mentor.get_by_role("button", name="Lagre evalueringen").click()
    assert posted.value.header_value("origin") == live_server.url
    assert "csrfmiddlewaretoken=" in posted.value.post_data
    mentor.get_by_text("Takk! Vurderingen er lagret.").wait_for()
    a11y.check(mentor)
    mentor_context.close()

    evaluation = PlacementEvaluation.objects.get(placement=placement, author="mentor")
    assert evaluation.answers["ag-presis"] == "Godt"

    page.goto(teacher_page)
    mentor_part = page.get_by_role("region", name="Veileder på arbeidsplassen (del 1)")
    mentor_part.get_by_text("Rydder grundig og spør når noe er uklart.").wait_for()
    assert "Godt" in mentor_part.inner_text() and PART_1_PUNCTUAL in mentor_part.inner_text()
    assert link not in page.content()  # the link was shown once


def test_the_participant_saves_part_2_from_a_phone(browser, live_server, placement, a11y):
    """Her form is CSRF-protected too, and its POST must carry the site's Origin (``same-origin``)."""
    context = browser.new_context(viewport=PHONE, locale="nb-NO")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(live_server.url + "/ksi/logg-inn/")
    page.get_by_label("Brukernavn").fill(placement.enrolment.participant.username)
    page.get_by_label("Passord").fill(PARTICIPANT_PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url(live_server.url + "/ksi/mine-kurs/")
    opened = page.goto(f"{live_server.url}/ksi/mine-kurs/praksis/{placement.pk}/vurdering/")
    assert opened.header_value("referrer-policy") == "same-origin"
    page.get_by_role("group", name="Når gjøres evalueringen?").get_by_label("Midtveis i praksisen").check()
    page.get_by_role("group", name="Jeg trivdes på arbeidsplassen.").get_by_label("Bra", exact=True).check()
    a11y.check(page)
    with page.expect_request(lambda request: request.method == "POST") as posted:
        page.get_by_role("button", name=re.compile("^Lagre")).click()
    assert posted.value.header_value("origin") == live_server.url
    page.get_by_text("Takk! Svarene dine er lagret.").wait_for()
    context.close()
    evaluation = PlacementEvaluation.objects.get(placement=placement, author="participant")
    assert evaluation.answers["d-trivsel"] == "Bra"
