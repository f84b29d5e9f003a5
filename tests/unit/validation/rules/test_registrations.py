"""Tests for the rules of validation/rules/registrations.py: registration ids, and per-value
provenance naming a path the record holds and a source it lists; exact findings."""

from __future__ import annotations

import pytest

from tests.unit.validation.small import findings_of

NCT_ID = "  nct_id: NCT00000000\n"
SOURCES = "  sources:\n    - name: Example source\n"


def _findings(*edits: tuple[str, str]) -> list[tuple[str, str, str, str | None]]:
    """(code, path, message, hint) of small.yaml after the edits."""
    return [(f.code, f.path, f.message, f.hint) for f in findings_of(*edits)]


def _registrations(rows: str, nct_id: str = NCT_ID) -> tuple[str, str]:
    """The edit giving small.yaml these registrations, and ``nct_id``'s line for its own."""
    return NCT_ID, nct_id + "  registrations:\n" + rows


def test_a_primary_id_of_an_unverified_registry_must_be_a_record_id() -> None:
    """A registry without a verified format still needs a primary id fit to name a record."""
    rows = "    - registry: NTR\n      id: NTR 1234\n      primary: true\n"
    assert _findings(_registrations(rows)) == [
        (
            "registration_id_format",
            "identification.registrations[0].id",
            "'NTR 1234' cannot be a record id: letters, digits, '.', '-' and '/' only, "
            "starting with a letter or digit, at most 64 characters",
            None,
        )
    ]


def test_a_ctgov_registration_in_a_record_without_nct_id() -> None:
    """A CTGOV registration where the record has no nct_id says the record has none."""
    rows = (
        "    - registry: NTR\n      id: NL1234\n      primary: true\n"
        "    - registry: CTGOV\n      id: NCT01234567\n"
    )
    findings = _findings(_registrations(rows, nct_id=""))
    assert [f for f in findings if f[0] == "registration_nct_id_mismatch"] == [
        (
            "registration_nct_id_mismatch",
            "identification.registrations[1].id",
            "a ClinicalTrials.gov registration of NCT01234567, but the record has no nct_id",
            "the NCT id goes in nct_id, and a CTGOV registration repeats it",
        )
    ]


def _values(*rows: tuple[str, str]) -> tuple[str, str]:
    """The edit giving small.yaml per-value provenance entries of (path, source)."""
    entries = "".join(f"    - path: {path}\n      source: {source}\n" for path, source in rows)
    return SOURCES, SOURCES + "  values:\n" + entries


def test_a_value_source_naming_no_close_source_hints_where_sources_are() -> None:
    """A source nothing like the record's is reported with the general hint."""
    assert _findings(_values(("status.overall", "Zzz"))) == [
        (
            "value_source_unknown_source",
            "provenance.values[0].source",
            "'Zzz' is not one of the record's sources",
            "name a source of provenance.sources",
        )
    ]


@pytest.mark.parametrize(
    ("path", "message", "hint"),
    [
        ("arms/0", "'arms/0' is not a record path (keys joined by '.', list items as [0])", None),
        ("arms[2].label", "'arms[2].label' is not in the record", None),
        ("status.why_stopped", "'status.why_stopped' is not in the record", None),
        ("status.overall.x", "'status.overall.x' is not in the record", None),
        (
            "status.star.overall",
            "'status.star.overall' is not in the record",
            "did you mean 'status.start'?",
        ),
    ],
)
def test_a_value_source_path_after_one_held(path: str, message: str, hint: str | None) -> None:
    """An entry after one the record holds is checked, and a path it lacks reported exactly."""
    assert _findings(_values(("status.overall", "Example source"), (path, "Example source"))) == [
        ("value_source_path_unknown", "provenance.values[1].path", message, hint)
    ]
