"""Which documented (operation, status) pairs the examples and scenarios really produced.

The documented pairs come from the OpenAPI document; the produced ones from the
sandbox's observers (see :class:`~tests.harness.sandbox.Recorder`). :meth:`Coverage.table`
is the summary printed at the end of the run: which pairs were produced, by an example
or only by a scenario, then in which languages the examples show each pair (a pair
shown in some languages and not the others is listed: reported, not failed).

An example's language is told by its source: a snippet's suffix (``.py``, ``.sh``,
``.mjs``), or the fenced block of the page at the source's line (:func:`language_of`).

Example:
    >>> cov = Coverage({"createVolume": [201], "deleteVolume": [200, 404], "getVolume": [200]})
    >>> cov.add("example", "snippets/volumes/delete.py", "deleteVolume", 200)
    >>> cov.add("example", "snippets/volumes/delete.mjs:1", "deleteVolume", 200)
    >>> cov.add("example", "snippets/volumes/create.sh", "createVolume", 201)
    >>> cov.add("scenario", "deleteVolume 404", "deleteVolume", 404)
    >>> cov.missing()
    [('getVolume', 200)]
    >>> print("\\n".join(cov.table()))
    documented statuses produced: 3 of 4 (75%)
    operation    200 201 404
    createVolume   ·   E   ·
    deleteVolume   E   ·   S
    getVolume      ✗   ·   ·
    E: by a docs example   S: by a scenario only   ✗: by nothing   ·: not documented
    not produced: getVolume 200
    <BLANKLINE>
    documented statuses shown by the examples, by language: Python 1, curl 1, JavaScript 1
    operation    200 201 404
    createVolume   · -C-   ·
    deleteVolume P-J   · ---
    getVolume    ---   ·   ·
    P: Python   C: curl   J: JavaScript   -: not in that language   ·: not documented
    shown in some languages only (reported): createVolume 201 (not in Python, JavaScript), \
deleteVolume 200 (not in curl)
"""

from __future__ import annotations

import functools
import os
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode

from .pages import ROOT, Page

__all__ = ["COVERAGE_CHECK", "LANGUAGES", "TABS_CHECK", "Coverage", "Tab", "declared_at",
           "documented_statuses", "every_tab_set", "language_of", "said_of_missing",
           "said_of_tabs", "tab_sets", "target"]

#: The languages every example is shown in, and their letters in the table.
LANGUAGES = {"Python": "P", "curl": "C", "JavaScript": "J"}
_BY_SUFFIX = {".py": "Python", ".sh": "curl", ".mjs": "JavaScript", ".js": "JavaScript"}
_BY_FENCE = {"python": "Python", "py": "Python", "bash": "curl", "sh": "curl",
             "shell": "curl", "console": "curl", "js": "JavaScript",
             "javascript": "JavaScript", "mjs": "JavaScript"}
_SOURCE = re.compile(r"^(?P<path>[^:]+)(?::(?:shared\()?(?P<line>\d+).*)?$")
#: A test's parameter, in its ID: ``curl[snippets/x.sh]`` (an xdist group after it aside).
_PARAMETER = re.compile(r"\[([^\]@]+)\]")
#: The check that the tabs of one example make the same calls, as its annotation is titled.
TABS_CHECK = "the tabs of one example"
#: The 100% rule, as the annotation of a documented status nothing produced is titled.
COVERAGE_CHECK = "every documented status is produced"
#: Where the operations are declared, each status of each (src/cloudws/operations.py).
_OPERATIONS = ROOT / "src" / "cloudws" / "operations.py"
#: A content tab's title line (pymdownx.tabbed): ``=== "curl"``; ``===!`` starts a new set.
_TAB = re.compile(r'^(?P<indent> *)===(?P<flags>\+!|!\+|\+|!)?[ \t]+"(?P<label>[^"]*)"')


@dataclass(frozen=True)
class Tab:
    """A content tab that shows one example: its language, its snippet (as the examples'
    sources name it) and the page line that includes it."""

    language: str
    snippet: str
    page: str
    line: int


