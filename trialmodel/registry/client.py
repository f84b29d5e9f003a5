"""The one place trialmodel talks HTTP: a polite, patient client for ClinicalTrials.gov.

Polite: one request a second by default (the registry's robots.txt asks ``Crawl-delay: 1``), a
User-Agent naming trialmodel and its version. Patient: a bounded number of tries with exponential
back-off on 429, 5xx, 403 and dropped or timed-out connections, waiting at least as long as a
``Retry-After`` asks. Timeouts on connect and on read, so a run never hangs. Rate, tries and
back-off are settings, so that tests against a local server need not sleep real seconds.
"""

from __future__ import annotations

import email.utils
import importlib.util
import json
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx

from trialmodel.errors import TrialmodelError

__all__ = [
    "Client",
    "NotFoundError",
    "RegistryError",
    "Reply",
    "Settings",
    "registry_url",
    "retry_after",
]

DEFAULT_URL = "https://clinicaltrials.gov"
URL_VARIABLE = "TRIALMODEL_REGISTRY_URL"

RETRIED_STATUSES = frozenset({403, 429, 500, 502, 503, 504})
"""Statuses that a later try may not get (403: the registry has refused clients for a while)."""


class RegistryError(TrialmodelError):
    """The registry could not give what was asked, after every try; the message says why."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status
        """The HTTP status of the last try, when it got one."""


class NotFoundError(RegistryError):
    """The registry has no such thing (404): an unknown NCT id."""


@dataclass(frozen=True, slots=True)
class Settings:
    """How the client talks to the registry."""

    base_url: str = DEFAULT_URL
    rate: float = 1.0
    """Requests per second at most."""
    tries: int = 5
    """Tries per request, the first included."""
    backoff: float = 2.0
    """Seconds before the second try; doubled before each further one."""
    max_wait: float = 120.0
    """The longest wait between tries; a Retry-After asking for more ends the request."""
    connect_timeout: float = 10.0
    read_timeout: float = 30.0


@dataclass(frozen=True, slots=True)
class Reply:
    """A JSON answer and where and when it was got."""

    url: str
    data: Any
    retrieved: str
    """UTC, to the second (2026-12-02T07:30:05Z)."""


def registry_url(given: str | None = None) -> str:
    """The registry's address: as given, else ``$TRIALMODEL_REGISTRY_URL``, else the registry."""
    return given or os.environ.get(URL_VARIABLE) or DEFAULT_URL


def user_agent() -> str:
    """``trialmodel/<version> httpx/<version>``: a client the registry can name and reach."""
    from trialmodel import package_version

    return f"trialmodel/{package_version()} (registry client) httpx/{httpx.__version__}"


def _http2() -> bool:
    """HTTP/2 where the server offers it, when the h2 package is there (httpx[http2])."""
    return importlib.util.find_spec("h2") is not None


def retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds a ``Retry-After`` header asks to wait (a number, or an HTTP date), if it says."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class Client:
    """GET JSON from the registry, throttled and retried; count the requests made."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings or Settings()
        self._sleep = sleep
        self._clock = clock
        self._next_start = 0.0
        self.requests = 0
        """HTTP requests sent (every try counts)."""
        self.waited = 0.0
        """Seconds spent waiting: throttle and back-off."""
        s = self.settings
        self._http = httpx.Client(
            base_url=s.base_url.rstrip("/"),
            headers={"User-Agent": user_agent(), "Accept": "application/json"},
            timeout=httpx.Timeout(s.read_timeout, connect=s.connect_timeout),
            http2=_http2(),
            follow_redirects=True,
        )

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connections."""
        self._http.close()

    def _wait(self, seconds: float) -> None:
        if seconds > 0:
            self.waited += seconds
            self._sleep(seconds)

    def _throttle(self) -> None:
        now = self._clock()
        self._wait(self._next_start - now)
        self._next_start = max(now, self._next_start) + 1.0 / self.settings.rate

    def get(self, path: str, params: Mapping[str, str] | None = None) -> Reply:
        """GET ``path`` (under the base address) as JSON.

        Raises `NotFoundError` on 404 and `RegistryError` when every try failed or the answer is
        not JSON; when the last try got an HTTP status, its ``status`` is that status.
        """
        s = self.settings
        problem, last = "no try was made", None
        for attempt in range(s.tries):
            self._throttle()
            self.requests += 1
            try:
                response = self._http.get(path, params=params)
                body = response.content
            except httpx.TransportError as exc:
                problem = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
                asked, last = None, None
            else:
                outcome = self._outcome(response, body)
                if isinstance(outcome, Reply):
                    return outcome
                problem, asked = outcome
                last = response.status_code
            if attempt + 1 < s.tries:
                self._back_off(attempt, asked, path)
        url = self._url(path, params)
        raise RegistryError(f"{url}: {problem} (after {s.tries} tries)", last)

    def _outcome(self, response: httpx.Response, body: bytes) -> Reply | tuple[str, float | None]:
        """A reply, or why to try again and how long the server asked to wait."""
        status = response.status_code
        url = str(response.request.url)
        if status == 404:
            raise NotFoundError(f"{url}: not found (HTTP 404)")
        if status in RETRIED_STATUSES:
            return f"HTTP {status}", retry_after(response.headers.get("Retry-After"))
        if status != 200:
            excerpt = body[:200].decode("utf-8", "replace").strip()
            raise RegistryError(f"{url}: HTTP {status}: {excerpt}")
        try:
            data = json.loads(body)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            return f"the answer is not complete JSON ({exc})", None
        now = datetime.now(UTC).replace(microsecond=0)
        return Reply(url, data, now.strftime("%Y-%m-%dT%H:%M:%SZ"))

    def _back_off(self, attempt: int, asked: float | None, path: str) -> None:
        s = self.settings
        wait = min(s.backoff * 2**attempt, s.max_wait)
        if asked is not None:
            if asked > s.max_wait:
                raise RegistryError(
                    f"{path}: the registry asks to wait {asked:.0f} s (Retry-After); try later"
                )
            wait = max(wait, asked)
        self._wait(wait)
        # the next try also keeps the rate: the throttle counts from now
        self._next_start = max(self._next_start, self._clock())

    def _url(self, path: str, params: Mapping[str, str] | None) -> str:
        return str(self._http.build_request("GET", path, params=params).url)
