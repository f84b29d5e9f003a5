"""Tests for `trialmodel import ctgov` and `trialmodel export ctgov` on the registry samples."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from trialmodel.cli import main
from trialmodel.loading import load_bytes
from trialmodel.validation.files import validate_serially as validate_paths

CTGOV = Path(__file__).parents[1] / "data" / "ctgov"
FILES = sorted(CTGOV.glob("NCT*.json"))
NCT = "NCT99999911"
"""A made-up id: the curation below is a test fixture, not a claim about the real trial."""

CURATION = """    cell_based: true  # curator: confirmed from the protocol
    product: TEST-MSC
"""
PRODUCTS = """products:
  # what the sponsor calls it
  - name: TEST-MSC
    cell_type: MESENCHYMAL_STEM_STROMAL_CELL
    tissue_source: BONE_MARROW
"""


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _import(
    capsys: pytest.CaptureFixture[str], out: Path, *files: Path | str
) -> tuple[int, str, str]:
    return _run(capsys, "import", "ctgov", *map(str, files), "--out", str(out))


def test_all_samples_import_as_loadable_records(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every sample becomes DIR/<NCT>.yaml; each loads with no finding and validates (exit 0)."""
    code, out, _ = _import(capsys, tmp_path, *FILES)
    written = sorted(tmp_path.glob("*.yaml"))
    assert len(written) == 11
    for path in written:
        assert load_bytes(path.read_bytes(), path.name).findings == ()
    report = validate_paths(written)
    assert (code, report.errors) == (0, 0)
    assert out.count(" -> ") == 11
    assert out.count("no place in the record: nothing") == 11
    assert "skipped by design, and why:" in out


def test_import_report_as_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--format json prints the import report: file, record, unmapped and skipped paths, reasons."""
    code, out, _ = _run(
        capsys,
        "import",
        "ctgov",
        str(CTGOV / "NCT00763412.json"),
        "--out",
        str(tmp_path),
        "--format",
        "json",
    )
    report = json.loads(out)
    (entry,) = report["files"]
    (study,) = entry["studies"]
    assert (code, report["format_version"], study["nct_id"]) == (0, 2, "NCT00763412")
    assert study["record"] == str(tmp_path / "NCT00763412.yaml")
    assert (study["unmapped"], study["unmapped_values"]) == ({}, 0)
    skipped = [path for path in study["skipped"] if path.startswith("resultsSection.")]
    assert skipped and study["skipped_values"] == sum(study["skipped"].values())
    assert set(report["skip_reasons"]) == set(study["skipped"])


def test_import_report_follows_the_exported_schema(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The JSON report of importing every sample is valid under its exported schema."""
    import jsonschema

    from trialmodel.reporters.imports_schema import build_import_report_schema

    schema = build_import_report_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    _, out, _ = _run(
        capsys, "import", "ctgov", *map(str, FILES), "--out", str(tmp_path), "--format", "json"
    )
    report = json.loads(out)
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(report)) == []
    assert sum(len(f["studies"]) for f in report["files"]) == 11


