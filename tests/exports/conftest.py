import pytest

from course_content import load_course
from exports.pdf import PdfOptions
from tests.exports.pdfread import render_checked
from tests.paths import MINI_COURSE


@pytest.fixture(scope="session")
def mini_course():
    return load_course(MINI_COURSE)


@pytest.fixture(scope="session")
def participant_pdf(mini_course):
    return render_checked(mini_course, PdfOptions(edition="participant"))


@pytest.fixture(scope="session")
def teacher_pdf(mini_course):
    return render_checked(mini_course, PdfOptions(edition="teacher"))


@pytest.fixture(scope="session")
def shipped_edition():
    """``shipped_edition(slug, edition)``: that shipped course's booklet as a :class:`Pdf`, rendered
    once per test session (the slowest renders of the suite; several modules read them)."""
    from functools import cache

    from course_content.loader import COURSES_DIR

    @cache
    def render(slug: str, edition: str):
        return render_checked(load_course(COURSES_DIR / slug), PdfOptions(edition=edition))

    return render
