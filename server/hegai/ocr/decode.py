"""Bytes → pixels, safely: the type checked by content, the size checked before decoding."""

from __future__ import annotations

import io
import warnings


from .imagetype import sniff

# Checked from the header, before any pixel is decoded: a 77 KB file can declare 40 MP, and the
# decoded copies (RGB, BGR, the OCR's resized passes) cost memory per pixel. 20 MP holds a long
# phone screenshot (1080 × 18,000); no side may be absurd (a 40,000,000 × 1 strip), nor the
# picture so thin that the OCR, scaling it down, would round its width to 0 px.
MAX_PIXELS = 20_000_000
MAX_SIDE = 20_000
MAX_ASPECT = 50           # the OCR scales the long side down; a thinner strip would round to 0 px


class BadImage(ValueError):
    """Not a picture we read (wrong type, corrupt, too many pixels). ``code`` is for the API."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


def check_size(width: int, height: int) -> None:
    if width * height > MAX_PIXELS or max(width, height) > MAX_SIDE:
        raise BadImage("too_many_pixels", f"image is {width}×{height}; at most {MAX_PIXELS} pixels "
                       f"and {MAX_SIDE} on a side")
    if max(width, height) > MAX_ASPECT * min(width, height):
        raise BadImage("bad_shape", f"image is {width}×{height}; at most {MAX_ASPECT} times longer than wide")


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
            check_size(*image.size)
            image = ImageOps.exif_transpose(image).convert("RGB")
    except BadImage:
        raise
    except (OSError, ValueError, Image.DecompressionBombError, Image.DecompressionBombWarning, SyntaxError):
        raise BadImage("bad_image", "the image could not be decoded") from None
    import numpy as np

    rgb = np.asarray(image)
    return np.ascontiguousarray(rgb[:, :, ::-1])
