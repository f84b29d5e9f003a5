"""Registration timing as the ICMJE and the literature judge it, on the registry's own records."""

from __future__ import annotations

from pathlib import Path

import pytest

from trialmodel.ctgov import import_file
from trialmodel.model.record import Status
from trialmodel.model.registration import Timing, registration_timing
from trialmodel.validation.rules import check_record

CTGOV = Path(__file__).parents[1] / "data" / "ctgov"


@pytest.mark.parametrize(
    ("study", "timing", "codes"),
    [
        # started 2014-08-05, submitted the same day, posted 2014-08-07: prospective
        ("NCT02210780", Timing.PROSPECTIVE, set()),
        # started 2015-09 (month only), submitted 2015-09-15: no order at that precision
        ("NCT02552212", Timing.CANNOT_TELL, {"registration_timing_unclear"}),
    ],
)
def test_real_registry_records(study: str, timing: Timing, codes: set[str]) -> None:
    """The issue's two registry records: judged against first submitted, not first posted."""
    (imported,) = import_file(CTGOV / f"{study}.json")
    registration = registration_timing(imported.record.status)
    assert registration is not None
    assert (registration.timing, registration.basis) == (timing, "first_submitted")
    found = {rule.code for rule, _ in check_record(imported.record)}
    assert found & {"registered_after_start", "registration_timing_unclear"} == codes


def _status(start: str, submitted: str | None, posted: str | None) -> Status:
    data: dict[str, object] = {"overall": "RECRUITING", "start": {"date": start}}
    if submitted is not None:
        data["first_submitted"] = submitted
    if posted is not None:
        data["first_posted"] = {"date": posted}
    return Status.model_validate(data)


@pytest.mark.parametrize(
    ("start", "submitted", "posted", "timing"),
    [
        ("2014-08-04", "2014-08-05", None, Timing.RETROSPECTIVE),
        ("2014-08-05", "2014-08-05", "2014-08-07", Timing.PROSPECTIVE),
        ("2014-08-06", "2014-08-05", None, Timing.PROSPECTIVE),
        ("2014-07", "2014-08-05", None, Timing.RETROSPECTIVE),
        ("2014-08", "2014-08-05", None, Timing.CANNOT_TELL),
        ("2014", "2014-08-05", None, Timing.CANNOT_TELL),
        ("2014-08-10", None, "2014-08-07", Timing.PROSPECTIVE),
        ("2014-08-06", None, "2014-08-07", Timing.CANNOT_TELL),
    ],
)
def test_timing_by_precision(
    start: str, submitted: str | None, posted: str | None, timing: Timing
) -> None:
    """Partial dates are ordered as far as their precision allows, and no further."""
    registration = registration_timing(_status(start, submitted, posted))
    assert registration is not None and registration.timing is timing


def test_no_answer_without_the_dates() -> None:
    """No start, or no registration date at all: no answer, rather than a guess."""
    assert registration_timing(Status.model_validate({"overall": "RECRUITING"})) is None
    assert registration_timing(_status("2014-08-05", None, None)) is None
