"""The delete page in Chromium: linked tabs, copy buttons, search, and nothing off the machine."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from playwright.sync_api import Page, expect

from .conftest import LOOPBACK, PROJECT_ROOT, Visit, choose_scheme, until

DELETE_PAGE = "/workstations/delete/"
OTHER_PAGE = "/workstations/get/"
CURL_SNIPPET = PROJECT_ROOT / "snippets" / "workstations" / "delete.sh"


def _selected_languages(page: Page) -> list[str]:
    """The selected tab of each Python/curl tab set on the page, in page order."""
    return page.eval_on_selector_all(
        ".tabbed-set",
        """sets => sets.flatMap(set => {
             const labels = [...set.querySelectorAll(':scope > .tabbed-labels > label')]
               .map(label => label.textContent.trim());
             if (!labels.includes('Python') || !labels.includes('curl')) return [];
             const input = set.querySelector(':scope > input:checked');
             return [set.querySelector(`label[for="${input.id}"]`).textContent.trim()];
           })""",
    )


def test_delete_page_linked_tabs_switch_together_and_persist(visit: Visit) -> None:
    page = visit.open(DELETE_PAGE)
    before = _selected_languages(page)
    assert len(before) >= 2 and set(before) == {"Python"}, before

    page.locator(".tabbed-labels label", has_text=re.compile(r"^curl$")).last.click()

    assert set(_selected_languages(page)) == {"curl"}, _selected_languages(page)
    page.goto(visit.site.url + OTHER_PAGE)
    after = _selected_languages(page)
    assert after and set(after) == {"curl"}, after


def test_the_colour_scheme_follows_the_system_until_the_reader_chooses(visit: Visit) -> None:
    page = visit.open(DELETE_PAGE)
    scheme = page.locator("body")
    for system, shown in (("dark", "slate"), ("light", "default"), ("dark", "slate")):
        page.emulate_media(color_scheme=system)
        page.reload()
        expect(scheme).to_have_attribute("data-md-color-scheme", shown)
    choose_scheme(page, "default")  # chosen: it holds whatever the system says
    page.reload()
    expect(scheme).to_have_attribute("data-md-color-scheme", "default")


def test_delete_page_copy_button_copies_the_exact_curl_command(visit: Visit) -> None:
    page = visit.open(DELETE_PAGE)
    command = CURL_SNIPPET.read_text(encoding="utf-8").rstrip("\n")
    page.locator(".tabbed-labels label", has_text=re.compile(r"^curl$")).first.click()
    block = page.locator(".tabbed-block pre:visible", has_text=command.splitlines()[0]).first
    expect(block).to_be_visible()
    block.hover()
    block.locator("button[data-md-type='copy'], button.md-clipboard").first.click()

    expect(page.get_by_text("Copied to clipboard")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == command


def test_delete_page_search_finds_the_volume_rule(searching_visit: Visit) -> None:
    visit = searching_visit
    page = visit.open(DELETE_PAGE)
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially("standalone volumes kept")  # the theme listens for keys
    results = page.locator(".md-search-result__link")
    until(page, "document.querySelector('.md-search-result__link')")
    expect(results.first).to_be_visible()
    hrefs = results.evaluate_all("links => links.map(a => a.href)")
    assert any(urlsplit(href).path.endswith(DELETE_PAGE) for href in hrefs), hrefs
    assert any(urlsplit(url).path.endswith("search_index.json") for url in visit.requests)


def test_delete_page_requests_stay_on_the_machine(first_visit: Visit) -> None:
    visit = first_visit  # nothing cached: every request of a first visit is seen
    page = visit.open(DELETE_PAGE)
    choose_scheme(page, "slate")  # the dark-mode toggle loads nothing off the machine
    page.goto(visit.site.url + "/")
    assert len(visit.requests) >= 5
    hosts = {urlsplit(url).hostname for url in visit.requests if url.startswith("http")}
    assert hosts == {LOOPBACK}, visit.requests
    assert visit.blocked == []
