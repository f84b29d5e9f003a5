"""Tests for trialmodel.ctgov and its export: registry JSON -> record -> registry JSON."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.registry_data import studies_in, value_at
from trialmodel.ctgov import CtgovError, import_file, import_files, import_report, import_study
from trialmodel.ctgov.criteria import join_criteria, split_criteria
from trialmodel.ctgov.export import export_json, export_study
from trialmodel.loading import load_path
from trialmodel.model.record import TrialRecord
from trialmodel.validation.files import validate_bytes
from trialmodel.writing import record_yaml, yaml_text

CTGOV = Path(__file__).parents[2] / "data" / "ctgov"
FILES = sorted(CTGOV.glob("NCT*.json"))


def _leaves(value: Any) -> int:
    if isinstance(value, dict):
        return sum(_leaves(v) for v in value.values())
    if isinstance(value, list):
        return sum(_leaves(v) for v in value)
    return 0 if value is None else 1


def _lists(text: str) -> tuple[list[str], list[str]] | None:
    criteria = split_criteria(text)
    return None if criteria is None else (criteria.inclusion, criteria.exclusion)


def _study(name: str) -> dict[str, Any]:
    return studies_in(CTGOV / name)[0]


def test_eleven_sample_files_are_there() -> None:
    """The test data holds the eleven registry files the import is proven on."""
    assert len(FILES) == 11


@pytest.mark.parametrize("path", FILES, ids=[f.name for f in FILES])
def test_every_sample_imports_into_a_valid_record(path: Path) -> None:
    """Each sample file imports into records that validate (warnings allowed)."""
    for study in import_file(path):
        report = validate_bytes(yaml_text(study.data).encode("utf-8"), study.nct_id)
        errors = [(f.code, f.path, f.message) for f in report.findings if f.severity == "error"]
        assert errors == []


@pytest.mark.parametrize("path", FILES, ids=[f.name for f in FILES])
def test_every_registry_value_is_mapped_or_reported(path: Path) -> None:
    """Mapped, skipped and unmapped values in the import report account for every registry value."""
    for raw, study in zip(studies_in(path), import_file(path), strict=True):
        left = sum(study.unmapped.values()) + sum(study.skipped.values())
        assert len(study.mapped) + left == _leaves(raw)
        assert study.nct_id == raw["protocolSection"]["identificationModule"]["nctId"]
        if "resultsSection" in raw:
            assert any(p.startswith("resultsSection.") for p in study.skipped)


@pytest.mark.parametrize("path", FILES, ids=[f.name for f in FILES])
def test_imported_data_is_in_model_key_order(path: Path) -> None:
    """The written data has the model's key order at every level (what the record dumps)."""
    for study in import_file(path):
        assert yaml_text(study.data) == record_yaml(study.record)


@pytest.mark.parametrize("path", FILES, ids=[f.name for f in FILES])
def test_export_gives_back_every_mapped_value(path: Path) -> None:
    """Import then export keeps the value of every registry path the import mapped."""
    for raw, study in zip(studies_in(path), import_file(path), strict=True):
        exported = json.loads(export_json(study.record))
        for where in sorted(study.mapped):
            original, again = value_at(raw, where), value_at(exported, where)
            if where.endswith("eligibilityCriteria"):
                original, again = _lists(original), _lists(again)
            assert again == original, where


@pytest.mark.parametrize("path", FILES, ids=[f.name for f in FILES])
def test_import_export_import_is_stable(path: Path) -> None:
    """Importing an exported record gives the same record, provenance aside."""
    for study in import_file(path):
        again = import_study(export_study(study.record), study.file)
        assert again.data == study.data | {"provenance": again.data["provenance"]}


def test_dates_keep_their_precision_and_type() -> None:
    """Registry date structs become DatedEvents with the date as precise as given."""
    raw = _study("NCT00973089.json")["protocolSection"]["statusModule"]
    status = import_study(_study("NCT00973089.json"), "x.json").data["status"]
    assert status["start"] == {"date": raw["startDateStruct"]["date"]}
    assert status["completion"] == raw["completionDateStruct"]
    assert re.fullmatch(r"[0-9]{4}-[0-9]{2}", status["start"]["date"])


