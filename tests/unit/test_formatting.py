"""Tests for formatting: the house style, comments kept, and data never changed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from trialmodel import formatting
from trialmodel.cli import main
from trialmodel.formatting import FormatError, format_file, format_text
from trialmodel.loading import load_bytes

ROOT = Path(__file__).parents[2]
SMALL = ROOT / "tests" / "examples" / "valid" / "small.yaml"
RECORDS = sorted((ROOT / "records").rglob("*.yaml"))
VALID = sorted((ROOT / "tests" / "examples" / "valid").glob("*.yaml"))

MESSY = """\
# A curator's comment at the top
identification:
  brief_title: 'Example'   # why this title
  nct_id: NCT00000000
schema_version: "2.0"
status:
  overall: RECRUITING
  start: {date: 2021-05-10, type: ACTUAL}
design:
  # the design as the mirror prints it
  phases: [PHASE1, PHASE2]
  study_type: INTERVENTIONAL
provenance:
  state: CURATED
  sources:
    - name: "yes"
      note: NOTE
""".replace("NOTE", "A source note long enough to be folded in the house style." * 2)


def _data(text: str) -> object:
    return load_bytes(text.encode("utf-8"), "r.yaml").data


@pytest.mark.parametrize("path", RECORDS + VALID, ids=lambda p: p.name)
def test_formatting_never_changes_data(path: Path) -> None:
    """Every shipped record and valid example loads to the same data before and after."""
    before = path.read_text(encoding="utf-8")
    after = format_text(before, str(path))
    assert _data(after) == _data(before)
    assert format_text(after, str(path)) == after  # and a second run changes nothing


@pytest.mark.parametrize("path", RECORDS, ids=lambda p: p.name)
def test_shipped_records_are_formatted(path: Path) -> None:
    """records/ is in the house style: fmt --check passes on it."""
    assert not format_file(path).changed, f"run `trialmodel fmt {path.relative_to(ROOT)}`"


def test_house_style_with_comments_kept() -> None:
    """Model key order, block lists, dates and YAML 1.1 words quoted, comments kept."""
    after = format_text(MESSY)
    assert _data(after) == _data(MESSY)
    keys = [line.split(":")[0] for line in after.splitlines() if line[:1].isalpha()]
    assert keys == ["schema_version", "identification", "status", "design", "provenance"]
    assert re.search(r"  nct_id: NCT00000000\n  brief_title: Example +# why this title\n", after)
    assert '    date: "2021-05-10"\n' in after
    assert "    - PHASE1\n    - PHASE2\n" in after
    assert '    - name: "yes"\n' in after
    assert "      note: >-\n" in after
    for comment in ("# A curator's comment at the top", "# why this title", "# the design as"):
        assert comment in after


def test_a_yaml_error_is_not_formatted() -> None:
    """A file the loader rejects (a duplicate key) raises FormatError naming the place."""
    with pytest.raises(FormatError, match=r"^r.yaml:3:1: yaml_duplicate_key"):
        format_text("schema_version: '2.0'\nprovenance: {}\nprovenance: {}\n", "r.yaml")


def test_a_change_of_data_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """If restyling would change a value, FormatError is raised instead of writing."""
    monkeypatch.setattr(formatting, "styled", lambda value, indent=0: f"{value}!")
    with pytest.raises(FormatError, match="would change the data"):
        format_text(SMALL.read_text(encoding="utf-8"), "small.yaml")


def test_fmt_check_prints_a_diff_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """fmt --check exits 1 with a unified diff; fmt rewrites; then --check exits 0."""
    record = tmp_path / "r.yaml"
    record.write_text(MESSY, encoding="utf-8")
    assert main(["fmt", "--check", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"--- {record}\n+++ {record}\n@@ ")
    assert "-  phases: [PHASE1, PHASE2]\n" in out
    assert out.endswith("1 file would be reformatted\n")
    assert record.read_text(encoding="utf-8") == MESSY
    assert main(["fmt", str(record)]) == 0
    assert capsys.readouterr().out == "1 file reformatted\n"
    assert main(["fmt", "--check", str(record)]) == 0
    assert capsys.readouterr().out == "1 file already formatted\n"


def test_fmt_reports_a_bad_file_and_formats_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file that cannot be formatted exits 2 with a located error; the others are written."""
    (tmp_path / "bad.yaml").write_text("schema_version: [\n", encoding="utf-8")
    (tmp_path / "good.yaml").write_text(MESSY, encoding="utf-8")
    assert main(["fmt", str(tmp_path)]) == 2
    out, err = capsys.readouterr()
    assert "bad.yaml:2:1: yaml_syntax" in err
    assert out == "1 file reformatted, 1 file could not be formatted\n"
    assert (tmp_path / "good.yaml").read_text(encoding="utf-8") != MESSY
