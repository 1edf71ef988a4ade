"""`hotline-check mapping init EXPORT [-o FILE]`: propose a mapping for a platform's export."""

from __future__ import annotations

import os
import tempfile

import click

from checker.cli.common import rules_option
from checker.cli.output_target import write_output
from checker.errors import CheckerError
from checker.logs import load_mapping
from checker.mapping_wizard import mapping_text, propose_mapping
from checker.output.labels import event_name
from checker.ruleset import load_ruleset


@click.group("mapping")
def command() -> None:
    """映射文件 — mapping files that adapt a platform's export."""


@command.command("init")
@click.argument("export", type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write the proposed mapping to this file (default: standard output).")
@click.option("--sheet", default=None, help="XLSX sheet to read (default: the first).")
@rules_option
def init(export: str, output: str | None, sheet: str | None, rules_path: str | None) -> int:
    """根据导出文件生成映射 — propose a commented mapping from an export (CSV or XLSX).

    Finds the header row below any title and 导出时间 rows, recognises the columns from the
    header wordings of rules/header-synonyms.yaml, tells the long layout (one row per event)
    from the wide one (one row per ticket), and lists the values, units and categories to
    check. The file written is valid for `validate` and read by `audit --mapping`.
    """
    ruleset = load_ruleset(rules_path)
    proposal = propose_mapping(export, ruleset, sheet=sheet)
    text = mapping_text(proposal)
    _self_check(text)
    write_output(text.encode("utf-8"), output)
    _summary(proposal, output)
    return 0


def _self_check(text: str) -> None:
    """The proposal must load as a mapping: a wizard that writes an invalid file is a bug."""
    handle, path = tempfile.mkstemp(suffix=".yaml")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        load_mapping(path)
    except CheckerError as error:
        raise CheckerError(f"生成的映射未通过校验（程序缺陷，请报告）：{error.message}") from None
    finally:
        os.unlink(path)


def _summary(proposal, output: str | None) -> None:
    say = lambda text: click.echo(text, err=True)  # noqa: E731
    layout = "一单一行（宽表）" if proposal.layout == "wide" else "一事一行（长表）"
    say(f"表头：第 {proposal.header_line} 行（其上 {len(proposal.above)} 行已跳过）；布局：{layout}；"
        f"数据 {proposal.rows} 行")
    if proposal.layout == "wide":
        say("环节：" + "、".join(f"{event_name(e.event)}←{e.column or e.happened_if['column']}"
                                 for e in proposal.events))
    events = [item for item in proposal.unrecorded if "." not in item]
    if events:
        say("不记录的环节：" + "、".join(event_name(e) for e in events))
    if proposal.questions:
        say(f"待确认的取值 {len(proposal.questions)} 个（见文件末尾注释）")
    if proposal.unknown_units:
        say(f"规则集不认识的承办单位 {len(proposal.unknown_units)} 个")
    if proposal.unplaced:
        say("未使用的列：" + "、".join(header for header, _ in proposal.unplaced))
    if output:
        say(f"已写入 {output}；核对后运行：hotline-check audit {proposal.source} --mapping {output}")
