"""The built docs site: its pages and navigation, the tables and schemas the hooks generate
from the OpenAPI document, ``openapi.json`` at its root, and nothing loaded from another host.

Every check reads the site as built strictly by the ``built_site`` fixture, and compares it
with the stub's OpenAPI document or ``cloudws.errors.ERROR_CODES`` — never with a copy.
"""

from __future__ import annotations

import doctest
import importlib
import importlib.util
import json
import logging
import re
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
import tinycss2
import yaml
from bs4 import BeautifulSoup, Tag
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError
from mkdocs.structure.files import get_files
from mkdocs.structure.nav import get_navigation
from openapi_spec_validator import validate

from cloudws.app import create_app
from cloudws.errors import ERROR_CODES, PROBLEM_BASE
from cloudws.operations import API_ROOT, OPERATIONS
from cloudws.store import Store
from cloudws.testing import BASE_URL, mock_api

from .harness.github import PLANTS_MISTAKES
from .helpers import built_page, document

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
HOOKS = ROOT / "hooks"
DOCUMENT = document()

#: The pages the spec names (its section 5), in its navigation order: the endpoint pages
#: follow the concepts, in the order the operations are declared (cloudws.operations),
#: then the reference pages where "..." is. A page of the site's own may come anywhere
#: between them.
SPEC_PAGES = [
    "index.md", "quickstart.md",
    "concepts/authentication.md", "concepts/errors.md", "concepts/lifecycle.md",
    "concepts/volumes.md", "concepts/pagination.md",
    "{endpoints}",
    "...",
    "contributing.md", "changelog.md",
]
#: The anatomy of every endpoint page: its H2 sections, in order.
ANATOMY = ["endpoint", "parameters", "request-body", "response", "request-examples",
           "try-it", "errors"]


# -- helpers -----------------------------------------------------------------------------


def _front_matter(path: Path) -> dict[str, Any]:
    text = path.read_text()
    if not text.startswith("---\n"):
        return {}
    return yaml.safe_load(text[4:text.index("\n---\n", 3)]) or {}


def _endpoint_pages() -> list[tuple[str, str]]:
    pages = []
    for path in sorted(DOCS.rglob("*.md")):
        operation = _front_matter(path).get("operation")
        if operation:
            pages.append((path.relative_to(DOCS).as_posix(), operation))
    return pages


ENDPOINT_PAGES = _endpoint_pages()


def _operations() -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in DOCUMENT["paths"].items():
        for method, operation in item.items():
            yield method.upper(), path, operation


def _operation(operation_id: str) -> tuple[str, str, dict[str, Any]]:
    return next(o for o in _operations() if o[2]["operationId"] == operation_id)


def _html(site: Path, src_uri: str) -> BeautifulSoup:
    """The built page of the source page ``src_uri`` (``workstations/delete.md``)."""
    if src_uri == "index.md" or src_uri.endswith("/index.md"):
        built = src_uri.removesuffix(".md") + ".html"
    else:
        built = src_uri.removesuffix(".md") + "/index.html"
    return built_page(site, built)


def _section(soup: BeautifulSoup, heading_id: str) -> list[Tag]:
    """The elements after the H2 ``heading_id``, up to the next H2."""
    heading = soup.find("h2", id=heading_id)
    assert heading is not None, f"no '## {heading_id}' section"
    found = []
    for sibling in heading.find_next_siblings():
        if sibling.name == "h2":
            break
        found.append(sibling)
    return found


def _first(elements: list[Tag], selector: str) -> Tag:
    for element in elements:
        hit = element if element.css.match(selector) else element.select_one(selector)
        if hit is not None:
            return hit
    raise AssertionError(f"no {selector!r} in the section")


def _rows(table: Tag) -> list[list[str]]:
    return [[cell.get_text(" ", strip=True) for cell in row.find_all("td")]
            for row in table.select("tbody tr")]


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    return DOCUMENT["components"]["schemas"][ref.rsplit("/", 1)[1]] if ref else schema


def _expected_fields(schema: dict[str, Any], prefix: str = "") -> dict[str, bool]:
    """Field path -> required, for the object ``schema`` and the objects inside it."""
    schema = _resolve(schema)
    fields = {}
    for name, prop in schema.get("properties", {}).items():
        fields[prefix + name] = name in schema.get("required", [])
        options = [o for o in prop.get("anyOf", [prop]) if o.get("type") != "null"]
        inner = _resolve(options[0]) if len(options) == 1 else {}
        if inner.get("type") == "array":
            items = _resolve(inner.get("items", {}))
            if "properties" in items:
                fields.update(_expected_fields(items, f"{prefix}{name}[]."))
        elif "properties" in inner:
            fields.update(_expected_fields(inner, f"{prefix}{name}."))
    return fields


def _field_rows(table: Tag) -> dict[str, bool]:
    return {row[0]: row[2] == "yes" for row in _rows(table)}


# -- pages and navigation ----------------------------------------------------------------


def _nav_files() -> list[str]:
    """The pages of the nav, in order, as MkDocs itself reads ``mkdocs.yml``."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    return [page.file.src_uri for page in get_navigation(get_files(config), config).pages]


def test_site_nav_lists_every_spec_page_in_order(built_site: Path) -> None:
    files = _nav_files()
    reference = [f for f in files if f.startswith("reference/")]
    assert reference and reference[0] == "reference/index.md"
    start = files.index(reference[0])
    assert files[start:start + len(reference)] == reference, "reference pages are not together"
    page_of = {operation: page for page, operation in ENDPOINT_PAGES}
    endpoints = [page_of[op] for op in OPERATIONS if op in page_of]
    expected = [page for entry in SPEC_PAGES
                for page in (endpoints if entry == "{endpoints}" else [entry])]
    listed = [page for page in files[:start] + ["..."] + files[start + len(reference):]
              if page in expected]
    assert listed == expected, (
        "mkdocs.yml's nav lists the pages the spec names in the spec's order, the endpoint "
        "pages in the order src/cloudws/operations.py declares their operations (a page of "
        f"the site's own may go anywhere between them): {listed} is not {expected}")
    for src_uri in files:
        assert _html(built_site, src_uri).find("h1") is not None, src_uri


def test_site_nav_puts_delete_after_update(built_site: Path) -> None:
    links = [a.get_text(strip=True) for a in
             _html(built_site, "index.md").select("nav.md-nav--primary a.md-nav__link")]
    assert links.index("Delete workstation") == links.index("Update workstation") + 1


def test_site_every_operation_has_exactly_one_page() -> None:
    """A removed (deprecated) operation is shown on its replacement's page instead."""
    claimed = [operation for _, operation in ENDPOINT_PAGES]
    assert sorted(claimed) == sorted(op["operationId"] for _, _, op in _operations()
                                     if not op.get("deprecated"))


# -- openapi.json ------------------------------------------------------------------------


def test_site_openapi_json_is_the_stubs_document_with_its_examples(built_site: Path) -> None:
    """The published ``openapi.json`` is the API's document plus, on each operation, the
    executed examples of its page as ``x-codeSamples``, and nothing else. The API's own
    ``/openapi.json`` (which ``cloudws serve`` answers, before the site's file) stays the
    contract, without them."""
    published = json.loads((built_site / "openapi.json").read_text())
    validate(published)  # still a valid OpenAPI 3.1 document
    samples = {op["operationId"]: op.pop("x-codeSamples", None)
               for item in published["paths"].values() for op in item.values()}
    assert published == DOCUMENT, "openapi.json differs from the stub's beyond x-codeSamples"
    with mock_api():
        served = httpx.get(BASE_URL.removesuffix("/v1") + "/openapi.json").json()
    assert served == DOCUMENT, "the API's /openapi.json is the contract, with no samples"
    expected = {
        operation: [
            {"lang": lang, "label": label,
             "source": (ROOT / "snippets" / page.replace(".md", suffix)).read_text()}
            for suffix, lang, label in (
                (".py", "Python", "Python"), (".sh", "curl", "curl"),
                (".mjs", "JavaScript", "JavaScript"))
        ]
        for page, operation in ENDPOINT_PAGES
    }
    expected.update({op: None for op in samples if op not in expected})  # no page: none
    assert samples == expected, ("each operation carries its page's main examples "
                                 "(snippets/<section>/<page>.py, .sh, .mjs), verbatim")


