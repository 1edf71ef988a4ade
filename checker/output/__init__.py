"""Renderers of audit findings (table, json, csv, xlsx, md, github, junit), and the masking and
escaping every report applies to the text it shows."""

from checker.output.sanitize import html_escape, mask_personal, neutralize_formula

__all__ = ["FORMATS", "render", "finding_to_dict", "mask_personal", "neutralize_formula",
           "html_escape"]

_FROM_REGISTRY = ("FORMATS", "render", "finding_to_dict")


def __getattr__(name: str):
    # The renderers load polars: a command that only masks a message (every error line does)
    # imports this package without them.
    if name in _FROM_REGISTRY:
        from checker.output import registry
        return getattr(registry, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
