"""``cloudws serve``: security headers, body limits, loopback binding and the README's flow."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from bs4 import BeautifulSoup

from cloudws import cli
from cloudws.app import create_app
from cloudws.limits import MAX_BODY_BYTES, MAX_HEAD_BYTES
from cloudws.protocol import ProblemH11Protocol
from cloudws.server import SECURITY_HEADERS, create_server
from cloudws.store import Store
from cloudws.testing import serve

from .harness.github import PLANTS_MISTAKES
from .helpers import HEAVY, free_port, spawn_serve, tls

ROOT = Path(__file__).resolve().parents[1]
AUTH = {"Authorization": "Bearer cws_test_server"}
CURL = shutil.which("curl") or "/usr/bin/curl"


# -- running cloudws serve as a process --------------------------------------------------


def listening_addresses(port: int) -> set[str]:
    """The local addresses on which some process listens on TCP ``port`` (Linux /proc)."""
    found = set()
    for table, family in (("/proc/net/tcp", socket.AF_INET), ("/proc/net/tcp6", socket.AF_INET6)):
        if not os.path.exists(table):
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                raw = bytes.fromhex(address)
                # /proc prints each 32-bit word in host (little-endian) order.
                raw = b"".join(raw[i:i + 4][::-1] for i in range(0, len(raw), 4))
                found.add(socket.inet_ntop(family, raw))
    return found


@pytest.fixture(scope="module")
def tiny_site(tmp_path_factory) -> Path:
    """A built site in miniature: a page with one inline script, a stylesheet, a secret
    next to (not inside) the site folder."""
    root = tmp_path_factory.mktemp("served")
    site = root / "site"
    site.mkdir()
    (site / "index.html").write_text(
        "<!doctype html><title>Docs</title><link rel=stylesheet href=style.css>"
        "<script>window.__docs = 1</script><script src=app.js></script><p>Hello</p>"
    )
    (site / "style.css").write_text("p { color: red }")
    (site / "app.js").write_text("console.log('docs')")
    (root / "secret.txt").write_text("root:x:0:0:secret")
    return site


@pytest.fixture(scope="module")
def client() -> Iterator[httpx.Client]:
    """The module's HTTP client. It keeps no connection open between requests, so each
    request is on a fresh connection as with ``httpx.get``; one client for the module
    loads the CA bundle once instead of once per request."""
    with httpx.Client(timeout=10, limits=httpx.Limits(max_keepalive_connections=0),
                      verify=tls()) as c:
        yield c


@pytest.fixture(scope="module")
def tiny_served(tiny_site: Path) -> Iterator[str]:
    """``cloudws serve``'s app serving ``tiny_site``, on loopback, for the module's tests
    of the static side (they change no state)."""
    with serve(create_server(tiny_site)) as origin:
        yield origin


@pytest.fixture(scope="module")
def api_served() -> Iterator[str]:
    """``cloudws serve``'s app with no site, on loopback, for the module's tests (they
    only read)."""
    with serve(create_server(None)) as origin:
        yield origin


def _sha256_source(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"


def _csp(response: httpx.Response) -> dict[str, list[str]]:
    policy = {}
    for directive in response.headers["content-security-policy"].split(";"):
        name, *sources = directive.split()
        policy[name] = sources
    return policy


def assert_security_headers(response: httpx.Response) -> dict[str, list[str]]:
    """The headers every response of ``cloudws serve`` carries; returns the parsed CSP."""
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "no-referrer"
    policy = _csp(response)
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["base-uri"] == ["'self'"]
    scripts = policy["script-src"]
    assert scripts[0] == "'self'"
    assert all(s.startswith("'sha256-") for s in scripts[1:]), scripts
    assert policy["connect-src"][0] == "'self'"
    for sources in policy.values():
        assert "'unsafe-eval'" not in sources and "*" not in sources
    assert "'unsafe-inline'" not in scripts
    return policy


README_CURL = re.compile(r"^curl .*?http://127\.0\.0\.1:8080/\S+$", re.MULTILINE | re.DOTALL)


def readme_curl(port: int) -> list[str]:
    """The README's curl command, with the port this test serves on."""
    text = (ROOT / "README.md").read_text()
    match = README_CURL.search(text)
    assert match, "README.md should show the curl DELETE against cloudws serve on port 8080"
    command = match.group(0).replace("\\\n", " ").replace(":8080/", f":{port}/")
    argv = shlex.split(command)
    assert argv[0] == "curl" and "DELETE" in argv
    return [CURL, *argv[1:]]


