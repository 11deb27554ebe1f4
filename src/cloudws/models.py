"""The API's resources and request bodies, as pydantic models.

Request bodies are strict: unknown and read-only fields are rejected, and values are not
coerced between types (``"50"`` is not an integer; ``50.0`` is, as in JSON Schema). To
send a body made with one of these models, dump it with
``model_dump(mode="json", exclude_unset=True)``: a field you did not set is then left
out, where a plain ``model_dump()`` writes it as ``null``, which the API refuses.
"""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

__all__ = [
    "CURSOR_PATTERN",
    "DEFAULT_DISK_SIZE_GB",
    "DEFAULT_PAGE_SIZE",
    "DISK_SIZE_GB",
    "ID_LENGTH",
    "MACHINE_SIZES",
    "MACHINE_TYPES",
    "MAX_STANDALONE_VOLUMES",
    "NAME_LENGTH",
    "PAGE_SIZE",
    "VOLUME_ID_PATTERN",
    "VOLUME_ID_PREFIX",
    "WORKSTATION_ID_PATTERN",
    "WORKSTATION_ID_PREFIX",
    "DeleteVolumeResult",
    "DeleteWorkstationResult",
    "FieldError",
    "MachineSize",
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
    "describe_id",
    "read_only_fields",
]

# The API's facts, each stated once: the patterns, the models, the route parameters, the
# stub's descriptions and the docs' pages (hooks/facts.py) are all made from these.

ID_LENGTH = (5, 32)
"""How many characters follow an ID's prefix (least, most), each a lowercase letter or
digit."""
_ID_CHARACTERS = ("a-z0-9", "lowercase letters or digits")  # as a regex class, in words
WORKSTATION_ID_PREFIX = "ws-"
"""What every workstation ID starts with."""
VOLUME_ID_PREFIX = "vol-"
"""What every volume ID starts with."""
NAME_LENGTH = (1, 63)
"""How many characters a workstation's name has (least, most)."""
DISK_SIZE_GB = (10, 2048)
"""The size of a volume in GiB (least, most)."""
DEFAULT_DISK_SIZE_GB = 50
"""The size in GiB of the volume a workstation is created with, unless the body says."""
MAX_STANDALONE_VOLUMES = 16
"""How many standalone volumes a workstation may have attached, besides its own."""
PAGE_SIZE = (1, 100)
"""How many items a page of a list may hold: the least and most ``limit``."""
DEFAULT_PAGE_SIZE = 20
"""How many items a page of a list holds when ``limit`` is not sent."""
#: How an integer is written in a query: plain decimal digits, no sign, no leading zero.
_DECIMAL = re.compile(r"0|[1-9][0-9]*")


def _plain_decimal(value: Any) -> Any:
    """A query integer as written: plain decimal digits only (not ``+5``, ``05``, ``1_0``).

    Example:
        >>> _plain_decimal("50")
        '50'
        >>> _plain_decimal("050")
        Traceback (most recent call last):
        pydantic_core._pydantic_core.PydanticCustomError: must be written as plain decimal \
digits: no sign, space, underscore, decimal point or leading zero
    """
    if isinstance(value, str) and not _DECIMAL.fullmatch(value):
        raise PydanticCustomError(
            "int_format", "must be written as plain decimal digits: no sign, space, "
            "underscore, decimal point or leading zero",
        )
    return value


def _id_pattern(prefix: str) -> str:
    return f"^{prefix}[{_ID_CHARACTERS[0]}]{{{ID_LENGTH[0]},{ID_LENGTH[1]}}}$"


def describe_id(prefix: str, *, markdown: bool = True) -> str:
    """The form of an ID with ``prefix``, in words: Markdown, or (``markdown=False``) the
    plain text of a problem's ``detail``.

    Example:
        >>> from cloudws.models import VOLUME_ID_PREFIX, describe_id
        >>> describe_id(VOLUME_ID_PREFIX)
        '`vol-` and 5 to 32 lowercase letters or digits'
        >>> describe_id(VOLUME_ID_PREFIX, markdown=False)
        'vol- and 5 to 32 lowercase letters or digits'
    """
    shown = f"`{prefix}`" if markdown else prefix
    return f"{shown} and {ID_LENGTH[0]} to {ID_LENGTH[1]} {_ID_CHARACTERS[1]}"


WORKSTATION_ID_PATTERN = _id_pattern(WORKSTATION_ID_PREFIX)
"""Every workstation ID matches it; an ID in a path that does not gets 400 ``invalid_id``."""
VOLUME_ID_PATTERN = _id_pattern(VOLUME_ID_PREFIX)
"""Every volume ID matches it; an ID in a path that does not gets 400 ``invalid_id``."""
CURSOR_PATTERN = r"^[A-Za-z0-9_-]{24}$"
"""Cursors are base64url, as long as this pattern says: a position in the list and a MAC
binding it to the list and filters that issued it. Only the cursors the API issued are
accepted."""
# Starts with a letter, ends with a letter or digit: the middle is two characters shorter.
NAME_PATTERN = rf"^[a-z]([a-z0-9-]{{0,{NAME_LENGTH[1] - 2}}}[a-z0-9])?$"


class MachineSize(NamedTuple):
    """What a machine type gives a workstation."""

    vcpus: int
    """Virtual CPUs."""
    memory_gib: int
    """Memory, in GiB."""
    gpus: int = 0
    """GPUs."""


