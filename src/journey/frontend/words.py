"""The program's own words (never a scenario's, which its author wrote): every sentence a player,
a teacher or an author reads from journey itself goes through `_` or `ngettext`, keyed by its
English text, so that a language is one catalogue in `journey/locale/` and English needs none.

    _("Your journey was saved at step {step}.").format(step=step)
    ngettext("{count} journey", "{count} journeys", count).format(count=count)

Values go in with `str.format` and named placeholders, after the lookup, so a translation can
put them where its grammar wants. `N_` marks words kept in a table (and looked up where they
are shown), so the extractor still finds them. The catalogues are gettext's (.po written by
people, .mo read here, from the standard library: English costs nothing, not even a file);
`tools/catalogue.py` extracts the messages with Babel and keeps the catalogues (see
docs/translating.md).

Which language, decided once, at the first word:
- `JOURNEY_LANG` names it (`ko`, `ko_KR.UTF-8`, or `qps-ploc`, the pseudo-locale the tests
  read): any language journey has a catalogue for, finished or not. `en`, or a language it
  has none for, is English (`notice` then says so).
- Otherwise the system's language (LANGUAGE, LC_ALL, LC_MESSAGES, LANG, in gettext's order),
  but only one in `FINISHED`: a classroom computer set to Korean keeps the game in English
  until every message has its Korean words, never half in one language and half in another.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

DOMAIN = "journey"
LOCALE_DIR = Path(__file__).parent.parent / "locale"
"""journey/locale/LANG/LC_MESSAGES/journey.mo, shipped inside the package."""
VARIABLE = "JOURNEY_LANG"
PSEUDO = "qps-ploc"
"""The pseudo-locale: every message accented and between ⟦ ⟧ (tools/catalogue.py makes it)."""
FINISHED: frozenset[str] = frozenset()
"""Languages the system's own setting may choose: a test holds each of them to a catalogue
with every message translated. None is, yet."""
SYSTEM_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


@dataclass(frozen=True)
class Language:
    """The language chosen, its catalogue (gettext's; NullTranslations for English), and what
    to tell the person who asked for one journey cannot give."""

    tag: str
    catalogue: gettext.NullTranslations
    notice: str | None = None


ENGLISH = Language("en", gettext.NullTranslations())
_chosen: Language | None = None


def choose(environ: Mapping[str, str] = os.environ, folder: Path = LOCALE_DIR) -> Language:
    """The language the environment asks for (the rule in the module's docstring), with its
    catalogue from `folder`."""
    asked = environ.get(VARIABLE, "").strip()
    if asked:
        if _is_english(asked):
            return ENGLISH
        found = _open(asked, folder)
        if found is not None:
            return found
        return Language("en", ENGLISH.catalogue, _unknown(asked, folder))
    for variable in SYSTEM_VARIABLES:
        value = environ.get(variable, "")
        if value:
            for tag in value.split(":") if variable == "LANGUAGE" else [value]:
                if _is_english(tag):
                    return ENGLISH
                found = _open(tag, folder) if _base(tag) in FINISHED else None
                if found is not None:
                    return found
            break  # as gettext: the first of these that is set decides
    return ENGLISH


def _base(tag: str) -> str:
    """`ko` of `ko_KR.UTF-8@euro`."""
    for mark in "@.":
        tag = tag.split(mark)[0]
    return tag if tag == PSEUDO else tag.split("_")[0]


def _is_english(tag: str) -> bool:
    return _base(tag) in ("en", "C", "POSIX")


def _open(tag: str, folder: Path) -> Language | None:
    """The catalogue of `tag` in `folder` (gettext's search: ko_KR.UTF-8, ko_KR, ko), or None
    when there is none or it cannot be read."""
    path = gettext.find(DOMAIN, str(folder), [tag])
    if path is None:
        return None
    try:
        with open(path, "rb") as file:
            return Language(tag, gettext.GNUTranslations(file))
    except (OSError, ValueError) as error:  # a damaged .mo is a ValueError or an OSError
        return Language("en", ENGLISH.catalogue,
                        f"journey: the words for {tag!r} could not be read ({error}); "
                        "journey is in English.")


def _unknown(tag: str, folder: Path) -> str:
    have = ", ".join(sorted(p.name for p in folder.iterdir()
                            if (p / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file())) or "none"
    return (f"journey: there are no words for the language {tag!r} ({VARIABLE}); journey is "
            f"in English. Languages it has: en, {have}.")


def use(language: Language | None) -> None:
    """Speak `language` from now on; None: choose again from the environment at the next
    word (for tests, and for a program that sets JOURNEY_LANG itself)."""
    global _chosen
    _chosen = language


def current() -> Language:
    """The language in use, chosen at the first call."""
    global _chosen
    if _chosen is None:
        _chosen = choose()
    return _chosen


def notice() -> str | None:
    """What to tell the person who asked for a language journey cannot give, else None."""
    return current().notice


def _(message: str) -> str:
    """`message` (English, as written in the source) in the language in use."""
    return current().catalogue.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a message for `count` (English has two; others have one, or three...)."""
    return current().catalogue.ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Marks `message` for the catalogue where it is written (a table); `_` looks it up where
    it is shown."""
    return message
