"""Find every example of the docs: Python, curl, and the JSON shown beside them.

Nothing is listed by hand. The rules (also on ``docs/contributing.md``):

- Python: every ```` ```python ```` block of ``docs/**/*.md`` (found with pytest-examples'
  ``find_examples``) and every ``snippets/**/*.py``. A page whose front matter says
  ``examples: shared`` is one case: its blocks run in page order on one sandbox.
- curl: every ```` ```bash ````/``sh``/``console`` block whose first command is ``curl``,
  and every ``snippets/**/*.sh``. What it prints is shown by the ```` ```json ```` block
  right after it (no heading or other code block between), or, for a snippet ``x.sh``, by
  ``x.json`` beside it, or, in a ``console`` block, by the lines after the command.
- JSON: a ```` ```json ```` block not shown as a curl output must be declared by an HTML
  comment on the line before it (``<!-- response: deleteWorkstation 200 -->``).
- A block that only includes snippet files (``--8<-- "snippets/x.py"``) is not run on the
  page; the snippet is run as a file.

Example:
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     tmp = Path(folder)
    ...     _ = (tmp / "p.md").write_text(
    ...         "```bash\\ncurl -s https://api.cloudworkstation.example.com/v1/volumes\\n```\\n\\n"
    ...         "```json\\n{}\\n```\\n")
    ...     [case] = curl_cases(tmp, tmp / "none")
    >>> Path(case.id).name, Path(case.commands[0].shown.where).name
    ('p.md:1', 'p.md:6')
"""

from __future__ import annotations

import functools
import re
import uuid
from dataclasses import dataclass
from pathlib import Path

from pytest_examples import CodeExample, find_examples

from .pages import DOCS, ROOT, Fence, Page, display_path, likely_file, missing_include

__all__ = [
    "DOCS",
    "SNIPPETS",
    "CurlCase",
    "CurlCommand",
    "JsonCase",
    "PythonCase",
    "Shown",
    "curl_cases",
    "json_cases",
    "pages",
    "pages_showing",
    "python_cases",
]

SNIPPETS = ROOT / "snippets"

_SHELL = {"bash", "sh", "shell", "console"}
#: The info strings of a JavaScript block.
JS_LANGS = frozenset({"js", "javascript", "mjs"})
_FIRST_WORD = re.compile(r"^\s*(?:\$\s+)?([^\s#]\S*)")


@dataclass
class PythonCase:
    """Python code run as one test: one block, one snippet file, or a shared page's blocks."""

    id: str
    examples: list[CodeExample]
    shared: bool = False
    #: For a snippet: the page lines that include it (``docs/page.md:12``, its ``--8<--``).
    shown_on: tuple[str, ...] = ()


@dataclass
class Shown:
    """Output shown to the reader: its text, where it is, and how to rewrite it."""

    text: str
    where: str
    #: The span to rewrite under ``--update-examples`` (a page block or a whole file).
    target: CodeExample
    #: A ```` ```json ```` block or a ``.json`` file: what it shows must be JSON.
    json: bool = False


@dataclass
class CurlCommand:
    """One command to run verbatim, and the output the docs show for it (if any)."""

    text: str
    where: str
    shown: Shown | None
    #: The output file a page includes for it that is not there (``x.json`` of ``x.sh``).
    missing_output: str | None = None
    #: The page line that includes it (``docs/x.md:30``).
    missing_at: str | None = None


@dataclass
class CurlCase:
    """curl commands run as one test, from the fixture state, in order."""

    id: str
    commands: list[CurlCommand]
    #: For a snippet: the page lines that include it or its output (their ``--8<--``).
    shown_on: tuple[str, ...] = ()


@dataclass
class JsonCase:
    """A JSON block that is not a curl output: it must declare what it shows."""

    id: str
    fence: Fence
    text: str
    #: The curl block (its first line) whose output the block would be, but for its
    #: declaration: the first block after it, with no heading in between.
    output_of: str | None = None


