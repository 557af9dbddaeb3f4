"""The recommended Content-Security-Policy (django-csp 4) blocks nothing on the courses' own pages:
every script and stylesheet comes from the site, the one inline <style> carries the nonce."""

from html.parser import HTMLParser

import pytest
from wagtail.models import Site

from ksi_courses.branding import Branding
from ksi_courses.form_pages import CourseFormPage
from ksi_courses.recommended_settings import KSI_CONTENT_SECURITY_POLICY

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def csp(settings):
    settings.MIDDLEWARE = ["csp.middleware.CSPMiddleware", *settings.MIDDLEWARE]
    settings.CONTENT_SECURITY_POLICY = KSI_CONTENT_SECURITY_POLICY


@pytest.fixture
def coloured(db):
    """A municipality colour: the base template then has an inline <style>."""
    branding = Branding.for_site(Site.objects.get(is_default_site=True))
    branding.municipality_name = "Nordby kommune"
    branding.primary_colour = "#005a8c"
    branding.save()


def policy(response) -> dict[str, list[str]]:
    directives = (part.strip().split() for part in response["Content-Security-Policy"].split(";") if part.strip())
    return {name: sources for name, *sources in directives}


class InlineCode(HTMLParser):
    """Whatever in a page the policy would block: inline code without the nonce, inline style
    attributes, event handler attributes, javascript: URLs and files from other sites."""

    def __init__(self, nonces: dict[str, set[str]]):
        super().__init__()
        self.nonces = nonces
        self.blocked: list[str] = []
        self.inline_styles = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        where = self.get_starttag_text()
        for name, value in attrs:
            if name == "style" or name.startswith("on"):
                self.blocked.append(f"attribute {name} in {where}")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith("javascript:"):
                self.blocked.append(f"javascript: URL in {where}")
        if tag == "script":
            if "src" in attributes:
                self.check_same_site(attributes["src"], where)
            elif attributes.get("type") == "application/json":
                pass  # a data block ({{ x|json_script }}): never run, so the policy does not apply
            elif attributes.get("nonce") not in self.nonces["script-src"]:
                self.blocked.append(f"inline script without the nonce: {where}")
        elif tag == "style":
            self.inline_styles += 1
            if attributes.get("nonce") not in self.nonces["style-src"]:
                self.blocked.append(f"inline style without the nonce: {where}")
        elif tag == "link" and "stylesheet" in (attributes.get("rel") or ""):
            self.check_same_site(attributes.get("href") or "", where)
        elif tag == "img":
            self.check_same_site(attributes.get("src") or "", where)

    def check_same_site(self, url: str, where: str):
        if not url.startswith("/") or url.startswith("//"):
            self.blocked.append(f"file from elsewhere: {where}")


def blocked_on(response) -> tuple[list[str], int]:
    assert response.status_code == 200
    directives = policy(response)
    assert directives["default-src"] == ["'self'"] and "'unsafe-inline'" not in directives["style-src"]
    nonces = {
        name: {source[len("'nonce-") : -1] for source in directives.get(name, []) if source.startswith("'nonce-")}
        for name in ("script-src", "style-src")
    }
    scanner = InlineCode(nonces)
    scanner.feed(response.content.decode())
    return scanner.blocked, scanner.inline_styles


def test_a_lesson_page_of_an_enrolled_participant_blocks_nothing(client, coloured, run, lesson, users):
    client.force_login(users["participant_a"])
    response = client.get(lesson.url)
    blocked, inline_styles = blocked_on(response)
    assert blocked == [] and inline_styles == 1  # the municipality colour, with the nonce
    html = response.content.decode()
    assert "lesson-progress.js" in html and "--ksi-primary: #005a8c" in html


@pytest.mark.parametrize("who", [None, "participant_a", "teacher"])
def test_the_courses_pages_block_nothing(client, coloured, run, lesson, users, who):
    if who:
        client.force_login(users[who])
    form_page = CourseFormPage.objects.get(form_kind="registration")
    course_index = lesson.get_parent().get_parent().get_parent()
    pages = [lesson.get_parent().url, run.course.url, course_index.url, form_page.url, "/ksi/logg-inn/"]
    if who == "participant_a":
        pages += ["/ksi/mine-kurs/", "/ksi/passord/"]
    if who == "teacher":
        pages += ["/ksi/kurs/", f"/ksi/kurs/{run.pk}/", f"/ksi/kurs/{run.pk}/framdrift/"]
    for url in pages:
        assert blocked_on(client.get(url, follow=url == "/ksi/logg-inn/")) == ([], 1), url


def test_without_the_middleware_the_inline_style_has_no_nonce(client, settings, coloured, lesson):
    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if name != "csp.middleware.CSPMiddleware"]
    response = client.get(lesson.url)
    assert "Content-Security-Policy" not in response
    assert "<style>:root { --ksi-primary: #005a8c; }</style>" in response.content.decode()


def test_the_wagtail_admin_is_left_out_of_the_policy(admin_client):
    response = admin_client.get("/admin/")
    assert response.status_code == 200 and "Content-Security-Policy" not in response
