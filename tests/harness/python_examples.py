"""Run a Python example with pytest-examples against the session sandbox.

:func:`run_python_case` resets the sandbox, routes ``httpx`` to it, runs the case's
blocks in order (sharing globals when the page says ``examples: shared``), and checks
the printed output against the ``#>`` comments — or rewrites them under
``--update-examples``. Then every request the example made must be an operation of the
API answered with a status its page documents.

pytest-examples finds the caller of each ``print`` with ``inspect.stack()``, which costs
for every frame on the stack, and far more for a frame of importlib's frozen loader (a
search of all of ``sys.modules`` each time). So each block runs on a worker thread of the
harness (see :class:`ShallowStack`), loaded by pytest's assertion-rewriting loader
rather than importlib's: under a ``print`` there are then a dozen frames, all of files on
disk, instead of some sixty with two frozen ones.

A raising example is reported at its page and line: see :mod:`.upstream` for how the
traceback pytest-examples 0.0.18 makes on Python 3.11 is repaired. One still running after
:data:`.checks.EXAMPLE_SECONDS` (a loop waiting for a state that never comes) is stopped,
and reported at the line it was at, with the last request it sent.
"""

from __future__ import annotations

import ast
import builtins
import contextvars
import difflib
import gc
import io
import itertools
import queue
import re
import sys
import textwrap
import threading
import time
import tokenize
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from types import FrameType
from typing import Any, TypeVar

import pytest
from pytest_examples import CodeExample
from pytest_examples.eval_example import EvalExample

from cloudws.app import TOKEN_PREFIX
from cloudws.testing import BASE_URL

from . import checks
from .checks import (
    REFRESH,
    ExampleError,
    check_calls_its_operation,
    check_exchanges,
    misread_exports,
    naming_pages,
    no_refresh,
    ran_too_long,
    refusal,
    request_notes,
)
from .discovery import PythonCase
from .jsoncheck import HUNK, ApiSchemas, first_changed_line, renumber_hunks
from .pages import display_path
from .sandbox import DocsSandbox, Seen, stop_requests_from
from .upstream import repair_example_traceback

__all__ = ["LINE_LENGTH", "ShallowStack", "StillRunning", "example_dir", "failing_line",
           "run_python_case"]

_T = TypeVar("_T")

#: Width at which a printed value no longer fits one ``#>`` line. pytest-examples then
#: writes a formatted block between triple quotes, which the harness refuses: a reader's
#: paste prints one line, not that block (see :func:`_check_one_line_each`).
LINE_LENGTH = 100


def run_python_case(
    case: PythonCase,
    eval_example: EvalExample,
    sandbox: DocsSandbox,
    schemas: ApiSchemas,
) -> None:
    """Run every block of ``case`` from the fixture state; fail naming page and line."""
    __tracebackhide__ = True
    _check_indented_with_spaces(case)
    _check_reads_the_exports(case)
    eval_example.set_config(line_length=LINE_LENGTH, target_version="py311")  # type: ignore[arg-type]
    sandbox.reset()
    shared: dict[str, Any] | None = {} if case.shared else None
    where = _where(case.examples[0])
    shown = [_outputs(example.source) for example in case.examples]  # before any rewrite
    sources = [example.source for example in case.examples]
    with naming_pages(case.shown_on, case.id):
        with sandbox.in_process(_locator(eval_example, case)), _keep_main(), \
                sandbox.recorder.capture(case.id) as exchanges:
            try:
                for example in case.examples:
                    result = _SHALLOW.call(_run_one, eval_example, example, shared,
                                           within=checks.EXAMPLE_SECONDS)
                    if shared is not None:
                        shared.update(result)
            except StillRunning as late:
                raise ExampleError(_still_running(late, case, eval_example, exchanges)
                                   ) from None
            except (Exception, pytest.fail.Exception) as exc:
                # A request to no operation (a drifted method or path) is the likelier
                # cause of what the example then printed or tripped on: name it first.
                try:
                    check_exchanges(exchanges, schemas, where, shows_output=True)
                    check_calls_its_operation(case.examples[0].path, exchanges, where)
                except ExampleError as wrong:
                    then = ("so what it printed is not what its #> comments say: fix the "
                            "request, not the comments" if isinstance(exc, ExampleError)
                            else f"and then the example raised {type(exc).__name__}: {exc}")
                    raise ExampleError(f"{wrong.msg}\n({then})") from None
                if isinstance(exc, ExampleError):  # a drift: all it shows, all it printed
                    # a new example (no #> line yet) is filled in, but never with an error
                    before = [line for lines in shown for line in lines]
                    notes = request_notes(exchanges, shown=before,
                                          printed=_as_printed(before, exc.msg),
                                          failed=not any(shown))
                else:
                    notes = request_notes(exchanges, shown=_outputs(
                        "\n".join(ex.source for ex in case.examples)), failed=True)
                if notes and isinstance(exc, ExampleError):  # no refresh: it would show those
                    raise ExampleError(exc.msg.replace(f"\n{_REFRESH_ADVICE}", "") + notes
                                       + "\n" + no_refresh("#> comments", "#>",
                                                            new=not any(shown))) from None
                if notes:
                    _raised_after_an_error(exc, exchanges, notes)
                    exc.add_note(notes.strip())
                raise
        _refuse_new_errors(case, shown, sources, eval_example, exchanges)
        # Read once the examples ran: under --update-examples, they have their new #> lines.
        for example, source in zip(case.examples, sources, strict=True):
            _check_one_line_each(example, source)
        shows_output = any("#>" in ex.source for ex in case.examples)
        check_exchanges(exchanges, schemas, where, shows_output=shows_output)
        check_calls_its_operation(case.examples[0].path, exchanges, where)


