"""The ksi-courses content model: the courses as data, and the code that loads and checks them.

Pure Python (no Django): every face of the package — Wagtail, print, Open edX — reads from here.
"""

from .blocks import BLOCK_TYPES, Block
from .errors import ContentError, ContentProblem
from .forms import Form, FormField
from .loader import check_course, course_dirs, get_course, load_course, shipped_courses
from .models import Course, Lesson, Module
from .templates import PLACEHOLDERS, DocumentTemplate

__all__ = [
    "BLOCK_TYPES",
    "PLACEHOLDERS",
    "Block",
    "ContentError",
    "ContentProblem",
    "Course",
    "DocumentTemplate",
    "Form",
    "FormField",
    "Lesson",
    "Module",
    "check_course",
    "course_dirs",
    "get_course",
    "load_course",
    "shipped_courses",
]