# -- endpoint pages ----------------------------------------------------------------------


@pytest.mark.parametrize(("page", "operation_id"), ENDPOINT_PAGES)
def test_site_endpoint_page_has_the_anatomy(built_site: Path, page: str,
                                            operation_id: str) -> None:
    soup = _html(built_site, page)
    article = soup.select_one("article.md-content__inner")
    headings = [h["id"] for h in article.find_all("h2")]
    assert headings == ANATOMY, page
    children = [c for c in article.children if isinstance(c, Tag)]
    first_h2 = next(i for i, c in enumerate(children) if c.name == "h2")
    notes = [i for i, c in enumerate(children)
             if {"admonition"} & set(c.get("class", [])) or c.name == "details"]
    assert all(i < first_h2 for i in notes), f"{page}: notes belong before the Endpoint"
    tabs = [label.get_text(strip=True) for label in
            _first(_section(soup, "response"), "div.tabbed-labels").find_all("label")]
    assert tabs == ["Example", "Schema"], page
    tabsets = [e for e in _section(soup, "request-examples") if "tabbed-set" in e.get("class", [])]
    assert tabsets, f"{page}: no request examples"
    # First under the heading, where a reader may land: each runs from a sandbox just started.
    fresh = next(e for e in _section(soup, "request-examples") if isinstance(e, Tag))
    assert fresh.get_text(" ", strip=True).startswith(
        "Each example, in each tab, starts from the sandbox just started: before you run "
        "another, restart the sandbox"), f"{page}: {fresh}"
    href = fresh.find("a")["href"]  # from workstations/create/ to the site's root
    assert href == "../" * (page.count("/") + 1) + "#the-sandbox", href
    assert _html(built_site, "index.md").find(id="the-sandbox") is not None
    for tabset in tabsets:
        labels = [label.get_text(strip=True) for label in tabset.select(".tabbed-labels label")]
        assert labels == ["Python", "curl", "JavaScript"], page
        # Each language shows what the request answered, the same way on every page: the
        # curl tab its JSON after the command; Python and JavaScript their printed lines.
        python, curl, javascript = tabset.select(".tabbed-content > .tabbed-block")
        blocks = curl.select("div.highlight")
        assert len(blocks) >= 2 and "language-bash" in blocks[0]["class"] and all(
            "language-json" in b["class"] for b in blocks[1:]), \
            f"{page}: a curl tab shows its command and then the JSON it prints"
        assert "#>" in python.get_text() and "//>" in javascript.get_text(), page
    # The body links to its schema, every field described.
    body = _first(_section(soup, "response"), "table").select("tbody td")[2]
    link = body.find("a")
    assert link is not None and "reference/models/#cloudws.models." in link["href"], page
    # The error table is introduced the same way everywhere, and nothing stands before it.
    errors = [c for c in _section(soup, "errors") if isinstance(c, Tag)]
    assert errors[0].name == "p" and errors[0].get_text(" ", strip=True).startswith(
        "Every error is an RFC 9457 problem with a machine-readable code"), page
    assert errors[1].find("table") is not None or errors[1].name == "table", page


@pytest.mark.parametrize(("page", "operation_id"), ENDPOINT_PAGES)
def test_site_endpoint_line_matches_openapi(built_site: Path, page: str,
                                            operation_id: str) -> None:
    method, path, operation = _operation(operation_id)
    code = _first(_section(_html(built_site, page), "endpoint"), "pre code").get_text()
    lines = code.strip().splitlines()
    assert lines[0] == f"{method} {path} HTTP/1.1", page
    assert f"Host: {urlsplit(DOCUMENT['servers'][0]['url']).netloc}" in lines
    assert ("Content-Type: application/json" in lines) == ("requestBody" in operation), page


@pytest.mark.parametrize(("page", "operation_id"), ENDPOINT_PAGES)
def test_site_parameter_table_matches_openapi(built_site: Path, page: str,
                                              operation_id: str) -> None:
    params = _operation(operation_id)[2].get("parameters", [])
    section = _section(_html(built_site, page), "parameters")
    if not params:
        assert "no parameters" in " ".join(e.get_text() for e in section)
        return
    rows = _rows(_first(section, "table"))
    assert [(r[0], r[1], r[3]) for r in rows] == [
        (p["name"], p["in"], "yes" if p.get("required") else "no") for p in params
    ], page
    for row, param in zip(rows, params, strict=True):
        schema = param["schema"]
        assert row[2].startswith(schema["type"]), (page, row)
        for key in ("pattern", "minimum", "maximum", "default"):
            if key in schema:
                assert str(schema[key]) in " ".join(row), (page, param["name"], key)
        for value in schema.get("enum", []):
            assert value in row[2], (page, param["name"], value)


@pytest.mark.parametrize(("page", "operation_id"), ENDPOINT_PAGES)
def test_site_request_body_table_matches_openapi(built_site: Path, page: str,
                                                 operation_id: str) -> None:
    operation = _operation(operation_id)[2]
    section = _section(_html(built_site, page), "request-body")
    if "requestBody" not in operation:
        assert "does not take a request body" in " ".join(e.get_text() for e in section)
        return
    schema = operation["requestBody"]["content"]["application/json"]["schema"]
    assert _field_rows(_first(section, "table")) == _expected_fields(schema), page


@pytest.mark.parametrize(("page", "operation_id"), ENDPOINT_PAGES)
def test_site_response_and_schema_match_openapi(built_site: Path, page: str,
                                                operation_id: str) -> None:
    responses = _operation(operation_id)[2]["responses"]
    success = [s for s in responses if s.startswith("2")]
    section = _section(_html(built_site, page), "response")
    rows = _rows(_first(section, "table"))
    assert [r[0] for r in rows] == success, page
    for header in responses[success[0]].get("headers", {}):
        assert header in rows[0][3], (page, header)
    schema = responses[success[0]]["content"]["application/json"]["schema"]
    tab = _first(section, "div.tabbed-set").select("div.tabbed-block")[1]
    assert _field_rows(tab.find("table")) == _expected_fields(schema), page
    shown = json.loads(tab.select_one("details pre code").get_text())
    assert set(shown["properties"]) == set(_resolve(schema)["properties"]), page


@pytest.mark.parametrize(("page", "operation_id"), ENDPOINT_PAGES)
def test_site_error_table_matches_openapi(built_site: Path, page: str,
                                          operation_id: str) -> None:
    responses = _operation(operation_id)[2]["responses"]
    expected = {
        int(status): set(answer["content"]["application/problem+json"]["examples"])
        for status, answer in responses.items() if int(status) >= 400
    }
    table = _first(_section(_html(built_site, page), "errors"), "table")
    shown = {}
    for row in table.select("tbody tr"):
        cells = row.find_all("td")
        status = int(cells[0].get_text().split()[0])
        codes = {a.get_text(strip=True) for a in cells[1].find_all("a")}
        for link in cells[1].find_all("a"):
            assert link["href"].endswith(f"concepts/errors/#{link.get_text(strip=True)}")
        meaning = cells[2].get_text(" ", strip=True)
        assert meaning, (page, status)
        shown[status] = codes
    assert shown == expected, page


