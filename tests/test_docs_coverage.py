"""The docs cover the API and nothing else: one page per operation (a removed operation
is shown on its replacement's page), every error code on the errors page, every snippet
shown on a page. (A hand-written status note, ``- **409** — ...``, is checked by the
build, as every status named in prose is: see ``hooks/references.py``.)"""

from __future__ import annotations

import re
from collections import defaultdict

import httpx
import pytest
from bs4 import BeautifulSoup

from cloudws.errors import ERROR_CODES
from cloudws.operations import OPERATIONS
from cloudws.testing import BASE_URL

from .harness import discovery
from .harness.coverage import Coverage, Tab, documented_statuses, every_tab_set, tab_sets
from .harness.github import PLANTS_MISTAKES
from .harness.pages import ROOT, Page, display_path
from .harness.sandbox import DocsSandbox
from .helpers import document, tls

PAGES = discovery.pages()


def _expected_page(operation: str) -> str:
    """Where an operation's page lives: ``deleteVolume`` -> docs/volumes/delete.md; a
    removed operation is documented on the page of the one that replaced it."""
    replaced_by = OPERATIONS[operation].replaced_by
    if replaced_by is not None:
        return _expected_page(replaced_by)
    verb = re.match(r"[a-z]+", operation)[0]  # type: ignore[index]
    return f"docs/{OPERATIONS[operation].path.split('/')[2]}/{verb}.md"


_REMOVED = [op for op in OPERATIONS.values() if op.replaced_by is not None]


def _operation_pages() -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for page in PAGES:
        if "operation" in page.front_matter:
            found[str(page.front_matter["operation"])].append(page.where)
    return found


def test_every_operation_has_exactly_one_page():
    found = _operation_pages()
    problems = [
        f"{op} has no page: expected {_expected_page(op)} with front matter `operation: {op}`"
        for op, declared in OPERATIONS.items()
        if not found.get(op) and declared.replaced_by is None
    ] + [
        f"{op} has {len(where)} pages: {', '.join(where)}"
        for op, where in found.items() if len(where) > 1
    ] + [
        f"{op.id} was removed: show it on its replacement's page, {_expected_page(op.id)}, "
        f"not on a page of its own ({', '.join(found[op.id])})"
        for op in _REMOVED if found.get(op.id)
    ]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("operation", _REMOVED, ids=[op.id for op in _REMOVED])
def test_a_removed_operation_is_shown_on_its_replacements_page(operation):
    pages = _operation_pages().get(operation.replaced_by or "", [])
    assert pages, f"{operation.id}: its replacement {operation.replaced_by} has no page"
    page = next(p for p in PAGES if p.where == pages[0])
    shown = f"{operation.method} {operation.path}"
    assert any(shown in line for line in page.lines), (
        f"{page.where}: shows no `{shown}`, the removed {operation.id} it replaces")


def test_every_page_operation_exists():
    unknown = [f"{where}: front matter `operation: {op}` is not an operation of the API "
               f"(they are: {', '.join(OPERATIONS)})"
               for op, pages in _operation_pages().items() if op not in OPERATIONS
               for where in pages]
    assert not unknown, "\n".join(unknown)


def test_errors_page_lists_exactly_the_stubs_error_codes(built_site):
    html = (built_site / "concepts" / "errors" / "index.html").read_text("utf-8")
    soup = BeautifulSoup(html, "html.parser")
    heading = soup.find(id="every-error-code")
    assert heading is not None, "docs/concepts/errors.md: no 'Every error code' section"
    table = heading.find_next("table")
    shown = [row.find("td").find("code").get_text(strip=True) for row in table.find_all("tr")
             if row.find("td") is not None]  # each code's status is under it
    assert shown == list(ERROR_CODES), (
        "docs/concepts/errors.md: the error codes on the page are not cloudws.errors.ERROR_CODES"
        f"\n  only on the page: {sorted(set(shown) - set(ERROR_CODES))}"
        f"\n  only in the stub: {sorted(set(ERROR_CODES) - set(shown))}"
    )
    anchors = {tag["id"] for tag in soup.find_all(id=True)}
    assert set(ERROR_CODES) <= anchors, "every problem `type` links to its code's anchor"


def test_every_operation_page_shows_python_curl_and_javascript():
    missing = []
    for page in PAGES:
        if page.front_matter.get("operation") not in OPERATIONS:
            continue
        langs = {fence.lang for fence in page.fences}
        if not {"python", "bash"} <= langs and not {"python", "console"} <= langs:
            missing.append(f"{page.where}: shows no Python or no curl request")
        if not langs & {"js", "javascript"}:
            missing.append(f"{page.where}: shows no JavaScript request")
    assert not missing, "\n".join(missing)


