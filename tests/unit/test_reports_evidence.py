"""Evidence files (owner-only, atomic), the zip package and its hashes, and re-check verdicts."""

from __future__ import annotations

import io
import json
import stat
import zipfile

import pytest

from hegai.reports import records
from hegai.reports.evidence import EvidenceError, EvidenceStore, decode_screenshot, sha256_hex
from hegai.reports.package import TamperedEvidence, build_zip, verify_zip
from hegai.reports.recheck import fetch_loopback_text, html_text, is_loopback_url
from hegai.reports.store import ReportsRepo
from hegai.service.storage import Database
from helpers.report_samples import DOX_POST, DOX_VALUES, data_url, jpeg_bytes, png_bytes

URL = "https://weibo.com/7788990011/PqRsT"


@pytest.fixture
def env(tmp_path):
    db = Database(tmp_path / "home")
    yield ReportsRepo(db), EvidenceStore(tmp_path / "home")
    db.close()


def _create(env, text=DOX_POST, **kw):
    repo, store = env
    new = records.NewReport(url=kw.pop("url", URL), title="开盒 张伟", text=text,
                            screenshot=kw.pop("screenshot", data_url(png_bytes())), post_id="PqRsT", **kw)
    return records.create(repo, store, new)[0]


def test_screenshot_is_type_checked_by_content():
    assert decode_screenshot(data_url(png_bytes()))[1:] == ("image/png", "png")
    assert decode_screenshot(data_url(jpeg_bytes(), "image/jpeg"))[1:] == ("image/jpeg", "jpg")
    with pytest.raises(EvidenceError, match="content is image/jpeg, not image/png"):
        decode_screenshot(data_url(jpeg_bytes(), "image/png"))
    with pytest.raises(EvidenceError, match="not an image"):
        decode_screenshot(data_url(b"<svg onload=alert(1)>"))
    for bad in ("data:image/svg+xml;base64,PHN2Zz4=", "http://x/a.png", "data:image/png;base64,@@@"):
        with pytest.raises(EvidenceError):
            decode_screenshot(bad)
    with pytest.raises(EvidenceError, match="larger"):
        decode_screenshot(data_url(png_bytes(64, 64)), max_bytes=50)


def test_files_are_owner_only_and_hashed(env, tmp_path):
    record = _create(env)
    folder = tmp_path / "home" / "reports" / record.evidence["key"]
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "home" / "reports").stat().st_mode) == 0o700
    names = [f["name"] for f in record.evidence["files"]]
    assert names == ["screenshot.png", "post.txt", "capture.json", "report.txt"]
    for f in record.evidence["files"]:
        path = folder / f["name"]
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert sha256_hex(path.read_bytes()) == f["sha256"]
    assert not list(folder.glob(".*.tmp"))                     # no temp file left behind
    assert (folder / "post.txt").read_text("utf-8") == DOX_POST   # the original, for the police


def test_the_row_holds_no_raw_value(env):
    record = _create(env)
    repo, _ = env
    row = repo.db.execute("SELECT * FROM reports WHERE id = ?", (record.id,)).fetchone()
    flat = json.dumps(dict(row), ensure_ascii=False)
    for value in DOX_VALUES:
        assert value not in flat
    public = json.dumps(record.public(), ensure_ascii=False)
    assert "salt" not in record.public() and "fingerprints" not in public
    assert row["status"] == "drafted" and row["platform"] == "weibo"


def test_a_failed_insert_leaves_no_files(env, tmp_path):
    repo, store = env
    repo.db.execute("DROP TABLE reports")
    with pytest.raises(Exception):
        _create(env)
    assert not [p for p in (tmp_path / "home" / "reports").iterdir()]


