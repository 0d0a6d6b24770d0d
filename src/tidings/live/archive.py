"""The raw archive of a live run (``--warc DIR``): every HTTP answer as a WARC response
record, so a corpus can be rebuilt offline with ``tidings ingest DIR``.

One gzipped WARC file per run (``tidings-YYYYmmddTHHMMSS-PID.warc.gz``), each record its own
gzip member, flushed as written: a run killed half-way leaves a file whose records all read.
Bodies are stored decoded (as the reader saw them), with headers to match.
"""

from __future__ import annotations

import io
import os
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from tidings.errors import UsageError
from tidings.live.fetch import wire_headers


class WarcArchive:
    """Writes responses to a WARC file in ``folder``; a callable for ``Fetcher(archive=)``."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UsageError(f"cannot create the WARC folder {folder}: {exc.strerror or exc}",
                             hint="point --warc at a folder you can write to") from exc
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        self.path = self.folder / f"tidings-{stamp}-{os.getpid()}.warc.gz"
        self.records = 0
        self._file: IO[bytes] | None = None
        self._writer: Any = None
        self._lock = threading.Lock()

    def __call__(self, url: str, status: int, reason: str, headers: list[tuple[str, str]],
                 body: bytes, fetched_at: str) -> None:
        from warcio.statusandheaders import StatusAndHeaders

        http = StatusAndHeaders(f"{status} {reason or 'OK'}", wire_headers(headers, body),
                                protocol="HTTP/1.1")
        when = fetched_at.replace("+00:00", "Z")
        with self._lock:
            writer = self._open()
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=http,
                warc_headers_dict={"WARC-Date": when},
            )
            writer.write_record(record)
            assert self._file is not None
            self._file.flush()
            self.records += 1

    def _open(self) -> Any:
        if self._writer is None:
            from warcio.warcwriter import WARCWriter

            self._file = open(self.path, "ab")  # noqa: SIM115 (closed by close())
            self._writer = WARCWriter(self._file, gzip=True)
        return self._writer

    def close(self) -> None:
        with self._lock:
            if self._file is not None:
                self._file.close()
                self._file, self._writer = None, None
