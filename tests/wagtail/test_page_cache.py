"""Lesson and course pages for visitors who are not logged in come from a stored copy
(ksi_courses.anonymous_pages, #19): each visitor still gets their own CSRF token and CSP nonce,
and every publish, unpublish, move, profile change, translation review and replaced picture shows
at once."""

import re

import pytest
from django.contrib.auth.models import User
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Site

from ksi_courses.branding import Branding
from ksi_courses.content_import import import_course
from ksi_courses.images import ImportedImage
from ksi_courses.models import CoursePage, LessonPage, ModulePage
from ksi_courses.recommended_settings import KSI_CONTENT_SECURITY_POLICY
from ksi_courses.translation_review import mark_language_reviewed

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
MACHINE_NOTE = "Oversettelsene er maskinlagde og ikke kontrollert av et menneske ennå."


@pytest.fixture
def course(mini_course):
    import_course(mini_course)
    return CoursePage.objects.get(ksi_id="mini-kurs")


@pytest.fixture
def lesson(course):
    return LessonPage.objects.get(ksi_id="handvask")


@pytest.fixture
def following(course):
    return LessonPage.objects.get(ksi_id="renholdsutstyr")


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, url
    return response


def stored(response) -> bool:
    """Whether ``response`` came from the stored copy (no template was rendered for it)."""
    return not response.templates


def html(client, page, **params) -> str:
    return get(client, page.url, **params).content.decode()


@pytest.mark.parametrize("which", ["lesson", "course"])
def test_the_second_visitor_gets_the_stored_page_with_a_csrf_token_of_their_own(which, request):
    page = request.getfixturevalue(which)
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    built = get(first, page.url)
    assert not stored(built)
    with CaptureQueriesContext(connection) as hit_queries:
        copy = get(second, page.url)
    assert stored(copy)
    with CaptureQueriesContext(connection) as miss_queries:
        get(Client(), page.url, sprak="ar")  # another key: built
    assert len(hit_queries) < len(miss_queries)
    built_html, copy_html = built.content.decode(), copy.content.decode()
    assert TOKEN.sub("", built_html) == TOKEN.sub("", copy_html)
    token = TOKEN.search(copy_html).group(1)
    assert token != TOKEN.search(built_html).group(1) and "\x00" not in copy_html
    # The token in the stored copy works with the second visitor's own CSRF cookie.
    answer = second.post("/i18n/setlang/", {"language": "en", "next": page.url, "csrfmiddlewaretoken": token})
    assert answer.status_code == 302 and answer["Location"] == page.url


def test_each_response_carries_its_own_csp_nonce(settings, lesson):
    settings.MIDDLEWARE = ["csp.middleware.CSPMiddleware", *settings.MIDDLEWARE]
    settings.CONTENT_SECURITY_POLICY = KSI_CONTENT_SECURITY_POLICY
    branding = Branding.for_site(Site.objects.get(is_default_site=True))
    branding.primary_colour = "#005a8c"
    branding.save()
    nonces = []
    for client in (Client(), Client()):
        response = get(client, lesson.url)
        nonce = re.search(r'<style nonce="([^"]+)">', response.content.decode()).group(1)
        assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
        nonces.append(nonce)
    assert stored(response) and nonces[0] != nonces[1]


def test_a_publish_and_an_unpublish_show_at_once_on_both_pages(client, course, lesson, following):
    assert 'rel="next"' in html(client, lesson) and "Renholdsutstyr" in html(client, course)
    assert stored(get(client, lesson.url))
    following.title = "Utstyr til renhold"
    following.save_revision().publish()
    assert "Neste leksjon: Utstyr til renhold" in html(client, lesson)
    assert "Utstyr til renhold</a>" in html(client, course)
    lesson.title = "Vask hendene"
    lesson.save_revision().publish()
    assert "<h1>Vask hendene</h1>" in html(client, lesson)
    following.unpublish()
    assert 'rel="next"' not in html(client, lesson)
    assert f'href="{following.url}"' not in html(client, course)
    LessonPage.objects.get(pk=lesson.pk).unpublish()
    assert client.get(lesson.url).status_code == 404


def test_a_draft_changes_nothing(client, lesson):
    html(client, lesson)
    lesson.title = "Bare et utkast"
    lesson.save_revision()
    response = get(client, lesson.url)
    assert stored(response) and "Bare et utkast" not in response.content.decode()


def test_a_move_gives_new_breadcrumbs_and_neighbours(client, course, lesson, following):
    assert 'rel="next"' in html(client, lesson)
    other = ModulePage(title="Ekstra modul", slug="ekstra-modul", goals="Mål")
    course.add_child(instance=other)
    other.save_revision().publish()
    following.move(other, pos="last-child")
    page = html(client, lesson)  # the lesson itself did not change, its surroundings did
    assert 'rel="next"' in page  # across the module boundary
    moved = LessonPage.objects.get(pk=following.pk)
    assert f'rel="next" class="ksi-button" href="{moved.url}"' in page
    assert f'href="{other.url}">Ekstra modul</a>' in html(client, moved).split("</nav>")[0]