def _raised_after_an_error(exc: BaseException, exchanges: list[Any], notes: str) -> None:
    """Where an example raised after a request it sent got an error it does not show (a
    wrong value in a body, say: ``KeyError: 'Location'`` two lines on), name the request's
    line first, where the fix likelier is, and the line that raised after it."""
    errored = next((e for e in exchanges if e.status >= 400 and getattr(e, "origin", None)
                    and f"sent at {e.origin}," in notes), None)
    raised = next((i for i, note in enumerate(getattr(exc, "__notes__", []))
                   if ": the example raised " in note), None)
    if errored is None or raised is None:
        return
    at, _, rest = exc.__notes__[raised].partition(": the example raised ")
    code = f" {errored.code}" if getattr(errored, "code", None) else ""
    exc.__notes__[raised] = (f"{errored.origin}: {errored.method} {errored.path} answered "
                             f"{errored.status}{code}, which the example does not show; then, "
                             f"at {at}, the example raised {rest}")


def _as_printed(shown: list[str], drift: str) -> list[str]:
    """The ``#>`` lines an example printed, rebuilt from the lines it shows (``shown``) and
    the ``drift``'s diff: each line the diff removes taken out, each it adds put where
    the removed one was (:func:`.checks.new_errors` counts them, in any order), so that
    an error it shows on a line the drift leaves alone is still shown.

    Example:
        >>> _as_printed(["#> 409 busy", "#> 200 deleted", "#> 1"],
        ...             "   #> 409 busy\\n  -#> 200 deleted\\n  +#> 200 removed")
        ['#> 409 busy', '#> 200 removed', '#> 1']
        >>> _as_printed(["#> 404", "#> 200"], "       #> 404\\n  -    #> 200\\n  +    #> 404")
        ['#> 404', '#> 404']
    """
    printed, at = [], 0
    for line in drift.splitlines():
        line = line.strip()
        side, rest = (line[0], line[1:].strip()) if line[:1] in ("-", "+") else ("", line)
        if not rest.startswith("#>"):
            continue
        if side == "+":
            printed.append(rest)
        elif rest in shown[at:]:  # a line shown: the ones before it are kept
            found = shown.index(rest, at)
            printed += shown[at:found] + ([] if side == "-" else [rest])
            at = found + 1
    return printed + shown[at:]


def _outputs(text: str) -> list[str]:
    """The ``#>`` lines of a source ``text``.

    Example:
        >>> _outputs("x = 1\\n#> 1\\n  #> 2")
        ['#> 1', '#> 2']
    """
    return [line.strip() for line in text.splitlines() if line.strip().startswith("#>")]


