"""The site in a real browser: Playwright driving Debian's headless Chromium.

``live_site`` serves the strictly built site (``built_site``) and the sandbox API on one
loopback origin, exactly as ``uv run cloudws serve`` does, from a uvicorn thread of the
test process. ``visit`` gives each test a new tab on it that records every request, and
fails the test if any request leaves 127.0.0.1, or if a page logs a console error or
throws. The tabs share one browser context, and so its HTTP cache: a page loads in about
half the time and CPU of a first visit. Between tests the context's storage (local
storage, cookies, IndexedDB...) is cleared, and a new tab has a session storage of its
own, so each test starts as a reader who never came (but with the assets cached).
``first_visit`` is a context of its own, for what a first, uncached visit requests.

Every page the theme serves builds its search index, in a web worker, from
``search/search_index.json`` (every page's text): a third of the CPU of a page load here.
Every tab of a ``visit`` gets that file with its configuration and no page in it (the
worker starts and builds an index all the same, and its errors would show); a
``searching_visit`` and a ``first_visit``, the site's own.

The browser is Debian's ``chromium-headless-shell``: the same Chromium (engine, version and
patches as Debian's ``chromium``) built without the desktop browser's interface, which is
what Playwright itself runs for headless tests. Measured here on an idle tab, its
processes take about 190 MiB (PSS) where ``chromium --headless`` takes about 380 MiB (the
latter keeps a renderer for its omnibox popup, among others), and a load of the delete page
costs about a quarter less CPU.

The tests skip, with the reason, only when ``/usr/bin/chromium-headless-shell`` is missing;
with ``CI`` set they fail instead, so that CI cannot go green without running them.
"""

from __future__ import annotations

import base64
import importlib.util
import json
import os
import sys
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest

from cloudws import testing
from cloudws.store import Store

from ..helpers import HEAVY

if TYPE_CHECKING:
    from playwright.sync_api import (
        Browser,
        BrowserContext,
        CDPSession,
        ConsoleMessage,
        Error,
        Page,
        Request,
    )

CHROMIUM = Path("/usr/bin/chromium-headless-shell")
#: Playwright passes all but --disable-gpu itself. Not added, though they would cut work:
#: a second --blink-settings or --disable-features replaces Playwright's own (Chromium keeps
#: a switch's last value), undoing its hover/pointer emulation or its disabled features;
#: --blink-settings=imagesEnabled=false would also change the page weight measured.
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # V8 favours size over speed: measured here, the renderer of the delete page holds
    # about 30 MiB less while axe-core runs, for no CPU per page load beyond noise.
    "--js-flags=--optimize-for-size",
]
#: Given to Playwright's driver (a ``node`` process that relays every call to Chromium)
#: alone: V8's young generation at 2 MiB a half, where node's default lets it grow to 16.
#: Measured here over 40 loads of the delete page: the driver held 142 to 148 MiB (PSS)
#: with the default, 115 to 118 with this, for the same CPU (1.1 s); among the largest
#: processes at the suite's memory peak (``suite_peak_mb`` in bench/README.md).
DRIVER_NODE_OPTIONS = "--max-semi-space-size=2"
LOOPBACK = "127.0.0.1"
#: Every request to a host but this machine goes to a port where nothing listens.
LAUNCH_PROXY = {"server": "http://127.0.0.1:9", "bypass": "127.0.0.1,localhost"}
PROJECT_ROOT = Path(__file__).resolve().parents[2]


@dataclass
class LiveSite:
    """The built site and the sandbox API on ``url`` (``http://127.0.0.1:PORT``)."""

    url: str
    store: Store
    site_dir: Path

    @property
    def api(self) -> str:
        """The sandbox's base URL on this origin: ``url + "/v1"``."""
        return self.url + "/v1"


