"""In-process request cost: through ``cloudws.testing.mock_api`` vs a bare mock transport.

Both send the same ``GET /v1/workstations/ws-12345`` with one reused ``httpx.Client``; the
bare handler returns the stub's own answer, canned, so the difference is what routing to
the real app costs (respx, the ASGI call, FastAPI, the store).
"""

from __future__ import annotations

import time

import httpx

from cloudws.operations import OPERATIONS
from cloudws.testing import API_HOST, mock_api

from .measure import Stat, stat

__all__ = ["request_us"]

_URL = f"https://{API_HOST}{OPERATIONS['getWorkstation'].url()}"  # its declared example
_HEADERS = {"Authorization": "Bearer cws_test_bench"}


def _per_request_us(client: httpx.Client, n: int) -> float:
    for _ in range(n // 10):  # warm up
        client.get(_URL, headers=_HEADERS)
    start = time.perf_counter()
    for _ in range(n):
        client.get(_URL, headers=_HEADERS)
    return (time.perf_counter() - start) / n * 1e6


def request_us(runs: int, n: int = 500) -> dict[str, Stat]:
    """Microseconds per request, routed and bare, ``runs`` batches of ``n`` each."""
    routed, bare = [], []
    with mock_api(), httpx.Client() as client:
        canned = client.get(_URL, headers=_HEADERS)
        # a request the API answers (a rename would time 404s otherwise)
        assert canned.status_code == OPERATIONS["getWorkstation"].status, canned
        for _ in range(runs):
            routed.append(_per_request_us(client, n))

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(canned.status_code, headers=canned.headers, content=canned.content)

    with httpx.Client(transport=httpx.MockTransport(answer)) as client:
        for _ in range(runs):
            bare.append(_per_request_us(client, n))
    return {"routed": stat(routed), "bare": stat(bare)}
