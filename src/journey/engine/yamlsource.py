"""Read a YAML document safely into plain data, remembering where every key and value stands.

We build the data from PyYAML's event stream ourselves (with the C parser when available) rather
than calling `yaml.safe_load`, because we need three things it cannot give: the line and column of
every value, an error for duplicate keys, and hard limits so that alias bombs, deep nesting and
huge files are refused quickly instead of exhausting the machine.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

MAX_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 2_000_000

Path = tuple  # keys and list indices from the document root to a value
Position = tuple[int, int]  # 1-based line and column

_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SCALAR_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null", "tag:yaml.org,2002:float",
}
_COLLECTION_TAGS = {None, "!", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"}


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


def _position(mark) -> Position:
    return mark.line + 1, mark.column + 1


# Plain scalars starting with a letter are text unless they are one of YAML 1.1's words.
_WORDS = frozenset("yes Yes YES no No NO true True TRUE false False FALSE on On ON off Off OFF "
                   "null Null NULL".split())


class _Builder:
    """Turns the event stream into plain data, enforcing the limits as it goes.

    With `track`, it also records the position of every value and key; reading is about twice
    as fast without, so the loader only asks for positions when it has a problem to report.
    """

    def __init__(self, next_event, track: bool) -> None:
        self.next_event = next_event
        self.track = track
        self.constructor = SafeConstructor()
        self.resolver = Resolver()
        self.anchors: dict[str, tuple[object, int]] = {}  # name -> (data, values inside)
        self.marks: list[tuple[Path, Position, bool]] = []  # (path, position, is_key)
        self.problems: list[SourceProblem] = []
        self.nodes = 0

    def fail(self, mark, message: str) -> None:
        line, column = _position(mark)
        raise YamlSourceError([SourceProblem(line, column, message)])

    def scalar(self, event) -> object:
        tag, value = event.tag, event.value
        if tag is None or tag == "!":
            if event.style or tag == "!":
                return value  # quoted and block scalars are always text
            if value[:1].isalpha() and value not in _WORDS:
                return value
            digits = value[1:] if value[:1] == "-" else value
            if digits.isdecimal() and digits.isascii() and (digits[0] != "0" or digits == "0"):
                return int(value)  # plain decimal integers, the common case (no octal 0...)
            tag = self.resolver.resolve(ScalarNode, value, event.implicit)
        if tag not in _SCALAR_TAGS:
            self.fail(event.start_mark, f"unsupported YAML tag {tag!r}; scenarios use plain "
                      "values only")
        node = ScalarNode(tag, value, event.start_mark, event.end_mark, event.style)
        try:
            return self.constructor.construct_object(node, deep=True)
        except (ConstructorError, ValueError) as error:
            self.fail(event.start_mark, f"cannot read value {value!r}: {error}")

    def value(self, event, path: Path, depth: int) -> object:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            self.fail(event.start_mark, f"the document has more than {MAX_NODES:,} values "
                      "(aliases included); it is refused to protect the machine")
        if depth > MAX_DEPTH:
            self.fail(event.start_mark, f"values are nested more than {MAX_DEPTH} levels deep")
        first_node = self.nodes
        if self.track:
            self.marks.append((path, _position(event.start_mark), False))
        kind = type(event)
        if kind in (yaml.MappingStartEvent, yaml.SequenceStartEvent) \
                and event.tag not in _COLLECTION_TAGS:
            self.fail(event.start_mark, f"unsupported YAML tag {event.tag!r}; scenarios use "
                      "plain values only")
        if kind is yaml.ScalarEvent:
            result = self.scalar(event)
        elif kind is yaml.MappingStartEvent:
            result = self.mapping(path, depth)
        elif kind is yaml.SequenceStartEvent:
            result = self.sequence(path, depth)
        elif kind is yaml.AliasEvent:
            return self.alias(event)
        else:  # pragma: no cover - the parser never yields anything else here
            self.fail(event.start_mark, f"unexpected YAML event {kind.__name__}")
        if event.anchor:
            self.anchors[event.anchor] = (result, self.nodes - first_node)
        return result

    def sequence(self, path: Path, depth: int) -> list:
        items = []
        while True:
            event = self.next_event()
            if type(event) is yaml.SequenceEndEvent:
                return items
            child = path + (len(items),) if self.track else path
            items.append(self.value(event, child, depth + 1))

    def mapping(self, path: Path, depth: int) -> dict:
        result: dict = {}
        key_lines: dict = {}
        while True:
            event = self.next_event()
            if type(event) is yaml.MappingEndEvent:
                return result
            if type(event) is not yaml.ScalarEvent:
                self.fail(event.start_mark, "mapping keys must be plain names")
            key = self.scalar(event)
            if not isinstance(key, (str, int)) or isinstance(key, bool):
                key = str(event.value)
            if key in result:
                line, column = _position(event.start_mark)
                self.problems.append(SourceProblem(
                    line, column, f"duplicate key '{key}' (first written at line "
                                  f"{key_lines[key]})"))
                # Read past the repeated value; its marks must not replace the mapping's own.
                self.value(self.next_event(), path + ((key, "duplicate"),), depth + 1)
                continue
            key_lines[key] = event.start_mark.line + 1
            child = path
            if self.track:
                child = path + (key,)
                self.marks.append((child, _position(event.start_mark), True))
            result[key] = self.value(self.next_event(), child, depth + 1)

    def alias(self, event) -> object:
        if event.anchor not in self.anchors:
            self.fail(event.start_mark, f"unknown alias '*{event.anchor}'")
        data, size = self.anchors[event.anchor]
        self.nodes += size
        if self.nodes > MAX_NODES:
            self.fail(event.start_mark, f"aliases expand the document past {MAX_NODES:,} "
                      "values; it is refused to protect the machine")
        # Problems inside aliased values are reported at the alias, where it is used.
        return data


def read_yaml(text: str, track: bool = True) -> Document:
    """Parse `text` as one YAML document. Raises YamlSourceError if it cannot be read at all.

    Problems that do not stop reading (duplicate keys) are returned in `Document.problems`.
    Without `track`, `positions` and `key_positions` are left empty.
    """
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise YamlSourceError([SourceProblem(1, 1, f"the file is larger than "
                                             f"{MAX_BYTES // (1024 * 1024)} MiB")])
    parser = _Parser(text)
    builder = _Builder(parser.get_event, track)
    data = None
    documents = 0
    try:
        while True:
            event = parser.get_event()
            if event is None or type(event) is yaml.StreamEndEvent:
                break
            if type(event) is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    builder.fail(event.start_mark, "the file holds more than one YAML document")
                data = builder.value(parser.get_event(), (), 0)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = _position(mark) if mark else (1, 1)
        problem = error.problem or error.context or "invalid YAML"
        raise YamlSourceError([SourceProblem(line, column, f"YAML syntax: {problem}")]) from None
    except yaml.YAMLError as error:
        raise YamlSourceError([SourceProblem(1, 1, f"YAML syntax: {error}")]) from None
    finally:
        parser.dispose()
    positions, key_positions = {}, {}
    for path, position, is_key in builder.marks:
        (key_positions if is_key else positions)[path] = position
    return Document(data, positions, key_positions, builder.problems)
