"""Render a PDF in a short-lived child process, so a long-running worker gives the memory back.

WeasyPrint keeps every laid-out page until the PDF is written: a 228-page teacher edition takes
a process to a peak of about 580 MB, and CPython keeps most of it afterwards (freed memory stays
with the process). A PDF worker (``db_worker``) that renders in a child stays at its own size
between builds, and the child's memory goes back to the system when it exits.

The children are forked from one server process (``multiprocessing``'s forkserver) that has
imported WeasyPrint and warmed the engine (:mod:`.warm_engine`): a child starts with the fonts
and stylesheets ready, so rendering apart costs about a quarter of a second, not a cold start. The server is a fresh
interpreter, not a copy of the caller: no database connection or thread of the caller is
inherited. Each child renders one document and exits (``max_tasks_per_child=1``); one child at a
time, as the engine renders one document at a time anyway. When the process exits, it stops the
fork server and multiprocessing's resource tracker and waits for them (:func:`_stop_helpers`),
so a stopped worker leaves no process behind.
"""

from __future__ import annotations

import atexit
import gc
import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from course_content import Course

from .options import PdfOptions

_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None
_started = False  # whether this process has started the fork server (and the resource tracker)


class RenderProcessDied(RuntimeError):
    """The child rendering a PDF ended without an answer (killed, for example for lack of memory)."""


def _executor() -> ProcessPoolExecutor:
    global _pool, _started
    with _lock:
        if _pool is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["exports.warm_engine"])
            _pool = ProcessPoolExecutor(max_workers=1, mp_context=context, max_tasks_per_child=1)
            _started = True
        return _pool


def _forget(pool: ProcessPoolExecutor) -> None:
    """Drop a broken pool, so the next render starts a new one."""
    global _pool
    with _lock:
        if _pool is pool:
            _pool = None
    pool.shutdown(wait=False, cancel_futures=True)


def _stop_helpers() -> None:
    """At exit: end the pool, then stop the fork server and the resource tracker and reap them.

    Left alone they would end a moment after this process, as orphans that only init reaps; the
    service manager or ``scripts/production`` would see the worker gone while they still run.
    ``_stop`` is CPython's own way to stop them (3.11, used by its own tests); where it is missing
    they end by themselves, a moment later.
    """
    global _pool
    if not _started:
        return
    with _lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)
    del pool
    gc.collect()  # the pool's semaphores unregister from the resource tracker as they are freed
    from multiprocessing import forkserver, resource_tracker

    for helper in (forkserver._forkserver, resource_tracker._resource_tracker):
        stop = getattr(helper, "_stop", None)
        if stop is not None:
            stop()


atexit.register(_stop_helpers)


def _render(course: Course, options: PdfOptions) -> bytes:
    """In the child: the PDF, as :func:`exports.pdf.render_pdf` makes it (no output cache). The
    child exits after it, so the garbage of the layout is left to the exit."""
    from .engine import leave_garbage_to_exit
    from .pdf import render_pdf

    leave_garbage_to_exit()
    return render_pdf(course, options, cache=None)


def render_pdf_in_child(course: Course, options: PdfOptions) -> bytes:
    """The PDF of ``course`` for ``options``, rendered in a child process.

    Errors of the render (a lesson id the course does not have, a resource refused) come back as
    they were raised in the child. A child that dies raises :class:`RenderProcessDied`.
    """
    pool = _executor()
    try:
        return pool.submit(_render, course, options).result()
    except BrokenProcessPool as exc:
        _forget(pool)
        raise RenderProcessDied(
            f"the process rendering the PDF ({options.document}, {course.slug}) ended without an answer; "
            "if the system log shows it was killed, the machine needs more memory for PDF builds"
        ) from exc
