"""Tests for validation.progress: the progress line of a long run."""

from __future__ import annotations

import io

import pytest

from trialmodel.validation import progress
from trialmodel.validation.progress import Progress, wants_progress


class FakeTerminal(io.StringIO):
    """A text stream that says it is a terminal."""

    def isatty(self) -> bool:
        """Claim to be a terminal."""
        return True


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        """The current fake time."""
        return self.now


def test_wants_progress_only_on_a_terminal_outside_ci() -> None:
    """Progress belongs on a terminal, never in a pipe, under CI or on a dumb terminal."""
    assert wants_progress(FakeTerminal(), {})
    assert not wants_progress(io.StringIO(), {})
    assert not wants_progress(FakeTerminal(), {"CI": "true"})
    assert not wants_progress(FakeTerminal(), {"TERM": "dumb"})


def test_progress_waits_then_throttles_then_clears() -> None:
    """Nothing is drawn in a short run; a long run redraws at most every REDRAW_SECONDS."""
    stream, clock = FakeTerminal(), FakeClock()
    with Progress(stream, 10, clock=clock) as bar:
        bar.advance()
        assert stream.getvalue() == ""
        clock.now += progress.DELAY_SECONDS
        bar.advance()
        assert stream.getvalue().endswith("validated 2 of 10 files (20%)")
        drawn = stream.getvalue()
        bar.advance()
        assert stream.getvalue() == drawn
        clock.now += 2 * progress.REDRAW_SECONDS
        bar.advance()
        assert stream.getvalue().endswith("validated 4 of 10 files (40%)")
    assert stream.getvalue().endswith("\r\x1b[K")


def test_disabled_progress_counts_but_never_writes() -> None:
    """A disabled progress line still counts items and writes nothing, even after the delay."""
    stream, clock = FakeTerminal(), FakeClock()
    with Progress(stream, 3, enabled=False, clock=clock) as bar:
        clock.now += 10
        assert list(bar.track("abc")) == ["a", "b", "c"]
    assert bar.done == 3
    assert stream.getvalue() == ""


def test_progress_for_respects_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    """progress_for enables the line on a terminal, and not when CI is set."""
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("TERM", raising=False)
    assert progress.progress_for(FakeTerminal(), 5).enabled
    monkeypatch.setenv("CI", "1")
    assert not progress.progress_for(FakeTerminal(), 5).enabled
