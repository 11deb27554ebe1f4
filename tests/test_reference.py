"""The reference pages: each module's public API, every field of every model, no internals."""

from __future__ import annotations

import ast
import doctest
import importlib
import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from pydantic import BaseModel

import cloudws.models
from cloudws.store import Store

from .harness.docstrings import LEFT_OUT, pasted_problems
from .harness.github import PLANTS_MISTAKES
from .helpers import built_page

ROOT = Path(__file__).resolve().parents[1]
HOOKS = ROOT / "hooks"

#: Each reference page and the module it documents.
PAGES = {
    "testing": "cloudws.testing",
    "store": "cloudws.store",
    "operations": "cloudws.operations",
    "fixtures": "cloudws.fixtures",
    "app": "cloudws.app",
    "errors": "cloudws.errors",
    "models": "cloudws.models",
}
def _soup(site: Path, page: str) -> BeautifulSoup:
    return built_page(site, f"reference/{page}/index.html")


def _anchors(soup: BeautifulSoup, module: str) -> list[str]:
    return [h["id"] for h in soup.select("h2[id], h3[id], h4[id]")
            if h["id"].startswith(module + ".")]


def _block(soup: BeautifulSoup, anchor: str) -> Tag:
    heading = soup.find(id=anchor)
    assert heading is not None, f"{anchor} is not on the page"
    return heading.find_parent("div", class_="doc-object")


@pytest.mark.parametrize(("page", "module"), PAGES.items())
def test_reference_page_shows_the_modules_public_api(built_site: Path, page: str,
                                                     module: str) -> None:
    public = set(importlib.import_module(module).__all__) - set(LEFT_OUT.get(module, {}))
    anchors = _anchors(_soup(built_site, page), module)
    shown = {a.removeprefix(module + ".") for a in anchors if a.count(".") == module.count(".") + 1}
    assert shown == public, (
        f"docs/reference/{page}.md shows {module}'s __all__, but what LEFT_OUT (in "
        "tests/harness/docstrings.py) leaves out: "
        + "; ".join(filter(None, [
            f"show {', '.join(sorted(public - shown))}" if public - shown else "",
            f"do not show {', '.join(sorted(shown - public))}" if shown - public else ""])))


@pytest.mark.parametrize(("page", "module"), PAGES.items())
def test_reference_page_shows_every_field_of_its_named_tuples(built_site: Path, page: str,
                                                              module: str) -> None:
    """A NamedTuple the page shows (``cloudws.app.Exchange``) shows each of its fields, a
    field added too: no list of them on the page to keep in step."""
    loaded = importlib.import_module(module)
    anchors = set(_anchors(_soup(built_site, page), module))
    for name in set(loaded.__all__) - set(LEFT_OUT.get(module, {})):
        fields = getattr(getattr(loaded, name), "_fields", None)
        if isinstance(fields, tuple) and f"{module}.{name}" in anchors:
            missing = [f for f in fields if f"{module}.{name}.{f}" not in anchors]
            assert not missing, f"docs/reference/{page}.md: {name} does not show {missing}"


@pytest.mark.parametrize("page", PAGES)
def test_reference_page_shows_no_internals(built_site: Path, page: str, monkeypatch) -> None:
    """No private member, nor one of the machinery the build's check refuses by name
    (``hooks/autodoc.py``'s ``INTERNAL``), whatever way it came on the page."""
    monkeypatch.syspath_prepend(str(HOOKS))
    internal = importlib.import_module("autodoc").INTERNAL
    soup = _soup(built_site, page)
    members = [a.rsplit(".", 1)[-1] for a in _anchors(soup, "cloudws")]
    assert not [m for m in members if m.startswith("_") or m in internal]
    assert "call_asgi" not in soup.get_text()


def _models() -> list[type[BaseModel]]:
    return [obj for name in cloudws.models.__all__
            if isinstance(obj := getattr(cloudws.models, name), type)
            and issubclass(obj, BaseModel)]