def tab_sets(page: Page) -> list[list[Tab]]:
    """The sets of content tabs on ``page`` whose tabs each include one example snippet
    (``snippets/...py``, ``.sh``, ``.mjs``) in two languages or more: one example, shown
    in each language. Tabs of a set follow one another at one indent (``===!`` starts
    another set); a block written in the page is not such a tab.

    Example:
        >>> text = ('=== "Python"\\n\\n    ```python\\n    --8<-- "snippets/a.py"\\n    ```\\n\\n'
        ...         '=== "curl"\\n\\n    ```bash\\n    --8<-- "snippets/a.sh"\\n    ```\\n\\n'
        ...         'Then:\\n\\n=== "Python"\\n\\n    ```python\\n    print(1)\\n    ```\\n')
        >>> [[(t.language, t.snippet, t.line) for t in tabs]
        ...  for tabs in tab_sets(Page.from_text(ROOT / "docs" / "x.md", text))]
        [[('Python', 'snippets/a.py', 4), ('curl', 'snippets/a.sh', 10)]]
    """
    lines = page.lines
    sets: list[list[tuple[int, int]]] = []  # each set's tabs: (title line index, indent)
    current: list[tuple[int, int]] | None = None
    for index, line in enumerate(lines):
        tab = _TAB.match(line)
        indent = len(line) - len(line.lstrip(" "))
        if tab is not None:
            if current and current[-1][1] == indent and "!" not in (tab["flags"] or ""):
                current.append((index, indent))
            else:
                current = [(index, indent)]
                sets.append(current)
        elif line.strip() and current and indent <= current[-1][1]:
            current = None  # other content at the tabs' indent ends their set
    ends = {}  # a tab's content runs to the next line at its indent or less
    for tabs in sets:
        for index, indent in tabs:
            ends[index] = next((n for n in range(index + 1, len(lines)) if lines[n].strip()
                                and len(lines[n]) - len(lines[n].lstrip(" ")) <= indent),
                               len(lines))
    found = []
    for tabs in sets:
        shown = []
        for index, indent in tabs:
            fences = [f for f in page.fences if index < f.line - 1 < ends[index]
                      and f.indent > indent and len(f.includes) == 1
                      and Path(f.includes[0]).suffix in _BY_SUFFIX]
            if len(fences) == 1:
                name = fences[0].includes[0]
                where = fences[0].include_where(name).rpartition(":")
                shown.append(Tab(_BY_SUFFIX[Path(name).suffix], name, where[0],
                                 int(where[2])))
        if len({tab.language for tab in shown}) > 1:
            found.append(shown)
    return found


def language_of(source: str, root: Path = ROOT) -> str | None:
    """The language of the example named ``source`` (a test's source), if it is one.

    Example:
        >>> language_of("snippets/workstations/delete.mjs:1"), language_of("deleteVolume 404")
        ('JavaScript', None)
    """
    match = _SOURCE.match(source)
    if match is None:
        return None
    path = match["path"]
    suffix = Path(path).suffix
    if suffix in _BY_SUFFIX:
        return _BY_SUFFIX[suffix]
    if suffix != ".md" or match["line"] is None:
        return None
    return _fence_language(str(root / path), int(match["line"]))


@functools.cache
def _fence_language(path: str, line: int) -> str | None:
    try:
        page = _page(path)
    except OSError:
        return None
    for fence in page.fences:
        if fence.line <= line <= fence.end_line:
            return _BY_FENCE.get(fence.lang)
    return None


@functools.cache
def _page(path: str) -> Page:
    return Page.read(Path(path))


def documented_statuses(document: Mapping[str, Any]) -> dict[str, list[int]]:
    """operationId -> every status its responses list, from an OpenAPI document; the
    operations in the order ``src/cloudws/operations.py`` declares them (the nav's), any
    it does not declare after them."""
    from cloudws.operations import OPERATIONS

    rank = {operation: n for n, operation in enumerate(OPERATIONS)}
    found = {
        op["operationId"]: sorted(int(status) for status in op["responses"])
        for item in document["paths"].values()
        for op in item.values()
    }
    return dict(sorted(found.items(), key=lambda item: rank.get(item[0], len(rank))))


def every_tab_set(docs: Path | None = None) -> list[list[Tab]]:
    """The sets of tabs of every page of ``docs`` (the docs folder), in page order."""
    from .discovery import DOCS, pages

    return [tabs for page in pages(docs or DOCS) for tabs in tab_sets(page)]



