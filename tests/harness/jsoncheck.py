"""JSON shown on a page: equal to what the stub printed, valid against the OpenAPI schemas.

:class:`ApiSchemas` validates with JSON Schema Draft 2020-12 (the dialect of OpenAPI
3.1), resolving ``$ref`` against the whole OpenAPI document, so a response is checked
against exactly the schema the document gives for its operation and status; and against
no more than it: an object may have only the properties its schema lists (the document
leaves response objects open, so that clients accept fields added later; JSON shown on a
page is held to the fields the API documents today).

Example:
    >>> from cloudws.document import load_document
    >>> schemas = ApiSchemas(load_document())
    >>> schemas.response_errors("deleteVolume", 200, {"id": "vol-scratch01", "status": "deleted"})
    []
    >>> schemas.response_errors("deleteVolume", 200, {"id": "vol-scratch01"})
    ["$: 'status' is a required property"]
    >>> schemas.response_errors("deleteVolume", 200,
    ...                         {"id": "vol-scratch01", "status": "deleted", "gone": True})
    ["$: Additional properties are not allowed ('gone' was unexpected)"]
    >>> print(json_diff('{"a": 1}', '{\\n  "a": 2\\n}', "shown", "printed"))
    --- shown
    +++ printed
    @@ -1 +1,3 @@
    -{"a": 1}
    +{
    +  "a": 2
    +}
"""

from __future__ import annotations

import difflib
import json
import re
import textwrap
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

__all__ = ["HUNK", "ApiSchemas", "first_changed_line", "json_diff", "parse_json_documents",
           "renumber_hunks"]

_URI = "urn:cloudws:openapi"
#: The start of a diff's hunk header, and its first shown (``-``) line.
HUNK = re.compile(r"^@@ -(\d+)")
_BOTH_SIDES = re.compile(r"^@@ -(\d+)(,\d+)? \+(\d+)(,\d+)? @@")


