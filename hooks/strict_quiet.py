"""``mkdocs build --strict --quiet`` fails on a warning, as ``--strict`` alone does.

``--quiet`` sets the ``mkdocs`` logger's level to ERROR, and ``--strict`` counts the
warnings that logger hands on: with both, a broken link, a missing anchor or a page left
out of the nav is neither shown nor counted, and the build exits 0 (MkDocs 1.6.1:
mkdocs/mkdocs#4126, whose fix is not released). In a strict build this hook sets the
level back to WARNING, through ``logging``'s own API, so that each warning is shown and
counted and the build fails as it does without ``--quiet``; a build that is not strict
keeps ``--quiet`` as it is. ``tests/test_upstream.py`` fails, saying so, the day MkDocs
counts them itself: then this hook can go.

Example:
    >>> from types import SimpleNamespace
    >>> log = logging.getLogger("mkdocs")
    >>> before = log.level
    >>> log.setLevel(logging.ERROR)  # as --quiet sets it
    >>> _ = on_config(SimpleNamespace(strict=False))
    >>> logging.getLevelName(log.level)
    'ERROR'
    >>> _ = on_config(SimpleNamespace(strict=True))
    >>> logging.getLevelName(log.level)
    'WARNING'
    >>> log.setLevel(before)
"""

from __future__ import annotations

import logging
from typing import Any


def on_config(config: Any) -> Any:
    """Let a strict build's warnings through a ``--quiet`` one's level."""
    log = logging.getLogger("mkdocs")
    if config.strict and log.getEffectiveLevel() > logging.WARNING:
        log.setLevel(logging.WARNING)
    return config
