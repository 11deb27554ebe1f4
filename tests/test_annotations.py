"""Under GitHub Actions, a failing example is annotated on its page's line, and each
problem of a failed build on its own."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

# Imported before pytester's in-process runs, which take out of sys.modules afterwards
# every module first imported during them: the stub's app (and FastAPI with it) first
# imported there was imported again by the next test of the process that needed it, and
# that app answered 404 to every request (tests/test_cursors.py failed after this file,
# though both pass alone).
import cloudws.app  # noqa: F401

from .harness.github import PLANTS_MISTAKES, place_of, workflow_command

pytestmark = PLANTS_MISTAKES  # every test here checks what is said of mistakes it plants

pytest_plugins = ["pytester"]

_FAILING = '''
import pytest

from tests.harness.checks import ExampleError

def test_build_with_two_problems():
    pytest.fail("mkdocs build --strict failed (1):\\n"
                "WARNING -  docs/workstations/delete.md:16: Doc file 'workstations/delete.md' "
                "contains a link 'stopp.md', but ...\\n"
                "docs/workstations/delete.md:205: `412`: deleteWorkstation does not document "
                "status 412\\n"
                "mkdocs.yml:23: the nav calls docs/workstations/stop.md 'Halt workstation', "
                "not its summary", pytrace=False)

def test_drifted_example():
    raise ExampleError(
        "docs/workstations/delete.md:131: the output shown is not what the command at "
        "docs/workstations/delete.md:114 prints (- shown, + printed):\\n-  a\\n+  b")

def test_passing():
    assert True

@pytest.mark.plants_mistakes
def test_of_a_mistake_planted_in_a_copy():
    pytest.fail("docs/workstations/delete.md:206: `412`: planted in a copy", pytrace=False)

def test_same_problem_told_by_another_check():
    pytest.fail("docs/workstations/delete.md:16: Doc file 'workstations/delete.md' "
                "contains a link 'stopp.md', but ...\\n(shown on docs/index.md:3)", pytrace=False)

@pytest.mark.repeats_a_check
def test_a_repeat_that_fails_first():
    pytest.fail("docs/workstations/delete.md:150: told alike\\n(a repeat's note)", pytrace=False)

def test_the_check_it_repeats():
    pytest.fail("docs/workstations/delete.md:150: told alike\\n(the check's note)", pytrace=False)

@pytest.mark.repeats_a_check
def test_drifted_example_pasted():
    pytest.fail("docs/workstations/delete.md:131: pasted, it fails too", pytrace=False)

@pytest.mark.repeats_a_check
def test_example_pasted_fails_alone():
    pytest.fail("docs/workstations/delete.md:140: pasted, it fails alone", pytrace=False)
'''


@pytest.mark.parametrize(("env", "annotated"), [("true", True), ("", False)])
def test_a_failing_example_is_annotated_on_its_page_line(pytester, monkeypatch, env,
                                                          annotated):
    monkeypatch.setenv("GITHUB_ACTIONS", env)
    pytester.makepyfile(test_sample=_FAILING)
    pytester.makeini("[pytest]\nmarkers =\n    plants_mistakes: planted\n"
                     "    repeats_a_check: a repeat\n")
    # Only the plugin under test (as the suite loads its plugins: none by autoload).
    result = pytester.runpytest_inprocess("--disable-plugin-autoload",
                                          "-p", "tests.harness.github_plugin", "-q")
    # A test marked plants_mistakes fails unannotated: its place is a copy's. One marked
    # repeats_a_check is annotated at the end, where no other test's annotation is. A
    # problem another check told already (the same place, and first line) is not again.
    result.assert_outcomes(failed=8, passed=1)
    lines = [line for line in result.outlines if line.startswith("::error ")]
    if annotated:
        assert lines == [(
            "::error file=docs/workstations/delete.md,line=16,"
            "title=test_sample.py%3A%3Atest_build_with_two_problems::"
            "docs/workstations/delete.md:16: Doc file 'workstations/delete.md' "
            "contains a link 'stopp.md', but ..."), (
            "::error file=docs/workstations/delete.md,line=205,"
            "title=test_sample.py%3A%3Atest_build_with_two_problems::"
            "docs/workstations/delete.md:205: `412`: deleteWorkstation does not document "
            "status 412"), (
            # a page's label in the nav, on its line of mkdocs.yml
            "::error file=mkdocs.yml,line=23,title=test_sample.py%3A%3Atest_build_with_two_problems::"
            "mkdocs.yml:23: the nav calls docs/workstations/stop.md 'Halt workstation', not its "
            "summary"), (
            "::error file=docs/workstations/delete.md,line=131,"
            "title=test_sample.py%3A%3Atest_drifted_example::"
            "docs/workstations/delete.md:131: the output shown is not what the command at "
            "docs/workstations/delete.md:114 prints (- shown, + printed):%0A-  a%0A+  b"), (
            # the check's own, though a repeat failed alike before it: the repeat is not
            "::error file=docs/workstations/delete.md,line=150,"
            "title=test_sample.py%3A%3Atest_the_check_it_repeats::"
            "docs/workstations/delete.md:150: told alike%0A(the check's note)"), (
            "::error file=docs/workstations/delete.md,line=140,"
            "title=test_sample.py%3A%3Atest_example_pasted_fails_alone::"
            "docs/workstations/delete.md:140: pasted, it fails alone")]
    else:
        assert lines == []
    # and, with or without GitHub, the planted mistake's failure is said to come beside the
    # tree's own, after the failures, naming where the tree's are
    out = result.stdout.str()
    section = out[out.index("fix the tree's own failures first"):].splitlines()[1:]
    command = next(n for n, line in enumerate(section) if line.startswith("  uv run pytest"))
    assert " ".join(section[:command]) == (
        "1 test that plants mistakes in a copy of the tree failed, and the tree's own checks "
        "fail at docs/workstations/delete.md:16, docs/workstations/delete.md:205, "
        "mkdocs.yml:23, docs/workstations/delete.md:131, docs/workstations/delete.md:150 and "
        "1 more: the copy has those mistakes too, so it may fail for them alone. Fix those "
        "lines first, then run it again:"), section
    assert section[command] == "  uv run pytest test_sample.py::test_of_a_mistake_planted_in_a_copy"


def test_each_problem_of_an_assertion_listing_several_is_annotated_alone(pytester, monkeypatch):
    """A check that lists its problems in its assertion's message (the lifecycle page's
    diagram and tables): the first, after pytest's ``AssertionError:``, is annotated too,
    and none carries the assertion pytest explains after the message."""
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    pytester.makepyfile(test_sample="""
def test_diagram():
    problems = ["docs/concepts/lifecycle.svg:27: the arrow labelled 'start' is wrong",
                "docs/concepts/lifecycle.svg:3: the description says otherwise"]
    assert not problems, "\\n".join(problems)
