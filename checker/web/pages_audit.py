"""The findings (filtered, sorted, paged, downloadable) and one ticket explained."""

from __future__ import annotations

import dataclasses
from types import SimpleNamespace
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from checker.engine.explain import explain_ticket
from checker.errors import CheckerError
from checker.output.audit_notes import heading as notes_heading
from checker.output.audit_notes import kind_name as note_kind_name
from checker.output.audit_notes import title as notes_title
from checker.output.audit_notes import unjudged_sentence
from checker.output.explain_text import _day as day_text
from checker.output.explain_text import _fields as fields_text
from checker.output.labels import event_name, rejected_reason, rule_label, rule_name, severity_name
from checker.output.registry import FORMATS, render
from checker.output.sanitize import mask_personal
from checker.resources import shown_path
from checker.timefmt import local_text, local_text_of_iso
from checker.web.refused import Refused
from checker.web.findings_view import Filters, page_of, selection

FINDINGS_DOWNLOADS = ("xlsx", "csv", "md", "json")


def attachment(data: bytes, filename: str, media_type: str) -> Response:
    return Response(data, media_type=media_type,
                    headers={"content-disposition": f'attachment; filename="{filename}"'})


MEDIA_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "csv": "text/csv; charset=utf-8", "md": "text/markdown; charset=utf-8",
    "json": "application/json", "html": "text/html; charset=utf-8",
    "sms": "text/plain; charset=utf-8", "txt": "text/plain; charset=utf-8",
}


def audited_of(session):
    audited = session.workspace.audited
    if audited is None:
        raise Refused("no_audit", status=409)
    return audited


def routes(bench) -> list:
    lang = bench.lang

    def filters_of(request: Request) -> Filters:
        return Filters.from_query(request.query_params)

    @bench.page
    async def findings(request: Request, session, form):
        audited = audited_of(session)
        filters = filters_of(request)
        chosen, (rules, count_rows, totals) = selection(audited, filters)
        shown, page, pages = page_of(chosen, filters.page)
        filters.page = page
        result = audited.result
        tz = audited.ruleset.tz
        all_units = sorted({f.unit or "" for f in result.findings})
        all_rules = sorted({f.rule for f in result.findings})
        return bench.render(
            request, session, "findings.html.j2", nav="findings", audited=audited, result=result,
            filters=filters, shown=shown, page=page, pages=pages, matching=len(chosen),
            rules=rules, count_rows=count_rows, totals=totals, all_units=all_units,
            all_rules=all_rules, when=lambda epoch: local_text(epoch, tz, lang),
            rule_name=lambda rule: rule_name(rule, lang),
            rule_label=lambda rule, check: rule_label(rule, check, lang),
            severity_name=lambda severity: severity_name(severity, lang),
            rejected_reason=lambda rejected: rejected_reason(rejected, lang),
            as_of=local_text(result.as_of, tz, lang), downloads=FINDINGS_DOWNLOADS,
            link=lambda **changes: "/findings?" + urlencode(filters.query(**changes)),
            download_link=lambda fmt: "/findings/download?" + urlencode(
                {**filters.query(page=None), "fmt": fmt}),
            mapping_path=shown_path(session.workspace.mapping_path) if session.workspace.mapping_path else None,
            mask=mask_personal,
            unjudged_sentence=lambda item: unjudged_sentence(item, lang),
            notes_title=lambda which: notes_title(which, lang),
            notes_heading=lambda which, count: notes_heading(which, count, lang),
            note_kind=lambda kind: note_kind_name(kind, lang))

    @bench.page
    async def findings_download(request: Request, session, form):
        audited = audited_of(session)
        fmt = request.query_params.get("fmt", "")
        if fmt not in FINDINGS_DOWNLOADS:
            raise Refused("err_bad_format", fmt=fmt)
        chosen, _ = selection(audited, filters_of(request))
        data = render(dataclasses.replace(audited.result, findings=chosen), fmt, lang)
        return attachment(data, f"hotline-findings.{FORMATS[fmt].extension}", MEDIA_TYPES[fmt])

    @bench.page
    async def explain(request: Request, session, form):
        audited = audited_of(session)
        ticket = request.query_params.get("ticket", "")
        try:
            one = SimpleNamespace(events=audited.ticket_events.get(ticket, []),
                                  unrecorded=getattr(audited.log, "unrecorded", {}),
                                  data_notes=getattr(audited.log, "data_notes", []))
            data = explain_ticket(one, audited.ruleset, ticket, audited.result.as_of, lang)
        except CheckerError:
            raise Refused("err_unknown_ticket", status=404, ticket=ticket) from None
        violations = sum(1 for f in data["findings"] if f.status == "violated" and f.severity == "violation")
        warnings = sum(1 for f in data["findings"] if f.status == "violated" and f.severity == "warning")
        tz = audited.ruleset.tz
        return bench.render(
            request, session, "explain.html.j2", nav="findings", data=data,
            violations=violations, warnings=warnings,
            when=lambda epoch: local_text(epoch, tz, lang),
            when_iso=lambda value: local_text_of_iso(value, tz, lang),
            fields_text=lambda fields: fields_text(fields, data, tz, lang),
            event_name=lambda event: event_name(event, lang),
            rule_label=lambda rule, check: rule_label(rule, check, lang),
            severity_name=lambda severity: severity_name(severity, lang),
            day_text=lambda status: day_text(status, lang), mask=mask_personal)

    return [
        Route("/findings", findings),
        Route("/findings/download", findings_download),
        Route("/explain", explain),
    ]
