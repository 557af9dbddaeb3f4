"""Load and check a course folder: course.yaml, lessons/, forms/, templates/, media/."""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from functools import cache
from pathlib import Path

from .blocks import ImageBlock
from .disk_cache import remembered
from .errors import ContentError, ContentProblem
from .forms import Form
from .glossary import Glossary, load_glossary, resolve_vocabulary
from .logbook import check_logbook_weeks, load_logbook
from .models import Course, CourseFile, Duration, Lesson
from .plan import CoursePlan, check_plan_references
from .templates import PLACEHOLDER, PLACEHOLDERS, DocumentTemplate
from .validation import validate_document
from .yaml_source import loader_class, parse_yaml, read_yaml

PACKAGE_DIR = Path(__file__).resolve().parent
COURSES_DIR = PACKAGE_DIR / "courses"
COMMON_DIR = PACKAGE_DIR / "common"
PLAN_FILE = "plan.yaml"


#: Courses loaded in this process, by folder: ``(content hash, course, problems)``. Bounded,
#: because PDF builds load edited courses from temporary folders.
_LOADED: OrderedDict[tuple, tuple[str, Course | None, list[ContentProblem]]] = OrderedDict()
_LOADED_MAX = 16
_LOADED_LOCK = threading.Lock()


def check_course(path: str | Path, common: Path | None = COMMON_DIR) -> tuple[Course | None, list[ContentProblem]]:
    """Load the course in ``path`` and return it with every problem found (errors and warnings).

    The course is ``None`` when there is any error. ``common`` holds the forms and templates
    shipped for every course; a course's own file with the same id replaces the common one.

    Each folder is parsed once per process: later calls hash the files' bytes (about a
    millisecond) and return the same course object while the hash is unchanged, so treat it
    as read-only. A changed file changes the hash and the course is loaded again.
    """
    root = Path(path)
    course_file = root / "course.yaml"
    if not course_file.is_file():
        return None, [ContentProblem(course_file, None, None, "no course.yaml here: is this a course folder?")]
    # The path as given is part of the key: messages and ``course.root`` keep the caller's form.
    key = (root, root.resolve(), common, loader_class())
    digest = content_hash(root, common)
    with _LOADED_LOCK:
        hit = _LOADED.get(key)
        if hit is not None and hit[0] == digest:
            _LOADED.move_to_end(key)
            return hit[1], list(hit[2])
    clean = {"load": True}  # a load from the disk cache was clean when it was written

    def load():
        result = _check_course(root, common, digest)
        # A file edited while it was being read would leave a mixed course: keep only a clean load.
        clean["load"] = content_hash(root, common) == digest
        return result

    # Inside ``disk_cache.kept_in`` (the ``ksi-courses`` command) also kept between processes.
    course, problems = remembered(
        "course",
        (str(root), str(root.resolve()), str(common), loader_class().__name__, digest),
        load,
        keep=lambda _: clean["load"],
    )
    if clean["load"]:
        with _LOADED_LOCK:
            _LOADED[key] = (digest, course, list(problems))
            _LOADED.move_to_end(key)
            while len(_LOADED) > _LOADED_MAX:
                _LOADED.popitem(last=False)
    return course, problems


def _check_course(root: Path, common: Path | None, digest: str) -> tuple[Course | None, list[ContentProblem]]:
    problems: list[ContentProblem] = []
    course_file = root / "course.yaml"
    course_doc = read_yaml(course_file)
    meta = validate_document(CourseFile, course_doc, problems)
    glossary = load_glossary(root, problems)
    lessons = _load_lessons(root, glossary, dict(meta.translations) if meta else {}, problems)
    forms = _load_forms(root, common, problems)
    templates = _load_templates(root, common, problems)
    plan = _load_plan(root, meta, forms, problems)
    logbook = load_logbook(root, problems)
    if plan is not None:
        check_logbook_weeks(plan, root / PLAN_FILE, logbook, problems)
    if meta is not None:
        _check_lesson_references(meta, course_doc, lessons, problems)
        meta = _with_duration(meta, course_doc, plan, (root / PLAN_FILE).is_file(), problems)
    for lesson, path_ in lessons.values():
        _check_media(root, lesson, path_, problems)
    if any(p.severity == "error" for p in problems):
        return None, problems
    course = Course(
        **dict(meta),
        plan=plan,
        logbook=logbook,
        glossary=glossary,
        lessons={lesson_id: lesson for lesson_id, (lesson, _) in lessons.items()},
        forms=forms,
        templates=templates,
        content_hash=digest,
    )
    course._root = root
    return course, problems


def load_course(path: str | Path, common: Path | None = COMMON_DIR) -> Course:
    """Load the course in ``path``; raise :class:`ContentError` listing every problem."""
    course, problems = check_course(path, common)
    if course is None:
        raise ContentError(problems)
    return course


