"""Read a YAML document safely into plain data, remembering where every key and value stands.

We build the data from PyYAML's event stream ourselves (with the C parser when available) rather
than calling `yaml.safe_load`, because we need what it cannot give: the line and column of every
value, an error for duplicate keys, characters a terminal would act on refused in every key and
value, and hard limits (engine/limits.py) so that alias bombs, deep nesting, huge integers and
huge files are refused quickly instead of exhausting the machine.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import NoReturn, Protocol, cast

import yaml
from yaml.constructor import SafeConstructor
from yaml.events import Event
from yaml.nodes import ScalarNode
from yaml.reader import ReaderError
from yaml.resolver import Resolver

from .limits import (MAX_ALIASES, MAX_BYTES, MAX_DEPTH, MAX_EXPANDED_VALUES, MAX_INTEGER,
                     MAX_VALUES, integer_too_large)
from .textsafety import REFUSED, code, quoted, refusal

Path = tuple[object, ...]
"""Keys and list indices from the document root to a value (and a marker past a duplicate key)."""
Position = tuple[int, int]  # 1-based line and column


class _EventParser(Protocol):
    """What reading needs of a PyYAML parser, its own or libyaml's."""

    def get_event(self) -> Event | None: ...
    def dispose(self) -> None: ...


class _Mark(Protocol):
    """A place in the text, as either parser marks it (0-based)."""

    line: int
    column: int


