"""The course image of an OLX archive: a plain PNG banner in colours derived from the course.

Open edX shows the course image on the course card and the about page, and Studio's import
expects the file named by ``course_image`` in ``static/``. We draw our own so the archive has no
third-party artwork to license: bands of one hue picked from the course slug (so each course
keeps its colour between releases), in pure Python (zlib), with no imaging library.
"""

from __future__ import annotations

import colorsys
import hashlib
import struct
import zlib

#: Open edX's recommended course image size (the course card crops to this ratio).
WIDTH, HEIGHT = 660, 375
FILE_NAME = "course_image.png"


def course_colours(slug: str) -> tuple[tuple[int, int, int], tuple[int, int, int], tuple[int, int, int]]:
    """Dark, middle and light shades of the hue chosen by ``slug`` (stable: a digest, not ``hash()``)."""
    hue = int.from_bytes(hashlib.sha256(slug.encode()).digest()[:2], "big") / 65536
    return tuple(  # type: ignore[return-value]
        tuple(round(channel * 255) for channel in colorsys.hls_to_rgb(hue, lightness, 0.45))
        for lightness in (0.28, 0.45, 0.86)
    )


def course_image_png(slug: str) -> bytes:
    """A ``WIDTH`` × ``HEIGHT`` PNG: a dark field, a light band across the lower third, a middle stripe."""
    dark, middle, light = course_colours(slug)
    rows = []
    for y in range(HEIGHT):
        if HEIGHT * 0.62 <= y < HEIGHT * 0.80:
            colour = light
        elif HEIGHT * 0.80 <= y < HEIGHT * 0.84:
            colour = middle
        else:
            colour = dark
        rows.append(b"\x00" + bytes(colour) * WIDTH)  # filter type 0 (none) per scanline
    header = struct.pack(">IIBBBBB", WIDTH, HEIGHT, 8, 2, 0, 0, 0)  # 8-bit RGB, no interlace
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + _chunk(b"IEND", b"")


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
