"""Safe YAML loading that keeps where every value came from, within bounds.

Rule files come from pull requests, so they are read as plain data and nothing more:
- the file is parsed once (libyaml's parser when available) and composed here, without
  recursion, into the node tree; the values are built from that tree;
- nesting deeper than a bound, and aliases (`*name`) that repeat an anchor past a bound
  (the "billion laughs" file), stop at the line where the bound is crossed;
- explicit tags (`!!binary`, `!!set`, `!!timestamp`, `!!python/...`, `!local`) are refused:
  a rule file holds text, numbers, booleans, lists and mappings only;
- integers longer than a bound and non-finite numbers (`.inf`, `.nan`) are refused;
- duplicate keys are refused (PyYAML silently keeps the last one);
- dates and times stay the strings written (the schemas check their form, and the engine
  parses them with the rule set's timezone); every mapping key becomes a string.
Beside the data the node tree is kept, so that any JSON path can be traced back to the line
and column it was written on. The bounds are in checker/limits.py.
"""

from __future__ import annotations

import gc
import hashlib
import math
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import yaml
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

from checker import limits
from checker.errors import CheckerError
from checker.i18n import DEFAULT_LANGUAGE, say
from checker.yaml_messages import problem_text

MESSAGES = {
    "syntax": {"zh": "YAML 语法错误：{problem}", "en": "YAML syntax error: {problem}"},
    "other": {"zh": "YAML 错误：{problem}", "en": "YAML error: {problem}"},
    "key_not_plain": {"zh": "映射的键必须是普通值", "en": "a mapping key must be a plain value"},
    "duplicate": {"zh": "重复的键“{key}”（第 {first} 行已定义）",
                  "en": "duplicate key '{key}' (first defined on line {first})"},
    "too_deep": {"zh": "嵌套超过 {limit} 层（含别名展开）", "en": "nested deeper than {limit} levels (aliases expanded)"},
    "too_many_nodes": {"zh": "值的个数超过 {limit} 个（含别名展开）",
                       "en": "more than {limit} values (aliases expanded)"},
    "alias_bomb": {"zh": "别名（*{name}）展开后超过 {limit} 个值：规则文件不接受这样的重复引用",
                   "en": "aliases (*{name}) expand to more than {limit} values: refused in a rule file"},
    "recursive_alias": {"zh": "别名 *{name} 引用了包含它自身的锚点", "en": "alias *{name} refers to the anchor that contains it"},
    "undefined_alias": {"zh": "未定义的别名 *{name}", "en": "undefined alias *{name}"},
    "tag": {"zh": "不支持 YAML 标签 {tag}：规则文件只能包含文字、数字、是否、列表和映射",
            "en": "YAML tag {tag} is not supported: a rule file holds text, numbers, booleans, lists and mappings only"},
    "big_integer": {"zh": "整数过大（超过 {limit} 位）", "en": "integer too large (more than {limit} digits)"},
    "not_finite": {"zh": "数值“{value}”不是有限数", "en": "number '{value}' is not finite"},
    "bad_number": {"zh": "无法识别的数值“{value}”", "en": "unreadable number '{value}'"},
    "several_documents": {"zh": "文件包含多个 YAML 文档（---），规则文件只能有一个",
                          "en": "the file holds several YAML documents (---); a rule file has one"},
    "not_found": {"zh": "找不到该文件", "en": "file not found"},
    "not_utf8": {"zh": "不是 UTF-8 文本（第 {line} 行）", "en": "not UTF-8 text (line {line})"},
    "unreadable": {"zh": "无法读取：{reason}", "en": "cannot read: {reason}"},
    "too_big": {"zh": "文件大小 {size} MB 超过规则文件上限 {limit} MB（{variable}）",
                "en": "file size {size} MB exceeds the rule file bound of {limit} MB ({variable})"},
}

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
# Tags a rule file may write out (`!!str 2024` keeps a year as text); the others are refused.
_ALLOWED_EXPLICIT = frozenset((_STR, _INT, _FLOAT, "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null",
                               _MAP, _SEQ))

try:
    from yaml.cyaml import CParser as _Parser   # libyaml: the same events, ~1000× faster
except ImportError:                             # pragma: no cover - PyYAML built without libyaml
    _Parser = None


class _PlainResolver(Resolver):
    pass


# Dates stay strings: drop the implicit timestamp resolver.
_PlainResolver.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in Resolver.yaml_implicit_resolvers.items()
}


