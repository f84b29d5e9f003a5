"""Rules about a trial's registrations and about which source gave which value.

A registration's id is checked against its registry's format where one is verified
(`REGISTRY_ID_PATTERNS`); one registration at most is primary; a ClinicalTrials.gov registration
names the record's NCT id. Per-value provenance names a path that is in the record and a source
that the record lists.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel

from trialmodel.loading.core import format_path, parse_path
from trialmodel.model.identifiers import TRIAL_ID_PATTERN
from trialmodel.model.record import TrialRecord
from trialmodel.model.types import python_regex
from trialmodel.model.vocab import REGISTRY_ID_PATTERNS, TrialRegistry
from trialmodel.validation.rules.base import Hit, did_you_mean

__all__ = [
    "registration_id_format",
    "registration_nct_id_mismatch",
    "registration_primary_twice",
    "value_source_path_unknown",
    "value_source_unknown_source",
]

_PATTERNS = {r: (python_regex(p), words) for r, (p, words) in REGISTRY_ID_PATTERNS.items()}
_TRIAL_ID = python_regex(TRIAL_ID_PATTERN)


def registration_id_format(record: TrialRecord) -> Iterator[Hit]:
    """A registration's id does not match its registry's verified format, or cannot be a record id.

    A registry without a verified format (`REGISTRY_ID_PATTERNS`) is not checked; a primary
    registration's id must still be a record id and file name (`TRIAL_ID_PATTERN`)."""
    for index, reg in enumerate(record.identification.registrations or []):
        path = ("identification", "registrations", index, "id")
        known = _PATTERNS.get(TrialRegistry(reg.registry))
        if known is not None and known[0].search(reg.id) is None:
            yield Hit(path, f"'{reg.id}' is not a {reg.registry} id: expected {known[1]}")
        elif reg.primary and _TRIAL_ID.search(reg.id) is None:
            yield Hit(
                path,
                f"'{reg.id}' cannot be a record id: letters, digits, '.', '-' and '/' only, "
                "starting with a letter or digit, at most 64 characters",
            )


def registration_primary_twice(record: TrialRecord) -> Iterator[Hit]:
    """More than one registration is marked primary (WHO item 1 names one primary registry)."""
    primaries = [i for i, r in enumerate(record.identification.registrations or []) if r.primary]
    for index in primaries[1:]:
        first = record.identification.registrations[primaries[0]].id  # type: ignore[index]
        yield Hit(
            ("identification", "registrations", index, "primary"),
            f"a second primary registration: registrations[{primaries[0]}] ({first}) is primary",
            "mark only the registration of the trial's primary registry primary",
        )


def registration_nct_id_mismatch(record: TrialRecord) -> Iterator[Hit]:
    """A ClinicalTrials.gov registration whose id is not the record's nct_id (or no nct_id)."""
    ident = record.identification
    for index, reg in enumerate(ident.registrations or []):
        if reg.registry is TrialRegistry.CTGOV and reg.id != ident.nct_id:
            said = f"nct_id is {ident.nct_id}" if ident.nct_id else "the record has no nct_id"
            yield Hit(
                ("identification", "registrations", index, "id"),
                f"a ClinicalTrials.gov registration of {reg.id}, but {said}",
                "the NCT id goes in nct_id, and a CTGOV registration repeats it",
            )


def value_source_unknown_source(record: TrialRecord) -> Iterator[Hit]:
    """A per-value provenance entry names a source that provenance.sources does not list."""
    names = [s.name for s in record.provenance.sources]
    for index, value in enumerate(record.provenance.values or []):
        if value.source not in names:
            yield Hit(
                ("provenance", "values", index, "source"),
                f"'{value.source}' is not one of the record's sources",
                did_you_mean(value.source, names) or "name a source of provenance.sources",
            )


def value_source_path_unknown(record: TrialRecord) -> Iterator[Hit]:
    """A per-value provenance entry names a record path that the record does not hold."""
    for index, value in enumerate(record.provenance.values or []):
        parts = parse_path(value.path)
        hint = None
        if parts is None:
            problem = "is not a record path (keys joined by '.', list items as [0])"
        else:
            held, hint = _held(record, parts)
            if held:
                continue
            problem = "is not in the record"
        yield Hit(("provenance", "values", index, "path"), f"'{value.path}' {problem}", hint)


def _held(record: TrialRecord, parts: tuple[str | int, ...]) -> tuple[bool, str | None]:
    """Whether the record has a value at the path (an absent field is not one), and if not, a
    hint: the closest field name where the path leaves the record."""
    node: object = record
    for depth, part in enumerate(parts):
        if isinstance(part, int):
            node = node[part] if isinstance(node, list) and part < len(node) else None
        elif isinstance(node, BaseModel) and part in type(node).model_fields:
            node = getattr(node, part)
        else:
            fields = type(node).model_fields if isinstance(node, BaseModel) else {}
            names = [format_path((*parts[:depth], name)) for name in fields]
            return False, did_you_mean(format_path(parts[: depth + 1]), names)
        if node is None:
            return False, None
    return True, None
