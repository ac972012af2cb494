"""How the one collector (extension/content/collect.js, issue 22) reads a page for the audit and
the plugin: as the extension does, and as a user sees it. The audit's old collector joined
"联系人<br>电话" and "<button>1</button><button>2</button>", read collapsed <details> and svg.
Both sides on one page: tests/e2e/test_one_collector.py."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>主页</title>
<style>.ghost{visibility:hidden}.seen{visibility:visible}</style></head><body>
<p id="br">联系人<br>13912345678</p>
<p id="split">手机：138<b>0013</b>8000 和 <span>1390013</span> <span>9000</span></p>
<nav id="pages"><button>1</button><button>2</button><button>3</button></nav>
<div class="ghost">看不见 13700003333 <span class="seen">看得见</span></div>
<details><summary>展开</summary><p>折叠的 13700004444</p></details>
<svg width="40" height="20"><text x="0" y="15">图里的字</text></svg>
<p><input value="预填 15800001111"></p>
</body></html>"""


def _read():
    from playwright.sync_api import sync_playwright

    from hegai.testing.browser import launch_chromium
    from hegai.testing.page_text import collect_page_text

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page()
        page.set_content(PAGE)
        text = collect_page_text(page)
        hidden = collect_page_text(page, include_hidden=True)
        browser.close()
    return text, hidden


def test_the_audit_reads_a_page_as_the_extension_and_a_user_do():
    with ThreadPoolExecutor(1) as pool:   # a thread of its own: other modules' Playwright may hold this one
        text, hidden = pool.submit(_read).result()
    lines = text.text.split("\n")
    assert "联系人" in lines and "13912345678" in lines                 # <br> breaks the line
    assert "手机：13800138000 和 1390013 9000" in lines                  # inline joins, a space separates
    assert {"1", "2", "3"} <= set(lines)                                  # buttons are not one number
    assert "看得见" in lines and "13700003333" not in text.text           # visibility:hidden is not read...
    assert "展开" in lines and "13700004444" not in text.text             # ...nor a collapsed <details>
    assert "图里的字" not in text.text
    assert "预填 15800001111" in lines                                     # fields are the audit's to read
    assert text.where(text.text.index("13912345678")) == "#br"
    assert "13700004444" in hidden.text and "13700003333" in hidden.text   # include_hidden reads them
