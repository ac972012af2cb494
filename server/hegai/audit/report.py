"""The audit's reports: a self-contained HTML page (masked findings, embedded screenshots) and JSON."""

from __future__ import annotations

import base64
import json
import time
from functools import lru_cache
from importlib import resources
from pathlib import Path

import jinja2

from .runner import AUDITED, AuditResult, PageResult


@lru_cache(maxsize=1)
def _template() -> jinja2.Template:
    # Autoescaping: a URL, title, excerpt or error note is whatever the audited page (or server) wrote.
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    return env.from_string(resources.files("hegai.audit").joinpath("report_template.html").read_text("utf-8"))


def _screenshot(page: PageResult) -> str:
    return base64.b64encode(page.screenshot).decode("ascii")


def _verdict(result: AuditResult) -> tuple[str, str]:
    status = result.exit_status()
    return {0: ("PASS", "pass"), 1: ("FAIL", "fail")}.get(status, ("INCOMPLETE", "error"))


def render_html(result: AuditResult) -> str:
    from hegai import __version__

    verdict, verdict_class = _verdict(result)
    return _template().render(
        verdict=verdict, verdict_class=verdict_class, version=__version__,
        generated=time.strftime("%Y-%m-%d %H:%M", time.localtime(result.started_at)),
        fail_on=" ".join(result.options.fail_on), pages=result.pages, audited=AUDITED, screenshot=_screenshot,
    )


def write_html(result: AuditResult, path: str | Path) -> None:
    Path(path).write_text(render_html(result), encoding="utf-8")


def write_json(result: AuditResult, path: str | Path) -> None:
    Path(path).write_text(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
