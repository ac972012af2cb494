"""``hegai serve``: the app under waitress (a production WSGI server), on loopback only."""

from __future__ import annotations

import ipaddress
import logging
import signal
import sys

from .config import ServiceConfig

log = logging.getLogger("hegai.service")


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


def serve(host: str = "127.0.0.1", port: int = 8765, allow_remote: bool = False,
          config: ServiceConfig | None = None) -> int:
    """Serve until interrupted. ``port=0`` picks a free port (printed on stdout)."""
    from waitress.server import create_server

    from .app import create_app

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    if not _host_allowed(host, allow_remote):
        return 2
    config = config or ServiceConfig()
    if _url_host(host) not in ("127.0.0.1", "localhost", "[::1]"):
        config.extra_hosts = (_url_host(host),)   # clients name the bound address in Host
    app = create_app(config)
    # waitress cuts off absurd bodies itself; anything up to 8x the limit reaches Flask's JSON 413.
    # 8 threads: a picture waiting in the OCR queue holds a thread, and text scans must not starve.
    server = create_server(app, host=host.strip("[]"), port=port, threads=8, ident="hegai",
                           max_request_body_size=8 * config.max_body_bytes)
    config.port = int(server.effective_port)   # the Host check needs the real port
    print(f"hegai: serving on http://{_url_host(host)}:{config.port}", flush=True)
    _stop_on_sigterm()
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
    return 0


def new_token(client: str = "cli") -> str:
    """A token for scripts and headless tests (``hegai pair --new-token``), without the browser."""
    from .storage import Database
    from .storage.tokens_repo import TokensRepo

    db = Database()
    try:
        return TokensRepo(db).create(client)
    finally:
        db.close()