@dataclass
class Visit:
    """A tab on the live site (and any other tab of its context opened meanwhile), with
    everything they asked for and logged."""

    context: BrowserContext
    page: Page
    site: LiveSite
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    apis: list[str] = field(default_factory=list)
    #: Console errors the test provokes on purpose: one containing any of these is noted
    #: in ``tolerated`` instead of ``errors``.
    expected_errors: list[str] = field(default_factory=list)
    tolerated: list[str] = field(default_factory=list)
    #: Done to the visit's first tab and to each one :meth:`new_tab` opens, before it
    #: loads anything (the search index it gets); a tab that a page opens gets the site's.
    prepare: Callable[[Page], None] | None = None
    #: Why Chromium could not answer a request of the visit's with what ``prepare`` set
    #: (the request went on to the site instead).
    unanswered: list[str] = field(default_factory=list)

    def open(self, path: str) -> Page:
        """Load ``path`` (such as ``/workstations/delete/``); return once its scripts have run."""
        self.page.goto(self.site.url + path, wait_until="domcontentloaded")
        return self.page

    def new_tab(self) -> Page:
        """Another tab of this context (its own session storage; the same local storage),
        whose requests and errors are this visit's too, and which gets the visit's search
        index."""
        page = self.context.new_page()
        if self.prepare is not None:
            self.prepare(page)
        return page

    def problems(self) -> list[str]:
        """Requests off the machine, console errors and page errors, and what Chromium
        could not answer, as readable lines."""
        return ([f"request left {LOOPBACK}: {url}" for url in self.blocked]
                + [f"console/page error: {text}" for text in self.errors]
                + [f"the search index could not be answered: {why}" for why in self.unanswered])


def until(page: Page, condition: str, timeout: float = 5_000) -> None:
    """Return as soon as the JavaScript expression ``condition`` holds in ``page``, checked
    at every animation frame. ``expect()`` alone checks at growing intervals (0, 20, 50,
    100, 100 ms, then every 500 ms), so a wait of 300 ms there lasts 770 ms: call this
    first, and the ``expect()`` after it asserts on its first try. If ``condition`` does
    not hold within ``timeout`` ms (``expect()``'s own default), this returns anyway and
    that ``expect()`` fails, with its message.

    ``condition`` is wrapped in a function: Playwright would ``eval`` a bare expression in
    the page, which the site's Content-Security-Policy refuses."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    try:
        page.wait_for_function(f"() => ({condition})", timeout=timeout)
    except PlaywrightTimeoutError:
        pass


@dataclass
class Served:
    """An ASGI app served by uvicorn on 127.0.0.1 from a daemon thread."""

    url: str
    stop: Callable[[], None]


def choose_scheme(page: Page, scheme: str) -> None:
    """The reader's choice of colour scheme (``default`` or ``slate``), made with the
    header's toggle, which goes from the system's scheme to light, to dark, and back."""
    from playwright.sync_api import expect

    for _ in range(3):
        if page.locator("body").get_attribute("data-md-color-scheme") == scheme:
            return
        page.locator("form[data-md-component='palette'] label:visible").click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", scheme)


def serve(app: Any) -> Served:
    """Serve ``app`` on 127.0.0.1 and a free port as ``cloudws serve`` does (see
    :func:`cloudws.testing.serve`); return once it accepts connections."""
    stack = ExitStack()
    url = stack.enter_context(testing.serve(app, host=LOOPBACK))
    return Served(url=url, stop=stack.close)


@pytest.fixture(scope="package")
def live_site(built_site: Path) -> Iterator[LiveSite]:
    """``create_server(built_site)`` (as ``cloudws serve``) on 127.0.0.1 and a free port."""
    from cloudws.server import create_server

    store = Store()
    served = serve(create_server(built_site, store))
    yield LiveSite(url=served.url, store=store, site_dir=built_site)
    served.stop()


def require_chromium(path: Path = CHROMIUM, env: Mapping[str, str] = os.environ) -> Path:
    """``path`` if Chromium is there; else skip the test with the reason, or, when ``CI``
    is set, fail it (CI must not go green without the browser tests)."""
    if path.exists():
        return path
    reason = (f"{path} is missing: install Debian's headless Chromium (apt-get install "
              "chromium-headless-shell) to run the browser tests")
    if env.get("CI"):
        pytest.fail(f"CI is set but {reason}", pytrace=False)
    pytest.skip(reason)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every browser test in the ``HEAVY`` xdist group: under ``--dist loadgroup`` they
    share one worker, and so one Chromium (each worker would launch its own, and their
    CPU would compete), and no other memory-heavy test runs beside them."""
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(HEAVY)


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    """One headless Chromium (Debian's headless shell, not a downloaded one) for all the
    browser tests.

    Package-scoped: Playwright's sync API runs an event loop on the main thread while it
    is open, which would break ``asyncio.run`` in the tests that come after these."""
    executable = require_chromium()
    from playwright.sync_api import sync_playwright

    with driver_options(DRIVER_NODE_OPTIONS):
        playwright = sync_playwright().start()  # starts the driver, and so reads them
    try:
        chromium = playwright.chromium.launch(executable_path=str(executable), args=LAUNCH_ARGS,
                                              proxy=LAUNCH_PROXY)
        yield chromium
        chromium.close()
    finally:
        playwright.stop()