@pytest.mark.parametrize("model", _models(), ids=lambda m: m.__name__)
def test_reference_models_show_every_field(built_site: Path, model: type[BaseModel]) -> None:
    soup = _soup(built_site, "models")
    schema = model.model_json_schema()
    for name in model.model_fields:
        text = " ".join(_block(soup, f"cloudws.models.{model.__name__}.{name}").get_text().split())
        description = schema["properties"][name]["description"].replace("`", "")
        assert description in text, (name, text)
        required = "required" if name in schema.get("required", ()) else "optional"
        assert "JSON: " in text and f"; {required}" in text, (name, text)


def test_reference_model_field_shows_its_aliased_constraints(built_site: Path) -> None:
    # Name's pattern and length live in a type alias, not in the field's own Field(...).
    text = _block(_soup(built_site, "models"), "cloudws.models.WorkstationCreate.name").get_text()
    assert "1 to 63 characters" in text and cloudws.models.NAME_PATTERN in text


def test_griffe_models_docstring_examples(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(HOOKS))
    result = doctest.testmod(importlib.import_module("griffe_models"))
    assert result.attempted > 0 and result.failed == 0, result


@PLANTS_MISTAKES
def test_reference_member_or_identifier_that_names_nothing_fails_the_build_at_its_line():
    """A misspelt entry of a ``members:`` list would leave the member out of the page
    without a word, and a misspelt ``:::`` identifier fail the build with no line: both
    are named at their line, with the name meant."""
    from .harness.render import render_pages

    page = ROOT / "docs" / "reference" / "models.md"
    text = page.read_text()
    broken = (text.replace("        - VolumeList\n", "        - VolumList\n")
              .replace("::: cloudws.models\n", "::: cloudws.model\n", 1)
              if text.count("        - VolumeList\n") == 1 else "")
    assert broken, "the page no longer lists VolumeList in a members: list"
    line = text.split("\n").index("        - VolumeList") + 1
    _, problems = render_pages([page], {page: broken.replace("::: cloudws.model\n",
                                                             "::: cloudws.models\n", 1)})
    assert problems == [(f"docs/reference/models.md:{line}: members: lists `VolumList`, "
                         "which cloudws.models does not have; did you mean `VolumeList`?")
                        ], problems
    _, problems = render_pages([page], {page: broken})
    first = text.split("\n").index("::: cloudws.models") + 1
    assert problems[0] == (f"docs/reference/models.md:{first}: ::: cloudws.model names "
                           "nothing in cloudws; did you mean `models`?"), problems


@PLANTS_MISTAKES
def test_a_class_whose_members_are_listed_lists_every_public_one():
    """A method added to the store (an operation's, say) is on the reference page only if
    the page's ``members:`` list names it: one it does not is named at that list."""
    from .harness.render import render_pages

    page = ROOT / "docs" / "reference" / "store.md"
    text = page.read_text()
    assert "        - in_flight\n" in text, "the page no longer lists Store.in_flight"
    line = text.split("\n").index("::: cloudws.store.Store") + 3  # its options' members:
    assert text.split("\n")[line - 1].strip() == "members:"
    _, problems = render_pages([page], {page: text.replace("        - in_flight\n", "")})
    assert problems == [(f"docs/reference/store.md:{line}: members: does not list "
                         "`in_flight`, of cloudws.store.Store's public members: list it where "
                         "it belongs among them (or, if it is not the stub's public API, make "
                         "the name private, with a leading underscore)")], problems


@PLANTS_MISTAKES
def test_a_listed_member_the_class_inherits_is_named_unless_inherited_members_lets_it_in(
        tmp_path, monkeypatch):
    """mkdocstrings leaves an inherited member out of an explicit list without a word; a
    special method (``__call__``) is no private name."""
    monkeypatch.syspath_prepend(str(HOOKS))
    autodoc = importlib.import_module("autodoc")
    monkeypatch.setattr(autodoc, "_SRC", tmp_path)
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text(
        "class Base:\n    def area(self): ...\n\n\n"
        "class Child(Base):\n    def extra(self): ...\n    def __call__(self): ...\n")
    page = "::: pkg.Child\n    options:\n      members: [extra, area, __call__]\n"
    autodoc.forget()
    try:
        assert autodoc.check(page) == [(3, (
            "members: lists `area`, which pkg.Child inherits from pkg.Base: mkdocstrings "
            "shows it only with `inherited_members: [area]` (or document it there)"))]
        for allowed in ("true", "[area]"):
            assert autodoc.check(page.replace(
                "      members:", f"      inherited_members: {allowed}\n      members:")) == []
    finally:
        autodoc.forget()


