"""The proposed mapping as a commented YAML file the office reads, edits and keeps.

Every string is written double-quoted (YAML reads JSON strings as they are), so a header
with spaces, brackets or a colon stays exactly the export's header.
"""

from __future__ import annotations

import json
import os
import re
from datetime import date

from checker.mapping_wizard.propose import Proposal, Question
from checker.output.labels import event_name
from checker.logs.rows import column_label

_REASONS = {
    "unknown": "未能识别的列名（不读取；如需读取，在 rules/header-synonyms.yaml 添加其写法后重新生成）",
    "duplicate": "与已识别的另一列重复（只读取前一列）",
    "extension_in_long": "延期列只用于一单一行的导出",
    "event_time_in_long": "一事一行的导出以“事件”“时间”两列记录各环节，此列不读取",
}

_HINTS = {
    "satisfaction": "satisfied（满意）/ basically_satisfied（基本满意）/ unsatisfied（不满意）",
    "resolved": "true（已解决）/ false（未解决）",
    "urgent": "true（紧急）/ false（不紧急）",
    "outcome": "handled（办结）/ archived（归档）",
    "deadline_class": "emergency / basic_living / other",
    "key_category": "wage_arrears / work_safety / dispute / rural_water_housing / eco_environment / business_environment",
    "event": "事件名，如 dispatched（派单）、accepted（签收）、feedback（反馈）",
}


def q(text) -> str:
    """A YAML scalar: strings double-quoted, booleans as true/false."""
    if text is True or text is False:
        return "true" if text else "false"
    return json.dumps(str(text), ensure_ascii=False)


def _mapping_id(path: str) -> str:
    stem = os.path.splitext(os.path.basename(path))[0].lower()
    slug = re.sub(r"[^a-z0-9]+", "-", stem).strip("-")
    return f"{slug}-mapping" if slug else "proposed-mapping"


def _reason(why: str) -> str:
    if why.startswith("needs_event:"):
        return f"导出没有{event_name(why.split(':', 1)[1])}时间列，此列无处可放"
    if why.startswith("long_only:"):
        return f"{column_label(why.split(':', 1)[1])}只用于一事一行的导出"
    return _REASONS.get(why, why)


def _question_line(question: Question) -> str:
    if question.kind == "flag":
        header = question.column.split(":", 1)[1]
        return (f"#   {q(question.value)}（{question.count} 行）：已按字面归入 happened_if 的 "
                f"{question.suggestion}（{'已延期' if question.suggestion == 'yes' else '未延期'}），"
                f"请核对“{header}”列的这一取值")
    if question.kind == "needs_reason":
        return (f"#   values.{question.column} 下：{q(question.value)}（{question.count} 行）——"
                f"字面不等于{_HINTS.get(question.column, '')}中的任何一个；如本平台确属某一种，写成 "
                f"{q(question.value)}: {{value: …, reason: \"……\"}}，否则这些行被拒")
    return (f"#   values.{question.column} 下：{q(question.value)}（{question.count} 行）——"
            f"可选：{_HINTS.get(question.column, '')}；未添加时这些行被拒")


