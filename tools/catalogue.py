"""Keeps journey's message catalogues (src/journey/locale/) in step with the source, with Babel.

    .venv/bin/python tools/catalogue.py           extract, update every language, compile
    .venv/bin/python tools/catalogue.py --check   exit 1 (saying which) if any file is stale
    .venv/bin/python tools/catalogue.py add ko    start a language from the template

One run does what `pybabel extract`, `update` and `compile` would, in that order (the web
page's words, web/page/words.json, are extracted with the source: their keys are messages
too, so a translator translates one catalogue), and makes the
pseudo-locale `qps-ploc` (every message accented and between ⟦ ⟧, placeholders untouched) from
the template, so a test can show that no words on screen bypass the catalogue. A file is
written only when its messages changed (not its dates), so a run changes nothing when nothing
in the source did. Babel is needed here only: the game reads the .mo files with the standard
library's gettext. docs/translating.md says how translators use it.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import sys
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "journey"
LOCALE = SOURCE / "locale"
DOMAIN = "journey"
TEMPLATE = LOCALE / f"{DOMAIN}.pot"
PSEUDO = "qps-ploc"
KEYWORDS = {"_": None, "ngettext": (1, 2), "N_": None}
"""The names journey.frontend.words gives its functions."""
PAGE_WORDS = Path("web") / "page" / "words.json"
"""The web page's words, under the source: its keys are messages too (journey.web.page)."""
COMMENT_TAG = "Translators:"
"""A comment starting so, just above a message, goes into the catalogue with it."""

OPEN, CLOSE = "⟦", "⟧"
"""What the pseudo-locale puts around every message. Not ASCII square brackets: the Textual
app reads those as markup in its own strings, and scenarios may use them."""
ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "áƀçðéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÁƁÇÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ")
"""Every ASCII letter to a one-cell, one-code-point look-alike: pseudo text is still readable,
and no English word survives it."""
PLACEHOLDER = re.compile(r"(\{\{|\}\}|\{[^{}]*\})")
"""What str.format reads: `{name}`, `{value:.1f}`, and the doubled braces that stand for one."""


def pseudo(message: str) -> str:
    """`message` as the pseudo-locale shows it: accented and between ⟦ ⟧, placeholders as
    they are."""
    return OPEN + "".join(piece if PLACEHOLDER.fullmatch(piece) else piece.translate(ACCENTED)
                          for piece in PLACEHOLDER.split(message)) + CLOSE


def extract(source: Path = SOURCE) -> Catalog:
    """Every message marked in the source, with the files it is in (no line numbers: they
    would change the template at every edit) and the translators' comments."""
    catalog = Catalog(project=DOMAIN, copyright_holder="The journey authors", charset="utf-8")
    found = extract_from_dir(str(source), method_map=[("**.py", "python")], keywords=KEYWORDS,
                             comment_tags=(COMMENT_TAG,), strip_comment_tags=True)
    for filename, _line, message, comments, context in found:
        catalog.add(message, None, [(f"journey/{filename}", None)], auto_comments=comments,
                    context=context)
    for message in page_messages(source / PAGE_WORDS):
        catalog.add(message, None, [(f"journey/{PAGE_WORDS.as_posix()}", None)])
    return catalog


def page_messages(path: Path) -> list[str | tuple[str, str]]:
    """The messages of the web page's words table: a key, or for a counted message its key
    and its other form ([one, other] in the table), as ngettext takes them."""
    table = json.loads(path.read_text(encoding="utf-8"))
    return [(key, text[1]) if isinstance(text, list) else key for key, text in table.items()]


def pseudo_catalogue(template: Catalog) -> Catalog:
    catalog = Catalog(locale=None, project=DOMAIN, copyright_holder="The journey authors",
                      charset="utf-8", fuzzy=False)
    catalog.language_team = f"{PSEUDO} (made by tools/catalogue.py: do not edit)"
    for message in template:
        if not message.id:
            continue
        string: str | tuple[str, ...] = (tuple(pseudo(m) for m in message.id)
                                         if isinstance(message.id, (list, tuple))
                                         else pseudo(message.id))
        catalog.add(message.id, string, message.locations, auto_comments=message.auto_comments,
                    context=message.context)
    return catalog


