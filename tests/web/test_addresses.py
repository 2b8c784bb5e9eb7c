"""The addresses `journey serve` gives the class: this machine's own network addresses, found
without sending a packet, checked against what the kernel says each network interface holds
(SIOCGIFADDR) and which one the default route leaves by (/proc/net/route); then a server on
every address answers the page at each address it printed."""

from __future__ import annotations

import asyncio
import fcntl
import socket
import struct
from pathlib import Path

import aiohttp

from journey.web.addresses import network_addresses, usable

from .page_class import PageTeacher

SIOCGIFADDR = 0x8915


def interface_addresses() -> dict[str, str]:
    """Each network interface's IPv4 address, as the kernel holds it."""
    found = {}
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        for _, name in socket.if_nameindex():
            try:
                answer = fcntl.ioctl(probe.fileno(), SIOCGIFADDR,
                                     struct.pack("256s", name.encode()[:15]))
            except OSError:
                continue  # an interface without an IPv4 address
            found[name] = socket.inet_ntoa(answer[20:24])
    return found


def default_interface() -> str | None:
    """The interface the default IPv4 route leaves by, if there is one."""
    for line in Path("/proc/net/route").read_text().splitlines()[1:]:
        fields = line.split()
        if fields[1] == "00000000" and int(fields[3], 16) & 1:  # destination 0, route up
            return fields[0]
    return None


def test_the_addresses_are_this_machines_own_and_include_the_default_routes():
    held = interface_addresses()
    found = network_addresses((socket.AF_INET,))
    assert set(found) <= {address for address in held.values() if usable(address)}
    assert not any(address.startswith("127.") for address in found)
    default = default_interface()
    if default is not None and default in held:
        assert held[default] in found
    for address in found:  # every one can be listened on: it is this machine's
        with socket.socket() as listener:
            listener.bind((address, 0))


def test_a_server_for_the_network_prints_each_address_and_answers_there(tmp_path):
    teacher = PageTeacher(tmp_path / "data", "tutorial", "--host", "0.0.0.0")
    found = network_addresses((socket.AF_INET,))
    printed = teacher.printed
    assert "Students open, from other computers on this network:\n" in printed
    for address in found:
        assert f"    http://{address}:{teacher.port}/\n" in printed
    assert f"    http://{socket.gethostname()}:{teacher.port}/\n" in printed

    async def body() -> list[int]:
        async with aiohttp.ClientSession() as http:
            statuses = []
            for address in found:
                async with http.get(f"http://{address}:{teacher.port}/") as answer:
                    statuses.append(answer.status)
            return statuses

    statuses = asyncio.run(body())
    teacher.stop()
    assert statuses == [200] * len(found)


def test_a_server_for_this_computer_only_says_how_to_let_others_in(tmp_path):
    teacher = PageTeacher(tmp_path / "data")
    assert (f"Students open, on this computer only:\n    http://127.0.0.1:{teacher.port}/\n"
            "To let students in from other computers, start journey serve with --host "
            "0.0.0.0.\n") in teacher.printed
    teacher.stop()
