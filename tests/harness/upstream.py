"""Where pytest-examples 0.0.18 breaks on Python 3.11, and how the harness copes.

When an example raises, pytest-examples re-points the traceback at the page: its
``create_example_traceback`` (``pytest_examples/traceback.py``) rebuilds each example
frame with a new code object, and on Python 3.11 it passes ``co_lnotab`` where
``types.CodeType`` takes the line table. The frames it makes have a corrupt line table,
so pytest crashes (INTERNALERROR, ``RuntimeError: generator raised StopIteration`` in
``traceback._get_code_position``) formatting the failure of any example that raises.
No upstream issue or fix for it was found among pydantic/pytest-examples' issues and
pull requests. ``tests/test_upstream.py`` runs the unrepaired upstream code and fails,
saying so, the day it stops crashing: then this module can go.

The repair uses only public Python, after pytest-examples has raised:
:func:`repair_example_traceback` swaps each of those frames for one of code compiled for
the page's file, stopped at the same line and columns (``compile``, ``exec``,
``CodeType.replace``, ``types.TracebackType``). pytest-examples itself is not touched.

Example:
    >>> import traceback
    >>> from pathlib import Path
    >>> from pytest_examples import CodeExample
    >>> example = CodeExample.create("{}['name']\\n", path=Path("docs/page.md"), start_line=5)
    >>> try:
    ...     exec(compile("\\n" * 5 + "{}['name']", "docs/page.md", "exec"))
    ... except KeyError as exc:
    ...     error = repair_example_traceback(exc, example)
    >>> last = traceback.extract_tb(error.__traceback__)[-1]
    >>> last.filename, last.lineno, last.colno, last.end_colno
    ('docs/page.md', 6, 0, 10)
"""

from __future__ import annotations

from collections.abc import Iterator
from types import CodeType, FrameType, TracebackType
from typing import Any, TypeVar

from pytest_examples import CodeExample

__all__ = ["page_frame", "repair_example_traceback"]

_E = TypeVar("_E", bound=BaseException)
#: (line, end line, column, end column) of an instruction, as ``co_positions`` gives them.
Span = tuple[int | None, int | None, int | None, int | None]


def repair_example_traceback(exc: _E, example: CodeExample) -> _E:
    """``exc``, its traceback entries on ``example``'s page made of sound frames.

    Each keeps its page line, and the columns of the failing expression where the
    example's code tells them (so a traceback marks them as Python's would).
    """
    page = str(example.path)
    entries: list[tuple[FrameType, int, int]] = []
    tb = exc.__traceback__
    while tb is not None:
        frame, lasti, lineno = tb.tb_frame, tb.tb_lasti, tb.tb_lineno
        if frame.f_code.co_filename == page:
            span = _span(example, frame.f_code, lasti)
            frame, lasti = page_frame(frame, page, lineno, span)
        entries.append((frame, lasti, lineno))
        tb = tb.tb_next
    rebuilt = None
    for frame, lasti, lineno in reversed(entries):
        rebuilt = TracebackType(rebuilt, frame, lasti, lineno)
    return exc.with_traceback(rebuilt)


def _span(example: CodeExample, code: CodeType, lasti: int) -> Span | None:
    """Where instruction ``lasti`` of ``code`` (a rebuilt copy of the example's code)
    is on the page, from the example's source compiled at its page lines.

    The example ran as compiled by its loader: as is, or with a prologue of imports when
    pytest rewrote its assertions. So the copy's instructions end with the same
    operations as the compiled source's (after its ``RESUME``), offset by the prologue.
    """
    try:
        module = compile("\n" * example.start_line + example.source, str(example.path), "exec",
                         dont_inherit=True)
    except (SyntaxError, ValueError):
        return None
    ran = code.co_code[::2]  # the operations, one per code unit (caches included)
    for candidate in _codes(module):
        ops = candidate.co_code[::2]
        if candidate.co_name != code.co_name or not 1 < len(ops) <= len(ran) + 1:
            continue
        if ran[len(ran) - len(ops) + 1:] != ops[1:]:
            continue
        index = lasti // 2 - (len(ran) - len(ops))
        if index < 1:
            return None
        for at, span in enumerate(candidate.co_positions()):
            if at == index:
                return span
    return None


def _codes(code: CodeType) -> Iterator[CodeType]:
    yield code
    for const in code.co_consts:
        if isinstance(const, CodeType):
            yield from _codes(const)


class _Here(Exception):
    """Raised by a rebuilt frame's code, to capture the frame."""


def _raise_here() -> None:
    raise _Here


def page_frame(frame: FrameType, page: str, lineno: int,
               span: Span | None = None) -> tuple[FrameType, int]:
    """A frame like ``frame`` (name, first line, locals) of code in the file ``page``,
    stopped on ``lineno`` (at the columns of ``span`` when given), and the offset of the
    instruction it stopped at: compiled, so its line table is sound.

    Example:
        >>> import sys, traceback
        >>> def step():
        ...     return sys._getframe()
        >>> made, lasti = page_frame(step(), "docs/page.md", 12, (12, 12, 4, 13))
        >>> made.f_code.co_filename, made.f_code.co_name, made.f_lineno
        ('docs/page.md', 'step', 12)
        >>> [shown] = traceback.extract_tb(TracebackType(None, made, lasti, 12))
        >>> shown.lineno, shown.end_lineno, shown.colno, shown.end_colno
        (12, 12, 4, 13)
    """
    line, end_line, col, end_col = span or (None, None, None, None)
    known = line == lineno and end_line is not None and col is not None and end_col is not None
    if not known:  # the line alone: stopped at no instruction, the traceback shows no columns
        line, end_line, col, end_col = lineno, lineno, 0, 1
    first = min(frame.f_code.co_firstlineno, line)
    lead = "\n" * (line - first) + ("[" + " " * (col - 1) if col else "")
    tail = "]" if col else ""
    if end_line == line and end_col - col >= 1:
        name = "_" * (end_col - col)  # a name that is not defined: NameError, just there
        source = lead + name + tail
    else:
        source = lead + "_raise_here(" + "\n" * (end_line - line) + " " * (end_col - 1) + ")" + tail
    code = compile(source, page, "exec", dont_inherit=True).replace(
        co_firstlineno=first, co_name=frame.f_code.co_name)
    names = _locals_of(frame)
    names["_raise_here"] = _raise_here
    try:
        exec(code, {"__builtins__": {}}, names)  # noqa: S102 - code of our own
    except (NameError, _Here) as here:
        tb = here.__traceback__
        assert tb is not None and tb.tb_next is not None
        made = tb.tb_next
        return made.tb_frame, made.tb_lasti if known else -1
    raise AssertionError("unreachable: the rebuilt code raises")  # pragma: no cover


def _locals_of(frame: FrameType) -> dict[str, Any]:
    try:
        return {k: v for k, v in frame.f_locals.items() if not k.startswith("_")}
    except Exception:  # noqa: BLE001 - a frame rebuilt upstream may not give them
        return {}
