"""盒盖 Hegai — keeps the lid on the box: local protection against 开盒 (doxxing)."""

__version__ = "0.1.0"
