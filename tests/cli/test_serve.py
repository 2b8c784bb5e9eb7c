"""`journey serve` before any browser connects: clear messages for a port that is taken, a
scenario that cannot be served, and options that do not fit the mode (the page, or
--terminal). (Playing through it: tests/web/, the addresses it prints: tests/web/
test_addresses.py.)"""

from __future__ import annotations

import os
import socket
import subprocess
import sys


def serve(tmp_path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "journey", "serve", *args],
                          env={**os.environ, "XDG_DATA_HOME": str(tmp_path / "data")},
                          capture_output=True, text=True, timeout=120)


def test_a_port_in_use_is_named_with_what_to_do(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        for mode in ((), ("--terminal",)):
            done = serve(tmp_path, "tutorial", "--port", str(port), *mode)
            assert done.returncode == 1
            assert (f"journey serve: cannot listen on 127.0.0.1 port {port}: another program "
                    "is using that port; choose another with --port.") in done.stderr
            assert "Traceback" not in done.stderr + done.stdout


def test_a_scenario_that_does_not_exist_is_refused_before_serving(tmp_path):
    done = serve(tmp_path, "no_such_scenario")
    assert done.returncode == 2
    assert "journey serve: no bundled scenario named 'no_such_scenario'" in done.stderr


def test_a_port_out_of_range_is_refused(tmp_path):
    done = serve(tmp_path, "tutorial", "--port", "70000")
    assert done.returncode == 2
    assert "journey serve: 70000 is not a port (1-65535)." in done.stderr


def test_caps_on_tabs_that_make_no_sense_are_refused(tmp_path):
    for option, value in (("--max-tabs", "0"), ("--tabs-per-computer", "-1")):
        done = serve(tmp_path, "tutorial", "--terminal", option, value)
        assert done.returncode == 2
        assert ("journey serve: --max-tabs must be 1 or more, and --tabs-per-computer 0 (no "
                "limit) or more.") in done.stderr


def test_caps_on_tabs_are_for_the_terminal_only(tmp_path):
    done = serve(tmp_path, "tutorial", "--max-tabs", "30")
    assert done.returncode == 2
    assert ("journey serve: --max-tabs and --tabs-per-computer count the tabs of --terminal; "
            "the page needs no process per tab.") in done.stderr


def test_a_seed_the_class_record_cannot_keep_is_refused(tmp_path):
    done = serve(tmp_path, "tutorial", "--seed", str(2**63))
    assert done.returncode == 2
    assert (f"journey serve: --seed must be from {-(2**63 - 1)} to {2**63 - 1} (the class "
            "record keeps seeds as 64-bit integers).") in done.stderr
