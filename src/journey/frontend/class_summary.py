"""The figures of `journey class report`, worked out once for every format: the class's
endings per era beside the game's exact odds, how surprising each difference is, the most
common routes and the choices made at each stage.

The odds are the game's own, for a player who picks at random among the choices open to
them: what the class did is set beside them to start a discussion, never to mark it. A
journey played under another version of the scenario (another content hash) is counted apart,
because this version's odds do not describe it.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import datetime

from journey.engine.model import Ending, Scenario, Scene
from journey.engine.exact.summary import Group, OddsSummary
from journey.frontend.chance_words import rarity
from journey.frontend.class_record import Entry
from journey.frontend.class_turning import Analysis, ClassTurning, class_turning, excerpt
from journey.frontend.words import N_, _, ngettext

TOP_ROUTES = 5


def binomial_tail(n: int, k: int, p: float, upper: bool) -> float:
    """The exact chance that a binomial(n, p) count is >= k (`upper`) or <= k. Summed in
    log space, so a record of thousands of journeys neither overflows nor underflows."""
    if p <= 0.0:
        return 1.0 if not upper or k <= 0 else 0.0
    if p >= 1.0:
        return 1.0 if upper or k >= n else 0.0
    terms = range(k, n + 1) if upper else range(0, k + 1)
    log_p, log_q = math.log(p), math.log1p(-p)
    return min(1.0, sum(math.exp(math.lgamma(n + 1) - math.lgamma(i + 1) - math.lgamma(n - i + 1)
                                 + i * log_p + (n - i) * log_q) for i in terms))


@dataclass(frozen=True)
class KindRow:
    """One kind of ending in one era: how many of the class's journeys ended so, and, when the
    odds are known, the exact chance for a random player, the count that chance would give,
    and `tail`: the chance that random play gives a count at least this far from it, on the
    side the class is on (1.0 when the class matches it)."""

    kind: str
    count: int
    share: float
    odds: float | None
    expected: float | None
    tail: float | None

    @property
    def side(self) -> str:
        """'more', 'fewer' or 'same': the class's count against what random play would give."""
        if self.expected is None or math.isclose(self.count, self.expected, abs_tol=0.5):
            return "same"
        return "more" if self.count > self.expected else "fewer"


@dataclass(frozen=True)
class EndingRow:
    """One ending in one era: the class's count and share, and the exact chance, if known."""

    ending: str
    title: str
    kind: str
    count: int
    share: float
    odds: float | None


@dataclass(frozen=True)
class EraRow:
    """The class's journeys of one era (`value` None: a scenario without eras)."""

    value: int | None
    name: str
    years: tuple[int, int] | None
    journeys: int
    kinds: tuple[KindRow, ...]
    endings: tuple[EndingRow, ...]


@dataclass(frozen=True)
class RouteRow:
    """A sequence of choices several journeys made, and where those journeys ended."""

    steps: tuple[str, ...]
    count: int
    endings: dict[str, int]


@dataclass(frozen=True)
class ChoiceCount:
    label: str
    count: int


@dataclass(frozen=True)
class SceneChoices:
    """What the class chose in one scene: `met` is how many times a journey was there."""

    stage: str
    scene: str
    excerpt: str
    met: int
    choices: tuple[ChoiceCount, ...]


@dataclass(frozen=True)
class ClassSummary:
    """Everything the report shows, for one scenario file."""

    scenario: str
    title: str
    content_hash: str
    since: datetime | None
    first: datetime | None
    last: datetime | None
    journeys: int
    """Journeys of this version of the scenario, the ones set beside its odds."""
    other_versions: dict[str, int]
    """Journeys played under another version: content hash -> count."""
    odds_problem: str | None
    """Why there are no exact odds, when there are none."""
    record_notes: tuple[str, ...]
    """What the record could not give (damage, rows it could not read), and journeys counted
    that are kept aside, not in it yet."""
    eras: tuple[EraRow, ...]
    routes: tuple[RouteRow, ...]
    scenes: tuple[SceneChoices, ...]
    until: datetime | None = None
    turning: ClassTurning | None = None
    """Where the class's chances were won and lost (None without a chance table)."""

    def to_json(self) -> dict[str, object]:
        data = asdict(self)
        for key in ("since", "until", "first", "last"):
            moment = getattr(self, key)
            data[key] = None if moment is None else moment.isoformat()
        return data


