"""The JavaScript side of the example harness (``tests/harness/node.py``), on pages and
snippets written to a temporary folder: a drift fails naming the file and line, with a
diff; ``--update-examples`` rewrites the ``//>`` lines; printed JSON meets its schema."""

from __future__ import annotations

import re
import shlex
import textwrap
import time
from pathlib import Path

import pytest

from .harness import checks
from .harness import node as node_harness
from .harness.checks import ExampleError
from .harness.github import PLANTS_MISTAKES
from .harness.node import JsCase, check_js_examples, js_cases, node_binary, run_js_case
from .harness.pasted import PastedSandbox
from .harness.sandbox import DocsSandbox
from .helpers import POLLED, missing_volume

pytestmark = PLANTS_MISTAKES  # every test here checks what is said of mistakes it plants

HEAD = """\
const BASE_URL =
  process.env.CLOUDWS_BASE_URL ?? "https://api.cloudworkstation.example.com/v1";
const headers = { Authorization: `Bearer ${process.env.CLOUDWS_TOKEN}` };
"""
GET = HEAD + """
const r = await fetch(`${BASE_URL}/volumes/vol-scratch01`, { headers });
const volume = await r.json();
console.log(r.status, volume.size_gb);
//> 200 500
console.log(JSON.stringify(volume, null, 2));
//> {
//>   "id": "vol-scratch01",
//>   "size_gb": 500,
//>   "standalone": true,
//>   "attached_to": null,
//>   "created_at": "2026-01-07T08:15:00Z"
//> }
"""


@pytest.fixture(scope="module")
def node() -> Path:
    return node_binary()


@pytest.fixture(scope="module")
def scratch():
    """A sandbox of its own: what these tests run is not counted as docs coverage."""
    return DocsSandbox.create()


@pytest.fixture(scope="module")
def server(scratch, tmp_path_factory):
    with PastedSandbox(scratch.app, tmp_path_factory.mktemp("scratch-node")) as served:
        yield served


def cases(tmp_path: Path, files: dict[str, str]) -> list[JsCase]:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(textwrap.dedent(text) if name.endswith(".md") else text)
    return js_cases(tmp_path / "docs", tmp_path / "snippets")


def run(case: JsCase, node, server, scratch, api_schemas, **kwargs) -> None:
    run_js_case(case, node, server, scratch, api_schemas, **kwargs)


def test_a_snippet_that_prints_what_it_shows_passes(tmp_path, node, server, scratch,
                                                   api_schemas):
    [case] = cases(tmp_path, {"snippets/get.mjs": GET})
    assert case.id.endswith("snippets/get.mjs") and case.file is not None
    run(case, node, server, scratch, api_schemas)


def test_drifted_output_names_the_line_with_a_diff(tmp_path, node, server, scratch,
                                                  api_schemas):
    [case] = cases(tmp_path, {"snippets/get.mjs": GET.replace("//> 200 500", "//> 200 250")})
    with pytest.raises(ExampleError) as failure:
        run(case, node, server, scratch, api_schemas)
    message = failure.value.msg
    assert message.startswith(f"{tmp_path}/snippets/get.mjs:8: what the example prints is "
                              "not what its //> lines say"), message
    assert "-//> 200 250\n+//> 200 500" in message
    assert "uv run pytest --update-examples" in message


def test_update_rewrites_the_output_lines_under_their_console_log(tmp_path, node, server,
                                                                 scratch, api_schemas):
    stale = "\n".join(line for line in GET.split("\n") if not line.startswith("//>"))
    stale = stale.replace("console.log(r.status, volume.size_gb);",
                          "console.log(r.status, volume.size_gb);\n//> 1")
    [case] = cases(tmp_path, {"snippets/get.mjs": stale})
    updates: list = []
    run(case, node, server, scratch, api_schemas, updates=updates)
    [update] = updates
    assert update.source == GET


def test_a_refresh_writes_nothing_of_an_example_whose_printed_json_is_invalid(
        tmp_path, node, server, scratch, api_schemas):
    """The drift would be rewritten, but what it prints is no valid response: the check
    fails, and nothing is queued."""
    [case] = cases(tmp_path, {"snippets/get.mjs": GET.replace(
        "console.log(JSON.stringify(volume, null, 2));",
        'console.log(JSON.stringify({ ...volume, standalone: "yes" }, null, 2));')})
    updates: list = []
    with pytest.raises(ExampleError, match="the JSON the example prints is not valid"):
        run(case, node, server, scratch, api_schemas, updates=updates)
    assert updates == []


def test_undefined_printed_is_refused_and_never_written_as_output(tmp_path, node, server,
                                                                 scratch, api_schemas):
    """A field the answer does not have prints ``undefined``. It is not a drift to
    refresh: it fails, at the line of the ``console.log`` that printed it, and
    --update-examples queues nothing. A missing ``await`` prints it for every field: named
    at the line that read the body without it, where the ``await`` goes."""
    [case] = cases(tmp_path, {"snippets/get.mjs": GET.replace("volume.size_gb);",
                                                             "volume.label);")})
    for updates in (None, []):
        with pytest.raises(ExampleError) as failure:
            run(case, node, server, scratch, api_schemas, updates=updates)
        assert failure.value.msg.startswith(
            f"{tmp_path}/snippets/get.mjs:7: the example prints '200 undefined': `undefined` "
            "or a Promise is a value it did not get (a missing `await`"), failure.value.msg
        assert not updates
    # a field of the API's in another case, or a letter off: named, with the field meant
    for misspelt in ("sizeGb", "size_gib"):
        [case] = cases(tmp_path / misspelt, {"snippets/get.mjs": GET.replace(
            "volume.size_gb);", f"volume.{misspelt});")})
        with pytest.raises(ExampleError) as failure:
            run(case, node, server, scratch, api_schemas, updates=[])
        assert failure.value.msg.startswith(
            f"{tmp_path}/{misspelt}/snippets/get.mjs:7: the example prints '200 undefined': "
            f"`.{misspelt}` is no field of the API's answers; did you mean `.size_gb`?"
        ), failure.value.msg
    [case] = cases(tmp_path / "read", {"snippets/get.mjs": GET.replace("await r.json()",
                                                                       "r.json()")})
    with pytest.raises(ExampleError) as failure:
        run(case, node, server, scratch, api_schemas, updates=[])
    where = f"{tmp_path}/read/snippets/get.mjs"
    assert failure.value.msg.startswith(
        f"{where}:6: `const volume = r.json();` reads the body without `await`, so what it "
        f"assigns is a Promise, and {where}:7 prints '200 undefined': write `await` before "
        "the read"), failure.value.msg