def _refuse_new_errors(case: PythonCase, shown: list[list[str]], sources: list[str],
                       eval_example: EvalExample, exchanges: Sequence[Seen]) -> None:
    """Under ``--update-examples``: refuse to write in the ``#>`` lines of a run in which a
    request got an error the example does not show (:func:`.checks.new_errors`), from the
    lines ``shown`` before the run rewrote them (one list per block), and show what it
    would have written: each block's ``sources`` against what the run made of it."""
    __tracebackhide__ = True
    if not eval_example.update_examples:
        return
    before = [line for lines in shown for line in lines]
    after = [line for example in case.examples for line in _outputs(example.source)]
    if after == before:  # nothing to write in
        return
    # A new example (no #> line yet) is filled in, but never with an error: a typo in its
    # request would be written in (to show one on purpose, write its #> line first).
    notes = request_notes(exchanges, shown=before, printed=after, failed=not before)
    if notes:
        raise ExampleError(
            refusal(exchanges, _where(case.examples[0]), shown=before, printed=after) + "\n"
            + _unwritten(case, sources) + notes
            + "\n" + no_refresh("#> comments", "#>", new=not before))


def _unwritten(case: PythonCase, sources: list[str]) -> str:
    """The drift of the first block whose run changed its ``#>`` lines, as the check
    without ``--update-examples`` says it: what the run printed against its ``sources``."""
    for example, source in zip(case.examples, sources, strict=True):
        if example.source == source:
            continue
        diff = "\n".join(renumber_hunks(list(difflib.unified_diff(
            source.split("\n"), example.source.split("\n"), "shown", "printed",
            lineterm="", n=2)), example.start_line))
        last = example.start_line + len(source.rstrip("\n").split("\n"))
        line = min(first_changed_line(diff) or example.start_line + 1, last)
        said = ("what the example prints is not what its #> comments say (- shown, + printed"
                if "#>" in source else
                "the example has no #> comments yet for what it prints (+ printed")
        return (f"{display_path(example.path)}:{line}: {said}; example at "
                f"{_where(example)}):\n{diff}")
    return ""


def _check_reads_the_exports(case: PythonCase) -> None:
    """Fail unless an example that calls the API takes its base URL and token from the
    two exports and writes no sandbox token, so that it runs as pasted against any
    sandbox and against the real API. The reference pages' examples, which show the
    ``cloudws`` package in a test (under ``mock_api``), write theirs."""
    __tracebackhide__ = True
    if all("docs/reference/" in display_path(ex.path) for ex in case.examples):
        return
    source = "\n".join(ex.source for ex in case.examples)
    if "httpx" not in source:
        return
    for example in case.examples:  # first: a token written in is named at its line
        for number, line in enumerate(example.source.splitlines(), 1):
            if TOKEN_PREFIX in line.split("#", 1)[0]:  # in code, not in a comment
                raise ExampleError(
                    f"{display_path(example.path)}:{example.start_line + number}: the "
                    f"example writes a sandbox token ({TOKEN_PREFIX}...), which only the "
                    'sandbox takes: read it with os.environ["CLOUDWS_TOKEN"]')
    for example in case.examples:  # a name misspelt: at its line
        for offset, said in misread_exports(example.source):
            raise ExampleError(
                f"{display_path(example.path)}:{example.start_line + offset + 1}: {said}")
    where = _where(case.examples[0])
    reads = {"CLOUDWS_BASE_URL": f'os.environ.get("CLOUDWS_BASE_URL", "{BASE_URL}")',
             "CLOUDWS_TOKEN": 'os.environ["CLOUDWS_TOKEN"]'}
    for name, how in reads.items():
        if name not in source:
            raise ExampleError(f"{where}: the example does not read {name}: use {how}, as "
                               "every example does (docs/contributing.md, Rules for examples)")


def _check_indented_with_spaces(case: PythonCase) -> None:
    """Fail at the first line of ``case`` indented with a tab: Python's style (PEP 8) and
    every example indent with spaces, as a refresh writes the ``#>`` lines under a print;
    under a tab, those would be two indents Python tells apart."""
    __tracebackhide__ = True
    for example in case.examples:
        if "\t" not in example.source:
            continue  # (tokenized only for a tab's lines)
        inside = _inside_strings(example.source)
        for number, line in enumerate(example.source.splitlines(), 1):
            if number not in inside and "\t" in line[:len(line) - len(line.lstrip())]:
                raise ExampleError(
                    f"{display_path(example.path)}:{example.start_line + number}: the line "
                    "is indented with a tab: indent with spaces, four a level, as every "
                    "example does (a refresh writes its #> lines so)")


