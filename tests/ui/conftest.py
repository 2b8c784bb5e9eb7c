"""Every app test gets a private data folder (XDG_DATA_HOME) and cache folder (XDG_CACHE_HOME),
so saves and cached odds never leak between tests or into the user's own folders."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def data_home(tmp_path, monkeypatch) -> Path:
    """Every test gets its own data folder, so saves never leak between tests or to the user."""
    folder = tmp_path / "data"
    monkeypatch.setenv("XDG_DATA_HOME", str(folder))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return folder / "journey"