_Parser: Callable[[str], _EventParser] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SCALAR_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null", "tag:yaml.org,2002:float",
}
_COLLECTION_TAGS = {None, "!", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"}
_READ_AS = {"tag:yaml.org,2002:int": "an integer", "tag:yaml.org,2002:float": "a number",
            "tag:yaml.org,2002:bool": "true or false"}
_INT_TAG = "tag:yaml.org,2002:int"
_MAX_DIGITS = len(str(MAX_INTEGER))
_MAX_INTEGER_TEXT = 64  # longer integer text (hex, octal, base 60, underscores) is refused unread
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


@dataclass(frozen=True)
class SourceProblem:
    """A problem found while reading: where it is and what it is."""

    line: int
    column: int
    message: str


class YamlSourceError(Exception):
    """The document cannot be read at all; carries the problems found."""

    def __init__(self, problems: list[SourceProblem]):
        super().__init__(problems[0].message if problems else "unreadable YAML")
        self.problems = problems


@dataclass
class Document:
    """Plain data (dicts, lists, str, int, bool, None) and the position of every path in it.

    `positions[path]` is where the value at `path` starts; `key_positions[path]` is where the
    mapping key that leads to `path` is written.
    """

    data: object
    positions: dict[Path, Position]
    key_positions: dict[Path, Position]
    problems: list[SourceProblem]

    def where(self, path: Path) -> Position:
        """The position of `path`, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), (1, 1))

    def where_key(self, path: Path) -> Position:
        """Where the key of `path` is written, falling back to its value or an ancestor."""
        return self.key_positions.get(tuple(path)) or self.where(path)


def within(text: str, document: Document, path: Path, written: str, occurrence: int,
           offset: int) -> Position:
    """Where a problem inside the string at `path` stands: `offset` characters into the
    `occurrence`-th (from 0) `written` of the string. It is looked for in the file from where
    the value starts (a block scalar's `|` or `>`) to where the next key or value starts:
    folding, indentation and quotes change only what lies around it. Where it cannot be found
    (written with escapes in double quotes), the value's own start."""
    start = document.where(path)
    following = [p for p in [*document.positions.values(), *document.key_positions.values()]
                 if p > start]
    begin, end = _index(text, start), _index(text, min(following)) if following else len(text)
    at = text.find(written, begin, end)
    for _ in range(occurrence):
        at = text.find(written, at + 1, end) if at >= 0 else -1
    return _offset_position(text, at + offset) if at >= 0 else start


def _index(text: str, position: Position) -> int:
    """The character index of a line and column in `text`, counting line breaks as YAML does."""
    line, column = position
    starts = [0] + [found.end() for found in _LINE_BREAK.finditer(text)]
    return starts[min(line, len(starts)) - 1] + column - 1


def _position(mark: _Mark | None) -> Position:
    """Where `mark` points; the start of the file for an event or error that has no mark."""
    return (mark.line + 1, mark.column + 1) if mark else (1, 1)


def _offset_position(text: str, index: int) -> Position:
    """The line and column of character `index`, counting line breaks as YAML does."""
    before = text[:index]
    line_start = max(before.rfind(mark) for mark in "\n\r\x85\u2028\u2029") + 1
    return len(_LINE_BREAK.findall(before)) + 1, index - line_start + 1


# Plain scalars starting with a letter are text unless they are one of YAML 1.1's words.
_WORDS = frozenset("yes Yes YES no No NO true True TRUE false False FALSE on On ON off Off OFF "
                   "null Null NULL".split())


class _Builder:
    """Turns the event stream into plain data, enforcing the limits as it goes.

    With `track`, it also records the position of every value and key; reading is about twice
    as fast without, so the loader only asks for positions when it has a problem to report.
    """

    def __init__(self, track: bool, check_all_text: bool) -> None:
        self.next_event: Callable[[], Event]  # the parser's get_event, once the parser is made
        self.track = track
        # Refused characters can only come from escapes in double quotes, unless the text holds
        # them raw (YAML itself refuses raw controls, but not bidirectional overrides).
        self.check_all_text = check_all_text
        self.constructor = SafeConstructor()
        self.resolver = Resolver()
        self.anchors: dict[str, tuple[object, int]] = {}  # name -> (data, values inside)
        self.marks: list[tuple[Path, Position, bool]] = []  # (path, position, is_key)
        self.problems: list[SourceProblem] = []
        self.written = 0  # values as written: scalars, keys, lists, mappings, aliases
        self.aliases = 0
        self.expanded = 0  # values once aliases are expanded

    def fail(self, mark: _Mark | None, message: str) -> NoReturn:
        """Stop reading: the problems found so far and this one."""
        line, column = _position(mark)
        raise YamlSourceError(self.problems + [SourceProblem(line, column, message)])

    def count(self, event: Event) -> None:
        self.written += 1
        self.expanded += 1
        if self.written > MAX_VALUES:
            self.fail(event.start_mark, f"the file writes more than {MAX_VALUES:,} values "
                      "(keys, items, lists and mappings); it is refused to protect the machine")
        if self.expanded > MAX_EXPANDED_VALUES:
            self.fail(event.start_mark, f"aliases expand the document past "
                      f"{MAX_EXPANDED_VALUES:,} values; it is refused to protect the machine")

    def scalar(self, event: yaml.ScalarEvent) -> object:
        tag, value = event.tag, event.value
        if event.style == '"' or self.check_all_text:
            refused = REFUSED.search(value)
            if refused:
                line, column = _position(event.start_mark)
                self.problems.append(SourceProblem(line, column, refusal(refused.group())))
        if tag is None or tag == "!":
            if event.style or tag == "!":
                return value  # quoted and block scalars are always text
            if value[:1].isalpha() and value not in _WORDS:
                return value
            digits = value[1:] if value[:1] == "-" else value
            if digits.isdecimal() and digits.isascii() and (digits[0] != "0" or digits == "0"):
                # Plain decimal integers, the common case (no octal 0...).
                if len(digits) > _MAX_DIGITS:
                    self.fail(event.start_mark, integer_too_large(value))
                return self.integer(event, value, int(value))
            # types-PyYAML leaves Resolver.resolve unannotated.
            tag = self.resolver.resolve(  # type: ignore[no-untyped-call]
                ScalarNode, value, event.implicit)
        if tag not in _SCALAR_TAGS:
            self.fail(event.start_mark, f"unsupported YAML tag {quoted(tag)}; scenarios use "
                      "plain values only")
        if tag == _INT_TAG and len(value.replace("_", "")) > _MAX_INTEGER_TEXT:
            self.fail(event.start_mark, integer_too_large(value))
        # types-PyYAML only lets a node hold PyYAML's own marks, not libyaml's (which work too).
        node = ScalarNode(tag, value, event.start_mark, event.end_mark,  # type: ignore[arg-type]
                          event.style)
        try:
            result = self.constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, LookupError, ArithmeticError):
            # PyYAML's own messages quote Python; `!!int ""` even fails with an IndexError.
            self.fail(event.start_mark, f"cannot read {quoted(value)} as "
                      f"{_READ_AS.get(tag, 'a value')}")
        if type(result) is int:
            return self.integer(event, value, result)
        return result

    def integer(self, event: yaml.ScalarEvent, text: str, number: int) -> int:
        """`number`, read from `text`, if it is within MAX_INTEGER."""
        if abs(number) > MAX_INTEGER:
            self.fail(event.start_mark, integer_too_large(text))
        return number

    def value(self, event: Event, path: Path, depth: int) -> object:
        self.count(event)
        if depth > MAX_DEPTH:
            self.fail(event.start_mark, f"values are nested more than {MAX_DEPTH} levels deep")
        first_node = self.expanded
        if self.track:
            self.marks.append((path, _position(event.start_mark), False))
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)) \
                and event.tag not in _COLLECTION_TAGS:
            self.fail(event.start_mark, f"unsupported YAML tag {quoted(event.tag)}; scenarios "
                      "use plain values only")
        if type(event) is yaml.ScalarEvent:
            result = self.scalar(event)
        elif type(event) is yaml.MappingStartEvent:
            result = self.mapping(path, depth)
        elif type(event) is yaml.SequenceStartEvent:
            result = self.sequence(path, depth)
        elif type(event) is yaml.AliasEvent:
            return self.alias(event)
        else:  # pragma: no cover - the parser never yields anything else here
            self.fail(event.start_mark, f"unexpected YAML event {type(event).__name__}")
        if event.anchor:
            self.anchors[event.anchor] = (result, self.expanded - first_node)
        return result

    def sequence(self, path: Path, depth: int) -> list[object]:
        items: list[object] = []
        while True:
            event = self.next_event()
            if type(event) is yaml.SequenceEndEvent:
                return items
            child = path + (len(items),) if self.track else path
            items.append(self.value(event, child, depth + 1))

    def mapping(self, path: Path, depth: int) -> dict[str | int, object]:
        result: dict[str | int, object] = {}
        key_marks: dict[str | int, _Mark | None] = {}
        while True:
            event = self.next_event()
            if type(event) is yaml.MappingEndEvent:
                return result
            if type(event) is not yaml.ScalarEvent:
                self.fail(event.start_mark, "mapping keys must be plain names")
            self.count(event)
            key = self.scalar(event)
            if not isinstance(key, (str, int)) or isinstance(key, bool):
                key = str(event.value)
            if key in result:
                line, column = _position(event.start_mark)
                self.problems.append(SourceProblem(
                    line, column, f"duplicate key {quoted(key)} (first written at line "
                                  f"{_position(key_marks[key])[0]})"))
                # Read past the repeated value; its marks must not replace the mapping's own.
                self.value(self.next_event(), path + ((key, "duplicate"),), depth + 1)
                continue
            key_marks[key] = event.start_mark
            child = path
            if self.track:
                child = path + (key,)
                self.marks.append((child, _position(event.start_mark), True))
            result[key] = self.value(self.next_event(), child, depth + 1)

    def alias(self, event: yaml.AliasEvent) -> object:
        if event.anchor not in self.anchors:
            self.fail(event.start_mark, f"unknown alias {quoted(f'*{event.anchor}')}")
        self.aliases += 1
        if self.aliases > MAX_ALIASES:
            self.fail(event.start_mark, f"the file uses aliases (*name) more than "
                      f"{MAX_ALIASES:,} times; it is refused to protect the machine")
        data, size = self.anchors[event.anchor]
        self.expanded += size  # the alias was counted as the value; these are what it holds
        if self.expanded > MAX_EXPANDED_VALUES:
            self.fail(event.start_mark, f"aliases expand the document past "
                      f"{MAX_EXPANDED_VALUES:,} values; it is refused to protect the machine")
        # Problems inside aliased values are reported at the alias, where it is used.
        return data


