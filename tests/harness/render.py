"""A page built as ``mkdocs build --strict`` builds it, alone (or a few pages).

``uv run pytest docs/<page>.md`` checks the page's build with this (see :mod:`.page`),
in a process of its own started at once (``python -m tests.harness.render PAGE...``,
which prints the problems as JSON): MkDocs' imports and the page's Markdown take a core while
the examples run on the other. It imports MkDocs and the project's hooks only.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import json
import logging
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .pages import ROOT, Page, display_path, missing_include

__all__ = ["nav_listing_places", "render_page", "render_pages"]


def render_page(path: Path) -> list[str]:
    """Build the page at ``path`` as ``mkdocs build --strict`` builds it, alone; return
    every error and warning MkDocs and the project's hooks report for it."""
    return render_pages([path])[1]


def render_pages(paths: list[Path], sources: dict[Path, str] | None = None
                 ) -> tuple[dict[Path, str], list[str]]:
    """Build the pages at ``paths`` as ``mkdocs build --strict`` builds them: their
    content's HTML, and every error and warning MkDocs and the project's hooks report.

    The steps are MkDocs' own for a page (its ``build`` command's): the configuration
    and every plugin event up to the page's HTML, for these pages only (not the Markdown
    copy ``mkdocs-llmstxt`` makes of the HTML, nor the theme's template around it: the
    suite's site build checks those). Their links to other pages and to anchors are
    validated: the other pages they link to an anchor of are built too, for their anchors
    (:func:`_render_linked`). ``sources`` builds a page from
    the given text instead of its file (what a drift would make of it).
    """
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException
    from mkdocs.structure.files import get_files, set_exclusions
    from mkdocs.structure.nav import get_navigation
    from pymdownx.snippets import SnippetMissingError

    problems: list[str] = []
    html: dict[Path, str] = {}
    with _warnings_to(problems) as collected:
        try:
            read = [p for p in paths if p.is_file() or (sources and p in sources)]
            texts = [sources[p] if sources and p in sources else p.read_text() for p in read]
            config = load_config(str(ROOT / "mkdocs.yml"), strict=True,
                                 plugins=_plugins_for(texts, _anchored_reference(
                                     read, texts)))
            config = config.plugins.on_config(config)
            config.plugins.on_pre_build(config=config)
            files = get_files(config)
            files = config.plugins.on_files(files, config=config)
            set_exclusions(files, config)
            nav = get_navigation(files, config)
            config.plugins.on_nav(nav, config=config, files=files)
            docs = Path(config.docs_dir).resolve()
            in_nav = {page.file.src_uri for page in nav.pages}
            rendered = []
            for path in paths:
                src_uri = path.resolve().relative_to(docs).as_posix()
                file = files.get_file_from_path(src_uri)
                if file is None or file.page is None:
                    problems.append(f"{display_path(path)}: not a page of the site (is it in "
                                    "the nav?)")
                    continue
                problems += _listing_problems(
                    path, src_uri, in_nav, config.validation.nav.omitted_files,
                    [Path(page.file.abs_src_path) for page in nav.pages
                     if page.file.abs_src_path])
                try:
                    page = _render(file.page, config, files,
                                   sources.get(path) if sources else None)
                except SnippetMissingError as exc:  # an include not there: at its line
                    source = sources[path] if sources and path in sources else path.read_text()
                    problems.append(_missing_include(path, source, exc))
                    continue
                rendered.append(page)
                html[path] = page.content or ""
            # the anchors of the other pages they link to, from those pages built too
            collected.muted = True
            _render_linked(rendered, config, files)
            collected.muted = False
            for page in rendered:
                page.validate_anchor_links(files=files, log_level=logging.WARNING)
            problems += _links_into(rendered, docs)
        except MkDocsException as exc:
            problems.append(str(exc))
    return html, sorted(_nav_listing_named(problems), key=_place)


def _render(page: Any, config: Any, files: Any, source: str | None = None) -> Any:
    """``page`` built as MkDocs builds it, up to its HTML (from ``source``, if given,
    instead of its file); the page the plugins return."""
    from mkdocs.utils.meta import get_data

    page = config.plugins.on_pre_page(page, config=config, files=files)
    page.read_source(config)
    if source is not None:
        page.markdown, page.meta = get_data(source)
    page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config,
                                                    files=files)
    page.render(config, files)
    return page