def pages(docs: Path = DOCS) -> list[Page]:
    """Every Markdown page under ``docs``, sorted by path: each text parsed once a process
    (each kind of example looks through them all)."""
    return [_parsed(path, path.read_text("utf-8")) for path in sorted(docs.rglob("*.md"))]


@functools.lru_cache(maxsize=512)
def _parsed(path: Path, text: str) -> Page:
    return Page.from_text(path, text)


def python_cases(docs: Path = DOCS, snippets: Path = SNIPPETS) -> list[PythonCase]:
    """Every Python example: page blocks (shared pages as one case) and snippet files."""
    cases: list[PythonCase] = []
    for page in pages(docs):
        found = [ex for ex in find_examples(page.path) if not _only_includes(page, ex)]
        for example in found:  # one rewrite group per file, shared with its JSON blocks
            example.group = _group(page)
        _check_includes(page, snippets, {"py", "python"}, ".py")
        if not found:
            continue
        if page.front_matter.get("examples") == "shared":
            spans = ",".join(f"{ex.start_line}-{ex.end_line}" for ex in found)
            cases.append(PythonCase(f"{page.where}:shared({spans})", found, shared=True))
        else:
            cases += [PythonCase(f"{page.where}:{ex.start_line}-{ex.end_line}", [ex])
                      for ex in found]
    shown_on = _inclusions(docs)
    for path in sorted(snippets.rglob("*.py")) if snippets.is_dir() else []:
        cases.append(PythonCase(display_path(path), [_whole_file(path)],
                                shown_on=shown_on.get(path.resolve(), ())))
    return cases


def curl_cases(docs: Path = DOCS, snippets: Path = SNIPPETS) -> list[CurlCase]:
    """Every curl example: page blocks and ``snippets/**/*.sh`` with their shown output."""
    cases: list[CurlCase] = []
    for page in pages(docs):
        _check_includes(page, snippets, _SHELL, ".sh")
        for index, fence in enumerate(page.fences):
            if fence.lang not in _SHELL:
                continue
            if _includes_sh(fence):
                case = _included_script_case(page, index)
                if case is not None:
                    cases.append(case)
            elif not fence.includes and _starts_with_curl(fence):
                cases.append(CurlCase(fence.where, _page_commands(page, index)))
        if page.front_matter.get("examples") == "shared":
            # A shared page's own curl blocks continue each other, like its Python blocks:
            # one case, its commands in page order from one fixture state.
            own = [c for c in cases if c.id.startswith(f"{page.where}:") and not c.shown_on]
            if len(own) > 1:
                cases = [c for c in cases if c not in own]
                cases.append(CurlCase(f"{page.where}:shared({','.join(c.id.rsplit(':', 1)[1] for c in own)})",
                                      [command for c in own for command in c.commands]))
    shown_on = _inclusions(docs)
    for path in sorted(snippets.rglob("*.sh")) if snippets.is_dir() else []:
        output = path.with_suffix(".json")
        shown = None
        if output.exists():
            shown = Shown(output.read_text("utf-8"), f"{display_path(output)}:1",
                          _whole_file(output), json=True)
        pages_on = tuple(sorted(shown_on.get(path.resolve(), ()) + shown_on.get(output.resolve(), ()),
                                key=_page_line))
        including = shown_on.get(output.resolve(), ()) if shown is None else ()
        missing = display_path(output) if including else None
        cases.append(CurlCase(display_path(path), [
            CurlCommand(path.read_text("utf-8"), f"{display_path(path)}:1", shown, missing,
                        min(including, key=_page_line) if including else None)
        ], shown_on=pages_on))
    return cases


