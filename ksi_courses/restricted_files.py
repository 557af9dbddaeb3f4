"""Where restricted files are kept: a storage the web server never serves.

The teacher edition of a course holds every teacher note and quiz answer. Under ``MEDIA_ROOT``
anyone who learns its name could download it, so it is kept apart and reaches a user only through
the permission-checked view. ``STORAGES["ksi_restricted"]`` picks any storage (for example a
private bucket through django-storages); without it, files go to the folder ``KSI_RESTRICTED_ROOT``
(default: the folder ``ksi-restricted`` beside ``MEDIA_ROOT``, never inside it).
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import FileSystemStorage, Storage, storages

STORAGE_ALIAS = "ksi_restricted"
DEFAULT_FOLDER = "ksi-restricted"


class RestrictedFileSystemStorage(FileSystemStorage):
    """A folder of files that have no public URL."""

    def url(self, name):
        raise ValueError(f"'{name}' is a restricted file: it has no public URL; serve it through a permission-checked view")


def restricted_storage() -> Storage:
    """The storage for restricted files (see the module docstring for how it is chosen)."""
    if STORAGE_ALIAS in settings.STORAGES:
        return storages[STORAGE_ALIAS]
    return RestrictedFileSystemStorage(location=restricted_root())


def restricted_root() -> Path:
    """The folder of restricted files; refuses a folder the web server may serve."""
    media_root = Path(settings.MEDIA_ROOT).resolve() if settings.MEDIA_ROOT else None
    configured = getattr(settings, "KSI_RESTRICTED_ROOT", None)
    if configured:
        root = Path(configured).resolve()
    elif media_root is not None:
        root = media_root.parent / DEFAULT_FOLDER
    else:
        raise ImproperlyConfigured(
            "KSI_RESTRICTED_ROOT is not set and MEDIA_ROOT is empty: set KSI_RESTRICTED_ROOT to a folder "
            "the web server does not serve, or define STORAGES['ksi_restricted'] (teacher editions are kept there)"
        )
    for name in ("MEDIA_ROOT", "STATIC_ROOT"):
        served = getattr(settings, name, None)
        if served and (root == Path(served).resolve() or Path(served).resolve() in root.parents):
            raise ImproperlyConfigured(
                f"KSI_RESTRICTED_ROOT ({root}) is inside {name} ({Path(served).resolve()}), which is served to "
                f"everyone: choose a folder outside {name}"
            )
    return root


def check_restricted_storage(app_configs=None, **kwargs):
    """System check: the restricted storage can be made, and is shared when the default storage is."""
    from django.core import checks

    if STORAGE_ALIAS in settings.STORAGES:
        return []
    try:
        restricted_root()
    except ImproperlyConfigured as exc:
        return [checks.Error(str(exc), id="ksi_courses.E001")]
    if not isinstance(storages["default"], FileSystemStorage):
        return [
            checks.Warning(
                "teacher editions are kept on this server's disk (KSI_RESTRICTED_ROOT) while other files are "
                "in a shared storage: with several app servers, define STORAGES['ksi_restricted'] too "
                "(for example a private bucket)",
                id="ksi_courses.W001",
            )
        ]
    return []
