"""The reference pages' ``::: identifier`` blocks (mkdocstrings), checked like links.

Each block names an object of the stub, and may list the ``members:`` it shows. An
identifier that names nothing would fail the build without a line (mkdocstrings says only
that it "could not be found"); a member that the object does not have is left out of the
page without a word. Both are named at their line, with the closest name the object has.
So is a member that is private (``_name``: the reference shows the public API), or one
the module imports from another package (mkdocstrings cannot render it), and
``members: true`` on an object with private or internal members (it would show them). The objects are
read as mkdocstrings reads them (Griffe, from the source in ``src/``), once per build
(:func:`forget`, at each build's start, so that ``mkdocs serve`` sees the source change).
A ``:::`` line in a code block is an example, not a block.

Example:
    >>> page = '''# cloudws.testing
    ...
    ...     ::: cloudws.in.an.indented.code.block
    ...
    ... ::: cloudws.testing.Sandbox
    ...     options:
    ...       members: [app, stor,
    ...                 _answer]
    ...
    ... ::: cloudws.testing.serv
    ...
    ... ```markdown
    ... ::: cloudws.mymodule.MyClass
    ... ```
    ... '''
    >>> for line, message in check(page):
    ...     print(line, message)
    7 members: lists `stor`, which cloudws.testing.Sandbox does not have; did you mean `store`?
    8 members: lists `_answer`, a private name (the reference shows the public API)
    10 ::: cloudws.testing.serv names nothing in cloudws.testing; did you mean `serve`?
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from placeholders import prose_lines

__all__ = ["INTERNAL", "check", "forget", "shown_docstrings"]

_SRC = Path(__file__).resolve().parents[1] / "src"
#: Members no reference page may show, though public: the machinery behind what the
#: pages document (the suite's ``tests/test_reference.py`` holds every page to it too).
INTERNAL = frozenset({"handle", "rewind", "position", "model_config", "clock", "ids",
                      "route_options"})
#: A block's line, as mkdocstrings reads it (a heading's ``#`` may lead it), indented when
#: it is inside a content tab or an admonition.
_BLOCK = re.compile(r"^(?P<indent>[ \t]*)(?:#{1,6} *)?::: ?(?P<identifier>\S+) *$")
#: The first line of what holds indented content: a content tab, an admonition, a list item.
_CONTAINER = re.compile(r"^\s*(?:===|!!!|\?\?\?|[-*+] |\d+\. )")


def check(markdown: str) -> list[tuple[int, str]]:
    """``(line, problem)`` for each identifier of a ``:::`` block of ``markdown`` that names
    nothing, and each name of its ``members:`` list that its object does not have, that
    is private, or that it imports from another package."""
    if ":::" not in markdown:
        return []
    lines = markdown.split("\n")
    problems = []
    for number, identifier, options in _blocks(lines):
        if not re.fullmatch(r"\w+(?:\.\w+)*", identifier):
            problems.append((number, (f"::: {identifier} is no dotted name of an object "
                                      "(such as cloudws.testing.serve)")))
            continue
        found, problem = _resolve(identifier)
        if found is None:
            problems.append((number, f"::: {identifier} {problem}"))
            continue
        members = options.get("members")
        have = _members(found)
        private = sorted(name for name in have if name.startswith("_") or name in INTERNAL)
        if members is True and private:
            problems.append((_line_naming(lines, number, "true"), (
                f"members: true shows every member of {identifier}, private or internal too "
                f"({', '.join(private[:3])}{', …' if len(private) > 3 else ''}): list the "
                "ones to show")))
        if not isinstance(members, list):
            continue
        inherited = options.get("inherited_members")
        listed = [(name, _member_problem(name, identifier, have)
                   or _inherited_problem(name, identifier, have, inherited))
                  for name in map(str, members)]
        problems += [(_line_naming(lines, number, name), f"members: lists {problem}")
                     for name, problem in listed if problem]
        # a class's list: every public member of its own (a module's is its __all__, which
        # tests/test_reference.py holds the page to); once what it lists is right (a name
        # misspelt there is one mistake: the name meant is said)
        # (an empty list shows none, on purpose, as false does)
        target = found.final_target if getattr(found, "is_alias", False) else found
        unlisted = sorted(name for name, member in _members(target).items()
                          if members and not any(problem for _, problem in listed)
                          and getattr(target, "is_class", False) and not name.startswith("_")
                          and name not in INTERNAL and name not in map(str, members)
                          and not getattr(member, "is_alias", False)
                          and getattr(member, "parent", None) is target)
        if unlisted:
            named = ", ".join(f"`{n}`" for n in unlisted)
            several = len(unlisted) > 1
            problems.append((_line_naming(lines, number, ""), (
                f"members: does not list {named}, of {identifier}'s public members: list "
                f"{'them where they belong' if several else 'it where it belongs'} among "
                f"them (or, if {'they are' if several else 'it is'} not the stub's public "
                f"API, make the name{'s' if several else ''} private, with a leading "
                "underscore)")))
    return problems


def shown_docstrings(markdown: str) -> list[tuple[int, Any]]:
    """``(line, object)`` for each object with a docstring that a ``:::`` block of
    ``markdown`` shows (at its line), as mkdocstrings renders it: the block's object, the
    members its ``members:`` lists (every public one, without a list; none, with
    ``false``), and every public member of those, in turn (a class's ``__init__`` too,
    merged into it); each object once. The stub's own
    objects only: what a module imports is documented where it is defined.

    Example:
        >>> [obj.path for _, obj in shown_docstrings("::: cloudws.testing.Sandbox")]
        ['cloudws.testing.Sandbox', 'cloudws.testing.Sandbox.app', 'cloudws.testing.Sandbox.store', \
'cloudws.testing.Sandbox.router']
    """
    if ":::" not in markdown:
        return []
    shown: dict[str, tuple[int, Any]] = {}

    def walk(line: int, obj: Any, members: Any) -> None:
        if obj.path in shown:
            return
        shown[obj.path] = (line, obj)
        have = _members(obj)
        if members is False:
            return
        names = members if isinstance(members, list) else [
            name for name in have
            if (not name.startswith("_") or name == "__init__") and name not in INTERNAL]
        for name in names:
            member = have.get(name) if isinstance(name, str) else None
            if member is not None and not member.is_alias:
                walk(line, member, None)

    for number, identifier, options in _blocks(markdown.split("\n")):
        found, _ = _resolve(identifier)  # one that names nothing: check() says so
        if found is not None and not found.is_alias:
            walk(number, found, options.get("members"))
    return [(line, obj) for line, obj in shown.values() if obj.docstring is not None]


def forget() -> None:
    """Read the source again at the next check (a new build)."""
    _package.cache_clear()


def _inherited_problem(name: str, identifier: str, have: dict[str, Any],
                       inherited: Any) -> str | None:
    """A listed member that ``found`` inherits: mkdocstrings leaves it out of the page
    unless the block's ``inherited_members`` option lets it in."""
    member = have.get(name)
    if (member is None or not getattr(member, "inherited", False)
            or inherited is True or (isinstance(inherited, list) and name in inherited)):
        return None
    source = getattr(member, "target_path", "").rpartition(".")[0] or "a base class"
    return (f"`{name}`, which {identifier} inherits from {source}: mkdocstrings shows it "
            f"only with `inherited_members: [{name}]` (or document it there)")


