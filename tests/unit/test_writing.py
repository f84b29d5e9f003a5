"""Tests for trialmodel.writing: the house YAML style and files that are never half-written."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
)

from trialmodel.loading import load_bytes
from trialmodel.model.record import TrialRecord
from trialmodel.writing import (
    SCHEMA_COMMENT,
    WIDTH,
    OverwriteRefusedError,
    dump_yaml,
    record_texts,
    record_yaml,
    round_trip_yaml,
    styled,
    write_file,
    write_record_files,
    yaml_text,
)

RECORD: dict[str, Any] = {
    "schema_version": "2.0",
    "identification": {"nct_id": "NCT99999911", "org_study_id": "010", "acronym": "NO"},
    "status": {
        "overall": "RECRUITING",
        "start": {"date": "2021-05", "type": "ESTIMATED"},
        "first_submitted": "2021-03-15",
    },
    "conditions": ["yes", "Knee osteoarthritis", "1:20"],
    "description": {"brief_summary": "First line.\nSecond line.\n\n* a bullet"},
    "design": {"enrollment": {"count": 30, "type": "ESTIMATED"}},
    "provenance": {"state": "IMPORTED", "sources": [{"name": "test.json"}]},
}


def _both_readers(text: str) -> tuple[Any, Any]:
    return yaml.safe_load(text), YAML(typ="safe").load(text)


def test_text_starts_with_the_schema_comment_and_quoted_version() -> None:
    """The first line is the schema comment, the second the quoted schema version."""
    lines = yaml_text(RECORD).splitlines()
    assert lines[0] == SCHEMA_COMMENT
    assert lines[1] == 'schema_version: "2.0"'


def test_dates_and_yaml11_lookalikes_are_double_quoted() -> None:
    """Dates and strings a YAML 1.1 reader would misread are written in double quotes."""
    text = yaml_text(RECORD)
    for line in ('date: "2021-05"', 'first_submitted: "2021-03-15"', 'org_study_id: "010"'):
        assert line in text
    for item in ('- "yes"', '- "1:20"', 'acronym: "NO"'):
        assert item in text
    assert "- Knee osteoarthritis" in text


def test_readers_agree_and_the_loader_has_nothing_to_say() -> None:
    """PyYAML (1.1) and ruamel (1.2) read the same data back; the loader finds no problem."""
    text = yaml_text(RECORD)
    assert _both_readers(text) == (RECORD, RECORD)
    loaded = load_bytes(text.encode("utf-8"), "r.yaml")
    assert loaded.data == RECORD
    assert [f.code for f in loaded.findings] == []


def test_multi_line_text_is_a_literal_block_when_exact() -> None:
    """Multi-line text becomes a literal block; trailing spaces rule the block out."""
    assert isinstance(styled("a\nb"), LiteralScalarString)
    assert not isinstance(styled("a \nb"), LiteralScalarString)
    assert not isinstance(styled(" indented\nb"), LiteralScalarString)
    assert "brief_summary: |-\n    First line.\n" in yaml_text(RECORD)


def test_long_prose_is_a_folded_block_when_exact() -> None:
    """One-line text longer than FOLD_AFTER is folded; double spaces rule the fold out."""
    prose = "word " * 30 + "end"
    assert isinstance(styled(prose), FoldedScalarString)
    assert not isinstance(styled(prose.replace("word end", "word  end")), FoldedScalarString)
    text = yaml_text({"schema_version": "2.0", "note": prose})
    assert "note: >-\n  word word" in text
    assert max(len(line) for line in text.splitlines()) <= WIDTH + 10
    assert _both_readers(text) == ({"schema_version": "2.0", "note": prose},) * 2


@settings(max_examples=40, deadline=None, derandomize=True)
@given(st.lists(st.text("abc é.,:#-'\"", min_size=1, max_size=12), min_size=8, max_size=30))
def test_any_long_prose_reads_back_exactly(words: list[str]) -> None:
    """Long one-line text, folded or not, reads back exactly in both YAML readers."""
    data = {"schema_version": "2.0", "note": " ".join(words)}
    assert _both_readers(yaml_text(data)) == (data, data)


def test_plain_strings_stay_plain() -> None:
    """A string every reader reads as itself is not quoted."""
    assert type(styled("Knee osteoarthritis")) is str
    assert isinstance(styled("2021"), DoubleQuotedScalarString)


def test_record_yaml_keeps_model_order_and_only_set_fields() -> None:
    """A record is written in model key order, with only the fields its source set."""
    record = TrialRecord.model_validate(RECORD)
    data = yaml.safe_load(record_yaml(record))
    assert list(data) == list(RECORD)
    assert data == RECORD


@pytest.mark.parametrize("text", ["\x85", "a\x85b", "\x85 ", "\u2028", "x\u2029y"])
def test_other_line_breaks_read_back_exactly(text: str) -> None:
    """NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR: ruamel.yaml writes a NEL raw inside single
    quotes, where readers fold it to a space; the writer double-quotes it (found by hypothesis on
    its oldest allowed version)."""
    data = {"schema_version": "2.0", "note": text}
    assert _both_readers(yaml_text(data)) == (data, data)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40))
def test_any_text_reads_back_exactly(text: str) -> None:
    """Whatever the text, both YAML readers read back exactly what was written."""
    data = {"schema_version": "2.0", "note": text}
    written = yaml_text(data)
    assert _both_readers(written) == (data, data)


def test_write_refuses_an_existing_file(tmp_path: Path) -> None:
    """Without force an existing file is refused and left byte-for-byte as it was."""
    target = tmp_path / "r.yaml"
    target.write_bytes(b"curated\n")
    with pytest.raises(OverwriteRefusedError):
        write_file(target, "new\n")
    assert target.read_bytes() == b"curated\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.yaml"]


def test_write_with_force_replaces_and_leaves_no_temporary(tmp_path: Path) -> None:
    """With force the file is replaced whole, and no temporary file stays behind."""
    target = tmp_path / "r.yaml"
    target.write_bytes(b"old\n")
    target.chmod(0o640)
    write_file(target, "new\n", force=True)
    assert target.read_bytes() == b"new\n"
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["r.yaml"]


def test_write_creates_a_new_file(tmp_path: Path) -> None:
    """A new file is written as UTF-8 bytes."""
    target = tmp_path / "r.yaml"
    write_file(target, "é\n")
    assert target.read_bytes() == "é\n".encode()


def test_failed_write_leaves_nothing(tmp_path: Path) -> None:
    """A write into a missing folder fails with OSError and leaves no file."""
    with pytest.raises(OSError):
        write_file(tmp_path / "missing" / "r.yaml", "x\n")
    assert list(tmp_path.iterdir()) == []


def test_dumped_nodes_read_back_through_ruamel_round_trip() -> None:
    """Styled nodes survive ruamel's round-trip loader with their values."""
    out = io.StringIO()
    YAML().dump(styled(RECORD), out)
    assert YAML(typ="safe").load(out.getvalue()) == RECORD


