import re
from pathlib import Path

import pytest

import ksi_courses
from ksi_courses.content_import import import_course
from ksi_courses.models import LessonPage

LOCALE = Path(ksi_courses.__file__).parent / "locale"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept", "skip_link", "minutes"),
    [
        ("nb", "Hopp til innholdet", "45 minutter"),
        ("nn", "Hopp til innhaldet", "45 minutt"),
        ("en", "Skip to content", "45 minutes"),
    ],
)
def test_interface_language_follows_the_browser(client, mini_course, accept, skip_link, minutes):
    import_course(mini_course)
    html = client.get(LessonPage.objects.get(ksi_id="handvask").url, HTTP_ACCEPT_LANGUAGE=accept).content.decode()
    assert f'<html lang="{accept}">' in html
    assert skip_link in html and minutes in html


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_every_interface_string_is_translated_and_compiled(language):
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    mo = po.with_suffix(".mo")
    entries = re.findall(r'^msgid "(.+)"\nmsgstr "(.*)"$', po.read_text(encoding="utf-8"), flags=re.MULTILINE)
    assert len(entries) > 100
    assert [msgid for msgid, msgstr in entries if not msgstr] == []
    assert mo.is_file() and mo.stat().st_mtime >= po.stat().st_mtime - 1


@pytest.mark.django_db
def test_interface_language_can_be_chosen_and_breadcrumbs_start_at_the_site_root(client, mini_course):
    import_course(mini_course)
    url = LessonPage.objects.get(ksi_id="handvask").url
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'name="language"' in html and "Language of the menus" in html
    response = client.post("/i18n/setlang/", {"language": "nn", "next": url}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Hopp til innhaldet" in html  # the chosen language wins over the browser's
    breadcrumb = html[html.index('class="ksi-breadcrumbs"') :]
    assert "Welcome to your new Wagtail site" in breadcrumb[: breadcrumb.index("</nav>")]  # tests' site root
