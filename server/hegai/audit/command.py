"""``hegai audit URL...``: the command-line face of the auditor (argparse wiring and exit status)."""

from __future__ import annotations

import argparse
import math
import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

DEFAULT_FAIL_ON = ["any"]
SCHEMES = ("http", "https", "file")


class UsageError(ValueError):
    """A bad option, reported before chromium starts or any page is fetched."""


def _tokens(value: str) -> list[str]:
    return [t for t in value.replace(",", " ").split() if t]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    # nargs="*": "--fail-on high URL" must not swallow the URL into --fail-on and then say
    # "URL required"; URLs caught by --fail-on are moved back (see _split_fail_on).
    parser.add_argument("urls", nargs="*", metavar="URL", help="pages to audit (http, https or file URLs)")
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
    parser.add_argument("--settle", type=float, default=10.0, metavar="SECONDS",
                        help="after loading, wait up to this long for the page to settle: its text unchanged "
                             "for 0.5 s, no request in flight, no timer due (default 10); a page still changing "
                             "then (polling) is read as it is, and the report says so")
    parser.add_argument("--ignore-robots", action="store_true",
                        help="audit pages robots.txt disallows: only for sites you own or may test, e.g. "
                             "a staging site behind 'Disallow: /'")


def _flatten(values) -> list[str]:
    return [t for group in values or [] for t in (group if isinstance(group, list) else [group])]


def _looks_like_url(token: str) -> bool:
    return "://" in token or token.startswith(("file:", "/", "./", "www."))


def _split_fail_on(args: argparse.Namespace) -> tuple[list[str], list[str]]:
    """(urls, --fail-on tokens): URLs given after --fail-on's values belong to the URLs."""
    tokens = _flatten(args.fail_on)
    urls = list(args.urls) + [t for t in tokens if _looks_like_url(t)]
    return urls, [t for t in tokens if not _looks_like_url(t)]


def check_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in SCHEMES:
        scheme = f"scheme {parts.scheme!r}" if parts.scheme else "no scheme"
        raise UsageError(f"{url}: unsupported URL ({scheme}); use http://, https:// or file://")
    if parts.scheme in ("http", "https") and not parts.hostname:
        raise UsageError(f"{url}: no host in the URL")


def check_output(option: str, path: str | None) -> None:
    """A report path that cannot be written fails now, not after the whole crawl."""
    if not path:
        return
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise UsageError(f"{option} {path}: is a folder; give a file name")
    if not folder.is_dir():
        raise UsageError(f"{option} {path}: folder {folder} does not exist")
    if not os.access(folder, os.W_OK):
        raise UsageError(f"{option} {path}: folder {folder} is not writable")


def check_ignore_types(types: list[str]) -> list[str]:
    from hegai.detect import PII_TYPES

    upper = [t.upper() for t in types]
    unknown = [t for t in types if t.upper() not in PII_TYPES]
    if unknown:
        raise UsageError(f"--ignore-type: unknown PII type(s) {', '.join(unknown)}; expected some of "
                         f"{', '.join(PII_TYPES)}")
    return upper


def check_numbers(args: argparse.Namespace) -> None:
    for option, value, low in (("--depth", args.depth, 0), ("--rate", args.rate, 0), ("--settle", args.settle, 0),
                               ("--max-pages", args.max_pages, 1), ("--timeout", args.timeout, 0)):
        # float() reads "inf" and "nan": an endless --settle would wait on a polling page for ever,
        # and nan compares false with every bound.
        if not math.isfinite(value):
            raise UsageError(f"{option} {value:g}: must be a finite number")
        if value < low:
            raise UsageError(f"{option} {value:g}: must be at least {low}")
    if args.timeout <= 0:
        raise UsageError(f"--timeout {args.timeout:g}: must be more than 0")


def options_from(args: argparse.Namespace):
    """Every option checked before the crawl starts (issue 22: errors came after it)."""
    from .runner import AuditOptions
    from .verdict import FailOn

    urls, fail_on = _split_fail_on(args)
    if not urls:
        raise UsageError("at least one URL is required (http://, https:// or file://)")
    for url in urls:
        check_url(url)
    check_numbers(args)
    check_output("--report", args.report)
    check_output("--json", args.json)
    fail_on = fail_on or list(DEFAULT_FAIL_ON)
    FailOn(fail_on)   # raises on an unknown token
    options = AuditOptions(
        depth=args.depth, same_origin=args.same_origin, rate=args.rate, fail_on=fail_on,
        allow=list(args.allow), ignore_types=check_ignore_types(args.ignore_type), max_pages=args.max_pages,
        timeout=args.timeout, screenshots=not args.no_screenshots, settle=args.settle,
        ignore_robots=args.ignore_robots,
    )
    return urls, options


def run(args: argparse.Namespace) -> int:
    from .report import write_html, write_json
    from .runner import Auditor

    try:
        urls, options = options_from(args)
    except ValueError as exc:
        print(f"hegai audit: {exc}", file=sys.stderr)
        return 2
    if options.ignore_robots:
        print("hegai audit: --ignore-robots: robots.txt is not read; audit only sites you own or may test",
              file=sys.stderr)
    try:
        result = Auditor(options).run(urls)
    except (ValueError, FileNotFoundError) as exc:
        print(f"hegai audit: {exc}", file=sys.stderr)
        return 2
    try:
        if args.report:
            write_html(result, args.report)
        if args.json:
            write_json(result, args.json)
    except OSError as exc:
        print(f"hegai audit: cannot write the report: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print(f"hegai audit: {len(result.pages)} page(s); {result.summary()}", file=sys.stderr)
    return result.exit_status()
