"""What kind of picture a byte string is, from its leading bytes (never from a file name)."""

from __future__ import annotations

# (magic prefix, offset, MIME type). WebP is RIFF....WEBP, checked separately.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"BM", "image/bmp"),
)
SUPPORTED = ("image/png", "image/jpeg", "image/webp", "image/gif", "image/bmp")


def sniff(data: bytes) -> str | None:
    """The MIME type of a PNG/JPEG/WebP/GIF/BMP image, or None for anything else."""
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    for magic, mime in _MAGIC:
        if data.startswith(magic):
            return mime
    return None
