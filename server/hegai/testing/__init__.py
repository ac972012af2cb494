"""Hegai for test suites: assert that Playwright pages expose no personal information.

The pytest plugin (``hegai.testing.plugin``, registered through the ``pytest11`` entry point)
provides the fixtures ``assert_no_exposed_pii``, ``hegai_browser`` and ``hegai_page``; the same
function can be imported directly::

    from hegai.testing import assert_no_exposed_pii
    assert_no_exposed_pii(page, allow=["400-800-1234"], ignore_types=["EMAIL"], min_level=None)
"""

from .assertion import ExposedPiiError, assert_no_exposed_pii, format_failure
from .exposure import LEVELS, AllowList, Exposure, PageExposure, inspect_page
from .page_text import PageText, collect_page_text, collector_source

__all__ = [
    "assert_no_exposed_pii", "ExposedPiiError", "format_failure", "inspect_page", "collect_page_text",
    "collector_source", "PageText", "PageExposure", "Exposure", "AllowList", "LEVELS",
]
