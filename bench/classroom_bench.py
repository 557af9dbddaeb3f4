"""Classroom benchmark: a whole class working through lessons at once, served by a real server.

Run: .venv/bin/python bench/classroom_bench.py [--participants N] [--seconds S] [--stack demo|production]
                                             [--database sqlite|postgres] [--workers W] [--threads T]

A fresh database (a SQLite file in a temporary folder, or the PostgreSQL database ``ksi_bench``,
created and dropped here) gets the demo's settings (``bench.classroom_settings``: the demo site,
its SQLite options included, plus the baseline page app), the course `renhold-og-smittevern`, a
course run with N participant accounts and a plain Wagtail page beside the first lesson. gunicorn
serves it (``--workers`` processes × ``--threads`` threads). Then N simulated participants log in
(all at once: Django's password hashing makes this the slowest moment of a lesson, reported in
its own row) and, once the whole class is in, for ``--seconds`` work through the lessons in order:
open the lesson, open the plain page (the baseline, measured under the same load in the same
run), tick the lesson's checklists, answer its quizzes, mark it done and open the course page. Between two requests a participant thinks
for ``--think`` seconds on average (uniform between half and one and a half of it). The actions are
sent as the lesson page's script sends them (``Accept: application/json``).

``--stack production`` serves the same class with the production stack instead: ``scripts/production``
with ``bench.classroom_production_settings`` (PostgreSQL, the Redis cache under a key prefix of this
run's own, ``db_worker`` processes, gunicorn), started once the database is set up, asked for its
health check until it passes, and stopped (with everything it started) at the end.

Printed per request type: count, server errors (5xx, or no answer), refusals (4xx: should be 0),
req/s, p50 and p95 latency;
then the lesson page's p95 against the plain page's p95. Aims: no errors with 30 participants on
SQLite and 100 on PostgreSQL; lesson page p95 within 3× the plain page's p95.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.page_bench import POSTGRES_SERVER, add_plain_page, latency_ms  # noqa: E402

PASSWORD = "bench-Passord-2026"
POSTGRES_NAMES = {"demo": "ksi_bench", "production": "ksi_bench_production"}  # both stacks may run at once
COURSE = "renhold-og-smittevern"
REDIS_URL = "redis://127.0.0.1:6379/0"
SETTINGS = {"demo": "bench.classroom_settings", "production": "bench.classroom_production_settings"}
REQUEST_TYPES = ("login", "lesson page", "checklist", "quiz", "mark done", "course page", "plain page (baseline)")


# --- setting up (in a child process with the benchmark's settings) ----------------------------------------------


def child_setup(participants: int, slug: str) -> None:
    """Migrate, import the course, add the baseline page, a run and its participants; print the plan as JSON."""
    import django

    django.setup()
    from datetime import timedelta

    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.utils import timezone
    from wagtail.models import Site

    from course_content import get_course
    from ksi_courses.content_import import course_index_page, import_course
    from ksi_courses.models import CoursePage
    from ksi_courses.teaching.lessons import course_lessons, page_checklists, page_quizzes
    from ksi_courses.teaching.models import CourseRun, Enrolment
    from ksi_courses.teaching.roles import PARTICIPANT_GROUP

    call_command("migrate", verbosity=0)
    import_course(get_course(slug))
    site = Site.objects.get(is_default_site=True)
    site.root_page = course_index_page()
    site.save()
    course = CoursePage.objects.get(ksi_id=slug)
    lessons = course_lessons(course)
    plain = add_plain_page(lessons[0])
    today = timezone.localdate()
    run = CourseRun.objects.create(course=course, title="Benchmark", start_date=today, end_date=today + timedelta(weeks=8))
    group = Group.objects.get(name=PARTICIPANT_GROUP)
    User = get_user_model()
    usernames = []
    for number in range(1, participants + 1):
        user = User.objects.create_user(f"deltaker{number}", password=PASSWORD, first_name="Deltaker", last_name=str(number))
        user.groups.add(group)
        Enrolment.objects.create(run=run, participant=user)
        usernames.append(user.username)
    plan = {
        "course": course.url,
        "plain": plain.url,
        "usernames": usernames,
        "lessons": [
            {
                "url": lesson.url,
                "id": lesson.pk,
                "checklists": page_checklists(lesson),
                "quizzes": {
                    quiz_id: {question.id: sorted(question.correct_choices()) for question in quiz.questions}
                    for quiz_id, quiz in page_quizzes(lesson).items()
                },
            }
            for lesson in lessons
        ],
    }
    print(json.dumps(plan))


def prepare(stack: str, database: str, participants: int, slug: str) -> tuple[dict, dict]:
    """A fresh database with the site set up: the server's environment and the plan."""
    media = tempfile.mkdtemp(prefix="ksi-bench-media-")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": SETTINGS[stack],
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "classroom-benchmark-only",
        "KSI_BENCH_MEDIA_ROOT": media,
        "PYTHONPATH": str(ROOT),
        # The production stack's shared folders and cache: this run's own, removed at the end.
        "KSI_MEDIA_ROOT": media,
        "KSI_STATIC_ROOT": tempfile.mkdtemp(prefix="ksi-bench-static-"),
        "REDIS_URL": REDIS_URL,
        "KSI_CACHE_KEY_PREFIX": f"ksi-bench-{os.getpid()}",
    }
    if database == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='ksi-bench-')}/bench.sqlite3"
    else:
        psql(f"DROP DATABASE IF EXISTS {POSTGRES_NAMES[stack]}")
        psql(f"CREATE DATABASE {POSTGRES_NAMES[stack]}")
        env["DATABASE_URL"] = f"{POSTGRES_SERVER}/{POSTGRES_NAMES[stack]}"
    done = subprocess.run(
        [sys.executable, __file__, "--setup", "--participants", str(participants), "--course", slug],
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise SystemExit(f"setting up the benchmark site failed:\n{done.stderr}")
    return env, json.loads(done.stdout.strip().splitlines()[-1])


def psql(sql: str) -> None:
    subprocess.run(["psql", POSTGRES_SERVER + "/postgres", "-qc", sql], check=True)


def serve(env: dict, workers: int, threads: int, port: int) -> subprocess.Popen:
    """gunicorn serving the site; returns when it answers."""
    import requests

    server = subprocess.Popen(
        [
            sys.executable, "-m", "gunicorn",
            "--bind", f"127.0.0.1:{port}",
            "--workers", str(workers),
            "--threads", str(threads),
            "--worker-class", "gthread",
            "--timeout", "120",
            # Longer than a participant's pause: else gunicorn closes an idle connection (after 2 s by
            # default) just as the client sends on it, and the client sees a reset, not an answer.
            "--keep-alive", "60",
            "--log-level", "warning",
            "django.core.wsgi:get_wsgi_application()",
        ],
        env=env,
        cwd=ROOT,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            requests.get(f"http://127.0.0.1:{port}/ksi/logg-inn/", timeout=30)
            return server
        except requests.RequestException:
            if server.poll() is not None:
                raise SystemExit("gunicorn stopped before it answered") from None
            time.sleep(0.5)
    server.terminate()
    server.wait(timeout=60)
    raise SystemExit("gunicorn did not answer within two minutes")


def serve_stack(env: dict, workers: int, threads: int, port: int, slug: str) -> subprocess.Popen:
    """``scripts/production`` (migrate, collectstatic, import, db_workers, gunicorn); returns when healthy."""
    import requests

    stack_env = {
        **env,
        "KSI_PORT": str(port),
        "KSI_WEB_WORKERS": str(workers),
        "KSI_THREADS": str(threads),
        "KSI_TASK_WORKERS": "2",
        "KSI_IMPORT_ARGS": f"--course {slug}",
    }
    # The stack's own output (the db_workers log every task) goes to a file, named if it fails.
    log = Path(tempfile.mkdtemp(prefix="ksi-bench-stack-")) / "stack.log"
    with log.open("w") as output:
        stack = subprocess.Popen(
            ["bash", str(ROOT / "scripts" / "production")], env=stack_env, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
    deadline = time.monotonic() + 600  # migrate, collectstatic and import come first
    while time.monotonic() < deadline:
        try:
            if requests.get(f"http://127.0.0.1:{port}/health/?format=json", timeout=30).status_code == 200:
                return stack
        except requests.RequestException:
            pass
        if stack.poll() is not None:
            raise SystemExit(f"scripts/production stopped (exit {stack.returncode}) before its health check passed: see {log}")
        time.sleep(1)
    stop_stack(stack)
    raise SystemExit(f"the production stack's health check did not pass within ten minutes: see {log}")


def wait_for_workers(database: str) -> None:
    """Until the db_workers have done what setting up queued (Wagtail's search index and reference
    index updates go to the task queue too), so the class starts on a quiet site, as after an import."""
    sql = "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status IN ('READY', 'RUNNING')"
    deadline = time.monotonic() + 900
    while time.monotonic() < deadline:
        count = subprocess.run(
            ["psql", f"{POSTGRES_SERVER}/{database}", "-Atc", sql], check=True, capture_output=True, text=True
        ).stdout.strip()
        if count == "0":
            return
        print(f"  {count} background tasks left for the db_workers …", flush=True)
        time.sleep(10)
    raise SystemExit("the db_workers did not finish the queued tasks within 15 minutes")


def stop_stack(stack: subprocess.Popen) -> None:
    """SIGTERM to ``scripts/production``, which stops its gunicorn and db_workers; SIGKILL to all if it hangs."""
    stack.terminate()
    try:
        stack.wait(timeout=90)
    except subprocess.TimeoutExpired:
        os.killpg(stack.pid, signal.SIGKILL)
        stack.wait(timeout=30)
    try:  # nothing of the stack may outlive the benchmark
        os.killpg(stack.pid, 0)
    except ProcessLookupError:
        return
    os.killpg(stack.pid, signal.SIGKILL)


def clear_cache(prefix: str) -> None:
    """Remove this run's keys from the shared Redis."""
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(match=f"{prefix}:*", count=1000):
        client.delete(key)


# --- the class at work --------------------------------------------------------------------------------------------


class Recorder:
    """Latencies and errors per request type, from every participant thread."""

    def __init__(self):
        self.lock = threading.Lock()
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)
        self.refused: dict[str, int] = defaultdict(int)
        self.examples: list[str] = []

    def add(self, kind: str, seconds: float, status: int | None, detail: str = "") -> None:
        with self.lock:
            self.latencies[kind].append(seconds)
            if status is not None and 400 <= status < 500:
                self.refused[kind] += 1
            if status is None or status >= 500:
                self.errors[kind] += 1
                if len(self.examples) < 5:
                    self.examples.append(f"{kind}: {status or 'no answer'} {detail[:200]}")


def participant(base: str, plan: dict, username: str, start: threading.Barrier, seconds: float, think: float, record: Recorder) -> None:
    """One participant: log in, wait for the whole class, then work through the lessons in order."""
    import requests

    session = requests.Session()

    def call(kind: str, method: str, path: str, data=None, json_answer: bool = False, timeout: float = 60) -> None:
        headers = {"Accept": "application/json"} if json_answer else {}
        if data is not None:
            data = {**data, "csrfmiddlewaretoken": session.cookies.get("csrftoken", "")}
        started = time.perf_counter()
        try:
            response = session.request(method, base + path, data=data, headers=headers, allow_redirects=False, timeout=timeout)
        except requests.RequestException as exc:
            record.add(kind, time.perf_counter() - started, None, repr(exc))
            return
        record.add(kind, time.perf_counter() - started, response.status_code, response.text)

    def pause() -> None:
        time.sleep(random.uniform(0.5 * think, 1.5 * think))

    session.get(base + "/ksi/logg-inn/", timeout=300)  # the CSRF cookie
    call("login", "POST", "/ksi/logg-inn/", {"username": username, "password": PASSWORD}, timeout=300)
    start.wait()  # the measured part starts when the whole class is logged in
    deadline = time.monotonic() + seconds
    time.sleep(random.uniform(0, think))  # people do not press enter in the same millisecond
    lessons = plan["lessons"]
    step = 0
    while time.monotonic() < deadline:
        lesson = lessons[step % len(lessons)]
        step += 1
        # The plain page right after the lesson page, so both are measured under the same load.
        actions = [("lesson page", "GET", lesson["url"], None), ("plain page (baseline)", "GET", plan["plain"], None)]
        for checklist_id, items in lesson["checklists"].items():
            actions.append(("checklist", "POST", f"/ksi/leksjon/{lesson['id']}/sjekkliste/{checklist_id}/", {"item": items}))
        for quiz_id, answers in lesson["quizzes"].items():
            fields = {f"{quiz_id}-{question}": chosen for question, chosen in answers.items()}
            actions.append(("quiz", "POST", f"/ksi/leksjon/{lesson['id']}/quiz/{quiz_id}/", fields))
        actions.append(("mark done", "POST", f"/ksi/leksjon/{lesson['id']}/fullfort/", {"done": "1"}))
        actions.append(("course page", "GET", plan["course"], None))
        for kind, method, path, data in actions:
            if time.monotonic() >= deadline:
                return
            call(kind, method, path, data, json_answer=method == "POST")
            pause()


def work(port: int, plan: dict, seconds: float, think: float) -> tuple[Recorder, float]:
    """The class logs in, then works for ``seconds``; returns what was recorded and the working time."""
    record = Recorder()
    started: list[float] = []
    start = threading.Barrier(len(plan["usernames"]), action=lambda: started.append(time.monotonic()))
    base = f"http://127.0.0.1:{port}"
    threads = [
        threading.Thread(target=participant, args=(base, plan, username, start, seconds, think, record), daemon=True)
        for username in plan["usernames"]
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return record, time.monotonic() - started[0]


def report(database: str, args, record: Recorder, elapsed: float) -> None:
    stack = "the production stack (PostgreSQL, Redis, 2 db_workers)" if args.stack == "production" else database
    print(
        f"\nClassroom benchmark on {stack}: {args.participants} participants, {args.seconds:g} s, "
        f"gunicorn {args.workers} workers × {args.threads} threads, think time {args.think:g} s\n"
    )
    print(f"{'request':<24} {'count':>7} {'5xx':>5} {'4xx':>5} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8}")
    p95 = {}
    for kind in REQUEST_TYPES:
        latencies = record.latencies.get(kind)
        if not latencies:
            continue
        figures = latency_ms(latencies)
        p95[kind] = figures["p95"]
        rate = "-" if kind == "login" else f"{len(latencies) / elapsed:.1f}"  # logins come before the clock starts
        print(
            f"{kind:<24} {len(latencies):>7} {record.errors.get(kind, 0):>5} {record.refused.get(kind, 0):>5} {rate:>7} "
            f"{figures['p50']:>8.1f} {figures['p95']:>8.1f}"
        )
    total = sum(len(values) for kind, values in record.latencies.items() if kind != "login")
    errors = sum(record.errors.values())
    print(f"{'all but login':<24} {total:>7} {errors:>5} {sum(record.refused.values()):>5} {total / elapsed:>7.1f}")
    if "lesson page" in p95 and "plain page (baseline)" in p95:
        ratio = p95["lesson page"] / p95["plain page (baseline)"]
        print(f"\nlesson page p95 / plain page p95 = {ratio:.2f}× (aim: at most 3×)")
    for example in record.examples:
        print(f"  error: {example}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--stack", choices=("demo", "production"), default="demo", help="demo: gunicorn on the demo settings; production: scripts/production")
    parser.add_argument("--database", choices=("sqlite", "postgres"), help="sqlite (default) or postgres; the production stack is always postgres")
    parser.add_argument("--workers", type=int, help="gunicorn worker processes (default: 2; 4 on the production stack)")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    parser.add_argument("--think", type=float, default=1.0, help="mean seconds between a participant's requests")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--course", default=COURSE, help="slug of the shipped course the class works through")
    parser.add_argument("--setup", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.setup:
        child_setup(args.participants, args.course)
        return
    if args.stack == "production" and args.database == "sqlite":
        parser.error("the production stack runs on PostgreSQL: leave out --database or give --database postgres")
    args.database = args.database or ("postgres" if args.stack == "production" else "sqlite")
    args.workers = args.workers or (4 if args.stack == "production" else 2)
    print(f"Setting up {args.database} with {args.participants} participants (migrate, import {args.course}) …", flush=True)
    env = {}
    try:
        env, plan = prepare(args.stack, args.database, args.participants, args.course)
        if args.stack == "production":
            print("Starting the production stack (scripts/production) …", flush=True)
            server = serve_stack(env, args.workers, args.threads, args.port, args.course)
            try:
                wait_for_workers(POSTGRES_NAMES[args.stack])
            except BaseException:
                stop_stack(server)
                raise
        else:
            server = serve(env, args.workers, args.threads, args.port)
        try:
            record, elapsed = work(args.port, plan, args.seconds, args.think)
        finally:
            if args.stack == "production":
                stop_stack(server)
            else:
                server.terminate()
                server.wait(timeout=60)
    finally:
        if args.database == "postgres":
            psql(f"DROP DATABASE IF EXISTS {POSTGRES_NAMES[args.stack]} WITH (FORCE)")
        if "KSI_CACHE_KEY_PREFIX" in env:
            clear_cache(env["KSI_CACHE_KEY_PREFIX"])
    report(args.database, args, record, elapsed)


if __name__ == "__main__":
    main()