def test_provenance_says_imported_from_the_file() -> None:
    """Provenance: IMPORTED, a REGISTRY_API source naming the file, snapshot = last update."""
    raw = _study("NCT06388018.studies-wrapper.json")
    data = import_study(raw, "page.json").data
    last = raw["protocolSection"]["statusModule"]["lastUpdatePostDateStruct"]["date"]
    prov = data["provenance"]
    assert (prov["state"], prov["sources"][0]["kind"]) == ("IMPORTED", "REGISTRY_API")
    assert prov["sources"][0]["name"] == "page.json"
    assert prov["sources"][0]["reflects"]["last_update_posted"] == last
    assert prov["snapshot"] == {"date": last}
    assert all("cell_based" not in i for i in data.get("interventions", []))


def test_arm_intervention_names_lose_the_type_prefix() -> None:
    """'Other: X' in an arm becomes X when intervention X has type OTHER; export restores it."""
    raw = _study("NCT00973089.json")
    record = import_study(raw, "x.json").record
    names = {i.name for i in record.interventions or []}
    listed = [n for arm in record.arms or [] for n in arm.interventions or []]
    assert listed and set(listed) <= names
    exported = export_study(record)["protocolSection"]["armsInterventionsModule"]
    assert exported["armGroups"] == raw["protocolSection"]["armsInterventionsModule"]["armGroups"]


def test_page_of_studies_gives_one_study_each() -> None:
    """A {"studies": [...]} page imports each study, with the file named as given."""
    path = CTGOV / "NCT06388018.studies-wrapper.json"
    studies = import_file(path)
    assert [s.nct_id for s in studies] == [
        s["protocolSection"]["identificationModule"]["nctId"] for s in studies_in(path)
    ]
    assert studies[0].file == str(path)


def _error(study: object) -> CtgovError:
    with pytest.raises(CtgovError) as caught:
        import_study(study, "x.json")
    return caught.value


def test_unknown_enum_value_names_the_registry_path() -> None:
    """A value the vocabulary lacks is an error at its registry path, with a close match."""
    raw = copy.deepcopy(_study("NCT00973089.json"))
    raw["protocolSection"]["statusModule"]["overallStatus"] = "SUSPENDD"
    error = _error(raw)
    assert error.path == "protocolSection.statusModule.overallStatus"
    assert "unknown value 'SUSPENDD'" in error.message and "SUSPENDED" in error.message


@pytest.mark.parametrize(
    ("edit", "path"),
    [
        (
            lambda s: s["protocolSection"].__setitem__("statusModule", []),
            "protocolSection.statusModule",
        ),
        (
            lambda s: s["protocolSection"]["conditionsModule"].__setitem__("conditions", "x"),
            "protocolSection.conditionsModule.conditions",
        ),
        (
            lambda s: s["protocolSection"]["designModule"]["enrollmentInfo"].__setitem__(
                "count", "9"
            ),
            "protocolSection.designModule.enrollmentInfo.count",
        ),
        (
            lambda s: s["protocolSection"]["identificationModule"].pop("nctId"),
            "protocolSection.identificationModule.nctId",
        ),
        (lambda s: s.pop("protocolSection"), "protocolSection"),
        (
            lambda s: s["protocolSection"]["statusModule"]["startDateStruct"].__setitem__(
                "date", "May 2010"
            ),
            "protocolSection.statusModule.startDateStruct.date",
        ),
    ],
    ids=[
        "list-for-object",
        "string-for-list",
        "string-for-count",
        "no-nct-id",
        "no-protocol",
        "date",
    ],
)
def test_wrong_shapes_name_the_registry_path(edit: Any, path: str) -> None:
    """A value of the wrong shape, or a missing key, is an error naming the registry path."""
    raw = copy.deepcopy(_study("NCT00973089.json"))
    edit(raw)
    assert _error(raw).path == path


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not json", "not JSON"),
        (b"[1, 2]", "got a list"),
        (b'{"studies": {}}', "expected a list"),
        (b'{"studies": [[]]}', "expected an object"),
    ],
)
def test_malformed_files_are_clear_errors(tmp_path: Path, content: bytes, message: str) -> None:
    """A file that is not a study or a page is an error naming the file."""
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    studies, errors = import_files([path])
    assert studies == [] and len(errors) == 1
    assert errors[0].file == str(path) and message in errors[0].message


