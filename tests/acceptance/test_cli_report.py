"""Tests for `trialmodel report` without a browser: Markdown, flags, escaping, files kept."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.acceptance.conftest import RECORDS
from trialmodel.cli import main
from trialmodel.cli import outputs as cli_outputs
from trialmodel.outputs.report import REPORT_FORMATS
from trialmodel.outputs.report.charts import status_bands
from trialmodel.outputs.report.view import number

NCT = "NCT03929120"


def _run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def _switched(tmp_path: Path, title: str | None = None) -> Path:
    """NCT03929120 and its earlier version, the earlier one with another primary time frame."""
    records = tmp_path / "records"
    history = records / "history" / NCT
    history.mkdir(parents=True)
    shutil.copy(RECORDS / f"{NCT}.yaml", records)
    older = (RECORDS / "history" / NCT / "2020-08-25.yaml").read_text(encoding="utf-8")
    assert "time_frame: 6 months" in older
    (history / "2020-08-25.yaml").write_text(
        older.replace("time_frame: 6 months", "time_frame: 3 months"), encoding="utf-8"
    )
    if title is not None:
        current = (records / f"{NCT}.yaml").read_text(encoding="utf-8")
        current = current.replace(
            "  brief_title: >-\n", f"  brief_title: {title!r}\n  acronym: >-\n"
        )
        (records / f"{NCT}.yaml").write_text(current, encoding="utf-8")
    return records


def test_markdown_report_has_index_versions_and_changes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """--format markdown writes one file: the index, each trial's versions in order, its changes."""
    code, out, err = _run(capsys, "report", RECORDS, "--out", tmp_path, "--format", "markdown")
    assert (code, err) == (0, "") and "wrote 1 file for 5 trials" in out
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]
    text = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert text.startswith("# Cell-therapy trials: 5 trials\n")
    for record in RECORDS.glob("*.yaml"):
        assert f"\n## {record.stem}\n" in text
    section = text[text.index(f"## {NCT}") :]
    recruiting = section.index("| v1 | 2020-08-25 | RECRUITING |")
    assert recruiting < section.index("| v2 | 2022-04-20 | COMPLETED | 10 actual |")
    assert "- major: status RECRUITING → COMPLETED" in section
    assert "| 5×10⁵–1×10⁶ cells per kg body weight | intravenous |" in section


def test_flags_are_marked(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A re-timed primary outcome is flagged as possible outcome switching on page and in text."""
    records = _switched(tmp_path)
    assert main(["report", str(records), "--out", str(tmp_path / "html")]) == 0
    page = (tmp_path / "html" / "trials" / f"{NCT}.html").read_text(encoding="utf-8")
    assert 'data-flag="possible_outcome_switching">⚑ possible outcome switching</span>' in page
    index = (tmp_path / "html" / "index.html").read_text(encoding="utf-8")
    assert '<span class="flag">⚑ possible outcome switching</span>' in index
    assert (
        main(["report", str(records), "--out", str(tmp_path / "md"), "--format", "markdown"]) == 0
    )
    text = (tmp_path / "md" / "report.md").read_text(encoding="utf-8")
    assert "re-timed" in text and "⚑ **possible outcome switching**" in text
    capsys.readouterr()


def test_record_text_is_escaped(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Text from a record is shown as text, never run as markup."""
    records = _switched(tmp_path, title="<script>alert(1)</script> & co")
    assert main(["report", str(records), "--out", str(tmp_path / "html")]) == 0
    for page in (tmp_path / "html").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "<script>alert" not in text
    page = (tmp_path / "html" / "trials" / f"{NCT}.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in page
    capsys.readouterr()


def test_existing_files_are_kept_without_force(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A report file that exists is not replaced unless --force; nothing else is written."""
    (tmp_path / "index.html").write_text("mine", encoding="utf-8")
    code, _, err = _run(capsys, "report", RECORDS, "--out", tmp_path)
    assert code == 2 and "index.html exists" in err
    assert [p.name for p in tmp_path.iterdir()] == ["index.html"]
    assert _run(capsys, "report", RECORDS, "--out", tmp_path, "--force")[0] == 0
    assert (tmp_path / "index.html").read_text(encoding="utf-8") != "mine"


def test_status_bands_merge_consecutive_versions() -> None:
    """Versions that keep a status share one band; the numbers read as doses are written."""
    from trialmodel.outputs.collect import collect

    trial = next(t for t in collect([RECORDS]).trials if t.trial_id == NCT)
    assert [(b.status, b.first, b.last) for b in status_bands(trial.versions)] == [
        ("RECRUITING", 0, 0),
        ("COMPLETED", 1, 1),
    ]
    doubled = (*trial.versions[:1], *trial.versions)
    assert [(b.status, b.first, b.last) for b in status_bands(doubled)] == [
        ("RECRUITING", 0, 1),
        ("COMPLETED", 2, 2),
    ]
    assert (number(2e8), number(1.5e6), number(3.0)) == ("2×10⁸", "1.5×10⁶", "3")


def test_cli_spells_the_formats_the_library_writes() -> None:
    """The parser's --format choices are the report's formats."""
    assert cli_outputs.REPORT_FORMATS == REPORT_FORMATS


def test_design_parts_and_regulation_are_shown(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A trial's parts (phase, design, masking, arms) and its regulatory facts, each with its
    source, are on its HTML page and in the Markdown report."""
    examples = Path(__file__).parents[1] / "examples" / "valid"
    records = tmp_path / "records"
    records.mkdir()
    shutil.copy(examples / "design-parts.yaml", records / "NCT00000000.yaml")
    regulation = (examples / "regulation.yaml").read_text(encoding="utf-8")
    (records / "NCT00000001.yaml").write_text(
        regulation.replace("NCT00000000", "NCT00000001"), encoding="utf-8"
    )
    assert _run(capsys, "report", records, "--out", tmp_path / "md", "--format", "markdown")[0] == 0
    markdown = (tmp_path / "md" / "report.md").read_text(encoding="utf-8")
    assert (
        "| Part 2 (expansion) | PHASE2 | randomized, parallel, 28 participants "
        "| double (participant, investigator) | MSC; Placebo |"
    ) in markdown
    assert "- **RMAT:** granted, 2022-05 (source: Example sponsor press release)" in markdown
    assert "- **Japan risk class:** class II" in markdown
    assert _run(capsys, "report", records, "--out", tmp_path / "html")[0] == 0
    parts = (tmp_path / "html" / "trials" / "NCT00000000.html").read_text(encoding="utf-8")
    assert "<h3>Design in parts</h3>" in parts and "<td>allocation N/A, single group" in parts
    page = (tmp_path / "html" / "trials" / "NCT00000001.html").read_text(encoding="utf-8")
    assert "<dt>CAT classification</dt><dd>an ATMP, somatic cell therapy, 2019-06" in page
    assert "<h3>Design in parts</h3>" not in page
