"""Run a Python example with pytest-examples against the session sandbox.

:func:`run_python_case` resets the sandbox, routes ``httpx`` to it, runs the case's
blocks in order (sharing globals when the page says ``examples: shared``), and checks
the printed output against the ``#>`` comments — or rewrites them under
``--update-examples``. Then every request the example made must be an operation of the
API answered with a status its page documents.

:func:`fix_example_tracebacks` repairs pytest-examples 0.0.18 on Python 3.11: there it
rebuilds an example's code object passing ``co_lnotab`` where 3.11 expects the line
table, and pytest crashes (INTERNALERROR) formatting the traceback of any example that
raises. The fix re-points the code object with ``code.replace``, so the traceback shows
the page and line of the failing statement.
"""

from __future__ import annotations

import ctypes
import re
import sys
import textwrap
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import CodeType, FrameType, TracebackType
from typing import Any, NamedTuple

import pytest
import pytest_examples.run_code
from pytest_examples import CodeExample
from pytest_examples.eval_example import EvalExample

from .checks import ExampleError, check_exchanges, naming_pages
from .discovery import PythonCase
from .jsoncheck import ApiSchemas
from .pages import display_path
from .sandbox import DocsSandbox

__all__ = ["LINE_LENGTH", "example_dir", "fix_example_tracebacks", "run_python_case"]

#: Width at which a printed value moves from one ``#>`` line to a formatted block.
LINE_LENGTH = 100
_REFRESH = "uv run pytest --update-examples"


def run_python_case(
    case: PythonCase,
    eval_example: EvalExample,
    sandbox: DocsSandbox,
    schemas: ApiSchemas,
) -> None:
    """Run every block of ``case`` from the fixture state; fail naming page and line."""
    __tracebackhide__ = True
    eval_example.set_config(line_length=LINE_LENGTH, target_version="py311")  # type: ignore[arg-type]
    sandbox.reset()
    shared: dict[str, Any] | None = {} if case.shared else None
    shows_output = any(mark in ex.source for ex in case.examples for mark in ("#>", '"""', "'''"))
    where = _where(case.examples[0])
    with naming_pages(case.shown_on):
        with sandbox.in_process(_locator(eval_example, case)), _keep_main(), \
                sandbox.recorder.capture(case.id) as exchanges:
            try:
                for example in case.examples:
                    result = _run_one(eval_example, example, shared)
                    if shared is not None:
                        shared.update(result)
            except Exception as exc:
                # A request to no operation (a drifted method or path) is the likelier
                # cause of what the example then tripped on: name it first.
                try:
                    check_exchanges(exchanges, schemas, where, shows_output=True)
                except ExampleError as wrong:
                    raise ExampleError(f"{wrong.msg}\n(and then the example raised "
                                       f"{type(exc).__name__}: {exc})") from None
                raise
        check_exchanges(exchanges, schemas, where, shows_output=shows_output)


def _locator(eval_example: EvalExample, case: PythonCase) -> Callable[[], str | None]:
    """A function naming the page line of the example statement running now."""
    files = {str(eval_example.tmp_path / f"{ex.module_name}.py"): ex for ex in case.examples}

    def locate() -> str | None:
        frame: FrameType | None = sys._getframe(1)
        while frame is not None:
            example = files.get(frame.f_code.co_filename)
            if example is not None:
                return f"{display_path(example.path)}:{frame.f_lineno + example.start_line}"
            frame = frame.f_back
        return None

    return locate


def _run_one(eval_example: EvalExample, example: CodeExample,
             shared: dict[str, Any] | None) -> dict[str, Any]:
    __tracebackhide__ = True
    if eval_example.update_examples:
        return eval_example.run_print_update(example, module_globals=shared,
                                             rewrite_assertions=False)
    try:
        # Examples are docs, not tests: pytest's assertion rewriting (a parse, rewrite and
        # compile per example) buys nothing here.
        return eval_example.run_print_check(example, module_globals=shared,
                                            rewrite_assertions=False)
    except pytest.fail.Exception as exc:
        diff = _PRINT_DIFF_LABELS.sub(lambda m: f"{m[1]} {_LABELS[m[2]]}",
                                      (exc.msg or "").removeprefix("Print output changed code:\n"))
        line = _first_changed_line(diff) or example.start_line + 1
        raise ExampleError(
            f"{display_path(example.path)}:{line}: what the example prints is not what its #> "
            f"comments say (- shown, + printed; example at {_where(example)}):\n{diff}\n"
            f"Refresh the #> comments with `{_REFRESH}`, then review the change with "
            "`git diff`."
        ) from None
    except Exception as exc:
        line = _failing_line(exc, example)
        exc.add_note(f"{display_path(example.path)}:{line}: the example raised "
                     f"{type(exc).__name__} (example at {_where(example)})")
        raise


