"""JavaScript examples: found on the pages and in ``snippets/``, run verbatim with ``node``.

A JavaScript example is an ES module for Node 18+ that uses the built-in ``fetch``, with
no dependencies: a ``snippets/<section>/<page>.mjs`` file (included into its page in a
``=== "JavaScript"`` tab), or a ```` ```js ```` / ```` ```javascript ```` block on a page
(a page whose front matter says ``examples: shared`` runs its blocks in order as one
module). It reads its base URL and token as the other languages do::

    const BASE_URL =
      process.env.CLOUDWS_BASE_URL ?? "https://api.cloudworkstation.example.com/v1";
    const headers = { Authorization: `Bearer ${process.env.CLOUDWS_TOKEN}` };

What it prints is written under the ``console.log`` that printed it, one ``//>`` comment
line per printed line (the counterpart of Python's ``#>``)::

    console.log(r.status, result.status);
    //> 200 deleted

:func:`run_js_case` runs it as a reader would paste it — ``node snippets/x.mjs``, or the
block on the standard input of ``node --input-type=module`` — against the docs sandbox
served over plain HTTP on loopback (:class:`~tests.harness.pasted.PastedSandbox`), with
only ``CLOUDWS_BASE_URL``, ``CLOUDWS_TOKEN``, ``PATH`` and ``HOME`` set, and
``node_guard.cjs`` preloaded (a ``fetch`` to a host that is not loopback is refused, at the
example's line: node's ``fetch`` ignores proxy variables). Then:

- every request it made is an operation answered with a status its page documents
  (:func:`~tests.harness.checks.check_exchanges`);
- what it printed is what its ``//>`` lines say; a drift fails naming the file (or page)
  and line, with a diff of the example as it is against the example as it would be;
- every JSON object it printed (``console.log(JSON.stringify(body, null, 2))``, a line
  that starts with ``{``) is valid against the schema of a response it got, in order;
- pasted into a ``node`` session line by line (``node_paste.cjs``, node's own
  ``node:repl``), as the quickstart has readers paste it, no statement fails, the session
  echoes no statement's value among the output, and it prints the same.

Under ``--update-examples`` the ``//>`` lines are rewritten instead: the example runs once
more with a preloaded module that notes which ``console.log`` line printed each line.

Example:
    >>> expected_js_output("console.log(1);\\n//> 1\\nconsole.log('');\\n//>\\n")
    ['1', '']
    >>> print(with_output("for (const x of [1, 2]) {\\n  console.log(x);\\n}\\n",
    ...                   [(2, "1"), (2, "2")]), end="")
    for (const x of [1, 2]) {
      console.log(x);
      //> 1
      //> 2
    }
"""

from __future__ import annotations

import contextlib
import difflib
import functools
import itertools
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

import pytest
from pytest_examples import CodeExample

from . import discovery
from .pages import Page, display_path

if TYPE_CHECKING:  # imported where a run needs them: finding the cases needs none
    from .checks import ExampleError
    from .jsoncheck import ApiSchemas
    from .pasted import PastedSandbox
    from .sandbox import DocsSandbox, Seen

__all__ = [
    "JS_LANGS",
    "LINE_LENGTH",
    "JsCase",
    "check_js_examples",
    "expected_js_output",
    "js_cases",
    "node_binary",
    "printed_json_objects",
    "run_js_case",
    "with_output",
]

#: The info strings of a JavaScript block.
JS_LANGS = discovery.JS_LANGS
#: The longest line a JavaScript example may have (printed ``//>`` lines included).
LINE_LENGTH = 88
#: How long node may take to parse or check the examples (well under a second).
_CHECK_SECONDS = 60
_OUTPUT = re.compile(r"^[ \t]*//>(?: (?P<text>.*)|)$")
_URL = re.compile(r"""\bhttps?://[^\s"'`\\)]+""")
#: A string literal on one line: quoted, or a template (whose ``${...}`` it keeps).
_STRING = re.compile(r'''"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`''')
#: A stack frame's place: ``URL:line:column``, or in brackets after a function's name; its
#: URL may hold brackets of its own (a folder named ``Docs (copy)``: node encodes no bracket).
_FRAME = re.compile(r"^\(?(?P<url>\S+?):(?P<line>\d+):(?P<column>\d+)\)?$")
#: Preloaded (``node --require``) only to rewrite ``//>`` lines or to locate a wrong request:
#: notes the line of the ``console.log`` call that printed each line, and of each
#: ``fetch`` call (its whole stack: see :func:`_example_frame`), in a file named by the
#: environment.
_TRACE_CJS = r"""
const fs = require("node:fs");
const util = require("node:util");
const trace = process.env.CLOUDWS_DOCS_TRACE;
for (const name of ["log", "info"]) {
  const original = console[name].bind(console);
  const noted = (...args) => {
    const holder = {};
    Error.captureStackTrace(holder, noted);
    const frame = String(holder.stack).split("\n")[1] || "";
    const text = util.format(...args);
    fs.appendFileSync(trace, JSON.stringify({ frame: frame.trim(), text }) + "\n");
    original(...args);
  };
  console[name] = noted;
}
const fetch = globalThis.fetch;
globalThis.fetch = function noted(...args) {
  const holder = {};
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 100; // the example's frames, under its helpers
  Error.captureStackTrace(holder, noted);
  Error.stackTraceLimit = limit;
  const frames = String(holder.stack).split("\n").slice(1).map((f) => f.trim());
  fs.appendFileSync(trace, JSON.stringify({ frames, fetch: true }) + "\n");
  return fetch(...args);
};
"""


@dataclass
class JsCase:
    """JavaScript run as one ``node`` process: one block, one file, or a shared page."""

    id: str
    #: The blocks, in order (a snippet file is one block spanning the whole file).
    examples: list[CodeExample]
    #: The snippet file run as ``node <file>``; ``None``: the blocks go to node's stdin.
    file: Path | None = None
    #: For a snippet: the page lines that include it (their ``--8<--``).
    shown_on: tuple[str, ...] = ()

    @property
    def source(self) -> str:
        """What node runs: the blocks joined as one module."""
        return "\n".join(example.source for example in self.examples)

    @property
    def where(self) -> str:
        """The first line of the example: ``snippets/x.mjs:1``, ``docs/page.md:13``."""
        return _page_line(self.examples[0], 1)


# -- discovery ----------------------------------------------------------------------------


def js_cases(docs: Path = discovery.DOCS, snippets: Path = discovery.SNIPPETS) -> list[JsCase]:
    """Every JavaScript example: page blocks (a shared page's as one case) and snippets."""
    cases: list[JsCase] = []
    for page in discovery.pages(docs):
        discovery._check_includes(page, snippets, set(JS_LANGS), ".mjs")
        found = [_block(page, fence) for fence in page.fences
                 if fence.lang in JS_LANGS and not fence.includes]
        if not found:
            continue
        if page.front_matter.get("examples") == "shared":
            spans = ",".join(f"{ex.start_line + 1}-{ex.end_line - 1}" for ex in found)
            cases.append(JsCase(f"{page.where}:shared({spans})", found))
        else:
            cases += [JsCase(f"{page.where}:{ex.start_line}", [ex]) for ex in found]
    shown_on = discovery._inclusions(docs)
    for path in sorted(snippets.rglob("*.mjs")) if snippets.is_dir() else []:
        cases.append(JsCase(display_path(path), [discovery._whole_file(path)], file=path,
                            shown_on=shown_on.get(path.resolve(), ())))
    return cases


def _block(page: Page, fence) -> CodeExample:  # type: ignore[no-untyped-def]
    return discovery._example(page.path, fence.source, fence.line, fence.start_index,
                              fence.end_index, fence.indent, discovery._group(page))


def _page_line(example: CodeExample, line: int) -> str:
    """The file (or page) line of ``example``'s 1-based line ``line``."""
    return f"{display_path(example.path)}:{example.start_line + line}"


# -- node ---------------------------------------------------------------------------------


