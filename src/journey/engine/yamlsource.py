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


class _Builder:
    """Turns the event stream into plain data, enforcing the limits as it goes."""

    def __init__(self) -> None:
        self.constructor = SafeConstructor()
        self.resolver = Resolver()
        self.anchors: dict[str, tuple[object, Path, int, int]] = {}
        self.marks: list[tuple[Path, Position, bool]] = []  # (path, position, is_key)
        self.problems: list[SourceProblem] = []
        self.nodes = 0

    def fail(self, mark, message: str) -> None:
        line, column = _position(mark)
        raise YamlSourceError([SourceProblem(line, column, message)])

    def scalar(self, event) -> object:
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.resolver.resolve(ScalarNode, event.value, event.implicit)
        if tag not in _SCALAR_TAGS:
            self.fail(event.start_mark, f"unsupported YAML tag {tag!r}; scenarios use plain "
                      "values only")
        node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            return self.constructor.construct_object(node, deep=True)
        except (ConstructorError, ValueError) as error:
            self.fail(event.start_mark, f"cannot read value {event.value!r}: {error}")

    def build(self, events) -> object:
        """Consume one document's events (after DocumentStartEvent) and return its data."""
        root = self.value(events, next(events), (), 0)
        return root

    def value(self, events, event, path: Path, depth: int) -> object:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            self.fail(event.start_mark, f"the document has more than {MAX_NODES:,} values "
                      "(aliases included); it is refused to protect the machine")
        if depth > MAX_DEPTH:
            self.fail(event.start_mark, f"values are nested more than {MAX_DEPTH} levels deep")
        first_mark = len(self.marks)
        self.marks.append((path, _position(event.start_mark), False))
        if isinstance(event, yaml.AliasEvent):
            return self.alias(event, path)
        if isinstance(event, yaml.ScalarEvent):
            result = self.scalar(event)
        elif isinstance(event, yaml.SequenceStartEvent):
            result = self.sequence(events, path, depth)
        elif isinstance(event, yaml.MappingStartEvent):
            result = self.mapping(events, event, path, depth)
        else:  # pragma: no cover - the parser never yields anything else here
            self.fail(event.start_mark, f"unexpected YAML event {type(event).__name__}")
        anchor = getattr(event, "anchor", None)
        if anchor:
            self.anchors[anchor] = (result, path, first_mark + 1, len(self.marks))
        return result

    def sequence(self, events, path: Path, depth: int) -> list:
        items = []
        for event in events:
            if isinstance(event, yaml.SequenceEndEvent):
                return items
            items.append(self.value(events, event, path + (len(items),), depth + 1))
        return items

    def mapping(self, events, start, path: Path, depth: int) -> dict:
        result: dict = {}
        key_lines: dict = {}
        for event in events:
            if isinstance(event, yaml.MappingEndEvent):
                return result
            if not isinstance(event, yaml.ScalarEvent):
                self.fail(event.start_mark, "mapping keys must be plain names")
            key = self.scalar(event)
            if not isinstance(key, (str, int)) or isinstance(key, bool):
                key = str(event.value)
            key_position = _position(event.start_mark)
            child = path + (key,)
            if key in result:
                first = key_lines[key]
                self.problems.append(SourceProblem(
                    *key_position, f"duplicate key '{key}' (first written at line {first})"))
                self.value(events, next(events), path + (f"{key} (duplicate)",), depth + 1)
                continue
            key_lines[key] = key_position[0]
            self.marks.append((child, key_position, True))
            result[key] = self.value(events, next(events), child, depth + 1)
        return result

    def alias(self, event, path: Path) -> object:
        if event.anchor not in self.anchors:
            self.fail(event.start_mark, f"unknown alias '*{event.anchor}'")
        data, origin, start, end = self.anchors[event.anchor]
        self.nodes += end - start
        if self.nodes > MAX_NODES:
            self.fail(event.start_mark, f"aliases expand the document past {MAX_NODES:,} "
                      "values; it is refused to protect the machine")
        size = len(origin)
        self.marks.extend((path + p[size:], position, is_key)
                          for p, position, is_key in self.marks[start:end])
        return data


def read_yaml(text: str) -> Document:
    """Parse `text` as one YAML document. Raises YamlSourceError with every problem found."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise YamlSourceError([SourceProblem(1, 1, f"the file is larger than "
                                             f"{MAX_BYTES // (1024 * 1024)} MiB")])
    builder = _Builder()
    events = iter(yaml.parse(text, Loader=_Parser))
    data = None
    documents = 0
    try:
        for event in events:
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    builder.fail(event.start_mark, "the file holds more than one YAML document")
                data = builder.build(events)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = _position(mark) if mark else (1, 1)
        problem = error.problem or error.context or "invalid YAML"
        raise YamlSourceError([SourceProblem(line, column, f"YAML syntax: {problem}")]) from None
    except yaml.YAMLError as error:
        raise YamlSourceError([SourceProblem(1, 1, f"YAML syntax: {error}")]) from None
    except RecursionError:
        raise YamlSourceError([SourceProblem(1, 1, "values are nested too deeply")]) from None
    positions, key_positions = {}, {}
    for path, position, is_key in builder.marks:
        (key_positions if is_key else positions)[path] = position
    return Document(data, positions, key_positions, builder.problems)
