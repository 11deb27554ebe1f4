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
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from .pages import ROOT, Page

__all__ = ["LANGUAGES", "Coverage", "documented_statuses", "language_of"]

#: The languages every example is shown in, and their letters in the table.
LANGUAGES = {"Python": "P", "curl": "C", "JavaScript": "J"}
_BY_SUFFIX = {".py": "Python", ".sh": "curl", ".mjs": "JavaScript", ".js": "JavaScript"}
_BY_FENCE = {"python": "Python", "py": "Python", "bash": "curl", "sh": "curl",
             "shell": "curl", "console": "curl", "js": "JavaScript",
             "javascript": "JavaScript", "mjs": "JavaScript"}
_SOURCE = re.compile(r"^(?P<path>[^:]+)(?::(?:shared\()?(?P<line>\d+).*)?$")


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


class Coverage:
    """Documented pairs and the sources (examples, scenarios) that produced each."""

    def __init__(self, documented: Mapping[str, Iterable[int]]) -> None:
        self.documented = {op: sorted(statuses) for op, statuses in documented.items()}
        #: (operation, status) -> kind ("example" or "scenario") -> sources
        self.produced: dict[tuple[str, int], dict[str, set[str]]] = defaultdict(
            lambda: defaultdict(set)
        )

    def add(self, kind: str, source: str, operation: str | None, status: int) -> None:
        """Note that ``source`` (of ``kind``) made ``operation`` answer ``status``."""
        if operation is not None:
            self.produced[(operation, status)][kind].add(source)

    def export(self) -> list[list[Any]]:
        """The produced pairs as JSON-ready data (what an xdist worker sends back)."""
        return [[op, status, kind, sorted(sources)]
                for (op, status), kinds in self.produced.items()
                for kind, sources in kinds.items()]

    def merge(self, data: Iterable[list[Any]]) -> None:
        """Add what :meth:`export` returned in another process."""
        for op, status, kind, sources in data:
            self.produced[(op, status)][kind].update(sources)

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
