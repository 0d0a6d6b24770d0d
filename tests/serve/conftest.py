"""Fixtures of the serve tests: the demo corpus in a store (built once per session, plus an
article with hostile markup in its title and text), the app over it, and the app served by
uvicorn on a free loopback port for the browser and the load tests."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

HOSTILE = Path(__file__).parent / "data" / "hostile_en.txt"


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled demo corpus and one hostile article, ingested with stories."""
    from tidings import service
    from tidings.demo import demo_corpus
    from tidings.pipeline import Pipeline
    from tidings.run import ingest
    from tidings.store import open_store

    db = tmp_path_factory.mktemp("serve") / "demo.db"
    pipeline = Pipeline()
    with open_store(db) as store:
        ingest([str(demo_corpus()), str(HOSTILE)], store, pipeline)
        service.update_stories(store, pipeline.settings)
    return db


@pytest.fixture(scope="session")
def app(demo_db: Path):
    from tidings.serve import create_app

    return create_app(demo_db)


@pytest.fixture(scope="session")
def client(app):
    from fastapi.testclient import TestClient

    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def live_url(app) -> Iterator[str]:
    """The app served by uvicorn in a thread on 127.0.0.1 and a port of the system's choice."""
    import uvicorn

    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning",
                                           access_log=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start within 30 s")
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
