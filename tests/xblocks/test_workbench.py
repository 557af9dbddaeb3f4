"""The lesson block in xblock-sdk's workbench: rendered by Django and driven over HTTP."""

from __future__ import annotations

import json

import pytest
from workbench import scenarios
from workbench.runtime import WorkbenchRuntime

from tests.xblocks.test_views import quiz_results, words

SCENARIO = "ksi-lesson-mini"
XML = '<ksi_lesson course_slug="mini-kurs" lesson_id="handvask" weight="4"/>'


@pytest.fixture
def scenario(db, monkeypatch):
    """The mini course's first lesson as a workbench scenario, with published events recorded."""
    events: list[tuple[str, dict]] = []
    monkeypatch.setattr(WorkbenchRuntime, "publish", lambda self, block, kind, data: events.append((kind, data)))
    scenarios.add_xml_scenario(SCENARIO, "KSI lesson (mini course)", XML)
    yield events
    scenarios.remove_scenario(SCENARIO)


def handler_url(handler: str, student: str) -> str:
    runtime = WorkbenchRuntime(student)
    block = runtime.get_block(scenarios.SCENARIOS[SCENARIO].usage_id)
    return runtime.handler_url(block, handler)


def test_workbench_renders_and_scores_over_http(client, scenario):
    page = client.get(f"/workbench/scenario/{SCENARIO}/?student=anna")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Håndvask" in words(html) and "Hva er viktigst for å stoppe smitte?" in html
    assert "Ta med såpe." not in html  # teacher note
    assert "KsiLessonBlock" in html

    url = handler_url("submit_quiz", "anna")
    assert url.startswith("/workbench/handler/") and url.endswith("?student=anna")
    body = json.dumps({"quiz": "quiz", "answers": {"q1": [0], "q2": [0, 1], "q3": [0]}}).encode()
    response = client.post(url, data=body, content_type="application/json")
    assert response.status_code == 200
    result = response.json()
    assert (result["correct"], result["total"]) == (2, 3)
    assert result["questions"]["q3"]["correct"] is False
    assert ("grade", {"value": pytest.approx(8 / 3), "max_value": 4.0}) in scenario
    assert ("completion", {"completion": pytest.approx(1 / 3)}) in scenario

    # The answers were stored for anna only (workbench keeps user state in its database). The
    # workbench's i18n service has no catalogue of the block: the block's own catalogue speaks the
    # language the site activated (nb by default, English when the browser asks for it).
    assert quiz_results(client.get(f"/workbench/scenario/{SCENARIO}/?student=anna").content.decode()) == [
        "Du hadde 2 av 3 riktige."
    ]
    english = client.get(f"/workbench/scenario/{SCENARIO}/?student=anna", HTTP_ACCEPT_LANGUAGE="en")
    assert quiz_results(english.content.decode()) == ["You got 2 of 3 right."]
    assert quiz_results(client.get(f"/workbench/scenario/{SCENARIO}/?student=bilal").content.decode()) == [""]


def test_workbench_handler_rejects_bad_json(client, scenario):
    response = client.post(handler_url("toggle_checklist", "anna"), data=b"{not json", content_type="application/json")
    assert response.status_code == 400 and response.json() == {"error": "Invalid JSON"}
