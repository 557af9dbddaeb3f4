"""A whole course's PDF is rendered in a child process (exports.render_process), so a long-running
PDF worker gives the memory back after each build: the same PDF as in the process itself, errors
as they were raised, a child that dies is a clear error and the next render works again."""

import io
import os
import signal
import subprocess
import sys

import pytest
from pypdf import PdfReader

from exports import render_process
from exports.pdf import PdfOptions, render_pdf
from exports.render_process import RenderProcessDied, render_pdf_in_child
from tests.paths import TESTS_DIR

REPO = TESTS_DIR.parent


def text(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def child_pid(course, options) -> int:
    """Run in the child instead of a render: its process id."""
    return os.getpid()


def die(course, options) -> bytes:
    """Run in the child instead of a render: killed, as the kernel kills a process out of memory."""
    os.kill(os.getpid(), signal.SIGKILL)
    return b""


def test_the_child_makes_the_same_pdf_as_the_process_itself(mini_course):
    options = PdfOptions(edition="teacher")
    in_child = render_pdf_in_child(mini_course, options)
    assert text(in_child) == text(render_pdf(mini_course, options, cache=None))
    assert len(text(in_child)) >= 4


def test_each_render_has_a_child_of_its_own(mini_course, monkeypatch):
    monkeypatch.setattr(render_process, "_render", child_pid)
    pids = {render_pdf_in_child(mini_course, PdfOptions()) for _ in range(3)}
    assert len(pids) == 3 and os.getpid() not in pids


def test_an_error_of_the_render_comes_back_as_it_was_raised(mini_course):
    with pytest.raises(KeyError, match="finnes-ikke"):
        render_pdf_in_child(mini_course, PdfOptions(lesson_id="finnes-ikke"))


def test_a_child_that_dies_is_a_clear_error_and_the_next_render_works(mini_course, monkeypatch):
    monkeypatch.setattr(render_process, "_render", die)
    with pytest.raises(RenderProcessDied, match=r"mini-kurs.*more memory"):
        render_pdf_in_child(mini_course, PdfOptions())
    monkeypatch.undo()
    assert text(render_pdf_in_child(mini_course, PdfOptions()))[0]


#: A process that renders in a child, prints its process group and exits.
RENDER_AND_EXIT = """
import os
from course_content import load_course
from exports.pdf import PdfOptions
from exports.render_process import render_pdf_in_child
from tests.paths import MINI_COURSE

if __name__ == "__main__":
    render_pdf_in_child(load_course(MINI_COURSE), PdfOptions())
    print(os.getpgid(0), flush=True)
"""


def test_a_process_that_exits_leaves_no_fork_server_or_tracker_behind(tmp_path):
    script = tmp_path / "render_and_exit.py"
    script.write_text(RENDER_AND_EXIT)
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)},
        start_new_session=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "leaked" not in done.stderr, done.stderr  # the pool's semaphores were released, not cleaned up
    group = int(done.stdout.split()[-1])
    left = subprocess.run(["pgrep", "-g", str(group), "-a"], capture_output=True, text=True).stdout
    assert left == "", left
