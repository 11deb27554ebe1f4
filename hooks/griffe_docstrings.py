"""A Griffe extension that lets the reference pages render the stub's docstrings as written.

The stub's docstrings follow two conventions that the Google-style parser does not know:
an ``Example:`` heading (the parser turns ``Examples:`` into code, but ``Example:`` into
an admonition that shows ``>>>`` lines as nested quotes), and Sphinx roles such as
``:func:`mock_api``` or ``:class:`~cloudws.store.Store```. This extension rewrites both,
in memory, before the docstrings are parsed.

Example:
    >>> to_markdown("Route :func:`mock_api` to :class:`~cloudws.store.Store`.\\n\\nExample:")
    'Route `mock_api` to `Store`.\\n\\nExamples:'
"""

from __future__ import annotations

import ast
import functools
import importlib
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from griffe import Attribute, Extension, Object

__all__ = ["ComputedValues", "SphinxRolesAndExamples", "prose_of", "to_markdown"]

_ROLE = re.compile(r":(?:py:)?(?:func|class|meth|data|attr|mod|exc|obj|const):`(~?)([^`]+)`")
_EXAMPLE_HEADING = re.compile(r"^(\s*)Example:\s*$", re.MULTILINE)
_EXAMPLES_HEADING = re.compile(r"^(\s*)Examples:\s*$")


def _role(match: re.Match[str]) -> str:
    short, target = match.groups()
    return f"`{target.rsplit('.', 1)[-1] if short else target}`"


def to_markdown(docstring: str) -> str:
    """``docstring`` with Sphinx roles as code spans and ``Example:`` as ``Examples:``."""
    return _EXAMPLE_HEADING.sub(r"\1Examples:", _ROLE.sub(_role, docstring))


def prose_of(docstring: str) -> str:
    """The prose of ``docstring`` as the reference shows it (:func:`to_markdown`), with its
    examples blanked, lines kept: an ``Example:`` section and any ``>>>`` lines with the
    output under them, which the doctests check.

    Example:
        >>> prose_of("A :data:`LIMIT`.\\n\\nExample:\\n    >>> LIMIT\\n    64\\n\\nNotes.").split("\\n")
        ['A `LIMIT`.', '', '', '', '', '', 'Notes.']
        >>> prose_of("Ends at\\n>>> 1 + 1\\n2\\n\\nthe 64 KiB.").split("\\n")
        ['Ends at', '', '', '', 'the 64 KiB.']
    """
    lines = to_markdown(docstring).split("\n")
    kept: list[str] = []
    section: int | None = None  # the indent of the Examples heading whose block this is
    doctest = False
    for line in lines:
        indent = len(line) - len(line.lstrip())
        if section is not None and line.strip() and indent <= section:
            section = None
        heading = _EXAMPLES_HEADING.match(line)
        if heading is not None:
            section = len(heading[1])
        stripped = line.strip()
        doctest = stripped.startswith((">>>", "... ")) or stripped == "..." or (
            doctest and bool(stripped))
        kept.append("" if section is not None or doctest else line)
    return "\n".join(kept)


class SphinxRolesAndExamples(Extension):
    """Rewrite every docstring with :func:`to_markdown` once the object tree is built."""

    def on_object(self, *, obj: Object, **kwargs: Any) -> None:
        """Rewrite the docstring of ``obj``."""
        if obj.docstring is not None:
            obj.docstring.value = to_markdown(obj.docstring.value)


class ComputedValues(Extension):
    """Show a module's string constant made by an expression (``f"https://{API_HOST}…"``,
    ``_API.netloc``) with the value it has, which a reader uses: the expression names what
    the page may not show. A constant written as a literal is shown as written."""

    def on_attribute_instance(self, *, attr: Attribute, **kwargs: Any) -> None:
        """Replace the value of ``attr``, a module's, if it is a computed string."""
        if attr.value is None or attr.parent is None or not attr.parent.is_module:
            return
        try:
            ast.literal_eval(str(attr.value))
            return
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            pass
        value = _string_values(attr.parent.path).get(attr.name)
        if value is not None:
            attr.value = repr(value)


#: Prints the string constants of the module named by its argument, as JSON.
_PRINT_VALUES = ("import importlib, json, sys; module = importlib.import_module(sys.argv[1]); "
                 "print(json.dumps({k: v for k, v in vars(module).items() "
                 "if isinstance(v, str)}))")
#: Each module's source's modification time when its values were first read here.
_FIRST_SEEN: dict[str, float] = {}


@functools.cache
def _fresh_values(module: str, mtime: float) -> dict[str, str]:
    """The string constants of ``module`` as its source now makes them, read in a new
    interpreter (this one's module is older than the file: ``mkdocs serve`` rebuilding
    after an edit)."""
    done = subprocess.run([sys.executable, "-c", _PRINT_VALUES, module],
                          capture_output=True, text=True, check=False, timeout=60)
    return json.loads(done.stdout) if done.returncode == 0 else {}


def _string_values(name: str) -> dict[str, str]:
    """The string constants of the module ``name``, as its source makes them now."""
    module = importlib.import_module(name)
    mtime = Path(module.__file__ or "").stat().st_mtime if module.__file__ else 0.0
    if _FIRST_SEEN.setdefault(name, mtime) != mtime:
        return _fresh_values(name, mtime)
    return {key: value for key, value in vars(module).items() if isinstance(value, str)}
