#!/usr/bin/env python3
"""Convert the peer's layered story (benchmarks/peer/story_spec.py, JSON spec) into a scenario.

The spec's semantics, and how each maps onto our format (where weights are evaluated after the
choice's own effects, so `exposure` in a weight already includes this step's increment):

- money starts at 500, exposure at 0          -> two variables with those starts;
- an option does money -= cost, exposure += 1 -> the choice's `add: {money: -COST, exposure: 1}`;
- caught with probability min(20, risk + exposure // 4) / 20, else go to `next`
                                              -> outcome `caught` with weight
                                                 "min(20, RISK + exposure // 4)" and outcome
                                                 `next` with weight "20 - min(...)".

Variable bounds contain every reachable value (money never goes below 500 minus the largest cost of
every layer, exposure never above the number of layers), so clamping never changes the story.

Usage: peer_convert.py SPEC.json > story.yaml        (a spec written by story_spec.py json ...)
       peer_convert.py --layers 10 --width 20 [--seed 1] > story.yaml
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path

PEER = Path(__file__).resolve().parent / "peer"
ENDING_KINDS = {"caught": "repatriation", "asylum": "asylum"}


def peer_spec(layers: int, width: int, seed: int = 1) -> dict:
    """The peer's own generator, loaded from benchmarks/peer/story_spec.py."""
    found = importlib.util.spec_from_file_location("story_spec", PEER / "story_spec.py")
    module = importlib.util.module_from_spec(found)
    found.loader.exec_module(module)
    return module.spec(layers, width, seed)


def _quote(text: str) -> str:
    return json.dumps(text)  # a JSON string is a valid double-quoted YAML scalar


def convert(spec: dict) -> str:
    """The scenario YAML for a spec, following the semantics in this module's docstring."""
    money, exposure = spec["variables"]["money"], spec["variables"]["exposure"]
    layers = sorted({scene["layer"] for scene in spec["scenes"]})
    largest_cost = {layer: 0 for layer in layers}
    for scene in spec["scenes"]:
        for option in scene["options"]:
            largest_cost[scene["layer"]] = max(largest_cost[scene["layer"]], option["cost"])
    lowest_money = money - sum(largest_cost.values())
    out = [
        "format: 1",
        "id: peer_layered",
        f"title: {_quote(f'Layered benchmark story ({len(layers)} layers)')}",
        "summary: A generated story for speed comparisons with other narrative engines.",
        "content_note: A generated benchmark; its scenes have no story text.",
        f"start: {spec['start']}",
        "variables:",
        f"  money: {{start: {money}, min: {min(lowest_money, money)}, max: {money}, "
        "label: Money}",
        f"  exposure: {{start: {exposure}, min: {exposure}, max: {exposure + len(layers)}, "
        "label: Exposure}",
        "stages:",
    ]
    out += [f"  - {{id: layer_{layer}, title: \"Layer {layer}\", place: \"Layer {layer}\"}}"
            for layer in layers]
    out.append("scenes:")
    for scene in spec["scenes"]:
        out += [f"  {scene['id']}:",
                f"    stage: layer_{scene['layer']}",
                f"    text: \"Layer {scene['layer']}.\"",
                "    choices:"]
        for i, option in enumerate(scene["options"]):
            risk = f"min(20, {option['risk']} + exposure // 4)"
            out += [f"      - label: \"Option {i}: pay {option['cost']}\"",
                    f"        effects: {{add: {{money: {-option['cost']}, exposure: 1}}}}",
                    "        outcomes:",
                    f"          - {{weight: \"{risk}\", goto: caught}}",
                    f"          - {{weight: \"20 - {risk}\", goto: {option['next']}}}"]
    out.append("endings:")
    for ending in spec["endings"]:
        out += [f"  {ending}:",
                f"    kind: {ENDING_KINDS[ending]}",
                f"    title: {_quote(ending.capitalize())}",
                f"    text: {_quote(ending.capitalize() + '.')}",
                "    context: A generated benchmark ending."]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Convert the peer's JSON story spec into a "
                                     "journey scenario (YAML on stdout).")
    parser.add_argument("spec", nargs="?", help="a JSON spec from story_spec.py json ...")
    parser.add_argument("--layers", type=int, default=10)
    parser.add_argument("--width", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.spec:
        spec = json.loads(Path(args.spec).read_text(encoding="utf-8"))
    else:
        spec = peer_spec(args.layers, args.width, args.seed)
    sys.stdout.write(convert(spec))
    return 0


if __name__ == "__main__":
    sys.exit(main())
