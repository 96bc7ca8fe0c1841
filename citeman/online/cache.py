"""The response cache: one sqlite file, keyed by request URL and Accept header, with a time to live.

CI reruns of ``citeman verify`` read every answer from here and never touch the
network. ``--refresh`` ignores what is stored (and replaces it); ``--offline`` reads
only from here, expired or not, and a miss is reported as "not checked", never as
"not found". Only answers that say something about the work are stored: 2xx, and 404
or 410 (the service has no such work); errors that may pass (429, 5xx) never are.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

DEFAULT_TTL = 30 * 24 * 3600   # a month: bibliographic records rarely change, retractions do
CACHEABLE = frozenset({404, 410})

_SCHEMA = """
CREATE TABLE IF NOT EXISTS responses (
    url TEXT NOT NULL,
    accept TEXT NOT NULL,
    status INTEGER NOT NULL,
    body TEXT NOT NULL,
    fetched REAL NOT NULL,
    PRIMARY KEY (url, accept)
)
"""


@dataclass(frozen=True, slots=True)
class Stored:
    """One stored answer and when it was fetched (seconds since the epoch)."""

    status: int
    body: str
    fetched: float


def default_cache_path() -> Path:
    """``$CITEMAN_CACHE``, else ``$XDG_CACHE_HOME/citeman/online.sqlite`` (``~/.cache`` by default)."""
    if os.environ.get("CITEMAN_CACHE"):
        return Path(os.environ["CITEMAN_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "citeman" / "online.sqlite"


def is_cacheable(status: int) -> bool:
    return 200 <= status < 300 or status in CACHEABLE


class ResponseCache:
    """Stored answers in one sqlite file, shared by the request threads (one connection, one lock)."""

    def __init__(self, path: str | os.PathLike[str], ttl: float = DEFAULT_TTL,
                 clock: Callable[[], float] = time.time) -> None:
        self.path = Path(path)
        self.ttl = ttl
        self._clock = clock
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(_SCHEMA)
        self._lock = threading.Lock()

    def get(self, url: str, accept: str = "", *, any_age: bool = False) -> Stored | None:
        """The stored answer for ``url``; None when there is none or (unless ``any_age``) it has expired."""
        with self._lock:
            row = self._db.execute("SELECT status, body, fetched FROM responses WHERE url = ? AND accept = ?",
                                   (url, accept)).fetchone()
        if row is None:
            return None
        stored = Stored(*row)
        if not any_age and self._clock() - stored.fetched > self.ttl:
            return None
        return stored

    def put(self, url: str, accept: str, status: int, body: str) -> None:
        if not is_cacheable(status):
            return
        with self._lock:
            self._db.execute("INSERT OR REPLACE INTO responses VALUES (?, ?, ?, ?, ?)",
                             (url, accept, status, body, self._clock()))

    def __len__(self) -> int:
        with self._lock:
            return self._db.execute("SELECT COUNT(*) FROM responses").fetchone()[0]

    def close(self) -> None:
        with self._lock:
            self._db.close()
