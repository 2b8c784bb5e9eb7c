"""Who may open a tab: only the server's own page. A browser sends every websocket request with
the Origin of the page that made it, so a page from anywhere else (a site a student visits, or
a file) is refused. When the server answers this computer only, the Host a request names must
be this computer too: otherwise a site whose name was made to point at 127.0.0.1 (DNS
rebinding) would pass as its own origin."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

DEFAULT_PORTS = {"http": 80, "https": 443}
LOCAL_NAMES = ("localhost",)


def _origin_of(url: str) -> tuple[str, str, int] | None:
    """(scheme, host, port) of an origin or URL, the port filled in; None if it is not one."""
    try:
        parts = urlsplit(url)
        port = parts.port or DEFAULT_PORTS.get(parts.scheme.lower())
    except ValueError:
        return None
    if not parts.hostname or port is None:
        return None
    return parts.scheme.lower(), parts.hostname.lower(), port


def same_origin(origin: str | None, scheme: str, host: str) -> bool:
    """Whether `origin` (a request's Origin header) is the page served as `scheme`://`host`
    (the request's own scheme and Host header). A missing or opaque ("null") origin is
    refused: every browser sends one on a websocket request."""
    if not origin:
        return False
    theirs, ours = _origin_of(origin), _origin_of(f"{scheme}://{host}")
    return theirs is not None and theirs == ours


def is_loopback(host: str) -> bool:
    """Whether `host` (a name or an address, IPv6 with or without brackets) is this computer."""
    name = host.strip("[]").lower()
    if name in LOCAL_NAMES or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def host_allowed(host: str, listening: str) -> bool:
    """Whether a request naming `host` (its Host header) may be answered by a server listening
    on `listening`: any host on the network, but only this computer's names on loopback."""
    if not is_loopback(listening):
        return True
    found = _origin_of(f"http://{host}")
    return found is not None and is_loopback(found[1])
