"""The suite in shards: CI's split runs every test in exactly one shard, and the merge of
the shards' files applies the rule that every documented status is produced."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from pytest_split.algorithms import Algorithms

from .harness.github import PLANTS_MISTAKES
from .harness.plugin import SUITE_MODULES
from .harness.shards import merge, shard_record
from .helpers import HEAVY, without_group
from .test_ci import ROOT, shard_count

#: pytest-split's default, which CI's shard command leaves as it is.
ALGORITHM = "duration_based_chunks"


def _collect(tmp_path: Path, *args: str, seed: str) -> subprocess.Popen[str]:
    """``pytest --collect-only -q`` of the whole suite, as CI's shards run it."""
    env = {k: v for k, v in os.environ.items()
           if k != "PYTEST_ADDOPTS" and not k.startswith("PYTEST_XDIST")}
    return subprocess.Popen(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-n", "0",
         "-p", "no:cacheprovider", "--color=no", *args],
        cwd=ROOT, env={**env, "PYTHONHASHSEED": seed}, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True,
    )


def _ids(process: subprocess.Popen[str]) -> list[str]:
    output, _ = process.communicate(timeout=300)
    assert process.returncode == 0, output
    return [line for line in output.splitlines() if "::" in line and not line.startswith("[")]


def _collected_id(item: pytest.Item) -> str:
    """The test's id as a collection without workers prints it: under ``--dist
    loadgroup`` an xdist worker adds ``@<group>`` to the ids of grouped tests."""
    return without_group(item.nodeid)


@HEAVY
def test_the_shards_run_every_test_once(tmp_path, request):
    """Every collected test is in exactly one of CI's N shards, and a shard collected in
    another process (another hash seed) selects what pytest-split computes here.

    The whole suite's collection is this run's own when it collected the whole suite
    (as many tests as the shard's process counted); else another process collects it."""
    n = shard_count()
    written = tmp_path / "last.json"
    last = _collect(tmp_path, "--splits", str(n), "--group", str(n),
                    "--statuses-file", str(written), seed="1234")
    in_last = _ids(last)
    shard = json.loads(written.read_text())
    every = [_collected_id(item) for item in request.session.items]
    if len(every) != shard["total"]:  # a part of the suite ran here
        every = _ids(_collect(tmp_path, seed="0"))
    assert len(every) > 1000 and len(set(every)) == len(every)

    durations_file = ROOT / ".test_durations"
    durations = json.loads(durations_file.read_text()) if durations_file.exists() else {}
    items = [SimpleNamespace(nodeid=nodeid) for nodeid in every]
    groups = [[item.nodeid for item in group.selected]
              for group in Algorithms[ALGORITHM].value(n, items, durations)]

    assert all(groups), f"a shard of {n} runs nothing: {[len(g) for g in groups]}"
    selected = [nodeid for group in groups for nodeid in group]
    twice = [nodeid for nodeid, count in Counter(selected).items() if count > 1]
    assert not twice, f"in more than one shard: {twice[:5]}"
    assert sorted(selected) == sorted(every)
    assert in_last == groups[-1], "the shard's own process selected other tests"

    assert (shard["splits"], shard["group"]) == (n, n)
    assert shard["tests"] == sorted(in_last) and shard["total"] == len(every)
    assert shard["planted"] == {"planted": [], "places": []}  # for the merge: none failed


def test_the_durations_cut_the_same_shards_with_and_without_xdist():
    """pytest-split reads a grouped test's id with xdist's ``@<group>`` in a shard run
    under ``--dist loadgroup``, and without it in a run with no workers (the collection
    above): ``.test_durations`` gives both the same duration (conftest.py writes both),
    and its groups are named from the project's root, as on every machine."""
    durations = json.loads((ROOT / ".test_durations").read_text())
    grouped = {k: v for k, v in durations.items() if without_group(k) != k}
    assert len(grouped) > 100
    assert {k: durations.get(without_group(k)) for k in grouped} == grouped
    assert not [k for k in grouped if k.rpartition("@")[2].startswith("/")]


# -- the merge: the 100% rule over the shards' files -----------------------------------

DOCUMENTED = {"getVolume": [200, 404], "deleteVolume": [204]}
SUITE = ["test_curl_examples.py", "test_scenarios.py"]


