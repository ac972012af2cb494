"""An :class:`ImageAnalysis` as the API returns it: offsets in UTF-16 code units (like every
other endpoint), boxes as ``[x0, y0, x1, y1]`` in image pixels, the recognised text only masked."""

from __future__ import annotations

from collections import Counter

from hegai.textutil import utf16_offsets

from .analyse import ImageAnalysis, analyse_bytes


def _box(box) -> list[float]:
    return [round(float(v), 1) for v in box]


def to_json(result: ImageAnalysis) -> dict:
    u16 = utf16_offsets(result.text)
    findings = []
    for placed in result.findings:
        f = placed.finding
        findings.append({"type": f.type, "label": f.label, "start": u16[f.start], "end": u16[f.end],
                         "text": f.text, "masked": f.masked, "score": round(float(f.score), 3),
                         "reasons": list(f.reasons), "boxes": [_box(b) for b in placed.boxes]})
    return {
        "width": result.width,
        "height": result.height,
        "findings": findings,
        "counts": dict(Counter(f["type"] for f in findings)),
        "masked_text": result.masked_text,
        "assessment": result.assessment,
        "assessment_en": result.assessment_en,   # internal: the API replies with one of the two
        "qr_codes": [code.to_dict() for code in result.qr_codes],
        "timing_ms": result.timing_ms,
    }


def analyse_to_json(data: bytes) -> dict:
    return to_json(analyse_bytes(data))
