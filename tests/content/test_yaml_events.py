"""Plain YAML built from libyaml's events (``course_content.yaml_events``) is what the loaders build,
and every other text is left to them."""

import datetime
from pathlib import Path

import pytest
import yaml

from course_content.loader import COMMON_DIR, COURSES_DIR
from course_content.yaml_events import NotPlain, build_from_events
from course_content.yaml_source import parse_yaml

TYPED = (
    "id: a\ncount: 12\nshare: 1.5\nnegative: -3\nhex: 0x1f\nflag: yes\ndisabled: false\nnothing: null\ntilde: ~\n"
    "empty:\nday: 2024-01-02\nquoted: '12'\ndouble: \"yes\"\nflow: [1, two, 'three', {k: v}]\n"
    "text: |\n  two\n  lines\nnested:\n  - - inner\n  - key: value\n"
)

LEFT_TO_THE_LOADER = {
    "anchor and alias": "a: &x [1, 2]\nb: *x\n",
    "merge key": "base: &b {x: 1}\nm:\n  <<: *b\n  y: 2\n",
    "explicit tag": "a: !!str 12\n",
    "number as key": "1: one\n",
    "boolean as key": "yes: one\n",
    "list as key": "? [a, b]\n: c\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "syntax error": "a: [1, 2\nb: 3\n",
}


def test_typed_scalars_and_lines_are_those_of_safe_loader(monkeypatch):
    data, lines, duplicates = build_from_events(yaml.CSafeLoader, TYPED)
    assert data == yaml.load(TYPED, yaml.SafeLoader)
    assert data["flag"] is True and data["nothing"] is None and data["count"] == 12
    assert data["day"] == datetime.date(2024, 1, 2) and data["quoted"] == "12" and data["double"] == "yes"
    assert lines[()] == 1 and lines[("count",)] == 2 and lines[("flow", 3)] == 14 and lines[("nested", 1, "key")] == 20
    monkeypatch.setenv("KSI_YAML_PURE", "1")
    assert lines == parse_yaml(TYPED, Path("lessons/a.yaml")).lines
    assert duplicates == []


def test_a_repeated_key_keeps_the_last_value_and_is_reported():
    data, lines, duplicates = build_from_events(yaml.CSafeLoader, "a: 1\nb:\n  c: x\n  c: y\na: 2\n")
    assert data == {"a": 2, "b": {"c": "y"}}
    assert duplicates == [(4, ("b", "c"), "c"), (5, ("a",), "a")]
    assert lines[("a",)] == 5


@pytest.mark.parametrize("name", LEFT_TO_THE_LOADER)
def test_anything_but_plain_data_is_left_to_the_loader(monkeypatch, name):
    text = LEFT_TO_THE_LOADER[name]
    with pytest.raises(NotPlain):
        build_from_events(yaml.CSafeLoader, text)
    monkeypatch.delenv("KSI_YAML_PURE", raising=False)
    fast = parse_yaml(text, Path("lessons/a.yaml"))
    monkeypatch.setenv("KSI_YAML_PURE", "1")
    pure = parse_yaml(text, Path("lessons/a.yaml"))
    assert (fast.data, fast.lines, fast.problems) == (pure.data, pure.lines, pure.problems)


def test_every_shipped_content_file_is_plain_data():
    """What makes loading fast: no shipped file needs the slower path."""
    files = [file for folder in (COURSES_DIR, COMMON_DIR) for file in folder.rglob("*.yaml")]
    assert len(files) > 50
    for file in files:
        data, lines, _ = build_from_events(yaml.CSafeLoader, file.read_text(encoding="utf-8"))
        assert data is not None and lines[()] >= 1, file
