"""No test reaches the network: a connection or name lookup off this machine fails loudly.

:func:`block_network` wraps ``socket.socket.connect`` (and ``connect_ex``) and
``socket.getaddrinfo`` in the test process: loopback addresses, ``localhost`` and Unix
sockets work as before; anything else raises :class:`NetworkBlocked` naming the target.
In-process examples never open a socket (``mock_api`` answers them), curl examples are
pointed at loopback by their ``.curlrc``, and this catches whatever else would slip.

Example:
    >>> block_network()
    >>> import socket
    >>> socket.getaddrinfo("example.org", 443)
    Traceback (most recent call last):
    ...
    tests.harness.network.NetworkBlocked: the test suite must not reach the network: a lookup of example.org
    >>> socket.getaddrinfo("localhost", 80)[0][4][0] in ("127.0.0.1", "::1")
    True
"""

from __future__ import annotations

import ipaddress
import socket
from typing import Any

__all__ = ["NetworkBlocked", "block_network"]

_LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", ""}


class NetworkBlocked(OSError):
    """A test tried to reach another machine."""


def _is_local(host: Any) -> bool:
    if host is None:
        return True
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    host = str(host).strip("[]").split("%")[0]
    if host.lower() in _LOCAL_NAMES:
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def block_network() -> None:
    """Install the guard (once; calling it again changes nothing)."""
    if getattr(socket.socket.connect, "_cloudws_guard", False):
        return
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex
    real_getaddrinfo = socket.getaddrinfo

    def check(sock: socket.socket, address: Any) -> None:
        if sock.family in (socket.AF_INET, socket.AF_INET6) and not _is_local(address[0]):
            raise NetworkBlocked(f"the test suite must not reach the network: a connection "
                                 f"to {address[0]}:{address[1]}")

    def connect(self: socket.socket, address: Any) -> None:
        check(self, address)
        real_connect(self, address)

    def connect_ex(self: socket.socket, address: Any) -> int:
        check(self, address)
        return real_connect_ex(self, address)

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if not _is_local(host):
            raise NetworkBlocked(f"the test suite must not reach the network: a lookup of {host}")
        return real_getaddrinfo(host, *args, **kwargs)

    for guard in (connect, connect_ex, getaddrinfo):
        guard._cloudws_guard = True  # type: ignore[attr-defined]
    socket.socket.connect = connect  # type: ignore[method-assign]
    socket.socket.connect_ex = connect_ex  # type: ignore[method-assign]
    socket.getaddrinfo = getaddrinfo
