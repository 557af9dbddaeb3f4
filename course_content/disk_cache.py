"""Loaded courses kept on disk between processes, for short-lived commands (``ksi-courses``).

Loading a course (parsing YAML, validating every document) takes a few tenths of a second per
course, in every new process. Within one process :func:`course_content.loader.check_course`
keeps what it loaded; inside :func:`kept_in` a command also keeps it in a folder, as a pickle
named by a hash of everything the result depends on: the course files' content hash, the
folder's path as given, the YAML loader, this package's code and data (``*.py``, the picture
library, the releases) and the Python, pydantic and PyYAML versions. A changed file or a new
version gives another name, so an entry is never stale; unreadable entries count as missing.

Only the user's own folder is used (created private, ``~/.cache/ksi-courses`` or
``$KSI_CACHE_DIR``; ``KSI_CACHE_DIR=off`` turns it off), because a pickle runs code when loaded.
Library callers (the Wagtail face, the tests) keep the per-process cache only.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

PACKAGE_DIR = Path(__file__).resolve().parent
#: Entries kept per folder; older ones are removed when a new one is written.
KEEP = 48

_FOLDER: ContextVar[Path | None] = ContextVar("ksi_course_disk_cache", default=None)


def default_folder() -> Path | None:
    """``$KSI_CACHE_DIR``, else ``$XDG_CACHE_HOME/ksi-courses`` (``~/.cache/ksi-courses``); ``None`` if turned off."""
    configured = os.environ.get("KSI_CACHE_DIR", "")
    if configured.lower() in ("off", "0", "no", "false"):
        return None
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "ksi-courses"


@contextmanager
def kept_in(folder: Path | None) -> Iterator[None]:
    """Within the block (in this thread or task), keep loaded courses in ``folder`` (``None``: don't)."""
    token = _FOLDER.set(folder)
    try:
        yield
    finally:
        _FOLDER.reset(token)


def active() -> bool:
    return _FOLDER.get() is not None


@cache
def code_fingerprint() -> str:
    """Hash of what, besides a course's files, decides how it loads (once per process)."""
    digest = hashlib.sha256(sys.version.encode())
    for library in ("pydantic", "pydantic-core", "pyyaml"):
        try:
            digest.update(f"{library}={version(library)}\0".encode())
        except PackageNotFoundError:
            digest.update(f"{library}=-\0".encode())
    files = [p for p in PACKAGE_DIR.rglob("*.py") if "courses" not in p.relative_to(PACKAGE_DIR).parts]
    files += [*(PACKAGE_DIR / "pictures").glob("*.yaml"), *(PACKAGE_DIR / "releases").glob("*")]
    for file in sorted(f for f in files if f.is_file() and "__pycache__" not in f.parts):
        digest.update(file.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()


def remembered(kind: str, parts: tuple, compute: Callable[[], T], keep: Callable[[T], bool] = lambda _: True) -> T:
    """``compute()``, or what it returned before for the same ``kind`` and ``parts`` (outside
    :func:`kept_in`, simply ``compute()``). A result is written only if ``keep(result)``."""
    folder = _FOLDER.get()
    if folder is None:
        return compute()
    key = hashlib.sha256(repr((kind, parts, code_fingerprint())).encode()).hexdigest()
    file = folder / f"{kind}-{key}.pickle"
    try:
        with file.open("rb") as stream:
            return pickle.load(stream)
    except Exception:  # missing, half-written or from other code: load it afresh
        pass
    result = compute()
    if keep(result):
        _write(folder, file, result)
    return result


def _write(folder: Path, file: Path, value) -> None:
    temporary = None
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-")
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, file)  # readers see the whole entry or none
        temporary = None
        entries = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[KEEP:]:
            old.unlink(missing_ok=True)
    except Exception:
        pass  # a cache that cannot be written is no cache: the command still works
    finally:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
