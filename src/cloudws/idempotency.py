"""The ``Idempotency-Key`` request header of the creates, and its rules.

The semantics are those of the IETF draft *The Idempotency-Key HTTP Header Field*
(draft-ietf-httpapi-idempotency-key-header): the value is a Structured Field String
(RFC 8941 §3.3.3), such as ``"8e03978e-40d5-43e8-bc93-6894a57f9324"``. The sandbox's
choices where the draft leaves them open:

- a key is 1 to :data:`KEY_MAX_LENGTH` characters, without parameters;
- a key belongs to one operation (the same key on the two creates is two keys);
- only a successful (2xx) answer is remembered: a request that was rejected (4xx) or
  failed (500) leaves its key unused, so a corrected retry with it goes through;
- a key is remembered for :data:`KEY_TTL` on the sandbox's clock from the request that
  succeeded with it, then forgotten.

Example:
    >>> parse_key('"8e03978e-40d5-43e8-bc93-6894a57f9324"')
    '8e03978e-40d5-43e8-bc93-6894a57f9324'
    >>> parse_key('"say \\\\"hi\\\\""')
    'say "hi"'
    >>> parse_key("8e03978e")
    Traceback (most recent call last):
    ...
    ValueError: must be a quoted string, such as "8e03978e-40d5-43e8-bc93-6894a57f9324"
"""

from __future__ import annotations

from datetime import timedelta

__all__ = ["HEADER", "KEY_FORMAT", "KEY_MAX_LENGTH", "KEY_PATTERN", "KEY_TTL", "describe_ttl",
           "parse_key"]

#: The request header's name.
HEADER = "Idempotency-Key"
#: The longest key accepted, in characters (escapes count as the character they stand for).
KEY_MAX_LENGTH = 255
#: How long a key is remembered after the request that succeeded with it (the first that did).
KEY_TTL = timedelta(hours=24)
#: The ``format`` the OpenAPI document gives the header's schema (a custom format: the
#: RFC 8941 String; Schemathesis learns to generate it from ``tests/schemathesis_hooks.py``).
KEY_FORMAT = "sf-string"
#: A Structured Field String (RFC 8941 §3.3.3) of 1 to KEY_MAX_LENGTH characters: printable
#: ASCII in double quotes, with ``\"`` and ``\\`` the only escapes.
KEY_PATTERN = rf'^"(?:[\x20\x21\x23-\x5B\x5D-\x7E]|\\[\\"]){{1,{KEY_MAX_LENGTH}}}"$'
_EXAMPLE = '"8e03978e-40d5-43e8-bc93-6894a57f9324"'


def describe_ttl() -> str:
    """:data:`KEY_TTL` as people say it.

    Example:
        >>> describe_ttl()
        '24 hours'
    """
    hours = int(KEY_TTL.total_seconds() // 3600)
    return f"{hours} hours" if hours * 3600 == KEY_TTL.total_seconds() else str(KEY_TTL)


def parse_key(value: str) -> str:
    """The key a header value carries; ValueError saying what is wrong with it otherwise.

    Spaces around the value are dropped, as a Structured Field parser does.
    """
    value = value.strip(" ")
    if not value.startswith('"'):
        raise ValueError(f"must be a quoted string, such as {_EXAMPLE}")
    chars, index = [], 1
    while index < len(value) and value[index] != '"':
        char = value[index]
        if char == "\\" and value[index + 1:index + 2] in ('"', "\\"):
            char, index = value[index + 1], index + 1
        elif char == "\\" or not " " <= char <= "~":
            raise ValueError("may hold only printable ASCII characters, with \\\" and \\\\ "
                             "the only escapes")
        chars.append(char)
        index += 1
    if index >= len(value):
        raise ValueError(f"must be a quoted string, such as {_EXAMPLE}: it has no closing quote")
    if index != len(value) - 1:
        raise ValueError("must end at its closing quote (no parameters)")
    if not chars:
        raise ValueError("must not be empty")
    if len(chars) > KEY_MAX_LENGTH:
        raise ValueError(f"must be at most {KEY_MAX_LENGTH} characters long")
    return "".join(chars)
