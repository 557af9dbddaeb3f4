"""Benchmark of the print face: cold, warm, cached and naive renders of the course booklets.

Run: ``.venv/bin/python bench/pdf_bench.py [--repeat N] [--course PATH ...]``

One row per document, each measured in a fresh Python process (so every cold start is real and
every memory figure belongs to that row alone). Documents: the participant booklet of each course
(the shipped courses that load; the test mini course when none does), plus a lesson handout and a
vocabulary list of the first course — the small documents a web request asks for most.
- cold: the first render in the process, after the imports (font configuration, stylesheets and
  templates are built on the way);
- warm: the median of ``--repeat`` renders reusing the process's FontConfiguration and CSS;
- hit: a ``render_pdf`` call answered by the in-memory output cache (median of 50);
- base: the same HTML rendered naively — a new FontConfiguration and freshly compiled
  stylesheets per render, no output cache (median of ``--repeat``);
- ratios use CPU time of this process (robust when other work shares the machine); the seconds
  shown are wall-clock;
- RSS: the process's peak resident memory after the cold and warm renders (``ru_maxrss``);
  heap: the Python heap peak of one warm render (tracemalloc, measured last).
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MINI_COURSE = ROOT / "tests" / "fixtures" / "mini-course"
AIMS = "aims: warm× ≥ 1.3, hit× ≥ 100, RSS ≤ 400 MB"


def timed(function) -> tuple[float, float, object]:
    """(wall seconds, CPU seconds, result)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = function()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def naive_render(html: str, course, options) -> bytes:
    """The same HTML, rendered the way a straightforward caller would: nothing reused."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    from exports import engine
    from exports.context import course_root
    from exports.documents import document_kind
    from exports.fonts import font_face_css, font_family_css
    from exports.pdf import branding_css

    font_config = FontConfiguration()
    sheets = [CSS(string=font_face_css() + f":root {{ font-family: {font_family_css()}; }}", font_config=font_config)]
    for name in document_kind(options.document).stylesheets:
        if name != "fonts":
            sheets.append(CSS(filename=str(engine.CSS_DIR / f"{name}.css"), font_config=font_config))
    sheets.append(CSS(string=branding_css(options.branding.primary_colour), font_config=font_config))
    return HTML(string=html, base_url=course_root(course).as_uri() + "/").write_pdf(
        stylesheets=sheets, font_config=font_config, pdf_variant=engine.PDF_VARIANT, optimize_images=True
    )


def measure_one(course_path: Path, document: str, repeat: int) -> dict:
    """Measure one document in this (fresh) process."""
    sys.path.insert(0, str(ROOT))
    start = time.perf_counter()
    from pypdf import PdfReader

    from course_content import load_course
    from exports import engine  # noqa: F401  (imports WeasyPrint: part of a real cold start)
    from exports.cache import MemoryPdfCache
    from exports.pdf import PdfOptions, render_html, render_pdf

    imports = time.perf_counter() - start
    course = load_course(course_path)
    options = {
        "booklet": PdfOptions(edition="participant"),
        "handout": PdfOptions(lesson_id=course.ordered_lessons()[0].id),
        "vocabulary": PdfOptions(language="ar"),
    }[document]
    cold, _, data = timed(lambda: render_pdf(course, options, cache=None))
    warm = [timed(lambda: render_pdf(course, options, cache=None))[:2] for _ in range(repeat)]
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    cache = MemoryPdfCache()
    render_pdf(course, options, cache=cache)
    hits = [timed(lambda: render_pdf(course, options, cache=cache))[:2] for _ in range(50)]
    html = render_html(course, options)
    base = [timed(lambda: naive_render(html, course, options))[:2] for _ in range(repeat)]
    tracemalloc.start()
    render_pdf(course, options, cache=None)
    heap = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()

    def median(samples, index):
        return statistics.median(sample[index] for sample in samples)

    pages = len(PdfReader(io.BytesIO(data)).pages)
    return {
        "course": course.slug,
        "document": document,
        "pages": pages,
        "kib": len(data) // 1024,
        "imports": imports,
        "cold": cold,
        "warm": median(warm, 0),
        "base": median(base, 0),
        "hit": median(hits, 0),
        "pages_per_s": pages / median(warm, 0),
        "warm_x": median(base, 1) / median(warm, 1),
        "hit_x": median(base, 1) / max(median(hits, 1), 1e-6),
        "heap_mb": heap,
        "rss_mb": rss,
    }


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
    f"{'course':<24} {'document':<10} {'pages':>5} {'KiB':>5} {'cold s':>7} {'warm s':>7} {'base s':>7} {'hit ms':>7}"
    f" {'pages/s':>7} {'warm×':>6} {'hit×':>9} {'heap MB':>8} {'RSS MB':>7}"
)


def format_row(r: dict) -> str:
    return (
        f"{r['course']:<24} {r['document']:<10} {r['pages']:>5} {r['kib']:>5} {r['cold']:>7.2f} {r['warm']:>7.2f}"
        f" {r['base']:>7.2f} {r['hit'] * 1000:>7.3f} {r['pages_per_s']:>7.1f} {r['warm_x']:>6.2f}"
        f" {r['hit_x']:>9.0f} {r['heap_mb']:>8.1f} {r['rss_mb']:>7.0f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="warm and baseline renders per row (median)")
    parser.add_argument("--course", type=Path, action="append", default=[], help="a course folder (default: shipped)")
    parser.add_argument("--one", nargs=2, metavar=("COURSE", "DOCUMENT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(measure_one(Path(args.one[0]), args.one[1], args.repeat)))
        return 0
    paths = courses_to_measure(args.course)
    jobs = [(path, "booklet") for path in paths] + [(paths[0], "handout"), (paths[0], "vocabulary")]
    print(f"repeat={args.repeat}; one fresh process per row; {AIMS}")
    print(HEADER)
    print("-" * len(HEADER), flush=True)
    for path, document in jobs:
        child = [sys.executable, __file__, "--one", str(path), document, "--repeat", str(args.repeat)]
        result = subprocess.run(child, capture_output=True, text=True, check=False)
        if result.returncode:
            print(f"{path.name} {document}: failed\n{result.stderr}", file=sys.stderr)
            return 1
        print(format_row(json.loads(result.stdout.strip().splitlines()[-1])), flush=True)
    print("warm× = base/warm, hit× = base/hit (CPU time); RSS = peak after cold + warm renders; heap = one render")
    return 0


if __name__ == "__main__":
    sys.exit(main())
