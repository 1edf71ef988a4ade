"""JSON Schema validation of a loaded rule file, each error at the line and column of its node.

The schemas live in `schemas/<kind>.schema.json` (draft 2020-12). jsonschema's own messages
name Python types and regular expressions; a user of the rule files needs "rules[2].within:
unknown key 'withn' (did you mean 'within'?)" instead, so each failing keyword gets a message
of its own here, with the schema's `description` (written '中文 / English') as the hint.
"""

from __future__ import annotations

import difflib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match, by_relevance
from referencing import Registry
from referencing.exceptions import Unresolvable
from referencing.jsonschema import DRAFT202012

from checker import resources
from checker.errors import CheckerError
from checker.i18n import DEFAULT_LANGUAGE, say
from checker.yamlio import LoadedYaml

MESSAGES = {
    "unknown_key": {"zh": "未知的键 '{name}'{guess}", "en": "unknown key '{name}'{guess}"},
    "did_you_mean": {"zh": "（是否应为 '{guess}'？）", "en": " (did you mean '{guess}'?)"},
    "not_here": {"zh": "（此处不能用）", "en": " (not allowed here)"},
    "required": {"zh": "缺少必填项 '{name}'", "en": "missing required key '{name}'"},
    "one_of_keys": {"zh": "需要以下键之一：{keys}", "en": "needs one of the keys: {keys}"},
    "only_one_of_keys": {"zh": "以下键只能用其一：{keys}", "en": "use only one of the keys: {keys}"},
    "type": {"zh": "{value} 应为{expected}", "en": "{value} should be {expected}"},
    "enum": {"zh": "{value} 不是可选值之一：{choices}", "en": "{value} is not one of: {choices}"},
    "const": {"zh": "应为 {expected}", "en": "must be {expected}"},
    "pattern": {"zh": "{value} 格式不对，应为{hint}", "en": "{value} does not match {hint}"},
    "pattern_plain": {"zh": "格式 {pattern}", "en": "the pattern {pattern}"},
    "key_pattern": {"zh": "键 {value} 格式不对，应为{hint}", "en": "key {value} does not match {hint}"},
    "key_enum": {"zh": "键 {value} 不是可选值之一：{choices}",
                 "en": "key {value} is not one of: {choices}"},
    "date": {"zh": "{value} 不是有效日期（YYYY-MM-DD）", "en": "{value} is not a real date (YYYY-MM-DD)"},
    "key_date": {"zh": "键 {value} 不是有效日期（YYYY-MM-DD）",
                 "en": "key {value} is not a real date (YYYY-MM-DD)"},
    "format": {"zh": "{value} 不是有效的 {format}", "en": "{value} is not a valid {format}"},
    "empty": {"zh": "不能为空", "en": "must not be empty"},
    "too_few": {"zh": "至少需要 {limit} 项", "en": "needs at least {limit} items"},
    "too_short": {"zh": "不能为空文字", "en": "must not be empty text"},
    "minimum": {"zh": "{value} 小于最小值 {limit}", "en": "{value} is less than the minimum {limit}"},
    "exclusive_minimum": {"zh": "{value} 应大于 {limit}", "en": "{value} must be greater than {limit}"},
    "maximum": {"zh": "{value} 大于最大值 {limit}", "en": "{value} is more than the maximum {limit}"},
    "not_valid": {"zh": "{value} 无效：应为{hint}", "en": "{value} is not valid: expected {hint}"},
    "schema_unreadable": {"zh": "无法读取模式文件：{reason}", "en": "cannot read the schema: {reason}"},
    "schema_broken": {"zh": "模式文件无效：{reason}", "en": "the schema is not valid: {reason}"},
}

TYPE_NAMES = {
    "object": {"zh": "映射（键: 值）", "en": "a mapping (key: value)"},
    "array": {"zh": "列表", "en": "a list"},
    "string": {"zh": "文字", "en": "text"},
    "boolean": {"zh": " true 或 false", "en": "true or false"},
    "integer": {"zh": "整数", "en": "a whole number"},
    "number": {"zh": "数字", "en": "a number"},
    "null": {"zh": "空值", "en": "empty"},
}

# An unknown key usually explains the rest of its object's errors: show it first.
_relevance = by_relevance(strong=frozenset({"additionalProperties", "unevaluatedProperties"}))
_UNKNOWN_KEY_KEYWORDS = ("additionalProperties", "unevaluatedProperties")


def schema_exists(kind: str) -> bool:
    return resources.schema_path(kind).is_file()


