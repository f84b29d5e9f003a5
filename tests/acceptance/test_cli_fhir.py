"""Tests for `trialmodel export fhir`: R5 Bundles checked with fhir.resources, and the mapping."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fhir.resources import get_fhir_model_class

from tests.acceptance.conftest import RECORDS
from trialmodel.cli import main
from trialmodel.outputs.fhir import codes
from trialmodel.outputs.fhir.coverage import COVERAGE, placement, record_fields


def _run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def _validated(path: Path) -> dict[str, Any]:
    """A Bundle file parsed by fhir.resources' R5 models, whole and entry by entry."""
    text = path.read_text(encoding="utf-8")
    bundle = get_fhir_model_class("Bundle").model_validate_json(text)
    assert bundle.get_resource_type() == "Bundle" and bundle.type == "collection"
    data: dict[str, Any] = json.loads(text)
    for entry in data["entry"]:
        resource = entry["resource"]
        get_fhir_model_class(resource["resourceType"]).model_validate(resource)
        assert entry["fullUrl"].startswith("urn:uuid:")
    return data


@pytest.fixture(scope="module")
def bundles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Bundles of records/."""
    out = tmp_path_factory.mktemp("fhir")
    assert main(["export", "fhir", str(RECORDS), "--out", str(out)]) == 0
    return out


def _study(data: dict[str, Any]) -> dict[str, Any]:
    first: dict[str, Any] = data["entry"][0]["resource"]
    assert first["resourceType"] == "ResearchStudy"
    return first


def test_every_record_is_a_valid_r5_bundle(bundles: Path) -> None:
    """One Bundle per record, each valid under fhir.resources' R5 models, ids matching."""
    files = sorted(bundles.glob("*.json"))
    assert [f.stem for f in files] == sorted(p.stem for p in RECORDS.glob("*.yaml"))
    for file in files:
        study = _study(_validated(file))
        assert study["id"] == file.stem
        assert study["identifier"][0] == {
            "use": "official",
            "system": codes.NCT_SYSTEM,
            "value": file.stem,
        }


def test_status_history_enrollment_and_product(bundles: Path) -> None:
    """NCT03929120: RECRUITING then COMPLETED from its two versions; actual enrollment 10; its
    cell product a BiologicallyDerivedProduct that the focus points at; its site a Location."""
    data = _validated(bundles / "NCT03929120.json")
    study, by_url = _study(data), {e["fullUrl"]: e["resource"] for e in data["entry"]}
    states = [p["state"]["coding"][0]["code"] for p in study["progressStatus"]]
    assert states == ["recruiting", "completed", "overall-study"]
    assert study["progressStatus"][0]["period"] == {"start": "2020-08-25", "end": "2022-04-20"}
    assert study["recruitment"] == {"actualNumber": 10}
    assert study["period"] == {"start": "2019-11-05", "end": "2022-02-17"}
    [focus] = study["focus"]
    [link] = focus["reference"]["extension"]
    assert link["url"] == codes.ALTERNATE_REFERENCE
    product = by_url[link["valueReference"]["reference"]]
    assert product["resourceType"] == "BiologicallyDerivedProduct"
    assert product["productCode"] == {"text": "BMD-MSCs"}
    assert product["productCategory"] == {"system": codes.PRODUCT_CATEGORY_SYSTEM, "code": "cells"}
    properties = {p["type"]["text"]: p["valueCodeableConcept"]["text"] for p in product["property"]}
    assert properties["donor relation"] == "ALLOGENEIC"
    [site] = study["site"]
    assert by_url[site["reference"]]["address"]["city"] == "Jacksonville"
    assert [m["name"] for m in study["outcomeMeasure"]] == ["Adverse Events"]
    assert study["outcomeMeasure"][0]["description"].endswith("\n\nTime frame: 6 months")


def test_phases_arms_and_parties_are_coded(bundles: Path) -> None:
    """PHASE1 with PHASE2 is phase-1-phase-2; arms are comparison groups; the lead a party."""
    study = _study(_validated(bundles / "NCT02594839.json"))
    assert study["phase"]["coding"][0]["code"] == "phase-1-phase-2"
    assert study["phase"]["text"] == "PHASE1, PHASE2"
    assert [g["name"] for g in study["comparisonGroup"]] == ["MSCs", "placebo"]
    experimental = _study(_validated(bundles / "NCT03929120.json"))["comparisonGroup"][0]
    assert experimental["type"]["coding"][0]["code"] == "experimental"
    roles = [p["role"]["coding"][0]["code"] for p in study["associatedParty"]]
    assert roles[0] == "lead-sponsor"


def test_the_imported_corpus_exports_valid_bundles(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, corpus_records: Path
) -> None:
    """Every record imported from the registry corpus is a valid R5 Bundle with all its sites,
    and the export is reproducible byte for byte."""
    from trialmodel.changes.versions import read_version

    code, out, err = _run(capsys, "export", "fhir", corpus_records, "--out", tmp_path / "a")
    records = sorted(corpus_records.glob("*.yaml"))
    assert (code, err) == (0, "") and f"for {len(records)} trials" in out
    for record in records:
        data = _validated(tmp_path / "a" / f"{record.stem}.json")
        locations = read_version(record).record.locations or []
        assert len(_study(data).get("site", [])) == len(locations)
    assert _run(capsys, "export", "fhir", corpus_records, "--out", tmp_path / "b")[0] == 0
    for file in (tmp_path / "a").iterdir():
        assert file.read_bytes() == (tmp_path / "b" / file.name).read_bytes()


