"""Tests for `trialmodel validate`: exit codes, options, formats and colour."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from trialmodel.cli import main

ROOT = Path(__file__).parents[2]
EXAMPLES = ROOT / "tests" / "examples"
SMALL = EXAMPLES / "valid" / "small.yaml"


def _write(tmp_path: Path, name: str, *edits: tuple[str, str]) -> str:
    text = SMALL.read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["validate", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_clean_directory_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    """Valid records exit 0 with the summary line."""
    code, out, err = _run(capsys, str(EXAMPLES / "valid"))
    assert (code, err) == (0, "")
    assert out.endswith(" records valid\n")


def test_errors_exit_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An error anywhere exits 1."""
    bad = _write(tmp_path, "bad.yaml", ("count: 40", 'count: "40"'))
    code, out, _ = _run(capsys, str(SMALL), bad)
    assert code == 1
    assert f"{bad}:23:12: error[int_type] design.enrollment.count:" in out
    assert out.endswith("1 error in 1 of 2 records\n")


def test_warnings_fail_only_with_strict(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Warnings exit 0, and 1 under --strict."""
    path = _write(tmp_path, "w.yaml", ("overall: RECRUITING", "overall: WITHDRAWN"))
    assert _run(capsys, path)[0] == 0
    assert _run(capsys, "--strict", path)[0] == 1


def test_missing_path_exits_two(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A path that does not exist is a usage error: exit 2, a clear message, no traceback."""
    missing = str(tmp_path / "nowhere")
    code, out, err = _run(capsys, str(SMALL), missing)
    assert (code, out) == (2, "")
    assert err == f"trialmodel validate: error: no such file or directory: {missing}\n"


def test_select_and_ignore(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--select keeps the named codes (comma-separated, repeatable); --ignore drops them."""
    path = _write(
        tmp_path,
        "two.yaml",
        ("overall: RECRUITING", "overall: SUSPENDD"),
        ("count: 40", 'count: "40"'),
    )
    code, out, _ = _run(capsys, "--format", "json", "--select", "enum", path)
    codes = [f["code"] for f in json.loads(out)["files"][0]["findings"]]
    assert (code, codes) == (1, ["enum"])
    code, out, _ = _run(capsys, "--format", "json", "--ignore", "enum,int_type", path)
    assert (code, json.loads(out)["files"][0]["findings"]) == (0, [])
    code, out, _ = _run(capsys, "--format", "json", "--ignore", "enum", "--ignore", "int_", path)
    assert code == 0


def test_json_format_is_parseable(capsys: pytest.CaptureFixture[str]) -> None:
    """--format json prints the contract and nothing else."""
    code, out, _ = _run(capsys, "--format", "json", str(SMALL))
    data = json.loads(out)
    assert code == 0
    assert data["format_version"] == 1
    assert data["files"][0]["nct_id"] == "NCT00000000"


def test_github_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--format github prints one workflow command per finding."""
    path = _write(tmp_path, "g.yaml", ("count: 40", 'count: "40"'))
    code, out, _ = _run(capsys, "--format", "github", path)
    assert code == 1
    assert out.splitlines()[0].startswith("::error file=")
    assert ",line=23,col=12,title=error[int_type]::design.enrollment.count: " in out


def test_quiet_prints_nothing_when_clean(capsys: pytest.CaptureFixture[str]) -> None:
    """--quiet leaves out the summary, so a clean run is silent."""
    assert _run(capsys, "--quiet", str(SMALL)) == (0, "", "")


def test_colour_on_a_terminal_unless_no_color(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Colour appears only when stdout is a terminal and NO_COLOR is not set."""
    path = _write(tmp_path, "c.yaml", ("count: 40", 'count: "40"'))
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert "\033[" not in _run(capsys, path)[1]
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert "\033[" in _run(capsys, path)[1]
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\033[" not in _run(capsys, path)[1]


def test_dangling_symlink_exits_two(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A record path that leads nowhere (a dangling link) is unreadable input: an io_error that
    says where the link points, exit 2."""
    link = tmp_path / "gone.yaml"
    link.symlink_to(tmp_path / "deleted.yaml")
    code, out, err = _run(capsys, str(link))
    assert (code, err) == (2, "")
    assert f"error[io_error] cannot read the file: it is a symbolic link to {tmp_path}" in out
    assert "deleted.yaml, which does not exist" in out


def test_unreadable_file_exits_two(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file that cannot be read is an io_error finding and exit 2, after the other files."""
    path = _write(tmp_path, "locked.yaml")

    real_open = os.open

    def refuse(name: Any, *args: Any, **kwargs: Any) -> Any:
        """Fail as opening a file without permission does, for the locked file only."""
        if Path(name).name == "locked.yaml":
            raise PermissionError(13, "Permission denied", str(name))
        return real_open(name, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    code, out, _ = _run(capsys, path)
    assert code == 2
    assert f"{path}:1:1: error[io_error] " in out


def test_pre_commit_hook_runs_validate_on_records() -> None:
    """The shipped pre-commit hook runs `trialmodel validate` on YAML files under records/."""
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "trialmodel-validate")
    assert (hook["entry"], hook["language"]) == ("trialmodel validate", "python")
    pattern = re.compile(hook["files"])
    assert pattern.search("records/NCT04544215.yaml")
    assert pattern.search("records/history/NCT04544215/2021-01.yml")
    assert not pattern.search(".github/workflows/ci.yaml")
    assert not pattern.search("records/README.md")


def test_pre_commit_fmt_hook_and_documented_rev() -> None:
    """The fmt hook runs `trialmodel fmt` on the same files; the docs give a commit hash as rev."""
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    by_id = {hook["id"]: hook for hook in hooks}
    assert by_id["trialmodel-fmt"]["entry"] == "trialmodel fmt"
    assert by_id["trialmodel-fmt"]["files"] == by_id["trialmodel-validate"]["files"]
    page = (ROOT / "docs" / "validate.md").read_text(encoding="utf-8")
    config = yaml.safe_load(
        page.split("## As a pre-commit hook", 1)[1].split("```yaml\n")[1].split("```")[0]
    )
    (repo,) = config["repos"]
    assert re.fullmatch(r"[0-9a-f]{40}", repo["rev"])
    assert [hook["id"] for hook in repo["hooks"]] == ["trialmodel-fmt", "trialmodel-validate"]


@pytest.mark.parametrize("option", ["--version", "-V"])
def test_version_prints_the_installed_version(
    capsys: pytest.CaptureFixture[str], option: str
) -> None:
    """--version and its short form -V print the installed version and exit 0."""
    from importlib.metadata import version

    with pytest.raises(SystemExit) as stop:
        main([option])
    assert stop.value.code == 0
    assert capsys.readouterr().out == f"trialmodel {version('trialmodel')}\n"


def test_short_jobs_option(capsys: pytest.CaptureFixture[str]) -> None:
    """-j N is --jobs N: the same findings on two processes."""
    invalid = str(EXAMPLES / "invalid")
    assert _run(capsys, "-j", "2", invalid) == _run(capsys, "--jobs", "1", invalid)


def test_shipped_records_pass_strict(capsys: pytest.CaptureFixture[str]) -> None:
    """records/ passes --strict: its three known warnings are acknowledged in the records."""
    code, out, _ = _run(capsys, "--strict", str(ROOT / "records"))
    assert code == 0
    assert "acknowledged[status_needs_why_stopped] status.overall" in out
    assert "acknowledged[design_part_phase_outside_study] design.parts[1].phases[0]" in out
    assert "acknowledged[design_part_masked_without_who] design.parts[1].masking" in out
    assert out.endswith("(3 warnings acknowledged)\n")


def test_validate_leaves_the_heavy_modules_unloaded() -> None:
    """validate imports no change tracking, registry import or client, output, nor heavy library."""
    script = (
        "import sys\n"
        "from trialmodel.cli import main\n"
        f"main(['validate', '--quiet', {str(SMALL)!r}])\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    lazy = ("trialmodel.change", "trialmodel.ctgov", "trialmodel.updating", "trialmodel.outputs")
    lazy += ("trialmodel.registry",)
    # what only writing files, or showing the schema and the docs, needs (start-up time)
    lazy += ("trialmodel.atomic", "trialmodel.schema.build", "trialmodel.model.docs")
    # The outputs' extras (pyarrow, jinja2, fhir.resources) and the libraries of their tests;
    # the registry extra (httpx, h2, markdownify and bs4, markdown-it-py).
    outputs = ("pyarrow", "jinja2", "fhir", "duckdb", "playwright")
    registry = ("httpx", "h2", "markdownify", "bs4", "markdown_it")
    heavy = ("ruamel", "deepdiff", "jsonschema", *outputs, *registry)
    assert [name for name in run.stdout.split() if name.startswith(lazy + heavy)] == []


def test_json_output_follows_the_exported_schema(capsys: pytest.CaptureFixture[str]) -> None:
    """The JSON of every invalid example and of the records is valid under its exported schema."""
    import jsonschema

    from trialmodel.reporters.findings_schema import build_validation_report_schema

    schema = build_validation_report_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    checker = jsonschema.Draft202012Validator(schema)
    examples = Path(__file__).parents[1] / "examples"
    findings = 0
    for target in (examples / "invalid", examples / "valid", Path(__file__).parents[2] / "records"):
        code, out, _ = _run(capsys, "--format", "json", "--strict", str(target))
        data = json.loads(out)
        assert list(checker.iter_errors(data)) == [], target
        assert code == (0 if data["summary"]["passed"] else 1)
        findings += sum(len(f["findings"]) for f in data["files"])
    assert findings > 50  # the invalid examples were read, not skipped


def _repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, config: str) -> None:
    """A folder holding a git marker, a configuration, a clean record and a stopped one, each
    named by its id as a records folder's files are."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "trialmodel.toml").write_text(config, encoding="utf-8")
    (tmp_path / "records" / "drafts").mkdir(parents=True)
    _write(tmp_path / "records", "NCT00000000.yaml")
    stopped = ("overall: RECRUITING", "overall: SUSPENDED")
    _write(
        tmp_path / "records",
        "NCT00000001.yaml",
        stopped,
        ("nct_id: NCT00000000", "nct_id: NCT00000001"),
    )
    _write(tmp_path / "records" / "drafts", "bad.yaml", ("overall: RECRUITING", "overall: NO"))
    monkeypatch.chdir(tmp_path)


def test_configured_strict_and_exclude(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """strict and exclude from trialmodel.toml apply without options."""
    _repository(tmp_path, monkeypatch, 'strict = true\nexclude = ["drafts"]\n')
    code, out, _ = _run(capsys, "records")
    assert code == 1
    assert out.endswith("1 warning in 1 of 2 records\n")


def test_exclude_option_adds_to_the_configuration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """--exclude leaves out what it matches, named files included; --ignore adds to config."""
    _repository(tmp_path, monkeypatch, 'ignore = ["status_needs_why_stopped"]\n')
    code, out, _ = _run(capsys, "--strict", "--exclude", "records/drafts/", "records")
    assert (code, out) == (0, "2 records valid\n")
    code, out, _ = _run(capsys, "--exclude", "bad.yaml", "records/drafts/bad.yaml")
    assert (code, out) == (0, "no records found\n")


def test_per_file_ignores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """per-file-ignores drops codes for the files its pattern matches only."""
    config = '[per-file-ignores]\n"records/drafts" = ["enum"]\n'
    _repository(tmp_path, monkeypatch, config)
    code, out, _ = _run(capsys, "records")
    assert code == 0
    assert "error[" not in out and "warning[status_needs_why_stopped]" in out


def test_bad_configuration_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A configuration with an unknown key exits 2 naming the file and the key; --config too."""
    _repository(tmp_path, monkeypatch, "strictt = true\n")
    code, out, err = _run(capsys, "records")
    assert (code, out) == (2, "")
    assert "trialmodel.toml: unknown key 'strictt'; did you mean 'strict'?" in err
    (tmp_path / "other.toml").write_text("strict = true\n", encoding="utf-8")
    code, _, _ = _run(capsys, "--config", "other.toml", "records")
    assert code == 1


def test_max_annotations_caps_each_kind_and_counts_the_rest(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """github format: at most N annotations of each kind; the rest are log lines and one notice."""
    code, out, _ = _run(capsys, "--format", "github", "--max-annotations", "3", str(EXAMPLES))
    lines = out.splitlines()
    errors = [line for line in lines if line.startswith("::error ")]
    warnings = [line for line in lines if line.startswith("::warning ")]
    assert (len(errors), len(warnings)) == (3, 3)
    logged = [line for line in lines if re.match(r"^\S+:\d+:\d+: (error|warning)\[", line)]
    assert lines[-2] == (
        f"::notice title=trialmodel::{len(logged)} more findings past --max-annotations 3 "
        "are in the log only"
    )
    code_all, out_all, _ = _run(
        capsys, "--format", "github", "--max-annotations", "0", str(EXAMPLES)
    )
    annotations = [line for line in out_all.splitlines() if line.startswith(("::error", "::warn"))]
    assert len(errors) + len(warnings) + len(logged) == len(annotations)
    assert (code, lines[-1]) == (code_all, out_all.splitlines()[-1])
