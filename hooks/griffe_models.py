"""A Griffe extension that completes the fields griffe-pydantic finds, from each model's schema.

griffe-pydantic reads each field's own ``Field(...)`` call without importing anything, and
(with ``schema: true``) keeps the model's JSON schema as pydantic makes it. What a field's
type alias carries (``Name``: its pattern and length; ``DiskSize``: its range) is only in
that schema. This extension adds to each field's docstring its JSON type, constraints and
whether it is required, in the words of the endpoint pages' schema tables, and takes the
schema's description for a field that has none of its own.

Example:
    >>> schema = {"required": ["size_gb"], "properties": {
    ...     "size_gb": {"type": "integer", "minimum": 10, "maximum": 2048},
    ...     "errors": {"anyOf": [{"type": "array", "items": {"$ref": "#/$defs/FieldError"}},
    ...                          {"type": "null"}], "default": None}}}
    >>> field_facts(schema, "size_gb")
    'JSON: integer (10 to 2048); required.'
    >>> field_facts(schema, "errors")
    'JSON: array of `FieldError` or null; optional, default `null`.'
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from griffe import Class, Docstring, Extension, Module
from schema_tables import type_phrase

__all__ = ["PydanticFieldFacts", "field_facts"]

_NAMESPACE = "griffe_pydantic"  # where griffe-pydantic keeps what it found


def _refs_as_components(schema: Any) -> Any:
    # pydantic points at "#/$defs/X"; the schema tables name "#/components/schemas/X".
    if isinstance(schema, dict):
        return {k: (v.replace("#/$defs/", "#/components/schemas/") if k == "$ref"
                    else _refs_as_components(v)) for k, v in schema.items()}
    if isinstance(schema, list):
        return [_refs_as_components(v) for v in schema]
    return schema


def field_facts(schema: dict[str, Any], name: str) -> str:
    """One sentence on the field ``name`` of the model whose JSON schema is ``schema``."""
    prop = _refs_as_components(schema["properties"][name])
    if name in schema.get("required", ()):
        need = "required"
    elif prop.get("default", ...) is not ...:
        need = f"optional, default `{json.dumps(prop['default'])}`"
    else:
        need = "optional"
    return f"JSON: {type_phrase(prop, {})}; {need}."


def _models(module: Module) -> Iterator[Class]:
    for member in module.members.values():
        if member.is_alias:
            continue
        if isinstance(member, Module):
            yield from _models(member)
        elif isinstance(member, Class) and "pydantic-model" in member.labels:
            yield member


class PydanticFieldFacts(Extension):
    """Add :func:`field_facts` to each field's docstring, once griffe-pydantic has run."""

    def on_package(self, *, pkg: Module, **kwargs: Any) -> None:
        """Complete the fields of every model of ``pkg`` that has a schema."""
        for model in _models(pkg):
            found = model.extra[_NAMESPACE]
            if not found.get("schema"):
                continue
            schema = json.loads(found["schema"])
            for name, field in found["fields"]().items():
                if field.parent is not model or name not in schema["properties"]:
                    continue  # an inherited field is completed where it is declared
                text = field.docstring.value if field.docstring else ""
                text = text or schema["properties"][name].get("description", "")
                field.docstring = Docstring(f"{text}\n\n{field_facts(schema, name)}".strip(),
                                            parent=field)