def node_binary(env: dict[str, str] | None = None) -> Path:
    """The ``node`` to run examples with: the reader's own (on ``PATH``: nvm, Homebrew,
    Volta), else the system's; else skip, or under ``CI`` fail, saying why."""
    env = dict(os.environ) if env is None else env
    found = (shutil.which("node", path=env.get("PATH", os.defpath))
             or shutil.which("node", path="/usr/bin:/bin:/usr/local/bin"))
    if found:
        return Path(found)
    reason = ("node is missing: install Node.js 18 or later (Debian: apt-get install "
              "nodejs) to run the JavaScript examples")
    if env.get("CI"):
        pytest.fail(f"CI is set but {reason}", pytrace=False)
    pytest.skip(reason)


#: A fetch :data:`_GUARD` refused; node's errors for a host name that does not resolve,
#: or nothing listening there.
_OFF_SANDBOX = re.compile(r"\bfetch refused: |\b(?:ENOTFOUND|EAI_AGAIN|ECONNREFUSED)\b")
#: What an example prints only when it did not get the value it meant to print.
_NO_VALUE = re.compile(r"\bundefined\b|\[object Promise\]|Promise \{")


def expected_js_output(source: str) -> list[str]:
    """The lines an example prints, as its ``//>`` comments say, in order."""
    return [m["text"] or "" for line in source.splitlines() if (m := _OUTPUT.match(line))]


#: Preloaded into every run: a ``fetch`` to a host that is not loopback is refused.
_GUARD = Path(__file__).with_name("node_guard.cjs")
#: V8's options for every run of an example. Node's ``fetch`` (undici) parses HTTP with
#: llhttp, compiled to WebAssembly as the first request is sent; V8 compiles it with its
#: baseline compiler (Liftoff), then again with its optimizing one (TurboFan) as it turns
#: hot, which a run of a few requests pays for and never gains from: here about 35 ms of
#: the 130 to 170 ms of CPU each run takes. Which compiler made the parser's code is
#: nothing an example can see: it prints, sends and fails as a reader's ``node`` does.
V8_OPTIONS = ("--liftoff-only",)


def _bare_env() -> dict[str, str]:
    """The environment of a ``node`` the harness runs for itself (a check, its version):
    ``PATH`` alone, as bare as the examples' own, so that a ``NODE_OPTIONS`` of the shell's
    (``--inspect``, a ``--require``) prints nothing into what it reads."""
    return {"PATH": os.environ.get("PATH", os.defpath)}


def v8_options(node: Path) -> tuple[str, ...]:
    """:data:`V8_OPTIONS`, or none if ``node`` refuses them (a version whose V8 has no
    such option: ``node: bad option``), so that its examples run all the same. Asked in
    an environment as bare as the examples' (a ``NODE_OPTIONS`` of the shell's, which they
    do not get, would fail it); once a run, however many threads ask at once (a page's
    examples start together)."""
    with _V8_ASKED:
        return _v8_options(node)


_V8_ASKED = threading.Lock()


@functools.cache
def _v8_options(node: Path) -> tuple[str, ...]:
    done = subprocess.run([str(node), *V8_OPTIONS, "--version"], capture_output=True,
                          text=True, check=False, timeout=_CHECK_SECONDS, env=_bare_env())
    return V8_OPTIONS if done.returncode == 0 else ()


