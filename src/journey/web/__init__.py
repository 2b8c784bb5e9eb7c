"""What the game gives browsers: the rules of a scenario as plain data (`scenario_data`), the
JavaScript runtime that plays them exactly as the engine does (`runtime.js`), and the page
`journey serve` shows (`templates/`)."""
