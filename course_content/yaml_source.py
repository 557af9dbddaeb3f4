"""Read YAML while remembering the line of every key and list item.

Validation errors from pydantic carry a location such as ``("blocks", 2, "alt")``; the line map
turns that into ``lessons/x.yaml:41``. Duplicate mapping keys, which PyYAML silently accepts,
are reported as problems.

Parsing uses libyaml (``yaml.CSafeLoader``) when PyYAML was built with it: it gives the same
nodes and line marks as the pure-Python ``yaml.SafeLoader`` about fifteen times faster. Its
error texts differ, so a file that fails to parse is parsed again with the pure-Python loader,
and every message stays the same whichever loader is installed. With libyaml, a file of plain
data (nearly every course file) is built straight from the parser's events (``yaml_events``),
in one walk instead of three; any other file takes the path above. Set ``KSI_YAML_PURE=1`` to use
the pure-Python loader throughout (the tests run both ways).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from .errors import ContentProblem
from .yaml_events import NotPlain, build_from_events

Location = tuple[str | int, ...]

PURE_LOADER = yaml.SafeLoader
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def loader_class() -> type:
    """The loader parsing uses now: libyaml's unless absent or ``KSI_YAML_PURE`` is set."""
    return PURE_LOADER if os.environ.get("KSI_YAML_PURE") else FAST_LOADER


class YamlDocument:
    """Parsed YAML data plus a map from data path to 1-based line number."""

    def __init__(self, path: Path, data: Any, lines: dict[Location, int], problems: list[ContentProblem]):
        self.path = path
        self.data = data
        self.lines = lines
        self.problems = problems

    def line_of(self, loc: Location) -> int | None:
        """The line of the deepest part of ``loc`` that exists in the file."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), 1)


def parse_yaml(text: str, path: Path, first_line: int = 1) -> YamlDocument:
    """Parse ``text`` (from ``path``); ``first_line`` offsets lines for front matter."""
    offset = first_line - 1
    loader = loader_class()
    if loader is not PURE_LOADER:
        try:
            data, lines, duplicates = build_from_events(loader, text)
        except NotPlain:
            pass
        else:
            problems = [_duplicate_key(path, line + offset, loc, key) for line, loc, key in duplicates]
            return YamlDocument(path, data, {loc: line + offset for loc, line in lines.items()}, problems)
    try:
        node, data = _compose_and_construct(loader, text)
    except yaml.YAMLError as exc:
        if loader is PURE_LOADER:
            return _failed(exc, path, offset)
        # libyaml words its errors differently; the pure-Python loader has the last word, so the
        # messages (and the verdict) are the same whichever loader is installed. This is rare.
        try:
            node, data = _compose_and_construct(PURE_LOADER, text)
        except yaml.YAMLError as pure_exc:
            return _failed(pure_exc, path, offset)
    return _document(node, data, path, offset)


def _compose_and_construct(loader_cls: type, text: str):
    loader = loader_cls(text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


def _failed(exc: yaml.YAMLError, path: Path, offset: int) -> YamlDocument:
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + offset if mark else None
        problem = ContentProblem(path, line, None, f"YAML syntax error: {exc.problem or exc}")
    else:
        problem = ContentProblem(path, None, None, f"YAML error: {exc}")
    return YamlDocument(path, None, {}, [problem])


def _document(node, data, path: Path, offset: int) -> YamlDocument:
    lines: dict[Location, int] = {}
    problems: list[ContentProblem] = []
    if node is not None:
        lines[()] = node.start_mark.line + 1 + offset
        _map_lines(node, (), lines, problems, path, offset)
    return YamlDocument(path, data, lines, problems)


def read_yaml(path: Path) -> YamlDocument:
    """Read and parse a YAML file; unreadable or non-UTF-8 files become problems."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return YamlDocument(path, None, {}, [ContentProblem(path, None, None, f"cannot read file: {exc}")])
    return parse_yaml(text, path)


def _map_lines(node, loc: Location, lines, problems, path, offset) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + 1 + offset
            if key in seen:
                problems.append(_duplicate_key(path, line, (*loc, key), key))
            seen.add(key)
            lines[(*loc, key)] = line
            _map_lines(value_node, (*loc, key), lines, problems, path, offset)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[(*loc, index)] = item.start_mark.line + 1 + offset
            _map_lines(item, (*loc, index), lines, problems, path, offset)


def _duplicate_key(path: Path, line: int, loc: Location, key: str) -> ContentProblem:
    return ContentProblem(path, line, dotted(loc), f"duplicate key '{key}'")


def dotted(loc: Location) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