def _run(node: Path, case: JsCase, server: PastedSandbox,
         extra_env: dict[str, str] | None = None,
         preload: Path | None = None, timeout: float | None = None,
         until: Callable[[], bool] | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``case`` as pasted: ``node <file>``, or its source on node's stdin; with
    :data:`_GUARD` preloaded, so that nothing it fetches leaves the machine. Ended after
    ``timeout`` seconds (:data:`.checks.EXAMPLE_SECONDS` by default), or as soon as
    ``until()`` holds (looked at every 20 ms), as a timeout: ``TimeoutExpired``."""
    from . import checks

    args = [str(node), *v8_options(node), "--require", str(_GUARD)]
    args += ["--require", str(preload)] if preload else []
    if case.file is not None:
        command, stdin = [*args, str(case.file)], None
    else:
        command, stdin = [*args, "--input-type=module"], case.source
    limit = checks.EXAMPLE_SECONDS if timeout is None else timeout
    options: dict[str, Any] = {"env": {**server.env(), **(extra_env or {})},
                               "cwd": server.workdir, "text": True}
    if until is None:
        return subprocess.run(command, input=stdin, capture_output=True, timeout=limit,
                              check=False, stdin=subprocess.DEVNULL if stdin is None else None,
                              **options)
    deadline = time.monotonic() + limit
    piped = subprocess.DEVNULL if stdin is None else subprocess.PIPE
    with subprocess.Popen(command, stdin=piped, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          **options) as process:
        pending = stdin
        while True:
            try:  # (reading what it prints meanwhile, so that it never waits on a full pipe)
                out, err = process.communicate(pending, timeout=0.02)
                return subprocess.CompletedProcess(command, process.returncode, out, err)
            except subprocess.TimeoutExpired:
                pending = None  # (given once)
                if until() or time.monotonic() > deadline:
                    process.kill()
                    out, err = process.communicate()
                    raise subprocess.TimeoutExpired(command, limit, out, err) from None


_PASTE = Path(__file__).with_name("node_paste.cjs")
#: What a node session says of a line that starts with "." and is none of its commands.
_KEYWORD = "Invalid REPL keyword"


def _paste_into_a_session(case: JsCase, node: Path, server: PastedSandbox,
                          sandbox: DocsSandbox, expected: list[str], *,
                          compare: bool = True) -> None:
    """Paste ``case`` into a ``node`` session line by line, as the quickstart has readers
    do (``node_paste.cjs``), from the fixture state: no statement may fail there, where
    the module ran, and the session may echo no value (it echoes a statement's value,
    such as the whole ``Response`` an assignment of ``await fetch(...)`` gives, among what
    the example prints); each problem is named at its line, all at once. Unless it is
    told not to ``compare`` (outputs about to be rewritten), what it prints must be what
    the page shows."""
    from . import checks
    from .checks import ExampleError

    __tracebackhide__ = True
    how = ("pasted into a `node` session line by line, as readers paste the examples "
           "(with only CLOUDWS_BASE_URL and CLOUDWS_TOKEN set)")
    sandbox.reset()
    with tempfile.TemporaryDirectory(prefix="cloudws-node-paste-") as folder:
        results = Path(folder) / "statements.json"
        try:
            done = subprocess.run([str(node), *v8_options(node), "--require", str(_GUARD),
                                   str(_PASTE), str(results)], input=case.source, env=server.env(),
                                  cwd=server.workdir, capture_output=True, text=True,
                                  timeout=checks.EXAMPLE_SECONDS, check=False)
        except subprocess.TimeoutExpired as late:
            with contextlib.suppress(RuntimeError):
                server.wait_idle()
            raise ExampleError(f"{case.where}: {how}, the example did not end within "
                               f"{late.timeout:.0f} s, where it ends run as a module") from None
        server.wait_idle()
        statements = json.loads(results.read_text()) if results.exists() else None
    if statements is None:
        raise ExampleError(f"{case.where}: {how}, the session ended before the example did "
                           f"(exit {done.returncode}):\n{done.stderr.strip()}")
    lines = case.source.split("\n")
    found: list[tuple[int, str, str]] = []
    failed = False  # after a statement fails, those that use what it made fail too
    continued = -1  # the last line of a line told as going on from the one before
    split = False  # a block the session ran before its end: its `} catch ...` fails too
    for statement in statements:
        echo = statement["echo"].strip()
        # an error: "Uncaught ...", after the line and a caret for a SyntaxError; or
        # "Uncaught:" alone, and the error on the next line
        said = echo.splitlines()
        at = next((n for n, line in enumerate(said) if line.startswith("Uncaught")), None)
        uncaught = None if at is None else (
            f"{said[at]} {said[at + 1]}" if said[at] == "Uncaught:" and at + 1 < len(said)
            else said[at])
        first = uncaught or (said[0] if said else "")
        text = "\n".join(lines[statement["start"] - 1:statement["end"]])
        # a SyntaxError shows its line, then a caret: named there, within the statement
        shown = [n for n, line in enumerate(text.split("\n"))
                 if uncaught is not None and at is not None and at >= 2 and said[0]
                 and line.strip() == said[0].strip() and set(said[1].strip()) == {"^"}]
        start = statement["start"] + (shown[0] if shown else 0)
        where = _source_line(case, start) or case.where
        if statement.get("ended"):
            found.append((start, where, (
                "this statement ends the session, and the rest of the paste is lost (pasted "
                "slowly, it goes to the reader's shell): leave it out, or make it the "
                "example's last")))
        elif echo.startswith(_KEYWORD):
            found.append((statement["start"], where, (
                f"this line starts with `.`, which a session reads as one of its commands "
                f"({first}): join it to the line before")))
        elif uncaught is not None and (not failed or "SyntaxError" in uncaught) and not (
                "SyntaxError" in uncaught and (_CLOSING.match(text)  # a split's tail
                                               or split and _TAIL.match(text)
                                               or continued == statement["start"] - 1
                                               and _CONTINUED.match(text))):
            # A statement split where the session ran its start alone ran nothing: what
            # comes after is told too. After any other failure (a static import's too,
            # whose names are then missing), only another such split is.
            failed = failed or not ("SyntaxError" in uncaught
                                    and "Unexpected token" in uncaught)
            if "SyntaxError" in uncaught and _CONTINUED.match(text):
                continued = statement["end"]  # (and the lines after it that go on too)
            split = split or bool(_TRY_AWAIT.match(text)) and "SyntaxError" in uncaught
            found.append((start, where,
                          ("this statement fails, where it runs as a module: "
                          f"{first}{_failure_hint(uncaught, echo, text)}")))
        elif echo not in ("", "undefined") and uncaught is None:
            count = len(echo.splitlines())
            found.append((statement["start"], where, (
                f"the session shows this statement's value among what the example prints "
                f"({first!r}{', …' if count > 1 else ''}, {count} "
                f"line{'s' if count > 1 else ''}): {_echo_advice(text, case.source)}")))
    if found:  # each line whole, as its annotation shows it
        raise ExampleError("\n".join(
            f"{where}: {how if n == 0 else 'pasted into a `node` session'}, {problem}"
            for n, (_, where, problem) in enumerate(sorted(found))))
    printed = done.stdout.splitlines()
    if compare and _lines(printed) != _lines(expected):
        diff = difflib.unified_diff(_lines(expected), _lines(printed), "shown", "printed",
                                    lineterm="", n=1)
        raise ExampleError(f"{case.where}: {how}, the example prints otherwise than as a "
                           "module:\n" + "\n".join(diff))


_GOES_ON = ("this line goes on from the one before, which the session ran alone: end that "
            "line with the operator instead")


def _failure_hint(uncaught: str, echo: str, text: str) -> str:
    """Why a statement a module runs fails in a session (``uncaught``, of the session's
    ``echo``), as a parenthesis to end its message; empty when the error says it."""
    if "SyntaxError" in uncaught and _TRY_AWAIT.match(text):
        return (" (a session cannot run an `await` inside a `try` block, which a module can: "
                "await a call that handles its own failure instead, as "
                "`const r = await fetch(url).catch(...)`, or check `r.ok`)")
    if "SyntaxError" in uncaught and _CONTINUED.match(text):
        return f" ({_GOES_ON})"
    if "SyntaxError" in uncaught and "Unexpected token" in uncaught:
        return (" (a session runs each statement as soon as its lines make one whole: a "
                "statement that goes on, such as an `else` on a line of its own, must start "
                "on the line where the one before ends)")
    if "node:internal/repl/" in echo:
        return (" (a fault of node's session itself, which rewrites a statement with a "
                "top-level `await` before it runs it: write the statement another way"
                + (", naming the element it skips: `const [status, body] = ...`"
                   if _SKIPPED.search(text) else "") + ")")
    return ""


def _echo_advice(text: str, source: str = "") -> str:
    """What to change in the statement ``text`` of the example ``source``, whose value a
    session echoes."""
    if _CONTINUED.match(text):
        return _GOES_ON
    again = _ASSIGNED.match(text)
    if again:
        return (f"`{again['name'] or again['pre']}` is assigned again: give this value a "
                "`const` of its own, with a new name, and use that name below (the session "
                "does not echo a declaration)")
    member = _MEMBER_SET.match(text)
    if member and (member["pre"] or member["op"]):
        return _member_advice(member, source)
    if _COMPOUND.match(text):
        return ("it is the value of the last expression the statement ran (in a loop, its "
                "body's): end the body with a statement that gives none, such as a "
                "declaration or a `console.log`")
    return ("give the value a name (`const stopped = await fetch(...)`): the session does "
            "not echo a declaration")


def _member_advice(member: re.Match[str], source: str) -> str:
    """What to change in a statement that sets ``member['member']``, whose value a
    session echoes: where one key is set to a value, of an object the example ``source``
    makes with braces, the object made with it; otherwise (an element, a nested member,
    ``+=``, ``++``, an object made otherwise, a ``URL``), the new value a name; of
    ``process`` (an exit code), what to print instead."""
    said = f"`{member['member']}` is set, and the session shows the statement's value: "
    if member["member"] == "process.exitCode":  # which a pasted session never gives
        return (said + "an exit code means nothing to a reader who pastes the example into "
                "a session, which goes on: print what went wrong instead")
    key = _KEY.fullmatch(member["path"])
    literal = re.search(
        rf"(?m)^\s*(?:const|let|var)\s+{re.escape(member['object'])}\s*=\s*\{{", source)
    if key and member["op"] == "=" and not member["pre"] and literal:
        name = key["name"] or key["quoted"]
        made = f"{{ ..., {name}: value }}"
        return (said + f"set it where `{member['object']}` is made (`{made}`), or make a "
                f"new object with it and a `const` of its own (`const changed = "
                f"{{ ...{member['object']}, {name}: value }}`), which the session does not "
                "echo")
    return (said + "give the new value a `const` of its own (`const next = ...`) and use "
            "that name where the object is made or read, which the session does not echo")


#: An array pattern that skips an element (``const [, body] = ...``).
_SKIPPED = re.compile(r"\[\s*,|,\s*,")
#: A statement that holds others: a loop, a condition, a block.
_COMPOUND = re.compile(r"^\s*(?:[A-Za-z_$][\w$]*\s*:\s*)?(?:for|while|do|if|switch|try)\b"
                       r"|^\s*\{")
#: A statement that assigns an existing name again (``r = await fetch(...)``, ``n += 1``,
#: ``n++``).
_ASSIGNED = re.compile(r"^\s*(?:(?:\+\+|--)\s*(?P<pre>[A-Za-z_$][\w$]*)(?![\w$]|\s*[.\[])|"
                       r"(?P<name>[A-Za-z_$][\w$]*)\s*(?:(?:[-+*/%&|^]|\*\*|<<|>>>?|&&|\|\||"
                       r"\?\?)?=(?!=)|\+\+|--))")
#: A statement that sets a member of an object (``body.name = "x"``, ``h["X-Id"] = id``,
#: ``++counts.done``), when it has the operator or the prefix.
_MEMBER_SET = re.compile(r"^\s*(?:(?P<pre>\+\+|--)\s*)?(?P<member>(?P<object>[A-Za-z_$][\w$]*)"
                         r"(?P<path>(?:\.[A-Za-z_$][\w$]*|\[(?:[^\[\]\n]|\[[^\[\]\n]*\])+\])+))\s*"
                         r"(?P<op>(?:[-+*/%&|^]|\*\*|<<|>>>?|&&|\|\||\?\?)?=(?!=)|\+\+|--)?")
#: One key of an object, named (``.name``) or quoted (``["X-Id"]``).
_KEY = re.compile(r"\.(?P<name>[A-Za-z_$][\w$]*)|\[\s*(?P<quoted>'[^'\n]*'|\"[^\"\n]*\")\s*\]")
#: A ``try`` block with an ``await`` in it, which a session runs before the block ends.
_TRY_AWAIT = re.compile(r"^\s*try\b(?s:.*)\bawait\b")
#: What goes on after a block's end (``} catch (e) {``, ``} finally {``).
_TAIL = re.compile(r"^\s*\}")
#: A statement of closing brackets alone: the end of one a session split earlier.
_CLOSING = re.compile(r"^\s*[}\])]+[;,]?\s*$")
#: A line that goes on from the one before: it starts with a binary operator.
_CONTINUED = re.compile(r"^\s*(?:[-+*/%<>=&|^?:]|in\b|instanceof\b)(?![-+])")


def _how(case: JsCase) -> str:
    if case.file is not None:
        return f"node {display_path(case.file)}"
    if len(case.examples) > 1:
        return "node --input-type=module, the page's JavaScript blocks on its standard input"
    return "node --input-type=module, the block on its standard input"


def run_js_case(case: JsCase, node: Path, server: PastedSandbox, sandbox: DocsSandbox,
                schemas: ApiSchemas, *, updates: list[CodeExample] | None = None) -> None:
    """Run ``case`` from the fixture state with ``node`` and check what it did and printed.

    With ``updates`` (``--update-examples``), ``//>`` lines that differ from what the
    example printed are queued there for rewriting instead of failing.
    """
    from .checks import (
        ExampleError,
        check_calls_its_operation,
        check_exchanges,
        misread_exports,
        naming_pages,
        new_errors,
        no_refresh,
        ran_too_long,
        refusal,
    )

    __tracebackhide__ = True
    check_hosts(case)
    for offset, said in misread_exports(case.source)[:1]:  # as node-check says it: one place
        raise ExampleError(f"{_source_line(case, offset + 1) or case.where}: {said}")
    expected = expected_js_output(case.source)
    sandbox.reset()
    with naming_pages(case.shown_on, case.where):
        late: subprocess.TimeoutExpired | None = None
        with sandbox.recorder.capture(case.where) as exchanges:
            started = time.monotonic()
            try:
                done = _run(node, case, server)
            except subprocess.TimeoutExpired as stopped:
                late = stopped
                with contextlib.suppress(RuntimeError):  # its last request, answered
                    server.wait_idle()
            else:
                server.wait_idle()
        if late is not None:
            # named at the line that sent its last request, if a loop sends it again
            seen = list(exchanges)
            lines = _sending_lines(case, node, server, sandbox, seen) if seen else {}
            for index, line in lines.items():
                seen[index] = seen[index]._replace(origin=line)
            # a loop's: the line that sent the last two (those before may be checks)
            sent = [lines[index] for index in sorted(lines)]
            at = sent[-1] if len(sent) > 1 and sent[-1] == sent[-2] else None
            if at is not None and seen[-1].origin is None:  # sent past the traced run's end
                seen[-1] = seen[-1]._replace(origin=at)
            raise ExampleError(ran_too_long(
                at or case.where, f"run as pasted ({_how(case)}, with only CLOUDWS_BASE_URL "
                "and CLOUDWS_TOKEN set), the example", late.timeout, seen))
        printed = done.stdout.splitlines()
        drifted = _lines(printed) != _lines(expected)
        traced: _Trace | None = None
        failed: ExampleError | None = None
        if done.returncode != 0:
            # an error answer it does not show (one shown on purpose is no cause)
            tripped = bool(new_errors(exchanges, expected, printed) if expected
                           else any(e.status >= 400 for e in exchanges))
            # a fetch not awaited: named where the `await` goes, not where it is read
            unawaited = _unawaited_fetch(done.stderr, case.source,
                                         _node_error_line(case, done.stderr))
            where = (unawaited and _source_line(case, unawaited)
                     or _error_line(case, done.stderr, tripped=tripped) or case.where)
            # run again, traced, for the line of each request answered with an error
            # (unless it ran long: its failure is told without them rather than late)
            traced = (_trace(case, node, server, sandbox, exchanges)
                      if tripped and time.monotonic() - started < _RETRACE_SECONDS else None)
            failed = ExampleError(
                f"{where}: run as pasted ({_how(case)}, with only CLOUDWS_BASE_URL and "
                f"CLOUDWS_TOKEN set), the example exited {done.returncode}:\n"
                f"{_stderr(case, done.stderr)}{_off_sandbox(done.stderr)}"
                f"{_missing_await(done.stderr, case)}"
                + _request_notes(exchanges, traced, expected, printed, failed=True))
        elif "CLOUDWS_BASE_URL" in case.source and not exchanges:
            raise ExampleError(f"{case.where}: run as pasted, the example made no request to "
                               "the sandbox at $CLOUDWS_BASE_URL")
        # A request to no operation first: a drifted method or path is what it printed.
        try:
            check_exchanges(exchanges, schemas, case.where, shows_output=True)
            check_calls_its_operation(case.file, exchanges, case.where)
        except ExampleError as wrong:
            traced = traced or _trace(case, node, server, sandbox, exchanges)
            raise ExampleError(_wrong_request(case, wrong, exchanges, schemas, traced,
                                              expected, printed, failed)) from None
        if failed is not None:
            raise failed
        broken = next((n for n, line in enumerate(printed) if _NO_VALUE.search(line)), None)
        if broken is not None:  # never written as //> lines by --update-examples
            traced = _trace(case, node, server, sandbox, exchanges)
            at = next((where for where, text in traced.printed if text == printed[broken]),
                      None) if traced is not None else None
            told = (f"the example prints {printed[broken]!r}: `undefined` or a Promise is a "
                    "value it did not get (a missing `await`, a field the answer does not "
                    "have, or a request that failed): fix the example, not its //> lines")
            misspelt = _misspelt_field(case, at)
            if misspelt is not None:  # a field a letter or a case off one of the API's
                told = (f"the example prints {printed[broken]!r}: `.{misspelt[0]}` is no field "
                        f"of the API's answers; did you mean `.{misspelt[1]}`? Fix the "
                        "example, not its //> lines")
            read = _unawaited_read(case, at)
            if read is not None:  # named where the `await` goes
                told = (f"`{read[1].strip()}` reads the body without `await`, so what it "
                        f"assigns is a Promise, and {at} prints {printed[broken]!r}: write "
                        "`await` before the read")
                at = read[0]
            notes = _request_notes(exchanges, traced, expected, printed, failed=True)
            if _lines(printed[:broken]) != _lines(expected[:broken]):
                # an output drifted before: where a step went otherwise, told first
                raise ExampleError(
                    _drift_message(case, expected, printed, traced, refresh=False)
                    + f"\nThen, at {at or case.where}, {told}" + notes)
            raise ExampleError(f"{at or case.where}: {told}" + notes)
        rewrites: list[Any] = []  # queued once every check below has passed
        if drifted:
            traced = _trace(case, node, server, sandbox, exchanges)
            # Never written in: an error the example does not show (new_errors), nor any
            # in a new example (no //> line yet: to show one on purpose, write it first).
            notes = _request_notes(exchanges, traced, expected, printed, failed=not expected)
            if updates is not None and traced is not None and not notes:
                rewrites = [new for ex, new in zip(case.examples, traced.rewritten, strict=True)
                            if new.source != ex.source]
            else:
                refused = (refusal(exchanges, case.where, traced.fetches if traced else None,
                                   shown=expected, printed=printed) + "\n"
                           if updates is not None and notes else "")
                raise ExampleError(
                    refused + _drift_message(case, expected, printed, traced,
                                             refresh=not notes) + notes
                    + (f"\n{no_refresh('//> lines', '//>', new=not expected)}" if notes
                       else ""))
        check_exchanges(exchanges, schemas, case.where, shows_output=bool(printed))
        _check_printed_json(done.stdout, exchanges, schemas, case)
        # (with outputs to rewrite, what the session prints is compared at the next run)
        _paste_into_a_session(case, node, server, sandbox, expected, compare=not rewrites)
        if updates is not None:
            updates.extend(rewrites)


def _request_notes(exchanges: list[Seen], traced: _Trace | None, shown: list[str],
                   printed: list[str], *, failed: bool = False) -> str:
    """:func:`.checks.request_notes`, with the line of each ``fetch`` when traced."""
    from .checks import request_notes

    return request_notes(exchanges, traced.fetches if traced is not None else None,
                         shown=shown, printed=printed, failed=failed)


def _wrong_request(case: JsCase, wrong: ExampleError, exchanges: list[Seen],
                   schemas: ApiSchemas, traced: _Trace | None, expected: list[str],
                   printed: list[str], failed: ExampleError | None) -> str:
    """The message for a request that is no documented answer: naming the line of the
    ``fetch`` that sent it (from the traced run), then what else went wrong."""
    from .checks import ExampleError, check_calls_its_operation, check_exchanges

    message = wrong.msg
    if traced is not None and len(traced.fetches) == len(exchanges):
        located = [e._replace(origin=at) for e, at in zip(exchanges, traced.fetches,
                                                          strict=True)]
        try:
            check_exchanges(located, schemas, case.where, shows_output=True)
            check_calls_its_operation(case.file, located, case.where)
        except ExampleError as precise:
            message = precise.msg
    if failed is not None:
        return f"{message}\n(and then the example failed)\n{failed.msg}"
    if _lines(printed) != _lines(expected):
        drift = _drift_message(case, expected, printed, traced, refresh=False)
        return (f"{message}\n(so what it printed is not what its //> lines say: fix the "
                f"request, not the comments)\n{drift}")
    return message


def _lines(lines: Sequence[str]) -> list[str]:
    return [line.rstrip() for line in lines]


def _off_sandbox(stderr: str) -> str:
    """A note when a fetch was refused or could not reach its host: an example that writes
    the API's URL out instead of building it from ``BASE_URL``.

    Example:
        >>> print(_off_sandbox("TypeError: fetch failed\\n  [cause]: Error: getaddrinfo "
        ...                    "ENOTFOUND api.cloudworkstation.example.com"))
        <BLANKLINE>
        (it reached for a host that is not the sandbox: build every URL from BASE_URL, which reads CLOUDWS_BASE_URL)
        >>> _off_sandbox("ReferenceError: x is not defined")
        ''
    """
    if not _OFF_SANDBOX.search(stderr):
        return ""
    return ("\n(it reached for a host that is not the sandbox: build every URL from BASE_URL, "
            "which reads CLOUDWS_BASE_URL)")


#: What node says when an answer's body is read from the Promise ``fetch`` returns.
_NO_AWAIT = re.compile(r"TypeError: (?P<read>\S+)\.(?:json|text|arrayBuffer|blob) is not a "
                       r"function")


#: A body read without ``await`` (``const page = r.json();``, ``(await fetch(u)).json()``):
#: what it holds is a Promise. Not one returned (a helper's caller awaits it), nor one in a
#: function written on the line, given to ``.then(`` or to ``Promise.all``.
_BODY_READ = re.compile(r"^(?!\s*return\b)(?!.*=>)(?!.*\.then\()(?!.*\bPromise\.)"
                        r".*?(?<!await )(?<!await \()"
                        r"(?P<read>(?:\b[\w.\]\[]+|\(await (?:(?!\(await )[^;])*?\))"
                        r"\.(?:json|text|arrayBuffer|blob)\(\))")


def _printing(case: JsCase, at: str | None) -> tuple[list[str], int] | None:
    """The lines of ``case``'s source, and the number of the one at ``at`` (``file:line``,
    the one that printed `undefined`); None if none is there."""
    if at is None:
        return None
    lines = case.source.split("\n")
    printing = next((n for n in range(1, len(lines) + 1) if _source_line(case, n) == at), None)
    return None if printing is None else (lines, printing)


def _misspelt_field(case: JsCase, at: str | None) -> tuple[str, str] | None:
    """A property the line ``at`` (``file:line``, one that printed `undefined`) reads that
    is no field of the API's but is one in another case or a letter off
    (``attachedTo``, ``atached_to`` for ``attached_to``), with that field; None if none."""
    from .checks import field_meant

    if (found := _printing(case, at)) is None:
        return None
    lines, printing = found
    for name in re.findall(r"\.([A-Za-z_$][\w$]*)\b(?!\s*\()", lines[printing - 1]):
        if meant := field_meant(name):
            return name, meant
    return None


def _unawaited_read(case: JsCase, at: str | None) -> tuple[str, str] | None:
    """Where the line ``at`` (``file:line``, one that printed `undefined`) prints a
    variable that an earlier line at the top level assigned from a body read without
    ``await`` (``const w = r.json();``): that line's place and text; None if none did."""
    if (found := _printing(case, at)) is None:
        return None
    lines, printing = found
    used = set(re.findall(r"\b([A-Za-z_$][\w$]*)\s*[.\[]", lines[printing - 1]))
    for number in range(printing - 1, 0, -1):
        line = lines[number - 1]
        assigned = re.match(r"^(?:(?:const|let|var)\s+)?([A-Za-z_$][\w$]*)\s*=[^=]", line)
        if assigned is not None and assigned[1] in used:
            return ((_source_line(case, number) or at, line)
                    if _BODY_READ.match(line[assigned.end() - 1:]) else None)
    return None


