"""MkDocs hooks of the docs site: fill each page's placeholders from the stub's OpenAPI.

The pipeline is :data:`RENDERERS`: each renderer fills one placeholder on the pages that
use it. Every placeholder of a page is checked first: an unknown one, or one that cannot
be filled there, fails the build naming the page and line. On endpoint pages (front
matter ``operation: <operationId>``):

``{{ endpoint }}``, ``{{ parameters }}``, ``{{ request_body }}``, ``{{ response }}``,
``{{ schema }}`` (or ``{{ schema <Component> }}`` on any page), ``{{ errors }}``,
``{{ try_it }}``. Anywhere: ``{{ error_codes }}`` (every ``cloudws.errors.ERROR_CODES``
entry), ``{{ operations }}`` (every operation and its page), ``{{ fixtures }}`` (the
sandbox's starting resources), ``{{ machine_types }}`` (every machine type and its size),
``{{ facts }}`` (every fact a page may state).
Inside a sentence: ``{{ fact <name> }}``, a fact read from the stub (:mod:`facts`).

Then the prose is held to the stub (:data:`CHECKS`): a fact written by hand
(:func:`facts.hand_written`) or a status, error code, resource ID or field named in inline
code that the page's operation or the API does not have (:mod:`references`), or a
reference page's ``::: identifier`` or ``members:`` entry that names nothing
(:mod:`autodoc`), fails the build naming the page and line; so does a status, code or ID
in a docstring a reference page shows, or in a description of the OpenAPI document an
endpoint page's tables show, or in what an error code means or asks the reader to do
(:func:`_error_codes_hold`), named at its line of the stub's source. An endpoint page's
title and its label in mkdocs.yml's nav are its operation's summary, and its line in the
llmstxt plugin's sections starts with its request (:func:`_titles_hold`). Endpoint pages
come, in both lists, in the order their operations are declared; any page comes, in the
sections, in the nav's order, once (:func:`_order_holds`). Error codes are linked to their
row of the errors page.
MkDocs' own warning about a link it cannot follow is led by the same ``docs/page.md:line``
(:class:`_LinkLines`), for the build, ``mkdocs serve``, ``cloudws serve`` and the tests,
and one about an anchor that is not there names the target's anchors nearest to it.

After the build, the OpenAPI document is written to ``openapi.json`` at the site root, with
each operation's executed examples as ``x-codeSamples``.

Example (a page):

    ---
    operation: deleteWorkstation
    ---
    # Delete workstation
    ## Endpoint
    {{ endpoint }}
"""

from __future__ import annotations

import difflib
import fnmatch
import json
import logging
import os
import posixpath
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import Any

import autodoc
import code_samples
import facts
import front_matter
import griffe_docstrings
import openapi_blocks as blocks
import placeholders
import references
from mkdocs.exceptions import Abort, PluginError
from mkdocs.utils.meta import get_data

from cloudws import document as stub_document
from cloudws import errors as errors_module
from cloudws import models
from cloudws.document import load_document
from cloudws.errors import ERROR_CODES
from cloudws.operations import OPERATIONS

__all__ = ["CHECKS", "RENDERERS", "Renderer", "on_config", "on_files", "on_page_markdown",
           "on_post_build"]

ERRORS_PAGE = "concepts/errors.md"
#: Said under an endpoint page's "Request examples" heading, where a reader may land
#: first: every example runs from the sandbox as started (docs/index.md says why).
#: The home page's section on the sandbox (its heading's anchor), which that note links to.
SANDBOX_SECTION = "the-sandbox"
FRESH_SANDBOX = (
    "Each example, in each tab, starts from the [sandbox]({home}#" + SANDBOX_SECTION + ") just "
    "started: before you run another, restart the sandbox (Ctrl-C, then `uv run cloudws "
    "serve`), and paste a JavaScript example into a new `node` session.")
#: A fenced block of an example (the languages a page runs).
_EXAMPLE_FENCE = re.compile(r"^[ \t]*(?:`{3,}|~{3,})[ \t]*(?:python|py|js|javascript|bash|sh|"
                            r"console)\b", re.MULTILINE)
MODELS_PAGE = "reference/models.md"

_doc: dict[str, Any] = {}
_pages: dict[str, str] = {}  # operationId -> src_uri of its page, in the nav's order
_first_lines: dict[str, int] = {}  # src_uri -> lines of front matter before its Markdown
_build: dict[str, Any] = {}  # this build's contract and the project's folder


#: What a second build in one process says after an edit of the stub's files, where it
#: cannot start again (not ``mkdocs serve``: a script that builds twice).
STUB_CHANGED = (
    "src/cloudws changed since this process first built the site: its OpenAPI document is "
    "made again from the files, but what the build reads from the stub's modules (its "
    "models, error codes, starting state and what each operation does) are the stub as it "
    "was then, so the pages may be checked against both: build again in a new process")
#: What ``mkdocs serve`` says as it starts again after an edit of the stub's files.
RESTARTING = ("src/cloudws changed: mkdocs serve starts again, to build the site and run "
              "Try it's sandbox with the stub as it is now")
#: What ``mkdocs serve`` says when the site does not build with the edited stub.
RESTART_REFUSED = ("src/cloudws changed, and the site does not build with the stub as it "
                   "is now (mkdocs build --strict, in a new process, says what follows): "
                   "mkdocs serve starts again once it does")
_serving: list[bool] = []  # (set by on_startup: whether this run is mkdocs serve)


def on_startup(*, command: str, dirty: bool) -> None:
    """Remember whether this run serves the site (``mkdocs serve``)."""
    _serving[:] = [command == "serve"]


def on_config(config: Any) -> None:
    """Load the OpenAPI document of the reference stub, and what prose may name.

    After an edit of the stub, ``mkdocs serve`` (which watches ``src/cloudws``) starts
    again in its own process (:func:`restart`), once the document is made from the files
    in a new interpreter: a stub that does not load fails the build here, named, and the
    server waits for the next edit, as it does for a page's mistake."""
    changed = stub_document.changed_since_first_read()
    serving = bool(_serving and _serving[0])
    try:
        document = load_document()
    except RuntimeError as error:
        if serving:  # (said as a rebuild's mistake is, not as a crash with its traceback)
            raise Abort(_where_it_failed(str(error))) from None
        raise
    _doc.clear()
    _doc.update(document)
    if changed and serving:
        restart(config)
    if changed:
        logging.getLogger("mkdocs.hooks.site").warning(STUB_CHANGED)
    autodoc.forget()  # mkdocs serve: the stub's source may have changed since
    _build["root"] = Path(config["config_file_path"] or ".").resolve().parent
    _build["contract"] = references.Contract.build(
        _doc, {code: e.status for code, e in ERROR_CODES.items()}, _fixture_ids(),
        {models.WORKSTATION_ID_PREFIX: ("workstation", models.WORKSTATION_ID_PATTERN),
         models.VOLUME_ID_PREFIX: ("volume", models.VOLUME_ID_PATTERN)},
        {op["operationId"]: op["x-replaced-by"] for item in _doc["paths"].values()
         for op in item.values() if "x-replaced-by" in op},
    )
    _build["titles"] = {e.status: e.title for e in ERROR_CODES.values()}
    _build["config_file"] = Path(config["config_file_path"] or "mkdocs.yml").resolve()
    sections = _sections(config)  # mkdocs.yml read once (a page's check reads the file)
    listed = list(_listed(config, sections))
    _build["llms_configured"] = sections is not None
    _build["listed"] = _grouped(listed)
    _build["order"] = {kind: [uri for k, uri, _ in listed if k == kind]
                       for kind in ("nav", "llms")}
    _build["bare"] = [uri for kind, uri, text in listed if kind == "llms"
                      and (text is None or _PATTERN.search(uri))]
    _LINK_LINES.pages.clear()
    _LINK_LINES.built.clear()
    _LINK_LINES.places.clear()
    links = logging.getLogger("mkdocs.structure.pages")  # where MkDocs validates links
    for stale in [f for f in links.filters if type(f).__name__ == "_LinkLines"
                  and f is not _LINK_LINES]:  # these hooks' loaded from another path
        links.removeFilter(stale)  # by an earlier build in this process (MkDocs names the
        # module by its path): it would place this build's warnings again, from its pages
    if _LINK_LINES not in links.filters:
        links.addFilter(_LINK_LINES)


def _fixture_ids() -> set[str]:
    from cloudws.fixtures import load_fixtures

    fixtures = load_fixtures()
    return {r.id for r in (*fixtures.workstations, *fixtures.volumes)}


def _where_it_failed(said: str) -> str:
    r"""What a stub that does not load says (:func:`cloudws.document.load_document`'s error:
    its last line, then what the new interpreter printed), cut to its last frame: the file
    and line, and the error.

    Example:
        >>> print(_where_it_failed("the stub's OpenAPI document could not be made: "
        ...     "SyntaxError: '(' was never closed\n\nwhat it printed:\nTraceback (most "
        ...     "recent call last):\n  File \"<frozen runpy>\", line 198, in _run_module\n"
        ...     "  File \"/src/cloudws/errors.py\", line 242\n    broken(\n          ^\n"
        ...     "SyntaxError: '(' was never closed\n"))
        the stub's OpenAPI document could not be made: SyntaxError: '(' was never closed
          File "/src/cloudws/errors.py", line 242
            broken(
                  ^
        SyntaxError: '(' was never closed
    """
    head, _, printed = said.partition("\n\nwhat it printed:\n")
    lines = printed.rstrip().splitlines()
    frames = [n for n, line in enumerate(lines) if line.lstrip().startswith('File "')]
    return "\n".join([head, *lines[frames[-1]:]]) if frames else said