def _render_linked(pages: list[Any], config: Any, files: Any) -> None:
    """Build each other page that ``pages`` link to an anchor of, so that MkDocs knows
    its anchors (``present_anchor_ids``); the caller mutes what is said meanwhile, which
    their own checks say. A reference page is built when mkdocstrings is loaded: for
    ``:::`` blocks in ``pages``, or for a link of theirs to a reference page's anchor
    (:func:`_anchored_reference`)."""
    autodoc = "mkdocstrings" in config.plugins
    linked = {file.src_uri: file for page in pages for file in page.links_to_anchors or {}}
    for file in linked.values():
        if file.page is None or file.page.present_anchor_ids is not None:  # built already
            continue
        if not autodoc and _AUTODOC.search(Path(file.abs_src_path).read_text()):
            continue
        # a page that does not build fails its own check: its anchors stay unknown here
        with contextlib.suppress(Exception):
            _render(file.page, config, files)


_MISSING = re.compile(r"Snippet at path '(?P<name>[^']+)' could not be found")


def _missing_include(path: Path, markdown: str, exc: Exception) -> str:
    """The page line of the ``--8<--`` line naming the snippet that ``exc`` says is not
    there (the output ``.json`` of a new curl snippet, say), and what to do.

    Example:
        >>> page = ROOT / "docs" / "x.md"
        >>> print(_missing_include(page, '# X\\n\\n--8<-- "snippets/x/new.json"\\n',
        ...       Exception("Snippet at path 'snippets/x/new.json' could not be found")))
        docs/x.md:3: includes snippets/x/new.json, which does not exist
    """
    found = _MISSING.search(str(exc))
    name = found["name"] if found else str(exc)
    line = next((number for number, text in enumerate(markdown.split("\n"), 1)
                 if "--8<--" in text and name in text), 1)
    return missing_include(display_path(path), line, name)


_PLACE = re.compile(r"^(?P<path>[^\s:]+):(?P<line>\d+): ")


def _place(problem: str) -> tuple[int, str, int]:
    """Sort key: the problems that name a place first, in page and line order (the
    build's checks each report in turn); the others after them, as they came.

    Example:
        >>> sorted(["docs/a.md:6: x", "a warning", "docs/a.md:5: y"], key=_place)
        ['docs/a.md:5: y', 'docs/a.md:6: x', 'a warning']
    """
    found = _PLACE.match(problem)
    return (0, found["path"], int(found["line"])) if found else (1, "", 0)


_NOT_IN_NAV = "The following pages exist in the docs directory, but are not included in the"


def nav_listing_places(text: str, docs: str = "docs") -> list[str]:
    """A problem at the first line of each page that MkDocs' list of pages missing from
    the nav, in ``text``, names (its list names no line, so no annotation could point at
    the page), worded as :func:`_listing_problems` words it. ``docs`` is the docs folder,
    as the writer's paths start.

    Example:
        >>> nav_listing_places(f'WARNING -  {_NOT_IN_NAV} "nav" configuration:\\n'
        ...                    '  - concepts/x.md\\nINFO    -  Documentation built')
        ["docs/concepts/x.md:1: not in mkdocs.yml's nav: add it there, and with a one-line description to the llmstxt plugin's sections"]
    """
    at = text.find(_NOT_IN_NAV)
    if at < 0:
        return []
    pages = []
    for line in text[at:].splitlines()[1:]:
        if not line.lstrip().startswith("- "):
            break
        pages.append(line.strip().removeprefix("- "))
    return [_not_in_nav(f"{docs}/{page}", page) for page in pages]


def _nav_listing_named(problems: list[str]) -> list[str]:
    """``problems`` with MkDocs' list of pages missing from the nav replaced by a problem
    at each listed page's first line (:func:`nav_listing_places`), said once where a
    problem names the page already.

    Example:
        >>> _nav_listing_named([f'{_NOT_IN_NAV} "nav" configuration:\\n  - concepts/x.md\\n'
        ...                     '  - concepts/y.md', "docs/concepts/x.md:1: not in mkdocs.yml's nav"])
        ["docs/concepts/y.md:1: not in mkdocs.yml's nav: add it there, and with a one-line description to the llmstxt plugin's sections", "docs/concepts/x.md:1: not in mkdocs.yml's nav"]
    """
    named = {p.split(":", 1)[0] for p in problems if ": not in mkdocs.yml's nav" in p}
    found = []
    for problem in problems:
        places = nav_listing_places(problem)
        found += ([place for place in places if place.split(":", 1)[0] not in named]
                  if places else [problem])
    return found