def _unawaited_fetch(stderr: str, source: str, before: int | None = None) -> int | None:
    """The line of ``source`` that gave, without ``await``, what node's error says has no
    body to read (a name): the last line at the top level (not indented: not a helper's)
    that assigns that name from ``fetch(``, before line ``before`` (node's error's) when
    given; None if none does.

    Example:
        >>> source = "const r = fetch(url);\\nconsole.log(r.status);\\nconst v = await r.json();"
        >>> _unawaited_fetch("TypeError: r.json is not a function", source)
        1
        >>> for awaited in ("= await f", "= (await f"):
        ...     print(_unawaited_fetch("TypeError: r.json is not a function",
        ...                            source.replace("= f", awaited)))
        None
        None
        >>> print(_unawaited_fetch("TypeError: fetch(...).json is not a function", source))
        None
        >>> _unawaited_fetch("TypeError: r.json is not a function", source + "\\nr = fetch(u);", 3)
        1
    """
    said = _NO_AWAIT.search(stderr)
    if said is None or not re.fullmatch(r"[A-Za-z_$][\w$]*", said["read"]):
        return None
    assigned = re.compile(rf"(?:(?:const|let|var)\s+)?{re.escape(said['read'])}\s*="
                          r"(?:(?!\bawait\b)[^;=])*?\bfetch\(")
    found = [n for n, line in enumerate(source.split("\n"), 1)
             if assigned.match(line) and (before is None or n < before)]
    return found[-1] if found else None


