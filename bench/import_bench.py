"""Import benchmark: loading and importing the courses, against Django's own start-up.

Run: .venv/bin/python bench/import_bench.py [--repeat N] [--courses DIR]

Every step is a fresh process, as a user runs it, on the demo site's settings with DEBUG off,
a new SQLite database and a temporary media folder:

- ``manage.py check``: Django and Wagtail start-up and the system checks (the baseline; the
  import command runs the same checks before it starts);
- the first import into an empty site (the migrated database, copied fresh for each run);
- the same import again, which changes nothing;
- an import with one lesson changed (its title), from a temporary copy of the course folder
  (``--path``);
- ``ksi-courses list`` and ``ksi-courses validate``.

Each step runs ``--repeat`` times, each run right after a run of the baseline, because the
machine is shared and its load changes from minute to minute. Printed: the fastest run in
seconds, the median of the ratios step/baseline of the pairs, and the aim. ``--courses DIR`` imports the course folders in DIR (with ``--path``) instead of the
shipped courses, e.g. a snapshot while the shipped content is being edited.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
CLI = [str(Path(PYTHON).parent / "ksi-courses")]
MANAGE = [PYTHON, "demo/manage.py"]
BASELINE = [*MANAGE, "check"]

#: (step, aim as a ratio to the baseline, aim in seconds)
AIMS = {
    "first import": (2.5, None),
    "no-op import": (1.2, None),
    "one lesson changed": (None, None),
    "ksi-courses list": (None, 1.0),
    "ksi-courses validate": (None, 1.0),
}


class Bench:
    def __init__(self, work: Path, courses: Path | None):
        self.work = work
        self.courses = courses
        self.env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "DJANGO_SETTINGS_MODULE": "bench.import_settings",
            "DJANGO_SECRET_KEY": "import-bench-only",
            "DJANGO_DEBUG": "0",
            "DATABASE_URL": f"sqlite:///{work / 'site.sqlite3'}",
            "KSI_BENCH_MEDIA_ROOT": str(work / "media"),
        }

    def run(self, command: list[str], expect: str = "") -> float:
        """Run ``command`` once; return its wall-clock seconds (it must succeed)."""
        start = time.perf_counter()
        done = subprocess.run(command, env=self.env, cwd=ROOT, capture_output=True, text=True)
        seconds = time.perf_counter() - start
        if done.returncode or expect not in done.stdout:
            raise SystemExit(
                f"{' '.join(command[1:])} failed (exit {done.returncode}):\n{done.stdout[-3000:]}{done.stderr[-3000:]}"
            )
        return seconds

    def save_site(self, name: str) -> None:
        self._copy(self.work, self.work / name, "site.sqlite3")
        shutil.rmtree(self.work / name / "media", ignore_errors=True)
        if (self.work / "media").exists():
            shutil.copytree(self.work / "media", self.work / name / "media")

    def restore_site(self, name: str) -> None:
        self._copy(self.work / name, self.work, "site.sqlite3")
        shutil.rmtree(self.work / "media", ignore_errors=True)
        if (self.work / name / "media").exists():
            shutil.copytree(self.work / name / "media", self.work / "media")

    @staticmethod
    def _copy(source: Path, target: Path, name: str) -> None:
        target.mkdir(exist_ok=True)
        for suffix in ("", "-wal", "-shm"):  # the demo runs SQLite in WAL mode
            (target / (name + suffix)).unlink(missing_ok=True)
            if (source / (name + suffix)).exists():
                shutil.copy2(source / (name + suffix), target / (name + suffix))

    def import_args(self) -> list[str]:
        if self.courses is None:
            return []
        return [arg for folder in course_folders(self.courses) for arg in ("--path", str(folder))]


def cli_with_courses(courses: Path) -> list[str]:
    """``ksi-courses`` with ``courses`` in place of the shipped folder (same imports, same work)."""
    code = (
        "import sys; import course_content.loader as loader; "
        f"loader.COURSES_DIR = __import__('pathlib').Path({str(courses)!r}); "
        "from course_content.cli import main; sys.exit(main(sys.argv[1:]))"
    )
    return [PYTHON, "-c", code]


def course_folders(path: Path) -> list[Path]:
    return sorted(child for child in path.iterdir() if (child / "course.yaml").is_file())


def change_one_lesson(course_folder: Path) -> str:
    """Change the title of the first lesson of the first module; return the lesson id."""
    course = yaml.safe_load((course_folder / "course.yaml").read_text(encoding="utf-8"))
    lesson_id = course["modules"][0]["lessons"][0]
    file = course_folder / "lessons" / f"{lesson_id}.yaml"
    text = file.read_text(encoding="utf-8")
    title = yaml.safe_load(text)["title"]
    new_line = yaml.safe_dump({"title": f"{title} (endret)"}, allow_unicode=True, width=1000).strip()
    text, count = re.subn(r"^title:.*$", lambda _: new_line, text, count=1, flags=re.MULTILINE)
    assert count == 1, f"no top-level title line in {file}"
    file.write_text(text, encoding="utf-8")
    return lesson_id


def paired(bench: Bench, repeat: int, command: list[str], before=None, expect: str = "") -> tuple[float, float]:
    """(fastest seconds, median ratio to the baseline run just before each run)."""
    runs = []
    for _ in range(repeat):
        if before:
            before()
        baseline = bench.run(BASELINE)
        seconds = bench.run(command, expect)
        runs.append((seconds, seconds / baseline))
    return min(seconds for seconds, _ in runs), statistics.median(ratio for _, ratio in runs)


def measure(bench: Bench, repeat: int) -> dict[str, tuple[float, float]]:
    from course_content.loader import COURSES_DIR

    imports = [*MANAGE, "import_ksi_courses", *bench.import_args()]
    bench.run([*MANAGE, "migrate", "--no-input", "-v", "0"])
    bench.save_site("empty")
    baseline = min(bench.run(BASELINE) for _ in range(repeat))
    results = {"manage.py check (baseline)": (baseline, 1.0)}
    results["first import"] = paired(
        bench, repeat, imports, before=lambda: bench.restore_site("empty"), expect="create"
    )
    results["no-op import"] = paired(bench, repeat, imports, expect="= 0 change(s)")
    bench.save_site("imported")

    source = course_folders(bench.courses or COURSES_DIR)[0]
    changed = bench.work / "changed" / source.name
    shutil.copytree(source, changed)
    lesson_id = change_one_lesson(changed)
    results["one lesson changed"] = paired(
        bench,
        repeat,
        [*MANAGE, "import_ksi_courses", "--path", str(changed)],
        before=lambda: bench.restore_site("imported"),
        expect=f"update     lesson  {lesson_id}",
    )
    cli = CLI if bench.courses is None else cli_with_courses(bench.courses)
    results["ksi-courses list"] = paired(bench, repeat, [*cli, "list"])
    results["ksi-courses validate"] = paired(bench, repeat, [*cli, "validate"], expect="ok  ")
    return results


def report(results: dict[str, tuple[float, float]]) -> bool:
    print(f"{'step':<28} {'seconds':>8} {'× baseline':>11}  {'aim':<16} met")
    all_met = True
    for step, (seconds, ratio) in results.items():
        ratio_aim, seconds_aim = AIMS.get(step, (None, None))
        if ratio_aim is not None:
            aim, met = f"≤ {ratio_aim}× baseline", ratio <= ratio_aim
        elif seconds_aim is not None:
            aim, met = f"≤ {seconds_aim} s", seconds <= seconds_aim
        else:
            aim, met = "", None
        all_met = all_met and met is not False
        mark = "" if met is None else ("yes" if met else "NO")
        print(f"{step:<28} {seconds:>8.2f} {ratio:>10.2f}×  {aim:<16} {mark}")
    return all_met


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per step; the fastest counts (default 3)")
    parser.add_argument("--courses", type=Path, help="import the course folders in DIR instead of the shipped ones")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory(prefix="ksi-import-bench-") as work:
        results = measure(Bench(Path(work), args.courses.resolve() if args.courses else None), args.repeat)
    print(
        f"Import benchmark: {args.repeat} runs per step, each a fresh process after a baseline run"
        " (SQLite, DEBUG off); seconds = fastest run, × baseline = median of the paired ratios\n"
    )
    sys.exit(0 if report(results) else 1)


if __name__ == "__main__":
    main()