def _not_in_nav(page: str, src_uri: str) -> str:
    """The problem of ``page`` (its path as the writer's start with ``docs/``), whose
    ``src_uri`` mkdocs.yml's nav does not list: where to add it (to the llmstxt plugin's
    sections too, unless they list it already)."""
    return (f"{page}:1: not in mkdocs.yml's nav: add it there"
            + (" (the llmstxt plugin's sections list it already)" if _in_llms_sections(src_uri)
               else ", and with a one-line description to the llmstxt plugin's sections"))


def _in_llms_sections(src_uri: str) -> bool:
    """Whether the llmstxt plugin's sections, as mkdocs.yml writes them, list ``src_uri``
    (by its path, or a pattern that matches it).

    Example:
        >>> _in_llms_sections("workstations/start.md"), _in_llms_sections("concepts/x.md")
        (True, False)
    """
    import fnmatch

    for entry in _plugins_config():
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        if name != "llmstxt":
            continue
        for items in ((options or {}).get("sections") or {}).values():
            for item in items or []:
                uris = [item] if isinstance(item, str) else list(item) if isinstance(item, dict) else []
                if any(fnmatch.fnmatchcase(src_uri, str(uri)) for uri in uris):
                    return True
    return False


def _listing_problems(path: Path, src_uri: str, in_nav: set[str], omitted_level: int,
                      nav_pages: list[Path] | None = None) -> list[str]:
    """A page missing from mkdocs.yml's nav (when its ``validation.nav.omitted_files``
    makes that a warning, as the strict build does), named at the page's first line; for
    an endpoint page, with how the nav and the llmstxt plugin list one (among
    ``nav_pages``, the nav's pages in its order)."""
    if src_uri not in in_nav and omitted_level >= logging.WARNING:
        return [_not_in_nav(display_path(path), src_uri)
                + _endpoint_listing(path, nav_pages or [], _in_llms_sections(src_uri))]
    return []  # (one missing from the llmstxt plugin's sections: hooks/site.py says so)


def _neighbour(path: Path, name: str, listed: list[tuple[Path, str]],
               order: list[str]) -> tuple[str, bool]:
    """Where the nav lists the endpoint page ``path`` of operation ``name``, among the
    endpoint pages ``listed`` (each with its operation, in the nav's order), as ``order``
    declares the operations: the neighbour named is in its own folder (its section) where
    it can be; and whether that order puts it among another folder's pages, away from its
    own.

    Example:
        >>> ws, vol = Path("docs/workstations"), Path("docs/volumes")
        >>> order = ["getWs", "stopWs", "listVol", "getVol", "restartWs"]
        >>> _neighbour(ws / "restart.md", "restartWs", [(ws / "get.md", "getWs")], order)
        ('after docs/workstations/get.md', False)
        >>> _neighbour(vol / "list.md", "listVol", [(ws / "get.md", "getWs"),
        ...                                         (vol / "get.md", "getVol")], order)
        ('before docs/volumes/get.md', False)
        >>> _neighbour(ws / "restart.md", "restartWs", [(ws / "get.md", "getWs"),
        ...                                             (vol / "get.md", "getVol")], order)
        ('after docs/volumes/get.md', True)
    """
    at = order.index(name)
    before = [page for page, other in listed if order.index(other) < at]
    after = [page for page, other in listed if order.index(other) > at]
    own = path.parent
    if before and before[-1].parent == own:
        return f"after {display_path(before[-1])}", False
    if after and after[0].parent == own:
        return f"before {display_path(after[0])}", False
    return (f"after {display_path(before[-1])}" if before else "before the other endpoint pages",
            any(page.parent == own for page in before + after))


