"""What several test modules share, in one place (test modules never import each other).

- the OpenAPI document, got one way: :func:`document`;
- requests made from the operations' declarations (:mod:`cloudws.operations`): the
  example that succeeds, and a recipe per (operation, status) for the scenario suite;
- the stub's invariants (:func:`assert_consistent`);
- running ``cloudws serve`` as a process (:func:`free_port`, :func:`spawn_serve`);
- showing measured numbers in the run's output (:func:`note`).
"""

from __future__ import annotations

import functools
import os
import re
import shlex
import socket
import subprocess
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import httpx
import pytest

from cloudws.document import load_document
from cloudws.limits import MAX_BODY_BYTES
from cloudws.operations import OPERATIONS, Example, Operation

__all__ = [
    "ROOT", "Request", "assert_consistent", "document", "free_port", "missing_volume", "note",
    "recipe", "spawn_serve", "success",
]

ROOT = Path(__file__).resolve().parents[1]
#: Where a per-operation recipe the generic rules cannot make is added.
RECIPES_HOME = "tests/helpers.py (CONFLICTS)"


#: The xdist group of the tests that hold the most memory while they run: the browser
#: tests (Chromium and Playwright's driver) and those that start a whole pytest, a site
#: build, or ``cloudws serve`` with a site. Under ``--dist loadgroup`` they run on one
#: worker, one after another, so that two of them never add up their peaks: the suite's
#: process tree stays under a gigabyte (``suite_peak_mb`` in bench/README.md).
HEAVY = pytest.mark.xdist_group("heavy")


#: What makes a run print otherwise than its options say: colours forced by the shell,
#: pytest options the shell adds, and the terminal's width (pytest's headers and
#: argparse's help are drawn to it).
_PRINTING = ("FORCE_COLOR", "PY_COLORS", "PYTEST_ADDOPTS", "COLUMNS", "LINES")


def as_printed(env: Mapping[str, str] | None = None) -> dict[str, str]:
    """``env`` (this process's environment by default) for a process whose output a test
    reads: without colours the shell forces, or pytest options it adds, in a terminal 80
    columns wide.

    Example:
        >>> as_printed({"PATH": "/usr/bin", "FORCE_COLOR": "1", "COLUMNS": "50"})
        {'PATH': '/usr/bin', 'COLUMNS': '80'}
    """
    env = os.environ if env is None else env
    return {k: v for k, v in env.items() if k not in _PRINTING} | {"COLUMNS": "80"}


@functools.cache
def tls() -> Any:
    """One TLS context for the tests' httpx clients (``verify=tls()``): each new client
    would otherwise load the CA bundle into a context of its own, about 18 ms, more than
    most requests to the in-process sandbox cost."""
    return httpx.create_ssl_context()


def missing_volume(vol_id: str) -> str:
    """The answer to a read of the volume ``vol_id``, which does not exist, as a request
    note names it: its status, and the problem's code and detail, as the store gives them.

    Example:
        >>> missing_volume("vol-nope12345")
        '404 not_found (Volume vol-nope12345 does not exist.)'
    """
    from cloudws.errors import ApiError
    from cloudws.store import Store

    try:
        Store().get_volume(vol_id)
    except ApiError as error:
        return f"{error.status} {error.code} ({error.detail})"
    raise AssertionError(f"{vol_id} is one of the sandbox's volumes")


def without_group(nodeid: str) -> str:
    """``nodeid`` without the ``@<group>`` that xdist adds to a grouped test's id under
    ``--dist loadgroup`` (a group is named ``heavy`` or by a path or a page's case, and
    holds no bracket; a test's parameters end with ``]``).

    Example:
        >>> without_group("tests/test_x.py::test_y[a@b]@snippets/x.py")
        'tests/test_x.py::test_y[a@b]'
        >>> without_group("tests/test_x.py::test_y@heavy"), without_group("t.py::test[a@b]")
        ('tests/test_x.py::test_y', 't.py::test[a@b]')
    """
    head, at, group = nodeid.rpartition("@")
    if not at or "]" in group or "::" not in head:
        return nodeid
    return head


def document() -> dict[str, Any]:
    """The stub's OpenAPI document (cached by the stub's source; see cloudws.document)."""
    return load_document()


# -- requests from the declarations -------------------------------------------------------


@dataclass(frozen=True)
class Request:
    """A request, its path relative to the API's origin (``/v1/...``).

    ``before`` are requests to send first, to set the state up (a key to reuse);
    ``in_flight`` is an ``(operationId, Idempotency-Key)`` to hold as being processed
    (``Store.in_flight``) while it is sent.
    """

    method: str
    path: str
    json: Any = None
    params: dict[str, Any] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    content: bytes | None = None
    before: tuple[Request, ...] = ()
    in_flight: tuple[str, str] | None = None

    def send(self, client: httpx.Client, origin: str = "") -> httpx.Response:
        """Send it with ``client`` to ``origin`` (empty: the client's base URL)."""
        return client.request(self.method, origin + self.path, json=self.json,
                              params=self.params, headers=self.headers, content=self.content)


