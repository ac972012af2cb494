"""The rendered text of a Playwright page, with a way back from an offset to its element.

The collection itself is done in the browser by the extension's own collector,
``content/collect.js`` (issue 22: one collector for the extension, the pytest plugin and
``hegai audit``, read from the extension's directory that the package ships, never a copy);
this module joins its pieces into one text and keeps, for every piece, the CSS path of the
element that holds it.
"""

from __future__ import annotations

import bisect
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path


COLLECTOR = ("content", "collect.js")   # in the extension's directory, as its manifest loads it


def collector_path() -> Path:
    """The collector file: the extension's content script itself (shipped in the package)."""
    from hegai.extension_files import extension_dir

    return extension_dir().joinpath(*COLLECTOR)


@lru_cache(maxsize=1)
def collector_source() -> str:
    """The collector's JavaScript, as the extension loads it."""
    return collector_path().read_text(encoding="utf-8")


# The file is a classic script that fills in `Hegai.collect`; here `Hegai` is a local object, so
# nothing is added to the page's globals (the extension gets its namespace from shared/namespace.js).
_AS_JSON = ("(options) => {{ const Hegai = {{}};\n{collector}\n"
            "return JSON.stringify(Hegai.collect.collectPage(options)); }}")


@dataclass
class PageText:
    url: str
    title: str
    text: str
    # (start, end, element index) per text piece, in code points, sorted by start.
    spans: list[tuple[int, int, int]] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    # Where the title sits in ``text`` (it counts like body text), None without a title.
    title_range: tuple[int, int] | None = None
    work: int = 0    # DOM nodes the collector touched (linear in the page size)
    nodes: int = 0   # DOM nodes walked

    def element_at(self, offset: int) -> int | None:
        """Index of the element holding the character at ``offset`` (None for a line break)."""
        i = bisect.bisect_right(self.spans, (offset, float("inf"), 0)) - 1
        if i >= 0:
            start, end, element = self.spans[i]
            if start <= offset < end:
                return element
        return None

    def elements_between(self, start: int, end: int) -> list[int]:
        """Indexes of the elements holding any character of ``[start, end)``, in page order."""
        first = max(0, bisect.bisect_right(self.spans, (start, float("inf"), 0)) - 1)
        found: list[int] = []
        for span_start, span_end, element in self.spans[first:]:
            if span_start >= end:
                break
            if span_end > start and element not in found:
                found.append(element)
        return found

    def where(self, offset: int) -> str | None:
        element = self.element_at(offset)
        return None if element is None else self.paths[element]

    @classmethod
    def from_collected(cls, collected: dict) -> "PageText":
        parts: list[str] = []
        spans: list[tuple[int, int, int]] = []
        offset = 0
        for piece, element in collected["pieces"]:
            parts.append(piece)
            if element >= 0:
                spans.append((offset, offset + len(piece), element))
            offset += len(piece)
        title_index = collected.get("titleIndex", -1)
        title_spans = [(s, e) for s, e, element in spans if element == title_index]
        title_range = (title_spans[0][0], title_spans[-1][1]) if title_spans and title_index >= 0 else None
        return cls(url=collected.get("url", ""), title=collected.get("title", ""),
                   text="".join(parts), spans=spans, paths=list(collected.get("paths", [])),
                   title_range=title_range, work=collected.get("work", 0), nodes=collected.get("nodes", 0))


def collect_page_text(page, include_hidden: bool = False) -> PageText:
    """Collect the rendered text of ``page`` (a Playwright ``Page`` or ``Frame``).

    Open shadow roots and same-origin iframes are included; hidden elements are not unless
    ``include_hidden``.
    """
    # One JSON string crosses the wire: Playwright's structured serialisation of 100,000s of
    # small arrays took 15 s on a 5 MB page, JSON.stringify + json.loads well under one.
    collected = json.loads(page.evaluate(_AS_JSON.format(collector=collector_source()),
                                         {"includeHidden": include_hidden}))
    return PageText.from_collected(collected)
