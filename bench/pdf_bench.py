"""Benchmark of the print face: each course document against a plain reference document.

Run: ``.venv/bin/python bench/pdf_bench.py [--repeat N] [--course PATH ...] [--profile OUT.prof]``

The yardstick is what the PDF engine does with plain text on this machine in the same run: a
reference document of paragraphs and headings only, in the same Noto Sans, page size and
margins and as PDF/UA like the real documents, about as long as a booklet. Each row is measured
in a fresh Python process (so every memory figure belongs to that row alone):
- one cold render first (font configuration, stylesheets, templates), then ``--repeat`` warm
  renders through the same entry point a web request uses (``render_pdf``, no output cache);
- s: the median warm render, wall-clock; cpu s: the same render's CPU time;
- pages/s: pages per CPU second (robust when other work shares the machine);
- × ref: the row's pages/s divided by the reference's (aims: booklets and teacher editions
  ≥ 0.8, vocabulary lists ≥ 0.6);
- RSS MB: the child process's peak resident memory (``os.wait4``'s rusage of that child),
  aim ≤ 300 MB for a booklet.

The ``structure`` row separates the content from our styling: the first course's booklet HTML
(the same elements: tables, lists, pictures, headings) laid out with the reference's stylesheet
only. Its ratio is what the engine does with this content's structure, whatever our CSS does.

``--build-all`` instead builds every document an import queues (booklet, teacher edition and
each lesson's handout of every course) in 1, then 2 fresh worker processes sharing one queue, and
prints the seconds, the speed-up (aim ≥ 1.7× on 2 cores) and each worker's peak RSS.

``--profile OUT.prof`` instead profiles one warm render of the first course's booklet with
cProfile, saves the stats and prints the top entries by own time.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MINI_COURSE = ROOT / "tests" / "fixtures" / "mini-course"
AIMS = "aims: booklet/teacher × ref ≥ 0.8, vocabulary × ref ≥ 0.6, booklet RSS ≤ 300 MB"
DOCUMENTS = ("reference", "structure", "booklet", "teacher", "handout", "vocabulary")
#: Sections of the reference document: about as many pages as a booklet (≈ 85).
REFERENCE_SECTIONS = 36

_TEXT = (
    "arbeidsplassen kunden renhold hygiene hender vask rutiner smitte kollega leder vakt plan "
    "oppgave trygg sikkerhet utstyr klut bøtte såpe vann overflate gulv dør håndtak toalett kjøkken "
    "butikken kassen varer hylle pris tilbud service vennlig spørsmål svar hjelp vise forklare "
    "matfag kokk oppskrift råvare kjøle temperatur kniv skjærebrett allergi merking dato ferdig"
)
_WORDS = _TEXT.split()


def reference_html(sections: int = REFERENCE_SECTIONS) -> str:
    """A plain document: an h1, then per section an h2, two h3 and twelve paragraphs of text.

    The text is deterministic (a fixed word list walked with a fixed stride), so every run lays
    out the same lines.
    """
    parts = ['<!DOCTYPE html><html lang="nb"><head><meta charset="utf-8"><title>Referanse</title></head><body>']
    parts.append("<h1>Referansedokument</h1>")
    index = 0
    for section in range(1, sections + 1):
        parts.append(f"<h2>Del {section}</h2>")
        for paragraph in range(12):
            if paragraph % 6 == 0:
                parts.append(f"<h3>Avsnitt {section}.{paragraph // 6 + 1}</h3>")
            words = []
            for _ in range(70):
                words.append(_WORDS[index % len(_WORDS)])
                index += 7
            sentence = " ".join(words)
            parts.append(f"<p>{sentence[0].upper()}{sentence[1:]}.</p>")
    parts.append("</body></html>")
    return "".join(parts)


REFERENCE_CSS = """
@page { size: A4; margin: 22mm 18mm 20mm 20mm; }
html { font-size: 11pt; line-height: 1.45; color: #1a1a1a; }
body { margin: 0; }
h1 { font-size: 22pt; margin: 0 0 6mm; }
h2 { font-size: 17pt; margin: 0 0 5mm; }
h3 { font-size: 14pt; margin: 8mm 0 3mm; }
p { margin: 0 0 2.5mm; }
"""


def _renderer(course_path: Path, document: str):
    """A function rendering ``document`` (bytes), as the application does, with no output cache."""
    from exports import engine

    if document == "reference":
        html = reference_html()
        extra = [engine.compile_css(REFERENCE_CSS)]
        return lambda: engine.write_pdf(html, stylesheets=("fonts",), extra_css=extra)
    from course_content import load_course
    from exports.context import course_root
    from exports.pdf import PdfOptions, render_html, render_pdf

    course = load_course(course_path)
    if document == "structure":
        html = render_html(course, PdfOptions(edition="participant"))
        extra = [engine.compile_css(REFERENCE_CSS)]
        root = course_root(course)
        folders = [root] if root is not None else []
        return lambda: engine.write_pdf(html, stylesheets=("fonts",), extra_css=extra, base_url=root, allowed_dirs=folders)
    options = {
        "booklet": PdfOptions(edition="participant"),
        "teacher": PdfOptions(edition="teacher"),
        "handout": PdfOptions(lesson_id=course.ordered_lessons()[0].id),
        "vocabulary": PdfOptions(language="ar"),
    }[document]
    return lambda: render_pdf(course, options, cache=None)


def measure_one(course_path: Path, document: str, repeat: int) -> dict:
    """Measure one document in this (fresh) process."""
    sys.path.insert(0, str(ROOT))
    from pypdf import PdfReader

    render = _renderer(course_path, document)
    start = time.perf_counter()
    data = render()
    cold = time.perf_counter() - start
    process_cpu = time.process_time()  # the whole process so far: start-up, imports, first render
    samples = []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        render()
        samples.append((time.perf_counter() - wall, time.process_time() - cpu))
    wall = statistics.median(sample[0] for sample in samples)
    cpu = statistics.median(sample[1] for sample in samples)
    pages = len(PdfReader(io.BytesIO(data)).pages)
    return {
        "course": "-" if document == "reference" else course_path.name,
        "document": document,
        "pages": pages,
        "kib": len(data) // 1024,
        "cold": cold,
        "process_cpu": process_cpu,
        "process_pages_per_s": pages / process_cpu,
        "wall": wall,
        "cpu": cpu,
        "pages_per_s": pages / cpu,
    }


def run_child(course_path: Path, document: str, repeat: int) -> dict:
    """Measure one row in a child process; its peak RSS comes from the kernel's rusage of that child."""
    child = [sys.executable, __file__, "--one", str(course_path), document, "--repeat", str(repeat)]
    process = subprocess.Popen(child, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    stdout, stderr = process.stdout.read(), process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise RuntimeError(f"{course_path.name} {document}: the measuring process failed\n{stderr}")
    result = json.loads(stdout.strip().splitlines()[-1])
    result["rss_mb"] = usage.ru_maxrss / 1024  # kilobytes on Linux
    return result


def courses_to_measure(paths: list[Path]) -> list[Path]:
    sys.path.insert(0, str(ROOT))
    from course_content import ContentError, course_dirs, load_course
    from course_content.loader import COURSES_DIR

    loadable = []
    for path in paths or course_dirs(COURSES_DIR):
        try:
            load_course(path)
            loadable.append(path)
        except ContentError as exc:
            print(f"skipped {path.name}: it does not load ({len(exc.problems)} problems)", file=sys.stderr)
    return loadable or [MINI_COURSE]


HEADER = (
    f"{'course':<24} {'document':<10} {'pages':>5} {'KiB':>6} {'proc s':>7} {'p/s':>6} {'× ref':>6}"
    f" {'warm s':>7} {'cpu s':>6} {'pages/s':>7} {'× ref':>6} {'RSS MB':>7}"
)


def format_row(r: dict, reference: dict) -> str:
    ratio = r["pages_per_s"] / reference["pages_per_s"]
    process_ratio = r["process_pages_per_s"] / reference["process_pages_per_s"]
    return (
        f"{r['course']:<24} {r['document']:<10} {r['pages']:>5} {r['kib']:>6} {r['process_cpu']:>7.2f}"
        f" {r['process_pages_per_s']:>6.2f} {process_ratio:>6.2f} {r['wall']:>7.2f} {r['cpu']:>6.2f}"
        f" {r['pages_per_s']:>7.2f} {ratio:>6.2f} {r['rss_mb']:>7.0f}"
    )


def profile(course_path: Path, out: Path, document: str = "booklet", top: int = 25) -> None:
    """cProfile one warm render of ``document`` and print the top entries by own time."""
    import cProfile
    import pstats

    sys.path.insert(0, str(ROOT))
    render = _renderer(course_path, document)
    render()
    profiler = cProfile.Profile()
    profiler.runcall(render)
    profiler.dump_stats(out)
    stats = pstats.Stats(str(out))
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)


# --- "build every document of the courses", as PDF workers do after an import (#21) ---------------


def every_document(paths: list[Path]) -> list[tuple[str, dict]]:
    """What an import queues for each course (``ksi_courses.pdf_builds``): the booklet, the teacher
    edition and each lesson's handout, as ``(course path, PdfOptions arguments)``; the longest
    first, so the workers end together."""
    sys.path.insert(0, str(ROOT))
    from course_content import load_course

    jobs = []
    for path in paths:
        course = load_course(path)
        jobs += [(str(path), {"edition": "teacher"}), (str(path), {})]
        jobs += [(str(path), {"lesson_id": lesson.id}) for lesson in course.ordered_lessons()]
    return sorted(jobs, key=lambda job: ("lesson_id" in job[1], job[1].get("edition") != "teacher"))


def _build_worker(jobs, results) -> None:
    """A worker process: take jobs until the queue says stop, then report pages, CPU and peak RSS."""
    import resource

    sys.path.insert(0, str(ROOT))
    from course_content import load_course
    from exports.pdf import PdfOptions, render_pdf

    built = 0
    while (job := jobs.get()) is not None:
        render_pdf(load_course(Path(job[0])), PdfOptions(**job[1]), cache=None)
        built += 1
    results.put(
        {"documents": built, "cpu": time.process_time(), "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    )


def build_all(paths: list[Path], workers: int) -> dict:
    """Build every document of ``paths`` with ``workers`` fresh processes sharing one queue."""
    import multiprocessing

    context = multiprocessing.get_context("spawn")  # fresh processes, as db_worker processes are
    jobs, results = context.Queue(), context.Queue()
    documents = every_document(paths)
    for job in documents:
        jobs.put(job)
    for _ in range(workers):
        jobs.put(None)
    start = time.perf_counter()
    processes = [context.Process(target=_build_worker, args=(jobs, results)) for _ in range(workers)]
    for process in processes:
        process.start()
    reports = [results.get() for _ in processes]
    seconds = time.perf_counter() - start
    for process in processes:
        process.join()
        if process.exitcode:
            raise RuntimeError(f"a build worker failed (exit code {process.exitcode})")
    return {"workers": workers, "documents": len(documents), "seconds": seconds, "reports": reports}


def print_build_all(paths: list[Path]) -> None:
    """The ``--build-all`` table: 1 and 2 workers, the speed-up, each worker's peak RSS."""
    print(f"build every document of {', '.join(path.name for path in paths)} (booklet, teacher edition, handouts)")
    print(f"load: {' '.join(f'{value:.2f}' for value in os.getloadavg())} (1, 5, 15 min) on {os.cpu_count()} cores")
    print(
        f"{'workers':>7} {'documents':>9} {'s':>8} {'× 1 worker':>10} {'cpu ×':>6}  per worker: documents, cpu s, peak RSS MB"
    )
    one = one_cpu = None
    for workers in (1, 2):
        result = build_all(paths, workers)
        one = one or result["seconds"]
        # On a busy machine wall-clock seconds mostly measure the others' load; "cpu ×" is the
        # speed-up the split of the work allows on free cores (1 worker's CPU ÷ the busiest worker's).
        one_cpu = one_cpu or sum(r["cpu"] for r in result["reports"])
        cpu_ratio = one_cpu / max(r["cpu"] for r in result["reports"])
        per_worker = "; ".join(
            f"{r['documents']}, {r['cpu']:.1f}, {r['rss_mb']:.0f}" for r in sorted(result["reports"], key=lambda r: -r["documents"])
        )
        print(
            f"{workers:>7} {result['documents']:>9} {result['seconds']:>8.1f} {one / result['seconds']:>10.2f}"
            f" {cpu_ratio:>6.2f}  {per_worker}",
            flush=True,
        )
    print(f"load: {' '.join(f'{value:.2f}' for value in os.getloadavg())} (1, 5, 15 min); aim: 2 workers ≥ 1.7× on 2 cores")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="warm renders per row (median)")
    parser.add_argument("--course", type=Path, action="append", default=[], help="a course folder (default: shipped)")
    parser.add_argument(
        "--documents",
        default="structure,booklet,teacher,vocabulary",
        help="comma-separated: structure, booklet, teacher, handout, vocabulary",
    )
    parser.add_argument("--profile", type=Path, metavar="OUT", help="profile one warm booklet render of the first course")
    parser.add_argument("--one", nargs=2, metavar=("COURSE", "DOCUMENT"), help=argparse.SUPPRESS)
    parser.add_argument(
        "--build-all", action="store_true", help="build every document of the courses with 1, then 2 worker processes"
    )
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(measure_one(Path(args.one[0]), args.one[1], args.repeat)))
        return 0
    paths = courses_to_measure(args.course)
    if args.profile:
        profile(paths[0], args.profile)
        return 0
    if args.build_all:
        print_build_all(paths)
        return 0
    documents = [name.strip() for name in args.documents.split(",") if name.strip()]
    unknown = [name for name in documents if name not in DOCUMENTS[1:]]
    if unknown:
        parser.error(f"unknown document {', '.join(unknown)}: use {', '.join(DOCUMENTS[1:])}")
    jobs = [(paths[0], "structure")] if "structure" in documents else []
    jobs += [(path, name) for path in paths for name in documents if name in ("booklet", "teacher")]
    jobs += [(paths[0], name) for name in documents if name in ("handout", "vocabulary")]
    print(f"repeat={args.repeat}; one fresh process per row; {AIMS}")
    print(f"load: {' '.join(f'{value:.2f}' for value in os.getloadavg())} (1, 5, 15 min) on {os.cpu_count()} cores")
    print(HEADER)
    print("-" * len(HEADER), flush=True)
    try:
        reference = run_child(paths[0], "reference", args.repeat)
        print(format_row(reference, reference), flush=True)
        for path, document in jobs:
            print(format_row(run_child(path, document, args.repeat), reference), flush=True)
    except RuntimeError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"load: {' '.join(f'{value:.2f}' for value in os.getloadavg())} (1, 5, 15 min)")
    print("s = median warm render (wall), cpu s = its CPU time, pages/s per CPU second, × ref = pages/s ÷ reference's")
    return 0


if __name__ == "__main__":
    sys.exit(main())