@HEAVY
def test_cloudws_serve_process_headers_and_readme_flow(tiny_site, client):
    """``uv run cloudws serve --port <free>``: headers, loopback only, the README's curl."""
    import json

    port = free_port()
    command = ["uv", "run", "--no-sync", "cloudws", "serve", "--port", str(port),
               "--site", str(tiny_site)]
    with spawn_serve(command, port) as origin:
        assert listening_addresses(port) == {"127.0.0.1"}
        page = client.get(f"{origin}/")
        assert page.status_code == 200 and "Hello" in page.text
        policy = assert_security_headers(page)
        assert policy["script-src"] == ["'self'", _sha256_source("window.__docs = 1")]
        assert policy["connect-src"] == ["'self'"]
        assert_security_headers(client.get(f"{origin}/v1/workstations"))

        first = subprocess.run(readme_curl(port), capture_output=True, text=True, check=True)
        assert json.loads(first.stdout) == {
            "id": "ws-12345", "status": "deleted",
            "deleted_volume_ids": ["vol-boot12345"], "detached_volume_ids": ["vol-data12345"],
        }
        again = subprocess.run(readme_curl(port) + ["-w", "\n%{http_code}"],
                               capture_output=True, text=True, check=True)
        body, status = again.stdout.rsplit("\n", 1)
        assert status == "404"
        assert json.loads(body)["code"] == "not_found"

        # The process answers malformed HTTP with a problem too (its uvicorn protocol).
        with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
            sock.sendall(b"GET /v1/workstations HTTP/1.1\r\nHost: a\r\nX: \x00\r\n\r\n")
            answer = b""
            while chunk := sock.recv(65536):
                answer += chunk
        assert answer.startswith(b"HTTP/1.1 400 ")
        assert b'"code": "malformed_request"' in answer


# -- binding -----------------------------------------------------------------------------


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.10", "example.com", "127.1"])
def test_serve_refuses_non_loopback_without_allow_remote(host):
    result = subprocess.run([sys.executable, "-m", "cloudws.cli", "serve", "--host", host],
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 2
    assert f"refusing to bind {host}" in result.stderr
    assert "--allow-remote" in result.stderr


@pytest.fixture
def uvicorn_calls(monkeypatch) -> list[dict]:
    """``uvicorn.run`` replaced by a recorder: what ``cloudws serve`` would start."""
    import uvicorn

    calls: list[dict] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append({"app": app, **kw}))
    return calls


@pytest.mark.parametrize(("argv", "host"), [
    ([], "127.0.0.1"), (["--host", "localhost"], "localhost"), (["--host", "::1"], "::1"),
    (["--host", "127.0.0.2"], "127.0.0.2"), (["--host", "[::1]"], "::1"),
    (["--host", "0.0.0.0", "--allow-remote"], "0.0.0.0"),
])
def test_serve_binds_loopback_by_default_and_remote_on_request(uvicorn_calls, argv, host):
    port = free_port()  # (serve refuses a port something listens on, as 8123 may be)
    assert cli.main(["serve", "--no-site", "--port", str(port), *argv]) == 0
    [call] = uvicorn_calls
    assert (call["host"], call["port"]) == (host, port)
    assert call["http"] is ProblemH11Protocol
    assert call["h11_max_incomplete_event_size"] == MAX_HEAD_BYTES


