"""Production settings: ``check --deploy`` is clean with the recommended ones, and the demo runs with
DEBUG and its public key only when its own command asks for it."""

import os
import re
import runpy
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from tests.paths import TESTS_DIR

REPO = TESTS_DIR.parent
DEMO_SETTINGS = REPO / "demo" / "demo_site" / "settings.py"


def test_check_deploy_with_the_recommended_production_settings_reports_nothing():
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        # The browser tests allow async-unsafe ORM calls in this process; a deployment never does.
        env={
            **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
            "DJANGO_SETTINGS_MODULE": "tests.production_settings",
        },
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced).", result.stdout
    assert "WARNING" not in result.stderr.upper(), result.stderr


def demo_settings(monkeypatch, **env) -> dict:
    for name in ("DJANGO_DEBUG", "DJANGO_SECRET_KEY"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(DEMO_SETTINGS))


def test_the_demo_settings_have_debug_off_and_refuse_the_public_key(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match=r"DJANGO_SECRET_KEY is not set.*DJANGO_DEBUG=1"):
        demo_settings(monkeypatch)
    with pytest.raises(ImproperlyConfigured, match="DJANGO_SECRET_KEY is not set"):
        demo_settings(monkeypatch, DJANGO_DEBUG="0")
    real = demo_settings(monkeypatch, DJANGO_SECRET_KEY="a-long-random-value-from-the-environment")
    assert (real["DEBUG"], real["SECRET_KEY"]) == (False, "a-long-random-value-from-the-environment")


def test_the_demo_command_turns_debug_on_for_itself(monkeypatch):
    demo = demo_settings(monkeypatch, DJANGO_DEBUG="1")
    assert demo["DEBUG"] is True and demo["SECRET_KEY"]
    script = (REPO / "scripts" / "demo").read_text()
    export = re.search(r'^export DJANGO_DEBUG="\$\{DJANGO_DEBUG:-1\}"$', script, re.MULTILINE)
    first_manage_call = re.search(r"^manage \w", script, re.MULTILINE)
    assert export and first_manage_call and export.start() < first_manage_call.start()
