"""A trial registered only outside ClinicalTrials.gov as a record: named by its primary
registration's id in records/ and records/history/, and keyed by it in every output."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from trialmodel.cli import main

EXAMPLES = Path(__file__).parents[1] / "examples" / "valid"
CHICTR = "ChiCTR0000000000"
CTRI = "CTRI/2000/01/000000"
CTRI_FILE = "CTRI-2000-01-000000"


def _run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def _chictr_text(**replace: str) -> str:
    text = (EXAMPLES / "registrations.yaml").read_text(encoding="utf-8")
    for old, new in replace.items():
        text = text.replace(old, new)
    return text


def _records(tmp_path: Path) -> Path:
    """records/ChiCTR0000000000.yaml and an earlier version in records/history/ChiCTR…/."""
    records = tmp_path / "records"
    (records / "history" / CHICTR).mkdir(parents=True)
    (records / f"{CHICTR}.yaml").write_text(_chictr_text(), encoding="utf-8")
    earlier = _chictr_text(**{"overall: RECRUITING": "overall: NOT_YET_RECRUITING"})
    earlier = earlier.replace('  start:\n    date: "2020-04"\n    type: ACTUAL\n', "")
    earlier += '  snapshot:\n    date: "2020-03-02"\n'
    (records / "history" / CHICTR / "2020-03-02.yaml").write_text(earlier, encoding="utf-8")
    return records


def test_a_chictr_record_in_records_validates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """records/ChiCTR0000000000.yaml, registered in ChiCTR only, and its history validate."""
    records = _records(tmp_path)
    code, out, _ = _run(capsys, "validate", records)
    assert (code, out) == (0, "2 records valid\n")


def test_a_record_named_otherwise_is_an_error_at_its_id(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """records/NCT00000000.yaml holding the ChiCTR record is record_file_name, at the id."""
    records = tmp_path / "records"
    records.mkdir()
    wrong = records / "NCT00000000.yaml"
    wrong.write_text(_chictr_text(), encoding="utf-8")
    code, out, _ = _run(capsys, "validate", "--format", "json", wrong)
    assert code == 1
    (finding,) = json.loads(out)["files"][0]["findings"]
    assert (finding["code"], finding["path"], finding["line"]) == (
        "record_file_name",
        "identification.registrations[0].id",
        9,
    )
    assert finding["message"] == (
        f"the record of {CHICTR} is named 'NCT00000000': a record in records/ is named by its id"
    )
    assert finding["hint"] == f"rename the file records/{CHICTR}.yaml, or correct the id"


def test_a_history_folder_named_otherwise_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A version under records/history/<another id>/ is record_file_name too."""
    records = _records(tmp_path)
    (records / "history" / CHICTR).rename(records / "history" / "ChiCTR0000000001")
    code, out, _ = _run(capsys, "validate", "--format", "json", records)
    assert code == 1
    codes = [f["code"] for file in json.loads(out)["files"] for f in file["findings"]]
    assert codes == ["record_file_name"]


def test_an_id_with_a_slash_names_its_file_with_a_dash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A CTRI-primary record is records/CTRI-2000-01-000000.yaml; `history CTRI/…` finds it."""
    records = tmp_path / "records"
    records.mkdir()
    text = _chictr_text(
        **{
            "registry: CHICTR": "registry: CTRI",
            f"id: {CHICTR}\n      primary": f"id: {CTRI}\n      primary",
        }
    )
    (records / f"{CTRI_FILE}.yaml").write_text(text, encoding="utf-8")
    assert _run(capsys, "validate", records)[:2] == (0, "1 record valid\n")
    code, out, _ = _run(capsys, "history", CTRI, "--records", records, "--format", "json")
    assert code == 0
    assert [t["trial_id"] for t in json.loads(out)["trials"]] == [CTRI]


def test_history_of_a_chictr_record(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`history ChiCTR…` reads records/history/ChiCTR…/ and reports the status change."""
    records = _records(tmp_path)
    code, out, _ = _run(capsys, "history", CHICTR, "--records", records, "--format", "json")
    assert code == 0
    trials = json.loads(out)["trials"]
    assert [(t["trial_id"], t["nct_id"], t["status"]) for t in trials] == [
        (CHICTR, CHICTR, "added"),
        (CHICTR, CHICTR, "changed"),
    ]
    kinds = [c["kind"] for c in trials[1]["changes"]]
    assert "status_changed" in kinds


def test_tables_key_a_chictr_record_by_its_id(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The trials table has the ChiCTR id as trial_id and no NCT id, one row per version."""
    records = _records(tmp_path)
    out = tmp_path / "tables"
    assert _run(capsys, "table", records, "--out", out, "--format", "csv")[0] == 0
    with (out / "trials.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["trial_id"], r["version"], r["nct_id"]) for r in rows] == [
        (CHICTR, "1", ""),
        (CHICTR, "2", ""),
    ]


def test_fhir_names_a_chictr_study_by_its_registration(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The ResearchStudy's id is the record id; its official identifier the ChiCTR id."""
    records = _records(tmp_path)
    out = tmp_path / "fhir"
    assert _run(capsys, "export", "fhir", records, "--out", out)[0] == 0
    study = json.loads((out / f"{CHICTR}.json").read_text(encoding="utf-8"))["entry"][0]
    resource = study["resource"]
    assert resource["id"] == CHICTR
    official = [i for i in resource["identifier"] if i["use"] == "official"]
    assert official == [
        {
            "use": "official",
            "type": {"text": "CHICTR registration"},
            "value": CHICTR,
            "period": {"start": "2020-03-02"},
        }
    ]


def test_the_report_names_a_chictr_trial(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The Markdown report heads the trial with its ChiCTR id."""
    records = _records(tmp_path)
    out = tmp_path / "report"
    assert _run(capsys, "report", records, "--out", out, "--format", "markdown")[0] == 0
    text = next(out.glob("*.md")).read_text(encoding="utf-8")
    assert f"\n## {CHICTR}\n" in text
    assert f"[{CHICTR}](#{CHICTR.lower()})" in text


def test_the_html_report_pages_a_ctri_trial_by_its_file_stem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A CTRI-primary trial's page is trials/CTRI-….html, names its registration and its date,
    and links no ClinicalTrials.gov page (it has no NCT id)."""
    records = tmp_path / "records"
    records.mkdir()
    text = _chictr_text(
        **{
            "registry: CHICTR": "registry: CTRI",
            f"id: {CHICTR}\n      primary": f"id: {CTRI}\n      primary",
        }
    )
    (records / f"{CTRI_FILE}.yaml").write_text(text, encoding="utf-8")
    out = tmp_path / "html"
    assert _run(capsys, "report", records, "--out", out)[0] == 0
    page = (out / "trials" / f"{CTRI_FILE}.html").read_text(encoding="utf-8")
    assert f"{CTRI}</a> in CTRI, registered 2020-03-02" in page
    assert "on ClinicalTrials.gov" not in page
    index = (out / "index.html").read_text(encoding="utf-8")
    assert f'href="trials/{CTRI_FILE}.html">{CTRI}</a>' in index
