"""``uv run pytest docs/<page>.md`` checks one page: its share of the suite, no less.

The root ``conftest.py`` collects the page (:mod:`tests.harness.page`); these tests hold
it to what the suite runs for that page, and show that its build check fails on a drift
naming the page's line.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from types import SimpleNamespace

import pytest

from bench.site import make_tree
from cloudws.document import load_document

from .harness import discovery
from .harness.forkserver import PythonForkServer
from .harness.github import PLANTS_MISTAKES
from .harness.node import js_cases
from .harness.page import js_on, refuse_what_is_not_a_page
from .harness.render import render_page, render_pages
from .helpers import HEAVY, as_printed

pytestmark = PLANTS_MISTAKES  # every test here checks what is said of mistakes it plants

ROOT = Path(__file__).resolve().parents[1]
DELETE = ROOT / "docs" / "workstations" / "delete.md"


def _shown_on(cases: list, page: str) -> set[str]:
    return {c.id for c in cases
            if c.id.startswith(f"{page}:") or any(s.startswith(f"{page}:") for s in c.shown_on)}


#: Loaded into the collecting run below: prints each item's xdist group.
_GROUPS = """
def pytest_collection_finish(session):
    for item in session.items:
        group = item.get_closest_marker("xdist_group")
        print("group", item.nodeid, group.args[0] if group else None,
              dict(item.user_properties).get("where"))
"""


@HEAVY
def test_a_page_collects_every_example_it_shows_in_every_language_and_its_build(
        tmp_path, harness_runs):
    page, reference = "docs/workstations/delete.md", "docs/reference/errors.md"
    (tmp_path / "show_groups.py").write_text(_GROUPS)
    # the reference page's two checks named as a failure's summary shows them under -n N
    named = [f"{reference}::{check}@{reference}" for check in ("page", "doctest[cloudws.errors]")]
    done = harness_runs.run_module(
        "pytest", ["--collect-only", "-q", "-p", "no:cacheprovider", "-p", "show_groups", page,
                   *named],
        env={**_clean_env(), "PYTHONPATH": str(tmp_path)}, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    # Under -n N, each page's checks run in one worker (which starts its runs once).
    shown = [line.split() for line in done.stdout.splitlines() if line.startswith("group ")]
    groups = {nodeid: group for _, nodeid, group, _ in shown}
    assert groups and all(group == nodeid.partition("::")[0]
                          for nodeid, group in groups.items()), groups
    # each check's place (its annotation's): a reference page's doctest at its ::: line
    wheres = {nodeid: where for _, nodeid, _, where in shown}
    assert wheres[f"{reference}::doctest[cloudws.errors]"] == f"{reference}:3", wheres
    items = {line.split("::", 1)[1] for line in done.stdout.splitlines()
             if line.startswith(f"{page}::")}
    # a reference page: its build, and the docstring examples it shows
    assert {line.split("::", 1)[1] for line in done.stdout.splitlines()
            if line.startswith(f"{reference}::")} == {"page", "doctest[cloudws.errors]"}
    python = _shown_on(discovery.python_cases(), page)
    curl = _shown_on(discovery.curl_cases(), page)
    javascript = _shown_on(js_cases(), page)
    assert python and curl and javascript
    expected = ({"page", "ruff", "node-check"}
                | {f"python[{c}]" for c in python} | {f"pasted-python[{c}]" for c in python}
                | {f"curl[{c}]" for c in curl} | {f"pasted-curl[{c}]" for c in curl}
                | {f"javascript[{c}]" for c in javascript}
                | {f"json[{c.id}]" for c in discovery.json_cases() if c.id.startswith(page)})
    assert items == expected


@HEAVY
def test_the_page_build_passes_and_names_the_line_of_a_drift():
    assert render_page(DELETE) == []
    text = DELETE.read_text()
    line = next(n for n, l in enumerate(text.splitlines(), 1) if "rejected with `409`" in l
                or "refused with `409`" in l)
    drifted = text.replace("refused with `409`", "refused with `418`", 1)
    _, problems = render_pages([DELETE], {DELETE: drifted})
    assert any(p.startswith(f"docs/workstations/delete.md:{line}: `418`") for p in problems), problems


@HEAVY
def test_the_page_build_names_the_line_of_a_wrong_status_note_and_of_each_broken_link():
    """A broken link, to a page or to another page's anchor, is named at its line."""
    text = DELETE.read_text()
    lines = text.splitlines()
    note = next(n for n, l in enumerate(lines, 1) if l.startswith("- **409** —"))
    links = [n for n, l in enumerate(lines, 1) if "](stop.md)" in l]
    assert len(links) >= 2
    [n_titled] = [n for n, l in enumerate(lines, 1) if "[Stop workstation](stop.md)" in l]
    drifted = text.replace("- **409** —", "- **412** —", 1)
    _, problems = render_pages([DELETE], {DELETE: drifted})
    assert any(p.startswith(f"docs/workstations/delete.md:{note}: **412**: deleteWorkstation")
               for p in problems), problems
    # a note of its Errors list: held to the page's own operation (not the old GET it shows)
    documented = {op["operationId"]: ", ".join(sorted(op["responses"], key=int))
                  for item in load_document()["paths"].values() for op in item.values()}
    assert (f"does not document status 412 (it documents {documented['deleteWorkstation']})"
            in "\n".join(problems)), problems
    for missing in ("stopp.md", "anchors.md"):  # (a name with "anchor" in it too)
        _, problems = render_pages([DELETE], {DELETE: text.replace("](stop.md)",
                                                                   f"]({missing})")})
        broken = [p for p in "\n".join(problems).splitlines() if f"'{missing}'" in p]
        assert [p.partition(": ")[0] for p in broken] == [
            f"docs/workstations/delete.md:{n}" for n in links], problems
        # the page nearest to what it names, as the link would write it; none if none is;
        # where its text is a page's title, that page
        titled = f"docs/workstations/delete.md:{n_titled}"
        assert all(p.endswith(" Its text is the title of 'stop.md'.") if p.startswith(titled)
                   else p.endswith(" Did you mean 'stop.md'?") == (missing == "stopp.md")
                   for p in broken), broken
    # an anchor of another page that it does not have: that page is built for its anchors
    _, problems = render_pages([DELETE], {DELETE: text.replace("](stop.md)",
                                                               "](stop.md#nowhere)", 1)})
    assert [p.partition(": ")[0] for p in problems if "'#nowhere'" in p] == [
        f"docs/workstations/delete.md:{links[0]}"], problems
    assert not any("nearest to it" in p for p in problems), problems  # nothing near it
    # a near miss: that page's nearest anchors are named, the nearest first (a heading's, a
    # code's row; not one inside the lifecycle diagram)
    near = text.replace("](stop.md)", "](stop.md#eror)", 1) + (
        "\nSee [it](../concepts/errors.md#workstation-not-stopped), "
        "[the diagram](../concepts/lifecycle.md#lifecycle-diagram).\n")
    _, problems = render_pages([DELETE], {DELETE: near})
    nearest = [p.partition("Its anchors nearest to it: ")[2].rstrip(".").split(", ")[0]
               for p in problems if "does not contain an anchor" in p]
    assert sorted(nearest) == ["'#errors'", "'#lifecycle'", "'#workstation_not_stopped'"], \
        problems
    # linked to from two lines (MkDocs says it once), or on the page itself: at each line,
    # once
    twice = text.replace("](stop.md)", "](stop.md#nowhere)") + "\nSee [here](#nowhere), [up](#nowhere).\n"
    _, problems = render_pages([DELETE], {DELETE: twice})
    assert [p.partition(": ")[0] for p in "\n".join(problems).splitlines() if "#nowhere'" in p] == [
        f"docs/workstations/delete.md:{n}" for n in (*links, len(twice.splitlines()))], problems
    # and a reference-style link's, at the line that defines its target (in a tab too),
    # and one in angle brackets
    for defined in (f"{text}\nSee [stop][halt].\n\n[halt]: stop.md#nowhere\n",
                    (f"{text}\n=== \"Tab\"\n\n    See [stop][halt].\n\n"
                     "    [halt]: <stop.md#nowhere>\n"),
                    f"{text}\nSee [stop](<stop.md#nowhere>).\n"):
        _, problems = render_pages([DELETE], {DELETE: defined})
        assert [p.partition(": ")[0] for p in problems if "'#nowhere'" in p] == [
            f"docs/workstations/delete.md:{len(defined.splitlines())}"], problems
    # and an anchor of a reference page: mkdocstrings builds it for its anchors
    anchored = f"{text}\nSee [the sandbox](../reference/testing.md#nowhere).\n"
    _, problems = render_pages([DELETE], {DELETE: anchored})
    assert [p.partition(": ")[0] for p in problems if "'#nowhere'" in p] == [
        f"docs/workstations/delete.md:{len(anchored.splitlines())}"], problems
    # the output of a curl snippet, not there yet: at its include's line, with what to do
    output = next(n for n, l in enumerate(lines, 1)
                  if l.strip() == '--8<-- "snippets/workstations/delete.json"')
    _, problems = render_pages([DELETE], {DELETE: text.replace(
        '--8<-- "snippets/workstations/delete.json"', '--8<-- "snippets/workstations/x.json"')})
    assert f"docs/workstations/delete.md:{output}: includes snippets/workstations/x.json, " \
           "which does not exist" in problems, problems


