"""Validation of rule files: JSON Schema with node positions, then the meaning checks.

`validate_paths` serves `hotline-check validate`; `load_valid` serves every loader of a rule
file (the rule set, calendars, mappings), which gets valid data or an ErrorList.
"""

from checker.validation.runner import FileReport, detect_kind, kind_name, load_valid, validate_paths

__all__ = ["FileReport", "detect_kind", "kind_name", "load_valid", "validate_paths"]
