"""Find and fill the ``{{ name }}`` placeholders of a Markdown page.

A placeholder has a name and optionally one argument: ``{{ schema Workstation }}``. One
that stands alone on its line, optionally indented (inside a content tab or an
admonition), is a *block* placeholder; one inside a sentence is *inline*: ``the limit is
{{ fact body_limit }}``. Which names may be used inline is the caller's business. Text
inside fenced code blocks and inline code is never a placeholder, so a page can show the
syntax.

Example:
    >>> md = "# Title\\n\\n{{ endpoint }}\\n\\nUp to {{ fact size }}, `{{ no }}`.\\n"
    >>> [(p.line, p.name, p.inline) for p in find(md)]
    [(3, 'endpoint', False), (5, 'fact', True)]
    >>> md = fill(md, "endpoint", lambda p: "GET /v1/x")
    >>> fill(md, "fact", lambda p: f"<{p.arg}>")
    '# Title\\n\\nGET /v1/x\\n\\nUp to <size>, `{{ no }}`.\\n'
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass

__all__ = ["Placeholder", "PlaceholderError", "code_spans", "fill", "find", "mask_code",
           "mask_comments", "prose_lines"]

_FENCE = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,})")
_TICKS = re.compile(r"`+")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_PLACEHOLDER = re.compile(r"\{\{\s*(?P<name>[a-z_]+)(?:\s+(?P<arg>[^{}\s]+))?\s*\}\}")
_WHOLE_LINE = re.compile(r"^(?P<indent>[ \t]*)" + _PLACEHOLDER.pattern + r"\s*$")


class PlaceholderError(ValueError):
    """A ``{{`` outside code that is not part of a well-formed placeholder."""

    def __init__(self, line: int, text: str) -> None:
        several = _SEVERAL.search(text)
        said = (f"{several[0]!r} gives {several['name']} more than one argument: a "
                "placeholder takes one at most; write one per line" if several else
                f"{text.strip()!r} is not a placeholder")
        super().__init__(f"{said}; write {{{{ name }}}} or {{{{ name argument }}}}")
        self.line = line


#: A placeholder with one opening brace: ``{ fact body_limit }`` or ``{ fact body_limit }}``
#: (its name one a caller knows: not a set, an attribute list or code, ``{ headers }``).
_HALF = re.compile(r"(?<!\{)\{[ \t]*(?P<name>[a-z_]+)(?:[ \t]+[^{}\s]+)?[ \t]*\}\}?")

#: A placeholder given several arguments: ``{{ schema Problem Volume }}``.
_SEVERAL = re.compile(r"\{\{\s*(?P<name>[a-z_]+)(?:\s+[^{}\s]+){2,}\s*\}\}")


@dataclass(frozen=True)
class Placeholder:
    """One placeholder: its 1-based line, its indentation, its name and argument, and
    whether it is inside a sentence (``inline``) rather than alone on its line."""

    line: int
    indent: str
    name: str
    arg: str | None
    inline: bool = False


def prose_lines(markdown: str) -> Iterator[tuple[int, str]]:
    """(1-based number, text) of every line outside fenced code blocks, with what HTML
    comments hold blanked out (a reader never sees it: a note to writers, say).

    Example:
        >>> list(prose_lines("a <!-- {{ x }} --> b\\n<!-- c\\nd -->\\n```\\n{{ y }}\\n```"))
        [(1, 'a                  b'), (2, '      '), (3, '     ')]
        >>> list(prose_lines("see `<!--`, then {{ z }}"))  # in code: no comment
        [(1, 'see `<!--`, then {{ z }}')]
    """
    fence: str | None = None
    comment = False  # inside an HTML comment that began on an earlier line
    for number, line in enumerate(markdown.split("\n"), start=1):
        match = _FENCE.match(line)
        if fence is None:
            if match and not comment:
                fence = match["fence"]
                continue
            line, comment = mask_comments(line, comment)
            yield number, line
        elif match and match["fence"][0] == fence[0] and len(match["fence"]) >= len(fence) \
                and not line.strip()[len(match["fence"]):].strip():
            fence = None


def mask_comments(line: str, inside: bool) -> tuple[str, bool]:
    """``line`` with the HTML comments in it blanked out (same length), and whether a
    comment is still open at its end; ``inside``: one was open at its start. A ``<!--``
    inside inline code opens none."""
    if not inside and "<!--" not in line:
        return line, False
    seen, out, position = mask_code(line), [], 0
    while position < len(line):
        if inside:
            end = line.find("-->", position)
            stop = len(line) if end < 0 else end + 3
            out.append(" " * (stop - position))
            position, inside = stop, end < 0
            continue
        start = seen.find("<!--", position)
        if start < 0:
            out.append(line[position:])
            break
        out.append(line[position:start])
        position, inside = start, True
    return "".join(out), inside


def code_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every inline code span of ``text``, backticks included: a run of
    backticks up to the next run of as many, within a paragraph (as CommonMark reads it).

    Example:
        >>> text = "`a`, ``b ` c``, ` ```d ` and `e"
        >>> [text[s:e] for s, e in code_spans(text)]
        ['`a`', '``b ` c``', '` ```d `']
    """
    runs = [m.span() for m in _TICKS.finditer(text)]
    i = 0
    while i < len(runs):
        start, end = runs[i]
        for j in range(i + 1, len(runs)):
            if _BLANK_LINE.search(text, end, runs[j][0]):
                break
            if runs[j][1] - runs[j][0] == end - start:
                yield start, runs[j][1]
                i = j
                break
        i += 1


def mask_code(line: str) -> str:
    """``line`` with each inline code span blanked out (same length, so columns hold)."""
    if "`" not in line:
        return line
    for start, end in code_spans(line):
        line = line[:start] + " " * (end - start) + line[end:]
    return line


def find(markdown: str, names: Collection[str] = ()) -> list[Placeholder]:
    """Every placeholder of ``markdown``, in order.

    Raises :class:`PlaceholderError` for a ``{{`` outside code that is not one, and for one
    of ``names`` written with one opening brace (``{ fact body_limit }}``), which a page
    would show as written.

    Example:
        >>> find("Up to { fact body_limit }.", names={"fact"})
        Traceback (most recent call last):
        ...
        placeholders.PlaceholderError: '{ fact body_limit }' is not a placeholder; write {{ name }} or {{ name argument }}
        >>> find("    fetch(url, { headers }), /v1/workstations/{ id }", names={"fact"})
        []
    """
    found = []
    for number, line in prose_lines(markdown):
        if "{" not in line:
            continue
        masked = mask_code(line)
        if "{" not in masked:
            continue
        whole = _WHOLE_LINE.match(masked)
        if whole is not None:
            found.append(Placeholder(number, whole["indent"], whole["name"], whole["arg"]))
            continue
        rest = _PLACEHOLDER.sub("", masked)
        if "{{" in rest:
            raise PlaceholderError(number, line)
        half = next((m for m in _HALF.finditer(rest) if m["name"] in names), None)
        if half is not None:  # the page would show it as written
            raise PlaceholderError(number, half[0])
        found += [Placeholder(number, "", m["name"], m["arg"], inline=True)
                  for m in _PLACEHOLDER.finditer(masked)]
    return found


def fill(markdown: str, name: str, build: Callable[[Placeholder], str]) -> str:
    """Replace each ``{{ name ... }}`` with ``build(placeholder)``: a whole line indented
    like it, or, inside a sentence, the placeholder's own text (``build`` gives one line)."""
    targets = [p for p in find(markdown) if p.name == name]
    if not targets:
        return markdown
    lines = markdown.split("\n")
    blocks = {p.line: p for p in targets if not p.inline}
    for number in sorted({p.line for p in targets if p.inline}):
        lines[number - 1] = _fill_inline(lines[number - 1], name, build, number)
    for number in sorted(blocks, reverse=True):
        placeholder = blocks[number]
        text = textwrap.indent(build(placeholder).rstrip("\n"), placeholder.indent,
                               predicate=lambda s: bool(s.strip()))
        lines[number - 1: number] = text.split("\n")
    return "\n".join(lines)


def _fill_inline(line: str, name: str, build: Callable[[Placeholder], str], number: int) -> str:
    out, end = [], 0
    for match in _PLACEHOLDER.finditer(mask_code(line)):
        if match["name"] != name:
            continue
        text = build(Placeholder(number, "", name, match["arg"], inline=True))
        if "\n" in text.strip():
            raise ValueError(f"line {number}: {{{{ {name} }}}} inside a sentence gave more "
                             "than one line")
        out += [line[end:match.start()], text.strip()]
        end = match.end()
    return "".join(out) + line[end:]
