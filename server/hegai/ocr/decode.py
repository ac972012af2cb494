"""Bytes → pixels, safely: the type checked by content, the size checked before decoding."""

from __future__ import annotations

import io
import warnings


from .imagetype import sniff

MAX_PIXELS = 40_000_000   # a 40 MP photo is fine; a decompression bomb is not


class BadImage(ValueError):
    """Not a picture we read (wrong type, corrupt, too many pixels). ``code`` is for the API."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


def to_bgr(data: bytes) -> np.ndarray:
    """Decode PNG/JPEG/WebP/GIF(first frame)/BMP into a BGR array, upright per its EXIF tag
    (as browsers show it, so boxes match what the page displays)."""
    from PIL import Image, ImageOps

    if sniff(data) is None:
        raise BadImage("unsupported_type", "not a PNG, JPEG, WebP, GIF or BMP image")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise BadImage("too_many_pixels", f"image is {width}×{height}; at most {MAX_PIXELS} pixels")
            image = ImageOps.exif_transpose(image).convert("RGB")
    except BadImage:
        raise
    except (OSError, ValueError, Image.DecompressionBombError, Image.DecompressionBombWarning, SyntaxError):
        raise BadImage("bad_image", "the image could not be decoded") from None
    import numpy as np

    rgb = np.asarray(image)
    return np.ascontiguousarray(rgb[:, :, ::-1])
