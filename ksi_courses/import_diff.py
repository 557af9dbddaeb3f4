"""What a conflicting page's edit and the new release each changed, in small readable pieces.

A conflict's diff is split by the part of the page it is in: one diff per changed field (title,
goals, …) and one per changed lesson block, each under a label such as ``block 3 (callout
“Husk”)``. Blocks are matched by content (``difflib.SequenceMatcher``), so a block added or
removed on one side shows as that block alone, not as every block after it shifted by one.
"""

from __future__ import annotations

import difflib
import json

import yaml

LOCAL = "your edited page"
UPSTREAM = "new shipped version"
LEGEND = f"(- {LOCAL}, + {UPSTREAM})"


def block_label(block: dict, position: int) -> str:
    """``block 3 (callout “Husk”)``: the block's position (from 1), type and title if it has one."""
    title = block.get("title")
    return f"block {position} ({block.get('type', '?')}{f' “{title}”' if title else ''})"


def payload_diff(local: dict, upstream: dict) -> list[tuple[str, str]]:
    """``[(label, unified diff)]`` for every field and block in which ``local`` and ``upstream`` differ."""
    sections = []
    for key in dict.fromkeys([*local, *upstream]):
        mine, theirs = local.get(key), upstream.get(key)
        if mine == theirs:
            continue
        if key == "blocks":
            sections += _block_sections(mine or [], theirs or [])
        else:
            sections.append((key, _unified(_dump({key: mine}), _dump({key: theirs}))))
    return sections


def render_sections(sections: list[tuple[str, str]], indent: str = "  ") -> str:
    """The sections as text: each label, then its diff indented below it."""
    out = []
    for label, diff in sections:
        out.append(f"{indent}{label}:")
        out += [f"{indent}  {line}" for line in diff.splitlines()]
    return "\n".join(out)


def _block_sections(local: list[dict], upstream: list[dict]) -> list[tuple[str, str]]:
    def keys(blocks):
        return [json.dumps(block, sort_keys=True, ensure_ascii=False) for block in blocks]

    sections = []
    matcher = difflib.SequenceMatcher(a=keys(local), b=keys(upstream), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        paired = min(i2 - i1, j2 - j1)
        for offset in range(paired):
            mine, theirs = local[i1 + offset], upstream[j1 + offset]
            sections.append((block_label(theirs, j1 + offset + 1), _unified(_dump(mine), _dump(theirs))))
        for i in range(i1 + paired, i2):
            label = f"{block_label(local[i], i + 1)}, only in {LOCAL}"
            sections.append((label, _unified(_dump(local[i]), [])))
        for j in range(j1 + paired, j2):
            label = f"{block_label(upstream[j], j + 1)}, only in the {UPSTREAM}"
            sections.append((label, _unified([], _dump(upstream[j]))))
    return sections


def _unified(mine: list[str], theirs: list[str]) -> str:
    lines = difflib.unified_diff(mine, theirs, n=2, lineterm="")
    return "\n".join(list(lines)[2:])  # without the ---/+++ file header: see LEGEND


class _Dumper(yaml.SafeDumper):
    """YAML with multi-line text as ``|`` blocks, so a changed line of Markdown is one diff line."""


def _text(dumper, value: str):
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_Dumper.add_representer(str, _text)


def _dump(data) -> list[str]:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100).splitlines()