def test_every_snippet_is_shown_on_a_page():
    included = {
        (discovery.ROOT / name).resolve()
        for page in PAGES for fence in page.fences for name in fence.includes
    }
    snippets = [p for p in sorted(discovery.SNIPPETS.rglob("*")) if p.is_file()]
    unused = [display_path(p) for p in snippets if p.resolve() not in included]
    assert snippets
    if unused:  # one line per file, at its first line: each annotated there under CI
        pytest.fail("\n".join(f'{path}:1: no page includes this example (--8<-- "{path}"): '
                              "include it on its page, or delete it" for path in unused),
                    pytrace=False)


def test_every_snippet_is_an_example():
    odd = [display_path(p) for p in discovery.SNIPPETS.rglob("*") if p.is_file() and (
        p.suffix not in {".py", ".sh", ".mjs", ".json"}
        or (p.suffix == ".json" and not p.with_suffix(".sh").exists())
    )]
    if odd:
        pytest.fail("\n".join(f"{path}:1: a file in snippets/ that is no example (a .py, a "
                              ".sh, a .mjs, or the .json output beside a .sh)" for path in odd),
                    pytrace=False)


def test_the_coverage_table_lists_the_operations_in_the_declarations_order() -> None:
    """As the nav lists their pages (the OpenAPI document groups them by path instead)."""
    rows = [line.split()[0] for line in Coverage(documented_statuses(document())).table()[2:]
            if line.split() and line.split()[0] in OPERATIONS]
    assert rows[:len(OPERATIONS)] == list(OPERATIONS)


def test_every_example_shown_in_tabs_is_a_set_of_them_and_only_those():
    """Each endpoint page's request examples are a set of tabs, a set in every language
    the page shows; a tab with another block or a second block, or another set's tab
    after other content or after ``===!`` (``===+!``), is not one of the set."""
    sets = every_tab_set()
    for page in PAGES:
        if page.front_matter.get("operation") in OPERATIONS:
            assert [tabs for tabs in sets if tabs[0].page == page.where
                    and {tab.language for tab in tabs} == {"Python", "curl", "JavaScript"}], \
                f"{page.where}: no set of tabs of one example found"
    text = ('=== "Python"\n\n    ```python\n    --8<-- "snippets/a.py"\n    ```\n\n'
            '=== "curl"\n\n    ```bash\n    --8<-- "snippets/a.sh"\n    ```\n\n'
            '=== "JavaScript"\n\n    ```js\n    --8<-- "snippets/b.mjs"\n    ```\n\n'
            '    ```js\n    --8<-- "snippets/c.mjs"\n    ```\n\n'
            '===+! "Python"\n\n    ```python\n    --8<-- "snippets/d.py"\n    ```\n\n'
            '=== "curl"\n\n    ```bash\n    --8<-- "snippets/d.sh"\n    ```\n\n'
            'Prose.\n\n=== "JavaScript"\n\n    ```js\n    --8<-- "snippets/d.mjs"\n    ```\n')
    assert [[(tab.language, tab.snippet) for tab in tabs]
            for tabs in tab_sets(Page.from_text(ROOT / "docs" / "x.md", text))] == [
        [("Python", "snippets/a.py"), ("curl", "snippets/a.sh")],
        [("Python", "snippets/d.py"), ("curl", "snippets/d.sh")]]


def _three_tabs(name: str) -> list[Tab]:
    """The Python, curl and JavaScript tabs of ``snippets/<name>.*`` on ``docs/<name>.md``,
    at lines 3, 9 and 15."""
    return [Tab(language, f"snippets/{name}.{suffix}", f"docs/{name}.md", line)
            for language, suffix, line in (("Python", "py", 3), ("curl", "sh", 9),
                                           ("JavaScript", "mjs", 15))]


@PLANTS_MISTAKES
def test_a_javascript_tab_that_does_not_make_its_python_tabs_calls_is_told():
    cov = Coverage({"deleteVolume": [200, 404], "getVolume": [404]})
    calls = {"snippets/v.py": [("DELETE", "/v1/volumes/vol-1", 200),
                               ("GET", "/v1/volumes/vol-1", 404)],
             "snippets/v.mjs:1": [("DELETE", "/v1/volumes/vol-2", 404)],
             "snippets/v.sh": [("DELETE", "/v1/volumes/vol-1", 200)]}
    for source, made in calls.items():
        for method, path, status in made:
            operation = "getVolume" if method == "GET" else "deleteVolume"
            cov.add("example", source, operation, status, (method, path))
    tabs = _three_tabs("v")
    assert cov.disagreeing_tabs([tabs]) == [("docs/v.md", 15, (
        "the JavaScript tab of this example gets 404 from DELETE /v1/volumes/vol-2, which its "
        "Python tab (line 3) never gets, and never gets 200 from DELETE /v1/volumes/vol-1 and "
        "404 from GET /v1/volumes/vol-1, which that tab gets: the tabs show one "
        "example, so a tab makes the calls the others make, with the same answers"))]
    # a tab that made no call (not run, or failed): the set is not judged
    assert cov.disagreeing_tabs([[*tabs, Tab("curl", "snippets/w.sh", "docs/v.md", 20)]]) == []


