"""The practice evaluation on the web: the mentor's link (no account), the participant's own part,
and the teacher's page (the permission matrix of these URLs: test_permissions_placement_documents.py).

The mentor link: only the token's SHA-256 is stored; an expired, unknown, malformed, replaced or
guessed token gets one and the same 404 page; the page shows the placement's facts and part 1 of
the form, nothing else; answers are saved as the mentor's evaluation and can be corrected.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import timedelta
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ksi_courses.teaching import mentor_links
from ksi_courses.teaching.placement_models import MentorLink, PlacementEvaluation
from tests.teaching.test_placement_documents import logbook, make_placement  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

PART_1 = "Møter presis og melder fra ved fravær"
PART_2 = "Jeg trivdes på arbeidsplassen."
MENTOR_ANSWERS = {
    "deltaker": "Amina Hassan",
    "arbeidsgiver": "Solsiden sykehjem",
    "veileder": "Mona Veileder",
    "periode": "02.02.2026–27.02.2026",
    "tidspunkt": "Ved slutten av praksisen",
    "ag-presis": "Godt",
    "ag-mestrer": "Rydder godt.",
    "ag-referanse": "on",
}


@pytest.fixture
def placement(run, users, logbook):  # noqa: F811
    return make_placement(run, users["participant_a"])


@pytest.fixture
def placement_b(run, users, logbook):  # noqa: F811
    """Bilal's placement in the same run (another participant)."""
    return make_placement(run, users["participant_b"], mentor_name="Bjørn Butikk")


def mentor_url(token: str) -> str:
    return reverse("ksi_teaching:mentor_evaluation", kwargs={"token": token})


# --- the link ----------------------------------------------------------------------------------


def test_only_the_tokens_hash_is_stored_and_a_link_lasts_30_days(placement, users):
    made = mentor_links.create_link(placement, users["teacher"])
    assert len(made.token) == 43 and mentor_links.TOKEN_PATTERN.fullmatch(made.token)
    row = MentorLink.objects.get()
    assert row.token_hash == hashlib.sha256(made.token.encode()).hexdigest()
    assert made.token not in repr(list(MentorLink.objects.values_list()))
    assert timedelta(days=29, hours=23) < row.expires_at - timezone.now() <= timedelta(days=30)
    assert mentor_links.valid_link(made.token) == row
    with pytest.raises(ValueError, match="1 to 120 days"):
        mentor_links.create_link(placement, users["teacher"], days=0)
    # a new link replaces the old one
    second = mentor_links.create_link(placement, users["teacher"])
    assert mentor_links.valid_link(made.token) is None
    assert mentor_links.valid_link(second.token) == second.link


# --- the mentor's page -------------------------------------------------------------------------


def test_mentor_page_shows_the_facts_and_part_1_only(client, placement, placement_b, users):
    token = mentor_links.create_link(placement, users["teacher"]).token
    response = client.get(mentor_url(token))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert response["Referrer-Policy"] == "same-origin" and response["X-Robots-Tag"] == "noindex, nofollow"
    html = response.content.decode()
    # The address (with the token) goes as ``Referer`` to this site only, and no link leaves it.
    assert off_site_addresses(html) == [] and 'href="/' in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    for shown in (
        "Amina Hassan",
        "Solsiden sykehjem, Fjordgata 3, 7600 Testvik",
        "02.02.2026–27.02.2026",
        PART_1,
        'value="Mona Veileder"',
    ):
        assert shown in html, shown
    # nothing else of the participant, the run or other people
    for hidden in (
        PART_2,
        "amina",
        "Bilal",
        "Bjørn Butikk",
        "Tone Lærer",
        "Minikurs våren 2026",
        "Læringssenteret",
        "mona@solsiden.example",
        "900 11 222",
        "974760673",
        "Dato for samtalen",
    ):
        assert hidden not in html, hidden


def csrf_token_of(html: str) -> str:
    """The CSRF token in the page's own form."""
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert found, "the form has no CSRF token"
    return found[1]


