"""The docs CI workflow runs what ``.ci/run`` runs, on every push and pull request: the
suite in shards, then the rule that every documented status is produced, over them all."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / ".github" / "workflows" / "docs.yml"


def workflow() -> dict[str, Any]:
    return yaml.safe_load(WORKFLOW.read_text())


def shard_job(flow: dict[str, Any]) -> dict[str, Any]:
    """The job whose matrix runs the shards."""
    [job] = [job for job in flow["jobs"].values()
             if "group" in job.get("strategy", {}).get("matrix", {})]
    return job


def shard_count() -> int:
    """N of the workflow's ``--splits N``: its matrix's groups are 1 to N."""
    job = shard_job(workflow())
    [run] = [step["run"] for step in job["steps"] if "bash .ci/run" in step.get("run", "")]
    return int(re.search(r"--splits (\d+)", run)[1])  # type: ignore[index]


def test_docs_workflow_runs_ci_script_on_push_and_pull_request():
    flow = workflow()
    triggers = flow.get("on", flow.get(True))  # YAML 1.1 reads a bare `on` as True
    assert {"push", "pull_request"} <= set(triggers)
    # a pull request's commits run once, as the pull request: a push runs on main only
    assert triggers["push"] == {"branches": ["main"]}, triggers["push"]
    for job in flow["jobs"].values():
        assert any(step.get("uses", "").startswith("actions/checkout@")
                   for step in job["steps"])
    runs = [step.get("run", "") for step in shard_job(flow)["steps"]]
    assert any(run.startswith("bash .ci/run ") for run in runs)


def test_every_shard_runs_once_and_writes_what_it_produced():
    job = shard_job(workflow())
    n = shard_count()
    assert n >= 2
    assert job["strategy"]["matrix"]["group"] == list(range(1, n + 1))
    assert job["strategy"].get("fail-fast") is False  # every shard says what fails in it
    [run] = [step["run"] for step in job["steps"] if "bash .ci/run" in step.get("run", "")]
    assert f"--splits {n} --group ${{{{ matrix.group }}}}" in run
    [upload] = [step for step in job["steps"]
                if step.get("uses", "").startswith("actions/upload-artifact@")]
    # Each shard writes what it produced, and that file is what it uploads.
    assert f"--statuses-file {upload['with']['path']}" in run
    assert "${{ matrix.group }}" in upload["with"]["path"]
    assert "${{ matrix.group }}" in upload["with"]["name"]
    # uploaded when the shard failed too: its file holds the annotations it left to the
    # last job (GitHub skips a step after a failed one unless its `if` says otherwise)
    assert "!cancelled()" in upload.get("if", "") or "always()" in upload.get("if", "")


def test_the_last_job_applies_the_rule_over_every_shard():
    flow = workflow()
    shard_name = next(name for name, job in flow["jobs"].items() if job is shard_job(flow))
    [last] = [job for job in flow["jobs"].values() if job.get("needs") == shard_name]
    # it runs after failed shards too (GitHub skips a job whose needs failed, unless its
    # `if` says otherwise): their held annotations are printed by it alone
    assert "!cancelled()" in last.get("if", "") or "always()" in last.get("if", "")
    steps = last["steps"]
    [download] = [step for step in steps
                  if step.get("uses", "").startswith("actions/download-artifact@")]
    upload_name = next(step["with"]["name"] for step in shard_job(flow)["steps"]
                       if step.get("uses", "").startswith("actions/upload-artifact@"))
    assert re.fullmatch(download["with"]["pattern"].replace("*", ".*"),
                        upload_name.replace("${{ matrix.group }}", "2"))
    assert download["with"].get("merge-multiple") is True
    [merge] = [step["run"] for step in steps if "tests.harness.shards merge" in step.get("run", "")]
    assert merge.startswith("uv run python -m tests.harness.shards merge ")
    assert download["with"]["path"] in merge


def test_ci_script_runs_the_one_test_command():
    script = (ROOT / ".ci" / "run").read_text()
    # With no arguments, the whole suite; with a shard's options, that shard.
    assert '\nuv run pytest "$@"\n' in script


def test_ci_script_installs_node_for_the_javascript_examples():
    script = (ROOT / ".ci" / "run").read_text()
    assert "need_apt+=(nodejs)" in script and "command -v node" in script


def test_the_projects_own_bytecode_is_cached_before_a_run_starts_its_processes(
        tmp_path, monkeypatch):
    """Where ``PYTHONDONTWRITEBYTECODE`` is set, as on CI images, the run's first process
    writes the bytecode of the project's modules that is missing or stale, which every
    other process then reads; a tree it cannot write is left alone, without failing."""
    import importlib.util
    import os
    import shutil
    import sys

    from conftest import _OWN_PYTHON, _cache_own_bytecode

    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    modules = [tmp_path / name / "module.py" for name in _OWN_PYTHON]
    for module in modules:
        module.parent.mkdir()
        module.write_text("VALUE = 1\n")
    _cache_own_bytecode(tmp_path)
    cached = [Path(importlib.util.cache_from_source(str(module))) for module in modules]
    assert all(pyc.is_file() for pyc in cached), cached
    # stale (its source changed since): written again
    os.utime(modules[0], ns=(cached[0].stat().st_mtime_ns + 10**9,) * 2)
    before = cached[0].read_bytes()
    _cache_own_bytecode(tmp_path)
    assert cached[0].read_bytes() != before
    # a folder whose bytecode cannot be written: the others cached, nothing raised
    shutil.rmtree(cached[1].parent)
    cached[1].parent.write_text("not a folder")
    os.utime(modules[2], ns=(cached[2].stat().st_mtime_ns + 10**9,) * 2)
    stale = cached[2].read_bytes()
    _cache_own_bytecode(tmp_path)
    assert cached[1].parent.read_text() == "not a folder"
    assert cached[2].read_bytes() != stale


def test_the_installed_packages_bytecode_is_cached_once_where_python_would_not(
        tmp_path, monkeypatch):
    """Where Python may not cache bytecode and the environment's packages have none (as
    ``uv run`` installs them), the run's first process writes it, once, and says so; not
    where Python caches it itself, nor in an interpreter's own site-packages."""
    import importlib.util
    import sys
    import sysconfig

    from conftest import _cache_packages_bytecode

    packages = tmp_path / "site-packages"
    (packages / "package").mkdir(parents=True)
    modules = [packages / "package" / "__init__.py", packages / "package" / "other.py"]
    for module in modules:
        module.write_text("VALUE = 1\n")
    cached = [Path(importlib.util.cache_from_source(str(module))) for module in modules]
    monkeypatch.setattr(sysconfig, "get_paths", lambda: {"purelib": str(packages)})
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    assert _cache_packages_bytecode(str(modules[0])) is None
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    monkeypatch.setattr(sys, "base_prefix", sys.prefix)  # no virtual environment
    assert _cache_packages_bytecode(str(modules[0])) is None
    assert not any(pyc.exists() for pyc in cached)
    monkeypatch.setattr(sys, "base_prefix", sys.prefix + "-base")
    said = _cache_packages_bytecode(str(modules[0]))
    assert said == (f"cached the bytecode of the installed packages in {packages} (once: "
                    "PYTHONDONTWRITEBYTECODE is set, so Python would never cache it)")
    assert all(pyc.is_file() for pyc in cached), cached
    assert _cache_packages_bytecode(str(modules[0])) is None  # once


