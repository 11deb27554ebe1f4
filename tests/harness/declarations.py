"""A JSON block that is not a curl output says what it shows, and is checked as that.

The declaration is an HTML comment on the line just before the block's fence:

- ``<!-- response: <operationId> <status> -->`` — valid against that response's schema;
- ``<!-- request: <operationId> -->`` — valid against that operation's request body schema;
- ``<!-- schema: <Name> -->`` — equal to ``components.schemas.<Name>`` of the document.

Example:
    >>> from pathlib import Path
    >>> from cloudws.document import load_document
    >>> from tests.harness.pages import Page
    >>> schemas = ApiSchemas(load_document())
    >>> page = Page.from_text(Path("docs/p.md"), '<!-- request: createVolume -->\\n'
    ...                       '```json\\n{"size_gb": "big"}\\n```\\n')
    >>> case = JsonCase("docs/p.md:2", page.fences[0], page.fences[0].source)
    >>> check_declared_json(case, schemas)
    Traceback (most recent call last):
    ...
    tests.harness.checks.ExampleError: docs/p.md:3: the JSON is not a valid request body of createVolume (the block at docs/p.md:2):
      line 3: $.size_gb: 'big' is not of type 'integer'
"""

from __future__ import annotations

import json
import re

from .checks import ExampleError
from .discovery import JsonCase
from .jsoncheck import ApiSchemas, json_diff
from .pages import display_path

__all__ = ["DECLARATION_HELP", "check_declared_json"]

DECLARATION_HELP = (
    "say what it shows in an HTML comment on the line just before its fence: "
    "<!-- response: <operationId> <status> -->, <!-- request: <operationId> --> or "
    "<!-- schema: <SchemaName> --> (or put it right after the curl block whose output it is)"
)
_FORMS = {
    "response": re.compile(r"^response:\s*(?P<op>\w+)\s+(?P<status>\d{3})$"),
    "request": re.compile(r"^request:\s*(?P<op>\w+)$"),
    "schema": re.compile(r"^schema:\s*(?P<name>\w+)$"),
}


def json_error(text: str, exc: json.JSONDecodeError) -> tuple[int, str]:
    """The line to name for ``exc`` in ``text``, and what to say: a trailing comma at its
    own line (the decoder stops at what follows it, often a line later).

    Example:
        >>> text = '{\\n  "a": 1,\\n}\\n'
        >>> try:
        ...     json.loads(text)
        ... except json.JSONDecodeError as exc:
        ...     print(json_error(text, exc))
        (2, 'a comma before the closing } (JSON allows none)')
    """
    before = text[:exc.pos].rstrip()
    if before.endswith(",") and text[exc.pos:exc.pos + 1] in "}]":
        return before.count("\n") + 1, (f"a comma before the closing {text[exc.pos]} "
                                         "(JSON allows none)")
    return exc.lineno, exc.msg


