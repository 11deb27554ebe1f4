"""Read a Markdown page the way the example tests see it: front matter and fenced blocks.

A :class:`Fence` records where a fenced code block sits (its lines and the character span
of its content, for rewriting), its language, the declaration comment on the line before
it (``<!-- response: deleteWorkstation 200 -->``) and whether it only includes snippet
files (``--8<-- "snippets/x.sh"``).

Example:
    >>> page = Page.from_text(Path("docs/x.md"), '---\\noperation: getVolume\\n---\\n'
    ...                       '# Get\\n\\n<!-- response: getVolume 200 -->\\n```json\\n{}\\n```\\n')
    >>> page.front_matter["operation"]
    'getVolume'
    >>> fence = page.fences[0]
    >>> fence.lang, fence.line, fence.declaration, fence.source
    ('json', 7, 'response: getVolume 200', '{}\\n')
"""

from __future__ import annotations

import difflib
import re
import textwrap
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

__all__ = ["DOCS", "PAGES_CHECKED", "ROOT", "Fence", "Page", "display_path", "likely_file",
           "missing_include"]

#: The repository root: every path in a message is shown relative to it.
ROOT = Path(__file__).resolve().parents[2]
#: The site's pages (MkDocs' docs_dir).
DOCS = ROOT / "docs"
#: The pages this run checks on their own (``uv run pytest docs/<page>.md``): a refresh
#: is pointed at one of them when it shows the example (:mod:`.checks`). Here, where
#: collecting a page reads it, without the imports of the checks.
PAGES_CHECKED: set[str] = set()

_OPEN = re.compile(r"^(?P<indent> *)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`\n]*?)[ \t]*$")
_COMMENT = re.compile(r"^\s*<!--\s*(?P<text>.*?)\s*-->\s*$")
_HEADING = re.compile(r"^#{1,6}\s")
_INCLUDE = re.compile(r"""^\s*-{1,}8<-{1,}\s+(?P<q>["']?)(?P<file>[^"'\s]+)(?P=q)\s*$""")
_INCLUDE_BLOCK = re.compile(r"^\s*-{1,}8<-{1,}\s*$")


def missing_include(page: str, line: int, name: str, path: Path | None = None) -> str:
    """What a page's include of ``name`` (at ``path``; by default, in the repository), a
    file that is not there, says at its line (``page``, as shown: ``docs/x.md``); for the
    output of a curl snippet, how to make it; for a name misspelt, the file it likely
    means. Said alike by the page's build and by the snippet's check: one annotation.

    Example:
        >>> print(missing_include("docs/x.md", 3, "snippets/x/new.json"))
        docs/x.md:3: includes snippets/x/new.json, which does not exist
        >>> print(missing_include("docs/x.md", 3, "snippets/volumes/gte.py"))
        docs/x.md:3: includes snippets/volumes/gte.py, which does not exist: did you mean \
snippets/volumes/get.py?
    """
    advice = ""
    wanted = path if path is not None else ROOT / name
    if name.endswith(".json") and wanted.with_suffix(".sh").is_file():
        advice = (f" (the output of {name.removesuffix('.json')}.sh: create it empty, then "
                  f"`uv run pytest {page} --update-examples` fills it in)")
    elif (meant := likely_file(wanted)) is not None:  # a name misspelt
        advice = f": did you mean {name[:len(name) - len(wanted.name)]}{meant.name}?"
    return f"{page}:{line}: includes {name}, which does not exist{advice}"


#: The suffixes of an example and its output: one of them not there beside a file of its
#: stem is an example not written yet, in that language.
_EXAMPLE_SUFFIXES = (".py", ".sh", ".mjs", ".json")


def likely_file(wanted: Path) -> Path | None:
    """The file that ``wanted``, not there, likely names: one of its folder whose name is
    a letter or two off (with its suffix, for an example's). None when ``wanted`` is an
    example's file of a stem that is there (its ``.mjs`` not written yet, beside its
    ``.py``): it is new, not misspelt.

    Example:
        >>> likely_file(ROOT / "snippets" / "volumes" / "gte.py").name
        'get.py'
        >>> likely_file(ROOT / "snippets" / "volumes" / "get.js").name  # a suffix misspelt
        'get.mjs'
        >>> likely_file(ROOT / "snippets" / "concepts" / "errors_duplicate.mjs") is None
        True
    """
    folder = wanted.parent
    if not folder.is_dir():
        return None
    files = [path for path in folder.iterdir() if path.is_file()]
    if wanted.suffix in _EXAMPLE_SUFFIXES:
        if any(path.stem == wanted.stem for path in files):
            return None
        files = [path for path in files if path.suffix == wanted.suffix]
    close = difflib.get_close_matches(wanted.name, sorted(path.name for path in files), n=1,
                                      cutoff=0.8)
    return folder / close[0] if close else None


