"""Every JavaScript example of the docs runs verbatim with ``node`` against the stub.

Each ``snippets/**/*.mjs`` file runs as ``node snippets/x.mjs``, each ```` ```js ```` block
of a page on the standard input of ``node --input-type=module``, against the docs sandbox
served over plain HTTP on loopback, with only ``CLOUDWS_BASE_URL`` and ``CLOUDWS_TOKEN``
set (see :mod:`tests.harness.node`). What it prints must be what its ``//>`` lines say,
every request it makes a documented answer of an operation, every JSON object it prints
valid against the schema of a response it got. Then it is pasted into a ``node`` session
line by line, as readers paste it, where no statement may fail and none may have its
value echoed among the output.

Test ids name the snippet (``snippets/x.mjs``) or the page block (``docs/page.md:12``).
Without ``node`` these tests skip, saying why; with ``CI`` set they fail.
"""

from __future__ import annotations

import pytest

from .harness import discovery
from .harness.github import REPEATS_A_CHECK
from .harness.node import check_js_examples, js_cases, run_js_case
from .harness.pages import display_path

JS = js_cases()


def _group(case) -> pytest.MarkDecorator:
    # Under `--dist loadgroup`, a file's rewrites happen in the worker that runs its
    # examples (a page's JavaScript blocks with its Python blocks).
    return pytest.mark.xdist_group(display_path(case.examples[0].path))


@REPEATS_A_CHECK  # at a line node --check names, which test_js_examples_pass_node_check says
@pytest.mark.parametrize("case", [pytest.param(c, id=c.id, marks=_group(c)) for c in JS])
def test_js_example(case, request, node, reader_sandbox, docs_sandbox, api_schemas,
                    _examples_to_update):
    updating = request.config.getoption("update_examples")
    run_js_case(case, node, reader_sandbox, docs_sandbox, api_schemas,
                updates=_examples_to_update if updating else None)


def test_js_examples_pass_node_check(node):
    findings = check_js_examples(JS, node)
    if findings:
        pytest.fail("the JavaScript examples have problems:\n" + "\n".join(findings),
                    pytrace=False)


def test_every_snippet_module_is_a_case():
    modules = {discovery.display_path(p) for p in discovery.SNIPPETS.rglob("*.mjs")}
    assert modules and modules <= {case.id for case in JS}


def test_every_python_and_curl_example_has_a_javascript_one():
    """A snippet shown in Python and curl is shown in JavaScript too, beside them."""
    missing = []
    for script in sorted(discovery.SNIPPETS.rglob("*.sh")):
        python = script.with_suffix(".py")
        if python.exists() and not script.with_suffix(".mjs").exists():
            missing.append(discovery.display_path(script.with_suffix(".mjs")))
    assert not missing, "examples in Python and curl with no JavaScript:\n" + "\n".join(missing)


def test_every_python_and_curl_tab_set_has_a_javascript_tab():
    """In a tab set with Python and curl, JavaScript comes third: the labels link the
    reader's choice across pages (Material's content.tabs.link)."""
    problems = []
    for page in discovery.pages():
        for line, labels in _tab_sets(page.lines):
            if {"Python", "curl"} <= set(labels) and labels[-1] != "JavaScript":
                problems.append(f"{page.where}:{line}: tabs {labels}: add a JavaScript tab "
                                "last")
    assert not problems, "\n".join(problems)


def _tab_sets(lines: list[str]) -> list[tuple[int, list[str]]]:
    """(first line, labels) of each set of consecutive ``=== "Label"`` tabs."""
    import re

    tab = re.compile(r'^(?P<indent> *)=== "(?P<label>[^"]+)"\s*$')
    sets: list[tuple[int, list[str]]] = []
    current: tuple[str, list[str]] | None = None
    for number, line in enumerate(lines, start=1):
        match = tab.match(line)
        if match and current is not None and match["indent"] == current[0]:
            current[1].append(match["label"])
        elif match:
            current = (match["indent"], [match["label"]])
            sets.append((number, current[1]))
        elif current is not None and line.strip() and not line.startswith(current[0] + "    "):
            current = None
    return sets
