"""The Markdown blocks of an endpoint page, built from the OpenAPI document.

Each function takes the document (and an operationId) and returns Markdown: the endpoint
line, the parameter, request body, response and error tables, the response schema, the
"Try it" mount point. ``link(page_src_uri)`` arguments turn a docs page into a relative
link from the page being built, so that MkDocs validates every generated link.

Example:
    >>> from cloudws.document import load_document
    >>> doc = load_document()
    >>> print(endpoint(doc, "deleteWorkstation"))
    ```http
    DELETE /v1/workstations/{id} HTTP/1.1
    Host: api.cloudworkstation.example.com
    Authorization: Bearer $CLOUDWS_TOKEN
    Accept: application/json
    ```
    >>> print(try_it("deleteWorkstation").splitlines()[-1])
    <div class="cws-try-it" data-operation="deleteWorkstation" data-api-root="/v1"></div>
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from http import HTTPStatus
from typing import Any
from urllib.parse import urlsplit

from schema_tables import cell, field_table, inline_refs, resolve, type_phrase

from cloudws.operations import API_ROOT

__all__ = [
    "TRY_IT_ABOUT",
    "TRY_IT_ABOUT_WITHOUT_FORM",
    "TRY_IT_NEEDS",
    "endpoint",
    "error_codes",
    "errors",
    "find_operation",
    "operations",
    "parameters",
    "request_body",
    "response",
    "schema",
    "try_it",
]

Link = Callable[[str], str]


def find_operation(doc: dict[str, Any], operation_id: str) -> tuple[str, str, dict[str, Any]]:
    """``(METHOD, path, operation)`` of ``operation_id``; KeyError if there is none."""
    for path, item in doc["paths"].items():
        for method, operation in item.items():
            if operation.get("operationId") == operation_id:
                return method.upper(), path, operation
    raise KeyError(f"the OpenAPI document has no operation {operation_id!r}")


def _success(operation: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    return next((s, r) for s, r in operation["responses"].items() if s.startswith("2"))


def _phrase(status: str) -> str:
    return HTTPStatus(int(status)).phrase


def endpoint(doc: dict[str, Any], operation_id: str) -> str:
    """The request line and headers of the operation, as an HTTP code block."""
    method, path, operation = find_operation(doc, operation_id)
    host = urlsplit(doc["servers"][0]["url"]).netloc
    lines = [f"{method} {path} HTTP/1.1", f"Host: {host}",
             "Authorization: Bearer $CLOUDWS_TOKEN", "Accept: application/json"]
    if "requestBody" in operation:
        lines.append("Content-Type: application/json")
    return "\n".join(["```http", *lines, "```"])


def parameters(doc: dict[str, Any], operation_id: str) -> str:
    """The path and query parameters of the operation, as a table."""
    params = find_operation(doc, operation_id)[2].get("parameters", [])
    if not params:
        return "This endpoint takes no parameters."
    lines = ["| Name | In | Type | Required | Description |", "| --- | --- | --- | --- | --- |"]
    for param in params:
        description = param.get("description", "")
        if "default" in param["schema"]:
            description += f" Default: `{json.dumps(param['schema']['default'])}`."
        kind = cell(type_phrase(param["schema"], doc))
        lines.append(f"| `{param['name']}` | {param['in']} | {kind} "
                     f"| {'yes' if param.get('required') else 'no'} | {cell(description)} |")
    return "\n".join(lines)


def request_body(doc: dict[str, Any], operation_id: str) -> str:
    """The request body of the operation: its fields, or a sentence saying there is none."""
    operation = find_operation(doc, operation_id)[2]
    if "requestBody" not in operation:
        return "This endpoint does not take a request body. Send none, and no `Content-Type`."
    body = operation["requestBody"]["content"]["application/json"]["schema"]
    target = resolve(body, doc)
    intro = (f"A JSON object ({type_phrase(body, doc)}), sent with "
             "`Content-Type: application/json`. Unknown and read-only fields are rejected "
             "with `400 validation_error`")
    if target.get("minProperties"):
        intro += f"; at least {target['minProperties']} field must be present"
    return f"{intro}.\n\n{field_table(body, doc)}"


def response(doc: dict[str, Any], operation_id: str, models_page: str = "") -> str:
    """The success response of the operation: status, body and headers, as a table.

    With ``models_page`` (a link to the reference's models page), a body that is one of
    the API's schemas links to its every field there.
    """
    status, answer = _success(find_operation(doc, operation_id)[2])
    schema = answer["content"]["application/json"]["schema"]
    body = type_phrase(schema, doc)
    name = schema.get("$ref", "").rpartition("/")[2]
    if models_page and name and body == f"`{name}`":
        body = f"[`{name}`]({models_page}#cloudws.models.{name})"
    headers = "<br>".join(f"`{name}`: {h['description']}"
                          for name, h in answer.get("headers", {}).items()) or "—"
    return "\n".join([
        "| Status | Meaning | Body | Headers |", "| --- | --- | --- | --- |",
        f"| {status} | {_phrase(status)} | {cell(body)} | {cell(headers)} |",
    ])


def schema(doc: dict[str, Any], target: str) -> str:
    """A schema as a field table and its JSON Schema: ``target`` is an operationId (its
    success body) or the name of a component schema."""
    if target in doc["components"]["schemas"]:
        ref = {"$ref": f"#/components/schemas/{target}"}
    else:
        ref = _success(find_operation(doc, target)[2])[1]["content"]["application/json"]["schema"]
    resolved = resolve(ref, doc)
    about = f"{type_phrase(ref, doc)}: {resolved.get('description', '')}".rstrip(": ")
    source = json.dumps(inline_refs(ref, doc), indent=2, ensure_ascii=False)
    return "\n".join([
        about, "", field_table(ref, doc), "",
        '??? abstract "JSON Schema"', "", "    ```json",
        *("    " + line for line in source.splitlines()), "    ```",
    ])


#: How every endpoint page's error table is introduced.
ERRORS_INTRO = ("Every error is an [RFC 9457 problem]({page}) with a machine-readable "
                "`code`; the [errors page]({page}) says what to do about each. A rejected "
                "or failed request changes nothing.")


def errors(doc: dict[str, Any], operation_id: str, errors_page: str) -> str:
    """Every error status of the operation, its codes (linked to ``errors_page``) and when,
    introduced the same way on every page."""
    operation = find_operation(doc, operation_id)[2]
    lines = [ERRORS_INTRO.format(page=errors_page), "",
             "| Status | Code | Meaning |", "| --- | --- | --- |"]
    for status, answer in operation["responses"].items():
        if int(status) < 400:
            continue
        codes = answer["content"]["application/problem+json"]["examples"]
        linked = ", ".join(f"[`{code}`]({errors_page}#{code})" for code in codes)
        title = next(iter(codes.values()))["value"]["title"]  # RFC 9110's reason phrase
        lines.append(f"| {status} {title} | {linked} | {cell(answer['description'])} |")
    return "\n".join(lines)


#: What Try it needs, said before its form.
TRY_IT_NEEDS = ("It needs JavaScript and a sandbox: <code>uv run mkdocs serve</code> starts "
                "one beside the pages, and <code>uv run cloudws serve</code> serves the pages "
                "and the sandbox together.")
#: What the Try it section says on the page, above its form; and in the page's Markdown
#: version (``llms.txt``), which has no form (``hooks/llms_markdown.py``).
TRY_IT_ABOUT = ("Send this operation to the sandbox from this page with the form below. "
                + TRY_IT_NEEDS)
TRY_IT_ABOUT_WITHOUT_FORM = ("The HTML version of this page has a form that sends this "
                             "operation to the sandbox. " + TRY_IT_NEEDS)


def try_it(operation_id: str) -> str:
    """The mount point the Try it console fills in, and what to do without JavaScript."""
    return "\n".join([
        f'<p class="cws-try-it__about">{TRY_IT_ABOUT}</p>',
        "",
        (f'<div class="cws-try-it" data-operation="{operation_id}" '
         f'data-api-root="{API_ROOT}"></div>'),
    ])


def _operations_by_code(doc: dict[str, Any]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for item in doc["paths"].values():
        for operation in item.values():
            for answer in operation["responses"].values():
                examples = answer.get("content", {}).get("application/problem+json", {})
                for code in examples.get("examples", {}):
                    found.setdefault(code, []).append(operation["operationId"])
    return found


def _summary_link(doc: dict[str, Any], operation_id: str, pages: Mapping[str, str],
                  link: Link) -> str:
    summary = find_operation(doc, operation_id)[2]["summary"]
    return f"[{summary}]({link(pages[operation_id])})" if operation_id in pages else summary


def error_codes(doc: dict[str, Any], codes: Mapping[str, Any], pages: Mapping[str, str],
                link: Link) -> str:
    """Every error code (``cloudws.errors.ERROR_CODES``), each row anchored at the code."""
    every = {op["operationId"] for item in doc["paths"].values() for op in item.values()}
    returned_by = _operations_by_code(doc)
    # Three columns fit the page's column at 1280 px: a code's status is under it, and
    # which operations return it closes its "What it means" cell.
    lines = ["| Code | What it means | What to do |",
             "| --- | --- | --- |"]
    for code, entry in codes.items():
        ops = returned_by.get(code, [])
        if set(ops) == every:
            where = "every operation"
        elif ops:
            where = ", ".join(_summary_link(doc, op, pages, link) for op in ops)
        else:
            where = "no documented operation"
        lines.append(
            f'| <a id="{code}" href="#{code}"><code>{code}</code></a><br>'
            f"{entry.status} {entry.title} | {cell(entry.meaning)}<br>Returned by: {where}. "
            f"| {cell(entry.remedy)} |"
        )
    return "\n".join(lines)


def operations(doc: dict[str, Any], pages: Mapping[str, str], link: Link) -> str:
    """Every operation of the API: its page, method and path, and what it does, in the
    order of ``pages`` (operationId -> page), then the document's."""
    found = [(path, method, op) for path, item in doc["paths"].items()
             for method, op in item.items()]
    order = list(pages)  # operations in the order of their pages
    found.sort(key=lambda f: order.index(f[2]["operationId"]) if f[2]["operationId"] in order
               else len(order))
    lines = ["| Operation | Request | What it does |", "| --- | --- | --- |"]
    for path, method, operation in found:
        lines.append(f"| {_summary_link(doc, operation['operationId'], pages, link)} "
                     f"| `{method.upper()} {path}` | {cell(operation['description'])} |")
    return "\n".join(lines)
