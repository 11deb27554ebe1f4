"""The volumes page's table of the two kinds of volume (docs/concepts/volumes.md), held to
the sandbox as the lifecycle page's table is (``tests/test_lifecycle.py``): the rows that
say what the API does are read as claims and sent, each from a fresh sandbox, to a volume
of that kind. An owned volume is a workstation's own, the first of its ``volume_ids``
(the page says so); a standalone one is made by Create volume, or attached to a
workstation after its own (``vol-data12345``, on the stopped ``ws-12345``), or attached to
none (``vol-scratch01``). The table is the first whose header names ``Owned volume`` and
``Standalone volume``. Its other rows (what makes a volume, what it is attached to) are
prose.

The rows read, by their first cell (in any case), and what their cells may say:

- `` `standalone` ``: `` `true` `` or `` `false` ``, the field's value on every volume of
  that kind;
- ``When its workstation is deleted``: ``**deleted** with it``, or
  ``**detached and kept**`` (kept, with ``attached_to: null``);
- a link to the Delete volume page: ``yes``; ``` `409` [`code`](errors.md#code) ```; or
  ``when detached; attached: `409` [`code`](errors.md#code)``. A status may carry its
  reason phrase (``409 Conflict``); a volume refused is left as it was;
- ``Attach, detach``: ``never: it stays with its workstation`` (an update that leaves it
  out of ``volume_ids`` keeps it; one of its kind attached elsewhere, or to none, named in
  an update's or a create's ``volume_ids``, is refused and stays); or ``with the
  workstation's `volume_ids`, on [Create](...) or [Update workstation](...)`` (each a
  link: it is attached by each, and detached by an update that leaves it out), followed
  by `` (which takes a stopped workstation)`` where it says so (on a running one, the
  update is refused with ``409`` and moves nothing).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from cloudws.operations import OPERATIONS, Example
from cloudws.testing import BASE_URL, mock_api

from .helpers import linked_operations, table_cells, tls

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "concepts" / "volumes.md"
WHERE = PAGE.relative_to(ROOT).as_posix()
AUTH = {"Authorization": "Bearer cws_test_volume_kinds"}
KINDS = {"owned volume": "owned", "standalone volume": "standalone"}
#: The stopped workstation of the fixtures, whose volumes are one of each kind, attached.
STOPPED = "ws-12345"
DETACHED = "vol-scratch01"  # standalone, attached to none
_REFUSED = r"`(?P<{0}>\d{{3}})(?: [A-Za-z ]+)?` \[`(?P<{1}>[a-z_]+)`\]\([^)]*\)"
#: Each row read: how its first cell is known, and each claim its cells may make.
ROWS: dict[str, re.Pattern[str]] = {
    "standalone": re.compile(r"^`(?P<value>true|false)`$", re.IGNORECASE),
    "workstation deleted": re.compile(
        r"^(?:(?P<deleted>\*\*deleted\*\* with it)|(?P<kept>\*\*detached and kept\*\*))$",
        re.IGNORECASE),
    "delete volume": re.compile(
        r"^(?:(?P<yes>yes)|" + _REFUSED.format("status", "code")
        + r"|when detached; attached: " + _REFUSED.format("astatus", "acode") + ")$",
        re.IGNORECASE),
    "attach": re.compile(
        r"^(?:(?P<never>never: it stays with its workstation)|with the workstation's "
        r"`volume_ids`, on (?P<on>\[[^\]]+\]\([^)\s]+\)(?:(?:,| or| and) \[[^\]]+\]\([^)\s]+\))*)"
        r"(?P<stopped> \(which takes a stopped workstation\))?)$",
        re.IGNORECASE),
}
#: How each row read begins: its first cell.
FIRST = {"standalone": "`standalone`", "workstation deleted": "When its workstation is deleted",
         "delete volume": "a link to the Delete volume page", "attach": "Attach, detach"}
SAYS = {
    "standalone": "`true` or `false`",
    "workstation deleted": "**deleted** with it, or **detached and kept**",
    "delete volume": ("yes; `409` [`code`](errors.md#code); or when detached; attached: "
                      "`409` [`code`](errors.md#code)"),
    "attach": ("never: it stays with its workstation; or with the workstation's `volume_ids`, "
               "on [Create](...) or [Update workstation](...), each a link to its page, and "
               "after Update, optionally: (which takes a stopped workstation)"),
}


def _row_of(first: str) -> str | None:
    """Which row ``first`` (a row's first cell) opens, if one this test reads."""
    if first.lower() == "`standalone`":
        return "standalone"
    if first.lower() == "when its workstation is deleted":
        return "workstation deleted"
    if "deleteVolume" in linked_operations(first, PAGE):
        return "delete volume"
    if first.lower() == "attach, detach":
        return "attach"
    return None


def _table() -> tuple[dict[str, int], dict[str, tuple[int, list[str]]]]:
    """The table's columns (each kind's index) and each row read: its line and cells."""
    lines = PAGE.read_text().split("\n")
    for number, line in enumerate(lines):
        columns = [cell.lower() for cell in table_cells(line)] if line.startswith("|") else []
        if set(KINDS) <= set(columns):
            rows = {}
            for at in range(number + 2, len(lines)):
                if not lines[at].startswith("|"):
                    break
                cells = table_cells(lines[at])
                row = _row_of(cells[0])
                if row is not None:
                    rows[row] = (at + 1, cells)
            return {KINDS[c]: i for i, c in enumerate(columns) if c in KINDS}, rows
    pytest.fail(f"{WHERE}: no table whose header is `| | Owned volume | Standalone volume |`",
                pytrace=False)


def _send(client: httpx.Client, operation: str, id: str | None = None) -> httpx.Response:
    """``operation``'s declared example, on the resource ``id`` if given."""
    declared = OPERATIONS[operation]
    example = declared.example
    if id is not None:
        example = Example(path={"id": id}, query=example.query, body=example.body)
    return client.request(declared.method, BASE_URL + declared.url(example).removeprefix("/v1"),
                          headers=AUTH, json=dict(example.body) if example.body else None)


def _volume(client: httpx.Client, id: str) -> httpx.Response:
    return _send(client, "getVolume", id)


def _owned_and_attached(client: httpx.Client) -> tuple[str, str]:
    """The stopped workstation's own volume and the standalone one attached after it."""
    own, attached = _send(client, "getWorkstation", STOPPED).json()["volume_ids"][:2]
    return own, attached


def _fresh(check: Callable[[httpx.Client], list[str]]) -> list[str]:
    with mock_api(), httpx.Client(verify=tls()) as client:
        return check(client)


def _answered(response: httpx.Response) -> str:
    code = response.json().get("code") if response.status_code >= 400 else None
    request = response.request
    return (f"{request.method} {request.url.path} answered {response.status_code}"
            + (f" {code}" if code else ""))


def _standalone(kind: str, value: str) -> Callable[[httpx.Client], list[str]]:
    def check(client: httpx.Client) -> list[str]:
        if kind == "owned":  # every workstation's own volume
            listed = client.get(f"{BASE_URL}/workstations", headers=AUTH).json()["data"]
            ids = [ws["volume_ids"][0] for ws in listed]
            volumes = [_volume(client, id).json() for id in ids]
        else:  # one Create volume makes, and those attached after a workstation's own
            volumes = [_send(client, "createVolume").json(),
                       _volume(client, _owned_and_attached(client)[1]).json()]
        return [f"`standalone` is `{str(v['standalone']).lower()}` on {v['id']}"
                for v in volumes if str(v["standalone"]).lower() != value.lower()]
    return check


def _workstation_deleted(kind: str, claim: re.Match[str]) -> Callable[[httpx.Client],
                                                                        list[str]]:
    def check(client: httpx.Client) -> list[str]:
        volume = _owned_and_attached(client)[kind == "standalone"]
        deleted = _send(client, "deleteWorkstation", STOPPED)
        if not deleted.is_success:
            return [f"{_answered(deleted)}, so nothing happened to its volumes"]
        after = _volume(client, volume)
        if claim["deleted"] and after.status_code != 404:
            return [f"after DELETE /v1/workstations/{STOPPED}, {volume} is still there"]
        if claim["kept"] and not after.is_success:
            return [(f"after DELETE /v1/workstations/{STOPPED}, GET {volume} answered "
                    f"{after.status_code}: it was not kept")]
        if claim["kept"] and after.json()["attached_to"] is not None:
            return [(f"after DELETE /v1/workstations/{STOPPED}, {volume} is attached to "
                    f"{after.json()['attached_to']}")]
        return []
    return check


def _deleted(volume: Callable[[httpx.Client], str], status: str | None,
             code: str | None) -> Callable[[httpx.Client], list[str]]:
    """DELETE the volume ``volume`` picks: refused with ``status`` and ``code`` and left as
    it was, or (no ``status``) a success that deletes it."""
    def check(client: httpx.Client) -> list[str]:
        id = volume(client)
        before = _volume(client, id).json()
        answer = _send(client, "deleteVolume", id)
        after = _volume(client, id)
        if status is None:
            if not answer.is_success:
                return [f"on {id}, {_answered(answer)}"]
            return [] if after.status_code == 404 else [(f"{id} is still there after "
                                                        f"{_answered(answer)}")]
        if (answer.status_code, answer.json().get("code")) != (int(status), code):
            return [f"on {id}, {_answered(answer)}"]
        return [] if after.json() == before else [f"{_answered(answer)}, and {id} changed"]
    return check


def _patch(client: httpx.Client, id: str, volume_ids: list[str]) -> httpx.Response:
    return client.patch(f"{BASE_URL}/workstations/{id}", headers=AUTH,
                        json={"volume_ids": volume_ids})


def _attached_to(client: httpx.Client, id: str) -> str | None:
    return _volume(client, id).json()["attached_to"]


def _where(client: httpx.Client, id: str) -> str:
    """Where the volume ``id`` is, as a message says it."""
    at = _attached_to(client, id)
    return f"attached to {at}" if at else "detached (`attached_to: null`)"


def _others_own(client: httpx.Client) -> tuple[str, str]:
    """Another workstation than the stopped one, and its own volume."""
    other = next(ws for ws in client.get(f"{BASE_URL}/workstations", headers=AUTH).json()[
        "data"] if ws["id"] != STOPPED)
    return other["id"], other["volume_ids"][0]


def _mine_and_free(client: httpx.Client, kind: str) -> tuple[str, str, str | None]:
    """A volume of ``kind`` the stopped workstation has (its own, or the standalone one
    attached after it), one of that kind it does not have (another workstation's own, or
    the detached standalone), and where that one is attached."""
    own, attached = _owned_and_attached(client)
    if kind == "owned":
        other, theirs = _others_own(client)
        return own, theirs, other
    return attached, DETACHED, None


def _never_moves(kind: str) -> Callable[[httpx.Client], list[str]]:
    """A volume of ``kind`` stays with its workstation: an update that leaves it out of
    ``volume_ids`` keeps it attached; one that names one of its kind attached elsewhere, or
    none, and a create that does, are refused and move nothing."""
    def check(client: httpx.Client) -> list[str]:
        found = []
        mine, free, where = _mine_and_free(client, kind)
        left = _patch(client, STOPPED, [])
        if _attached_to(client, mine) != STOPPED:
            found.append(f"after {_answered(left)} with `volume_ids: []`, {mine} is "
                         f"{_where(client, mine)}")
        moved = _patch(client, STOPPED, [free])
        if moved.is_success or _attached_to(client, free) != where:
            found.append(f"{_answered(moved)} with {free} in volume_ids, which is now "
                         f"{_where(client, free)}")
        body = {**OPERATIONS["createWorkstation"].example.body, "volume_ids": [free]}
        made = client.post(f"{BASE_URL}/workstations", headers=AUTH, json=body)
        if made.is_success:
            found.append(f"{_answered(made)} with {free} in volume_ids")
        return found
    return check


def _attaches(kind: str, on: str, stopped: bool) -> list[Callable[[httpx.Client], list[str]]]:
    """A volume of ``kind`` is attached and detached with a workstation's ``volume_ids``,
    on each operation the cell links (Create workstation, Update workstation); an update,
    only on a stopped workstation, where the cell says so."""
    linked = linked_operations(on, PAGE)

    def create(client: httpx.Client) -> list[str]:
        free = _mine_and_free(client, kind)[1]
        body = {**OPERATIONS["createWorkstation"].example.body, "volume_ids": [free]}
        made = client.post(f"{BASE_URL}/workstations", headers=AUTH, json=body)
        if not made.is_success:
            return [f"{_answered(made)} with {free} in volume_ids"]
        made_id = made.json()["id"]
        return ([] if _attached_to(client, free) == made_id else
                [f"after {_answered(made)}, {free} is not attached to {made_id}"])

    def update(client: httpx.Client) -> list[str]:
        mine, free, _ = _mine_and_free(client, kind)
        added = _patch(client, STOPPED, [mine, free])
        if not added.is_success or _attached_to(client, free) != STOPPED:
            return [(f"{_answered(added)} with {free} added to volume_ids, which is "
                     f"{_where(client, free)}")]
        dropped = _patch(client, STOPPED, [])
        if not dropped.is_success or _attached_to(client, mine) is not None:
            return [(f"{_answered(dropped)} with `volume_ids: []`, and {mine} is "
                     f"{_where(client, mine)}")]
        return []

    def running(client: httpx.Client) -> list[str]:
        free, where = _mine_and_free(client, kind)[1:]
        other = next(ws["id"] for ws in client.get(f"{BASE_URL}/workstations", headers=AUTH)
                     .json()["data"] if ws["status"] == "running")
        answer = _patch(client, other, [free])
        return ([] if answer.status_code == 409 and _attached_to(client, free) == where
                else [f"on the running {other}, {_answered(answer)}"])

    checks = [check for operation, check in (("createWorkstation", create),
                                             ("updateWorkstation", update))
              if operation in linked]
    if not checks:
        return [lambda client: [f"{on!r} links to neither Create nor Update workstation"]]
    return checks + ([running] if stopped and "updateWorkstation" in linked else [])


def _checks(row: str, kind: str, claim: re.Match[str]
            ) -> list[Callable[[httpx.Client], list[str]]]:
    if row == "attach":
        if claim["never"]:
            return [_never_moves(kind)]
        return _attaches(kind, claim["on"], bool(claim["stopped"]))
    if row == "standalone":
        return [_standalone(kind, claim["value"])]
    if row == "workstation deleted":
        return [_workstation_deleted(kind, claim)]
    attached: Callable[[httpx.Client], str] = (  # each kind's volume attached
        lambda client: _owned_and_attached(client)[kind == "standalone"])
    if claim["yes"]:
        return [_deleted(attached, None, None)] + (
            [_deleted(lambda client: DETACHED, None, None)] if kind == "standalone" else [])
    if claim["status"]:
        return [_deleted(attached, claim["status"], claim["code"])]
    return [_deleted(lambda client: DETACHED, None, None),
            _deleted(attached, claim["astatus"], claim["acode"])]


def test_the_volumes_table_says_what_the_sandbox_does():
    kinds, rows = _table()
    problems = [f"{WHERE}: the table has no row whose first cell is {FIRST[row]}, which "
                "tests/test_volume_kinds.py reads" for row in ROWS if row not in rows]
    for row, (line, cells) in rows.items():
        for kind, index in kinds.items():
            cell = cells[index] if index < len(cells) else ""
            claim = ROWS[row].match(cell)
            if claim is None:
                problems.append(f"{WHERE}:{line}: {cell!r} ({kind}) says none of what this "
                                f"row's cells can say: {SAYS[row]}")
                continue
            for check in _checks(row, kind, claim):
                article = "an" if kind == "owned" else "a"
                problems += [f"{WHERE}:{line}: the table says {cell!r} of {article} {kind} volume, "
                             f"but {found}" for found in _fresh(check)]
    if problems:  # (each names its line and the fix: no traceback of this test around it)
        pytest.fail("\n".join(problems), pytrace=False)
