"""``hegai serve``: the app under waitress (a production WSGI server), on loopback only."""

from __future__ import annotations

import ipaddress
import logging
import signal
import sys

from .config import ServiceConfig

log = logging.getLogger("hegai.service")


class OneLineFormatter(logging.Formatter):
    """Every record on one line: a line break or NUL that slipped into a message (from waitress,
    a library or a route) is written escaped, so nothing a page sends can forge a log line."""

    _ESCAPES = str.maketrans({"\n": "\\n", "\r": "\\r", "\x00": "\\x00", "\x1b": "\\x1b"})

    def format(self, record: logging.LogRecord) -> str:
        return super().format(record).translate(self._ESCAPES)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _stop_on_sigterm() -> None:
    def _handler(signum, frame):
        raise KeyboardInterrupt
    signal.signal(signal.SIGTERM, _handler)


def _url_host(host: str) -> str:
    host = host.strip("[]")
    return f"[{host}]" if ":" in host else host


def _host_allowed(host: str, allow_remote: bool) -> bool:
    """Loopback is always fine; anything else only with --allow-remote, and loudly."""
    if is_loopback(host):
        return True
    if not allow_remote:
        print(f"hegai serve: refusing to listen on non-loopback host {host!r}; "
              "the service must stay on 127.0.0.1 (use --allow-remote only if you know why)", file=sys.stderr)
        return False
    print("!" * 72 + f"\nWARNING: hegai serve is listening on {host}: anyone on your network can reach it.\n"
          "The vault holds your own personal information. Do not do this on a shared network.\n"
          f"Clients must send Host: {_url_host(host)}:PORT.\n" + "!" * 72, file=sys.stderr)
    return True


# waitress reads a whole body (spooled to a temp file) before the app sees it, and past its own
# limit it answers plain text and closes the socket mid-upload, which the client sees as a reset.
# Up to this size the body is read and Flask answers the JSON 413 with the route's real limit.
MAX_WIRE_BODY = 256 * 1024 * 1024


# Slow clients: waitress reads requests without holding a worker thread, but stops accepting at
# ``connection_limit`` open sockets, so a few hundred half-open connections (slowloris) used to
# lock everyone out. poll() instead of select() lifts the 1024-descriptor ceiling, the limit sits
# well above what a browser opens (6 per host), and idle sockets are closed after CHANNEL_TIMEOUT.
CONNECTION_LIMIT = 4000
CHANNEL_TIMEOUT = 30


def _open_file_limit(wanted: int) -> int:
    """Raise this process's soft descriptor limit towards ``wanted`` (within the hard limit)."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        soft = target
    return soft


def waitress_limits() -> dict:
    # Keep descriptors free for the database, the OCR model and the listening socket.
    connections = max(100, min(CONNECTION_LIMIT, _open_file_limit(CONNECTION_LIMIT + 200) - 200))
    return {"max_request_body_size": MAX_WIRE_BODY, "connection_limit": connections,
            "asyncore_use_poll": True, "channel_timeout": CHANNEL_TIMEOUT, "cleanup_interval": 10}


def serve(host: str = "127.0.0.1", port: int = 8765, allow_remote: bool = False,
          config: ServiceConfig | None = None) -> int:
    """Serve until interrupted. ``port=0`` picks a free port (printed on stdout)."""
    from waitress.server import create_server

    from .app import create_app

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    for handler in logging.getLogger().handlers:
        handler.setFormatter(OneLineFormatter(handler.formatter._fmt if handler.formatter else None))
    if not _host_allowed(host, allow_remote):
        return 2
    config = config or ServiceConfig()
    if _url_host(host) not in ("127.0.0.1", "localhost", "[::1]"):
        config.extra_hosts = (_url_host(host),)   # clients name the bound address in Host
    app = create_app(config)
    # 8 threads: a picture waiting in the OCR queue holds a thread, and text scans must not starve.
    server = create_server(app, host=host.strip("[]"), port=port, threads=8, ident="hegai", **waitress_limits())
    config.port = int(server.effective_port)   # the Host check needs the real port
    # SIGTERM stops cleanly from the first line printed on: a caller may stop it as soon as it reads one.
    _stop_on_sigterm()
    try:
        print(f"hegai: serving on http://{_url_host(host)}:{config.port}", flush=True)
        print(ocr_line(), flush=True)
        print(next_steps(), flush=True)
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
    return 0


def new_token(client: str = "cli", name: str = "Command line (hegai pair --new-token)") -> str:
    """A token for scripts and headless tests (``hegai pair --new-token``), without the browser."""
    from .storage import Database
    from .storage.tokens_repo import TokensRepo

    db = Database()
    try:
        return TokensRepo(db).create(client, name)
    finally:
        db.close()


def ocr_line() -> str:
    """Whether pictures are read: OCR is the optional "ocr" extra (pyproject.toml)."""
    from hegai.ocr import available

    if available():
        return "图片识别 (OCR)：已安装 / pictures: OCR installed"
    return ("图片识别 (OCR) 未安装：图片里的个人信息不会被检查。安装：scripts/setup 或 pip install 'hegai[ocr]'\n"
            "pictures: OCR is not installed, personal info in pictures is not checked; "
            "install it with scripts/setup or pip install 'hegai[ocr]'")


def next_steps() -> str:
    """What a new user does after the service starts (printed once, Chinese first)."""
    from hegai.extension_files import extension_dir

    return "\n".join([
        "下一步 / next steps:",
        "  1. 在 Chromium/Chrome 打开 chrome://extensions，开启开发者模式，点“加载已解压的扩展程序”，选择：",
        "     open chrome://extensions, switch on developer mode, \"Load unpacked\" and pick:",
        f"     {extension_dir()}",
        "  2. 扩展会自动配对，无需点击；不能配对时弹出窗口会给出要运行的命令。",
        "     the extension pairs by itself; if it cannot, its popup shows the command to run.",
        "  3. 在扩展的 设置 → 我的信息 填入自己的手机号、身份证号、住址：发帖前会提醒，被曝光时会告警；",
        "     历史与举报在扩展弹出窗口的“打开仪表盘”。",
        "     save your own phone, ID and address under Options → My information to be warned before you post them",
        "     and alerted when a page exposes them; history and reports: \"Open dashboard\" in the popup.",
        "  按 Ctrl+C 停止 / Ctrl+C stops the service.",
    ])