@pytest.mark.parametrize(("page", "operation_id"), ENDPOINT_PAGES)
def test_site_try_it_mount_point(built_site: Path, page: str, operation_id: str) -> None:
    section = _section(_html(built_site, page), "try-it")
    mounts = [e for e in section if e.name == "div" and "cws-try-it" in e.get("class", [])]
    assert len(mounts) == 1, page
    assert mounts[0]["data-operation"] == operation_id
    assert mounts[0]["data-api-root"] == API_ROOT  # its default base URL: this origin + it
    assert not mounts[0].contents, "the mount point is filled in by try-it.js"
    # Without JavaScript, and in print (where the form is hidden), the section says what
    # it is and how to use it.
    about = next(e for e in section if e.name == "p" and "cws-try-it__about" in e["class"])
    assert "uv run cloudws serve" in about.get_text() and "uv run mkdocs serve" in about.get_text()


# -- the errors page ---------------------------------------------------------------------


def test_site_errors_page_has_an_anchored_row_per_code(built_site: Path) -> None:
    base = urlsplit(PROBLEM_BASE)
    site_url = load_config(str(ROOT / "mkdocs.yml"))["site_url"]
    assert PROBLEM_BASE.startswith(site_url), "problem types point outside the site"
    soup = _html(built_site, base.path.strip("/") + ".md")
    rows = soup.select("article table tbody tr")
    shown = {}
    for row in rows:
        anchor = row.select_one("td a[id]")
        if anchor is not None:  # the code, its status under it; who returns it in "means"
            first, means = row.find_all("td")[:2]
            status = first.get_text(" ", strip=True).removeprefix(anchor.get_text(strip=True))
            shown[anchor["id"]] = (status.strip(), "Returned by:" in means.get_text())
    assert list(shown) == list(ERROR_CODES)
    for code, entry in ERROR_CODES.items():
        assert shown[code] == (f"{entry.status} {entry.title}", True), code
        assert soup.find_all(id=code) and len(soup.find_all(id=code)) == 1


def test_site_index_lists_every_operation_in_nav_order(built_site: Path) -> None:
    nav = _nav_files()
    by_page = dict(ENDPOINT_PAGES)
    expected = [by_page[page] for page in nav if page in by_page]
    # A removed operation has no page of its own: it comes last, unlinked.
    expected += [op["operationId"] for _, _, op in _operations() if op.get("deprecated")]
    table = _first(_section(_html(built_site, "index.md"), "operations"), "table")
    shown = []
    for row in table.select("tbody tr"):
        cells = row.find_all("td")
        if cells[0].a is None:
            operation_id = next(op["operationId"] for _, _, op in _operations()
                                if op["summary"] == cells[0].get_text(strip=True))
            assert _operation(operation_id)[2].get("deprecated"), operation_id
        else:
            operation_id = next(op for page, op in ENDPOINT_PAGES if cells[0].a["href"]
                                .rstrip("/").endswith(page.removesuffix(".md")))
        method, path, _ = _operation(operation_id)
        assert cells[1].get_text(strip=True) == f"{method} {path}"
        shown.append(operation_id)
    assert shown == expected


def test_site_index_lists_the_sandbox_starting_state(built_site: Path) -> None:
    state = Store().export()
    rows = _rows(_first(_section(_html(built_site, "index.md"), "the-sandbox"), "table"))
    expected = [f"workstation {w['id']}" for w in state["workstations"]] + \
               [f"volume {v['id']}" for v in state["volumes"]]
    assert [row[0] for row in rows] == expected
    for row, ws in zip(rows, state["workstations"], strict=False):
        assert row[1] == ws["status"] and all(v in row[2] for v in ws["volume_ids"])


def test_site_reference_renders_docstring_examples_as_code(built_site: Path) -> None:
    pages = sorted((built_site / "reference").glob("*/index.html"))
    assert pages
    for page in pages:
        soup = built_page(built_site, page.relative_to(built_site).as_posix())
        article = soup.select_one("article.md-content__inner")
        text = article.get_text()
        assert not re.search(r":(func|class|meth|data|attr|mod):`", text), page
        assert not [q for q in article.find_all("blockquote") if ">>>" in q.get_text()], page
    testing = built_page(built_site, "reference/testing/index.html")
    assert any(">>> import httpx" in pre.get_text() for pre in testing.find_all("pre"))


# -- the hooks ---------------------------------------------------------------------------


def _build_tiny_site(tmp_path: Path, page: str, front_matter: str = "") -> None:
    docs = tmp_path / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text(front_matter + page)
    (tmp_path / "mkdocs.yml").write_text(textwrap.dedent(f"""\
        site_name: tiny
        docs_dir: docs
        site_dir: site
        hooks:
          - {HOOKS / 'site.py'}
        """))
    build(load_config(str(tmp_path / "mkdocs.yml"), strict=True))


@pytest.mark.parametrize(("page", "front_matter", "message"), [
    ("# Tiny\n\n{{ no_such_block }}\n", "", r"index\.md:3: \{\{ no_such_block \}\}: unknown"),
    ("# Tiny\n\nSee {{ endpoint here.\n", "", r"index\.md:3: .* is not a placeholder"),
    ("# Tiny\n\n{{ schema Problem Volume }}\n", "",
     r"index\.md:3: '\{\{ schema Problem Volume \}\}' gives schema more than one argument"),
    ("# Tiny\n\nSee {{ endpoint }} here.\n", "", r"index\.md:3: \{\{ endpoint \}\} fills a block"),
    ("# Tiny\n\nKept {{ facts body_limit }}.\n", "",
     (r"index\.md:3: \{\{ facts body_limit \}\} fills a block, alone on its line: did you mean "
     r"\{\{ fact body_limit \}\}\?")),
    ("# Tiny\n\n{{ facts body_limit }}\n", "",
     (r"index\.md:3: \{\{ facts body_limit \}\} takes no argument: did you mean "
     r"\{\{ fact body_limit \}\}\?")),
    ("# Tiny\n\nUp to { fact body_limit }}.\n", "",
     r"index\.md:3: '\{ fact body_limit \}\}' is not a placeholder"),
    ("# Tiny\n\nUp to { fact body_limit }, or {a, b} and {{ fact body_limit }}.\n", "",
     r"index\.md:3: '\{ fact body_limit \}' is not a placeholder"),
    ("# Tiny\n\nUp to {{ fact body_limt }}.\n", "", r"index\.md:3: .*unknown fact; did you mean \{\{ fact body_limit \}\}\? \(known: body_limit"),
    ("# Tiny\n\nWrite {{ fact }}.\n", "", r"index\.md:3: \{\{ fact \}\}: unknown fact"),
    ("# Tiny\n\n{{ nope }}\n", "---\noperation: getVolume\n---\n\n",
     r"index\.md:7: \{\{ nope \}\}: unknown"),  # the line in the file, front matter counted
    ("# Tiny\n\n{{ endpoint }}\n", "", r"index\.md:3: \{\{ endpoint \}\} needs 'operation"),
    ("# Tiny\n\n{{ schema Nope }}\n", "", r"index\.md:3: .*no schema 'Nope'"),
    ("# Tiny\n\n{{ schema Volum }}\n", "", r"no schema 'Volum'; did you mean 'Volume'\?"),
    # the prose's problems in line order, whichever check found each (a fact, a status)
    ("# Tiny\n\nNever `418`.\n\nA page holds up to 100 items.\n", "",
     r"index\.md:3: `418`[^\n]*\n[^\n]*index\.md:5: "),
    ("# Tiny\n", "---\noperation: nukeWorkstation\n---\n",  # at its line, saying where first
     r"docs/index\.md:2: front matter: .*nukeWorkstation.* src/cloudws/operations\.py first"),
    # a key a letter off one the site reads: read as no key at all, were it not told
    ("# Tiny\n", "---\ntitle: Tiny\noperaton: getVolume\n---\n",
     (r"docs/index\.md:3: front matter: `operaton:` is no key the site reads; did you mean "
     r"`operation:`\? \(it reads operation, examples\)")),
    ("# Tiny\n", "---\nexamples: share\n---\n",
     r"docs/index\.md:2: front matter: `examples: share`: it takes shared"),
    # not YAML: MkDocs would take it for none, and the page's operation: with it
    ("# Tiny\n", "---\ndescription: Gets it: now\noperation: getVolume\n---\n",
     r"docs/index\.md:2: the front matter is not YAML: mapping values are not allowed here"),
    ('# Tiny\n', '---\ntitle: Tiny\n"operaton" : getVolume\n---\n',  # at its line, quoted
     r"docs/index\.md:3: front matter: `operaton:` is no key"),
    ("# Tiny\n", "---\noperation: [getVolume]\n---\n",
     r"docs/index\.md:2: front matter: `operation:` takes an operationId, not \['getVolume'\]"),
])
@PLANTS_MISTAKES
def test_site_hooks_fail_the_build_naming_the_page(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, page: str, front_matter: str,
    message: str,
) -> None:
    with caplog.at_level(logging.ERROR, logger="mkdocs"), \
            pytest.raises((Abort, PluginError)) as failure:
        _build_tiny_site(tmp_path, page, front_matter)
    assert re.search(message, f"{failure.value}\n{caplog.text}"), caplog.text
    assert not (tmp_path / "site" / "index.html").exists()


