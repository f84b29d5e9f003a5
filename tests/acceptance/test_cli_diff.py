"""Tests for `trialmodel diff` and `trialmodel history`: inputs, formats, exit codes, git."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest

from trialmodel.changes.events import REPORT_FORMATS, Significance
from trialmodel.changes.schema import build_change_report_schema
from trialmodel.cli import changes as cli_changes
from trialmodel.cli import main

ROOT = Path(__file__).parents[2]
BASE = ROOT / "tests" / "examples" / "changes" / "base.yaml"
GIT = shutil.which("git")


def _write(path: Path, *edits: tuple[str, str], nct_id: str = "NCT99999901") -> Path:
    text = BASE.read_text(encoding="utf-8").replace("NCT99999901", nct_id)
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


SUSPEND = ("overall: RECRUITING", "overall: SUSPENDED\n  why_stopped: Sponsor decision")


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_two_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Two files: the changes in text, exit 0 without --exit-code."""
    old, new = _write(tmp_path / "old.yaml"), _write(tmp_path / "new.yaml", SUSPEND)
    code, out, err = _run(capsys, "diff", str(old), str(new))
    assert (code, err) == (0, "")
    assert "major  status RECRUITING → SUSPENDED (why stopped: Sponsor decision)" in out


def test_exit_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--exit-code: 1 when something changed, 0 for a reordered, reflowed copy."""
    old, new = _write(tmp_path / "old.yaml"), _write(tmp_path / "new.yaml", SUSPEND)
    assert _run(capsys, "diff", "--exit-code", str(old), str(new))[0] == 1
    same = _write(
        tmp_path / "same.yaml",
        (
            "- Example Lung Disease\n  - Example Tissue Disease",
            "- Example Tissue Disease\n  - Example Lung Disease",
        ),
        ("given intravenously once", "given\n      intravenously    once"),
    )
    code, out, _ = _run(capsys, "diff", "--exit-code", str(old), str(same))
    assert code == 0
    assert out.startswith("0 changed, 0 added, 0 removed, 1 unchanged;")


def test_snapshots(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Two folders are matched by NCT id: added, removed and changed trials in JSON."""
    _write(tmp_path / "a" / "NCT99999901.yaml")
    _write(tmp_path / "a" / "gone.yaml", nct_id="NCT99999902")
    _write(tmp_path / "b" / "NCT99999901.yaml", SUSPEND)
    _write(tmp_path / "b" / "new.yaml", nct_id="NCT99999903")
    code, out, _ = _run(
        capsys, "diff", "--format", "json", str(tmp_path / "a"), str(tmp_path / "b")
    )
    data = json.loads(out)
    jsonschema.Draft202012Validator(build_change_report_schema()).validate(data)
    status = {t["nct_id"]: t["status"] for t in data["trials"]}
    assert status == {"NCT99999901": "changed", "NCT99999902": "removed", "NCT99999903": "added"}
    assert code == 0


def test_snapshot_identical_file_renamed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A record whose bytes did not change is unchanged, whatever its file is called now."""
    _write(tmp_path / "a" / "old-name.yaml")
    _write(tmp_path / "b" / "NCT99999901.yaml")
    code, out, _ = _run(
        capsys, "diff", "--exit-code", "--format", "json", str(tmp_path / "a"), str(tmp_path / "b")
    )
    (trial,) = json.loads(out)["trials"]
    assert (code, trial["status"], trial["new"]["file"]) == (
        0,
        "unchanged",
        str(tmp_path / "b" / "NCT99999901.yaml"),
    )


def test_snapshot_with_two_records_of_one_trial(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two files of one trial in a snapshot: exit 2, naming both files."""
    _write(tmp_path / "a" / "one.yaml")
    _write(tmp_path / "b" / "one.yaml", SUSPEND)
    _write(tmp_path / "b" / "two.yaml")
    code, out, err = _run(capsys, "diff", str(tmp_path / "a"), str(tmp_path / "b"))
    assert (code, out) == (2, "")
    assert "two.yaml: NCT99999901 is also the trial of" in err
    assert "one.yaml" in err


