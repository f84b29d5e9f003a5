"""Tests for trialmodel.atomic: files never half-written, batches all or nothing, clear errors."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

import trialmodel.atomic
from trialmodel.atomic import (
    FileChangedError,
    OverwriteRefusedError,
    PlannedWrite,
    WriteError,
    digest,
    write_file,
    write_files,
)


def test_missing_folder_error_names_the_target(tmp_path: Path) -> None:
    """Writing into a folder that does not exist names the target and its folder, no temp file."""
    target = tmp_path / "missing" / "NCT04544215.yaml"
    with pytest.raises(OSError) as caught:
        write_file(target, "x: 1\n")
    message = str(caught.value)
    assert str(target) in message and ".tmp" not in message and "does not exist" in message


def test_unwritable_folder_error_names_the_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder that refuses new files (read-only) is reported at the target, not the temp file."""

    def refuse(**_: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied", str(tmp_path / ".NCT.yaml.abc.tmp"))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    target = tmp_path / "NCT04544215.yaml"
    with pytest.raises(WriteError) as caught:
        write_file(target, "x: 1\n")
    assert str(caught.value) == f"{target}: cannot write: Permission denied"


def test_failed_rename_restores_the_files_already_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rename failing mid-batch puts back the replaced file and removes the created one."""
    replaced, created, third = tmp_path / "a.yaml", tmp_path / "b.yaml", tmp_path / "c.yaml"
    replaced.write_text("old\n", encoding="utf-8")
    put = trialmodel.atomic._put

    def fail_third(staged: trialmodel.atomic._Staged) -> None:
        if staged.write.path == third:
            raise WriteError(third, "No space left on device")
        put(staged)

    monkeypatch.setattr(trialmodel.atomic, "_put", fail_third)
    batch = [
        PlannedWrite(replaced, b"new\n", replace=True),
        PlannedWrite(created, b"new\n"),
        PlannedWrite(third, b"new\n"),
    ]
    with pytest.raises(WriteError, match="No space left"):
        write_files(batch)
    assert replaced.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml"]


def test_expected_digest_guards_the_replacement(tmp_path: Path) -> None:
    """A file whose content hash is not the expected one is not replaced; nothing is written."""
    target, other = tmp_path / "a.yaml", tmp_path / "b.yaml"
    target.write_text("edited\n", encoding="utf-8")
    batch = [
        PlannedWrite(other, b"new\n"),
        PlannedWrite(target, b"new\n", replace=True, expect=digest(b"as read\n")),
    ]
    with pytest.raises(FileChangedError):
        write_files(batch)
    assert target.read_text(encoding="utf-8") == "edited\n" and not other.exists()


def test_symlink_target_is_refused_even_with_force(tmp_path: Path) -> None:
    """A link where a file should go is never followed or replaced; its target is untouched."""
    real = tmp_path / "real.yaml"
    real.write_text("mine\n", encoding="utf-8")
    link = tmp_path / "NCT04544215.yaml"
    link.symlink_to(real)
    with pytest.raises(OverwriteRefusedError, match="symbolic link"):
        write_file(link, "x: 1\n", force=True)
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "mine\n"


def test_move_files_restores_what_a_failed_rename_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """move_files: a rename failing mid-batch restores the replaced file (kept as a hard link,
    not read) and removes the created one; no staged or kept file is left."""
    from trialmodel.atomic import move_files

    out, stage = tmp_path / "out", tmp_path / "out" / ".stage"
    stage.mkdir(parents=True)
    replaced, created, third = out / "a.yaml", out / "b.yaml", out / "c.yaml"
    replaced.write_text("old\n", encoding="utf-8")
    moves = []
    for target in (replaced, created, third):
        (stage / target.name).write_text("new\n", encoding="utf-8")
        moves.append((stage / target.name, target))
    put = trialmodel.atomic._put

    def fail_third(staged: trialmodel.atomic._Staged) -> None:
        if staged.write.path == third:
            raise WriteError(third, "No space left on device")
        put(staged)

    monkeypatch.setattr(trialmodel.atomic, "_put", fail_third)
    monkeypatch.setattr(trialmodel.atomic, "_unchanged", None)  # nothing may be read back
    with pytest.raises(WriteError, match="No space left"):
        move_files(moves, replace=True)
    assert replaced.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in out.iterdir()) == [".stage", "a.yaml"]
    assert list(stage.iterdir()) == []


def test_move_files_replaces_and_cleans_up(tmp_path: Path) -> None:
    """move_files puts every file in place (replacing when asked) and leaves nothing behind."""
    from trialmodel.atomic import move_files

    stage = tmp_path / ".stage"
    stage.mkdir()
    (tmp_path / "a.yaml").write_text("old\n", encoding="utf-8")
    (stage / "a.yaml").write_text("new\n", encoding="utf-8")
    move_files([(stage / "a.yaml", tmp_path / "a.yaml")], replace=True)
    assert (tmp_path / "a.yaml").read_text(encoding="utf-8") == "new\n"
    assert list(stage.iterdir()) == []


def test_move_files_flushes_every_file_before_any_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """move_files flushes all files (several at once) before renaming one; the first file that
    fails to flush, in batch order, is the error, and nothing is put in place."""
    from trialmodel.atomic import move_files

    out, stage = tmp_path / "out", tmp_path / "out" / ".stage"
    stage.mkdir(parents=True)
    targets = [out / f"NCT{i:08d}.yaml" for i in range(40)]
    moves = []
    for target in targets:
        (stage / target.name).write_text("new\n", encoding="utf-8")
        moves.append((stage / target.name, target))
    flushed: list[Path] = []
    flush, put = trialmodel.atomic._flush, trialmodel.atomic._put

    def put_after_every_flush(staged: trialmodel.atomic._Staged) -> None:
        assert len(flushed) == len(targets)
        put(staged)

    def flush_but_one(staged: trialmodel.atomic._Staged) -> None:
        flushed.append(staged.write.path)
        if staged.write.path in (targets[7], targets[30]):
            raise WriteError(staged.write.path, "Input/output error")
        flush(staged)

    monkeypatch.setattr(trialmodel.atomic, "_put", put_after_every_flush)
    monkeypatch.setattr(trialmodel.atomic, "_flush", flush_but_one)
    with pytest.raises(WriteError, match="Input/output error") as caught:
        move_files(moves)
    assert caught.value.path == targets[7]
    assert set(targets[:8]) <= set(flushed)
    assert sorted(p.name for p in out.iterdir()) == [".stage"]
    assert list(stage.iterdir()) == []

    monkeypatch.setattr(trialmodel.atomic, "_flush", flush)
    flushed[:] = targets  # the real flush is not counted: let the renames go ahead
    for target in targets:
        (stage / target.name).write_text("new\n", encoding="utf-8")
    move_files(moves)
    assert all(t.read_text(encoding="utf-8") == "new\n" for t in targets)
