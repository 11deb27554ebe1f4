"""The suite in shards: what each shard produced, and the 100% rule over all of them.

``uv run pytest --splits N --group I`` (pytest-split) runs the I-th of N shards. A shard
is not the whole suite, so it does not apply the rule that every documented (operation,
status) pair is produced by something. With ``--statuses-file PATH`` a run writes what
it produced to ``PATH`` (:func:`record`), with which tests it ran out of how many; then

    uv run python -m tests.harness.shards merge statuses-*.json

checks that the files are the N shards of one whole run (each group once, every
collected test run by exactly one shard, every module of the coverage among them),
prints the coverage table over their union, and exits 1 naming each documented pair
that no shard produced (:func:`merge`). A whole run's own file merges alone. Under GitHub
Actions it first prints the annotations the shards held for it: a failed site build's,
once (every shard builds the site), and a pasted run's failure, say, at a line no
shard's other checks annotated (the check it repeats may have run in another shard).
Then, as a run does, the tests that plant mistakes in a copy of the tree that failed
while the tree's own checks failed, in any shard (the copy has the tree's mistakes too).

Example:
    >>> a = shard_record({"getVolume": [200, 404]}, [["getVolume", 200, "example",
    ...                   ["snippets/volumes/get.sh"]]], splits=2, group=1,
    ...                   tests=["tests/test_curl_examples.py::t"], total=2,
    ...                   modules=["test_curl_examples.py"])
    >>> b = shard_record({"getVolume": [200, 404]}, [], splits=2, group=2,
    ...                  tests=["tests/test_scenarios.py::t"], total=2,
    ...                  modules=["test_scenarios.py"])
    >>> coverage, problems = merge_records([a, b], suite={"test_curl_examples.py",
    ...                                                  "test_scenarios.py"})
    >>> problems, coverage.missing()
    ([], [('getVolume', 404)])
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from .coverage import Coverage, every_tab_set, said_of_missing, said_of_tabs
from .github import PLANTED_HEADING, held_commands, planted_beside_the_tree

__all__ = ["FORMAT", "main", "merge", "merge_records", "record", "shard_record"]

#: The version of the file's layout; :func:`merge` refuses any other.
FORMAT = 2
_NAMED = 5  # how many tests a problem names before "and N more"


def shard_record(documented: Mapping[str, Iterable[int]], produced: list[list[Any]], *,
                 splits: int | None, group: int | None, tests: Iterable[str], total: int,
                 modules: Iterable[str],
                 annotations: Mapping[str, Any] | None = None,
                 planted: Mapping[str, list[str]] | None = None,
                 calls: list[list[Any]] | None = None,
                 told: Iterable[tuple[str, int, str]] = ()) -> dict[str, Any]:
    """What one run (a shard, or the whole suite) writes: the documented statuses it ran
    against, the pairs it produced (:meth:`Coverage.export`), its ``--splits`` and
    ``--group``, the IDs of the tests it ran, how many were collected before any was
    deselected, which coverage modules it ran, under GitHub Actions the lines it
    annotated and the repeats' annotations it held (``AnnotationsPlugin.held``), and its
    failed tests that plant mistakes and the tree's places its other failures name
    (``PlantedPlugin.held``), and the calls each example that passed made
    (:meth:`Coverage.export_calls`), by which the tabs of one example are held to each
    other over the shards, with the places of the tabs it told already (``told``)."""
    return {
        "annotations": annotations,
        "planted": planted,
        "format": FORMAT,
        "splits": splits,
        "group": group,
        "documented": {op: sorted(statuses) for op, statuses in documented.items()},
        "produced": produced,
        "calls": calls or [],
        "told": [[page, line] for page, line, _ in told],
        "tests": sorted(tests),
        "total": total,
        "modules": sorted(modules),
    }


def record(path: Path, coverage: Coverage, **shard: Any) -> None:
    """Write ``coverage`` (with no call of a failed example: :meth:`Coverage.without`)
    and the shard's facts (see :func:`shard_record`) to ``path``."""
    data = shard_record(coverage.documented, coverage.export(),
                        calls=coverage.export_calls(), **shard)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1) + "\n")


