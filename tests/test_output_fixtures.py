"""A hand-built audit result shared by the output tests (not a test module itself)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from checker.model import AuditResult, Finding, Rejected

SHANGHAI = ZoneInfo("Asia/Shanghai")
RAW_PHONE = "13812345678"
RAW_ID = "610721199001011234"


def at(text: str) -> int:
    """Epoch seconds of a Beijing wall-clock time such as '2024-05-11 10:30'."""
    return int(datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=SHANGHAI).timestamp())


def sample_result() -> AuditResult:
    findings = [
        # Accepted 2 h 32 min after the 1-hour deadline.
        Finding("GD20240501001", "acceptance-1h", "2.1.2", "violation", "区住建局",
                at("2024-05-11 10:30"), at("2024-05-11 13:02"), "派单后1小时内未签收",
                note=f"市民电话{RAW_PHONE}，要求回电"),
        # Feedback never came.
        Finding("GD20240501002", "feedback-deadline", "2.1.3", "violation", "区住建局",
                at("2024-05-12 00:00"), None, "未在期限内反馈"),
        Finding("GD20240501002", "citizen-contact", "2.3.1", "warning", "区住建局",
                at("2024-05-11 12:00"), at("2024-05-11 15:00"), "=HYPERLINK(\"http://x\")",
                check="within-2h", note="@SUM(A1:A9)"),
        Finding("GD20240501003", "head-notification", "2.1.3", "violation", "区水利局",
                at("2024-05-11 09:30"), at("2024-05-11 09:45"), "通知负责人晚于派单30分钟|超时",
                note=f"身份证 {RAW_ID}\n第二行"),
        # Still ahead of as-of.
        Finding("GD20240501004", "feedback-deadline", "2.1.3", "violation", "区水利局",
                at("2024-06-03 00:00"), None, "反馈期限未到", status="pending"),
    ]
    rejected = [
        Rejected("log.csv", 7, "无法识别的时间“2024-13-01”"),
        Rejected("export.xlsx", 12, "缺少工单编号", sheet="5月"),
    ]
    return AuditResult(ruleset_id="nanzheng-2024", ruleset_source="南政办发〔2024〕4号",
                       timezone="Asia/Shanghai", as_of=at("2024-06-01 00:00"), rows=1234,
                       events=1232, tickets=300, findings=findings, rejected=rejected)
