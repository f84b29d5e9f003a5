"""`diff` costs what changed, not what exists, and `diff --rev` reads git as git writes it.

Costs are counted, never timed: how many records are parsed, and how many files git is asked for.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.acceptance.test_cli_diff import GIT, SUSPEND, _git, _run, _write
from trialmodel.changes import snapshots, versions


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The label of every record file parsed during a diff."""
    seen: list[str] = []
    real = snapshots.load_record

    def counted(content: bytes, *, name: str) -> object:
        """The real reader, its file noted."""
        seen.append(name)
        return real(content, name=name)

    monkeypatch.setattr(snapshots, "load_record", counted)
    return seen


def _snapshots(tmp_path: Path, count: int, changed: int) -> tuple[Path, Path]:
    """Two folders of ``count`` records, the first ``changed`` of them suspended in the second."""
    for i in range(count):
        nct_id = f"NCT999{i:05d}"
        _write(tmp_path / "a" / f"{nct_id}.yaml", nct_id=nct_id)
        edits = (SUSPEND,) if i < changed else ()
        _write(tmp_path / "b" / f"{nct_id}.yaml", *edits, nct_id=nct_id)
    return tmp_path / "a", tmp_path / "b"


@pytest.mark.parametrize(("count", "changed"), [(12, 0), (12, 3), (30, 3)])
def test_snapshot_diff_parses_only_changed_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], parsed: list[str], count: int, changed: int
) -> None:
    """Identical files are never parsed: two parses per changed trial, whatever the total."""
    a, b = _snapshots(tmp_path, count, changed)
    code, out, err = _run(capsys, "diff", "--format", "json", "--exit-code", str(a), str(b))
    summary = json.loads(out)["summary"]
    assert (code, err) == (1 if changed else 0, "")
    assert (summary["changed"], summary["unchanged"]) == (changed, count - changed)
    assert len(parsed) == 2 * changed
    assert all(Path(label).stem < f"NCT999{changed:05d}" for label in parsed)


def test_unchanged_file_of_another_name_is_parsed_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], parsed: list[str]
) -> None:
    """A file not named by its NCT id is parsed once (the old side) to name its trial."""
    _write(tmp_path / "a" / "trial.yaml")
    _write(tmp_path / "b" / "trial.yaml")
    code, out, _ = _run(
        capsys, "diff", "--format", "json", str(tmp_path / "a"), str(tmp_path / "b")
    )
    (trial,) = json.loads(out)["trials"]
    assert (code, trial["nct_id"], trial["status"]) == (0, "NCT99999901", "unchanged")
    assert parsed == [str(tmp_path / "a" / "trial.yaml")]


# --- git ---------------------------------------------------------------------------------------


@pytest.fixture
def history_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository of five records and one with a non-ASCII name, committed."""
    if GIT is None:
        pytest.skip("git is not installed")
    for i in range(5):
        nct_id = f"NCT9999990{i}"
        _write(tmp_path / "records" / f"{nct_id}.yaml", nct_id=nct_id)
    _write(tmp_path / "records" / "café.yaml", nct_id="NCT99999909")
    (tmp_path / "records" / "history").mkdir()
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "records")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every file ``git show`` is asked for."""
    asked: list[str] = []
    real = versions.git_show

    def counted(rev: str, name: str, cwd: Path) -> bytes:
        """The real git show, its file noted."""
        asked.append(name)
        return real(rev, name, cwd)

    monkeypatch.setattr(snapshots, "git_show", counted)
    return asked


def test_rev_reads_no_unchanged_blob(
    history_repo: Path, capsys: pytest.CaptureFixture[str], shown: list[str], parsed: list[str]
) -> None:
    """git's blob ids tell unchanged files apart: only the changed file is read from git (and
    café.yaml, unchanged but not named by its NCT id, once to name its trial)."""
    _write(history_repo / "records" / "NCT99999902.yaml", SUSPEND, nct_id="NCT99999902")
    code, out, err = _run(capsys, "diff", "--rev", "HEAD", "--format", "json", "--exit-code")
    data = json.loads(out)
    assert (code, err) == (1, "")
    assert (data["summary"]["changed"], data["summary"]["unchanged"]) == (1, 5)
    assert sorted(shown) == ["records/NCT99999902.yaml", "records/café.yaml"]
    assert sorted(parsed) == [
        "HEAD:records/NCT99999902.yaml",
        "HEAD:records/café.yaml",
        "records/NCT99999902.yaml",
    ]


def test_rev_non_ascii_file_name(history_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """records/café.yaml unchanged is unchanged; deleted, it is removed and --exit-code says so."""
    code, out, _ = _run(capsys, "diff", "--rev", "HEAD", "--format", "json", "--exit-code")
    trials = {t["nct_id"]: t for t in json.loads(out)["trials"]}
    assert code == 0
    assert trials["NCT99999909"]["status"] == "unchanged"
    assert trials["NCT99999909"]["old"]["file"] == "HEAD:records/café.yaml"
    (history_repo / "records" / "café.yaml").unlink()
    code, out, _ = _run(capsys, "diff", "--rev", "HEAD", "--exit-code")
    assert code == 1
    assert out.startswith('NCT99999909 removed: "Example Cells in Example Lung Disease"')


def test_rev_from_a_subfolder(
    history_repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """From a subfolder, --rev without a path compares the repository's records/, as git diff."""
    _write(history_repo / "records" / "NCT99999901.yaml", SUSPEND, nct_id="NCT99999901")
    for where in (history_repo / "records" / "history", history_repo / "records"):
        monkeypatch.chdir(where)
        code, out, err = _run(capsys, "diff", "--rev", "HEAD", "--exit-code")
        assert (code, err) == (1, "")
        assert out.startswith("NCT99999901 changed: HEAD:")
        assert "1 changed, 0 added, 0 removed, 5 unchanged" in out


def test_rev_without_git_says_so(
    history_repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With git missing from PATH, --rev says git is missing, not 'not inside a repository'."""
    monkeypatch.setenv("PATH", str(history_repo / "no-such-bin"))
    code, out, err = _run(capsys, "diff", "--rev", "HEAD")
    assert (code, out) == (2, "")
    assert "git is not installed, or not on PATH" in err
    assert "not inside" not in err
