"""A course as a self-contained static website: every page, style, font, picture and PDF in one
folder that works from ``file://`` and from any web server, with no request leaving it.

Pages are rendered with Jinja2 from :func:`course_content.participant_view.lesson_data`, the one place that
decides what a participant sees (no teacher notes). Quizzes check answers in the browser, so a
lesson page carries its quizzes' correct choices (:mod:`.quiz_key`), and nothing more of the answer
key. Progress is kept in the browser's ``localStorage`` (``assets/site.js``). The look is the
Wagtail face's: its ``ksi.css`` and fonts are copied in at build time, ``assets/site.css`` adds what
only the site needs.

Layout::

    index.html                 the course: modules, lessons, word list, PDFs
    ordliste.html              every lesson's words, in every language, with a picker
    moduler/<module>.html      a module: goals and lessons
    timer/<lesson>.html        a lesson
    assets/                    ksi.css, fonts/, site.css, site.js (+ an LMS bridge script)
    media/…                    the course folder's own images
    pdf/…                      participant booklet and word lists (with ``with_pdfs``)
"""

from __future__ import annotations

import gettext as gettext_module
import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files as package_files
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from course_content import Course, Lesson, Module
from course_content.base import LANGUAGES
from course_content.blocks import ImageBlock
from course_content.participant_view import lesson_data
from course_content.pictures import library

from .quiz_key import quiz_key

ASSETS = "assets"
#: The Wagtail face's stylesheet and fonts, copied into every package (never forked).
WAGTAIL_STATIC = ("ksi_courses", "static/ksi_courses")
#: The language the word lists show beside Norwegian until the participant picks another.
DEFAULT_LANGUAGE = "en"
STORAGE_PREFIX = "ksi-courses:"


@dataclass(frozen=True)
class SiteOptions:
    """What goes into the pages besides the course.

    ``scripts`` are extra files of ``exports/lms/static`` loaded on every page before ``site.js``
    (an LMS bridge); ``interactive`` off leaves out all scripts and the quizzes (a cartridge carries
    them as QTI); ``navigation`` off leaves out the links between pages (an LMS navigates);
    ``module_pages_with_lessons`` puts a module's lessons on its page; ``page_data`` gives a
    page (key ``lesson:<id>`` or ``module:<id>``) a JSON value for the bridge (``#ksi-sco``).
    """

    with_pdfs: bool = False
    scripts: tuple[str, ...] = ()
    interactive: bool = True
    navigation: bool = True
    module_pages_with_lessons: bool = False
    page_data: dict = field(default_factory=dict)


