import pytest
from django.contrib.auth.models import Permission

from ksi_courses.content_import import import_course
from ksi_courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage

pytestmark = pytest.mark.django_db

TEACHER_NOTE = "Ta med såpe."
ANSWER_MARK = "Answer:"


@pytest.fixture
def imported(mini_course):
    import_course(mini_course)
    return LessonPage.objects.get(ksi_id="handvask")


@pytest.fixture
def teacher(django_user_model):
    user = django_user_model.objects.create_user("laerer", password="x")
    user.user_permissions.add(Permission.objects.get(codename="view_teacher_material"))
    return user


def test_every_page_type_renders(client, imported):
    for page in (CourseIndexPage.objects.get(), CoursePage.objects.get(), ModulePage.objects.get(), imported):
        response = client.get(page.url)
        assert response.status_code == 200, page
        assert page.title in response.content.decode()


def test_lesson_page_shows_every_participant_block(client, imported):
    html = client.get(imported.url).content.decode()
    for text in (
        "<strong>Håndhygiene</strong>",
        'alt="To hender under en vannkran med såpeskum."',
        "hand hygiene",
        "Jeg har såpe.",
        "Hva er viktigst for å stoppe smitte?",
        "Vis en kollega",
        "Tørk hendene godt etter vask.",
        "En person vasker hendene i 30 sekunder.",
    ):
        assert text in html, text


def test_teacher_material_hidden_from_anonymous_and_participants(client, imported, django_user_model):
    html = client.get(imported.url).content.decode()
    assert TEACHER_NOTE not in html and ANSWER_MARK not in html
    assert "Håndhygiene stopper mest smitte." not in html  # explanation = answer key
    participant = django_user_model.objects.create_user("deltaker", password="x")
    client.force_login(participant)
    html = client.get(imported.url).content.decode()
    assert TEACHER_NOTE not in html and ANSWER_MARK not in html


def test_teacher_sees_notes_and_answers(client, imported, teacher):
    client.force_login(teacher)
    html = client.get(imported.url).content.decode()
    assert TEACHER_NOTE in html and "Håndhygiene stopper mest smitte." in html


def test_vocabulary_language_picker_sets_lang_dir_and_machine_label(client, imported):
    html = client.get(imported.url, {"sprak": "ar"}).content.decode()
    assert '<td lang="ar" dir="rtl">نظافة اليدين</td>' in html
    assert "maskinlagde" in html  # mini course marks ar as machine (interface in Norwegian)
    html = client.get(imported.url, {"sprak": "en"}).content.decode()
    assert '<td lang="en" dir="ltr">hand hygiene</td>' in html and "maskinlagde" not in html
    html = client.get(imported.url, {"sprak": "xx"}).content.decode()
    assert 'lang="en"' in html  # unknown language falls back to English
