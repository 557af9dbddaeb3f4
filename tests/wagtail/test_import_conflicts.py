"""import_ksi_courses with pages edited in the browser: CRLF is not an edit, a conflict shows one
diff per changed field or block and names the page, the command exits 3 while conflicts remain,
and --keep ID / --force ID decide page by page."""

import io
import shutil

import pytest
from django.core.management import CommandError, call_command
from wagtail.blocks import StreamValue

from ksi_courses.import_decisions import CONFLICTS_REMAIN
from ksi_courses.models import LessonPage
from tests.paths import MINI_COURSE

pytestmark = pytest.mark.django_db


def crlf(data):
    """``data`` with LF line breaks as a browser sends a textarea's text: CRLF."""
    if isinstance(data, str):
        return data.replace("\n", "\r\n")
    if isinstance(data, dict):
        return {key: crlf(value) for key, value in data.items()}
    if isinstance(data, list):
        return [crlf(value) for value in data]
    return data


def save_in_browser(ksi_id, title=None):
    """Save the lesson as the admin's editor does: every multi-line text comes back with CRLF."""
    page = LessonPage.objects.get(ksi_id=ksi_id)
    raw = crlf([dict(block) for block in page.body.raw_data])
    assert "\r\n" in raw[0]["value"]["body"]  # the first block is a text of several paragraphs
    page.body = StreamValue(page.body.stream_block, raw, is_lazy=True)
    page.goals = crlf(page.goals + "\n")
    if title:
        page.title = title
    page.save_revision().publish()
    return page


def replace(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def folder(tmp_path):
    """The mini course with a text of several paragraphs in each lesson, as real lessons have."""
    target = tmp_path / "mini-kurs"
    shutil.copytree(MINI_COURSE, target)
    replace(
        target / "lessons" / "handvask.yaml",
        "      **Håndhygiene** er det viktigste du gjør for å stoppe smitte.\n",
        "      **Håndhygiene** er det viktigste du gjør for å stoppe smitte.\n\n"
        "      Vask hendene før du begynner.\n\n      Vask hendene når du er ferdig.\n",
    )
    replace(
        target / "lessons" / "renholdsutstyr.yaml",
        "Vi bruker **mopp** og klut.",
        "Vi bruker **mopp** og klut.\n\n      Utstyret skal være rent.",
    )
    return target


def run(folder, *options):
    out = io.StringIO()
    try:
        call_command("import_ksi_courses", "--path", str(folder), *options, stdout=out)
    except CommandError as error:
        return out.getvalue(), error
    return out.getvalue(), None


def release_changes_both_lessons(folder):
    replace(folder / "lessons" / "handvask.yaml", "er det viktigste", "er det aller viktigste")
    replace(
        folder / "lessons" / "renholdsutstyr.yaml", "Vi bruker **mopp** og klut.", "Vi bruker **mopp**, bøtte og klut."
    )


def test_a_browser_save_with_crlf_alone_is_not_an_edit(folder):
    assert run(folder)[1] is None
    save_in_browser("handvask")
    release_changes_both_lessons(folder)
    printed, error = run(folder)
    assert error is None and "conflict" not in printed
    assert "aller viktigste" in str(LessonPage.objects.get(ksi_id="handvask").body[0].value["body"])


def test_a_one_line_release_change_to_a_browser_edited_page_shows_one_block(folder):
    run(folder)
    page = save_in_browser("handvask", title="Vår håndvask")
    release_changes_both_lessons(folder)
    printed, error = run(folder)

    # The edited page is named by title and address; the diff covers the title and the one block.
    assert f"Conflict: lesson 'handvask' “Vår håndvask” ({page.url})" in printed
    assert "Changed: title, block 1 (text)." in printed
    conflict = printed[printed.index("Conflict: lesson 'handvask'") :]
    diff = conflict[: conflict.index("  = ")]
    labels = [line for line in diff.splitlines() if line.startswith("  ") and line.endswith(":")]
    assert labels == ["  title:", "  block 1 (text):"]  # not every block of the CRLF-saved page
    assert "-title: Vår håndvask" in diff and "+title: Håndvask" in diff
    assert "+  **Håndhygiene** er det aller viktigste" in diff and "\r" not in diff
    assert len(diff.splitlines()) < 20  # was a diff of the whole page
    # The command fails while the conflict remains, naming the page, and writes the rest.
    assert error is not None and error.returncode == CONFLICTS_REMAIN
    assert "mini-kurs/handvask" in str(error) and "--keep ID or --force ID" in str(error)
    assert LessonPage.objects.get(pk=page.pk).title == "Vår håndvask"
    assert "bøtte" in LessonPage.objects.get(ksi_id="renholdsutstyr").body[0].value["body"]


def test_keep_and_force_decide_page_by_page(folder):
    run(folder)
    save_in_browser("handvask", title="Vår håndvask")
    save_in_browser("renholdsutstyr", title="Vårt utstyr")
    release_changes_both_lessons(folder)

    printed, error = run(folder, "--keep", "handvask")
    assert "keep       lesson  handvask" in printed and "Conflict: lesson 'renholdsutstyr'" in printed
    assert error.returncode == CONFLICTS_REMAIN and "mini-kurs/renholdsutstyr" in str(error)
    assert "handvask" not in str(error)

    printed, error = run(folder, "--force", "renholdsutstyr")
    assert error is None, error
    assert "overwrite  lesson  renholdsutstyr" in printed
    assert LessonPage.objects.get(ksi_id="handvask").title == "Vår håndvask"  # kept stays kept
    forced = LessonPage.objects.get(ksi_id="renholdsutstyr")
    assert forced.title == "Renholdsutstyr" and "bøtte" in forced.body[0].value["body"]
    assert "Vårt utstyr" in [revision.as_object().title for revision in forced.revisions.all()]  # in the history
    # Edited pages the release leaves alone are named too, not just counted.
    printed, error = run(folder)
    assert error is None
    assert "Edited here, kept as it is (the release does not change it): “Vår håndvask”" in printed


def test_an_unknown_or_contradictory_id_is_a_clear_error_and_writes_nothing(folder):
    run(folder)
    save_in_browser("handvask", title="Vår håndvask")
    release_changes_both_lessons(folder)
    for options, message in (
        (["--keep", "handvsk"], "--keep handvsk: no course, module, lesson or form with this id"),
        (["--keep", "handvask", "--force", "handvask"], "handvask: given to both --keep and --force"),
        (["--keep", "--force"], "contradict each other"),
    ):
        printed, error = run(folder, *options)
        assert error is not None and error.returncode == 1 and message in str(error)
        assert printed == ""
        assert "bøtte" not in LessonPage.objects.get(ksi_id="renholdsutstyr").body[0].value["body"]


def test_keep_without_an_id_still_keeps_every_conflicting_page(folder):
    run(folder)
    save_in_browser("handvask", title="Vår håndvask")
    save_in_browser("renholdsutstyr", title="Vårt utstyr")
    release_changes_both_lessons(folder)
    printed, error = run(folder, "--keep")
    assert error is None and printed.count("keep       lesson") == 2