def _missing_await(stderr: str, case: JsCase | None = None) -> str:
    """A note when the example read a body from a Promise (``fetch`` not awaited), or
    used, as if it were the body, what a body read not awaited gives: a Promise.

    Example:
        >>> print(_missing_await("TypeError: r.json is not a function"))
        <BLANKLINE>
        (a Promise has no body to read: is an `await` missing before `fetch(`?)
    """
    if _NO_AWAIT.search(stderr):
        line = (_unawaited_fetch(stderr, case.source, _node_error_line(case, stderr))
                if case is not None else None)
        where = _source_line(case, line) if case is not None and line is not None else None
        if where is not None:
            return (f"\n(a Promise has no body to read: node's error is where it is read; "
                    f"{where} calls `fetch(` without `await`)")
        return "\n(a Promise has no body to read: is an `await` missing before `fetch(`?)"
    if case is None or "TypeError" not in stderr:
        return ""
    for number, line in enumerate(case.source.split("\n"), 1):
        read = _BODY_READ.match(line.split("//", 1)[0])
        if read is not None:
            return (f"\n({_source_line(case, number) or case.where} reads {read['read']} "
                    "without `await`: it holds a Promise, not the body)")
    return ""


def _stderr(case: JsCase, stderr: str) -> str:
    """node's error, with a stdin block's ``[eval1]:N`` named as its page line."""
    def name(match: re.Match[str]) -> str:
        where = _source_line(case, int(match["line"]))
        return where or match[0]

    return re.sub(r"(?:file://\S*?)?\[eval\d*\]:(?P<line>\d+)", name, stderr.strip())


