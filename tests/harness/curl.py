"""Run a curl example verbatim and check it: its host, its requests, what it printed.

The command text goes to ``bash -c`` exactly as the page shows it (a ``console`` block
only loses its ``$`` prompt), with ``PATH=/usr/bin:/bin`` so that ``curl`` is the system
binary, ``CLOUDWS_TOKEN`` set to a sandbox token, and the ``.curlrc`` of
:class:`~tests.harness.tls.TlsSandbox`.

Example:
    >>> check_hosts("curl -s https://api.cloudworkstation.example.com/v1/volumes", "p.md:1")
    >>> check_hosts("curl -s http://localhost:8000/v1/volumes", "p.md:1")
    Traceback (most recent call last):
    ...
    tests.harness.checks.ExampleError: p.md:1: the command calls http://localhost:8000/v1/volumes; curl examples call the API at https://api.cloudworkstation.example.com/v1/...
    >>> check_hosts('curl \\\\\\n  "${CLOUDWS_BASE_URL:-https://api.cloudworkstation.example.com/v2}/volumes"',
    ...             "p.md:1")
    Traceback (most recent call last):
    ...
    tests.harness.checks.ExampleError: p.md:2: the command calls https://api.cloudworkstation.example.com/v2/volumes; curl examples call the API at https://api.cloudworkstation.example.com/v1/...
    >>> check_hosts("# the API: `https://api.cloudworkstation.example.com/v1/...`.\\ncurl -s "
    ...             "https://api.cloudworkstation.example.com/v1/volumes  # see "
    ...             "https://www.rfc-editor.org/rfc/rfc9110", "p.md:1")
"""

from __future__ import annotations

import contextlib
import email.utils
import os
import re
import signal
import subprocess
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

from pytest_examples import CodeExample

from cloudws.app import TOKEN_PREFIX, Exchange
from cloudws.operations import API_ROOT
from cloudws.testing import API_HOST, BASE_URL

from . import checks
from .checks import (
    REFRESH,
    ExampleError,
    check_calls_its_operation,
    check_exchanges,
    misread_exports,
    naming_pages,
    no_refresh,
    ran_too_long,
    refusal,
    request_notes,
    sent_again,
    under,
)
from .discovery import CurlCase, CurlCommand, Shown
from .jsoncheck import ApiSchemas, first_changed_line, json_diff, parse_json_documents
from .pages import ROOT, missing_include
from .sandbox import DOCS_TOKEN, DocsSandbox, Seen
from .tls import TlsSandbox

__all__ = ["check_hosts", "check_reads_the_exports", "dated_as_shown", "run_command",
           "run_curl_case"]


_URL = re.compile(r"""\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\s"'\\)]+""")
#: A header that carries a bearer token, whatever its name.
#: curl's option that sends the request through a proxy (``-x``, often written for ``-X``).
_PROXY_OPTION = re.compile(r"(?:^|\s)(?P<option>-x|--proxy)(?=\s|=|$)", re.MULTILINE)
_BEARER_HEADER = re.compile(r"""(?:-H|--header)\s*["']?(?P<name>[\w-]+)\s*:\s*Bearer\b""",
                            re.IGNORECASE)


def check_hosts(command: str, where: str) -> None:
    """Fail unless every URL in ``command`` is the API's base URL or under it; named at
    the line of ``command`` (which starts at ``where``) that writes it."""
    for found in _URL.finditer(_without_comments(command)):  # a comment's is no call
        url = found[0].replace("}", "", 1).rstrip(".,;:!`")  # a default, ${…:-url}; a sentence's end
        parts = urlsplit(url)
        if (parts.scheme != "https" or parts.hostname != API_HOST or parts.port not in (None, 443)
                or not under(url, BASE_URL)):
            file, _, line = where.rpartition(":")
            at = (f"{file}:{int(line) + command.count(chr(10), 0, found.start())}"
                  if line.isdigit() else where)
            raise ExampleError(
                f"{at}: the command calls {url}; curl examples call the API at "
                f"{BASE_URL}/..."
            )