@contextmanager
def driver_options(options: str, env: MutableMapping[str, str] = os.environ) -> Iterator[None]:
    """``options`` added to ``NODE_OPTIONS`` (after any of the shell's) in the block, then
    taken out: Playwright's driver, started in it, inherits them from this process's
    environment, as every child process does; a ``node`` started after it (an example)
    does not."""
    before = env.get("NODE_OPTIONS")
    env["NODE_OPTIONS"] = f"{before} {options}" if before else options
    try:
        yield
    finally:
        if before is None:
            del env["NODE_OPTIONS"]
        else:
            env["NODE_OPTIONS"] = before


def _is_expected_api_answer(message: ConsoleMessage, apis: list[str]) -> bool:
    """Chromium logs every 4xx/5xx a page fetches as a console error; an API answer that
    Try it shows on purpose (say, the documented 409) is not a fault of the page."""
    url = (message.location or {}).get("url", "")
    return (message.text.startswith("Failed to load resource: the server responded with a "
                                    "status of")
            and any(url.startswith(api + "/") for api in apis))


def load_sandbox_hook() -> ModuleType:
    """``hooks/sandbox.py`` as a module of its own (not the one MkDocs loaded)."""
    name = "cloudws_docs_sandbox_hook_under_test"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, PROJECT_ROOT / "hooks" / "sandbox.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


#: The site's search index, whose text every page the theme serves reads into an index of
#: its own (see the module's docstring).
SEARCH_INDEX = "/search/search_index.json"


def unsearchable(site_dir: Path) -> str:
    """The site's search index as a page of ``site_dir`` gets it in a ``visit``: its
    configuration, and no page (base64, as Chromium's ``Fetch.fulfillRequest`` takes it)."""
    index = json.loads((site_dir / SEARCH_INDEX.lstrip("/")).read_text())
    return base64.b64encode(json.dumps({**index, "docs": []}).encode()).decode()


#: What a page may keep in a browser context besides the HTTP cache, cleared between tests.
STORAGE_TYPES = ("cookies,local_storage,indexeddb,file_systems,websql,cache_storage,"
                 "service_workers,shared_storage,storage_buckets")