@PLANTS_MISTAKES
def test_a_front_matter_misread_is_told_before_a_page_that_links_to_its_page(
    tmp_path: Path, caplog: pytest.LogCaptureFixture,
) -> None:
    """The first page of the nav names a status of the second page's operation, linked to
    it; the second page's front matter misspells ``operation:``. The build tells that
    misspelling, and every other one, before building any page (the first page would fail
    first, its status judged against no operation)."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Tiny\n\nA deleted volume is [`404`](volume.md).\n")
    (docs / "volume.md").write_text("---\noperaton: getVolume\n---\n\n# Get volume\n")
    (docs / "other.md").write_text("---\noperatoin: listVolumes\n---\n\n# List volumes\n")
    (tmp_path / "mkdocs.yml").write_text(textwrap.dedent(f"""\
        site_name: tiny
        hooks:
          - {HOOKS / 'site.py'}
        nav:
          - index.md
          - volume.md
          - other.md
        """))
    with caplog.at_level(logging.ERROR, logger="mkdocs"), \
            pytest.raises((Abort, PluginError)) as failure:
        build(load_config(str(tmp_path / "mkdocs.yml"), strict=True))
    told = f"{failure.value}\n{caplog.text}"
    assert re.search(r"docs/volume\.md:2: front matter: `operaton:` is no key the site reads; "
                     r"did you mean `operation:`\?[^\n]*\n[^\n]*docs/other\.md:2: front "
                     r"matter: `operatoin:`", told), told
    assert "index.md" not in told, told
    assert not (tmp_path / "site").exists()


@PLANTS_MISTAKES
def test_a_machine_types_size_said_wrongly_fails_the_build_at_its_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture,
) -> None:
    """Its vCPUs, GPUs and memory, against cloudws.models.MACHINE_SIZES, in digits or in
    words, after "has", "gets", or "the ... machine type has"; a GiB not said to be memory
    is left to the facts check (a volume's)."""
    from cloudws.models import MACHINE_SIZES

    s4, t4 = MACHINE_SIZES["standard-4"], MACHINE_SIZES["gpu-t4"]
    h8, s8 = MACHINE_SIZES["highmem-8"], MACHINE_SIZES["standard-8"]
    s2 = MACHINE_SIZES["standard-2"]
    words = dict(enumerate(("zero", "one", "two", "three", "four", "five", "six", "seven",
                            "eight", "nine", "ten", "eleven", "twelve", "thirteen",
                            "fourteen", "fifteen", "sixteen")))
    right = (f"A `standard-4` has {s4.vcpus} vCPUs and {s4.memory_gib} GiB of memory; "
             f"{t4.gpus} GPU on a gpu-t4, or twice the {s4.vcpus} vCPUs of a\n`standard-4`.\n"
             # several machine types, a size of neither; a GPU's memory; "e.g."
             f"\nA `highmem-8` has the {s8.vcpus} vCPUs of a `standard-8` but "
             f"{h8.memory_gib} GiB of memory. A `gpu-t4` has {t4.gpus} GPU with "
             f"{h8.memory_gib + 1} GiB of memory.\nUse a `standard-4` (e.g. for builds) with "
             f"{s4.vcpus}vCPUs and {s4.memory_gib}GiB of memory.\n"
             # a bound, a need, a change: no statement of what it has
             f"\nA `highmem-8` has up to {h8.memory_gib} GiB of memory for builds. Pick a "
             f"`highmem-8` for builds that need more than {s8.memory_gib} GiB of memory. To go "
             f"from 2 vCPUs to 8, update it to a `standard-8`.\n"
             # a part, a difference, a sum, a GPU's: not the machine's own size
             "\nThe T4 GPU in a `gpu-t4` has 16 GiB of memory of its own. A `highmem-8` has "
             "8 GiB of RAM per virtual CPU. A `standard-8` has 4 GiB of memory for each of "
             "its vCPUs. Compared with the smallest type, a `standard-4` adds 2 vCPUs and 8 "
             "GiB of memory. Three `standard-2` workstations give a team 6 vCPUs and 24 GiB "
             "of memory in all. A `standard-8` can run four test shards with 8 GiB of memory "
             "each. Unlike the `gpu-t4`, the other machine types have 0 GPUs. Resizing a "
             "`standard-2` to a `standard-4` gives it 8 GiB more memory.\n"
             # the stub's own form, and a table's row
             f"\nA common first choice, `standard-4` ({s4.vcpus} vCPUs, {s4.memory_gib} GiB), "
             "is what most teams start with.\n\n| Use | Type | Size |\n| --- | --- | --- |\n"
             "| Training | `gpu-t4` | 1 GPU, with 16 GB of GPU memory |\n"
             # another subject than the machine type; what is left; its GPU's
             "\nThe GPU in a `gpu-t4` has 16 GiB of memory. Each vCPU of a `highmem-8` has 8 "
             "GiB of memory. A `highmem-8` (8 vCPUs, 8 GiB/vCPU) suits caches. A `standard-4` "
             "with 2 GiB of memory left starts to swap. A model must fit in the 16 GiB of "
             "memory on a `gpu-t4`'s GPU. A `standard-4` plus a `standard-2` has 6 vCPUs in "
             "all.\n"
             # in words; "machine type"; "gets"; a workstation on it
             f"\nA `standard-4` has {words[s4.vcpus]} vCPUs. The `gpu-t4` machine type has "
             f"{words[t4.gpus]} GPU. A workstation on a `standard-8` gets {s8.vcpus} vCPUs. "
             f"The `standard-8` machine type has {words[s8.gpus]} GPUs. Two workstations on a "
             f"`standard-4` get {words[s4.vcpus * 2]} vCPUs between them.\n")
    _build_tiny_site(tmp_path / "right", f"# Tiny\n\n{right}")
    assert (tmp_path / "right" / "site" / "index.html").is_file()
    wrong = (f"# Tiny\n\nA `standard-4` has {s4.vcpus * 2} vCPUs and\n{s4.memory_gib + 1} GiB "
             f"of memory.\n\nAdd {t4.gpus + 1} GPUs with a `gpu-t4`.\n\nA `gpu-t4` has "
             f"{t4.memory_gib} GiB of memory and a {t4.memory_gib} GiB volume.\n\nA `gpu-t4` "
             f"has {t4.vcpus} vCPUs, {t4.gpus} GPU and {t4.memory_gib * 2} GiB of memory.\n\n"
             f"Here each `standard-4` has {s4.memory_gib * 2} GiB of memory.\n\nA `highmem-8` "
             f"has {h8.vcpus} vCPUs and {s8.memory_gib} GiB of memory, like a `standard-8`.\n"
             f"\nYou get {t4.gpus + 1} GPUs on your `gpu-t4`. The `standard-4` workstation has "
             f"{s4.vcpus * 2} vCPUs.\n"
             f"\nThe `gpu-t4` machine type has {t4.gpus + 1} GPUs. A workstation on a "
             f"`standard-4` gets {s4.vcpus * 2} vCPUs.\n\nThe smallest, `standard-2`, has "
             f"{words[s2.vcpus * 2]} vCPUs and {words[s2.gpus + 1]} GPU.\n")
    with caplog.at_level(logging.ERROR, logger="mkdocs"), \
            pytest.raises((Abort, PluginError)) as failure:
        _build_tiny_site(tmp_path / "wrong", wrong)
    told = list(dict.fromkeys("docs/index.md:" + line.partition("docs/index.md:")[2]
                              .partition(": say it with")[0] for line
                              in f"{failure.value}\n{caplog.text}".splitlines()
                              if "docs/index.md:" in line))
    def wrong(line: int, stated: str, machine: str, value: int) -> str:
        return (f"docs/index.md:{line}: '{stated}' is not what a `{machine}` has: it has "
                f"{value} (cloudws/models.py, MACHINE_SIZES); write {value}, or show every "
                "size with {{ machine_types }}")

    assert told == [
        wrong(3, f"{s4.vcpus * 2} vCPUs", "standard-4", s4.vcpus),
        wrong(4, f"{s4.memory_gib + 1} GiB of memory", "standard-4", s4.memory_gib),
        wrong(6, f"{t4.gpus + 1} GPUs", "gpu-t4", t4.gpus),
        # the volume's, beside the machine's memory: the facts check's, as any volume's
        (f"docs/index.md:8: '{t4.memory_gib} GiB' states a size by hand: no fact says it "
         "today; if it means one of these, its value or unit is wrong"),
        wrong(10, f"{t4.memory_gib * 2} GiB of memory", "gpu-t4", t4.memory_gib),
        wrong(12, f"{s4.memory_gib * 2} GiB of memory", "standard-4", s4.memory_gib),
        wrong(14, f"{s8.memory_gib} GiB of memory", "highmem-8", h8.memory_gib),
        wrong(16, f"{t4.gpus + 1} GPUs", "gpu-t4", t4.gpus),
        wrong(16, f"{s4.vcpus * 2} vCPUs", "standard-4", s4.vcpus),
        wrong(18, f"{t4.gpus + 1} GPUs", "gpu-t4", t4.gpus),
        wrong(18, f"{s4.vcpus * 2} vCPUs", "standard-4", s4.vcpus),
        wrong(20, f"{words[s2.vcpus * 2]} vCPUs", "standard-2", s2.vcpus),
        wrong(20, f"{words[s2.gpus + 1]} GPU", "standard-2", s2.gpus),
    ], told


def _listed_site(tmp_path: Path, page: str, label: str, description: str) -> Path:
    """A tiny site of one endpoint page (``page``, after its front matter), listed in the
    nav as ``label`` and in the llmstxt plugin's sections as ``description`` (YAML, as
    written in mkdocs.yml)."""
    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "docs" / "index.md").write_text(f"---\noperation: stopWorkstation\n{page}")
    (tmp_path / "mkdocs.yml").write_text(textwrap.dedent(f"""\
        site_name: tiny
        site_url: https://tiny.example.com/
        hooks:
          - {HOOKS / 'site.py'}
        markdown_extensions:
          - attr_list
        nav:
          - {label}: index.md
        plugins:
          - llmstxt:
              sections:
                Workstations:
                  - index.md: {description}
        """))
    return tmp_path / "mkdocs.yml"