@pytest.mark.parametrize(("argv", "message"), [
    (["--port", "0"], "--port must be 1 to 65535"),
    (["--port", "70000"], "--port must be 1 to 65535"),
    (["--api-base", "javascript:alert(1)"], "--api-base must be an http:// or https:// URL"),
    (["--api-base", "https://x.example/v1; script-src *"], "--api-base must be"),
    (["--api-base", "https://x.example:abc/v1"], "--api-base must be"),
    (["--api-base", "https://x.example:99999/v1"], "--api-base must be"),
    (["--site", "/nonexistent"], "no index.html there"),
    (["--site", "/nonexistent", "--no-site"], "argument --no-site: not allowed with argument --site"),
])
def test_serve_rejects_bad_options_clearly(uvicorn_calls, capsys, argv, message):
    """Said with the usage of `cloudws serve`, as argparse says its own errors."""
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["serve", *(argv if "--site" in argv else ["--no-site", *argv])])
    assert exit_info.value.code == 2
    said = capsys.readouterr().err
    assert message in said and "cloudws serve: error: " in said, said
    assert uvicorn_calls == []


def test_api_base_is_the_only_other_origin_scripts_may_call(uvicorn_calls, client):
    # (on a free port: a writer's own `cloudws serve` may hold the default one)
    cli.main(["serve", "--no-site", "--port", str(free_port()),
              "--api-base", "https://API.cloudworkstation.example.com/v1"])
    [call] = uvicorn_calls
    with serve(call["app"]) as origin:
        policy = assert_security_headers(client.get(f"{origin}/openapi.json"))
    assert policy["connect-src"] == ["'self'", "https://api.cloudworkstation.example.com"]
    assert policy["script-src"] == ["'self'"]


def test_serve_on_an_address_not_of_this_machine_says_why_it_cannot_start():
    with pytest.raises(RuntimeError, match=r"^the sandbox server cannot listen on 203\.0\.113\.9: "
                                           r"Cannot assign requested address$"), \
            serve(create_app(), host="203.0.113.9"):
        pass


def test_serve_thread_listens_on_loopback_only(api_served):
    port = int(api_served.rsplit(":", 1)[1])
    assert listening_addresses(port) == {"127.0.0.1"}


def test_an_observer_is_told_before_the_client_has_the_answer(client):
    """Over HTTP, what an observer of the app saw is there once the client has its answer
    (an observer that takes its time included): a test reading it right after its
    request is never early."""
    import time

    told: list[int] = []

    def slow(exchange) -> None:  # type: ignore[no-untyped-def]
        time.sleep(0.2)
        told.append(exchange.status)

    app = create_app()
    app.state.observers.append(slow)
    with serve(app) as origin:
        for path in ("/v1/workstations/ws-12345", "/v1/workstations/ws-nope1"):
            status = client.get(f"{origin}{path}", headers=AUTH).status_code
            assert told[-1:] == [status], "the client had its answer before the observer"


def test_a_server_started_leaves_logging_alone_and_logs_no_request(client, capfd, caplog):
    """uvicorn's own logging configuration, set again by each server started, would give
    the process an access log for a moment: a connection another server of the process
    accepted then would print its requests (a stray ``INFO: … 200 OK`` line in a test's
    output). ``serve`` sets none, and puts back the levels uvicorn sets of its own loggers:
    they are as they were, while it serves and after, but for the access log, which has
    no handler and does not propagate; and no request is logged."""
    import logging

    loggers = [logging.getLogger(name) for name in ("uvicorn", "uvicorn.error", "uvicorn.asgi")]

    def state() -> list[tuple[int, list[logging.Handler], bool]]:
        return [(logger.level, list(logger.handlers), logger.propagate) for logger in loggers]

    access = logging.getLogger("uvicorn.access").level
    before = state()
    with caplog.at_level(logging.INFO), serve(create_app()) as first, \
            serve(create_app()) as second:
        assert state() == before
        assert logging.getLogger("uvicorn.access").level == access
        assert not logging.getLogger("uvicorn.access").hasHandlers()
        for origin in (first, second):
            assert client.get(f"{origin}/openapi.json").status_code == 200
    assert state() == before
    assert [r.getMessage() for r in caplog.records if r.name == "uvicorn.access"] == []
    out, err = capfd.readouterr()
    assert "GET /openapi.json" not in out + err, out + err


