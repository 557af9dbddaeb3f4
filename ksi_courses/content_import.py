"""Import a course (content model) into the Wagtail page tree, safely and repeatably.

- Idempotent: a page whose content and fingerprint already match is not touched. A page nobody
  has edited since the last import (its stamp, see ``import_stamps``, is unchanged) and whose
  shipped content is unchanged is recognised from the stored hashes alone, without reading it back.
- Atomic: everything runs in one transaction; an error leaves the database as it was.
- Upgrade-safe: a page the municipality edited since the last import is never overwritten
  unless asked (``on_conflict="force"``, or ``decisions={ksi_id: "force"}`` for one page); it is
  reported as a conflict with a diff per changed field and block (see ``import_diff``). Line
  breaks are compared normalised: a browser saves CRLF, the content has LF.
- Lessons removed upstream are unpublished, never deleted (progress records hang on them).
- ``dry_run`` does all the work and rolls it back, so the plan it prints is exactly what a real
  run would do.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.db import transaction
from wagtail.models import Page, Site

from course_content.models import Course
from course_content.stable_ids import current_path

from . import form_pages, payloads
from .form_pages import CourseFormPage
from .images import image_importer, image_src_finder
from .import_create import NewPages
from .import_diff import LEGEND, payload_diff, render_sections
from .import_indexing import indexed_once
from .import_shortcut import record_clean_import
from .import_stamps import own_child_relations, page_stamp
from .models import CourseIndexPage, CoursePage, LessonPage, ModulePage
from .signals import ids_renamed

CONFLICT_MODES = ("report", "force", "keep")


@dataclass
class Action:
    """One thing the import did (or, in a dry run, would do) to one page."""

    verb: str  # create, update, unchanged, edited, conflict, overwrite, keep, move, rename, reorder, unpublish
    kind: str  # course, module, lesson
    ksi_id: str
    title: str
    diff: str = ""
    #: Where the page is on the site (for pages the municipality has edited).
    url: str = ""
    #: Labels of the fields and blocks a conflict's diff shows (``title``, ``block 3 (text)``, …).
    changed_parts: list[str] = field(default_factory=list)

    @property
    def writes(self) -> bool:
        return self.verb not in ("unchanged", "edited", "conflict")

    def __str__(self) -> str:
        return f"{self.verb:<10} {self.kind:<7} {self.ksi_id:<40} {self.title}{f'  {self.url}' if self.url else ''}"


@dataclass
class ImportReport:
    course: str
    version: str
    dry_run: bool
    actions: list[Action] = field(default_factory=list)

    @property
    def changes(self) -> list[Action]:
        return [action for action in self.actions if action.writes]

    @property
    def conflicts(self) -> list[Action]:
        return [action for action in self.actions if action.verb == "conflict"]

    @property
    def edited(self) -> list[Action]:
        """Pages edited here that this import left as they are (the release did not change them)."""
        return [action for action in self.actions if action.verb == "edited"]

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for action in self.actions:
            counts[action.verb] = counts.get(action.verb, 0) + 1
        return counts


def import_course(
    course: Course,
    *,
    dry_run: bool = False,
    on_conflict: str = "report",
    decisions: Mapping[str, str] | None = None,
) -> ImportReport:
    """Create or update the pages of ``course``; see the module docstring for the guarantees.

    ``on_conflict`` says what happens to every conflicting page, ``decisions`` (content id →
    ``"keep"`` or ``"force"``) to single pages, before ``on_conflict``.
    """
    decisions = dict(decisions or {})
    for mode in (on_conflict, *decisions.values()):
        if mode not in CONFLICT_MODES:
            raise ValueError(f"a conflict is decided by one of {CONFLICT_MODES}, not {mode!r}")
    report = ImportReport(course=course.slug, version=course.version_label, dry_run=dry_run)
    with transaction.atomic():
        with indexed_once():
            _CourseSync(course, report, on_conflict, decisions).run()
        if dry_run:
            transaction.set_rollback(True)
        else:
            record_clean_import(course, report)
    return report


def course_index_page() -> Page:
    """The page under which courses live: the first CourseIndexPage, else a new one under the
    default site's root page."""
    index = CourseIndexPage.objects.first()
    if index is not None:
        return index
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        raise RuntimeError("no default Wagtail site: create one (Settings → Sites) before importing courses")
    index = CourseIndexPage(title="Kurs", slug="kurs", intro="")
    site.root_page.add_child(instance=index)
    index.save_revision().publish()
    return index


