"""The ``hegai`` command line. Each subcommand is a thin layer over the library."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Iterator, TextIO

from . import __version__


def _open_input(path: str | None) -> TextIO:
    if path in (None, "-"):
        return sys.stdin
    return open(path, encoding="utf-8")


def _jsonl_records(stream: TextIO) -> Iterator[tuple[object, str | None, str | None]]:
    """Yield (id, text, error) per input line; a bad line yields an error, never stops the run."""
    for lineno, line in enumerate(stream, 1):
        if not line.strip():
            yield None, None, f"line {lineno}: empty line"
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            yield None, None, f"line {lineno}: invalid JSON ({exc.msg})"
            continue
        if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
            yield (rec.get("id") if isinstance(rec, dict) else None), None, f"line {lineno}: needs a string 'text'"
            continue
        yield rec.get("id"), rec["text"], None


def _emit(obj: dict) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def cmd_scan(args: argparse.Namespace) -> int:
    from .detect import scan

    with _open_input(args.file) as stream:
        if args.jsonl:
            status = 0
            for rid, text, error in _jsonl_records(stream):
                if error:
                    print(f"hegai scan: {error}", file=sys.stderr)
                    _emit({"id": rid, "findings": [], "error": error})
                    status = 1
                    continue
                findings = scan(text)
                _emit({"id": rid, "findings": [
                    {"type": f.type, "start": f.start, "end": f.end, "text": f.text, "score": round(f.score, 3)}
                    for f in findings]})
            return status
        text = stream.read()
    findings = scan(text)
    if args.json:
        _emit({"findings": [f.to_dict() for f in findings]})
        return 0
    if not findings:
        print("未发现个人信息 (no personal information found)")
        return 0
    for f in findings:
        shown = f.masked if args.mask else f.text
        print(f"{f.start:>6}-{f.end:<6} {f.type:<15} {f.label:<8} {shown}  [{f.score:.2f}; {'; '.join(f.reasons)}]")
    return 0


def cmd_assess(args: argparse.Namespace) -> int:
    from .risk import assess

    with _open_input(args.file) as stream:
        if args.jsonl:
            status = 0
            for rid, text, error in _jsonl_records(stream):
                if error:
                    print(f"hegai assess: {error}", file=sys.stderr)
                    _emit({"id": rid, "level": None, "score": None, "categories": [], "reasons": [], "error": error})
                    status = 1
                    continue
                a = assess(text)
                _emit({"id": rid, "level": a.level, "score": round(a.score, 3),
                       "categories": list(a.categories), "reasons": list(a.reasons)})
            return status
        text = stream.read()
    a = assess(text)
    if args.json:
        _emit(a.to_dict())
        return 0
    print(f"风险等级 level: {a.level}  (score {a.score:.2f})")
    if a.categories:
        print("类别 categories: " + ", ".join(a.categories))
    for r in a.reasons:
        print(f"  - {r}")
    for f in a.findings:
        print(f"    {f.type:<15} {f.masked}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .service.server import serve

    return serve(host=args.host, port=args.port, allow_remote=args.allow_remote)


def cmd_pair(args: argparse.Namespace) -> int:
    if not args.new_token:
        print("配对请在盒盖扩展里点击「连接服务」。To pair, click 'Connect' in the Hegai extension.\n"
              "For scripts and headless tests: hegai pair --new-token")
        return 0
    from .service.server import new_token

    print(new_token())
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    from .audit.command import run

    return run(args)


def cmd_extension_path(args: argparse.Namespace) -> int:
    from .extension_files import extension_dir

    print(extension_dir())
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="hegai", description="盒盖 Hegai — local protection against 开盒 (doxxing).")
    p.add_argument("--version", action="version", version=f"hegai {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("scan", help="find personal information in text")
    s.add_argument("file", nargs="?", default="-", help="a file, or - for standard input (default)")
    s.add_argument("--jsonl", action="store_true", help='input lines {"id","text"} → output lines {"id","findings"}')
    s.add_argument("--json", action="store_true", help="one JSON object with every finding")
    s.add_argument("--mask", action="store_true", help="print masked values instead of the text found")
    s.set_defaults(func=cmd_scan)

    a = sub.add_parser("assess", help="assess the 开盒 (doxxing) risk of a text")
    a.add_argument("file", nargs="?", default="-")
    a.add_argument("--jsonl", action="store_true", help='input lines {"id","text"} → output lines {"id","level",...}')
    a.add_argument("--json", action="store_true")
    a.set_defaults(func=cmd_assess)

    v = sub.add_parser("serve", help="run the local service (127.0.0.1 only)")
    v.add_argument("--host", default="127.0.0.1")
    v.add_argument("--port", type=int, default=8765)
    v.add_argument("--allow-remote", action="store_true",
                   help="allow a non-loopback host (dangerous: exposes the service to the network)")
    v.set_defaults(func=cmd_serve)

    from .audit.command import add_arguments as add_audit_arguments

    au = sub.add_parser("audit", help="render web pages in chromium and report exposed personal information")
    add_audit_arguments(au)
    au.set_defaults(func=cmd_audit)

    ep = sub.add_parser("extension-path", help="print the extension's directory (for \"Load unpacked\")")
    ep.set_defaults(func=cmd_extension_path)

    pr = sub.add_parser("pair", help="pair a client with the local service")
    pr.add_argument("--new-token", action="store_true",
                    help="for scripts and headless use: create an API token in the local database and print it")
    pr.set_defaults(func=cmd_pair)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except FileNotFoundError as exc:
        print(f"hegai: {exc.filename}: no such file", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