def test_a_link_named_after_an_endpoint_page_goes_to_that_page():
    """A link whose text is an endpoint page's title goes there: told at its line, with
    the link to write; a link with other words is read as any is."""
    text = DELETE.read_text()
    line = next(n for n, l in enumerate(text.splitlines(), 1) if "[Update workstation](" in l)
    _, problems = render_pages([DELETE], {DELETE: text.replace(
        "[Update workstation](update.md)", "[Start workstation](update.md)", 1)})
    assert (f"docs/workstations/delete.md:{line}: the link [Start workstation] says it goes "
            "to workstations/start.md (its title), but goes to workstations/update.md: link "
            "start.md, or give it other words") in problems, problems
    _, problems = render_pages([DELETE], {DELETE: text.replace(
        "[Update workstation](update.md)", "[an update](update.md)", 1)})
    assert not any("the link [" in p for p in problems), problems


def test_a_link_that_opens_with_an_endpoint_pages_verb_goes_to_a_page_that_does_it():
    """"[Stop it](start.md)": told at its line, with the page that stops; the verb in
    another form too ("[stopped]"), and a reference-style link ("[Stopping it][st]"). A
    link with other words, or to another page than an endpoint page, is read as any is."""
    text = DELETE.read_text()
    line = next(n for n, l in enumerate(text.splitlines(), 1) if "[Stop it](stop.md)" in l)
    told = ("[Stop it](start.md)", "[stopped](start.md#errors)",
            "[Stop a running workstation](start.md)", "[Creating a volume](delete.md)",
            "[Start workstation](stop.md)", "[Stopping it][st]", "[Start workstation][]")
    passed = ("[Stop it](stop.md#errors)", "[it stops](start.md)", "[Stop it](../index.md)",
              "[stopped workstations](list.md)", "[start of the list](list.md#parameters)",
              "[deleted one](get.md)", "[get the ID](list.md)",
              "[get its volumes](../volumes/list.md)", "[get it running again](start.md)",
              "[get every volume](../volumes/list.md)", "[`GET`](list.md)")
    # one build: every link on the line, each told alone, at that line (two on one line too)
    # and reference-style links, at the line of their text: [text][name], [text][]
    defined = "\n[st]: <start.md>\n[start workstation]: stop.md#errors\n"
    _, problems = render_pages([DELETE], {DELETE: text.replace(
        "[Stop it](stop.md)", " or ".join(told + passed), 1) + defined})
    said = [p for p in "\n".join(problems).splitlines() if "the link [" in p]
    stop = ('says it goes to the page that does "stop", but goes to workstations/start.md '
            "(Start workstation): link stop.md, or give it other words")
    title = ("says it goes to workstations/start.md (its title), but goes to "
             "workstations/stop.md: link start.md, or give it other words")
    assert said == [f"docs/workstations/delete.md:{line}: the link [{shown}] {says}"
                    for shown, says in (
        ("Start workstation", title), ("Start workstation", title), ("Stop it", stop), ("stopped", stop), ("Stop a running workstation", stop),
        ("Creating a volume", ('says it goes to the page that does "create", but goes to '
                              "workstations/delete.md (Delete workstation): link "
                              "../volumes/create.md, or give it other words")),
        ("Stopping it", stop))], said


def test_the_errors_notes_hold_to_the_pages_own_operation_not_the_one_it_also_shows():
    """Delete shows the old GET's 410 in the old endpoint's section; a note of its own
    Errors list is held to deleteWorkstation alone, which never answers 410."""
    text = DELETE.read_text()
    note = next(n for n, l in enumerate(text.splitlines(), 1) if l.startswith("- **409** —"))
    _, problems = render_pages([DELETE], {DELETE: text.replace(
        "- **409** —", "- **410** — deleted before.\n- **409** —", 1)})
    assert any(p.startswith(f"docs/workstations/delete.md:{note}: **410**: deleteWorkstation "
                            "does not document status 410 (it documents ") for p in problems), \
        problems
    _, problems = render_pages([DELETE])
    assert problems == [], problems  # its 410s in the old endpoint's section, as they were
    _, problems = render_pages([DELETE], {DELETE: text.replace(  # its heading with an id
        "- **409** —", "- **410** — deleted before.\n- **409** —", 1).replace(
        "## Errors\n", "## Errors { #errors }\n", 1)})
    assert any("**410**: deleteWorkstation does not document status 410" in p for p in problems), \
        problems


