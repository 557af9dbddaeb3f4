"""Usernames, one-time passwords and name lists for adding participants."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone, translation

from ksi_courses.teaching import enrolment
from ksi_courses.teaching.enrolment import ParticipantError
from ksi_courses.teaching.models import Enrolment, TemporaryPassword


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        ("Amina", "Hassan", "amina.hassan"),
        ("Ærlige Øystein", "Åsen Bråthen", "aerlige.brathen"),
        ("José", "Müller", "jose.muller"),
        ("Mohammed Ali", "", "mohammed"),
        ("Абдулла", "Ахмед", "abdulla.akhmed"),  # other scripts are transliterated (tests/teaching/test_usernames.py)
        ("☺", "", "deltaker"),  # no letters at all: a neutral name, numbered below
    ],
)
def test_username_base(first, last, expected):
    assert enrolment.username_base(first, last) == expected


def test_one_time_passwords_are_unambiguous_and_differ():
    passwords = {enrolment.generate_password() for _ in range(200)}
    assert len(passwords) == 200
    for password in passwords:
        assert re.fullmatch(r"[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}", password), password


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Amina Hassan\nBilal Ahmadi\n", [("Amina", "Hassan"), ("Bilal", "Ahmadi")]),
        ("Fornavn;Etternavn\nAmina;Hassan\n\nMaria José;da Silva\n", [("Amina", "Hassan"), ("Maria José", "da Silva")]),
        ("Navn\nMohammed Ali Rahimi\nSamira\n", [("Mohammed Ali", "Rahimi"), ("Samira", "")]),
        ("first_name,last_name\r\nLiv,Berg\r\n", [("Liv", "Berg")]),
        ("Liv\tBerg\t\t\n", [("Liv", "Berg")]),
    ],
)
def test_parse_names(text, names):
    assert enrolment.parse_names(text) == names


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "No names found"),
        ("Fornavn;Etternavn\n", "No names found"),
        ("Amina;Hassan\n;Ahmadi\nLiv;Berg\n;Berg\n", "Line 2: the first name is empty. Line 4: the first name is empty."),
        ("A" * 151 + ";B\n", "Line 1: the name is longer than 150 characters."),
        ("".join(f"Person Nummer{i}\n" for i in range(201)), "201 names is more than 200"),
    ],
)
def test_parse_names_reports_every_problem_with_its_line(text, message):
    with translation.override("en"), pytest.raises(ParticipantError, match=re.escape(message)):
        enrolment.parse_names(text)


def test_uploads_in_utf8_with_bom_or_windows_1252_are_read():
    assert enrolment.decode_upload("\ufeffBjørn Ås\n".encode()) == "Bjørn Ås\n"
    assert enrolment.decode_upload("Bjørn Ås\n".encode("cp1252")) == "Bjørn Ås\n"


@pytest.mark.django_db
def test_adding_participants_numbers_equal_names_and_stores_only_the_hash(run):
    get_user_model().objects.create_user("amina.hassan")
    created = enrolment.add_participants(run, [("Amina", "Hassan"), ("Amina", "Hassan"), ("☺", "")])
    assert [c.username for c in created] == ["amina.hassan2", "amina.hassan3", "deltaker"]
    user = get_user_model().objects.get(username="amina.hassan2")
    assert (user.first_name, user.last_name) == ("Amina", "Hassan")
    assert created[0].password not in user.password and user.check_password(created[0].password)
    assert TemporaryPassword.objects.filter(user=user).exists()
    assert user.groups.filter(name="Deltaker").exists()
    assert Enrolment.objects.filter(run=run).count() == 2 + 3


@pytest.mark.django_db
def test_adding_a_list_is_all_or_nothing(run, monkeypatch):
    calls = []
    original = enrolment.add_participant

    def failing(run, first, last, *args, **kwargs):
        calls.append(first)
        if len(calls) == 2:
            raise RuntimeError("database went away")
        return original(run, first, last, *args, **kwargs)

    monkeypatch.setattr(enrolment, "add_participant", failing)
    with pytest.raises(RuntimeError):
        enrolment.add_participants(run, [("Liv", "Berg"), ("Ola", "Dahl")])
    assert not get_user_model().objects.filter(username="liv.berg").exists()


@pytest.mark.django_db
@translation.override("en")
def test_enrolling_an_existing_account(run, users):
    other = get_user_model().objects.create_user("samira", first_name="Samira", last_name="Noor")
    enrolment.enrol_existing(run, " samira ")
    assert run.enrolments.filter(participant=other).exists()
    with pytest.raises(ParticipantError, match=re.escape("Samira Noor is already in this course run.")):
        enrolment.enrol_existing(run, "samira")
    other.is_active = False
    other.save()
    # The same answer for a name that does not exist and for an inactive account.
    for username in ("ingen", "samira"):
        with pytest.raises(ParticipantError, match=re.escape(f"“{username}” could not be added. Check the username")):
            enrolment.enrol_existing(run, username)


@pytest.mark.django_db
def test_a_new_one_time_password_replaces_the_old_one(run, users):
    target = run.enrolments.get(participant=users["participant_a"])
    TemporaryPassword.objects.create(user=users["participant_a"])
    TemporaryPassword.objects.update(issued_at=timezone.now() - timedelta(days=30))
    credentials = enrolment.new_one_time_password(target)
    users["participant_a"].refresh_from_db()
    assert users["participant_a"].check_password(credentials.password)
    assert not users["participant_a"].check_password("pw-amina")
    # A new one-time password starts a new expiry period.
    issued = TemporaryPassword.objects.get(user=users["participant_a"]).issued_at
    assert timezone.now() - issued < timedelta(minutes=1)
