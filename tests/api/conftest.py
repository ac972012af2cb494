"""Fixtures for the API suite: the Flask app in-process and the real ``hegai serve`` on a free port.

Tests that take ``api`` run twice: once through Flask's test client, once over HTTP against the
real server (waitress), so every endpoint and error path is exercised both ways.
"""

from __future__ import annotations

import pytest

from helpers.flask_api import PORT, FlaskApi
from helpers.live_service import LiveService
from hegai.service import create_app
from hegai.service.config import ServiceConfig


@pytest.fixture
def make_app(tmp_path):
    def _make(**overrides):
        config = ServiceConfig(home=tmp_path / "home", port=PORT,
                               **{"rate_per_second": 1000.0, "rate_burst": 1000.0, **overrides})
        return create_app(config)
    return _make


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture
def token(app) -> str:
    return app.extensions["hegai"].tokens.create("test")


@pytest.fixture
def flask_api(app, token) -> FlaskApi:
    return FlaskApi(app, token)


@pytest.fixture(scope="session")
def live():
    """The real server, shared by the session (tests must not depend on an empty vault)."""
    with LiveService(env={"HEGAI_RATE_PER_SEC": "1000", "HEGAI_RATE_BURST": "1000"}) as svc:
        yield svc


@pytest.fixture(params=["flask", "live"])
def api(request):
    """Both ways: ``FlaskApi`` (fresh app per test) and ``HttpClient`` to the real server."""
    if request.param == "flask":
        return request.getfixturevalue("flask_api")
    svc = request.getfixturevalue("live")
    client = svc.client()
    request.addfinalizer(client.close)
    return client


@pytest.fixture
def port_of():
    def _port(api) -> int:
        return api.app.config["HEGAI"].port if isinstance(api, FlaskApi) else api.port
    return _port
