"""Small annotated domain types: identifiers, partial dates, ages, text that may not be blank.

Each pattern type validates in Python with a clear message and a stable code, and exports the same
rule to JSON Schema as a `pattern` that ECMA-262 and Rust regex engines both accept, so the model
and the exported schema give one verdict (the parity tests check this).
"""

from __future__ import annotations

import re
from decimal import Decimal, localcontext
from typing import Annotated, Any, TypeVar

from pydantic import AfterValidator, BeforeValidator, Field, Strict, WithJsonSchema
from pydantic_core import PydanticCustomError

from trialmodel.model.vocab import Vocab

__all__ = [
    "NCT_ID_PATTERN",
    "PARTIAL_DATE_PATTERN",
    "TEXT_PATTERN",
    "TIMESTAMP_PATTERN",
    "Age",
    "FindingCode",
    "Lax",
    "NctId",
    "PartialDate",
    "PositiveWholeNumber",
    "SchemaVersion",
    "Text",
    "Timestamp",
    "WholeNumber",
    "age_in_minutes",
    "compare_dates",
    "date_parts",
    "python_regex",
]

E = TypeVar("E", bound=Vocab)

Lax = Annotated[E, Strict(False)]
"""An enumeration read from its registry spelling (strict mode would demand an Enum instance)."""

NCT_ID_PATTERN = r"^NCT[0-9]{8}$"

_YEAR = r"[12][0-9]{3}"
_MONTH = r"(?:0[1-9]|1[0-2])"
_DAY_OF_MONTH = (
    r"(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
    r"|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
    r"|02-(?:0[1-9]|1[0-9]|2[0-8]))"
)
_LEAP_YEAR = r"(?:[12][0-9](?:0[48]|[2468][048]|[13579][26])|(?:1[26]|2[048])00)"
PARTIAL_DATE_PATTERN = rf"^(?:{_YEAR}(?:-{_MONTH})?|{_YEAR}-{_DAY_OF_MONTH}|{_LEAP_YEAR}-02-29)$"
"""YYYY, YYYY-MM or YYYY-MM-DD, with the day checked against the calendar (leap years included)."""

TIMESTAMP_PATTERN = (
    rf"^(?:{_YEAR}-{_DAY_OF_MONTH}|{_LEAP_YEAR}-02-29)T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]Z$"
)
"""A moment in UTC to the second, as ISO 8601 writes it (2026-12-02T07:30:05Z); the day is checked
against the calendar as in PARTIAL_DATE_PATTERN."""

AGE_PATTERN = r"^[0-9]+ (?:Year|Month|Week|Day|Hour|Minute)s?$"

SCHEMA_VERSION_PATTERN = r"^2\.[0-9]+$"

TEXT_PATTERN = (
    r"[^\x09-\x0d\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]"
)
"""A character that is not white space. Spelled out because `\\S` differs between Python,
ECMA-262 and Rust (\\x1c-\\x1f, \\x85, \\ufeff): this class is the union of their white space, so
every engine gives the same verdict on blank text."""


def _integral(value: object) -> object:
    # JSON Schema's "integer" (every validator, every language) accepts 12.0: take it as 12.
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


# The bound comes before the validator so that it stays a JSON Schema `minimum`.
WholeNumber = Annotated[int, Field(ge=0), BeforeValidator(_integral)]
"""A whole number, 0 or more; a float with no fractional part (12.0) is read as that integer, as
JSON Schema reads it."""
PositiveWholeNumber = Annotated[int, Field(ge=1), BeforeValidator(_integral)]
"""A whole number, 1 or more, read like WholeNumber."""


def python_regex(pattern: str) -> re.Pattern[str]:
    """An exported (ECMA-262) pattern compiled for Python with the same meaning.

    In ECMA-262 and Rust, ``$`` matches only at the very end of the text; in Python it also
    matches before a final line feed, so ``"NCT04544215\\n"`` would pass. ``\\Z`` is Python's
    true end (and is not ECMA-262, so the exported schema keeps ``$``).
    """
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + r"\Z"
    return re.compile(pattern)


class PatternCheck:
    """A string checked against a pattern, failing with a stable code and message.

    A class rather than a closure so that a built record schema can be stored and read back
    (``trialmodel.validation.schema_cache`` pickles it by its three arguments).
    """

    __slots__ = ("code", "compiled", "message", "pattern")

    def __init__(self, pattern: str, code: str, message: str) -> None:
        self.pattern, self.code, self.message = pattern, code, message
        self.compiled = python_regex(pattern)

    def __call__(self, value: str) -> str:
        if self.compiled.search(value) is None:
            raise PydanticCustomError(self.code, self.message, {"value": value})
        return value

    def __reduce__(self) -> tuple[type[PatternCheck], tuple[str, str, str]]:
        return (PatternCheck, (self.pattern, self.code, self.message))


def _checker(pattern: str, code: str, message: str) -> AfterValidator:
    return AfterValidator(PatternCheck(pattern, code, message))