def test_second_import_is_refused_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Importing into the same folder again exits 2 and leaves the first file byte-for-byte."""
    source = CTGOV / "NCT00973089.json"
    assert _import(capsys, tmp_path, source)[0] == 0
    record = tmp_path / "NCT00973089.yaml"
    record.write_bytes(record.read_bytes() + b"# curator was here\n")
    first = record.read_bytes()
    code, _, err = _import(capsys, tmp_path, source)
    assert code == 2 and "exists" in err and "--force" in err
    assert record.read_bytes() == first
    assert _run(capsys, "import", "ctgov", str(source), "--out", str(tmp_path), "--force")[0] == 0
    assert record.read_bytes() != first


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            '{"protocolSection": {"identificationModule": {"nctId": "NCT99999911"}, '
            '"statusModule": {"overallStatus": "PAUSED"}}}',
            "protocolSection.statusModule.overallStatus: unknown value 'PAUSED'",
        ),
        (
            '{"protocolSection": {"identificationModule": []}}',
            "protocolSection.identificationModule: expected an object, got a list",
        ),
        ('{"protocolSection": {}}', "protocolSection.identificationModule: missing"),
        ("[]", "expected a study object or a page of studies, got a list"),
        ("{not json", "not JSON"),
    ],
    ids=["unknown-enum", "list-for-object", "no-identification", "top-level-list", "not-json"],
)
def test_bad_input_is_a_clear_error_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, expected: str
) -> None:
    """A bad file exits 2 naming the file and the registry path; no file is written at all."""
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    out_dir = tmp_path / "out"
    code, out, err = _import(capsys, out_dir, CTGOV / "NCT00973089.json", bad)
    assert (code, out) == (2, "")
    assert f"trialmodel import: error: {bad}: {expected}" in err
    assert "Traceback" not in err
    assert not out_dir.exists()


def _registry() -> dict[str, Any]:
    raw: dict[str, Any] = json.loads((CTGOV / "NCT00973089.json").read_bytes())
    raw["protocolSection"]["identificationModule"]["nctId"] = NCT
    return raw


def _curated_record(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    source = tmp_path / "v1.json"
    source.write_text(json.dumps(_registry()), encoding="utf-8")
    records = tmp_path / "records"
    assert _import(capsys, records, source)[0] == 0
    path = records / f"{NCT}.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("schema_version:", "# Curated by hand; keep this.\nschema_version:", 1)
    anchor = "    arms:\n      - Incomplete caries removal\n"
    text = text.replace(anchor, anchor + CURATION)
    assert text.count("\ninterventions:\n") == 1
    text = text.replace("\ninterventions:\n", "\n" + PRODUCTS + "interventions:\n")
    path.write_text(text, encoding="utf-8")
    return path


def test_update_keeps_curation_and_reports_the_three_changes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--update: comments and curation intact, registry fields new, exactly three changes."""
    record = _curated_record(tmp_path, capsys)
    before = record.read_text(encoding="utf-8")
    raw = _registry()
    protocol = raw["protocolSection"]
    protocol["statusModule"]["overallStatus"] = "SUSPENDED"
    protocol["statusModule"]["whyStopped"] = "Funding paused"
    protocol["statusModule"]["lastUpdatePostDateStruct"] = {"date": "2016-01-05", "type": "ACTUAL"}
    protocol["designModule"]["enrollmentInfo"]["count"] = 40
    protocol["outcomesModule"]["primaryOutcomes"][0]["timeFrame"] = "Annually for three years"
    newer = tmp_path / "v2.json"
    newer.write_text(json.dumps(raw), encoding="utf-8")
    code, out, err = _run(
        capsys, "import", "ctgov", str(newer), "--update", str(record.parent), "--format", "json"
    )
    assert (code, err) == (0, "")
    after = record.read_text(encoding="utf-8")
    assert CURATION in after and PRODUCTS in after and after.startswith(before.split("\n", 2)[0])
    assert "# Curated by hand; keep this.\nschema_version:" in after
    assert "  overall: SUSPENDED\n  why_stopped: Funding paused\n" in after
    assert "    count: 40\n" in after and "time_frame: Annually for three years" in after
    (trial,) = json.loads(out)["trials"]
    changes = {(c["kind"], c["path"]) for c in trial["changes"]}
    assert changes == {
        ("status_changed", "status.overall"),
        ("enrollment_count_changed", "design.enrollment.count"),
        ("primary_outcome_retimed", "outcomes.primary[0].time_frame"),
    }
    history = record.parent / "history" / NCT / "2015-08-19.yaml"
    kept = history.read_text(encoding="utf-8")
    assert kept.split("\n", 1)[1] == before.split("\n", 1)[1]
    assert kept.startswith("# yaml-language-server: $schema=../../../schemas/")


