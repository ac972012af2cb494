"""The Flask app factory: storage, security gate, blueprints, JSON errors, CORS for the extension."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask
from flask_cors import CORS
from werkzeug.routing import IntegerConverter

from . import api, dashboard, errors, image_api, pairing, reports_api, security, settings, vault_api
from .config import ServiceConfig
from .storage import Database
from .storage.detections_repo import DetectionsRepo
from .storage.settings_repo import SettingsRepo
from .storage.tokens_repo import TokensRepo
from .storage.vault_repo import VaultRepo
from .vault_guard import entry_mask
from .vault_match import VaultMatcher


class RowIdConverter(IntegerConverter):
    """``<rowid:x>``: a row id as an integer SQLite can bind. An id past 2^63 - 1 (an OverflowError
    in SQLite) becomes -1, which no row has, so the route answers its own JSON 404. (Refusing it
    in the converter would make werkzeug answer 405 for the path's other methods.)"""

    NO_ROW = -1

    def to_python(self, value: str) -> int:
        number = int(value)
        return number if number <= 2**63 - 1 else self.NO_ROW


@dataclass
class Services:
    """What the routes use, hung on ``app.extensions["hegai"]``."""

    db: Database
    vault: VaultRepo
    settings: SettingsRepo
    tokens: TokensRepo
    detections: DetectionsRepo
    matcher: VaultMatcher


def _services(config: ServiceConfig) -> Services:
    db = Database(config.home)
    vault = VaultRepo(db)
    vault.remask(entry_mask)      # entries added under an older, more revealing mask
    return Services(db=db, vault=vault, settings=SettingsRepo(db), tokens=TokensRepo(db),
                    detections=DetectionsRepo(db), matcher=VaultMatcher(vault))


def create_app(config: ServiceConfig | None = None) -> Flask:
    config = config or ServiceConfig()
    app = Flask(__name__)
    app.url_map.converters["rowid"] = RowIdConverter
    app.config.update(HEGAI=config, MAX_CONTENT_LENGTH=config.max_body_bytes, JSON_SORT_KEYS=False)
    app.json.sort_keys = False
    services = _services(config)
    app.extensions["hegai"] = services

    errors.register(app)
    security.install(app, security.TokenCache(services.tokens))
    CORS(app, resources={r"/api/*": {"origins": list(config.extension_origins)}},
         allow_headers=["Authorization", "Content-Type"], methods=["GET", "POST", "PUT", "DELETE"],
         max_age=600, supports_credentials=False)
    for blueprint in (api.bp, vault_api.bp, settings.bp, pairing.bp):
        app.register_blueprint(blueprint)
    dashboard.register(app)   # history, dashboard page, alerts (issue 8)
    app.register_blueprint(reports_api.bp)   # one-click reports with evidence (issue 7)
    app.register_blueprint(image_api.bp)   # personal info in pictures (issue 10)
    return app
