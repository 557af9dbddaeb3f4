"""Page benchmark: lesson and course page requests/s and latency against a plain Wagtail page.

Run: .venv/bin/python bench/page_bench.py [--requests N] [--repeat R] [--databases sqlite,postgres]

Each database gets a fresh schema, the shipped course `renhold-og-smittevern` imported, and a
plain page (title + text) as baseline. Requests go through Django's test client in-process
(the full middleware, URL routing, Wagtail serve and template rendering; no network), so the
figures compare page work, not a web server. The baseline page sits in the module beside the
lesson, at the same tree depth, so routing costs are equal. Printed: requests/s, p50 and p95 latency, and the
ratio of each page's throughput to the baseline measured in the same run. With ``--repeat R`` the
pages are measured in R interleaved rounds (baseline, course, lesson, baseline, …) and the table
gives the medians: on a shared machine the load drifts, and a ratio taken within one round is
fairer than one taken minutes apart.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
POSTGRES_SERVER = os.environ.get("KSI_BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")


def measure(client, url: str, requests: int) -> dict:
    for _ in range(10):  # warm caches, renditions and template loading
        assert client.get(url).status_code == 200, url
    latencies = []
    start = time.perf_counter()
    for _ in range(requests):
        t0 = time.perf_counter()
        client.get(url)
        latencies.append(time.perf_counter() - t0)
    elapsed = time.perf_counter() - start
    return {"rps": requests / elapsed, **latency_ms(latencies)}


def latency_ms(latencies: list[float]) -> dict:
    """p50 and p95 in milliseconds of latencies in seconds (p95: nearest rank below)."""
    ordered = sorted(latencies)
    return {"p50": statistics.median(ordered) * 1000, "p95": ordered[int(0.95 * (len(ordered) - 1))] * 1000}


def add_plain_page(beside):
    """The baseline page (title + text), published beside ``beside`` so routing costs the same."""
    from bench.baseline.models import PlainPage

    plain = PlainPage(title="Vanlig side", slug="vanlig-side", body="Litt tekst. " * 40)
    beside.get_parent().add_child(instance=plain)
    plain.save_revision().publish()
    return plain


def first_visit_bytes(client, url: str) -> dict:
    """What a phone downloads on a first visit of ``url``: the HTML, its stylesheets and scripts
    (gzip, as a web server sends them) and the web fonts its text needs (WOFF2, already
    compressed). Pictures apart (the issue's measure); the library's pictures are inline SVG,
    so they are counted in the HTML."""
    import gzip
    import re

    from django.contrib.staticfiles import finders

    from ksi_courses.web_fonts import FACES, STATIC_FONTS_DIR

    html = client.get(url).content
    sizes = {"html": len(gzip.compress(html)), "css": 0, "js": 0, "fonts": 0}
    text = html.decode()
    static = re.findall(r'<(?:link rel="stylesheet" href|script src)="/static/([^"]+)"', text)
    for path in static:
        data = Path(finders.find(path)).read_bytes()
        sizes["css" if path.endswith(".css") else "js"] += len(gzip.compress(data))
    visible = re.sub(r"<[^>]+>", " ", text)
    for face in FACES:
        if any(face.covers(char) for char in visible):
            sizes["fonts"] += (STATIC_FONTS_DIR / face.output).stat().st_size
    sizes["total"] = sum(sizes.values())
    return sizes


def run_one(database: str, requests: int, repeat: int = 1) -> list[tuple]:
    """Set up a fresh database in a child process and measure; returns table rows."""
    import subprocess

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.page_settings", "KSI_BENCH_CHILD": "1"}
    if database == "sqlite":
        env["KSI_TEST_DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    else:
        name = f"ksi_bench_{uuid.uuid4().hex[:8]}"
        subprocess.run(["psql", POSTGRES_SERVER + "/postgres", "-qc", f"CREATE DATABASE {name}"], check=True)
        env["KSI_TEST_DATABASE_URL"] = f"{POSTGRES_SERVER}/{name}"
    env["KSI_TEST_MEDIA_ROOT"] = tempfile.mkdtemp()
    try:
        done = subprocess.run(
            [sys.executable, __file__, "--child", "--requests", str(requests), "--repeat", str(repeat)],
            env=env,
            capture_output=True,
            text=True,
        )
        if done.returncode:
            raise SystemExit(f"page benchmark on {database} failed:\n{done.stderr}")
        out = done.stdout
    finally:
        if database != "sqlite":
            subprocess.run(["psql", POSTGRES_SERVER + "/postgres", "-qc", f"DROP DATABASE {name}"], check=True)
    return [tuple(line.split("\t")) for line in out.strip().splitlines()]


def child(requests: int, repeat: int = 1) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from course_content import get_course
    from ksi_courses.content_import import import_course
    from ksi_courses.models import CoursePage, LessonPage

    call_command("migrate", verbosity=0)
    import_course(get_course("renhold-og-smittevern"))
    lesson = LessonPage.objects.get(ksi_id="handhygiene")
    plain = add_plain_page(lesson)
    client = Client()
    pages = {
        "plain Wagtail page (baseline)": plain.url,
        "course page": CoursePage.objects.get().url,
        "lesson page (handhygiene)": lesson.url,
    }
    rounds = [{name: measure(client, url, requests) for name, url in pages.items()} for _ in range(repeat)]
    baseline = next(iter(pages))
    for name in pages:
        ratio = statistics.median(r[name]["rps"] / r[baseline]["rps"] for r in rounds)
        median = {key: statistics.median(r[name][key] for r in rounds) for key in ("rps", "p50", "p95")}
        print(f"{name}\t{median['rps']:.1f}\t{median['p50']:.2f}\t{median['p95']:.2f}\t{ratio:.3f}")
    for language in ("en", "ti", "ar"):
        sizes = first_visit_bytes(Client(), f"{lesson.url}?sprak={language}")
        print(f"first visit {language}\t" + "\t".join(f"{key}={value}" for key, value in sizes.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=1, help="interleaved rounds; the table gives medians")
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.requests, args.repeat)
        return
    print(
        f"Page benchmark: {args.requests} requests per page after 10 warm-up requests, {args.repeat} round(s), "
        "medians (Django test client, in-process)\n"
    )
    print(f"{'database':<9} {'page':<32} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'vs baseline':>12}")
    transfers = []
    for database in args.databases.split(","):
        rows = run_one(database, args.requests, args.repeat)
        for row in rows:
            if row[0].startswith("first visit"):
                transfers.append(row)
                continue
            name, rps, p50, p95, ratio = row
            print(
                f"{database:<9} {name:<32} {float(rps):>8.1f} {float(p50):>8.2f} {float(p95):>8.2f} {float(ratio):>11.2f}×"
            )
    print("\nFirst visit of the lesson on a phone (HTML + CSS + JS gzip, web fonts WOFF2; aim ≤ 150 KB):")
    for name, *parts in transfers[:3]:  # the same on every database
        sizes = dict(part.split("=") for part in parts)
        kb = {key: int(value) / 1024 for key, value in sizes.items()}
        print(
            f"  {name.removeprefix('first visit '):<3} html {kb['html']:6.1f} KB  css {kb['css']:5.1f} KB  js {kb['js']:5.1f} KB"
            f"  fonts {kb['fonts']:5.1f} KB  total {kb['total']:6.1f} KB"
        )


if __name__ == "__main__":
    main()
