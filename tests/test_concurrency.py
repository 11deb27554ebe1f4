"""Many clients at once over HTTP against ``cloudws serve`` on loopback.

Eight client threads run create → stop → update → delete cycles while two readers page
through the lists; then every list is paged through and compared with what the clients
believe exists. Races: two deletes of one workstation (exactly one 200), two creates
claiming one volume (exactly one 201), start against delete (one consistent order).
"""

from __future__ import annotations

import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from .helpers import assert_consistent, free_port, note, spawn_serve, tls

AUTH = {"Authorization": "Bearer cws_test_concurrency"}
THREADS = 8
#: Cycles per client thread: one period of the cycle's pattern (see run_cycles). What a
#: cycle does depends on cycle % 3 (attach a new volume), cycle % 5 (keep the workstation;
#: its machine type) and cycle % 2 (delete that volume after), so 30 = 2·3·5 cycles make
#: every combination, in every thread, while the seven other threads make theirs.
CYCLES = 30
READERS = 2
#: Passes each reader makes through both lists, spread over the writers' run: pass i
#: starts once the writers have finished i/READ_PASSES of their cycles, so every pass
#: pages through lists that the writers are changing (asserted), from the fixture state
#: to the last cycles. A reader paging without pause kept the server busy as long as the
#: writers ran, repeating passes that add no new kind of overlap.
READ_PASSES = 12
#: Rounds of each race, each from two fresh connections. Who arrives first varies from
#: round to round (the delete race's note shows the split; the rarer order came up about
#: one round in ten on a loaded 2-core machine), so 30 rounds nearly always check both of
#: the outcomes a race allows, not only the usual one. Unchanged: a round costs a few
#: requests now that the clients share a TLS context.
RACES = 30
TIME_BOUND = 60.0  # seconds for the whole load phase: a deadlock fails, it does not hang
FIXTURE_WS = {"ws-12345", "ws-67890"}
FIXTURE_VOLS = {"vol-boot12345", "vol-data12345", "vol-boot67890", "vol-scratch01"}
MACHINES = ("standard-2", "standard-4", "standard-8", "highmem-8", "gpu-t4")


@pytest.fixture(scope="module")
def origin() -> Iterator[str]:
    """``cloudws serve --no-site`` in its own process on a free loopback port."""
    port = free_port()
    command = [sys.executable, "-m", "cloudws.cli", "serve", "--no-site", "--port", str(port)]
    with spawn_serve(command, port) as served:
        yield served


def client(origin: str) -> httpx.Client:
    """A client of the served sandbox. Its TLS context is shared (:func:`helpers.tls`): the
    clients speak plain HTTP, but httpx builds one anyway, and with a client per client
    thread and two per race round, building them was most of the CPU the races took."""
    return httpx.Client(base_url=f"{origin}/v1", headers=AUTH, timeout=10, verify=tls())


def expect(response: httpx.Response, status: int) -> dict:
    assert response.status_code < 500, (response.request.method, response.request.url,
                                        response.text)
    assert response.status_code == status, (response.request.method, response.request.url,
                                            response.text)
    return response.json()


def page_through(api: httpx.Client, path: str, limit: int) -> list[dict]:
    """Every item of a list, a page at a time."""
    items, cursor = [], None
    while True:
        params = {"limit": limit} | ({"cursor": cursor} if cursor else {})
        page = expect(api.get(path, params=params), 200)
        assert len(page["data"]) <= limit
        items += page["data"]
        cursor = page["next_cursor"]
        if cursor is None:
            return items


@dataclass
class Ledger:
    """What one client thread believes it created, deleted and kept, and when it sent its
    first request and had its last answer (``time.monotonic``)."""

    created: list[str] = field(default_factory=list)
    kept_ws: dict[str, dict] = field(default_factory=dict)
    kept_vols: set[str] = field(default_factory=set)
    requests: int = 0
    started: float = 0.0
    finished: float = 0.0


class Progress:
    """The writers' finished cycles, for the readers to wait on (no polling)."""

    def __init__(self, writers: int) -> None:
        self.cycles = 0
        self.running = writers
        self._changed = threading.Condition()

    def cycle_done(self) -> None:
        with self._changed:
            self.cycles += 1
            self._changed.notify_all()

    def writer_done(self) -> None:
        with self._changed:
            self.running -= 1
            self._changed.notify_all()

    def wait_for(self, cycles: int) -> None:
        """Return once the writers have finished ``cycles`` cycles (or have all stopped)."""
        with self._changed:
            self._changed.wait_for(lambda: self.cycles >= cycles or not self.running,
                                   timeout=TIME_BOUND)