def restart(config: Any) -> None:
    """Start this ``mkdocs serve`` again, as it was started (the same process, the same
    arguments: ``sys.orig_argv``), so that its builds and Try it's sandbox import the
    stub's modules as they are now; the browser's page reloads once it serves again.

    First the site is built as it is now in a new process (``mkdocs build --strict``):
    where that fails (a page the edit made wrong), a run started again would stop at its
    first build, so this build fails instead, with what that one said, and the server
    waits for the next edit. The site folder made for this run is removed (the new run
    makes its own)."""
    config_file = Path(config["config_file_path"] or "mkdocs.yml").resolve()
    with tempfile.TemporaryDirectory(prefix="cloudws-serve-check-") as folder:
        done = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--config-file",
             str(config_file), "--site-dir", folder],
            cwd=config_file.parent, capture_output=True, text=True, check=False)
    if done.returncode != 0:  # (said as a rebuild's mistake is, with no traceback of ours)
        raise Abort(f"{RESTART_REFUSED}:\n{(done.stderr + done.stdout).strip()}")
    logging.getLogger("mkdocs.hooks.site").info(RESTARTING)
    for handler in logging.getLogger().handlers + logging.getLogger("mkdocs").handlers:
        handler.flush()
    site = Path(config["site_dir"])
    if site.name.startswith("mkdocs_") and site.parent == Path(tempfile.gettempdir()):
        shutil.rmtree(site, ignore_errors=True)  # (mkdocs serve's own, removed as it ends)
    os.execv(sys.executable, [sys.executable, *sys.orig_argv[1:]])


def on_files(files: Any, config: Any) -> None:
    """Map each operation to the page that declares it in its front matter, in nav order.
    A front matter the site cannot read as it means fails the build before any page is
    built, naming every such page at its line: another page's check would otherwise fail
    first, for the page it links to (a status linked to a page with no operation)."""
    _pages.clear()
    _first_lines.clear()
    _LINK_LINES.docs[:] = [file.src_uri for file in files]
    nav = list(_nav_files(config["nav"] or []))
    pages = sorted(files.documentation_pages(),
                   key=lambda f: nav.index(f.src_uri) if f.src_uri in nav else len(nav))
    problems: list[str] = []
    for file in pages:
        source = file.content_string
        markdown, meta = get_data(source)
        if markdown and source.endswith(markdown):
            _first_lines[file.src_uri] = source[:len(source) - len(markdown)].count("\n")
        path = Path(file.abs_src_path or file.src_uri)
        root = _build.get("root")
        shown = (path.relative_to(root).as_posix() if root and path.is_relative_to(root)
                 else file.src_uri)
        try:
            front_matter.read(source)  # what MkDocs takes for none, without a word
        except front_matter.FrontMatterError as exc:
            problems.append(f"{shown}:{exc.line}: {exc.message}")
            continue
        problems += [f"{shown}:{line}: {message}"
                     for line, message in front_matter.key_problems(source, meta)]
        operation = meta.get("operation")
        if not isinstance(operation, str):  # none, or one told above
            continue
        # the front matter's operation: line, in the page's file as the writer finds it
        where = f"{shown}:{front_matter.line_of(source, 'operation')}"
        try:
            blocks.find_operation(_doc, operation)
        except KeyError as exc:
            problems.append(f"{where}: front matter: {exc.args[0]} (a new operation is "
                            "declared in src/cloudws/operations.py first: see "
                            "docs/contributing.md)")
            continue
        if operation in _pages:
            problems.append(f"{where}: operation {operation} already has a page, "
                            f"docs/{_pages[operation]}")
            continue
        _pages[operation] = file.src_uri
    if problems:
        raise PluginError("\n".join(problems))


def _nav_entries(nav: list[Any]) -> Iterator[tuple[str | None, str]]:
    """Each page of mkdocs.yml's nav (as MkDocs parsed it): its label (None if it has
    none) and its src_uri."""
    for item in nav:
        if isinstance(item, str):
            yield None, _uri(item)
        elif isinstance(item, dict):
            for label, value in item.items():
                yield from ([(str(label), _uri(value))] if isinstance(value, str)
                            else _nav_entries(value))


def _uri(written: str) -> str:
    """A page's path as mkdocs.yml writes it, as MkDocs names the page (``./a.md``: ``a.md``)."""
    return written if "://" in written else PurePosixPath(written).as_posix()


def _nav_files(nav: list[Any]) -> Iterator[str]:
    return (uri for _, uri in _nav_entries(nav))


class _Page:
    """What a renderer needs of the page being built."""

    def __init__(self, page: Any) -> None:
        self.src_uri: str = page.file.src_uri
        source = Path(page.file.abs_src_path or page.file.src_uri)
        root = _build.get("root")
        #: The page's file as the writer finds it: from the project's folder
        #: (docs/workstations/delete.md), or as MkDocs names it if it lies elsewhere.
        self.file: str = (source.relative_to(root).as_posix()
                          if root is not None and source.is_relative_to(root) else self.src_uri)
        self.operation: str = page.meta.get("operation", "")
        self.first_line: int = _first_lines.get(self.src_uri, 0)
        #: ``title:`` in the front matter (the page's title for MkDocs), and its line.
        self.title_meta: str | None = (str(page.meta["title"]) if "title" in page.meta
                                       else None)
        self.title_meta_line: int = (front_matter.line_of(page.file.content_string, "title")
                                     if self.title_meta is not None else 0)

    def link(self, target: str) -> str:
        """A relative link from this page to the page ``target`` (a src_uri)."""
        return posixpath.relpath(target, posixpath.dirname(self.src_uri) or ".")

    def where(self, line: int) -> str:
        """``file:line`` of the 1-based ``line`` of the page's Markdown (front matter
        counted, so that it is the line in the file)."""
        return f"{self.file}:{line + self.first_line}"


@dataclass(frozen=True)
class Renderer:
    """Fills ``{{ name }}`` with ``build(page, placeholder)``: a block alone on its line, or,
    when ``inline``, a phrase inside a sentence."""

    name: str
    build: Callable[[_Page, placeholders.Placeholder], str]
    needs_operation: bool = False
    inline: bool = False

    def __call__(self, markdown: str, page: _Page) -> str:
        return placeholders.fill(markdown, self.name, lambda p: self.build(page, p))


def _schema(page: _Page, p: placeholders.Placeholder) -> str:
    return blocks.schema(_doc, p.arg or page.operation)


def _error_codes(page: _Page, p: placeholders.Placeholder) -> str:
    return blocks.error_codes(_doc, ERROR_CODES, _pages, page.link)


def _fixtures(page: _Page, p: placeholders.Placeholder) -> str:
    from cloudws.fixtures import load_fixtures

    fixtures = load_fixtures()
    lines = ["| Resource | State | Details |", "| --- | --- | --- |"]
    for ws in fixtures.workstations:
        lines.append(f"| workstation `{ws.id}` | {ws.status} | name `{ws.name}`, "
                     f"`{ws.machine_type}`, volumes "
                     + ", ".join(f"`{v}`" for v in ws.volume_ids) + " |")
    for vol in fixtures.volumes:
        kind = "standalone" if vol.standalone else "owned"
        where = f"attached to `{vol.attached_to}`" if vol.attached_to else "detached"
        lines.append(f"| volume `{vol.id}` | {kind}, {where} | {vol.size_gb} GiB |")
    return "\n".join(lines)


#: The pipeline: each renderer fills one placeholder.
RENDERERS: tuple[Renderer, ...] = (
    Renderer("endpoint", lambda page, p: blocks.endpoint(_doc, page.operation), True),
    Renderer("parameters", lambda page, p: blocks.parameters(_doc, page.operation), True),
    Renderer("request_body", lambda page, p: blocks.request_body(_doc, page.operation), True),
    Renderer("response", lambda page, p: blocks.response(
        _doc, page.operation, page.link(MODELS_PAGE)), True),
    Renderer("schema", _schema),
    Renderer("try_it", lambda page, p: blocks.try_it(page.operation), True),
    Renderer("errors", lambda page, p: blocks.errors(_doc, page.operation,
                                                     page.link(ERRORS_PAGE)), True),
    Renderer("error_codes", _error_codes),
    Renderer("operations", lambda page, p: blocks.operations(_doc, _pages, page.link)),
    Renderer("fixtures", _fixtures),
    Renderer("machine_types", lambda page, p: facts.machine_types()),
    Renderer("facts", lambda page, p: facts.table()),
    Renderer("fact", lambda page, p: facts.FACTS[p.arg or ""].read(), inline=True),
)
_BY_NAME = {r.name: r for r in RENDERERS}