def test_a_server_with_a_request_under_way_stops_after_its_timeout(client):
    """A request left under way when the block ends (a body half sent) holds the server
    for ``timeout`` seconds at most: then it stops without it, and its thread ends."""
    import socket
    import threading
    import time
    from urllib.parse import urlsplit

    def serving() -> int:  # the servers' threads (the module's own serve on meanwhile)
        return sum(t.name == "cloudws-serve" for t in threading.enumerate())

    before = serving()
    with serve(create_app(), timeout=0.5) as origin:
        url = urlsplit(origin)
        half = socket.create_connection((url.hostname, url.port))
        half.sendall(b"POST /v1/volumes HTTP/1.1\r\nHost: x\r\nContent-Type: application/json"
                     b"\r\nAuthorization: Bearer cws_test_server\r\nContent-Length: 20\r\n"
                     b"\r\n{")
        time.sleep(0.1)  # read by the server: a request under way
        ended = time.monotonic()
    half.close()
    assert time.monotonic() - ended < 5
    assert serving() == before, "its thread runs on"
    with pytest.raises(httpx.ConnectError):
        client.get(f"{origin}/openapi.json")


def test_a_server_whose_loop_is_held_says_so_when_its_block_ends():
    """An observer of the app that waits holds the server's event loop: the block's end
    cannot stop it in ``timeout`` seconds, and says so rather than leave a server behind
    unsaid."""
    import threading
    import time

    def waits(exchange) -> None:  # type: ignore[no-untyped-def]
        time.sleep(0.8)

    def request(url: str) -> None:  # answered, or cut when the server stops
        with contextlib.suppress(httpx.HTTPError):
            httpx.get(url, timeout=5)

    app = create_app()
    app.state.observers.append(waits)
    block = serve(app, timeout=0.2)
    origin = block.__enter__()
    asked = threading.Thread(target=request, args=(f"{origin}/openapi.json",))
    asked.start()
    time.sleep(0.2)  # its request under way, the observer waiting
    with pytest.warns(RuntimeWarning, match=r"did not stop within 0.2 s of its block's end"):
        block.__exit__(None, None, None)
    asked.join()


# -- the real site ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def served_site(built_site) -> Iterator[tuple[str, Path]]:
    with serve(create_server(Path(built_site), Store())) as origin:
        yield origin, Path(built_site)


def test_site_inline_scripts_are_allowed_by_hash_and_nothing_else(served_site, client):
    origin, site = served_site
    pages = ["/", "/workstations/delete/", "/concepts/errors/", "/404.html"]
    for page in pages:
        response = client.get(origin + page)
        assert response.status_code == 200, page
        policy = assert_security_headers(response)
        soup = BeautifulSoup(response.text, "html.parser")
        inline = [s.string or "" for s in soup.find_all("script")
                  if not s.get("src") and s.get("type", "text/javascript") == "text/javascript"]
        assert inline, "the theme writes inline scripts; each must be allowed by its hash"
        for script in inline:
            assert _sha256_source(script) in policy["script-src"], (page, script[:80])
        handlers = [a for tag in soup.find_all(True) for a in tag.attrs if a.startswith("on")]
        assert handlers == [], f"{page}: inline event handlers cannot run under the policy"
    html_files = list(site.rglob("*.html"))
    assert len(policy["script-src"]) - 1 <= 10, "a handful of theme scripts, not one per page"
    assert len(html_files) > 10


@pytest.mark.parametrize("path", [
    "/", "/assets/javascripts/nothing.js", "/openapi.json", "/v1/workstations", "/nope/",
])
def test_every_kind_of_response_has_the_headers(served_site, client, path):
    origin, _ = served_site
    response = client.get(origin + path, headers=AUTH)
    assert_security_headers(response)