def run_cycles(origin: str, thread: int, ledger: Ledger, progress: Progress) -> None:
    try:
        _run_cycles(origin, thread, ledger, progress)
    finally:
        progress.writer_done()


def _run_cycles(origin: str, thread: int, ledger: Ledger, progress: Progress) -> None:
    with client(origin) as api:
        ledger.started = time.monotonic()

        def call(method: str, path: str, status: int, **kw) -> dict:
            ledger.requests += 1
            return expect(api.request(method, path, **kw), status)

        for cycle in range(CYCLES):
            name = f"c{thread}-{cycle}"
            attach = []
            if cycle % 3 == 0:
                vol = call("POST", "/volumes", 201, json={"size_gb": 10 + cycle})
                ledger.created.append(vol["id"])
                attach = [vol["id"]]
            ws = call("POST", "/workstations", 201, json={
                "name": name, "machine_type": MACHINES[cycle % 5], "volume_ids": attach})
            own = ws["volume_ids"][0]
            ledger.created += [ws["id"], own]
            assert (ws["status"], ws["volume_ids"][1:]) == ("running", attach)
            assert call("POST", f"/workstations/{ws['id']}/stop", 200)["status"] == "stopped"
            updated = call("PATCH", f"/workstations/{ws['id']}", 200,
                           json={"name": f"{name}-r", "volume_ids": []})
            assert (updated["name"], updated["volume_ids"]) == (f"{name}-r", [own])
            if cycle % 5 == 4:
                ledger.kept_ws[ws["id"]] = updated
                ledger.kept_vols.add(own)
            else:
                deleted = call("DELETE", f"/workstations/{ws['id']}", 200)
                assert deleted == {"id": ws["id"], "status": "deleted",
                                   "deleted_volume_ids": [own], "detached_volume_ids": []}
                call("GET", f"/workstations/{ws['id']}", 404)
            if attach and cycle % 2 == 0:
                call("DELETE", f"/volumes/{attach[0]}", 200)
            elif attach:
                ledger.kept_vols.add(attach[0])
            progress.cycle_done()
        ledger.finished = time.monotonic()