def _refused_character(text: str, error: ReaderError | UnicodeEncodeError) -> tuple[int, str]:
    """Where in `text` (a character index) the reader stopped, and the character it refused."""
    if isinstance(error, UnicodeEncodeError):
        return error.start, text[error.start]
    index = error.position
    if _Parser is getattr(yaml, "CSafeLoader", None):  # libyaml counts bytes of UTF-8
        index = len(text.encode("utf-8", "surrogatepass")[:index].decode("utf-8", "ignore"))
    return index, chr(error.character) if isinstance(error.character, int) else text[index]


def read_yaml(text: str, track: bool = True) -> Document:
    """Parse `text` as one YAML document. Raises YamlSourceError if it cannot be read at all.

    Problems that do not stop reading (duplicate keys) are returned in `Document.problems`.
    Without `track`, `positions` and `key_positions` are left empty.
    """
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise YamlSourceError([SourceProblem(1, 1, f"the file is larger than "
                                             f"{MAX_BYTES // (1024 * 1024)} MiB")])
    builder = _Builder(track, REFUSED.search(text) is not None)
    parser = None
    data = None
    documents = 0
    try:
        parser = _Parser(text)  # PyYAML's own reader checks every character here
        # Inside a document the parser always has a next event; it runs out after StreamEnd.
        builder.next_event = cast(Callable[[], Event], parser.get_event)
        while True:
            event = parser.get_event()
            if event is None or type(event) is yaml.StreamEndEvent:
                break
            if type(event) is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    builder.fail(event.start_mark, "the file holds more than one YAML document")
                data = builder.value(builder.next_event(), (), 0)
    except yaml.MarkedYAMLError as error:
        line, column = _position(error.problem_mark or error.context_mark)
        problem = error.problem or error.context or "invalid YAML"
        raise YamlSourceError(builder.problems + [
            SourceProblem(line, column, f"YAML syntax: {problem}")]) from None
    except (ReaderError, UnicodeEncodeError) as error:
        # A character YAML does not allow in a file (a raw control, a lone surrogate).
        index, char = _refused_character(text, error)
        message = refusal(char) if REFUSED.match(char) else \
            f"the character {code(char)} is not allowed in a YAML file"
        raise YamlSourceError(builder.problems + [
            SourceProblem(*_offset_position(text, index), message)]) from None
    except yaml.YAMLError as error:
        raise YamlSourceError(builder.problems + [
            SourceProblem(1, 1, f"YAML syntax: {error}")]) from None
    finally:
        if parser is not None:
            parser.dispose()
    positions: dict[Path, Position] = {}
    key_positions: dict[Path, Position] = {}
    for path, position, is_key in builder.marks:
        (key_positions if is_key else positions)[path] = position
    return Document(data, positions, key_positions, builder.problems)