def _inside_strings(source: str) -> set[int]:
    r"""The lines of ``source`` that a string begun on an earlier line goes on through (its
    text, not indentation). None for a source that does not tokenize: its own check says
    why.

    Example:
        >>> sorted(_inside_strings("x = '''a\n\tb\n'''\nif x:\n\tprint(x)\n"))
        [2, 3]
        >>> sorted(_inside_strings("y = f'''a\n\t{x}\n'''\n"))
        [2, 3]
    """
    lines: set[int] = set()
    # from Python 3.12, an f-string comes as its start, its parts and its end
    start, end = getattr(tokenize, "FSTRING_START", None), getattr(tokenize, "FSTRING_END", None)
    opened: list[int] = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.STRING and token.end[0] > token.start[0]:
                lines.update(range(token.start[0] + 1, token.end[0] + 1))
            elif start is not None and token.type == start:
                opened.append(token.start[0])
            elif end is not None and token.type == end and opened:
                lines.update(range(opened.pop() + 1, token.end[0] + 1))
    except (tokenize.TokenError, SyntaxError):
        pass
    return lines


def _check_one_line_each(example: CodeExample, before: str) -> None:
    """Fail if a print's output is shown as a block between triple quotes (a value too
    long for one ``#>`` line), naming the print's line on the page (``before``: the
    example's text as the page has it, before a refresh added output lines)."""
    __tracebackhide__ = True
    lines = example.source.splitlines()
    for index, line in enumerate(lines[1:], 1):
        if line.strip() in ("'''", '"""') and "print(" in lines[index - 1]:
            at = _line_before_outputs(lines, index - 1, before.splitlines())
            raise ExampleError(
                f"{display_path(example.path)}:{example.start_line + at}: this print's "
                f"value is too long for one #> line ({LINE_LENGTH} characters) and is shown "
                "as a block, which is not what a reader's paste prints: print less (a field, "
                "or one value per print), then refresh the #> lines")


def _print_before_block(diff: str) -> int | None:
    """The shown side's line of the print whose output the diff adds as a block between
    triple quotes: the last line both sides have before the block opens.

    Example:
        >>> diff = "@@ -9,2 +9,5 @@\\n print(1)\\n+#> 1\\n print(x)\\n+'''\\n+[1, ...]\\n+'''"
        >>> _print_before_block(diff)
        10
    """
    line, last = None, None
    for text in textwrap.dedent(diff).split("\n"):
        header = HUNK.match(text)
        if header:
            line = int(header[1])
        elif line is None:
            continue
        elif text[:1] == "+":
            if text[1:].strip() in ("'''", '"""') and last is not None:
                return last
        elif text[:1] == "-":
            line += 1
        else:
            last, line = line, line + 1
    return None


def _outputs_at(lines: list[str]) -> list[bool]:
    """Which of an example's ``lines`` show output: ``#>`` lines, and a block between
    triple quotes right after a print."""
    shows, block = [], False
    for index, line in enumerate(lines):
        quote = line.strip() in ("'''", '"""')
        opens = quote and not block and index > 0 and "print(" in lines[index - 1]
        shows.append(block or opens or line.strip().startswith("#>"))
        block = (block and not quote) or opens
    return shows


def _line_before_outputs(after: list[str], index: int, before: list[str]) -> int:
    """The 1-based line in ``before`` of line ``index`` of ``after``: the same example
    with output lines added or changed, its code lines the same, in order.

    Example:
        >>> before = ["x = [1] * 50", "print(1)", "print(x)"]
        >>> after = ["x = [1] * 50", "print(1)", "#> 1", "print(x)", "'''", "[1, ...]", "'''"]
        >>> _line_before_outputs(after, 3, before)
        3
    """
    code = sum(not shows for shows in _outputs_at(after)[:index + 1])
    for number, shows in enumerate(_outputs_at(before), 1):
        code -= not shows
        if code == 0:
            return number
    return index + 1