def json_cases(docs: Path = DOCS, snippets: Path = SNIPPETS) -> list[JsonCase]:
    """Every JSON block that is not shown as a curl output (included ones resolved)."""
    cases: list[JsonCase] = []
    for page in pages(docs):
        curls = [i for i, f in enumerate(page.fences)
                 if f.lang in _SHELL and (_starts_with_curl(f) or _includes_sh(f))]
        tied = {_tied_output(page, i) for i in curls}
        after = {i + 1: f"{page.where}:{page.fences[i].first_content_line}" for i in curls
                 if _tied_output(page, i, declared=True) is not None}
        for index, fence in enumerate(page.fences):
            if fence.lang != "json" or index in tied:
                continue
            if fence.includes and all(_resolve(page, name).with_suffix(".sh").exists()
                                      for name in fence.includes):
                if fence.declaration:  # which would say it is something else: refused
                    script = display_path(_resolve(page, fence.includes[0]).with_suffix(".sh"))
                    cases.append(JsonCase(fence.where, fence, "", f"{script}:1"))
                continue  # the output of a snippet x.sh: checked with it
            if not all(_resolve(page, name).is_file() for name in fence.includes):
                continue  # a snippet that is not there: the page's build names it
            if fence.includes:
                text = "".join(_resolve(page, name).read_text("utf-8") for name in fence.includes)
            else:
                text = fence.source
            cases.append(JsonCase(fence.where, fence, text, after.get(index)))
    return cases


# -- helpers ------------------------------------------------------------------------------


def _page_line(where: str) -> tuple[str, int]:
    path, _, line = where.rpartition(":")
    return path, int(line)


def pages_showing(path: Path, docs: Path = DOCS) -> tuple[str, ...]:
    """The page lines (``docs/<page>.md:<line>``, the ``--8<--`` lines) that include the
    file at ``path``.

    Example:
        >>> pages_showing(SNIPPETS / "workstations" / "delete.mjs")
        ('docs/workstations/delete.md:...',)
    """
    return _inclusions(docs).get(path.resolve(), ())


def _inclusions(docs: Path) -> dict[Path, tuple[str, ...]]:
    """Each included file -> the lines of the pages that include it (their ``--8<--``
    lines, which name it, as a missing include is named)."""
    found: dict[Path, tuple[str, ...]] = {}
    for page in pages(docs):
        for fence in page.fences:
            for name in fence.includes:
                path = _resolve(page, name).resolve()
                found[path] = (*found.get(path, ()), fence.include_where(name))
    return found


def _starts_with_curl(fence: Fence) -> bool:
    for line in fence.source.split("\n"):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if fence.lang == "console" and not line.startswith("$"):
            continue
        match = _FIRST_WORD.match(line)
        return bool(match) and match[1] == "curl"  # type: ignore[index]
    return False


def _includes_sh(fence: Fence) -> bool:
    return bool(fence.includes) and all(name.endswith(".sh") for name in fence.includes)


def _included_script_case(page: Page, index: int) -> CurlCase | None:
    """A page that includes ``x.sh`` and shows some output other than ``x.json`` after it
    is a case of its own; otherwise the snippet's own case covers it."""
    fence = page.fences[index]
    tied = _tied_output(page, index)
    if tied is None:
        return None
    scripts = [_resolve(page, name) for name in fence.includes]
    output = page.fences[tied]
    if [_resolve(page, name) for name in output.includes] == [
        path.with_suffix(".json") for path in scripts
    ]:
        return None
    text = "".join(path.read_text("utf-8") for path in scripts)
    return CurlCase(fence.where, [CurlCommand(text, fence.where, _shown_from_fence(page, output))])


def _tied_output(page: Page, index: int, *, declared: bool = False) -> int | None:
    """Index of the JSON fence shown as the output of the curl fence at ``index`` (with
    ``declared``, also one that declares what it shows)."""
    if index + 1 >= len(page.fences):
        return None
    fence, following = page.fences[index], page.fences[index + 1]
    if following.lang != "json" or (following.declaration is not None and not declared):
        return None
    if page.headings_between(fence, following):
        return None
    return index + 1


def _page_commands(page: Page, index: int) -> list[CurlCommand]:
    fence = page.fences[index]
    tied = _tied_output(page, index)
    tied_shown = _shown_from_fence(page, page.fences[tied]) if tied is not None else None
    if fence.lang != "console":
        return [CurlCommand(fence.source, f"{page.where}:{fence.first_content_line}",
                            tied_shown)]
    commands = console_commands(page, fence)
    if commands and tied_shown is not None and not commands[-1].shown.text:  # type: ignore[union-attr]
        commands[-1].shown = tied_shown
    return commands