def _json(pattern: str, description: str, *examples: str) -> WithJsonSchema:
    schema: dict[str, Any] = {"type": "string", "pattern": pattern, "description": description}
    if examples:
        schema["examples"] = list(examples)
    if pattern == TEXT_PATTERN:
        schema["minLength"] = 1
    return WithJsonSchema(schema)


NctId = Annotated[
    str,
    _checker(NCT_ID_PATTERN, "nct_id_format", "not an NCT number: expected 'NCT' and 8 digits"),
    _json(NCT_ID_PATTERN, "ClinicalTrials.gov identifier: NCT and 8 digits.", "NCT04544215"),
]
PartialDate = Annotated[
    str,
    _checker(
        PARTIAL_DATE_PATTERN,
        "partial_date",
        "not a date on the calendar in the form YYYY, YYYY-MM or YYYY-MM-DD",
    ),
    _json(
        PARTIAL_DATE_PATTERN,
        "A registry partial date: YYYY, YYYY-MM or YYYY-MM-DD, never widened to a day that no "
        "source gives.",
        "2021-05",
        "2019-11-05",
    ),
]
Timestamp = Annotated[
    str,
    _checker(
        TIMESTAMP_PATTERN,
        "timestamp_format",
        "not a UTC time in the form YYYY-MM-DDTHH:MM:SSZ",
    ),
    _json(
        TIMESTAMP_PATTERN,
        "A moment in UTC to the second (ISO 8601): YYYY-MM-DDTHH:MM:SSZ.",
        "2026-12-02T07:30:05Z",
    ),
]
Age = Annotated[
    str,
    _checker(
        AGE_PATTERN,
        "age_format",
        "not a registry age: expected a whole number and a unit, such as '18 Years' or '6 Months'",
    ),
    _json(
        AGE_PATTERN,
        "An age in the registry's format: a whole number and a unit (Years, Months, Weeks, Days, "
        "Hours, Minutes).",
        "18 Years",
        "6 Months",
    ),
]
SchemaVersion = Annotated[
    str,
    _checker(
        SCHEMA_VERSION_PATTERN,
        "schema_version_format",
        "not a schema version this trialmodel reads: expected '2.<minor>'",
    ),
    _json(
        SCHEMA_VERSION_PATTERN,
        "Version of the record format, MAJOR.MINOR; this schema reads major version 2.",
        "2.0",
    ),
]
Text = Annotated[
    str,
    _checker(TEXT_PATTERN, "blank_string", "must not be empty or only white space"),
    _json(TEXT_PATTERN, "Text that is not empty and not only white space."),
]
FINDING_CODE_PATTERN = r"^[a-z][a-z0-9_]*$"
"""Finding codes are stable snake_case identifiers."""
FindingCode = Annotated[
    str,
    _checker(
        FINDING_CODE_PATTERN,
        "finding_code_format",
        "not a finding code: expected a snake_case identifier such as 'status_needs_why_stopped'",
    ),
    _json(
        FINDING_CODE_PATTERN,
        "A finding code as `trialmodel validate` prints it (`trialmodel rules` lists them).",
        "status_needs_why_stopped",
    ),
]

_AGE_UNIT_MINUTES = {
    "Year": 525960,  # 365.25 days
    "Month": 43830,  # 30.4375 days
    "Week": 10080,
    "Day": 1440,
    "Hour": 60,
    "Minute": 1,
}


def age_in_minutes(age: str) -> Decimal:
    """An age string such as ``'18 Years'`` in minutes (a year is 365.25 days), exactly, for
    comparing two ages; any number of digits (Decimal has no digit limit, nor overflow here).

    Raises ValueError for a string that is not a valid ``Age``.
    """
    match = _AGE_PARTS.fullmatch(age)
    if match is None:
        raise ValueError(f"not a registry age: {age!r}")
    number, unit = match.groups()
    digits = len(number) + 7
    with localcontext(prec=digits, Emax=digits + 1) as context:
        return context.multiply(Decimal(number), Decimal(_AGE_UNIT_MINUTES[unit]))


_AGE_PARTS = re.compile(r"([0-9]+) (Year|Month|Week|Day|Hour|Minute)s?")


PartialDateParts = tuple[int, int | None, int | None]


def date_parts(value: str) -> PartialDateParts:
    """Split a valid partial date into (year, month or None, day or None)."""
    pieces = [int(p) for p in value.split("-")]
    pieces += [0] * (3 - len(pieces))
    return pieces[0], pieces[1] or None, pieces[2] or None


def compare_dates(a: str, b: str) -> int | None:
    """Return -1, 0 or 1 comparing two partial dates, or None where their precision cannot tell.

    ``2021-05`` and ``2021-05-20`` cannot be ordered; ``2021-05`` is before ``2021-06-01``.
    """
    pa, pb = date_parts(a), date_parts(b)
    for x, y in zip(pa, pb, strict=True):
        if x is None or y is None:
            return None
        if x != y:
            return -1 if x < y else 1
    return 0