def test_update_without_a_record_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--update on a folder without the record exits 2 and says to import it first."""
    code, _, err = _run(
        capsys, "import", "ctgov", str(CTGOV / "NCT00973089.json"), "--update", str(tmp_path)
    )
    assert code == 2 and "no record to update" in err


def test_export_writes_registry_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """export ctgov prints the registry shape; --out refuses an existing file without --force."""
    assert _import(capsys, tmp_path, CTGOV / "NCT00973089.json")[0] == 0
    record = str(tmp_path / "NCT00973089.yaml")
    code, out, _ = _run(capsys, "export", "ctgov", record)
    original = json.loads((CTGOV / "NCT00973089.json").read_bytes())["protocolSection"]
    exported = json.loads(out)["protocolSection"]
    assert code == 0
    assert exported["statusModule"]["overallStatus"] == original["statusModule"]["overallStatus"]
    target = tmp_path / "out.json"
    target.write_text("{}", encoding="utf-8")
    code, _, err = _run(capsys, "export", "ctgov", record, "--out", str(target))
    assert "exists" in err
    assert code == 2 and target.read_text(encoding="utf-8") == "{}"
    assert _run(capsys, "export", "ctgov", record, "--out", str(target), "--force")[0] == 0
    assert json.loads(target.read_bytes()) == json.loads(out)


def test_export_refuses_an_invalid_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An invalid record is not exported: its findings are printed and the exit is 1."""
    assert _import(capsys, tmp_path, CTGOV / "NCT00973089.json")[0] == 0
    record = tmp_path / "NCT00973089.yaml"
    record.write_text(
        record.read_text(encoding="utf-8").replace("overall: WITHDRAWN", "overall: PAUSED"), "utf-8"
    )
    code, out, err = _run(capsys, "export", "ctgov", str(record))
    assert (code, out) == (1, "") and "status.overall" in err


def _bad_page(tmp_path: Path) -> Path:
    """A page of two studies, the second with an unknown phase."""
    good = json.loads((CTGOV / "NCT00973089.json").read_bytes())
    bad = json.loads((CTGOV / "NCT06171568.json").read_bytes())
    bad["protocolSection"]["designModule"]["phases"] = ["PHASE5"]
    page = tmp_path / "page.json"
    page.write_text(json.dumps({"studies": [good, bad]}), encoding="utf-8")
    return page


def test_keep_going_writes_what_imports_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--keep-going writes the studies that import, names the others, ends with totals, exits 1."""
    out_dir = tmp_path / "out"
    page, single = _bad_page(tmp_path), CTGOV / "NCT00763412.json"
    code, out, err = _import(capsys, out_dir, page, single)
    assert (code, out) == (2, "") and not out_dir.exists()
    code, out, err = _run(
        capsys, "import", "ctgov", str(page), str(single), "--out", str(out_dir), "--keep-going"
    )
    assert code == 1
    assert sorted(p.name for p in out_dir.iterdir()) == ["NCT00763412.yaml", "NCT00973089.yaml"]
    assert f"trialmodel import: error: {page}: studies[1].protocolSection.designModule" in err
    assert "totals: 2 files, 2 studies, 2 written, 1 not imported" in out


def test_keep_going_is_for_new_records_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--keep-going with --update is a usage error: an update stays all or nothing."""
    code, _, err = _run(
        capsys, "import", "ctgov", str(FILES[0]), "--update", str(tmp_path), "--keep-going"
    )
    assert code == 2 and "--keep-going applies to --out only" in err