class ApiSchemas:
    """Validators for the request and response bodies of one OpenAPI document."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        self._registry: Registry = Registry().with_resource(
            _URI, DRAFT202012.create_resource(_closed(document))
        )
        self._operations = {
            op["operationId"]: (path, method, op)
            for path, item in document["paths"].items()
            for method, op in item.items()
        }

    @property
    def operations(self) -> list[str]:
        """Every operationId of the document."""
        return list(self._operations)

    def response_statuses(self, operation: str) -> list[int]:
        """The statuses the document lists for ``operation``."""
        return [int(s) for s in self._operation(operation)[2]["responses"]]

    def response_errors(self, operation: str, status: int, body: Any) -> list[str]:
        """Why ``body`` is not a valid ``status`` response of ``operation`` (``[]``: it is)."""
        path, method, op = self._operation(operation)
        response = op["responses"].get(str(status))
        if response is None:
            return [(f"{operation} does not document the status {status}; it documents "
                     f"{', '.join(op['responses'])}")]
        media = list(response.get("content", {}))
        if not media:
            return [] if body is None else [f"{operation} {status} has no body"]
        pointer = "/".join(["#/paths", _escape(path), method, "responses", str(status),
                            "content", _escape(media[0]), "schema"])
        return self._errors(pointer, body) or _problem_errors(
            response["content"][media[0]].get("examples", {}), status, body)

    def request_errors(self, operation: str, body: Any) -> list[str]:
        """Why ``body`` is not a valid request body of ``operation``."""
        path, method, op = self._operation(operation)
        if "requestBody" not in op:
            return [f"{operation} takes no request body"]
        media = next(iter(op["requestBody"]["content"]))
        pointer = "/".join(["#/paths", _escape(path), method, "requestBody", "content",
                            _escape(media), "schema"])
        return self._errors(pointer, body)

    def component_errors(self, name: str, body: Any) -> list[str]:
        """Why ``body`` is not valid against ``components.schemas[name]``."""
        self.component(name)
        return self._errors(f"#/components/schemas/{_escape(name)}", body)

    def component(self, name: str) -> Any:
        """``components.schemas[name]`` of the document."""
        schemas = self.document["components"]["schemas"]
        if name not in schemas:
            close = difflib.get_close_matches(name, schemas, n=1)
            guess = f" (did you mean {close[0]!r}?)" if close else ""
            raise KeyError(f"the OpenAPI document has no schema {name!r}{guess}; it has "
                           f"{', '.join(sorted(schemas))}")
        return schemas[name]

    def _operation(self, operation: str) -> tuple[str, str, dict[str, Any]]:
        if operation not in self._operations:
            close = difflib.get_close_matches(operation, self._operations, n=1)
            guess = f" (did you mean {close[0]!r}?)" if close else ""
            raise KeyError(f"the OpenAPI document has no operation {operation!r}{guess}; it "
                           f"has {', '.join(self._operations)}")
        return self._operations[operation]

    def _errors(self, pointer: str, body: Any) -> list[str]:
        validator = _validator(self, pointer)
        return [f"{error.json_path}: {error.message}"
                for error in sorted(validator.iter_errors(body), key=lambda e: e.json_path)]


def _problem_errors(examples: dict[str, Any], status: int, body: Any) -> list[str]:
    """Why ``body``, a problem of a response whose ``examples`` are its codes' problems,
    is not one of them: its status is the response's, its code one of the codes the
    operation answers with that status, and its type and title that code's.

    Example:
        >>> conflict = {"title": "Conflict", "status": 409, "code": "busy", "type": "t#busy"}
        >>> examples = {"busy": {"value": conflict}}
        >>> _problem_errors(examples, 409, {**conflict, "detail": "it is busy"})
        []
        >>> _problem_errors(examples, 409, {**conflict, "status": 404, "code": "gone"})
        ['$.status: 404 is not the status of the response (409)', "$.code: 'gone' is not a code of this response; its codes: busy"]
    """
    if not examples or not isinstance(body, dict) or "code" not in body:
        return []
    errors = []
    if body.get("status") != status:
        errors.append(f"$.status: {body.get('status')!r} is not the status of the response "
                      f"({status})")
    example = examples.get(body["code"], {}).get("value")
    if example is None:
        codes = ", ".join(examples)
        unknown = f"$.code: {body['code']!r} is not a code of this response; its codes: {codes}"
        return [*errors, unknown]
    errors += [f"$.{field}: {body.get(field)!r} is not the {field} of {body['code']} "
               f"({example[field]!r})" for field in ("type", "title")
               if field in example and body.get(field) != example[field]]
    return errors


def _closed(node: Any) -> Any:
    """A copy of ``node`` in which every schema that lists ``properties`` and says nothing
    of others allows no others (``additionalProperties: false``)."""
    if isinstance(node, list):
        return [_closed(item) for item in node]
    if not isinstance(node, dict):
        return node
    closed = {key: _closed(value) for key, value in node.items()}
    if isinstance(node.get("properties"), dict) and "additionalProperties" not in node:
        closed["additionalProperties"] = False
    return closed


@cache
def _validator(schemas: ApiSchemas, pointer: str) -> Draft202012Validator:
    return Draft202012Validator(
        {"$ref": _URI + pointer}, registry=schemas._registry,
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def parse_json_documents(text: str) -> list[Any] | None:
    """The JSON documents in ``text``, one after another; None if it is not only JSON.

    Example:
        >>> parse_json_documents('{"a": 1}\\n{"b": 2}\\n')
        [{'a': 1}, {'b': 2}]
        >>> parse_json_documents("HTTP/1.1 200 OK") is None
        True
    """
    decoder = json.JSONDecoder()
    documents, index = [], 0
    while True:
        while index < len(text) and text[index].isspace():
            index += 1
        if index == len(text):
            return documents or None
        try:
            document, index = decoder.raw_decode(text, index)
        except json.JSONDecodeError:
            return None
        documents.append(document)


def json_diff(shown: str, actual: str, shown_label: str, actual_label: str,
              shown_first_line: int = 1) -> str | None:
    """A unified diff of ``shown`` against ``actual``, or None when they agree.

    They agree when both are the same JSON documents with keys in the same order (the
    layout may differ), or when neither is JSON and the text is the same up to trailing
    whitespace. The line numbers of the hunks count from ``shown_first_line`` (the page
    line of the block's first line), on both sides: ``+`` counts the lines as they would
    be on the page with ``actual`` in place of ``shown``.

    Example:
        >>> print(json_diff("a\\nb\\nc", "a\\nB\\nc", "shown", "printed", 48))
        --- shown
        +++ printed
        @@ -48,3 +48,3 @@
         a
        -b
        +B
         c
    """
    shown_docs, actual_docs = parse_json_documents(shown), parse_json_documents(actual)
    if shown_docs is not None and actual_docs is not None:
        if _ordered(shown_docs) == _ordered(actual_docs):
            return None
    elif _lines(shown) == _lines(actual):
        return None
    diff = difflib.unified_diff(_lines(shown), _lines(actual), shown_label, actual_label,
                                lineterm="")
    return "\n".join(renumber_hunks(list(diff), shown_first_line - 1))


def renumber_hunks(diff: list[str], offset: int) -> list[str]:
    """The lines of a unified diff with both sides of its hunk headers moved by ``offset``
    (a block's lines counted as its file's or page's).

    Example:
        >>> renumber_hunks(["--- a", "+++ b", "@@ -2,3 +2 @@", " x"], 10)
        ['--- a', '+++ b', '@@ -12,3 +12 @@', ' x']
    """
    return [_BOTH_SIDES.sub(lambda m: f"@@ -{int(m[1]) + offset}{m[2] or ''} "
                                      f"+{int(m[3]) + offset}{m[4] or ''} @@", line)
            for line in diff]


def first_changed_line(diff: str) -> int | None:
    """The line of the first shown line that differs, counted as the ``-`` side of the
    diff's hunk headers count (an indented diff is read too).

    Example:
        >>> first_changed_line("--- shown\\n+++ printed\\n@@ -7,3 +1,3 @@\\n a\\n-b\\n+c\\n d")
        8
    """
    line = None
    for text in textwrap.dedent(diff).split("\n"):
        header = HUNK.match(text)
        if header:
            line = int(header[1])
        elif line is not None and text[:1] in ("-", "+"):
            return line
        elif line is not None:
            line += 1
    return None


def _lines(text: str) -> list[str]:
    """The lines of ``text``, up to trailing whitespace (none for an empty text).

    Example:
        >>> _lines("a \\nb\\n\\n"), _lines("")
        (['a', 'b'], [])
    """
    return [line.rstrip() for line in text.rstrip().split("\n")] if text.strip() else []


def _ordered(value: Any) -> Any:
    """``value`` with objects as lists of pairs (key order counts) and typed scalars
    (``true`` is not ``1``, ``1`` is not ``1.0``)."""
    if isinstance(value, dict):
        return ["object", [(k, _ordered(v)) for k, v in value.items()]]
    if isinstance(value, list):
        return ["array", [_ordered(v) for v in value]]
    return [type(value).__name__, value]
