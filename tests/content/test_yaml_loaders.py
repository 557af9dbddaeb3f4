"""libyaml and the pure-Python loader read content the same way, problems and lines included."""

from pathlib import Path

import pytest
import yaml

from course_content.loader import COMMON_DIR, COURSES_DIR
from course_content.yaml_source import loader_class, parse_yaml
from tests.paths import FIXTURES

CONTENT_FILES = sorted(
    file for folder in (COURSES_DIR, COMMON_DIR, FIXTURES) for file in folder.rglob("*.y*ml") if file.is_file()
)

BROKEN = {
    "unclosed flow sequence": "id: a\ntitle: [Håndvask\ngoals: []\n",
    "bad indentation": "id: a\nblocks:\n  - type: text\n   body: x\n",
    "tab indentation": "id: a\nblocks:\n\t- type: text\n",
    "unclosed quote": 'id: a\ntitle: "Håndvask\n',
    "undefined alias": "id: a\ntitle: *navn\n",
    "unknown tag": "id: a\ntitle: !python/name:os.system x\n",
    "two documents": "id: a\n---\nid: b\n",
    "key without value after a block": "id: a\ngoals:\n  - x\n  y: z\n",
}


def parse_both(monkeypatch, text: str, path: Path, first_line: int = 1):
    monkeypatch.delenv("KSI_YAML_PURE", raising=False)
    fast = parse_yaml(text, path, first_line)
    monkeypatch.setenv("KSI_YAML_PURE", "1")
    pure = parse_yaml(text, path, first_line)
    return fast, pure


def test_libyaml_is_the_default_loader(monkeypatch):
    monkeypatch.delenv("KSI_YAML_PURE", raising=False)
    assert loader_class() is yaml.CSafeLoader
    monkeypatch.setenv("KSI_YAML_PURE", "1")
    assert loader_class() is yaml.SafeLoader


@pytest.mark.parametrize("file", CONTENT_FILES, ids=lambda file: file.relative_to(file.parents[2]).as_posix())
def test_every_content_file_reads_the_same(monkeypatch, file):
    fast, pure = parse_both(monkeypatch, file.read_text(encoding="utf-8"), file)
    assert fast.data == pure.data
    assert fast.lines == pure.lines
    assert fast.problems == pure.problems


@pytest.mark.parametrize("name", BROKEN)
def test_broken_yaml_gives_the_same_problem(monkeypatch, name):
    fast, pure = parse_both(monkeypatch, BROKEN[name], Path("lessons/a.yaml"))
    assert pure.problems, "the example must be broken"
    assert fast.problems == pure.problems
    assert fast.data == pure.data is None


def test_front_matter_lines_are_offset_the_same(monkeypatch):
    fast, pure = parse_both(monkeypatch, "id: a\ntitle: [x\n", Path("templates/a.md"), first_line=2)
    assert fast.problems == pure.problems and fast.problems[0].line in (3, 4)


def test_duplicate_keys_are_reported_the_same(monkeypatch):
    fast, pure = parse_both(monkeypatch, "id: a\ntitle: x\ntitle: y\n", Path("lessons/a.yaml"))
    assert (
        [str(p) for p in fast.problems]
        == [str(p) for p in pure.problems]
        == ["lessons/a.yaml:3: title: duplicate key 'title'"]
    )
