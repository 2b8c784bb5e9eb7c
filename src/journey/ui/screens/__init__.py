"""The app's screens: title, journey, debrief, and the small dialogs over them."""