class _Constructor(SafeConstructor):
    """Values from composed nodes; the tree was bounded and its tags checked before."""

    def __init__(self, lang: str):
        super().__init__()
        self.lang = lang
        self.max_digits = limits.int_limit("INTEGER_DIGITS")

    def _error(self, node: yaml.Node, message: str, **values) -> CheckerError:
        return CheckerError(say(MESSAGES, message, self.lang, **values), line=node.start_mark.line + 1,
                            column=node.start_mark.column + 1)

    def construct_mapping(self, node, deep=False):
        result: dict[str, Any] = {}
        seen: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise self._error(key_node, "key_not_plain")
            key = str(key_node.value)
            if key in seen:
                raise self._error(key_node, "duplicate", key=key, first=seen[key].start_mark.line + 1)
            seen[key] = key_node
            result[key] = self.construct_object(value_node, deep=True)
        return result

    def construct_yaml_map(self, node):
        yield self.construct_mapping(node)

    def construct_yaml_int(self, node):
        digits = sum(character.isdigit() for character in node.value)
        if digits > self.max_digits:
            raise self._error(node, "big_integer", limit=self.max_digits)
        try:
            return super().construct_yaml_int(node)
        except ValueError:
            raise self._error(node, "bad_number", value=node.value) from None

    def construct_yaml_float(self, node):
        value = super().construct_yaml_float(node)
        if not math.isfinite(value):
            raise self._error(node, "not_finite", value=node.value)
        return value


_Constructor.add_constructor(_MAP, _Constructor.construct_yaml_map)
_Constructor.add_constructor(_INT, _Constructor.construct_yaml_int)
_Constructor.add_constructor(_FLOAT, _Constructor.construct_yaml_float)


class _Frame:
    __slots__ = ("node", "anchor", "children", "start_total", "depth_below")

    def __init__(self, node, anchor, start_total):
        self.node, self.anchor, self.children = node, anchor, []
        self.start_total, self.depth_below = start_total, 0


class _Composer:
    """Events into a node tree without recursion, counting what aliases add."""

    def __init__(self, parser, lang: str):
        self.parser = parser
        self.lang = lang
        self.resolver = _PlainResolver()
        self.max_depth = limits.int_limit("YAML_DEPTH")
        self.max_nodes = limits.int_limit("YAML_NODES")
        self.max_alias_nodes = limits.int_limit("YAML_ALIAS_NODES")
        self.anchors: dict[str, yaml.Node] = {}
        self.open_anchors: set[str] = set()
        self.size: dict[int, tuple[int, int]] = {}   # id(node) -> (values, depth) expanded
        self.total = 0
        self.alias_total = 0

    def _error(self, mark, key: str, **values) -> CheckerError:
        return CheckerError(say(MESSAGES, key, self.lang, **values),
                            line=mark.line + 1 if mark else None,
                            column=mark.column + 1 if mark else None)

    def _tag(self, event, kind, value=None) -> str:
        tag = event.tag
        if tag is None or tag == "!":
            if kind is yaml.ScalarNode:
                return self.resolver.resolve(kind, value, event.implicit)
            return _MAP if kind is yaml.MappingNode else _SEQ
        if tag not in _ALLOWED_EXPLICIT:
            shown = "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag
            raise self._error(event.start_mark, "tag", tag=shown)
        return tag

    def _count(self, mark, added: int, depth: int) -> None:
        self.total += added
        if self.total > self.max_nodes:
            raise self._error(mark, "too_many_nodes", limit=self.max_nodes)
        if depth > self.max_depth:
            raise self._error(mark, "too_deep", limit=self.max_depth)

    def compose(self) -> yaml.Node | None:
        parser = self.parser
        stack: list[_Frame] = []
        root = None
        documents = 0
        while True:
            event = parser.get_event()
            kind = event.__class__
            if kind is yaml.StreamEndEvent:
                return root
            if kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise self._error(event.start_mark, "several_documents")
                continue
            if kind in (yaml.StreamStartEvent, yaml.DocumentEndEvent):
                continue
            depth = len(stack) + 1
            if kind is yaml.ScalarEvent:
                node = yaml.ScalarNode(self._tag(event, yaml.ScalarNode, event.value), event.value,
                                       event.start_mark, event.end_mark, style=event.style)
                self._count(event.start_mark, 1, depth)
                self._register(event.anchor, node, 1, 0)
                below = 0
            elif kind is yaml.AliasEvent:
                name = event.anchor
                if name in self.open_anchors:
                    raise self._error(event.start_mark, "recursive_alias", name=name)
                node = self.anchors.get(name)
                if node is None:
                    raise self._error(event.start_mark, "undefined_alias", name=name)
                values, below = self.size[id(node)]
                self.alias_total += values
                if self.alias_total > self.max_alias_nodes:
                    raise self._error(event.start_mark, "alias_bomb", name=name, limit=self.max_alias_nodes)
                self._count(event.start_mark, values, depth + below)
            elif kind is yaml.SequenceStartEvent or kind is yaml.MappingStartEvent:
                node_class = yaml.SequenceNode if kind is yaml.SequenceStartEvent else yaml.MappingNode
                node = node_class(self._tag(event, node_class), [], event.start_mark, None,
                                  flow_style=event.flow_style)
                self._count(event.start_mark, 1, depth)
                if event.anchor is not None:
                    self.open_anchors.add(event.anchor)
                stack.append(_Frame(node, event.anchor, self.total - 1))
                continue
            elif kind is yaml.SequenceEndEvent or kind is yaml.MappingEndEvent:
                frame = stack.pop()
                node = frame.node
                node.end_mark = event.end_mark
                children = frame.children
                node.value = (children if node.__class__ is yaml.SequenceNode
                              else list(zip(children[0::2], children[1::2])))
                below = frame.depth_below + 1
                if frame.anchor is not None:
                    self.open_anchors.discard(frame.anchor)
                    self._register(frame.anchor, node, self.total - frame.start_total, below - 1)
            else:   # pragma: no cover - no other event kinds exist
                continue
            if stack:
                parent = stack[-1]
                parent.children.append(node)
                if below + 1 > parent.depth_below + 1:
                    parent.depth_below = below
            else:
                root = node

    def _register(self, anchor, node, values: int, below: int) -> None:
        if anchor is not None:
            self.anchors[anchor] = node
            self.size[id(node)] = (values, below)


