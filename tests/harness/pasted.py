"""Run every example as a reader pastes it: against the sandbox over plain HTTP on loopback.

A reader starts ``uv run cloudws serve``, sets the two ``export`` lines it prints
(``CLOUDWS_BASE_URL`` and ``CLOUDWS_TOKEN``), and pastes a block into ``bash`` or a
``python`` session. :class:`PastedSandbox` is that sandbox: the docs sandbox's app served by
uvicorn as ``cloudws serve`` runs it, in this process so the store can be reset between
examples. Each example runs in a fresh ``bash`` or ``python`` with only those variables
set (and ``PATH``/``HOME``, and a proxy where nothing listens for any host but loopback,
so that nothing reaches the network) — no ``.curlrc``, no routing, no patching — and what it
prints must be what the page shows: a curl command's JSON output, a Python block's ``#>``
lines.

Example:
    >>> import tempfile
    >>> from cloudws.app import create_app
    >>> with tempfile.TemporaryDirectory() as folder, \\
    ...         PastedSandbox(create_app(), Path(folder)) as server:
    ...     env = server.env()
    >>> env["CLOUDWS_BASE_URL"].startswith("http://127.0.0.1:"), env["CLOUDWS_TOKEN"]
    (True, 'cws_test_docs')
"""

from __future__ import annotations

import contextlib
import re
import subprocess
from contextlib import ExitStack
from itertools import accumulate, zip_longest
from pathlib import Path
from typing import Self

from fastapi import FastAPI

from cloudws.operations import API_ROOT
from cloudws.testing import serve

from . import checks
from .checks import ExampleError, check_exchanges, naming_pages, ran_too_long, request_notes
from .discovery import PythonCase
from .forkserver import PythonForkServer
from .jsoncheck import ApiSchemas
from .pages import display_path
from .sandbox import DOCS_TOKEN, DocsSandbox
from .tls import DEAD_PROXY, InFlight

__all__ = ["PastedSandbox", "expected_output", "run_pasted_python"]

_OUTPUT = re.compile(r"^[ \t]*#>(?: (?P<text>.*)|)$")


class PastedSandbox:
    """Serve ``app`` over plain HTTP on loopback while the ``with`` block runs."""

    def __init__(self, app: FastAPI, workdir: Path) -> None:
        self.app, self.workdir = InFlight(app), workdir
        self.origin = ""
        self._stack = ExitStack()

    def __enter__(self) -> Self:
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.origin = self._stack.enter_context(serve(self.app, timeout=20))
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.close()

    def wait_idle(self, timeout: float = 10) -> None:
        """Wait until every request has been answered and its observers told."""
        if not self.app.idle.wait(timeout):
            raise RuntimeError("the sandbox server is still answering a request")

    def env(self) -> dict[str, str]:
        """What the reader has: the two exports ``cloudws serve`` prints, and a home; and
        a proxy where nothing listens for any host but loopback, which curl and httpx
        honour, so that an example that names another host fails without reaching the
        network (node's ``fetch`` ignores it: ``node_guard.cjs`` stops it)."""
        return {"CLOUDWS_BASE_URL": f"{self.origin}{API_ROOT}", "CLOUDWS_TOKEN": DOCS_TOKEN,
                "HOME": str(self.workdir), "PATH": "/usr/bin:/bin",
                "ALL_PROXY": DEAD_PROXY, "NO_PROXY": "127.0.0.1,localhost,::1"}


#: How a pasted run is told.
_PASTED = ("pasted into a python session line by line (as the quickstart has readers paste "
           "its blocks) with only CLOUDWS_BASE_URL and CLOUDWS_TOKEN set")


def _after_a_block(source: str, line: int, said: str) -> str:
    """Advice for a syntax error at ``line`` of ``source`` that follows an indented line
    (comments aside) or a line of spaces: at the interactive prompt a block ends only at
    an empty line.

    Example:
        >>> error = "SyntaxError: invalid syntax"
        >>> for text in ("if x:\\n    y\\nz", "if x:\\n    y\\n# done\\nz", "if x:\\n    y\\n    \\nz",
        ...              "if x: y\\nz", "x = (\\nz"):
        ...     print(repr(_after_a_block(text, text.count("\\n") + 1, error)[-40:]))
        'ine: put one after it, before this line)'
        'ine: put one after it, before this line)'
        'e this one holds spaces; leave it empty)'
        ''
        ''
    """
    lines = source.split("\n")
    if "SyntaxError" not in said or not 1 < line <= len(lines):
        return ""
    here = lines[line - 1]
    earlier = [text for text in lines[:line - 1] if not text.lstrip().startswith("#")]
    before = earlier[-1] if earlier else ""
    if here[:1] in (" ", "\t", ""):
        return ""
    if before and not before.strip():
        return ("\n(in a session, a block such as an `if`, `for` or `with` ends only at an "
                "empty line: the line before this one holds spaces; leave it empty)")
    if before[:1] in (" ", "\t"):
        return ("\n(in a session, a block such as an `if`, `for` or `with` ends only at a "
                "blank line: put one after it, before this line)")
    return ""