def read_lists(origin: str, progress: Progress, writes: Callable[[], int],
               passes: list[bool]) -> None:
    """READ_PASSES passes through both lists, spread over the writers' run; for each list
    paged through, whether the writers sent requests while it was (``passes``)."""
    with client(origin) as api:
        for i in range(READ_PASSES):
            progress.wait_for(i * THREADS * CYCLES // READ_PASSES)
            for path, limit in (("/workstations", 7), ("/volumes", 13)):
                before = writes()
                items = page_through(api, path, limit)
                ids = [item["id"] for item in items]
                assert len(ids) == len(set(ids)), f"{path}: an item on two pages"
                stamps = [item["created_at"] for item in items]
                assert stamps == sorted(stamps), f"{path}: not in creation order"
                passes.append(writes() > before)


def test_many_clients_lose_and_duplicate_nothing(origin, request):
    """Every writer runs CYCLES cycles, one period of the cycle's pattern: every kind of
    cycle is run by all eight writers at once, against the two readers. More cycles would
    repeat the same kinds of overlap, not add one: what makes the run a test of concurrent
    clients is that the writers' runs overlap and that the readers page through the lists
    while they write, and both are asserted, with the count of requests."""
    ledgers = [Ledger() for _ in range(THREADS)]
    progress, passes = Progress(THREADS), []

    def writes() -> int:
        return sum(ledger.requests for ledger in ledgers)

    started = time.monotonic()
    with ThreadPoolExecutor(THREADS + READERS) as pool:
        readers = [pool.submit(read_lists, origin, progress, writes, passes)
                   for _ in range(READERS)]
        writers = [pool.submit(run_cycles, origin, t, ledgers[t], progress)
                   for t in range(THREADS)]
        for future in writers + readers:
            future.result(timeout=TIME_BOUND)
    elapsed = time.monotonic() - started
    assert elapsed < TIME_BOUND
    last_start = max(ledger.started for ledger in ledgers)
    assert last_start < min(ledger.finished for ledger in ledgers), "the writers never all ran"

    created = [i for ledger in ledgers for i in ledger.created]
    assert len(created) == len(set(created)), "an ID was issued twice"
    assert not set(created) & (FIXTURE_WS | FIXTURE_VOLS), "a fixture ID was issued again"
    with client(origin) as api:
        workstations = page_through(api, "/workstations", 9)
        volumes = page_through(api, "/volumes", 11)
    kept_ws = {k: v for ledger in ledgers for k, v in ledger.kept_ws.items()}
    kept_vols = {v for ledger in ledgers for v in ledger.kept_vols}
    ws_ids = [w["id"] for w in workstations]
    vol_ids = [v["id"] for v in volumes]
    assert len(ws_ids) == len(set(ws_ids)) and len(vol_ids) == len(set(vol_ids))
    assert set(ws_ids) == FIXTURE_WS | set(kept_ws), "lost or extra workstations"
    assert set(vol_ids) == FIXTURE_VOLS | kept_vols, "lost or extra volumes"
    for ws in workstations:
        if ws["id"] in kept_ws:
            assert ws == kept_ws[ws["id"]]
    assert_consistent({"workstations": workstations, "volumes": volumes})

    requests = sum(ledger.requests for ledger in ledgers)
    assert requests >= THREADS * CYCLES * 5
    assert len(passes) == READERS * READ_PASSES * 2
    assert sum(passes) >= len(passes) // 2, "the readers paged while the writers were idle"
    note(request, f"concurrency: {THREADS} clients sent {requests} requests "
          f"({THREADS * CYCLES} cycles) and {READERS} readers paged the lists {len(passes)} "
          f"times ({sum(passes)} while the writers wrote), in {elapsed:.1f} s")


# -- races -------------------------------------------------------------------------------


Call = tuple[str, str, dict[str, Any]]  # method, path, httpx keyword arguments


def race(origin: str, first: Call, second: Call) -> list[httpx.Response]:
    """Send two requests at the same moment from two connected clients."""
    barrier = threading.Barrier(2)

    def go(api: httpx.Client, call: Call) -> httpx.Response:
        method, path, kwargs = call
        barrier.wait(timeout=10)
        return api.request(method, path, **kwargs)

    with client(origin) as a, client(origin) as b, ThreadPoolExecutor(2) as pool:
        for api in (a, b):  # open both connections before the race
            expect(api.get("/workstations", params={"limit": 1}), 200)
        futures = [pool.submit(go, a, first), pool.submit(go, b, second)]
        return [f.result(timeout=20) for f in futures]


def _stopped_workstation(api: httpx.Client, name: str) -> dict:
    ws = expect(api.post("/workstations", json={"name": name, "machine_type": "standard-2"}), 201)
    expect(api.post(f"/workstations/{ws['id']}/stop"), 200)
    return ws


def test_two_deletes_of_one_workstation_exactly_one_wins(origin, request):
    outcomes = Counter()
    with client(origin) as api:
        for round_ in range(RACES):
            ws = _stopped_workstation(api, f"race-{round_}")
            path = f"/workstations/{ws['id']}"
            responses = race(origin, ("DELETE", path, {}), ("DELETE", path, {}))
            statuses = sorted(r.status_code for r in responses)
            assert statuses == [200, 404], [r.text for r in responses]
            winner, loser = sorted(responses, key=lambda r: r.status_code)
            assert winner.json()["deleted_volume_ids"] == ws["volume_ids"]
            assert loser.json()["code"] == "not_found"
            expect(api.get(path), 404)
            expect(api.get(f"/volumes/{ws['volume_ids'][0]}"), 404)
            outcomes[tuple(r.status_code for r in responses)] += 1
    assert sum(outcomes.values()) == RACES
    note(request, f"delete race: {RACES} rounds, first/second request won {dict(outcomes)}")


def test_two_creates_claiming_one_volume_exactly_one_gets_it(origin):
    with client(origin) as api:
        for round_ in range(RACES):
            vol = expect(api.post("/volumes", json={"size_gb": 10}), 201)
            body = {"name": f"claim-{round_}", "machine_type": "standard-2",
                    "volume_ids": [vol["id"]]}
            claim = ("POST", "/workstations", {"json": body})
            responses = race(origin, claim, claim)
            assert sorted(r.status_code for r in responses) == [201, 409]
            winner = next(r.json() for r in responses if r.status_code == 201)
            loser = next(r.json() for r in responses if r.status_code == 409)
            assert loser["code"] == "volume_attached"
            assert expect(api.get(f"/volumes/{vol['id']}"), 200)["attached_to"] == winner["id"]


def test_start_against_delete_is_one_order_or_the_other(origin):
    with client(origin) as api:
        for round_ in range(RACES):
            ws = _stopped_workstation(api, f"order-{round_}")
            path = f"/workstations/{ws['id']}"
            start, delete = race(origin, ("POST", f"{path}/start", {}), ("DELETE", path, {}))
            outcome = (start.status_code, delete.status_code)
            assert outcome in {(200, 409), (404, 200)}, outcome
            after = api.get(path)
            if outcome == (200, 409):
                assert expect(after, 200)["status"] == "running"
                assert delete.json()["code"] == "workstation_not_stopped"
            else:
                expect(after, 404)