def _request(op: Operation, example: Example, headers: dict[str, str]) -> Request:
    body = dict(example.body) if example.body is not None else None
    return Request(op.method, op.url(replace(example, query={})), body,
                   dict(example.query), dict(headers))


def success(operation_id: str, headers: dict[str, str]) -> Request:
    """The declared example of ``operation_id``: it succeeds from the fixture state and
    passes every fault step of the operation."""
    op = OPERATIONS[operation_id]
    return _request(op, op.example, headers)


_UNKNOWN = {"workstations": "ws-nothere00", "volumes": "vol-nothere00"}
_RUNNING, _ATTACHED = "ws-67890", "vol-data12345"
#: For each operation whose 409 a request can get from the fixture state: an example
#: whose target or body conflicts with it. A new operation with such a 409 needs an
#: entry here; a create whose only 409 is a key in flight (createVolume) needs none: the
#: recipe holds its key in flight instead.
CONFLICTS: dict[str, Example] = {
    "createWorkstation": Example(body={"name": "clash", "machine_type": "standard-2",
                                       "volume_ids": [_ATTACHED]}),
    "updateWorkstation": Example(path={"id": _RUNNING}, body={"name": "renamed"}),
    "deleteWorkstation": Example(path={"id": _RUNNING}),
    "deleteVolume": Example(path={"id": _ATTACHED}),
}


#: The Idempotency-Key of the recipes that need one.
RECIPE_KEY = "recipe-key-1"


def _another(body: dict[str, Any]) -> dict[str, Any]:
    """A different valid body: the example's first number plus one, or its first string
    with ``-again`` added (still a valid name)."""
    for name, value in body.items():
        if isinstance(value, int) and not isinstance(value, bool):
            return {**body, name: value + 1}
        if isinstance(value, str):
            return {**body, name: value + "-again"}
    raise LookupError(f"no member of {body} to vary: add a recipe to {RECIPES_HOME}")


def recipe(operation_id: str, status: int, headers: dict[str, str]) -> Request:
    """A request that makes ``operation_id`` answer ``status`` from the fixture state
    (a 500 also needs ``store.fail_next``; see :class:`Request` for ``before`` and
    ``in_flight``)."""
    op = OPERATIONS[operation_id]
    ok = success(operation_id, headers)
    has_id = "id" in op.example.path
    if 200 <= status < 300 or status == 500:
        return ok
    if status == 400 and has_id:
        return _request(op, replace(op.example, path={"id": "NOT-an-id"}), headers)
    if status == 400 and ok.json is None:
        return replace(ok, params={"limit": 0})
    if status == 400:
        return replace(ok, json={**ok.json, "status": "running"})  # a read-only field
    if status == 401:
        return replace(ok, headers={})
    if status == 404 and has_id:
        kind = op.path.split("/")[2]
        return _request(op, replace(op.example, path={"id": _UNKNOWN[kind]}), headers)
    if status == 409 and operation_id in CONFLICTS:
        return _request(op, CONFLICTS[operation_id], headers)
    keyed = replace(ok, headers={**ok.headers, "Idempotency-Key": f'"{RECIPE_KEY}"'})
    if status == 409 and op.declares("idempotency_key_in_flight"):
        return replace(keyed, in_flight=(operation_id, RECIPE_KEY))
    if status == 422 and op.declares("idempotency_key_reused"):
        return replace(keyed, json=_another(ok.json), before=(keyed,))
    if status == 410 and op.replaced_by is not None:  # a removed operation's own answer
        return ok
    if status == 413 and ok.json is None:  # no body taken, but one is still limited
        return replace(ok, content=b"x" * (MAX_BODY_BYTES + 1))
    if status == 413:
        return replace(ok, json={**ok.json, "name": "x" * (MAX_BODY_BYTES + 1)})
    if status == 415:
        return replace(ok, json=None, content=b"name=box",
                       headers={**ok.headers, "Content-Type": "application/x-www-form-urlencoded"})
    raise LookupError(f"no scenario recipe for {operation_id} {status}: add one to "
                      f"{RECIPES_HOME}")


# -- invariants ----------------------------------------------------------------------------