def test_the_home_pages_sandbox_heading_renamed_names_the_builds_note_that_links_to_it():
    """Every endpoint page links to the home page's sandbox section, in the note the build
    writes (hooks/site.py): the home page's check says what its renamed heading breaks,
    at the line of hooks/site.py to change."""
    home = ROOT / "docs" / "index.md"
    text = home.read_text()
    assert "\n## The sandbox\n" in text
    line = next(n for n, l in enumerate((ROOT / "hooks" / "site.py").read_text().splitlines(), 1)
                if l.startswith("SANDBOX_SECTION ="))
    _, problems = render_pages([home], {home: text.replace("\n## The sandbox\n",
                                                           "\n## The local sandbox\n")})
    assert (f"hooks/site.py:{line}: every endpoint page links to docs/index.md#the-sandbox (the "
            "note the build writes under its Request examples), which docs/index.md does not "
            "have: its anchors nearest to it: '#the-local-sandbox'") in "\n".join(problems), \
        problems


def test_an_endpoint_page_whose_examples_lost_their_heading_is_told():
    """The build writes its note on the sandbox under "## Request examples": a page whose
    examples stand under another heading would lose it, and is told so."""
    text = DELETE.read_text()
    _, problems = render_pages([DELETE], {DELETE: text.replace("## Request examples",
                                                               "## Examples", 1)})
    assert ("docs/workstations/delete.md: an endpoint page shows its examples under a "
            "`## Request examples` heading") in "\n".join(problems), problems
    for heading in ("## Request examples { #request-examples }", "## Request examples ##"):
        _, problems = render_pages([DELETE], {DELETE: text.replace(  # the same heading
            "## Request examples\n", heading + "\n", 1)})
        assert problems == [], (heading, problems)


def test_a_response_example_of_another_examples_output_is_named_at_its_include():
    """The Response's Example tab shows the page's own example's output: another's (the
    list's, on Get volume) passes every JSON check, and is told at its include."""
    page = ROOT / "docs" / "volumes" / "get.md"
    text = page.read_text()
    line = next(n for n, l in enumerate(text.splitlines(), 1)
                if l.strip() == '--8<-- "snippets/volumes/get.json"')
    _, problems = render_pages([page], {page: text.replace(
        '--8<-- "snippets/volumes/get.json"', '--8<-- "snippets/volumes/list.json"', 1)})
    assert (f"docs/volumes/get.md:{line}: the Response's Example tab shows "
            "snippets/volumes/list.json, which is not this page's example's output: include "
            "snippets/volumes/get.json") in "\n".join(problems), problems
    _, problems = render_pages([page], {page: text.replace(  # quoted so too
        '--8<-- "snippets/volumes/get.json"', "--8<-- 'snippets/volumes/list.json'", 1)})
    assert any("Example tab shows snippets/volumes/list.json" in p for p in problems), problems
    for own in ('"snippets/volumes/get.json"', '"./snippets/volumes/get.json"'):
        _, problems = render_pages([page], {page: text.replace(
            '"snippets/volumes/get.json"', own, 1)})
        assert not any("Example tab" in p for p in problems), problems


def test_a_heading_renamed_is_named_where_another_page_links_to_it():
    """The page's own check says what its renamed heading breaks elsewhere: each link of
    another page to the anchor it had, at that page's line, with the new anchor near it."""
    text = DELETE.read_text()
    renamed = text.replace("### The old GET delete endpoint", "### The removed GET delete endpoint")
    renamed = renamed.replace("(#the-old-get-delete-endpoint)", "(#the-removed-get-delete-endpoint)")
    assert renamed != text
    changelog = ROOT / "docs" / "changelog.md"
    linking = [n for n, line in enumerate(changelog.read_text().splitlines(), 1)
               if "delete.md#the-old-get-delete-endpoint" in line]
    assert linking, "docs/changelog.md no longer links to the old endpoint's section"
    _, problems = render_pages([DELETE], {DELETE: renamed})
    said = [p for p in problems if "'#the-old-get-delete-endpoint'" in p]
    assert [p.partition(": ")[0] for p in said] == [f"docs/changelog.md:{n}" for n in linking], \
        problems
    assert all("Its anchors nearest to it: '#the-removed-get-delete-endpoint'" in p
               and "the page checked: mend it there, or the heading here" in p for p in said), said
    _, problems = render_pages([DELETE])
    assert not any("does not contain an anchor" in p for p in problems), problems
    # what no reader follows is no link: in inline code, in a comment, in a fenced block
    from .harness.pages import Page
    from .harness.render import _TO_ANCHOR, _prose_of

    other = Page.from_text(ROOT / "docs" / "x.md", (
        "A link such as `[it](a.md#gone)`.\n<!-- [later](a.md#gone) -->\n"
        "```md\n[in a block](a.md#gone)\n```\n\n[kept](a.md#here)\n\n[def]: a.md#there\n"
        "\na span `over\ntwo lines [x](a.md#gone)` ends; [after](a.md#also)\n"))
    prose = "\n".join(_prose_of(other))
    assert [(m["anchor"] or m["at"], prose.count("\n", 0, m.start()) + 1)
            for m in _TO_ANCHOR.finditer(prose)] == [("here", 7), ("there", 9), ("also", 12)]


