"""The benchmark's own machinery (not its timings: those are bench/'s job)."""

from __future__ import annotations

import gc
import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from bench.measure import TreeMemory, machine_cpu, reference_loop, run_measured, shares_memory, stat
from bench.site import make_tree
from cloudws.operations import OPERATIONS

from .harness.github import PLANTS_MISTAKES
from .helpers import HEAVY, as_printed

ROOT = Path(__file__).resolve().parents[1]


def test_stat_reports_median_and_spread():
    assert stat([3.0, 1.0, 2.0, 10.0]).as_dict() == {"median": 2.5, "min": 1.0, "max": 10.0,
                                                      "runs": 4}


def test_a_run_is_measured_with_the_cpu_the_machine_spent_meanwhile():
    """A command that burns 0.3 s of one core: its wall time and at least that CPU (the
    machine's, so anything else running counts too); the host's steal, never negative."""
    burn = ("import time\nend = time.process_time() + 0.3\n"
            "while time.process_time() < end:\n    pass\n")
    run = run_measured([sys.executable, "-c", burn], cwd=ROOT)
    assert run.wall >= 0.3 and run.cpu >= 0.28 and run.stolen >= 0, run
    # /proc/stat's cpu line: user nice system idle iowait irq softirq steal, in ticks
    tick = os.sysconf("SC_CLK_TCK")
    assert machine_cpu(f"cpu  {tick} {tick} {tick} 7 7 {tick} {tick} {2 * tick} 0 0") == (5, 2)
    assert 0 < reference_loop() < 60


def test_tree_memory_counts_a_child_process_once():
    # A child that holds 64 MiB of its own pages, under a parent that only waits for it.
    code = ("import subprocess, sys; subprocess.run([sys.executable, '-c', "
            "'import time; b = bytearray(64 << 20); b[::4096] = b\"x\" * (64 << 8); "
            "time.sleep(1)'])")
    memory = TreeMemory(interval=0.05)
    parent = subprocess.Popen([sys.executable, "-c", code])
    memory.watch(parent.pid)
    assert parent.wait(timeout=30) == 0
    memory.stop()
    assert memory.samples > 0
    assert 64 <= memory.peak_mb < 64 + 60, memory.peak_mb  # two Pythons: about 10 MiB each
    # What the tree held at its peak, largest first: the child, then its parent.
    assert ["subprocess" in command for _, command in memory.at_peak] == [False, True]
    assert memory.at_peak[0][0] >= 64


def test_tree_memory_drops_a_sample_taken_while_the_tree_changed():
    memory, me = TreeMemory(), os.getpid()
    trees = iter([{me: ("10", b"python")}, {me: ("10", b"python"), 2: ("11", b"python")}])
    memory._tree = lambda: next(trees)  # a process forked while the sample was read
    assert memory._tree_mb() is None
    trees = iter([{me: ("10", b"python")}, {me: ("10", b"node")}])  # and one exec'd
    assert memory._tree_mb() is None


def test_tree_memory_counts_once_two_processes_in_one_memory():
    """A child ``vfork`` made runs in its parent's memory until it ``exec``s, under its
    parent's command line: read then, it would count the parent twice. A thread of this
    process stands for it here (``/proc`` reads a thread as a process: its memory is the
    process's)."""
    import threading

    ready, done = threading.Event(), threading.Event()
    thread = threading.Thread(target=lambda: (ready.set(), done.wait()))
    thread.start()
    ready.wait()
    me, child = os.getpid(), thread.native_id
    try:
        assert shares_memory(me, child) and not shares_memory(me, os.getppid())
        memory = TreeMemory()
        memory._tree = lambda: {me: ("10", b"python"), child: ("10", b"python")}
        alone = TreeMemory()
        alone._tree = lambda: {me: ("10", b"python")}
        twice, once = memory._tree_mb(), alone._tree_mb()
        assert twice is not None and once is not None
        assert [command for _, command in twice[2]] == ["python"]
        assert abs(twice[0] - once[0]) < 5, (twice[0], once[0])  # MiB: the same process
    finally:
        done.set()
        thread.join()


@PLANTS_MISTAKES
def test_grown_tree_copies_every_endpoint_page_and_its_examples(tmp_path):
    tree = make_tree(tmp_path, factor=3)
    pages = sorted(p.name for p in (tree / "docs" / "workstations").glob("delete*.md"))
    assert pages == ["delete.md", "delete_g2.md", "delete_g3.md"]
    grown = (tree / "docs" / "workstations" / "delete_g3.md").read_text()
    assert "operation: deleteWorkstation_g3" in grown
    assert 'snippets/workstations/delete_g3_running.py"' in grown
    assert (tree / "snippets" / "workstations" / "delete_g3_running.py").read_text() == (
        ROOT / "snippets" / "workstations" / "delete_running.py").read_text()
    assert 'snippets/workstations/delete_g3_running.mjs"' in grown
    assert (tree / "snippets" / "workstations" / "delete_g3_running.mjs").read_text() == (
        ROOT / "snippets" / "workstations" / "delete_running.mjs").read_text()
    assert (tree / "tests" / "test_js_examples.py").exists()
    spec = importlib.util.spec_from_file_location("grown", tree / "hooks" / "grown_document.py")
    grown_module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(grown_module)
    operations = [op["operationId"] for item in grown_module.load_document()["paths"].values()
                  for op in item.values()]
    assert len(operations) == 3 * len(OPERATIONS) and "deleteWorkstation_g3" in operations