def schema_errors(loaded: LoadedYaml, kind: str, lang: str = DEFAULT_LANGUAGE) -> list[CheckerError]:
    """The schema errors of a loaded file, the best match first, the others in file order.

    A kind without a schema file gives no errors (its schema is not written yet).
    """
    path = resources.schema_path(kind)
    if not path.is_file():
        return []
    validator = _validator(str(path), lang)
    try:
        raw = list(validator.iter_errors(loaded.data))
    except Unresolvable as error:  # a `$ref` to a schema that is not there
        raise CheckerError(say(MESSAGES, "schema_broken", lang, reason=error), file=str(path)) from None
    if not raw:
        return []
    # best_match descends into oneOf/anyOf to the most relevant sub-error of each error.
    pairs = [(error, best_match([error], key=_relevance)) for error in raw]
    kept = _drop_cascades([leaf for _, leaf in pairs])
    pairs = [(top, leaf) for top, leaf in pairs if any(leaf is k for k in kept)]
    if not pairs:
        return []
    best = max(pairs, key=lambda pair: _relevance(pair[0]))[1]
    leaves = [leaf for _, leaf in pairs]
    property_names = _all_property_names(validator.schema)
    ordered = sorted(leaves, key=lambda e: (e is not best, *loaded.position(e.absolute_path)))
    result: list[CheckerError] = []
    seen: set[tuple] = set()
    for error in ordered:
        for item in _describe(error, loaded, lang, property_names):
            identity = (item.line, item.column, item.message)
            if identity not in seen:
                seen.add(identity)
                result.append(item)
    return result


def schema_of(kind: str, lang: str = DEFAULT_LANGUAGE) -> dict | None:
    """The schema of a kind as read (checked once), or None when the kind has none."""
    path = resources.schema_path(kind)
    return _validator(str(path), lang).schema if path.is_file() else None


@lru_cache(maxsize=None)
def _validator(schema_file: str, lang: str) -> Draft202012Validator:
    # `lang` is part of the key only so that an unreadable schema is reported in each language.
    schema = _read_schema(Path(schema_file), lang)
    try:
        Draft202012Validator.check_schema(schema)
    except Exception as error:  # jsonschema.SchemaError: the shipped file is broken
        raise CheckerError(say(MESSAGES, "schema_broken", lang, reason=getattr(error, "message", error)),
                           file=schema_file) from None
    return Draft202012Validator(schema, registry=_registry(),
                                format_checker=Draft202012Validator.FORMAT_CHECKER)


def _read_schema(path: Path, lang: str) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise CheckerError(say(MESSAGES, "schema_unreadable", lang, reason=error), file=str(path)) from None


def schema_registry() -> Registry:
    """Every shipped schema under its file name (for a `$ref` from one schema into another)."""
    return _registry()


@lru_cache(maxsize=1)
def _registry() -> Registry:
    """Every schema under its file name, so one schema may `$ref` another ("ruleset.schema.json#/$defs/duration")."""
    resources_list = []
    for path in sorted(resources.schemas_dir().glob("*.schema.json")):
        try:
            contents = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # reported when that kind is validated
        resource = DRAFT202012.create_resource(contents)
        resources_list.append((path.name, resource))
        if isinstance(contents, dict) and isinstance(contents.get("$id"), str):
            resources_list.append((contents["$id"], resource))
    return Registry().with_resources(resources_list)


def _drop_cascades(errors: list[ValidationError]) -> list[ValidationError]:
    """Drop "unknown key" errors of an object whose `kind` is missing or wrong.

    Which keys a check may have depends on its kind; with no valid kind every kind-specific
    key would be reported as unknown, hiding the one mistake that matters.
    """
    broken_kind: set[tuple] = set()
    for error in errors:
        path = tuple(error.absolute_path)
        if path and path[-1] == "kind":
            broken_kind.add(path[:-1])
        elif error.validator == "required" and "kind" in _missing_keys(error):
            broken_kind.add(path)
    errors = [error for error in errors
              if not (error.validator == "unevaluatedProperties"
                      and tuple(error.absolute_path) in broken_kind)]
    # A misspelt key (`withn`) also leaves its required key (`within`) missing: say it once.
    unknown: dict[tuple, list[str]] = {}
    for error in errors:
        if error.validator in _UNKNOWN_KEY_KEYWORDS:
            unknown.setdefault(tuple(error.absolute_path), []).extend(_extra_keys(error))
    return [error for error in errors
            if not (error.validator == "required"
                    and all(difflib.get_close_matches(key, unknown.get(tuple(error.absolute_path), []),
                                                      n=1, cutoff=0.75)
                            for key in _missing_keys(error)))]


def _describe(error: ValidationError, loaded: LoadedYaml, lang: str,
              property_names: set[str]) -> list[CheckerError]:
    path = list(error.absolute_path)
    keyword = error.validator
    if keyword in _UNKNOWN_KEY_KEYWORDS and isinstance(error.instance, dict):
        extras = _extra_keys(error) or [None]
        return [_at(loaded, path, _unknown_key(key, property_names, lang), key=key) for key in extras]
    if keyword == "required":
        return [_at(loaded, path, say(MESSAGES, "required", lang, name=key))
                for key in _missing_keys(error)]
    if "propertyNames" in error.schema_path:
        # The failing value is a key of the mapping at `path`: point at that key.
        return [_at(loaded, path, _key_message(error, lang), key=str(error.instance))]
    return [_at(loaded, path, _message(error, lang))]


