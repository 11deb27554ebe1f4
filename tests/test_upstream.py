"""Upstream behaviour the project works around, each checked so that the day upstream
changes, a test here fails and says which workaround to remove or revisit.

- pytest-examples 0.0.18 on Python 3.11 (``tests/harness/upstream.py``);
- uvicorn's plain-text ``400`` for malformed HTTP (``src/cloudws/protocol.py``);
- uvicorn's ``Server`` run in a thread and stopped by a flag (``cloudws.testing.serve``);
- MkDocs 1.6.1's strict build, which counts no warning under ``--quiet`` and checks no
  anchor of another page under ``--verbose`` (``hooks/strict.py``).
"""

from __future__ import annotations

import inspect
import os
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import h11
import pytest
from uvicorn.protocols.http.h11_impl import H11Protocol

from cloudws.protocol import ProblemH11Protocol
from cloudws.testing import serve

from .harness.pages import ROOT
from .helpers import HEAVY

pytest_plugins = ["pytester"]

PAGE = """\
# Page

```python
data = {"id": "ws-12345"}
print(data["name"])
```
"""

RAISING_EXAMPLE = """\
from pathlib import Path

from pytest_examples import CodeExample
from pytest_examples.eval_example import EvalExample

EXAMPLE = CodeExample.create('data = {"id": "ws-12345"}\\nprint(data["name"])\\n',
                             path=Path(__file__).parent / "page.md", start_line=3)


def run(tmp_path, request, rewrite_assertions=False):
    EvalExample(tmp_path=tmp_path, pytest_request=request).run(
        EXAMPLE, rewrite_assertions=rewrite_assertions)
"""


def _run_example(pytester: pytest.Pytester, test: str) -> pytest.RunResult:
    pytester.makefile(".md", page=PAGE)
    pytester.makepyfile(example_runner=RAISING_EXAMPLE, test_sample=textwrap.dedent(test))
    return pytester.runpytest_subprocess("-p", "pytest_examples", "-p", "no:cacheprovider",
                                         "-p", "no:randomly")


