"""`journey export SCENARIO --html FILE`: the game as one web page that needs nothing else.

Route, and why: the page plays the scenario with runtime.js, a small JavaScript port of the
engine's rules over the scenario as data, as inkjs plays ink's compiled stories in browsers.
It is proven to draw as the engine does on the same seeds and choices (tests/web/), it weighs
some 16 kB, and the scenario's data a few tens more, where a table of every reachable state
would run to millions of rows for a long scenario.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from journey.commands.exit_codes import OK, USAGE


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "export", help="write a scenario as one web page that plays anywhere",
        description="Write the game as one self-contained HTML file: it plays the scenario "
                    "from file://, a USB stick, a learning platform or any web host, with "
                    "nothing installed and no request to any host, draw for draw as journey "
                    "play does (the same seed, in the page's address as ?seed=N, and the same "
                    "choices give the same journey). The debrief's exact odds are worked out "
                    "now and written into it.")
    parser.add_argument("scenario", nargs="?", default=None, metavar="SCENARIO",
                        help="a bundled scenario's name or a scenario file (default: the "
                             "default scenario)")
    parser.add_argument("--html", required=True, type=Path, metavar="FILE",
                        help="the HTML file to write (replaced if it exists)")
    parser.add_argument("--show-odds", action="store_true",
                        help="tell the odds that were in play when a risk resolves (for "
                             "educators)")


def run(args: argparse.Namespace) -> int:
    from journey.commands.loading import load_named
    from journey.engine import catalog
    from journey.engine.textsafety import one_line
    from journey.frontend.odds_cache import odds_for
    from journey.frontend.page_data import page_content
    from journey.frontend.whole_file import replace_text
    from journey.web.page import page_html

    scenario, _, code = load_named(args.scenario or catalog.DEFAULT_SCENARIO, "journey export")
    if scenario is None:
        return int(code)
    target: Path = args.html
    if target.is_dir():
        print(f"journey export: {one_line(str(target))} is a folder; name the HTML file to "
              "write.", file=sys.stderr)
        return USAGE
    config = {"showOdds": True} if args.show_odds else None
    page = page_html(page_content(scenario, odds_for(scenario)), config)
    try:
        replace_text(target, page)
    except OSError as error:
        print(f"journey export: cannot write {one_line(str(target))}: "
              f"{error.strerror or error}", file=sys.stderr)
        return USAGE
    size = len(page.encode("utf-8"))
    print(f"Wrote {target} ({size:,} bytes): {scenario.title}, one page that plays in any "
          "browser, with nothing installed. Open it, or add ?seed=N to its address to choose "
          "the seed.")
    return OK
