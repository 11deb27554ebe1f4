"""MkDocs hooks of the docs site: fill each page's placeholders from the stub's OpenAPI.

The pipeline is :data:`RENDERERS`: each renderer fills one placeholder on the pages that
use it. Every placeholder of a page is checked first: an unknown one, or one that cannot
be filled there, fails the build naming the page and line. On endpoint pages (front
matter ``operation: <operationId>``):

``{{ endpoint }}``, ``{{ parameters }}``, ``{{ request_body }}``, ``{{ response }}``,
``{{ schema }}`` (or ``{{ schema <Component> }}`` on any page), ``{{ errors }}``,
``{{ try_it }}``. Anywhere: ``{{ error_codes }}`` (every ``cloudws.errors.ERROR_CODES``
entry), ``{{ operations }}`` (every operation and its page), ``{{ fixtures }}`` (the
sandbox's starting resources).

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

import json
import posixpath
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import code_samples
import openapi_blocks as blocks
import placeholders
from mkdocs.exceptions import PluginError
from mkdocs.utils.meta import get_data

from cloudws.document import load_document

__all__ = ["RENDERERS", "Renderer", "on_config", "on_files", "on_page_markdown", "on_post_build"]

ERRORS_PAGE = "concepts/errors.md"

_doc: dict[str, Any] = {}
_pages: dict[str, str] = {}  # operationId -> src_uri of its page


def on_config(config: Any) -> None:
    """Load the OpenAPI document of the reference stub."""
    _doc.clear()
    _doc.update(load_document())


def on_files(files: Any, config: Any) -> None:
    """Map each operation to the page that declares it in its front matter, in nav order."""
    _pages.clear()
    nav = list(_nav_files(config["nav"] or []))
    pages = sorted(files.documentation_pages(),
                   key=lambda f: nav.index(f.src_uri) if f.src_uri in nav else len(nav))
    for file in pages:
        operation = get_data(file.content_string)[1].get("operation")
        if operation is None:
            continue
        try:
            blocks.find_operation(_doc, operation)
        except KeyError as exc:
            raise PluginError(f"{file.src_uri}: front matter: {exc.args[0]}") from None
        if operation in _pages:
            raise PluginError(f"{file.src_uri}: operation {operation} already has a page, "
                              f"{_pages[operation]}")
        _pages[operation] = file.src_uri


def _nav_files(nav: list[Any]) -> Iterator[str]:
    for item in nav:
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            for value in item.values():
                yield from [value] if isinstance(value, str) else _nav_files(value)


class _Page:
    """What a renderer needs of the page being built."""

    def __init__(self, page: Any) -> None:
        self.src_uri: str = page.file.src_uri
        self.operation: str = page.meta.get("operation", "")

    def link(self, target: str) -> str:
        """A relative link from this page to the page ``target`` (a src_uri)."""
        return posixpath.relpath(target, posixpath.dirname(self.src_uri) or ".")


@dataclass(frozen=True)
class Renderer:
    """Fills ``{{ name }}`` with ``build(page, placeholder)``."""

    name: str
    build: Callable[[_Page, placeholders.Placeholder], str]
    needs_operation: bool = False

    def __call__(self, markdown: str, page: _Page) -> str:
        return placeholders.fill(markdown, self.name, lambda p: self.build(page, p))


def _schema(page: _Page, p: placeholders.Placeholder) -> str:
    return blocks.schema(_doc, p.arg or page.operation)


def _error_codes(page: _Page, p: placeholders.Placeholder) -> str:
    from cloudws.errors import ERROR_CODES

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
    Renderer("response", lambda page, p: blocks.response(_doc, page.operation), True),
    Renderer("schema", _schema),
    Renderer("try_it", lambda page, p: blocks.try_it(page.operation), True),
    Renderer("errors", lambda page, p: blocks.errors(_doc, page.operation,
                                                     page.link(ERRORS_PAGE)), True),
    Renderer("error_codes", _error_codes),
    Renderer("operations", lambda page, p: blocks.operations(_doc, _pages, page.link)),
    Renderer("fixtures", _fixtures),
)
_BY_NAME = {r.name: r for r in RENDERERS}


def _check(found: list[placeholders.Placeholder], page: _Page) -> None:
    """Fail, naming the page and line, on a placeholder that cannot be filled."""
    schemas = _doc["components"]["schemas"]
    for p in found:
        where = f"{page.src_uri}:{p.line}: {{{{ {p.name} }}}}"
        renderer = _BY_NAME.get(p.name)
        if renderer is None:
            raise PluginError(f"{where}: unknown placeholder; known: {', '.join(_BY_NAME)}")
        needs_operation = renderer.needs_operation or (p.name == "schema" and not p.arg)
        if needs_operation and not page.operation:
            raise PluginError(f"{where} needs 'operation: <operationId>' in the front matter")
        if p.name == "schema" and p.arg and p.arg not in schemas:
            raise PluginError(f"{where}: no schema {p.arg!r}; one of {', '.join(schemas)}")
        if p.arg and p.name != "schema":
            raise PluginError(f"{where} takes no argument")


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Check every placeholder of the page, then run the pipeline."""
    target = _Page(page)
    try:
        found = placeholders.find(markdown)
    except placeholders.PlaceholderError as exc:
        raise PluginError(f"{target.src_uri}: {exc}") from None
    _check(found, target)
    used = {p.name for p in found}
    for render in RENDERERS:
        if render.name in used:  # each renderer scans the page: skip the unused ones
            markdown = render(markdown, target)
    return markdown


def on_post_build(config: Any) -> None:
    """Write the OpenAPI document to ``openapi.json`` at the site root: the stub's, with
    each operation's executed examples as ``x-codeSamples`` (see :mod:`code_samples`)."""
    root = Path(config["config_file_path"]).parent
    published = code_samples.with_code_samples(_doc, _pages, root)
    Path(config["site_dir"], "openapi.json").write_text(json.dumps(published, indent=2) + "\n")