def _at(loaded: LoadedYaml, path: list, message: str, key: str | None = None) -> CheckerError:
    where = json_path_text(path)
    return loaded.error(f"{where}: {message}" if where else message, path, key=key)


def _message(error: ValidationError, lang: str) -> str:
    keyword, value, schema = error.validator, _show(error.instance), error.schema
    expected = error.validator_value
    hint = _hint(schema, lang)
    if keyword == "type":
        types = expected if isinstance(expected, list) else [expected]
        names = (" / " if lang == "en" else "或").join(
            TYPE_NAMES.get(t, {}).get(lang, t) for t in types)
        text = say(MESSAGES, "type", lang, value=value, expected=names)
        return f"{text} — {hint}" if hint else text
    if keyword == "enum":
        return say(MESSAGES, "enum", lang, value=value, choices=", ".join(map(str, expected)))
    if keyword == "const":
        return say(MESSAGES, "const", lang, expected=_show(expected))
    if keyword == "pattern":
        hint = hint or say(MESSAGES, "pattern_plain", lang, pattern=expected)
        return say(MESSAGES, "pattern", lang, value=value, hint=hint)
    if keyword == "format":
        if expected == "date":
            return say(MESSAGES, "date", lang, value=value)
        return say(MESSAGES, "format", lang, value=value, format=expected)
    if keyword in ("minItems", "minProperties"):
        return say(MESSAGES, "empty" if expected == 1 else "too_few", lang, limit=expected)
    if keyword == "minLength":
        return say(MESSAGES, "too_short", lang)
    if keyword == "minimum":
        return say(MESSAGES, "minimum", lang, value=value, limit=expected)
    if keyword == "exclusiveMinimum":
        return say(MESSAGES, "exclusive_minimum", lang, value=value, limit=expected)
    if keyword == "maximum":
        return say(MESSAGES, "maximum", lang, value=value, limit=expected)
    if keyword in ("anyOf", "oneOf") and _all_required(expected):
        keys = ", ".join(key for branch in expected for key in branch["required"])
        return say(MESSAGES, "one_of_keys", lang, keys=keys)
    if keyword == "not" and isinstance(expected, dict) and set(expected) == {"required"}:
        return say(MESSAGES, "only_one_of_keys", lang, keys=", ".join(expected["required"]))
    if hint:
        return say(MESSAGES, "not_valid", lang, value=value, hint=hint)
    return error.message


def _key_message(error: ValidationError, lang: str) -> str:
    value, keyword = _show(error.instance), error.validator
    if keyword == "format" and error.validator_value == "date":
        return say(MESSAGES, "key_date", lang, value=value)
    if keyword == "enum":
        return say(MESSAGES, "key_enum", lang, value=value,
                   choices=", ".join(map(str, error.validator_value)))
    hint = _hint(error.schema, lang) or say(MESSAGES, "pattern_plain", lang,
                                            pattern=error.validator_value)
    return say(MESSAGES, "key_pattern", lang, value=value, hint=hint)


def _unknown_key(key: str | None, property_names: set[str], lang: str) -> str:
    if key is None:
        return say(MESSAGES, "unknown_key", lang, name="?", guess="")
    if key in property_names:  # a real key, in the wrong place (`event` beside `overdue_of`)
        return say(MESSAGES, "unknown_key", lang, name=key, guess=say(MESSAGES, "not_here", lang))
    close = difflib.get_close_matches(str(key), sorted(property_names), n=1, cutoff=0.75)
    guess = say(MESSAGES, "did_you_mean", lang, guess=close[0]) if close else ""
    return say(MESSAGES, "unknown_key", lang, name=key, guess=guess)


def _extra_keys(error: ValidationError) -> list[str]:
    """The keys an additional/unevaluatedProperties error names (jsonschema lists them by repr)."""
    if not isinstance(error.instance, dict):
        return []
    return [key for key in error.instance if repr(key) in error.message]


def _missing_keys(error: ValidationError) -> list[str]:
    instance = error.instance if isinstance(error.instance, dict) else {}
    return [key for key in error.validator_value if key not in instance]


def _all_required(branches: Any) -> bool:
    return isinstance(branches, list) and all(
        isinstance(branch, dict) and set(branch) == {"required"} for branch in branches)


def _hint(schema: Any, lang: str) -> str:
    """The side of a '中文 / English' description in the user's language."""
    if not isinstance(schema, dict) or not isinstance(schema.get("description"), str):
        return ""
    zh, _, en = schema["description"].partition(" / ")
    return (en or zh) if lang == "en" else zh


def _show(value: Any) -> str:
    text = f"'{value}'" if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "…"


def json_path_text(path: list) -> str:
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text


def _all_property_names(schema: Any) -> set[str]:
    names: set[str] = set()
    if isinstance(schema, dict):
        if isinstance(schema.get("properties"), dict):
            names.update(schema["properties"])
        for value in schema.values():
            names |= _all_property_names(value)
    elif isinstance(schema, list):
        for value in schema:
            names |= _all_property_names(value)
    return names