def test_undefined_printed_after_a_drift_is_told_after_it(tmp_path, node, server, scratch,
                                                          api_schemas):
    """A step gone otherwise (here the volume's size, drifted) and, later, a value the
    example did not get: the drift is where to look first, then the ``undefined``."""
    source = GET.replace("//> 200 500", "//> 200 250").replace(
        "console.log(JSON.stringify(volume, null, 2));", "console.log(volume.name);\n"
        "console.log(JSON.stringify(volume, null, 2));").replace(
        "//> {", "//> my-volume\n//> {")
    [case] = cases(tmp_path, {"snippets/get.mjs": source})
    for updates in (None, []):
        with pytest.raises(ExampleError) as failure:
            run(case, node, server, scratch, api_schemas, updates=updates)
        message = failure.value.msg
        assert message.startswith(f"{tmp_path}/snippets/get.mjs:8: what the example prints "
                                  "is not what its //> lines say"), message
        assert "-//> 200 250\n+//> 200 500" in message, message
        assert f"\nThen, at {tmp_path}/snippets/get.mjs:9, the example prints 'undefined'" \
            in message, message
        assert "Refresh" not in message and not updates


def test_a_default_base_url_other_than_the_apis_is_named_at_its_line(tmp_path, node, server,
                                                                    scratch, api_schemas):
    """node is given CLOUDWS_BASE_URL, so the example's default URL, what a reader without
    it calls, is read from the source: another version of the API than its base URL is
    named at its line before the run."""
    for wrong in ("example.com/v2", "example.com/v1/"):  # (a slash after it: /v1//volumes)
        [case] = cases(tmp_path, {"snippets/get.mjs": GET.replace("example.com/v1", wrong)})
        with pytest.raises(ExampleError, match=re.escape(
                f"snippets/get.mjs:2: the example calls https://api.cloudworkstation.{wrong}; "
                "JavaScript examples call the API at "
                "https://api.cloudworkstation.example.com/v1/...")):
            run(case, node, server, scratch, api_schemas)
    # named in a comment, the base URL is no call
    for comment in ("// Without CLOUDWS_BASE_URL: https://api.cloudworkstation.example.com/v1.",
                    "// Calls https://api.cloudworkstation.example.com/v1/... unless set.",
                    "/* fetch:\n   https://developer.mozilla.org/docs/Web/API/fetch */",
                    "const see = 1; // https://developer.mozilla.org/docs/Web/API/fetch",
                    "const see = 1;// https://mdn.io/json",
                    'const plain = String("a").replace(/"/g, ""); // https://mdn.io/json'):
        [case] = cases(tmp_path, {"snippets/get.mjs": comment + "\n" + GET})
        run(case, node, server, scratch, api_schemas)
    # ...but a URL in a string is one, after a regex that reads like a comment's start too
    trimmed = GET.replace('process.env.CLOUDWS_BASE_URL ?? "https://api.cloudworkstation.example.com/v1"',
                          'trim(process.env.CLOUDWS_BASE_URL ?? "https://api.cloudworkstation.example.org/v1")')
    [case] = cases(tmp_path, {"snippets/get.mjs": 'const trim = (url) => url.replace(/\\/*$/, "");\n'
                              + trimmed})
    with pytest.raises(ExampleError, match=re.escape(
            "snippets/get.mjs:3: the example calls https://api.cloudworkstation.example.org/v1;")):
        run(case, node, server, scratch, api_schemas)


def test_a_page_block_runs_on_stdin_and_names_page_lines(tmp_path, node, server, scratch,
                                                        api_schemas):
    body = textwrap.indent(GET.replace('"size_gb": 500', '"size_gb": 5'), "    ")
    [case] = cases(tmp_path, {"docs/page.md": "# Page\n\n=== \"JavaScript\"\n\n    ```js\n"
                              + body + "    ```\n"})
    assert case.file is None and case.id.endswith("docs/page.md:5")
    with pytest.raises(ExampleError) as failure:
        run(case, node, server, scratch, api_schemas)
    # The block's first line is page line 6; the drifted line is its 12th.
    assert failure.value.msg.startswith(f"{tmp_path}/docs/page.md:17: what the example "
                                        "prints"), failure.value.msg
    assert "@@ -" in failure.value.msg and '+    //>   "size_gb": 500,' not in \
        failure.value.msg  # the diff shows the block's lines, not re-indented


def test_a_request_to_no_operation_names_the_fetch_line(tmp_path, node, server, scratch,
                                                       api_schemas):
    drifted = GET.replace("/volumes/vol-scratch01", "/volume/vol-scratch01")
    [case] = cases(tmp_path, {"snippets/get.mjs": drifted})
    with pytest.raises(ExampleError) as failure:
        run(case, node, server, scratch, api_schemas)
    assert failure.value.msg.startswith(
        f"{tmp_path}/snippets/get.mjs:5: GET /v1/volume/vol-scratch01 is not an operation "
        "of the API (it answered 404)"), failure.value.msg
    # What it then printed is shown, with the fix: the request, not the //> lines.
    assert "fix the request, not the comments" in failure.value.msg
    assert "--update-examples" not in failure.value.msg


def test_a_request_sent_with_no_token_is_named_and_no_refresh_advised(tmp_path, node, server,
                                                                     scratch, api_schemas):
    """A ``fetch`` whose headers were dropped gets a documented 401: what it printed drifts,
    and the failure names that request's line as the cause instead of advising a refresh
    that would write the 401 in."""
    dropped = HEAD + """
const r = await fetch(`${BASE_URL}/volumes/vol-scratch01`);
console.log(r.status);
//> 200
"""
    note = (f"(GET /v1/volumes/vol-scratch01, sent at {tmp_path}/snippets/get.mjs:5 with no "
            "Authorization header, was answered 401: send \"Authorization: Bearer \" and the "
            "token from CLOUDWS_TOKEN)")
    [case] = cases(tmp_path, {"snippets/get.mjs": dropped})
    for updates in (None, []):  # and --update-examples writes nothing in, saying so first
        with pytest.raises(ExampleError) as failure:
            run(case, node, server, scratch, api_schemas, updates=updates)
        message = failure.value.msg
        if updates is not None:
            refused, _, message = message.partition("\n")
            assert refused == (f"{tmp_path}/snippets/get.mjs:5: --update-examples writes "
                               "nothing in for this example: a request got an error it does "
                               "not show"), refused
        assert message.startswith(f"{tmp_path}/snippets/get.mjs:7: what the example prints"), \
            message
        assert message.endswith(f"{note}\nFix the request (or a step before it), not the "
                                "//> lines: --update-examples writes in no error the example "
                                "does not show (to show one on purpose, write its //> line "
                                "first; if it is that //> line you changed, and the request "
                                "is right, put the line back as it was)."), message
        assert "Refresh" not in message and "uv run pytest" not in message
        assert not updates
    # Printing a field of the 401's body instead: `undefined`, and the same cause named.
    [case] = cases(tmp_path, {"snippets/get.mjs": dropped.replace("r.status", "(await r.json())"
                                                                  ".size_gb")})
    with pytest.raises(ExampleError, match=r"the example prints 'undefined'") as failure:
        run(case, node, server, scratch, api_schemas)
    assert failure.value.msg.endswith(note), failure.value.msg
    # An example that shows its 401 (the authentication page's) sends no token on purpose:
    # its drift is an output to refresh.
    [case] = cases(tmp_path, {"snippets/get.mjs": dropped.replace("//> 200", "//> 401 no")
                              .replace("r.status", "r.status, (await r.json()).code")})
    with pytest.raises(ExampleError) as failure:
        run(case, node, server, scratch, api_schemas)
    assert "+//> 401 unauthorized" in failure.value.msg, failure.value.msg
    assert "Authorization header" not in failure.value.msg, failure.value.msg
    assert "--update-examples" in failure.value.msg, failure.value.msg


