"""HTML → PDF with WeasyPrint, reusing the expensive parts across renders.

A ``FontConfiguration`` and the compiled stylesheets are made once per process, on first use:
they do not change between documents, and rebuilding them (with cold font caches behind them)
makes a small document such as a handout or a vocabulary list up to twice as slow.
Renders are serialised by a lock because Pango's font map is not safe to share between threads
(and layout is CPU-bound Python, so threads would not run it in parallel anyway).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterable, Sequence
from contextlib import contextmanager, nullcontext
from functools import cache, lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from .fonts import FONTS_DIR, font_face_css, font_family_css

PACKAGE_DIR = Path(__file__).resolve().parent
CSS_DIR = PACKAGE_DIR / "css"
#: Tagged PDF for assistive technology; WeasyPrint writes one variant at a time.
PDF_VARIANT = "pdf/ua-1"

_render_lock = threading.Lock()
#: Whether a large render ends with a full garbage collection (:func:`_fewer_gc_passes`).
_collect_after_render = True


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


@lru_cache(maxsize=32)
def compile_css(text: str) -> CSS:
    """Compile a small generated stylesheet (branding), once per distinct text."""
    return CSS(string=text, font_config=font_config(), url_fetcher=_fetcher_for(()))


def warm() -> None:
    """Make the FontConfiguration and every stylesheet now, and lay out one line in each bundled
    font, so that a process forked afterwards (:mod:`.render_process`) starts with them ready."""
    for path in sorted(CSS_DIR.glob("*.css")):
        stylesheet(path.stem)
    stylesheet("fonts")
    write_pdf('<p>Å <b>b</b> <i>i</i> <b><i>bi</i></b> <span lang="ar">عربي</span> <span lang="ti">ትግርኛ</span> ☐ ∑</p>')


def leave_garbage_to_exit() -> None:
    """For a process that exits after one render (:mod:`.render_process`): skip the full garbage
    collection that ends a large render (0.8 s of a 160-page booklet); the memory goes back to the
    system when the process exits."""
    global _collect_after_render
    _collect_after_render = False


def reset() -> None:
    """Forget the cached FontConfiguration and stylesheets (for benchmarks measuring a cold start)."""
    compile_css.cache_clear()
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
    finisher: Callable | None = None,
) -> bytes:
    """Render ``html`` to a tagged PDF/UA-1 document.

    Relative URLs resolve against ``base_url``; only ``data:`` URLs and files inside
    ``allowed_dirs`` (plus the package's own assets) are loaded, so content can never make the
    renderer fetch from the network or read arbitrary files. ``finisher(document, pdf)`` may
    amend the PDF objects before they are written (fillable forms complete their fields there); it
    runs after the tag tree is completed for PDF/UA (:mod:`exports.tagging`).
    """
    sheets = [stylesheet(name) for name in stylesheets] + list(extra_css)
    roots = (PACKAGE_DIR, *allowed_dirs)
    document = HTML(
        string=html,
        base_url=(base_url.as_uri() + "/") if base_url else PACKAGE_DIR.as_uri() + "/",
        url_fetcher=_fetcher_for(roots),
    )
    # Below this size the full collection afterwards costs more than the passes it saves.
    gc_tuning = _fewer_gc_passes() if len(html) > 200_000 else nullcontext()
    with _render_lock, gc_tuning:
        return document.write_pdf(
            stylesheets=sheets,
            font_config=font_config(),
            pdf_variant=PDF_VARIANT,
            pdf_forms=pdf_forms,
            finisher=_finish_tags_then(finisher),
            uncompressed_pdf=False,
            optimize_images=True,
        )


def _finish_tags_then(finisher: Callable | None) -> Callable:
    """Complete the PDF/UA tag tree (:mod:`exports.tagging`), then run the caller's finisher."""
    from .tagging import TagTreeFinisher

    complete_tags = TagTreeFinisher()

    def finish(document, pdf) -> None:
        complete_tags(document, pdf)
        if finisher is not None:
            finisher(document, pdf)

    return finish


@contextmanager
def _fewer_gc_passes(first_generation: int = 50_000):
    """Run the cyclic garbage collector rarely during a render, and once fully after it.

    Layout allocates millions of short-lived objects, so the default threshold (700) makes the
    collector scan the young generation thousands of times per booklet. With a high threshold
    the layout's cyclic garbage reaches the oldest generation instead, so one full collection
    afterwards frees it at once; without that collection peak memory grew from 245 to 448 MB
    over four booklets. Measured CPU time of an 82-page booklet: 8.4 → 7.3 s (collection
    included), peak RSS unchanged. Small documents are left alone: in a process with a large
    heap (a Wagtail server) the full collection would cost more than it saves.
    """
    saved = gc.get_threshold()
    gc.set_threshold(max(first_generation, saved[0]), *saved[1:])
    try:
        yield
    finally:
        gc.set_threshold(*saved)
        if _collect_after_render:
            gc.collect()


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