class _CourseSync:
    def __init__(self, course: Course, report: ImportReport, on_conflict: str, decisions: dict[str, str]):
        self.course = course
        self.report = report
        self.on_conflict = on_conflict
        self.decisions = decisions
        self.image_id_for = image_importer(course.slug, course.root)
        self.src_for = image_src_finder(course.slug)
        self.known: dict[tuple[type, str], Page] = {}
        self.moved = False  # a move shifts the tree paths of the pages in ``known``
        self.new_course = False  # the course page was created now: no page below it to look for
        #: New pages: published, with their revisions, log entries and stamps, in batches.
        self.new_pages = NewPages()

    def prefetch(self, course_page) -> None:
        """Load the course's imported pages in three queries, for :meth:`unchanged`."""
        for page_class, pages in (
            (ModulePage, ModulePage.objects.descendant_of(course_page)),
            (LessonPage, LessonPage.objects.descendant_of(course_page)),
            (CourseFormPage, CourseFormPage.objects.child_of(course_page)),
        ):
            pages = pages.exclude(ksi_id="").prefetch_related(*own_child_relations(page_class))
            for page in pages.order_by("path"):
                self.known.setdefault((page_class, page.ksi_id), page)  # the first, like .first()

    def unchanged(self, page_class, kind: str, ksi_id: str, payload: dict, parent=None):
        """The page for ``ksi_id`` if its stored hashes show it is up to date (else ``None``).

        Only a page nobody edited since the import (same stamp) whose shipped content is the
        same (same fingerprint) and that sits under ``parent`` qualifies; every other page takes
        the full path through :meth:`sync`, freshly loaded.
        """
        page = None if self.moved else self.known.get((page_class, ksi_id))
        if page is None or not page.ksi_page_stamp or page.ksi_import_hash != payloads.fingerprint(payload):
            return None
        if parent is not None and page.path[: -Page.steplen] != parent.path:
            return None
        if page_stamp(page) != page.ksi_page_stamp:
            return None
        self.record("unchanged", kind, ksi_id, payload["title"])
        return page

    def run(self) -> None:
        course = self.course
        course_page = CoursePage.objects.filter(ksi_id=course.slug).first()
        course_page = self.sync(
            course_page,
            course_index_page,
            CoursePage,
            "course",
            course.slug,
            payloads.course_payload(course),
            payloads.course_page_payload,
            payloads.course_page_fields,
            extra={"translations": dict(course.translations)},
        )
        self.follow_renames(course_page)
        self.prefetch(course_page)
        module_pages = []
        for module in course.modules:
            module_page = self.sync_module(course_page, module)
            module_pages.append(module_page)
            lesson_pages = [self.sync_lesson(course_page, module_page, lesson) for lesson in course.lessons_in(module)]
            self.order(module_page, lesson_pages, "lesson")
        self.order(course_page, module_pages, "module")
        for form in course.forms.values():
            self.sync_form(course_page, form)
        self.new_pages.flush()
        self.unpublish_removed(course_page)
        if (course_page.ksi_version, course_page.ksi_content_hash) != (course.version, course.content_hash):
            CoursePage.objects.filter(pk=course_page.pk).update(
                ksi_version=course.version, ksi_content_hash=course.content_hash
            )

    def follow_renames(self, course_page) -> None:
        """Carry renamed ids over (``renamed:`` in course.yaml): a renamed lesson's page takes its new id,
        so the same page, with its progress and history, carries on; renamed quizzes, questions,
        checklists and items go to :data:`ksi_courses.signals.ids_renamed` (the teaching app moves its
        records). A rename whose old page is gone, or whose new id has a page already, is left alone."""
        lessons = LessonPage.objects.descendant_of(course_page)
        for old, new in self.course.renamed.items():
            if "/" in old:
                continue
            page = lessons.filter(ksi_id=old).first()
            if page is None or lessons.filter(ksi_id=new).exists():
                continue
            LessonPage.objects.filter(pk=page.pk).update(ksi_id=new)
            self.record("rename", "lesson", new, f"{old} → {new}")
        for old, new in self.course.renamed.items():
            if "/" not in old:
                continue
            lesson_id = current_path(old, self.course.renamed).split("/", 1)[0]
            page = lessons.filter(ksi_id=lesson_id).first()
            if page is None:
                continue
            answers = ids_renamed.send(sender=type(self), page=page, old=old.split("/", 1)[1], new=new.split("/", 1)[1])
            if any(changed for _, changed in answers):  # records moved now; a later import finds none
                self.record("rename", "lesson", lesson_id, f"{old} → {new}")

    def sync_module(self, course_page, module):
        payload = payloads.module_payload(module)
        page = self.unchanged(ModulePage, "module", module.id, payload)
        if page is not None:
            return page
        return self.sync(
            self.existing(ModulePage.objects.descendant_of(course_page).filter(ksi_id=module.id)),
            lambda: course_page,
            ModulePage,
            "module",
            module.id,
            payload,
            payloads.module_page_payload,
            payloads.module_page_fields,
        )

    def sync_lesson(self, course_page, module_page, lesson):
        payload = payloads.lesson_payload(lesson)
        page = self.unchanged(LessonPage, "lesson", lesson.id, payload, parent=module_page)
        if page is not None:
            return page
        page = self.existing(LessonPage.objects.descendant_of(course_page).filter(ksi_id=lesson.id))
        if page is not None and page.get_parent().pk != module_page.pk:
            page.move(module_page, pos="last-child")
            self.moved = True
            self.new_pages.forget_positions()
            page = LessonPage.objects.get(pk=page.pk)
            self.record("move", "lesson", lesson.id, lesson.title)
        return self.sync(
            page,
            lambda: module_page,
            LessonPage,
            "lesson",
            lesson.id,
            payload,
            lambda page: payloads.lesson_page_payload(page, self.src_for),
            lambda payload: payloads.lesson_page_fields(lesson, self.image_id_for),
        )

    def sync_form(self, course_page, form) -> None:
        payload = form_pages.form_payload(form)
        if self.unchanged(CourseFormPage, "form", form.id, payload) is None:
            self.sync(
                self.existing(CourseFormPage.objects.child_of(course_page).filter(ksi_id=form.id)),
                lambda: course_page,
                CourseFormPage,
                "form",
                form.id,
                payload,
                form_pages.form_page_payload,
                form_pages.form_page_fields,
            )

    def existing(self, pages):
        """The first of ``pages`` (the query for an id's page); none, unasked, below a new course page."""
        return None if self.new_course else pages.first()

    def record(self, verb, kind, ksi_id, title, diff="", *, page=None, changed_parts=()) -> None:
        url = (page.get_url() or page.url_path) if page is not None else ""
        self.report.actions.append(Action(verb, kind, ksi_id, title, diff, url, list(changed_parts)))

    def sync(self, page, parent_getter, page_class, kind, ksi_id, payload, page_payload, page_fields, extra=None):
        """Create, update or leave one page; returns the (possibly new) page."""
        new_hash = payloads.fingerprint(payload)
        title = payload["title"]
        if page is None:
            page = page_class(ksi_id=ksi_id, slug=ksi_id, ksi_import_hash=new_hash, **(extra or {}))
            self._assign(page, page_fields(payload))
            self.new_pages.add(parent_getter(), page)
            if kind == "course":
                self.new_course = True
                self.new_pages.flush()  # its stamp and revision before follow_renames and prefetch
            self.record("create", kind, ksi_id, title)
            return page
        stamp = page_stamp(page)
        if new_hash == page.ksi_import_hash and stamp == page.ksi_page_stamp:
            self.record("unchanged", kind, ksi_id, title)
            return page
        current = page.get_latest_revision_as_object()
        local = payloads.normalise_newlines(page_payload(current))
        local_hash = payloads.fingerprint(local)
        edited = local_hash != page.ksi_import_hash
        if new_hash == page.ksi_import_hash:
            if not edited and stamp != page.ksi_page_stamp:
                self._stamp(page, stamp)  # e.g. imported before stamps existed: fast next time
            if edited:
                self.record("edited", kind, ksi_id, local["title"], page=page)
            else:
                self.record("unchanged", kind, ksi_id, title)
            return page
        if edited and local_hash != new_hash:
            mode = self.decisions.get(ksi_id, self.on_conflict)
            if mode == "report":
                sections = payload_diff(local, payload)
                diff = render_sections(sections)
                parts = [label for label, _ in sections]
                self.record("conflict", kind, ksi_id, local["title"], diff, page=page, changed_parts=parts)
                return page
            if mode == "keep":
                # The stamp vouches for pages that match ksi_import_hash; this one does not.
                type(page).objects.filter(pk=page.pk).update(ksi_import_hash=new_hash, ksi_page_stamp="")
                self.record("keep", kind, ksi_id, local["title"], page=page)
                return page
        verb = "overwrite" if edited and local_hash != new_hash else "update"
        self._assign(page, page_fields(payload))
        for name, value in (extra or {}).items():
            setattr(page, name, value)
        page.ksi_import_hash = new_hash
        revision = page.save_revision()
        if page.live:
            revision.publish()
        type(page).objects.filter(pk=page.pk).update(ksi_import_hash=new_hash)
        self.record(verb, kind, ksi_id, title, page=page if verb == "overwrite" else None)
        return self._stamp(type(page).objects.get(pk=page.pk))

    @staticmethod
    def _stamp(page, stamp: str | None = None):
        """Store the stamp of ``page`` as it is now, right after it matched its import hash."""
        page.ksi_page_stamp = stamp or page_stamp(page)
        type(page).objects.filter(pk=page.pk).update(ksi_page_stamp=page.ksi_page_stamp)
        return page

    @staticmethod
    def _assign(page, fields: dict) -> None:
        for name, value in fields.items():
            setattr(page, name, value)

    def order(self, parent, pages, kind) -> None:
        """Put the imported children of ``parent`` in content order (other pages stay put)."""
        wanted = [page.pk for page in pages]
        if not self.moved and all(page.path[: -Page.steplen] == parent.path for page in pages):
            current = [page.pk for page in sorted(pages, key=lambda page: page.path)]  # paths are current
        else:
            current = [pk for pk in parent.get_children().values_list("pk", flat=True) if pk in set(wanted)]
        if current == wanted:
            return
        self.new_pages.flush()  # new pages are published (revisions, history) before any is moved
        self.moved = True
        previous = None
        for pk in wanted:
            page = Page.objects.get(pk=pk)
            if previous is None:
                page.move(Page.objects.get(pk=parent.pk), pos="first-child")
            else:
                page.move(Page.objects.get(pk=previous), pos="right")
            previous = pk
        self.record("reorder", kind + "s", parent.specific.ksi_id, parent.title)

    def unpublish_removed(self, course_page) -> None:
        lesson_ids = set(self.course.lessons)
        module_ids = {module.id for module in self.course.modules}
        form_ids = set(self.course.forms)
        removable = (
            (LessonPage, lesson_ids, "lesson"),
            (ModulePage, module_ids, "module"),
            (CourseFormPage, form_ids, "form"),
        )
        for page_class, ids, kind in removable:
            gone = page_class.objects.descendant_of(course_page).live().exclude(ksi_id="").exclude(ksi_id__in=ids)
            for page in gone:
                page.unpublish()
                self.record("unpublish", kind, page.ksi_id, page.title)


