"""The reference pages' ``::: identifier`` blocks (mkdocstrings), checked like links.

Each block names an object of the stub, and may list the ``members:`` it shows. An
identifier that names nothing would fail the build without a line (mkdocstrings says only
that it "could not be found"); a member that the object does not have is left out of the
page without a word. Both are named at their line, with the closest name the object has.
The objects are read as mkdocstrings reads them (Griffe, from the source in ``src/``).

Example:
    >>> page = '''# cloudws.testing
    ...
    ... ::: cloudws.testing.Sandbox
    ...     options:
    ...       members: [app, stor]
    ...
    ... ::: cloudws.testing.serv
    ... '''
    >>> for line, message in check(page):
    ...     print(line, message)
    5 members: lists `stor`, which cloudws.testing.Sandbox does not have; did you mean `store`?
    7 ::: cloudws.testing.serv names nothing in cloudws.testing; did you mean `serve`?
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

__all__ = ["check"]

_SRC = Path(__file__).resolve().parents[1] / "src"
_BLOCK = re.compile(r"^::: *(?P<identifier>[\w.]+) *$")


def check(markdown: str) -> list[tuple[int, str]]:
    """``(line, problem)`` for each identifier of a ``:::`` block of ``markdown`` that names
    nothing, and each name of its ``members:`` list that its object does not have."""
    if ":::" not in markdown:
        return []
    lines = markdown.split("\n")
    problems = []
    for number, identifier, options in _blocks(lines):
        found, problem = _resolve(identifier)
        if found is None:
            problems.append((number, f"::: {identifier} {problem}"))
            continue
        members = options.get("members")
        if not isinstance(members, list):
            continue
        have = set(found.all_members) if hasattr(found, "all_members") else set()
        for name in members:
            if str(name) in have:
                continue
            close = difflib.get_close_matches(str(name), sorted(have), n=1)
            problems.append((_line_naming(lines, number, str(name)),
                             f"members: lists `{name}`, which {identifier} does not have"
                             + (f"; did you mean `{close[0]}`?" if close else "")))
    return problems


def _blocks(lines: list[str]) -> Iterator[tuple[int, str, dict[str, Any]]]:
    """Each ``::: identifier`` line (1-based), and the ``options`` of the indented YAML
    under it."""
    for index, line in enumerate(lines):
        match = _BLOCK.match(line)
        if match is None:
            continue
        body = []
        for following in lines[index + 1:]:
            if following.strip() and not following.startswith((" ", "\t")):
                break
            body.append(following)
        try:
            loaded = yaml.safe_load("\n".join(body)) or {}
        except yaml.YAMLError:
            loaded = {}  # mkdocstrings reports what it cannot read
        options = loaded.get("options") if isinstance(loaded, dict) else None
        yield index + 1, match["identifier"], options if isinstance(options, dict) else {}


def _line_naming(lines: list[str], start: int, name: str) -> int:
    """The line, from the block at ``start`` on, that lists ``name`` as a member."""
    word = re.compile(rf"(?<![\w.]){re.escape(name)}(?![\w.])")
    for number in range(start + 1, len(lines) + 1):
        text = lines[number - 1]
        if number > start + 1 and text.strip() and not text.startswith((" ", "\t")):
            break
        if ("members" in text or text.lstrip().startswith("-")) and word.search(
                text.partition("members:")[2] or text):
            return number
    return start


def _resolve(identifier: str) -> tuple[Any, str]:
    """The Griffe object ``identifier`` names, or None and why."""
    package_name, _, path = identifier.partition(".")
    try:
        package = _package(package_name)
    except ImportError:
        return None, f"names no package of {_SRC.name}/"
    found = package
    for part in path.split(".") if path else []:
        members = getattr(found, "all_members", None) or {}
        if part not in members:
            close = difflib.get_close_matches(part, sorted(members), n=1)
            return None, (f"names nothing in {found.path}"
                          + (f"; did you mean `{close[0]}`?" if close else ""))
        found = members[part]
    return found, ""


@functools.cache
def _package(name: str) -> Any:
    import griffe

    return griffe.load(name, search_paths=[str(_SRC)])
