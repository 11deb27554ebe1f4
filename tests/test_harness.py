"""The example harness itself, on pages and snippets written to a temporary folder: a drift
of any kind fails naming the file and line, with a diff and the way to refresh it."""

from __future__ import annotations

import builtins
import gc
import os
import re
import shutil
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import httpx
import pytest
from pytest_examples.eval_example import EvalExample

from .harness import checks, discovery, python_examples
from .harness.checks import ExampleError, check_calls_its_operation
from .harness.curl import check_reads_the_exports, run_curl_case
from .harness.declarations import check_declared_json
from .harness.forkserver import PythonForkServer
from .harness.github import PLANTS_MISTAKES
from .harness.network import NetworkBlocked
from .harness.pages import ROOT
from .harness.python_examples import run_python_case
from .harness.sandbox import DocsSandbox, Seen
from .harness.tls import TlsSandbox
from .helpers import HEAVY, POLLED, as_printed, missing_volume

pytestmark = PLANTS_MISTAKES  # every test here checks what is said of mistakes it plants

BASE = "https://api.cloudworkstation.example.com/v1"
PRINT = builtins.print
CURL_GET = (f'curl -s "${{CLOUDWS_BASE_URL:-{BASE}}}/volumes/vol-scratch01" '
            '-H "Authorization: Bearer $CLOUDWS_TOKEN"')
VOLUME_JSON = """{
  "id": "vol-scratch01",
  "size_gb": 500,
  "standalone": true,
  "attached_to": null,
  "created_at": "2026-01-07T08:15:00Z"
}
"""


