"""The game as one HTML file: the page's template, styles and scripts (page/), the rules of the
scenario (frontend.scenario_data) with the runtime that plays them (runtime.js), the debrief's
figures worked out now (frontend.page_data) and the words the page shows, all inside it. It
asks nothing of any host: its Content-Security-Policy allows only its own inline scripts (by
their hashes) and style, and, when `journey serve` gives it, calls to its own origin.

`page_html` is the one seam: `journey export` writes what it returns to a file, and `journey
serve` gives it to a class with a `config` (docs/web-page.md).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from journey import __version__
from journey.frontend.page_data import PageContent
from journey.frontend.words import _, ngettext
from journey.web import RUNTIME

PAGE = Path(__file__).with_name("page")
GAME_JS = PAGE / "game.js"
PAGE_JS = PAGE / "page.js"
WORDS = PAGE / "words.json"
"""Every message the page shows, keyed by its English text ({named} values in it); a value is
the English text, or [one, other] for a message with a count. The keys are messages of the
program's catalogue (tools/catalogue.py extracts them), and `words` gives them in the
language in use."""
NOSCRIPT = "This page plays the journey with JavaScript, which this browser has switched off."

Words = dict[str, str | list[str]]


@cache
def _english() -> Words:
    table: Words = json.loads(WORDS.read_text(encoding="utf-8"))
    return table


def words() -> Words:
    """The page's words table in the language in use, looked up in the catalogue when the
    page is made. A counted message gets its forms for 1 and for 2: the page picks the first
    for one and the second otherwise (enough for English and for Korean's one form; a
    language with more forms would need the page to know its rule)."""
    return {key: [ngettext(key, text[1], 1), ngettext(key, text[1], 2)]
            if isinstance(text, list) else _(key) for key, text in _english().items()}


def page_html(content: PageContent, config: Mapping[str, object] | None = None) -> str:
    """The whole page holding `content` (frontend.page_data.page_content); `config` is what the class
    server tells the page ({"served": true, "api": "/api", "showOdds": false}), None for a
    page that stands alone."""
    table = words()
    data = "\n".join(_json_element(name, value) for name, value in (
        ("journey-rules", content.rules), ("journey-figures", content.figures),
        ("journey-words", table), ("journey-config", dict(config) if config else None)))
    scripts = [_inline(path) for path in (RUNTIME, GAME_JS, PAGE_JS)]
    style = _inline(PAGE / "page.css")
    served = bool(config and config.get("served"))
    policy = "; ".join([
        "default-src 'none'", "script-src " + " ".join(_hash(s) for s in scripts),
        f"style-src {_hash(style)}", "img-src data:",
        "connect-src 'self'" if served else "connect-src 'none'",
        "base-uri 'none'", "form-action 'none'"])
    filled = {"lang": content.language, "policy": policy, "version": __version__,
              "title": content.title, "noscript": str(table[NOSCRIPT]), "style": style,
              "data": data, "scripts": "\n".join(f"<script>{s}</script>" for s in scripts)}
    for name in ("lang", "policy", "version", "title", "noscript"):
        filled[name] = html.escape(filled[name])
    # One pass over the template: nothing filled in is read for {{names}} again.
    return re.sub(r"\{\{([a-z]+)\}\}", lambda found: filled[found[1]],
                  (PAGE / "page.html").read_text(encoding="utf-8"))


def _inline(path: Path) -> str:
    """A script or style to put inside its element, which no text of it may close."""
    text = path.read_text(encoding="utf-8")
    if re.search(r"</(script|style)", text, re.IGNORECASE):
        raise ValueError(f"{path} cannot be inlined: it closes its element")
    return text


def _hash(content: str) -> str:
    digest = hashlib.sha256(content.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _json_element(name: str, value: object) -> str:
    """JSON inside a script element that is never run: every '<' is written as an escape, so
    no text in it (a scenario's, say) can close the element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return f'<script type="application/json" id="{name}">{text}</script>'