@pytest.mark.parametrize("path", [
    "/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/assets/..%2f..%2f..%2fsecret.txt",
    "/..%2fsecret.txt", "/%00", "/index.html%00.js", "/assets/%2e%2e/%2e%2e/secret.txt",
])
def test_static_side_refuses_traversal(tiny_served, path):
    import http.client

    host, port = tiny_served.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=5)
    conn.putrequest("GET", path, skip_accept_encoding=True)  # the path exactly as written
    conn.endheaders()
    response = conn.getresponse()
    body = response.read()
    conn.close()
    assert response.status in (400, 404), (path, response.status)
    assert b"secret" not in body and b"root:" not in body


@pytest.mark.parametrize("chunked", [False, True], ids=["declared", "chunked"])
@pytest.mark.parametrize("method", ["GET", "POST", "PUT"])
def test_static_side_limits_bodies(tiny_served, client, method, chunked):
    big = b"x" * (MAX_BODY_BYTES + 1)
    content = iter([big[:40_000], big[40_000:]]) if chunked else big
    response = client.request(method, f"{tiny_served}/", content=content)
    small = client.request("GET", f"{tiny_served}/", content=b"ignored")
    assert response.status_code == 413
    assert response.json()["code"] == "payload_too_large"
    assert_security_headers(response)
    assert small.status_code == 200 and "Hello" in small.text


def test_security_headers_without_a_site_are_the_constant(api_served, client):
    response = client.get(f"{api_served}/v1/workstations/ws-12345", headers=AUTH)
    assert {k: response.headers[k] for k in SECURITY_HEADERS} == SECURITY_HEADERS


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
def test_static_side_answers_other_methods_405(tiny_served, client, method):
    response = client.request(method, f"{tiny_served}/index.html", content=b"{}")
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, HEAD"
    assert_security_headers(response)


@PLANTS_MISTAKES
def test_serve_rebuilds_a_site_older_than_its_sources(tmp_path):
    import os

    from cloudws.cli import _newest_source

    (tmp_path / "docs").mkdir()
    page = tmp_path / "docs" / "index.md"
    page.write_text("# Home\n")
    os.utime(page, (1_000, 1_000))
    assert _newest_source(tmp_path) == 1_000
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    os.utime(tmp_path / "mkdocs.yml", (2_000, 2_000))
    assert _newest_source(tmp_path) == 2_000


# -- what cloudws serve says ---------------------------------------------------------------