def render_report(report: ImportReport, verbose: bool = False) -> str:
    """The report as text: changes (and, verbose, unchanged pages), the pages edited here, each
    conflict with its diff per field and block, totals, and how to decide the conflicts."""
    out = [f"{report.course} {report.version}{' (dry run: nothing written)' if report.dry_run else ''}"]
    for action in report.actions:
        if action.writes or action.verb in ("conflict", "edited") or verbose:
            out.append(f"  {action}")
    for action in report.edited:
        out.append(f"\nEdited here, kept as it is (the release does not change it): {_page(action)}")
    for action in report.conflicts:
        out.append(
            f"\nConflict: {action.kind} '{action.ksi_id}' {_page(action)} was edited here and changed upstream."
            f" Changed: {', '.join(action.changed_parts)}. Diff {LEGEND}:"
        )
        out.append(action.diff)
    totals = ", ".join(f"{count} {verb}" for verb, count in sorted(report.counts().items()))
    out.append(f"  = {len(report.changes)} change(s); {totals}")
    if report.conflicts:
        ids = " ".join(action.ksi_id for action in report.conflicts)
        out.append(
            "  Conflicting pages were left as they are. Decide for each and run the import again: "
            "--keep ID keeps your version, --force ID replaces it with the shipped version (yours stays in the "
            f"page history); --keep or --force without an ID decides for every conflicting page. IDs: {ids}"
        )
    return "\n".join(out)


def _page(action: Action) -> str:
    return f"“{action.title}” ({action.url})" if action.url else f"“{action.title}”"