def summarise_class(scenario: Scenario, entries: Iterable[Entry], odds: OddsSummary | None,
                    odds_problem: str | None, since: datetime | None = None,
                    record_notes: tuple[str, ...] = (), until: datetime | None = None,
                    analysis: Analysis | None = None) -> ClassSummary:
    """The figures for the journeys of `scenario` among `entries` (others are ignored); the
    class's turning points when the odds have a chance table and `analysis` is given."""
    mine = [e for e in entries if e.scenario == scenario.id]
    same = [e for e in mine if e.content_hash == scenario.content_hash]
    others = Counter(e.content_hash for e in mine if e.content_hash != scenario.content_hash)
    return ClassSummary(
        scenario.id, scenario.title, scenario.content_hash, since,
        min((e.finished for e in mine), default=None),
        max((e.finished for e in mine), default=None), len(same), dict(others), odds_problem,
        record_notes, era_rows(scenario, same, odds), route_rows(scenario, same),
        scene_rows(scenario, same), until,
        class_turning(scenario, same, odds.chances, analysis)
        if odds is not None and odds.chances is not None and analysis is not None and same
        else None)


def era_rows(scenario: Scenario, entries: list[Entry],
             odds: OddsSummary | None) -> tuple[EraRow, ...]:
    """One row per era the class played in (the whole class when there are no eras)."""
    if scenario.eras is None:
        return (era_row(scenario, None, _("All journeys"), None, entries,
                        odds.odds if odds is not None else None),) if entries else ()
    by_value: dict[int, list[Entry]] = {}
    for entry in entries:  # this version's journeys: each has its era's value
        by_value.setdefault(entry.era_value or 0, []).append(entry)
    rows = []
    for value, group in sorted(by_value.items()):
        era = scenario.era_at(value)
        found = odds.era(value) if odds is not None else None
        rows.append(era_row(scenario, value, era.name, era.years, group,
                            found.odds if found is not None else None))
    return tuple(rows)


def era_row(scenario: Scenario, value: int | None, name: str, years: tuple[int, int] | None,
            entries: list[Entry], odds: Group | None) -> EraRow:
    n = len(entries)
    kinds = Counter(e.kind for e in entries)
    endings = Counter(e.ending for e in entries)
    all_kinds = dict.fromkeys(ending.kind for ending in scenario.endings)
    kind_rows = []
    for kind in all_kinds:
        count = kinds.get(kind, 0)
        p = odds.kinds.get(kind, 0.0) if odds is not None else None
        if count == 0 and not p:
            continue
        expected = None if p is None else n * p
        tail = None if p is None or expected is None else (
            1.0 if math.isclose(count, expected, abs_tol=0.5)
            else binomial_tail(n, count, p, upper=count > expected))
        kind_rows.append(KindRow(kind, count, count / n, p, expected, tail))
    ending_rows = [EndingRow(ending.id, ending.title, ending.kind, endings.get(ending.id, 0),
                             endings.get(ending.id, 0) / n,
                             odds.endings.get(ending.id, 0.0) if odds is not None else None)
                   for ending in scenario.endings
                   if endings.get(ending.id) or (odds is not None and odds.endings.get(ending.id))]
    return EraRow(value, name, years, n, tuple(kind_rows), tuple(ending_rows))


def step_text(scenario: Scenario, scene_id: str, label: str) -> str:
    """'The border: Wade across alone' (the stage by its title; the scene may be gone)."""
    node = scenario.node_index.get(scene_id)
    scene = scenario.nodes[node] if node is not None else None
    if isinstance(scene, Scene):
        return _("{stage}: {choice}").format(stage=scenario.stages[scene.stage].title,
                                            choice=label)
    return label