def check_lesson_file(path: str | Path) -> tuple[Lesson | None, list[ContentProblem]]:
    """Check one lesson file on its own (for authors working lesson by lesson)."""
    file = Path(path)
    problems: list[ContentProblem] = []
    root = file.parent.parent
    course_doc = read_yaml(root / "course.yaml") if (root / "course.yaml").is_file() else None
    review = course_doc.data.get("translations") if course_doc and isinstance(course_doc.data, dict) else None
    glossary = load_glossary(root, problems)
    doc = resolve_vocabulary(read_yaml(file), glossary, review if isinstance(review, dict) else {}, problems)
    lesson = validate_document(Lesson, doc, problems)
    if lesson is not None:
        if lesson.id != file.stem:
            problems.append(
                ContentProblem(file, None, "id", f"id '{lesson.id}' must match the file name '{file.stem}'")
            )
        _check_media(file.parent.parent, lesson, file, problems)
    return (None if any(p.severity == "error" for p in problems) else lesson), problems


def course_dirs(path: str | Path) -> list[Path]:
    """``path`` itself if it is a course folder, else its subfolders that hold a course.yaml."""
    root = Path(path)
    if (root / "course.yaml").is_file():
        return [root]
    return sorted(child for child in root.iterdir() if (child / "course.yaml").is_file()) if root.is_dir() else []


def shipped_courses() -> dict[str, Course]:
    """The courses shipped with the package, by slug, in folder order (each parsed once per process)."""
    return {path.name: get_course(path.name) for path in course_dirs(COURSES_DIR)}


def get_course(slug: str) -> Course:
    """A shipped course by slug (its folder name); the error names the slugs that exist.

    Cached like :func:`check_course`: parsed once per process, loaded again if a file changes.
    """
    folder = COURSES_DIR / slug
    if not (folder / "course.yaml").is_file():
        available = ", ".join(path.name for path in course_dirs(COURSES_DIR))
        raise KeyError(f"no course '{slug}'; shipped courses: {available}")
    course = load_course(folder)
    if course.slug != slug:
        raise ContentError(
            [
                ContentProblem(
                    folder / "course.yaml", None, "slug", f"slug '{course.slug}' must match the folder name '{slug}'"
                )
            ]
        )
    return course


@cache
def common_documents() -> tuple[dict[str, Form], dict[str, DocumentTemplate]]:
    """The forms and templates shipped for every course (``common/``), by id."""
    problems: list[ContentProblem] = []
    forms = _load_forms(COMMON_DIR, None, problems)
    templates = _load_templates(COMMON_DIR, None, problems)
    if any(p.severity == "error" for p in problems):
        raise ContentError(problems)
    return forms, templates


