"""What journey gives web browsers: the JavaScript runtime that plays a scenario exactly as the
engine does (`runtime.js`, reading the data journey.frontend.scenario_data makes), the class
server's pages (`templates/`), and the guards any server of ours puts before a class (origin,
caps on tabs and terminal sizes)."""

from pathlib import Path

RUNTIME = Path(__file__).with_name("runtime.js")
"""The runtime's one file, to inline into a page or load in node."""