def ending_title(scenario: Scenario, ending_id: str) -> str:
    node = scenario.node_index.get(ending_id)
    ending = scenario.nodes[node] if node is not None else None
    return ending.title if isinstance(ending, Ending) else ending_id


def route_rows(scenario: Scenario, entries: list[Entry]) -> tuple[RouteRow, ...]:
    """The most common sequences of choices, with where they ended."""
    routes: dict[tuple[tuple[str, int], ...], list[Entry]] = {}
    for entry in entries:
        routes.setdefault(tuple((s.scene, s.choice) for s in entry.route), []).append(entry)
    common = sorted(routes.values(), key=lambda group: -len(group))[:TOP_ROUTES]
    return tuple(RouteRow(tuple(step_text(scenario, s.scene, s.label) for s in group[0].route),
                          len(group),
                          dict(Counter(ending_title(scenario, e.ending) for e in group)))
                 for group in common)


def scene_rows(scenario: Scenario, entries: list[Entry]) -> tuple[SceneChoices, ...]:
    """For every scene the class reached, in the scenario's order: each choice's count."""
    taken: Counter[tuple[str, int]] = Counter(
        (step.scene, step.choice) for entry in entries for step in entry.route)
    rows = []
    for scene in scenario.scenes:
        counts = [ChoiceCount(choice.label, taken.get((scene.id, i), 0))
                  for i, choice in enumerate(scene.choices)]
        met = sum(c.count for c in counts)
        if met:
            rows.append(SceneChoices(scenario.stages[scene.stage].title, scene.id,
                                     excerpt(scene.text), met, tuple(counts)))
    return tuple(rows)


ABOUT_ODDS = N_(
    "The odds here are the game's own: the exact chance of each ending for a player who picks "
    "at random among the choices open to them, worked out from the scenario file. They are not "
    "real-world statistics. A class does not choose at random, so its journeys can end "
    "differently; a large difference shows that the class's choices, not chance alone, shaped "
    "how its journeys ended. It is a starting point for discussion, never a mark of anyone's "
    "choices.")
ABOUT_SURPRISE = N_(
    "How surprising: how often journeys played at random, as many as the class played, would "
    "end this way at least as often (or at most as often) as the class's did. A small figure, "
    "such as 1 in 100, means chance alone seldom gives such a result.")


def surprise_text(row: KindRow, journeys: int) -> str:
    """The row's difference from random play in plain words."""
    if row.tail is None or row.expected is None:
        return _("No exact odds to compare with.")
    figures = dict(journeys=journeys_text(journeys), count=row.count, how_often=rarity(row.tail),
                   average=row.expected)
    if row.side == "same":
        return _("About what random play gives (on average {average:.1f} of {count}).").format(
            average=row.expected, count=journeys)
    if row.count == 0:
        return _("Of {journeys} played at random, none end this way {how_often} of the time (on "
                 "average {average:.1f}).").format(**figures)
    if row.side == "more":
        return _("Of {journeys} played at random, {count} or more end this way {how_often} of "
                 "the time (on average {average:.1f}).").format(**figures)
    return _("Of {journeys} played at random, {count} or fewer end this way {how_often} of the "
             "time (on average {average:.1f}).").format(**figures)


def local_time(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def journeys_text(count: int) -> str:
    return ngettext("{count} journey", "{count} journeys", count).format(count=count)


@dataclass(frozen=True)
class Arrivals:
    """The real arrivals in South Korea as the debrief charts them, with their source."""

    title: str
    chart: tuple[str, ...]
    source: str
    notes: tuple[str, ...]


def arrivals() -> Arrivals:
    from journey.data import arrivals as table_data
    from journey.frontend import debrief

    table = table_data.load()
    return Arrivals(_("{title}, {first}-{last}").format(title=table.title,
                                                         first=debrief.FIRST_YEAR,
                                                         last=debrief.LAST_YEAR),
                    tuple(line.text for line in debrief.arrivals_rows(table, None)),
                    _("Source: {source}. {address}").format(source=table.source,
                                                            address=table.url), table.notes)
