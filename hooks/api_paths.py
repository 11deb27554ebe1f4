"""The paths of the API, as its OpenAPI document writes them, and which of them a path that
is none of them is likeliest a misspelling of: told the same way where the prose names a
request (``references.py``) and where an example sends one (the checks of the examples).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from typing import Any

#: The methods of HTTP the API's operations may take (and prose may name a request with).
METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


def routes_of(doc: dict[str, Any]) -> dict[str, frozenset[str]]:
    """Each path of the OpenAPI ``doc``, as written, with the methods it takes (HEAD with
    GET).

    Example:
        >>> routes = routes_of({"paths": {"/v1/volumes/{id}": {"get": {}, "delete": {},
        ...                                                    "parameters": []}}})
        >>> {path: sorted(methods) for path, methods in routes.items()}
        {'/v1/volumes/{id}': ['DELETE', 'GET', 'HEAD']}
    """
    return {path: frozenset(m.upper() for m in item if m.upper() in METHODS)
            | ({"HEAD"} if "get" in item else set())
            for path, item in doc["paths"].items()}


def route_of(path: str, routes: Mapping[str, frozenset[str]]) -> str | None:
    """The path among ``routes``, as written, that ``path`` is; None if none.

    Example:
        >>> route_of("/v1/volumes/vol-1", {"/v1/volumes": {"GET"}, "/v1/volumes/{id}": {"GET"}})
        '/v1/volumes/{id}'
    """
    return next((route for route in routes if re.match(
        "^" + re.sub(r"\\\{[^/]*?\\\}", "[^/]+", re.escape(route)) + "$", path)), None)


def _as_written(path: str, routes: Mapping[str, frozenset[str]]) -> str:
    """``path`` with each segment that stands where a path of as many segments has a
    parameter, and is no literal segment of any, written as the parameter (``{id}``): the
    shape to compare with the paths of the API.

    Example:
        >>> routes = {"/v1/volumes/{id}": frozenset(), "/v1/workstations/{id}/stop": frozenset()}
        >>> _as_written("/v1/volume/vol-scratch01", routes)
        '/v1/volume/{id}'
        >>> _as_written("/v1/workstations/ws-1/stpo", routes)
        '/v1/workstations/{id}/stpo'
    """
    literal = {part for route in routes for part in route.split("/") if not part.startswith("{")}
    parts = path.split("/")
    for route in routes:
        written = route.split("/")
        if len(written) == len(parts):
            for n, part in enumerate(written):
                if part.startswith("{") and parts[n] not in literal:
                    parts[n] = part
    return "/".join(parts)


def paths_like(path: str, method: str | None, routes: Mapping[str, frozenset[str]]) -> str:
    """The paths among ``routes`` (:func:`routes_of`) that ``path`` (none of them) is
    likeliest a misspelling of: the closest, and where it does not take ``method``, the
    closest that does; or them all. (The checks of the examples tell a request's path so
    too.)

    Example:
        >>> routes = {"/v1/workstations/{id}": frozenset({"GET", "DELETE"}),
        ...           "/v1/workstations/{id}/stop": frozenset({"POST"})}
        >>> paths_like("/v1/workstations/{id}/stp", "POST", routes)
        '; did you mean /v1/workstations/{id}/stop?'
        >>> paths_like("/v1/workstations/{id}/halt", "POST", routes)
        '; did you mean /v1/workstations/{id}/stop, or /v1/workstations/{id} (which takes DELETE, GET)?'
        >>> paths_like("/v1/workstations/{id}/halt", "PUT", routes)
        '; did you mean /v1/workstations/{id} (which takes DELETE, GET)?'
        >>> paths_like("/v1/volumes", None, routes)
        ' (its paths: /v1/workstations/{id}, /v1/workstations/{id}/stop)'
    """
    path = _as_written(path, routes)

    def closest(paths: list[str]) -> str | None:
        found = difflib.get_close_matches(path, paths, n=1, cutoff=0.6)
        return found[0] if found else None

    def takes(route: str) -> str:
        return ("" if method is None or method in routes[route]
                else f" (which takes {', '.join(sorted(routes[route]))})")

    near = closest(list(routes))
    if near is None:
        return f" (its paths: {', '.join(sorted(routes))})"
    taking = closest([r for r, methods in routes.items() if method in methods])
    if taking is not None and taking != near:
        return f"; did you mean {taking}, or {near}{takes(near)}?"
    return f"; did you mean {near}{takes(near)}?"
