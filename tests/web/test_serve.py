"""`dateline serve` as a command: listens on 127.0.0.1 unless told otherwise."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from typer.testing import CliRunner

from dateline.cli import app
from dateline.cli.serve import _is_loopback


def test_loopback_addresses():
    assert _is_loopback("127.0.0.1") and _is_loopback("::1") and _is_loopback("localhost")
    assert not _is_loopback("0.0.0.0") and not _is_loopback("192.0.2.7")


def test_help_shows_the_loopback_default_and_the_processes():
    result = CliRunner().invoke(app, ["serve", "--help"], terminal_width=200)
    assert result.exit_code == 0 and "127.0.0.1" in result.output and "--workers" in result.output


@pytest.mark.slow
@pytest.mark.parametrize("workers", ["1", "2"])
def test_serve_answers_on_loopback(corpus_db, workers):
    url, ids = corpus_db
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    command = [sys.executable, "-m", "dateline.cli", "serve", "--db", url, "--port", str(port)]
    command += ["--workers", workers]
    server = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    try:
        deadline, body = time.monotonic() + 60, None
        while body is None and time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/articles") as r:
                    body = json.load(r)
            except OSError:
                time.sleep(0.2)
        assert body is not None, "dateline serve did not answer within 60 s"
        assert body["total"] == len(ids)
    finally:
        server.terminate()
        server.wait(timeout=20)
