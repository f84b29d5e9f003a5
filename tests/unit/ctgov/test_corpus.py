"""Every real registry record in the test data imports into a record that validates, keeps every
registry field (or skips it for a documented reason), and comes back unchanged through export.

The data is 212 real ClinicalTrials.gov API v2 studies: the eleven sample files of
``tests/data/ctgov/`` (one a page of studies) and the 201 records of ``tests/data/ctgov-corpus/``.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest

from tests.registry_data import studies_in, value_at
from trialmodel.ctgov import ImportedStudy, import_file, import_study
from trialmodel.ctgov.criteria import split_criteria
from trialmodel.ctgov.export import export_json, export_study
from trialmodel.ctgov.skips import SKIPPED
from trialmodel.validation.files import validate_bytes
from trialmodel.writing import yaml_text

DATA = Path(__file__).parents[2] / "data"
FILES = sorted((DATA / "ctgov").glob("NCT*.json")) + sorted(
    (DATA / "ctgov-corpus").glob("NCT*.json")
)


def _id(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


@functools.cache
def _imported(path: Path) -> tuple[ImportedStudy, ...]:
    return tuple(import_file(path))


def _criteria(text: str) -> tuple[list[str], list[str]]:
    criteria = split_criteria(text)
    assert criteria is not None
    return criteria.inclusion, criteria.exclusion


def test_all_212_studies_are_there() -> None:
    """Both folders hold 212 studies in all (the page file counts each of its studies)."""
    assert len(FILES) == 212
    assert sum(len(studies_in(path)) for path in FILES) == 212


@pytest.mark.parametrize("path", FILES, ids=_id)
def test_study_imports_into_a_record_with_no_error(path: Path) -> None:
    """The study imports, and the record written for it validates with no error."""
    for study in _imported(path):
        report = validate_bytes(yaml_text(study.data).encode("utf-8"), f"{study.nct_id}.yaml")
        errors = [(f.code, f.path, f.message) for f in report.findings if f.severity == "error"]
        assert errors == []


@pytest.mark.parametrize("path", FILES, ids=_id)
def test_nothing_is_lost_only_documented_skips(path: Path) -> None:
    """No registry value lacks a place in the record; what is left out is a documented skip."""
    for study in _imported(path):
        assert study.unmapped == {}
        assert set(study.skipped) <= set(SKIPPED)


@pytest.mark.parametrize("path", FILES, ids=_id)
def test_export_gives_back_every_registry_value(path: Path) -> None:
    """Import then export gives every registry value the record holds back at its path."""
    for raw, study in zip(studies_in(path), _imported(path), strict=True):
        exported = json.loads(export_json(study.record))
        for where in sorted(study.mapped):
            original, again = value_at(raw, where), value_at(exported, where)
            kept_whole = "criteria" in study.data.get("eligibility", {})
            if where.endswith(".eligibilityCriteria") and not kept_whole:
                # split into lists and joined again: the same criteria, not the same bytes
                original, again = _criteria(original), _criteria(again)
            assert again == original, where


@pytest.mark.parametrize("path", FILES, ids=_id)
def test_export_then_import_gives_the_same_record(path: Path) -> None:
    """A record exported and imported again is the same record, provenance aside."""
    for study in _imported(path):
        again = import_study(export_study(study.record), study.file)
        assert again.data == study.data | {"provenance": again.data["provenance"]}
