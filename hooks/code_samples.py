"""The executed examples of each operation, as ``x-codeSamples`` of the published OpenAPI.

The site publishes ``openapi.json`` with, on each operation, the main examples of its
page — the snippet files named after the page, ``snippets/<section>/<page>.py``, ``.sh``
and ``.mjs`` — as ``x-codeSamples`` (``lang``, ``label``, ``source``: the convention
Redocly and other renderers read). They are the files the tests run, verbatim. The API's
own ``/openapi.json`` stays the contract, without them: the published document is that
document plus ``x-codeSamples`` and nothing else.

Example:
    >>> import tempfile
    >>> doc = {"paths": {"/v1/volumes/{id}": {"get": {"operationId": "getVolume"}}}}
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     root = Path(folder)
    ...     (root / "snippets" / "volumes").mkdir(parents=True)
    ...     _ = (root / "snippets" / "volumes" / "get.sh").write_text("curl -sS ...\\n")
    ...     published = with_code_samples(doc, {"getVolume": "volumes/get.md"}, root)
    >>> published["paths"]["/v1/volumes/{id}"]["get"]["x-codeSamples"]
    [{'lang': 'curl', 'label': 'curl', 'source': 'curl -sS ...\\n'}]
    >>> "x-codeSamples" in doc["paths"]["/v1/volumes/{id}"]["get"]
    False
"""

from __future__ import annotations

import copy
import posixpath
from pathlib import Path
from typing import Any

__all__ = ["LANGUAGES", "sample_files", "with_code_samples"]

#: (file suffix, ``lang``, ``label``), in the order of the pages' tabs.
LANGUAGES = ((".py", "Python", "Python"), (".sh", "curl", "curl"),
             (".mjs", "JavaScript", "JavaScript"))


def sample_files(page: str, root: Path) -> list[tuple[Path, str, str]]:
    """The main example files of the page ``page`` (a ``src_uri`` such as
    ``workstations/delete.md``) that exist, with their ``lang`` and ``label``."""
    stem = posixpath.splitext(page)[0]
    found = []
    for suffix, lang, label in LANGUAGES:
        path = root / "snippets" / f"{stem}{suffix}"
        if path.is_file():
            found.append((path, lang, label))
    return found


def with_code_samples(document: dict[str, Any], pages: dict[str, str],
                      root: Path) -> dict[str, Any]:
    """A copy of ``document`` whose operations carry the main examples of their page
    (``pages``: operationId -> the page's ``src_uri``) as ``x-codeSamples``."""
    published = copy.deepcopy(document)
    for item in published.get("paths", {}).values():
        for operation in item.values():
            page = pages.get(operation.get("operationId", ""))
            if page is None:
                continue
            samples = [{"lang": lang, "label": label, "source": path.read_text("utf-8")}
                       for path, lang, label in sample_files(page, root)]
            if samples:
                operation["x-codeSamples"] = samples
    return published