@PLANTS_MISTAKES
def test_the_tab_the_others_agree_against_is_the_one_named():
    """A Python tab changed (another ID), its curl and JavaScript tabs left as they were:
    the Python tab is named, held to the JavaScript tab the curl tab agrees with, and the
    tabs left alone are not."""
    cov = Coverage({"startWorkstation": [200, 404]})
    for source, id_, status in (("snippets/s.py", "ws-99999", 404),
                                ("snippets/s.sh", "ws-12345", 200),
                                ("snippets/s.mjs:1", "ws-12345", 200)):
        cov.add("example", source, "startWorkstation", status,
                ("POST", f"/v1/workstations/{id_}/start"))
    assert cov.disagreeing_tabs([_three_tabs("s")]) == [("docs/s.md", 3, (
        "the Python tab of this example gets 404 from POST /v1/workstations/ws-99999/start, "
        "which its JavaScript tab (line 15) never gets, and never gets 200 from POST "
        "/v1/workstations/ws-12345/start, which that tab gets: the tabs show one example, so "
        "a tab makes the calls the others make, with the same answers"))]


@PLANTS_MISTAKES
def test_the_tabs_calls_are_compared_with_their_query_in_any_order_or_encoding():
    """A call is its method, its path and its query (its parameters in any order, each
    encoded as a language sends it), as the sandbox saw it: a JavaScript tab that lists
    with another ``limit`` than its Python tab is told; a curl tab that sends the Python
    tab's parameters in another order and encoding is not."""
    cov = Coverage({"listWorkstations": [200]})
    sandbox = DocsSandbox.create(cov.record)
    sent = {"snippets/w.py": {"status": "running", "limit": 2},
            "snippets/w.sh": "?limit=2&status=%72unning",
            "snippets/w.mjs:1": {"status": "running", "limit": 3}}
    with sandbox.in_process():
        for source, query in sent.items():
            with sandbox.recorder.capture(source):
                url = f"{BASE_URL}/workstations" + (query if isinstance(query, str) else "")
                httpx.get(url, params=None if isinstance(query, str) else query,
                          headers={"Authorization": "Bearer cws_test_sandbox"}, verify=tls())
    tabs = _three_tabs("w")
    assert cov.disagreeing_tabs([tabs]) == [("docs/w.md", 15, (
        "the JavaScript tab of this example gets 200 from GET /v1/workstations?limit=3&"
        "status=running, which its Python tab (line 3) never gets, and never gets 200 from GET "
        "/v1/workstations?limit=2&status=running, which that tab gets: the tabs show one "
        "example, so a tab makes the calls the others make, with the same answers"))]


@PLANTS_MISTAKES
def test_a_tab_with_only_fewer_or_only_more_calls_or_a_second_tab_of_a_language_is_told():
    """Held to the first Python tab: a JavaScript tab that skips a call, one that makes one
    more, and a second Python tab; an example that failed gives no call, and its set is
    not judged."""
    delete = ("DELETE", "/v1/volumes/vol-1", 200)
    get = ("GET", "/v1/volumes/vol-1", 404)
    cov = Coverage({"deleteVolume": [200], "getVolume": [404]})
    for source, made in {"snippets/v.py": [delete, get], "snippets/v.mjs:1": [delete],
                         "snippets/w.py": [delete], "snippets/w.mjs:1": [delete, get],
                         "snippets/x.py": [delete], "snippets/x2.py": [get]}.items():
        for method, path, status in made:
            cov.add("example", source, "getVolume" if method == "GET" else "deleteVolume",
                    status, (method, path))
    sets = [[Tab("Python", f"snippets/{name}.py", "docs/v.md", 1),
             Tab("JavaScript", f"snippets/{name}.mjs", "docs/v.md", 2)] for name in "vw"]
    sets.append([Tab("Python", "snippets/x.py", "docs/v.md", 3),
                 Tab("Python", "snippets/x2.py", "docs/v.md", 4)])
    tail = ": the tabs show one example, so a tab makes the calls the others make, with the "\
           "same answers"
    assert cov.disagreeing_tabs(sets) == [
        ("docs/v.md", 2, "the JavaScript tab of this example never gets 404 from GET "
                         "/v1/volumes/vol-1, which its Python tab (line 1) gets" + tail),
        ("docs/v.md", 2, "the JavaScript tab of this example gets 404 from GET "
                         "/v1/volumes/vol-1, which its Python tab (line 1) never gets" + tail),
        ("docs/v.md", 4, "the Python tab of this example gets 404 from GET /v1/volumes/vol-1, "
                         "which its Python tab (line 3) never gets, and never gets 200 from "
                         "DELETE /v1/volumes/vol-1, which that tab gets" + tail)]
    failed = ["tests/test_js_examples.py::test_js_example[snippets/w.mjs]@tests/x.py",
              "docs/v.md::python[snippets/x2.py]"]
    assert [line for _, line, _ in cov.without(failed).disagreeing_tabs(sets)] == [2]

