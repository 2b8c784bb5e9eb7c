"""The kinds of ending, in one table: what a scenario file writes, the words a person reads for
each, whether it is hopeful or harmful, and its shape in `journey graph`. The schema's list of
kinds, the policies, the debrief, the turning points and the graph all read it.

Only asylum is hopeful. Years in hiding and turning back count as harmful, as the long road's
sources describe them: years in hiding are years without papers, listening for the police at
every knock; turning back returns a woman to what she set out to flee, at a border under
shoot-to-kill orders. Neither is safety: after them the debrief, as after an arrest, does not
emphasise "Play again", and the policies' careful players avoid them (docs/scenario-format.md,
"Endings").
"""

from __future__ import annotations

from dataclasses import dataclass

ROUNDED, HEXAGON, OCTAGON = "rounded", "hexagon", "octagon"
"""The graph's shapes: a double ellipse or a stadium, a hexagon, an octagon or a subroutine box
(DOT or Mermaid); so an ending's kind never rests on colour."""


def N_(message: str) -> str:
    """Marks words for the program's catalogue (tools/catalogue.py finds them by this name);
    the front end looks them up where they are shown. The engine imports nothing of the front
    end, so it marks them with its own."""
    return message


@dataclass(frozen=True)
class Kind:
    """One kind of ending. `label` names it on its own (a chart's row); `words` reads in a
    sentence ("end in years in hiding")."""

    name: str
    label: str
    words: str
    hopeful: bool
    shape: str

    @property
    def harmful(self) -> bool:
        return not self.hopeful


KINDS = (
    Kind("asylum", N_("Asylum"), N_("asylum"), True, ROUNDED),
    Kind("repatriation", N_("Repatriation"), N_("repatriation"), False, HEXAGON),
    Kind("deportation", N_("Deportation"), N_("deportation"), False, HEXAGON),
    Kind("trafficking", N_("Trafficking"), N_("trafficking"), False, HEXAGON),
    Kind("hiding", N_("Hiding"), N_("years in hiding"), False, OCTAGON),
    Kind("death", N_("Death"), N_("death"), False, HEXAGON),
    Kind("turned_back", N_("Turned back"), N_("turning back"), False, OCTAGON),
)
NAMES: tuple[str, ...] = tuple(kind.name for kind in KINDS)
"""The kinds a scenario file may write, in the schema's order."""
BY_NAME = {kind.name: kind for kind in KINDS}
HOPEFUL = frozenset(kind.name for kind in KINDS if kind.hopeful)
HARMFUL = frozenset(kind.name for kind in KINDS if kind.harmful)


def harmful(kind: str) -> bool:
    """Whether an ending of this kind is harmful (every kind but the hopeful ones)."""
    return kind not in HOPEFUL


def label(kind: str) -> str:
    """'Turned back'."""
    return BY_NAME[kind].label


def words(kind: str) -> str:
    """'turning back', as in 'end in turning back'."""
    return BY_NAME[kind].words
