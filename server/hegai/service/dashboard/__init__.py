"""The local dashboard (issue 8): history of self-exposures, findings on visited pages, 开盒-risk
pages and reports; retention; the dashboard page and its login. ``register(app)`` wires it in.

Access: ``/api/v1/history/*`` with the extension's bearer token; the page at ``/`` and
``/dashboard/*`` with a session cookie obtained through a one-time code from the extension
(see ``pages`` and ``access``). The app-wide Host and Origin gate applies to all of it.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass

from flask import Flask

from .. import settings
from ..storage.history_queries import HistoryQueries
from ..storage.history_repo import HistoryRepo
from ..storage.retention import PurgeSchedule, Retention
from . import alerts_api, history_api, pages, tokens_page
from .sessions import DashboardSessions

log = logging.getLogger("hegai.service")


@dataclass
class DashboardServices:
    repo: HistoryRepo
    queries: HistoryQueries
    retention: Retention
    sessions: DashboardSessions
    schedule: PurgeSchedule


def register(app: Flask) -> None:
    services = app.extensions["hegai"]
    retention = Retention(services.db)
    schedule = PurgeSchedule(retention, lambda: settings.current(services.settings)["retention_days"])
    app.extensions["hegai_dashboard"] = DashboardServices(
        repo=HistoryRepo(services.db), queries=HistoryQueries(services.db), retention=retention,
        sessions=DashboardSessions(), schedule=schedule)
    app.register_blueprint(history_api.bp, url_prefix="/api/v1/history")
    app.register_blueprint(history_api.bp, url_prefix="/dashboard/api/history", name="dashboard_history")
    app.register_blueprint(pages.bp)
    app.register_blueprint(pages.api_bp)
    app.register_blueprint(alerts_api.bp)
    app.register_blueprint(tokens_page.bp)   # list and revoke tokens (issue 16)
    _purge_on_schedule(app, schedule)


def _purge_on_schedule(app: Flask, schedule: PurgeSchedule) -> None:
    """Purge expired history at start-up, then at most hourly after a request."""
    def run():
        try:
            schedule.run_if_due()
        except sqlite3.Error as exc:      # never fail a request over housekeeping
            log.warning("retention: purge failed (%s)", type(exc).__name__)

    run()

    @app.after_request
    def _maybe_purge(resp):
        run()
        return resp