def _endpoint_listing(path: Path, nav_pages: list[Path], in_llms: bool = False) -> str:
    """How the nav and the llmstxt plugin list the endpoint page ``path`` (one whose front
    matter names an operation), missing from them (the nav alone, ``in_llms``); empty for
    another page.

    Example:
        >>> docs = ROOT / "docs" / "workstations"
        >>> print(_endpoint_listing(docs / "start.md", [docs / "get.md", docs / "stop.md"]))
        : as an endpoint page, labelled with its operation's summary, 'Start workstation', \
after docs/workstations/get.md (the order src/cloudws/operations.py declares them in), \
and described in the llmstxt plugin's sections starting with its request, POST \
/v1/workstations/{id}/start
    """
    from cloudws.operations import OPERATIONS

    def operation(page: Path) -> str | None:
        try:
            named = Page.read(page).front_matter.get("operation")
        except (OSError, ValueError, TypeError):  # the page's own check names those
            return None
        return named if isinstance(named, str) else None

    name = operation(path)
    if name not in OPERATIONS:
        return ""
    place, misplaced = _neighbour(path, name, [(page, other) for page in nav_pages
                                               if (other := operation(page)) in OPERATIONS],
                                  list(OPERATIONS))
    declared = OPERATIONS[name]
    return (f": as an endpoint page, labelled with its operation's summary, "
            f"{declared.summary!r}, {place} "
            + "(the order src/cloudws/operations.py declares them in"
            + (f"; to list it among the pages of {display_path(path.parent)}/, declare {name} there "
               "among their operations" if misplaced else "") + ")"
            + ("" if in_llms else ", and described in the llmstxt plugin's sections starting "
               f"with its request, {declared.method} {declared.path}"))


@functools.cache
def _plugins_config() -> list[Any]:
    """The ``plugins`` of mkdocs.yml, as written."""
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.utils.yaml import get_yaml_loader, yaml_load

    path = ROOT / "mkdocs.yml"
    with path.open() as f:  # its own loader (the tags MkDocs reads: !ENV, !relative)
        loader = get_yaml_loader(config=MkDocsConfig(config_file_path=str(path)))
        return list(yaml_load(f, loader).get("plugins", []))


#: A link to a page's anchor, inline (``[text](page.md#x)``, ``(<page.md#x>)``) or defined
#: for a reference-style link (``[name]: page.md#x``).
_TO_ANCHOR = re.compile(r"\]\(<?(?P<page>[^)\s>#]+\.md)#(?P<anchor>[^)\s>]+)"
                        r"|^[ \t]*\[[^\]]+\]:[ \t]*<?(?P<defined>[^\s>#]+\.md)#(?P<at>[^\s>]+)",
                        re.MULTILINE)


def _links_into(pages: list[Any], docs: Path) -> list[str]:
    """The links of the site's other pages to an anchor one of ``pages`` (built) does not
    have, as MkDocs says such a link of the linking page's own check, named at its line:
    a heading renamed here breaks them there. (A reference page's anchors, which
    mkdocstrings makes, are left to the linking pages' checks.)"""
    import difflib
    import posixpath

    anchors = {page.file.src_uri: page.present_anchor_ids for page in pages
               if page.present_anchor_ids is not None
               and not _AUTODOC.search(page.markdown or "")}
    found: list[str] = []
    for path in sorted(docs.rglob("*.md")) if anchors else ():
        src_uri = path.relative_to(docs).as_posix()
        if src_uri in anchors:
            continue  # its own links: MkDocs checks them
        other = Page.read(path)
        text = "\n".join(_prose_of(other))
        for link in _TO_ANCHOR.finditer(text):
            written, anchor = link["page"] or link["defined"], link["anchor"] or link["at"]
            target = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), written))
            if target not in anchors or anchor in anchors[target]:
                continue
            near = difflib.get_close_matches(anchor, sorted(anchors[target]), n=3, cutoff=0.6)
            found.append(
                f"{display_path(path)}:{text.count(chr(10), 0, link.start()) + 1}: Doc file "
                f"'{src_uri}' contains a link '{written}#{anchor}', but the doc '{target}' "
                f"does not contain an anchor '#{anchor}'."
                + (" Its anchors nearest to it: " + ", ".join(f"'#{a}'" for a in near) + "."
                   if near else "")
                + f" (A link to docs/{target}, the page checked: mend it there, or the "
                "heading here.)")
    home = anchors.get("index.md")
    section = _SANDBOX_SECTION.search((ROOT / "hooks" / "site.py").read_text())
    if home is not None and section is not None and section["anchor"] not in home:
        line = (ROOT / "hooks" / "site.py").read_text().count("\n", 0, section.start()) + 1
        near = difflib.get_close_matches(section["anchor"], sorted(home), n=3, cutoff=0.6)
        found.append(f"hooks/site.py:{line}: every endpoint page links to docs/index.md#"
                     f"{section['anchor']} (the note the build writes under its Request "
                     "examples), which docs/index.md does not have"
                     + (": its anchors nearest to it: " + ", ".join(f"'#{a}'" for a in near)
                        if near else "") + ". Change SANDBOX_SECTION there, or the heading")
    return found


