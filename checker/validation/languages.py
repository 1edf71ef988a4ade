"""The languages of a rule set's (and its test cases') shown texts, and the texts lacking one an
output needs.

A shown text is a value the schema types as `localized_text` (interpretations, messages,
names of rates, notes of clauses not checkable…): `{zh: …, en: …}` or a plain string. A
plain string is taken as Chinese when its Chinese characters outnumber its Latin letters
(identifiers such as `leader_days` or `PT1H` not counted), else as English: an English
sentence quoting the notice's words (“及时 is read as…”) is English.

Chinese is needed always (every output is Chinese by default); English when the run asks
for it (`--lang en`) or the rule set declares it (`languages: [zh, en]`). A gap is a warning,
not an error: the output then shows the text in the language it has.
"""

from __future__ import annotations

import re
from typing import Any, Iterator

from jsonschema import Draft202012Validator

from checker.errors import CheckerError
from checker.i18n import DEFAULT_LANGUAGE, LANGUAGES, say
from checker.yamlio import LoadedYaml

MESSAGES = {
    "missing_zh": {"zh": "警告：{where} 缺少中文文本：中文输出会显示这段外文；请写成 {{zh: 中文, en: English}}",
                   "en": "warning: {where} has no Chinese text: Chinese outputs show it as written; "
                         "write it as {{zh: 中文, en: English}}"},
    "missing_en": {"zh": "警告：{where} 缺少英文文本：--lang en 的输出会显示中文；请加上 en: English",
                   "en": "warning: {where} has no English text: outputs with --lang en show the Chinese; "
                         "add en: English"},
}

LOCALIZED_TEXT = "#/$defs/localized_text"

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
# Code spans and identifiers (a token of Latin letters joined by digits, _, -, ., :, /, *, @)
# name things; they are no words of either language.
_IDENTIFIER = re.compile(r"`[^`]*`|[A-Za-z0-9]*[\d_.:/*@-][A-Za-z0-9_.:/*@-]*")


def is_chinese(text: str) -> bool:
    """A plain string is Chinese when its Chinese characters outnumber its Latin letters."""
    words = _IDENTIFIER.sub(" ", text)
    return len(_CJK.findall(words)) > len(_LATIN.findall(words))


def text_languages(value: Any) -> set[str]:
    """The languages a shown text is given in: the keys of `{zh, en}`, or the plain string's."""
    if isinstance(value, dict):
        return {lang for lang in LANGUAGES if value.get(lang)}
    if isinstance(value, str) and value.strip():
        return {"zh"} if is_chinese(value) else {"en"}
    return set()


def needed_languages(data: Any, lang: str = DEFAULT_LANGUAGE) -> set[str]:
    """Chinese, the run's language and the languages the rule set declares (`languages:`)."""
    declared = data.get("languages", []) if isinstance(data, dict) else []
    return {DEFAULT_LANGUAGE, lang, *(item for item in declared if item in LANGUAGES)}


def language_warnings(loaded: LoadedYaml, schema: dict, lang: str = DEFAULT_LANGUAGE) -> list[CheckerError]:
    """A warning per shown text lacking a needed language, at the line of its key."""
    from checker.validation.schema_check import json_path_text
    needed = needed_languages(loaded.data, lang)
    warnings = []
    for path, value in shown_texts(loaded.data, schema):
        present = text_languages(value)
        for missing in sorted(needed - present, key=LANGUAGES.index):
            where = json_path_text(list(path)) + _owner(loaded.data, path)
            position = loaded.position(path[:-1], key=str(path[-1])) if path else (1, 1)
            warnings.append(CheckerError(say(MESSAGES, f"missing_{missing}", lang, where=where),
                                         file=loaded.path, line=position[0], column=position[1]))
    return sorted(warnings, key=lambda w: (w.line or 0, w.column or 0))


def _owner(data: Any, path: tuple) -> str:
    """`（citizen-contact/within-2h）`: the rule, indicator or test case the text belongs to, if named."""
    node, owner = data, None
    for previous, step in zip((None, *path), path[:-1]):
        node = node[step] if isinstance(node, (dict, list)) else None
        if not isinstance(node, dict):
            continue
        if isinstance(node.get("id"), str):
            owner = node["id"]
        elif previous == "checks" and owner and isinstance(node.get("name"), str):
            owner = f"{owner}/{node['name']}"
        elif previous == "cases" and isinstance(node.get("name"), str):     # a rule set's test case
            owner = node["name"]
    return f"（{owner}）" if owner else ""


def shown_texts(data: Any, schema: dict) -> Iterator[tuple[tuple, Any]]:
    """(json path, value) of every value the schema types as a localized text, in file order."""
    seen: set[tuple] = set()
    for path, value in _walk(schema, schema, data, ()):
        if path not in seen:
            seen.add(path)
            yield path, value


def _walk(root: dict, schema: Any, value: Any, path: tuple) -> Iterator[tuple[tuple, Any]]:
    if not isinstance(schema, dict):
        return
    ref = schema.get("$ref")
    if ref == LOCALIZED_TEXT:
        yield path, value
        return
    if isinstance(ref, str) and ref.startswith("#/"):
        yield from _walk(root, _resolve(root, ref), value, path)
    for branch in schema.get("allOf", ()):
        yield from _walk(root, branch, value, path)
    for key in ("anyOf", "oneOf"):
        for branch in schema.get(key, ()):
            if _valid(root, branch, value):
                yield from _walk(root, branch, value, path)
    if "if" in schema:
        chosen = schema.get("then") if _valid(root, schema["if"], value) else schema.get("else")
        yield from _walk(root, chosen, value, path)
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        extra = schema.get("additionalProperties")
        for key, item in value.items():
            if key in properties:
                yield from _walk(root, properties[key], item, (*path, key))
            elif isinstance(extra, dict):
                yield from _walk(root, extra, item, (*path, key))
    elif isinstance(value, list) and isinstance(schema.get("items"), dict):
        for index, item in enumerate(value):
            yield from _walk(root, schema["items"], item, (*path, index))


def _resolve(root: dict, ref: str) -> Any:
    node: Any = root
    for step in ref[2:].split("/"):
        node = node.get(step, {}) if isinstance(node, dict) else {}
    return node


def _valid(root: dict, schema: Any, value: Any) -> bool:
    if not isinstance(schema, dict):
        return bool(schema)
    key = (id(root), id(schema))
    if key not in _VALIDATORS:
        # The sub-schema beside the root's $defs, so that its local $refs resolve.
        from checker.validation.schema_check import schema_registry
        _VALIDATORS[key] = (schema, Draft202012Validator({**schema, "$defs": root.get("$defs", {})},
                                                         registry=schema_registry()))
    return _VALIDATORS[key][1].is_valid(value)


# Sub-schema validators by the identity of (root, sub-schema), each kept with its sub-schema so
# that the identity stays its own.
_VALIDATORS: dict[tuple[int, int], tuple[dict, Draft202012Validator]] = {}
