"""``tidings serve`` as a user starts it: a process that answers on the port it was given,
and a clear error (no server) for a store that is not there."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.slow
def test_serve_answers_pages_and_api_on_the_port_it_was_given(demo_db: Path):
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "tidings", "serve", "--db", str(demo_db), "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status = httpx.get(f"http://127.0.0.1:{port}/api/status", timeout=2)
                break
            except httpx.TransportError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    said = proc.stderr.read() if proc.stderr else ""
                    pytest.fail(f"serve did not answer: {said}")
                time.sleep(0.2)
        assert status.status_code == 200
        assert status.json()["articles"] >= 40
        page = httpx.get(f"http://127.0.0.1:{port}/?q=Boluarte", timeout=10)
        assert page.status_code == 200 and "Boluarte" in page.text
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=20)
    assert f"http://127.0.0.1:{port}/" in err  # it says where it serves


def test_serve_refuses_a_store_that_is_not_there(tmp_path: Path):
    done = subprocess.run([sys.executable, "-m", "tidings", "serve", "--db",
                           str(tmp_path / "missing.db")], capture_output=True, text=True,
                          timeout=60, env={**os.environ, "TIDINGS_DEBUG": ""})
    assert done.returncode == 2
    assert "no database at" in done.stderr and "tidings ingest" in done.stderr
