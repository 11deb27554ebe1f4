"""Every curl example of the docs runs verbatim with the real curl against the stub over
TLS on loopback; what it prints is what the page shows, and valid against the schema of
the operation and status the stub answered.

Test ids name the page block (``docs/page.md:12``) or the snippet (``snippets/x.sh``,
whose output is ``snippets/x.json``).
"""

from __future__ import annotations

import shutil

import pytest

from .harness import discovery
from .harness.curl import run_curl_case
from .harness.pages import display_path

CURL = discovery.curl_cases()


def _group(case: discovery.CurlCase) -> pytest.MarkDecorator:
    # Under `--dist loadgroup`, a file's rewrites happen in the worker that runs its examples.
    shown = next((c.shown for c in case.commands if c.shown), None)
    return pytest.mark.xdist_group(display_path(shown.target.path) if shown else case.id)


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id, marks=_group(c)) for c in CURL])
def test_curl_example(case, request, docs_sandbox, api_schemas, tls_sandbox,
                      _examples_to_update):
    updating = request.config.getoption("update_examples")
    run_curl_case(case, tls_sandbox, docs_sandbox, api_schemas,
                  updates=_examples_to_update if updating else None)


def test_curl_is_the_system_binary():
    assert shutil.which("curl", path="/usr/bin:/bin") == "/usr/bin/curl"


def test_every_snippet_script_is_a_case():
    scripts = {discovery.display_path(p) for p in discovery.SNIPPETS.rglob("*.sh")}
    assert scripts and scripts <= {case.id for case in CURL}