def messages(catalog: Catalog) -> list[tuple[object, ...]]:
    """What a catalogue says, without its dates and tool versions: what decides whether a file
    must be written again."""
    return [(m.id, m.string or "", m.context, tuple(m.locations), tuple(m.auto_comments),
             tuple(sorted(m.flags))) for m in catalog if m.id]


def po_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=100, include_lineno=False)
    return out.getvalue()


def mo_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def read(path: Path, locale: str | None = None) -> Catalog:
    with open(path, "rb") as file:
        return read_po(file, locale=locale)


def language_files(locale: Path = LOCALE) -> list[Path]:
    """Every language's .po, the pseudo-locale's included."""
    return sorted(locale.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def plan(source: Path = SOURCE, locale: Path = LOCALE) -> dict[Path, bytes]:
    """Every file whose messages differ from what the source gives now, with its new bytes."""
    stale: dict[Path, bytes] = {}
    template = extract(source)
    template_file = locale / f"{DOMAIN}.pot"
    if not template_file.exists() or messages(read(template_file)) != messages(template):
        stale[template_file] = po_bytes(template)
    catalogues = {locale / PSEUDO / "LC_MESSAGES" / f"{DOMAIN}.po": pseudo_catalogue(template)}
    for path in language_files(locale):
        if path.parent.parent.name != PSEUDO:
            catalogue = read(path, path.parent.parent.name)
            catalogue.update(template, update_header_comment=False)
            catalogues[path] = catalogue
    for path, catalogue in catalogues.items():
        if not path.exists() or messages(read(path)) != messages(catalogue):
            stale[path] = po_bytes(catalogue)
        compiled = path.with_suffix(".mo")
        mo = mo_bytes(read_po(io.BytesIO(stale[path])) if path in stale else read(path))
        if not compiled.exists() or compiled.read_bytes() != mo:
            stale[compiled] = mo
    return stale


def add(language: str, locale: Path = LOCALE) -> Path:
    """Start the catalogue of `language` (a code Babel knows, e.g. ko), every message
    untranslated; returns its .po."""
    path = locale / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if path.exists():
        raise SystemExit(f"{path} exists already: run tools/catalogue.py to update it")
    catalogue = read(locale / f"{DOMAIN}.pot", language)
    catalogue.locale = language  # the plural forms of the language, from Babel's CLDR data
    catalogue.revision_date = catalogue.creation_date
    catalogue.fuzzy = False
    path.parent.mkdir(parents=True)
    path.write_bytes(po_bytes(catalogue))
    path.with_suffix(".mo").write_bytes(mo_bytes(catalogue))
    return path


def untranslated(path: Path) -> list[Message]:
    """The messages of a language's catalogue that have no words yet, or only fuzzy ones."""
    catalogue = read(path, path.parent.parent.name)
    return [m for m in catalogue if m.id and (m.fuzzy or not all(_strings(m)))]


def unfinished(languages: Iterable[str], locale: Path = LOCALE) -> list[str]:
    """The languages of `languages` (journey.frontend.words.FINISHED) whose catalogue is
    missing or has a message left to translate: the system's setting must not choose them."""
    return sorted(language for language in languages
                  if not (path := locale / language / "LC_MESSAGES" / f"{DOMAIN}.po").exists()
                  or untranslated(path))


def _strings(message: Message) -> Iterable[str]:
    return message.string if isinstance(message.string, (list, tuple)) else [message.string]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 when a catalogue is not up to date")
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("add", help="start a language").add_argument("language")
    args = parser.parse_args(argv)
    if args.command == "add":
        print(f"started {add(args.language).relative_to(ROOT)}")
        return 0
    stale = plan()
    from journey.frontend.words import FINISHED

    for language in unfinished(FINISHED):
        print(f"{language} is in FINISHED (journey/frontend/words.py) but has messages left to "
              "translate", file=sys.stderr)
    for path, data in stale.items():
        shown = path.relative_to(ROOT)
        if args.check:
            print(f"{shown} is not up to date: run tools/catalogue.py", file=sys.stderr)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            print(f"wrote {shown}")
    for path in language_files():
        if path.parent.parent.name != PSEUDO:
            left = len(untranslated(path))
            print(f"{path.parent.parent.name}: {left} message{'s' * (left != 1)} to translate")
    return 1 if unfinished(FINISHED) or args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
