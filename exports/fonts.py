"""The fonts bundled in ``exports/fonts/`` and the ``@font-face`` rules that load them.

Every family name carries a ``KSI`` prefix: WeasyPrint then uses exactly these files (and names
the embedded fonts after them, which the tests check), never a host font of the same name.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

FONTS_DIR = Path(__file__).resolve().parent / "fonts"

#: Families in fallback order: Latin/Cyrillic first, then the scripts and symbols the text needs.
FAMILY_STACK = (
    "KSI Noto Sans",
    "KSI Noto Sans Arabic",
    "KSI Noto Sans Ethiopic",
    "KSI Noto Sans Symbols 2",
    "KSI Noto Sans Math",
)
EMBEDDED_NAME_PREFIX = "KSI-Noto"


@dataclass(frozen=True)
class BundledFont:
    family: str
    file: str
    weight: int = 400
    style: str = "normal"

    @property
    def path(self) -> Path:
        return FONTS_DIR / self.file


#: The font of fillable form fields: a viewer draws what someone types with the one font a field's
#: ``/DA`` names, so that font must cover every script a participant may write in.
FORM_FONT = BundledFont("KSI Noto Sans Forms", "NotoSansForms-Regular.ttf")
#: What the form font covers: Latin (Norwegian, English, Somali), Cyrillic (Ukrainian, Russian),
#: Arabic script (Arabic, Dari) and Ethiopic (Tigrinya), with punctuation and currency signs.
FORM_FONT_RANGES = (
    (0x0020, 0x024F), (0x0300, 0x036F), (0x0400, 0x052F),
    (0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF),
    (0x1200, 0x139F), (0x2D80, 0x2DDF), (0xAB00, 0xAB2F),
    (0x2000, 0x206F), (0x20A0, 0x20CF),
)  # fmt: skip

BUNDLED_FONTS: tuple[BundledFont, ...] = (
    BundledFont("KSI Noto Sans", "NotoSans-Regular.ttf"),
    BundledFont("KSI Noto Sans", "NotoSans-Bold.ttf", 700),
    BundledFont("KSI Noto Sans", "NotoSans-Italic.ttf", 400, "italic"),
    BundledFont("KSI Noto Sans", "NotoSans-BoldItalic.ttf", 700, "italic"),
    BundledFont("KSI Noto Sans Arabic", "NotoSansArabic-Regular.ttf"),
    BundledFont("KSI Noto Sans Arabic", "NotoSansArabic-Bold.ttf", 700),
    BundledFont("KSI Noto Sans Ethiopic", "NotoSansEthiopic-Regular.ttf"),
    BundledFont("KSI Noto Sans Ethiopic", "NotoSansEthiopic-Bold.ttf", 700),
    BundledFont("KSI Noto Sans Symbols 2", "NotoSansSymbols2-Regular.ttf"),
    # Arrows and relations (→ ⇒ ≤ ≥ ≈) that course text uses and Noto Sans lacks.
    BundledFont("KSI Noto Sans Math", "NotoSansMath-Regular.ttf"),
    FORM_FONT,
)


def font_face_css() -> str:
    """``@font-face`` rules for every bundled font, with absolute ``file:`` URLs."""
    rules = []
    for font in BUNDLED_FONTS:
        if not font.path.is_file():
            raise FileNotFoundError(
                f"bundled font {font.path} is missing: reinstall ksi-courses (the wheel ships exports/fonts/*.ttf)"
            )
        rules.append(
            f'@font-face {{ font-family: "{font.family}"; src: url("{font.path.as_uri()}");'
            f" font-weight: {font.weight}; font-style: {font.style}; }}"
        )
    return "\n".join(rules) + "\n"


def font_family_css() -> str:
    """The ``font-family`` value that lists the bundled families in fallback order."""
    return ", ".join(f'"{family}"' for family in FAMILY_STACK)


@cache
def _coverage() -> frozenset[int]:
    from fontTools.ttLib import TTFont  # a WeasyPrint dependency; only needed for this check

    covered: set[int] = set()
    for font in BUNDLED_FONTS:
        with TTFont(font.path, lazy=True) as ttf:
            covered.update(ttf.getBestCmap())
    return frozenset(covered)


def missing_characters(text: str) -> set[str]:
    """Characters of ``text`` that no bundled font can draw (whitespace and controls ignored).

    Such characters would fall back to a host font, or print as empty boxes on a host without one.
    """
    covered = _coverage()
    return {ch for ch in set(text) if ord(ch) >= 0x20 and not ch.isspace() and ord(ch) not in covered}
_FORM_FONT_SOURCES = ("NotoSans-Regular.ttf", "NotoSansArabic-Regular.ttf", "NotoSansEthiopic-Regular.ttf")


def make_form_font(target: Path | None = None) -> Path:
    """Merge Noto Sans, Noto Sans Arabic and Noto Sans Ethiopic into :data:`FORM_FONT` (≈ 25 s).

    Run by ``scripts/make_form_font``; the result is shipped, not made at render time.
    """
    from fontTools import subset
    from fontTools.merge import Merger, Options

    target = target or FORM_FONT.path
    merged = Merger(options=Options(drop_tables=["vhea", "vmtx"])).merge(
        [str(FONTS_DIR / name) for name in _FORM_FONT_SOURCES]
    )
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[code for low, high in FORM_FONT_RANGES for code in range(low, high + 1)])
    subsetter.subset(merged)
    names = merged["name"]
    for record in list(names.names):
        if record.nameID in (1, 4, 16):
            names.setName(FORM_FONT.family, record.nameID, record.platformID, record.platEncID, record.langID)
        elif record.nameID == 6:
            names.setName("KSINotoSansForms-Regular", 6, record.platformID, record.platEncID, record.langID)
    merged.save(target)
    return target
