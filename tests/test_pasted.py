"""Every example runs as a reader pastes it, against the sandbox over plain HTTP.

The reader's way: ``uv run cloudws serve``, the two ``export`` lines it prints, then a
block pasted into ``bash`` (curl) or ``python``. Each example runs verbatim that way
(see :mod:`tests.harness.pasted`) and must print what its page shows. The in-process and
TLS runs of ``test_examples.py`` and ``test_curl_examples.py`` check the same examples
against the real host name; this checks that nothing but the two variables is needed.
"""

from __future__ import annotations

import pytest

from .harness import discovery
from .harness.checks import rewritten_here
from .harness.curl import run_curl_case
from .harness.github import PLANTS_MISTAKES, REPEATS_A_CHECK
from .harness.pasted import run_pasted_python
from .helpers import POLLED, missing_volume

PYTHON = discovery.python_cases()
CURL = discovery.curl_cases()


# Under --update-examples, the verbatim runs (test_examples.py, test_curl_examples.py)
# rewrite the outputs shown; these then run without comparing them, and the next run
# compares what was rewritten (unless those runs are left out: see rewritten_here).


@REPEATS_A_CHECK
@pytest.mark.parametrize("case", [pytest.param(c, id=c.id) for c in PYTHON])
def test_python_example_as_pasted(case, request, reader_sandbox, docs_sandbox, api_schemas,
                                  python_forkserver):
    run_pasted_python(case, reader_sandbox, docs_sandbox, api_schemas, python_forkserver,
                      rewriting=rewritten_here(request, f"test_python_example[{case.id}]"))


@REPEATS_A_CHECK
@pytest.mark.parametrize("case", [pytest.param(c, id=c.id) for c in CURL])
def test_curl_example_as_pasted(case, request, reader_sandbox, docs_sandbox, api_schemas):
    rewriting = rewritten_here(request, f"test_curl_example[{case.id}]")
    run_curl_case(case, reader_sandbox, docs_sandbox, api_schemas,
                  updates=[] if rewriting else None)


@PLANTS_MISTAKES
def test_a_pasted_example_naming_another_host_fails_without_reaching_the_network(
        tmp_path, reader_sandbox, docs_sandbox, api_schemas, python_forkserver):
    """The pasted runs have a proxy where nothing listens for any host but loopback: the
    request goes there, refused, and never to a name server (which would say the name is
    not known: ``.invalid`` names nothing)."""
    from .harness.checks import ExampleError

    (tmp_path / "snippets").mkdir()
    (tmp_path / "snippets" / "other.py").write_text(
        'import httpx\n\nhttpx.get("https://cloudws.invalid/v1/volumes")\n')
    [case] = discovery.python_cases(tmp_path / "docs", tmp_path / "snippets")
    with pytest.raises(ExampleError) as failure:
        run_pasted_python(case, reader_sandbox, docs_sandbox, api_schemas, python_forkserver,
                          rewriting=False)
    message = str(failure.value)
    assert "Connection refused" in message and "not known" not in message, message


def _pasted_failure(tmp_path, source: str, server, sandbox, api_schemas,
                    python_forkserver) -> tuple[str, str]:
    """``source`` written as ``snippets/x.py`` and run pasted, which must fail: the case's
    id and the failure's message."""
    from .harness.checks import ExampleError

    (tmp_path / "snippets").mkdir()
    (tmp_path / "snippets" / "x.py").write_text(source)
    [case] = discovery.python_cases(tmp_path / "docs", tmp_path / "snippets")
    with pytest.raises(ExampleError) as failure:
        run_pasted_python(case, server, sandbox, api_schemas, python_forkserver,
                          rewriting=False)
    return case.id, str(failure.value)


def _scratch_failure(tmp_path, source: str, api_schemas, python_forkserver) -> tuple[str, str]:
    """:func:`_pasted_failure` against a sandbox of its own: the errors it gets are not
    the docs' coverage."""
    from .harness.pasted import PastedSandbox
    from .harness.sandbox import DocsSandbox

    scratch = DocsSandbox.create()
    with PastedSandbox(scratch.app, tmp_path / "home") as server:
        return _pasted_failure(tmp_path, source, server, scratch, api_schemas, python_forkserver)


