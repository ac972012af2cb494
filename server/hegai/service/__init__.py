"""The local service: Flask app (``create_app``), security, pairing, vault, settings, storage."""


def create_app(config=None):
    from .app import create_app as _create_app

    return _create_app(config)


__all__ = ["create_app"]
