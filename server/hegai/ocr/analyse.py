"""One picture → what it exposes: OCR lines → one text → ``scan`` + ``assess_findings``, each
finding with its boxes in image pixels; QR codes decoded, a trade link adding ``TRADE``."""

from __future__ import annotations

import time
from dataclasses import dataclass, field


from hegai.detect import Finding, scan
from hegai.detect.masking import apply_masks
from hegai.risk import assess_findings
from hegai.risk.assessment import LEVELS

from . import engine, glyphs, layout, qr
from .decode import to_bgr

# How far a trade QR code alone lifts the picture's risk (a t.me link can be an ordinary channel;
# a lookup bot or 社工库 wording cannot).
QR_TRADE_LEVEL = {"telegram": ("medium", 0.5), "strong": ("high", 0.75)}


@dataclass
class ImageFinding:
    finding: Finding
    boxes: list[layout.Box]


@dataclass
class ImageAnalysis:
    width: int
    height: int
    text: str
    findings: list[ImageFinding]
    masked_text: str
    assessment: dict | None
    qr_codes: list[qr.QrCode]
    timing_ms: dict = field(default_factory=dict)
    # The same assessment with its reasons in English: a result is cached once per picture and
    # each reply is in the user's language (service/image_api.py).
    assessment_en: dict | None = None


def _base_assessment(text: str, findings: list[Finding], language: str = "zh") -> dict:
    a = assess_findings(text, findings, language=language)
    return {"level": a.level, "score": round(float(a.score), 3), "categories": list(a.categories),
            "reasons": list(a.reasons)}


def with_qr_trade(assessment: dict, codes: list[qr.QrCode], language: str = "zh") -> dict:
    """The text's assessment, plus TRADE (and a floor on the level) for trade QR codes; the
    codes' reasons in ``language``."""
    trade = [c for c in codes if c.trade]
    if not trade:
        return assessment
    strong = any(len(c.reasons) > 1 or not c.reasons[0].startswith(qr._rules()["reason_telegram"]) for c in trade)
    floor_level, floor_score = QR_TRADE_LEVEL["strong" if strong else "telegram"]
    out = {**assessment, "categories": list(assessment["categories"]), "reasons": list(assessment["reasons"])}
    if "TRADE" not in out["categories"]:
        out["categories"].append("TRADE")
    for code in trade:
        for reason in (qr.reason_in(language, r) for r in code.reasons):
            if reason not in out["reasons"]:
                out["reasons"].append(reason)
    if LEVELS.index(out["level"]) < LEVELS.index(floor_level):
        out["level"] = floor_level
    out["score"] = max(out["score"], floor_score)
    return out


def _on_glyphs(gray, box: layout.Box) -> layout.Box:
    """A value's box reaching its glyphs' edges, with a margin (same picture pixels)."""
    height, width = gray.shape[:2]
    return layout.padded(glyphs.to_glyph_edges(gray, box), width, height)


def analyse_pixels(image: np.ndarray) -> ImageAnalysis:
    import cv2

    timing: dict[str, float] = {}
    started = time.perf_counter()
    lines = engine.read_lines(image)
    timing["ocr_ms"] = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    codes = qr.decode(image)
    timing["qr_ms"] = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    text_layout = layout.build(lines)
    findings = scan(text_layout.text)
    height, width = image.shape[:2]
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if findings else None
    placed = [ImageFinding(f, [_on_glyphs(gray, b) for b in text_layout.boxes_for(f.start, f.end)])
              for f in findings]
    assessment = with_qr_trade(_base_assessment(text_layout.text, findings), codes)
    assessment_en = with_qr_trade(_base_assessment(text_layout.text, findings, "en"), codes, "en")
    timing["detect_ms"] = (time.perf_counter() - started) * 1000
    return ImageAnalysis(width, height, text_layout.text, placed, apply_masks(text_layout.text, findings),
                         assessment, codes, {k: round(v, 1) for k, v in timing.items()}, assessment_en)


def analyse_bytes(data: bytes) -> ImageAnalysis:
    """Decode (type checked by content) and analyse a picture. Raises ``BadImage``,
    ``engine.OcrUnavailable``."""
    if not engine.available():      # before decoding: Pillow and cv2 come with the OCR extra
        raise engine.OcrUnavailable(engine.MISSING)
    started = time.perf_counter()
    image = to_bgr(data)
    decode_ms = (time.perf_counter() - started) * 1000
    result = analyse_pixels(image)
    result.timing_ms = {"decode_ms": round(decode_ms, 1), **result.timing_ms}
    return result
