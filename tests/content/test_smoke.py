from course_content import load_course
from tests.paths import MINI_COURSE


def test_mini_course_loads():
    course = load_course(MINI_COURSE)
    assert course.slug == "mini-kurs"
    assert [lesson.id for lesson in course.ordered_lessons()] == ["handvask", "renholdsutstyr"]


def test_common_form_kinds_are_form_kinds():
    from typing import get_args

    from course_content.forms import COMMON_FORM_KINDS, FormKind

    assert set(COMMON_FORM_KINDS) <= set(get_args(FormKind))