def _locator(eval_example: EvalExample, case: PythonCase) -> Callable[[], str | None]:
    """A function naming the page line of the example statement running now: the
    innermost in the example, or, when that is inside a helper of the example
    (:func:`_helpers`), the line that called the outermost such helper and names it, not
    the helper's one line for every call. A request inside a function called once (a
    ``main()``) is named where it is."""
    files = _files(eval_example, case)
    # The sources as they run: under --update-examples, a block that ran is rewritten
    # (its new #> lines) while a later block of a shared page runs.
    ran = {file: replace(example) for file, example in files.items()}
    found: list[dict[tuple[str, int], str]] = []  # the helpers, once a frame is inside one
    lines = {file: example.source.splitlines() for file, example in files.items()}

    def locate() -> str | None:
        frames = []  # the example's, innermost first
        frame: FrameType | None = sys._getframe(1)
        while frame is not None:
            if frame.f_code.co_filename in files:
                frames.append(frame)
            frame = frame.f_back
        if not frames:
            return None
        chosen, names = frames[0], set()
        if len(frames) > 1 and not found:  # read only for a request made inside a function
            found.append(_helpers(ran))
        helpers = found[0] if found else {}
        for inner, outer in itertools.pairwise(frames):
            code = inner.f_code
            comprehension = code.co_name in _COMPREHENSIONS
            name = helpers.get((code.co_filename, code.co_firstlineno))
            if name is None and not comprehension:
                continue
            names.add(name or "")
            said = lines[outer.f_code.co_filename][outer.f_lineno - 1]
            if comprehension or any(re.search(rf"\b{re.escape(n)}\b", said) for n in names if n):
                chosen = outer
        example = files[chosen.f_code.co_filename]
        return f"{display_path(example.path)}:{chosen.f_lineno + example.start_line}"

    return locate


#: The frames a comprehension runs in (Python 3.11), inside the function that holds it.
_COMPREHENSIONS = frozenset(("<listcomp>", "<setcomp>", "<dictcomp>", "<genexpr>"))


def _helpers(files: dict[str, CodeExample]) -> dict[tuple[str, int], str]:
    """The name, by (file, first line), of each function of the examples (by the file
    each runs from) that a request inside is named out of: one they call by name from
    more than one place (for each time it is defined; a call to itself aside), or never
    (a method, a decorator's wrapper, a function passed as a callback:
    ``map(size, ids)``). Not one they call once, as a ``main()``. A lambda counts by the
    name it is bound to.

    Example:
        >>> source = ("def get(path):\\n    return path\\ntell = lambda x: print(x)\\n"
        ...           "def main():\\n    tell(get('a'))\\n    tell(get('b'))\\nmain()\\n")
        >>> example = CodeExample.create(source)
        >>> sorted((line, name) for (_, line), name in _helpers({"x.py": example}).items())
        [(1, 'get'), (3, 'tell')]
    """
    calls: Counter[str] = Counter()
    defined: list[tuple[str, str, int]] = []

    def visit(node: ast.AST, file: str, inside: str | None) -> None:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            defined.append((node.name, file, first))
            inside = node.name
        elif (isinstance(node, ast.Assign) and isinstance(node.value, ast.Lambda)
              and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)):
            defined.append((node.targets[0].id, file, node.value.lineno))
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
              and node.func.id != inside):
            calls[node.func.id] += 1
        for child in ast.iter_child_nodes(node):
            visit(child, file, inside)

    for file, example in files.items():
        try:
            visit(ast.parse(example.source), file, None)
        except SyntaxError:
            continue  # reported by the example's run
    times = Counter(name for name, _, _ in defined)
    return {(file, line): name for name, file, line in defined if calls[name] != times[name]}


def _files(eval_example: EvalExample, case: PythonCase) -> dict[str, CodeExample]:
    """Each example of ``case`` by the file pytest-examples runs it from."""
    return {str(eval_example.tmp_path / f"{ex.module_name}.py"): ex for ex in case.examples}


def _place(stack: list[tuple[str, int]], files: dict[str, CodeExample]
           ) -> tuple[CodeExample, int] | None:
    """The example, and its page line, of the innermost frame of ``stack`` (each frame's
    file and line, innermost first) that runs one of ``files``."""
    for file, line in stack:
        example = files.get(file)
        if example is not None:
            return example, line + example.start_line
    return None


