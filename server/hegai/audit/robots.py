"""robots.txt, read once per origin with a timeout (``RobotFileParser.read`` has none)."""

from __future__ import annotations

import urllib.error
import urllib.request
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

USER_AGENT = "HegaiAudit"
FETCH_TIMEOUT = 10.0


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def fetch_robots(origin: str, timeout: float = FETCH_TIMEOUT) -> RobotFileParser:
    """The parsed robots.txt of ``origin``, with the standard's reading of errors:
    401/403 → everything disallowed, other 4xx or none at all → everything allowed."""
    from hegai import __version__

    parser = RobotFileParser(origin + "/robots.txt")
    request = urllib.request.Request(parser.url, headers={"User-Agent": f"{USER_AGENT}/{__version__}"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            parser.parse(response.read().decode("utf-8", errors="replace").splitlines())
    except urllib.error.HTTPError as err:
        if err.code in (401, 403):
            parser.disallow_all = True
        else:
            parser.allow_all = True
    except (urllib.error.URLError, OSError, ValueError):
        parser.allow_all = True   # unreachable: the page load itself will report the error
    return parser


class RobotsPolicy:
    """Answers "may I fetch this URL?" and "how long between fetches?" per origin."""

    def __init__(self, user_agent: str = USER_AGENT, ignore: bool = False):
        self.user_agent = user_agent
        # --ignore-robots: your own staging site behind "Disallow: /" (never fetched, never obeyed).
        self.ignore = ignore
        self._parsers: dict[str, RobotFileParser] = {}

    def _parser(self, url: str) -> RobotFileParser | None:
        if self.ignore or urlsplit(url).scheme not in ("http", "https"):
            return None   # file: and the like have no robots.txt
        origin = origin_of(url)
        if origin not in self._parsers:
            self._parsers[origin] = fetch_robots(origin)
        return self._parsers[origin]

    def allows(self, url: str) -> bool:
        parser = self._parser(url)
        return parser is None or parser.can_fetch(self.user_agent, url)

    def crawl_delay(self, url: str) -> float:
        parser = self._parser(url)
        delay = parser.crawl_delay(self.user_agent) if parser else None
        return float(delay or 0)
