"""`dateline serve`: a web reader and a JSON API over the corpus (FastAPI + Jinja2).

>>> from dateline.web import create_app
>>> app = create_app(open_store("dateline.db"))
"""

from dateline.web.app import create_app

__all__ = ["create_app"]
