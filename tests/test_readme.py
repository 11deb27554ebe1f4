"""The README's Python example runs as written, and its commands print no notice."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from pytest_examples import CodeExample, EvalExample, find_examples

from .harness.github import PLANTS_MISTAKES
from .helpers import HEAVY, free_port, spawn_serve

README = Path(__file__).resolve().parents[1] / "README.md"
EXAMPLES = [ex for ex in find_examples(README) if ex.prefix.split()[0] == "python"]


def test_readme_has_a_python_example():
    assert EXAMPLES


def run_readme_example(eval_example: EvalExample, example: CodeExample) -> None:
    """Run ``example``; an error it raises is reported at its README line (pytest-examples'
    own traceback of a raising example crashes pytest's report on Python 3.11: see
    tests/harness/upstream.py)."""
    from .harness.pages import display_path
    from .harness.python_examples import failing_line
    from .harness.upstream import repair_example_traceback

    try:
        eval_example.run(example)
    except Exception as exc:
        repair_example_traceback(exc, example)
        exc.add_note(f"{display_path(example.path)}:{failing_line(exc, example)}: the "
                     f"README's example raised {type(exc).__name__}")
        raise


@pytest.mark.parametrize("example", EXAMPLES, ids=str)
def test_readme_example_runs(example: CodeExample, eval_example: EvalExample):
    run_readme_example(eval_example, example)


@PLANTS_MISTAKES
def test_a_failing_readme_example_is_reported_at_its_line(tmp_path: Path,
                                                         request: pytest.FixtureRequest):
    readme = tmp_path / "README.md"
    readme.write_text("# Project\n\n```python\nstatus = 'running'\nassert status == 'stopped'\n"
                      "```\n")
    [example] = find_examples(readme)
    eval_example = EvalExample(tmp_path=tmp_path, pytest_request=request)
    with pytest.raises(AssertionError) as failure:
        run_readme_example(eval_example, example)
    report = str(failure.getrepr())  # pytest's own report of it, which must not crash
    report = re.sub(r"\x1b\[[0-9;]*m", "", report)  # (coloured where FORCE_COLOR is set)
    assert f"{readme}:5: the README's example raised AssertionError" in report, report
    assert "assert status == 'stopped'" in report, report


@PLANTS_MISTAKES
@HEAVY
def test_mkdocs_commands_print_no_theme_notice(tmp_path: Path):
    """`uv run mkdocs …` prints no end-of-life notice from the theme.

    Material prints it when a process named `mkdocs` imports the theme, unless
    NO_MKDOCS_2_WARNING is set; the project's `.pth` (see pyproject.toml) sets it for every
    process of the environment. The command runs here as the README runs it, through the
    environment's own `mkdocs` script, with the variable removed from what it inherits.
    """
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Hello\n")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\ntheme:\n  name: material\n")
    env = {k: v for k, v in os.environ.items() if k != "NO_MKDOCS_2_WARNING"}
    mkdocs = Path(sys.executable).with_name("mkdocs")
    done = subprocess.run([str(mkdocs), "build", "--strict", "--quiet"], cwd=tmp_path,
                          env=env, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "site" / "index.html").is_file()
    assert "end of life" not in done.stdout + done.stderr, done.stdout + done.stderr


def _background_script(port: int) -> str:
    """The README's script that starts the sandbox in the background and waits for it, on
    ``port``, with the API alone (``--no-site``: the waiting is what is tested, not the
    build) and the environment's own ``cloudws`` for ``uv run cloudws``; then the job it
    started is stopped, as the README says, with ``kill %1``."""
    [script] = [block for block in re.findall(r"```bash\n(.*?)```", README.read_text(),
                                              re.DOTALL) if "kill -0 $!" in block]
    cloudws = f"'{sys.executable}' -m cloudws.cli"
    return (script.replace("8080", str(port))
            .replace("uv run cloudws serve", f"{cloudws} serve --no-site")
            + "kill %1 2>/dev/null; wait\n")


@HEAVY
def test_the_readmes_background_start_waits_for_its_own_server(tmp_path: Path):
    """It sends its request once the server it started is up: on a free port, that
    server answers it; where another sandbox already listens, the script stops, after
    what the server said, and sends that sandbox nothing, though it ran before in the
    same folder."""
    port = free_port()
    done = subprocess.run(["bash", "-c", _background_script(port)], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, (done.stdout, done.stderr)
    assert json.loads(done.stdout)["status"] == "deleted", done.stdout
    assert "Stop it with Ctrl-C" in done.stderr, done.stderr
    assert list(tmp_path.iterdir()) == []  # its log is not left in the reader's folder

    port = free_port()
    with spawn_serve([sys.executable, "-m", "cloudws.cli", "serve", "--no-site", "--port",
                      str(port)], port) as other:
        url = f"{other}/v1/workstations/ws-12345"
        auth = {"Authorization": "Bearer cws_test_me"}
        # run again where it ran: what the first server said is not taken for this one's
        done = subprocess.run(["bash", "-c", _background_script(port)], cwd=tmp_path,
                              capture_output=True, text=True, timeout=60, check=False)
        assert done.returncode == 1, (done.stdout, done.stderr)
        assert f"cannot listen on 127.0.0.1 port {port}: Address already in use" in \
            done.stderr, done.stderr
        assert done.stdout == "", done.stdout
        assert httpx.get(url, headers=auth).json()["status"] == "stopped"  # sent nothing
