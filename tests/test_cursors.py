"""Cursors are opaque and bound to the list and the filters that issued them.

Only a ``next_cursor`` the API issued, passed back to the same list with the same filters,
is accepted; a forged, truncated, edited, other-list or other-filter cursor is 400
``validation_error`` naming ``query.cursor``, and changes nothing.
"""

from __future__ import annotations

import random
import re
import string

import httpx
import pytest

from cloudws.models import CURSOR_PATTERN, PAGE_SIZE
from cloudws.store import Store

from .helpers import document

_ALPHABET = string.ascii_letters + string.digits + "-_"


def refused(response: httpx.Response) -> dict:
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["code"] == "validation_error"
    assert [e["field"] for e in body["errors"]] == ["query.cursor"]
    assert "cursor" in body["detail"]
    return body


def _add_workstations(api: httpx.Client, count: int) -> None:
    for i in range(count):
        r = api.post("/workstations", json={"name": f"w{i}", "machine_type": "standard-2"})
        assert r.status_code == 201


def _cursor(api: httpx.Client, path: str, **params) -> str:
    cursor = api.get(path, params={"limit": 1, **params}).json()["next_cursor"]
    assert cursor is not None
    return cursor


def test_issued_cursors_match_the_declared_pattern(api):
    _add_workstations(api, 2)
    for path, params in [("/volumes", {}), ("/workstations", {}),
                         ("/workstations", {"status": "running"})]:
        assert re.fullmatch(CURSOR_PATTERN, _cursor(api, path, **params))
    cursor = next(p for p in document()["paths"]["/v1/volumes"]["get"]["parameters"]
                  if p["name"] == "cursor")
    assert cursor["schema"]["pattern"] == CURSOR_PATTERN


def test_every_page_follows_with_its_cursor_and_any_limit(api):
    _add_workstations(api, 3)
    seen, params = [], {"limit": 2, "status": "running"}
    while True:
        page = api.get("/workstations", params=params).json()
        seen += [w["name"] for w in page["data"]]
        if page["next_cursor"] is None:
            break
        params = {"limit": 1, "status": "running", "cursor": page["next_cursor"]}
    assert seen == ["build-runner", "w0", "w1", "w2"]


def test_a_cursor_outlives_the_item_it_follows(api):
    first = api.get("/volumes", params={"limit": 3}).json()
    assert first["data"][-1]["id"] == "vol-boot67890"
    api.post("/workstations/ws-67890/stop").raise_for_status()
    api.delete("/workstations/ws-67890").raise_for_status()  # deletes vol-boot67890
    rest = api.get("/volumes", params={"cursor": first["next_cursor"]}).json()
    assert [v["id"] for v in rest["data"]] == ["vol-scratch01"]


def test_an_item_made_while_paging_comes_on_a_later_page(api):
    """As the pagination page says: the newest, listed after the others, not lost."""
    first = api.get("/volumes", params={"limit": 2}).json()
    made = api.post("/volumes", json={"size_gb": 10}).json()["id"]
    rest = api.get("/volumes", params={"cursor": first["next_cursor"]}).json()
    assert rest["data"][-1]["id"] == made and rest["next_cursor"] is None
    ids = [v["id"] for v in first["data"] + rest["data"]]
    assert len(ids) == len(set(ids)), ids  # nothing repeated


def test_cursors_are_the_same_on_every_run(api):
    assert Store().list_volumes(limit=1).next_cursor == _cursor(api, "/volumes")


@pytest.mark.parametrize("path", ["/volumes", "/workstations"])
def test_forged_cursors_are_refused(api, sandbox, path):
    before = sandbox.store.dump()
    rng = random.Random(path)
    forged = ["A" * 24, "_" * 24, "-" * 24, "0" * 24,
              *("".join(rng.choice(_ALPHABET) for _ in range(24)) for _ in range(20))]
    for cursor in forged:
        refused(api.get(path, params={"cursor": cursor}))
    assert sandbox.store.dump() == before


@pytest.mark.parametrize("old", ["000000000002", "AAAAAAAAAAAA", "00000000000000000000000002"])
def test_the_old_counter_cursors_are_refused(api, old):
    refused(api.get("/volumes", params={"cursor": old}))


def test_truncated_and_extended_cursors_are_refused(api):
    cursor = _cursor(api, "/volumes")
    for bad in (cursor[:-1], cursor[1:], cursor[:12], cursor + "A", cursor + cursor,
                " " + cursor, cursor + "=", cursor[:-1] + "+", cursor[:-1] + "/"):
        refused(api.get("/volumes", params={"cursor": bad}))


def test_every_one_character_edit_is_refused(api, sandbox):
    cursor = _cursor(api, "/volumes")
    before = sandbox.store.dump()
    for index, char in enumerate(cursor):
        for other in {"A", "B", "z", "-", "_"} - {char}:
            edited = cursor[:index] + other + cursor[index + 1:]
            refused(api.get("/volumes", params={"cursor": edited}))
    assert sandbox.store.dump() == before


def test_a_cursor_of_another_list_is_refused(api):
    _add_workstations(api, 1)
    refused(api.get("/volumes", params={"cursor": _cursor(api, "/workstations")}))
    refused(api.get("/workstations", params={"cursor": _cursor(api, "/volumes")}))


def test_a_cursor_of_another_filter_is_refused(api):
    _add_workstations(api, 2)
    running = _cursor(api, "/workstations", status="running")
    unfiltered = _cursor(api, "/workstations")
    refused(api.get("/workstations", params={"cursor": running}))
    refused(api.get("/workstations", params={"cursor": running, "status": "stopped"}))
    refused(api.get("/workstations", params={"cursor": unfiltered, "status": "running"}))
    ok = api.get("/workstations", params={"cursor": running, "status": "running"})
    assert ok.status_code == 200 and [w["status"] for w in ok.json()["data"]] == ["running"] * 2


def test_a_refused_cursor_leaves_a_pending_fault_armed(api, sandbox):
    sandbox.store.fail_next("listVolumes")
    refused(api.get("/volumes", params={"cursor": "A" * 24}))
    assert api.get("/volumes").status_code == 500
    assert api.get("/volumes").status_code == 200


def test_the_store_refuses_a_forged_cursor_too():
    store = Store()
    with pytest.raises(Exception, match="not one this list issued") as caught:
        store.list_volumes(cursor="not a cursor")
    assert caught.value.errors == [{"field": "query.cursor",  # type: ignore[attr-defined]
                                    "message": "is not a cursor of this list and filter"}]


@pytest.mark.parametrize("call", [
    lambda s: s.list_workstations(limit=PAGE_SIZE[0] - 1),
    lambda s: s.list_workstations(limit=PAGE_SIZE[1] + 1),
    lambda s: s.list_volumes(limit=-1), lambda s: s.list_volumes(limit=True),
    lambda s: s.list_workstations(status="paused"),
])
def test_the_store_refuses_what_the_api_refuses_with_a_clear_error(call):
    with pytest.raises(ValueError, match="must be"):
        call(Store())


def test_the_page_a_cursor_leads_to_is_empty_when_every_item_after_it_was_deleted(api):
    """docs/concepts/pagination.md: an empty page, with no next_cursor, the last."""
    first = api.get("/volumes", params={"limit": 3}).json()
    assert first["next_cursor"] is not None
    (last,) = (v["id"] for v in api.get("/volumes").json()["data"][3:])
    assert api.delete(f"/volumes/{last}").status_code == 200
    page = api.get("/volumes", params={"limit": 3, "cursor": first["next_cursor"]})
    assert page.json() == {"data": [], "next_cursor": None}
