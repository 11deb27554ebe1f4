"""How a built page becomes its Markdown version for ``llms.txt`` (mkdocs-llmstxt).

The ``llmstxt`` plugin (``mkdocs.yml``, with its own clean-up off: this does it) writes ``llms.txt`` at the site root and, beside
each page, a Markdown version converted from the page's built HTML: with its generated
tables, schemas and included examples filled in. Before the conversion it calls
:func:`preprocess` on the page's HTML, which keeps what a reader of the Markdown needs and
drops what only a browser needs:

- each content tab keeps its label, as a bold line before its content (``**curl**``),
  so the Python, curl and JavaScript examples stay told apart; code blocks keep their
  language (``pymdownx.highlight``'s ``pygments_lang_class``);
- an admonition is a quote led by its kind and title, bold (``**Warning: ...**``), so that
  what it holds and where it ends show;
- a link to another page's anchor goes to that anchor of the page's Markdown version
  (the plugin does so for a link to a page); the anchors links land on that Markdown
  would not have (a code's row in a table, a reference heading's dotted name, an id set
  with ``{ #id }``) are kept as HTML, ``<a id="..."></a>``;
- a reference heading says the kind of what it documents (``class Sandbox``), which the
  theme draws as a badge;
- a diagram (an inline SVG with a text description) becomes that description; the Try it
  section says its form is on the HTML page;
- permalinks, images and other inline SVG, the Try it form's mount point and the tab
  buttons are dropped; mkdocstrings' cross-references become their text;
- a ``|`` in the code of a table cell (a pattern's alternatives) is written ``\\|``, as
  GitHub-flavoured Markdown reads a pipe in a cell, so that it does not split the cell.

It is also one of the site's hooks (``mkdocs.yml``): the plugin is handed each page's code
blocks as plain text (:func:`plain_code`), without the highlighting spans that are about
three quarters of a page's tags and that the Markdown drops anyway (about a fifth of a
build's time); the page gets its highlighted HTML back before anything else reads it
(the cross-references, the search index, the theme).

Example:
    >>> from bs4 import BeautifulSoup
    >>> soup = BeautifulSoup(
    ...     '<h2>Request<a class="headerlink" href="#r">¶</a></h2>'
    ...     '<div class="tabbed-set"><input type="radio"><div class="tabbed-labels">'
    ...     '<label>Python</label><label>curl</label></div><div class="tabbed-content">'
    ...     '<div class="tabbed-block"><pre>py</pre></div>'
    ...     '<div class="tabbed-block"><pre>sh</pre></div></div></div>', "html.parser")
    >>> preprocess(soup, "page.md")
    >>> print(soup)
    <h2>Request</h2><div class="tabbed-set"><div class="tabbed-content"><div class="tabbed-block"><p><strong>Python</strong></p><pre>py</pre></div><div class="tabbed-block"><p><strong>curl</strong></p><pre>sh</pre></div></div></div>
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Any

from mkdocs.plugins import event_priority

if TYPE_CHECKING:  # bs4 is imported by what converts (preprocess), not by every build step
    from bs4 import BeautifulSoup, Tag

__all__ = ["on_env", "on_page_content", "on_pre_build", "plain_code", "preprocess"]

_PRE = re.compile(r"<pre\b[^>]*>.*?</pre>", re.DOTALL)
_SPAN = re.compile(r"</?span\b[^>]*>")
#: Each page's HTML as built (its code highlighted), by src_uri, while mkdocs-llmstxt
#: converts the page from its code as plain text.
_highlighted: dict[str, str] = {}


def plain_code(html: str) -> str:
    """``html`` with the highlighting spans of its code blocks taken out: the same text.

    Example:
        >>> plain_code('<p><span>x</span></p><pre><span></span><code><span class="n">a</span>'
        ...            '<span class="o">=</span>1</code></pre>')
        '<p><span>x</span></p><pre><code>a=1</code></pre>'
    """
    return _PRE.sub(lambda block: _SPAN.sub("", block[0]), html)


def on_pre_build(config: Any) -> None:
    """A new build (``mkdocs serve`` rebuilds in one process): nothing held from the last."""
    _highlighted.clear()


@event_priority(50)  # before mkdocs-llmstxt (priority 0) parses the page to convert it
def on_page_content(html: str, page: Any, **kwargs: Any) -> str:
    """The page's HTML for mkdocs-llmstxt: its code blocks without their highlighting
    spans, which the Markdown version drops (:func:`preprocess` would flatten them) but
    which are about three quarters of the tags it would parse. The page as built comes
    back before anything else reads it (:func:`on_env`)."""
    _highlighted[page.file.src_uri] = html
    return plain_code(html)


@event_priority(100)  # before mkdocs-autorefs (-50) fixes the pages' cross-references
def on_env(env: Any, config: Any, files: Any) -> Any:
    """Give every page its HTML as built, code highlighted, back: once all are converted,
    before anything else reads them (the cross-references, the search index, the theme)."""
    for file in files.documentation_pages():
        if file.page is not None and file.src_uri in _highlighted:
            file.page.content = _highlighted.pop(file.src_uri)
    return env


def preprocess(soup: BeautifulSoup, output: str) -> None:
    """Prepare the HTML of one page (``soup``, written to ``output`` as Markdown).

    One walk over the page finds every element to change (``find_all`` with a function:
    CSS selectors would walk the page once each, and cost most of the conversion).
    """
    from bs4 import BeautifulSoup, NavigableString
    from openapi_blocks import TRY_IT_ABOUT_WITHOUT_FORM

    tab_sets, boxes, dropped, autorefs, labels, descriptions = [], [], [], [], [], []
    codes, cell_codes, anchors, diagrams, abouts, symbols = [], [], [], [], [], []
    for tag in soup.find_all(True):
        classes = tag.get("class") or ()
        if tag.name == "code" and "doc-symbol-heading" in classes:
            symbols.append(tag)
        elif tag.name == "code" and tag.parent.name == "pre":
            codes.append(tag)
        elif tag.name == "code" and tag.find_parent(("td", "th")) is not None:
            cell_codes.append(tag)
        elif "tabbed-set" in classes:
            tab_sets.append(tag)
        elif (tag.name == "div" and "admonition" in classes) or tag.name == "details":
            boxes.append(tag)
        elif tag.name == "a" and tag.get("href"):
            tag["href"] = _to_markdown_version(tag["href"])
        elif tag.name == "p" and "cws-try-it__about" in classes:
            abouts.append(tag)
        elif tag.name == "svg" and tag.get("role") == "img" and tag.find("desc"):
            diagrams.append(tag)
        if (tag.get("id") and tag.name not in _NO_ANCHOR_ON
                and not (tag.name in _HEADINGS and tag["id"] == _slug(tag.get_text()))
                and tag.find_parent(("pre", "svg")) is None):
            anchors.append(tag)
        if _dropped(tag):
            dropped.append(tag)
        elif tag.name == "autoref":
            autorefs.append(tag)
        elif tag.name == "span" and "doc-labels" in classes:
            labels.append(tag)
        elif tag.name == "div" and "doc-md-description" in classes:
            descriptions.append(tag)
    for symbol in symbols:  # the theme draws a reference heading's kind: say it
        kind = next((c.removeprefix("doc-symbol-") for c in symbol["class"]
                     if c.startswith("doc-symbol-") and c != "doc-symbol-heading"), None)
        symbol.replace_with(NavigableString(f"{kind} " if kind else ""))
    for about in abouts:  # the page's words, true where there is no form
        about.clear()
        about.append(BeautifulSoup(TRY_IT_ABOUT_WITHOUT_FORM, "html.parser"))
    for tag in anchors:  # kept as HTML, which Markdown allows: the links to them still land
        target = NavigableString(f'<a id="{html.escape(tag["id"])}"></a>')
        tag.insert_before(target) if tag.name in _INLINE else tag.insert(0, target)
    for svg in diagrams:  # its text description, where the picture was
        title, desc = svg.find("title"), svg.find("desc")
        said = soup.new_tag("span" if svg.find_parent(("p", "li", "td", "th")) else "p")
        if title is not None:
            strong = soup.new_tag("strong")
            strong.string = f"Diagram: {title.get_text(' ', strip=True).rstrip('.')}."
            said.append(strong)
            said.append(" ")
        said.append(desc.get_text(" ", strip=True))
        svg.replace_with(said)
    for code in codes:  # its highlighting spans, one text: the same Markdown, less to walk
        code.string = code.get_text()
    for code in cell_codes:
        if "|" in code.get_text():
            code.string = code.get_text().replace("|", "\\|")
    for tab_set in tab_sets:
        _label_tabs(soup, tab_set)
    for box in boxes:  # a quote led by its kind and title: where it ends shows
        _quote(soup, box)
    for element in dropped:
        element.decompose()
    for element in autorefs:
        if not element.decomposed:  # not inside a dropped element
            element.replace_with(NavigableString(element.get_text()))
    for element in labels:
        if not element.decomposed:
            element.decompose()
    for element in descriptions:
        if not element.decomposed:
            element.replace_with(NavigableString(element.get_text().strip()))


_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
#: Elements an anchor goes before, not into; and those whose id is not kept: a table's or
#: a list's structure, a form's field, a code block or a picture (nor one inside those two).
_INLINE = ("a", "span", "code", "em", "strong", "img")
_NO_ANCHOR_ON = ("pre", "table", "thead", "tbody", "tr", "ul", "ol", "dl", "input", "svg")


def _quote(soup: BeautifulSoup, box: Tag) -> None:
    """An admonition (or a ``details``) as a quote led by its kind and its title, in bold:
    ``**Warning: Deletion cannot be undone**``; the kind alone when the title is none, or
    the kind's own name (``!!! note``).

    Example:
        >>> from bs4 import BeautifulSoup
        >>> soup = BeautifulSoup('<div class="admonition note"><p class="admonition-title">'
        ...                      'Note</p><p>x</p></div><div class="admonition tip"><p>y</p>'
        ...                      '</div><details><summary>More</summary><p>z</p></details>',
        ...                      "html.parser")
        >>> for box in soup.find_all(("div", "details")):
        ...     _quote(soup, box)
        >>> print(soup)
        <blockquote><p><strong>Note</strong></p><p>x</p></blockquote><blockquote><p><strong>Tip</strong></p><p>y</p></blockquote><blockquote><p><strong>More</strong></p><p>z</p></blockquote>
    """
    kind = next((c for c in box.get("class") or () if c != "admonition"), "").capitalize()
    title = next((child for child in box.find_all(("p", "summary"), recursive=False)
                  if child.name == "summary" or "admonition-title" in (child.get("class") or ())),
                 None)
    text = title.get_text(" ", strip=True) if title is not None else ""
    strong = soup.new_tag("strong")
    strong.string = (f"{kind}: {text}" if kind and text and text.lower() != kind.lower()
                     else kind or text)
    paragraph = soup.new_tag("p")
    paragraph.append(strong)
    if title is not None:
        title.replace_with(paragraph)
    elif strong.string:
        box.insert(0, paragraph)
    box.name = "blockquote"
    box.attrs = {}


def _slug(text: str) -> str:
    """The anchor a Markdown reader makes of a heading (Python-Markdown's ``toc``, as the
    site's headings got theirs, and GitHub alike for plain words): ``Retry safely ¶`` ->
    ``retry-safely``."""
    from markdown.extensions.toc import slugify

    return slugify(text.replace("¶", ""), "-")


def _to_markdown_version(href: str) -> str:
    """A link to another page's anchor, to the same anchor of that page's Markdown version
    (mkdocs-llmstxt turns a link to a page into one to its ``index.md``, but not one to an
    anchor): ``../errors/#not_found`` -> ``../errors/index.md#not_found``.

    Example:
        >>> [_to_markdown_version(h) for h in ("../errors/#x", "#x", "../stop/",
        ...                                    "https://example.com/a/#x")]
        ['../errors/index.md#x', '#x', '../stop/', 'https://example.com/a/#x']
    """
    path, hash_, anchor = href.partition("#")
    if not hash_ or not path.endswith("/") or path.startswith("/") or ":" in path:
        return href
    return f"{path}index.md#{anchor}"


def _children(tag: Tag, name: str | None, css_class: str) -> list[Tag]:
    return [child for child in tag.find_all(name, recursive=False)
            if css_class in (child.get("class") or ())]


def _label_tabs(soup: BeautifulSoup, tab_set: Tag) -> None:
    """Put each tab's label, bold, at the top of its content; drop the tab buttons."""
    bars = _children(tab_set, "div", "tabbed-labels")
    labels = [label.get_text(" ", strip=True)
              for bar in bars for label in bar.find_all("label", recursive=False)]
    blocks = [block for content in _children(tab_set, "div", "tabbed-content")
              for block in _children(content, None, "tabbed-block")]
    for label, block in zip(labels, blocks, strict=False):
        title = soup.new_tag("p")
        strong = soup.new_tag("strong")
        strong.string = label
        title.append(strong)
        block.insert(0, title)
    for element in [*tab_set.find_all("input", recursive=False), *bars]:
        element.decompose()


def _dropped(tag: Tag) -> bool:
    classes = tag.get("class") or ()
    return (tag.name in {"img", "svg", "script", "noscript", "button"}
            or (tag.name == "a" and "headerlink" in classes)
            or "twemoji" in classes
            or "cws-try-it" in classes)