@HEAVY
def test_a_page_failure_is_reported_under_the_check_name_at_the_page_line_and_annotated(
        harness_runs):
    """A wrong status note on the page, and a drift of a curl command's output."""
    text = DELETE.read_text()
    note = next(n for n, l in enumerate(text.splitlines(), 1) if l.startswith("- **409** —"))
    env = _clean_env()
    with tempfile.TemporaryDirectory(prefix="cloudws-page-") as tmp:
        tree = make_tree(Path(tmp))
        (tree / "docs/workstations/delete.md").write_text(
            text.replace("- **409** —", "- **412** —", 1))
        output = tree / "snippets/workstations/delete.json"
        output.write_text(output.read_text().replace('"deleted"', '"deleting"', 1))
        drift = 1 + output.read_text().splitlines().index('  "status": "deleting",')
        (Path(tmp) / "show_builds.py").write_text(_BUILDS)
        done = harness_runs.run_module(
            "pytest", ["-q", "-p", "no:cacheprovider", "--color=no", "-p", "show_builds",
                       "docs/workstations/delete.md", "-k",
                       "page or curl[snippets/workstations/delete.sh]"],
            env={**env, "GITHUB_ACTIONS": "true", "COLUMNS": "80", "PYTHONPATH": tmp},
            cwd=tree, timeout=120)
    out = done.stdout
    assert done.returncode == 1, out + done.stderr
    assert "build delete.md started" in out, out  # its check selected: as the run began
    lines = out.splitlines()
    # Under its own name (not a dotted path of the folders above the page), the problem
    # alone, at the line of the page, and as an annotation on that line.
    failures = {line.strip("_ "): lines[n + 1] for n, line in enumerate(lines)
                if line.startswith("___")}
    assert failures["page"].startswith(
        f"docs/workstations/delete.md:{note}: **412**: deleteWorkstation"), out
    assert "Traceback" not in out and "harness/page.py" not in out, out
    assert any(line.startswith(f"::error file=docs/workstations/delete.md,line={note},")
               for line in lines), out
    # A drift of a curl command's output is the same one pasted: told in full once, and
    # pasted-curl points at it, on the same line.
    at = f"snippets/workstations/delete.json:{drift}"
    assert failures["curl[snippets/workstations/delete.sh]"].startswith(
        f"{at}: the output shown is not what the command"), out
    assert failures["pasted-curl[snippets/workstations/delete.sh]"] == (
        f"{at}: pasted with only CLOUDWS_BASE_URL and CLOUDWS_TOKEN set, it fails exactly as "
        "curl[snippets/workstations/delete.sh] does: the same fix mends both"), out
    # ... and annotated once, by curl[...]: the pasted run's line is in the log alone.
    annotations = [line for line in lines
                   if line.startswith("::error file=snippets/workstations/delete.json,")]
    assert len(annotations) == 1 and f"line={drift}," in annotations[0] and \
        "title=docs/workstations/delete.md%3A%3Acurl[" in annotations[0], out


@HEAVY
def test_a_curl_tab_that_calls_what_its_other_tabs_never_do_fails_the_run_at_its_line(harness_runs):
    """The curl tab of "delete a running workstation" deleting the stopped one instead, its
    output shown refreshed: every check of its own passes, and the tabs disagree. Told at
    the curl tab's include, and annotated there; the run fails."""
    lines = DELETE.read_text().splitlines()
    tabs = {n: l.strip() for n, l in enumerate(lines, 1) if "delete_running." in l}
    curl = next(n for n, l in tabs.items() if l.endswith('delete_running.sh"'))
    python = next(n for n, l in tabs.items() if l.endswith('delete_running.py"'))
    javascript = next(n for n, l in tabs.items() if l.endswith('delete_running.mjs"'))
    with tempfile.TemporaryDirectory(prefix="cloudws-page-") as tmp:
        tree = make_tree(Path(tmp))
        snippet = tree / "snippets/workstations/delete_running.sh"
        snippet.write_text(snippet.read_text().replace("ws-67890", "ws-12345"))
        (tree / "snippets/workstations/delete_running.json").write_text(
            (tree / "snippets/workstations/delete.json").read_text())
        done = harness_runs.run_module(
            "pytest", ["-q", "-p", "no:cacheprovider", "--color=no",
                       "docs/workstations/delete.md", "-k", "running"],
            env={**_clean_env(), "GITHUB_ACTIONS": "true", "COLUMNS": "80"}, cwd=tree,
            timeout=120)
    out = done.stdout
    # no test failed, and the last line says what did: "N passed, 1 failed run-wide in …"
    assert done.returncode == 1 and "\nFAILED docs/" not in out, out + done.stderr
    assert re.fullmatch(r"\d+ passed, \d+ deselected, 1 failed run-wide in [\d.]+s",
                        out.splitlines()[-1]), out
    said = (f"the curl tab of this example gets 200 from DELETE /v1/workstations/ws-12345, "
            f"which its Python and JavaScript tabs (lines {python}, {javascript}) never get: "
            "the tabs show one example, so a tab makes the calls the others make, with the "
            "same answers (a curl tab may show fewer of them)")
    assert f"FAILED: docs/workstations/delete.md:{curl}: {said}" in out, out
    assert (f"::error file=docs/workstations/delete.md,line={curl},title=the tabs of one "
            f"example::{said}") in out.splitlines(), out


@HEAVY
def test_without_node_the_page_checks_the_rest_and_says_why_javascript_skipped(harness_runs):
    env = _clean_env()
    with tempfile.TemporaryDirectory(prefix="cloudws-page-") as tmp:
        tree = make_tree(Path(tmp))
        with (tree / "conftest.py").open("a") as conftest:  # node_binary's skip, as without node
            conftest.write('\n\n@pytest.fixture(scope="session")\ndef node():\n'
                           '    pytest.skip("node is missing: install Node.js")\n')
        done = harness_runs.run_module(
            "pytest", ["-q", "-rA", "-p", "no:cacheprovider", "--color=no",
                       "docs/volumes/get.md"], env=env, cwd=tree, timeout=120)
    out = done.stdout + done.stderr
    assert done.returncode == 0 and "INTERNALERROR" not in out, out
    skipped = len(js_on(ROOT / "docs" / "volumes" / "get.md")) + 1  # and node-check
    assert f"SKIPPED [{skipped}] docs/volumes/get.md:1: node is missing" in out, out
    for check in ("page", "python[snippets/volumes/get.py]", "pasted-python[",
                  "curl[snippets/volumes/get.sh]"):
        assert f"PASSED docs/volumes/get.md::{check}" in out, out


#: Loaded into a page's run below: says at its end whether each page's build started.
_BUILDS = """
import sys

def pytest_sessionfinish(session):
    from tests.harness.page import _BUILDS
    for path, build in session.config.stash.get(_BUILDS, {}).items():
        print("build", path.name, "started" if build.process else "never started")
    print("the stub's app imported:", "cloudws.app" in sys.modules)
"""


