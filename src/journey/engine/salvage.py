"""What is left of a scenario file once the values with a broken shape are taken out, so that its
names, expressions and ranges are still checked and an author sees every problem in one run.

The shape validator reports the location of every broken value; `without` removes exactly those
values and keeps everything else, down to a single field of a single choice.
"""

from __future__ import annotations

from collections.abc import Mapping

Path = tuple[str | int, ...]  # keys and list indices from the file's root to a value
Container = dict[str | int, object] | list[object]


def _child(node: Container, part: str | int) -> Container | None:
    """The container at `node[part]`, or None when there is none to descend into."""
    if isinstance(node, dict):
        child = node.get(part)
    elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        child = node[part]
    else:
        return None
    return child if isinstance(child, (dict, list)) else None


def without(data: Mapping[str | int, object], paths: list[Path]) -> dict[str | int, object]:
    """`data` with the value at each path removed: a mapping loses the key, a list keeps None in
    its place so that the positions of the other items (and their error locations) stay.

    Only the containers along the paths are copied; `data` itself is left unchanged."""
    root = dict(data)
    copies = {id(root)}
    for path in filter(None, paths):
        node: Container = root
        for part in path[:-1]:
            child = _child(node, part)
            if child is None:
                break
            if id(child) not in copies:
                child = dict(child) if isinstance(child, dict) else list(child)
                copies.add(id(child))
                if isinstance(node, dict):
                    node[part] = child
                elif isinstance(part, int):  # always, as `_child` found it in the list
                    node[part] = child
            node = child
        else:
            last = path[-1]
            if isinstance(node, dict):
                node.pop(last, None)
            elif isinstance(last, int) and 0 <= last < len(node):
                node[last] = None
    return root
