"""numpy serves the exact analysis only: the game's start-up and play never import it (checked
in fresh interpreters, since this test process may have imported it already)."""

from __future__ import annotations

from .test_import_hygiene import imported_after


def test_starting_the_app_and_playing_a_journey_do_not_import_numpy(tmp_path):
    found = imported_after(f"""
        import os
        os.environ["XDG_DATA_HOME"] = {str(tmp_path)!r}
        from journey.cli import build_parser
        build_parser().parse_args(["play"])
        import journey.ui.app
        import journey.plain
        from journey.engine import catalog
        from journey.engine.loader import load_scenario
        from journey.frontend.session import Session
        path = catalog.bundled()["long_road"]
        scenario = load_scenario(path)
        with Session.open(scenario, path, continuing=False, seed=1) as session:
            while not session.journey.over:
                session.choose(1)
    """)
    assert "journey" in found and "textual" in found  # the app's modules really were imported
    assert "numpy" not in found


def test_checking_a_scenario_does_import_numpy():
    """The other side of the test above: the analysis is where numpy goes."""
    found = imported_after("""
        from journey.engine import catalog
        from journey.engine.exact.analysis import analyse
        from journey.engine.loader import load_scenario
        analyse(load_scenario(catalog.bundled()["tutorial"]))
    """)
    assert "numpy" in found