class Tabs:
    """A browser context on the live site (clipboard allowed) whose every request and
    error is noted in the :class:`Visit` using it; one to a host but 127.0.0.1 is noted as
    blocked (and fails: see :data:`LAUNCH_PROXY`). One visit at a time.

    A context ``reused`` for visit after visit keeps a blank tab open for its life: when a
    context's last tab closes, Chromium tears down what the next tab then builds again
    (measured here: about 1 s of CPU per new tab, against 0.25 s with a tab kept open)."""

    def __init__(self, browser: Browser, site: LiveSite, *, reused: bool = True,
                 **context_options: Any) -> None:
        self.site = site
        self.visit: Visit | None = None
        self._index: str | None = None  # the search index a visit gets (unsearchable)
        self.context = browser.new_context(**{
            "base_url": site.url,
            "permissions": ["clipboard-read", "clipboard-write"],
            "viewport": {"width": 1280, "height": 900},
            **context_options,
        })
        self.context.on("request", self._on_request)
        self.context.on("console", self._on_console)
        self.context.on("page", lambda page: page.on("pageerror", self._on_page_error))
        self._blank = self.context.new_page() if reused else None
        self._cdp = self.context.new_cdp_session(self._blank) if self._blank else None

    def start(self, *, search: bool) -> Visit:
        """A new tab, and the visit that records it; unless it is to ``search``, its tabs
        get the site's search index with no page in it (:func:`unsearchable`)."""
        assert self.visit is None, "one visit at a time in a context"
        prepare = None if search else self._unsearchable
        page = self.context.new_page()
        if prepare is not None:
            prepare(page)
        self.visit = Visit(context=self.context, page=page, site=self.site,
                           apis=[self.site.api], prepare=prepare)
        return self.visit

    def _unsearchable(self, page: Page) -> None:
        # Chromium answers the one URL itself (Fetch, with that pattern alone): Playwright's
        # page.route() would hold every request for a round trip and turn off the cache.
        if self._index is None:
            self._index = unsearchable(self.site.site_dir)
        body, session = self._index, self.context.new_cdp_session(page)
        session.on("Fetch.requestPaused",
                   lambda paused: self._answer(session, paused["requestId"], body))
        session.send("Fetch.enable", {"patterns": [{"urlPattern": f"*{SEARCH_INDEX}"}]})

    def _answer(self, session: CDPSession, request_id: str, body: str) -> None:
        """Answer the paused request ``request_id`` with the JSON ``body`` (base64); where
        Chromium cannot, let the request through and note why in the visit (Playwright
        drops what an event's handler raises)."""
        try:
            session.send("Fetch.fulfillRequest", {
                "requestId": request_id, "responseCode": 200, "body": body,
                "responseHeaders": [{"name": "Content-Type", "value": "application/json"}]})
            return
        except Exception as error:  # noqa: BLE001 - noted in the visit, which fails the test
            why = str(error)
        try:
            session.send("Fetch.continueRequest", {"requestId": request_id})
        except Exception as error:  # noqa: BLE001 - as above
            why += f"; nor let through: {error}"
        if self.visit is not None:
            self.visit.unanswered.append(why)

    def end(self) -> None:
        """Close the visit's tabs and, in a reused context, clear what its pages stored
        (every origin they requested; not the HTTP cache): the next visit starts as a
        reader who never came."""
        visit, self.visit = self.visit, None
        if visit is None:
            return
        for page in self.context.pages:
            if page is not self._blank:
                page.close()
        if self._cdp is None:
            return
        origins = {f"{parts.scheme}://{parts.netloc}" for parts in map(urlsplit, visit.requests)
                   if parts.scheme in ("http", "https") and parts.hostname == LOOPBACK}
        for origin in sorted(origins):
            self._cdp.send("Storage.clearDataForOrigin",
                           {"origin": origin, "storageTypes": STORAGE_TYPES})

    def close(self) -> None:
        self.visit = None
        self.context.close()

    def _on_request(self, request: Request) -> None:
        # Only noted: Chromium sends every request off 127.0.0.1 to a proxy where nothing
        # listens (LAUNCH_PROXY), so none can leave; intercepting each one instead
        # (context.route) would hold every request for a round trip to this process, and
        # turn off the HTTP cache.
        visit = self.visit
        if visit is None:
            return
        url = request.url
        visit.requests.append(url)
        if urlsplit(url).hostname != LOOPBACK and not url.startswith(("data:", "blob:")):
            visit.blocked.append(url)

    def _on_console(self, message: ConsoleMessage) -> None:
        visit = self.visit
        if (visit is None or message.type != "error"
                or _is_expected_api_answer(message, visit.apis)):
            return
        text = f"{message.text} ({(message.location or {}).get('url', '')})"
        if any(expected in text for expected in visit.expected_errors):
            visit.tolerated.append(text)
        else:
            visit.errors.append(text)

    def _on_page_error(self, error: Error) -> None:
        if self.visit is not None:
            self.visit.errors.append(f"{error.name}: {error.message}")


def _checked(visit: Visit) -> None:
    assert not visit.problems(), "\n".join(visit.problems())


@pytest.fixture(scope="package")
def tabs(browser: Browser, live_site: LiveSite) -> Iterator[Tabs]:
    """The one context whose tabs the ``visit`` fixture hands out (and its HTTP cache)."""
    tabs = Tabs(browser, live_site)
    yield tabs
    tabs.close()


def _visit(tabs: Tabs, live_site: LiveSite, *, search: bool) -> Iterator[Visit]:
    live_site.store.reset()
    visit = tabs.start(search=search)
    yield visit
    tabs.end()
    _checked(visit)


@pytest.fixture
def visit(tabs: Tabs, live_site: LiveSite) -> Iterator[Visit]:
    """A new tab on the live site, with nothing stored from earlier tests, the sandbox
    back in its fixture state, and a search index with no page in it (see the module's
    docstring); the test fails if any request left 127.0.0.1 or any page logged an
    error."""
    yield from _visit(tabs, live_site, search=False)


@pytest.fixture
def searching_visit(tabs: Tabs, live_site: LiveSite) -> Iterator[Visit]:
    """Like ``visit``, with the site's whole search index, for a test that searches."""
    yield from _visit(tabs, live_site, search=True)


@pytest.fixture
def first_visit(browser: Browser, live_site: LiveSite) -> Iterator[Visit]:
    """Like ``visit``, in a context of its own: an empty HTTP cache, as a reader's first
    visit."""
    live_site.store.reset()
    tabs = Tabs(browser, live_site, reused=False)
    visit = tabs.start(search=True)
    yield visit
    tabs.close()
    _checked(visit)
