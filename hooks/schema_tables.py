"""Describe JSON Schemas of the OpenAPI document as Markdown: type phrases and field tables.

Example:
    >>> doc = {"components": {"schemas": {"Volume": {
    ...     "type": "object", "required": ["id"],
    ...     "properties": {"id": {"type": "string", "pattern": "^vol-[a-z0-9]{5,32}$"},
    ...                    "size_gb": {"type": "integer", "minimum": 10}}}}}}
    >>> type_phrase({"$ref": "#/components/schemas/Volume"}, doc)
    '`Volume`'
    >>> [row.field for row in field_rows({"$ref": "#/components/schemas/Volume"}, doc)]
    ['id', 'size_gb']
    >>> print(field_table({"$ref": "#/components/schemas/Volume"}, doc))
    | Field | Type | Required | Description |
    | --- | --- | --- | --- |
    | `id` | string (pattern `^vol-[a-z0-9]{5,32}$`) | yes |  |
    | `size_gb` | integer (at least 10) | no |  |
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

__all__ = ["Row", "cell", "field_rows", "field_table", "inline_refs", "resolve", "type_phrase"]

_REF_PREFIX = "#/components/schemas/"


@dataclass(frozen=True)
class Row:
    """One field of a schema, flattened: ``data[].id`` is ``id`` of each item of ``data``."""

    field: str
    type: str
    required: bool
    description: str


def resolve(schema: dict[str, Any], doc: dict[str, Any]) -> dict[str, Any]:
    """``schema`` itself, or the component its ``$ref`` points at."""
    ref = schema.get("$ref")
    if ref is None:
        return schema
    if not ref.startswith(_REF_PREFIX):
        raise ValueError(f"unsupported $ref {ref!r}")
    return doc["components"]["schemas"][ref.removeprefix(_REF_PREFIX)]


def inline_refs(schema: Any, doc: dict[str, Any]) -> Any:
    """A copy of ``schema`` with every ``$ref`` replaced by what it points at."""
    if isinstance(schema, dict):
        if "$ref" in schema:
            return inline_refs(resolve(schema, doc), doc)
        return {k: inline_refs(v, doc) for k, v in schema.items()}
    if isinstance(schema, list):
        return [inline_refs(v, doc) for v in schema]
    return schema


#: A code longer than this, in a table cell, may wrap (``.cws-long``, theme.css): codes in
#: tables otherwise stay whole, and a pattern of sixty characters would push its table
#: past the page's column.
LONG_CODE = 36


def cell(text: str) -> str:
    """``text`` made safe for one cell of a Markdown table.

    A pipe outside code is escaped; one inside a code span is left as it is, since a table
    row is not split inside code and an escape there would be shown (``a\\|b``). A code
    longer than :data:`LONG_CODE` characters is marked ``.cws-long``, which may wrap.

    Example:
        >>> cell("a | b `x|y`")
        'a \\\\| b `x|y`'
        >>> cell("pattern `" + "a" * 41 + "`")[-22:]
        'aaaaaaaa`{ .cws-long }'
    """
    parts = re.split(r"(`[^`]+`)", " ".join(str(text).split()))
    return "".join((part + "{ .cws-long }" if len(part) - 2 > LONG_CODE else part)
                   if part.startswith("`") else part.replace("|", "\\|") for part in parts)


def _constraints(schema: dict[str, Any]) -> list[str]:
    found = []
    if "enum" in schema:
        found.append("one of " + ", ".join(f"`{v}`" for v in schema["enum"]))
    if "format" in schema:
        found.append(schema["format"])
    if "pattern" in schema:
        found.append(f"pattern `{schema['pattern']}`")
    low, high = schema.get("minimum"), schema.get("maximum")
    if low is not None and high is not None:
        found.append(f"{low} to {high}")
    elif low is not None:
        found.append(f"at least {low}")
    elif high is not None:
        found.append(f"at most {high}")
    short, long = schema.get("minLength"), schema.get("maxLength")
    if short is not None or long is not None:
        found.append(f"{short or 0} to {long} characters" if long
                     else f"at least {short} characters")
    if "maxItems" in schema:
        found.append(f"at most {schema['maxItems']} items")
    if schema.get("uniqueItems"):
        found.append("no repeats")
    return found


def type_phrase(schema: dict[str, Any], doc: dict[str, Any]) -> str:
    """A short Markdown phrase for the type of ``schema``: ``array of `Workstation` ``."""
    if "$ref" in schema:
        return f"`{schema['$ref'].removeprefix(_REF_PREFIX)}`"
    if "anyOf" in schema:
        return " or ".join(type_phrase(option, doc) for option in schema["anyOf"])
    if "const" in schema:
        return f"string, always `{schema['const']}`"
    kind = schema.get("type", "any")
    if kind == "array":
        kind = f"array of {type_phrase(schema.get('items', {}), doc)}"
    extra = _constraints(schema)
    return f"{kind} ({', '.join(extra)})" if extra else kind


def _object_inside(
    schema: dict[str, Any], doc: dict[str, Any]
) -> tuple[dict[str, Any], str] | None:
    """The object schema that ``schema`` holds (itself, its items, its non-null option)."""
    schema = resolve(schema, doc)
    if "anyOf" in schema:
        options = [o for o in schema["anyOf"] if o.get("type") != "null"]
        return _object_inside(options[0], doc) if len(options) == 1 else None
    if schema.get("type") == "array":
        inner = _object_inside(schema.get("items", {}), doc)
        return (inner[0], "[]" + inner[1]) if inner else None
    if "properties" in schema:
        return schema, "."
    return None


def field_rows(schema: dict[str, Any], doc: dict[str, Any], prefix: str = "") -> Iterator[Row]:
    """Every field of the object ``schema``, depth first, nested ones as ``data[].id``."""
    schema = resolve(schema, doc)
    required = set(schema.get("required", ()))
    for name, prop in schema.get("properties", {}).items():
        description = prop.get("description", resolve(prop, doc).get("description", ""))
        if "default" in prop and prop["default"] is not None:
            description = f"{description} Default: `{json.dumps(prop['default'])}`.".strip()
        yield Row(prefix + name, type_phrase(prop, doc), name in required, description)
        inner = _object_inside(prop, doc)
        if inner is not None:
            yield from field_rows(inner[0], doc, prefix + name + inner[1])


def field_table(schema: dict[str, Any], doc: dict[str, Any]) -> str:
    """The fields of the object ``schema`` as a Markdown table."""
    lines = ["| Field | Type | Required | Description |", "| --- | --- | --- | --- |"]
    for row in field_rows(schema, doc):
        lines.append(f"| `{row.field}` | {cell(row.type)} | {'yes' if row.required else 'no'} "
                     f"| {cell(row.description)} |")
    return "\n".join(lines)
