"""The monthly 通报 and the reminder list: built in the background once per month or
instant, kept in the session, shown and downloaded through the library's own renderers."""

from __future__ import annotations

import time
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from checker.logs import parse_instant
from checker.products.report import formats as report_formats
from checker.reports.monthly import build_monthly_report
from checker.reports.trend import build_trend, months_beside, report_as_of
from checker.products.remind.wording import kind_name
from checker.reports.reminders import KINDS, build_reminders
from checker.products.remind.json_out import reminder_to_dict
from checker.products.remind.sms import sms_text
from checker.products.remind.formats import render_reminders
from checker.timefmt import to_datetime
from checker.web.app import internal_message
from checker.web.refused import Refused
from checker.web.findings_view import _is_month
from checker.web.jobs import start_job
from checker.web.pages_audit import MEDIA_TYPES, attachment, audited_of

REMINDER_DOWNLOADS = ("xlsx", "csv", "sms", "json")
REMINDER_EXTENSIONS = {"sms": "txt"}
# The units' 整改通知单 (report --by-unit) in the formats an office sends or prints.
NOTICE_FORMATS = ("docx", "xlsx", "html")
INPUT_FORMAT = "%Y-%m-%dT%H:%M"


def routes(bench) -> list:
    lang = bench.lang

    def cached_or_job(request, session, key, build, parameters: dict):
        """The built thing, or a redirect to the job building it (then back here)."""
        workspace = session.workspace
        if key in workspace.cache:
            return workspace.cache[key], None
        running = workspace.building.get(key)
        if running is not None and not running.done:
            return None, RedirectResponse(f"/jobs/{running.id}", status_code=303)

        def work(job):
            job.phase = "job_building"
            workspace.cache[key] = build()

        back = request.url.path + "?" + urlencode({**request.query_params, **parameters})
        job = start_job(workspace.jobs, back, work,
                        lambda e: internal_message(e, lang), workspace.display_names())
        workspace.building[key] = job
        return None, RedirectResponse(f"/jobs/{job.id}", status_code=303)

    def month_of(request, audited) -> str:
        month = request.query_params.get("month") or (audited.months[0] if audited.months else "")
        if not month:
            raise Refused("no_months")
        if not _is_month(month):
            raise Refused("err_bad_month", value=month)
        return month

    def report_of(request, session):
        audited = audited_of(session)
        month = month_of(request, audited)
        def build() -> dict:
            report = build_monthly_report(audited.log, audited.ruleset, month,
                                          as_of=audited.result.as_of, lang=lang)
            # An upload of several months: the 通报 shows them side by side (section 七).
            shown = months_beside(audited.months, month)
            if shown:
                report["trend"] = build_trend(audited.log, audited.ruleset, shown, report_as_of(report), lang)
            return report

        report, redirect = cached_or_job(request, session, ("report", month), build, {"month": month})
        return audited, month, report, redirect

    @bench.page
    async def report_page(request: Request, session, form):
        audited, month, report, redirect = report_of(request, session)
        if redirect:
            return redirect
        return bench.render(request, session, "report.html.j2", nav="report", month=month,
                            months=audited.months, report=report,
                            formats=[name for name in report_formats.FORMATS], notice_formats=NOTICE_FORMATS)

    @bench.page
    async def report_view(request: Request, session, form):
        _, month, report, redirect = report_of(request, session)
        if redirect:
            return redirect
        return Response(report_formats.render_report(report, "html"),
                        media_type="text/html; charset=utf-8")

    @bench.page
    async def report_download(request: Request, session, form):
        fmt = request.query_params.get("fmt", "")
        if fmt not in report_formats.FORMATS:
            raise Refused("err_bad_format", fmt=fmt)
        _, month, report, redirect = report_of(request, session)
        if redirect:
            return redirect
        by_unit = request.query_params.get("by_unit") == "1" and fmt in NOTICE_FORMATS
        name = f"notices-{month}.{fmt}" if by_unit else f"report-{month}.{fmt}"
        return attachment(report_formats.render_report(report, fmt, None, by_unit), name,
                          MEDIA_TYPES.get(fmt, "application/octet-stream"))

    def instant_of(request, audited) -> tuple[int, str]:
        tz: ZoneInfo = audited.ruleset.tz
        text = (request.query_params.get("at") or "").strip()
        if not text:
            moment = to_datetime(int(time.time()), tz)
            return int(moment.timestamp()) // 60 * 60, moment.strftime(INPUT_FORMAT)
        try:
            return parse_instant(text.replace("T", " "), tz), text
        except ValueError:
            raise Refused("err_bad_instant", value=text) from None

    def reminders_of(request, session):
        audited = audited_of(session)
        at, text = instant_of(request, audited)
        result, redirect = cached_or_job(
            request, session, ("remind", at),
            lambda: build_reminders(audited.log, audited.ruleset, at,
                                    rejected=len(audited.log.rejected)),
            {"at": text})
        return audited, at, text, result, redirect

    @bench.page
    async def remind_page(request: Request, session, form):
        audited, at, text, result, redirect = reminders_of(request, session)
        if redirect:
            return redirect
        tz = audited.ruleset.tz
        units = [{"unit": unit, "counts": result.counts(items),
                  "rows": [reminder_to_dict(r, tz, lang, result.class_names) for r in items],
                  "sms": sms_text(unit, items, result, lang) if unit else ""}
                 for unit, items in result.by_unit()]
        return bench.render(request, session, "remind.html.j2", nav="remind", at=text,
                            result=result, units=units, counts=result.counts(),
                            downloads=REMINDER_DOWNLOADS,
                            kind_names={kind: kind_name(kind, lang) for kind in KINDS})

    @bench.page
    async def remind_download(request: Request, session, form):
        fmt = request.query_params.get("fmt", "")
        if fmt not in REMINDER_DOWNLOADS:
            raise Refused("err_bad_format", fmt=fmt)
        audited, at, text, result, redirect = reminders_of(request, session)
        if redirect:
            return redirect
        extension = REMINDER_EXTENSIONS.get(fmt, fmt)
        stamp = to_datetime(at, audited.ruleset.tz).strftime("%Y%m%d-%H%M")
        return attachment(render_reminders(result, fmt, lang), f"reminders-{stamp}.{extension}",
                          MEDIA_TYPES[fmt])

    return [
        Route("/report", report_page),
        Route("/report/view", report_view),
        Route("/report/download", report_download),
        Route("/remind", remind_page),
        Route("/remind/download", remind_download),
    ]
