"""The result type of the detection library."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from .masking import mask

# SPEC names, in the order a user would care about them.
PII_TYPES = (
    "ID_CARD", "PHONE_MOBILE", "PHONE_LANDLINE", "BANK_CARD", "EMAIL", "QQ", "WECHAT",
    "LICENSE_PLATE", "PASSPORT", "ADDRESS", "PERSON_NAME", "WORKPLACE", "SCHOOL",
    "DATE_OF_BIRTH", "IP_ADDRESS", "GEO_COORD",
)

# Chinese labels shown to users (extension, reports, CLI).
TYPE_LABELS_ZH = {
    "ID_CARD": "身份证号", "PHONE_MOBILE": "手机号", "PHONE_LANDLINE": "固定电话",
    "BANK_CARD": "银行卡号", "EMAIL": "电子邮箱", "QQ": "QQ号", "WECHAT": "微信号",
    "LICENSE_PLATE": "车牌号", "PASSPORT": "护照/通行证号", "ADDRESS": "住址",
    "PERSON_NAME": "姓名", "WORKPLACE": "工作单位", "SCHOOL": "学校",
    "DATE_OF_BIRTH": "出生日期", "IP_ADDRESS": "IP地址", "GEO_COORD": "地理坐标",
}
TYPE_LABELS_EN = {
    "ID_CARD": "ID number", "PHONE_MOBILE": "mobile number", "PHONE_LANDLINE": "landline",
    "BANK_CARD": "bank card", "EMAIL": "email", "QQ": "QQ id", "WECHAT": "WeChat id",
    "LICENSE_PLATE": "licence plate", "PASSPORT": "passport/permit", "ADDRESS": "address",
    "PERSON_NAME": "name", "WORKPLACE": "workplace", "SCHOOL": "school",
    "DATE_OF_BIRTH": "date of birth", "IP_ADDRESS": "IP address", "GEO_COORD": "coordinates",
}


@dataclass
class Finding:
    """One piece of personal information found in a text.

    ``start``/``end`` are code-point offsets into the original text, end exclusive.
    ``masked`` is the masked form (``masking.mask``); left out (None), it is made the first time
    it is read: a scan drops many findings (overlaps, the names model) before anyone shows one.
    ``reasons`` says why it matched, in short Chinese phrases a user can read
    ("号段有效", "校验位正确", "线索词: 电话").
    """

    type: str
    start: int
    end: int
    text: str
    score: float
    masked: str | None = None
    reasons: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return TYPE_LABELS_ZH.get(self.type, self.type)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["label"] = self.label
        return d


def _masked(self: Finding) -> str:
    value = self.__dict__.get("_masked")
    if value is None:
        value = self.__dict__["_masked"] = mask(self.type, self.text)
    return value


def _set_masked(self: Finding, value: str | None) -> None:
    self.__dict__["_masked"] = value


# After @dataclass has read the field: its __init__, replace(), asdict() and == go through this.
Finding.masked = property(_masked, _set_masked)  # type: ignore[assignment]
