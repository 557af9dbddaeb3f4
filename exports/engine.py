"""HTML → PDF with WeasyPrint, reusing the expensive parts across renders.

A ``FontConfiguration`` and the compiled stylesheets are made once per process, on first use:
building them is a large part of a cold render and they do not change between documents.
Renders are serialised by a lock because Pango's font map is not safe to share between threads
(and layout is CPU-bound Python, so threads would not run it in parallel anyway).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher
from weasyprint.text.fonts import FontConfiguration

from .fonts import FONTS_DIR, font_face_css, font_family_css

PACKAGE_DIR = Path(__file__).resolve().parent
CSS_DIR = PACKAGE_DIR / "css"
#: Tagged PDF for assistive technology; WeasyPrint writes one variant at a time.
PDF_VARIANT = "pdf/ua-1"

_render_lock = threading.Lock()


class ExternalResourceError(ValueError):
    """A document referred to a resource outside the course and the package (e.g. a web URL)."""


@cache
def font_config() -> FontConfiguration:
    """The process's one FontConfiguration (the bundled fonts are registered in it)."""
    return FontConfiguration()


@cache
def stylesheet(name: str) -> CSS:
    """A stylesheet from ``exports/css/``, compiled once per process.

    ``fonts`` is generated: the ``@font-face`` rules and the family stack of the bundled fonts.
    """
    if name == "fonts":
        text = font_face_css() + f":root {{ font-family: {font_family_css()}; }}\n"
        return CSS(string=text, font_config=font_config(), url_fetcher=_fetcher_for((FONTS_DIR,)))
    path = CSS_DIR / f"{name}.css"
    if not path.is_file():
        raise FileNotFoundError(f"no stylesheet {path}: the document kind names a CSS file that does not exist")
    return CSS(filename=str(path), font_config=font_config(), url_fetcher=_fetcher_for((CSS_DIR,)))


def compile_css(text: str) -> CSS:
    """Compile a small generated stylesheet (branding) against the shared font configuration."""
    return CSS(string=text, font_config=font_config(), url_fetcher=_fetcher_for(()))


def reset() -> None:
    """Forget the cached FontConfiguration and stylesheets (for benchmarks measuring a cold start)."""
    stylesheet.cache_clear()
    font_config.cache_clear()


def write_pdf(
    html: str,
    *,
    stylesheets: Sequence[str] = ("fonts", "base"),
    extra_css: Iterable[CSS] = (),
    base_url: Path | None = None,
    allowed_dirs: Iterable[Path] = (),
    pdf_forms: bool = False,
) -> bytes:
    """Render ``html`` to a tagged PDF/UA-1 document.

    Relative URLs resolve against ``base_url``; only ``data:`` URLs and files inside
    ``allowed_dirs`` (plus the package's own assets) are loaded, so content can never make the
    renderer fetch from the network or read arbitrary files.
    """
    sheets = [stylesheet(name) for name in stylesheets] + list(extra_css)
    roots = (PACKAGE_DIR, *allowed_dirs)
    document = HTML(
        string=html,
        base_url=(base_url.as_uri() + "/") if base_url else PACKAGE_DIR.as_uri() + "/",
        url_fetcher=_fetcher_for(roots),
    )
    with _render_lock:
        return document.write_pdf(
            stylesheets=sheets,
            font_config=font_config(),
            pdf_variant=PDF_VARIANT,
            pdf_forms=pdf_forms,
            uncompressed_pdf=False,
            optimize_images=True,
        )


class _LocalFetcher(URLFetcher):
    """Loads ``data:`` URLs and files under the allowed folders; refuses everything else."""

    def __init__(self, roots: Iterable[Path]):
        super().__init__(allowed_protocols=("data", "file"))
        self._roots = tuple(Path(root).resolve() for root in roots)

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        if parts.scheme == "file":
            path = Path(unquote(parts.path)).resolve()
            if not any(path.is_relative_to(root) for root in self._roots):
                raise ExternalResourceError(
                    f"refused to load {url}: a PDF may only use files of the course folder and of the package"
                )
        elif parts.scheme != "data":
            raise ExternalResourceError(f"refused to load {url}: a PDF may not load anything from the network")
        return super().fetch(url, headers)


def _fetcher_for(roots: Iterable[Path]) -> URLFetcher:
    return _LocalFetcher(roots)