def _without_comments(command: str) -> str:
    """A shell ``command`` with its comments blanked (lengths kept, so offsets hold): each
    ``#`` that starts a word outside quotes, to the end of its line. A URL there is no
    call. (In single quotes nothing is escaped; in double quotes a backslash escapes.)

    Example:
        >>> _without_comments('curl "u#1" -d \\'{"a": "b\\\\"}\\' # see https://x')
        'curl "u#1" -d \\'{"a": "b\\\\"}\\'                 '
    """
    out, quote, index = list(command), None, 0
    while index < len(command):
        char = command[index]
        if quote == '"' and char == "\\":
            index += 2
            continue
        if quote is not None:
            quote = None if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char == "#" and (index == 0 or command[index - 1].isspace()):
            end = command.find("\n", index)
            end = len(command) if end < 0 else end
            out[index:end] = " " * (end - index)
            index = end
            continue
        index += 1
    return "".join(out)


def check_reads_the_exports(command: str, where: str) -> None:
    """Fail unless ``command`` takes its base URL from ``CLOUDWS_BASE_URL`` and writes no
    sandbox token (a token it sends comes from ``$CLOUDWS_TOKEN``, or is a wrong one on
    purpose), so that it runs as pasted against any sandbox and against the real API.

    A command that names a proxy (``-x``, meant as ``-X`` most likely) fails too: a
    reader's proxy is theirs to set, and the pasted run's ``NO_PROXY`` would hide it.

    Example:
        >>> check_reads_the_exports('curl -s \\\\\\n  https://api.cloudworkstation.example.com/v1/'
        ...                         'volumes -H "Authorization: Bearer $CLOUDWS_TOKEN"', "x.sh:1")
        Traceback (most recent call last):
        ...
        tests.harness.checks.ExampleError: x.sh:2: the command does not take its base URL from \
CLOUDWS_BASE_URL: write "${CLOUDWS_BASE_URL:-https://api.cloudworkstation.example.com/v1}/..."
        >>> check_reads_the_exports('curl -sS \\\\\\n  -x POST "${CLOUDWS_BASE_URL:-x}/volumes" '
        ...                         '-H "Authorization: Bearer $CLOUDWS_TOKEN"', "x.sh:1")
        Traceback (most recent call last):
        ...
        tests.harness.checks.ExampleError: x.sh:2: the command sends its request through a \
proxy (-x POST): to set the method, write -X POST (a capital X)
        >>> check_reads_the_exports('curl -sS "${CLOUDWS_BASE_URL:-x}/volumes" \\\\\\n'
        ...                         '  -H "Authorization: Bearer $CLOUDWS_TOKN"', "x.sh:1")
        Traceback (most recent call last):
        ...
        tests.harness.checks.ExampleError: x.sh:2: the command reads CLOUDWS_TOKN, which a \
reader has not set (the exports are CLOUDWS_BASE_URL and CLOUDWS_TOKEN): did you mean \
CLOUDWS_TOKEN?
    """
    proxy = _PROXY_OPTION.search(command)
    if proxy is not None:
        value = command[proxy.end("option"):].lstrip(" =").split(maxsplit=1)[0:1]
        shown = " ".join([proxy["option"], *value])
        method = f"-X {value[0]}" if value and value[0].isupper() else "-X METHOD"
        raise ExampleError(f"{_line_at(where, command, proxy.start('option'))}: the command "
                           "sends its request through a proxy "
                           f"({shown}): to set the method, write {method} (a capital X)")
    for offset, said in misread_exports(command):  # a name misspelt: at its line
        file, _, first = where.rpartition(":")
        raise ExampleError(f"{file}:{int(first) + offset}: {said.replace('example', 'command')}")
    if "${CLOUDWS_BASE_URL:-" not in command:
        url = _URL.search(command)  # named at the line of the URL written by hand
        raise ExampleError(f"{_line_at(where, command, url.start()) if url else where}: the "
                           "command does not take its base URL from CLOUDWS_BASE_URL: write "
                           f'"${{CLOUDWS_BASE_URL:-{BASE_URL}}}/..."')
    if TOKEN_PREFIX in command:
        at = _line_at(where, command, command.index(TOKEN_PREFIX))
        raise ExampleError(f"{at}: the command writes a sandbox token ({TOKEN_PREFIX}...), "
                           'which only the sandbox takes: send "Authorization: Bearer '
                           '$CLOUDWS_TOKEN"')
    headers = [(offset, header["name"]) for offset, line in enumerate(command.split("\n"))
               for header in _BEARER_HEADER.finditer(line)]
    if "Authorization: Bearer" not in command and not any(
            name.lower() == "authorization" for _, name in headers):
        if headers:  # a misspelt name: named at its line
            file, _, first = where.rpartition(":")
            offset, name = headers[0]
            raise ExampleError(f"{file}:{int(first) + offset}: the command sends its token in "
                               f'a "{name}" header, which the API does not read: write -H '
                               '"Authorization: Bearer $CLOUDWS_TOKEN"')
        raise ExampleError(f'{where}: the command sends no token: add -H "Authorization: '
                           'Bearer $CLOUDWS_TOKEN" (to show a wrong token, write one out: '
                           '-H "Authorization: Bearer not-a-sandbox-token")')


