"""The docs example harness: find every example on the pages and in ``snippets/``, run it
against the reference stub, and check what it shows.

Modules, one concern each:

- :mod:`.pages` — a Markdown page's front matter and fenced blocks;
- :mod:`.discovery` — which blocks and files are Python, curl and JSON examples;
- :mod:`.sandbox` — the session's sandbox app and store, reset by snapshot, and the
  recorder that notes which example or scenario produced each (operation, status);
- :mod:`.python_examples` — running Python examples with pytest-examples;
- :mod:`.lint` — one ``ruff check`` over every Python example;
- :mod:`.tls` — the sandbox over HTTPS on loopback, and the ``.curlrc`` that points at it;
- :mod:`.curl` — running curl examples verbatim and checking what they print;
- :mod:`.jsoncheck` — JSON equality with a diff, and schema validation (Draft 2020-12);
- :mod:`.coverage` — documented statuses against those produced, and the summary table;
- :mod:`.checks`, :mod:`.declarations` — what an example's requests and a JSON block
  must be;
- :mod:`.network` — no connection or lookup off this machine;
- :mod:`.diagram` — an SVG diagram's shapes, arrows and texts, with their lines (the
  lifecycle page's, which ``tests/test_lifecycle_diagram.py`` holds to the sandbox);
- :mod:`.plugin` — the pytest hooks (update guard, coverage table, xdist).
"""

from __future__ import annotations

__all__: list[str] = []