def test_error_in_a_page_names_the_study(tmp_path: Path) -> None:
    """An error in the n-th study of a page is located as studies[n]...."""
    raw = copy.deepcopy(_study("NCT00973089.json"))
    raw["protocolSection"]["designModule"]["phases"] = ["PHASE5"]
    path = tmp_path / "page.json"
    path.write_text(json.dumps({"studies": [_study("NCT06171568.json"), raw]}), encoding="utf-8")
    _, errors = import_files([path])
    assert [e.path for e in errors] == ["studies[1].protocolSection.designModule.phases[0]"]


def test_the_same_study_twice_is_refused(tmp_path: Path) -> None:
    """Two inputs with one NCT id cannot both become its record."""
    _, errors = import_files([CTGOV / "NCT00973089.json", CTGOV / "NCT00973089.json"])
    assert len(errors) == 1 and "NCT00973089 is also in" in errors[0].message


def test_import_report_lists_files_and_counts() -> None:
    """The import report names each file, its studies, the record written and the counts."""
    studies = import_file(CTGOV / "NCT00763412.json")
    report = import_report(studies, {"NCT00763412": "out/NCT00763412.yaml"})
    (entry,) = report["files"]
    (study,) = entry["studies"]
    assert study["record"] == "out/NCT00763412.yaml"
    assert study["skipped_values"] == sum(study["skipped"].values()) > 0
    assert study["mapped_values"] == len(studies[0].mapped)
    assert set(report["skip_reasons"]) == set(study["skipped"])


def test_a_field_with_no_place_is_reported_apart_from_the_skipped() -> None:
    """A registry field the model lacks is a loss (unmapped); a skipped one is not."""
    raw = copy.deepcopy(_study("NCT00763412.json"))
    raw["protocolSection"]["statusModule"]["someNewField"] = {"a": "x", "b": ["y", "z"]}
    study = import_study(raw, "x.json")
    assert study.unmapped == {"protocolSection.statusModule.someNewField": 3}
    assert "resultsSection.adverseEventsModule" in study.skipped
    assert not set(study.unmapped) & set(study.skipped)


def test_skipped_paths_are_found_below_a_part_with_nothing_read() -> None:
    """A browse module with no MeSH terms still counts its tree under the skipped paths."""
    raw = copy.deepcopy(_study("NCT00763412.json"))
    browse = raw["derivedSection"]["conditionBrowseModule"]
    browse.pop("meshes")
    study = import_study(raw, "x.json")
    assert study.unmapped == {}
    assert study.skipped["derivedSection.conditionBrowseModule.browseLeaves"] > 0


CRITERIA = """Inclusion Criteria:

* Adults
* Active disease, defined by

  * score >= 4
  * pain >= 4
* Consent

Exclusion Criteria:

1. Pregnancy
2. Prior treatment:

   1. with drug A
"""


def test_criteria_split_into_items_with_their_sub_items() -> None:
    """Each top-level bullet or numbered item is one criterion; sub-items stay inside."""
    criteria = split_criteria(CRITERIA)
    assert criteria is not None and criteria.unsure == ()
    assert criteria.inclusion == [
        "Adults",
        "Active disease, defined by\n- score >= 4\n- pain >= 4",
        "Consent",
    ]
    assert criteria.exclusion == ["Pregnancy", "Prior treatment:\n1. with drug A"]


