"""The one HTTP client of citeman: timeouts, retries with backoff, the Crossref polite pool, rate limits.

Every request goes through :meth:`OnlineClient.get`, which reads the cache first (see
:mod:`.cache`), caps the requests in flight at ``jobs``, keeps to the rate a service
announces (Crossref's ``X-Rate-Limit-Limit`` requests per ``X-Rate-Limit-Interval``),
retries 429 and 5xx answers and dropped connections with exponential backoff (or
after the ``Retry-After`` the service asks for), and stores what it got. When no
answer can be had it raises :class:`Unreachable`: the caller reports the work as
not checked, never as not found.
"""

from __future__ import annotations

import email.utils
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

import httpx

from citeman.online.cache import ResponseCache

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
# The query parameter that carries the contact address, for the services that ask for one.
CONTACT_PARAMETER = {"api.crossref.org": "mailto", "eutils.ncbi.nlm.nih.gov": "email"}
# Seconds between two requests to a host that announces no rate: NCBI allows 3 a second without an API key.
DEFAULT_SPACING = {"eutils.ncbi.nlm.nih.gov": 0.34}
MAX_BACKOFF = 60.0
JSON = "application/json"


class Unreachable(Exception):
    """No answer for ``url``: the network failed, the service kept failing, or (offline) the cache has none."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{reason} ({url})" if url else reason)
        self.url = url
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Reply:
    url: str
    status: int
    text: str
    from_cache: bool = False

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300


def _user_agent(mailto: str) -> str:
    from citeman import __version__

    contact = f" (mailto:{mailto})" if mailto else ""
    return f"citeman/{__version__} (https://github.com/citeman/citeman){contact}"


def retry_after(value: str | None, now: float) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta seconds or an HTTP date); None if absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - now)


def rate_interval(headers: httpx.Headers) -> float | None:
    """Seconds between two requests from ``X-Rate-Limit-Limit`` / ``X-Rate-Limit-Interval`` (``50``, ``1s``)."""
    limit, interval = headers.get("x-rate-limit-limit"), headers.get("x-rate-limit-interval")
    if not limit or not interval:
        return None
    try:
        count = int(limit)
        text = interval.strip().lower()
        unit = {"s": 1, "m": 60, "h": 3600}.get(text[-1:], None)
        seconds = float(text[:-1]) * unit if unit else float(text)
    except ValueError:
        return None
    return seconds / count if count > 0 else None


class OnlineClient:
    """Cached, polite, parallel-safe GET requests; ``transport`` and ``sleep`` are for tests."""

    def __init__(self, cache: ResponseCache | None = None, *, offline: bool = False, refresh: bool = False,
                 mailto: str = "", jobs: int = 4, timeout: float = 15.0, retries: int = 3,
                 transport: httpx.BaseTransport | None = None, sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.cache = cache
        self.offline = offline
        self.refresh = refresh
        self.mailto = mailto
        self.retries = retries
        self._sleep = sleep
        self._clock = clock
        self._slots = threading.BoundedSemaphore(max(1, jobs))
        self._pace_lock = threading.Lock()
        self._spacing: dict[str, float] = dict(DEFAULT_SPACING)  # host -> seconds between requests
        self._last_start: dict[str, float] = {}  # host -> when the latest request to it was due
        self.requests = 0                       # sent over the network (not from the cache)
        self._http: httpx.Client | None = None
        self._transport = transport
        self._timeout = timeout

    def _client(self) -> httpx.Client:
        if self._http is None:
            self._http = httpx.Client(timeout=httpx.Timeout(self._timeout), follow_redirects=True,
                                      headers={"User-Agent": _user_agent(self.mailto)}, transport=self._transport)
        return self._http

    def close(self) -> None:
        if self._http is not None:
            self._http.close()

    def get(self, url: str, accept: str = JSON) -> Reply:
        """The answer for ``url`` (any status the service gave); raises :class:`Unreachable` when there is none."""
        if self.cache is not None and not self.refresh:
            stored = self.cache.get(url, accept, any_age=self.offline)
            if stored is not None:
                return Reply(url, stored.status, stored.body, from_cache=True)
        if self.offline:
            raise Unreachable(url, "not in the cache (offline)")
        reply = self._fetch(url, accept)
        if self.cache is not None:
            self.cache.put(url, accept, reply.status, reply.text)
        return reply

    def _request_url(self, url: str) -> str:
        """``url`` as sent: Crossref's polite pool wants the contact address as ``mailto`` too, NCBI as ``email``."""
        parameter = CONTACT_PARAMETER.get(urlsplit(url).hostname or "")
        if self.mailto and parameter:
            return url + ("&" if "?" in url else "?") + urlencode({parameter: self.mailto})
        return url

    def _fetch(self, url: str, accept: str) -> Reply:
        host = urlsplit(url).hostname or ""
        reason = ""
        for attempt in range(self.retries + 1):
            with self._slots:
                self._pace(host)
                try:
                    self.requests += 1
                    response = self._client().get(self._request_url(url), headers={"Accept": accept})
                except httpx.HTTPError as err:  # timeouts, refused or dropped connections
                    response, reason = None, f"network error: {type(err).__name__}"
            if response is not None:
                self._learn_rate(host, response.headers)
                if response.status_code not in RETRY_STATUSES:
                    return Reply(url, response.status_code, response.text)
                reason = f"HTTP {response.status_code}"
            if attempt == self.retries:
                break
            wait = retry_after(response.headers.get("retry-after"), time.time()) if response is not None else None
            self._sleep(min(MAX_BACKOFF, wait if wait is not None else 0.5 * 2 ** attempt))
        raise Unreachable(url, f"{reason} after {self.retries + 1} attempts")

    def _learn_rate(self, host: str, headers: httpx.Headers) -> None:
        spacing = rate_interval(headers)
        if spacing is not None:
            with self._pace_lock:
                self._spacing[host] = spacing

    def _pace(self, host: str) -> None:
        """Wait until ``host`` may be asked again at the rate it announced."""
        with self._pace_lock:
            now = self._clock()
            last = self._last_start.get(host)
            start = now if last is None else max(now, last + self._spacing.get(host, 0.0))
            self._last_start[host] = start
        if start > now:
            self._sleep(start - now)
