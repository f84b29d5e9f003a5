"""Tests for `--update` on hostile records and interrupted runs: nothing a curator wrote is lost."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

import trialmodel.atomic
from trialmodel.atomic import FileChangedError, OverwriteRefusedError
from trialmodel.ctgov import import_study
from trialmodel.updating import (
    UpdateError,
    change_report,
    plan_update,
    update_records,
    write_update,
)
from trialmodel.updating import plan as planning

from .test_curation import NCT, curated, newer, registry

BOMB = """bomb:
  a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
  c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
  d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
  e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
  f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
  g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
"""


def _suspended() -> object:
    raw = newer()
    raw["protocolSection"]["statusModule"]["overallStatus"] = "SUSPENDED"
    return raw


def test_alias_bomb_is_refused_before_ruamel_reads_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An alias bomb gets validate's yaml_alias finding; ruamel.yaml never reads the record."""
    path = curated(tmp_path)
    path.write_text(path.read_text(encoding="utf-8") + BOMB, encoding="utf-8")

    def never() -> None:
        raise AssertionError("ruamel.yaml read a record that validate refuses")

    monkeypatch.setattr(planning, "round_trip_yaml", never)
    with pytest.raises(UpdateError, match="not safe to read") as caught:
        plan_update(path, import_study(_suspended(), "v2.json"))
    (report,) = caught.value.reports
    assert "yaml_alias" in {f.code for f in report.findings}


def test_edit_during_the_run_is_kept_and_the_update_refused(tmp_path: Path) -> None:
    """A record edited after it was read is not overwritten; nothing at all is written."""
    path = curated(tmp_path)
    update = plan_update(path, import_study(_suspended(), "v2.json"))
    edited = path.read_text(encoding="utf-8").replace("Control group", "Control group (edited)")
    path.write_text(edited, encoding="utf-8")
    with pytest.raises(FileChangedError, match="changed since it was read"):
        write_update(update)
    assert path.read_text(encoding="utf-8") == edited
    assert not (tmp_path / "history").exists() or not any((tmp_path / "history").rglob("*.yaml"))


def test_edit_while_staging_is_caught_at_the_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The hash is checked after the temporary files are written, right before the rename."""
    path = curated(tmp_path)
    update = plan_update(path, import_study(_suspended(), "v2.json"))
    stage = trialmodel.atomic._stage

    def stage_then_edit(write: trialmodel.atomic.PlannedWrite) -> trialmodel.atomic._Staged:
        staged = stage(write)
        if write.path == path:
            path.write_text("# edited meanwhile\n" + update.old_bytes.decode(), encoding="utf-8")
        return staged

    monkeypatch.setattr(trialmodel.atomic, "_stage", stage_then_edit)
    with pytest.raises(FileChangedError):
        write_update(update)
    assert path.read_text(encoding="utf-8").startswith("# edited meanwhile\n")
    assert not any(tmp_path.rglob("*.tmp")) and not any((tmp_path / "history").rglob("*.yaml"))


def test_undated_registry_data_is_refused(tmp_path: Path) -> None:
    """Registry data without lastUpdatePostDateStruct cannot be filed as a version: refused."""
    path = curated(tmp_path)
    raw = _suspended()
    assert isinstance(raw, dict)
    del raw["protocolSection"]["statusModule"]["lastUpdatePostDateStruct"]
    with pytest.raises(UpdateError, match="carries no version date"):
        plan_update(path, import_study(raw, "v2.json"))


def test_force_never_overwrites_a_history_version(tmp_path: Path) -> None:
    """A different file under the version's date is refused; --force files beside it, never over."""
    path = curated(tmp_path)
    history = tmp_path / "history" / NCT / "2015-08-19.yaml"
    history.parent.mkdir(parents=True)
    history.write_text("# the curator's own copy\n", encoding="utf-8")
    study = import_study(_suspended(), "v2.json")
    with pytest.raises(OverwriteRefusedError, match="history is never overwritten"):
        update_records([study], tmp_path)
    (update,) = update_records([study], tmp_path, force=True)
    assert history.read_text(encoding="utf-8") == "# the curator's own copy\n"
    beside = history.with_name("2015-08-19-2.yaml")
    assert b"status:" in beside.read_bytes() and b"SUSPENDED" in path.read_bytes()
    assert update.history_path == beside
    (trial,) = change_report([update]).trials
    assert trial.old is not None and trial.old.file == str(beside)


