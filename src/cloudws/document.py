"""The stub's OpenAPI document, for the docs build and the tests, without rebuilding it.

Making the document means importing FastAPI and building the app: about half a second,
as long as the rest of a build. So the document is cached, keyed by a hash of every file
of the ``cloudws`` package and the versions of the libraries that shape it. Any change
to the stub makes a new key, and the document is made again from
``cloudws.app.create_app().openapi()`` — in a fresh interpreter when this process has
already imported the stub, whose modules may be older than the files (``mkdocs serve``
rebuilding after an edit). Only the newest document is kept.

Example:
    >>> document = load_document()
    >>> document["openapi"], document["info"]["title"]
    ('3.1.0', 'Cloud Workstation API')
    >>> load_document() == document
    True
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
from importlib import metadata
from importlib.util import find_spec
from pathlib import Path
from typing import Any

__all__ = ["cache_dir", "changed_since_first_read", "last_said", "load_document",
           "source_key"]

_SHAPED_BY = ("fastapi", "pydantic", "starlette")


def cache_dir() -> Path:
    """Where documents are cached: ``$XDG_CACHE_HOME/cloudws-docs`` or ``~/.cache/...``."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "cloudws-docs"


def source_key() -> str:
    """A hash of the ``cloudws`` package's files and of the libraries' versions."""
    spec = find_spec("cloudws")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the cloudws package is not installed: run 'uv sync'")
    package = Path(next(iter(spec.submodule_search_locations)))
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".json"}:
            digest.update(path.relative_to(package).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    for name in _SHAPED_BY:
        digest.update(f"{name}=={metadata.version(name)}\0".encode())
    return digest.hexdigest()[:32]


#: The stub's :func:`source_key` when this process first asked
#: :func:`changed_since_first_read`.
_FIRST_KEY: list[str] = []


def changed_since_first_read() -> bool:
    """Whether the ``cloudws`` package's files have changed since this process first asked.
    ``mkdocs serve`` asks at each build: after an edit of the stub, the document is made
    again (:func:`load_document`), but the stub's modules that it imported for its first
    build are still the ones it runs.

    Example:
        >>> changed_since_first_read(), changed_since_first_read()
        (False, False)
    """
    key = source_key()
    if not _FIRST_KEY:
        _FIRST_KEY.append(key)
    return key != _FIRST_KEY[0]


def load_document() -> dict[str, Any]:
    """The OpenAPI document of ``cloudws.app.create_app()``, from the cache when current."""
    cached = cache_dir() / f"openapi-{source_key()}.json"
    try:
        return json.loads(cached.read_text())
    except (OSError, ValueError):
        pass
    document = _make_document()
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", dir=cached.parent, delete=False,
                                         suffix=".tmp") as out:
            json.dump(document, out)
        os.replace(out.name, cached)
        for old in cached.parent.glob("openapi-*.json"):
            if old != cached:
                old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only home: no cache, same document
    return document


def _make_document(python: str = sys.executable) -> dict[str, Any]:
    """``create_app().openapi()``: here, or in a new interpreter where this one has
    imported the stub already (its modules may be older than its files)."""
    loaded = [name for name in sys.modules
              if name.startswith("cloudws.") and name != __name__]
    if loaded:  # what is imported may predate the files the key was made from
        made = subprocess.run([python, "-m", "cloudws.cli", "openapi"],
                              capture_output=True, text=True, check=False)
        if made.returncode != 0:  # what the stub says of itself, such as a missing handler
            raise RuntimeError("the stub's OpenAPI document could not be made (uv run "
                               "cloudws openapi): " + (last_said(made.stderr) or
                                                       f"exit {made.returncode}")
                               + f"\n\nwhat it printed:\n{made.stderr}")
        return json.loads(made.stdout)
    from cloudws.app import create_app

    return create_app().openapi()


def last_said(printed: str) -> str:
    """What a Python process that failed said last: its exception's line (``Error: ...``),
    else its last line that is not blank.

    Example:
        >>> last_said("Traceback (most recent call last):\\n  ...\\nValueError: no\\n\\n"
        ...           "For further information visit https://example.com\\n")
        'ValueError: no'
    """
    lines = [line for line in printed.splitlines() if line.strip()]
    raised = [line for line in lines if re.match(r"[A-Za-z_][\w.]*(?:Error|Exception|Exit|"
                                                 r"Interrupt|Warning)\b[^:\s]*:", line)]
    return (raised or lines or [""])[-1]
