"""The audit's reports: a self-contained HTML page (masked findings, embedded screenshots) and JSON."""

from __future__ import annotations

import base64
import json
import time
from html import escape
from importlib import resources
from pathlib import Path
from string import Template

from .runner import AUDITED, AuditResult, PageResult


def _level(level: str) -> str:
    return f'<span class="level level-{escape(level)}">{escape(level)}</span>'


def _result_cell(page: PageResult) -> str:
    if page.status != AUDITED:
        return escape(page.status)
    return "FAIL: " + escape("; ".join(page.fail_reasons)) if page.fail_reasons else "pass"


def _summary_row(index: int, page: PageResult) -> str:
    exposure = page.exposure
    level = _level(exposure.level) if exposure else "–"
    count = str(len(exposure.exposures)) if exposure else "–"
    status = escape(page.status + (f" ({page.note})" if page.note else ""))
    return (f'    <tr><td><a href="#page-{index}">{escape(page.url)}</a></td><td>{status}</td>'
            f"<td>{level}</td><td>{count}</td><td>{_result_cell(page)}</td></tr>")


def _findings_table(page: PageResult) -> str:
    exposure = page.exposure
    if not exposure.exposures:
        return "<p>No personal information exposed.</p>"
    rows = "\n".join(
        f"<tr><td><code>{escape(e.type)}</code> {escape(e.label)}</td><td><code>{escape(e.masked)}</code></td>"
        f"<td><code>{escape(e.where or '–')}</code></td><td class=\"excerpt\">{escape(e.excerpt)}</td>"
        f"<td>{e.score:.2f}</td></tr>"
        for e in exposure.exposures)
    return ("<table><thead><tr><th>Type</th><th>Masked value</th><th>Where (CSS path)</th><th>Context</th>"
            f"<th>Score</th></tr></thead><tbody>{rows}</tbody></table>")


def _page_section(index: int, page: PageResult) -> str:
    parts = [f'<section class="page" id="page-{index}"><h2>{escape(page.url)}</h2>']
    if page.status != AUDITED:
        parts.append(f'<p class="note">{escape(page.status)}: {escape(page.note)}</p></section>')
        return "\n".join(parts)
    exposure = page.exposure
    parts.append(f"<p>{escape(exposure.title or '(untitled)')} · risk level {_level(exposure.level)}"
                 f" ({exposure.score:.2f})" + (f" · {escape(', '.join(exposure.categories))}" if exposure.categories else "")
                 + "</p>")
    if exposure.risk_reasons:
        parts.append("<ul>" + "".join(f"<li>{escape(r)}</li>" for r in exposure.risk_reasons) + "</ul>")
    parts.append(_findings_table(page))
    if exposure.allowed or exposure.ignored:
        parts.append(f'<p class="note">{len(exposure.allowed)} allowed value(s), '
                     f"{len(exposure.ignored)} finding(s) of ignored types not counted.</p>")
    if page.screenshot:
        data = base64.b64encode(page.screenshot).decode("ascii")
        parts.append(f'<img class="shot" alt="screenshot of {escape(page.url)}" src="data:image/jpeg;base64,{data}">')
    parts.append("</section>")
    return "\n".join(parts)


def _verdict(result: AuditResult) -> tuple[str, str]:
    status = result.exit_status()
    return {0: ("PASS", "pass"), 1: ("FAIL", "fail")}.get(status, ("INCOMPLETE", "error"))


def render_html(result: AuditResult) -> str:
    from hegai import __version__

    verdict, verdict_class = _verdict(result)
    template = Template(resources.files("hegai.audit").joinpath("report_template.html").read_text(encoding="utf-8"))
    return template.substitute(
        verdict=verdict, verdict_class=verdict_class, version=escape(__version__),
        generated=escape(time.strftime("%Y-%m-%d %H:%M", time.localtime(result.started_at))),
        fail_on=escape(" ".join(result.options.fail_on)), page_count=len(result.pages),
        summary_rows="\n".join(_summary_row(i, p) for i, p in enumerate(result.pages)),
        page_sections="\n".join(_page_section(i, p) for i, p in enumerate(result.pages)),
    )


def write_html(result: AuditResult, path: str | Path) -> None:
    Path(path).write_text(render_html(result), encoding="utf-8")


def write_json(result: AuditResult, path: str | Path) -> None:
    Path(path).write_text(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