def _member_problem(name: str, identifier: str, have: dict[str, Any]) -> str | None:
    if name.startswith("_") and not (name.startswith("__") and name.endswith("__")):
        return f"`{name}`, a private name (the reference shows the public API)"
    if name in INTERNAL:
        return f"`{name}`, the machinery behind what the reference documents (autodoc.INTERNAL)"
    if name not in have:
        return f"`{name}`, which {identifier} does not have{_meant(name, have)}"
    if not _resolves(have[name]):
        return (f"`{name}`, which {identifier} imports ({have[name].target_path}): the "
                "reference shows the stub's own objects")
    return None


def _meant(name: str, members: dict[str, Any]) -> str:
    """``; did you mean `x`?`` for the public member of ``members`` closest to ``name``."""
    public = sorted(n for n, member in members.items()
                    if not n.startswith("_") and _resolves(member))
    close = difflib.get_close_matches(name, public, n=1)
    return f"; did you mean `{close[0]}`?" if close else ""


def _under(lines: list[str], start: int, indent: int) -> list[tuple[int, str]]:
    """The lines (1-based, and their text) after line ``start`` that are indented more
    than ``indent``, blank ones among them: what a block holds."""
    held = []
    for number in range(start + 1, len(lines) + 1):
        text = lines[number - 1]
        if text.strip() and len(text) - len(text.lstrip()) <= indent:
            break
        held.append((number, text))
    return held


