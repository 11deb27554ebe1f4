"""The docs CI workflow runs what ``.ci/run`` runs, on every push and pull request."""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / ".github" / "workflows" / "docs.yml"


def test_docs_workflow_runs_ci_script_on_push_and_pull_request():
    workflow = yaml.safe_load(WORKFLOW.read_text())
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as True
    assert {"push", "pull_request"} <= set(triggers)
    [job] = workflow["jobs"].values()
    runs = [step.get("run", "") for step in job["steps"]]
    assert "bash .ci/run" in runs
    assert any(step.get("uses", "").startswith("actions/checkout@") for step in job["steps"])


def test_ci_script_runs_the_one_test_command():
    script = (ROOT / ".ci" / "run").read_text()
    assert "\nuv run pytest" in script


def test_ci_script_installs_node_for_the_javascript_examples():
    script = (ROOT / ".ci" / "run").read_text()
    assert "need_apt+=(nodejs)" in script and "command -v node" in script
