"""``hegai audit URL...``: the command-line face of the auditor (argparse wiring and exit status)."""

from __future__ import annotations

import argparse
import sys

DEFAULT_FAIL_ON = ["any"]


def _tokens(value: str) -> list[str]:
    return [t for t in value.replace(",", " ").split() if t]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("urls", nargs="+", metavar="URL", help="pages to audit (http, https or file URLs)")
    parser.add_argument("--depth", type=int, default=0, metavar="N",
                        help="follow links N levels deep, only under each start URL (same origin, same path prefix)")
    parser.add_argument("--same-origin", action="store_true",
                        help="with --depth, follow links anywhere on a start URL's origin, not only under its path")
    parser.add_argument("--report", metavar="OUT.html", help="write an HTML report (masked findings, screenshots)")
    parser.add_argument("--json", metavar="OUT.json", help="write a JSON report (masked findings)")
    parser.add_argument("--fail-on", nargs="+", action="extend", type=_tokens, metavar="LEVEL|TYPE",
                        help="exit 1 when a page has a finding of TYPE, a risk level at or above LEVEL "
                             "(low|medium|high|critical), or, with 'any' (the default), any finding")
    parser.add_argument("--rate", type=float, default=1.0, metavar="SECONDS",
                        help="at least this many seconds between page loads per site (default 1; "
                             "a larger robots.txt Crawl-delay wins)")
    parser.add_argument("--allow", action="append", default=[], metavar="VALUE",
                        help="a public value pages may show, e.g. a business hotline (repeatable)")
    parser.add_argument("--ignore-type", action="append", default=[], metavar="TYPE",
                        help="a PII type not to report (repeatable)")
    parser.add_argument("--max-pages", type=int, default=100, help="stop after this many pages (default 100)")
    parser.add_argument("--timeout", type=float, default=30.0, metavar="SECONDS", help="page load timeout")
    parser.add_argument("--no-screenshots", action="store_true", help="leave screenshots out of the HTML report")


def _flatten(values) -> list[str]:
    return [t for group in values or [] for t in (group if isinstance(group, list) else [group])]


def run(args: argparse.Namespace) -> int:
    from .report import write_html, write_json
    from .runner import AuditOptions, Auditor

    options = AuditOptions(
        depth=max(0, args.depth), same_origin=args.same_origin, rate=args.rate,
        fail_on=_flatten(args.fail_on) or list(DEFAULT_FAIL_ON), allow=list(args.allow),
        ignore_types=[t.upper() for t in args.ignore_type], max_pages=args.max_pages,
        timeout=args.timeout, screenshots=not args.no_screenshots,
    )
    try:
        auditor = Auditor(options)
        result = auditor.run(args.urls)
    except (ValueError, FileNotFoundError) as exc:
        print(f"hegai audit: {exc}", file=sys.stderr)
        return 2
    if args.report:
        write_html(result, args.report)
    if args.json:
        write_json(result, args.json)
    status = result.exit_status()
    summary = {0: "pass", 1: "FAIL: personal information at or above --fail-on", 2: "incomplete: see errors"}
    print(f"hegai audit: {len(result.pages)} page(s); {summary[status]}", file=sys.stderr)
    return status
