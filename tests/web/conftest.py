"""The browser and the teacher's server for the browser tests (see browser.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .browser import FLAGS, Teacher, chromium

SEED = 7
"""Every new journey in the served class starts with this seed, so a test knows its draws."""


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian's Chromium, headless, with a fresh profile (Playwright makes a temporary one),
    and a dead proxy for every host but this machine: the network is cut off."""
    path = chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(path), headless=True, args=FLAGS,
            proxy={"server": "http://127.0.0.1:9", "bypass": "127.0.0.1"})
        yield launched
        launched.close()


@pytest.fixture
def teacher(tmp_path) -> Iterator[Teacher]:
    """`journey serve tutorial --seed 7` with a data folder of its own; stopped afterwards if
    the test did not stop it."""
    server = Teacher(tmp_path / "data", "tutorial", seed=SEED)
    yield server
    if server.process.poll() is None:
        server.stop()