def _error_line(case: JsCase, stderr: str, *, tripped: bool = False) -> str | None:
    """The example line node's error names: from its stack, the innermost in the example,
    or, when it ``tripped`` on a request's error answer, as that request's
    (:func:`_example_frame`: a helper's throw at the line that called the helper); else
    the first ``file:line`` or ``[eval1]:line`` it names."""
    frames = [line.strip() for line in stderr.splitlines() if line.strip().startswith("at ")]
    located = _example_frame(case, _offsets(case), frames,
                             _helpers(case.source) if tripped else None)
    if located is not None:
        return _page_line(case.examples[located[0]], located[1])
    line = _node_error_line(case, stderr)
    return None if line is None else _source_line(case, line)


def _node_error_line(case: JsCase, stderr: str) -> int | None:
    """The line of what node ran that its error names first (``file:line`` or
    ``[eval1]:line``)."""
    for line in stderr.splitlines():
        if case.file is not None:
            match = re.search(re.escape(str(case.file)) + r":(\d+)", line)
        else:
            match = re.search(r"\[eval\d*\]:(\d+)", line)
        if match:
            return int(match[1])
    return None


def _source_line(case: JsCase, line: int) -> str | None:
    """The file or page line of line ``line`` of what node ran."""
    for example, first in _offsets(case):
        count = example.source.count("\n") or 1
        if first < line <= first + count:
            return _page_line(example, line - first)
    return None


def _offsets(case: JsCase) -> list[tuple[CodeExample, int]]:
    """Each block and the number of lines of the module before it (blocks are joined
    with a newline, so a block that ends with one is followed by an empty line)."""
    found, before = [], 0
    for example in case.examples:
        found.append((example, before))
        before += example.source.count("\n") + 1
    return found


@dataclass
class _Trace:
    """What a traced run saw: the blocks with their ``//>`` lines rewritten from what each
    ``console.log`` printed, and the line of each ``fetch`` call, in order."""

    rewritten: list[CodeExample]
    fetches: list[str | None]
    #: Each line printed by a ``console.log`` of the example: (its file or page line, text).
    printed: list[tuple[str, str]]


#: A failed example that ran longer is not run again to name its requests' lines.
_RETRACE_SECONDS = 5


def _run_traced(case: JsCase, node: Path, server: PastedSandbox, sandbox: DocsSandbox,
                timeout: float | None = None, *, enough: int | None = None
                ) -> tuple[list[Seen], list[dict[str, Any]], bool]:
    """Run ``case`` again from the fixture state, with :data:`_TRACE_CJS` preloaded: the
    requests it sent, what the trace noted (a line cut short as node was ended left out),
    and whether it ended within ``timeout`` seconds (:func:`_run`'s by default); with
    ``enough``, ended as soon as it has sent that many requests (not counted as ended)."""
    with tempfile.TemporaryDirectory(prefix="cloudws-node-") as folder:
        preload = Path(folder) / "trace.cjs"
        preload.write_text(_TRACE_CJS)
        trace = Path(folder) / "trace.jsonl"
        trace.touch()
        sandbox.reset()
        ended = True
        try:
            with sandbox.recorder.capture(case.where, kind=None) as again:
                try:
                    _run(node, case, server, {"CLOUDWS_DOCS_TRACE": str(trace)}, preload,
                         timeout=timeout, until=None if enough is None else (
                             lambda: len(again) >= enough))
                except subprocess.TimeoutExpired:
                    ended = False
                with contextlib.suppress(RuntimeError):  # its last request, answered
                    server.wait_idle()
        finally:
            sandbox.reset()
        records = []
        for line in trace.read_text().splitlines():
            with contextlib.suppress(ValueError):
                records.append(json.loads(line))
    return list(again), records, ended


def _trace(case: JsCase, node: Path, server: PastedSandbox, sandbox: DocsSandbox,
           first: Sequence[Seen]) -> _Trace | None:
    """Run ``case`` again from the fixture state, with a preloaded module noting the
    line of each ``console.log`` and ``fetch`` call; ``None`` if that run does not end in
    time, or does not send the ``first`` run's requests, with their answers (an example
    that is not the same from run to run: its lines would be another run's)."""
    again, records, ended = _run_traced(case, node, server, sandbox)
    if not ended:
        return None  # it ended in time before: what it does now is not what was run
    if [_sent(e) for e in again] != [_sent(e) for e in first]:
        return None
    per_block: list[list[tuple[int, str]]] = [[] for _ in case.examples]
    fetches: list[str | None] = []
    lines: list[tuple[str, str]] = []
    offsets = _offsets(case)
    helpers = _helpers("\n".join(ex.source for ex in case.examples))
    for record in records:
        if "fetch" in record:
            located = _example_frame(case, offsets, record["frames"], helpers)
            fetches.append(_page_line(case.examples[located[0]], located[1])
                           if located else None)
            continue
        located = _locate(case, offsets, record["frame"])
        if located:
            index, line = located
            per_block[index] += [(line, text) for text in record["text"].split("\n")]
            lines += [(_page_line(case.examples[index], line), text)
                      for text in record["text"].split("\n")]
    rewritten = [replace(ex, source=with_output(ex.source, printed))
                 for ex, printed in zip(case.examples, per_block, strict=True)]
    return _Trace(rewritten, fetches, lines)


#: How long an example stopped still running is run again, traced, for the line that
#: sends its last request (a loop waiting for a state that never comes sends it at once),
#: at most: the run is ended as soon as it has sent as many requests as the first one.
_LATE_TRACE_SECONDS = 4


def _sending_lines(case: JsCase, node: Path, server: PastedSandbox, sandbox: DocsSandbox,
                   first: Sequence[Seen]) -> dict[int, str]:
    """The file or page lines that sent the requests ``first`` ends with, the same again
    and again, by their index in ``first``, the requests of an example stopped still
    running: from a run again from the fixture state, traced as :func:`_trace` does, and
    ended once it has sent as many requests as that run, or after
    :data:`_LATE_TRACE_SECONDS`, the lines of the ``fetch`` calls that sent
    them, once it has sent two of them (the first of them may be another line's: a check
    before a loop). Empty if that run did not get that far in time (a loop that sleeps
    before it asks), or went otherwise."""
    repeated = len(first) - 1  # where the requests all the same as the last one start
    while repeated > 0 and _sent(first[repeated - 1]) == _sent(first[-1]):
        repeated -= 1
    again, records, _ = _run_traced(case, node, server, sandbox, _LATE_TRACE_SECONDS,
                                    enough=len(first))
    fetched = [record["frames"] for record in records if "fetch" in record]
    paired = list(zip(fetched, again, first, strict=False))
    if len(paired) - repeated < 2 or any(_sent(a) != _sent(b) for _, a, b in paired):
        return {}
    offsets = _offsets(case)
    helpers = _helpers("\n".join(ex.source for ex in case.examples))
    lines = {}
    for index in range(repeated, len(paired)):
        located = _example_frame(case, offsets, paired[index][0], helpers)
        if located:
            lines[index] = _page_line(case.examples[located[0]], located[1])
    return lines