def test_a_new_example_is_filled_in_but_never_with_an_error(tmp_path, node, server, scratch,
                                                           api_schemas):
    """A new example (no //> line yet) whose request got an error, a wrong ID say: the
    check names that request and advises no refresh, and --update-examples writes nothing
    in. Written first, the status is shown on purpose, and the rest is filled in."""
    new = HEAD + """
const r = await fetch(`${BASE_URL}/volumes/vol-nope12345`, { headers });
console.log(r.status, (await r.json()).code);
"""
    [case] = cases(tmp_path, {"snippets/get.mjs": new})
    for updates in (None, []):
        with pytest.raises(ExampleError) as failure:
            run(case, node, server, scratch, api_schemas, updates=updates)
        message = failure.value.msg
        if updates is not None:  # said first, as in every language
            refused, _, message = message.partition("\n")
            assert refused == (f"{tmp_path}/snippets/get.mjs:5: --update-examples writes "
                               "nothing in for this example: a request got an error it does "
                               "not show"), refused
        assert message.startswith(f"{tmp_path}/snippets/get.mjs:6: the example has no //> "
                                  "lines yet for what it prints (+ printed;"), message
        assert (f"(GET /v1/volumes/vol-nope12345, sent at {tmp_path}/snippets/get.mjs:5, "
                f"answered {missing_volume('vol-nope12345')})\nFix the request (or a step "
                "before it), not the //> lines"
                ) in message, message
        assert "Refresh" not in message, message
        assert not updates
    [case] = cases(tmp_path, {"snippets/get.mjs": new + "//> 404\n"})
    updates: list = []
    run(case, node, server, scratch, api_schemas, updates=updates)
    [filled] = updates
    assert filled.source.endswith("console.log(r.status, (await r.json()).code);\n"
                                  "//> 404 not_found\n"), filled.source


def _marked(source: str) -> dict[str, int]:
    """The line of each ``// <name>`` mark in ``source``."""
    return {mark: number for number, line in enumerate(source.splitlines(), 1)
            for mark in re.findall(r"// <(\w+)>", line)}


def test_a_request_a_helper_function_sends_is_named_at_the_call_that_made_it(
        tmp_path, node, server, scratch, api_schemas):
    """Not at the helper's one ``fetch`` line, the same for every call (after an ``await``
    too), nor in a method, nor in a callback inside a helper: at the example's statement
    that called it, the line to fix. Inside a function called once (a ``main()``, whatever
    a comment says), a request is named where it is."""
    source = HEAD + """
const get = async (path) => {
  await null;
  return fetch(`${BASE_URL}${path}`, { headers });
};
class Client {
  async volume(id) {
    return (await get(`/volumes/${id}`)).status;
  }
}
const find = (path) => fetch(`${BASE_URL}${path}`, { headers });
const show = async (ids) => Promise.all(ids.map((id) => find(`/volumes/${id}`)));
// main() is called once
async function main() {
  console.log((await get("/volumes/vol-scratch01")).status);
  console.log((await get("/volumes/vol-nope12345")).status); // <get>
  console.log(await new Client().volume("vol-nope23456")); // <method>
  console.log((await show(["vol-scratch01"])).length);
  console.log((await show(["vol-nope34567"])).length); // <callback>
  const r = await fetch(`${BASE_URL}/volumes/vol-nope67890`, { headers }); // <main>
  console.log(r.status);
}
await main();
"""
    [case] = cases(tmp_path, {"snippets/get.mjs": source})
    with pytest.raises(ExampleError) as failure:
        run(case, node, server, scratch, api_schemas)
    at = {mark: f"{tmp_path}/snippets/get.mjs:{line}" for mark, line in _marked(source).items()}
    assert "\n".join(f"(GET /v1/volumes/{volume}, sent at {at[mark]}, answered "
                     f"{missing_volume(volume)})"
                     for volume, mark in [("vol-nope12345", "get"), ("vol-nope23456", "method"),
                                          ("vol-nope34567", "callback"),
                                          ("vol-nope67890", "main")]) in failure.value.msg, (
        failure.value.msg)


def test_an_error_a_helper_function_throws_is_named_at_the_call_that_made_it(
        tmp_path, node, server, scratch, api_schemas):
    """A helper that throws on an error answer (``if (!r.ok) throw``), called from two
    places: the failure is named at the call whose request failed, and so is that
    request. A mistake in the helper itself, with no error answer it does not show, is
    named in it."""
    helper = HEAD + """
const call = async (path) => {
  const r = await fetch(`${BASE_URL}${path}`, { headers });
  if (!r.ok) throw new Error(`${r.status} ${(await r.json()).code}`);
  return r.json();
};
console.log((await call("/volumes/vol-scratch01")).size_gb);
//> 500
console.log((await call("/volumes/VOLUME)).size_gb); // <call>
//> 500
"""
    [case] = cases(tmp_path, {"snippets/get.mjs": helper.replace("VOLUME", "vol-nope12345\"")})
    with pytest.raises(ExampleError) as failure:
        run(case, node, server, scratch, api_schemas)
    message, line = failure.value.msg, _marked(helper)["call"]
    assert message.startswith(f"{tmp_path}/snippets/get.mjs:{line}: run as pasted (node "), (
        message)
    assert "Error: 404 not_found" in message, message
    assert message.endswith(f"\n(GET /v1/volumes/vol-nope12345, sent at {tmp_path}/snippets/"
                            f"get.mjs:{line}, answered {missing_volume('vol-nope12345')})"
                            ), message
    broken = helper.replace("VOLUME", "vol-scratch01\"").replace("return r.json();",
                                                                  "return r.json(nope); // <bug>")
    # a mistake in the helper, on a page that shows an error on purpose (409) too: in it
    shows = HEAD + """
const send = async (method, path) => {
  const r = await fetch(`${BASE_URL}${path}`, { method, headers });
  console.log(r.status);
  if (r.ok) return (await r.json()).deleted_volumes.length; // <bug>
};
await send("DELETE", "/workstations/ws-67890");
//> 409
await send("POST", "/workstations/ws-67890/stop");
//> 200
"""
    for source in (broken, shows):
        [case] = cases(tmp_path, {"snippets/get.mjs": source})
        with pytest.raises(ExampleError) as failure:
            run(case, node, server, scratch, api_schemas)
        assert failure.value.msg.startswith(
            f"{tmp_path}/snippets/get.mjs:{_marked(source)['bug']}: run as pasted (node "), (
            failure.value.msg)


