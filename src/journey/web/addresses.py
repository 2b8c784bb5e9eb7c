"""The addresses students can open from other computers: this machine's own network
addresses, found without the internet and without sending a packet. A UDP socket "connected"
to an address only asks the kernel which of this machine's addresses it would send from (no
packet leaves); asking for an address in each private range finds the address on each network
this machine is on (a classroom's Wi-Fi, a school's wired network). The addresses this
machine's name resolves to are added, for a network with no route to any of those ranges.
"""

from __future__ import annotations

import ipaddress
import socket

PROBES = {socket.AF_INET: ("10.255.255.254", "172.31.255.254", "192.168.255.254",
                           "192.0.2.1"),
          socket.AF_INET6: ("fdff:ffff:ffff::1", "2001:db8::1")}
"""Addresses whose route tells which of this machine's addresses faces each network: the
three private IPv4 ranges, one reached through the default route (a documentation address,
never answered), and the same for IPv6 (a unique-local one, and a documentation one)."""


def source_for(family: socket.AddressFamily, target: str) -> str | None:
    """The address this machine would send from to reach `target`; None when it has no route
    there (the kernel says so at connect: no packet is sent)."""
    try:
        with socket.socket(family, socket.SOCK_DGRAM) as probe:
            probe.connect((target, 9))
            return str(probe.getsockname()[0])
    except OSError:
        return None


def by_name() -> list[str]:
    """The addresses this machine's name resolves to (from the hosts file or the local
    resolver; nothing when it resolves to none)."""
    try:
        found = socket.getaddrinfo(socket.gethostname(), None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return []
    return [str(info[4][0]) for info in found]


def usable(address: str) -> bool:
    """Whether another computer could reach this machine at `address`: not this machine's
    own loopback, not link-local (a scope of its own), nothing unspecified or multicast."""
    try:
        found = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    return not (found.is_loopback or found.is_link_local or found.is_unspecified
                or found.is_multicast)


def network_addresses(families: tuple[socket.AddressFamily, ...] = (socket.AF_INET,
                                                                    socket.AF_INET6)) -> list[str]:
    """This machine's addresses on its networks, of `families`, IPv4 first; none when it is on
    no network."""
    found = [source_for(family, target) for family in families for target in PROBES[family]]
    found += by_name()
    wanted = {socket.AF_INET: 4, socket.AF_INET6: 6}
    versions = {wanted[family] for family in families}
    addresses = [a for a in dict.fromkeys(a for a in found if a) if usable(a)
                 and ipaddress.ip_address(a).version in versions]
    return sorted(addresses, key=lambda a: ipaddress.ip_address(a).version)


def url(address: str, port: int, path: str = "/") -> str:
    shown = f"[{address}]" if ":" in address else address
    return f"http://{shown}:{port}{path}"