@PLANTS_MISTAKES
def test_a_pasted_syntax_error_is_named_at_its_line_as_python_prints_it(
        tmp_path, reader_sandbox, docs_sandbox, api_schemas, python_forkserver):
    """Pasted, a line that does not parse: python's own error for it (none of the fork
    server's frames), named at that line."""
    case_id, message = _pasted_failure(
        tmp_path, 'import os\n\nimport httpx\n\nbase = os.environ["CLOUDWS_BASE_URL"]\n'
        "r = httpx.get(base + '/volumes'\nprint(r.status_code)\n",
        reader_sandbox, docs_sandbox, api_schemas, python_forkserver)
    assert message.startswith(f"{case_id}:6: {PASTED}, the example fails there:\n"), message
    assert '  File "<stdin>", line 6\n' in message, message
    assert "SyntaxError: '(' was never closed" in message, message
    assert 'File "<string>"' not in message, message


@PLANTS_MISTAKES
def test_a_pasted_request_sent_with_no_token_is_named(tmp_path, api_schemas,
                                                     python_forkserver):
    """Pasted, a request whose headers were dropped gets a documented 401: the drift names
    it as the cause."""
    case_id, message = _scratch_failure(
        tmp_path, "import os\n\nimport httpx\n\n"
        'base = os.environ["CLOUDWS_BASE_URL"]\n'
        'token = os.environ["CLOUDWS_TOKEN"]\n'
        'print(httpx.get(f"{base}/volumes/vol-scratch01").status_code)\n#> 200\n',
        api_schemas, python_forkserver)
    lines = message.splitlines()
    assert lines[0].startswith(f"{case_id}:8: pasted into a python session against the sandbox"), lines
    assert lines[-1] == ("(GET /v1/volumes/vol-scratch01, sent with no Authorization header, "
                         'was answered 401: send "Authorization: Bearer " and the token from '
                         "CLOUDWS_TOKEN)"), lines


@PLANTS_MISTAKES
def test_a_new_pasted_example_names_the_request_answered_with_an_error(tmp_path, api_schemas,
                                                                      python_forkserver):
    """Pasted, a new example (no #> line yet) whose request got an error, a wrong ID say:
    the failure names that request, which a refresh would not write in."""
    _, message = _scratch_failure(
        tmp_path, "import os\n\nimport httpx\n\n"
        'base = os.environ["CLOUDWS_BASE_URL"]\n'
        'auth = {"Authorization": f"Bearer {os.environ[\'CLOUDWS_TOKEN\']}"}\n'
        'print(httpx.get(f"{base}/volumes/vol-nope12345", headers=auth).status_code)\n',
        api_schemas, python_forkserver)
    assert message.endswith("printed: ['404']\n(GET /v1/volumes/vol-nope12345 answered "
                            f"{missing_volume('vol-nope12345')})"), (
        message)


@PLANTS_MISTAKES
def test_a_pasted_example_that_fails_names_its_line_and_a_request_to_no_operation(
        tmp_path, reader_sandbox, docs_sandbox, api_schemas, python_forkserver):
    """Pasted, a drifted path fails where its answer is read: the message names that
    line, shows python's own traceback, and names the request no operation answered."""
    case_id, message = _pasted_failure(
        tmp_path, "import os\n\nimport httpx\n\n"
        'base = os.environ["CLOUDWS_BASE_URL"]\n'
        'auth = {"Authorization": f"Bearer {os.environ[\'CLOUDWS_TOKEN\']}"}\n'
        'r = httpx.delete(f"{base}/workstation/ws-12345", headers=auth)\n'
        'print(r.json()["deleted_volume_ids"])\n',
        reader_sandbox, docs_sandbox, api_schemas, python_forkserver)
    lines = message.splitlines()
    assert lines[0] == f"{case_id}:8: {PASTED}, the example fails there:", lines
    assert lines[1:3] == ["Traceback (most recent call last):",
                          '  File "<stdin>", line 8, in <module>'], lines
    assert lines[-1] == ("(DELETE /v1/workstation/ws-12345 answered 404: no operation takes "
                         "that method and path)"), lines