def _check(found: list[placeholders.Placeholder], page: _Page) -> None:
    """Fail, naming the page and line, on a placeholder that cannot be filled."""
    schemas = _doc["components"]["schemas"]
    for p in found:
        where = f"{page.where(p.line)}: {{{{ {p.name}{' ' + p.arg if p.arg else ''} }}}}"
        renderer = _BY_NAME.get(p.name)
        if renderer is None:
            raise PluginError(f"{where}: unknown placeholder; known: {', '.join(_BY_NAME)}")
        if p.inline and not renderer.inline:
            meant = _meant(p)  # {{ facts body_limit }}: a fact
            raise PluginError(f"{where} fills a block, alone on its line{meant}" if meant
                              else f"{where} fills a block: write it alone on its line")
        needs_operation = renderer.needs_operation or (p.name == "schema" and not p.arg)
        if needs_operation and not page.operation:
            raise PluginError(f"{where} needs 'operation: <operationId>' in the front matter")
        if p.name == "schema" and p.arg and p.arg not in schemas:
            close = difflib.get_close_matches(p.arg, schemas, n=1)
            raise PluginError(f"{where}: no schema {p.arg!r}"
                              + (f"; did you mean {close[0]!r}?" if close else "")
                              + f" (one of {', '.join(schemas)})")
        if p.name == "fact" and p.arg not in facts.FACTS:
            close = difflib.get_close_matches(p.arg or "", facts.FACTS, n=1)
            raise PluginError(f"{where}: unknown fact"
                              + (f"; did you mean {{{{ fact {close[0]} }}}}?" if close else "")
                              + f" (known: {', '.join(facts.FACTS)})")
        if p.arg and p.name not in _TAKES_ARGUMENT:
            raise PluginError(f"{where} takes no argument{_meant(p)}")


#: The placeholders that take an argument: ``{{ schema Volume }}``, ``{{ fact body_limit }}``.
_TAKES_ARGUMENT = ("schema", "fact")


def _meant(p: placeholders.Placeholder) -> str:
    """": did you mean {{ fact body_limit }}?" for ``{{ facts body_limit }}``: a placeholder
    given an argument, whose name is close to one that takes it; else ""."""
    close = difflib.get_close_matches(p.name, [n for n in _TAKES_ARGUMENT if n != p.name],
                                      n=1) if p.arg else []
    return f": did you mean {{{{ {close[0]} {p.arg} }}}}?" if close else ""


#: A fact's placeholder and the word after it (on the next line too): a unit its value
#: already writes, or one of that unit's kind, reads wrong there ("GiB GiB").
_FACT_AND_WORD = re.compile(r"\{\{\s*fact\s+(?P<name>[a-z_]+)\s*\}\}(?P<after>(?:-|\s+)"
                            r"(?P<word>[A-Za-z]+))\b")


def _placeholder(name: str) -> str:
    """The fact's placeholder, and what it says today."""
    return f"{{{{ fact {name} }}}} ({facts.FACTS[name].read()})"


def _no_hand_written_facts(markdown: str, page: _Page) -> list[str]:
    found = []
    near = _around(markdown)
    for h in facts.hand_written(markdown, placeholders.prose_lines(markdown)):
        # the facts that say it today, if any: the placeholder to write instead, of those
        # whose subject is named around it (another's would say its value of this)
        of_it = [name for name in h.says if facts.said_of(name, near.get(h.line, ""))]
        same = [_placeholder(name) for name in of_it
                if not h.whole or facts.says_all(h.text, name)]
        kin = [_placeholder(name) for name in h.kin
               if facts.said_of(name, near.get(h.line, ""))]
        if not same and not kin and h.says:
            name = h.says[0]
            found.append(
                f"{page.where(h.line)}: {h.stated!r} states {h.shape} by hand: "
                f"{_placeholder(name)} says it of the {facts.FACTS[name].of[0]}, which nothing "
                "around it names: if it is of that, say so and write the fact; of something "
                "else, no fact says it: a value an example shows, a client's own or the old "
                "API's is no fact: write it in backticks, or say it another way")
            continue
        # a bound ("up to 4096") said with a range's fact reads "up to 10 to 2048 GiB"
        around = (", rephrasing around it" if h.shape == "a bound" and any(
            facts.bounded_range(h.text, name) is not None for name in h.kin) else "")
        instead = "" if h.value == h.stated else f" in place of {h.value!r}"
        fix = (f"write {' or '.join(same)}{instead}, read from the stub" if same and h.whole
               else f"say it with {' or '.join(same)}, read from the stub, rephrasing around it"
               if same else
               f"no fact says it today; if it means one of these, its value or unit is wrong: say it "
               f"with {' or '.join(kin)}, read from the stub{around}; a value an example "
               "shows, a client's own (its timeout, its retries) or the old API's is no fact: "
               "write it in backticks, or say it another way" if kin else
               "state the API's facts with {{ fact <name> }}, read from the stub (see "
               "docs/contributing.md); a value an example shows, a client's own (its "
               "timeout, its retries) or the old API's is no fact: write it in backticks, or "
               "say it another way")
        found.append(f"{page.where(h.line)}: {h.stated!r} states {h.shape} by hand: {fix}")
    return found + _read_twice(markdown, page) + _said_of_another(markdown, page, near)


#: A fact's placeholder, by its name.
_FACT_PLACEHOLDER = re.compile(r"\{\{\s*fact\s+(?P<name>[a-z_]+)\s*\}\}")


def _around(markdown: str) -> dict[int, str]:
    """For each line of prose, by number, what is around it: its paragraph (or list), the
    one before it in its section, its section's heading, and the page's title."""
    blocks: list[tuple[str, list[tuple[int, str]]]] = []  # (heading, lines), by paragraph
    heading, block = "", []
    for number, line in [*placeholders.prose_lines(markdown), (0, "")]:
        if not line.strip() or line.startswith("#"):
            if block:
                blocks.append((heading, block))
            heading, block = (line, []) if line.startswith("#") else (heading, [])
        else:
            block.append((number, line))
    title = next((line for _, line in placeholders.prose_lines(markdown)
                  if line.startswith("# ")), "")
    around = {}
    for i, (heading, block) in enumerate(blocks):
        before = blocks[i - 1][1] if i and blocks[i - 1][0] == heading else []
        text = re.sub(r"\{\{[^}]*\}\}", " ", "\n".join(  # (a placeholder names no subject)
            [title, heading, *(line for _, line in [*before, *block])]))
        around |= dict.fromkeys((number for number, _ in block), text)
    return around


def _said_of_another(markdown: str, page: _Page, around: Mapping[int, str]) -> list[str]:
    """Each placeholder that nothing around it (:func:`_around`) names what its fact is of
    (:func:`facts.said_of`): "A cursor expires after {{ fact idempotency_key_ttl }}" says a
    key's time of a cursor, and "{{ fact disk_size_default }} workstations a page" a
    volume's size of a page. ``around`` is :func:`_around`'s."""
    found = []
    for number, line in placeholders.prose_lines(markdown):
        for match in _FACT_PLACEHOLDER.finditer(placeholders.mask_code(line)):
            name = match["name"]
            if name not in facts.FACTS or facts.said_of(name, around.get(number, line)):
                continue
            fact = facts.FACTS[name]
            found.append(
                f"{page.where(number)}: {{{{ fact {name} }}}} ({fact.read()}) is of the "
                f"{fact.of[0]}, but its paragraph, the one before it, its heading and the "
                f"page's title name none ({', '.join(repr(word) for word in fact.of)}): say what it is of; "
                "what it says of something else is no fact, whatever its value")
    return found


def _read_twice(markdown: str, page: _Page) -> list[str]:
    """Each placeholder whose sentence says again what its fact says, named at its line: a
    unit after it ("{{ fact disk_size }} GiB"), a bound before a range ("up to {{ fact
    disk_size }}"), an ID's prefix before it ("`vol-` and {{ fact volume_id }}")."""
    lines = dict(placeholders.prose_lines(markdown))
    found = []
    for run in facts.runs(lines.items()):  # a sentence, wrapped or not
        masked = "\n".join(line for _, line in run)  # its code blanked: no placeholder there
        text = "\n".join(lines[number] for number, _ in run)  # its code as written

        def where(at: int, run: list[tuple[int, str]] = run, masked: str = masked) -> str:
            return page.where(run[masked.count("\n", 0, at)][0])

        found += [*_unit_twice(masked, where), *_opening_twice(text, masked, where),
                  *_bound_of_a_range(masked, where)]
    return found


def _unit_twice(masked: str, where: Callable[[int], str]) -> Iterator[str]:
    """A unit after a placeholder whose fact writes one of its kind ("GiB GiB")."""
    for match in _FACT_AND_WORD.finditer(masked):
        name, word = match["name"], match["word"]
        if name in facts.FACTS and facts.writes_unit(name, word):
            said = facts.FACTS[name].read()
            yield (f"{where(match.start())}: {{{{ fact {name} }}}} {word}: the fact says "
                   f"{said!r}, its unit with it, so the page would read '{said} {word}': drop "
                   f"the {match['after'].strip()!r} after it")


def _bound_of_a_range(masked: str, where: Callable[[int], str]) -> Iterator[str]:
    """A bound before a placeholder whose fact says a range ("up to {{ fact disk_size }}",
    which would read "up to 10 to 2048 GiB"), with the fact of the end it means when there
    is one."""
    for match in facts.BOUND_BEFORE_FACT.finditer(masked):
        name, bound = match["name"], " ".join(match["bound"].split())
        ends = facts.bounded_range(bound, name) if name in facts.FACTS else None
        if ends is None:
            continue
        said = facts.FACTS[name].read()
        fix = (f"write {' or '.join(_placeholder(end) for end in ends)} for its end" if ends
               else f"no fact says its end alone: drop the {bound!r} and say the range, "
                    "rephrasing around it")
        yield (f"{where(match.start('name'))}: {bound} {{{{ fact {name} }}}}: the fact says "
               f"{said!r}, a range, so the page would read '{bound} {said}': {fix}")