def _line_place(case: PythonCase, line: int) -> str | None:
    """The example line of ``line`` of the pasted blocks, joined by newlines."""
    before = 0
    for example in case.examples:
        count = example.source.count("\n") + 1
        if line <= before + count:
            return f"{display_path(example.path)}:{example.start_line + line - before}"
        before += count
    return None


def expected_output(source: str) -> list[str]:
    """The lines an example prints, as its ``#>`` comments say, in order.

    Example:
        >>> expected_output("print(1)\\n#> 1\\nprint('')\\n#>\\n")
        ['1', '']
    """
    return [m["text"] or "" for line in source.splitlines() if (m := _OUTPUT.match(line))]


def run_pasted_python(case: PythonCase, server: PastedSandbox, sandbox: DocsSandbox,
                      schemas: ApiSchemas, python: PythonForkServer | None = None, *,
                      rewriting: bool = False) -> None:
    """Paste the case's blocks, in order, into one ``python`` session, line by line, with
    an empty line after each (the reader's Enter); compare its output.

    Each run is a new process that ``python``, a fork server, forks (without importing
    httpx again: see :mod:`.forkserver`), or one of its own. A statement the session
    cannot read (a block not ended by an empty line) or that raises, and a value a line
    leaves, which the session echoes, are named at their line. While
    ``rewriting`` (``--update-examples``: the in-process run rewrites the ``#>`` lines),
    its output is not compared: the next run compares it with the rewritten lines.
    """
    __tracebackhide__ = True
    first = case.examples[0]
    where = f"{display_path(first.path)}:{first.start_line + 1 if first.start_line else 1}"
    source = "\n".join(example.source for example in case.examples)
    ends = list(accumulate(example.source.count("\n") + 1 for example in case.examples))
    sandbox.reset()
    with naming_pages(case.shown_on), sandbox.recorder.capture(where) as exchanges, \
            ExitStack() as own:
        if python is None:  # a server of its own, for this example alone
            python = own.enter_context(PythonForkServer())
        try:
            done = python.paste(source, ends, server.env(), server.workdir,
                                timeout=checks.EXAMPLE_SECONDS)
        except subprocess.TimeoutExpired as late:
            with contextlib.suppress(RuntimeError):  # its last request, answered
                server.wait_idle()
            raise ExampleError(ran_too_long(
                where, f"{_PASTED}, the example", late.timeout, exchanges)) from None
        server.wait_idle()
    expected = [line for example in case.examples for line in expected_output(example.source)]
    printed = done.stdout.splitlines()
    if done.errors:
        line, said = done.errors[0]
        raise ExampleError(f"{_line_place(case, line) or where}: {_PASTED}, the example fails "
                           f"there:\n{said.strip(chr(10)).rstrip()}"
                           + _after_a_block(source, line, said)
                           + request_notes(exchanges, shown=expected, printed=printed,
                                           failed=True))
    if done.echoes:
        line, value = done.echoes[0]
        shown = value if len(value) <= 60 else value[:57] + "..."
        raise ExampleError(f"{_line_place(case, line) or where}: {_PASTED}, the session echoes "
                           f"{shown}, the value this line leaves, among what the example "
                           "prints: give it a name (`r = ...`), as the other lines do")
    if done.returncode != 0:
        raise ExampleError(f"{where}: {_PASTED}, the example exited {done.returncode}:\n"
                           f"{done.stderr.strip(chr(10)).rstrip()}"
                           + request_notes(exchanges, shown=expected, printed=printed,
                                           failed=True))
    if "CLOUDWS_BASE_URL" in source and not exchanges:
        raise ExampleError(f"{where}: pasted into a python session, the example made no "
                           "request to the sandbox at $CLOUDWS_BASE_URL")
    if printed != expected and not rewriting:
        places = [f"{display_path(example.path)}:{example.start_line + number}"
                  for example in case.examples
                  for number, line in enumerate(example.source.splitlines(), start=1)
                  if _OUTPUT.match(line)]
        differ = [n for n, (got, shown) in enumerate(zip_longest(printed, expected))
                  if got != shown]
        at = [places[min(n, len(places) - 1)] for n in differ] if places else [where]
        also = sorted(set(at[1:]) - {at[0]}, key=at.index)[:3]
        raise ExampleError(
            f"{at[0]}: pasted into a python session against the sandbox, the example prints "
            "what its #> lines do not say" + (f" (there, and at {', '.join(also)})" if also else "")
            + f":\n  shown:   {expected}\n  printed: {printed}"
            + request_notes(exchanges, shown=expected, printed=printed,
                            failed=not expected))
    check_exchanges(exchanges, schemas, where, shows_output=True)