def _stack(frame: FrameType | None) -> list[tuple[str, int]]:
    """Each frame's file and line, from ``frame`` out."""
    stack = []
    while frame is not None:
        stack.append((frame.f_code.co_filename, frame.f_lineno))
        frame = frame.f_back
    return stack


def _still_running(late: StillRunning, case: PythonCase, eval_example: EvalExample,
                   exchanges: Sequence[Seen]) -> str:
    """What a case whose example had not ended after ``late.seconds`` says: at the line it
    was at, shown (:func:`.checks.ran_too_long`)."""
    place = _place(late.stack, _files(eval_example, case))
    if place is None:
        return ran_too_long(_where(case.examples[0]), "the example", late.seconds, exchanges)
    example, line = place
    source = example.source.splitlines()[line - example.start_line - 1].strip()
    said, _, requests = ran_too_long(f"{display_path(example.path)}:{line}", "the example",
                                     late.seconds, exchanges).partition("\n")
    return (f"{said} at this line (example at {_where(example)}):\n    {source}\n"
            f"{requests}")


def _run_one(eval_example: EvalExample, example: CodeExample,
             shared: dict[str, Any] | None) -> dict[str, Any]:
    __tracebackhide__ = True
    try:
        # With pytest's assertion rewriting, pytest's loader runs the example instead of
        # importlib's: no frozen importlib frames under it, which ``inspect.stack()``
        # (run at every print) resolves only by a search of all of ``sys.modules``.
        if eval_example.update_examples:
            return eval_example.run_print_update(example, module_globals=shared,
                                                 rewrite_assertions=True)
        return eval_example.run_print_check(example, module_globals=shared,
                                            rewrite_assertions=True)
    except pytest.fail.Exception as exc:
        diff = _PRINT_DIFF_LABELS.sub(lambda m: f"{m[1]} {_LABELS[m[2]]}",
                                      (exc.msg or "").removeprefix("Print output changed code:\n"))
        diff = _hunk_counts(diff, example.start_line)
        # the first line that differs; a line added after the last one: at the last one
        last = example.start_line + len(example.source.rstrip("\n").split("\n"))
        line = min(first_changed_line(diff) or example.start_line + 1, last)
        if _BLOCK_PRINTED.search(diff):  # written under the print: name the print
            raise ExampleError(
                f"{display_path(example.path)}:{_print_before_block(diff) or line}: this "
                "print prints a value "
                f"too long for one #> line ({LINE_LENGTH} characters), which --update-examples "
                "would write as a block, not what a reader's paste prints: print less (a "
                "field, or one value per print), then refresh the #> lines") from None
        said = ("what the example prints is not what its #> comments say (- shown, + "
                "printed" if "#>" in example.source else
                "the example has no #> comments yet for what it prints (+ printed")
        raise ExampleError(
            f"{display_path(example.path)}:{line}: {said}; example at {_where(example)}):\n"
            f"{diff}\n{_REFRESH_ADVICE}"
        ) from None
    except SyntaxError as exc:
        if exc.lineno is None or exc.filename != str(
                eval_example.tmp_path / f"{example.module_name}.py"):
            raise  # not the example's own text: one it compiles or evaluates
        # the line in the module written from the example's text: a page block's starts
        # after its fence (start_line), a snippet file's at 1 (start_line 0)
        raise ExampleError(
            f"{display_path(example.path)}:{example.start_line + exc.lineno}: the example is "
            "not valid Python: "
            f"{exc.msg} (example at {_where(example)})\n    {(exc.text or '').strip()}"
        ) from None
    except Exception as exc:
        repair_example_traceback(exc, example)
        line = failing_line(exc, example)
        said = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else ""
        meant = (checks.field_meant(exc.args[0], cutoff=0.7)
                 if isinstance(exc, KeyError) and exc.args
                 and isinstance(exc.args[0], str) else None)  # r.json()["state"]
        exc.add_note(f"{display_path(example.path)}:{line}: the example raised "
                     f"{type(exc).__name__}{f': {said}' if said else ''} (example at "
                     f"{_where(example)})"
                     + (f"; {exc.args[0]!r} is no field of the API's answers: did you mean "
                        f"{meant!r}?" if meant else ""))
        raise