def display_path(path: Path) -> str:
    """``path`` relative to the repository root when it is inside it, else as given.

    Example:
        >>> display_path(ROOT / "docs" / "index.md")
        'docs/index.md'
    """
    if path.is_absolute() and ".." not in path.parts and path.is_relative_to(ROOT):
        return path.relative_to(ROOT).as_posix()  # (the pages' and snippets' own paths)
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


@dataclass(frozen=True)
class Fence:
    """One fenced code block of a page."""

    path: Path
    #: The first word of the info string, lowercased: ``python``, ``bash``, ``json``, ``""``.
    lang: str
    info: str
    #: 1-based line numbers of the opening and closing fence lines.
    line: int
    end_line: int
    #: Character span of the content (between the fence lines), as pytest-examples counts.
    start_index: int
    end_index: int
    indent: int
    #: The content with the block's indentation removed.
    source: str
    #: The text of an HTML comment on the line just before the opening fence, if any.
    declaration: str | None
    #: Files named by ``--8<--`` when the block only includes snippets, else ``()``.
    includes: tuple[str, ...]

    @property
    def where(self) -> str:
        """``docs/page.md:12``: the opening fence, as a message names it."""
        return f"{display_path(self.path)}:{self.line}"

    @property
    def first_content_line(self) -> int:
        """The 1-based page line of the block's first content line."""
        return self.line + 1

    def include_where(self, name: str) -> str:
        """``docs/page.md:13``: the ``--8<--`` line that includes ``name``, as a message
        names it (the opening fence if no line names it)."""
        for offset, line in enumerate(self.source.split("\n")):
            if name in line:
                return f"{display_path(self.path)}:{self.first_content_line + offset}"
        return self.where


@dataclass
class Page:
    """A Markdown page: its text, front matter and fenced blocks."""

    path: Path
    text: str
    front_matter: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def read(cls, path: Path) -> Page:
        """Read and parse ``path``; a front matter that is not YAML mapping is an error."""
        return cls.from_text(path, path.read_text("utf-8"))

    @classmethod
    def from_text(cls, path: Path, text: str) -> Page:
        """Parse ``text`` as the content of ``path``."""
        return cls(path, text, _front_matter(path, text))

    @property
    def where(self) -> str:
        """The page's path, as a message names it."""
        return display_path(self.path)

    @cached_property
    def lines(self) -> list[str]:
        """The page's lines, without line ends."""
        return self.text.split("\n")

    @cached_property
    def fences(self) -> list[Fence]:
        """Every fenced block, in page order."""
        return list(_scan(self.path, self.text, self.lines))

    def headings_between(self, first: Fence, second: Fence) -> list[int]:
        """1-based numbers of heading lines after ``first`` and before ``second``."""
        return [n for n in range(first.end_line + 1, second.line)
                if _HEADING.match(self.lines[n - 1])]


def _front_matter(path: Path, text: str) -> dict[str, Any]:
    """As the site's build reads it (``hooks/front_matter.py``), told at the page's line,
    with a key it would read as none (``operaton:``): before any of the page's checks."""
    from hooks.front_matter import FrontMatterError, key_problems, read

    try:
        data = read(text)
    except FrontMatterError as exc:
        raise ValueError(f"{display_path(path)}:{exc.line}: {exc.message}") from None
    if found := key_problems(text, data):
        raise ValueError("\n".join(f"{display_path(path)}:{line}: {message}"
                                   for line, message in found))
    return data


def _scan(path: Path, text: str, lines: list[str]):  # type: ignore[no-untyped-def]
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    number = 0
    while number < len(lines):
        match = _OPEN.match(lines[number])
        if match is None:
            number += 1
            continue
        indent, fence, info = match["indent"], match["fence"], match["info"]
        closing = re.compile(rf"^ *{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        end = next((n for n in range(number + 1, len(lines)) if closing.match(lines[n])), None)
        if end is None:  # an unclosed fence runs to the end of the page, as Markdown reads it
            end = len(lines)
        raw = "\n".join(lines[number + 1:end]) + ("\n" if end > number + 1 else "")
        comment = _COMMENT.match(lines[number - 1]) if number > 0 else None
        yield Fence(
            path=path,
            lang=(info.split() or [""])[0].lower().lstrip("{.").rstrip("}"),
            info=info,
            line=number + 1,
            end_line=end + 1,
            start_index=offsets[number + 1],
            end_index=offsets[number + 1] + len(raw),
            indent=len(indent),
            source=textwrap.dedent(raw),
            declaration=comment["text"] if comment else None,
            includes=_includes(raw),
        )
        number = end + 1


def _includes(raw: str) -> tuple[str, ...]:
    """The snippet files of a block made only of ``--8<--`` lines, else ``()``."""
    lines = [line for line in raw.split("\n") if line.strip()]
    if not lines:
        return ()
    if all(_INCLUDE.match(line) for line in lines):
        return tuple(_INCLUDE.match(line)["file"] for line in lines)  # type: ignore[index]
    if len(lines) >= 2 and _INCLUDE_BLOCK.match(lines[0]) and _INCLUDE_BLOCK.match(lines[-1]):
        return tuple(line.strip() for line in lines[1:-1])
    return ()
