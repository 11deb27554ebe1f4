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


def _shaped(path: str, route: str, literal: set[str]) -> str:
    """``path`` written as ``route`` would write it: each segment that stands where
    ``route`` has a parameter (counted from the start, or from the end), and is no literal
    segment of the API's paths, is that parameter (``{id}``). Of the two ways to align
    them, the one closer to ``route``.

    Example:
        >>> literal = {"v1", "volumes", "workstations", "stop"}
        >>> for path, route in (("/v1/volume/vol-scratch01", "/v1/volumes/{id}"),
        ...                     ("/v1/workstations/ws-1/stpo", "/v1/workstations/{id}/stop"),
        ...                     ("/v1/v1/volumes/vol-1", "/v1/volumes/{id}"),
        ...                     ("/volumes/vol-1", "/v1/volumes/{id}"),
        ...                     ("/v1/workstations//stop", "/v1/workstations/{id}/stop"),
        ...                     ("/v1/workstations/{id}/stp", "/v1/workstations/{id}"),
        ...                     ("/v1/volumes/", "/v1/volumes/{id}")):
        ...     print(_shaped(path, route, literal))
        /v1/volume/{id}
        /v1/workstations/{id}/stpo
        /v1/v1/volumes/{id}
        /volumes/{id}
        /v1/workstations/{id}/stop
        /v1/workstations/{id}/stp
        /v1/volumes/
    """
    parts, written = path.split("/"), route.split("/")
    shapes = []
    for offset in dict.fromkeys((0, len(parts) - len(written))):
        shaped = list(parts)
        for n, segment in enumerate(written):
            at = n + offset
            if (segment.startswith("{") and 0 < at < len(shaped) and shaped[at] not in literal
                    and (shaped[at] or at < len(shaped) - 1)):  # (not a trailing slash)
                shaped[at] = segment
        shapes.append("/".join(shaped))
    return max(shapes, key=lambda shape: difflib.SequenceMatcher(None, route, shape).ratio())


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
    literal = {part for route in routes for part in route.split("/")
               if part and not part.startswith("{")}

    def closest(paths: list[str]) -> str | None:
        # each path of the API compared with ``path`` as it would write it (an ID as its
        # parameter), as difflib.get_close_matches compares them
        scored = [(difflib.SequenceMatcher(None, route, _shaped(path, route, literal)).ratio(),
                   route) for route in paths]
        best = max(scored, default=(0.0, None))
        return best[1] if best[0] >= 0.6 else None

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