def test_joined_criteria_split_back_the_same() -> None:
    """join_criteria writes text that split_criteria reads back into the same lists."""
    criteria = split_criteria(CRITERIA)
    assert criteria is not None
    again = split_criteria(join_criteria(criteria.inclusion, criteria.exclusion))
    assert again is not None
    assert (again.inclusion, again.exclusion) == (criteria.inclusion, criteria.exclusion)


@pytest.mark.parametrize(
    "text",
    ["Adults over 18.", "Inclusion Criteria:\n\nExclusion Criteria:\n", "  Age 18 to 65\n\n"],
    ids=["no-heading", "headings-only", "indented"],
)
def test_criteria_that_cannot_be_split_are_kept_as_given(text: str) -> None:
    """Criteria text that cannot be split is kept whole in criteria, not guessed, not dropped."""
    raw = copy.deepcopy(_study("NCT00973089.json"))
    raw["protocolSection"]["eligibilityModule"]["eligibilityCriteria"] = text
    study = import_study(raw, "x.json")
    eligibility = study.data["eligibility"]
    assert "inclusion" not in eligibility and "exclusion" not in eligibility
    assert eligibility["criteria"] == text
    assert study.unmapped == {}
    exported = export_study(study.record)["protocolSection"]["eligibilityModule"]
    assert exported["eligibilityCriteria"] == text


def test_unusual_criteria_layout_needs_review() -> None:
    """Paragraphs taken as criteria put the eligibility lists on the needs-review list."""
    raw = copy.deepcopy(_study("NCT00973089.json"))
    raw["protocolSection"]["eligibilityModule"]["eligibilityCriteria"] = (
        "Inclusion Criteria:\n\nFor adults:\n\n* over 18\n\nExclusion Criteria:\n\n* pregnancy"
    )
    data = import_study(raw, "x.json").data
    assert data["eligibility"]["inclusion"] == ["For adults:", "over 18"]
    assert data["provenance"]["needs_review"] == ["eligibility.inclusion"]


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            out += _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            out += _paths(child, (*prefix, index))
    return out


SMALL = _study("NCT06171568.json")
SMALL_PATHS = [p for p in _paths(SMALL) if p]


@settings(max_examples=80, deadline=None, derandomize=True)
@given(
    st.sampled_from(SMALL_PATHS or [("x",)]),
    st.sampled_from([None, 0, -1, 1.5, "", "  ", "x", True, [], {}, [None], {"a": 1}]),
)
def test_no_registry_edit_crashes_the_import(path: tuple[Any, ...], value: Any) -> None:
    """Any value at any registry path gives a record or a CtgovError, never another exception."""
    raw = copy.deepcopy(SMALL)
    parent = raw
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = value
    try:
        study = import_study(raw, "x.json")
    except CtgovError as error:
        assert error.message
    else:
        left = sum(study.unmapped.values()) + sum(study.skipped.values())
        assert len(study.mapped) + left == _leaves(raw)
        yaml_text(study.data)
        export_study(study.record)


def test_blank_registry_text_is_reported_not_kept() -> None:
    """A blank keyword is left out of the record and counted in the import report."""
    raw = copy.deepcopy(_study("NCT00973089.json"))
    raw["protocolSection"]["conditionsModule"]["keywords"].append("  ")
    study = import_study(raw, "x.json")
    assert "  " not in study.data["keywords"]
    assert study.unmapped["protocolSection.conditionsModule.keywords[]"] == 1


def test_site_contact_with_a_phone_and_no_name_imports() -> None:
    """A site contact the registry lists by phone alone is kept, and exported back as it was."""
    raw = copy.deepcopy(_study("NCT00973089.json"))
    site = raw["protocolSection"]["contactsLocationsModule"]["locations"][0]
    site["contacts"] = [{"role": "CONTACT", "phone": "+91 9876543210", "phoneExt": "+91"}]
    study = import_study(raw, "x.json")
    assert study.data["locations"][0]["contacts"] == [
        {"role": "CONTACT", "phone": "+91 9876543210", "phone_ext": "+91"}
    ]
    exported = export_study(study.record)["protocolSection"]["contactsLocationsModule"]
    assert exported["locations"][0]["contacts"] == site["contacts"]


