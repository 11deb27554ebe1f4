"""What every request an example makes must be: an API operation, answered as documented.

A path typo answers 404 from no operation; a wrong method, 405 (both fail, whatever the
example prints, and are named before any output drift); a status the operation
does not document means the page and the stub disagree. An example must not send a
``Content-Type`` without a body, which the endpoint pages tell readers not to do. And an
example that shows no output must not be quietly failing: its requests must succeed.

Example:
    >>> from cloudws.app import Exchange
    >>> from cloudws.document import load_document
    >>> schemas = ApiSchemas(load_document())
    >>> ok = Exchange("DELETE", "/v1/volumes/vol-scratch01", "deleteVolume", 200)
    >>> check_exchanges([ok], schemas, "docs/volumes/delete.md:40", shows_output=False)
    >>> typo = Exchange("DELETE", "/v1/volume/vol-scratch01", None, 404)
    >>> check_exchanges([typo], schemas, "docs/volumes/delete.md:40", shows_output=True)
    Traceback (most recent call last):
    ...
    tests.harness.checks.ExampleError: docs/volumes/delete.md:40: DELETE /v1/volume/vol-scratch01 is not an operation of the API (it answered 404): check the path; did you mean /v1/volumes/{id}?
"""

from __future__ import annotations

import difflib
import functools
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pytest

from cloudws.app import Exchange

from .jsoncheck import ApiSchemas, parse_json_documents
from .pages import PAGES_CHECKED
from .sandbox import Seen

__all__ = [
    "REFRESH",
    "ExampleError",
    "check_calls_its_operation",
    "check_exchanges",
    "field_meant",
    "hide_unless_reported",
    "misread_exports",
    "naming_pages",
    "new_errors",
    "no_refresh",
    "ran_too_long",
    "refusal",
    "request_notes",
    "rewritten_here",
    "sent_again",
    "stop_told",
    "under",
]

@functools.cache
def _api_fields() -> frozenset[str]:
    """Every property name in the schemas of the API's OpenAPI document."""
    from cloudws.document import load_document

    return frozenset(name for schema in load_document()["components"]["schemas"].values()
                     for name in schema.get("properties", {}))


def field_meant(name: str, cutoff: float = 0.85) -> str | None:
    """The field of the API's that ``name``, which an example read from an answer and is
    none, is in another case or a letter off (as near as ``cutoff``, difflib's ratio); None
    if none is. A key a Python example read from a dict is surely meant as a field: a
    looser ``cutoff`` suits it (``state`` for ``status``); a property a line of JavaScript
    reads may be the language's (``headers``, for ``errors``).

    Example:
        >>> [field_meant(n) for n in ("attachedTo", "size_gib", "state", "label", "status")]
        ['attached_to', 'size_gb', None, None, None]
        >>> field_meant("state", cutoff=0.7)
        'status'
    """
    fields = _api_fields()
    if name in fields:
        return None
    snake = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()
    close = ([snake] if snake in fields else
             difflib.get_close_matches(name, sorted(fields), n=1, cutoff=cutoff))
    return close[0] if close else None


#: The command a drift's message advises, to rewrite the outputs shown: pointed at the
#: page that shows the example when there is one (:func:`naming_pages`).
REFRESH = "uv run pytest --update-examples"

#: The two variables every example reads, which the quickstart exports.
EXPORTS = ("CLOUDWS_BASE_URL", "CLOUDWS_TOKEN")
#: A variable named like the exports: in capitals anywhere, or in any case where an
#: example reads the environment (a quoted name, ``$name``, ``process.env.name``).
_EXPORT_LIKE = re.compile(r"\bCLOUDWS_[A-Z0-9_]+\b"
                          r"|(?:(?<=[\"'$])|(?<=\$\{)|(?<=env\.))(?i:cloudws_\w+)\b")
#: What the harness sets in a run of its own (the traced second run of a JavaScript
#: example: tests/harness/node.py), which its tests' examples may read.
_HARNESS_SETS = ("CLOUDWS_DOCS_TRACE",)


