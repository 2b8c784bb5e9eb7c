"""What every front end needs besides the rules: the scenario library, a journey in progress
with its journal and autosave, the debrief's figures, and text charts.

Nothing here imports Textual, so plain mode and `journey check` stay light.
"""