#: A fact's placeholder and up to three words before it, in the same sentence.
_WORDS_AND_FACT = re.compile(r"(?P<before>(?:[^\s.!?:;{}]+[ \t\n]+){0,3}[^\s.!?:;{}]*)"
                             r"\{\{\s*fact\s+(?P<name>[a-z_]+)\s*\}\}")


def _opening_twice(text: str, masked: str, where: Callable[[int], str]) -> Iterator[str]:
    """A placeholder whose fact opens with what the words just before it write ("`vol-`
    and {{ fact volume_id }}", which would read "`vol-` and `vol-` and 5 to 32 ..."), with
    what to drop. ``text`` is the sentence with its code as written, ``masked`` blanked."""
    for match in _WORDS_AND_FACT.finditer(text):
        name = match["name"]
        opens = (facts.opening(name) if name in facts.FACTS
                 and masked[match.end("before")] == "{" else "")
        # the prefix alone ("`vol-`", "vol- and"), not in an ID ("`vol-data1`", "evol-")
        alone = list(re.finditer(rf"`?(?<![\w-]){re.escape(opens)}(?!\w)",
                                 match["before"])) if opens else []
        if not alone:
            continue
        written = re.sub(r"\s+", " ", match["before"][alone[-1].start():])
        said = facts.FACTS[name].read()
        yield (f"{where(match.start('name'))}: {{{{ fact {name} }}}}: the fact says {said!r}, "
               f"{opens!r} with it, so the page would read '{written}{said}': drop the "
               f"{written.strip()!r} before it")


def _references_hold(markdown: str, page: _Page) -> list[str]:
    root: Path = _build["root"]
    target = references.Page(page.src_uri, page.operation or None,
                             {src: op for op, src in _pages.items()},
                             lambda path: (root / path).read_text())
    return [f"{page.where(p.line)}: {p.message}{p.advice}"
            for p in references.check(markdown, target, _build["contract"], _build["titles"])]


def _descriptions_hold(markdown: str, page: _Page) -> list[str]:
    if not page.operation:
        return []
    return _description_problems(page.operation, f"the tables of {page.file} show")


def _description_problems(operation: str | None, shown_by: str) -> list[str]:
    """The problems of the OpenAPI document's descriptions (those ``operation``'s page
    shows, or all), each named at its line of the stub's source and said once."""
    problems = references.description_problems(_doc, _build["contract"], _build["titles"],
                                               operation)
    if not problems:
        return []
    root: Path = _build["root"]
    sources = {module.relative_to(root).as_posix(): module.read_text(encoding="utf-8")
               for module in sorted((root / "src" / "cloudws").glob("*.py"))}
    found: dict[tuple[str, str], list[str]] = {}  # one description is in several places
    for pointer, text, problem in problems:
        source = references.source_place(text, sources, pointer, problem.text)
        places = found.setdefault((source or "openapi.json", problem.message), [])
        if pointer not in places:  # a description that says it twice is one place
            places.append(pointer)
    return [f"{source}: the description at {pointers[0]} of the OpenAPI document"
            + (f" (and {len(pointers) - 1} more place{'s' if len(pointers) > 2 else ''})"
               if len(pointers) > 1 else "")
            + f", which {shown_by}: {message}"
            for (source, message), pointers in found.items()]


#: MkDocs' warning about a link it cannot follow, which names the page but no line.
_LINK_WARNING = re.compile(
    r"^Doc file '(?P<page>[^']+)' contains (?:an? [\w ]*link) '(?P<link>[^']+)'")
#: MkDocs' warning of a link to a page that is not there (``target``: the page it names).
_NO_PAGE = re.compile(r"but the target '(?P<target>[^']+)' is not found among documentation "
                      r"files")
#: MkDocs' warning, once per page and link, of an anchor the target does not have.
_NO_ANCHOR = re.compile(r"but (?:the doc '(?P<doc>[^']+)' does not contain an anchor|there is "
                        r"no such anchor on this page)")


#: A link's target: inline (``[text](target)``, ``[text](<target>)``), or defined for a
#: reference-style link (``[name]: target``, in a tab or a list too), where it is mended.
_TARGETS = re.compile(r"\]\(<?([^)\s>]+)|^\s*\[[^\]]+\]:\s*<?([^\s>]+)")


class _LinkLines(logging.Filter):
    """Leads MkDocs' warning about a link it cannot follow with the page's file and line
    (``docs/x.md:12: Doc file 'x.md' contains a link 'y.md', but ...``), as every other
    problem of the build is named: the n-th warning about a target of a page is placed
    at the n-th Markdown link to it in the page; the one warning about an anchor that is
    not there, at every link to it, with the target's anchors nearest to it, if any is
    near."""

    def __init__(self) -> None:
        super().__init__()
        self.pages: dict[str, tuple[_Page, str]] = {}  # src_uri -> the page, its Markdown
        self.built: dict[str, Any] = {}  # src_uri -> MkDocs' page (its anchors, once built)
        #: (page, link) -> where each link to it is, with its line's text
        self.places: dict[tuple[str, str], list[tuple[str, str]]] = {}
        self.docs: list[str] = []  # every file's src_uri, for a link to one that is not

    def filter(self, record: logging.LogRecord) -> bool:
        match = _LINK_WARNING.match(record.getMessage())
        if match is not None and match["page"] in self.pages:
            key = (match["page"], match["link"])
            if key not in self.places:
                page, markdown = self.pages[match["page"]]
                self.places[key] = [(page.where(number), line)
                                    for number, line in enumerate(markdown.split("\n"), 1)
                                    for inline, defined in _TARGETS.findall(line)
                                    if match["link"] in (inline, defined)]
            message, places = record.getMessage(), self.places[key]
            missing = _NO_ANCHOR.search(message)
            if missing is not None:
                message += self._nearest(missing["doc"] or match["page"],
                                         match["link"].partition("#")[2])
            absent = _NO_PAGE.search(message)
            if absent is not None:
                titled = _titled_page(places[0][1] if places else "", match["link"])
                message = (re.sub(r" Did you mean '[^']*'\?$", "", message) + (  # (by spelling)
                    f" Its text is the title of "
                    f"'{posixpath.relpath(titled, posixpath.dirname(match['page']) or '.')}'."
                    if titled else self._nearest_page(match["page"], absent["target"])))
            # MkDocs says an anchor that is not there once per page and link: at every line
            if missing is not None and len(places) > 1:
                said = [f"{where}: {message}" for where in dict.fromkeys(w for w, _ in places)]
                places[:] = []
                record.msg, record.args = "\n".join(said), ()
            elif places:
                record.msg, record.args = f"{places.pop(0)[0]}: {message}", ()
            elif match["link"].endswith(f"index.md#{SANDBOX_SECTION}"):  # the build's note
                record.msg, record.args = (f"{_sandbox_section_line()}: {message} (the note "
                                           "the build writes under every endpoint page's "
                                           "Request examples: FRESH_SANDBOX)"), ()
            elif missing is not None:
                record.msg, record.args = message, ()
        return True

    def _nearest_page(self, page: str, target: str) -> str:
        """`` Did you mean 'start.md'?``: the page nearest to ``target``, the page the link
        of ``page`` names (both src_uris), as that link would write it; or nothing, if none
        is near.

        Example:
            >>> lines = _LinkLines()
            >>> lines.docs[:] = ["index.md", "workstations/start.md", "volumes/get.md"]
            >>> lines._nearest_page("workstations/stop.md", "workstations/strat.md")
            " Did you mean 'start.md'?"
            >>> lines._nearest_page("workstations/stop.md", "volume/get.md")
            " Did you mean '../volumes/get.md'?"
            >>> lines._nearest_page("index.md", "changelog.md")
            ''
        """
        kind = posixpath.splitext(target)[1]  # a page for a page, a picture for a picture
        near = difflib.get_close_matches(
            target, [d for d in self.docs if posixpath.splitext(d)[1] == kind], n=1, cutoff=0.8)
        if not near:
            return ""
        written = posixpath.relpath(near[0], posixpath.dirname(page) or ".")
        return f" Did you mean '{written}'?"

    def _nearest(self, doc: str, anchor: str) -> str:
        """`` Its anchors nearest to it: '#x', '#y'.``: up to three of the page ``doc``'s
        anchors (its headings', its rows'...; not the theme's own, ``__tabbed_1_1``, nor
        those inside a picture), the nearest first; or nothing, if none is near."""
        ids = _Ids()
        ids.feed(getattr(self.built.get(doc), "content", None) or "")
        near = difflib.get_close_matches(
            anchor, [i for i in dict.fromkeys(ids.found) if not i.startswith("__")], n=3,
            cutoff=0.6)
        return (" Its anchors nearest to it: " + ", ".join(f"'#{i}'" for i in near) + "."
                if near else "")


_LINK_LINES = _LinkLines()


def _sandbox_section_line() -> str:
    """``hooks/site.py:N``, the line that names :data:`SANDBOX_SECTION`."""
    lines = Path(__file__).read_text().split("\n")
    return f"hooks/site.py:{next(n for n, line in enumerate(lines, 1) if line.startswith('SANDBOX_SECTION ='))}"


