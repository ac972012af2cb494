"""The README's first steps name what a new user will see (issue 17, item 9): it once said to click
"允许 / Allow" where the button read "确认配对 Confirm", and never mentioned the vault (设置 → 我的信息)
that the own-info warnings and alerts depend on, nor the dashboard. Every label the README quotes in
bold as "中文 / English", or as a path 设置 → 我的信息, is a string the extension shows."""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
SECTION = README.split("## Load the extension", 1)[1].split("\n## ", 1)[0]


def _strings(locale: str) -> list[str]:
    catalogue = json.loads((ROOT / "extension" / "_locales" / locale / "messages.json").read_text(encoding="utf-8"))
    return [entry["message"] for entry in catalogue.values()]


ZH, EN = _strings("zh_CN"), _strings("en")


def _shown(label: str, strings: list[str]) -> bool:
    return any(label.strip() in s for s in strings)


def test_every_bold_label_the_readme_quotes_is_on_screen():
    quoted = [" ".join(m.split()) for m in re.findall(r"\*\*([^*]+?)\*\*", README)]
    pairs = [q.split(" / ", 1) for q in quoted if " / " in q and re.search(r"[\u4e00-\u9fff]", q)]
    assert pairs, "the README quotes no label"
    missing = [p for p in pairs if not (_shown(p[0], ZH) and _shown(p[1], EN))]
    assert not missing, f"labels the extension does not show: {missing}"


def test_the_first_steps_name_the_vault_and_the_dashboard():
    steps = " ".join(SECTION.split())
    paths = re.findall(r"\*\*([\u4e00-\u9fff]+) → ([\u4e00-\u9fff]+)\*\* / \*\*([A-Za-z ]+) → ([A-Za-z ()]+)\*\*", steps)
    assert paths, "the first steps do not say where to save your own info"
    for zh_menu, zh_item, en_menu, en_item in paths:
        assert _shown(zh_menu, ZH) and _shown(zh_item, ZH) and _shown(en_menu, EN) and _shown(en_item, EN), paths
    assert any("我的信息" in p[1] for p in paths)
    assert "打开仪表盘" in steps and "Open dashboard" in steps
