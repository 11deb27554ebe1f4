"""Statuses, error codes, resource IDs and field names named in prose, checked like links.

In the prose of a page (not in code blocks), an inline code span is a *reference* when its
whole text is

- a **status**: three digits from 100 to 599, alone or followed by its reason phrase or
  one of its error codes: ``409``, ``409 Conflict``, ``400 validation_error``; so is the
  bold status that opens a note of a list (``- **409** — stop it first``);
- an **error code**: a name in ``cloudws.errors.ERROR_CODES``;
- a **resource ID**: ``ws-`` or ``vol-`` and letters or digits: ``ws-12345``;
- a **field**: a property of a schema of the OpenAPI document, or a parameter of an
  operation: ``volume_ids``, ``limit``;
- or a snake_case name close to an error code or a field (a misspelt one):
  ``workstation_not_stoped``; or a compound code or field written with hyphens, capitals,
  in camelCase or with an underscore at an end, or one of those and a letter off:
  ``workstation-not-stopped``, ``volumeIds``;
- a **request**: a method and a path, or a path of the API alone:
  ``POST /v1/workstations/{id}/stop``, ``/v1/volumes``;
- a **value** in the shape of the hyphenated values of a field's enum: ``standard-4``;
- or, whatever its text, a snake_case name the words before it call a code ("with the
  code", "error code").

In a heading, a span names its section: only statuses, error codes and requests are
references there, and a code is not linked.

The rules. On an endpoint page (front matter ``operation:``) a status must be one its
operation documents, an error code one it returns, a field one of the schemas it uses
(request body, responses, problem) or one of its parameters; a reference inside a link to
another endpoint page is held to that page's operation instead. On any other page they
must be the API's. A request's path must be one of the API's (``{id}``, or an ID of its
kind, in place of its parameter), its method one that path takes, and its query's names
parameters it takes. A value must be one of its
field's (the machine types), and a name called a code an error code of the API; a word
listed with values of a field's enum ("``running``, ``stopped`` or ``suspended``") one of
them. A status
followed by the error code that goes with it (a ``409`` span, then a
``workstation_not_stopped`` one, with nothing but "with the code" or a link's bracket
between) must be that code's status. An ID must be one of the sandbox's fixtures or be
shown in the output of the page's own examples (``#>`` lines, JSON, console output), or
of the page a link around it points at, and be well-formed. A span followed by
``{ .no-ref }`` is not a reference: text about the old API, or a deliberate mistake.

Every error code that is not already in a link is linked to its row on the errors page
(:func:`link_codes`).

Example:
    >>> doc = {"paths": {"/v1/volumes/{id}": {"get": {"operationId": "getVolume",
    ...     "parameters": [{"name": "id", "in": "path"}],
    ...     "responses": {"200": {"content": {"application/json": {"schema": {
    ...         "properties": {"id": {}, "size_gb": {}}}}}},
    ...                   "404": {"content": {"application/problem+json": {
    ...                       "examples": {"not_found": {}}}}}}}}},
    ...     "components": {"schemas": {}}}
    >>> contract = Contract.build(doc, {"not_found": 404, "volume_owned": 409},
    ...     {"vol-data12345"}, {"vol-": ("volume", "^vol-[a-z0-9]{5,32}$")})
    >>> page = Page("volumes/get.md", "getVolume", {"volumes/get.md": "getVolume"})
    >>> for p in check("Get `vol-data12345`: `200`, or `409` `volume_owned`{ .no-ref };\\n"
    ...                "`vol-nothere00` has no `sise_gb`.\\n\\n- **404** — no such volume.\\n"
    ...                "- **412** — a precondition failed.", page, contract):
    ...     print(p.line, p.message)
    1 `409`: getVolume does not document status 409 (it documents 200, 404) (the API answers it to a request of no operation, such as a method its path does not take: to name it so, follow it with { .no-ref })
    2 `vol-nothere00` is not one of the sandbox's fixtures (vol-data12345), nor in an output this page's examples show (one another page's example shows: link it to that page; an ID that is no resource on purpose: follow it with { .no-ref })
    2 `sise_gb` is not an error code or a field of getVolume; did you mean `size_gb`?
    5 **412**: getVolume does not document status 412 (it documents 200, 404) (to name one the API does not answer, on purpose: write it as code followed by { .no-ref }: `412`{ .no-ref })
    >>> link_codes("Got `not_found`.", page, contract, "../errors.md")
    'Got [`not_found`](../errors.md#not_found).'
"""

from __future__ import annotations

import ast
import contextlib
import difflib
import functools
import itertools
import json
import posixpath
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from api_paths import METHODS as _METHODS
from api_paths import paths_like, route_of, routes_of
from placeholders import code_spans, mask_comments
from pydantic import BaseModel

from cloudws.operations import API_ROOT

__all__ = ["Contract", "Link", "Page", "Problem", "Scope", "answers_by_state",
           "answers_by_volume_kind", "check", "description_problems", "fates_by_operation",
           "link_codes", "prose_links", "section", "shown_ids", "source_place",
           "volume_order"]

_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})\s*(?P<lang>[\w+-]*)")
INLINE_LINK = re.compile(r"\[(?P<text>(?:[^\[\]\n]|\n(?![ \t]*\n))*)\]\((?P<target>[^)\s]+)"
                   r"(?:\s+\"[^\"]*\")?\)")
#: A reference-style link (``[text][name]``, or ``[text][]`` for ``[text]``'s definition),
#: and a link's definition (``[name]: target``).
_REFERENCE_LINK = re.compile(r"\[(?P<text>(?:[^\[\]\n]|\n(?![ \t]*\n))*)\]\s?"
                             r"\[(?P<name>(?:[^\[\]\n]|\n(?![ \t]*\n))*)\]")
_LINK_DEFINITION = re.compile(r"^[ \t]*\[(?P<name>[^\]\n]+)\]:[ \t]*<?(?P<target>[^\s>]+)",
                              re.MULTILINE)
_NO_REF = re.compile(r"\{:?[ \t]*\.no-ref[ \t]*\}")
_STATUS = re.compile(r"^(?P<status>[1-5]\d\d)(?: (?P<rest>.+))?$")
#: A note of a list opened by a bold status: ``- **409** — stop the workstation first.``
_STATUS_NOTE = re.compile(r"^[ \t]*(?:[-*+]|\d+\.)[ \t]+\*\*(?P<status>[1-5]\d\d)"
                          r"(?:\s+[A-Za-z][\w '-]*)?\*\*", re.MULTILINE)
_RESOURCE_ID = re.compile(r"^(?P<prefix>[a-z]+-)[A-Za-z0-9_]+$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
#: What names the span after it an error code: "with the code `x`", "error code `x`".
_CODE_BEFORE = re.compile(r"(?:\berror\s+|\b(?:with|has|have|had|carries|carry|gives)\s+(?:the\s+|its\s+|"
                          r"an?\s+)?|,\s*)code\s+\[?$|\b(?:its|the)\s+code\s+is\s+\[?$",
                          re.IGNORECASE)
#: The hosts of a sandbox on this machine.
_LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "0.0.0.0"})
_NEGATION = re.compile(r"\b(?:no|not|never|none|nor|neither|nothing|without|cannot)\b|n't\b",
                       re.IGNORECASE)


def _named_a_code(before: str) -> bool:
    r"""Whether the words ``before`` a span name it an error code, not saying there is none
    ("there is no error code `x`", over a line's end too).

    Example:
        >>> [_named_a_code(t) for t in ("gets the error code ", "with the code [",
        ...                             "There is no\nerror code ", "no longer returns the code ")]
        [True, True, False, False]
    """
    before = re.sub(r"\s+", " ", before)
    found = _CODE_BEFORE.search(before)
    if found is None:
        return False
    return not _NEGATION.search(re.split(r"[.;:]", before[:found.start()])[-1])
#: Right before a code said as the answer: "gets `x`", "answered with `x`", "fails with `x`".
_ANSWER_VERB_BEFORE = re.compile(
    r"\b(?:gets?|got|answers?(?:\s+with)?|answered\s+with|returns?|returned|fails?\s+with|"
    r"failed\s+with|responds?\s+with|(?:comes?|came)\s+back\s+with)\s+(?:an?\s+|the\s+)?\[?$",
    re.IGNORECASE)


#: Between an error code and the status said to be its own: "`volume_owned` is answered
#: with `404`", "comes with HTTP `400`", "is a `404`", "has the status `409`".
_CODE_THEN_STATUS = re.compile(
    r"\s+(?:is\s+(?:always\s+)?(?:answered|returned|sent)\s+with|(?:comes?|goes)\s+with|"
    r"(?:has|carries)\s+(?:the\s+)?(?:status\s+)?|is\s+)\s*(?:an?\s+)?(?:HTTP\s+|status\s+)?\[?")


def _code_then_status_problem(span: _Span, spans: Sequence[_Span], prose: str,
                              contract: Contract) -> str | None:
    """What is wrong with an error code said with a status after it that is not its own
    ("`volume_attached` is answered with `404`"); None if it is its own, or no status is
    said so right after it.

    Example:
        >>> contract = Contract(Scope("the API", frozenset(), frozenset(), frozenset()), {},
        ...                     {"volume_owned": 409}, {}, frozenset(), {})
        >>> prose = ("`volume_owned` is answered with `404`; `volume_owned` comes with `409`; "
        ...          "`volume_owned` is never a `404`.")
        >>> spans = [_Span(m.start(), m.end(), 1, m[1], None, False)
        ...          for m in re.finditer(r"`([^`]+)`", prose)]
        >>> [_code_then_status_problem(s, spans, prose, contract) for s in spans][::2]
        ['`volume_owned` is answered with 409, not 404', None, None]
    """
    if span.text not in contract.code_status or span.opted_out:
        return None
    after = [s for s in spans if s.start >= span.end and _STATUS.match(s.text)]
    status = min(after, key=lambda s: s.start) if after else None
    if status is None or status.opted_out or _CODE_THEN_STATUS.fullmatch(
            prose, span.end, status.start) is None:
        return None
    said = int(_STATUS.match(status.text)["status"])  # type: ignore[index]
    own = contract.code_status[span.text]
    return None if said == own else f"`{span.text}` is answered with {own}, not {said}"


def _denied_from(span: _Span, spans: Sequence[_Span], prose: str) -> int:
    """Where what denies ``span`` would end: right before it; for a code right after its
    status ("never refused with `409` `workstation_not_stopped`"), before that status; for
    a later one of a list ("never answers `404` or `409`"), before the list's first."""
    at = span.start
    while True:
        before = [s for s in spans if s.end <= at]
        last = max(before, key=lambda s: s.end) if before else None
        if last is None:
            return at
        between = prose[last.end:at]
        if (_STATUS.match(last.text) and _NAME.match(span.text)
                and _STATUS_THEN_CODE.match(between)) or re.fullmatch(
                    r"\s*(?:,|/|,?\s*(?:or|nor|and))\s*(?:an?\s+)?(?:HTTP\s+)?", between):
            at = last.start
            continue
        return at


def _answered_as_code(span: _Span, spans: Sequence[_Span], prose: str, contract: Contract) -> bool:
    """Whether the name ``span`` (two words or more joined by ``_``: every error code's
    shape, which no state or kind has) is said as an error code: right after a status
    ("`409` `volume_in_use`", "`409` (`volume_in_use`)"), or as what a request gets ("a
    missing volume gets `not_found_error`"). A field (or a query's parameter) is not, nor
    is a name in a link or after a note's status (their own checks hold them)."""
    if ("_" not in span.text or span.link is not None
            or any(span.text in taken for taken in contract.queries.values())):
        return False  # (a link to the errors page is held to the row it links to)
    if _ANSWER_VERB_BEFORE.search(prose, max(0, span.start - 40), span.start):
        return True
    before = [s for s in spans if s.end <= span.start and _STATUS.match(s.text)]
    status = max(before, key=lambda s: s.end) if before else None
    return (status is not None and not status.note  # (a note's code: its checks hold it)
            and _STATUS_THEN_CODE.match(prose[status.end:span.start]) is not None)


#: A value of a field's enum written with a hyphen: ``standard-2``, ``gpu-t4``.
_KIND = re.compile(r"^[a-z]+-[a-z]*\d[a-z0-9]*$")
#: A header's name as HTTP writes it, words joined by hyphens (or one word), maybe with
#: its value after a colon.
_HEADER = re.compile(r"^(?P<name>[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*)(?P<value>:(?:[ \t].*)?)?$")
#: A span's link, if it has one: "`x`](create.md#request-body)".
_LINKED = r"\]?(?:\([^)\s]*\))?"
#: What joins the spans of a list (`A`, `B`, and `C`; `A`/`B`), a link or an attribute
#: list between them.
_LIST_JOIN = re.compile(r"^\]?(?:\([^)\s]*\))?(?:\{[^}]*\})?\s*"
                        r"(?:,\s*(?:(?:or|and)\s+)?|(?:or|and)\s+|/)\[?$")
#: The word "header" right before a span (or a list of them), or right after.
#: (A kind of header may stand between: "the `Retry-After` response header", and a colon
#: or a parenthesis before a list: "headers: `A-B`, `C-D`", "the header named `A-B`".)
_CALLED_BEFORE = re.compile(r"\bheaders?(?:[ \t]+named|[ \t]*[:(])?[ \t]*\n?[ \t]*\[?$",
                            re.IGNORECASE)
_CALLED_AFTER = re.compile(r"^\]?(?:\([^)\s]*\))?(?:\{[^}]*\})?[ \t]*\n?[ \t]*"
                           r"(?:(?:response|request|HTTP)[ \t]*\n?[ \t]*)?headers?\b"
                           r"(?![ \t]*\n?[ \t]*values?\b)", re.IGNORECASE)
#: "header" that names the span before it: what follows is its value
#: ("the `Idempotency-Key` header `create-1`").
_VALUE_AFTER = re.compile(r"`(?:\]\([^)\s]*\))?(?:\{[^}]*\})?[ \t]*\n?[ \t]*headers?"
                          r"[ \t]*\n?[ \t]*\[?$", re.IGNORECASE)
#: The word "field" right before a span (or a list of them: "the fields `a` and `b`"), or
#: right after ("the `status` field").
_FIELD_BEFORE = re.compile(r"\bfields?(?:[ \t]+named|[ \t]*:)?[ \t]*\n?[ \t]*\[?$", re.IGNORECASE)
_FIELD_AFTER = re.compile(r"^\]?(?:\([^)\s]*\))?(?:\{[^}]*\})?[ \t]*\n?[ \t]*fields?\b",
                          re.IGNORECASE)
#: "field" that names the span before it: what follows is its value ("the `status` field
#: `stopped`", "in the `status` field: `running` or `stopped`").
_FIELD_VALUE_AFTER = re.compile(r"`(?:\]\([^)\s]*\))?(?:\{[^}]*\})?[ \t]*\n?[ \t]*fields?"
                                r"[ \t]*:?[ \t]*\n?[ \t]*\[?$", re.IGNORECASE)
#: The word "parameter" (or "query parameter", "path parameter"...) right before a span
#: (or a list of them), or right after ("the `force` query parameter"); and after a span it
#: names, before its value ("the `status` parameter `running`").
_PARAMETER_BEFORE = re.compile(r"\b(?:(?:query|path|URL)(?:[ \t]+string)?[ \t]+)?param(?:eter)?s?"
                               r"(?:[ \t]+named|[ \t]*:)?[ \t]*\n?[ \t]*\[?$", re.IGNORECASE)
_PARAMETER_AFTER = re.compile(r"^\]?(?:\([^)\s]*\))?(?:\{[^}]*\})?[ \t]*\n?[ \t]*(?:(?:query|path|"
                              r"URL)(?:[ \t]+string)?[ \t]*\n?[ \t]*)?param(?:eter)?s?\b",
                              re.IGNORECASE)
_PARAMETER_VALUE_AFTER = re.compile(r"`(?:\]\([^)\s]*\))?(?:\{[^}]*\})?[ \t]*\n?[ \t]*(?:(?:query|"
                                    r"path|URL)[ \t]+)?param(?:eter)?s?[ \t]*[:=]?[ \t]*\n?"
                                    r"[ \t]*\[?$", re.IGNORECASE)
#: A request named in prose: an HTTP method and a path or URL
#: (``POST /v1/workstations/{id}/stop``), or a path of the API alone (``/v1/volumes?limit=5``).
_REQUEST = re.compile(r"^(?:(?P<method>GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS|TRACE|CONNECT) +"
                      r"(?:https?://(?P<host>[^/\s]+))?(?P<any>/\S*)"
                      r"|(?:https?://(?P<at>[^/\s]+))?(?P<path>/v\d+/\S+))$")
#: A base URL: a host and a version of the API (``https://api.example.com/v1``).
_BASE_URL = re.compile(r"^(?:https?://(?P<host>[^/\s:]+|\[[^\]\s]+\])(?::\d+)?)?"
                       r"(?P<root>/v\d+)/?(?:\?\S*)?$", re.IGNORECASE)
#: A path under a version of the API (``/v2/volumes``), which may not be its own.
_VERSION = re.compile(r"^/v\d+/")
#: What may stand between a status and the error code that goes with it: ``409``
#: [`workstation_not_stopped`], `400 Bad Request` with the code [`invalid_id`].
_STATUS_THEN_CODE = re.compile(r"^(?:\*\*)?\s*(?P<mark>[(:\u2014\u2013|-]\s*)?(?:(?:,\s*)?(?:with|and|has|have|"
                               r"carries|carry|comes\s+with|come\s+with)\s+"
                               r"(?:the\s+|its\s+)?(?:error\s+)?code\s+|,\s*code\s+|code\s+)?"
                               r"\[?$")
#: What may follow a code that ends its clause: `404` (`not_found`), `404`: `not_found`.
_CLAUSE_END = re.compile(r"^(?:\]\([^)\s]*\))?\s*(?:[).,;|]|or\b|and\b|/|$)")
#: What opens a note of a list before its status: ``- **`` of ``- **400** — ...``.
_OPENS_A_NOTE = re.compile(r"^[ \t]*(?:[-*+]|\d+\.)[ \t]+(?:\*\*)?`?$")
#: What ends a status's sentence before a code: a blank line, or a new item of a list.
_NOT_ONE_ITEM = re.compile(r"\n\s*\n|\n\s*(?:[-*+]|\d+\.)\s")
_INCLUDE = re.compile(r'^\s*-{1,}8<-{1,}\s+"(?P<path>[^"]+)"\s*$')
_ANY_ID = r"\b{prefix}[a-z0-9]+\b"
#: How close a snake_case name must be to a code or field to count as a misspelling of it.
_CLOSE = 0.8


@dataclass(frozen=True)
class Scope:
    """What prose may name where it is: one operation's statuses, codes and fields, or
    the whole API's."""

    name: str
    statuses: frozenset[int]
    codes: frozenset[str]
    fields: frozenset[str]
    #: What it documents, said by operation (a page that shows two); else its statuses.
    documented: str = ""
    #: The headers it reads and sends (see :func:`_headers`); none said: the API's.
    headers: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Contract:
    """Everything a reference can name, from the OpenAPI document, ERROR_CODES and the
    fixtures."""

    api: Scope
    operations: Mapping[str, Scope]
    code_status: Mapping[str, int]
    field_schemas: Mapping[str, tuple[str, ...]]  # field -> the schemas that have it
    fixture_ids: frozenset[str]
    id_patterns: Mapping[str, tuple[str, re.Pattern[str]]]  # prefix -> (kind, pattern)
    #: Each path of the document, as written, with the methods it takes (HEAD with GET).
    routes: Mapping[str, frozenset[str]] = field(default_factory=dict)
    #: The query parameters each path and method takes, with the schema of each.
    queries: Mapping[tuple[str, str], Mapping[str, dict[str, Any]]] = field(default_factory=dict)
    #: The hosts of the document's servers: a URL on another host is none of the API's.
    hosts: frozenset[str] = frozenset()
    #: Each operation's method and path (``deleteVolume``: ``DELETE``, ``/v1/volumes/{id}``).
    requests: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    #: The first word of each hyphenated value of a field's enum (``standard`` of
    #: ``standard-2``), with the field and its values: a value of that shape is one of them.
    kinds: Mapping[str, tuple[str, frozenset[str]]] = field(default_factory=dict)
    #: Each field whose values are an enum of words, with them (``status``: running, stopped).
    enums: Mapping[str, frozenset[str]] = field(default_factory=dict)
    #: The HTTP headers the API reads and sends (see :func:`_headers`).
    headers: frozenset[str] = frozenset()
    #: Each operation's scope alone, where ``operations`` holds a page's (an operation and
    #: the removed one its page shows, together).
    alone: Mapping[str, Scope] = field(default_factory=dict)
    #: What a header's value may be (:func:`_header_value_problem`): the media types of the
    #: API's bodies, its HTTP authentication schemes (casefolded: HTTP reads them so), and
    #: the schema of each header parameter and of each header an answer declares, by its
    #: name casefolded.
    media_types: frozenset[str] = frozenset()
    schemes: frozenset[str] = frozenset()
    header_schemas: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    #: Each field of a request body: its defaults (as JSON) in the bodies that have one,
    #: and the bodies that require it; each query parameter with a default, that default
    #: (:func:`_body_defaults`).
    body_defaults: Mapping[str, tuple[frozenset[str], tuple[str, ...]]] = field(
        default_factory=dict)
    #: The one value each field that has one always takes (a delete's ``status``:
    #: ``deleted``).
    consts: frozenset[str] = frozenset()
    #: What each operation takes (:func:`_inputs`): each member of its request body and
    #: each query or header parameter, by name (a header's casefolded), with where it goes
    #: and whether it is required.
    inputs: Mapping[str, Mapping[str, tuple[str, bool]]] = field(default_factory=dict)
    #: The JSON types each field and query parameter takes, in any schema that has it
    #: (``size_gb``: integer; ``next_cursor``: string, null; :func:`_field_types`).
    field_types: Mapping[str, frozenset[str]] = field(default_factory=dict)
    #: The fields of answers that every schema having them requires, and no request
    #: takes: always sent (``next_cursor``, null on the last page; :func:`_always_sent`).
    always_sent: frozenset[str] = frozenset()
    #: The bounds each number (or string's length) a request takes has, in every schema
    #: that has it (``limit``: 1 and 100; :func:`_field_bounds`).
    field_bounds: Mapping[str, frozenset[tuple[float | None, float | None, str]]] = field(
        default_factory=dict)

    @property
    def values(self) -> frozenset[str]:
        """Every value of a field's enum (``running``, ``standard-4``), or the one it
        always takes (``deleted``)."""
        return frozenset().union(self.consts, *self.enums.values())

    @classmethod
    def build(cls, doc: dict[str, Any], code_status: Mapping[str, int], fixture_ids: set[str],
              id_patterns: Mapping[str, tuple[str, str]] | None = None,
              shown_with: Mapping[str, str] | None = None) -> Contract:
        """The contract of ``doc``; ``code_status`` maps each error code to its status,
        ``id_patterns`` each ID prefix to its kind and pattern, ``shown_with`` an operation
        with no page of its own (a removed one) to the operation whose page shows it."""
        operations, owners = {}, {}
        # HTTP's own: every request carries Host (RFC 9110, section 7.2), every answer Date
        # (section 6.6.1: a server with a clock sends it), any message may carry Connection
        # (section 7.6.1: `close` on an answer that ends the connection), and a 405, which
        # any path answers to a method it does not take, carries Allow (section 15.5.6)
        http_own = frozenset({"Host", "Date", "Connection"}
                             | ({"Allow"} if 405 in code_status.values() else set()))
        for name, schema in doc["components"]["schemas"].items():
            for prop in _properties(schema, doc, set()):
                owners.setdefault(prop, set()).add(name)
        for item in doc["paths"].values():
            for method, operation in item.items():
                if method.upper() not in _METHODS:  # the path's own parameters, say
                    continue
                op_id, params = operation["operationId"], _parameters(operation)
                fields = _body_fields(operation, doc)
                for param in params:
                    owners.setdefault(param, set()).add(f"the parameters of {op_id}")
                for field_ in fields - set(owners):  # in a schema of its own, not a component
                    owners[field_] = {f"the bodies of {op_id}"}
                operations[op_id] = Scope(
                    op_id,
                    frozenset(int(s) for s in operation["responses"]),
                    frozenset(code for answer in operation["responses"].values()
                              for code in _problem_codes(answer)),
                    frozenset(params) | fields,
                    headers=_headers(doc, operation) | http_own,
                )
        alone = dict(operations)
        for shown, page_op in (shown_with or {}).items():
            if shown in operations and page_op in operations:
                one, other = operations[page_op], operations[shown]
                operations[page_op] = Scope(f"{one.name} (or {other.name}, on its page)",
                                            one.statuses | other.statuses,
                                            one.codes | other.codes, one.fields | other.fields,
                                            f"{one.name} documents {_listing(one.statuses)}; "
                                            f"{other.name}, {_listing(other.statuses)}",
                                            one.headers | other.headers)
        api = Scope("the API",
                    frozenset().union(*(s.statuses for s in operations.values()),
                                      code_status.values()),
                    frozenset(code_status), frozenset(owners))
        routes = routes_of(doc)
        queries = {(path, method.upper()): {
            p["name"]: _resolve(p.get("schema", {}), doc)[1]
            for p in operation.get("parameters", []) if p.get("in") == "query"}
            for path, item in doc["paths"].items() for method, operation in item.items()
            if method.upper() in _METHODS}
        queries.update({(path, "HEAD"): names for (path, method), names in list(queries.items())
                        if method == "GET"})
        requests = {operation["operationId"]: (method.upper(), path)
                    for path, item in doc["paths"].items() for method, operation in item.items()
                    if method.upper() in _METHODS}
        kinds: dict[str, tuple[str, frozenset[str]]] = {}
        enums: dict[str, frozenset[str]] = {}
        for schema in doc["components"]["schemas"].values():
            for name, prop in schema.get("properties", {}).items():
                values = frozenset(v for v in prop.get("enum", ()) if isinstance(v, str))
                if values:
                    enums[name] = values
                for value in values:
                    if _KIND.match(value):
                        kinds[value.partition("-")[0]] = (name, values)
        return cls(api, operations, dict(code_status),
                   {f: tuple(sorted(s)) for f, s in owners.items()}, frozenset(fixture_ids),
                   {p: (kind, re.compile(pattern))
                    for p, (kind, pattern) in (id_patterns or {}).items()}, routes, queries,
                   frozenset(urlsplit(server["url"]).hostname or ""
                             for server in doc.get("servers", ())) - {""},
                   requests, kinds, enums, _headers(doc) | http_own, alone,
                   *_header_values(doc), _body_defaults(doc),
                   frozenset(prop["const"] for schema in doc["components"]["schemas"].values()
                             for prop in schema.get("properties", {}).values()
                             if isinstance(prop.get("const"), str)), _inputs(doc),
                   _field_types(doc), _always_sent(doc), _field_bounds(doc))


def _field_bounds(doc: dict[str, Any]
                  ) -> dict[str, frozenset[tuple[float | None, float | None, str]]]:
    """Each number or string a request of ``doc`` takes (a query parameter, a body's
    member) with a bound: its minimum and maximum (its length's, for a string, with the
    unit " characters"; None for one it has not), in each schema that has it.

    Example:
        >>> doc = {"paths": {"/x": {
        ...     "get": {"parameters": [{"name": "limit", "in": "query", "schema": {
        ...         "type": "integer", "minimum": 1, "maximum": 100}}]},
        ...     "post": {"requestBody": {"content": {"application/json": {"schema": {
        ...         "properties": {"size": {"anyOf": [{"type": "integer", "maximum": 64},
        ...                                           {"type": "null"}]},
        ...         "name": {"type": "string", "maxLength": 63}, "kind": {}}}}}}}}}}
        >>> _field_bounds(doc)
        {'limit': frozenset({(1, 100, '')}), 'size': frozenset({(None, 64, '')}), 'name': frozenset({(None, 63, ' characters')})}
    """
    found: dict[str, set[tuple[float | None, float | None, str]]] = {}

    def note(name: str, schema: dict[str, Any]) -> None:
        for one in schema.get("anyOf", [schema]):
            if one.get("type") in ("integer", "number") and (
                    "minimum" in one or "maximum" in one):
                found.setdefault(name, set()).add((one.get("minimum"), one.get("maximum"), ""))
            if one.get("type") == "string" and ("minLength" in one or "maxLength" in one):
                found.setdefault(name, set()).add((one.get("minLength"), one.get("maxLength"),
                                                   " characters"))

    for item in doc["paths"].values():
        for method, operation in item.items():
            if method.upper() not in _METHODS:
                continue
            for param in operation.get("parameters", []):
                if param.get("in") == "query":
                    note(param["name"], _resolve(param.get("schema", {}), doc)[1])
            for media in operation.get("requestBody", {}).get("content", {}).values():
                for name, prop in _resolve(media.get("schema", {}), doc)[1].get(
                        "properties", {}).items():
                    note(name, _resolve(prop, doc)[1])
    return {name: frozenset(bounds) for name, bounds in found.items()}


def _inputs(doc: dict[str, Any]) -> dict[str, dict[str, tuple[str, bool]]]:
    """What each operation of ``doc`` takes: each member of its request body and each of
    its query and header parameters, by name (a header's casefolded, as HTTP reads it),
    with where it goes and whether the operation requires it.

    Example:
        >>> doc = {"paths": {"/x": {"post": {"operationId": "makeX", "parameters": [
        ...     {"name": "Idempotency-Key", "in": "header"}], "requestBody": {"content": {
        ...     "application/json": {"schema": {"$ref": "#/components/schemas/XCreate"}}}}}}},
        ...     "components": {"schemas": {"XCreate": {"required": ["kind"], "properties": {
        ...         "kind": {}, "size": {"default": 50}}}}}}
        >>> _inputs(doc)
        {'makeX': {'idempotency-key': ('header', False), 'kind': ('body', True), 'size': ('body', False)}}
    """
    found: dict[str, dict[str, tuple[str, bool]]] = {}
    for item in doc["paths"].values():
        for method, operation in item.items():
            if method.upper() not in _METHODS:
                continue
            taken = found.setdefault(operation["operationId"], {})
            for param in operation.get("parameters", []):  # (a path's: part of its URL)
                if param["in"] in ("query", "header"):
                    name = param["name"].casefold() if param["in"] == "header" else param["name"]
                    taken[name] = (param["in"], bool(param.get("required")))
            for media in operation.get("requestBody", {}).get("content", {}).values():
                schema = _resolve(media.get("schema", {}), doc)[1]
                for name in schema.get("properties", {}):
                    taken[name] = ("body", name in schema.get("required", ()))
    return found


def _body_defaults(doc: dict[str, Any]) -> dict[str, tuple[frozenset[str], tuple[str, ...]]]:
    """Each field of the request bodies of ``doc``: the defaults their schemas give it (as
    JSON), and the schemas that require it; and each query parameter that has a default
    (``limit``), with that default.

    Example:
        >>> doc = {"paths": {"/x": {
        ...     "post": {"requestBody": {"content": {"application/json": {
        ...         "schema": {"$ref": "#/components/schemas/XCreate"}}}}},
        ...     "get": {"parameters": [
        ...         {"name": "limit", "in": "query", "schema": {"default": 20}},
        ...         {"name": "cursor", "in": "query", "schema": {}}]}}},
        ...     "components": {"schemas": {"XCreate": {"required": ["kind"], "properties": {
        ...         "kind": {"enum": ["a", "b"]}, "size": {"default": 50}}}}}}
        >>> _body_defaults(doc)
        {'kind': (frozenset(), ('XCreate',)), 'size': (frozenset({'50'}), ()), 'limit': (frozenset({'20'}), ())}
    """
    found: dict[str, tuple[set[str], list[str]]] = {}
    for item in doc["paths"].values():
        for operation in item.values():
            for parameter in (operation.get("parameters", ())
                              if isinstance(operation, dict) else ()):
                if parameter.get("in") == "query" and "default" in parameter.get("schema", {}):
                    found.setdefault(parameter["name"], (set(), []))[0].add(
                        json.dumps(parameter["schema"]["default"]))
            content = (operation.get("requestBody", {}).get("content", {})
                       if isinstance(operation, dict) else {})
            for media in content.values():
                name, schema = _resolve(media.get("schema", {}), doc)
                for field_name, prop in schema.get("properties", {}).items():
                    defaults, requiring = found.setdefault(field_name, (set(), []))
                    if "default" in prop:
                        defaults.add(json.dumps(prop["default"]))
                    if field_name in schema.get("required", ()) and name not in requiring:
                        requiring.append(name or "its body")
    return {f: (frozenset(d), tuple(r)) for f, (d, r) in found.items()}


#: What calls the span after it a default ("defaults to `standard-4`", "the default is",
#: "the default `limit` is", "`limit`'s default is").
_DEFAULT_BEFORE = re.compile(r"\b(?:defaults?\s+(?:to|is)|default\s+(?:`[a-z_]+`\s+)?(?:value\s+)?"
                             r"is)\s+\[?$", re.IGNORECASE)
#: What calls the span after it a state: "moves it to `x`", "goes back to `x`", "becomes
#: `x`", "is now `x`", "turns `x`", "the workstation is `x`" (not "it is `x`": a header's
#: value or a volume's as often), "in the `x` state" (with :data:`_STATE_AFTER`).
_STATE_BEFORE = re.compile(
    r"\b(?:(?:moves?|moved|moving|puts?|putting|brings?|brought|bringing|sets?|setting)"
    r"\s+(?:it|them|(?:the|a|each|every|your)\s+(?:\w+\s+){0,2}?(?:workstations?|ones?))"
    r"\s+(?:back\s+)?(?:to|into)|(?:leaves?|left|leaving)\s+(?:it|them|(?:the|a|each|every|"
    r"your)\s+(?:\w+\s+){0,2}?(?:workstations?|ones?))(?:\s+in)?"
    r"|(?:goes|go|went|going|changes|changed|changing|returns"
    r"|returned|returning)\s+(?:back\s+)?(?:to|into)|becomes?|became|becoming|turns?|turned"
    r"|(?:is|are|was|were)\s+(?:now|then|left)|stays?|stayed|remains?|remained"
    r"|\bworkstations?\s+(?:is|are|was|were)(?:\s+(?:still|already))?)\s+\[?$",
    re.IGNORECASE)
#: What calls the span after it a state when it is close to one ("it's `stopping`", "they
#: are `runing`"): "it is" alone says as often a header's value (`chunked`) or a volume's
#: (`detached`), which are no misspelt state.
_STATE_BEFORE_IF_CLOSE = re.compile(
    r"\b(?:it|they)(?:\s+(?:is|are|was|were)|['’](?:s|re))(?:\s+(?:now|still|already))?\s+\[?$",
    re.IGNORECASE)
#: After a span, what calls it a state: "the `x` state".
_STATE_AFTER = re.compile(rf"^{_LINKED}\s+state\b", re.IGNORECASE)
#: Around a span, what says it is a workstation's state: "only a `x` one", "a `x`
#: workstation" (with :data:`_STATE_SHAPED`: a `standard-4` workstation is a machine's).
_AS_A_STATE_BEFORE = re.compile(r"\b(?:an?|every|each|any)\s+\[?$", re.IGNORECASE)
_AS_A_STATE_AFTER = re.compile(rf"^{_LINKED}\s+(?:one|workstation)s?\b", re.IGNORECASE)
#: A word shaped as a state is ("stopping", "suspended"): a name (`dev-box`), a header's
#: value (`close`) or a scheme (`bearer`) said to become or stay is none.
_STATE_SHAPED = re.compile(r"^[a-z]+(?:ing|ed)$")
#: Words a state is never written as, but a value set is (`true`, `null`), or a flag an
#: operation is given (`deprecated`).
_NO_STATE = frozenset({"true", "false", "null", "none", "undefined", "deprecated"})


def _default_problem(value: str, field_name: str | None, contract: Contract) -> str | None:
    """What is wrong with ``value`` called the default of a request body's field (the
    field named before it, else the one whose values it is one of); None if it is that
    field's default, or if no field of a request body is meant.

    Example:
        >>> contract = Contract(Scope("the API", frozenset(), frozenset(), frozenset()), {},
        ...     {}, {}, frozenset(), {}, enums={"kind": frozenset({"a", "b"})},
        ...     body_defaults={"kind": (frozenset(), ("XCreate",)),
        ...                    "size": (frozenset({"50"}), ())})
        >>> _default_problem("a", None, contract)
        '`a` is called the default of kind, which has none: XCreate requires it'
        >>> _default_problem("64", "size", contract)
        '`64` is called the default of size, but its default is `50`'
        >>> [_default_problem(*args, contract) for args in (("50", "size"), ("x", None))]
        [None, None]
    """
    if field_name is None:
        field_name = next((f for f, values in sorted(contract.enums.items())
                           if value in values and f in contract.body_defaults), None)
    if field_name is None or field_name not in contract.body_defaults:
        return None
    try:
        written = json.dumps(json.loads(value))
    except ValueError:
        written = json.dumps(value)
    defaults, requiring = contract.body_defaults[field_name]
    if written in defaults:
        return None
    if defaults:
        return (f"`{value}` is called the default of {field_name}, but its default is "
                f"{' or '.join(f'`{d}`' for d in sorted(defaults))}")
    return (f"`{value}` is called the default of {field_name}, which has none"
            + (f": {' and '.join(requiring)} require{'s' if len(requiring) == 1 else ''} it"
               if requiring else ""))


def _resolve(schema: dict[str, Any], doc: dict[str, Any]) -> tuple[str | None, dict[str, Any]]:
    ref = schema.get("$ref", "")
    if ref.startswith("#/components/schemas/"):
        name = ref.rsplit("/", 1)[1]
        return name, doc["components"]["schemas"][name]
    return None, schema


def _properties(schema: dict[str, Any], doc: dict[str, Any], seen: set[str]) -> Iterator[str]:
    """Every property name inside ``schema``, through $ref, items, anyOf and nesting."""
    name, schema = _resolve(schema, doc)
    if name in seen:
        return
    if name:
        seen.add(name)
    yield from schema.get("properties", {})
    for inner in (*schema.get("properties", {}).values(), *schema.get("anyOf", ()),
                  *schema.get("allOf", ()), *schema.get("oneOf", ()),
                  *([schema["items"]] if isinstance(schema.get("items"), dict) else [])):
        yield from _properties(inner, doc, seen)


def _parameters(operation: dict[str, Any]) -> list[str]:
    return [p["name"] for p in operation.get("parameters", [])]


def _json_types(schema: dict[str, Any], doc: dict[str, Any]) -> frozenset[str]:
    """The JSON types ``schema`` allows (a reference's: ``object``; ``anyOf``: each one's).

    Example:
        >>> sorted(_json_types({"anyOf": [{"type": "string"}, {"type": "null"}]}, {}))
        ['null', 'string']
    """
    name, schema = _resolve(schema, doc)
    if name is not None and "type" not in schema:
        return frozenset({"object"})
    said = schema.get("type")
    found = set([said] if isinstance(said, str) else said or [])
    for inner in (*schema.get("anyOf", ()), *schema.get("oneOf", ())):
        found |= _json_types(inner, doc)
    return frozenset(found)


def _field_types(doc: dict[str, Any]) -> dict[str, frozenset[str]]:
    """The JSON types of each field of the document's schemas (and of the bodies declared
    in place) and of each query parameter, by name, in any of them."""
    found: dict[str, set[str]] = {}

    def walk(schema: dict[str, Any], seen: set[str]) -> None:
        name, schema = _resolve(schema, doc)
        if name in seen:
            return
        seen.add(name or "")
        for field_, prop in schema.get("properties", {}).items():
            found.setdefault(field_, set()).update(_json_types(prop, doc))
            walk(prop, seen)
        for inner in (*schema.get("anyOf", ()), *schema.get("allOf", ()),
                      *schema.get("oneOf", ()),
                      *([schema["items"]] if isinstance(schema.get("items"), dict) else [])):
            walk(inner, seen)

    for schema in doc["components"]["schemas"].values():
        walk(schema, set())
    for item in doc["paths"].values():
        for method, operation in item.items():
            if method.upper() not in _METHODS:
                continue
            for param in operation.get("parameters", []):
                if param.get("in") == "query":
                    found.setdefault(param["name"], set()).update(
                        _json_types(param.get("schema", {}), doc))
            for content in operation.get("requestBody", {}).get("content", {}).values():
                walk(content.get("schema", {}), set())
    return {name: frozenset(types) for name, types in found.items() if types}


def _always_sent(doc: dict[str, Any]) -> frozenset[str]:
    """The fields that every schema of ``doc`` having them requires, and that no request
    takes (as a body's member or a parameter): an answer that has one always sends it.

    Example:
        >>> doc = {"paths": {}, "components": {"schemas": {
        ...     "XList": {"required": ["data", "next"], "properties": {"data": {}, "next": {}}},
        ...     "X": {"required": ["id"], "properties": {"id": {}, "note": {}}}}}}
        >>> sorted(_always_sent(doc))
        ['data', 'id', 'next']
    """
    schemas = doc["components"]["schemas"].values()
    taken = {name for inputs in _inputs(doc).values() for name in inputs}
    having: dict[str, bool] = {}
    for schema in schemas:
        for name in schema.get("properties", {}):
            having[name] = having.get(name, True) and name in schema.get("required", ())
    return frozenset(name for name, always in having.items() if always and name not in taken)


def _body_fields(operation: dict[str, Any], doc: dict[str, Any]) -> frozenset[str]:
    """The fields of every schema ``operation`` uses: request body, responses, problems."""
    bodies = [c["schema"] for c in operation.get("requestBody", {}).get("content", {}).values()]
    bodies += [c["schema"] for answer in operation["responses"].values()
               for c in answer.get("content", {}).values() if "schema" in c]
    return frozenset(prop for body in bodies for prop in _properties(body, doc, set()))


def _headers(doc: dict[str, Any], operation: dict[str, Any] | None = None) -> frozenset[str]:
    """The headers the API reads and sends (or ``operation`` does), as ``doc`` declares
    them: its header parameters, its answers' headers, ``Authorization`` where an HTTP
    security scheme applies, and ``Content-Type`` and ``Content-Length`` where a request or
    an answer has content (the two that frame any body in HTTP).

    Example:
        >>> doc = {"components": {}, "paths": {"/v": {"post": {
        ...     "parameters": [{"in": "header", "name": "Idempotency-Key"}],
        ...     "responses": {"201": {"headers": {"Location": {}}, "content": {}}}},
        ...     "get": {"responses": {"200": {"content": {"application/json": {}}}}}}}}
        >>> sorted(_headers(doc))
        ['Content-Length', 'Content-Type', 'Idempotency-Key', 'Location']
        >>> sorted(_headers(doc, doc["paths"]["/v"]["get"]))
        ['Content-Length', 'Content-Type']
    """
    if operation is None:
        return frozenset().union(*(_headers(doc, operation) for item in doc["paths"].values()
                                   for method, operation in item.items()
                                   if method.upper() in _METHODS))
    schemes = doc["components"].get("securitySchemes", {})
    found = {"Authorization" for requirement in operation.get("security", doc.get("security"))
             or () for name in requirement if schemes.get(name, {}).get("type") == "http"}
    found.update(p["name"] for p in operation.get("parameters", []) if p.get("in") == "header")
    answers = operation.get("responses", {}).values()
    found.update(name for answer in answers for name in answer.get("headers", {}))
    if operation.get("requestBody", {}).get("content") or any(
            answer.get("content") for answer in answers):
        found.update(("Content-Type", "Content-Length"))
    return frozenset(found)


def _header_values(doc: dict[str, Any]) -> tuple[frozenset[str], frozenset[str],
                                                  dict[str, Mapping[str, Any]]]:
    """What ``doc`` says a header's value may be: the media types of its bodies (for
    ``Content-Type``), its HTTP authentication schemes (``Authorization`` and
    ``WWW-Authenticate``), and the schema of each header parameter and of each header an
    answer declares, by name casefolded.

    Example:
        >>> doc = {"components": {"securitySchemes": {"b": {"type": "http",
        ...                                                 "scheme": "bearer"}}},
        ...        "paths": {"/v": {"post": {
        ...            "parameters": [{"in": "header", "name": "Idempotency-Key",
        ...                            "schema": {"type": "string"}}],
        ...            "requestBody": {"content": {"application/json": {}}},
        ...            "responses": {"400": {"content": {"application/problem+json": {}}},
        ...                          "401": {"headers": {"WWW-Authenticate": {
        ...                              "schema": {"enum": ["Bearer"]}}}}}}}}}
        >>> media, schemes, schemas = _header_values(doc)
        >>> sorted(media), sorted(schemes), schemas
        (['application/json', 'application/problem+json'], ['bearer'], \
{'idempotency-key': {'type': 'string'}, 'www-authenticate': {'enum': ['Bearer']}})
    """
    operations = [op for item in doc["paths"].values() for method, op in item.items()
                  if method.upper() in _METHODS]
    media = {media.casefold() for op in operations
             for body in [op.get("requestBody", {}), *op.get("responses", {}).values()]
             for media in body.get("content", {})}
    schemes = {scheme["scheme"].casefold()
               for scheme in doc["components"].get("securitySchemes", {}).values()
               if scheme.get("type") == "http" and "scheme" in scheme}
    schemas = {p["name"].casefold(): p["schema"] for op in operations
               for p in op.get("parameters", []) if p.get("in") == "header" and "schema" in p}
    schemas.update((name.casefold(), header["schema"]) for op in operations
                   for answer in op.get("responses", {}).values()
                   for name, header in answer.get("headers", {}).items() if "schema" in header)
    return frozenset(media), frozenset(schemes), schemas


#: A value, or a part of one, written as a placeholder: `<token>`, `$TOKEN`, `${TOKEN}`,
#: `{token}`, `...`.
_PLACEHOLDER = re.compile(r"<[^<>]*>|\$\{?\w+\}?|\{\w+\}|\.\.\.|…")
_LOOPBACK = ("127.0.0.1", "localhost", "[::1]")
#: A Location header with its value: a path of the API, as a span of one is held.
_LOCATION = re.compile(r"^(?i:location):[ \t]+(?P<value>\S+)$")


def _location_path(value: str) -> tuple[str, bool]:
    """The path a ``Location`` written as ``value`` names, and whether it was written as a
    URL (a scheme and host, or a variable such as ``$BASE_URL`` before the path) rather
    than the path the API sends.

    Example:
        >>> [_location_path(v) for v in ("/v1/x", "https://example.com/v1/x?a=1",
        ...                              "$BASE_URL/x", "//example.com/v1/x")]
        [('/v1/x', False), ('/v1/x', True), ('', True), ('/v1/x', True)]
    """
    split = urlsplit(value)
    if split.scheme or value.startswith("//"):
        return split.path, True
    if re.match(rf"(?:{_PLACEHOLDER.pattern})/", value):
        return "", True  # a base URL's variable: the path under it is not known
    return value, False


def _location_problem(text: str, value: str, held: str | None, document: bool = False
                      ) -> str | None:
    """What is wrong with ``value``, a ``Location`` the API sends, written in the span
    ``text``, given ``held``, what is wrong with the path it names as a path of the API
    (None if nothing is): the API sends the new resource's path, never a URL.

    Example:
        >>> print(_location_problem("Location: https://example.com/v1/x",
        ...                         "https://example.com/v1/x", None, document=True))
        `Location: https://example.com/v1/x`: the API sends a path in Location, not a URL: `Location: /v1/x`
        >>> print(_location_problem("Location: https://example.com/x", "https://example.com/x",
        ...                         "`/x`: the API has no path /x", document=True))
        `Location: https://example.com/x`: the API sends a path of its own in Location, not a URL; `/x`: the API has no path /x
        >>> _location_problem("Location: /v1/x", "/v1/x", None) is None
        True
    """
    path, url = _location_path(value)
    if not url:
        return held
    if held is None and path.startswith(API_ROOT + "/"):
        said = f"the API sends a path in Location, not a URL: `Location: {path}`"
    else:
        said = ("the API sends a path of its own in Location, not a URL"
                + (f"; {held.removesuffix(_old_api(document))}" if held else ""))
    return f"`{text}`: {said}" + _old_api(document)


#: One parameter of a challenge (RFC 9110, section 11.2): a name, ``=`` with whitespace
#: around it or not, and a token or a quoted string.
_AUTH_PARAM = re.compile(r'\s*+([!#$%&\'*+.^_`|~\w-]+)\s*+=\s*+'
                         r'("(?:[^"\\]|\\.)*+"|[!#$%&\'*+.^_`|~\w-]++)\s*+(?:,|$)')


def _challenge(value: str) -> tuple[str, frozenset[tuple[str, str]]] | tuple[str, str]:
    """A ``WWW-Authenticate`` value as HTTP compares it (RFC 9110, section 11.2): its
    scheme and its parameters' names whatever their case, each parameter's value
    unquoted, in any order; as written, where the parameters do not parse.

    Example:
        >>> _challenge('bearer  Realm = "x", error="y"') == _challenge('Bearer error=y, realm="x"')
        True
        >>> [_challenge('Bearer realm="x"') == _challenge(v) for v in (
        ...     'Bearer realm="X"', 'Bearer realm="x', 'Bearer realm="x", realm=x')]
        [False, False, False]
    """
    scheme, _, rest = value.strip().partition(" ")
    rest, params, at = rest.strip(), {}, 0
    while at < len(rest):
        found = _AUTH_PARAM.match(rest, at)
        if found is None or found.end() == at or found[1].casefold() in params:
            return scheme.casefold(), rest  # not parameters HTTP reads: compared as written
        quoted = found[2]
        params[found[1].casefold()] = (re.sub(r"\\(.)", r"\1", quoted[1:-1])
                                       if quoted.startswith('"') else quoted)
        at = found.end()
    return scheme.casefold(), frozenset(params.items())


def _stub_parsers() -> dict[str, Callable[[str], object]]:
    """The stub's own parser of each header whose value it reads, by name casefolded:
    what it says of a value it refuses is what the API answers (``The {name} header
    {reason}.``)."""
    from cloudws import idempotency

    return {idempotency.HEADER.casefold(): idempotency.parse_key}


def _header_value_problem(text: str, name: str, value: str, contract: Contract,
                          document: bool = False) -> str | None:
    """What is wrong with ``value``, written for the header ``name`` in the span ``text``,
    as a value the API reads or sends; None if nothing is, if the API says nothing of
    its values, or if the part it says something of is a placeholder.

    Example:
        >>> contract = Contract.build({"components": {"schemas": {}, "securitySchemes": {
        ...     "b": {"type": "http", "scheme": "bearer"}}}, "paths": {"/v": {"post": {
        ...     "operationId": "v", "security": [{"b": []}],
        ...     "parameters": [{"in": "header", "name": "K", "schema": {
        ...         "type": "string", "format": "sf-string", "pattern": '^"[a-z0-9-]+"$',
        ...         "description": "A quoted string of lowercase letters, digits and -."}}],
        ...     "requestBody": {"content": {"application/json": {"schema": {}}}},
        ...     "responses": {"201": {"content": {"application/json": {"schema": {}}}},
        ...                   "401": {"headers": {"WWW-Authenticate": {"schema": {
        ...                       "type": "string", "enum": ['Bearer realm="r"']}}}}}}}},
        ...     "servers": [{"url": "https://api.example.com"}]}, {}, set())
        >>> for text in ("Content-Type: Text/Plain", "Authorization: Basic dTpw",
        ...              "Authorization: Bearer", "WWW-Authenticate: Bearer",
        ...              "Host: api.example.com/v1/",
        ...              "Host: example.com", "Host: localhost:x", "K: a-1", "K: 'a-1'", 'K: "A"',
        ...              "K: <key>"):
        ...     name, _, value = text.partition(":")
        ...     print(_header_value_problem(text, name, value, contract, document=True))
        `Content-Type: Text/Plain`: the API's bodies are application/json, not Text/Plain
        `Authorization: Basic dTpw`: the API's authentication scheme is Bearer, not Basic
        `Authorization: Bearer`: a request's Authorization carries a token after the scheme (`Authorization: Bearer <token>`); one without it, the API answers 401: "The Authorization header has no token after Bearer: is the variable that holds it set?"
        `WWW-Authenticate: Bearer`: the API sends `WWW-Authenticate: Bearer realm="r"`
        `Host: api.example.com/v1/`: a Host is a host and port alone, without a path or a scheme: api.example.com
        `Host: example.com`: not the API's host (api.example.com), nor this machine's (127.0.0.1, localhost, [::1]), with a port or not
        `Host: localhost:x`: a port is a number from 1 to 65535
        `K: a-1`: K is a quoted string (a Structured Field String): `K: "a-1"`
        `K: 'a-1'`: K is a quoted string (a Structured Field String): `K: "a-1"`
        `K: "A"`: not a value of K the API takes: A quoted string of lowercase letters, digits and -.
        `K: <key>`: K is a quoted string (a Structured Field String): `K: "<key>"`

    Where the stub has a parser of the header's values (:func:`_stub_parsers`), what the
    API answers to the value is quoted; on a page, a value shown wrong on purpose is
    followed by ``{ .no-ref }``:

        >>> from dataclasses import replace
        >>> print(_header_value_problem('Idempotency-Key: ""', "Idempotency-Key", ' ""',
        ...                             replace(contract, header_schemas={
        ...                                 "idempotency-key": {"pattern": "^x$"}})))
        `Idempotency-Key: ""`: the API answers 400: "The Idempotency-Key header must not be \
empty." (if it is meant, as the old API's or a mistake shown on purpose: follow it with \
{ .no-ref })
        >>> [_header_value_problem(t, *t.split(": "), contract) for t in (
        ...     "Content-Type: application/json; charset=utf-8", "Authorization: Bearer <token>",
        ...     "Host: 127.0.0.1:8000", 'K: "a-1"', "X-Other: anything", "Host: $HOST",
        ...     "Authorization: ${AUTH}", "Content-Type: {type}", 'K: "<key>"', "K: ...",
        ...     "K: …", 'K: <"key">',
        ...     'WWW-Authenticate: bearer realm="r"')]
        [None, None, None, None, None, None, None, None, None, None, None, None, None]
    """
    said = _header_value_said(text, name, value, contract)
    return said + _old_api(document) if said else None


def _header_value_said(text: str, name: str, value: str, contract: Contract) -> str | None:
    """:func:`_header_value_problem`, without what to do when it is meant."""
    key, value = name.casefold(), value.strip(": \t")
    if (value and _PLACEHOLDER.fullmatch(value) and not re.search(r'["\']|\.\.\.|…', value)
            and contract.header_schemas.get(key, {}).get("format") == "sf-string"):
        # the quotes are the API's: a placeholder stands inside them
        return (f"`{text}`: {name.strip()} is a quoted string (a Structured Field String): "
                f"`{name.strip()}: \"{value}\"`")
    if not value or _PLACEHOLDER.fullmatch(value):
        return None
    if key == "content-type" and contract.media_types:
        media = value.split(";")[0].strip()
        if media.casefold() not in contract.media_types and not _PLACEHOLDER.search(media):
            return (f"`{text}`: the API's bodies are {_listing(contract.media_types)}, not "
                    f"{media}")
    elif key in ("authorization", "www-authenticate") and contract.schemes:
        scheme = value.split()[0]
        if scheme.casefold() not in contract.schemes and not _PLACEHOLDER.search(scheme):
            said = " or ".join(s.capitalize() for s in sorted(contract.schemes))
            return f"`{text}`: the API's authentication scheme is {said}, not {scheme}"
        token = value[len(scheme):].strip()
        if (key == "authorization" and scheme.casefold() == "bearer" and token
                and _TOKEN_LIKE.fullmatch(token)):  # `Authorization: Bearer cws_live_me`
            said = _token_span_problem(token, document=True)
            if said:
                return f"`{text}`: {said.partition(': ')[2]}"
        if key == "authorization" and value == scheme and scheme.casefold() == "bearer":
            # a request's credentials carry a token
            from cloudws.tokens import token_problem

            return (f"`{text}`: a request's Authorization carries a token after the scheme "
                    f"(`{name.strip()}: Bearer <token>`); one without it, the API answers "
                    f'401: "{token_problem([value.encode()])}"')
        sent = contract.header_schemas.get(key, {}).get("enum", ())
        if sent and not _PLACEHOLDER.search(value) and _challenge(value) not in {
                _challenge(v) for v in sent}:  # what the API sends, its parameters too
            return f"`{text}`: the API sends `{name.strip()}: {' or '.join(sent)}`"
    elif key == "host" and contract.hosts and not _PLACEHOLDER.search(value):
        if re.search(r"[/?#@]", value):
            return (f"`{text}`: a Host is a host and port alone, without a path or a scheme: "
                    f"{_listing(contract.hosts)}")
        try:
            split = urlsplit(f"//{value}")
            host, _ = split.hostname, split.port  # a port that is no number: ValueError
        except ValueError:
            return f"`{text}`: a port is a number from 1 to 65535"
        if split.port == 0:
            return f"`{text}`: a port is a number from 1 to 65535"
        if host is None or (host not in contract.hosts and host not in _LOOPBACK
                            and f"[{host}]" not in _LOOPBACK):
            return (f"`{text}`: not the API's host ({_listing(contract.hosts)}), nor this "
                    f"machine's ({', '.join(_LOOPBACK)}), with a port or not")
    elif key in contract.header_schemas and not _PLACEHOLDER.search(value):
        from jsonschema import Draft202012Validator

        schema = contract.header_schemas[key]
        if not Draft202012Validator(schema).is_valid(value):
            if schema.get("format") == "sf-string" and not value.startswith('"'):
                bare = value.strip("'")  # quoted as a shell would
                return (f"`{text}`: {name} is a quoted string (a Structured Field String): "
                        f"`{name}: \"{bare}\"`")
            parse = _stub_parsers().get(key)
            try:
                if parse is not None:
                    parse(value)
            except ValueError as refused:
                return f'`{text}`: the API answers 400: "The {name} header {refused}."'
            return (f"`{text}`: not a value of {name} the API takes: "
                    + (schema.get("description") or "see its schema in the OpenAPI document"))
    return None


def _called_headers(spans: list[_Span], prose: str) -> set[int]:
    """The starts of the spans the prose calls headers: right before or after the word
    "header" (or "headers"), alone or in a list of spans it names so.

    Example:
        >>> prose = "the `A-B`, `C-D`, and `E` headers; `F` header; the header `G`; `H`"
        >>> spans = [_Span(m.start(), m.end(), 1, m[1], None, False)
        ...          for m in re.finditer(r"`([^`]*)`", prose)]
        >>> sorted(s.text for s in spans if s.start in _called_headers(spans, prose))
        ['A-B', 'C-D', 'E', 'F', 'G']
        >>> prose = "the `I-K` header `k-1`, a `no-store` header value"  # values
        >>> spans = [_Span(m.start(), m.end(), 1, m[1], None, False)
        ...          for m in re.finditer(r"`([^`]*)`", prose)]
        >>> sorted(s.text for s in spans if s.start in _called_headers(spans, prose))
        ['I-K']
    """
    return _called(spans, prose, _CALLED_BEFORE, _CALLED_AFTER, _VALUE_AFTER)


def _called_fields(spans: list[_Span], prose: str) -> set[int]:
    """The starts of the spans the prose calls fields: right before or after the word
    "field" (or "fields"), alone or in a list of spans it names so.

    Example:
        >>> prose = ("the `status` field; the fields `a` and `b`; `c`, `d` fields; `e` is; "
        ...          "values of a field (`f`, `g`); the `code` field `x`; the `status` "
        ...          "field: `y` or `z`")
        >>> spans = [_Span(m.start(), m.end(), 1, m[1], None, False)
        ...          for m in re.finditer(r"`([^`]*)`", prose)]
        >>> sorted(s.text for s in spans if s.start in _called_fields(spans, prose))
        ['a', 'b', 'c', 'code', 'd', 'status', 'status']
    """
    return _called(spans, prose, _FIELD_BEFORE, _FIELD_AFTER, _FIELD_VALUE_AFTER)


def _called_parameters(spans: list[_Span], prose: str) -> set[int]:
    """The starts of the spans the prose calls parameters: right before or after the word
    "parameter" ("query parameter", "path parameter"...), alone or in a list of spans it
    names so.

    Example:
        >>> prose = ("a `force` query parameter; the parameters `a` and `b`; the `status` "
        ...          "parameter `running`; an unknown parameter, such as `x`; `y` is")
        >>> spans = [_Span(m.start(), m.end(), 1, m[1], None, False)
        ...          for m in re.finditer(r"`([^`]*)`", prose)]
        >>> sorted(s.text for s in spans if s.start in _called_parameters(spans, prose))
        ['a', 'b', 'force', 'status']
    """
    return _called(spans, prose, _PARAMETER_BEFORE, _PARAMETER_AFTER, _PARAMETER_VALUE_AFTER)


def _called(spans: list[_Span], prose: str, before_it: re.Pattern[str],
            after_it: re.Pattern[str], value_after: re.Pattern[str] | None = None) -> set[int]:
    """The starts of the spans (or of the lists of them) that ``before_it`` ends the prose
    before, unless ``value_after`` makes them a value, or ``after_it`` starts it after."""
    runs: list[list[_Span]] = []
    for span in sorted(spans, key=lambda s: s.start):
        if runs and _LIST_JOIN.match(prose[runs[-1][-1].end:span.start]):
            runs[-1].append(span)
        else:
            runs.append([span])

    def before(run: list[_Span]) -> bool:
        text = prose[max(0, run[0].start - 40):run[0].start]
        return before_it.search(text) is not None and (
            value_after is None or value_after.search(text) is None)

    return {span.start for run in runs
            if before(run) or after_it.match(prose[run[-1].end:run[-1].end + 400])
            for span in run}


#: HTTP's common fields of one word (from IANA's registry of permanent ones, not all of
#: them; not ``Server``, which servers send or not): a word alone names a header only
#: when it is one of these.
_ONE_WORD_FIELDS = frozenset({
    "Accept", "Age", "Allow", "Authorization", "Connection", "Cookie", "Date", "ETag",
    "Expect", "Expires", "Forwarded", "From", "Host", "Link", "Location", "Origin", "Prefer",
    "Priority", "Range", "Referer", "Refresh", "TE", "Trailer", "Upgrade", "Vary", "Via"})
_ONE_WORD = frozenset(field.casefold() for field in _ONE_WORD_FIELDS)  # as HTTP reads them


def _whose(operations: list[str]) -> str:
    """``operations`` named as a reader reads them: "createVolume and createWorkstation"."""
    return (f"{', '.join(operations[:-1])} and {operations[-1]}" if len(operations) > 1
            else operations[0])


def _header_problem(text: str, called: bool, contract: Contract, document: bool = False,
                    scope: Scope | None = None) -> str | None:
    """For a span that names a header the API (or the operation of ``scope``) neither
    reads nor sends, what to write; None for any other span. A span names a header when
    the prose calls it one (``called``), when it is written with a value
    (``Retry-After: 5``), or when it is an ``X-`` one; its name must then be words joined
    by hyphens, or one of HTTP's fields of one word (another word alone, such as
    ``Status`` in "the ``Status`` header of a table", is too often something else). Names
    are matched whatever their case, as HTTP reads them.

    Example:
        >>> scope = Scope("the API", frozenset(), frozenset(), frozenset())
        >>> contract = Contract(scope, {}, {}, {}, frozenset(), {},
        ...                     headers=frozenset({"Location", "Content-Type"}))
        >>> print(_header_problem("Retry-After", True, contract))
        `Retry-After` is not a header of the API: the ones it reads and sends are \
Content-Type, Location (to name one the API does not use on purpose, follow it with \
{ .no-ref })
        >>> [_header_problem(t, False, contract) is not None
        ...  for t in ("X-Request-Id", "Retry-After: 1", "Accept: text/html")]
        [True, True, True]
        >>> print(_header_problem("X-Request-Id", False, contract, document=True))
        `X-Request-Id` is not a header of the API: the ones it reads and sends are \
Content-Type, Location (to name one the API does not use, say so without the backticks)
        >>> [_header_problem(t, False, contract)  # not said to be a header
        ...  for t in ("Retry-After", "UTF-8", "ISO-8601", "members: true", "x-codeSamples",
        ...            "Example:", "TypeError: fetch failed", "ETag")]
        [None, None, None, None, None, None, None, None]
        >>> [_header_problem(t, True, contract)  # a word not HTTP's, or the API's
        ...  for t in ("Status", "Server", "location", "content-type")]
        [None, None, None, None]
        >>> print(_header_problem("ETag", True, contract))  # doctest: +ELLIPSIS
        `ETag` is not a header of the API: ...
        >>> get = Scope("getVolume", frozenset(), frozenset(), frozenset(),
        ...             headers=frozenset({"Content-Type"}))
        >>> print(_header_problem("Location", True, contract, scope=get))
        `Location` is not a header of getVolume: the ones it reads and sends are \
Content-Type (to name one it does not use on purpose, follow it with { .no-ref })
        >>> create = Scope("createVolume", frozenset(), frozenset(), frozenset(),
        ...                headers=frozenset({"Location", "Content-Type"}))
        >>> contract = Contract(scope, {"createVolume": create, "getVolume": get}, {}, {},
        ...                     frozenset(), {}, headers=create.headers)
        >>> print(_header_problem("location", True, contract, scope=get))
        `location` is not a header of getVolume: the ones it reads and sends are \
Content-Type (it is createVolume's: link it to that operation's page)
        >>> keyed = Scope("createVolume", frozenset(), frozenset(), frozenset(),
        ...               headers=frozenset({"Idempotency-Key", "Content-Type"}))
        >>> keys = Contract(scope, {"createVolume": keyed, "getVolume": get}, {}, {},
        ...                 frozenset(), {}, headers=keyed.headers)
        >>> print(_header_problem("Idempotent-Key", False, keys, scope=get))  # a letter off
        `Idempotent-Key` is not a header of getVolume; did you mean `Idempotency-Key`? \
(`Idempotency-Key` is createVolume's: link it to that operation's page; the ones getVolume \
reads and sends are Content-Type) (to name it as it is, on purpose: follow it with \
{ .no-ref })
        >>> _header_problem("etag", True, contract) is not None  # HTTP's, in any case
        True
    """
    header = _HEADER.match(text)
    if header is None or not contract.headers:
        return None
    resource = _RESOURCE_ID.match(text)
    if _KIND.match(text) or resource and resource["prefix"] in contract.id_patterns:
        return None  # a value of the API's (a machine type, an ID), which its checks hold
    name = header["name"]
    # as HTTP writes one: capitalised words joined by hyphens, with a value; or an X- name
    written = (name[0].isupper() and (header["value"] or "").strip(": \t") != ""
               or re.match(r"X-[A-Z0-9]", name) is not None)
    if "-" not in name and name.casefold() not in _ONE_WORD:
        return None
    meant = _a_header_a_letter_off(name, contract.headers)
    if not (written or called or meant):
        return None
    of, headers = ((scope.name, scope.headers) if scope is not None and scope.headers
                   else ("the API", contract.headers))
    ours = {h.casefold() for h in headers}
    if name.casefold() in ours:
        return _header_value_problem(text, name, header["value"] or "", contract, document)

    def owners(header: str) -> list[str]:  # the operations that read or send it
        return sorted(op for op, other in contract.operations.items()
                      if header.casefold() in {h.casefold() for h in other.headers})

    def link(operations: list[str], it: str = "it") -> str:
        return (f"{it} is {_whose(operations)}'s: link it to "
                + ("the page of one of them" if len(operations) > 1 else "that operation's page"))

    if meant:  # and, where it is another operation's, that it needs that one's page too
        elsewhere = [] if meant.casefold() in ours else owners(meant)
        if meant.casefold() in ours:
            listed = ""
        elif elsewhere and not document:
            listed = (f" ({link(elsewhere, f'`{meant}`')}; the ones {of} reads and sends are "
                      f"{_listing(headers)})")
        else:
            listed = f" (the ones it reads and sends are {_listing(headers)})"
        return (f"`{text}` is not a header of {of}; did you mean `{meant}`?{listed}"
                + (" (to name it as it is, say so without the backticks)" if document else
                   " (to name it as it is, on purpose: follow it with { .no-ref })"))
    others = owners(name)
    it = "the API" if of == "the API" else "it"
    if others:
        if document:
            then = (f"it is {_whose(others)}'s: say it in the description of "
                    f"{'one of them' if len(others) > 1 else 'that operation'}, or say it "
                    "without the backticks")
        else:
            then = link(others)
    elif document:
        then = f"to name one {it} does not use, say so without the backticks"
    else:
        then = f"to name one {it} does not use on purpose, follow it with {{ .no-ref }}"
    return (f"`{text}` is not a header of {of}: the ones it reads and sends are "
            f"{_listing(headers)} ({then})")


def _field_problem(text: str, scope: Scope, contract: Contract, document: bool = False,
                   called: str = "field") -> str | None:
    """For a span the prose calls a field (or, ``called``, a parameter), written as the API
    writes its fields (``snake_case``) but none of them, what to write; None for any other
    span (a field of another operation is told by :func:`_check_span`).

    Example:
        >>> scope = Scope("getWorkstation", frozenset(), frozenset(),
        ...               frozenset({"status", "machine_type"}))
        >>> contract = Contract(scope, {}, {}, {}, frozenset(), {})
        >>> print(_field_problem("state", scope, contract))
        `state` is called a field, but getWorkstation has no such field; did you mean `status`? (to name one it does not have on purpose, follow it with { .no-ref })
        >>> print(_field_problem("kind", scope, contract, document=True))
        `kind` is called a field, but getWorkstation has no such field (its fields and parameters are machine_type, status; to name one it does not have, say so without the backticks)
        >>> [_field_problem(t, scope, contract) for t in ("status", "Status", "a-b", "x.y")]
        [None, None, None, None]
        >>> print(_field_problem("force", scope, contract, called="parameter"))
        `force` is called a parameter, but getWorkstation has no such parameter (it takes none; to name one it does not have, follow it with { .no-ref })
    """
    if not _NAME.match(text) or (text in scope.fields or text in contract.field_schemas
                                 if called == "field" else any(
                                     text in taken for taken in contract.inputs.values())
                                 or text in _parameters_of(contract.api, contract)):
        return None  # (a parameter: one some operation takes, as a parameter or in its body)
    named = scope.fields if called == "field" else _parameters_of(scope, contract)
    close = difflib.get_close_matches(text, sorted(named), n=1, cutoff=0.6)
    then = ("say so without the backticks" if document
            else "follow it with { .no-ref }")
    if close:
        return (f"`{text}` is called a {called}, but {scope.name} has no such {called}; did "
                f"you mean `{close[0]}`? (to name one it does not have on purpose, {then})")
    listed = (f"its fields and parameters are {_listing(scope.fields)}" if called == "field"
              else f"its parameters are {_listing(named)}" if named else "it takes none")
    return (f"`{text}` is called a {called}, but {scope.name} has no such {called} ({listed}; "
            f"to name one it does not have, {then})")


def _not_its_parameter(span: _Span, prose: str, page: Page, scope: Scope, contract: Contract
                       ) -> str | None:
    """On an endpoint page, for a name called a parameter that another operation takes but
    the page's does not ("the `id` path parameter" on List workstations' page), what to
    write; None where its clause names another operation, whose it may be."""
    if not page.operation or span.link is not None:
        return None
    taken = _parameters_of(scope, contract) | {
        name for op, inputs in contract.inputs.items()
        if re.search(rf"\b{re.escape(op)}\b", scope.name) for name in inputs}
    start, end = _clause(span, prose)
    verbs = {_verb(op) for op in contract.operations} - {_verb(page.operation)}
    if span.text in taken or _named_operations(prose[start:end], page, contract) - {
            page.operation} or re.search(rf"\b(?:{'|'.join(sorted(verbs))})s?\b",
                                         prose[start:end], re.IGNORECASE):
        return None  # (another operation named, by a link or its verb: "a get takes")
    listed = _parameters_of(scope, contract)
    return (f"`{span.text}` is called a parameter, but {scope.name} takes no such parameter "
            f"({f'its parameters are {_listing(listed)}' if listed else 'it takes none'}); "
            "another operation's: link it to that operation's page")


def _parameters_of(scope: Scope, contract: Contract) -> frozenset[str]:
    """The names of the parameters (of its path and its query) the operations of ``scope``
    take (a page's: its operation's, and the one it shows beside it); for the API's scope,
    those any operation takes.

    Example:
        >>> requests = {"listVolumes": ("GET", "/v1/volumes"),
        ...             "deleteVolume": ("DELETE", "/v1/volumes/{id}")}
        >>> api = Scope("the API", frozenset(), frozenset(), frozenset())
        >>> contract = Contract(api, {}, {}, {}, frozenset(), {}, requests=requests,
        ...                     queries={("/v1/volumes", "GET"): {"limit": {}}})
        >>> shown = Scope("deleteVolume (or a removed one, on its page)", frozenset(),
        ...               frozenset(), frozenset())
        >>> sorted(_parameters_of(shown, contract)), sorted(_parameters_of(api, contract))
        (['id'], ['id', 'limit'])
    """
    named = [request for op, request in contract.requests.items()
             if re.search(rf"\b{re.escape(op)}\b", scope.name)]  # (a page's: "deleteWorkstation
    requests = named or list(contract.requests.values())  # (or removedDeleteWorkstation...)")
    return frozenset().union(*(
        {*re.findall(r"\{(\w+)\}", path), *contract.queries.get((path, method), {})}
        for method, path in requests))


#: Whose a field is, said just before it: "a workstation's `volume_ids`".
_OWNER = re.compile(r"\b(?P<kind>workstation|volume)'s\s+$", re.IGNORECASE)
#: After a name, words that say it is none: "`workstation_id` is not a field".
_DENIED = re.compile(r"^\s+(?:is|are)\s+(?:not|no)\b|^\s+(?:isn't|aren't)\b", re.IGNORECASE)
#: A field read from a workstation or a volume, as the examples name them:
#: ``workstation.volume_ids`` (JavaScript), ``volume["size_gb"]`` (Python).
_READ_FIELD = re.compile(r"^(?P<kind>workstation|volume)(?:\.(?P<dotted>[a-z][a-z0-9_]*)"
                         r"|\[(?P<quote>[\"'])(?P<key>[a-z][a-z0-9_]*)(?P=quote)\])$")
#: What a model of the stub's has that is none of its fields, but pydantic's own
#: (``workstation.model_fields``, ``volume.model_dump``): read after a dot, never a field.
_MODEL_API = frozenset(name for name in dir(BaseModel) if not name.startswith("_"))


#: Before a word said to become or stay, a subject that is no workstation: "the key stays".
_NOT_A_WORKSTATION = re.compile(
    r"\b(?:key|token|volume|cursor|header|connection|body|request|page)s?\s+(?:\w+\s+)?"
    r"(?:stays?|remains?|becomes?|turns?|is\s+(?:now|then|left))\s+\[?$", re.IGNORECASE)
#: Right before a word, "leaves it (in)": what "it" is may be a volume the sentence named
#: before ("Deleting `ws-12345` keeps `vol-data12345`: the delete leaves it `detached`").
_LEAVES_IT = re.compile(r"\b(?:leaves?|left|leaving)\s+(?:it|them)\s+(?:in\s+)?\[?$",
                        re.IGNORECASE)
_A_VOLUME = re.compile(r"\bvolumes?\b|`vol-", re.IGNORECASE)
#: What says a sentence is about another API than this one: "in other clouds".
_OTHER_APIS = re.compile(r"\b(?:other|some|many)\s+(?:clouds?|APIs?|providers?|services?)\b",
                         re.IGNORECASE)


def _state_problem(span: _Span, prose: str, contract: Contract) -> str | None:
    """What is wrong with ``span`` said to be a state ("moves it to `deleting`", "becomes
    `stopping`", "the `suspended` state"): a word that is none of the values of the API's
    ``status`` (a field, an error code or another enum's value, such as a machine type an
    update "changes to", is no state said); None if nothing is.

    Example:
        >>> contract = Contract(Scope("the API", frozenset(), frozenset(), frozenset()), {},
        ...                     {"not_found": 404}, {"volume_ids": ("Workstation",)},
        ...                     frozenset(), {}, enums={"status": frozenset({"running",
        ...                     "stopped"}), "machine_type": frozenset({"standard-4"})})
        >>> prose = ("Stop moves it to `deleting`; it becomes `stopped`, or the `paused` "
        ...          "state, and goes back to `running`. It changes to `standard-4`; the "
        ...          "`volume_ids` state; it stays `stopping`; set it to `true`; its name "
        ...          "becomes `dev-box`; there is no `starting` state; the old delete is now "
        ...          "`deprecated`. While the workstation is `stopping`, it is `chunked`; "
        ...          "once it's `stoped`, they are `detached`; only a `halted` one, a "
        ...          "`stopped` one, a `standard-4` workstation.")
        >>> for m in re.finditer(r"`([^`]+)`", prose):
        ...     said = _state_problem(_Span(m.start(), m.end(), 1, m[1], None, False),
        ...                           prose, contract)
        ...     if said:
        ...         print(said)
        `deleting` is said to be a state, but a workstation's states (its `status`) are running, stopped
        `paused` is said to be a state, but a workstation's states (its `status`) are running, stopped
        `stopping` is said to be a state, but a workstation's states (its `status`) are running, stopped; did you mean `stopped`?
        `stopping` is said to be a state, but a workstation's states (its `status`) are running, stopped; did you mean `stopped`?
        `stoped` is said to be a state, but a workstation's states (its `status`) are running, stopped; did you mean `stopped`?
        `halted` is said to be a state, but a workstation's states (its `status`) are running, stopped
    """
    states = contract.enums.get("status")
    if (not states or span.opted_out or not _WORD.match(span.text) or span.text in _NO_STATE or span.text in contract.field_schemas
            or span.text in contract.code_status
            or span.text in contract.values):
        return None
    before = prose[max(0, span.start - 60):span.start]
    clause = re.split(r"[.;:!?]\s|\n\n", before)[-1]
    close = difflib.get_close_matches(span.text, sorted(states), n=1, cutoff=0.6)
    said = (_STATE_BEFORE.search(before) or _STATE_AFTER.match(prose[span.end:span.end + 40])
            or (_AS_A_STATE_BEFORE.search(before)
                and _AS_A_STATE_AFTER.match(prose[span.end:span.end + 40]))
            or (close and _STATE_BEFORE_IF_CLOSE.search(before)))
    if _LEAVES_IT.search(before) and _A_VOLUME.search(
            prose, _clause(span, prose, brackets=False)[0], span.start):
        return None  # ("it" may be a volume the sentence named)
    if (not said or _NOT_A_WORKSTATION.search(before) or _OTHER_APIS.search(clause)
            or not (close or _STATE_SHAPED.match(span.text)) or _NEGATION.search(clause)):
        return None  # (a state the API has not, said so: "there is no `paused` state";
        # another's: "the key stays `reserved`", "other clouds have a `stopping` state")
    return (f"`{span.text}` is said to be a state, but a workstation's states (its `status`) "
            f"are {_listing(states)}" + (f"; did you mean `{close[0]}`?" if close else ""))


#: After "required": what makes it a condition or a purpose ("required for every page
#: after the first", "required to include"), which the check does not read; "on create"
#: names the operation, which it does (:func:`_named_operations`).
_UNCONDITIONED = (r"(?!\s+(?:to|for|if|whenever|unless|only|in|by|with|after|before|once"
                  r"|where|while|when(?!\s+(?:creating|updating|listing|you\s+(?:create|update"
                  r"|list))\b)|on(?!\s+(?:(?:an?|the|each|every)\s+)?(?:(?:workstation|volume)\s+)?"
                  r"(?:create|update|list|delete|start|stop)s?\b|\s+\[))\b)")
#: After a span, what says whether a request must send it: "`name` is required", "`x`
#: and `y` are both optional", "`limit` is an optional query parameter", "is not
#: optional", "`size_gb` (optional)", "`x` (string, required)", "`x`: required".
_REQUIRED_AFTER = re.compile(
    rf"^{_LINKED}(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+)\[?`[^`\n]+`{_LINKED})*"  # a list's rest
    r"(?:\s+(?:query\s+|request\s+)?(?:field|member|property|parameter|header|key)s?)?"
    r"(?:,\s+which)?\s+(?:(?P<isnt>isn't|aren't)|is|are)\s+"
    r"(?:(?:always|also|still|then|both|all|each|likewise)\s+)*"
    r"(?P<no>(?:not|never|no\s+longer)\s+)?(?:(?:always|also|still)\s+)?(?:an?\s+)?"
    rf"(?P<word>optional|required|mandatory)\b{_UNCONDITIONED}"
    rf"|^{_LINKED}\s+_?\((?:[^()\n]*?,\s*)?(?P<aside>optional|required)\)"
    rf"|^{_LINKED}:\s+(?P<colon>optional|required)\b{_UNCONDITIONED}", re.IGNORECASE)
#: Before a span, the same said as its adjective: "the optional `disk_size_gb`".
_REQUIRED_BEFORE = re.compile(r"\b(?P<word>optional|required|mandatory)\s+\[?$",
                              re.IGNORECASE)
#: Before a span, "without" it, and after it, in its sentence, a default it is said to take
#: instead: the span is said to be optional ("Without a `size_gb`, a volume gets the
#: default size").
_WITHOUT_BEFORE = re.compile(r"\bwithout\s+(?:an?\s+|the\s+|its\s+|any\s+)?\[?$",
                             re.IGNORECASE)
_DEFAULT_AFTER = re.compile(r"^(?:(?!\b(?:no|not|never|fails?|failed|refused|rejected|rather|"
                            r"instead|since)\b|n['’]t\b)[^.;!?\n`])*?\bdefaults?\b",
                            re.IGNORECASE)
#: After a span, what the adjective before it is said of instead: "the required
#: `Idempotency-Key` format".
_ITS_SHAPE = re.compile(rf"^{_LINKED}\s+(?:format|value|syntax|shape|pattern|length|form|type)s?"
                        r"\b", re.IGNORECASE)
#: Before a span, what says it alone is required: "only `name` is required".
_ONLY = re.compile(r"\b(?:only|just)\s+(?:the\s+)?\[?$", re.IGNORECASE)
#: Before a span, the name it is an alternative to: "`cursor` or `limit` is required".
_ONE_OF = re.compile(rf"`{_LINKED},?\s+or\s+\[?$")
#: In the sentence, what makes it say something else than what a request must send:
#: "neither ... nor", "whether", what an answer holds.
_NOT_WHAT_IS_SENT = re.compile(r"\b(?:neither|nor|whether|answers?|responses?|returns?|"
                               r"returned)\b", re.IGNORECASE)
_WHERE_IT_GOES = {"body": "in the request body", "query": "as a query parameter",
                  "header": "as a header"}


#: A member of a problem shown alone with its value: ``"title": "Not Found"``, ``"code":
#: "not_found"``.
_PROBLEM_MEMBER = re.compile(r'^"(?P<name>title|code)"\s*:\s*"(?P<value>[^"]+)"$')


#: After a problem's member, what says it names something of this request: "the `title`
#: names the field", "`code` tells you which workstation".
_NAMES_OF_THE_REQUEST = re.compile(
    rf"^{_LINKED}\s+(?:member\s+|field\s+)?(?:names?|says?|tells?(?:\s+you)?|gives?|lists?"
    r"|contains?|carries|includes?|holds?|shows?)\s+(?:which\s+|what\s+|the\s+|its\s+|each\s+)?"
    r"(?:current\s+|offending\s+|exact\s+|invalid\s+)?(?P<what>resource|field|ID|workstation"
    r"|volume|value|parameter)s?\b", re.IGNORECASE)


@functools.cache
def _fixed_members() -> frozenset[str]:
    """The members of a problem that its error code alone decides (its ``type``, ``title``,
    ``status`` and ``code``), as the stub makes a problem: those that do not change with
    what went wrong with the request."""
    from cloudws.errors import problem_body

    one, other = (problem_body("validation_error", "one", None),
                  problem_body("validation_error", "other", [{"loc": "x", "msg": "y"}]))
    return frozenset(name for name, value in one.items() if other.get(name) == value)


def _member_problem(span: _Span, prose: str, contract: Contract) -> str | None:
    """What is wrong with a problem's member said to name what went wrong with this
    request ("the `title` names the field"), when the error code alone decides it; None
    if it is said of another (`detail`), of a name other schemas have too (a
    workstation's `status` says its state), or nothing is said."""
    if contract.field_schemas.get(span.text) != ("Problem",):
        return None
    said = _NAMES_OF_THE_REQUEST.match(prose[span.end:span.end + 80])
    clause = prose[_clause(span, prose)[0]:span.start]
    if said is None or span.text not in _fixed_members() or not re.search(
            r"\b(?:problem|error|answer|response)s?\b|\bits\b|\bthe\s+$", clause, re.IGNORECASE):
        return None
    return (f"`{span.text}` is said to name the {said['what'].lower()}, but a problem's "
            f"`{span.text}` is the same for every request that gets its error: what went wrong "
            "with this request is in its `detail` (and each field in `errors`)")


#: A media type, written alone: "`application/json`".
_MEDIA_TYPE = re.compile(r"(?:application|text|image|audio|video|multipart|message|font|model)/"
                         r"[a-z0-9.+-]+", re.IGNORECASE)


#: Before a media type, a client said to send it: "Some clients send", "curl's `-d`
#: sends", "your code sends", "a form sends".
_CLIENT_SENDS = re.compile(
    r"\b(?:clients?|curl|browsers?|forms?|librar(?:y|ies)|tools?|you|your|httpx|requests|fetch|"
    r"node|python|-d|--data|--form|-F)\b[^.;:!?]*\b(?:sends?|sent|sending|posts?|uses?)\s+"
    r"(?:\w+\s+){0,3}$", re.IGNORECASE)


def _media_type_problem(span: _Span, spans: Sequence[_Span], prose: str,
                        contract: Contract) -> str | None:
    """What is wrong with a media type written alone: one the API neither sends nor takes
    ("`application/xml`"), unless its clause shows it refused ("gets `415`", or an error
    status anywhere in it); or, said of
    a problem or an error, not the problems' own ("errors are sent as `application/json`")."""
    if not contract.media_types or not _MEDIA_TYPE.fullmatch(span.text) or span.link:
        return None
    said = span.text.lower()
    start, end = _clause(span, prose)
    if said not in contract.media_types:
        if _said_ignored(span, prose) or _refused_in_clause(
                span, spans, prose, contract.code_status) or any(
                (status := _STATUS.match(other.text)) and int(status["status"]) >= 400
                for other in spans if start <= other.start < end) or not re.search(
                    r"\b(?:answers?|responses?|problems?|errors?|API)\b[^.;:]*\b(?:sent|sends?|"
                    r"returns?|returned|answers?|comes?\s+back|served)\b|\b(?:sends?|returns?|"
                    r"answers?\s+with|serves?)\s+(?:\w+\s+){0,3}$",
                    prose[start:span.start], re.IGNORECASE) or _CLIENT_SENDS.search(
                        prose[start:span.start]):
            return None  # (what a request sends, or shown refused: "`text/plain` gets `415`";
            # what a client sends: "some clients send `text/plain` by default")
        return (f"`{span.text}` is no media type of the API's: it sends and takes "
                f"{_listing(contract.media_types)}")
    problems = sorted(t for t in contract.media_types if "problem" in t)
    status_before = [s for s in spans if start <= s.start < span.start and _STATUS.match(s.text)]
    if (problems and said not in problems and (re.search(
            r"\b(?:problem|error)s?\b", prose[start:span.start], re.IGNORECASE) or status_before
            and int(_STATUS.match(status_before[-1].text)["status"]) >= 400 and re.fullmatch(
                r"\s+(?:(?:comes?|came)\s+back|is\s+(?:sent|returned|served)|arrives?)\s+"
                r"(?:as|in|with)\s+(?:an?\s+)?", prose[status_before[-1].end:span.start],
                re.IGNORECASE))
            and not _NEGATION.search(prose, start, end)
            and not re.search(r"\b(?:success(?:ful(?:ly)?)?|succeeds?|2\d\d|other|else)\b",
                              prose[start:end],
                              re.IGNORECASE)):
        return (f"`{span.text}` is said of a problem, but the API sends problems as "
                f"`{problems[0]}`")
    return None


#: After a field, what says an answer leaves it out: "is omitted", "is absent", "is not
#: sent"; before it, "has no", "there is no".
_LEFT_OUT_AFTER = re.compile(r"\s+(?:is|are)\s+(?:then\s+|simply\s+|just\s+)?(?:omitted|absent|"
                             r"left\s+out|missing|dropped|not\s+(?:present|included|sent|"
                             r"returned|there|(?:an?\s+)?(?:field|member|part)\s+of))\b"
                             r"|\s+cannot\s+be\s+(?:changed|updated|sent)\b", re.IGNORECASE)
_LEFT_OUT_BEFORE = re.compile(r"\b(?:(?:has|have|carries|carry|includes?|sends?|there\s+is)\s+no"
                              r"|omits?|leaves?\s+out|drops?|(?:does|do)\s*(?:not|n['’]t)\s+"
                              r"(?:show|include|send|return|take|accept)|(?:cannot|can['’]t)\s+"
                              r"(?:change|send|update))\s+(?:its\s+|the\s+)?$",
                              re.IGNORECASE)


def _said_left_out(span: _Span, prose: str) -> bool:
    """Whether a field is said to be left out of an answer (or a request): "is omitted",
    "is not a field of", "cannot be changed" after it, "has no", "does not show", "cannot
    change" before it (or before the list it ends: "has no `name` or `machine_type`"); not
    denied ("a page never omits `next_cursor`", "no page omits it")."""
    before = re.sub(r"(?:`[a-z_]+`\s*(?:,\s*(?:(?:or|and|nor)\s+)?|(?:or|and|nor)\s+))+$", "",
                    prose[max(0, span.start - 120):span.start])
    verb = _LEFT_OUT_BEFORE.search(before)
    start = _clause(span, prose)[0]
    if verb is not None and not re.search(r"\bno\s+$|not|n['’]t", verb[0]) and _NEGATION.search(
            prose, start, span.start):
        return False  # (the omission denied, where "has no" or "does not show" is no denial
        # of its own)
    return bool(_LEFT_OUT_AFTER.match(prose, span.end) or verb)


#: Words a writer names a schema by that its name does not hold.
_SCHEMA_WORDS = {"page": "list", "pages": "list", "error": "problem", "errors": "problem"}


def _schemas_named(text: str, contract: Contract) -> set[str]:
    """The schemas the words of ``text`` name, by the words of their names ("the last
    page": the lists; "a volume": Volume, the one whose name has no word more): those whose
    names hold every word named, with the fewest others."""
    names = {name for owners in contract.field_schemas.values() for name in owners
             if re.fullmatch(r"[A-Z][A-Za-z]*", name)}
    words_of = {name: {w.lower() for w in re.findall(r"[A-Z][a-z]*", name)} for name in names}
    every = set().union(*words_of.values())
    said = {_SCHEMA_WORDS.get(w, w.removesuffix("s") if w.removesuffix("s") in every else w)
            for w in re.findall(r"[a-z]+", text.lower())} & every
    having = [name for name in names if said and said <= words_of[name]]
    fewest = min((len(words_of[name] - said) for name in having), default=0)
    return {name for name in having if len(words_of[name] - said) == fewest}


def _left_out_problem(span: _Span, prose: str, page: Page, contract: Contract) -> str | None:
    """What is wrong with a field of the answers said to be left out of one ("`next_cursor`
    is omitted on the last page", "the last page has no `next_cursor`"), where every
    answer that has it sends it (:attr:`Contract.always_sent`): null where it has no
    value, if it may be. Its clause must name an answer that has it (:func:`_schemas_named`:
    "a volume has no `updated_at`" is true), and say it as a fact, not a condition ("if
    `next_cursor` is missing")."""
    if span.text not in contract.always_sent or span.link is not None or not _said_left_out(
            span, prose):
        return None
    start, end = _clause(span, prose)
    start = max([start, *(start + m.end() for m in re.finditer(r"[;:]\s", prose[start:span.start]))])
    if re.search(r"\b(?:if|whether|unless|would|could)\b", prose[start:span.start],
                 re.IGNORECASE):
        return None  # (said as a condition: "if `next_cursor` is missing")
    around = prose[start:span.start] + " " + prose[span.end:end]
    named = _schemas_named(around, contract)
    having = set(contract.field_schemas.get(span.text, ()))
    own = contract.operations.get(page.operation or "")
    if not named and own is not None and span.text not in own.fields:
        return None  # (on an endpoint page, its answer, which has none: "the answer has no
        # `deleted_volume_ids`" on Delete volume's page)
    if not named and (re.search(r"\b(?:answer|response|result)s?\b", around, re.IGNORECASE)
                      or own is not None):
        named = having  # (an answer: any that has it; on an endpoint page, its operation's)
    if not named & having:
        return None  # (no answer named, or none that has it: "a volume has no `updated_at`")
    null = "null" in contract.field_types.get(span.text, ())
    return (f"`{span.text}` is said to be left out, but every answer that has it sends it"
            + (f" (`\"{span.text}\": null` where it has no value)" if null else ""))


#: After a field, the JSON type it is said to be: "is a string", "is an integer", "is a
#: whole number", "is a list".
_TYPE_SAID = re.compile(r"\s+(?:is|are)\s+(?:always\s+|also\s+)?(?:an?\s+)?(?:JSON\s+)?"
                        r"(?P<type>string|integer|whole\s+number|number|boolean|array|list|"
                        r"object)s?\b", re.IGNORECASE)
#: Each type as a writer says it, with the JSON types it may be.
_TYPE_WORDS = {"string": {"string"}, "integer": {"integer"}, "whole number": {"integer"},
               "number": {"number", "integer"}, "boolean": {"boolean"}, "array": {"array"},
               "list": {"array"}, "object": {"object"}}


def _type_problem(span: _Span, prose: str, contract: Contract) -> str | None:
    """What is wrong with a field (or query parameter) said to be of a JSON type it is in
    no schema that has it ("`size_gb` is a string": it is an integer); None otherwise.

    Example:
        >>> contract = Contract(Scope("the API", frozenset(), frozenset(), frozenset()), {},
        ...                     {}, {}, frozenset(), {}, field_types={"size_gb": {"integer"}})
        >>> prose = "`size_gb` is a string; `size_gb` is a whole number."
        >>> [_type_problem(_Span(m.start(), m.end(), 1, "size_gb", None, False), prose,
        ...                contract) for m in re.finditer("`size_gb`", prose)]
        ['`size_gb` is said to be a string, but it is an integer', None]
    """
    types = contract.field_types.get(span.text)
    said = _TYPE_SAID.match(prose, span.end) if types else None
    if said is None or span.link is not None:
        return None
    start = _clause(span, prose)[0]
    if re.search(
            r"\b(?:items?|elements?|entry|entries|members?|values?)\s+(?:of|in)\s+(?:the\s+)?$",
            prose[start:span.start], re.IGNORECASE) or re.search(
                r"\bquery\s+string|\bURL\b", prose[start:span.start], re.IGNORECASE):
        return None  # (an item of it, or its text in a URL)
    word = " ".join(said["type"].lower().split())
    if _TYPE_WORDS[word] & types:
        return None
    is_ = " or ".join(f"{'an' if t[0] in 'aeiou' else 'a'} {t}" for t in sorted(types - {"null"}))
    return (f"`{span.text}` is said to be {'an' if word[0] in 'aeiou' else 'a'} {word}, but "
            f"it is {is_ or 'null'}" + (" (or null)" if "null" in types and is_ else ""))


def _problem_member_problem(name: str, value: str, contract: Contract,
                            titles: Mapping[int, str]) -> str | None:
    """What is wrong with a problem's ``title`` or ``code`` shown with ``value``: a title
    that no status of the API's answers with (``titles``: each status's), or a code the
    API has not; None if nothing is.

    Example:
        >>> contract = Contract(Scope("the API", frozenset(), frozenset(), frozenset()), {},
        ...                     {"payload_too_large": 413}, {}, frozenset(), {})
        >>> titles = {413: "Content Too Large"}
        >>> for name, value in (("title", "Payload Too Large"), ("code", "too_large"),
        ...                     ("title", "Content Too Large"), ("code", "payload_too_large")):
        ...     print(_problem_member_problem(name, value, contract, titles))
        `"title": "Payload Too Large"`: no answer of the API's has that title; did you mean `Content Too Large`? (413's)
        `"code": "too_large"`: the API has no such code: did you mean `payload_too_large`?
        None
        None
    """
    if name == "code":
        return None if value in contract.code_status else (
            f'`"code": "{value}"`: the API has no such code' + _code_meant(value, contract))
    if not titles or value in titles.values():
        return None
    close = difflib.get_close_matches(value, sorted(titles.values()), n=1, cutoff=0.5)
    meant = (f"; did you mean `{close[0]}`? "
             f"({next(s for s, t in titles.items() if t == close[0])}'s)" if close else
             f" (they are {', '.join(f'{t} ({s})' for s, t in sorted(titles.items()))})")
    return f'`"title": "{value}"`: no answer of the API\'s has that title' + meant


#: Words listed ("creates and starts", "lists, gets or deletes"): the verbs of operations.
_VERB_LIST = (r"(?P<who>[a-z]+?(?:e?s)?(?:(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)"
              r"[a-z]+?(?:e?s)?)*)")
#: Before a span, operations named by their verbs that are said to take it: "creates and
#: starts take an `Idempotency-Key`", "a stop reads the" (``who``: the verbs).
_TAKERS_BEFORE = re.compile(
    rf"\b{_VERB_LIST}\s+(?:take|takes|accept|accepts|read|reads|honou?rs?|supports?)\s+"
    r"(?:an?\s+|the\s+|its\s+)?\[?$", re.IGNORECASE)
#: After a span, the operations said to take it: "with every create", "with your start
#: requests", "is read by starts and stops".
_TAKERS_AFTER = re.compile(
    rf"^{_LINKED}(?:\s+header)?\s+(?:(?:with|on|to)\s+(?:your|a|an|the|every|each|any)"
    r"|(?:is|are)\s+(?:read|taken|accepted|honou?red|supported)\s+by(?:\s+(?:the|every|each|all))?)"
    rf"\s+(?P<resource>(?:workstation|volume)\s+)?{_VERB_LIST}(?:\s+(?:requests?|calls?))?\b",
    re.IGNORECASE)


def _taker_problem(span: _Span, prose: str, contract: Contract) -> str | None:
    """What is wrong with a parameter said to be taken by operations named by their verbs
    ("starts and stops take an `Idempotency-Key`"): those of them, of either resource,
    that take no parameter of that name (a header's in any case); None if each named
    takes it, or no operation is named.

    Example:
        >>> contract = Contract(Scope("the API", frozenset(), frozenset(), frozenset()), {},
        ...     {}, {}, frozenset(), {}, inputs={
        ...         "createX": {"idempotency-key": ("header", False)}, "startX": {},
        ...         "listX": {"limit": ("query", False)}, "stopX": {}})
        >>> prose = ("Creates take an `Idempotency-Key`; creates and starts take an "
        ...          "`Idempotency-Key`; a stop reads the `limit`; lists take a `limit`; "
        ...          "they take a `limit`; X creates take an `Idempotency-Key`. Send an "
        ...          "`Idempotency-Key` with every create, or an `Idempotency-Key` with your "
        ...          "start requests; the `limit` is read by lists and stops.")
        >>> for m in re.finditer(r"`([^`]+)`", prose):
        ...     said = _taker_problem(_Span(m.start(), m.end(), 1, m[1], None, False),
        ...                           prose, contract)
        ...     if said:
        ...         print(said)
        `Idempotency-Key` is said to be taken by startX, which takes none (createX does)
        `limit` is said to be taken by stopX, which takes none (listX does)
        `Idempotency-Key` is said to be taken by startX, which takes none (createX does)
        `limit` is said to be taken by stopX, which takes none (listX does)
    """
    said = (_TAKERS_BEFORE.search(prose[max(0, span.start - 80):span.start])
            or _TAKERS_AFTER.match(prose[span.end:span.end + 80]))
    if said is None:
        return None
    verbs = {op: _verb(op) for op in contract.inputs}
    named = [word for word in re.findall(r"[a-z]+", said["who"].lower())
             if word not in ("and", "or")]
    ops = [op for op, verb in verbs.items() for word in named
           if word in (verb, verb + "s", verb + "es")]
    if not ops or len(named) != len({verbs[op] for op in ops}):
        return None  # a word that names no operation: not a list of them
    before = (prose[max(0, span.start - 80):span.start][:said.start()]
              if said.re is _TAKERS_BEFORE else said["resource"] or "")
    resource = re.search(r"\b(workstation|volume)s?\s+$", before, re.IGNORECASE)
    if resource is not None:  # "workstation creates": that resource's only
        ops = [op for op in ops if resource[1].lower() in op.lower()]
    key = _input_name(span.text, contract)
    if key is None:
        return None
    takers = sorted(op for op, taken in contract.inputs.items() if key in taken)
    missing = sorted(op for op in ops if key not in contract.inputs[op])
    if not takers or not missing:
        return None
    return (f"`{span.text}` is said to be taken by {_and(missing)}, which take"
            f"{'s' if len(missing) == 1 else ''} none ({_and(takers)} do"
            f"{'es' if len(takers) == 1 else ''})")


def _anchor_problem(text: str, link: str, contract: Contract) -> str | None:
    """What is wrong with a link from ``text`` to the row of an error code (its anchor):
    a code linked to another's row, or a status to the row of a code it does not answer
    with; None if nothing is.

    Example:
        >>> contract = Contract(Scope("the API", frozenset(), frozenset(), frozenset()), {},
        ...                     {"volume_owned": 409, "not_found": 404}, {}, frozenset(), {})
        >>> for text, link in (("volume_owned", "../errors.md#not_found"),
        ...                    ("409", "../errors.md#not_found"),
        ...                    ("volume_owned", "../errors.md#volume_owned"),
        ...                    ("409 Conflict", "errors.md#volume_owned"),
        ...                    ("volume_owned", "volumes.md#ownership")):
        ...     print(_anchor_problem(text, link, contract))
        `volume_owned` links to the row of `not_found`: link it to its own (#volume_owned), or write it bare, and the build links it there
        `409` links to the row of `not_found`, which is answered with 404
        None
        None
        None
    """
    anchor = link.partition("#")[2]
    if anchor not in contract.code_status or anchor == text:
        return None
    if text in contract.code_status:
        return (f"`{text}` links to the row of `{anchor}`: link it to its own (#{text}), or "
                "write it bare, and the build links it there")
    status = _STATUS.match(text)
    if status is not None and int(status["status"]) != contract.code_status[anchor]:
        return (f"`{text}` links to the row of `{anchor}`, which is answered with "
                f"{contract.code_status[anchor]}")
    return None


def _verb(operation: str) -> str:
    """The verb an operation's ID starts with: ``create`` of ``createVolume``."""
    return re.match(r"[a-z]+", operation)[0]  # type: ignore[index]


def _input_name(text: str, contract: Contract) -> str | None:
    """The name by which ``text`` is one of what an operation takes (``Contract.inputs``):
    as written, or casefolded for a header, as HTTP reads one; None if it is none."""
    return next((n for n in (text, text.casefold()) if any(
        taken.get(n, ("",))[0] == "header" or n == text and n in taken
        for taken in contract.inputs.values())), None)


#: A request sent with no body at all (not an answer "with no body"): `validation_error`
#: where it names no media type (:func:`request_own_answers` asks the sandbox where it does).
_NO_BODY = (r"\b(?:(?:creates?|updates?|requests?|calls?|POST|PATCH|workstations?|volumes?|it|one)`?"
            r"(?:\s+(?:(?:that|which)\s+)?(?:(?:is|are|was|were)\s+)?sent)?|sending\s+(?:it|one))"
            r"\s+(?:without|with\s+no|with\s+neither|ha(?:s|ve|d)\s+no)"
            r"\s+(?:a\s+|any\s+)?(?:request\s+)?body\b"
            r"(?![^.;]*\bapplication/json)"  # (sent as JSON, empty: `invalid_json`)
            r"|\ban\s+empty\s+request\b")
#: A media type said missing, not one said to be another's: "no `Content-Type`".
_NO_MEDIA_TYPE = r"\b(?:without|no|nor)\s+(?:an?\s+)?`?Content-Type\b"


#: The conditions prose says an error is answered under, each with the error codes it may
#: be (their statuses are the API's, ``Contract.code_status``): "a running workstation" is
#: `workstation_not_stopped`'s, and so a `409`'s. The first that matches a stretch of the
#: words reads it ("a workstation that was deleted" is a `404`, not also a volume's).
_CONDITIONS = tuple((re.compile("|".join(words), re.IGNORECASE), frozenset(codes))
                    for codes, words in (
    ({"volume_attached", "volume_owned"}, (  # a volume's workstation running: the volume's
        r"\bvolumes?\s+whose\s+workstation\s+(?:is|was)\s+(?:still\s+)?`?running\b",
        # (another workstation than the request's: "and the other workstation is running")
        (r"\b(?:the\s+other|another)\s+workstation\s+(?:is|was)\s+(?:still\s+)?`?running\b"
         r"|\b(?:the\s+other|another)\s+`?running`?\s+workstation\b"),
        (r"\bvolumes?\s+(?:(?:is|was|that\s+is|which\s+is)\s+)?(?:on|of|attached\s+to)\s+"
         r"(?:an?|the)\s+`?running`?\s+workstation\b"),
        r"\b`?running`?\s+workstation['’]s\s+(?:[\w`-]+\s+){0,2}?volumes?\b",
        # (a volume taken from one: "Attaching a volume from a running workstation")
        (r"\bvolumes?\s+(?:(?:from|off)\s+|(?:that|which)\s+)(?:an?|the)\s+`?running`?\s+"
         r"workstation\b"))),
    ({"volume_not_found"}, (  # a volume a body names
        (r"\bvolumes?\s+(?:(?:named\s+|listed\s+)?in\s+`?volume_ids`?|you\s+name[sd]?)\s+"
         r"(?:(?:that|which)\s+)?(?:do(?:es)?\s*(?:n['’]t|\s+not)\s+exist|no\s+longer\s+exists?"
         r"|(?:was|has\s+been|is)\s+(?:deleted|missing))"),
        (r"\b(?:deleted|nonexistent|non-existent|missing|unknown)\s+volumes?\s+(?:(?:named|listed)"
         r"\s+)?in\s+(?:the\s+|its\s+|a\s+)?(?:body|`?volume_ids`?)"),
        (r"\b(?:names?|naming|lists?|listing|attach(?:es|ing)?)\s+(?:an?\s+|the\s+)?(?:deleted"
         r"|nonexistent|non-existent|missing|unknown)\s+volumes?\b"),
        (r"\b(?:deleted|nonexistent|non-existent|missing|unknown)\s+volume\s+IDs?\s+in\s+"
         r"(?:the\s+|its\s+)?`?volume_ids`?"))),
    ({"workstation_not_stopped"}, (
        r"\b`?running`?\s+(?:workstation|one)s?\b",
        r"\bshould\s+(?:it|the\s+workstation)\s+(?:still\s+)?be\s+`?running\b",
        r"\b(?:while|when|if)\s+(?:it|the\s+workstation)\s+(?:still\s+)?runs\b",
        (r"\b(?:workstation|it|one)s?(?:\s+(?:that|which)\s*['’]s|\s+(?:that\s+|which\s+)?"
         r"(?:is|are|was|were)|['’]s)\s+(?:still\s+|already\s+)?"
         r"(?:`?running`?|not\s+`?stopped`?)"),
        (r"\b(?:workstation|it|one)s?\s+(?:that\s+|which\s+)?(?:isn['’]t|aren['’]t)\s+"
         r"`?stopped`?"),
        r"\bin\s+the\s+`?running`?\s+state\b", r"\bstarted\s+workstations?\b",
        r"\b(?:while|when|if)\s+(?:it|the\s+workstation)\s+(?:is\s+)?(?:still\s+)?`?running\b")),
    ({"volume_attached"}, (
        r"\battached\s+volumes?\b",
        r"\bvolumes?\s+(?:that\s+|which\s+)?(?:(?:is|was|are|['’]s)\s+)?(?:still\s+)?attached\b",
        r"\b(?:it|one)\s+(?:is|was)\s+(?:still\s+)?attached\b")),
    ({"volume_owned"}, (
        r"\bowned\s+volumes?\b", r"\b(?:is|are|was)\s+owned\b", r"\bowned\s+by\b",
        r"\bbelongs?\s+to\s+(?:an?|the|its|another|one)\s+(?:\w+\s+)?workstation\b",
        (r"\bvolumes?,?\s+(?:(?:that|which)\s+)?(?:a|the|its|another)\s+(?:\w+\s+)?workstation\s+"
         r"owns\b"), r"\bboot\s+volumes?\b")),
    ({"not_found"}, (  # the path's resource: no volume a body names
        (r"\bworkstation\s+(?:that\s+|which\s+)?(?:do(?:es)?\s*(?:n['’]t|\s+not)\s+exist"
        r"|never\s+existed|(?:was|has\s+been)\s+(?:already\s+)?deleted)"),
        r"\b(?:deleted|nonexistent|non-existent|missing)\s+(?:workstation|volume)s?\b",
        r"\bunknown\s+(?:workstation|volume)\s+ID\b",
        (r"\b(?:after|if|once|when)\s+(?:you\s+)?(?:deleted|deleting|have\s+deleted)\s+"
         r"(?:it|them)\b"))),
    ({"not_found", "volume_not_found"}, (
        r"\bdo(?:es)?\s*(?:n['’]t|\s+not)\s+exist", r"\bnever\s+existed",
        r"\bno\s+such\b(?!\s+(?:field|parameter|key|header|member|property|value|option)s?\b)",
        r"\bunknown\s+(?:workstation\s+|volume\s+)?ID\b",
        r"\b(?:was|were|already|been)\s+deleted\b",
        r"\bno\s+(?:workstation|volume)\s+has\b",
        (r"\b(?:workstation|volume|resource|ID|it|one)s?\s+(?:(?:is|was|are|were)\s+)?"
         r"(?:\w+\s+)?not\s+(?:found|there)\b"),
        r"\b(?:deleted|nonexistent|non-existent|missing)\s+ones?\b")),
    ({"idempotency_key_in_flight"}, (
        r"\bstill\s+being\s+processed", r"\bin\s+flight\b", r"\bstill\s+in\s+progress")),
    ({"idempotency_key_reused"}, (
        r"\b(?:another|a\s+different|other)\s+(?:body|payload)\b",
        r"\b(?:body|payload)\s+(?:that\s+)?differs?\b")),
    ({"unauthorized"}, (
        (r"\b(?:no|missing|without\s+(?:a|the|any)|invalid|expired|wrong|malformed|bad|revoked)\s+"
        r"(?:valid\s+)?(?:sandbox\s+|bearer\s+)?token\b"),
        r"\bno\s+credentials\b", r"\bwithout\s+(?:any\s+)?credentials\b",
        r"\b`?Authorization`?\s+header\s+(?:is\s+|was\s+)?(?:missing|absent|not\s+sent)\b",
        (r"\btoken\s+(?:that\s+|which\s+)?(?:is\s+|has\s+)?(?:missing|invalid|not\s+valid"
         r"|malformed|wrong|not\s+set|expired?s?|revoked)\b"))),
    ({"payload_too_large"}, (
        (r"\b(?:body|request|payload)\s+(?:that\s+|which\s+)?(?:is\s+)?(?:far\s+)?too\s+"
         r"(?:large|big)\b"), r"\btoo\s+(?:large|big)\s+(?:a\s+)?(?:body|request|payload)\b",
        r"\boversized,?\s+(?:\w+,?\s+)?(?:body|request|payload)\b",
        r"\bover-[\d.]+-?[KM]i?B\s+(?:body|request|payload)\b",
        r"\bbody\s+(?:is\s+)?(?:over|larger|bigger|exceeds)\b",
        # "a malformed body gets `413` when it is over 64 KiB", "if it exceeds the limit": a
        # size said of the body named before (not of headers, a volume or a key)
        (r"\b(?:body|bodies|payloads?)\b[^.;:!?\n]*?\b(?:it|one|they)\s+(?:(?:is|are|was|were)\s+"
         r"(?:over|above|larger\s+than|bigger\s+than|more\s+than)|exceeds?|goes\s+over)\s+(?:the\s+"
         r"(?:body\s+)?(?:size\s+)?limit\b|\d[\d.,]*\s*(?:[KM]i?B|bytes)\b)"))),
    ({"endpoint_removed"}, (
        r"\bold\s+(?:route|endpoint|path)\b", r"\bremoved\s+(?:route|endpoint)\b")),
    ({"invalid_id"}, (
        r"\b(?:malformed|ill-formed|badly[\s-]formed|invalid)\s+(?:workstation\s+|volume\s+)?IDs?\b",
        r"\bnot\s+a\s+(?:well[\s-]formed\s+|valid\s+)?(?:workstation\s+|volume\s+)?ID\b",
        (r"\bIDs?\s+(?:that\s+|which\s+)?(?:is\s+|are\s+)?(?:not\s+(?:well[\s-]formed|valid)"
         r"|malformed|ill-formed|badly[\s-]formed)\b"))),
    ({"invalid_id", "invalid_json", "malformed_request", "validation_error"}, (
        r"\b(?:is|was)\s+malformed\b",)),
    ({"validation_error"}, (
        r"\bunknown\s+(?:field|parameter|query)", r"\bout\s+of\s+range\b", r"\bread-only\b",
        r"\b(?:invalid|bad)\s+`(?!cursor`)[a-z][a-z_]*`",  # ("an invalid `name`": a field's value)
        r"\b(?:invalid|bad|expired|unknown|stale|forged)\s+`?cursor\b",
        r"\bcursor`?\s+(?:this|that|the)\s+list\s+did\s+not\s+issue",
        r"\bcursor`?\s+(?:that\s+)?you\s+(?:changed|edited|modified|altered|made\s+up)\b",
        r"\b(?:edit|change|modify|alter|tamper\s+with)\s+(?:a|the)\s+`?cursor\b",
        (r"\b(?:next_)?cursor`?\s+(?:(?:taken|copied|coming)\s+)?(?:from|of|issued\s+by)\s+"
         r"(?:another|a\s+different|the\s+other)\s+list\b"),
        (r"\b(?:next_)?cursor`?\s+(?:(?:that|which)\s+)?(?:another|a\s+different|the\s+other)"
         r"\s+list\s+(?:issued|gave|returned|made)\b"),
        r"\b`?limit`?\s+(?:outside|over|above|below|under|of\s+0)\b",
        # a list longer than its schema's maximum (`volume_ids`: the standalone volumes)
        (r"\b(?:too\s+many\s+(?:standalone\s+)?volumes|more\s+(?:standalone\s+)?volumes\s+"
         r"than\s+(?:allowed|permitted|the\s+(?:limit|maximum))"
         r"|more\s+than\s+(?:\d+|\{\{\s*fact\s+\w+\s*\}\})\s+(?:standalone\s+)?volumes)\b"))),
    ({"unsupported_media_type"}, (  # (before "not JSON", a body's)
        r"\bContent-Type`?\s+(?:header\s+)?(?:is\s+)?not\s+(?:`?application/)?JSON\b",
        _NO_MEDIA_TYPE, r"\b(?:wrong|another|other)\s+(?:an?\s+)?`?Content-Type\b",
        r"\b(?:sent|send|sending)\s+as\s+`?(?!application/(?:problem\+)?json)[a-z]+/",
        r"\bContent-Type`?\s+(?:header\s+)?(?:of\s+)?`(?!application/json)[a-z]+/",
        r"\bContent-Type:\s*(?!application/(?:problem\+)?json)[a-z]+/")),
    ({"validation_error", "invalid_json"}, (  # a body sent empty (`{}`, or nothing at all),
        # or malformed: not JSON, or JSON the schema refuses
        r"(?<![\w-])empty\s+(?:JSON\s+|request\s+)?(?:body|object|payload)\b",  # (not "non-empty")
        r"\b(?:body|payload)\s+(?:that\s+|which\s+)?(?:is\s+|was\s+)?empty\b",
        (r"\b(?:malformed|invalid|ill-formed|badly\s+formed|bad)\s+(?:request\s+)?"
         r"(?:body|bodies|payloads?)\b"),
        (r"\b(?:body|payload)\s+(?:that\s+|which\s+)?(?:is|was|['’]s)\s+(?:invalid|malformed|"
         r"ill-formed)\b"))),
    ({"validation_error"}, (_NO_BODY,)),
    ({"invalid_json"}, (
        r"\b(?:invalid|malformed|broken)\s+JSON\b",
        r"\b(?:not|isn['’]t)\s+(?:a\s+)?(?:valid\s+|well-formed\s+)?JSON\b")),
    ({"internal_error"}, (r"\bfail_next\b",)),
))
#: Right before "does not exist" (or another lookup's words), what says it of a value the
#: request gives, not of a workstation or a volume: a machine type, a field, a key.
_NOT_A_RESOURCE = re.compile(r"(?:`machine_type`|\b(?:machine[ _]types?|fields?|parameters?|keys?|"
                             r"cursors?|values?|names?|images?|regions?|zones?)\b)(?:\s+`[^`]*`)?"
                             r"\s*(?:(?:that|which)\s+)?(?:is\s+|was\s+)?$", re.IGNORECASE)
#: In a clause, what says another check comes first, or that the condition no longer holds:
#: "even for a running workstation", "the body is checked before the state", "once its
#: workstation is deleted" (an owned volume is then gone).
#: What says an answer is the API's before a change: "used to", "previously", "the old API".
_PAST_API = (r"\bused\s+to\b|\b(?:previously|formerly)\b|\b(?:old|earlier|previous|former)\s+"
             r"(?:API|versions?|releases?)\b")
#: And what dates it before a release: "pre-release", "before 1.0.0", "the old behaviour"
#: (not "the old route": it still answers).
_BEFORE_A_RELEASE = (r"\bpre-release\b|\b(?:old|earlier|previous|former)\s+behaviou?r\b"
                     r"|\bbefore\s+(?:v?\d+\.\d+|the\s+change|the\s+release)")
_EARLIER_CHECK = re.compile(
    r"\beven\b|\bstill\s+gets?\b|\b(?:checked|looked\s+at|validated|read|refused|rejected)\s+"
    r"(?:first|before)\b"
    r"|\bis\s+gone\b|\b(?:once|after|when|if|whose)\s+(?:it|(?:(?:its|the|their|that)\s+)?"
    r"workstations?(?:\s+that\s+owned\s+(?:it|them))?)\s+(?:is|was|are|were|has\s+been)\s+"
    r"(?:deleted|gone)\b"
    # (or an answer said to have been another: "the old API answered ... with `400`")
    rf"|{_PAST_API}|{_BEFORE_A_RELEASE}|\b(?:old|earlier|previous|former)\s+(?:route|page)\b"
    r"|\bafter\s+the\s+delete\b", re.IGNORECASE)
#: In a sentence, what says it is of the API before a change: "used to", "previously",
#: "the old API", "before 1.0.0", "pre-release".
_THEN_NOT_NOW = re.compile(f"{_PAST_API}|{_BEFORE_A_RELEASE}", re.IGNORECASE)
#: An error status as a span gives it: `404`, `409 Conflict`, a note's **409**.
_ERROR_STATUS = re.compile(r"^(?P<status>[45]\d\d)(?:\s+[A-Z][\w ]*)?$")
#: Where a clause ends, for :func:`_condition_problem`: a sentence, a list's item.
_CONDITION_CLAUSE_END = re.compile(r"[.;!?]\s|\n\n|\n[ \t]*(?:[-*+]|\d+\.)[ \t]"
                                   # (a note's title line: its body is a clause of its own)
                                   r"|(?<![^\n])[ \t]*(?:!!!|\?\?\?\+?)[^\n]*\n")


def _clause(span: _Span, prose: str, *, brackets: bool = True) -> tuple[int, int]:
    """Where the clause of ``span`` starts and ends in ``prose``: its sentence or list
    item, or (with ``brackets``) its brackets when it is in brackets (an aside of its own)."""
    # (the last clause end is at its paragraph's start or after: read from there, not from
    # the page's start; two characters before, a match at the paragraph's end is as before)
    paragraph = max(0, prose.rfind("\n\n", 0, span.start) - 2)
    before = [m.end() for m in _CONDITION_CLAUSE_END.finditer(prose, paragraph, span.start)]
    start = before[-1] if before else 0
    after = _CONDITION_CLAUSE_END.search(prose, span.end)
    end = after.start() if after else len(prose)
    opened, closed = prose.rfind("(", start, span.start), prose.rfind(")", start, span.start)
    if brackets and opened > closed and prose[opened - 1:opened] != "]":
        close = prose.find(")", span.end)
        start, end = opened + 1, close if 0 <= close < end else end
    return start, end


#: Right before a status in brackets, what says the operation is refused: "cannot be
#: deleted (", "can't be safely detached (with".
_CANNOT_BE_DONE = re.compile(
    r"\b(?:can['’]?t|cannot|can\s+not|could\s*n['’]?o?t|may\s+not|must\s*n['’]?o?t|won['’]t|"
    r"will\s+not|is\s+not\s+able\s+to)\s+(?:(?:ever|safely|simply|yet|still)\s+)?be\s+"
    r"(?:(?:safely|simply)\s+)?[a-z]+ed\s*\(\s*(?:with\s+)?(?:an?\s+)?(?:HTTP\s+|status\s+)?$",
    re.IGNORECASE)
#: "Can't be deleted:" before a status: what is denied is the operation, not the answer
#: (done in a way: "can't be deleted on its own:", "alone", "by itself").
_CANNOT_BE = re.compile(r"\b(?:can['’]?t|cannot|can\s+not)\s+be\s+\w+(?:\s+(?:on\s+(?:its|their)\s+"
                        r"own|alone|by\s+(?:itself|themselves)|directly|separately))?"
                        r"(?=\s*[:;\u2014\u2013(])", re.IGNORECASE)
#: After a status, what says what it means ("a `404` for an attached volume's ID means the
#: ID is wrong"): the condition read is after it, up to a reason given (:data:`_REASON`).
_MEANS = re.compile(r"\b(?:means?|tells\s+you|indicates?)\b", re.IGNORECASE)
_REASON = re.compile(r",?\s+(?:since|because|as)\b", re.IGNORECASE)
#: Right before a status or an error code, what says the operation does not answer it:
#: "never answers", "is not refused with", "no", "doesn't return", "will not see a",
#: "never results in a", "neither starting nor stopping ever answers".
_DENYING_VERB = (r"(?:answers?|answered|returns?|returned|gets?|got|sends?|sent|sees?|receives?|uses?|"
                 r"results?\s+in|produces?|yields?|gives?|causes?|triggers?|raises?|leads?\s+to|"
                 r"(?:comes?|come)\s+back\s+with|responds?\s+with|fails?\s+with|ends?\s+in|"
                 r"(?:refused|rejected|answered),?\s+with)")
_SAID_NOT_BEFORE = re.compile(
    r"(?:(?:(?:\b(?:never|not|cannot)|n['’]t)\s+(?:(?:be|ever|always|also|even)\s+)?"
    + _DENYING_VERB + r"|\b(?:nor|no)\s+(?:[\w-]+\s+){1,3}?(?:ever|can|could|will|would|may)\s+"
    + _DENYING_VERB
    # ("None of them answers", "Neither start nor stop answers")
    + r"|\b(?:none|nothing|not\s+one|neither)\b(?:\s+[\w'’-]+){0,4}?\s+" + _DENYING_VERB
    # ("No operation answers": "no" as the subject's, not "a list with no workstations")
    + r"|(?<!\bwith\s)(?<!\bfor\s)(?<!\bof\s)(?<!\bhas\s)(?<!\bin\s)(?<!\bon\s)\bno\s+"
    r"(?:[\w-]+\s+){1,2}?" + _DENYING_VERB
    + r")\s+(?:an?\s+|with\s+(?:an?\s+)?|the\s+(?:error\s+)?(?:code\s+)?)?"
    r"|\bno\s+(?:separate\s+|such\s+|extra\s+|special\s+)?|[,(]\s*(?:but\s+|and\s+)?(?:never|not)\s+(?:an?\s+)?"
    r"|\b(?:rather\s+than|instead\s+of)\s+(?:an?\s+)?"
    r"|\b(?:it|this|that|the\s+answer)\s+(?:is|was)\s+never\s+(?:an?\s+)?)(?:HTTP\s+)?`?$",
    re.IGNORECASE)  # (and "it was never a `204`")
#: Right after a status, what says it is never the answer: "`204` is never returned".
_NEVER_AFTER = re.compile(r"\s+(?:is|are)\s+never\s+(?:returned|sent|answered|used|given)\b",
                          re.IGNORECASE)
#: After a query's value, in its clause, what says the API refuses it: "is refused",
#: "is rejected", "gets an error".
_REFUSED_AFTER = re.compile(r"\b(?:is|are|gets?|get|would\s+be)\s+(?:now\s+|then\s+|always\s+)?"
                            r"(?:refused|rejected|an\s+error)\b|\bfails\b", re.IGNORECASE)


#: After a clause, the next one saying what "it" gets: "; it now gets `400`".
_IT_GETS = re.compile(r"[;,]\s+(?:and\s+|but\s+)?(?:it|this|that|they)\s+(?:now\s+|instead\s+|then\s+)?"
                      r"(?:gets?|answers?|(?:is|are)\s+(?:now\s+)?(?:refused|rejected|answered))\b",
                      re.IGNORECASE)


def _with_what_it_gets(prose: str, end: int) -> int:
    """``end``, a clause's, or past the clause after it when that one says what "it" gets
    ("`limit=05` used to be read as five; it now gets `400`")."""
    if _IT_GETS.match(prose, end):
        return _clause(_Span(end + 2, end + 3, 0, "", None, False), prose)[1]
    return end


def _refused_in_clause(span: _Span, spans: Sequence[_Span], prose: str,
                       refusals: Mapping[str, int] | None = None) -> bool:
    """Whether the clause of a query's value ``span`` says the API refuses it: a `400` (or
    its code, `validation_error`) said after it, or the words (:data:`_REFUSED_AFTER`), up
    to another query's value or words that speak of something else ("where", "if",
    "instead", "unlike"), and not denied ("never fails", "instead of a `400`"). With
    ``refusals`` (codes by status), a header's value: any 4xx status or one of those codes
    of a 4xx ("`Content-Type: text/plain` gets `415`")."""
    end = _with_what_it_gets(prose, _clause(span, prose)[1])
    listed = span.end  # ("`limit=0` and `limit=101` are refused": a list's values, together)
    for other in sorted((o for o in spans if span.end <= o.start < end
                         and _QUERY_ALONE.fullmatch(o.text)), key=lambda o: o.start):
        if not re.fullmatch(r"\s*(?:,|,?\s*(?:and|or))?\s*", prose[listed:other.start]):
            end = other.start
            break
        listed = other.end
    end = min([m.start() for m in [_OTHER_CASE.search(prose, span.end, end)] if m] + [end])
    words = _REFUSED_AFTER.search(prose, span.end, end)
    if words is not None and not _DENIED_JUST_BEFORE.search(prose, span.end, words.start()):
        return True
    def refusal(text: str) -> bool:
        if refusals is None:
            return (text.split() or [""])[0] == "400" or text == "validation_error"
        status = _STATUS.match(text)
        return (status is not None and 400 <= int(status["status"]) < 500) or (
            400 <= refusals.get(text, 0) < 500)

    return any(span.end <= other.start < end and refusal(other.text)
               and not _DENIED_JUST_BEFORE.search(prose, span.end, other.start) for other in spans)


#: Words after which a clause speaks of another case: "`limit=0` returns all items where
#: `limit=101` gets `400`".
_OTHER_CASE = re.compile(r"\b(?:where|whereas|while|if|when|unless|instead|unlike|than|but)\b",
                         re.IGNORECASE)
#: Right before what would say a refusal, what denies it: "never", "not", "rather than".
_DENIED_JUST_BEFORE = re.compile(r"(?:\b(?:never|not|no|rather\s+than|instead\s+of)|n['’]t)"
                                 r"\s+(?:\w+\s+)?(?:an?\s+)?`?$", re.IGNORECASE)


#: A link in prose, its text in the group: "[Stopping](stop.md)" is "Stopping".
_LINK_TEXT = re.compile(r"\[([^\]]+)\]\([^)]*\)")
#: A call after a first one ("a retried delete", "the second delete"), which meets what
#: the first one left: no state said of the workstation holds for it.
_LATER_CALL = re.compile(r"\b(?:retried|repeated|second|later|next)\b", re.IGNORECASE)
#: The codes of an idempotency key's conditions ("another body", "still being
#: processed"), which a request sent without a key does not meet.
_KEY_CODES = frozenset({"idempotency_key_in_flight", "idempotency_key_reused"})
#: The codes of conditions on the resource a request acts on ("an attached volume"), not
#: on the request itself ("without a token"); with them, those a workstation's state makes
#: (:func:`state_codes`: "a running workstation").
_OF_THE_RESOURCE = frozenset({"volume_attached", "volume_owned", "not_found",
                              "volume_not_found"})
#: After an operation said as a subject, what says its condition passes first: "answers
#: `200` only after you stop it", "once stopped", "until".
_PASSES = re.compile(r"\b(?:(?<!\bat\s)once|after|until|unless|then)\b", re.IGNORECASE)
#: A key said to be new, whose body reuses none.
#: Right after a condition, or right before it, what says the request's part is not read:
#: "a malformed body is ignored", "ignores a malformed body".
_IGNORED_AFTER = re.compile(r",?\s+(?:is|are|gets?)\s+(?:simply\s+|just\s+)?(?:ignored|"
                            r"(?:not|never)\s+read|skipped|dropped|discarded)\b", re.IGNORECASE)
_IGNORED_BEFORE = re.compile(r"\bignor(?:es?|ed|ing)\s+(?:an?|the|any|its)\s+$", re.IGNORECASE)
_NEW_KEY = re.compile(r"\b(?:new|fresh|different|another|other|unused)\s+(?:idempotency\s+)?key\b",
                      re.IGNORECASE)
#: Before a status, what says it is not the answer: "`409`, not `404`", "rather than a `400`".
_DENIED_BEFORE = re.compile(
    r"\b(?:not|never|rather\s+than|instead\s+of)\s+(?:an?\s+|with\s+)?\[?$", re.IGNORECASE)


def _denied(spans: Sequence[_Span], prose: str, start: int, end: int) -> set[_Span]:
    """The statuses of a clause (``start`` to ``end``) said not to be its answer ("`409`,
    not `404`"), with the codes that follow them (", not `404` `not_found`")."""
    denied: set[_Span] = set()
    for other in sorted(spans, key=lambda s: s.start):
        if not start <= other.start < end:
            continue
        if _STATUS.match(other.text) and _DENIED_BEFORE.search(
                prose[max(start, other.start - 20):other.start]):
            denied.add(other)
        elif denied and re.fullmatch(r"[\s(\[]*", prose[max(s.end for s in denied):other.start]):
            denied.add(other)  # the code of a status denied, right after it
    return denied


def _said_in(spans: Sequence[_Span], start: int, end: int, denied: set[_Span],
             contract: Contract, status: re.Pattern[str]) -> tuple[set[int], set[str]]:
    """The statuses (of the shape ``status`` reads) and the error codes said from
    ``start`` to ``end``, but those ``denied``: each code's status among the statuses."""
    statuses, codes = set(), set()
    for other in spans:
        if start <= other.start < end and not other.opted_out and other not in denied:
            said = status.match(other.text)
            if said is not None:
                statuses.add(int(said["status"]))
            elif other.text in contract.code_status:
                codes.add(other.text)
                statuses.add(contract.code_status[other.text])
    return statuses, codes


def _said_words(text: str) -> str:
    """The words of a condition as the prose says them, on one line, with no backtick left
    open where the match cut a code span ("invalid `cursor" is "invalid cursor")."""
    words = " ".join(text.split())
    if words.count("`") % 2:
        i = 0 if words.startswith("`") else len(words) - 1 if words.endswith("`") else \
            words.index("`")
        words = words[:i] + words[i + 1:]
    return words


#: A request written as a sentence's subject, at its start: "`GET /v1/x` answers",
#: "A [`DELETE /v1/x`](x.md) request gets".
_REQUEST_SUBJECT = re.compile(r"\s*(?:(?:[-*+]|\d+\.)\s+)?(?:(?:an?|the)\s+)?\[?`(?P<request>[A-Z]+"
                              r"\s+/[^`]*)`")


def _sentence_operations(prose: str, start: int, end: int, page: Page,
                         contract: Contract) -> set[str]:
    """The operations a sentence (``prose[start:end]``, up to a span) is of: those its
    subject names ("Restarting a workstation", "[Restart](restart.md) takes", "If you
    restart one"), not a verb said to the reader ("Stop it first"); and, on an endpoint
    page, the page's own. A request written as its subject ("`GET .../delete` answers")
    is its operation's alone. A state said first ("If the workstation is stopped, the delete
    gets ...") is passed over, to the subject after it."""
    first = _STATE_FIRST.match(prose, start, end) or _STATE_STATED.match(prose, start, end)
    start = first.end() if first is not None else start
    written = _REQUEST_SUBJECT.match(prose, start, end)  # ("`GET .../delete` answers ...":
    request = _REQUEST.match(written["request"]) if written else None  # its own, alone)
    if request is not None and request["method"]:
        ops = _request_target(request, contract)[0]
        if ops:
            return set(ops)
    method = _METHOD_SUBJECT.match(prose, start, end)
    if method is not None:  # ("A `DELETE` of ...": every operation of that method)
        return {op for op, (said, _) in contract.requests.items() if said == method["method"]
                and not op.startswith("removed")} | ({page.operation} if page.operation else set())
    subject = _YOU_DO.match(prose, start, end) or _REQUEST_TO.match(prose, start, end)
    if subject is None or not _subject_ops(subject["who"], page, contract):
        subject = _SUBJECT.match(prose, start, end)
    if subject is None or not _subject_ops(subject["who"], page, contract):
        # the subject of a condition: "If [Delete volume](...) answers `409`", "When
        # deleting the volume gets ..."
        opening = _CONDITIONAL.match(prose, start, end)
        subject = _SUBJECT.match(prose, opening.end(), end) if opening else subject
    ops = set(_subject_ops(subject["who"], page, contract)) if subject is not None else set()
    who = _LINK_TEXT.sub(r"\1", subject["who"]) if subject else ""
    if ops and subject is not None and subject.re is _SUBJECT and not subject["article"] \
            and _TO_THE_READER.match(prose, subject.end(), end) \
            and not (who.split() or [""])[0].lower().endswith(("ing", "s")):
        ops = set()  # (said to the reader: "Stop it first, or ...")
    if ops and subject is not None and "[" not in subject["who"]:
        if page.operation in ops:
            ops = {page.operation}  # ("the delete", on Delete volume's page: its own)
        on = _of_its_resource(sorted(ops), subject["who"], prose, subject.end(), end)
        ops = set(on or ops)  # ("deleting the volume": Delete volume; none named: all said)
    return ops | ({page.operation} if page.operation else set())


def _between(spans: Sequence[_Span], start: int, end: int) -> list[tuple[int, int]]:
    """The stretches of ``prose[start:end]`` that no span covers."""
    stretches, at = [], start
    for span in sorted((s for s in spans if start <= s.start < end), key=lambda s: s.start):
        stretches.append((at, span.start))
        at = max(at, span.end)
    return [*stretches, (at, end)]


def _condition_problem(span: _Span, spans: Sequence[_Span], prose: str,
                       contract: Contract, page: Page | None = None) -> str | None:
    r"""What is wrong with an error status or code ``span`` said under a condition
    (:data:`_CONDITIONS`) that the API answers with another ("deleting a running
    workstation answers `404`", "`volume_attached`: the volume belongs to another
    workstation"); None if it is the condition's, or no condition is read. Its clause (its
    sentence or list item, or its brackets) must say one error status alone, and no
    denial besides the conditions' own words ("no longer running" passes).

    Example:
        >>> contract = Contract(Scope("the API", frozenset(), frozenset(), frozenset()), {},
        ...                     {"not_found": 404, "volume_not_found": 409,
        ...                      "workstation_not_stopped": 409, "volume_attached": 409,
        ...                      "volume_owned": 409}, {}, frozenset(), {})
        >>> prose = ("Deleting a running workstation answers `404`. A workstation that was "
        ...          "deleted answers `409`; a volume that was deleted `409`.\n\n"
        ...          "- `volume_attached`: the volume belongs to another workstation.\n"
        ...          "- **409** — stop it first, if it is running (a `404` is no such case).\n\n"
        ...          "Once it is no longer running, `409` is not answered.")
        >>> spans = [_Span(m.start(), m.end(), 1, m[1], None, False)
        ...          for m in re.finditer(r"(?:`|\*\*)([^`*]+)(?:`|\*\*)", prose)]
        >>> for span in spans:
        ...     if said := _condition_problem(span, spans, prose, contract):
        ...         print(said)
        `404` is said for "running workstation", which the API answers with `409` (`workstation_not_stopped`)
        `409` is said for "workstation that was deleted", which the API answers with `404` (`not_found`)
        `volume_attached` is said for "belongs to another workstation", which the API answers with `409` (`volume_owned`)
    """
    status = _ERROR_STATUS.match(span.text)
    if status is None and span.text not in contract.code_status or (
            status is not None and status["status"] == "405"
            or contract.code_status.get(span.text) == 405):
        return None  # (a 405 is a method's, whatever else is said: "the removed route answers
        # a `POST` with `405`")
    start, end = _clause(span, prose)
    if prose[start - 1:start] == "(" and (_CANNOT_BE_DONE.search(
            _LINK_TEXT.sub(r"\1", prose[_clause(span, prose, brackets=False)[0]:start]))
            or re.fullmatch(r"[\s,;:\u2014\u2013-]*(?:HTTP\s*)?[\s,;:\u2014\u2013-]*", "".join(
                prose[a:b] for a, b in _between(spans, start, end)))):
        # "an attached volume cannot be deleted (`404`)": the status of the sentence's
        # words; so is one in brackets that hold its status and code alone ("- it is
        # attached (`409` `volume_attached`)")
        start = _clause(span, prose, brackets=False)[0]
    if prose[max(0, start - 2):start] == "; " and not any(
            pattern.search(prose, start, span.start) for pattern, _ in _CONDITIONS):
        # "A running workstation cannot be deleted; the API answers `404`": the clause
        # before says the condition, when it says no status of its own
        before = [m.end() for m in _CONDITION_CLAUSE_END.finditer(prose, 0, start - 2)]
        opening = before[-1] if before else 0
        if not any(_said_in(spans, opening, start, set(), contract, _STATUS)):
            start = opening
    denied = _denied(spans, prose, start, end)
    if span in denied:
        return None  # ("answers `409`, not `404`": the `404` is said not to be the answer)
    statuses, codes = _said_in(spans, start, end, denied, contract, _ERROR_STATUS)
    if len(statuses) != 1 or len(codes) > 1:
        return None  # (two statuses, or codes: which condition is whose is not read)
    # a link's text alone, and no aside in brackets (blanked: the offsets stay the prose's)
    clause = re.sub(r"(?<=\])\([^)]*\)|(?<!\])\([^()]*\)", lambda m: " " * len(m[0]),
                    prose[start:end])
    # (and a word's emphasis: "a volume **attached** to it" reads "a volume attached")
    clause = re.sub(r"\*{1,2}(?=[A-Za-z])|(?<=[A-Za-z])\*{1,2}", lambda m: " " * len(m[0]),
                    clause)
    at = span.start - start
    for other in spans:  # a status's own words ("404 Not Found") are no condition
        if start <= other.start < end and _STATUS.match(other.text):
            a, b = other.start - start, min(other.end, end) - start
            clause = clause[:a] + " " * (b - a) + clause[b:]
    # the operations the sentence is of (its subject's, and an endpoint page's own), if
    # any: a condition is read as theirs only where one of them returns its code ("A
    # restart takes a running workstation; a stopped one gets `409`": a restart never
    # answers `workstation_not_stopped`)
    sentence = slice(*_clause(span, prose, brackets=False))
    named = _sentence_operations(prose, min(start, sentence.start), span.start, page,
                                 contract) if page is not None else set()
    theirs = (set().union(*(contract.operations[op].codes for op in named)) if named
              else contract.code_status.keys())
    found: list[tuple[int, int, frozenset[str]]] = []
    for pattern, meant in _CONDITIONS:
        for match in pattern.finditer(clause):
            if meant & {"not_found", "volume_not_found"} and _NOT_A_RESOURCE.search(
                    clause, max(0, match.start() - 40), match.start()):
                continue  # ("the machine type `xl-99` does not exist": a field's value)
            if not any(s < match.end() and match.start() < e for s, e, _ in found):
                found.append((match.start(), match.end(),
                              meant & contract.code_status.keys() & theirs
                              if "invalid_json" not in meant or "invalid_json" in theirs
                              else frozenset()))  # (a body, to an operation that reads none)
    # "can't be deleted: `404`" denies the operation, not the condition or the answer
    blank = _CANNOT_BE.sub(lambda m: " " * len(m[0]), clause)
    for s, e, _ in found:  # what the conditions say is theirs ("no token" is a condition)
        blank = blank[:s] + " " * (e - s) + blank[e:]
    # a condition denied, or the status said not to be answered for it, between the two
    # ("a running workstation never gets `404`", "no longer running"); a denial after
    # both ("detach it first, without it") is another matter
    found = [(s, e, meant) for s, e, meant in found if meant and not _NEGATION.search(
        blank[max(0, min(s, at) - 16):max(e, at)]) and not re.search(
        r"\b(?:unless|until|instead|except|before)\b", blank[max(0, min(s, at) - 16):max(e, at)],
        re.IGNORECASE)]
    means = _MEANS.search(clause, at)  # "a `404` for X means Y": the cause is Y
    if means is not None:
        reason = _REASON.search(clause, means.end())
        found = [f for f in found
                 if means.start() <= f[0] < (reason.start() if reason else len(clause))]
    # a part of the request said to be ignored ("a malformed body is ignored", "it ignores
    # any body"; not a workstation: "a delete of a running workstation is ignored")
    # (a body only, where no operation the clause names, nor the page's, reads one: those
    # do not ignore it)
    readers = {op for op in (_named_operations(clause, page, contract) if page else set())
               | ({page.operation} if page and page.operation else set())
               if op in contract.operations and "invalid_json" in contract.operations[op].codes}
    found = [f for f in found if readers or "invalid_json" not in f[2] or not _IGNORED_AFTER.match(
        clause, f[1]) and not _IGNORED_BEFORE.search(clause, 0, f[0])]
    if _NEW_KEY.search(clause):  # another body under a new key reuses no key
        found = [f for f in found if f[2] != {"idempotency_key_reused"}]
    # a check made before the store is asked, beside one only the store makes: the first
    # is the answer ("updating a running workstation with a malformed body": the body's
    # `400`, never the state's `409`); a body's only for operations named that read one
    # (a delete ignores it), and not the old route's (another request's)
    first = {contract.code_status[c] for f in found if _request_own(f[2]) and not f[2] & {
        "endpoint_removed"} and (named or not f[2] & {"invalid_json", "unsupported_media_type"})
             for c in f[2]}
    if first:  # (a status the first check answers too is left: its words may be the nearer)
        found = [f for f in found if _request_own(f[2])
                 or {contract.code_status[c] for c in f[2]} <= first]
    # two of the request's own checks: the sandbox is asked which it makes first ("a
    # malformed body without a token": the token's `401`)
    own, ordered = [f for f in found if _request_own(f[2])], False
    kinds = {_condition_kind(f[2], clause[f[0]:f[1]]) for f in own}
    if len(kinds) > 1 and page is not None:
        sent = named or ({page.operation} if page.operation in contract.operations else {
            op for op, scope in contract.operations.items()
            if all(f[2] & scope.codes for f in own)})
        answers = request_own_answers(tuple(sorted(sent)), frozenset(kinds))
        if answers:  # (by its code, where it has one: two checks may share a status)
            codes = {code for _, code in answers}
            kept = [f for f in found if f not in own or f[2] & codes or None in codes and {
                contract.code_status[c] for c in f[2]} & {status for status, _ in answers}]
            ordered, found = len(kept) < len(found), kept
    # (in brackets, its sentence's words may say the condition has passed)
    if not found or not ordered and (  # (an order said is the sandbox's, where it was asked)
            _EARLIER_CHECK.search(clause) or _EARLIER_CHECK.search(prose[sentence])):
        return None
    meant = set().union(*(codes_meant for _, _, codes_meant in found))
    (status_said,) = statuses
    if (span.text in meant) if status is None else any(
            contract.code_status.get(code) == status_said for code in meant):
        return None
    first = min(found, key=lambda f: abs(f[0] - at))  # the nearest
    words = _said_words(clause[first[0]:first[1]])
    return (f'`{span.text}` is said for "{words}", which the API answers with '
            f"{_answered(first[2], contract)}" + (
                ", checked before the other condition it says (as the sandbox answers a "
                "request with both)" if ordered else ""))


def _answered(codes: Iterable[str], contract: Contract) -> str:
    """``codes`` as the answers they are, those of one status together: "`400`
    (`invalid_json` or `validation_error`) or `404` (`not_found`)"."""
    by_status: dict[int, list[str]] = {}
    for code in sorted(codes, key=lambda c: (contract.code_status[c], c)):
        by_status.setdefault(contract.code_status[code], []).append(f"`{code}`")
    return " or ".join(f"`{status}` ({' or '.join(named)})" for status, named in by_status.items())


#: A clause's subject that names operations: their verbs ("Starting a workstation",
#: "Start and stop", "A delete", "Creates", with its resource before it: "A volume delete"),
#: or links to their pages ("[Starting](start.md)").
#: A removed operation, named by what it was: "the old route".
_REMOVED_ROUTE = (r"(?:old|removed|retired|former)\s+(?:route|endpoint)(?!\s+(?:\w+ed|was|were|"
                  r"had|did|gave|sent|used\s+to)\b)")  # (what it answers now: "answered", history)
_OP_WORD = rf"(?:\[[^\]\n]+\]\([^)\s]*\)|{_REMOVED_ROUTE}|(?:(?:workstation|volume)\s+)?[A-Za-z]+)"
_SUBJECT = re.compile(rf"\s*(?:[-*+]\s+|\d+\.\s+)?(?P<article>(?:an?|the|each|every|your|both)\s+)?"
                      r"(?:(?:retried|repeated|second|later|first|next)\s+)?"
                      rf"(?P<who>{_OP_WORD}(?:\s*(?:,|\band\b|\bor\b)\s*(?:(?:an?|the)\s+)?"
                      rf"{_OP_WORD})*)", re.IGNORECASE)
#: After the subject, the resource it acts on: "Deleting a running workstation".
_SUBJECT_RESOURCE = re.compile(r"\s+(?:(?:an?|the|its|your|(?:that|this)(?!\s+(?:\w+s|\w+ed|can"
                               r"|could|will|would|may|might|must|had)\b))\s+)?(?:(?!(?:\w+ing|with|of"
                               r"|for|in|to|that|which)\b)[`\w'’-]+\s+){0,3}?"
                               r"(?P<kind>workstation|volume)s?\b(?!['’])", re.IGNORECASE)
#: After a list operation's subject, one thing named: "Listing a volume (or `vol-1a2b3`, or
#: another workstation's volume) in `volume_ids`" names it in a body, and lists nothing.
_ONE_NAMED = re.compile(r"\s+(?:`(?:ws|vol)-|(?:an?|another|one|the|its|that|this|\w+['’]s)\s+"
                        r"(?:[\w'’-]+\s+){0,2}?(?:volume|workstation)\b(?!s))", re.IGNORECASE)
#: A clause that opens with what the reader does: "If you start a workstation that is
#: running, you get" (the article group: none, as the verb is no order to the reader).
_YOU_DO = re.compile(rf"\s*(?:[-*+]\s+|\d+\.\s+)?(?:if|when|once|whenever)\s+you\s+(?P<article>)"
                     rf"(?P<who>{_OP_WORD})\b", re.IGNORECASE)
#: A clause whose subject is a request for an operation: "A request to stop `ws-99999`"
#: (the article group: there is one, so the verb is no order to the reader).
_REQUEST_TO = re.compile(rf"\s*(?:[-*+]\s+|\d+\.\s+)?(?P<article>(?:an?|the|each|every|your)\s+)"
                         rf"(?:request|call)\s+to\s+(?P<who>{_OP_WORD})\b", re.IGNORECASE)
#: A clause whose subject is a request by its method: "A `DELETE` of an attached volume".
_METHOD_SUBJECT = re.compile(rf"\s*(?:[-*+]\s+|\d+\.\s+)?(?:an?|the|each|every|your)\s+"
                             rf"`(?P<method>{'|'.join(_METHODS)})`", re.IGNORECASE)
#: What says the status after it is an operation's answer: "answers", "gets", "is
#: refused with".
_ANSWERS = re.compile(r"\b(?:answers?|answered|gets?|got|returns?|returned|(?:fails?|failed|"
                      r"succeeds?|succeeded)\s+with|(?:is|are)\s+(?:refused|rejected|answered|accepted)\s+"
                      r"with|responds?\s+with|comes?\s+back\s+with)\b", re.IGNORECASE)


def _verb_forms(verb: str) -> frozenset[str]:
    """The words naming operations of ``verb`` as a subject: ``starting``, ``start`` and
    ``starts`` of ``start`` (``get``: only ``getting``, as "gets" is said of any request)."""
    stem = verb[:-1] if verb.endswith("e") else verb + verb[-1] if verb in ("get", "stop") else verb
    return frozenset({stem + "ing", *(() if verb == "get" else (verb, verb + "s"))})


def _participle(verb: str) -> str:
    """What an operation of ``verb`` makes of its resource: ``stopped``, ``deleted``."""
    return verb + "d" if verb.endswith("e") else verb + "ped" if verb == "stop" else verb + "ed"


def _subject_ops(who: str, page: Page, contract: Contract) -> list[str]:
    """The operations ``who`` names, each word or link of it one or more (every operation
    of that verb); none if one of them names none ("A volume attached ...")."""
    ops: list[str] = []
    for item in re.split(r"\s*(?:,|\band\b|\bor\b)\s*(?:(?:an?|the)\s+)?", who,
                         flags=re.IGNORECASE):
        link = re.fullmatch(r"\[[^\]]+\]\(([^)\s]*)\)", item)
        kind, _, noun = item.lower().rpartition(" ")  # ("volume delete": a noun, not "stops")
        named = ([op for op in contract.operations if op.startswith("removed")]
                 if re.fullmatch(_REMOVED_ROUTE, item, re.IGNORECASE) else
                 [page.operation_of[page.target(link[1])]]
                 if link is not None and page.target(link[1]) in page.operation_of else
                 [] if link is not None else
                 [op for op in contract.operations if not op.startswith("removed")
                  and (noun == _verb(op) and kind in op.lower() if kind else
                       noun in _verb_forms(_verb(op)))])
        if not named:
            return []
        ops += named
    return ops


#: After a status, what opens a clause of its own, with its own subject and answer.
_NEXT_CLAUSE = re.compile(r",\s+(?:and|but|while|whereas)\s+", re.IGNORECASE)
#: Between an operation said as a subject and a status: another request's answer ("that
#: answered `409`"), or another clause's subject (", and the delete gets"), whose status
#: it is not.
#: After an order to the reader, what makes it a condition of the answer that follows:
#: "Delete it while it is running and you get `200`".
_AND_YOU_GET = re.compile(r"\band\s+you(?:\s+will|['’]ll)?\s+(?:get|see|receive)\s+(?:an?\s+)?$",
                          re.IGNORECASE)
#: A condition said of the resource the subject acts on: "while it is running", "it is
#: attached".
_OF_IT = re.compile(r"(?:(?:while|when|if)\s+)?(?:it|the\s+(?:workstation|volume))\b",
                    re.IGNORECASE)
_ANOTHER_SUBJECT = re.compile(r"\b(?:that|which)\s+(?:answered|got|returned)\b|,\s+(?:and|but|so)"
                              r"\s+(?:the|an?|its|any|every|\w+ing)\b|\b(?:means|makes|lets)\b",
                              re.IGNORECASE)


#: After a bare verb, what makes it one said to the reader: "Stop it first".
_TO_THE_READER = re.compile(
    r"\s+(?:it|them|the|an?|your|this|that|these|those|every|each|one|first|now|again)\b",
    re.IGNORECASE)
#: An operation named as the subject of an answering verb: "a delete answers", "the update
#: gets".
_OWN_SUBJECT = re.compile(
    rf"\b(?:an?|the|each|every|your|its)\s+(?:(?:retried|repeated|second|later|first|next)\s+)?"
    rf"(?P<who>{_OP_WORD})\s+(?:\w+\s+)?{_ANSWERS.pattern}", re.IGNORECASE)


def _of_its_resource(ops: Sequence[str], who: str, text: str, at: int,
                     end: int | None = None) -> list[str] | None:
    """Of ``ops``, those on the resource named right after their subject ``who`` (which
    ends at ``at``): "Deleting a volume" is Delete volume's; and no list operation where
    one thing is named ("Listing a volume in `volume_ids`": naming it). None where no
    resource is named there, or ``who`` is a link (which names its operation)."""
    if "[" in who:
        return None
    end = len(text) if end is None else end
    if any(_verb(op) == "list" for op in ops) and _ONE_NAMED.match(text, at, end):
        ops = [op for op in ops if _verb(op) != "list"]  # ("Listing a volume in `volume_ids`")
        if not ops:
            return []
    resource = _SUBJECT_RESOURCE.match(text, at, end)
    if resource is None:
        return None
    return [op for op in ops if resource["kind"].lower() in op.lower()]


#: What a span the sandbox refuses is answered, by the kind of problem it is told: a
#: token it refuses, `401`; an ID no resource has, `404` (or the old route's `410`; in a
#: body, `409` `volume_not_found`); a malformed ID, or one of another kind, `400`
#: (`invalid_id`); a value of a kind the API has none of (a machine type), `400`.
_ANSWERED_TO = (((": the sandbox answers 401 to it", ": a sandbox token starts with ",
                  " carries a token after the scheme"), ("401", "unauthorized"),
                 r"\s+(?:is|are)\s+(?:always\s+)?(?:refused|rejected)\b"),
                (("is not one of the sandbox's fixtures",), ("404", "not_found", "410",
                                                             "volume_not_found"),
                 (r"[,\s]+(?:does\s*(?:not|n['’]t)\s+exist|is\s+unknown)\b"
                  # (or an aside after it: "`ws-00000` too, a well-formed ID no workstation has")
                  r"|(?:\s+too)?\s*,\s+(?:an?\s+)?(?:well-formed\s+|valid\s+)?(?:(?:workstation|"
                  r"volume)\s+)?(?:ID|one)\s+(?:that\s+)?no\s+(?:workstation|volume|resource)\s+has\b")),
                ((" is not a well-formed ", " ID, where a "), ("400", "invalid_id"),
                 r"[,\s]+(?:is\s+(?:refused|rejected)|is\s+(?:a\s+)?malformed)\b"),
                # (a value of no kind the API has: "`standard-16`, for instance, gets `400`")
                ((" of the API (they are ",), ("400", "validation_error"),
                 r"[,\s]+(?:is\s+(?:refused|rejected|invalid)|is\s+not\s+(?:one|valid))\b"))


#: Before a name or a path, what says the API has none such: "an unknown field, `nam`",
#: "a path the API does not have, such as `/v1/nothing`".
_SAID_UNKNOWN = re.compile(
    r"(?:\b(?:unknown|misspelt|misspelled|made-up|bogus|nonexistent|non-existent)\s+(?:fields?|"
    r"members?|parameters?|names?|paths?|routes?)|\b(?:fields?|paths?|routes?)\s+(?:that\s+)?(?:the"
    r"\s+API\s+)?(?:does|do)\s*(?:n['’]t|\s+not)\s+(?:have|exist|take|know))"
    r",?\s+(?:(?:such\s+as|like|e\.g\.,?|say,?|called|named)\s+)?$", re.IGNORECASE)
#: Before an ID, what says no resource has it: "an ID no workstation has, such as", "a
#: made-up ID like".
_NO_RESOURCE_SUCH_AS = re.compile(
    r"(?:\b(?:IDs?|one)\s+(?:that\s+)?no\s+(?:workstation|volume|resource)\s+(?:has|have)|\bIDs?\s+"
    r"(?:that|which)\s+(?:does|do)\s*(?:n['’]t|\s+not)\s+exist|\b(?:unknown|"
    r"made-up|made\s+up|fake|nonexistent|non-existent|bogus|random)\s+(?:workstation\s+|"
    r"volume\s+)?IDs?),?\s+(?:such\s+as|like|e\.g\.,?|say,?)\s+$", re.IGNORECASE)


#: A request said by its method alone as the subject of the status after it: "a `GET` of
#: that ID still answers".
_OF_A_METHOD = re.compile(
    rf"\b(?:an?|the)\s+`(?P<method>{'|'.join(_METHODS)})`(?:\s+request)?\s+(?:of|on|to|for)\s+"
    r"[^`.;:]{1,40}?\s+(?:(?:still|now|then|also)\s+)?(?:answers?|gets?|returns?|is\s+answered)"
    r"\s+(?:with\s+)?(?:an?\s+)?$", re.IGNORECASE)


#: Right before an ID, a word that says no resource has it: "the nonexistent `ws-00000`".
_NONEXISTENT = re.compile(r"\b(?:nonexistent|non-existent|made-up|fake|bogus)\s+(?:(?:workstation|"
                          r"volume)\s+)?(?:ID\s+)?$", re.IGNORECASE)


#: In a field's clause, what says the page's own operation has it all the same: "the
#: answer includes the volume's `size_gb`", "a volume's field, and this answer has it too".
_CLAIMED_HERE = re.compile(
    r"\b(?:(?:each|every|an?)\s+item|items)\s+(?:also\s+)?(?:carry|carries|has|have|holds?|"
    r"includes?|contains?)\b|"
    r"\b(?:the|this|its)\s+(?:answer|response|body|request)\s+(?:also\s+)?(?:includes?|has|"
    r"holds?|shows?|returns?|takes?|contains?|carries|gives?|lists?)\b|\bthis\s+(?:answer|"
    r"response|body|request|operation|call)\b|\b(?:has|have|shows?|returns?|takes?)\s+it\s+"
    r"(?:too|also|as\s+well)\b", re.IGNORECASE)


#: After a field, words that call it a resource's field: "is a volume's field", ", a
#: volume's field".
_CALLED_A_FIELD = re.compile(r"(?:\s+is|,)\s+(?:an?|the)\s+(?:workstation|volume)['’]s\s+(?:own\s+)?"
                             r"field\b", re.IGNORECASE)
#: A verb that sends or takes what it names: "can be sent in an update", "set it in this
#: body", "filter with" (not a value it is "set to").
_SENDS = re.compile(r"\b(?:send|sends|sent|sending|(?:set|sets|setting)(?!\s+to\b)|pass|passes|"
                    r"passed|filter|filters|take|takes|taken|accept|accepts|accepted)\b",
                    re.IGNORECASE)


def _around(span: _Span, prose: str, ends: str = r"[.!?]\s|\n\n") -> tuple[int, int]:
    """Where the sentence of ``span`` starts and ends (at most 400 characters before it),
    or, with ``ends``, its clause.

    Example:
        >>> prose = "First. Then `x` is here; more. Last."
        >>> start, end = _around(_Span(12, 15, 1, "x", None, False), prose)
        >>> prose[start:end]
        'Then `x` is here; more'
    """
    start = span.start - len(re.split(ends, prose[max(0, span.start - 400):span.start])[-1])
    end = re.search(rf"{ends}|[.;:!?]?$", prose[span.end:])
    return start, span.end + (end.start() if end else 0)


def _sent_in_its_sentence(span: _Span, spans: Sequence[_Span], prose: str) -> bool:
    """Whether the sentence of the field ``span`` says it is sent or taken: in the clause
    that names it, or in one after it that says "it" ("`size_gb` is a volume's field; an
    update takes it"). A clause that denies ("the update does not take it") says nothing."""
    start, end = _around(span, prose)
    sentence = _outside_code(prose, [s for s in spans if s is not span], start, end)
    at = span.start - start
    offset = 0
    for clause in re.split(r"(?<=[;:])\s", sentence):
        here = offset <= at < offset + len(clause)
        offset += len(clause) + 1
        if (here or offset > at and re.search(r"\b(?:it|them)\b", clause)) and _SENDS.search(
                clause) and not _NEGATION.search(clause):
            return True
    return False


def _owners_said(span: _Span, prose: str) -> set[str]:
    """The resources the field ``span`` is said to be of: the one named right around it
    (:func:`_owner_named`), else those of its sentence when it is given a value
    (:func:`_valued_in_a_sentence_of`)."""
    owner = _owner_named(span, prose)
    return {owner} if owner is not None else _valued_in_a_sentence_of(span, prose)


def _valued_in_a_sentence_of(span: _Span, prose: str) -> set[str]:
    """The resources (``workstation``, ``volume``) the sentence of ``span``, a field given
    a value ("`attached_to` `null`", "`attached_to` is `null`"), names: the field is said
    of one of them ("every standalone volume is detached, with `attached_to` `null`");
    none if no value follows it.

    Example:
        >>> def kinds(text):
        ...     prose = f"See below.\\n\\n{text}\\n"
        ...     return sorted(_valued_in_a_sentence_of(next(iter(_spans(prose))), prose))
        >>> kinds("Each standalone volume is detached, with `attached_to` `null`.")
        ['volume']
        >>> kinds("The update resizes volumes with `size_gb`.")
        []
    """
    if not re.match(r"\s*(?:(?:is|are|becomes?|became|stays?|remains?|(?:is\s+)?set\s+to|of|=|:)\s+)?`",
                    prose[span.end:span.end + 30], re.IGNORECASE):
        return set()
    sentence = prose[slice(*_around(span, prose))]
    return {kind.lower() for kind in re.findall(r"\b(workstation|volume)s?\b", sentence,
                                                 re.IGNORECASE)}


def _resource_fields(operation: str | None, contract: Contract) -> frozenset[str]:
    """The fields of the resource ``operation`` acts on: those of what a ``GET`` of its
    path answers (Delete volume's, a volume's), where the API has one.

    Example:
        >>> scope = Scope("the API", frozenset(), frozenset(), frozenset())
        >>> contract = Contract(scope, {"getX": Scope("getX", frozenset(), frozenset(),
        ...     frozenset({"size"}))}, {}, {}, frozenset(), {}, requests={
        ...     "getX": ("GET", "/x/{id}"), "deleteX": ("DELETE", "/x/{id}")})
        >>> sorted(_resource_fields("deleteX", contract)), sorted(_resource_fields("y", contract))
        (['size'], [])
    """
    path = contract.requests.get(operation or "", ("", None))[1]
    return frozenset().union(*(contract.operations[op].fields
                               for op, (method, there) in contract.requests.items()
                               if method == "GET" and there == path and op in contract.operations))


#: Right before a field, another operation named as what has it: "an update whose
#: `volume_ids`", "the create's `disk_size_gb`", "a [create](create.md) with `size_gb`".
_OPERATIONS_FIELD = re.compile(
    rf"(?<![A-Za-z])(?:an?|the|its|that|this|each|every|your)\s+(?P<who>{_OP_WORD})(?:['’]s\s+"
    r"(?:body['’]s\s+|answer['’]s\s+)?|\s+(?:whose|with|that\s+sends|sending)\s+(?:an?\s+|the\s+|its\s+)?)$",
    re.IGNORECASE)


def _of_an_operation_named(span: _Span, prose: str, page: Page, contract: Contract) -> bool:
    """Whether the field ``span`` is said right before it to be another operation's (one
    named by its verb or a link to its page), and one of those takes or answers it: "send
    it an update whose `volume_ids` leaves the volume out", on Delete volume's page."""
    said = _OPERATIONS_FIELD.search(prose, max(0, span.start - 80), span.start)
    ops = _subject_ops(said["who"], page, contract) if said is not None else []
    return page.operation not in ops and any(  # (a verb of the page's own: its own)
        span.text in contract.operations[op].fields or span.text in contract.inputs.get(op, {})
        for op in ops)


#: What says a thing is alike in two operations: "as [Get](get.md) does", "shows it too".
_ALIKE = re.compile(r"\b(?:as|like|too|also|likewise|same|both)\b", re.IGNORECASE)
#: Between a field and a link after it, what makes the link's operation the one the field
#: goes to: "`volume_ids` when you [create …]", "`size_gb` on [Get volume]", "`volume_ids` on
#: the workstation with [Update …]", "`size_gb` to [Create volume]" (not ", which [Get
#: volume](…) shows").
_THROUGH = re.compile(r"(?:\s+(?:(?!(?:as|like)\s)[\w ]{0,30}?\s)?(?:with|on|in|to|via|through|"
                      r"using|when(?:\s+you)?|by)|,\s+(?:on|in|with|via|through|using))\s+"
                      r"(?:(?:an?|the)\s+)?")
#: Between a field and a link after it, a relative clause that the verb after the link
#: says takes it: "`size_gb`, which [Create volume](…) takes".
_WHICH_BEFORE_LINK = re.compile(r",\s+which\s+(?:only\s+)?")
_TAKES_AFTER_LINK = re.compile(r"\]\([^)\s]*\)\s+(?:also\s+)?(?:takes|accepts|reads|sets|uses)\b")
#: Right after a field, the operation it is sent to: "pass `volume_ids` to an update",
#: "send `volume_ids` to Update workstation" (not an infinitive: "pass `status` to list").
_TO_AN_OPERATION = re.compile(
    r"(?:\s+(?i:without|with|listing|naming)\s+(?:it|them))?"  # ("`volume_ids` without it to")
    rf"\s+(?:to|in|with)\s+(?:(?i:an?|the)\s+(?P<who>{_OP_WORD})"
    r"|(?P<summary>[A-Z][a-z]+\s+(?:workstation|volume))\b)")


#: Right after a field, a relative clause that says which operation takes it: ", which an
#: update takes", ", which only [Create workstation](create.md) takes".
_WHICH_TAKES = re.compile(
    rf",\s+which\s+(?:only\s+)?(?:(?:an?|the)\s+)?(?P<who>{_OP_WORD})\s+(?:also\s+)?"
    r"(?:takes|accepts|reads|sets|uses)\b", re.IGNORECASE)


def _of_an_operation_in_its_clause(span: _Span, prose: str, page: Page,
                                     contract: Contract) -> bool:
    """Whether the clause of the field ``span`` (up to a stop, a semicolon or a colon)
    names another operation that takes or answers it: by a link to its page ("attach it
    with [Update workstation](…), in `volume_ids`", "by listing its ID in `volume_ids` when
    you [create the workstation](…)"), or right after the field, as what it is sent to
    ("pass `volume_ids` to an update", "send `volume_ids` to Update workstation")."""
    start, end = _around(span, prose, r"[.;:!?]\s|\n\n|\n\s*(?:[-*+]|\d+\.)\s")
    clause = prose[start:end]
    # the field said of this one too, alike ("the answer has `volume_ids`, as [Get
    # workstation](…) does"): only a link right after it, what it goes to, makes it another's
    # ("like `disk_size_gb` on [Create workstation](…)")
    alike = _ALIKE.search(_outside_code(prose, [span], start, start + len(clause)))
    at = span.start - start
    ops = {page.operation_of[page.target(link.target)] for link in prose_links(clause)
           if page.target(link.target) in page.operation_of and (  # (its text's, and markup's)
               not alike and len(clause[clause.find(")", link.end) + 1:at]) <= 40
               if link.end <= at
               else bool(_THROUGH.fullmatch(clause[span.end - start:link.start - 1])
                         or _WHICH_BEFORE_LINK.fullmatch(clause[span.end - start:link.start - 1])
                         and _TAKES_AFTER_LINK.match(clause, link.end)))}
    which = _WHICH_TAKES.match(prose, span.end)  # (", which an update takes")
    if which is not None:
        ops.update(_subject_ops(which["who"], page, contract))
    after = _TO_AN_OPERATION.match(prose, span.end)
    if after is not None and not alike:  # (a summary's words too: "Update workstation", as
        # "workstation update")
        ops.update(_subject_ops(after["who"], page, contract) if after["who"] else _subject_ops(
            " ".join(reversed(after["summary"].lower().split(None, 1))), page, contract))
    return any(span.text in contract.operations[op].fields or span.text in contract.inputs.get(
        op, {}) for op in ops - {page.operation} if op in contract.operations)


def _owner_named(span: _Span, prose: str) -> str | None:
    """The resource ``span``, a field, is said to be of, right around it: ``workstation`` in
    "a (stopped) workstation's `volume_ids`", "the `volume_ids` of a stopped workstation",
    "`volume_ids` on a workstation", "`volume_ids` is (or ", a") workstation's field", and,
    for "its" or "their (own)", the last workstation or volume its sentence named
    before ("to find what a workstation has, read its `volume_ids`"); else None.

    Example:
        >>> def owner(text):
        ...     prose = f"See below.\\n\\n{text}\\n"
        ...     span = next(iter(_spans(prose)))
        ...     return _owner_named(span, prose)
        >>> [owner(t) for t in ("A stopped workstation's `volume_ids`.",
        ...                     "List it in the `volume_ids` of a stopped workstation.",
        ...                     "The standalone volumes keep their own `size_gb`.",
        ...                     "A detached volume keeps its data; its `attached_to` is null.",
        ...                     "The `size_gb` you ask for.",
        ...                     "`standalone` is a volume's field, not the workstation's.",
        ...                     "The volume's own field `size_gb`; `size_gb` on a volume.")]
        ['workstation', 'workstation', 'volume', 'volume', None, 'volume', 'volume']
        >>> prose = "Update `ws-12345`'s `volume_ids` without it."  # (or by its ID)
        >>> _owner_named(list(_spans(prose))[1], prose)
        'workstation'
    """
    before = prose[max(0, span.start - 50):span.start]
    said = re.search(r"\b(?:an?|the|its|each|every|that|this|another|your)\s+(?:[\w-]+\s+){0,2}?"
                     r"(workstation|volume)['’]s\s+(?:own\s+)?(?:field\s+)?$", before, re.IGNORECASE)
    if said is not None:
        return said[1].lower()
    said = re.search(r"`(ws|vol)-[a-z0-9]+`['’]s\s+(?:own\s+)?$", before)  # ("`ws-12345`'s")
    if said is not None:
        return "workstation" if said[1] == "ws" else "volume"
    said = re.match(r"\s+(?:of|on)\s+(?:an?|the|each|every|that|this|its|another|your)\s+"
                    r"(?:[\w-]+\s+){0,2}?(workstation|volume)s?\b|(?:\s+is|,)\s+(?:an?|the)\s+"
                    r"(workstation|volume)['’]s\s+(?:own\s+)?field\b",
                    prose[span.end:span.end + 60], re.IGNORECASE)
    if said is not None:
        return (said[1] or said[2]).lower()
    if re.search(r"\b(?:its|their)\s+(?:own\s+)?$", before, re.IGNORECASE):
        sentence = re.split(r"[.!?]\s|\n\n", prose[:span.start])[-1]
        named = re.findall(r"\b(workstation|volume)s?\b", sentence, re.IGNORECASE)
        return named[-1].lower() if named else None
    return None


def _note_status(span: _Span, prose: str) -> int | None:
    r"""The status of the error's note ``span`` is in: a list's item that opens with it
    ("- **404** — ...", on its first line or one it runs on to) or a table's row ("| 404 |
    ..."); None elsewhere.

    Example:
        >>> prose = "- **404** — no workstation has it,\n  as with `ws-99999`.\n"
        >>> _note_status(_Span(prose.index("`ws"), prose.index("`."), 2, "ws-99999", None,
        ...                    False), prose)
        404
    """
    lines = prose[:span.start].split("\n")
    while len(lines) > 1 and re.match(r"[ \t]+\S", lines[-1]) and not _LIST_NOTE_STATUS.match(
            lines[-1]):
        lines.pop()  # (a line the item runs on to)
    said = _LIST_NOTE_STATUS.match(lines[-1]) or _ROW_NOTE_STATUS.match(lines[-1])
    return int(said["status"]) if said else None


_LIST_NOTE_STATUS = re.compile(r"\s*(?:[-*+]|\d+\.)\s+(?:\*\*|`)(?P<status>[1-5]\d\d)\b")
_ROW_NOTE_STATUS = re.compile(r"\s*\|\s*(?:\*\*|`)?(?P<status>[1-5]\d\d)(?:\*\*|`)?\s*\|")


def _refused_as_said(span: _Span, spans: Sequence[_Span], prose: str, problem: str) -> bool:
    """Whether ``span``, told as a token the sandbox refuses or an ID no resource has, is
    said in its clause to be answered so: the status (or its code) after it ("`cws_live_abc`
    gets `401`", "`ws-99999` gets `404`"), or the words ("is refused", "does not exist";
    "no workstation `ws-99999` exists"; "an ID no workstation has, such as `ws-99999`")."""
    for told, answers, words in _ANSWERED_TO:
        if not any(said in problem for said in told):
            continue
        before = re.search(r"`(?P<said>[^`]+)`(?:\s*`[a-z_]+`)?\s+(?:from|for|to)\s+(?:an?\s+|the\s+)?$",
                           prose[max(0, span.start - 60):span.start])
        if before is not None and (before["said"].split() or [""])[0] in answers:
            return True  # (its answer said before it: "gets `404` `not_found` from `GET ...`")
        if answers[0] == "404" and _NONEXISTENT.search(prose, max(0, span.start - 40),
                                                       span.start):
            return True  # (said to be no resource's right before it: "the nonexistent `ws-00000`")
        if "401" not in answers and str(_note_status(span, prose)) in answers:
            return True  # (an ID in that answer's note: "- **404** — as with `ws-99999`"; a
            # token, said as one a note shows, may be said the sandbox's: its words are read)
        so_does = re.search(_SO_DOES.pattern + r"$", prose[max(0, span.start - 40):span.start],
                            re.IGNORECASE)
        if so_does is not None and any(  # ("`ws-99999` gets `404`, and so does `ws-88888`")
                other.end <= span.start - len(so_does[0]) and other.end > span.start - 60 and (
                    other.text.split() or [""])[0] in answers for other in spans):
            return True
        end = _clause(span, prose, brackets=False)[1]
        row = prose.rfind("\n", 0, span.start) + 1
        row_end = (prose.find("\n", span.end) + 1 or len(prose) + 1) - 1
        in_row = prose[row:span.start].lstrip().startswith("|")
        if in_row:  # (a table's row: what its other cells say it gets)
            end = max(end, row_end)
        said_end = _sentence_end(prose, span.end)  # (its sentence, to a quote's or an aside's
        said_end = span.end + len(re.split(  # end, a bracket's, or another subject's
            r"[;\"“”()]|,\s+(?:while|whereas|but)\b", prose[span.end:said_end])[0])  # (", while")
        if in_row:
            said_end = min(said_end, row_end)  # (its row's)
        said = [(other.text.split()[:1], bool(_DENIED_JUST_BEFORE.search(
            prose, max(0, other.start - 30), other.start))) for other in spans
            if span.end <= other.start < said_end and _ERROR_STATUS.match(other.text)]
        if "404" in answers and (["404"], True) in said and any(
                not denied and first != ["404"] for first, denied in said):
            return True  # (its `404` said to come second to another error: "gets `400`,
            # not `404`", the point being another check made first)
        said_end = min([other.start for other in spans if span.end <= other.start < said_end
                        and (_RESOURCE_ID.match(other.text) or (request := _REQUEST.match(
                            other.text)) and request["method"])] + [said_end])  # (or another
        # request's or ID's: "`GET .../ws-99999` gets `404`, and `GET .../ws-12345` `200`")
        if any(span.end <= other.start < said_end and _STATUS.match(other.text)
               and not other.opted_out and (other.text.split() or [""])[0] not in answers
               and not _DENIED_JUST_BEFORE.search(prose, max(0, other.start - 30), other.start)
               and not any(0 < code.start - other.end <= 2 and code.text in answers
                           for code in spans)  # (its code one of them: "`409` `volume_not_found`")
               for other in spans):  # (not one denied: "answers `400`, not `404`")
            return False  # (another answer said: "`ws-ABC` is refused: the sandbox answers
            # `404`")
        return bool(re.match(words, prose[span.end:end], re.IGNORECASE)) or bool((re.search(
            r"\bno\s+(?:workstation|volume|resource)\s+$", prose[max(0, span.start - 30):span.start],
            re.IGNORECASE) or _NO_RESOURCE_SUCH_AS.search(prose, max(0, span.start - 60),
                                                          span.start)) and answers[0] == "404") or any(
            span.end <= other.start < end and (other.text.split() or [""])[0] in answers
            and not _DENIED_JUST_BEFORE.search(prose, span.end, other.start) for other in spans)
    return False


def _a_method_refused(span: _Span, spans: Sequence[_Span], prose: str, problem: str) -> bool:
    """Whether ``span`` is a request with a method its path does not take, said in a clause
    that says its `405` ("`PUT /v1/workstations/ws-12345` gets `405`"), or that `405`,
    said with the method sent or the `Allow` it gets ("A `DELETE` sent to the old path
    gets `405`"): the API's answer to a request of no operation, said as it is."""
    start, end = _clause(span, prose, brackets=False)
    end = _with_what_it_gets(prose, end)
    before = max(prose.rfind(";", 0, start), prose.rfind(",", 0, start))
    gets = _IT_GETS.match(prose, before) if before > 0 else None
    if gets is not None and gets.end() <= span.start:
        start = _clause(_Span(before - 1, before, 0, "", None, False), prose, brackets=False)[0]
        # ("`POST ...` used to stop it; it now gets `405`": the request is the clause's before)
    others = [s.text for s in spans if start <= s.start < end and s is not span]
    if _REQUEST.match(span.text) and " takes " in problem:
        return any(re.match(r"405\b", text) or text == "method_not_allowed" for text in others)
    if re.match(r"405\b", span.text) and " does not document status 405" in problem:
        return any(text.upper() in _METHODS or text.startswith("Allow") or (
            (request := _REQUEST.match(text)) is not None and request["method"]) for text in others)
    return False


#: Between a field's name and a value it is given: "a `limit` of", "set `disk_size_gb`
#: to", "`limit` may be".
_VALUE_OF = re.compile(r"\s+(?:of|to|is|at|from|as|=|(?:may|can|must|should)\s+be)\s+(?:an?\s+|only\s+)?",
                       re.IGNORECASE)


def _a_fields_value(span: _Span, spans: Sequence[_Span], prose: str, contract: Contract) -> bool:
    """Whether the number ``span`` is a value a field (of a body or a query) is given in
    its clause, not a status: right after the field's name and "of", "to", "is", "may
    be" ("a `limit` of `101`", "set `disk_size_gb` to `200`"), or after such a value and
    "to", "or", "and" or a comma ("`limit` may be `1` to `100`"); or, when the API answers
    no such status and no answering verb comes right before it, anywhere in a paragraph
    that names a field (or a query value) whose values are integers ("ask for up to `100`
    at once with `limit=100`")."""
    if not span.text.isdigit():
        return False
    start = _clause(span, prose, brackets=False)[0]
    at = span
    for before in sorted((s for s in spans if start <= s.start and s.end <= at.start),
                         key=lambda s: s.start, reverse=True):
        between = prose[before.end:at.start]
        if before.text in contract.field_schemas or any(
                before.text in taken for taken in contract.inputs.values()):
            if _VALUE_OF.fullmatch(between):
                return True
            break
        if not (before.text.isdigit() and re.fullmatch(r"\s*(?:,|to|or|and|-|\u2013)\s*",
                                                       between, re.IGNORECASE)):
            break
        at = before  # (a value before it: "`1` to `100`")
    if int(span.text) in contract.api.statuses or re.search(
            rf"(?:{_ANSWERS.pattern})\s+(?:(?:a|an|the|status)\s+)?$",
            prose[max(0, span.start - 40):span.start], re.IGNORECASE):
        return False  # (a status said as one: "or get `412`")
    named = re.search(r"\b([a-z][a-z0-9_]*)\s+(?:of|is|to|=|may\s+be|at\s+most|up\s+to)\s+$",
                      prose[max(0, span.start - 40):span.start])
    if named is not None and "integer" in contract.field_types.get(named[1], ()):
        return True  # (its name written as a word: "a limit of `101`")
    paragraph = prose[:span.start].rpartition("\n\n")[2]
    at = span.start - len(paragraph)
    end = (re.search(r"\n\n", prose[span.end:]) or re.search("$", prose[span.end:])).start()
    return any(  # (no status of the API's, in a paragraph that names a number field: its
        # value, "up to `100` at once with `limit=100`", "does not shrink it to `100`")
        "integer" in contract.field_types.get(s.text.lstrip("?").partition("=")[0], ())
        for s in spans if at <= s.start < span.end + end and s is not span
        and (s.text in contract.field_types or _QUERY_ALONE.fullmatch(s.text)))


#: Right before a status, operations named (by their verbs, or links to their pages) and
#: a relative clause that says they answer it: "[Update workstation](update.md), which
#: answers `409`", "Unlike update, which answers `409` ...".
_WHICH_ANSWERS = re.compile(
    rf"(?<![A-Za-z])(?P<who>{_OP_WORD}(?:\s*(?:,|\band\b|\bor\b)\s*(?:(?:an?|the)\s+)?{_OP_WORD})*),?\s+"
    r"which\s+(?:also\s+|only\s+|then\s+|still\s+|both\s+)?(?:answers?|returns?|gets?|"
    r"responds\s+with|fails\s+with|refuses\s+(?:it|one|them|a\s+running\s+workstation)\s+with|"
    r"(?:is|are)\s+refused\s+with)\s+(?:an?\s+)?(?:`\d{3}[^`\n]*`\s+(?:with\s+(?:the\s+)?"
    r"(?:error\s+)?(?:code\s+)?)?)?$", re.IGNORECASE)


def _answered_in_a_relative_clause(span: _Span, prose: str, page: Page, contract: Contract) -> bool:
    """Whether the status or error code ``span`` is said, in a relative clause right after
    operations named by their verbs or by links to their pages, to be their answer, and
    each of them answers it: "use [Update workstation](update.md), which answers `409`
    while the workstation is running", "Unlike update, which answers `409` ...", on Get's
    or Stop's page."""
    said = _WHICH_ANSWERS.search(prose, max(0, span.start - 200), span.start)
    ops = _subject_ops(said["who"], page, contract) if said is not None else []
    if not ops or page.operation in ops:
        return False
    status = _STATUS.match(span.text)  # (one of those a verb names: "delete" is two)
    return any((int(status["status"]) in contract.operations[op].statuses if status is not None
                else span.text in contract.operations[op].codes) for op in ops)


_COMMA = re.compile(r",\s+")


def _answered_by_others(span: _Span, prose: str, page: Page, contract: Contract) -> bool:
    """Whether the status or error code ``span`` is said to be the answer of operations
    other than the page's, the subject of its clause right before the answering verb
    ("[Update](update.md) and [Delete](delete.md) answer `409`"), each of which answers
    it: it is theirs (:func:`_answered_by_problem` holds it to them), not the page's."""
    start = _clause(span, prose, brackets=False)[0]
    status = _STATUS.match(span.text)
    # the clause's start, or after a condition that opens it ("If it is running, [Delete
    # workstation](delete.md) answers `409`")
    opened = re.match(r"\s*(?:if|when|while|once|whenever)\b", prose[start:span.start],
                      re.IGNORECASE)
    for at in (start, *(m.end() for m in _COMMA.finditer(prose, start, span.start)
                        if opened)):
        subject = _SUBJECT.match(prose, at, span.start)
        if subject is None:
            continue
        # each word (or link) of the subject, its operations: one of each answers it
        named = [_subject_ops(item, page, contract) for item in re.split(
            r"\s*(?:,|\band\b|\bor\b)\s*(?:(?:an?|the)\s+)?", subject["who"],
            flags=re.IGNORECASE)]
        ops = {op for item in named for op in item}
        if all(named) and page.operation not in ops and bool(_ANSWERS.fullmatch(
                prose, subject.end(), span.start) or re.fullmatch(
                    r"(?:\s+of\s+(?:an?|the|its|that|this)\s+(?:[\w-]+\s+){0,2}?(?:workstation|"
                    r"volume)s?)?"  # (what it acts on: "a delete of the volume gets")
                    rf"\s+(?:both\s+|each\s+|also\s+)?(?:{_ANSWERS.pattern})\s+(?:an?\s+)?"
                    r"(?:`\d{3}[^`\n]*`\s+(?:with\s+(?:the\s+)?(?:error\s+)?(?:code\s+)?)?)?",
                    # (a code after its status)
                    prose[subject.end():span.start], re.IGNORECASE)) and all(any(
                (int(status["status"]) in contract.operations[op].statuses if status is not None
                 else span.text in contract.operations[op].codes) for op in item)
                for item in named):
            return True
    return False


def _answered_by_problem(span: _Span, spans: Sequence[_Span], prose: str, page: Page,
                         contract: Contract) -> str | None:
    """What is wrong with a status or an error code said to be the answer of operations its
    clause's subject names ("Start and stop ... answer `409`", "[Starting](start.md) a
    running workstation gets `409`", "A create answers `200`", "Starting one answers
    `workstation_not_stopped`"): those operations, when none of them documents it; a
    success said for a condition (:data:`_CONDITIONS`, between the subject and the status)
    whose error each of them returns ("Deleting a running workstation answers `200`"),
    with that error; None if neither, or no operation is the subject. The clause says one
    status alone (a code is its status's), and no denial stands between the subject and
    it."""
    status = _STATUS.match(span.text)
    code = span.text if span.text in contract.code_status else None
    if status is None and code is None or span.link is not None or span.note:
        return None
    if _answered_in_a_relative_clause(span, prose, page, contract):
        return None  # (said of others in a relative clause: "..., unlike update, which
        # answers `409`")
    start, end = _clause(span, prose)
    another = _NEXT_CLAUSE.search(prose, span.end, end)  # (", and stop answers `200`")
    end = another.start() if another else end
    denied = _denied(spans, prose, start, end)
    if span in denied or len(_said_in(spans, start, end, denied, contract, _STATUS)[0]) != 1:
        return None
    opening = _AS_IT_STARTS.match(prose, start, span.start)  # ("On a fresh sandbox,")
    start = opening.end() if opening else start
    subject = _YOU_DO.match(prose, start, span.start)  # "if you start one, you get"
    if subject is None or not _subject_ops(subject["who"], page, contract):
        subject = _SUBJECT.match(prose, start, span.start)
    if subject is None:
        return None
    ops = _subject_ops(subject["who"], page, contract)
    who = _LINK_TEXT.sub(r"\1", subject["who"])  # (a link: its text)
    if not ops or (not subject["article"] and subject.re is _SUBJECT and _TO_THE_READER.match(
            prose, subject.end(), span.start)
            and not (who.split() or [""])[0].lower().endswith(("ing", "s"))
            and not _AND_YOU_GET.search(prose, subject.end(), span.start)):
        return None  # (a verb said to the reader: "Stop it first, or the delete gets `409`";
        # but "Delete it while it is running and you get `200`" says what it answers)
    subject_end = subject.end()
    own = None  # the answering verb's own subject, an operation named right before it
    for own in _OWN_SUBJECT.finditer(prose, subject_end, span.start):  # (the last)
        pass
    if own is not None and (named := _subject_ops(own["who"], page, contract)):
        ops, subject_end = named, own.end("who")  # ("Stop is what you call when a delete
        # answers `409`": the delete's)
    if (on := _of_its_resource(ops, subject["who"], prose, subject_end, span.start)) is not None:
        ops = on
        if not ops:
            return None
    between = prose[subject_end:span.start]
    for pattern, _ in _CONDITIONS:  # a condition's own denial ("not stopped") is no denial
        between = pattern.sub(" ", between)
    if (_ANOTHER_SUBJECT.search(between) or not _ANSWERS.search(between)
            or _NEGATION.search(between) or re.search(
                r"\b(?:unless|until|instead|except|before|after|then)\b", between, re.IGNORECASE)):
        return None
    methods = {m.group(1) for m in re.finditer(rf"`({'|'.join(_METHODS)})`",
                                                prose[subject_end:end])}
    if methods - {contract.requests[op][0] for op in ops if op in contract.requests} - (
            {"HEAD"} if any(contract.requests.get(op, ("",))[0] == "GET" for op in ops) else set()):
        return None  # (of another method on its path: "The removed route answers a `POST`
        # with `405`")
    scopes = [contract.operations[op] for op in sorted(set(ops))]
    one = len(scopes) == 1
    if any(code in scope.codes if code else int(status["status"]) in scope.statuses
           for scope in scopes):
        if code or not 200 <= int(status["status"]) < 300:
            return None
        # a success said for a condition they refuse: "Deleting a running workstation
        # answers `200`" (of the operations, those on the resource the words name; none
        # named, as "`/openapi.json`", or a condition said to pass, is not read)
        # (or the condition right after the status: "answers `200` for an attached volume")
        tail = re.match(r"\s+(?:for|on|to)\s+(?:an?|the|any|every)\s+", prose[span.end:end],
                        re.IGNORECASE)
        after = span.end + tail.end() if tail else None
        kind = re.search(r"\b(workstation|volume)s?\b", prose[subject_end:span.start],
                         re.IGNORECASE) or (re.search(r"\b(workstation|volume)s?\b",
                                                      prose[after:end], re.IGNORECASE)
                                            if after else None)
        rest = prose[subject_end:end]
        if _PASSES.search(rest) or _EARLIER_CHECK.search(rest):
            return None
        # (no resource named: only a condition said of "it", of the operations' own)
        ops = [op for op in ops if kind is None or kind[1].lower() in op.lower()]
        scopes = [contract.operations[op] for op in sorted(set(ops))]
        for pattern, meant in _CONDITIONS:
            match = pattern.search(prose, subject_end, span.start)
            said_after = match is None and after is not None and bool(
                match := pattern.match(prose, after, end))
            if kind is None and match is not None and not _OF_IT.match(match[0]) and not (
                    said_after and not meant & (_OF_THE_RESOURCE | state_codes())):
                continue  # (but a request's own, after the status: "for a malformed body")
            if match is not None and (re.search(r"\b(?:was|were|had)\b", match[0]) and not (
                    meant <= {"not_found", "volume_not_found"} and re.search(
                        r"\bdeleted\b", match[0])) or (
                    meant & (_OF_THE_RESOURCE | state_codes()) and not said_after
                    and not re.fullmatch(r"\s*(?:of\s+)?(?:(?:an?|the|its|your|that|this)\s+)?",
                                         prose[subject_end:match.start()], re.IGNORECASE)
                    and not _OF_IT.match(match[0]))):
                continue  # (it may have passed; or it is said of another resource: "a
                # stopped workstation with attached volumes")
            if "invalid_json" in meant and not all("invalid_json" in scope.codes
                                                   for scope in scopes):
                continue  # (a body sent to an operation that reads none: it is ignored)
            # (no resource named: the operations of "it" are those whose resource can be
            # in that condition: "delete it while it is running" is a workstation's delete)
            theirs, of = (scopes, ops) if kind is None and match is None or kind is not None else (
                [sc for sc in scopes if sc.codes & meant],
                [op for op in ops if contract.operations[op].codes & meant])
            refused = sorted((c for c in meant - _KEY_CODES
                              if theirs and all(c in scope.codes for scope in theirs)),
                             key=lambda c: (contract.code_status.get(c, 0), c))
            if match is not None and refused:
                return (f'`{span.text}` is said for "{_said_words(match[0])}", which '
                        f"{_and(sorted(set(of)))} {'answers' if len(theirs) == 1 else 'answer'}"
                        f" with {_answered(refused, contract)}")
        return None
    if code:
        codes = sorted(set().union(*(scope.codes for scope in scopes)))
        return (f"`{span.text}` is said to be answered by {_and(sorted(set(ops)))}, which "
                f"{'does' if one else 'do'} not return it "
                f"({'it returns' if one else 'they return'} {', '.join(codes)})")
    documented = sorted(set().union(*(scope.statuses for scope in scopes)))
    return (f"`{span.text}` is said to be answered by {_and(sorted(set(ops)))}, which "
            f"{'does' if one else 'do'} not document it "
            f"({'it documents' if one else 'they document'} "
            f"{', '.join(map(str, documented))})")


#: A clause that opens with a condition, then the subject (after a comma or not): "If the
#: volume is attached, the delete answers" (a workstation's state first: :data:`_STATE_FIRST`).
_CONDITION_FIRST = re.compile(
    r"\s*(?:[-*+]\s+|\d+\.\s+)?(?:(?:so|but|and)\s+)?(?:if|when|while|whenever|for)\s+"
    r"(?P<condition>[^,;:()]+?)(?:\s*,\s*|\s+(?=(?:the|an?|you|[a-z]+ing)\s))(?:then\s+)?",
    re.IGNORECASE)


def _condition_first_problem(span: _Span, spans: Sequence[_Span], prose: str, page: Page,
                             contract: Contract) -> str | None:
    """What is wrong with a success said for a condition said first, then the subject that
    names the operations ("If the volume is attached, the delete answers `200`"), where
    each of them (of the resource the condition names) refuses it: told with the error
    they answer there, as :func:`_answered_by_problem` tells one said after the subject.
    A condition denied ("is not attached"), or said to have been, is not read."""
    status = _STATUS.match(span.text)
    if status is None or not 200 <= int(status["status"]) < 300 or span.link is not None \
            or span.note:
        return None
    start, end = _clause(span, prose)
    first = _CONDITION_FIRST.match(prose, start, span.start)
    if first is None or re.search(r"\b(?:was|were|had|once|after|until)\b", first["condition"],
                                  re.IGNORECASE):
        return None
    denied = _denied(spans, prose, start, end)
    if span in denied or len(_said_in(spans, start, end, denied, contract, _STATUS)[0]) != 1:
        return None
    ops = _subject_ops_of(prose, first.end(), span.start, page, contract)
    if not ops or _PASSES.search(prose, first.end(), end) or _EARLIER_CHECK.search(
            prose, first.end(), end):
        return None
    condition = first["condition"]
    kind = re.search(r"\b(workstation|volume)s?\b", condition, re.IGNORECASE)
    for pattern, meant in _CONDITIONS:
        match = pattern.search(condition)
        if match is None or meant & state_codes() or _NEGATION.search(
                pattern.sub(" ", condition)):
            continue  # (a workstation's state: _in_state_problem's; or denied)
        theirs = sorted({op for op in ops if (kind[1].lower() in op.lower() if kind else
                                              contract.operations[op].codes & meant)})
        refused = sorted((c for c in meant - _KEY_CODES
                          if theirs and all(c in contract.operations[op].codes for op in theirs)),
                         key=lambda c: (contract.code_status.get(c, 0), c))
        if refused:
            return (f'`{span.text}` is said for "{_said_words(match[0])}", which {_and(theirs)} '
                    f"{'answers' if len(theirs) == 1 else 'answer'} with "
                    f"{_answered(refused, contract)}")
    return None


#: A workstation's state said of the one an operation is sent to: "a running
#: workstation", "a workstation that is still `stopped`", "a stopped one"; or the other
#: state, denied: "a workstation that is not `running`".
_IN_STATE = re.compile(r"\b`?(?P<state>running|stopped)`?\s+(?:workstation|one)s?\b(?!['’])|\b(?:"
                       r"workstation|one)s?\s+(?:that\s+|which\s+)?(?:(?:is|are)(?P<not>\s+not|n['’]t)?"
                       r"|['’]s)\s+(?:still\s+|already\s+)?`?(?P<state2>running|stopped)(?:`|\b)",
                       re.IGNORECASE)
#: Between the state and the status, the answering verb alone (with an adverb): "a
#: running workstation still answers `409`"; and after the status, its code, then the
#: sentence's end, with at most what the answer does ("and changes nothing").
_STATE_TO_STATUS = re.compile(rf"\s*(?:(?:still|always|now|already|also|then)\s+)*"
                              rf"(?:{_ANSWERS.pattern})\s+(?:an?\s+)?$", re.IGNORECASE)
#: After the status: its code, bare or linked ("with the code `x`").
_CODE_AFTER = (r"(?:\s*(?:[,:]|—|–|\s-)?\s*(?:with\s+(?:the\s+)?(?:error\s+)?code\s+)?\[?"
               r"`[a-z_]+`(?:\]\([^)\s]*\))?)?")
#: What the answer does, said after it ("and changes nothing", "and deletes it", "and the
#: workstation is left as it was"; "too"); and that, then the sentence's end.
_WHAT_IT_DOES = (r"(?:,?\s+and\s+(?:changes|leaves|keeps|does|nothing\s+changes|deletes|removes|stops"
                 r"|starts|renames|(?:the\s+workstation|it)\s+is)\b[^.;:!?\n]*(?:\n(?![ \t]*\n)"
                 r"[^.;:!?\n]*)*)?(?:,?\s+(?:too|as\s+well|again))?")
_DOES_AFTER = (_WHAT_IT_DOES
               + r"\s*?(?:[.!?](?:\s|$)|$|\n[ \t]*(?:[-*+]|\d+\.)[ \t])")  # (or a list's item ends)
#: Or another clause after a colon, a semicolon or a dash that says what to do ("`409`:
#: stop it first", "— [start](start.md) it instead"): it opens with a verb said to the
#: reader; or what a workstation in another state gets ("; a stopped one ...", "; deleting
#: a running one ..."). One that
#: says why ("`400`: the `machine_type` is unknown") gives another cause.
_THEN_A_CLAUSE = (r"\s*(?:[:;]|\s[—–]|—|,(?=\s+(?:so|then)\b))\s+(?:(?:(?:first|then|instead|"
                  r"so),?\s+)?\[?(?:stop|"
                  r"start|delete|update|create|detach|attach|retry|try|send|use|call|see|check|"
                  r"fix|wait|read|repeat|list|get|remove|make|give|pass|set|add|name)\b"
                  # (or what a workstation in another state gets, a claim of its own)
                  r"|(?:[-*+]\s+)?(?:[a-z]+ing\s+)?(?:an?|the)\s+`?(?:running|stopped)`?\s+"
                  r"(?:one|workstation)s?\b)")
_AFTER_THE_STATUS = re.compile(_CODE_AFTER + rf"(?:{_THEN_A_CLAUSE}|{_DOES_AFTER})", re.IGNORECASE)
#: The state said first, as the condition of the rest: "If the workstation is stopped, the
#: delete gets `409`", "When it is running, deleting it answers `409`".
_STATE_FIRST = re.compile(r"\s*(?:[-*+]\s+|\d+\.\s+)?(?:(?:so|but|and)\s+)?(?:(?:if|when|while|"
                          r"whenever|(?P<unless>unless))\s+(?:(?:the|a|your|this|that)\s+"
                          r"workstation|it)\s+is\s+(?P<negated>not\s+)?(?:still\s+|already\s+)?"
                          r"|for\s+(?:an?|the|any)\s+"
                          r"(?=`?(?:running|stopped)`?\s+(?:workstation|one)\b))`?(?P<state>running|"
                          r"stopped)`?(?:(?<=`)|(?<=[a-z]))(?:\s+(?:workstation|one)(?=\s*,))?"
                          r"\s*(?:,\s*|\s(?=\s*(?:the|an?|you|it|[a-z]+ing)\b))"
                          r"(?:then\s+)?", re.IGNORECASE)
#: The state stated first, then what follows from it: "`ws-67890` is running, so the delete
#: answers `409`", "The workstation is stopped, but ..." (as :data:`_STATE_FIRST` is read).
_STATE_STATED = re.compile(r"\s*(?:[-*+]\s+|\d+\.\s+)?(?P<unless>(?!))?(?:(?:the|your|this|that)\s+"
                           r"workstation|it|`ws-[a-z0-9]+`)\s+is\s+(?P<negated>not\s+)?(?:still\s+|"
                           r"already\s+)?`?(?P<state>running|stopped)`?\s*,\s*(?:and\s+)?(?:so|but|yet"
                           r"|and)\s+(?:then\s+)?", re.IGNORECASE)
#: After the state said first, a subject that names no operation: the page's own call.
_ANY_CALL = re.compile(r"(?:you|it|the\s+(?:API|request|call|sandbox))\b", re.IGNORECASE)
#: After a subject with a state, a refusal with the status in brackets: "a stopped
#: workstation is refused (`409`)", "deleting a running one fails (`409`)".
_STATE_REFUSED = re.compile(r"\s*(?:(?:still|always|also)\s+)*(?:(?:is|are)\s+(?:refused|rejected)"
                            r"|fails?)\s*\(\s*(?:(?:with\s+)?an?\s+|with\s+)?$", re.IGNORECASE)
_AFTER_THE_BRACKETS = re.compile(_CODE_AFTER + r"\s*\)" + rf"(?:{_THEN_A_CLAUSE}|{_DOES_AFTER})",
                                  re.IGNORECASE)
#: Between the subject and the state, a refusal said of the operation: "the delete refuses
#: a running workstation with `409`"; then, between the state and the status, "with".
_REFUSES = re.compile(r"\s+(?:(?:always|still|also)\s+)?(?:refuses|rejects)\s+(?:(?:an?|the|"
                      r"its|your|that|this|every|each|any)\s+)?", re.IGNORECASE)
_REFUSED_WITH = re.compile(r"\s+with\s+(?:an?\s+)?$", re.IGNORECASE)
#: A workstation in a state said to be able, or not, to be acted on (or to be, or not),
#: the status in brackets: "a running workstation can be stopped (`200`)", "a workstation
#: that is running cannot be deleted (`409`)", "a running workstation is deleted (`200`)"
#: (from the sentence's start to the status). After the workstation, what it says of it:
_CAN_BE_DONE_TO_STATUS = (
    r"\s+(?P<modal>can(?:\s*not|['’]t|\s+never)?|could(?:\s+not|n['’]t)|may(?:\s+not|\s+never)?"
    r"|must(?:\s+not|n['’]t)|will\s+(?:not|never)|won['’]t|is\s+not\s+able\s+to"
    r"|isn['’]t\s+able\s+to|(?:is|are)(?:\s+not|n['’]t|\s+never)?)"
    r"\s+(?:(?:still|always|also|only|ever|safely)\s+)?(?:be\s+)?(?:safely\s+|simply\s+)?"
    r"(?P<done>[a-z]+ed)(?:\s+(?:right\s+away|at\s+once|at\s+all|directly|immediately|"
    r"outright|as\s+it\s+is))?\s*\(\s*(?:with\s+)?(?:an?\s+)?(?:HTTP\s+|status\s+)?")
_CAN_BE = re.compile(
    r"\s*(?:[-*+]\s+|\d+\.\s+)?(?:(?:note\s+that|note:|(?:even\s+)?in\s+the\s+sandbox,?|only|"
    r"even|so|thus|then|but|and|also|now|still)\s*,?\s+)?"
    r"(?:(?:an?|the|your|any|every|each)\s+)?"
    r"(?:`?(?P<state>running|stopped)`?\s+(?:workstation|one)s?"
    r"|workstations?\s+(?:(?:that|which)\s+(?:is|are)(?P<negated>\s+not|n['’]t)?|(?:that|which)['’]s"
    r"|in\s+the|whose\s+status\s+is)\s+(?:still\s+|already\s+)?`?(?P<state2>running|stopped)`?"
    r"(?:\s+state)?)" + _CAN_BE_DONE_TO_STATUS, re.IGNORECASE)
#: :data:`_CAN_BE` with the state said first: "While it is `stopped`, the workstation cannot be
#: deleted (" (the second state group, empty, is :data:`_CAN_BE`'s).
_STATE_FIRST_CAN_BE = re.compile(
    r"\s*(?:[-*+]\s+|\d+\.\s+)?(?:(?:so|but|and)\s+)?(?:if|when|while|whenever)\s+"
    r"(?:(?:the|a|your|this|that)\s+workstation|it)\s+is\s+(?:still\s+|already\s+)?"
    r"`?(?P<state>running|stopped)`?\s*,?\s*(?:(?:the|this|that|your)\s+workstation|it)"
    r"(?P<state2>)(?P<negated>)" + _CAN_BE_DONE_TO_STATUS, re.IGNORECASE)


def _said_after(after: re.Pattern[str], text: str, at: int = 0, end: int | None = None) -> bool:
    """Whether ``after`` matches ``text`` from a status's end at ``at`` (to ``end``), and a
    clause it lets follow (after a colon, a semicolon or a dash) says no other cause of the
    status (:data:`_CONDITIONS`, but a state's): "`409`: a volume it names is attached
    elsewhere" is that volume's `409`, not the state's (nor is one read that names another
    cause's subject, :data:`_OTHER_CAUSE`)."""
    end = len(text) if end is None else end
    match = after.match(text, at, end)
    return match is not None and not _OTHER_CAUSE.search(text, match.end(), end) and not any(
        pattern.search(text, match.end(), end) for pattern, meant in _CONDITIONS
        if not meant & state_codes())


#: After the status of :data:`_CAN_BE`: its code, an aside after a colon or a semicolon in
#: the brackets ("`200`; see below"), then the sentence's end, or another clause after a
#: colon, a semicolon or a dash ("...: stop it first"), or ", as the example shows".
_CAN_BE_AFTER = re.compile(_CODE_AFTER + r"(?:\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*)?"  # (its name)
                           r"\s*(?:[;:][^()]*)?\)(?:" + _THEN_A_CLAUSE
                           + r"|,\s+as\s+(?:the|its)\s+examples?\s+shows?\b|" + _DOES_AFTER + ")",
                           re.IGNORECASE)
#: In the rest of such a note, what may say another cause of its status: "or", a volume, a
#: token, a body, an ID, a key, a name.
_OTHER_CAUSE = re.compile(r"\b(?:or|volumes?|tokens?|body|bodies|IDs?|keys?|names?|named)\b",
                          re.IGNORECASE)
#: A note of an `## Errors` list that opens with the workstation's state, after its code
#: or not: "- **409** — the workstation is running: stop it first", "- **409** —
#: `workstation_not_stopped`: the workstation is running" (nothing else said of it before
#: its stop; what the rest of the note says is read by :func:`_in_state_problem`).
_NOTE_STATE = re.compile(r"\s*(?:—|–|-{1,2}|:|\|)\s*(?:\[?`(?P<code>[a-z_]+)`(?:\]\([^)\s]*\))?\s*"
                         r"(?::|—|–|\|)\s*)?(?:(?:if|when)\s+)?(?:the|your|this|a)\s+workstation"
                         r"\s+is\s+(?:still\s+|already\s+)?`?(?P<state>running|stopped)`?"
                         r"(?=\s*(?:[:;.|]|—|–|\Z|\n\s*\n|\n\s*(?:[-*+]|\d+\.)\s))", re.IGNORECASE)


def _in_state_problem(span: _Span, spans: Sequence[_Span], prose: str, page: Page,
                      contract: Contract) -> str | None:
    """What is wrong with a status (or an error code) said to be what operations answer
    when sent to a workstation in a state ("Restarting a running workstation answers
    `409`", "Stopping a running workstation answers `409`", on the page of a restart "A
    running workstation gets `409`"): the operations (the clause's subject's, else an
    endpoint page's own) answer another there, as their examples get from the sandbox
    (:func:`answers_by_state`); None if one of them answers it, or nothing is read. The
    state says what the operation is sent to (right after the subject, or opening the
    clause), in a clause of one status and no other condition, not said to pass. Also
    read: a refusal with the status in brackets ("a stopped workstation is refused
    (`409`)"), the state said first (:func:`_state_first_problem`), and, on an endpoint
    page, a note of its `## Errors` list that opens with the state (:data:`_NOTE_STATE`)."""
    status = _STATUS.match(span.text)
    code = span.text if span.text in contract.code_status else None
    if status is None and code is None or span.link is not None:
        return None
    said = int(status["status"]) if status is not None else contract.code_status[code or ""]
    if said >= 500:
        return None  # (a failure: under a condition the state does not make)
    answers = answers_by_state()
    if span.note:  # "- **409** — the workstation is running: ...", of the page's operation
        row = prose[prose.rfind("\n", 0, span.start) + 1:].lstrip().startswith("|")
        closing = re.match(r"(?:[ \t]+[A-Za-z][\w '-]*?)?\*\*", prose[span.end:span.end + 60])
        past = closing.end() if closing else 0  # (a bold status's reason and closing **)
        noted = _NOTE_STATE.match(prose, span.end + past)  # (a table's row: "| `409` | ...")
        if noted is None or page.operation not in answers or not _in_section(
                prose, span.start, "Errors"):
            return None
        item = (re.compile(r"\n|\Z") if row else _NOT_ONE_ITEM).search(prose, noted.end())
        item_end = item.start() if item else len(prose)
        if _OTHER_CAUSE.search(prose, noted.end(), item_end) or any(
                pattern.search(prose, noted.end(), item_end) for pattern, meant in _CONDITIONS
                if not meant & state_codes()):
            return None  # (another cause said in the note: "...; a volume it names is ...")
        code = noted["code"] if noted["code"] in contract.code_status else None
        if noted["code"] and code is None:
            return None  # (a code the API has not: told as such)
        return _state_answer_problem(span, said, code, [page.operation],
                                     noted["state"].lower(), False, spans, span.start,
                                     item_end, contract)
    start, end = _clause(span, prose)
    keyed = _ITEM_STATE.match(prose, start, span.start) if re.fullmatch(
        r"[ \t]*(?:(?:[-*+]|\d+\.)[ \t]*)?", prose[prose.rfind("\n", 0, start) + 1:start]) else None
    if keyed is not None and not span.heading and re.fullmatch(
            _ONLY_ITS_CODE + r"[.;,]?\s*", prose[span.end:end]):
        # ("What a delete answers depends on the state:" then "- `stopped`: `409`")
        ops = sorted(op for op in _lead_in_ops(prose, start, page, contract) if op in answers)
        return _state_answer_problem(span, said, code, ops, keyed["state"].lower(), False,
                                     spans, start, end, contract) if ops else None
    after_state = _IN_STATE_AFTER.match(prose, span.end, end) or _paired_state(
        span, spans, prose, start, end)
    if after_state is not None and not span.heading:  # ("... answers `409` when it is stopped")
        return _state_after_problem(span, said, code, after_state, spans, prose, page,
                                    contract, start, end)
    bracketed, can = False, None
    if prose[start - 1:start] == "(":  # "a stopped workstation is refused (`409`)": the
        sentence = _clause(span, prose, brackets=False)  # sentence's, from its start
        bracketed = bool(_STATE_REFUSED.search(prose, sentence[0], span.start))
        # (read as the words a reader sees: a link's text)
        words = _LINK_TEXT.sub(r"\1", prose[sentence[0]:span.start])
        can = _CAN_BE.fullmatch(words) or _STATE_FIRST_CAN_BE.fullmatch(words)
        if can is not None and not any(_participle(_verb(op)) == can["done"].lower()
                                       for op in contract.operations):
            can = None  # (no operation's verb: "a stopped workstation is refused (`409`)")
        start, end = sentence if bracketed or can else (start, end)
    if re.search(r"\b(?:when|if|unless|while|whenever|where)\b", prose[span.end:end],
                 re.IGNORECASE):
        return None  # (another condition, after the status)
    denied = _denied(spans, prose, start, end)
    if span in denied or len(_said_in(spans, start, end, denied, contract, _STATUS)[0]) != 1:
        return None
    if can is not None:  # ("a running workstation can be deleted (`200`)")
        return _can_be_problem(span, said, code, can, spans, prose, start, end, contract)
    first = _STATE_FIRST.match(prose, start, span.start) or _STATE_STATED.match(
        prose, start, span.start)
    if first is not None:
        return _state_first_problem(span, said, code, first, spans, prose, page, contract,
                                    start, end, bracketed)
    subject = _YOU_DO.match(prose, start, span.start) or _REQUEST_TO.match(prose, start,
                                                                            span.start)
    if subject is None or not _subject_ops(subject["who"], page, contract):
        subject = _SUBJECT.match(prose, start, span.start)
    ops = _subject_ops(subject["who"], page, contract) if subject is not None else []
    who = _LINK_TEXT.sub(r"\1", subject["who"]) if subject else ""
    if ops and subject is not None and subject.re is _SUBJECT and not subject["article"] \
            and _TO_THE_READER.match(prose, subject.end(), span.start) \
            and not (who.split() or [""])[0].lower().endswith(("ing", "s")):
        return None  # (said to the reader: "Stop a running workstation first, or ...")
    at = subject.end() if ops and subject is not None else start
    if not ops and page.operation in answers:
        ops = [page.operation]  # ("A running workstation gets `409`", on its page)
    ops = sorted({op for op in ops if op in answers})
    state = _IN_STATE.search(prose, at, span.start)
    verb, after = (_STATE_REFUSED, _AFTER_THE_BRACKETS) if bracketed else (
        _STATE_TO_STATUS, _AFTER_THE_STATUS)
    refuses = (state is not None and subject is not None and at == subject.end()
               and said >= 400 and not bracketed and _REFUSES.fullmatch(
                   prose, at, state.start()))  # ("the delete refuses a running one with")
    if refuses and _LATER_CALL.search(prose, start, at):
        return None  # ("the second delete refuses the stopped one with `404`": the first deleted it)
    if refuses:
        verb = _REFUSED_WITH
    if not ops or state is None or not (refuses or re.fullmatch(
            r"\s*(?:[-*+]\s+)?(?:(?:of|on)\s+)?(?:(?:an?|the|its|your|that|this|every|each|any)\s+)?",
            prose[at:state.start()], re.IGNORECASE)) or not verb.fullmatch(
                prose, state.end(), span.start) or not _said_after(
                    after, prose, span.end, _sentence_end(prose, span.end)):
        return None  # (no operation, the state not what it is sent to, or more said of it:
        # "twice", "with an empty body", "for a volume attached elsewhere")
    between = prose[at:span.start]
    if (_NEGATION.search(prose[at:state.start()] + " " + prose[state.end():span.start])
            or _PASSES.search(prose[at:end])
            or _EARLIER_CHECK.search(prose[at:end]) or re.search(
                r"\b(?:was|were|had)\b", between, re.IGNORECASE)
            or not (bracketed or refuses or _ANSWERS.search(between))
            or any(pattern.search(between) for pattern, meant in _CONDITIONS
                   if not meant & state_codes())):
        return None  # (denied, said to pass or to have been, or under another condition)
    every = subject is not None and bool(re.search(r"\band\b", subject["who"]))
    said_state = (state["state"] or state["state2"]).lower()
    if state["not"]:  # ("not `running`": the other state)
        said_state = _other_state(said_state, contract)
    if said_state is None:
        return None
    return _state_answer_problem(span, said, code, ops, said_state, every, spans, start, end,
                                 contract)


#: Right after a status, the state it is answered in: "when it is stopped", "if the
#: workstation is still `running`", "for a stopped workstation" (the status's code between).
_STATE_SAID_AFTER = (r"(?:\s*\(?`[a-z_]+`\)?)?\s+(?:(?:when|if|while|whenever)\s+(?:it|the\s+workstation|one)"
                     r"\s+(?:is|was)|(?:for|on|to)\s+(?:an?|the|any|every))\s+(?:still\s+|already\s+)?"
                     r"`?(?P<state>running|stopped)`?(?:\s+(?:workstation|one)s?)?")
#: That, and nothing more in the clause.
_IN_STATE_AFTER = re.compile(_STATE_SAID_AFTER + r"\s*[.;,]?\s*$", re.IGNORECASE)
#: After a status, nothing but its code: "`409` `workstation_not_stopped`", "(`not_found`)".
_ONLY_ITS_CODE = r"(?:\s*\(?\s*`[a-z_]+`\s*\)?)?\s*"
#: After what a request's answer does, the reason the sentence gives for it, of the state
#: it is sent in ("since there is nothing running to stop"); not one that speaks of another
#: time or of something done ("because you deleted it", "since it was stopped in step 2").
_A_REASON = (r"(?P<reason>,?\s+(?:because|since|as)\s+(?![^.;:!?\n]*(?:\b(?:was|were|had|been|"
             r"earlier|before|after|previous(?:ly)?|steps?|you|we|again|now|then|once|later|if|when|"
             r"until|unless)\b|\b\w+ed\s+(?:it|them)\b))[^.;:!?\n]*)?")
#: Right after a status, its state, then another status of the clause with its own:
#: "answers `409` when the workstation is stopped and `200` when it is running".
_IN_STATE_THEN = re.compile(_STATE_SAID_AFTER + r"\s*(?:,\s*|;\s*)?(?:(?:and|but|or|while|whereas)\s+)?"
                            r"(?:an?\s+)?$", re.IGNORECASE)


def _paired_state(span: _Span, spans: Sequence[_Span], prose: str, start: int, end: int
                  ) -> re.Match[str] | None:
    """The state said right after ``span``, where its clause says each of its statuses with
    a state of its own, one after another ("`409` when it is stopped and `200` when it is
    running"), and no two the same state; None otherwise."""
    statuses = sorted((s for s in spans if start <= s.start < end and _STATUS.match(s.text)),
                      key=lambda s: s.start)
    if len(statuses) < 2:
        return None
    states, found = [], None
    for here, after in zip(statuses, [*statuses[1:], None], strict=True):
        match = (_IN_STATE_THEN.fullmatch(prose, here.end, after.start) if after is not None
                 else _IN_STATE_AFTER.match(prose, here.end, end))
        if match is None:
            return None
        states.append(match["state"].lower())
        if here is span:
            found = match
    return found if len(set(states)) == len(states) else None


#: A list's item that opens with a state, then the status: "- `stopped`: `409`",
#: "- a running workstation — `409`", "- when it is `running`: `200`".
_ITEM_STATE = re.compile(
    r"\s*(?:(?:[-*+]|\d+\.)\s+)?(?:(?:if|when|while)\s+(?:it|the\s+workstation)\s+is\s+)?(?:(?:an?|the)\s+)?"
    r"`?(?P<state>running|stopped)`?(?:\s+(?:workstation|one)s?)?\s*[:\u2014\u2013-]\s*"
    r"(?:(?:it\s+)?(?:gets|answers|returns)\s+)?(?:an?\s+)?(?:HTTP\s+)?$", re.IGNORECASE)
#: A list's lead-in, before its first item: "Deleting a workstation answers:".
_LEAD_IN = re.compile(r"(?:^|\n\n|[.!?]\s+)(?P<sentence>[^\n]*(?:\n(?![ \t]*(?:[-*+]|\d+\.)"
                      r"[ \t])[^\n]+)*):[ \t]*\n(?:[ \t]*\n)?$")


def _lead_in_ops(prose: str, start: int, page: Page, contract: Contract) -> list[str]:
    """The operations a list item at ``start`` speaks of: those its list's lead-in names as
    its subject, with an answering verb ("Deleting a workstation answers:" before "- `200`
    when it is stopped"); none if the item is no list's, or its lead-in says none."""
    line = prose.rfind("\n", 0, start) + 1
    if not re.match(r"[ \t]*(?:[-*+]|\d+\.)[ \t]", prose[line:]):
        return []
    first = line  # the list's first item: back over the items (and their lines) before
    while True:
        before = prose.rfind("\n", 0, max(first - 1, 0)) + 1
        if first == 0 or not prose[before:first].strip() or not (
                re.match(r"[ \t]*(?:[-*+]|\d+\.)[ \t]", prose[before:])
                or prose[before:first].startswith((" ", "\t"))):
            break
        first = before
    lead = _LEAD_IN.search(prose, 0, first)
    if lead is None:
        return []
    ops = _subject_ops_of(lead["sentence"], 0, len(lead["sentence"]), page, contract)
    own = _OWN_SUBJECT.search(lead["sentence"])  # ("What a delete answers depends on ...")
    if not ops and own is not None and not _NEGATION.search(lead["sentence"]):
        ops = _subject_ops(own["who"], page, contract)
        on = _of_its_resource(ops, "", lead["sentence"], own.end("who"))
        ops = ops if on is None else on
    return ops


def _subject_ops_of(text: str, start: int, end: int, page: Page, contract: Contract
                    ) -> list[str]:
    """The operations the subject of ``text[start:end]`` names, said to answer (the
    answering verb after it, not denied, and no condition of :data:`_CONDITIONS` between),
    on the resource it names, if one ("Deleting a volume answers": Delete volume); none
    where it is a verb said to the reader ("Delete it ...")."""
    subject = _SUBJECT.match(text, start, end)
    ops = _subject_ops(subject["who"], page, contract) if subject is not None else []
    if subject is None or not ops:
        return []
    who = _LINK_TEXT.sub(r"\1", subject["who"])
    between = text[subject.end():end]
    if (not subject["article"] and not (who.split() or [""])[0].lower().endswith(("ing", "s"))
            and _TO_THE_READER.match(text, subject.end(), end)) or not _ANSWERS.search(
                between) or _NEGATION.search(between) or any(
                    pattern.search(between) for pattern, _ in _CONDITIONS):
        return []  # (said to the reader, denied, or another condition said)
    on = _of_its_resource(ops, subject["who"], text, subject.end(), end)
    return ops if on is None else on


#: Between a subject that names operations (and their resource) and a status, a plain
#: denial that they answer it: "never answers", "does not return", "can't get".
_NEVER_VERB = re.compile(
    r"(?:\s+(?:(?:an?|the|your)\s+)?(?:workstation|volume)s?)?\s+(?P<verb>(?:never|(?:does|do|will|can)"
    r"\s*(?:not|n['’]t)|cannot)\s+(?:ever\s+)?(?:answers?|returns?|gets?|sends?|fails?\s+with)"
    r"|(?:is|are)\s+never\s+(?:refused|rejected|answered)\s+with)\s+(?:an?\s+)?"
    r"(?:HTTP\s+)?(?:the\s+(?:error\s+)?code\s+)?", re.IGNORECASE)


#: A clause that says no operation answers what follows: "No operation answers", "None of
#: the calls returns", "The API never sends".
_NO_OPERATION = re.compile(
    r"\s*(?:no\s+(?:operation|request|call|endpoint)|none\s+of\s+(?:the\s+|its\s+)?(?:operations"
    r"|calls|requests|endpoints)|nothing|the\s+(?:API|sandbox)\s+(?:never|does\s*(?:not|n['’]t)))"
    r"\s+(?:ever\s+)?(?:answers?|returns?|sends?|responds?\s+with|gets?|uses?|fails?\s+with)"
    r"\s+(?:an?\s+)?(?:HTTP\s+)?", re.IGNORECASE)


def _never_answers_problem(span: _Span, prose: str, page: Page, contract: Contract
                           ) -> str | None:
    """What is wrong with a status or an error code said never to be the answer of the
    operations the sentence's subject names, where each of them answers it: with no
    condition ("Deleting a workstation never answers `409`": under a condition of its
    own), or under the very condition they answer it for ("Deleting a running workstation
    never answers `409`"); or by any operation ("No operation answers `409`"), where one
    does. The sentence says nothing more (a code after the status aside)."""
    from cloudws.operations import OPERATIONS

    status = _STATUS.match(span.text)
    code = span.text if span.text in contract.code_status else None
    if status is None and code is None or span.link is not None:
        return None
    start, end = _clause(span, prose, brackets=False)
    if status is not None and re.search(r"`[a-z_]+`", prose[span.end:end]):
        return None  # ("never answers `409` `workstation_not_stopped`": the code is denied)
    if _NO_OPERATION.fullmatch(prose, start, span.start) and re.fullmatch(
            _ONLY_ITS_CODE + r"[.;,]?\s*", prose[span.end:end]):  # ("No operation answers `409`")
        answering = sorted(op for op, scope in contract.operations.items()
                           if (code in scope.codes if code else
                               int(status["status"]) in scope.statuses))  # type: ignore[index]
        return (f"`{span.text}` is said to be answered by no operation, but {_and(answering)} "
                f"answer{'s' if len(answering) == 1 else ''} it: say which do not"
                if answering else None)
    subject = _SUBJECT.match(prose, start, span.start)
    if subject is None or not re.fullmatch(_ONLY_ITS_CODE, prose[span.end:end]):
        return None
    never = None  # the denying verb, right before the status
    for never in _NEVER_VERB.finditer(prose, subject.end(), span.start):
        if never.end() == span.start:
            break
    else:
        never = None
    if never is None:
        return None
    ops = _subject_ops(subject["who"], page, contract)
    if (on := _of_its_resource(ops, subject["who"], prose, subject.end(), span.start)) is not None:
        ops = on
    elif page.operation in ops:
        ops = [page.operation]  # ("a delete", on Delete workstation's page: its own)
    scopes = {op: contract.operations[op] for op in ops if op in contract.operations}
    if not scopes:
        return None
    said = int(status["status"]) if status is not None else contract.code_status[code or ""]
    between = prose[subject.end():never.start("verb")]
    condition = None  # the condition said between (the codes it is answered with)
    if between.strip() and not re.fullmatch(
            r"\s*(?:(?:an?|the|your)\s+)?(?:workstation|volume)s?\s*", between, re.IGNORECASE):
        found = [(m, meant) for pattern, meant in _CONDITIONS
                 if (m := pattern.search(between)) is not None]
        if len(found) != 1 or _NEGATION.search(between):
            return None  # (no condition read, or more than one: what narrows it is unsaid)
        condition = found[0]
    answering = {}
    for op, scope in scopes.items():
        codes = sorted(c for c in scope.codes if (c == code if code else
                                                  contract.code_status.get(c) == said)
                       and (condition is None or c in condition[1]))
        if not codes and code is None and condition is None and said == OPERATIONS[op].status:
            codes = ["its success"]
        answering[op] = codes
    if not all(answering.values()) or code is None and not all(
            said in scope.statuses for scope in scopes.values()):
        return None
    there = f' for "{_said_words(condition[0][0])}"' if condition else ""
    return (f"`{span.text}` is said never to be answered by {_and(sorted(scopes))}{there}, "
            "but " + "; ".join(
                f"{op} answers it" + (" there" if condition else "") + " ("
                + (f"with `{said}`" if code else ", ".join(
                    c if c == "its success" else f"`{c}`" for c in codes)) + ")"
                for op, codes in sorted(answering.items()))
            + ("" if condition else ": say when it does not"))


def _state_after_problem(span: _Span, said: int, code: str | None, state: re.Match[str],
                         spans: Sequence[_Span], prose: str, page: Page, contract: Contract,
                         start: int, end: int) -> str | None:
    """:func:`_in_state_problem` of a status said with the state after it ("Deleting a
    workstation answers `409` when it is stopped"; in a list whose lead-in names the
    operation, "Deleting a workstation answers:" then "- `200` when it is stopped"): the
    clause's subject, else the lead-in's, else an endpoint page's own operation, held to
    what it answers in that state."""
    answers = answers_by_state()
    paired = _paired_state(span, spans, prose, start, end)
    # (of statuses paired with states, the subject and its verb are before the first)
    verb_end = min((s.start for s in spans if start <= s.start < end
                    and _STATUS.match(s.text)), default=span.start) if paired else span.start
    subject = _SUBJECT.match(prose, start, verb_end)
    if subject is not None and _subject_ops(subject["who"], page, contract):
        ops = _subject_ops_of(prose, start, verb_end, page, contract)
    elif re.fullmatch(r"\s*(?:[-*+]|\d+\.)?\s*", prose[start:span.start]):
        ops = _lead_in_ops(prose, start, page, contract) or (
            [page.operation] if page.operation in answers and not _lead_in_ops(
                prose, start, page, contract) and _in_section(prose, span.start, "Errors")
            else [])
    else:
        return None
    ops = sorted({op for op in ops if op in answers})
    if not ops or _denied(spans, prose, start, end) or len(
            _said_in(spans, start, end, set(), contract, _STATUS)[0]) != 1 and paired is None:
        return None
    if paired is not None:
        start, end = span.start, state.end()  # (its own status and state alone)
    return _state_answer_problem(span, said, code, ops, state["state"].lower(), False, spans,
                                 start, end, contract)


#: A resource under a condition said to be able to be acted on (or to be), the status in
#: brackets: "An owned volume can be deleted (", "An owned volume is deleted (".
_CAN_BE_DONE = re.compile(
    r"\s*(?:[-*+]\s+|\d+\.\s+)?(?:(?:only|even|so|but|note:|note\s+that)\s*,?\s+)?"
    r"(?P<who>(?:an?|the|any|every|your)\s+[^()]*?)\s+(?:(?:can|may|could)\s+(?:still\s+|safely\s+|"
    r"always\s+|also\s+)?be|is|are)\s+(?:safely\s+)?(?P<done>[a-z]+ed)\s*\(\s*(?:with\s+)?(?:an?\s+)?"
    r"(?:HTTP\s+|status\s+)?$", re.IGNORECASE)


def _can_be_done_problem(span: _Span, prose: str, page: Page, contract: Contract
                         ) -> str | None:
    """What is wrong with a success said, in brackets, of a resource under a condition
    that every operation of the verb refuses ("An owned volume can be deleted (`200`)"):
    told with the error they answer there. A workstation's state is
    :func:`_can_be_problem`'s; a condition said to have passed, or none, is not read."""
    status = _STATUS.match(span.text)
    if status is None or not 200 <= int(status["status"]) < 300 or span.link is not None:
        return None
    sentence = _clause(span, prose, brackets=False)
    can = _CAN_BE_DONE.fullmatch(_LINK_TEXT.sub(r"\1", prose[sentence[0]:span.start]))
    if can is None or _NEGATION.search(can["who"]) or re.search(
            r"\b(?:was|were|had|once|after|until|unless|when|while|if)\b", can["who"],
            re.IGNORECASE):
        return None
    ops = [op for op in contract.operations if _participle(_verb(op)) == can["done"].lower()]
    kind = re.search(r"\b(workstation|volume)s?\b", can["who"], re.IGNORECASE)
    if kind is None:
        return None
    ops = [op for op in ops if kind[1].lower() in op.lower()]
    found = [(m, meant) for pattern, meant in _CONDITIONS
             if (m := pattern.search(can["who"])) is not None
             and not meant & state_codes()]
    if len(found) != 1 or not ops:
        return None
    match, meant = found[0]
    refused = sorted(c for c in meant - _KEY_CODES if c in contract.code_status
                     and all(c in contract.operations[op].codes for op in ops))
    if not refused:
        return None
    return (f'`{span.text}` is said for "{_said_words(match[0])}", which {_and(sorted(ops))} '
            f"{'answers' if len(ops) == 1 else 'answer'} with {_answered(refused, contract)}")


def _can_be_problem(span: _Span, said: int, code: str | None, can: re.Match[str],
                    spans: Sequence[_Span], prose: str, start: int, end: int,
                    contract: Contract) -> str | None:
    """:func:`_in_state_problem` of a workstation in a state said to be able, or not, to
    be acted on, the status in brackets (:data:`_CAN_BE`): held to what the operations of
    its verb answer there, and a refusal said to be done (or a success not to be) is told
    too. Only a status such an operation answers or a state makes is read: another ("...
    cannot be deleted (`404`)", once it was) is another condition's."""
    from cloudws.operations import OPERATIONS

    answers = answers_by_state()
    ops = sorted(op for op in answers if _participle(_verb(op)) == can["done"].lower())
    state = (can["state"] or can["state2"]).lower()
    if can["negated"]:  # ("a workstation that is not `running`": the other state)
        state = _other_state(state, contract)
    if state is None:
        return None
    if not ops or said not in {OPERATIONS[op].status for op in ops} | {
            contract.code_status[c] for c in state_codes()} or not _said_after(
                _CAN_BE_AFTER, _LINK_TEXT.sub(r"\1", prose[span.end:_sentence_end(
                    prose, span.end)])) or any(
                    pattern.search(prose, start, span.start) for pattern, meant in _CONDITIONS
                    if not meant & state_codes()):
        return None  # (no operation's, a status of another condition, more said of it)
    wrong = _state_answer_problem(span, said, code, ops, state, False, spans, start, end,
                                  contract)
    denied = bool(re.search(r"not|n['’]t|never", can["modal"], re.IGNORECASE))
    if wrong is not None or (said < 400) != denied:
        return wrong
    # the status is what one of them answers, but the sentence says the opposite of it
    got = [op for op in ops if answers[op].get(state, "") is None] if denied else [
        op for op in ops if answers[op].get(state)]
    if not got:
        return None
    done = can["done"].lower()
    return (f"`{span.text}` is said of a {state} workstation that "
            f"{'cannot' if denied else 'can'} be {done}, but {_and(got)} "
            + (f"{'does' if len(got) == 1 else 'do'} it there (`{said}`): say it can be {done}"
               if denied else
               f"{'refuses' if len(got) == 1 else 'refuse'} it there (`{said}`): say it cannot "
               f"be {done}")
            + " (as its example gets from the sandbox)")


def _other_state(state: str, contract: Contract) -> str | None:
    """The other state of a workstation's two (its `status` enum's), said by denying
    ``state`` ("not `running`": stopped); None where there are more."""
    others = sorted((contract.enums.get("status") or frozenset()) - {state})
    return others[0] if len(others) == 1 else None


def _state_first_problem(span: _Span, said: int, code: str | None, first: re.Match[str],
                         spans: Sequence[_Span], prose: str, page: Page, contract: Contract,
                         start: int, end: int, bracketed: bool = False) -> str | None:
    """:func:`_in_state_problem` of a clause that says the state first ("If the workstation
    is stopped, the delete gets `409`"): the rest's subject names the operations (or, on an
    endpoint page, one that names none, :data:`_ANY_CALL`, is its own), then the answering
    verb (with ``bracketed``, a refusal) and the status, as in the other shape."""
    answers = answers_by_state()
    at = first.end()
    subject = _SUBJECT.match(prose, at, span.start)
    ops = _subject_ops(subject["who"], page, contract) if subject is not None else []
    if page.operation in ops and page.operation not in answers:
        return None  # ("deleting it", on Delete volume's page: the volume, whatever the state)
    if ops and subject is not None:
        at = subject.end()
        who = _LINK_TEXT.sub(r"\1", subject["who"])
        if not subject["article"] and not (who.split() or [""])[0].lower().endswith(
                ("ing", "s")) and _TO_THE_READER.match(prose, at, span.start):
            return None  # (said to the reader: "..., stop it first, or ...")
        rest = re.match(r"(?:\s+(?:it|the\s+workstation|one))?", prose[at:span.start],
                        re.IGNORECASE)
        at += rest.end() if rest else 0
    else:
        generic = _ANY_CALL.match(prose, at, span.start)
        if generic is None or page.operation is None:
            return None
        ops, at = [page.operation], generic.end()
    ops = sorted({op for op in ops if op in answers})
    between = prose[first.end():span.start]
    if _LATER_CALL.search(between):
        return None  # ("a retried delete answers `404`": the first one deleted it)
    verb, after = (_STATE_REFUSED, _AFTER_THE_BRACKETS) if bracketed else (
        _STATE_TO_STATUS, _AFTER_THE_STATUS)
    if not ops or not verb.fullmatch(prose, at, span.start) or not \
            _said_after(after, prose, span.end, _sentence_end(prose, span.end)) or (
                _NEGATION.search(between) or _EARLIER_CHECK.search(prose[start:end])
                or re.search(r"\b(?:was|were|had)\b", between, re.IGNORECASE)
                or any(pattern.search(prose, start, span.start) for pattern, meant in _CONDITIONS
                       if not meant & state_codes())):
        return None  # (no operation, more said, denied, or under another condition)
    every = subject is not None and bool(re.search(r"\band\b", subject["who"]))
    state = first["state"].lower()
    if bool(first["unless"]) != bool(first["negated"]):  # ("unless it is running", "if it is
        # not running": stopped)
        state = _other_state(state, contract)
    if state is None:
        return None
    return _state_answer_problem(span, said, code, ops, state, every, spans,
                                 start, end, contract)


def _state_answer_problem(span: _Span, said: int, code: str | None, ops: Sequence[str],
                          which: str, every: bool, spans: Sequence[_Span], start: int,
                          end: int, contract: Contract) -> str | None:
    """What is wrong with ``said`` (a status; its ``code``, if one was said) as the answer
    of ``ops`` for a workstation in the state ``which`` (each of them, with ``every``), as
    :func:`answers_by_state` reads the sandbox; the clause is ``start``-``end``."""
    from cloudws.operations import OPERATIONS

    answers = answers_by_state()
    if any(start <= other.start < end and other.text in contract.code_status
           and other.text not in state_codes() for other in spans):
        return None  # (a code no state makes, as `volume_attached`: its own condition)
    answered = {op: answers[op].get(which, "") for op in ops}
    if "" in answered.values() or not set(answered.values()) - {None} <= contract.code_status.keys():
        return None  # (a state no fixture workstation is in; codes the contract has not)
    statuses = {op: OPERATIONS[op].status if got is None else contract.code_status[got]
                for op, got in answered.items()}
    if (all if every else any)(said == statuses[op] and (code is None or code == answered[op])
                               for op in ops):
        return None  # (one of them answers it; "Stopping and deleting": each)
    other = [op for op in ops if statuses[op] != said or code and code != answered[op]]
    return (f"`{span.text}` is said for a {which} workstation, which "
            + "; ".join(f"{op} answers with `{statuses[op]}`"
                        + (f" (`{answered[op]}`)" if answered[op] else "") for op in other)
            + " (as its example gets from the sandbox)")


def _sentence_end(prose: str, at: int) -> int:
    """Where the sentence that ``at`` is in ends: at its full stop (or ``!``, ``?``),
    past any semicolon or colon, or at its paragraph's end."""
    end = re.compile(r"[.!?](?=\s|$)|\n[ \t]*\n").search(prose, at)
    return end.start() + (1 if end and prose[end.start()] in ".!?" else 0) if end else len(prose)


@functools.cache
def _resulting_states() -> Mapping[str, str]:
    """The state each operation that changes a resource leaves it in, as the stub leaves
    it: the operation's example, run by the store's method of its name
    (``create_workstation`` of createWorkstation) on a fresh sandbox."""
    from cloudws.errors import ApiError
    from cloudws.operations import OPERATIONS
    from cloudws.store import Store

    states = {}
    for name, operation in OPERATIONS.items():
        method = getattr(Store, re.sub(r"[A-Z]", lambda m: "_" + m[0].lower(), name), None)
        if method is None or operation.status is None or operation.method == "GET":
            continue
        try:
            body = ([operation.body.model_validate(operation.example.body)] if operation.body
                    else [])
            state = getattr(method(Store(), *operation.example.path.values(), *body), "status",
                            None)
        except (ApiError, ValueError):
            continue  # (an example the stub refuses, as after a limit changed: the suite
            # tells it, at the declaration; no state is read for it meanwhile)
        if isinstance(state, str):
            states[name] = state
    return states


@functools.cache
def store_codes() -> frozenset[str]:
    """The error codes the sandbox's store answers: every ``ApiError`` that
    :mod:`cloudws.store` raises (read from its code, not imported). The API asks the store
    last, after every check of the request itself (src/cloudws/app.py): a condition with
    a code the store never answers (a body that is not JSON, a missing token, a body too
    large) is checked before one whose codes are all the store's (the lookup, the state,
    the volumes, the key).

    Example:
        >>> sorted(store_codes() & {"invalid_json", "not_found", "unauthorized",
        ...                         "workstation_not_stopped"})
        ['not_found', 'workstation_not_stopped']
    """
    import importlib.util

    spec = importlib.util.find_spec("cloudws.store")
    assert spec is not None and spec.origin is not None
    source = ast.parse(Path(spec.origin).read_text())
    return frozenset(node.args[0].value for node in ast.walk(source)
                     if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                     and node.func.id == "ApiError" and node.args
                     and isinstance(node.args[0], ast.Constant)
                     and isinstance(node.args[0].value, str))


def _request_own(codes: Iterable[str]) -> bool:
    """Whether a condition read for ``codes`` is one of the checks the API makes before it
    looks the resource up (:func:`store_codes`): one with a code the store never answers,
    or `validation_error` alone. The store answers that code too, but only for a cursor
    the list did not issue, an update that names no field (both before any lookup) and the
    count of standalone volumes an update lists (before the state): whatever a condition's
    words say of it (an unknown field, a value out of range, a read-only field, a cursor),
    the state's `409` and the volumes' come after it.

    Example:
        >>> _request_own({"validation_error"}), _request_own({"workstation_not_stopped"})
        (True, False)
    """
    codes = set(codes)
    return bool(codes - store_codes()) or codes == {"validation_error"}


#: How a request is made to meet a condition of its own (one the store never answers), by
#: a code the condition is read for (:data:`_CONDITIONS`): no token, a body over the limit,
#: a ``Content-Type`` not JSON's, a body not JSON, a malformed ID. (Two more are read from
#: the condition's words: :func:`_condition_kind`.)
_MEETS = (("unauthorized", "token"), ("payload_too_large", "size"),
          ("unsupported_media_type", "content-type"), ("invalid_json", "json"),
          ("invalid_id", "id"), ("validation_error", "validation"))
#: The checks made before every other: a `validation_error` condition (a query's, a
#: body's field, a cursor: met by a query parameter the operation does not take) is sent
#: only beside these, which come first whatever it is.
_BEFORE_ALL = {"token", "size"}
#: A query parameter the operation does not take, said so: a condition a request meets
#: exactly (:func:`request_own_answers` sends one), where other `validation_error` words
#: (a field, a value, a cursor) are met only roughly.
_UNKNOWN_QUERY = r"\bunknown\s+(?:query(?:\s+parameter)?|parameter)"
#: Kinds no one request can meet together: a body missing, and one not JSON or too large.
_APART = ({"no-body", "json"}, {"no-body", "size"}, {"content-type", "no-content-type"})


def _condition_kind(codes: Collection[str], words: str) -> str | None:
    """How :func:`request_own_answers` meets the condition read in ``words`` for
    ``codes``: by the words for a body or a media type said missing ("with no body", "no
    `Content-Type`": the request sends none), else by its codes (:data:`_MEETS`).

    Example:
        >>> _condition_kind({"validation_error"}, "request with no body")
        'no-body'
        >>> _condition_kind({"unsupported_media_type"}, "no `Content-Type"), _condition_kind(
        ...     {"unsupported_media_type"}, "sent as `text/")
        ('no-content-type', 'content-type')
    """
    if set(codes) == {"validation_error"} and re.fullmatch(_NO_BODY, words, re.IGNORECASE):
        return "no-body"
    if set(codes) == {"validation_error"} and re.fullmatch(_UNKNOWN_QUERY, words, re.IGNORECASE):
        return "query"  # (met as it is: a query parameter the operation does not take)
    if "unsupported_media_type" in codes and re.fullmatch(_NO_MEDIA_TYPE, words, re.IGNORECASE):
        return "no-content-type"
    return next((kind for code, kind in _MEETS if code in codes), None)


@functools.cache
def request_own_answers(operations: tuple[str, ...],
                        kinds: frozenset[str | None]) -> frozenset[tuple[int, str | None]] | None:
    """The statuses (each with its code) the sandbox answers the example request of each of
    ``operations``
    with (:mod:`cloudws.operations`), sent to meet all of ``kinds`` of condition at once
    (:func:`_condition_kind`), each to an app of its own in the fixture state; None if one
    of them is None, if no one request meets them all, or if no operation can be sent so.
    Which of its checks the API makes first is its own code's (src/cloudws/app.py), so it
    is asked, not told.

    Example:
        >>> sorted(request_own_answers(("updateWorkstation",), frozenset({"json", "token"})))
        [(401, 'unauthorized')]
        >>> print(request_own_answers(("updateWorkstation",), frozenset({None})))
        None
        >>> sorted(request_own_answers(("createWorkstation",),  # no body: nothing to refuse
        ...                            frozenset({"no-body", "no-content-type"})))
        [(400, 'validation_error')]
        >>> sorted(request_own_answers(("createWorkstation",), frozenset({"no-body", "content-type"})))
        [(415, 'unsupported_media_type')]
    """
    from cloudws.limits import MAX_BODY_BYTES
    from cloudws.operations import OPERATIONS, Example

    if (None in kinds or "validation" in kinds and not kinds - {"validation"} <= _BEFORE_ALL
            or any(apart <= kinds for apart in _APART)):
        return None
    requests = []
    for name in operations:
        operation = OPERATIONS[name]
        example, body = operation.example, operation.example.body
        if operation.status is None or "id" in kinds and not example.path:
            continue  # (the removed operation; one with no ID to make malformed)
        path = {key: "BAD" for key in example.path} if "id" in kinds else example.path
        headers, content = _headers_and_body(None, body)
        if "token" in kinds:
            del headers["Authorization"]
        if "no-body" in kinds:
            content = None
            headers.pop("Content-Type", None)
        if "no-content-type" in kinds:
            headers.pop("Content-Type", None)
        if "content-type" in kinds:
            headers["Content-Type"] = "text/plain"
        if "json" in kinds:
            content = b"{"
        if "size" in kinds:
            content = (content or b"") + b" " * (MAX_BODY_BYTES + 1)
        query = {**example.query, "x_not_a_parameter": 1} if kinds & {"validation", "query"} else (
            example.query)
        requests.append((operation.method, operation.url(Example(path, query, body)),
                         headers, content))
    return frozenset(_ask_sandbox(requests)) or None


def _ask_sandbox(requests: Sequence[tuple[str, str, Mapping[str, str], bytes | None]]
                 ) -> list[tuple[int, str | None]]:
    """Each of ``requests`` (method, URL, headers, body) sent to an app of its own, in the
    fixture state, in process (httpx's ``ASGITransport``): the status of each answer, with
    its problem's ``code`` if it is an error."""
    return [(status, body.get("code") if status >= 400 else None)
            for status, body in _sandbox_answers(requests)]


def _sandbox_answers(requests: Sequence[tuple[str, str, Mapping[str, str], bytes | None]],
                     *, in_turn: bool = False) -> list[tuple[int, Any]]:
    """Each of ``requests`` (method, URL, headers, body) sent to an app of its own, in the
    fixture state (with ``in_turn``, all to one app, one after another), in process
    (httpx's ``ASGITransport``): the status of each answer, with its JSON body."""
    import asyncio
    import threading

    import httpx

    from cloudws.app import create_app
    from cloudws.openapi import SERVER_URL

    answered: list[tuple[int, Any]] = []
    failed: list[BaseException] = []

    async def send() -> None:
        app = create_app() if in_turn else None
        for method, url, headers, content in requests:
            transport = httpx.ASGITransport(app=app or create_app())
            async with httpx.AsyncClient(transport=transport, base_url=SERVER_URL) as client:
                answer = await client.request(method, url, headers=headers, content=content)
                answered.append((answer.status_code, answer.json() if answer.content else None))

    def run() -> None:  # (on a thread of its own: the build's may be running an event loop)
        try:
            asyncio.run(send())
        except BaseException as error:  # noqa: BLE001 - raised again in the build's thread
            failed.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if failed:
        raise failed[0]
    return answered


@functools.cache
def sandbox_answer(operation: str, resource_id: str, body: str | None = None
                   ) -> tuple[int, str | None]:
    """The status (and the error code, if any) the sandbox, in its fixture state, answers
    ``operation``'s example request sent for ``resource_id`` (its one path parameter),
    with ``body`` (JSON) if given, else with the example's.

    Example:
        >>> sandbox_answer("deleteWorkstation", "ws-67890")  # running, in the fixtures
        (409, 'workstation_not_stopped')
        >>> sandbox_answer("getWorkstation", "ws-12345")
        (200, None)
        >>> sandbox_answer("updateWorkstation", "ws-12345", '{"machine_type": "xl-99"}')
        (400, 'validation_error')
    """
    return _ask_sandbox([_example_request(operation, resource_id, body)])[0]


@functools.cache
def sandbox_answer_again(operation: str, resource_id: str) -> tuple[int, str | None]:
    """The status (and the error code, if any) the sandbox, in its fixture state, answers
    ``operation``'s example request for ``resource_id`` sent a second time, right after the
    first.

    Example:
        >>> sandbox_answer_again("deleteWorkstation", "ws-12345")
        (404, 'not_found')
        >>> sandbox_answer_again("stopWorkstation", "ws-67890")
        (200, None)
    """
    status, body = sandbox_reply_again(operation, resource_id)
    return status, body.get("code") if status >= 400 and isinstance(body, dict) else None


def sandbox_reply_again(operation: str, resource_id: str) -> tuple[int, Any]:
    """The status and the JSON body of :func:`sandbox_answer_again`'s second answer."""
    request = _example_request(operation, resource_id, None)
    return _sandbox_answers([request, request], in_turn=True)[1]


def sandbox_reply(operation: str, resource_id: str, body: str | None = None
                  ) -> tuple[int, Any]:
    """The status and the JSON body the sandbox, in its fixture state, answers
    ``operation``'s example request sent for ``resource_id``, with ``body`` if given.

    Example:
        >>> sandbox_reply("deleteWorkstation", "ws-12345")
        (200, {'id': 'ws-12345', 'status': 'deleted', 'deleted_volume_ids': ['vol-boot12345'], \
'detached_volume_ids': ['vol-data12345']})
    """
    return _sandbox_answers([_example_request(operation, resource_id, body)])[0]


def _example_request(operation: str, resource_id: str, body: str | None
                     ) -> tuple[str, str, dict[str, str], bytes | None]:
    """``operation``'s example request for ``resource_id`` (its one path parameter), with
    ``body`` (JSON) if given, else with the example's."""
    from cloudws.operations import OPERATIONS, Example

    op = OPERATIONS[operation]
    example = op.example
    (key,) = example.path
    url = op.url(Example({key: resource_id}, example.query, example.body))
    return op.method, url, *_headers_and_body(body, example.body)


def _headers_and_body(body: str | None, example_body: Any
                      ) -> tuple[dict[str, str], bytes | None]:
    """The headers and the body of a request the checks send the sandbox: with the docs'
    token, and ``body`` (JSON) if given, else ``example_body`` (an example's), if any.

    Example:
        >>> _headers_and_body(None, {"size_gb": 100})
        ({'Authorization': 'Bearer cws_test_docs', 'Content-Type': 'application/json'}, \
b'{"size_gb": 100}')
        >>> _headers_and_body(None, None)
        ({'Authorization': 'Bearer cws_test_docs'}, None)
    """
    content = (body.encode() if body is not None else None if example_body is None
               else json.dumps(example_body).encode())
    headers = {"Authorization": "Bearer cws_test_docs"}
    if content is not None:
        headers["Content-Type"] = "application/json"
    return headers, content


#: After a status (and its code), the members of the answer it is said to come with:
#: "with `"status": "deleted"`", "with `{"id": "ws-12345", "status": "deleted"}`", "with
#: `"a": 1` and `"b": 2`" (or its code: "with `workstation_not_stopped`").
_WITH_MEMBERS = (r"(?P<members>\s+with\s+(?:(?:the|a|its)\s+)?(?:(?:JSON\s+)?body\s+)?`[^`\n]+`"
                 r"(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+)`[^`\n]+`)*)?")


#: After a status (or the members of its answer), fields of the answer said in words, each
#: with its value in code: ", and its `updated_at` stays `2026-01-09T17:45:00Z`", "with
#: its `updated_at` still `...`", "and moves its `updated_at` to `...`".
_FIELDS_SAID = (r"(?P<fields>(?:,?\s+(?:and|but|with)\s+(?:its\s+|the\s+)?`[a-z_]+`\s+(?:stays|remains|"
                r"is\s+still|still|is\s+now|now|becomes|is|set\s+to)\s+(?:at\s+)?`[^`\n]+`"
                r"|,?\s+(?:and\s+)?(?:moves|sets|changes|turns)\s+its\s+`[a-z_]+`\s+to\s+`[^`\n]+`)+)?")


def _fields_said(span: _Span, after: re.Match[str]) -> list[_Span]:
    """The fields :data:`_FIELDS_SAID` found after ``span`` (in ``after``, a match from
    its end), each as a member of the answer (`` `"updated_at": "..."` ``): its value as
    JSON where it is, else as a string.

    Example:
        >>> status = _Span(0, 5, 1, "200", None, False)
        >>> after = re.match(_FIELDS_SAID, ", and its `updated_at` stays `2026-01-09T17:45:00Z`")
        >>> [m.text for m in _fields_said(status, after)]
        ['"updated_at": "2026-01-09T17:45:00Z"']
    """
    said = after.groupdict().get("fields") or ""
    found = []
    for name, value in re.findall(r"`([a-z_]+)`[^`]*`([^`\n]+)`", said):
        try:
            json.loads(value)
        except ValueError:
            value = json.dumps(value)
        found.append(replace(span, text=f'"{name}": {value}'))
    return found


#: After a status (its code, its members), what its problem's `detail` or `title` is said
#: to say, which is not read: ", and the `detail` names `ws-12345`".
_ITS_DETAIL = (r"(?:,?\s+and\s+(?:its|the)\s+(?:problem['’]s\s+)?`(?:detail|title)`\s+(?:names|"
               r"says|mentions|reads|asks|tells)\b[^.;:!?\n]*)?")


def _code_and_members(span: _Span, spans: Sequence[_Span], after: re.Match[str],
                      contract: Contract) -> tuple[list[_Span], list[_Span]]:
    """After the status ``span``, what ``after`` (a match from its end of ``({_ONLY_ITS_CODE})``
    then :data:`_WITH_MEMBERS`) found: the code said, and the spans of the answer's members
    said."""
    code_after = [s for s in spans if span.end <= s.start < span.end + after.end(1)]
    members = [s for s in spans if after["members"] and span.end + after.start("members")
               <= s.start < span.end + after.end("members")]
    if not code_after and members and members[0].text in contract.code_status:
        code_after, members = members[:1], members[1:]  # ("answers `409` with `x`": its code)
    return code_after, members + _fields_said(span, after)


def _members_problem(members: Sequence[_Span], answer: Any, known: Collection[str]
                     ) -> str | None:
    """What the answer's members said (``members``: spans of JSON members, or objects) get
    wrong of ``answer``, the JSON body the sandbox answered: a member it has not, or another
    value (an object or a list of objects said in part is compared for what it says). An
    ``id`` or a ``next_cursor`` the sandbox makes (an ID not ``known``: not the fixtures' nor
    the request's) is compared only as there or not, and members that are not JSON (``"data":
    [...]``) not at all.

    Example:
        >>> def spans(*texts):
        ...     return [_Span(0, 0, 1, text, None, False) for text in texts]
        >>> answer = {"id": "ws-12345", "status": "deleted", "deleted_volume_ids": ["vol-b1"]}
        >>> c = {"ws-12345"}
        >>> _members_problem(spans('"status": "deleted"', '{"id": "ws-12345"}'), answer, c)
        >>> _members_problem(spans('"deleted_volume_ids": ["vol-b1", "vol-d1"]'), answer, c)
        '`"deleted_volume_ids": ["vol-b1"]`'
        >>> _members_problem(spans('"detached": []'), answer, c)
        'no member `detached`'
        >>> _members_problem(spans('"data": [...]', '"id": "ws-99999"'), answer, c)
        '`"id": "ws-12345"`'
        >>> _members_problem(spans('"next_cursor": null'), {"next_cursor": "Xt9a"}, c)
        '`next_cursor` set to a cursor'
    """
    for member in members:
        text = member.text.strip()
        try:
            said = json.loads(text if text.startswith("{") else "{" + text + "}")
        except ValueError:
            continue
        if not isinstance(said, dict) or not isinstance(answer, dict):
            continue
        for name, value in said.items():
            if name not in answer:
                return f"no member `{name}`"
            actual = answer[name]
            if name in ("id", "next_cursor") and isinstance(actual, str) and isinstance(
                    value, str) and actual not in known:
                continue  # (made by the sandbox: another at each run)
            if not _agrees(value, actual):
                if name in ("id", "next_cursor") and isinstance(actual, str) and (
                        actual not in known):  # (one of its own making)
                    return f"`{name}` set to {'a cursor' if name == 'next_cursor' else 'an ID'}"
                return f"`{json.dumps({name: actual})[1:-1]}`"
    return None


def _answered_otherwise(span: _Span, said: int, said_code: str | None, shown_code: str | None,
                        members: Sequence[_Span], answer: tuple[int, Any], subject: str,
                        known: Collection[str] = (), *, second: bool = False,
                        joined: str = " with") -> str | None:
    """The message for the status ``span`` (``said``, with its code, ``shown_code`` after
    it, and the members of its answer) said for ``subject`` (a request, or an operation on an
    ID) where the sandbox's ``answer`` (its status and JSON body; with ``second``, to the
    call made again) is another: its status and code, or the member it has otherwise; None
    where it is the one said. ``known`` are the IDs that are not the sandbox's own making.

    Example:
        >>> status = _Span(0, 5, 1, "409", None, False)
        >>> _answered_otherwise(status, 409, None, None, [], (200, {}), "a delete of `ws-1`")
        '`409` is said for a delete of `ws-1`, which the sandbox answers with `200` (in its fixture state)'
        >>> _answered_otherwise(status, 409, None, None, [], (409, {"code": "x"}), "a delete")
    """
    got, body = answer
    code = body.get("code") if got >= 400 and isinstance(body, dict) else None
    if said == got and (said_code is None or said_code == code):
        other = _members_problem(members, body, known)
        if other is None:
            return None
        return (f"`{span.text}` is said for {subject}{joined} "
                + " and ".join(f"`{m.text}`" for m in members)
                + f", but the sandbox's {'second ' if second else ''}answer has {other} (in its "
                "fixture state)")
    return (f"`{span.text}`{f' `{shown_code}`' if shown_code else ''} is said for {subject}, "
            f"which the sandbox answers with `{got}`" + (f" (`{code}`)" if code else "")
            + (" right after the first" if second else "") + " (in its fixture state)")


def _agrees(said: Any, actual: Any) -> bool:
    """Whether the JSON value ``said`` is ``actual``'s, an object's members said in part."""
    if isinstance(said, dict) and isinstance(actual, dict):
        return all(k in actual and _agrees(v, actual[k]) for k, v in said.items())
    if isinstance(said, list) and isinstance(actual, list):
        return len(said) == len(actual) and all(map(_agrees, said, actual))
    return json.dumps(said) == json.dumps(actual)


#: Between an ID that a call acts on and what it answers: a time, then the answering verb
#: ("Starting `ws-12345` on a fresh sandbox answers").
_ON_A_FRESH = (r"(?:\s+(?:on\s+a\s+(?:fresh|new)\s+sandbox|in\s+the\s+(?:sandbox['’]s\s+)?"
               r"(?:starting|fixture)\s+state|as\s+the\s+sandbox\s+starts))?")
#: Between a resource's ID and the status said for a call on it: an aside ("`ws-67890`,
#: which is running,", "`ws-67890`, a running workstation,"), then the answering verb.
_ID_THEN_ANSWER = re.compile(
    r"(?:\s*,\s*(?:(?:which|that)\s+is\s+(?:still\s+|already\s+)?`?[a-z]+`?|an?\s+(?:still\s+)?"
    r"`?[a-z]+`?\s+(?:workstation|volume))\s*,)?" + _ON_A_FRESH + r"\s+(?:(?:also|always)\s+)?"
    r"(?:(?:answers?|gets?|returns?)(?:\s+with)?|(?:is|are)\s+(?:answered(?:\s+with)?|(?:refused|"
    r"rejected)\s+with)|fails?\s+with|succeeds?\s+with)\s+(?:an?\s+)?(?:HTTP\s+)?", re.IGNORECASE)


#: Between a request written as a subject and the JSON body it is said to be sent with.
_WITH_BODY = re.compile(r"\s+with\s+(?:(?:the|a|its)\s+)?(?:(?:JSON|request)\s+)?(?:body\s+)?",
                        re.IGNORECASE)
#: Between a request written as a subject and the status said to answer it: its link's
#: target, "request", then the answering verb, or "(now) and you get", "and the answer is",
#: "responds with".
_REQUEST_THEN_ANSWER = re.compile(
    r"(?:\]\([^)\s]*\))?(?:\s+request)?(?:,(?=\s+(?:is|are|gets?|answers?)\b))?"
    # (what it does first: "deletes `ws-12345` and answers")
    r"(?:\s+(?:deletes|creates|starts|stops|updates|renames|attaches|detaches)\s+(?:`[^`]*`|it|"
    r"them|the\s+(?:workstation|volume))\s*,?\s+and)?(?:" + _ID_THEN_ANSWER.pattern
    + r"|(?:\s+now)?\s+and\s+(?:you(?:\s+will|['’]ll)?\s+(?:get|see|receive)|the\s+answer\s+is)\s+"
    r"(?:an?\s+)?|\s+responds?\s+with\s+(?:an?\s+)?)", re.IGNORECASE)


def _an_examples(resource_id: str, contract: Contract, shown: Callable[[], set[str]]) -> bool:
    """Whether ``resource_id`` is one the page's examples make (shown in their output, and
    none of the fixtures): what a call on it answers is the example's, at its step."""
    return resource_id not in contract.fixture_ids and resource_id in shown()


#: An opening that says the sandbox is as it starts: "In the sandbox's starting state,".
_AS_IT_STARTS = re.compile(
    r"\s*(?:(?:in|from)\s+(?:the\s+)?(?:sandbox['’]s\s+)?(?:starting|fixture)\s+state|in\s+(?:the|a)\s+"
    r"(?:fresh\s+|new\s+)?sandbox|on\s+a\s+(?:fresh|new)\s+sandbox|as\s+the\s+sandbox\s+starts),\s*",
    re.IGNORECASE)


def _on_one_of_its_kind(operation: str, resource_id: str) -> bool:
    """Whether ``operation``'s request names one resource by its ID, of the kind
    ``resource_id`` is (its prefix: `ws-`, `vol-`).

    Example:
        >>> _on_one_of_its_kind("deleteVolume", "vol-scratch01")
        True
        >>> [_on_one_of_its_kind(op, "ws-12345") for op in ("deleteVolume", "listWorkstations")]
        [False, False]
    """
    from cloudws.operations import OPERATIONS

    op, kind = OPERATIONS.get(operation), _RESOURCE_ID.match(resource_id)
    return (op is not None and kind is not None and len(op.example.path) == 1
            and str(*op.example.path.values()).startswith(kind["prefix"]))


def _id_call_problem(span: _Span, spans: Sequence[_Span], prose: str, page: Page,
                     contract: Contract, shown: Callable[[], set[str]] = set) -> str | None:
    """What is wrong with a status (and the code after it), or a code alone, said for an
    operation on a resource named by its ID ("Deleting `ws-67890` answers `200`",
    "Deleting `vol-boot12345` gets `volume_attached`"): the sandbox, in its
    fixture state, answers that request with another (:func:`sandbox_answer`). Read only
    where the sentence opens with the operation, the ID right after it (its kind's word
    before it, or an article), an aside and the answering verb before the status, nothing
    after it but its code and what the answer does ("and deletes it"), and the sentence
    before did no other operation (the fixtures are as they start)."""
    from cloudws.operations import OPERATIONS

    status = _STATUS.match(span.text)
    alone = span.text if status is None and span.text in contract.code_status else None
    if status is None and alone is None or span.link is not None or span.note:
        return None  # (a code after its status: read with it)
    start, end = _clause(span, prose, brackets=False)
    opening = _AS_IT_STARTS.match(prose, start, span.start)  # ("In the starting state, ...")
    subject = _SUBJECT.match(prose, opening.end() if opening else start, span.start)
    if subject is None or subject["article"] or not (who := subject["who"]).lower().endswith(
            "ing") or "[" in who:
        return None  # ("Deleting `ws-67890`": the reader's call, by its verb)
    ids = [s for s in spans if subject.end() <= s.start < span.start]
    if alone is not None and any(_STATUS.match(s.text) for s in ids):
        return None  # (a code after its status: read with it)
    if not ids or not re.fullmatch(r"\s+(?:(?:the\s+)?(?:workstation|volume)\s+)?",
                                   prose[subject.end():ids[0].start]):
        return None
    resource = _RESOURCE_ID.match(ids[0].text)
    after = re.fullmatch(f"({_ONLY_ITS_CODE}){_WITH_MEMBERS}{_FIELDS_SAID}{_ITS_DETAIL}{_WHAT_IT_DOES}{_A_REASON}\\s*",
                         prose[span.end:end], re.IGNORECASE)  # (its code, the members of
    # its answer, then what it does: "and deletes it")
    if after is not None and after["reason"]:  # (its reason's words are no denial)
        end = span.end + after.start("reason")
    code_after, members = _code_and_members(span, spans, after, contract) if after else (
        [], [])
    if resource is None or len(ids) != 1 or ids[0].opted_out or _ID_THEN_ANSWER.fullmatch(
            prose, ids[0].end, span.start) is None or after is None or len(code_after) > 1 \
            or alone is not None and members or _an_examples(ids[0].text, contract, shown):
        return None
    if _done_just_before(prose, start, page, contract) or _PASSES.search(prose, start, end) or \
            _LATER_CALL.search(prose, start, end) or _NEGATION.search(prose, start, end):
        return None  # (after another call, or said to pass, or denied)
    ops = [op for op in _subject_ops(who, page, contract) if op in OPERATIONS
           and OPERATIONS[op].status is not None and _on_one_of_its_kind(op, ids[0].text)]
    # (the operations whose example's ID is of the same kind: `ws-`, `vol-`)
    if len(ops) != 1:
        return None
    said = int(status["status"]) if status is not None else contract.code_status[alone or ""]
    said_code = alone or (code_after[0].text if code_after else None)
    return _answered_otherwise(span, said, said_code, None if alone else said_code, members,
                               sandbox_reply(ops[0], ids[0].text), f"{ops[0]} on `{ids[0].text}`",
                               {ids[0].text})


#: After a call said by its verb (and its ID, or its kind: "Creating a workstation"), the
#: body it is said to be sent with: " with `{"size_gb": 0}`", " with `"volume_ids": []`".
_CALL_WITH = re.compile(r"\s+(?:(?:an?|the)\s+(?:new\s+)?(?P<kind>workstation|volume)\s+|"
                        r"(?:(?:the\s+)?(?:workstation|volume)\s+)?(?P<id>`[a-z]+-[A-Za-z0-9_]+`)\s+)"
                        r"with\s+(?:(?:the|a)\s+)?(?:(?:JSON|request)\s+)?(?:body\s+)?$", re.IGNORECASE)


def _body_call_problem(span: _Span, spans: Sequence[_Span], prose: str, page: Page,
                       contract: Contract, shown: Callable[[], set[str]] = set) -> str | None:
    """What is wrong with a status (its code, the members of its answer), or members said
    as the answer, of a call said by its verb with a body ("Creating a workstation with
    `"volume_ids": ["vol-data12345"]` answers `409` `volume_owned`", "Updating `ws-12345`
    with `"volume_ids": []` answers `"volume_ids": []`"): the sandbox, in its fixture
    state, answers the operation's request for that ID (a fixture's), sent with that body,
    otherwise. A body written in part is sent with the example's required fields that it
    lacks. Read where the clause opens with the call, nothing after the answer but its
    code, members and what it does; not after another call, said to pass, or denied."""
    from cloudws.operations import OPERATIONS

    status = _STATUS.match(span.text)
    if status is None and not _JSON_SAID.match(span.text) or span.link is not None or (
            span.note or span.opted_out):
        return None
    start, end = _clause(span, prose, brackets=False)
    opening = _AS_IT_STARTS.match(prose, start, span.start)
    subject = _SUBJECT.match(prose, opening.end() if opening else start, span.start)
    if subject is None or subject["article"] or not subject["who"].lower().endswith("ing") or (
            "[" in subject["who"]):
        return None
    before = [s for s in spans if subject.end() <= s.start < span.start]
    bodies = [s for s in before if s.text.lstrip().startswith(("{", '"'))]
    said_with = _CALL_WITH.fullmatch(prose, subject.end(), bodies[0].start) if bodies else None
    if said_with is None or not all(_LIST_JOIN.match(prose[a.end:b.start]) for a, b in
                                    itertools.pairwise(bodies)) or (
            _ID_THEN_ANSWER.fullmatch(prose, bodies[-1].end, span.start) is None):
        return None
    if status is not None:
        after = re.fullmatch(f"({_ONLY_ITS_CODE}){_WITH_MEMBERS}{_FIELDS_SAID}{_ITS_DETAIL}"
                             f"{_WHAT_IT_DOES}\\s*[.;:]?\\s*", prose[span.end:end], re.IGNORECASE)
        if after is None:
            return None
        code_spans, members = _code_and_members(span, spans, after, contract)
    else:
        members = [span, *(s for s in spans if span.end <= s.start < end
                            and _JSON_SAID.match(s.text))]
        rest = re.fullmatch(r"(?:\s*,\s*(?:and\s+)?`[^`]*`|\s+and\s+`[^`]*`)*" + _FIELDS_SAID
                            + r"[\s.!]*", prose[span.end:end], re.IGNORECASE)
        if rest is None:
            return None
        code_spans, members = [], members + _fields_said(members[-1], rest)
    if _done_just_before(prose, start, page, contract) or _PASSES.search(prose, start, end) or (
            _LATER_CALL.search(prose, start, end)) or _NEGATION.search(
                _outside_code(prose, spans, start, end)):
        return None
    resource_id = said_with["id"].strip("`") if said_with["id"] else None
    kind = (said_with["kind"] or "").lower()
    ops = [op for op in _subject_ops(subject["who"], page, contract) if op in OPERATIONS
           and OPERATIONS[op].example.body is not None and (
               _on_one_of_its_kind(op, resource_id) if resource_id
               else not OPERATIONS[op].example.path
               and op.lower().endswith(kind))]
    if len(ops) != 1 or resource_id and (resource_id not in contract.fixture_ids
                                         or _an_examples(resource_id, contract, shown)):
        return None
    try:
        said_body = json.loads(bodies[0].text) if len(bodies) == 1 and bodies[0].text.lstrip(
            ).startswith("{") else json.loads("{" + ", ".join(b.text for b in bodies) + "}")
    except ValueError:
        return None
    if not isinstance(said_body, dict):
        return None
    op = OPERATIONS[ops[0]]
    required = {name for name, (where, needed) in contract.inputs.get(ops[0], {}).items()
                if where == "body" and needed}
    body = {**{k: v for k, v in (op.example.body or {}).items() if k in required}, **said_body}
    sent = (_example_request(ops[0], resource_id, json.dumps(body)) if resource_id else
            _written_request(_REQUEST.match(f"{op.method} {op.url(op.example)}"), op,
                             json.dumps(body)))
    if sent is None:
        return None
    got, reply = _sandbox_answers([sent])[0]
    subject_text = (f"{ops[0]}{f' on `{resource_id}`' if resource_id else ''} with "
                    f"`{json.dumps(said_body)}`")
    known = {resource_id} if resource_id else set()
    if status is not None:
        said_code = code_spans[0].text if code_spans else None
        return _answered_otherwise(span, int(status["status"]), said_code, said_code, members,
                                   (got, reply), subject_text, known)
    return _members_otherwise(subject_text, members, (got, reply), known)


#: A call said to be made a second time, up to the status its second answer is said to be:
#: "Deleting `ws-12345` again answers", "A second `DELETE /v1/...` after a successful one
#: gets", "`DELETE /v1/...` sent a second time answers".
_AGAIN = r"(?:again|a\s+second\s+time|twice)(?:\s+right\s+after\s+the\s+first(?:\s+one)?)?"
_SECOND_CALL = re.compile(
    r"\s*(?:(?:[-*+]|\d+\.)\s+)?(?:(?P<verb>[A-Za-z]+ing)\s+(?:(?:the|a)\s+(?:workstation|volume)\s+)?"
    r"`(?P<id>[a-z]+-[A-Za-z0-9_]+)`(?:,\s+(?:which|that)\s+(?:is|was)\s+[^,`]+,)?\s+" + _AGAIN
    + r"|(?:(?P<a>an?)|the)\s+second\s+\[?`(?P<second>[A-Z]+\s+/[^`]+)`(?:\]\([^)\s]*\))?(?:\s+"
    r"(?:request|call))?(?P<first>\s*,?\s+(?:sent\s+)?(?:right\s+)?after\s+(?:a|the)\s+(?:first|"
    r"successful|first\s+successful)\s+one,?)?"
    # ("`POST .../stop`, sent again right after the first,", "Sending `POST ...` twice")
    r"|(?:(?:sending|repeating)\s+)?\[?`(?P<again>[A-Z]+\s+/[^`]+)`(?:\]\([^)\s]*\))?,?\s+(?:sent\s+)?"
    + _AGAIN + r",?|sent\s+" + _AGAIN + r",\s+`(?P<sent>[A-Z]+\s+/[^`]+)`)" + _ID_THEN_ANSWER.pattern
    + r"$", re.IGNORECASE)


def _second_call_problem(span: _Span, spans: Sequence[_Span], prose: str, page: Page,
                         contract: Contract, shown: Callable[[], set[str]] = set
                         ) -> str | None:
    """What is wrong with a status (and the code after it) said to be the answer of a call
    made a second time, right after a first, on a resource of the fixtures ("Deleting
    `ws-12345` again answers `404`", "A second `DELETE /v1/workstations/ws-12345` gets
    `404`"): the sandbox, in its fixture state, answers the second another. Read where the
    clause opens so (after "In the starting state," too), nothing after the status but its
    code and what the answer does; not after another call, said to pass, or denied."""
    from cloudws.operations import OPERATIONS

    status = _STATUS.match(span.text)
    if status is None or span.link is not None or span.note:
        return None
    start, end = _clause(span, prose, brackets=False)
    opening = _AS_IT_STARTS.match(prose, start, span.start)
    said = _SECOND_CALL.match(prose, opening.end() if opening else start, span.start)
    after = re.fullmatch(f"({_ONLY_ITS_CODE}){_WITH_MEMBERS}(?:\\s+(?:both\\s+times|each\\s+time|"
                         f"the\\s+second\\s+time))?{_WHAT_IT_DOES}\\s*", prose[span.end:end],
                         re.IGNORECASE)
    if said is None or after is None or _done_just_before(prose, start, page, contract) or (
            _NEGATION.search(prose, start, end)) or said["second"] and not (
                said["a"] or said["first"]):
        return None  # ("The second `DELETE ...`" of a recipe may come after another call)
    if said["id"]:  # ("Deleting `ws-12345` again": the operation its verb names on that ID)
        ops = [op for op in _subject_ops(said["verb"], page, contract)
               if _on_one_of_its_kind(op, said["id"])]
        ids = [said["id"]]
    else:
        request = _REQUEST.match(said["second"] or said["again"] or said["sent"])
        ops, ids = _request_target(request, contract) if request and request["method"] else (
            [], [])
        ops = [op for op in ops if op in OPERATIONS and len(OPERATIONS[op].example.path) == 1]
    if len(ops) != 1 or len(ids) != 1 or ids[0] not in contract.fixture_ids or _an_examples(
            ids[0], contract, shown):
        return None
    code_spans, members = _code_and_members(span, spans, after, contract)
    code_after = [s.text for s in code_spans]
    said_code = code_after[0] if code_after else None
    return _answered_otherwise(span, int(status["status"]), said_code, said_code, members,
                               sandbox_reply_again(ops[0], ids[0]),
                               f"{ops[0]} on `{ids[0]}` a second time", {ids[0]}, second=True)


#: A JSON member said as an answer: `"status": "stopped"`, `{"id": "ws-12345"}`.
_JSON_SAID = re.compile(r'^\s*(?:"[a-z_]+"\s*:\s*\S.*|\{\s*"[a-z_]+"\s*:.*\})\s*$', re.DOTALL)

def _members_answered_problem(span: _Span, spans: Sequence[_Span], prose: str, page: Page,
                              contract: Contract, shown: Callable[[], set[str]] = set
                              ) -> str | None:
    """What is wrong with the members of an answer said right after what answers them,
    with no status ("`GET /v1/volumes/vol-data12345` answers `"size_gb": 500`", "Deleting
    `ws-12345` answers `"detached_volume_ids": [...]`", after "Once `ws-12345` is deleted,"
    too): the sandbox, in its fixture state, answers it with an error, or with other members
    (:func:`_members_problem`). Read where the clause opens with the request, or with the
    call by its verb and the ID of a fixture, and ends with the members (joined by commas or
    "and"); not after another call, said to pass, or denied."""
    if not _JSON_SAID.match(span.text) or span.link is not None or span.opted_out:
        return None
    start, end = _clause(span, prose, brackets=False)
    before = [s for s in spans if start <= s.start < span.start]
    if before and _JSON_SAID.match(before[-1].text) and re.fullmatch(
            r"\s*,\s*(?:and\s+)?|\s+and\s+", prose[before[-1].end:span.start]):
        return None  # (a member after another: read with the first)
    members = [span]
    for after in (s for s in spans if s.start > span.end):
        if not (_JSON_SAID.match(after.text) and re.fullmatch(
                r"\s*,\s*(?:and\s+)?|\s+and\s+", prose[members[-1].end:after.start])):
            break
        members.append(after)
    rest = re.fullmatch(_FIELDS_SAID + r"[\s.!]*", prose[members[-1].end:end], re.IGNORECASE)
    if rest is None or _NEGATION.search(
            _outside_code(prose, spans, start, end)) or _done_just_before(
                prose, start, page, contract) or _PASSES.search(prose, members[-1].end, end):
        return None
    members += _fields_said(members[-1], rest)  # (", with its `updated_at` still `...`")
    answered = re.compile(r"\s+(?:answers|returns|responds\s+with|gives)\s+(?:with\s+)?$",
                          re.IGNORECASE)
    opening = _AS_IT_STARTS.match(prose, start, span.start)
    first = None
    if opening is None and before and (first := _done_first(
            prose[start:before[-1].start], contract.fixture_ids, page.operation)) is not None:
        opening_end = before[-1].start  # ("Once `ws-12345` is deleted, `GET ...` answers")
        before = before[-1:]
    else:
        opening_end = opening.end() if opening else start
    subject = body = None
    between = before[-1].end if before else span.start  # (where the answering verb starts)
    if len(before) == 2 and _WITH_BODY.fullmatch(prose, before[0].end, before[1].start):
        body, before = before[1].text, before[:1]  # ("`POST ...` with `{...}` answers")
        if not body.lstrip().startswith("{"):
            return None  # (a body written whole, as JSON, alone)
    if len(before) == 1 and (request := _REQUEST.match(before[0].text)) is not None and (
            request["method"] not in (None, "HEAD")) and answered.fullmatch(  # (a HEAD's
                prose, between, span.start) and (  # answer has no members)
                re.fullmatch(r"\s*(?:(?:[-*+]|\d+\.)\s+)?(?:an?\s+|the\s+)?\[?",
                             prose[opening_end:before[0].start])):
        ops, ids = _request_target(request, contract)
        sent = _sent_for(request, ops[0], ids, contract, body) if len(ops) == 1 else None
        subject = f"`{before[0].text}`" + (f" with `{body}`" if body else "")
    elif len(before) == 1 and first is None and body is None:
        said = _SUBJECT.match(prose, opening_end, before[0].start)
        resource = _RESOURCE_ID.match(before[0].text)
        if said is None or said["article"] or not said["who"].lower().endswith("ing") or (
                resource is None) or not re.fullmatch(
                    r"\s+(?:(?:the\s+)?(?:workstation|volume)\s+)?", prose[
                        said.end():before[0].start], re.IGNORECASE) or not re.fullmatch(
                    _ON_A_FRESH + answered.pattern, prose[before[0].end:span.start],
                    re.IGNORECASE):
            return None
        ops = [op for op in _subject_ops(said["who"], page, contract)
               if _on_one_of_its_kind(op, before[0].text)]
        if len(ops) != 1 or before[0].text not in contract.fixture_ids or _an_examples(
                before[0].text, contract, shown):
            return None
        ids = [before[0].text]
        sent = _example_request(ops[0], ids[0], None)
        subject = f"{ops[0]} on `{ids[0]}`"
    else:
        return None
    answer = _answer_to(sent, first) if sent is not None else None
    if answer is None:
        return None  # (not sent; or the first call refused there: a state not followed)
    if first is not None:
        subject += f" after {first[0]} on `{first[1]}`"
    return _members_otherwise(subject, members, answer, {*ids, *(first[1:] if first else ())})


def _members_otherwise(subject: str, members: Sequence[_Span], answer: tuple[int, Any],
                       known: Collection[str]) -> str | None:
    """The message for ``members`` said to be the answer of ``subject`` where the sandbox's
    ``answer`` (its status and JSON body) is an error, or has other members
    (:func:`_members_problem`; ``known``, the IDs not of its own making); None where it
    has them."""
    got, reply = answer
    said = " and ".join(f"`{m.text}`" for m in members)
    if got >= 300:
        code = reply.get("code") if isinstance(reply, dict) else None
        return (f"{subject} is said to answer with {said}, but the sandbox answers `{got}`"
                + (f" (`{code}`)" if code else "") + " (in its fixture state)")
    other = _members_problem(members, reply, known)
    if other is None:
        return None
    return (f"{subject} is said to answer with {said}, but the sandbox's answer has {other} "
            "(in its fixture state)")


#: A request written as its method and its path apart, opening its clause, up to the
#: status it is said to get: "A `GET` of `/v1/workstations/ws-12345/start` gets".
_METHOD_OF_PATH = re.compile(
    rf"\s*(?:(?:[-*+]|\d+\.)\s+)?(?:an?|the)\s+`(?P<method>{'|'.join(_METHODS)})`"
    r"(?:\s+request)?\s+(?:of|on|to|for|sent\s+to)\s+(?:the\s+path\s+)?(?:[^`,.;:]{1,40},\s+)?"
    r"`(?P<path>/[^`\s?]*)`(?:\s*,\s+[^`,.;:]{1,40},|,)?"  # (an aside: "to the old route, `...`,")
    + _ID_THEN_ANSWER.pattern + r"$", re.IGNORECASE)


def _method_of_path_problem(span: _Span, spans: Sequence[_Span], prose: str, page: Page,
                            contract: Contract) -> str | None:
    """What is wrong with a status (and the code after it) said for a request written as
    its method and its path apart ("A `GET` of `/v1/workstations/ws-12345/start` gets
    `404`"): where the path does not take the method, the API answers `405`, with the
    methods it takes; where it does, and the request needs no body, the sandbox, in its
    fixture state, answers it otherwise (its IDs the fixtures', nothing after the status but
    its code and what the answer does; not after another call, said to pass, or denied)."""
    from cloudws.operations import OPERATIONS

    status = _STATUS.match(span.text)
    if status is None or span.link is not None or span.note:
        return None
    start, end = _clause(span, prose, brackets=False)
    said = _METHOD_OF_PATH.match(prose, start, span.start)
    route = _route_of(said["path"], contract) if said else None
    if said is None or route is None or _NEGATION.search(prose, start, span.end):
        return None
    method = said["method"].upper()
    taken = contract.routes.get(route, frozenset())
    if taken and method not in taken:
        if status["status"] == "405":
            return None
        return (f"`{span.text}` is said for a `{method}` of `{said['path']}`, a path that "
                f"takes {', '.join(sorted(taken))}: the API answers `405`, with `Allow: "
                f"{', '.join(sorted(taken))}`")
    ops = [op for op, (m, there) in contract.requests.items()
           if m == ("GET" if method == "HEAD" else method) and there == route and op in OPERATIONS]
    ids = [mine for mine, theirs in zip(said["path"].split("/"), route.split("/"))
           if theirs.startswith("{")]
    after = re.fullmatch(f"({_ONLY_ITS_CODE}){_WHAT_IT_DOES}\\s*", prose[span.end:end],
                         re.IGNORECASE)
    if (len(ops) != 1 or OPERATIONS[ops[0]].example.body is not None or after is None
            or any(i not in contract.fixture_ids for i in ids)
            or _done_just_before(prose, start, page, contract)
            or _PASSES.search(prose, start, end) or _LATER_CALL.search(prose, start, end)):
        return None
    code_after = [s.text for s in spans if span.end <= s.start < span.end + after.end(1)]
    said_code = code_after[0] if code_after else None
    return _answered_otherwise(
        span, int(status["status"]), said_code, said_code, [],
        _sandbox_answers([(method, said["path"], *_headers_and_body(None, None))])[0],
        f"a `{method}` of `{said['path']}`")


#: Between a request's answer and a request after it, in one sentence: what joins a second
#: request and its answer to the first's (", and", "; then", ", while").
_ANOTHER_REQUEST = re.compile(r"(?:\s+too)?(?:,\s*|;\s*|\s+)(?:and|but|while|whereas)\s+", re.IGNORECASE)


#: After a status, a request said to get it too: ", and so does `GET ...`".
_SO_DOES = re.compile(r",?\s+and\s+so\s+(?:does|do)\s+", re.IGNORECASE)


def _request_subject_problem(span: _Span, spans: Sequence[_Span], prose: str, page: Page,
                             contract: Contract, shown: Callable[[], set[str]] = set
                             ) -> str | None:
    """What is wrong with a status said to be the answer of a request written as the
    clause's subject ("`DELETE /v1/workstations/ws-99999` answers `410`"; or of two, "Both
    `GET ...` and `GET ...` get `404`", "..., and so does `GET ...`"): one its operation
    does not document; or, for a resource named by its ID with nothing but its code and
    what the answer does after it, not what the sandbox answers there, in its fixture state
    (:func:`sandbox_answer`). A clause that denies, says it passes, or comes after another
    call, is not read for the sandbox's answer."""
    status = _STATUS.match(span.text)
    if status is None or span.link is not None or span.note:
        return None
    start, end = _clause(span, prose, brackets=False)
    before = [s for s in spans if start <= s.start < span.start]
    answer = len(before) - 2  # (its status, or its code after its status)
    if answer > 0 and before[answer].text in contract.code_status:
        answer -= 1
    if answer > 0 and _STATUS.match(before[answer].text) and _ANOTHER_REQUEST.fullmatch(
            prose, before[-2].end, before[-1].start):
        start, before = before[-1].start, before[-1:]  # (a request after another's answer,
        # joined to it: "`GET .../ws-99999` gets `404`, and `GET .../ws-12345` gets `200`")
    if len(before) == 2 and _REQUEST_THEN_ANSWER.fullmatch(prose, before[0].end, span.start):
        before = before[:1]  # (an ID in what it does first: "deletes `ws-12345` and answers")
    body = None  # (a body it is sent with: "`PATCH ...` with `{"name": "x"}` answers")
    if len(before) == 2 and _WITH_BODY.fullmatch(prose, before[0].end, before[1].start):
        with contextlib.suppress(ValueError):
            body = json.loads(before[1].text)
        if not isinstance(body, dict):
            return None  # (a body not JSON, or not an object: not read)
        subjects = before[:1]
    elif len(before) == 2 and re.fullmatch(r",?\s+and\s+", prose[before[0].end:before[1].start]):
        subjects = before  # ("Both `GET ...` and `GET ...` get `404`")
    elif len(before) == 1:
        subjects = before
    elif len(before) >= 2 and _REQUEST_THEN_ANSWER.fullmatch(prose, before[-1].end, span.start):
        return _after_an_opening(span, status, before[-1], spans, prose, page, contract,
                                 start, end)  # ("Once `ws-12345` is deleted, `POST ...`")
    else:
        return None
    opening = re.fullmatch(
        r"\s*(?:(?:[-*+]|\d+\.)\s+)?(?:[^`,]*,\s+)?(?:(?:an?|the|both)\s+)?(?:requests?\s+(?:such\s+"
        r"as\s+|like\s+)?|such\s+as\s+|send\s+|sending\s+|(?P<answer_to>(?:answer|response|reply)\s+"
        r"to\s+(?:(?:an?|the)\s+)?(?:request\s+)?))?\[?", prose[start:before[0].start], re.IGNORECASE)
    if opening is None:
        return _after_an_opening(span, status, subjects[-1], spans, prose, page, contract,
                                 start, end) if len(subjects) == 1 and body is None else None
        # (the request opens its clause, or follows an opening phrase: "For an
        # ID no workstation has, `DELETE ...` answers"; "A request such as", "Send"; "The
        # answer to"; linked)
    if not (_REQUEST_THEN_ANSWER.fullmatch(prose, before[-1].end, span.start)
            or opening["answer_to"] and re.fullmatch(
                r"(?:\]\([^)\s]*\))?(?:\s+request)?\s+is\s+(?:an?\s+)?", prose[
                    before[-1].end:span.start], re.IGNORECASE)):
        return None  # (the request, then what answers it, the status right after; "Send
        # `GET ...` and you get"; "The answer to `GET ...` is")
    so_does = _SO_DOES.match(prose, span.end)
    also = next((s for s in spans if so_does is not None and s.start == so_does.end()
                 and re.fullmatch(r"[\s.!]*", prose[s.end:end])), None)  # (ending the clause)
    if also is not None:  # ("`GET ...` gets `404`, and so does `GET ...`")
        subjects, end = [*subjects, also], so_does.start()  # type: ignore[union-attr]
    for subject in subjects:
        told = _a_requests_answer(span, status, subject, spans, prose, page, contract, shown,
                                  start, end, None if body is None else before[1].text)
        if told:
            return told
    return None


#: In an opening before a request, what says it speaks of another time or API: "Before
#: 1.0.0,", "In the old API,", "Formerly,".
_ANOTHER_TIME = re.compile(r"\b(?:before|until|formerly|previously|earlier|used\s+to|old|"
                           r"v0|0\.\d)\b", re.IGNORECASE)


#: An opening that says a call on a resource was made first, with no body ("Once
#: `ws-12345` is deleted,", "After stopping `ws-67890`,", "After you delete `ws-12345`,"):
#: its word, and the resource's ID.
_DONE_FIRST = re.compile(
    r"\s*(?:(?:[-*+]|\d+\.)\s+)?(?:once|after|when|now\s+that)\s+(?:(?:the\s+(?:workstation|"
    r"volume)\s+)?`(?P<id>[a-z]+-[A-Za-z0-9_]+)`\s+(?:is|has\s+been|was|gets)\s+(?P<done>[a-z]+)"
    r"|(?:you\s+(?:have\s+)?)?(?P<doing>[a-z]+)\s+(?:the\s+(?:workstation|volume)\s+)?"
    r"`(?P<id_>[a-z]+-[A-Za-z0-9_]+)`|(?:the|your)\s+(?P<page_s>[a-z]+)(?:\s+(?:succeeds|is\s+done|"
    r"goes\s+through))?)\s*,\s*(?:the\s+request\s+)?(?:an?\s+|the\s+)?\[?$",
    re.IGNORECASE)


def _done_first(opening: str, fixture_ids: Collection[str], page_operation: str | None = None
                ) -> tuple[str, str] | None:
    """The operation and the ID of the call ``opening`` (a clause up to its request) says
    was made first (:data:`_DONE_FIRST`): one on a resource of ``fixture_ids``, with one
    path parameter, of its ID's kind, and no body; or, on an endpoint page, its operation's
    example named by its verb ("After the delete,").

    Example:
        >>> c = {"ws-12345", "ws-67890", "vol-scratch01"}
        >>> _done_first("Once `ws-12345` is deleted, ", c)
        ('deleteWorkstation', 'ws-12345')
        >>> _done_first("After stopping `ws-67890`, ", c)
        ('stopWorkstation', 'ws-67890')
        >>> _done_first("After you delete `vol-scratch01`, a ", c)
        ('deleteVolume', 'vol-scratch01')
        >>> _done_first("Once `ws-12345` is renamed, ", c) is None  # (an update: a body)
        True
        >>> _done_first("After the delete, ", c, "deleteWorkstation")
        ('deleteWorkstation', 'ws-12345')
    """
    from cloudws.operations import OPERATIONS

    said = _DONE_FIRST.fullmatch(opening)
    if said is None:
        return None
    if said["page_s"]:  # ("After the delete,": the page's example, if that is its verb)
        own = OPERATIONS.get(page_operation or "")
        if own is None or said["page_s"].lower() not in {_verb(page_operation or ""), *_verb_forms(
                _verb(page_operation or ""))} or own.example.body is not None or len(
                    own.example.path) != 1:
            return None
        (example_id,) = own.example.path.values()
        return (page_operation or "", str(example_id)) if example_id in fixture_ids else None
    word, resource_id = (said["done"], said["id"]) if said["id"] else (said["doing"],
                                                                       said["id_"])
    ops = [op for op, operation in OPERATIONS.items()
           if not op.startswith("removed") and operation.example.body is None
           and word.lower() in {_participle(_verb(op)), *_verb_forms(_verb(op))}
           and _on_one_of_its_kind(op, resource_id)]
    if len(ops) != 1 or resource_id not in fixture_ids:
        return None
    return ops[0], resource_id


def _id_answers_after_problem(span: _Span, spans: Sequence[_Span], prose: str, page: Page,
                              contract: Contract) -> str | None:
    """What is wrong with a status (and the code after it) said to be what a resource of
    the fixtures, named by its ID alone, answers after a call said to be made first ("After
    the delete, `vol-data12345` answers `404`", "Once `ws-12345` is deleted, `vol-boot12345`
    answers `404`"): a read of it (its kind's `GET`), sent to the sandbox after that call,
    gets another. Nothing after the status but its code and what the answer does."""
    from cloudws.operations import OPERATIONS

    status = _STATUS.match(span.text)
    if status is None or span.link is not None or span.note:
        return None
    start, end = _clause(span, prose, brackets=False)
    before = [s for s in spans if start <= s.start < span.start]
    resource = _RESOURCE_ID.match(before[-1].text) if before else None
    if resource is None or before[-1].text not in contract.fixture_ids or not (
            _ID_THEN_ANSWER.fullmatch(prose, before[-1].end, span.start)):
        return None
    first = _done_first(prose[start:before[-1].start], contract.fixture_ids, page.operation)
    after = re.fullmatch(f"({_ONLY_ITS_CODE}){_WHAT_IT_DOES}\\s*[.;:]?\\s*", prose[span.end:end],
                         re.IGNORECASE)
    reads = [op for op, operation in OPERATIONS.items() if operation.method == "GET"
             and not op.startswith("removed") and _on_one_of_its_kind(op, before[-1].text)]
    if first is None or after is None or len(reads) != 1 or _NEGATION.search(
            _outside_code(prose, spans, start, end)) or _done_just_before(
                prose, start, page, contract):
        return None
    answer = _answer_to(_example_request(reads[0], before[-1].text, None), first)
    if answer is None:
        return None  # (the first call refused there: a state not followed)
    code_after = [s.text for s in spans if span.end <= s.start < span.end + after.end(1)]
    said_code = code_after[0] if code_after else None
    return _answered_otherwise(span, int(status["status"]), said_code, said_code, [], answer,
                               f"`{before[-1].text}` ({reads[0]}) after {first[0]} on "
                               f"`{first[1]}`")


#: After a status, words that say its answer has no body: "with an empty body", "and no
#: content".
_NO_BODY_AFTER = re.compile(r"(?:\s+\w+){0,2}?\s+(?:with|and)\s+(?:an\s+empty\s+(?:body|answer|"
                            r"response)|no\s+(?:body|content|JSON)|nothing\s+(?:else|in\s+it))\b",
                            re.IGNORECASE)


def _no_body_problem(span: _Span, spans: Sequence[_Span], prose: str, page: Page,
                     contract: Contract) -> str | None:
    """What is wrong with a success said to come with no body ("`DELETE
    /v1/volumes/vol-scratch01` answers `200` with an empty body"; on an endpoint page, "The
    delete answers `200` with no content"): the sandbox answers that request (or the page's
    example) with that status and a JSON body. Read where the clause's subject is the
    request, or names the page's operation (with others of its verb: "the delete"); not
    under a condition, after another call, or denied."""
    from cloudws.operations import OPERATIONS

    status = _STATUS.match(span.text)
    if status is None or not status["status"].startswith("2") or (
            span.link is not None or span.note) or not _NO_BODY_AFTER.match(prose, span.end):
        return None
    start, _ = _clause(span, prose, brackets=False)
    before = [s for s in spans if start <= s.start < span.start]
    if _NEGATION.search(prose, start, span.start) or _done_just_before(
            prose, start, page, contract):
        return None
    request = _REQUEST.match(before[0].text) if len(before) == 1 else None
    own = OPERATIONS.get(page.operation or "")
    if request is not None and request["method"] == "HEAD":
        return None  # (a HEAD's answer has no body: as said)
    if request is not None and request["method"] and _REQUEST_THEN_ANSWER.fullmatch(
            prose, before[0].end, span.start) and _REQUEST_OPENS.fullmatch(
                prose, start, before[0].start):
        ops, ids = _request_target(request, contract)
        sent = _sent_for(request, ops[0], ids, contract) if len(ops) == 1 else None
        subject = f"`{before[0].text}`"
    elif not before and own is not None and (
            page.operation in _subject_ops_of(prose, start, span.start, page, contract)):
        sent = _example_sent(page.operation or "")
        subject = f"{page.operation}'s example"
    else:
        return None
    answer = _answer_to(sent, None) if sent is not None else None
    if answer is None or answer[0] != int(status["status"]) or answer[1] is None:
        return None  # (another status: the other readings'; no body: as said)
    shown = json.dumps(answer[1])
    return (f"`{span.text}` is said to come with no body, but the sandbox answers {subject} "
            f"with `{answer[0]}` and `{shown if len(shown) <= 80 else shown[:77] + '...'}` (in "
            "its fixture state)")


#: A clause that opens with a list field of the page's answer, and says which IDs it
#: lists: "Its `deleted_volume_ids` lists ", "The answer's `detached_volume_ids` holds only ".
_ITS_FIELD_LISTS = re.compile(
    r"\s*(?:(?:[-*+]|\d+\.)\s+)?(?:(?:its|the|(?:the\s+)?(?:example(?:['’]s)?\s+)?(?:answer|response|"
    r"[a-z]+)['’]s)\s+)?"
    r"`(?P<field>[a-z_]+)`\s+(?:lists|holds|includes|contains|names|has)\s+(?P<only>only\s+)?"
    r"(?:both\s+)?$", re.IGNORECASE)


def _field_lists_problem(span: _Span, spans: Sequence[_Span], prose: str, page: Page,
                         contract: Contract) -> str | None:
    """What is wrong with the IDs said, on an endpoint page, to be in a list of its
    operation's answer ("Its `deleted_volume_ids` lists `vol-data12345`"): the sandbox's
    answer to the page's example does not list one of them (or, said to list only them,
    lists others too). Read where the clause opens with the field, names no other
    resource, and is not denied or after another call."""
    from cloudws.operations import OPERATIONS

    own = OPERATIONS.get(page.operation or "")
    sent = _example_sent(page.operation or "") if own is not None else None
    if sent is None or not _RESOURCE_ID.match(span.text) or span.link is not None:
        return None
    start, end = _clause(span, prose, brackets=False)
    before = [s for s in spans if start <= s.start < span.start]
    ids = [span]
    while before and _RESOURCE_ID.match(before[-1].text) and _LIST_JOIN.match(
            prose[before[-1].end:ids[0].start]):
        ids.insert(0, before.pop())
    said = _ITS_FIELD_LISTS.fullmatch(prose, start, ids[0].start)
    if said is None or any(  # (read once, at the last ID of the list)
            _RESOURCE_ID.match(s.text) for s in spans if span.end <= s.start < end) or (
                _NEGATION.search(_outside_code(prose, spans, start, end))) or _done_just_before(
                    prose, start, page, contract):
        return None
    got, body = _answer_to(sent, None) or (0, None)
    listed = body.get(said["field"]) if isinstance(body, dict) and got < 300 else None
    if not isinstance(listed, list):
        return None
    listed = [item.get("id") if isinstance(item, dict) else item for item in listed]  # (a
    # list of resources: by their IDs)
    named = [s.text for s in ids]
    if all(n in listed for n in named) and not (said["only"] and set(listed) != set(named)):
        return None
    on = f" (on `{own.example.path['id']}`)" if "id" in own.example.path else ""
    return (f"`{said['field']}` is said to list {', '.join(f'`{n}`' for n in named)}, but in "
            f"the sandbox's answer to {page.operation}'s example{on} it lists "
            f"{', '.join(f'`{n}`' for n in listed) or 'nothing'} (in its fixture state)")


def _example_sent(operation: str) -> tuple[str, str, dict[str, str], bytes | None] | None:
    """What the sandbox is sent for ``operation``'s declared example (its page's): for its
    one ID, or, with none, as its request is written; None for an operation with more.

    Example:
        >>> _example_sent("listVolumes")[:2]
        ('GET', '/v1/volumes?limit=2')
    """
    from cloudws.operations import OPERATIONS

    op = OPERATIONS.get(operation)
    if op is None or len(op.example.path) > 1:
        return None
    if op.example.path:
        return _example_request(operation, str(*op.example.path.values()), None)
    written = _REQUEST.match(f"{op.method} {op.url(op.example)}")
    return _written_request(written, op, None) if written is not None else None


def _sent_for(request: re.Match[str], operation: str, ids: Sequence[str], contract: Contract,
              body: str | None = None) -> tuple[str, str, dict[str, str], bytes | None] | None:
    """What the sandbox is sent for ``request`` (a match of :data:`_REQUEST`), a request of
    ``operation`` that gives its path ``ids``, with ``body`` (JSON) if given, else its
    example's: the operation's example for its one ID, a fixture's; for a request of no ID
    (a create, a list), the request as written (:func:`_written_request`); None for any
    other."""
    from cloudws.operations import OPERATIONS

    op = OPERATIONS.get(operation)
    if op is None or ids and (len(ids) != 1 or len(op.example.path) != 1
                              or ids[0] not in contract.fixture_ids):
        return None
    return _example_request(operation, ids[0], body) if ids else _written_request(
        request, op, body)


def _answer_to(sent: tuple[str, str, dict[str, str], bytes | None],
               first: tuple[str, str] | None) -> tuple[int, Any] | None:
    """The status and the JSON body the sandbox, in its fixture state, answers ``sent``;
    after ``first`` (an operation and the ID it acts on, :func:`_done_first`) if given, or
    None where the sandbox refuses that first call."""
    if first is None:
        return _sandbox_answers([sent])[0]
    method, url, _, body = sent
    return sandbox_reply_after(*first, method, url, body)


@functools.cache
def sandbox_reply_after(first: str, first_id: str, method: str, url: str,
                        body: bytes | None) -> tuple[int, Any] | None:
    """The status and the JSON body the sandbox, in its fixture state, answers a request
    (``method``, ``url``, ``body``) sent right after ``first``'s example request for
    ``first_id``; None if that first call did not succeed.

    Example:
        >>> sandbox_reply_after("deleteWorkstation", "ws-12345", "POST",
        ...                     "/v1/workstations/ws-12345/start", None)[0]
        404
        >>> sandbox_reply_after("deleteWorkstation", "ws-67890", "GET",  # running: refused
        ...                     "/v1/workstations/ws-67890", None) is None
        True
    """
    headers, content = _headers_and_body(None if body is None else body.decode(), None)
    done, then = _sandbox_answers([_example_request(first, first_id, None),
                                   (method, url, headers, content)], in_turn=True)
    return then if 200 <= done[0] < 300 else None


def _after_an_opening(span: _Span, status: re.Match[str], subject: _Span,
                      spans: Sequence[_Span], prose: str, page: Page, contract: Contract,
                      start: int, end: int) -> str | None:
    """What is wrong with ``span``, a status said to be the answer of the request
    ``subject`` after an opening of the clause's own ("Once `ws-12345` is deleted, `POST
    .../start` answers `410`"): one its operation does not document; or, where the opening
    says a call on a resource of the fixtures was made first (:func:`_done_first`) and it
    succeeds there, not what the sandbox answers the request after it (its IDs the
    fixtures', nothing after the status but its code, the members of its answer and what
    it does). Another opening may be a condition the check does not follow: what the
    sandbox answers there is not asked. Nor is a clause read that speaks of another time
    ("Before 1.0.0,") or denies."""
    request = _REQUEST.match(subject.text)
    if (request is None or not request["method"] or subject.opted_out
            or any(_REQUEST.match(s.text) and _REQUEST.match(s.text)["method"]  # type: ignore[index]
                   or _STATUS.match(s.text) for s in spans if start <= s.start < subject.start)
            or _ANOTHER_TIME.search(prose, start, subject.start)):
        return None  # (another request or status before it: read by the other checks)
    ops, _ = _request_target(request, contract)
    if len(ops) != 1:
        return None
    scope = contract.operations[ops[0]]
    said = int(status["status"])
    if _NEGATION.search(_outside_code(prose, spans, start, end)):
        return None
    if said not in scope.statuses:
        return (f"`{span.text}` is said to be the answer of `{subject.text}`, a request of "
                f"{ops[0]}, which does not document it (it documents "
                f"{_listing(scope.statuses)})")
    return _answer_after_problem(span, said, subject, request, ops[0], spans, prose, page,
                                 contract, start, end)


def _answer_after_problem(span: _Span, said: int, subject: _Span, request: re.Match[str],
                          operation: str, spans: Sequence[_Span], prose: str, page: Page,
                          contract: Contract, start: int, end: int) -> str | None:
    """For :func:`_after_an_opening`: what is wrong with ``said`` where the clause opens
    with a call made first (:func:`_done_first`), by what the sandbox answers ``request``
    after it."""
    first = _done_first(prose[start:subject.start], contract.fixture_ids, page.operation)
    after = re.fullmatch(f"({_ONLY_ITS_CODE}){_WITH_MEMBERS}{_FIELDS_SAID}{_ITS_DETAIL}{_WHAT_IT_DOES}\\s*",
                         prose[span.end:end], re.IGNORECASE)
    if first is None or after is None or _done_just_before(
            prose, start, page, contract) or _PASSES.search(prose, subject.end, end) or (
                _LATER_CALL.search(prose, start, end)):
        return None
    _, ids = _request_target(request, contract)
    sent = _sent_for(request, operation, ids, contract)
    answer = _answer_to(sent, first) if sent is not None else None
    if answer is None:
        return None  # (not sent; or the first call refused there: a state not followed)
    code_spans, members = _code_and_members(span, spans, after, contract)
    said_code = code_spans[0].text if code_spans else None
    return _answered_otherwise(span, said, said_code, said_code, members, answer,
                               f"`{subject.text}` after {first[0]} on `{first[1]}`",
                               {*ids, first[1]}, joined=", with")


def _request_target(request: re.Match[str], contract: Contract) -> tuple[list[str], list[str]]:
    """The operations a request (a match of :data:`_REQUEST`) is of, and the values it gives
    its path's parameters, well formed or not ("`GET /v1/workstations/not-an-id`" gives
    ``not-an-id``: the sandbox answers it `400`), but none written as a placeholder."""
    path = request["any"].partition("?")[0]
    route = _route_of(path, contract)
    method = "GET" if request["method"] == "HEAD" else request["method"]
    ops = [op for op, (m, there) in contract.requests.items()
           if m == method and there == route and op in contract.operations]
    ids = [mine for mine, theirs in zip(path.split("/"), (route or "").split("/"))
           if theirs.startswith("{") and not _ANY_SEGMENT.match(mine)]
    return ops, ids


def _a_requests_answer(span: _Span, status: re.Match[str], subject: _Span,
                       spans: Sequence[_Span], prose: str, page: Page, contract: Contract,
                       shown: Callable[[], set[str]], start: int, end: int,
                       body: str | None = None) -> str | None:
    """What is wrong with ``span``, a status said to be the answer of the request
    ``subject`` in the clause from ``start`` to ``end`` (:func:`_request_subject_problem`),
    sent with ``body`` (JSON) if given, else with its operation's example's."""
    from cloudws.operations import OPERATIONS

    request = _REQUEST.match(subject.text)
    if request is None or not request["method"] or subject.opted_out:
        return None
    ops, ids = _request_target(request, contract)
    if len(ops) != 1:
        return None
    said = int(status["status"])
    scope = contract.operations[ops[0]]
    after = re.fullmatch(f"({_ONLY_ITS_CODE}){_WITH_MEMBERS}{_FIELDS_SAID}{_ITS_DETAIL}{_WHAT_IT_DOES}{_A_REASON}\\s*",
                         prose[span.end:end], re.IGNORECASE)
    if after is not None and after["reason"]:  # (its words are the reason's: "since there
        end = span.end + after.start("reason")  # is nothing running", not a denial)
    words = _outside_code(prose, spans, start, end)  # ("`GET .../not-an-id`" denies nothing)
    if said not in scope.statuses:
        if _NEGATION.search(words) or _ANOTHER_TIME.search(prose, start, subject.start):
            return None  # (denied, or of another time: "Before 1.0.0,")
        return (f"`{span.text}` is said to be the answer of `{subject.text}`, a request of "
                f"{ops[0]}, which does not document it (it documents "
                f"{_listing(scope.statuses)})")
    op = OPERATIONS.get(ops[0])
    first = min(subject.start, *(s.start for s in spans if start <= s.start < span.start))
    sent = _written_request(request, op, body) if op is not None and not ids else None
    if ((len(ids) != 1 or op is None or len(op.example.path) != 1) and sent is None
            or after is None or op is None
            or ids and _an_examples(ids[0], contract, shown) or re.search(
                r"\b(?:if|when|while|once|after|unless|until|before|whether|between|steps?|again|"
                r"then|later|next|last|second|run|rerun|retr\w+|repeat\w*)\b",
                prose[start:first], re.IGNORECASE)  # (a condition, or a later time
            # of a recipe's, not the fixtures: "In step 5,", "Run again,")
            or _done_just_before(prose, start, page, contract)
            or _PASSES.search(prose, start, end) or _LATER_CALL.search(prose, start, end)
            or _NEGATION.search(words)):
        return None
    code_spans, members = _code_and_members(span, spans, after, contract)
    code_after = [s.text for s in code_spans]
    if ids and request["method"] in ("GET", "HEAD") and _SHOWS.match(prose, subject.end):
        members = []  # (read by _request_shows_problem)
    said_code = code_after[0] if code_after else None
    return _answered_otherwise(
        span, said, said_code, said_code, members,
        _sandbox_answers([sent])[0] if sent else sandbox_reply(ops[0], ids[0], body),
        f"`{subject.text}`{f' with `{body}`' if body else ''}", ids, joined=", with")


def _written_request(request: re.Match[str], op: Any, body: str | None
                ) -> tuple[str, str, dict[str, str], bytes | None] | None:
    """A request of ``op``, an operation with no path parameter (a create, a list), as
    ``request`` writes it: its path and query, with ``body`` (JSON) if given, else with
    the example's; None if its query holds what the sandbox makes (a cursor) or stands for
    a value (``<cursor>``, ``...``).

    Example:
        >>> from cloudws.operations import OPERATIONS
        >>> _written_request(_REQUEST.match("GET /v1/volumes?limit=1"),
        ...                  OPERATIONS["listVolumes"], None)
        ('GET', '/v1/volumes?limit=1', {'Authorization': 'Bearer cws_test_docs'}, None)
        >>> _written_request(_REQUEST.match("GET /v1/volumes?cursor=abc"),
        ...                  OPERATIONS["listVolumes"], None) is None
        True
    """
    if op.example.path:
        return None
    target = request["any"]
    query = target.partition("?")[2]
    if re.search(r"cursor=|[<>{}…]|\.\.\.", query):
        return None
    return op.method, target, *_headers_and_body(body, op.example.body)


#: Before a request that opens its clause: a list item's mark, an article, "a request
#: (such as)".
_REQUEST_OPENS = re.compile(r"\s*(?:(?:[-*+]|\d+\.)\s+)?(?:(?:an?|the)\s+)?(?:requests?\s+"
                            r"(?:such\s+as\s+)?)?\[?", re.IGNORECASE)
#: Right after a request written as its clause's subject, what says it succeeds or is
#: refused, in words: "`DELETE ...` succeeds", "`POST .../start` is refused".
_VERDICT = re.compile(
    r"\s+(?:(?P<ok>succeeds|works|goes\s+through|is\s+(?:accepted|allowed|fine))|(?P<refused>"
    r"is\s+(?:refused|rejected)|fails|gets\s+an\s+error|errors))\b(?:\s+(?:from|in)\s+the\s+"
    r"(?:starting|fixture)\s+state)?", re.IGNORECASE)


def _request_verdict_problem(span: _Span, spans: Sequence[_Span], prose: str, page: Page,
                             contract: Contract, shown: Callable[[], set[str]] = set
                             ) -> str | None:
    """What is wrong with a request written as its clause's subject and said, in words, to
    succeed or to be refused ("`DELETE /v1/volumes/vol-data12345` succeeds"): for a resource
    named by its ID, the sandbox, in its fixture state, answers it otherwise
    (:func:`sandbox_answer`). Read as :func:`_request_subject_problem` reads a status:
    nothing before it but an opening, nothing after but what the answer does and a reason
    of the state it is sent in; not under a condition, at a later time, or denied."""
    from cloudws.operations import OPERATIONS

    request = _REQUEST.match(span.text)
    verdict = _VERDICT.match(prose, span.end) if request and request["method"] else None
    if verdict is None or span.opted_out:
        return None
    start, end = _clause(span, prose, brackets=False)
    if any(start <= s.start < end and s is not span for s in spans) or not _REQUEST_OPENS.fullmatch(
            prose, start, span.start):
        return None  # (a status or another span said beside it is read by the other checks)
    after = re.fullmatch(f"{_WHAT_IT_DOES}{_A_REASON}\\s*", prose[verdict.end():end],
                         re.IGNORECASE)
    ops, ids = _request_target(request, contract)  # type: ignore[arg-type]
    op = OPERATIONS.get(ops[0]) if len(ops) == 1 else None
    if (after is None or op is None or op.status is None or len(ids) != 1
            or len(op.example.path) != 1 or _an_examples(ids[0], contract, shown)
            or _done_just_before(prose, start, page, contract)
            or _PASSES.search(prose, start, end) or _LATER_CALL.search(prose, start, end)
            or _NEGATION.search(prose, start, span.end + after.start("reason")
                                if after["reason"] else end)):
        return None
    got, code = sandbox_answer(op.id, ids[0])
    if (got < 400) == bool(verdict["ok"]):
        return None
    said = "succeed" if verdict["ok"] else "be refused"
    return (f"`{span.text}` is said to {said}, but the sandbox answers it with `{got}`"
            + (f" (`{code}`)" if code else "") + " (in its fixture state)")


#: After a request written as its clause's subject, a field of its answer said to have a
#: value: "returns a workstation whose `status` is `stopped`", "shows `attached_to` set
#: to `ws-12345`".
_SHOWS = re.compile(
    r"\s+(?:(?:returns|answers)\s+`200`(?:\s+OK)?\s+with|returns|shows|answers\s+with|gives)\b"
    r"(?P<what>[^.;:!?`\n]*)(?:`(?P<field>[a-z_]+)`\s*"
    r"(?:is|of|set\s+to|equal\s+to|=|:)\s+`(?P<value>[^`]+)`"
    # (or the member as the JSON shows it: "shows `"attached_to": null`")
    r"|`\{?\s*\"(?P<member>[a-z_]+)\"\s*:\s*(?P<json>[^`{},]+?)\s*\}?`)", re.IGNORECASE)


def _request_shows_problem(span: _Span, prose: str, page: Page, contract: Contract
                           ) -> str | None:
    """What is wrong with a read of a starting workstation or volume, written as its
    clause's subject, said to answer with a field of a value ("`GET
    /v1/workstations/ws-67890` returns a workstation whose `status` is `stopped`"): the
    resource, as the sandbox starts, has another. Not read under a condition, at a later
    time, after another call, or denied."""
    request = _REQUEST.match(span.text)
    shows = _SHOWS.match(prose, span.end) if request and request["method"] in (
        "GET", "HEAD") else None
    if shows is None or span.opted_out:
        return None
    start, end = _clause(span, prose, brackets=False)
    path = request["any"].partition("?")[0]  # type: ignore[index]
    parts = path.strip("/").split("/")
    workstations, volumes = _starting_state()
    found = (workstations if parts[1:2] == ["workstations"] else volumes).get(
        parts[2]) if len(parts) == 3 and parts[1] in ("workstations", "volumes") else None
    if (found is None or not _REQUEST_OPENS.fullmatch(prose, start, span.start)
            or _done_just_before(prose, start, page, contract)
            or _PASSES.search(prose, start, end) or _LATER_CALL.search(prose, start, end)
            or _NEGATION.search(prose, span.end, shows.end())):
        return None
    answer = found.model_dump(mode="json")
    field = shows["field"] or shows["member"]
    if field not in answer or isinstance(answer[field], (list, dict)):
        return None
    actual = answer[field]
    if shows["member"]:  # (a JSON value: compared as one)
        try:
            said = json.loads(shows["json"])
        except ValueError:
            return None
        if said == actual and type(said) is type(actual):
            return None
        return (f"`{span.text}` is said to answer with `{shows['member']}` set to "
                f"`{shows['json']}`, but the sandbox, as it starts, answers `{json.dumps(actual)}`")
    shown = "null" if actual is None else str(actual).lower() if isinstance(actual, bool) else (
        str(actual))
    if shown == shows["value"]:
        return None
    return (f"`{span.text}` is said to answer with `{field}` set to "
            f"`{shows['value']}`, but the sandbox, as it starts, answers `{shown}`")


#: A clause that opens with a resource of the fixtures, then says what its JSON has, up
#: to a member: "`vol-boot12345`, the volume `ws-12345` owns, has ", "`ws-12345` has
#: `"name": "dev-box"` and " (an aside between, members said before).
_FIXTURE_HAS = re.compile(
    r"\s*(?:(?:[-*+]|\d+\.)\s+)?(?:the\s+(?:workstation|volume)\s+)?`(?P<id>(?:ws|vol)-[a-z0-9]+)`"
    r"(?:\s*,[^,;:.!?`]*(?:`[^`]*`[^,;:.!?`]*)*,)?\s+(?:has|shows|carries|comes\s+with|is\s+"
    r"(?:listed|shown|served)\s+with)\s+(?:`[^`\n]+`(?:\s*,\s*(?:and\s+)?|\s+and\s+))*",
    re.IGNORECASE)


def _fixture_member_problem(span: _Span, prose: str, page: Page, contract: Contract
                            ) -> str | None:
    """What is wrong with a member of a fixture's JSON said to be there ("`ws-12345` has
    `"status": "running"`"): the resource, as the sandbox starts, has another value, or no
    such member. Read where the clause opens with the resource (after "In the starting
    state," too), not under a condition, at a later time, after another call, or denied."""
    text = span.text.strip()
    if span.opted_out or not text.startswith(("{", '"')) or ":" not in text:
        return None
    start, end = _clause(span, prose, brackets=False)
    opening = _AS_IT_STARTS.match(prose, start, span.start)
    said = _FIXTURE_HAS.fullmatch(prose, opening.end() if opening else start, span.start)
    if said is None or _done_just_before(prose, start, page, contract) or any(
            p.search(prose, start, end) for p in (_PASSES, _LATER_CALL, _NEGATION)):
        return None
    workstations, volumes = _starting_state()
    found = workstations.get(said["id"]) or volumes.get(said["id"])
    if found is None:
        return None
    other = _members_problem([span], found.model_dump(mode="json"), {said["id"]})
    if other is None:
        return None
    return f"`{said['id']}` is said to have `{span.text}`, but as the sandbox starts it has {other}"


#: A clause that opens naming fixture volumes in `volume_ids`, then the answer it gets:
#: "Listing `vol-data12345` in `volume_ids` gets `409` `volume_attached`".
_LISTED_IN_VOLUME_IDS = re.compile(
    r"\s*(?:listing|naming|putting|passing|sending|including|attaching)\s+(?P<ids>`vol-[a-z0-9]+`"
    r"(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+)`vol-[a-z0-9]+`)*)\s+(?:in|into|via|as)\s+(?:the\s+)?"
    r"(?:(?P<owner>`ws-[a-z0-9]+`)['’]s\s+)?`volume_ids`(?:\s+of\s+(?:an?|the)\s+(?P<verb>create|update))?(?:\s+(?:field|list))?"
    r"(?:,\s*from\s+the\s+starting\s+state,)?\s+(?:gets|answers(?:\s+with)?|returns|is\s+"
    r"(?:answered|refused|rejected)\s+with|fails\s+with)\s+(?:an?\s+)?$", re.IGNORECASE)


@functools.cache
def sandbox_body_answer(operation: str, volume_ids: tuple[str, ...],
                        resource_id: str | None = None) -> tuple[int, str | None]:
    """The status (and the error code, if any) the sandbox, in its fixture state, answers
    ``operation``'s example request sent with ``volume_ids`` in its body (and for
    ``resource_id``, its one path parameter, if given).

    Example:
        >>> sandbox_body_answer("createWorkstation", ("vol-boot12345",))
        (409, 'volume_owned')
        >>> sandbox_body_answer("updateWorkstation", ("vol-data12345",), "ws-67890")
        (409, 'workstation_not_stopped')
    """
    from cloudws.operations import OPERATIONS, Example

    op = OPERATIONS[operation]
    body = {**(op.example.body or {}), "volume_ids": list(volume_ids)}
    path = {key: resource_id for key in op.example.path} if resource_id else op.example.path
    url = op.url(Example(path, op.example.query, body))
    return _ask_sandbox([(op.method, url, *_headers_and_body(None, body))])[0]


def _volume_ids_problem(span: _Span, spans: Sequence[_Span], prose: str, page: Page,
                        contract: Contract) -> str | None:
    """What is wrong with a status (and the code after it) said for fixture volumes
    listed in the `volume_ids` of a create or an update ("Listing `vol-data12345` in
    `volume_ids` gets `409` `volume_owned`"): the sandbox, in its fixture state, answers
    the operation's example sent with them otherwise. The operation is the one the clause
    names ("of an update"), else the page's; read only where the clause opens so (after
    "In the starting state," too) and the sentence before did no other operation."""
    from cloudws.operations import OPERATIONS

    status = _STATUS.match(span.text)
    if status is None or span.link is not None or span.note:
        return None
    start, end = _clause(span, prose, brackets=False)
    opening = _AS_IT_STARTS.match(prose, start, span.start)
    listed = _LISTED_IN_VOLUME_IDS.match(prose, opening.end() if opening else start, span.start)
    if listed is None or _done_just_before(prose, start, page, contract):
        return None
    after = re.fullmatch(f"({_ONLY_ITS_CODE}){_WHAT_IT_DOES}\\s*[.;:]?\\s*", prose[span.end:end],
                         re.IGNORECASE)
    if after is None:
        return None  # (more said after it: a condition, a later time)
    verb = (listed["verb"] or "").lower()  # (the operation named, else the page's)
    owner = listed["owner"].strip("`") if listed["owner"] else None  # ("`ws-12345`'s")
    ops = [op for op in ([op for op in OPERATIONS if _verb(op) == verb] if verb
                         else list(OPERATIONS) if owner else [page.operation] if page.operation
                         else [])
           if op in OPERATIONS and "volume_ids" in contract.inputs.get(op, {})
           and (owner is None or len(OPERATIONS[op].example.path) == 1)]
    ids = tuple(re.findall(r"`(vol-[a-z0-9]+)`", listed["ids"]))
    if len(ops) != 1 or any(i not in _starting_state()[1] for i in ids) or (
            owner is not None and owner not in _starting_state()[0]):
        return None
    code_after = [s.text for s in spans if span.end <= s.start < span.end + after.end(1)]
    got, code = sandbox_body_answer(ops[0], ids, owner)
    if int(status["status"]) == got and (not code_after or code_after[0] == code):
        return None
    return (f"`{span.text}`{f' `{code_after[0]}`' if code_after else ''} is said for "
            f"{ops[0]}{f' of `{owner}`' if owner else ''} with `volume_ids` "
            f"{', '.join(f'`{i}`' for i in ids)}, which the sandbox "
            f"answers with `{got}`" + (f" (`{code}`)" if code else "") + " (in its fixture state)")


#: After a list request written as its clause's subject, the fixtures it is said to list:
#: "returns both `ws-12345` and `ws-67890`", "lists only `ws-67890`".
_LISTS_IDS = re.compile(
    r"\s+(?:returns|lists|shows|answers\s+(?:`200`(?:\s+OK)?\s+)?with|gives)\s+(?P<only>(?:only|"
    r"just)\s+)?(?:both\s+)?(?:(?:the\s+|one\s+|two\s+|three\s+)?(?:workstations?|volumes?),?\s+)?"
    r"(?P<ids>`(?:ws|vol)-[a-z0-9]+`(?:(?:\s*,\s*"
    r"(?:and\s+)?(?:then\s+)?|\s+(?:first,?\s+)?(?:and\s+)?then\s+|\s+and\s+)`(?:ws|vol)-[a-z0-9]+`)*)"
    r"(?:\s+only)?(?P<ordered>,?\s+in\s+that\s+order)?"
    # (and whether a next page follows: "and a `next_cursor`", "with `"next_cursor": null`")
    r"(?P<cursor>,?\s+(?:with|and)\s+(?:(?P<some>an?)|(?P<none>no))\s+`next_cursor`|,?\s+(?:with|"
    r"and)\s+`\"next_cursor\":\s*(?P<value>null|\"[^\"`]*\")`)?(?=\s*(?:[.;:!]|$))",
    re.IGNORECASE)


@functools.cache
def sandbox_lists(url: str) -> tuple[list[str], bool] | None:
    """The IDs the sandbox, in its fixture state, lists on the page ``GET url`` answers,
    and whether more pages follow; None if it answers an error.

    Example:
        >>> sandbox_lists("/v1/workstations?status=stopped")
        (['ws-12345'], False)
    """
    ((status, body),) = _sandbox_answers([("GET", url, _headers_and_body(None, None)[0],
                                          None)])
    if status != 200:
        return None
    return [item["id"] for item in body["data"]], body["next_cursor"] is not None


def _request_lists_problem(span: _Span, prose: str, page: Page, contract: Contract
                           ) -> str | None:
    """What is wrong with a list request written as its clause's subject and said to list
    workstations or volumes of the sandbox's starting state ("`GET
    /v1/workstations?status=stopped` returns both `ws-12345` and `ws-67890`"): one said is
    not on the page the sandbox answers, as it starts; or, said to list only those, it
    lists others too. Not read under a condition, at a later time, after another call, or
    denied."""
    request = _REQUEST.match(span.text)
    lists = _LISTS_IDS.match(prose, span.end) if request and request["method"] == "GET" else None
    if lists is None or span.opted_out:
        return None
    start, end = _clause(span, prose, brackets=False)
    ops, ids = _request_target(request, contract)  # type: ignore[arg-type]
    said = re.findall(r"`([a-z]+-[a-z0-9]+)`", lists["ids"])
    workstations, volumes = _starting_state()
    opening = _AS_IT_STARTS.match(prose, start, span.start)  # ("From the starting state,")
    if (len(ops) != 1 or ids or not _REQUEST_OPENS.fullmatch(
            prose, opening.end() if opening else start, span.start)
            or any(i not in workstations and i not in volumes for i in said)
            or _done_just_before(prose, start, page, contract) or any(
                _PASSES.search(prose, a, b) or _LATER_CALL.search(prose, a, b)
                or _NEGATION.search(prose, a, b)  # (around what it lists: "first, then")
                for a, b in ((start, span.end), (lists.end(), end)))):
        return None
    listed = sandbox_lists(request["any"])  # type: ignore[index]
    if listed is None:
        return None  # (an error: what the request's other checks read)
    items, more = listed
    only = bool(lists["only"] or lists[0].rstrip().endswith("only"))
    ordered = bool(lists["ordered"] or re.search(r"\bthen\b", lists["ids"], re.IGNORECASE))
    if set(said) <= set(items) and not (only and set(items) != set(said)) and not (
            ordered and [i for i in items if i in said] != said):
        if lists["cursor"] and bool(lists["some"] or lists["value"] not in (None, "null")
                                    ) != more:
            last = '`"next_cursor": null`'
            return (f"`{span.text}` is said to answer with "
                    + (last if more else "a `next_cursor`") + ", but the sandbox, as it "
                    "starts, answers " + ("a `next_cursor`: more follow on the next page"
                                          if more else f"{last}: it is the last page"))
        return None

    def ids(these: Sequence[str]) -> str:
        return " and ".join(filter(None, (", ".join(f"`{i}`" for i in these[:-1]),
                                          f"`{these[-1]}`"))) if these else "nothing"

    return (f"`{span.text}` is said to list {'only ' if only else ''}{ids(said)}"
            f"{', in that order' if ordered else ''}, but the sandbox, as it starts, lists "
            f"{ids(items)}" + (", in that order" if ordered else "")
            + (" (and more on the next page)" if more else ""))


def _outside_code(prose: str, spans: Sequence[_Span], start: int, end: int) -> str:
    """``prose[start:end]`` with each span in it blanked: its words alone.

    Example:
        >>> text = "`GET /v1/workstations/not-an-id` is not found"
        >>> _outside_code(text, [_Span(0, 32, 1, text[1:31], None, False)], 0, len(text))
        '                                 is not found'
    """
    words = list(prose[start:end])
    for span in spans:
        if start <= span.start and span.end <= end:
            words[span.start - start:span.end - start] = " " * (span.end - span.start)
    return "".join(words)


def state_codes() -> frozenset[str]:
    """The error codes a workstation's state makes (:func:`answers_by_state`):
    `workstation_not_stopped` today. Their words in :data:`_CONDITIONS` ("a running
    workstation") are the state's, which the state checks read from the sandbox
    themselves, not another condition beside it; a new operation refused in a state, with
    a code of its own, adds its code here with nothing to edit."""
    return frozenset(got for by_state in answers_by_state().values()
                     for got in by_state.values() if got)


@functools.cache
def answers_by_state() -> Mapping[str, Mapping[str, str | None]]:
    """For each operation on one workstation (its path's ``{id}``), what its example gets
    sent to the workstations of the fixtures, by their state: None where it succeeds on one
    of them, else the error code the first one got (run by the store's method of its name,
    on a fresh sandbox each time)."""
    from cloudws.errors import ApiError
    from cloudws.fixtures import load_fixtures
    from cloudws.operations import OPERATIONS
    from cloudws.store import Store

    def store_method(name: str) -> Callable[..., Any] | None:
        return getattr(Store, re.sub(r"[A-Z]", lambda m: "_" + m[0].lower(), name), None)

    # the calls that put a workstation in a state: those that take its ID alone
    movers: dict[str, list[Callable[..., Any]]] = {}
    for name, state in _resulting_states().items():
        mover = store_method(name)
        if mover is not None and OPERATIONS[name].body is None and re.fullmatch(
                r"/v1/workstations/\{id\}/\w+", OPERATIONS[name].path):
            movers.setdefault(state, []).append(mover)

    def put_in(store: Store, ws_id: str, state: str) -> bool:
        """Whether a call that leaves a workstation in ``state`` put ``ws_id`` there,
        changing nothing else of it but its time."""
        before = store.get_workstation(ws_id).model_dump(exclude={"status", "updated_at"})
        if store.get_workstation(ws_id).status == state:
            return True
        for mover in movers.get(state, []):
            try:
                mover(store, ws_id)
            except ApiError:
                continue
            after = store.get_workstation(ws_id)  # (changed more: no other call is tried)
            return after.status == state and after.model_dump(
                exclude={"status", "updated_at"}) == before
        return False

    found: dict[str, dict[str, str | None]] = {}
    for name, operation in OPERATIONS.items():
        method = store_method(name)
        if (method is None or operation.status is None
                or not operation.path.startswith("/v1/workstations/{id}")):
            continue
        try:
            body = ([operation.body.model_validate(operation.example.body)] if operation.body
                    else [])
        except ValueError:
            continue  # (an example the stub refuses: the suite tells it)
        rest = [value for key, value in operation.example.path.items() if key != "id"]
        by_workstation: dict[str, dict[str, str | None]] = {}
        try:
            for workstation in load_fixtures().workstations:
                for state in movers:
                    store = Store()
                    if not put_in(store, workstation.id, state):
                        continue  # (no call puts it there, changing nothing else)
                    try:
                        method(store, workstation.id, *rest, *body)
                    except ApiError as refused:
                        by_workstation.setdefault(workstation.id, {})[state] = refused.code
                    else:
                        by_workstation.setdefault(workstation.id, {})[state] = None
        except (TypeError, ValueError):  # (a call the store's method cannot take so)
            continue
        answers: dict[str, str | None] = {}
        for got in by_workstation.values():  # a state is taken if one workstation in it is;
            for state, code in got.items():  # refused, only by a refusal that the state
                if code is None:              # makes (another in the other state)
                    answers[state] = None
                elif len(set(got.values())) > 1:
                    answers.setdefault(state, code)
        found[name] = answers
    return found


#: Before a state, what says it is the one an operation leaves a workstation in: "a new
#: workstation is", "leaves it", "after a stop, it is", "it is ... when the call returns"
#: (with :data:`_RETURNS_AFTER`); ``op`` names the operation where the words do.
_LEFT_IN_BEFORE = re.compile(
    r"(?:\b(?P<new>new(?:ly\s+created)?|created)\s+workstations?\s+(?:is|are)(?:\s+created)?"
    r"|\b(?:the|an?|each|every|your)\s+workstations?\s+(?:is|are)\s+(?P<new2>created)"
    r"|\b(?:leaves?|left)\s+(?:it|them|one|(?:the|an?|each|every|your)\s+(?:new\s+)?workstation|`[^`\n]+`|"
    r"(?:an?|the|your)\s+`?"
    r"(?P<from>running|stopped)`?\s+(?:workstation|one))"
    r"|\bafter\s+(?:(?:a|an|the|its)\s+)?(?:(?:successful|completed|finished)\s+)?"
    r"(?P<op>[a-z]+)(?:\s+(?:it|the\s+workstation))?,?\s+(?:it|the\s+workstation)\s+is"
    r"|\b(?:once|when|after\s+being)\s+(?P<op3>[a-z]+ed),?\s+(?:it\s+|the\s+workstation\s+)?is"
    r"|\b(?:and|so)\s+(?P<and>it)\s+(?:is|comes\s+back|ends\s+up|becomes)"
    r"|\b(?:puts?|sets?|brings?|moves?|turns?)\s+(?:it|them|(?:the|an?)\s+(?:new\s+)?workstation)"
    r"(?:\s+(?:in|into|to)(?:\s+the)?)?"
    r"|\b(?:once|when|after)\s+(?:the|its|a|an|your)\s+(?P<op2>[a-z]+)\s+(?:call\s+)?"
    r"(?:returns|is\s+done),?\s+(?:it|the\s+workstation)\s+is)"
    r"(?:\s+(?:now|then|already))?(?:\s+in(?:\s+the)?)?\s+$", re.IGNORECASE)
#: Right before "leaves", what says the operation did not happen: "a refused delete", "a
#: failed stop"; and anywhere before a state, "left as it was".
_REFUSED = re.compile(r"\b(?:refused|failed|rejected|unsuccessful)\s+(?:\w+\s+)?$",
                      re.IGNORECASE)
_AS_IT_WAS = re.compile(r"\bas\s+it\s+was\b", re.IGNORECASE)
#: Before a state, what says the operation was refused: an error status ("answers `409`
#: and leaves it `running`"), or the words.
_REFUSAL_BEFORE = re.compile(r"`[45]\d\d\b|\b(?:is|are|was|were|gets?|got)\s+(?:refused|rejected)\b"
                             r"|\bfails?\b|\bfailed\b", re.IGNORECASE)
#: An operation named with its article ("a start", "the update", "its first create"), or
#: by a link to its page ("[Stop workstation](stop.md)"); not one compared with ("unlike a
#: start", "than a create").
_MENTIONED_OP = re.compile(rf"(?<!like\s)(?<!than\s)(?:\b(?:an?|the|each|every|its|your)\s+"
                           rf"(?:(?:retried|repeated|second|later|first|next)\s+)?"
                           rf"(?P<who>{_OP_WORD})|(?P<link>\[[^\]\n]+\]\([^)\s]*\)))",
                           re.IGNORECASE)
#: After a state: "… when the call returns", "when its create returns".
_RETURNS_AFTER = re.compile(r"^\s+(?:again\s+)?(?:(?:as\s+soon\s+as|when|once)\s+"
                            r"(?:the|its|this|your)\s+(?:last\s+)?(?P<op>[a-z]+)\s+"
                            r"(?:returns|has\s+returned|returned)\b"
                            r"|afterwards\b|after\s+(?:that|it)\b)", re.IGNORECASE)
#: Before a state, what says a workstation is in it as it is made: "A workstation you
#: create comes up `stopped`" (the operation: one the clause names).
_COMES_UP = re.compile(r"\b(?:comes?|came)\s+up\s+(?:as\s+)?$", re.IGNORECASE)
#: On an endpoint page, right before a state, what says it is the one the workstation is
#: in now, after the call: "The workstation, now `stopped`", "it is now `running`".
_WORKSTATION_IS = r"(?:it|(?:the|your)\s+workstation)"
_NOW_BEFORE = re.compile(
    rf"(?:\b{_WORKSTATION_IS}(?:\s+is|['’]s|,)\s+now|\b{_WORKSTATION_IS}\s+will\s+now\s+be"
    rf"|\bnow,?\s+{_WORKSTATION_IS}\s+(?:is|will\s+be)|\b{_WORKSTATION_IS}(?:\s+is|['’]s)(?=\s+$"
    rf"))\s+$", re.IGNORECASE)


#: A clause that opens with a condition, not a result: "If your workstation is now ...".
_CONDITIONAL = re.compile(r"\s*(?:[-*+]\s+|\d+\.\s+)?(?:if|when|whenever|unless|whether|once"
                          r"|until|while)\b", re.IGNORECASE)


def _done_just_before(prose: str, start: int, page: Page, contract: Contract) -> set[str]:
    """The operations the sentence before ``start`` (in its paragraph) says were done: by a
    link to their page, named with an article ("a start", not "unlike a delete"), or told
    to the reader at its opening ("Start it again", "Call [Start](start.md)")."""
    start += len(prose[start:]) - len(prose[start:].lstrip())  # (a clause that opens a
    # paragraph may start at the blank line before it: the paragraph before is not its own)
    paragraph = prose[prose.rfind("\n\n", 0, start) + 1:start].strip()
    sentence = re.split(r"(?<=[.!?])\s+", paragraph)[-1] if paragraph else ""
    done = {op for m in _MENTIONED_OP.finditer(sentence)
            for op in _subject_ops(m["who"] or m["link"], page, contract)}
    opening = re.match(r"\s*(?:call\s+)?(\[[^\]\n]+\]\([^)\s]*\)|[A-Za-z]+)", sentence,
                       re.IGNORECASE)
    if opening is not None:
        done |= set(_subject_ops(opening[1], page, contract))
    return done


def _refused_before(before: str, page: Page, contract: Contract) -> bool:
    """Whether ``before`` (a clause up to a state) says the operation that would leave it
    was refused (:data:`_REFUSAL_BEFORE`), in its own part (:func:`_own_part`), not in a
    comparison or a relative clause ("unlike a delete that answers `409`", "a workstation
    that failed to boot"), nor denied ("never fails")."""
    own = re.sub(r"\b(?:unlike|than|that|which|who)\b[^,;]*",
                 lambda m: " " * len(m[0]), before[_own_part(before, page, contract):],
                 flags=re.IGNORECASE)
    return any(not re.search(r"(?:\b(?:never|not|no)|n['’]t)\s+(?:\w+\s+)?$", own[:m.start()],
                             re.IGNORECASE) for m in _REFUSAL_BEFORE.finditer(own))


def _own_part(before: str, page: Page, contract: Contract) -> int:
    """Where the part of ``before`` (a clause up to a state) that speaks of the operation
    said to leave it starts: after its last comma or semicolon, if what follows names an
    operation ("The first delete is refused, the update ... leaves it"); else its start
    ("If the update is refused, it is ... afterwards")."""
    cut = max(before.rfind(","), before.rfind(";")) + 1
    return cut if cut and _named_operations(before[cut:], page, contract) else 0


#: A subject that says the state of the workstation it acts on: "Updating a running
#: workstation", "Stopping the `stopped` workstation".
_SUBJECT_STATE = re.compile(r"\s*(?:[-*+]\s+|\d+\.\s+)?[A-Za-z]+ing\s+(?:an?|the|your)\s+`?"
                            r"(?P<state>running|stopped)`?\s+workstations?\b", re.IGNORECASE)


#: Right before a field, what says the reader sends it in the request: "Send `status`",
#: "by sending `"status": "stopped"`", "Set `id` in the body", "pass a `name`" (not "the
#: API sets `updated_at`", "the answer includes `status`": what the API does).
_SENT_BEFORE = re.compile(r"(?:(?:^|[^\w\s]\s*|\b(?:by|and|or|then|to|first|just|also|you|"
                          r"can|may)\s+)(?:send|sending|set|setting|pass|passing)\s+(?:(?:the|a|"
                          r"an|your|its|their)\s+)?(?:field\s+)?"
                          # ("pass the workstation's ID as `x`", "the body may include `x`")
                          r"|\b(?:send|pass|give|put)\s+[^`.;:!?\n]{1,60}?\s+(?:as|in)\s+(?:the\s+)?"
                          r"(?:field\s+)?|\b(?:request\s+)?body\s+(?:may|can|must|should)\s+"
                          r"(?:also\s+)?(?:include|contain|hold|carry|set)\s+)$", re.IGNORECASE)


def _sent_field_problem(span: _Span, spans: Sequence[_Span], prose: str, page: Page,
                        contract: Contract) -> str | None:
    """What is wrong with a field the reader is told to send ("Send `"status": "running"`
    to start it", "Set `id` to choose the ID") on an endpoint page whose operation takes
    no such input: a field of its answer, which it does not read. None if it takes it, if
    the clause says it is refused or denies it ("Sending `status` gets `400`", "do not
    send `id`"), or if it is no field of the API's.

    Example:
        >>> contract = Contract(Scope("the API", frozenset(), frozenset(), frozenset()), {},
        ...     {}, {"status": ("X",), "name": ("X", "XCreate")}, frozenset(), {},
        ...     inputs={"makeX": {"name": ("body", True)}})
        >>> page = Page("x.md", "makeX")
        >>> def told(text):
        ...     prose = f"See below.\\n\\n{text}\\n"
        ...     spans = list(_spans(prose))
        ...     return [_sent_field_problem(s, spans, prose, page, contract) for s in spans]
        >>> told('Send `"status": "stopped"` to make it stopped. Set `name` to name it.')
        ['`status` is said to be sent to makeX, which takes no such field (its body takes name)', None]
        >>> told("Sending `status` is refused with `400`. Never send `status`. Pass "
        ...      "`status` back as `name`.")
        [None, None, None, None, None]
    """
    if not page.operation or span.link is not None or span.heading:
        return None
    member = _JSON_MEMBER.match(span.text)
    name = member["name"] if member is not None else span.text
    taken = contract.inputs.get(page.operation)
    if (taken is None or name in taken or name not in contract.field_schemas
            or f"the parameters of {page.operation}" in contract.field_schemas[name]
            or not _SENT_BEFORE.search(prose, max(0, span.start - 40), span.start)):
        return None  # (what it takes, in its body, query, headers or path: "Set `id`")
    start, end = _clause(span, prose)
    if (_NEGATION.search(prose, start, span.start) or _refused_in_clause(
            span, spans, prose, contract.code_status) or _not_a_claim(prose, span.start)):
        return None  # ("never send `status`", "sending `status` gets `400`", "Send `status`?
        # No": true)
    if re.match(r"[^.;:!?]*?\b(?:in|with|to|on)\s+(?:an?|the|your|its)\s+(?:\w+\s+)?(?:update|create|"
                r"request\s+to\s+\[|\[)", prose[span.end:end], re.IGNORECASE):
        return None  # (sent to another: "by sending `volume_ids` in an update")
    if _of_an_operation_in_its_clause(span, prose, page, contract):
        return None  # ("send `volume_ids` to Update workstation", "set `volume_ids` with
        # [Update workstation](…)")
    if member is None and re.search(r"\b(?:as|in|into)\s+(?:the\s+)?`|\b(?:back|from)\b|\bto\s+\[",
                                    prose[span.end:end]):
        return None  # (its value, sent as another input: "pass `next_cursor` back as
        # `cursor`", "pass its `id` to [Get](get.md)")
    inputs = sorted(n for n, (where, _) in taken.items() if where == "body")
    query = sorted(n for n, (where, _) in taken.items() if where == "query")
    return (f"`{name}` is said to be sent to {page.operation}, which takes no such field"
            + (f" (its body takes {', '.join(inputs)})" if inputs else
               f" (it takes no body; its query takes {', '.join(query)})" if query else
               " (it takes no body)"))


def _left_in_problem(span: _Span, prose: str, page: Page, contract: Contract) -> str | None:
    """What is wrong with a workstation's state said to be the one an operation leaves it
    in ("a new workstation is `stopped`", "the update leaves it `running`", "it is
    `running` when the call returns", "The workstation, now `running`." on a page of a
    stop): the operation, named by the
    words, by its clause's subject, or by the page, leaves it in another (as the stub does,
    :func:`_resulting_states`); None if it leaves it in that one, or no operation is read."""
    states = contract.enums.get("status")
    if not states or span.text not in states or span.link is not None:
        return None
    start, end = _clause(span, prose)
    before, after = prose[start:span.start], prose[span.end:end]
    left = _LEFT_IN_BEFORE.search(before)
    returns = _RETURNS_AFTER.match(after) if left is None and re.search(
        r"\b(?:it|the\s+workstation)\s+is\s+(?:now\s+)?$", before, re.IGNORECASE) else None
    now = (_NOW_BEFORE.search(before) if left is None and returns is None and page.operation
           else None)  # (on an endpoint page: the page's operation, or one the clause names)
    if now is not None and not now[0].lower().lstrip().startswith("now") and "now" not in \
            now[0].lower() and not re.match(r"\s+now\b", after, re.IGNORECASE):
        now = None  # ("it is `running`" without "now" says no time)
    if now is not None and (_CONDITIONAL.match(before) or _done_just_before(
            prose, start, page, contract) - {page.operation}):
        return None  # (a condition: "If it is now `running`, stop it"; or the sentence
        # before did another operation: "Start it again. It is now `running`")
    comes_up = _COMES_UP.search(before) if left is None and returns is None else None
    if left is None and returns is None and now is None and comes_up is None:
        return None
    if _NEGATION.search(before[-40:]) or _OTHER_APIS.search(before) or _AS_IT_WAS.search(
            before) or (left is not None and _REFUSED.search(before, 0, left.start())) or \
            _refused_before(before, page, contract) or _not_a_claim(prose, span.start):
        return None  # ("a stop never leaves it `running`", "in other clouds, ...", "a
        # refused delete leaves it `running`", "answers `409` and leaves it `running`": what
        # it was)
    if left is not None and left["and"] and _CONDITIONAL.match(before):
        return None  # ("If you start it and it is `stopped`, ...": a condition)
    word = ((left["op"] or left["op2"] or left["op3"]) if left is not None
            else returns["op"] if returns is not None else "") or ""
    named = [op for op in contract.operations if word.lower() in _verb_forms(_verb(op)) or (
        left is not None and left["op3"] and word.lower() in {  # "once started": its participle
            _verb(op) + "ed", _verb(op) + "d", _verb(op) + _verb(op)[-1:] + "ed"})]
    if left is not None and (left["new"] or left["new2"]):
        named = [op for op in contract.operations if _verb(op) == "create"]
    if not named and word.lower() not in ("", "call", "request"):
        return None  # (after a word that names no operation: "after a while")
    if not named:
        # the last operation named before "leaves" ("a stop leaves it `stopped`, and a start
        # leaves it `running`"), else the clause's subject ("Stopping it leaves it ...")
        leaves = left is not None and left[0].lower().startswith("leave")
        mentioned = [
            ops for m in _MENTIONED_OP.finditer(before, 0, left.start())  # type: ignore[union-attr]
            if (ops := _subject_ops(m["who"] or m["link"], page, contract))] if leaves else []
        # (or the last done in a sequence: "Stops it, then starts it again: it is ...")
        # (after the first "then", each verb after "then" or "and": "then update it and start it")
        sequence = re.split(r"\bthen\b", before, maxsplit=1, flags=re.IGNORECASE)
        then = [ops for verb in re.findall(r"(?:^|\b(?:then|and))\s+([a-z]+)", sequence[1],
                                            re.IGNORECASE)
                if (ops := _subject_ops(verb, page, contract))] if len(sequence) > 1 else []
        subject = _SUBJECT.match(prose, start, span.start)
        named = mentioned[-1] if mentioned else then[-1] if then else list(
            (subject and _subject_ops(subject["who"], page, contract)) or [])
        if not named and page.operation:  # an operation the clause names, else the page's
            named = sorted(_named_operations(before, page, contract)) or [page.operation]
        if not named and (comes_up or (returns is not None and returns["op"] is None)):
            named = sorted(_named_operations(before, page, contract))  # ("you create")
    resulting = dict(_resulting_states())
    named = sorted({op for op in named if op in resulting and resulting[op] in states})
    start_state = left["from"].lower() if left is not None and left["from"] else None
    subject_state = _SUBJECT_STATE.match(prose, start, span.start) if left is not None else None
    if start_state is None and subject_state is not None:
        start_state = subject_state["state"].lower()  # ("Updating a running workstation
        # leaves it ...": what it leaves a running one in)
    if start_state is not None:  # "a stop leaves a running workstation `stopped`": as the
        # stub answers there; a refusal leaves it as it was
        answers = answers_by_state()
        named = [op for op in named if answers.get(op, {}).get(start_state, "") != ""]
        resulting.update({op: start_state for op in named if answers[op][start_state]})
    if not named or any(resulting[op] == span.text for op in named):
        return None
    which = f"a {start_state} workstation" if start_state else "a workstation"
    return (f"`{span.text}` is said to be the state {_and(named)} leave"
            f"{'s' if len(named) == 1 else ''} {which} in, but "
            + (f"it leaves it `{resulting[named[0]]}`" if len(named) == 1 else
               ", ".join(f"{op} leaves it `{resulting[op]}`" for op in named))
            + (f" (where it is refused, say so: \"a refused {_verb(named[0])} leaves it "
               f"`{span.text}`\")" if _verb(named[0]) != "create" and start_state is None
               else ""))


def _and(names: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]


#: After a name, what opens a contrast, whose operations are others: "but an update can
#: omit it".
_CONTRAST = re.compile(r",?\s+(?:but|while|whereas|though|although|unlike|except)\b",
                       re.IGNORECASE)


def _named_operations(sentence: str, page: Page, contract: Contract) -> set[str]:
    """The operations ``sentence`` names: by a link to their page, or by their verb
    ("on create", "when updating", "creates"), each verb naming every operation of it."""
    named = {page.operation_of[page.target(link.target)] for link in prose_links(sentence)
             if page.target(link.target) in page.operation_of}
    words = set(re.findall(r"[a-z]+", sentence.lower()))
    return named | {op for op in contract.operations if words & _verb_forms(_verb(op))}


def _required_problem(span: _Span, prose: str, page: Page,
                      contract: Contract) -> str | None:
    """What is wrong with ``span`` said to be required, or optional ("`machine_type` is
    optional", "the required `disk_size_gb`", "`cursor` (required)"), where it is a
    member of a request body or a query or header parameter: of the operation of the page
    its link goes to, else the page's own (on an endpoint page, unless the sentence names
    another operation, "on create"); on a page of none, every operation's that takes it,
    when they all agree. None if it is said rightly, or nothing is said that can be read.

    Example:
        >>> contract = Contract(Scope("the API", frozenset(), frozenset(), frozenset()), {},
        ...     {}, {}, frozenset(), {}, inputs={
        ...         "makeX": {"kind": ("body", True), "size": ("body", False),
        ...                   "idempotency-key": ("header", False)},
        ...         "editX": {"kind": ("body", False)}, "listX": {"limit": ("query", False)}})
        >>> prose = ("`kind` is optional, `size` is not required, `size` (required), the "
        ...          "optional `kind`; the `Idempotency-Key` header is required; `limit` is "
        ...          "required. `size` and `kind` are both optional. On edit, `kind` is "
        ...          "optional. `size` is required for a large X; in the answer, `size` is "
        ...          "required. Keys take the required `Idempotency-Key` format. `kind` or "
        ...          "`size` is required. `limit` is optional. Only `kind` is required.")
        >>> for m in re.finditer(r"`([^`]+)`", prose):
        ...     said = _required_problem(_Span(m.start(), m.end(), 1, m[1], None, False),
        ...                              prose, Page("x/make.md", "makeX"), contract)
        ...     if said:
        ...         print(said)
        `kind` is said to be optional, but makeX requires it in the request body
        `size` is said to be required, but makeX does not require it in the request body
        `kind` is said to be optional, but makeX requires it in the request body
        `Idempotency-Key` is said to be required, but makeX does not require it as a header
        `limit` is said to be required, but makeX does not take it (listX does: link to the page of the one meant)
        `kind` is said to be optional, but makeX requires it in the request body
        >>> _required_problem(_Span(0, 6, 1, "kind", None, False), "`kind` is required",
        ...                   Page("x/index.md", None), contract)  # makeX and editX differ
        >>> _required_problem(_Span(0, 7, 1, "limit", None, False), "`limit` is required",
        ...                   Page("x/index.md", None), contract)
        '`limit` is said to be required, but listX does not require it as a query parameter'
    """
    after = _REQUIRED_AFTER.match(prose[span.end:span.end + 200])
    before = None if after or _ITS_SHAPE.match(prose[span.end:span.end + 20]) else (
        _REQUIRED_BEFORE.search(prose[max(0, span.start - 30):span.start]))
    # "Without a `size_gb`, the volume gets the default size": said to be optional
    without = (after is None and before is None
               and _WITHOUT_BEFORE.search(prose[max(0, span.start - 30):span.start])
               and _DEFAULT_AFTER.match(prose[span.end:span.end + 200]))
    if after is None and before is None and not without or _ONE_OF.search(
            prose[max(0, span.start - 60):span.start]):
        return None  # ("`x` or `y` is required": one of them)
    opening = re.split(r"[.;!?]\s|\n\n", prose[max(0, span.start - 400):span.start])[-1]
    sentence = opening + re.split(r"[.;!?]\s|\n\n", prose[span.start:span.end + 400])[0]
    if _NOT_WHAT_IS_SENT.search(sentence):
        return None
    operation = page.operation
    if span.link is not None:  # held to the operation of the page it links to
        operation = page.operation_of.get(page.target(span.link), operation)
    elif operation is not None and any(
            re.search(rf"\b{re.escape(verb.removesuffix('e'))}", sentence, re.IGNORECASE)
            if verb != "get" else re.search(r"\bgetting\b", sentence, re.IGNORECASE)
            for verb in {_verb(op) for op in contract.inputs} - {_verb(operation)}):
        return None  # "on create", "at creation": another operation's (not what "gets")
    name = _input_name(span.text, contract)
    if name is None:
        return None
    word = ("optional" if without else after["word"] or after["aside"] or after["colon"]
            if after else before["word"]).lower()  # type: ignore[index]
    required = (word != "optional") != bool(after and (after["no"] or after["isnt"]))
    if operation is not None:
        takers = [operation] if name in contract.inputs.get(operation, {}) else []
        others = sorted(op for op, taken in contract.inputs.items() if name in taken)
        if not takers and required and others:  # another operation's, said to be this one's
            return (f"`{span.text}` is said to be required, but {operation} does not take it "
                    f"({_and(others)} do{'es' * (len(others) == 1)}: "
                    "link to the page of the one meant)")
    else:  # every operation's that takes it, or those of them the sentence names
        takers = sorted(op for op, taken in contract.inputs.items() if name in taken)
        contrast = _CONTRAST.search(sentence, len(opening) + span.end - span.start)
        named = _named_operations(sentence[:contrast.start()] if contrast else sentence, page,
                                  contract) & set(takers)  # (", but an update can omit it":
        takers = sorted(named) or takers  # another's) ("`machine_type` is optional on create")
    if len({contract.inputs[op][name] for op in takers}) != 1:
        return None  # taken by none, or required by some only: which is meant is unsaid
    where, really = contract.inputs[takers[0]][name]
    if required and really and len(takers) == 1 and _ONLY.search(
            prose[max(0, span.start - 20):span.start]):  # "only `name` is required"
        listed, at = {name}, span.end  # (and those listed with it: "only `a` and `b` are")
        while joined := re.match(r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)`([^`]+)`", prose[at:]):
            listed.add(joined[1])
            at += joined.end()
        more = sorted(n for n, (_, needed) in contract.inputs[takers[0]].items()
                      if needed and n not in listed)
        if more:
            return (f"`{span.text}` is said to be the only one required, but {takers[0]} "
                    f"requires {_and([f'`{n}`' for n in more])} too")
    if required == really:
        return None
    who = _and(takers)
    goes = _WHERE_IT_GOES.get(where, where)
    if really:
        return (f"`{span.text}` is said to be optional, but {who} "
                f"require{'s' if len(takers) == 1 else ''} it {goes}")
    return (f"`{span.text}` is said to be required, but {who} "
            f"{'does' if len(takers) == 1 else 'do'} not require it {goes}")


def _owned_field_problem(text: str, kind: str, contract: Contract, document: bool = False,
                         written: str | None = None) -> str | None:
    """What is wrong with ``text`` called a field of a ``kind`` (workstation or volume):
    a field of other schemas only, or a name written as the API writes its fields
    (``snake_case``) that no schema of the ``kind`` has (its values, such as a
    ``running`` state, and error codes aside); None if nothing is. ``written`` is the
    span as the prose wrote it, where that is more than ``text``.

    Example:
        >>> contract = Contract(Scope("the API", frozenset(), frozenset(), frozenset()), {},
        ...                     {"not_found": 404}, {"volume_ids": ("Workstation",),
        ...                     "id": ("Volume", "Workstation"), "attached_to": ("Volume",)},
        ...                     frozenset(), {}, enums={"status": frozenset({"running"})})
        >>> for text in ("volume_ids", "running", "not_found", "Status", "ip_address",
        ...              "volume_id", "attached_to"):
        ...     print(_owned_field_problem(text, "workstation", contract))
        None
        None
        None
        None
        `ip_address` is called a workstation's field, but a workstation has no such field (Workstation's fields are id, volume_ids; to name one it does not have on purpose, follow it with { .no-ref })
        `volume_id` is called a workstation's field, but a workstation has no such field; did you mean `volume_ids`? (to name one it does not have on purpose, follow it with { .no-ref })
        `attached_to` is called a workstation's field, but it is a field of Volume, none of them Workstation's
    """
    kind, called = kind.lower(), f"`{text}`" if written is None else f"`{text}`, in `{written}`,"
    schema = kind.capitalize()
    if text in contract.field_schemas:
        if any(schema in name for name in contract.field_schemas[text]):
            return None
        # a volume's (a workstation's request body or its delete's answer,
        # WorkstationCreate, DeleteWorkstationResult, are its own)
        return (f"{called} is called a {kind}'s field, but it is a field of "
                f"{_listing(contract.field_schemas[text])}, none of them {schema}'s")
    if (not _NAME.match(text) or "_" not in text or text in contract.code_status
            or text in contract.values):
        return None  # (one word may be no field: "a workstation's `own` volume")
    own = {name for name, schemas in contract.field_schemas.items() if schema in schemas} or {
        name for name, schemas in contract.field_schemas.items()
        if any(schema in s for s in schemas)}
    then = ("say so without the backticks" if document
            else "follow it with { .no-ref }")
    close = difflib.get_close_matches(text, sorted(own), n=1, cutoff=0.6)
    if close:
        return (f"{called} is called a {kind}'s field, but a {kind} has no such field; did "
                f"you mean `{close[0]}`? (to name one it does not have on purpose, {then})")
    return (f"{called} is called a {kind}'s field, but a {kind} has no such field ({schema}'s "
            f"fields are {_listing(own)}; to name one it does not have on purpose, {then})")


#: A member of a JSON object shown alone (```"volume_ids": []```): its name is a field.
_JSON_MEMBER = re.compile(r'^"(?P<name>[a-z][a-z0-9_]*)"\s*:\s*\S')
#: A header's name as HTTP writes it, capitalised words joined by hyphens.
_HTTP_NAME = re.compile(r"[A-Z][A-Za-z0-9]*(?:-[A-Z0-9][A-Za-z0-9]*)+")


def _a_header_a_letter_off(name: str, headers: frozenset[str]) -> str | None:
    """The header of ``headers`` that ``name``, written as HTTP writes a header's name but
    none of them, is likeliest a misspelling of (a letter or two off); None if none is.

    Example:
        >>> headers = frozenset({"Idempotency-Key", "Content-Type", "Content-Length"})
        >>> [_a_header_a_letter_off(n, headers) for n in ("Idempotent-Key", "Content-Typ",
        ...  "Idempotency-Key", "Content-Encoding", "UTF-8", "idempotent-key", "X-Trace-Id")]
        ['Idempotency-Key', 'Content-Type', None, None, None, None, None]
    """
    if not _HTTP_NAME.fullmatch(name):
        return None
    folded = {header.casefold(): header for header in headers}
    if name.casefold() in folded:
        return None
    close = difflib.get_close_matches(name.casefold(), folded, n=1, cutoff=0.85)
    return folded[close[0]] if close else None


def _problem_codes(answer: dict[str, Any]) -> Iterator[str]:
    yield from answer.get("content", {}).get("application/problem+json", {}).get("examples", {})


@dataclass(frozen=True)
class Page:
    """The page being checked: its src_uri, its operation, and which page documents which
    operation (src_uri -> operationId) for links to other endpoint pages."""

    src_uri: str
    operation: str | None
    operation_of: Mapping[str, str] = field(default_factory=dict)
    read: Callable[[str], str] | None = None  # reads an included file (for shown outputs)

    def target(self, link: str) -> str:
        """The src_uri a relative link of this page points at (anchor dropped)."""
        path = link.split("#", 1)[0]
        if not path:
            return self.src_uri
        return posixpath.normpath(posixpath.join(posixpath.dirname(self.src_uri), path))


@dataclass(frozen=True)
class Problem:
    """A bad reference: its 1-based line, what is wrong, the span's text, and, where the
    check read the sentence around it (and so may have read it wrongly), the way out for a
    sentence that is right (:func:`_misread`), to be shown after the message."""

    line: int
    message: str
    text: str = ""
    advice: str = ""


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    line: int
    text: str
    link: str | None
    opted_out: bool
    #: In a heading: its code names the section (a field's own, say), and is not linked;
    #: only its statuses, error codes and requests are references.
    heading: bool = False
    #: The bold status that opens a note of a list (``- **409** — ...``).
    note: bool = False


def prose_of(markdown: str) -> str:
    """``markdown`` with every fenced code block and HTML comment blanked out, offsets
    and lines kept."""
    out, fence, comment = [], None, False
    for line in markdown.split("\n"):
        match = _FENCE.match(line)
        if fence is None and match and not comment:
            fence = match["fence"]
            out.append(" " * len(line))
        elif fence is not None:
            closing = match and match["fence"][0] == fence[0] and \
                len(match["fence"]) >= len(fence) and not line.strip().strip(fence[0])
            fence = None if closing else fence
            out.append(" " * len(line))
        else:
            line, comment = mask_comments(line, comment)
            out.append(line)
    return "\n".join(out)


@dataclass(frozen=True)
class Link:
    """A link of a page's prose: where its text starts and ends, the text, and where it goes
    (as written: ``stop.md#x``, ``<stop.md>``)."""

    start: int
    end: int
    text: str
    target: str


def prose_links(prose: str) -> list[Link]:
    """The links of ``prose`` (:func:`prose_of`'s), in their order: inline (``[text](to)``)
    and reference-style (``[text][name]``, ``[text][]``) with the target their definition
    gives (``[name]: to``; none, not a link).

    Example:
        >>> [(link.text, link.target) for link in prose_links(
        ...     "[Stop it](stop.md), [halt it][Halt], [start][] and [none][x].\\n\\n"
        ...     "[halt]: <stop.md#x>\\n[start]: start.md")]
        [('Stop it', 'stop.md'), ('halt it', 'stop.md#x'), ('start', 'start.md')]
    """
    def label(name: str) -> str:  # as Markdown matches them: whitespace collapsed, any case
        return " ".join(name.split()).casefold()

    defined = {label(m["name"]): m["target"] for m in _LINK_DEFINITION.finditer(prose)}
    links = [Link(m.start("text"), m.end("text"), m["text"], m["target"])
             for m in INLINE_LINK.finditer(prose)]
    links += [Link(m.start("text"), m.end("text"), m["text"],
                   defined[label(m["name"] or m["text"])])
              for m in _REFERENCE_LINK.finditer(prose)
              if label(m["name"] or m["text"]) in defined]
    return sorted(links, key=lambda link: link.start)


#: A table's row whose first cell is a status, bare or bold ("| 409 |", "| **409** |").
_BARE_STATUS_ROW = re.compile(r"^[ \t]*\|[ \t]*(?P<cell>(?:\*\*)?(?P<status>[1-5]\d\d)(?:\*\*)?)"
                              r"[ \t]*\|", re.MULTILINE)
#: A table's header whose first column is the status ("| Status | Code | When |").
_STATUS_HEADER = re.compile(r"^\|?\s*(?:HTTP\s+)?status(?:\s+code)?\s*\|", re.IGNORECASE)


def _opens_a_status_row(prose: str, line_start: int, start: int, text: str) -> bool:
    """Whether the span at ``start`` is a status alone in the first cell of a table row
    under a header whose first column is the status: the row is read as a note of an
    errors list is ("| `409` | `workstation_not_stopped` | the workstation is running |").

    Example:
        >>> prose = "| Status | When |\\n| --- | --- |\\n| `409` | it is running |\\n"
        >>> at = prose.index("`409`")
        >>> _opens_a_status_row(prose, prose.rfind("\\n", 0, at) + 1, at, "409")
        True
    """
    if not _STATUS.fullmatch(text) or not re.fullmatch(r"[ \t]*\|[ \t]*", prose[line_start:start]):
        return False
    lines = prose[:line_start].split("\n")[:-1]
    while lines and re.match(r"\s*\|", lines[-1]) and not re.match(r"\s*\|?\s*:?-{3,}",
                                                                   lines[-1]):
        lines.pop()  # (the rows above, up to the delimiter row under the header)
    return (len(lines) >= 2 and bool(re.match(r"\s*\|?\s*:?-{3,}", lines[-1]))
            and bool(_STATUS_HEADER.match(lines[-2].strip())))


def _spans(markdown: str) -> Iterator[_Span]:
    prose = prose_of(markdown)
    links = [(link.start, link.end, link.target) for link in prose_links(prose)]
    for start, end in code_spans(prose):
        link = next((t for s, e, t in links if s <= start and end <= e), None)
        line_start = prose.rfind("\n", 0, start) + 1
        text = " ".join(prose[start:end].strip("`").split())
        yield _Span(start, end, prose.count("\n", 0, start) + 1, text, link,
                    bool(_NO_REF.match(prose, end)),
                    prose[line_start:start].lstrip().startswith("#"),
                    note=_opens_a_status_row(prose, line_start, start, text))
    for note in _STATUS_NOTE.finditer(prose):
        start, end = note.span("status")
        yield _Span(start, end, prose.count("\n", 0, start) + 1, note["status"], None, False,
                    note=True)
    for row in _BARE_STATUS_ROW.finditer(prose):  # ("| 409 |", "| **409** |": not code)
        start, end = row.span("status")
        if _opens_a_status_row(prose, row.start(), row.start("cell"), row["status"]):
            yield _Span(start, end, prose.count("\n", 0, start) + 1, row["status"], None,
                        False, note=True)


#: After a note's status (its bold, its reason, its dash or its cell), words that say the
#: operation does not answer it: "**409** — never:", "| 410 | not this call", "**410** —
#: only the removed `GET` delete answers it".
_NOTE_DENIES = re.compile(
    r"(?:\*\*)?(?:\s+[A-Z][\w '-]*?)?(?:\*\*)?\s*(?:[—–:|]|\s-\s|-)\s*(?:`?[a-z_]+`?:?\s+)?"
    r"(?:(?:`?[a-z_]*`?|[—–-])\s*\|\s*)?"  # (a table's code cell, filled or not, before it)
    r"(?:never\b|not\s+(?:this|from|for|by|here|answered|returned|sent|documented|on)\b"
    r"|only\s+(?:the|an?)\s+(?:removed|old|other|previous)\b)",
    re.IGNORECASE)
#: After a number, a unit: what makes it a size, a length, a count or a time, not a status.
_A_UNIT_AFTER = re.compile(
    r"\s*(?:[KMGT]i?B|bytes?|characters|chars|digits|items|volumes|workstations|seconds?|ms|"
    r"minutes?|hours?|days?|%)(?![\w-])")
#: The blocks a page shows as they are, which no check runs: each line is a reference.
_SHOWN_AS_IS = frozenset({"http", "text"})
#: The shell's blocks, whose lines that export what the examples read are references.
_SHELL = frozenset({"bash", "sh", "shell", "console"})
#: The advice to opt a span out, as a message gives it for a span in code.
_NO_REF_ON_IT = re.compile(r"follow it with \{ \.no-ref \}")
#: The advice to opt a span out, which a block's line cannot take.
_NO_REF_ADVICE = re.compile(r" ?\([^()]*\{ \.no-ref \}\)")
#: A line that exports what the examples read (``export CLOUDWS_TOKEN=cws_test_me``).
_EXPORT = re.compile(r"^(?:\$\s+)?export\s+CLOUDWS_(?P<name>TOKEN|BASE_URL)="
                     r"(?P<quote>['\"]?)(?P<value>[^'\"\s]+)(?P=quote)\s*(?:#.*)?$")
#: A line that exports a variable named like the two the examples read (``CLOUDWS_...``).
_EXPORT_LIKE = re.compile(r"^(?:\$\s+)?export\s+(?P<variable>cloudws_\w*)=", re.IGNORECASE)
_EXPORTS = ("CLOUDWS_BASE_URL", "CLOUDWS_TOKEN")


def _block_header_problem(text: str, contract: Contract, document: bool) -> str | None:
    """What is wrong with a header line of a block (``Name: value``): a value the API does
    not take or send, for one of its headers; a name a letter or two off one of them. A
    request shown whole has HTTP's own headers too (``Accept``, ``User-Agent``): those,
    and the headers of operations other than the page's, are as shown.

    Example:
        >>> contract = Contract(Scope("the API", frozenset(), frozenset(), frozenset()), {},
        ...                     {}, {}, frozenset(), {}, headers=frozenset({"Idempotency-Key"}))
        >>> [_block_header_problem(t, contract, False) for t in ("Accept: */*", "GET /v1")]
        [None, None]
        >>> _block_header_problem("Idempotent-Key: x", contract, False)
        '`Idempotent-Key: x` is not a header of the API; did you mean `Idempotency-Key`?'
    """
    header = _HEADER.match(text)
    if header is None or not (header["value"] or "").strip(": \t"):
        return None
    name = header["name"]
    if name.casefold() in {h.casefold() for h in contract.headers}:
        return _header_value_problem(text, name, header["value"] or "", contract, document)
    meant = _a_header_a_letter_off(name, contract.headers)
    return f"`{text}` is not a header of the API; did you mean `{meant}`?" if meant else None


def _export_problem(text: str) -> str | None:
    """What is wrong with a line that exports what the examples read: a token the sandbox
    refuses (every example would get ``401``), or a base URL that does not end with the
    API's root (the examples add the paths after it).

    Example:
        >>> _export_problem("export CLOUDWS_TOKEN=my-secret-token")
        "`export CLOUDWS_TOKEN=my-secret-token`: every example sends it, and the sandbox answers 401: The token is not a sandbox token: the sandbox accepts tokens that start with 'cws_test_'."
        >>> for url in ("http://127.0.0.1:8080", "http://127.0.0.1:8080/v1/", "127.0.0.1:8080/v1",
        ...             "http://127.0.0.1:8080/api/v1"):
        ...     print(_export_problem(f"export CLOUDWS_BASE_URL={url}"))
        `export CLOUDWS_BASE_URL=http://127.0.0.1:8080`: the examples add the paths after it, so it ends with /v1, with nothing after: http://127.0.0.1:8080/v1
        `export CLOUDWS_BASE_URL=http://127.0.0.1:8080/v1/`: the examples add the paths after it, so it ends with /v1, with nothing after: http://127.0.0.1:8080/v1
        `export CLOUDWS_BASE_URL=127.0.0.1:8080/v1`: a URL, with its scheme: http://127.0.0.1:8080/v1
        `export CLOUDWS_BASE_URL=http://127.0.0.1:8080/api/v1`: the examples add the paths after it, so it ends with /v1, with nothing after: http://127.0.0.1:8080/v1
        >>> _export_problem("export CLOUDWS_TOKN=cws_test_me")
        '`export CLOUDWS_TOKN=cws_test_me` exports CLOUDWS_TOKN, which no example reads (they read CLOUDWS_BASE_URL and CLOUDWS_TOKEN): did you mean CLOUDWS_TOKEN?'
        >>> [_export_problem(t) for t in ("export CLOUDWS_TOKEN=cws_test_me",
        ...                               "export CLOUDWS_TOKEN=<token>",
        ...                               "export CLOUDWS_TOKEN=YOUR_TOKEN",
        ...                               "export CLOUDWS_BASE_URL=http://127.0.0.1:8080/v1")]
        [None, None, None, None]
    """
    like = _EXPORT_LIKE.match(text)
    name = like["variable"] if like is not None else ""
    meant = [e for e in _EXPORTS if name != e and (name.upper() == e
                                                   or _one_edit(name.upper(), e))]
    if meant:  # a name misspelt (another, a harness's or an old one, is the page's to say)
        return (f"`{text}` exports {like['variable']}, which no example reads (they read "
                f"{' and '.join(_EXPORTS)}): did you mean {meant[0]}?")
    export = _EXPORT.match(text)
    if export is None or _PLACEHOLDER.search(export["value"]) or re.fullmatch(
            r"[A-Z][A-Z0-9_]*", export["value"]):  # (YOUR_TOKEN: a placeholder too)
        return None
    value = export["value"]
    if export["name"] == "TOKEN":
        from cloudws.tokens import token_problem

        said = token_problem([b"Bearer " + value.encode()])
        return (f"`{text}`: every example sends it, and the sandbox answers 401: {said}"
                if said else None)
    url = urlsplit(value)
    if url.scheme not in ("http", "https") or not url.netloc:
        return (f"`{text}`: a URL, with its scheme: "
                f"http://{value.split('/')[0]}{API_ROOT}")
    if url.path != API_ROOT or url.query or url.fragment:
        return (f"`{text}`: the examples add the paths after it, so it ends with {API_ROOT}, "
                f"with nothing after: {url.scheme}://{url.netloc}{API_ROOT}")
    return None
#: The version that ends an HTTP request line (``GET /v1/volumes HTTP/1.1``).
_HTTP_VERSION = re.compile(r" +HTTP/\d(?:\.\d)?$")


def _shown_lines(markdown: str) -> Iterator[_Span]:
    """Each line of a block shown as it is (````` ```http `````, ````` ```text `````), as a span:
    a base URL, a request or a header written there is held as in prose.

    Example:
        >>> text = "a `b`\\n\\n```http\\nGET /v1/volumes HTTP/1.1\\nAuthorization: Bearer <token>\\n```\\n"
        >>> [(span.line, span.text) for span in _shown_lines(text)]
        [(4, 'GET /v1/volumes'), (5, 'Authorization: Bearer <token>')]
    """
    fence, lang, offset = None, "", 0
    for number, line in enumerate(markdown.split("\n"), start=1):
        match = _FENCE.match(line)
        if fence is None and match:
            fence, lang = match["fence"], match["lang"]
        elif fence is not None and match and match["fence"][0] == fence[0] and len(
                match["fence"]) >= len(fence) and not line.strip().strip(fence[0]):
            fence = None
        elif fence is not None and line.strip() and (
                lang in _SHOWN_AS_IS or lang in _SHELL and _EXPORT_LIKE.match(line.strip())):
            text = _HTTP_VERSION.sub("", line.strip())
            start = offset + line.index(line.strip())
            yield _Span(start, start + len(text), number, text, None, False)
        offset += len(line) + 1


def _shows_field(page: Page, link: str, field: str, contract: Contract) -> bool:
    """Whether ``link`` goes to another page of the site, of no operation, that shows
    ``field``: one of its schemas rendered (``{{ schema Volume }}``), or the field named
    in code."""
    target = page.target(link)
    if (page.read is None or "://" in link or target == page.src_uri
            or not target.endswith(".md") or target in page.operation_of):
        return False
    try:
        markdown = page.read(f"docs/{target}")
    except OSError:
        return False
    return f"`{field}`" in markdown or any(
        re.search(r"\{\{\s*schema\s+" + re.escape(schema) + r"\s*\}\}", markdown)
        for schema in contract.field_schemas.get(field, ()))


def _shown_there(page: Page, link: str, contract: Contract,
                 shown: Callable[[], set[str]]) -> Callable[[], set[str]]:
    """The IDs a span linked to another page of the site may name: this page's, and those
    the linked page's examples show."""
    target = page.target(link)
    if page.read is None or target == page.src_uri or not target.endswith(".md"):
        return shown
    read = page.read

    def there() -> set[str]:
        try:
            markdown = read(f"docs/{target}")
        except OSError:
            return shown()
        return shown() | shown_ids(markdown, contract.id_patterns, read)

    return there


def _old_api(document: bool) -> str:
    """How to name, in prose, what is not the API as it is (not in the OpenAPI
    ``document``, which would publish ``{ .no-ref }``)."""
    return "" if document else " (if it is meant, as the old API's or a mistake shown on purpose: follow it with { .no-ref })"


def _in_heading(text: str, scope: Scope, contract: Contract, shown: Callable[[], set[str]],
                titles: Mapping[int, str], document: bool) -> str | None:
    """What is wrong with the span ``text`` of a heading, which names its section: only a
    status, an error code (or one a letter off) or a request is a reference there."""
    if _STATUS.match(text) or _REQUEST.match(text) or text in contract.code_status:
        return _check_span(text, scope, contract, shown, titles, False, document)
    meant = _codes_a_letter_off(text, contract)
    return f"`{text}` is not an error code of the API; did you mean `{meant[0]}`?" if meant else None


def _elsewhere(another: bool, document: bool, which: Sequence[str] = ()) -> str:
    """How to name, on an endpoint page, what ``another`` operation answers (``which``,
    when named)."""
    if not another:
        return ""
    return (f"; if it is another operation's{f' ({_and(list(which))})' if which else ''}, link "
            "it to that operation's page" + ("" if document else ", or follow it with { .no-ref }"))


#: Reason phrases of earlier RFCs that HTTPStatus does not say (RFC 7231's 413).
_EARLIER_PHRASES = {413: {"Payload Too Large"}}


def _phrases(status: int, titles: Mapping[int, str]) -> set[str]:
    found = {titles[status]} if status in titles else set()
    found |= _EARLIER_PHRASES.get(status, set())
    try:
        found.add(HTTPStatus(status).phrase)
    except ValueError:
        pass
    return found


def _listing(values: Any) -> str:
    return ", ".join(str(v) for v in sorted(values))


#: A token of the API's, or the start of one, written alone (``cws_test_me``, ``cws_test_``):
#: its kind between two underscores (not a variable's name, ``cws_token``).
_TOKEN_LIKE = re.compile(r"cws_[a-z0-9]+_\S*")


def _token_span_problem(text: str, document: bool = False) -> str | None:
    """What is wrong with ``text`` as a sandbox token, or the start of one: the sandbox
    answers ``401`` to a token that does not start with its prefix, or that it refuses
    otherwise (its own words); None if nothing is, or for the prefix alone or followed by
    a placeholder (``cws_test_…``).

    Example:
        >>> _token_span_problem("cws_sandbox_")
        '`cws_sandbox_`: a sandbox token starts with `cws_test_` (as `cws_test_me`); the sandbox answers 401 to any other (cloudws.tokens.TOKEN_PREFIX) (to show one it refuses, on purpose: follow it with { .no-ref })'
        >>> [_token_span_problem(t) for t in ("cws_test_", "cws_test_…", "cws_test_ci-run-42")]
        [None, None, None]
    """
    from cloudws.tokens import TOKEN_PREFIX, token_problem

    # a pattern, a shell's or a language's expression (`cws_test_$(whoami)`): no token
    expression = re.search(r"[$(){}\[\]*\\]", text) is not None
    if not text.startswith(TOKEN_PREFIX) and not expression:
        return (f"`{text}`: a sandbox token starts with `{TOKEN_PREFIX}` (as "
                f"`{TOKEN_PREFIX}me`); the sandbox answers 401 to any other "
                f"(cloudws.tokens.TOKEN_PREFIX)" + ("" if document else
                " (to show one it refuses, on purpose: follow it with { .no-ref })"))
    if text == TOKEN_PREFIX or _PLACEHOLDER.search(text) or expression:
        return None
    said = token_problem([f"Bearer {text}".encode()])
    return f"`{text}`: the sandbox answers 401 to it: {said}" if said else None


def _check_span(text: str, scope: Scope, contract: Contract, shown: Callable[[], set[str]],
                titles: Mapping[int, str], names: bool = True, document: bool = False
                ) -> str | None:
    """What is wrong with the span ``text`` as a reference in ``scope``; None if nothing is
    (or it is no reference). Unless ``names``, a name that is no error code (a field, or
    one close to a field or a code) is no reference either. In the OpenAPI ``document``,
    no page's examples show an ID."""
    base = _BASE_URL.match(text)
    host = (base["host"] or "").lower().strip("[]") if base is not None else None
    if base is not None and base["root"] != API_ROOT and (
            not host or host in contract.hosts | _LOCAL_HOSTS):
        return (f"`{text}`: the API's paths start with {API_ROOT}: did you mean "
                f"{text[:base.start('root')]}{API_ROOT}{text[base.end('root'):]}?"
                + _old_api(document))
    if _TOKEN_LIKE.fullmatch(text):
        return _token_span_problem(text, document)
    if _QUERY_ALONE.fullmatch(text) and (names or text.startswith("?")):  # `limit=500`
        query = text.removeprefix("?")  # (a docstring's `limit=5` is a keyword argument)
        fields = {part.partition("=")[0] for part in query.split("&")}
        takers = [taken for taken in contract.queries.values() if fields <= taken.keys()]
        said = (_query_values_problem(query, takers, alone=not text.startswith("?"))
                if takers else None)
        if said:
            return f"`{text}`: {said.removeprefix(f'{query}: ')}" + _old_api(document)
    request = _REQUEST.match(text)
    if request is not None and contract.routes:
        return _check_request(text, request, contract, document, shown)
    status = _STATUS.match(text)
    if status is not None:
        number, rest = int(status["status"]), status["rest"]
        if number not in scope.statuses:
            return (f"`{text}`: {scope.name} does not document status {number} ("
                    f"{scope.documented or 'it documents ' + _listing(scope.statuses)})"
                    + _elsewhere(scope is not contract.api and any(
                        number in op.statuses for op in contract.operations.values()), document)
                    + ("" if document else
                       " (to name one the API does not answer, on purpose: follow it with "
                       "{ .no-ref })" if number not in contract.api.statuses else
                       " (the API answers it to a request of no operation, such as a method "
                       "its path does not take: to name it so, follow it with { .no-ref })"
                       if scope is not contract.api and not any(
                           number in op.statuses for op in contract.operations.values())
                       else ""))
        if rest is None or rest in _phrases(number, titles):
            return None
        if number < 300 and (rest in contract.consts
                             or any(rest in values for values in contract.enums.values())):
            return None  # (a success and a value of its answer, as an example prints them:
            # `200 running`, its status code and `status`)
        codes = [code for code, answered in contract.code_status.items()
                 if answered == number and code in scope.codes]
        if rest in contract.code_status:
            if contract.code_status[rest] != number:
                return (f"`{text}`: `{rest}` is answered with {contract.code_status[rest]}"
                        + (f"; {number}'s codes are {_listing(codes)}" if codes else ""))
            return _check_span(rest, scope, contract, shown, titles, names, document)
        return (f"`{text}`: after the status write its reason phrase "
                f"({' or '.join(sorted(_phrases(number, titles)))}) "
                f"or one of its error codes{f' ({_listing(codes)})' if codes else ''}")
    if text in contract.code_status:
        if text not in scope.codes:
            returning = sorted(name for name, op in contract.alone.items() if text in op.codes)
            return (f"`{text}`: {scope.name} does not return the error code {text} (it returns "
                    f"{_listing(scope.codes)})" + _elsewhere(
                        scope is not contract.api and bool(returning), document, returning))
        return None
    resource = _RESOURCE_ID.match(text)
    if resource is not None and resource["prefix"] in contract.id_patterns:
        kind, pattern = contract.id_patterns[resource["prefix"]]
        if not pattern.match(text):
            return f"`{text}` {_malformed(kind, pattern)}" + _old_api(document)
        kin = _listing(i for i in contract.fixture_ids if i.startswith(resource["prefix"]))
        if text not in contract.fixture_ids and document:
            return (f"`{text}` is not one of the sandbox's fixtures ({kin}): name one of "
                    "them, or say in words what such an ID looks like")
        if text not in contract.fixture_ids and text not in shown():
            return (f"`{text}` is not one of the sandbox's fixtures "
                    f"({kin}), nor in an output this page's "
                    "examples show (one another page's example shows: link it to that page; "
                    "an ID that is no resource on purpose: follow it with { .no-ref })")
        return None
    if text in scope.fields:
        return None
    kind = contract.kinds.get(text.partition("-")[0]) if _KIND.match(text) else None
    if kind is not None and text not in kind[1]:
        close = difflib.get_close_matches(text, sorted(kind[1]), n=1, cutoff=0.6)
        return (f"`{text}` is not a {kind[0]} of the API (they are {_listing(kind[1])})"
                + (f"; did you mean `{close[0]}`?" if close else ""))
    if not _NAME.match(text):
        return _written_otherwise(text, scope, contract) if names else None
    if not names:  # a docstring's names are Python's, but for a code's misspelt
        meant = _codes_a_letter_off(text, contract)
        if not meant or text in _stub_names():
            return None
        return (f"`{text}` is not an error code of the API, nor a name in the stub's code; "
                f"did you mean `{meant[0]}`?")
    if text in contract.field_schemas:
        return (f"`{text}` is a field of {', '.join(contract.field_schemas[text])}, which "
                f"{scope.name} does not use: link it to the page that documents it, or follow "
                "it with { .no-ref }")
    if document and "_" not in text:
        # a description has no { .no-ref }: a plain word in backticks (`created`, `names`)
        # is taken as meant; only a compound name is held to the API's (`next_cursr`)
        return None
    # the likeliest name the page may write as it is: its own operation's first
    close = (difflib.get_close_matches(text, sorted(scope.codes | scope.fields), n=1,
                                       cutoff=_CLOSE)
             or difflib.get_close_matches(text, [*contract.code_status, *contract.field_schemas],
                                          n=1, cutoff=_CLOSE))
    if not close:
        return None
    elsewhere = ""
    if close[0] not in scope.codes | scope.fields:
        elsewhere = (f" (a name of another operation, which {scope.name} does not use: link it "
                     "to the page that documents it, or follow it with { .no-ref })")
    return (f"`{text}` is not an error code or a field of {scope.name}; did you mean "
            f"`{close[0]}`{elsewhere}?"
            + (" (not a name of the API: write it without the backticks)" if document else ""))


#: A sentence that opens with a clause of its own ("Since `ws-12345` is `stopped`, ..."):
#: the comma after its first span ends that clause, and lists nothing.
_CLAUSE_OPENED = re.compile(r"^[\s\"“(]*(?:[-*+]\s+|\d+\.\s+)?(?:since|because|as|if|when|whenever|once|"
                            r"after|while|unless|although|though|until)\b", re.IGNORECASE)
#: What stands between two spans of one list: `running`, `stopped` or `deleted`.
_LISTED = re.compile(r"^\]?(?:\([^)\s]*\))?\s*(?:,\s*(?:(?:or|and)\s+)?|(?:or|and)\s+)\[?$")
_WORD = re.compile(r"^[a-z][a-z0-9-]*$")
#: After a word, what makes it the subject of what follows, not a value listed: its ID in
#: brackets ("`build-runner` (`ws-67890`) a `standard-8`"), or what it is, a span after
#: an article ("`build-runner` a `standard-8`").
_SUBJECT_AFTER = re.compile(r"\s*\(`|\s+an?\s+`", re.IGNORECASE)


def _listed_with_values(spans: list[_Span], prose: str, contract: Contract) -> list[Problem]:
    """A word listed with values of a field's enum ("``running``, ``stopped`` or
    ``suspended``") that is none of them: a value the field does not have.

    Example:
        >>> scope = Scope("the API", frozenset(), frozenset(), frozenset())
        >>> contract = Contract(scope, {}, {}, {"id": ("Workstation",)}, frozenset(), {},
        ...                     enums={"status": frozenset({"running", "stopped"})})
        >>> prose = "One of `running`, `stopped` or `suspended`; `running` and `id` (a field)."
        >>> spans = [_Span(m.start(), m.end(), 1, m[1], None, False)
        ...          for m in re.finditer(r"`([^`]+)`", prose)]
        >>> [p.message for p in _listed_with_values(spans, prose, contract)]
        ['`suspended` is listed with `running`, `stopped`, values of status, but is not one (they are running, stopped)']

    An ID after a value is no value listed, but the subject of what follows it:

        >>> contract = Contract(scope, {}, {}, {}, frozenset(), {"ws-": ("workstation", None)},
        ...                     enums={"status": frozenset({"running", "stopped"})})
        >>> prose = "`ws-12345` is `stopped` and `ws-67890` is `running`."
        >>> spans = [_Span(m.start(), m.end(), 1, m[1], None, False)
        ...          for m in re.finditer(r"`([^`]+)`", prose)]
        >>> _listed_with_values(spans, prose, contract)
        []

    So is a snake_case name listed with error codes that is none of the API's:

        >>> contract = Contract(scope, {}, {"volume_owned": 409, "not_found": 404},
        ...                     {"id": ("Workstation",)}, frozenset(), {})
        >>> prose = ("`not_found`, `volume_busy` or `id`; `volume_owned` and `in_use`; "
        ...          "`not_found` or `volume_onwed` (a misspelling, told as such elsewhere); "
        ...          "in `snake_case`, `not_found` and `volume_owned` alike.")
        >>> spans = [_Span(m.start(), m.end(), 1, m[1], None, False)
        ...          for m in re.finditer(r"`([^`]+)`", prose)]
        >>> for problem in _listed_with_values(spans, prose, contract):
        ...     print(problem.message)
        `volume_busy` is listed with the error code `not_found`, but the API has no such code: did you mean `volume_owned`?
        `in_use` is listed with the error code `volume_owned`, but the API has no such code (the errors page lists every one)
    """
    found, run = [], spans[:1]
    for span in [*spans[1:], None]:
        between = prose[run[-1].end:span.start] if span is not None else ""
        if span is not None and _LISTED.match(between) and not (
                len(run) == 1 and not re.search(r"\b(?:or|and)\b", between)
                and _CLAUSE_OPENED.search(re.split(  # (its sentence: the last 400 characters)
                    r"[.;:!?]\s|\n\n", prose[max(0, run[0].start - 400):run[0].start])[-1])):
            run.append(span)
            continue
        texts = [s.text for s in run if not s.opted_out]
        codes = [t for t in texts if t in contract.code_status]
        for other in run if codes else []:  # "`volume_owned` or `volume_in_use`"
            if (other.opted_out or not _NAME.match(other.text) or "_" not in other.text
                    or other.text.endswith("_case")  # how codes are written: `snake_case`
                    or other.text in codes
                    or other.text in contract.field_schemas or other.text in contract.values
                    or _named_a_code(prose[max(0, other.start - 60):other.start])
                    or _misspelt(other.text, contract)):
                continue  # (one the words before it call a code, or a misspelling, is told
                # as such)
            found.append(Problem(other.line, (
                f"`{other.text}` is listed with the error code{'s' if len(codes) > 1 else ''} "
                f"{', '.join(f'`{t}`' for t in codes)}, but the API has no such code"
                + _code_meant(other.text, contract)), other.text))
        for name, values in contract.enums.items():
            listed = [t for t in texts if t in values]
            if not listed:
                continue
            for other in run:
                if (other.opted_out or other.text in values or not _WORD.match(other.text)
                        or other.text in contract.field_schemas
                        or other.text in contract.code_status
                        or other.text.startswith(tuple(contract.id_patterns))
                        or any(other.text in others for others in contract.enums.values())
                        or _SUBJECT_AFTER.match(prose, other.end)):
                    continue  # (an ID, the subject of what follows: "`ws-12345` is
                    # `stopped` and `ws-67890` is `running`"; another field's value:
                    # "`dev-box`, on `standard-4`, `stopped`"; a name said what it is:
                    # "`build-runner` (`ws-67890`) a `standard-8`")
                found.append(Problem(other.line, (
                    f"`{other.text}` is listed with {', '.join(f'`{t}`' for t in listed)}, "
                    f"values of {name}, but is not one (they are {_listing(values)})"),
                    other.text))
        run = [span] if span is not None else []
    return found


def _check_request(text: str, request: re.Match[str], contract: Contract,
                   document: bool = False, shown: Callable[[], set[str]] | None = None
                   ) -> str | None:
    """What is wrong with a request named in prose (``text``): a path the API does not
    have, or a method its path does not take; None if nothing is.

    Example:
        >>> routes = {"/v1/workstations/{id}": frozenset({"GET", "HEAD", "DELETE"}),
        ...           "/v1/workstations/{id}/stop": frozenset({"POST"})}
        >>> contract = Contract(Scope("the API", frozenset(), frozenset(), frozenset()), {}, {},
        ...                     {}, frozenset(), {}, routes, hosts=frozenset({"api.example.com"}))
        >>> for text in ("DELETE /v1/workstations/ws-12345", "/v1/workstations/{id}/stop",
        ...              "POST /v1/workstations/{id}/delete", "PUT /v1/workstations/{id}",
        ...              "GET /workstations/{id}", "/v1/workstation/{id}?x=1",
        ...              "GET /openapi.json", "TRACE /v1/workstations/{id}",
        ...              "POST https://api.example.com/v1/workstations/{id}/stp",
        ...              "GET /v1/workstations/ws-12345?limt=5",
        ...              "GET https://status.example.org/v1/incidents",
        ...              "GET /v2/workstations/{id}",
        ...              "https://api.example.com/v2/workstations/ws-1"):
        ...     print(_check_request(text, _REQUEST.match(text), contract))
        None
        None
        `POST /v1/workstations/{id}/delete`: the API has no path /v1/workstations/{id}/delete; did you mean /v1/workstations/{id}/stop, or /v1/workstations/{id} (which takes DELETE, GET, HEAD)? (if it is meant, as the old API's or a mistake shown on purpose: follow it with { .no-ref })
        `PUT /v1/workstations/{id}`: /v1/workstations/{id} takes DELETE, GET, HEAD (if it is meant, as the old API's or a mistake shown on purpose: follow it with { .no-ref })
        `GET /workstations/{id}`: the API's paths start with /v1: did you mean /v1/workstations/{id}? (if it is meant, as the old API's or a mistake shown on purpose: follow it with { .no-ref })
        `/v1/workstation/{id}?x=1`: the API has no path /v1/workstation/{id}; did you mean /v1/workstations/{id}? (if it is meant, as the old API's or a mistake shown on purpose: follow it with { .no-ref })
        None
        `TRACE /v1/workstations/{id}`: /v1/workstations/{id} takes DELETE, GET, HEAD (if it is meant, as the old API's or a mistake shown on purpose: follow it with { .no-ref })
        `POST https://api.example.com/v1/workstations/{id}/stp`: the API has no path /v1/workstations/{id}/stp; did you mean /v1/workstations/{id}/stop? (if it is meant, as the old API's or a mistake shown on purpose: follow it with { .no-ref })
        `GET /v1/workstations/ws-12345?limt=5`: /v1/workstations/{id} takes no query parameter limt (it takes none) (if it is meant, as the old API's or a mistake shown on purpose: follow it with { .no-ref })
        None
        `GET /v2/workstations/{id}`: the API's paths start with /v1: did you mean /v1/workstations/{id}? (if it is meant, as the old API's or a mistake shown on purpose: follow it with { .no-ref })
        `https://api.example.com/v2/workstations/ws-1`: the API's paths start with /v1: did you mean /v1/workstations/ws-1? (if it is meant, as the old API's or a mistake shown on purpose: follow it with { .no-ref })
    """
    method, path = request["method"], (request["any"] or request["path"]).partition("?")[0]
    written = request["host"] or request["at"]
    try:
        host = urlsplit(f"//{written}").hostname if written else None
    except ValueError:
        return None
    if host is not None and host.rstrip(".") not in contract.hosts | _LOCAL_HOSTS:
        return None  # a URL of another site

    def route_of(path: str) -> str | None:
        return _route_of(path, contract)

    if not route_of(path) and _a_shape_of(path, contract):
        return None  # a shape of paths (/v1/*, /v1/{resource}/{id}), not one path
    if not path.startswith(f"{API_ROOT}/"):  # another path the server answers
        # (/openapi.json), or one of the API's without its root, or under another version
        meant = re.sub(r"^/v\d+(?=/)", API_ROOT, path) if _VERSION.match(path) else API_ROOT + path
        return (f"`{text}`: the API's paths start with {API_ROOT}: did you mean "
                f"{meant}?" + _old_api(document) if route_of(meant) else None)
    found = route_of(path)
    if found is not None and (kin := _id_in_place(path, found, contract)):
        return f"`{text}`: {kin}" + _old_api(document)
    for segment in path.split("/") if found is not None and shown is not None else ():
        if _RESOURCE_ID.match(segment):  # an ID: one of the fixtures, or one shown
            problem = _check_span(segment, contract.api, contract, shown, {}, True, document)
            if problem:
                return f"`{text}`: {problem}"
    if found is None:
        return (f"`{text}`: the API has no path {path}" + paths_like(path, method, contract.routes)
                + _old_api(document))
    if method is not None and method not in contract.routes[found]:
        return f"`{text}`: {found} takes {_listing(contract.routes[found])}" + _old_api(document)
    query = (request["any"] or request["path"]).partition("?")[2]
    methods = [method] if method else sorted(contract.routes[found])
    takes = frozenset().union(*(contract.queries.get((found, m), {}) for m in methods))
    for name in dict.fromkeys(part.partition("=")[0] for part in query.split("&")
                              if part.partition("=")[0]):
        if name not in takes and not name.startswith(("{", "<")):
            close = difflib.get_close_matches(name, sorted(takes), n=1, cutoff=0.6)
            return (f"`{text}`: {found} takes no query parameter {name} ("
                    + (f"it takes {_listing(takes)}" if takes else "it takes none") + ")"
                    + (f"; did you mean {close[0]}?" if close else "") + _old_api(document))
    said = _query_values_problem(query, [contract.queries.get((found, m), {}) for m in methods])
    return f"`{text}`: {said}" + _old_api(document) if said else None


#: Before a span, what says there is none such: "there is no `status=deleted`".
_THERE_IS_NO = re.compile(r"\b(?:there\s+is\s+no|no\s+such)\s+\[?$", re.IGNORECASE)
#: Right before a name called a field, what says there is none: "there is no `colour`
#: field", "without a `colour` field".
_SAID_NONE = re.compile(r"(?:\bno|\bwithout\s+an?)\s+$", re.IGNORECASE)
#: Query parameters alone, as a sentence names them: ``limit=500``, ``?status=running``.
_QUERY_ALONE = re.compile(r"\??[a-z][a-z0-9_]*=[^&\s=]+(?:&[a-z][a-z0-9_]*=[^&\s=]+)*")


def _query_values_problem(query: str, takers: Sequence[Mapping[str, dict[str, Any]]],
                          alone: bool = False) -> str | None:
    """What is wrong with the values of ``query`` (``limit=500&status=running``) for each
    of ``takers``, the query parameters of the requests it may be sent with: a value none
    of them takes (an integer as the stub reads one, within its parameter's bounds; one of
    an enum; a string of its pattern), in the stub's words or JSON Schema's validator's;
    None if every value is one a request takes, a placeholder, or of a parameter none of
    them has. A query written ``alone`` in a sentence (``limit=20``, no ``?``) is read only
    where it is plainly one: a number for an integer, a word for an enum (not ``limit=n``
    nor ``status=None``, a Python keyword argument's).

    Example:
        >>> takers = [{"limit": {"type": "integer", "minimum": 1, "maximum": 100},
        ...            "status": {"type": "string", "enum": ["running", "stopped"]}}]
        >>> _query_values_problem("limit=500&status=running", takers)
        'limit=500: 500 is greater than the maximum of 100'
        >>> _query_values_problem("limit=05", takers)
        'limit=05: must be written as plain decimal digits: no sign, space, underscore, decimal point or leading zero'
        >>> _query_values_problem("status=suspended", takers, alone=True)
        "status=suspended: 'suspended' is not one of ['running', 'stopped']"
        >>> [_query_values_problem(q, takers, alone=True)
        ...  for q in ("limit=20", "limit=n", "status=None", "x=1")]
        [None, None, None, None]
        >>> [_query_values_problem(q, takers, alone=True)[:9] for q in ("limit=-1", "status=Running")]
        ['limit=-1:', 'status=Ru']
    """
    for part in query.split("&"):
        name, _, value = part.partition("=")
        schemas = [taker[name] for taker in takers if name in taker]
        if not value or not schemas or _PLACEHOLDER.search(value):
            continue
        from jsonschema import Draft202012Validator  # (a page with no query value: not)

        from cloudws.models import _plain_decimal

        problems = []
        for schema in schemas:
            integer = schema.get("type") == "integer"
            if alone and not (re.fullmatch(r"[+-]?[0-9][\w.+-]*", value) if integer else
                              "enum" in schema and re.fullmatch(
                                  r"(?!(?:None|True|False|null)$)[A-Za-z][\w-]*", value)):
                break  # not plainly a query's value: not read
            try:
                instance = int(_plain_decimal(value)) if integer else value
            except ValueError as exc:  # (the stub's own error, a ValueError too)
                problems.append(str(exc))
                continue
            error = next(iter(Draft202012Validator(schema).iter_errors(instance)), None)
            if error is None:
                break
            problems.append(error.message)
        else:
            return f"{name}={value}: {problems[0]}"
    return None


#: An ``Allow`` header, as a `405` answer sends it: the methods its path takes.
_ALLOW = re.compile(r"^(?i:allow):[ \t]*(?P<methods>[A-Z]+(?:[ \t]*,[ \t]*[A-Z]+)*)$")
#: Methods written apart from their header, as an ``Allow`` header's value said to be:
#: "its `Allow` header lists `DELETE, GET, PATCH`".
_ALLOW_VALUE = re.compile(rf"^(?P<methods>(?:{'|'.join(_METHODS)})(?:[ \t]*,[ \t]*"
                          rf"(?:{'|'.join(_METHODS)}))+)$")
_ALLOW_SAID = re.compile(r"`Allow`(?:\s+header)?(?:(?:\s+(?:of|on|for)\s+[^.;:]{1,60}?)?(?:\s+(?:lists|"
                         r"names|holds|says|is|gives|contains|carries)|:)|\s+of)(?:\s+(?:only|just|"
                         r"exactly))?\s+$")


def _allow_problem(span: _Span, spans: Sequence[_Span], prose: str, contract: Contract
                   ) -> str | None:
    """What is wrong with an ``Allow`` header shown (```Allow: GET, HEAD```): it lists
    other methods than those of the path its sentence names (the first request or path in
    it), or, where it names none, than any path of the API takes. In any order, as HTTP
    reads it.

    Example:
        >>> contract = Contract(Scope("the API", frozenset(), frozenset(), frozenset()), {},
        ...     {}, {}, frozenset(), {}, routes={"/v1/x": frozenset({"GET", "HEAD"}),
        ...                                      "/v1/x/{id}": frozenset({"GET", "HEAD", "DELETE"})})
        >>> prose = "`PUT /v1/x/1` gets `Allow: GET, DELETE`. `405` sends `Allow: HEAD, GET`."
        >>> spans = list(_spans(prose))
        >>> for span in spans:
        ...     if _ALLOW.match(span.text):
        ...         print(_allow_problem(span, spans, prose, contract))
        `Allow: GET, DELETE`: /v1/x/{id} answers `Allow: DELETE, GET, HEAD`
        None
    """
    allow = _ALLOW.match(span.text) or _ALLOW_VALUE.match(span.text)
    said = frozenset(m.strip() for m in allow["methods"].split(","))  # type: ignore[index]
    start, end = _around(span, prose)
    named = [found for s in spans if start <= s.start < end and s is not span
             and (request := _REQUEST.match(s.text)) is not None
             and (found := _route_of((request["any"] or request["path"]).partition("?")[0],
                                     contract)) is not None]
    if named:
        if said == contract.routes[named[0]]:
            return None
        return (f"`{span.text}`: {named[0]} answers "
                f"`Allow: {', '.join(sorted(contract.routes[named[0]]))}`")
    if said in contract.routes.values() or not contract.routes:
        return None
    return (f"`{span.text}`: no path of the API takes these methods (its paths' `Allow`: "
            + "; ".join(dict.fromkeys(", ".join(sorted(m)) for m in contract.routes.values()))
            + ")")


def _route_of(path: str, contract: Contract) -> str | None:
    """The path of the API, as written (``/v1/volumes/{id}``), that ``path`` is."""
    return route_of(path, contract.routes)


#: A segment a writer writes for any (``/v1/*``, ``/v1/{resource}/{id}``, ``/v1/...``).
_ANY_SEGMENT = re.compile(r"^(?:\*|\.\.\.|\u2026|\{[^/]*\}|<[^/]*>|:\w+)$")


def _a_shape_of(path: str, contract: Contract) -> bool:
    """Whether ``path`` names a shape of the API's paths, its placeholders standing for any
    segment (``/v1/*``, ``/v1/{resource}/{id}``, ``/v1/workstations/{id}/{action}``)."""
    written = path.split("/")
    return any(len(route.split("/")) == len(written) and all(
        _ANY_SEGMENT.match(mine) or (theirs.startswith("{") and not mine.startswith("{"))
        or mine == theirs for mine, theirs in zip(written, route.split("/"), strict=True))
        for route in contract.routes) or (written[-1] in ("*", "...", "\u2026") and any(
            route.startswith("/".join(written[:-1]) + "/") for route in contract.routes))


def section(markdown: str, title: str) -> tuple[int, int] | None:
    """Where the ``## title`` section of ``markdown`` is: from the end of its heading's line
    (which may close with ``#``s or carry an attribute list) to the next ``## `` heading;
    None if there is none.

    Example:
        >>> text = "## Errors { #errors }\\n\\n- a\\n\\n## Next\\n- b\\n"
        >>> start, end = section(text, "Errors")
        >>> text[start:end]
        '\\n- a\\n\\n'
    """
    heading = re.search(rf"^## {re.escape(title)}(?:[ \t]+#+)?[ \t]*(?:\{{[^}}\n]*\}}[ \t]*)?$\n?",
                        markdown, re.MULTILINE)
    if heading is None:
        return None
    after = re.compile(r"^## ", re.MULTILINE).search(markdown, heading.end())
    return heading.end(), after.start() if after else len(markdown)


def _noted_twice(spans: list[_Span], markdown: str, page: Page, contract: Contract
                 ) -> list[Problem]:
    """Each note of an endpoint page's list of errors (``- **409** — ...``, under
    ``## Errors``) that opens with a status an earlier note of the same list opened with: a
    status's note is one, and a second is most often another status's, its number mistyped
    (the list's other checks hold it to the operation's statuses, of which that is one too).
    Notes that each name their error code first (``- **409** — `volume_not_found`: ...``)
    are one note per code, and may share their status."""
    if page.operation not in contract.alone:
        return []
    prose = prose_of(markdown)
    lists: list[list[_Span]] = []  # the notes under ## Errors, list by list
    for span in (s for s in spans if s.note and _in_section(markdown, s.start, "Errors")):
        if not lists or _LIST_ENDS.search(prose[lists[-1][-1].end:span.start]):
            lists.append([])  # a paragraph or a heading between: another list
        lists[-1].append(span)
    errors = ", ".join(str(s) for s in sorted(contract.alone[page.operation].statuses)
                       if s >= 400)
    found = []
    for notes in lists:
        seen: dict[str, list[str | None]] = {}  # each status read: the codes its notes name
        for span in notes:
            match = _NOTE_CODE.match(prose, span.end)
            code = match["code"] if match else None
            codes = seen.setdefault(span.text, [])
            if codes and (code is None or None in codes):
                found.append(Problem(span.line, (
                    f"`{span.text}` opens a second note of the Errors list: a status has one "
                    f"note (the list's notes open with {', '.join(s.text for s in notes)}; "
                    f"{page.operation} answers {errors}), or one note per error code, each "
                    f'naming its code first ("- **{span.text}** — `code`: ...")'), span.text))
            elif code in codes:
                found.append(Problem(span.line, (
                    f"`{span.text}`, then `{code}`, opens a second note of the Errors list "
                    f"on `{code}`: an error code has one note"), span.text))
            codes.append(code)
    return found


def _code_meant(text: str, contract: Contract, status: int | None = None,
                clause: str = "") -> str:
    """What to say after "the API has no such code" of ``text``: the code it may mean
    (the one code of a condition its ``clause`` says, as "an attached volume"
    (:data:`_CONDITIONS`); else the closest, first among those answered with ``status``,
    when given), or where every code is."""
    said = {code for pattern, codes in _CONDITIONS if pattern.search(clause) for code in codes
            if code in contract.code_status and status in (None, contract.code_status[code])}
    if len(said) == 1:
        return f": did you mean `{next(iter(said))}`?"
    of_status = sorted(c for c, s in contract.code_status.items() if s == status)
    close = (difflib.get_close_matches(text, of_status, n=1, cutoff=0.5)
             or difflib.get_close_matches(text, sorted(contract.code_status), n=1, cutoff=0.6))
    return f": did you mean `{close[0]}`?" if close else " (the errors page lists every one)"


def _misspelt(text: str, contract: Contract) -> bool:
    """Whether ``text``, none of the API's names, is close enough to an error code or a
    field to be told as a misspelling of it (:func:`_check_span`)."""
    return text not in contract.code_status and text not in contract.field_schemas and bool(
        difflib.get_close_matches(text, [*contract.code_status, *contract.field_schemas], n=1,
                                  cutoff=_CLOSE))


#: Before a code a note names as its error: the note's status (``** — ``), or the end
#: of a sentence of the note (``stop it first. ``); not a status of its own (``gets `415` ``,
#: a pair), nor other words (``With `curl`: ``, a tool).
_NAMES_ITS_ERROR = re.compile(r"(?:^\*\*[ \t]*(?:[A-Z][A-Za-z ]*?[ \t]*)?[\u2014\u2013:(-]*[ \t]*"
                              r"|[.;][ \t\n]+)\[?$")


def _note_codes(spans: list[_Span], prose: str, contract: Contract) -> list[Problem]:
    """Each error code a note of a list names as its own (``- **409** — `code`: ...``, a
    snake_case name followed by a colon, first in the note or after): one the API does not
    have, or, after the note's first (which the status-then-code pairs hold), one answered
    with another status.

    Example:
        >>> scope = Scope("the API", frozenset(), frozenset(), frozenset())
        >>> contract = Contract(scope, {}, {"workstation_not_stopped": 409, "not_found": 404,
        ...                     "volume_owned": 409}, {"limit": ("the parameters",)},
        ...                     frozenset(), {})
        >>> prose = ("- **409** — `workstation_running`: stop it. `volume_busy`: no. "
        ...          "`not_found`: gone.\\n- **400** — `limit`: a number.\\n")
        >>> for problem in _note_codes(list(_spans(prose)), prose, contract):
        ...     print(problem.line, problem.message)
        1 `workstation_running` names the error of a `409` note, as its code would, but the API has no such code: did you mean `workstation_not_stopped`?
        1 `volume_busy` names the error of a `409` note, as its code would, but the API has no such code: did you mean `volume_owned`?
        1 `not_found` names the error of a `409` note, as its code would, but `not_found` is answered with 404
    """
    found = []
    ordered = sorted(spans, key=lambda s: s.start)
    for note in (s for s in ordered if s.note):
        end = _NOT_ONE_ITEM.search(prose, note.end)
        first = _NOTE_CODE.match(prose, note.end)
        for span in ordered:
            if (span.start <= note.end or (end is not None and span.start >= end.start())
                    or span.opted_out or span.note or not _NAME.match(span.text)
                    or not prose.startswith(":", span.end)
                    or not _NAMES_ITS_ERROR.search(prose[note.end:span.start])
                    or span.text in contract.field_schemas or span.text in contract.values
                    or span.text not in contract.code_status and _misspelt(span.text, contract)):
                continue  # (a misspelling is told as any span's is)
            said = f"`{span.text}` names the error of a `{note.text}` note, as its code would, but "
            if span.text not in contract.code_status:
                found.append(Problem(span.line, said + "the API has no such code"
                                     + _code_meant(span.text, contract, int(note.text),
                                                   re.split(r"[.;]\s", prose[span.end:])[0]),
                                     span.text))
            elif (str(contract.code_status[span.text]) != note.text
                  and not (first is not None and first.start("code") == span.start + 1)):
                found.append(Problem(span.line, said + (
                    f"`{span.text}` is answered with {contract.code_status[span.text]}"),
                    span.text))
    return found


#: What ends a list between two of its notes: a line that is not indented (a paragraph,
#: a heading) after a blank line, or a heading.
_LIST_ENDS = re.compile(r"\n[ \t]*\n(?![ \t]*(?:[-*+]|\d+[.)])[ \t])\S|\n[ \t]*#")
#: After a note's bold status, the error code it names first: ``** — `code`:``, and
#: ``**: `code``, ``** (`code`)``, ``** Conflict — `code```, ``** — code `code```,
#: ``** — **`code`**``.
_NOTE_CODE = re.compile(r"(?:(?:[ \t]+[A-Za-z][\w '-]*?)?\*\*[ \t]*(?:[A-Z][A-Za-z ]*?[ \t]*)?"
                        r"(?:[\u2014\u2013:(|-]+[ \t]*)?"
                        r"(?:(?:the[ \t]+)?code[ \t]+)?(?:\*\*|_)?|[ \t]*\|[ \t]*)"
                        r"\[?`(?P<code>[a-z][a-z0-9_]*)`")  # (or a table row's next cell)


def _in_section(markdown: str, offset: int, title: str) -> bool:
    """Whether ``offset`` of ``markdown`` is in its ``## title`` section (:func:`section`)."""
    where = section(markdown, title)
    return where is not None and where[0] <= offset < where[1]


def _unlinked_request(text: str, scope: Scope, contract: Contract, page: Page) -> str | None:
    """What is wrong with a request, not in a link, named on an endpoint page: another
    operation's, which the page's reader would take for its own; None if it is the page's
    (or no request of an operation)."""
    request = _REQUEST.match(text)
    if request is None or request["method"] is None:
        return None
    path = (request["any"] or request["path"]).partition("?")[0]
    route = _route_of(path, contract)
    method = "GET" if request["method"] == "HEAD" else request["method"]
    other = next((op for op, (m, r) in contract.requests.items()
                  if (m, r) == (method, route)), None)
    if other is None or other in scope.name or other in scope.documented:
        return None
    where = next((uri for uri, op in page.operation_of.items() if op == other), None) or next(
        (uri for uri, op in page.operation_of.items()  # shown on another's page (the old GET)
         if other in contract.operations.get(op, scope).name), None)
    link = posixpath.relpath(where, posixpath.dirname(page.src_uri) or ".") if where else ""
    return (f"`{text}` is {other}'s request, not this page's: name it in a link to its page"
            + (f" ([`{text}`]({link}))" if link else ""))


def _linked_request(text: str, operation: str, contract: Contract) -> str | None:
    """What is wrong with a request named in a link to ``operation``'s page: it must be
    that operation's."""
    request = _REQUEST.match(text)
    if request is None or operation not in contract.requests:
        return None
    method, route = contract.requests[operation]
    path = (request["any"] or request["path"]).partition("?")[0]
    path = path if path.startswith("/v1/") else f"/v1{path}"
    found = _route_of(path, contract)
    sent = "GET" if request["method"] == "HEAD" else request["method"]
    shown = contract.operations.get(operation)  # and the operations its page shows beside
    if shown is not None and any((m, r) == (sent or m, found) and other in shown.name
                                 for other, (m, r) in contract.requests.items()):
        return None
    if found != route or request["method"] not in (
            None, method, "HEAD" if method == "GET" else method):
        return f"`{text}` links to the page of {operation}, which is {method} {route}"
    return None


def _id_in_place(path: str, route: str, contract: Contract) -> str | None:
    """What is wrong with an ID written in ``path`` (of ``route``) in place of a
    parameter: one of another kind (a volume's where a workstation's goes), or malformed."""
    segments = route.split("/")
    for segment, written, before in zip(segments, path.split("/"), ["", *segments[:-1]],
                                        strict=True):
        resource = _RESOURCE_ID.match(written)
        if not segment.startswith("{") or resource is None:
            continue
        kind, pattern = contract.id_patterns.get(resource["prefix"], (None, None))
        if kind is None or pattern is None:
            continue
        if before.rstrip("s") != kind:  # workstations/{id}: a workstation's
            return f"{written} is a {kind} ID, where a {before.rstrip('s')}'s goes"
        if not pattern.match(written):
            return f"{written} {_malformed(kind, pattern)}"
    return None


def _malformed(kind: str, pattern: re.Pattern[str]) -> str:
    return f"is not a well-formed {kind} ID (pattern `{pattern.pattern}`)"


def _written_otherwise(text: str, scope: Scope, contract: Contract) -> str | None:
    """For a span that is no snake_case name, but is a compound error code or field of the
    API written in capitals, in camelCase, with hyphens or with an underscore at an end (or
    one of those and a typo of it), what to write; None for anything else (a header such as
    ``Content-Type``, a reason phrase such as ``Unauthorized``).

    Example:
        >>> scope = Scope("deleteWorkstation", frozenset({409}),
        ...               frozenset({"workstation_not_stopped"}), frozenset({"volume_ids"}))
        >>> contract = Contract(scope, {}, {"workstation_not_stopped": 409},
        ...                     {"volume_ids": ("Workstation",)}, frozenset(), {})
        >>> print(_written_otherwise("workstation-not-stopped", scope, contract))
        `workstation-not-stopped` is written `workstation_not_stopped` in the API (if it is meant, \
as the old API's or a mistake shown on purpose: follow it with { .no-ref })
        >>> print(_written_otherwise("volumeIds", scope, contract))  # camelCase, as in JavaScript
        `volumeIds` is written `volume_ids` in the API (if it is meant, as the old API's or a mistake shown on purpose: \
follow it with { .no-ref })
        >>> print(_written_otherwise("volumeId", scope, contract))  # a variable, as likely
        None
        >>> _written_otherwise("Workstation_not_stoped_", scope, contract)
        '`Workstation_not_stoped_` is not a name of the API; did you mean `workstation_not_stopped`?'
        >>> [_written_otherwise(t, scope, contract)
        ...  for t in ("Content-Type", "Unauthorized", "WORKSTATION_NOT_STOPPED")]
        [None, None, None]
    """
    camel = re.search(r"[a-z0-9][A-Z]", text) is not None
    written = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", text).lower().replace("-", "_").strip("_")
    if "_" not in written or not _NAME.match(written) or text.isupper():
        return None  # not a compound name; or a constant's (DISK_SIZE_GB)
    names = [*contract.code_status, *contract.field_schemas]
    if written in names:
        return f"`{text}` is written `{written}` in the API" + _old_api(False)
    if camel:  # a letter off a name in camelCase: a variable of an example, as often as not
        return None
    meant = [name for name in sorted(scope.codes | scope.fields) if _one_edit(written, name)] \
        or [name for name in sorted(names) if _one_edit(written, name)]
    return (f"`{text}` is not a name of the API; did you mean `{meant[0]}`?" if meant
            else None)


def _codes_a_letter_off(text: str, contract: Contract) -> list[str]:
    """The error codes ``text`` is a typo of (:func:`_one_edit`)."""
    return [code for code in sorted(contract.code_status) if _one_edit(text, code)]


def _one_edit(text: str, other: str) -> bool:
    """Whether ``text`` is ``other`` with one letter added, dropped or changed, or two
    neighbours swapped: a typo, not another name.

    Example:
        >>> [_one_edit(t, "internal_error") for t in ("internal_eror", "intrenal_error",
        ...  "internal_errors", "internal_error", "validate_json")]
        [True, True, True, False, False]
    """
    if text == other or abs(len(text) - len(other)) > 1:
        return False
    at = next((i for i, (a, b) in enumerate(zip(text, other)) if a != b),
              min(len(text), len(other)))
    if len(text) != len(other):
        longer, shorter = (text, other) if len(text) > len(other) else (other, text)
        return longer[at + 1:] == shorter[at:]
    return (text[at + 1:] == other[at + 1:]
            or (text[at:at + 2] == other[at:at + 2][::-1] and text[at + 2:] == other[at + 2:]))


_STUB = Path(__file__).resolve().parents[1] / "src" / "cloudws"


def _stub_names() -> frozenset[str]:
    """Every name the stub's code uses (its modules' variables, functions, classes,
    parameters, attributes and keywords), read again when a file of it changed."""
    files = tuple(sorted((p, p.stat().st_mtime_ns) for p in _STUB.glob("*.py")))
    return _names_in(files)


@functools.lru_cache(maxsize=2)
def _names_in(files: tuple[tuple[Path, int], ...]) -> frozenset[str]:
    found: set[str] = set()
    for path, _ in files:
        for node in ast.walk(ast.parse(path.read_text())):
            for attribute in ("id", "arg", "attr", "name"):
                value = getattr(node, attribute, None)
                if isinstance(value, str):
                    found.add(value)
    return frozenset(found)


#: A line of a reference page that shows a Python object of the stub's: ``::: cloudws.app``.
_SHOWN_OBJECT = re.compile(r"^:::[ \t]+(?P<dotted>cloudws(?:\.\w+)*)[ \t]*$", re.MULTILINE)
#: Between a Python expression and the value it is said to have: "is", "equals", "returns";
#: or to hold: "includes", "contains".
_PYTHON_SAID = re.compile(
    r"\s+(?:(?P<is>is|equals|==|returns|gives|evaluates\s+to)|(?P<holds>includes|contains|"
    r"holds))\s+(?:the\s+(?:string|tuple|list|number|value|key|status)\s+)?$", re.IGNORECASE)
#: In a clause before a Python expression, what makes its value a later one's, or a
#: condition's: "After `fail_next(...)`,", "With a clock ...,", "If ...".
_PYTHON_LATER = re.compile(r"\b(?:if|when|whenever|after|once|unless|until|while|before|with|"
                           r"inside|within|during|then|later|now|no|not|never)\b|n['’]t\b",
                           re.IGNORECASE)


def python_namespace(markdown: str) -> dict[str, Any]:
    """The names a page's prose may use in Python expressions: ``cloudws``, and the public
    names of each module of the stub's whose objects the page shows (``::: cloudws.app``,
    ``::: cloudws.errors.ERROR_CODES``)."""
    import importlib

    import cloudws

    namespace: dict[str, Any] = {"cloudws": cloudws}
    for shown in _SHOWN_OBJECT.finditer(markdown):
        parts = shown["dotted"].split(".")
        for end in range(len(parts), 0, -1):
            try:
                module = importlib.import_module(".".join(parts[:end]))
            except ImportError:
                continue
            names = getattr(module, "__all__", None) or [
                n for n in vars(module) if not n.startswith("_")]
            namespace.update({n: getattr(module, n) for n in names if hasattr(module, n)})
            break
    return namespace


def python_names(namespace: Mapping[str, Any]) -> frozenset[str]:
    """The names in ``namespace`` (:func:`python_namespace`), and the public attributes of
    the classes among them (a dataclass's fields, a model's, its methods).

    Example:
        >>> import cloudws.app
        >>> "fields" in python_names({"Exchange": cloudws.app.Exchange})
        True
    """
    import dataclasses

    names = set(namespace)
    for value in namespace.values():
        if isinstance(value, type):
            names.update(n for n in dir(value) if not n.startswith("_"))
            if dataclasses.is_dataclass(value):
                names.update(f.name for f in dataclasses.fields(value))
            names.update(getattr(value, "model_fields", {}))
    return frozenset(names)


#: Names never read in a page's Python expression: the command line's (its ``main`` reads
#: the build's own arguments), and what runs or serves something.
_NOT_CALLED = frozenset({"cli", "main", "run", "serve", "exit", "system"})


def _python_value(text: str, namespace: Mapping[str, Any]) -> tuple[bool, Any]:
    """``text`` evaluated as a Python expression in ``namespace``: names, attributes (none
    private), subscripts and calls with literals alone (``ERROR_CODES["not_found"].status``,
    ``steps_of("deleteVolume")``); (False, None) for any other text, or one that raises.

    Example:
        >>> import cloudws.errors
        >>> _python_value('ERROR_CODES["not_found"].status', vars(cloudws.errors))
        (True, 404)
        >>> _python_value("ERROR_CODES._x", vars(cloudws.errors))
        (False, None)
        >>> _python_value("print(1)", {})  # (a name not the page's)
        (False, None)
        >>> import cloudws.cli
        >>> _python_value("cloudws.cli.main()", {"cloudws": cloudws})  # (never run)
        (False, None)
    """
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError:
        return False, None
    allowed = (ast.Expression, ast.Name, ast.Attribute, ast.Subscript, ast.Call, ast.Constant,
               ast.Load, ast.keyword)
    for node in ast.walk(tree):
        if not isinstance(node, allowed) or isinstance(node, ast.Attribute) and (
                node.attr.startswith("_") or node.attr in _NOT_CALLED) or isinstance(
                    node, ast.Name) and (node.id not in namespace or node.id in _NOT_CALLED) or (
                        isinstance(node, ast.Call) and not all(isinstance(a, ast.Constant) for a in (
                            *node.args, *(k.value for k in node.keywords)))):
            return False, None
    if not any(isinstance(n, (ast.Attribute, ast.Subscript, ast.Call)) for n in ast.walk(tree)
               ) and not any(isinstance(n, ast.Name) and n.id.isupper() for n in ast.walk(tree)):
        return False, None  # (a bare name: a word as often as an object; not a constant's)
    dotted = re.match(r"cloudws(?:\.\w+)+", text.strip())
    if dotted is not None:  # (a module of the stub's, named whole: imported if need be)
        import importlib

        parts = dotted[0].split(".")
        for end in range(2, len(parts)):
            with contextlib.suppress(ImportError):
                importlib.import_module(".".join(parts[:end]))
    try:
        return True, eval(compile(tree, "<page>", "eval"), {"__builtins__": {}}, dict(namespace))
    except (Exception, SystemExit):  # noqa: BLE001 - an expression that fails is not read
        return False, None


def _python_value_problem(span: _Span, spans: Sequence[_Span], prose: str,
                          namespace: Callable[[], Mapping[str, Any]]) -> str | None:
    """What is wrong with a Python expression of the stub's (``span``) said to be a value
    written in code after it ("`cloudws.app.TOKEN_PREFIX` is `"cws_test_"`",
    "`OPERATIONS["deleteWorkstation"].errors` includes `410`"): evaluated in the page's
    namespace (:func:`python_namespace`), it is another, or does not hold it. The value is
    read as a Python literal, or as the text of a string (a pattern, a URL); the clause must
    end after it, and say no condition or later time before the expression."""
    said = next((s for s in spans if s.start > span.end), None)
    verb = _PYTHON_SAID.fullmatch(prose, span.end, said.start) if said is not None else None
    if said is None or verb is None or said.opted_out or span.opted_out:
        return None
    start, _ = _clause(span, prose, brackets=False)
    if _PYTHON_LATER.search(prose, start, span.start) or not re.match(
            r"\s*(?:[.;:,!?)]|$|\n)", prose[said.end:said.end + 2]):
        return None
    known, value = _python_value(span.text, namespace())
    if not known:
        return None
    try:
        literal, is_literal = ast.literal_eval(said.text.strip()), True
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        literal, is_literal = said.text, False
    primitive = (str, int, float, bool, type(None), tuple, list, dict, set, frozenset)
    if verb["holds"]:
        if not isinstance(value, (tuple, list, dict, set, frozenset, str)) or not (
                is_literal and isinstance(literal, (str, int))):
            return None
        if literal in value:
            return None
        shown = sorted(value, key=str) if isinstance(value, (dict, set, frozenset)) else value
        return (f"`{span.text}` is said to hold `{said.text}`, but it holds "
                f"{', '.join(f'`{v!r}`' for v in shown) or 'nothing'} (evaluated against the stub)")
    if is_literal and type(literal) in primitive and isinstance(value, primitive):
        same = literal == value or (isinstance(literal, list) and isinstance(value, tuple)
                                    and tuple(literal) == value)
    elif isinstance(value, str):
        same = said.text == value
    else:
        return None  # (an object: what it is said to be is not read)
    if same:
        return None
    return (f"`{span.text}` is said to be `{said.text}`, but it is `{value!r}` (evaluated "
            "against the stub)")


def check(markdown: str, page: Page, contract: Contract,
          titles: Mapping[int, str] | None = None, *, names: bool = True,
          shown_elsewhere: str = "", document: bool = False,
          headers_of: str | None = None) -> list[Problem]:
    """Every bad reference in the prose of ``markdown``; ``titles`` maps a status to the
    reason phrase the API uses for it (``413`` -> ``Content Too Large``). Without
    ``names``, only statuses, error codes and resource IDs are references (a docstring
    names the stub's Python objects, which are no field of the API). An ID that
    ``shown_elsewhere`` names (a docstring's examples, say) is one shown too. In a
    description of the OpenAPI ``document``, ``{ .no-ref }`` opts nothing out: the document
    would publish it as it is. With ``headers_of``, an operation, a header is held to that
    operation's headers (a description the document gives that operation)."""
    own = contract.operations.get(page.operation or "", contract.api)
    held = contract.alone.get(headers_of or "")
    found, ids = [], None

    def shown() -> set[str]:
        nonlocal ids
        if ids is None:
            ids = shown_ids(markdown, contract.id_patterns, page.read) | set(
                _id_finder(contract.id_patterns).findall(shown_elsewhere))
        return ids

    spans = list(_spans(markdown))
    prose = prose_of(markdown)
    namespace = functools.cache(lambda: python_namespace(markdown))
    python_named = functools.cache(lambda: python_names(namespace()))
    for bare in _NO_REF.finditer(prose):  # { .no-ref } after no span: shown as it is
        if not any(s.start <= bare.start() <= s.end for s in spans):
            found.append(Problem(prose.count("\n", 0, bare.start()) + 1, (
                f"`{bare[0]}`: the OpenAPI document would publish it as it is: take it out"
                if document else
                f"`{bare[0]}` follows no span, and the page would show it as text: write it "
                "right after the span's closing backtick, with no space between"), bare[0]))
    ordered = sorted(spans, key=lambda span: span.start)
    called = _called_headers(ordered, prose)
    fields = _called_fields(ordered, prose)
    parameters = _called_parameters(ordered, prose)
    found += _listed_with_values([s for s in ordered if not s.heading], prose, contract)
    found += _noted_twice(ordered, markdown, page, contract)
    found += _note_codes(ordered, prose, contract)
    for span, after in itertools.pairwise(ordered):  # a status, then the code that goes with it
        status = _STATUS.match(span.text)
        if (status is None or status["rest"] in contract.code_status or span.opted_out
                or after.opted_out or after.text not in contract.code_status
                or re.search(r"\b(?:no|not\s+(?:a|an|every|any|one))\s+$",
                             prose[max(0, span.start - 16):span.start], re.IGNORECASE)
                or not (between := _STATUS_THEN_CODE.match(prose[span.end:after.start]))
                or _NOT_ONE_ITEM.search(prose[span.end:after.start])
                or (between["mark"] and not _CLAUSE_END.match(prose[after.end:after.end + 40])
                    and not (re.match(r":|\s*[(\u2014\u2013]|\s+-\s", prose[after.end:after.end + 3])
                             and _OPENS_A_NOTE.search(
                        prose[prose.rfind("\n", 0, span.start) + 1:span.start])))):
            continue  # not a pair: across "(", ":" or a dash, the code must end its clause
            # (or, in a note that opens with its status, its colon: "- **400** — `x`: ...")
        if contract.code_status[after.text] != int(status["status"]):
            found.append(Problem(span.line, f"`{span.text}`, then `{after.text}`: "
                                 f"`{after.text}` is answered with "
                                 f"{contract.code_status[after.text]}: write "
                                 f"`{contract.code_status[after.text]}`" + _old_api(document),
                                 span.text))
    for span in spans:
        misread = False  # (a problem found by reading its sentence: see below)
        if span.opted_out and document:
            found.append(Problem(span.line, f"`{span.text}`{{ .no-ref }}: the OpenAPI document "
                                 "would publish { .no-ref } as it is: say it another way, or "
                                 "without the backticks (text outside them is not checked)",
                                 span.text))
            continue
        if span.opted_out:
            continue
        scope, seen = own, shown
        if span.note and page.operation in contract.alone and _in_section(
                markdown, span.start, "Errors"):  # the page's own errors: not the other's
            scope = contract.alone[page.operation]
        if span.link is not None:
            other = page.operation_of.get(page.target(span.link))
            scope = contract.operations.get(other or "", own)
            seen = _shown_there(page, span.link, contract, shown)
        if names and not span.heading and (_DEFAULT_BEFORE.search(
                prose[max(0, span.start - 40):span.start]) or re.match(
                    r"\s+(?:by\s+default|unless\s+(?:you|it\s+is)\s+(?:set|send|sent|given))\b",
                    prose[span.end:span.end + 30]) and re.search(
                    r"`[a-z_]+`\s+(?:is|are)\s+$", prose[max(0, span.start - 40):span.start])):
            # "defaults to `standard-4`", "`limit` is `20` by default"
            sentence = re.split(r"[.;!?]\s|\n\n", prose[:span.start])[-1]
            start = span.start - len(sentence)
            if _NEGATION.search(sentence) or _OTHER_APIS.search(sentence):
                continue  # ("`limit` does not default to `50`", "some APIs' `limit` ...")
            named = [s.text for s in ordered if start <= s.start < span.start
                     and s.text in contract.body_defaults]
            if named or any(span.text in values for field_name, values in contract.enums.items()
                            if field_name in contract.body_defaults):
                problem = _default_problem(span.text, named[-1] if named else None, contract)
                if problem:
                    found.append(Problem(span.line, problem, span.text,
                                         _misread(span.text, document)))
                continue  # a field's default, read as one (`100` is no status here)
        if _STATUS.fullmatch(span.text) and _A_UNIT_AFTER.match(prose, span.end):
            continue  # a number with its unit ("`100` GiB") is no status
        if _QUERY_ALONE.fullmatch(span.text) and _THERE_IS_NO.search(
                prose[max(0, span.start - 30):span.start]):
            continue  # a value said not to be taken ("there is no `status=deleted`")
        problem = (_in_heading(span.text, scope, contract, seen, titles or {}, document)
                   if span.heading else
                   _check_span(span.text, scope, contract, seen, titles or {}, names, document))
        if (problem is not None and not span.heading and " does not use: link it to " in problem
                and (_refused_in_clause(span, spans, prose) or re.search(
                    r"\bunknown\s+(?:fields?|members?|parameters?),?\s+(?:such\s+as|like|e\.g\.,?)\s+$",
                    prose[max(0, span.start - 40):span.start], re.IGNORECASE))):
            problem = None  # (another's field sent here, said to be refused: "an unknown
            # field, such as `size_gb`, gets `400`")
        if (problem is not None and not span.heading and " is not an error code or a field of "
                in problem and _SHOWN_OBJECT.search(markdown)
                and span.text in python_named()):
            problem = None  # (a name of the stub's Python objects a reference page shows: an
            # attribute of its `Exchange`, say)
        if (problem is not None and not span.heading and (
                " is not an error code or a field of the API" in problem
                or ": the API has no path " in problem) and _SAID_UNKNOWN.search(
                    prose, max(0, span.start - 60), span.start)):
            problem = None  # (said to be none of the API's: "an unknown field, `nam`", "a
            # path the API does not have, such as `/v1/nothing`")
        if (problem is not None and span.link is not None and " does not use: link it to "
                "the page that documents it" in problem
                and _shows_field(page, span.link, span.text, contract)):
            problem = None  # (another schema's field, linked to a page of no operation that
            # shows it: "[`standalone`](../concepts/volumes.md#volume-schema)")
        if (problem is not None and not span.heading and " is not a well-formed " in problem
                and re.search(r"\b(?:malformed|invalid|ill-formed|not\s+(?:a\s+)?(?:well-formed|"
                              r"valid))\s+(?:(?:workstation|volume)\s+)?IDs?,?\s+(?:such\s+as|like|"
                              r"e\.g\.,?|as)\s+$|\bmalformed\s*\(\s*$",
                              prose[max(0, span.start - 60):span.start], re.IGNORECASE)):
            problem = None  # ("a malformed ID such as `ws-A`": shown as malformed)
        if (problem is not None and not span.heading and " does not use: link it to " in problem
                and any(owner in schema.lower() for owner in _owners_said(span, prose)
                        for schema in contract.field_schemas.get(span.text, ()))
                and not _CLAIMED_HERE.search(_outside_code(prose, spans, *_clause(span, prose)))
                and not (_CALLED_A_FIELD.match(prose, span.end)  # ("`size_gb` is a volume's
                         and _sent_in_its_sentence(span, spans, prose))):  # field; an update
            # takes it": the page's own operation is said to take it all the same)
            problem = None  # (another resource's field, said of it: "a workstation's
            # `volume_ids`", on Create volume's page)
        if (problem is not None and not span.heading and " does not use: link it to " in problem
                and (span.text in _resource_fields(page.operation, contract)
                     or _of_an_operation_named(span, prose, page, contract)
                     or _of_an_operation_in_its_clause(span, prose, page, contract))):
            problem = None  # (a field of the resource the operation acts on: "read the
            # volume's `attached_to`" on Delete volume's page, whose answer has none)
        if (problem is not None and not span.heading and " does not use: link it to " in problem
                and _said_left_out(span, prose)):
            problem = None  # (another's field said to be left out of this one's answer: "the
            # delete's answer has no `created_at`", true of it)
        if (problem is not None and not span.heading and _QUERY_ALONE.fullmatch(span.text)
                and (_refused_in_clause(span, spans, prose)
                     or _note_status(span, prose) == 400)):
            problem = None  # ("`limit=0` gets `400`": a value shown as refused, as it is; so
            # in an error's note: "- **400** — a `limit` over `100`, such as `limit=500`")
        if (problem is not None and not span.heading and "?" in span.text
                and re.match(rf"`{re.escape(span.text)}`: (?:\S+ takes no query parameter |"
                             r"[a-z_]+=)", problem)
                and _refused_in_clause(span, spans, prose)):
            problem = None  # (a request whose query is refused, shown so: "`GET
            # /v1/volumes?status=running` gets `400`")
        if (problem is not None and not span.heading
                and (" does not document status " in problem
                     or " does not return the error code " in problem)
                and (_SAID_NOT_BEFORE.search(prose, max(0, _denied_from(span, spans, prose) - 60),
                                             _denied_from(span, spans, prose))
                     or _NEVER_AFTER.match(prose, span.end))):
            problem = None  # ("a stop never answers `409`": true of the page's operation;
            # "no operation answers `204`", of the API)
        if (problem is not None and span.note and " does not document status " in problem
                and _NOTE_DENIES.match(prose, span.end)):
            problem = None  # (a note that says the operation never answers it: "- **409** —
            # never: a read conflicts with nothing")
        if (problem is None and span.note and (said := _STATUS.match(span.text)) is not None
                and (alone := contract.alone.get(page.operation or "")) is not None
                and int(said["status"]) in alone.statuses and _NOTE_DENIES.match(prose, span.end)
                and re.search(r"\b(?:answer(?:s|ed)?|return(?:s|ed)?|sen[dt]s?)\b",
                              prose[span.end:(prose.find("\n", span.end) + 1 or len(prose))],
                              re.IGNORECASE)):
            problem = (f"`{span.text}` is said never to be answered, but {alone.name} documents "
                       f"it (it documents {_listing(alone.statuses)})")  # ("- **404** — never
            # answered"; not "1. **404** — never." under "Which to retry")
        if problem is not None and _a_method_refused(span, spans, prose, problem):
            problem = None  # (a method a path does not take, and the `405` it gets, said so)
        if problem is not None and not span.opted_out and _refused_as_said(
                span, spans, prose, problem):
            problem = None  # (a token or an ID shown with what the sandbox answers to it)
        if (problem is not None and " does not document status " in problem
                and _a_fields_value(span, spans, prose, contract)):
            problem = None  # (a number a field is given: "a `limit` of `101` gets `400`")
        if (problem is not None and " does not document status " in problem
                and (said := _STATUS.match(span.text)) is not None
                and int(said["status"]) not in contract.api.statuses
                and _THEN_NOT_NOW.search(prose, *_clause(span, prose, brackets=False))):
            problem = None  # (the old API's, said so: "the old delete used to answer `204`")
        if (problem is not None and names and not span.heading and scope is not contract.api
                and (" does not document status " in problem
                     or " does not return the error code " in problem)
                and (_answered_by_others(span, prose, page, contract)
                     or _answered_in_a_relative_clause(span, prose, page, contract))):
            problem = None  # (said of other operations, the clause's subject: "[Update](...)
            # and [Delete](...) answer `409`", on Stop's page: held to theirs)
        if (problem is not None and names and not span.heading and scope is not contract.api
                and " does not document status " in problem
                and (of_method := _OF_A_METHOD.search(prose, max(0, span.start - 80),
                                                      span.start)) is not None
                and (said := _STATUS.match(span.text)) is not None
                and any(int(said["status"]) in contract.operations[op].statuses
                        for op, (method, _) in contract.requests.items()
                        if method == of_method["method"] and op in contract.operations)):
            problem = None  # (another method's request, the clause's subject: "a `GET` of
            # that ID answers `404`", on Create's page; one of that method documents it)
        if (problem is not None and names and not span.heading and scope is not contract.api
                and " does not document status " in problem):
            # said for a condition it has an answer for: that answer is the fix ("a stop on
            # a workstation that does not exist gets `409`": its `404`)
            meant = _condition_problem(span, spans, prose, contract, page)
            if meant is not None:
                problem = f"{meant}; {scope.name} never answers `{span.text}`"
                misread = True
        if (problem is None and _NAME.match(span.text) and span.text not in contract.code_status
                and span.text not in contract.field_schemas and (
                    _named_a_code(prose[max(0, span.start - 60):span.start])
                    or _answered_as_code(span, spans, prose, contract))):
            problem = (f"`{span.text}` is named an error code, but the API has none such"
                       + _code_meant(span.text, contract, clause=prose[slice(
                           *_clause(span, prose, brackets=False))]) + _old_api(document))
        if problem is None and names and span.start in fields and not _SAID_NONE.search(
                prose, max(0, span.start - 24), span.start):  # ("there is no `colour` field")
            problem = _field_problem(span.text, scope, contract, document)
        if problem is None and names and span.start in parameters and not _NEGATION.search(
                prose, _clause(span, prose)[0], span.start) and not _refused_in_clause(
                    span, spans, prose):  # ("a `force` query parameter"; not "no operation
            # takes a `force` parameter", nor "a `page` parameter gets `400`", shown refused)
            problem = _field_problem(span.text, scope, contract, document, "parameter") or (
                _not_its_parameter(span, prose, page, scope, contract))
        owner = (_OWNER.search(prose[max(0, span.start - 40):span.start])
                 if problem is None and names and span.link is None else None)
        if owner is not None and not _DENIED.match(prose[span.end:span.end + 30]):
            # "a workstation's `attached_to`" (but "... is not a field: read ...")
            problem = _owned_field_problem(span.text, owner["kind"], contract, document)
        read = _READ_FIELD.match(span.text) if problem is None and names else None
        if read is not None and read["dotted"] not in _MODEL_API:
            # `workstation.ip_address`, `volume["size_gb"]` (not `workstation.model_dump`)
            problem = _owned_field_problem(read["dotted"] or read["key"], read["kind"],
                                           contract, document, span.text)
        member = (_JSON_MEMBER.match(span.text) if problem is None and names and page.operation
                  else None)  # (on an endpoint page: a member of its body or its answer)
        if member is not None and not any(_one_edit(member["name"], f) for f in scope.fields):
            member = None  # a field misspelt is told; another name (a header, as fetch
            # writes one: `"accept": "application/json"`) is the page's to say
        if member is not None:  # `"volume_ids": []`: a body's or an answer's member
            problem = _field_problem(member["name"], scope, contract, document)
        if problem is None and names:
            problem = _header_problem(span.text, span.start in called, contract, document,
                                      scope if held is None else held)
            if (problem is not None and not span.heading and " is not a header of " not in problem
                    and (header := _HEADER.match(span.text)) is not None and header["value"]
                    and _refused_in_clause(span, spans, prose, contract.code_status)):
                problem = None  # ("`Content-Type: text/plain` gets `415`": shown as refused)
            if (problem is not None and not span.heading and " is not a header of " in problem
                    and " is not a header of the API" not in problem
                    and "did you mean" not in problem and _said_ignored(span, prose)):
                problem = None  # ("A delete ignores an `Idempotency-Key` header": another's)
            if (problem is not None and not span.heading and " is not a header of " in problem
                    and "did you mean" not in problem and _SAID_NOT_BEFORE.search(
                        prose, max(0, span.start - 60), span.start)):
                problem = None  # ("The API sends no `Retry-After` header": said so)
            if problem is None and not span.heading and page.operation and _said_ignored(
                    span, prose) and (header := _HEADER.match(span.text)) is not None and (
                        header["name"].casefold() in contract.inputs.get(page.operation, {})
                        and not _NEGATION.search(prose, *_clause(span, prose))):
                problem = (f"`{span.text}` is said to be ignored, but {page.operation} reads it "
                           "(a header it takes)")
            if problem is None and (_ALLOW.match(span.text) or _ALLOW_VALUE.match(
                    span.text) and _ALLOW_SAID.search(prose, max(0, span.start - 100),
                                                      span.start)):
                problem = _allow_problem(span, spans, prose, contract)
            location = _LOCATION.match(span.text)
            if problem is None and location is not None and not _PLACEHOLDER.fullmatch(
                    location["value"]):  # the path of what it made: held as a path is
                path = _location_path(location["value"])[0]
                problem = _location_problem(span.text, location["value"], path and _check_span(
                    path, scope, contract, seen, titles or {}, names, document), document)
        read_from = problem is None  # (what follows reads the sentence: it may misread it)
        if problem is None and names and not span.heading:
            problem = _state_problem(span, prose, contract)
        if problem is None and names and not span.heading:
            problem = _required_problem(span, prose, page, contract)
        if problem is None and names and not span.heading:
            problem = _taker_problem(span, prose, contract)
        if problem is None and not span.heading:
            problem = _code_then_status_problem(span, spans, prose, contract)
        if problem is None and names and not span.heading:
            problem = _condition_problem(span, spans, prose, contract, page)
        if problem is None and names and not span.heading:
            problem = _answered_by_problem(span, spans, prose, page, contract)
        if problem is None and names and not span.heading:
            problem = _condition_first_problem(span, spans, prose, page, contract)
        if problem is None and names and not span.heading:
            problem = _never_answers_problem(span, prose, page, contract)
        if problem is None and names and not span.heading:
            problem = _id_call_problem(span, spans, prose, page, contract, shown)
        if problem is None and names and not span.heading:
            problem = _second_call_problem(span, spans, prose, page, contract, shown)
        if problem is None and names and not span.heading:
            problem = _body_call_problem(span, spans, prose, page, contract, shown)
        if problem is None and names and not span.heading:
            problem = _method_of_path_problem(span, spans, prose, page, contract)
        if problem is None and names and not span.heading:
            problem = _request_subject_problem(span, spans, prose, page, contract, shown)
        if problem is None and names and not span.heading:
            problem = _request_verdict_problem(span, spans, prose, page, contract, shown)
        if problem is None and names and not span.heading:
            problem = _id_answers_after_problem(span, spans, prose, page, contract)
        if problem is None and names and not span.heading:
            problem = _no_body_problem(span, spans, prose, page, contract)
        if problem is None and names and not span.heading:
            problem = _field_lists_problem(span, spans, prose, page, contract)
        if problem is None and names and not span.heading:
            problem = _request_shows_problem(span, prose, page, contract)
        if problem is None and names and not span.heading:
            problem = _request_lists_problem(span, prose, page, contract)
        if problem is None and names and not span.heading:
            problem = _fixture_member_problem(span, prose, page, contract)
        if problem is None and names and not span.heading:
            problem = _volume_ids_problem(span, spans, prose, page, contract)
        if problem is None and names and not span.heading:
            problem = _can_be_done_problem(span, prose, page, contract)
        if problem is None and names and not span.heading:
            problem = _in_state_problem(span, spans, prose, page, contract)
        if problem is None and names and not span.heading:
            problem = _left_in_problem(span, prose, page, contract)
        if problem is None and names and not span.heading:
            problem = _sent_field_problem(span, spans, prose, page, contract)
        if problem is None and not span.heading and not span.link:
            problem = _python_value_problem(span, spans, prose, namespace)
        if problem is None and names and not span.heading:
            problem = _members_answered_problem(span, spans, prose, page, contract, shown)
        misread = misread or (read_from and problem is not None)
        if problem is None and span.link is not None:
            problem = _anchor_problem(span.text, span.link, contract)
        read_from = problem is None
        if problem is None and names and not span.heading and not span.link:
            problem = _member_problem(span, prose, contract)
        if problem is None and names and not span.heading and not span.opted_out:
            problem = (_type_problem(span, prose, contract)
                       or _left_out_problem(span, prose, page, contract)
                       or _media_type_problem(span, spans, prose, contract))
        misread = misread or (read_from and problem is not None)
        value = _PROBLEM_MEMBER.match(span.text) if problem is None and names else None
        if value is not None:  # `"title": "Payload Too Large"`, a problem's member
            problem = _problem_member_problem(value["name"], value["value"], contract,
                                              titles or {})
        if (problem is None and span.link is None and page.operation and not span.heading
                and not document):
            problem = _unlinked_request(span.text, scope, contract, page)
        if problem is None and span.link is not None and page.operation_of.get(
                page.target(span.link)):  # a request linked: the linked page's
            problem = _linked_request(span.text, page.operation_of[page.target(span.link)],
                                      contract)
        if problem is None and span.link is not None and "errors" in span.link:
            anchor = span.link.partition("#")[2]  # a code's row: the code is its text
            if anchor in contract.code_status and anchor != span.text and (
                    span.text in contract.code_status or _NAME.match(span.text)):
                problem = f"`{span.text}` links to the row of `{anchor}`"
        if problem:
            found.append(Problem(span.line, problem, span.text, _misread(
                span.text, document, in_code=prose[span.start:span.start + 1] == "`")
                if misread and "{ .no-ref }" not in problem else ""))
    for span in _shown_lines(markdown):  # as a span, with no words around it
        problem = _export_problem(span.text) or _check_span(
            span.text, own, contract, shown, titles or {}, False, document)
        if problem is None and names:
            problem = _block_header_problem(span.text, contract, document)
        if problem:  # no { .no-ref } in a block: what it shows must be the API's
            found.append(Problem(span.line, _NO_REF_ADVICE.sub("", problem), span.text))
    if names:  # (a docstring writes its statuses bare: ``a 404 or 409``)
        for bare in _BARE_STATUS.finditer(prose):
            if (prose[prose.rfind("\n", 0, bare.start()) + 1:].lstrip().startswith(
                    ("#", "!!!", "???")) or any(s.start <= bare.start() < s.end for s in spans)):
                continue  # (a heading writes its status as it is, "## When you get a 401",
                # and so does a note's title, '!!! tip "Got a 409?"'; code, as it shows it)
            status, verb = bare["status"], bare["verb"] or bare["verb2"]
            then = _check_span(status, own, contract, shown, titles or {}, names, document)
            if then and " does not document status " in then and own is not contract.api and \
                    _SAID_NOT_BEFORE.search(prose, max(0, bare.start("status") - 60),
                                            bare.start("status")):
                then = None  # (as code, the denial would pass: "never fails with 409")
            found.append(Problem(
                prose.count("\n", 0, bare.start("status")) + 1,
                f"{status} after {verb.strip()!r} is a status written "
                f"{'in bold' if bare['bold'] else 'without backticks'}, which no check reads: "
                f"write `{status}`"
                + (f"; as code, it would be told too: {then.partition(': ')[2]}" if then
                   else ""), status))
        for note in _NOTE_WITH_REASON.finditer(prose):  # "- **409 Conflict** — ..."
            status, reason = note["status"], note["reason"].strip()
            phrases = _phrases(int(status), titles or {})
            if not phrases or reason.casefold() in {p.casefold() for p in phrases}:
                continue  # (its checks read the status: told there if it is wrong)
            meant = (titles or {}).get(int(status)) or HTTPStatus(int(status)).phrase
            found.append(Problem(
                prose.count("\n", 0, note.start("status")) + 1,
                f"**{status} {reason}** opens a note with a reason that is not {status}'s: "
                f"write **{status} {meant}**, or **{status}** alone", status))
    if names and not document:  # (a docstring's paths are Python's: `/v1` in a URL)
        for bare in _BARE_REQUEST.finditer(prose):
            line = prose[prose.rfind("\n", 0, bare.start()) + 1:bare.start()].lstrip()
            said = prose[prose.rfind("\n\n", 0, bare.start()) + 1:bare.start()]
            if (any(s.start <= bare.start("path") < s.end for s in spans)
                    or line.startswith(("#", "!!!", "???"))
                    or said.count('"') % 2 or said.count("“") > said.count("”")):
                continue  # (code: checked as a span; a heading's, or a note's title, is as
                # it is written, as a bare status is there; so is what a quote says, as a
                # problem's `detail` reads)
            written = (f"{bare['method']} {bare['path']}" if bare["method"] else bare["path"])
            then = _check_span(written, own, contract, shown, titles or {}, names, document)
            found.append(Problem(
                prose.count("\n", 0, bare.start()) + 1,
                f"{bare[0]!r} is a {'request' if bare['method'] else 'path'} written without "
                f"backticks, which no check reads: write `{written}`"
                + (f"; as code, it would be told too: "
                   f"{_NO_REF_ADVICE.sub('', then.partition(': ')[2])}" if then else ""),
                written))
        found += [Problem(prose.count("\n", 0, at) + 1, message, words,
                          "" if "{ .no-ref }" in message else _misread(None, document))
                  for at, message, words in (*_ignored_problems(prose, page, contract),
                                             *_needs_state_problems(prose, spans, page,
                                                                    contract),
                                             *_volume_kind_problems(prose, spans, page,
                                                                    contract),
                                             *_fate_problems(prose, spans, page, contract),
                                             *_volume_order_problems(prose, spans),
                                             *_volume_update_problems(prose, spans))]
        found += [Problem(prose.count("\n", 0, at) + 1, message, number,
                          _misread(number, document))
                  for at, message, number in _bound_problems(prose, spans, contract)]
    coded = {(s.line, s.text) for s in spans if prose[s.start:s.start + 1] == "`"}
    # a note's bold or bare status: named as it is written ("**404**", "404"), and told it
    # takes { .no-ref } written as code
    bare = {(s.line, s.text): "**" * (prose[s.start - 2:s.start] == "**") for s in spans
            if s.note and (s.line, s.text) not in coded}
    found = [_as_written(p, bold) if (bold := bare.get((p.line, p.text))) is not None else p
             for p in found]
    return found + fixture_claims(prose) + [  # (no span opts an order out: words only)
        replace(p, advice=_misread("", document)) for p in order_claims(prose)]


_BOUND_FIELD = r"`(?P<field>[a-z][a-z0-9_]*)`"
_BOUND_NUMBER = r"`(?P<{}>\d[\d,]*(?:\.\d+)?)`"
_AT_MOST = (r"up\s+to|at\s+most|no\s+(?:more|larger|greater|higher|bigger)\s+than|"
            r"as\s+(?:large|high|big|much)\s+as")
_AT_LEAST = r"at\s+least|no\s+(?:less|smaller|lower|fewer)\s+than|as\s+(?:small|low)\s+as"
_BE = r"\s+(?:(?:can|may|must|should)(?:\s+only)?\s+be|is|are|goes|runs|takes\s+values)\s+"
#: A number in code said to be a bound of a field the API bounds: "`limit` can be up to
#: `500`", "the largest `limit` is `500`", "`disk_size_gb` must be `10` to `4096`".
_BOUNDS_SAID = tuple((kind, re.compile(pattern.format(
    field=_BOUND_FIELD, low=_BOUND_NUMBER.format("low"), high=_BOUND_NUMBER.format("high"),
    be=_BE, at_most=_AT_MOST, at_least=_AT_LEAST, unit=r"(?:GiB|GB|characters)"),
    re.IGNORECASE | re.MULTILINE)) for kind, pattern in (
    ("max", (r"{field},?(?:{be}(?:{at_most})|\s+(?:cannot|can['’]t|may\s+not|must\s+not)\s+(?:exceed"
             r"|be\s+(?:more|larger|greater|higher|bigger|over|above)(?:\s+than)?)|['’]s\s+(?:maximum|"
             r"max|largest\s+value|upper\s+(?:bound|limit))\s+is)\s+{high}")),
    ("max", r"\b(?:an?\s+)?{field}\s+of\s+(?:{at_most})\s+{high}"),  # "a `limit` of up to"
    ("max", r"{field}{be}{high}\s+at\s+(?:most|the\s+most)\b"),  # "can be `500` at most"
    ("max", (r"\b(?:maximum|largest|highest|biggest|max|upper\s+(?:bound|limit)\s+(?:of|on|for))\s+"
             r"(?:value\s+(?:of|for)\s+)?{field}(?:\s+(?:you\s+(?:can|may)\s+(?:send|pass|give|ask\s+"
             r"for|use)|allowed|accepted|taken))?\s+is\s+{high}")),
    ("min", (r"{field},?(?:{be}(?:{at_least})|\s+(?:cannot|can['’]t|may\s+not|must\s+not)\s+be\s+"
             r"(?:less|smaller|lower|fewer|below|under)(?:\s+than)?|['’]s\s+(?:minimum|min|smallest\s+"
             r"value|lower\s+(?:bound|limit))\s+is)\s+{low}")),
    ("min", r"{field}{be}{low}\s+at\s+(?:least|the\s+least)\b"),
    ("min", (r"\b(?:minimum|smallest|lowest|min|lower\s+(?:bound|limit)\s+(?:of|on|for))\s+"
             r"(?:value\s+(?:of|for)\s+)?{field}(?:\s+(?:you\s+(?:can|may)\s+(?:send|pass|give|ask\s+"
             r"for|use)|allowed|accepted|taken))?\s+is\s+{low}")),
    # "`limit` may be `1` to `100`", "is an integer from `10` to `2048`", "must lie between"
    ("range", (r"{field}(?:{be}|\s+(?:must|can|may)\s+lie\s+|\s+(?:ranges|takes|accepts)\s+"
               r"(?:values\s+)?)(?:(?:an?\s+)?(?:any\s+)?(?:integer|number|value|whole\s+number),?\s+)?"
               r"(?:from\s+)?{low}(?:\s*{unit})?\s*(?:to|through|–|-)\s*{high}")),
    ("range", (r"{field}(?:{be}|\s+(?:(?:must|can|may)\s+lie|lies)\s+|\s+(?:ranges|takes|accepts)\s+"
               r"(?:values\s+)?)(?:(?:an?\s+)?(?:any\s+)?(?:integer|number|value|whole\s+number),?\s+)?"
               r"between\s+{low}(?:\s*{unit})?\s+and\s+{high}")),
    ("range", r"{field}\s*\(\s*{low}\s*(?:to|through|–|-)\s*{high}\s*\)"),  # "`limit` (`1` to `500`)"
    # a list's item or a table's row that gives the field its range: "- `limit`: `1` to
    # `100`", "| `size_gb` | `10` to `2048` |"
    ("range", r"^[ \t]*[-*+][ \t]+{field}:[ \t]*{low}[ \t]*(?:to|–|-)[ \t]*{high}"),
    ("range", r"^[ \t]*\|[ \t]*{field}[ \t]*\|[ \t]*{low}[ \t]*(?:to|–|-)[ \t]*{high}"),
    ("max", r"\b(?:an?\s+)?{field}\s+of\s+{high}\s+is\s+the\s+(?:largest|most|highest|maximum)\b"),
    # the number first: "`500` is the largest `limit`", "`500` is the upper bound of `limit`"
    ("max", (r"{high}\s+is\s+the\s+(?:largest|highest|biggest|maximum|upper\s+(?:bound|limit)\s+"
             r"(?:of|for|on))\s+(?:value\s+(?:of|for)\s+)?{field}")),
    ("min", (r"{low}\s+is\s+the\s+(?:smallest|lowest|minimum|lower\s+(?:bound|limit)\s+"
             r"(?:of|for|on))\s+(?:value\s+(?:of|for)\s+)?{field}")),
))


def _bound_problems(prose: str, spans: Sequence[_Span], contract: Contract
                    ) -> list[tuple[int, str, str]]:
    """Where a number in code is said to be a bound of a field that the API bounds the
    same way in every request that takes it (:attr:`Contract.field_bounds`), and is not
    that bound: "`limit` can be up to `500`" (100), "the smallest `disk_size_gb` is `1`"
    (10), "`size_gb` must be `10` to `4096`". A denial, a question, another API's, or a
    number followed by ``{ .no-ref }``, is not read. (A number by hand outside code is
    the facts' check: ``hooks/facts.py``.)

    Example:
        >>> contract = Contract(Scope("the API", frozenset(), frozenset(), frozenset()), {},
        ...                     {}, {}, frozenset(), {},
        ...                     field_bounds={"limit": frozenset({(1, 100, "")})})
        >>> prose = ("`limit` can be up to `500`. The smallest `limit` is `1`. `limit` may be "
        ...          "`0` to `100`. `limit` is never up to `500`.")
        >>> for _, message, _ in _bound_problems(prose, [], contract):
        ...     print(message)
        "`limit` can be up to `500`" says the largest `limit` is 500, but the API takes up to 100
        "`limit` may be `0` to `100`" says `limit` is 0 to 100, but the API takes 1 to 100
    """
    found: list[tuple[int, str, str]] = []
    if not any(f"`{name}`" in prose for name in contract.field_bounds):
        return found  # (most pages name no bounded field: no pattern need be tried)
    for kind, pattern in _BOUNDS_SAID:
        for match in pattern.finditer(prose):
            name = match["field"]
            bounds = contract.field_bounds.get(name, frozenset())
            if len(bounds) != 1:
                continue  # (no bound, or another in another request: which is meant is not read)
            ((low, high, unit),) = bounds
            said_low, said_high = (float(match[key].replace(",", "")) if key in
                                   pattern.groupindex else None for key in ("low", "high"))
            start, end = _clause(_Span(match.start(), match.end(), 0, "", None, False), prose,
                                 brackets=False)
            opening = max([start, *(start + m.end() for m in re.finditer(
                r",\s+(?:but|and|yet|while)\s|;\s", prose[start:match.start()]))])
            if (_NEGATION.search(_outside_code(prose, spans, opening, match.start()))  # (its own
                    # "cannot exceed" is the bound; a denial in the clause before is another's:
                    # "Not every list is filtered, but `limit` can be up to `500`")
                    or _STARTING.search(prose, start, end)  # (the fixtures' values: "In the
                    or re.search(r"`(?:ws|vol)-", prose[start:end])  # fixtures, `size_gb` is
                    # at most `500`", "the largest `size_gb` is `500`, that of `vol-scratch01`")
                    or _not_a_claim(prose, match.start()) or _OTHER_APIS.search(prose, start, end)
                    or _opted_out_within(spans, match.start(), match[0])
                    or re.search(r"`\{ \.no-ref \}", prose[match.start():match.end() + 12])):
                continue
            wrong_low = said_low is not None and low is not None and said_low != low
            wrong_high = said_high is not None and high is not None and said_high != high
            if not (wrong_low or wrong_high):
                continue
            words = _said_words(match[0])

            def shown(value: float | None, with_unit: bool = False, unit: str = unit) -> str:
                said = f"{value:g}" if value is not None else "any"
                return said + (unit.removesuffix("s") if value == 1 else unit) * with_unit

            if kind == "range":
                says = (f"says `{name}` is {shown(said_low)} to {shown(said_high, True)}, but "
                        f"the API takes {shown(low)} to {shown(high, True)}")
            elif kind == "max":
                says = (f"says the largest `{name}` is {shown(said_high, True)}, but the API "
                        f"takes up to {shown(high, True)}")
            else:
                says = (f"says the smallest `{name}` is {shown(said_low, True)}, but the API "
                        f"takes {shown(low, True)} and more")
            number = match["high" if wrong_high else "low"]
            found.append((match.start(), f'"{words}" {says}', number))
    found.sort()
    return found


#: A state said to be what operations need: "need it `stopped`", "requires the workstation
#: to be running" (the operations are the clause's, or the last ones named before it).
_NEEDS_STATE = re.compile(
    r"\b(?:need|needs|require|requires|want|wants|(?:must|has\s+to|have\s+to)\s+find)\s+(?:(?:it"
    r"|them|the\s+workstation|a\s+workstation"
    r"|that\s+(?:it|the\s+workstation)\s+(?:is|be))\s+(?:to\s+be\s+)?\[?`?(?P<state>running|stopped)`?"
    r"(?:\]\([^)\s]*\))?(?![\w`-])"
    r"|an?\s+`?(?P<state2>running|stopped)`?\s+(?:workstation|one)\b)"
    r"(?!\s+to\s)", re.IGNORECASE)  # (not "needs it running to change anything")
#: A workstation said to have to be in a state before, or to be, acted on: "must be
#: stopped before it can be deleted (or updated)", "must be running to be updated".
_MUST_BE = re.compile(
    r"\b(?:workstation|it)\s+(?:must|has\s+to|needs\s+to)\s+(?:first\s+)?be\s+\[?`?"
    r"(?P<state>running|stopped)`?"
    r"(?:\]\([^)\s]*\))?\s+"
    r"(?:before\s+(?:it\s+)?(?:can|may)\s+be|to\s+be)\s+(?P<done>[a-z]+ed(?:(?:\s*,\s*|\s+(?:or|and)\s+"
    r"|\s*\(\s*(?:or|and)\s+)[a-z]+ed(?!\s+to\s+be\b)\)?)*)", re.IGNORECASE)
#: Participles said one after another: "deleted", "updated or deleted", "started, stopped".
_PARTICIPLES = r"[a-z]+ed(?:(?:\s*,\s*|\s+(?:or|and)\s+)[a-z]+ed)*"
#: The same, said with "only" or "unless": "only a running workstation can be updated", "a
#: workstation cannot be deleted unless it is `stopped`".
_ONLY_IN_STATE = re.compile(
    r"(?<!\bnot\s)\bonly\s+(?:(?:an?|the)\s+)?`?(?P<state>running|stopped)`?\s+workstations?\s+"
    r"(?:can|may)\s+be"
    rf"\s+(?P<done>{_PARTICIPLES})(?!\s*\()"  # (with the status in brackets: _CAN_BE's)
    rf"|\b(?:cannot|can['’]t|can\s+not|may\s+not)\s+be\s+(?P<done2>{_PARTICIPLES})\s+unless\s+"
    r"(?:it|the\s+workstation)\s+is\s+`?(?P<state2>running|stopped)`?", re.IGNORECASE)
#: After a lead-in's last words, its colon and the list of items it leads in.
_LISTED_AFTER = re.compile(r"[^\n.:;]*:[ \t]*\n(?:[ \t]*\n)?"
                           r"(?P<items>(?:[ \t]*[-*+][ \t][^\n]*(?:\n|$))+)")
#: A workstation in a state said to be able to be acted on, with no status: "a running
#: workstation can be stopped" (one with the status in brackets is :data:`_CAN_BE`'s).
_A_WORKSTATION_IN_STATE = r"\b(?:an?|the|any)\s+`?(?P<state>running|stopped)`?\s+workstations?\s+"
_CAN_ACT_ON = re.compile(
    _A_WORKSTATION_IN_STATE + rf"can\s+(?:also\s+|still\s+|always\s+)?be\s+(?P<done>{_PARTICIPLES})"
    r"\b(?!\s*\()", re.IGNORECASE)
#: The same, denied: "a stopped workstation cannot be started".
_CANNOT_ACT_ON = re.compile(
    _A_WORKSTATION_IN_STATE + r"(?:cannot|can['’]t|can\s+not)\s+(?:also\s+|still\s+|ever\s+)?be\s+"
    rf"(?P<done>{_PARTICIPLES})\b(?!\s*\()", re.IGNORECASE)
#: After an operation as the subject, the state it is said to act from alone: "ends it,
#: from `stopped` only".
_FROM_ONLY = re.compile(r"\bfrom\s+(?:a\s+)?`?(?P<state>running|stopped)`?"
                        r"(?:\s+(?:one|workstation))?\s+only\b", re.IGNORECASE)
#: In the sentence of a state said needed, what says the operation is taken in another
#: state too, changing nothing: "on a stopped one it changes nothing".
_TAKEN_ANYWAY = re.compile(r"\bchanges?\s+nothing\b|\bstays\b|\bno\s+change\b|\bas\s+it\s+is\b"
                           r"|\banswers?\s+`?200\b", re.IGNORECASE)
#: Between two operations named one after the other: "start or delete", "[update](...), [delete](...)".
_OPS_BETWEEN = re.compile(r"\s*(?:,\s*(?:(?:and|or)\s+)?|(?:and|or)\s+)(?:(?:an?|the)\s+)?")

#: A workstation said to be acted on in either state, whatever the operation: "works in
#: either state", "in any state", "whatever its state", "whether it is running or
#: stopped", "running or stopped" (after a comma or an article). Each opens with its word,
#: not a word boundary, so that the engine looks for that word alone (about twenty times
#: faster over a page): the boundary is checked after it.
_EITHER_STATE = (
    re.compile(r"[Ii]n(?<=\b[Ii]n)\s+(?i:either|any|both)\s+(?i:states?)\b(?!\s+of\b)"),
    *(re.compile(rf"{words}\s+(?i:its|the(?:\s+workstation['’]s)?)\s+(?i:state|status)\b")
      for words in (r"[Ww]hatever(?<=\b[Ww]hatever)", r"[Rr]egardless(?<=\b[Rr]egardless)\s+of")),
    re.compile(r"[Nn]o(?<=\b[Nn]o)\s+matter\s+(?:(?i:its|the(?:\s+workstation['’]s)?)\s+(?i:state|status)"
               r"|what\s+(?:its\s+)?state)\b"),
    re.compile(r"[Ww]hether(?<=\b[Ww]hether)\s+(?i:(?:it|the\s+workstation|an?\s+workstation)\s+is"
               r"\s+)?`?(?i:running|stopped)`?\s+or\s+(?:not\b|`?(?i:running|stopped)`?)"),
    # (after a comma or an article: :func:`_either_state_said` checks it)
    re.compile(r"(?:running(?=`?\s+or\s+`?stopped)|stopped(?=`?\s+or\s+`?running))`?\s+or\s+`?"
               r"[a-z]+`?(?![\w`-])"),
)
#: A workstation said to be acted on only while in a state: "can only be updated when it is
#: stopped", "only when it is stopped can a workstation be deleted", "you can only update a
#: workstation while it is `stopped`", "delete a workstation only once it is stopped"; "to
#: stop a workstation, it has to be `running`", "must be stopped before you delete it".
#: Each opens with its word, as :data:`_EITHER_STATE`'s do.
_WHEN_IT_IS = (r"(?i:when|while|once|if|after)\s+(?i:it|the\s+workstation)\s+is\s+(?:already\s+)?"
               r"\[?`?(?P<state{n}>(?i:running|stopped))`?(?:\]\([^)\s]*\))?(?![\w`-])")
_A_WORKSTATION = r"(?i:it|an?\s+workstation|the\s+workstation)"
_MUST_BE_WORDS = (r"(?:must(?<=\bmust)|has(?<=\bhas)\s+to|needs(?<=\bneeds)\s+to)\s+(?:first\s+)?be"
                  r"\s+\[?`?(?P<state{n}>(?i:running|stopped))`?")
_ONLY_WHEN = (
    re.compile(rf"(?:ca(?<=\bca)n|ma(?<=\bma)y)\s+(?:only\s+be\s+\[?(?P<done>{_PARTICIPLES})"
               rf"(?:\]\([^)\s]*\))?\s+{_WHEN_IT_IS.format(n='')}"
               rf"|be\s+(?P<done2>{_PARTICIPLES})\s+only\s+{_WHEN_IT_IS.format(n=2)}"
               rf"|only\s+(?P<verb>[a-z]+)\s+{_A_WORKSTATION}\s+{_WHEN_IT_IS.format(n=4)})"),
    # ("only when it is stopped can a workstation be deleted"; or, its clause opening with
    # the verb, "delete a workstation only once it is stopped")
    re.compile(rf"[Oo]nly(?<=\b[Oo]nly)\s+{_WHEN_IT_IS.format(n=3)}(?:\s*,?\s+(?:can|may)\s+"
               rf"{_A_WORKSTATION}\s+be\s+(?P<done3>{_PARTICIPLES}))?"),
    # (its clause opening with it)
    re.compile(rf"[Tt]o(?<=\b[Tt]o)\s+(?P<verb3>[a-z]+)\s+{_A_WORKSTATION}\s*,\s+(?i:it|the\s+"
               rf"workstation)\s+{_MUST_BE_WORDS.format(n=6)}(?:\]\([^)\s]*\))?(?![\w`-])"),
    re.compile(rf"{_MUST_BE_WORDS.format(n=7)}(?:\]\([^)\s]*\))?\s+(?i:before|when|"
               r"whenever|if|for)\s+you\s+(?:to\s+)?(?P<verb7>[a-z]+)\s+it\b"),
    # ("[Start](...) works only on a stopped workstation": the clause's subject's)
    re.compile(r"(?:work(?<=\bwork)s?\s+only|only(?<=\bonly)\s+(?:works?|be\s+(?:called|used|sent|"
               r"made)|(?:possible|allowed))|possible(?<=\bpossible)\s+only|allowed(?<=\ballowed)\s+only)"
               r"\s+(?:(?:on|for|with|to)\s+(?:an?|the)\s+`?(?P<state8>(?i:running|stopped))`?\s+"
               rf"workstations?\b|{_WHEN_IT_IS.format(n=9)})"),
)
#: At a clause's start, the verb said to the reader and the workstation, before "only
#: when it is ...": "Delete a workstation".
_VERB_A_WORKSTATION = re.compile(rf"\s*(?:[-*+]\s+)?(?:(?:you\s+)?(?:can|may)\s+)?(?P<verb>[A-Za-z]+)\s+"
                                 rf"{_A_WORKSTATION}\s*", re.IGNORECASE)


def _each_match(patterns: Sequence[re.Pattern[str]], prose: str) -> list[re.Match[str]]:
    """The matches of each of ``patterns`` in ``prose``, in the order they are found in."""
    return sorted((m for pattern in patterns for m in pattern.finditer(prose)),
                  key=lambda m: m.start())


#: Operations said to act on a workstation in a state, with no status: "works on a running
#: workstation", "can be sent to a stopped one".
_WORKS_ON = re.compile(
    r"(?:work(?<=\bwork)s?|can\s+(?:also\s+|still\s+)?be\s+(?:sent|called|used))\s+(?:on|to|for"
    r"|with)\s+(?:an?|the|any)\s+`?(?P<state>(?i:running|stopped))`?\s+(?:workstation|one)s?\b")
#: An operation said, as its gerund, to work on a workstation in a state, with no status:
#: "Updating a running workstation works", "Deleting a running one is fine".
_DOING_WORKS = re.compile(
    r"(?<![\w`])(?P<who>[A-Za-z]+ing)\s+(?:an?|the|any)\s+`?(?P<state>(?i:running|stopped))`?\s+"
    r"(?:workstation|one)s?\s+(?:(?:always|also|still|just)\s+)?(?:works|succeeds|is\s+(?:fine|"
    r"allowed|accepted|possible|permitted|ok|OK))\b(?!\s+with\b)")  # (a status: its own rules')
#: After a clause that leads in a list, with its colon: "can be:", then "- started;".
_CAN_BE_LISTED = re.compile(r"[^\n.:;]*\bcan\s+(?:also\s+|still\s+|always\s+)?be:[ \t]*\n"
                            r"(?:[ \t]*\n)?(?P<items>(?:[ \t]*[-*+][ \t][^\n]*(?:\n|$))+)",
                            re.IGNORECASE)
#: In an endpoint page's summary, the state it says the workstation must be in: "Starts a
#: workstation, which must be `stopped`" (not "must be stopped to ..." nor "before ...").
_SUMMARY_MUST_BE = re.compile(
    r"\b(?:which|it)\s+(?:must|has\s+to|needs\s+to|should)\s+(?:already\s+)?be\s+\[?`?"
    r"(?P<state>running|stopped)`?(?:\]\([^)\s]*\))?(?![\w`-])(?!\s+(?:to|for|before|when|once|if)\b)",
    re.IGNORECASE)
#: Before a state said of operations, a subject that stands for the ones named before it:
#: "which works", "both of which work".
_STANDS_FOR_NAMED = re.compile(r"\s*(?:which|that|both(?:\s+of\s+which)?|they|each)\s+[a-z]+"
                               r"(?:\s+[a-z]+)?\s*", re.IGNORECASE)
#: A refusal said in the clause: its answer is no success ("answers `410` whether ...").
_REFUSAL_SAID = re.compile(r"`?[45]\d\d\b|\brefus|\breject|\bfail|\berror", re.IGNORECASE)


def _on_the_kind_named(ops: list[str], before: str) -> list[str]:
    """Of ``ops``, those on the resource last named in the words ``before`` them, if one
    is: "A volume can be deleted" names no delete of a workstation."""
    kinds = re.findall(r"\b(workstation|volume)s?\b", before, re.IGNORECASE)
    return [op for op in ops if kinds[-1].lower() in op.lower()] if kinds else ops


#: In a clause that says operations act on a workstation in either state, what says they
#: are taken there (not "whatever its state, update checks the body first").
_TAKEN = re.compile(r"\b(?:works?|worked|succeeds?|succeeded|accept(?:s|ed)?|allowed|possible|safe"
                    r"|changes|renames|deletes|removes|starts|stops|updates|reads|returns"
                    r"|permitted|(?:answers?|returns?|gets?)\s+`?2\d\d\b|(?:can|may)\s+(?:also\s+|"
                    r"still\s+|always\s+)?be\s+(?:sent|called|used|made|done))\b", re.IGNORECASE)
#: In a sentence, what says its claim is another's, or its purpose: "the old page said",
#: "a common mistake is to think that", "in other clouds", "it does not", "for anything to
#: change".
_NOT_SAID_SO = re.compile(
    r"\b(?:said|says?|claim(?:s|ed)?|assum(?:e|es|ed)|think|thinks|thought|believ(?:e|es|ed)|belief|"
    r"other\s+(?:clouds?|APIs?|providers?|services?)|some\s+(?:clouds?|APIs?|providers?)|"
    r"mistak(?:e|es|en|enly)|myth|wrongly|used\s+to|respectively)\b"
    r"|[:;,\u2014]\s*(?:it|they|that|this|which)\s+(?:does|do|did|is|are|was)(?:\s+not|n['’]t)\b"
    r"|\b(?:to|for\s+(?:the\s+\w+|it|anything)\s+to)\s+(?:change|do)\s+anything\b"
    r"|\bfor\s+anything\s+to\s+(?:change|happen)\b", re.IGNORECASE)


@functools.cache
def _own_volume_stays() -> bool:
    """Whether an update leaves a workstation's own volume attached, measured on a fresh
    store: a stopped workstation of the fixtures updated with ``"volume_ids": []`` still
    has it.

    Example:
        >>> _own_volume_stays()
        True
    """
    from cloudws.models import WorkstationUpdate
    from cloudws.store import Store

    store = Store()
    stopped = next(w for w in store.list_workstations(status="stopped").data if w.volume_ids)
    own = stopped.volume_ids[0]
    store.update_workstation(stopped.id, WorkstationUpdate(volume_ids=[]))
    return store.get_volume(own).attached_to == stopped.id


#: A workstation's own volume said to be detached, or detachable: "the own volume can be
#: detached", "detaches every volume, the workstation's own too", "detach its boot volume".
_OWN_DETACHED = re.compile(
    r"\b(?:(?:its|the\s+workstation['’]s|a\s+workstation['’]s|the|their)\s+own\s+volumes?|(?:an?|the|"
    r"its|their)\s+(?:owned|boot)\s+volumes?)\s+(?:(?:can|may|will)\s+(?:also\s+)?be\s+|is\s+(?:also\s+)?|"
    r"are\s+(?:also\s+)?|gets?\s+)detached\b"
    r"|\bdetach(?:es|ing|ed)?\s+(?:every|all(?:\s+(?:the|its|of\s+its))?)\s+volumes?,?\s+(?:including\s+|"
    r"even\s+)?(?:the\s+workstation['’]s|its)\s+own\b"
    r"|\bdetach(?:es|ing|ed)?\s+(?:(?:the|an?)\s+workstation['’]s|its|the|an?)\s+(?:own|owned|boot)\s+"
    r"volume",
    re.IGNORECASE)


@functools.cache
def _volume_ids_replace() -> bool:
    """Whether an update's ``volume_ids`` replaces the standalone volumes attached (rather
    than adding to them), measured on a fresh store: a stopped workstation of the fixtures
    with a standalone volume attached, updated to list another, keeps only that one.

    Example:
        >>> _volume_ids_replace()
        True
    """
    from cloudws.models import WorkstationUpdate
    from cloudws.store import Store

    store = Store()
    free = [v.id for v in store.list_volumes().data if v.standalone and v.attached_to is None]
    ws = next(w for w in store.list_workstations(status="stopped").data
              if any(store.get_volume(v).standalone for v in w.volume_ids))
    had = [v for v in ws.volume_ids if store.get_volume(v).standalone]
    after = store.update_workstation(ws.id, WorkstationUpdate(volume_ids=free[:1]))
    return not set(had) & set(after.volume_ids)


#: An update's `volume_ids` said to add to the volumes attached: "adds the volumes you
#: list to those already attached" (not "the others stay attached": said of those it
#: lists as often).
_VOLUME_IDS_ADDS = re.compile(
    r"\b(?:adds?|appends?)\s+(?:[\w`\s]{0,40}?)\bto\s+(?:those|the\s+"
    r"ones|the\s+volumes)\s+(?:already\s+attached|(?:it|the\s+workstation)\s+already\s+has)",
    re.IGNORECASE)


#: What an update is said to do to a workstation's volumes, and what the stub does
#: instead: the words, the stub's behaviour measured (true when it does otherwise), what
#: to say, and words of the clause that make it another operation's.
_UPDATE_CLAIMS = (
    (_OWN_DETACHED, _own_volume_stays,
     ("says a workstation's own volume is detached, but it stays attached until the "
      "workstation is deleted, which deletes it too (the sandbox keeps it attached after an "
      'update with `"volume_ids": []`)'), r"\bdelet"),  # (a delete's: its fate's check)
    (_VOLUME_IDS_ADDS, _volume_ids_replace,
     ("says an update adds to the standalone volumes attached, but its `volume_ids` "
      "replaces them: a standalone volume it leaves out is detached (as the sandbox does)"),
     None),
)


#: After what is done, words that say it cannot be: "Detaching its own volume is not
#: possible", "... fails".
_SAID_IMPOSSIBLE = re.compile(
    r"\s+(?:(?:is|are)\s+(?:not\s+(?:possible|allowed|supported)|impossible|refused|rejected)"
    r"|fails?)\b", re.IGNORECASE)


def _volume_update_problems(prose: str, spans: Sequence[_Span]) -> list[tuple[int, str, str]]:
    """Where an update is said to do to a workstation's volumes what the stub does not
    (:data:`_UPDATE_CLAIMS`): detach its own volume ("`"volume_ids": []` detaches every
    volume, the workstation's own too"), or add the volumes it lists "to those already
    attached". A denial, a question, a claim followed by ``{ .no-ref }`` in its clause, or
    one of a delete, is not read.

    Example:
        >>> for _, message, _ in _volume_update_problems(
        ...         "An empty `volume_ids` detaches every volume, the workstation's own too. "
        ...         "The own volume cannot be detached. `volume_ids` adds the volumes you "
        ...         "list to those already attached. It does not add to the ones already "
        ...         "attached. The answer's `volume_ids` adds the owned volume in front.", []):
        ...     print(message)
        "detaches every volume, the workstation's own" says a workstation's own volume is detached, but it stays attached until the workstation is deleted, which deletes it too (the sandbox keeps it attached after an update with `"volume_ids": []`)
        "adds the volumes you list to those already attached" says an update adds to the standalone volumes attached, but its `volume_ids` replaces them: a standalone volume it leaves out is detached (as the sandbox does)
    """
    found = []
    for pattern, otherwise, says, not_here in _UPDATE_CLAIMS:
        if not otherwise():
            continue
        for match in pattern.finditer(prose):
            start, end = _clause(_Span(match.start(), match.end(), 0, "", None, False), prose,
                                 brackets=False)
            if (_NEGATION.search(prose, start, match.end()) or _not_a_claim(prose, match.start())
                    or _SAID_IMPOSSIBLE.match(prose, match.end())
                    or _opted_out_within(spans, start, prose[start:end])
                    or not_here and re.search(not_here, prose[start:end], re.IGNORECASE)):
                continue  # ("the own volume cannot be detached": true)
            found.append((match.start(), f'"{_said_words(match[0])}" {says}', match[0]))
    found.sort()
    return found


def _not_a_claim(prose: str, at: int) -> bool:
    """Whether the sentence that ``at`` is in asks ("Does delete work in any state?"),
    reports another's claim or denies it after ("the old page said ...: it does not"), or
    says a purpose ("must be running for anything to change"): it says nothing of the API's
    own."""
    start = max(prose.rfind(". ", 0, at), prose.rfind("\n\n", 0, at), 0)
    end = _sentence_end(prose, at)
    asked = re.compile(r"[.!?][*_]*(?=\s|$)|\n[ \t]*\n").search(prose, at)  # ("...?**")
    return (asked is not None and asked[0].startswith("?")
            or _NOT_SAID_SO.search(prose, start, end) is not None)


#: What leaves some operations or volumes out of a claim: "every operation except update".
_EXCEPT = r"except|but|other\s+than|apart\s+from|besides|save"


def _done_ops(words: str, ops: Iterable[str]) -> list[str]:
    """Of ``ops``, those whose participle is one of the ``words`` ("updated or deleted":
    updateWorkstation, deleteWorkstation, of those given)."""
    done = {word.lower() for word in re.findall(r"[a-z]+ed", words, re.IGNORECASE)}
    return [op for op in ops if _participle(_verb(op)) in done]


def _listed_ops(items: str, page: Page, contract: Contract) -> list[str]:
    """The operations a list's items open with: each item's operation named ("-
    [Start](...)", "- start;"), or what it makes of the workstation ("- started, ...")."""
    ops = []
    for item in re.findall(r"^[ \t]*[-*+][ \t]+(.*)$", items, re.MULTILINE):
        first = re.match(rf"\s*(?:(?:an?|the)\s+)?({_OP_WORD})", item)
        if first is None:
            continue
        done = [op for op in answers_by_state() if _participle(_verb(op)) == first[1].lower()]
        ops += done or _subject_ops(first[1], page, contract)
    return ops


def _either_state_ops(match: re.Match[str], prose: str, start: int, end: int, page: Page,
                      contract: Contract) -> tuple[list[str], bool]:
    """The operations a state said either (:data:`_EITHER_STATE`, in the clause
    ``start``-``end``) is said of, and whether the words that name them say they are taken
    (else the clause must: :data:`_TAKEN`): those said able to be done, before it or after
    it ("can be started or stopped whether ...", "a workstation, running or stopped, can
    be deleted"); the verb said of a workstation before it ("you can delete a workstation
    whatever its state", "Deletes a workstation, running or stopped"); its clause's
    subject ("start and stop work in either state"), or after "which" the ones named
    before (also those an opening compares: "Unlike stop, which ..., delete ..."); the
    list it leads in ("These work in either state:", "In either state, a
    workstation can be:"); after it, opening the clause, the subject that follows
    ("Whether it is running or stopped, [Get](...) answers"); or on an endpoint page, in
    its summary, the page's own ("Renames a workstation, running or stopped")."""
    answers = answers_by_state()
    before = prose[start:match.start()]

    can_be = re.search(rf"\bcan\s+(?:also\s+|still\s+|always\s+)?be\s+(?P<done>{_PARTICIPLES})"
                       r"\s*,?\s*$", before, re.IGNORECASE)
    if can_be is not None:
        return _on_the_kind_named(_done_ops(can_be["done"], answers), before[:can_be.start()]), True
    can_be = re.match(rf"`?\s*,?\s*(?:workstations?\s*,?\s*)?(?:can|may)\s+(?:also\s+|still\s+"
                      rf"|always\s+)?be\s+(?P<done>{_PARTICIPLES})", prose[match.end():end],
                      re.IGNORECASE)
    if can_be is not None:  # ("a workstation, running or stopped, can be deleted")
        return _on_the_kind_named(_done_ops(can_be["done"], answers), before), True
    verb = re.search(r"\b(?P<verb>[A-Za-z]+)\s+(?:it|them|an?\s+workstation|the\s+workstation|any"
                     r"\s+workstation)\s*,?\s*(?:(?:while|when|if)\s+(?:it|the\s+workstation)\s+is\s+)?$",
                     before)
    acts = [op for op in answers if verb and verb["verb"].lower() in (_verb(op), _verb(op) + "s")]
    if acts:  # ("you can delete a workstation whatever its state", "Deletes a workstation, ...")
        return acts, True
    if re.search(rf"\b(?:{_EXCEPT}|with\s+the\s+exception\s+of|respectively)\b", prose[start:end],
                 re.IGNORECASE):
        return [], False  # ("Every operation except update works in either state")
    if re.search(r"\b(?:every|each|all(?:\s+\w+)?)\s+operations?\b", before, re.IGNORECASE):
        return list(answers), False  # ("Every operation works in either state")
    compared = re.match(rf"\s*(?:[-*+]\s+)?{_COMPARED}\s+(?:(?:an?|the)\s+)?(?P<who>{_OP_WORD}),"
                        r"\s*which\b", before, re.IGNORECASE)
    if compared is not None and not re.search(r"[,;:\u2014]", before[compared.end():]):
        # (in the clause after "which": "Unlike stop, which answers `200` in either state, ...")
        return _subject_ops(compared["who"], page, contract), False
    text, alike = _without_asides(before, page, contract)
    opening = start + max([0, *(m.end() for m in re.finditer(r"[:\u2014]|,\s", text))])
    ops = _last_ops_named(text[opening - start:], page, contract)
    if not ops and _STANDS_FOR_ONE.fullmatch(text, opening - start):  # ("it works in ...")
        return _ops_of_clause(prose, start, match.start(), page, contract), False
    if not ops and (not text[opening - start:].strip() or _STANDS_FOR_NAMED.fullmatch(
            prose, opening, match.start())):
        ops = _last_ops_named(text[:opening - start], page, contract)
    ops = [*ops, *alike] if ops else ops  # ("delete, like start, works in either state")
    listed = (_LISTED_AFTER.match(prose, match.end()) or _CAN_BE_LISTED.match(prose, match.end())
              if not ops else None)
    if listed is not None:
        return _listed_ops(listed["items"], page, contract), bool(
            _CAN_BE_LISTED.match(prose, match.end()))
    if not ops and not before.strip(" \t-*+"):  # ("Whether ..., [Get](...) answers `200`")
        rest = re.match(r"\s*,\s*", prose[match.end():end])
        if rest is not None:
            after = match.end() + rest.end()
            can_be = re.match(rf"(?:an?|the)\s+workstation\s+can\s+(?:also\s+|still\s+|always\s+)?be"
                              rf"\s+(?P<done>{_PARTICIPLES})", prose[after:end], re.IGNORECASE)
            if can_be is not None:
                return _done_ops(can_be["done"], answers), True
            you_can = re.match(r"(?:you\s+)?(?:can|may)\s+(?:also\s+|still\s+)?(?P<verb>[a-z]+)\s+"
                               r"(?:it|them|an?\s+workstation|the\s+workstation)\b", prose[after:end],
                               re.IGNORECASE)
            if you_can is not None:  # ("Whether it is running or not, you can update it")
                return [op for op in answers if _verb(op) == you_can["verb"].lower()], True
            subject = _SUBJECT.match(prose, after, end)
            ops = _subject_ops(subject["who"], page, contract) if subject else []
    summary = re.match(r"\s*#[^\n]*\n+\s*", prose)
    if not ops and page.operation in answers and summary is not None and summary.end() <= start \
            and not prose[summary.end():start].strip():
        return [page.operation], True  # ("Renames a workstation, running or stopped")
    return ops, False


@functools.cache
def answers_by_volume_kind() -> Mapping[str, Mapping[str, str | None]]:
    """For each operation on one volume (its path's ``{id}``, taking nothing else), what it
    gets sent to the volumes of the fixtures, by their kind: ``owned`` (a workstation's
    own), ``attached`` (standalone, attached to a workstation) and ``detached``
    (standalone, attached to none). None where it succeeds, else the error code (run by
    the store's method of its name, on a fresh sandbox each time)."""
    from cloudws.errors import ApiError
    from cloudws.fixtures import load_fixtures
    from cloudws.operations import OPERATIONS
    from cloudws.store import Store

    found: dict[str, dict[str, str | None]] = {}
    for name, operation in OPERATIONS.items():
        method = getattr(Store, re.sub(r"[A-Z]", lambda m: "_" + m[0].lower(), name), None)
        if (method is None or operation.body is not None
                or operation.path != "/v1/volumes/{id}"):
            continue
        answers: dict[str, str | None] = {}
        for volume in load_fixtures().volumes:
            kind = ("owned" if not volume.standalone else
                    "attached" if volume.attached_to is not None else "detached")
            try:
                method(Store(), volume.id)
            except ApiError as refused:
                answers.setdefault(kind, refused.code)
            except (TypeError, ValueError):
                break  # (a call the store's method cannot take so)
            else:
                answers[kind] = None
        else:
            found[name] = answers
    return found


#: The words that say a volume's kind, and the kinds each leaves (of ``owned``,
#: ``attached``: standalone and attached, ``detached``: standalone and attached to none):
#: an owned volume is always attached to its workstation.
_VOLUME_KIND_WORDS = (
    ((r"not\s+attached(?:\s+to\s+(?:an?|any)\s+workstation)?|attached\s+to\s+(?:nothing|none|no"
     r"\s+workstation)|unattached|detached|free"), {"detached"}),
    (r"owned|boot|(?:(?:its|their|(?:an?\s+|the\s+)?workstation['’]s)\s+)?own", {"owned"}),
    (r"standalone", {"attached", "detached"}),
    (r"attached(?:\s+to\s+(?:an?|the|its)\s+workstation)?", {"owned", "attached"}),
)
_VOLUME_KIND = "|".join(f"(?:{words})" for words, _ in _VOLUME_KIND_WORDS)
#: Kind words one after another: "attached standalone", "standalone and attached to nothing".
_VOLUME_KINDS = (rf"`?(?:{_VOLUME_KIND})`?(?:(?:\s*,\s*|\s+(?:and\s+)?)`?(?:{_VOLUME_KIND})`?)*")


def _volume_kinds(words: str) -> set[str]:
    """The kinds of volume ``words`` leave, each word narrowing them: "attached
    standalone" is ``attached``; "standalone and attached to nothing", ``detached``."""
    kinds = {"owned", "attached", "detached"}
    rest = words
    while rest := rest.strip(" \t\n`,").removeprefix("and ").strip(" \t\n`"):
        for pattern, leaves in _VOLUME_KIND_WORDS:
            said = re.match(pattern, rest, re.IGNORECASE)
            if said is not None:
                kinds &= leaves
                rest = rest[said.end():]
                break
        else:
            break
    return kinds


#: A volume of a kind said able (or not) to be acted on, or acted on only when of a kind:
#: "an owned volume can be deleted", "a detached volume cannot be deleted", "only an
#: owned volume can be deleted", "a volume can only be deleted when it is detached", "a
#: standalone volume cannot be deleted unless it is attached", "[Delete volume](...)
#: requires the volume to be attached". Each opens with its word, as
#: :data:`_EITHER_STATE`'s do, but the first (a volume's article, checked after it).
_VOLUME_ACTED_ON = (
    # (its kinds before it: :data:`_VOLUME_OF_KINDS`)
    re.compile(rf"volume(?<=\bvolume)s?\s+(?P<can>(?i:can|may)(?P<not>\s*not|['’]t)?)\s+(?:also\s+"
               rf"|still\s+|always\s+|ever\s+)?be\s+(?P<done>{_PARTICIPLES})\b(?!\s*\()"),
    re.compile(rf"can(?<=\bcan)(?:not|['’]t|\s+not)\s+be\s+(?P<done>{_PARTICIPLES})\s+unless\s+it\s+is"
               rf"\s+(?P<only_kinds>{_VOLUME_KINDS})"),
    re.compile(rf"can(?<=\bcan)\s+(?:only\s+be\s+(?P<done>{_PARTICIPLES})|be\s+(?P<done2>"
               rf"{_PARTICIPLES})\s+only)\s+(?i:when|while|once|if|after)\s+it\s+is\s+(?:still\s+)?"
               rf"(?P<only_kinds>{_VOLUME_KINDS})"),
    re.compile(rf"(?:re(?<=\bre)quires?|ne(?<=\bne)eds?)\s+(?:the\s+volume\s+to\s+be\s+|(?:an?|the)\s+)"
               rf"(?P<only_kinds>{_VOLUME_KINDS})(?:\s+volume)?\b"),
    # (the reader as its subject: "you can delete an owned volume")
    re.compile(rf"can(?<=\bcan)(?P<not>not|['’]t|\s+not)?\s+(?:also\s+|still\s+)?(?P<verb>delete)\s+"
               rf"(?:an?|the|any)\s+(?P<kinds>{_VOLUME_KINDS})\s+volumes?\b"),
    # (its kind after it: "a volume attached to a stopped workstation can be deleted")
    re.compile(r"volume(?<=\bvolume)s?\s+(?P<kinds>attached\s+to\s+(?:an?|the|its|one)\s+(?:[\w`]+\s+)?"
               r"workstation|attached\s+to\s+(?:nothing|none|no\s+workstation))\s+(?P<can>(?i:can|may)"
               rf"(?P<not>\s*not|['’]t)?)\s+(?:also\s+|still\s+|always\s+|ever\s+)?be\s+(?P<done>"
               rf"{_PARTICIPLES})\b(?!\s*\()"),
)
#: A volume of a kind said to be deleted, on the page of the operation that deletes one or
#: in a clause that names it: "an attached volume is detached and then deleted".
_VOLUME_IS_DONE = re.compile(
    rf"\b(?:an?|the|any)\s+(?P<kinds>{_VOLUME_KINDS})\s+volumes?\s+(?:is|are)\s+(?:also\s+|then\s+|"
    r"simply\s+)?(?:detached\s+(?:first\s+)?and\s+(?:then\s+)?)?(?P<done>[a-z]+ed)\b", re.IGNORECASE)
#: Before "volume can be ...", its article and kinds: "only an owned", "a detached".
_VOLUME_OF_KINDS = re.compile(rf"(?P<only>\bonly\s+)?(?:\b(?:an?|the|any)\s+)?(?<![\w`-])"
                              rf"(?P<kinds>{_VOLUME_KINDS})\s+$", re.IGNORECASE)


#: After a claim of what is done to a volume of a kind, all the clause may say more for the
#: claim to be read: how, when, or by what else it is done ("with its workstation", "while
#: it is attached", "twice") ends none, but "on its own", "directly", or the operation's
#: own link or request; then the clause's end, or a colon or a dash before another.
_VOLUME_CLAIM_ENDS = re.compile(
    r"(?:\s*(?:on\s+its\s+own|by\s+itself|directly|alone|too|also|as\s+well|at\s+any\s+time"
    r"|(?:with|through|by)\s+\[[^\]]+\]\([^)\s]*volumes/[^)\s]*\)|with\s+(?:a\s+)?`[A-Z]+\s+"
    r"[^`]+`))*\s*(?:[.;!?:\u2014]|\s+-\s|$)", re.IGNORECASE)


def _volume_kind_problems(prose: str, spans: Sequence[_Span], page: Page, contract: Contract
                          ) -> list[tuple[int, str, str]]:
    """Where a volume of a kind is said able to be acted on ("an owned volume can be
    deleted": refused for every volume of that kind), or not ("a detached volume cannot be
    deleted": taken for one), or acted on only when of a kind ("a volume can only be
    deleted when it is attached": refused there, or taken for another kind), and the
    sandbox answers otherwise (:func:`answers_by_volume_kind`). The operations are those of
    the participle said, on a volume; for "requires", the clause's subject's. A clause with
    a condition after the claim ("cannot be deleted while ...") is not read."""
    answers = answers_by_volume_kind()
    found = []
    for match in (m for begin, until in _paragraphs_naming("volume", prose)
                  for m in _VOLUME_IS_DONE.finditer(prose, begin, until)):
        start, end = _clause(_Span(match.start(), match.end(), 0, "", None, False), prose,
                             brackets=False)
        ops = [op for op in answers if _participle(_verb(op)) == match["done"].lower() and (
            op == page.operation or re.search(r"\[[^\]]+\]\([^)\s]*volumes/[^)\s]*\)|\bvolume\s+"
                                              r"delete\b|\bdelete\s+volume\b", prose[start:end],
                                              re.IGNORECASE) and op in _last_ops_named(
                prose[start:end], page, contract))]
        if re.search(r"\b(?:how|why|where|whether)\b", prose[start:match.start()], re.IGNORECASE):
            continue  # ("deleting a workstation is how an owned volume is deleted")
        taken = {kind for op in ops for kind, code in answers[op].items() if code is None}
        kinds = _volume_kinds(match["kinds"])
        if (not ops or not kinds or kinds & taken or not _VOLUME_CLAIM_ENDS.match(
                prose, match.end(), end) or _NEGATION.search(prose, start, match.end())
                or _not_a_claim(prose, match.start())
                or _opted_out_within(spans, match.start(), match[0])):
            continue  # (done for one of them, or how, when, by what else, denied, asked)
        wrong = [f"{op} refuses {_a_volume(kind)} with "
                 f"`{contract.code_status.get(answers[op][kind], '')}` (`{answers[op][kind]}`)"
                 for op in sorted(set(ops)) for kind in sorted(kinds) if answers[op].get(kind)]
        found.append((match.start(), (f'"{_said_words(match[0])}" says what {_and(sorted(set(ops)))} '
                      f"does to a volume of that kind, but {'; '.join(wrong)} (as its example "
                      "gets from the sandbox)"), match[0]))
    for match in _each_match(_VOLUME_ACTED_ON, prose):
        start, end = _clause(_Span(match.start(), match.end(), 0, "", None, False), prose,
                             brackets=False)
        groups = match.groupdict()
        if match.re is _VOLUME_ACTED_ON[0]:
            of_kinds = _VOLUME_OF_KINDS.search(prose, start, match.start())
            if of_kinds is None:
                continue  # (no kind said: "a volume can be deleted")
            groups.update(of_kinds.groupdict())
            said_from = of_kinds.start()
        else:
            said_from = match.start()
        if groups.get("kinds") and re.match(r"attached\s+to\s+(?:an?|the|its|one)\b", groups["kinds"]):
            groups["kinds"] = "attached standalone" if re.search(
                r"\bstandalone\s+$", prose[start:match.start()]) else "attached"
        done_words = groups.get("done") or groups.get("done2") or (
            _participle(groups["verb"]) if groups.get("verb") else "")
        if done_words:
            ops = _done_ops(done_words, answers)
        else:  # ("[Delete volume](...) requires the volume to be attached": its subject's)
            opening = max([start, *(start + m.end() for m in re.finditer(
                r"[:\u2014]", prose[start:match.start()]))])
            subject = _SUBJECT.match(prose, opening, match.start())
            ops = [op for op in (_subject_ops(subject["who"], page, contract) if subject else [])
                   if op in answers]
            if not ops and page.operation in answers and re.fullmatch(
                    r"\s*(?:it|this\s+operation|the\s+call)\s+", prose[opening:match.start()],
                    re.IGNORECASE):
                ops = [page.operation]  # ("It requires a detached volume", on its page)
        if groups.get("only_kinds") and not re.search(r"\bvolumes?\b|\[[^\]]*\]\(",
                                                      prose[start:match.end()], re.IGNORECASE):
            continue  # (said of no volume: "a workstation cannot be deleted unless ...")
        words = prose[said_from:match.end()]
        if (not ops or _opted_out_within(spans, said_from, words)
                or _NEGATION.search(prose, start, said_from) or _not_a_claim(prose, said_from)
                or re.search(r"\b(?:how|why|where|whether)\b", prose[start:said_from],
                             re.IGNORECASE)):
            continue
        if not _VOLUME_CLAIM_ENDS.match(prose, match.end(), end):
            continue  # (how, when, or what else: "can be deleted with its workstation", "...
            # while it is attached", "twice", "in two steps: ...")
        denied = bool(groups.get("not"))
        kinds = _volume_kinds(groups.get("only_kinds") or groups["kinds"])
        wrong = []
        for op in sorted(set(ops)):
            taken = {kind for kind, code in answers[op].items() if code is None}
            refused = {kind: code for kind, code in answers[op].items() if code is not None}
            if groups.get("only_kinds") or groups.get("only"):  # (taken there, refused elsewhere)
                if not kinds & taken:
                    wrong += [f"{op} refuses {_a_volume(kind)} with "
                              f"`{contract.code_status.get(refused[kind], '')}` (`{refused[kind]}`)"
                              for kind in sorted(kinds & set(refused))]
                wrong += [f"{op} answers `200` for {_a_volume(kind)} too"
                          for kind in sorted(taken - kinds)]
            elif denied:
                wrong += [f"{op} answers `200` for {_a_volume(kind)}" for kind in sorted(kinds & taken)]
            elif kinds and not kinds & taken:
                wrong += [f"{op} refuses {_a_volume(kind)} with "
                          f"`{contract.code_status.get(refused[kind], '')}` (`{refused[kind]}`)"
                          for kind in sorted(kinds & set(refused))]
        if wrong:
            found.append((said_from, (f'"{_said_words(words)}" says what {_and(sorted(set(ops)))} '
                          f"does to a volume of that kind, but {'; '.join(wrong)} (as its example "
                          "gets from the sandbox)"), words))
    return found


def _a_volume(kind: str) -> str:
    """A volume of ``kind``, in words: "an owned volume", "a standalone volume attached to
    none"."""
    return {"owned": "an owned volume", "attached": "a standalone volume attached to a workstation",
            "detached": "a standalone volume attached to none"}[kind]


@functools.cache
def fates_by_operation() -> Mapping[str, Mapping[str, str]]:
    """For each operation on one workstation that takes its ID alone, what becomes of the
    volumes attached to it, by their kind (``owned``; ``attached``, standalone): one of
    ``deleted``, ``detached`` (kept, attached to none) or ``kept`` (as it was). Run by the
    store's method of its name on a fresh sandbox, on the fixtures' workstation that has a
    volume of each kind; an operation refused there is left out."""
    from cloudws.errors import ApiError
    from cloudws.fixtures import load_fixtures
    from cloudws.operations import OPERATIONS
    from cloudws.store import Store

    fixtures = load_fixtures()
    standalone = {v.id: v.standalone for v in fixtures.volumes}
    both = next((w for w in fixtures.workstations
                 if {standalone[v] for v in w.volume_ids} == {True, False}), None)
    found: dict[str, dict[str, str]] = {}
    for name, operation in OPERATIONS.items() if both is not None else ():
        method = getattr(Store, re.sub(r"[A-Z]", lambda m: "_" + m[0].lower(), name), None)
        if (method is None or operation.body is not None
                or not re.fullmatch(r"/v1/workstations/\{id\}(?:/\w+)?", operation.path)):
            continue
        store = Store()
        before = {v: store.get_volume(v) for v in both.volume_ids}
        try:
            method(store, both.id)
        except (ApiError, TypeError, ValueError):
            continue  # (refused there, or a call the store's method cannot take so)
        fates: dict[str, str] = {}
        for vol_id, was in before.items():
            kind = "attached" if was.standalone else "owned"
            try:
                now = store.get_volume(vol_id)
            except ApiError:
                fates[kind] = "deleted"
                continue
            fates[kind] = ("detached" if now.attached_to is None and was.attached_to is not None
                           else "kept" if now == was else "changed")
        found[name] = fates
    return found


#: What an operation is said to do to a workstation's volumes, and the fate each verb says.
_FATE_VERBS = {"deletes": "deleted", "removes": "deleted", "destroys": "deleted",
               "detaches": "detached", "frees": "detached", "releases": "detached",
               "keeps": "kept", "leaves": "kept", "preserves": "kept", "spares": "kept"}
_FATE = re.compile(rf"\b(?P<verb>{'|'.join(_FATE_VERBS)})\s+(?:also\s+|only\s+)?(?P<objects>"
                   r"(?:(?:all\s+(?:of\s+)?|both\s+(?:of\s+)?)?(?:its|their|the|any|every|each)\s+"
                   rf"(?:workstation['’]s\s+)?(?:(?:{_VOLUME_KINDS})\s+)?(?:volumes?|ones?)\b(?:\s+(?:(?:that\s+)?it\s+(?:owns"
                   r"|has)|attached\s+to\s+it))?(?:\s*(?:,\s*(?:and\s+)?|\band\b|\balong\s+with\b|\bas\s+"
                   r"well\s+as\b)\s*)?)+)", re.IGNORECASE)
#: The same said in the passive, of the volumes before the verb: "its standalone volumes are
#: deleted with it", "the volume it owns is detached and kept".
_FATE_PASSIVE = re.compile(
    rf"\b(?P<objects>(?:its|their|the|an?\s+[a-z]+ed)\s+(?:workstation['’]s\s+)?(?:(?:{_VOLUME_KINDS})\s+)?"
    r"volumes?\b(?:\s+(?:(?:that\s+)?it\s+(?:owns|has)|attached\s+to\s+it))?)\s+(?:is|are)\s+"
    r"(?:also\s+|then\s+)?(?P<verb>deleted|removed|destroyed|detached|kept)\b", re.IGNORECASE)
#: What the verbs in the passive say becomes of the volumes.
_FATE_PARTICIPLES = {"deleted": "deleted", "removed": "deleted", "destroyed": "deleted",
                     "detached": "detached", "kept": "kept"}
#: Before volumes said in the passive, the operation on their workstation: "when you delete
#: a workstation", "once a workstation is deleted", "a deleted workstation's".
_WHEN_DONE = re.compile(
    r"\b(?:when|whenever|if|once|after)\s+(?:you\s+(?P<verb>[a-z]+)\s+(?:it|an?\s+workstation|the"
    r"\s+workstation)|(?:it|an?\s+workstation|the\s+workstation)\s+is\s+(?P<done>[a-z]+ed))\b"
    r"|\b(?P<done2>[a-z]+ed)\s+workstation['’]s\b", re.IGNORECASE)


#: One of the volumes :data:`_FATE` names, with its kind words.
_FATE_OBJECT = re.compile(
    r"(?:its|their|the|any|every|each|an?\s+[a-z]+ed)\s+(?:workstation['’]s\s+)?(?P<kinds>(?:[\w`’']+\s+)*?)"
    r"(?:volumes?|ones?)\b"
    r"(?P<owns>\s+(?:that\s+)?it\s+owns)?", re.IGNORECASE)


#: At a clause's start, a phrase before its subject: "Unlike a stop, ", "After the stop, ".
_OPENING_PHRASE = re.compile(r"\s*(?:[-*+]\s+)?(?:(?:unlike|like|after|before|once|when|as\s+"
                             r"opposed\s+to|compared\s+with|to)\b[^,]*,\s*)?", re.IGNORECASE)


def _fate_problems(prose: str, spans: Sequence[_Span], page: Page, contract: Contract
                   ) -> list[tuple[int, str, str]]:
    """Where an operation on a workstation is said to delete, detach or keep its volumes of
    a kind ("deleting a workstation deletes its standalone volumes", "... detaches its own
    volume", "keeps the volume it owns") and the sandbox does otherwise to them
    (:func:`fates_by_operation`). The operations are the clause's subject's (on an
    endpoint page, "it" is its own); said in the passive ("its standalone volumes are
    deleted"), those of "when you delete a workstation" (or "once it is deleted", "a
    deleted workstation's"; not "if it is stopped", a state) before it. A denial before
    the verb is not read."""
    fates = fates_by_operation()
    states = contract.enums.get("status") or frozenset()
    found = []
    for match in (m for begin, until in _paragraphs_naming("volume", prose)
                  for m in _FATE.finditer(prose, begin, until)):
        start, _ = _clause(_Span(match.start(), match.end(), 0, "", None, False), prose,
                           brackets=False)
        before = prose[start:match.start()]
        # the subject: the first operation named, after an opening phrase ("Unlike a stop,")
        opening = _OPENING_PHRASE.match(before)
        own = before[opening.end():]
        own = own[max([0, *(m.end() for m in re.finditer(r",\s+(?:while|whereas|but|and)\s+|[;:]\s",
                                                           own, re.IGNORECASE))]):]
        # (after a colon, its own subject: "Stop it and delete it: the delete detaches")
        first = re.match(rf"(?:(?:an?|the|each|every|your)\s+)?({_OP_WORD})", own, re.IGNORECASE)
        ops = [op for op in (_subject_ops(first[1], page, contract) if first else []) if op in fates]
        if not ops and page.operation in fates and re.match(
                r"(?:it|this\s+operation|the\s+call)\s", own, re.IGNORECASE):
            ops = [page.operation]
        if (not ops or _NEGATION.search(before) or re.search(r"\bthen\b", before)
                or _not_a_claim(prose, match.start())
                or _opted_out_within(spans, match.start(), match[0])):
            continue  # (denied, a second step's, asked, reported, or shown on purpose)
        if re.match(rf"\s*,?\s*(?:{_EXCEPT})\b", prose[match.end():], re.IGNORECASE):
            continue  # ("keeps all its volumes except the one it owns")
        said = _FATE_VERBS[match["verb"].lower()]
        found += _fate_said(match, said, ops, fates)
    for match in (m for begin, until in _paragraphs_naming("volume", prose)
                  for m in _FATE_PASSIVE.finditer(prose, begin, until)):
        start, _ = _clause(_Span(match.start(), match.end(), 0, "", None, False), prose,
                           brackets=False)
        when = [m for m in _WHEN_DONE.finditer(prose, start, match.end())
                if (m["done"] or "").lower() not in states]  # ("if it is stopped": a state)
        verb, done = (when[-1]["verb"], when[-1]["done"] or when[-1]["done2"]) if when else ("", "")
        ops = [op for op in fates if (verb or done) and (
            _verb(op) == (verb or "").lower() or _participle(_verb(op)) == (done or "").lower())]
        if not ops and page.operation in fates and re.search(r"\bit\b", match["objects"]):
            ops = [page.operation]  # ("the standalone volumes attached to it are deleted")
        if (not ops or _NEGATION.search(prose, start, match.end())
                or _not_a_claim(prose, match.start())
                or _opted_out_within(spans, match.start(), match[0])):
            continue
        found += _fate_said(match, _FATE_PARTICIPLES[match["verb"].lower()], ops, fates)
    return found


def _fate_said(match: re.Match[str], said: str, ops: list[str],
               fates: Mapping[str, Mapping[str, str]]) -> list[tuple[int, str, str]]:
    """What is wrong with ``said`` (a fate) of the volumes ``match["objects"]`` names, as
    ``ops`` do to them (:func:`fates_by_operation`): nothing, or the one problem. Of "its
    volumes", with no kind and not "all", the fate of one kind will do."""
    kinds: set[str] = set()
    every = bool(re.match(r"(?:all|both|every|each|any)\b", match["objects"], re.IGNORECASE))
    for thing in _FATE_OBJECT.finditer(match["objects"]):
        kinds |= ({"owned"} if thing["owns"] else
                  _volume_kinds(thing["kinds"]) & {"owned", "attached"})
        every |= bool(thing["owns"] or thing["kinds"].strip())
    wrong = []
    for op in sorted(set(ops)):
        not_so = [kind for kind in sorted(kinds) if fates[op].get(kind) not in (
            None, said, *(("detached",) if said == "kept" else ()))]
        if every or len(not_so) == len(kinds):
            wrong += [f"{op} " + _DONE_TO[fates[op][kind]].format(
                _a_volume(kind).replace(" a workstation", " it")) for kind in not_so]
    if not wrong:
        return []
    words = re.sub(r"(?:\s*(?:,|\band\b|\balong\s+with\b|\bas\s+well\s+as\b))+\s*$", "",
                   match[0], flags=re.IGNORECASE)
    return [(match.start(), (f'"{_said_words(words)}" says what {_and(sorted(set(ops)))} '
                             f"{'does' if len(set(ops)) == 1 else 'do'} to the workstation's "
                             f"volumes, but {'; '.join(wrong)} (as its example gets from the "
                             "sandbox)"), words)]


def _paragraphs_naming(word: str, prose: str) -> list[tuple[int, int]]:
    """Where each paragraph of ``prose`` that holds ``word`` starts and ends: a pattern
    that needs the word reads those alone (a page's paragraphs that name a volume are a
    third of it)."""
    spans: list[tuple[int, int]] = []
    at = prose.find(word)
    while at >= 0:
        begin, until = prose.rfind("\n\n", 0, at) + 1, prose.find("\n\n", at)
        spans.append((begin, len(prose) if until < 0 else until))
        at = prose.find(word, spans[-1][1])
    return spans


#: What an operation does to a volume, by its fate.
_DONE_TO = {"deleted": "deletes {}", "detached": "detaches {} and keeps it",
            "kept": "leaves {} as it was", "changed": "changes {}"}


@functools.cache
def volume_order() -> tuple[str, ...]:
    """The kinds of volume a workstation's ``volume_ids`` lists, in its order (``owned``,
    ``attached``: standalone), as the fixtures' workstation that has both lists them."""
    from cloudws.fixtures import load_fixtures

    fixtures = load_fixtures()
    standalone = {v.id: v.standalone for v in fixtures.volumes}
    for workstation in fixtures.workstations:
        kinds = tuple(dict.fromkeys("attached" if standalone[v] else "owned"
                                    for v in workstation.volume_ids))
        if len(kinds) == 2:
            return kinds
    return ()


#: In a sentence that names ``volume_ids``, a kind of volume said to be listed first or last
#: ("lists its standalone volumes first", "its own volume comes last", "the owned volume is
#: the first").
_LISTED_AT = re.compile(
    rf"(?:\blist(?:s|ed)?\s+(?:its|the|their)\s+(?P<kinds>{_VOLUME_KINDS})\s+(?:volumes?|ones?|IDs?)"
    rf"|(?P<kinds2>{_VOLUME_KINDS})\s+(?:volumes?|ones?|IDs?)\s+(?:always\s+)?(?:comes?|is|are|goes"
    r"|go|appears?)(?:\s+(?:always|listed))?(?:\s+the)?)\s+(?:(?P<first>first)|(?P<last>last))\b",
    re.IGNORECASE)


def _volume_order_problems(prose: str, spans: Sequence[_Span]) -> list[tuple[int, str, str]]:
    """Where, in a sentence that names ``volume_ids``, a kind of volume is said to be listed
    first or last and the fixtures' workstation lists it otherwise (:func:`volume_order`)."""
    order = volume_order()
    found = []
    for begin, until in _paragraphs_naming("volume_ids", prose) if order else ():
        for match in _LISTED_AT.finditer(prose, begin, until):
            start, _ = _clause(_Span(match.start(), match.end(), 0, "", None, False), prose,
                               brackets=False)
            sentence_start = max(prose.rfind(". ", begin, start) + 2, begin)
            kinds = _volume_kinds(match["kinds"] or match["kinds2"]) & set(order)
            if (len(kinds) != 1 or "volume_ids" not in prose[sentence_start:_sentence_end(
                    prose, match.end())] or _NEGATION.search(prose, start, match.start())
                    or _not_a_claim(prose, match.start())
                    or _opted_out_within(spans, match.start(), match[0])):
                continue
            [kind] = kinds
            at = order.index(kind)
            if (at != 0) if match["first"] else (at != len(order) - 1):
                found.append((match.start(), (
                    f'"{_said_words(match[0])}" says `volume_ids` lists {_a_volume(kind)} '
                    f"{'first' if match['first'] else 'last'}, but it lists "
                    f"{' then '.join(_a_volume(k).replace(' a workstation', ' it') for k in order)}"
                    " (as the sandbox's workstations list them)"), match[0]))
    return found


#: An endpoint page's summary, its first sentence after the title, that says a state of the
#: workstation its operation acts on: "Changes a running workstation's name".
_SUMMARY_STATE = re.compile(r"\s*#[^\n]*\n+\s*(?P<words>[A-Z][a-z]+s\s+(?:an?|the)\s+`?"
                            r"(?P<state>running|stopped)`?\s+workstation)\b")


def _a_get(text: str, word: re.Match[str], page: Page, contract: Contract) -> list[str]:
    """The operations "get" names where it is one as a subject: "Get" opening a clause;
    "a get", "the get"; "get" named beside another operation ("update and get") or before
    what is said of it ("get works", "get:"); not "you get `409`" (nor "gets", said of any
    request)."""
    before, after = text[:word.start()], text[word.end():]
    if word[0].lower() != "get" or re.search(
            r"\b(?:you|we|to|will|would|can|could|may|might|must|should|does|do|did)\s+$", before,
            re.IGNORECASE):
        return []
    beside = re.search(rf"({_OP_WORD})\s*(?:,|\band\b|\bor\b)\s*$", before)
    if (word[0] == "Get" and not before.strip(" \t\n-*+,:;(")
            or re.search(r"\b(?:an?|the|each|every|your)\s+$", before, re.IGNORECASE)
            or beside is not None and _subject_ops(beside[1], page, contract)
            or re.match(r"\s+(?:works?|needs?|requires?|succeeds?|answers?|is|can|only|also"
                        r"|differs?|and|or)\b|\s*(?:[,:;)]|$)", after)):
        return [op for op in contract.operations if _verb(op) == "get"]
    return []


def _last_ops_named(text: str, page: Page, contract: Contract) -> list[str]:
    """The operations of the last run of them named in ``text``, one after the other ("you
    start or delete it": start, delete; not a stop named before, apart)."""
    mentions = [(m.start(), m.end(), ops) for m in re.finditer(rf"{_OP_WORD}", text)
                if (ops := _subject_ops(m[0], page, contract) or _a_get(text, m, page, contract))
                and not (
                    "[" not in m[0] and not m[0].lower().endswith(("ing", "s"))
                    and not re.search(r"\b(?:an?|the|each|every|your|its)\s+$", text[:m.start()],
                                      re.IGNORECASE)
                    and _TO_THE_READER.match(text, m.end()))]  # (not "stop it": an order)
    run: list[str] = []
    for i in range(len(mentions) - 1, -1, -1):
        start, end, ops = mentions[i]
        if run and not _OPS_BETWEEN.fullmatch(text, end, mentions[i + 1][0]):
            break  # (apart)
        led = re.search(r"\b(?:after|before|once|until|since|from|unlike|like)\s+(?:(?:an?|the|"
                        r"each|every)\s+)?$", text[:start], re.IGNORECASE)
        if led and run and re.fullmatch(r"\s*,\s*", text[end:mentions[i + 1][0]]):
            break  # (an opening phrase: "After the stop, update and delete")
        run = [*ops, *run]
        if led:
            break  # (the run's first: "before an update or a delete")
    return run


#: An aside that names operations the clause's own are compared with: ", unlike start,",
#: "— as opposed to stop —", "(unlike start)", ", but not start or stop,", ", not start,".
_COMPARED = (r"(?:(?P<unlike>unlike|as\s+opposed\s+to|in\s+contrast\s+(?:to|with)|compared\s+(?:to|with)"
             r"|but\s+not|and\s+not|not)|like|as\s+with)\b")
_LINK_OR = r"(?:\[[^\]\n]*\]\([^)\s]*\)|[^{}])*"  # (a link's target may hold a full stop)
_CONTRAST_ASIDE = re.compile(
    rf",\s*{_COMPARED}{_LINK_OR.format(',;:.')},|\s[\u2014\u2013]\s*{_COMPARED.replace('unlike>', 'unlike2>')}"
    rf"{_LINK_OR.format(chr(0x2014) + chr(0x2013) + ';:.')}[\u2014\u2013]"
    rf"|\(\s*{_COMPARED.replace('unlike>', 'unlike3>')}{_LINK_OR.format(')')}\)"
    rf"|^\s*(?:[-*+]\s+)?{_COMPARED.replace('unlike>', 'unlike4>')}{_LINK_OR.format(',;:.')},"
    # (and an aside that compares nothing: "the latter, however, needs")
    r"|,\s*(?:however|though|too|also|then|in\s+turn|of\s+course)\s*,", re.IGNORECASE)
#: What stands for an operation named before it: "it", "this call", "the latter".
_STANDS_FOR_ONE = re.compile(
    r"\s*(?:(?:as|since|because|so|and|but|for|only)\s+)?(?:(?P<it>it|(?:this|the)\s+(?:operation|call"
    r"|request|endpoint))|(?P<latter>the\s+(?:latter|second|last))|(?P<former>the\s+(?:former"
    r"|first)))\s+(?:[a-z]+\s+)?", re.IGNORECASE)


def _without_asides(text: str, page: Page, contract: Contract) -> tuple[str, list[str]]:
    """``text`` with its asides that compare operations blanked (:data:`_CONTRAST_ASIDE`),
    and the operations the asides that liken ("like start", "as with start") name: what is
    said of the clause's own is said of those too."""
    alike: list[str] = []

    def blank(aside: re.Match[str]) -> str:
        if not (aside["unlike"] or aside["unlike2"] or aside["unlike3"] or aside["unlike4"]):
            if page.operation and re.search(r"\b(?:like|as\s+with)\s+(?:it|(?:this|the)\s+"
                                            r"(?:call|operation|request|endpoint))\b", aside[0],
                                            re.IGNORECASE):
                alike.append(page.operation)  # ("like this call", on an endpoint page)
            alike.extend(_last_ops_named(aside[0].strip(" ,()\u2014\u2013"), page, contract)
                         or _subject_ops(re.sub(r"^\W*(?:like|as\s+with)\s+(?:(?:an?|the)\s+)?",
                                                "", aside[0], flags=re.IGNORECASE).strip(
                                                    " ,()\u2014\u2013"), page, contract))
        return " " * len(aside[0])

    return _CONTRAST_ASIDE.sub(blank, text), alike


def _ops_of_clause(prose: str, start: int, at: int, page: Page, contract: Contract
                   ) -> list[str]:
    """The operations a claim at ``at`` is said of, in the clause that opens at ``start``:
    the last named one after another in its part (after a colon, a semicolon, a dash or a
    comma), not one it is compared with in an aside ("update, unlike start, needs");
    after "it" or "this call", the page's own on an endpoint page, else the clause's
    subject ("compared with start, delete is strict: it needs"); after "the latter" (or
    "the former"), the last (or first) named before; else the last named before it ("an
    update or a delete, both of which need it")."""
    text, alike = _without_asides(prose[start:at], page, contract)
    opening = max([0, *(m.end() for m in re.finditer(r"[:;\u2014]|,\s", text))])
    ops = _last_ops_named(text[opening:], page, contract)
    if ops and alike:
        return [*ops, *alike]  # ("the delete, like the start, needs": both)
    stands = _STANDS_FOR_ONE.fullmatch(text, opening) if not ops else None
    if stands is not None and stands["it"]:
        if page.operation:
            return [page.operation, *alike]
        head = _OPENING_PHRASE.match(text)
        first = re.match(rf"(?:(?:an?|the|each|every|your)\s+)?({_OP_WORD})", text[head.end():],
                         re.IGNORECASE)
        return [*(_subject_ops(first[1], page, contract) if first else []), *alike]
    if stands is not None:  # (each mention's operations: "delete" names two; from the
        # sentence's clause before, after a semicolon: "start and delete differ; the latter")
        earlier = prose[max(prose.rfind(". ", 0, start) + 2, prose.rfind("\n\n", 0, start) + 2,
                            0):start] + text[:opening]
        mentions = [ops for m in re.finditer(_OP_WORD, earlier)
                    if (ops := _subject_ops(m[0], page, contract)
                        or _a_get(earlier, m, page, contract))]
        return [*(mentions[-1] if stands["latter"] else mentions[0]), *alike] if mentions else []
    return ops or _last_ops_named(text[:opening], page, contract)


def _as_written(problem: Problem, bold: str) -> Problem:
    """``problem``, told at a note's status that is not in code (``bold``: ``**``, or
    nothing for a bare one), naming it as written, and saying it takes ``{ .no-ref }``
    written as code.

    Example:
        >>> _as_written(Problem(3, "`412`: not documented (on purpose: follow it with "
        ...                        "{ .no-ref })", "412"), "**").message
        '**412**: not documented (on purpose: write it as code followed by { .no-ref }: `412`{ .no-ref })'
    """
    message = problem.message
    if message.startswith(f"`{problem.text}`"):
        message = f"{bold}{problem.text}{bold}{message[len(problem.text) + 2:]}"
    return replace(problem, message=_NO_REF_ON_IT.sub(
        f"write it as code followed by {{ .no-ref }}: `{problem.text}`{{ .no-ref }}", message))


def _misread(text: str | None, document: bool, in_code: bool = True) -> str:
    """The way out of a problem found by reading a sentence, for a sentence that is right
    and read wrongly: with ``text``, the span the problem is told at (not ``in_code``: a
    note's bold or bare status, which takes ``{ .no-ref }`` written as code); with
    ``None``, the words (any span among them takes ``{ .no-ref }``); with ``""``, none
    that can take it (an order said in words). Nothing for an OpenAPI document's
    description, which would publish ``{ .no-ref }``.

    Example:
        >>> _misread("409", False)
        ' (if the sentence is right and read wrongly: say it another way, or follow `409` with { .no-ref })'
        >>> _misread("409", False, in_code=False)
        ' (if the sentence is right and read wrongly: say it another way, or write it as code followed by { .no-ref }: `409`{ .no-ref })'
        >>> _misread(None, False)
        ' (if the sentence is right and read wrongly: say it another way, or write one of its words as code followed by { .no-ref })'
        >>> _misread("", False), _misread("409", True)
        (' (if the sentence is right and read wrongly: say it another way)', '')
    """
    if document:
        return ""
    return (" (if the sentence is right and read wrongly: say it another way"
            + ((f", or follow `{text}` with {{ .no-ref }})" if in_code else
                f", or write it as code followed by {{ .no-ref }}: `{text}`{{ .no-ref }})")
               if text else ")" if text is not None else
               ", or write one of its words as code followed by { .no-ref })"))


def _opted_out_within(spans: Sequence[_Span], at: int, words: str) -> bool:
    """Whether a span followed by ``{ .no-ref }`` is in the words said at ``at``: the claim
    is shown on purpose ("a `running`{ .no-ref } workstation cannot be started")."""
    return any(span.opted_out and (span.start <= at < span.end
                                   or at <= span.start < at + len(words)) for span in spans)


def _needs_state_problems(prose: str, spans: Sequence[_Span], page: Page, contract: Contract
                          ) -> list[tuple[int, str, str]]:
    """Where a state is said to be what operations on a workstation need (":" then "update
    and delete need it `stopped`", "a workstation must be stopped before it can be deleted
    (or started)", "[Delete](delete.md) ends it, from `stopped` only"), and one of them does
    not: it succeeds in another state too, or is refused in that one (as its example gets
    from the sandbox, :func:`answers_by_state`). On an endpoint page, its summary's state
    ("Changes a running workstation's name") is its operation's too. A denial, a clause
    that names no operation, or a state in code followed by ``{ .no-ref }``, is not read."""
    answers = answers_by_state()
    said: list[tuple[int, list[str], str, str]] = []  # (offset, ops, state, words)
    for match in _NEEDS_STATE.finditer(prose):
        start = _clause(_Span(match.start(), match.end(), 0, "", None, False), prose,
                        brackets=False)[0]
        opening = max([start, *(start + m.end() for m in re.finditer(
            r"[:;\u2014]|,\s", prose[start:match.start()]))])
        ops = _ops_of_clause(prose, start, match.start(), page, contract)
        listed = _LISTED_AFTER.match(prose, match.end()) if not ops else None
        if listed is not None:  # ("Operations that need it stopped:" then "- [Delete](...)")
            items = re.findall(r"^[ \t]*[-*+][ \t]+(.*)$", listed["items"], re.MULTILINE)
            firsts = [re.match(rf"\s*(?:(?:an?|the)\s+)?({_OP_WORD})", item) for item in items]
            ops = [op for first in firsts if first for op in _subject_ops(first[1], page, contract)]
        state = match["state"] or match["state2"]
        if not _NEGATION.search(prose, opening, match.start()):
            said.append((match.start("state" if match["state"] else "state2"), ops, state,
                         match[0]))
    for match in (*_MUST_BE.finditer(prose), *_ONLY_IN_STATE.finditer(prose)):
        groups = match.groupdict()
        if groups.get("state") is None:  # (the "unless" shape's)
            match_state, match_done = groups["state2"], groups["done2"]
        else:
            match_state, match_done = groups["state"], groups["done"]
        ops = _done_ops(match_done, answers)
        start = _clause(_Span(match.start(), match.end(), 0, "", None, False), prose,
                        brackets=False)[0]
        if match.re is _ONLY_IN_STATE or not _NEGATION.search(prose, start, match.start("state")):
            said.append((match.start(), ops, match_state, match[0]))
    for match in _FROM_ONLY.finditer(prose):
        start = _clause(_Span(match.start(), match.end(), 0, "", None, False), prose,
                        brackets=False)[0]
        subject = _SUBJECT.match(prose, start, match.start())
        ops = _subject_ops(subject["who"], page, contract) if subject else []
        if not _TAKEN_ANYWAY.search(prose, start, _sentence_end(prose, match.end())):
            said.append((match.start(), ops, match["state"], match[0]))
    for match in _each_match(_ONLY_WHEN, prose):  # ("can only be updated when it is stopped")
        groups = {k: v for k, v in match.groupdict().items() if v}
        if match.re is _ONLY_WHEN[1] and "done3" not in groups:  # ("Delete a workstation only ...")
            start = _clause(_Span(match.start(), match.end(), 0, "", None, False), prose,
                            brackets=False)[0]
            opening = _VERB_A_WORKSTATION.fullmatch(prose, start, match.start())
            if opening is None:
                continue
            groups["verb"] = opening["verb"]
        elif match.re is _ONLY_WHEN[-1]:  # ("[Start](...) works only on a stopped workstation")
            start = _clause(_Span(match.start(), match.end(), 0, "", None, False), prose,
                            brackets=False)[0]
            named = _ops_of_clause(prose, start, match.start(), page, contract)
            if not named or _NEGATION.search(prose, start, match.start()):
                continue
            said.append((match.start(), named, groups.get("state8") or groups["state9"],
                         match[0]))
            continue
        elif match.re is _ONLY_WHEN[2] and prose[_clause(_Span(
                match.start(), match.end(), 0, "", None, False), prose, brackets=False)[0]:
                match.start()].strip(" \t\n-*+"):
            continue  # ("to stop a workstation, ..." opens its clause)
        state = next(v for k, v in groups.items() if k.startswith("state"))
        done_words = next((v for k, v in groups.items() if k.startswith("done")), "")
        verb = next((v.lower() for k, v in groups.items() if k.startswith("verb")), "")
        start = _clause(_Span(match.start(), match.end(), 0, "", None, False), prose,
                        brackets=False)[0]
        if not _NEGATION.search(prose, start, match.start()):
            said.append((match.start(), _on_the_kind_named(
                _done_ops(done_words, answers) if done_words else
                [op for op in answers if _verb(op) == verb],
                prose[start:match.start() + (when.start() if (when := re.search(
                    r"\b(?:when|while|once|if|after|before)\b", match[0], re.IGNORECASE))
                    else len(match[0]))]), state, match[0]))
    opening = re.match(r"\s*#[^\n]*\n+", prose) if page.operation in answers else None
    if opening is not None:  # ("Starts a workstation, which must be `stopped`.")
        paragraph = prose.find("\n\n", opening.end())
        for match in _SUMMARY_MUST_BE.finditer(prose, opening.end(),
                                               len(prose) if paragraph < 0 else paragraph):
            said.append((match.start(), [page.operation], match["state"], match[0]))
    acts = len(said)  # (the claims before: needs; after: acts on)
    for match in _CAN_ACT_ON.finditer(prose):  # ("a running workstation can be updated")
        start, end = _clause(_Span(match.start(), match.end(), 0, "", None, False), prose,
                             brackets=False)
        if not _NEGATION.search(prose, start, match.end()) and not re.search(
                r"\b(?:once|after|when|if|only|until|unless|first)\b", prose[match.end():end],
                re.IGNORECASE) and not re.search(r"\bonly\s+$", prose[start:match.start()],
                                                 re.IGNORECASE) and "(" not in prose[match.end():end]:
            # (with "only", or a status in brackets: _ONLY_IN_STATE's and _CAN_BE's)
            said.append((match.start(), _done_ops(match["done"], answers), match["state"],
                         match[0]))
    for match in re.finditer(_A_WORKSTATION_IN_STATE + r"(?=can\s+(?:also\s+|still\s+|always\s+)"
                             r"?be:)", prose if "be:" in prose else "", re.IGNORECASE):
        # ("A running workstation can be:" then "- started")
        listed = _CAN_BE_LISTED.match(prose, match.end())
        if listed is not None:
            said.append((match.start(), _listed_ops(listed["items"], page, contract),
                         match["state"], match[0] + "can be"))
    for match in _WORKS_ON.finditer(prose):  # ("delete works on a running workstation")
        start, end = _clause(_Span(match.start(), match.end(), 0, "", None, False), prose,
                             brackets=False)
        clause = _without_asides(prose[start:end], page, contract)[0]  # (not "but not delete")
        if not _NEGATION.search(clause) and not re.search(
                rf"\b(?:once|after|when|if|until|unless|only|{_EXCEPT})\b", clause, re.IGNORECASE):
            said.append((match.start(), _ops_of_clause(prose, start, match.start(), page,
                                                       contract), match["state"], match[0]))
    for match in _DOING_WORKS.finditer(prose):  # ("Updating a running workstation works")
        start, end = _clause(_Span(match.start(), match.end(), 0, "", None, False), prose,
                             brackets=False)
        if not _NEGATION.search(prose, start, end) and not re.search(
                rf"\b(?:once|after|when|if|until|unless|only|{_EXCEPT})\b", prose[start:end],
                re.IGNORECASE) and not _not_a_claim(prose, match.start()):
            said.append((match.start(), [op for op in _subject_ops(match["who"], page, contract)
                                         if op in answers], match["state"], match[0]))
    refused_said = []  # ("a stopped workstation cannot be started": refused there)
    for match in _CANNOT_ACT_ON.finditer(prose):
        start, end = _clause(_Span(match.start(), match.end(), 0, "", None, False), prose,
                             brackets=False)
        if not re.search(r"\b(?:once|after|when|if|while|until|unless|without|before|by)\b",
                         prose[match.end():end], re.IGNORECASE) and "(" not in prose[
                             match.end():end] and not re.search(
                                 r"\bvolumes?\b", prose[start:match.start()], re.IGNORECASE):
            # (not a volume's: "A volume owned by a stopped workstation can't be deleted")
            refused_said.append((match.start(), _done_ops(match["done"], answers),
                                 match["state"].lower(), match[0]))
    either_said = []  # ("update and delete work in either state": taken in each)
    for match in _each_match(_EITHER_STATE, prose):
        if match.re is _EITHER_STATE[-1] and not re.search(
                r"(?:,\s|\b(?:an?|the|any|is)\s)`?$", prose[max(0, match.start() - 5):match.start()],
                re.IGNORECASE):
            continue  # ("running or stopped" after neither a comma nor an article)
        start, end = _clause(_Span(match.start(), match.end(), 0, "", None, False), prose,
                             brackets=False)
        if not _NEGATION.search(_without_asides(prose[start:match.start()], page, contract)[0]) \
                and not _REFUSAL_SAID.search(prose, start, end):
            ops, taken = _either_state_ops(match, prose, start, end, page, contract)
            listed = _LISTED_AFTER.match(prose, match.end())
            if taken or _TAKEN.search(prose, start, listed.start("items") if listed else end):
                words = prose[start:match.end()].lstrip(" \t\n-*+")
                either_said.append((match.end() - len(words), ops, words))
    summary = _SUMMARY_STATE.match(prose) if page.operation in answers else None
    if summary is not None:  # ("Changes a running workstation's name": acts on one)
        said.append((summary.start("state"), [page.operation], summary["state"],
                     summary["words"]))
    found = []
    needs = [claim for claim in said[:acts] if not _not_a_claim(prose, claim[0])]
    said = needs + [claim for claim in said[acts:] if not _not_a_claim(prose, claim[0])]
    acts = len(needs)
    for index, (at, ops, state, words) in enumerate(said):
        if _opted_out_within(spans, at, words):
            continue  # ("need it `stopped`{ .no-ref }": shown on purpose)
        state = state.lower()
        words += ")" * (words.count("(") - words.count(")"))  # ("deleted (or started)")
        wrong = []
        for op in sorted(set(ops)):
            if op not in answers or state not in answers[op]:
                continue
            others = [other for other in answers[op] if other != state]
            if answers[op][state] is None and (index >= acts or any(
                    answers[op][o] is not None for o in others)):
                continue  # (it needs that state: it is refused in every other; or acts there)
            code = answers[op][state]
            wrong.append(f"{op} refuses it with `{contract.code_status.get(code, '')}` (`{code}`)"
                         if code else f"{op} succeeds on a {' or '.join(others)} one too")
        if wrong:
            theirs = sorted(op for op in set(ops) if op in answers)
            found.append((at, (f'"{_said_words(words)}" says {_and(theirs)} '
                               + (f"{'needs' if len(theirs) == 1 else 'need'} a {state} "
                                  "workstation" if index < acts else
                                  f"{'acts' if len(theirs) == 1 else 'act'} on a {state} "
                                  "workstation")
                               + f", but {'; '.join(wrong)} (as its example gets from the "
                               "sandbox)"), words))
    for at, ops, state, words in refused_said:
        if _opted_out_within(spans, at, words) or _not_a_claim(prose, at):
            continue
        taken = sorted(op for op in set(ops) if op in answers and state in answers[op]
                       and answers[op][state] is None)
        if taken:
            one = len(taken) == 1
            found.append((at, (f'"{_said_words(words)}" says {_and(taken)} '
                               f"{'refuses' if one else 'refuse'} a {state} workstation, but "
                               f"{_and(taken)} {'answers' if one else 'answer'} `200` there "
                               "(as its example gets from the sandbox)"), words))
    for at, ops, words in either_said:
        if _opted_out_within(spans, at, words) or _not_a_claim(prose, at):
            continue
        theirs = sorted(op for op in set(ops) if op in answers)
        wrong = [f"{op} refuses a {state} one with `{contract.code_status.get(code, '')}` "
                 f"(`{code}`)" for op in theirs for state, code in answers[op].items() if code]
        if wrong:
            found.append((at, (f'"{_said_words(words)}" says {_and(theirs)} '
                               f"{'acts' if len(theirs) == 1 else 'act'} on a workstation in "
                               f"either state, but {'; '.join(wrong)} (as its example gets from "
                               "the sandbox)"), words))
    return found


#: In a clause, what says a part of the request is ignored, not denied just before.
_IGNORED_WORD = re.compile(r"(?<!not\s)(?<!never\s)\bignor(?:es?|ed|ing)\b", re.IGNORECASE)


def _said_ignored(span: _Span, prose: str) -> bool:
    """Whether the clause of ``span`` (a header, say) says it is ignored: "A delete ignores
    an `Idempotency-Key` header", "it is ignored" (not "is not ignored")."""
    start, end = _clause(span, prose)
    return _IGNORED_WORD.search(prose, start, end) is not None


#: The codes that say an operation reads a body's condition (:data:`_CONDITIONS`): a
#: malformed one's, a too large one's, one of another media type's.
_BODY_CODES = ("invalid_json", "payload_too_large", "unsupported_media_type")
#: Before a body's condition, what says it is ignored: "ignores a", "ignores a body that is".
_IGNORES_A_BODY = re.compile(r"\bignor(?:es?|ed|ing)\s+(?:(?:an?|the|any|its)\s+)?(?:(?:request\s+)?"
                             r"(?:body|bodies|payloads?)\s+(?:that|which)\s+(?:is|are)\s+)?$",
                             re.IGNORECASE)
#: After a body's condition, the rest of its words: "over" then "64 KiB" or "the limit".
_SIZE_SAID = re.compile(r"(?:\s+than)?\s+(?:the\s+(?:body\s+)?(?:size\s+)?limit\b|[\d.,]+\s*"
                        r"(?:[KM]i?B|bytes)\b|\{\{\s*fact\s+[a-z_]+\s*\}\})", re.IGNORECASE)
#: A body said to be ignored whatever its size: "ignores any body it is sent, however
#: large", "a body of any size" (every request's is held to the limit).
_ANY_SIZE = re.compile(r"\b(?:any\s+)?body\b[^.;:]*?\b(?:however\s+(?:large|big)|no\s+matter\s+"
                       r"how\s+(?:large|big)|of\s+any\s+size)\b", re.IGNORECASE)
#: After "ignored", the operations that ignore it: "is ignored by a delete".
_IGNORED_BY = re.compile(rf"\s+by\s+(?:(?:an?|the|every|each|any)\s+)?(?P<who>{_OP_WORD})",
                         re.IGNORECASE)


def _ignored_problems(prose: str, page: Page, contract: Contract) -> list[tuple[int, str, str]]:
    """Where a condition on the body (malformed, too large, of another media type) is said
    to be ignored by operations that answer it ("An update ignores a malformed body": it
    answers `400` `invalid_json`; "A body over 64 KiB is ignored by a delete": every
    request's body is held to the limit): its offset, what is wrong, and its words. The
    operations are the subject of "ignores", or those after "is ignored by", else an
    endpoint page's own where the sentence names no other; a denial before is not read."""
    found = []
    clauses = sorted({_clause(_Span(m.start(), m.end(), 0, "", None, False), prose,
                              brackets=False)
                      for m in re.finditer(r"\bignor", prose, re.IGNORECASE)})
    for pattern, meant in (*_CONDITIONS, (_ANY_SIZE, frozenset({"payload_too_large"}))):
        body = [code for code in _BODY_CODES if code in meant]
        for match in (m for start, end in clauses if body
                      for m in pattern.finditer(prose, start, end)):
            start, end = _clause(_Span(match.start(), match.end(), 0, match[0], None, False),
                                 prose, brackets=False)
            before = _IGNORES_A_BODY.search(prose, start, match.start())
            size = _SIZE_SAID.match(prose, match.end(), end)
            after = _IGNORED_AFTER.match(prose, size.end() if size else match.end(), end)
            if re.search(r"\b(?:would|could|might|if|whether)\b", prose[start:end],
                         re.IGNORECASE):
                continue  # ("an update that ignored one would hide your mistake")
            if before is not None:
                subject = _SUBJECT.match(prose, start, before.start())
                ops = _subject_ops(subject["who"], page, contract) if subject else []
                if subject is not None and (on := _of_its_resource(
                        ops, subject["who"], prose, subject.end(), before.start())) is not None:
                    ops = on
                if _NEGATION.search(prose, start, before.start()):
                    continue
            elif after is not None:
                by = _IGNORED_BY.match(prose, after.end(), end)
                named = _named_operations(prose[start:end], page, contract) - {page.operation}
                ops = (_subject_ops(by["who"], page, contract) if by is not None else
                       [page.operation] if page.operation and not named else [])
            else:
                continue
            readers = sorted({op for op in ops if op in contract.operations
                              and all(c in contract.operations[op].codes for c in body)})
            words = prose[match.start():size.end() if size else match.end()]
            if readers and match.re is _ANY_SIZE:
                words = match[0]
            if readers:
                found.append((match.start(), (
                    f'"{_said_words(words)}" is said to be ignored by {_and(readers)}, '
                    f"which {'answers' if len(readers) == 1 else 'answer'} it with "
                    f"{_answered(body, contract)}"), words))
    return found


#: A status written bare after a verb that answers with one ("gets 422"): in backticks,
#: it is checked as every status is.
#: A request or an API path written in prose without backticks: "a PUT to
#: /v1/workstations/{id}", "DELETE /v1/volumes/{id}" (a link's target is none: ``(`` before).
_BARE_REQUEST = re.compile(
    r"(?:\b(?P<method>GET|HEAD|POST|PUT|PATCH|DELETE)\s+(?:(?:request\s+)?to\s+)?)?"
    r"(?<![\w/(<>`\[\]-])(?P<path>/v\d+/[\w{}\-./]*[\w}/])")
_BARE_STATUS = re.compile(
    r"\b(?:(?P<verb>(?:answers?|answered|responds?)(?:\s+with)?|gets?|got|returns?|returned|"
    r"(?:fails?|failed|refused|rejected|met)\s+with|comes?\s+(?:back(?:\s+with)?|with)|"
    r"(?:sends?|sent)\s+back)\s+(?:an?\s+)?|"
    # (with its article only: "yields 100 of them", "IDs end in 345" are no statuses)
    r"(?P<verb2>yields?|yielded|(?:ends?|ended)\s+(?:in|with)|results?\s+in|gives?|expects?"
    r"|expected|receives?|received)\s+an?\s+)"
    r"(?P<bold>\*\*)?(?:HTTP\s+)?(?P<status>[2-5]\d\d)\b(?!-)"
    r"(?!\d|[.,]\d|\s*(?:%|[KMG]i?B\b|bytes|items|ms\b|seconds?|characters|volumes|"
    r"workstations|times))", re.IGNORECASE)
#: A note of a list opened by a bold status with its reason ("- **409 Conflict** — ..."):
#: the notes' checks read its status; the reason must be one of that status's.
_NOTE_WITH_REASON = re.compile(r"^[ \t]*(?:[-*+]|\d+\.)[ \t]+\*\*(?P<status>[1-5]\d\d)"
                               r"(?P<reason>\s+[A-Za-z][\w '-]*)\*\*", re.MULTILINE)


#: Counts written in words, by their value.
_COUNTS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
#: What prose says of a workstation or a volume of the sandbox's starting state: each
#: pattern's claim, read by :func:`fixture_claims`, and whether it can change (a state,
#: what is attached) or not (which workstation owns a volume, a volume's kind).
_WS = r"(?P<wt>``?)(?P<ws>ws-[a-z0-9]+)(?P=wt)(?![`{])"  # (reST writes ``x``)
#: After a size, what makes it a difference, not the volume's ("`300` GiB larger than").
_NOT_COMPARED = r"(?!\s+(?:larger|bigger|smaller|more|less|greater|over|under|above|below)\b)"
_VOL = r"(?P<vt>``?)(?P<vol>vol-[a-z0-9]+)(?P=vt)(?![`{])"  # ({ .no-ref }: not read)
_VOL2 = _VOL.replace("vt", "vt2").replace("<vol>", "<vol2>")  # (a second, "`x` and `y` are")
_FIXTURE_CLAIMS: tuple[tuple[str, bool, re.Pattern[str]], ...] = tuple(
    (claim, changes, re.compile(pattern, re.IGNORECASE)) for claim, changes, pattern in (
        ("state", True, rf"\b(?P<state>running|stopped)\s+(?:workstation\s+)?{_WS}"),
        ("state", True, (rf"{_WS},?\s+(?:(?:which|that)\s+)?(?:is\s+|starts\s+(?:out\s+)?(?:as\s+)?)?"
                         r"`?(?P<state>running|stopped)\b`?(?!\s+or\b)")),
        ("owns", False, rf"{_WS}\s+owns\s+(?:both\s+)?{_VOL}"),
        ("owns", False, (rf"{_WS}\s+owns\s+(?:both\s+|(?:two|the)\s+volumes,?\s+)?{_VOL},?\s+and\s+"
                         rf"{_VOL2}")),
        ("owns", False, rf"\bit\s+owns\s+{_VOL}"),  # it: the workstation named before
        ("owned", False, rf"{_VOL},?\s+(?:is\s+owned\s+by|belongs\s+to)\s+{_WS}"),
        # (a workstation's delete deletes the volumes it owns, and those alone)
        ("owned", False, (rf"\bdeleting\s+{_WS}\s+(?:also\s+)?deletes\s+(?:both\s+)?{_VOL}"
                          rf"(?:,?\s+and\s+{_VOL2})?")),
        ("owned", False, (rf"{_VOL},?\s+(?:and\s+{_VOL2},?\s+)?(?:is|are|gets?)\s+deleted\s+"
                          rf"(?:along\s+|together\s+)?with\s+{_WS}")),
        ("attached", True,
         rf"{_VOL},?\s+(?:is\s+)?(?:a\s+standalone\s+volume\s+)?attached\s+to\s+{_WS}"),
        ("has", True, rf"(?:{_WS}\s+)?\bhas\s+the\s+standalone\s+{_VOL}\s+attached"),
        ("has attached", True, rf"{_WS}\s+has\s+{_VOL}\s+attached"),
        ("has", True, (rf"{_WS},?\s+(?:(?:is\s+)?(?:running|stopped)\s+)?with\s+the\s+"
                       rf"standalone\s+{_VOL}\s+attached")),
        ("detached", True, rf"\bthe\s+detached\s+(?:standalone\s+)?(?:volume\s+)?{_VOL}"),
        ("machine", True, (rf"{_WS}(?:,\s+|\s+is\s+)an?\s+(?:(?:running|stopped)\s+)?"
                           r"`(?P<machine>[a-z]+-[a-z0-9]+)`")),
        ("machine", True, (rf"{_WS},?\s+(?:(?:which|that)\s+)?(?:runs\s+on|running\s+on|is\s+on|"
                           r"uses|on)\s+(?:an?\s+|the\s+)?`(?P<machine>[a-z]+-[a-z0-9]+)`")),
        ("machine", True, rf"{_WS}\s*\(\s*an?\s+`(?P<machine>[a-z]+-\d+)`"),
        ("owned kind", False, rf"{_VOL},?\s+is\s+(?:an?\s+|the\s+)?(?:owned|boot)\s+volume\b"),
        ("owned kind", False, rf"\bthe\s+(?:owned|boot)\s+volume\s+{_VOL}"),
        ("owned", False, rf"{_VOL},?\s+and\s+{_VOL2},?\s+are\s+(?:both\s+)?owned\s+by\s+{_WS}"),
        ("owned kind", False, (rf"{_VOL},?\s+and\s+{_VOL2},?\s+are\s+(?:both\s+|each\s+)?(?:the\s+)?"
                               r"(?:owned|boot)(?:\s+volumes)?\b")),
        ("standalone", False, (rf"{_VOL},?\s+and\s+{_VOL2},?\s+are\s+(?:both\s+)?(?:standalone|"
                               r"standalone\s+volumes)\b")),
        # a volume's size never changes: no operation resizes one
        ("size", False, (rf"{_VOL},?\s+(?:has\s+(?:a\s+)?`size_gb`\s+(?:of\s+)?|has\s+|is\s+(?:sized\s+"
                         r"(?:at\s+)?)?|holds\s+|(?:is\s+)?(?:an?|the)\s+)`?(?P<size>\d[\d,]*)`?\s*"
                         rf"(?:GiB|GB)\b{_NOT_COMPARED}")),
        ("size", False, rf"{_VOL},?\s+has\s+(?:a\s+)?`size_gb`\s+(?:of\s+)?`(?P<size>\d[\d,]*)`"),
        ("size", False, (rf"{_VOL},?\s+and\s+{_VOL2},?\s+are\s+(?:both\s+|each\s+)?`?(?P<size>\d[\d,]*)`?"
                         rf"\s*(?:GiB|GB)\b{_NOT_COMPARED}(?!,?\s+(?:and\s+)?`?\d)")),  # (not one each)
        ("size", False, rf"{_VOL}['’]s\s+(?:`size_gb`|size)\s+is\s+`?(?P<size>\d[\d,]*)`?"),
        ("size", False, (rf"{_VOL}\s*\(\s*`?(?P<size>\d[\d,]*)`?\s*(?:GiB|GB)\s*\)")),
        ("size", False, (r"\b(?:the|an?)\s+`?(?P<size>\d[\d,]*)`?[\s-]*(?:GiB|GB)\s+(?:(?:standalone|"
                         rf"owned|boot|detached|attached)\s+)?(?:volume\s+)?{_VOL}")),
        ("named", True,
         rf"{_WS}(?:,\s+(?:an?\s+`[a-z]+-\d+`\s+)?|\s+is\s+)named\s+`(?P<name>[^`]+)`"),
        # how many it starts with ("The sandbox starts with three volumes")
        ("count", True, (r"\b(?:sandbox|store)\s+(?:(?:always|then)\s+)?starts\s+(?:out\s+)?with\s+"
                         rf"(?:only\s+|just\s+)?(?P<count>\d+|{'|'.join(_COUNTS)})\s+"
                         r"(?P<what>workstation|volume)s?\b(?!\s+(?:that|which|of|in)\b)")),
        ("standalone", False, rf"\bthe\s+standalone\s+(?:volume\s+)?{_VOL}"),
        ("standalone", False, rf"{_VOL},?\s+is\s+(?:a\s+)?standalone\b"),
        ("detached", True, rf"{_VOL},?\s+is\s+(?:standalone\s+and\s+)?detached\b"),
    ))
#: A clause that says when, asks or denies: what it says is not of the starting state.
_NOT_AS_IT_STARTS = re.compile(
    r"\b(?:if|when|whether|once|after|afterwards|until|unless|while|before|then|again|now|"
    r"still|were|was|later|no|not|never|nor|old|used to|unlike|examples?|tests?|makes?|"
    r"made|leaves?|left|ends?|ended|gives?|gave|renames?|renamed|requests?|returns?|"
    r"returned|answers?|answered|responds?|keeps?|kept|pytest|means?|meant|sends?|sent|"
    r"PATCH)\b|\?|n't\b",
    re.IGNORECASE)
#: A clause that denies, asks, or speaks of another API or an example: what it says of
#: what never changes (a volume's kind or size, its owner) is not the sandbox's.
_DENIED_OR_ASKED = re.compile(r"\b(?:if|whether|unless|no|not|never|nor|unlike|old|used\s+to|"
                              r"examples?|tests?|pytest)\b|\?|n't\b", re.IGNORECASE)
#: A clause about the sandbox's starting state, where a state or what is attached is that
#: state's (elsewhere, what changes is as often a step of an example's).
_STARTING = re.compile(r"\b(?:starts\s+(?:with|from)|(?:sandbox|store)\s+start\s+(?:with|from)|"
                       r"(?:when|as)\s+the\s+(?:sandbox|store)\s+starts|(?:an?|the)\s+(?:fresh|new)\s+"
                       r"(?:sandbox|store)|(?:sandbox|store)\s+(?:just|newly)\s+started|"
                       r"starting\s+state|fixtures?|starts\s+(?:out\s+)?(?:as\s+)?`?(?:running|stopped)"
                       r")\b", re.IGNORECASE)


#: The time a claim of the starting state is said of: "when the sandbox starts".
_WHEN_IT_STARTS = re.compile(r"\b(?:when|as)\s+the\s+(?:sandbox|store)\s+starts\b", re.IGNORECASE)


@functools.cache
def _starting_state() -> tuple[dict[str, Any], dict[str, Any]]:
    """The sandbox's starting workstations and volumes, by ID."""
    from cloudws.fixtures import load_fixtures

    fixtures = load_fixtures()
    return ({ws.id: ws for ws in fixtures.workstations},
            {vol.id: vol for vol in fixtures.volumes})


def _as_it_starts(id: str) -> str:
    """What the sandbox's starting state says of the workstation or volume ``id``."""
    workstations, volumes = _starting_state()
    if id in workstations:
        ws = workstations[id]
        own, *attached = ws.volume_ids
        return (f"`{id}` is {ws.status} and owns `{own}`"
                + (f", with {', '.join(f'`{v}`' for v in attached)} attached" if attached
                   else ""))
    vol = volumes[id]
    where = f"attached to `{vol.attached_to}`" if vol.attached_to else "detached"
    return (f"`{id}` is standalone, {where}" if vol.standalone
            else f"`{id}` is owned by `{vol.attached_to}`")


def fixture_claims(prose: str) -> list[Problem]:
    """What ``prose`` (its code blocks blanked) says of a workstation or a volume of the
    sandbox's starting state that it is not. What never changes is read anywhere: which
    workstation owns a volume (```ws-12345` owns `vol-boot12345```, "it owns", after the
    one workstation the paragraph named before), and whether a volume is standalone. What
    changes (a workstation's state, what a volume is attached to) is read only in a clause
    that speaks of the starting state ("starts with", "starting state", "fixtures"):
    elsewhere, it is as often a step of an example's ("finds `ws-67890` stopped"). A
    clause that says when, asks or denies ("once", "after", "if", "now", "no"...) is not
    read, nor an ID given ``{ .no-ref }``, nor one the sandbox does not start with (an
    example's).

    Example:
        >>> [p.message for p in fixture_claims(
        ...     "The sandbox starts with the running `ws-67890`. It owns `vol-boot67890`; "
        ...     "`vol-scratch01` is attached to `ws-12345`.\\n\\nOnce stopped, `ws-67890` is "
        ...     "stopped. The second request finds `ws-67890` stopped.")]
        []
        >>> for p in fixture_claims("The sandbox starts with the running `ws-12345`.\\n\\n"
        ...                         "`ws-67890` owns `vol-boot12345`; `vol-data12345` is "
        ...                         "detached."):
        ...     print(p.line, p.message)
        1 running `ws-12345`: in the sandbox's starting state, `ws-12345` is stopped and owns `vol-boot12345`, with `vol-data12345` attached (if this is a later state, say when: "once", "after", "now")
        3 `ws-67890` owns `vol-boot12345`: in the sandbox's starting state, `vol-boot12345` is owned by `ws-12345`
    """
    workstations, volumes = _starting_state()
    found: dict[int, Problem] = {}
    for claim, changes, pattern in _FIXTURE_CLAIMS:
        for match in pattern.finditer(prose):
            named = match.groupdict()
            ws, vol = named.get("ws"), named.get("vol")
            paragraph = prose[:match.start()].rpartition("\n\n")[2]
            clause = re.split(r"[.;:!?]\s|\n\n|\|", paragraph)[-1]
            rest = re.split(r"[.;:!?]\s|\n\n|\|", prose[match.start():])[0]
            # (the starting state said before a colon: "The sandbox starts with two
            # workstations: `ws-12345` runs on ...")
            whole = re.split(r"[.;!?]\s|\n\n|\|", paragraph)[-1] + rest
            asked = prose[match.start() + len(rest):match.start() + len(rest) + 1] == "?"
            # ("when the sandbox starts" says when: its start)
            clause, rest = (_WHEN_IT_STARTS.sub(" ", clause), _WHEN_IT_STARTS.sub(" ", rest))
            if ((_NOT_AS_IT_STARTS if changes else _DENIED_OR_ASKED).search(clause) or asked
                    or _NOT_SAID_SO.search(clause)  # ("a common mistake is to think that")
                    or changes and (not _STARTING.search(whole)
                                    or _NOT_AS_IT_STARTS.search(rest))):
                continue  # (what changes, and then a when: "is running after a start"; what
                # never changes is the same at any time: "once attached, it is standalone")
            if claim == "count":  # (of all it starts with: no one named)
                kind = (named["what"] or "").lower()
                ids = list(workstations if kind == "workstation" else volumes)
                count = named["count"] or ""
                if (int(count) if count.isdigit() else _COUNTS.index(count.lower())) != len(ids):
                    said = " ".join(match[0].split())
                    found.setdefault(match.start(), Problem(
                        prose.count("\n", 0, match.start()) + 1,
                        f"{said}: the sandbox starts with {len(ids)} {kind}s ("
                        + ", ".join(f"`{i}`" for i in ids) + ")", said))
                continue
            if claim in ("owns", "has") and ws is None:  # it: the workstation named before
                before = set(re.findall(r"`(ws-[a-z0-9]+)`", paragraph))
                ws = before.pop() if len(before) == 1 else None
            if ws is not None and ws not in workstations or vol is not None and (
                    vol not in volumes) or named.get("vol2") not in (None, *volumes):
                continue
            said_of = (vol, named.get("vol2")) if named.get("vol2") else (vol,)  # (each said)
            for vol in said_of:
                v = volumes.get(vol or "")
                if _fixture_claim_wrong(claim, named, ws, v, workstations):
                    break
            else:
                continue
            said = " ".join(match[0].split())
            about = ws if claim in ("state", "machine", "named") else vol
            now = (f"`{ws}` is a `{workstations[ws or ''].machine_type}` named "
                   f"`{workstations[ws or ''].name}`" if claim in ("machine", "named")
                   else f"`{vol}` is {v.size_gb} GiB" if claim == "size"
                   else _as_it_starts(about or ""))
            later = (' (if this is a later state, say when: "once", "after", "now")'
                     if changes else "")
            found.setdefault(match.start(), Problem(
                prose.count("\n", 0, match.start()) + 1,
                f"{said}: in the sandbox's starting state, {now}" + later, said))
    return [found[start] for start in sorted(found)]


def _fixture_claim_wrong(claim: str, named: Mapping[str, str | None], ws: str | None, v: Any,
                         workstations: Mapping[str, Any]) -> bool:
    """Whether a claim of :data:`_FIXTURE_CLAIMS` (its words ``named``) is wrong of the
    starting workstation ``ws`` or volume ``v``."""
    return bool(
        claim == "state" and workstations[ws or ""].status != (named["state"] or "").lower()
        or claim in ("owns", "owned") and ws is not None and (
            v.standalone or v.attached_to != ws)
        or claim in ("attached", "has", "has attached") and ws is not None
        and v.attached_to != ws
        or claim in ("has", "standalone") and not v.standalone
        or claim == "owned kind" and v.standalone
        or claim == "size" and int((named["size"] or "").replace(",", "")) != v.size_gb
        or claim == "detached" and v.attached_to is not None
        or claim == "machine" and workstations[ws or ""].machine_type != named["machine"]
        or claim == "named" and workstations[ws or ""].name != named["name"])


#: A list's order said in words, by what it says comes first, or by a key other than when
#: each was made ("sorted by name", "alphabetically", "in ID order"): a list of
#: workstations or volumes (named in its clause, or "items", "a page") is held to the
#: stub's.
_ORDER = re.compile(
    r"\b(?:(?P<oldest>(?:oldest|earliest)(?:[ -]created)?[\s-]+first|(?:newest|latest)[\s-]+last|"
    r"(?:in\s+)?(?:creation|chronological)\s+order|(?:in\s+)?the\s+order\s+(?:they|it)\s+"
    r"(?:were|was)\s+created)|(?P<newest>(?:newest|latest|most\s+recent(?:ly\s+created)?|"
    r"youngest)(?:[ -]created)?[\s-]+first|(?:oldest|earliest)[\s-]+last|(?:in\s+)?reversed?\s+"
    r"(?:creation|chronological)\s+order)|(?P<other>(?:sorted|ordered)\s+by\s+(?:their\s+|its\s+)?"
    r"(?:`(?:name|id|size_gb|machine_type)`|names?|IDs?|sizes?|machine\s+types?)"
    r"|(?:in\s+)?(?:alphabetical|lexicographic(?:al)?|ID|name)\s+order|alphabetically))"
    r"(?![\w`])", re.IGNORECASE)
_OF_A_LIST = re.compile(r"\b(?P<kind>workstation|volume)s?\b|\b(?:items?|pages?)\b", re.IGNORECASE)
_CLAUSE = re.compile(r"[.;!?]\s|[()|]|\n\n")
#: What says the API lists so: a verb of listing, or a page's items named ("This page's
#: volumes, oldest first", "One page of workstations, in creation order").
_LISTS = re.compile(r"\b(?:lists?|listed|returns?|returned|comes?|came|ordered|sorted|"
                    r"appears?|page's|page\s+of)\b", re.IGNORECASE)
#: What says it is not the API's order that is told: what a reader's code does with a page,
#: what an example does, a wish, a condition, a comparison, the changelog's releases.
_NOT_THE_APIS = re.compile(
    r"\b(?:if|when|whether|would|could|should|must|might|may|want|wants|need|needs|reverse|"
    r"reverses|reversed|reversing|sort|sorts|sorting|yourself|client|code|show|shows|"
    r"display|displays|rather|instead|unlike|example|examples|deletes?|deleting|release's|"
    r"releases?|changelog|backwards|walk|many|other|feeds?|apis|old|older|before|earlier|"
    r"previously|was|were|used\s+to|versions?)\b|\b\d+\.\d+\b", re.IGNORECASE)


@functools.cache
def _list_orders() -> dict[str, str]:
    """How the stub lists each kind: ``oldest`` or ``newest`` first, told by the starting
    state's first and last items' ``created_at`` as a fresh store lists them.

    Example:
        >>> _list_orders()
        {'workstation': 'oldest', 'volume': 'oldest'}
    """
    from cloudws.store import Store

    store = Store()
    orders = {}
    for kind, listed in (("workstation", store.list_workstations().data),
                         ("volume", store.list_volumes().data)):
        first, last = listed[0].created_at, listed[-1].created_at
        if first != last:  # (the same instant: nothing to tell)
            orders[kind] = "oldest" if first < last else "newest"
    return orders


def order_claims(prose: str) -> list[Problem]:
    """What ``prose`` (its code blocks blanked) says of a list's order that the stub does
    not do: "newest first" where it lists the oldest first, or the other way round. Read
    in a clause that says the API lists so (a verb of listing, or a page's items named)
    and names workstations or volumes, or items or a page. A clause that denies, asks, or
    speaks of what a reader's code or an example does with a page, of a wish, a
    condition or a comparison, or of the changelog's releases, is not read.

    Example:
        >>> for p in order_claims("Lists workstations, oldest first.\\n\\n"
        ...                       "Volumes come newest first; the changelog, newest first.\\n\\n"
        ...                       "Workstations are sorted by name. Sort them by name yourself."):
        ...     print(p.line, p.message)
        3 'newest first' says the newest volume comes first, but the API lists volumes oldest first: write 'oldest first'
        5 'sorted by name' says how the API orders workstations, but it lists them in the order they were made, oldest first: write 'oldest first'
    """
    orders = _list_orders()
    found = []
    links = [(link.start, link.end) for link in prose_links(prose)]
    for match in _ORDER.finditer(prose):
        line = prose[prose.rfind("\n", 0, match.start()) + 1:match.start()]
        if line.lstrip().startswith(("#", "!!!", "???", "===")) or any(
                start <= match.start() < end for start, end in links):
            continue  # a heading's, an admonition's or a tab's title, a link's text
        paragraph = prose[:match.start()].rpartition("\n\n")[2]
        after = re.split(r"[.;:!?]\s|[()|]|\n\n", prose[match.start():])[0]  # (to a colon)
        clause = re.split(_CLAUSE, paragraph)[-1] + after  # ("volumes: newest first", one)
        sentence = clause[:len(clause) - len(after)] + " " + after[len(match[0]):]
        ends = prose[match.start() + len(after):match.start() + len(after) + 1]
        if (_NEGATION.search(sentence) or not _LISTS.search(clause) or ends == "?"
                or _NOT_THE_APIS.search(sentence) or re.search(
                    r"\b(?:methods?|headers?|Allow|codes?|fields?|keys?|members?|values?)\b",
                    clause[:len(clause) - len(after)], re.IGNORECASE)):
            continue  # (the phrase itself aside: "in reverse creation order"; the order of
            # something else: "the `Allow` header lists the methods alphabetically")
        kinds = {m["kind"].lower() for m in _OF_A_LIST.finditer(clause) if m["kind"]}
        if not kinds and not _OF_A_LIST.search(clause):
            continue
        said = "oldest" if match["oldest"] else "newest" if match["newest"] else None
        wrong = sorted(kind for kind in (kinds or orders)
                       if said is None or orders.get(kind, said) != said)
        if wrong:
            text = " ".join(match[0].split())
            things = " and ".join(f"{kind}s" for kind in wrong)
            actual = orders[wrong[0]]
            found.append(Problem(
                prose.count("\n", 0, match.start()) + 1,
                f"{text!r} says the {said} {' or '.join(wrong)} comes first, but the API "
                f"lists {things} {actual} first: write '{actual} first'" if said else
                f"{text!r} says how the API orders {things}, but it lists them in the order "
                f"they were made, {actual} first: write '{actual} first'", text))
    return found


def description_problems(doc: Mapping[str, Any], contract: Contract,
                         titles: Mapping[int, str] | None = None, operation: str | None = None
                         ) -> list[tuple[str, str, Problem]]:
    """``(JSON pointer, description, problem)`` for each status, error code, resource ID or
    field named in the inline code of a description of ``doc`` (what the endpoint pages'
    tables show of it) that the API does not have: :func:`check`, with the whole API as
    the scope (a description may name any operation's fields), but for a header in a
    description of an operation's own (its summary's, a parameter's, a response's), which
    is held to that operation's headers. With ``operation``, only the descriptions its
    endpoint page's tables show: the operation's, its path's parameters', and those of
    the schemas it refers to (``$ref``, and theirs).

    Example:
        >>> doc = {"components": {"schemas": {
        ...     "X": {"type": "object", "properties": {
        ...         "size_gb": {"type": "integer", "description": "Never `418`, not `200`."}}},
        ...     "Y": {"description": "Nor `419`, nor `sise_gb`."}}},
        ...     "paths": {"/x": {"get": {"operationId": "getX", "responses": {"200": {
        ...         "description": "An X.", "content": {"application/json": {
        ...             "schema": {"$ref": "#/components/schemas/X"}}}}}}}}}
        >>> contract = Contract.build(doc, {}, set())
        >>> for pointer, _, problem in description_problems(doc, contract):
        ...     print(pointer, problem.message)
        #/components/schemas/X/properties/size_gb/description `418`: the API does not document status 418 (it documents 200)
        #/components/schemas/Y/description `419`: the API does not document status 419 (it documents 200)
        #/components/schemas/Y/description `sise_gb` is not an error code or a field of the API; did you mean `size_gb`? (not a name of the API: write it without the backticks)
        >>> [pointer for pointer, _, _ in description_problems(doc, contract, operation="getX")]
        ['#/components/schemas/X/properties/size_gb/description']
    """
    def walk(node: Any, pointer: str) -> Iterator[tuple[str, str]]:
        items = (node.items() if isinstance(node, Mapping) else
                 enumerate(node) if isinstance(node, list) else ())
        for key, value in items:
            at = f"{pointer}/{_escaped(key)}"
            if key == "description" and isinstance(value, str):
                yield at, value
            else:
                yield from walk(value, at)

    roots = [(doc, "#")] if operation is None else _shown_with(doc, operation)
    page = Page("openapi.json", None)
    return [(pointer, text, problem) for root, at in roots for pointer, text in walk(root, at)
            if "`" in text or _NO_REF.search(text) or _ORDER.search(text)
            for problem in check(text, page, contract, titles, names=True, document=True,
                                 headers_of=_operation_at(doc, pointer))]


def _operation_at(doc: Mapping[str, Any], pointer: str) -> str | None:
    """The ``operationId`` of the operation whose node of ``doc`` holds ``pointer``, if
    one does.

    Example:
        >>> doc = {"paths": {"/x/{id}": {"parameters": [], "get": {"operationId": "getX"}}}}
        >>> _operation_at(doc, "#/paths/~1x~1{id}/get/responses/200/description")
        'getX'
        >>> [_operation_at(doc, p) for p in ("#/paths/~1x~1{id}/parameters/0/description",
        ...                                   "#/components/schemas/X/description")]
        [None, None]
    """
    tokens = pointer.split("/")
    if len(tokens) < 4 or tokens[:2] != ["#", "paths"]:
        return None
    node = doc.get("paths", {}).get(_unescaped(tokens[2]), {}).get(_unescaped(tokens[3]))
    return node.get("operationId") if isinstance(node, Mapping) else None


def source_place(description: str, sources: Mapping[str, str], pointer: str = "",
                 span: str = "") -> str | None:
    """``<file>:<line>`` of ``sources`` (file name to text) where ``description``, a
    description of the OpenAPI document at ``pointer``, is written; None if it is nowhere.

    It is found by its first words, as a string literal holds them: fewer of them, or three
    or more of its first line's words in a row found at one place only, for a description
    made by code (``f"The workstation's ID: {...}"``). Of several places, the one in the
    class the pointer's schema names, beside the field it names. Its line is that of
    ``span`` (the text a problem names) when the literal goes on over several lines; when
    the span is not in it (made elsewhere, by code) or the description is found nowhere,
    that of the span in backticks, if it is written at one place only.

    Example:
        >>> sources = {"m.py": 'class A:\\n    a: str = F(description="The ID.")\\n'
        ...                    'class B:\\n    b: str = F(description="The ID.")\\n',
        ...            "n.py": 'X = f"{MIN} to {MAX} items a page,"\\n    " never `418`."\\n'}
        >>> source_place("The ID.", sources, "#/components/schemas/B/properties/b/description")
        'm.py:4'
        >>> source_place("1 to 100 items a page, never `418`.", sources, span="418")
        'n.py:2'
        >>> source_place("Nowhere at all.", sources) is None
        True
        >>> source_place("Made by code; never `418`.", sources, span="418")
        'n.py:2'
    """
    def found(text: str) -> list[tuple[str, int]]:
        return [(name, at) for name, source in sources.items()
                for at in (m.start() for m in re.finditer(re.escape(text), source))
                ] if text.strip() else []

    first = next((line for line in description.split("\n") if line.strip()), "")
    words = first[:40].split(" ")
    places: list[tuple[str, int]] = []
    for count in dict.fromkeys([len(words), *range(len(words) - 1, 2, -1)]):
        places = found(" ".join(words[:count]))  # its first words, then fewer of them
        if places and (count == len(words) or len(places) == 1):
            break
        places = []
    words = first.split(" ")[:12]
    for size in range(len(words), 2, -1):  # then words in a row, found at one place
        if places:
            break
        for begin in range(len(words) - size + 1):
            places = found(" ".join(words[begin:begin + size]))
            if len(places) == 1:
                break
            places = []
    marked = found(f"`{span}`") if span else []  # the text at fault, where written
    if not places:
        return _line_of(sources, *marked[0]) if len(marked) == 1 else None
    tokens = [_unescaped(token) for token in pointer.split("/")]
    schema = tokens[tokens.index("schemas") + 1] if "schemas" in tokens[:-1] else None
    field = (tokens[len(tokens) - 1 - tokens[::-1].index("properties") + 1]
             if "properties" in tokens[:-1] else None)

    def fits(place: tuple[str, int]) -> int:
        name, at = place
        before = sources[name][:at]
        owner = re.findall(r"^class (\w+)", before, re.MULTILINE)
        near = "\n".join(before.split("\n")[-4:])
        return (2 * (schema is not None and owner[-1:] == [schema])
                + (field is not None and re.search(rf"\b{re.escape(field)}\b", near) is not None))

    name, at = max(places, key=fits)  # the first of the best
    if span:  # in backticks, else bare, in the literal; else where it is written, if once
        end = at + 2 * len(description) + 200
        where = sources[name].find(f"`{span}`", at, end)
        where = where if where >= 0 else sources[name].find(span, at, end)
        if where >= 0:
            at = where
        elif len(marked) == 1:
            name, at = marked[0]
    return _line_of(sources, name, at)


def _line_of(sources: Mapping[str, str], name: str, at: int) -> str:
    """``<name>:<line>`` of the offset ``at`` in ``sources[name]``."""
    return f"{name}:{sources[name].count(chr(10), 0, at) + 1}"


def _escaped(key: object) -> str:
    """``key`` as a JSON pointer's reference token."""
    return str(key).replace("~", "~0").replace("/", "~1")


def _unescaped(token: str) -> str:
    """The key a JSON pointer's reference ``token`` names."""
    return token.replace("~1", "/").replace("~0", "~")


def _shown_with(doc: Mapping[str, Any], operation: str) -> list[tuple[Any, str]]:
    """The parts of ``doc`` an endpoint page of ``operation`` shows, each with its JSON
    pointer: the operation, its path's parameters, and every part a ``$ref`` in them
    names, and in those, once each."""
    parts: list[tuple[Any, str]] = []
    for path, item in doc.get("paths", {}).items():
        for method, node in item.items():
            if isinstance(node, Mapping) and node.get("operationId") == operation:
                parts.append((node, f"#/paths/{_escaped(path)}/{_escaped(method)}"))
                if "parameters" in item:
                    parts.append((item["parameters"], f"#/paths/{_escaped(path)}/parameters"))
    named = {at for _, at in parts}
    for node, _ in parts:  # grows as it goes: the parts a ref names are read in turn
        for ref in _refs(node):
            if ref.startswith("#/") and ref not in named:
                target: Any = doc
                for token in ref[2:].split("/"):
                    target = target[_unescaped(token)]
                named.add(ref)
                parts.append((target, ref))
    return parts


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, Mapping):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def link_codes(markdown: str, page: Page, contract: Contract, errors_page: str) -> str:
    """``markdown`` with each error code that is not in a link linked to its row of
    ``errors_page`` (a relative link)."""
    out, end = [], 0
    for span in _spans(markdown):
        if (span.link is None and not span.opted_out and not span.heading
                and span.text in contract.code_status):
            out += [markdown[end:span.start],
                    f"[{markdown[span.start:span.end]}]({errors_page}#{span.text})"]
            end = span.end
    return "".join(out) + markdown[end:] if out else markdown


# -- IDs the page's examples show ---------------------------------------------------------


def _outputs(lang: str, text: str) -> Iterator[str]:
    """The lines of a code block (or an included file) that show output, not input."""
    if lang in {"json"}:
        yield from text.splitlines()
    elif lang in {"python", "py"}:
        inside = False
        for line in text.splitlines():
            if line.strip() in {'"""', "'''"}:
                inside = not inside
            elif inside or line.lstrip().startswith("#>"):
                yield line
    elif lang == "console":
        yield from (line for line in text.splitlines() if not line.lstrip().startswith("$"))


def shown_ids(markdown: str, id_patterns: Mapping[str, Any],
              read: Callable[[str], str] | None = None) -> set[str]:
    """Every resource ID in the outputs the page shows: ``#>`` lines and formatted blocks
    of Python, JSON, console output, and the same in the files its blocks include."""
    finder = _id_finder(id_patterns)
    found: set[str] = set()
    for lang, body in _blocks(markdown):
        includes = [m["path"] for m in map(_INCLUDE.match, body) if m]
        if includes and read is not None:
            for path in includes:
                suffix = Path(path).suffix.lstrip(".")
                kind = {"py": "python", "json": "json"}.get(suffix, suffix)
                for line in _outputs(kind, read(path)):
                    found.update(finder.findall(line))
        else:
            for line in _outputs(lang, "\n".join(body)):
                found.update(finder.findall(line))
    return found


def _id_finder(id_patterns: Mapping[str, Any]) -> re.Pattern[str]:
    """What finds every resource ID (each prefix of ``id_patterns``) in a text."""
    return re.compile("|".join(_ANY_ID.format(prefix=re.escape(p)) for p in id_patterns)
                      or r"(?!)")


def _blocks(markdown: str) -> Iterator[tuple[str, list[str]]]:
    """(language, lines) of every fenced code block."""
    fence, lang, body = None, "", []
    for line in markdown.split("\n"):
        match = _FENCE.match(line)
        if fence is None:
            if match:
                fence, lang, body = match["fence"], match["lang"].lower(), []
        elif match and match["fence"][0] == fence[0] and len(match["fence"]) >= len(fence) \
                and not line.strip().strip(fence[0]):
            yield lang, body
            fence = None
        else:
            body.append(line)