def _held_to(full: list[Tab], tabs: list[Tab], made: dict[str, set]) -> Tab | None:
    """Of an example's Python and JavaScript tabs (``full``), the one the others are held
    to: the one most of its other ``tabs`` make the calls of (a curl tab: some of them),
    then a Python tab, then the first."""
    def backing(ref: Tab) -> tuple[int, bool, int]:
        return (sum(made[tab.snippet] <= made[ref.snippet] if tab.language == "curl"
                    else made[tab.snippet] == made[ref.snippet]
                    for tab in tabs if tab is not ref),
                ref.language == "Python", -full.index(ref))

    return max(full, key=backing) if full else None

class Coverage:
    """Documented pairs and the sources (examples, scenarios) that produced each."""

    def __init__(self, documented: Mapping[str, Iterable[int]]) -> None:
        self.documented = {op: sorted(statuses) for op, statuses in documented.items()}
        #: (operation, status) -> kind ("example" or "scenario") -> sources
        self.produced: dict[tuple[str, int], dict[str, set[str]]] = defaultdict(
            lambda: defaultdict(set)
        )
        #: example -> the calls it made: (method, path, status), its IDs as sent
        self.calls: dict[str, set[tuple[str, str, int]]] = defaultdict(set)

    def add(self, kind: str, source: str, operation: str | None, status: int,
            call: tuple[str, str] | None = None) -> None:
        """Note that ``source`` (of ``kind``) made ``operation`` answer ``status``, with
        ``call`` (its method and path) if given."""
        if operation is not None:
            self.produced[(operation, status)][kind].add(source)
            if kind == "example" and call is not None:
                self.calls[source].add((*call, status))

    def record(self, kind: str, source: str, seen: Any) -> None:
        """:meth:`add` an exchange the sandbox saw (a ``Seen``, as the sandbox's
        ``Recorder.on_record`` is given it), with its call: its method, and its path with
        its query (:func:`target`)."""
        self.add(kind, source, seen.operation_id, seen.status,
                 (seen.method, target(seen.path, seen.query)))

    def export(self) -> list[list[Any]]:
        """The produced pairs as JSON-ready data (what an xdist worker sends back)."""
        return [[op, status, kind, sorted(sources)]
                for (op, status), kinds in self.produced.items()
                for kind, sources in kinds.items()]

    def merge(self, data: Iterable[list[Any]]) -> None:
        """Add what :meth:`export` returned in another process."""
        for op, status, kind, sources in data:
            self.produced[(op, status)][kind].update(sources)

    def export_calls(self) -> list[list[Any]]:
        """Each example's calls as JSON-ready data (:meth:`merge_calls` reads them)."""
        return [[source, method, path, status] for source, calls in sorted(self.calls.items())
                for method, path, status in sorted(calls)]

    def merge_calls(self, data: Iterable[list[Any]]) -> None:
        """Add what :meth:`export_calls` returned in another process."""
        for source, method, path, status in data:
            self.calls[source].add((method, path, status))

    def only(self, operations: Iterable[str]) -> Coverage:
        """The same coverage, of ``operations`` only (a page's share of the table).

        Example:
            >>> cov = Coverage({"getVolume": [200], "deleteVolume": [200, 404]})
            >>> cov.add("example", "snippets/volumes/delete.py", "deleteVolume", 200)
            >>> part = cov.only({"deleteVolume"})
            >>> part.pairs(), part.missing()
            ([('deleteVolume', 200), ('deleteVolume', 404)], [('deleteVolume', 404)])
        """
        wanted = set(operations)
        part = Coverage({op: s for op, s in self.documented.items() if op in wanted})
        part.merge([row for row in self.export() if row[0] in wanted])
        return part

    def pairs(self) -> list[tuple[str, int]]:
        """Every documented pair, in the order of :attr:`documented`."""
        return [(op, status) for op, statuses in self.documented.items() for status in statuses]

    def missing(self) -> list[tuple[str, int]]:
        """Documented pairs that nothing produced."""
        return [pair for pair in self.pairs() if not self.produced.get(pair)]

    @property
    def ratio(self) -> float:
        """Produced documented pairs over documented pairs."""
        pairs = self.pairs()
        return (len(pairs) - len(self.missing())) / len(pairs) if pairs else 1.0

    def sources(self, operation: str, status: int) -> dict[str, set[str]]:
        """kind -> sources that produced the pair."""
        return dict(self.produced.get((operation, status), {}))

    def table(self) -> list[str]:
        """The summary: one row per operation, one column per status."""
        pairs, missing = self.pairs(), self.missing()
        statuses = sorted({s for _, s in pairs})
        width = max((len(op) for op in self.documented), default=9)
        lines = [
            (f"documented statuses produced: {len(pairs) - len(missing)} of {len(pairs)} "
             f"({int(self.ratio * 100)}%)"),
            f"{'operation':<{width}} " + " ".join(f"{s:>3}" for s in statuses),
        ]
        for op, documented in self.documented.items():
            cells = []
            for status in statuses:
                kinds = self.produced.get((op, status), {})
                if status not in documented:
                    cells.append("·")
                elif kinds.get("example"):
                    cells.append("E")
                elif kinds.get("scenario"):
                    cells.append("S")
                else:
                    cells.append("✗")
            lines.append(f"{op:<{width}} " + " ".join(f"{c:>3}" for c in cells))
        lines.append("E: by a docs example   S: by a scenario only   ✗: by nothing   "
                     "·: not documented")
        if 0 < len(missing) <= 12:
            lines.append("not produced: " + ", ".join(f"{op} {s}" for op, s in missing))
        return lines + ["", *self.language_table()]

    def made(self, snippet: str) -> set[tuple[str, str, int]]:
        """The calls that the example ``snippet`` made in this run."""
        return {call for source, calls in self.calls.items() if _path(source) == snippet
                for call in calls}

    def disagreeing_tabs(self, sets: Iterable[list[Tab]]) -> list[tuple[str, int, str]]:
        """Where the tabs of one example (:func:`tab_sets`) do not make the same calls (a
        method, a path with its IDs and its query (:func:`target`), and the status it
        answered): a Python or JavaScript tab whose calls are not those of the tab most of
        the others agree with (its first Python tab where none is backed more: so the tab
        a writer changed is the one named, not the tabs left as they were), or a curl tab
        with a call none of them makes (a curl tab may show fewer of the calls: its one
        request).
        Each as (page, line of the tab's include, message). A set a tab of which made no
        call is not judged: the calls of an example that failed are not given
        (:meth:`without`).

        Example:
            >>> cov = Coverage({"deleteWorkstation": [200, 409]})
            >>> for source, id, status in (("snippets/d.py", "ws-1", 200),
            ...                            ("snippets/d.mjs:1", "ws-1", 200),
            ...                            ("snippets/d.sh", "ws-2", 409)):
            ...     cov.add("example", source, "deleteWorkstation", status,
            ...             ("DELETE", f"/v1/workstations/{id}"))
            >>> tabs = [Tab("Python", "snippets/d.py", "docs/d.md", 5),
            ...         Tab("curl", "snippets/d.sh", "docs/d.md", 11),
            ...         Tab("JavaScript", "snippets/d.mjs", "docs/d.md", 17)]
            >>> for page, line, message in cov.disagreeing_tabs([tabs]):
            ...     print(f"{page}:{line}: {message}")
            docs/d.md:11: the curl tab of this example gets 409 from DELETE /v1/workstations/ws-2, which its Python and JavaScript tabs (lines 5, 17) never get: the tabs show one example, so a tab makes the calls the others make, with the same answers (a curl tab may show fewer of them)
        """
        found = []
        for tabs in sets:
            made = {tab.snippet: self.made(tab.snippet) for tab in tabs}
            if not all(made.values()):
                continue
            full = [tab for tab in tabs if tab.language in ("Python", "JavaScript")]
            first = _held_to(full, tabs, made)
            for tab in full:
                if first is None or tab is first or made[tab.snippet] == made[first.snippet]:
                    continue
                more = made[tab.snippet] - made[first.snippet]
                fewer = made[first.snippet] - made[tab.snippet]
                said = ", and ".join(
                    ([(f"gets {_calls(more)}, which its {first.language} tab (line "
                      f"{first.line}) never gets")] if more else [])
                    + ([f"never gets {_calls(fewer)}, which "
                        + (f"its {first.language} tab (line {first.line})" if not more
                           else "that tab") + " gets"] if fewer else []))
                found.append((tab.page, tab.line, (
                    f"the {tab.language} tab of this example {said}: the tabs show one "
                    "example, so a tab makes the calls the others make, with the same "
                    "answers")))
            for tab in tabs:
                if tab.language != "curl" or not full:
                    continue
                extra = made[tab.snippet] - set().union(*(made[t.snippet] for t in full))
                if extra:
                    names = " and ".join(dict.fromkeys(t.language for t in full))
                    many = len(full) > 1
                    lines = ", ".join(str(t.line) for t in full)
                    found.append((tab.page, tab.line, (
                        f"the curl tab of this example gets {_calls(extra)}, which its "
                        f"{names} tab{'s' * many} (line{'s' * many} {lines}) never "
                        f"get{'s' * (not many)}: the tabs show one example, so a tab makes "
                        "the calls the others make, with the same answers (a curl tab may "
                        "show fewer of them)")))
        return found

    def without(self, failed: Iterable[str]) -> Coverage:
        """This coverage with no call of the examples named by ``failed`` (the IDs of
        failed tests, whose parameter names the example: ``javascript[snippets/x.mjs]``):
        an example that failed made only some of its calls."""
        examples = {_path(param) for nodeid in failed for param in _PARAMETER.findall(nodeid)}
        kept = Coverage(self.documented)
        kept.merge(self.export())
        kept.merge_calls([row for row in self.export_calls() if _path(row[0]) not in examples])
        return kept

    def languages(self, operation: str, status: int) -> set[str]:
        """The languages of the examples that produced the pair."""
        sources = self.produced.get((operation, status), {}).get("example", set())
        return {lang for source in sources if (lang := language_of(source)) is not None}

    def language_table(self) -> list[str]:
        """In which languages the examples show each documented pair; the pairs shown in
        some languages but not all are listed (reported, not failed: a curl example shows
        one request where the Python one may go on to show what followed)."""
        pairs = self.pairs()
        statuses = sorted({s for _, s in pairs})
        width = max((len(op) for op in self.documented), default=9)
        shown = {pair: self.languages(*pair) for pair in pairs}
        counts = ", ".join(f"{lang} {sum(lang in langs for langs in shown.values())}"
                           for lang in LANGUAGES)
        lines = [f"documented statuses shown by the examples, by language: {counts}",
                 f"{'operation':<{width}} " + " ".join(f"{s:>3}" for s in statuses)]
        for op, documented in self.documented.items():
            cells = []
            for status in statuses:
                langs = shown.get((op, status), set())
                if status not in documented:
                    cells.append("  ·")
                else:
                    cells.append("".join(letter if lang in langs else "-"
                                         for lang, letter in LANGUAGES.items()))
            lines.append(f"{op:<{width}} " + " ".join(cells))
        lines.append("   ".join(f"{letter}: {lang}" for lang, letter in LANGUAGES.items())
                     + "   -: not in that language   ·: not documented")
        # only the languages whose examples ran: a run narrowed to some (a page with -k)
        # says nothing of the others
        ran = {lang for langs in shown.values() for lang in langs}
        partial = []
        for (op, status), langs in shown.items():
            absent = [lang for lang in LANGUAGES if lang in ran and lang not in langs]
            if langs and absent:
                partial.append(f"{op} {status} (not in {', '.join(absent)})")
        if partial:
            lines.append("shown in some languages only (reported): " + ", ".join(partial))
        return lines


