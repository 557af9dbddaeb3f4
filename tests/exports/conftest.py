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
