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

import re
from typing import Any

import yaml

__all__ = ["FrontMatterError", "read"]

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
    if not re.match(r"-{3}[ \t]*\n", text):
        return {}
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
