"""QR codes in a picture (OpenCV's detector), and whether one leads into the 开盒 trade:
a Telegram (纸飞机) group or channel, or a 社工库 lookup bot."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from urllib.parse import urlsplit


Box = tuple[float, float, float, float]
# The detector's corners can sit inside the outer modules (a perspective fit on the finder
# patterns): a margin of this share of the code's side keeps every module under the blur.
MARGIN = 0.05


@dataclass(frozen=True)
class QrCode:
    data: str
    box: Box
    trade: bool = False
    reasons: tuple[str, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict:
        return {"data": self.data, "box": [round(v, 1) for v in self.box], "trade": self.trade,
                "reasons": list(self.reasons)}


@lru_cache(maxsize=1)
def _rules() -> dict:
    raw = resources.files("hegai.ocr").joinpath("data").joinpath("trade_links.json").read_text("utf-8")
    return json.loads(raw)


def _telegram_target(payload: str) -> tuple[bool, str]:
    """(is a Telegram link, the path after the host: group/channel/bot name)."""
    rules = _rules()
    lowered = payload.strip().lower()
    if any(lowered.startswith(s) for s in rules["telegram_schemes"]):
        return True, lowered.split("://", 1)[1]
    candidate = lowered if "://" in lowered else f"https://{lowered}"
    parts = urlsplit(candidate)
    host = (parts.hostname or "").removeprefix("www.")
    if host in rules["telegram_hosts"]:
        return True, parts.path.strip("/")
    return False, ""


def classify(payload: str) -> tuple[bool, tuple[str, ...]]:
    """Whether a QR payload points into the 开盒 trade, and why (Chinese reasons)."""
    rules = _rules()
    reasons: list[str] = []
    is_telegram, target = _telegram_target(payload)
    if is_telegram:
        reasons.append(rules["reason_telegram"])
        first = target.split("/", 1)[0].split("?", 1)[0]
        via_resolve = "domain=" in target and rules["bot_suffix"] in target   # tg://resolve?domain=x_bot
        if first.endswith(rules["bot_suffix"]) or via_resolve:
            reasons.append(rules["reason_bot"])
    lowered = payload.lower()
    for term in rules["keywords"]:
        if term.lower() in lowered:
            reasons.append(rules["reason_keyword"].format(term=term))
            break
    return bool(reasons), tuple(reasons)


def reason_in(language: str, reason: str) -> str:
    """A QR reason (written in Chinese) in the user's language: "en" translates it (a keyword
    reason keeps the Chinese word it quotes), anything else keeps it."""
    if not language.startswith("en"):
        return reason
    for zh, en in _rules()["reasons_en"].items():
        if reason == zh or (zh.endswith(": ") and reason.startswith(zh)):
            return en + reason[len(zh):]
    return reason


def _box(points, width: int, height: int) -> Box:
    """The code's corners → an axis-aligned box with a margin, inside the picture."""
    import numpy as np

    pts = np.asarray(points, dtype=float).reshape(-1, 2)
    x0, y0, x1, y1 = pts[:, 0].min(), pts[:, 1].min(), pts[:, 0].max(), pts[:, 1].max()
    mx, my = MARGIN * (x1 - x0), MARGIN * (y1 - y0)
    return (float(max(0.0, x0 - mx)), float(max(0.0, y0 - my)), float(min(width, x1 + mx)), float(min(height, y1 + my)))


def decode(image: np.ndarray) -> list[QrCode]:
    """Every QR code OpenCV can read in a BGR image."""
    import cv2

    detector = cv2.QRCodeDetector()
    try:
        ok, payloads, points, _ = detector.detectAndDecodeMulti(image)
    except cv2.error:
        return []
    if not ok or points is None:
        return []
    codes = []
    height, width = image.shape[:2]
    for payload, corners in zip(payloads, points):
        if payload:
            trade, reasons = classify(payload)
            codes.append(QrCode(payload, _box(corners, width, height), trade, reasons))
    return codes
