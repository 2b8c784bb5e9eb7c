"""Where the player's things live: the data folder (saves, their own scenarios) and the list of
scenarios to offer, bundled ones first."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from journey.frontend.words import N_

from journey.engine import catalog

BUNDLED, YOURS, FILE = N_("bundled"), N_("your folder"), N_("file")
"""Where an entry came from: catalogue keys, shown through `_`."""


def data_dir() -> Path:
    """The user's data folder for journey. XDG_DATA_HOME wins on every platform, so a test or a
    portable set-up can redirect it; otherwise the platform's convention (platformdirs)."""
    xdg = os.environ.get("XDG_DATA_HOME")
    if xdg:
        return Path(xdg) / "journey"
    from platformdirs import user_data_dir

    return Path(user_data_dir("journey", appauthor=False))


def user_scenarios_dir() -> Path:
    """The folder where a player or an educator drops their own scenario files."""
    return data_dir() / "scenarios"


@dataclass(frozen=True)
class Entry:
    """A scenario the title screen offers: `name` to show, its file, and where it came from."""

    name: str
    path: Path
    origin: str


def entries(extra: Path | None = None) -> list[Entry]:
    """Bundled scenarios, then the user's folder, then `extra` (a file named on the command line)
    when it is neither."""
    found = [Entry(name, path, BUNDLED) for name, path in catalog.bundled().items()]
    folder = user_scenarios_dir()
    if folder.is_dir():
        found += [Entry(p.stem, p, YOURS) for p in sorted(folder.iterdir())
                  if p.suffix in (".yaml", ".yml") and p.is_file()]
    if extra is not None and all(e.path.resolve() != extra.resolve() for e in found):
        found.append(Entry(extra.stem, extra, FILE))
    return found
