from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from cloudws.document import load_document
from cloudws.testing import BASE_URL, Sandbox, mock_api

TOKEN = "cws_test_contract"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    """A fresh fixture-state sandbox answering httpx requests to the API host."""
    with mock_api() as sb:
        yield sb


@pytest.fixture
def api(sandbox: Sandbox) -> Iterator[httpx.Client]:
    """An authenticated client for the in-process sandbox."""
    with httpx.Client(base_url=BASE_URL, headers=AUTH) as client:
        yield client


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory):
    """The site built strictly (link and anchor validation on) into a temporary folder."""
    from pathlib import Path

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site_dir = tmp_path_factory.mktemp("site")
    root = Path(__file__).resolve().parents[1]
    config = load_config(str(root / "mkdocs.yml"), strict=True, site_dir=str(site_dir))
    build(config)
    return site_dir


# -- the docs example harness (tests/harness/) -------------------------------------------


def pytest_configure(config: pytest.Config) -> None:
    from .harness import github, plugin

    plugin.register(config)
    github.register(config)


@pytest.fixture(scope="session")
def docs_sandbox(pytestconfig: pytest.Config):
    """The session's sandbox for docs examples and scenarios; reset it before each use.

    Every exchange it answers is recorded for the coverage table.
    """
    from .harness import plugin
    from .harness.sandbox import DocsSandbox

    docs_plugin = plugin.register(pytestconfig)
    sandbox = DocsSandbox.create()
    coverage = docs_plugin.start(load_document())
    sandbox.recorder.on_record = lambda kind, source, exchange: coverage.add(
        kind, source, exchange.operation_id, exchange.status
    )
    return sandbox


@pytest.fixture(scope="session")
def api_schemas(docs_sandbox):
    """Validators for the bodies of the sandbox's OpenAPI document."""
    from .harness.jsoncheck import ApiSchemas

    return ApiSchemas(load_document())


@pytest.fixture(scope="session")
def tls_sandbox(docs_sandbox, tmp_path_factory: pytest.TempPathFactory):
    """The docs sandbox over HTTPS on loopback, with the ``.curlrc`` that reaches it."""
    from .harness.tls import TlsSandbox

    with TlsSandbox(docs_sandbox.app, tmp_path_factory.mktemp("tls")) as server:
        yield server


@pytest.fixture
def docs_token(monkeypatch: pytest.MonkeyPatch) -> str:
    """``CLOUDWS_TOKEN`` set to the sandbox token the examples read, and no
    ``CLOUDWS_BASE_URL``: in process, examples call the real host, which is routed to
    the sandbox (a reader's exported base URL must not send them elsewhere)."""
    from .harness.sandbox import DOCS_TOKEN

    monkeypatch.setenv("CLOUDWS_TOKEN", DOCS_TOKEN)
    monkeypatch.delenv("CLOUDWS_BASE_URL", raising=False)
    return DOCS_TOKEN