@PLANTS_MISTAKES
@pytest.mark.parametrize(("page", "label", "description", "said"), [
    ("---\n\n# Halt workstation\n\nStops it.\n", "Halt workstation",
     "POST /v1/workstations/{id}/halt",
     ["docs/index.md:5: the title 'Halt workstation' is not {declared}: write that",
      "mkdocs.yml:8: the nav calls docs/index.md 'Halt workstation', not {declared}: write that",
      ("mkdocs.yml:13: llms.txt describes docs/index.md as 'POST /v1/workstations/{{id}}/halt', "
       "which does not start with its operation's request, {request}: start with it")]),
    # a title underlined, one without a space, one in the front matter; a quoted label with
    # a colon; a description on the next line
    ("---\n\nHalt workstation\n================\n", '"Halt: workstation"',
     ">-\n                      POST /v1/volumes",
     ["docs/index.md:5: the title 'Halt workstation' is not {declared}: write that",
      "mkdocs.yml:8: the nav calls docs/index.md 'Halt: workstation', not {declared}: write that",
      ("mkdocs.yml:13: llms.txt describes docs/index.md as 'POST /v1/volumes', which does not "
       "start with its operation's request, {request}: start with it")]),
    ("title: Halt workstation\n---\n\n#Halt workstation\n", "Stop workstation",
     "POST /v1/workstations/{id}/stop",
     [("docs/index.md:3: the front matter's title 'Halt workstation' is not {declared}: "
       "write that, or no title there"),
      "docs/index.md:6: the title 'Halt workstation' is not {declared}: write that"]),
    # what it takes, said in brackets: a stop takes a workstation in either state
    ("---\n\n# Stop workstation\n", "Stop workstation",
     "POST /v1/workstations/{id}/stop (running only)",
     [("mkdocs.yml:13: llms.txt describes docs/index.md as 'POST /v1/workstations/{{id}}/stop "
       "(running only)': in the sandbox it takes a workstation that is running or stopped, "
       "whatever its state: say so, or take the brackets out")]),
], ids=["atx", "setext-quoted-folded", "front-matter-no-space", "only"])
def test_an_endpoint_pages_title_nav_label_and_llms_line_say_its_declaration(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, page: str, label: str,
    description: str, said: list[str],
) -> None:
    """The summary and request of the operation, as src/cloudws/operations.py declares
    them: a title, a nav label or an llms.txt line that says otherwise is named at its
    line (the page's, or mkdocs.yml's)."""
    operation = OPERATIONS["stopWorkstation"]
    declared = f"stopWorkstation's summary in src/cloudws/operations.py, '{operation.summary}'"
    request = f"{operation.method.upper()} {operation.path}"
    config = _listed_site(tmp_path, page, label, description)
    with caplog.at_level(logging.ERROR, logger="mkdocs"), \
            pytest.raises((Abort, PluginError)) as failure:
        build(load_config(str(config), strict=True))
    problems = [line.removeprefix("ERROR    mkdocs.commands.build:build.py:359 ")
                for line in f"{failure.value}\n{caplog.text}".splitlines()
                if "index.md" in line and "Error reading page" not in line]
    assert problems == [s.format(declared=declared, request=request) for s in said], problems


@PLANTS_MISTAKES  # (not a mistake: what a failure would name is a scratch site's)
@pytest.mark.parametrize(("page", "label", "description"), [
    ("---\n\n# Stop workstation\n\nStops it.\n", "Stop workstation",
     "POST /v1/workstations/{id}/stop, running or not"),
    # an attribute list and closing hashes; a comment for writers before the title; the
    # label and the description quoted, or the latter on the next line
    (("---\n\n<!-- Writers:\n# keep the title the summary -->\n"
      "# Stop workstation { #stop } #\n"), '"Stop workstation"',
     '"POST /v1/workstations/{id}/stop"'),
    ("title: Stop workstation\n---\n\nStop workstation\n===\n", "Stop workstation",
     ">-\n                      POST /v1/workstations/{id}/stop\n                      (stopped or not)"),
], ids=["plain", "attributes-comment-quoted", "front-matter-setext-folded"])
def test_an_endpoint_page_that_says_its_declaration_builds(
        tmp_path: Path, page: str, label: str, description: str) -> None:
    build(load_config(str(_listed_site(tmp_path, page, label, description)), strict=True))
    assert (tmp_path / "site" / "index.html").is_file()


@PLANTS_MISTAKES
@pytest.mark.parametrize("case", [None, "nav", "nav-only", "llms", "guide", "twice",
                                  "nav-twice", "bare", "empty", "pattern",
                                  "pattern-described", "missing", "none-listed"])
