"""Tests for trialmodel.ctgov.batch: imports written all or nothing, one record held at a time."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from trialmodel.ctgov import import_file
from trialmodel.ctgov.batch import STAGING_PREFIX, check_written, import_batch, record_text
from trialmodel.validation.files import validate_bytes
from trialmodel.validation.files import validate_serially as validate_paths
from trialmodel.writing import OverwriteRefusedError, yaml_text

DATA = Path(__file__).parents[2] / "data"
CTGOV = DATA / "ctgov"
CORPUS = sorted((DATA / "ctgov-corpus").glob("*.json"))


def _study(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((CTGOV / name).read_bytes())
    return data


def _page(tmp_path: Path, *, bad: bool) -> Path:
    """A page of three studies, the second with an unknown phase when ``bad``."""
    second = copy.deepcopy(_study("NCT06171568.json"))
    second["protocolSection"]["identificationModule"]["nctId"] = "NCT99999911"
    if bad:
        second["protocolSection"]["designModule"]["phases"] = ["PHASE5"]
    studies = [_study("NCT00973089.json"), second, _study("NCT00763412.json")]
    path = tmp_path / "page.json"
    path.write_text(json.dumps({"studies": studies}), encoding="utf-8")
    return path


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_a_bad_study_means_nothing_is_written(tmp_path: Path) -> None:
    """By default one study that does not import leaves no file and no folder behind."""
    out = tmp_path / "new" / "records"
    result = import_batch([_page(tmp_path, bad=True)], out)
    assert [e.path for e in result.errors] == ["studies[1].protocolSection.designModule.phases[0]"]
    assert result.written == [] and not (tmp_path / "new").exists()
    assert all(entry["record"] is None for _, entry in result.entries)


def test_keep_going_writes_the_studies_that_import(tmp_path: Path) -> None:
    """With keep_going the good studies of a page are written, the bad one reported."""
    result = import_batch([_page(tmp_path, bad=True)], tmp_path / "out", keep_going=True)
    assert len(result.errors) == 1
    assert _files(tmp_path / "out") == ["NCT00763412.yaml", "NCT00973089.yaml"]
    report = result.report()
    assert report["totals"]["written"] == 2 and report["totals"]["not_imported"] == 1
    assert report["not_imported"][0]["path"].startswith("studies[1].")


def test_written_records_are_the_writers_text_and_no_staging_is_left(tmp_path: Path) -> None:
    """Each record is `yaml_text` of its study, and the staging folder is gone afterwards."""
    page = _page(tmp_path, bad=False)
    out = tmp_path / "records"  # a records folder: the layout's schema comment (issue 13)
    result = import_batch([page], out)
    assert not result.errors and len(result.written) == 3
    for study in import_file(page):
        written = (out / f"{study.nct_id}.yaml").read_text(encoding="utf-8")
        assert written == yaml_text(study.data) == record_text(study)
    assert not [p for p in out.iterdir() if p.name.startswith(STAGING_PREFIX)]


def test_an_existing_record_refuses_the_run(tmp_path: Path) -> None:
    """A record that exists is not replaced, and nothing else is written, unless forced."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "NCT00763412.yaml").write_text("# mine\n", encoding="utf-8")
    with pytest.raises(OverwriteRefusedError, match=r"NCT00763412\.yaml exists"):
        import_batch([_page(tmp_path, bad=False)], out, keep_going=True)
    assert _files(out) == ["NCT00763412.yaml"]
    assert (out / "NCT00763412.yaml").read_text(encoding="utf-8") == "# mine\n"
    (out / "NCT00763412.yaml").chmod(0o640)
    assert len(import_batch([_page(tmp_path, bad=False)], out, force=True).written) == 3
    assert (out / "NCT00763412.yaml").stat().st_mode & 0o777 == 0o640


def test_the_same_study_twice_is_written_once(tmp_path: Path) -> None:
    """A study found twice is an error; with keep_going its first import is written."""
    source = CTGOV / "NCT00973089.json"
    result = import_batch([source, source], tmp_path / "out", keep_going=True)
    assert ["is also in" in e.message for e in result.errors] == [True]
    assert _files(tmp_path / "out") == ["NCT00973089.yaml"]


def test_a_target_that_is_a_file_is_an_error(tmp_path: Path) -> None:
    """--out naming a file raises NotADirectoryError and leaves the file alone."""
    target = tmp_path / "out"
    target.write_text("x", encoding="utf-8")
    with pytest.raises(NotADirectoryError):
        import_batch([CTGOV / "NCT00973089.json"], target)
    assert target.read_text(encoding="utf-8") == "x"


def test_checks_agree_with_validating_the_written_files(tmp_path: Path) -> None:
    """The run's validation report is `validate_paths` of the records it wrote."""
    result = import_batch(CORPUS, tmp_path, keep_going=True)
    assert result.written
    assert result.validation == validate_paths(result.written)


@pytest.mark.parametrize("path", CORPUS[:40], ids=[p.name for p in CORPUS[:40]])
def test_check_written_is_validate_bytes(path: Path) -> None:
    """Checking a built record gives `validate_bytes` of its text, with or without findings."""
    for study in import_file(path):
        text = record_text(study)
        assert check_written(study, text, "x.yaml") == validate_bytes(text.encode(), "x.yaml")


def test_an_escaped_control_character_is_found_as_validate_finds_it(tmp_path: Path) -> None:
    """A title holding ESC passes the model; the check reads the text back and reports it."""
    raw = _study("NCT00973089.json")
    raw["protocolSection"]["identificationModule"]["briefTitle"] = "Red \x1b[31m title"
    path = tmp_path / "esc.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    (study,) = import_file(path)
    text = record_text(study)
    report = check_written(study, text, "x.yaml")
    assert report == validate_bytes(text.encode(), "x.yaml")
    assert [f.code for f in report.findings if f.code == "control_character"] == [
        "control_character"
    ]


def test_every_escaped_control_character_is_noticed() -> None:
    """Each character the loader refuses in a record, written by either writer (escaped, or raw),
    is noticed by the check: no such record skips the full validation."""
    from trialmodel.ctgov.batch import _CONTROL_ESCAPE
    from trialmodel.loading.core import escaped_control
    from trialmodel.writing import round_trip_yaml_text

    def noticed(text: str) -> bool:
        return bool(_CONTROL_ESCAPE.search(text) or escaped_control(text, 0, 0, ""))

    refused = [chr(c) for c in range(0x110000) if escaped_control(chr(c), 0, 0, "") is not None]
    assert "\x1b" in refused and "\u2028" in refused and "\t" not in refused
    for char in refused:
        data = {"title": f"a{char}b"}
        assert noticed(yaml_text(data)) and noticed(round_trip_yaml_text(data)), repr(char)