REGISTRY_EXTRAS: dict[str, Any] = {
    "protocolSection.identificationModule.orgStudyIdInfo.type": "NIH",
    "protocolSection.identificationModule.orgStudyIdInfo.link": "https://reporter.nih.gov/x",
    "protocolSection.identificationModule.nctIdAliases": ["NCT00000001"],
    "protocolSection.statusModule.lastKnownStatus": "RECRUITING",
    "protocolSection.statusModule.delayedPosting": True,
    "protocolSection.oversightModule.isPpsd": False,
    "protocolSection.oversightModule.fdaaa801Violation": True,
    "protocolSection.designModule.patientRegistry": True,
    "protocolSection.designModule.targetDuration": "12 Months",
    "protocolSection.referencesModule.references": [
        {"pmid": "1", "type": "RESULT", "citation": "A.", "retractions": [{"pmid": "2"}]}
    ],
    "documentSection.largeDocumentModule.noSap": True,
    "annotationSection.annotationModule.unpostedAnnotation": {
        "unpostedResponsibleParty": "A sponsor",
        "unpostedEvents": [{"type": "RESET", "date": "2020-01-02"}, {"type": "RELEASE"}],
    },
    "resultsSection.moreInfoModule.certainAgreement.restrictionType": "LTE60",
}
"""Registry fields the sample files lack, with values of the registry's shapes."""


def _put(data: dict[str, Any], path: str, value: Any) -> None:
    *parents, last = path.split(".")
    for part in parents:
        data = data.setdefault(part, {})
    data[last] = value


def test_registry_fields_absent_from_the_samples_import_and_export() -> None:
    """Fields no sample carries (aliases, unposted events, FDA flags) have a place both ways."""
    raw = copy.deepcopy(_study("NCT00763412.json"))
    for path, value in REGISTRY_EXTRAS.items():
        _put(raw, path, value)
    study = import_study(raw, "x.json")
    assert study.unmapped == {}
    record = study.record
    assert record.identification.nct_id_aliases == ["NCT00000001"]
    assert record.status is not None and record.status.last_known == "RECRUITING"
    assert record.results is not None and record.results.unposted_events is not None
    assert [e.type for e in record.results.unposted_events] == ["RESET", "RELEASE"]
    exported = export_study(record)
    for path, value in REGISTRY_EXTRAS.items():
        assert value_at(exported, path) == value, path


def test_empty_lists_mean_none_and_survive_export() -> None:
    """An empty list ("none") comes back from export and import as an empty list, not absent."""
    raw = copy.deepcopy(_study("NCT00973089.json"))
    ps = raw["protocolSection"]
    ps["outcomesModule"]["secondaryOutcomes"] = []
    ps["conditionsModule"]["keywords"] = []
    ps["identificationModule"]["secondaryIdInfos"] = []
    ps["sponsorCollaboratorsModule"]["collaborators"] = []
    ps["contactsLocationsModule"]["overallOfficials"] = []
    ps["referencesModule"] = {"references": []}
    study = import_study(raw, "x.json")
    data = study.data
    assert data["outcomes"]["secondary"] == [] and data["keywords"] == []
    assert data["identification"]["secondary_ids"] == []
    assert data["sponsors"]["collaborators"] == [] and data["officials"] == []
    assert data["references"] == {"publications": []}
    again = import_study(export_study(study.record), "x.json")
    assert again.data == data | {"provenance": again.data["provenance"]}


def test_a_curated_empty_list_is_exported_as_an_empty_list() -> None:
    """The 2020-08-25 version of NCT03929120 says it has no secondary outcomes ("Not Provided"):
    export says so too."""
    path = Path(__file__).parents[3] / "records" / "history" / "NCT03929120" / "2020-08-25.yaml"
    record = TrialRecord.model_validate(load_path(path).data)
    assert record.outcomes is not None and record.outcomes.secondary == []
    exported = export_study(record)
    assert exported["protocolSection"]["outcomesModule"]["secondaryOutcomes"] == []
    again = import_study(exported, "x.json").record
    assert again.outcomes is not None and again.outcomes.secondary == []


