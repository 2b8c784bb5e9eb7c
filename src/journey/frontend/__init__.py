"""What every front end drives besides the rules, without Textual: the game controller
(game.py, with its small typed vocabulary: Opening, Turn, Debrief, TitleEntry, Notice), the
session under it (a scenario opened for play, its numbered choices, its saves and their lock),
the journey in memory, the words of the journal and of the game's notices, the debrief's
figures, text charts, the scenario library, the class record and its report's model, and the
scenario as data for the browser's runtime.

The front ends (journey.ui, journey.plain, journey.web) import this layer and never the engine:
what they need of it comes from here (import-linter contracts in pyproject.toml). Nothing here
imports Textual, so plain mode and `journey check` stay light (a test checks it).
"""
