"""hooks/sandbox.py: the sandbox beside ``mkdocs serve``, and the meta tag naming it."""

from __future__ import annotations

import doctest
from pathlib import Path
from types import SimpleNamespace

import httpx
import yaml

from .conftest import PROJECT_ROOT, load_sandbox_hook

ORIGIN = "http://127.0.0.1:8000"
AUTH = {"Authorization": "Bearer cws_test_hook"}


def _page_html() -> str:
    return "<html><head><title>Delete</title></head><body></body></html>"


def _stopped(base_url: str) -> bool:
    try:
        httpx.get(base_url + "/workstations", headers=AUTH)
    except httpx.ConnectError:
        return True
    return False


def test_sandbox_hook_docstring_examples_pass() -> None:
    results = doctest.testmod(load_sandbox_hook(), optionflags=doctest.ELLIPSIS)
    assert results.attempted >= 5
    assert results.failed == 0


def test_sandbox_hook_cors_admits_the_dev_server_origin_only() -> None:
    hook = load_sandbox_hook()
    sandbox = hook.SandboxServer.start(hook.dev_origins("127.0.0.1", 8000))
    try:
        preflight = {"Access-Control-Request-Method": "DELETE",
                     "Access-Control-Request-Headers": "authorization"}
        allowed = httpx.options(sandbox.base_url + "/workstations/ws-12345",
                                headers={"Origin": ORIGIN, **preflight})
        refused = httpx.options(sandbox.base_url + "/workstations/ws-12345",
                                headers={"Origin": "http://evil.example", **preflight})
        deleted = httpx.delete(sandbox.base_url + "/workstations/ws-12345",
                               headers={"Origin": ORIGIN, **AUTH})
        # what Try it sends a create with: its body's type and the key a reader gives
        keyed = httpx.options(sandbox.base_url + "/volumes", headers={
            "Origin": ORIGIN, "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization,content-type,idempotency-key"})
    finally:
        sandbox.stop()

    assert keyed.status_code == 200, keyed.text
    assert "idempotency-key" in keyed.headers["access-control-allow-headers"].lower()

    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == ORIGIN
    assert "DELETE" in allowed.headers["access-control-allow-methods"]
    assert refused.status_code == 400
    assert "access-control-allow-origin" not in refused.headers
    assert deleted.status_code == 200 and deleted.json()["status"] == "deleted"
    assert deleted.headers["access-control-expose-headers"] == "*"
    assert _stopped(sandbox.base_url)


def test_sandbox_hook_serve_starts_it_and_names_it_in_every_page() -> None:
    hook = load_sandbox_hook()
    config = SimpleNamespace(dev_addr=("127.0.0.1", 8000))
    hook.on_startup(command="serve", dirty=False)
    try:
        assert hook.on_config(config) is config
        first = hook._State.sandbox
        hook.on_config(config)  # a rebuild: the same sandbox, not a second one
        assert hook._State.sandbox is first
        page = hook.on_post_page(_page_html(), page=None, config=config)
        reply = httpx.get(first.base_url + "/workstations/ws-67890", headers=AUTH)
    finally:
        hook.on_shutdown()

    assert f'<meta name="cloudws-sandbox" content="{first.base_url}"></head>' in page
    assert reply.json()["status"] == "running"
    assert hook._State.sandbox is None and _stopped(first.base_url)


def test_sandbox_hook_build_starts_nothing_and_changes_no_page() -> None:
    hook = load_sandbox_hook()
    hook.on_startup(command="build", dirty=False)
    config = SimpleNamespace(dev_addr=("127.0.0.1", 8000))
    hook.on_config(config)
    assert hook._State.sandbox is None
    assert hook.on_post_page(_page_html(), page=None, config=config) == _page_html()


def test_sandbox_hook_built_site_has_no_meta(built_site: Path) -> None:
    page = (built_site / "workstations" / "delete" / "index.html").read_text(encoding="utf-8")
    assert "cloudws-sandbox" not in page
    assert "javascripts/try-it.js" in page and "stylesheets/try-it.css" in page


def test_sandbox_hook_and_assets_are_in_mkdocs_yml() -> None:
    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    config = yaml.load((PROJECT_ROOT / "mkdocs.yml").read_text(encoding="utf-8"), _Loader)
    assert "hooks/sandbox.py" in config["hooks"]
    assert "javascripts/try-it.js" in config["extra_javascript"]
    assert "stylesheets/try-it.css" in config["extra_css"]
    for asset in ("docs/javascripts/try-it.js", "docs/stylesheets/try-it.css"):
        assert (PROJECT_ROOT / asset).is_file(), asset
