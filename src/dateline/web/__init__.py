"""`dateline serve`: a web reader and a JSON API over the corpus (FastAPI + Jinja2).

>>> from dateline.web import create_app
>>> app = create_app(open_store("dateline.db"))
"""

from __future__ import annotations

from typing import Any

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    # FastAPI is imported when the app is made, not when the CLI reads its options.
    if name == "create_app":
        from dateline.web.app import create_app

        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
