"""Renderers of audit findings (table, json, csv, xlsx, md, github, junit), and the masking and
escaping every report applies to the text it shows."""

from checker.output.registry import FORMATS, render, finding_to_dict
from checker.output.sanitize import html_escape, mask_personal, neutralize_formula

__all__ = ["FORMATS", "render", "finding_to_dict", "mask_personal", "neutralize_formula",
           "html_escape"]
