"""Safe YAML loading that keeps where every value came from.

Rule files are loaded with a SafeLoader that
- rejects duplicate keys (PyYAML silently keeps the last one),
- keeps dates and times as the strings written (the schemas check their form, and
  the engine parses them with the rule set's timezone),
- turns every mapping key into a string (`2024:` is the key "2024"),
and returns, beside the data, the composed node tree, so that any JSON path can be
traced back to the line and column it was written on.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import yaml

from checker.errors import CheckerError


class _RuleFileLoader(yaml.SafeLoader):
    pass


# Dates stay strings: drop the implicit timestamp resolver for this loader only.
_RuleFileLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader: _RuleFileLoader, node: yaml.MappingNode, deep: bool = False):
    loader.flatten_mapping(node)
    result: dict[str, Any] = {}
    seen: dict[str, yaml.Node] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise CheckerError("a mapping key must be a plain value",
                               line=key_node.start_mark.line + 1,
                               column=key_node.start_mark.column + 1)
        key = str(key_node.value)
        if key in seen:
            first = seen[key].start_mark.line + 1
            raise CheckerError(f"duplicate key '{key}' (first defined on line {first})",
                               line=key_node.start_mark.line + 1,
                               column=key_node.start_mark.column + 1)
        seen[key] = key_node
        result[key] = loader.construct_object(value_node, deep=True)
    return result


_RuleFileLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


@dataclass
class LoadedYaml:
    path: str
    data: Any
    root: yaml.Node | None

    def position(self, json_path: Iterable[Any], key: str | None = None) -> tuple[int, int]:
        """(line, column), 1-based, of the node at `json_path`; of its key `key` if given.

        Walks as deep as the path exists; a path into a missing node gives the deepest
        existing parent, which is where the user must add or fix something.
        """
        node = self.root
        if node is None:
            return (1, 1)
        for step in json_path:
            child = _child(node, step)
            if child is None:
                break
            node = child
        if key is not None and isinstance(node, yaml.MappingNode):
            for key_node, _ in node.value:
                if str(key_node.value) == key:
                    return (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        return (node.start_mark.line + 1, node.start_mark.column + 1)

    def error(self, message: str, json_path: Iterable[Any] = (), key: str | None = None) -> CheckerError:
        line, column = self.position(json_path, key)
        return CheckerError(message, file=self.path, line=line, column=column)


def _child(node: yaml.Node, step: Any) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if str(key_node.value) == str(step):
                return value_node
        return None
    if isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
        return node.value[step]
    return None


def load_yaml_text(text: str, path: str) -> LoadedYaml:
    try:
        root = yaml.compose(text, Loader=_RuleFileLoader)
        loader = _RuleFileLoader(text)
        try:
            data = loader.get_single_data()
        finally:
            loader.dispose()
    except CheckerError as error:
        error.file = path
        raise
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or str(error)
        if error.context:
            where = error.context_mark
            started = f" started on line {where.line + 1}" if where and mark and where.line != mark.line else ""
            problem = f"{problem} ({error.context}{started})"
        raise CheckerError(f"YAML syntax error: {problem}", file=path,
                           line=mark.line + 1 if mark else None,
                           column=mark.column + 1 if mark else None) from None
    except yaml.YAMLError as error:
        raise CheckerError(f"YAML error: {error}", file=path) from None
    return LoadedYaml(path=path, data=data, root=root)


def load_yaml_file(path: str | Path) -> LoadedYaml:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CheckerError("file not found", file=str(path)) from None
    except UnicodeDecodeError as error:
        raise CheckerError(f"not UTF-8 text (byte {error.start})", file=str(path)) from None
    except OSError as error:
        raise CheckerError(f"cannot read: {error.strerror}", file=str(path)) from None
    return load_yaml_text(text, str(path))
