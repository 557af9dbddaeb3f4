"""The Wagtail admin: the teaching viewsets for municipality admins, a link for teachers."""

import pytest

pytestmark = pytest.mark.django_db


def test_admins_list_and_edit_course_runs_in_the_admin(client, run, users):
    client.force_login(users["admin"])
    html = client.get("/admin/ksi_courseruns/").content.decode()
    assert run.title in html and "/admin/ksi_courseruns/new/" in html
    response = client.post(
        f"/admin/ksi_courseruns/edit/{run.pk}/",
        {"course": run.course_id, "title": "Nytt navn", "place": "", "start_date": "2026-01-05", "end_date": "2026-03-27", "schedule": "",
         "teachers": [users["teacher"].pk]},
    )
    assert response.status_code == 302
    run.refresh_from_db()
    assert run.title == "Nytt navn"


def test_participant_records_cannot_be_written_by_hand(client, users, lesson):
    from ksi_courses.teaching.progress import submit_quiz

    attempt, _ = submit_quiz(users["participant_a"], lesson, "quiz", {"q1": [0]})
    client.force_login(users["admin"])
    assert client.get(f"/admin/ksi_quiz_attempts/inspect/{attempt.pk}/").status_code == 200
    assert client.post(f"/admin/ksi_quiz_attempts/edit/{attempt.pk}/", {"quiz_id": "x", "answers": "{}"}).status_code == 302
    attempt.refresh_from_db()
    assert attempt.quiz_id == "quiz"


def test_teachers_find_their_course_runs_from_the_admin(client, users):
    client.force_login(users["teacher"])
    html = client.get("/admin/").content.decode()
    assert "/ksi/kurs/" in html and "/admin/ksi_courseruns/" not in html
    client.force_login(users["admin"])
    html = client.get("/admin/").content.decode()
    assert "/admin/ksi_courseruns/" in html
