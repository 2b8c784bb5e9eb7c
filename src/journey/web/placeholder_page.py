"""The page `journey serve` gives each student, until the game's own web page (`journey
export`'s, built beside this server) is joined to it: the seam is `page_html`, and
commands/serve.py's `served_page` is the one place that calls it.

It says, in words, that the page is not here yet and how to play meanwhile, and carries the
served-mode configuration the game's page reads (docs/web-page.md): {served, api, seed,
showOdds, codeLength}, as JSON in a script element of type application/json, which the browser
never runs."""

from __future__ import annotations

import json
from collections.abc import Mapping
from html import escape

CONFIG_ID = "journey-config"


def config_json(config: Mapping[str, object]) -> str:
    """The configuration as JSON that cannot close its script element early."""
    return json.dumps(dict(config), ensure_ascii=True).replace("<", "\\u003c")


def page_html(title: str, language: str, config: Mapping[str, object]) -> str:
    return f"""<!DOCTYPE html>
<html lang="{escape(language)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title><link rel="icon" href="data:,">
<script type="application/json" id="{CONFIG_ID}">{config_json(config)}</script>
<style>body {{ font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto;
padding: 0 1rem; line-height: 1.5; }}</style></head>
<body><main><h1>{escape(title)}</h1>
<p>This server is ready for the class, but the game's page is not part of it yet.</p>
<p>Teachers: until it is, start the server with <code>journey serve --terminal</code>, which
plays the game in a terminal in the browser.</p></main></body></html>
"""