#: A function the example defines: ``function get(``, ``const get = async (path) =>``.
_DEFINED = re.compile(r"\bfunction\s*\*?\s*(?P<function>[\w$]+)\s*\("
                      r"|\b(?:const|let|var)\s+(?P<name>[\w$]+)\s*=\s*(?:async\b\s*)?"
                      r"(?:function\b|\([^()]*\)\s*=>|[\w$]+\s*=>)")
_COMMENTS = re.compile(r"//[^\n]*|/\*.*?\*/", re.DOTALL)


def _helpers(source: str) -> set[str]:
    """The functions ``source`` defines that a request or an error inside is named out
    of (:func:`_example_frame`): one it calls by name from more than one place (for each
    time it is defined), or never (passed as a callback: ``ids.map(get)``). Not one it
    calls once, as a ``main()``.

    Example:
        >>> sorted(_helpers("const get = async (p) => fetch(p);\\nconst size = (v) => v;\\n"
        ...                 "function main() { // main() runs it\\n  get('a'); get('b');\\n"
        ...                 "  [1].map(size);\\n}\\nawait main();"))
        ['get', 'size']
    """
    code = _COMMENTS.sub("", source)
    defined = Counter(m["function"] or m["name"] for m in _DEFINED.finditer(code))
    return {name for name, times in defined.items()
            if len(re.findall(rf"(?<![\w$.]){re.escape(name)}\s*\(", code))
            - len(re.findall(rf"\bfunction\s*\*?\s*{re.escape(name)}\s*\(", code)) != times}


def _example_frame(case: JsCase, offsets: list[tuple[CodeExample, int]], frames: list[str],
                   helpers: set[str] | None) -> tuple[int, int] | None:
    """(block index, block line) of the example's frame that sent a request or threw, from
    the ``frames`` of a stack (innermost first): the innermost in the example, or, when
    that is inside one of the ``helpers`` or a method (``at Client.volume``), the line
    that called the outermost such and names it, so that each call is named at its own
    line, not at the helper's. ``helpers`` ``None``: the innermost."""
    located = [(at, frame) for frame in frames if (at := _locate(case, offsets, frame))]
    if not located:
        return None
    chosen, names = located[0][0], set()
    for (_, frame), (outer, _) in itertools.pairwise(located):
        name = re.match(r"at (?:async )?(?:new )?(?P<name>[\w$.]+) \(", frame)
        if helpers is None or name is None:
            continue
        short = name["name"].rsplit(".", 1)[-1]
        if "." not in name["name"] and short not in helpers:
            continue
        names.add(short)
        said = case.examples[outer[0]].source.splitlines()[outer[1] - 1]
        if any(re.search(rf"(?<![\w$]){re.escape(n)}(?![\w$])", said) for n in names):
            chosen = outer
    return chosen


def _sent(exchange: Seen) -> tuple[str, str, str, int]:
    return exchange.method, exchange.path, exchange.query, exchange.status


def _locate(case: JsCase, offsets: list[tuple[CodeExample, int]],
            frame: str) -> tuple[int, int] | None:
    """(block index, block line) of a stack frame in the example, if it is one."""
    match = _FRAME.search(frame.removeprefix("at ").split(" ")[-1])
    if match is None or not _is_example(case, match["url"]):
        return None
    line = int(match["line"])
    for index, (example, first) in enumerate(offsets):
        if first < line <= first + max(example.source.count("\n"), 1):
            return index, line - first
    return None


def _is_example(case: JsCase, url: str) -> bool:
    """Whether the frame's ``url`` is the example's: its file, whose URL node writes
    percent-encoded (``/My%20Docs/get.mjs`` for a folder with a space), or node's
    session."""
    if case.file is not None:
        return unquote(url.removeprefix("file://")) == str(case.file)
    return bool(re.search(r"\[eval\d*\]$", url))


def with_output(source: str, printed: Sequence[tuple[int, str]]) -> str:
    """``source`` with its ``//>`` lines replaced by ``printed``: (line of the
    ``console.log`` that printed it, text), written under the end of that statement."""
    lines = source.split("\n")
    under: dict[int, list[str]] = {}
    for line, text in printed:
        end = _statement_end(lines, line - 1)
        indent = re.match(r"[ \t]*", lines[line - 1])[0]  # type: ignore[index]
        under.setdefault(end, []).append(f"{indent}//> {text}".rstrip() if text
                                         else f"{indent}//>")
    out: list[str] = []
    for number, line in enumerate(lines):
        if not _OUTPUT.match(line):
            out.append(line)
        out.extend(under.get(number, []))
    return "\n".join(out)


def _statement_end(lines: list[str], start: int) -> int:
    """The 0-based line where the statement that starts on line ``start`` ends: the first
    line after which its brackets are balanced (strings and comments skipped)."""
    depth, quote = 0, ""
    for number in range(start, len(lines)):
        text, index = lines[number], 0
        while index < len(text):
            char = text[index]
            if quote:
                if char == "\\":
                    index += 1
                elif char == quote:
                    quote = ""
            elif char in "\"'`":
                quote = char
            elif text.startswith("//", index):
                break
            elif char in "([{":
                depth += 1
            elif char in ")]}":
                depth -= 1
            index += 1
        if quote != "`":
            quote = ""
        if depth <= 0 and not quote:
            return number
    return start


def _drift_message(case: JsCase, expected: list[str], printed: list[str],
                   traced: _Trace | None, *, refresh: bool = True) -> str:
    from .checks import REFRESH
    from .jsoncheck import renumber_hunks

    advice = (f"\nRefresh the //> lines with `{REFRESH}`, then review the change with "
              "`git diff`." if refresh else "")
    if traced is not None:
        for example, new in zip(case.examples, traced.rewritten, strict=True):
            if new.source == example.source:
                continue
            diff = list(difflib.unified_diff(example.source.split("\n"), new.source.split("\n"),
                                             "shown", "printed", lineterm="", n=2))
            line = _first_changed(diff, example)
            body = "\n".join(renumber_hunks(diff, example.start_line))
            said = ("what the example prints is not what its //> lines say (- shown, + "
                    "printed" if expected else
                    "the example has no //> lines yet for what it prints (+ printed")
            return (f"{line}: {said}; run as {_how(case)}, example at {case.where}):\n"
                    f"{body}{advice}")
    first = next((i for i, (a, b) in enumerate(zip(_lines(expected), _lines(printed)))
                  if a != b), min(len(expected), len(printed)))
    shown_lines = [number for number, line in enumerate(case.source.split("\n"), start=1)
                   if _OUTPUT.match(line)]
    at = (_source_line(case, shown_lines[first]) if first < len(shown_lines) else None)
    diff = "\n".join(difflib.unified_diff(_lines(expected), _lines(printed), "shown",
                                          "printed", lineterm=""))
    return (f"{at or case.where}: what the example prints is not what its //> lines say "
            f"(- shown, + printed; run as {_how(case)}):\n{diff}{advice}")


def _first_changed(diff: list[str], example: CodeExample) -> str:
    from .jsoncheck import first_changed_line

    # a line added after the last one: at the last one
    last = len(example.source.rstrip("\n").split("\n"))
    return _page_line(example, min(first_changed_line("\n".join(diff)) or 1, last))


# -- what it printed ----------------------------------------------------------------------


def printed_json_objects(stdout: str) -> list[tuple[int, object]]:
    """Every JSON object printed on lines of its own: (its first output line, object).

    Example:
        >>> printed_json_objects('200 deleted\\n{\\n  "id": "ws-1"\\n}\\n{ id: 1 }\\n')
        [(2, {'id': 'ws-1'})]
    """
    decoder = json.JSONDecoder()
    found: list[tuple[int, object]] = []
    offset, number, lines = 0, 0, stdout.split("\n")
    skip_to = 0
    for number, line in enumerate(lines):
        start = offset
        offset += len(line) + 1
        if start < skip_to or not line.startswith("{"):
            continue
        try:
            document, end = decoder.raw_decode(stdout, start)
        except json.JSONDecodeError:
            continue
        if end < len(stdout) and stdout[end] != "\n":
            continue
        found.append((number + 1, document))
        skip_to = end
    return found


