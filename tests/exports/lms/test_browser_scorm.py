"""A SCORM package in Debian's chromium, with scorm-again (npm) playing the LMS: the harness page
provides the API, opens the launch page in a frame, and records every value the package sets.
Served over HTTP, as an LMS serves a package."""

from __future__ import annotations

import functools
import json
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import expect

from exports.lms.archive import write_folder
from exports.lms.scorm import ScormOptions, build_scorm
from tests.paths import TESTS_DIR

pytestmark = pytest.mark.browser

SCORM_AGAIN = TESTS_DIR.parent / "node_modules" / "scorm-again" / "dist" / "scorm-again.min.js"

HARNESS = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>LMS</title>
<script src="scorm-again.min.js"></script>
<script>
  var params = new URLSearchParams(location.search);
  window.received = [];
  window.calls = [];
  var api = params.get("version") === "2004" ? new Scorm2004API({}) : new Scorm12API({});
  var prefix = params.get("version") === "2004" ? "" : "LMS";
  if (params.get("suspend")) { api.cmi.suspend_data = params.get("suspend"); }
  api.on(prefix + "SetValue.cmi.*", function (element, value) { window.received.push([element, String(value)]); });
  ["Initialize", "Commit", "Finish", "Terminate"].forEach(function (name) {
    api.on(prefix + name, function () { window.calls.push(name); });
  });
  window[params.get("version") === "2004" ? "API_1484_11" : "API"] = api;
</script></head>
<body><iframe id="sco" title="lesson" src="about:blank" style="width:100%;height:600px"></iframe>
<script>document.getElementById("sco").src = params.get("launch");</script></body></html>"""


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def served(tmp_path_factory, mini_course):
    """Both versions' packages (one SCO per lesson) under one local HTTP server."""
    if not SCORM_AGAIN.exists():
        raise RuntimeError(f"{SCORM_AGAIN} is missing: run `npm ci` in the repository (scripts/setup does)")
    root = tmp_path_factory.mktemp("lms")
    for version in ("1.2", "2004"):
        write_folder(build_scorm(mini_course, ScormOptions(version=version)), root / version)
    (root / "scorm-again.min.js").write_bytes(SCORM_AGAIN.read_bytes())
    (root / "lms.html").write_text(HARNESS, encoding="utf-8")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def run_lesson(page, base: str, version: str, suspend: str = "") -> dict[str, str]:
    """Launch the hand-washing lesson, tick a checklist item, answer the quiz (all right), mark the
    lesson done, leave; return the last value set for each element."""
    launch = f"{version}/timer/handvask.html"
    page.goto(f"{base}/lms.html?version={version}&launch={launch}&suspend={suspend}")
    frame = page.frame_locator("#sco")
    frame.get_by_label("Jeg har såpe.").check()
    quiz = frame.locator("form[data-quiz=quiz]")
    quiz.get_by_label("Håndhygiene").check()
    quiz.get_by_label("Etter toalettet").check()
    quiz.get_by_label("Før du lager mat").check()
    quiz.get_by_label("Usant").check()
    quiz.get_by_role("button", name="Sjekk svarene").click()
    assert quiz.locator(".ksi-quiz-score").inner_text() == "Du har 3 av 3 riktige."
    frame.get_by_role("button", name="Jeg er ferdig med denne timen").click()
    page.evaluate("document.getElementById('sco').src = 'about:blank'")  # leaving the lesson finishes it
    page.wait_for_function("window.calls.indexOf('Finish') >= 0 || window.calls.indexOf('Terminate') >= 0")
    return dict(page.evaluate("window.received"))


def test_scorm_12_reports_completion_score_and_checklists(page, served):
    values = run_lesson(page, served, "1.2")
    calls = page.evaluate("window.calls")
    assert calls[0] == "Initialize" and calls[-1] == "Finish" and "Commit" in calls
    assert values["cmi.core.lesson_status"] == "completed"
    assert (values["cmi.core.score.raw"], values["cmi.core.score.min"], values["cmi.core.score.max"]) == (
        "100",
        "0",
        "100",
    )
    assert values["cmi.core.exit"] == ""
    assert values["cmi.core.session_time"].count(":") == 2
    kept = json.loads(values["cmi.suspend_data"])
    assert kept["lessons"]["handvask"]["checklists"] == {"for-jobb": ["sapa"]}
    assert kept["lessons"]["handvask"]["quizzes"]["quiz"]["correct"] == 3
    assert kept["lessons"]["handvask"]["done"] is True


def test_scorm_2004_reports_completion_score_and_checklists(page, served):
    values = run_lesson(page, served, "2004")
    calls = page.evaluate("window.calls")
    assert calls[0] == "Initialize" and calls[-1] == "Terminate"
    assert values["cmi.completion_status"] == "completed"
    assert float(values["cmi.score.scaled"]) == 1.0 and values["cmi.score.raw"] == "100"
    assert float(values["cmi.progress_measure"]) == 1.0
    assert values["cmi.exit"] == "normal"
    assert values["cmi.session_time"].startswith("PT")
    assert json.loads(values["cmi.suspend_data"])["lessons"]["handvask"]["checklists"] == {"for-jobb": ["sapa"]}


def test_progress_the_lms_kept_comes_back_in_a_new_browser(page, served):
    """Another PC (empty localStorage): the checklist comes back from the LMS's suspend data."""
    kept = json.dumps({"lessons": {"handvask": {"checklists": {"for-jobb": ["papir"]}, "quizzes": {}}}})
    page.goto(f"{served}/lms.html?version=1.2&launch=1.2/timer/handvask.html&suspend={kept}")
    frame = page.frame_locator("#sco")
    expect(frame.get_by_label("Jeg har papir.")).to_be_checked()
    expect(frame.get_by_label("Jeg har såpe.")).not_to_be_checked()
    assert dict(page.evaluate("window.received"))["cmi.core.lesson_status"] == "incomplete"
