from __future__ import annotations

import os
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:  # imported by the fixtures that use them: xdist's controller loads this
    import httpx  # file too, and needs neither the API nor its client

    from cloudws.testing import Sandbox

TOKEN = "cws_test_contract"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    """A fresh fixture-state sandbox answering httpx requests to the API host."""
    from cloudws.testing import mock_api

    with mock_api() as sb:
        yield sb


@pytest.fixture
def api(sandbox: Sandbox) -> Iterator[httpx.Client]:
    """An authenticated client for the in-process sandbox."""
    import httpx

    from cloudws.testing import BASE_URL

    from .helpers import tls

    with httpx.Client(base_url=BASE_URL, headers=AUTH, verify=tls()) as client:
        yield client


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory):
    """The site built strictly (link and anchor validation on) into a temporary folder.

    Built once per run: under pytest-xdist the workers share one build, in the run's
    base temporary folder, the first to get the lock building it (the pattern
    pytest-xdist documents for session fixtures). The build is the writer's own command,
    ``mkdocs build --strict``, in a process of its own; if it fails, the test says so
    with everything MkDocs printed.
    """
    import subprocess
    import sys
    from pathlib import Path

    from filelock import FileLock

    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # the folder every worker's base folder is in
    site_dir, done = shared / "built-site", shared / "built-site.done"
    root = Path(__file__).resolve().parents[1]
    with FileLock(str(shared / "built-site.lock")):
        if not done.exists():
            build = subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "--strict",
                 "--config-file", str(root / "mkdocs.yml"), "--site-dir", str(site_dir)],
                cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                check=False)
            if build.returncode != 0:
                pytest.fail(f"mkdocs build --strict failed ({build.returncode}):\n"
                            f"{build.stdout}", pytrace=False)
            done.touch()
    return site_dir


# The docs harness's hooks and shared fixtures (docs_sandbox, api_schemas, tls_sandbox,
# reader_sandbox, node, examples_root, docs_token) are in tests/harness/fixtures.py,
# registered by the root conftest.py for the suite and for a page checked on its own.