def _check_printed_json(stdout: str, exchanges: list[Seen], schemas: ApiSchemas,
                        case: JsCase) -> None:
    """Each JSON object printed is a valid body of a response the example got: the
    objects, in order, match responses in the order they came."""
    from .checks import ExampleError

    __tracebackhide__ = True
    documents = printed_json_objects(stdout)
    shown = [n for n, line in enumerate(case.source.split("\n"), start=1)
             if _OUTPUT.match(line)]
    position = 0
    for output_line, document in documents:
        where = (_source_line(case, shown[output_line - 1]) if output_line <= len(shown)
                 else None) or case.where
        reasons: list[str] = []
        for index in range(position, len(exchanges)):
            errors = _schema_errors(schemas, exchanges[index], document)
            if not errors:
                position = index + 1
                break
            reasons.append(f"as {_what(exchanges[index])}:\n    " + "\n    ".join(errors))
        else:
            if not reasons:
                reasons = ["no request came before it"]
            raise ExampleError(
                f"{where}: the JSON the example prints is not valid against the schema of "
                f"any response it got (a JSON object printed must be a response body):\n  "
                + "\n  ".join(dict.fromkeys(reasons)))


def _schema_errors(schemas: ApiSchemas, exchange: Seen, document: object) -> list[str]:
    if exchange.operation_id is None:
        return schemas.component_errors("Problem", document)
    return schemas.response_errors(exchange.operation_id, exchange.status, document)


def _what(exchange: Seen) -> str:
    if exchange.operation_id is None:
        return f"a Problem ({exchange.method} {exchange.path} answered {exchange.status})"
    return f"the {exchange.status} response of {exchange.operation_id}"


# -- lint ---------------------------------------------------------------------------------


def check_hosts(case: JsCase) -> None:
    """Fail unless every URL in the example is the API's base URL or under it (only the
    run of a Python example, in process, sends to it: node is given ``CLOUDWS_BASE_URL``)."""
    from cloudws.testing import API_HOST, BASE_URL

    from .checks import ExampleError, under

    # a URL a JavaScript example calls is in a string (not in a comment, nor what it printed)
    for number, line in enumerate(case.source.split("\n"), start=1):
        if _OUTPUT.match(line) or line.lstrip().startswith(("//", "/*", "*")):
            continue
        for url in (url for literal in _STRING.findall(line) for url in _URL.findall(literal)):
            url = url.rstrip(".,;:!")  # a sentence's end
            parts = urlsplit(url)
            if parts.scheme != "https" or parts.hostname != API_HOST or not under(url, BASE_URL):
                where = _source_line(case, number) or case.where
                raise ExampleError(f"{where}: the example calls {url}; JavaScript examples "
                                   f"call the API at {BASE_URL}/... (the default "
                                   "of CLOUDWS_BASE_URL)")


#: Parses each file named on its command line as an ES module, running none of them, and
#: prints the ones that do not parse (one node process for every example).
_PARSE_MJS = r"""
import { readFileSync } from "node:fs";
import vm from "node:vm";
const failed = [];
const pasted = [];
for (const file of process.argv.slice(2)) {
  const source = readFileSync(file, "utf8");
  try {
    new vm.SourceTextModule(source, { identifier: file });
  } catch {
    failed.push(file);
    continue;
  }
  try {  // as a node session runs it: top-level await, and no module's import or export
    new vm.Script(`(async () => {\n${source}\n})`, { filename: file, lineOffset: -1 });
  } catch (error) {
    const line = Number((String(error.stack).match(/^[^\n]*:(\d+)\n/) || [])[1]) || null;
    pasted.push({ file, line, message: `${error.name}: ${error.message}` });
  }
}
console.log(JSON.stringify({ failed, pasted }));
"""


def check_js_examples(cases: Sequence[JsCase], node: Path) -> list[str]:
    """Every problem the syntax check and the line rules find, as ``file:line: message``.

    One ``node`` process parses every example as the ES module it is, running none;
    an example that does not parse is then given to ``node --check``, whose message
    names its line. One that does is parsed again as a ``node`` session runs what is pasted
    into it (top-level ``await``, but no ``import`` or ``export`` statement), and what that
    refuses is named at its line. Every line must be at most :data:`LINE_LENGTH` characters; every
    example that calls the API reads its base URL from ``CLOUDWS_BASE_URL``, defaulting
    to the real API, and its token from ``CLOUDWS_TOKEN``.
    """
    findings: list[str] = []
    with tempfile.TemporaryDirectory(prefix="cloudws-node-check-") as folder:
        files: dict[str, JsCase] = {}
        for number, case in enumerate(cases):
            path = case.file
            if path is None:
                path = Path(folder) / f"example_{number}.mjs"
                path.write_text(case.source)
            files[str(path)] = case
        parser = Path(folder) / "parse.mjs"
        parser.write_text(_PARSE_MJS)
        done = subprocess.run([str(node), "--experimental-vm-modules", "--no-warnings",
                               str(parser), *files], capture_output=True, text=True,
                              timeout=_CHECK_SECONDS, check=False, env=_bare_env())
        if done.returncode != 0:
            raise RuntimeError(f"node could not check the examples:\n{done.stderr}")
        parsed = json.loads(done.stdout)
        for path in parsed["failed"]:
            findings.append(_node_check(node, Path(path), files[path]))
        for refused in parsed["pasted"]:
            case = files[refused["file"]]
            where = (_source_line(case, refused["line"]) if refused["line"] else None) \
                or case.where
            findings.append(f"{where}: this does not run in a `node` session, where readers "
                            f"paste the examples ({refused['message']}): load a module with "
                            '`const { name } = await import("node:...")`, and export nothing')
    for case in cases:
        findings += _line_findings(case)
    return sorted(findings, key=_sort_key)


def _node_check(node: Path, path: Path, case: JsCase) -> str:
    """``node --check``'s finding on ``path``, named at the example's line."""
    done = subprocess.run([str(node), "--check", str(path)], capture_output=True, text=True,
                          timeout=_CHECK_SECONDS, check=False, env=_bare_env())
    match = re.match(rf"{re.escape(str(path))}:(\d+)", done.stderr)
    where = (_source_line(case, int(match[1])) if match else None) or case.where
    message = next((line for line in done.stderr.splitlines()
                    if re.match(r"\w*Error:", line)), done.stderr.strip() or "does not parse")
    return f"{where}: node --check: {message}"


def _line_findings(case: JsCase) -> list[str]:
    from cloudws.testing import BASE_URL

    found = []
    for number, line in enumerate(case.source.split("\n"), start=1):
        if len(line) > LINE_LENGTH:
            where = _source_line(case, number) or case.where
            found.append(f"{where}: the line is {len(line)} characters long (at most "
                         f"{LINE_LENGTH}): wrap it, or print less")
    source = case.source
    from .checks import misread_exports

    misread = misread_exports(source)  # a name misspelt: at its line, not told twice
    found += [f"{_source_line(case, offset + 1) or case.where}: {said}"
              for offset, said in misread]
    if "fetch(" in source and not misread:
        if "process.env.CLOUDWS_BASE_URL ?? " not in source:
            found.append(f"{case.where}: the example does not read its base URL with "
                         f"`process.env.CLOUDWS_BASE_URL ?? \"{BASE_URL}\"`")
        if "process.env.CLOUDWS_TOKEN" not in source:
            # at the line that sends a token instead, if one does
            sends = next((number for number, line in enumerate(source.split("\n"), 1)
                          if "Bearer" in line or "Authorization" in line), None)
            where = (_source_line(case, sends) if sends else None) or case.where
            found.append(f"{where}: the example does not read its token from "
                         "`process.env.CLOUDWS_TOKEN`")
    return found


def _sort_key(finding: str) -> tuple[str, int]:
    path, line, _ = (finding.split(":", 2) + ["", ""])[:3]
    return path, int(line) if line.isdigit() else 0
