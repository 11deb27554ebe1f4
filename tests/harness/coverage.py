"""Which documented (operation, status) pairs the examples and scenarios really produced.

The documented pairs come from the OpenAPI document; the produced ones from the
sandbox's observers (see :class:`~tests.harness.sandbox.Recorder`). :meth:`Coverage.table`
is the summary printed at the end of the run.

Example:
    >>> cov = Coverage({"deleteVolume": [200, 404], "getVolume": [200]})
    >>> cov.add("example", "docs/volumes/delete.md:30", "deleteVolume", 200)
    >>> cov.add("scenario", "deleteVolume 404", "deleteVolume", 404)
    >>> cov.missing()
    [('getVolume', 200)]
    >>> print("\\n".join(cov.table()))
    documented statuses produced: 2 of 3 (66%)
    operation     200 404
    deleteVolume   E   S
    getVolume      ✗   ·
    E: by a docs example   S: by a scenario only   ✗: by nothing   ·: not documented
    not produced: getVolume 200
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["Coverage", "documented_statuses"]


def documented_statuses(document: Mapping[str, Any]) -> dict[str, list[int]]:
    """operationId -> every status its responses list, from an OpenAPI document."""
    return {
        op["operationId"]: sorted(int(status) for status in op["responses"])
        for item in document["paths"].values()
        for op in item.values()
    }


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

    def pairs(self) -> list[tuple[str, int]]:
        """Every documented pair, in document order."""
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
        return lines