def _hunk_counts(diff: str, offset: int) -> str:
    """The diff with its hunks' line counts as counts: pytest-examples moves every number
    of a hunk header to the page's lines (its ``code_diff``), counts included.

    Example:
        >>> _hunk_counts("  @@ -154,157 +154,158 @@\\n   a", 153)
        '  @@ -154,4 +154,5 @@\\n   a'
        >>> _hunk_counts("@@ -9 +9 @@", 8)
        '@@ -9 +9 @@'
    """
    def count(m: re.Match[str]) -> str:
        before = f",{int(m[3]) - offset}" if m[3] else ""
        after = f",{int(m[6]) - offset}" if m[6] else ""
        return f"{m[1]}{m[2]}{before} +{m[5]}{after} @@"

    return _HUNK_HEADER.sub(count, diff)


_HUNK_HEADER = re.compile(r"^(\s*@@ -)(\d+)(?:,(\d+))? (\+)(\d+)(?:,(\d+))? @@", re.MULTILINE)
_REFRESH_ADVICE = (f"Refresh the #> comments with `{REFRESH}`, then review the change "
                   "with `git diff`.")
#: A printed value that pytest-examples would show as a block between triple quotes.
_BLOCK_PRINTED = re.compile(r"^\s*\+\s*(?:'{3}|\"{3})\s*$", re.MULTILINE)
_PRINT_DIFF_LABELS = re.compile(r"^(\s*(?:---|\+\+\+)) (before|after)$", re.MULTILINE)
_LABELS = {"before": "shown", "after": "printed"}
def _where(example: CodeExample) -> str:
    first = example.start_line + 1 if example.start_line else 1
    return f"{display_path(example.path)}:{first}"


def failing_line(exc: BaseException, example: CodeExample) -> int:
    """The page line of the last traceback entry of ``exc`` in ``example``."""
    line, tb = example.start_line + 1, exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == str(example.path):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


@contextmanager
def _keep_main() -> Iterator[None]:
    """pytest-examples runs each example as ``__main__``; put the real one back after."""
    main = sys.modules.get("__main__")
    try:
        yield
    finally:
        if main is not None:
            sys.modules["__main__"] = main


# -- a shallow stack for the examples ----------------------------------------------------


class ShallowStack:
    """One worker thread that runs calls for the caller, which waits: on a stack a dozen
    frames deep, whatever the caller's depth.

    pytest-examples' ``print`` mock takes ``inspect.stack()`` for every call, which builds
    a ``FrameInfo`` (module lookup, source line, positions) for every frame on the stack:
    under pytest some sixty. On this thread an example's stack holds only its own frames
    and pytest-examples'. The call sees the caller's context variables; what it raises is
    raised to the caller.

    Example:
        >>> stack = ShallowStack()
        >>> stack.call(lambda: len(__import__("inspect").stack()) < 10)
        True
        >>> stack.call(int, "x")
        Traceback (most recent call last):
        ...
        ValueError: invalid literal for int() with base 10: 'x'
    """

    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue[tuple[Any, ...]] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def call(self, func: Callable[..., _T], *args: Any, within: float | None = None) -> _T:
        """``func(*args)``, run on the worker thread; :class:`StillRunning` if it has not
        returned within ``within`` seconds: the call is then stopped (:func:`_stop`), and
        the next call gets a thread of its own."""
        __tracebackhide__ = True
        if threading.current_thread() is self._thread:
            return func(*args)
        done = threading.Event()
        outcome: list[Any] = []
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._work, args=(self._jobs,),
                                                daemon=True, name="cloudws-examples")
                self._thread.start()
            self._jobs.put((contextvars.copy_context(), func, args, outcome, done))
            if not done.wait(within):
                thread, jobs = self._thread, self._jobs
                self._thread, self._jobs = None, queue.SimpleQueue()
                jobs.put(None)  # the old thread ends once it is free
                stack = _stop(thread, done)
                if stack is not None:
                    raise StillRunning(within or 0, stack)
                # else it ended just in time, and its outcome stands
        ok, value = outcome
        if not ok:
            raise value
        return value  # type: ignore[no-any-return]

    @staticmethod
    def _work(jobs: queue.SimpleQueue[tuple[Any, ...] | None]) -> None:
        __tracebackhide__ = True
        try:
            while (job := jobs.get()) is not None:
                context, func, args, outcome, done = job
                try:
                    outcome[:] = [True, context.run(func, *args)]
                except Stopped:
                    return  # its caller has gone on without it
                except BaseException as exc:  # noqa: BLE001 - raised again on the caller's side
                    outcome[:] = [False, exc]
                finally:
                    done.set()
                    del job, context, func, args, outcome, done
        except Stopped:  # stopped as its call ended
            return