@pytest.fixture
def pytester(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    # Only the plugins a sample names: the inner run starts in a fraction of a second.
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")
    monkeypatch.setenv("PYTHONPATH", f"{pytester.path}{os.pathsep}{ROOT}")
    return pytester


@HEAVY
@pytest.mark.skipif(sys.version_info[:2] != (3, 11), reason="the crash is on Python 3.11 only")
def test_pytest_examples_still_crashes_pytest_on_a_raising_example(pytester):
    """tests/harness/upstream.py exists for this: pytest-examples' own traceback for a
    raising example, unrepaired, crashes pytest on Python 3.11."""
    result = _run_example(pytester, """\
        from example_runner import run

        def test_example(tmp_path, request):
            run(tmp_path, request)
        """)
    output = result.stdout.str() + result.stderr.str()
    if result.ret != pytest.ExitCode.INTERNAL_ERROR:
        pytest.fail("pytest-examples no longer crashes pytest on a raising example: remove "
                    "tests/harness/upstream.py and its uses (run_python_case, "
                    f"bench/plain_pattern.py).\n{output}")
    assert "RuntimeError: generator raised StopIteration" in output


@HEAVY
@pytest.mark.parametrize("rewrite", [False, True], ids=["importlib", "assertion-rewriting"])
def test_repaired_traceback_shows_the_page_line_and_columns(pytester, rewrite):
    result = _run_example(pytester, f"""\
        from example_runner import EXAMPLE, run
        from tests.harness.upstream import repair_example_traceback

        def test_example(tmp_path, request):
            try:
                run(tmp_path, request, rewrite_assertions={rewrite})
            except KeyError as exc:
                repair_example_traceback(exc, EXAMPLE)
                raise
        """)
    assert result.ret == pytest.ExitCode.TESTS_FAILED, result.stdout.str() + result.stderr.str()
    result.stdout.fnmatch_lines([
        ">   print(data[\"name\"])",
        "          ^^^^^^^^^^^^",
        "E   KeyError: 'name'",
        "page.md:5: KeyError",
    ])


# -- uvicorn: the 400 for malformed HTTP (src/cloudws/protocol.py) -----------------------

MALFORMED = b"GET /v1/workstations HTTP/1.1\r\nHost: a\r\nX: \x00\r\n\r\n"
REVISIT_PROTOCOL = ("uvicorn changed how it answers malformed HTTP: revisit "
                    "src/cloudws/protocol.py (ProblemH11Protocol.send_400_response).")


async def _ok(scope, receive, send):  # a minimal ASGI app: malformed requests never reach it
    await send({"type": "http.response.start", "status": 204, "headers": []})
    await send({"type": "http.response.body", "body": b""})


def _answer_to_malformed(**options) -> bytes:
    with serve(_ok, **options) as origin:
        host, port = origin.removeprefix("http://").rsplit(":", 1)
        with socket.create_connection((host, int(port)), timeout=5) as sock:
            sock.sendall(MALFORMED)
            answer = b""
            while chunk := sock.recv(65536):
                answer += chunk
    return answer


def test_uvicorn_still_has_the_method_protocol_overrides():
    params = list(inspect.signature(H11Protocol.send_400_response).parameters)
    assert params == ["self", "msg"], REVISIT_PROTOCOL
    assert ProblemH11Protocol.send_400_response is not H11Protocol.send_400_response
    assert list(inspect.signature(ProblemH11Protocol.send_400_response).parameters) == params


def test_uvicorn_still_answers_malformed_http_in_plain_text():
    answer = _answer_to_malformed(http=H11Protocol)
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400 "), REVISIT_PROTOCOL
    assert b"content-type: text/plain" in head.lower(), REVISIT_PROTOCOL
    assert body == b"Invalid HTTP request received.", REVISIT_PROTOCOL


def test_the_override_answers_malformed_http_with_what_it_uses_of_uvicorn(monkeypatch):
    seen: list[tuple[bool, bool, str]] = []
    original = ProblemH11Protocol.send_400_response

    def noting(self: ProblemH11Protocol, msg: str) -> None:
        # What the override reads of uvicorn's protocol, besides the method itself (noted
        # here, on the server's thread; checked below).
        seen.append((isinstance(self.conn, h11.Connection),
                     isinstance(self.server_state.default_headers, list), msg))
        original(self, msg)

    monkeypatch.setattr(ProblemH11Protocol, "send_400_response", noting)
    answer = _answer_to_malformed()
    assert seen == [(True, True, "Invalid HTTP request received.")], REVISIT_PROTOCOL
    assert answer.startswith(b"HTTP/1.1 400 ")
    assert b"application/problem+json" in answer and b'"malformed_request"' in answer


# -- uvicorn: a server in a thread (src/cloudws/testing.py, serve) -----------------------


def test_a_served_app_stops_when_its_block_ends():
    """``serve`` starts uvicorn's ``Server`` in a thread and waits for ``started``, the way
    uvicorn's maintainers show; it stops it by setting ``should_exit``. Were that flag
    renamed, setting it would do nothing: the server would go on answering, and its thread
    would outlive the block."""
    import threading

    def serving() -> set[threading.Thread]:  # other tests' servers may be running
        return {t for t in threading.enumerate() if t.name == "cloudws-serve" and t.is_alive()}

    before = serving()
    with serve(_ok) as origin:
        host, port = origin.removeprefix("http://").rsplit(":", 1)
        socket.create_connection((host, int(port)), timeout=5).close()
        assert len(serving() - before) == 1
    assert serving() - before == set(), (
        "uvicorn's Server no longer stops when should_exit is set: revisit "
        "cloudws.testing.serve")
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection((host, int(port)), timeout=5).close()


def _strict_build(tmp_path: Path, option: str, *hooks: Path) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` with ``option`` of a site whose home page links to a
    page that is not there (``--quiet``) or to an anchor another page has not
    (``--verbose``), with ``hooks``."""
    (tmp_path / "docs").mkdir(parents=True)
    (tmp_path / "docs" / "index.md").write_text(
        "# Home\n\nSee " + ("[the guide](missing.md)" if option == "--quiet"
                             else "[its part](other.md#no-such-part)") + ".\n")
    (tmp_path / "docs" / "other.md").write_text("# Other\n")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\nvalidation:\n  links:\n    anchors: warn\n"  # (as mkdocs.yml says)
        + "".join(f"hooks:\n  - {hook}\n" for hook in hooks))
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", option],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120,
                          check=False)


_MISSING = "contains a link 'missing.md'"
_NO_ANCHOR = "does not contain an anchor '#no-such-part'"


def test_mkdocs_strict_builds_still_let_warnings_through_quiet_and_verbose(
        tmp_path: Path) -> None:
    """MkDocs 1.6.1 builds a broken link with ``--strict --quiet``, saying nothing
    (mkdocs/mkdocs#4126), and a missing anchor with ``--strict --verbose``
    (mkdocs/mkdocs#3991): both exit 0. The day either fails, that part of
    hooks/strict.py can go."""
    quiet = _strict_build(tmp_path / "quiet", "--quiet")
    assert quiet.returncode == 0 and _MISSING not in quiet.stderr, (
        "MkDocs now fails a strict, quiet build on a warning by itself: take that part out "
        "of hooks/strict.py, and out of this test\n" + quiet.stderr)
    verbose = _strict_build(tmp_path / "verbose", "--verbose")
    assert verbose.returncode == 0 and _NO_ANCHOR not in verbose.stdout + verbose.stderr, (
        "MkDocs now checks anchors in a strict, verbose build by itself: take that part out "
        "of hooks/strict.py, and out of this test\n" + verbose.stderr[-2000:])


def test_a_strict_build_with_the_hook_fails_on_every_warning_quiet_or_verbose(
        tmp_path: Path) -> None:
    hook = ROOT / "hooks" / "strict.py"
    quiet = _strict_build(tmp_path / "quiet", "--quiet", hook)
    assert quiet.returncode == 1, quiet.stderr
    assert _MISSING in quiet.stderr, quiet.stderr
    assert "Aborted with 1 warnings in strict mode!" in quiet.stdout + quiet.stderr, quiet
    verbose = _strict_build(tmp_path / "verbose", "--verbose", hook)
    assert verbose.returncode == 1, verbose.stderr[-2000:]
    assert _NO_ANCHOR in verbose.stdout + verbose.stderr, verbose.stderr[-2000:]
    assert "DEBUG" in verbose.stdout + verbose.stderr  # (still verbose)
