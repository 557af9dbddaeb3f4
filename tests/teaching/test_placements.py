"""Practice placements, the teacher's side (issue 25): workplaces, placing participants without
overlaps, the week overview and timetable, the CSVs, and export and erase of a participant."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import threading
from datetime import date, timedelta
from decimal import Decimal

import pytest
import yaml
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection
from django.test import Client
from django.utils import timezone

from course_content.logbook import Logbook
from ksi_courses.teaching import placements, privacy
from ksi_courses.teaching.attendance import add_session
from ksi_courses.teaching.models import (
    MentorLink,
    Municipality,
    MunicipalityMembership,
    Placement,
    PlacementEvaluation,
    Workplace,
)
from ksi_courses.teaching.placement_forms import WorkplaceForm
from tests.paths import FIXTURES

# --- pure: days, hours, weeks --------------------------------------------------------------------


def test_placement_days_fall_on_the_chosen_weekdays_only():
    # 5 Jan 2026 is a Monday; two weeks of Monday, Wednesday.
    days = list(placements.placement_days(date(2026, 1, 5), date(2026, 1, 18), [1, 3]))
    assert days == [date(2026, 1, 5), date(2026, 1, 7), date(2026, 1, 12), date(2026, 1, 14)]
    assert list(placements.placement_days(date(2026, 1, 6), date(2026, 1, 6), [1])) == []


def test_weeks_are_read_as_iso_weeks():
    assert placements.parse_week("2026-W03") == date(2026, 1, 12)
    for bad in ("2026-W60", "neste", "9999-W52", "0001-W01", "2026-W٣", "2026-W+3", "2026-W"):
        assert placements.parse_week(bad) is None, bad
    assert placements.monday_of(date(2026, 1, 18)) == date(2026, 1, 12)
    assert placements.weekdays_text([5, 1, 3]) == "man, ons, fre"


# --- the world -----------------------------------------------------------------------------------

NUMBER, OTHER_NUMBER = "923609016", "974760673"  # valid (mod 11)


@pytest.fixture
def logbook(monkeypatch):
    book = Logbook.model_validate(yaml.safe_load((FIXTURES / "mini-course-logbook.yaml").read_text(encoding="utf-8")))
    monkeypatch.setattr("ksi_courses.sheets.shipped_logbook", lambda course_page: book)
    return book


@pytest.fixture
def places(run, users, course):
    """Levanger with a cleaning company; Verdal (where Olav works) with a shop."""
    levanger = Municipality.objects.create(name="Levanger", number="5037")
    verdal = Municipality.objects.create(name="Verdal", number="5038")
    MunicipalityMembership.objects.create(user=users["other_teacher"], municipality=verdal)
    return {
        "levanger": levanger,
        "verdal": verdal,
        "renhold": Workplace.objects.create(
            municipality=levanger, name="Rent & Pent AS", organisation_number=NUMBER, course=course
        ),
        "butikk": Workplace.objects.create(municipality=verdal, name="Nærbutikken", organisation_number=OTHER_NUMBER),
    }


@pytest.fixture
def teacher_client(users) -> Client:
    client = Client()
    client.force_login(users["teacher"])
    return client


def place(enrolment, workplace, start, end, weekdays=(1, 2), hours="6", **extra) -> Placement:
    values = {
        "workplace": workplace,
        "start_date": start,
        "end_date": end,
        "weekdays": list(weekdays),
        "hours_per_day": Decimal(hours),
        **extra,
    }
    return placements.save_placement(enrolment, values)


def form_data(enrolment, workplace, start="2026-02-02", end="2026-02-27", weekdays=("1", "3"), **extra) -> dict:
    return {
        "enrolment": enrolment.pk,
        "workplace": workplace.pk,
        "start_date": start,
        "end_date": end,
        "weekdays": list(weekdays),
        "hours_per_day": "6",
        "mentor_name": "Siri Veileder",
        "status": "planned",
        **extra,
    }


# --- workplaces ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ("923 609 016", None),
        (" 923609016 ", None),
        (
            "923 609 017",
            "923609017 er ikke et gyldig organisasjonsnummer: sjekk sifrene (det siste er et kontrollsiffer).",
        ),
        ("92360901", "Et organisasjonsnummer har ni sifre, for eksempel 923 609 016."),
        ("92a609016", "Et organisasjonsnummer har ni sifre, for eksempel 923 609 016."),
    ],
)
@pytest.mark.django_db
def test_organisation_numbers_with_spaces_are_kept_as_digits_and_checked(typed, error):
    levanger = Municipality.objects.create(name="Levanger", number="5037")
    form = WorkplaceForm(
        {"municipality": levanger.pk, "name": "Rent AS", "organisation_number": typed},
        municipalities=Municipality.objects.all(),
    )
    if error is None:
        assert form.is_valid(), form.errors
        assert form.save().organisation_number == "923609016"
    else:
        assert form.errors == {"organisation_number": [error]}


@pytest.mark.django_db
def test_approval_needs_the_date_it_was_checked_and_not_a_future_one():
    levanger = Municipality.objects.create(name="Levanger", number="5037")
    base = {"municipality": levanger.pk, "name": "Rent AS", "organisation_number": NUMBER}

    def errors(**extra):
        form = WorkplaceForm({**base, **extra}, municipalities=Municipality.objects.all())
        form.is_valid()
        return form.errors

    assert "må være godkjent" in errors(approval_required="on")["approval_checked_on"][0]
    assert "fram i tid" in errors(approval_required="on", approval_checked_on="2099-01-01")["approval_checked_on"][0]
    assert "krever godkjenning" in errors(approval_link="https://www.arbeidstilsynet.no/")["approval_required"][0]
    assert (
        errors(
            approval_required="on", approval_checked_on="2026-01-02", approval_link="https://www.arbeidstilsynet.no/"
        )
        == {}
    )


@pytest.mark.django_db
def test_a_teacher_registers_a_workplace_in_their_municipality_only(places, users, teacher_client):
    # Tone belongs to no municipality: she manages every municipality's workplaces.
    page = teacher_client.get("/ksi/praksissteder/").content.decode()
    assert "Rent &amp; Pent AS" in page and "Nærbutikken" in page
    response = teacher_client.post(
        "/ksi/praksissteder/ny/",
        {
            "municipality": places["levanger"].pk,
            "name": "Vask og Skinn",
            "organisation_number": "974 760 673",
            "approval_required": "on",
            "approval_checked_on": "2026-01-02",
            "offers": "Kontorrenhold",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/ksi/praksissteder/"
    made = Workplace.objects.get(name="Vask og Skinn")
    assert (made.organisation_number, made.approval_checked_on) == ("974760673", date(2026, 1, 2))
    # Olav belongs to Verdal: he sees Verdal's workplaces, and Levanger's are not found.
    olav = Client()
    olav.force_login(users["other_teacher"])
    page = olav.get("/ksi/praksissteder/").content.decode()
    assert "Nærbutikken" in page and "Rent &amp; Pent AS" not in page
    assert olav.get(f"/ksi/praksissteder/{places['renhold'].pk}/").status_code == 404
    refused = olav.post(
        "/ksi/praksissteder/ny/", {"municipality": places["levanger"].pk, "name": "X", "organisation_number": NUMBER}
    )
    assert refused.status_code == 400 and not Workplace.objects.filter(name="X").exists()
    bad = teacher_client.post(
        f"/ksi/praksissteder/{places['renhold'].pk}/",
        {"municipality": places["levanger"].pk, "name": "Rent & Pent AS", "organisation_number": "923 609 017"},
    )
    assert bad.status_code == 400 and "923609017 er ikke et gyldig organisasjonsnummer" in bad.content.decode()
    assert Workplace.objects.get(pk=places["renhold"].pk).organisation_number == NUMBER


@pytest.mark.django_db
def test_without_a_municipality_the_page_says_what_to_do(teacher_client, users):
    response = teacher_client.get("/ksi/praksissteder/ny/")
    assert response.status_code == 409
    assert "Kommuneadministratoren legger inn kommunen først" in response.content.decode()


# --- placing participants -------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_teacher_places_a_participant_with_tasks_from_the_logbook(run, places, logbook, teacher_client):
    amina = run.enrolments.get(participant__username="amina")
    page = teacher_client.get(f"/ksi/kurs/{run.pk}/praksis/ny/").content.decode()
    assert "Uke 1: Vask hendene før du begynner." in page and "Rent &amp; Pent AS (Levanger)" in page
    data = form_data(amina, places["renhold"], tasks=["1/vask-hendene", "1/se-vasken"], mentor_phone="99 88 77 66")
    response = teacher_client.post(f"/ksi/kurs/{run.pk}/praksis/ny/", data)
    assert response.status_code == 302 and response["Location"] == f"/ksi/kurs/{run.pk}/praksis/"
    saved = Placement.objects.get(enrolment=amina)
    assert (saved.weekdays, saved.tasks, saved.mentor_phone) == (
        [1, 3],
        ["1/vask-hendene", "1/se-vasken"],
        "99 88 77 66",
    )
    assert placements.placement_hours(saved) == Decimal(48)  # 8 days (Mon + Wed, four weeks) × 6 h
    unknown = teacher_client.post(
        f"/ksi/kurs/{run.pk}/praksis/ny/", form_data(amina, places["renhold"], tasks=["9/finnes-ikke"])
    )
    assert unknown.status_code == 400 and Placement.objects.count() == 1


@pytest.mark.django_db
def test_an_overlapping_placement_is_refused_with_the_other_one_named(run, places, teacher_client):
    amina = run.enrolments.get(participant__username="amina")
    first = place(amina, places["renhold"], date(2026, 2, 2), date(2026, 2, 27), weekdays=(1, 3))
    response = teacher_client.post(
        f"/ksi/kurs/{run.pk}/praksis/ny/",
        form_data(amina, places["butikk"], start="2026-02-16", end="2026-03-13", weekdays=("3", "5")),
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "Amina Hassan er allerede på Rent &amp; Pent AS 18.02.2026 (praksisperioden 02.02.2026 – 27.02.2026)" in text
    assert list(Placement.objects.all()) == [first]
    # Other days in the same weeks are fine; so are periods that only meet on days neither works.
    assert place(amina, places["butikk"], date(2026, 2, 16), date(2026, 3, 13), weekdays=(2, 4, 5))
    assert place(amina, places["butikk"], date(2026, 2, 27), date(2026, 3, 3), weekdays=(1,))  # 27 Feb is a Friday
    # Editing a placement does not clash with itself; moving it onto another does.
    edit = form_data(
        amina,
        places["renhold"],
        start="2026-02-02",
        end="2026-02-20",
        weekdays=("1", "3"),
        agreement_signed_on="2026-01-20",
    )
    assert teacher_client.post(f"/ksi/kurs/{run.pk}/praksis/{first.pk}/", edit).status_code == 302
    first.refresh_from_db()
    assert (first.end_date, first.agreement_signed_on) == (date(2026, 2, 20), date(2026, 1, 20))
    with pytest.raises(placements.PlacementOverlap, match="Nærbutikken"):
        placements.save_placement(
            amina, {"start_date": date(2026, 2, 2), "end_date": date(2026, 2, 20), "weekdays": [1, 2]}, first
        )
    # Another participant may be at the same workplace on the same days.
    bilal = run.enrolments.get(participant__username="bilal")
    assert place(bilal, places["renhold"], date(2026, 2, 2), date(2026, 2, 27), weekdays=(1, 3))


@pytest.mark.django_db
def test_a_broken_off_placement_with_a_future_last_day_is_refused_by_the_service_itself(run, places):
    """Every caller, not only the form: the rule lives in :func:`placements.save_placement`."""
    amina = run.enrolments.get(participant__username="amina")
    today = timezone.localdate()
    future = {
        "workplace": places["renhold"],
        "start_date": today - timedelta(days=14),
        "end_date": today + timedelta(days=7),
        "weekdays": [1, 2, 3, 4, 5],
        "hours_per_day": Decimal(6),
        "status": Placement.Status.BROKEN_OFF,
    }
    with pytest.raises(ValidationError) as refused:
        placements.save_placement(amina, future)
    assert list(refused.value.message_dict) == ["end_date"]
    assert "den dagen den ble avbrutt" in refused.value.message_dict["end_date"][0]
    assert not Placement.objects.exists()
    # An update that only changes the status is checked against the placement's own last day.
    running = placements.save_placement(amina, {**future, "status": Placement.Status.RUNNING})
    with pytest.raises(ValidationError, match="end_date"):
        placements.save_placement(amina, {"status": Placement.Status.BROKEN_OFF}, running)
    running.refresh_from_db()
    assert (running.status, running.end_date) == (Placement.Status.RUNNING, today + timedelta(days=7))
    # Broken off today, with today as the last day, is what the rule asks for.
    broken = placements.save_placement(amina, {"status": Placement.Status.BROKEN_OFF, "end_date": today}, running)
    assert (broken.status, broken.end_date) == (Placement.Status.BROKEN_OFF, today)


BAD_PLACEMENTS = [
    ({"end": "2026-01-30"}, "end_date", "Siste dag er før første dag: velg en dato fra og med 02.02.2026."),
    ({"start": "2026-02-03", "end": "2026-02-03", "weekdays": ("1",)}, "weekdays", "Ingen av de valgte dagene"),
    ({"start": "1999-02-03"}, "start_date", "Velg en dato mellom 2000 og 2099."),
    ({"status": "broken_off", "end": "2099-02-03"}, "end_date", "den dagen den ble avbrutt"),
    ({"agreement_signed_on": "2099-01-01"}, "agreement_signed_on", "kan ikke være fram i tid"),
    ({"hours_per_day": "13"}, "hours_per_day", "12"),
    ({"weekdays": ("8",)}, "weekdays", "8"),
    ({"mentor_email": "siri@"}, "mentor_email", "e-post"),
]


@pytest.mark.django_db
def test_bad_placements_get_a_clear_message_at_the_field(run, places, teacher_client):
    amina = run.enrolments.get(participant__username="amina")
    wrong = []
    for change, field, message in BAD_PLACEMENTS:
        data = form_data(
            amina, places["renhold"], **{k: v for k, v in change.items() if k in ("start", "end", "weekdays")}
        )
        data.update({k: v for k, v in change.items() if k not in ("start", "end", "weekdays")})
        response = teacher_client.post(f"/ksi/kurs/{run.pk}/praksis/ny/", data)
        errors = " ".join(response.context["form"].errors.get(field, []))
        if response.status_code != 400 or message not in errors:
            wrong.append(f"{change}: {response.status_code} {dict(response.context['form'].errors)}")
    assert not wrong, "\n".join(wrong)
    assert not Placement.objects.exists()


@pytest.mark.django_db
def test_the_other_teachers_run_and_workplaces_are_out_of_reach(run, places, users):
    amina = run.enrolments.get(participant__username="amina")
    placement = place(amina, places["renhold"], date(2026, 2, 2), date(2026, 2, 27))
    olav = Client()
    olav.force_login(users["other_teacher"])
    for url in (
        f"/ksi/kurs/{run.pk}/praksis/",
        f"/ksi/kurs/{run.pk}/praksis/{placement.pk}/",
        f"/ksi/kurs/{run.pk}/praksis.csv",
    ):
        assert olav.get(url).status_code == 404


# --- overview, timetable, CSV ----------------------------------------------------------------------


@pytest.mark.django_db
def test_the_overview_shows_who_is_where_and_what_is_missing(run, places, teacher_client):
    amina = run.enrolments.get(participant__username="amina")
    bilal = run.enrolments.get(participant__username="bilal")
    place(
        amina,
        places["renhold"],
        date(2026, 2, 2),
        date(2026, 2, 27),
        weekdays=(1, 3),
        mentor_name="Siri",
        agreement_signed_on=date(2026, 1, 20),
    )
    ended = place(bilal, places["butikk"], date(2026, 1, 12), date(2026, 1, 23), weekdays=(2,), status="ended")
    PlacementEvaluation.objects.create(placement=ended, author="participant", answers={"trivsel": "bra"})
    add_session(run, date(2026, 2, 3), Decimal(3), "Kjemikalier")
    response = teacher_client.get(f"/ksi/kurs/{run.pk}/praksis/?uke=2026-W06")
    html = response.content.decode()
    assert "Hvem er hvor i uke 6" in html
    monday = html.split("mandag 2. februar")[1].split("</tr>")[0]
    assert "Amina Hassan: Rent &amp; Pent AS (6 t)" in monday
    tuesday = html.split("tirsdag 3. februar")[1].split("</tr>")[0]
    assert "3 t: Kjemikalier" in tuesday and "Amina" not in tuesday
    not_signed = html.split('id="uten-avtale"')[1].split("<h2")[0]
    assert "Bilal Ahmadi – Nærbutikken" in not_signed and "Amina" not in not_signed
    missing = html.split('id="mangler-evaluering"')[1]
    assert "Bilal Ahmadi – Nærbutikken: mangler fra veileder" in missing and "deltaker" not in missing.split("</ul>")[0]
    for bad in ("neste", "9999-W52", "0001-W01"):
        assert teacher_client.get(f"/ksi/kurs/{run.pk}/praksis/?uke={bad}").status_code == 404
    # The timetable lists every week with sessions or placement days, classroom beside practice.
    timetable = teacher_client.get(f"/ksi/kurs/{run.pk}/timeplan/").content.decode()
    assert "Uke 3 (fra 12. januar 2026)" in timetable and "Uke 6 (fra 2. februar 2026)" in timetable
    assert "Uke 4 (fra 19. januar 2026)" in timetable and "Uke 5 (fra" not in timetable
    assert (
        "tirsdag 20. januar" in timetable.split("Uke 4")[1]
        and "Bilal Ahmadi: Nærbutikken" in timetable.split("Uke 4")[1]
    )


@pytest.mark.django_db
def test_placement_hours_in_the_run_report_and_the_placements_csv(run, places, teacher_client):
    amina = run.enrolments.get(participant__username="amina")
    bilal = run.enrolments.get(participant__username="bilal")
    place(amina, places["renhold"], date(2026, 2, 2), date(2026, 2, 27), weekdays=(1, 3), hours="6")
    # Broken off after two Tuesdays: the last day is the day it was broken off.
    broken = place(
        bilal,
        places["butikk"],
        date(2026, 1, 12),
        date(2026, 1, 20),
        weekdays=(2,),
        hours="4.5",
        status="broken_off",
        mentor_name="=HYPERLINK(1)",
    )
    place(amina, places["butikk"], date(2026, 3, 2), date(2026, 3, 6), weekdays=(5,), hours="7.5", status="planned")
    PlacementEvaluation.objects.create(placement=broken, author="mentor", answers={})
    report = teacher_client.get(f"/ksi/kurs/{run.pk}/rapport.csv").content.decode("utf-8")[1:]
    rows = {row["brukernavn"]: row for row in csv.DictReader(io.StringIO(report), delimiter=";")}
    assert (rows["amina"]["praksis_timer"], rows["bilal"]["praksis_timer"]) == ("55,5", "9")
    response = teacher_client.get(f"/ksi/kurs/{run.pk}/praksis.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="praksis-{run.pk}.csv"'
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))
    assert [(r["brukernavn"], r["arbeidssted"], r["fra"]) for r in rows] == [
        ("bilal", "Nærbutikken", "2026-01-12"),
        ("amina", "Rent & Pent AS", "2026-02-02"),
        ("amina", "Nærbutikken", "2026-03-02"),
    ]
    assert rows[0] == {
        "brukernavn": "bilal",
        "navn": "Bilal Ahmadi",
        "arbeidssted": "Nærbutikken",
        "organisasjonsnummer": OTHER_NUMBER,
        "kommune": "Verdal",
        "fra": "2026-01-12",
        "til": "2026-01-20",
        "dager": "tir",
        "timer_per_dag": "4,5",
        "praksis_timer": "9",
        "status": "avbrutt",
        "avtale_signert": "",
        "veileder": "'=HYPERLINK(1)",
        "oppgaver": "0",
        "evaluering_veileder": "ja",
        "evaluering_deltaker": "nei",
    }
    assert (rows[1]["dager"], rows[1]["praksis_timer"], rows[1]["status"]) == ("man, ons", "48", "planlagt")


# --- privacy -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_export_and_erase_cover_placements_and_evaluations(run, places, users):
    from django.utils import timezone

    amina = run.enrolments.get(participant__username="amina")
    placement = place(
        amina,
        places["renhold"],
        date(2026, 2, 2),
        date(2026, 2, 27),
        mentor_name="Siri Veileder",
        mentor_email="siri@rentogpent.no",
        tasks=["1/se-vasken"],
        status="ended",
    )
    PlacementEvaluation.objects.create(placement=placement, author="mentor", answers={"oppmote": "Alltid presis"})
    MentorLink.objects.create(placement=placement, token_hash="a" * 64, expires_at=timezone.now())
    exported = privacy.export_user_data(users["participant_a"])
    json.dumps(exported)  # JSON-ready
    [entry] = exported["placements"]
    assert (entry["workplace"], entry["organisation_number"], entry["start_date"], entry["tasks"]) == (
        "Rent & Pent AS",
        NUMBER,
        "2026-02-02",
        ["1/se-vasken"],
    )
    assert entry["mentor"]["email"] == "siri@rentogpent.no"
    assert entry["evaluations"][0]["answers"] == {"oppmote": "Alltid presis"}
    assert privacy.export_user_data(users["participant_b"])["placements"] == []
    kept = privacy.erase_user(users["participant_a"])
    assert kept["placements"] == 1
    placement.refresh_from_db()
    assert (placement.mentor_name, placement.mentor_email, placement.mentor_phone) == ("", "", "")
    assert not PlacementEvaluation.objects.exists() and not MentorLink.objects.exists()
    # The hours stay in the run's figures.
    assert placements.hours_by_enrolment(run) == {amina.pk: Decimal(48)}


# --- two saves at once ---------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_overlapping_saves_at_once_let_exactly_one_through(run, places, monkeypatch):
    """Each thread has its own connection and transaction, as two requests do. Both threads wait
    for each other right after the overlap check: without the lock on the enrolment row both
    would pass it. With the lock the second waits for the first to commit (the barrier gives up
    after a second), then sees its placement. SQLite serialises whole transactions anyway; there
    the threads take turns."""
    amina = run.enrolments.get(participant__username="amina")
    barrier = threading.Barrier(2)
    real = placements.first_clash

    def clash_then_wait(*args, **kwargs):
        found = real(*args, **kwargs)
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait(timeout=1)
        return found

    monkeypatch.setattr(placements, "first_clash", clash_then_wait)
    parallel = connection.vendor == "postgresql"
    turn = threading.Lock()
    results = []

    def save(workplace):
        try:
            if parallel:
                place(amina, workplace, date(2026, 2, 2), date(2026, 2, 27))
            else:
                with turn:
                    place(amina, workplace, date(2026, 2, 2), date(2026, 2, 27))
            results.append("saved")
        except placements.PlacementOverlap:
            results.append("overlap")
        except Exception as exc:  # any other error fails the test below, with its text
            results.append(repr(exc))
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=save, args=(places[key],)) for key in ("renhold", "butikk")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(results) == ["overlap", "saved"]
    assert Placement.objects.filter(enrolment=amina).count() == 1
