"""The OCR engine: RapidOCR (PP-OCR models in ONNX, shipped inside the wheel), loaded once per
process on first use. Loading takes ~1 s and ~100 MB, so nothing loads it at import time."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass


log = logging.getLogger("hegai.ocr")

_engine = None
_engine_lock = threading.Lock()
_run_lock = threading.Lock()


class OcrUnavailable(RuntimeError):
    """rapidocr-onnxruntime is not installed (or cannot load) on this machine."""


# The "ocr" extra (pyproject.toml) brings the OCR and the image libraries it needs (Pillow, cv2).
MISSING = "pictures are not read: OCR is not installed (scripts/setup, or pip install 'hegai[ocr]')"


@dataclass(frozen=True)
class OcrLine:
    """One recognised line: its text and axis-aligned box ``(x0, y0, x1, y1)`` in image pixels."""

    text: str
    box: tuple[float, float, float, float]
    score: float


def available() -> bool:
    try:
        import rapidocr_onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


def _load():
    global _engine
    with _engine_lock:
        if _engine is None:
            try:
                from rapidocr_onnxruntime import RapidOCR
            except ImportError as exc:
                raise OcrUnavailable(MISSING) from exc
            # Straight screenshots and photos: the angle classifier costs time and rarely helps.
            _engine = RapidOCR(use_cls=False)
            log.info("OCR engine loaded")
    return _engine


def warm_up() -> None:
    """Load the models now (the service calls this off the request path)."""
    _load()


def _axis_box(points) -> tuple[float, float, float, float]:
    xs = [float(p[0]) for p in points]
    ys = [float(p[1]) for p in points]
    return (min(xs), min(ys), max(xs), max(ys))


def read_lines(image: "np.ndarray") -> list[OcrLine]:
    """Recognise the text lines of a BGR image."""
    engine = _load()
    # One inference at a time: the ONNX sessions already use every core.
    with _run_lock:
        result, _elapsed = engine(image, use_cls=False)
    lines = []
    for points, text, score in result or []:
        if text and text.strip():
            lines.append(OcrLine(text=text, box=_axis_box(points), score=float(score)))
    return lines