def test_a_page_out_of_order_in_mkdocs_yml_is_named_at_its_line(
        tmp_path: Path, caplog: pytest.LogCaptureFixture, case: str | None) -> None:
    """A page's check holds it to its neighbours, at its line of mkdocs.yml: two endpoint
    pages, in the nav and in the llmstxt plugin's sections, to the declaration's order
    (``nav``: both lists swapped; ``nav-only``; ``llms``); two other pages, in the
    sections, to the nav's order (``guide``); a page listed twice in the sections
    (``twice``) or in the nav (``nav-twice``), at its second line; and one listed in the
    sections with no description (``bare``; ``empty``: a description left empty), or as a
    pattern (``pattern``, ``pattern-described``), at that line, and not as missing from
    the sections; and a page missing from them (``missing``; ``none-listed``: sections
    with no page), at its first line."""
    declared = [op for op in OPERATIONS if op in ("startWorkstation", "stopWorkstation")]
    (tmp_path / "docs").mkdir()
    pages, titles, requests = [], {}, {}
    guides = case in ("guide", "twice", "nav-twice", "bare", "empty", "pattern",
                      "pattern-described", "missing", "none-listed")
    for name in ("first", "second") if guides else ():
        pages.append(f"{name}.md")
        titles[pages[-1]] = requests[pages[-1]] = name.capitalize()
        (tmp_path / "docs" / pages[-1]).write_text(f"# {titles[pages[-1]]}\n")
    for op in () if guides else declared:
        pages.append(f"{OPERATIONS[op].summary.split()[0].lower()}.md")
        titles[pages[-1]] = OPERATIONS[op].summary
        requests[pages[-1]] = f"{OPERATIONS[op].method.upper()} {OPERATIONS[op].path}"
        (tmp_path / "docs" / pages[-1]).write_text(
            f"---\noperation: {op}\n---\n\n# {titles[pages[-1]]}\n")
    nav = {"nav": pages[::-1], "nav-only": pages[::-1],
           "nav-twice": [*pages, pages[0]]}.get(case or "", pages)
    llms = {"nav": pages[::-1], "llms": pages[::-1], "guide": pages[::-1],
            "twice": [*pages, pages[0]], "missing": pages[1:],
            "none-listed": []}.get(case or "", pages)
    bare = {"bare": pages[0], "empty": f"{pages[0]}:", "pattern": "f*.md",
            "pattern-described": "f*.md: Pages"}.get(case or "")
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: tiny\nsite_url: https://tiny.example.com/\nhooks:\n  - {HOOKS / 'site.py'}\n"
        "nav:\n" + "".join(f"  - {titles[page]}: {page}\n" for page in nav)
        + "plugins:\n  - llmstxt:\n      sections:\n        Pages:" + ("\n" if llms else " []\n")
        + "".join(f"          - {bare}\n" if bare and page == pages[0]
                  else f"          - {page}: {requests[page]}\n" for page in llms))
    config = load_config(str(tmp_path / "mkdocs.yml"), strict=True)
    if case is None:
        build(config)
        assert (tmp_path / "site" / "start" / "index.html").is_file()
        return
    with caplog.at_level(logging.ERROR, logger="mkdocs"), \
            pytest.raises((Abort, PluginError)) as failure:
        build(config)
    said = f"{failure.value}\n{caplog.text}"
    first, then = pages
    declares = (f"src/cloudws/operations.py declares {declared[0]} before {declared[1]}: "
                "list the endpoint pages in the order it declares their operations")
    follows = f"the nav lists docs/{then} after docs/{first}: list the pages in its order"
    nav_line = {page: 6 + nav.index(page) for page in pages}
    llms_line = {page: 12 + len(nav) - 2 + llms.index(page) for page in pages if page in llms}
    # MkDocs stops at the first page that fails: either one's problems are named, all of them
    expected = {page: [] for page in pages}
    for page, where, other in ((then, "before", first), (first, "after", then)):
        if case in ("nav", "nav-only"):
            expected[page].append(f"mkdocs.yml:{nav_line[page]}: the nav lists docs/{page} "
                                  f"{where} docs/{other}, but {declares}")
        if case in ("nav", "llms", "guide"):
            expected[page].append(f"mkdocs.yml:{llms_line[page]}: the llmstxt plugin lists "
                                  f"docs/{page} {where} docs/{other}, but "
                                  + (follows if case == "guide" else declares))
    if case in ("twice", "nav-twice"):
        where, name = (14, "the llmstxt plugin") if case == "twice" else (8, "the nav")
        said_once = (f"mkdocs.yml:{where}: {name} lists docs/first.md a second time: "
                     "list it once")
        expected = {first: [said_once]}
    if case in ("bare", "empty"):
        undescribed = ("mkdocs.yml:12: the llmstxt plugin lists docs/first.md with no "
                       "description, and llms.txt would show its link alone: write what a "
                       "reader finds there after it, as '- first.md: <one line>'")
        expected = {first: [undescribed]}
    if case in ("pattern", "pattern-described"):
        pattern = ("mkdocs.yml:12: the llmstxt plugin lists docs/f*.md, a pattern (and so "
                   "docs/first.md), which gives each page it stands for one description, or "
                   "none: list each page on a line of its own, as '- first.md: <what a reader "
                   "finds there>'")
        expected = {first: [pattern]}
        assert "not in the llmstxt plugin's sections" not in caplog.text
    if case == "none-listed":
        expected = {page: [(f"docs/{page}:1: not in the llmstxt plugin's sections in "
                            "mkdocs.yml: add it there, with a one-line description, so that "
                            "llms.txt lists it")] for page in pages}
    if case == "missing":
        expected = {first: [("docs/first.md:1: not in the llmstxt plugin's sections in "
                            "mkdocs.yml: add it there, before docs/second.md, with a one-line "
                            "description, so that llms.txt lists it")]}
    assert any(all(message in said for message in messages)
               and said.count("mkdocs.yml:") == len(messages)
               for messages in expected.values()), (said, expected)


@PLANTS_MISTAKES
def test_site_hooks_fill_known_placeholders_and_leave_code_alone(tmp_path: Path) -> None:
    """And leave HTML comments alone: a note to writers is no placeholder, fact or
    reference."""
    page = ("# Get volume\n\n{{ endpoint }}\n\n```text\n{{ not_a_placeholder }}\n```\n\n"
            "Write `{{ endpoint }}` on its own line.\n\n<!-- TODO: {{ facts }} here, up to\n"
            "100 items, and `418` -->\n")
    _build_tiny_site(tmp_path, page, "---\noperation: getVolume\n---\n")
    html = (tmp_path / "site" / "index.html").read_text()
    assert "GET /v1/volumes/{id} HTTP/1.1" in html
    assert "{{ not_a_placeholder }}" in html and "<code>{{ endpoint }}</code>" in html
    assert json.loads((tmp_path / "site" / "openapi.json").read_text()) == DOCUMENT


@pytest.mark.parametrize("module", ["placeholders", "schema_tables", "openapi_blocks",
                                    "griffe_docstrings", "facts", "references", "autodoc",
                                    "code_samples", "llms_markdown", "api_paths",
                                    "front_matter", "strict"])
