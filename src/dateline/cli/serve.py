"""`dateline serve`: the web reader and JSON API over a corpus database."""

from __future__ import annotations

import ipaddress
from typing import Annotated

import typer

from dateline.cli.common import DbOpt, ModelOpt, app, err, fail, open_db


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
) -> None:
    """Browse the corpus in a web browser, with a JSON API under /api (read-only)."""
    import uvicorn

    from dateline.web import create_app
    from dateline.web.reader import Reader

    store = open_db(db, read_only=True)
    if not _is_loopback(host):
        err.print(
            f"[yellow]dateline:[/yellow] listening on {host}: anyone who can reach this "
            "machine can read the corpus",
            highlight=False,
        )
    app_ = create_app(store, Reader(model))
    err.print(
        f"dateline: serving {store.shown_url} at http://{host}:{port}/ (Ctrl+C stops)",
        highlight=False,
    )
    try:
        uvicorn.run(app_, host=host, port=port, log_level="warning")
    except OSError as exc:  # port taken, address not ours
        raise fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    finally:
        store.close()