_RENDER_GROWN = """
import json, sys
from pathlib import Path
from tests.harness.render import render_pages
html, problems = render_pages([Path(p) for p in sys.argv[1:]])
print(json.dumps({"html": {str(p): h for p, h in html.items()}, "problems": problems}))
"""


@PLANTS_MISTAKES
@HEAVY
def test_grown_tree_pages_build_strictly(tmp_path):
    """Every page the grower adds builds as the site build builds it, through the hooks
    reading the grown document (the suite's site build builds the pages it copies)."""
    tree = make_tree(tmp_path, factor=2)
    grown = sorted(p.relative_to(tree).as_posix() for p in (tree / "docs").rglob("*_g2.md"))
    pages = {op.path.split("/")[2] + "/" + re.match(r"[a-z]+", op_id)[0]  # type: ignore[index]
             for op_id, op in OPERATIONS.items() if op.replaced_by is None}
    assert grown == sorted(f"docs/{page}_g2.md" for page in pages)
    done = subprocess.run([sys.executable, "-c", _RENDER_GROWN, *grown], cwd=tree,
                          capture_output=True, text=True, check=False, timeout=300)
    assert done.returncode == 0, done.stderr
    built = json.loads(done.stdout)
    assert built["problems"] == []
    html = built["html"]["docs/volumes/get_g2.md"]
    assert "GET /v1/g2/volumes/{id} HTTP/1.1" in re.sub(r"<[^>]+>", "", html)


def test_xdist_controller_loads_neither_the_api_nor_its_client():
    """Under ``-n auto`` a third Python, xdist's controller, lives for the whole run beside
    the two workers. It loads the suite's plugins and conftest files but runs no test: with
    the API and httpx imported only by the fixtures that use them, it held 43 MiB at the
    tree's peak in the bench (``suite_peak_mb``), against 64 MiB when it imported them."""
    heavy = ["fastapi", "pydantic", "starlette", "httpx", "respx"]
    code = ("import sys, pytest, pytest_examples, xdist.plugin, pytest_split.plugin, conftest, "
            "tests.conftest, tests.harness.fixtures, tests.harness.plugin; "
            f"print([m for m in {heavy!r} if m in sys.modules])")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]", (
        f"xdist's controller would import {done.stdout.strip()}: a conftest.py or plugin "
        "imports it at its top; import it inside the fixture or hook that uses it")


def test_what_collection_built_is_set_aside_from_the_garbage_collector():
    """Collection runs with the garbage collector paused, then ``settle_heap``
    (``tests/harness/fixtures.py``) frees its garbage and freezes the rest: the imports and
    the collected tests, which every later full collection would otherwise walk again. In
    two runs of the suite, the workers' garbage collection took 6.0 and 5.5 s of CPU,
    against 8.0 and 8.5 s before."""
    assert gc.isenabled(), "collection paused the garbage collector and did not resume it"
    # pytest and its plugins alone leave some 45,000 objects
    assert gc.get_freeze_count() > 40_000, gc.get_freeze_count()


@PLANTS_MISTAKES
def test_the_build_without_hooks_names_no_python_of_the_project(tmp_path):
    """The bench's build without hooks runs none of the project's Python: a file of
    ``hooks/`` named anywhere in its mkdocs.yml (a plugin's ``preprocess``, say) would fail
    that build, as the llmstxt plugin's did, with its module not found."""
    from bench.site import _without_hooks

    config = tmp_path / "mkdocs.yml"
    config.write_text((ROOT / "mkdocs.yml").read_text())
    plain = _without_hooks(config).read_text()
    named = [line for line in plain.splitlines()
             if "hooks/" in line and ".py" in line.partition("#")[0]]
    assert named == [], named
    assert "plugins:" in plain and "llmstxt" in plain  # the plugins stay


@PLANTS_MISTAKES
@HEAVY
def test_a_grown_pages_examples_pass_as_the_originals_do(tmp_path):
    """A copied page's examples call the operation they were copied from, which the check
    that an endpoint page's example calls its operation reads as the copy's (the growth
    part verifies them all; a copy failing there failed that part of the bench)."""
    tree = make_tree(tmp_path, factor=2)
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "-n", "0", "-p", "no:randomly", "tests/test_examples.py",
                           "-k", "stop_g2 or stop.py"], env=as_printed(),
                          cwd=tree, capture_output=True, text=True, check=False, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert re.search(r"\b2 passed\b", done.stdout), done.stdout[-2000:]


def test_the_bench_help_reads_as_plain_text():
    """``python -m bench --help`` shows its docstring without reST's double backticks."""
    done = subprocess.run([sys.executable, "-m", "bench", "--help"], cwd=ROOT, env=as_printed(),
                          capture_output=True, text=True, check=True, timeout=60)
    assert "uv run python -m bench: how fast docs CI verifies" in done.stdout, done.stdout
    assert "``" not in done.stdout, done.stdout