def test_site_hook_module_docstring_examples(module: str, monkeypatch) -> None:
    monkeypatch.syspath_prepend(str(HOOKS))
    result = doctest.testmod(importlib.import_module(module),
                             optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0, result


def _site_hooks(monkeypatch: pytest.MonkeyPatch) -> Any:
    """hooks/site.py, loaded under another name: ``site`` is the standard library's."""
    monkeypatch.syspath_prepend(str(HOOKS))
    spec = importlib.util.spec_from_file_location("cloudws_docs_site_hooks", HOOKS / "site.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)  # its dataclasses look it up there
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("operation", "said", "told"), [
    ("updateWorkstation", "(stopped only)", None),
    ("updateWorkstation", "(only when stopped)", None),
    ("deleteWorkstation", "(not running only)", None),
    ("stopWorkstation", "(only once)", None),  # no state said
    ("updateWorkstation", "(Running only)", ("takes a workstation that is stopped (a running "
                                             "one gets 409 workstation_not_stopped)")),
    ("updateWorkstation", "(only running)", "takes a workstation that is stopped"),
    ("deleteWorkstation", "(not stopped only)", "takes a workstation that is stopped"),
    ("stopWorkstation", "(running only)", ("takes a workstation that is running or stopped, "
                                           "whatever its state")),
])
def test_an_llms_descriptions_states_in_brackets_are_those_its_operation_takes(
    monkeypatch: pytest.MonkeyPatch, operation: str, said: str, told: str | None,
) -> None:
    """The states said with "only" in an llms.txt description's brackets, as a state or
    as every state but one ("not running"), in any case and order, are those in which the
    operation's example succeeds on a workstation of the fixtures."""
    problem = _site_hooks(monkeypatch)._only_problem(f"POST /v1/x {said}", operation)
    if told is None:
        assert problem is None
    else:
        assert problem is not None and told in problem, problem


def test_site_hooks_docstring_examples(monkeypatch) -> None:
    result = doctest.testmod(_site_hooks(monkeypatch), optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0, result


@PLANTS_MISTAKES
def test_where_mkdocs_yml_lists_a_page_is_read_as_written_and_named_at_its_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A page's check leaves the llmstxt plugin out: its sections are read from the file. A
    page written ``./x.md`` is the page ``x.md``. Its line is the entry's, not a comment's,
    and of a page listed twice, the one whose label is meant. Keys may be written quoted:
    the nav ends at the next top-level key all the same."""
    hooks = _site_hooks(monkeypatch)
    config = tmp_path / "mkdocs.yml"
    config.write_text(textwrap.dedent("""\
        'nav':
          # workstations/stop.md goes before update
          - Stop workstation: ./workstations/stop.md
          - Shortcuts:
              - Pause a workstation: workstations/stop.md
        "plugins":
          llmstxt:
            sections:
              # workstations/stop.md: POST ...
              Workstations:
                - ./workstations/stop.md: Stops a workstation
                - workstations/start.md: Starts a workstation
        """))
    listed = hooks._listings({"nav": [{"Stop workstation": "./workstations/stop.md"},
                                      {"Shortcuts": [{"Pause a workstation":
                                                      "workstations/stop.md"}]}],
                              "plugins": {}, "config_file_path": str(config)})
    assert listed == {"workstations/stop.md": [("nav", "Stop workstation"),
                                               ("nav", "Pause a workstation"),
                                               ("llms", "Stops a workstation")],
                      "workstations/start.md": [("llms", "Starts a workstation")]}
    monkeypatch.setitem(hooks._build, "config_file", config)
    monkeypatch.setitem(hooks._build, "root", tmp_path)
    assert [hooks._config_line(kind, "workstations/stop.md", text)
            for kind, text in listed["workstations/stop.md"]] == [
        "mkdocs.yml:3", "mkdocs.yml:5", "mkdocs.yml:11"]
    assert hooks._config_line("nav", "workstations/start.md", "Start") == "mkdocs.yml"
    assert hooks._config_line("llms", "workstations/start.md", "Starts") == "mkdocs.yml:12"


def test_site_openapi_cache_key_follows_every_stub_file(tmp_path: Path, monkeypatch) -> None:
    source = importlib.import_module("cloudws.document")
    package = tmp_path / "cloudws"
    package.mkdir()
    (package / "app.py").write_text("A = 1\n")
    (package / "fixtures.json").write_text("{}\n")
    monkeypatch.setattr(source, "find_spec", lambda name: SimpleNamespace(
        submodule_search_locations=[str(package)]))
    first = source.source_key()
    (package / "fixtures.json").write_text('{"volumes": []}\n')
    second = source.source_key()
    (package / "app.py").write_text("A = 2\n")
    assert len({first, second, source.source_key()}) == 3


def test_site_openapi_cache_is_the_stubs_document(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    source = importlib.import_module("cloudws.document")
    fresh = create_app().openapi()
    assert source.load_document() == fresh  # made, and cached
    assert list(source.cache_dir().glob("openapi-*.json"))
    assert source.load_document() == fresh  # read back


# -- nothing loaded from another host ----------------------------------------------------

#: ``<link rel>`` values that make the browser fetch ``href``.
_LOADING_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "mask-icon", "manifest",
                 "preload", "modulepreload", "prefetch", "preconnect", "dns-prefetch"}
#: Elements and attributes whose URL the browser loads.
_LOADING_ATTRS = {"script": ["src"], "img": ["src", "srcset"], "source": ["src", "srcset"],
                  "iframe": ["src"], "frame": ["src"], "embed": ["src"], "audio": ["src"],
                  "video": ["src", "poster"], "track": ["src"], "object": ["data"],
                  "input": ["src"], "image": ["href", "xlink:href"], "use": ["href", "xlink:href"],
                  "feimage": ["href", "xlink:href"]}
#: Absolute URLs inside Material's JavaScript, and why each is never loaded by this site.
_THEME_JS_URLS = {
    "https://api.github.com": "repository facts, only with repo_url (checked unset below)",
    "https://unpkg.com/mermaid": "Mermaid, only for .mermaid blocks (checked absent below)",
    "https://unpkg.com/resize-observer-polyfill": "only in browsers without ResizeObserver",
    "https://clipboardjs.com": "a licence comment",
    "http://lunrjs.com": "a licence comment",
    "http://tartarus.org": "a licence comment",
    "https://bit.ly": "a comment",
}
#: Lunr's stemmers for languages other than English, loaded by the search worker only for
#: those languages (the search language is checked to be English below).
_SEARCH_LANGUAGES = "assets/javascripts/lunr/"
_URL_IN_JS = re.compile(r"""(?:https?|wss?)://[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+[^\s"'`)\\]*""")


def _remote(url: str) -> bool:
    url = url.strip()
    return url.startswith("//") or urlsplit(url).scheme in {"http", "https", "ftp", "ws", "wss"}


def _css_urls(css: str) -> Iterator[str]:
    """Every URL a stylesheet loads: ``url(...)``, ``@import "..."``, ``image-set("...")``."""

    def walk(nodes: list[Any] | None) -> Iterator[str]:
        for node in nodes or ():
            if node.type == "url":
                yield node.value
            elif node.type == "function" and node.lower_name in {"url", "image-set"}:
                yield from (t.value for t in node.arguments if t.type == "string")
            elif node.type == "at-rule" and node.lower_at_keyword == "import":
                yield from (t.value for t in node.prelude if t.type == "string")
            for child in ("prelude", "content", "arguments"):
                value = getattr(node, child, None)
                if isinstance(value, list):
                    yield from walk(value)

    yield from walk(tinycss2.parse_stylesheet(css))


def _loads_in_html(soup: BeautifulSoup) -> Iterator[str]:
    for link in soup.find_all("link", href=True):
        if _LOADING_RELS & {r.lower() for r in link.get("rel", [])}:
            yield link["href"]
    for tag, attrs in _LOADING_ATTRS.items():
        for element in soup.find_all(tag):
            for attr in attrs:
                for value in (element.get(attr) or "").split(","):
                    if value.strip():
                        yield value.strip().split()[0]
    for meta in soup.find_all("meta", attrs={"http-equiv": re.compile("refresh", re.IGNORECASE)}):
        yield meta.get("content", "").partition("url=")[2]
    for style in soup.find_all("style"):
        yield from _css_urls(style.get_text())
    for element in soup.find_all(style=True):
        yield from _css_urls(f"x{{{element['style']}}}")


def test_site_css_url_finder_sees_imports_and_urls() -> None:
    css = ('@import "https://a.example/x.css"; @import url(//b.example/y.css);'
           'p { background: url(https://c.example/i.png) } '
           '@font-face { src: url("https://d.example/f.woff2") }')
    assert {u for u in _css_urls(css) if _remote(u)} == {
        "https://a.example/x.css", "//b.example/y.css", "https://c.example/i.png",
        "https://d.example/f.woff2"}


def test_site_loads_nothing_from_another_host(built_site: Path) -> None:
    found = []
    for file in sorted(built_site.rglob("*")):
        where = file.relative_to(built_site).as_posix()
        if file.suffix == ".html":
            soup = built_page(built_site, where)
            found += [(where, url) for url in _loads_in_html(soup) if _remote(url)]
            assert not soup.select(".mermaid"), f"{where}: Mermaid loads from a CDN"
            assert not soup.select('[data-md-component="source"]'), \
                f"{where}: repository facts load from api.github.com"
            for script in soup.find_all("script", src=False):
                found += [(where, u) for u in _URL_IN_JS.findall(script.get_text())]
        elif file.suffix == ".css":
            found += [(where, url) for url in _css_urls(file.read_text()) if _remote(url)]
        elif file.suffix == ".js" and not where.startswith(_SEARCH_LANGUAGES):
            for url in _URL_IN_JS.findall(file.read_text()):
                theme = where.startswith("assets/javascripts/")
                if not (theme and any(url.startswith(k) for k in _THEME_JS_URLS)):
                    found.append((where, url))
    assert found == []


def test_site_theme_makes_no_remote_font_or_repository_requests() -> None:
    config = load_config(str(ROOT / "mkdocs.yml"))
    assert config["theme"]["font"] is False
    assert config["repo_url"] is None
    assert config["edit_uri"], "edit links are on"
    plugins = config["plugins"]
    assert not set(plugins) & {"material/privacy", "material/social", "privacy", "social"}
    assert plugins["material/search"].config["lang"] in (None, ["en"])


@PLANTS_MISTAKES
@pytest.mark.parametrize("link", ["other.md#no-such-anchor", "missing.md", "#nowhere"])
def test_site_strict_build_fails_on_broken_links_and_anchors(tmp_path: Path, link: str) -> None:
    """The project's own ``validation:`` settings turn a broken link into a failed build."""
    text = (ROOT / "mkdocs.yml").read_text()
    validation = text[text.index("\nvalidation:"):]
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(f"# Home\n\nSee [there]({link}).\n")
    (docs / "other.md").write_text("# Other\n\n## Somewhere\n")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: tiny\nnav:\n  - index.md\n  - other.md\n" + validation)
    with pytest.raises(Abort):
        build(load_config(str(tmp_path / "mkdocs.yml"), strict=True))
    (docs / "index.md").write_text("# Home\n\nSee [there](other.md#somewhere).\n")
    build(load_config(str(tmp_path / "mkdocs.yml"), strict=True))  # the same, unbroken


def test_site_pages_are_not_built_from_hooks_folder(built_site: Path) -> None:
    assert not (built_site / "hooks").exists()
    assert not list(built_site.rglob("*.py"))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__, "-q"]))


