"""`journey simulate SCENARIO --runs N`: play many journeys and set their endings beside the
exact probabilities, so a class can see what luck does and what a policy changes."""

from __future__ import annotations

import os
import sys

DEFAULT_RUNS = 10_000
PROGRESS_FROM = 100_000  # runs; shorter simulations finish before a bar would help


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def _positive(text: str) -> int:
    import argparse

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def add_parser(sub) -> None:
    import argparse
    import textwrap

    from journey.engine import DEFAULT_MAX_STATES
    from journey.engine.policies import DEFAULT_RESOURCE, POLICIES
    from journey.engine.simulation import RUN_STRIDE

    policies = "\n".join(textwrap.fill(p.summary, 88, initial_indent=f"  {p.name:<11}",
                                        subsequent_indent=" " * 13)
                          for p in POLICIES.values())
    parser = sub.add_parser(
        "simulate", help="play many journeys and compare their endings with the exact odds",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Play N journeys with a policy and print, for each ending, how many "
                    "journeys reached it,\nits share with a 95% Wilson interval, and the exact "
                    "probability computed by the analysis.\n\npolicies (ties go to the choice "
                    f"listed first):\n{policies}\n\n"
                    f"Run i uses game seed SEED * {RUN_STRIDE:,} + i, so the same seed gives the "
                    "same result on any\nnumber of processes, and --replay i shows any run step "
                    "by step.")
    parser.add_argument("scenario", metavar="SCENARIO",
                        help="a bundled scenario name or a scenario file (YAML)")
    parser.add_argument("--runs", type=_positive, default=DEFAULT_RUNS, metavar="N",
                        help=f"number of journeys (default {DEFAULT_RUNS:,})")
    parser.add_argument("--seed", type=int, default=0, metavar="S", help="seed (default 0)")
    parser.add_argument("--policy", choices=tuple(POLICIES), default="random",
                        help="how the simulated player chooses (default: random)")
    parser.add_argument("--resource", default=DEFAULT_RESOURCE, metavar="VAR",
                        help=f"the variable 'cheapest' keeps (default: {DEFAULT_RESOURCE})")
    parser.add_argument("--jobs", type=_positive, default=_cores(), metavar="J",
                        help="processes to use for large runs (default: every core)")
    parser.add_argument("--max-states", type=int, default=DEFAULT_MAX_STATES, metavar="N",
                        help=f"stop exploring past N states (default {DEFAULT_MAX_STATES:,})")
    parser.add_argument("--replay", type=int, metavar="I",
                        help="instead of simulating, show run I step by step")
    parser.add_argument("--json", action="store_true", help="print one JSON object")


def run(args) -> int:
    import json

    from journey.commands import simulate_report as report
    from journey.commands.loading import FAILED, USAGE, load_named
    from journey.engine.exact.analysis import analyse
    from journey.engine.exact.odds import journeys
    from journey.engine.exact.space import StateLimitExceeded
    from journey.engine.policies import POLICIES, PolicyError
    from journey.engine.simulation import MAX_RUNS, run_walks, walk_table

    if args.runs > MAX_RUNS:
        print(f"journey: --runs can be at most {MAX_RUNS:,}", file=sys.stderr)
        return USAGE
    scenario, _, code = load_named(args.scenario, "journey simulate")
    if scenario is None:
        return code
    try:
        analysis = analyse(scenario, args.max_states)
        if not analysis.ok:
            print(f"{args.scenario}: not every path ends ({len(analysis.problems)} problem(s)); "
                  f"run 'journey check {args.scenario}' to see them", file=sys.stderr)
            return FAILED
    except StateLimitExceeded as error:
        print(f"{args.scenario}: {error}", file=sys.stderr)
        return FAILED
    space = analysis.space
    policy = POLICIES[args.policy]
    try:
        chosen = policy.pick(space, args.resource) if policy.pick else None
    except PolicyError as error:
        print(f"journey: {error}", file=sys.stderr)
        return USAGE
    if args.replay is not None:
        if args.replay < 0:
            print("journey: --replay needs a run number of 0 or more", file=sys.stderr)
            return USAGE
        print(report.replay_text(space, chosen, args))
        return 0
    bar = report.ProgressBar(args.runs) if (sys.stderr.isatty() and not args.json
                                            and args.runs >= PROGRESS_FROM) else None
    counts, choices = run_walks(walk_table(space, chosen), args.seed, args.runs, args.jobs,
                                bar.update if bar else None)
    if bar:
        bar.close()
    random_player = analysis.journeys  # every path ends, so the analysis has them
    exact = random_player if chosen is None else journeys(space, random_player.order, chosen)
    result = report.Result(args, scenario, counts, choices, exact, random_player)
    print(json.dumps(result.to_json()) if args.json else result.text())
    return 0