def test_test_modules_are_cached_with_their_asserts_rewritten_where_python_would_not(
        tmp_path):
    """Where ``PYTHONDONTWRITEBYTECODE`` is set, a run caches the test modules it collects as
    pytest rewrote them, for the next run to read; the tests themselves run with the
    setting as the user made it."""
    import importlib.util
    import subprocess
    import sys

    (tmp_path / "conftest.py").write_text(
        "import importlib.util\n"
        f"spec = importlib.util.spec_from_file_location('project_conftest', {str(ROOT / 'conftest.py')!r})\n"
        "module = importlib.util.module_from_spec(spec)\n"
        "spec.loader.exec_module(module)\n"
        "pytest_collection = module.pytest_collection\n")
    (tmp_path / "test_module.py").write_text(
        "import sys\n\n\ndef test_the_users_setting_holds_while_tests_run():\n"
        "    assert sys.dont_write_bytecode\n")
    from .helpers import as_printed

    env = {**as_printed(), "PYTHONDONTWRITEBYTECODE": "1", "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                          "--rootdir", str(tmp_path), str(tmp_path)],
                         cwd=tmp_path, env=env, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    # where Python caches it: beside it, or under the shell's PYTHONPYCACHEPREFIX
    folder = Path(importlib.util.cache_from_source(str(tmp_path / "test_module.py"))).parent
    cached = sorted(path.name for path in folder.glob("test_module.*.pyc"))
    assert [name for name in cached if "-pytest-" in name], cached


def test_loopback_goes_around_a_proxy_the_shell_sets(monkeypatch):
    """A developer's shell may set a proxy, and a ``NO_PROXY`` that names ``localhost``
    alone: a run adds loopback to it (conftest.py), so that a test's httpx client reaches
    the sandbox on 127.0.0.1 instead of the proxy."""
    import httpx

    from cloudws.app import create_app
    from cloudws.testing import serve
    from conftest import _loopback_without_proxy

    for name in ("ALL_PROXY", "all_proxy", "http_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")  # nothing listens there
    monkeypatch.setenv("NO_PROXY", "localhost")
    monkeypatch.setenv("no_proxy", "")  # (so that the test ends with it as it was)
    _loopback_without_proxy()
    assert os.environ["NO_PROXY"] == os.environ["no_proxy"] == "localhost,127.0.0.1,::1"
    with serve(create_app()) as base, httpx.Client() as client:
        assert client.get(base + "/openapi.json").status_code == 200
    # and without a proxy set, or with none for any host, the environment is left as it is
    for env in ({"NO_PROXY": "localhost"}, {"HTTP_PROXY": "http://proxy:3128", "no_proxy": "*"}):
        before = dict(env)
        _loopback_without_proxy(env)
        assert env == before


def test_a_socks_proxy_the_shell_sets_is_gone_around_too(monkeypatch):
    """A SOCKS proxy (``ALL_PROXY=socks5://...``, as a company's network may set): httpx
    makes its transport for the proxy as it makes a client, which takes ``socksio``
    (httpx's ``socks`` extra, in the dev group); without it every test and example that
    made a client failed on ``ImportError``. Loopback then goes around it, and the API's
    host is answered in process, as without a proxy."""
    import httpx

    from cloudws.app import create_app
    from cloudws.testing import BASE_URL, mock_api, serve
    from conftest import _loopback_without_proxy

    for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ALL_PROXY", "socks5://127.0.0.1:9")  # nothing listens there
    monkeypatch.setenv("NO_PROXY", "")
    monkeypatch.setenv("no_proxy", "")
    _loopback_without_proxy()
    with serve(create_app()) as base, httpx.Client() as client:
        assert client.get(base + "/openapi.json").status_code == 200
    with mock_api(), httpx.Client(base_url=BASE_URL) as client:
        listed = client.get("/workstations", headers={"Authorization": "Bearer cws_test_ci"})
    assert listed.status_code == 200 and listed.json()["data"], listed.text


def test_a_test_still_running_after_two_minutes_is_failed_not_left_to_hang(request):
    """pytest-timeout is loaded by every run (plugins load only on demand here) with the
    project's limit: a hung test fails, naming itself, and the run goes on."""
    assert request.config.pluginmanager.has_plugin("pytest_timeout")
    assert float(request.config.getini("timeout")) == 120
    assert request.config.getini("timeout_method") in ("", "signal")
