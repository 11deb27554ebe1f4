"""The delete page checked by axe-core in Chromium (light and dark), and its weight."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, Route, expect

from .conftest import Visit, choose_scheme, until

DELETE_PAGE = "/workstations/delete/"
VENDOR = Path(__file__).parent / "vendor"
AXE = VENDOR / "axe.min.js"
AXE_PATH = "/__tests__/axe.min.js"  # served to the page by the test, from this origin
#: What the delete page may weigh on a first, uncached load, and take to load from loopback.
BUDGET_BYTES = 1_500_000
BUDGET_MS = 3_000


def test_axe_vendored_file_is_the_one_noted() -> None:
    note = (VENDOR / "README.md").read_text(encoding="utf-8")
    sha256 = re.search(r"`axe.min.js` sha256 \| `([0-9a-f]{64})`", note)
    version = re.search(r"^# Vendored: axe-core (\S+)$", note, re.MULTILINE)
    assert sha256 and version, "tests/browser/vendor/README.md lost its version or sha256"
    source = AXE.read_bytes()
    assert hashlib.sha256(source).hexdigest() == sha256.group(1)
    assert source.startswith(f"/*! axe v{version.group(1)}\n".encode())
    assert (VENDOR / "axe-core.LICENSE").read_text(encoding="utf-8").startswith(
        "Mozilla Public License, version 2.0")


def _run_axe(page: Page) -> list[dict[str, Any]]:
    """axe-core's violations on ``page``, with its default rules (WCAG 2.0 to 2.2 A and AA,
    and best practices). axe is served from this origin, so the site's CSP lets it run;
    it is added once per page."""

    def serve_axe(route: Route) -> None:
        route.fulfill(body=AXE.read_bytes(), content_type="text/javascript")

    if not page.evaluate("typeof axe !== 'undefined'"):
        page.route(f"**{AXE_PATH}", serve_axe)
        page.add_script_tag(url=AXE_PATH)
    return page.evaluate(
        """async () => {
             const results = await axe.run(document, {resultTypes: ['violations']});
             return results.violations.map(v => ({
               id: v.id, impact: v.impact, help: v.help,
               nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary),
             }));
           }"""
    )


def _fill_try_it(page: Page) -> None:
    """Send a request so that the result panel (status, headers, body) is checked too."""
    page.locator(".cws-try-it").scroll_into_view_if_needed()
    until(page, "document.querySelector('.cws-try-it form')")
    form = page.locator(".cws-try-it form")
    form.get_by_label("id (required)", exact=True).fill("ws-67890")
    send = form.locator("button.cws-try-it__send")
    send.click()
    until(page, "!document.querySelector('.cws-try-it__send').hasAttribute('aria-disabled')")
    expect(send).not_to_have_attribute("aria-disabled", "true")  # answered and shown
    expect(page.locator(".cws-try-it__body")).to_be_visible()


SCHEMES = {"light": "default", "dark": "slate"}


def test_delete_page_has_no_serious_accessibility_violations(visit: Visit) -> None:
    # One load checked in both schemes: light as the page opens, then dark after the
    # reader's toggle. In each, Try it's request is sent once the scheme is set, so its
    # result panel is drawn (and focused) in that scheme.
    page = visit.open(DELETE_PAGE)
    serious: dict[str, list[dict[str, Any]]] = {}
    for scheme, attribute in SCHEMES.items():
        if scheme == "dark":
            choose_scheme(page, attribute)
        expect(page.locator("body"), f"the {scheme} scheme").to_have_attribute(
            "data-md-color-scheme", attribute)
        _fill_try_it(page)
        serious[scheme] = [v for v in _run_axe(page) if v["impact"] in ("serious", "critical")]
    assert serious == {scheme: [] for scheme in SCHEMES}, "\n".join(
        f"{DELETE_PAGE} ({scheme}): {v['impact']} {v['id']}: {v['help']}\n  "
        + "\n  ".join(v["nodes"]) for scheme, found in serious.items() for v in found)


_MEASURE = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const entries = [nav, ...performance.getEntriesByType('resource')];
  return {
    transfer: entries.reduce((n, r) => n + r.transferSize, 0),
    urls: entries.map(r => r.name),
    dom_content_loaded: nav.domContentLoadedEventEnd,
    load: nav.loadEventEnd,
  };
}"""


def test_delete_page_weight_and_load_time(first_visit: Visit,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    visit = first_visit  # an empty HTTP cache: the weight of a first visit
    page = visit.open(DELETE_PAGE)
    # No request for 500 ms: the page has settled, and nothing else (openapi.json, say) is
    # on its way before the reader scrolls. No precise wait can tell the latter.
    page.wait_for_load_state("networkidle")
    first = page.evaluate(_MEASURE)
    # Every request the browser made is in the measure, and Try it has not loaded yet.
    assert set(visit.requests) <= set(first["urls"]), set(visit.requests) - set(first["urls"])
    assert not any(url.endswith("/openapi.json") for url in visit.requests), \
        "openapi.json is loaded before the reader reaches Try it"

    page.locator(".cws-try-it").scroll_into_view_if_needed()
    until(page, "document.querySelector('.cws-try-it form')")
    expect(page.locator(".cws-try-it form")).to_be_visible()
    # The form is built from openapi.json: wait for its entry in the timeline (a second
    # wait for "networkidle" would return at once, that state being reached already).
    until(page, "performance.getEntriesByType('resource')"
                ".some(r => r.name.endsWith('/openapi.json'))")
    full = page.evaluate(_MEASURE)
    assert set(visit.requests) <= set(full["urls"])
    with capsys.disabled():
        print(f"\ndelete page, first view: {len(first['urls'])} resource entries, "
              f"{first['transfer']} bytes, DOMContentLoaded {first['dom_content_loaded']:.0f} ms, load "
              f"{first['load']:.0f} ms; with Try it built: {len(full['urls'])} entries, "
              f"{full['transfer']} bytes (Performance API, uncompressed, uncached)")
    assert 0 < first["transfer"] < full["transfer"] <= BUDGET_BYTES
    assert 0 < first["load"] <= BUDGET_MS
