"""Find and fill the ``{{ name }}`` placeholders of a Markdown page.

A placeholder stands alone on its line, optionally indented (inside a content tab or an
admonition) and optionally with one argument: ``{{ schema Workstation }}``. Text inside
fenced code blocks and inline code is never a placeholder, so a page can show the syntax.

Example:
    >>> md = "# Title\\n\\n{{ endpoint }}\\n\\n```\\n{{ not_this }}\\n```\\n"
    >>> [(p.line, p.name) for p in find(md)]
    [(3, 'endpoint')]
    >>> fill(md, "endpoint", lambda p: "GET /v1/x")
    '# Title\\n\\nGET /v1/x\\n\\n```\\n{{ not_this }}\\n```\\n'
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass

__all__ = ["Placeholder", "PlaceholderError", "fill", "find"]

_FENCE = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,})")
_INLINE_CODE = re.compile(r"(`+).*?\1")
_OPEN = re.compile(r"\{\{")
_WHOLE_LINE = re.compile(
    r"^(?P<indent>[ \t]*)\{\{\s*(?P<name>[a-z_]+)(?:\s+(?P<arg>[^{}\s]+))?\s*\}\}\s*$"
)


class PlaceholderError(ValueError):
    """A ``{{`` outside code that is not a well-formed placeholder on its own line."""

    def __init__(self, line: int, text: str) -> None:
        super().__init__(
            f"line {line}: {text.strip()!r} is not a placeholder; write one alone on its "
            "line, as {{ name }} or {{ name argument }}"
        )
        self.line = line


@dataclass(frozen=True)
class Placeholder:
    """One placeholder: its 1-based line, its indentation, its name and argument."""

    line: int
    indent: str
    name: str
    arg: str | None


def _prose_lines(markdown: str) -> Iterator[tuple[int, str]]:
    """(1-based number, text) of every line outside fenced code blocks."""
    fence: str | None = None
    for number, line in enumerate(markdown.split("\n"), start=1):
        match = _FENCE.match(line)
        if fence is None:
            if match:
                fence = match["fence"]
                continue
            yield number, line
        elif match and match["fence"][0] == fence[0] and len(match["fence"]) >= len(fence) \
                and not line.strip()[len(match["fence"]):].strip():
            fence = None


def find(markdown: str) -> list[Placeholder]:
    """Every placeholder of ``markdown``, in order.

    Raises :class:`PlaceholderError` for a ``{{`` outside code that is not one.
    """
    found = []
    for number, line in _prose_lines(markdown):
        if not _OPEN.search(_INLINE_CODE.sub("", line)):
            continue
        match = _WHOLE_LINE.match(line)
        if match is None:
            raise PlaceholderError(number, line)
        found.append(Placeholder(number, match["indent"], match["name"], match["arg"]))
    return found


def fill(markdown: str, name: str, build: Callable[[Placeholder], str]) -> str:
    """Replace each ``{{ name ... }}`` line with ``build(placeholder)``, indented like it."""
    targets = {p.line: p for p in find(markdown) if p.name == name}
    if not targets:
        return markdown
    lines = markdown.split("\n")
    for number in sorted(targets, reverse=True):
        placeholder = targets[number]
        text = textwrap.indent(build(placeholder).rstrip("\n"), placeholder.indent,
                               predicate=lambda s: bool(s.strip()))
        lines[number - 1: number] = text.split("\n")
    return "\n".join(lines)
