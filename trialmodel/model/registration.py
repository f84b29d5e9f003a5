"""Whether a trial was registered before it started: the ICMJE question, asked of one record.

The ICMJE requires registration "at or before the time of first patient enrollment"; studies of
registration timing compare the start date with the date the record was first submitted to the
registry (ClinicalTrials.gov's *first submitted*), not the date it was first posted, which can be
days or weeks later. Partial dates are compared as far as their precision allows: a start of
``2015-09`` against a submission on ``2015-09-15`` cannot be ordered, and that is said, not hidden.
"""

from dataclasses import dataclass
from enum import StrEnum

from trialmodel.model.record import Status
from trialmodel.model.types import compare_dates

__all__ = ["Timing", "registration_timing"]


class Timing(StrEnum):
    """When the trial was registered relative to its start."""

    PROSPECTIVE = "prospective"
    """Submitted for registration on or before the start date."""
    RETROSPECTIVE = "retrospective"
    """Started before it was submitted for registration."""
    CANNOT_TELL = "cannot_tell"
    """The dates' precision (or a missing submission date) does not allow an order."""


@dataclass(frozen=True, slots=True)
class Registration:
    """A record's registration timing and the two dates it rests on."""

    timing: Timing
    start: str
    registered: str
    """The date compared with the start: first submitted, else first posted."""
    basis: str
    """``first_submitted`` or ``first_posted``."""

    def describe(self) -> str:
        """The comparison in words, for messages."""
        basis = self.basis.replace("_", " ")
        if self.timing is Timing.RETROSPECTIVE:
            return (
                f"start {self.start} is before {basis} {self.registered}: "
                "registered retrospectively"
            )
        if self.timing is Timing.PROSPECTIVE:
            return (
                f"start {self.start} is not before {basis} {self.registered}: "
                "registered prospectively"
            )
        if self.basis == "first_posted":
            return (
                f"start {self.start} is before first posted {self.registered}, and no first "
                "submitted date says whether it was registered before it started: cannot tell"
            )
        return (
            f"start {self.start} and {basis} {self.registered} cannot be ordered at their "
            "precision: cannot tell whether it was registered before it started"
        )


def registration_timing(status: Status | None) -> Registration | None:
    """The record's registration timing, or None without a start date or registration date."""
    if status is None or status.start is None:
        return None
    start = status.start.date
    if status.first_submitted is not None:
        order = compare_dates(start, status.first_submitted)
        timing = {None: Timing.CANNOT_TELL, -1: Timing.RETROSPECTIVE}.get(order, Timing.PROSPECTIVE)
        return Registration(timing, start, status.first_submitted, "first_submitted")
    if status.first_posted is not None:
        # Submission precedes posting: a start on or after the posting date is prospective; an
        # earlier start may or may not precede the (unknown) submission.
        order = compare_dates(start, status.first_posted.date)
        timing = Timing.PROSPECTIVE if order in (0, 1) else Timing.CANNOT_TELL
        return Registration(timing, start, status.first_posted.date, "first_posted")
    return None