@HEAVY
def test_a_page_narrowed_with_k_runs_and_counts_only_the_checks_selected(tmp_path, harness_runs):
    """``-k curl`` on a page: its ``node`` and ``python`` runs, and its build, whose tests
    are left out, do not start, so the coverage table shows no status from them. Nor does
    a build start for a folder's pages left out, or in a run that only collects; and
    collecting a page does not import the stub's app (the checks import it)."""
    (tmp_path / "show_builds.py").write_text(_BUILDS)
    done = _pytest(harness_runs, str(DELETE.relative_to(ROOT)), "-k", "curl", "-p",
                   "show_builds", env={"PYTHONPATH": str(tmp_path)})
    out = done.stdout
    assert done.returncode == 0, out + done.stderr
    assert "build delete.md never started" in out, out
    # nor where the pages are a folder's, nor when collecting is all a run does
    for args in (["docs/volumes/", "-k", "no_such_check"],
                 ["docs/workstations/delete.md", "-k", "page", "--collect-only"]):
        done = _pytest(harness_runs, *args, "-p", "show_builds",
                       env={"PYTHONPATH": str(tmp_path)})
        said = [line for line in done.stdout.splitlines() if line.startswith("build ")]
        assert said and all(line.endswith(" never started") for line in said), done.stdout
        # collecting a page reads its examples without the checks' imports (the stub's app)
        assert "the stub's app imported: False" in done.stdout, done.stdout
    curl = _shown_on(discovery.curl_cases(), "docs/workstations/delete.md")
    assert f"{2 * len(curl)} passed" in out, out  # curl[…] and pasted-curl[…]
    by_language = next(line for line in out.splitlines() if "by language:" in line)
    assert re.search(r": Python 0, curl [1-9]\d*, JavaScript 0$", by_language), by_language
    # what a table of mostly ✗ means is said before it
    table = out[out.index("documented statuses produced by the docs"):].splitlines()
    assert table[1].startswith("(part of the suite ran: the 100% rule is not applied; a ✗ "
                               "is a status this run did not produce"), out


def _clean_env() -> dict[str, str]:
    """This environment without what changes what pytest prints (options, colours, the
    terminal's width, CI)."""
    return {k: v for k, v in as_printed().items()
            if k not in ("CI", "GITHUB_ACTIONS")
            and not k.startswith("PYTEST_XDIST")}


