"""The monthly report as JSON: the report data itself (schema: schemas/report.schema.json)."""

from __future__ import annotations

import json


def render_json(report: dict) -> str:
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"