def test_a_request_is_named_at_its_line_only_when_a_second_run_sends_the_same(
        tmp_path, node, server, scratch, api_schemas, monkeypatch):
    """The lines come from a second, traced run: an example that sends other requests
    then, or whose failed run took longer than a few seconds, is told without them."""
    source = HEAD + """
const id = process.env.CLOUDWS_DOCS_TRACE ? "vol-scratch01" : "vol-nope12345";
const r = await fetch(`${BASE_URL}/volumes/${id}`, { headers });
if (!r.ok) throw new Error(`answered ${r.status}`);
"""
    [case] = cases(tmp_path, {"snippets/get.mjs": source})
    with pytest.raises(ExampleError) as failure:
        run(case, node, server, scratch, api_schemas)
    assert failure.value.msg.endswith(
        f"\n(GET /v1/volumes/vol-nope12345 answered {missing_volume('vol-nope12345')})"), (
        failure.value.msg)
    [case] = cases(tmp_path, {"snippets/get.mjs": source.replace(
        "process.env.CLOUDWS_DOCS_TRACE", "false")})
    monkeypatch.setattr("tests.harness.node._RETRACE_SECONDS", 0)
    with pytest.raises(ExampleError) as failure:
        run(case, node, server, scratch, api_schemas)
    assert failure.value.msg.endswith(
        f"\n(GET /v1/volumes/vol-nope12345 answered {missing_volume('vol-nope12345')})"), (
        failure.value.msg)


def test_printed_json_must_match_the_schema_of_a_response(tmp_path, node, server, scratch,
                                                         api_schemas):
    source = HEAD + """
const r = await fetch(`${BASE_URL}/volumes/vol-scratch01`, { headers });
const volume = await r.json();
console.log(JSON.stringify({ ...volume, size_gb: "500" }));
//> {"id":"vol-scratch01","size_gb":"500","standalone":true,"attached_to":null,"created_at":"2026-01-07T08:15:00Z"}
"""
    [case] = cases(tmp_path, {"snippets/get.mjs": source})
    with pytest.raises(ExampleError) as failure:
        run(case, node, server, scratch, api_schemas)
    assert failure.value.msg.startswith(
        f"{tmp_path}/snippets/get.mjs:8: the JSON the example prints is not valid"), \
        failure.value.msg
    assert "'500' is not of type 'integer'" in failure.value.msg


@pytest.mark.parametrize("folder", ["", "My Docs", "Docs (copy)"],
                         ids=["plain", "a-folder-with-a-space", "a-folder-with-brackets"])
def test_an_example_that_throws_names_its_line(tmp_path, node, server, scratch, api_schemas,
                                               folder):
    """At its line, in a clone whose path has a space or brackets too: node writes the
    file's URL in its stack percent-encoded (``My%20Docs``), its brackets as they are."""
    tree = tmp_path / folder
    source = GET.replace("volume.size_gb);", "volume.size.gb);")
    [case] = cases(tree, {"snippets/get.mjs": source})
    with pytest.raises(ExampleError) as failure:
        run(case, node, server, scratch, api_schemas)
    assert failure.value.msg.startswith(f"{tree}/snippets/get.mjs:7: run as pasted"), \
        failure.value.msg
    assert "TypeError" in failure.value.msg


def test_an_export_misspelt_is_said_as_node_check_says_it_before_the_run(
        tmp_path, node, server, scratch, api_schemas):
    """Not the 401 and the drift that follow from it, at other lines: one mistake, one
    place, one annotation."""
    [case] = cases(tmp_path, {"snippets/get.mjs": GET.replace("CLOUDWS_TOKEN", "CLOUDWS_TOKN")})
    with pytest.raises(ExampleError) as failure:
        run(case, node, server, scratch, api_schemas)
    assert failure.value.msg in check_js_examples([case], node), failure.value.msg
    assert failure.value.msg.startswith(f"{tmp_path}/snippets/get.mjs:3: the example reads "
                                        "CLOUDWS_TOKN"), failure.value.msg


def test_a_body_read_without_await_is_named_at_its_line(tmp_path, node, server, scratch,
                                                        api_schemas):
    """What ``r.json()`` holds without ``await`` is a Promise: the line that uses it fails,
    and the line that read it is named, with what is missing; not for a body awaited."""
    source = GET.replace("const volume = await r.json();", "const volume = r.json();").replace(
        "volume.size_gb);", "volume.size.gb);")
    [case] = cases(tmp_path, {"snippets/get.mjs": source})
    with pytest.raises(ExampleError) as failure:
        run(case, node, server, scratch, api_schemas)
    assert failure.value.msg.startswith(f"{tmp_path}/snippets/get.mjs:7: run as pasted"), \
        failure.value.msg
    assert (f"({tmp_path}/snippets/get.mjs:6 reads r.json() without `await`: it holds a "
            "Promise, not the body)") in failure.value.msg, failure.value.msg
    # the idiom (await fetch(...)).json(), without the await before it
    idiom = GET.replace("const r = await fetch(`${BASE_URL}/volumes/vol-scratch01`, { headers });\n"
                        "const volume = await r.json();",
                        "const volume = (await fetch(`${BASE_URL}/volumes/vol-scratch01`, "
                        "{ headers })).json();").replace("r.status, volume.size_gb);",
                                                         "volume.size.gb);")
    [case] = cases(tmp_path / "idiom", {"snippets/get.mjs": idiom})
    with pytest.raises(ExampleError) as failure:
        run(case, node, server, scratch, api_schemas)
    assert (f"({tmp_path}/idiom/snippets/get.mjs:5 reads (await fetch(`${{BASE_URL}}/volumes/"
            "vol-scratch01`, { headers })).json() without `await`") in failure.value.msg, \
        failure.value.msg
    awaited = GET.replace("volume.size_gb);", "volume.size.gb);")
    # and the idiom awaited, in a line of its own: no body read without one
    awaited += ("console.log((await (await fetch(`${BASE_URL}/volumes/vol-scratch01`, "
                "{ headers })).json()).id);\n//> vol-scratch01\n")
    [case] = cases(tmp_path / "awaited", {"snippets/get.mjs": awaited})
    with pytest.raises(ExampleError) as failure:
        run(case, node, server, scratch, api_schemas)
    assert "without `await`" not in failure.value.msg, failure.value.msg