def test_serve_reports_a_port_in_use_first_and_alone(uvicorn_calls, capsys):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        assert cli.main(["serve", "--no-site", "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"cloudws: cannot listen on 127.0.0.1 port {port}: "), err
    assert "--port" in err and "sandbox API at" not in err
    assert uvicorn_calls == []


def test_serve_reports_an_address_not_of_this_machine_as_the_hosts(uvicorn_calls, capsys):
    """An address no interface has: the host is told, not the port."""
    assert cli.main(["serve", "--no-site", "--host", "203.0.113.5", "--allow-remote"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("cloudws: cannot listen on 203.0.113.5 port 8080: "), err
    assert err.rstrip().endswith("Check --host: 203.0.113.5 is no address of this machine."), err
    assert uvicorn_calls == []


def test_openapi_onto_a_full_disk_says_so_in_one_line():
    done = subprocess.run(["bash", "-c", f"'{sys.executable}' -m cloudws.cli openapi > /dev/full"],
                          capture_output=True, text=True, check=False, timeout=60)
    assert (done.returncode, done.stderr) == (
        1, "cloudws: cannot write the document: No space left on device\n"), done.stderr


def _stale_site(root: Path, config: str) -> None:
    (root / "mkdocs.yml").write_text(f"site_name: Tiny\n{config}")
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# Tiny\n\nSee [the next page](nowhere.md).\n")


def _old_site(root) -> None:
    """A site built before its sources last changed."""
    (root / "site").mkdir()
    (root / "site" / "index.html").write_text("the site as it was")
    os.utime(root / "site" / "index.html", (0, 0))


@PLANTS_MISTAKES
def test_serve_outside_its_repository_or_without_mkdocs_says_what_it_serves(
        tmp_path, monkeypatch, capsys):
    """Installed in another project, there is no site to build: the API alone, said. Where
    MkDocs is not installed, a stale site is served as it is and no site is none, said;
    nothing is built, and nothing exits."""
    assert cli._site_dir(True, tmp_path) is None
    said = capsys.readouterr().err
    assert said.startswith("cloudws: no docs site: this cloudws is installed outside its "
                           f"repository (no mkdocs.yml in {tmp_path}), so it serves the API "
                           "alone; --site DIR serves a site built in a clone"), said
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    monkeypatch.setattr(cli, "_has_mkdocs", lambda: False)
    monkeypatch.setattr(cli, "_build", lambda *args: pytest.fail("built without MkDocs"))
    assert cli._site_dir(True, tmp_path) is None
    assert "the docs site cannot be built: it serves the API alone" in capsys.readouterr().err
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("<p>old</p>")
    os.utime(tmp_path / "site" / "index.html", (1_000, 1_000))
    assert cli._site_dir(True, tmp_path) == tmp_path / "site"
    said = capsys.readouterr().err
    assert f"so {tmp_path / 'site'} is served as it is, older than its sources" in said, said


@PLANTS_MISTAKES
def test_serve_builds_a_stale_site_showing_mkdocs_warnings_only(tmp_path, monkeypatch, capfd):
    _stale_site(tmp_path, "")
    _old_site(tmp_path)
    monkeypatch.setattr(cli, "PROJECT_ROOT", tmp_path)
    assert cli._site_dir(build=True) == tmp_path / "site"
    # the new build in its place, the old one gone, nothing left beside them; readable by
    # all, as MkDocs makes it (not the owner's alone, as a temporary folder is)
    assert "<html" in (tmp_path / "site" / "index.html").read_text()
    umask = os.umask(0)
    os.umask(umask)
    assert (tmp_path / "site").stat().st_mode & 0o777 == 0o777 & ~umask
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs", "mkdocs.yml", "site"]
    err = capfd.readouterr().err.splitlines()
    assert err[0] == "cloudws: building the docs site (mkdocs build)..."
    assert len(err) == 2 and err[1].startswith("WARNING"), err  # no INFO lines
    assert "contains a link 'nowhere.md'" in err[1]


@PLANTS_MISTAKES
def test_serve_shows_what_mkdocs_said_when_the_site_does_not_build(tmp_path, monkeypatch, capfd):
    _stale_site(tmp_path, "strict: true\n")
    _old_site(tmp_path)
    monkeypatch.setattr(cli, "PROJECT_ROOT", tmp_path)
    with pytest.raises(SystemExit, match=r"did not build \(see above; site/ is as it "
                                         r"was\); .*--no-site"):
        cli._site_dir(build=True)
    err = capfd.readouterr().err
    assert "nowhere.md" in err and "Aborted with 1 warnings in strict mode" in err, err
    assert ".site-building" not in err, err  # the folder MkDocs names is site/'s
    # not its cleaning and building of a folder, which was not site/: it is as it was
    assert "Cleaning site directory" not in err and "Building documentation" not in err, err
    # the old site whole, and nothing of the failed build left beside it
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs", "mkdocs.yml", "site"]
    assert [p.name for p in (tmp_path / "site").iterdir()] == ["index.html"]


@PLANTS_MISTAKES
@pytest.mark.parametrize("how", ["ctrl-c", "kill"])
def test_serve_stopped_while_it_builds_the_site_leaves_it_as_it_was(tmp_path, monkeypatch,
                                                                    capfd, how):
    """Ctrl-C or ``kill`` (SIGTERM) during the build: the build's half-written folder is
    removed, the old site is whole, and serve stops as it does when serving (exit 0), with
    one line."""
    import signal

    _stale_site(tmp_path, "")
    _old_site(tmp_path)
    monkeypatch.setattr(cli, "PROJECT_ROOT", tmp_path)
    before = signal.getsignal(signal.SIGTERM)

    def interrupted(args, **kwargs):
        half = Path(args[args.index("--site-dir") + 1])
        (half / "index.html").write_text("half")
        if how == "kill":
            os.kill(os.getpid(), signal.SIGTERM)
        raise KeyboardInterrupt

    monkeypatch.setattr(cli.subprocess, "run", interrupted)
    with pytest.raises(SystemExit) as stopped:
        cli._site_dir(build=True)
    assert stopped.value.code == 0
    assert capfd.readouterr().err.splitlines() == [
        "cloudws: building the docs site (mkdocs build)...",
        "cloudws: stopped before the docs site was built; site/ is as it was"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs", "mkdocs.yml", "site"]
    assert (tmp_path / "site" / "index.html").read_text() == "the site as it was"
    assert signal.getsignal(signal.SIGTERM) is before  # serving, uvicorn's own again


#: ``cloudws`` with Ctrl-C arriving as it loads the stub's modules (``from .server``,
#: ``from .app``), where a real Ctrl-C lands in its first half-second; and nothing served.
_CTRL_C_AS_IT_STARTS = """
import builtins, sys
import uvicorn
from cloudws import cli

real_import = builtins.__import__

def interrupted(name, globals=None, locals=None, fromlist=(), level=0):
    if level == 1 and name in ("server", "app"):
        raise KeyboardInterrupt
    return real_import(name, globals, locals, fromlist, level)

def served(*args, **kwargs):
    raise SystemExit("served")

builtins.__import__ = interrupted
uvicorn.run = served
cli.run()
"""


@pytest.mark.parametrize("argv", [["serve", "--no-site"], ["openapi"]])
def test_ctrl_c_while_it_starts_stops_it_with_one_line_as_ctrl_c_ends_a_command(argv):
    """Ctrl-C while the stub's modules load (the first half-second): one line, not a
    traceback of the imports; and the process ends by the signal, so that a shell runs
    nothing after it (``cloudws openapi > spec.json && ...``)."""
    import signal

    done = subprocess.run([sys.executable, "-c", _CTRL_C_AS_IT_STARTS, *argv],
                          capture_output=True, text=True, timeout=60, check=False)
    assert (done.returncode, done.stdout, done.stderr) == (
        -signal.SIGINT, "", "cloudws: stopped\n")


def test_serve_prints_the_exports_that_point_the_examples_at_it(uvicorn_calls, capsys):
    port = free_port()
    assert cli.main(["serve", "--no-site", "--port", str(port)]) == 0
    err = capsys.readouterr().err
    assert "Stop it with Ctrl-C." in err
    exports = [line.strip() for line in err.splitlines() if line.strip().startswith("export ")]
    assert exports == [f"export CLOUDWS_BASE_URL=http://127.0.0.1:{port}/v1",
                       f"export CLOUDWS_TOKEN={cli.SUGGESTED_TOKEN}"]
    assert cli.SUGGESTED_TOKEN.startswith("cws_test_")


def test_serve_default_port_is_not_mkdocs_serves():
    from mkdocs.config import load_config

    dev_port = int(load_config(str(ROOT / "mkdocs.yml")).dev_addr.port)
    assert cli.DEFAULT_PORT != dev_port
    readme = (ROOT / "README.md").read_text()
    assert f"http://127.0.0.1:{dev_port}" in readme and f"[--port {cli.DEFAULT_PORT}]" in readme


def test_every_local_address_the_docs_give_is_serves_or_mkdocs_serves():
    """An address on this machine in the README or a page is ``cloudws serve``'s default
    port or ``mkdocs serve``'s: one of them changed, the text that says it fails here."""
    from mkdocs.config import load_config

    ports = {cli.DEFAULT_PORT, int(load_config(str(ROOT / "mkdocs.yml")).dev_addr.port)}
    found = {f"{path.relative_to(ROOT)}:{text[:at.start()].count(chr(10)) + 1}": int(at[1])
             for path in [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
             for text in [path.read_text()]
             for at in re.finditer(r"(?:127\.0\.0\.1|localhost):(\d+)", text)}
    assert len(found) >= 5 and "docs/index.md" in "".join(found)
    wrong = {where: port for where, port in found.items() if port not in ports}
    assert not wrong, f"not cloudws serve's or mkdocs serve's port ({sorted(ports)}): {wrong}"


def test_help_is_plain_text():
    result = subprocess.run([sys.executable, "-m", "cloudws.cli", "--help"],
                            capture_output=True, text=True, check=True)
    assert "``" not in result.stdout and ":func:" not in result.stdout
    assert "cloudws serve" in result.stdout and "cloudws openapi" in result.stdout


def test_openapi_into_a_reader_that_stops_early_prints_no_traceback():
    """``cloudws openapi | head``: the pipe closes after a few lines."""
    done = subprocess.run(["bash", "-c", f"'{sys.executable}' -m cloudws.cli openapi | head -n 3"],
                          capture_output=True, text=True, check=True, timeout=60)
    assert done.stdout.splitlines() == ["{", '  "openapi": "3.1.0",', '  "info": {']
    assert done.stderr == "", done.stderr


def test_quickstart_shows_what_serve_prints(uvicorn_calls, capsys, monkeypatch, tiny_site):
    monkeypatch.setattr(cli, "_check_free", lambda host, port: None)  # 8080 may be in use
    assert cli.main(["serve", "--site", str(tiny_site)]) == 0
    printed = capsys.readouterr().err.strip()
    quickstart = (ROOT / "docs" / "quickstart.md").read_text()
    shown = re.search(r"```text\n(cloudws: sandbox API at .*?)\n```", quickstart, re.DOTALL)
    assert shown, "docs/quickstart.md should show what `uv run cloudws serve` prints"
    assert shown.group(1) == printed, "docs/quickstart.md shows other lines than it prints"


def test_a_server_without_a_site_says_it_answers_the_api_only():
    import asyncio

    import httpx

    from cloudws.server import create_server

    async def get() -> httpx.Response:
        transport = httpx.ASGITransport(create_server(None))
        async with httpx.AsyncClient(transport=transport) as client:
            return await client.get("http://127.0.0.1/")

    r = asyncio.run(get())
    assert r.status_code == 404 and "answers the API only" in r.text


def test_a_site_emptied_while_it_is_served_is_answered_503_saying_how_to_build_it(tmp_path):
    """``mkdocs build`` empties the site's folder as it starts, and leaves it empty when it
    fails: while ``cloudws serve`` serves that folder, a page asked for is answered ``503``
    with what happened and what to do, not a bare 404; a page missing from a site that is
    there is still a 404, and the API still answers."""
    import asyncio

    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<!doctype html><title>docs</title><p>docs</p>")

    async def get(*paths: str) -> list[httpx.Response]:
        transport = httpx.ASGITransport(create_server(site, Store()))
        async with httpx.AsyncClient(transport=transport) as client:
            return [await client.get(f"http://127.0.0.1{path}", headers=AUTH) for path in paths]

    there, missing = asyncio.run(get("/", "/nothere/"))
    assert (there.status_code, missing.status_code) == (200, 404), (there.text, missing.text)
    (site / "index.html").unlink()  # as a failed `mkdocs build` leaves it
    page, other, api = asyncio.run(get("/", "/workstations/delete/", "/v1/workstations/ws-12345"))
    for response in (page, other):
        assert response.status_code == 503, response.text
        assert f"the docs site is gone from {site}" in response.text, response.text
        assert "uv run mkdocs build" in response.text and "cloudws serve" in response.text
        assert_security_headers(response)
    assert api.status_code == 200 and api.json()["id"] == "ws-12345", api.text