def _shard(group: int, produced: list[list[Any]], tests: list[str], *, splits: int = 2,
           total: int = 4, modules: list[str] | None = None,
           calls: list[list[Any]] | None = None) -> dict[str, Any]:
    return shard_record(DOCUMENTED, produced, splits=splits, group=group, tests=tests,
                        total=total, modules=[SUITE[group - 1]] if modules is None else modules,
                        calls=calls)


def _example(op: str, status: int) -> list[Any]:
    return [op, status, "example", [f"snippets/volumes/{op}.sh"]]


def _merge(tmp_path: Path, *records: dict[str, Any]) -> tuple[int, str]:
    paths = []
    for i, data in enumerate(records, 1):
        paths.append(tmp_path / f"shard-{i}.json")
        paths[-1].write_text(json.dumps(data))
    out = io.StringIO()
    return merge(paths, SUITE, out=out), out.getvalue()


def test_a_pair_produced_by_no_shard_fails_naming_it(tmp_path, monkeypatch):
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)  # (annotated there: below)
    code, output = _merge(
        tmp_path,
        _shard(1, [_example("getVolume", 200)], ["a::1", "a::2"]),
        _shard(2, [_example("deleteVolume", 204)], ["b::1", "b::2"]),
    )
    assert code == 1
    assert "produced by no shard: getVolume 404" in output
    assert "documented statuses produced: 2 of 3 (66%)" in output
    assert "::error" not in output


def test_under_github_actions_a_pair_produced_by_no_shard_is_annotated_where_declared(
        tmp_path, monkeypatch):
    """The annotation of a documented status nothing produced is at the line of
    src/cloudws/operations.py that declares it, where whoever adds a status looks."""
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    _, output = _merge(
        tmp_path,
        _shard(1, [_example("getVolume", 200)], ["a::1", "a::2"]),
        _shard(2, [_example("deleteVolume", 204)], ["b::1", "b::2"]),
    )
    (annotation,) = [line for line in output.splitlines() if line.startswith("::error")]
    where = re.match(r"::error file=src/cloudws/operations\.py,line=(\d+),title=every "
                     r"documented status is produced::getVolume documents 404, but no docs "
                     r"example or scenario produced it", annotation)
    assert where, annotation
    declared = (ROOT / "src/cloudws/operations.py").read_text().splitlines()
    line = declared[int(where[1]) - 1]
    assert re.search(r"\b404:", line), line  # getVolume's own 404
    assert any('id="getVolume"' in text for text in declared[int(where[1]) - 12:int(where[1])])


@PLANTS_MISTAKES
def test_the_merge_holds_the_tabs_of_one_example_to_each_other_over_the_shards(tmp_path):
    """The Python and JavaScript tabs of "delete a running workstation" ran in one shard,
    its curl tab in the other: the merge tells a curl tab that deletes the other
    workstation, at its include's line; the same call as theirs passes."""
    line = 1 + (ROOT / "docs/workstations/delete.md").read_text().splitlines().index(
        '    --8<-- "snippets/workstations/delete_running.sh"')
    running = ["DELETE", "/v1/workstations/ws-67890", 409]
    others = [["snippets/workstations/delete_running.py", *running],
              ["snippets/workstations/delete_running.mjs:1", *running]]
    produced = [_example("getVolume", 200), _example("getVolume", 404)]
    for curl, told in ((["DELETE", "/v1/workstations/ws-12345", 200], True),
                       (running, False)):
        code, output = _merge(
            tmp_path, _shard(1, produced, ["a::1", "a::2"], calls=others),
            _shard(2, [_example("deleteVolume", 204)], ["b::1", "b::2"],
                   calls=[["snippets/workstations/delete_running.sh", *curl]]))
        assert code == int(told), output
        assert (f"FAILED: docs/workstations/delete.md:{line}: the curl tab of this example "
                "gets 200 from DELETE /v1/workstations/ws-12345, which its Python and "
                "JavaScript tabs" in output) == told, output
    # told by a shard that ran every tab: not told again (nor annotated twice)
    code, output = _merge(
        tmp_path, {**_shard(1, produced, ["a::1", "a::2"], calls=others),
                   "told": [["docs/workstations/delete.md", line]]},
        _shard(2, [_example("deleteVolume", 204)], ["b::1", "b::2"], calls=[
            ["snippets/workstations/delete_running.sh", "DELETE", "/v1/workstations/ws-12345",
             200]]))
    assert code == 0 and "the curl tab" not in output, output


