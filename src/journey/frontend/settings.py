"""The player's settings, kept in the data folder so they outlast the game: for now, whether
the odds in play are shown (an educator turns it on once for a class, and Continue keeps it).

A settings file that cannot be read or written never stops the game: its defaults apply, and
a change lasts until the game closes."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from journey.frontend.library import data_dir
from journey.frontend.whole_file import write_json


@dataclass(frozen=True)
class Settings:
    show_odds: bool = False


def settings_file() -> Path:
    return data_dir() / "settings.json"


def read() -> Settings:
    """The saved settings, or the defaults for anything missing or unreadable."""
    try:
        data = json.loads(settings_file().read_text(encoding="utf-8"))
        return Settings(show_odds=data.get("show_odds") is True)
    except (OSError, ValueError, AttributeError):
        return Settings()


def write(settings: Settings) -> bool:
    """Save the settings; False when they cannot be."""
    return write_json(settings_file(), asdict(settings))