def test_totals_per_registry_path_sum_the_studies(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The JSON totals count, per registry path, the studies and values the entries list."""
    import jsonschema

    from trialmodel.reporters.imports_schema import build_import_report_schema

    page = _bad_page(tmp_path)
    argv = ["import", "ctgov", *map(str, FILES), str(page), "--out", str(tmp_path / "out")]
    code, out, _ = _run(capsys, *argv, "--keep-going", "--format", "json")
    report = json.loads(out)
    assert code == 1
    assert (
        list(jsonschema.Draft202012Validator(build_import_report_schema()).iter_errors(report))
        == []
    )
    studies = [s for f in report["files"] for s in f["studies"]]
    totals = report["totals"]
    # the page repeats NCT00973089 (also a sample file) and has a study that does not import
    assert (totals["files"], totals["studies"], totals["not_imported"]) == (12, 11, 2)
    first, second = report["not_imported"]
    assert first["message"].startswith("NCT00973089 is also in ")
    assert second["path"] == "studies[1].protocolSection.designModule.phases[0]"
    for path, total in totals["unmapped"].items():
        holding = [s["unmapped"][path] for s in studies if path in s["unmapped"]]
        assert total == {"studies": len(holding), "values": sum(holding)}
    assert totals["unmapped_values"] == sum(s["unmapped_values"] for s in studies)


def test_one_file_has_no_totals_in_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A single file's text report ends with its study: totals are for several files."""
    _, out, _ = _import(capsys, tmp_path, CTGOV / "NCT00973089.json")
    assert "totals:" not in out


@pytest.mark.parametrize(
    ("out", "modeline"),
    [
        ("records", "../schemas/trial-record.schema.json"),
        ("records/sub/deeper", "../../../schemas/trial-record.schema.json"),
        ("elsewhere", "../schemas/trial-record.schema.json"),
    ],
)
def test_modeline_points_at_the_schema_from_where_records_are_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], out: str, modeline: str
) -> None:
    """import --out DIR writes the schema comment relative to the nearest schemas/ above DIR."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "trial-record.schema.json").write_text("{}", encoding="utf-8")
    code, _, _ = _run(capsys, "import", "ctgov", str(FILES[0]), "--out", str(tmp_path / out))
    assert code == 0
    (written,) = (tmp_path / out).glob("*.yaml")
    first = written.read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema={modeline}"
    resolved = (written.parent / modeline).resolve()
    assert resolved == (tmp_path / "schemas" / "trial-record.schema.json").resolve()


def test_no_modeline_where_no_schema_is_found(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Outside a records folder and with no schemas/ above, no schema comment is written."""
    (tmp_path / ".git").mkdir()
    code, _, _ = _run(capsys, "import", "ctgov", str(FILES[0]), "--out", str(tmp_path / "a" / "b"))
    assert code == 0
    (written,) = (tmp_path / "a" / "b").glob("*.yaml")
    assert written.read_text(encoding="utf-8").startswith("schema_version:")


def test_import_of_new_records_loads_no_round_trip_writer(tmp_path: Path) -> None:
    """import --out writes new records through the fast writer alone: ruamel.yaml (kept for
    edits that keep comments) is never imported, so it costs the import nothing; and what was
    loaded before the import began is left out of the garbage collector's passes while it runs,
    and put back in after, so a process calling main() in-process is left as it was."""
    import subprocess
    import sys

    argv = ["import", "ctgov", *map(str, FILES), "--out", str(tmp_path)]
    script = (
        "import gc, sys\n"
        "import trialmodel.ctgov.batch as batch\n"
        "real, during = batch.import_batch, []\n"
        "def spy(*a, **k):\n"
        "    during.append(gc.get_freeze_count())\n"
        "    return real(*a, **k)\n"
        "batch.import_batch = spy\n"
        "from trialmodel.cli import main\n"
        f"code = main({argv!r})\n"
        "print(code, sorted(m for m in sys.modules if m.startswith('ruamel')))\n"
        "print(during[0] > 1000, gc.get_freeze_count())\n"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert run.stdout.splitlines()[-2:] in (["0 []", "True 0"], ["1 []", "True 0"])
    assert len(list(tmp_path.glob("NCT*.yaml"))) == len(FILES)
