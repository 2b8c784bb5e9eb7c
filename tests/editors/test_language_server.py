"""The scenario schema in the YAML language server that editors run (yaml-language-server,
installed from npm by `make test`), driven over the Language Server Protocol as an editor
drives it: both bundled scenarios get no diagnostic, and a scenario with mistakes gets each one
underlined where it is. Python validators read every key as a string; this server reads YAML
1.2, where `true:` is a boolean and `0:` a number, so only the real server can say what an
author sees."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from journey.engine import catalog

from .lsp import LanguageServer

ROOT = Path(__file__).resolve().parents[2]
SERVER = ROOT / ".venv" / "node" / "node_modules" / "yaml-language-server" / "bin" / \
    "yaml-language-server"
SCHEMA = catalog.bundled_dir() / "journey.schema.json"
MODELINE = "# yaml-language-server: $schema=./journey.schema.json"
"""The tutorial's first line, which points editors at the schema beside it."""


@pytest.fixture(scope="module", params=["1.2", "1.1"])
def server(request) -> Iterator[LanguageServer]:
    """The server, started and set up as an editor does: the schema mapped to every YAML
    file, nothing fetched from the internet (no schema store). It reads YAML 1.2 unless told
    1.1, which docs/scenario-format.md suggests, as journey reads YAML."""
    if not SERVER.exists():
        pytest.fail(f"The language-server test needs {SERVER}: `make test` installs it with "
                    "npm (the version pinned in tests/editors/package-lock.json).")
    settings = {"yaml": {"validate": True, "schemas": {SCHEMA.as_uri(): "**/*.yaml"},
                         "yamlVersion": request.param,
                         "schemaStore": {"enable": False}, "hover": False, "completion": False}}
    started = LanguageServer(["node", str(SERVER), "--stdio"], settings)
    try:
        started.request("initialize", {"processId": os.getpid(), "rootUri": None,
                                       "capabilities": {"workspace": {"configuration": True}}})
        started.notify("yaml/supportSchemaSelection", {})  # so it says when settings are in
        started.notify("initialized", {})
        started.notify("workspace/didChangeConfiguration", {"settings": settings})
        started.wait_for(lambda m: m.get("method") == "yaml/schema/store/initialized",
                         "the server to take the settings")
        yield started
    finally:
        started.stop()


@pytest.mark.parametrize("name", sorted(catalog.bundled()))
def test_a_bundled_scenario_gets_no_diagnostic(server, name):
    found = [(d["range"]["start"]["line"] + 1, d["message"])
             for d in server.open(catalog.bundled()[name])]
    assert found == []  # (line, message) of each


MISTAKES = [
    ("format: 1 ", "format: 2 ", 'Value must be 1.'),
    ("      3: watched\n", "      high: watched\n",
     'String does not match the pattern of "^-?[0-9]+$".'),
    ("      true: After", "      after: After",
     'Value is not accepted. Valid values: true, false, "true", "false".'),
    ("    true: [2020, 2025]", "    true: [2020]", "Array has too few items. Expected 2 or more."),
    ("    sources: [mou_origin_2016]", "    source: [mou_origin_2016]",
     "Property source is not allowed."),
]
"""(text of the tutorial, the mistake put in its place, what the server says there)."""


def test_each_mistake_in_a_scenario_is_underlined_where_it_is(server, tmp_path):
    text = catalog.bundled()["tutorial"].read_text(encoding="utf-8")
    text = text.replace(f"{MODELINE}\n", "")  # the schema comes from the settings here
    expected = []
    for right, wrong, message in MISTAKES:
        assert text.count(right) == 1, right
        text = text.replace(right, wrong)
        expected.append((text[:text.index(wrong)].count("\n"), message))
    path = tmp_path / "mistakes.yaml"
    path.write_text(text, encoding="utf-8")
    found = sorted((d["range"]["start"]["line"], d["message"]) for d in server.open(path))
    assert found == sorted(expected)


GLOSSARY = """\
glossary:
  - term: Repatriation
    text: Being sent back to North Korea.
    sources: [mou_origin_2016]
    kinds: [repatriaton]
  - term: Broker
    text: A person paid to arrange an escape.
"""


def test_a_glossary_entry_is_checked_as_it_is_typed(server, tmp_path):
    """An editor knows the glossary: a kind that is not one, an entry without sources."""
    text = catalog.bundled()["tutorial"].read_text(encoding="utf-8").replace(f"{MODELINE}\n", "")
    path = tmp_path / "glossary.yaml"
    path.write_text(text + GLOSSARY, encoding="utf-8")
    first = text.count("\n")
    found = sorted((d["range"]["start"]["line"] - first, d["message"]) for d in server.open(path))
    assert found == [
        (4, 'Value is not accepted. Valid values: "asylum", "repatriation", "deportation", '
            '"trafficking", "hiding", "death", "turned_back".'),
        (5, 'Missing property "sources".')]
