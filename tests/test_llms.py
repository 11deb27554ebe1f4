"""Docs that tools and assistants can read: ``llms.txt`` and a Markdown version of each page.

The ``llmstxt`` plugin (``mkdocs.yml``, with ``hooks/llms_markdown.py``) writes
``llms.txt`` at the site root (llmstxt.org form) and, beside each page's HTML, its
Markdown version, converted from the built page: generated tables and included examples
filled in. ``cloudws serve`` (and ``mkdocs serve``) serve both from ``site/``.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup, SoupStrainer
from markdown.extensions.toc import slugify
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from .harness import discovery
from .helpers import HEAVY, ROOT, built_page, free_port, spawn_serve

_LINK = re.compile(r"^- \[(?P<title>[^\]]+)\]\((?P<url>[^)]+)\)(?:: (?P<about>.+))?$")


def _nav_pages(nav: list) -> list[str]:
    found = []
    for item in nav:
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                found += [value] if isinstance(value, str) else _nav_pages(value)
    return found


@functools.cache
def _config() -> MkDocsConfig:
    """mkdocs.yml as MkDocs reads it (its hooks and plugins loaded): read by the tests that
    use it, not by every process that collects the suite."""
    return load_config(str(ROOT / "mkdocs.yml"))


def _links(text: str) -> list[re.Match[str]]:
    return [m for line in text.splitlines() if (m := _LINK.match(line))]


def _markdown_path(site: Path, url: str) -> Path:
    """The file in ``site`` that a link of ``llms.txt`` (on ``site_url``) names."""
    base = urlsplit(_config()["site_url"]).path
    path = urlsplit(url).path
    assert path.startswith(base), f"{url} is not on the site's URL {_config()['site_url']}"
    return site / path[len(base):]


def _markdown_of(page: str) -> str:
    """Where a page's Markdown version is: ``workstations/delete.md`` ->
    ``workstations/delete/index.md`` (beside its ``index.html``)."""
    if page == "index.md" or page.endswith("/index.md"):
        return page
    return page.removesuffix(".md") + "/index.md"


def test_llms_txt_has_the_llmstxt_form(built_site: Path) -> None:
    text = (built_site / "llms.txt").read_text()
    lines = text.splitlines()
    assert lines[0] == f"# {_config()['site_name']}"
    assert f"> {_config()['site_description']}" in lines
    assert any(line.startswith("## ") for line in lines)
    for line in lines:
        if line.startswith("- "):
            match = _LINK.match(line)
            assert match and match["about"], f"llms.txt: not '- [Page](url): description': {line}"


def test_llms_txt_lists_every_page_of_the_nav_in_order(built_site: Path) -> None:
    links = _links((built_site / "llms.txt").read_text())
    listed = [_markdown_path(built_site, m["url"]).relative_to(built_site).as_posix()
              for m in links]
    expected = [_markdown_of(page) for page in _nav_pages(_config()["nav"])]
    missing = [page for page in expected if page not in listed]
    assert listed == expected, (
        f"llms.txt must list every page of mkdocs.yml's nav, in its order: add "
        f"{', '.join(missing)}, with a one-line description, to the llmstxt plugin's "
        "sections in mkdocs.yml" if missing else "llms.txt must list the pages in the order "
        "of mkdocs.yml's nav: order the llmstxt plugin's sections there as the nav is")


def test_every_page_has_a_markdown_version_with_everything_filled(built_site: Path) -> None:
    problems = []
    for match in _links((built_site / "llms.txt").read_text()):
        path = _markdown_path(built_site, match["url"])
        if not path.is_file():
            problems.append(f"{match['url']}: no Markdown version at {path}")
            continue
        text = path.read_text()
        # A page may show the placeholder syntax in code (contributing.md does): only
        # prose counts.
        # (a span in two backticks holds one: `` `vol-` and {{ fact volume_id }} ``)
        prose = re.sub(r"(?<!`)(`+)(?!`)[^\n]*?(?<!`)\1(?!`)", "",
                       re.sub(r"^(```+|~~~+).*?^\1", "", text, flags=re.MULTILINE | re.DOTALL))
        if re.search(r"\{\{.*?\}\}", prose):
            problems.append(f"{path.relative_to(built_site)}: a {{{{ placeholder }}}} is left")
        if re.search(r"^\s*(--8<-- |::: )", text, re.MULTILINE):
            problems.append(f"{path.relative_to(built_site)}: an include is left")
    assert not problems, "\n".join(problems)


def _letters(text: str) -> str:
    """The letters and digits of ``text``, links reduced to their text, anchors kept as
    HTML (``<a id="x"></a>``, which show nothing) left out."""
    text = re.sub(r'<a id="[^"]*"></a>', "", text)
    return re.sub(r"[^A-Za-z0-9]", "", re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text))


def _markdown_rows(text: str) -> list[list[str]]:
    """Each table row of ``text``, its cells as GitHub-flavoured Markdown reads them (a
    pipe not escaped ends a cell, inside a code span too; the delimiter row left out)."""
    text = re.sub(r"^(```+|~~~+).*?^\1", "", text, flags=re.MULTILINE | re.DOTALL)
    rows = [re.split(r"(?<!\\)\|", line.strip().strip("|"))
            for line in text.splitlines() if line.lstrip().startswith("|")]
    return [row for row in rows if not all(re.fullmatch(r"\s*:?-+:?\s*", c) for c in row)]


def test_every_table_of_a_page_reads_the_same_in_its_markdown(built_site: Path) -> None:
    """Each row's cells, as the Markdown version splits them, hold the HTML's text: a
    pipe in a cell (a pattern's alternatives) must not split it and lose the rest."""
    problems = []
    for path in sorted(built_site.rglob("index.md")):
        # Only the tables are parsed (the pages' tables are all in their article).
        tables = BeautifulSoup(path.with_suffix(".html").read_text(), "html.parser",
                               parse_only=SoupStrainer("table"))
        shown = [[_letters(cell.get_text()) for cell in row.find_all(("td", "th"))]
                 for row in tables.find_all("tr")]
        read = [[_letters(cell) for cell in row] for row in _markdown_rows(path.read_text())]
        if shown != read:
            wrong = next((a, b) for a, b in zip(shown, read, strict=False) if a != b) \
                if len(shown) == len(read) else (len(shown), len(read))
            problems.append(f"{path.relative_to(built_site)}: {wrong}")
    assert not problems, "\n".join(problems)


def _anchors(text: str) -> set[str]:
    """The anchors a reader of ``text`` (Markdown) can land on: each ``<a id>`` it keeps,
    and each heading's, as Python-Markdown makes it (GitHub's is the same for plain words)."""
    text = re.sub(r"^(```+|~~~+).*?^\1", "", text, flags=re.MULTILINE | re.DOTALL)
    kept = set(re.findall(r'<a id="([^"]+)"></a>', text))
    headings = re.findall(r"^#{1,6} +(.+)$", re.sub(r"<a id=[^>]*></a>", "", text), re.MULTILINE)
    return kept | {slugify(re.sub(r"[`*]", "", heading), "-") for heading in headings}


def test_every_link_of_a_markdown_version_to_a_page_lands_in_its_markdown(
        built_site: Path) -> None:
    """A link to a page of the site, with or without an anchor, goes to that page's
    Markdown version, and its anchor is one that version has."""
    site = _config()["site_url"]
    problems = []
    for path in sorted(built_site.rglob("index.md")):
        text = path.read_text()
        where = path.relative_to(built_site).as_posix()
        code_free = re.sub(r"^(```+|~~~+).*?^\1", "", text, flags=re.MULTILINE | re.DOTALL)
        for url in re.findall(r"\]\(([^)\s]+)\)", code_free):
            page, _, anchor = url.partition("#")
            if page and not page.startswith(site):
                continue  # another site's
            target = _markdown_path(built_site, page) if page else path
            if target.suffix != ".md":
                problems.append(f"{where}: {url} goes to the HTML page, not its index.md")
            elif not target.is_file():
                problems.append(f"{where}: {url}: no such Markdown version")
            elif anchor and anchor not in _anchors(target.read_text()):
                problems.append(f"{where}: {url}: its Markdown has no anchor #{anchor}")
    assert not problems, f"{len(problems)} links:\n" + "\n".join(problems[:30])


def test_an_endpoint_pages_markdown_says_its_try_it_form_is_on_the_html_page(
        built_site: Path) -> None:
    endpoints = [page for page in discovery.pages() if "operation" in page.front_matter]
    assert endpoints
    for page in endpoints:
        src_uri = page.path.relative_to(discovery.DOCS).as_posix()
        text = (built_site / _markdown_of(src_uri)).read_text()
        section = text.split("## Try it\n", 1)[1].split("\n## ", 1)[0]
        assert "below" not in section, (src_uri, section)  # no form follows it here
        assert "The HTML version of this page has a form that sends this operation" in section


def test_boxes_keep_their_kind_and_the_diagram_its_description(built_site: Path) -> None:
    """An admonition is a quote (so where it ends shows), led by its kind and title as the
    page writes them (``!!! warning "Deletion cannot be undone"``); the lifecycle diagram
    is its text description, where the picture was."""
    delete = (built_site / "workstations" / "delete" / "index.md").read_text()
    written = re.findall(r'^(?:!!!|\?\?\?\+?) (\w+) "([^"]+)"$',
                         (discovery.DOCS / "workstations" / "delete.md").read_text(), re.MULTILINE)
    assert len(written) == 3
    for kind, title in written:
        assert f"\n> **{kind.capitalize()}: {title}**\n>\n> " in delete, (kind, title)
    svg = BeautifulSoup((built_site / "concepts" / "lifecycle" / "index.html").read_text(),
                        "html.parser").select_one("article svg[role=img]")
    lifecycle = (built_site / "concepts" / "lifecycle" / "index.md").read_text()
    assert (f"**Diagram: {svg.find('title').get_text(strip=True)}.** "
            f"{svg.find('desc').get_text(' ', strip=True)}") in lifecycle


def test_a_reference_headings_markdown_says_the_kind_its_badge_shows(
        built_site: Path) -> None:
    """The theme draws a badge for what a reference heading documents (a class, a
    function...): the Markdown says it in words."""
    shown = 0
    for html in sorted((built_site / "reference").rglob("index.html")):
        page = BeautifulSoup(html.read_text(), "html.parser")
        headings = {line.split("</a>")[-1].strip()
                    for line in html.with_suffix(".md").read_text().splitlines()
                    if line.startswith("#")}
        for symbol in page.select("article code.doc-symbol-heading"):
            kind = next(c.removeprefix("doc-symbol-") for c in symbol["class"]
                        if c.startswith("doc-symbol-") and c != "doc-symbol-heading")
            name = symbol.find_next_sibling("span").get_text(strip=True)
            assert f"{kind} {name}" in headings, (html.parent.name, kind, name)
            shown += 1
    assert shown > 100


def test_delete_page_markdown_has_its_tables_and_examples(built_site: Path) -> None:
    text = (built_site / "workstations" / "delete" / "index.md").read_text()
    assert text.startswith("# Delete workstation\n")
    assert "DELETE /v1/workstations/{id} HTTP/1.1" in text  # {{ endpoint }}
    assert re.search(r"^\| `id` +\| path +\|", text, re.MULTILINE)  # {{ parameters }}
    assert re.search(r"^\| 409 Conflict +\| \[`workstation_not_stopped`\]", text,
                     re.MULTILINE)  # {{ errors }}
    assert re.search(r"^\| `deleted_volume_ids` +\| array of string", text,
                     re.MULTILINE)  # {{ schema }}
    for label, fence, snippet in (("Python", "python", "delete.py"),
                                  ("curl", "bash", "delete.sh"),
                                  ("JavaScript", "js", "delete.mjs")):
        source = (ROOT / "snippets" / "workstations" / snippet).read_text()
        assert f"**{label}**\n\n```{fence}\n{source}```" in text, (
            f"the {label} example, labelled, with its language, as the file is")


def test_the_pages_keep_their_highlighting_while_their_markdown_is_made_from_plain_code(
        built_site: Path) -> None:
    """``hooks/llms_markdown.py`` hands mkdocs-llmstxt each page's code as plain text, and
    gives the page its highlighted HTML back before the cross-references are fixed and the
    theme renders it: every page's code is as Pygments wrote it (each block opens with its
    empty ``<span></span>``; the delete page's tokens have their classes), and none of
    its cross-references is left unresolved."""
    for html in sorted(built_site.rglob("index.html")):
        where = html.relative_to(built_site).as_posix()
        page = built_page(built_site, where)  # (parsed once in the process, as test_site's)
        assert not page.find("autoref"), f"{where}: a cross-reference left unresolved"
        for block in page.select("div.highlight pre"):
            assert block.find("span", recursive=False) is not None, (
                f"{where}: a code block without its highlighting:\n{block}")
        if where == "workstations/delete/index.html":
            assert len(page.select("div.highlight pre code span[class]")) > 100, where


@pytest.fixture(scope="module")
def served_site(built_site: Path):
    port = free_port()
    command = [sys.executable, "-m", "cloudws.cli", "serve", "--port", str(port),
               "--site", str(built_site)]
    with spawn_serve(command, port) as origin:
        yield origin


@HEAVY
def test_cloudws_serve_answers_llms_txt_and_the_markdown(served_site: str,
                                                         built_site: Path) -> None:
    curl = shutil.which("curl", path="/usr/bin:/bin")
    assert curl, "curl is missing"
    for path in ("/llms.txt", "/workstations/delete/index.md"):
        done = subprocess.run([curl, "-sS", "-f", f"{served_site}{path}"], capture_output=True,
                              text=True, check=False, timeout=30)
        assert done.returncode == 0, f"curl -s {served_site}{path}: {done.stderr}"
        assert done.stdout == (built_site / path.lstrip("/")).read_text()