""")
    result = pytester.runpytest_inprocess("--disable-plugin-autoload",
                                          "-p", "tests.harness.github_plugin", "-q")
    result.assert_outcomes(failed=1)
    assert [line for line in result.outlines if line.startswith("::error ")] == [
        ("::error file=docs/concepts/lifecycle.svg,line=27,title=test_sample.py%3A%3Atest_diagram::"
         "docs/concepts/lifecycle.svg:27: the arrow labelled 'start' is wrong"),
        ("::error file=docs/concepts/lifecycle.svg,line=3,title=test_sample.py%3A%3Atest_diagram::"
         "docs/concepts/lifecycle.svg:3: the description says otherwise")]


def test_a_planted_mistake_failing_alone_is_not_said_to_follow_from_the_tree(pytester):
    pytester.makepyfile(test_sample='''
import pytest

@pytest.mark.plants_mistakes
def test_of_a_mistake_planted_in_a_copy():
    pytest.fail("docs/workstations/delete.md:206: `412`: planted in a copy", pytrace=False)

def test_without_a_place():
    assert False
''')
    pytester.makeini("[pytest]\nmarkers =\n    plants_mistakes: planted\n")
    result = pytester.runpytest_inprocess("--disable-plugin-autoload",
                                          "-p", "tests.harness.github_plugin", "-q")
    result.assert_outcomes(failed=2)
    assert "fix the tree's own" not in result.stdout.str()


_ALIKE = '''
import pytest

from tests.harness.github import fail_as

@pytest.fixture(scope="module")
def built():
    fail_as("mkdocs build --strict", "mkdocs build --strict failed (1):\\n"
            "WARNING -  docs/volumes/get.md:8: Doc file 'volumes/get.md' contains a link "
            "'../reference/testing.md#nope', but ...")

@pytest.mark.parametrize("n", range(3))
def test_site(built, n):
    pass
'''


def test_a_problem_every_test_of_a_failed_build_reports_is_annotated_once(pytester,
                                                                         monkeypatch):
    """Once, and titled by the build, which found it, not by the first test that needed
    the build."""
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    pytester.makepyfile(test_alike=_ALIKE)
    result = pytester.runpytest_inprocess("--disable-plugin-autoload",
                                          "-p", "tests.harness.github_plugin", "-q")
    result.assert_outcomes(errors=3)
    assert [line for line in result.outlines if line.startswith("::error ")] == [(
        "::error file=docs/volumes/get.md,line=8,title=mkdocs build --strict::"
        "docs/volumes/get.md:8: Doc file 'volumes/get.md' contains a link "
        "'../reference/testing.md#nope', but ...")]


def test_a_setup_failure_a_shared_fixture_raises_for_every_test_is_told_in_full_once(
        pytester):
    """The suite's ``pytest_runtest_makereport`` (tests/conftest.py): a session fixture
    that failed (the site build) fails each test that needs it; the first tells it, the
    others name that test in one line."""
    pytester.makeconftest("from tests.conftest import pytest_runtest_makereport  # noqa: F401")
    # and another fixture failing with the same words: its own failure, told in full too
    other = _ALIKE.split("@pytest.mark")[0].replace("def built", "def other")
    pytester.makepyfile(test_alike=_ALIKE.replace('scope="module"', 'scope="session"')
                        + other + "\ndef test_other(other):\n    pass\n")
    result = pytester.runpytest_inprocess("--disable-plugin-autoload", "-q")
    result.assert_outcomes(errors=4)
    # (the failures, not their short summary: with CI set, pytest shows it whole)
    out = result.stdout.str().partition("short test summary info")[0]
    assert out.count("WARNING -  docs/volumes/get.md:8:") == 2, out
    assert out.count("mkdocs build --strict failed (1) (the same failure as "
                     "test_alike.py::test_site[0]'s setup, told there in full)") == 2, out


def test_a_shared_fixture_error_named_again_keeps_its_type(pytester):
    pytester.makeconftest("from tests.conftest import pytest_runtest_makereport  # noqa: F401")
    pytester.makepyfile(test_type=(
        "import pytest\n\n@pytest.fixture(scope='session')\ndef store():\n"
        "    raise KeyError('missing')\n\n@pytest.mark.parametrize('n', range(2))\n"
        "def test_it(store, n):\n    pass\n"))
    result = pytester.runpytest_inprocess("--disable-plugin-autoload", "-q")
    result.assert_outcomes(errors=2)
    assert ("KeyError: 'missing' (the same failure as test_type.py::test_it[0]'s setup, told "
            "there in full)") in result.outlines, result.outlines


def test_place_is_a_project_path_not_a_temporary_one():
    assert place_of("/tmp/x/docs/page.md:3: drift") is None
    assert place_of("snippets/volumes/get.json:1: differs") == ("snippets/volumes/get.json", 1)
    assert place_of("README.md:40: stale") == ("README.md", 40)


def test_workflow_command_escapes_what_github_reads_as_syntax():
    assert workflow_command("docs/a,b.md", 1, "t::x", "50%\r\n") == (
        "::error file=docs/a%2Cb.md,line=1,title=t%3A%3Ax::50%25%0D%0A")


#: A place of the tree's kind written in a string: a file (``mkdocs.yml``, ``docs/a.md``),
#: or a line of one as a failure names it (``snippets/a.mjs:11``, see github.py).
_PLACE_WRITTEN = re.compile(r"(?:^|[\s'\"(/])(?:(?:docs|snippets)/[\w./-]*|mkdocs\.yml|README\.md)")


def _marked(decorators: list[ast.expr]) -> bool:
    return any(name in ast.unparse(mark) for mark in decorators
               for name in ("PLANTS_MISTAKES", "plants_mistakes"))


def _unmarked_scratch_tests(root: Path) -> list[str]:
    """The tests under ``root`` not marked ``plants_mistakes`` (on them, their class or
    their module, as ``PLANTS_MISTAKES`` or ``pytest.mark.plants_mistakes``) that write a
    line of the tree's kind (``snippets/a.mjs:11``: a failing test's report quotes its
    source), or that write a file of the tree's kind (``docs/…``, ``snippets/…``,
    ``mkdocs.yml``, ``README.md``) and take ``tmp_path``."""
    found = []
    for path in sorted(root.rglob("test_*.py")):
        tree = ast.parse(path.read_text())
        if any(isinstance(node, ast.Assign) and _marked([node.value])
               and any(getattr(target, "id", "") == "pytestmark" for target in node.targets)
               for node in tree.body):
            continue

        def tests(body: list[ast.stmt]) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
            return [node for node in body if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
                    and node.name.startswith("test_") and not _marked(node.decorator_list)]

        unmarked = tests(tree.body) + [test for node in tree.body if isinstance(node, ast.ClassDef)
                                       and not _marked(node.decorator_list)
                                       for test in tests(node.body)]
        for test in unmarked:
            strings = [constant.value for constant in ast.walk(test)
                       if isinstance(constant, ast.Constant) and isinstance(constant.value, str)]
            scratch = "tmp_path" in [arg.arg for arg in test.args.args]
            if any(place_of(text) for text in strings) or scratch and any(
                    _PLACE_WRITTEN.search(text) for text in strings):
                found.append(f"{path.relative_to(root.parent)}::{test.name}")
    return found


def test_a_test_that_writes_the_trees_places_in_a_scratch_tree_is_marked():
    """Its failures name the scratch tree's places (``mkdocs.yml:3``): unmarked, they would
    be annotated on the writer's files and named as the tree's own failures."""
    tests = Path(__file__).parent
    assert _unmarked_scratch_tests(tests) == [], (
        "mark these @PLANTS_MISTAKES (tests/harness/github.py)")


def test_the_guard_finds_an_unmarked_scratch_test(tmp_path):
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_x.py").write_text(
        "def test_a(tmp_path):\n    (tmp_path / 'mkdocs.yml').write_text('nav: []')\n\n"
        "@PLANTS_MISTAKES\ndef test_b(tmp_path):\n    (tmp_path / 'mkdocs.yml').write_text('')\n"
        "\nasync def test_c():\n    assert said == 'snippets/a.mjs:11: wrong'\n\n"
        "def test_d():\n    assert 'tmp_path' and 'docs/a.md'\n\n"
        "@pytest.mark.plants_mistakes\nclass TestE:\n    def test_e(self):\n"
        "        assert said == 'docs/a.md:3: wrong'\n")
    (tmp_path / "tests" / "test_y.py").write_text(
        "pytestmark = pytest.mark.plants_mistakes\n\ndef test_f(tmp_path):\n"
        "    (tmp_path / 'mkdocs.yml').write_text('')\n")
    assert _unmarked_scratch_tests(tmp_path / "tests") == ["tests/test_x.py::test_a",
                                                          "tests/test_x.py::test_c"]


def test_the_suites_own_doctests_are_marked(request, monkeypatch):
    """A doctest of a module under ``tests/`` (here, of this one, its mark taken off for
    the test) gets the mark; one elsewhere (a parent at the project's root) does not."""
    import doctest

    from .conftest import pytest_collection_modifyitems

    monkeypatch.setattr(request.node.parent, "own_markers", [])
    found = doctest.DocTestParser().get_doctest(">>> 1\n1\n", {}, "x", __file__, 0)
    items = [pytest.DoctestItem.from_parent(parent, name="x", runner=doctest.DebugRunner(),
                                            dtest=found)
             for parent in (request.node.parent, request.session)]
    assert [item.get_closest_marker("plants_mistakes") for item in items] == [None, None]
    pytest_collection_modifyitems(items)
    assert [bool(item.get_closest_marker("plants_mistakes")) for item in items] == [True, False]