#: How a failure of a pasted Python example begins, after its place.
PASTED = ("pasted into a python session line by line (as the quickstart has readers paste "
          "its blocks) with only CLOUDWS_BASE_URL and CLOUDWS_TOKEN set")


@PLANTS_MISTAKES
def test_a_block_not_ended_by_a_blank_line_fails_pasted_as_a_session_reads_it(
        tmp_path, reader_sandbox, docs_sandbox, api_schemas, python_forkserver):
    """Pasted at the interactive prompt, a block (``if``, ``for``) ends only at a blank
    line: a statement right after one does not parse there, though ``python -`` runs it.
    The failure names that line, with the session's error and what to do; the blank line
    fixes it."""
    source = "for n in (1, 2):\n    print(n)\n    #> 1\n    #> 2\nprint('done')\n#> done\n"
    case_id, message = _pasted_failure(tmp_path, source, reader_sandbox, docs_sandbox,
                                       api_schemas, python_forkserver)
    lines = message.splitlines()
    assert lines[0] == f"{case_id}:5: {PASTED}, the example fails there:", lines
    assert lines[-2:] == ["SyntaxError: invalid syntax", (
        "(in a session, a block such as an `if`, `for` or `with` ends only at a blank line: "
        "put one after it, before this line)")], lines
    (tmp_path / "snippets" / "x.py").write_text(source.replace("\nprint('done')",
                                                               "\n\nprint('done')"))
    [case] = discovery.python_cases(tmp_path / "docs", tmp_path / "snippets")
    run_pasted_python(case, reader_sandbox, docs_sandbox, api_schemas, python_forkserver)


@PLANTS_MISTAKES
def test_a_value_a_line_leaves_is_echoed_pasted_and_named(
        tmp_path, reader_sandbox, docs_sandbox, api_schemas, python_forkserver):
    """Pasted at the interactive prompt, the value an expression statement leaves (a
    ``raise_for_status()``, which returns the response) is echoed among what the example
    prints: named at its line, with how to keep it quiet."""
    case_id, message = _pasted_failure(
        tmp_path, "import os\n\nimport httpx\n\nbase = os.environ['CLOUDWS_BASE_URL']\n"
        "auth = {'Authorization': f\"Bearer {os.environ['CLOUDWS_TOKEN']}\"}\n"
        "httpx.get(f'{base}/volumes', headers=auth).raise_for_status()\nprint(1)\n#> 1\n",
        reader_sandbox, docs_sandbox, api_schemas, python_forkserver)
    assert message == (f"{case_id}:7: {PASTED}, the session echoes <Response [200 OK]>, the "
                       "value this line leaves, among what the example prints: give it a name "
                       "(`r = ...`), as the other lines do"), message


@PLANTS_MISTAKES
def test_a_pasted_example_names_every_line_whose_output_differs(
        tmp_path, reader_sandbox, docs_sandbox, api_schemas, python_forkserver):
    """The first (where the failure is placed), and the others after it: on a page whose
    blocks continue each other, a later one is what fixing the first alone would meet."""
    case_id, message = _pasted_failure(
        tmp_path, "print(1)\n#> 2\nprint(3)\n#> 3\nprint(5)\n#> 4\n",
        reader_sandbox, docs_sandbox, api_schemas, python_forkserver)
    assert message.startswith(f"{case_id}:2: pasted into a python session against the sandbox, the "
                              f"example prints what its #> lines do not say (there, and at "
                              f"{case_id}:6):"), message


