"""The "Oversettelser" screen (issue 20): a bilingual staff member corrects one language of a
course's vocabulary beside the Norwegian and marks it reviewed; the corrections reach every
lesson, survive a re-import, and travel through export_ksi_courses to another site."""

import pytest
import yaml
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse

from course_content import check_course, load_course
from ksi_courses.content_import import import_course
from ksi_courses.models import CoursePage, LessonPage
from ksi_courses.review_log import TranslationReview
from ksi_courses.translation_review import term_id, term_rows
from tests.glossary_course import make_glossary_course

pytestmark = pytest.mark.django_db

URL = "/admin/ksi/oversettelser/"
HYGIENE = term_id("håndhygiene")
NEW_SO = "nadaafadda gacmaha oo la hubiyay"


@pytest.fixture(scope="module")
def glossary_folder(tmp_path_factory):
    return make_glossary_course(tmp_path_factory.mktemp("review") / "mini-kurs")


@pytest.fixture
def course(glossary_folder):
    import_course(load_course(glossary_folder))
    return CoursePage.objects.get(ksi_id="mini-kurs")


def make_user(django_user_model, username, group=None, **extra):
    user = django_user_model.objects.create_user(username, password="pw", first_name=username.title(), **extra)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def reviewer(django_user_model):
    return make_user(django_user_model, "kari", "Kommuneadministrator", last_name="Kommune")


@pytest.fixture
def admin_client(client, reviewer):
    client.force_login(reviewer)
    return client


def entries(ksi_id: str, term: str) -> list[dict]:
    """The live copies of ``term`` in the lesson ``ksi_id``."""
    page = LessonPage.objects.get(ksi_id=ksi_id)
    return [
        dict(entry)
        for block in page.body
        if block.block_type == "vocabulary"
        for entry in block.value["entries"]
        if entry["term"] == term
    ]


def snapshot():
    pages = LessonPage.objects.order_by("pk")
    return (
        [(page.pk, page.live_revision_id, page.latest_revision_id, page.body.raw_data[:]) for page in pages],
        list(CoursePage.objects.values_list("translations", flat=True)),
        TranslationReview.objects.count(),
    )