@PLANTS_MISTAKES
def test_reference_check_reads_the_source_again_at_each_build(tmp_path, monkeypatch):
    """``mkdocs serve`` keeps the hooks loaded: a member just added to the source is found
    once the next build starts (``site.on_config`` calls ``autodoc.forget``)."""
    monkeypatch.syspath_prepend(str(HOOKS))
    autodoc = importlib.import_module("autodoc")
    monkeypatch.setattr(autodoc, "_SRC", tmp_path)
    (tmp_path / "pkg").mkdir()
    source = tmp_path / "pkg" / "__init__.py"
    source.write_text("class Thing:\n    def app(self): ...\n")
    page = "::: pkg.Thing\n    options:\n      members: [app, ping]\n"
    autodoc.forget()
    try:
        missing = "members: lists `ping`, which pkg.Thing does not have"
        assert autodoc.check(page) == [(3, missing)]
        source.write_text("class Thing:\n    def app(self): ...\n    def ping(self): ...\n")
        assert autodoc.check(page) != []  # the same build: read once
        autodoc.forget()
        assert autodoc.check(page) == []
    finally:
        autodoc.forget()


@PLANTS_MISTAKES
def test_reference_check_names_a_private_or_malformed_identifier_and_leaves_code_alone(
        monkeypatch):
    monkeypatch.syspath_prepend(str(HOOKS))
    autodoc = importlib.import_module("autodoc")
    page = ("::: cloudws.testing._LoopThread\n\n::: cloudws.testing:serve\n\n"
            '=== "A tab"\n\n    ::: cloudws.testing.Sandboks\n\n'
            "Text, then an indented code block:\n\n    ::: cloudws.nothing.here\n\n"
            "::: cloudws.testing.Sandbox\n    options:\n      members: true\n")
    private = ("::: cloudws.testing._LoopThread is a private object (the reference shows "
               "the public API)")
    malformed = ("::: cloudws.testing:serve is no dotted name of an object (such as "
                 "cloudws.testing.serve)")
    in_tab = ("::: cloudws.testing.Sandboks names nothing in cloudws.testing; did you mean "
              "`Sandbox`?")
    every = ("members: true shows every member of cloudws.testing.Sandbox, private or "
             "internal too (__init__, __post_init__, _answer, …): list the ones to show")
    assert autodoc.check(page) == [(1, private), (3, malformed), (7, in_tab), (15, every)]
    listed = ("::: cloudws.testing.Sandbox\n    options:\n      members: [app, router, handle]\n\n"
              "::: cloudws.store.StepClock.rewind\n")
    machinery = ("members: lists `handle`, the machinery behind what the reference "
                 "documents (autodoc.INTERNAL)")
    named = ("::: cloudws.store.StepClock.rewind is the machinery behind what the reference "
             "documents (autodoc.INTERNAL)")
    assert autodoc.check(listed) == [(3, machinery), (5, named)]
    # with the list right, the public member it leaves out: at the members: line (not at
    # an option whose name ends so); of a class named where a module imports it too; none
    # for an empty list, which shows none on purpose
    unlisted = ("members: does not list `{}`, of cloudws.{}'s public members: list it where "
                "it belongs among them (or, if it is not the stub's public API, make the name "
                "private, with a leading underscore)")
    assert autodoc.check(listed.replace(", handle", "")) == [
        (3, unlisted.format("store", "testing.Sandbox")), (5, named)]
    inherited = ("::: cloudws.testing.Sandbox\n    options:\n      inherited_members: false\n"
                 "      members: [app, router]\n")
    assert autodoc.check(inherited) == [(4, unlisted.format("store", "testing.Sandbox"))]
    store = [name for name in vars(Store) if not name.startswith("_")]
    reexported = f"::: cloudws.testing.Store\n    options:\n      members: {store[1:]}\n"
    assert autodoc.check(reexported) == [(3, unlisted.format(store[0], "testing.Store"))]
    assert autodoc.check("::: cloudws.store.Store\n    options:\n      members: []\n") == []


