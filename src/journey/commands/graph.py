"""`journey graph SCENARIO --format mermaid|dot`: the story as a diagram, on stdout."""

from __future__ import annotations


def add_parser(sub) -> None:
    from journey.engine import DEFAULT_MAX_STATES
    from journey.engine.kinds import HEXAGON, KINDS, OCTAGON, ROUNDED

    drawn = {ROUNDED: "double ellipse / stadium", HEXAGON: "hexagon",
             OCTAGON: "octagon / subroutine"}
    shapes = "; ".join(", ".join(k.label.lower() for k in KINDS if k.shape == shape) +
                       f": {name}" for shape, name in drawn.items())
    parser = sub.add_parser(
        "graph", help="print a scenario as a Mermaid or Graphviz (DOT) diagram",
        description="Print the scenario as a diagram: stages as clusters, endings in their own "
                    f"cluster with their kind written and a shape per kind ({shapes}). Each "
                    "edge is one outcome of one choice, labelled with the choice's number, "
                    "label and condition; for a risky choice, the exact chance of that outcome "
                    "among random players who take the choice, with the range over situations when the odds depend on the state. "
                    "When odds cannot be computed (a cycle, or too many states), the weight "
                    "expressions are shown instead.")
    parser.add_argument("scenario", metavar="SCENARIO",
                        help="a bundled scenario name or a scenario file (YAML)")
    parser.add_argument("--format", choices=("mermaid", "dot"), default="mermaid",
                        help="diagram language (default: mermaid)")
    parser.add_argument("--max-states", type=int, default=DEFAULT_MAX_STATES, metavar="N",
                        help=f"explore at most N states to compute odds (default "
                             f"{DEFAULT_MAX_STATES:,})")


def run(args) -> int:
    from journey.commands.loading import load_named
    from journey.engine.exact.coverage import outcome_odds
    from journey.engine.exact.exploration import explore
    from journey.engine.exact.odds import journeys
    from journey.engine.exact.order import topological_order
    from journey.engine.exact.space import StateLimitExceeded
    from journey.commands.graph_export import FORMATS

    scenario, _, code = load_named(args.scenario, "journey graph")
    if scenario is None:
        return code
    note, odds = "", None
    try:
        space = explore(scenario, args.max_states)
        order = topological_order(space)
        if order is None:
            note = "odds not shown: the story can loop forever (see journey check)"
        else:
            odds = outcome_odds(space, journeys(space, order))
    except StateLimitExceeded:
        note = f"odds not shown: more than {args.max_states:,} reachable states"
    print(FORMATS[args.format](scenario, odds, note), end="")
    return 0
