"""The docstring examples a reference page shows, as a reader pastes them into a new python
session (the copy button leaves the prompts and outputs out): each imports what it uses
(run with nothing else defined), shows no traceback half-way (a paste stops there), and
ends a block it opens (``with``, ``try``) with a bare ``...`` line, the blank line that
closes it before the next line is read.

Example:
    >>> _opens_a_block("with x:\\n    y\\n"), _opens_a_block("print(a,\\n      b)\\n")
    (True, False)
"""

from __future__ import annotations

import ast
import doctest
import importlib
import inspect
import textwrap
from collections.abc import Mapping
from pathlib import Path

from .pages import display_path

__all__ = ["LEFT_OUT", "pasted_problems", "shown_examples"]

#: Public names a reference page leaves out on purpose, and why (by module). A name may be
#: gone from the module.
LEFT_OUT: Mapping[str, Mapping[str, str]] = {
    "cloudws.testing": {"call_asgi": "how mock_api answers in memory; call mock_api instead"},
    "cloudws.errors": {"problem_body": "ApiError.body() is the same, for a user",
                       "problem_response": "the app's own way to answer an ApiError"},
    "cloudws.operations": {"operation_route": "how cloudws.app makes a route of an operation",
                           "describe_size": "how the declarations write a size"},
}


def shown_examples(module: str) -> list[doctest.DocTest]:
    """The docstring examples of ``module`` its reference page shows: the module's own, and
    those of each public name it shows (and their public members)."""
    imported = importlib.import_module(module)
    public = set(getattr(imported, "__all__", ())) - set(LEFT_OUT.get(module, {}))
    shown = []
    for test in doctest.DocTestFinder().find(imported, globs={}):
        parts = test.name.removeprefix(module).lstrip(".").split(".")
        if test.examples and (parts == [""] or parts[0] in public
                              and not any(part.startswith("_") for part in parts)):
            shown.append(test)
    return shown


def _opens_a_block(source: str) -> bool:
    """Whether ``source`` is a compound statement (``with``, ``try``, ``for``...), which a
    session reads on until a blank line; a call over several lines is not."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return False
    return any(hasattr(node, "body") and isinstance(node.body, list) for node in tree.body)


def _docstring_line(test: doctest.DocTest) -> int:
    """The 0-based line of ``test``'s file where its docstring starts. doctest's own
    ``lineno`` is wrong for a decorated function (``@contextmanager``) and a property:
    read from the source of the object itself, unwrapped."""
    name, module, obj = test.name, None, None
    parts = name.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            module = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        obj = module
        for part in parts[cut:]:
            obj = getattr(obj, part, None)
        break
    obj = getattr(obj, "fget", obj)  # a property's getter
    if obj is None or obj is module or not (inspect.isroutine(obj) or inspect.isclass(obj)):
        return test.lineno or 0
    try:
        lines, start = inspect.getsourcelines(inspect.unwrap(obj))
        tree = ast.parse(textwrap.dedent("".join(lines)))
    except (OSError, TypeError, SyntaxError):
        return test.lineno or 0
    node = tree.body[0] if tree.body else None
    doc = node.body[0] if node is not None and getattr(node, "body", None) else None
    if not isinstance(doc, ast.Expr):
        return test.lineno or 0
    return start + doc.lineno - 2


def pasted_problems(module: str) -> list[str]:
    """What stops each example of ``module`` that its page shows from running as pasted
    into a new session, each named at its line of the stub's source."""
    problems = []
    for test in shown_examples(module):
        lines = (test.docstring or "").split("\n")
        path = display_path(Path(test.filename or ""))
        first = _docstring_line(test)
        for example in test.examples:
            at = f"{path}:{first + example.lineno + 1}: {test.name}'s example"
            if example.exc_msg is not None:
                problems.append(f"{at}: it shows a traceback, where a paste stops; catch the "
                                "error (try/except) and print what it says")
            after = example.lineno + len(example.source.rstrip("\n").split("\n"))
            if _opens_a_block(example.source) and (
                    after >= len(lines) or lines[after].strip() != "..."):
                problems.append(f"{at}: its block is not closed by a bare `...` line: pasted, "
                                "the next line is read inside it")
        out: list[str] = []
        runner = _FirstFailure(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
        if runner.run(test, out=out.append).failed:
            line = first + (runner.failed_at or 0) + 1
            problems.append(f"{path}:{line}: {test.name}'s example, run with nothing imported "
                            f"but what it imports, fails:\n{''.join(out)[:600]}")
    return problems


class _FirstFailure(doctest.DocTestRunner):
    """A runner that notes the line, in its docstring, of the first example that failed."""

    failed_at: int | None = None

    def report_failure(self, out, test, example, got):  # type: ignore[no-untyped-def]
        self.failed_at = self.failed_at if self.failed_at is not None else example.lineno
        super().report_failure(out, test, example, got)

    def report_unexpected_exception(self, out, test, example, exc_info):  # type: ignore[no-untyped-def]
        self.failed_at = self.failed_at if self.failed_at is not None else example.lineno
        super().report_unexpected_exception(out, test, example, exc_info)
