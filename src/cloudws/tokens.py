"""The sandbox's bearer tokens: what one must be, and, for any other, what is wrong with it.

The API answers ``401`` with :func:`token_problem`'s words (:mod:`cloudws.app`); the docs'
checks hold a token a page shows to the same rule, without starting the API.

Example:
    >>> from cloudws.tokens import TOKEN_PREFIX, token_problem
    >>> token_problem([f"Bearer {TOKEN_PREFIX}me".encode()])
    ''
"""

from __future__ import annotations

import re

__all__ = ["TOKEN_PREFIX", "token_problem"]

TOKEN_PREFIX = "cws_test_"
"""What every token the sandbox accepts starts with; any other token gets a 401."""
# The scheme is case-insensitive (RFC 9110 §11.1); the token and its prefix are not.
_TOKEN = re.compile(rf"^(?i:bearer) +({re.escape(TOKEN_PREFIX)}[A-Za-z0-9\-._~+/]+=*)$")
#: The schemes of HTTP authentication: IANA's registry, and two in wide use beside it.
_SCHEMES = ("Basic", "Bearer", "Concealed", "Digest", "DPoP", "GNAP", "HOBA", "Mutual",
            "Negotiate", "OAuth", "PrivateToken", "SCRAM-SHA-1", "SCRAM-SHA-256", "vapid",
            "NTLM", "Token")
#: Two or more Authorization values joined with commas into one header, as a client that
#: combines repeated fields sends them: "Bearer a, Bearer b", a scheme or a sandbox token
#: after the comma; any value may be the scheme alone or empty (a variable that was
#: empty): "Bearer a, , Bearer b".
_JOINED = re.compile(r"^(?:[A-Za-z][\w.+-]*(?: +[^,\s]+)? *)?,[ \t]*"
                     rf"(?:(?i:{'|'.join(map(re.escape, _SCHEMES))})(?:[ \t,]|$)"
                     rf"|{re.escape(TOKEN_PREFIX)}|,|$)")


def token_problem(headers: list[bytes]) -> str:
    """What is wrong with the request's ``Authorization`` headers, for the ``401``'s
    detail; empty if nothing is.

    Example:
        >>> token_problem([b"Bearer cws_test_me"])
        ''
        >>> token_problem([b"Bearer cws_test_"])
        "The token is only the prefix 'cws_test_': add a name after it, such as 'cws_test_me'."
        >>> token_problem([b"Bearer cws_test_ci:run-42"])
        "The token has a character a token cannot have: after 'cws_test_', use letters, \
digits and -._~+/ only, with = only at the end."

    Two headers joined into one, as a client that combines repeated fields sends them
    (JavaScript's ``fetch`` does, with ``Headers.append``), are two headers:

        >>> token_problem([b"Bearer cws_test_a, Bearer cws_test_b"])
        'The request has more than one Authorization header; send exactly one.'
    """
    if not headers:
        return "The Authorization header is missing. Send 'Authorization: Bearer <token>'."
    value = headers[0].decode("latin-1").strip()
    if len(headers) > 1 or _JOINED.match(value):
        return "The request has more than one Authorization header; send exactly one."
    if _TOKEN.match(value):
        return ""
    scheme, _, token = value.partition(" ")
    if scheme.lower() != "bearer":
        return ("The Authorization header is not 'Bearer <token>': send the scheme Bearer, "
                "a space, then the token.")
    if not token.strip():
        return ("The Authorization header has no token after Bearer: is the variable that "
                "holds it set?")
    if not token.strip().startswith(TOKEN_PREFIX):
        return (f"The token is not a sandbox token: the sandbox accepts tokens that start "
                f"with '{TOKEN_PREFIX}'.")
    if token.strip().rstrip("=") == TOKEN_PREFIX:
        return (f"The token is only the prefix '{TOKEN_PREFIX}': add a name after it, such "
                f"as '{TOKEN_PREFIX}me'.")
    return (f"The token has a character a token cannot have: after '{TOKEN_PREFIX}', use "
            "letters, digits and -._~+/ only, with = only at the end.")
