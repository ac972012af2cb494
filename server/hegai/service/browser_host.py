"""The native messaging host that pairs the browser extension (docs/CONTRACTS.md, "Pairing").

The browser starts this program — through the launcher ``hegai install-browser-host`` writes —
only for an extension named in the host manifest's ``allowed_origins``, and passes that
extension's origin as the first argument. On ``{"type": "pair"}`` the host creates a new named
token in HEGAI_HOME (owner-only) and answers ``{"ok": true, "token": ..., "name": ...}``.

Protocol (Chrome native messaging): each message is a 32-bit length in native byte order, then
that many bytes of UTF-8 JSON, on stdin / stdout. Nothing else may be written to stdout.
"""

from __future__ import annotations

import json
import struct
import sys
from typing import BinaryIO

import regex

from .storage import Database
from .storage.tokens_repo import TokensRepo

HOST_NAME = "org.hegai.pairing"
MAX_MESSAGE_BYTES = 64 * 1024          # ours are tiny; anything larger is not from our extension
_ORIGIN = regex.compile(r"^chrome-extension://([a-p]{32})/?$")


class ProtocolError(ValueError):
    pass


def read_message(stream: BinaryIO) -> object | None:
    """The next message, or None at end of input (the browser closed the pipe)."""
    header = stream.read(4)
    if len(header) < 4:
        return None
    (length,) = struct.unpack("=I", header)
    if length > MAX_MESSAGE_BYTES:
        raise ProtocolError("message too large")
    body = stream.read(length)
    if len(body) < length:
        raise ProtocolError("truncated message")
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ProtocolError("not JSON") from exc


def write_message(stream: BinaryIO, message: dict) -> None:
    body = json.dumps(message, ensure_ascii=False).encode("utf-8")
    stream.write(struct.pack("=I", len(body)) + body)
    stream.flush()


def extension_id(origin: str | None) -> str | None:
    match = _ORIGIN.match(origin or "")
    return match.group(1) if match else None


def token_name(ext_id: str) -> str:
    return f"Chromium extension {ext_id}"


def answer(message: object, ext_id: str, tokens: TokensRepo) -> dict:
    if not isinstance(message, dict) or message.get("type") != "pair":
        return {"ok": False, "error": "unknown_message"}
    name = token_name(ext_id)
    return {"ok": True, "token": tokens.create(ext_id, name), "name": name}


def serve(stdin: BinaryIO, stdout: BinaryIO, origin: str | None, allowed: set[str], tokens_factory) -> int:
    """Answer messages until the browser closes the pipe. The browser already refuses to start
    us for an origin not in the manifest; the registry check covers a manifest edited by hand."""
    ext_id = extension_id(origin)
    if ext_id is None or ext_id not in allowed:
        write_message(stdout, {"ok": False, "error": "forbidden_origin"})
        return 1
    tokens = None
    while True:
        try:
            message = read_message(stdin)
        except ProtocolError as exc:
            write_message(stdout, {"ok": False, "error": "bad_message", "message": str(exc)})
            return 1
        if message is None:
            return 0
        tokens = tokens or tokens_factory()
        write_message(stdout, answer(message, ext_id, tokens))


def main(argv: list[str] | None = None) -> int:
    from .host_install import allowed_extension_ids

    argv = sys.argv[1:] if argv is None else argv
    origin = argv[0] if argv else None           # Chrome on Windows adds --parent-window=...; ignored
    database = Database()
    try:
        return serve(sys.stdin.buffer, sys.stdout.buffer, origin, set(allowed_extension_ids(database.home)),
                     lambda: TokensRepo(database))
    finally:
        database.close()


if __name__ == "__main__":
    sys.exit(main())
