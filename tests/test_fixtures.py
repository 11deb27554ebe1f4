"""The sandbox's starting resources: one reader, and a file that must hang together."""

from __future__ import annotations

import json
from datetime import UTC
from importlib import resources
from pathlib import Path

import pytest
from pydantic import ValidationError

import cloudws.fixtures
from cloudws.fixtures import load_fixtures
from cloudws.store import Store

FILE = json.loads(resources.files("cloudws").joinpath("fixtures.json").read_text())


def _with_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, data: dict) -> None:
    (tmp_path / "fixtures.json").write_text(json.dumps(data))
    monkeypatch.setattr(cloudws.fixtures.resources, "files", lambda package: tmp_path)


def test_fixtures_are_the_store_starting_state():
    fixtures = load_fixtures()
    assert Store().export() == {
        "workstations": [w.model_dump(mode="json") for w in fixtures.workstations],
        "volumes": [v.model_dump(mode="json") for v in fixtures.volumes],
    }
    assert fixtures.workstations[0].created_at.tzinfo is UTC


def test_fixtures_are_new_objects_on_each_call():
    first = load_fixtures()
    first.workstations[0].name = "changed"
    assert load_fixtures().workstations[0].name == "dev-box"
    assert Store().get_workstation("ws-12345").name == "dev-box"


def test_fixtures_reject_a_resource_that_does_not_match_its_model(monkeypatch, tmp_path):
    data = json.loads(json.dumps(FILE))
    data["workstations"][0]["status"] = "paused"
    _with_file(monkeypatch, tmp_path, data)
    with pytest.raises(ValidationError, match="status"):
        load_fixtures()


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d["volumes"].append(dict(d["volumes"][0])), "an ID repeats"),
    (lambda d: d["workstations"][0]["volume_ids"].append("vol-scratch01"),
     "ws-12345 lists vol-scratch01"),
    (lambda d: d["workstations"][0]["volume_ids"].reverse(), "its own volume first"),
    (lambda d: d["workstations"][0]["volume_ids"].pop(), "not list them: ..vol-data12345"),
])
def test_fixtures_reject_resources_that_contradict_each_other(monkeypatch, tmp_path, change,
                                                               message):
    data = json.loads(json.dumps(FILE))
    change(data)
    _with_file(monkeypatch, tmp_path, data)
    with pytest.raises(ValueError, match=message):
        load_fixtures()
