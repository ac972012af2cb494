"""The ``hegai`` command line. Each subcommand is a thin layer over the library."""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

from . import __version__


class InputError(Exception):
    """Input that is not readable text: one line for the user, exit status 2, no traceback."""


def _binary_input(path: str | None) -> BinaryIO:
    if path in (None, "-"):
        return sys.stdin.buffer
    return open(path, "rb")


def _read_input(path: str | None, encoding: str | None) -> str:
    """The whole input as text: UTF-8 (BOM or not), UTF-16/32 with a BOM, GB18030, or ``encoding``."""
    from .encoding import NotText, decode

    if path in (None, "-") and not hasattr(sys.stdin, "buffer"):
        return sys.stdin.read()   # already text (an embedding program's stream)
    with _binary_input(path) as stream:
        data = stream.read()
    try:
        return decode(data, encoding)
    except NotText as exc:
        raise InputError(f"{path if path not in (None, '-') else 'standard input'}: {exc}") from None


def _input_lines(path: str | None, encoding: str | None) -> Iterator[str | Exception]:
    """Lines of a JSONL input, streamed: each decoded on its own (a bad line is an error for that
    line only); a UTF-16/32 file (byte-order mark) or an ``encoding`` is decoded as a stream."""
    from .encoding import NotText, bom_encoding, decode_line

    if path in (None, "-") and not hasattr(sys.stdin, "buffer"):
        yield from sys.stdin   # already text (an embedding program's stream)
        return
    with _binary_input(path) as raw:
        buffered = raw if hasattr(raw, "peek") else io.BufferedReader(raw)
        head = buffered.peek(4096)[:4096]
        stream_encoding = encoding or bom_encoding(head[:4])
        if not stream_encoding and b"\x00" in head:
            raise InputError(f"{path}: binary data (NUL bytes), not JSON lines; give a text file")
        if stream_encoding and stream_encoding not in ("utf-8-sig", "utf-8"):
            try:
                yield from io.TextIOWrapper(buffered, encoding=stream_encoding, errors="strict", newline=None)
            except (UnicodeDecodeError, LookupError) as exc:
                raise InputError(f"{path}: not valid {stream_encoding} text ({exc.__class__.__name__})") from None
            return
        for line in buffered:
            try:
                yield decode_line(line, encoding)
            except NotText as exc:
                yield exc


def _jsonl_records(stream: Iterable[str | Exception]) -> Iterator[tuple[object, str | None, str | None]]:
    """Yield (id, text, error) per input line; a bad line yields an error, never stops the run."""
    for lineno, line in enumerate(stream, 1):
        if isinstance(line, Exception):
            yield None, None, f"line {lineno}: {line}"
            continue
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

    if args.jsonl:
        status = 0
        for rid, text, error in _jsonl_records(_input_lines(args.file, args.encoding)):
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
    text = _read_input(args.file, args.encoding)
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

    if args.jsonl:
        status = 0
        for rid, text, error in _jsonl_records(_input_lines(args.file, args.encoding)):
            if error:
                print(f"hegai assess: {error}", file=sys.stderr)
                _emit({"id": rid, "level": None, "score": None, "categories": [], "reasons": [], "error": error})
                status = 1
                continue
            a = assess(text)
            _emit({"id": rid, "level": a.level, "score": round(a.score, 3),
                   "categories": list(a.categories), "reasons": list(a.reasons)})
        return status
    text = _read_input(args.file, args.encoding)
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


def cmd_install_browser_host(args: argparse.Namespace) -> int:
    from .service.host_install import install

    try:
        done = install(args.extension_id, args.dir or None)
    except (ValueError, OSError) as exc:
        print(f"hegai install-browser-host: {exc}", file=sys.stderr)
        return 2
    print("已为 Chromium / Chrome 安装盒盖配对程序 (native messaging host)。重新打开浏览器后扩展会自动配对。\n"
          "Installed the Hegai pairing host; restart the browser and the extension pairs by itself.")
    for path in done.manifests:
        print(f"  manifest: {path}")
    print(f"  program:  {done.launcher}")
    print("  extensions: " + ", ".join(done.extension_ids))
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    from .audit.command import run

    return run(args)


def cmd_batch(args: argparse.Namespace) -> int:
    from .batch.command import run

    return run(args)


def cmd_extension_path(args: argparse.Namespace) -> int:
    from .extension_files import extension_dir

    print(extension_dir())
    return 0


ENCODING_HELP = ("the input's encoding (e.g. gb18030, big5); default: detected — UTF-8 with or without BOM, "
                 "UTF-16/32 with BOM, GB18030/GBK")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="hegai", description="盒盖 Hegai — local protection against 开盒 (doxxing).")
    p.add_argument("--version", action="version", version=f"hegai {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("scan", help="find personal information in text")
    s.add_argument("file", nargs="?", default="-", help="a file, or - for standard input (default)")
    s.add_argument("--jsonl", action="store_true", help='input lines {"id","text"} → output lines {"id","findings"}')
    s.add_argument("--json", action="store_true", help="one JSON object with every finding")
    s.add_argument("--mask", action="store_true", help="print masked values instead of the text found")
    s.add_argument("--encoding", metavar="NAME", help=ENCODING_HELP)
    s.set_defaults(func=cmd_scan)

    a = sub.add_parser("assess", help="assess the 开盒 (doxxing) risk of a text")
    a.add_argument("file", nargs="?", default="-")
    a.add_argument("--jsonl", action="store_true", help='input lines {"id","text"} → output lines {"id","level",...}')
    a.add_argument("--json", action="store_true")
    a.add_argument("--encoding", metavar="NAME", help=ENCODING_HELP)
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

    from .batch.command import add_arguments as add_batch_arguments

    ba = sub.add_parser("batch", help="scan and assess a JSONL or Parquet archive on every core (resumable)")
    add_batch_arguments(ba)
    ba.set_defaults(func=cmd_batch)

    ep = sub.add_parser("extension-path", help="print the extension's directory (for \"Load unpacked\")")
    ep.set_defaults(func=cmd_extension_path)

    pr = sub.add_parser("pair", help="pair a client with the local service")
    pr.add_argument("--new-token", action="store_true",
                    help="for scripts and headless use: create an API token in the local database and print it")
    pr.set_defaults(func=cmd_pair)

    ih = sub.add_parser("install-browser-host",
                        help="let the browser extension pair: register the native messaging host with Chromium/Chrome")
    ih.add_argument("--extension-id", action="append", default=[], metavar="ID",
                    help="also allow this extension id (a store install has its own; the pinned id is always "
                         "allowed; ids added once are kept)")
    ih.add_argument("--dir", action="append", type=Path, metavar="DIR",
                    help="write the host manifest into this NativeMessagingHosts folder instead of Chromium's and "
                         "Chrome's (e.g. <user-data-dir>/NativeMessagingHosts); repeatable")
    ih.set_defaults(func=cmd_install_browser_host)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except FileNotFoundError as exc:
        print(f"hegai: {exc.filename}: no such file", file=sys.stderr)
        return 2
    except InputError as exc:
        print(f"hegai {args.command}: {exc}", file=sys.stderr)
        return 2
    except IsADirectoryError as exc:
        print(f"hegai: {exc.filename}: is a folder, not a file", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # the reader went away (hegai assess - | head -3): stop quietly, as cat and grep do; point
        # stdout at /dev/null so that Python's flush at exit does not raise a second time
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