class StillRunning(Exception):
    """A call to :meth:`ShallowStack.call` that had not returned after ``seconds``;
    ``stack`` is where it was then: each frame's file and line, innermost first."""

    def __init__(self, seconds: float, stack: list[tuple[str, int]]) -> None:
        super().__init__(f"still running after {seconds:g} s")
        self.seconds, self.stack = seconds, stack


class Stopped(BaseException):
    """Raised in the thread of an example stopped for running too long (:func:`_stop`). A
    ``BaseException``: the example's own ``except Exception`` does not catch it."""


class _Parked(BaseException):
    """Raised in the thread of an example stopped for running too long that did not unwind
    in time (blocked where Python cannot reach it): made the moment the thread wakes,
    before any handler of the example's or pytest-examples' runs, it blocks there for
    good. The thread never runs on, so it never puts back ``print`` (pytest-examples'
    ``patch.stop()``) over another example's run."""

    def __init__(self, *args: object) -> None:
        threading.Event().wait()


#: ``print`` itself: pytest-examples replaces it while an example runs.
_PRINT = builtins.print
#: How long a stopped example's thread is given to unwind (a ``sleep`` of the example's
#: ends first).
UNWIND_SECONDS = 10


def _stop(thread: threading.Thread, done: threading.Event) -> list[tuple[str, int]] | None:
    """Where ``thread`` is now (each frame's file and line, innermost first); and stop it.
    ``None`` if its call ended meanwhile (``done``).

    Python has no call to stop a thread from outside; CPython's C API has one,
    ``PyThreadState_SetAsyncExc``, which raises an exception in it at its next Python
    instruction: :class:`Stopped`, which the example's own ``except Exception`` does not
    catch. The thread then unwinds, putting back what the example's run replaced
    (``print``, pytest-examples' while an example runs), within :data:`UNWIND_SECONDS` (a
    ``sleep`` of the example's ends first). One that swallows even that, and sends a
    request, is parked there for good by the sandbox (:func:`~.sandbox.stop_requests_from`).
    One parked, or blocked in a call that does not return to Python (a wait or a long
    ``sleep``), stays so, a daemon: its pending exception becomes :class:`_Parked`, so
    that should it wake, it stops there for good instead of running on, and ``print`` is
    put back here."""
    import ctypes

    stack = _stack(sys._current_frames().get(thread.ident or 0))
    if done.is_set() or thread.ident is None:
        return None
    ident = ctypes.c_ulong(thread.ident)
    parked = stop_requests_from(thread)
    # Raised in a callback of the garbage collector (Hypothesis has one), the exception is
    # ignored, said through sys.unraisablehook, and the example runs on: it is raised
    # again, and, meanwhile, no collection starts another callback.
    landed_elsewhere = threading.Event()
    hook = sys.unraisablehook

    def ignored(unraisable: Any) -> None:
        if threading.current_thread() is thread and isinstance(unraisable.exc_value, Stopped):
            landed_elsewhere.set()
        else:
            hook(unraisable)

    collecting = gc.isenabled()
    gc.disable()
    sys.unraisablehook = ignored
    try:
        ctypes.pythonapi.PyThreadState_SetAsyncExc(ident, ctypes.py_object(Stopped))
        until = time.monotonic() + UNWIND_SECONDS
        while thread.is_alive() and not parked.is_set() and time.monotonic() < until:
            thread.join(0.01)
            if landed_elsewhere.is_set():
                landed_elsewhere.clear()
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ident, ctypes.py_object(Stopped))
        if thread.is_alive():
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ident, ctypes.py_object(_Parked))
            builtins.print = _PRINT
    finally:
        sys.unraisablehook = hook
        if collecting:
            gc.enable()
    return stack


_SHALLOW = ShallowStack()


def example_dir(root: Path, case: PythonCase) -> Path:
    """A folder of its own per page, so two pages' examples never share a module file."""
    folder = root / case.id.split(":")[0].replace("/", "__")
    folder.mkdir(parents=True, exist_ok=True)
    return folder
