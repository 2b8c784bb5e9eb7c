"""Real-world data the game ships for its debrief (read-only files inside the package)."""
