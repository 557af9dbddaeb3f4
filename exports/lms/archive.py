"""Write a package's files (path → bytes) to a folder or a reproducible zip file."""

from __future__ import annotations

import zipfile
from pathlib import Path

#: Fixed timestamp for every zip member, so equal content gives equal bytes.
ZIP_TIME = (2000, 1, 1, 0, 0, 0)


def write_zip(files: dict[str, bytes], output: Path) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name])


def write_folder(files: dict[str, bytes], output: Path) -> None:
    if output.exists() and not output.is_dir():
        raise ValueError(f"{output} is a file: give a folder, or a name ending in .zip")
    for name, data in files.items():
        target = output / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def write_output(files: dict[str, bytes], output: Path) -> None:
    """A ``.zip`` name gets a zip file, anything else a folder."""
    if output.suffix.lower() == ".zip":
        write_zip(files, output)
    else:
        write_folder(files, output)
