"""``FlaskApi``: Flask's test client behind the same interface as ``helpers.http.HttpClient``."""

from __future__ import annotations

import json as jsonlib

from .http import Reply, RequestVerbs

PORT = 8765
EXTENSION_ORIGIN = "chrome-extension://bhdpaekabndnmhaenibmgdkeiplpoojm"


class FlaskApi(RequestVerbs):
    """The same interface as ``helpers.http.HttpClient``, over Flask's test client."""

    def __init__(self, app, token: str | None):
        self.app = app
        self.client = app.test_client()
        self.token = token
        self.base_host = f"127.0.0.1:{app.config['HEGAI'].port}"

    def request(self, method, path, json=None, body=None, headers=None, auth=True) -> Reply:
        headers = dict(headers or {})
        host = headers.pop("Host", self.base_host)
        if auth and self.token:
            headers.setdefault("Authorization", f"Bearer {self.token}")
        if json is not None:
            body = jsonlib.dumps(json)
            headers["Content-Type"] = "application/json"
        r = self.client.open(path, method=method, data=body, headers=headers, base_url=f"http://{host}")
        return Reply(r.status_code, {k.lower(): v for k, v in r.headers.items()}, r.get_data())
