"""Every page type can be created in the admin, renders and previews (Wagtail's own test helpers)."""

import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, streamfield

from course_content import load_course
from ksi_courses.content_import import import_course
from ksi_courses.form_pages import CourseFormPage
from ksi_courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage
from tests.paths import MINI_COURSE
from tests.wagtail.form_data import page_form_data

FORM_FIELD_COLUMNS = ("label", "help_text", "required", "field_type", "choices", "default_value")


def _field_panels(panels):
    for panel in panels:
        if hasattr(panel, "children"):
            yield from _field_panels(panel.children)
        else:
            yield panel


@pytest.mark.django_db
class PageTypeTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        import_course(load_course(MINI_COURSE))

    def setUp(self):
        # force_login: django-axes (KSI_AUTHENTICATION_BACKENDS) needs the request that
        # Client.login(), which WagtailTestUtils.login() uses, does not pass.
        self.admin = self.create_test_user()
        self.client.force_login(self.admin)

    def test_tree_rules(self):
        self.assertAllowedParentPageTypes(CoursePage, {CourseIndexPage})
        self.assertAllowedSubpageTypes(CoursePage, {ModulePage, CourseFormPage})
        self.assertAllowedSubpageTypes(ModulePage, {LessonPage})
        self.assertAllowedSubpageTypes(LessonPage, set())

    def test_every_page_renders_and_previews(self):
        for model in (CourseIndexPage, CoursePage, ModulePage, LessonPage, CourseFormPage):
            fields = [p.field_name for p in _field_panels([model.get_edit_handler()]) if getattr(p, "field_name", None)]
            for page in model.objects.all():
                self.assertPageIsRenderable(page)
                inlines = {"form_fields": FORM_FIELD_COLUMNS} if model is CourseFormPage else None
                self.assertPageIsPreviewable(page, post_data=page_form_data(page, fields, inlines))

    def test_editor_can_create_each_page_type(self):
        index = CourseIndexPage.objects.get()
        self.assertCanCreate(
            index.get_parent(), CourseIndexPage, nested_form_data({"title": "Flere kurs", "slug": "flere", "intro": ""})
        )
        course = CoursePage.objects.get()
        self.assertCanCreate(
            index,
            CoursePage,
            nested_form_data(
                {
                    "title": "Eget kurs",
                    "slug": "eget-kurs",
                    "summary": "Et kurs vi lager selv.",
                    "leads_to": "",
                    "target_group": "Voksne",
                    "goals": "Mål en\nMål to",
                    "prerequisites": "A2",
                    "duration_weeks": 4,
                    "hours_per_week": "10.0",
                    "duration_note": "",
                    "organisation": "Klasserom",
                    "assessment": "Observasjon",
                    "certificate": "Kursbevis",
                    "cooperation": "NAV",
                    "sources": streamfield([]),
                }
            ),
        )
        self.assertCanCreate(
            course, ModulePage, nested_form_data({"title": "Ny modul", "slug": "ny-modul", "goals": "Mål"})
        )
        module = ModulePage.objects.filter(ksi_id="modul-en").get()
        self.assertCanCreate(
            module,
            LessonPage,
            nested_form_data(
                {
                    "title": "Ny leksjon",
                    "slug": "ny-leksjon",
                    "duration_minutes": 60,
                    "goals": "Du kan noe nytt.",
                    "body": streamfield(
                        [
                            ("text", {"body": "Hei **alle**."}),
                            ("callout", {"kind": "tip", "title": "Tips", "body": "Drikk vann."}),
                        ]
                    ),
                }
            ),
        )
        new = LessonPage.objects.get(slug="ny-leksjon")
        assert new.ksi_id == "" and [child.block_type for child in new.body] == ["text", "callout"]
        assert Page.objects.filter(slug="eget-kurs").exists()
