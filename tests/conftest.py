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

# The docs harness's hooks and shared fixtures (docs_sandbox, api_schemas, tls_sandbox,
# reader_sandbox, node, examples_root, docs_token) are in tests/harness/fixtures.py,
# registered by the root conftest.py for the suite and for a page checked on its own.
