"""Plain mode: the journey as lines of text on standard output, one number per line read from
standard input, for a screen reader, a pipe or a script. It renders the same game as the app
(journey.frontend.game): the same numbers, the same saves, the same debrief.

    output.py    the lines it writes, wrapped to the width
    play.py      a game played line by line, to its debrief
    watching.py  with --watch: standard input read on a thread while the file is polled
"""
