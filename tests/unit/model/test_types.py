"""Tests for the small domain types: NCT ids, partial dates, ages, non-blank text."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ConfigDict, ValidationError

from trialmodel.model.types import (
    PARTIAL_DATE_PATTERN,
    TIMESTAMP_PATTERN,
    Age,
    NctId,
    PartialDate,
    Text,
    Timestamp,
    age_in_minutes,
    compare_dates,
    date_parts,
)


class _Probe(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")
    nct: NctId | None = None
    date: PartialDate | None = None
    age: Age | None = None
    text: Text | None = None
    at: Timestamp | None = None


def _codes(**fields: object) -> list[str]:
    try:
        _Probe.model_validate(fields)
    except ValidationError as exc:
        return [str(e["type"]) for e in exc.errors()]
    return []


@pytest.mark.parametrize("value", ["NCT04544215", "NCT00000000"])
def test_nct_id_accepts_registry_ids(value: str) -> None:
    """An NCT id is 'NCT' and exactly eight digits."""
    assert _codes(nct=value) == []


@pytest.mark.parametrize("value", ["NCT0454421", "nct04544215", "NCT045442150", " NCT04544215"])
def test_nct_id_rejects_near_misses(value: str) -> None:
    """Near misses of an NCT id get the stable code nct_id_format."""
    assert _codes(nct=value) == ["nct_id_format"]


@pytest.mark.parametrize("value", ["2021", "2021-05", "2021-05-31", "2024-02-29", "2000-02-29"])
def test_partial_date_accepts_each_precision(value: str) -> None:
    """Year, year-month and full calendar dates are all accepted as written."""
    assert _codes(date=value) == []


@pytest.mark.parametrize(
    "value",
    ["2021-02-30", "2023-02-29", "1900-02-29", "2021-13", "2021-5", "2021-04-31", "May 2021"],
)
def test_partial_date_rejects_impossible_or_misformatted(value: str) -> None:
    """Impossible calendar days and other spellings get the code partial_date."""
    assert _codes(date=value) == ["partial_date"]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(2999, 12, 31)))
def test_partial_date_pattern_accepts_every_calendar_day(day: dt.date) -> None:
    """Every real calendar day from 1000 to 2999 matches the exported pattern."""
    assert re.search(PARTIAL_DATE_PATTERN, day.isoformat())


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.integers(1000, 2999), st.integers(1, 12), st.integers(1, 31))
def test_partial_date_pattern_agrees_with_the_calendar(year: int, month: int, day: int) -> None:
    """The pattern accepts a YYYY-MM-DD string exactly when the calendar has that day."""
    text = f"{year:04d}-{month:02d}-{day:02d}"
    try:
        dt.date(year, month, day)
        real = True
    except ValueError:
        real = False
    assert bool(re.search(PARTIAL_DATE_PATTERN, text)) is real


@pytest.mark.parametrize(
    ("value", "ok"), [("18 Years", True), ("6 Months", True), ("1 Year", True), ("18", False)]
)
def test_age_format(value: str, ok: bool) -> None:
    """Ages use the registry's 'N Unit' form."""
    assert (_codes(age=value) == []) is ok


@pytest.mark.parametrize("value", ["", " ", "\t\n"])
def test_text_rejects_blank(value: str) -> None:
    """Required text may not be empty or only white space."""
    assert _codes(text=value) == ["blank_string"]


def test_age_in_minutes_orders_units() -> None:
    """Ages in different units compare in the right order."""
    assert age_in_minutes("11 Months") < age_in_minutes("1 Year") < age_in_minutes("13 Months")


def test_date_parts_and_compare() -> None:
    """Partial dates compare only as far as both are precise."""
    assert date_parts("2021-05") == (2021, 5, None)
    assert compare_dates("2021-05", "2021-06-01") == -1
    assert compare_dates("2021-05", "2021-05-20") is None
    assert compare_dates("2022-02-17", "2022-02-17") == 0
    assert compare_dates("2023", "2022-12-31") == 1


def test_partial_date_pattern_agrees_with_the_calendar_at_every_month_end() -> None:
    """For every year 1000-2999 and month, days 28-31 match exactly when the calendar has them."""
    compiled = re.compile(PARTIAL_DATE_PATTERN)
    disagreements = []
    for year in range(1000, 3000):
        for month in range(1, 13):
            for day in (28, 29, 30, 31):
                try:
                    dt.date(year, month, day)
                    real = True
                except ValueError:
                    real = False
                text = f"{year:04d}-{month:02d}-{day:02d}"
                if bool(compiled.search(text)) is not real:
                    disagreements.append(text)
    assert disagreements == []


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("2026-12-02T07:30:05Z", True),
        ("2024-02-29T23:59:59Z", True),
        ("2023-02-29T00:00:00Z", False),
        ("2026-12-02T24:00:00Z", False),
        ("2026-12-02T07:30:05", False),
        ("2026-12-02T07:30:05+01:00", False),
        ("2026-12-02 07:30:05Z", False),
    ],
)
def test_timestamp_is_utc_to_the_second_on_the_calendar(value: str, ok: bool) -> None:
    """A retrieval time is a real UTC moment written YYYY-MM-DDTHH:MM:SSZ, nothing else."""
    assert bool(re.search(TIMESTAMP_PATTERN, value)) is ok
    assert _codes(at=value) == ([] if ok else ["timestamp_format"])
