"""Generated scenarios of any size for the growth and loading benchmarks.

A chain of `layers` scenes in ten stages. In every scene the player can work (money + 1), wait
(exposure + 1), or, with money, pay a broker (money - 2) or cross alone; the last two are risky,
with weights that depend on exposure. Money is kept within 0..`money_max` and exposure within
0..`exposure_max`, so a layer holds at most (money_max + 1) x (exposure_max + 1) states and the
number of reachable states grows linearly with `layers` once that many are reached.
"""

from __future__ import annotations

STAGES = 10


def layered_scenario(layers: int, money_max: int = 99, exposure_max: int = 9) -> str:
    per_stage = -(-layers // STAGES)
    out = [
        "format: 1",
        f"id: generated_{layers}",
        f'title: "Generated chain of {layers} scenes"',
        "summary: A generated scenario for benchmarks.",
        "content_note: A generated benchmark; its text is placeholder text.",
        "start: s0",
        "variables:",
        f"  money: {{start: 0, min: 0, max: {money_max}, label: Money, unit: US$, scale: 100}}",
        f"  exposure: {{start: 0, min: 0, max: {exposure_max}, label: Exposure}}",
        "flags:",
        "  has_broker: {label: Travelling with a broker}",
        "stages:",
    ]
    out += [f'  - {{id: leg{k}, title: "Leg {k}", place: "Place {k}"}}' for k in range(STAGES)]
    out.append("scenes:")
    for k in range(layers):
        next_id = f"s{k + 1}" if k + 1 < layers else "arrived"
        out += [
            f"  s{k}:",
            f"    stage: leg{k // per_stage}",
            f"    text: Day {k + 1} of the journey. You weigh what to do next.",
            "    sources: [generated]",
            "    choices:",
            "      - label: Work for a week",
            "        effects: {add: {money: 1}}",
            f"        goto: {next_id}",
            "      - label: Wait for a safer night",
            "        effects: {add: {exposure: 1}}",
            f"        goto: {next_id}",
            "      - label: Pay a broker",
            "        if: money >= 2",
            "        unavailable: You do not have enough money.",
            "        effects: {add: {money: -2}, set: {has_broker: true}}",
            "        outcomes:",
            '          - {weight: "1 + exposure // 3", goto: caught, text: Checked.}',
            f"          - {{weight: 19, goto: {next_id}, text: Passed.}}",
            "      - label: Cross alone",
            "        if: not has_broker",
            "        outcomes:",
            '          - {weight: "2 + exposure", goto: caught, text: Seen.}',
            f"          - {{weight: 18, goto: {next_id}, text: Unseen.}}",
        ]
    out += [
        "endings:",
        "  arrived:",
        "    kind: asylum",
        "    title: Arrived",
        "    text: You arrive.",
        "    context: Placeholder context.",
        "    sources: [generated]",
        "  caught:",
        "    kind: repatriation",
        "    title: Caught",
        "    text: You are caught.",
        "    context: Placeholder context.",
        "sources:",
        "  generated:",
        "    title: Placeholder source",
        "    publisher: journey benchmarks",
        "    year: 2024",
        "    url: https://example.org/benchmarks",
    ]
    return "\n".join(out) + "\n"


def _state_counts(money_max: int, exposure_max: int):
    """For 1, 2, 3... layers, the number of states `journey check` will explore (for sizing)."""
    layer = {(0, 0, False)}
    scene_states, caught = 0, set()
    while True:
        scene_states += len(layer)
        following = set()
        for money, exposure, broker in layer:
            following.add((min(money + 1, money_max), exposure, broker))
            following.add((money, min(exposure + 1, exposure_max), broker))
            if money >= 2:
                following.add((money - 2, exposure, True))
                caught.add((money - 2, exposure, True))
            if not broker:
                following.add((money, exposure, broker))
                caught.add((money, exposure, broker))
        yield scene_states + len(caught) + len(following)  # the last layer leads to 'arrived'
        layer = following


def reachable_states(layers: int, money_max: int = 99, exposure_max: int = 9) -> int:
    """The number of reachable states of `layered_scenario(layers, ...)`."""
    counts = _state_counts(money_max, exposure_max)
    return next(c for k, c in enumerate(counts, 1) if k == layers)


def layers_for(states: int, money_max: int = 99, exposure_max: int = 9) -> int:
    """The fewest layers whose scenario has at least `states` reachable states."""
    counts = _state_counts(money_max, exposure_max)
    return next(k for k, c in enumerate(counts, 1) if c >= states)