def test_a_pair_produced_in_one_shard_only_passes(tmp_path):
    code, output = _merge(
        tmp_path,
        _shard(1, [_example("getVolume", 200)], ["a::1", "a::2"]),
        _shard(2, [_example("deleteVolume", 204),
                   ["getVolume", 404, "scenario", ["getVolume 404"]]], ["b::1", "b::2"]),
    )
    assert code == 0, output
    assert "documented statuses produced: 3 of 3 (100%)" in output
    assert "FAILED" not in output


@PLANTS_MISTAKES
def test_the_merge_annotates_what_a_shard_held_where_no_shard_annotated(tmp_path):
    """A pasted run's failure (``repeats_a_check``) that a shard held, because the check it
    repeats may have run in another shard: the merge annotates it only where no shard's
    other checks did, once."""
    drift = ["snippets/volumes/get.json", 3, "tests/test_pasted.py::t", "drifted"]
    alone = ["snippets/volumes/get.py", 9, "tests/test_pasted.py::u", "pasted only"]
    code, output = _merge(
        tmp_path,
        {**_shard(1, [_example("getVolume", 200)], ["a::1", "a::2"]),
         "annotations": {"annotated": [["snippets/volumes/get.json", 3]], "repeats": []}},
        {**_shard(2, [_example("deleteVolume", 204), _example("getVolume", 404)],
                  ["b::1", "b::2"]),
         "annotations": {"annotated": [], "repeats": [drift, alone, alone]}},
    )
    assert code == 0, output
    alone_command = ("::error file=snippets/volumes/get.py,line=9,"
                     "title=tests/test_pasted.py%3A%3Au::pasted only")
    assert [line for line in output.splitlines() if line.startswith("::")] == [
        alone_command], output


@PLANTS_MISTAKES
def test_the_merge_says_a_planted_failure_came_beside_the_trees_in_another_shard(tmp_path):
    """A test that plants mistakes in a copy of the tree failed in one shard, and a check of
    the tree itself in another: neither shard saw both; the merge says it, once."""
    planted = {"planted": ["tests/test_page.py::t"], "places": []}
    tree = {"planted": [], "places": ["snippets/volumes/get.json:3"]}
    code, output = _merge(
        tmp_path,
        {**_shard(1, [_example("getVolume", 200)], ["a::1", "a::2"]), "planted": planted},
        {**_shard(2, [_example("deleteVolume", 204), _example("getVolume", 404)],
                  ["b::1", "b::2"]), "planted": tree},
        )
    assert code == 0, output
    said = output.split("documented statuses over")[0]
    assert said.splitlines()[0].strip("= ") == "fix the tree's own failures first", said
    assert " ".join(" ".join(said.splitlines()[1:]).split()).startswith(
        "1 test that plants mistakes in a copy of the tree failed, and the tree's own checks "
        "fail at snippets/volumes/get.json:3: the copy has those mistakes too"), said
    assert said.count("\n  uv run pytest tests/test_page.py::t\n") == 1, said
    # each kind alone says nothing
    code, output = _merge(
        tmp_path,
        {**_shard(1, [_example("getVolume", 200)], ["a::1", "a::2"]), "planted": planted},
        {**_shard(2, [_example("deleteVolume", 204), _example("getVolume", 404)],
                  ["b::1", "b::2"]), "planted": planted},
        )
    assert output.startswith("documented statuses over"), output