def test_a_fetch_without_await_is_named_at_its_line(tmp_path, node, server, scratch,
                                                    api_schemas):
    """node's error is where the body is read, from a Promise; the failure is named where
    the ``await`` is missing, and says both."""
    source = GET.replace("const r = await fetch(", "const r = fetch(")
    sent = source.split("\n").index("const r = fetch(`${BASE_URL}/volumes/vol-scratch01`, "
                                    "{ headers });") + 1
    [case] = cases(tmp_path, {"snippets/get.mjs": source})
    with pytest.raises(ExampleError) as failure:
        run(case, node, server, scratch, api_schemas)
    assert failure.value.msg.startswith(f"{tmp_path}/snippets/get.mjs:{sent}: run as pasted"), \
        failure.value.msg
    assert "TypeError: r.json is not a function" in failure.value.msg, failure.value.msg
    assert failure.value.msg.endswith(
        "(a Promise has no body to read: node's error is where it is read; "
        f"{tmp_path}/snippets/get.mjs:{sent} calls `fetch(` without `await`)"), failure.value.msg
    # no name to follow (the body read from the call itself), or one a helper returned: the
    # line node names, and what to look for
    generic = "(a Promise has no body to read: is an `await` missing before `fetch(`?)"
    chained = GET.replace("const r = await fetch(`${BASE_URL}/volumes/vol-scratch01`, "
                          "{ headers });\nconst volume = await r.json();",
                          "const r = { status: 200 };\nconst volume = await "
                          "fetch(`${BASE_URL}/volumes/vol-scratch01`, { headers }).json();")
    helper = GET.replace("const r = await fetch(", "async function get() {\n  const r = fetch(")
    helper = helper.replace("{ headers });\nconst volume", "{ headers });\n  return r;\n}\n"
                            "const r = get();\nconst volume", 1)
    for name, source in (("chained", chained), ("helper", helper)):
        [case] = cases(tmp_path / name, {"snippets/get.mjs": source})
        with pytest.raises(ExampleError) as failure:
            run(case, node, server, scratch, api_schemas)
        reads = 1 + source.split("\n").index(next(line for line in source.split("\n")
                                                   if ".json()" in line))
        assert failure.value.msg.startswith(
            f"{tmp_path}/{name}/snippets/get.mjs:{reads}: run as pasted"), failure.value.msg
        assert failure.value.msg.endswith(generic), failure.value.msg


def test_an_example_still_running_is_stopped_naming_its_last_request(
        tmp_path, node, server, scratch, api_schemas, monkeypatch):
    """A loop waiting for a state that never comes: node is ended once the example has
    run too long (here half a second), and the failure says so with the request it kept
    sending, at the line that sent it (from a second run, traced, ended as soon as it has
    sent as many requests: given a second and a half at most, on a busy machine it had
    not asked twice), in a helper too (at the line that called it)."""
    monkeypatch.setattr(checks, "EXAMPLE_SECONDS", 0.5)
    source = HEAD + """
const get = (path) => fetch(`${BASE_URL}${path}`, { headers });
await get("/volumes/vol-scratch02");
for (;;) {
  const r = await get("/volumes/vol-scratch01");
  if ((await r.json()).size_gb === 1) break;
  await new Promise((resolve) => setTimeout(resolve, 20));
}
"""
    [case] = cases(tmp_path, {"snippets/wait.mjs": source})
    at = f"{case.where.partition(':')[0]}:" + str(1 + source.splitlines().index(
        '  const r = await get("/volumes/vol-scratch01");'))
    started = time.monotonic()
    with pytest.raises(ExampleError) as failure:
        run(case, node, server, scratch, api_schemas)
    took = time.monotonic() - started
    assert took < node_harness._LATE_TRACE_SECONDS + 4, "the traced run was not ended in time"
    first, last, why = failure.value.msg.split("\n")
    assert why == POLLED, why
    assert first == (f"{at}: run as pasted (node {case.where.partition(':')[0]}, with "
                     "only CLOUDWS_BASE_URL and CLOUDWS_TOKEN set), the example had not ended "
                     "after 0.5 s, and was stopped"), first
    assert last == (f"(its last request: GET /v1/volumes/vol-scratch01, sent at {at}, "
                    "answered 200)"), last


def test_a_traced_run_again_is_ended_once_it_has_sent_as_many_requests(
        tmp_path, node, server, scratch):
    """The run again, traced, of an example stopped still running ends as soon as it has
    sent as many requests as the first run did, not after its whole time (on a busy
    machine, that time may be too short for them), with its requests and their lines."""
    [case] = cases(tmp_path, {"snippets/wait.mjs": HEAD + """
for (;;) {
  await fetch(`${BASE_URL}/volumes/vol-scratch01`, { headers });
}
"""})
    started = time.monotonic()
    again, records, ended = node_harness._run_traced(case, node, server, scratch, 60,
                                                     enough=3)
    assert time.monotonic() - started < 30, "the traced run ran for its whole time"
    assert not ended and len(again) >= 3, (ended, again)
    assert sum("fetch" in record for record in records) >= 3, records


def test_a_loop_that_sleeps_before_it_asks_is_named_at_the_example_not_a_line_it_guessed(
        tmp_path, node, server, scratch, api_schemas, monkeypatch):
    """A loop that sleeps before each request, longer than the traced run lasts, after a
    check of the same path: the traced run sends only the check. The failure names no
    line it cannot know (not the check's), but the example and the request. (Given two
    seconds: on a busy machine node's start took most of 1.2, and the loop had not asked
    twice.)"""
    monkeypatch.setattr(checks, "EXAMPLE_SECONDS", 2)
    monkeypatch.setattr(node_harness, "_LATE_TRACE_SECONDS", 0.3)
    [case] = cases(tmp_path, {"snippets/wait.mjs": HEAD + """
const url = `${BASE_URL}/volumes/vol-scratch01`;
console.log((await fetch(url, { headers })).status);
for (;;) {
  await new Promise((resolve) => setTimeout(resolve, 400));
  if ((await (await fetch(url, { headers })).json()).size_gb === 1) break;
}
"""})
    with pytest.raises(ExampleError) as failure:
        run(case, node, server, scratch, api_schemas)
    first, last, why = failure.value.msg.split("\n")
    assert why == POLLED, why
    assert first.startswith(f"{case.where}: run as pasted"), first
    assert last == "(its last request: GET /v1/volumes/vol-scratch01, answered 200)", last


def test_a_request_sent_by_three_lines_then_a_wait_is_no_loop(
        tmp_path, node, server, scratch, api_schemas, monkeypatch):
    """The same request from three lines, then a long wait: no line is named as a loop's
    (the example is), nor is the sandbox's state said never to come; the last request
    says the line that sent it. From two lines, the same."""
    monkeypatch.setattr(checks, "EXAMPLE_SECONDS", 0.5)
    source = HEAD + """
const url = `${BASE_URL}/volumes/vol-scratch01`;
await fetch(url, { headers });
await fetch(url, { headers });
await fetch(url, { headers });
await new Promise((resolve) => setTimeout(resolve, 120000));
"""
    [case] = cases(tmp_path, {"snippets/wait.mjs": source})
    third = len(source.splitlines()) - 1
    with pytest.raises(ExampleError) as failure:
        run(case, node, server, scratch, api_schemas)
    first, last = failure.value.msg.split("\n")
    assert first.startswith(f"{case.where}: run as pasted"), first
    assert last == (f"(its last request: GET /v1/volumes/vol-scratch01, sent at "
                    f"{case.where.partition(':')[0]}:{third}, answered 200)"), last
    # two lines, then the wait: the second is no loop's either
    two = source.replace("await fetch(url, { headers });\n", "", 1)
    [case] = cases(tmp_path, {"snippets/wait.mjs": two})
    with pytest.raises(ExampleError) as failure:
        run(case, node, server, scratch, api_schemas)
    assert failure.value.msg.split("\n")[0].startswith(f"{case.where}: run as pasted"), (
        failure.value.msg)


