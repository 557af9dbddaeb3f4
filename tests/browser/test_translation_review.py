"""One translation review in a real browser (issue 20): a municipality admin opens "Oversettelser",
chooses the course and Somali, corrects a word beside the Norwegian, saves, marks the language
reviewed, and a visitor sees the corrected word in the lesson."""

import pytest
from django.contrib.auth.models import Group

from course_content import load_course
from ksi_courses.content_import import import_course
from ksi_courses.models import LessonPage
from tests.glossary_course import make_glossary_course

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "Ord for ord 2026"
CORRECTED = "nadaafadda gacmaha oo la hubiyay"


@pytest.fixture
def course(django_user_model, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    import_course(load_course(make_glossary_course(tmp_path / "mini-kurs")))
    admin = django_user_model.objects.create_user("kari", password=PASSWORD, first_name="Kari", last_name="Kommune")
    admin.groups.add(Group.objects.get(name="Kommuneadministrator"))


def test_an_admin_corrects_a_word_and_marks_somali_reviewed(desktop, live_server, course, a11y):
    page = desktop
    page.goto(live_server.url + "/ksi/logg-inn/")
    page.get_by_label("Brukernavn").fill("kari")
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_load_state("load")
    page.goto(live_server.url + "/admin/")
    page.get_by_role("link", name="Oversettelser").first.click()
    page.get_by_label("Kurs", exact=True).select_option(label="Minikurs for testing")
    page.get_by_label("Språk", exact=True).select_option("so")
    page.get_by_role("button", name="Vis ordene").click()
    page.get_by_text("0 av 3 ord er gjennomgått.").wait_for()
    word = page.get_by_label("somali for «håndhygiene»")
    assert word.input_value() == "nadaafadda gacmaha"
    assert word.get_attribute("lang") == "so"
    a11y.check(page)

    word.fill("")
    page.get_by_role("button", name="Lagre rettelser").click()
    page.get_by_text("«håndhygiene»: oversettelsen kan ikke være tom.").wait_for()
    page.get_by_label("somali for «håndhygiene»").fill(CORRECTED)
    page.get_by_role("button", name="Lagre rettelser").click()
    page.get_by_text("Lagret 1 rettet oversettelse(r): håndhygiene.").wait_for()
    assert page.get_by_label("somali for «håndhygiene»").input_value() == CORRECTED
    page.get_by_role("button", name="Merk språket som gjennomgått").click()
    page.get_by_text("3 av 3 ord er gjennomgått.").wait_for()
    assert page.get_by_text("Sist merket som gjennomgått av Kari Kommune").count() == 1

    visitor = page.context.browser.new_context(locale="nb-NO").new_page()
    visitor.goto(live_server.url + LessonPage.objects.get(ksi_id="renholdsutstyr").url + "?sprak=so")
    assert visitor.get_by_text(CORRECTED).count() >= 1
    visitor.context.close()
