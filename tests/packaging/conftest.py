"""Build the wheel once per session; make fresh virtual environments to install it into."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.paths import TESTS_DIR

CHECKOUT = TESTS_DIR.parent


def run(*args: str | Path, cwd: Path | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    """Run a command; on failure the assertion shows its output."""
    result = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"{' '.join(map(str, args))} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
    return result


class Venv:
    """A fresh virtual environment (pip reuses the user's cache and the machine's pip config)."""

    def __init__(self, path: Path):
        run(sys.executable, "-m", "venv", path)
        self.path = path
        self.bin = path / "bin"

    def pip(self, *args: str | Path) -> subprocess.CompletedProcess:
        return run(self.bin / "python", "-m", "pip", "--disable-pip-version-check", *args)

    def installed(self) -> set[str]:
        freeze = self.pip("list", "--format=freeze").stdout
        return {line.split("==")[0].lower().replace("_", "-") for line in freeze.splitlines() if "==" in line}


@pytest.fixture(scope="session")
def wheel(tmp_path_factory) -> Path:
    """The project's wheel, built from the checkout with ``python -m build``."""
    out = tmp_path_factory.mktemp("wheel")
    run(sys.executable, "-m", "build", "--wheel", "--outdir", out, CHECKOUT, timeout=600)
    (built,) = out.glob("ksi_courses-*.whl")
    return built


@pytest.fixture(scope="session")
def wheel_names(wheel) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())
