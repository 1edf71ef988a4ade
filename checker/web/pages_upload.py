"""Upload, mapping, unknown names, job progress and the password gate."""

from __future__ import annotations

import hmac
from datetime import datetime

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse
from starlette.routing import Route

from checker.errors import CheckerError
from checker.logs.mapping import Mapping
from checker.output.sanitize import mask_personal
from checker.web.app import internal_message
from checker.web.refused import Refused
from checker.web.audit_job import run_workspace_audit
from checker.web.jobs import checker_message, start_job
from checker.web.mapping_form import (add_aliases, mapping_text_of, meaning_choices, propose_for,
                                      read_header, save_mapping)
from checker.web.texts import size_text, t
from checker.web.uploads import allowed_extensions, receive_upload


def routes(bench) -> list:
    lang = bench.lang

    @bench.page
    async def home(request: Request, session, form):
        extensions = allowed_extensions()
        extra = t("upload_parquet", lang) if ".parquet" in extensions else ""
        return bench.render(request, session, "upload.html.j2", nav="upload",
                            files=session.workspace.files, size_text=size_text,
                            accept=",".join(sorted(extensions)),
                            max_upload=bench.settings.max_upload,
                            help=t("upload_help", lang, extra=extra,
                                   limit=size_text(bench.settings.max_upload)),
                            ruleset=bench.ruleset)

    @bench.page(parse_form=False)
    async def upload(request: Request, session, form):
        files = await receive_upload(request, session, bench.settings)
        session.workspace.add_files(files)
        return start_proposal(session)

    @bench.page
    async def clear(request: Request, session, form):
        session.workspace.clear_files()
        return RedirectResponse("/", status_code=303)

    def start_proposal(session):
        """Reading the first upload and proposing its mapping runs in the background."""
        workspace = session.workspace

        def work(job):
            job.phase = "job_proposing"
            files = list(workspace.files)
            proposed = propose_for(files[0], bench.ruleset)
            others = []
            for uploaded in files[1:]:
                try:
                    if read_header(uploaded).headers != proposed.header.headers:
                        others.append(uploaded.name)
                except CheckerError:
                    others.append(uploaded.name)
            workspace.proposed = (proposed, others)

        job = start_job(workspace.jobs, "/mapping", work, lambda e: internal_message(e, lang),
                        workspace.display_names())
        return RedirectResponse(f"/jobs/{job.id}", status_code=303)

    def show_mapping(request, session, message=None, meanings=None, mapping_id=None, status=200):
        proposed, others = session.workspace.proposed
        header = proposed.header
        return bench.render(request, session, "mapping.html.j2", nav="mapping", status=status,
                            rows=list(zip(range(len(header.headers)), header.headers,
                                          header.examples, meanings or proposed.meanings)),
                            choices=meaning_choices(lang, proposed.meanings), proposed=proposed,
                            others=others, first=session.workspace.files[0].name,
                            message=message, questions=[question_text(q) for q in proposed.questions],
                            mapping_id=mapping_id or f"export-{datetime.now():%Y%m%d}")

    def question_text(question) -> str:
        key = "question_reason" if question.kind == "needs_reason" else "question_value"
        return t(key, lang, column=question.column, value=mask_personal(question.value),
                 count=question.count)

    def proposal_of(session):
        workspace = session.workspace
        if not workspace.files:
            raise Refused("no_upload")
        return workspace.proposed

    @bench.page
    async def mapping_page(request: Request, session, form):
        if proposal_of(session) is None:
            return start_proposal(session)
        return show_mapping(request, session)

    @bench.page
    async def mapping_save(request: Request, session, form):
        if proposal_of(session) is None:
            return start_proposal(session)
        proposed, _ = session.workspace.proposed
        meanings = [(form.get(f"meaning-{i}") or None) for i in range(len(proposed.header.headers))]
        mapping_id = (form.get("mapping_id") or "").strip()
        try:
            text = mapping_text_of(proposed, meanings, mapping_id,
                                   title=t("mapping_from", lang, name=session.workspace.files[0].name))
            path, mapping = save_mapping(text, bench.settings.mappings_folder,
                                         session.workspace.folder)
        except Refused as refused:
            return show_mapping(request, session, t(refused.key, lang, **refused.values),
                                meanings, mapping_id, status=400)
        except CheckerError as error:
            return show_mapping(request, session, t("err_mapping", lang, message=checker_message(error)),
                                meanings, mapping_id, status=400)
        session.workspace.mapping_text = text
        session.workspace.mapping_path = path
        return start_audit(session, mapping)

    def start_audit(session, mapping: Mapping):
        workspace = session.workspace
        workspace.reset_results()

        def work(job):
            audited = run_workspace_audit(job, workspace, bench.ruleset, mapping, lang)
            workspace.audited = audited
            return None

        job = start_job(workspace.jobs, "/findings", work, lambda e: internal_message(e, lang),
                        workspace.display_names())
        return RedirectResponse(f"/jobs/{job.id}", status_code=303)

    @bench.page
    async def names_save(request: Request, session, form):
        workspace = session.workspace
        if workspace.mapping_text is None or workspace.audited is None:
            raise Refused("no_audit")
        audited = workspace.audited
        known_units = set(bench.ruleset.units)
        known_categories = {name for _, _, closest in audited.unknown_categories for name in closest}
        for column, unknown, known, refusal in (
                ("unit", audited.unknown_units, known_units, "err_unknown_unit"),
                ("category", audited.unknown_categories, known_categories, "err_unknown_category")):
            aliases = {}
            for index, (name, _, _) in enumerate(unknown):
                chosen = form.get(f"{column}-{index}") or ""
                if not chosen:
                    continue
                if chosen not in known:
                    raise Refused(refusal, name=chosen)
                aliases[name] = chosen
            if aliases:
                workspace.mapping_text = add_aliases(workspace.mapping_text, column, aliases)
        try:
            path, mapping = save_mapping(workspace.mapping_text, bench.settings.mappings_folder,
                                         workspace.folder)
        except CheckerError as error:
            raise Refused("err_mapping", message=checker_message(error)) from None
        workspace.mapping_path = path
        return start_audit(session, mapping)

    @bench.page
    async def job_page(request: Request, session, form):
        job = session.workspace.jobs.get(request.path_params["job_id"])
        if job is None:
            raise Refused("job_unknown", status=404)
        if job.done and not job.error:
            return RedirectResponse(job.next_url, status_code=303)
        return bench.render(request, session, "job.html.j2", job=job,
                            job_status=job.status(), status_url=f"/jobs/{job.id}/status")

    @bench.page
    async def job_status(request: Request, session, form):
        job = session.workspace.jobs.get(request.path_params["job_id"])
        if job is None:
            return JSONResponse({"done": True, "error": t("job_unknown", lang)}, status_code=404)
        status = job.status()
        status["phase_text"] = t(job.phase, lang)
        status["rows_text"] = t("job_rows", lang, rows=f"{job.rows:,}")
        return JSONResponse(status)

    @bench.page(public=True)
    async def login(request: Request, session, form):
        message = None
        if request.method == "POST":
            given = (form.get("password") or "").encode()
            if bench.settings.token and hmac.compare_digest(given, bench.settings.token.encode()):
                session.authenticated = True
                return RedirectResponse("/", status_code=303)
            message = t("login_wrong", lang)
        return bench.render(request, session, "login.html.j2", message=message,
                            status=401 if message else 200)

    return [
        Route("/", home),
        Route("/upload", upload, methods=["POST"]),
        Route("/files/clear", clear, methods=["POST"]),
        Route("/mapping", mapping_page),
        Route("/mapping", mapping_save, methods=["POST"]),
        Route("/names", names_save, methods=["POST"]),
        Route("/jobs/{job_id}", job_page),
        Route("/jobs/{job_id}/status", job_status),
        Route("/login", login, methods=["GET", "POST"]),
    ]

