"""Rules about status and dates: why a trial stopped, estimated dates on a completed trial, the
order of completion dates, and when the trial was registered."""

from __future__ import annotations

from collections.abc import Iterator

from trialmodel.model.record import DatedEvent, TrialRecord
from trialmodel.model.registration import Timing, registration_timing
from trialmodel.model.types import compare_dates
from trialmodel.model.vocab import (
    STOPPED_STATUSES,
    DateType,
    OverallStatus,
)
from trialmodel.validation.rules.base import (
    Hit,
)

__all__ = [
    "completed_with_estimated_date",
    "primary_completion_after_completion",
    "registered_after_start",
    "registration_timing_unclear",
    "status_needs_why_stopped",
]


def status_needs_why_stopped(record: TrialRecord) -> Iterator[Hit]:
    """The registry requires a why-stopped text for a stopped study; mirrors often drop it."""
    status = record.status
    if status is not None and status.overall in STOPPED_STATUSES and status.why_stopped is None:
        message = f"status {status.overall} without why_stopped"
        yield Hit(("status", "overall"), message, "add why_stopped as the registry gives it")


def completed_with_estimated_date(record: TrialRecord) -> Iterator[Hit]:
    """A COMPLETED study's completion dates have happened, so they should be ACTUAL."""
    status = record.status
    if status is None or status.overall is not OverallStatus.COMPLETED:
        return
    events: list[tuple[str, DatedEvent | None]] = [
        ("primary_completion", status.primary_completion),
        ("completion", status.completion),
    ]
    for name, event in events:
        if event is not None and event.type is DateType.ESTIMATED:
            message = f"status COMPLETED but {name} date is ESTIMATED"
            yield Hit(("status", name, "type"), message)


def primary_completion_after_completion(record: TrialRecord) -> Iterator[Hit]:
    """Primary completion cannot come after the completion of the whole study."""
    status = record.status
    if status is None or status.primary_completion is None or status.completion is None:
        return
    primary, completion = status.primary_completion.date, status.completion.date
    if compare_dates(primary, completion) == 1:
        message = f"primary completion {primary} is after completion {completion}"
        yield Hit(("status", "primary_completion", "date"), message)


def registered_after_start(record: TrialRecord) -> Iterator[Hit]:
    """The study started before it was first submitted for registration (ICMJE's timing)."""
    registration = registration_timing(record.status)
    if registration is not None and registration.timing is Timing.RETROSPECTIVE:
        hint = "a fact about the trial if the registry gives these dates: acknowledge the warning"
        yield Hit(("status", "start", "date"), registration.describe(), hint)


def registration_timing_unclear(record: TrialRecord) -> Iterator[Hit]:
    """Start and registration dates too imprecise to say if it was registered before it started."""
    registration = registration_timing(record.status)
    if registration is not None and registration.timing is Timing.CANNOT_TELL:
        hint = (
            "a source giving the start's day would tell"
            if registration.basis == "first_submitted"
            else "add status.first_submitted as the registry gives it"
        )
        yield Hit(("status", "start", "date"), registration.describe(), hint)


# --- eligibility and outcomes -----------------------------------------------------------------
