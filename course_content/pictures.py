"""The picture library: pictograms and own drawings that lessons name by id.

The library is ``pictures/library.yaml`` beside this module plus the SVG files it lists
(``pictures/twemoji/`` and ``pictures/own/``; see ``pictures/LICENSE.md``). A vocabulary entry
or an image block says ``picture: botte``; every face resolves the id here, so a picture looks
the same on the web, in print and in Open edX. Pure: no Django.

:func:`library` loads and checks the library once per process. A broken entry is reported (with
file, line and field, like every content error) and left out; the others stay usable.
"""

from __future__ import annotations

import base64
import difflib
import html
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Annotated

from markupsafe import Markup
from pydantic import Field, StringConstraints

from .base import ContentModel, Id, NonEmptyStr
from .errors import ContentProblem
from .validation import validate_document
from .yaml_source import read_yaml

PICTURES_DIR = Path(__file__).resolve().parent / "pictures"
LIBRARY_FILE_NAME = "library.yaml"
FOLDERS = {"twemoji": "twemoji/", "own": "own/"}

#: Display names of the licences pictures may carry (SPDX ids in ``library.yaml``).
LICENCE_NAMES = {"CC-BY-4.0": "CC BY 4.0"}


def _library_ids(schema: dict) -> None:
    """List the library's ids in the JSON Schema, so editors complete and check them. Called only
    when the schema is made: importing the content model does not load the library."""
    schema["enum"] = sorted(library().pictures)


PictureId = Annotated[
    Id,
    Field(
        description="Id of a picture in the picture library (course_content/pictures/library.yaml), e.g. botte",
        json_schema_extra=_library_ids,
    ),
]
Source = Annotated[
    str,
    StringConstraints(pattern=r"^(twemoji [0-9a-f]{2,6}(-[0-9a-f]{2,6})*|own)$"),
    Field(description="'twemoji <codepoint>' for a Twemoji pictogram, or 'own' for a drawing made for ksi-courses"),
]

_SVG_ROOT = re.compile(r"<svg\b([^>]*)>", re.IGNORECASE)
_PROLOG = re.compile(r"^\s*(<\?xml[^>]*\?>\s*|<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*", re.DOTALL | re.IGNORECASE)
# Inlined twice on one page, ids would clash; style and script would need a weaker
# Content-Security-Policy. Presentation attributes (fill="#…") draw the same without them.
_FORBIDDEN = (
    (
        re.compile(r"\sid\s*=", re.IGNORECASE),
        "has an id attribute (it would clash when a page shows the picture twice)",
    ),
    (re.compile(r"<style\b|\sstyle\s*=", re.IGNORECASE), 'uses style (use presentation attributes such as fill="#…")'),
    (re.compile(r"<script\b|\son[a-z]+\s*=", re.IGNORECASE), "contains script"),
    (re.compile(r"<image\b|href\s*=\s*[\"'](?!#)", re.IGNORECASE), "links to another file (a picture is one SVG file)"),
)


class Picture(ContentModel):
    """One picture of the library."""

    id: Id
    file: NonEmptyStr = Field(description="SVG file relative to the library folder, e.g. twemoji/1faa3.svg")
    alt: NonEmptyStr = Field(description="What the picture shows, in plain Norwegian")
    source: Source
    licence: NonEmptyStr = Field(description="SPDX licence id, e.g. CC-BY-4.0")
    attribution: NonEmptyStr = Field(description="Who made it, as the licence asks to credit")

    @property
    def credit(self) -> str:
        """Attribution and licence in one line, as shown under a picture."""
        return f"{self.attribution}, {LICENCE_NAMES.get(self.licence, self.licence)}"


class LibraryFile(ContentModel):
    """``library.yaml``: the list of pictures."""

    pictures: list[Picture] = Field(min_length=1)


