"""A page's front matter, read as MkDocs reads it, and what is wrong with it at its line.

MkDocs reads the YAML between a first ``---`` line and the next ``---`` (or ``...``) line,
and a front matter it cannot read it takes as none, without a word: the page's
``operation:`` is then lost, and the build fails at another page first. The site's build
(``hooks/site.py``, before any page is built) and the example tests
(``tests/harness/pages.py``) both read it here, and both tell what is wrong at its line.

Example:
    >>> read("---\\noperation: getVolume\\n---\\n\\n# Get volume\\n")
    {'operation': 'getVolume'}
    >>> read("# Home\\n")
    {}
    >>> try:
    ...     read("---\\ntitle: Get\\noperation: [getVolume\\n---\\n")
    ... except FrontMatterError as exc:
    ...     print(exc.line, exc.message)
    3 the front matter is not YAML: while parsing a flow sequence; expected ',' or ']', but got '<stream end>'
"""

from __future__ import annotations

import difflib
import re
from typing import Any

import yaml

__all__ = ["FRONT_MATTER", "FrontMatterError", "key_problems", "line_of", "read"]

#: The front matter keys the site reads, each with the values it takes (None: any
#: operationId of the API, which the build checks). A key a letter off one of these is
#: told (it would be read as no key at all); any other key is MkDocs' or the theme's
#: (``title:``, ``hide:``, ``search:``...), theirs to read.
FRONT_MATTER: dict[str, tuple[str, ...] | None] = {
    "operation": None,
    # the page's examples build on each other: each language's blocks run in page
    # order, as one example, on one sandbox (tests/harness/discovery.py)
    "examples": ("shared",),
}

#: MkDocs' own (``mkdocs.utils.meta.YAML_RE``): what it reads as a page's front matter.
_FRONT = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


class FrontMatterError(ValueError):
    """What is wrong with a page's front matter, at its 1-based line of the page."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"{line}: {message}")
        self.line = line
        self.message = message


def read(text: str) -> dict[str, Any]:
    """The front matter of the page whose text is ``text`` (none: ``{}``); a
    :class:`FrontMatterError` if it has no closing line, is not YAML, or is not a mapping."""
    if not re.match(r"-{3}[ \t]*\n", text) or re.match(r"-{3}[ \t]*\n(?:-{3}|\.{3})[ \t]*\n",
                                                          text):
        return {}  # none, or an empty one
    match = _FRONT.match(text)
    if match is None:
        raise FrontMatterError(1, "the front matter has no closing '---' line")
    front = match[1]
    try:
        data = yaml.safe_load(front) or {}
    except yaml.YAMLError as exc:  # at the page's line: where what YAML read began (an
        # unclosed quote's or bracket's), or where it stopped, or the character it refused
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        line = 2 + (mark.line if mark is not None
                    else front.count("\n", 0, getattr(exc, "position", 0)))
        said = ("; ".join(str(part) for part in (exc.context, exc.problem) if part)
                if isinstance(exc, yaml.MarkedYAMLError) else str(exc).split("\n")[0])
        raise FrontMatterError(line, f"the front matter is not YAML: {said}") from None
    if not isinstance(data, dict):
        raise FrontMatterError(1, "the front matter is not a YAML mapping")
    return data


def key_problems(text: str, data: dict[str, Any]) -> list[tuple[int, str]]:
    """Each key of the front matter ``data`` (read from ``text``) that is a letter off one
    the site reads (:data:`FRONT_MATTER`), and each value of one it reads that it does not
    take: its line, and what is wrong.

    Example:
        >>> [line for line, _ in key_problems("---\\ntitle: x\\noperaton: getVolume\\n---\\n",
        ...                                   {"title": "x", "operaton": "getVolume"})]
        [3]
    """
    found = []
    for key, value in data.items():
        where = line_of(text, str(key))
        if key not in FRONT_MATTER:
            close = difflib.get_close_matches(str(key), FRONT_MATTER, n=1, cutoff=0.75)
            if close:
                found.append((where, (f"front matter: `{key}:` is no key the site reads; did "
                                     f"you mean `{close[0]}:`? (it reads "
                                     f"{', '.join(FRONT_MATTER)})")))
            continue
        allowed = FRONT_MATTER[key]
        if allowed is None and not isinstance(value, str):
            found.append((where, f"front matter: `{key}:` takes an operationId, not {value!r}"))
        elif allowed is not None and value not in allowed:
            found.append((where, f"front matter: `{key}: {value}`: it takes {', '.join(allowed)}"))
    return found


def line_of(text: str, key: str) -> int:
    """The line of ``key:`` (or ``"key":``, ``key :``) in the front matter of the page
    whose text is ``text``; 1 if it is not there."""
    written = re.compile(rf"""["']?{re.escape(key)}["']?[ \t]*:""")
    return next((n for n, line in enumerate(text.split("\n"), 1) if written.match(line)), 1)
