"""The browser tests' own rules: skip only without Chromium, and never in CI; a visit
starts with nothing stored by the one before it; Playwright's driver alone gets its
memory option."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from ..harness.curl import _descendants
from .conftest import (
    DRIVER_NODE_OPTIONS,
    SEARCH_INDEX,
    LiveSite,
    Tabs,
    Visit,
    driver_options,
    require_chromium,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page


def test_require_chromium_returns_the_executable_when_present(tmp_path: Path) -> None:
    executable = tmp_path / "chromium-headless-shell"
    executable.write_text("")
    assert require_chromium(executable, env={"CI": "true"}) == executable


def test_require_chromium_skips_with_the_reason_when_missing(tmp_path: Path) -> None:
    with pytest.raises(pytest.skip.Exception, match="chromium-headless-shell is missing: install Debian's"):
        require_chromium(tmp_path / "chromium-headless-shell", env={})


def test_require_chromium_fails_in_ci_when_missing(tmp_path: Path) -> None:
    with pytest.raises(pytest.fail.Exception, match="CI is set but .*chromium-headless-shell is missing"):
        require_chromium(tmp_path / "chromium-headless-shell", env={"CI": "true"})


@pytest.mark.parametrize(("shells", "within"), [
    (None, "--max-semi-space-size=2"),
    ("--dns-result-order=ipv4first", "--dns-result-order=ipv4first --max-semi-space-size=2"),
], ids=["none-of-the-shells", "after-the-shells"])
def test_driver_options_are_in_node_options_in_the_block_alone(shells: str | None,
                                                                within: str) -> None:
    env = {"PATH": "/usr/bin"} | ({"NODE_OPTIONS": shells} if shells else {})
    before = dict(env)
    with driver_options("--max-semi-space-size=2", env):
        assert env["NODE_OPTIONS"] == within
    assert env == before


def test_playwrights_driver_alone_runs_with_the_driver_options(browser: Browser) -> None:
    """The driver's node got :data:`DRIVER_NODE_OPTIONS`; this process, whose other
    children (the examples' node) inherit its environment, did not keep them."""
    assert browser.is_connected()
    def command(pid: int) -> bytes:  # (empty for one that ended meanwhile)
        try:
            return Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            return b""

    drivers = [pid for pid in _descendants(os.getpid()) if b"run-driver" in command(pid)]
    assert len(drivers) == 1, drivers
    environ = Path(f"/proc/{drivers[0]}/environ").read_bytes().split(b"\0")
    options = [v.decode() for v in environ if v.startswith(b"NODE_OPTIONS=")]
    shells = os.environ.get("NODE_OPTIONS")  # as the shell set it: restored once it started
    assert options == [f"NODE_OPTIONS={shells} {DRIVER_NODE_OPTIONS}" if shells
                       else f"NODE_OPTIONS={DRIVER_NODE_OPTIONS}"], (options, shells)


def test_visits_share_the_http_cache_but_nothing_stored(tabs: Tabs) -> None:
    first = tabs.start(search=False)
    try:
        first.open("/")
        first.page.evaluate("localStorage.setItem('left', 'behind'); "
                            "sessionStorage.setItem('left', 'behind'); "
                            "document.cookie = 'left=behind; path=/'")
        # The page hands its cookie to the browser's cookie store without waiting: once it
        # is there, the visit has stored it (under load, the clearing at its end could
        # otherwise come first, and the cookie after it).
        deadline = time.monotonic() + 5
        while not (kept := any(c["name"] == "left" for c in tabs.context.cookies())) \
                and time.monotonic() < deadline:
            time.sleep(0.01)
        assert kept, "the visit's cookie never reached the browser's cookie store"
    finally:
        tabs.end()
    second = tabs.start(search=False)
    try:
        page = second.open("/")
        stored = page.evaluate("[localStorage.getItem('left'), sessionStorage.getItem('left'), "
                               "document.cookie]")
        # A script from the cache: no transfer, or a revalidation (304, headers only).
        assets = page.evaluate("performance.getEntriesByType('resource')"
                               ".filter(r => r.name.endsWith('.js'))"
                               ".map(r => [r.name, r.transferSize, r.encodedBodySize])")
    finally:
        tabs.end()
    assert stored == [None, None, ""], f"the previous visit's storage is still there: {stored}"
    uncached = [name for name, transfer, body in assets if transfer >= body]
    assert assets and not uncached, f"scripts not from the HTTP cache: {uncached}"
    assert not first.problems() and not second.problems(), first.problems() + second.problems()


def _index_the_theme_got(visit: Visit, page: Page) -> object:
    """The search index the theme fetched as ``page`` loaded the home page."""
    with page.expect_response(lambda answer: answer.url.endswith(SEARCH_INDEX)) as got:
        page.goto(visit.site.url + "/")
    return json.loads(got.value.body())


def test_every_tab_of_a_visit_gets_the_search_index_with_no_page(
        visit: Visit, live_site: LiveSite) -> None:
    whole = json.loads((live_site.site_dir / SEARCH_INDEX.lstrip("/")).read_text())
    assert len(whole["docs"]) > 100  # every page's sections
    for page in (visit.page, visit.new_tab()):
        assert _index_the_theme_got(visit, page) == {**whole, "docs": []}


def test_a_searching_visit_gets_the_whole_search_index(searching_visit: Visit,
                                                       live_site: LiveSite) -> None:
    whole = json.loads((live_site.site_dir / SEARCH_INDEX.lstrip("/")).read_text())
    assert _index_the_theme_got(searching_visit, searching_visit.page) == whole


def test_a_search_index_chromium_cannot_answer_is_a_problem_of_the_visit(tabs: Tabs) -> None:
    visit = tabs.start(search=False)
    try:
        tabs._answer(visit.context.new_cdp_session(visit.page), "no-such-request", "e30=")
    finally:
        tabs.end()
    [problem] = visit.problems()
    assert problem.startswith("the search index could not be answered: "), problem
    assert "; nor let through: " in problem, problem