@pytest.fixture(autouse=True)
def _checking_not_rewriting(request: pytest.FixtureRequest,
                            monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests check the harness as a plain run uses it, even within a refresh of the
    whole suite (``uv run pytest --update-examples``), which would otherwise have their
    examples rewritten instead of checked; a test of the refresh turns it on itself."""
    monkeypatch.setattr(request.config.option, "update_examples", False)


@pytest.fixture(scope="module")
def scratch():
    """A sandbox of its own: what these tests run is not counted as docs coverage."""
    return DocsSandbox.create()


@pytest.fixture(scope="module")
def scratch_tls(scratch, tmp_path_factory):
    with TlsSandbox(scratch.app, tmp_path_factory.mktemp("scratch-tls")) as server:
        yield server


def write(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(textwrap.dedent(text))
    return folder


def run_python(tmp_path, request, scratch, api_schemas):
    [case] = discovery.python_cases(tmp_path / "docs", tmp_path / "snippets")
    eval_example = EvalExample(tmp_path=tmp_path / "run", pytest_request=request)
    (tmp_path / "run").mkdir()
    run_python_case(case, eval_example, scratch, api_schemas)
    return eval_example


# -- Python ------------------------------------------------------------------------------


def test_a_syntax_error_in_a_page_block_is_named_at_its_page_line(tmp_path, request, scratch,
                                                                  api_schemas, docs_token):
    """Not at its line within the block (which the module pytest-examples writes starts
    at): here line 10 of the page, the block's fifth."""
    page = tmp_path / "docs" / "page.md"
    write(tmp_path, {"docs/page.md": f"""\
        # Page

        Some words.

        ```python
        import httpx, os

        r = httpx.get(os.environ.get("CLOUDWS_BASE_URL", "{BASE}") + "/volumes/vol-scratch01",
                      headers={{"Authorization": "Bearer " + os.environ["CLOUDWS_TOKEN"]}})
        print(r.json()["size_gb"]
        #> 200
        ```
        """})
    with pytest.raises(ExampleError) as failure:
        run_python(tmp_path, request, scratch, api_schemas)
    assert failure.value.msg.startswith(
        f"{page}:10: the example is not valid Python: '(' was never closed (example at "
        f"{page}:6)"), failure.value.msg


def test_drifted_print_output_names_page_line_and_refresh(tmp_path, request, scratch,
                                                          api_schemas, docs_token):
    page = tmp_path / "docs" / "page.md"
    write(tmp_path, {"docs/page.md": f"""\
        # Page

        ```python
        import httpx, os

        r = httpx.get(os.environ.get("CLOUDWS_BASE_URL", "{BASE}") + "/volumes/vol-scratch01",
                      headers={{"Authorization": "Bearer " + os.environ["CLOUDWS_TOKEN"]}})
        print(r.json()["size_gb"])
        #> 200
        ```
        """})
    with pytest.raises(pytest.fail.Exception) as failure:
        run_python(tmp_path, request, scratch, api_schemas)
    message = failure.value.msg
    assert message.startswith(f"{page}:9: what the example prints is not what its #> comments")
    assert "-#> 200" in message and "+#> 500" in message
    assert "uv run pytest --update-examples" in message


def _shows_a_404_then(read: str, shown: str) -> str:
    """An example that shows a 404 on purpose (line 4), then prints what ``read`` reads of
    a volume's answer (line 6), showing ``shown``."""
    return f"""\
        import httpx, os

        base, headers = os.environ.get("CLOUDWS_BASE_URL", "{BASE}"), {{"Authorization": "Bearer " + os.environ["CLOUDWS_TOKEN"]}}
        print(httpx.get(base + "/volumes/vol-scratch02", headers=headers).status_code)
        #> 404
        print(httpx.get(base + "/volumes/vol-scratch01", headers=headers).json(){read})
        #> {shown}
        """


def test_a_drift_beside_an_error_shown_on_purpose_is_refreshed_not_blamed_on_it(
        tmp_path, request, scratch, api_schemas, docs_token):
    """An example shows a 404 on purpose, and a #> line elsewhere was changed by hand: the
    404 is shown, in all the example shows, though not in the drift's diff. So the
    failure names no request and advises the refresh."""
    write(tmp_path, {"snippets/get.py": _shows_a_404_then('["size_gb"]', "501")})
    with pytest.raises(ExampleError) as failure:
        run_python(tmp_path, request, scratch, api_schemas)
    message = failure.value.msg
    assert message.startswith(f"{tmp_path}/snippets/get.py:7: what the example prints"), message
    assert "-#> 501" in message and "+#> 500" in message, message
    assert "answered 404" not in message and "Fix the request" not in message, message
    assert "uv run pytest --update-examples" in message, message


def test_an_example_that_raises_after_an_error_shown_on_purpose_is_named_where_it_raised(
        tmp_path, request, scratch, api_schemas, docs_token):
    """An example shows a 404 on purpose, then reads a field the answer does not have: the
    line that raised is named first, with the field it likely meant, and the 404, which it
    shows, is not blamed."""
    write(tmp_path, {"snippets/get.py": _shows_a_404_then('["size"]', "500")})
    with pytest.raises(KeyError) as failure:
        run_python(tmp_path, request, scratch, api_schemas)
    notes = failure.value.__notes__
    assert notes[0].startswith(f"{tmp_path}/snippets/get.py:6: the example raised KeyError: "
                               "'size'"), notes
    # (read without the test's own folder, whose name may hold the digits: pytest-4046)
    said = [note.replace(str(tmp_path), "<tmp_path>") for note in notes]
    assert not any("404" in note or "vol-scratch02" in note for note in said), notes
    # the key it read is a field's, a few letters off: named
    assert notes[0].endswith("; 'size' is no field of the API's answers: did you mean "
                             "'size_gb'?"), notes


@pytest.mark.parametrize("indent", ["", "    "], ids=["top-level", "in-a-block"])
def test_a_second_request_answered_as_the_error_shown_on_purpose_is_named(
        tmp_path, request, scratch, api_schemas, docs_token, monkeypatch, indent):
    """An example shows a 404 on purpose, and a wrong ID in a later request gets a 404
    too: the status it shows once, two requests got. The check names that request (with
    the first: both got the status, which it shows once), and --update-examples writes
    nothing in (not the `None` it printed)."""
    steps = ['print(httpx.get(base + "/volumes/vol-scratch02", headers=headers).status_code)',
             "#> 404",
             ('print(httpx.get(base + "/volumes/vol-scratch09", headers=headers).json()'
              '.get("size_gb"))'),
             "#> 500"]
    write(tmp_path, {"snippets/get.py": (
        "import httpx, os\n\n"
        f'base = os.environ.get("CLOUDWS_BASE_URL", "{BASE}")\n'
        'headers = {"Authorization": "Bearer " + os.environ["CLOUDWS_TOKEN"]}\n'
        + ("with httpx.Client() as client:\n" if indent else "")
        + "".join(f"{indent}{step}\n" for step in steps))})
    note = (f"(GET /v1/volumes/vol-scratch09, sent at {tmp_path}/snippets/get.py:"
            f"{8 if indent else 7}, answered {missing_volume('vol-scratch09')}: 2 requests got "
            "it, which the example shows once)")
    with pytest.raises(ExampleError) as failure:
        run_python(tmp_path, request, scratch, api_schemas)
    assert note in failure.value.msg and "Fix the request" in failure.value.msg, (
        failure.value.msg)
    monkeypatch.setattr(request.config.option, "update_examples", True)
    shutil.rmtree(tmp_path / "run")
    with pytest.raises(ExampleError, match="--update-examples writes nothing in"):
        run_python(tmp_path, request, scratch, api_schemas)


def test_a_request_sent_with_no_token_is_named_instead_of_a_refresh(tmp_path, request,
                                                                    scratch, api_schemas,
                                                                    docs_token):
    """A request whose headers were dropped gets a documented 401: the drift names it, at
    its line, as the cause, and advises no refresh (which would write the 401 in)."""
    write(tmp_path, {"snippets/get.py": f"""\
        import httpx, os

        os.environ["CLOUDWS_TOKEN"]
        r = httpx.get(os.environ.get("CLOUDWS_BASE_URL", "{BASE}") + "/volumes/vol-scratch01")
        print(r.status_code)
        #> 200
        """})
    with pytest.raises(ExampleError) as failure:
        run_python(tmp_path, request, scratch, api_schemas)
    message = failure.value.msg
    assert message.startswith(f"{tmp_path}/snippets/get.py:6: what the example prints"), message
    assert message.endswith(
        f"(GET /v1/volumes/vol-scratch01, sent at {tmp_path}/snippets/get.py:4 with no "
        'Authorization header, was answered 401: send "Authorization: Bearer " and the token '
        "from CLOUDWS_TOKEN)\nFix the request (or a step before it), not the #> comments: "
        "--update-examples writes in no error the example does not show (to show one on "
        "purpose, write its #> line first; if it is that #> line you changed, and the "
        "request is right, put the line back as it was)."), message
    assert "Refresh" not in message and "uv run pytest" not in message


@pytest.mark.parametrize(("request_line", "printed", "note"), [
    # the headers dropped: a 401, its status printed
    ('r = httpx.get(base + "/volumes/vol-scratch01")', "r.status_code",
     "with no Authorization header, was answered 401"),
    # a wrong ID: a 404, and a field of its body printed (None), not its status
    ('r = httpx.get(base + "/volumes/vol-scratch02", headers=headers)', 'r.json().get("id")',
     f", answered {missing_volume('vol-scratch02')}, which the example does not show)"),
], ids=["401-printed", "404-not-printed"])
def test_update_examples_writes_in_no_error_the_example_does_not_show(
        tmp_path, request, scratch, api_schemas, docs_token, monkeypatch, request_line, printed,
        note):
    """Whether or not what it prints names the status, a refresh writes in no error answer
    the example does not show: it names the request, at its line."""
    write(tmp_path, {"snippets/get.py": f"""\
        import httpx, os

        base, headers = os.environ.get("CLOUDWS_BASE_URL", "{BASE}"), {{"Authorization": "Bearer " + os.environ["CLOUDWS_TOKEN"]}}
        {request_line}
        print({printed})
        #> 200
        """})
    monkeypatch.setattr(request.config.option, "update_examples", True)
    with pytest.raises(ExampleError) as failure:
        run_python(tmp_path, request, scratch, api_schemas)
    path = request_line.split('"')[1]
    message = failure.value.msg
    refused, drift, shown = message.split("\n", 3)[:3]
    assert refused == (f"{tmp_path}/snippets/get.py:4: --update-examples writes nothing in "
                       "for this example: a request got an error it does not show"), message
    # then what it would have written, as the check without --update-examples says it
    assert drift.startswith(f"{tmp_path}/snippets/get.py:6: what the example prints is not "
                            "what its #> comments say (- shown, + printed;"), message
    assert shown == "--- shown" and "\n-#> 200\n+#> " in message, message
    assert (f"\n(GET /v1{path}, sent at {tmp_path}/snippets/get.py:4"
            f"{' ' if note.startswith('with') else ''}{note}") in message, message


def test_a_new_example_is_filled_in_but_never_with_an_error(tmp_path, request, scratch,
                                                           api_schemas, docs_token, monkeypatch):
    """A new example (no #> line yet) whose request got an error, a wrong ID say: the
    check names that request and advises no refresh, and --update-examples writes nothing
    in. Written first, the status is shown on purpose, and the rest is filled in."""
    example = f"""\
        import httpx, os

        headers = {{"Authorization": "Bearer " + os.environ["CLOUDWS_TOKEN"]}}
        r = httpx.get(os.environ.get("CLOUDWS_BASE_URL", "{BASE}") + "/volumes/vol-nope12345", headers=headers)
        print(r.status_code, r.json()["code"])
        """
    write(tmp_path, {"snippets/get.py": example})
    with pytest.raises(ExampleError) as failure:
        run_python(tmp_path, request, scratch, api_schemas)
    message = failure.value.msg
    assert message.startswith(f"{tmp_path}/snippets/get.py:5: the example has no #> comments "
                              "yet for what it prints (+ printed;"), message  # its last line
    assert (f"(GET /v1/volumes/vol-nope12345, sent at {tmp_path}/snippets/get.py:4, answered "
            f"{missing_volume('vol-nope12345')})\nFix the request (or a step before it), not "
            "the #> comments") in message, (
        message)
    assert "Refresh" not in message, message
    monkeypatch.setattr(request.config.option, "update_examples", True)
    shutil.rmtree(tmp_path / "run")
    with pytest.raises(ExampleError) as failure:
        run_python(tmp_path, request, scratch, api_schemas)
    message = failure.value.msg
    assert message.startswith(
        f"{tmp_path}/snippets/get.py:4: --update-examples writes nothing in for this example: "
        f"a request got an error it does not show\n{tmp_path}/snippets/get.py:5: the example "
        "has no #> comments yet for what it prints (+ printed;"), message
    assert ('print(r.status_code, r.json()["code"])\n+#> 404 not_found\n' in message
            and f"\n(GET /v1/volumes/vol-nope12345, sent at {tmp_path}/snippets/get.py:4, "
                f"answered {missing_volume('vol-nope12345')})" in message), message
    write(tmp_path, {"snippets/get.py": example + "#> 404\n"})
    shutil.rmtree(tmp_path / "run")
    [filled] = run_python(tmp_path, request, scratch, api_schemas).to_update
    assert filled.source.endswith('print(r.status_code, r.json()["code"])\n#> 404 not_found\n')


def test_an_example_that_raises_names_the_requests_answered_with_an_error(
        tmp_path, request, scratch, api_schemas, docs_token):
    """What it tripped on may be an earlier request's error answer: each is named, at the
    line that sent it, in a note under the error."""
    write(tmp_path, {"snippets/get.py": f"""\
        import httpx, os

        headers = {{"Authorization": "Bearer " + os.environ["CLOUDWS_TOKEN"]}}
        r = httpx.get(os.environ.get("CLOUDWS_BASE_URL", "{BASE}") + "/volumes/vol-nope12345", headers=headers)
        print(r.json()["size_gb"])
        """})
    with pytest.raises(KeyError) as failure:
        run_python(tmp_path, request, scratch, api_schemas)
    assert failure.value.__notes__[-1] == (
        f"(GET /v1/volumes/vol-nope12345, sent at {tmp_path}/snippets/get.py:4, answered "
        f"{missing_volume('vol-nope12345')})")


def _marked(source: str) -> dict[str, int]:
    """The line of each ``# <name>`` or ``// <name>`` mark in ``source``."""
    return {mark: number for number, line in enumerate(source.splitlines(), 1)
            for mark in re.findall(r"(?:#|//) <(\w+)>", line)}


def test_a_request_a_helper_function_sends_is_named_at_the_call_that_made_it(
        tmp_path, request, scratch, api_schemas, docs_token):
    """Not at the helper's one line, the same for every call: at the example's statement
    that called it, the line to fix; through a decorator's wrapper, or from a
    comprehension in the helper, too. Inside a function called once (a ``main()``, a
    recursive walk started once), a request is named where it is."""
    source = textwrap.dedent(f"""\
        import functools, httpx, os

        headers = {{"Authorization": "Bearer " + os.environ["CLOUDWS_TOKEN"]}}
        base = os.environ.get("CLOUDWS_BASE_URL", "{BASE}")
        get = lambda path: httpx.get(base + path, headers=headers)

        def logged(fn):
            @functools.wraps(fn)
            def wrapper(*args):
                return fn(*args)
            return wrapper

        @logged
        def size(volume):
            return get("/volumes/" + volume).status_code

        def walk(n):
            print(httpx.get(base + f"/volumes/vol-nope0000{{n}}", headers=headers).status_code)  # <walk>
            if n:
                walk(n - 1)

        def sizes(ids):
            return [httpx.get(base + "/volumes/" + i, headers=headers).status_code for i in ids]

        def main():
            print(get("/volumes/vol-scratch01").status_code)
            print(get("/volumes/vol-nope12345").status_code)  # <get>
            print(size("vol-nope23456"))  # <size>
            print(size("vol-scratch01"))
            walk(1)
            print(sizes(["vol-scratch01"]))
            print(sizes(["vol-nope34567"]))  # <comprehension>
            r = httpx.get(base + "/volumes/vol-nope67890", headers=headers)  # <main>
            print(r.json()["size_gb"])

        main()
        """)
    write(tmp_path, {"snippets/get.py": source})
    with pytest.raises(KeyError) as failure:
        run_python(tmp_path, request, scratch, api_schemas)
    at = {mark: f"{tmp_path}/snippets/get.py:{line}" for mark, line in _marked(source).items()}
    assert failure.value.__notes__[-1] == "\n".join(
        f"(GET /v1/volumes/{volume}, sent at {at[mark]}, answered {missing_volume(volume)})"
        for volume, mark in [
            ("vol-nope12345", "get"), ("vol-nope23456", "size"), ("vol-nope00001", "walk"),
            ("vol-nope00000", "walk"), ("vol-nope34567", "comprehension"),
            ("vol-nope67890", "main")])


def test_a_request_a_coroutine_helper_sends_under_gather_is_named_in_the_helper(
        tmp_path, request, scratch, api_schemas, docs_token):
    """Run by ``asyncio.gather``, a helper's caller is not on the stack: the request is
    named in the helper, not at ``asyncio.run(main())``, which does not call it."""
    source = textwrap.dedent(f"""\
        import asyncio, httpx, os

        headers = {{"Authorization": "Bearer " + os.environ["CLOUDWS_TOKEN"]}}
        base = os.environ.get("CLOUDWS_BASE_URL", "{BASE}")

        async def status(client, volume):
            return (await client.get(base + "/volumes/" + volume)).status_code  # <status>

        async def main():
            async with httpx.AsyncClient(headers=headers) as client:
                print(await asyncio.gather(status(client, "vol-scratch01"),
                                           status(client, "vol-nope12345")))
                print((await client.get(base + "/volumes/vol-nope12345")).json()["size_gb"])

        asyncio.run(main())
        """)
    write(tmp_path, {"snippets/get.py": source})
    with pytest.raises(KeyError) as failure:
        run_python(tmp_path, request, scratch, api_schemas)
    line = _marked(source)["status"]
    assert failure.value.__notes__[-1].startswith(
        f"(GET /v1/volumes/vol-nope12345, sent at {tmp_path}/snippets/get.py:{line}, answered "
        f"{missing_volume('vol-nope12345')})\n"), failure.value.__notes__


def test_a_stop_never_lands_in_a_garbage_collection_callback(
        tmp_path, request, scratch, api_schemas, docs_token, monkeypatch):
    """What stops an example is raised at its next Python instruction: in a callback of
    the garbage collector (Hypothesis, loaded by the suite, has one), Python would print
    it as ignored and the example would run on. It is raised again, and the collector
    waits while it unwinds."""
    monkeypatch.setattr(checks, "EXAMPLE_SECONDS", 0.3)
    ignored: list[object] = []
    monkeypatch.setattr(sys, "unraisablehook", ignored.append)

    def busy(phase: str, info: dict) -> None:  # the example's thread spends its time here
        sum(range(20_000))

    gc.callbacks.append(busy)
    try:
        write(tmp_path, {"snippets/loop.py": """\
            while True:
                garbage = [[] for _ in range(2_000)]
                for item in garbage:
                    item.append(item)
            """})
        started = time.monotonic()
        with pytest.raises(ExampleError, match="had not ended after 0.3 s"):
            run_python(tmp_path, request, scratch, api_schemas)
    finally:
        gc.callbacks.remove(busy)
    assert ignored == [], [getattr(u, "exc_value", u) for u in ignored]
    # it unwound, and was not left to be parked once its time to unwind was over
    assert time.monotonic() - started < python_examples.UNWIND_SECONDS


def test_an_example_still_running_is_stopped_at_its_line_naming_its_last_request(
        tmp_path, request, scratch, api_schemas, docs_token, monkeypatch, capsys):
    """A loop waiting for a state the sandbox never reaches, which swallows every error,
    even what stops it: stopped once it has run too long (here half a second), told at
    the line it was at, with the last request it sent. Parked at its next request, it
    sends nothing more and prints nothing more; the next example runs."""
    monkeypatch.setattr(checks, "EXAMPLE_SECONDS", 0.5)
    source = textwrap.dedent(f"""\
        import httpx, os, time

        headers = {{"Authorization": "Bearer " + os.environ["CLOUDWS_TOKEN"]}}
        url = os.environ.get("CLOUDWS_BASE_URL", "{BASE}") + "/volumes/vol-scratch01"
        while True:
            try:
                if httpx.get(url, headers=headers).json()["size_gb"] == 1:
                    break
                time.sleep(0.01)
            except:  # noqa: E722 - it swallows even what stops it
                print("retrying")
        """)
    write(tmp_path, {"snippets/wait.py": source})
    with pytest.raises(ExampleError) as failure:
        run_python(tmp_path, request, scratch, api_schemas)
    assert builtins.print is PRINT, "pytest-examples' print was left in place"
    snippet = tmp_path / "snippets" / "wait.py"
    first, place, last, why = failure.value.msg.split("\n")
    assert why == POLLED, why
    line = int(re.fullmatch(rf"{re.escape(str(snippet))}:(\d+): the example had not ended "
                            rf"after 0.5 s, and was stopped at this line \(example at "
                            rf"{re.escape(str(snippet))}:1\):", first)[1])
    assert line in (7, 9) and place == "    " + source.splitlines()[line - 1].strip(), first
    assert last == (f"(its last request: GET /v1/volumes/vol-scratch01, sent at {snippet}:7, "
                    "answered 200)"), last
    sent: list[object] = []
    scratch.app.state.observers.append(sent.append)
    try:
        with scratch.in_process():  # where the loop, had it gone on, would be answered
            time.sleep(0.2)
    finally:
        scratch.app.state.observers.remove(sent.append)
    assert sent == [], "the stopped example went on sending requests"
    assert "retrying" not in capsys.readouterr().out, "the stopped example went on"
    write(tmp_path, {"snippets/wait.py": "print(1)\n#> 1\n"})
    shutil.rmtree(tmp_path / "run")
    run_python(tmp_path, request, scratch, api_schemas)  # the next one runs, on a new thread


def test_an_example_blocked_for_good_is_named_and_leaves_print_as_it_was(
        tmp_path, request, scratch, api_schemas, docs_token, monkeypatch):
    """A wait that never returns to Python cannot be stopped: it is left blocked (a daemon
    thread, which will never unwind in the middle of a later example), told at its line,
    and ``print``, which pytest-examples replaced while it ran, is put back."""
    monkeypatch.setattr(checks, "EXAMPLE_SECONDS", 0.5)
    monkeypatch.setattr(python_examples, "UNWIND_SECONDS", 0.5)
    write(tmp_path, {"snippets/block.py": "import threading\n\nthreading.Event().wait()\n"})
    with pytest.raises(ExampleError) as failure:
        run_python(tmp_path, request, scratch, api_schemas)
    snippet = tmp_path / "snippets" / "block.py"
    assert failure.value.msg == (
        f"{snippet}:3: the example had not ended after 0.5 s, and was stopped at this line "
        f"(example at {snippet}:1):\n    threading.Event().wait()\n(it sent no request)")
    assert builtins.print is PRINT, "pytest-examples' print was left in place"


def test_an_example_that_wakes_after_it_was_stopped_never_runs_on_over_the_next_one(
        tmp_path, request, scratch, api_schemas, docs_token, monkeypatch):
    """An example stopped while in a sleep longer than it is given to unwind, which would
    then end on its own: it never runs on, so it never puts the real ``print`` back over
    the next example's run, whose wrong ``#>`` line still fails."""
    monkeypatch.setattr(checks, "EXAMPLE_SECONDS", 0.3)
    monkeypatch.setattr(python_examples, "UNWIND_SECONDS", 0.2)
    write(tmp_path, {"snippets/late.py": "import time\n\ntime.sleep(1)\nprint('late')\n"})
    with pytest.raises(ExampleError):
        run_python(tmp_path, request, scratch, api_schemas)
    (tmp_path / "snippets" / "late.py").unlink()
    write(tmp_path, {"snippets/next.py": "import time\n\ntime.sleep(1.5)\nprint(2)\n#> 3\n"})
    shutil.rmtree(tmp_path / "run")
    monkeypatch.setattr(checks, "EXAMPLE_SECONDS", 5)  # the late one wakes while this runs
    with pytest.raises(pytest.fail.Exception, match=r"next.py:5: what the example prints"):
        run_python(tmp_path, request, scratch, api_schemas)


def test_drifted_python_path_fails_naming_the_request(tmp_path, request, scratch,
                                                      api_schemas, docs_token):
    write(tmp_path, {"snippets/get.py": f"""\
        import httpx, os

        httpx.get(os.environ.get("CLOUDWS_BASE_URL", "{BASE}") + "/volume/vol-scratch01", headers={{"Authorization": "Bearer " + os.environ["CLOUDWS_TOKEN"]}})
        """})
    with pytest.raises(ExampleError, match=r"snippets/get.py:3: GET /v1/volume/vol-scratch01 is "
                                           r"not an operation of the API \(it answered 404\)"):
        run_python(tmp_path, request, scratch, api_schemas)


def test_a_request_with_a_content_type_and_no_body_fails_naming_it(tmp_path, request,
                                                                   scratch, api_schemas,
                                                                   docs_token):
    write(tmp_path, {"snippets/get.py": f"""\
        import httpx, os

        headers = {{"Authorization": "Bearer " + os.environ["CLOUDWS_TOKEN"], "Content-Type": "application/json"}}
        r = httpx.get(os.environ.get("CLOUDWS_BASE_URL", "{BASE}") + "/volumes/vol-scratch01", headers=headers)
        print(r.status_code)
        #> 200
        """})
    with pytest.raises(ExampleError, match=r"snippets/get.py:4: GET /v1/volumes/vol-scratch01 "
                                           r"sends a Content-Type and no body"):
        run_python(tmp_path, request, scratch, api_schemas)


def test_a_drifted_path_is_named_before_the_output_it_changed(tmp_path, request, scratch,
                                                              api_schemas, docs_token):
    write(tmp_path, {"snippets/get.py": f"""\
        import httpx, os

        r = httpx.get(os.environ.get("CLOUDWS_BASE_URL", "{BASE}") + "/volume/vol-scratch01", headers={{"Authorization": "Bearer " + os.environ["CLOUDWS_TOKEN"]}})
        print(r.status_code)
        #> 200
        """})
    with pytest.raises(ExampleError) as failure:
        run_python(tmp_path, request, scratch, api_schemas)
    assert failure.value.msg.startswith(
        f"{tmp_path}/snippets/get.py:3: GET /v1/volume/vol-scratch01 is not an operation of "
        "the API (it answered 404)")
    assert "fix the request, not the comments" in failure.value.msg
    assert "--update-examples" not in failure.value.msg


def test_a_pasted_drift_names_its_line_and_is_not_failed_while_rewriting(
        tmp_path, scratch, reader_sandbox, docs_sandbox, api_schemas):
    from .harness.pasted import run_pasted_python

    write(tmp_path, {"snippets/get.py": """\
        import os

        import httpx, os

        base = os.environ["CLOUDWS_BASE_URL"]
        auth = {"Authorization": f"Bearer {os.environ['CLOUDWS_TOKEN']}"}
        print(httpx.get(f"{base}/volumes/vol-scratch01", headers=auth).status_code)
        #> 200
        print(httpx.get(f"{base}/volumes/vol-scratch01", headers=auth).json()["size_gb"])
        #> 200
        """})
    [case] = discovery.python_cases(tmp_path / "docs", tmp_path / "snippets")
    with pytest.raises(ExampleError,
                       match=rf"^{tmp_path}/snippets/get.py:10: pasted into a python session"):
        run_pasted_python(case, reader_sandbox, docs_sandbox, api_schemas)
    run_pasted_python(case, reader_sandbox, docs_sandbox, api_schemas, rewriting=True)


def test_shared_page_runs_blocks_in_order_on_one_sandbox(tmp_path, request, scratch,
                                                         api_schemas, docs_token):
    write(tmp_path, {"docs/page.md": f"""\
        ---
        examples: shared
        ---

        ```python
        import httpx, os

        client = httpx.Client(headers={{"Authorization": "Bearer " + os.environ["CLOUDWS_TOKEN"]}})
        client.post(os.environ.get("CLOUDWS_BASE_URL", "{BASE}") + "/workstations/ws-12345/start")
        ```

        ```python
        print(client.get(os.environ.get("CLOUDWS_BASE_URL", "{BASE}") + "/workstations/ws-12345").json()["status"])
        #> running
        ```
        """})
    [case] = discovery.python_cases(tmp_path / "docs", tmp_path / "snippets")
    assert case.shared and case.id.endswith("page.md:shared(5-10,12-15)")
    run_python(tmp_path, request, scratch, api_schemas)


def test_a_helper_of_an_earlier_block_is_read_as_it_ran_while_outputs_are_rewritten(
        tmp_path, request, scratch, api_schemas, docs_token, monkeypatch):
    """Under --update-examples, a shared page's block that ran is rewritten (its new #>
    lines) while the next runs: a request that block's helper sends is still named at the
    later block's call, not at the helper's line."""
    write(tmp_path, {"docs/page.md": f"""\
        ---
        examples: shared
        ---

        ```python
        import httpx, os

        print(1)
        headers = {{"Authorization": "Bearer " + os.environ["CLOUDWS_TOKEN"]}}
        def get(path):
            return httpx.get(os.environ.get("CLOUDWS_BASE_URL", "{BASE}") + path, headers=headers)
        ```

        ```python
        print(get("/volumes/vol-scratch01").status_code)
        print(get("/volumes/vol-nope12345").status_code)
        ```
        """})
    monkeypatch.setattr(request.config.option, "update_examples", True)
    with pytest.raises(ExampleError) as failure:
        run_python(tmp_path, request, scratch, api_schemas)
    page = f"{tmp_path}/docs/page.md"
    assert (f"(GET /v1/volumes/vol-nope12345, sent at {page}:16, answered "
            f"{missing_volume('vol-nope12345')})") in failure.value.msg, failure.value.msg


@HEAVY
def test_raising_example_reports_page_and_line_without_crashing_pytest(tmp_path, harness_runs):
    """pytest-examples 0.0.18 on 3.11 crashed pytest (INTERNALERROR) here."""
    write(tmp_path, {
        "docs/page.md": """\
            # Page

            ```python
            data = {"id": "ws-12345"}
            print(data["name"])
            ```
            """,
        "conftest.py": INNER_CONFTEST,
        "test_inner.py": """\
            import pytest
            from pathlib import Path
            from pytest_examples.eval_example import EvalExample
            from tests.harness import discovery
            from tests.harness.python_examples import run_python_case

            HERE = Path(__file__).parent
            CASES = discovery.python_cases(HERE / "docs", HERE / "snippets")

            @pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
            def test_example(case, request, docs_sandbox, api_schemas, tmp_path):
                ev = EvalExample(tmp_path=tmp_path, pytest_request=request)
                run_python_case(case, ev, docs_sandbox, api_schemas)
            """,
    })
    out = inner_pytest(harness_runs, tmp_path)
    assert "INTERNALERROR" not in out.stdout + out.stderr
    assert out.returncode == 1
    assert "\ndocs/page.md:5: KeyError\n" in out.stdout  # the traceback's last entry
    assert f"{tmp_path}/docs/page.md:5: the example raised KeyError: 'name'" in out.stdout


def test_an_example_that_raises_after_a_request_got_an_error_is_named_at_the_request():
    """A wrong value in a body gets a 400 the example does not show, and it raises two
    lines on (``KeyError: 'Location'``): the request's line is named first, where the fix
    likelier is, with the line that raised; with no such request, the raise alone."""
    from .harness.python_examples import _raised_after_an_error

    sent = Seen("POST", "/v1/workstations", "createWorkstation", 400, "docs/q.md:100",
                code="validation_error")
    notes = "\n(POST /v1/workstations, sent at docs/q.md:100, answered 400 validation_error)"
    raised = KeyError("Location")
    raised.add_note("docs/q.md:103: the example raised KeyError: 'Location' (example at "
                    "docs/q.md:100)")
    _raised_after_an_error(raised, [sent], notes)
    assert raised.__notes__ == [(
        "docs/q.md:100: POST /v1/workstations answered 400 validation_error, which the "
        "example does not show; then, at docs/q.md:103, the example raised KeyError: "
        "'Location' (example at docs/q.md:100)")]
    alone = KeyError("Location")
    alone.add_note("docs/q.md:103: the example raised KeyError: 'Location'")
    _raised_after_an_error(alone, [sent._replace(status=201)], "")
    assert alone.__notes__ == ["docs/q.md:103: the example raised KeyError: 'Location'"]


@HEAVY
def test_update_examples_is_refused_under_xdist(tmp_path, harness_runs):
    write(tmp_path, {"conftest.py": INNER_CONFTEST,
                     "test_inner.py": "def test_nothing():\n    assert True\n"})
    out = inner_pytest(harness_runs, tmp_path, "-n", "2", "--update-examples")
    assert out.returncode == pytest.ExitCode.USAGE_ERROR
    assert "under pytest-xdist two workers could rewrite one file" in out.stderr


@HEAVY
def test_update_examples_rewrites_outputs_and_json(tmp_path, harness_runs):
    write(tmp_path, {
        "docs/page.md": f"""\
            # Page

            ```python
            import httpx, os

            r = httpx.get(os.environ.get("CLOUDWS_BASE_URL", "{BASE}") + "/volumes/vol-scratch01",
                          headers={{"Authorization": "Bearer " + os.environ["CLOUDWS_TOKEN"]}})
            print(r.json()["size_gb"])
            #> 1
            ```

            ```bash
            {CURL_GET}
            ```

            === "Response"

                ```json
                {{"id": "stale"}}
                ```

            ```console
            $ {CURL_GET}
            {{"id": "stale"}}
            ```
            """,
        "snippets/get.sh": CURL_GET + "\n",
        "snippets/get.json": '{"id": "stale"}\n',
        # An example that shows an error status on purpose: its status written first.
        "snippets/missing.py": f"""\
            import httpx, os

            r = httpx.get(os.environ.get("CLOUDWS_BASE_URL", "{BASE}") + "/volumes/vol-nothere00",
                          headers={{"Authorization": "Bearer " + os.environ["CLOUDWS_TOKEN"]}})
            print(r.status_code, r.json()["code"])
            #> 404
            """,
        "conftest.py": INNER_CONFTEST,
        "test_inner.py": """\
            import pytest
            from pathlib import Path
            from pytest_examples.eval_example import EvalExample
            from tests.harness import discovery
            from tests.harness.curl import run_curl_case
            from tests.harness.python_examples import run_python_case

            HERE = Path(__file__).parent
            PY = discovery.python_cases(HERE / "docs", HERE / "snippets")
            CURL = discovery.curl_cases(HERE / "docs", HERE / "snippets")

            @pytest.mark.parametrize("case", PY, ids=[c.id for c in PY])
            def test_py(case, request, docs_sandbox, api_schemas, tmp_path, _examples_to_update):
                ev = EvalExample(tmp_path=tmp_path, pytest_request=request)
                run_python_case(case, ev, docs_sandbox, api_schemas)
                _examples_to_update.extend(ev.to_update)

            @pytest.mark.parametrize("case", CURL, ids=[c.id for c in CURL])
            def test_curl(case, docs_sandbox, api_schemas, tls_sandbox, _examples_to_update):
                run_curl_case(case, tls_sandbox, docs_sandbox, api_schemas,
                              updates=_examples_to_update)
            """,
    })
    out = inner_pytest(harness_runs, tmp_path, "--update-examples")
    assert out.returncode == 0, out.stdout + out.stderr
    # said, with each file rewritten (under xdist too, where the workers rewrite), and that
    # the pages were checked against the outputs as they were
    files = ", ".join(str(tmp_path / name) for name in
                      ("docs/page.md", "snippets/get.json", "snippets/missing.py"))
    assert (f"--update-examples: rewrote the outputs of 5 example(s), in {files} (`git "
            "status` and `git diff` show them). The pages' prose and builds were checked "
            "against the outputs as they were: check again without it") in out.stdout, out.stdout
    page = (tmp_path / "docs" / "page.md").read_text()
    assert "#> 500\n" in page and "#> 1\n" not in page
    assert "    ```json\n    {\n      \"id\": \"vol-scratch01\",\n" in page
    assert f"$ {CURL_GET}\n{VOLUME_JSON}```\n" in page
    assert "stale" not in page
    assert (tmp_path / "snippets" / "get.json").read_text() == VOLUME_JSON
    assert (tmp_path / "snippets" / "missing.py").read_text().endswith(
        'print(r.status_code, r.json()["code"])\n#> 404 not_found\n')
    # And now they pass as they are.
    again = inner_pytest(harness_runs, tmp_path)
    assert again.returncode == 0, again.stdout


@HEAVY
def test_an_interrupted_update_rewrites_nothing_and_says_so(tmp_path, harness_runs):
    """Ctrl-C during --update-examples: the examples queued so far are not written (others
    never ran), and the run says so. Under ``uv run`` a terminal's Ctrl-C reaches pytest
    twice (from the terminal, and passed on by uv): the second, raised while pytest
    handles the first, skips the rest of its handling, but not the session's end."""
    write(tmp_path, {
        "page.md": "```py\nprint(1)\n#> 2\n```\n",
        "conftest.py": INNER_CONFTEST + (
            "import pytest\n\n@pytest.hookimpl(tryfirst=True)\n"
            "def pytest_keyboard_interrupt():\n    raise KeyboardInterrupt  # the second\n"),
        "test_inner.py": """\
            from dataclasses import replace
            from pathlib import Path
            from pytest_examples import find_examples

            def test_queues_then_is_interrupted(_examples_to_update):
                [example] = find_examples(Path(__file__).parent / "page.md")
                _examples_to_update.append(replace(example, source="print(1)\\n#> 1\\n"))
                raise KeyboardInterrupt
            """,
    })
    out = inner_pytest(harness_runs, tmp_path, "--update-examples")
    assert (tmp_path / "page.md").read_text() == "```py\nprint(1)\n#> 2\n```\n", out.stdout
    assert ("--update-examples: the run did not end on its own (interrupted, or stopped by "
            "-x), so nothing was rewritten (1 example(s) would have been): run it again to "
            "the end") in out.stdout, out.stdout


#: The inner project's conftest.py: the harness's plugin and fixtures, as the root
#: conftest.py of this project has them.
INNER_CONFTEST = 'pytest_plugins = ["tests.harness.fixtures"]\n'


def inner_pytest(runs: PythonForkServer, folder: Path,
                 *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m pytest`` of the project in ``folder`` (``runs``: the ``harness_runs``
    fixture)."""
    # Only the plugins the harness needs: the inner run starts in a second, not five.
    env = {**as_printed(), "PYTHONPATH": str(ROOT), "CLOUDWS_TOKEN": "cws_test_inner",
           "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
    return runs.run_module(
        "pytest", ["-q", "-p", "no:cacheprovider", "-p", "pytest_examples", "-p", "xdist.plugin",
                   "--rootdir", str(folder), "-c", os.devnull, *args, str(folder)],
        env=env, cwd=folder, timeout=300)


# -- curl and JSON -----------------------------------------------------------------------


def curl_case(tmp_path: Path, files: dict[str, str]) -> discovery.CurlCase:
    write(tmp_path, files)
    [case] = discovery.curl_cases(tmp_path / "docs", tmp_path / "snippets")
    return case


def test_an_error_the_output_does_not_show_is_named_and_never_written_in(
        tmp_path, scratch, api_schemas, scratch_tls):
    """A wrong ID gets a documented 404 where the output shows a volume: the drift names
    that request, at its URL's line, advises no refresh, and --update-examples writes
    nothing in; nor in a new example, its output still empty. An error shown on purpose
    (its status written first) is filled in."""
    command = CURL_GET.replace("vol-scratch01", "vol-scratch02")
    case = curl_case(tmp_path, {"snippets/get.sh": command + "\n",
                                "snippets/get.json": VOLUME_JSON})
    updates: list = []
    for queue in (None, updates):
        with pytest.raises(ExampleError) as failure:
            run_curl_case(case, scratch_tls, scratch, api_schemas, updates=queue)
        message = str(failure.value)
        assert (f"(GET /v1/volumes/vol-scratch02, sent at {tmp_path}/snippets/get.sh:1, "
                f"answered {missing_volume('vol-scratch02')}, which the example does not show)"
                "\nFix the request (or a step "
                "before it), not the output shown") in message, message
        assert "Refresh" not in message, message
    assert updates == []
    (tmp_path / "snippets" / "get.json").write_text("")
    with pytest.raises(ExampleError) as failure:
        run_curl_case(curl_case(tmp_path, {}), scratch_tls, scratch, api_schemas,
                      updates=updates)
    assert str(failure.value).endswith('In a JSON output, its status is a "status" field: '
                                       'write {"status": 404}, say, and --update-examples '
                                       "fills in the rest."), failure.value
    assert updates == []
    (tmp_path / "snippets" / "get.json").write_text('{"status": 404}\n')
    run_curl_case(curl_case(tmp_path, {}), scratch_tls, scratch, api_schemas, updates=updates)
    [filled] = updates
    assert '"status": 404' in filled.source and '"code": "not_found"' in filled.source


def test_drifted_json_file_names_it_with_diff_and_refresh(tmp_path, scratch, api_schemas,
                                                          scratch_tls):
    case = curl_case(tmp_path, {"snippets/get.sh": CURL_GET + "\n",
                                "snippets/get.json": VOLUME_JSON.replace("500", "50")})
    with pytest.raises(ExampleError) as failure:
        run_curl_case(case, scratch_tls, scratch, api_schemas)
    message = str(failure.value)
    json_file = tmp_path / "snippets" / "get.json"
    line = next(n for n, text in enumerate(VOLUME_JSON.splitlines(), 1) if '"size_gb"' in text)
    # Named at the first line that differs, not the file's first line.
    assert message.startswith(f"{json_file}:{line}: the output shown is not what the command "
                              "at ")
    assert '-  "size_gb": 50,' in message and '+  "size_gb": 500,' in message
    assert f"uv run pytest --update-examples` (it rewrites {json_file} with" in message


def test_inline_curl_with_a_wrong_method_names_the_line_that_sent_it(tmp_path, scratch,
                                                                     api_schemas, scratch_tls):
    page = tmp_path / "docs" / "page.md"
    case = curl_case(tmp_path, {"docs/page.md": f"""\
        # Page

        ```bash
        {CURL_GET.replace("curl -s", "curl -s -X POST")}
        ```

        It prints:

        ```json
        {VOLUME_JSON.replace(chr(10), chr(10) + "        ")}
        ```
        """})
    assert case.id == f"{page}:3"
    # A 405 is a typo, named (at the command's line, not the fence's) before the output
    # drift, and never written as the output.
    updates: list = []
    for queue in (None, updates):
        with pytest.raises(ExampleError) as failure:
            run_curl_case(case, scratch_tls, scratch, api_schemas, updates=queue)
        assert str(failure.value).startswith(
            f"{page}:4: POST /v1/volumes/vol-scratch01 is not an operation of the API (it "
            "answered 405)"), failure.value
    assert updates == []


def test_a_wrong_path_is_named_at_the_line_of_its_url(tmp_path, scratch, api_schemas,
                                                      scratch_tls):
    """A command split over lines: a drifted path is named where the URL is written, a
    method its path does not take where ``-X`` sets it."""
    command = (f'curl -s -X DELETE \\\n  "${{CLOUDWS_BASE_URL:-{BASE}}}/volume/vol-scratch01" '
               '\\\n  -H "Authorization: Bearer $CLOUDWS_TOKEN"\n')
    case = curl_case(tmp_path, {"snippets/delete.sh": command})
    with pytest.raises(ExampleError) as failure:
        run_curl_case(case, scratch_tls, scratch, api_schemas)
    assert str(failure.value).startswith(
        f"{case.id}:2: DELETE /v1/volume/vol-scratch01 is not an operation of the API (it "
        "answered 404): check the path; did you mean /v1/volumes/{id}?"), failure.value
    # a method the path does not take: named where the method is set, not at the URL
    case = curl_case(tmp_path, {"snippets/delete.sh": command.replace("-X DELETE", "-X PUT")
                                .replace("/volume/", "/volumes/")})
    with pytest.raises(ExampleError) as failure:
        run_curl_case(case, scratch_tls, scratch, api_schemas)
    assert str(failure.value).startswith(
        f"{case.id}:1: PUT /v1/volumes/vol-scratch01 is not an operation of the API (it "
        "answered 405): check the method: /v1/volumes/{id} takes DELETE, GET, HEAD"
    ), failure.value


def test_a_content_type_sent_without_a_body_is_named_at_its_line(tmp_path, scratch,
                                                                 api_schemas, scratch_tls):
    """Where the header is said, not at the URL's line."""
    command = (f'curl -sS \\\n  "${{CLOUDWS_BASE_URL:-{BASE}}}/volumes/vol-scratch01" \\\n'
               '  -H "Content-Type: application/json" \\\n'
               '  -H "Authorization: Bearer $CLOUDWS_TOKEN"\n')
    case = curl_case(tmp_path, {"snippets/get.sh": command})
    with pytest.raises(ExampleError) as failure:
        run_curl_case(case, scratch_tls, scratch, api_schemas)
    assert str(failure.value).startswith(
        f"{case.id}:3: GET /v1/volumes/vol-scratch01 sends a Content-Type and no body"), \
        failure.value


@pytest.mark.parametrize(("body", "answered", "line"), [
    ("""  -d '{"size_gb": 10'""", 400, 5),  # the JSON is broken
    ("""  -d '{"size_gb": "ten"}'""", 400, 5),  # a field of it is wrong
    ("""  --data-raw '{"size_gb": 10}'""", 415, 4),  # no type said: curl says a form
])
def test_a_wrong_body_is_named_at_the_line_that_sends_it(tmp_path, scratch, api_schemas,
                                                         scratch_tls, body, answered, line):
    """Not at the URL's line: the body, or the type it is said to have, is what to fix."""
    command = (f'curl -sS -X POST \\\n  "${{CLOUDWS_BASE_URL:-{BASE}}}/volumes" \\\n'
               '  -H "Authorization: Bearer $CLOUDWS_TOKEN" \\\n'
               + ('  -H "Content-Type: application/json" \\\n' if answered != 415 else "")
               + body + "\n")
    case = curl_case(tmp_path, {"snippets/create.sh": command})
    with pytest.raises(ExampleError) as failure:
        run_curl_case(case, scratch_tls, scratch, api_schemas)
    assert str(failure.value).startswith(
        f"{tmp_path / 'snippets/create.sh'}:{line}: POST /v1/volumes answered {answered}"
    ), failure.value


def test_console_block_output_is_checked(tmp_path, scratch, api_schemas, scratch_tls):
    case = curl_case(tmp_path, {"docs/page.md": f"""\
        ```console
        $ {CURL_GET}
        {VOLUME_JSON.replace(chr(10), chr(10) + "        ")}
        ```
        """})
    [command] = case.commands
    assert command.text == CURL_GET + "\n"
    run_curl_case(case, scratch_tls, scratch, api_schemas)


def _cmdline(pid: str) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:  # it has ended
        return b""


def test_a_command_still_running_is_ended_naming_its_last_request(
        tmp_path, scratch, api_schemas, scratch_tls, monkeypatch):
    """A shell loop waiting for a state that never comes: ended, with what it started,
    once it has run too long (here half a second), saying so with its last request."""
    monkeypatch.setattr(checks, "EXAMPLE_SECONDS", 0.5)
    case = curl_case(tmp_path, {"snippets/wait.sh": f"""\
        until {CURL_GET} | grep -q '"size_gb": 1,'; do
          sleep 7.25
        done
        """})
    with pytest.raises(ExampleError) as failure:
        run_curl_case(case, scratch_tls, scratch, api_schemas)
    sleeping = [pid for pid in os.listdir("/proc") if pid.isdigit()
                and _cmdline(pid) == b"sleep\x007.25\x00"]
    assert sleeping == [], "the command's sleep was left running"
    first, last = failure.value.msg.split("\n")
    assert first == (f"{tmp_path}/snippets/wait.sh:1: the command had not ended after 0.5 s, "
                     "and was stopped"), first
    assert last == ("(its last request: GET /v1/volumes/vol-scratch01, sent at "
                    f"{tmp_path}/snippets/wait.sh:1, answered 200)"), last


def test_a_command_polling_in_a_loop_is_named_at_the_line_of_its_last_request(
        tmp_path, scratch, api_schemas, scratch_tls, monkeypatch):
    """A script that lists the volumes, then polls one, after a comment naming it: the
    loop's ``curl`` sent the request it sends again and again, and is named; a line whose
    URL only starts with that path (``/volumes?limit=1``) is not. A request sent by three
    lines, each once, is no loop."""
    monkeypatch.setattr(checks, "EXAMPLE_SECONDS", 0.5)
    listed = CURL_GET.replace("/volumes/vol-scratch01", "/volumes?limit=1")
    case = curl_case(tmp_path, {"snippets/wait.sh": f"""\
        {listed} > /dev/null
        # poll /volumes/vol-scratch01 until it grows
        until {CURL_GET} | grep -q '"size_gb": 1,'; do
          sleep 0.05
        done
        """})
    with pytest.raises(ExampleError) as failure:
        run_curl_case(case, scratch_tls, scratch, api_schemas)
    first, last, why = failure.value.msg.split("\n")
    assert why == POLLED, why
    at = f"{tmp_path}/snippets/wait.sh:3"
    assert first == f"{at}: the command had not ended after 0.5 s, and was stopped", first
    assert last == f"(its last request: GET /v1/volumes/vol-scratch01, sent at {at}, answered 200)"
    # the same request from three lines (as "asking again changes nothing" shows), then
    # a wait: no loop, and the last line said with none of the three guessed
    case = curl_case(tmp_path, {"snippets/wait.sh": f"""\
        {CURL_GET} > /dev/null
        {CURL_GET} > /dev/null
        {CURL_GET}>/dev/null
        sleep 7.5
        """})
    with pytest.raises(ExampleError) as failure:
        run_curl_case(case, scratch_tls, scratch, api_schemas)
    assert failure.value.msg.split("\n") == [
        f"{tmp_path}/snippets/wait.sh:1: the command had not ended after 0.5 s, and was stopped",
        "(its last request: GET /v1/volumes/vol-scratch01, answered 200)"], failure.value.msg


def test_console_block_printing_a_status_code_is_not_read_as_a_body(tmp_path, scratch,
                                                                  api_schemas, scratch_tls):
    case = curl_case(tmp_path, {"docs/page.md": f"""\
        ```console
        $ {CURL_GET} -o /dev/null -w '%{{http_code}}\\n'
        200
        ```
        """})
    run_curl_case(case, scratch_tls, scratch, api_schemas)


def test_a_command_written_wrong_fails_alone_before_any_command_runs(
        tmp_path, scratch, api_schemas, scratch_tls):
    """A token not sent, in a block's second command: told alone, at its line, before the
    first command's new output (which would read as "fill it in", and --update-examples
    would not)."""
    tokenless = CURL_GET.replace(' -H "Authorization: Bearer $CLOUDWS_TOKEN"', "")
    case = curl_case(tmp_path, {"docs/page.md": f"""\
        ```console
        $ {CURL_GET}
        $ {tokenless}
        ```
        """})
    for updates in (None, []):
        with pytest.raises(ExampleError) as failure:
            run_curl_case(case, scratch_tls, scratch, api_schemas, updates=updates)
        assert failure.value.msg.startswith(
            f"{tmp_path}/docs/page.md:3: the command sends no token"), failure.value.msg
        assert "shows no output" not in failure.value.msg, failure.value.msg
        assert updates in (None, []), updates


def test_a_console_command_shown_with_no_output_prints_nothing_or_is_filled_in(
        tmp_path, scratch, api_schemas, scratch_tls):
    """A ``$ curl`` with no lines under it shows that it prints nothing: one that prints
    something fails at its line, and --update-examples writes what it prints under it,
    leaving the blank line before the next command; one that prints nothing passes."""
    silent = f"{CURL_GET} -o /dev/null"
    case = curl_case(tmp_path, {"docs/page.md": f"""\
        ```console
        $ {CURL_GET}

        $ {silent}
        ```
        """})
    page = tmp_path / "docs" / "page.md"
    with pytest.raises(ExampleError) as failure:
        run_curl_case(case, scratch_tls, scratch, api_schemas)
    lines = str(failure.value).splitlines()
    assert lines[0].startswith(f"{page}:3: the block shows no output under the command at "
                               f"{page}:2, which prints some (+ printed)"), lines
    assert lines[3:5] == ["@@ -2,0 +3,7 @@", '+{'], lines
    updates: list = []
    run_curl_case(case, scratch_tls, scratch, api_schemas, updates=updates)
    [update] = updates
    text = page.read_text()
    page.write_text(text[:update.start_index] + update.source + text[update.end_index:])
    assert page.read_text() == (f"```console\n$ {CURL_GET}\n{VOLUME_JSON}\n$ {silent}\n"
                                "```\n")
    [case] = discovery.curl_cases(tmp_path / "docs", tmp_path / "snippets")
    run_curl_case(case, scratch_tls, scratch, api_schemas)
    # a request that fails in a command that shows no output, new or printing nothing:
    # it fails naming the request, refreshed or not (a typo is never written in)
    missing = CURL_GET.replace("vol-scratch01", "vol-nothere00")
    case = curl_case(tmp_path, {"docs/page.md": f"```console\n$ {missing}\n```\n"})
    for updates in (None, []):
        with pytest.raises(ExampleError) as failure:
            run_curl_case(case, scratch_tls, scratch, api_schemas, updates=updates)
        lines = str(failure.value).splitlines()
        assert lines[-2] == (f"(GET /v1/volumes/vol-nothere00, sent at {page}:2, answered "
                             f"{missing_volume('vol-nothere00')})"), failure.value
        assert lines[-1].startswith("Fix the request"), failure.value
        assert updates in (None, []), updates
    case = curl_case(tmp_path, {"docs/page.md": f"```console\n$ {missing} -o /dev/null\n```\n"})
    with pytest.raises(ExampleError, match=r"page.md:2: GET /v1/volumes/vol-nothere00 "
                       r"answered 404, and the example shows no output that would say so"):
        run_curl_case(case, scratch_tls, scratch, api_schemas, updates=[])
    # both, when a new command drifted before one that fails outright
    case = curl_case(tmp_path, {"docs/page.md": f"```console\n$ {missing}\n"
                                                f"$ {missing} -o /dev/null\n```\n"})
    with pytest.raises(ExampleError) as failure:
        run_curl_case(case, scratch_tls, scratch, api_schemas)
    lines = str(failure.value).splitlines()
    assert lines[0].startswith(f"{page}:3: the block shows no output under the command at "
                               f"{page}:2"), lines
    assert lines[-1].startswith(f"{page}:3: GET /v1/volumes/vol-nothere00 answered 404, and "
                                "the example shows no output"), lines


def test_json_shown_after_a_command_that_prints_nothing_is_refused_not_emptied(
        tmp_path, scratch, api_schemas, scratch_tls):
    """The first JSON block after a console block is its last command's output: when that
    command prints nothing, the JSON is not its output, and a refresh must not empty it."""
    case = curl_case(tmp_path, {"docs/page.md": f"""\
        ```console
        $ {CURL_GET}
        {VOLUME_JSON.replace(chr(10), chr(10) + "        ")}
        $ {CURL_GET} -o /dev/null
        ```

        The volume, again:

        ```json
        {VOLUME_JSON.replace(chr(10), chr(10) + "        ")}
        ```
        """})
    updates: list = []
    with pytest.raises(ExampleError, match=r"page.md:17: a JSON block, shown as what the "
                       r"command at .*page.md:11 prints; but it prints nothing"):
        run_curl_case(case, scratch_tls, scratch, api_schemas, updates=updates)
    assert updates == []
    # nor filled with what is not JSON (a status code, headers)
    case = curl_case(tmp_path, {"docs/page.md": f"""\
        ```bash
        {CURL_GET} -o /dev/null -w '%{{http_code}}\\n'
        ```

        ```json
        {{}}
        ```
        """})
    with pytest.raises(ExampleError, match=r"page.md:6: a JSON block, shown as what the "
                       r"command at .*page.md:2 prints; but it prints something else"):
        run_curl_case(case, scratch_tls, scratch, api_schemas, updates=updates)
    assert updates == []


def test_a_console_output_with_headers_keeps_the_date_it_shows(tmp_path, scratch, api_schemas,
                                                              scratch_tls):
    """``curl -i`` prints the sandbox's ``date`` header, the moment it answered: the
    output passes with the date it shows, and a refresh of another line keeps it."""
    def refreshed(text: str) -> str:
        page = write(tmp_path, {"docs/page.md": text}) / "docs" / "page.md"
        [case] = discovery.curl_cases(tmp_path / "docs", tmp_path / "snippets")
        updates: list = []
        run_curl_case(case, scratch_tls, scratch, api_schemas, updates=updates)
        [update] = updates
        return page.read_text()[:update.start_index] + update.source
    command = f"```console\n$ {CURL_GET} -i\n"
    printed = refreshed(command + "```\n")[len(command):]
    shown_date = "date: Sun, 01 Feb 2026 12:00:00 GMT"
    assert re.search(r"^date: \w{3}, ", printed, re.MULTILINE), printed
    shown = re.sub(r"^date: .*$", shown_date, printed, flags=re.MULTILINE)
    case = curl_case(tmp_path, {"docs/page.md": command + shown + "```\n"})
    run_curl_case(case, scratch_tls, scratch, api_schemas)
    again = refreshed(command + shown.replace('"size_gb": 500', '"size_gb": 400') + "```\n")
    assert again == command + shown


def _first_two_drifts_told(lines: list[str], page: Path) -> None:
    """The console block's first output (201, printed 200) told with its diff, then the
    second told at its line."""
    assert lines[0].startswith(f"{page}:3: the output shown is not what the command at "
                               f"{page}:2 prints"), lines
    assert lines[3:6] == ["@@ -3 +3 @@", "-201", "+200"], lines
    assert lines[6].startswith(f"{page}:5: the output shown is not what the command at "
                               f"{page}:4 prints"), lines


def test_every_drifted_output_of_a_console_block_is_told_at_once(tmp_path, scratch,
                                                                 api_schemas, scratch_tls):
    """Two commands whose outputs drifted: both diffs, each numbered by page lines on both
    sides and starting with its own line (an annotation each), then one refresh."""
    status = f"{CURL_GET} -o /dev/null -w '%{{http_code}}\\n'"
    case = curl_case(tmp_path, {"docs/page.md": f"""\
        ```console
        $ {status}
        201
        $ {status}
        202
        ```
        """})
    page = tmp_path / "docs" / "page.md"
    with pytest.raises(ExampleError) as failure:
        run_curl_case(case, scratch_tls, scratch, api_schemas)
    lines = str(failure.value).splitlines()
    _first_two_drifts_told(lines, page)
    assert lines[9:12] == ["@@ -5 +5 @@", "-202", "+200"], lines
    assert lines[12].startswith("Refresh them with `uv run pytest --update-examples` (it "
                                f"rewrites {page} with what the commands print)"), lines


def test_a_case_with_an_error_it_does_not_show_is_rewritten_not_at_all(
        tmp_path, scratch, api_schemas, scratch_tls):
    """Two commands: one whose output drifted, one that got a 404 it does not show. The
    refresh writes neither: a case is rewritten whole or not at all, and it tells both
    drifts, the first of which may be where a step went otherwise."""
    status = f"{CURL_GET} -o /dev/null -w '%{{http_code}}\\n'"
    case = curl_case(tmp_path, {"docs/page.md": f"""\
        ```console
        $ {status}
        201
        $ {status.replace("vol-scratch01", "vol-scratch02")}
        200
        ```
        """})
    updates: list = []
    with pytest.raises(ExampleError, match=re.escape(
            f"answered {missing_volume('vol-scratch02')}, which the example does not show")
                       ) as failure:
        run_curl_case(case, scratch_tls, scratch, api_schemas, updates=updates)
    assert updates == []
    page = tmp_path / "docs" / "page.md"
    lines = str(failure.value).splitlines()
    assert lines[0] == (f"{page}:4: --update-examples writes nothing in for this example: a "
                        "request got an error it does not show"), lines  # in every language
    _first_two_drifts_told(lines[1:], page)


def test_curl_with_a_sandbox_token_written_in_is_refused_before_running(
        tmp_path, scratch, api_schemas, scratch_tls):
    """At the line that writes it."""
    case = curl_case(tmp_path, {"snippets/x.sh": CURL_GET.replace(
        " -H", " \\\n  -H").replace("$CLOUDWS_TOKEN", "cws_test_me") + "\n"})
    with pytest.raises(ExampleError, match=r"snippets/x.sh:2: the command writes a sandbox "
                                           r"token \(cws_test_...\)"):
        run_curl_case(case, scratch_tls, scratch, api_schemas)


def test_curl_to_another_host_is_refused_before_running(tmp_path, scratch, api_schemas,
                                                        scratch_tls):
    case = curl_case(tmp_path, {"snippets/x.sh": "curl -s https://example.org/\n"})
    with pytest.raises(ExampleError, match="calls https://example.org/; curl examples call"):
        run_curl_case(case, scratch_tls, scratch, api_schemas)


def test_curl_rc_sends_other_hosts_nowhere(scratch_tls):
    from .harness.curl import run_command

    done = run_command("curl -sS https://example.org/", scratch_tls.env(), scratch_tls.workdir)
    assert done.returncode == 7 and "127.0.0.1 port 9" in done.stderr


def test_undeclared_json_block_fails_and_says_how_to_declare(tmp_path, api_schemas):
    write(tmp_path, {"docs/page.md": '# Page\n\n```json\n{"id": "ws-12345"}\n```\n'})
    [case] = discovery.json_cases(tmp_path / "docs", tmp_path / "snippets")
    with pytest.raises(ExampleError, match=r"page.md:3: a JSON block that is no curl output must "
                                           r"say what it shows .* <!-- response: <operationId>"):
        check_declared_json(case, api_schemas)


def test_declared_response_is_schema_checked(tmp_path, api_schemas):
    write(tmp_path, {"docs/page.md": """\
        <!-- response: deleteWorkstation 200 -->
        ```json
        {"id": "ws-12345", "status": "error", "deleted_volume_ids": [], "detached_volume_ids": []}
        ```
        """})
    [case] = discovery.json_cases(tmp_path / "docs", tmp_path / "snippets")
    with pytest.raises(ExampleError, match=r"\$.status: 'deleted' was expected"):
        check_declared_json(case, api_schemas)


def test_declared_response_may_show_no_field_the_schema_does_not_list(tmp_path, api_schemas):
    write(tmp_path, {"docs/page.md": """\
        <!-- response: deleteVolume 200 -->
        ```json
        {"id": "vol-scratch01", "status": "deleted", "deleted_at": "2026-01-05T09:00:00Z"}
        ```
        """})
    [case] = discovery.json_cases(tmp_path / "docs", tmp_path / "snippets")
    with pytest.raises(ExampleError, match=r"\('deleted_at' was unexpected\)"):
        check_declared_json(case, api_schemas)


def test_a_declared_jsons_errors_are_named_at_their_lines(tmp_path, api_schemas):
    write(tmp_path, {"docs/page.md": """\
        # Page

        <!-- response: deleteWorkstation 200 -->
        ```json
        {
          "id": "ws-12345",
          "status": "gone",
          "deleted_volume_ids": [],
          "detached_volume_ids": [],
          "region": "eu"
        }
        ```
        """})
    [case] = discovery.json_cases(tmp_path / "docs", tmp_path / "snippets")
    page = tmp_path / "docs" / "page.md"
    with pytest.raises(ExampleError) as failure:
        check_declared_json(case, api_schemas)
    assert str(failure.value).splitlines() == [
        (f"{page}:7: the JSON is not a valid 200 response of deleteWorkstation (the block "
         f"at {page}:4):"),
        "  line 7: $.status: 'deleted' was expected",
        "  line 10: $: Additional properties are not allowed ('region' was unexpected)"]


def test_a_declared_problem_is_one_the_operation_answers_with_that_status(tmp_path,
                                                                          api_schemas):
    """A problem's schema takes any status and code: a declared one must also have the
    declared status, a code the operation answers with it, and that code's title."""
    write(tmp_path, {"docs/page.md": """\
        <!-- response: deleteWorkstation 409 -->
        ```json
        {
          "type": "https://docs.cloudworkstation.example.com/concepts/errors/#volume_attached",
          "title": "Bad Request",
          "status": 404,
          "detail": "The volume is attached.",
          "code": "volume_attached"
        }
        ```
        """})
    [case] = discovery.json_cases(tmp_path / "docs", tmp_path / "snippets")
    with pytest.raises(ExampleError) as failure:
        check_declared_json(case, api_schemas)
    lines = str(failure.value).splitlines()
    assert lines[1:] == [
        "  line 6: $.status: 404 is not the status of the response (409)",
        ("  line 8: $.code: 'volume_attached' is not a code of this response; its codes: "
         "workstation_not_stopped")], lines


def _declared_json_failures(tmp_path: Path, api_schemas) -> list[str]:
    """The failure of each JSON block of the pages under ``tmp_path``, each of which must
    fail."""
    messages = []
    for case in discovery.json_cases(tmp_path / "docs", tmp_path / "snippets"):
        with pytest.raises(ExampleError) as failure:
            check_declared_json(case, api_schemas)
        messages.append(str(failure.value))
    return messages


def test_a_declaration_is_named_at_its_comment_when_it_is_wrong_or_apart(tmp_path,
                                                                         api_schemas):
    """A declaration naming no operation (with the likeliest one), one kept from its fence
    by a blank line, one on the output of a curl block (which would stop the output
    being compared with what the command prints), and one of a status the operation does
    not document are each named at the comment's line."""
    write(tmp_path, {"docs/page.md": f"""\
        # Page

        <!-- request: createWorkstaton -->
        ```json
        {{"name": "box"}}
        ```

        <!-- response: getVolume 200 -->

        ```json
        {{"id": "vol-scratch01"}}
        ```

        ```bash
        {CURL_GET}
        ```

        <!-- response: getVolume 200 -->
        ```json
        {VOLUME_JSON.replace(chr(10), chr(10) + "        ")}
        ```

        <!-- response: getVolume 204 -->
        ```json
        {{"id": "vol-scratch01"}}
        ```
        """})
    page = tmp_path / "docs" / "page.md"
    messages = _declared_json_failures(tmp_path, api_schemas)
    assert messages[0].startswith(
        f"{page}:3: the declaration 'request: createWorkstaton' names nothing: the OpenAPI "
        "document has no operation 'createWorkstaton' (did you mean 'createWorkstation'?)"), \
        messages
    assert messages[1] == (f"{page}:8: the declaration 'response: getVolume 200' is not on the "
                           f"line just before the block's fence ({page}:10): remove the "
                           "blank lines between them"), messages
    assert messages[2].startswith(f"{page}:18: the block after it is the output of the curl "
                                  f"command at {page}:15 (the first block after it)"), messages
    assert messages[3].startswith(f"{page}:30: the declaration 'response: getVolume 204': "
                                  "getVolume does not document the status 204"), messages


def test_a_declaration_on_a_snippets_output_or_malformed_is_named_at_its_comment(
        tmp_path, api_schemas):
    """On the output of a curl snippet (which is compared with what the command prints,
    so a declaration there says something else), and one that says nothing it can."""
    write(tmp_path, {"snippets/get.sh": CURL_GET + "\n", "snippets/get.json": VOLUME_JSON,
                     "docs/page.md": """\
        # Page

        ```bash
        --8<-- "snippets/get.sh"
        ```

        <!-- response: deleteVolume 200 -->
        ```json
        --8<-- "snippets/get.json"
        ```

        <!-- reponse: getVolume 200 -->
        ```json
        {"id": "vol-scratch01"}
        ```
        """})
    page = tmp_path / "docs" / "page.md"
    messages = _declared_json_failures(tmp_path, api_schemas)
    assert messages[0].startswith(f"{page}:7: the block after it is the output of the curl "
                                  f"command at {tmp_path}/snippets/get.sh:1"), messages
    assert messages[1].startswith(f"{page}:12: a JSON block that is no curl output must say "
                                  "what it shows"), messages


def test_declared_schema_must_equal_the_documents(tmp_path, api_schemas):
    import json

    schema = api_schemas.component("DeleteVolumeResult")
    write(tmp_path, {"docs/page.md": "<!-- schema: DeleteVolumeResult -->\n```json\n"
                                     + json.dumps(schema, indent=2) + "\n```\n"})
    [case] = discovery.json_cases(tmp_path / "docs", tmp_path / "snippets")
    check_declared_json(case, api_schemas)


# -- network -----------------------------------------------------------------------------


@pytest.mark.parametrize("address", [("example.org", 443), ("93.184.215.14", 443),
                                     ("2606:2800:21f:cb07:6820:80da:af6b:8b2c", 443)])
def test_the_suite_cannot_reach_another_machine(address):
    with pytest.raises(NetworkBlocked, match="the test suite must not reach the network"):
        socket.create_connection(address, timeout=1)


def test_httpx_outside_the_sandbox_fails_without_network():
    # (straight there: a proxy the shell sets, on loopback, would refuse it otherwise)
    with pytest.raises(httpx.ConnectError, match="must not reach the network"):
        httpx.get("https://example.org/", trust_env=False)


def test_loopback_still_works(scratch_tls):
    with socket.create_connection(("127.0.0.1", scratch_tls.port), timeout=5):
        pass


def test_in_process_clients_read_no_ca_bundle_and_the_environment_is_restored(
        scratch, monkeypatch):
    monkeypatch.setenv("SSL_CERT_FILE", "/nonexistent/bundle.pem")
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    with scratch.in_process():
        # httpx's documented variables: an empty CA folder, and no file to win over it.
        assert "SSL_CERT_FILE" not in os.environ
        assert os.listdir(os.environ["SSL_CERT_DIR"]) == []
        with httpx.Client() as client:  # would raise reading /nonexistent/bundle.pem
            assert client.get(f"{BASE}/volumes/vol-scratch01",
                              headers={"Authorization": "Bearer cws_test_me"}).status_code == 200
    assert os.environ["SSL_CERT_FILE"] == "/nonexistent/bundle.pem"
    assert "SSL_CERT_DIR" not in os.environ


def test_a_printed_value_shown_as_a_block_fails_naming_its_line(tmp_path):
    from tests.harness.python_examples import _check_one_line_each

    write(tmp_path, {"snippets/long.py": """\
        volume = {"id": "vol-scratch01", "size_gb": 500}
        print(volume)
        '''
        {'id': 'vol-scratch01', 'size_gb': 500}
        '''
        """})
    [case] = discovery.python_cases(tmp_path / "docs", tmp_path / "snippets")
    with pytest.raises(ExampleError, match=r"snippets/long.py:2: this print's value is too "
                                           r"long for one #> line \(100 characters\) and is "
                                           r"shown as a block"):  # at the print
        _check_one_line_each(case.examples[0], case.examples[0].source)


@pytest.mark.parametrize("source, says", [
    ('import httpx\n\nhttpx.get("https://api.cloudworkstation.example.com/v1/volumes")\n',
     "snippets/get.py:1: the example does not read CLOUDWS_BASE_URL"),
    (('import httpx, os\n\nB = os.environ.get("CLOUDWS_BASE_URL", "x")\n'
     'httpx.get(B + "/volumes", headers={"Authorization": "Bearer not-a-sandbox-token"})\n'),
     'snippets/get.py:1: the example does not read CLOUDWS_TOKEN: use os.environ["CLOUDWS_TOKEN"]'),
    # a token written in is named at its line, before anything the example does not read
    (('import httpx, os\n\nB = os.environ.get("CLOUDWS_BASE_URL", "x")\n'
     'httpx.get(B + "/volumes", headers={"Authorization": "Bearer cws_test_me"})\n'),
     "snippets/get.py:4: the example writes a sandbox token"),
    # an export's name misspelt: at its line, with the name meant
    (('import httpx, os\n\nB = os.environ.get("CLOUDWS_BASE_URL", "x")\n'
     'httpx.get(B + "/volumes", headers={"Authorization": os.environ["CLOUDWS_TOKN"]})\n'),
     ("snippets/get.py:4: the example reads CLOUDWS_TOKN, which a reader has not set (the "
      "exports are CLOUDWS_BASE_URL and CLOUDWS_TOKEN): did you mean CLOUDWS_TOKEN?")),
    # a tab: named before anything runs (a refresh would write #> lines in spaces under it);
    # not one in a string's text
    (('import httpx, os\n\nB = os.environ.get("CLOUDWS_BASE_URL", "x")\nNOTE = """a\n\tb"""\n'
      'h = {"Authorization": os.environ["CLOUDWS_TOKEN"]}\nif h:\n\tprint(1)\n\t#> 1\n'),
     "snippets/get.py:8: the line is indented with a tab: indent with spaces"),
    (('import httpx, os\n\nB = os.environ.get("CLOUDWS_BASE_URL", "x")\n'
      'h = {"Authorization": os.environ["CLOUDWS_TOKEN"]}\nif h:\n\tprint(1)\n\t#> 1\n'),
     "snippets/get.py:6: the line is indented with a tab: indent with spaces"),
])
def test_a_python_example_reads_both_exports_and_writes_no_token(tmp_path, request, scratch,
                                                                  api_schemas, source, says):
    write(tmp_path, {"snippets/get.py": source})
    with pytest.raises(ExampleError, match=re.escape(says)):
        run_python(tmp_path, request, scratch, api_schemas)


def test_a_print_too_long_for_one_line_is_named_at_its_line_with_or_without_a_refresh(
        tmp_path, request, scratch, api_schemas, docs_token):
    """A new example, no #> line yet: the long print, not the short one before it (nor,
    under --update-examples, a line counted in the rewritten text)."""
    write(tmp_path, {"snippets/long.py": """\
        import os

        import httpx

        base = os.environ.get("CLOUDWS_BASE_URL", "https://api.cloudworkstation.example.com/v1")
        r = httpx.get(f"{base}/volumes/vol-scratch01",
                      headers={"Authorization": f"Bearer {os.environ['CLOUDWS_TOKEN']}"})
        print(r.status_code)
        print(r.json())
        """})
    with pytest.raises(ExampleError, match=r"snippets/long.py:9: this print prints a "
                                           r"value too long for one #> line"):
        run_python(tmp_path, request, scratch, api_schemas)
    shutil.rmtree(tmp_path / "run")
    request.config.option.update_examples = True  # as under --update-examples
    try:
        with pytest.raises(ExampleError, match=r"snippets/long.py:9: this print's value is "
                                               r"too long for one #> line"):
            run_python(tmp_path, request, scratch, api_schemas)
    finally:
        request.config.option.update_examples = False


def test_a_curl_output_a_page_shows_but_that_is_not_there_says_how_to_make_it(
        tmp_path, scratch, api_schemas, scratch_tls):
    write(tmp_path, {"snippets/get.sh": CURL_GET + "\n", "docs/page.md": """\
        # Page

        ```bash
        --8<-- "snippets/get.sh"
        ```

        ```json
        --8<-- "snippets/get.json"
        ```
        """})
    assert discovery.json_cases(tmp_path / "docs", tmp_path / "snippets") == []  # no crash
    [case] = discovery.curl_cases(tmp_path / "docs", tmp_path / "snippets")
    # said at the page's line, as the page's build says it: one place, one annotation
    with pytest.raises(ExampleError) as failure:
        run_curl_case(case, scratch_tls, scratch, api_schemas)
    page, snippets = tmp_path / "docs" / "page.md", tmp_path / "snippets"
    assert failure.value.msg.startswith(
        f"{page}:8: includes {snippets}/get.json, which does not exist (the output of "
        f"{snippets}/get.sh: create it empty, then `uv run pytest {page} --update-examples` "
        "fills it in)\n"), failure.value.msg


def test_a_curl_command_that_sends_no_token_is_refused():
    command = f'curl -sS "${{CLOUDWS_BASE_URL:-{BASE}}}/volumes/vol-scratch01"'
    with pytest.raises(ExampleError, match=r'^x.sh:1: the command sends no token: add -H '
                                           r'"Authorization: Bearer \$CLOUDWS_TOKEN"'):
        check_reads_the_exports(command, "x.sh:1")
    check_reads_the_exports(command + ' -H "Authorization: Bearer not-a-sandbox-token"',
                            "x.sh:1")  # a wrong token on purpose
    check_reads_the_exports(command + " -H 'authorization: bearer $CLOUDWS_TOKEN'", "x.sh:1")
    misspelt = command + ' \\\n  -H "Authorisation: Bearer $CLOUDWS_TOKEN"'
    with pytest.raises(ExampleError, match=r'^x.sh:2: the command sends its token in a '
                                           r'"Authorisation" header, which the API does not '
                                           r'read: write -H "Authorization: Bearer '):
        check_reads_the_exports(misspelt, "x.sh:1")


def test_an_endpoint_pages_own_example_must_call_its_operation_and_succeed(monkeypatch):
    """``snippets/volumes/get.sh`` is published as getVolume's ``x-codeSamples`` (its output
    is the page's response example): a wrong method that reaches deleteVolume (a documented
    409) is refused at the request's line, and so is a call of getVolume that gets an
    error."""
    own = ROOT / "snippets" / "volumes" / "get.sh"
    deleting = [Seen("DELETE", "/v1/volumes/vol-data12345", "deleteVolume", 409,
                     "snippets/volumes/get.sh:2")]
    with pytest.raises(ExampleError, match=r"^snippets/volumes/get.sh:2: this is the example "
                                           r"of getVolume's page \(its x-codeSamples\), but it "
                                           r"never calls getVolume: it calls DELETE "):
        check_calls_its_operation(own, deleting, "snippets/volumes/get.sh:1")
    getting = [Seen("GET", "/v1/volumes/vol-data12345", "getVolume", 200)]
    check_calls_its_operation(own, getting, "snippets/volumes/get.sh:1")
    # a page whose front matter names no operation of the API: told by its build, at that
    # line, and not as a fault of each of its examples
    with monkeypatch.context() as patched:
        patched.setattr(checks, "_own_examples", lambda: {own.resolve(): "getVolum"})
        check_calls_its_operation(own, deleting, "snippets/volumes/get.sh:1")
    # ...and gets a success: a wrong ID, or headers dropped, get a documented error
    own_page = (r"^snippets/volumes/get.sh:2: this is the example of getVolume's page \(its "
                r"x-codeSamples, and the page's response example\), but GET /v1/volumes/")
    missing = [getting[0]._replace(path="/v1/volumes/vol-data12346", status=404,
                                   origin="snippets/volumes/get.sh:2")]
    with pytest.raises(ExampleError, match=own_page + r"vol-data12346 answered 404, not a "
                                           r"success: check the request's ID, headers and body"):
        check_calls_its_operation(own, missing, "snippets/volumes/get.sh:1")
    # the problem's code and detail, what the API said was wrong
    malformed = [getting[0]._replace(status=400, origin="snippets/volumes/get.sh:2",
                                     code="invalid_json", detail="The body is not valid JSON.")]
    with pytest.raises(ExampleError, match=own_page + r"vol-data12345 answered 400 invalid_json "
                                           r"\(The body is not valid JSON.\), not a success: "
                                           r"check the request's ID, headers and body"):
        check_calls_its_operation(own, malformed, "snippets/volumes/get.sh:1")
    # a body's field a few letters off one of the API's: the field meant
    misspelt = [malformed[0]._replace(code="validation_error", detail=(
        "The request is not valid: body.sizegb is not a known field; body.x is not a known "
        "field."))]
    with pytest.raises(ExampleError, match=r"check the request's ID, headers and body; "
                                           r"body\.sizegb: did you mean size_gb\?$"):
        check_calls_its_operation(own, misspelt, "snippets/volumes/get.sh:1")
    tokenless = [getting[0]._replace(status=401, origin="snippets/volumes/get.sh:2",
                                     sent_token=False)]
    with pytest.raises(ExampleError, match=own_page + r"vol-data12345 answered 401, not a "
                                           r"success \(it sent no Authorization header\)"):
        check_calls_its_operation(own, tokenless, "snippets/volumes/get.sh:1")
    check_calls_its_operation(own, [*missing, *getting], "snippets/volumes/get.sh:1")
    # any other example may call what it likes
    check_calls_its_operation(ROOT / "snippets" / "concepts" / "errors.sh", deleting, "x:1")


def test_an_endpoint_pages_own_example_sends_the_request_of_its_declared_example():
    """Every language of an endpoint page's example, and its Try it, send one request: the
    operation's declared example (``cloudws.operations``). A tab that stops another
    workstation than the others is refused at its request's line, though it succeeds; an
    example may send other requests of the operation beside it (a list's pages)."""
    own = ROOT / "snippets" / "workstations" / "stop.py"
    other = [Seen("POST", "/v1/workstations/ws-12345/stop", "stopWorkstation", 200,
                  "snippets/workstations/stop.py:12")]
    with pytest.raises(ExampleError, match=(
            r"^snippets/workstations/stop.py:12: this is the example of stopWorkstation's "
            r"page, whose every language, and Try it, sends its declared example, POST "
            r"/v1/workstations/ws-67890/stop; this one never does \(it sends POST "
            r"/v1/workstations/ws-12345/stop\). Send that request here, or change the "
            r"example in stopWorkstation's declaration \(src/cloudws/operations.py\)")):
        check_calls_its_operation(own, other, "snippets/workstations/stop.py:1")
    declared = other[0]._replace(path="/v1/workstations/ws-67890/stop")
    check_calls_its_operation(own, [*other, declared], "snippets/workstations/stop.py:1")
    # the query counts, in any order: a list's pages, then the page the declaration asks for
    listing = ROOT / "snippets" / "volumes" / "list.py"
    pages = [Seen("GET", "/v1/volumes", "listVolumes", 200, query=query)
             for query in ("limit=3", "cursor=abc&limit=3")]
    with pytest.raises(ExampleError, match=r"GET /v1/volumes\?limit=2; this one never does "
                                           r"\(it sends GET /v1/volumes\?limit=3\)"):
        check_calls_its_operation(listing, pages, "snippets/volumes/list.py:1")
    asked = pages[0]._replace(query="limit=2")
    check_calls_its_operation(listing, [*pages, asked], "snippets/volumes/list.py:1")
    # named at the call likeliest meant: the one sending what the declaration asks, and more
    more = asked._replace(query="limit=2&cursor=x", origin="snippets/volumes/list.py:18")
    with pytest.raises(ExampleError, match=r"^snippets/volumes/list.py:18: .*\(it sends GET "
                                           r"/v1/volumes\?limit=2&cursor=x\)"):
        check_calls_its_operation(listing, [*pages, more], "snippets/volumes/list.py:1")


def test_a_pasted_run_compares_unless_this_run_rewrites_what_it_compares(request,
                                                                       monkeypatch):
    """Under --update-examples a pasted run leaves comparing to the next run only when the
    run that rewrites the outputs is selected too (not under ``-k pasted``)."""
    from .harness.checks import rewritten_here

    assert not rewritten_here(request, request.node.name)  # not rewriting at all
    monkeypatch.setattr(request.config.option, "update_examples", True)
    assert rewritten_here(request, request.node.name)
    assert not rewritten_here(request, "test_python_example[snippets/none.py]")


def test_a_refresh_with_failed_checks_says_what_it_rewrote_and_what_not():
    """Under --update-examples a failed check queues nothing: the run ends saying so,
    whichever language's check it was, with how many other examples it rewrote; where a
    page's build failed beside them, that it read the outputs from before the refresh (a
    new example's ID, in its prose, is in no output until the refresh writes it)."""
    from dataclasses import dataclass
    from types import SimpleNamespace

    from .harness.plugin import _WORKER_KEY, DocsPlugin

    @dataclass
    class Update:  # an example queued for rewriting, as fixtures._once_each reads one
        where: str
        source: str = "what it prints now"

        @property
        def path(self) -> Path:
            return ROOT / self.where.partition(":")[0]

        def __str__(self) -> str:
            return self.where

    def said(failed: list[str], held: list[str], rewritten: int = 0) -> list[str]:
        lines: list[str] = []
        plugin = DocsPlugin(SimpleNamespace(  # type: ignore[arg-type]
            getoption=lambda name, default=None: name == "update_examples" or default))
        plugin.held = [Update(where) for where in held]
        if rewritten:  # as the workers' output tells the controller
            plugin.pytest_testnodedown(SimpleNamespace(workeroutput={_WORKER_KEY: {
                "produced": [], "calls": [], "deselected": 0, "collected": [], "selected": [],
                "total": 0, "ran": False, "rewritten": rewritten, "unwritten": 0,
                "rewritten_files": ["b.py", "c.sh"]}}), None)
        plugin.handed = bool(held)
        plugin.pytest_terminal_summary(SimpleNamespace(
            stats={"failed": [SimpleNamespace(nodeid=nodeid) for nodeid in failed]},
            write_line=lambda line, **_: lines.append(line)))
        return lines

    assert said(["docs/a.md::python[snippets/a.py]"], []) == [
        ("--update-examples: 1 check(s) failed, and nothing they check was rewritten: fix "
        "what they say, then refresh again")]
    assert said(["docs/a.md::python[snippets/a.py]"], ["a.json:0-3", "a.mjs:0-9"]) == [
        ("--update-examples: 1 check(s) failed, and nothing they check was rewritten (2 "
        "other example(s) were, in a.json, a.mjs: `git status` and `git diff` show them): fix "
        "what they say, then refresh again")]
    page = ("--update-examples: 1 check(s) failed, and nothing they check was rewritten ({} "
            "other example(s) were, in {}: `git status` and `git diff` show them). A page's "
            "build reads the outputs as they were before this run: check the page again, then "
            "fix what still fails and refresh again")
    assert said(["docs/a.md::page"], ["a.json:0-3", "a.json:0-3"]) == [
        page.format(1, "a.json")]
    # under xdist: what the workers rewrote, told by them; a page's id ends with its group
    assert said(["docs/a.md::page@docs/a.md"], [], rewritten=3) == [
        page.format(3, "b.py, c.sh")]


def test_a_run_whose_own_checks_fail_says_so_in_its_last_line():
    """A documented status nothing produced, or the tabs of one example disagreeing, fail
    the run with no test failed: the run's last line counts them ("1 failed run-wide"),
    where it would say only what passed."""
    from types import SimpleNamespace

    from .harness.coverage import Coverage
    from .harness.plugin import RUN_WIDE, DocsPlugin

    def last_line_counts(failed_coverage: bool, disagreeing: int) -> dict[str, list[object]]:
        plugin = DocsPlugin(SimpleNamespace(  # type: ignore[arg-type]
            getoption=lambda name, default=None: default))
        plugin._coverage = Coverage({"getVolume": [200, 404]})
        plugin.ran_examples = True
        plugin.coverage.add("example", "snippets/volumes/get.py", "getVolume", 200)
        plugin.failed_coverage = failed_coverage
        plugin.disagreeing = [("docs/volumes/get.md", line, "the tabs disagree")
                              for line in range(10, 10 + disagreeing)]
        stats: dict[str, list[object]] = {"passed": [object()] * 3}
        plugin.pytest_terminal_summary(SimpleNamespace(
            stats=stats, write_line=lambda line, **_: None, section=lambda title: None))
        return stats

    assert len(last_line_counts(True, 0)[RUN_WIDE]) == 1
    assert len(last_line_counts(True, 2)[RUN_WIDE]) == 3
    assert len(last_line_counts(False, 2)[RUN_WIDE]) == 2
    assert RUN_WIDE not in last_line_counts(False, 0)


def test_under_github_actions_a_status_nothing_produced_is_annotated_where_declared(
        monkeypatch):
    """The run's 100% rule failed: each documented status nothing produced is annotated
    at the line of src/cloudws/operations.py that declares it."""
    from types import SimpleNamespace

    from .harness.coverage import Coverage
    from .harness.plugin import DocsPlugin

    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    plugin = DocsPlugin(SimpleNamespace(  # type: ignore[arg-type]
        getoption=lambda name, default=None: default))
    plugin._coverage = Coverage({"getVolume": [200, 404]})
    plugin.ran_examples = plugin.failed_coverage = True
    plugin.coverage.add("example", "snippets/volumes/get.py", "getVolume", 200)
    lines: list[str] = []
    plugin.pytest_terminal_summary(SimpleNamespace(
        stats={}, write_line=lambda line, **_: lines.append(line), section=lambda title: None))
    (annotation,) = [line for line in lines if line.startswith("::error")]
    line = int(re.search(r",line=(\d+),", annotation)[1])  # type: ignore[index]
    assert annotation.startswith("::error file=src/cloudws/operations.py,") and \
        "getVolume documents 404" in annotation, annotation
    declared = (ROOT / "src/cloudws/operations.py").read_text().splitlines()
    assert re.search(r"\b404:", declared[line - 1]), annotation  # getVolume's own 404
    assert any('id="getVolume"' in text for text in declared[line - 12:line]), annotation
