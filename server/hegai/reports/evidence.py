"""Evidence files on disk: owner-only, written atomically, hashed when written.

Layout: ``<HEGAI_HOME>/reports/<key>/<file>``, directories 0700 and files 0600. A file is
written to a temporary name, fsynced, renamed into place, and the directory fsynced, so a
crash leaves either the whole file or none; the caller commits the database row that names the
files only after this returns.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

MAX_SCREENSHOT_BYTES = 8 * 1024 * 1024
# Content sniffing: the declared type must match the bytes.
IMAGE_MAGIC = {"image/png": (b"\x89PNG\r\n\x1a\n", "png"), "image/jpeg": (b"\xff\xd8\xff", "jpg")}
_DATA_URL = re.compile(r"^data:(image/(?:png|jpeg));base64,", re.I)
_KEY = re.compile(r"^[0-9a-f]{32}$")


class EvidenceError(ValueError):
    pass


@dataclass(frozen=True)
class StoredFile:
    name: str
    sha256: str
    bytes: int
    media_type: str

    def to_dict(self) -> dict:
        return {"name": self.name, "sha256": self.sha256, "bytes": self.bytes, "media_type": self.media_type}


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def decode_screenshot(data_url: str, max_bytes: int = MAX_SCREENSHOT_BYTES) -> tuple[bytes, str, str]:
    """``data:image/png;base64,...`` → (bytes, media type, extension). PNG or JPEG, checked by content."""
    m = _DATA_URL.match(data_url)
    if not m:
        raise EvidenceError("screenshot must be a data URL of a PNG or JPEG image")
    declared = m.group(1).lower()
    payload = data_url[m.end():]
    if len(payload) > (max_bytes * 4) // 3 + 4:
        raise EvidenceError(f"screenshot larger than {max_bytes} bytes")
    try:
        data = base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError):
        raise EvidenceError("screenshot is not valid base64") from None
    magic, ext = IMAGE_MAGIC[declared]
    if not data.startswith(magic):
        sniffed = next((t for t, (mg, _) in IMAGE_MAGIC.items() if data.startswith(mg)), None)
        raise EvidenceError(f"screenshot content is {sniffed or 'not an image'}, not {declared}")
    if len(data) > max_bytes:
        raise EvidenceError(f"screenshot larger than {max_bytes} bytes")
    return data, declared, ext


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def _private_dir(path: Path) -> Path:
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(path, 0o700)
    return path


class EvidenceStore:
    def __init__(self, home: Path):
        self.root = _private_dir(Path(home) / "reports")

    @staticmethod
    def is_key(name: str) -> bool:
        return bool(_KEY.match(name))

    def new_key(self) -> str:
        return secrets.token_hex(16)

    def folder(self, key: str) -> Path:
        if not _KEY.match(key):
            raise EvidenceError("bad evidence key")
        return self.root / key

    def put(self, key: str, name: str, data: bytes, media_type: str) -> StoredFile:
        folder = _private_dir(self.folder(key))
        write_atomic(folder / name, data)
        return StoredFile(name, sha256_hex(data), len(data), media_type)

    def read(self, key: str, name: str) -> bytes:
        return (self.folder(key) / name).read_bytes()

    def verify(self, key: str, files: list[dict]) -> list[str]:
        """Names of files that are missing or no longer match the hash recorded when written."""
        bad = []
        for f in files:
            path = self.folder(key) / f["name"]
            if not path.is_file() or sha256_hex(path.read_bytes()) != f["sha256"]:
                bad.append(f["name"])
        return bad

    def discard(self, key: str) -> None:
        """Remove a folder whose database row was never committed."""
        folder = self.folder(key)
        for child in folder.iterdir() if folder.exists() else ():   # temp files too (.name.tmp)
            child.unlink()
        if folder.exists():
            folder.rmdir()
