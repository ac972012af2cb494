"""Creating a report and re-checking it: what the API calls, without Flask."""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from hegai.detect.registry import redact

from .builder import ReportInput, build
from .evidence import EvidenceStore, StoredFile, decode_screenshot
from .exposure import analyse
from .platforms import Platform, resolve
from .recheck import fetch_loopback_text, is_loopback_url, verdict
from .store import ReportRecord, ReportsRepo, now_iso

POST_FILE = "post.txt"
CAPTURE_FILE = "capture.json"
REPORT_FILE = "report.txt"


@dataclass
class NewReport:
    url: str
    title: str
    text: str
    screenshot: str | None = None          # data URL
    platform: str | None = None
    post_id: str | None = None
    hint_categories: tuple[str, ...] = ()
    hint_level: str | None = None
    captured_at: str | None = None


def _capture_json(new: NewReport, platform: Platform, captured_at: str, exposure) -> bytes:
    doc = {"url": new.url, "title": new.title, "post_id": new.post_id, "captured_at": captured_at,
           "platform": platform.id, "exposure": exposure.to_dict()}
    return json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8")


IF_REPORTED = ("refuse", "update", "new")
UPDATED_NOTE = "evidence updated"


class AlreadyReported(Exception):
    """The page (and post) has a report already: the caller decides to update it or add another."""

    def __init__(self, record: ReportRecord):
        super().__init__(f"this page was already reported (report {record.id})")
        self.record = record


def existing(repo: ReportsRepo, new: NewReport) -> ReportRecord | None:
    return repo.for_page(url_at_rest(new.url), new.post_id)


def create(repo: ReportsRepo, store: EvidenceStore, new: NewReport,
           if_reported: str = "new") -> tuple[ReportRecord, Platform]:
    """Write the evidence files, then commit the row that names them (a crash between the two
    leaves an orphan folder, never a row without its files). A page reported before: refused
    (``AlreadyReported``), updated in place, or reported again, as ``if_reported`` says."""
    previous = existing(repo, new) if if_reported != "new" else None
    if previous is not None and if_reported == "refuse":
        raise AlreadyReported(previous)
    old_key = previous.evidence["key"] if previous is not None else None
    record, platform = _write(repo, store, new, previous)
    if old_key:
        store.discard(old_key)       # only once the row names the new files
    return record, platform


def _write(repo: ReportsRepo, store: EvidenceStore, new: NewReport,
           previous: ReportRecord | None) -> tuple[ReportRecord, Platform]:
    platform = resolve(new.url, new.platform)
    captured_at = new.captured_at or now_iso()
    exposure = analyse(new.text, new.hint_categories, new.hint_level)
    key = store.new_key()
    try:
        files: list[StoredFile] = []
        if new.screenshot:
            image, media_type, ext = decode_screenshot(new.screenshot)
            files.append(store.put(key, f"screenshot.{ext}", image, media_type))
        shot_hash = files[0].sha256 if files else None
        report = build(ReportInput(url=new.url, title=new.title, captured_at=captured_at, exposure=exposure,
                                   post_id=new.post_id, evidence_sha256=shot_hash), platform)
        files.append(store.put(key, POST_FILE, new.text.encode("utf-8"), "text/plain; charset=utf-8"))
        files.append(store.put(key, CAPTURE_FILE, _capture_json(new, platform, captured_at, exposure),
                               "application/json"))
        files.append(store.put(key, REPORT_FILE, report.long.encode("utf-8"), "text/plain; charset=utf-8"))
        evidence = {
            "key": key, "title": redact(new.title), "post_id": new.post_id, "captured_at": captured_at,
            "platform_name": platform.name, "post_text_masked": redact(new.text), "exposure": exposure.to_dict(),
            "salt": exposure.salt, "fingerprints": exposure.fingerprints, "report": report.to_dict(),
            "files": [f.to_dict() for f in files], "rechecks": [],
            # The address to open: the post's own form when the platform has one (only the post
            # id goes into it, never the page URL's other parts).
            "entry": platform.entry(new.post_id, new.url),
        }
        # The row holds the URL masked (a profile URL can carry a phone or an ID); the evidence
        # file capture.json keeps it as captured.
        category = " > ".join(platform.category)
        record = (repo.add(platform.id, url_at_rest(new.url), category, evidence) if previous is None else
                  repo.replace_evidence(previous, platform.id, category, evidence, UPDATED_NOTE))
    except BaseException:
        store.discard(key)
        raise
    return record, platform


class RecheckNeedsText(ValueError):
    pass


def url_at_rest(url: str) -> str:
    """``url`` with personal values in its path, query and fragment masked; scheme, host and port
    kept as they are (the dashboard groups by host, and an IP host is not someone's data)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return redact(url)
    return urlunsplit(parts._replace(path=redact(parts.path), query=redact(parts.query),
                                     fragment=redact(parts.fragment)))


def captured_url(store: EvidenceStore | None, record: ReportRecord) -> str:
    """The URL as captured (evidence file), for the service's own loopback fetch; the row's is masked."""
    try:
        return json.loads(store.read(record.evidence["key"], CAPTURE_FILE))["url"]
    except (AttributeError, KeyError, OSError, ValueError, TypeError):
        return record.url


def recheck(repo: ReportsRepo, record: ReportRecord, page_text: str | None,
            store: EvidenceStore | None = None) -> ReportRecord:
    """Record whether the reported values are still on the page. ``page_text`` comes from the
    extension; without it the service fetches the page itself, for loopback URLs only."""
    if page_text is None:
        url = captured_url(store, record)
        if not is_loopback_url(url):
            raise RecheckNeedsText("send the page's current text: the service does not fetch pages off this machine")
        page_text, source = fetch_loopback_text(url), "service"
    else:
        source = "extension"
    ev = record.evidence
    return repo.add_recheck(record, verdict(ev["salt"], ev["fingerprints"], page_text, source))


def sweep_orphans(repo: ReportsRepo, store: EvidenceStore) -> int:
    """Remove evidence folders no report row names (a crash between writing the files and
    committing the row leaves the raw post behind). Run at start-up, before any request.
    Returns how many folders were removed."""
    named = repo.evidence_keys()
    removed = 0
    for folder in store.root.iterdir():
        if folder.is_dir() and folder.name not in named and store.is_key(folder.name):
            store.discard(folder.name)
            removed += 1
    return removed
