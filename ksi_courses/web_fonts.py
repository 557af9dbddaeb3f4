"""Web fonts for the scripts many phones cannot draw: subsets of the bundled Noto Sans Arabic and
Noto Sans Ethiopic (``exports/fonts``) as WOFF2 in ``ksi_courses/static/ksi_courses/fonts``.

Each subset holds the characters the shipped content writes in that script (vocabulary
translations and the language names of the picker), so a lesson stays small; ``ksi.css`` loads a
subset through ``@font-face`` with a ``unicode-range``, so a browser downloads it only for a page
that shows that script. Remake the subsets after the content changes::

    .venv/bin/python scripts/make_web_fonts

Pure Python (fontTools, brotli for WOFF2): no Django import.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from course_content.base import LANGUAGES

FONTS_DIR = Path(__file__).resolve().parent.parent / "exports" / "fonts"
STATIC_FONTS_DIR = Path(__file__).resolve().parent / "static" / "ksi_courses" / "fonts"

#: Joiners: Dari writes the zero-width non-joiner inside words; the font must shape across it.
_JOINERS = "\u200c\u200d"


@dataclass(frozen=True)
class WebFace:
    """One web font: the bundled source file, the languages it serves and its Unicode ranges."""

    source: str
    output: str
    languages: tuple[str, ...]
    ranges: tuple[tuple[int, int], ...]

    def covers(self, char: str) -> bool:
        return any(low <= ord(char) <= high for low, high in self.ranges)

    @property
    def unicode_range(self) -> str:
        """The ranges as a CSS ``unicode-range`` value."""
        return ", ".join(f"U+{low:04X}-{high:04X}" if low != high else f"U+{low:04X}" for low, high in self.ranges)


FACES = (
    WebFace(
        source="NotoSansArabic-Regular.ttf",
        output="ksi-arabic.woff2",
        languages=("ar", "prs"),
        ranges=((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0x200C, 0x200D), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)),
    ),
    WebFace(
        source="NotoSansEthiopic-Regular.ttf",
        output="ksi-ethiopic.woff2",
        languages=("ti",),
        ranges=((0x1200, 0x139F), (0x2D80, 0x2DDF), (0xAB00, 0xAB2F)),
    ),
)


def content_texts(language: str, courses=None) -> list[str]:
    """Every text the participant pages show in ``language``: the vocabulary translations of the
    shipped courses (``courses``: default all of them) and the language's own name."""
    if courses is None:
        from course_content.loader import shipped_courses

        courses = shipped_courses().values()
    texts = [LANGUAGES[language]["name"]]
    for course in courses:
        for lesson in course.lessons.values():
            texts.extend(getattr(entry.translations, language) for entry in lesson.vocabulary)
    return texts


def needed_characters(face: WebFace, courses=None) -> set[str]:
    """The characters of ``face``'s script (and the joiners) that the content uses."""
    courses = list(courses) if courses is not None else None
    chars = set()
    for language in face.languages:
        for text in content_texts(language, courses):
            chars.update(char for char in text if face.covers(char))
    return chars


def subset_characters(path: Path) -> set[str]:
    """The characters a font file maps (its cmap)."""
    from fontTools.ttLib import TTFont

    with TTFont(path) as font:
        return {chr(code) for code in font.getBestCmap()}


def make_subset(face: WebFace, courses=None, target_dir: Path = STATIC_FONTS_DIR) -> Path:
    """Write the WOFF2 subset of ``face`` for the content's characters; returns its path."""
    from fontTools import subset

    chars = needed_characters(face, courses) | {char for char in _JOINERS if face.covers(char)}
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]  # Arabic joining forms and ligatures, Ethiopic marks
    options.name_IDs = ["*"]  # keep the copyright and licence records (OFL)
    options.notdef_outline = True
    options.hinting = False
    font = subset.load_font(str(FONTS_DIR / face.source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(char) for char in chars))
    subsetter.subset(font)
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / face.output
    subset.save_font(font, str(target), options)
    return target