def _blocks(lines: list[str]) -> Iterator[tuple[int, str, dict[str, Any]]]:
    """Each ``::: identifier`` line out of code blocks (1-based), and the ``options`` of
    the YAML indented under it."""
    for number, text in prose_lines("\n".join(lines)):
        match = _BLOCK.match(text)
        if match is None:
            continue
        indent = len(match["indent"].expandtabs())
        if indent >= 4 and not _contained(lines, number, indent):
            continue  # an indented code block: an example
        body = [text[indent:] for _, text in _under(lines, number, indent)]
        try:
            loaded = yaml.safe_load("\n".join(body)) or {}
        except yaml.YAMLError:
            loaded = {}  # mkdocstrings reports what it cannot read
        options = loaded.get("options") if isinstance(loaded, dict) else None
        yield number, match["identifier"], options if isinstance(options, dict) else {}


def _contained(lines: list[str], number: int, indent: int) -> bool:
    """Whether line ``number``, indented by ``indent``, is the content of a tab, an
    admonition or a list item (the nearest line above it indented less opens one)."""
    for text in reversed(lines[:number - 1]):
        if text.strip() and len(text.expandtabs()) - len(text.expandtabs().lstrip()) < indent:
            return bool(_CONTAINER.match(text))
    return False


_MEMBERS_KEY = re.compile(r"^\s*members:")


def _line_naming(lines: list[str], start: int, name: str) -> int:
    """The line, from the ``members:`` of the block at ``start`` on, that lists ``name``
    (with no ``name``, the ``members:`` line)."""
    word = re.compile(rf"(?<![\w.]){re.escape(name)}(?![\w.])")
    block = _under(lines, start, len(lines[start - 1]) - len(lines[start - 1].lstrip()))
    members = next((i for i, (_, text) in enumerate(block) if _MEMBERS_KEY.match(text)), None)
    if members is None:
        return start
    if not name:
        return block[members][0]
    for number, text in block[members:]:
        key = _MEMBERS_KEY.match(text)
        if word.search(text[key.end():] if key else text):
            return number
    return start


def _members(found: Any) -> dict[str, Any]:
    return dict(getattr(found, "all_members", None) or {})


def _resolves(member: Any) -> bool:
    """Whether ``member`` is the stub's own: not an alias of what Griffe did not load."""
    if not getattr(member, "is_alias", False):
        return True
    from griffe import AliasResolutionError, CyclicAliasError

    try:
        member.final_target  # noqa: B018 (resolving is the question)
    except (AliasResolutionError, CyclicAliasError):
        return False
    return True


def _resolve(identifier: str) -> tuple[Any, str]:
    """The Griffe object ``identifier`` names, or None and why."""
    package_name, _, path = identifier.partition(".")
    try:
        package = _package(package_name)
    except ImportError:
        return None, f"names no package of {_SRC.name}/"
    found = package
    for part in path.split(".") if path else []:
        if part.startswith("_"):
            return None, "is a private object (the reference shows the public API)"
        if part in INTERNAL:
            return None, ("is the machinery behind what the reference documents "
                          "(autodoc.INTERNAL)")
        members = _members(found)
        if part not in members:
            return None, f"names nothing in {found.path}{_meant(part, members)}"
        found = members[part]
        if not _resolves(found):
            return None, (f"names {found.target_path}, which {found.parent.path} imports: "
                          "the reference shows the stub's own objects")
    return found, ""


@functools.cache
def _package(name: str) -> Any:
    import griffe

    # griffe-pydantic, as the reference pages load it: a model's fields, with their
    # descriptions as their docstrings (what the page shows of them)
    return griffe.load(name, search_paths=[str(_SRC)],
                       extensions=griffe.load_extensions({"griffe_pydantic": {"schema": False}}))