def test_markdown_and_significance(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--format markdown with --significance major keeps only major changes."""
    old = _write(tmp_path / "old.yaml")
    new = _write(tmp_path / "new.yaml", SUSPEND, ("allocation: NA", "allocation: RANDOMIZED"))
    code, out, _ = _run(
        capsys, "diff", "--format", "markdown", "--significance", "major", str(old), str(new)
    )
    assert code == 0
    assert "| **major** | status RECRUITING → SUSPENDED" in out
    assert "allocation" not in out


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("missing", "no such file or directory"),
        ("invalid", "not a valid record"),
        ("mixed", "cannot compare a folder with a file"),
    ],
)
def test_bad_input_exits_two(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], setup: str, message: str
) -> None:
    """A missing path, an invalid record or a folder against a file: a message, exit 2."""
    good = _write(tmp_path / "good.yaml")
    other = {
        "missing": tmp_path / "nope.yaml",
        "invalid": _write(tmp_path / "bad.yaml", ("overall: RECRUITING", "overall: SUSPENDD")),
        "mixed": tmp_path,
    }[setup]
    code, out, err = _run(capsys, "diff", str(good), str(other))
    assert (code, out) == (2, "")
    assert err.startswith("trialmodel diff: error: ")
    assert message in err
    if setup == "invalid":
        assert "bad.yaml:" in err and "enum status.overall" in err


def test_usage_without_two_paths(capsys: pytest.CaptureFixture[str]) -> None:
    """diff with one path and no --rev is a usage error, exit 2."""
    with pytest.raises(SystemExit) as exc:
        main(["diff", "only.yaml"])
    assert exc.value.code == 2
    assert "give OLD and NEW" in capsys.readouterr().err


# --- git revisions ------------------------------------------------------------------------------


def _git(cwd: Path, *args: str) -> None:
    assert GIT is not None
    env = {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "HOME": str(cwd),
        "PATH": "/usr/bin:/bin",
    }
    subprocess.run([GIT, *args], cwd=cwd, check=True, capture_output=True, env=env)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository with two committed records, then edited in the working tree."""
    if GIT is None:
        pytest.skip("git is not installed")
    _write(tmp_path / "records" / "NCT99999901.yaml")
    _write(tmp_path / "records" / "NCT99999902.yaml", nct_id="NCT99999902")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "records")
    _write(tmp_path / "records" / "NCT99999901.yaml", SUSPEND)
    (tmp_path / "records" / "NCT99999902.yaml").unlink()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_rev_against_worktree(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--rev HEAD compares the committed records with the working tree (default records/)."""
    code, out, err = _run(capsys, "diff", "--rev", "HEAD", "--format", "json", "--exit-code")
    assert (code, err) == (1, "")
    trials = {t["nct_id"]: t for t in json.loads(out)["trials"]}
    assert trials["NCT99999902"]["status"] == "removed"
    assert trials["NCT99999901"]["old"]["file"] == "HEAD:records/NCT99999901.yaml"
    assert [c["kind"] for c in trials["NCT99999901"]["changes"]] == ["status_changed"]


def test_rev_single_file(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--rev with a file path compares that one record."""
    code, out, _ = _run(capsys, "diff", "--rev", "HEAD", "records/NCT99999901.yaml")
    assert code == 0
    assert out.startswith("NCT99999901 changed: HEAD:records/NCT99999901.yaml")


@pytest.mark.parametrize(("rev", "message"), [("nosuchrev", "unknown revision: nosuchrev")])
def test_unknown_revision(
    repo: Path, capsys: pytest.CaptureFixture[str], rev: str, message: str
) -> None:
    """An unknown revision is a clear error, exit 2."""
    code, out, err = _run(capsys, "diff", "--rev", rev)
    assert (code, out) == (2, "")
    assert message in err


def test_not_a_repository(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """--rev outside a git work tree is a clear error, exit 2."""
    if GIT is None:
        pytest.skip("git is not installed")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    code, _, err = _run(capsys, "diff", "--rev", "HEAD")
    assert code == 2
    assert "not inside a git repository" in err


# --- history ------------------------------------------------------------------------------------


def test_history_timeline(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """history orders versions by their snapshot date and shows the changes between them."""
    records = tmp_path / "records"
    snap = 'snapshot:\n    date: "2020-08-25"'
    _write(records / "NCT99999901.yaml", SUSPEND, (snap, snap.replace("2020-08-25", "2021-03")))
    _write(
        records / "history" / "NCT99999901" / "b.yaml",
        ("count: 60", "count: 50"),
        (snap, snap.replace("2020-08-25", "2020-01-10")),
    )
    _write(records / "history" / "NCT99999901" / "a.yaml")
    code, out, _ = _run(capsys, "history", "NCT99999901", "--records", str(records))
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "NCT99999901: 3 versions"
    dates = [
        line.split()[0] for line in lines if line.startswith("  ") and not line.startswith("      ")
    ]
    assert dates == ["2020-01-10", "2020-08-25", "2021-03"]
    assert "enrollment 50 (ESTIMATED) → 60 (ESTIMATED)" in out


def test_history_json_of_real_records(capsys: pytest.CaptureFixture[str]) -> None:
    """The real histories render as JSON valid against the change-report schema."""
    records = ROOT / "records"
    ids = (
        sorted(p.name for p in (records / "history").iterdir())
        if (records / "history").is_dir()
        else []
    )
    if not ids:
        pytest.skip("no record histories yet")
    code, out, err = _run(capsys, "history", *ids, "--records", str(records), "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    jsonschema.Draft202012Validator(build_change_report_schema()).validate(data)
    assert {t["nct_id"] for t in data["trials"]} == set(ids)


def test_history_unknown_trial(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A trial with no record is a clear error, exit 2."""
    (tmp_path / "records").mkdir()
    code, _, err = _run(capsys, "history", "NCT99999999", "--records", str(tmp_path / "records"))
    assert code == 2
    assert "NCT99999999: no record" in err


def test_change_options_are_the_library_vocabulary() -> None:
    """--format and --significance offer exactly the library's report formats and significances."""
    assert REPORT_FORMATS == cli_changes.REPORT_FORMATS
    assert tuple(s.value for s in Significance) == cli_changes.SIGNIFICANCES