def console_commands(page: Page, fence: Fence) -> list[CurlCommand]:
    """Split a console block into ``$ `` commands, each with the lines it prints. A
    command with no lines under it (blank ones aside) shows that it prints nothing: its
    output is the empty span after it, which ``--update-examples`` fills in."""
    lines = fence.source.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    commands: list[CurlCommand] = []
    number = 0
    while number < len(lines):
        if not lines[number].startswith("$"):
            number += 1
            continue
        start = number
        text = [lines[number][1:].lstrip()]
        while text[-1].endswith("\\") and number + 1 < len(lines):
            number += 1
            text.append(lines[number])
        number += 1
        out_start = number
        while number < len(lines) and not lines[number].startswith("$"):
            number += 1
        output = lines[out_start:number]
        end = number if any(line.strip() for line in output) else out_start
        source = "".join(line + "\n" for line in lines[out_start:end])
        first = fence.first_content_line + out_start
        shown = Shown(source, f"{page.where}:{first}", _span(page, fence, out_start, end))
        commands.append(CurlCommand("\n".join(text) + "\n",
                                    f"{page.where}:{fence.first_content_line + start}", shown))
    return commands


def _span(page: Page, fence: Fence, first: int, last: int) -> CodeExample:
    """A rewritable span of lines ``[first, last)`` of ``fence``'s content."""
    line_starts = [fence.start_index]
    for line in page.text[fence.start_index:fence.end_index].split("\n"):
        line_starts.append(line_starts[-1] + len(line) + 1)
    start, end = line_starts[first], line_starts[last]
    return _example(page.path, page.text[start:end], fence.line + first, start, end, fence.indent,
                    _group(page))


def _shown_from_fence(page: Page, fence: Fence) -> Shown:
    if fence.includes:
        path = _resolve(page, fence.includes[0])
        if not path.is_file():
            page_, _, line = fence.include_where(fence.includes[0]).rpartition(":")
            raise ValueError(missing_include(page_, int(line), fence.includes[0], path))
        return Shown(path.read_text("utf-8"), f"{display_path(path)}:1", _whole_file(path),
                     json=True)
    target = _example(page.path, fence.source, fence.line, fence.start_index, fence.end_index,
                      fence.indent, _group(page))
    return Shown(fence.source, f"{page.where}:{fence.first_content_line}", target, json=True)


def _only_includes(page: Page, example: CodeExample) -> bool:
    fence = next((f for f in page.fences if f.line == example.start_line), None)
    return fence is not None and bool(fence.includes)


def _check_includes(page: Page, snippets: Path, langs: set[str], suffix: str) -> None:
    """An included example file must exist and be under ``snippets/``, where it is run."""
    problems = include_problems(page, snippets, {suffix: langs})
    if problems:
        raise ValueError(problems[0])


#: The languages of the blocks that include each kind of example.
EXAMPLE_LANGS = {".py": {"py", "python"}, ".sh": _SHELL, ".mjs": set(JS_LANGS)}


def include_problems(page: Page, snippets: Path = SNIPPETS,
                     langs: dict[str, set[str]] | None = None) -> list[str]:
    """Every include of an example of ``page`` (by suffix, the languages of its blocks)
    that is not there, or not under ``snippets/`` where it is run, in page order."""
    problems = []
    for suffix, names in (langs or EXAMPLE_LANGS).items():
        for fence in page.fences:
            if fence.lang not in names:
                continue
            for name in fence.includes:
                path = _resolve(page, name)
                if not path.exists():
                    where, _, line = fence.include_where(name).rpartition(":")
                    problems.append(missing_include(where, int(line), name, path))
                elif path.suffix == suffix and snippets.resolve() not in path.resolve().parents:
                    problems.append(f"{fence.include_where(name)}: includes {name}, which is "
                                    f"not under {display_path(snippets)}/, so no test would "
                                    "run it")
    if ".sh" in (langs or EXAMPLE_LANGS):
        problems += _outputs_of_others(page)
    return sorted(problems, key=lambda p: int(p.split(":")[1]))