class _Ids(HTMLParser):
    """The ``id`` of every element of a page's HTML, but those inside a picture (``svg``).

    Example:
        >>> ids = _Ids()
        >>> ids.feed('<h2 id="a&amp;b">x</h2><code>&lt;a id="c"&gt;</code>'
        ...          "<svg><g id='d'/></svg><p id='e'>y</p>")
        >>> ids.found
        ['a&b', 'e']
    """

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._pictures = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "svg":
            self._pictures += 1
        if not self._pictures:
            self.found += [value for name, value in attrs if name == "id" and value]

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "svg":
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg" and self._pictures:
            self._pictures -= 1


def _autodoc_resolves(markdown: str, page: _Page) -> list[str]:
    return [f"{page.where(line)}: {message}" for line, message in autodoc.check(markdown)]


def _docstrings_hold(markdown: str, page: _Page) -> list[str]:
    """The prose of each docstring a reference page shows (:func:`autodoc.shown_docstrings`;
    its examples are the doctests'), a model field's description among them, held to what
    the page's is: no fact written by hand, and no status, error code or resource ID the
    API does not have (an ID its examples show is one shown). Each problem is named at its
    line of the stub's source, where it is fixed (a description, at its field's line)."""
    root: Path = _build["root"]
    found = []
    for line, obj in autodoc.shown_docstrings(markdown):
        docstring = obj.docstring
        prose = griffe_docstrings.prose_of(docstring.value)
        examples = "\n".join(  # what prose_of blanked: the doctests' lines
            line for line, kept in zip(griffe_docstrings.to_markdown(docstring.value).split("\n"),
                                       prose.split("\n"), strict=True) if line != kept)
        source = Path(obj.filepath)
        file = source.relative_to(root).as_posix() if source.is_relative_to(root) else source
        if docstring.lineno is None:  # a field's description
            what, first = "the description", obj.lineno
        else:  # its text starts on the line of its opening quotes, or on the next
            opening = docstring.source.split("\n", 1)[0].strip().lstrip("rRuUbBfF")
            what, first = "the docstring", docstring.lineno + (opening in ('"""', "'''"))

        def where(number: int, first: int = first, file: Any = file,
                  fixed: bool = docstring.lineno is None) -> str:
            return f"{file}:{first if fixed else first + number - 1}"

        shown = f"{what} of {obj.path}, which {page.where(line)} shows"
        for h in facts.hand_written(prose, placeholders.prose_lines(prose)):
            constants = sorted({facts.FACTS[name].source for name in h.says})
            fix = (f"name {' or '.join(constants)} instead" if constants else
                   "if it is a fact of the API, name the constant it comes from instead; any "
                   "other number, say another way or write in backticks")
            found.append(f"{where(h.line)}: {shown}: {h.text!r} states {h.shape} by hand: "
                         f"{fix} (a value an example shows is checked by the doctests)")
        target = references.Page(page.src_uri, None)
        found += [f"{where(p.line)}: {shown}: {p.message}{p.advice}"
                  for p in references.check(prose, target, _build["contract"], _build["titles"],
                                            names=False, shown_elsewhere=examples)]
    return found


def _listings(config: Any) -> dict[str, list[tuple[str, str]]]:
    """Where mkdocs.yml lists each page, as MkDocs parsed it: src_uri -> (``nav`` and its
    label, or ``llms`` and its description in the llmstxt plugin's sections).

    Example:
        >>> from types import SimpleNamespace
        >>> sections = {"Workstations": [{"workstations/stop.md": "POST /v1/x"}]}
        >>> config = {"nav": [{"Workstations": [{"Stop workstation": "workstations/stop.md"}]}],
        ...           "plugins": {"llmstxt": SimpleNamespace(config={"sections": sections})}}
        >>> _listings(config)
        {'workstations/stop.md': [('nav', 'Stop workstation'), ('llms', 'POST /v1/x')]}
    """
    return _grouped(_listed(config))


def _grouped(listed: Iterable[tuple[str, str, str | None]]) -> dict[str, list[tuple[str, str]]]:
    found: dict[str, list[tuple[str, str]]] = {}
    for kind, uri, text in listed:
        if text is not None:
            found.setdefault(uri, []).append((kind, text))
    return found


#: A path in the llmstxt plugin's sections that is a pattern (mkdocs-llmstxt expands it).
_PATTERN = re.compile(r"[*?\[]")


def _sections(config: Any) -> dict[str, Any] | None:
    """The llmstxt plugin's sections, or None where mkdocs.yml has no such plugin."""
    llms = config["plugins"].get("llmstxt")
    if llms is not None:
        return llms.config["sections"] or {}
    return _sections_as_written(config.get("config_file_path"))


def _listed(config: Any, sections: dict[str, Any] | None = None
            ) -> Iterator[tuple[str, str, str | None]]:
    """Each page as mkdocs.yml lists it, in its order: in the nav (``nav``, with its label,
    or None), then in the llmstxt plugin's sections (``llms``, with its description, or
    None for an entry that is a path or a pattern alone, or whose description is empty)."""
    for label, uri in _nav_entries(config["nav"] or []):
        yield "nav", uri, label
    for items in ((sections if sections is not None else _sections(config)) or {}).values():
        for item in items or []:
            entries = ([(item, None)] if isinstance(item, str)  # a path, or a pattern, alone
                       else list(item.items()) if isinstance(item, dict) else [])
            for uri, text in entries:
                described = " ".join(str(text).split()) if text is not None else ""
                yield "llms", _uri(uri), described or None


def _sections_as_written(config_file: str | None) -> dict[str, Any] | None:
    """The llmstxt plugin's ``sections`` as mkdocs.yml writes them, for a build that does not
    load the plugin (a page's check leaves it out: it writes llms.txt only at the end);
    None where it has no such plugin.

    Example:
        >>> import pathlib, tempfile
        >>> def sections(text):
        ...     with tempfile.TemporaryDirectory() as folder:
        ...         path = pathlib.Path(folder) / "mkdocs.yml"
        ...         path.write_text(text)
        ...         return _sections_as_written(str(path))
        >>> sections("plugins:\\n  - search\\n  - llmstxt:\\n      sections:\\n"
        ...          "        API:\\n          - a.md: what a reader finds there\\n")
        {'API': [{'a.md': 'what a reader finds there'}]}
        >>> sections("plugins:\\n  - search\\n  - llmstxt\\n")  # listed bare: no sections
        {}
        >>> sections("plugins:\\n  search: {}\\n  llmstxt: {}\\n"), sections("plugins: [search]\\n")
        ({}, None)
    """
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.utils.yaml import get_yaml_loader, yaml_load

    if not config_file:
        return None
    try:
        with open(config_file, encoding="utf-8") as f:  # MkDocs' loader: !ENV, !relative
            written = yaml_load(f, get_yaml_loader(config=MkDocsConfig(config_file_path=config_file)))
    except OSError:
        return None
    plugins = (written or {}).get("plugins") or []
    entries = plugins.items() if isinstance(plugins, dict) else (
        next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        for entry in plugins if isinstance(entry, (dict, str)))
    return next(((options or {}).get("sections") or {} for name, options in entries
                 if name == "llmstxt"), None)


def _config_line(kind: str, uri: str, text: str, nth: int = 0) -> str:
    """``mkdocs.yml:<line>``: the line that lists ``uri`` with ``text`` (its label or the
    start of its description) in the nav (``kind`` ``nav``) or the llmstxt plugin's entry
    (``llms``), or else the first that lists it there (with ``nth``, the nth after it);
    comments skipped. ``mkdocs.yml`` alone if none does."""
    path: Path = _build["config_file"]
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        lines = []
    start = re.compile(r"^(['\"]?)nav\1\s*:" if kind == "nav"
                       else r"^\s*(?:- )?(['\"]?)llmstxt\1\s*:")
    naming = re.compile(rf"(?:^|[\s:'\"])(?:\./)?{re.escape(uri)}(?![\w/.-])")
    indent, listing = None, []  # the indent of the line that starts the place, once found
    for number, line in enumerate(lines, 1):
        stripped = line.lstrip()
        if indent is None:
            indent = len(line) - len(stripped) if start.match(line) else None
            continue
        if not stripped or stripped.startswith("#"):
            continue
        if (not line.startswith((" ", "\t", "-")) if kind == "nav"  # the next top-level key
                else len(line) - len(stripped) <= indent):  # the next plugin, or option
            break
        if naming.search(line.split(" #")[0]):
            listing.append((number, line))
    words = text.split()[:3]
    number = next((n for n, line in listing if all(word in line for word in words)),
                  listing[0][0] if listing else None)
    if nth:
        number = listing[nth][0] if nth < len(listing) else number
    root: Path = _build["root"]
    shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
    return f"{shown}:{number}" if number else shown


#: A heading's attribute list (``{ #anchor }``), and an ATX heading's closing hashes.
_HEADING_TAIL = re.compile(r"(?:\s*\{[^{}]*\})?\s*#*\s*$")


#: An HTML block's first line (a block-level tag at the start of a line), which Python-Markdown
#: keeps as raw HTML up to its closing tag, unless it asks for Markdown inside.
_HTML_BLOCK = re.compile(r"^<(?P<tag>address|article|aside|blockquote|details|div|dl|fieldset|"
                         r"figure|footer|form|header|ol|p|pre|section|table|ul)\b(?P<attrs>[^>]*)>",
                         re.IGNORECASE)