def test_a_fetch_off_this_machine_is_refused_before_it_is_sent(tmp_path, node, server,
                                                               scratch, api_schemas):
    """node's fetch ignores proxy variables: the preloaded guard refuses a URL written out
    (the real API's host) before anything is sent, at the example's line."""
    source = GET.replace("`${BASE_URL}/volumes/vol-scratch01`",
                         '"https://api.cloudworkstation.example.com/v1/volumes/vol-scratch01"')
    [case] = cases(tmp_path, {"snippets/get.mjs": source})
    with pytest.raises(ExampleError) as failure:
        run(case, node, server, scratch, api_schemas)
    message = failure.value.msg
    assert message.startswith(f"{tmp_path}/snippets/get.mjs:5: run as pasted"), message
    assert ("TypeError: fetch refused: https://api.cloudworkstation.example.com is not the "
            "sandbox (the checks send nothing off this machine)\n"
            f"    at {(tmp_path / 'snippets/get.mjs').as_uri()}:5:") in message, message
    assert "node_guard" not in message and "ENOTFOUND" not in message, message
    assert message.endswith("build every URL from BASE_URL, which reads CLOUDWS_BASE_URL)")


def test_an_example_that_throws_names_the_requests_answered_with_an_error(
        tmp_path, node, server, scratch, api_schemas):
    """What it tripped on may be an earlier request's error answer: each is named, with
    its query string (here, a cursor read from a field the answer does not have) and the
    line that sent it (from a second, traced run)."""
    source = HEAD + """
const r = await fetch(`${BASE_URL}/volumes?limit=2&cursor=${undefined}`, { headers });
if (!r.ok) throw new Error(`list answered ${r.status}`);
"""
    [case] = cases(tmp_path, {"snippets/list.mjs": source})
    with pytest.raises(ExampleError) as failure:
        run(case, node, server, scratch, api_schemas)
    message = failure.value.msg
    assert message.startswith(f"{tmp_path}/snippets/list.mjs:6: run as pasted"), message
    # with the API's words for what was wrong: a cursor it never gave
    last = message.rpartition("\n")[2]
    assert last.startswith(f"(GET /v1/volumes?limit=2&cursor=undefined, sent at {tmp_path}"
                           "/snippets/list.mjs:5, answered 400 validation_error (The request "
                           "is not valid: query.cursor "), message


def test_check_names_syntax_errors_long_lines_imports_and_missing_variables(tmp_path, node,
                                                                           monkeypatch):
    # whatever NODE_OPTIONS the shell sets (it printed "Debugger listening" into the check)
    monkeypatch.setenv("NODE_OPTIONS", "--inspect=127.0.0.1:0")
    found = cases(tmp_path, {
        "snippets/bad.mjs": HEAD + "const r = await fetch(;\n",
        "snippets/long.mjs": "const x = 1; // " + "x" * 80 + "\nawait fetch(x);\n",
        "snippets/token.mjs": HEAD.replace("${process.env.CLOUDWS_TOKEN}", "cws_test_me")
        + "await fetch(`${BASE_URL}/volumes`, { headers });\n",
        "snippets/typo.mjs": HEAD.replace("CLOUDWS_TOKEN", "CLOUDWS_TOKN")
        + "await fetch(`${BASE_URL}/volumes`, { headers });\n",
        "snippets/imports.mjs": 'import {\n  randomUUID,\n} from "node:crypto";\n' + HEAD
        + "await fetch(`${BASE_URL}/volumes`, { headers });\n",
        "snippets/side.mjs": HEAD + 'import "node:process";\n',
        "snippets/exports.mjs": HEAD + "export const done = true;\n",
        # what a node session runs: an import() awaited, and import words in a string
        "snippets/dynamic.mjs": 'const { randomUUID } = await import("node:crypto");\n' + HEAD
        + 'console.log(`import { x } from "y"`, typeof randomUUID);\n',
    })
    findings = check_js_examples(found, node)
    # what a node session refuses (an import statement, on one line or more, an export):
    # at its line, as a node session parses it, with what runs there
    refused = {f.partition(": ")[0].rpartition("/")[2]: f.partition(": ")[2]
               for f in findings if "node` session" in f}
    assert refused.keys() == {"imports.mjs:1", f"side.mjs:{len(HEAD.splitlines()) + 1}",
                              f"exports.mjs:{len(HEAD.splitlines()) + 1}"}, findings
    assert refused["imports.mjs:1"] == (
        "this does not run in a `node` session, where readers paste the examples "
        "(SyntaxError: Cannot use import statement outside a module): load a module with "
        '`const { name } = await import("node:...")`, and export nothing'), refused
    assert not [f for f in findings if "dynamic.mjs" in f], findings
    # a token written in: at the line that sends it
    sends = 1 + HEAD.splitlines().index(
        "const headers = { Authorization: `Bearer ${process.env.CLOUDWS_TOKEN}` };")
    assert f"{tmp_path}/snippets/token.mjs:{sends}: the example does not read its token " \
        "from `process.env.CLOUDWS_TOKEN`" in findings, findings
    # an export's name misspelt: at its line, with the name meant, and told once
    typo = [f for f in findings if "typo.mjs" in f]
    assert typo == [(f"{tmp_path}/snippets/typo.mjs:{sends}: the example reads CLOUDWS_TOKN, "
                     "which a reader has not set (the exports are CLOUDWS_BASE_URL and "
                     "CLOUDWS_TOKEN): did you mean CLOUDWS_TOKEN?")], findings
    assert any(f.startswith(f"{tmp_path}/snippets/bad.mjs:4: node --check: SyntaxError")
               for f in findings), findings
    assert f"{tmp_path}/snippets/long.mjs:1: the line is 96 characters long (at most 88): " \
        "wrap it, or print less" in findings
    assert any("long.mjs:1: the example does not read its base URL" in f for f in findings)


def test_node_missing_fails_under_ci_and_skips_outside(monkeypatch):
    monkeypatch.setattr("shutil.which", lambda *args, **kwargs: None)
    with pytest.raises(pytest.fail.Exception, match="CI is set but node is missing"):
        node_binary({"CI": "true"})
    with pytest.raises(pytest.skip.Exception, match="node is missing"):
        node_binary({})


def test_the_readers_own_node_on_path_comes_first(tmp_path):
    own = tmp_path / "node"
    own.write_text("#!/bin/sh\n")
    own.chmod(0o755)
    assert node_binary({"PATH": str(tmp_path)}) == own
    assert node_binary({"PATH": str(tmp_path / "none")}).name == "node"  # the system's


def _logging_node(folder: Path, real: Path, refuses: str | None = None) -> Path:
    """A ``node`` that writes each command line it is given to ``folder/argv``, then runs
    the ``real`` one; that first refuses ``refuses`` as an older V8 refuses an option."""
    fake = folder / "node"
    refuse = (f'for a; do [ "$a" = {refuses} ] && {{ echo "node: bad option: $a" >&2; '
              "exit 9; }; done\n" if refuses else "")
    log = shlex.quote(str(folder / "argv"))  # one line a run, its arguments tab-separated
    fake.write_text(f"#!/bin/sh\nprintf '%s\\t' \"$@\" >> {log}; echo >> {log}\n{refuse}"
                    f'exec {shlex.quote(str(real))} "$@"\n')
    fake.chmod(0o755)
    return fake


