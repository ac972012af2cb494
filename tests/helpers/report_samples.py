"""Sample 开盒 posts and tiny real images for the reporting tests (issue 7)."""

from __future__ import annotations

import base64
import struct
import zlib

# Every value below is detected by hegai.detect (checked in test_reports_text).
DOX_POST = ("开盒：张伟，身份证11010519491231002X，手机13812345678，邮箱 zhangwei88@example.com，"
            "QQ：123456789，住北京市朝阳区建国路88号3单元502室，车牌京A12345，微信号：zw_8888abc，"
            "银行卡6222021234567890128，大家去他单位闹")
DOX_VALUES = ("11010519491231002X", "13812345678", "zhangwei88@example.com", "123456789",
              "北京市朝阳区建国路88号3单元502室", "京A12345", "zw_8888abc", "6222021234567890128")
TRADE_POST = "出售社工库，开盒一条50元，私信QQ 987654321，户籍查询、手机号查机主"
TRADE_VALUES = ("987654321",)
PLAIN_POST = "今天天气很好，大家周末愉快。"


def png_bytes(width: int = 4, height: int = 3, rgb=(200, 30, 30)) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    row = b"\x00" + bytes(rgb) * width
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(row * height)) + chunk(b"IEND", b""))


def jpeg_bytes() -> bytes:
    """The start of a JPEG (SOI + APP0): enough for content sniffing."""
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"


def data_url(data: bytes, media_type: str = "image/png") -> str:
    return f"data:{media_type};base64," + base64.b64encode(data).decode("ascii")