@pytest.mark.parametrize(("bom", "newline"), [(b"", b"\r\n"), (codecs.BOM_UTF8, b"\n")])
def test_no_op_update_writes_nothing(tmp_path: Path, bom: bytes, newline: bytes) -> None:
    """The same registry version again leaves a CRLF or BOM record's bytes and history alone."""
    path = curated(tmp_path)
    content = bom + path.read_bytes().replace(b"\n", newline)
    path.write_bytes(content)
    (update,) = update_records([import_study(registry(), "again.json")], tmp_path)
    assert not update.writes and path.read_bytes() == content
    assert not (tmp_path / "history").exists()


def test_changed_crlf_and_bom_record_keeps_its_line_ends(tmp_path: Path) -> None:
    """A real change to a CRLF record with a byte order mark is written with both kept."""
    path = curated(tmp_path)
    path.write_bytes(codecs.BOM_UTF8 + path.read_bytes().replace(b"\n", b"\r\n"))
    update_records([import_study(_suspended(), "v2.json")], tmp_path)
    written = path.read_bytes()
    assert written.startswith(codecs.BOM_UTF8) and b"overall: SUSPENDED\r\n" in written
    assert written.count(b"\r\n") == written.count(b"\n")


def test_two_spaces_before_a_comment_stay_two(tmp_path: Path) -> None:
    """A value replaced by a longer one keeps the curator's spacing before its comment."""
    path = curated(tmp_path)
    text = path.read_text(encoding="utf-8").replace(
        "  overall: WITHDRAWN\n", "  overall: WITHDRAWN  # checked 2015\n"
    )
    path.write_text(text, encoding="utf-8")
    raw = newer()
    raw["protocolSection"]["statusModule"]["overallStatus"] = "ACTIVE_NOT_RECRUITING"
    update = plan_update(path, import_study(raw, "v2.json"))
    assert "  overall: ACTIVE_NOT_RECRUITING  # checked 2015\n" in update.new_text
    raw["protocolSection"]["statusModule"]["overallStatus"] = "UNKNOWN"
    update = plan_update(path, import_study(raw, "v2.json"))
    assert "  overall: UNKNOWN  # checked 2015\n" in update.new_text


def test_update_too_large_for_validate_is_refused(tmp_path: Path) -> None:
    """An update that would make the record larger than validate reads is refused, located."""
    path = curated(tmp_path)
    raw = newer()
    raw["protocolSection"]["descriptionModule"]["detailedDescription"] = "word " * 220_000
    with pytest.raises(UpdateError, match="would not validate") as caught:
        plan_update(path, import_study(raw, "v2.json"))
    (report,) = caught.value.reports
    assert [f.code for f in report.findings] == ["file_too_large"]


def test_failed_write_mid_batch_leaves_every_record_and_history_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two records updated, the second's rename fails: the first is restored, no history is left."""
    first = curated(tmp_path)
    second = tmp_path / "NCT99999912.yaml"
    second.write_text(first.read_text(encoding="utf-8").replace(NCT, "NCT99999912"), "utf-8")
    before = {p: p.read_bytes() for p in (first, second)}
    other = _suspended()
    assert isinstance(other, dict)
    other = json.loads(json.dumps(other).replace(NCT, "NCT99999912"))
    studies = [import_study(_suspended(), "v2.json"), import_study(other, "v2b.json")]
    put = trialmodel.atomic._put

    def fail_second(staged: trialmodel.atomic._Staged) -> None:
        if staged.write.path == second:
            raise trialmodel.atomic.WriteError(second, "Input/output error")
        put(staged)

    monkeypatch.setattr(trialmodel.atomic, "_put", fail_second)
    with pytest.raises(OSError, match="Input/output error"):
        update_records(studies, tmp_path)
    assert {p: p.read_bytes() for p in (first, second)} == before
    assert not any((tmp_path / "history").rglob("*.yaml"))
    assert not any(tmp_path.rglob("*.tmp"))
