"""Every test of the front-end layer gets a private data folder (XDG_DATA_HOME) and cache folder (XDG_CACHE_HOME),
so saves and cached odds never leak between tests or into the user's own folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from frontend.helpers import private_folders


@pytest.fixture(autouse=True)
def data_home(tmp_path, monkeypatch) -> Path:
    return private_folders(tmp_path, monkeypatch)