@dataclass(frozen=True)
class PictureLibrary:
    """The pictures that loaded, their SVG text, and every problem found while loading."""

    root: Path
    pictures: dict[str, Picture] = field(default_factory=dict)
    svgs: dict[str, str] = field(default_factory=dict)
    problems: tuple[ContentProblem, ...] = ()

    def get(self, picture_id: str | None) -> Picture | None:
        return self.pictures.get(picture_id) if picture_id else None

    def path(self, picture_id: str) -> Path:
        return self.root / self.pictures[picture_id].file

    def unknown_message(self, picture_id: str) -> str:
        """Why ``picture_id`` is not usable, with the nearest ids as a hint."""
        close = difflib.get_close_matches(picture_id, self.pictures, n=3, cutoff=0.6)
        hint = f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        return (
            f"unknown picture '{picture_id}': not in the picture library (course_content/pictures/{LIBRARY_FILE_NAME})."
            f"{hint} The README's section 'Pictures' says how to add one."
        )

    def inline_svg(self, picture_id: str, alt: str = "", css_class: str = "ksi-picture") -> str:
        """The picture as inline ``<svg>`` markup: decorative (hidden from screen readers) when
        ``alt`` is empty, else an image named by ``alt``. ``""`` for an unknown id."""
        svg = self.svgs.get(picture_id)
        if svg is None:
            return ""
        if alt:
            extra = f' class="{html.escape(css_class)}" role="img" aria-label="{html.escape(alt)}"'
        else:
            extra = f' class="{html.escape(css_class)}" aria-hidden="true" focusable="false"'
        body = _PROLOG.sub("", svg, count=1)
        return _SVG_ROOT.sub(lambda m: f"<svg{m.group(1)}{extra}>", body, count=1).strip()

    def inline_svg_markup(self, picture_id: str, alt: str = "", css_class: str = "ksi-picture") -> Markup:
        """:meth:`inline_svg` marked safe for Jinja templates: the ``picture_svg`` of the participant
        templates of the XBlock and the LMS packages."""
        return Markup(self.inline_svg(picture_id, alt, css_class))

    def credits(self, picture_ids) -> str:
        """The credit lines of the pictures ``picture_ids`` names, each once, in order ("" for none)."""
        lines = [self.pictures[pid].credit for pid in picture_ids if pid in self.pictures]
        return "; ".join(dict.fromkeys(lines))

    def data_url(self, picture_id: str) -> str:
        """The picture as a ``data:`` URL (for faces that cannot serve files); ``""`` if unknown."""
        svg = self.svgs.get(picture_id)
        if svg is None:
            return ""
        return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def load_library(root: str | Path = PICTURES_DIR) -> PictureLibrary:
    """Load and check the library in ``root`` (its ``library.yaml`` and SVG files)."""
    root = Path(root)
    file = root / LIBRARY_FILE_NAME
    problems: list[ContentProblem] = []
    if not file.is_file():
        return PictureLibrary(root, problems=(ContentProblem(file, None, None, "the picture library file is missing"),))
    doc = read_yaml(file)
    parsed = validate_document(LibraryFile, doc, problems)
    entries = list(enumerate(parsed.pictures)) if parsed is not None else _valid_entries(doc)
    pictures: dict[str, Picture] = {}
    svgs: dict[str, str] = {}
    for index, picture in entries:

        def fail(name: str, message: str, index=index) -> None:
            problems.append(
                ContentProblem(file, doc.line_of(("pictures", index, name)), f"pictures[{index}].{name}", message)
            )

        if picture.id in pictures:
            fail("id", f"duplicate picture id '{picture.id}'")
            continue
        svg = _check_file(root, picture, fail)
        if svg is not None:
            pictures[picture.id] = picture
            svgs[picture.id] = svg
    problems.extend(_unlisted_files(root, {picture.file for _, picture in entries}))
    return PictureLibrary(root, pictures, svgs, tuple(problems))


@cache
def library() -> PictureLibrary:
    """The shipped picture library, loaded and checked once per process."""
    return load_library(PICTURES_DIR)


def known_picture(picture_id: str) -> str:
    """``picture_id`` if the shipped library has it; else ``ValueError`` naming the nearest ids."""
    pictures = library()
    if pictures.get(picture_id) is None:
        raise ValueError(pictures.unknown_message(picture_id))
    return picture_id


def _valid_entries(doc) -> list[tuple[int, Picture]]:
    """The entries that validate on their own (the file as a whole did not; its errors are reported)."""
    data = doc.data if isinstance(doc.data, dict) else {}
    items = data.get("pictures") if isinstance(data.get("pictures"), list) else []
    valid = []
    for index, item in enumerate(items):
        try:
            valid.append((index, Picture.model_validate(item)))
        except ValueError:  # pydantic's ValidationError; reported by the whole-file check
            continue
    return valid


def _check_file(root: Path, picture: Picture, fail) -> str | None:
    """The SVG text of ``picture`` if its file is where and what it should be; else report why."""
    relative = PurePosixPath(picture.file)
    if relative.is_absolute() or ".." in relative.parts:
        fail("file", f"'{picture.file}' must be a path inside the library folder, e.g. twemoji/1faa3.svg")
        return None
    if relative.suffix.lower() != ".svg":
        fail("file", f"'{picture.file}' is not an SVG file; the library holds SVG drawings only")
        return None
    kind = picture.source.split(" ", 1)[0]
    if kind == "twemoji":
        expected = f"twemoji/{picture.source.split(' ', 1)[1]}.svg"
        if picture.file != expected:
            fail(
                "file",
                f"a Twemoji picture keeps the package's file name: expected '{expected}' for source '{picture.source}'",
            )
            return None
    elif not picture.file.startswith(FOLDERS[kind]):
        fail("file", f"an own drawing lives in {FOLDERS[kind]} (got '{picture.file}')")
        return None
    path = root / relative
    if not path.is_file():
        fail("file", f"file '{picture.file}' not found in {root}")
        return None
    try:
        svg = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        fail("file", f"cannot read '{picture.file}': {exc}")
        return None
    root_tag = _SVG_ROOT.search(svg)
    if root_tag is None or "viewbox" not in root_tag.group(1).lower():
        fail("file", f"'{picture.file}' is not an SVG with a viewBox (needed to scale the picture)")
        return None
    for pattern, message in _FORBIDDEN:
        if pattern.search(svg):
            fail("file", f"'{picture.file}' {message}")
            return None
    return svg


def _unlisted_files(root: Path, listed: set[str]) -> list[ContentProblem]:
    """SVG files in the library's folders that no entry names (forgotten, or a typo in ``file``)."""
    problems = []
    for folder in FOLDERS.values():
        for path in sorted((root / folder).glob("*.svg")):
            relative = path.relative_to(root).as_posix()
            if relative not in listed:
                problems.append(
                    ContentProblem(
                        path,
                        None,
                        None,
                        f"not in {LIBRARY_FILE_NAME}: add an entry for it or remove the file",
                        "warning",
                    )
                )
    return problems