def _line_at(where: str, command: str, offset: int) -> str:
    """``file:line`` of the character at ``offset`` of ``command``, which starts at
    ``where``."""
    file, _, first = where.rpartition(":")
    return f"{file}:{int(first) + command.count(chr(10), 0, offset)}"


def run_command(command: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run ``command`` as the reader would paste it into bash; ``subprocess.TimeoutExpired``
    if it has not ended after :data:`.checks.EXAMPLE_SECONDS`, once bash and every process
    it started (a ``sleep`` in a loop, say) are ended. bash stays in the test run's process
    group, so that a signal to the run (Ctrl-C, CI's ``kill``) reaches it too."""
    args = ["/bin/bash", "--noprofile", "--norc", "-c", command]
    bash = subprocess.Popen(args, env={**env, "PATH": "/usr/bin:/bin", "CLOUDWS_TOKEN": DOCS_TOKEN},
                            cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        out, err = bash.communicate(timeout=checks.EXAMPLE_SECONDS)
    except BaseException:  # too long, or Ctrl-C: bash ends, and what it started
        for pid in [*_descendants(bash.pid), bash.pid]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        bash.communicate()
        raise
    return subprocess.CompletedProcess(args, bash.returncode, out, err)


def _descendants(pid: int) -> list[int]:
    """The processes ``pid`` started, and those they started, from ``/proc``."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:  # it has ended
                continue
            parent = int(stat[stat.rindex(")") + 2:].split()[1])
            children.setdefault(parent, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def run_curl_case(case: CurlCase, server: TlsSandbox, sandbox: DocsSandbox, schemas: ApiSchemas,
                  *, updates: list[CodeExample] | None = None) -> None:
    """Run every command of ``case`` from the fixture state and check what it printed.

    With ``updates`` (``--update-examples``), a shown output that differs is queued
    there for rewriting instead of failing.
    """
    __tracebackhide__ = True
    sandbox.reset()
    with naming_pages(case.shown_on, case.id):
        # what the commands' text alone shows wrong, before any runs: a drift an earlier
        # command's run would tell is not the cause of a host or a token written wrong
        for command in case.commands:
            check_hosts(command.text, command.where)
            check_reads_the_exports(command.text, command.where)
        # every drift of the case, told together; each with, if a request caused it, what
        # --update-examples says of it (checks.refusal)
        drifted: list[tuple[str, Shown, str]] = []
        pending: list[CodeExample] | None = [] if updates is not None else None
        for command in case.commands:
            try:
                drift = _run_checked(command, server, sandbox, schemas, pending)
            except ExampleError as failure:
                if not drifted:
                    raise
                # the drifts before it may be where the case went otherwise: told first
                raise ExampleError("\n".join(message for message, _, _ in drifted) + "\n"
                                   + str(failure)) from None
            if drift is not None:
                drifted.append(drift)
        caused = [refused for _, _, refused in drifted if refused]  # by a request: no refresh
        if updates is not None and not caused:  # the whole case, or nothing
            updates.extend(pending or [])
        elif drifted:  # every drift, the ones a refresh would have written too
            raise ExampleError(
                (caused[0] + "\n" if updates is not None else "")
                + "\n".join(message for message, _, _ in drifted) + "\n"
                + (no_refresh("output shown", "output", new=all(
                    not shown.text.strip() for _, shown, _ in drifted))
                   + (_JSON_STATUS if any(shown.json for _, shown, _ in drifted) else "")
                   if caused else _refresh([shown for _, shown, _ in drifted])))


def _line_naming(command: CurlCommand, path: str, index: int = 0,
                 count: int = 1) -> str | None:
    r"""The line of ``command`` that names the request's ``path`` (after the base URL's
    ``/v1``): a command split over lines has its URL on a line of its own. When the
    command runs ``curl`` once per request (``count`` of them), the line is looked for
    from the ``index``-th ``curl`` on.

    Example:
        >>> text = 'curl -sS -X DELETE \\\n  "$CLOUDWS_BASE_URL/workstations/ws-1"\n'
        >>> _line_naming(CurlCommand(text, "snippets/x.sh:1", None), "/v1/workstations/ws-1")
        'snippets/x.sh:2'
        >>> twice = CurlCommand(text + "# again\n" + text, "snippets/x.sh:1", None)
        >>> _line_naming(twice, "/v1/workstations/ws-1", 1, 2)
        'snippets/x.sh:5'
    """
    file, first, lines, begin, _ = _request_lines(command, index, count)
    tail = path.removeprefix(API_ROOT)
    for offset in range(begin, len(lines)):
        if tail and tail in lines[offset]:
            return f"{file}:{first + offset}"
    return None


def _request_lines(command: CurlCommand, index: int, count: int
                   ) -> tuple[str, int, list[str], int, int]:
    """``command``'s file, first line and lines, and the lines ``[begin, end)`` that send
    the ``index``-th of its ``count`` requests: from its own ``curl`` on, when the command
    runs one per request; else all of them."""
    file, _, first = command.where.rpartition(":")
    lines = command.text.split("\n")
    starts = [n for n, line in enumerate(lines) if line.lstrip().startswith("curl ")]
    begin, end = 0, len(lines)
    if len(starts) == count and index < count:
        begin, end = starts[index], [*starts, len(lines)][index + 1]
    return file, int(first), lines, begin, end


#: curl's options that send a request body, and the header that says its type.
_BODY_OPTION = re.compile(r"(?:^|\s)(?:-d|--data(?:-raw|-binary|-ascii|-urlencode)?|--json)"
                          r"(?![\w-])")
_CONTENT_TYPE = re.compile(r"(?:-H|--header)\s*[\"']?content-type\s*:", re.IGNORECASE)
#: curl's option that sets the request's method.
_METHOD_OPTION = re.compile(r"(?:^|\s)(?:-X|--request)(?=\s|=|[A-Z])")


def _option_line(command: CurlCommand, exchange: Seen, index: int = 0,
               count: int = 1) -> str | None:
    r"""For an error about the request's body (its JSON, a field of it) or its type (a
    ``415``), the line of ``command`` that sends the body, or says its type; for a ``405``
    (a method its path does not take), the line that sets the method (``-X``); for a
    type said with no body sent (answered as documented), the line that says it: where
    to fix it, not the URL's line. None for another answer, or when not one line alone
    says it.

    Example:
        >>> text = ('curl -sS -X POST "$B/volumes" \\\n  -H "Content-Type: application/json" \\\n'
        ...         "  -d '{\"size_gb\": 10'\n")
        >>> command = CurlCommand(text, "snippets/x.sh:1", None)
        >>> _option_line(command, Seen("POST", "/v1/volumes", "createVolume", 400,
        ...                          code="invalid_json"))
        'snippets/x.sh:3'
        >>> _option_line(command, Seen("POST", "/v1/volumes", "createVolume", 415,
        ...                          code="unsupported_media_type"))
        'snippets/x.sh:2'
        >>> _option_line(command, Seen("POST", "/v1/volumes", "createVolume", 400,
        ...                          code="validation_error", fields=("query.limit",)))
        >>> put = CurlCommand('curl -sS -X PUT \\\n  "$B/volumes/vol-1" \\\n  -H "A: b"\n',
        ...                   "snippets/x.sh:1", None)
        >>> _option_line(put, Seen("PUT", "/v1/volumes/vol-1", None, 405,
        ...                      code="method_not_allowed"))
        'snippets/x.sh:1'
        >>> get = CurlCommand('curl -sS \\\n  "$B/volumes/vol-1" \\\n  -H "Content-Type: application/json"\n',
        ...                   "snippets/x.sh:1", None)
        >>> _option_line(get, Seen("GET", "/v1/volumes/vol-1", "getVolume", 200,
        ...                      content_type_without_body=True))
        'snippets/x.sh:3'
    """
    if exchange.code == "method_not_allowed":
        wanted = [_METHOD_OPTION]  # a method the path does not take: where it is set
    elif exchange.code == "unsupported_media_type":
        wanted = [_CONTENT_TYPE, _BODY_OPTION]  # the type it says; else the body sent
    elif exchange.code == "invalid_json" or any(
            field == "body" or field.startswith("body.") for field in exchange.fields):
        wanted = [_BODY_OPTION]
    elif exchange.content_type_without_body and exchange.status < 400:
        wanted = [_CONTENT_TYPE]  # a type said with no body: where it is said
    else:
        return None
    file, first, lines, begin, end = _request_lines(command, index, count)
    for option in wanted:
        found = [n for n in range(begin, end) if option.search(lines[n])]
        if len(found) == 1:
            return f"{file}:{first + found[0]}"
    return None


#: A line that names a URL without sending it: a comment, or a variable set to it.
_NOT_SENDING = re.compile(r"\s*(?:#|(?:export\s+|local\s+|readonly\s+)?\w+=)")
#: What may end a URL in a shell command: a quote, a space, a redirection, a pipe...
_URL_END = r"""(?=["'\s\\)|;&`<>}]|$)"""


def _naming(command: CurlCommand, path: str, query: str = "") -> list[int]:
    r"""The lines of ``command`` (0 its first) whose URL ends in the request's ``path``
    (after the base URL's ``/v1``), not comments nor variables set to it; of several,
    those whose URL has its ``query`` (or none, as it has), if any does.

    Example:
        >>> text = ('curl -sS -X POST "$B/workstations/ws-1/stop"\n'
        ...         'until curl -sS "$B/workstations/ws-1" | grep -q stopped; do sleep 1; done\n')
        >>> _naming(CurlCommand(text, "snippets/x.sh:1", None), "/v1/workstations/ws-1")
        [1]
        >>> _naming(CurlCommand(text + text, "x.sh:1", None), "/v1/workstations/ws-1")
        [1, 3]
        >>> pages = ('curl "$B/volumes?limit=50"\n'
        ...          'while [ "$(curl $B/volumes?limit=5)" ]; do :; done\n')
        >>> _naming(CurlCommand(pages, "snippets/x.sh:1", None), "/v1/volumes", "limit=5")
        [1]
        >>> _naming(CurlCommand("curl $B/volumes/v-1>/dev/null\n", "x.sh:1", None),
        ...         "/v1/volumes/v-1")
        [0]
        >>> _naming(CurlCommand('url="$B/volumes"\ncurl "$B/volumes?limit=1"\n'
        ...                     'until curl "$B/volumes" | grep -q x; do :; done\n',
        ...                     "x.sh:1", None), "/v1/volumes")
        [2]
    """
    tail = path.removeprefix(API_ROOT)
    if not tail:
        return []
    lines = command.text.split("\n")
    found = [n for n, line in enumerate(lines) if not _NOT_SENDING.match(line)
             and re.search(re.escape(tail) + r"(?:\?\S*?)?" + _URL_END, line)]
    exact = re.compile(re.escape(f"{tail}?{query}" if query else tail) + _URL_END)
    if len(found) > 1 and any(exact.search(lines[n]) for n in found):
        found = [n for n in found if exact.search(lines[n])]
    return found


def _stopped(command: CurlCommand, exchanges: list[Seen], seconds: float) -> str:
    """What a command stopped after ``seconds`` says: with the line that sent its last
    request, when one line alone names it (:func:`_naming`); and at that line, as a loop
    waiting for a state that never comes, when it was sent three times in a row
    (:func:`.checks.sent_again`) by fewer than three lines (one of them sent it again)."""
    if not exchanges:
        return ran_too_long(command.where, "the command", seconds, exchanges)
    last = exchanges[-1]
    lines = _naming(command, last.path, last.query)
    file, _, first = command.where.rpartition(":")
    sent = f"{file}:{int(first) + lines[0]}" if len(lines) == 1 else None
    looped = sent_again(exchanges) and len(lines) < 3
    return ran_too_long(sent if looped and sent else command.where, "the command", seconds,
                        [*exchanges[:-1], last._replace(origin=sent)], looped=looped)


def _run_checked(command: CurlCommand, server: TlsSandbox, sandbox: DocsSandbox,
                 schemas: ApiSchemas, updates: list[CodeExample] | None
                 ) -> tuple[str, Shown, str] | None:
    """Run ``command`` and check it; a drift of its output is returned, to be told with
    the case's others (the commands after it still run), with, if a request it names
    caused it (:func:`.checks.request_notes`), what --update-examples says of it
    (:func:`.checks.refusal`); under --update-examples (``updates``), one no request caused
    is also queued there."""
    __tracebackhide__ = True
    if command.missing_output is not None:  # said as the page's build says it, at its line
        page, _, line = (command.missing_at or command.where).rpartition(":")
        raise ExampleError(missing_include(page, int(line), command.missing_output))
    with sandbox.recorder.capture(command.where) as exchanges:
        try:
            done = run_command(command.text, server.env(), server.workdir)
        except subprocess.TimeoutExpired as late:
            with contextlib.suppress(RuntimeError):  # its last request, answered
                server.wait_idle()
            raise ExampleError(_stopped(command, exchanges, late.timeout)) from None
        server.wait_idle()
    if done.returncode != 0:
        raise ExampleError(f"{command.where}: the command exited with {done.returncode}:\n"
                           f"{done.stderr.strip()}")
    if not exchanges:
        raise ExampleError(f"{command.where}: the command made no request to the API")
    located = [e if e.origin else e._replace(origin=(
        _option_line(command, e, index, len(exchanges))
        or _line_naming(command, e.path, index, len(exchanges))))
        for index, e in enumerate(exchanges)]
    # an output shown, or one to fill in; not an empty one of a command that prints none
    check_exchanges(located, schemas, command.where, shows_output=command.shown is not None
                    and bool(command.shown.text.strip() or done.stdout.strip()))
    check_calls_its_operation(ROOT / command.where.rpartition(":")[0], located, command.where)
    shown = command.shown
    drift: tuple[str, Shown, str] | None = None
    if shown is not None:
        printed = dated_as_shown(shown.text, done.stdout)
        diff = json_diff(shown.text, printed, f"shown at {shown.where}",
                         f"printed by the command at {command.where}",
                         int(shown.where.rpartition(":")[2]))
        bodies = parse_json_documents(printed)
        if diff is not None and shown.json and (not bodies or not all(
                isinstance(body, dict | list) for body in bodies)):
            raise ExampleError(
                f"{shown.where}: a JSON block, shown as what the command at {command.where} "
                "prints; but it prints "
                + ("nothing (its output goes to a file, or the answer has no body)"
                   if not printed.strip() else "something else, not a JSON body")
                + ": let the command print the body alone (drop its -o, -w, -i or -I), or "
                "show the JSON apart from it (a heading between them, then a declaration: "
                "see docs/contributing.md, \"How a block says what it shows\")")
        # a new output (nothing shown yet) is filled in, but never with an error: a typo
        # in a new request would be written in (to show one on purpose, write its status)
        new = not shown.text.strip()
        notes = request_notes(located, shown=shown.text.splitlines(),
                              printed=printed.splitlines(), failed=new) if diff else ""
        if diff is not None and updates is not None and not notes:
            updates.append(replace(shown.target, source=_with_newline(printed)))
        if diff is not None:
            path, _, first = shown.where.rpartition(":")
            message = (
                f"{path}:{first_changed_line(diff) or first}: the output shown is not what "
                f"the command at {command.where} prints (- shown, + printed):\n{diff}{notes}"
                if shown.text else
                f"{path}:{first}: the block shows no output under the command at "
                f"{command.where}, which prints some (+ printed):\n{diff}{notes}")
            drift = (message, shown, refusal(located, command.where,
                                             shown=shown.text.splitlines(),
                                             printed=printed.splitlines()) if notes else "")
    _check_schemas(done.stdout, exchanges, schemas, shown.where if shown else command.where)
    return drift


def _check_schemas(stdout: str, exchanges: list[Exchange], schemas: ApiSchemas,
                   where: str) -> None:
    __tracebackhide__ = True
    documents = parse_json_documents(stdout)
    if documents is None or not all(isinstance(d, dict | list) for d in documents):
        return  # not only bodies: `-w '%{http_code}'` prints a number, which is no body
    if len(documents) == len(exchanges):
        pairs = list(zip(documents, exchanges, strict=True))
    elif len(documents) == 1:
        pairs = [(documents[0], exchanges[-1])]
    else:
        raise ExampleError(f"{where}: {len(exchanges)} requests printed {len(documents)} JSON "
                           "documents: show one response per request")
    for document, exchange in pairs:
        if exchange.operation_id is None:
            errors = schemas.component_errors("Problem", document)
            what = f"a Problem ({exchange.method} {exchange.path} answered {exchange.status})"
        else:
            errors = schemas.response_errors(exchange.operation_id, exchange.status, document)
            what = f"the {exchange.status} response of {exchange.operation_id}"
        if errors:
            raise ExampleError(f"{where}: the response is not valid against the schema of "
                               f"{what} in the OpenAPI document:\n  " + "\n  ".join(errors))


#: A ``Date`` header line as ``curl -i`` or ``-I`` prints it: its name, and an HTTP-date
#: (RFC 9110) as its value.
_DATE_HEADER = re.compile(r"^(?P<name>date): (?P<value>\w{3}, \d{2} \w{3} \d{4} "
                          r"\d{2}:\d{2}:\d{2} GMT)(?=\r?$)", re.IGNORECASE | re.MULTILINE)


def dated_as_shown(shown: str, printed: str) -> str:
    """``printed`` with the values of its ``Date`` header lines as ``shown`` writes them,
    in order: the value is the moment the sandbox answered, which no two runs share, so an
    output that shows headers is compared (and refreshed) with the date it shows. A value
    shown that is no date is not taken, nor is the name of the header.

    Example:
        >>> shown = "HTTP/1.1 200 OK\\ndate: Sun, 01 Feb 2026 12:00:00 GMT\\n"
        >>> print(dated_as_shown(shown, "HTTP/1.1 404 Not Found\\n"
        ...                             "date: Wed, 02 Dec 2026 11:02:45 GMT\\n"))
        HTTP/1.1 404 Not Found
        date: Sun, 01 Feb 2026 12:00:00 GMT
        <BLANKLINE>
        >>> dated_as_shown("date: Xyz, 99 Abc 0000 99:99:99 GMT", "date: Wed, 02 Dec 2026 "
        ...                "11:02:45 GMT")
        'date: Wed, 02 Dec 2026 11:02:45 GMT'
    """
    values = iter([found["value"] for found in _DATE_HEADER.finditer(shown)])

    def as_shown(found: re.Match[str]) -> str:
        value = next(values, found["value"])
        try:
            email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            value = found["value"]
        return f"{found['name']}: {value}"

    return _DATE_HEADER.sub(as_shown, printed)


#: What shows an error on purpose in a JSON output, said after :func:`.checks.no_refresh`.
_JSON_STATUS = (' In a JSON output, its status is a "status" field: write {"status": 404}, '
                "say, and --update-examples fills in the rest.")


def _with_newline(text: str) -> str:
    return text if text.endswith("\n") else text + "\n"


def _refresh(shown: list[Shown]) -> str:
    files = " and ".join(dict.fromkeys(s.where.rsplit(":", 1)[0] for s in shown))
    what = "the commands print" if len(shown) > 1 else "the command prints"
    return (f"Refresh {'them' if len(shown) > 1 else 'it'} with `{REFRESH}` (it rewrites "
            f"{files} with what {what}), then review the change with `git diff`.")
