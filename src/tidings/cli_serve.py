"""``tidings serve`` and ``tidings demo``: the web UI and JSON API over a store, and the demo
that ends in it. Like every command they parse, call one function, and say what happened."""

from __future__ import annotations

from typing import Annotated

import typer

from tidings.cli import DbOption, JsonOption, app, err, out

HostOption = Annotated[str, typer.Option(
    help="Address to listen on: 127.0.0.1 (this machine only) unless you mean otherwise.")]
PortOption = Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")]
TimeLimitOption = Annotated[float, typer.Option(
    "--time-limit", min=0.1, help="Seconds a request may spend in the store before it is "
    "cut and answered 503.")]


def _serve(db: str, host: str, port: int, time_limit: float) -> None:
    from tidings.serve import create_app

    app_ = create_app(db, time_limit=time_limit)  # a missing or unusable store fails here
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    from tidings.store import shown_location

    err.print(f"tidings serves {shown_location(db)} at [bold]http://{shown}:{port}/[/bold] "
              f"(API: http://{shown}:{port}/docs) · Ctrl-C stops it")
    import threading

    import uvicorn

    from tidings.corpus.search import warm

    threading.Thread(target=warm, args=(db,), name="warm-encoder", daemon=True).start()
    uvicorn.run(app_, host=host, port=port, log_level="warning", access_log=False,
                server_header=False)


@app.command()
def serve(
    db: DbOption = "tidings.db",
    host: HostOption = "127.0.0.1",
    port: PortOption = 8000,
    time_limit: TimeLimitOption = 5.0,
) -> None:
    """Serve the store read-only: web pages at /, the JSON API at /api (schema at
    /openapi.json, try it at /docs)."""
    _serve(db, host, port, time_limit)


@app.command()
def demo(
    db: DbOption = "demo.db",
    no_serve: Annotated[bool, typer.Option(
        "--no-serve", help="Stop after the summary instead of serving the web UI.")] = False,
    host: HostOption = "127.0.0.1",
    port: PortOption = 8000,
    as_json: JsonOption = False,
) -> None:
    """Ingest the bundled example corpus (5 languages, 7 events), print a summary, then
    serve the web UI over it (until Ctrl-C; --no-serve stops after the summary)."""
    from tidings.demo import run_demo

    run_demo(db, out, as_json=as_json)
    if not no_serve:
        _serve(db, host, port, 5.0)