MACHINE_SIZES: dict[str, MachineSize] = {
    "standard-2": MachineSize(vcpus=2, memory_gib=8),
    "standard-4": MachineSize(vcpus=4, memory_gib=16),
    "standard-8": MachineSize(vcpus=8, memory_gib=32),
    "highmem-8": MachineSize(vcpus=8, memory_gib=64),
    "gpu-t4": MachineSize(vcpus=8, memory_gib=32, gpus=1),
}
"""Every machine type, and its size."""
MACHINE_TYPES = tuple(MACHINE_SIZES)
"""Every machine type: the values of :data:`MachineType`."""
MachineType = Literal[MACHINE_TYPES]  # type: ignore[valid-type]
"""A machine type, as the API names it."""
WorkstationStatus = Literal["running", "stopped"]
"""The states a workstation can be in."""


def _describe_machine_types() -> str:
    return ", ".join(
        f"`{name}` ({size.vcpus} vCPUs, {size.memory_gib} GiB"
        + (f", {size.gpus} GPU" if size.gpus else "") + ")"
        for name, size in MACHINE_SIZES.items()
    )


#: The most digits of an integer a body may write with an exponent, as Python reads
#: integers written out in full (``sys.get_int_max_str_digits()``'s default).
_INT_DIGITS = 4300


def _integral(value: Any) -> Any:
    # JSON Schema counts 50.0 as an integer; so does this API. Booleans are not numbers. A
    # request body's number with a fraction or an exponent, or with more digits than Python
    # reads as an int, is read exactly, as a Decimal: 10.0000000000000001 has a fractional
    # part, though a float would drop it. A whole one of more digits than _INT_DIGITS
    # (1e999999999) is not made an int: it stands as one that many digits long, with its
    # sign, which is out of the range of every integer field (each has its bounds).
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, Decimal) and value.is_finite() and (
            value.is_zero() or value == value.to_integral_value()):
        if value.adjusted() < _INT_DIGITS:
            return int(value)
        return (1 if value > 0 else -1) * 10 ** _INT_DIGITS
    return value


Name = Annotated[
    str,
    Field(
        strict=True, min_length=NAME_LENGTH[0], max_length=NAME_LENGTH[1], pattern=NAME_PATTERN,
        description=f"Lowercase letters, digits and hyphens, {NAME_LENGTH[0]} to "
        f"{NAME_LENGTH[1]} characters; starts with a letter, does not end with a hyphen.",
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
    Field(max_length=MAX_STANDALONE_VOLUMES, json_schema_extra={"uniqueItems": True}),
]
# An update may list the workstation's own volume too (the store checks the rest).
VolumeIdsAndOwn = Annotated[
    list[VolumeId],
    AfterValidator(_unique),
    Field(max_length=MAX_STANDALONE_VOLUMES + 1, json_schema_extra={"uniqueItems": True}),
]
DiskSize = Annotated[
    int, Field(strict=True, ge=DISK_SIZE_GB[0], le=DISK_SIZE_GB[1]), BeforeValidator(_integral)
]


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
    machine_type: MachineType = Field(
        description=f"The machine type, which sets its size: {_describe_machine_types()}."
    )
    disk_size_gb: DiskSize = Field(
        DEFAULT_DISK_SIZE_GB,
        description="Size in GiB of the volume created with (and owned by) the workstation.",
    )
    volume_ids: VolumeIds = Field(
        [],  # (pydantic copies it for each body; the OpenAPI document shows it as the default)
        description="Standalone volumes to attach. Each must exist and be detached.",
    )


class WorkstationUpdate(_Body):
    """Body of ``PATCH /v1/workstations/{id}``; at least one field. A field left out
    keeps its value; ``null`` is not a value (``400``)."""

    model_config = ConfigDict(extra="forbid", strict=True, json_schema_extra=_patch_schema)

    name: Name = None  # type: ignore[assignment]
    machine_type: MachineType = Field(None, description="The new machine type.")  # type: ignore[assignment]
    volume_ids: VolumeIdsAndOwn = Field(  # type: ignore[assignment]
        None,
        description="The standalone volumes to have attached, replacing the current set: "
        "volumes left out are detached. The workstation's own volume stays attached "
        "whether it is listed or not, so the `volume_ids` a read answered can be sent "
        f"back as they are; at most {MAX_STANDALONE_VOLUMES} standalone ones.",
    )


class VolumeCreate(_Body):
    """Body of ``POST /v1/volumes``."""

    size_gb: DiskSize = Field(description="Size in GiB.")


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


def read_only_fields(body: type[BaseModel], resource: type[BaseModel]) -> set[str]:
    """The fields of ``resource``, which a request ``body`` makes or changes, that the body
    cannot give: the API sets them. The operation that takes the body declares both
    (``Operation.body`` and ``Operation.response``).

    Example:
        >>> from cloudws.models import Volume, VolumeCreate, read_only_fields
        >>> sorted(read_only_fields(VolumeCreate, Volume))
        ['attached_to', 'created_at', 'id', 'standalone']
    """
    return set(resource.model_fields) - set(body.model_fields)


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
    title: str = Field(description="The HTTP status's name in RFC 9110 (`Content Too "
                       "Large`), which may differ from the reason phrase of the status line.")
    status: int = Field(description="The HTTP status code, repeated.")
    detail: str = Field(description="What went wrong with this request, for a person.")
    code: str = Field(description="Machine-readable error code; see the errors page.")
    errors: list[FieldError] | None = Field(
        None, description="For `validation_error` and `invalid_id`: each offending field."
    )