@lru_cache(maxsize=1)
def nb_gettext():
    """The Norwegian strings of the lesson view. One translation of them exists: the catalogue the
    Open edX block ships (read here as a data file; no module of that face is imported)."""
    folder = Path(str(package_files("xblocks") / "translations"))
    return gettext_module.translation("text", localedir=folder, languages=["nb"]).gettext


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("exports.lms", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render(name: str, context: dict) -> bytes:
    return (
        _environment()
        .get_template(name)
        .render({**context, "picture_svg": library().inline_svg_markup, "json_script": json_script})
        .encode("utf-8")
    )


def lesson_view(course: Course, lesson: Lesson, root: str) -> dict:
    """What a participant sees of ``lesson`` (``root``: the way from the page to the site's top)."""
    return lesson_data(course, lesson, gettext=nb_gettext(), media_url=lambda src: root + src, pictures=library())


def lesson_path(lesson_id: str) -> str:
    return f"timer/{lesson_id}.html"


def module_path(module_id: str) -> str:
    return f"moduler/{module_id}.html"


def languages(course: Course) -> list[dict]:
    return [
        {
            "code": code,
            "name": language["name"],
            "name_nb": language["name_nb"],
            "dir": language["dir"],
            "reviewed": course.is_reviewed(code),
        }
        for code, language in LANGUAGES.items()
    ]


def build_site(course: Course, options: SiteOptions | None = None) -> dict[str, bytes]:
    """Every file of the site, by path."""
    options = options or SiteOptions()
    files: dict[str, bytes] = {}
    files.update(asset_files(options))
    files.update(media_files(course))
    pdfs = pdf_files(course) if options.with_pdfs else {}
    files.update(pdfs)
    base = {
        "course": course,
        "languages": languages(course),
        "default_language": DEFAULT_LANGUAGE,
        "storage_key": STORAGE_PREFIX + course.slug,
        "options": options,
        "scripts": options.scripts,
        "lesson_path": lesson_path,
        "module_path": module_path,
    }
    files["index.html"] = render("index.html", {**base, "root": "", "pdfs": sorted(pdfs), "pdf_label": pdf_label})
    files["ordliste.html"] = render("vocabulary.html", {**base, "root": "", "entries": course_vocabulary(course)})
    lessons = course.ordered_lessons()
    for module in course.modules:
        files[module_path(module.id)] = render_module(course, module, base, options)
    for index, lesson in enumerate(lessons):
        neighbours = {
            "previous_lesson": lessons[index - 1] if index else None,
            "next_lesson": lessons[index + 1] if index + 1 < len(lessons) else None,
        }
        data = lesson_view(course, lesson, "../")
        context = {
            **base,
            **neighbours,
            "root": "../",
            "data": data,
            "quiz_key": quiz_key([lesson]),
            "sco": options.page_data.get(f"lesson:{lesson.id}"),
        }
        files[lesson_path(lesson.id)] = render("lesson.html", context)
    return files


def render_module(course: Course, module: Module, base: dict, options: SiteOptions) -> bytes:
    lessons = course.lessons_in(module)
    context = {
        **base,
        "root": "../",
        "module": module,
        "lessons": lessons,
        "sco": options.page_data.get(f"module:{module.id}"),
    }
    if options.module_pages_with_lessons:
        context["views"] = [lesson_view(course, lesson, "../") for lesson in lessons]
        context["quiz_key"] = quiz_key(lessons)
    return render("module.html", context)


def asset_files(options: SiteOptions) -> dict[str, bytes]:
    wagtail = package_files(WAGTAIL_STATIC[0]).joinpath(WAGTAIL_STATIC[1])
    own = package_files("exports.lms").joinpath("static")
    files = {
        f"{ASSETS}/ksi.css": wagtail.joinpath("ksi.css").read_bytes(),
        f"{ASSETS}/site.css": own.joinpath("site.css").read_bytes(),
    }
    for font in wagtail.joinpath("fonts").iterdir():
        if font.name.endswith((".woff2", ".txt")):
            files[f"{ASSETS}/fonts/{font.name}"] = font.read_bytes()
    if options.interactive:
        for name in ("site.js", *options.scripts):
            files[f"{ASSETS}/{name}"] = own.joinpath(name).read_bytes()
    return files


def media_files(course: Course) -> dict[str, bytes]:
    """The course folder's images the lessons use, at the same paths as in the folder."""
    sources = {block.src for lesson in course.ordered_lessons() for block in lesson.blocks_of(ImageBlock) if block.src}
    return {src: (course.root / src).read_bytes() for src in sorted(sources)}


def course_vocabulary(course: Course) -> list[dict]:
    """Every lesson's words once, in course order, with the lesson they come from."""
    pictures = library()
    seen: set[str] = set()
    entries = []
    for lesson in course.ordered_lessons():
        for entry in lesson.vocabulary:
            if entry.term.casefold() in seen:
                continue
            seen.add(entry.term.casefold())
            entries.append(
                {
                    "term": entry.term,
                    "explanation": entry.explanation,
                    "translations": {code: entry.translations.get(code) for code in LANGUAGES},
                    "picture": entry.picture if entry.picture in pictures.svgs else None,
                    "native_review": [code for code in LANGUAGES if entry.needs_native_review(code)],
                    "lesson": lesson,
                }
            )
    return entries


PDF_NAMES = {"booklet": "deltakerhefte"}


def pdf_label(path: str) -> str:
    name = path.rsplit("/", 1)[-1].removesuffix(".pdf")
    if name.endswith(PDF_NAMES["booklet"]):
        return "Deltakerhefte (hele kurset)"
    code = name.rsplit("-", 1)[-1]
    return f"Ordliste: norsk og {LANGUAGES[code]['name_nb']} ({LANGUAGES[code]['name']})"


def pdf_files(course: Course) -> dict[str, bytes]:
    """The participant booklet and one word list per language (needs the ``pdf`` extra)."""
    try:
        import weasyprint  # noqa: F401  (imported by exports only when a PDF is drawn)

        from exports.options import PdfOptions
        from exports.pdf import render_pdf
    except ImportError as exc:
        raise ValueError(
            f"the PDFs need the pdf extra (pip install 'ksi-courses[pdf]'), or leave them out with --no-pdfs ({exc})"
        ) from None
    files = {f"pdf/{course.slug}-{PDF_NAMES['booklet']}.pdf": render_pdf(course, PdfOptions())}
    for code in LANGUAGES:
        files[f"pdf/{course.slug}-ordliste-{code}.pdf"] = render_pdf(course, PdfOptions(language=code))
    return files


def json_script(value) -> Markup:
    """``value`` as JSON safe inside a ``<script type="application/json">`` element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