def off_site_addresses(html: str) -> list[str]:
    """Every ``href``, ``src`` and ``action`` of the page that leaves the site (another host or scheme)."""

    class Addresses(HTMLParser):
        def __init__(self):
            super().__init__()
            self.found: list[str] = []

        def handle_starttag(self, tag, attrs):
            self.found += [value or "" for name, value in attrs if name in ("href", "src", "action", "formaction")]

    parser = Addresses()
    parser.feed(html)
    return [address for address in parser.found if urlsplit(address).netloc or urlsplit(address).scheme]


def test_the_mentor_form_is_csrf_protected(placement, users):
    token = mentor_links.create_link(placement, users["teacher"]).token
    url = mentor_url(token)
    # A forging site's post: no CSRF cookie, no token. Refused, nothing saved.
    assert Client(enforce_csrf_checks=True).post(url, MENTOR_ANSWERS).status_code == 403
    # The mentor's own browser (it has the cookie from the page) without the form's token: refused too.
    browser = Client(enforce_csrf_checks=True, headers={"Origin": "http://testserver"})
    html = browser.get(url).content.decode()
    assert browser.post(url, MENTOR_ANSWERS).status_code == 403
    assert not PlacementEvaluation.objects.exists()
    # What ``Referrer-Policy: no-referrer`` made browsers send (``Origin: null``) fails the check even
    # with the token: the reason the page now says ``same-origin``.
    blind = Client(enforce_csrf_checks=True, headers={"Origin": "null"})
    blind_html = blind.get(url).content.decode()
    assert blind.post(url, {**MENTOR_ANSWERS, "csrfmiddlewaretoken": csrf_token_of(blind_html)}).status_code == 403
    assert not PlacementEvaluation.objects.exists()
    # The page's own form, as a browser posts it under ``same-origin``: saved.
    response = browser.post(url, {**MENTOR_ANSWERS, "csrfmiddlewaretoken": csrf_token_of(html)})
    assert response.status_code == 302 and PlacementEvaluation.objects.get().answers["ag-presis"] == "Godt"