@dataclass
class LoadedYaml:
    path: str
    data: Any
    root: yaml.Node | None
    built: Any = None       # what the program made of it (a RuleSet, a Mapping …), once validated

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


def _parser(text: str):
    if _Parser is not None:
        return _Parser(text)
    return yaml.SafeLoader(text)    # its get_event() gives the same events


def load_yaml_text(text: str, path: str, lang: str = DEFAULT_LANGUAGE) -> LoadedYaml:
    parser = _parser(text)
    # The tree is built of many small linked objects and nothing in it is garbage yet:
    # the cyclic collector would scan it again and again (half of the time on a big rule set).
    collecting = gc.isenabled()
    gc.disable()
    try:
        root = _Composer(parser, lang).compose()
        data = _Constructor(lang).construct_document(root) if root is not None else None
    except CheckerError as error:
        error.file = path
        raise
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or str(error)
        if "nesting depth" in problem:    # libyaml's own bound (1000 flow levels) came first
            raise CheckerError(say(MESSAGES, "too_deep", lang, limit=limits.int_limit("YAML_DEPTH")),
                               file=path, line=mark.line + 1 if mark else None,
                               column=mark.column + 1 if mark else None) from None
        where = error.context_mark
        started = where.line + 1 if where and mark and where.line != mark.line else None
        problem = problem_text(problem, error.context, started, lang)
        raise CheckerError(say(MESSAGES, "syntax", lang, problem=problem), file=path,
                           line=mark.line + 1 if mark else None,
                           column=mark.column + 1 if mark else None) from None
    except yaml.YAMLError as error:
        raise CheckerError(say(MESSAGES, "other", lang, problem=error), file=path) from None
    finally:
        if collecting:
            gc.enable()
        dispose = getattr(parser, "dispose", None)
        if dispose is not None:
            dispose()
    return LoadedYaml(path=path, data=data, root=root)


_reads: ContextVar[tuple] = ContextVar("hotline_check_files_read", default=())


@contextmanager
def files_read():
    """Within it, the (path, SHA-256) of every file load_yaml_file reads, in a list: what a
    validation read (checker/validation/cache.py)."""
    found: list[tuple[str, str]] = []
    token = _reads.set(_reads.get() + (found,))
    try:
        yield found
    finally:
        _reads.reset(token)


def load_yaml_file(path: str | Path, lang: str = DEFAULT_LANGUAGE) -> LoadedYaml:
    path = Path(path)
    bound = limits.byte_limit("RULE_FILE_MB")
    try:
        size = path.stat().st_size
        if size > bound and path.is_file():
            raise CheckerError(say(MESSAGES, "too_big", lang, size=round(size / 2**20, 1),
                                   limit=limits.limit("RULE_FILE_MB"),
                                   variable=limits.env_name("RULE_FILE_MB")), file=str(path))
        raw = path.read_bytes()
        for found in _reads.get():
            found.append((str(path), hashlib.sha256(raw).hexdigest()))
    except FileNotFoundError:
        raise CheckerError(say(MESSAGES, "not_found", lang), file=str(path)) from None
    except OSError as error:
        raise CheckerError(say(MESSAGES, "unreadable", lang, reason=error.strerror), file=str(path)) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise CheckerError(say(MESSAGES, "not_utf8", lang, line=line), file=str(path), line=line) from None
    return load_yaml_text(text, str(path), lang)