#: Inline markup of a heading's text: code, strong and emphasis (MkDocs' title is the text).
_INLINE = re.compile(r"`+([^`]+)`+|\*\*?([^*]+)\*\*?|(?<!\w)__?([^_]+)__?(?!\w)")


def _title(markdown: str) -> tuple[int, str] | None:
    """The page's title as Python-Markdown reads it: its first level-1 heading (``# T``,
    ``#T``, ``# T #``, or ``T`` underlined with ``=``), outside fenced code, HTML blocks and
    comments, as text (without its attribute list, code marks or emphasis); and its
    1-based line.

    Example:
        >>> _title("<!-- # not this -->\\n```\\n# nor this\\n```\\n#Stop it { #s } #\\n")
        (5, 'Stop it')
        >>> _title("Intro\\n\\nStop *it*\\n=======\\n")
        (3, 'Stop it')
        >>> _title("```text\\n```yaml\\n# a comment\\n```\\n<div>\\n# raw\\n</div>\\n\\n# `Stop` it\\n")
        (9, 'Stop it')
    """
    text = re.sub(r"<!--.*?-->", lambda m: re.sub(r"[^\n]", " ", m[0]), markdown,
                  flags=re.DOTALL)
    lines, fence, html = text.split("\n"), "", ""
    for index, line in enumerate(lines):
        if fence:  # closed by a line of the same marks, as many or more, and nothing else
            closing = re.fullmatch(r" {0,3}(`{3,}|~{3,})\s*", line)
            if closing and closing[1][0] == fence[0] and len(closing[1]) >= len(fence):
                fence = ""
            continue
        if html:
            if re.search(rf"</{html}\s*>", line, re.IGNORECASE):
                html = ""
            continue
        opening = re.match(r" {0,3}(`{3,})[^`]*$| {0,3}(~{3,})", line)
        if opening:
            fence = opening[1] or opening[2]
            continue
        block = _HTML_BLOCK.match(line)
        if block and "markdown" not in block["attrs"]:
            if not re.search(rf"</{block['tag']}\s*>", line, re.IGNORECASE):
                html = block["tag"]
            continue
        atx = re.match(r"#(?!#)(.*)$", line)
        setext = (line.strip() and index + 1 < len(lines)
                  and re.fullmatch(r"=+\s*", lines[index + 1]) is not None)
        if atx or setext:
            heading = _HEADING_TAIL.sub("", atx[1] if atx else line).strip()
            return index + 1, _INLINE.sub(lambda m: next(g for g in m.groups() if g), heading)
    return None


def _order_holds(markdown: str, page: _Page) -> list[str]:
    """A page comes where it belongs among its neighbours, in mkdocs.yml's nav and in the
    llmstxt plugin's sections: two endpoint pages in the order the declaration
    (``src/cloudws/operations.py``) declares their operations; in the sections, any other
    two in the nav's order. Listed twice in either, it is named at its second listing;
    listed in the sections with no description (a path alone), or by a pattern, at that
    one; in the nav but not in the sections, at the page's first line."""
    order = _build.get("order", {})
    declared = {operation: n for n, operation in enumerate(OPERATIONS)}
    operation_of = {uri: op for op, uri in _pages.items() if op in declared}
    nav = {uri: n for n, uri in reversed(list(enumerate(order.get("nav", []))))}
    docs = page.file[:len(page.file) - len(page.src_uri)]  # docs/, as the writer finds it

    def out_of_order(first: str, then: str) -> str | None:
        """Why ``first`` may not come before ``then``, or None."""
        if first in operation_of and then in operation_of:
            a, b = operation_of[first], operation_of[then]
            return None if declared[a] < declared[b] else (
                f"src/cloudws/operations.py declares {b} before {a}: list the endpoint "
                "pages in the order it declares their operations")
        if first in nav and then in nav and nav[first] > nav[then]:
            return f"the nav lists {docs}{first} after {docs}{then}: list the pages in its order"
        return None

    found = []
    written = order.get("llms", [])
    if (page.src_uri in nav and _build.get("llms_configured")
            and not any(fnmatch.fnmatchcase(page.src_uri, uri) for uri in written)):
        # where: beside its neighbour in the nav that the sections list, one of its own
        # folder (its section) where there is one
        listed = [uri for uri in order.get("nav", [])
                  if any(fnmatch.fnmatchcase(uri, entry) for entry in written)]
        before = [uri for uri in listed if nav[uri] < nav[page.src_uri]]
        after = [uri for uri in listed if nav[uri] > nav[page.src_uri]]
        folder = posixpath.dirname(page.src_uri)
        near = [(f"after {docs}{before[-1]}", before[-1])] if before else []
        near += [(f"before {docs}{after[0]}", after[0])] if after else []
        ours = [said for said, uri in near if posixpath.dirname(uri) == folder]
        place = f", {(ours or [said for said, _ in near])[0]}" if near else ""
        its = OPERATIONS.get(page.operation or "")
        found.append(f"{page.file}:1: not in the llmstxt plugin's sections in mkdocs.yml: add "
                     f"it there{place}, with a one-line description"
                     + (f" starting with its request, {its.method} {its.path}"
                        if its is not None else "")
                     + ", so that llms.txt lists it")
    for bare in _build.get("bare", []):
        if bare == page.src_uri:
            found.append(f"{_config_line('llms', bare, '')}: the llmstxt plugin lists "
                         f"{page.file} with no description, and llms.txt would show its link "
                         f"alone: write what a reader finds there after it, as "
                         f"'- {page.src_uri}: <one line>'")
        elif _PATTERN.search(bare) and fnmatch.fnmatchcase(page.src_uri, bare):
            found.append(f"{_config_line('llms', bare, '')}: the llmstxt plugin lists "
                         f"{docs}{bare}, a pattern (and so {page.file}), which gives each "
                         "page it stands for one description, or none: list each page on a "
                         f"line of its own, as '- {page.src_uri}: <what a reader finds there>'")
    for kind, name in (("nav", "the nav"), ("llms", "the llmstxt plugin")):
        written = order.get(kind, [])
        text = next((text for k, text in _build["listed"].get(page.src_uri, []) if k == kind),
                    "")
        if written.count(page.src_uri) > 1:
            found.append(f"{_config_line(kind, page.src_uri, text, nth=1)}: {name} lists "
                         f"{page.file} a second time: list it once")
        listed = [uri for uri in dict.fromkeys(written)
                  if kind == "llms" or uri in operation_of]
        if page.src_uri not in listed:
            continue
        at = listed.index(page.src_uri)
        pairs = [(listed[at - 1], page.src_uri)] if at else []
        pairs += [(page.src_uri, listed[at + 1])] if at + 1 < len(listed) else []
        for first, then in pairs:
            why = out_of_order(first, then)
            if why is not None:
                where = ("after", first) if then == page.src_uri else ("before", then)
                found.append(f"{_config_line(kind, page.src_uri, text)}: {name} lists "
                             f"{page.file} {where[0]} {docs}{where[1]}, but {why}")
    return found


def _titles_hold(markdown: str, page: _Page) -> list[str]:
    """An endpoint page's title (its first heading, or ``title:`` in its front matter) and
    its label in the nav are its operation's summary, and its description in the llmstxt
    plugin's sections starts with the operation's request: what the declaration
    (``src/cloudws/operations.py``) says, and the OpenAPI document and the home page's
    table of operations show."""
    if not page.operation:
        return []
    try:
        method, path, operation = blocks.find_operation(_doc, page.operation)
    except KeyError:
        return []  # named by the placeholders' check
    summary, request = operation.get("summary", ""), f"{method.upper()} {path}"
    declared = f"{page.operation}'s summary in src/cloudws/operations.py, {summary!r}"
    found = []
    if page.title_meta is not None and page.title_meta != summary:
        found.append(f"{page.file}:{page.title_meta_line}: the front matter's title "
                     f"{page.title_meta!r} is not {declared}: write that, or no title there")
    title = _title(markdown)
    if title is not None and title[1] != summary:
        found.append(f"{page.where(title[0])}: the title {title[1]!r} is not {declared}: "
                     "write that")
    for kind, text in _build.get("listed", {}).get(page.src_uri, []):
        if kind == "nav" and text != summary:
            found.append(f"{_config_line(kind, page.src_uri, text)}: the nav calls {page.file} "
                         f"{text!r}, not {declared}: write that")
        elif kind == "llms" and not re.match(rf"{re.escape(request)}(?![\w/{{}}?-])", text):
            found.append(f"{_config_line(kind, page.src_uri, text)}: llms.txt describes "
                         f"{page.file} as {text!r}, which does not start with its operation's "
                         f"request, {request}: start with it")
        elif kind == "llms" and (why := _only_problem(text, page.operation)):
            found.append(f"{_config_line(kind, page.src_uri, text)}: llms.txt describes "
                         f"{page.file} as {text!r}: {why}")
    return found


#: In a description, the workstations an operation takes, in brackets: "(stopped only)",
#: "(only when running)", "(not running only)".
_ONLY = re.compile(r"\((?P<said>[^()]*\bonly\b[^()]*)\)", re.IGNORECASE)