def test_examples_run_with_v8s_options_where_node_takes_them_and_without_where_not(
        tmp_path, node, server, scratch, api_schemas, monkeypatch):
    """Each run is given :data:`node.V8_OPTIONS` (a compiler choice no example can see) by a
    node that takes them; one that refuses them, as an older V8 would, runs the examples
    all the same, without them. A ``NODE_OPTIONS`` of the shell's, which the examples do
    not get, does not decide it."""
    monkeypatch.setenv("NODE_OPTIONS", "--no-such-option")
    [case] = cases(tmp_path, {"snippets/get.mjs": GET})
    for refuses in (None, node_harness.V8_OPTIONS[0]):
        folder = tmp_path / ("old" if refuses else "new")
        folder.mkdir()
        fake = _logging_node(folder, node, refuses)
        run(case, fake, server, scratch, api_schemas)  # run as a module, then pasted
        runs = [argv for line in (folder / "argv").read_text().splitlines()
                if "--version" not in (argv := line.rstrip("\t").split("\t"))]
        assert len(runs) == 2 and all(str(case.file) in argv or "node_paste.cjs" in argv[-2]
                                      for argv in runs), runs
        given = [[a for a in argv if a in node_harness.V8_OPTIONS] for argv in runs]
        assert given == [[] if refuses else list(node_harness.V8_OPTIONS)] * 2, runs


def test_which_options_node_takes_is_asked_once_however_many_examples_ask_at_once(
        tmp_path, node):
    """A page's examples start together, each in a thread of its own: the first to ask
    which options ``node`` takes runs it once; the others wait for that answer."""
    from concurrent.futures import ThreadPoolExecutor

    fake = _logging_node(tmp_path, node)
    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(lambda _: node_harness.v8_options(fake), range(4)))
    asked = [line for line in (tmp_path / "argv").read_text().splitlines()
             if "--version" in line]
    assert answers == [node_harness.V8_OPTIONS] * 4 and len(asked) == 1, asked


@pytest.mark.parametrize(("body", "line", "said"), [
    # a value assigned again: the session echoes it, a whole Response
    (("let r = await fetch(`${BASE_URL}/volumes/vol-scratch01`, { headers });\n"
     "r = await fetch(`${BASE_URL}/volumes/vol-scratch01`, { headers });\n"
     "console.log(r.status);\n//> 200\n"),
     6, (r"the session shows this statement's value among what the example prints "
        r"\('Response \{', …, \d+ lines\): `r` is assigned again: give this value a "
        r"`const` of its own, with a new name")),
    # a skipped element next to a top-level await: node's session fails to rewrite it
    (("const [, volume] = await Promise.all([\n"
     "  0,\n  fetch(`${BASE_URL}/volumes/vol-scratch01`, { headers }),\n]);\n"
     "console.log(volume.status);\n//> 200\n"),
     5, (r"this statement fails, where it runs as a module: Uncaught TypeError: .*a fault of "
        r"node's session itself.*naming the element it skips: `const \[status, body\]")),
    # a line that starts with "." where a statement could end: one of its commands
    (("const r = await fetch(`${BASE_URL}/volumes/vol-scratch01`, { headers })\n"
     "  .then((answer) => answer.json());\nconsole.log(r.size_gb);\n//> 500\n"),
     6, (r"this line starts with `\.`, which a session reads as one of its commands .*: "
        r"join it to the line before")),
    # an else on a line of its own: the session ran the if already
    (("const r = await fetch(`${BASE_URL}/volumes/vol-scratch01`, { headers });\n"
      "if (r.ok) {\n  console.log(r.status);\n  //> 200\n}\nelse {\n"
      "  console.log('no');\n}\n"),
     10, (r"this statement fails, where it runs as a module: Uncaught SyntaxError: "
          r"Unexpected token 'else' \(a session runs each statement as soon as its lines make "
          r"one whole")),
    # a loop whose body's last expression has a value
    (("const r = await fetch(`${BASE_URL}/volumes/vol-scratch01`, { headers });\n"
      "const volumes = [await r.json()];\nconst sizes = [];\n"
      "for (const volume of volumes) {\n  sizes.push(volume.size_gb);\n}\n"
      "console.log(sizes);\n//> [ 500 ]\n"),
     8, (r"\('1', 1 line\): it is the value of the last expression the statement ran \(in a "
         r"loop, its body's\): end the body with a statement that gives none")),
], ids=["echoed", "session-fault", "command", "else", "loop"])
def test_an_example_that_a_node_session_runs_otherwise_is_named_at_its_line(
        tmp_path, node, server, scratch, api_schemas, body, line, said):
    """Run as a module, each of these prints what it shows; pasted into a ``node``
    session, as readers paste it, it fails, or shows more than it says."""
    [case] = cases(tmp_path, {"snippets/pasted.mjs": HEAD + "\n" + body})
    with pytest.raises(ExampleError) as failed:
        run(case, node, server, scratch, api_schemas)
    message = str(failed.value)
    assert message.startswith(f"{case.id}:{line}: pasted into a `node` session line by line"), \
        message
    assert re.search(said, message), message


def test_every_line_a_node_session_runs_otherwise_is_named_at_once_in_order(
        tmp_path, node, server, scratch, api_schemas):
    """A new example (no //> lines yet) with three such lines: ``--update-examples`` fills
    in nothing, and names all three, in the order of their lines, each line whole (an
    annotation each)."""
    body = ("const [, first] = await Promise.all([0, 1]);\n"
            "let r = await fetch(`${BASE_URL}/volumes/vol-scratch01`, { headers });\n"
            "r = await fetch(`${BASE_URL}/volumes/vol-scratch01`, { headers });\n"
            "await fetch(`${BASE_URL}/volumes/vol-scratch01`, { headers });\n"
            "console.log(first, r.status);\n")
    [case] = cases(tmp_path, {"snippets/pasted.mjs": HEAD + "\n" + body})
    updates: list = []
    with pytest.raises(ExampleError) as failed:
        run(case, node, server, scratch, api_schemas, updates=updates)
    assert updates == []
    lines = str(failed.value).splitlines()
    assert [line.split(": ", 1)[0] for line in lines] == [f"{case.id}:{n}" for n in (5, 7, 8)]
    assert lines[0].split(": ", 1)[1].startswith(
        "pasted into a `node` session line by line, as readers paste the examples"), lines
    assert all(line.split(": ", 1)[1].startswith("pasted into a `node` session, the session "
                                                 "shows") for line in lines[1:]), lines
    assert "give the value a name (`const stopped = await fetch(...)`)" in lines[2], lines


