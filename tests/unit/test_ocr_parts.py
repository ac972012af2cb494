"""The OCR pipeline's parts that need no model: type sniffing, text layout and boxes, QR links."""

from __future__ import annotations

import io

import pytest

from hegai.ocr import BadImage, sniff
from hegai.ocr.analyse import with_qr_trade
from hegai.ocr.decode import to_bgr
from hegai.ocr.engine import OcrLine
from hegai.ocr.layout import build
from hegai.ocr.qr import QrCode, classify


def _png(size=(40, 20)) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", size, "white").save(buf, "PNG")
    return buf.getvalue()


@pytest.mark.parametrize("fmt,mime", [("PNG", "image/png"), ("JPEG", "image/jpeg"), ("WEBP", "image/webp"),
                                      ("GIF", "image/gif"), ("BMP", "image/bmp")])
def test_sniff_by_content(fmt, mime):
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buf, fmt)
    assert sniff(buf.getvalue()) == mime
    assert to_bgr(buf.getvalue()).shape == (8, 8, 3)


@pytest.mark.parametrize("data", [b"", b"<svg xmlns='http://www.w3.org/2000/svg'/>", b"%PDF-1.7", b"RIFF0000WAVE",
                                  b"GIF", b"hello.png"])
def test_sniff_refuses_non_images(data):
    assert sniff(data) is None
    with pytest.raises(BadImage) as err:
        to_bgr(data)
    assert err.value.code == "unsupported_type"


def test_truncated_image_is_bad():
    with pytest.raises(BadImage) as err:
        to_bgr(_png()[:40])
    assert err.value.code == "bad_image"


def test_pixel_bomb_refused(monkeypatch):
    monkeypatch.setattr("hegai.ocr.decode.MAX_PIXELS", 100)
    with pytest.raises(BadImage) as err:
        to_bgr(_png((40, 20)))
    assert err.value.code == "too_many_pixels"


def test_lines_on_one_row_join_with_a_space_rows_with_newlines():
    lines = [OcrLine("13912345678", (300, 10, 480, 40), 0.9), OcrLine("电话：", (200, 12, 290, 42), 0.9),
             OcrLine("地址：某路1号", (200, 60, 400, 90), 0.9)]
    layout = build(lines)
    assert layout.text == "电话： 13912345678\n地址：某路1号"
    start = layout.text.index("139")
    assert layout.boxes_for(start, start + 11) == [(300, 10, 480, 40)]


def test_sub_line_box_is_proportional_to_display_width():
    # 4 CJK characters (width 2 each) then 4 digits (width 1): 12 units over 120 px.
    layout = build([OcrLine("手机号码1234", (0, 0, 120, 20), 0.9)])
    (box,) = layout.boxes_for(4, 8)
    assert box == pytest.approx((80, 0, 120, 20))


def test_span_across_rows_gives_a_box_per_row():
    layout = build([OcrLine("广东省广州市", (0, 0, 120, 20), 0.9), OcrLine("天河区体育西路", (0, 30, 140, 50), 0.9)])
    assert len(layout.boxes_for(0, len(layout.text))) == 2


@pytest.mark.parametrize("payload", ["https://t.me/sgk_lookup_bot", "t.me/joinchat/AbCdEf", "tg://resolve?domain=x_bot",
                                     "https://telegram.me/somegroup", "加纸飞机群 查档"])
def test_trade_links(payload):
    assert classify(payload)[0]


@pytest.mark.parametrize("payload", ["https://weixin.qq.com/r/abc", "https://example.com/t.me", "WIFI:S:home;T:WPA;P:x;;",
                                     "https://www.bilibili.com/video/BV1"])
def test_ordinary_links(payload):
    assert not classify(payload)[0]


def test_plain_telegram_group_is_medium_a_bot_is_high():
    base = {"level": "none", "score": 0.0, "categories": [], "reasons": []}
    group = QrCode("https://t.me/somegroup", (0, 0, 1, 1), *classify("https://t.me/somegroup"))
    bot = QrCode("https://t.me/lookup_bot", (0, 0, 1, 1), *classify("https://t.me/lookup_bot"))
    assert with_qr_trade(base, [group])["level"] == "medium"
    assert with_qr_trade(base, [bot])["level"] == "high"
    assert with_qr_trade(base, [bot])["categories"] == ["TRADE"]
    assert base["categories"] == []   # the input is not changed
    high = {**base, "level": "critical", "score": 0.9}
    assert with_qr_trade(high, [group])["level"] == "critical"


# ---- boxes to the glyph edges (issue 21) ----------------------------------------------------------

def _strokes(contrast: int = 255):
    """A 200 × 40 grey picture: paper 255, three 'glyphs' (dark bars) at x 20–34, 40–54, 60–74."""
    import numpy as np

    gray = np.full((40, 200), 255, dtype=np.uint8)
    for x in (20, 40, 60):
        gray[10:30, x:x + 15] = 255 - contrast
    return gray


def test_a_box_cut_inside_a_glyph_grows_to_its_edge():
    from hegai.ocr.glyphs import to_glyph_edges

    # Starts in the middle of the second glyph, ends in the middle of the third.
    assert to_glyph_edges(_strokes(), (47.0, 8.0, 66.0, 32.0)) == (40.0, 8.0, 75.0, 32.0)
    # Already on the gaps: unchanged.
    assert to_glyph_edges(_strokes(), (37.0, 8.0, 57.0, 32.0)) == (37.0, 8.0, 57.0, 32.0)


def test_glyph_edges_need_clear_ink_and_reach_only_so_far():
    from hegai.ocr.glyphs import REACH, to_glyph_edges

    assert to_glyph_edges(_strokes(contrast=20), (47.0, 8.0, 66.0, 32.0)) == (47.0, 8.0, 66.0, 32.0)
    import numpy as np

    bar = np.full((40, 400), 255, dtype=np.uint8)
    bar[10:30, 0:400] = 0           # ink everywhere (a rule, a dark bubble): grows REACH line heights at most
    x0, _, x1, _ = to_glyph_edges(bar, (200.0, 8.0, 220.0, 32.0))
    assert 200 - x0 <= REACH * 24 + 1 and x1 - 220 <= REACH * 24 + 1


def test_margin_is_in_proportion_to_the_line_height_and_stays_in_the_picture():
    from hegai.ocr.layout import MARGIN_X, MARGIN_Y, padded

    small = padded((100.0, 100.0, 200.0, 120.0), 1000, 1000)
    large = padded((100.0, 100.0, 200.0, 140.0), 1000, 1000)
    assert 100 - small[0] == pytest.approx(MARGIN_X * 20) and 100 - large[0] == pytest.approx(MARGIN_X * 40)
    assert 100 - large[1] == pytest.approx(MARGIN_Y * 40)
    assert padded((2.0, 1.0, 998.0, 40.0), 1000, 41) == (0.0, 0.0, 1000.0, 41.0)


def test_qr_box_has_a_margin_inside_the_picture():
    from hegai.ocr.qr import MARGIN, _box

    x0, y0, x1, y1 = _box([[100, 100], [300, 100], [300, 300], [100, 300]], 1000, 1000)
    assert (x0, x1) == pytest.approx((100 - MARGIN * 200, 300 + MARGIN * 200))
    assert _box([[0, 0], [100, 0], [100, 100], [0, 100]], 102, 102) == (0.0, 0.0, 102.0, 102.0)