def _only_problem(text: str, operation: str) -> str | None:
    """What is wrong with the states ``text`` says, in brackets with "only", that
    ``operation`` alone takes ("(stopped only)", "(only when running)", "(not running
    only)": every state but that one): the states whose workstation its example succeeds on
    in the sandbox (:func:`references.answers_by_state`) are others; None if they are
    those, or it says no state (a volume's kinds are not read)."""
    answers = references.answers_by_state().get(operation)
    only = _ONLY.search(text)
    if answers is None or only is None:
        return None
    words = re.findall(r"[a-z]+", only["said"].lower())
    said = {word for n, word in enumerate(words) if word in answers
            and "not" not in words[max(0, n - 2):n]}
    denied = {word for n, word in enumerate(words) if word in answers and word not in said}
    taken = {state for state, code in answers.items() if code is None}
    if not said and not denied or not taken or (said or set(answers) - denied) == taken:
        return None  # (taken in no state: its example is refused, which the suite tells)
    refused = "; ".join(f"a {state} one gets {ERROR_CODES[code].status} {code}"
                        for state, code in sorted(answers.items()) if code is not None)
    return (f"in the sandbox it takes a workstation that is "
            f"{' or '.join(sorted(taken)) or 'in no state'}"
            + (f" ({refused})" if refused else ", whatever its state")
            + ": say so, or take the brackets out")


_ERROR_CODES_TABLE = re.compile(r"\{\{\s*error_codes\s*\}\}")


def _error_codes_hold(markdown: str, page: _Page) -> list[str]:
    """On the page that shows every error code (``{{ error_codes }}``), what each says it
    means and what to do, held as a description of the OpenAPI document is (the whole
    API its scope), each problem named at its line of ``src/cloudws/errors.py``."""
    if not _ERROR_CODES_TABLE.search(markdown) or not any(
            p.name == "error_codes" for p in placeholders.find(markdown, _BY_NAME)):
        return []  # (a page that writes `{{ error_codes }}` in code shows no table)
    root: Path = _build["root"]
    path = Path(errors_module.__file__ or "errors.py").resolve()  # the stub's, wherever built
    shown = (path.relative_to(root).as_posix() if path.is_relative_to(root)
             else "src/cloudws/errors.py")
    source = path.read_text(encoding="utf-8").split("\n")
    api = references.Page("openapi.json", None)
    found = []
    for error in ERROR_CODES.values():
        # its own entry, ErrorCode("<code>", ...), the rest blanked: the same words in
        # two entries are each found in their own
        first = next((n for n, line in enumerate(source) if f'"{error.code}",' in line), 0)
        start = next((n for n in range(first, -1, -1) if "ErrorCode(" in source[n]), 0)
        end = next((n for n in range(first + 1, len(source)) if "ErrorCode(" in source[n]),
                   len(source))
        sources = {shown: "\n".join(line if start <= n < end else ""
                                    for n, line in enumerate(source))}
        for what, text in (("meaning", error.meaning), ("remedy", error.remedy)):
            for problem in references.check(text, api, _build["contract"], _build["titles"],
                                            document=True):
                where = (references.source_place(text, sources, "", problem.text)
                         or f"{shown}:{first + 1}")  # made by code: at its entry's code
                found.append(f"{where}: {error.code}'s {what}, which {page.file} shows: "
                             f"{problem.message}")
    return found


_EXAMPLE_TAB = re.compile(r'^=== "Example"[ \t]*$', re.MULTILINE)
_INCLUDED = re.compile(r"""^[ \t]*-{1,}8<-{1,}[ \t]+(?P<quote>["'])(?P<path>.+?)(?P=quote)[ \t]*$""",
                       re.MULTILINE)


def _titles_pages() -> dict[str, set[str]]:
    """Each endpoint page's title (its operation's summary, lowercased), and the pages it
    is the title of."""
    pages: dict[str, set[str]] = {}
    for item in _doc["paths"].values():
        for operation in item.values():
            if isinstance(operation, dict) and operation.get("operationId") in _pages:
                pages.setdefault(operation.get("summary", "").lower(), set()).add(
                    _pages[operation["operationId"]])
    return pages


def _own_titles(pages: Mapping[str, set[str]]) -> dict[str, str]:
    """Of :func:`_titles_pages`, each title that is one page's, and that page."""
    return {title: next(iter(of)) for title, of in pages.items() if len(of) == 1}


def _titled_page(line: str, target: str) -> str | None:
    """The endpoint page (its src_uri) whose title is the text of a link of ``line`` to
    ``target``, a page that is not there ("[Delete volume](remove.md)": the page MkDocs
    guesses goes by the target's spelling, not by the title the text is); None if no
    such link's text is one page's title."""
    titles = _own_titles(_titles_pages())
    for text in re.findall(rf"\[([^\]]+)\]\(<?{re.escape(target)}[>)\s#]", line):
        meant = titles.get(" ".join(text.strip("*_ ").rstrip(".:;,").split()).lower())
        if meant is not None:
            return meant
    return None


def _link_texts_hold(markdown: str, page: _Page) -> list[str]:
    """A link whose text is an endpoint page's title (its operation's summary: "Update
    workstation") goes to that page: the text says where it goes. Checked in the prose,
    not in code; a link with other words ("Update", "its update"), or with a title that
    several pages share, is read as any is.

    Example (the summaries of two pages):
        >>> titles = {"update workstation": "workstations/update.md",
        ...           "start workstation": "workstations/start.md"}
        >>> _misled("See [Start workstation](update.md), or [Update workstation](update.md).",
        ...         "workstations/delete.md", titles)
        [(1, 'Start workstation', 'workstations/update.md', 'workstations/start.md')]
    """
    pages = _titles_pages()
    titles = _own_titles(pages)
    here = posixpath.dirname(page.src_uri) or "."
    misled = _misled(markdown, page.src_uri, titles)
    found = [f"{page.where(line)}: the link [{text}] says it goes to {meant} (its title), but "
             f"goes to {goes}: link {posixpath.relpath(meant, here)}, or give it other words"
             for line, text, goes, meant in misled]
    told = {(line, text) for line, text, *_ in misled}
    # each endpoint page's verb, a title several pages share too (the grown tree's copies)
    verbs = {uri: title.split()[0] for title, of in pages.items() if title for uri in of}
    nouns = {uri: _noun(title) for title, of in pages.items() if title for uri in of}
    lists = {uri for title, of in pages.items() if title.endswith("s") for uri in of}
    for line, text, goes, verb in _misled_by_verb(markdown, page.src_uri, verbs, nouns, lists):
        if (line, text) in told:
            continue
        same = sorted(uri for uri, v in verbs.items() if v == verb)
        named = {_noun(word) for word in text.lower().split()} & set(nouns.values())
        meant = next((uri for uri in same if nouns[uri] in named), None) if named else next(
            (uri for uri in same if posixpath.dirname(uri) == posixpath.dirname(goes)), None)
        fix = (f"link {posixpath.relpath(meant, here)}, or give it other words" if meant
               else f"give it other words (pages that {verb}: "
                    f"{', '.join(sorted(same)) or 'none'})")
        found.append(f"{page.where(line)}: the link [{text}] says it goes to the page that "
                     f"does \"{verb}\", but goes to {goes} ({_title_of(goes, titles)}): {fix}")
    return found


def _noun(title: str) -> str:
    """What an endpoint page's title acts on, as one (``List volumes``: ``volume``)."""
    return title.split()[-1].lower().removesuffix("s")


def _title_of(uri: str, titles: Mapping[str, str]) -> str:
    return next((title.capitalize() for title, of in titles.items() if of == uri), uri)


def _verb_forms(verb: str) -> set[str]:
    """A verb as a link's first word may write it: ``stop``, ``stops``, ``stopped``,
    ``stopping``; ``create``, ``created``, ``creating``.

    Example:
        >>> sorted(_verb_forms("stop")), sorted(_verb_forms("update"))[:3]
        (['stop', 'stopped', 'stopping', 'stops'], ['update', 'updated', 'updates'])
    """
    stem = verb.removesuffix("e")
    if re.fullmatch(r"[^aeiou]*[aeiou][^aeiouwxy]", verb):  # stop: stopped, stopping
        stem = verb + verb[-1]
    return {verb, verb + "s", stem + "ed", stem + "ing"}


#: What a verb that opens a link's text acts on, said next: "[stop it]", "[create a volume]".
_OBJECTS = frozenset({"it", "them", "one", "ones", "the", "a", "an", "this", "that", "these",
                      "those", "your", "its", "their", "all", "every", "each", "any"})