def merge_records(records: Sequence[Mapping[str, Any]],
                  suite: Iterable[str]) -> tuple[Coverage, list[str]]:
    """The union of the shards' coverage, and what keeps them from being one whole run of
    the suite (``suite``: the modules that make up the coverage) — empty if they are."""
    if not records:
        return Coverage({}), ["no shard's file was given"]
    problems: list[str] = []
    if any(r.get("format") != FORMAT for r in records):
        return Coverage({}), [(f"a file is not in this layout (format {FORMAT}): "
                               "write it again with this checkout's `--statuses-file`")]
    splits = {r["splits"] or 1 for r in records}
    groups = Counter(r["group"] or 1 for r in records)
    if len(splits) > 1:
        problems.append(f"the files come from different splits: --splits {sorted(splits)}")
    else:
        [n] = splits
        absent = [g for g in range(1, n + 1) if g not in groups]
        twice = sorted(g for g, count in groups.items() if count > 1)
        if absent:
            problems.append(f"no file for group {', '.join(map(str, absent))} of {n}")
        if twice:
            problems.append(f"more than one file for group {', '.join(map(str, twice))}")
    if len({json.dumps(r["documented"], sort_keys=True) for r in records}) > 1:
        problems.append("the shards ran against different OpenAPI documents")
    totals = sorted({r["total"] for r in records})
    ran = Counter(test for r in records for test in r["tests"])
    again = sorted(test for test, count in ran.items() if count > 1)
    if len(totals) > 1:
        problems.append(f"the shards collected different suites: {totals} tests")
    elif len(ran) != totals[0]:
        problems.append(f"the shards ran {len(ran)} of the {totals[0]} tests collected "
                        "(a test was deselected in every shard: -k, -m, --lf or a path?)")
    if again:
        problems.append(f"{len(again)} tests ran in more than one shard (did the shards "
                        f"collect in different orders?): {_some(again)}")
    unrun = sorted(set(suite) - {m for r in records for m in r["modules"]})
    if unrun:
        problems.append(f"no shard ran {', '.join(unrun)}")
    coverage = Coverage(records[0]["documented"])
    for r in records:
        coverage.merge(r["produced"])
        coverage.merge_calls(r["calls"])
    return coverage, problems


def _some(names: list[str]) -> str:
    more = f" and {len(names) - _NAMED} more" if len(names) > _NAMED else ""
    return ", ".join(names[:_NAMED]) + more


def merge(paths: Sequence[Path], suite: Iterable[str], out: Any = sys.stdout) -> int:
    """Apply the 100% rule over the shards' files at ``paths``: print the table over
    their union; 1 if they are not one whole run or a documented pair was produced by
    no shard (each named), else 0."""
    records = []
    for path in paths:
        try:
            records.append(json.loads(Path(path).read_text()))
        except (OSError, ValueError) as error:
            print(f"shards: {path}: {error}", file=out)
            return 1
    for command in held_commands(records):  # on lines of their own, for GitHub
        print(command, file=out)
    held = [r["planted"] for r in records if r.get("planted")]
    said = planted_beside_the_tree(  # over the shards: one may hold each kind
        list(dict.fromkeys(test for h in held for test in h["planted"])),
        list(dict.fromkeys(place for h in held for place in h["places"])))
    if said:  # under the heading of a whole run's section, drawn as pytest draws it
        print(f" {PLANTED_HEADING} ".center(88, "="), file=out)
    for line in said:
        print(line, file=out)
    coverage, problems = merge_records(records, suite)
    for problem in problems:
        print(f"shards: {problem}", file=out)
    if problems:
        print("FAILED: these files are not the shards of one whole run of the suite: the "
              "100% rule cannot be applied to them.", file=out)
        return 1
    print(f"documented statuses over {len(records)} shard(s), "
          f"{sum(len(r['tests']) for r in records)} tests:", file=out)
    for line in coverage.table():
        print(line, file=out)
    missing = coverage.missing()
    if missing:
        print("FAILED: every documented status of every operation must be produced by a "
              "docs example or a scenario (tests/test_scenarios.py); produced by no shard: "
              + ", ".join(f"{op} {status}" for op, status in missing), file=out)
        for line in said_of_missing(missing):
            print(line, file=out)
    # the tabs of one example, which may have run in different shards (not those a shard
    # told already: it ran them all)
    told = {(page, line) for r in records for page, line in r["told"]}
    disagreeing = [(page, line, message) for page, line, message
                   in coverage.disagreeing_tabs(every_tab_set()) if (page, line) not in told]
    for line in said_of_tabs(disagreeing):
        print(line, file=out)
    return 1 if missing or disagreeing else 0


def main(argv: Sequence[str] | None = None) -> int:
    from .plugin import SUITE_MODULES

    parser = argparse.ArgumentParser(
        prog="python -m tests.harness.shards",
        description="Apply the rule that every documented status is produced over the "
                    "files written by the shards' --statuses-file.")
    commands = parser.add_subparsers(dest="command", required=True)
    merge_cmd = commands.add_parser("merge", help="check the union of the shards' files")
    merge_cmd.add_argument("files", nargs="+", type=Path, metavar="FILE")
    args = parser.parse_args(argv)
    return merge(args.files, SUITE_MODULES)


if __name__ == "__main__":
    sys.exit(main())