def test_repeated_intervention_names_keep_their_arm_links() -> None:
    """Interventions repeating a type and name import valid, each with its own arms."""
    raw = copy.deepcopy(_study("NCT00973089.json"))
    module = raw["protocolSection"]["armsInterventionsModule"]
    first = module["interventions"][0]
    labels = [arm["label"] for arm in module["armGroups"]]
    module["interventions"].append(
        first | {"description": "another dose", "armGroupLabels": labels}
    )
    study = import_study(raw, "x.json")
    report = validate_bytes(yaml_text(study.data).encode("utf-8"), "x.yaml")
    assert [f.code for f in report.findings if f.severity == "error"] == []
    assert export_study(study.record)["protocolSection"]["armsInterventionsModule"] == module


@pytest.mark.parametrize("name", ["NCT06761586.json", "NCT02682511.json"])
def test_other_outcomes_are_imported_in_order_and_exported_back(name: str) -> None:
    """The registry's otherOutcomes become the record's outcomes.other (measure, time frame and
    description, in the registry's order, apart from primary and secondary), and export back."""
    path = CTGOV.parent / "ctgov-corpus" / name
    given = value_at(studies_in(path)[0], "protocolSection.outcomesModule")
    (study,) = import_file(path)
    outcomes = study.record.outcomes
    assert outcomes is not None and outcomes.other is not None
    assert [(o.measure, o.time_frame) for o in outcomes.other] == [
        (o["measure"], o.get("timeFrame")) for o in given["otherOutcomes"]
    ]
    assert [o.description for o in outcomes.other] == [
        o.get("description") for o in given["otherOutcomes"]
    ]
    assert len(outcomes.primary or []) == len(given["primaryOutcomes"])
    exported = export_study(study.record)["protocolSection"]["outcomesModule"]
    assert exported["otherOutcomes"] == given["otherOutcomes"]


def test_model_errors_are_worded_as_validate_words_them() -> None:
    """An age the model refuses: import names its record path and words it as validate does
    in the written record (one mapping of the model's errors), with what it got."""
    raw = _study("NCT00763412.json")
    raw["protocolSection"]["eligibilityModule"]["minimumAge"] = "eighteen"
    with pytest.raises(CtgovError) as caught:
        import_study(raw, "bad.json")
    (error,) = caught.value.every()
    data = import_study(_study("NCT00763412.json"), "good.json").data
    data["eligibility"]["minimum_age"] = "eighteen"
    report = validate_bytes(yaml_text(data).encode("utf-8"), "NCT00763412.yaml")
    (finding,) = [f for f in report.findings if f.severity == "error"]
    assert (finding.code, finding.path) == ("age_format", "eligibility.minimum_age")
    assert error.message == f"cannot make the record: eligibility.minimum_age: {finding.message}"
    assert finding.message.endswith("(got 'eighteen')")


_PATH = st.text(alphabet="ab.[]0", min_size=0, max_size=8)


@settings(max_examples=300)
@given(
    used=st.sets(_PATH.filter(bool), max_size=8),
    skips=st.frozensets(_PATH.filter(bool), max_size=3),
    asked=st.lists(_PATH, max_size=20),
)
def test_touched_is_read_or_above_a_read_or_skipped_path(
    used: set[str], skips: frozenset[str], asked: list[str]
) -> None:
    """The unmapped-value account's test of a path equals its definition: read, or a prefix of a
    path read or skipped that ends where that path goes on with '.' or '['."""
    from trialmodel.ctgov.accounting import _touched

    above = {p[:i] for p in used | skips for i, c in enumerate(p) if c in ".["}
    touched = _touched(used, skips)
    for path in asked + sorted(used | above):
        assert touched(path) == (path in used or path in above), path