def said_of_tabs(disagreeing: Iterable[tuple[str, int, str]],
                 env: Mapping[str, str] | None = None) -> list[str]:
    """What a run or the shards' merge prints of the tabs that disagree
    (:meth:`Coverage.disagreeing_tabs`): a ``FAILED:`` line each, then under GitHub
    Actions an annotation each, at the tab's line.

    Example:
        >>> said_of_tabs([("docs/d.md", 11, "x")], {"GITHUB_ACTIONS": "true"})
        ['FAILED: docs/d.md:11: x', '::error file=docs/d.md,line=11,title=the tabs of one example::x']
    """
    from .github import workflow_command

    told = list(disagreeing)
    lines = [f"FAILED: {page}:{line}: {message}" for page, line, message in told]
    if (os.environ if env is None else env).get("GITHUB_ACTIONS") == "true":
        lines += [workflow_command(page, line, TABS_CHECK, message)
                  for page, line, message in told]
    return lines


def declared_at(operation: str, status: int, source: str | None = None) -> tuple[str, int]:
    r"""Where ``status`` of ``operation`` is declared: the file (from the project's root)
    and the line of its entry in the operation's ``errors``, or of its ``status=`` (a
    success); the operation's ``id=`` line if neither is written (a 200, the default);
    the file's first line if the operation is not there. ``source``: the file's text.

    Example:
        >>> source = ('    Operation(\n        id="getX", method="GET",\n'
        ...           '        errors={400: _bad_id(), 404: _missing("X"),\n'
        ...           '        },\n    ),\n    Operation(\n        id="makeX", status=201,\n')
        >>> declared_at("getX", 400, source), declared_at("getX", 200, source)
        (('src/cloudws/operations.py', 3), ('src/cloudws/operations.py', 2))
        >>> declared_at("makeX", 201, source), declared_at("dropX", 200, source)
        (('src/cloudws/operations.py', 7), ('src/cloudws/operations.py', 1))
    """
    where = _OPERATIONS.relative_to(ROOT).as_posix()
    lines = (_OPERATIONS.read_text() if source is None else source).splitlines()
    start = next((n for n, line in enumerate(lines) if f'id="{operation}"' in line), None)
    if start is None:
        return where, 1
    for n in range(start, len(lines)):
        if n > start and "Operation(" in lines[n]:
            break
        if re.search(rf"(?<![\w.]){status}\s*:|\bstatus={status}\b", lines[n]):
            return where, n + 1
    return where, start + 1


