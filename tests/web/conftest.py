"""One corpus database for all web tests (built once: it runs the spaCy pipeline)."""

from __future__ import annotations

import pytest

from tests.web.corpus import build


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory):  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path_factory.mktemp('web') / 'corpus.db'}"
    return url, build(url)


@pytest.fixture(scope="session")
def web_store(corpus_db):  # type: ignore[no-untyped-def]
    from dateline.store import open_store

    store = open_store(corpus_db[0], read_only=True)
    yield store
    store.close()


@pytest.fixture(scope="session")
def ids(corpus_db) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return corpus_db[1]


@pytest.fixture(scope="session")
def client(web_store):  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from dateline.web import create_app

    with TestClient(create_app(web_store, max_body=50_000)) as c:
        yield c


def chromium_path() -> str | None:
    """Debian's Chromium (what scripts/chromium-path installs), or $DATELINE_CHROMIUM."""
    import os
    import shutil

    for candidate in (os.environ.get("DATELINE_CHROMIUM"), "/usr/bin/chromium"):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return shutil.which("chromium")


@pytest.fixture(scope="session")
def live_server(web_store):  # type: ignore[no-untyped-def]
    """The app served by uvicorn on a free loopback port, in a thread of this process."""
    import socket
    import threading
    import time

    import uvicorn

    from dateline.web import create_app

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(web_store), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start in 30 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    """Headless Debian Chromium driven by Playwright. Skipped when Chromium is missing,
    unless DATELINE_REQUIRE_BROWSER is set (`make test` sets it and installs Chromium)."""
    import os

    path = chromium_path()
    if path is None:
        if os.environ.get("DATELINE_REQUIRE_BROWSER"):
            pytest.fail("Chromium not found: run scripts/chromium-path (make test does)")
        pytest.skip("no Chromium (/usr/bin/chromium); `make test` installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=path,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
            ],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):  # type: ignore[no-untyped-def]
    """A fresh page (own context) that records console errors and dialogs."""
    context = browser.new_context(base_url=live_server, viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.dialogs = []  # type: ignore[attr-defined]
    page.csp_errors = []  # type: ignore[attr-defined]

    def on_dialog(dialog):  # type: ignore[no-untyped-def]
        page.dialogs.append(dialog.message)  # type: ignore[attr-defined]
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on(
        "console",
        lambda msg: (
            page.csp_errors.append(msg.text)  # type: ignore[attr-defined]
            if msg.type == "error"
            else None
        ),
    )
    yield page
    context.close()