@PLANTS_MISTAKES
def test_mkdocs_serve_starts_again_after_the_stub_changed_once_it_loads(
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
        tmp_path: Path) -> None:
    """``mkdocs serve`` watches ``src/cloudws`` and rebuilds after an edit there. Its
    modules are the stub it imported first, so it starts again, as it was started (the
    same process: ``os.execv``), its site folder removed, once the stub's document is made
    from the files; a stub that does not load fails the build instead (the server waits for
    the next edit). The first build, a rebuild after an edit elsewhere, and ``mkdocs
    build`` start nothing; a process that builds twice after an edit says what to do."""
    from cloudws import document

    keys = iter(["before", "before", "before", "after"])
    with monkeypatch.context() as patched:
        patched.setattr(document, "source_key", lambda: next(keys))
        patched.setattr(document, "_FIRST_KEY", [])
        assert [document.changed_since_first_read() for _ in range(4)] == [False] * 3 + [True]

    hooks = _site_hooks(monkeypatch)
    started: list[tuple[str, list[str]]] = []
    monkeypatch.setattr(hooks.os, "execv", lambda path, args: started.append((path, args)))
    # the site built as it is now, in a new process, before: here, as it would say
    built: list[list[str]] = []
    said_by_build = subprocess.CompletedProcess([], 0, "", "")

    def build(args: list[str], **options: Any) -> subprocess.CompletedProcess[str]:
        built.append(args)
        return said_by_build

    # (the stub's document is read now: made after the next line, where the cache had
    # been removed, as another tree's run does, it would come from the build above)
    made = document.load_document()
    monkeypatch.setattr(hooks, "load_document", lambda: made)
    monkeypatch.setattr(hooks.subprocess, "run", build)
    monkeypatch.setattr(hooks.tempfile, "gettempdir", lambda: str(tmp_path))
    monkeypatch.setattr(hooks.sys, "orig_argv", ["python", "/venv/bin/mkdocs", "serve", "-a",
                                                 "127.0.0.1:8001"])
    config = load_config(str(ROOT / "mkdocs.yml"))
    site = tmp_path / "mkdocs_abc123"
    said = []
    for command, changed in (("serve", False), ("serve", False), ("serve", True),
                             ("build", True)):
        site.mkdir(exist_ok=True)
        config["site_dir"], before = str(site), len(started)
        hooks.on_startup(command=command, dirty=False)
        monkeypatch.setattr(document, "changed_since_first_read",
                            lambda changed=changed: changed)
        caplog.clear()
        with caplog.at_level(logging.INFO, logger="mkdocs.hooks.site"):
            hooks.on_config(config)
        said.append([r.getMessage() for r in caplog.records if r.name == "mkdocs.hooks.site"])
        assert site.exists() == (len(started) == before), (command, changed)
    # (os.execv does not return: here the rebuild goes on, and says what it would without it)
    assert said == [[], [], [hooks.RESTARTING, hooks.STUB_CHANGED], [hooks.STUB_CHANGED]], said
    assert started == [(sys.executable, [sys.executable, "/venv/bin/mkdocs", "serve", "-a",
                                         "127.0.0.1:8001"])]
    assert [args[:6] for args in built] == [[sys.executable, "-m", "mkdocs", "build", "--strict",
                                             "--quiet"]]
    assert "build again in a new process" in hooks.STUB_CHANGED

    # a page the edit made wrong: this build fails, with what that build said (a run
    # started again would stop at its first build), and nothing starts again
    started.clear()
    said_by_build = subprocess.CompletedProcess([], 1, "", (
        "ERROR   -  docs/workstations/delete.md:12: `409` is said for ...\n"
        "Aborted with 1 errors in strict mode!\n"))
    site.mkdir(exist_ok=True)
    monkeypatch.setattr(document, "changed_since_first_read", lambda: True)
    hooks.on_startup(command="serve", dirty=False)
    with pytest.raises(hooks.Abort) as refused:  # (mkdocs serve prints it, no traceback)
        hooks.on_config(config)
    assert str(refused.value).startswith(hooks.RESTART_REFUSED + ":\nERROR   -  docs/workstations/"
                                         "delete.md:12: `409` is said for ...")
    assert started == [] and site.exists()

    # the stub does not load: the build fails, naming why, and nothing starts again
    started.clear()
    hooks.on_startup(command="serve", dirty=False)

    def broken() -> dict[str, Any]:
        raise RuntimeError("the stub's OpenAPI document could not be made (uv run cloudws "
                           "openapi): SyntaxError: '(' was never closed")

    monkeypatch.setattr(hooks, "load_document", broken)
    with pytest.raises(hooks.Abort, match="was never closed"):  # (printed as it is)
        hooks.on_config(config)
    hooks.on_startup(command="build", dirty=False)
    with pytest.raises(RuntimeError, match="was never closed"):  # (mkdocs build: as raised)
        hooks.on_config(config)
    assert started == []
