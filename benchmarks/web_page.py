"""The exported page (`journey export SCENARIO --html FILE`): its size, what it is made of,
and how soon Chromium shows its first screen (goal for the long road: under 1 MB and under
0.5 s).

  size          the whole file, raw and gzipped (level 9, as a web host would send it), and
                each part: the rules (scenario_data), the figures (frontend.page_data, the
                chance table apart), the words, runtime.js, game.js, page.js and the style
  first screen  LOADS cold loads from file:// in Debian's Chromium, each in a fresh browser
                context: from the start of navigation to the title screen being in place (a
                script added before the page's own watches for it) and to the first
                contentful paint; the median and the slowest
  chance table  unpacking the chance table the debrief's turning points read (base64, then
                DecompressionStream), the median of the same loads

It prints figures and asserts nothing.

    .venv/bin/python benchmarks/web_page.py [--loads N] [SCENARIO]
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import tempfile
from pathlib import Path

from journey.engine import catalog
from journey.engine.loader import load_scenario
from journey.frontend.odds_cache import odds_for
from journey.frontend.page_data import page_content, page_data
from journey.web.page import GAME_JS, PAGE, PAGE_JS, page_html, words
from journey.frontend.scenario_data import scenario_data
from journey.web import RUNTIME

CHROMIUM = "/usr/bin/chromium"
WATCH = """
window.__firstScreen = null;
new MutationObserver((changes, observer) => {
  const page = document.getElementById("page");
  if (page && page.dataset.screen === "title") {
    window.__firstScreen = performance.now();
    observer.disconnect();
  }
}).observe(document, {subtree: true, attributes: true, attributeFilter: ["data-screen"]});
"""
UNPACK = """async () => {
  const read = id => JSON.parse(document.getElementById(id).textContent);
  const story = JourneyGame.load({rules: read("journey-rules"), figures: read("journey-figures"),
                                  words: read("journey-words")});
  const started = performance.now();
  await story.chances();
  return performance.now() - started;
}"""


def size(data: bytes) -> str:
    return f"{len(data):>9,} bytes ({len(data) / 1024:>7,.1f} KiB), gzip {len(gzip.compress(data, 9)):>8,}"


def compact(value: object) -> bytes:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", nargs="?", default=catalog.DEFAULT_SCENARIO)
    parser.add_argument("--loads", type=int, default=20)
    args = parser.parse_args()
    scenario = load_scenario(catalog.resolve(args.scenario))
    odds = odds_for(scenario)
    page = page_html(page_content(scenario, odds)).encode("utf-8")
    figures = page_data(scenario, odds)
    table = compact(figures["turning"]["table"])  # type: ignore[index]
    print(f"{args.scenario}: {len(scenario.nodes)} nodes; Python {sys.version.split()[0]}")
    print(f"  {'the page':<26}  {size(page)}")
    parts = {"rules": compact(scenario_data(scenario)),
             "figures": compact(figures), "  of it, the chance table": table,
             "words": compact(words()), "runtime.js": RUNTIME.read_bytes(),
             "game.js": GAME_JS.read_bytes(), "page.js": PAGE_JS.read_bytes(),
             "page.css": (PAGE / "page.css").read_bytes()}
    for name, data in parts.items():
        print(f"  {name:<26}  {size(data)}")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        path = Path(folder) / f"{args.scenario}.html"
        path.write_bytes(page)
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=["--no-sandbox", "--disable-gpu"])
        print(f"  Chromium {browser.version}, {args.loads} cold loads from file://")
        first, paint, unpack = [], [], []
        for _ in range(args.loads + 1):  # the first load warms the browser's own caches
            context = browser.new_context(viewport={"width": 390, "height": 844})
            tab = context.new_page()
            tab.add_init_script(WATCH)
            tab.goto(path.as_uri())
            tab.wait_for_function("() => window.__firstScreen !== null")
            first.append(tab.evaluate("window.__firstScreen"))
            paint.append(tab.evaluate(
                "() => new Promise(done => new PerformanceObserver((list, observer) => {"
                " const found = list.getEntriesByName('first-contentful-paint');"
                " if (found.length) { observer.disconnect(); done(found[0].startTime); } })"
                ".observe({type: 'paint', buffered: true}))"))
            unpack.append(tab.evaluate(UNPACK))
            context.close()
        browser.close()
    for name, times in (("first screen", first[1:]), ("first contentful paint", paint[1:]),
                        ("chance table unpacked", unpack[1:])):
        print(f"  {name:<26}  median {statistics.median(times):6.1f} ms, "
              f"slowest {max(times):6.1f} ms")


if __name__ == "__main__":
    main()
