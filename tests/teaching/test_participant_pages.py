"""What a participant finds on the course, module and lesson pages (issue 19), through HTTP without
JavaScript: the way on (start, continue, next lesson across modules), the remembered vocabulary
language, the PDFs, quizzes that anonymous visitors can check, and the cached lesson body."""

import re
import shutil

import pytest
from django.core.cache import cache

from course_content import load_course
from ksi_courses.content_import import import_course
from ksi_courses.models import CoursePage, LessonPage
from ksi_courses.teaching.models import LessonProgress, QuizAttempt, VocabularyLanguage
from ksi_courses.teaching.progress import set_completed
from ksi_courses.vocabulary_language import COOKIE
from tests.paths import MINI_COURSE

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    """The lesson body cache lives in the process; each test starts without it."""
    cache.clear()


def html_of(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.fixture
def two_modules(tmp_path):
    """The mini course with its two lessons in two modules."""
    folder = tmp_path / "to-moduler"
    shutil.copytree(MINI_COURSE, folder)
    course_file = folder / "course.yaml"
    text = course_file.read_text(encoding="utf-8")
    old = "      - handvask\n      - renholdsutstyr\n"
    assert text.count(old) == 1
    text = text.replace(
        old,
        "      - handvask\n  - id: modul-to\n    title: Andre modul\n    goals:\n      - Kjenne utstyret.\n"
        "    lessons:\n      - renholdsutstyr\n",
    )
    course_file.write_text(text.replace("slug: mini-kurs", "slug: to-moduler"), encoding="utf-8")
    import_course(load_course(folder))
    return LessonPage.objects.get(ksi_id="handvask"), LessonPage.objects.get(ksi_id="renholdsutstyr")


def test_next_lesson_crosses_the_module_boundary(client, two_modules):
    first, second = two_modules
    assert first.get_parent().pk != second.get_parent().pk
    html = html_of(client, first.url)
    assert re.search(rf'rel="next" class="ksi-button" href="{re.escape(second.url)}"', html)
    assert f'rel="prev" href="{first.url}"' in html_of(client, second.url)


def test_after_marking_done_the_next_lesson_is_right_there(client, two_modules, django_user_model):
    first, second = two_modules
    amina = django_user_model.objects.create_user("amina", password="x")
    client.force_login(amina)
    response = client.post(f"/ksi/leksjon/{first.pk}/fullfort/", {"done": "1"})
    assert response["Location"] == f"{first.url}#ksi-done"
    html = html_of(client, first.url)
    done_form = html[html.index('id="ksi-done"') :]
    done_form = done_form[: done_form.index("</form>")]
    assert f'href="{second.url}"' in done_form and "Neste leksjon: Renholdsutstyr" in done_form


def test_the_course_page_starts_and_then_continues_where_the_participant_left_off(client, course, users):
    lesson, other = LessonPage.objects.get(ksi_id="handvask"), LessonPage.objects.get(ksi_id="renholdsutstyr")
    start = re.compile(r'<p class="ksi-start"><a class="ksi-button ksi-button--big" href="([^"]+)">([^<]+)')
    assert start.search(html_of(client, course.url)).groups() == (lesson.url, "Start kurset&nbsp;")
    amina = users["participant_a"]
    client.force_login(amina)
    set_completed(amina, lesson)
    url, label = start.search(html_of(client, course.url)).groups()
    assert (url, label) == (other.url, f"Fortsett der du slapp: {other.title}&nbsp;")
    assert "1 av 2 fullført" in html_of(client, course.url)  # the module's progress
    set_completed(amina, other)
    html = html_of(client, course.url)
    assert "Du har fullført alle leksjonene i kurset." in html and 'class="ksi-start"><a' not in html


def test_my_courses_continues_where_the_participant_left_off(client, course, users):
    from ksi_courses.teaching.models import CourseRun, Enrolment

    amina = users["participant_a"]
    run = CourseRun.objects.create(course=course, title="Vår", start_date="2026-01-05", end_date="2026-03-27")
    Enrolment.objects.create(run=run, participant=amina)
    set_completed(amina, LessonPage.objects.get(ksi_id="handvask"))
    client.force_login(amina)
    other = LessonPage.objects.get(ksi_id="renholdsutstyr")
    assert re.search(rf'href="{re.escape(other.url)}">Fortsett der du slapp: {other.title}', html_of(client, "/ksi/mine-kurs/"))


def test_the_course_page_is_short_on_top_and_folds_the_description(client, course):
    html = html_of(client, course.url)
    top = html[: html.index('id="moduler"')]
    assert "2 timer i alt" in top and "1 uke" in top and "2 leksjoner" in top and "Start kurset" in top
    assert re.search(r'<details class="ksi-fold" id="kursbeskrivelse">\s*<summary>Kursbeskrivelse</summary>', html)
    assert re.search(r'<details class="ksi-fold" id="kilder">\s*<summary>Kilder</summary>', html)


def test_the_vocabulary_language_is_remembered_and_carried_to_every_lesson(client, course, lesson, other_lesson):
    html = html_of(client, lesson.url)
    vocabulary = html[html.index('class="ksi-vocabulary"') :]
    assert 'class="ksi-language-picker"' in vocabulary[: vocabulary.index("<table")]  # the picker is at the word list
    assert '<td lang="en" dir="ltr">hand hygiene</td>' in html

    response = client.get(lesson.url, {"sprak": "ar"})
    assert response.cookies[COOKIE].value == "ar"
    assert '<td lang="ar" dir="rtl">نظافة اليدين</td>' in html_of(client, lesson.url)  # the cookie, no ?sprak=
    assert f'href="{other_lesson.url}pdf/?sprak=ar"' in html_of(client, other_lesson.url)  # no word list there


def test_a_logged_in_participant_finds_the_language_on_another_device(client, lesson, users):
    amina = users["participant_a"]
    client.force_login(amina)
    client.get(lesson.url, {"sprak": "ti"})
    assert VocabularyLanguage.objects.get(participant=amina).language == "ti"
    client.cookies.pop(COOKIE)  # another phone: no cookie
    assert 'lang="ti"' in html_of(client, lesson.url)


def test_bad_language_codes_fall_back_to_english(client, lesson):
    client.cookies[COOKIE] = "xx"
    html = html_of(client, f"{lesson.url}?sprak=%3Cscript%3E")
    assert '<td lang="en" dir="ltr">hand hygiene</td>' in html and "<script>" not in html


def test_pdfs_are_linked_from_the_course_and_lesson_pages(client, course, lesson):
    client.get(lesson.url, {"sprak": "uk"})
    html = html_of(client, lesson.url)
    assert f'href="{lesson.url}pdf/?sprak=uk"' in html and "Denne leksjonen med ordene på ukrainsk (PDF)" in html
    assert f'href="{course.url}pdf/ordliste/uk/"' in html
    html = html_of(client, course.url)
    assert f'href="{course.url}pdf/"' in html and "Hele kurset som hefte (PDF)" in html
    assert f'href="{course.url}pdf/ordliste/uk/"' in html and "Ordliste på ukrainsk (PDF)" in html
    assert all(f'href="{course.url}pdf/ordliste/{code}/"' in html for code in ("en", "ar", "ti", "so", "prs", "ru"))


def test_quizzes_say_how_many_answers_to_choose(client, lesson):
    html = html_of(client, lesson.url)
    assert html.count("Velg ett svar") == 2 and html.count("Velg ett eller flere svar") == 1  # q1, q3; q2


def test_an_anonymous_visitor_checks_a_quiz_and_nothing_is_saved(client, lesson):
    html = html_of(client, lesson.url)
    assert f'<form method="get" action="{lesson.url}#quiz-quiz"' in html
    html = html_of(client, f"{lesson.url}?sjekk=quiz&quiz-q1=0&quiz-q2=0&quiz-q2=2")
    assert "Du svarte riktig på 1 av 3 spørsmål. Ingenting er lagret." in html  # q1 right, q2 wrong
    assert html.count("ksi-result--right") == 1 and html.count('<span aria-hidden="true">?</span> Du har ikke svart på dette spørsmålet.') == 1  # q3
    assert 'id="quiz-q2-2" name="quiz-q2" value="2" checked data-chosen' in html
    assert not QuizAttempt.objects.exists() and not LessonProgress.objects.exists()
    assert "ksi-result" not in html_of(client, lesson.url)  # nothing kept for the next visit


def test_answers_that_do_not_fit_the_quiz_show_nothing(client, lesson):
    html = html_of(client, f"{lesson.url}?sjekk=quiz&quiz-q1=7")
    assert "ksi-result" not in html and "Ingenting er lagret" not in html


def test_the_lesson_body_is_cached_for_visitors_without_state_and_never_for_participants(client, lesson, users):
    cache.clear()
    html_of(client, lesson.url)
    keys = [key for key in cache._cache if "ksi:lesson-body:" in key]  # LocMemCache in the test settings
    assert len(keys) == 1 and f":{lesson.pk}:{lesson.live_revision_id}:" in keys[0] and ":en:" in keys[0]
    cached = cache.get(keys[0].split(":", 2)[-1])
    assert "Hva er viktigst for å stoppe smitte?" in cached
    client.force_login(users["participant_a"])
    client.post(f"/ksi/leksjon/{lesson.pk}/sjekkliste/for-jobb/", {"item": ["sapa"]})
    html = html_of(client, lesson.url)
    assert re.search(r'value="sapa" checked', html)  # the participant's own tick, not the cached body
    assert len([key for key in cache._cache if "ksi:lesson-body:" in key]) == 1


def test_a_new_revision_is_not_served_from_the_old_cache(client, lesson):
    cache.clear()
    assert "Hva er viktigst for å stoppe smitte?" in html_of(client, lesson.url)
    lesson.title = "Ny tittel på leksjonen"
    for child in lesson.body:
        if child.block_type == "quiz":
            child.value["title"] = "Nytt quiznavn"
    lesson.save_revision().publish()
    assert "Nytt quiznavn" in html_of(client, LessonPage.objects.get(pk=lesson.pk).url)


def test_course_index_cards_show_a_cover_picture(client, course):
    html = html_of(client, CoursePage.objects.get().get_parent().url)
    card = html[html.index('class="ksi-card"') :]
    assert card.index('class="ksi-card__cover"') < card.index(course.title) and "<svg" in card
