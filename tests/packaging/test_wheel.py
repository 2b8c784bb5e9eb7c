"""The package installs like any other: a wheel built from the checkout carries its licence,
its metadata and the bundled scenarios, and `journey --version` works from a fresh venv."""

from __future__ import annotations

import email
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

import journey

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(out),
                    str(ROOT)], check=True)
    (found,) = out.glob("*.whl")
    return found


def metadata(wheel: Path) -> email.message.Message:
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        return email.message_from_bytes(archive.read(name))


def test_the_distribution_name_is_not_the_taken_one(wheel: Path) -> None:
    data = metadata(wheel)
    assert data["Name"] == "journey-escape-routes"
    assert data["Version"] == journey.__version__


def test_the_wheel_carries_the_licence_and_says_which_it_is(wheel: Path) -> None:
    data = metadata(wheel)
    assert data["License-Expression"] == "MIT"
    assert data.get_all("License-File") == ["LICENSE"]
    with zipfile.ZipFile(wheel) as archive:
        licence = next(n for n in archive.namelist() if n.endswith("licenses/LICENSE"))
        assert archive.read(licence) == (ROOT / "LICENSE").read_bytes()


def test_the_package_page_has_classifiers_and_keywords(wheel: Path) -> None:
    data = metadata(wheel)
    classifiers = data.get_all("Classifier")
    assert "Intended Audience :: Education" in classifiers
    assert "education" in data["Keywords"]


def test_the_wheel_ships_every_bundled_scenario(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    for scenario in (ROOT / "scenarios").glob("*.yaml"):
        assert f"journey/scenarios/{scenario.name}" in names


def test_the_wheel_ships_everything_an_exported_page_is_made_of(wheel: Path) -> None:
    """`journey export` inlines these files: an installed journey must have them."""
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    web = ROOT / "src" / "journey" / "web"
    made_of = [web / "runtime.js", *sorted((web / "page").iterdir())]
    assert {f"journey/{path.relative_to(web.parent).as_posix()}" for path in made_of} <= names
    assert len(made_of) == 6


def test_journey_version_from_a_fresh_venv(wheel: Path, tmp_path: Path) -> None:
    """`--version` needs none of the dependencies, so the bare wheel shows the command works."""
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    subprocess.run([str(env_dir / "bin" / "pip"), "install", "--quiet", "--no-deps",
                    str(wheel)], check=True)
    shown = subprocess.run([str(env_dir / "bin" / "journey"), "--version"],
                           capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == f"journey {journey.__version__}"


def test_the_wheel_ships_the_message_catalogues(wheel: Path) -> None:
    """The game reads its words from journey/locale/ at run time: every compiled catalogue
    and the template translators start from are inside the wheel."""
    locale = ROOT / "src" / "journey" / "locale"
    catalogues = sorted(locale.glob("*/LC_MESSAGES/journey.mo"))
    assert catalogues, "no compiled catalogue: run tools/catalogue.py"
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    for path in [*catalogues, locale / "journey.pot"]:
        assert f"journey/locale/{path.relative_to(locale).as_posix()}" in names