def test_every_record_field_has_a_place_or_a_reason() -> None:
    """Each field of the model is covered by the FHIR mapping, held or not with a reason; every
    mapping entry names fields that exist."""
    fields = list(record_fields())
    assert [f for f in fields if placement(f) is None] == []
    used = {entry[0] for f in fields if (entry := placement(f)) is not None}
    assert [prefix for prefix, _, _ in COVERAGE if prefix not in used] == []
    for prefix, where, why in COVERAGE:
        assert (where is None) == bool(why), prefix


def test_existing_files_are_kept_and_usage_errors_are_clear(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A Bundle file that exists is kept without --force; fhir needs --out; ctgov takes one file."""
    (tmp_path / "NCT03929120.json").write_text("mine", encoding="utf-8")
    code, _, err = _run(capsys, "export", "fhir", RECORDS, "--out", tmp_path)
    assert code == 2 and "NCT03929120.json exists" in err
    assert [p.name for p in tmp_path.iterdir()] == ["NCT03929120.json"]
    with pytest.raises(SystemExit) as usage:
        main(["export", "fhir", str(RECORDS)])
    assert usage.value.code == 2 and "export fhir needs --out DIR" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:
        main(
            [
                "export",
                "ctgov",
                str(RECORDS / "NCT03929120.yaml"),
                str(RECORDS / "NCT02594839.yaml"),
            ]
        )
    assert usage.value.code == 2 and "takes one record file" in capsys.readouterr().err


def test_the_documented_sample_is_what_the_export_writes(bundles: Path) -> None:
    """docs/fhir.md's sample of NCT03929120 equals the exported ResearchStudy's fields."""
    doc = (RECORDS.parent / "docs" / "fhir.md").read_text(encoding="utf-8")
    sample = doc[doc.index("```json\n") + len("```json\n") :]
    sample = sample[: sample.index("```")].rstrip().rstrip(",")
    shown = json.loads("{" + sample + "}")
    study = _study(_validated(bundles / "NCT03929120.json"))
    assert shown == {key: study[key] for key in shown}
    assert set(shown) == {"progressStatus", "recruitment"}


def test_product_details_are_properties_of_a_valid_bundle(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A product's characterisation, manufacturing, donor and CAR are BiologicallyDerivedProduct
    properties, one per value, typed by path and valued by kind, in a valid R5 Bundle."""
    example = RECORDS.parent / "tests" / "examples" / "valid" / "product-2.0.yaml"
    assert _run(capsys, "export", "fhir", example, "--out", tmp_path)[0] == 0
    data = _validated(tmp_path / "NCT00000000.json")
    products = [e["resource"] for e in data["entry"][1:4]]
    assert [p["resourceType"] for p in products] == ["BiologicallyDerivedProduct"] * 3
    msc = {p["type"]["text"]: p for p in products[0]["property"]}
    assert msc["manufacturing.passage.value"]["valueInteger"] == 3
    assert msc["manufacturing.gmp"]["valueBoolean"] is True
    assert msc["characterisation.markers[0].percent_positive"]["valueQuantity"] == {"value": 99.1}
    assert msc["characterisation.markers[3].marker"]["valueCodeableConcept"] == {"text": "HLA_DR"}
    assert msc["donor.screening[0]"]["valueString"] == "HIV, HBV, HCV and syphilis negative"
    assert msc["inn"]["valueString"] == "examplestemcel-L"
    assert msc["donor relation"]["valueCodeableConcept"] == {"text": "ALLOGENEIC"}
    assert "donor.relation" not in msc
    assert msc["cell type"]["valueCodeableConcept"] == {
        "coding": [{"system": "http://purl.obolibrary.org/obo/cl.owl", "code": "CL:0000134"}],
        "text": "MESENCHYMAL_STEM_STROMAL_CELL",
    }
    vesicle_source = {p["type"]["text"]: p for p in products[1]["property"]}["tissue source"]
    assert vesicle_source["valueCodeableConcept"] == {
        "coding": [
            {"system": "http://purl.obolibrary.org/obo/uberon.owl", "code": "UBERON:0002331"}
        ],
        "text": "UMBILICAL_CORD",
    }
    vesicles = {p["type"]["text"] for p in products[1]["property"]}
    assert "vesicles.quantification[1].measures" in vesicles
    car = {p["type"]["text"]: p for p in products[2]["property"]}
    assert car["car.costimulatory_domains[0]"]["valueCodeableConcept"] == {"text": "CD137"}
    assert car["donor.harvest.to_infusion"]["valueQuantity"] == {
        "value": 3.0,
        "unit": "WEEK",
    }
