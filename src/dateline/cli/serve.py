"""`dateline serve`: the web reader and JSON API over a corpus database."""

from __future__ import annotations

import ipaddress
import json
import os
from typing import Annotated

import typer

from dateline.cli.common import DbOpt, ModelOpt, app, err, fail, open_db
from dateline.web.cache import DEFAULT_MEGABYTES


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@app.command()
def serve(
    db: DbOpt = None,
    host: Annotated[
        str,
        typer.Option(help="Address to listen on (beyond loopback, others can connect)."),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    model: ModelOpt = None,
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            max=64,
            help="Server processes. Each computes and keeps its own pages: more than one pays "
            "off only with idle cores and a warm cache (bench/serve.py).",
        ),
    ] = 1,
    cache: Annotated[
        float,
        typer.Option(
            min=0,
            help="Megabytes of finished pages and answers each process keeps (0: none).",
        ),
    ] = DEFAULT_MEGABYTES,
) -> None:
    """Browse the corpus in a web browser, with a JSON API under /api (read-only)."""
    import uvicorn

    from dateline.web.app import SERVE_ENV

    store = open_db(db, read_only=True)  # migrated here, once, before the workers start
    if not _is_loopback(host):
        err.print(
            f"[yellow]dateline:[/yellow] listening on {host}: anyone who can reach this "
            "machine can read the corpus",
            highlight=False,
        )
    os.environ[SERVE_ENV] = json.dumps({"db": store.url, "model": model, "cache": cache})
    err.print(
        f"dateline: serving {store.shown_url} at http://{host}:{port}/ with {workers} "
        f"process{'es' if workers > 1 else ''} (Ctrl+C stops)",
        highlight=False,
    )
    try:
        uvicorn.run(
            "dateline.web.app:app_from_environment",
            factory=True,
            workers=workers,
            host=host,
            port=port,
            log_level="warning",
        )
    except OSError as exc:  # port taken, address not ours
        raise fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    finally:
        store.close()
