"""What journey gives web browsers: the rules of a scenario as plain data (`scenario_data`),
the JavaScript runtime that plays them exactly as the engine does (`runtime.js`), the class
server's pages (`templates/`), and the guards any server of ours puts before a class (origin,
caps on tabs and terminal sizes)."""
