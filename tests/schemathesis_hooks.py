"""What Schemathesis needs to know to generate valid requests, loaded by schemathesis.toml.

The ``Idempotency-Key`` header's schema has the custom format ``sf-string`` (a Structured
Field String, RFC 8941 §3.3.3) and its ``pattern``. Schemathesis draws header values from
letters and digits only, so without a strategy for the format it has no valid value for a
quoted string and sends an invalid one in cases it counts as valid. This draws valid ones
from the declared pattern.

Hypothesis draws the same small keys again and again (``"0"``, ``"u0"``). A create that
sends a key used before gets what the contract says: with the same body, the first
``201`` again, naming a resource the sequence may have deleted since, which Schemathesis
reports as ST302 ("Created resource not found"). So a key drawn again is replaced by a
new one (:func:`fresh`), as a client sends a new key for each new create. The rules of a
key sent twice are tested in ``tests/test_idempotency.py``.
"""

from __future__ import annotations

import uuid

import schemathesis
from hypothesis import strategies as st

from cloudws.idempotency import KEY_FORMAT, KEY_PATTERN

#: The keys drawn so far in this process.
_DRAWN: set[str] = set()


def fresh(key: str) -> str:
    """``key``, the first time it is drawn; after that, a valid key never drawn before.

    Example:
        >>> key = f'"{uuid.uuid4()}"'  # (not '"u0"': the runs of this process may have drawn it)
        >>> first, again = fresh(key), fresh(key)
        >>> first == key, again != first, len(again)
        (True, True, 38)
    """
    while key in _DRAWN:
        key = f'"{uuid.uuid4()}"'
    _DRAWN.add(key)
    return key


schemathesis.openapi.format(KEY_FORMAT, st.from_regex(KEY_PATTERN, fullmatch=True).map(fresh))