def misread_exports(text: str) -> list[tuple[int, str]]:
    r"""Each line of an example's ``text`` (0 its first) that reads a variable named like
    the exports but none of them (a misspelt one, which a reader's paste leaves unset),
    with what to say of it.

    Example:
        >>> misread_exports('r = get(os.environ["CLOUDWS_BASE_URL"])\n'
        ...                 'h = {"Authorization": os.environ["CLOUDWS_TOKN"]}')
        [(1, 'the example reads CLOUDWS_TOKN, which a reader has not set (the exports are CLOUDWS_BASE_URL and CLOUDWS_TOKEN): did you mean CLOUDWS_TOKEN?')]
        >>> [said.split(",")[0] for _, said in misread_exports(
        ...     'os.environ["cloudws_token"]; cloudws_token = 1; "$cloudws_token"; f"{cloudws_x}"')]
        ['the example reads cloudws_token']
    """
    found = []
    for offset, line in enumerate(text.split("\n")):
        for name in dict.fromkeys(_EXPORT_LIKE.findall(line)):
            if name in EXPORTS or name in _HARNESS_SETS:
                continue
            meant = difflib.get_close_matches(name.upper(), EXPORTS, n=1, cutoff=0.8)
            found.append((offset, f"the example reads {name}, which a reader has not set (the "
                                  f"exports are {EXPORTS[0]} and {EXPORTS[1]})"
                                  + (f": did you mean {meant[0]}?" if meant else "")))
    return found


