"""The help page (?): every key, and how to read the journey screen."""

from __future__ import annotations
from journey.frontend.words import N_, _

from journey.ui.screens.dialogs import TextScreen

# Translators: the help page, shown as it is written: keep each line within 60 columns
# (a Korean syllable takes two) and the explanations lined up.
HELP = N_("""\
Keys on the journey screen
  1-9      take the choice with that number
  Up/Down  move the ▶ mark between choices; Enter takes it
  Mouse    click a choice to take it; scroll with the wheel
  Tab      move between the scene, the choices and the side
           panel; the arrow keys then scroll what is marked
  s        the sources behind the current scene
  o        show odds: also show the chance of what happened
           when a risk resolves, and all the odds in the
           journal (for educators); again hides them. The
           setting is kept for next time
  j        switch the side panel: status or journal
  Escape   back to the title screen (your journey is saved)
  q        quit (asks first; your journey is saved)
  ?        this help
  Ctrl+P   command palette: new journey, show odds, theme
  Ctrl+C   quit at once (your journey is saved)
  Ctrl+Z   suspend to the shell; fg brings the game back

Reading the journey screen
  Route    the stages of the journey: ✓ passed, ▶ where you
           are now, · still ahead
  Status   every value the story tracks, with its label and
           unit; a bar shows how full a value is, and the
           number beside it says the same; "(was ...)" marks
           what the last step changed
  Choices  "(a risk)" can turn out more than one way;
           "Not available" ones have no number, and say
           why you cannot take them
  Scene    above the scene: your last choice and what came
           of it. "more below" at the foot of the scene
           means there is more to read: Tab to it, then ↓
  Journal  everything that has happened so far

Your journey is saved after every step. On the title screen,
Continue brings you back to exactly where you were.

Plain text mode: journey play --plain prints the story as
lines of text and reads one number per line, for screen
readers and scripts.
""")


def help_screen() -> TextScreen:
    return TextScreen(_("Help"), _(HELP))