def mapping_text(proposal: Proposal) -> str:
    lines: list[str] = []
    add = lines.append
    add(f"# 由 hotline-check mapping init 根据 {os.path.basename(proposal.source)} 生成（{date.today().isoformat()}）。")
    add("# 请逐项核对后使用：")
    add("#   hotline-check validate 本文件")
    add(f"#   hotline-check audit {os.path.basename(proposal.source)} --mapping 本文件")
    if proposal.above:
        add(f"# 表头在第 {proposal.header_line} 行；其上 {len(proposal.above)} 行（标题、导出时间等）读取时自动跳过：")
        for text in proposal.above[:5]:
            add(f"#   {text[:80]}")
    add(f"# 共 {proposal.rows} 行数据。")
    add(f"id: {_mapping_id(proposal.source)}")
    kind = "一单一行，各环节一列时间" if proposal.layout == "wide" else "一事一行"
    add(f"title: {q(os.path.basename(proposal.source) + '（' + kind + '）')}")
    add(f"layout: {proposal.layout}" + ("            # 一单一行：每个环节一列时间" if proposal.layout == "wide"
                                         else "            # 一事一行：事件、时间各一列"))
    if proposal.encoding and proposal.encoding not in ("utf-8",):
        add(f"encoding: {proposal.encoding}" + "         # CSV 的文本编码（检测所得）")
    if proposal.sheet:
        add(f"sheet: {q(proposal.sheet)}")
    add("")
    add("# 导出的列 → 规范列" + ("（每个事件都带上这些列）" if proposal.layout == "wide" else ""))
    add("columns:")
    for header, column in proposal.columns.items():
        add(f"  {q(header)}: {column}" + f"    # {column_label(column)}")
    if proposal.ticket_attributes:
        add("")
        add("# 本导出的派单行没有承办单位：取同一工单其他行（如签收行）上的单位")
        add("ticket_attributes:")
        for column, source in proposal.ticket_attributes.items():
            add(f"  {column}: {source}")
    active = {column: table for column, table in proposal.values.items() if table}
    add("")
    add("# 导出的取值 → 规范取值（常见写法，请核对）")
    if active:
        add("values:")
        for column, table in active.items():
            add(f"  {column}:")
            for value, target in table.items():
                add(f"    {q(value)}: {q(target) if isinstance(target, bool) else target}")
    else:
        add("values: {}")
    if proposal.timestamp_formats:
        add("")
        add("# 导出中时间的写法（标准写法之外）")
        add("timestamp_formats:")
        for form in dict.fromkeys(proposal.timestamp_formats):
            add(f"  - {q(form)}")
    if proposal.layout == "wide":
        add("")
        add("# 各环节的时间列：单元格为空 = 该环节未发生")
        add("events:")
        for item in proposal.events:
            add(f"  - event: {item.event}" + f"    # {event_name(item.event)}")
            if item.column:
                add(f"    column: {q(item.column)}")
            if item.fields:
                add("    fields: {" + ", ".join(f"{column}: {q(header)}" for column, header in item.fields.items()) + "}")
            if item.happened_if:
                flag = item.happened_if
                parts = [f"column: {q(flag['column'])}"]
                for key in ("yes", "no"):
                    if key in flag:
                        value = flag[key]
                        parts.append(f"{key}: " + (q(value) if isinstance(value, str)
                                                   else "[" + ", ".join(q(v) for v in value) + "]"))
                add("    happened_if: {" + ", ".join(parts) + "}")
            if item.assume_at:
                add(f"    assume_at: {q(item.assume_at)}" + "    # 缺审批时间时按此列时间计，并逐单记为数据提示")
    add("")
    add("# 本导出不记录的环节：依赖它们的规则在审计结果中列为“无法核查”，不按违规计。")
    if proposal.layout == "wide":
        add("# （一单一行的映射中，没有列出时间列的环节本来就视为未记录；此处写明以便核对。）")
    else:
        add("# （以下事件在本导出中一次也没有出现；若平台其实记录它们，请删去相应行。）")
    if proposal.unrecorded:
        add("unrecorded:")
        for item in proposal.unrecorded:
            event, _, part = item.partition(".")
            label = event_name(event) + (f"的{column_label(part)}" if part else "")
            add(f"  - {item}" + f"    # {label}")
    questions = [question for question in proposal.questions]
    if questions:
        add("")
        add("# 待确认的取值（未添加前，含这些取值的行被拒，并指出应添加的位置）：")
        lines.extend(_question_line(question) for question in questions[:60])
    if proposal.unknown_units:
        add("")
        add("# 规则集不认识的承办单位（审计时记为数据提示；如是某单位的简称，请加到规则集该单位的 aliases）：")
        for name, count, closest in proposal.unknown_units[:60]:
            near = "，最接近：" + "、".join(closest) if closest else ""
            add(f"#   {name}（{count} 行）{near}")
    if proposal.approvers:
        add("")
        add("# 延期审批人（读作规则集中的操作方；只有热线领导小组办公室的同意才使延期有效）：")
        for name, count, whom in proposal.approvers[:60]:
            add(f"#   {name}（{count} 行）→ {whom}")
    if proposal.default_categories:
        add("")
        add("# 规则集未给出时限类别的诉求类别（按其他类计时；如属突发事件或水电气热，请加到规则集 classification）：")
        for name, count in proposal.default_categories[:60]:
            add(f"#   {name}（{count} 行）")
    if proposal.unreadable_times:
        add("")
        add("# 无法识别的时间写法（请在 timestamp_formats 添加对应的格式）：")
        for header, value in proposal.unreadable_times:
            add(f"#   {header}：{value}")
    if proposal.unplaced:
        add("")
        add("# 未使用的列：")
        for header, why in proposal.unplaced:
            add(f"#   {header}：{_reason(why)}")
    return "\n".join(lines) + "\n"