@PLANTS_MISTAKES
def test_a_docstring_the_reference_shows_is_held_to_the_api_at_its_source_line(
        tmp_path, monkeypatch):
    """The prose of a docstring a reference page shows gets the page's checks, a model
    field's description too: a fact written by hand, a status or error code the API does
    not have, each named at its line of the source, where it is fixed (a description at
    its field's line; a docstring whose text starts under its quotes, there). Its examples
    are the doctests': a size there is no fact, and an ID they show is one shown. The
    stub's Python names are no field of the API: no "did you mean", but for a name a
    letter or two off an error code's."""
    from .harness.render import render_pages

    monkeypatch.syspath_prepend(str(HOOKS))
    autodoc = importlib.import_module("autodoc")
    monkeypatch.setattr(autodoc, "_SRC", tmp_path)
    monkeypatch.setattr(importlib.import_module("references"), "_STUB", tmp_path / "pkg")
    (tmp_path / "pkg").mkdir()
    source = tmp_path / "pkg" / "__init__.py"
    source.write_text('''"""A package."""

from pydantic import BaseModel, Field


class Thing(BaseModel):
    """Refuses a body over 64 KiB with `413 payload_too_big`; see `create_app`.

    Example:
        >>> 64 * 1024  # 64 KiB, the limit
        65536
    """

    name: str = Field(description="Its name; `ws-nothere` is none.")

    def ping(self) -> None:
        """
        Answers `418`, with `ws-u5fvlr77` in it.

        Example:
            >>> Thing(name="x").ping()
            'ws-u5fvlr77'
        """

    def _hidden(self) -> None:
        """Answers `418` too, but no page shows it."""

    def pong(self, idempotency_key: str, volume_owner: str) -> None:
        """Takes an `idempotency_key` and a `volume_owner`; fails with `internal_eror`."""
''')
    page = ROOT / "docs" / "reference" / "app.md"
    autodoc.forget()
    try:
        _, problems = render_pages([page], {page: "# pkg\n\n::: pkg.Thing\n"})
    finally:
        autodoc.forget()
    thing = "the docstring of pkg.Thing, which docs/reference/app.md:3 shows"
    [problem] = problems
    fact, status, field, other, misspelt = problem.split("\n")
    pong = 1 + next(n for n, line in enumerate(source.read_text().splitlines())
                    if "Takes an `idempotency_key`" in line)
    # a code misspelt is named; a parameter's name, a code's prefix (`idempotency_key`) or
    # a letter off one (`volume_owner`, of `volume_owned`) but in the stub's code, is Python's
    assert misspelt == (f"{source}:{pong}: the docstring of pkg.Thing.pong, which "
                        "docs/reference/app.md:3 shows: `internal_eror` is not an error code "
                        "of the API, nor a name in the stub's code; did you mean "
                        "`internal_error`?"), problem
    assert fact == (f"{source}:7: {thing}: 'over 64' states a bound by hand: name "
                    "cloudws.limits.MAX_BODY_BYTES or cloudws.limits.MAX_HEAD_BYTES instead (a "
                    "value an example shows is checked by the doctests)"), problem
    assert status == (f"{source}:7: {thing}: `413 payload_too_big`: after the status write its "
                      "reason phrase (Content Too Large or Payload Too Large or Request Entity "
                      "Too Large) or one of its error codes (payload_too_large)"), problem
    assert field.startswith(f"{source}:14: the description of pkg.Thing.name, which "
                            "docs/reference/app.md:3 shows: `ws-nothere` is not one of the "
                            "sandbox's fixtures"), problem
    assert other.startswith(f"{source}:18: the docstring of pkg.Thing.ping, which "
                            "docs/reference/app.md:3 shows: `418`: the API does not document "
                            "status 418 (it documents 200, "), problem


