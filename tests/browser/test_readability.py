"""Codes in tables read as written at every width, light and dark (docs/stylesheets/theme.css).

Measured in Chromium on the pages with the most codes in tables: every ``code`` element
in a table stays on one line (a narrow column wraps between codes, never inside one), and
a code that is a link is not crossed by its underline (it would hide the underscores of
``invalid_id``): the underline sits below the glyphs' box. At 1280 px every table fits
the page's column: none scrolls sideways, hiding the end of its last column (checked on the
pages with the longest codes in tables too: a pattern, marked ``.cws-long``, wraps).
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from .conftest import Visit, choose_scheme

PAGES = ["/workstations/delete/", "/workstations/update/", "/concepts/errors/"]

#: Per ``code`` element in a table: how many line boxes it takes, and for one inside a
#: link, where the link's underline is drawn relative to the bottom of the glyphs.
_MEASURE = """() => [...document.querySelectorAll("article td code")].map(code => {
  const link = code.closest("a");
  const style = getComputedStyle(code);
  const lineOffset = parseFloat(style.textUnderlineOffset) || 0;
  return {
    text: code.textContent,
    lines: code.getClientRects().length,
    linked: link !== null,
    long: code.classList.contains("cws-long"),
    linkDecoration: link ? getComputedStyle(link).textDecorationLine : "none",
    codeDecoration: style.textDecorationLine,
    offsetEm: lineOffset / parseFloat(style.fontSize),
  };
})"""


WIDTHS = [1280, 390]
#: The tables of the article that are wider than their column (and so scroll sideways),
#: each named by its first header cell.
_SCROLLING_TABLES = """() => [...document.querySelectorAll("article .md-typeset__scrollwrap")]
  .filter(wrap => wrap.scrollWidth > wrap.clientWidth)
  .map(wrap => (wrap.querySelector("th") || wrap).textContent.trim())"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_codes_in_tables_stay_whole_and_keep_their_underscores(visit: Visit, scheme: str) -> None:
    # Each page is loaded once and measured at every width: the viewport is resized in
    # place (the layout follows, as when a reader resizes the window).
    for number, path in enumerate(PAGES):
        page = visit.open(path)
        if scheme == "dark" and number == 0:  # the choice holds on the next pages
            choose_scheme(page, "slate")
        expect(page.locator("body")).to_have_attribute(
            "data-md-color-scheme", "slate" if scheme == "dark" else "default")
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            assert page.evaluate("innerWidth") == width
            codes: list[dict[str, Any]] = page.evaluate(_MEASURE)
            where = f"{path} at {width}px, {scheme}"
            assert any(c["linked"] and "_" in c["text"] for c in codes), \
                f"{where}: no linked code with an underscore in a table"
            broken = [c["text"] for c in codes  # 0 lines: in a hidden tab
                      if c["lines"] > 1 and not c["long"]]
            assert not broken, f"{where}: codes broken across lines: {broken}"
            crossed = [c["text"] for c in codes if c["linked"] and "_" in c["text"] and (
                c["linkDecoration"] != "none"
                or (c["codeDecoration"] != "none" and c["offsetEm"] < 0.3))]
            assert not crossed, f"{where}: an underline crosses the underscores of {crossed}"
            if width == WIDTHS[0]:
                scrolling = page.evaluate(_SCROLLING_TABLES)
                assert not scrolling, f"{where}: tables wider than the column: {scrolling}"


#: The pages whose tables hold the longest codes: a pattern, an example key, the
#: constants the facts are read from.
WIDE_PAGES = ["/workstations/create/", "/contributing/"]


def test_tables_with_the_longest_codes_fit_the_column_at_1280(visit: Visit) -> None:
    for path in WIDE_PAGES:
        page = visit.open(path)
        page.set_viewport_size({"width": WIDTHS[0], "height": 900})
        if path == "/workstations/create/":  # its Idempotency-Key pattern may wrap
            assert page.locator("article td code.cws-long").count() > 0
        scrolling = page.evaluate(_SCROLLING_TABLES)
        assert not scrolling, f"{path} at {WIDTHS[0]}px: tables wider than the column: {scrolling}"