def content_hash(root: Path, common: Path | None = COMMON_DIR) -> str:
    """SHA-256 over every file of the course (and the common set), by relative path and bytes."""
    digest = hashlib.sha256()
    for base in (root, common):
        if base is None or not base.is_dir():
            continue
        for file in sorted(p for p in base.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(file.relative_to(base).as_posix().encode())
            digest.update(b"\0")
            digest.update(file.read_bytes())
            digest.update(b"\0")
    return digest.hexdigest()


def _load_plan(root: Path, meta: CourseFile | None, forms, problems) -> CoursePlan | None:
    """The course plan in ``plan.yaml`` if there is one, checked against the course."""
    file = root / PLAN_FILE
    if not file.is_file():
        return None
    doc = read_yaml(file)
    plan = validate_document(CoursePlan, doc, problems)
    if plan is not None and meta is not None:
        module_lessons = {module.id: list(module.lessons) for module in meta.modules}
        check_plan_references(plan, doc, module_lessons, forms, problems)
    return plan


def _with_duration(meta: CourseFile, doc, plan: CoursePlan | None, has_plan_file: bool, problems) -> CourseFile:
    """``meta`` with the course description's duration taken from the plan, where there is one."""
    stated = meta.description.duration
    if plan is None:
        # A plan file that failed to load has reported its own errors.
        if stated is None and not has_plan_file:
            problems.append(
                ContentProblem(
                    doc.path,
                    doc.line_of(("description",)),
                    "description.duration",
                    f"missing: give weeks and hours_per_week here, or add a {PLAN_FILE} (the course plan)",
                )
            )
        return meta
    if stated is not None:
        problems.append(
            ContentProblem(
                doc.path,
                doc.line_of(("description", "duration")),
                "description.duration",
                f"remove it: the weeks and hours come from {PLAN_FILE} "
                f"({len(plan.weeks)} weeks, {plan.total_hours:g} hours); put a note on the length in its `note`",
            )
        )
        return meta
    duration = Duration(weeks=len(plan.weeks), hours_per_week=plan.hours_per_week, note=plan.note)
    return meta.model_copy(update={"description": meta.description.model_copy(update={"duration": duration})})


def _load_lessons(
    root: Path, glossary: Glossary | None, course_review: dict[str, str], problems
) -> dict[str, tuple[Lesson, Path]]:
    lessons: dict[str, tuple[Lesson, Path]] = {}
    for file in sorted((root / "lessons").glob("*.y*ml")):
        doc = resolve_vocabulary(read_yaml(file), glossary, course_review, problems)
        lesson = validate_document(Lesson, doc, problems)
        if lesson is None:
            # Keep the id known so the module check does not report a second, misleading error.
            if isinstance(doc.data, dict) and isinstance(doc.data.get("id"), str):
                lessons.setdefault(doc.data["id"], (None, file))
            continue
        if lesson.id != file.stem:
            problems.append(
                ContentProblem(
                    file, doc.line_of(("id",)), "id", f"id '{lesson.id}' must match the file name '{file.stem}'"
                )
            )
        if lesson.id in lessons:
            other = lessons[lesson.id][1]
            problems.append(
                ContentProblem(file, doc.line_of(("id",)), "id", f"duplicate lesson id '{lesson.id}' (also in {other})")
            )
            continue
        lessons[lesson.id] = (lesson, file)
    return lessons


def _check_lesson_references(meta: CourseFile, doc, lessons, problems) -> None:
    listed: set[str] = set()
    for m_index, module in enumerate(meta.modules):
        for l_index, lesson_id in enumerate(module.lessons):
            listed.add(lesson_id)
            # A lesson file that exists but failed to load has reported its own error already.
            if lesson_id not in lessons and not any((doc.path.parent / "lessons").glob(f"{lesson_id}.y*ml")):
                problems.append(
                    ContentProblem(
                        doc.path,
                        doc.line_of(("modules", m_index, "lessons", l_index)),
                        f"modules[{m_index}].lessons[{l_index}]",
                        f"lesson '{lesson_id}' is listed but there is no lessons/{lesson_id}.yaml",
                    )
                )
    for lesson_id, (_, file) in lessons.items():
        if lesson_id not in listed:
            problems.append(
                ContentProblem(
                    file, 1, None, f"lesson '{lesson_id}' is not listed in any module of course.yaml", "warning"
                )
            )


def _check_media(root: Path, lesson: Lesson | None, file: Path, problems) -> None:
    if lesson is None:
        return
    doc = None
    for index, block in enumerate(lesson.blocks):
        # A library picture (``picture:``) was checked by the schema; only course files are looked up here.
        if isinstance(block, ImageBlock) and block.src and not (root / block.src).is_file():
            doc = doc or read_yaml(file)
            problems.append(
                ContentProblem(
                    file,
                    doc.line_of(("blocks", index, "src")),
                    f"blocks[{index}].src",
                    f"image file '{block.src}' not found in the course folder",
                )
            )


def _sources(root: Path, common: Path | None, folder: str, pattern: str) -> list[Path]:
    """Files of ``folder`` in the common set and the course; the course's own win by stem."""
    by_stem: dict[str, Path] = {}
    for base in (common, root):
        if base is not None:
            for file in sorted((base / folder).glob(pattern)):
                by_stem[file.stem] = file
    return list(by_stem.values())


def _load_forms(root: Path, common: Path | None, problems) -> dict[str, Form]:
    forms: dict[str, Form] = {}
    for file in _sources(root, common, "forms", "*.y*ml"):
        doc = read_yaml(file)
        form = validate_document(Form, doc, problems)
        if form is not None:
            if form.id != file.stem:
                problems.append(
                    ContentProblem(
                        file, doc.line_of(("id",)), "id", f"id '{form.id}' must match the file name '{file.stem}'"
                    )
                )
            forms[form.id] = form
    return forms


def _load_templates(root: Path, common: Path | None, problems) -> dict[str, DocumentTemplate]:
    templates: dict[str, DocumentTemplate] = {}
    for file in _sources(root, common, "templates", "*.md"):
        template = _load_template(file, problems)
        if template is not None:
            templates[template.id] = template
    return templates


def _load_template(file: Path, problems) -> DocumentTemplate | None:
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(ContentProblem(file, None, None, f"cannot read file: {exc}"))
        return None
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---" or "---" not in [line.strip() for line in lines[1:]]:
        problems.append(
            ContentProblem(file, 1, None, "a template starts with front matter between '---' lines (id, title)")
        )
        return None
    end = 1 + [line.strip() for line in lines[1:]].index("---")
    doc = parse_yaml("\n".join(lines[1:end]), file, first_line=2)
    body = "\n".join(lines[end + 1 :]).strip("\n")
    if isinstance(doc.data, dict):
        doc.data = {**doc.data, "body": body}
    template = validate_document(DocumentTemplate, doc, problems)
    body_first_line = end + 2
    for offset, line in enumerate(lines[end + 1 :]):
        for match in PLACEHOLDER.finditer(line):
            if match.group(1) not in PLACEHOLDERS:
                problems.append(
                    ContentProblem(
                        file,
                        body_first_line + offset,
                        f"placeholder {{{{ {match.group(1)} }}}}",
                        "unknown placeholder; see the list in `ksi-courses template --help`",
                    )
                )
    if template is not None and template.id != file.stem:
        problems.append(
            ContentProblem(
                file, doc.line_of(("id",)), "id", f"id '{template.id}' must match the file name '{file.stem}'"
            )
        )
    return template