def check_declared_json(case: JsonCase, schemas: ApiSchemas) -> None:
    """Fail, naming the block's page and line, unless it is what it declares."""
    __tracebackhide__ = True
    where = case.fence.where
    declaration = case.fence.declaration or ""
    comment = f"{display_path(case.fence.path)}:{case.fence.line - 1}"  # the declaration's
    if declaration and case.output_of is not None:
        raise ExampleError(f"{comment}: the block after it is the output of the curl command "
                           f"at {case.output_of} (the first block after it), which it must "
                           "equal: drop the declaration, and the block is compared with what "
                           "the command prints")
    kind, match = next(((k, m) for k, form in _FORMS.items() if (m := form.match(declaration))),
                       (None, None))
    if match is None:
        said = f" (it says {declaration!r})" if declaration else ""
        apart = None if declaration else _declaration_apart(case)
        if apart is not None:
            line, text = apart
            raise ExampleError(f"{display_path(case.fence.path)}:{line}: the declaration "
                               f"{text!r} is not on the line just before the block's fence "
                               f"({where}): remove the blank lines between them")
        raise ExampleError(f"{comment if declaration else where}: a JSON block that is no "
                           f"curl output must {DECLARATION_HELP}{said}")
    try:
        body = json.loads(case.text)
    except json.JSONDecodeError as exc:
        lineno, message = json_error(case.text, exc)
        raise ExampleError(f"{display_path(case.fence.path)}:{case.fence.line + lineno}: "
                           f"not valid JSON: {message}") from None
    try:
        if kind == "response":
            errors = schemas.response_errors(match["op"], int(match["status"]), body)
            what = f"a valid {match['status']} response of {match['op']}"
        elif kind == "request":
            errors = schemas.request_errors(match["op"], body)
            what = f"a valid request body of {match['op']}"
        else:
            expected = json.dumps(schemas.component(match["name"]), indent=2)
            diff = json_diff(case.text, expected, f"shown at {where}",
                             f"components.schemas.{match['name']}", case.fence.line + 1)
            errors = [diff] if diff else []
            what = f"the schema {match['name']} of the OpenAPI document"
    except KeyError as exc:
        raise ExampleError(f"{comment}: the declaration {declaration!r} names nothing: "
                           f"{exc.args[0]}") from None
    undocumented = [e for e in errors if kind == "response" and " does not document the " in e]
    if undocumented:  # the declaration's own status: named at its line
        raise ExampleError(f"{comment}: the declaration {declaration!r}: {undocumented[0]}")
    if errors and kind != "schema":  # each error at the line of what it is about
        first = case.fence.line + 1  # the page line of the block's first line
        placed = sorted(((_line_of(case.text, error), error) for error in errors),
                        key=lambda pair: pair[0] or 0)
        errors = [error if line is None else f"line {first + line - 1}: {error}"
                  for line, error in placed]
        known = [line for line, _ in placed if line is not None]
        if known:
            where = f"{display_path(case.fence.path)}:{first + min(known) - 1}"
            what += f" (the block at {case.fence.where})"
    if errors:
        raise ExampleError(f"{where}: the JSON is not {what}:\n  " + "\n  ".join(errors))


_COMMENT = re.compile(r"^\s*<!--\s*(?P<text>(?:response|request|schema):.*?)\s*-->\s*$")


def _declaration_apart(case: JsonCase) -> tuple[int, str] | None:
    """(line, text) of a declaration separated from the block's fence by blank lines."""
    lines = case.fence.path.read_text().splitlines()
    number = case.fence.line - 2  # the 0-based index of the line before the fence
    while number >= 0 and not lines[number].strip():
        number -= 1
    found = _COMMENT.match(lines[number]) if 0 <= number < case.fence.line - 2 else None
    return (number + 1, found["text"]) if found else None


_PATH_PART = re.compile(r"\.(\w+)|\['([^']+)'\]")
_UNEXPECTED = re.compile(r"\('([^']+)'(?:, '[^']+')* (?:was|were) unexpected\)")


def _line_of(text: str, error: str) -> int | None:
    """The 1-based line of ``text`` (a JSON document) that an error of the schema check
    is about: the key its JSON path ends with, or the first unexpected property it names
    (found in order, each after the one before; an array index is passed over).

    Example:
        >>> text = '{\\n  "id": "ws-1",\\n  "status": "runing",\\n  "region": "x"\\n}'
        >>> _line_of(text, "$.status: 'runing' is not one of ['running']")
        3
        >>> _line_of(text, "$: Additional properties are not allowed ('region' was unexpected)")
        4
        >>> _line_of(text, "$: 'name' is a required property") is None
        True
    """
    path, _, message = error.partition(": ")
    keys = [m[1] or m[2] for m in _PATH_PART.finditer(path)]
    unexpected = _UNEXPECTED.search(message)
    if unexpected:
        keys.append(unexpected[1])
    if not keys:
        return None
    offset = 0
    for key in keys:
        found = re.compile(rf'"{re.escape(key)}"\s*:').search(text, offset)
        if found is None:
            return None
        offset = found.start()
    return text.count("\n", 0, offset) + 1
