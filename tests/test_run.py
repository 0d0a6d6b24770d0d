"""The local runner: read -> pipeline.pipe(batch) -> store.write, the same record whatever the
batch size, rejects in their place, and the per-input entry points used without a store."""

from __future__ import annotations

import json

import pytest

from tidings.config import load_settings
from tidings.model import Reject
from tidings.pipeline import Pipeline
from tidings.queries import ArticleQuery
from tidings.run import analyse_file, analyse_path, ingest
from tidings.store import open_store

LINES = [
    {"id": "a", "title": "Talks", "date": "2024-11-14",
     "text": "LIMA, Nov. 14 (Xinhua) -- Xi met Boluarte in Lima on Thursday."},
    "not json",
    {"id": "b", "title": "Visit", "date": "2024-11-15", "text": "Xi visited the port on Friday."},
    {"id": "c", "title": "Short", "date": "2024-11-15", "text": "Tiny."},
    {"id": "d", "title": "Trade", "date": "2024-11-16", "text": "Peru and China signed a pact."},
]


def _corpus(tmp_path):
    path = tmp_path / "wire.jsonl"
    path.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in LINES) + "\n")
    return path


def _pipeline(tmp_path, batch_size: int) -> Pipeline:
    config = tmp_path / f"b{batch_size}.toml"
    config.write_text(
        f'[pipeline]\nstages = ["metadata", "language", "sentences", "time"]\n'
        f"[ingest]\nbatch_size = {batch_size}\n"
    )
    return Pipeline(settings=load_settings(config))


def test_analysed_articles_and_rejects_come_in_input_order(tmp_path):
    items = list(analyse_path(_corpus(tmp_path), _pipeline(tmp_path, 2)))
    kinds = [("reject" if isinstance(i, Reject) else i.extra["record_id"]) for i in items]
    assert kinds == ["a", "reject", "b", "reject", "d"]
    assert items[0].agency == "Xinhua" and items[0].timexes
    assert items[3].code == "T307"  # no body text


def test_the_stored_record_does_not_depend_on_the_batch_size(tmp_path):
    exported = []
    for size in (1, 3, 200):
        with open_store(tmp_path / f"s{size}.db") as store:
            report = ingest([str(_corpus(tmp_path))], store, _pipeline(tmp_path, size))
            rows = list(store.articles(ArticleQuery(limit=None)))
        assert (report.articles, report.added, len(report.rejects)) == (3, 3, 2)
        exported.append([{k: v for k, v in r.items() if k != "ingested_at"} for r in rows])
    assert exported[0] == exported[1] == exported[2]


def test_analyse_file_gives_the_one_article_of_a_file(tmp_path):
    path = tmp_path / "one.txt"
    path.write_text("date 2024-11-15 Talks\n\nBEIJING, Nov. 15 (Xinhua) -- Talks went on.")
    article = analyse_file(path, _pipeline(tmp_path, 200))
    assert (article.title, article.agency) == ("Talks", "Xinhua")


def test_a_ray_address_that_answered_is_not_probed_again(tmp_path):
    import socket

    from tidings.errors import UsageError
    from tidings.run.ray_runner import check_address

    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    assert check_address(f"127.0.0.1:{port}") == f"127.0.0.1:{port}"
    listener.close()  # the CLI checked before opening the store; the runner asks again
    assert check_address(f"127.0.0.1:{port}") == f"127.0.0.1:{port}"
    with pytest.raises(UsageError, match="no Ray cluster reachable"):
        check_address(f"127.0.0.1:{port} ")  # another spelling is probed: nothing listens


def test_blas_runs_one_thread_per_process_unless_the_user_says_otherwise():
    import os
    import subprocess
    import sys

    show = "import tidings, os; print(os.environ['OPENBLAS_NUM_THREADS'])"
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    default = subprocess.run([sys.executable, "-c", show], env=env, capture_output=True,
                             text=True, check=True)
    chosen = subprocess.run([sys.executable, "-c", show], env={**env, "OPENBLAS_NUM_THREADS": "4"},
                            capture_output=True, text=True, check=True)
    assert (default.stdout.strip(), chosen.stdout.strip()) == ("1", "4")
