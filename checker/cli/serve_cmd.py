"""`hotline-check serve`: the workbench in the browser, on this machine by default."""

from __future__ import annotations

import click

from checker.cli.common import current_config, lang_option, rules_option


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Any address but loopback needs a password: web.password "
                   "in hotline-check.yaml, or HOTLINE_CHECK_WEB_TOKEN.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@rules_option
@click.option("--workdir", type=click.Path(file_okay=False), default=None,
              help="Working folder: confirmed mappings are saved in its mappings/ (default: the "
                   "configuration's folder, else here).")
@click.option("--max-upload-mb", default=None, type=float,
              help="Largest upload (all its files together), in MB (default: web.max_upload_mb "
                   "of hotline-check.yaml, else 100).")
@lang_option
def command(host, port, rules_path, workdir, max_upload_mb, lang):
    """网页工作台 — the workbench in the browser: upload exports, confirm the mapping, the findings,
    one ticket explained, the monthly 通报, the reminder list and the rules in force.

    Uploads stay in a temporary folder removed when the server stops.
    """
    import uvicorn

    from checker.web.app import create_app
    from checker.web.settings import web_settings

    settings = web_settings(host=host, port=port, lang=lang, rules_path=rules_path,
                            workdir=workdir, max_upload_mb=max_upload_mb, config=current_config())
    app = create_app(settings)
    shown = f"[{host}]" if ":" in host else host
    click.echo(("工作台已启动：" if lang == "zh" else "Workbench running: ")
               + f"http://{shown}:{port}/  (Ctrl+C " + ("停止" if lang == "zh" else "stops") + ")")
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
    return 0
