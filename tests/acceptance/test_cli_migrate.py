"""Tests for `trialmodel migrate`: files rewritten in place, others left alone, exit codes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from trialmodel.cli import main

ROOT = Path(__file__).parents[2]
OLD_RECORDS = ROOT / "tests" / "data" / "format-1.x" / "records"
SMALL = ROOT / "tests" / "examples" / "valid" / "small.yaml"


def _run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def _folder(tmp_path: Path) -> Path:
    """The repository's records as they were in format 1.x, a 2.0 record and a broken 1.x one."""
    folder = tmp_path / "records"
    shutil.copytree(OLD_RECORDS, folder)
    shutil.copy(SMALL, folder / "NCT00000000.yaml")
    (folder / "broken.yaml").write_text('schema_version: "1.1"\nidentification: [\n', "utf-8")
    return folder


def test_migrate_rewrites_1x_records_and_says_what_it_did(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Nine 1.x files migrated in place, the 2.0 one left alone, the broken one reported with its
    place and untouched; exit 1; afterwards validate --strict passes on the migrated ones."""
    folder = _folder(tmp_path)
    broken = (folder / "broken.yaml").read_bytes()
    current = (folder / "NCT00000000.yaml").read_bytes()
    code, out, err = _run(capsys, "migrate", folder)
    assert code == 1
    assert f"{folder / 'broken.yaml'}:3:1: yaml_syntax" in err and "not migrated" in err
    assert f"{folder / 'NCT00000000.yaml'}: already format 2.x, left alone" in out
    assert f"{folder / 'NCT04544215.yaml'}: format 1.2 migrated to 2.0" in out
    assert out.endswith("9 files migrated, 1 file already current, 1 file could not be migrated\n")
    assert (folder / "broken.yaml").read_bytes() == broken
    assert (folder / "NCT00000000.yaml").read_bytes() == current
    (folder / "broken.yaml").unlink()
    assert _run(capsys, "validate", "--strict", folder)[0] == 0
    migrated = sorted(p for p in folder.rglob("*.yaml") if p.name != "NCT00000000.yaml")
    assert _run(capsys, "fmt", "--check", *migrated)[0] == 0
    code, out, _ = _run(capsys, "migrate", folder)
    assert (code, out.splitlines()[-1]) == (0, "10 files already current")
    assert not list(folder.rglob("*.tmp"))


def test_check_writes_nothing_prints_the_diff_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--check: a diff of the version line, exit 1, the file unchanged."""
    path = tmp_path / "NCT04544215.yaml"
    shutil.copy(OLD_RECORDS / "NCT04544215.yaml", path)
    before = path.read_bytes()
    code, out, _ = _run(capsys, "migrate", "--check", path)
    assert code == 1
    assert '-schema_version: "1.2"\n+schema_version: "2.0"\n' in out
    assert out.endswith("1 file would be migrated\n")
    assert path.read_bytes() == before


def test_a_1x_record_is_refused_elsewhere_with_the_command_to_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """validate, fmt and diff on a 1.x record name `trialmodel migrate` and the file."""
    old = tmp_path / "old.yaml"
    shutil.copy(OLD_RECORDS / "NCT04544215.yaml", old)
    hint = f"run `trialmodel migrate {old}`"
    for argv in (["validate", old], ["fmt", old], ["diff", old, old]):
        code, out, err = _run(capsys, *argv)
        assert code != 0 and hint in out + err and "schema_version_outdated" in out + err, argv


def test_a_missing_path_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A path that does not exist: exit 2, nothing done."""
    code, _, err = _run(capsys, "migrate", tmp_path / "missing")
    assert code == 2 and "no such file" in err


def test_an_unreadable_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A record that cannot be read (a link to nothing): reported, exit 2; the others migrate."""
    shutil.copy(OLD_RECORDS / "NCT04544215.yaml", tmp_path / "old.yaml")
    (tmp_path / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
    code, out, err = _run(capsys, "migrate", tmp_path / "gone.yaml", tmp_path / "old.yaml")
    assert code == 2 and "gone.yaml: cannot read" in err
    assert "1 file migrated, 1 file could not be migrated" in out
