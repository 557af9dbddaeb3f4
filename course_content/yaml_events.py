"""Plain YAML documents built straight from libyaml's parser events, with their line map.

Most of the time libyaml's loader spends on a course file goes to Python, not to libyaml: a node
object for every scalar, a call to resolve its tag, then a second walk to construct the data and
a third to map the lines. A course file is plain data: mappings with string keys, lists, strings
and now and then a number, a boolean or a date. :func:`build_from_events` makes the data and the
line map from the events in one walk, resolving and constructing each scalar exactly as
``SafeLoader`` does (a plain scalar that cannot be anything but a string skips the resolver).

Anything else (anchors and aliases, explicit tags, merge keys, keys that are not strings, more
than one document, and every syntax error) gives :class:`NotPlain`, and the caller parses the
text the usual way, so such files get exactly the data and messages they always had.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.events import (
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)
from yaml.nodes import ScalarNode

STR_TAG = "tag:yaml.org,2002:str"
_NO_KEY = object()


class NotPlain(Exception):
    """The text needs the full loader (see the module docstring)."""


def build_from_events(loader_class: type, text: str) -> tuple[Any, dict[tuple, int], list[tuple[int, tuple, str]]]:
    """``(data, lines, duplicates)`` for ``text``: the data as ``loader_class`` constructs it, the
    1-based line of every key and list item by path (``()`` for the document), and each repeated
    key as ``(line, path, key)`` in document order. Raises :class:`NotPlain`."""
    loader = loader_class(text)
    try:
        return _walk(loader)
    except yaml.YAMLError as exc:
        raise NotPlain from exc
    finally:
        loader.dispose()


def _walk(loader):
    next_event = loader.get_event
    resolvers = loader.yaml_implicit_resolvers
    constructors = loader.yaml_constructors
    if None in resolvers or loader.yaml_path_resolvers:
        raise NotPlain  # resolvers that look at every scalar or at its place: not SafeLoader's
    if type(next_event()) is not StreamStartEvent:
        raise NotPlain
    event = next_event()
    if type(event) is StreamEndEvent:
        return None, {}, []
    if type(event) is not DocumentStartEvent:
        raise NotPlain
    lines: dict[tuple, int] = {}
    duplicates: list[tuple[int, tuple, str]] = []
    stack: list[list] = []  # open containers: [value, path, is a mapping, key awaiting its value]
    root = None
    while True:
        event = next_event()
        kind = type(event)
        if kind is MappingEndEvent or kind is SequenceEndEvent:
            stack.pop()
            if stack:
                continue
            break
        if getattr(event, "anchor", None) is not None or getattr(event, "tag", None) is not None:
            raise NotPlain  # (an alias event has an anchor)
        if kind is ScalarEvent:
            value = _scalar(loader, event, resolvers, constructors)
        elif kind is MappingStartEvent:
            value = {}
        elif kind is SequenceStartEvent:
            value = []
        else:
            raise NotPlain
        line = event.start_mark.line + 1
        if not stack:
            root, path = value, ()
            lines[()] = line
        else:
            frame = stack[-1]
            container, parent_path, is_mapping, key = frame
            if is_mapping and key is _NO_KEY:
                if kind is not ScalarEvent or not isinstance(value, str) or value == "<<":
                    raise NotPlain  # a key that is not a string, or a merge
                path = (*parent_path, value)
                if value in container:
                    duplicates.append((line, path, value))
                lines[path] = line
                frame[3] = value
                continue
            if is_mapping:
                path = (*parent_path, key)
                container[key] = value
                frame[3] = _NO_KEY
            else:
                path = (*parent_path, len(container))
                lines[path] = line
                container.append(value)
        if kind is not ScalarEvent:
            stack.append([value, path, kind is MappingStartEvent, _NO_KEY])
        elif not stack:
            break
    if type(next_event()) is not DocumentEndEvent or type(next_event()) is not StreamEndEvent:
        raise NotPlain  # e.g. a second document: the full loader says what is wrong
    return root, lines, duplicates


def _scalar(loader, event, resolvers, constructors):
    value = event.value
    plain, quoted = event.implicit
    if not plain:
        if not quoted:
            raise NotPlain
        return value  # quoted: a string
    if value and value[0] not in resolvers:
        return value  # no implicit type starts with this character: a string (the resolver's default)
    tag = loader.resolve(ScalarNode, value, event.implicit)
    if tag == STR_TAG:
        return value
    if tag not in constructors:
        raise NotPlain
    return constructors[tag](loader, ScalarNode(tag, value, event.start_mark, event.end_mark, event.style))
