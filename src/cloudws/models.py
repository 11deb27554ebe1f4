"""The API's resources and request bodies, as pydantic models.

Request bodies are strict: unknown and read-only fields are rejected, and values are not
coerced between types (``"50"`` is not an integer; ``50.0`` is, as in JSON Schema).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

__all__ = [
    "CURSOR_PATTERN",
    "MACHINE_TYPES",
    "VOLUME_ID_PATTERN",
    "WORKSTATION_ID_PATTERN",
    "DeleteVolumeResult",
    "DeleteWorkstationResult",
    "FieldError",
    "MachineType",
    "Problem",
    "Volume",
    "VolumeCreate",
    "VolumeList",
    "Workstation",
    "WorkstationCreate",
    "WorkstationList",
    "WorkstationStatus",
    "WorkstationUpdate",
]

WORKSTATION_ID_PATTERN = r"^ws-[a-z0-9]{5,32}$"
"""Every workstation ID matches it; an ID in a path that does not gets 400 ``invalid_id``."""
VOLUME_ID_PATTERN = r"^vol-[a-z0-9]{5,32}$"
"""Every volume ID matches it; an ID in a path that does not gets 400 ``invalid_id``."""
CURSOR_PATTERN = r"^[A-Za-z0-9_-]{24}$"
"""Cursors are 24 characters of base64url: a position in the list and a MAC binding it to the
list and filters that issued it. Only the cursors the API issued are accepted."""
NAME_PATTERN = r"^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$"

MACHINE_TYPES = ("standard-2", "standard-4", "standard-8", "highmem-8", "gpu-t4")
"""Every machine type: the values of :data:`MachineType`."""
MachineType = Literal["standard-2", "standard-4", "standard-8", "highmem-8", "gpu-t4"]
"""A machine type, as the API names it."""
WorkstationStatus = Literal["running", "stopped"]
"""The states a workstation can be in."""


def _integral(value: Any) -> Any:
    # JSON Schema counts 50.0 as an integer; so does this API. Booleans are not numbers.
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


Name = Annotated[
    str,
    Field(
        strict=True, min_length=1, max_length=63, pattern=NAME_PATTERN,
        description="Lowercase letters, digits and hyphens; starts with a letter, "
        "1 to 63 characters.",
        examples=["dev-box"],
    ),
]
VolumeId = Annotated[str, Field(strict=True, pattern=VOLUME_ID_PATTERN, examples=["vol-data12345"])]


def _unique(ids: list[str]) -> list[str]:
    if len(set(ids)) != len(ids):
        raise ValueError("volume IDs must not repeat")
    return ids


VolumeIds = Annotated[
    list[VolumeId],
    AfterValidator(_unique),
    Field(max_length=16, json_schema_extra={"uniqueItems": True}),
]
DiskSize = Annotated[int, Field(strict=True, ge=10, le=2048), BeforeValidator(_integral)]


def _patch_schema(schema: dict[str, Any]) -> None:
    # Every field is optional but none is nullable: the schema shows no default.
    schema["minProperties"] = 1
    for prop in schema["properties"].values():
        prop.pop("default", None)


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class WorkstationCreate(_Body):
    """Body of ``POST /v1/workstations``."""

    name: Name
    machine_type: MachineType = Field(description="The machine type; see the enum.")
    disk_size_gb: DiskSize = Field(
        50, description="Size of the volume created with (and owned by) the workstation."
    )
    volume_ids: VolumeIds = Field(
        default_factory=list,
        description="Standalone volumes to attach. Each must exist and be detached.",
    )


class WorkstationUpdate(_Body):
    """Body of ``PATCH /v1/workstations/{id}``; at least one field."""

    model_config = ConfigDict(extra="forbid", strict=True, json_schema_extra=_patch_schema)

    name: Name = None  # type: ignore[assignment]
    machine_type: MachineType = Field(None, description="The new machine type.")  # type: ignore[assignment]
    volume_ids: VolumeIds = Field(  # type: ignore[assignment]
        None,
        description="The standalone volumes to have attached, replacing the current set: "
        "volumes left out are detached. The workstation's own volume stays attached "
        "whether it is listed or not.",
    )


class VolumeCreate(_Body):
    """Body of ``POST /v1/volumes``."""

    size_gb: DiskSize = Field(description="Size in GiB, 10 to 2048.")


class Workstation(BaseModel):
    """A workstation."""

    id: str = Field(pattern=WORKSTATION_ID_PATTERN, examples=["ws-12345"],
                    description="The workstation's ID, made by the API.")
    name: str = Field(examples=["dev-box"], description="Its name; names need not be unique.")
    machine_type: MachineType = Field(description="The machine type it runs on.")
    status: WorkstationStatus = Field(
        description="`running` or `stopped`; only a stopped workstation can be updated or "
        "deleted."
    )
    volume_ids: list[str] = Field(
        description="Every attached volume: the workstation's own first, then the "
        "standalone ones in the order they were attached."
    )
    created_at: datetime = Field(description="When it was created (UTC, RFC 3339).")
    updated_at: datetime = Field(
        description="When it last changed: created, started, stopped or updated."
    )


class Volume(BaseModel):
    """A storage volume."""

    id: str = Field(pattern=VOLUME_ID_PATTERN, examples=["vol-data12345"],
                    description="The volume's ID, made by the API.")
    size_gb: int = Field(description="Size in GiB.")
    standalone: bool = Field(
        description="`true` for a volume made with `POST /v1/volumes`; `false` for the "
        "volume a workstation owns, which is deleted with it."
    )
    attached_to: str | None = Field(description="The workstation it is attached to, or null.")
    created_at: datetime = Field(description="When it was created (UTC, RFC 3339).")


class DeleteWorkstationResult(BaseModel):
    """What ``DELETE /v1/workstations/{id}`` did."""

    id: str = Field(pattern=WORKSTATION_ID_PATTERN, description="The deleted workstation.")
    status: Literal["deleted"] = Field(description="Always `deleted`.")
    deleted_volume_ids: list[str] = Field(description="Volumes the workstation owned, deleted.")
    detached_volume_ids: list[str] = Field(description="Standalone volumes detached and kept.")


class DeleteVolumeResult(BaseModel):
    """What ``DELETE /v1/volumes/{id}`` did."""

    id: str = Field(pattern=VOLUME_ID_PATTERN, description="The deleted volume.")
    status: Literal["deleted"] = Field(description="Always `deleted`.")


class WorkstationList(BaseModel):
    """One page of workstations."""

    data: list[Workstation] = Field(description="This page's workstations, oldest first.")
    next_cursor: str | None = Field(
        pattern=CURSOR_PATTERN,
        description="Pass as `cursor` to get the next page; null on the last page.",
    )


class VolumeList(BaseModel):
    """One page of volumes."""

    data: list[Volume] = Field(description="This page's volumes, oldest first.")
    next_cursor: str | None = Field(
        pattern=CURSOR_PATTERN,
        description="Pass as `cursor` to get the next page; null on the last page.",
    )


class FieldError(BaseModel):
    """One invalid field or parameter of a request."""

    field: str = Field(description="Where: `body.name`, `query.limit`, `path.id`…")
    message: str = Field(description="What is wrong with it.")


class Problem(BaseModel):
    """An RFC 9457 problem: the body of every 4xx and 5xx response."""

    type: str = Field(description="A URI naming the problem: the code's entry on the "
                      "errors page.")
    title: str = Field(description="The HTTP status's reason phrase.")
    status: int = Field(description="The HTTP status code, repeated.")
    detail: str = Field(description="What went wrong with this request, for a person.")
    code: str = Field(description="Machine-readable error code; see the errors page.")
    errors: list[FieldError] | None = Field(
        None, description="For `validation_error`: each offending field."
    )
