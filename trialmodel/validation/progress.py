"""A progress line for long runs: redrawn in place on a terminal, silent everywhere else.

The line goes to the stream the caller hands in (the CLI passes standard error). It is shown only
when that stream is a terminal and ``CI`` is unset, and only once a run has lasted
``DELAY_SECONDS``, so quick runs, pipes, files and CI logs never see it.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from types import TracebackType
from typing import Protocol, Self, TypeVar

__all__ = [
    "DELAY_SECONDS",
    "REDRAW_SECONDS",
    "Progress",
    "Stream",
    "progress_for",
    "wants_progress",
]

T = TypeVar("T")

DELAY_SECONDS = 0.5
"""A run shorter than this shows no progress at all."""

REDRAW_SECONDS = 0.1
"""At most this often is the line redrawn."""

_CLEAR_LINE = "\r\x1b[K"


class Stream(Protocol):
    """The part of a text stream a progress line needs."""

    def write(self, text: str, /) -> int:
        """Write text."""
        ...

    def flush(self) -> None:
        """Flush buffered text."""
        ...

    def isatty(self) -> bool:
        """True for a terminal."""
        ...


def wants_progress(stream: Stream, environ: Mapping[str, str] | None = None) -> bool:
    """True when a progress line belongs on ``stream``: a terminal, not under CI, not TERM=dumb."""
    env = os.environ if environ is None else environ
    if env.get("CI") or env.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or stream-like object without a terminal
        return False


class Progress:
    """Count finished items and show ``validated 1,234 of 10,000 files`` on one redrawn line.

    Use it as a context manager so the line is cleared at the end, also on an exception.
    A disabled Progress counts but never writes.
    """

    def __init__(
        self,
        stream: Stream,
        total: int,
        *,
        verb: str = "validated",
        noun: str = "files",
        enabled: bool = True,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._stream = stream
        self.total = total
        self.done = 0
        self._verb = verb
        self._noun = noun
        self.enabled = enabled
        self._clock = clock
        self._started = clock()
        self._drawn_at: float | None = None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.clear()

    @property
    def text(self) -> str:
        """The line as it would be drawn now."""
        percent = f" ({100 * self.done // self.total}%)" if self.total else ""
        return f"{self._verb} {self.done:,} of {self.total:,} {self._noun}{percent}"

    def advance(self, count: int = 1) -> None:
        """Count ``count`` more finished items and redraw the line if it is due."""
        self.done += count
        if not self.enabled:
            return
        now = self._clock()
        if now - self._started < DELAY_SECONDS:
            return
        if self._drawn_at is not None and now - self._drawn_at < REDRAW_SECONDS:
            return
        self._drawn_at = now
        self._stream.write(f"{_CLEAR_LINE}{self.text}")
        self._stream.flush()

    def clear(self) -> None:
        """Erase the line, if one was drawn, so that later output starts on a clean line."""
        if self._drawn_at is None:
            return
        self._drawn_at = None
        self._stream.write(_CLEAR_LINE)
        self._stream.flush()

    def track(self, items: Iterable[T]) -> Iterator[T]:
        """Yield ``items`` unchanged, counting each one as it is handed on."""
        for item in items:
            yield item
            self.advance()


def progress_for(stream: Stream, total: int, *, verb: str = "validated") -> Progress:
    """A Progress on ``stream`` that draws only where ``wants_progress`` says it belongs."""
    return Progress(stream, total, verb=verb, enabled=wants_progress(stream))