_PRINT_DIFF_LABELS = re.compile(r"^(\s*(?:---|\+\+\+)) (before|after)$", re.MULTILINE)
_LABELS = {"before": "shown", "after": "printed"}
_HUNK = re.compile(r"^@@ -(\d+)")


def _first_changed_line(diff: str) -> int | None:
    """The page line of the first shown line that differs, from a diff whose hunk
    headers count page lines (pytest-examples offsets them by the example's start)."""
    line = None
    for text in textwrap.dedent(diff).split("\n"):
        header = _HUNK.match(text)
        if header:
            line = int(header[1])
        elif line is not None and text[:1] in ("-", "+"):
            return line
        elif line is not None:
            line += 1
    return None


def _where(example: CodeExample) -> str:
    first = example.start_line + 1 if example.start_line else 1
    return f"{display_path(example.path)}:{first}"


def _failing_line(exc: BaseException, example: CodeExample) -> int:
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


# -- the pytest-examples 0.0.18 traceback fix ---------------------------------------------


def fix_example_tracebacks() -> None:
    """Make a raising example report its page and line instead of crashing pytest, and
    make its ``print`` calls cheap (see :func:`_caller_of_print`).

    Example:
        >>> fix_example_tracebacks()
        >>> pytest_examples.run_code.create_example_traceback is _example_traceback
        True
    """
    pytest_examples.run_code.create_example_traceback = _example_traceback
    mock_print = pytest_examples.run_code.MockPrintFunction
    if mock_print.__call__ is not _record_print:
        mock_print.__call__ = _record_print  # type: ignore[method-assign]


class _Caller(NamedTuple):
    """The two things pytest-examples reads of the frame that called ``print``."""

    frame: FrameType
    filename: str


def _record_print(self: Any, *args: Any, sep: str = " ", **kwargs: Any) -> None:
    """``MockPrintFunction.__call__`` of pytest-examples, finding its caller cheaply.

    The original takes ``inspect.stack()[4]``: that builds a ``FrameInfo`` for every
    frame on the stack (some 60 under pytest), each looking up its module among all of
    ``sys.modules`` and reading source lines — most of what an example costs. The caller
    is the same frame, four up: print's mock (``__call__``, ``_mock_call``,
    ``_execute_mock_call``) stands between.
    """
    frame = sys._getframe(pytest_examples.run_code.parent_frame_id)
    caller = _Caller(frame, frame.f_code.co_filename)
    if self._include_file(caller, args):
        line = self._find_line_number(caller)
        statement = pytest_examples.run_code.PrintStatement(
            line, sep, [pytest_examples.run_code.Arg(arg) for arg in args]
        )
        self.statements.append(statement)


def _example_traceback(exc: BaseException, module_path: str,
                       example: CodeExample) -> TracebackType | None:
    """The traceback of ``exc`` cut to the example's frames, re-pointed at its page."""
    frames = []
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == module_path:
            frames.append((_page_frame(tb.tb_frame, example), tb.tb_lasti,
                           tb.tb_lineno + example.start_line))
        tb = tb.tb_next
    new_tb = None
    for frame, lasti, lineno in reversed(frames):
        new_tb = TracebackType(new_tb, frame, lasti, lineno)
    return new_tb


def _page_frame(frame: FrameType, example: CodeExample) -> FrameType:
    code: CodeType = frame.f_code.replace(
        co_filename=str(example.path),
        co_firstlineno=frame.f_code.co_firstlineno + example.start_line,
    )
    new_frame = ctypes.pythonapi.PyFrame_New
    new_frame.argtypes = (ctypes.c_void_p, ctypes.py_object, ctypes.py_object, ctypes.py_object)
    new_frame.restype = ctypes.py_object
    ctypes.pythonapi.PyThreadState_Get.restype = ctypes.c_void_p
    return new_frame(ctypes.pythonapi.PyThreadState_Get(), code, frame.f_globals,
                     frame.f_locals)


def example_dir(root: Path, case: PythonCase) -> Path:
    """A folder of its own per page, so two pages' examples never share a module file."""
    folder = root / case.id.split(":")[0].replace("/", "__")
    folder.mkdir(parents=True, exist_ok=True)
    return folder
