"""Checks for what a scenario says about showing and discussing journeys: names for values,
eras, questions for reflection, and the glossary. None of it changes the rules of play, so it lives apart
from `compiler`, which calls these functions and collects their problems."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from difflib import get_close_matches
from typing import Any, Protocol, TypeVar

from . import model
from .salvage import Path

Spec = model.VariableSpec | model.FlagSpec
Fields = Mapping[str, Any]
"""A mapping of the file (the file itself, a section, a choice...) as the shape validator
(schema.py) left it, its broken values taken out: a type checker cannot follow that shape, so
the values are Any."""
_Item = TypeVar("_Item")


class Report(Protocol):
    """Where a problem is reported: at the value at `path`, or at its key."""

    def __call__(self, path: Path, message: str, at_key: bool = False) -> None: ...


def did_you_mean(name: str, known: Iterable[str]) -> str:
    close = get_close_matches(name, list(known), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _values(spec: Spec) -> range:
    return range(2) if isinstance(spec, model.FlagSpec) else range(spec.low, spec.high + 1)


def _key_text(spec: Spec, value: int) -> str:
    """A value as an author writes it as a key: true/false for a flag, the number otherwise."""
    return ("false", "true")[value] if isinstance(spec, model.FlagSpec) else str(value)


def _value_of(spec: Spec, key: object) -> int | str:
    """The value a key of `names:` or `years:` stands for, or what is wrong with it."""
    if isinstance(spec, model.FlagSpec):
        if key in ("true", "false") or isinstance(key, bool):
            return int(key in ("true", True))
        return f"'{key}' is not a value of the flag '{spec.id}': write true or false"
    if not isinstance(key, int) or isinstance(key, bool):
        return (f"'{key}' is not a value of the variable '{spec.id}': write an integer within "
                f"min..max ({spec.low}..{spec.high})")
    if spec.low <= spec.high and not spec.low <= key <= spec.high:
        return f"{key} is outside min..max ({spec.low}..{spec.high}) of '{spec.id}'"
    return key


def _by_value(spec: Spec, table: Mapping[str | int, _Item], path: Path,
              report: Report) -> dict[int, tuple[str | int, _Item]]:
    """Value -> (key, item) for each entry of `table`; bad keys are reported where written."""
    found = {}
    for key, item in table.items():
        value = _value_of(spec, key)
        if isinstance(value, str):
            report(path + (key,), value, at_key=True)
        else:
            found[value] = (key, item)
    return found


def value_names(spec: Spec, names: Mapping[str | int, str], path: Path,
                report: Report) -> dict[int, str]:
    """A flag's or variable's `names:`, value -> the name shown instead of yes/no or a number."""
    return {value: name for value, (_, name) in _by_value(spec, names, path, report).items()}


def _first_missing(spec: Spec, years: Mapping[int, object], shown: int = 5) -> str:
    """The first values without years, as text ('' when none is missing); the loop stops
    early, so a variable with a vast range costs no more than a small one."""
    missing = []
    for value in _values(spec):
        if value not in years:
            missing.append(_key_text(spec, value))
            if len(missing) > shown:
                return ", ".join(missing[:shown]) + ", ..."
    return ", ".join(missing)


def eras(raw: Fields, specs: dict[str, Spec], report: Report,
         years_intact: bool = True) -> model.Eras | None:
    """The `eras:` section: which flag or variable divides journeys, and each era's years.
    Without `years_intact` (some years were broken, and reported), none is said missing."""
    spec = specs.get(raw["by"])
    if spec is None:
        report(("eras", "by"), f"unknown flag or variable '{raw['by']}'"
               + did_you_mean(raw["by"], specs))
        return None
    years = {}
    written = _by_value(spec, raw.get("years", {}), ("eras", "years"), report)
    for value, (key, span) in written.items():
        if not all(isinstance(year, int) for year in span):
            continue  # a year that is not a number was reported with the file's shape
        if len(span) != 2 or span[0] > span[1]:
            report(("eras", "years", key), "an era's years are written [first, last], two "
                   "years with the first not after the last")
        else:
            years[value] = (span[0], span[1])
    missing = _first_missing(spec, written)
    if missing and years_intact and "years" in raw:
        report(("eras", "years"), f"no years for {missing}: every value of '{spec.id}' is an "
               "era and needs its years", at_key=True)
    unnamed = [_key_text(spec, v) for v in sorted(years) if v not in spec.names]
    if unnamed:
        report(("eras", "by"), f"'{spec.id}' has no name for {', '.join(unnamed)}; eras are "
               f"shown by name: add them under names: in '{spec.id}'")
    return model.Eras(spec.id, years)


def questions(raw: Fields, kinds: set[str], report: Report) -> model.Questions:
    """The `questions:` section: general ones, and ones per ending kind the scenario uses."""
    by_kind = {}
    for kind, items in raw.items():
        if kind == "general":
            continue
        if kind not in kinds:
            report(("questions", kind), f"no ending of this scenario is of kind '{kind}', so "
                   "these questions would never be shown" + did_you_mean(kind, kinds),
                   at_key=True)
        by_kind[kind] = tuple(items)
    return model.Questions(tuple(raw.get("general", ())), by_kind)


def glossary(raw: list[Fields | None], kinds: set[str],
             cite: Callable[[list[str], Path], tuple[str, ...]],
             report: Report) -> tuple[model.Term, ...]:
    """The `glossary:` section: each term once, its sources known (`cite` says which are
    not), and each kind of ending explained by one entry at most, of a kind the scenario's
    endings have (else the debrief would never show it)."""
    found: list[model.Term] = []
    explained: dict[str, str] = {}
    for i, entry in enumerate(raw):
        if entry is None:  # broken: reported with the file's shape
            continue
        where = ("glossary", i)
        term = " ".join(entry.get("term", "").split())
        if term and any(t.term == term for t in found):
            report(where + ("term",), f"'{term}' is explained twice in the glossary")
        for k, kind in enumerate(entry.get("kinds", ())):
            if kind is None:  # not a kind at all: reported with the file's shape
                continue
            if kind not in kinds:
                report(where + ("kinds", k), f"no ending of this scenario is of kind '{kind}', "
                       "so the debrief would never show this entry" + did_you_mean(kind, kinds))
            elif kind in explained:
                report(where + ("kinds", k), f"endings of kind '{kind}' are explained already, "
                       f"by '{explained[kind]}': one entry per kind")
            else:
                explained[kind] = term
        found.append(model.Term(term, " ".join(entry.get("text", "").split()),
                                cite(list(entry.get("sources", ())), where + ("sources",)),
                                tuple(k for k in entry.get("kinds", ()) if k is not None)))
    return tuple(found)
