"""The import command's ``--keep ID`` / ``--force ID``: which conflicting pages keep the
municipality's version and which take the shipped one, checked before anything is written."""

from __future__ import annotations

from collections.abc import Iterable

from course_content.models import Course

from .content_import import ImportReport

#: Exit status of ``import_ksi_courses`` while edited pages still conflict with the release
#: (1 is an error that wrote nothing; 2 a wrong option).
CONFLICTS_REMAIN = 3


def decide(plan: Iterable[Course | ImportReport], *, keep: list[str] | None, force: list[str] | None):
    """``(on_conflict, {content id: "keep"|"force"})`` from the options; ``[]`` means "every page".

    Raises ``ValueError`` for an id no course in ``plan`` has, an id given to both options, or
    both options given without ids.
    """
    keep_all, force_all = keep == [], force == []
    if keep_all and force_all:
        raise ValueError("--keep and --force without an ID contradict each other: give the pages' IDs to one of them")
    both = sorted(set(keep or ()) & set(force or ()))
    if both:
        raise ValueError(f"{', '.join(both)}: given to both --keep and --force; choose one for each page")
    known = set()
    for item in plan:
        known |= _content_ids(item)
    for option, ids in (("--keep", keep or ()), ("--force", force or ())):
        for ksi_id in ids:
            if ksi_id not in known:
                raise ValueError(
                    f"{option} {ksi_id}: no course, module, lesson or form with this id in the courses imported "
                    "(use the id the conflict list shows, e.g. the lesson's id in “conflict lesson <id>”)"
                )
    decisions = {ksi_id: "keep" for ksi_id in keep or ()} | {ksi_id: "force" for ksi_id in force or ()}
    return ("force" if force_all else "keep" if keep_all else "report"), decisions


def conflicts_remain(reports: Iterable[ImportReport]) -> str:
    """A message naming the pages still in conflict after ``reports`` (empty if there are none)."""
    pages = [f"{report.course}/{action.ksi_id}" for report in reports for action in report.conflicts]
    if not pages:
        return ""
    return (
        f"{len(pages)} page(s) edited here and changed upstream were left as they are: {', '.join(pages)}. "
        "Run again with --keep ID or --force ID for each (see the diffs above)."
    )


def _content_ids(item: Course | ImportReport) -> set[str]:
    if isinstance(item, ImportReport):
        return {item.course} | {action.ksi_id for action in item.actions}
    return {item.slug} | {module.id for module in item.modules} | set(item.lessons) | set(item.forms)
