"""The site in a real browser: Playwright driving Debian's Chromium.

``live_site`` serves the strictly built site (``built_site``) and the sandbox API on one
loopback origin, exactly as ``uv run cloudws serve`` does, from a uvicorn thread of the
test process. ``visit`` gives each test a fresh browser context on it that records every
request, and fails the test if any request leaves 127.0.0.1, or if a page logs a console
error or throws.

The tests skip, with the reason, only when ``/usr/bin/chromium`` is missing; with ``CI``
set they fail instead, so that CI cannot go green without running them.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest

from cloudws import testing
from cloudws.store import Store

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Request

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
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
    """One browser context on the live site, with everything it asked for and logged."""

    context: BrowserContext
    page: Page
    site: LiveSite
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    apis: list[str] = field(default_factory=list)

    def open(self, path: str) -> Page:
        """Load ``path`` (such as ``/workstations/delete/``); return once its scripts have run."""
        self.page.goto(self.site.url + path, wait_until="domcontentloaded")
        return self.page

    def problems(self) -> list[str]:
        """Requests off the machine, console errors and page errors, as readable lines."""
        return ([f"request left {LOOPBACK}: {url}" for url in self.blocked]
                + [f"console/page error: {text}" for text in self.errors])


@dataclass
class Served:
    """An ASGI app served by uvicorn on 127.0.0.1 from a daemon thread."""

    url: str
    stop: Callable[[], None]


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
    reason = (f"{path} is missing: install Debian's chromium (apt-get install chromium) "
              "to run the browser tests")
    if env.get("CI"):
        pytest.fail(f"CI is set but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    """One headless Chromium (Debian's, not a downloaded one) for all the browser tests.

    Package-scoped: Playwright's sync API runs an event loop on the main thread while it
    is open, which would break ``asyncio.run`` in the tests that come after these."""
    executable = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(executable), args=LAUNCH_ARGS,
                                              proxy=LAUNCH_PROXY)
        yield chromium
        chromium.close()


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


def new_visit(browser: Browser, site: LiveSite, **context_options: Any) -> Visit:
    """A fresh context (clipboard allowed) whose every request is recorded; one to a
    host but 127.0.0.1 is noted as blocked (and fails: see :data:`LAUNCH_PROXY`)."""
    context = browser.new_context(**{
        "base_url": site.url,
        "permissions": ["clipboard-read", "clipboard-write"],
        "viewport": {"width": 1280, "height": 900},
        **context_options,
    })
    page = context.new_page()
    visit = Visit(context=context, page=page, site=site, apis=[site.api])

    def on_request(request: Request) -> None:
        # Only noted: Chromium sends every request off 127.0.0.1 to a proxy where nothing
        # listens (LAUNCH_PROXY), so none can leave; intercepting each one instead
        # (context.route) would hold every request for a round trip to this process.
        url = request.url
        visit.requests.append(url)
        if urlsplit(url).hostname != LOOPBACK and not url.startswith(("data:", "blob:")):
            visit.blocked.append(url)

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error" and not _is_expected_api_answer(message, visit.apis):
            visit.errors.append(f"{message.text} ({(message.location or {}).get('url', '')})")

    context.on("request", on_request)
    context.on("console", on_console)
    page.on("pageerror", lambda error: visit.errors.append(f"{error.name}: {error.message}"))
    context.on("page", lambda other: other.on(
        "pageerror", lambda error: visit.errors.append(f"{error.name}: {error.message}")))
    return visit


@pytest.fixture
def visit(browser: Browser, live_site: LiveSite) -> Iterator[Visit]:
    """A fresh context on the live site, the sandbox back in its fixture state; the test
    fails if any request left 127.0.0.1 or any page logged an error."""
    live_site.store.reset()
    visit = new_visit(browser, live_site)
    yield visit
    visit.context.close()
    assert not visit.problems(), "\n".join(visit.problems())
