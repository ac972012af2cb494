"""Local storage of the service (SQLite). See ``db.Database`` and the repositories next to it."""

from .db import Database
from .paths import data_dir

__all__ = ["Database", "data_dir"]
