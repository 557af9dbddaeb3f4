from course_content import load_course
from tests.paths import MINI_COURSE


def test_mini_course_loads():
    course = load_course(MINI_COURSE)
    assert course.slug == "mini-kurs"
    assert [lesson.id for lesson in course.ordered_lessons()] == ["handvask", "renholdsutstyr"]