def assert_consistent(state: dict[str, list[dict[str, Any]]]) -> None:
    """Every attachment is recorded on both sides; every owned volume has its workstation."""
    workstations = {w["id"]: w for w in state["workstations"]}
    volumes = {v["id"]: v for v in state["volumes"]}
    for ws in workstations.values():
        own, *standalone = ws["volume_ids"]
        assert volumes[own]["standalone"] is False, ws
        for vol_id in ws["volume_ids"]:
            assert volumes[vol_id]["attached_to"] == ws["id"], (ws, volumes[vol_id])
        assert all(volumes[v]["standalone"] for v in standalone), ws
    for vol in volumes.values():
        if vol["attached_to"] is not None:
            assert vol["id"] in workstations[vol["attached_to"]]["volume_ids"], vol
        if not vol["standalone"]:
            assert vol["attached_to"] in workstations, f"orphan volume {vol}"


# -- the built site -------------------------------------------------------------------------


@functools.cache  # each built page parsed once per process: the tests only read it
def built_page(site: Path, path: str) -> Any:
    """The page ``path`` of the built ``site`` (``workstations/delete/index.html``), parsed
    with BeautifulSoup's ``html.parser``."""
    from bs4 import BeautifulSoup

    return BeautifulSoup((site / path).read_text(), "html.parser")


# -- a page's table, read as claims (tests/test_lifecycle.py, tests/test_volume_kinds.py) --

#: A link to a page of the site, its anchor aside.
_PAGE_LINK = re.compile(r"\[[^\]]+\]\((?P<target>[^)#\s]+\.md)(?:#[^)\s]*)?\)")


def table_cells(line: str) -> list[str]:
    """The cells of a Markdown table's row ``line``, stripped."""
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def pinned(page: str, sentence: str, test: str) -> None:
    """Fail unless ``page`` (``docs/index.md``) says ``sentence``, which ``test`` holds to the
    sandbox, word for word (lines joined): a sentence no pattern reads, pinned to the test
    that checks it, so that neither changes without the other.

    Example:
        >>> pinned("docs/index.md", "Zebras graze here.", "tests/x.py::test_y")
        Traceback (most recent call last):
        ...
        Failed: docs/index.md:1: the page no longer says 'Zebras graze here.', which tests/x.py::test_y holds to the sandbox: ...
    """
    root = Path(__file__).resolve().parents[1]
    lines = (root / page).read_text().split("\n")
    if " ".join(sentence.split()) not in " ".join(" ".join(lines).split()):
        opening = " ".join(sentence.split()[:2])  # where it was, if it opens the same way
        line = next((n for n, said in enumerate(lines, 1) if opening in said), 1)
        pytest.fail(f"{page}:{line}: the page no longer says {sentence!r}, which {test} holds "
                    "to the sandbox: if the page's sentence is still true, make the test check "
                    "what it says now, and quote it there", pytrace=False)


def linked_operations(text: str, page: Path) -> list[str]:
    """The operations of the endpoint pages that ``text``, on ``page``, links to (other
    links are words)."""
    from .harness.pages import Page

    found = []
    for link in _PAGE_LINK.finditer(text):
        path = (page.parent / link["target"]).resolve()
        operation = Page.read(path).front_matter.get("operation") if path.is_file() else None
        if isinstance(operation, str):
            found.append(operation)
    return found


# -- cloudws serve as a process -------------------------------------------------------------


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def spawn_serve(command: Sequence[str], port: int, timeout: float = 60) -> Iterator[str]:
    """Run ``command`` (a ``cloudws serve`` on ``port``); yield its origin once it answers."""
    origin = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen(list(command), cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + timeout
        # One client for every probe: a new one loads the CA bundle each time, which cost
        # the test process about as much CPU as the server's own start.
        with httpx.Client(timeout=1, verify=tls()) as probe:
            while True:
                if proc.poll() is not None:
                    raise AssertionError(f"{shlex.join(command)} exited {proc.returncode}:\n"
                                         f"{proc.stderr.read()}")  # type: ignore[union-attr]
                try:
                    probe.get(f"{origin}/openapi.json")
                    break
                except httpx.TransportError:
                    if time.monotonic() > deadline:
                        raise AssertionError(f"{shlex.join(command)} did not answer") from None
                    time.sleep(0.05)
        yield origin
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:  # pragma: no cover - only if shutdown hangs
            proc.kill()
            proc.wait()


def note(request: pytest.FixtureRequest, text: str) -> None:
    """Show ``text`` in the test run's output (the measured numbers of a load test)."""
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    if capture is None or reporter is None:
        return
    with capture.global_and_fixture_disabled():
        reporter.write_line("")
        reporter.write_line(text)


#: Said under a stopped example's last request when it was sent again and again.
POLLED = ("(sent again and again, as by a loop waiting for a state: the sandbox changes a "
          "resource only when a request asks it to, at once, so a state it has not reached "
          "by then never comes)")
