"""Rules about who may take part."""

from __future__ import annotations

from collections.abc import Iterator

from trialmodel.model.record import TrialRecord
from trialmodel.model.types import age_in_minutes
from trialmodel.validation.rules.base import (
    Hit,
)

__all__ = ["age_range_inverted"]


def age_range_inverted(record: TrialRecord) -> Iterator[Hit]:
    """The minimum age of eligibility is above the maximum age."""
    eligibility = record.eligibility
    if eligibility is None or not eligibility.minimum_age or not eligibility.maximum_age:
        return
    low, high = eligibility.minimum_age, eligibility.maximum_age
    if age_in_minutes(low) > age_in_minutes(high):
        message = f"minimum age '{low}' is above maximum age '{high}'"
        yield Hit(("eligibility", "minimum_age"), message)
