"""Draws the toolbar icons (a closed box: body plus lid) as PNGs with the standard library only.

Run once after changing the drawing: python extension/icons/make_icons.py
"""
import struct
import zlib
from pathlib import Path

TEAL, WHITE, CLEAR = (16, 110, 120, 255), (255, 255, 255, 255), (0, 0, 0, 0)


def pixel(x: float, y: float) -> tuple:
    """Colour at a point of the unit square: a lid over a box, on a transparent ground."""
    if 0.12 <= x <= 0.88 and 0.18 <= y <= 0.34:
        return WHITE if 0.16 <= x <= 0.84 and 0.22 <= y <= 0.30 else TEAL
    if 0.18 <= x <= 0.82 and 0.38 <= y <= 0.86:
        return TEAL
    return CLEAR


def png(size: int) -> bytes:
    rows = b"".join(
        b"\x00" + b"".join(bytes(pixel((x + 0.5) / size, (y + 0.5) / size)) for x in range(size))
        for y in range(size))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


if __name__ == "__main__":
    here = Path(__file__).parent
    for size in (16, 32, 48, 128):
        (here / f"icon{size}.png").write_bytes(png(size))