def _misled_by_verb(markdown: str, src_uri: str, verbs: Mapping[str, str],
                    nouns: Mapping[str, str] | None = None,
                    lists: Collection[str] | None = None) -> list[tuple[int, str, str, str]]:
    """Each link of ``markdown`` (the page ``src_uri``) whose text is the verb of an
    endpoint page's title, in any of its forms ("[stopped]"), or opens with it and then
    what it acts on ("[stop it]", "[deleting a volume]"), and goes to an endpoint page
    (``verbs``: each one's verb) whose title's verb is another: its line, its text, the
    page it goes to and the verb its text names. What it acts on is ``it``, ``them``, or
    what a title acts on (``nouns``: each page's; "workstation" or "volume"), after a word
    such as ``a`` or ``the`` or not. A verb's word read as another word is left alone: an
    adjective ("[stopped workstations]"), a noun ("[start of the list]"), or a verb
    acting on something else ("[get the ID]"). Many of a thing ("[get its volumes]",
    "[stop them]") may be what a page of ``lists`` does (its title's noun plural: "List
    volumes").

    Example:
        >>> verbs = {"workstations/stop.md": "stop", "workstations/start.md": "start",
        ...          "workstations/list.md": "list"}
        >>> _misled_by_verb("[Stop it](start.md) first; [started](start.md#x); "
        ...                 "[stop](../index.md); [stopped ones](list.md), [**stopping** "
        ...                 "them](list.md), [start of the list](list.md), [stop the "
        ...                 "ID](list.md).",
        ...                 "workstations/delete.md", verbs)
        [(1, 'Stop it', 'workstations/start.md', 'stop'), \
(1, 'stopping them', 'workstations/list.md', 'stop')]
    """
    forms = {form: verb for verb in set(verbs.values()) for form in _verb_forms(verb)}
    prose = references.prose_of(markdown)
    found = []
    for link in references.prose_links(prose):
        if re.fullmatch(r"\s*`[^`]*`\s*", link.text):
            continue  # code: "[`GET`](list.md)", a method, not the verb
        text = " ".join(re.sub(r"[*_`]", "", link.text).strip().rstrip(".:;,").split())
        words = text.lower().split()
        verb = forms.get(words[0]) if words else None
        things = set((nouns or {}).values()) or {"workstation", "volume"}
        acted_on = [w.removesuffix("s") in things for w in words[1:4]]
        if verb is not None and len(words) > 1 and not (
                (words[1] in ("it", "them") and not (  # "[get it started]": another verb's
                    len(words) > 2 and words[2].endswith(("ing", "ed"))))
                or (not words[0].endswith("ed") and (
                    acted_on[0] or (words[1] in _OBJECTS
                                    and (len(words) == 2 or any(acted_on[1:])))))):
            verb = None  # "[start of the list]", "[stopped workstations]", "[get the ID]"
        target = link.target.strip("<>").split("#", 1)[0]
        if verb is None or not target.endswith(".md") or "://" in target:
            continue
        goes = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), target))
        plural = any(w in ("them", "all", "every", "each") or (w.endswith("s")
                                                               and w[:-1] in things)
                     for w in words[1:3])
        if goes in verbs and verbs[goes] != verb and not (plural and goes in (lists or ())):
            found.append((prose.count("\n", 0, link.start) + 1, text, goes, verb))
    return found


def _misled(markdown: str, src_uri: str, titles: Mapping[str, str]
            ) -> list[tuple[int, str, str, str]]:
    """Each link of ``markdown`` (the page ``src_uri``) whose text is a key of ``titles`` (a
    page's title, lowercased) and whose target is not that page: its line, its text, the
    page it goes to and the one its text names."""
    prose = references.prose_of(markdown)
    found = []
    there = set(titles.values()) | set(_LINK_LINES.docs)
    for link in references.prose_links(prose):
        text = " ".join(link.text.strip("*_ ").rstrip(".:;,").split())
        meant = titles.get(text.lower())
        target = link.target.strip("<>").split("#", 1)[0]
        if meant is None or not target.endswith(".md") or "://" in target:
            continue
        goes = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), target))
        if goes != meant and goes in there:  # (a page that is not there: MkDocs says so)
            found.append((prose.count("\n", 0, link.start) + 1, text, goes, meant))
    return found


def _response_example_holds(markdown: str, page: _Page) -> list[str]:
    """The ``Example`` tab of an endpoint page's Response shows the output of the page's
    own example (``snippets/<section>/<page>.json``: what its curl example prints, which
    the OpenAPI document publishes beside it), not another's."""
    response = references.section(markdown, "Response") if page.operation else None
    if response is None:
        return []
    section = markdown[response[0]:response[1]]
    tab = _EXAMPLE_TAB.search(section)
    if tab is None:
        return []
    following = re.compile(r"^\S", re.MULTILINE).search(section, tab.end() + 1)
    body = section[tab.end():following.start() if following else len(section)]
    own = "snippets/" + posixpath.splitext(page.src_uri)[0] + ".json"
    root = Path(_build.get("root") or ".")
    includes = [(include, posixpath.normpath(include["path"]))
                for include in _INCLUDED.finditer(body)]
    if any(shown == own for _, shown in includes):
        return []  # (another beside it, said of, is the writer's to show)
    for include, shown in includes:  # (one not there is told as such)
        if (root / shown).is_file():
            line = markdown.count("\n", 0, response[0] + tab.end() + include.start()) + 1
            return [(f"{page.where(line)}: the Response's Example tab shows "
                     f"{include['path']}, which is not this page's example's output: include "
                     f"{own} (what the page's curl example prints)")]
    return []


def _machine_sizes_hold(markdown: str, page: _Page) -> list[str]:
    """A machine type's size stated in a sentence, in the forms :func:`facts.machine_sizes`
    reads ("a `standard-4` has 4 vCPUs and 16 GiB of memory", "`standard-2` (2 vCPUs, 8
    GiB)", "1 GPU on a `gpu-t4`"), is its size in ``cloudws.models.MACHINE_SIZES``.

    Example:
        >>> _sizes_misstated("A `standard-4` has 8 vCPUs. A gpu-t4 has 1 GPU and 32 GiB of "
        ...                  "memory, with a 100 GiB volume.\\n16 GiB RAM on a standard-2, "
        ...                  "and 2 GPUs on a `gpu-t4`; `standard-2` (4 vCPUs) or "
        ...                  "`standard-4` (4 vCPUs).\\nA `highmem-8` has the 8 vCPUs of a "
        ...                  "`standard-8` but 64 GiB of memory.")
        [(1, 'standard-4', '8 vCPUs', 4), (2, 'standard-2', '16 GiB RAM', 8), \
(2, 'gpu-t4', '2 GPUs', 1), (2, 'standard-2', '4 vCPUs', 2)]
    """
    return [f"{page.where(line)}: {stated!r} is not what a `{name}` has: it has {value} "
            f"(cloudws/models.py, MACHINE_SIZES); write {value}, or show every size with "
            "{{ machine_types }}"
            for line, name, stated, value in _sizes_misstated(markdown)]


def _sizes_misstated(markdown: str) -> list[tuple[int, str, str, int]]:
    """Each size :func:`_machine_sizes_hold` finds wrong: its line, the machine type, the
    size as stated, and the right number."""
    prose = references.prose_of(markdown)
    return [(prose.count("\n", 0, said.start) + 1, said.machine, said.stated, said.value)
            for said in facts.machine_sizes(prose) if said.number != said.value]


#: What the prose of every page is held to: each returns its problems, ``file:line: ...``
#: (the page's, or for a docstring it shows, the stub's source).
CHECKS: tuple[Callable[[str, _Page], list[str]], ...] = (
    _no_hand_written_facts, _references_hold, _autodoc_resolves, _docstrings_hold,
    _descriptions_hold, _titles_hold, _order_holds, _error_codes_hold, _response_example_holds,
    _link_texts_hold, _machine_sizes_hold)


def _line_of(problem: str) -> int:
    """The line a problem names (``docs/x.md:12: ...``)."""
    found = re.match(r"[^:\s]+:(\d+): ", problem)
    return int(found[1]) if found else 0


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Check every placeholder and the prose of the page, link its error codes, then run
    the pipeline."""
    target = _Page(page)
    _LINK_LINES.pages[page.file.src_uri] = (target, markdown)
    _LINK_LINES.built[page.file.src_uri] = page
    try:
        found = placeholders.find(markdown, _BY_NAME)
    except placeholders.PlaceholderError as exc:
        raise PluginError(f"{target.where(exc.line)}: {exc}") from None
    _check(found, target)
    problems = [problem for check in CHECKS for problem in check(markdown, target)]
    if problems:  # the page's in line order, whichever check found each; then the source's
        raise PluginError("\n".join(sorted(problems, key=lambda problem: (
            not problem.startswith(f"{target.file}:"), problem.partition(":")[0],
            _line_of(problem)))))
    markdown = references.link_codes(markdown, target, _build["contract"],
                                     target.link(ERRORS_PAGE))
    used = {p.name for p in found}
    for render in RENDERERS:
        if render.name in used:  # each renderer scans the page: skip the unused ones
            markdown = render(markdown, target)
    examples = references.section(markdown, "Request examples") if target.operation else None
    if target.operation and examples is None and _EXAMPLE_FENCE.search(markdown):
        raise PluginError(f"{target.file}: an endpoint page shows its examples under a "
                          "`## Request examples` heading, as the others (the build writes, "
                          "under it, that each example runs from a sandbox just started)")
    if examples is not None:  # the build's note, first under the heading
        note = "\n" + FRESH_SANDBOX.format(home=target.link("index.md")) + "\n"
        markdown = markdown[:examples[0]] + note + markdown[examples[0]:]
    return markdown


def on_post_build(config: Any) -> None:
    """Hold every description of the OpenAPI document to what a page's prose is held to
    (:func:`references.description_problems`), each named at its line of the stub's
    source: an endpoint page has checked those its tables show (``_descriptions_hold``),
    this checks the others, once a build, after the pages. Then write the document to
    ``openapi.json`` at the site root: the stub's, with each operation's executed examples
    as ``x-codeSamples`` (see :mod:`code_samples`)."""
    root = Path(config["config_file_path"]).parent
    problems = _description_problems(None, "no endpoint page shows, but /openapi.json "
                                           "publishes")
    if problems:
        raise PluginError("\n".join(problems))
    published = code_samples.with_code_samples(_doc, _pages, root)
    Path(config["site_dir"], "openapi.json").write_text(json.dumps(published, indent=2) + "\n")