def _pytest(runs: PythonForkServer, *args: str,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m pytest -q … args`` in the project, as a writer runs it (``runs``: the
    ``harness_runs`` fixture)."""
    return runs.run_module("pytest", ["-q", "-p", "no:cacheprovider", "--color=no", *args],
                           env={**_clean_env(), **(env or {})}, cwd=ROOT, timeout=120)


def test_an_example_given_instead_of_its_page_is_refused_naming_the_page_to_check(harness_runs):
    """A ``.py`` snippet named on the command line would be imported for its doctests:
    the example run with no sandbox, against what the environment names. It is refused
    before anything is collected, with the command that checks it."""
    done = _pytest(harness_runs, "snippets/workstations/delete.py",
                   env={"CLOUDWS_BASE_URL": "http://127.0.0.1:9/v1", "CLOUDWS_TOKEN": "t"})
    assert done.returncode == 4, done.stdout + done.stderr
    assert done.stderr.rstrip().splitlines() == [
        ("ERROR: snippets/workstations/delete.py is an example, not a page: pytest checks "
         "it on the page that shows it:"),
        '  uv run pytest docs/workstations/delete.md -k "snippets/workstations/delete.py or ruff"',
    ], done.stderr


def _refusal(*args: str) -> str:
    """What :func:`refuse_what_is_not_a_page` says of the command line ``args``."""
    config = SimpleNamespace(args=list(args), invocation_params=SimpleNamespace(dir=ROOT))
    with pytest.raises(pytest.UsageError) as refused:
        refuse_what_is_not_a_page(config)  # type: ignore[arg-type]
    return str(refused.value)


def test_a_file_of_docs_that_is_not_a_page_is_refused_naming_the_page_that_includes_it():
    """The lifecycle diagram, edited, is checked with the page that includes it (whose
    check sends its arrows to the sandbox); a file no page includes, with the suite."""
    assert _refusal("docs/concepts/lifecycle.svg").splitlines() == [
        ("docs/concepts/lifecycle.svg is not a page: pytest checks it with the page that "
        "includes it:"), "  uv run pytest docs/concepts/lifecycle.md"]
    assert _refusal("docs/stylesheets/theme.css") == (
        "docs/stylesheets/theme.css is not a page of docs/, and no page includes it "
        "(--8<--): give pytest a page (uv run pytest docs/<page>.md), or run the whole "
        "suite (uv run pytest)")


def test_what_is_not_a_page_is_refused_with_what_to_check_instead():
    # an output shown on two pages: both named, and their whole checks (no -k)
    pages = sorted({where.rpartition(":")[0] for where in
                    discovery.pages_showing(ROOT / "snippets/workstations/get.json")})
    assert len(pages) > 1
    refused = _refusal("snippets/workstations/get.json").splitlines()
    assert refused[0].startswith("snippets/workstations/get.json is the output of an "
                                 "example, not a page"), refused
    assert refused[1:] == [f"  uv run pytest {page}" for page in pages]
    # a JavaScript example: its checks, and the page's node-check
    assert _refusal("snippets/workstations/delete.mjs").endswith(
        '-k "snippets/workstations/delete.mjs or node-check"')
    assert _refusal("snippets").startswith("snippets/ holds the examples the pages include")
    assert _refusal("README.md").startswith(
        "README.md is not a page of docs/ (the README's example and commands: uv run pytest "
        "tests/test_readme.py): give pytest a page (uv run pytest docs/<page>.md)")
    # a page that is not there: the likeliest one
    assert _refusal("docs/volumes/gte.md") == (
        "docs/volumes/gte.md is not there: did you mean docs/volumes/get.md?")
    assert _refusal("docs/volumes/get") == (  # a page without its .md
        "docs/volumes/get is not there: did you mean docs/volumes/get.md?")
    # a page, a test module, a file that is not there (pytest says so): no refusal
    passing = SimpleNamespace(args=["docs/workstations/delete.md::page", "tests/test_page.py",
                                    "snippets/nope.py"],
                              invocation_params=SimpleNamespace(dir=ROOT))
    refuse_what_is_not_a_page(passing)  # type: ignore[arg-type]


@HEAVY
def test_a_python_syntax_error_is_named_at_its_line_by_each_check_and_annotated(harness_runs):
    """Each check names the line that does not parse, as the writer sees it: in process
    (no frames of pytest's loader), in ruff (an error at the end of the file), and pasted
    (at the same line, pointing at the in-process failure, which says why; what pasted
    prints alone is in tests/test_pasted.py).

    And on the quickstart, whose blocks continue each other: the in-process run stops at
    a drift in a middle block; pasted, the example goes on and fails further, which is
    told in full (what fixing the drift alone would meet next). And a JavaScript line that
    does not parse: told by node-check, and by javascript[...] in one line at it."""
    snippet = ROOT / "snippets" / "workstations" / "delete.py"
    lines = snippet.read_text().splitlines(keepends=True)
    number = next(n for n, line in enumerate(lines, 1) if line.startswith("result = r.json()"))
    lines[number - 1] = "result = r.json(\n"
    quickstart = (ROOT / "docs" / "quickstart.md").read_text()
    step = 'r = client.post(f"/workstations/{ws_id}/stop")'  # a middle block: stop -> start
    stopped = next(n for n, line in enumerate(quickstart.splitlines(), 1)
                   if line.strip() == "#> 200 stopped")
    deleted = next(n for n, line in enumerate(quickstart.splitlines(), 1)
                   if '["deleted_volume_ids"]' in line)
    script = (ROOT / "snippets" / "workstations" / "delete.mjs").read_text()
    parse = 1 + script.splitlines().index("const result = await r.json();")
    with tempfile.TemporaryDirectory(prefix="cloudws-page-") as tmp:
        tree = make_tree(Path(tmp))
        (tree / "snippets/workstations/delete.py").write_text("".join(lines))
        (tree / "snippets/workstations/delete.mjs").write_text(
            script.replace("const result = await r.json();", "const result = await r.json(;"))
        (tree / "docs/quickstart.md").write_text(
            quickstart.replace(step, step.replace("/stop", "/start"), 1))
        done = harness_runs.run_module(
            "pytest", ["-q", "-p", "no:cacheprovider", "--color=no",
                       str(DELETE.relative_to(ROOT)), "docs/quickstart.md", "-k",
                       ("snippets/workstations/delete.py or ruff or (python and shared) or "
                        "snippets/workstations/delete.mjs or node-check")],
            env={**_clean_env(), "GITHUB_ACTIONS": "true"}, cwd=tree, timeout=120)
    out = done.stdout
    shared = next(line.strip("_ ") for line in out.splitlines()
                  if line.startswith("___") and "pasted-python[docs/quickstart.md" in line)
    told = out[out.index(shared):]
    assert told.split("\n", 2)[1] == (
        f"docs/quickstart.md:{deleted}: pasted into a python session line by line (as the "
        "quickstart has readers paste its blocks) with only CLOUDWS_BASE_URL and "
        "CLOUDWS_TOKEN set, the example fails there:"), told
    assert "KeyError: 'deleted_volume_ids'" in told and "answered 409 workstation_not_stopped (" in told, told
    assert (f"(python[{shared.partition('[')[2]} stops at its first failure, "
            f"docs/quickstart.md:{stopped}; pasted, the example goes on, and the above is what "
            "it meets)") in told, told
    assert done.returncode == 1, out + done.stderr
    place = f"snippets/workstations/delete.py:{number}"
    assert (f"{place}: the example is not valid Python: '(' was never closed" in out), out
    assert (f"{place}: pasted into a python session with only CLOUDWS_BASE_URL and "
            "CLOUDWS_TOKEN set, it fails too (python[snippets/workstations/delete.py] fails there first, saying "
            "why: fix that, then check again)\n") in out, out
    assert 'File "<string>"' not in out and "rewrite.py" not in out, out
    assert "ruff finds problems in the examples:\nsnippets/workstations/delete.py:" in out, out
    assert "IndexError" not in out and "def test()" not in out, out
    assert f"::error file=snippets/workstations/delete.py,line={number}," in out, out
    at = f"snippets/workstations/delete.mjs:{parse}"
    assert f"{at}: node --check: SyntaxError: Unexpected token ';'" in out, out
    assert (f"{at}: run as pasted, it fails too (node-check names this line, which does "
            "not parse: fix that, then check again)\n") in out, out


@HEAVY
def test_an_include_that_is_not_there_is_named_at_its_line_alone_and_annotated(harness_runs):
    text = DELETE.read_text()
    name = "snippets/workstations/delete_running.json"
    number = next(n for n, line in enumerate(text.splitlines(), 1)
                  if f'--8<-- "{name}"' in line)
    with tempfile.TemporaryDirectory(prefix="cloudws-page-") as tmp:
        tree = make_tree(Path(tmp))
        (tree / "docs/workstations/delete.md").write_text(
            text.replace(f'--8<-- "{name}"', '--8<-- "snippets/workstations/nope.json"'))
        done = harness_runs.run_module(
            "pytest", ["-q", "-p", "no:cacheprovider", "--color=no",
                       str(DELETE.relative_to(ROOT))],
            env={**_clean_env(), "GITHUB_ACTIONS": "true"}, cwd=tree, timeout=120)
    out = done.stdout
    assert done.returncode != 0, out + done.stderr
    message = (f"docs/workstations/delete.md:{number}: includes "
               "snippets/workstations/nope.json, which does not exist")
    assert f"\n{message}\n" in out, out  # the message alone: no traceback
    assert "Traceback" not in out and "FileNotFoundError" not in out, out
    assert f"::error file=docs/workstations/delete.md,line={number}," in out, out


@pytest.mark.parametrize(("front", "line", "said"), [
    ("operation: [stopWorkstation\n", 2,
     "while parsing a flow sequence; expected ',' or ']', but got '<stream end>'"),
    ("title: Stop\noperation: stopWorkstation: now\n", 3,
     "mapping values are not allowed here"),
    # where what it could not end began, not where YAML gave up (the end)
    ('title: "Stop\noperation: stopWorkstation\nsummary: x\n', 2,
     "while scanning a quoted scalar; found unexpected end of stream"),
    ("operation: [stopWorkstation\ntitle: Stop\n", 2,
     "while parsing a flow sequence; expected ',' or ']', but got ':'"),
    ("title: Stop\nsummary: Stop\x07now\n", 3,  # a character YAML refuses, before parsing
     "unacceptable character #x0007: special characters are not allowed"),
], ids=["unclosed-list", "second-line", "unclosed-quote", "unclosed-list-then-more",
        "a-control-character"])
def test_a_front_matter_that_is_not_yaml_is_named_at_its_line_alone(request, tmp_path, front,
                                                                    line, said):
    """What the page's check collects from: told at the page's line where YAML stopped,
    with YAML's words and no traceback (collected as an include that is not there is)."""
    from tests.harness.page import PageFile

    page = tmp_path / "stop.md"
    page.write_text(f"---\n{front}---\n\n# Stop workstation\n")
    with pytest.raises(pytest.Collector.CollectError) as failure:
        list(PageFile.from_parent(request.session, path=page).collect())
    assert str(failure.value) == (f"{page}:{line}: the front matter is not YAML: {said}")


@pytest.mark.parametrize(("front", "said"), [
    ("title: Start\nexmaples: shared\n", [("3: front matter: `exmaples:` is no key the site "
                                          "reads; did you mean `examples:`? (it reads "
                                          "operation, examples)")]),
    ("operation: startWorkstation\nexamples: all\n",
     ["3: front matter: `examples: all`: it takes shared"]),
    ("", None),  # an empty front matter is none
], ids=["misspelled", "a-value-it-does-not-take", "empty"])
def test_a_front_matter_key_the_site_would_not_read_stops_the_page_at_its_line(
        request, tmp_path, front, said):
    """Told as the build tells it, before any of the page's checks runs (which would
    fail first, for the key they read as none)."""
    from tests.harness.page import PageFile

    page = tmp_path / "start.md"
    page.write_text(f"---\n{front}---\n\n# Start workstation\n")
    if said is None:  # collected: its page check among its items
        items = list(PageFile.from_parent(request.session, path=page).collect())
        assert "page" in [item.name for item in items], items
        return
    with pytest.raises(pytest.Collector.CollectError) as failure:
        list(PageFile.from_parent(request.session, path=page).collect())
    assert str(failure.value).split("\n") == [f"{page}:{line}" for line in said]


@HEAVY
def test_a_new_page_missing_from_the_nav_or_from_llms_txt_is_named_at_its_first_line(
        harness_runs):
    """The page check says what the site build and llms.txt's test would: a page not in
    mkdocs.yml's nav, then one in the nav but not in the llmstxt plugin's sections; an
    endpoint page, how the nav lists one."""
    def problems(tree: Path, page: str = "docs/concepts/states.md") -> list[str]:
        done = harness_runs.run_module("tests.harness.render", [page], env=dict(os.environ),
                                       cwd=tree, timeout=120)
        assert done.returncode == 0, done.stderr
        said = json.loads(done.stdout)
        listed = page.removeprefix("docs/")
        assert not any(listed in p and not p.startswith(page)
                       for p in said), said  # MkDocs' own listing of it: said once
        return [p for p in said if p.startswith(page)]

    with tempfile.TemporaryDirectory(prefix="cloudws-page-") as tmp:
        tree = make_tree(Path(tmp))
        (tree / "docs/concepts/states.md").write_text("# States\n\nA page of prose.\n")
        assert problems(tree) == [
            ("docs/concepts/states.md:1: not in mkdocs.yml's nav: add it there, and with a "
             "one-line description to the llmstxt plugin's sections")]
        config = tree / "mkdocs.yml"
        config.write_text(config.read_text().replace(
            "      - Pagination: concepts/pagination.md\n",
            "      - Pagination: concepts/pagination.md\n      - States: concepts/states.md\n"))
        assert problems(tree) == [
            ("docs/concepts/states.md:1: not in the llmstxt plugin's sections in mkdocs.yml: "
             "add it there, after docs/concepts/pagination.md, with a one-line description, "
             "so that llms.txt lists it")]
        config.write_text(config.read_text().replace(
            "      - Start workstation: workstations/start.md\n", ""))
        # still in the llmstxt plugin's sections: the nav alone is named
        assert problems(tree, "docs/workstations/start.md") == [
            ("docs/workstations/start.md:1: not in mkdocs.yml's nav: add it there (the llmstxt "
             "plugin's sections list it already): as an endpoint page, labelled with its "
             "operation's summary, 'Start workstation', after docs/workstations/get.md (the "
             "order src/cloudws/operations.py declares them in)")]
        config.write_text(re.sub(r"\n *- workstations/start\.md:[^\n]*(\n +[^-\s][^\n]*)*", "",
                                 config.read_text(), count=1))
        assert problems(tree, "docs/workstations/start.md") == [
            ("docs/workstations/start.md:1: not in mkdocs.yml's nav: add it there, and with a "
             "one-line description to the llmstxt plugin's sections: as an endpoint page, "
             "labelled with its operation's summary, 'Start workstation', after "
             "docs/workstations/get.md (the order src/cloudws/operations.py declares them in), "
             "and described in the llmstxt plugin's sections starting with its request, POST "
             "/v1/workstations/{id}/start")]
        # back in the nav alone: where to list it in the sections, and how to describe it
        config.write_text(config.read_text().replace(
            "      - Get workstation: workstations/get.md\n",
            "      - Get workstation: workstations/get.md\n"
            "      - Start workstation: workstations/start.md\n"))
        assert problems(tree, "docs/workstations/start.md") == [
            ("docs/workstations/start.md:1: not in the llmstxt plugin's sections in mkdocs.yml: "
             "add it there, after docs/workstations/get.md, with a one-line description "
             "starting with its request, POST /v1/workstations/{id}/start, so that llms.txt "
             "lists it")]
        # the first of its section: beside the next of its own, not the last of another's
        config.write_text(re.sub(r"\n *- volumes/create\.md:[^\n]*", "", config.read_text(),
                                 count=1))
        assert problems(tree, "docs/volumes/create.md") == [
            ("docs/volumes/create.md:1: not in the llmstxt plugin's sections in mkdocs.yml: "
             "add it there, before docs/volumes/list.md, with a one-line description starting "
             "with its request, POST /v1/volumes, so that llms.txt lists it")]


def test_a_reference_page_runs_the_docstring_examples_it_shows(tmp_path, request,
                                                               monkeypatch):
    """A reference page shows a module's docstrings (``::: cloudws.errors``): its check
    runs their examples, as the suite's --doctest-modules does."""
    from tests.harness.page import _doctests

    (tmp_path / "shown_module.py").write_text(
        'def f():\n    """Example:\n\n    >>> 1 + 1\n    3\n    """\n')
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(pytest.fail.Exception) as failure:
        _doctests("shown_module", "docs/reference/x.md:3")(request)
    message = failure.value.msg or ""
    # at the page's ::: line (an annotation there), with what to do
    assert message.startswith(
        "docs/reference/x.md:3: 1 docstring example(s) of shown_module, whose reference the "
        "page shows, fail: fix them in src/shown_module.py by hand (--update-examples does "
        "not rewrite docstrings; run alone: uv run pytest src/shown_module.py):"), message
    assert "Expected:\n    3\nGot:\n    2" in message, message


def test_pages_checked_under_n_workers_show_the_table_of_their_operations():
    """Under ``-n N`` each worker collects the pages named, and with them the operations
    the coverage table is narrowed to: the controller, which prints it, gets them from
    the workers (else it listed every operation of the API)."""
    from .harness.plugin import DocsPlugin

    worker = DocsPlugin(SimpleNamespace(
        workerinput={}, workeroutput={},
        getoption=lambda name, default=None: default))  # type: ignore[arg-type]
    worker.focus = {"deleteWorkstation"}
    worker.pytest_sessionfinish(SimpleNamespace())  # type: ignore[arg-type]
    controller = DocsPlugin(SimpleNamespace())  # type: ignore[arg-type]
    controller.pytest_testnodedown(SimpleNamespace(workeroutput=worker.config.workeroutput),
                                   None)
    assert controller.focus == {"deleteWorkstation"}


def test_a_curl_command_stopped_is_not_pasted_again_to_wait_as_long():
    """curl[...] stopped a command after its minute (told after a drift of another of its
    commands): pasted-curl[...] does not run it again, another minute, and says so at the
    line curl[...] names."""
    from .harness.checks import ExampleError, ran_too_long
    from .harness.page import _pasted_curl

    case = next(c for c in discovery.curl_cases() if c.id == "snippets/workstations/delete.sh")
    stopped = ran_too_long("snippets/workstations/delete.sh:2", "the command", 60, [])
    failed = {f"curl[{case.id}]": f"snippets/workstations/delete.json:3: a drift\n{stopped}"}
    with pytest.raises(ExampleError) as failure:  # no sandbox to run it in: not run
        _pasted_curl(case, failed)(None, None, None, None)
    assert failure.value.msg == (
        "snippets/workstations/delete.sh:2: not pasted: curl[snippets/workstations/delete.sh] "
        "ran the same command, which had not ended after 60 s; once it ends, this runs it "
        "as pasted")


def test_every_include_not_there_is_named_at_once(tmp_path):
    """A new page whose examples are not written yet: each missing include at its line,
    in page order, in one run (not one per run, language by language)."""
    from .harness.pages import Page

    page = tmp_path / "docs" / "new.md"
    page.parent.mkdir()
    page.write_text('# New\n\n```js\n--8<-- "snippets/new.mjs"\n```\n\n'
                    '```python\n--8<-- "snippets/new.py"\n```\n')
    assert discovery.include_problems(Page.read(page), tmp_path / "snippets") == [
        f"{page}:4: includes snippets/new.mjs, which does not exist",
        f"{page}:8: includes snippets/new.py, which does not exist"]
    # a name misspelt: with the file of its folder it likely means
    (tmp_path / "snippets").mkdir()
    (tmp_path / "snippets" / "new.py").write_text("print(1)\n")
    page.write_text(page.read_text().replace("snippets/new.py", "snippets/nwe.py"))
    assert discovery.include_problems(Page.read(page), tmp_path / "snippets") == [
        # new.py is there: new.mjs is not written yet, not misspelt (nor meant as new.py)
        f"{page}:4: includes snippets/new.mjs, which does not exist",
        (f"{page}:8: includes snippets/nwe.py, which does not exist: did you mean "
         "snippets/new.py?")]


def test_a_command_shown_with_another_commands_output_is_named(tmp_path):
    """An include of ``a.sh`` where ``b.sh`` was, its output still ``b.json``: a refresh
    would write ``a.sh``'s output into ``b.json``, which ``b.sh``'s check would refresh
    back, for ever. It is named with the includes not there, which the page check tells
    before it collects anything (so nothing runs, and a refresh cannot write)."""
    from .harness.pages import Page

    snippets = tmp_path / "snippets" / "cmp"
    snippets.mkdir(parents=True)
    for name in ("a.sh", "a.json", "b.sh", "b.json"):
        (snippets / name).write_text("{}\n" if name.endswith(".json") else "curl x\n")
    page = tmp_path / "docs" / "new.md"
    page.parent.mkdir()
    page.write_text('# New\n\n```bash\n--8<-- "snippets/cmp/a.sh"\n```\n\n'
                    '```json\n--8<-- "snippets/cmp/b.json"\n```\n\n'
                    '```bash\n--8<-- "snippets/cmp/b.sh"\n```\n\n'
                    '```json\n--8<-- "snippets/cmp/b.json"\n```\n')
    assert discovery.include_problems(Page.read(page), tmp_path / "snippets") == [
        (f"{page}:4: shows snippets/cmp/a.sh, then (at line 8) snippets/cmp/b.json, which is "
         f"the output of {snippets / 'b.sh'}: include snippets/cmp/a.json at line 8, or "
         f"{snippets / 'b.sh'} here")]
    # an output renamed (the include with it): the command's output is its own .json
    (snippets / "a_409.json").write_text("{}\n")
    page.write_text('# New\n\n```bash\n--8<-- "snippets/cmp/a.sh"\n```\n\n'
                    '```json\n--8<-- "snippets/cmp/a_409.json"\n```\n')
    assert discovery.include_problems(Page.read(page), tmp_path / "snippets") == [
        (f"{page}:4: shows snippets/cmp/a.sh, then (at line 8) snippets/cmp/a_409.json; a "
         "command's output is the .json of its name, snippets/cmp/a.json: rename "
         "snippets/cmp/a_409.json to it, or the command to snippets/cmp/a_409.sh")]
    page.write_text(page.read_text().replace("a_409.json", "a.json"))
    assert discovery.include_problems(Page.read(page), tmp_path / "snippets") == []
    page.write_text('# New\n\n```bash\n--8<-- "snippets/cmp/a.sh"\n```\n\n'
                    '```json\n--8<-- "snippets/cmp/b.json"\n```\n')
    # a command misspelt (not there) is named as such alone: no output of its to include
    page.write_text(page.read_text().replace("cmp/a.sh", "cmp/bb.sh", 1))
    assert discovery.include_problems(Page.read(page), tmp_path / "snippets") == [
        (f"{page}:4: includes snippets/cmp/bb.sh, which does not exist: did you mean "
         "snippets/cmp/b.sh?")]


def test_a_build_that_fails_says_first_what_it_said_last(pytestconfig):
    """A page's build that fails (the stub cannot be imported, say) is one failure of the
    page's check that opens with the build's last words, not a traceback of the harness's
    own; what the build printed follows."""
    from .harness.page import _Build

    build = _Build(pytestconfig, ROOT / "docs" / "workstations" / "stop.md", now=False)
    said = "RuntimeError: src/cloudws/app.py: restartWorkstation has no handler"
    build.process = subprocess.Popen(
        [sys.executable, "-c",
         f"import sys; sys.stderr.write('Traceback ...\\n{said}\\n\\n'); sys.exit(1)"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    with pytest.raises(pytest.fail.Exception) as failure:
        build.check()
    first, _, rest = failure.value.msg.partition("\n")
    assert first == f"building docs/workstations/stop.md failed: {said}"
    assert rest == f"\nwhat the build printed:\nTraceback ...\n{said}\n\n"
    assert not failure.value.pytrace