def said_of_missing(missing: Iterable[tuple[str, int]],
                    env: Mapping[str, str] | None = None) -> list[str]:
    """Under GitHub Actions, what a run or the shards' merge prints of the documented
    statuses nothing produced: an annotation each, at the line that declares it
    (:func:`declared_at`), where whoever adds a status looks.

    Example:
        >>> said_of_missing([("getVolume", 404)], {"GITHUB_ACTIONS": "true"})[0].split("::")[1]
        'error file=src/cloudws/operations.py,line=...,title=every documented status is produced'
        >>> said_of_missing([("getVolume", 404)], {})
        []
    """
    if (os.environ if env is None else env).get("GITHUB_ACTIONS") != "true":
        return []
    from .github import workflow_command

    return [workflow_command(*declared_at(operation, status), COVERAGE_CHECK,
                             f"{operation} documents {status}, but no docs example or scenario "
                             "produced it: show it in an example on the operation's page, or "
                             "give it a scenario (tests/helpers.py)")
            for operation, status in missing]


def _path(source: str) -> str:
    """The file an example's source names: ``snippets/x.mjs`` of ``snippets/x.mjs:1``."""
    match = _SOURCE.match(source)
    return match["path"] if match else source


def target(path: str, query: str = "") -> str:
    """``path`` with ``query`` as the tabs' calls are compared: its parameters sorted and
    encoded alike, as each language may send them in another order or encoding.

    Example:
        >>> target("/v1/workstations", "status=running&limit=2")
        '/v1/workstations?limit=2&status=running'
        >>> target("/v1/volumes", "name=my+box"), target("/v1/volumes", "name=my%20box")
        ('/v1/volumes?name=my%20box', '/v1/volumes?name=my%20box')
        >>> target("/v1/volumes", "")
        '/v1/volumes'
    """
    pairs = sorted(parse_qsl(query, keep_blank_values=True))
    return f"{path}?{urlencode(pairs, quote_via=quote)}" if pairs else path


def _calls(calls: Iterable[tuple[str, str, int]]) -> str:
    """``409 from DELETE /v1/workstations/ws-2 and 200 from GET /v1/volumes``."""
    named = [f"{status} from {method} {path}" for method, path, status in sorted(calls)]
    return ", ".join(named[:-1]) + " and " + named[-1] if len(named) > 1 else named[0]
