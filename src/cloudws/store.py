"""The sandbox's state: workstations and volumes in memory, and every rule of the API.

:class:`Store` is the whole behaviour of the API without HTTP: the web app in
:mod:`cloudws.app` only parses requests and serialises what the store returns. Every
mutating operation runs as a transaction on a copy of the state, committed only when
every step has succeeded, so a rejected or failed request changes nothing.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any, get_args

from pydantic import BaseModel

from .errors import ApiError
from .fixtures import load_fixtures
from .idempotency import KEY_TTL
from .models import (
    CURSOR_PATTERN,
    DEFAULT_PAGE_SIZE,
    MAX_STANDALONE_VOLUMES,
    PAGE_SIZE,
    VOLUME_ID_PATTERN,
    VOLUME_ID_PREFIX,
    WORKSTATION_ID_PATTERN,
    WORKSTATION_ID_PREFIX,
    DeleteVolumeResult,
    DeleteWorkstationResult,
    Volume,
    VolumeCreate,
    VolumeList,
    Workstation,
    WorkstationCreate,
    WorkstationList,
    WorkstationStatus,
    WorkstationUpdate,
)
from .operations import OPERATIONS, steps_of

__all__ = ["DeterministicIds", "StepClock", "Store"]

_ID_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz"


class StepClock:
    """A clock that starts at ``start`` and moves ``step`` forward each time it is read.

    The sandbox's default, so that printed timestamps are the same on every run.

    Example:
        >>> from datetime import UTC, datetime
        >>> from cloudws.store import StepClock
        >>> clock = StepClock(datetime(2026, 2, 1, 12, tzinfo=UTC))
        >>> clock().isoformat(), clock().isoformat()
        ('2026-02-01T12:00:00+00:00', '2026-02-01T12:00:01+00:00')
    """

    def __init__(
        self,
        start: datetime = datetime(2026, 2, 1, 12, 0, tzinfo=UTC),
        step: timedelta = timedelta(seconds=1),
    ) -> None:
        self._start, self._step, self._ticks = start, step, 0
        self._lock = threading.Lock()

    def __call__(self) -> datetime:
        with self._lock:
            now = self._start + self._step * self._ticks
            self._ticks += 1
        return now

    def reset(self) -> None:
        """Go back to ``start``."""
        self.rewind(0)

    def position(self) -> int:
        """How many times it has been read since ``start``."""
        return self._ticks

    def rewind(self, position: int) -> None:
        """Go back to an earlier :meth:`position` (a failed operation read it for nothing)."""
        with self._lock:
            self._ticks = position


class DeterministicIds:
    """IDs that look random but are the same on every run, of the pattern the API's IDs
    match: ``ws-`` or ``vol-``, then lowercase letters and digits.

    Example:
        >>> from cloudws.store import DeterministicIds
        >>> ids = DeterministicIds(seed="docs")
        >>> ids("ws") == DeterministicIds(seed="docs")("ws")
        True
    """

    def __init__(self, seed: str = "cloudws") -> None:
        self._seed, self._count = seed, 0
        self._lock = threading.Lock()

    def __call__(self, prefix: str) -> str:
        with self._lock:
            self._count += 1
            n = self._count
        digest = hashlib.blake2b(f"{self._seed}:{prefix}:{n}".encode(), digest_size=8).digest()
        value = int.from_bytes(digest, "big")
        chars = []
        for _ in range(8):
            value, rem = divmod(value, 36)
            chars.append(_ID_ALPHABET[rem])
        return f"{prefix}-{''.join(chars)}"

    def reset(self) -> None:
        """Start the sequence again."""
        self.rewind(0)

    def position(self) -> int:
        """How many IDs it has made since the start."""
        return self._count

    def rewind(self, position: int) -> None:
        """Go back to an earlier :meth:`position` (a failed operation drew IDs for nothing)."""
        with self._lock:
            self._count = position


@dataclass(frozen=True, slots=True)
class _Volume:
    id: str
    size_gb: int
    standalone: bool
    attached_to: str | None
    created_at: datetime
    seq: int


@dataclass(frozen=True, slots=True)
class _Workstation:
    id: str
    name: str
    machine_type: str
    status: str
    volume_ids: tuple[str, ...]
    created_at: datetime
    updated_at: datetime
    seq: int


@dataclass(frozen=True, slots=True)
class _Remembered:
    """The first successful answer to a create with an ``Idempotency-Key``."""

    fingerprint: str
    answer: BaseModel
    expires: datetime


@dataclass(slots=True)
class _State:
    workstations: dict[str, _Workstation] = field(default_factory=dict)
    volumes: dict[str, _Volume] = field(default_factory=dict)
    seq: int = 0
    issued: frozenset[str] = frozenset()
    #: (operationId, Idempotency-Key) -> the answer it got
    keys: dict[tuple[str, str], _Remembered] = field(default_factory=dict)

    def copy(self) -> _State:
        # Records are immutable, so copying the dicts copies the state.
        return _State(dict(self.workstations), dict(self.volumes), self.seq, self.issued,
                      dict(self.keys))


class _Transaction:
    def __init__(self, store: Store, operation: str) -> None:
        self.store, self.operation = store, operation
        self.state = store._state.copy()
        self.replayed = False

    def recall(self, key: str | None, fingerprint: str, now: datetime) -> BaseModel | None:
        """The answer ``key`` got first, if it is for the same body; None if it is unused
        (or expired); 422 if it was used for another body."""
        found = self.state.keys.get((self.operation, key)) if key is not None else None
        if found is None or found.expires <= now:
            return None
        if found.fingerprint != fingerprint:
            raise ApiError(
                "idempotency_key_reused",
                "This Idempotency-Key was already used, with a different body; nothing was "
                "created. Use a new key for a new request, or send again the body of the "
                "request that succeeded with it to get its answer.",
            )
        self.replayed = True
        return found.answer.model_copy(deep=True)

    def remember(self, key: str | None, fingerprint: str, answer: BaseModel,
                 now: datetime) -> None:
        """Keep ``answer`` as the answer to ``key`` for KEY_TTL; forget expired keys."""
        if key is None:
            return
        keys = {k: r for k, r in self.state.keys.items() if r.expires > now}
        keys[(self.operation, key)] = _Remembered(fingerprint, answer.model_copy(deep=True),
                                                  now + KEY_TTL)
        self.state.keys = keys

    def step(self, name: str) -> None:
        assert name in steps_of(self.operation), (self.operation, name)
        self.store._maybe_fail(self.operation, name)

    def new_id(self, prefix: str) -> str:
        """A new ID from the store's ``ids``: one it never issued, of the prefix's pattern;
        ``ValueError`` for one that is not, or for IDs in use only, where a loop would hang."""
        pattern = _ID_PATTERNS[f"{prefix}-"]
        for _ in range(_ID_TRIES):
            candidate = self.store.ids(prefix)
            if not isinstance(candidate, str) or not pattern.fullmatch(candidate):
                raise ValueError(f"Store(ids=...) gave {candidate!r} for {prefix!r}: an ID of "
                                 f"the API matches {pattern.pattern}")
            if candidate not in self.state.issued:
                self.state.issued = self.state.issued | {candidate}
                return candidate
        raise ValueError(f"Store(ids=...) gave {_ID_TRIES} IDs in use in a row for {prefix!r} "
                         f"(the last, {candidate!r}): it must give a new one each call")

    def next_seq(self) -> int:
        self.state.seq += 1
        return self.state.seq


#: Each ID prefix's pattern, and how many IDs in use ``ids`` may give in a row.
_ID_PATTERNS = {WORKSTATION_ID_PREFIX: re.compile(WORKSTATION_ID_PATTERN),
                VOLUME_ID_PREFIX: re.compile(VOLUME_ID_PATTERN)}
_ID_TRIES = 100

#: The key of the cursors' MAC. A constant of the sandbox, so that the cursors it prints
#: are the same on every run; a real service keeps its key secret.
_CURSOR_KEY = b"cloudws sandbox: cursors are opaque"
_POSITION_BYTES, _MAC_BYTES = 6, 12  # 18 bytes: 24 base64url characters, no padding
_CURSOR = re.compile(CURSOR_PATTERN.strip("^$"))


def _encode_cursor(listing: str, seq: int) -> str:
    """The cursor after item ``seq`` of ``listing`` (a list and its filters, as text).

    A MAC of the listing and the position, then the position masked with a pad drawn
    from that MAC: it reads as noise, and any other listing, or any edit, fails the MAC.
    """
    position = seq.to_bytes(_POSITION_BYTES, "big")
    mac = _cursor_mac(listing, position)
    return base64.urlsafe_b64encode(mac + _masked(position, mac)).decode()


def _decode_cursor(listing: str, cursor: str) -> int:
    """The position in ``cursor`` if ``listing`` issued it; else 400 naming ``cursor``."""
    raw = base64.urlsafe_b64decode(cursor) if _CURSOR.fullmatch(cursor) else b""
    mac, position = raw[:_MAC_BYTES], _masked(raw[_MAC_BYTES:], raw[:_MAC_BYTES])
    if len(raw) != _MAC_BYTES + _POSITION_BYTES or not hmac.compare_digest(
            mac, _cursor_mac(listing, position)):
        raise ApiError(
            "validation_error",
            "The cursor is not one this list issued for these filters. Pass back the "
            "next_cursor of the previous page unchanged, with the same filters.",
            [{"field": "query.cursor", "message": "is not a cursor of this list and filter"}],
        )
    return int.from_bytes(position, "big")


def _cursor_mac(listing: str, position: bytes) -> bytes:
    message = b"mac\0" + listing.encode() + b"\0" + position
    return hmac.new(_CURSOR_KEY, message, hashlib.sha256).digest()[:_MAC_BYTES]


def _masked(data: bytes, mac: bytes) -> bytes:
    pad = hmac.new(_CURSOR_KEY, b"pad\0" + mac, hashlib.sha256).digest()
    return bytes(a ^ b for a, b in zip(data, pad, strict=False))


class Store:
    """The sandbox API's state and rules, in memory and thread-safe.

    Starts from the documented fixture set (``ws-12345`` stopped with an owned and a
    standalone volume, ``ws-67890`` running, the detached ``vol-scratch01``), or empty
    with ``fixtures=False``. IDs and timestamps come from ``ids`` and ``clock``,
    deterministic by default (:class:`DeterministicIds`, :class:`StepClock`):
    ``ids(prefix)`` (``prefix`` ``"ws"`` or ``"vol"``) returns an ID of that kind, of the
    pattern the API's IDs match, and a new one at each call (an ID already issued is
    drawn again, a hundred times at most); ``clock()`` returns the time in UTC, with its
    zone (``tzinfo=UTC``). An operation that gets anything else raises ``ValueError``, which the app
    answers with a ``500``. :meth:`reset` rewinds a source that has a ``reset()`` method,
    and a failed operation gives back what it drew from a source that has ``position()``
    and ``rewind(position)``, as those two have; a plain callable is never rewound.

    Example:
        >>> from cloudws.store import Store
        >>> store = Store()
        >>> store.get_workstation("ws-12345").status
        'stopped'
        >>> store.delete_workstation("ws-12345").detached_volume_ids
        ['vol-data12345']
        >>> store.reset()
        >>> store.get_workstation("ws-12345").name
        'dev-box'
    """

    def __init__(
        self,
        *,
        clock: Callable[[], datetime] | None = None,
        ids: Callable[[str], str] | None = None,
        fixtures: bool = True,
    ) -> None:
        self.clock = clock or StepClock()
        self.ids = ids or DeterministicIds()
        self._lock = threading.RLock()
        self._claims: set[tuple[str, str]] = set()  # Idempotency-Keys in flight
        self._claims_lock = threading.Lock()
        self._faults: list[tuple[str, str | None]] = []
        self._initial = _load_fixtures() if fixtures else _State()
        self._state = self._initial.copy()

    def _now(self) -> datetime:
        """The clock's time: ``ValueError`` for one that is not in UTC, with its zone
        named ``UTC`` (a zone whose offset is zero only part of the year, as
        ``Europe/London``, would fail in summer; GMT's names are refused too)."""
        now = self.clock()
        if (not isinstance(now, datetime) or now.utcoffset() != timedelta(0)
                or now.tzname() != "UTC"):
            raise ValueError(f"Store(clock=...) gave {now!r}: the API's times are in UTC, "
                             "and say so (datetime(..., tzinfo=UTC))")
        return now

    # -- control -------------------------------------------------------------------------

    def reset(self) -> None:
        """Return to the state the store started in (the fixtures, or none with
        ``fixtures=False``), forget every ``Idempotency-Key``, rewind the clock and ID
        source (if they have a ``reset()``), and clear faults."""
        with self._lock:
            self._state = self._initial.copy()
            self._faults.clear()
            for source in (self.clock, self.ids):
                reset = getattr(source, "reset", None)
                if reset is not None:
                    reset()

    def fail_next(self, operation: str, *, step: str | None = None) -> None:
        """Make the next call of ``operation`` fail with 500 ``internal_error``.

        ``operation`` is an operationId (``"deleteWorkstation"``); ``step`` one of its
        declared fault steps, ``OPERATIONS[operation].steps`` in :mod:`cloudws.operations`
        (default: the first). The fault fires on the next call that
        reaches that step. A call refused before it leaves it armed: a 400 always; a 404
        or 409 of the resource an operation changes (not found, not stopped), which is
        checked before its steps. The volumes a create or update names are checked in
        its first step, ``check_volumes``: a fault there answers 500 where one of them
        would have got its 409. A read's one step, ``read``, comes first, so the
        next read answers 500 even for an ID that does not exist. A call that skips the step (an update
        without ``volume_ids`` never detaches) leaves it armed too, and so does a create
        answered from its ``Idempotency-Key`` (the first answer again). Each call arms one
        fault more: two make the next two calls fail (each call fails at the first of its
        steps where a fault is armed). Whatever the step,
        the failed operation changes nothing, and the calls after it get the IDs and
        timestamps they would have had without it (from sources that can rewind: see
        :class:`Store`). An ``operation`` the store does not know, one that never reaches
        it (``removedDeleteWorkstation``), or a ``step`` it does not have raises
        ``ValueError``, naming those it has.

        Example:
            >>> from cloudws.errors import ApiError
            >>> from cloudws.store import Store
            >>> store = Store()
            >>> store.fail_next("deleteWorkstation", step="detach_volumes")
            >>> try:
            ...     store.delete_workstation("ws-12345")
            ... except ApiError as error:
            ...     print(error.status, error.code)
            ...
            500 internal_error
            >>> store.get_workstation("ws-12345").volume_ids
            ['vol-boot12345', 'vol-data12345']
        """
        steps = steps_of(operation)
        if step is not None and step not in steps:
            raise ValueError(f"{operation} has no step {step!r}; one of {steps}")
        with self._lock:
            self._faults.append((operation, step or steps[0]))

    @contextmanager
    def in_flight(self, operation: str, key: str) -> Iterator[None]:
        """While the block runs, a request of ``operation`` with the ``Idempotency-Key``
        ``key`` is being processed: another one with that key gets 409
        ``idempotency_key_in_flight`` instead of waiting.

        ``key`` is the key itself, as the header carries it once read: without the quotes
        and escapes of its format. The header ``Idempotency-Key: "k1"`` is
        ``in_flight(operation, "k1")``.

        Every create with a key holds it so while it runs. Over HTTP, no other request's
        work comes between a create's check of its key and its end, so a test that wants
        to see the 409 holds a key itself.

        Example:
            >>> from cloudws.errors import ApiError
            >>> from cloudws.models import VolumeCreate
            >>> from cloudws.store import Store
            >>> store = Store()
            >>> with store.in_flight("createVolume", "k1"):
            ...     try:
            ...         store.create_volume(VolumeCreate(size_gb=10), idempotency_key="k1")
            ...     except ApiError as error:
            ...         print(error.status, error.code)
            ...
            409 idempotency_key_in_flight
            >>> store.create_volume(VolumeCreate(size_gb=10), idempotency_key="k1").size_gb
            10
        """
        declared = OPERATIONS.get(operation)
        if declared is None or not declared.takes_idempotency_key:
            takers = [o.id for o in OPERATIONS.values() if o.takes_idempotency_key]
            raise ValueError(f"{operation!r} takes no Idempotency-Key; {' and '.join(takers)} do")
        claim = (operation, key)
        with self._claims_lock:
            if claim in self._claims:
                raise ApiError(
                    "idempotency_key_in_flight",
                    f"A {operation} request with this Idempotency-Key is still being "
                    "processed. Send this one again in a moment, with the same key, to get "
                    "its answer.",
                )
            self._claims.add(claim)
        try:
            yield
        finally:
            with self._claims_lock:
                self._claims.discard(claim)

    def export(self) -> dict[str, Any]:
        """Every resource as JSON-ready data, in creation order: compare two to see a change."""
        with self._lock:
            state = self._state
        return {
            "workstations": [
                self._workstation(w).model_dump(mode="json")
                for w in sorted(state.workstations.values(), key=lambda r: r.seq)
            ],
            "volumes": [
                self._volume(v).model_dump(mode="json")
                for v in sorted(state.volumes.values(), key=lambda r: r.seq)
            ],
        }

    def dump(self) -> bytes:
        """:meth:`export` as canonical JSON bytes."""
        return json.dumps(self.export(), sort_keys=True).encode()

    # -- workstations --------------------------------------------------------------------

    def create_workstation(self, body: WorkstationCreate, *,
                           idempotency_key: str | None = None) -> Workstation:
        """Create a workstation, its own volume, and attach ``body.volume_ids``.

        With an ``idempotency_key`` (see :mod:`cloudws.idempotency`), a second call with
        the same key and body answers the first call's workstation and creates nothing.
        """
        fingerprint = _fingerprint(body)
        with self._keyed("createWorkstation", idempotency_key), \
                self._transaction("createWorkstation") as tx:
            now = self._now()
            first = tx.recall(idempotency_key, fingerprint, now)
            if first is not None:
                return first  # type: ignore[return-value]
            tx.step("check_volumes")
            for vol_id in body.volume_ids:
                self._check_attachable(tx.state, vol_id, None)
            ws_id = tx.new_id("ws")
            tx.step("create_volume")
            boot = _Volume(tx.new_id("vol"), body.disk_size_gb, False, ws_id, now, tx.next_seq())
            tx.state.volumes[boot.id] = boot
            tx.step("attach_volumes")
            for vol_id in body.volume_ids:
                tx.state.volumes[vol_id] = replace(tx.state.volumes[vol_id], attached_to=ws_id)
            tx.step("create_workstation")
            ws = _Workstation(
                ws_id, body.name, body.machine_type, "running",
                (boot.id, *body.volume_ids), now, now, tx.next_seq(),
            )
            tx.state.workstations[ws_id] = ws
            answer = self._workstation(ws)
            tx.remember(idempotency_key, fingerprint, answer, now)
        return answer

    def list_workstations(
        self, *, limit: int = DEFAULT_PAGE_SIZE, cursor: str | None = None,
        status: str | None = None,
    ) -> WorkstationList:
        """One page of workstations, oldest first, optionally only those in ``status``.

        ``cursor`` is the ``next_cursor`` of the page before, issued for the same
        ``status``; any other is refused. ``limit`` outside ``PAGE_SIZE`` raises
        ``ValueError``, as does a ``status`` that is not one.
        """
        _check_limit(limit)
        if status is not None and status not in get_args(WorkstationStatus):
            raise ValueError(f"status must be one of {get_args(WorkstationStatus)}, "
                             f"not {status!r}")
        listing = f"workstations?status={status or ''}"
        after = _decode_cursor(listing, cursor) if cursor is not None else 0
        with self._lock:
            self._maybe_fail("listWorkstations", "read")
            items = [w for w in self._state.workstations.values()
                     if status is None or w.status == status]
        page, next_cursor = _paginate(items, limit, after, listing)
        return WorkstationList(data=[self._workstation(w) for w in page], next_cursor=next_cursor)

    def get_workstation(self, ws_id: str) -> Workstation:
        """The workstation ``ws_id``."""
        with self._lock:
            self._maybe_fail("getWorkstation", "read")
            return self._workstation(self._find_workstation(self._state, ws_id))

    def start_workstation(self, ws_id: str) -> Workstation:
        """Start it; starting a running workstation changes nothing."""
        return self._set_status("startWorkstation", ws_id, "running")

    def stop_workstation(self, ws_id: str) -> Workstation:
        """Stop it; stopping a stopped workstation changes nothing."""
        return self._set_status("stopWorkstation", ws_id, "stopped")

    def update_workstation(self, ws_id: str, body: WorkstationUpdate) -> Workstation:
        """Change the name, machine type or attached standalone volumes of a stopped one.

        Values the workstation already has change nothing, and leave ``updated_at`` alone.
        A body that names no field is refused (``400``), before anything else is looked at.
        """
        if not body.model_fields_set:
            raise ApiError("validation_error", "The body names no field to change.",
                           [{"field": "body", "message": "must have at least one field"}])
        with self._transaction("updateWorkstation") as tx:
            ws = self._find_workstation(tx.state, ws_id)
            if body.volume_ids is not None:
                _require_few_enough(body.volume_ids, own=ws.volume_ids[0])
            _require_stopped(ws, "updated")
            changes: dict[str, Any] = {}
            if body.name is not None:
                changes["name"] = body.name
            if body.machine_type is not None:
                changes["machine_type"] = body.machine_type
            tx.step("check_volumes")
            if body.volume_ids is not None:
                own = ws.volume_ids[0]
                wanted = [v for v in body.volume_ids if v != own]
                for vol_id in wanted:
                    self._check_attachable(tx.state, vol_id, ws_id)
                tx.step("detach_volumes")
                for vol_id in ws.volume_ids[1:]:
                    if vol_id not in wanted:
                        tx.state.volumes[vol_id] = replace(
                            tx.state.volumes[vol_id], attached_to=None
                        )
                tx.step("attach_volumes")
                for vol_id in wanted:
                    tx.state.volumes[vol_id] = replace(tx.state.volumes[vol_id], attached_to=ws_id)
                kept = [v for v in ws.volume_ids[1:] if v in wanted]  # in attachment order
                changes["volume_ids"] = (own, *kept, *(v for v in wanted if v not in kept))
            tx.step("update_workstation")
            changes = {k: v for k, v in changes.items() if getattr(ws, k) != v}
            if changes:  # the same values again change nothing, not even updated_at
                ws = replace(ws, updated_at=self._now(), **changes)
                tx.state.workstations[ws_id] = ws
        return self._workstation(ws)

    def delete_workstation(self, ws_id: str) -> DeleteWorkstationResult:
        """Delete a stopped workstation and the volume it owns; detach standalone volumes."""
        with self._transaction("deleteWorkstation") as tx:
            ws = self._find_workstation(tx.state, ws_id)
            _require_stopped(ws, "deleted")
            owned = [v for v in ws.volume_ids if not tx.state.volumes[v].standalone]
            standalone = [v for v in ws.volume_ids if tx.state.volumes[v].standalone]
            tx.step("delete_volumes")
            for vol_id in owned:
                del tx.state.volumes[vol_id]
            tx.step("detach_volumes")
            for vol_id in standalone:
                tx.state.volumes[vol_id] = replace(tx.state.volumes[vol_id], attached_to=None)
            tx.step("delete_workstation")
            del tx.state.workstations[ws_id]
        return DeleteWorkstationResult(
            id=ws_id, status="deleted", deleted_volume_ids=owned, detached_volume_ids=standalone
        )

    # -- volumes -------------------------------------------------------------------------

    def create_volume(self, body: VolumeCreate, *, idempotency_key: str | None = None) -> Volume:
        """Create a standalone, detached volume (``idempotency_key``: as for
        :meth:`create_workstation`)."""
        fingerprint = _fingerprint(body)
        with self._keyed("createVolume", idempotency_key), \
                self._transaction("createVolume") as tx:
            now = self._now()
            first = tx.recall(idempotency_key, fingerprint, now)
            if first is not None:
                return first  # type: ignore[return-value]
            tx.step("create_volume")
            vol = _Volume(tx.new_id("vol"), body.size_gb, True, None, now, tx.next_seq())
            tx.state.volumes[vol.id] = vol
            answer = self._volume(vol)
            tx.remember(idempotency_key, fingerprint, answer, now)
        return answer

    def list_volumes(
        self, *, limit: int = DEFAULT_PAGE_SIZE, cursor: str | None = None
    ) -> VolumeList:
        """One page of volumes, oldest first; ``cursor`` is the ``next_cursor`` of the page
        before. ``limit`` outside ``PAGE_SIZE`` raises ``ValueError``."""
        _check_limit(limit)
        after = _decode_cursor("volumes", cursor) if cursor is not None else 0
        with self._lock:
            self._maybe_fail("listVolumes", "read")
            items = list(self._state.volumes.values())
        page, next_cursor = _paginate(items, limit, after, "volumes")
        return VolumeList(data=[self._volume(v) for v in page], next_cursor=next_cursor)

    def get_volume(self, vol_id: str) -> Volume:
        """The volume ``vol_id``."""
        with self._lock:
            self._maybe_fail("getVolume", "read")
            return self._volume(self._find_volume(self._state, vol_id))

    def delete_volume(self, vol_id: str) -> DeleteVolumeResult:
        """Delete a standalone, detached volume."""
        with self._transaction("deleteVolume") as tx:
            vol = self._find_volume(tx.state, vol_id)
            if not vol.standalone:
                raise ApiError(
                    "volume_owned",
                    f"Volume {vol_id} belongs to workstation {vol.attached_to} and is deleted "
                    "with it; it cannot be deleted on its own.",
                )
            if vol.attached_to is not None:
                raise ApiError(
                    "volume_attached",
                    f"Volume {vol_id} is attached to {vol.attached_to}; detach it first by "
                    "updating that workstation's volume_ids.",
                )
            tx.step("delete_volume")
            del tx.state.volumes[vol_id]
        return DeleteVolumeResult(id=vol_id, status="deleted")

    # -- internals -----------------------------------------------------------------------

    @contextmanager
    def _transaction(self, operation: str) -> Iterator[_Transaction]:
        with self._lock:
            # A failed operation leaves no trace: not even the time and IDs it drew, so
            # the next call answers what it would have without the failure.
            marks = [(source, source.position()) for source in (self.clock, self.ids)
                     if hasattr(source, "position") and hasattr(source, "rewind")]
            tx = _Transaction(self, operation)
            try:
                yield tx  # an exception here drops tx.state: nothing was changed
            except BaseException:
                for source, position in marks:
                    source.rewind(position)
                raise
            if tx.replayed:  # a first answer again: nothing happened, not even time
                for source, position in marks:
                    source.rewind(position)
                return
            self._state = tx.state

    def _keyed(self, operation: str, key: str | None) -> AbstractContextManager[None]:
        return self.in_flight(operation, key) if key is not None else nullcontext()

    def _maybe_fail(self, operation: str, step: str) -> None:
        if (operation, step) in self._faults:
            self._faults.remove((operation, step))
            raise ApiError(
                "internal_error",
                f"The operation {operation} failed at step {step}; nothing was changed.",
            )

    def _set_status(self, operation: str, ws_id: str, status: str) -> Workstation:
        with self._transaction(operation) as tx:
            ws = self._find_workstation(tx.state, ws_id)
            tx.step("update_workstation")
            if ws.status != status:
                ws = replace(ws, status=status, updated_at=self._now())
                tx.state.workstations[ws_id] = ws
        return self._workstation(ws)

    @staticmethod
    def _find_workstation(state: _State, ws_id: str) -> _Workstation:
        try:
            return state.workstations[ws_id]
        except KeyError:
            raise ApiError("not_found", f"Workstation {ws_id} does not exist.") from None

    @staticmethod
    def _find_volume(state: _State, vol_id: str) -> _Volume:
        try:
            return state.volumes[vol_id]
        except KeyError:
            raise ApiError("not_found", f"Volume {vol_id} does not exist.") from None

    def _check_attachable(self, state: _State, vol_id: str, ws_id: str | None) -> None:
        # The request's target exists; a volume named in its body that does not is a
        # conflict with the current state (409), not a missing target (404).
        vol = state.volumes.get(vol_id)
        if vol is None:
            raise ApiError(
                "volume_not_found",
                f"Volume {vol_id} in volume_ids does not exist. List the volumes with "
                f"{_request('listVolumes')}, or create it with {_request('createVolume')}.",
            )
        if not vol.standalone:
            raise ApiError(
                "volume_owned",
                f"Volume {vol_id} belongs to workstation {vol.attached_to}; only standalone "
                "volumes can be attached.",
            )
        if vol.attached_to is not None and vol.attached_to != ws_id:
            raise ApiError(
                "volume_attached",
                f"Volume {vol_id} is attached to {vol.attached_to}; detach it there first.",
            )

    @staticmethod
    def _workstation(ws: _Workstation) -> Workstation:
        return Workstation.model_construct(
            id=ws.id, name=ws.name, machine_type=ws.machine_type, status=ws.status,
            volume_ids=list(ws.volume_ids), created_at=ws.created_at, updated_at=ws.updated_at,
        )

    @staticmethod
    def _volume(vol: _Volume) -> Volume:
        return Volume.model_construct(
            id=vol.id, size_gb=vol.size_gb, standalone=vol.standalone,
            attached_to=vol.attached_to, created_at=vol.created_at,
        )


def _fingerprint(body: BaseModel) -> str:
    """What makes two bodies "the same" for an Idempotency-Key: the members sent and their
    values, whatever the spacing or order."""
    sent = body.model_dump(mode="json", exclude_unset=True)
    return hashlib.sha256(json.dumps(sent, sort_keys=True).encode()).hexdigest()


def _require_few_enough(volume_ids: list[str], own: str) -> None:
    """An update's ``volume_ids`` may list the workstation's ``own`` volume besides the
    most standalone ones it may have (the body's schema allows one more ID for it)."""
    standalone = [v for v in volume_ids if v != own]
    if len(standalone) > MAX_STANDALONE_VOLUMES:
        raise ApiError(
            "validation_error",
            f"The request is not valid: body.volume_ids lists {len(standalone)} standalone "
            f"volumes; a workstation may have at most {MAX_STANDALONE_VOLUMES}.",
            [{"field": "body.volume_ids",
              "message": f"must list at most {MAX_STANDALONE_VOLUMES} standalone volumes"}],
        )


def _request(operation_id: str, **path: str) -> str:
    """``METHOD path`` of an operation, as a problem's ``detail`` names it, with ``path``'s
    parameters filled in: ``POST /v1/workstations/ws-12345/stop``."""
    operation = OPERATIONS[operation_id]
    filled = operation.path
    for name, value in path.items():
        filled = filled.replace("{" + name + "}", value)
    return f"{operation.method} {filled}"


def _require_stopped(ws: _Workstation, verb: str) -> None:
    if ws.status != "stopped":
        raise ApiError(
            "workstation_not_stopped",
            f"Workstation {ws.id} is {ws.status}; it must be stopped to be {verb}. "
            f"Stop it with {_request('stopWorkstation', id=ws.id)}.",
        )


def _check_limit(limit: int) -> None:
    if isinstance(limit, bool) or not isinstance(limit, int) \
            or not PAGE_SIZE[0] <= limit <= PAGE_SIZE[1]:
        raise ValueError(f"limit must be an integer from {PAGE_SIZE[0]} to {PAGE_SIZE[1]}, "
                         f"not {limit!r}")


def _paginate(items: list[Any], limit: int, after: int,
              listing: str) -> tuple[list[Any], str | None]:
    items = sorted((i for i in items if i.seq > after), key=lambda i: i.seq)
    page = items[:limit]
    more = len(items) > limit
    return page, (_encode_cursor(listing, page[-1].seq) if more else None)


def _load_fixtures() -> _State:
    fixtures = load_fixtures()
    state = _State()
    for vol in fixtures.volumes:
        state.seq += 1
        state.volumes[vol.id] = _Volume(
            vol.id, vol.size_gb, vol.standalone, vol.attached_to, vol.created_at, state.seq,
        )
    for ws in fixtures.workstations:
        state.seq += 1
        state.workstations[ws.id] = _Workstation(
            ws.id, ws.name, ws.machine_type, ws.status, tuple(ws.volume_ids),
            ws.created_at, ws.updated_at, state.seq,
        )
    state.issued = frozenset(state.workstations) | frozenset(state.volumes)
    return state