RECORDS = Path(__file__).parents[2] / "records"


@pytest.mark.parametrize(
    "path", sorted(RECORDS.rglob("*.yaml")), ids=lambda p: str(p.relative_to(RECORDS))
)
def test_round_trip_keeps_curated_files_byte_for_byte(path: Path) -> None:
    """Loading and dumping a curated record in the house round-trip mode changes no byte."""
    text = path.read_text(encoding="utf-8")
    assert dump_yaml(round_trip_yaml().load(text)) == text


def test_record_files_are_written_all_or_nothing(tmp_path: Path) -> None:
    """Records are written as <NCT id>.yaml with the folder's schema comment; when one target
    exists, nothing is written unless forced, and the refusal names it."""
    out = tmp_path / "records"
    records = {"NCT00000001": {"schema_version": "1.2"}, "NCT00000002": {"schema_version": "1.2"}}
    texts = record_texts(records, out)
    assert texts["NCT00000001"] == f'{SCHEMA_COMMENT}\nschema_version: "1.2"\n'.encode()
    out.mkdir()
    (out / "NCT00000002.yaml").write_bytes(b"kept\n")
    with pytest.raises(OverwriteRefusedError, match=r"NCT00000002\.yaml"):
        write_record_files(texts, out)
    assert sorted(p.name for p in out.iterdir()) == ["NCT00000002.yaml"]
    assert (out / "NCT00000002.yaml").read_bytes() == b"kept\n"
    written = write_record_files(texts, out, force=True)
    assert written == {k: out / f"{k}.yaml" for k in records}
    assert all(written[k].read_bytes() == texts[k] for k in records)


def test_record_files_need_a_folder(tmp_path: Path) -> None:
    """A file where the records' folder should be is refused before anything is written."""
    out = tmp_path / "records"
    out.write_text("not a folder\n")
    with pytest.raises(NotADirectoryError):
        write_record_files({"NCT00000001": b"schema_version: '1.2'\n"}, out)
    assert out.read_text() == "not a folder\n"
