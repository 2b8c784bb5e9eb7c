"""The Textual app. Imported only when the full-screen UI starts (see journey.commands.play)."""
