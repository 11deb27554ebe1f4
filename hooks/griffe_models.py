"""A Griffe extension that completes the fields griffe-pydantic finds, from each model's schema.

griffe-pydantic reads each field's own ``Field(...)`` call without importing anything, and
labels each field ``pydantic-field``. What a field's type alias carries (``Name``: its
pattern and length; ``DiskSize``: its range) is only in the model's JSON schema, which
this extension asks pydantic for (``model_json_schema()``, the model imported: one that
cannot be imported fails the build). Under ``mkdocs serve`` the models stay imported as
they were when it started: a field added since then gets its facts at the next start. This extension adds to each field's docstring its JSON type, constraints and
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

import importlib
import json
from collections.abc import Iterator
from typing import Any

from griffe import Class, Docstring, Extension, Module
from schema_tables import type_phrase

__all__ = ["PydanticFieldFacts", "field_facts"]

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
            schema = getattr(importlib.import_module(model.module.path),
                             model.name).model_json_schema()
            for name, field in model.members.items():  # its own: an inherited field is
                if "pydantic-field" not in field.labels:  # completed where it is declared
                    continue
                if name not in schema.get("properties", {}):
                    # under mkdocs serve, a field added since it started: the model was
                    # imported before (its facts come at the next start)
                    continue
                text = field.docstring.value if field.docstring else ""
                text = text or schema["properties"][name].get("description", "")
                field.docstring = Docstring(f"{text}\n\n{field_facts(schema, name)}".strip(),
                                            parent=field)
