"""Tests for `trialmodel import ctgov` and `--update` on hostile input: clean errors, exit codes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from trialmodel.cli import main
from trialmodel.writing import yaml_text

from ..unit.updating.test_curation import NCT, curated, newer, registry

CTGOV = Path(__file__).parents[1] / "data" / "ctgov"
SAMPLES = [CTGOV / "NCT00973089.json", CTGOV / "NCT00763412.json"]


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _json(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _update(capsys: pytest.CaptureFixture[str], data: Any, folder: Path) -> tuple[int, str, str]:
    source = _json(folder.parent / "v2.json", data)
    return _run(capsys, "import", "ctgov", str(source), "--update", str(folder))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"protocolSection": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested deeper than"),
        ('{"protocolSection": ' + "[" * 500 + "]" * 500 + "}", "nested deeper than"),
        ('{"protocolSection": {"x": ' + "7" * 5000 + "}}", "a number of 5000 digits"),
        ('{"studies": [{"a": -' + "1" * 5000 + "}]}", "a number of 5000 digits"),
    ],
)
def test_deep_json_and_long_numbers_are_clean_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, message: str
) -> None:
    """Deep nesting or a 5,000-digit number: one error naming the file, exit 2, nothing written."""
    source = tmp_path / "hostile.json"
    source.write_text(text, encoding="utf-8")
    code, out, err = _run(capsys, "import", "ctgov", str(source), "--out", str(tmp_path / "r"))
    assert code == 2 and out == ""
    assert err.startswith(f"trialmodel import: error: {source}: ") and message in err
    assert "Traceback" not in err and not (tmp_path / "r").exists()


def test_every_error_of_a_study_is_printed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A study with three bad values gets three errors, each with its registry path."""
    raw = registry()
    ps = raw["protocolSection"]
    ps["statusModule"]["overallStatus"] = "PAUSED"
    ps["designModule"]["phases"] = ["PHASE5"]
    ps["designModule"]["enrollmentInfo"]["count"] = "forty"
    code, _, err = _run(
        capsys, "import", "ctgov", str(_json(tmp_path / "bad.json", raw)), "--out", str(tmp_path)
    )
    lines = err.splitlines()
    assert code == 2 and len(lines) == 3
    assert any("statusModule.overallStatus: unknown value 'PAUSED'" in line for line in lines)
    assert any("designModule.phases[0]: unknown value 'PHASE5'" in line for line in lines)
    assert any("enrollmentInfo.count: expected a whole number" in line for line in lines)


def test_every_model_error_of_a_study_is_printed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Values the model refuses are reported all together too, each at its record path."""
    raw = registry()
    ps = raw["protocolSection"]
    ps["identificationModule"]["nctId"] = "NCT1"
    ps["eligibilityModule"]["minimumAge"] = "eighteen"
    code, _, err = _run(
        capsys, "import", "ctgov", str(_json(tmp_path / "bad.json", raw)), "--out", str(tmp_path)
    )
    assert code == 2 and len(err.splitlines()) == 2
    assert "identification.nct_id" in err and "eligibility.minimum_age" in err


def test_record_too_large_for_validate_is_not_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A record that would exceed validate's size limit is refused, exit 2, nothing written."""
    raw = registry()
    raw["protocolSection"]["descriptionModule"]["detailedDescription"] = "word " * 220_000
    code, _, err = _run(
        capsys, "import", "ctgov", str(_json(tmp_path / "big.json", raw)), "--out", str(tmp_path)
    )
    assert code == 2 and "over the limit of 1048576 bytes" in err
    assert not (tmp_path / f"{NCT}.yaml").exists()


@pytest.mark.parametrize("blocker", ["dangling symlink", "folder"])
def test_a_blocked_target_writes_no_record_at_all(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], blocker: str
) -> None:
    """One target that cannot be written (a dangling link, a folder, even with --force): no file."""
    out = tmp_path / "records"
    out.mkdir()
    target = out / "NCT00763412.yaml"
    if blocker == "folder":
        target.mkdir()
    else:
        target.symlink_to(tmp_path / "nowhere.yaml")
    argv = ["import", "ctgov", *map(str, SAMPLES), "--out", str(out)]
    code, _, err = _run(capsys, *argv, *(["--force"] if blocker == "folder" else []))
    assert code == 2 and str(target) in err and "nothing was written" in err
    assert sorted(p.name for p in out.iterdir()) == ["NCT00763412.yaml"]
    assert not (tmp_path / "nowhere.yaml").exists()


def test_update_with_registry_errors_exits_1_and_prints_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An updated record the rules reject is written, its findings printed, and the exit is 1."""
    path = curated(tmp_path)
    raw = newer()
    raw["protocolSection"]["armsInterventionsModule"]["interventions"][0]["armGroupLabels"] = [
        "Incomplete caries removal",
        "Ghost arm",
    ]
    code, _, err = _update(capsys, raw, tmp_path)
    assert code == 1 and "error[intervention_unknown_arm]" in err and str(path) in err
    assert (tmp_path / "history" / NCT / "2015-08-19.yaml").exists()


def test_update_refused_for_curation_exits_2_with_the_reasons(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Curation that cannot follow: exit 2, every reason on standard error, the record untouched."""
    path = curated(tmp_path)
    before = path.read_bytes()
    raw = newer()
    module = raw["protocolSection"]["armsInterventionsModule"]
    module["interventions"] = [{"type": "DEVICE", "name": "Sealant", "armGroupLabels": []}]
    module["armGroups"][1].pop("interventionNames")
    code, out, err = _update(capsys, raw, tmp_path)
    assert code == 2 and out == ""
    assert "cell_based, product" in err and "an intervention the registry version no longer" in err
    assert path.read_bytes() == before


def test_update_of_an_unsafe_record_prints_validate_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A record validate refuses to read is refused with validate's located findings, exit 2."""
    path = curated(tmp_path)
    path.write_text(path.read_text(encoding="utf-8") + "x: &a [1]\ny: *a\n", encoding="utf-8")
    code, _, err = _update(capsys, newer(), tmp_path)
    assert code == 2 and "not safe to read" in err and "error[yaml_alias]" in err


def test_update_batch_is_all_or_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Two records, the second refused: the first is not updated and no history is written."""
    first = curated(tmp_path)
    before = first.read_bytes()
    other: dict[str, Any] = json.loads(SAMPLES[1].read_bytes())
    (tmp_path / "NCT00763412.yaml").write_text(
        yaml_text({"schema_version": "2.0"}), encoding="utf-8"
    )
    pages = _json(tmp_path / "page.json", {"studies": [newer(), other]})
    code, _, err = _run(capsys, "import", "ctgov", str(pages), "--update", str(tmp_path))
    assert code == 2 and "NCT00763412.yaml" in err
    assert first.read_bytes() == before and not (tmp_path / "history").exists()


def test_registry_and_model_errors_are_printed_together(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unknown status and an age the model refuses: both errors in one run, nothing spurious."""
    raw = registry()
    raw["protocolSection"]["statusModule"]["overallStatus"] = "PAUSED"
    raw["protocolSection"]["eligibilityModule"]["minimumAge"] = "eighteen"
    code, _, err = _run(
        capsys, "import", "ctgov", str(_json(tmp_path / "bad.json", raw)), "--out", str(tmp_path)
    )
    lines = err.splitlines()
    assert code == 2 and len(lines) == 2
    assert "overallStatus: unknown value 'PAUSED'" in lines[0]
    assert "eligibility.minimum_age" in lines[1]