@PLANTS_MISTAKES
def test_a_shard_of_several_that_writes_its_file_holds_repeats_and_builds_for_the_merge():
    """In a shard (``--splits 3`` with a ``--statuses-file``) a repeat's annotation is not
    printed at the end, nor a site build's failure (every shard builds the site): they are
    held (``AnnotationsPlugin.held``) for the merge, saying so; alone, or with no file to
    write, they are printed."""
    from .harness.github import AnnotationsPlugin

    for options, printed in (({"splits": 3, "statuses_file": "s.json"}, False),
                             ({"splits": None, "statuses_file": "s.json"}, True),
                             ({"splits": 3, "statuses_file": None}, True)):
        written: list[str] = []
        said: list[str] = []
        reporter = SimpleNamespace(write=lambda text, flush, w=written: w.append(text),
                                   write_line=said.append)
        config = SimpleNamespace(getoption=lambda name, default=None, o=options: o.get(name),
                                 pluginmanager=SimpleNamespace(
                                     get_plugin=lambda name, r=reporter: r))
        plugin = AnnotationsPlugin(config)  # type: ignore[arg-type]
        plugin._annotate(SimpleNamespace(  # type: ignore[arg-type]
            failed=True, keywords={"repeats_a_check": 1}, nodeid="t",
            longreprtext="snippets/volumes/get.py:9: pasted only"))
        # a check every shard runs, the site build: held too, for the merge to tell once
        plugin._annotate(SimpleNamespace(  # type: ignore[arg-type]
            failed=True, keywords={}, nodeid="u",
            user_properties=[("check", "mkdocs build --strict")],
            longreprtext="docs/a.md:3: a broken link"))
        plugin.pytest_sessionfinish()
        text = "".join(written)
        assert ("::error file=docs/a.md,line=3,title=mkdocs build --strict" in text) is printed
        assert ("::error file=snippets/volumes/get.py,line=9" in text) is printed, written
        held = ("2 annotation(s) held for the merge of the shards' files (a run repeated as "
                "pasted failed, and the check it repeats may have run in another shard; or a "
                "check every shard runs failed, such as the site build): `uv run python -m "
                "tests.harness.shards merge`, the workflow's last job, prints each once")
        assert said == ([] if printed else [held]), said
        assert plugin.held()["repeats"] == [
            ["snippets/volumes/get.py", 9, "t", "snippets/volumes/get.py:9: pasted only"]]
        assert plugin.held()["shared"] == ([] if printed else [
            ["docs/a.md", 3, "mkdocs build --strict", "docs/a.md:3: a broken link"]])


ALL_PRODUCED = [_example("getVolume", 200), _example("getVolume", 404),
                _example("deleteVolume", 204)]


@pytest.mark.parametrize(("records", "said"), [
    pytest.param([_shard(1, ALL_PRODUCED, ["a::1", "a::2"], modules=SUITE)],
                 "no file for group 2 of 2", id="a group missing"),
    pytest.param([_shard(1, ALL_PRODUCED, ["a::1", "a::2"]),
                  _shard(1, [], ["b::1", "b::2"])],
                 "more than one file for group 1", id="a group twice"),
    pytest.param([_shard(1, ALL_PRODUCED, ["a::1", "a::2", "b::1"]),
                  _shard(2, [], ["b::1", "b::2"])],
                 "1 tests ran in more than one shard (did the shards collect in different "
                 "orders?): b::1", id="a test in two shards"),
    pytest.param([_shard(1, ALL_PRODUCED, ["a::1", "a::2"]),
                  _shard(2, [], ["b::1"])],
                 "the shards ran 3 of the 4 tests collected", id="a test in no shard"),
    pytest.param([_shard(1, ALL_PRODUCED, ["a::1", "a::2"]),
                  _shard(2, [], ["b::1", "b::2"], total=5)],
                 "the shards collected different suites: [4, 5] tests", id="other suites"),
    pytest.param([_shard(1, ALL_PRODUCED, ["a::1", "a::2"]),
                  _shard(2, [], ["b::1", "b::2"], splits=3)],
                 "the files come from different splits: --splits [2, 3]", id="other splits"),
    pytest.param([_shard(1, ALL_PRODUCED, ["a::1", "a::2"]),
                  _shard(2, [], ["b::1", "b::2"], modules=[])],
                 "no shard ran test_scenarios.py", id="a coverage module not run"),
])
def test_files_that_are_not_one_whole_run_fail_saying_why(tmp_path, records, said):
    code, output = _merge(tmp_path, *records)
    assert code == 1
    assert said in output
    assert "FAILED: these files are not the shards of one whole run" in output


def test_merge_runs_from_the_command_line(tmp_path):
    """As CI's last job runs it, with the suite's own coverage modules."""
    half = len(SUITE_MODULES) // 2
    modules = sorted(SUITE_MODULES)
    paths = [tmp_path / "shard-1.json", tmp_path / "shard-2.json"]
    paths[0].write_text(json.dumps(_shard(1, [_example("getVolume", 200)], ["a::1", "a::2"],
                                          modules=modules[:half])))
    paths[1].write_text(json.dumps(_shard(2, [_example("deleteVolume", 204)],
                                          ["b::1", "b::2"], modules=modules[half:])))
    done = subprocess.run(
        [sys.executable, "-m", "tests.harness.shards", "merge", *map(str, paths)],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "produced by no shard: getVolume 404" in done.stdout