@PLANTS_MISTAKES
def test_a_pasted_example_still_running_is_ended_naming_its_last_request(
        tmp_path, api_schemas, python_forkserver, monkeypatch):
    """A loop waiting for a state that never comes, pasted: its process is ended once it
    has run too long (here two seconds: on a busy machine, half a second was not always
    enough for its first request), and the failure says so with the request it kept
    sending; the next example runs as before. (It waits a little between its requests, as
    a reader's loop would: a loop that never waits spends the two seconds of a core.)"""
    from .harness import checks

    monkeypatch.setattr(checks, "EXAMPLE_SECONDS", 2)
    case_id, message = _scratch_failure(
        tmp_path, 'import os\nimport time\n\nimport httpx\n\nurl = os.environ["CLOUDWS_BASE_URL"] + '
        '"/volumes/vol-scratch01"\nheaders = {"Authorization": "Bearer " + '
        'os.environ["CLOUDWS_TOKEN"]}\nwhile httpx.get(url, headers=headers).json()'
        '["size_gb"] != 1:\n    time.sleep(0.05)\n', api_schemas, python_forkserver)
    first, last, why = message.split("\n")
    assert why == POLLED, why
    assert first == (f"{case_id}:1: {PASTED}, the example had not ended after 2 s, and was "
                     "stopped"), first
    assert last == "(its last request: GET /v1/volumes/vol-scratch01, answered 200)", last
    done = python_forkserver.run("print(1)", {}, tmp_path)
    assert (done.returncode, done.stdout) == (0, "1\n")


def test_what_the_quickstart_says_a_reader_meets_when_something_goes_wrong(
        reader_sandbox, node):
    """Its "If something goes wrong" section, held to what the tools print: JavaScript
    sends an unset token as `Bearer undefined`, which the sandbox calls no sandbox token;
    an example that reaches no sandbox fails in node, Python and curl as it says."""
    import socket
    import subprocess
    import sys
    import textwrap
    from pathlib import Path

    page = (Path(__file__).resolve().parents[1] / "docs" / "quickstart.md").read_text()
    said = " ".join(page.split("## If something goes wrong", 1)[1].split("\n## ")[0].split())
    env = reader_sandbox.env()
    unset = {name: value for name, value in env.items() if name != "CLOUDWS_TOKEN"}
    sent = subprocess.run(
        [str(node), "--input-type=module"], env=unset, capture_output=True, text=True,
        timeout=60, check=False,
        input="const r = await fetch(`${process.env.CLOUDWS_BASE_URL}/workstations`, "
              "{ headers: { Authorization: `Bearer ${process.env.CLOUDWS_TOKEN}` } });\n"
              "console.log(r.status, (await r.json()).detail);\n")
    assert sent.stdout.startswith("401 ") and "not a sandbox token" in sent.stdout, sent
    assert "JavaScript sends an unset one as `Bearer undefined`, which it calls not a " \
           "sandbox token" in said, said
    # the quickstart's own client, in Python, with the token unset
    client = page.split("```python\n", 1)[1].split("```", 1)[0]
    stopped = subprocess.run([sys.executable, "-c", textwrap.dedent(client)], env=unset,
                             capture_output=True, text=True, timeout=60, check=False)
    assert "KeyError: 'CLOUDWS_TOKEN'" in stopped.stderr, stopped
    assert "Python's client stops before it sends anything, with `KeyError: " \
           "'CLOUDWS_TOKEN'`" in said, said
    with socket.socket() as free:  # a port where nothing listens
        free.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{free.getsockname()[1]}/v1/workstations"
    tried = {
        "`TypeError: fetch failed` in `node`": [str(node), "--input-type=module"],
        "`httpx.ConnectError` in Python": [sys.executable, "-c",
                                           f"import httpx; httpx.get({url!r})"],
        "`Failed to connect`": ["curl", "-sS", url],
    }
    for words, command in tried.items():
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60,
                              check=False, input=f"await fetch({url!r});\n")
        assert done.returncode != 0 and words.split("`")[1] in done.stderr, (words, done)
        assert words in said, (words, said)
