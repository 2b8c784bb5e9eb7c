"""A scenario's exact odds for the debrief, kept in the user's cache folder between launches.

Working the odds out explores every state of the story, seconds for the long road, so they are
kept on disk under the scenario's content hash and the program's version: the next launch reads
them instead. The cache only ever saves time. A file that is damaged, too large, of another
version or of another scenario is ignored and written again. When the cache folder cannot be
written to, the odds are kept in a folder of this user's in the system's temporary folder
instead (said once, on standard error): `journey serve` works them out once for the class, and
every tab's process reads them, rather than thirty processes working them out side by side.
"""

from __future__ import annotations

import json
import os
import stat
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from journey import __version__
from journey.engine.model import Scenario
from journey.engine.exact.summary import OddsSummary
from journey.frontend.whole_file import write_json
from journey.frontend.words import _

CACHE_FORMAT = 1
MAX_CACHE_BYTES = 8 * 1024 * 1024
"""Far above any real summary (the long road's is 91 kB, 70 kB of it the chance table the
turning points read); a larger file is damaged."""


@dataclass(frozen=True)
class ScenarioOdds:
    """A scenario's exact odds for a random player, or why there are none (`summary` is None
    then: the story can loop for ever, or has too many states to explore)."""

    summary: OddsSummary | None
    reason: str = ""


def cache_dir() -> Path:
    """The user's cache folder for journey. XDG_CACHE_HOME wins on every platform, as
    XDG_DATA_HOME does for the data folder; otherwise the platform's convention."""
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        return Path(xdg) / "journey"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("journey", appauthor=False))


def cache_file(scenario: Scenario, folder: Path | None = None) -> Path:
    """Where the odds of this version of the scenario are kept, in `folder` (by default the
    cache folder): one file per content hash."""
    return (folder or cache_dir()) / "odds" / f"{scenario.content_hash[:32]}.json"


def fallback_dir(make: bool = False) -> Path | None:
    """This user's own folder in the system's temporary folder, for when the cache folder
    cannot be written (made when `make`); None when there is none, or it is not this user's
    alone (another user could have made it first, to plant odds)."""
    if not hasattr(os, "getuid"):  # Windows: the temporary folder is the user's own
        return Path(tempfile.gettempdir()) / "journey-cache"
    folder = Path(tempfile.gettempdir()) / f"journey-cache-{os.getuid()}"
    try:
        if make:
            folder.mkdir(mode=0o700, exist_ok=True)
        found = os.lstat(folder)
    except OSError:
        return None
    if (not stat.S_ISDIR(found.st_mode) or found.st_uid != os.getuid()
            or found.st_mode & (stat.S_IWGRP | stat.S_IWOTH)):
        return None
    return folder


def odds_for(scenario: Scenario) -> ScenarioOdds:
    """The scenario's odds from the cache, or worked out now (slow: call it off the UI thread)
    and kept for next time."""
    found = read(scenario)
    if found is None:
        found = work_out(scenario)
        write(scenario, found)
    return found


def work_out(scenario: Scenario) -> ScenarioOdds:
    from journey.engine.exact.odds import summarise
    from journey.engine.exact.space import StateLimitExceeded

    try:
        summary = summarise(scenario)
    except StateLimitExceeded as error:
        return ScenarioOdds(None, str(error).rstrip("."))
    if summary is None:
        return ScenarioOdds(None, _("some journeys in this scenario can go on for ever"))
    return ScenarioOdds(summary)


def read(scenario: Scenario) -> ScenarioOdds | None:
    """The kept odds of this very scenario and program version, from the cache folder or else
    the fallback; None when there are none or no file can be used."""
    found = read_file(cache_file(scenario), scenario)
    fallback = fallback_dir() if found is None else None
    return read_file(cache_file(scenario, fallback), scenario) if fallback else found


def read_file(path: Path, scenario: Scenario) -> ScenarioOdds | None:
    """The odds kept in `path`, if they are this very scenario's and program version's: None
    when the file cannot be used, whatever is wrong with it."""
    try:
        with open(path, "rb") as file:
            raw = file.read(MAX_CACHE_BYTES + 1)
        if len(raw) > MAX_CACHE_BYTES:
            return None
        data = json.loads(raw.decode("utf-8"))
        if (data["cache"], data["program"], data["content_hash"]) != (
                CACHE_FORMAT, __version__, scenario.content_hash):
            return None
        if data["summary"] is None:
            return ScenarioOdds(None, str(data["reason"]))
        summary = OddsSummary.from_json(data["summary"])
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return None  # UnicodeDecodeError and json's errors are ValueErrors too
    return ScenarioOdds(summary) if summary.content_hash == scenario.content_hash else None


def write(scenario: Scenario, odds: ScenarioOdds) -> bool:
    """Keep the odds for the next launch, replacing the file whole so a reader never sees
    half of it: in the cache folder, or else in the fallback; False when neither can be
    written to."""
    data = {"cache": CACHE_FORMAT, "program": __version__, "content_hash": scenario.content_hash,
            "summary": odds.summary.to_json() if odds.summary else None, "reason": odds.reason}
    if write_json(cache_file(scenario), data):
        return True
    fallback = fallback_dir(make=True)
    kept = fallback is not None and write_json(cache_file(scenario, fallback), data)
    _tell_once((_("journey: the cache folder {folder} cannot be written to; the exact odds are "
                  "kept in {fallback} instead.") if kept else
                _("journey: the cache folder {folder} cannot be written to; the exact odds will "
                  "be worked out again each time.")).format(folder=cache_dir(),
                                                            fallback=fallback))
    return kept


_told: set[str] = set()
"""What this process has said already, so each thing is said once."""


def _tell_once(message: str) -> None:
    if message not in _told:
        _told.add(message)
        print(message, file=sys.stderr, flush=True)

