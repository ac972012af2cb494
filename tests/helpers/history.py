"""Helpers for the history/dashboard tests: unique sites, and a dashboard login over Flask's
test client (the cookie jar keeps the session)."""

from __future__ import annotations

import uuid


def unique_host(prefix: str = "site") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}.example"


def login_dashboard(app, token: str):
    """A Flask test client signed in to the dashboard the way the extension does it."""
    client = app.test_client()
    base = f"http://127.0.0.1:{app.config['HEGAI'].port}"
    code = client.post("/api/v1/dashboard/login-code", base_url=base,
                       headers={"Authorization": f"Bearer {token}"}).get_json()["code"]
    reply = client.get(f"/dashboard-login?code={code}", base_url=base)
    location = reply.headers["Location"]
    assert reply.status_code == 303 and location.startswith("/#s=")
    # What the page does with the fragment: send the session's secret with every request.
    client.environ_base["HTTP_X_HEGAI_SESSION"] = location.removeprefix("/#s=")
    return client, base, reply