def test_an_example_that_would_not_run_pasted_is_named_at_its_line(tmp_path, monkeypatch):
    """A traceback half-way, a block left open, a name it does not import: each named at
    its line; an example pasted as it should be, and a private function's, pass."""
    import sys

    module = tmp_path / "cloudws_scratch_examples.py"
    module.write_text(textwrap.dedent('''\
        """Scratch.

        Example:
            >>> import json
            >>> with open("/dev/null") as f:
            ...     size = len(f.read())
            ...
            >>> size
            0
        """

        __all__ = ["pasted", "unclosed", "unimported"]


        def pasted():
            """Example:
                >>> int("x")
                Traceback (most recent call last):
                ValueError: invalid literal for int() with base 10: 'x'
            """


        def unclosed():
            """Example:
                >>> for n in range(1):
                ...     print(n)
                0
            """


        def unimported():
            """Example:
                >>> unimported()
            """


        def _private():
            """Example:
                >>> _private()
            """
        '''))
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "cloudws_scratch_examples", raising=False)
    problems = pasted_problems("cloudws_scratch_examples")
    assert [p.partition(": ")[0].rpartition(":")[2] for p in problems] == ["17", "25", "33"], \
        problems
    assert "it shows a traceback, where a paste stops" in problems[0], problems
    assert "its block is not closed by a bare `...` line" in problems[1], problems
    assert "run with nothing imported but what it imports, fails" in problems[2], problems


def test_each_shown_example_is_named_at_its_own_line_of_the_source() -> None:
    """The line a problem of a shown example names holds that example's ``>>>`` line, for a
    decorated function (``Store.in_flight``) and a property too, where doctest's own line
    numbers are off."""
    import linecache

    from .harness.docstrings import _docstring_line, shown_examples

    wrong = []
    for module in PAGES.values():
        for test in shown_examples(module):
            first = _docstring_line(test)
            for example in test.examples:
                line = linecache.getline(test.filename or "", first + example.lineno + 1)
                if line.strip() != ">>> " + example.source.split("\n")[0].strip():
                    wrong.append(f"{test.name}: line {first + example.lineno + 1} is {line!r}")
    assert not wrong, "\n".join(wrong)


def test_every_example_the_reference_pages_show_runs_pasted_into_a_new_session() -> None:
    """Each example a reference page shows runs as a reader pastes it into a new python
    session (tests/harness/docstrings.py): each page's check runs this for its modules."""
    problems = [problem for module in PAGES.values() for problem in pasted_problems(module)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("page", "module"), PAGES.items())
def test_a_string_constant_is_shown_with_its_value(built_site: Path, page: str,
                                                    module: str) -> None:
    """A string constant the page shows reads as its value, which a reader's code uses, even
    where an expression makes it (``BASE_URL``, the ID patterns): the expression names what
    the page does not show (hooks/griffe_docstrings.py)."""
    imported = importlib.import_module(module)
    shown = {name: getattr(imported, name) for name in imported.__all__
             if name not in LEFT_OUT.get(module, {})}
    strings = {name: value for name, value in shown.items() if isinstance(value, str)}
    soup = _soup(built_site, page)
    for name, value in strings.items():
        signature = _block(soup, f"{module}.{name}").get_text("").split("\n")
        written = next((line for line in signature if line.startswith(f"{name} = ")), None)
        assert written is not None, f"{module}.{name}: no value shown"
        try:
            read = ast.literal_eval(written.removeprefix(f"{name} = ").strip())
        except ValueError:
            read = None  # an expression, not its value
        assert read == value, f"{module}.{name}: the page shows {written!r}, not {value!r}"


def test_a_computed_value_is_read_again_once_its_source_changes(tmp_path, monkeypatch):
    """Under ``mkdocs serve``, the module imported is older than its file after an edit:
    the value shown is read from the file as it is now (in a new interpreter)."""
    import os
    import sys

    from hooks import griffe_docstrings

    module = tmp_path / "cloudws_scratch_values.py"
    module.write_text('PATTERN = "^" + "ws-1" + "$"\n')
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))  # for the new interpreter too
    monkeypatch.delitem(sys.modules, "cloudws_scratch_values", raising=False)
    assert griffe_docstrings._string_values("cloudws_scratch_values")["PATTERN"] == "^ws-1$"
    module.write_text('PATTERN = "^" + "ws-2" + "$"\n')
    os.utime(module, (module.stat().st_atime, module.stat().st_mtime + 10))
    assert griffe_docstrings._string_values("cloudws_scratch_values")["PATTERN"] == "^ws-2$"