def test_a_branding_change_shows_at_once(client, course, lesson):
    site = Site.objects.get(is_default_site=True)
    site.site_name = "Kurs i Nordby"  # shown until the municipality profile has a name
    site.save()
    assert "Kurs i Nordby</a>" in html(client, lesson) and "Kurs i Nordby</a>" in html(client, course)
    site.site_name = "Nordbykurs"
    site.save()
    assert "Nordbykurs</a>" in html(client, lesson) and "Nordbykurs</a>" in html(client, course)
    assert "Nordby kommune" not in html(client, lesson) + html(client, course)
    branding = Branding.for_site(site)
    branding.municipality_name = "Nordby kommune"
    branding.save()
    assert "Nordby kommune" in html(client, lesson) and "Nordby kommune" in html(client, course)


FIGURE_SOURCE = re.compile(r'<figure class="ksi-figure">\s*<img [^>]*src="([^"]+)"')
NEW_PICTURE = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 80"><rect width="120" height="80" fill="#fde2e2"/></svg>'


def test_a_picture_replaced_in_the_admin_shows_at_once_without_a_publish(admin_client, client, lesson):
    """An editor replaces the file of a lesson's picture in Wagtail's image library (no page is
    published): the next visitor, not logged in, gets the new picture, not the stored page."""
    old_source = FIGURE_SOURCE.search(html(client, lesson)).group(1)
    assert stored(get(client, lesson.url))
    image = ImportedImage.objects.get(src="media/hender.svg").image
    answer = admin_client.post(
        reverse("wagtailimages:edit", args=(image.pk,)),
        {"title": "Hender, ny tegning", "file": SimpleUploadedFile("hender-ny.svg", NEW_PICTURE, "image/svg+xml"),
         "collection": image.collection_id, "tags": ""},
    )
    assert answer.status_code == 302, answer.content.decode()[:2000]
    response = get(client, lesson.url)
    assert not stored(response)
    new_source = FIGURE_SOURCE.search(response.content.decode()).group(1)
    assert new_source != old_source
    assert "hender-ny" in new_source
    assert stored(get(client, lesson.url))  # and stored again under the new key


def test_a_translation_review_shows_at_once(client, course, lesson):
    assert MACHINE_NOTE in html(client, lesson, sprak="uk")
    mark_language_reviewed(course, "uk", User.objects.create_superuser("kari"))
    assert MACHINE_NOTE not in html(client, lesson, sprak="uk")


def test_languages_of_the_menus_and_of_the_words_each_have_their_own_copy(client, course, lesson):
    assert f'href="{course.url}pdf/ordliste/en/"' in html(client, course)
    arabic = Client()
    arabic.cookies["ksi_sprak"] = "ar"  # the same address, another language: another copy
    assert f'href="{course.url}pdf/ordliste/ar/"' in html(arabic, course).split("ksi-documents-list")[0]
    assert 'lang="ar"' in html(client, lesson, sprak="ar") and "Språk i menyene" in html(client, lesson)
    assert "ጽሬት ኢድ" in html(client, lesson, sprak="ti")
    assert "ጽሬት ኢድ" in html(client, lesson)  # remembered in the cookie
    english = Client(headers={"Accept-Language": "en"})
    english.cookies["ksi_sprak"] = "ti"
    assert "Language of the menus" in html(english, lesson) and "Språk i menyene" not in html(english, lesson)
    assert "Språk i menyene" in html(Client(), lesson)


def test_a_checked_quiz_other_queries_and_waiting_messages_are_rendered_for_the_visitor(client, lesson):
    html(client, lesson)
    checked = get(client, lesson.url, sjekk="quiz", **{"quiz-q1": "0"})
    assert not stored(checked) and "Håndhygiene stopper mest smitte." in checked.content.decode()
    assert not stored(get(client, lesson.url, utm_source="nyhetsbrev"))
    for query in ("sprak=xx", "sprak=ar&", "sprak=ar&sprak=ti", "sprak=a%72"):
        assert not stored(get(client, f"{lesson.url}?{query}")), query
    get(client, f"{lesson.url}?sprak=ar")
    assert stored(get(client, f"{lesson.url}?sprak=ar"))
    visitor = Client()
    assert stored(get(visitor, lesson.url))
    storage = CookieStorage(RequestFactory().get("/"))
    visitor.cookies["messages"] = storage._encode([Message(constants.INFO, "Du er logget ut.")])
    response = get(visitor, lesson.url)
    assert not stored(response) and "Du er logget ut." in response.content.decode()
    assert stored(get(visitor, lesson.url))  # the message was shown once; the copy serves again