def test_an_example_that_ends_the_session_is_named_at_that_line(
        tmp_path, node, server, scratch, api_schemas):
    """``process.exit()`` ends a module and a session alike, but in a session what is
    pasted after it is lost (or, pasted slowly, goes to the reader's shell): named at its
    line."""
    body = ("const r = await fetch(`${BASE_URL}/volumes/vol-scratch01`, { headers });\n"
            "console.log(r.status);\n//> 200\nif (r.ok) process.exit(0);\n"
            "console.log('not reached');\n")
    [case] = cases(tmp_path, {"snippets/ends.mjs": HEAD + "\n" + body})
    with pytest.raises(ExampleError) as failed:
        run(case, node, server, scratch, api_schemas)
    assert str(failed.value) == (
        f"{case.id}:8: pasted into a `node` session line by line, as readers paste the "
        "examples (with only CLOUDWS_BASE_URL and CLOUDWS_TOKEN set), this statement ends the "
        "session, and the rest of the paste is lost (pasted slowly, it goes to the reader's "
        "shell): leave it out, or make it the example's last"), failed.value


def test_an_await_in_a_try_block_is_named_at_its_line_with_what_to_write(
        tmp_path, node, server, scratch, api_schemas):
    """A module runs it; a session cannot (it runs the block before its end): named at
    the ``await``'s line, where node's caret is, not the ``try``'s; the ``} catch`` that
    then fails too is the same mistake, not told again."""
    body = ("try {\n  const r = await fetch(`${BASE_URL}/volumes/vol-scratch01`, { headers });\n"
            "  console.log(r.status);\n} catch (e) {\n  console.log('failed');\n}\n//> 200\n")
    [case] = cases(tmp_path, {"snippets/tried.mjs": HEAD + "\n" + body})
    awaits = (HEAD + "\n" + body).split("\n").index(
        "  const r = await fetch(`${BASE_URL}/volumes/vol-scratch01`, { headers });") + 1
    with pytest.raises(ExampleError) as failed:
        run(case, node, server, scratch, api_schemas)
    lines = str(failed.value).splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"{case.id}:{awaits}: pasted into a `node` session"), lines
    assert lines[0].endswith(
        "(a session cannot run an `await` inside a `try` block, which a module can: await a "
        "call that handles its own failure instead, as `const r = await fetch(url).catch(...)`"
        ", or check `r.ok`)"), lines


def test_each_line_a_session_reads_otherwise_gets_the_advice_that_fits_it(
        tmp_path, node, server, scratch, api_schemas):
    """Two statements split where a session runs the first alone (each told: nothing ran),
    a static import (node's own words, whole), a line that goes on from the one before,
    a value added to, and an object's member set."""
    body = ("const r = await fetch(`${BASE_URL}/volumes/vol-scratch01`, { headers });\n"
            "if (r.ok) {\n  console.log(r.status);\n}\nelse {\n  console.log('no');\n}\n"
            "if (!r.ok) {\n  console.log('no');\n}\nelse {\n  console.log(r.status);\n}\n"
            "let total = 0;\ntotal += r.status;\nconst n = r.status\n  + 1;\n"
            "let i = 0;\n++i;\nconst kind = r.ok\n  ? 'ok'\n  : 'not ok';\n"
            "const payload = { label: 'a' };\npayload.label = 'b';\n"
            "console.log(total, n, i, kind, payload);\n")
    source = (HEAD + "\n" + 'import { setTimeout as wait } from "node:timers/promises";\n'
              + body + "await wait(1);\n")  # (a name the import would have made: not told)
    [case] = cases(tmp_path, {"snippets/advice.mjs": source})
    with pytest.raises(ExampleError) as failed:
        run(case, node, server, scratch, api_schemas, updates=[])
    said = {int(line.split(":", 2)[1]): line for line in str(failed.value).splitlines()}
    assert sorted(said) == [5, 10, 16, 20, 22, 24, 26, 29], said
    assert "Cannot use import statement inside the Node.js REPL" in said[5], said[5]
    assert "Unexpected token 'else'" in said[10] and "Unexpected token 'else'" in said[16]
    assert "`total` is assigned again" in said[20], said[20]
    assert ("this line goes on from the one before, which the session ran alone: end that "
            "line with the operator instead") in said[22], said[22]
    assert "`i` is assigned again" in said[24], said[24]
    # a ternary's two lines, split: told once, at its first, as going on
    assert ("Unexpected token '?' (this line goes on from the one before, which the session "
            "ran alone: end that line with the operator instead)") in said[26], said[26]
    assert said[29].endswith(
        "the session shows this statement's value among what the example prints (\"'b'\", "
        "1 line): `payload.label` is set, and the session shows the statement's value: set "
        "it where `payload` is made (`{ ..., label: value }`), or make a new object with it "
        "and a `const` of its own (`const changed = { ...payload, label: value }`), which "
        "the session does not echo"), said[29]


_NEW_NAME = "give the new value a `const` of its own"


_HEADERS = "const headers = { Authorization: `Bearer ${TOKEN}` };\n"


@pytest.mark.parametrize(("statement", "member", "advice"), [
    ('headers["X-Request-Id"] = id;', 'headers["X-Request-Id"]',
     'set it where `headers` is made (`{ ..., "X-Request-Id": value }`)'),
    ("ids[0] = 'ws-1';", "ids[0]", _NEW_NAME),
    ("ids[order[0]] = 'ws-1';", "ids[order[0]]", _NEW_NAME),  # a key within a key
    ("body.spec.size = 2;", "body.spec.size", _NEW_NAME),
    ("counts.done += 1;", "counts.done", _NEW_NAME),
    ("counts.done++;", "counts.done", _NEW_NAME),
    ("++counts.done;", "counts.done", _NEW_NAME),
    # an object the example does not make with braces: spread, it would lose its state
    ("url.search = '?state=running';", "url.search", _NEW_NAME),
    ("process.exitCode = 1;", "process.exitCode",
     "an exit code means nothing to a reader who pastes the example into a session"),
    ("process.env.CLOUDWS_TOKEN = token;", "process.env.CLOUDWS_TOKEN", _NEW_NAME),
])
def test_a_member_set_gets_advice_for_its_kind_of_set(statement, member, advice):
    """One key set to a value, of an object the example makes with braces: make the object
    with it; an element, a nested member, a value computed from the old one (``+=``,
    ``++``), or an object made otherwise: give the new value a name; an exit code: print
    instead."""
    source = _HEADERS + "const url = new URL('http://localhost/');\n" + statement + "\n"
    said = node_harness._echo_advice(statement, source)
    assert said.startswith(f"`{member}` is set, and the session shows the statement's value: "
                           + advice), said


@pytest.mark.parametrize(("statement", "advice"), [
    ("++done;", "`done` is assigned again"),
    ("body.name === 'b';", "give the value a name"),
])
def test_a_statement_that_sets_no_member_gets_other_advice(statement, advice):
    said = node_harness._echo_advice(statement)
    assert said.startswith(advice), said


def test_an_example_that_ends_the_session_with_blank_lines_after_passes(
        tmp_path, node, server, scratch, api_schemas):
    """Only blank lines after a ``process.exit()``: nothing reaches the reader's shell."""
    body = ("const r = await fetch(`${BASE_URL}/volumes/vol-scratch01`, { headers });\n"
            "console.log(r.status);\n//> 200\nprocess.exit(0);\n\n\n")
    [case] = cases(tmp_path, {"snippets/ends.mjs": HEAD + "\n" + body})
    run(case, node, server, scratch, api_schemas)
