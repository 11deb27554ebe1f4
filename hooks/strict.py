"""A strict build fails on every warning under ``--quiet`` and ``--verbose`` too.

MkDocs 1.6.1 lets two of them through:

- ``--quiet`` sets the ``mkdocs`` logger's level to ERROR, and ``--strict`` counts the
  warnings that logger hands on: with both, a broken link, a missing anchor or a page
  left out of the nav is neither shown nor counted, and the build exits 0
  (mkdocs/mkdocs#4126; its fix, #4153, is not released);
- ``--verbose`` sets it to DEBUG, and a page then does not collect its links to other
  pages' anchors (``mkdocs.structure.pages`` collects them only above DEBUG): a link to
  an anchor that is not there is not told, and the build exits 0 (mkdocs/mkdocs#3991).

In a strict build this hook sets, through ``logging``'s own API, the ``mkdocs`` logger's
level back to WARNING when it is higher, so that each warning is shown and counted, and
the pages' logger's to INFO when it is lower, so that anchors are checked (that module's
own debug lines are then not shown). A build that is not strict is left as it is.
``tests/test_upstream.py`` fails, saying so, the day MkDocs does either itself: then that
part can go.

Example:
    >>> from types import SimpleNamespace
    >>> log, pages = logging.getLogger("mkdocs"), logging.getLogger(PAGES)
    >>> before = log.level, pages.level
    >>> log.setLevel(logging.ERROR)  # as --quiet sets it
    >>> _ = on_config(SimpleNamespace(strict=False))
    >>> logging.getLevelName(log.level)
    'ERROR'
    >>> _ = on_config(SimpleNamespace(strict=True))
    >>> logging.getLevelName(log.level)
    'WARNING'
    >>> log.setLevel(logging.DEBUG)  # as --verbose sets it
    >>> _ = on_config(SimpleNamespace(strict=True))
    >>> logging.getLevelName(log.level), logging.getLevelName(pages.getEffectiveLevel())
    ('DEBUG', 'INFO')
    >>> log.setLevel(before[0]); pages.setLevel(before[1])
"""

from __future__ import annotations

import logging
from typing import Any

#: The logger of MkDocs' pages, which collects links to anchors only above DEBUG.
PAGES = "mkdocs.structure.pages"


def on_config(config: Any) -> Any:
    """Let a strict build's warnings through ``--quiet``, and its anchors be checked under
    ``--verbose``."""
    if config.strict:
        log, pages = logging.getLogger("mkdocs"), logging.getLogger(PAGES)
        if log.getEffectiveLevel() > logging.WARNING:
            log.setLevel(logging.WARNING)
        if pages.getEffectiveLevel() <= logging.DEBUG:
            pages.setLevel(logging.INFO)
    return config
