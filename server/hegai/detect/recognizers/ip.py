"""IP_ADDRESS: IPv4 (optionally :port) and IPv6, checked with the standard ``ipaddress`` module.
Version numbers ("v1.2.3.4") and longer dotted series ("1.2.3.4.5") are not addresses."""

from __future__ import annotations

import ipaddress
import re

import regex

from ..base import Document, match_at
from ..cues import last_cue

LOCAL_REASON = "内网或保留地址"

_OCTET = r"(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])"
IPV4 = regex.compile(
    rf"(?:(?<![A-Za-z0-9.])|(?<=[Ii][Pp]))(?P<ip>{_OCTET}(?:\.{_OCTET}){{3}})(?P<port>:[0-9]{{1,5}})?(?![0-9]|\.[0-9])"
)
# After a label's colon too ("IP：2408:8207::1", the full-width colon folded to ":").
IPV6 = regex.compile(r"(?:(?<![A-Za-z0-9:])|(?<=(?:^|[^0-9A-Fa-f:]|[Ii][Pp][Vv]6):))"
                     r"(?P<ip>[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7})(?![A-Za-z0-9:])")

# Three dots between digits, found by the standard library's ``re`` (a literal "." leads, so it
# scans in C: 0.5 ms per MB against 7 ms for ``IPV4`` at every position; bench/bench_scan.py).
# An address starts one to three digits before its first dot.
_DOTTED = re.compile(r"\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]")


def _ipv4_starts(text: str):
    for m in _DOTTED.finditer(text):
        yield from range(max(0, m.start() - 3), m.start())


class IpRecognizer:
    name = "ip"
    types = ("IP_ADDRESS",)

    def analyze(self, doc: Document):
        text = doc.norm.text
        for m in match_at(IPV4, text, _ipv4_starts(text)):
            end = m.end()
            port = m.group("port")
            if port and int(port[1:]) > 65535:
                end = m.end("ip")
            yield self._finding(doc, m.start(), end, "IPv4地址格式", ipaddress.IPv4Address(m.group("ip")))
        if "::" in text or text.count(":") >= 5:
            for m in IPV6.finditer(text):
                if "::" not in m.group("ip") and m.group("ip").count(":") != 7:
                    continue   # uncompressed needs all eight groups: "14:30:00" is a time
                try:
                    address = ipaddress.IPv6Address(m.group("ip"))
                except ValueError:
                    continue
                yield self._finding(doc, m.start(), m.end(), "IPv6地址格式", address)

    @staticmethod
    def _finding(doc, start, end, reason, address: ipaddress.IPv4Address | ipaddress.IPv6Address):
        cue = last_cue(doc.before(start, 10), "IP_ADDRESS")
        reasons = [reason] + ([f"线索词: {cue}"] if cue else [])
        score = 0.9 if cue else 0.75
        if not address.is_global:
            # 192.168.x, 10.x, 127.0.0.1, 2001:db8::… name a home router or a manual page, not
            # anyone on the internet: still reported (the value is there), with a low score.
            reasons.append(LOCAL_REASON)
            score -= 0.4
        return doc.finding("IP_ADDRESS", start, end, score, reasons)


RECOGNIZER = IpRecognizer()
