"""What Schemathesis needs to know to generate valid requests, loaded by schemathesis.toml.

The ``Idempotency-Key`` header's schema has the custom format ``sf-string`` (a Structured
Field String, RFC 8941 §3.3.3) and its ``pattern``. Schemathesis draws header values from
letters and digits only, so without a strategy for the format it has no valid value for a
quoted string and sends an invalid one in cases it counts as valid. This draws valid ones
from the declared pattern.
"""

from __future__ import annotations

import schemathesis
from hypothesis import strategies as st

from cloudws.idempotency import KEY_FORMAT, KEY_PATTERN

schemathesis.openapi.format(KEY_FORMAT, st.from_regex(KEY_PATTERN, fullmatch=True))
