"""Personal info in pictures: OCR (RapidOCR, offline, CPU) → ``hegai.detect.scan`` → risk, with
every finding's boxes in image pixels, and QR codes decoded (a Telegram / 社工库 bot link adds
``TRADE``). The model loads lazily, once per process.

    from hegai.ocr import analyse_bytes
    result = analyse_bytes(png_bytes)     # ImageAnalysis: findings[i].boxes, masked_text, ...
"""

from .analyse import ImageAnalysis, ImageFinding, analyse_bytes, analyse_pixels
from .decode import BadImage, MAX_PIXELS
from .engine import OcrUnavailable, available, warm_up
from .imagetype import SUPPORTED, sniff

__all__ = ["ImageAnalysis", "ImageFinding", "analyse_bytes", "analyse_pixels", "BadImage", "MAX_PIXELS",
           "OcrUnavailable", "available", "warm_up", "SUPPORTED", "sniff"]
