"""What every front end drives besides the rules, without Textual: the session (a scenario
opened for play, its numbered choices, its saves and their lock), the journey in memory, the
words of the journal, the debrief's figures, text charts, and the scenario library.

Nothing here imports Textual, so plain mode and `journey check` stay light (a test checks it).
"""
