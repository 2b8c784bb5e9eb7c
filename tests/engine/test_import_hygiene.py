"""The engine and the command line's tooling never import Textual (checked in fresh interpreters,
since this test process may have imported it already)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from journey import cli


def imported_after(code: str) -> list[str]:
    """Run `code` in a fresh interpreter; return the top-level packages it imported."""
    script = "import sys\nbefore = set(sys.modules)\n" + textwrap.dedent(code) + textwrap.dedent("""
        import json
        print(json.dumps(sorted({name.partition(".")[0] for name in set(sys.modules) - before})))
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_importing_every_engine_module_does_not_import_textual():
    found = imported_after("""
        import importlib, pkgutil
        import journey.engine
        names = [m.name for m in pkgutil.iter_modules(journey.engine.__path__)]
        assert len(names) >= 10, names
        for name in names:
            importlib.import_module(f"journey.engine.{name}")
    """)
    assert "journey" in found and "yaml" in found  # the imports really happened
    assert "textual" not in found


def test_the_front_end_layer_does_not_import_textual_even_while_playing(tmp_path):
    """frontend/ is what plain mode and the app share: importing all of it, and playing a
    journey to its debrief figures through it, must not load the UI."""
    found = imported_after(f"""
        import importlib, os, pkgutil
        os.environ["XDG_DATA_HOME"] = {str(tmp_path)!r}
        os.environ["XDG_CACHE_HOME"] = {str(tmp_path)!r}
        import journey.frontend
        names = [m.name for m in pkgutil.iter_modules(journey.frontend.__path__)]
        assert len(names) >= 8, names
        for name in names:
            importlib.import_module(f"journey.frontend.{{name}}")
        from journey.engine import catalog
        from journey.engine.loader import load_scenario
        from journey.frontend.debrief import sections
        from journey.frontend.odds_cache import odds_for
        from journey.frontend.session import Session
        path = catalog.bundled()["tutorial"]
        scenario = load_scenario(path)
        with Session.open(scenario, path, continuing=False, seed=1) as session:
            while not session.journey.over:
                session.choose(1)
            assert sections(session.journey, odds_for(scenario))
    """)
    assert "journey" in found and "yaml" in found  # the imports really happened
    assert "textual" not in found and "rich" not in found


def test_building_the_command_line_parser_does_not_import_textual():
    found = imported_after("""
        from journey.cli import build_parser
        build_parser().parse_args(["check", "x.yaml"])
    """)
    assert "textual" not in found


@pytest.mark.parametrize("command", [["check", "--json"], ["schema"]])
def test_running_the_tooling_commands_does_not_import_textual(command):
    found = imported_after(f"""
        import contextlib, io
        from journey.engine import catalog
        from journey.cli import main
        with contextlib.redirect_stdout(io.StringIO()):
            args = {command!r}
            if args[0] == "check":
                args.append(str(catalog.bundled()["tutorial"]))
            assert main(args) == 0
    """)
    assert "textual" not in found


@pytest.mark.parametrize("name", cli.COMMANDS)
def test_command_modules_import_only_the_standard_library_at_the_top(name):
    found = imported_after(f"import importlib; importlib.import_module("
                           f"{cli.command_module(name)!r})")
    outside = set(found) - set(sys.stdlib_module_names) - {"journey"}
    assert outside == set()
