"""Every app test gets a private data folder (XDG_DATA_HOME), so saves never leak between
tests or into the user's own folder."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def data_home(tmp_path, monkeypatch) -> Path:
    """Every test gets its own data folder, so saves never leak between tests or to the user."""
    folder = tmp_path / "data"
    monkeypatch.setenv("XDG_DATA_HOME", str(folder))
    return folder / "journey"
