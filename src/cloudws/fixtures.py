"""The sandbox's starting resources: ``fixtures.json``, read and checked in one place.

Every new :class:`~cloudws.store.Store` starts from :func:`load_fixtures` (and returns to
it on ``reset()``), and the docs list the same data on their home page. Each resource is
validated as the API's own model, and the set as a whole must hang together: unique IDs,
and every attachment recorded on both sides.

Example:
    >>> from cloudws.fixtures import load_fixtures
    >>> fixtures = load_fixtures()
    >>> [(w.id, w.status) for w in fixtures.workstations]
    [('ws-12345', 'stopped'), ('ws-67890', 'running')]
    >>> fixtures.volumes[-1].attached_to is None
    True
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources

from pydantic import BaseModel

from .models import Volume, Workstation

__all__ = ["Fixtures", "load_fixtures"]


@dataclass(frozen=True)
class Fixtures:
    """The starting workstations and volumes, each list in creation order."""

    workstations: tuple[Workstation, ...]
    """The starting workstations."""
    volumes: tuple[Volume, ...]
    """The starting volumes, owned and standalone."""


class _File(BaseModel):
    workstations: list[Workstation]
    volumes: list[Volume]


def load_fixtures() -> Fixtures:
    """Read the starting resources, validated; each call returns new objects.

    Timestamps are in :data:`datetime.UTC`, as the ones the store makes.

    Raises:
        pydantic.ValidationError: A resource does not match its model.
        ValueError: The resources contradict each other.
    """
    text = resources.files(__package__).joinpath("fixtures.json").read_text()
    data = _File.model_validate_json(text)
    fixtures = Fixtures(tuple(_utc(w) for w in data.workstations),
                        tuple(_utc(v) for v in data.volumes))
    _check(fixtures)
    return fixtures


def _utc(resource: Workstation | Volume) -> Workstation | Volume:
    # pydantic parses "Z" with a tzinfo of its own; the store's clock uses datetime.UTC.
    for name, value in resource:
        if isinstance(value, datetime):
            setattr(resource, name, value.astimezone(UTC))
    return resource


def _check(fixtures: Fixtures) -> None:
    ids = [r.id for r in (*fixtures.workstations, *fixtures.volumes)]
    if len(set(ids)) != len(ids):
        raise ValueError(f"fixtures.json: an ID repeats: {ids}")
    volumes = {v.id: v for v in fixtures.volumes}
    attached = {v.id: v.attached_to for v in fixtures.volumes if v.attached_to is not None}
    for ws in fixtures.workstations:
        for vol_id in ws.volume_ids:
            if volumes.get(vol_id) is None or volumes[vol_id].attached_to != ws.id:
                raise ValueError(f"fixtures.json: {ws.id} lists {vol_id}, which is not a "
                                 f"volume attached to it")
            attached.pop(vol_id, None)
        if not ws.volume_ids or volumes[ws.volume_ids[0]].standalone:
            raise ValueError(f"fixtures.json: {ws.id} must list its own volume first")
    if attached:
        raise ValueError(f"fixtures.json: volumes attached to a workstation that does not "
                         f"list them: {sorted(attached)}")
    for vol in fixtures.volumes:
        if not vol.standalone and vol.attached_to is None:
            raise ValueError(f"fixtures.json: owned volume {vol.id} has no workstation")