def test_admin_sees_every_term_once_beside_the_norwegian(admin_client, course):
    rows = {row.term: row for row in term_rows(course, "so")}
    assert set(rows) == {"håndhygiene", "klor", "såpe"}
    assert rows["håndhygiene"].translation == "nadaafadda gacmaha"
    assert len(rows["håndhygiene"].lessons) == 2 and len(rows["såpe"].lessons) == 1
    assert rows["klor"].safety and not rows["klor"].reviewed
    response = admin_client.get(URL, {"kurs": course.pk, "sprak": "so"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Et sterkt middel som dreper bakterier." in html or "Klor kan skade huden." in html
    assert f'name="t-{HYGIENE}" value="nadaafadda gacmaha" lang="so"' in html
    assert "0 av 3 ord er gjennomgått." in html


def answer(response) -> object:
    """200, "login" (sent to log in) or "denied" (Wagtail's "no permission": back to the dashboard)."""
    if response.status_code == 302:
        return "login" if "/login/" in response["Location"] else "denied" if response["Location"] == "/admin/" else 302
    return response.status_code


EXPECTED = {"anonymous": "login", "participant": "login", "teacher": "denied", "admin": 200, "superuser": 200}


def test_only_admins_and_those_given_the_permission_may_review(course, django_user_model):
    """One course for every role; each role's attempt is rolled back."""
    users = {
        "participant": make_user(django_user_model, "amina", "Deltaker"),
        "teacher": make_user(django_user_model, "tone", "Lærer"),
        "admin": make_user(django_user_model, "kari", "Kommuneadministrator"),
        "superuser": make_user(django_user_model, "root", is_superuser=True),
    }
    wrong = []
    for who, expected in EXPECTED.items():
        with transaction.atomic():
            client = Client()
            if who != "anonymous":
                client.force_login(users[who])
            before = snapshot()
            shown = answer(client.get(URL, {"kurs": course.pk, "sprak": "so"}))
            posted = answer(client.post(URL, {"kurs": course.pk, "sprak": "so", "action": "mark"}))
            changed = snapshot() != before
            transaction.set_rollback(True)
        if (shown, posted, changed) != (expected, 302 if expected == 200 else expected, expected == 200):
            wrong.append(f"{who}: shown {shown}, posted {posted}, changed {changed}; expected {expected}")
    assert wrong == []


def test_a_staff_user_given_the_permission_may_review(client, course, django_user_model):
    staff = make_user(django_user_model, "sara", "Lærer")
    staff.user_permissions.add(Permission.objects.get(codename="review_translations"))
    client.force_login(staff)
    assert client.get(URL, {"kurs": course.pk, "sprak": "ti"}).status_code == 200


def test_a_correction_reaches_every_lesson_and_its_cached_page(admin_client, course):
    visitor = Client()  # anonymous: served from the lesson cache
    lesson_url = LessonPage.objects.get(ksi_id="renholdsutstyr").url
    assert "nadaafadda gacmaha</td>" in visitor.get(lesson_url, {"sprak": "so"}).content.decode()  # cached now
    response = admin_client.post(
        URL, {"kurs": course.pk, "sprak": "so", "action": "save", f"t-{HYGIENE}": f"  {NEW_SO} "}
    )
    assert response.status_code == 302
    for ksi_id in ("handvask", "renholdsutstyr"):
        (entry,) = entries(ksi_id, "håndhygiene")
        assert entry["translations"]["so"] == NEW_SO and "so" in entry["reviewed"]
        assert entries(ksi_id, "klor")[0]["translations"]["so"] == "koloriin"  # untouched
    assert f"{NEW_SO}</td>" in visitor.get(lesson_url, {"sprak": "so"}).content.decode()
    page = admin_client.get(response["Location"]).content.decode()
    assert "Lagret 1 rettet oversettelse(r): håndhygiene." in page


BAD_INPUT = [
    ({"sprak": "so", f"t-{HYGIENE}": "   "}, "«håndhygiene»: oversettelsen kan ikke være tom."),
    ({"sprak": "de", f"t-{HYGIENE}": "Handhygiene"}, "har ikke språket «de»"),
    ({"sprak": "so", "t-000000000000": "x", f"t-{HYGIENE}": NEW_SO}, "Ordet med id «000000000000» finnes ikke"),
    ({"sprak": "so", f"t-{HYGIENE}": "x" * 201}, "oversettelsen er for lang (201 tegn, høyst 200)"),
    ({"sprak": "so", "kurs": "99999"}, "Det finnes ikke noe kurs med id 99999"),
    ({"sprak": "so", "kurs": "x"}, "Velg et kurs."),
    ({"sprak": "so", "action": "slett"}, "Ukjent handling"),
]


def test_bad_input_says_what_and_where_and_saves_nothing(admin_client, course):
    before = snapshot()
    for data, message in BAD_INPUT:
        response = admin_client.post(URL, {"kurs": course.pk, "action": "save", **data})
        html = response.content.decode()
        assert response.status_code == 400, data
        assert "Ingenting ble lagret" in html and message in html, (data, message)
    assert snapshot() == before


def test_marking_the_language_reviewed_marks_every_entry_and_logs_who(admin_client, course, reviewer):
    response = admin_client.post(URL, {"kurs": course.pk, "sprak": "ti", "action": "mark"})
    assert response.status_code == 302
    assert all("ti" in entry["reviewed"] for term in ("klor", "såpe") for entry in entries("renholdsutstyr", term))
    assert CoursePage.objects.get(pk=course.pk).translations["ti"] == "reviewed"
    assert CoursePage.objects.get(pk=course.pk).translations["so"] == "machine"
    review = TranslationReview.objects.get()
    assert (review.language, review.reviewer, review.entries) == ("ti", reviewer, 5)
    html = admin_client.get(response["Location"]).content.decode()
    assert "3 av 3 ord er gjennomgått." in html and "Sist merket som gjennomgått av Kari Kommune" in html


def test_a_waiting_draft_gets_the_correction_and_stays_a_draft(admin_client, course):
    page = LessonPage.objects.get(ksi_id="handvask")
    page.title = "Håndvask (utkast)"
    page.save_revision()
    admin_client.post(URL, {"kurs": course.pk, "sprak": "so", "action": "save", f"t-{HYGIENE}": NEW_SO})
    page = LessonPage.objects.get(ksi_id="handvask")
    assert page.title == "Håndvask" and page.has_unpublished_changes
    draft = page.get_latest_revision_as_object()
    assert draft.title == "Håndvask (utkast)"
    vocabulary = next(block for block in draft.body if block.block_type == "vocabulary")
    assert vocabulary.value["entries"][0]["translations"]["so"] == NEW_SO
    assert entries("handvask", "håndhygiene")[0]["translations"]["so"] == NEW_SO


def test_round_trip_edit_reimport_export_validate_import_elsewhere(admin_client, course, glossary_folder, tmp_path):
    admin_client.post(URL, {"kurs": course.pk, "sprak": "so", "action": "save", f"t-{HYGIENE}": NEW_SO})
    admin_client.post(URL, {"kurs": course.pk, "sprak": "so", "action": "mark"})

    # The same content again: the corrected lessons are local edits, kept and reported.
    report = import_course(load_course(glossary_folder))
    assert {action.ksi_id for action in report.edited} >= {"handvask", "renholdsutstyr"}
    assert not report.conflicts
    assert entries("handvask", "håndhygiene")[0]["translations"]["so"] == NEW_SO

    call_command("export_ksi_courses", "mini-kurs", str(tmp_path / "delt"))
    glossary = yaml.safe_load((tmp_path / "delt" / "glossary.yaml").read_text(encoding="utf-8"))
    assert {entry["term"]: entry["translations"]["so"] for entry in glossary}["håndhygiene"] == NEW_SO
    course_yaml = yaml.safe_load((tmp_path / "delt" / "course.yaml").read_text(encoding="utf-8"))
    assert course_yaml["translations"]["so"] == "reviewed" and course_yaml["translations"]["ti"] == "machine"
    exported, problems = check_course(tmp_path / "delt")
    assert [p for p in problems if p.severity == "error"] == []

    # Another municipality's site: no course yet, imports the shared folder.
    CoursePage.objects.get(pk=course.pk).delete()
    import_course(exported)
    (entry,) = entries("renholdsutstyr", "håndhygiene")
    assert entry["translations"]["so"] == NEW_SO and "so" in entry["reviewed"]
    assert CoursePage.objects.get(ksi_id="mini-kurs").translations["so"] == "reviewed"


def test_the_migration_gave_municipality_admins_the_permission():
    group = Group.objects.get(name="Kommuneadministrator")
    assert group.permissions.filter(codename="review_translations", content_type__app_label="ksi_courses").exists()
    assert not Group.objects.get(name="Lærer").permissions.filter(codename="review_translations").exists()


def test_the_menu_shows_the_screen_to_reviewers_only(admin_client, django_user_model):
    assert reverse("ksi_translation_review") == URL
    assert URL in admin_client.get("/admin/").content.decode()
    teacher = Client()
    teacher.force_login(make_user(django_user_model, "tone", "Lærer"))
    assert URL not in teacher.get("/admin/").content.decode()
