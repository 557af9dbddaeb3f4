"""The output cache: finished PDFs by a key made of the course content and the options.

Any object with ``get(key) -> bytes | None`` and ``set(key, data)`` is a cache; the in-memory one
here is the default, and the Wagtail face plugs Django storage in through the same interface.
Keys are safe as file names (slug, document kind and a hex digest).
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from functools import cache
from pathlib import Path
from typing import Protocol, runtime_checkable

from course_content import Course

from .options import PdfOptions

#: Bumped when the cache key's recipe changes, so old entries are never read with a new meaning.
KEY_FORMAT = 1
_PACKAGE_DIR = Path(__file__).resolve().parent


@runtime_checkable
class PdfCache(Protocol):
    """Where finished PDFs are kept. Implementations must be safe to call from several threads."""

    def get(self, key: str) -> bytes | None: ...

    def set(self, key: str, data: bytes) -> None: ...


class MemoryPdfCache:
    """A process-local cache that forgets the least recently used PDFs beyond ``max_bytes``."""

    def __init__(self, max_bytes: int = 64 * 1024 * 1024):
        self.max_bytes = max_bytes
        self._items: OrderedDict[str, bytes] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        with self._lock:
            data = self._items.get(key)
            if data is not None:
                self._items.move_to_end(key)
            return data

    def set(self, key: str, data: bytes) -> None:
        if len(data) > self.max_bytes:
            return
        with self._lock:
            old = self._items.pop(key, None)
            self._size -= len(old) if old is not None else 0
            self._items[key] = data
            self._size += len(data)
            while self._size > self.max_bytes:
                _, evicted = self._items.popitem(last=False)
                self._size -= len(evicted)

    def __len__(self) -> int:
        return len(self._items)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._size = 0


@cache
def default_cache() -> MemoryPdfCache:
    """The process's in-memory cache, made on first use."""
    return MemoryPdfCache()


def pdf_cache_key(course: Course, options: PdfOptions) -> str:
    """The cache key of the PDF ``options`` select for ``course``.

    It changes when the course content, the options that matter for the document, the branding,
    or the renderer (templates, stylesheets, fonts, WeasyPrint version) change.
    """
    content = course.content_hash or hashlib.sha256(course.model_dump_json().encode()).hexdigest()
    return cache_key(course.slug, content, options)


def cache_key(slug: str, content: str, options: PdfOptions) -> str:
    """The cache key for a course identified by ``slug`` whose content has the digest ``content``.

    For callers that know a cheaper digest of the content than the loaded course (the Wagtail face
    uses the course's published state).
    """
    recipe = {
        "format": KEY_FORMAT,
        "renderer": renderer_fingerprint(),
        "course": slug,
        "content": content,
        **options.cache_fields(),
    }
    digest = hashlib.sha256(json.dumps(recipe, sort_keys=True).encode()).hexdigest()
    return f"{slug}-{options.document}-{digest[:40]}"


@cache
def renderer_fingerprint() -> str:
    """A digest of everything besides the content that shapes a PDF: templates, CSS, fonts, WeasyPrint."""
    from importlib.metadata import PackageNotFoundError, version

    digest = hashlib.sha256()
    try:
        digest.update(version("weasyprint").encode())
    except PackageNotFoundError:  # pragma: no cover - the pdf extra is what runs this
        digest.update(b"weasyprint?")
    for folder in ("templates", "css"):
        for file in sorted((_PACKAGE_DIR / folder).rglob("*")):
            if file.is_file():
                digest.update(file.relative_to(_PACKAGE_DIR).as_posix().encode() + b"\0" + file.read_bytes() + b"\0")
    for file in sorted((_PACKAGE_DIR / "fonts").glob("*.ttf")):
        digest.update(f"{file.name}:{file.stat().st_size}".encode())
    for module in sorted(_PACKAGE_DIR.glob("*.py")):  # the code that builds the HTML and calls WeasyPrint
        digest.update(module.name.encode() + b"\0" + module.read_bytes() + b"\0")
    return digest.hexdigest()
