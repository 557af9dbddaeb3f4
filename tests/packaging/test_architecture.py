"""The package's shape (../shared/DESIGN.md): data flows one way, from ``course_content`` to the
faces; no face imports another (except ``ksi_courses`` calling ``exports`` for PDFs); and no two
modules import each other at module level."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("course_content", "ksi_courses", "exports", "xblocks")
#: What each top-level package may import from the others.
ALLOWED = {
    "course_content": set(),
    "exports": {"course_content"},
    "xblocks": {"course_content"},
    "ksi_courses": {"course_content", "exports"},
}


def modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
            found[name] = path
    return found


def imported(name: str, path: Path, *, module_level: bool) -> set[str]:
    """Dotted names ``path`` imports (with the imported names appended, so submodules count).

    Imports under ``if TYPE_CHECKING:`` are left out: they never run.
    """
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if module_level else list(ast.walk(tree))
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING"):
            typing_only = {id(inner) for statement in node.body for inner in ast.walk(statement)}
            nodes = [candidate for candidate in nodes if id(candidate) not in typing_only]
    names = set()
    for node in nodes:
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            names |= {target, *(f"{target}.{alias.name}" for alias in node.names)}
        elif isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
    return names


@pytest.mark.parametrize("package", PACKAGES)
def test_a_face_imports_only_what_the_design_allows(package):
    wrong = sorted(
        f"{name} imports {target}"
        for name, path in modules().items()
        if name.split(".")[0] == package
        for target in imported(name, path, module_level=False)
        if target.split(".")[0] in set(PACKAGES) - {package} - ALLOWED[package]
    )
    assert wrong == []


def test_no_two_modules_import_each_other_at_module_level():
    found = modules()
    graph = {
        name: {target for target in imported(name, path, module_level=True) if target in found and target != name}
        for name, path in found.items()
    }
    cycles = []
    for start in graph:
        stack, seen = [(start, [start])], set()
        while stack:
            node, trail = stack.pop()
            for nxt in graph[node]:
                if nxt == start:
                    cycles.append(" → ".join([*trail, start]))
                elif nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, [*trail, nxt]))
    assert sorted(set(cycles)) == []


#: The page models and the modules that serve their files. The pages' routes call these modules,
#: so none of them may lead back to the page models, not even through an import inside a function.
PAGE_FILE_MODULES = [
    f"ksi_courses.{name}"
    for name in ("models", "form_pages", "pdf_views", "documents", "pdfs", "content_export", "tasks", "pdf_builds")
]


def test_page_models_and_their_file_modules_form_no_cycle_even_inside_functions():
    found = modules()
    graph = {
        name: {target for target in imported(name, path, module_level=False) if target in found and target != name}
        for name, path in found.items()
    }

    def path_between(start: str, goal: str) -> list[str] | None:
        came_from, stack = {start: start}, [start]
        while stack:
            node = stack.pop()
            if node == goal:
                trail = [node]
                while trail[-1] != start:
                    trail.append(came_from[trail[-1]])
                return trail[::-1]
            for nxt in graph[node] - came_from.keys():
                came_from[nxt] = node
                stack.append(nxt)
        return None

    cycles = []
    for first, second in ((a, b) for a in PAGE_FILE_MODULES for b in PAGE_FILE_MODULES if a < b):
        there, back = path_between(first, second), path_between(second, first)
        if there and back:
            cycles.append(" → ".join([*there, *back[1:]]))
    assert cycles == []