def test_zip_hashes_verify_and_the_summary_is_printable(env):
    repo, store = env
    record = _create(env)
    data = build_zip(record, store)
    assert verify_zip(data) == []
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        names = {f["name"] for f in manifest["files"]}
        assert names == {"screenshot.png", "post.txt", "capture.json", "report.txt", "summary.html"}
        summary = zf.read("summary.html").decode("utf-8")
    assert manifest["hash"] == "sha256" and manifest["url"] == URL
    assert "<img src=\"screenshot.png\"" in summary and "1101**********002X" in summary
    for f in manifest["files"]:
        if f["name"] != "summary.html":
            assert f["sha256"] in summary
    for value in DOX_VALUES:                                   # summary shows the masked post only
        assert value not in summary
    assert build_zip(record, store) == data                    # same report, same bytes


def test_tampered_zip_is_detected():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("post.txt", "changed")
        zf.writestr("manifest.json", json.dumps({"files": [{"name": "post.txt", "sha256": sha256_hex(b"orig")}]}))
    assert verify_zip(buffer.getvalue()) == ["post.txt"]


def test_export_refuses_evidence_changed_after_capture(env, tmp_path):
    repo, store = env
    record = _create(env)
    (tmp_path / "home" / "reports" / record.evidence["key"] / "post.txt").write_text("edited", "utf-8")
    with pytest.raises(TamperedEvidence) as err:
        build_zip(record, store)
    assert err.value.names == ["post.txt"]


def test_recheck_from_page_text(env):
    repo, _ = env
    record = _create(env)
    still = records.recheck(repo, record, "页面其他内容\n" + DOX_POST.replace("13812345678", "138 1234 5678"))
    assert still.status == "content_still_up" and still.evidence["rechecks"][-1]["remaining"] >= 1
    removed = records.recheck(repo, repo.get(record.id), "该内容已被删除")
    assert removed.status == "content_removed"
    check = removed.evidence["rechecks"][-1]
    assert check == {**check, "verdict": "content_removed", "remaining": 0, "source": "extension"}
    assert [h["status"] for h in repo.get(record.id).evidence["history"]] == \
        ["drafted", "content_still_up", "content_removed"]


def test_recheck_without_findings_leaves_the_status(env):
    repo, _ = env
    record = _create(env, text="没有个人信息的帖子")
    assert records.recheck(repo, record, "").status == "drafted"


def test_service_does_not_fetch_off_the_machine(env):
    repo, _ = env
    record = _create(env)
    with pytest.raises(records.RecheckNeedsText):
        records.recheck(repo, record, None)
    with pytest.raises(PermissionError):
        fetch_loopback_text("https://weibo.com/1")


@pytest.mark.parametrize("url, ok", [("http://127.0.0.1:8000/x", True), ("http://localhost/x", True),
                                     ("http://[::1]:9/x", True), ("http://127.0.0.1.evil.test/", False),
                                     ("https://weibo.com/", False), ("file:///etc/passwd", False),
                                     ("http://10.0.0.1/", False)])
def test_loopback_urls(url, ok):
    assert is_loopback_url(url) is ok


def test_html_text_skips_scripts():
    assert html_text("<p>手机 <b>138</b></p><script>var x='13812345678'</script><style>p{}</style>") == "手机\n138"


def test_the_summary_escapes_what_the_page_wrote_and_names_the_level_in_words(env):
    repo, store = env
    hostile = records.NewReport(url=URL, title="<script>alert(1)</script>开盒", text=DOX_POST + "\n<img src=x onerror=alert(2)>",
                                screenshot=data_url(png_bytes()), post_id="<b>PqRsT</b>")
    record = records.create(repo, store, hostile)[0]
    with zipfile.ZipFile(io.BytesIO(build_zip(record, store))) as zf:
        summary = zf.read("summary.html").decode("utf-8")
    assert "<script>alert(1)" not in summary and "&lt;script&gt;alert(1)&lt;/script&gt;" in summary
    assert "<img src=x" not in summary and "<b>PqRsT" not in summary
    level = record.evidence["exposure"]["level"]
    assert {"high": "高 (high)", "critical": "严重 (critical)"}[level] in summary
