"""An upgrade that adds, moves and reorders pages leaves them in content order, each published with
its revision, while new pages are still waiting for their revisions when the moves start."""

import shutil

import pytest
from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry, Revision

from course_content import load_course
from ksi_courses.content_import import import_course
from ksi_courses.models import CoursePage, LessonPage, ModulePage
from tests.paths import MINI_COURSE

pytestmark = pytest.mark.django_db

MODULES = """modules:
  - id: modul-en
    title: Første modul
    goals:
      - Kjenne grunnleggende hygiene.
    lessons:
      - handvask
      - renholdsutstyr
"""

#: A new module first, holding a new lesson and one moved from the old module.
UPGRADED = """modules:
  - id: modul-to
    title: Andre modul
    goals:
      - Velge riktig utstyr.
    lessons:
      - ny-leksjon
      - renholdsutstyr
  - id: modul-en
    title: Første modul
    goals:
      - Kjenne grunnleggende hygiene.
    lessons:
      - handvask
"""


@pytest.fixture
def upgraded(tmp_path):
    folder = tmp_path / "mini-course"
    shutil.copytree(MINI_COURSE, folder)
    course_file = folder / "course.yaml"
    text = course_file.read_text(encoding="utf-8")
    assert MODULES in text
    course_file.write_text(text.replace(MODULES, UPGRADED), encoding="utf-8")
    lesson = (folder / "lessons" / "handvask.yaml").read_text(encoding="utf-8")
    lesson = lesson.replace("id: handvask\ntitle: Håndvask\n", "id: ny-leksjon\ntitle: Ny leksjon\n", 1)
    assert lesson.startswith("id: ny-leksjon")
    (folder / "lessons" / "ny-leksjon.yaml").write_text(lesson, encoding="utf-8")
    return load_course(folder)


def tree(course_slug: str) -> list[tuple[int, str]]:
    course_page = CoursePage.objects.get(ksi_id=course_slug)
    pages = Page.objects.descendant_of(course_page).filter(depth__lte=course_page.depth + 2).specific()
    return [
        (page.depth - course_page.depth, page.ksi_id)
        for page in pages.order_by("path")
        if isinstance(page, (ModulePage, LessonPage))
    ]


def test_added_moved_and_reordered_pages_follow_the_content(mini_course, upgraded):
    import_course(mini_course)
    moved = LessonPage.objects.get(ksi_id="renholdsutstyr")

    report = import_course(upgraded)

    verbs = {(action.verb, action.ksi_id) for action in report.actions}
    assert {("create", "modul-to"), ("create", "ny-leksjon"), ("move", "renholdsutstyr")} <= verbs
    assert any(action.verb == "reorder" for action in report.actions)
    assert tree(upgraded.slug) == [
        (1, "modul-to"),
        (2, "ny-leksjon"),
        (2, "renholdsutstyr"),
        (1, "modul-en"),
        (2, "handvask"),
    ]
    assert LessonPage.objects.get(ksi_id="renholdsutstyr").pk == moved.pk  # the same page, with its history
    # The new lesson shows the same image file as the first: the image imported then is reused.
    images = {
        child.value["image"]
        for child in LessonPage.objects.get(ksi_id="ny-leksjon").body
        if child.block_type == "image"
    }
    assert images == {get_image_model().objects.get()}
    for ksi_id in ("modul-to", "ny-leksjon"):
        page = Page.objects.get(slug=ksi_id).specific
        assert page.live and page.live_revision_id == page.latest_revision_id is not None
        assert Revision.objects.for_instance(page).count() == 1
        assert page.ksi_page_stamp
    # The new module was published before it was put first: its history says so, in that order.
    history = PageLogEntry.objects.filter(page__slug="modul-to").order_by("pk").values_list("action", flat=True)
    assert list(history) == ["wagtail.create", "wagtail.publish", "wagtail.reorder"]
    assert import_course(upgraded).changes == []  # and the next import finds nothing to do