def test_mentor_answers_are_saved_can_be_corrected_and_are_checked(placement, placement_b, users):
    token = mentor_links.create_link(placement, users["teacher"]).token
    client = Client()  # CSRF: test_the_mentor_form_is_csrf_protected
    assert token not in client.get(mentor_url(token)).content.decode()
    response = client.post(mentor_url(token), MENTOR_ANSWERS)
    assert response.status_code == 302 and response["Location"] == mentor_url(token)
    evaluation = PlacementEvaluation.objects.get()
    assert (evaluation.placement, evaluation.author) == (placement, "mentor")
    assert evaluation.answers["ag-presis"] == "Godt" and evaluation.answers["ag-referanse"] is True
    assert "Takk! Vurderingen er lagret." in client.get(mentor_url(token)).content.decode()
    client.post(mentor_url(token), {**MENTOR_ANSWERS, "ag-presis": "Meget godt"})
    assert PlacementEvaluation.objects.get().answers["ag-presis"] == "Meget godt"  # corrected, not a second row
    assert not placement_b.evaluations.exists()
    # a bad answer is refused with the field marked, and the saved answers stay
    response = client.post(mentor_url(token), {**MENTOR_ANSWERS, "ag-presis": "Fantastisk"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'aria-invalid="true"' in html and "Fantastisk" in html
    assert PlacementEvaluation.objects.get().answers["ag-presis"] == "Meget godt"


def test_expired_unknown_guessed_and_replaced_links_get_the_same_404(client, placement, placement_b, users):
    expired = mentor_links.create_link(placement_b, users["teacher"], now=timezone.now() - timedelta(days=31)).token
    old = mentor_links.create_link(placement, users["teacher"]).token
    mentor_links.create_link(placement, users["teacher"])  # replaces ``old``
    tokens = {
        "expired": expired,
        "replaced": old,
        "guessed": secrets.token_urlsafe(32),
        "the stored hash": MentorLink.objects.filter(placement=placement).get().token_hash,
        "too short": old[:20],
        "odd characters": "%27%20OR%201=1--",
    }
    pages = {}
    for what, token in tokens.items():
        response = client.get(mentor_url(token))
        assert response.status_code == 404, what
        assert response["Cache-Control"] == "private, no-store" and response["Referrer-Policy"] == "same-origin"
        pages[what] = response.content.decode()
        assert client.post(mentor_url(token), MENTOR_ANSWERS).status_code == 404, what
    assert len(set(pages.values())) == 1, "the 404 pages differ: they must not hint why"
    assert "Amina" not in pages["replaced"] and "Bilal" not in pages["expired"]
    assert not PlacementEvaluation.objects.exists()


def test_a_link_stops_working_when_it_expires(client, placement, users):
    made = mentor_links.create_link(placement, users["teacher"])
    assert client.post(mentor_url(made.token), MENTOR_ANSWERS).status_code == 302
    MentorLink.objects.filter(pk=made.link.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get(mentor_url(made.token)).status_code == 404
    assert client.post(mentor_url(made.token), {**MENTOR_ANSWERS, "ag-presis": "Delvis"}).status_code == 404
    assert PlacementEvaluation.objects.get().answers["ag-presis"] == "Godt"


# --- the participant's part and the teacher's page ---------------------------------------------


def test_participant_fills_in_part_2_of_their_own_placement(client, placement, placement_b, users):
    client.force_login(users["participant_a"])
    dashboard = client.get("/ksi/mine-kurs/").content.decode()
    url = reverse("ksi_teaching:participant_evaluation", kwargs={"placement_id": placement.pk})
    assert url in dashboard
    assert reverse("ksi_teaching:participant_evaluation", kwargs={"placement_id": placement_b.pk}) not in dashboard
    html = client.get(url).content.decode()
    assert PART_2 in html and PART_1 not in html and "Solsiden sykehjem" in html
    response = client.post(url, {"tidspunkt": "Midtveis i praksisen", "d-trivsel": "Bra", "d-laert": "Nye ord."})
    assert response.status_code == 302
    evaluation = PlacementEvaluation.objects.get()
    assert evaluation.author == "participant" and evaluation.answers == {
        "tidspunkt": "Midtveis i praksisen",
        "d-trivsel": "Bra",
        "d-laert": "Nye ord.",
    }
    other = reverse("ksi_teaching:participant_evaluation", kwargs={"placement_id": placement_b.pk})
    assert client.get(other).status_code == 404 and client.post(other, {"d-trivsel": "Bra"}).status_code == 404


def test_teacher_sees_both_evaluations_and_gets_the_link_once(client, run, placement, users):
    mentor_links.save_evaluation(placement, "mentor", {"ag-presis": "Godt", "ag-mestrer": "Rydder godt."})
    mentor_links.save_evaluation(placement, "participant", {"d-trivsel": "Bra"})
    client.force_login(users["teacher"])
    url = reverse("ksi_teaching:placement_evaluations", kwargs={"run_id": run.pk, "placement_id": placement.pk})
    html = client.get(url).content.decode()
    for shown in (PART_1, "Godt", "Rydder godt.", PART_2, "Bra", "avtale.pdf", "taushetserklaering.pdf", "brev.docx"):
        assert shown in html, shown
    response = client.post(
        reverse("ksi_teaching:mentor_link_create", kwargs={"run_id": run.pk, "placement_id": placement.pk})
    )
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    html = response.content.decode()
    token = html.split("/ksi/praksis/vurdering/")[1].split("/")[0]
    assert mentor_links.valid_link(token).placement == placement
    assert token not in client.get(url).content.decode()  # shown once
    bad = client.post(
        reverse("ksi_teaching:mentor_link_create", kwargs={"run_id": run.pk, "placement_id": placement.pk}),
        {"days": "mange"},
    )
    assert bad.status_code == 400 and "mange" in bad.content.decode()
    assert mentor_links.valid_link(token) is not None  # a refused request leaves the link as it was
