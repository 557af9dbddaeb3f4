"""A whole course's PDF is rendered in a child process (exports.render_process), so a long-running
PDF worker gives the memory back after each build: the same PDF as in the process itself, errors
as they were raised, a child that dies is a clear error and the next render works again."""

import io
import os
import signal

import pytest
from pypdf import PdfReader

from exports import render_process
from exports.pdf import PdfOptions, render_pdf
from exports.render_process import RenderProcessDied, render_pdf_in_child


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
