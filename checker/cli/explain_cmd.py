"""`hotline-check explain LOG TICKET_ID`: one ticket's timeline, due times and findings."""

from __future__ import annotations

import json

import click

from checker.cli.common import lang_option, rules_option
from checker.cli.logs_options import as_of_option, load_inputs, mapping_option, parse_time_option
from checker.cli.progress import Phase
from checker.engine.explain import explain_ticket
from checker.output.explain_text import render_explanation
from checker.output.registry import finding_to_dict
from checker.output.sanitize import shown_output, shown_tree


@click.command("explain")
@click.argument("log", type=click.Path())
@click.argument("ticket_id")
@rules_option
@mapping_option
@as_of_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@lang_option
def command(log, ticket_id, rules_path, mapping_path, as_of_text, fmt, lang):
    """解释单张工单 — explain one ticket: its timeline, each rule that applied, each due time and why."""
    ruleset, data = load_inputs((log,), rules_path, mapping_path)
    with Phase(data, lang) as phase:
        phase.checking("finding_ticket", ticket=ticket_id)
        explanation = explain_ticket(data, ruleset, ticket_id, parse_time_option(as_of_text, ruleset), lang)
    violated = any(f.status == "violated" and f.severity == "violation"
                   for f in explanation["findings"])
    if fmt == "json":
        for rule in explanation["rules"]:
            rule["findings"] = [finding_to_dict(f, ruleset.tz) for f in rule["findings"]]
        explanation["findings"] = [finding_to_dict(f, ruleset.tz) for f in explanation["findings"]]
        click.echo(shown_output(json.dumps(shown_tree(explanation), ensure_ascii=False, indent=2)))
    else:
        click.echo(shown_output(render_explanation(explanation, lang)), nl=False)
    return 1 if violated else 0
