"""Where the bundled scenarios are, in a source checkout and in an installed package alike."""

from __future__ import annotations

from pathlib import Path

from .reading import STANDARD_INPUT, check_path
from .textsafety import quoted

DEFAULT_SCENARIO = "long_road"


def bundled_dir() -> Path:
    """The folder of bundled scenarios: inside the installed package, or the checkout's own."""
    packaged = Path(__file__).resolve().parent.parent / "scenarios"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "scenarios"


def bundled() -> dict[str, Path]:
    """Scenario name (file stem) -> path, for every bundled scenario."""
    folder = bundled_dir()
    return {p.stem: p for p in sorted(folder.glob("*.yaml"))} if folder.is_dir() else {}


def resolve(name_or_path: str) -> Path:
    """A bundled scenario by name, or any scenario file by path.

    Raises FileNotFoundError (no such file or bundled name) or `reading.NotAFile` (a folder,
    device, pipe or standard input), with the messages `load_scenario` gives for the same path.
    """
    path = Path(name_or_path)
    if path.suffix in (".yaml", ".yml") or name_or_path == STANDARD_INPUT or path.exists():
        check_path(path)
        return path
    found = bundled().get(name_or_path)
    if found is None:
        names = ", ".join(bundled()) or "none"
        raise FileNotFoundError(f"no bundled scenario named {quoted(name_or_path)} "
                                f"(bundled: {names})")
    return found