def _outputs_of_others(page: Page) -> list[str]:
    """Each command ``x.sh`` whose output shown after it is another command's ``y.json``
    (the include of ``y.sh`` changed by hand, say): a refresh would write ``x.sh``'s
    output into ``y.json``, and ``y.sh``'s check would then refresh it back. And each
    whose output shown is a ``z.json`` of no command (renamed): its output is ``x.json``."""
    problems = []
    for index, fence in enumerate(page.fences):
        tied = _tied_output(page, index) if fence.lang in _SHELL and _includes_sh(fence) else None
        if tied is None:
            continue
        scripts = [_resolve(page, name).resolve() for name in fence.includes]
        if not all(script.is_file() for script in scripts):
            continue  # a command not there is named as such, and it has no output yet
        for shown in page.fences[tied].includes:
            other = _resolve(page, shown).with_suffix(".sh")
            own = Path(fence.includes[0]).with_suffix(".json").as_posix()
            if (shown.endswith(".json") and not other.is_file() and len(scripts) == 1
                    and _resolve(page, shown).is_file() and shown != own):
                # renamed: what the command prints is compared with its own .json
                line = page.fences[tied].include_where(shown).rpartition(":")[2]
                page_own = _is_the_pages_own(page, fence.includes[0])  # its name is fixed
                problems.append(
                    f"{fence.include_where(fence.includes[0])}: shows {fence.includes[0]}, "
                    f"then (at line {line}) {shown}; a command's output is the .json of its "
                    f"name, {own}: rename {shown} to it"
                    + ("" if page_own else
                       f", or the command to {Path(shown).with_suffix('.sh').as_posix()}"))
            if shown.endswith(".json") and other.is_file() and other.resolve() not in scripts:
                name, line = fence.includes[0], page.fences[tied].include_where(shown)
                line = line.rpartition(":")[2]
                problems.append(
                    f"{fence.include_where(name)}: shows {name}, then (at line {line}) "
                    f"{shown}, which is the output of {display_path(other)}: include "
                    f"{Path(name).with_suffix('.json').as_posix()} at line {line}, or "
                    f"{display_path(other)} here")
    return problems


def _is_the_pages_own(page: Page, name: str) -> bool:
    """Whether the include ``name`` is the page's own example (``snippets/<section>/<page>``
    and a suffix), which the page publishes under that name."""
    try:
        stem = page.path.resolve().relative_to(DOCS.resolve()).with_suffix("").as_posix()
    except ValueError:
        return False
    return Path(name).with_suffix("").as_posix() == f"snippets/{stem}"


def _resolve(page: Page, name: str) -> Path:
    bases = (ROOT, page.path.parent, page.path.parents[1] if len(page.path.parents) > 1
             else page.path.parent)
    for base in bases:
        if (base / name).exists():
            return base / name
    for base in bases:  # not there yet: beside the file of the same name it goes with
        if any((base / name).parent.glob(f"{Path(name).stem}.*")):
            return base / name
    for base in bases:  # misspelt: where the file it likely names is
        if likely_file(base / name) is not None:
            return base / name
    return ROOT / name


_GROUPS: dict[Path, uuid.UUID] = {}


def _group(page: Page) -> uuid.UUID:
    """One pytest-examples update group per file, shared with the page's Python blocks."""
    return _GROUPS.setdefault(page.path, uuid.uuid4())


def _whole_file(path: Path) -> CodeExample:
    text = path.read_text("utf-8")
    return _example(path, text, 0, 0, len(text), 0, _GROUPS.setdefault(path, uuid.uuid4()))


def _example(path: Path, source: str, line: int, start: int, end: int, indent: int,
             group: uuid.UUID) -> CodeExample:
    return CodeExample(source=source, path=path, start_line=line,
                       end_line=line + source.count("\n") + 1, start_index=start,
                       end_index=end, prefix="", indent=indent, group=group)