#: The home page's anchor that the build's note on every endpoint page links to.
_SANDBOX_SECTION = re.compile(r'^SANDBOX_SECTION = "(?P<anchor>[^"]+)"', re.MULTILINE)


def _prose_of(page: Page) -> list[str]:
    """The lines of ``page`` with what no reader follows as a link blanked (same lengths):
    its fenced blocks, inline code and HTML comments."""
    from hooks.placeholders import code_spans, mask_comments

    lines, comment = [], False
    for line, fenced in zip(page.lines, _in_fences(page), strict=True):
        if fenced:
            lines.append(" " * len(line))
            continue
        line, comment = mask_comments(line, comment)
        lines.append(line)
    # inline code as Markdown reads it: a span may go on past a line's end (kept)
    text = list("\n".join(lines))
    for start, end in code_spans("".join(text)):
        text[start:end] = [c if c == "\n" else " " for c in text[start:end]]
    return "".join(text).split("\n")


def _in_fences(page: Page) -> list[bool]:
    """Whether each line of ``page`` is in a fenced block (its fences' lines included)."""
    inside = [False] * len(page.lines)
    for fence in page.fences:
        for number in range(fence.line - 1, fence.end_line):
            if 0 <= number < len(inside):
                inside[number] = True
    return inside


#: A ``::: identifier`` block, which mkdocstrings renders.
_AUTODOC = re.compile(r"^:::\s", re.MULTILINE)


def _anchored_reference(paths: list[Path], texts: list[str]) -> bool:
    """Whether a page of ``paths`` (with these ``texts``) links to an anchor of a reference
    page (one with a ``:::`` block): then mkdocstrings builds it, for its anchors.

    Example:
        >>> page = ROOT / "docs" / "volumes" / "get.md"
        >>> _anchored_reference([page], ["See [it](../reference/testing.md#nope)."])
        True
        >>> _anchored_reference([page], ["See [it](../reference/testing.md), [x](get.md#y)."])
        False
    """
    for path, text in zip(paths, texts, strict=True):
        for link in _TO_ANCHOR.finditer(text):
            linked = (path.parent / (link["page"] or link["defined"])).resolve()
            if linked.is_file() and _AUTODOC.search(linked.read_text()):
                return True
    return False


def _plugins_for(texts: list[str], anchored_reference: bool = False) -> list[Any]:
    """mkdocs.yml's plugins, less those with nothing to do for pages with these texts.

    ``mkdocs-llmstxt`` reads a page's HTML once it is made, and the theme's ``search``
    indexes it (both after :func:`render_pages` stops); ``mkdocstrings`` renders
    ``::: identifier`` blocks, so it is loaded only for pages that have one, or that link
    to an anchor of a page that has one (``anchored_reference``: that page is built for
    its anchors). Every other plugin stays, with its options.
    """
    plugins = _plugins_config()
    autodoc = anchored_reference or any(_AUTODOC.search(text) for text in texts)

    def name(entry: Any) -> str:
        return entry if isinstance(entry, str) else next(iter(entry))

    skip = {"llmstxt", "search"} | (set() if autodoc else {"mkdocstrings"})
    # a copy: loading the configuration empties mkdocstrings' entry (a second build in
    # this process would find it blank)
    return [copy.deepcopy(entry) for entry in plugins if name(entry) not in skip]


class _Collect(logging.Handler):
    """Keeps the message of each record in ``problems``, unless ``muted``."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(logging.WARNING)
        self.problems, self.muted = problems, False

    def emit(self, record: logging.LogRecord) -> None:
        if not self.muted:
            self.problems.append(record.getMessage())


@contextmanager
def _warnings_to(problems: list[str]) -> Iterator[_Collect]:
    """Collect MkDocs' warnings and errors (which ``--strict`` turns into a failed build)."""
    handler = _Collect(problems)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)


if __name__ == "__main__":  # python -m tests.harness.render PAGE...: the problems, as JSON
    import gc

    # A build of a few pages, in a process that ends with it: its cycles are few, and
    # Python's collector, walking the objects MkDocs and the hooks make, costs a twentieth
    # of its CPU (measured here for docs/workstations/delete.md, eight runs each: 0.76
    # core-s on average without it, 0.80 with it; about 1 MB more at its peak).
    gc.disable()
    print(json.dumps(render_pages([Path(arg) for arg in sys.argv[1:]])[1]))
