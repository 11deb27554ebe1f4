"""Statuses, error codes, resource IDs and field names named in prose are checked like links
when the site is built (hooks/references.py): a bad one fails the strict build, naming the
page and line; error codes are linked to their row of the errors page."""

from __future__ import annotations

import json
import logging
import re
import sys
import textwrap
from pathlib import Path
from types import ModuleType

import pytest
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError

from cloudws.document import load_document
from cloudws.errors import ERROR_CODES
from cloudws.models import MACHINE_TYPES

from .harness.github import PLANTS_MISTAKES

pytestmark = PLANTS_MISTAKES  # every test here checks what is said of mistakes it plants

ROOT = Path(__file__).resolve().parents[1]
HOOKS = ROOT / "hooks"

#: An endpoint page with one bad reference a line, and what the build says of each.
#: The scope of the delete page: its operation and the one it replaced.
DELETE = r"deleteWorkstation \(or removedDeleteWorkstation, on its page\)"

BAD_PAGE = """\
---
operation: deleteWorkstation
---

# Delete workstation

A delete answers `200 OK`, or `404` when the workstation is not there.
A workstation in its first minute gets `422`.
It gets `workstation_not_stoped` then.
Deleting an attached volume gets `volume_attached`.
Try it on `ws-99999`, which is not in the sandbox.
Or on `ws-12`, which is no ID at all.
The answer lists `deleted_volume_ids` and the `size_gb` of each.
It never shows `detached_volume_idz`.
A `409 Confict` changes nothing.
It takes no `disk_size`.
It gets `workstation-not-stopped`, or `Workstation_not_stopped`.
Or `workstation_not_stoped_`.
Stop it with `POST /v1/workstations/{id}/strat`, not `PUT /v1/workstations/{id}`.
A running one gets `400 Bad Request` with the code [`workstation_not_stopped`](../concepts/errors.md#workstation_not_stopped).

### Answered `418`, or `volume_attached`

It gets the error code `workstation_busy` on a `standard-16` or a `gpu-a100`.
It is `running`, `stopped` or `suspended`.
It gets [`volume_in_use`](../concepts/errors.md#volume_attached).

## The `vol-nothere99` volume, or `workstation_not_stoped`

Try `GET /v1/workstations?limt=5`, `DELETE /v1/workstations/vol-data12345`, `TRACE /v1/volumes`.
Update it with [`DELETE /v1/workstations/{id}`](update.md).
A `404` (`workstation_not_stopped`) is not one.
Nor is `GET /v1/workstations/ws-99999` one of the fixtures.
A `500` comes with `Retry-After: 5`, and each answer with `X-Request-Id`.
It sends the `retry-after` header, and the headers `ETag` and `Cache-Control`.
The `Retry-After`, `Content-MD5`, and [`X-B3-TraceId`](#x) headers tell when.
See the [`If-None-Match`](https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/If-None-Match) header.
The `Strict-Transport-Security` response header; headers: `Accept-Ranges`, `Content-Range`.
The answer carries a `Location` header, and the create's `Idempotency-Key` header is read.
Nor does it send an `Etag` header.
It reads `Content-Type: text/plain`, `Authorization: Basic dTpw`, `Host: api.cloudworkstation.example.com/v1/`.
Send it with an `Idempotent-Key`, and a `Content-Lenght`.
The answer's `state` field says so.

- **400** — `workstation_not_stopped`: stop it first.
- **401** — a token starts with `cws_sandbox_`, as `cws_test_me` or `cws_test_…` do.
- **401** — for `Authorization: Bearer cws_live_me`.

1. **404** — `workstation_not_stopped`: a numbered note too.
"""
BAD = [
    (8, (r"`422`: deleteWorkstation .*does not document status 422 \(.*\); if it is "
         r"another operation's, link it to that operation's page, or follow it with \{ \.no-ref \}")),
    (9, (r"`workstation_not_stoped` is not an error code or a field of deleteWorkstation"
         r".*; did you mean `workstation_not_stopped`\?")),
    (10, (r"`volume_attached`: deleteWorkstation .*does not return the error code.*; "
          r"if it is another operation's \(createWorkstation, deleteVolume and updateWorkstation\), "
          r"link it")),
    (11, r"`ws-99999` is not one of the sandbox's fixtures"),
    (12, r"`ws-12` is not a well-formed workstation ID"),
    (13, r"`size_gb` is a field of .*Volume.*, which deleteWorkstation .*does not use"),
    (14, r"`detached_volume_idz` .*did you mean `detached_volume_ids`\?"),
    (15, r"`409 Confict`: after the status write its reason phrase \(Conflict\)"),
    (16, (r"`disk_size` .*did you mean `disk_size_gb` \(a name of another operation, which "
          r"deleteWorkstation .*does not use: link it")),
    # a name written with hyphens, capitals, an underscore at an end: and a typo of it
    (17, r"`workstation-not-stopped` is written `workstation_not_stopped` in the API"),
    (17, r"`Workstation_not_stopped` is written `workstation_not_stopped` in the API"),
    (18, (r"`workstation_not_stoped_` is not a name of the API; did you mean "
          r"`workstation_not_stopped`\?")),
    # a request named in prose: its path, and its method, the API's
    (19, (r"`POST /v1/workstations/\{id\}/strat`: the API has no path "
          r"/v1/workstations/\{id\}/strat; did you mean /v1/workstations/\{id\}/start\?")),
    (19, r"`PUT /v1/workstations/\{id\}`: /v1/workstations/\{id\} takes DELETE, GET, HEAD, PATCH"),
    # a status, then the code that goes with it
    (20, (r"`400 Bad Request`, then `workstation_not_stopped`: `workstation_not_stopped` is "
          r"answered with 409")),
    # in a heading too: its statuses and codes (its names are the section's)
    (22, r"`418`: deleteWorkstation .*does not document status 418"),
    (22, r"`volume_attached`: deleteWorkstation .*does not return the error code"),
    # named a code in words, and a value of the machine types' shape: the API's
    (24, (r"`workstation_busy` is named an error code, but the API has none such: did "
          r"you mean `workstation_[a-z_]+`\?")),
    (24, (rf"`standard-16` is not a machine_type of the API \(they are "
          rf"{', '.join(sorted(MACHINE_TYPES))}\); did you mean `standard-8`\?")),
    (24, r"`gpu-a100` is not a machine_type of the API \(they are [^)]*\)(?!;)"),
    # a word listed with a field's values, that is none of them
    (25, (r"`suspended` is listed with `running`, `stopped`, values of status, but is not one "
          r"\(they are running, stopped\)")),
    # a name linked to a code's row that is not that code
    (26, r"`volume_in_use` links to the row of `volume_attached`"),
    # in a heading, an ID names the section; a code a letter off is told, in a heading's words
    (28, (r"`workstation_not_stoped` is not an error code of the API; did you mean "
          r"`workstation_not_stopped`\?")),
    # a request's query, the kind of the ID in its path, its method
    (30, (r"`GET /v1/workstations\?limt=5`: /v1/workstations takes no query parameter "
          r"limt \(it takes .*\); did you mean limit\?")),
    (30, (r"`DELETE /v1/workstations/vol-data12345`: vol-data12345 is a volume ID, where a "
          r"workstation's goes")),
    (30, r"`TRACE /v1/volumes`: /v1/volumes takes GET, HEAD, POST"),
    # a request linked to an endpoint page: that page's
    (31, (r"`DELETE /v1/workstations/\{id\}` links to the page of updateWorkstation, which is "
          r"PATCH /v1/workstations/\{id\}")),
    (32, r"`404`, then `workstation_not_stopped`: `workstation_not_stopped` is answered with 409: write `409`"),
    # an ID in a request's path: one of the fixtures, or one the page's examples show
    (33, (r"`GET /v1/workstations/ws-99999`: `ws-99999` is not one of the sandbox's fixtures "
          r"\(ws-12345, ws-67890\)")),
    # a header: one the page's operation reads or sends
    (34, (rf"`Retry-After: 5` is not a header of {DELETE}: the ones it reads and "
          r"sends are Allow, Authorization, Connection, Content-Length, Content-Type, Date, "
          r"Host, WWW-Authenticate \(to name one it does not use on purpose")),
    (34, rf"`X-Request-Id` is not a header of {DELETE}"),
    # said to be a header, in any case, in a list of them, or one word of HTTP's
    (35, rf"`retry-after` is not a header of {DELETE}"),
    (35, rf"`ETag` is not a header of {DELETE}"),
    (35, rf"`Cache-Control` is not a header of {DELETE}"),
    # a list that ends with "headers", an item linked
    (36, rf"`Retry-After` is not a header of {DELETE}"),
    (36, rf"`Content-MD5` is not a header of {DELETE}"),
    (36, rf"`X-B3-TraceId` is not a header of {DELETE}"),
    # linked, however long the link
    (37, rf"`If-None-Match` is not a header of {DELETE}"),
    # a kind of header between, a colon before a list
    (38, rf"`Strict-Transport-Security` is not a header of {DELETE}"),
    (38, rf"`Accept-Ranges` is not a header of {DELETE}"),
    (38, rf"`Content-Range` is not a header of {DELETE}"),
    # another operation's, not linked to its page
    (39, (rf"`Location` is not a header of {DELETE}: the ones it reads and sends are "
          r"[^(]*\(it is createVolume and createWorkstation's: link it to the page of one "
          r"of them\)")),
    (39, rf"`Idempotency-Key` is not a header of {DELETE}"),
    # HTTP's one-word fields, in any case
    (40, rf"`Etag` is not a header of {DELETE}"),
    # a header of its own, with a value the API does not take
    (41, (r"`Content-Type: text/plain`: the API's bodies are application/json, "
          r"application/problem\+json, not text/plain")),
    (41, r"`Authorization: Basic dTpw`: the API's authentication scheme is Bearer, not Basic"),
    (41, (r"`Host: api\.cloudworkstation\.example\.com/v1/`: a Host is a host and port "
          r"alone, without a path or a scheme: api\.cloudworkstation\.example\.com")),
    # a header's name a letter or two off one of the API's, said to be a header or not
    # (one of another operation's: with the link that it needs there)
    (42, (rf"`Idempotent-Key` is not a header of {DELETE}; did you mean `Idempotency-Key`\? "
          r"\(`Idempotency-Key` is createVolume and createWorkstation's: link it to the page "
          rf"of one of them; the ones {DELETE} reads and sends are Allow, ")),
    (42, (rf"`Content-Lenght` is not a header of {DELETE}; did you mean `Content-Length`\? "
          r"\(to name it as it is, on purpose: follow it with \{ \.no-ref \}\)\n")),
    # a name the prose calls a field, which is none
    (43, (rf"`state` is called a field, but {DELETE} has no such field; did you mean "
          r"`status`\? \(to name one it does not have on purpose, follow it with")),
    # a note's status, then a code that a colon ends
    (45, r"\*\*400\*\*, then `workstation_not_stopped`: `workstation_not_stopped` is answered with 409"),
    # a sandbox token, or the start of one, that the sandbox refuses
    (46, (r"`cws_sandbox_`: a sandbox token starts with `cws_test_` \(as `cws_test_me`\); "
          r"the sandbox answers 401 to any other")),
    (47, (r"`Authorization: Bearer cws_live_me`: a sandbox token starts with `cws_test_` "
          r"\(as `cws_test_me`\)")),
    # a note of a numbered list, as of a bulleted one
    (49, r"\*\*404\*\*, then `workstation_not_stopped`: `workstation_not_stopped` is answered with 409"),
]

#: The same page, right: references the operation has, an ID its example shows, a field
#: of another operation in a link to that operation's page, and the old API opted out.
GOOD_PAGE = """\
---
operation: deleteWorkstation
---

# Delete workstation

A delete answers `200 OK`, or `404`; a running workstation gets `409 Conflict` and
`workstation_not_stopped`, or `409 workstation_not_stopped`.
The answer lists `deleted_volume_ids`; detach a volume by updating
[`volume_ids`](update.md#request-body) ([an update answers `415`](update.md)).
The old page answered `204`{ .no-ref } with `endpoint_removed`{ .no-ref }.
It is `running` or `stopped`, on a `standard-4` or `gpu-t4` (not the `gpu-enabled` kind).
Update it with [`PATCH /v1/workstations/{id}`](update.md).
A running one answers `409`: `not_found` is for one that is gone. Nothing has the error
code `rate_limited`. Every request under `/v1/*` or `/v1/{resource}/{id}` needs a token,
on `https://api.cloudworkstation.example.com/v1/volumes` as on
`http://127.0.0.1:8080/v1/volumes`.
The status page is `https://status.example.org/v1/incidents`. A `409`
(`workstation_not_stopped`) changes nothing; there is no
error code `quota_exceeded`; the code `ws_id` holds its ID; `GET /openapi.json`
is the contract; `DISK_SIZE_GB` is the stub's constant. Besides `404`,
`workstation_not_stopped` can come back:

- a `404`
- `workstation_not_stopped`, when it runs
- **`404`**, **`409`** — `not_found`: it is gone; `workstation_not_stopped`: it runs

To show workstations newest first, reverse each page in your client; the example reads
the token into `cws_token` and passes `limit=n` or `status=None` to the stub's Python API.
Each run can send `cws_test_$(whoami)`; a log filter matches `cws_test_*`.

Stop it first with [`POST /v1/workstations/{id}/stop`](stop.md) (`/v1/workstations/ws-12345/stop`),
or list them with [`GET /v1/workstations?limit=5`](list.md); a `409` [`workstation_not_stopped`](../concepts/errors.md#workstation_not_stopped)
or `404 Not Found`, code `not_found`, then (a body too large: `413 Payload Too Large`).
Delete `ws-12345`; the example shows `vol-made00001`. A header (`Content-Type`,
`Authorization`, `WWW-Authenticate`) or a reason phrase (`Unauthorized`) is no
name of a field or code; nor are `UTF-8` or `ISO-8601`. The `content-length`, `Host`,
`Date` and `Allow` headers are HTTP's. No answer has the `Retry-After`{ .no-ref } header.
Send the header `Authorization` and `deleted_volume_ids` in the body; Node's `fetch`
headers object; the column header `Status`; a `Bearer` header value. A create's
[`Idempotency-Key`](create.md) header `create-ws-1`; a `no-store` header value; a
`standard-4` or `Content-Type` header; the `Server` header; `Connection: close`.
Send `Authorization: Bearer <token>` and `Content-Type: application/json; charset=utf-8`
to `Host: 127.0.0.1:8000`; a `401` has `WWW-Authenticate: bearer realm="cloudws"`.
The answer has the `status` field `deleted`, in the field `status`; a problem has the
`code` field `not_found`; in the `status` field: `running` or `stopped`. HTTP's header
fields, and the fields `deleted_volume_ids` and `detached_volume_ids`.

## Request examples

```python
print(made)
#> vol-made00001
```

## Heading with `not_a_field`
"""


def _site(tmp_path: Path, pages: dict[str, str]) -> Path:
    """A scratch site with these pages, the project's hooks and its validation settings."""
    text = (ROOT / "mkdocs.yml").read_text()
    validation = text[text.index("\nvalidation:"):]
    docs = tmp_path / "docs"
    for name, page in {"concepts/errors.md": "# Errors\n\n{{ error_codes }}\n",
                       "index.md": "# Home\n\n## The sandbox\n",
                       "workstations/update.md": "---\noperation: updateWorkstation\n---\n\n"
                                                 "# Update workstation\n\n## Request body\n",
                       "workstations/create.md": "---\noperation: createWorkstation\n---\n\n"
                                                 "# Create workstation\n",
                       **pages}.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(page)
    (tmp_path / "mkdocs.yml").write_text(textwrap.dedent(f"""\
        site_name: scratch
        docs_dir: docs
        site_dir: site
        hooks:
          - {HOOKS / 'site.py'}
        markdown_extensions:
          - attr_list
        """) + validation)
    build(load_config(str(tmp_path / "mkdocs.yml"), strict=True))
    return tmp_path / "site"


def _said(tmp_path: Path, caplog: pytest.LogCaptureFixture, src_uri: str,
          text: str) -> list[str]:
    """What a scratch site's build with the page ``src_uri`` (its ``text``) fails saying
    of that page: each problem, from its line number on (``7: ...``)."""
    with caplog.at_level(logging.ERROR, logger="mkdocs"), \
            pytest.raises((Abort, PluginError)) as failure:
        _site(tmp_path, {src_uri: text})
    return [line.partition(f"{src_uri}:")[2] for line in
            f"{failure.value}\n{caplog.text}".splitlines() if f"{src_uri}:" in line]


#: What BAD_PAGE names as names the API does not have (a path, codes, fields, values).
PLANTED = ("/v1/workstations/{id}/strat", "workstation_busy", "workstation_not_stoped",
           "volume_in_use", "detached_volume_idz", "disk_size", "standard-16", "gpu-a100",
           "suspended", "limt", "Idempotent-Key", "Content-Lenght", "state")


def test_the_bad_page_plants_only_names_the_api_does_not_have() -> None:
    """An operation, a code or a field added to the API under one of these names would
    make BAD_PAGE's line right: said here, rather than as a line of BAD that no longer
    fails."""
    document = load_document()
    names = set(document["paths"]) | set(ERROR_CODES) | set(MACHINE_TYPES)
    words = json.dumps(document)
    taken = [name for name in PLANTED if name in names or f'"{name}"' in words]
    assert not taken, (f"tests/test_references.py plants {taken} as names the API does not "
                       "have, but the API now has them: give BAD_PAGE other names")


def test_references_bad_ones_fail_the_build_naming_page_and_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.ERROR, logger="mkdocs"), \
            pytest.raises((Abort, PluginError)) as failure:
        _site(tmp_path, {"workstations/delete.md": BAD_PAGE})
    said = f"{failure.value}\n{caplog.text}"
    for line, message in BAD:
        assert re.search(rf"workstations/delete\.md:{line}: {message}", said), (line, said)
    assert not re.search(r"delete\.md:7:", said), "line 7 is right"
    assert "vol-nothere99" not in said, said  # in a heading, the section's
    assert not (tmp_path / "site" / "workstations").exists()


def test_references_good_ones_build_and_codes_are_linked(tmp_path: Path) -> None:
    site = _site(tmp_path, {"workstations/delete.md": GOOD_PAGE, **{
        f"workstations/{verb}.md": f"---\noperation: {op}\n---\n\n# {title}\n"
        for verb, op, title in (("stop", "stopWorkstation", "Stop workstation"),
                                ("list", "listWorkstations", "List workstations"))}})
    soup = BeautifulSoup((site / "workstations/delete/index.html").read_text(), "html.parser")
    article = soup.select_one("article") or soup
    linked = {a.get_text(): a["href"] for a in article.find_all("a") if a.code}
    assert linked["workstation_not_stopped"] == "../../concepts/errors/#workstation_not_stopped"
    assert linked["volume_ids"] == "../update/#request-body"
    opted_out = [c.get_text() for c in article.select("code.no-ref")]
    assert opted_out == ["204", "endpoint_removed", "Retry-After"]
    assert "endpoint_removed" not in linked, "an opted-out code is not linked"


@pytest.mark.parametrize(("page", "message"), [
    ("# Changelog\n\nIt answered `204 No Content`.\n",
     r"index\.md:3: `204 No Content`: the API does not document status 204"),
    ("# Home\n\nSee `vol-nothere00`.\n", r"index\.md:3: `vol-nothere00` is not one of"),
    ("# Home\n\nBranch on `volume_atached`.\n", r"index\.md:3: .*did you mean `volume_attached`"),
])
def test_references_hold_on_pages_without_an_operation(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, page: str, message: str,
) -> None:
    with caplog.at_level(logging.ERROR, logger="mkdocs"), \
            pytest.raises((Abort, PluginError)) as failure:
        _site(tmp_path, {"index.md": page})
    assert re.search(message, f"{failure.value}\n{caplog.text}"), caplog.text



def test_an_id_another_pages_example_shows_may_be_named_in_a_link_to_that_page(
    tmp_path: Path, caplog: pytest.LogCaptureFixture,
) -> None:
    """Not bare: the page's own examples do not show it; nor a status the API does not
    answer, but for a hint of { .no-ref }."""
    made = "# Made\n\n```python\nprint(made)\n#> vol-made00001\n```\n"
    linked = "# IDs\n\nThe example makes [`vol-made00001`](../volumes/made.md).\n"
    _site(tmp_path, {"volumes/made.md": made, "concepts/ids.md": linked})
    with caplog.at_level(logging.ERROR, logger="mkdocs"), \
            pytest.raises((Abort, PluginError)) as failure:
        _site(tmp_path / "bare", {"volumes/made.md": made, "concepts/ids.md": linked.replace(
            "[`vol-made00001`](../volumes/made.md)", "`vol-made00001`") + "It answers `429` when busy.\n"})
    said = f"{failure.value}\n{caplog.text}"
    assert ("concepts/ids.md:3: `vol-made00001` is not one of the sandbox's fixtures" in said
            and "one another page's example shows: link it to that page" in said), said
    assert ("concepts/ids.md:4: `429`: the API does not document status 429" in said
            and "(to name one the API does not answer, on purpose: follow it with { .no-ref })"
            in said), said


def _with_planted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, operation: str,
                  planted_text: str = "`409 not_a_code`") -> str:
    """The stub's OpenAPI document with ``planted_text`` at the end of the description of
    the last parameter of ``operation`` alone, in a cache of its own (``XDG_CACHE_HOME``),
    where the hooks load it from; its JSON pointer."""
    from cloudws.document import cache_dir, load_document, source_key

    planted = load_document()
    for path, item in planted["paths"].items():
        for method, node in item.items():
            if node.get("operationId") == operation:
                last = len(node["parameters"]) - 1
                node["parameters"][last]["description"] += f" Else {planted_text}."
                pointer = (f"#/paths/{path.replace('/', '~1')}/{method}/parameters/{last}"
                           "/description")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    cache_dir().mkdir(parents=True)
    (cache_dir() / f"openapi-{source_key()}.json").write_text(json.dumps(planted))
    return pointer


@pytest.mark.parametrize(("planted", "message"), [
    ("`409 not_a_code`", re.escape("`409 not_a_code`: after the status write its reason "
                                   "phrase (Conflict) or one of its error codes (") + r".*\b"
                         "workstation_not_stopped\\b.*\\)"),
    # no page's example shows an ID there, and the document would publish { .no-ref }
    ("`ws-nothere99`", re.escape("`ws-nothere99` is not one of the sandbox's fixtures "
                                 "(ws-12345, ws-67890): name one of them, or say in words "
                                 "what such an ID looks like")),
    ("`418`{ .no-ref }", re.escape("`418`{ .no-ref }: the OpenAPI document would publish "
                                   "{ .no-ref } as it is: say it another way, or without the "
                                   "backticks (text outside them is not checked)")),
    ("a note { .no-ref }", re.escape("`{ .no-ref }`: the OpenAPI document would publish it "
                                    "as it is: take it out")),
    ("`workstation_not_stoped`", re.escape("`workstation_not_stoped` is not an error code or "
                                           "a field of the API; did you mean "
                                           "`workstation_not_stopped`? (not a name of the API: "
                                           "write it without the backticks)")),
    # a field of any operation may be named there, and a plain word (`created`, close to
    # `created_at`): only a misspelt name is told
    ("`deleted_volume_idz` (not `volume_ids`, nor `created` or `names`)", re.escape(
        "`deleted_volume_idz` is not an error code or a field of the API; did you mean "
        "`deleted_volume_ids`? (not a name of the API: write it without the backticks)")),
    ("`409 not_found`", re.escape("`409 not_found`: `not_found` is answered with 404; 409's "
                                  "codes are ") + r".*\bworkstation_not_stopped\b.*"),
    # another operation's header, in a description the document gives this operation
    ("the `Location` header", re.escape(
        "`Location` is not a header of deleteWorkstation: the ones it reads and sends are ")
     + r".*\(it is createVolume and createWorkstation's: say it in the description of one "
     r"of them, or say it without the backticks\)"),
], ids=["status", "id", "no-ref", "bare-no-ref", "code", "field", "code-of-another-status",
        "header"])
def test_a_description_an_endpoint_page_shows_fails_its_build_at_its_source_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, planted: str, message: str) -> None:
    """The check of one page (its build: `uv run pytest docs/<page>.md`) holds the
    descriptions its tables show, and names each at its line of the stub's source."""
    from .harness.render import render_pages

    pointer = _with_planted(tmp_path, monkeypatch, "deleteWorkstation", planted)
    page = ROOT / "docs" / "workstations" / "delete.md"
    _, problems = render_pages([page])
    [problem] = problems
    source, line, said = problem.split(":", 2)
    assert re.fullmatch(re.escape(f" the description at {pointer} of the OpenAPI document, "
                                  "which the tables of docs/workstations/delete.md show: ")
                        + message, said), said
    assert source.startswith("src/cloudws/")
    first_words = "The workstation's ID"
    assert first_words in (ROOT / source).read_text().splitlines()[int(line) - 1]
    # Another operation's page does not show it.
    assert render_pages([ROOT / "docs" / "workstations" / "get.md"])[1] == []


def test_what_an_error_code_says_is_held_where_the_errors_page_shows_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Its meaning and what to do, written in src/cloudws/errors.py: a request or a
    status-and-code pair there that the API does not have fails the errors page's check,
    at its line of that file."""
    from dataclasses import replace

    from .harness.render import render_pages

    code = ERROR_CODES["workstation_not_stopped"]
    planted = code.remedy.replace("/stop`", "/halt`")
    assert planted != code.remedy, "the remedy no longer names the stop request"
    monkeypatch.setitem(ERROR_CODES, code.code, replace(
        code, remedy=planted, meaning=f"{code.meaning} Not `409 not_found`."))
    source = (ROOT / "src" / "cloudws" / "errors.py").read_text().splitlines()
    remedy = 1 + next(n for n, line in enumerate(source) if code.remedy[:30] in line)
    meaning = 1 + next(n for n, line in enumerate(source) if code.meaning[:30] in line)
    _, problems = render_pages([ROOT / "docs" / "concepts" / "errors.md"])
    shows = "which docs/concepts/errors.md shows"
    assert "\n".join(problems).splitlines() == [
        (f"src/cloudws/errors.py:{meaning}: workstation_not_stopped's meaning, {shows}: "
         "`409 not_found`: `not_found` is answered with 404; 409's codes are "
         + ", ".join(sorted(c for c, e in ERROR_CODES.items() if e.status == 409))),
        (f"src/cloudws/errors.py:{remedy}: workstation_not_stopped's remedy, {shows}: "
         "`/v1/workstations/{id}/halt`: the API has no path /v1/workstations/{id}/halt; did "
         "you mean /v1/workstations/{id}?"),
    ], problems
    # the same words in two entries: each named in its own
    monkeypatch.setitem(ERROR_CODES, code.code, code)
    twins = ["method_not_allowed", "endpoint_removed"]
    for twin in twins:
        monkeypatch.setitem(ERROR_CODES, twin, replace(
            ERROR_CODES[twin], remedy="Use the call named in the `detail`, which answers `418`."))
    _, problems = render_pages([ROOT / "docs" / "concepts" / "errors.md"])
    said = "\n".join(problems).splitlines()
    lines = [int(next(p for p in said if f" {twin}'s remedy" in p).split(":")[1])
             for twin in twins]
    entries = [1 + next(n for n, line in enumerate(source) if f'"{twin}",' in line)
               for twin in twins]
    assert entries[0] <= lines[0] < entries[1] <= lines[1] < entries[1] + 6, (said, entries)
    # a page that names the placeholder in code shows no table: it is not held to them
    page = ROOT / "docs" / "concepts" / "pagination.md"
    named = page.read_text() + "\nWrite `{{ error_codes }}` where the table goes.\n"
    assert render_pages([page], {page: named})[1] == []


def test_a_description_no_page_built_shows_fails_the_build_after_the_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
) -> None:
    pointer = _with_planted(tmp_path, monkeypatch, "listVolumes")
    with caplog.at_level(logging.ERROR, logger="mkdocs"), \
            pytest.raises((Abort, PluginError)) as failure:
        _site(tmp_path, {"workstations/delete.md": GOOD_PAGE})
    said = f"{failure.value}\n{caplog.text}"
    assert (f": the description at {pointer} of the OpenAPI document, which no endpoint "
            "page shows, but /openapi.json publishes: `409 not_a_code`") in said, said
    assert (tmp_path / "site" / "workstations" / "delete" / "index.html").is_file()


def test_a_paths_own_parameters_are_no_operation_of_the_contract(monkeypatch) -> None:
    """OpenAPI lets a path declare parameters beside its operations (``parameters`` next
    to ``get``); the contract reads them as no operation, as the pages' tables do."""
    import importlib

    monkeypatch.syspath_prepend(str(HOOKS))
    references = importlib.import_module("references")
    document = load_document()
    plain = references.Contract.build(document, {}, set())
    path = next(iter(document["paths"]))
    document["paths"][path]["parameters"] = [
        {"in": "path", "name": "id", "required": True, "schema": {"type": "string"}}]
    built = references.Contract.build(document, {}, set())
    assert built.operations.keys() == plain.operations.keys()


#: A create page whose headers are written with values, lines 7 to 10 wrong, 11 right.
HEADER_VALUES_PAGE = """\
---
operation: createWorkstation
---

# Create workstation

It answers `Location: /v1/workstatons/ws-12345`, `Location: https://example.com/v1/workstations/ws-12345` or `Location: https://example.com/v1/volumes/vol-x`.
Send `Idempotency-Key: ""`, `Idempotency-Key: create-1` or `Idempotency-Key: $KEY`.
Send it to `Host: localhost:99999`, with `Authorization: Bearer`.
A `401` has `WWW-Authenticate: Bearer realm="api"`.
It never takes `Authorization: Token x` { .no-ref }.
It answers `Location: /v1/workstations/{id}`; send `Idempotency-Key: "create-1"` to `Host: localhost:8000`, never `Authorization: Token x`{ .no-ref }; a `401` has `WWW-Authenticate: bearer Realm = cloudws`.
"""


def test_a_header_written_with_a_value_is_held_to_what_the_api_takes(
    tmp_path: Path, caplog: pytest.LogCaptureFixture,
) -> None:
    """A value of a header the page's operation reads or sends: a ``Location`` is held as
    a path of the API is (never a URL), an ``Idempotency-Key`` as the stub parses it (quoting what the
    API answers), a ``Host`` as a host and port; a ``{ .no-ref }`` that follows no span
    (a space before it) is told, not shown as text."""
    said = _said(tmp_path, caplog, "workstations/create.md", HEADER_VALUES_PAGE)
    expected = [
        "7: `/v1/workstatons/ws-12345`: the API has no path /v1/workstatons/ws-12345",
        ("7: `Location: https://example.com/v1/workstations/ws-12345`: the API sends a path "
         "in Location, not a URL: `Location: /v1/workstations/ws-12345` (if it is meant"),
        ("7: `Location: https://example.com/v1/volumes/vol-x`: the API sends a path of its "
         "own in Location, not a URL; `/v1/volumes/vol-x`: vol-x is not a well-formed "
         "volume ID"),
        ('8: `Idempotency-Key: ""`: the API answers 400: "The Idempotency-Key header must '
         'not be empty."'),
        ('8: `Idempotency-Key: create-1`: Idempotency-Key is a quoted string (a Structured '
         'Field String): `Idempotency-Key: "create-1"`'),
        ('8: `Idempotency-Key: $KEY`: Idempotency-Key is a quoted string (a Structured '
         'Field String): `Idempotency-Key: "$KEY"`'),
        "9: `Host: localhost:99999`: a port is a number from 1 to 65535",
        ("9: `Authorization: Bearer`: a request's Authorization carries a token after the "
         "scheme (`Authorization: Bearer <token>`); one without it, the API answers 401: "
         '"The Authorization header has no token after Bearer: is the variable that holds '
         'it set?"'),
        ('10: `WWW-Authenticate: Bearer realm="api"`: the API sends `WWW-Authenticate: '
         'Bearer realm="cloudws"`'),
        "11: `{ .no-ref }` follows no span, and the page would show it as text",
        "11: `Authorization: Token x`: the API's authentication scheme is Bearer, not Token",
    ]
    for start in expected:
        assert any(line.startswith(start) for line in said), (start, said)
    assert not any(line.startswith("12:") for line in said), said
    assert not any(line.count("{ .no-ref }") > 1 for line in said), said  # advised once


def test_a_problem_found_by_reading_its_sentence_says_the_way_out_for_one_read_wrongly(
    checking: Checking,
) -> None:
    """A check that reads a sentence may read a right one wrongly: its problem says how to
    keep the sentence (say it another way, or follow its span with `{ .no-ref }`), and the
    way out it names passes. A problem that already says how to name a thing on purpose, a
    name no check had to read a sentence for (a link to another code's row), and an OpenAPI
    description's problem (which would publish `{ .no-ref }`) get none."""
    references, contract = checking
    delete = references.Page("workstations/delete.md", "deleteWorkstation")
    update = references.Page("workstations/update.md", "updateWorkstation")

    def told(text: str, page: references.Page = delete, **kwargs: bool) -> list[str]:
        return [p.message + p.advice
                for p in references.check(f"# T\n\nSee below.\n\n{text}\n", page, contract,
                                          **kwargs)]

    [said] = told("Deleting a running workstation answers `200`.")
    assert said.startswith("`200` is said for \"running workstation\""), said
    assert said.endswith(" (if the sentence is right and read wrongly: say it another way, "
                         "or follow `200` with { .no-ref })"), said
    assert told("Deleting a running workstation answers `200`{ .no-ref }.") == []
    [said] = told("Only running workstations can be updated.", update)
    assert said.endswith(" (if the sentence is right and read wrongly: say it another way, "
                         "or write one of its words as code followed by { .no-ref })"), said
    assert told("Only `running`{ .no-ref } workstations can be updated.", update) == []
    # a default read, a note's bold status (no span to follow), a list's order in words
    lists = references.Page("workstations/list.md", "listWorkstations")
    [said] = told("`limit` defaults to `50`.", lists)
    assert said.endswith("or follow `50` with { .no-ref })"), said
    # a note's bold or bare status takes { .no-ref } once written as code
    [said] = told("## Errors\n\n- **409 Conflict** — a workstation that does not exist.")
    assert said.endswith(" (if the sentence is right and read wrongly: say it another way, "
                         "or write it as code followed by { .no-ref }: `409`{ .no-ref })"), said
    assert told("## Errors\n\n- `409`{ .no-ref } Conflict — a workstation that does not "
                "exist.") == []
    table = "## Errors\n\n| Status | Code | When |\n| --- | --- | --- |\n"
    for status in ("400", "**400**"):
        [said] = told(f"{table}| {status} | `not_found` | x |")
        assert said.endswith("(if it is meant, as the old API's or a mistake shown on "
                             "purpose: write it as code followed by { .no-ref }: "
                             "`400`{ .no-ref })"), said
    assert told(f"{table}| `400`{{ .no-ref }} | `not_found` | x |") == []
    [said] = told("Workstations are sorted by name.", lists)
    assert said.endswith(" (if the sentence is right and read wrongly: say it another "
                         "way)"), said
    [said] = told("A delete answers `412` when it is busy.")
    assert said.count("{ .no-ref }") == 1 and "read wrongly" not in said, said
    [said] = told("[`invalid_id`](../errors.md#workstation_not_stopped) is told.")
    assert "links to the row of" in said and "{ .no-ref }" not in said, said
    assert told("Deleting a running workstation answers `200`.", document=True) != []
    assert not any("{ .no-ref }" in line
                   for line in told("Deleting a running workstation answers `200`.",
                                    document=True))


def test_a_field_the_reader_is_told_to_send_is_one_the_operation_takes(
    checking: Checking,
) -> None:
    """A field of the answers the reader is told to send ("Send `"status": "running"` to
    start it", "Set `id` in the body") on an endpoint page whose operation takes no such
    input is told, with what it takes; what it takes (in its body, query or path), a field
    said to be refused or not to be sent, a value passed as another input, and what the
    API sets or sends, pass."""
    references, contract = checking

    def told(page: str, operation: str, text: str) -> list[str]:
        return [p.message for p in references.check(
            f"# T\n\nSee below.\n\n{text}\n", references.Page(page, operation), contract)]

    create = ("workstations/create.md", "createWorkstation")
    assert told(*create, 'You can create it stopped by sending `"status": "stopped"`.') == [
        ("`status` is said to be sent to createWorkstation, which takes no such field (its "
         "body takes disk_size_gb, machine_type, name, volume_ids)")]
    assert told(*create, "Set `id` in the body to choose its ID.") == [
        ("`id` is said to be sent to createWorkstation, which takes no such field (its body "
         "takes disk_size_gb, machine_type, name, volume_ids)")]
    for text in ("Set `attached_to` to attach it.",
                 "To attach it, pass the workstation's ID as `attached_to` in the body.",
                 "The body may include `attached_to`."):
        assert told("volumes/create.md", "createVolume", text) == [
            ("`attached_to` is said to be sent to createVolume, which takes no such field (its "
             "body takes size_gb)")], text
    assert told("volumes/list.md", "listVolumes", "Send `status` to filter them.") == [
        ("`status` is said to be sent to listVolumes, which takes no such field (it takes no "
         "body; its query takes cursor, limit)")]
    assert told("workstations/start.md", "startWorkstation", 'Send `"name": "x"` too.') == [
        ("`name` is said to be sent to startWorkstation, which takes no such field (it takes "
         "no body)")]
    for page, operation, text in (
            (*create, "Send `name` and `machine_type`; set `volume_ids` to attach volumes."),
            (*create, "Sending `status` is refused with `400`; never send `id`."),
            ("volumes/create.md", "createVolume",
             "Pass the size in GiB as `size_gb`; the body may include nothing else."),
            ("workstations/get.md", "getWorkstation", "Set `id` in the path."),
            ("workstations/list.md", "listWorkstations",
             "Pass `next_cursor` back unchanged as `cursor`; pass `status` to filter."),
            ("workstations/get.md", "getWorkstation",
             "The API sets `updated_at` on each change; the answer includes `status`."),
            # sent to another operation, or asked and answered no
            ("workstations/delete.md", "deleteWorkstation",
             "Detach it first by sending `\"volume_ids\": []` in an update."),
            ("workstations/update.md", "updateWorkstation",
             "Send `status`? No: it is read-only, and the update answers `400`.")):
        assert told(page, operation, text) == [], text


def test_another_operations_header_said_to_be_ignored_passes(checking: Checking) -> None:
    """On an endpoint page, another operation's header said to be ignored by this one ("A
    delete ignores an `Idempotency-Key` header") is true of it and passes; said to be read,
    or a misspelt header said to be ignored, is told, and so is its own said ignored."""
    references, contract = checking
    delete = references.Page("workstations/delete.md", "deleteWorkstation")
    for sentence in ("A delete ignores an `Idempotency-Key` header.",
                     "An `Idempotency-Key` header is ignored by a delete."):
        assert references.check(f"# T\n\n{sentence}\n", delete, contract) == [], sentence
    for sentence in ("A delete reads the `Idempotency-Key` header.",
                     "The `Idempotency-Key` header is not ignored.",
                     "A delete ignores an `Idempotent-Key` header."):
        [told] = references.check(f"# T\n\n{sentence}\n", delete, contract)
        assert "is not a header of deleteWorkstation" in told.message, (sentence, told)
    # and its own header, one it takes, said to be ignored, is told
    create = references.Page("workstations/create.md", "createWorkstation")
    assert [p.message for p in references.check(
        "# T\n\nSee below.\n\nThe create ignores the `Idempotency-Key` header.\n", create,
        contract)] == [("`Idempotency-Key` is said to be ignored, but createWorkstation reads it "
                       "(a header it takes)")]
    assert references.check("# T\n\nSee below.\n\nThe create never ignores the "
                            "`Idempotency-Key` header.\n", create, contract) == []


def test_a_header_value_the_api_refuses_passes_where_its_clause_says_so(
    checking: Checking,
) -> None:
    """A header's value the API refuses, said in its clause to be refused (a 4xx status, a
    code of one, or the words), is shown as it is and passes; said to be taken, it is
    told; said with another error than its own, it is told that one."""
    references, contract = checking
    page = references.Page("workstations/update.md", "updateWorkstation")
    plain = ("`Content-Type: text/plain`: the API's bodies are "
             f"{', '.join(sorted(contract.media_types))}, not text/plain (if it is meant, as "
             "the old API's or a mistake shown on purpose: follow it with { .no-ref })")
    _each_told(references, page, contract, {
        "Sending `Content-Type: text/plain` works.": plain,
        "`Content-Type: text/plain` gets `200`.": plain,
        "`Content-Type: text/plain` never fails.": plain,
        "`Content-Type: text/plain` gets `404`.": (
            '`404` is said for "Content-Type: text/", which the API answers with `415` '
            "(`unsupported_media_type`)"),
    }, [
        "A body sent with `Content-Type: text/plain` gets `415`.",
        "A `Content-Type: text/plain` body is refused with `415`.",
        "With `Content-Type: text/plain` you get `unsupported_media_type`.",
        "`Authorization: Basic dTpw` gets `401`.",
    ])


def test_another_operations_request_on_an_endpoint_page_is_named_in_a_link(
    tmp_path: Path, caplog: pytest.LogCaptureFixture,
) -> None:
    """On an endpoint page, a request of another operation, not in a link, reads as the
    page's own: told, with the link to write; linked, or the page's own, it passes. A
    request shown whole in an http block has HTTP's headers too, which are as shown."""
    page = """\
---
operation: deleteWorkstation
---

# Delete workstation

Send `DELETE /v1/workstations/{id}`, never `PATCH /v1/workstations/{id}`.
[`POST /v1/workstations/{id}/stop`](stop.md) it first, or [`GET /v1/workstations/{id}`][get]
it, or [`GET /v1/workstations/{id}`]
[Get] it, or [`GET /v1/workstations/{id}`][get
] it. What curl sends:

```http
DELETE /v1/workstations/ws-12345 HTTP/1.1
User-Agent: curl/8.5.0
Accept: */*
Authorization: Bearer <token>
Idempotent-Key: "k"
```

[get]: get.md
"""
    said = _said(tmp_path, caplog, "workstations/delete.md", page)
    assert said == [("7: `PATCH /v1/workstations/{id}` is updateWorkstation's request, not "
                     "this page's: name it in a link to its page ([`PATCH "
                     "/v1/workstations/{id}`](update.md))"),
                    # a block's line: HTTP's own headers are as shown; a misspelling is not
                    ("18: `Idempotent-Key: \"k\"` is not a header of the API; did you mean "
                     "`Idempotency-Key`?")], said


SHOWN_BLOCKS_PAGE = """\
# Authentication

Send it to `https://api.cloudworkstation.example.com/v2/workstations` or `/v3/volumes/vol-scratch01`.

```http
GET /v2/workstations/ws-12345 HTTP/1.1
Authorization: Token <token>
Authorization: Bearer <token>
```

```text
https://api.cloudworkstation.example.com/v2
https://api.cloudworkstation.example.com/v1
```

```bash
export CLOUDWS_TOKEN=my-secret-token
export CLOUDWS_TOKEN=cws_test_me
export CLOUDWS_BASE_URL=http://127.0.0.1:8080
export CLOUDWS_BASE_URL=http://127.0.0.1:8080/v1/
export CLOUDWS_TOKN=cws_test_me
```

```http
Accept: application/json
```

The sandbox's is `http://127.0.0.1:8080/v2`, under `/v2`; not `http://127.0.0.1:8080/v1`.
"""


def test_what_a_text_or_http_block_shows_is_held_as_inline_code_is(
    tmp_path: Path, caplog: pytest.LogCaptureFixture,
) -> None:
    """Each line of a block shown as it is (```http, ```text), which nothing runs, is a
    reference: a request, a header, a base URL; so is a shell block's line that exports
    what the examples read, or a name misspelt for one. A version of the API other than its own is told, in prose too,
    with the path or URL meant."""
    said = _said(tmp_path, caplog, "concepts/authentication.md", SHOWN_BLOCKS_PAGE)
    expected = [
        ("3: `https://api.cloudworkstation.example.com/v2/workstations`: the API's paths "
         "start with /v1: did you mean /v1/workstations?"),
        ("3: `/v3/volumes/vol-scratch01`: the API's paths start with /v1: did you mean "
         "/v1/volumes/vol-scratch01?"),
        ("6: `GET /v2/workstations/ws-12345`: the API's paths start with /v1: did you mean "
         "/v1/workstations/ws-12345?"),
        "7: `Authorization: Token <token>`: the API's authentication scheme is Bearer, not Token",
        ("12: `https://api.cloudworkstation.example.com/v2`: the API's paths start with /v1: "
         "did you mean https://api.cloudworkstation.example.com/v1?"),
        ("17: `export CLOUDWS_TOKEN=my-secret-token`: every example sends it, and the "
         "sandbox answers 401: The token is not a sandbox token"),
        ("19: `export CLOUDWS_BASE_URL=http://127.0.0.1:8080`: the examples add the paths "
         "after it, so it ends with /v1, with nothing after: http://127.0.0.1:8080/v1"),
        ("20: `export CLOUDWS_BASE_URL=http://127.0.0.1:8080/v1/`: the examples add the paths "
         "after it, so it ends with /v1, with nothing after: http://127.0.0.1:8080/v1"),
        ("21: `export CLOUDWS_TOKN=cws_test_me` exports CLOUDWS_TOKN, which no example "
         "reads (they read CLOUDWS_BASE_URL and CLOUDWS_TOKEN): did you mean CLOUDWS_TOKEN?"),
        ("28: `http://127.0.0.1:8080/v2`: the API's paths start with /v1: did you mean "
         "http://127.0.0.1:8080/v1?"),
        "28: `/v2`: the API's paths start with /v1: did you mean /v1?",
    ]
    for start in expected:
        assert any(line.startswith(start) for line in said), (start, said)
    assert not any(line.startswith(("8:", "13:", "18:", "25:")) for line in said), said
    assert len([line for line in said if line.startswith("28:")]) == 2, said
    assert not any("{ .no-ref }" in line for line in said if line.startswith(("6:", "7:", "12:"))), said


def test_a_stub_that_cannot_make_its_document_is_named_in_one_line(tmp_path):
    """Made in a fresh interpreter (this one has imported the stub), the document's
    failure says what the stub said, such as a declared operation with no handler, not
    only that a process failed."""
    from cloudws import document

    said = ("RuntimeError: src/cloudws/app.py: restartWorkstation is declared in "
            "src/cloudws/operations.py but has no handler")
    python = tmp_path / "python"
    python.write_text("#!/bin/sh\nprintf 'Traceback (most recent call last):\\n  ...\\n"
                      f"%s\\n\\n' \"{said}\" >&2\nexit 1\n")
    python.chmod(0o755)
    with pytest.raises(RuntimeError) as failure:
        document._make_document(python=str(python))
    first, _, printed = str(failure.value).partition("\n")
    assert first == f"the stub's OpenAPI document could not be made (uv run cloudws openapi): {said}"
    assert printed == f"\nwhat it printed:\nTraceback (most recent call last):\n  ...\n{said}\n\n"


FIXTURE_CLAIMS_PAGE = """\
# Volumes

The sandbox starts with the running `ws-12345`: it owns `vol-data12345`.

`vol-scratch01` is attached to `ws-67890`, and `ws-67890` owns `vol-boot67890`.

Stop `ws-67890`. Once stopped, `ws-67890` is stopped; if `ws-12345` is running, stop it.
The stopped `ws-67890`{ .no-ref } is shown on purpose. `vol-boot12345` is standalone.

## Request examples

`vol-scratch01` is attached to `ws-67890`.
"""


def test_what_the_prose_says_of_the_sandboxs_starting_state_is_held_to_it(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """What never changes (which workstation owns a volume, a volume's kind) is held to the
    starting state anywhere; what changes (a state, what is attached), in a clause about
    the starting state. Told at the line, with what the state is. A clause that says when
    or asks, an ID given { .no-ref }, and one the sandbox does not start with, are not
    read."""
    said = _said(tmp_path, caplog, "concepts/volumes.md", FIXTURE_CLAIMS_PAGE)
    assert said == [
        ("3: running `ws-12345`: in the sandbox's starting state, `ws-12345` is stopped and "
         "owns `vol-boot12345`, with `vol-data12345` attached (if this is a later state, say "
         'when: "once", "after", "now")'),
        ("3: it owns `vol-data12345`: in the sandbox's starting state, `vol-data12345` is "
         "standalone, attached to `ws-12345`"),
        ("8: `vol-boot12345` is standalone: in the sandbox's starting state, `vol-boot12345` "
         "is owned by `ws-12345`"),
    ], said  # (what is attached, under Request examples: as often a step of an example's)
    monkeypatch.syspath_prepend(str(HOOKS))
    import references

    assert references.fixture_claims("The running `ws-u5fvlr50`, the stopped `ws-abcde`.") == []
    # what changes, said outside the starting state's paragraphs and sections: not read
    assert references.fixture_claims("`vol-scratch01` is attached to `ws-67890`.") == []
    # in other words, of the starting state: told; as it is, not
    wrong = ("The sandbox starts with `vol-scratch01` attached to `ws-67890`.\n\n"
             "In the starting state `ws-67890` has `vol-scratch01` attached.\n\n"
             "The sandbox starts with ``ws-67890`` running with the standalone "
             "``vol-scratch01`` attached, and the detached `vol-data12345`.\n\n"
             "The sandbox starts with `ws-12345`, a `standard-8` named `build-runner`.\n\n"
             "The sandbox starts with `ws-12345`, a `standard-4` named `dev-box`, with the "
             "standalone `vol-data12345` attached, and the detached `vol-scratch01`.")
    said = [(p.line, p.text) for p in references.fixture_claims(wrong)]
    assert said == [
        (1, "`vol-scratch01` attached to `ws-67890`"),
        (3, "`ws-67890` has `vol-scratch01` attached"),
        (5, "``ws-67890`` running with the standalone ``vol-scratch01`` attached"),
        (5, "the detached `vol-data12345`"), (7, "`ws-12345`, a `standard-8`")], said
    assert references.fixture_claims(
        "From the starting state, this request returns `ws-12345` running. From the starting "
        "state, `ws-12345` is running after a start. A start from `stopped` answers with "
        "`ws-12345` running. A store that starts from the fixtures keeps the detached "
        "``vol-data12345`` when ``ws-12345`` is deleted.") == []  # an example's, or later
    # the volumes a workstation's delete deletes: the ones it owns, and those alone
    assert [p.text for p in references.fixture_claims(
        "Deleting `ws-12345` deletes both `vol-boot12345` and `vol-data12345`. "
        "`vol-data12345` is deleted along with `ws-12345`. Deleting `ws-12345` deletes "
        "`vol-boot12345`; `vol-boot67890` is deleted with `ws-67890`.")] == [
            "Deleting `ws-12345` deletes both `vol-boot12345` and `vol-data12345`",
            "`vol-data12345` is deleted along with `ws-12345`"]
    # a second volume a workstation is said to own, after "and"
    assert [p.text for p in references.fixture_claims(
        "`ws-12345` owns both `vol-boot12345` and `vol-data12345`. `ws-12345` owns "
        "`vol-boot12345`, and `ws-67890` owns `vol-boot67890`.")] == [
            "`ws-12345` owns both `vol-boot12345` and `vol-data12345`"]
    assert references.fixture_claims(wrong)[-1].message == (
        "`ws-12345`, a `standard-8`: in the sandbox's starting state, `ws-12345` is a "
        '`standard-4` named `dev-box` (if this is a later state, say when: "once", "after", '
        '"now")')
    # a state in backticks, after "which is", or as the one it "starts" in
    assert [p.text for p in references.fixture_claims(
        "`ws-12345` starts `running` in the sandbox.\n\nIn the starting state, `ws-12345` is "
        "`running`.\n\nThe fixtures hold `ws-12345`, which is `running`.")] == [
            "`ws-12345` starts `running`", "`ws-12345` is `running`",
            "`ws-12345`, which is `running`"]
    assert references.fixture_claims(
        "`ws-67890` starts `running`, and `ws-12345` starts `stopped`.\n\nOnce started, "
        "`ws-12345` is `running`.") == []
    # of a sandbox said to be fresh: its starting state
    assert [p.text for p in references.fixture_claims(
        "On a sandbox just started, `vol-scratch01` is attached to `ws-67890`.\n\nIn a "
        "fresh sandbox, `ws-12345` is `running`.\n\nIn a fresh sandbox, `ws-67890` is "
        "`running`.")] == ["`vol-scratch01` is attached to `ws-67890`",
                           "`ws-12345` is `running`"]
    # a volume's kind and size (which never change, read anywhere), the machine a
    # workstation runs on (in the starting state)
    assert [p.message for p in references.fixture_claims(
        "`vol-scratch01` is an owned volume. The boot volume `vol-data12345` holds data. "
        "`vol-scratch01` has a `size_gb` of `200`; `vol-boot12345` is a `100` GiB volume.\n\n"
        "In the starting state, `ws-12345` runs on `standard-8`.")] == [
        ("`vol-scratch01` is an owned volume: in the sandbox's starting state, "
         "`vol-scratch01` is standalone, detached"),
        ("The boot volume `vol-data12345`: in the sandbox's starting state, `vol-data12345` "
         "is standalone, attached to `ws-12345`"),
        ("`vol-scratch01` has a `size_gb` of `200`: in the sandbox's starting state, "
         "`vol-scratch01` is 500 GiB"),
        ("`vol-boot12345` is a `100` GiB: in the sandbox's starting state, `vol-boot12345` is "
         "50 GiB"),
        ("`ws-12345` runs on `standard-8`: in the sandbox's starting state, `ws-12345` is a "
         '`standard-4` named `dev-box` (if this is a later state, say when: "once", "after", '
         '"now")')]
    assert references.fixture_claims(
        "`vol-boot12345` is the boot volume of `ws-12345`; the owned volume `vol-boot67890` is "
        "`100` GiB, and `vol-scratch01`, a `500` GiB volume, has a `size_gb` of `500`.\n\n"
        "After the update, `ws-12345` runs on `standard-8`.") == []
    # a size in other shapes; a difference of sizes is none; a later machine, said so
    assert [p.text for p in references.fixture_claims(
        "`vol-scratch01` (`200` GiB) is detached. `vol-scratch01`'s `size_gb` is `200`. The "
        "`200` GiB `vol-scratch01` is free. `vol-scratch01` has `200` GiB.")] == [
        "`vol-scratch01` (`200` GiB)", "`vol-scratch01`'s `size_gb` is `200`",
        "The `200` GiB `vol-scratch01`", "`vol-scratch01` has `200` GiB"]
    # what never changes, said of a later time all the same; a machine in other shapes,
    # after a colon that follows the starting state
    assert [p.text for p in references.fixture_claims(
        "Once attached, `vol-scratch01` is an owned volume.\n\nThe sandbox starts with "
        "`ws-67890`, which runs on `standard-4`, and `ws-12345` (a `standard-8`).\n\nThe "
        "sandbox starts with two workstations: `ws-12345` runs on `standard-8`.\n\nThe "
        "sandbox starts with `ws-12345`, a stopped `standard-8`, and `ws-67890` running on "
        "`gpu-t4`.")] == [
        "`vol-scratch01` is an owned volume", "`ws-67890`, which runs on `standard-4`",
        "`ws-12345` (a `standard-8`", "`ws-12345` runs on `standard-8`",
        "`ws-12345`, a stopped `standard-8`", "`ws-67890` running on `gpu-t4`"]
    # said of the time the sandbox starts ("when the sandbox starts"): its start's
    assert [p.text for p in references.fixture_claims(
        "`ws-67890` is named `dev-box` when the sandbox starts. When the sandbox starts, "
        "`ws-12345` is `running`.")] == ["`ws-67890` is named `dev-box`", "`ws-12345` is `running`"]
    assert references.fixture_claims("When the sandbox starts, `ws-12345` is `stopped`.") == []
    # how many it starts with, said of the sandbox: not of a kind, nor of each
    assert [p.message for p in references.fixture_claims(
        "The sandbox starts with three volumes: `vol-boot12345`, `vol-data12345` and "
        "`vol-boot67890`.")] == [
        ("sandbox starts with three volumes: the sandbox starts with 4 volumes "
         "(`vol-boot12345`, `vol-data12345`, `vol-boot67890`, `vol-scratch01`)")]
    assert references.fixture_claims(
        "The sandbox starts with two workstations. The sandbox starts with 4 volumes. The "
        "sandbox starts with one running workstation. Each workstation starts with one "
        "volume. The sandbox starts with two volumes that are standalone.") == []
    # two volumes, one kind: each held to it
    assert [p.message for p in references.fixture_claims(
        "`vol-scratch01` and `vol-data12345` are owned volumes. `vol-scratch01` and "
        "`vol-boot12345` are both standalone.")] == [
        ("`vol-scratch01` and `vol-data12345` are owned volumes: in the sandbox's starting "
         "state, `vol-scratch01` is standalone, detached"),
        ("`vol-scratch01` and `vol-boot12345` are both standalone: in the sandbox's starting "
         "state, `vol-boot12345` is owned by `ws-12345`")]
    assert references.fixture_claims(
        "`vol-boot12345` and `vol-boot67890` are owned volumes; `vol-scratch01` and "
        "`vol-data12345` are standalone volumes.") == []
    assert [p.text for p in references.fixture_claims(
        "`vol-data12345` and `vol-boot12345` are owned by `ws-12345`. `vol-boot12345` and "
        "`vol-data12345` are each owned volumes. `vol-boot12345` and `vol-data12345` are the "
        "owned volumes of `ws-12345`.")] == [
            "`vol-data12345` and `vol-boot12345` are owned by `ws-12345`",
            "`vol-boot12345` and `vol-data12345` are each owned volumes",
            "`vol-boot12345` and `vol-data12345` are the owned volumes"]
    assert [p.text for p in references.fixture_claims(
        "`ws-12345` owns two volumes, `vol-boot12345` and `vol-data12345`. `vol-data12345` and "
        "`vol-scratch01` are both 200 GiB.")] == [
            "`ws-12345` owns two volumes, `vol-boot12345` and `vol-data12345`",
            "`vol-data12345` and `vol-scratch01` are both 200 GiB"]
    assert references.fixture_claims(
        "`vol-data12345` and `vol-scratch01` are 200 GiB and 500 GiB.") == []
    assert references.fixture_claims(  # (a belief reported)
        "It is a common mistake to think `vol-boot12345` and `vol-data12345` are owned "
        "volumes.") == []
    assert references.fixture_claims(
        "If it were attached, would `vol-scratch01` be an owned volume? No: it is never "
        "owned.") == []
    assert references.fixture_claims(
        "`vol-scratch01` is `300` GiB larger than `vol-data12345`.\n\nStarting from the "
        "fixtures, a `PATCH` that sends `machine_type` `standard-8` means `ws-12345` runs on "
        "`standard-8`.") == []
    # both states, each after its ID, in one sentence: the whole check passes it (the
    # second ID is no value listed with the first state), and holds each ID to its own
    from cloudws import models

    contract = references.Contract.build(
        load_document(), {code: e.status for code, e in ERROR_CODES.items()},
        {"ws-12345", "ws-67890"},
        {models.WORKSTATION_ID_PREFIX: ("workstation", models.WORKSTATION_ID_PATTERN)})
    home = references.Page("index.md", None)
    both = "# Home\n\nIn the starting state, `ws-12345` is `stopped` and `ws-67890` is `{}`.\n"
    assert references.check(both.format("running"), home, contract) == []
    assert [p.text for p in references.check(both.format("stopped"), home, contract)] == [
        "`ws-67890` is `stopped`"]


def test_a_json_member_shown_alone_names_a_field_of_the_pages_operation(
    tmp_path: Path, caplog: pytest.LogCaptureFixture,
) -> None:
    """```"volume_ids": []``` names a field as ```volume_ids``` does: one a letter off is
    told, with the field meant."""
    page = ('---\noperation: updateWorkstation\n---\n\n# Update workstation\n\n'
            'To detach them all, send `"volume_id": []`; or send `"volume_ids": []`, with '
            '`"accept": "application/json"` among the headers.\n')
    said = _said(tmp_path, caplog, "workstations/update.md", page)
    assert said == [
        ("7: `volume_id` is called a field, but updateWorkstation has no such field; did you "
        "mean `volume_ids`? (to name one it does not have on purpose, follow it with "
        "{ .no-ref })")], said


def test_the_members_said_to_answer_a_call_are_the_sandboxs(checking_fixtures: Checking
                                                            ) -> None:
    """Members of an answer said right after what answers them, with no status ("`GET
    /v1/volumes/vol-data12345` answers `"size_gb": 500`"), are held to what the sandbox
    answers, in its fixture state: a request, a call by its verb on a fixture's ID, either
    after a call said to be made first; an error answered is told with its status."""
    references, contract = checking_fixtures
    get = references.Page("volumes/get.md", "getVolume")
    _each_told(references, get, contract, {
        "`GET /v1/volumes/vol-data12345` answers `\"size_gb\": 500`.": (
            "`GET /v1/volumes/vol-data12345` is said to answer with `\"size_gb\": 500`, but the "
            "sandbox's answer has `\"size_gb\": 200` (in its fixture state)"),
        ("Once `ws-12345` is deleted, `GET /v1/volumes/vol-boot12345` answers "
         "`\"attached_to\": null`."): (
            "`GET /v1/volumes/vol-boot12345` after deleteWorkstation on `ws-12345` is said to "
            "answer with `\"attached_to\": null`, but the sandbox answers `404` (`not_found`) "
            "(in its fixture state)"),
    }, [
        "`GET /v1/volumes/vol-data12345` answers `\"size_gb\": 200` and `\"standalone\": true`.",
        ("Once `ws-12345` is deleted, `GET /v1/volumes/vol-data12345` answers "
         "`\"attached_to\": null`."),
        "`GET /v1/volumes/vol-data12345` never answers `\"size_gb\": 500`.",
    ])
    delete = references.Page("workstations/delete.md", "deleteWorkstation")
    _each_told(references, delete, contract, {
        "Deleting `ws-12345` answers `\"detached_volume_ids\": [\"vol-boot12345\"]`.": (
            "deleteWorkstation on `ws-12345` is said to answer with `\"detached_volume_ids\": "
            "[\"vol-boot12345\"]`, but the sandbox's answer has `\"detached_volume_ids\": "
            "[\"vol-data12345\"]` (in its fixture state)"),
        "Deleting `ws-67890` on a fresh sandbox answers `\"status\": \"deleted\"`.": (
            "deleteWorkstation on `ws-67890` is said to answer with `\"status\": \"deleted\"`, "
            "but the sandbox answers `409` (`workstation_not_stopped`) (in its fixture state)"),
    }, [
        ("Deleting `ws-12345` answers `\"status\": \"deleted\"`, `\"deleted_volume_ids\": "
         "[\"vol-boot12345\"]`."),
        "Stop `ws-67890`. Deleting `ws-67890` answers `\"status\": \"deleted\"`.",
    ])
    # fields of the answer said in words after it, each with its value
    stop = references.Page("workstations/stop.md", "stopWorkstation")
    _each_told(references, stop, contract, {
        ("Stopping `ws-12345`, which is already stopped, answers `200` and moves its "
         "`updated_at` to `2026-02-01T12:00:00Z`."): (
            "`200` is said for stopWorkstation on `ws-12345` with `\"updated_at\": "
            "\"2026-02-01T12:00:00Z\"`, but the sandbox's answer has `\"updated_at\": "
            "\"2026-01-09T17:45:00Z\"` (in its fixture state)"),
        ("Stopping `ws-67890` on a fresh sandbox answers `\"status\": \"stopped\"` with its "
         "`updated_at` still `2026-01-06T14:30:00Z`."): (
            "stopWorkstation on `ws-67890` is said to answer with `\"status\": \"stopped\"` "
            "and `\"updated_at\": \"2026-01-06T14:30:00Z\"`, but the sandbox's answer has "
            "`\"updated_at\": \"2026-02-01T12:00:00Z\"` (in its fixture state)"),
    }, ["Stopping `ws-67890` answers `200`, and its `status` is now `stopped`.",
        ("Stopping `ws-12345` on a fresh sandbox answers `200`, and its `updated_at` stays "
         "`2026-01-09T17:45:00Z`.")])
    # a request sent with a body: sent with it
    create = references.Page("volumes/create.md", "createVolume")
    _each_told(references, create, contract, {
        "`POST /v1/volumes` with `{\"size_gb\": 250}` answers `\"standalone\": false`.": (
            "`POST /v1/volumes` with `{\"size_gb\": 250}` is said to answer with "
            "`\"standalone\": false`, but the sandbox's answer has `\"standalone\": true` (in "
            "its fixture state)"),
        "`POST /v1/volumes` with `{\"size_gb\": 0}` answers `\"size_gb\": 0`.": (
            "`POST /v1/volumes` with `{\"size_gb\": 0}` is said to answer with `\"size_gb\": "
            "0`, but the sandbox answers `400` (`validation_error`) (in its fixture state)"),
    }, ["`POST /v1/volumes` with `{\"size_gb\": 250}` answers `\"size_gb\": 250`."])


def test_a_status_said_for_a_request_by_its_method_alone_or_always_is_read(
        checking_fixtures: Checking) -> None:
    """A status said for a request named by its method alone, as the clause's subject ("a
    `GET` of that ID answers `404`"), on another operation's page, passes where an
    operation of that method documents it (one none documents is told); a request said to get a status "always" or
    "also" is held to the sandbox's answer as without the word."""
    references, contract = checking_fixtures
    create = references.Page("volumes/create.md", "createVolume")
    _each_told(references, create, contract, {
        "A `GET` of that ID answers `412`.": (
            "`412`: createVolume does not document status 412 (it documents 201, 400, 401, "
            "409, 413, 415, 422, 500) (to name one the API does not answer, on purpose: "
            "follow it with { .no-ref })"),
    }, ["After its delete, a `GET` of that ID still answers `404`."])
    changelog = references.Page("changelog.md", None)
    _each_told(references, changelog, contract, {
        "`GET /v1/workstations/ws-67890%2Fstop` always gets `404`.": (
            "`404` is said for `GET /v1/workstations/ws-67890%2Fstop`, which the sandbox "
            "answers with `400` (`invalid_id`) (in its fixture state)"),
    }, ["`GET /v1/workstations/ws-67890%2Fstop` also gets `400`."])


def test_what_the_delete_page_says_its_example_leaves_is_the_sandboxs(
        checking_fixtures: Checking) -> None:
    """On an endpoint page, what its example's answer lists ("Its `deleted_volume_ids` lists
    `vol-data12345`"), whether it has a body ("answers `200` with an empty body"), and what
    a resource named alone answers after it ("After the delete, `vol-data12345` answers
    `404`") are held to the sandbox's answers, from its fixture state."""
    references, contract = checking_fixtures
    delete = references.Page("workstations/delete.md", "deleteWorkstation")
    _each_told(references, delete, contract, {
        "Its `deleted_volume_ids` lists `vol-data12345`.": (
            "`deleted_volume_ids` is said to list `vol-data12345`, but in the sandbox's answer "
            "to deleteWorkstation's example (on `ws-12345`) it lists `vol-boot12345` (in its "
            "fixture state)"),
        "The answer's `detached_volume_ids` holds only `vol-boot12345`, `vol-data12345`.": (
            "`detached_volume_ids` is said to list `vol-boot12345`, `vol-data12345`, but in the "
            "sandbox's answer to deleteWorkstation's example (on `ws-12345`) it lists "
            "`vol-data12345` (in its fixture state)"),
        "The delete answers `200` with an empty body.": (
            "`200` is said to come with no body, but the sandbox answers deleteWorkstation's "
            "example with `200` and `{\"id\": \"ws-12345\", \"status\": \"deleted\", "
            "\"deleted_volume_ids\": [\"vol-boot12345...` (in its fixture state)"),
        "After the delete, `vol-data12345` answers `404`.": (
            "`404` is said for `vol-data12345` (getVolume) after deleteWorkstation on "
            "`ws-12345`, which the sandbox answers with `200` (in its fixture state)"),
        "Once `ws-12345` is deleted, `vol-data12345` answers `409`.": (
            "`409` is said for `vol-data12345` (getVolume) after deleteWorkstation on "
            "`ws-12345`, which the sandbox answers with `200` (in its fixture state)"),
    }, [
        "Its `deleted_volume_ids` lists `vol-boot12345`.",
        "Its `detached_volume_ids` holds only `vol-data12345`.",
        "Its `deleted_volume_ids` never lists `vol-data12345`.",
        "The delete answers `200` with a JSON body.",
        "Deleting a volume answers `200` with an empty body.",
        "After the delete, `vol-boot12345` answers `404`, and `vol-data12345` answers `200`.",
        # (the first call refused there: a running workstation's delete, not followed)
        "Once `ws-67890` is deleted, `vol-boot67890` answers `404`.",
    ])
    _each_told(references, references.Page("index.md", None), contract, {}, [
        "A `HEAD /v1/workstations/ws-12345` answers `200` with no content."])
    # the example answer's, a request's own, and a list of resources, by their IDs
    _each_told(references, delete, contract, {
        "The example answer's `detached_volume_ids` holds only `vol-boot12345`.": (
            "`detached_volume_ids` is said to list `vol-boot12345`, but in the sandbox's answer "
            "to deleteWorkstation's example (on `ws-12345`) it lists `vol-data12345` (in its "
            "fixture state)"),
        "`DELETE /v1/workstations/ws-12345` answers `200` and no content.": (
            "`200` is said to come with no body, but the sandbox answers `DELETE "
            "/v1/workstations/ws-12345` with `200` and `{\"id\": \"ws-12345\", \"status\": "
            "\"deleted\", \"deleted_volume_ids\": [\"vol-boot12345...` (in its fixture state)"),
    }, [])
    listing = references.Page("volumes/list.md", "listVolumes")
    _each_told(references, listing, contract, {
        "The example answer's `data` lists `ws-12345`.": (
            "`data` is said to list `ws-12345`, but in the sandbox's answer to listVolumes's "
            "example it lists `vol-boot12345`, `vol-data12345` (in its fixture state)"),
    }, ["The example answer's `data` lists `vol-boot12345`."])


def test_a_call_said_with_a_body_is_sent_it(checking_fixtures: Checking) -> None:
    """A call said by its verb with a body ("Creating a workstation with `"volume_ids":
    [...]`", "Updating `ws-12345` with `{...}`") gets what the sandbox answers the
    operation's request sent with it (a body in part, with the example's required fields it
    lacks): a status, its code, or the members said as its answer."""
    references, contract = checking_fixtures
    create = references.Page("workstations/create.md", "createWorkstation")
    _each_told(references, create, contract, {
        ("Creating a workstation with `\"volume_ids\": [\"vol-data12345\"]` answers `409` "
         "`volume_owned`."): (
            "`409` `volume_owned` is said for createWorkstation with `{\"volume_ids\": "
            "[\"vol-data12345\"]}`, which the sandbox answers with `409` (`volume_attached`) "
            "(in its fixture state)"),
    }, [("Creating a workstation with `\"volume_ids\": [\"vol-data12345\"]` answers `409` "
         "`volume_attached`.")])
    update = references.Page("workstations/update.md", "updateWorkstation")
    _each_told(references, update, contract, {
        "Updating `ws-12345` with `\"volume_ids\": []` answers `\"volume_ids\": []`.": (
            "updateWorkstation on `ws-12345` with `{\"volume_ids\": []}` is said to answer "
            "with `\"volume_ids\": []`, but the sandbox's answer has `\"volume_ids\": "
            "[\"vol-boot12345\"]` (in its fixture state)"),
    }, [("Updating `ws-12345` with `{\"volume_ids\": []}` answers `200` with "
         "`\"volume_ids\": [\"vol-boot12345\"]`."),
        "Updating `ws-67890` with `\"name\": \"x\"` answers `409`: it is running.",
        "Updating `ws-12345` with `\"volume_ids\": []` never answers `409`."])


def test_a_python_expression_said_to_be_a_value_is_that_value(checking: Checking) -> None:
    """A Python expression of the stub's said to be a value in code ("`cloudws.app.
    TOKEN_PREFIX` is `"cws_test_"`"; on a reference page, one of the names of the modules
    it shows) is evaluated: another value, or a container said to hold one it does not, is
    told. A string's value may be written bare (a pattern, a URL); a condition, a later time
    or a denial before it, or anything but the clause's end after the value, is not read."""
    references, contract = checking
    page = references.Page("reference/errors.md", None)
    shows = "::: cloudws.errors\n\n::: cloudws.operations.OPERATIONS\n\n"

    def told(sentence: str) -> list[str]:
        return [p.message for p in references.check(f"# T\n\n{shows}{sentence}\n", page,
                                                    contract)]

    assert told("`ERROR_CODES[\"payload_too_large\"].title` is `\"Payload Too Large\"`.") == [(
        "`ERROR_CODES[\"payload_too_large\"].title` is said to be `\"Payload Too Large\"`, "
        "but it is `'Content Too Large'` (evaluated against the stub)")]
    assert told("`OPERATIONS[\"deleteWorkstation\"].errors` includes `410`.") == [(
        "`OPERATIONS[\"deleteWorkstation\"].errors` is said to hold `410`, but it holds "
        "`400`, `401`, `404`, `409`, `413`, `500` (evaluated against the stub)")]
    assert told("`cloudws.testing.BASE_URL` is `https://api.cloudworkstation.example.com`.") == [(
        "`cloudws.testing.BASE_URL` is said to be `https://api.cloudworkstation.example.com`, "
        "but it is `'https://api.cloudworkstation.example.com/v1'` (evaluated against the "
        "stub)")]
    for true in ("`ERROR_CODES[\"payload_too_large\"].title` is `\"Content Too Large\"`.",
                 "`ERROR_CODES[\"not_found\"].status` is `404`, as on every page.",
                 "`cloudws.testing.BASE_URL` is `https://api.cloudworkstation.example.com/v1`.",
                 "`OPERATIONS[\"deleteWorkstation\"].errors` includes `409`.",
                 # not read: a condition, a denial, more after the value, an unknown name
                 "After a change, `ERROR_CODES[\"not_found\"].status` is `410`.",
                 "`ERROR_CODES[\"not_found\"].status` is not `410`.",
                 "`ERROR_CODES[\"not_found\"].status` is `410` in the old API.",
                 "`UNKNOWN[\"x\"]` is `1`."):
        assert told(true) == [], true
    # a name of the Python objects a reference page shows is no field of the API's
    app = references.Page("reference/app.md", None)
    sentence = "An observer's `Exchange` has `fields`, the problem's fields."
    assert references.check(f"# T\n\n::: cloudws.app\n\n{sentence}\n", app, contract) == []
    assert [p.message for p in references.check(f"# T\n\n{sentence}\n", app, contract)] == [
        "`fields` is not an error code or a field of the API; did you mean `field`?"]


def test_a_name_called_a_parameter_is_one_of_the_operations_fields_or_parameters(
        checking: Checking) -> None:
    """A snake_case name the words call a parameter ("a `force` query parameter") is one of
    the page's operation's fields and parameters (on a page of no operation, the API's):
    one it has not is told, with them; one said to be none ("there is no `force`
    parameter"), shown as unknown, or said to be refused, passes."""
    references, contract = checking
    delete = references.Page("workstations/delete.md", "deleteWorkstation")
    _each_told(references, delete, contract, {
        "A delete takes a `force` query parameter that deletes a running workstation.": (
            "`force` is called a parameter, but deleteWorkstation has no such parameter (its "
            "parameters are id; to name one it does not have, follow it with { .no-ref })"),
    }, [
        "There is no `force` parameter: stop the workstation first.",
        "No operation of the API takes a `force` query parameter.",
        "The `id` path parameter is the workstation's ID.",
    ])
    listing = references.Page("volumes/list.md", "listVolumes")
    _each_told(references, listing, contract, {
        "The parameters `offset` and `cursor` page through the list.": (
            "`offset` is called a parameter, but listVolumes has no such parameter (its parameters "
            "are cursor, limit; to name one it does not have, follow it with { .no-ref })"),
    }, ["The `limit` query parameter caps a page; the `cursor` parameter goes on from it."])
    # another operation's, on an endpoint page: told, unless its clause names another
    _each_told(references, references.Page("workstations/list.md", "listWorkstations"),
               contract, {
        "Pick the workstation with the `id` path parameter.": (
            "`id` is called a parameter, but listWorkstations takes no such parameter (its "
            "parameters are cursor, limit, status); another operation's: link it to that "
            "operation's page"),
    }, ["Filter with the `status` query parameter.",
        "A get takes the `id` path parameter; a list takes none."])
    _each_told(references, references.Page("concepts/errors.md", None), contract, {}, [
        "An unknown query parameter, such as `force`, gets `400`.",
        "A `page` parameter gets `400`."])


def test_a_field_said_to_be_a_workstations_or_a_volumes_is_one_of_theirs(
    tmp_path: Path, caplog: pytest.LogCaptureFixture,
) -> None:
    """"A workstation's `attached_to`" names a volume's field: told, with whose it is; so
    does `workstation.attached_to`. A snake_case name neither has ("the workstation's
    `ip_address`", `volume["mount_path"]`) is told with their fields, or the one a letter
    off. A workstation's own field, its state, an error code, a word that is no field (its
    `own` volume), a name said to be none, and what pydantic's models have
    (`workstation.model_dump`), pass."""
    page = ("# Volumes\n\nA workstation's `attached_to` lists its volumes; a workstation's "
            "`volume_ids` does, and a volume's `attached_to` names its workstation, or a "
            "volume's `running` state. A workstation's `disk_size_gb` is its request's.\n"
            "Connect to the workstation's `ip_address`, or read `workstation.attached_to`.\n"
            "A volume's `volume_owned` error is no field; `volume[\"mount_path\"]` and a "
            "workstation's `volume_id` are told, not `workstation.volume_ids` or a volume's "
            "`Size`.\nA workstation's `own` volume goes with it; a volume's `workstation_id` "
            "is not a field. `workstation.model_fields` lists them, and "
            "`volume.model_dump()` gives them.\n")
    said = _said(tmp_path, caplog, "concepts/volumes.md", page)
    assert said == [
        ("3: `attached_to` is called a workstation's field, but it is a field of "
         "Volume, VolumeList, none of them Workstation's"),
        ("4: `ip_address` is called a workstation's field, but a workstation has no such "
         "field (Workstation's fields are created_at, id, machine_type, name, status, "
         "updated_at, volume_ids; to name one it does not have on purpose, follow it with "
         "{ .no-ref })"),
        ("4: `attached_to`, in `workstation.attached_to`, is called a workstation's field, "
         "but it is a field of Volume, VolumeList, none of them Workstation's"),
        ("5: `mount_path`, in `volume[\"mount_path\"]`, is called a volume's field, but a "
         "volume has no such field (Volume's fields are attached_to, created_at, id, "
         "size_gb, standalone; to name one it does not have on purpose, follow it with "
         "{ .no-ref })"),
        # (a field a letter off is told as any span is, whoever it is said to be of)
        "5: `volume_id` is not an error code or a field of the API; did you mean `volume_ids`?",
    ], said


def test_a_status_written_bare_after_an_answer_is_told_to_be_written_as_code(
    tmp_path: Path, caplog: pytest.LogCaptureFixture,
) -> None:
    """"gets 422" is a status no check reads: told, with the span to write, and what would
    be told of it as code. A heading's, a note's title, and a number of something else
    ("gets 100 GiB"), pass."""
    page = ("# Errors\n\n## When you get a 401\n\nA bad ID gets 422. A create returns 100 "
            "GiB; a list returns 20 items, and a stop answers `200`.\nA delete ends in a "
            "418, yields a 419 or is answered with 420.\nPages return 100, 100, then 50; a "
            "full page yields a 100-item list; IDs end in 345.\nExpect a 421 back; it sends "
            "back a 424, and you receive a 423; expect 100 items; expect 200 in `size_gb`.\n"
            "`not_found` comes with 425; a page comes with 100 items.\n\n"
            '!!! tip "Got a 426?"\n    Read its `code`.\n\n??? note "If you get 427"\n'
            "    Read its `code`.\n")
    said = [line.partition(" (it documents ")[0] + (" (it documents " if " (it documents " in line
                                                     else "")
            for line in _said(tmp_path, caplog, "concepts/errors.md", page)
            if "without backticks" in line]  # (the sizes are the facts check's to tell)
    assert said == [("5: 422 after 'gets' is a status written without backticks, which no "
                     "check reads: write `422`")] + [  # ("ends in", "yields": with "a")
        (f"6: {status} after {verb!r} is a status written without backticks, which no check "
         f"reads: write `{status}`; as code, it would be told too: the API does not document "
         f"status {status} (it documents ")
        for status, verb in ((418, "ends in"), (419, "yields"), (420, "answered with"))
    ] + [
        (f"8: {status} after {verb!r} is a status written without backticks, which no check "
         f"reads: write `{status}`; as code, it would be told too: the API does not document "
         f"status {status} (it documents ")
        for status, verb in ((421, "Expect"), (424, "sends back"), (423, "receive"))
    ] + [
        ("9: 425 after 'comes with' is a status written without backticks, which no check "
         "reads: write `425`; as code, it would be told too: the API does not document "
         "status 425 (it documents ")
    ], said


def test_a_bare_status_denied_on_an_endpoint_page_is_told_only_to_be_written_as_code(
    checking: Checking,
) -> None:
    """On an endpoint page, a bare status its operation does not document, denied ("never
    fails with HTTP 409"), is told to be written as code alone: as code, it would pass."""
    references, contract = checking
    stop = references.Page("workstations/stop.md", "stopWorkstation")
    bare = ("409 after 'fails with' is a status written without backticks, which no check "
            "reads: write `409`")
    _each_told(references, stop, contract, {
        "Stopping never fails with HTTP 409.": bare,
        "Stopping fails with 409.": (
            bare + "; as code, it would be told too: stopWorkstation does not document status "
            f"409 (it documents {', '.join(map(str, sorted(contract.operations['stopWorkstation'].statuses)))}); "
            "if it is another operation's, link it to that operation's page, or follow it "
            "with { .no-ref }")}, [])


def test_a_status_in_bold_after_an_answer_or_a_note_with_its_reason_is_told(
    checking: Checking,
) -> None:
    """A status in bold after an answering verb ("answers **412**") is read by no check:
    told, with what to write and what would be told of it then. A note opened by a bold
    status with its reason ("- **409 Conflict** —") is read as one opened by the status
    alone, and its reason must be the status's. Bold words that open a note without a
    status, or a status in bold that opens a sentence, pass."""
    references, contract = checking
    page = references.Page("workstations/delete.md", "deleteWorkstation")
    documents = ("deleteWorkstation does not document status 412 (it documents 200, 400, "
                 "401, 404, 409, 413, 500)")
    _each_told(references, page, contract, {
        "The delete answers **412**.": (
            "412 after 'answers' is a status written in bold, which no check reads: write "
            f"`412`; as code, it would be told too: {documents} (to name one the API does not "
            "answer, on purpose: follow it with { .no-ref })"),
        "A running workstation gets **409**.": (
            "409 after 'gets' is a status written in bold, which no check reads: write `409`"),
        "## Errors\n\n- **412 Precondition Failed** — the workstation is stopped.": (
            f"**412**: {documents} (to name one the API does not answer, on purpose: write it "
            "as code followed by { .no-ref }: `412`{ .no-ref })"),
        "## Errors\n\n- **409 Conflicted** — stop it first.": (
            "**409 Conflicted** opens a note with a reason that is not 409's: write **409 "
            "Conflict**, or **409** alone"),
    }, ["- **Step 1** — stop it.", "**200 OK** is what a delete answers.",
        "## Errors\n\n- **409** — stop it first.",
        "## Errors\n\n- **409 Conflict** — stop it first.",
        "## Errors\n\n- **413 Payload Too Large** — send less (RFC 7231's phrase).",
        "## Errors\n\n- `412`{ .no-ref } Precondition Failed — the workstation is stopped."])
    # read as the status alone is: a state after it, one note per code naming it first
    _each_told(references, page, contract, {
        "## Errors\n\n- **409 Conflict** — the workstation is stopped.": (
            "**409** is said for a stopped workstation, which deleteWorkstation answers with "
            "`200` (as its example gets from the sandbox)")}, [])
    volume = references.Page("volumes/delete.md", "deleteVolume")
    _each_told(references, volume, contract, {}, [
        ("## Errors\n\n- **409 Conflict** — `volume_attached`: it is attached.\n"
         "- **409 Conflict** — `volume_owned`: a workstation owns it.")])


def test_a_note_that_denies_its_status_or_shows_what_gets_it_passes(
    checking: Checking,
) -> None:
    """A note of the Errors list that says the operation never answers its status ("- **409**
    — never: ...", "| 410 | not this call ... |", "only the removed ... answers it") passes;
    so does a query's value or an ID shown in the note of the status it gets (`limit=500` in
    the `400`'s, `ws-99999` in the `404`'s). The same status without the denial, or the
    value in another status's note, is told."""
    references, _ = checking
    from cloudws import models

    contract = references.Contract.build(
        load_document(), {code: e.status for code, e in ERROR_CODES.items()},
        {"ws-12345", "ws-67890"},
        {models.WORKSTATION_ID_PREFIX: ("workstation", models.WORKSTATION_ID_PATTERN)})
    get = references.Page("workstations/get.md", "getWorkstation")
    listing = references.Page("workstations/list.md", "listWorkstations")
    delete = references.Page("workstations/delete.md", "deleteWorkstation")
    errors = "See below.\n\n## Errors\n\n"
    _each_told(references, get, contract, {
        errors + "- **409** — the workstation is busy.": (
            "**409**: getWorkstation does not document status 409 (it documents 200, 400, 401, "
            "404, 413, 500); if it is another operation's, link it to that operation's page, or "
            "write it as code followed by { .no-ref }: `409`{ .no-ref }"),
    }, [errors + "- **409** — never: a read conflicts with nothing.",
        errors + "- **404** — no workstation has the ID,\n  as with `ws-99999`."])
    _each_told(references, delete, contract, {}, [
        errors + "- **410** — only the removed `GET` delete answers it.",
        (errors + "| Status | When |\n| --- | --- |\n| 410 | not this call: only the removed "
         "`GET` delete answers it |"),
        errors + "| Status | Code | When |\n| --- | --- | --- |\n| 410 | — | not this call |"])
    # a status the operation documents, said never answered, is told
    _each_told(references, get, contract, {
        errors + "- **404** — never answered: every ID exists.": (
            "**404** is said never to be answered, but getWorkstation documents it (it "
            "documents 200, 400, 401, 404, 413, 500)")}, [])
    _each_told(references, listing, contract, {}, [
        errors + "- **400** — a `limit` over `100`, such as `limit=500`."])
    for other in ("401", "500"):  # (a query's value is the `400`'s)
        assert references.check(f"# T\n\n{errors}- **{other}** — as with `limit=500`.\n",
                                listing, contract) != [], other


def test_a_row_of_an_errors_table_is_read_as_a_note_of_an_errors_list(
    checking: Checking,
) -> None:
    """Under `## Errors`, a table whose first column is the status ("| Status | Code | When
    |") is read row by row as a list of notes: a code in the next cell is the status's
    own, a state in the row is one the operation answers that status in, and a status
    has one row unless each of its rows names its code."""
    references, contract = checking
    delete = references.Page("workstations/delete.md", "deleteWorkstation")
    volume = references.Page("volumes/delete.md", "deleteVolume")
    table = ("See below.\n\n## Errors\n\n| Status | Code | When |\n| --- | --- | --- |\n"
             "| `404` | `not_found` | no workstation has this ID |\n")
    no_ref = (" (if it is meant, as the old API's or a mistake shown on purpose: follow it with "
              "{ .no-ref })")
    _each_told(references, delete, contract, {
        table + "| `409` | `workstation_not_stopped` | the workstation is stopped |": (
            "`409` is said for a stopped workstation, which deleteWorkstation answers with "
            "`200` (as its example gets from the sandbox)"),
        table + "| `400` | `workstation_not_stopped` | stop it first |": (
            "`400`, then `workstation_not_stopped`: `workstation_not_stopped` is answered with "
            "409: write `409`" + no_ref),
        # the status bare, or bold
        table + "| 409 | `workstation_not_stopped` | the workstation is stopped |": (
            "409 is said for a stopped workstation, which deleteWorkstation answers with "
            "`200` (as its example gets from the sandbox)"),
        table + "| **400** | `not_found` | x |": (
            "**400**, then `not_found`: `not_found` is answered with 404: write `404`"
            + no_ref.replace("follow it with { .no-ref }",
                             "write it as code followed by { .no-ref }: `400`{ .no-ref }")),
    }, [table + "| `409` | `workstation_not_stopped` | the workstation is running |",
        table + "| 409 | `workstation_not_stopped` | the workstation is running |"])
    rows = ("See below.\n\n## Errors\n\n| Status | Code | When |\n| --- | --- | --- |\n"
            "| `409` | `volume_attached` | it is attached |\n| `409` | `volume_owned` | a "
            "workstation owns it |\n")
    _each_told(references, volume, contract, {
        rows.replace(" `volume_owned` ", " "): (
            "`409` opens a second note of the Errors list: a status has one note (the list's "
            "notes open with 409, 409; deleteVolume answers 400, 401, 404, 409, 413, 500), or "
            "one note per error code, each naming its code first (\"- **409** — `code`: ...\")"),
    }, [rows, rows.replace("| `409` |", "| **409** |")])


def test_values_of_several_fields_and_a_success_printed_with_its_state_pass(
    checking: Checking,
) -> None:
    """Values of different fields listed together ("`dev-box`, on `standard-4`,
    `stopped`") are each their own field's, and a success with a value of its answer
    (`200 running`, as an example prints its status code and `status`) is what it prints;
    a value of no field beside them, or a word that is none, is still told."""
    references, contract = checking
    get = references.Page("workstations/get.md", "getWorkstation")
    _each_told(references, get, contract, {
        "See below.\n\nIt is `running`, `stopped` or `paused`.": (
            "`paused` is listed with `running`, `stopped`, values of status, but is not one "
            "(they are running, stopped)"),
        "See below.\n\nThe examples print `200 paused`.": (
            "`200 paused`: after the status write its reason phrase (OK) or one of its error "
            "codes"),
    }, [
        "See below.\n\nThe first example gets `200`: `dev-box`, on `standard-4`, `stopped`.",
        "See below.\n\nThe Python example prints the status code and `status`: `200 running`.",
        "See below.\n\nA delete's example prints `200 deleted`, its status code and `status`.",
        # a name said what it is, in two clauses joined: no list
        ("See below.\n\n`dev-box` (`ws-12345`) is a `standard-4` and `build-runner` "
         "(`ws-67890`) a `standard-8`."),
    ])


def test_a_status_said_for_a_request_written_as_the_subject_is_its_operations_answer(
    checking: Checking,
) -> None:
    """A status said to be the answer of a request written as its clause's subject ("`DELETE
    /v1/volumes/vol-boot67890` answers `200`") is held to what the sandbox answers that
    request, in its fixture state, when its ID is a resource's (or malformed) and nothing
    but its code and what the answer does follows; under a condition, denied, or with more said after
    it, only to what the request's operation documents."""
    from cloudws import models

    references, _ = checking
    contract = references.Contract.build(
        load_document(), {code: e.status for code, e in ERROR_CODES.items()},
        {"ws-12345", "ws-67890", "vol-boot67890"},
        {models.WORKSTATION_ID_PREFIX: ("workstation", models.WORKSTATION_ID_PATTERN),
         models.VOLUME_ID_PREFIX: ("volume", models.VOLUME_ID_PATTERN)})
    page = references.Page("concepts/errors.md", None)
    _each_told(references, page, contract, {
        "`DELETE /v1/volumes/vol-boot67890` answers `200`.": (
            "`200` is said for `DELETE /v1/volumes/vol-boot67890`, which the sandbox answers "
            "with `409` (`volume_owned`) (in its fixture state)"),
        "`DELETE /v1/workstations/ws-67890` answers `200` and deletes it.": (
            "`200` is said for `DELETE /v1/workstations/ws-67890`, which the sandbox answers "
            "with `409` (`workstation_not_stopped`) (in its fixture state)"),
        "`POST /v1/workstations/ws-12345/start` answers `201`.": (
            "`201` is said to be the answer of `POST /v1/workstations/ws-12345/start`, a "
            "request of startWorkstation, which does not document it (it documents 200, 400, "
            "401, 404, 413, 500)"),
        # an ID that is none, well formed or not ("not" in it denies nothing)
        "`GET /v1/workstations/not-an-id` answers `404`.": (
            "`404` is said for `GET /v1/workstations/not-an-id`, which the sandbox answers "
            "with `400` (`invalid_id`) (in its fixture state)"),
        "`DELETE /v1/workstations/12345` answers `404`.": (
            "`404` is said for `DELETE /v1/workstations/12345`, which the sandbox answers "
            "with `400` (`invalid_id`) (in its fixture state)"),
        # after "a request such as", "the request", "send ... and you get"
        "A request such as `DELETE /v1/workstations/ws-67890` gets `200`.": (
            "`200` is said for `DELETE /v1/workstations/ws-67890`, which the sandbox answers "
            "with `409` (`workstation_not_stopped`) (in its fixture state)"),
        "The request `GET /v1/workstations/not-an-id` is answered with `404`.": (
            "`404` is said for `GET /v1/workstations/not-an-id`, which the sandbox answers "
            "with `400` (`invalid_id`) (in its fixture state)"),
        "Send `GET /v1/workstations/not-an-id` and you get `404`.": (
            "`404` is said for `GET /v1/workstations/not-an-id`, which the sandbox answers "
            "with `400` (`invalid_id`) (in its fixture state)"),
        # linked, with "request", an aside, "sending", "responds with", "and the answer is"
        **dict.fromkeys((
            ("The request [`DELETE /v1/workstations/ws-67890`](../workstations/delete.md) is "
             "answered with `200`."),
            "A `DELETE /v1/workstations/ws-67890` request answers `200`.",
            "`DELETE /v1/workstations/ws-67890`, a running workstation, answers `200`.",
            "Sending `DELETE /v1/workstations/ws-67890` gets `200`.",
            "`DELETE /v1/workstations/ws-67890` responds with `200`.",
            "Send `DELETE /v1/workstations/ws-67890` now and the answer is `200`."), (
            "`200` is said for `DELETE /v1/workstations/ws-67890`, which the sandbox answers "
            "with `409` (`workstation_not_stopped`) (in its fixture state)")),
        # "the answer to" a request
        "The answer to `DELETE /v1/workstations/ws-67890` is `200`.": (
            "`200` is said for `DELETE /v1/workstations/ws-67890`, which the sandbox answers "
            "with `409` (`workstation_not_stopped`) (in its fixture state)"),
        "The answer to the request `DELETE /v1/workstations/ws-67890` is `200`.": (
            "`200` is said for `DELETE /v1/workstations/ws-67890`, which the sandbox answers "
            "with `409` (`workstation_not_stopped`) (in its fixture state)"),
        # with the reason the sentence gives, of the state the request is sent in
        "`POST /v1/workstations/ws-12345/start` answers `404`, since nothing is there to start.": (
            "`404` is said for `POST /v1/workstations/ws-12345/start`, which the sandbox "
            "answers with `200` (in its fixture state)"),
        # said in words to succeed, or to be refused
        "`DELETE /v1/workstations/ws-67890` succeeds from the starting state.": (
            "`DELETE /v1/workstations/ws-67890` is said to succeed, but the sandbox answers it "
            "with `409` (`workstation_not_stopped`) (in its fixture state)"),
        "`POST /v1/workstations/ws-67890/start` is refused, because it is already running.": (
            "`POST /v1/workstations/ws-67890/start` is said to be refused, but the sandbox "
            "answers it with `200` (in its fixture state)"),
        # a field of a read's answer said to have a value
        "`GET /v1/workstations/ws-67890` returns a workstation whose `status` is `stopped`.": (
            "`GET /v1/workstations/ws-67890` is said to answer with `status` set to `stopped`, "
            "but the sandbox, as it starts, answers `running`"),
        "`GET /v1/workstations/ws-67890` answers `200` with `\"status\": \"stopped\"`.": (
            "`GET /v1/workstations/ws-67890` is said to answer with `status` set to "
            "`\"stopped\"`, but the sandbox, as it starts, answers `\"running\"`"),
        "`GET /v1/workstations/ws-67890` shows `\"status\": \"stopped\"`: it is not running.": (
            "`GET /v1/workstations/ws-67890` is said to answer with `status` set to "
            "`\"stopped\"`, but the sandbox, as it starts, answers `\"running\"`"),
        # a request said to be sent with a body: the sandbox is sent that body
        ("`PATCH /v1/workstations/ws-12345` with `{\"name\": \"dev-box-2\"}` answers `409`, "
         "because `ws-12345` is running."): (
            "`409` is said for `PATCH /v1/workstations/ws-12345` with `{\"name\": \"dev-box-2\"}`, "
            "which the sandbox answers with `200` (in its fixture state)"),
        ("`PATCH /v1/workstations/ws-12345` with the body `{\"machine_type\": \"xl-99\"}` "
         "answers `200`."): (
            "`200` is said for `PATCH /v1/workstations/ws-12345` with `{\"machine_type\": "
            "\"xl-99\"}`, which the sandbox answers with `400` (`validation_error`) (in its "
            "fixture state)"),
        # what the request does first, then its answer
        "`DELETE /v1/workstations/ws-67890` deletes `ws-67890` and answers `200`.": (
            "`200` is said for `DELETE /v1/workstations/ws-67890`, which the sandbox answers "
            "with `409` (`workstation_not_stopped`) (in its fixture state)"),
        # a status said for the removed route: its documented ones, past its reason's words
        "`GET /v1/workstations/ws-12345/delete` answers `404`, since the route no longer exists.": (
            "`404` is said to be the answer of `GET /v1/workstations/ws-12345/delete`, a request "
            "of removedDeleteWorkstation, which does not document it (it documents 400, 401, "
            "410, 413)"),
        # two requests said to get one status: "and so does", "Both ... and ..."
        **dict.fromkeys((
            ("`GET /v1/workstations/ws-99999` gets `404`, and so does `GET "
             "/v1/workstations/ws-12345`."),
            ("Both `GET /v1/workstations/ws-99999` and `GET /v1/workstations/ws-12345` get "
             "`404`.")), (
            "`404` is said for `GET /v1/workstations/ws-12345`, which the sandbox answers with "
            "`200` (in its fixture state)")),
        # a second request and its answer, after the first's, in one sentence
        ("`GET /v1/workstations/ws-99999` gets `404`, and `GET /v1/workstations/ws-12345` "
         "gets `404` too."): (
            "`404` is said for `GET /v1/workstations/ws-12345`, which the sandbox answers with "
            "`200` (in its fixture state)"),
        ("`DELETE /v1/workstations/ws-67890` gets `409` `workstation_not_stopped`, and "
         "`DELETE /v1/workstations/ws-12345` gets `409` too."): (
            "`409` is said for `DELETE /v1/workstations/ws-12345`, which the sandbox answers "
            "with `200` (in its fixture state)"),
    }, [
        ("`GET /v1/workstations/ws-99999` gets `404`, and `GET /v1/workstations/ws-12345` "
         "gets `200`."),
        ("`DELETE /v1/workstations/ws-67890` gets `409` `workstation_not_stopped`, while "
         "`DELETE /v1/workstations/ws-12345` gets `200`."),
        "The answer to `DELETE /v1/workstations/ws-67890` is `409` `workstation_not_stopped`.",
        "The answer to `DELETE /v1/workstations/ws-67890` is `200` once it is stopped.",
        "`DELETE /v1/workstations/ws-67890` fails: stop it first.",
        "`DELETE /v1/workstations/ws-12345` succeeds and deletes it.",
        "`DELETE /v1/workstations/ws-67890` succeeds after a stop.",
        "`GET /v1/workstations/ws-67890` returns a workstation whose `status` is `running`.",
        "`GET /v1/workstations/ws-67890` shows `\"status\": \"running\"` and `{\"name\": \"build-runner\"}`.",
        ("`PATCH /v1/workstations/ws-12345` with `{\"machine_type\": \"xl-99\"}` answers `400` "
         "`validation_error`."),
        "`PATCH /v1/workstations/ws-67890` with `{\"name\": \"dev-box-2\"}` answers `409`.",
        "`DELETE /v1/workstations/ws-12345` deletes `ws-12345` and answers `200`.",
        "`PATCH /v1/workstations/ws-12345` with `{\"name\": ...}` answers `409`.",
        ("After a stop, `GET /v1/workstations/ws-67890` returns a workstation whose `status` is "
         "`stopped`."),
        # a reason that speaks of something done, or another time
        "`DELETE /v1/workstations/ws-12345` answers `404`, because you deleted it.",
        "`DELETE /v1/workstations/ws-12345` answers `404`, since it was deleted in step 2.",
        ("Both `GET /v1/workstations/ws-67890` and `GET /v1/workstations/ws-12345` get "
         "`200`."),
        # an example's own resource, shown in its output: its answer is the example's
        ('```json\n{"id": "ws-u5fvlr50", "status": "stopped"}\n```\n\n'
         "`DELETE /v1/workstations/ws-u5fvlr50` answers `200`; deleting `ws-u5fvlr50` answers "
         "`200`."),
        # a later step of a recipe's, or a call sent again
        "In step 5, `DELETE /v1/workstations/ws-12345` answers `404`.",
        "Run again, `DELETE /v1/workstations/ws-12345` answers `404`.",
        "Requests such as `DELETE /v1/workstations/ws-67890` get `409`.",
        "Send `GET /v1/workstations/ws-12345` and you get `200`.",
        "`GET /v1/workstations/not-an-id` answers `400` `invalid_id`.",
        "`GET /v1/workstations/not-an-id` does not answer `404`.",
        # an ID told malformed, or of another kind, said to get what it gets
        "`GET /v1/workstations/ws-ABC` gets `400`: IDs are lowercase.",
        "`GET /v1/volumes/ws-12345` answers `400` `invalid_id`: it is a workstation ID.",
        # (another status, denied)
        ("`GET /v1/workstations/vol-boot67890` answers `400` `invalid_id`, not `404`, although "
         "`vol-boot67890` exists: it is a volume."),
        "`DELETE /v1/volumes/vol-boot67890` answers `409` `volume_owned`.",
        "`DELETE /v1/workstations/ws-12345` answers `200` and deletes it.",
        "If it is running, `DELETE /v1/workstations/ws-12345` answers `409`.",
        "`DELETE /v1/workstations/ws-67890` never answers `200`.",
    ])
    assert [p.message for p in references.check(
        "# T\n\n`GET /v1/workstations/ws-ABC` gets `404`.\n", page, contract)] == [
        ("`GET /v1/workstations/ws-ABC`: ws-ABC is not a well-formed workstation ID (pattern "
         "`^ws-[a-z0-9]{5,32}$`) (if it is meant, as the old API's or a mistake shown on "
         "purpose: follow it with { .no-ref })"),
        ("`404` is said for `GET /v1/workstations/ws-ABC`, which the sandbox answers with "
         "`400` (`invalid_id`) (in its fixture state)")]


def test_a_status_that_opens_two_notes_of_the_errors_list_is_told_at_the_second(
    tmp_path: Path, caplog: pytest.LogCaptureFixture,
) -> None:
    """The delete page's 409 note retyped as a second 404 (both statuses of the
    operation): told at the second, with the list's statuses and the operation's. One
    note per status in another section, or a status only named twice, passes."""
    page = ("---\noperation: deleteWorkstation\n---\n\n# Delete workstation\n\n"
            "## Examples\n\n- **404** — gone.\n- **409** — `404` once stopped, then `404`.\n\n"
            "## Errors\n\n- **400** — check the ID.\n- **404** — already deleted.\n"
            "- **404** — stop it first.\n- **500** — retry.\n")
    answers = next(op["responses"] for item in load_document()["paths"].values()
                   for op in item.values() if op.get("operationId") == "deleteWorkstation")
    errors = ", ".join(sorted((s for s in answers if int(s) >= 400), key=int))
    said = [line for line in _said(tmp_path, caplog, "workstations/delete.md", page)
            if "note" in line]
    assert said == [("16: **404** opens a second note of the Errors list: a status has one note "
                    "(the list's notes open with 400, 404, 404, 500; deleteWorkstation answers "
                    f'{errors}), or one note per error code, each naming its code first ("- **404** — '
                    '`code`: ...")')], said
    assert "404" in errors and "409" in errors, errors
    # another list under a heading of its own, or after a paragraph; notes per code
    others = ("\n### Which to retry\n\n1. **404** — never.\n2. **500** — always.\n\n"
              "Or:\n\n- **404** — no.\n  Indented, after a blank line:\n\n  still the note.\n"
              "- **400** — `invalid_id`: fix it.\n"
              "- **400**: [`validation_error`](../concepts/errors.md#validation_error) — no.\n"
              "\nThen:\n\n- **400** (`invalid_id`) — fix it.\n- **400** — `invalid_id` again.\n"
              "\nAnd:\n\n- **400** Bad Request — `invalid_id`: a.\n- **400** — code "
              "`validation_error`: b.\n\nOr:\n\n- **400** — **`invalid_id`**: c.\n"
              "- **400** — [`validation_error`](../concepts/errors.md#validation_error): d.\n")
    text = page.replace("- **404** — stop it first.\n", "") + others
    again = text.split("\n").index("- **400** — `invalid_id` again.") + 1
    caplog.clear()  # (the build fails on that alone: what it says)
    said = _said(tmp_path / "others", caplog, "workstations/delete.md", text)
    assert said == [(f"{again}: **400**, then `invalid_id`, opens a second note of the Errors "
                    "list on `invalid_id`: an error code has one note")], said


def test_an_error_code_a_note_or_a_list_names_is_one_of_the_apis(
    tmp_path: Path, caplog: pytest.LogCaptureFixture,
) -> None:
    """Update's 409 note with its first code, then a later one, retyped as codes the API
    does not have, and one of another status: each is told at its line, with the code of
    that status it may mean. A name listed with error codes that is none of them is told
    too. A field named in a note, a list of codes that are the API's, a code after its
    own status in a note, and a tool or a word (`curl`:, `undefined`) that is no code,
    pass."""
    page = (ROOT / "docs/workstations/update.md").read_text()
    note = "- **409** — `workstation_not_stopped`: stop it first. `volume_not_found`: a volume in"
    assert note in page, "the update page's 409 note has changed: plant the codes again"
    lines = page.split("\n")
    at = next(n for n, line in enumerate(lines, 1) if line.startswith("- **409** — "))
    page = page.replace("- **400** — check the ID,", "- **400** — with `curl`: check the ID; a "
                        "body of text gets `415` `unsupported_media_type`: send JSON. Check the "
                        "ID,").replace(
        "- **404** — the workstation", "- **404** — `not_found`, or `undefined` on a success: "
        "the workstation")
    page = page.replace(note, "- **409** — `workstation_in_use`: stop it first. `not_found`: "
                        "a volume in").replace(
        "`volume_attached`: the volume is", "`volume_in_use`: the volume is").replace(
        "- **500** — nothing changed;", "- **500** — `limit`: nothing changed; codes such as "
        "`volume_owned`, `quota_exceeded` or `not_found` say why; so do `volume_owned` or "
        "`volume_attached`;")
    said = [line for line in _said(tmp_path, caplog, "workstations/update.md", page)
            if "code" in line]
    codes = "`volume_owned`, `not_found`"
    assert said == [
        (f"{at}: `workstation_in_use` names the error of a `409` note, as its code would, but "
         "the API has no such code: did you mean `workstation_not_stopped`?"),
        (f"{at}: `not_found` names the error of a `409` note, as its code would, but "
         "`not_found` is answered with 404"),
        (f"{at + 1}: `volume_in_use` names the error of a `409` note, as its code would, but the "
         "API has no such code: did you mean `volume_attached`?"),  # ("the volume is attached")
        (f"{at + 4}: `quota_exceeded` is listed with the error codes {codes}, but the API has "
         "no such code (the errors page lists every one)"),
    ], said


def test_a_name_said_as_a_requests_answer_is_one_of_the_apis_error_codes(
    checking: Checking,
) -> None:
    """A name of error code's shape right after a status, or after what a request gets or
    a status has ("has the code"), is held to the API's error codes, with the one its condition's words mean (an attached
    volume's, not the closest in spelling); a field, a query's parameter, or a code of the
    API's there, passes."""
    references, contract = checking
    page = references.Page("concepts/volumes.md", None)
    no_ref = " (if it is meant, as the old API's or a mistake shown on purpose: follow it with { .no-ref })"

    def told(name: str, meant: str | None) -> str:
        return (f"`{name}` is named an error code, but the API has none such"
                + (f": did you mean `{meant}`?" if meant else " (the errors page lists every one)")
                + no_ref)

    _each_told(references, page, contract, {
        "Deleting an attached volume gets `409` `volume_in_use`.": told("volume_in_use",
                                                                        "volume_attached"),
        "A volume owned by a workstation gets `409` (`volume_in_use`).": told(
            "volume_in_use", "volume_owned"),
        "A missing volume gets `not_found_error`.": told("not_found_error", "not_found"),
        "An update with more volumes gets `400` `too_many_volumes`.": told("too_many_volumes",
                                                                          None),
        # a status that "has" (or "carries") the code, and "its code is"
        "A `410` has the code `endpoint_deprecated`.": told("endpoint_deprecated",
                                                            "endpoint_removed"),
        "A `401` carries the code `forbidden`.": told("forbidden", None),
        "Its code is `volume_in_use`.": told("volume_in_use", "volume_owned"),
        "A `410` has the code `not_found`.": (
            "`410`, then `not_found`: `not_found` is answered with 404: write `404`" + no_ref),
    }, [
        "A `404` has the code `not_found`.",
        "No `400` has the code `not_found`.",
        "Deleting an attached volume gets `409` `volume_attached`.",
        "An update with a volume too small gets `400`: `size_gb` is out of range.",
        "A `400` names `size_gb`.",
        "A list gets `next_cursor` when there is more.",
        "A list gets `400` with `limit` over the maximum.",
    ])


def test_an_error_code_said_with_a_status_after_it_is_answered_with_that_status(
    checking: Checking,
) -> None:
    """An error code followed by the status said to be its own ("`volume_owned` is answered
    with `404`", "comes with", "is a") is told with its own; its own, or one denied,
    passes."""
    references, contract = checking
    page = references.Page("concepts/errors.md", None)
    own = contract.code_status
    _each_told(references, page, contract, {
        "`volume_attached` is answered with `404`.": (
            f"`volume_attached` is answered with {own['volume_attached']}, not 404"),
        "`workstation_not_stopped` comes with HTTP `400`.": (
            f"`workstation_not_stopped` is answered with {own['workstation_not_stopped']}, "
            "not 400"),
        "`not_found` is a `409`.": f"`not_found` is answered with {own['not_found']}, not 409",
    }, [
        "`volume_owned` comes with `409`.",
        "`volume_owned` is never a `404`.",
        "`not_found` is a `404`.",
        "`volume_attached` is sent with `409 Conflict`.",
    ])


def test_another_schemas_field_linked_to_a_page_that_shows_it_passes(
    checking: Checking,
) -> None:
    """On an endpoint page, a field of a schema its operation does not use is told, unless
    it links to a page that shows it (a concept page that renders its schema, or names the
    field), or is said of the resource it is a field of ("a workstation's `volume_ids`", "a
    stopped workstation's", "the `volume_ids` of a workstation", "its" after a workstation
    is named, "an update whose `volume_ids`", or given a value in a sentence that names the
    resource: "volumes whose `standalone` is `true`"), or is a field of the resource the
    operation acts on (a volume's, on Delete volume's page); linked to a page that does
    neither, it is still told."""
    references, contract = checking
    page = references.Page("workstations/update.md", "updateWorkstation",
                           read=lambda path: (ROOT / path).read_text())
    told = ("`standalone` is a field of Volume, VolumeList, which updateWorkstation does not "
            "use: link it to the page that documents it, or follow it with { .no-ref }")
    _each_told(references, page, contract, {
        "Only volumes whose `standalone` can be attached.": told,
        "Only a [`standalone`](../concepts/pagination.md) volume can be attached.": told,
        "Only a [`standalone`](https://example.com/concepts/volumes.md) volume.": told,
    }, [
        ("Only volumes whose [`standalone`](../concepts/volumes.md#volume-schema) is `true` "
         "can be attached."),
        # said of the resource it is a field of: "a volume's `standalone`"
        "Whether it can be attached is a volume's `standalone`.",
        # given a value, in a sentence that names the resource it is a field of
        "Only volumes whose `standalone` is `true` can be attached.",
        "Each standalone volume is detached and kept, with `attached_to` `null`.",
    ])
    create = references.Page("volumes/create.md", "createVolume")
    _each_told(references, create, contract, {
        "Attach it by naming it in `volume_ids`.": (
            "`volume_ids` is a field of Workstation, WorkstationCreate, WorkstationList, "
            "WorkstationUpdate, which createVolume does not use: link it to the page that "
            "documents it, or follow it with { .no-ref }"),
        "Attach it by naming it in `vol-scratch01`'s `volume_ids`.": (
            "`volume_ids` is a field of Workstation, WorkstationCreate, WorkstationList, "
            "WorkstationUpdate, which createVolume does not use: link it to the page that "
            "documents it, or follow it with { .no-ref }"),
        "Attach it by naming it in a volume's `volume_ids`.": (
            "`volume_ids` is a field of Workstation, WorkstationCreate, WorkstationList, "
            "WorkstationUpdate, which createVolume does not use: link it to the page that "
            "documents it, or follow it with { .no-ref }"),
        "List it in the `volume_ids` of a stopped volume.": (
            "`volume_ids` is a field of Workstation, WorkstationCreate, WorkstationList, "
            "WorkstationUpdate, which createVolume does not use: link it to the page that "
            "documents it, or follow it with { .no-ref }"),
    }, ["Attach the new volume by naming it in a workstation's `volume_ids`.",
        # with a word before the resource, after the field, or "its" after it named
        "Attach it by naming it in a stopped workstation's `volume_ids`.",
        "List it in the `volume_ids` of a stopped workstation.",
        "To find what a workstation has, read its `volume_ids`.",
        # or by its ID
        "Attach it by naming it in `ws-12345`'s `volume_ids`."])
    # a field of the resource the operation acts on (what a GET of its path answers)
    delete = references.Page("volumes/delete.md", "deleteVolume")
    _each_told(references, delete, contract, {
        "See below.\n\nRead `volume_ids` first.": (
            "`volume_ids` is a field of Workstation, WorkstationCreate, WorkstationList, "
            "WorkstationUpdate, which deleteVolume does not use: link it to the page that "
            "documents it, or follow it with { .no-ref }")}, [
        "See below.\n\nGet the volume and read `attached_to`: it must be `null`.",
        # said of another operation named by its verb, one that takes it
        "See below.\n\nSend the workstation an update whose `volume_ids` leaves it out."])
    create = references.Page("volumes/create.md", "createVolume")  # (its own verb: its own)
    _each_told(references, create, contract, {
        "See below.\n\nThe create's `volume_ids` lists it.": (
            "`volume_ids` is a field of Workstation, WorkstationCreate, WorkstationList, "
            "WorkstationUpdate, which createVolume does not use: link it to the page that "
            "documents it, or follow it with { .no-ref }")}, [])


def test_another_operations_field_said_with_it_in_its_clause_passes(
    checking: Checking,
) -> None:
    """A field of another operation passes where its clause names that operation: by a link
    to its page near it ("with [Update workstation](…), in `volume_ids`", "in `volume_ids`
    when you [create the workstation](…)"), or as what it is sent to ("to an update", "to
    Update workstation"); or where it is said to be a resource's field ("a volume's field",
    "on a volume"). A link in another clause, one said alike ("as [Get](…) does"), or
    "which [Get volume](…) shows" after the field, is no such thing: still told, as is a
    field sent to the page's own operation, or said a resource's and the page's answer's
    too ("the answer includes a volume's `size_gb`")."""
    references, contract = checking
    pages = {"workstations/update.md": "updateWorkstation", "volumes/get.md": "getVolume",
             "workstations/create.md": "createWorkstation", "volumes/create.md": "createVolume",
             "workstations/get.md": "getWorkstation"}
    create = references.Page("volumes/create.md", "createVolume", pages)
    told = ("`volume_ids` is a field of Workstation, WorkstationCreate, WorkstationList, "
            "WorkstationUpdate, which createVolume does not use: link it to the page that "
            "documents it, or follow it with { .no-ref }")
    update = "[Update workstation](../workstations/update.md)"
    _each_told(references, create, contract, {
        f"See below.\n\nSend `volume_ids` in the body; see {update} for later.": told,
        f"See below.\n\nThe body takes `volume_ids`: see {update}.": told,
        ("See below.\n\nThe answer has `volume_ids`, as "
         "[Get workstation](../workstations/get.md) does."): told,
        "See below.\n\nSend `volume_ids` to a create.": (
            "`volume_ids` is said to be taken by createVolume, which takes none "
            "(createWorkstation and updateWorkstation do)"),
    }, [f"See below.\n\nAttach it with {update}, in `volume_ids`.",
        ("See below.\n\n- to a new workstation, by listing its ID in `volume_ids` when you "
         "[create the workstation](../workstations/create.md);"),
        f"See below.\n\nThen set `volume_ids` on the workstation with {update}.",
        "See below.\n\nTo attach it, pass `volume_ids` to an update of a stopped workstation.",
        "See below.\n\nThen send `volume_ids` to Update workstation with the new ID in it."])
    get = references.Page("workstations/get.md", "getWorkstation", pages)
    size_gb = ("`size_gb` is a field of Volume, VolumeCreate, VolumeList, which getWorkstation "
               "does not use: link it to the page that documents it, or follow it with "
               "{ .no-ref }")
    _each_told(references, get, contract, {
        "See below.\n\nThe answer has `size_gb`, which [Get volume](../volumes/get.md) shows.": (
            size_gb),
        # said a resource's, and this operation's all the same
        "See below.\n\nThe answer includes the volume's own field `size_gb`.": size_gb,
        "See below.\n\nThe answer includes a volume's `size_gb`.": size_gb,
        "See below.\n\n`size_gb` is a volume's field, and this answer has it too.": size_gb,
        "See below.\n\nEach item carries `size_gb`, a volume's field.": size_gb,
        # a comparison or an appositive before the link: this operation's all the same
        "See below.\n\nEach item has `size_gb`, as on [Get volume](../volumes/get.md).": size_gb,
        "See below.\n\nIt has `size_gb`, the size given to [Create volume](../volumes/create.md).":
            size_gb,
    }, [
        # a relative clause that says which operation takes it, or when it makes it
        "See below.\n\n`size_gb`, which only [Create volume](../volumes/create.md) takes, stays.",
        "See below.\n\n`size_gb` is set when [Create volume](../volumes/create.md) makes it.","See below.\n\nRead `size_gb` on [Get volume](../volumes/get.md).",
        ("See below.\n\nUnlike [Create volume](../volumes/create.md), which takes `size_gb`, "
         "it has no size."),
        "See below.\n\n`size_gb` is a volume's field, not the workstation's.",
        "See below.\n\nEach volume it lists names it in `attached_to`, a volume's field.",
        ("See below.\n\nTo make another volume, send `size_gb` to "
         "[Create volume](../volumes/create.md) first."),
        "See below.\n\nThe volume's own field `size_gb` is not shown here.",
        "See below.\n\nThe workstation has no size, while `size_gb` on a volume has one."])
    # called a resource's field, and said sent or taken all the same (not denied, nor a
    # value it is set to); a comparison with a link right after the field
    update_page = references.Page("workstations/update.md", "updateWorkstation", pages)
    _each_told(references, update_page, contract, {
        "See below.\n\n`size_gb` is a volume's field; an update takes it to resize one.": (
            "`size_gb` is a field of Volume, VolumeCreate, VolumeList, which updateWorkstation "
            "does not use: link it to the page that documents it, or follow it with "
            "{ .no-ref }")}, [
        ("See below.\n\n`standalone` is a volume's field, not the workstation's: the update "
         "does not take it."),
        "See below.\n\nEach volume you listed has `attached_to`, a volume's field, set to it."])
    _each_told(references, create, contract, {}, [
        ("See below.\n\n`size_gb` must be `10` to `2048`, like `disk_size_gb` on "
         "[Create workstation](../workstations/create.md)."),
        "See below.\n\nTo attach it, pass `volume_ids` with it to an update of a workstation.",
        "See below.\n\nList it in `volume_ids`, on [Update workstation](../workstations/update.md).",
        "See below.\n\n`volume_ids`, which an update takes, attaches it."])
    # not an infinitive: "to list" is no list operation the field is sent to
    lists = references.Page("volumes/list.md", "listVolumes",
                            {**pages, "workstations/list.md": "listWorkstations"})
    assert [p.message for p in references.check(
        "# T\n\nSee below.\n\nPass `status` to list only detached volumes.\n", lists,
        contract)] != []


def test_a_comma_that_ends_an_opening_clause_lists_nothing(checking: Checking) -> None:
    """After a clause that opens its sentence ("Since `ws-12345` is `stopped`, ..."), the
    comma ends that clause: the span after it is no value listed with the state; a list
    after it, or one in a sentence with no such clause, is still held to the values."""
    references, contract = checking
    page = references.Page("volumes/delete.md", "deleteVolume")
    suspended = ("`suspended` is listed with {}, values of status, but is not one (they are "
                 "running, stopped)")
    _each_told(references, page, contract, {
        "A workstation is `running`, `stopped` or `suspended`.":
            suspended.format("`running`, `stopped`"),
        "When it is `running`, `suspended` or `stopped`, nothing happens.":
            suspended.format("`stopped`"),
    }, [
        ("Since `ws-12345` is `stopped`, `vol-data12345` can be detached with an update, after "
         "which its delete answers `200`."),
        "If it is `running`, `curl` shows the `409`.",
    ])


def test_a_word_said_to_be_a_state_is_one_of_the_workstations_states(
    tmp_path: Path, caplog: pytest.LogCaptureFixture,
) -> None:
    """The lifecycle page with Stop said to move a workstation to `deleting`, a table cell
    where it becomes `stopping`, and a `paused` state: each is told at its line, with the
    states, the one a letter or two off, and the way out for a sentence read wrongly. The page's own states, a machine type an
    update changes to, a state said not to be, a name or a header's value that becomes
    another, and the one value a delete's `status` takes, pass."""
    page = (ROOT / "docs/concepts/lifecycle.md").read_text()
    move = ("[Stop](../workstations/stop.md) and [Start](../workstations/start.md) move it "
            "between\nthe two;")
    cell = "| yes: it becomes `stopped` |"
    assert move in page and cell in page, "the lifecycle page has changed: plant again"
    page = page.replace(move, "[Stop](../workstations/stop.md) moves it to `deleting`, and\n"
                        "[Start](../workstations/start.md) back; an update changes it to "
                        "`standard-8`; the `paused` state holds it; never the `starting` state;").replace(
        "Start and stop are idempotent:", "An update's name becomes `dev-box-renamed`, and a "
        "delete's `status` is then `deleted`; a body too large, its `Connection` is then "
        "`close`. Start and stop are idempotent:").replace(
        cell, "| yes: it becomes `stopping` |")
    lines = page.split("\n")
    said = [line for line in _said(tmp_path, caplog, "concepts/lifecycle.md", page)
            if "state" in line]
    states = "its `status`) are running, stopped"
    at = next(n for n, line in enumerate(lines, 1) if "`deleting`" in line)
    cell_at = next(n for n, line in enumerate(lines, 1) if "`stopping`" in line)
    way_out = ("(if the sentence is right and read wrongly: say it another way, or follow `{}` "
               "with {{ .no-ref }})")  # (the check read the sentence, and may misread one)
    assert said == [
        (f"{at}: `deleting` is said to be a state, but a workstation's states ({states} "
         + way_out.format("deleting")),
        (f"{at + 1}: `paused` is said to be a state, but a workstation's states ({states} "
         + way_out.format("paused")),
        (f"{cell_at}: `stopping` is said to be a state, but a workstation's states ({states}; "
         "did you mean `stopped`? " + way_out.format("stopping")),
    ], said


def test_a_request_or_a_path_written_without_backticks_is_told_to_be_written_as_code(
    tmp_path: Path, caplog: pytest.LogCaptureFixture,
) -> None:
    """"A PUT to /v1/workstations/{id}" is a request no check reads: told, with the span to
    write and what would be told of it as code; so is a bare path. One in code (HTML's
    too), a link's target or text, a heading's, a URL's path, and one in a quote (a
    problem's `detail` as it reads) pass."""
    page = ("---\noperation: updateWorkstation\n---\n\n# Update workstation\n\n"
            "Send a PUT to /v1/workstations/{id} with the fields to change.\n"
            "Its volumes are at /v1/volumes/{id}, and `PATCH /v1/workstations/{id}` is it.\n"
            "See [the list](/v1/workstations) or https://api.cloudworkstation.example.com"
            "/v1/workstations, or PATCH /v1/workstations/{id}.\n\n<code>/v1/volumes</code>, "
            "[/v1/volumes](../volumes/list.md).\n\n### Paging through GET /v1/volumes\n\n"
            'A `405` reads "PUT is not allowed on /v1/volumes; use GET, HEAD."\n')
    said = [line for line in _said(tmp_path, caplog, "workstations/update.md", page)
            if "without backticks" in line]
    assert said == [
        ("7: 'PUT to /v1/workstations/{id}' is a request written without backticks, which no "
         "check reads: write `PUT /v1/workstations/{id}`; as code, it would be told too: "
         "/v1/workstations/{id} takes DELETE, GET, HEAD, PATCH"),
        ("8: '/v1/volumes/{id}' is a path written without backticks, which no check reads: "
         "write `/v1/volumes/{id}`"),
        ("9: 'PATCH /v1/workstations/{id}' is a request written without backticks, which no "
         "check reads: write `PATCH /v1/workstations/{id}`"),
    ], said


def test_a_link_warning_is_placed_once_after_other_builds_in_the_process(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """MkDocs loads the hooks as a module named by the path mkdocs.yml gives: the link
    warnings of a build are placed by its own hooks alone, not again by the module an
    earlier build in the process loaded from another path, whose pages have the same
    names. (Each build's links are its own: MkDocs says a warning once per process.)"""
    other = tmp_path / "hooks"
    other.symlink_to(HOOKS)  # the same hooks, another path: another module
    for name, anchor, hooks in (("first", "not_fonud", HOOKS), ("second", "not_foud", other)):
        monkeypatch.setattr(sys.modules[__name__], "HOOKS", hooks)
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="mkdocs"), \
                pytest.raises((Abort, PluginError)):
            _site(tmp_path / name, {"index.md": (
                f"# Home\n\n## The sandbox\n\nSee [it](concepts/errors.md#{anchor}).\n\n"
                f"And [not there]({name}.md).\n")})  # (an anchor alone fails no build)
    said = [r.getMessage() for r in caplog.records if "#not_foud'" in r.getMessage()]
    assert len(said) == 1 and said[0].startswith("docs/index.md:5: Doc file 'index.md' "
                                                 "contains a link 'concepts/errors.md#not_foud'"), said
    assert said[0].count("nearest to it") == 1, said


def test_a_lists_order_said_in_words_is_held_to_the_stubs(monkeypatch: pytest.MonkeyPatch,
                                                           ) -> None:
    """"Newest first" where the stub lists the oldest first is told at its line, in a page,
    a docstring (:func:`references.check`, which both go through) and a description of the
    OpenAPI document, whatever the words, and so is an order by another key ("sorted by
    name"); what the stub does, a clause that denies and an order that is not a list's are
    not. The order is the stub's, measured."""
    monkeypatch.syspath_prepend(str(HOOKS))
    import references

    assert references._list_orders() == {"workstation": "oldest", "volume": "oldest"}
    wrong = ("Lists workstations, newest first.\n\nEach page of volumes: most recent first.\n"
             "The items come in reverse creation order; volumes are listed oldest last.")
    said = [(p.line, p.text) for p in references.order_claims(wrong)]
    assert said == [(1, "newest first"), (3, "most recent first"),
                    (4, "in reverse creation order"), (4, "oldest last")], said
    assert references.order_claims(
        "Lists volumes, oldest first. A page of workstations, in creation order, in the "
        "order they were created.\n\nThe changelog lists releases newest first (the API does "
        "not list workstations newest first).") == []
    # what a reader's code or an example does, a wish, a question, a comparison: not read
    assert references.order_claims(
        "To show workstations newest first, reverse each page in your client. Are volumes "
        "listed newest first? No. The example deletes the volumes in reverse creation order. "
        "Newest first would let a page skip an item, so workstations come oldest first. "
        "Rather than newest first, volumes are listed oldest first.") == []
    assert references.order_claims(references.prose_of(
        "## List workstations newest first\n\nTo list volumes newest first, walk the list "
        "backwards. For newest first, page to the end: each page lists workstations oldest "
        "first. Many APIs list items newest first. In 0.8, the API listed workstations newest "
        "first. See [List workstations, newest first](x.md). A `?order=desc` that returned "
        "volumes newest first is not supported.")) == []
    assert [p.text for p in references.order_claims(
        "Workstations are sorted newest first. Volumes appear newest-first. Lists your "
        "workstations, newest first.")] == ["newest first", "newest-first", "newest first"]
    # another key than when each was made: told whatever it is; the reader's own sort, a
    # denial, a filter, and the creation time itself, are not
    said = [p.message for p in references.order_claims(
        "Workstations are sorted by `id`. Volumes are listed alphabetically. A page of "
        "volumes comes in ID order.")]
    assert said == [
        ("'sorted by `id`' says how the API orders workstations, but it lists them in the "
         "order they were made, oldest first: write 'oldest first'"),
        ("'alphabetically' says how the API orders volumes, but it lists them in the order "
         "they were made, oldest first: write 'oldest first'"),
        ("'in ID order' says how the API orders volumes, but it lists them in the order they "
         "were made, oldest first: write 'oldest first'")], said
    assert references.order_claims(
        "To list workstations alphabetically, sort each page in your code. Workstations are "
        "not sorted by name. Workstations are listed by status with `status=running`. A page "
        "of volumes is ordered by `created_at`, oldest first. For a volume's path, the "
        "`Allow` header lists the methods alphabetically.") == []
    document = load_document()
    contract = references.Contract.build(document, {}, set())
    page = references.Page("docs/concepts/pagination.md", None)
    assert [(p.line, p.text) for p in references.check(
        "# Pages\n\nA page of volumes, newest first.\n", page, contract)] == [
            (3, "newest first")]
    doc = {"paths": {}, "components": {"schemas": {"V": {"description": "Volumes are listed latest first."}}}}
    assert [(pointer, p.text) for pointer, _, p in references.description_problems(
        doc, references.Contract.build(doc, {}, set()))] == [
            ("#/components/schemas/V/description", "latest first")]
    # a stub that listed workstations newest first: the pages would say so
    monkeypatch.setattr(references, "_list_orders",
                        lambda: {"workstation": "newest", "volume": "oldest"})
    said = [p.message for p in references.order_claims(
        "Workstations are listed oldest first; volumes are listed oldest first. Items come "
        "oldest first.")]
    assert said == [("'oldest first' says the oldest workstation comes first, but the API "
                     "lists workstations newest first: write 'newest first'")] * 2, said


def test_a_query_value_a_request_does_not_take_is_told(monkeypatch: pytest.MonkeyPatch) -> None:
    """``limit=500`` and ``status=suspended``, in a request or alone, are values no request
    takes with them (by the parameter's schema in the OpenAPI document): told, in the
    validator's words; a value one takes, a placeholder, and a name no request takes with
    the others, are not."""
    monkeypatch.syspath_prepend(str(HOOKS))
    import references

    contract = references.Contract.build(load_document(), {}, set())
    page = references.Page("docs/workstations/list.md", "listWorkstations")
    text = ("# List\n\nAsk `GET /v1/workstations?limit=500`, `?limit=+5` or `status=suspended`."
            "\n\n`limit=20`, `limit={n}`, `GET /v1/workstations?limit=100`, `markdown=False`.\n")
    said = [(p.line, p.message) for p in references.check(text, page, contract)]
    assert said == [
        (3, ("`GET /v1/workstations?limit=500`: limit=500: 500 is greater than the maximum of "
            "100 (if it is meant, as the old API's or a mistake shown on purpose: follow it "
            "with { .no-ref })")),
        (3, ("`?limit=+5`: must be written as plain decimal digits: no sign, space, "
             "underscore, decimal point or leading zero (if it is meant, as the old API's or a "
             "mistake shown on purpose: follow it with { .no-ref })")),
        (3, ("`status=suspended`: 'suspended' is not one of ['running', 'stopped'] (if it is "
            "meant, as the old API's or a mistake shown on purpose: follow it with "
            "{ .no-ref })")),
    ], said
    # a Python keyword argument, a placeholder, a shell's variable: no query's value
    fine = ("# List\n\nPass `cursor=page.next_cursor`, `status=None`, `limit=n`, "
            "`status=\"running\"` or `status=$?`.\n")
    assert references.check(fine, page, contract) == []
    # a docstring's `limit=65536` is an argument of the stub's Python API
    assert references.check("The ``BodyLimit`` with `limit=65536`.", page, contract,
                            names=False) == []


def test_a_value_called_a_fields_default_is_its_default(monkeypatch: pytest.MonkeyPatch) -> None:
    """"The machine type defaults to `standard-2`": a field of a request body with no
    default (a create requires it), or another default, is told; so is a query parameter's
    other default ("`limit` defaults to `50`", "the default `limit` is `25`"); its own default, and a value of no request
    body's field, are not."""
    monkeypatch.syspath_prepend(str(HOOKS))
    import references

    contract = references.Contract.build(load_document(), {}, set())
    page = references.Page("docs/workstations/create.md", "createWorkstation")
    text = ("# Create\n\nThe machine type defaults to `standard-2`. `disk_size_gb` defaults "
            "to `64`.\n\n`disk_size_gb` defaults to `50`; the `status` filter defaults to "
            "`running`.\n\n`disk_size_gb` defaults to `100`.\n\n`volume_ids` defaults to `[]`.\n\n"
            '`volume_ids` defaults to `["vol-data12345"]`.\n')
    assert [(p.line, p.message) for p in references.check(text, page, contract)] == [
        (3, ("`standard-2` is called the default of machine_type, which has none: "
             "WorkstationCreate requires it")),
        (3, "`64` is called the default of disk_size_gb, but its default is `50`"),
        (7, "`100` is called the default of disk_size_gb, but its default is `50`"),  # no status
        # (a list's default, the empty list, is in the document too)
        (11, '`["vol-data12345"]` is called the default of volume_ids, but its default is `[]`')]
    listing = references.Page("docs/workstations/list.md", "listWorkstations")
    text = ("# List\n\nSee below.\n\n`limit` defaults to `50`.\n\nThe page size, `limit`, "
            "defaults to `20`.\n\nThe default `limit` is `25`; `limit`'s default is `20`.\n\n"
            "`limit` is `30` by default; `limit` is `20` by default.\n\n`limit` does not "
            "default to `50`; some APIs' `limit` defaults to `50`.\n")
    assert [(p.line, p.message) for p in references.check(text, listing, contract)] == [
        (5, "`50` is called the default of limit, but its default is `20`"),
        (9, "`25` is called the default of limit, but its default is `20`"),
        (11, "`30` is called the default of limit, but its default is `20`")]


def test_a_number_said_to_be_a_fields_bound_is_the_apis_bound(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A number in code said to be the largest or smallest value of a field the API bounds
    ("`limit` can be up to `500`", "the largest `limit` is `500`", "`disk_size_gb` must be
    `10` to `4096`") is told with the API's bound; the bound itself, a denial, a question,
    another API's, and a number followed by { .no-ref } pass."""
    monkeypatch.syspath_prepend(str(HOOKS))
    import references

    contract = references.Contract.build(load_document(), {}, set())
    listing = references.Page("workstations/list.md", "listWorkstations")
    create = references.Page("workstations/create.md", "createWorkstation")

    def told(text: str, page: references.Page = listing) -> list[str]:
        return [p.message + p.advice
                for p in references.check(f"# T\n\nSee below.\n\n{text}\n", page, contract)]

    [said] = told("`limit` can be up to `500`.")
    assert said == ('"`limit` can be up to `500`" says the largest `limit` is 500, but the API '
                    "takes up to 100 (if the sentence is right and read wrongly: say it another "
                    "way, or follow `500` with { .no-ref })"), said
    assert told("The largest `limit` is `1000`.") == [
        ('"largest `limit` is `1000`" says the largest `limit` is 1000, but the API takes up to '
         "100 (if the sentence is right and read wrongly: say it another way, or follow `1000` "
         "with { .no-ref })")]
    assert [m.partition(" (if")[0] for m in told("`limit` can be `5` to `100`.")] == [
        '"`limit` can be `5` to `100`" says `limit` is 5 to 100, but the API takes 1 to 100']
    assert [m.partition(" (if")[0] for m in told(
        "`disk_size_gb` must be at least `1`; `disk_size_gb` cannot exceed `4096`.", create)] == [
        ('"`disk_size_gb` must be at least `1`" says the smallest `disk_size_gb` is 1, but the '
         "API takes 10 and more"),
        ('"`disk_size_gb` cannot exceed `4096`" says the largest `disk_size_gb` is 4096, but the '
         "API takes up to 2048")]
    # in other words: "a `limit` of up to", "at most" after it, "the upper bound of", "lie
    # between", "an integer from", in brackets; a string's length, in characters
    largest = "the largest `limit` is 500, but the API takes up to 100"
    for lie, said in (("A `limit` of up to `500` is accepted.", largest),
                      ("The largest `limit` you can send is `500`.", largest),
                      ("`limit` can be `500` at most.", largest),
                      ("The upper bound of `limit` is `500`.", largest),
                      ("`limit` must lie between `1` and `500`.",
                       "`limit` is 1 to 500, but the API takes 1 to 100"),
                      ("`limit` (`1` to `500`) sets it.",
                       "`limit` is 1 to 500, but the API takes 1 to 100"),
                      ("A `limit` of `500` is the largest you can ask for.", largest),
                      ("`500` is the largest `limit`.", largest),
                      ("`limit` lies between `1` and `500`.",
                       "`limit` is 1 to 500, but the API takes 1 to 100"),
                      ("- `limit`: `1` to `500`, default `20`.",
                       "`limit` is 1 to 500, but the API takes 1 to 100"),
                      ("| Field | Values |\n| --- | --- |\n| `limit` | `1` to `500` |",
                       "`limit` is 1 to 500, but the API takes 1 to 100")):
        assert [m.partition(" says ")[2].partition(" (if")[0] for m in told(lie)] == [said], lie
    # a unit after the first number, the field in commas, a denial of another clause
    assert [m.partition(" says ")[2].partition(" (if")[0] for m in told(
        "`disk_size_gb` must be `10` GiB to `4096` GiB. The size, `disk_size_gb`, can be up to "
        "`4096`. Not every body has it, but `disk_size_gb` can be up to `4096`.", create)] == [
        "`disk_size_gb` is 10 to 4096, but the API takes 10 to 2048",
        "the largest `disk_size_gb` is 4096, but the API takes up to 2048",
        "the largest `disk_size_gb` is 4096, but the API takes up to 2048"]
    assert [m.partition(" says ")[2].partition(" (if")[0] for m in told(
        "`disk_size_gb` is an integer from `10` to `4096`; `name` can be up to `255` "
        "characters.", create)] == [
        "`disk_size_gb` is 10 to 4096, but the API takes 10 to 2048",
        "the largest `name` is 255 characters, but the API takes up to 63 characters"]
    # the fixtures' values, not the API's bound
    volumes = references.Page("concepts/volumes.md", None)
    assert told("In the fixtures, `size_gb` is at most `500`, that of `vol-scratch01`.",
                volumes) == []
    assert told("`size_gb` is `50` and `100` for the two own volumes.", volumes) == []
    # a number with its unit is no status
    assert told("The boot volume `vol-boot67890` is `100` GiB, `300` GiB less than another; a "
                "page holds `100` items.", volumes) == []
    assert [m.partition(" (")[0] for m in told("It answers `300`.", volumes)] == [
        "`300`: the API does not document status 300"]
    for true in ("`limit` may be `1` to `100`; it goes up to `100`, and `limit` is at least `1`.",
                 "Some APIs let `limit` be up to `1000`; this one does not.",
                 "Can `limit` be up to `500`? No.",
                 "`limit` is never up to `500`.",
                 "`limit` can be up to `500`{ .no-ref } in a draft."):
        assert told(true) == [], true
    assert told("`disk_size_gb` must be between `10` and `2048`.", create) == []


def test_what_a_request_must_send_is_said_as_the_operation_requires_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """"`machine_type` is optional" on Create workstation, which requires it, is told, and
    so are each name of a list said to be required, a header said to be required, and a
    linked name held to the linked page's operation, a name said to be the only one
    required, and, on an endpoint page, another operation's input said to be required. What is said rightly passes, and so
    do a sentence about another operation ("on update"), a condition ("required for"), an
    answer's field, "neither ... nor", and, on a page of no operation, a name the
    operations that take it do not agree on (`name`: a create requires it, an update does
    not)."""
    monkeypatch.syspath_prepend(str(HOOKS))
    import references

    contract = references.Contract.build(load_document(), {}, set())
    endpoints = {"workstations/create.md": "createWorkstation",
                 "workstations/update.md": "updateWorkstation"}
    create = references.Page("workstations/create.md", "createWorkstation", endpoints)
    text = ("# Create\n\n`machine_type` is optional. The optional `disk_size_gb` sets its "
            "size.\n\nThe `Idempotency-Key` header is required; `name` is not optional.\n\n"
            "`disk_size_gb`, `volume_ids` and `name` are all required.\n\n"
            "[`machine_type`](update.md#request-body) is required. Only `name` is "
            "required.\n\n"
            "On update, `machine_type` is optional. `volume_ids` is required if you attach "
            "volumes. Only `name` and `machine_type` are required. In the answer, "
            "`volume_ids` is required. Neither `disk_size_gb` nor "
            "`volume_ids` is required. [Update workstation](update.md) takes the optional "
            "[`machine_type`](update.md#request-body). `id` is not required: the API makes "
            "it.\n")
    assert [(p.line, p.message) for p in references.check(text, create, contract)] == [
        (3, ("`machine_type` is said to be optional, but createWorkstation requires it in the "
             "request body")),
        (5, ("`Idempotency-Key` is said to be required, but createWorkstation does not require "
             "it as a header")),
        (7, ("`disk_size_gb` is said to be required, but createWorkstation does not require it "
             "in the request body")),
        (7, ("`volume_ids` is said to be required, but createWorkstation does not require it "
             "in the request body")),
        (9, ("`machine_type` is said to be required, but updateWorkstation does not require it "
             "in the request body")),
        (9, ("`name` is said to be the only one required, but createWorkstation requires "
             "`machine_type` too"))]
    concepts = references.Page("concepts/pagination.md", None, endpoints)
    text = ("# Pages\n\n`cursor` is required. `name` is optional; `limit` (optional) and the "
            "optional `status`.\n")
    assert [(p.line, p.message) for p in references.check(text, concepts, contract)] == [
        (3, ("`cursor` is said to be required, but listVolumes and listWorkstations do not "
             "require it as a query parameter"))]
    get = references.Page("workstations/get.md", "getWorkstation",
                          {**endpoints, "workstations/get.md": "getWorkstation"})
    text = ("# Get\n\nThe `Idempotency-Key` is required here too. `Idempotency-Key` is not "
            "required here.\n")
    assert [(p.line, p.message) for p in references.check(text, get, contract)] == [
        (3, ("`Idempotency-Key` is said to be required, but getWorkstation does not take it "
             "(createVolume and createWorkstation do: link to the page of the one meant)"))]


def test_a_code_or_a_status_linked_to_another_codes_row_is_told(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A link whose anchor is an error code's row is held to its text: a code linked to
    another code's row, and a status to the row of a code of another status, are told
    (the anchor exists, so the build's anchor check lets them pass); a code linked to its
    own row, or a status to one of its codes', passes."""
    monkeypatch.syspath_prepend(str(HOOKS))
    import references

    contract = references.Contract.build(load_document(), {"volume_owned": 409,
                                                            "volume_attached": 409,
                                                            "not_found": 404}, set())
    page = references.Page("volumes/delete.md", "deleteVolume")
    text = ("# Delete\n\nA volume a workstation owns gets "
            "[`volume_owned`](../concepts/errors.md#volume_attached).\n\n"
            "Its [`409`](../concepts/errors.md#not_found) says so; "
            "[`409`](../concepts/errors.md#volume_owned) and "
            "[`volume_owned`](../concepts/errors.md#volume_owned) are right.\n")
    assert [(p.line, p.message) for p in references.check(text, page, contract)] == [
        (3, ("`volume_owned` links to the row of `volume_attached`: link it to its own "
             "(#volume_owned), or write it bare, and the build links it there")),
        (5, "`409` links to the row of `not_found`, which is answered with 404")]


def test_a_problems_title_or_code_shown_with_its_value_is_one_of_the_apis(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`"title": "Payload Too Large"` (an older reason phrase of 413, not the API's title)
    and a code the API has not, shown as a problem's member, are told with what is meant;
    the API's own pass."""
    monkeypatch.syspath_prepend(str(HOOKS))
    import references

    from cloudws.errors import ERROR_CODES

    titles = {e.status: e.title for e in ERROR_CODES.values()}
    contract = references.Contract.build(
        load_document(), {code: e.status for code, e in ERROR_CODES.items()}, set())
    page = references.Page("concepts/errors.md", None)
    text = ('# Errors\n\nA body too large gets `"title": "Payload Too Large"` and '
            '`"code": "body_too_large"`; it is `"title": "Content Too Large"` with '
            '`"code": "payload_too_large"`.\n')
    assert [(p.line, p.message) for p in references.check(text, page, contract, titles)] == [
        (3, ('`"title": "Payload Too Large"`: no answer of the API\'s has that title; did you '
             "mean `Content Too Large`? (413's)")),
        (3, ('`"code": "body_too_large"`: the API has no such code: did you mean '
             "`payload_too_large`?"))]


def test_operations_said_to_take_a_parameter_take_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """Operations named by their verbs and said to take a parameter (a header in any
    case) must take it: "starts and stops take an `Idempotency-Key`" is told, with the
    operations that take it; the creates, and lists taking a `limit`, pass. "Workstation
    creates" are the workstation's alone."""
    monkeypatch.syspath_prepend(str(HOOKS))
    import references

    contract = references.Contract.build(load_document(), {}, set())
    page = references.Page("concepts/idempotency.md", None)
    text = ("# Retries\n\nCreates take an `Idempotency-Key`; starts and stops take an "
            "`idempotency-key` too.\n\nLists take a `limit`, and a delete reads the "
            "`cursor`.\n")
    assert [(p.line, p.message) for p in references.check(text, page, contract)] == [
        (3, ("`idempotency-key` is said to be taken by startWorkstation and stopWorkstation, "
             "which take none (createVolume and createWorkstation do)")),
        (5, ("`cursor` is said to be taken by deleteVolume and deleteWorkstation, which take "
             "none (listVolumes and listWorkstations do)"))]
    # said after it: "with your stop requests", "is read by deletes"
    text = ("# Retries\n\nSend the `Idempotency-Key` header with your stop requests; it is "
            "read by creates, and the `limit` is read by lists. Send it with the same body.\n")
    assert [p.message for p in references.check(text, page, contract)] == [
        ("`Idempotency-Key` is said to be taken by stopWorkstation, which takes none "
         "(createVolume and createWorkstation do)")]
    # "workstation creates": the workstation's operations only
    text = "# Retries\n\nWorkstation creates and updates take a `volume_ids` list.\n"
    assert list(references.check(text, page, contract)) == []
    text = "# Retries\n\nVolume creates and updates take a `volume_ids` list.\n"
    assert [p.message for p in references.check(text, page, contract)] == [
        ("`volume_ids` is said to be taken by createVolume, which takes none "
        "(createWorkstation and updateWorkstation do)")]


#: The references hook and the contract it holds prose to (the ``checking`` fixture).
Checking = tuple[ModuleType, object]


@pytest.fixture
def checking(monkeypatch: pytest.MonkeyPatch) -> Checking:
    """``hooks/references.py``, imported from ``hooks/``, and the contract it holds prose
    to: the OpenAPI document, with each error code's status."""
    monkeypatch.syspath_prepend(str(HOOKS))
    import references

    return references, references.Contract.build(
        load_document(), {code: e.status for code, e in ERROR_CODES.items()}, set())


@pytest.fixture
def checking_fixtures(checking: Checking) -> Checking:
    """``checking``, with the sandbox's fixtures as the resources the pages may name."""
    from cloudws import models
    from cloudws.fixtures import load_fixtures

    references, _ = checking
    fixtures = load_fixtures()
    return references, references.Contract.build(
        load_document(), {code: e.status for code, e in ERROR_CODES.items()},
        {r.id for r in (*fixtures.workstations, *fixtures.volumes)},
        {models.WORKSTATION_ID_PREFIX: ("workstation", models.WORKSTATION_ID_PATTERN),
         models.VOLUME_ID_PREFIX: ("volume", models.VOLUME_ID_PATTERN)})


def test_what_a_list_request_is_said_to_list_is_what_the_sandbox_lists(checking: Checking
                                                                        ) -> None:
    """A list request written as its clause's subject and said to list workstations or
    volumes of the sandbox's starting state ("`GET /v1/workstations?status=stopped` returns
    both `ws-12345` and `ws-67890`") is held to the page the sandbox answers it with, as it
    starts: every one said is on it, and, said to be the only ones, no other is. Under a
    condition, at a later time or denied, it is not read."""
    references, contract = checking
    page = references.Page("concepts/pagination.md", None)
    _each_told(references, page, contract, {
        "`GET /v1/workstations?status=stopped` returns both `ws-12345` and `ws-67890`.": (
            "`GET /v1/workstations?status=stopped` is said to list `ws-12345` and `ws-67890`, "
            "but the sandbox, as it starts, lists `ws-12345`"),
        "`GET /v1/workstations` lists only `ws-67890`.": (
            "`GET /v1/workstations` is said to list only `ws-67890`, but the sandbox, as it "
            "starts, lists `ws-12345` and `ws-67890`"),
        "`GET /v1/workstations?limit=1` returns `ws-67890`.": (
            "`GET /v1/workstations?limit=1` is said to list `ws-67890`, but the sandbox, as it "
            "starts, lists `ws-12345` (and more on the next page)"),
        # in an order said, after an opening that says the sandbox is as it starts
        "From the starting state, `GET /v1/workstations` lists `ws-67890` first and then `ws-12345`.": (
            "`GET /v1/workstations` is said to list `ws-67890` and `ws-12345`, in that order, "
            "but the sandbox, as it starts, lists `ws-12345` and `ws-67890`, in that order"),
    }, [
        "`GET /v1/workstations` lists `ws-12345` first, then `ws-67890`.",
        "`GET /v1/workstations` lists `ws-12345` and `ws-67890`, in that order.",
        "`GET /v1/workstations?status=stopped` returns `ws-12345`.",
        "`GET /v1/workstations` lists `ws-12345` and `ws-67890`.",
        "`GET /v1/volumes?limit=2` returns only `vol-boot12345` and `vol-data12345`.",
        "`GET /v1/workstations?status=stopped` returns `ws-67890` once you stop it.",
        "`GET /v1/workstations?status=stopped` no longer returns `ws-67890`.",
        "`GET /v1/workstations?status=stopped` returns `ws-99999`.",  # (no fixture: an example's)
    ])


def test_the_members_an_answer_is_said_to_come_with_are_the_sandboxs(checking: Checking
                                                                     ) -> None:
    """The members of the JSON an answer is said to come with ("Deleting `ws-12345` answers
    `200` with `"deleted_volume_ids": [...]`") are the sandbox's, in its fixture state: of a
    call on an ID, or of a request written whole, a create's or a list's too, as written
    (with its body and query). An object said in part is compared for what it says; an ID or
    a cursor the sandbox makes only for being there."""
    references, contract = checking
    delete = references.Page("workstations/delete.md", "deleteWorkstation")
    _each_told(references, delete, contract, {
        "Deleting `ws-12345` answers `200` with "
        "`\"deleted_volume_ids\": [\"vol-boot12345\", \"vol-data12345\"]`.": (
            "`200` is said for deleteWorkstation on `ws-12345` with `\"deleted_volume_ids\": "
            "[\"vol-boot12345\", \"vol-data12345\"]`, but the sandbox's answer has "
            "`\"deleted_volume_ids\": [\"vol-boot12345\"]` (in its fixture state)"),
        "`DELETE /v1/workstations/ws-12345` answers `200` with "
        "`{\"id\": \"ws-12345\", \"status\": \"stopped\"}`.": (
            "`200` is said for `DELETE /v1/workstations/ws-12345`, with `{\"id\": \"ws-12345\", "
            "\"status\": \"stopped\"}`, but the sandbox's answer has `\"status\": \"deleted\"` "
            "(in its fixture state)"),
        "Deleting `ws-12345` answers `200` with `\"deleted\": true`.": (
            "`200` is said for deleteWorkstation on `ws-12345` with `\"deleted\": true`, but the "
            "sandbox's answer has no member `deleted` (in its fixture state)"),
    }, [
        "Deleting `ws-12345` answers `200` with `\"deleted_volume_ids\": [\"vol-boot12345\"]`.",
        ("`DELETE /v1/workstations/ws-12345` answers `200` with "
         "`{\"id\": \"ws-12345\", \"status\": \"deleted\"}`."),
        ("Deleting `ws-12345` answers `200` with `\"status\": \"deleted\"` and "
         "`\"detached_volume_ids\": [\"vol-data12345\"]`."),
        "Deleting `ws-67890` answers `409` with `workstation_not_stopped`.",
    ])
    create = references.Page("volumes/create.md", "createVolume")
    _each_told(references, create, contract, {
        "`POST /v1/volumes` with `{\"size_gb\": 100}` answers `201` with `\"standalone\": false`.": (
            "`201` is said for `POST /v1/volumes` with `{\"size_gb\": 100}`, with "
            "`\"standalone\": false`, but the sandbox's answer has `\"standalone\": true` (in its "
            "fixture state)"),
        "`POST /v1/volumes` with `{\"size_gb\": 0}` answers `201`.": (
            "`201` is said for `POST /v1/volumes` with `{\"size_gb\": 0}`, which the sandbox "
            "answers with `400` (`validation_error`) (in its fixture state)"),
    }, [
        ("`POST /v1/volumes` with `{\"size_gb\": 100}` answers `201` with `\"standalone\": true` "
         "and `\"attached_to\": null`."),
        "`POST /v1/volumes` answers `201` with `\"id\": \"vol-abc12345\"`.",  # (its own ID)
    ])
    listing = references.Page("volumes/list.md", "listVolumes")
    _each_told(references, listing, contract, {
        "`GET /v1/volumes?limit=1` answers `200` with `\"next_cursor\": null`.": (
            "`200` is said for `GET /v1/volumes?limit=1`, with `\"next_cursor\": null`, but the "
            "sandbox's answer has `next_cursor` set to a cursor (in its fixture state)"),
    }, [
        "`GET /v1/volumes` answers `200` with `\"next_cursor\": null`.",
        "`GET /v1/volumes?limit=1` answers `200` with `\"data\": [...]` and a `next_cursor`.",
        "`GET /v1/volumes?cursor=<cursor>` answers `200`.",  # (a cursor: the sandbox's own)
    ])


def test_a_status_said_for_a_request_after_an_opening_is_one_its_operation_documents(
        checking_fixtures: Checking) -> None:
    """A status said for a request after an opening of the clause's own ("Once `ws-12345`
    is deleted, `POST .../start` answers `410`") is one its operation documents. Where the
    opening says a call on a fixture was made first, and the sandbox lets it, the request
    gets what the sandbox answers it after that call, with the members said; another
    opening may be a condition, and what the sandbox answers there is not asked. Nor is a
    clause of another time ("Before 1.0.0,") read."""
    references, contract = checking_fixtures
    page = references.Page("concepts/lifecycle.md", None)
    _each_told(references, page, contract, {
        "Once `ws-12345` is deleted, `POST /v1/workstations/ws-12345/start` answers `410 Gone`.": (
            "`410 Gone` is said to be the answer of `POST /v1/workstations/ws-12345/start`, a "
            "request of startWorkstation, which does not document it (it documents 200, 400, "
            "401, 404, 413, 500)"),
        "Once `ws-12345` is deleted, `POST /v1/workstations/ws-12345/start` answers `200`.": (
            "`200` is said for `POST /v1/workstations/ws-12345/start` after deleteWorkstation "
            "on `ws-12345`, which the sandbox answers with `404` (`not_found`) (in its fixture "
            "state)"),
        "After stopping `ws-67890`, `DELETE /v1/workstations/ws-67890` answers `409`.": (
            "`409` is said for `DELETE /v1/workstations/ws-67890` after stopWorkstation on "
            "`ws-67890`, which the sandbox answers with `200` (in its fixture state)"),
        ("After you delete `ws-12345`, `GET /v1/volumes/vol-data12345` answers `200` with "
         "`\"attached_to\": \"ws-12345\"`."): (
            "`200` is said for `GET /v1/volumes/vol-data12345` after deleteWorkstation on "
            "`ws-12345`, with `\"attached_to\": \"ws-12345\"`, but the sandbox's answer has "
            "`\"attached_to\": null` (in its fixture state)"),
    }, [
        "Once `ws-12345` is deleted, `POST /v1/workstations/ws-12345/start` answers `404`.",
        "Before 1.0.0, `DELETE /v1/workstations/ws-12345` answers `204`.",
        "Once `ws-12345` is deleted, `POST /v1/workstations/ws-12345/start` never answers `410`.",
        ("After stopping `ws-67890`, `DELETE /v1/workstations/ws-67890` answers `200` with "
         "`\"deleted_volume_ids\": [\"vol-boot67890\"]`."),
        "After deleting `vol-scratch01`, `GET /v1/volumes` answers `200`.",
        # (the first call refused there, a running workstation's delete: a state not followed)
        "Once `ws-67890` is deleted, `GET /v1/workstations/ws-67890` answers `200`.",
        # (an update: it has a body, not followed)
        "Once `ws-12345` is renamed, `GET /v1/workstations/ws-12345` answers `404`.",
    ])


def test_a_next_cursor_said_of_a_list_request_is_there_when_more_follow(checking: Checking
                                                                         ) -> None:
    """A list request said to list fixtures and to answer with a `next_cursor` (or with none,
    or `"next_cursor": null`) is held to whether more follow on the page the sandbox answers,
    as it starts; its items are held as they are without one, a count before them too ("one
    volume, `vol-boot12345`,")."""
    references, contract = checking
    page = references.Page("concepts/pagination.md", None)
    _each_told(references, page, contract, {
        "`GET /v1/volumes?limit=1` returns one volume, `vol-boot12345`, and no `next_cursor`.": (
            "`GET /v1/volumes?limit=1` is said to answer with `\"next_cursor\": null`, but the "
            "sandbox, as it starts, answers a `next_cursor`: more follow on the next page"),
        "`GET /v1/workstations` lists `ws-12345` and `ws-67890`, with a `next_cursor`.": (
            "`GET /v1/workstations` is said to answer with a `next_cursor`, but the sandbox, as "
            "it starts, answers `\"next_cursor\": null`: it is the last page"),
        "`GET /v1/workstations` answers `200` with `ws-12345` and `ws-67890`, and a "
        "`next_cursor`.": (
            "`GET /v1/workstations` is said to answer with a `next_cursor`, but the sandbox, as "
            "it starts, answers `\"next_cursor\": null`: it is the last page"),
        "`GET /v1/volumes?limit=2` returns `vol-boot12345` and `vol-boot67890`, with a "
        "`next_cursor`.": (
            "`GET /v1/volumes?limit=2` is said to list `vol-boot12345` and `vol-boot67890`, but "
            "the sandbox, as it starts, lists `vol-boot12345` and `vol-data12345` (and more on "
            "the next page)"),
    }, [
        "`GET /v1/volumes?limit=1` returns one volume, `vol-boot12345`, and a `next_cursor`.",
        ("`GET /v1/workstations?status=running` lists only `ws-67890`, with "
         "`\"next_cursor\": null`."),
    ])


def test_fixture_volumes_said_listed_in_a_named_workstations_volume_ids_are_sent_to_it(
        checking: Checking) -> None:
    """Fixture volumes said to be listed in a named workstation's `volume_ids` ("in
    `ws-12345`'s `volume_ids`") are sent in an update of that workstation, on any page."""
    references, contract = checking
    page = references.Page("concepts/volumes.md", None)
    _each_told(references, page, contract, {
        "Listing `vol-boot67890` in `ws-12345`'s `volume_ids` gets `409` `volume_attached`.": (
            "`409` `volume_attached` is said for updateWorkstation of `ws-12345` with "
            "`volume_ids` `vol-boot67890`, which the sandbox answers with `409` "
            "(`volume_owned`) (in its fixture state)"),
        "Listing `vol-scratch01` in `ws-67890`'s `volume_ids` gets `200`.": (
            "`200` is said for updateWorkstation of `ws-67890` with `volume_ids` "
            "`vol-scratch01`, which the sandbox answers with `409` (`workstation_not_stopped`) "
            "(in its fixture state)"),
    }, [
        "Listing `vol-boot67890` in `ws-12345`'s `volume_ids` gets `409` `volume_owned`.",
        "Listing `vol-scratch01` in `ws-12345`'s `volume_ids` gets `200`.",
    ])


def test_a_member_a_fixture_is_said_to_have_is_the_one_it_starts_with(checking: Checking
                                                                      ) -> None:
    """A member of a fixture's JSON said to be there ("`ws-12345` has `"status":
    "running"`", after an aside or other members too) is the one the resource has as the
    sandbox starts; after a condition or a call, it is not read."""
    references, contract = checking
    page = references.Page("concepts/volumes.md", None)
    _each_told(references, page, contract, {
        "`vol-boot12345`, the volume `ws-12345` owns, has `\"standalone\": true`.": (
            "`vol-boot12345` is said to have `\"standalone\": true`, but as the sandbox starts "
            "it has `\"standalone\": false`"),
        "`ws-12345` has `\"status\": \"stopped\"` and `\"machine_type\": \"standard-8\"`.": (
            "`ws-12345` is said to have `\"machine_type\": \"standard-8\"`, but as the sandbox "
            "starts it has `\"machine_type\": \"standard-4\"`"),
        "In the starting state, `vol-scratch01` has `{\"attached_to\": \"ws-67890\"}`.": (
            "`vol-scratch01` is said to have `{\"attached_to\": \"ws-67890\"}`, but as the "
            "sandbox starts it has `\"attached_to\": null`"),
    }, [
        "`vol-boot12345`, the volume `ws-12345` owns, has `\"standalone\": false`.",
        "`ws-12345` has `\"status\": \"stopped\"` and `\"machine_type\": \"standard-4\"`.",
        "Once you start it, `ws-12345` has `\"status\": \"running\"`.",
        "`ws-12345` no longer has `\"status\": \"running\"`.",
    ])


def test_a_name_a_path_or_an_id_said_to_be_none_of_the_apis_passes(checking: Checking
                                                                    ) -> None:
    """A field's name, a path or an ID the sentence itself says the API has none such of
    ("an unknown field, `nam`", "a path the API does not have, such as `/v1/nothing`",
    "`ws-00000` too, a well-formed ID that no workstation has") passes; said without that,
    each is told."""
    references, contract = checking
    page = references.Page("concepts/errors.md", None)
    update = references.Page("workstations/update.md", "updateWorkstation")
    assert references.check("# T\n\nSee below.\n\nA body with `{\"colour\": \"blue\"}` gets "
                            "`400`: there is no `colour` field.\n", update, contract) == []
    _each_told(references, page, contract, {
        "A body with the field `nam` gets `400`.": (
            "`nam` is not an error code or a field of the API; did you mean `name`?"),
    }, [
        "A body with an unknown field, `nam`, gets `400`.",
        ("Without a token, even a path the API does not have, such as `/v1/nothing`, gets "
         "`401`."),
        ("`GET /v1/workstations/ws-00000` answers `404` for `ws-00000` too, a well-formed ID "
         "that no workstation has."),
        ("An update of the nonexistent `ws-00000` with an invalid `name` gets `400`; with a "
         "valid one, `404`."),
    ])
    assert [p.message.split(";")[0] for p in references.check(
        "# T\n\nA `GET /v1/nothing` gets `401`.\n", page, contract)] == [
        "`GET /v1/nothing`: the API has no path /v1/nothing"]


def test_a_status_said_of_the_removed_route_or_after_a_fresh_sandbox_is_read_too(
        checking: Checking) -> None:
    """A request of the removed route said to be answered a status ("is answered `410`") is
    held to what the sandbox answers it (a malformed ID: `400`), and an operation said to
    answer one after "On a fresh sandbox," to what it documents."""
    references, contract = checking
    changelog = references.Page("changelog.md", None)
    _each_told(references, changelog, contract, {
        "`GET /v1/workstations/WS/delete` is answered `410`.": (
            "`410` is said for `GET /v1/workstations/WS/delete`, which the sandbox answers with "
            "`400` (`invalid_id`) (in its fixture state)"),
    }, ["`GET /v1/workstations/ws-12345/delete` is answered `410`.",
        # (a condition its operation has no answer for: not read as the API's)
        ("`GET /v1/workstations/ws-99999/delete` answers `410` too, though no workstation "
         "has that ID.")])
    quickstart = references.Page("quickstart.md", None)
    _each_told(references, quickstart, contract, {
        "On a fresh sandbox, creating a workstation answers `200 OK`.": (
            "`200 OK` is said to be answered by createWorkstation, which does not document it "
            "(it documents 201, 400, 401, 409, 413, 415, 422, 500)"),
    }, ["On a fresh sandbox, creating a workstation answers `201`."])


def test_a_request_given_as_an_example_or_with_its_detail_said_is_held_to_its_answer(
        checking: Checking) -> None:
    """A request given as an example of what opens the clause ("Even a malformed ID, such
    as `GET ...`, is answered `410`") is held to what the sandbox answers it, as is one
    whose status is followed by what its `detail` says (", and the `detail` names ..."),
    which is not read."""
    references, contract = checking
    changelog = references.Page("changelog.md", None)
    _each_told(references, changelog, contract, {
        "Even a malformed ID on the removed route, such as `GET /v1/workstations/WS/delete`, "
        "is answered `410`.": (
            "`410` is said for `GET /v1/workstations/WS/delete`, which the sandbox answers with "
            "`400` (`invalid_id`) (in its fixture state)"),
    }, [("A well-formed ID on the removed route, such as `GET /v1/workstations/ws-12345/delete`, "
         "is answered `410`.")])
    delete = references.Page("volumes/delete.md", "deleteVolume")
    _each_told(references, delete, contract, {
        "`DELETE /v1/volumes/vol-data12345` gets `409` `volume_owned`, and the `detail` names "
        "`ws-12345`.": (
            "`409` `volume_owned` is said for `DELETE /v1/volumes/vol-data12345`, which the "
            "sandbox answers with `409` (`volume_attached`) (in its fixture state)"),
    }, [("`DELETE /v1/volumes/vol-data12345` gets `409` `volume_attached`, and the `detail` "
         "names `ws-12345`.")])


def test_the_paragraph_before_is_no_call_done_just_before(checking: Checking) -> None:
    """A call said in the paragraph before ("Stops a running workstation.") is not one done
    just before a sentence that opens its own paragraph: that sentence is read as the
    fixtures are; the sentence before in its own paragraph is."""
    references, contract = checking
    page = references.Page("workstations/stop.md", "stopWorkstation")
    _each_told(references, page, contract, {
        "Stops a running workstation.\n\nStopping `ws-67890` answers `200` with "
        "`\"status\": \"running\"`.": (
            "`200` is said for stopWorkstation on `ws-67890` with `\"status\": \"running\"`, "
            "but the sandbox's answer has `\"status\": \"stopped\"` (in its fixture state)"),
    }, ["Stop `ws-67890`. Stopping `ws-67890` answers `200` with `\"status\": \"running\"`."])


def test_a_status_said_for_a_call_made_again_is_what_the_sandbox_answers_the_second(
        checking: Checking) -> None:
    """A status said for a call made a second time, right after the first, on a resource of
    the fixtures ("Deleting `vol-scratch01` again answers", "A second `DELETE ...` after a
    successful one gets") is what the sandbox answers the second; "the second" of a recipe,
    which may come after another call, is not read."""
    references, _ = checking
    from cloudws import models

    contract = references.Contract.build(
        load_document(), {code: e.status for code, e in ERROR_CODES.items()},
        {"ws-12345", "ws-67890", "vol-scratch01"},
        {models.WORKSTATION_ID_PREFIX: ("workstation", models.WORKSTATION_ID_PATTERN),
         models.VOLUME_ID_PREFIX: ("volume", models.VOLUME_ID_PATTERN)})
    volumes = references.Page("volumes/delete.md", "deleteVolume")
    _each_told(references, volumes, contract, {
        "Deleting `vol-scratch01` a second time answers `200`.": (
            "`200` is said for deleteVolume on `vol-scratch01` a second time, which the "
            "sandbox answers with `404` (`not_found`) right after the first (in its fixture "
            "state)"),
        "Deleting `vol-scratch01` twice gets `200` both times.": (
            "`200` is said for deleteVolume on `vol-scratch01` a second time, which the "
            "sandbox answers with `404` (`not_found`) right after the first (in its fixture "
            "state)"),
        # the members of the second answer
        "Deleting `vol-scratch01` again answers `404` with `\"code\": \"volume_attached\"`.": (
            "`404` is said for deleteVolume on `vol-scratch01` a second time with "
            "`\"code\": \"volume_attached\"`, but the sandbox's second answer has "
            "`\"code\": \"not_found\"` (in its fixture state)"),
        "`DELETE /v1/volumes/vol-scratch01`, sent again right after the first, answers `200`.": (
            "`200` is said for deleteVolume on `vol-scratch01` a second time, which the "
            "sandbox answers with `404` (`not_found`) right after the first (in its fixture "
            "state)"),
    }, ["Deleting `vol-scratch01` again answers `404` `not_found`.",
        "Deleting `vol-scratch01` again answers `404` with `\"code\": \"not_found\"`.",
        "Sent again right after the first, `DELETE /v1/volumes/vol-scratch01` answers `404`."])
    workstations = references.Page("workstations/delete.md", "deleteWorkstation")
    _each_told(references, workstations, contract, {
        "A second `DELETE /v1/workstations/ws-12345` after a successful one answers `409`.": (
            "`409` is said for deleteWorkstation on `ws-12345` a second time, which the "
            "sandbox answers with `404` (`not_found`) right after the first (in its fixture "
            "state)"),
    }, [
        "A second `DELETE /v1/workstations/ws-12345` after a successful one answers `404`.",
        "The second `DELETE /v1/workstations/ws-67890` answers `200`.",  # (a recipe's)
    ])


def test_a_status_said_for_fixture_volumes_listed_in_volume_ids_is_the_sandboxs(
        checking: Checking) -> None:
    """A status (and its code) said for fixture volumes listed in the `volume_ids` of a
    create or an update ("Listing `vol-data12345` in `volume_ids` gets `409`
    `volume_attached`") is what the sandbox answers that operation's example sent with
    them, in its fixture state: the operation the clause names, else the page's."""
    references, contract = checking
    create = references.Page("workstations/create.md", "createWorkstation")
    _each_told(references, create, contract, {
        "Listing `vol-data12345` in `volume_ids` gets `409` `volume_owned`.": (
            "`409` `volume_owned` is said for createWorkstation with `volume_ids` "
            "`vol-data12345`, which the sandbox answers with `409` (`volume_attached`) (in its "
            "fixture state)"),
        "Listing `vol-scratch01` in `volume_ids` gets `409`.": (
            "`409` is said for createWorkstation with `volume_ids` `vol-scratch01`, which the "
            "sandbox answers with `201` (in its fixture state)"),
    }, [
        "Listing `vol-boot12345` in `volume_ids` gets `409` `volume_owned`.",
        "In the starting state, naming `vol-scratch01` in `volume_ids` gets `201`.",
        "Listing `vol-00000` in `volume_ids` gets `409` `volume_not_found`, say.",
    ])
    concepts = references.Page("concepts/volumes.md", None)
    _each_told(references, concepts, contract, {
        "Naming `vol-boot67890` in `volume_ids` of an update gets `200`.": (
            "`200` is said for updateWorkstation with `volume_ids` `vol-boot67890`, which the "
            "sandbox answers with `409` (`volume_owned`) (in its fixture state)"),
    }, ["Naming `vol-boot67890` in `volume_ids` of an update gets `409` `volume_owned`."])


def _each_told(references: ModuleType, page: object, contract: object, lies: dict[str, str],
               truths: list[str]) -> None:
    """Each of ``lies``, alone on a page, is told what it maps to, and each of ``truths``
    nothing."""
    for sentence, said in lies.items():
        found = [p.message for p in references.check(f"# T\n\n{sentence}\n", page, contract)]
        assert found == [said], sentence
    for sentence in truths:
        assert references.check(f"# T\n\n{sentence}\n", page, contract) == [], sentence


def test_a_status_or_code_said_under_another_codes_condition_is_told(
    checking: Checking,
) -> None:
    """A status or an error code said under a condition the API answers with another
    ("deleting a running workstation answers `404`") is told with what it answers; the same
    said rightly, denied ("no longer running"), or beside a second status, passes."""
    references, contract = checking
    page = references.Page("concepts/troubleshooting.md", None)
    lies = {
        "Deleting a running workstation answers `404`.": (
            '`404` is said for "running workstation", which the API answers with `409` '
            "(`workstation_not_stopped`)"),
        "A volume a workstation owns gets [`volume_attached`](errors.md#volume_attached).": (
            '`volume_attached` is said for "volume a workstation owns", which the API answers '
            "with `409` (`volume_owned`)"),
        "An owned volume cannot be deleted on its own: the API answers `409` "
        "`volume_attached`.": (
            '`volume_attached` is said for "owned volume", which the API answers with `409` '
            "(`volume_owned`)"),
        **dict.fromkeys((("A boot volume, which its workstation owns, is refused with `409` "
                          "`volume_attached`."),
                         "Deleting a boot volume gets `409` `volume_attached`."), (
            '`volume_attached` is said for "boot volume", which the API answers with `409` '
            "(`volume_owned`)")),
        "The same key with another body gets `409`.": (
            '`409` is said for "another body", which the API answers with `422` '
            "(`idempotency_key_reused`)"),
        "- **409** — the workstation does not exist.": (
            '**409** is said for "workstation does not exist", which the API answers with `404` '
            "(`not_found`)"),
        "A request without a valid token gets `404`.": (
            '`404` is said for "without a valid token", which the API answers with `401` '
            "(`unauthorized`)"),
        "Deleting a running workstation answers `404 Not Found`.": (
            '`404 Not Found` is said for "running workstation", which the API answers with '
            "`409` (`workstation_not_stopped`)"),
        "A delete of a missing volume returns `409`.": (
            '`409` is said for "missing volume", which the API answers with `404` (`not_found`)'),
        "A missing volume in `volume_ids` gets `404`.": (
            '`404` is said for "missing volume in `volume_ids`", which the API answers with `409` '
            "(`volume_not_found`)"),
        "If a volume listed in `volume_ids` does not exist, an update gets `404`.": (
            '`404` is said for "volume listed in `volume_ids` does not exist", which the API '
            "answers with `409` (`volume_not_found`)"),
        "An ID that is not well formed, such as `WS-1`, gets `404`.": (
            '`404` is said for "ID that is not well formed", which the API answers with `400` '
            "(`invalid_id`)"),
        "A deleted workstation answers `409`.": (
            '`409` is said for "deleted workstation", which the API answers with `404` '
            "(`not_found`)"),
        "Deleting a running workstation answers `404`, not `409`.": (
            '`404` is said for "running workstation", which the API answers with `409` '
            "(`workstation_not_stopped`)"),
        "While it's running, a delete answers `404`.": (
            '`404` is said for "it\'s running", which the API answers with `409` '
            "(`workstation_not_stopped`)"),
        "A running workstation cannot be deleted; the API answers `404`.": (
            '`404` is said for "running workstation", which the API answers with `409` '
            "(`workstation_not_stopped`)"),
        "Reusing a key with a different payload answers `409`.": (
            '`409` is said for "a different payload", which the API answers with `422` '
            "(`idempotency_key_reused`)"),
        "A workstation that isn't stopped gets `400` on delete.": (
            '`400` is said for "workstation that isn\'t stopped", which the API answers with '
            "`409` (`workstation_not_stopped`)"),
        "An invalid cursor gets `404`, and so does a malformed ID.": (
            '`404` is said for "invalid cursor", which the API answers with `400` '
            "(`validation_error`)"),
        "A `cursor` that another list issued gets `404`.": (
            '`404` is said for "cursor that another list issued", which the API answers with '
            "`400` (`validation_error`)"),
        "An invalid `cursor` gets `404`.": (
            '`404` is said for "invalid cursor", which the API answers with `400` '
            "(`validation_error`)"),
        "A `cursor` another list issued gets `404`.": (
            '`404` is said for "cursor another list issued", which the API answers with `400` '
            "(`validation_error`)"),
        "A `next_cursor` taken from another list gets `404`.": (
            '`404` is said for "next_cursor taken from another list", which the API answers '
            "with `400` (`validation_error`)"),
        "Creating a volume with an empty body answers `409`.": (
            '`409` is said for "empty body", which the API answers with `400` (`invalid_json` '
            "or `validation_error`)"),
        "Creating a workstation with an empty body answers `201`.": (
            '`201` is said for "empty body", which createWorkstation answers with `400` '
            "(`invalid_json` or `validation_error`)"),
        "A request whose body is empty gets `415`.": (
            '`415` is said for "body is empty", which the API answers with `400` '
            "(`invalid_json` or `validation_error`)"),
        "An update with a malformed body answers `409`.": (
            '`409` is said for "malformed body", which the API answers with `400` '
            "(`invalid_json` or `validation_error`)"),
        "Creating a volume with an invalid request body gets `422`.": (
            '`422` is said for "invalid request body", which the API answers with `400` '
            "(`invalid_json` or `validation_error`)"),
        "A `PATCH` of a running workstation with a malformed body answers `409`.": (
            '`409` is said for "malformed body", which the API answers with `400` '
            "(`invalid_json` or `validation_error`)"),
        "A request to update a running workstation with a malformed body gets `409`.": (
            '`409` is said for "malformed body", which the API answers with `400` '
            "(`invalid_json` or `validation_error`)"),
        "Updates with malformed bodies get `409`.": (
            '`409` is said for "malformed bodies", which the API answers with `400` '
            "(`invalid_json` or `validation_error`)"),
        "An update whose body is invalid gets `409`.": (
            '`409` is said for "body is invalid", which the API answers with `400` '
            "(`invalid_json` or `validation_error`)"),
        "A body that isn't valid JSON gets `409`.": (
            '`409` is said for "isn\'t valid JSON", which the API answers with `400` '
            "(`invalid_json`)"),
        # two conditions, one checked before the store is asked: that one is answered
        "Updating a running workstation with a malformed body answers `409`.": (
            '`409` is said for "malformed body", which the API answers with `400` '
            "(`invalid_json` or `validation_error`)"),
        "A create with an invalid body that names an attached volume gets `409`.": (
            '`409` is said for "invalid body", which the API answers with `400` '
            "(`invalid_json` or `validation_error`)"),
        "Deleting a running workstation without a token answers `409`.": (
            '`409` is said for "without a token", which the API answers with `401` '
            "(`unauthorized`)"),
        "Updating a deleted workstation with an empty body answers `404`.": (
            '`404` is said for "empty body", which the API answers with `400` (`invalid_json` '
            "or `validation_error`)"),
        "Updating a running workstation without a `Content-Type` answers `409`.": (
            '`409` is said for "without a Content-Type", which the API answers with `415` '
            "(`unsupported_media_type`)"),
        # no body at all: the body's `400`, whatever the media type (there is none to refuse)
        "An update sent without a body to a running workstation answers `409`.": (
            '`409` is said for "update sent without a body", which the API answers with `400` '
            "(`validation_error`)"),
        "A create without a body gets `415`.": (
            '`415` is said for "create without a body", which the API answers with `400` '
            "(`validation_error`)"),
        # two of the request's own checks: the one the sandbox answers a request with both
        "A malformed body without a token answers `400`.": (
            '`400` is said for "without a token", which the API answers with `401` '
            "(`unauthorized`), checked before the other condition it says (as the sandbox "
            "answers a request with both)"),
        "Updating a running workstation with a malformed body and no token answers `409`.": (
            '`409` is said for "no token", which the API answers with `401` (`unauthorized`), '
            "checked before the other condition it says (as the sandbox answers a request "
            "with both)"),
        "A body that is not JSON, sent as `text/plain`, answers `400`.": (
            '`400` is said for "sent as text/", which the API answers with `415` '
            "(`unsupported_media_type`), checked before the other condition it says (as the "
            "sandbox answers a request with both)"),
        # no body and no media type: nothing to refuse as to its type; no body, a type
        # that is not JSON's: the type is refused (the sandbox sends both)
        "A create with no body and no `Content-Type` gets `415`.": (
            '`415` is said for "create with no body", which the API answers with `400` '
            "(`validation_error`), checked before the other condition it says (as the sandbox "
            "answers a request with both)"),
        **{lie: (f'`415` is said for "{said}", which the API answers with `400` '
                 "(`validation_error`), checked before the other condition it says (as the "
                 "sandbox answers a request with both)") for lie, said in (
            (("A volume create that is sent without a body and with no `Content-Type` gets "
              "`415`."), "create that is sent without a body"),
            ("If a create has no body and no `Content-Type`, it gets `415`.",
             "create has no body"),
            ("A create with neither a body nor a `Content-Type` gets `415`.",
             "create with neither a body"),
            ("A `POST` with no body and no `Content-Type` answers `415`.",
             "POST with no body"))},
        "A create with no body, sent as `text/plain`, gets `400`.": (
            '`400` is said for "sent as text/", which the API answers with `415` '
            "(`unsupported_media_type`), checked before the other condition it says (as the "
            "sandbox answers a request with both)"),
        # a query parameter the operation does not take, beside a malformed ID: the sandbox
        # is asked, and its code read (both are `400`s)
        "A malformed ID with an unknown query parameter gets `400` `invalid_id`.": (
            '`invalid_id` is said for "unknown query", which the API answers with `400` '
            "(`validation_error`), checked before the other condition it says (as the sandbox "
            "answers a request with both)"),
        # a field's value said invalid: checked before the lookup
        "Updating a workstation that does not exist with an invalid `name` answers `404`.": (
            '`404` is said for "invalid `name`", which the API answers with `400` '
            "(`validation_error`)"),
        # an order said beside them is the sandbox's to say
        "A malformed body without a token gets `400`: the body is checked before the token.": (
            '`400` is said for "without a token", which the API answers with `401` '
            "(`unauthorized`), checked before the other condition it says (as the sandbox "
            "answers a request with both)"),
        "A revoked token with a malformed body answers `400`.": (
            '`400` is said for "revoked token", which the API answers with `401` '
            "(`unauthorized`), checked before the other condition it says (as the sandbox "
            "answers a request with both)"),
        # a field, a query's parameter or a cursor: checked before the state and the lookup
        "Updating a running workstation with an unknown field answers `409`.": (
            '`409` is said for "unknown field", which the API answers with `400` '
            "(`validation_error`)"),
        "Updating a deleted workstation with an unknown field answers `404`.": (
            '`404` is said for "unknown field", which the API answers with `400` '
            "(`validation_error`)"),
        "Listing with an invalid cursor without a token answers `400`.": (
            '`400` is said for "without a token", which the API answers with `401` '
            "(`unauthorized`), checked before the other condition it says (as the sandbox "
            "answers a request with both)"),
        # a body said to be ignored where an operation that reads one is named
        "A malformed body is ignored; updating `ws-99999` gets `404`.": (
            '`404` is said for "malformed body", which the API answers with `400` '
            "(`invalid_json` or `validation_error`)"),
        "A body too large, without a token, gets `413`.": (
            '`413` is said for "without a token", which the API answers with `401` '
            "(`unauthorized`), checked before the other condition it says (as the sandbox "
            "answers a request with both)"),
        # a workstation other than the request's, running: its volume's codes
        "Deleting a volume on a running workstation answers `404`.": (
            '`404` is said for "volume on a running workstation", which the API answers with '
            "`409` (`volume_attached` or `volume_owned`)"),
        "Deleting a running workstation's boot volume answers `404`.": (
            '`404` is said for "running workstation\'s boot volume", which the API answers with '
            "`409` (`volume_attached` or `volume_owned`)"),
    }
    truths = [
        ("If an update gets `409` `volume_attached` and the other workstation is running, stop "
         "that workstation first."),
        ("A `409` `volume_attached` from a volume delete, with the volume on a running "
         "workstation: stop the workstation, then update it without the volume."),
        "An update that names a volume of another running workstation gets `volume_attached`.",
        "Deleting a running workstation's boot volume answers `409` `volume_owned`.",
        "Attaching a volume from a running workstation fails with `volume_attached`.",
        "Attaching a volume that a running workstation holds answers `409` `volume_attached`.",
        "A malformed body without a token answers `401`.",
        "A body that is not JSON, sent as `text/plain`, answers `415`.",
        "A create without a body and without a `Content-Type` gets `400` `validation_error`.",
        ("A create without a body but with `Content-Type: application/json` gets `400` "
         "`invalid_json`."),
        "An empty request, with no `Content-Type`, gets `400`.",
        "A create with no body, sent as `text/plain`, gets `415`.",
        "A `HEAD` of a workstation that does not exist answers `404` with no body.",
        "Deleting a running workstation answers `409`, and a stopped one `200`.",
        "A running workstation never answers `404`.",
        "Once it is no longer running, the delete answers `200`.",
        "Even a running workstation answers `401` to a request with no token.",
        "Afterwards the workstation, and the volume it owned, answer `404`.",
        ("An attached volume gets `409` [`volume_attached`](errors.md#volume_attached): "
        "detach it first, without deleting it."),
        "A volume that was deleted, named in `volume_ids`, gets `409`.",
        "A `404` after a running workstation was deleted by someone else is normal.",
        "A `limit` that is too large gets `400` `validation_error`.",
        "A cursor belongs to its list: passed to another list, it is refused with `400`.",
        ("Even on a running workstation, an update with an unknown `machine_type` answers "
         "`400`: the body is checked before the state."),
        "Getting an owned volume after its workstation is deleted answers `404`.",
        "If the `Authorization` header is not there, you get `401`.",
        "Deleting a running workstation answers `409`, not `404`.",
        "A running workstation gets `409`; a deleted one gets `404`.",
        "Creating a workstation that names a deleted volume answers `409`.",
        "Creating a workstation with an unknown volume ID in `volume_ids` answers `409`.",
        ("A malformed ID gets `invalid_id`, a body that is not JSON gets `invalid_json`, and "
         "everything else gets `validation_error`."),
        ("A `404` for an attached volume's ID means the ID is wrong, since attached volumes "
         "can always be read."),
        "Another body under a fresh key is a new request, and it may get `400`.",
        "A volume whose workstation was deleted is either gone (`404`, if it was owned) or kept.",
        "A volume of `volume_ids` that does not exist gets `409` `volume_not_found`, not `404`.",
        # two conditions: the body's, checked before the state, is the one answered
        "Updating a running workstation with an empty body answers `400`.",
        "An empty JSON object gets `400` `validation_error`.",
        # "non-empty" is no empty body
        "A request with a non-empty body gets `409` if its name is taken.",
        "A `404` answer still has a non-empty body.",
        # a body sent to an operation that reads none: ignored
        "Starting a workstation with an empty body answers `200`.",
        "Deleting a stopped workstation with an empty body answers `200`.",
        "Starting `ws-99999` with an empty body answers `404`.",
        "Listing volumes with an empty body answers `200`.",
        "An update with a malformed body answers `400`.",
        "Updating a running workstation with a malformed body answers `400`.",
        "Deleting a running workstation without a token answers `401`.",
        "An oversized, malformed body gets `413`.",
        # two conditions both the store's: either status passes (the order among them is
        # not read)
        ("Updating a running workstation to add a deleted volume answers `409` "
         "`workstation_not_stopped`."),
        # a body to an operation not named (a delete ignores one), the old route (another
        # request's), a response's media type, a check said to come first: not read
        "A `DELETE` of a running workstation with a malformed body answers `409`.",
        "Unlike the old route, deleting a running workstation with `DELETE` answers `409`.",
        "The `409` a running workstation gets is sent as `application/problem+json`.",
        ("Updating a running workstation answers `409` if the body is valid, as a malformed "
         "body is refused first."),
        "A malformed body gets `400` `invalid_json`.",
        # (a body an operation never reads: a stop ignores it)
        "Stopping a workstation with a malformed body answers `200`.",
        # a request for an operation is of that operation: a stop reads no body
        "A request to stop `ws-99999` with a malformed body gets `404`.",
        # a request by its method is of every operation of that method: a delete reads none
        "A `DELETE` with a malformed body, sent for `ws-99999`, gets `404`.",
        # a workstation said to be ignored is still one
        ("A malformed body sent with a delete of a running workstation is ignored: the API "
         "answers `409`."),
        # a body said to be ignored is no condition (a bold label names no operation)
        "- **Stop**: a malformed body is ignored; `ws-99999` gets `404`.",
        "- **Stop**: it ignores any malformed body, and `ws-99999` gets `404`.",
        # a size said of the body after it: the size's `413` is the first check's
        "A malformed body gets `413` when it is over 64 KiB.",
        "A malformed body gets `413` if it exceeds the size limit.",
        # a size said of another thing than the body: not the body's limit
        "A request whose headers are over 64 KiB gets `400` `malformed_request`.",
        "A volume whose `size_gb` is over 2048 GiB gets `400`.",
        "An `Idempotency-Key` that is over 255 bytes gets `400`.",
        "A revoked token with a malformed body answers `401`.",
        "Updating a running workstation with an unknown field answers `400`.",
        "Listing with an invalid cursor without a token answers `401`.",
        # "does not exist" said of a value the request gives: no lookup's
        "A machine type that does not exist gets `400`.",
        "An update whose `machine_type` does not exist answers `400`.",
    ]
    _each_told(references, page, contract, lies, truths)
    # a refusal said with the status in brackets: the condition is the sentence's
    _each_told(references, page, contract, {
        "An attached volume cannot be deleted (`404`).": (
            '`404` is said for "attached volume", which the API answers with `409` '
            "(`volume_attached`)"),
        "A volume that is attached to a workstation cannot be deleted (`404`).": (
            '`404` is said for "volume that is attached", which the API answers with `409` '
            "(`volume_attached`)"),
        "An owned volume cannot be deleted (`volume_attached`).": (
            '`volume_attached` is said for "owned volume", which the API answers with `409` '
            "(`volume_owned`)"),
        "A running workstation can't be deleted (`404`).": (
            '`404` is said for "running workstation", which the API answers with `409` '
            "(`workstation_not_stopped`)"),
        # brackets that hold the status and its code alone: the words before them
        "A delete is refused when:\n\n- it is attached (`409` `volume_owned`);\n- no.": (
            '`volume_owned` is said for "it is attached", which the API answers with `409` '
            "(`volume_attached`)"),
        "An owned volume, (HTTP `409` — `volume_attached`).": (
            '`volume_attached` is said for "owned volume", which the API answers with `409` '
            "(`volume_owned`)"),
        # a word's emphasis is read as the word
        "- a standalone volume **attached** to a workstation gets `409` `volume_owned`": (
            '`volume_owned` is said for "volume attached", which the API answers with `409` '
            "(`volume_attached`)"),
        # a success said of a resource under a condition every delete refuses
        "An owned volume can be deleted (`200`).": (
            '`200` is said for "owned volume", which deleteVolume answers with `409` '
            "(`volume_owned`)"),
        "A deleted volume can be deleted (`200`).": (
            '`200` is said for "deleted volume", which deleteVolume answers with `404` '
            "(`not_found`)"),
        "An owned volume is deleted (`200`).": (
            '`200` is said for "owned volume", which deleteVolume answers with `409` '
            "(`volume_owned`)")}, [
        "A standalone volume can be deleted (`200`).",
        "A standalone volume is deleted (`200`).",
        "A volume a workstation owns is deleted when the workstation is deleted (`200`).",
        "A volume that was attached can be deleted (`200`).",
        "An owned volume can be listed (`200`).",
        "An attached volume cannot be deleted (`409`).",
        "An attached volume cannot be deleted (`409` `volume_attached`).",
        "A deleted workstation cannot be deleted (`404`).",
        "An attached volume is not a problem (`404` is the ID's).",
        "- it is attached (`409` `volume_attached`)",
        "An attached volume (see `404` for a missing one) gets `409`.",
        # a 405 is a method's, whatever the route; an owned volume once its workstation is gone
        "The removed route answers a `POST` with `405`.",
        ("Once the workstation that owned it is deleted, an owned volume answers `404` "
         "`not_found`, like the workstation."),
    ])
    # more volumes than a list takes: the schema's `400`
    _each_told(references, page, contract, {
        "An update that lists more standalone volumes than allowed gets `409`.": (
            '`409` is said for "more standalone volumes than allowed", which the API answers '
            "with `400` (`validation_error`)")}, [
        "An update with too many volumes gets `400`.",
        "Updating a running workstation with too many volumes answers `400`.",
        "An update with more volumes answers `200`.",
        "More than 16 standalone volumes in `volume_ids` get `400`."])
    _each_told(references, page, contract, {
        "More than 16 standalone volumes in `volume_ids` get `409 Conflict`.": (
            '`409 Conflict` is said for "More than 16 standalone volumes", which the API '
            "answers with `400` (`validation_error`)"),
        # the number as a page writes it, a fact's placeholder
        "More than {{ fact standalone_volumes_max }} standalone volumes get `409`.": (
            '`409` is said for "More than {{ fact standalone_volumes_max }} standalone '
            'volumes", which the API answers with `400` (`validation_error`)')}, [
        "More than {{ fact standalone_volumes_max }} standalone volumes get `400`."])


def test_a_status_an_endpoint_page_says_its_operation_does_not_answer_passes(
    checking: Checking,
) -> None:
    """On an endpoint page, a status its operation does not document, said not to be its
    answer ("a stop never answers `409`"), is true of it and passes (on another page, one
    the API never answers); said to be, it is told, with the way out."""
    references, contract = checking
    stop = references.Page("workstations/stop.md", "stopWorkstation")
    told = ("`409`: stopWorkstation does not document status 409 (it documents 200, 400, 401, "
            "404, 413, 500); if it is another operation's, link it to that operation's page, or follow "
            "it with { .no-ref }")
    _each_told(references, stop, contract, {
        "A stop answers `409` on a stopped workstation.": told,
        "The delete, not the stop, answers `409`.": told,
        # a status the API answers to no operation: the way out for a request of none
        # (said with the method sent, it passes: below)
        "The stop path can answer `405`.": (
            "`405`: stopWorkstation does not document status 405 (it documents 200, 400, 401, "
            "404, 413, 500) (the API answers it to a request of no operation, such as a "
            "method its path does not take: to name it so, follow it with { .no-ref })"),
    }, [
        "A `GET` of the stop path answers `405`.",
        "A stop never answers `409`.",
        "Stop does not answer `409`: it changes nothing instead.",
        "Stopping a stopped workstation is not refused with `409`.",
        "There is no `409` for a stop.",
        "A stop cannot answer `409`.",
        # other verbs, and the denial farther before them
        "Stopping never results in a `409`.",
        "You will not see a `409` from a stop.",
        "No stop ever answers `409`.",
        "Neither starting nor stopping ever answers `409`.",
        # an error code it does not return, denied
        "A stop never gets `volume_attached`.",
        "Stopping does not return the error code `volume_attached`.",
        "Neither a start nor a stop can answer `volume_owned`.",
        # "HTTP" before the status; denied after a comma; a code after a denied status
        "Stopping is never refused with HTTP `409`.",
        "A stop is never answered with an HTTP `409`.",
        "Stopping a stopped workstation is not an error: it answers `200`, never `409`.",
        "A stop answers `200`, not `409`.",
        "A stop is never refused with HTTP `409` `workstation_not_stopped`.",
        "A stop is never refused, with `409` or otherwise, for the workstation's state.",
        # in brackets, after "rather than", or a later one of a list
        "Stop answers `200` (never `409`).",
        "A stop is answered `200` rather than `409` when the workstation is already stopped.",
        "A stop never answers `409` or `422`.",
        "A stop never answers `volume_owned` or `volume_attached`.",
    ])
    # a denial of something else, before the status
    _each_told(references, stop, contract, {
        "Stopping a workstation that is not running answers `409`.": told,
        "A stop with no body answers `409`.": told,
        "A stop on a workstation that is not running results in a `409`.": told,
        "No running workstation is ever stopped without a `409`.": told,
        # said for a condition the operation answers otherwise: that answer is told
        "A stop on a workstation that does not exist gets `409`.": (
            '`409` is said for "workstation that does not exist", which the API answers with '
            "`404` (`not_found`); stopWorkstation never answers `409`"),
        "A stop gets `volume_attached`.": (
            "`volume_attached`: stopWorkstation does not return the error code volume_attached "
            f"(it returns {', '.join(sorted(contract.operations['stopWorkstation'].codes))}); "
            "if it is another operation's (createWorkstation, "
            "deleteVolume and updateWorkstation), link it to that operation's page, or follow "
            "it with { .no-ref }")}, [])
    # on a page of no operation, a status the API never answers, said so, is true of it;
    # "no" before what the status is said of, not as its subject's, denies nothing
    errors = references.Page("concepts/errors.md", None)
    _each_told(references, errors, contract, {
        "The API returns `204` after a delete.": (
            "`204`: the API does not document status 204 (it documents 200, 201, 400, 401, 404, "
            "405, 409, 410, 413, 415, 422, 500) (to name one the API does not answer, on "
            "purpose: follow it with { .no-ref })"),
    }, [
        "No operation answers `204`.",
        "The API never returns `204`: a delete answers `200` with the delete object.",
        # "none", "nothing", "neither", a passive denial after it, "use"
        "None of the operations returns `204`.",
        "Nothing answers `204`.",
        "Neither start nor stop answers `409`.",
        "`204` is never returned.",
        "The API doesn't use `204 No Content`.",
        "It was never a `204` you could rely on.",
    ])
    _each_told(references, stop, contract, {
        "See below.\n\nNothing changes, and the stop answers `409`.": told}, [
        "See below.\n\n`409` is never returned by a stop."])
    # said of other operations, the clause's subject, that answer it: theirs
    linked = references.Page("workstations/stop.md", "stopWorkstation", {
        "workstations/start.md": "startWorkstation", "workstations/update.md": "updateWorkstation",
        "workstations/delete.md": "deleteWorkstation"})
    _each_told(references, linked, contract, {
        "See below.\n\n[Start](start.md) answers `409` on a stopped workstation.": told,
        "See below.\n\nUse [Start](start.md), which answers `409` on a stopped one.": told}, [
        ("See below.\n\n[Update](update.md) and [Delete](delete.md) answer `409` for a running "
         "workstation, so stop it first."),
        # a relative clause after the link, or after the verb: "..., which answers"
        ("See below.\n\nThen use [Update](update.md), which answers `409` while the "
         "workstation is running."),
        "See below.\n\nUnlike update, which answers `409` for a running one, stop answers `200`.",
        ("See below.\n\nUnlike delete, which answers `409` `workstation_not_stopped` for a "
         "running one, stop answers `200`."),
        ("See below.\n\nUnlike update, which answers `409` with the code "
         "`workstation_not_stopped`, a stop works."),
        "See below.\n\nA stop takes a running workstation, unlike update, which answers `409`.",
        "See below.\n\nUnlike update, which refuses a running workstation with `409`, stop works.",
        # the code after the status, and the subject after a condition that opens the clause
        ("See below.\n\n[Update](update.md) and [Delete](delete.md) answer `409` "
         "`workstation_not_stopped` for a running workstation."),
        "See below.\n\nIf the workstation is running, [Delete](delete.md) answers `409`."])
    volume = references.Page("volumes/get.md", "getVolume", {"volumes/delete.md": "deleteVolume"})
    _each_told(references, volume, contract, {}, [  # (what it acts on, between)
        ("See below.\n\nIf `attached_to` names a workstation, a [delete](delete.md) of the "
         "volume gets `409` `volume_attached`. If `standalone` is `false`, the delete gets "
         "`409` `volume_owned`.")])
    _each_told(references, linked, contract, {
        "See below.\n\nIf the workstation is stopped, [Delete](delete.md) answers `409`.": (
            "`409` is said for a stopped workstation, which deleteWorkstation answers with "
            "`200` (as its example gets from the sandbox)"),
        "See below.\n\nIf the workstation is running, [Start](start.md) answers `409`.": told},
        [])
    _each_told(references, linked, contract, {
        "See below.\n\nUnlike start, which answers `409` for a running one, stop answers `200`.":
            told}, [])
    lists = references.Page("workstations/list.md", "listWorkstations")
    _each_told(references, lists, contract, {
        "See below.\n\nA list with no workstations answers `404`.": (
            "`404`: listWorkstations does not document status 404 (it documents 200, 400, 401, "
            "413, 500); if it is another operation's, link it to that operation's page, or "
            "follow it with { .no-ref }")}, [])


def test_a_number_a_field_is_given_is_no_status(checking: Checking) -> None:
    """A number in backticks right after a field's name and "of", "to" or "may be" ("a
    `limit` of `101`", "set `disk_size_gb` to `200`", "`limit` may be `1` to `100`") is
    the value it is given, not a status the operation would have to document; so is one
    the API never answers, in a sentence that names a whole-number field ("up to `100` at
    once with `limit=100`"); a status after an answering verb, or one the API answers, is
    still one."""
    references, contract = checking
    lists = references.Page("workstations/list.md", "listWorkstations")
    create = references.Page("workstations/create.md", "createWorkstation")
    _each_told(references, lists, contract, {
        "See below.\n\nA `limit` of `101` gets `404`.": (
            "`404`: listWorkstations does not document status 404 (it documents 200, 400, 401, "
            "413, 500); if it is another operation's, link it to that operation's page, or "
            "follow it with { .no-ref }")}, [
        "See below.\n\nA `limit` of `101` gets `400`.",
        "See below.\n\n`limit` may be `1` to `100`.",
    ])
    _each_told(references, create, contract, {}, [
        "See below.\n\nSet `disk_size_gb` to `200` for a larger volume.",
        "See below.\n\nA `disk_size_gb` of `100` gives a 100 GiB volume.",
        # no status of the API's, in a sentence that gives a whole-number field: a value
        ("See below.\n\n`disk_size_gb` is a whole number: `100`, `100.0` and `1e2` are the "
         "same size."),
    ])
    _each_told(references, lists, contract, {
        "See below.\n\nAsk for up to `100` items with `limit=100`, or get `412`.": (
            "`412`: listWorkstations does not document status 412 (it documents 200, 400, 401, "
            "413, 500) (to name one the API does not answer, on purpose: follow it with "
            "{ .no-ref })"),
        "See below.\n\nA bad `name` gets `100`.": (
            "`100`: listWorkstations does not document status 100 (it documents 200, 400, 401, "
            "413, 500) (to name one the API does not answer, on purpose: follow it with "
            "{ .no-ref })")}, [
        "See below.\n\nAsk for up to `100` at once with `limit=100`.",
        ("See below.\n\nA request with `limit=150` gets `400` `validation_error` naming "
         "`query.limit`: the API does not shrink it to `100`."),
        # the field named in the paragraph's sentence before, or as a word right before
        "See below.\n\nA `limit` of `0` gets `400`; so does `101`.",
        "See below.\n\nA limit of `101` gets `400`.",
    ])
    _each_told(references, create, contract, {}, [
        ("See below.\n\n`disk_size_gb` is a whole number of GiB. It may be written `100` or "
         "`100.0`, which are the same size."),
    ])


def test_a_status_the_api_no_longer_answers_said_of_its_past_passes(checking: Checking) -> None:
    """A status the API does not answer, said of the API before a change ("used to",
    "previously", "before 1.0.0", "pre-release"), is history, not a claim of today's API,
    and so is one said under a condition then; said of the old route, which still
    answers, or of today, it is told."""
    references, contract = checking
    delete = references.Page("workstations/delete.md", "deleteWorkstation")
    told = ("`204`: deleteWorkstation does not document status 204 (it documents 200, 400, "
            "401, 404, 409, 413, 500) (to name one the API does not answer, on purpose: follow "
            "it with { .no-ref })")
    _each_told(references, delete, contract, {
        "See below.\n\nA successful delete returns `204`.": told,
        "See below.\n\nThe old route answers `204`.": told,
    }, [
        "See below.\n\nThe old call used to answer `204`; the new one answers `200`.",
        "See below.\n\nPreviously, a successful delete returned `204`.",
        "See below.\n\nBefore 1.0.0 the delete answered `204`.",
        "See below.\n\n`204` was the pre-release answer; it is now `200`.",
        # a status under a condition, said of the API before a release
        "See below.\n\nBefore 1.0.0, a delete of a running workstation answered `400`.",
        "See below.\n\nThe pre-release delete answered `400` for a running workstation.",
    ])
    _each_told(references, delete, contract, {
        "See below.\n\nA delete of a running workstation answers `400`.": (
            '`400` is said for "running workstation", which the API answers with `409` '
            "(`workstation_not_stopped`)")}, [])


def test_a_method_a_path_does_not_take_said_to_get_405_passes(checking: Checking) -> None:
    """A request with a method its path does not take, said to get `405`, and a `405` said
    with the method sent (or the `Allow` it gets), on an endpoint page too, are the API's
    answer as it is; the same request said to get anything else is told."""
    references, contract = checking
    errors = references.Page("concepts/errors.md", None)
    delete = references.Page("workstations/delete.md", "deleteWorkstation")
    _each_told(references, errors, contract, {
        "`PUT /v1/workstations/ws-12345` gets `200`.": (
            "`PUT /v1/workstations/ws-12345`: /v1/workstations/{id} takes DELETE, GET, HEAD, "
            "PATCH (if it is meant, as the old API's or a mistake shown on purpose: follow it "
            "with { .no-ref })"),
        # the `Allow` it gets: the methods of the path its sentence names, or of some path
        "`PUT /v1/volumes/vol-scratch01` gets `405`, with `Allow: DELETE, GET, PATCH`.": (
            "`Allow: DELETE, GET, PATCH`: /v1/volumes/{id} answers `Allow: DELETE, GET, HEAD`"),
        "A `405` carries `Allow: GET, PUT`.": (
            "`Allow: GET, PUT`: no path of the API takes these methods (its paths' `Allow`: GET, "
            "HEAD, POST; DELETE, GET, HEAD, PATCH; POST; GET, HEAD; DELETE, GET, HEAD)"),
        # (or its methods alone, said to be the header's)
        "A `PUT` on a workstation's path gets `405`; its `Allow` header lists `DELETE, GET, PATCH`.": (
            "`DELETE, GET, PATCH`: no path of the API takes these methods (its paths' `Allow`: "
            "GET, HEAD, POST; DELETE, GET, HEAD, PATCH; POST; GET, HEAD; DELETE, GET, HEAD)"),
        "`PUT /v1/workstations/ws-12345` gets `405`, with an `Allow` header of `DELETE, GET`.": (
            "`DELETE, GET`: /v1/workstations/{id} answers `Allow: DELETE, GET, HEAD, PATCH`"),
    }, [
        "A `PUT /v1/workstations/ws-12345` gets `405`, with `Allow: DELETE, GET, HEAD, PATCH`.",
        "A `PUT` on a workstation's path gets `405`; its `Allow` header lists `DELETE, GET, HEAD, PATCH`.",
        "A `405` carries `Allow: HEAD, GET`, say.",
        "Sending `GET /v1/workstations/ws-12345/start` is refused with `405`.",
    ])
    _each_told(references, delete, contract, {}, [
        "See below.\n\nA `DELETE` on the old path gets `405`: that path answers `GET` only.",
    ])
    # a request written as its method and its path apart, said to get another status
    _each_told(references, errors, contract, {
        "A `GET` of `/v1/workstations/ws-12345/start` gets `404` `not_found`.": (
            "`404` is said for a `GET` of `/v1/workstations/ws-12345/start`, a path that takes "
            "POST: the API answers `405`, with `Allow: POST`"),
        "A `PUT` on `/v1/workstations` is answered `400`.": (
            "`400` is said for a `PUT` of `/v1/workstations`, a path that takes GET, HEAD, "
            "POST: the API answers `405`, with `Allow: GET, HEAD, POST`"),
        "A `POST` to the old route, `/v1/workstations/ws-12345/delete`, gets `410`.": (
            "`410` is said for a `POST` of `/v1/workstations/ws-12345/delete`, a path that "
            "takes GET, HEAD: the API answers `405`, with `Allow: GET, HEAD`"),
    }, [
        "A `GET` of `/v1/workstations/ws-12345/start` gets `405`.",
        "A `POST` to `/v1/workstations/ws-12345/start` gets `200`.",
    ])
    # where the path takes the method, and the request needs no body: the sandbox's answer
    fixtures = references.Contract.build(
        load_document(), {code: e.status for code, e in ERROR_CODES.items()},
        {"vol-scratch01", "vol-data12345"})
    _each_told(references, errors, fixtures, {
        "A `DELETE` of `/v1/volumes/vol-data12345` succeeds with `200`.": (
            "`200` is said for a `DELETE` of `/v1/volumes/vol-data12345`, which the sandbox "
            "answers with `409` (`volume_attached`) (in its fixture state)"),
        "A `GET` on `/v1/volumes/vol-scratch01` is answered with `405`.": (
            "`405` is said for a `GET` of `/v1/volumes/vol-scratch01`, which the sandbox answers "
            "with `200` (in its fixture state)"),
    }, ["A `DELETE` of `/v1/volumes/vol-data12345` gets `409` `volume_attached`."])


def test_a_header_or_a_status_said_not_to_be_sent_passes(checking: Checking) -> None:
    """A header the API (or the page's operation) does not send, said not to be sent ("The
    API sends no `Retry-After` header", "has no `Location` header", "There is no
    `X-Replayed` header"), and "there is no separate `403`", are true and pass; said to be
    sent, they are told."""
    references, contract = checking
    errors = references.Page("concepts/errors.md", None)
    update = references.Page("workstations/update.md", "updateWorkstation")
    _each_told(references, errors, contract, {
        "The API sends a `Retry-After` header with a `500`.": (
            "`Retry-After` is not a header of the API: the ones it reads and sends are "
            f"{', '.join(sorted(contract.headers))} (to name one the API does not use on "
            "purpose, follow it with { .no-ref })")}, [
        "The API sends no `Retry-After` header.",
        "There is no `X-Replayed` header: a replay looks like the first answer.",
        "The API does not send an `X-Replayed` header.",
        "There is no separate `403` for a token: anything wrong with it is a `401`.",
    ])
    _each_told(references, update, contract, {}, [
        "See below.\n\nThe answer has no `Location` header.",
    ])


def test_a_token_or_an_id_shown_with_what_the_sandbox_answers_to_it_passes(
    checking: Checking,
) -> None:
    """A token the sandbox refuses, said to get `401` or to be refused, an ID no
    resource has, said to get `404` (or the old route's `410`) or not to exist, and a
    machine type the API has none of, said to get `400`, are shown as they are; said to get
    anything else, or shown as usable, they are told."""
    references, contract = checking
    auth = references.Page("concepts/authentication.md", None)
    token = ("`cws_live_abc`: a sandbox token starts with `cws_test_` (as `cws_test_me`); the "
             "sandbox answers 401 to any other (cloudws.tokens.TOKEN_PREFIX) (to show one it "
             "refuses, on purpose: follow it with { .no-ref })")
    _each_told(references, auth, contract, {
        "Use a token such as `cws_live_abc`.": token,
        "A token such as `cws_live_abc` gets `404`.": token,
        # said refused, then answered with another status
        "`cws_live_abc` is refused: the sandbox answers `404`.": token,
    }, [
        "Any other token, such as `cws_live_abc`, gets `401`.",
        "A token such as `cws_live_abc` is refused.",
        "`cws_test_a=b` gets `401`: `=` is allowed only at the end.",
        # in brackets, with another answer after them
        ("The prefix is `cws_test_` (`cws_test_me` passes, `cws_live_abc` gets `401`), and a "
         "body over its limit gets `413`."),
        # in a table, the row's other cell says it
        "| You send | You get |\n| --- | --- |\n| a token such as `cws_live_abc` | `401` |",
    ])
    _each_told(references, auth, contract, {
        "| You send | You get |\n| --- | --- |\n| a token such as `cws_live_abc` | `200` |\n": token,
    }, [])
    from cloudws import models

    fixtures = references.Contract.build(
        load_document(), {code: e.status for code, e in ERROR_CODES.items()},
        {"ws-12345", "ws-67890"},
        {models.WORKSTATION_ID_PREFIX: ("workstation", models.WORKSTATION_ID_PATTERN)})
    errors = references.Page("concepts/errors.md", None)
    _each_told(references, errors, fixtures, {
        "`ws-99999` gets `409`.": (
            "`ws-99999` is not one of the sandbox's fixtures (ws-12345, ws-67890), nor in an "
            "output this page's examples show (one another page's example shows: link it to "
            "that page; an ID that is no resource on purpose: follow it with { .no-ref })"),
        # (a success said before its `404`: not another check made first)
        "`ws-99999` gets `200`, not `404`.": (
            "`ws-99999` is not one of the sandbox's fixtures (ws-12345, ws-67890), nor in an "
            "output this page's examples show (one another page's example shows: link it to "
            "that page; an ID that is no resource on purpose: follow it with { .no-ref })")}, [
        "A well-formed ID that no resource has, such as `ws-99999`, gets `404` `not_found`.",
        "`ws-00000` does not exist, so `GET /v1/workstations/ws-00000` gets `404`.",
        ("`GET /v1/workstations/ws-99999/delete` answers `410` too, although no workstation "
         "`ws-99999` exists."),
        # said to be no resource's before it, with no answer after it
        "The removed route answers `410` even for an ID no workstation has, such as `ws-99999`.",
        "Try the get with a made-up ID like `ws-99999`.",
        "The old route answers `410` for any ID, even one no workstation has, such as `ws-99999`.",
        # its answer said before the request it is of: "gets `404` from `GET ...`"
        ("Any ID no workstation has, say `ws-00000`, gets `404` `not_found` from "
         "`GET /v1/workstations/ws-00000`."),
        # its `404` said to come second to another error: another check made first
        ("A body mistake comes before the lookup: `PATCH /v1/workstations/ws-99999` with an "
         "unknown field gets `400`, not `404`."),
        # its answer, then another subject's ("while"), or a volume a body names
        "Asking for `ws-00000` gets `404`, while `WS-12345` gets `400`: IDs are lowercase.",
    ])
    create = references.Page("workstations/create.md", "createWorkstation")
    _each_told(references, create, contract, {
        "Pick `standard-16` for big jobs.": (
            f"`standard-16` is not a machine_type of the API (they are "
            f"{', '.join(sorted(MACHINE_TYPES))}); did you mean `standard-8`?")}, [
        "Anything else, `standard-16` for instance, gets `400`.",
        "A machine type such as `standard-16` is refused.",
    ])
    volumes = references.Contract.build(
        load_document(), {code: e.status for code, e in ERROR_CODES.items()}, {"vol-scratch01"},
        {models.VOLUME_ID_PREFIX: ("volume", models.VOLUME_ID_PATTERN)})
    _each_told(references, errors, volumes, {
        "Listing `vol-00000` in `volume_ids` gets `409` `volume_attached`.": (
            "`vol-00000` is not one of the sandbox's fixtures (vol-scratch01), nor in an output "
            "this page's examples show (one another page's example shows: link it to that "
            "page; an ID that is no resource on purpose: follow it with { .no-ref })")}, [
        "A volume ID that does not exist, say `vol-00000`, gets `409` `volume_not_found`.",
    ])
    _each_told(references, errors, fixtures, {
        "Get `ws-99999` to see its volumes.": (
            "`ws-99999` is not one of the sandbox's fixtures (ws-12345, ws-67890), nor in an "
            "output this page's examples show (one another page's example shows: link it to "
            "that page; an ID that is no resource on purpose: follow it with { .no-ref })")}, [])


def test_another_operations_field_said_not_to_be_this_ones_passes(checking: Checking) -> None:
    """A field of another operation, said not to be this one's ("`disk_size_gb` is not a
    field of the update", "the answer does not show `disk_size_gb`", "you cannot change
    `disk_size_gb`"), or sent here and said to be refused ("an unknown field, such as
    `size_gb`, gets `400`"), is true of it and passes; said to be sent, it is told."""
    references, contract = checking
    update = references.Page("workstations/update.md", "updateWorkstation")
    get = references.Page("workstations/get.md", "getWorkstation")
    told = ("`disk_size_gb` is a field of WorkstationCreate, which updateWorkstation does not "
            "use: link it to the page that documents it, or follow it with { .no-ref }")
    _each_told(references, update, contract, {
        "See below.\n\nSend `disk_size_gb` to resize it.": told}, [
        "See below.\n\n`disk_size_gb` is not a field of the update.",
        "See below.\n\nYou cannot change `disk_size_gb` after the create.",
        "See below.\n\n`disk_size_gb` cannot be changed.",
    ])
    _each_told(references, get, contract, {}, [
        "See below.\n\nThe answer does not show `disk_size_gb`."])
    # sent here, said to be refused: an unknown field of this one ("no such field" is no
    # missing resource)
    create = references.Page("workstations/create.md", "createWorkstation")
    _each_told(references, create, contract, {}, [
        "See below.\n\nAn unknown field, such as `size_gb`, gets `400`.",
        ("See below.\n\nSending `size_gb` gets `400` `validation_error`: the create has no such "
         "field."),
    ])


def test_a_status_an_operation_answers_said_never_to_be_its_answer_is_told(
    checking: Checking,
) -> None:
    """A status or an error code the subject's operations each answer, said never to be
    their answer with no condition ("Deleting a workstation never answers `409`"), or
    under the very condition they answer it for ("Deleting a running workstation never
    answers `409`"), is told with the codes they answer it with, and so is one said to be
    answered by no operation; said under another condition, or of operations one of which
    never answers it, it is not read."""
    references, contract = checking
    delete = references.Page("workstations/delete.md", "deleteWorkstation")
    _each_told(references, delete, contract, {
        "Deleting a workstation never answers `409`.": (
            "`409` is said never to be answered by deleteWorkstation, but deleteWorkstation "
            "answers it (`workstation_not_stopped`): say when it does not"),
        "A delete never gets `workstation_not_stopped`.": (
            "`workstation_not_stopped` is said never to be answered by deleteWorkstation, "
            "but deleteWorkstation answers it (with `409`): say when it does not"),
        "The delete is never refused with `409`.": (
            "`409` is said never to be answered by deleteWorkstation, but deleteWorkstation "
            "answers it (`workstation_not_stopped`): say when it does not"),
        "Deleting a volume never gets `volume_attached`.": (
            "`volume_attached` is said never to be answered by deleteVolume, but deleteVolume "
            "answers it (with `409`): say when it does not"),
        "A stop never answers `200`.": (
            "`200` is said never to be answered by stopWorkstation, but stopWorkstation "
            "answers it (its success): say when it does not"),
        # under the condition it is answered for
        "Deleting a running workstation never answers `409`.": (
            '`409` is said never to be answered by deleteWorkstation for "running '
            'workstation", but deleteWorkstation answers it there (`workstation_not_stopped`)'),
        "Deleting an attached volume never gets `409`.": (
            '`409` is said never to be answered by deleteVolume for "attached volume", but '
            "deleteVolume answers it there (`volume_attached`)"),
    }, [
        "Deleting a stopped workstation never answers `409`.",
        "Deleting a running workstation never answers `404`.",
        "Deleting an owned volume never gets `volume_attached`.",
        "A delete never answers `409` for a stopped workstation.",
        "A delete with a valid token never answers `401`.",
        "Deleting a workstation that does not exist never answers `409`.",
        "Deleting never answers `422`.",
        "Deleting a workstation never gets `volume_attached`.",
        "Stopping never answers `409`.",
        # a status with a code after it: the code is what is denied
        "A volume delete never answers `409` `workstation_not_stopped`.",
    ])
    # said of every operation: told where one answers it
    _each_told(references, references.Page("concepts/errors.md", None), contract, {
        "No operation answers `415`.": (
            "`415` is said to be answered by no operation, but createVolume, createWorkstation "
            "and updateWorkstation answer it: say which do not"),
        "The API never returns `volume_owned`.": (
            "`volume_owned` is said to be answered by no operation, but createWorkstation, "
            "deleteVolume and updateWorkstation answer it: say which do not"),
    }, [
        "No operation answers `204`.",
        "No operation answers `405`.",
        "No operation answers `409` for a stopped workstation.",
    ])


def test_an_operation_named_by_its_resource_then_its_verb_is_read_as_its_verb_is(
    checking: Checking,
) -> None:
    """A subject that names the resource, then the operation's verb as a noun ("A volume
    delete", "the workstation stop"), is that resource's operation of that verb, as
    "Deleting a volume" is; the resource then a verb of the present ("The workstation
    stops") names none."""
    references, contract = checking
    page = references.Page("concepts/lifecycle.md", None)
    _each_told(references, page, contract, {
        "A volume delete never answers `409`.": (
            "`409` is said never to be answered by deleteVolume, but deleteVolume answers it "
            "(`volume_attached`, `volume_owned`): say when it does not"),
        "A workstation delete answers `409` when it is stopped.": (
            "`409` is said for a stopped workstation, which deleteWorkstation answers with "
            "`200` (as its example gets from the sandbox)"),
        "The workstation stop answers `201`.": (
            "`201` is said to be answered by stopWorkstation, which does not document it (it "
            "documents 200, 400, 401, 404, 413, 500)"),
    }, [
        "A volume delete answers `409` when the volume is attached.",
        "A workstation delete answers `409` when it is running.",
        "The workstation stop answers `200`.",
        "A workstation stops with `200` from a stop.",
        "A volume attached to a workstation gets `409` on a delete.",
    ])


def test_a_success_said_after_a_condition_said_first_that_the_operation_refuses_is_told(
    checking: Checking,
) -> None:
    """A success said for a condition said first ("If the volume is attached, the delete
    answers `200`"), then the subject, is told with the error the subject's operations (of
    the resource the condition names) answer there, as one said after the subject is; a
    condition denied, said to have been, or another said after it, is not read."""
    references, contract = checking
    page = references.Page("volumes/delete.md", "deleteVolume")
    attached = ('`200` is said for "volume is attached", which deleteVolume answers with '
                "`409` (`volume_attached`)")
    _each_told(references, page, contract, {
        "If the volume is attached, the delete answers `200`.": attached,
        "If the volume is attached the delete answers `200`.": attached,
        "When it is attached, deleting it answers `200`.": (
            '`200` is said for "it is attached", which deleteVolume answers with `409` '
            "(`volume_attached`)"),
        "For an attached volume, a delete answers `200`.": (
            '`200` is said for "attached volume", which deleteVolume answers with `409` '
            "(`volume_attached`)"),
        "If the token is missing, a delete answers `200`.": (
            '`200` is said for "token is missing", which deleteVolume and deleteWorkstation '
            "answer with `401` (`unauthorized`)"),
    }, [
        "If the volume is attached, the delete answers `409`.",
        "If the volume is not attached, the delete answers `200`.",
        "If the volume was attached, the delete answers `200`.",
        "If the volume is attached, detach it: the delete then answers `200`.",
        "If the volume is attached, detach it, and the delete answers `200`.",
        "When the volume is attached, deleting the workstation answers `200`.",
        "If the volume is attached, the delete answers `200` once it is detached.",
    ])


def test_a_body_said_to_be_ignored_by_an_operation_that_answers_it_is_told(
    checking: Checking,
) -> None:
    """A condition on the body (malformed, not JSON, too large) said to be ignored by the
    operations that are the subject of "ignores", or after "is ignored by" (else an
    endpoint page's own), is told where one of them answers it; where none does, or the
    ignoring is denied, it passes."""
    references, contract = checking
    update = references.Page("workstations/update.md", "updateWorkstation")
    delete = references.Page("workstations/delete.md", "deleteWorkstation")
    reads = ("which answers it with `400` (`invalid_json`)")
    _each_told(references, update, contract, {
        "An update ignores a malformed body; a stopped workstation gets `200`.":
            f'"malformed body" is said to be ignored by updateWorkstation, {reads}',
        "The update ignores a body that is not JSON, and answers `200`.":
            f'"not JSON" is said to be ignored by updateWorkstation, {reads}',
        "A malformed body is ignored.":
            f'"malformed body" is said to be ignored by updateWorkstation, {reads}',
        "Updates ignore malformed bodies.":
            f'"malformed bodies" is said to be ignored by updateWorkstation, {reads}',
    }, [
        "A malformed body is ignored by a stop, but not by an update, which answers `400`.",
        "An update that ignored a malformed body would hide your mistake, so it answers `400`.",
        "An update never ignores a malformed body.",
        "Unknown fields in the body are ignored.",
    ])
    _each_told(references, delete, contract, {
        "A body over 64 KiB is ignored by a delete, which answers `200`.": (
            '"body over 64 KiB" is said to be ignored by deleteVolume and deleteWorkstation, '
            "which answer it with `413` (`payload_too_large`)"),
        "A too large body is ignored; deleting a stopped workstation answers `200`.": (
            '"too large body" is said to be ignored by deleteWorkstation, which answers it '
            "with `413` (`payload_too_large`)"),
        "A start ignores any body it is sent, however large.": (
            '"any body it is sent, however large" is said to be ignored by startWorkstation, '
            "which answers it with `413` (`payload_too_large`)"),
        "A body over {{ fact body_limit }} is ignored by a delete.": (
            '"body over {{ fact body_limit }}" is said to be ignored by deleteVolume and '
            "deleteWorkstation, which answer it with `413` (`payload_too_large`)"),
    }, [
        "A malformed body is ignored.",
        "A delete ignores a malformed body.",
        "A body that is not JSON is ignored, but a body over 64 KiB still gets `413`.",
    ])


def test_a_state_said_to_be_what_operations_need_is_the_one_they_need(
    checking: Checking,
) -> None:
    """A state said to be what operations on a workstation need ("update and delete need
    it `stopped`", "must be stopped before it can be deleted", "from `stopped` only") is
    the one each needs, as its example gets from the sandbox: refused in the other, it
    passes; succeeding in every state, or refused in that one, it is told. An endpoint
    page's summary that acts on a workstation in a state is held to its operation's
    answer there."""
    references, contract = checking
    page = references.Page("concepts/lifecycle.md", None, {
        "workstations/start.md": "startWorkstation", "workstations/delete.md": "deleteWorkstation",
        "workstations/update.md": "updateWorkstation"})
    refused = "refuses it with `409` (`workstation_not_stopped`) (as its example gets from the sandbox)"
    _each_told(references, page, contract, {
        "Use it before an update or a delete, both of which need it `running`.": (
            '"need it `running`" says deleteWorkstation and updateWorkstation need a running '
            f"workstation, but deleteWorkstation {refused.partition(' (as')[0]}; "
            f"updateWorkstation {refused}"),
        "A workstation must be stopped before it can be deleted (or started).": (
            '"workstation must be stopped before it can be deleted (or started)" says '
            "deleteWorkstation and startWorkstation need a stopped workstation, but "
            "startWorkstation succeeds on a running one too (as its example gets from the "
            "sandbox)"),
        "(a workstation must be [running](../workstations/start.md) to be updated)": (
            '"workstation must be [running](../workstations/start.md) to be updated" says '
            f"updateWorkstation needs a running workstation, but updateWorkstation {refused}"),
        "Starting and deleting both require a `stopped` workstation.": (
            '"require a `stopped` workstation" says deleteWorkstation and startWorkstation '
            "need a stopped workstation, but startWorkstation succeeds on a running one too (as "
            "its example gets from the sandbox)"),
        "Deletes need a running workstation.": (
            '"need a running workstation" says deleteWorkstation needs a running workstation, '
            f"but deleteWorkstation {refused}"),
        "A workstation has to be running to be deleted.": (
            '"workstation has to be running to be deleted" says deleteWorkstation needs a '
            f"running workstation, but deleteWorkstation {refused}"),
        "Deletes and starts both want a stopped workstation.": (
            '"want a stopped workstation" says deleteWorkstation and startWorkstation need a '
            "stopped workstation, but startWorkstation succeeds on a running one too (as its "
            "example gets from the sandbox)"),
        "Only a running workstation can be deleted.": (
            '"Only a running workstation can be deleted" says deleteWorkstation needs a running '
            f"workstation, but deleteWorkstation {refused}"),
        "Only running workstations can be deleted.": (  # (the plural, with no article)
            '"Only running workstations can be deleted" says deleteWorkstation needs a running '
            f"workstation, but deleteWorkstation {refused}"),
        "A workstation cannot be deleted unless it is `running`.": (
            '"cannot be deleted unless it is `running`" says deleteWorkstation needs a running '
            f"workstation, but deleteWorkstation {refused}"),
        "[Delete](../workstations/delete.md) ends it, from `running` only.": (
            '"from `running` only" says deleteWorkstation needs a running workstation, but '
            f"deleteWorkstation {refused}"),
        ("Stop a workstation to pause it, and before you [start](../workstations/start.md) or "
         "[delete](../workstations/delete.md) it: both need it stopped."): (
            '"need it stopped" says deleteWorkstation and startWorkstation need a stopped '
            "workstation, but startWorkstation succeeds on a running one too (as its example "
            "gets from the sandbox)"),
    }, [
        "Use it before an update or a delete, both of which need it `stopped`.",
        "A workstation must be stopped before it can be deleted (or updated).",
        "(a workstation must be [stopped](../workstations/update.md) to be updated)",
        "[Delete](../workstations/delete.md) ends it, from `stopped` only.",
        "Stop it first: update and delete need it stopped.",
        "Update and delete do not need it running.",
        "Update and delete need a stopped workstation.",
        "Unlike start and stop, update and delete need the workstation `stopped`.",
        # an order to the reader is none of the operations "both" names; a new clause, or
        # what the operation changes, is no state it needs
        "Before you update or delete a workstation, stop it: both need it `stopped`.",
        "Before updating or deleting, stop the workstation: both need it `stopped`.",
        "It must be stopped to be updated, and stopped to be deleted.",
        ("[Stop](../workstations/stop.md) changes its state from `running` only; on a stopped "
         "workstation it changes nothing."),
        "A stop needs it `running` to change anything; on a stopped one it changes nothing.",
        "A stop takes the workstation `running` and leaves it `stopped`.",
        "Before you start or delete it, both need it `stopped`{ .no-ref }.",
        # a workstation in a state said able to be acted on, with no status
        "A running workstation can be stopped.",
        "A stopped workstation can be updated or deleted.",
        "A running workstation can be deleted once it is stopped.",
    ])
    # a lead-in that says what the operations its list names need
    _each_told(references, page, contract, {
        ("Operations that need the workstation stopped:\n\n- [Start](../workstations/start.md);"
         "\n- [Update](../workstations/update.md);\n- [Delete](../workstations/delete.md).\n"): (
            '"need the workstation stopped" says deleteWorkstation, startWorkstation and '
            "updateWorkstation need a stopped workstation, but startWorkstation succeeds on a "
            "running one too (as its example gets from the sandbox)")}, [
        ("Operations that need the workstation stopped:\n\n- [Update](../workstations/update.md)"
         ";\n- [Delete](../workstations/delete.md).\n")])
    # denied, where the operation answers there
    _each_told(references, page, contract, {
        "A stopped workstation cannot be started.": (
            '"A stopped workstation cannot be started" says startWorkstation refuses a stopped '
            "workstation, but startWorkstation answers `200` there (as its example gets from the "
            "sandbox)")}, [
        "A running workstation cannot be updated or deleted.",
        "A stopped workstation cannot be deleted until its volumes are detached.",
        # a volume's, of a workstation in the state: the volume is what is not deleted
        "A volume owned by a stopped workstation can't be deleted.",
        "The boot volume of a stopped workstation cannot be deleted on its own."])
    _each_told(references, page, contract, {
        "A running workstation can be updated, but it must be stopped before it can be deleted.": (
            '"A running workstation can be updated" says updateWorkstation acts on a running '
            f"workstation, but updateWorkstation {refused}")}, [])
    update = references.Page("workstations/update.md", "updateWorkstation")
    _each_told(references, update, contract, {
        "Changes a running workstation's name.": (
            '"Changes a running workstation" says updateWorkstation acts on a running '
            f"workstation, but updateWorkstation {refused}")},
        ["Changes a stopped workstation's name.", "A running workstation gets `409`."])
    start = references.Page("workstations/start.md", "startWorkstation")
    _each_told(references, start, contract, {}, ["Starts a stopped workstation."])
    # on an endpoint page, "this operation" is its own; an opening phrase names none of "which"
    delete = references.Page("workstations/delete.md", "deleteWorkstation")
    _each_told(references, delete, contract, {
        "See below.\n\nThis operation needs the workstation `running`.": (
            '"needs the workstation `running`" says deleteWorkstation needs a running '
            f"workstation, but deleteWorkstation {refused}")},
        ["See below.\n\nThis operation needs the workstation `stopped`."])
    stop = references.Page("workstations/stop.md", "stopWorkstation", {
        "workstations/delete.md": "deleteWorkstation", "workstations/update.md": "updateWorkstation"})
    _each_told(references, stop, contract, {}, [
        ("See below.\n\nAfter the stop, [update](update.md) and [delete](delete.md), which need "
         "the workstation `stopped`, can go ahead.")])


def test_a_workstation_said_acted_on_in_either_state_or_only_in_one_is_held_to_the_answers(
    checking: Checking,
) -> None:
    """Operations said to act on a workstation in either state ("update and delete work in
    either state", "can be deleted whether it is running or stopped", a lead-in over a
    list, an endpoint page's summary: "Deletes a workstation, running or stopped") are
    told where one of them is refused in a state. Said to act in one state only ("can only
    be stopped when it is running", "only when it is running can it be deleted", "to stop
    a workstation, it has to be `running`", "must find the workstation `running`", a
    summary's "which must be `stopped`", "can only be called on a running workstation"),
    they are held as a state they need is. The same said of another resource, of a state
    of something else, with a refusal, in a question, in words reported or denied after,
    or for a purpose, passes."""
    references, contract = checking
    page = references.Page("concepts/lifecycle.md", None, {
        "workstations/start.md": "startWorkstation", "workstations/stop.md": "stopWorkstation",
        "workstations/update.md": "updateWorkstation"})
    sandbox = "(as its example gets from the sandbox)"
    refused = "refuses a running one with `409` (`workstation_not_stopped`)"
    needs_stopped = f"refuses it with `409` (`workstation_not_stopped`) {sandbox}"
    _each_told(references, page, contract, {
        "Update and delete work in either state.": (
            '"Update and delete work in either state" says deleteWorkstation and '
            f"updateWorkstation act on a workstation in either state, but deleteWorkstation "
            f"{refused}; updateWorkstation {refused} {sandbox}"),
        "A workstation can be deleted whether it is running or stopped.": (
            '"A workstation can be deleted whether it is running or stopped" says '
            f"deleteWorkstation acts on a workstation in either state, but deleteWorkstation "
            f"{refused} {sandbox}"),
        ("These work in any state:\n\n- [Start](../workstations/start.md);\n"
         "- [Update](../workstations/update.md)."): (
            '"These work in any state" says startWorkstation and updateWorkstation act on a '
            f"workstation in either state, but updateWorkstation {refused} {sandbox}"),
        "A workstation can only be stopped when it is running.": (
            '"can only be stopped when it is running" says stopWorkstation needs a running '
            f"workstation, but stopWorkstation succeeds on a stopped one too {sandbox}"),
        "Only when it is running can a workstation be deleted.": (
            '"Only when it is running can a workstation be deleted" says deleteWorkstation '
            f"needs a running workstation, but deleteWorkstation {needs_stopped}"),
        "Delete a workstation only while it is `running`.": (
            '"only while it is `running`" says deleteWorkstation needs a running workstation, '
            f"but deleteWorkstation {needs_stopped}"),
        "To stop a workstation, it has to be `running`.": (
            '"To stop a workstation, it has to be `running`" says stopWorkstation needs a '
            f"running workstation, but stopWorkstation succeeds on a stopped one too {sandbox}"),
        "A workstation has to be running before you delete it.": (
            '"has to be running before you delete it" says deleteWorkstation needs a running '
            f"workstation, but deleteWorkstation {needs_stopped}"),
        "An update must find the workstation `running`.": (
            '"must find the workstation `running`" says updateWorkstation needs a running '
            f"workstation, but updateWorkstation {needs_stopped}"),
        "A running workstation can be:\n\n- stopped;\n- deleted.": (
            '"A running workstation can be" says deleteWorkstation and stopWorkstation act on '
            f"a running workstation, but deleteWorkstation {needs_stopped}"),
        # the reader as the subject, the state said after the workstation, and the like
        "You can delete a workstation whatever its state.": (
            '"You can delete a workstation whatever its state" says deleteWorkstation acts on '
            f"a workstation in either state, but deleteWorkstation {refused} {sandbox}"),
        "A workstation, running or stopped, can be deleted.": (
            '"A workstation, running or stopped" says deleteWorkstation acts on a workstation '
            f"in either state, but deleteWorkstation {refused} {sandbox}"),
        "Whether the workstation is running or not, you can update it.": (
            '"Whether the workstation is running or not" says updateWorkstation acts on a '
            f"workstation in either state, but updateWorkstation {refused} {sandbox}"),
        "No matter its state, a workstation can be updated.": (
            '"No matter its state" says updateWorkstation acts on a workstation in either '
            f"state, but updateWorkstation {refused} {sandbox}"),
        "You can stop a workstation only if it is running.": (
            '"only if it is running" says stopWorkstation needs a running workstation, but '
            f"stopWorkstation succeeds on a stopped one too {sandbox}"),
        "A workstation may only be [started](../workstations/start.md) when it is `stopped`.": (
            '"may only be [started](../workstations/start.md) when it is `stopped`" says '
            "startWorkstation needs a stopped workstation, but startWorkstation succeeds on a "
            f"running one too {sandbox}"),
        "[Stop](../workstations/stop.md) can only be called on a running workstation.": (
            '"only be called on a running workstation" says stopWorkstation needs a running '
            f"workstation, but stopWorkstation succeeds on a stopped one too {sandbox}"),
        "Deleting a workstation is allowed only while it is running.": (
            '"allowed only while it is running" says deleteWorkstation needs a running '
            f"workstation, but deleteWorkstation {needs_stopped}"),
        "Note: a workstation has to be running for you to delete it.": (
            '"has to be running for you to delete it" says deleteWorkstation needs a running '
            f"workstation, but deleteWorkstation {needs_stopped}"),
        # an aside that likens shares the claim; one that contrasts does not
        "Delete, like start, works in either state.": (
            '"Delete, like start, works in either state" says deleteWorkstation and '
            "startWorkstation act on a workstation in either state, but deleteWorkstation "
            f"{refused} {sandbox}"),
        "Start, like update, needs the workstation stopped.": (
            '"needs the workstation stopped" says startWorkstation and updateWorkstation need '
            "a stopped workstation, but startWorkstation succeeds on a running one too "
            f"{sandbox}"),
        "Unlike update, delete works on a running workstation.": (
            '"works on a running workstation" says deleteWorkstation acts on a running '
            f"workstation, but deleteWorkstation {needs_stopped}"),
        # "Get" opening a clause, or "a get", names Get workstation
        "Get needs it `running`.": (
            '"needs it `running`" says getWorkstation needs a running workstation, but '
            f"getWorkstation succeeds on a stopped one too {sandbox}"),
        # said in the clause after "which" of the operation an opening compares
        "Unlike a delete, which answers `200` in either state, a stop needs nothing.": (
            '"Unlike a delete, which answers `200` in either state" says deleteWorkstation acts '
            f"on a workstation in either state, but deleteWorkstation {refused} {sandbox}"),
    }, [
        "Start and stop work in either state; update and delete need it `stopped`.",
        "Update and delete need it `stopped`, but start works in either state.",
        "Unlike update and delete, start works in either state.",
        "A start answers `200` whatever the workstation's state.",
        "Whether it is running or stopped, a workstation can be started (`200`).",
        "In either state, a workstation can be:\n\n- started;\n- stopped.",
        "A stopped workstation can be:\n\n- started;\n- updated;\n- deleted.",
        "A workstation can only be deleted once it is stopped.",
        "Not only stopped workstations can be started.",
        "Only when it is stopped can a workstation be updated or deleted.",
        "You can only update a workstation while it is stopped.",
        "To delete a workstation, it has to be `stopped`.",
        "A workstation must be stopped before you update it.",
        # denied, refused, of another resource, or a state of something else
        "Update and delete do not work in either state.",
        "The removed route answers `410` whether the workstation is running or stopped.",
        "A volume can be deleted in any state of its workstation, once detached.",
        "A volume can only be deleted while the workstation is running.",
        "An update gets `409` in either state of its volumes.",
        "Delete a workstation only when it is stopped and you are done with it.",
        "Update and delete work in `either`{ .no-ref } state, some say.",
        # a question, another's claim, a purpose, or what is done whatever the state
        "Does delete work in any state? No: a running workstation gets `409`.",
        "The old page said delete works in either state: it does not.",
        "A common mistake is to think that update works in either state.",
        "To change anything, a stop has to find the workstation running.",
        "Whatever the workstation's state, update checks the body first.",
        "Before an update or a delete, stop the workstation, whatever its state.",
        "You can start a workstation whatever its state.",
        "[Start](../workstations/start.md) works only on a workstation that exists.",
        # the operation compared with in an aside, or the one "it" stands for
        "Update, unlike start, requires the workstation to be stopped.",
        "Delete and update, but not start or stop, need the workstation stopped.",
        "Delete, not start, is the call that needs a stopped workstation.",
        "Compared with start, delete is strict: it needs the workstation stopped.",
        "Start and delete differ: the latter needs the workstation stopped.",
        "Delete is stricter than start, as it needs the workstation stopped.",
        "Unlike an update, a start works on a running workstation.",
        "Every operation except update and delete works in either state.",
        "**Does start need a stopped workstation?** No, it works in either state.",
        "Start and update work in either state and only when stopped, respectively.",
        "A get works in either state; update and delete need it `stopped`.",
        "If you delete a running workstation, you get `409`.",
        "Get the workstation first: it needs to be stopped before you delete it.",
        # asides with links, "the latter" over a semicolon, "get" beside another operation
        ("[Update](../workstations/update.md), unlike [start](../workstations/start.md), "
         "needs it `stopped`."),
        "Update is stricter than stop: the former needs it `stopped`.",
        "Start and delete differ: the latter, however, needs it `stopped`.",
        "Delete needs it `stopped`, while get works on a running workstation.",
        "Between get and update, only the latter needs it `stopped`.",
        ("Unlike [stop](../workstations/stop.md), which answers `200` in either state, a "
         "delete needs it `stopped`."),
        ("Unlike [update](../workstations/update.md), which needs it `stopped`, a start works "
         "in either state."),
    ])
    _each_told(references, page, contract, {
        "Start and delete differ; the former needs it `stopped`.": (
            '"needs it `stopped`" says startWorkstation needs a stopped workstation, but '
            f"startWorkstation succeeds on a running one too {sandbox}"),
        "Update and get need it `stopped`.": (
            '"need it `stopped`" says getWorkstation and updateWorkstation need a stopped '
            f"workstation, but getWorkstation succeeds on a running one too {sandbox}"),
        "Update, but not delete, works on a running workstation.": (
            '"works on a running workstation" says updateWorkstation acts on a running '
            f"workstation, but updateWorkstation {needs_stopped}"),
    }, [])
    delete = references.Page("workstations/delete.md", "deleteWorkstation", {
        "workstations/start.md": "startWorkstation"})
    _each_told(references, delete, contract, {
        "See below.\n\nIt works in either state.": (
            '"It works in either state" says deleteWorkstation acts on a workstation in either '
            f"state, but deleteWorkstation {refused} {sandbox}")}, [
        "See below.\n\nUnlike [Start workstation](start.md), it needs the workstation stopped.",
        # (as its summary: the state is said of the operation compared, not of the page's)
        ("Unlike [Stop workstation](stop.md), which answers `200` in either state, this call "
         "needs it stopped.")])
    _each_told(references, delete, contract, {
        "Deletes a workstation, running or stopped.": (
            '"Deletes a workstation, running or stopped" says deleteWorkstation acts on a '
            f"workstation in either state, but deleteWorkstation {refused} {sandbox}")},
        ["Deletes a workstation, which must be `stopped`."])
    start = references.Page("workstations/start.md", "startWorkstation")
    _each_told(references, start, contract, {
        "Starts a workstation, which must be `stopped`.": (
            '"which must be `stopped`" says startWorkstation needs a stopped workstation, but '
            f"startWorkstation succeeds on a running one too {sandbox}")},
        ["Starts a workstation in either state: a running one stays running.",
         "Starts a workstation, which should be stopped for the call to change anything.",
         "Starts a workstation; it must be `stopped` to change anything."])


def test_a_volume_of_a_kind_said_able_or_not_to_be_acted_on_is_held_to_the_answers(
    checking: Checking,
) -> None:
    """A volume of a kind said able to be acted on ("an owned volume can be deleted"), or
    not ("a detached standalone volume cannot be deleted"), or only when of a kind ("only
    an owned volume can be deleted", "can only be deleted when it is attached", "cannot be
    deleted unless it is attached", "[Delete volume](...) requires the volume to be
    attached"), is held to what the operation answers for the fixtures' volumes of each
    kind. The same said rightly, under a condition of its own, of how or by what else it is
    done ("together with its workstation"), of no kind, reported, or with { .no-ref },
    passes."""
    references, contract = checking
    page = references.Page("concepts/volumes.md", None, {"volumes/delete.md": "deleteVolume"})
    sandbox = "(as its example gets from the sandbox)"
    owned = "deleteVolume refuses an owned volume with `409` (`volume_owned`)"
    attached = ("deleteVolume refuses a standalone volume attached to a workstation with `409` "
                "(`volume_attached`)")
    detached_too = "deleteVolume answers `200` for a standalone volume attached to none too"
    told = "says what deleteVolume does to a volume of that kind, but"
    _each_told(references, page, contract, {
        "An owned volume can be deleted with [Delete volume](../volumes/delete.md).": (
            f'"An owned volume can be deleted" {told} {owned} {sandbox}'),
        "An attached volume can be deleted.": (
            f'"An attached volume can be deleted" {told} {attached}; {owned} {sandbox}'),
        "A workstation's own volume can be deleted on its own.": (
            f"\"A workstation's own volume can be deleted\" {told} {owned} {sandbox}"),
        "A detached standalone volume cannot be deleted.": (
            f'"A detached standalone volume cannot be deleted" {told} deleteVolume answers '
            f"`200` for a standalone volume attached to none {sandbox}"),
        "A free volume can't be deleted.": (
            f"\"A free volume can't be deleted\" {told} deleteVolume answers `200` for a "
            f"standalone volume attached to none {sandbox}"),
        "Only an owned volume can be deleted.": (
            f'"Only an owned volume can be deleted" {told} {owned}; {detached_too} {sandbox}'),
        "A standalone volume cannot be deleted unless it is attached.": (
            f'"cannot be deleted unless it is attached" {told} {attached}; {owned}; '
            f"{detached_too} {sandbox}"),
        "A volume can only be deleted when it is attached to a workstation.": (
            f'"can only be deleted when it is attached to a workstation" {told} {attached}; '
            f"{owned}; {detached_too} {sandbox}"),
        "[Delete volume](../volumes/delete.md) requires the volume to be attached.": (
            f'"requires the volume to be attached" {told} {attached}; {owned}; {detached_too} '
            f"{sandbox}"),
        "Boot volumes can be deleted directly.": (
            f'"Boot volumes can be deleted" {told} {owned} {sandbox}'),
        # the reader as the subject, or the kind said after "volume"
        "You can delete an owned volume with [Delete volume](../volumes/delete.md).": (
            f'"can delete an owned volume" {told} {owned} {sandbox}'),
        "A standalone volume attached to a stopped workstation can be deleted.": (
            f'"volume attached to a stopped workstation can be deleted" {told} {attached} '
            f"{sandbox}"),
    }, [
        "A detached standalone volume can be deleted.",
        "A standalone volume can be deleted.",
        "An attached volume cannot be deleted.",
        "Only a detached standalone volume can be deleted.",
        "A standalone volume can be deleted only when it is not attached to a workstation.",
        "A volume can only be deleted if it is standalone and attached to nothing.",
        "A volume cannot be deleted unless it is standalone and detached.",
        "[Delete volume](../volumes/delete.md) requires the volume to be detached.",
        "A volume delete needs a detached volume.",
        "An owned volume can be read with [Get volume](../volumes/get.md).",
        # under a condition of its own, of no kind, denied, or shown on purpose
        "A standalone volume cannot be deleted while it is attached.",
        "A standalone volume can be deleted once it is detached.",
        "A volume can be deleted.",
        "A workstation cannot be deleted unless it is stopped.",
        "No owned volume can be deleted.",
        "An attached `volume`{ .no-ref } can be deleted, some think.",
        # how, or by what else: not Delete volume's own answer
        "An owned volume can be deleted together with its workstation.",
        "An owned volume can be deleted through [Delete workstation](../workstations/delete.md).",
        "Standalone volumes cannot be deleted with their workstation; they outlive it.",
        "A detached volume cannot be deleted twice.",
        "An attached volume can be deleted in two steps: detach it, then delete it.",
        "Only owned volumes can be deleted together with their workstation.",
        ("[Delete volume](../volumes/delete.md), unlike [Get volume](../volumes/get.md), "
         "requires a detached volume."),
        "The old page said an attached volume can be deleted; it cannot.",
        "This is how an owned volume can be deleted.",
        "You can delete a detached volume.",
        "You can delete an attached volume once you detach it.",
        "A volume attached to nothing can be deleted.",
        "A volume attached to a workstation cannot be deleted.",
    ])
    delete = references.Page("volumes/delete.md", "deleteVolume")
    _each_told(references, delete, contract, {
        "See below.\n\nIt requires an attached volume.": (
            f'"requires an attached volume" {told} {attached}; {owned}; {detached_too} '
            f"{sandbox}"),
        # said to be done, on its page (or where the clause names it)
        "See below.\n\nAn attached volume is detached and then deleted.": (
            f'"An attached volume is detached and then deleted" {told} {attached}; {owned} '
            f"{sandbox}")}, [
        "See below.\n\nIt requires a detached volume.",
        "See below.\n\nA detached volume is deleted.",
        "See below.\n\nAn owned volume is deleted with its workstation.",
        "See below.\n\nAn attached volume is not deleted: the delete gets `409`."])
    _each_told(references, page, contract, {}, [
        "Deleting a workstation is how an owned volume is deleted.",
        "An owned volume is deleted when its workstation is deleted."])


def test_a_workstations_own_volume_said_to_be_detached_is_told(checking: Checking) -> None:
    """A workstation's own volume said to be detached, or detachable ("`"volume_ids": []`
    detaches every volume, the workstation's own too", "an owned volume can be detached")
    is told: it stays attached until its workstation is deleted, as the sandbox keeps it.
    Denied, asked, or said of a delete (its fate's check), it is not read here. An
    update's `volume_ids` said to add to the volumes attached is told too: it replaces
    them."""
    references, contract = checking
    update = references.Page("workstations/update.md", "updateWorkstation")
    told = ("says a workstation's own volume is detached, but it stays attached until the "
            "workstation is deleted, which deletes it too (the sandbox keeps it attached after "
            'an update with `"volume_ids": []`)')
    _each_told(references, update, contract, {
        "See below.\n\nSending `\"volume_ids\": []` detaches every volume, the workstation's "
        "own too.": f'"detaches every volume, the workstation\'s own" {told}',
        "See below.\n\nTo detach the workstation's own volume, leave it out of `volume_ids`.":
            f'"detach the workstation\'s own volume" {told}',
        "See below.\n\nAn owned volume can be detached with an update.":
            f'"An owned volume can be detached" {told}',
        "See below.\n\nAn update can detach a workstation's own volume.":
            f'"detach a workstation\'s own volume" {told}',
    }, [
        "See below.\n\nNo update can detach a workstation's own volume.",
        "See below.\n\nDetaching a workstation's own volume is not possible; delete it.",
        "See below.\n\nAn owned volume cannot be detached: `volume_ids` lists standalone ones.",
        "See below.\n\nCan the own volume be detached? No.",
        "See below.\n\n`\"volume_ids\": []` detaches every standalone volume; its own stays.",
    ])
    # an update's `volume_ids` said to add to the standalone volumes attached: it replaces
    _each_told(references, update, contract, {
        ("See below.\n\n`volume_ids` adds the volumes you list to those already attached."): (
            '"adds the volumes you list to those already attached" says an update adds to the '
            "standalone volumes attached, but its `volume_ids` replaces them: a standalone "
            "volume it leaves out is detached (as the sandbox does)")}, [
        "See below.\n\nLeave a volume out of `volume_ids` to detach it; the others stay attached.",
        "See below.\n\nIt does not add to the volumes already attached: it replaces them."])


def test_what_a_workstations_operation_is_said_to_do_to_its_volumes_is_what_it_does(
    checking: Checking,
) -> None:
    """An operation on a workstation said to delete, detach or keep its volumes of a kind
    ("deleting a workstation deletes its standalone volumes", "keeps the volume it owns")
    is held to what it does to the volume of each kind of the fixtures' workstation that
    has both, said actively or in the passive ("when you delete a workstation, its
    standalone volumes are deleted"); said rightly, denied, asked, of a volume's own
    delete, of "its volumes" (no kind, not "all") where it is true of one kind, or of an
    operation the subject is compared with, it passes."""
    references, contract = checking
    page = references.Page("concepts/volumes.md", None,
                           {"workstations/delete.md": "deleteWorkstation"})
    sandbox = "(as its example gets from the sandbox)"
    kept = ("deleteWorkstation detaches a standalone volume attached to it and keeps it "
            f"{sandbox}")
    said = "says what deleteWorkstation does to the workstation's volumes, but"
    _each_told(references, page, contract, {
        "Deleting a workstation deletes its standalone volumes too.": (
            f'"deletes its standalone volumes" {said} {kept}'),
        "Deleting a workstation detaches its own volume and keeps it.": (
            f'"detaches its own volume" {said} deleteWorkstation deletes an owned volume '
            f"{sandbox}"),
        "Deleting a workstation keeps the volume it owns, detached.": (
            f'"keeps the volume it owns" {said} deleteWorkstation deletes an owned volume '
            f"{sandbox}"),
        "[Delete workstation](../workstations/delete.md) removes all of its volumes.": (
            f'"removes all of its volumes" {said} {kept}'),
        "Stopping a workstation detaches its standalone volumes.": (
            '"detaches its standalone volumes" says what stopWorkstation does to the '
            "workstation's volumes, but stopWorkstation leaves a standalone volume attached "
            f"to it as it was {sandbox}"),
    }, [
        "Deleting a workstation deletes its owned volume and detaches its standalone ones.",
        "Deleting a workstation keeps its standalone volumes, detached.",
        "[Delete workstation](../workstations/delete.md) deletes the volume it owns.",
        "Stopping a workstation keeps its volumes as they are.",
        "Deleting a workstation never deletes its standalone volumes.",
        "Does deleting a workstation delete its standalone volumes? No: it detaches them.",
        "A volume delete removes the volume.",
        "Deleting a volume deletes its data.",
        # "its volumes", of no kind and not "all": true of one kind will do
        "Deleting a workstation deletes its volumes.",
        # the subject is the clause's own first, not one it is compared with
        "Stopping a workstation, unlike deleting it, keeps all of its volumes.",
        "Deleting a workstation keeps all its volumes except the one it owns.",
        "Unlike a stop, a delete removes the owned volume.",
        "Deleting a workstation, after stopping it, deletes the volume it owns.",
        "Deleting a workstation deletes its owned volume, while stopping it keeps every volume.",
        # after a colon, the clause's own subject
        "Stop the workstation and delete it: the delete detaches its standalone volumes.",
        # in the passive, the operation said before
        "When you delete a workstation, its standalone volumes are detached and kept.",
        "When a volume is deleted, its data is deleted too.",
    ])
    _each_told(references, page, contract, {
        "When you delete a workstation, its standalone volumes are deleted with it.": (
            f'"its standalone volumes are deleted" {said} {kept}'),
        "A deleted workstation's standalone volumes are deleted as well.": (
            f"\"A deleted workstation's standalone volumes are deleted\" {said} {kept}"),
        "Deleting a workstation detaches its boot volume.": (
            f'"detaches its boot volume" {said} deleteWorkstation deletes an owned volume '
            f"{sandbox}"),
        "Stop the workstation and delete it: the delete deletes its standalone volumes.": (
            f'"deletes its standalone volumes" {said} {kept}')}, [])
    delete = references.Page("workstations/delete.md", "deleteWorkstation")
    _each_told(references, delete, contract, {
        "See below.\n\nIt also deletes the standalone volumes attached to it.": (
            f'"deletes the standalone volumes attached to it" {said} {kept}')},
        ["See below.\n\nIt deletes the workstation's own volume and detaches the others.",
         # "if it is stopped" is a state, not the stop: the passive is the page's delete's
         ("See below.\n\nIf the workstation is stopped, the delete returns `200` and the volume "
          "it owns is deleted with it.")])


def test_a_kind_of_volume_said_first_or_last_in_volume_ids_is_where_the_sandbox_lists_it(
    checking: Checking,
) -> None:
    """In a sentence that names `volume_ids`, a kind of volume said to be listed first or
    last ("lists its standalone volumes first") is held to the order of the fixtures'
    workstation that has both kinds; said rightly, or "first" as an order to the reader,
    it passes."""
    references, contract = checking
    page = references.Page("concepts/volumes.md", None)
    order = ("but it lists an owned volume then a standalone volume attached to it (as the "
             "sandbox's workstations list them)")
    _each_told(references, page, contract, {
        "A workstation's `volume_ids` lists its standalone volumes first, then its own volume.": (
            '"lists its standalone volumes first" says `volume_ids` lists a standalone volume '
            f"attached to a workstation first, {order}"),
        "In `volume_ids`, the owned volume comes last.": (
            '"owned volume comes last" says `volume_ids` lists an owned volume last, '
            f"{order}"),
    }, [
        "A workstation's `volume_ids` lists its own volume first, then its standalone volumes.",
        "In `volume_ids`, the standalone volumes come last, in the order they were attached.",
        "The owned volume is always first in `volume_ids`.",
        "Detach the standalone volumes first: send `volume_ids` with the own volume alone.",
    ])


def test_a_field_said_to_be_of_a_json_type_is_of_that_type(checking: Checking) -> None:
    """A field or a query parameter said to be of a JSON type ("`size_gb` is a string") is
    of it in a schema that has it ("a whole number" is an integer; "a number", an integer
    or a number; "a list", an array); denied, or followed by { .no-ref }, it passes."""
    references, contract = checking
    page = references.Page("concepts/pagination.md", None)
    _each_told(references, page, contract, {
        "`size_gb` is a string of digits.": "`size_gb` is said to be a string, but it is an integer",
        "`next_cursor` is a number.":
            "`next_cursor` is said to be a number, but it is a string (or null)",
        "`limit` is a string.": "`limit` is said to be a string, but it is an integer",
    }, [
        "`size_gb` is a whole number.",
        "`size_gb` is a number of GiB.",
        "`next_cursor` is a string, or null on the last page.",
        "`volume_ids` is a list of IDs.",
        "`standalone` is a boolean.",
        "`size_gb` is not a string.",
        "`size_gb`{ .no-ref } is a string in the old API.",
        # an item of it, or its text in a URL
        "Each item of `volume_ids` is a string, a volume's ID.",
        "Every entry in `errors` is an object with a `field` and a `message`.",
        "In the query string, `limit` is a string of decimal digits.",
    ])


def test_a_field_every_answer_sends_said_to_be_left_out_is_told(checking: Checking) -> None:
    """A field of the answers that every schema having it requires, and no request takes,
    said to be left out of an answer ("`next_cursor` is omitted on the last page", "has no
    `next_cursor`") is told, with its null; a field a request takes, or one said null,
    passes."""
    references, contract = checking
    page = references.Page("concepts/pagination.md", None)
    told = ('`next_cursor` is said to be left out, but every answer that has it sends it '
            '(`"next_cursor": null` where it has no value)')
    _each_told(references, page, contract, {
        "`next_cursor` is omitted on the last page.": told,
        "The last page has no `next_cursor`.": told,
        "A detached volume's `attached_to` is absent.": (
            '`attached_to` is said to be left out, but every answer that has it sends it '
            '(`"attached_to": null` where it has no value)'),
        "`next_cursor` is absent when there are no more pages.": told,
        ("`next_cursor` is left out of the last page, so test whether it is present before "
         "you pass it on."): told,
        "The last page omits `next_cursor`.": told,
        "Keep paging until the answer has no `next_cursor`.": told,
    }, [
        "The last page's `next_cursor` is `null`.",
        "A create without `name` gets `400`.",
        "An update has no `name` unless you send one.",
        "A problem has no `errors` member unless a field is named.",
        # an answer that does not have it, or none named, or a condition
        "A volume has no `updated_at`.",
        "A problem has no `next_cursor`.",
        "`created_at` is not returned by a delete.",
        "A get answers the workstation itself; it has no `data` wrapper.",
        "If `next_cursor` is missing, the answer did not come from this API.",
        "A page never omits `next_cursor`.",
        "No answer of a list omits `next_cursor`.",
        "Do not test whether `next_cursor` is missing: test whether it is `null`.",
    ])
    # another operation's field said to be left out of this one's answer: true of it
    delete = references.Page("workstations/delete.md", "deleteWorkstation")
    _each_told(references, delete, contract, {}, [
        "See below.\n\nThe delete's answer has no `created_at`.",
        "See below.\n\nThe answer has no `name` or `machine_type`: only what the delete did."])
    volumes = references.Page("volumes/delete.md", "deleteVolume")
    _each_told(references, volumes, contract, {
        "See below.\n\nThe answer has no `id`.": (
            "`id` is said to be left out, but every answer that has it sends it")}, [
        "See below.\n\nThe example answer has no `deleted_volume_ids`: only `id` and `status`."])


def test_a_media_type_written_alone_is_one_the_api_sends_or_takes(checking: Checking) -> None:
    """A media type written alone is one the API sends or takes, unless its clause shows it
    refused or a client sending it; said of a problem or an error, it is the problems'
    own."""
    references, contract = checking
    page = references.Page("concepts/errors.md", None)
    _each_told(references, page, contract, {
        "A problem is sent as `application/xml`.": (
            "`application/xml` is no media type of the API's: it sends and takes "
            "application/json, application/problem+json"),
        "Every error is a problem document, sent as `application/json`.": (
            "`application/json` is said of a problem, but the API sends problems as "
            "`application/problem+json`"),
        "A `404` comes back as `application/json`.": (
            "`application/json` is said of a problem, but the API sends problems as "
            "`application/problem+json`"),
    }, [
        "A body sent as `text/plain` gets `415`.",
        "An update answers `415`: the request was sent as `text/plain`.",
        "An error is sent as `application/problem+json`, a success as `application/json`.",
        ("Problems are sent with `Content-Type: application/problem+json`, while a successful "
         "answer is `application/json`."),
        "Send the body as `application/json`.",
        "An error is never sent as `application/json`.",
        "A stop ignores a body sent as `text/plain`.",
        # what a request sends, or what fixes a 415, is no answer's media type
        ("Only the operations that read a body refuse a `Content-Type` such as `text/plain`; a "
         "start, a stop, a get or a delete ignores it."),
        "A `415` is fixed by sending the body as `application/json`.",
        "To clear a `415`, resend the body as `application/json`.",
        "A `201` comes back as `application/json`, a `404` as `application/problem+json`.",
        "The old API sent `application/xml`{ .no-ref }.",
        # what a client sends
        "Some clients send `text/plain` or a form encoding by default.",
        "curl's `-d` sends `application/x-www-form-urlencoded` unless you set the header.",
    ])
    _each_told(references, page, contract, {
        "The API sends `text/plain` for errors.": (
            "`text/plain` is no media type of the API's: it sends and takes application/json, "
            "application/problem+json")}, [])


def test_an_id_shown_as_malformed_passes_and_one_shown_as_an_id_is_told(
    checking: Checking,
) -> None:
    """An ID that is not well-formed, said to be malformed right before it ("a malformed ID
    such as `ws-A`"), is shown as such and passes; written as an ID to send, it is told."""
    references, _ = checking
    from cloudws import models

    contract = references.Contract.build(
        load_document(), {code: e.status for code, e in ERROR_CODES.items()}, set(),
        {models.WORKSTATION_ID_PREFIX: ("workstation", models.WORKSTATION_ID_PATTERN)})
    page = references.Page("concepts/lifecycle.md", None)
    _each_told(references, page, contract, {
        "Send `ws-A` to get it.": (
            "`ws-A` is not a well-formed workstation ID (pattern `^ws-[a-z0-9]{5,32}$`) (if it "
            "is meant, as the old API's or a mistake shown on purpose: follow it with "
            "{ .no-ref })")}, [
        "A malformed ID such as `ws-A` gets `400` `invalid_id` from every operation.",
        "An invalid workstation ID, like `ws-A`, gets `400`."])


def test_a_status_said_for_a_call_on_an_id_is_what_the_sandbox_answers_there(
    checking: Checking,
) -> None:
    """A status (and its code), or a code alone, said for an operation on a resource named
    by its ID ("Deleting `ws-67890` answers `200`") is what the sandbox, in its fixture state,
    answers that request with; after another call in the sentence before, said to pass,
    or denied, it is not read."""
    references, contract = checking
    page = references.Page("concepts/lifecycle.md", None)
    _each_told(references, page, contract, {
        "Deleting `ws-67890` answers `200`.": (
            "`200` is said for deleteWorkstation on `ws-67890`, which the sandbox answers with "
            "`409` (`workstation_not_stopped`) (in its fixture state)"),
        "Updating `ws-12345` answers `409`.": (
            "`409` is said for updateWorkstation on `ws-12345`, which the sandbox answers with "
            "`200` (in its fixture state)"),
        "Deleting `vol-boot12345` gets `volume_attached`.": (  # (a code alone)
            "`volume_attached` is said for deleteVolume on `vol-boot12345`, which the sandbox "
            "answers with `409` (`volume_owned`) (in its fixture state)"),
        "Deleting `vol-boot12345` gets `409` `volume_attached`.": (
            "`409` `volume_attached` is said for deleteVolume on `vol-boot12345`, which the "
            "sandbox answers with `409` (`volume_owned`) (in its fixture state)"),
        "Stopping `ws-99999` answers `200`.": (
            "`200` is said for stopWorkstation on `ws-99999`, which the sandbox answers with "
            "`404` (`not_found`) (in its fixture state)"),
        # after an opening that says the sandbox is as it starts
        "In the sandbox's starting state, deleting `ws-67890` answers `200`.": (
            "`200` is said for deleteWorkstation on `ws-67890`, which the sandbox answers with "
            "`409` (`workstation_not_stopped`) (in its fixture state)"),
    }, [
        "In a fresh sandbox, deleting `vol-boot12345` answers `409` `volume_owned`.",
        "From the starting state, deleting `ws-12345` answers `200`.",
        "Deleting `ws-67890` answers `409`.",
        "Deleting `ws-12345`, which is stopped, answers `200`.",
        "Deleting `vol-boot12345` gets `409` `volume_owned`.",
        "Starting `ws-12345` answers `200`.",
        "Stopping `ws-99999` answers `404`.",
        "Deleting `vol-boot12345` gets `volume_owned`.",
        # after another call, said to pass, or denied
        "Stop `ws-67890` first. Deleting `ws-67890` answers `200`.",
        "Deleting `ws-67890` answers `200` once it is stopped.",
        "Deleting `ws-67890` never answers `200`.",
        "Deleting `ws-67890` a second time answers `404`.",
    ])


def test_a_query_value_the_api_refuses_passes_where_its_clause_says_so(
    checking: Checking,
) -> None:
    """A query's value the API refuses, said in its clause to be refused (its `400`, its
    code, or the words), is shown as it is and passes, and so is a request with it, or
    with a parameter its path does not take; said to be taken, it is told."""
    references, contract = checking
    page = references.Page("concepts/pagination.md", None)
    told = ("`limit=0`: 0 is less than the minimum of 1 (if it is meant, as the old API's or a "
            "mistake shown on purpose: follow it with { .no-ref })")
    _each_told(references, page, contract, {
        "Use `limit=0` to get everything.": told,
        "A list with `limit=0` answers `200` and no item.": told,
    }, [
        "A request with `limit=0` gets `400`.",
        "A request with `limit=0` gets `400` `validation_error`, naming `query.limit`.",
        "A request with `limit=0` gets `validation_error`.",
        "`limit=0` and `limit=101` are refused.",
    ])
    # the refusal of another value, a denied one, or one under a condition, says nothing
    _each_told(references, page, contract, {
        "`limit=0` returns all items where `limit=101` gets `400`.": told,
        "`limit=0` never fails: it returns an empty page.": told,
        "Set `limit=0` if a large page fails.": told,
        "With `limit=0` the list returns every item instead of a `400`.": told}, [])
    # a whole request whose query the API refuses, a parameter its path does not take or a
    # value, likewise
    volumes = references.Page("volumes/list.md", "listVolumes")
    unknown = ("`GET /v1/volumes?status=running`: /v1/volumes takes no query parameter status "
               "(it takes cursor, limit) (if it is meant, as the old API's or a mistake shown "
               "on purpose: follow it with { .no-ref })")
    _each_told(references, volumes, contract, {
        "See below.\n\n`GET /v1/volumes?status=running` lists the running ones.": unknown,
        "See below.\n\n`GET /v1/volumes?status=running` never gets `400`.": unknown}, [
        "See below.\n\nThere is no filter: `GET /v1/volumes?status=running` gets `400`.",
        "See below.\n\n`GET /v1/volumes?limit=500` is refused with `400`.",
        # in the clause after, of "it": history, then what it gets now
        "See below.\n\n`limit=05` used to be read as five; it now gets `400`.",
        "See below.\n\n`limit=05` used to be read as five; it is now refused.",
    ])
    stop = references.Page("workstations/stop.md", "stopWorkstation")
    _each_told(references, stop, contract, {}, [
        ("See below.\n\n`POST /v1/workstations/ws-67890%2Fstop` used to stop it; it now gets "
         "`405`.")])


def test_a_field_said_to_be_left_out_for_a_default_is_one_the_request_may_leave_out(
    checking: Checking,
) -> None:
    """"Without a `size_gb`, the volume gets the default size" says `size_gb` may be left
    out: where the operation requires it, that is told; a field with a default, a query
    parameter, a header, or "without" with no default said, pass. A sentence that "gets"
    something is no other operation's (a get's)."""
    references, contract = checking
    volume = references.Page("volumes/create.md", "createVolume")
    workstation = references.Page("workstations/create.md", "createWorkstation")
    concept = references.Page("concepts/volumes.md", None)
    size = "`size_gb` is said to be optional, but createVolume requires it in the request body"
    _each_told(references, volume, contract, {
        "Without a `size_gb`, the volume gets the default size.": size,
        "`size_gb` is optional: a volume gets a default.": size,
    }, ["Without a `size_gb`, the create gets `400`.",
        "Without an `Idempotency-Key`, every create creates, and each gets its default.",
        "Without a `size_gb`, the create fails: there is no default size.",
        "Without `size_gb`, the create gets `400` rather than a default size."])
    _each_told(references, workstation, contract, {
        "Without a `name`, the workstation gets a default name.": (
            "`name` is said to be optional, but createWorkstation requires it in the request "
            "body")}, ["Without a `disk_size_gb`, the workstation gets the default disk."])
    _each_told(references, concept, contract, {
        "Without a `size_gb`, the volume gets the default size.": size,
    }, ["Without a `limit`, a list returns the default page."])
    # another operation's words, as a noun too ("at creation"), but not what "gets"
    update = references.Page("workstations/update.md", "updateWorkstation")
    _each_told(references, update, contract, {}, ["`name` is required at creation.",
                                                  "`name` is required on create."])


def _in_state_told(status: str, state: str, operation: str, answer: str,
                   code: str = "") -> str:
    """What the check says of ``status`` said for a workstation in ``state``, which
    ``operation`` answers with ``answer`` there (with ``code``, if it is an error)."""
    return (f"`{status}` is said for a {state} workstation, which {operation} answers "
            f"with `{answer}`{f' (`{code}`)' if code else ''} (as its example gets from the "
            "sandbox)")


def test_a_status_said_for_a_workstation_in_a_state_is_what_the_operation_answers_there(
    checking: Checking,
) -> None:
    """A status said to be what the clause's operations (or an endpoint page's own) answer
    when sent to a workstation in a state is what their examples get from the sandbox sent
    to a workstation in that state; another condition beside it, or the state said to
    have been, is not read."""
    references, contract = checking
    page = references.Page("concepts/lifecycle.md", None)

    _each_told(references, page, contract, {
        "Stopping a running workstation answers `404`.":
            _in_state_told("404", "running", "stopWorkstation", "200"),
        "Deleting a stopped workstation answers `409`.":
            _in_state_told("409", "stopped", "deleteWorkstation", "200"),
        "Getting a workstation that is still stopped answers `404`.":
            _in_state_told("404", "stopped", "getWorkstation", "200"),
        "Updating a workstation that is `stopped` gets `409 Conflict`.":
            _in_state_told("409 Conflict", "stopped", "updateWorkstation", "200"),
        # the other state, denied
        "Deleting a workstation that is not `running` gets `409`.":
            _in_state_told("409", "stopped", "deleteWorkstation", "200"),
        "A request to stop a running workstation gets `409`.":
            _in_state_told("409", "running", "stopWorkstation", "200"),
        # what to do, in a clause after a colon or a dash
        "Deleting a stopped workstation answers `404`: [start](start.md) it instead.":
            _in_state_told("404", "stopped", "deleteWorkstation", "200"),
        "Deleting a stopped workstation is refused (`409`) — start it first.":
            _in_state_told("409", "stopped", "deleteWorkstation", "200"),
    }, [
        "Deleting a running workstation answers `409`: stop it first.",
        # a clause after the status that says why: another cause
        "Updating a stopped workstation answers `400`: the `machine_type` is unknown.",
        "Deleting a stopped workstation answers `404`: the workstation no longer exists.",
        "Starting a stopped workstation answers `401`: the `Authorization` header is missing.",
        "Deleting a running workstation answers `409`.",
        "A request to delete a running workstation gets `409`.",
        "Updating a running workstation answers `workstation_not_stopped`.",
        "Starting a running workstation with an invalid ID answers `400`.",
        "Stopping a stopped workstation answers `200` and changes nothing.",
        "Getting a workstation that was stopped answers `200`.",
        "Getting a stopped workstation answers `404` once it is deleted.",
        "Deleting a stopped workstation answers `500` when the sandbox is told to fail.",
        "Getting a stopped workstation answers `404` if its ID is mistyped.",
        # a verb said to the reader, more said of the workstation or of the request, a
        # possessive: not what the operation is sent to, alone
        "Stop a running workstation first, or deleting it gets `409`.",
        "Deleting a stopped workstation's boot volume answers `409`.",
        "Deleting a stopped workstation twice answers `404` the second time.",
        "Getting a stopped workstation you deleted answers `404`.",
        "Updating a stopped workstation with an empty body answers `400`.",
        "Stopping a running workstation with a revoked token answers `401`.",
        # its own condition after the status, or a code no state makes
        "Updating a stopped workstation answers `409`, for a volume attached elsewhere.",
        "Updating a stopped workstation answers `409`: a volume it names is attached elsewhere.",
        "Stopping a running workstation answers `401`; its token is missing.",
        "Deleting a stopped workstation answers `404` and `not_found` for a second delete.",
        "Updating a stopped workstation answers `volume_attached`.",
        "Deleting or getting a running workstation answers `200`.",
    ])
    _each_told(references, page, contract, {
        "Stopping running workstations answers `404`.":
            _in_state_told("404", "running", "stopWorkstation", "200"),
        # said of each ("and"), one answering it is not enough
        "Stopping and deleting a running workstation answer `409`.":
            _in_state_told("409", "running", "stopWorkstation", "200")}, [])
    delete = references.Page("workstations/delete.md", "deleteWorkstation")
    _each_told(references, delete, contract, {
        "A stopped workstation gets `409`.":
            _in_state_told("409", "stopped", "deleteWorkstation", "200"),
    }, ["A running workstation gets `409`.",
        "A stopped workstation with attached volumes gets `200`.",
        "A running workstation can be stopped first, which answers `200`.",
        "A stopped workstation gets `404` the second time you delete it.",
        "A running workstation gets `409` `workstation_not_stopped`."])
    # the state after the status ("when it is stopped"); in a list, the lead-in's operation
    _each_told(references, page, contract, {
        "Deleting a workstation answers `409` when it is stopped.":
            _in_state_told("409", "stopped", "deleteWorkstation", "200"),
        "Updating a workstation gets `409` if the workstation is still `stopped`.":
            _in_state_told("409", "stopped", "updateWorkstation", "200"),
        "Deleting answers `409` for a stopped workstation.":
            _in_state_told("409", "stopped", "deleteWorkstation", "200"),
        "A delete answers `409` on an already stopped one.":
            _in_state_told("409", "stopped", "deleteWorkstation", "200"),
        "For a stopped workstation, a delete answers `409`.":
            _in_state_told("409", "stopped", "deleteWorkstation", "200"),
        "If the workstation is not `running`, the delete answers `409`.":
            _in_state_told("409", "stopped", "deleteWorkstation", "200"),
    }, [
        "Deleting a workstation answers `409` when it is running.",
        "Deleting a workstation that is not `stopped` gets `409`.",
        "For a running workstation, a delete answers `409`.",
        "Deleting answers `409` for a running workstation.",
        "A stop answers `200` to a running workstation, and `200` to a stopped one too.",
        "Deleting answers `409` for a workstation with a volume attached.",
        "Deleting a workstation answers `409` `workstation_not_stopped` when it is running.",
        "Deleting a workstation answers `200` when it is stopped.",
        "Stopping a workstation answers `200` when it is running.",
        "Stop it first, or the delete gets `409` when it is running.",
        "Deleting a workstation never answers `409` when it is stopped.",
        "Deleting a workstation answers `409` when it is stopped and a volume is attached.",
        # two statuses, each with its state
        "Updating answers `200` when the workstation is stopped and `409` when it is running.",
        ("Deleting a workstation answers `200` when it is stopped, and `409` "
         "`workstation_not_stopped` when it is running."),
        "Deleting a workstation never answers `409` when it is stopped and `200` when it is running.",
    ])
    _each_told(references, page, contract, {
        "Deleting a workstation answers `200` when it is stopped and `200` when it is running.": (
            "`200` is said for a running workstation, which deleteWorkstation answers with "
            "`409` (`workstation_not_stopped`) (as its example gets from the sandbox)")}, [])
    linked = references.Page("concepts/lifecycle.md", None, {
        "workstations/update.md": "updateWorkstation", "workstations/delete.md": "deleteWorkstation"})
    _each_told(references, linked, contract, {
        ("Both [update](../workstations/update.md) and [delete](../workstations/delete.md) "
         "answer `409` for a stopped workstation."): (
            "`409` is said for a stopped workstation, which deleteWorkstation answers with "
            "`200`; updateWorkstation answers with `200` (as its example gets from the sandbox)"),
    }, [("Both [update](../workstations/update.md) and [delete](../workstations/delete.md) "
         "answer `409` for a running workstation.")])
    both = [p.message for p in references.check(
        "# T\n\nDeleting a workstation answers `200` when it is running, `409` when it is "
        "stopped.\n", page, contract)]
    assert both == [
        ("`200` is said for a running workstation, which deleteWorkstation answers with `409` "
         "(`workstation_not_stopped`) (as its example gets from the sandbox)"),
        _in_state_told("409", "stopped", "deleteWorkstation", "200")], both
    listed = ("Deleting a workstation answers:\n\n- `409` when it is stopped;\n"
              "- `200` when it is running.\n")
    assert [(p.line, p.message) for p in references.check(f"# T\n\n{listed}", page, contract)] == [
        (5, _in_state_told("409", "stopped", "deleteWorkstation", "200")),
        (6, ("`200` is said for a running workstation, which deleteWorkstation answers with "
             "`409` (`workstation_not_stopped`) (as its example gets from the sandbox)"))]
    for right in (("Deleting a workstation answers:\n\n- `200` when it is stopped;\n"
                   "- `409` when it is running.\n"),
                  # a volume's delete: no state of a workstation's
                  ("Deleting a volume answers:\n\n- `409` when it is attached;\n"
                   "- `200` when it is running.\n"),
                  # a lead-in that names no operation, or denies
                  "In short:\n\n- `409` when it is stopped.\n",
                  "The delete never answers:\n\n- `409` when it is stopped.\n",
                  # items keyed by the state, under a lead-in that names the operation or not
                  ("What a delete answers depends on the state:\n\n- `stopped`: `200`;\n"
                   "- `running`: `409` `workstation_not_stopped`.\n"),
                  "The states:\n\n- `stopped`: `409`\n"):
        assert references.check(f"# T\n\n{right}", page, contract) == [], right
    for keyed in (("What a delete answers depends on the state:\n\n- `stopped`: `409`;\n"
                   "- `running`: `200`.\n"),
                  ("Deleting a workstation answers:\n\n- a stopped one — `409`\n"
                   "- when it is running: `200`\n")):
        assert [(p.line, p.message) for p in references.check(
            f"# T\n\n{keyed}", page, contract)] == [
            (5, _in_state_told("409", "stopped", "deleteWorkstation", "200")),
            (6, ("`200` is said for a running workstation, which deleteWorkstation answers with "
                 "`409` (`workstation_not_stopped`) (as its example gets from the sandbox)"))], keyed


def test_a_state_stated_first_then_what_follows_from_it_is_held_as_a_state_said_first(
    checking: Checking,
) -> None:
    """A page's own shape, "`ws-67890` is running, so the delete is refused with `409` and
    the workstation is left as it was", is read as "If it is running, the delete ...": a
    success said there is told, over a line break and with what the answer does after it;
    so is a clause before a semicolon whose next says another state's answer, "a delete of a
    stopped workstation", and an operation said as its gerund to work on a workstation in a
    state it refuses."""
    references, contract = checking
    delete = references.Page("workstations/delete.md", "deleteWorkstation")
    lifecycle = references.Page("concepts/lifecycle.md", None)
    running = ("`200` is said for a running workstation, which deleteWorkstation answers with "
               "`409` (`workstation_not_stopped`) (as its example gets from the sandbox)")
    _each_told(references, delete, contract, {
        ("See below.\n\n`ws-67890` is running, so the delete answers `200` and the workstation "
         "is left as\nit was. Stop it, then delete it."): running,
        "See below.\n\n`ws-67890` is running, but the delete still succeeds with `200`.": running,
        "See below.\n\nThe workstation is running, so the delete answers `200` and deletes it.": (
            running),
        "See below.\n\nThe workstation is stopped, so the delete answers `409`.": (
            "`409` is said for a stopped workstation, which deleteWorkstation answers with `200` "
            "(as its example gets from the sandbox)"),
        # a fixture's ID, then what the answer does
        "See below.\n\nDeleting `ws-67890` answers `200` and deletes it.": (
            "`200` is said for deleteWorkstation on `ws-67890`, which the sandbox answers with "
            "`409` (`workstation_not_stopped`) (in its fixture state)"),
        # another state's answer, "too"
        ("See below.\n\nDeleting a stopped workstation answers `200`; deleting a running one "
         "answers `200` too."): running,
    }, [
        "See below.\n\nDeleting `ws-12345` answers `200` and deletes it.",
        ("See below.\n\nDeleting a running workstation answers `409`; deleting it again once it "
         "is stopped answers `200`, too."),
        ("See below.\n\n`ws-67890` is running, so the delete is refused with `409` and the "
         "workstation is left as\nit was. Stop it, then delete it."),
        "See below.\n\n`ws-12345` is stopped, so the delete answers `200` and deletes it.",
        "See below.\n\nThe workstation is running, but a stop answers `200`.",
    ])
    _each_told(references, lifecycle, contract, {
        "Deleting a stopped workstation answers `409`; deleting a running one answers `409`.": (
            "`409` is said for a stopped workstation, which deleteWorkstation answers with `200` "
            "(as its example gets from the sandbox)"),
        "Updating a running workstation is fine; it answers `200`.": (
            '"Updating a running workstation is fine" says updateWorkstation acts on a running '
            "workstation, but updateWorkstation refuses it with `409` (`workstation_not_stopped`) "
            "(as its example gets from the sandbox)"),
        "Deleting a running workstation succeeds.": (
            '"Deleting a running workstation succeeds" says deleteWorkstation acts on a running '
            "workstation, but deleteWorkstation refuses it with `409` (`workstation_not_stopped`) "
            "(as its example gets from the sandbox)"),
        # the operation as a noun, then "of" (or "on") the workstation in its state
        "A delete of a stopped workstation answers `409`.": (
            "`409` is said for a stopped workstation, which deleteWorkstation answers with `200` "
            "(as its example gets from the sandbox)"),
    }, [
        "A delete of a running workstation answers `409`.",
        "A stop on a stopped workstation answers `200`.",
        "Deleting a stopped workstation answers `200`; deleting a running one answers `409`.",
        "It is stopped, so a delete answers `200` and deletes the volume it owns.",
        "Stopping a running workstation works, and so does starting a stopped one.",
        "Starting a running one is fine: nothing changes.",
        "Deleting a running workstation is not allowed.",
        "Is deleting a running workstation allowed? No.",
        "Deleting a running workstation succeeds once it is stopped.",
        # said of other clouds, or "safe" (the refusal is what keeps it so)
        "In other clouds, deleting a running workstation is fine; here it answers `409`.",
        "Some clouds say deleting a running workstation is fine; this API answers `409`.",
        "Deleting a running workstation is safe, because the API refuses it.",
    ])
    # the body of a note, right under its title, is a clause of its own
    _each_told(references, delete, contract, {
        ('See below.\n\n!!! note "Note"\n    The workstation is running, so the delete answers '
         "`200`."): running,
        ('See below.\n\n!!! warning "Stop it first"\n    Deleting a running workstation answers '
         "`200` and deletes it."): (
            '`200` is said for "running workstation", which deleteWorkstation answers with `409` '
            "(`workstation_not_stopped`)"),
    }, [('See below.\n\n!!! note "Note"\n    The workstation is running, so the delete answers '
         "`409`.")])


def test_a_state_said_first_in_an_errors_note_or_with_the_status_in_brackets_is_held_too(
    checking: Checking,
) -> None:
    """The state said first ("If the workstation is stopped, the delete gets `409`"), in
    the note of an `## Errors` list ("- **409** — the workstation is stopped: ..."), or
    with the status in brackets after a refusal ("A stopped workstation is refused
    (`409`)") is held as the other shape is; more said of it is not read."""
    references, contract = checking

    stopped = _in_state_told("409", "stopped", "deleteWorkstation", "200")
    concept = references.Page("concepts/lifecycle.md", None,
                              {"workstations/stop.md": "stopWorkstation"})
    _each_told(references, concept, contract, {
        "If the workstation is stopped, the delete gets `409`.": stopped,
        "When it is stopped, deleting it answers `409`.": stopped,
        # no comma after the state; "unless" the other state
        "If the workstation is stopped the delete gets `409`.": stopped,
        "Unless the workstation is `running`, the delete answers `409`.": stopped,
        "- If a workstation is still stopped, a delete answers `409`.": stopped,
        "If the workstation is running, stopping it answers `409`.":
            _in_state_told("409", "running", "stopWorkstation", "200"),
        "If the workstation is stopped, starting and deleting it answer `409`.": (
            "`409` is said for a stopped workstation, which deleteWorkstation answers with "
            "`200`; startWorkstation answers with `200` (as its example gets from the sandbox)"),
        "Deleting a stopped workstation is refused (`409`).": stopped,
        "Starting a running workstation fails (`409`).":
            _in_state_told("409", "running", "startWorkstation", "200"),
        # a subject linked, the code after the status (linked, or "with the code"), the
        # state first with the status in brackets, words around the brackets
        "[Stopping](../workstations/stop.md) a stopped workstation fails (`409`).":
            _in_state_told("409", "stopped", "stopWorkstation", "200"),
        "If the workstation is stopped, [stopping](../workstations/stop.md) it answers `409`.":
            _in_state_told("409", "stopped", "stopWorkstation", "200"),
        ("If the workstation is stopped, the delete gets `409` "
         "[`workstation_not_stopped`](errors.md#workstation_not_stopped)."): stopped,
        ("If the workstation is stopped, the delete gets `409` with the code "
         "`workstation_not_stopped`."): stopped,
        "If the workstation is stopped, the delete is refused (`409`).": stopped,
        "Deleting a stopped workstation is refused (a `409`).": stopped,
        "Deleting a stopped workstation is refused (`409`) and changes nothing.": stopped,
        "So if the workstation is stopped, the delete gets `409`.": stopped,
        # a refusal said of the operation, the status after "with"
        "The delete refuses a stopped workstation with `409`.": stopped,
        "A stop refuses a running workstation with `409`.":
            _in_state_told("409", "running", "stopWorkstation", "200"),
        "The update rejects a stopped workstation with a `409`.":
            _in_state_told("409", "stopped", "updateWorkstation", "200"),
        "If the workstation is stopped, then the delete gets `409`.": stopped,
    }, [
        "If the workstation is running, the delete gets `409`.",
        "If the workstation is stopped, starting it answers `200`.",
        "- If the workstation is still running, the delete gets `409` `workstation_not_stopped`.",
        "If the workstation is running, updates and deletes get `409`.",
        "If a workstation is stopped, a start or a delete answers `200`.",
        "Deleting a running workstation is refused (`409`).",
        "The delete refuses a running workstation with `409` `workstation_not_stopped`.",
        # no operation named; more said of the request, or after the status; a denial
        "If the workstation is running, you get `409`.",
        ("If the workstation is stopped, the update gets `409` when a volume it names is "
         "attached elsewhere."),
        "If the workstation is stopped, the delete answers `200` and detaches its volumes.",
        "If the workstation is running, deleting it with an invalid ID answers `400`.",
        "If the workstation is running, the delete with no token gets `401`.",
        "If the workstation is running, stop it first; otherwise the delete gets `409`.",
        "If the workstation is stopped, the delete never answers `409`.",
        "Updating a stopped workstation is refused (`409`) when a volume is attached elsewhere.",
        # a retried call: the first one changed it
        "When the workstation is stopped, a retried delete answers `404`.",
        "The second delete refuses the stopped workstation with `404`.",
        # a volume's delete, named by its resource after the state said first
        "If the workstation is running, deleting its volume answers `409` `volume_attached`.",
        "If the workstation is stopped, a second delete answers `404`.",
        "If the workstation is stopped, deleting it again answers `404`.",
        "If the workstation is stopped the delete gets `200`.",
        "Unless the workstation is `running`, the delete answers `200`.",
    ])
    # on a volume's page, "deleting it" is the volume's delete, whatever the state
    volume = references.Page("volumes/delete.md", "deleteVolume")
    _each_told(references, volume, contract, {}, [
        "If the workstation is stopped, deleting it still answers `409`.",
        "If the workstation is stopped, a delete answers `409`.",
        # "the delete" of the page is the volume's, not also the workstation's
        "If the workstation is running, the delete answers `volume_attached`.",
        "If the workstation is running, deleting the volume answers `volume_attached`.",
    ])
    delete = references.Page("workstations/delete.md", "deleteWorkstation")
    bold = "**409**" + stopped.removeprefix("`409`")  # (a note's status, as it is written)
    _each_told(references, delete, contract, {
        "## Errors\n\n- **409** — the workstation is stopped: start it first.": bold,
        "## Errors\n\n- **409** — if the workstation is stopped.": bold,
        # the note naming its code first, bare or linked
        "## Errors\n\n- **409** — `workstation_not_stopped`: the workstation is stopped.":
            bold,
        ("## Errors\n\n- **409** — [`workstation_not_stopped`](../concepts/errors.md"
         "#workstation_not_stopped): the workstation is stopped; start it."): bold,
        "If the workstation is stopped, you get `409`.": stopped,
        "If it is stopped, the request answers `409`.": stopped,
        "A stopped workstation is refused (`409`).": stopped,
        # a list's item with no full stop, another after it
        "- A stopped workstation is refused (`409`)\n- A running one gets `409`.": stopped,
    }, [
        "## Errors\n\n- **409** — the workstation is running: stop it first.",
        "## Errors\n\n- **409** — `workstation_not_stopped`: the workstation is running.",
        "## Errors\n\n- **409** — stop the workstation first, then delete it.",
        "A running workstation is refused (`409` `workstation_not_stopped`).",
        "A stopped workstation is refused (`409`), as is a deleted one (`404`).",
        "If the workstation is running, you get `409`.",
    ])
    # a note outside the Errors section is not read as one
    _each_told(references, delete, contract, {}, [
        "## Example\n\n- **409** — the workstation is stopped.",
        "Some text.\n\n- **409** — the workstation is stopped.",
    ])
    update = references.Page("workstations/update.md", "updateWorkstation")
    _each_told(references, update, contract, {
        "## Errors\n\n- **409** — the workstation is stopped: start it.":
            "**409**" + _in_state_told("409", "stopped", "updateWorkstation", "200").removeprefix(
                "`409`"),
    }, [
        # its other cause said in the note, after the state: on its next line, after a
        # semicolon or a full stop
        ("## Errors\n\n- **409** — the workstation is stopped\n  and a volume it names is "
         "attached elsewhere (`volume_attached`)."),
        ("## Errors\n\n- **409** — the workstation is stopped; a volume it names is attached "
         "elsewhere."),
        "## Errors\n\n- **409** — the workstation is stopped. Or a volume it names is attached.",
        # its other condition said beside the state
        ("## Errors\n\n- **409** — the workstation is stopped, or a volume it names is "
         "attached elsewhere."),
        "## Errors\n\n- **409** — the workstation is running.",
    ])


def test_a_workstation_in_a_state_said_to_be_able_to_be_acted_on_gets_the_status_said(
    checking: Checking,
) -> None:
    """A workstation in a state said to be able, or not, to be acted on, with the status
    in brackets ("a running workstation can be deleted (`200`)"), is held to what the
    operation of that verb answers there; a verb no operation has, a state of another
    resource, or more said after the brackets, is not read."""
    references, contract = checking
    page = references.Page("concepts/lifecycle.md", None)
    running = "running", "deleteWorkstation", "409", "workstation_not_stopped"
    stopped = "stopped", "deleteWorkstation", "200"
    _each_told(references, page, contract, {
        "A running workstation can be deleted (`200`).": _in_state_told("200", *running),
        "- A running workstation can be deleted (with a `200`).": _in_state_told("200", *running),
        "A workstation that is running can’t be deleted (`200`).": _in_state_told("200", *running),
        "A stopped workstation cannot be deleted (`409`).":
            _in_state_told("409", *stopped),
        "A stopped workstation can't be deleted (`409`).":
            _in_state_told("409", *stopped),
        "A running workstation can be stopped (`409`).":
            _in_state_told("409", "running", "stopWorkstation", "200"),
        "A running workstation may not be updated (`200`).":
            _in_state_told("200", "running", "updateWorkstation", "409",
                           "workstation_not_stopped"),
        "A workstation that's stopped won't be deleted (`409`).":
            _in_state_told("409", *stopped),
        "A running workstation can never be deleted (`200`).": _in_state_told("200", *running),
        # a word before it, or how it is done before the brackets
        "Only a running workstation can be deleted (`200`).": _in_state_told("200", *running),
        "Even a running workstation can be deleted (`200`).": _in_state_told("200", *running),
        "So, a stopped workstation cannot be deleted (`409`).":
            _in_state_told("409", *stopped),
        "A running workstation can be deleted right away (`200`).":
            _in_state_told("200", *running),
        "Note that a stopped workstation could not be deleted (`409`).":
            _in_state_told("409", *stopped),
        "A workstation in the `stopped` state must not be deleted (HTTP `409`).":
            _in_state_told("409", *stopped),
        "A stopped one is not able to be deleted (status `409`).":
            _in_state_told("409", *stopped),
        # read as a reader sees it: a link's text
        "A [running](lifecycle.md) workstation can be [deleted](../workstations/delete.md) (`200`).":
            _in_state_told("200", *running),
        # an aside in the brackets, or another clause after them
        "A running workstation can be deleted (`200`; see below).": _in_state_told("200", *running),
        "A stopped workstation cannot be deleted (`409`): stop it first.":
            _in_state_told("409", *stopped),
        "A running workstation can be deleted (`200`), as the example shows.":
            _in_state_told("200", *running),
        "A running workstation can be deleted (`200`); a stopped one can be too.":
            _in_state_told("200", *running),
        "A stopped workstation cannot be deleted (`409`), so start it first.":
            _in_state_told("409", *stopped),
        "Note: a stopped workstation cannot be deleted (HTTP `409` Conflict).":
            _in_state_told("409", *stopped),
        "Even in the sandbox, a running workstation can be deleted (`200`).":
            _in_state_told("200", *running),
        # its code after a comma, a colon or a dash
        "A stopped workstation cannot be deleted (`409`, `workstation_not_stopped`).":
            _in_state_told("409", *stopped),
        "A stopped workstation cannot be deleted (`409`: `workstation_not_stopped`).":
            _in_state_told("409", *stopped),
        "A stopped workstation cannot be deleted (`409` — `workstation_not_stopped`).":
            _in_state_told("409", *stopped),
        # a list's item with no full stop
        "- A running workstation can be deleted (`200`)\n- A stopped one can be deleted.":
            _in_state_told("200", *running),
        # the status right, the sentence the opposite of it
        "A running workstation can be deleted (`409`).": (
            "`409` is said of a running workstation that can be deleted, but deleteWorkstation "
            "refuses it there (`409`): say it cannot be deleted (as its example gets from the "
            "sandbox)"),
        "A stopped workstation cannot be deleted (`200`).": (
            "`200` is said of a stopped workstation that cannot be deleted, but "
            "deleteWorkstation does it there (`200`): say it can be deleted (as its example "
            "gets from the sandbox)"),
        # the state said first
        "While it is `stopped` the workstation cannot be deleted (`409`).":
            _in_state_told("409", *stopped),
        # the other state, denied
        "A workstation that is not `running` cannot be deleted (`409`).":
            _in_state_told("409", *stopped),
        "If the workstation is running, it can be deleted (`200`).":
            _in_state_told("200", *running),
        # said to be done, or not, with no "can"
        "A running workstation is deleted (`200`).": _in_state_told("200", *running),
        "Stopped workstations are updated (`409`).":
            _in_state_told("409", "stopped", "updateWorkstation", "200"),
    }, [
        "A running workstation cannot be deleted (`409`).",
        "A stopped workstation is deleted (`200`).",
        "A running workstation is not deleted (`409`).",
        "While it is `running`, the workstation cannot be deleted (`409`).",
        "If the workstation is stopped, it can be deleted (`200`).",
        "A stopped workstation is stopped (`200`).",
        "A workstation that is running can't be deleted (`409` `workstation_not_stopped`).",
        "A running workstation cannot be deleted (`409`, `workstation_not_stopped`).",
        "A stopped workstation can be deleted (`200`).",
        "Only a stopped workstation can be deleted (`200`).",
        "A stopped workstation can be deleted at once (`200`).",
        "A [stopped](lifecycle.md) workstation can be [deleted](../workstations/delete.md) (`200`).",
        "A running workstation cannot be deleted (`409`): stop it first.",
        "A running workstation cannot be deleted (`409`), so stop it first.",
        "A running workstation can be stopped (`200`); a stopped one is left as it is.",
        "A running workstation can be stopped (`200`).",
        "A stopped workstation can be updated (`200`).",
        "A stopped workstation can be painted (`200`).",  # (no operation paints)
        "A stopped workstation can be started again (`200`).",
        "A running workstation's volumes can be deleted (`409`).",
        "A stopped workstation can be deleted (`200`) if its volumes are detached.",
        "A running workstation can be deleted (`200`) with force.",
        "A stopped workstation with attached volumes can be deleted (`200`).",
        # a status neither the operation nor a state answers: another condition's, said before
        "Once `ws-12345` is deleted:\n\n- The stopped workstation cannot be deleted (`404`).",
        "Without a token:\n\n- a stopped workstation cannot be deleted (`401`).",
        "On the old route:\n\n- a stopped workstation cannot be deleted (`410`).",
    ])


@pytest.fixture
def with_restart(checking: Checking) -> Checking:
    """``checking``, with the contract of an API that has one more operation: a restart,
    whose 409 is for a stopped workstation, with a code of its own,
    `workstation_not_running`."""
    import dataclasses

    references, real = checking
    delete = real.operations["deleteWorkstation"]  # type: ignore[attr-defined]
    restart = references.Scope("restartWorkstation", delete.statuses,
                               delete.codes - {"workstation_not_stopped"}
                               | {"workstation_not_running"}, delete.fields)
    return references, dataclasses.replace(
        real, api=dataclasses.replace(real.api, codes=real.api.codes | restart.codes),
        operations={**real.operations, "restartWorkstation": restart},
        code_status={**real.code_status, "workstation_not_running": 409})


def test_a_condition_is_read_for_the_operations_its_sentence_names(
    with_restart: Checking,
) -> None:
    """A condition is read as the operations the sentence names answer it: with an
    operation added whose 409 is for a stopped workstation, "running" (the delete's and
    the update's `workstation_not_stopped`) says nothing of it, and is still read for a
    delete, or where no operation is named."""
    references, contract = with_restart
    page = references.Page("changelog.md", None)
    running = ('`workstation_not_running` is said for "running workstation", which the API '
               "answers with `409` (`workstation_not_stopped`)")
    _each_told(references, page, contract, {
        "A running workstation gets `409` `workstation_not_running`.": running,
        "Deleting a running workstation answers `409` `workstation_not_running`.": running,
    }, [
        ("Restart workstation restarts a running workstation; a stopped one gets `409` "
         "`workstation_not_running`."),
        "Restarting a running workstation never answers `workstation_not_stopped`.",
    ])
    # a verb said to the reader, or one of another clause, is no subject: the condition is
    # still read, and on an endpoint page for the page's own operation too
    told = ('`404` is said for "running workstation", which the API answers with `409` '
            "(`workstation_not_stopped`)")
    delete_page = references.Page("workstations/delete.md", "deleteWorkstation")
    for lie in ("Stop a running workstation first, or you get `404`.",
                "Stop it first: a running workstation gets `404`."):
        assert [p.message for p in references.check(f"# T\n\n{lie}\n", delete_page,
                                                     contract)] == [told], lie
    _each_told(references, page, contract, {
        "A workstation that is still running answers `400`, as the table lists.": (
            '`400` is said for "workstation that is still running", which the API answers '
            "with `409` (`workstation_not_stopped`)")}, [])
    # the subject of a condition names its operations too ("If Delete volume answers"): a
    # state whose code the volume's delete never answers is no condition of its code
    _each_told(references, page, contract, {
        "If Delete workstation answers `404` and the workstation is running, wait.": (
            '`404` is said for "workstation is running", which the API answers with `409` '
            "(`workstation_not_stopped`)")}, [
        ("If Delete volume answers `409` `volume_attached` and the workstation is running, "
         "stop the workstation before you detach the volume."),
        ("When deleting a volume answers `409` `volume_attached` and its workstation is "
         "running, stop it first."),
        ("If deleting the volume gets `volume_attached` and the workstation is running, "
         "stop it first."),
    ])


def test_a_new_state_codes_words_leave_the_state_checks_reading_that_state(
    with_restart: Checking, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With an operation added that refuses a stopped workstation with a code of its own,
    and that code's words added to the conditions ("a stopped workstation"), as
    docs/contributing.md asks: those words are the state's, which the state check reads
    from the sandbox, not another condition that turns it off; and a sentence that says
    the state first is of the operation after it, told once."""
    import dataclasses

    references, contract = with_restart
    answers = {**references.answers_by_state(),
               "restartWorkstation": {"running": None, "stopped": "workstation_not_running"}}
    monkeypatch.setattr(references, "answers_by_state", lambda: answers)
    from cloudws.operations import OPERATIONS

    monkeypatch.setitem(OPERATIONS, "restartWorkstation", dataclasses.replace(
        OPERATIONS["startWorkstation"], id="restartWorkstation", summary="Restart workstation"))
    stopped = (re.compile(r"\b`?stopped`?\s+(?:workstation|one)s?\b|\b(?:while|when|if)\s+"
                          r"(?:it|the\s+workstation)\s+is\s+`?stopped\b", re.IGNORECASE),
               frozenset({"workstation_not_running"}))
    monkeypatch.setattr(references, "_CONDITIONS", (*references._CONDITIONS, stopped))
    assert references.state_codes() == {"workstation_not_stopped", "workstation_not_running"}
    page = references.Page("concepts/lifecycle.md", None)
    _each_told(references, page, contract, {
        "If the workstation is stopped, the delete gets `409`.":
            _in_state_told("409", "stopped", "deleteWorkstation", "200"),
        "Deleting a stopped workstation answers `409`.":
            _in_state_told("409", "stopped", "deleteWorkstation", "200"),
        "Restarting a running workstation answers `409`.":
            _in_state_told("409", "running", "restartWorkstation", "200"),
        ("If the workstation is stopped, the delete gets `409` "
         "[`workstation_not_stopped`](errors.md#workstation_not_stopped)."):
            _in_state_told("409", "stopped", "deleteWorkstation", "200"),
    }, [
        "If the workstation is stopped, the restart gets `409`.",
        ("If the workstation is stopped, the restart gets `409` "
         "[`workstation_not_running`](errors.md#workstation_not_running)."),
        "Restarting a stopped workstation answers `409` `workstation_not_running`.",
    ])


def test_the_old_route_said_to_answer_is_the_removed_operation(checking: Checking) -> None:
    """"The old route" (or "removed route", "old endpoint") said to answer a status is the
    removed operation: the status is one it documents. What it answered once ("answered",
    "used to"), and what another method gets on its path ("answers a `POST` with `405`"),
    are not read as its answer."""
    references, contract = checking
    page = references.Page("changelog.md", None)
    _each_told(references, page, contract, {
        "The old route answers `404` for a workstation that does not exist.": (
            "`404` is said to be answered by removedDeleteWorkstation, which does not document "
            "it (it documents 400, 401, 410, 413)"),
        "The removed endpoint answers `200` and deletes nothing.": (
            "`200` is said to be answered by removedDeleteWorkstation, which does not document "
            "it (it documents 400, 401, 410, 413)"),
    }, [
        "The old route answers `410` for any well-formed ID.",
        "The old route answered `204` before 1.0.0.",
        "The removed route answers a `POST` with `405`.",
        "The old endpoint used to answer `204`.",
    ])


def test_a_status_said_to_answer_the_operations_a_clause_names_is_one_they_document(
    checking: Checking,
) -> None:
    """A status said to be the answer of the operations a clause's subject names, by their
    verbs or by links to their pages, is one that one of them documents; a verb said to the
    reader ("Stop it first"), or another subject, is not read."""
    references, contract = checking
    page = references.Page("concepts/troubleshooting.md", None, {
        "workstations/start.md": "startWorkstation", "workstations/stop.md": "stopWorkstation"})
    lies = {
        "Start and stop are refused on a workstation already in that state, and answer `409`.": (
            "`409` is said to be answered by startWorkstation and stopWorkstation, which do not "
            "document it (they document 200, 400, 401, 404, 413, 500)"),
        "[Starting](../workstations/start.md) a workstation twice gets `409`.": (
            "`409` is said to be answered by startWorkstation, which does not document it (it "
            "documents 200, 400, 401, 404, 413, 500)"),
        "A create answers `200` with what it made.": (
            "`200` is said to be answered by createVolume and createWorkstation, which do not "
            "document it (they document 201, 400, 401, 409, 413, 415, 422, 500)"),
        "[Starting](../workstations/start.md) a running one gets `409`, and stop answers `200`.": (
            "`409` is said to be answered by startWorkstation, which does not document it (it "
            "documents 200, 400, 401, 404, 413, 500)"),
        "If you start a workstation that is already running, you get `409`.": (
            "`409` is said to be answered by startWorkstation, which does not document it (it "
            "documents 200, 400, 401, 404, 413, 500)"),
        "Starting a running workstation answers `workstation_not_stopped`.": (
            "`workstation_not_stopped` is said to be answered by startWorkstation, which does "
            "not return it (it returns internal_error, invalid_id, not_found, "
            "payload_too_large, unauthorized, validation_error)"),
        "A retried create that answers `200` made nothing new.": (
            "`200` is said to be answered by createVolume and createWorkstation, which do not "
            "document it (they document 201, 400, 401, 409, 413, 415, 422, 500)"),
        "Listing volumes returns `404` when there are none.": (
            "`404` is said to be answered by listVolumes, which does not document it (it "
            "documents 200, 400, 401, 413, 500)"),
        "Listing a page of volumes answers `409`.": (  # (a page: no one thing named)
            "`409` is said to be answered by listVolumes and listWorkstations, which do not "
            "document it (they document 200, 400, 401, 413, 500)"),
        "Listing the workstations of a running one answers `409`.": (
            "`409` is said to be answered by listWorkstations, which does not document it (it "
            "documents 200, 400, 401, 413, 500)"),
        "A stop that is sent twice answers `409`.": (
            "`409` is said to be answered by stopWorkstation, which does not document it (it "
            "documents 200, 400, 401, 404, 413, 500)"),
    }
    truths = [
        "Start and stop change nothing when nothing would change, and answer `200`.",
        "Stop it first, or the delete gets `409`.",
        "- **409** — [stop it](../workstations/stop.md) first.",
        "Creating a volume with a large body gets `413`.",
        "Deleting never answers `422`.",
        "Updates and deletes of a running workstation get `409`.",
        "A create answers `201`, and a retry with the same key `201` again.",
        "Stopping a workstation that answered `409` to an update lets you send it again.",
        "Starting a workstation means later updates and deletes answer `409` again.",
        "Updating a volume answers `405`: volumes take no update.",
        "Creates answer `201`, not `200`.",
        "When you delete a running workstation, you get `409`.",
        ("A create naming a volume that was deleted answers `409` `volume_not_found`, while "
         "getting that volume answers `404`."),
        "[ ](../workstations/start.md) it first, or it gets `409`.",
        "Stop is what you call when a delete answers `409`.",
        "[Stop](../workstations/stop.md) the workstation when an update gets `409`.",
        # one thing listed is one named in a body, not a list operation
        "Listing another workstation's own volume in `volume_ids` gets `409` `volume_owned`.",
        "Listing `vol-data12345` in `volume_ids` answers `409` `volume_attached`.",
        "Listing a volume that does not exist in `volume_ids` gets `409` `volume_not_found`.",
        # a workstation's, then the volume: the delete is the volume's
        ("Deleting a stopped workstation's standalone volume answers `409` `volume_attached` "
         "until you detach it."),
        # "that" opens what a create does, not the resource it makes
        ("A create that names a volume of a running workstation gets `409` `volume_attached` "
         "or `volume_owned`."),
    ]
    _each_told(references, page, contract, lies, truths)


def test_a_success_said_for_a_condition_the_operations_refuse_is_told(
    checking: Checking,
) -> None:
    """A success said to be the answer of the operations a clause's subject names, on what
    they refuse (a condition of :data:`references._CONDITIONS` between the subject and the
    status, whose error each of them returns), is told with the error they answer; a
    condition one of them takes, or none, passes."""
    references, contract = checking
    page = references.Page("concepts/troubleshooting.md", None, {
        "workstations/delete.md": "deleteWorkstation"})
    refused = "which deleteWorkstation answers with `409` (`workstation_not_stopped`)"
    lies = {
        "Deleting a running workstation answers `200` and changes nothing.":
            f'`200` is said for "running workstation", {refused}',
        "[Deleting](../workstations/delete.md) a workstation that is still running gets `200`.":
            f'`200` is said for "workstation that is still running", {refused}',
        "If you delete a running workstation, you get `200`.":
            f'`200` is said for "running workstation", {refused}',
        "Updating a running workstation answers `200`.": (
            '`200` is said for "running workstation", which updateWorkstation answers with '
            "`409` (`workstation_not_stopped`)"),
        "Deleting an attached volume answers `200`.": (
            '`200` is said for "attached volume", which deleteVolume answers with `409` '
            "(`volume_attached`)"),
        "Getting a deleted workstation answers `200`.": (
            '`200` is said for "deleted workstation", which getWorkstation answers with `404` '
            "(`not_found`)"),
        # (a deletion said to have been done still holds: no ID is used again)
        "Deleting a workstation that was already deleted answers `200` again.": (
            '`200` is said for "workstation that was already deleted", which deleteWorkstation '
            "answers with `404` (`not_found`)"),
        "Listing volumes with an invalid cursor answers `200`.": (
            '`200` is said for "invalid cursor", which listVolumes answers with `400` '
            "(`validation_error`)"),
        "Deleting a running workstation succeeds with `200`.":
            f'`200` is said for "running workstation", {refused}',
        "Listing volumes with an invalid `cursor` answers `200`.": (
            '`200` is said for "invalid cursor", which listVolumes answers with `400` '
            "(`validation_error`)"),
        # accepted with; an order with what it gets; a condition of "it" (the operations
        # whose resource it can be)
        "Deleting a workstation that is `running` is accepted with `200`.":
            f'`200` is said for "workstation that is `running`", {refused}',
        "Delete a workstation that is running and you get `200`.":
            f'`200` is said for "workstation that is running", {refused}',
        "Delete it while it is running and you get `200`.":
            f'`200` is said for "while it is running", {refused}',
        "Deleting a workstation while it is still running returns `200`.":
            f'`200` is said for "while it is still running", {refused}',
        "Delete it while it is attached and you'll get `200`.": (
            '`200` is said for "it is attached", which deleteVolume answers with `409` '
            "(`volume_attached`)"),
        # the resource after "of", or the condition right after the status
        "A delete of an attached volume answers `200`.": (
            '`200` is said for "attached volume", which deleteVolume answers with `409` '
            "(`volume_attached`)"),
        "A volume delete answers `200` for an attached volume.": (
            '`200` is said for "attached volume", which deleteVolume answers with `409` '
            "(`volume_attached`)"),
        "An update answers `200` for a malformed body.": (
            '`200` is said for "malformed body", which updateWorkstation answers with `400` '
            "(`invalid_json` or `validation_error`)"),
        # "at once" says when it is done, not that a condition passes first
        "Updating a running workstation answers `200`: the change applies at once.": (
            '`200` is said for "running workstation", which updateWorkstation answers with '
            "`409` (`workstation_not_stopped`)"),
    }
    truths = [
        "Delete it while it is stopped and you get `200`.",
        "Delete it and you get `200`.",
        "Delete it when it is not attached and you get `200`.",
        "Stop it first, and you get `200` from the delete.",
        "Delete a stopped workstation with attached volumes and you get `200`.",
        "Starting a running workstation answers `200` and changes nothing.",
        "Deleting a stopped workstation answers `200`.",
        "Deleting a workstation that is not running answers `200`.",
        "Deleting a running workstation answers `409`; once stopped, the delete answers `200`.",
        "Stop a running workstation, and the delete answers `200`.",
        "A create with another body answers `201`: without a key, it is a new workstation.",
        "Getting an attached volume answers `200`.",
        # a condition on another resource, or said to pass, or no resource named
        "Updating a stopped workstation with attached volumes answers `200`.",
        "Getting a standalone volume whose workstation was deleted answers `200`.",
        "Getting `/openapi.json` without a token answers `200`.",
        "Deleting a volume that was attached to a deleted workstation answers `200`.",
        "Deleting a running workstation answers `200` only after you stop it.",
        "Deleting a running workstation, once stopped, answers `200`.",
    ]
    _each_told(references, page, contract, lies, truths)


def _refused_say(verb: str, state: str) -> str:
    """The way out a state said for an operation ends with."""
    return f' (where it is refused, say so: "a refused {verb} leaves it `{state}`")'


def test_a_state_said_to_be_the_one_an_operation_leaves_is_the_one_it_leaves(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A workstation's state said to be the one an operation leaves it in (named by the
    words, the clause's subject, or the page) is the one the stub leaves it in."""
    monkeypatch.syspath_prepend(str(HOOKS))
    import references

    contract = references.Contract.build(load_document(), {}, set())
    concept = references.Page("concepts/troubleshooting.md", None)
    lies = {
        "A new workstation is `stopped` when its create returns.": (
            "`stopped` is said to be the state createWorkstation leaves a workstation in, but "
            "it leaves it `running`"),
        **dict.fromkeys(("A new workstation is created `stopped`; start it to boot it.",
                         "The workstation is created in the `stopped` state."), (
            "`stopped` is said to be the state createWorkstation leaves a workstation in, but "
            "it leaves it `running`")),
        "A workstation you create comes up `stopped`.": (
            "`stopped` is said to be the state createWorkstation leaves a workstation in, but "
            "it leaves it `running`"),
        "Create leaves a workstation `stopped`; start leaves it `running`.": (
            "`stopped` is said to be the state createWorkstation leaves a workstation in, but "
            "it leaves it `running`"),
        "An update restarts the workstation, so it is `running` afterwards.": (
            "`running` is said to be the state updateWorkstation leaves a workstation in, but "
            "it leaves it `stopped`" + _refused_say("update", "running")),
        "An update restarts the workstation, so it comes back `running`.": (
            "`running` is said to be the state updateWorkstation leaves a workstation in, but "
            "it leaves it `stopped`" + _refused_say("update", "running")),
        "The update detaches it and leaves `ws-12345` `running`.": (
            "`running` is said to be the state updateWorkstation leaves a workstation in, but "
            "it leaves it `stopped`" + _refused_say("update", "running")),
        ("The first delete is refused, the update detaches it and leaves `ws-12345` `running`, "
         "and the delete then works."): (
            "`running` is said to be the state updateWorkstation leaves a workstation in, but "
            "it leaves it `stopped`" + _refused_say("update", "running")),
        "After a stop, the workstation is `running`.": (
            "`running` is said to be the state stopWorkstation leaves a workstation in, but "
            "it leaves it `stopped`" + _refused_say("stop", "running")),
        # a refusal in a comparison, a relative clause, or denied: not the stop's
        **{lie: ("`running` is said to be the state stopWorkstation leaves a workstation in, "
                 "but it leaves it `stopped`" + _refused_say("stop", "running")) for lie in (
            "A stop, unlike a delete that answers `409`, leaves it `running`.",
            "A stop never fails on a running workstation and leaves it `running`.",
            "Even a stop of a workstation that failed to boot leaves it `running`.",
            # past tense; "in the `x` state"
            "A stop left it `running`.",
            "A stop leaves the workstation in the `running` state.")},
    }
    _each_told(references, concept, contract, lies, [
        "A new workstation is `running` as soon as its create returns.",
        "The workstation is created `running`, so stop it before you update it.",
        "Stop it first, so it is `stopped` when the update runs.",
        "Stopping it leaves it `stopped`, and a second stop changes nothing.",
        "After a while, the workstation is `running` again.",
        "A stop leaves the workstation `stopped`, and a start leaves it `running`.",
        "A stop never leaves it `running`.",
        "Nothing changed: a failed stop leaves the workstation `running`.",
        "The workstation is left as it was: a refused delete leaves it `running`.",
        "In some other clouds, a new workstation is `stopped`; here it is not.",
        "A stop, unlike a start, leaves it `stopped`.",
        "Updating a running workstation answers `409` and leaves it `running`.",
        "An update of a running workstation fails and leaves it `running`.",
        "A workstation you create comes up `running`.",
        "If the update is refused, it is `running` afterwards.",
        "Stop it, and it is `stopped` afterwards.",
        "The workstation is `stopped` afterwards.",
        # the last done in a sequence ("then starts it")
        ("Stops a running workstation, then starts it again: it is `running` when the call "
         "returns."),
        "Stop it, then update it and start it: it is `running` when the last call returns.",
        # an adjective, a participle, or "and it is" after the operation
        "After a successful start, the workstation is `running`.",
        "A stopped workstation, once started, is `running`.",
        "Start a `stopped` workstation and it comes back `running`.",
        "Creating a workstation answers `201`, and it is `running` right away.",
        "If you stop it and it is `running`, wait.",
        "Deleting a workstation answers `409` and it is `running` still.",
        "Once deleted, it is `running` no more.",
        "When needed, it is `running`.",
        # asked, and answered
        "Does create leave a workstation `stopped`? No, `running`."])
    start_leaves = ("`stopped` is said to be the state startWorkstation leaves a workstation in, "
                    "but it leaves it `running`" + _refused_say("start", "stopped"))
    create_leaves = ("`stopped` is said to be the state createWorkstation leaves a workstation "
                     "in, but it leaves it `running`")
    _each_told(references, concept, contract, {
        "After a successful start, the workstation is `stopped`.": start_leaves,
        "A stopped workstation, once started, is `stopped`.": start_leaves,
        "Start a `stopped` workstation and it comes back `stopped`, answered with `200`.":
            start_leaves,
        "Creating a workstation answers `201`, and it is `stopped` right away.": create_leaves,
        "Once created, the workstation is `stopped`.": create_leaves,
        "Creating a workstation puts it in the `stopped` state.": create_leaves,
        "A start moves it to `stopped`.": start_leaves,
        "A start turns a workstation `stopped`.": start_leaves,
        "Create sets the new workstation to `stopped`.": create_leaves,
        # the state of the workstation acted on, in the subject: what it leaves that one in
        "Updating a running workstation leaves it `stopped`.": (
            "`stopped` is said to be the state updateWorkstation leaves a running workstation "
            "in, but it leaves it `running`"),
        "Starting a stopped workstation leaves it `stopped`.": (
            "`stopped` is said to be the state startWorkstation leaves a stopped workstation "
            "in, but it leaves it `running`")}, [
        "Updating a running workstation leaves it `running`.",
        "Updating a stopped workstation leaves it `stopped`.",
        "Stopping a running workstation leaves it `stopped`.",
        "A start turns a workstation `running`.",
        "Nothing turns it `running` but a start.",
        "Stopping it puts it in the `stopped` state.",
        "A start moves it to `running`.",
        "A refused delete puts it in no new state; it stays `running`."])
    _each_told(references, concept, contract, {
        "Starts a workstation, then stops it: it is `running` when the call returns.": (
            "`running` is said to be the state stopWorkstation leaves a workstation in, but "
            "it leaves it `stopped`" + _refused_say("stop", "running")),
        "Stop it, then update it and start it: it is `stopped` when the last call returns.": (
            "`stopped` is said to be the state startWorkstation leaves a workstation in, but "
            "it leaves it `running`" + _refused_say("start", "stopped"))}, [])
    # on an endpoint page, "the call" is the page's operation
    text = "# Stop\n\nIt is `running` when the call returns.\n"
    assert [p.message for p in references.check(
        text, references.Page("workstations/stop.md", "stopWorkstation"), contract)] == [
        ("`running` is said to be the state stopWorkstation leaves a workstation in, but it "
         "leaves it `stopped`" + _refused_say("stop", "running"))]
    assert references.check(
        text, references.Page("workstations/start.md", "startWorkstation"), contract) == []
    # "now", and "again" before "when the call returns": the page's operation
    stop = references.Page("workstations/stop.md", "stopWorkstation",
                           {"workstations/start.md": "startWorkstation"})
    for said_now in ("The workstation, now `running`.", "It is now `running`.",
                     "It is `running` again when the call returns.", "It's now `running`.",
                     "Your workstation is now `running`.", "The workstation is `running` now.",
                     "Now it is `running`.", "The workstation will now be `running`.",
                     "It is `running` again as soon as the call has returned."):
        assert [p.message for p in references.check(f"# Stop\n\n{said_now}\n", stop,
                                                     contract)] == [
            ("`running` is said to be the state stopWorkstation leaves a workstation in, but "
             "it leaves it `stopped`" + _refused_say("stop", "running"))], said_now
    for said_now in (("Unlike a delete, a stop keeps its volumes. The workstation is now "
                      "`running`."), "Stop it, so you can start it later. It is now `running`."):
        assert references.check(f"# Stop\n\n{said_now}\n", stop, contract), said_now
    for true in ("The workstation, now `stopped`.", "After a while it is now `running`.",
                 "It is `running`.",  # (when, not said)
                 # the sentence before did another operation
                 "Start it again when you need it. It is now `running`, with its volumes.",
                 ("Call [Start workstation](start.md) to resume it. The workstation is now "
                  "`running`."),
                 # a condition, not a result
                 "If your workstation is now `running`, stop it first."):
        assert references.check(f"# Stop\n\n{true}\n", stop, contract) == [], true
    assert references.check("# T\n\nThe workstation, now `running`.\n", concept, contract) == []
    # a link names its operation before "leaves" too, after the words' own ("After the create")
    create = references.Page("workstations/create.md", "createWorkstation",
                             {"workstations/stop.md": "stopWorkstation"})
    said = [p.message for p in references.check(
        "# C\n\nAfter the create, [Stop workstation](stop.md) leaves it `stopped`; later, "
        "[Stop workstation](stop.md) leaves it `running`.\n", create, contract)]
    assert said == [("`running` is said to be the state stopWorkstation leaves a workstation in, "
                     "but it leaves it `stopped`" + _refused_say("stop", "running"))]
    # on an endpoint page, another operation the sentence names
    text = "# Stop\n\nCalling [Start](start.md) afterwards leaves it `running` again.\n"
    assert references.check(text, references.Page(
        "workstations/stop.md", "stopWorkstation",
        {"workstations/start.md": "startWorkstation"}), contract) == []



def test_a_state_an_operation_leaves_a_workstation_in_a_state_in_is_held_to_that_state(
    checking: Checking,
) -> None:
    """"A stop leaves a running workstation `stopped`": the state the operation leaves a
    workstation in, from the state said, is the one the stub leaves it in from there; a
    refusal leaves it as it was."""
    references, contract = checking
    page = references.Page("concepts/lifecycle.md", None)

    def told(said: str, operation: str, start: str, left: str) -> str:
        return (f"`{said}` is said to be the state {operation} leaves a {start} workstation "
                f"in, but it leaves it `{left}`")

    _each_told(references, page, contract, {
        "A stop leaves a running workstation `running`.":
            told("running", "stopWorkstation", "running", "stopped"),
        "A start leaves a stopped workstation `stopped`.":
            told("stopped", "startWorkstation", "stopped", "running"),
        "An update leaves a running workstation `stopped`.":  # (refused: as it was)
            told("stopped", "updateWorkstation", "running", "running"),
    }, [
        "A stop leaves a running workstation `stopped`.",
        "A stop leaves a stopped workstation `stopped`.",
        "A start leaves a running workstation `running`.",
        "An update leaves a running workstation `running`.",
        "An update leaves a stopped workstation `stopped`.",
    ])

def test_a_word_said_of_a_workstation_as_its_state_is_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """"Only a `halted` one", "a `stopping` workstation": a word shaped as a state, said of
    a workstation as its state, is one; a machine type or a state the API has pass."""
    monkeypatch.syspath_prepend(str(HOOKS))
    import references

    contract = references.Contract.build(load_document(), {}, set())
    page = references.Page("concepts/troubleshooting.md", None)
    text = ("# T\n\nA `stopping` workstation waits, and so does a `halted` one; only a "
            "`stopped` one can be deleted, and a `standard-4` workstation too.\n\n"
            # what an operation leaves it in, but not a volume it names
            "A restart leaves it `restarting`, and a pause leaves the workstation in `paused`. "
            "A standalone volume survives: the delete leaves it `detached`. Deleting `ws-12345` "
            "keeps `vol-data12345`: the delete leaves it `detached`. A standalone volume "
            "outlives its workstation: deleting the workstation leaves it `detached`.\n")
    assert [p.message for p in references.check(text, page, contract)] == [
        ("`stopping` is said to be a state, but a workstation's states (its `status`) are "
         "running, stopped; did you mean `stopped`?"),
        ("`halted` is said to be a state, but a workstation's states (its `status`) are "
         "running, stopped"),
        ("`restarting` is said to be a state, but a workstation's states (its `status`) are "
         "running, stopped"),
        ("`paused` is said to be a state, but a workstation's states (its `status`) are "
         "running, stopped")]


def test_on_a_page_of_no_operation_what_is_required_is_held_to_the_operations_named(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On a page of no operation, an input the operations disagree on (`machine_type`:
    required to create, optional to update) is held to those the sentence names, by verb
    ("on create") or link; named none, or both, it is not read."""
    monkeypatch.syspath_prepend(str(HOOKS))
    import references

    contract = references.Contract.build(load_document(), {}, set())
    page = references.Page("concepts/troubleshooting.md", None,
                           {"volumes/create.md": "createVolume"})
    text = ("# T\n\n`machine_type` is optional on create.\n\n"
            "`size_gb` is optional on [Create volume](../volumes/create.md).\n\n"
            "When updating, `machine_type` is optional.\n\n"
            "`machine_type` is required on create and optional on update.\n\n"
            "`machine_type` is required on create, but `machine_type` is optional on update.\n\n"
            "`size_gb` is optional on the volume create.\n\n"
            "`machine_type` is optional.\n")
    assert [(p.line, p.message) for p in references.check(text, page, contract)] == [
        (3, ("`machine_type` is said to be optional, but createWorkstation requires it in the "
             "request body")),
        (5, "`size_gb` is said to be optional, but createVolume requires it in the request body"),
        (13, "`size_gb` is said to be optional, but createVolume requires it in the request body")]
    # on an endpoint page, a sentence naming another operation is that one's ("creating")
    update = references.Page("workstations/update.md", "updateWorkstation")
    assert references.check("# T\n\nWhen creating a workstation, `machine_type` is required.\n",
                            update, contract) == []


def test_a_problems_member_its_code_decides_is_not_said_to_name_what_went_wrong(
    checking: Checking,
) -> None:
    """"The `title` names the field": a problem's `title`, `code` and `type` are its
    code's, the same for every request; what went wrong with this one is in `detail` (and
    `errors`). Said of `detail`, or of a workstation's `status`, it passes."""
    references, contract = checking
    said = ("is the same for every request that gets its error: what went wrong with this "
            "request is in its `detail` (and each field in `errors`)")
    _each_told(references, references.Page("concepts/errors.md", None), contract, {
        "The problem's `title` names the field to fix.": (
            f"`title` is said to name the field, but a problem's `title` {said}"),
        "Its `code` tells you which workstation was refused.": (
            f"`code` is said to name the workstation, but a problem's `code` {said}"),
    }, ["The `detail` names the field, and the `title` names the status.",
        "The problem's `code` names the cause, and its `type` the mistake.",
        "A workstation's `status` says its state.",
        "The problem's `errors` list names each field."])


def test_a_query_value_said_not_to_be_taken_passes(monkeypatch: pytest.MonkeyPatch) -> None:
    """"There is no `status=deleted`" denies it: it passes, where "list with
    `status=deleted`" is told."""
    monkeypatch.syspath_prepend(str(HOOKS))
    import references

    contract = references.Contract.build(load_document(), {}, set())
    page = references.Page("concepts/x.md", None)
    text = ("# T\n\nThere is no `status=deleted`: deleted workstations are not listed.\n\n"
            "List with `status=deleted` to see them.\n")
    assert [(p.line, p.message.partition(" (")[0]) for p in references.check(
        text, page, contract)] == [
        (5, "`status=deleted`: 'deleted' is not one of ['running', 'stopped']")]