class ExampleError(pytest.fail.Exception):  # type: ignore[name-defined,misc]
    """An example that does not do what its page says; the message names page and line.

    pytest reports it as its message alone, with no traceback of the harness: the page
    and line in the message are where to look.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message, pytrace=False)


def hide_unless_reported(excinfo: pytest.ExceptionInfo[BaseException]) -> bool:
    """A ``__tracebackhide__`` for the frames above an example: hidden when the example
    raised (its own lines, on its page, are the story); kept for a failure that reports
    as its message alone, so that pytest has a frame to attach the message to."""
    return not excinfo.errisinstance(pytest.fail.Exception)


def check_exchanges(exchanges: Sequence[Exchange | Seen], schemas: ApiSchemas, where: str, *,
                    shows_output: bool) -> None:
    """Fail, naming ``where`` (or the exchange's own origin), unless every exchange is a
    documented answer."""
    __tracebackhide__ = True
    for exchange in exchanges:
        request = f"{exchange.method} {exchange.path}"
        sent_at = getattr(exchange, "origin", None) or where
        if exchange.operation_id is None:
            raise ExampleError(f"{sent_at}: {request} is not an operation of the API (it "
                               f"answered {exchange.status}): "
                               + _what_it_may_be(exchange.method, exchange.path, schemas))
        elif exchange.status not in schemas.response_statuses(exchange.operation_id):
            documented = ", ".join(map(str, schemas.response_statuses(exchange.operation_id)))
            raise ExampleError(f"{sent_at}: {request} ({exchange.operation_id}) answered "
                               f"{exchange.status}, which the API does not document for it "
                               f"(documented: {documented})")
        if getattr(exchange, "content_type_without_body", False):
            raise ExampleError(f"{sent_at}: {request} sends a Content-Type and no body: "
                               "send none without a body, as the endpoint pages tell readers")
        if not shows_output and exchange.status >= 400:
            raise ExampleError(f"{sent_at}: {request} answered {exchange.status}, and the "
                               "example shows no output that would say so")


def _what_it_may_be(method: str, path: str, schemas: ApiSchemas) -> str:
    """What a request to no operation may have meant: the methods its path takes, or the
    paths of the API it is likeliest a misspelling of (as the prose's requests are told).

    Example:
        >>> from cloudws.document import load_document
        >>> schemas = ApiSchemas(load_document())
        >>> _what_it_may_be("PUT", "/v1/volumes/vol-scratch01", schemas)
        'check the method: /v1/volumes/{id} takes DELETE, GET, HEAD'
        >>> _what_it_may_be("POST", "/v1/workstations/ws-67890/stpo", schemas)
        'check the path; did you mean /v1/workstations/{id}/stop?'
        >>> _what_it_may_be("GET", "/v1/v1/workstations/ws-67890", schemas)  # the root twice
        'check the path; did you mean /v1/workstations/{id}?'

        A path of the old API's, removed, is told with what replaced it; one whose ID is
        a word of the API's paths, with the path it may have meant too:

        >>> _what_it_may_be("POST", "/v1/workstations/ws-67890/delete", schemas)
        "check the path: /v1/workstations/{id}/delete is the old API's, removed (it answers 410): use DELETE /v1/workstations/{id}"
        >>> _what_it_may_be("POST", "/v1/workstations/stop", schemas)
        'check the method: /v1/workstations/{id} takes DELETE, GET, HEAD, PATCH; or, `stop` being no ID, check the path; did you mean /v1/workstations/{id}/stop?'
    """
    from hooks.api_paths import paths_like, route_of, routes_of

    routes = routes_of(schemas.document)
    path = path.partition("?")[0]
    found = route_of(path, routes)
    if found is None:
        return "check the path" + paths_like(path, method, routes)
    requests = {op["operationId"]: (name.upper(), route)
                for route, item in schemas.document["paths"].items()
                for name, op in item.items() if name.upper() in routes[route]}
    replaced = {op.get("x-replaced-by") for name, op in schemas.document["paths"][found].items()
                if name.upper() in routes[found]}
    if None not in replaced:  # every operation of the path removed
        use = requests[min(replaced)]
        return (f"check the path: {found} is the old API's, removed (it answers 410): use "
                f"{use[0]} {use[1]}")
    words = {part for route in routes for part in route.split("/")
             if part and not part.startswith("{")}
    standing = [segment for segment, written in zip(path.split("/"), found.split("/"),
                                                    strict=True)
                if written.startswith("{") and segment in words]
    return (f"check the method: {found} takes {', '.join(sorted(routes[found]))}"
            + (f"; or, `{standing[0]}` being no ID, check the path"
               + paths_like(path, method, {r: m for r, m in routes.items() if r != found})
               if standing else ""))


def new_errors(exchanges: Sequence[Exchange | Seen], shown: Sequence[str],
               printed: Sequence[str]) -> set[int]:
    """The error statuses (``4xx``, ``5xx``) that requests of an example got more often
    than what it shows mentions them, or that what it printed mentions more often than
    that: an answer it did not show (a wrong ID, a dropped token, a step out of order),
    which ``--update-examples`` never writes in, whether or not what it prints names the status
    (``None`` printed for a field of a ``404``'s body is no output to write in). An
    example that shows an error on purpose (the authentication page's ``401``, a ``409``
    on an endpoint page) shows that status already. One that shows nothing yet (a
    new one, its output to be filled in) has nothing to compare with: its callers hold
    every error of it against it (:func:`request_notes` with ``failed``).

    Example:
        >>> missing = [Seen("GET", "/v1/volumes/vol-x", "getVolume", 404)]
        >>> new_errors(missing, ["200 500"], ["404 not_found"])
        {404}
        >>> new_errors(missing, ["404 not_found"], ["404 not_found!"])
        set()
        >>> new_errors(missing, ["dev-box"], ["None"])  # the status not printed: still new
        {404}
        >>> new_errors(missing, ["404 ws-40412"], ["404 ws-40413 ws-40414"])  # nor in an ID
        set()
        >>> new_errors(missing, [], ["404 not_found"])  # a new example: nothing to compare
        set()

    A second request answered with the status an example shows once on purpose is new;
    a line changed by hand beside it is not:

        >>> new_errors(missing * 2, ["404", "500"], ["404", "None"])
        {404}
        >>> new_errors(missing, ["404", "500"], ["404", "501"]), new_errors(
        ...     missing * 2, ["404 404"], ["404 404"])
        (set(), set())

    In JSON outputs of as many documents, a problem (RFC 9457) that moved to another
    document is new there too: a wrong ID in a step before the one that shows a ``404``
    on purpose.

        >>> new_errors(missing, ['{"id": "ws-1"}', '{"status": 404}'],
        ...            ['{"status": 404}', '{"id": "ws-1"}'])
        {404}
    """
    if not any(line.strip() for line in shown):
        return set()
    errors = Counter(e.status for e in exchanges if e.status >= 400)
    return {status for status, got in errors.items()
            if _mentions(shown, status) < got
            or _mentions(printed, status) > _mentions(shown, status)
            } | (_moved_problems(shown, printed) & set(errors))


def _mentions(lines: Sequence[str], status: int) -> int:
    """How many times ``lines`` name ``status`` (not as part of a word or an ID)."""
    pattern = re.compile(rf"(?<![\w-]){status}(?![\w-])")
    return sum(len(pattern.findall(line)) for line in lines)


def _shows_its_code(shown: Sequence[str], exchange: Exchange | Seen) -> bool:
    """Whether the output ``shown`` shows the exchange's error code, where it shows a code
    beside that status at all (``409 volume_attached`` is not ``409 volume_owned``)."""
    code = getattr(exchange, "code", None)
    text = "\n".join(shown)
    return (not code or code in text
            or not re.search(rf"(?<![\w-]){exchange.status}\W+[a-z]+_[a-z_]+", text))


def _times(count: int) -> str:
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def _moved_problems(shown: Sequence[str], printed: Sequence[str]) -> set[int]:
    """The statuses of the problems ``printed`` has where ``shown``, the same number of
    JSON documents, has none of that status."""
    before = parse_json_documents("\n".join(shown))
    after = parse_json_documents("\n".join(printed))
    if not before or not after or len(before) != len(after):
        return set()

    def problem(document: object) -> int | None:
        status = document.get("status") if isinstance(document, dict) else None
        return status if isinstance(status, int) and status >= 400 else None

    return {problem(now) for was, now in zip(before, after)
            if problem(now) is not None and problem(now) != problem(was)}  # type: ignore[misc]


def request_notes(exchanges: Sequence[Exchange | Seen],
                  places: Sequence[str | None] | None = None, *, shown: Sequence[str] = (),
                  printed: Sequence[str] = (), failed: bool = False) -> str:
    """A note naming each request that is the likely cause of a failure or a drift: one no
    operation answered (a drifted method or path, a ``405`` for a method the path does not
    take), and one answered with an error the output ``shown`` does not show (its
    :func:`new_errors`, from what was ``printed``; a ``401`` to a request that sent no
    ``Authorization`` header says to send it); when the example ``failed`` (it raised, or
    exited with an error), every request answered with an error, which it may have tripped
    on later. Each with the line that sent it when ``places`` (one per exchange) or the
    exchange's own origin knows it. An error the example shows on purpose, as many times
    as requests got it, is not named, though it failed.

    Example:
        >>> print(request_notes([Seen("GET", "/v1/volume/v", None, 404)], ["x.mjs:3"]))
        <BLANKLINE>
        (GET /v1/volume/v, sent at x.mjs:3, answered 404: no operation takes that method and path)
        >>> print(request_notes([Seen("GET", "/v1/volumes", "listVolumes", 401, sent_token=False),
        ...                      Seen("GET", "/v1/volumes", "listVolumes", 404)],
        ...                     shown=["200", "200"], printed=["401", "404"]))
        <BLANKLINE>
        (GET /v1/volumes, sent with no Authorization header, was answered 401: send "Authorization: Bearer " and the token from CLOUDWS_TOKEN)
        (GET /v1/volumes answered 404, which the example does not show)
        >>> print(request_notes([Seen("GET", "/v1/workstations", "listWorkstations", 400,
        ...                           query="cursor=undefined")], failed=True))
        <BLANKLINE>
        (GET /v1/workstations?cursor=undefined answered 400)
        >>> request_notes([Seen("DELETE", "/v1/workstations/w", "deleteWorkstation", 409)],
        ...               shown=["409 workstation_not_stopped", "0"], failed=True)
        ''
        >>> print(request_notes([Seen("DELETE", "/v1/volumes/v", "deleteVolume", 409,
        ...                           code="volume_owned", detail="It is owned.")],
        ...                     shown=["409 volume_attached"], failed=True))
        <BLANKLINE>
        (DELETE /v1/volumes/v answered 409 volume_owned (It is owned.))

    A status the example shows on purpose, which more requests got: each is named, with
    how many got it.

        >>> print(request_notes([Seen("GET", "/v1/volumes/vol-a", "getVolume", 404),
        ...                      Seen("GET", "/v1/volumes/vol-b", "getVolume", 404)],
        ...                     ["x.py:3", "x.py:5"], shown=["404", "500"], printed=["404", "None"]))
        <BLANKLINE>
        (GET /v1/volumes/vol-a, sent at x.py:3, answered 404: 2 requests got it, which the example shows once)
        (GET /v1/volumes/vol-b, sent at x.py:5, answered 404: 2 requests got it, which the example shows once)
    """
    places = places if places is not None and len(places) == len(exchanges) else None
    unshown = set() if failed else new_errors(exchanges, shown, printed)
    got = Counter(e.status for e in exchanges)
    notes = []
    for index, exchange in enumerate(exchanges):
        at = (places[index] if places is not None else None) or getattr(exchange, "origin",
                                                                          None)
        sent = f", sent at {at}," if at else ""
        query = getattr(exchange, "query", "")
        request = f"{exchange.method} {exchange.path}{f'?{query}' if query else ''}"
        if exchange.operation_id is None:
            notes.append(f"\n({request}{sent} answered {exchange.status}: no operation "
                         "takes that method and path)")
        elif exchange.status < 400 or not (failed or exchange.status in unshown):
            continue
        elif failed and got[exchange.status] <= _mentions(shown, exchange.status) and (
                _shows_its_code(shown, exchange)):
            continue  # an error it shows on purpose (as often as it was got): not the cause
        elif exchange.status == 401 and not getattr(exchange, "sent_token", True):
            notes.append(f"\n({request}, sent{f' at {at}' if at else ''} with no Authorization "
                         f"header, was answered 401: {_SEND_THE_TOKEN})")
        elif failed:
            notes.append(f"\n({request}{sent} answered {_answer(exchange)})")
        elif 0 < (times := _mentions(shown, exchange.status)) < got[exchange.status]:
            # which of them the example means to show, it cannot tell: it names each
            notes.append(f"\n({request}{sent} answered {_answer(exchange)}: "
                         f"{got[exchange.status]} requests got it, which the example shows "
                         f"{_times(times)})")
        else:
            notes.append(f"\n({request}{sent} answered {_answer(exchange)}, which the "
                         "example does not show)")
    return "".join(notes)


def _answer(exchange: Exchange | Seen) -> str:
    """An error answer as a note names it: its status, and its problem's code and detail
    where the exchange has them (what was wrong with the request, in the API's words).

    Example:
        >>> _answer(Seen("PATCH", "/v1/workstations/ws-1", "updateWorkstation", 400,
        ...              code="validation_error", detail="machine is not a field."))
        '400 validation_error (machine is not a field.)'
        >>> _answer(Seen("GET", "/v1/volumes", "listVolumes", 500))
        '500'
    """
    code, detail = getattr(exchange, "code", None), getattr(exchange, "detail", None)
    return f"{exchange.status} {code} ({detail})" if code and detail else str(exchange.status)


#: What a request with no token needs, in any language.
_SEND_THE_TOKEN = 'send "Authorization: Bearer " and the token from CLOUDWS_TOKEN'


def refusal(exchanges: Sequence[Exchange | Seen], where: str,
            places: Sequence[str | None] | None = None, *, shown: Sequence[str] = (),
            printed: Sequence[str] = ()) -> str:
    """What ``--update-examples`` says first, in every language, when it writes nothing in
    for an example because a request got an error it does not show (:func:`new_errors`;
    any error, for a new example, which shows nothing yet): at the line that sent the
    first such request (its place in ``places``, one per exchange, or its own origin),
    else at ``where``.

    Example:
        >>> missing = Seen("GET", "/v1/volumes/vol-x", "getVolume", 404)
        >>> refusal([missing], "x.sh:1", ["x.sh:3"], shown=["200"], printed=["404"])
        'x.sh:3: --update-examples writes nothing in for this example: a request got an \
error it does not show'
    """
    places = places if places is not None and len(places) == len(exchanges) else None
    unshown = (new_errors(exchanges, shown, printed) if shown
               else {e.status for e in exchanges if e.status >= 400})
    at = next((place for index, e in enumerate(exchanges) if e.status in unshown
               for place in [(places[index] if places is not None else None)
                             or getattr(e, "origin", None)] if place), None)
    return (f"{at or where}: --update-examples writes nothing in for this example: a request "
            "got an error it does not show")


#: How long an example may run (they take under a second): one still running then is
#: stopped, and fails saying so, in every language.
EXAMPLE_SECONDS = 60


def sent_again(exchanges: Sequence[Exchange | Seen]) -> bool:
    """Whether the last request was sent three times in a row (the same method, path and
    query), from one line where the lines are known, as a loop that polls sends it; an
    example that shows a request twice ("stopping it again changes nothing") is none.

    Example:
        >>> get = Seen("GET", "/v1/volumes/vol-a", "getVolume", 200)
        >>> sent_again([get] * 2), sent_again([get] * 3)
        (False, True)
        >>> sent_again([get, get._replace(origin="x.py:7"), get._replace(origin="x.py:9")])
        False
    """
    last = exchanges[-3:]
    return len(last) == 3 and len(
        {(e.method, e.path, getattr(e, "query", "")) for e in last}) == 1 and len(
        {getattr(e, "origin", None) for e in last} - {None}) <= 1


def ran_too_long(where: str, how: str, seconds: float,
                 exchanges: Sequence[Exchange | Seen], looped: bool | None = None) -> str:
    """What an example still running after ``seconds`` says, at ``where``, run ``how``:
    and its last request, which a loop waiting for a state that never comes sends again
    and again, with why the state never comes: when ``looped``, or by default when it was
    :func:`sent_again`.

    Example:
        >>> print(ran_too_long("x.sh:3", "the command", 60,
        ...                    [Seen("GET", "/v1/volumes/vol-a", "getVolume", 200)] * 3))
        x.sh:3: the command had not ended after 60 s, and was stopped
        (its last request: GET /v1/volumes/vol-a, answered 200)
        (sent again and again, as by a loop waiting for a state: the sandbox changes a \
resource only when a request asks it to, at once, so a state it has not reached by then \
never comes)
        >>> print(ran_too_long("x.mjs:3", "the example", 60, [Seen(
        ...     "GET", "/v1/volumes", "listVolumes", 200, query="limit=5")]))
        x.mjs:3: the example had not ended after 60 s, and was stopped
        (its last request: GET /v1/volumes?limit=5, answered 200)
    """
    said = f"{where}: {how} had not ended after {seconds:g} s, and was stopped"
    if not exchanges:
        return f"{said}\n(it sent no request)"
    last = exchanges[-1]
    origin = getattr(last, "origin", None)
    sent = f", sent at {origin}" if origin else ""
    query = getattr(last, "query", "")
    path = f"{last.path}?{query}" if query else last.path
    said = f"{said}\n(its last request: {last.method} {path}{sent}, answered {last.status})"
    if sent_again(exchanges) if looped is None else looped:
        said += ("\n(sent again and again, as by a loop waiting for a state: the sandbox "
                 "changes a resource only when a request asks it to, at once, so a state it "
                 "has not reached by then never comes)")
    return said


_STOPPED = re.compile(r"^(?P<where>\S+): the \w+ had not ended after (?P<seconds>[\d.]+) "
                      "s, and was stopped", re.MULTILINE)


def stop_told(message: str) -> tuple[str, str] | None:
    """Where and after how many seconds the example a failure's ``message`` tells of was
    stopped (:func:`ran_too_long`); None if it was not.

    Example:
        >>> stop_told("x.sh:1: a drift\\n" + ran_too_long("x.sh:3", "the command", 60, []))
        ('x.sh:3', '60')
        >>> stop_told("x.sh:3: the command exited with 6") is None
        True
    """
    found = _STOPPED.search(message)
    return (found["where"], found["seconds"]) if found else None


def no_refresh(outputs: str, output: str, *, new: bool = False) -> str:
    """Said, instead of a refresh, when :func:`request_notes` names a cause in a drift of
    the ``outputs`` (``#> comments``) an example shows, one ``output`` line (``#>``) each;
    of a ``new`` example, one that shows none yet, no line was changed.

    Example:
        >>> no_refresh("#> comments", "#>", new=True).endswith("write its #> line first).")
        True
    """
    changed = ("" if new else f"; if it is that {output} line you changed, and the request "
               "is right, put the line back as it was")
    return (f"Fix the request (or a step before it), not the {outputs}: --update-examples "
            "writes in no error the example does not show (to show one on purpose, write "
            f"its {output} line first{changed}).")


def under(url: str, base: str) -> bool:
    """Whether ``url`` is ``base`` or under it (a path below it, or its query); ``base``
    with a slash after it is not: an example adds its paths after it (``/v1//volumes``).

    Example:
        >>> base = "https://api.example.com/v1"
        >>> [under(url, base) for url in (base, base + "/volumes", base + "?a=1",
        ...                               "https://api.example.com/v2/volumes", base + "0",
        ...                               base + "/")]
        [True, True, True, False, False, False]
    """
    return url == base or url.startswith(base + "?") or (
        url.startswith(base + "/") and url != base + "/")


def check_calls_its_operation(file: Path | None, exchanges: Sequence[Exchange | Seen],
                              where: str) -> None:
    """Fail unless ``file``, if it is an endpoint page's own example (published as its
    operation's ``x-codeSamples``, its output the page's response example:
    ``hooks/code_samples.py``), calls that operation and gets a success: a wrong method or
    path can reach another operation and still get a documented answer, and a wrong ID, a
    wrong header or a call with its headers dropped gets a documented error, which a
    refresh would write in as the page's example."""
    __tracebackhide__ = True
    from cloudws.operations import OPERATIONS

    operation = _own_examples().get(_resolved(file)) if file is not None else None
    if operation is None or not exchanges:
        return  # none made: what stopped it (or the check of requests made) says why
    if operation not in OPERATIONS:  # the page's front matter is wrong, not its example:
        return  # its build says so, at that line ("no operation 'deleteWorkstaton'")
    calls = [e for e in exchanges if e.operation_id == operation]
    if any(e.status < 400 for e in calls):
        _check_sends_its_declared_example(operation, calls, where)
        return
    if calls:
        first = calls[0]
        why = (f" (it sent no Authorization header): {_SEND_THE_TOKEN}" if first.status == 401
               and not getattr(first, "sent_token", True) else ": check the request's ID, "
               "headers and body")
        said = (f" {first.code} ({first.detail})" if getattr(first, "code", None)
                and getattr(first, "detail", None) else "")
        meant = {name: field_meant(name, cutoff=0.7) for name in re.findall(
            r"\bbody\.(\w+) is not a known field", getattr(first, "detail", None) or "")}
        why += "".join(f"; body.{name}: did you mean {field}?"
                       for name, field in meant.items() if field)  # a field misspelt
        raise ExampleError(f"{getattr(first, 'origin', None) or where}: this is the example of "
                           f"{operation}'s page (its x-codeSamples, and the page's response "
                           f"example), but {first.method} {first.path} answered {first.status}"
                           f"{said}, not a success{why}")
    called = ", ".join(dict.fromkeys(f"{e.method} {e.path} ({e.operation_id or 'no operation'})"
                                     for e in exchanges))
    sent_at = next((e.origin for e in exchanges if getattr(e, "origin", None)), where)
    raise ExampleError(f"{sent_at}: this is the example of {operation}'s page (its "
                       f"x-codeSamples), but it never calls {operation}: it calls {called}. "
                       "Check the method and path")


def _check_sends_its_declared_example(operation: str, calls: Sequence[Exchange | Seen],
                                      where: str) -> None:
    """Fail unless one of ``calls``, the requests of ``operation`` made by its page's own
    example, sends the path and query of the operation's declared example: what Try it
    sends, and so what every language of the page's example sends, one request shown in
    each tab (an example may send others besides: a list's pages, one by one).

    Example:
        >>> stop = Seen("POST", "/v1/workstations/ws-12345/stop", "stopWorkstation", 200,
        ...             "snippets/workstations/stop.py:12")
        >>> _check_sends_its_declared_example("stopWorkstation", [stop], "snippets/x.py")
        Traceback (most recent call last):
        ...
        tests.harness.checks.ExampleError: snippets/workstations/stop.py:12: this is the example of stopWorkstation's page, whose every language, and Try it, sends its declared example, POST /v1/workstations/ws-67890/stop; this one never does (it sends POST /v1/workstations/ws-12345/stop). Send that request here, or change the example in stopWorkstation's declaration (src/cloudws/operations.py) and in every language of the page's example
        >>> _check_sends_its_declared_example("listVolumes", [Seen(
        ...     "GET", "/v1/volumes", "listVolumes", 200, query="limit=2")], "snippets/x.py")
    """
    __tracebackhide__ = True
    from urllib.parse import parse_qsl

    from cloudws.operations import OPERATIONS

    declared = OPERATIONS[operation]
    path, _, query = declared.url().partition("?")
    if any(call.path == path and sorted(parse_qsl(getattr(call, "query", "")))
           == sorted(parse_qsl(query)) for call in calls):
        return
    asked = dict(parse_qsl(query))

    def likeness(call: Exchange | Seen) -> tuple[bool, int]:  # the call likeliest meant
        sent = dict(parse_qsl(getattr(call, "query", "")))
        return call.path == path, sum(sent.get(k) == v for k, v in asked.items())

    call = max(calls, key=likeness)  # (the first, of those alike)
    sent = getattr(call, "query", "")
    raise ExampleError(
        f"{getattr(call, 'origin', None) or where}: this is the example of {operation}'s page, "
        f"whose every language, and Try it, sends its declared example, {declared.method} "
        f"{declared.url()}; this one never does (it sends {call.method} {call.path}"
        f"{'?' * bool(sent)}{sent}). "
        f"Send that request here, or change the example in {operation}'s declaration "
        "(src/cloudws/operations.py) and in every language of the page's example")


@functools.cache
def _resolved(path: Path) -> Path:
    """``path.resolve()``, once a path: each example's file is looked up after each run."""
    return path.resolve()


@functools.cache
def _own_examples() -> dict[Path, str]:
    """Each endpoint page's own example files -> the page's operation."""
    from hooks.code_samples import sample_files

    from .discovery import pages
    from .pages import DOCS, ROOT

    found: dict[Path, str] = {}
    for page in pages():
        operation = page.front_matter.get("operation")
        if isinstance(operation, str):
            for path, _, _ in sample_files(page.path.relative_to(DOCS).as_posix(), ROOT):
                found[path.resolve()] = operation
    return found


def rewritten_here(request: pytest.FixtureRequest, name: str) -> bool:
    """Whether this run rewrites outputs (``--update-examples``) and selects the test
    ``name``, the run of an example that rewrites them: a pasted run of it then compares
    nothing (the next run compares what was rewritten), and compares as ever when that
    test is left out (``-k pasted``), since nothing would be rewritten."""
    return bool(request.config.getoption("update_examples")) and any(
        item.name == name for item in request.session.items)


@contextmanager
def naming_pages(shown_on: Sequence[str], where: str = "") -> Iterator[None]:
    """Add "shown on docs/page.md:12" to whatever fails inside, for a snippet's failure;
    and point a refresh it advises at the page that shows the example (the one being
    checked, if it does, else the first of ``shown_on``; or the page of ``where``, a page's
    own block), whose check takes seconds where the whole suite takes minutes.

    Example:
        >>> checked = set(PAGES_CHECKED); PAGES_CHECKED.clear()  # pages this run checks
        >>> with naming_pages(["docs/volumes/get.md:30"]):
        ...     raise ExampleError(f"x.sh:1: drift. Refresh it with `{REFRESH}`")
        Traceback (most recent call last):
        ...
        tests.harness.checks.ExampleError: x.sh:1: drift. Refresh it with \
`uv run pytest docs/volumes/get.md --update-examples`
        (shown on docs/volumes/get.md:30)
        >>> PAGES_CHECKED.add("docs/volumes/get.md")  # uv run pytest docs/volumes/get.md
        >>> with naming_pages(["docs/index.md:9", "docs/volumes/get.md:30"]):
        ...     raise ExampleError(f"x.sh:1: drift. Refresh it with `{REFRESH}`")
        Traceback (most recent call last):
        ...
        tests.harness.checks.ExampleError: x.sh:1: drift. Refresh it with \
`uv run pytest docs/volumes/get.md --update-examples`
        (shown on docs/index.md:9, docs/volumes/get.md:30)
        >>> PAGES_CHECKED.clear(); PAGES_CHECKED.update(checked)
    """
    __tracebackhide__ = True
    first = next((s for s in shown_on if s.rpartition(":")[0] in PAGES_CHECKED),
                 shown_on[0] if shown_on else where)
    page = first.rpartition(":")[0] if first.startswith("docs/") else None
    if not shown_on and page is None:
        yield
        return
    note = f"\n(shown on {', '.join(shown_on)})" if shown_on else ""
    try:
        yield
    except pytest.fail.Exception as exc:  # an ExampleError too
        message = exc.msg or ""
        if page is not None:
            message = message.replace(f"`{REFRESH}`", f"`uv run pytest {page} --update-examples`")
        raise ExampleError(f"{message}{note}") from None
    except Exception as exc:
        if note:
            exc.add_note(note.lstrip("\n"))
        raise
