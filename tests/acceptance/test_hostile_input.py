"""Hostile input never crashes, hangs or slips through `validate` and the generic output.

Each test names the item of the hostile-input review it holds (items 2-13 and the look-alike part
of item 25). Validate cases with a fixed output also have an example file in
tests/examples/invalid/ beside its exact expected output.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from trialmodel.cli import main
from trialmodel.validation import files as validation

ROOT = Path(__file__).parents[2]
EXAMPLES = ROOT / "tests" / "examples"
SMALL = (EXAMPLES / "valid" / "small.yaml").read_text(encoding="utf-8")
CTGOV = ROOT / "tests" / "data" / "ctgov"
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")
"""A control character other than the line feeds between lines of output."""


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _record(folder: Path, name: str, old: str = "", new: str = "") -> Path:
    """The small valid example with ``old`` replaced by ``new``, written as ``folder/name``."""
    assert old in SMALL
    path = folder / name
    path.write_text(SMALL.replace(old, new, 1), encoding="utf-8")
    return path


def _long_zero(folder: Path, name: str = "long.yaml") -> Path:
    return _record(folder, name, "    count: 40\n", "    count: 0" + "1" * 4400 + "\n")


# --- item 2: one file never stops the others --------------------------------------------------


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize(
    "content",
    [
        "x: 0" + "1" * 4400 + "\n",
        "x: -0" + "1" * 4400 + "\n",
        "0" + "1" * 900 + ": 1\n",
        "x: 1" + "1" * 4400 + "e5\n",
    ],
    ids=["leading zero", "negative", "as a key", "float"],
)
def test_long_digit_strings_are_findings_and_other_files_still_count(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, jobs: str
) -> None:
    """Item 2: a 4,400-digit number (leading zero, sign, as a key) is located findings on its
    file, serially and with --jobs 2; the file beside it is still reported."""
    (tmp_path / "a.yaml").write_text(content, encoding="utf-8")
    _record(tmp_path, "b.yaml", "  nct_id: NCT00000000\n", "  nct_id: NCT0000000\n")
    code, out, err = _run(capsys, "validate", "--jobs", jobs, str(tmp_path))
    assert (code, err) == (1, "")
    assert f"{tmp_path / 'a.yaml'}:1:" in out
    assert "error[nct_id_format]" in out and "internal_error" not in out


def test_an_unexpected_exception_is_an_internal_error_on_that_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Item 2: a bug hit while checking one file is an internal_error finding on it (exception
    type and message), exit 2, and every other file is still checked, serially and in parallel
    (worker processes are forked, so they see the same broken check)."""
    real = validation._check_data

    def broken(file: str, data: dict[str, Any], source_map: Any) -> Any:
        if file.endswith("bad.yaml"):
            raise KeyError("Years\n")
        return real(file, data, source_map)

    monkeypatch.setattr(validation, "_check_data", broken)
    _record(tmp_path, "a.yaml")
    _record(tmp_path, "bad.yaml")
    _record(tmp_path, "c.yaml", "  nct_id: NCT00000000\n", "  nct_id: NCT0000000\n")
    for jobs in ("1", "2"):
        code, out, err = _run(capsys, "validate", "--jobs", jobs, str(tmp_path))
        assert (code, err) == (2, "")
        assert (
            f"{tmp_path / 'bad.yaml'}:1:1: error[internal_error] trialmodel failed while checking "
            "this file: KeyError: 'Years\\n'" in out
        )
        assert f"{tmp_path / 'c.yaml'}:5:11: error[nct_id_format]" in out
        assert out.endswith("2 errors in 2 of 3 records\n")


def test_internal_error_in_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Item 2: the internal_error finding is in the JSON contract too, and the run fails."""
    monkeypatch.setattr(validation, "_check_data", lambda *_: 1 / 0)
    path = _record(tmp_path, "a.yaml")
    code, out, _ = _run(capsys, "validate", "--format", "json", str(path))
    data = json.loads(out)
    [finding] = data["files"][0]["findings"]
    assert (code, finding["code"], data["summary"]["passed"]) == (2, "internal_error", False)
    assert "ZeroDivisionError: division by zero" in finding["message"]


def test_diff_of_a_long_digit_record_is_an_error_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Item 2: `diff` on a record with a 4,400-digit count says the record does not validate."""
    old, new = _long_zero(tmp_path, "old.yaml"), _record(tmp_path, "new.yaml")
    code, out, err = _run(capsys, "diff", str(old), str(new))
    assert (code, out) == (2, "")
    assert "int_type" in err and "Traceback" not in err


# --- item 3: ages ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("age", "code"),
    [('"18 Years\\n"', "age_format"), ("9" * 400 + " Years", "age_range_inverted")],
    ids=["final newline", "400 digits"],
)
def test_odd_ages_reach_export_and_diff_as_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], age: str, code: str
) -> None:
    """Item 3: an age with a final line feed, or of 400 digits, is a finding for export and diff
    too (it was a KeyError or an OverflowError)."""
    path = _record(tmp_path, "a.yaml", "  minimum_age: 18 Years\n", f"  minimum_age: {age}\n")
    exit_code, out, err = _run(capsys, "export", "ctgov", str(path))
    assert (exit_code, out) == (1, "")
    assert f"error[{code}] eligibility.minimum_age" in err
    other = _record(tmp_path, "b.yaml")
    exit_code, out, err = _run(capsys, "diff", str(other), str(path))
    assert exit_code == 2 and code in err


def test_huge_ages_are_compared_exactly() -> None:
    """Item 3: ages of any length compare exactly, in every unit."""
    from trialmodel.model.types import age_in_minutes

    assert age_in_minutes("9" * 400 + " Years") > age_in_minutes("9" * 399 + " Years")
    assert age_in_minutes("11 Months") < age_in_minutes("1 Year") < age_in_minutes("13 Months")
    assert age_in_minutes("12 Months") == age_in_minutes("1 Year")  # 12 x 30.4375 = 365.25 days
    assert age_in_minutes("1 Year") == age_in_minutes("525960 Minutes")
    assert age_in_minutes("7 Days") == age_in_minutes("1 Week")
    with pytest.raises(ValueError, match="not a registry age"):
        age_in_minutes("18 Years\n")


def _study(tmp_path: Path, change: Any) -> Path:
    data = json.loads((CTGOV / "NCT00973089.json").read_text(encoding="utf-8"))
    change(data["protocolSection"])
    path = tmp_path / "study.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_import_validates_a_400_digit_age(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """Item 3: the validation after `import` reports a 400-digit age instead of crashing."""

    def change(protocol: dict[str, Any]) -> None:
        protocol["eligibilityModule"]["minimumAge"] = "9" * 400 + " Years"

    code, _, err = _run(
        capsys, "import", "ctgov", str(_study(tmp_path, change)), "--out", str(tmp_path / "out")
    )
    assert code == 1
    assert "error[age_range_inverted] eligibility.minimum_age" in err


# --- item 4: patterns anchor at the true end ------------------------------------------------


def test_import_refuses_an_nct_id_with_a_final_newline(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Item 4: `import` does not write a file named with a line feed for 'NCT00973089\\n'."""

    def change(protocol: dict[str, Any]) -> None:
        protocol["identificationModule"]["nctId"] = "NCT00973089\n"

    out = tmp_path / "out"
    code, _, err = _run(capsys, "import", "ctgov", str(_study(tmp_path, change)), "--out", str(out))
    assert code == 2
    assert "identification.nct_id: not an NCT number" in err
    assert not out.exists() or list(out.iterdir()) == []


def test_python_patterns_anchor_at_the_true_end() -> None:
    """Item 4: every exported pattern, compiled for Python, refuses a final line feed."""
    from trialmodel.model import types

    for name in ("NCT_ID_PATTERN", "PARTIAL_DATE_PATTERN", "AGE_PATTERN", "SCHEMA_VERSION_PATTERN"):
        pattern = types.python_regex(getattr(types, name))
        good = {"NCT": "NCT04544215", "PAR": "2021-05", "AGE": "18 Years", "SCH": "2.1"}[name[:3]]
        assert pattern.search(good) is not None
        assert pattern.search(good + "\n") is None, name


# --- items 5 and 8: what is not a readable regular file ---------------------------------------


def _validate_in_process(*argv: str) -> subprocess.CompletedProcess[str]:
    """`trialmodel validate` in a child process, so that a hang fails the test instead of it."""
    return subprocess.run(
        [sys.executable, "-m", "trialmodel", "validate", *argv],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="the platform has no FIFOs")
def test_a_fifo_is_refused_not_waited_on(tmp_path: Path) -> None:
    """Item 5: a FIFO named as a record, or inside a folder, is an io_error (exit 2) at once."""
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    _record(tmp_path, "ok.yaml")
    for argv in ([str(fifo)], [str(tmp_path)]):
        done = _validate_in_process(*argv)
        assert done.returncode == 2
        assert f"{fifo}:1:1: error[io_error] cannot read the file: it is a FIFO" in done.stdout


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="the platform has no FIFOs")
@pytest.mark.parametrize("command", ["fmt", "migrate"])
def test_fmt_and_migrate_refuse_a_fifo_and_an_oversized_file(tmp_path: Path, command: str) -> None:
    """The rewriting commands read a record as validate does: a FIFO is refused at once (never
    waited on) and a file over the size limit is not read; the other files are still done."""
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * (2 * 1024 * 1024))
    _record(tmp_path, "ok.yaml")
    done = subprocess.run(
        [sys.executable, "-m", "trialmodel", command, "--check", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert f"{fifo}: cannot read the file: it is a FIFO" in done.stderr
    assert f"{big}: the file is 2097152 bytes, over the limit of 1048576 for one record" in (
        done.stderr
    )
    assert "1 file" in done.stdout


def test_dangling_and_looping_links_in_a_folder_are_io_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Item 8: a dangling and a looping *.yaml link inside a folder are each an io_error that
    says what they are (a loop is not 'no such file'), exit 2."""
    (tmp_path / "gone.yaml").symlink_to(tmp_path / "deleted.yaml")
    (tmp_path / "loop.yaml").symlink_to(tmp_path / "loop.yaml")
    _record(tmp_path, "ok.yaml")
    code, out, _ = _run(capsys, "validate", str(tmp_path))
    assert code == 2
    assert "gone.yaml:1:1: error[io_error] cannot read the file: it is a symbolic link to " in out
    assert (
        "loop.yaml:1:1: error[io_error] cannot read the file: it is a loop of symbolic links" in out
    )
    assert out.endswith("2 errors in 2 of 3 records\n")


def _refuse_listing(monkeypatch: pytest.MonkeyPatch, refused: Path) -> None:
    """Listing ``refused`` fails as it does for a non-root user on a folder of mode 000 (the
    suite also runs as root, where mode 000 does not stop reading)."""
    real = os.scandir

    def scandir(path: Any = ".") -> Any:
        if Path(path) == refused:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    real_open = os.open

    def open_(path: Any, *args: Any, **kwargs: Any) -> Any:
        if Path(path) == refused:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_)


@pytest.mark.parametrize("which", ["the folder named", "a subfolder"])
def test_unreadable_folders_are_io_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, which: str
) -> None:
    """Item 8: a folder that cannot be listed, named or inside another, is an io_error, exit 2."""
    sub = tmp_path / "sub"
    sub.mkdir()
    _record(sub, "hidden-by-permissions.yaml")
    _record(tmp_path, "ok.yaml")
    refused = tmp_path if which == "the folder named" else sub
    _refuse_listing(monkeypatch, refused)
    code, out, _ = _run(capsys, "validate", str(tmp_path))
    assert code == 2
    assert f"{refused}:1:1: error[io_error] cannot read the folder: Permission denied" in out


# --- item 9: filters never turn bad input into a pass -----------------------------------------


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--select", "nosuchcode"], "--select: unknown code 'nosuchcode'"),
        (["--select", "enun"], "--select: unknown code 'enun' (did you mean 'enum'?)"),
        (
            ["--ignore", "yaml_tabs"],
            "--ignore: unknown code 'yaml_tabs' (did you mean 'yaml_tab'?)",
        ),
        (["--select", ""], "--select needs at least one code"),
        (["--ignore", ","], "--ignore needs at least one code"),
        (["--select", "nosuch_"], "--select: unknown code 'nosuch_'"),
    ],
)
def test_unknown_codes_are_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    """Item 9: an unknown or empty code in --select/--ignore is a usage error with a
    did-you-mean, exit 2, before any file is read."""
    path = _record(tmp_path, "a.yaml")
    code, out, err = _run(capsys, "validate", *argv, str(path))
    assert (code, out) == (2, "")
    assert f"trialmodel validate: error: {message}\n" in err


def test_known_codes_and_prefixes_are_accepted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Item 9: codes of every kind (loader, model, pydantic, rule) and prefixes are accepted."""
    path = _record(tmp_path, "a.yaml")
    codes = "yaml_tab,yaml11_,enum,int_type,missing,arm_unknown_intervention,control_character"
    assert _run(capsys, "validate", "--select", codes, str(path))[0] == 0


@pytest.mark.parametrize("argv", [["--ignore", "io_error"], ["--select", "enum"]])
def test_unreadable_input_cannot_be_filtered_away(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    """Item 9: --ignore io_error, or a --select that leaves it out, still reports an unreadable
    file and exits 2."""
    (tmp_path / "gone.yaml").symlink_to(tmp_path / "deleted.yaml")
    code, out, _ = _run(capsys, "validate", *argv, str(tmp_path))
    assert code == 2
    assert "error[io_error]" in out


def test_every_documented_code_is_known() -> None:
    """Item 9: each code in docs/validate.md's tables can be selected; and every code of the
    stored example outputs is known."""
    from trialmodel.catalog import known_codes

    docs = (ROOT / "docs" / "validate.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (`[a-z0-9_]+`(?:, `[a-z0-9_]+`)*) \| (?:error|warning) \|", docs, re.M)
    documented = {code for row in rows for code in re.findall(r"`([a-z0-9_]+)`", row)}
    outputs = "".join(p.read_text("utf-8") for p in EXAMPLES.glob("*/*.out"))
    reported = set(re.findall(r"(?:error|warning)\[([a-z0-9_]+)\]", outputs))
    assert len(documented) > 40
    assert sorted((documented | reported) - known_codes()) == []


# --- item 10: control characters --------------------------------------------------------------

CONTROL_KEY = '  "x\\n::error file=evil.yaml,line=1::INJECTED\\r\\e[31m": 1\n'


@pytest.mark.parametrize("output_format", ["text", "github", "json"])
def test_control_characters_never_reach_the_output_raw(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], output_format: str
) -> None:
    """Item 10: a key holding a line feed, a workflow command, CR and ESC is printed escaped in
    every format: no output line starts a GitHub workflow command of the file's making."""
    name = "evil\x1b[2Kname.yaml"
    path = _record(
        tmp_path, name, "  brief_title: Example MSC trial in knee osteoarthritis\n", CONTROL_KEY
    )
    code, out, err = _run(capsys, "validate", "--format", output_format, str(path))
    assert (code, err) == (1, "")
    assert RAW_CONTROL.search(out) is None
    assert not any(line.startswith("::error file=evil.yaml") for line in out.splitlines())
    if output_format == "json":
        [finding] = json.loads(out)["files"][0]["findings"]
        assert (
            finding["path"] == "identification.x\n::error file=evil.yaml,line=1::INJECTED\r\x1b[31m"
        )
    else:
        assert "evil\\x1b[2Kname.yaml" in out
        assert "identification.x\\n::error file=evil.yaml,line=1::INJECTED\\r\\x1b[31m" in out


def test_escaped_control_characters_in_values_are_findings(tmp_path: Path) -> None:
    """Item 10: escapes that make control characters (ESC, NUL, CR, DEL, C1, U+2028) are
    control_character findings on both read paths; tab and line feed escapes are text."""
    from trialmodel.loading import load_bytes, load_reference

    for escape in ("\\e", "\\0", "\\r", "\\x7f", "\\x85", "\\u2028", "\\x9b", "\\uFEFF"):
        content = f'title: "a{escape}b"\n'.encode()
        fast = load_bytes(content, "f")
        assert [f.code for f in fast.findings] == ["control_character"], escape
        assert fast.findings == load_reference(content, "f").findings
    assert load_bytes(b'title: "a\\tb\\nc"\n', "f").findings == ()


def test_import_of_escaped_control_characters_fails_validation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Item 10: a registry title holding ESC is written escaped, and the validation after
    `import` reports it (exit 1), as it would a raw one."""

    def change(protocol: dict[str, Any]) -> None:
        protocol["identificationModule"]["briefTitle"] = "Red \x1b[31m title"

    out = tmp_path / "out"
    code, _, err = _run(capsys, "import", "ctgov", str(_study(tmp_path, change)), "--out", str(out))
    assert code == 1
    assert "error[control_character] identification.brief_title" in err


# --- items 11, 12, 13 -------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["٣", "³", "-1", "1e3", "99999999999"])
def test_jobs_takes_ascii_digits_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    """Item 11: --jobs '٣' (and other non-numbers) is a usage error, exit 2."""
    path = _record(tmp_path, "a.yaml")
    with pytest.raises(SystemExit) as stop:
        main(["validate", "--jobs", value, str(path)])
    assert stop.value.code == 2
    assert "digits 0-9" in capsys.readouterr().err


def test_jobs_above_the_cores_gives_the_serial_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Item 11: --jobs 1000 runs (on at most the machine's cores) and prints the serial output."""
    for index in range(6):
        _record(tmp_path, f"r{index}.yaml", "    count: 40\n", f"    count: {'x' * index}\n")
    serial = _run(capsys, "validate", str(tmp_path))
    assert _run(capsys, "validate", "--jobs", "1000", str(tmp_path)) == serial


@pytest.mark.parametrize(
    "argument", ["..", "../../x", "/etc/passwd", "NCT0454421", "NCT04544215\n", "a b"]
)
def test_history_takes_trial_ids_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argument: str
) -> None:
    """Item 12: `history ..` and other arguments that are no trial id are usage errors, exit 2,
    and read nothing outside the records folder."""
    records = tmp_path / "records"
    records.mkdir()
    code, out, err = _run(capsys, "history", argument, "--records", str(records))
    assert (code, out) == (2, "")
    assert "is not a trial id" in err


def test_history_of_a_name_without_a_record_reads_only_the_records_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An id-shaped name with no record (`records`) is looked up in the records folder only."""
    records = tmp_path / "records"
    records.mkdir()
    (tmp_path / "records.yaml").write_text("not: read\n", encoding="utf-8")
    code, out, err = _run(capsys, "history", "records", "--records", str(records))
    assert (code, out) == (2, "")
    assert f"records: no record in {records} nor in {records}/history/records" in err


def _narrow(*argv: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "trialmodel", *argv],
        capture_output=True,
        text=True,
        encoding="cp1252",
        errors="strict",
        timeout=120,
        check=False,
        cwd=cwd,
        env={**os.environ, "PYTHONIOENCODING": "cp1252", "NO_COLOR": "1"},
    )


def _commands(tmp_path: Path) -> Iterator[tuple[list[str], int]]:
    """Every command with output that holds characters cp1252 cannot encode (≥, ≤, →, Cyrillic)."""
    record = EXAMPLES / "valid" / "small.yaml"
    title = "  brief_title: Example MSC trial in knee osteoarthritis\n"
    changed = _record(tmp_path, "changed.yaml", title, "  brief_title: Возраст ≥ 18 → MSC\n")
    invalid = _record(tmp_path, "invalid.yaml", "  overall: RECRUITING\n", "  overall: Набор ≥\n")
    yield ["validate", str(invalid)], 1
    yield ["validate", "--format", "json", str(invalid)], 1
    yield ["validate", "--format", "github", str(invalid)], 1
    yield ["diff", str(record), str(changed)], 0
    yield ["diff", "--format", "markdown", str(record), str(changed)], 0
    yield ["diff", "--format", "json", str(record), str(changed)], 0
    yield ["history", "NCT04544215"], 0
    yield ["export", "ctgov", str(changed)], 0
    yield ["import", "ctgov", str(CTGOV / "NCT00973089.json"), "--out", str(tmp_path / "i")], 0
    yield ["schema", "--help"], 0


def test_a_narrow_output_encoding_degrades_and_never_crashes(tmp_path: Path) -> None:
    """Item 13: under PYTHONIOENCODING=cp1252 every command prints its whole output, with what
    cp1252 cannot hold escaped, and exits as usual: no UnicodeEncodeError."""
    for argv, expected in _commands(tmp_path):
        done = _narrow(*argv)
        assert "Traceback" not in done.stderr, (argv, done.stderr)
        assert done.returncode in (expected, 1), (argv, done.returncode, done.stderr)
        assert done.stdout, argv
    diff = _narrow("diff", str(EXAMPLES / "valid" / "small.yaml"), str(tmp_path / "changed.yaml"))
    assert "\\u2265 18 \\u2192 MSC" in diff.stdout


# --- items 6 and 7: linear checks, bounded findings and memory --------------------------------


def test_tabs_after_many_hashes_are_read_correctly() -> None:
    """Item 6: the tab check, now linear, still tells a tab in a comment (after ' #', however
    many '#' come before it) from a stray one; benchmarks/hostile.py measures its speed."""
    from trialmodel.loading import load_bytes, load_reference

    in_comment = ("a: b" + "#" * 300 + " #" + "\t" * 300 + "\n").encode()
    stray = ("a: b" + "#" * 300 + "\t #\n").encode()
    for content, codes in ((in_comment, []), (stray, ["yaml_tab"])):
        for load in (load_bytes, load_reference):
            assert [f.code for f in load(content, "f").findings] == codes


def test_findings_are_capped_per_code_with_a_count(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Item 7: 5,000 bad list items give the first 50 findings and one that counts the other
    4,950, with the same code, so the exit code and filters treat it as the rest."""
    items = ", ".join(["1"] * 5000)
    path = _record(tmp_path, "a.yaml", "design:\n", f"conditions: [{items}]\ndesign:\n")
    code, out, _ = _run(capsys, "validate", "--format", "json", str(path))
    findings = json.loads(out)["files"][0]["findings"]
    assert code == 1 and len(findings) == 51
    assert {f["code"] for f in findings} == {"string_type"}
    assert findings[-1]["message"].startswith("4,950 more string_type findings in this file")
    assert _run(capsys, "validate", "--ignore", "string_type", str(path))[0] == 0


def test_more_than_the_node_limit_is_one_finding(tmp_path: Path) -> None:
    """Item 7: past 50,000 keys and values a file is one yaml_too_many_nodes finding, on both read
    paths, so that no file can make the model build a million errors."""
    from trialmodel.loading import MAX_NODES, load_bytes, load_reference

    content = ("a: [" + ",".join(["1"] * MAX_NODES) + "]\n").encode()
    fast, reference = load_bytes(content, "f"), load_reference(content, "f")
    assert [f.code for f in fast.findings] == ["yaml_too_many_nodes"]
    assert fast.findings == reference.findings
    # the root mapping, its key and the sequence are three of the nodes
    below = ("a: [" + ",".join(["1"] * (MAX_NODES - 3)) + "]\n").encode()
    assert load_bytes(below, "f").findings == ()


def test_reports_are_written_as_files_are_checked() -> None:
    """Item 7: write_report writes each file's findings before it asks for the next report, in
    every format, so that memory does not grow with the number of files."""
    import io

    from trialmodel.findings import FileReport, Finding, Severity
    from trialmodel.reporters.findings import write_report

    finding = Finding("a.yaml", 1, 1, "x", "enum", Severity.ERROR, "bad")
    written = {}
    for output_format in ("text", "json", "github"):
        out = io.StringIO()
        seen: list[int] = []

        def reports(out: io.StringIO = out, seen: list[int] = seen) -> Iterator[FileReport]:
            yield FileReport("a.yaml", (finding,))
            seen.append(len(out.getvalue()))
            yield FileReport("b.yaml")

        totals = write_report(reports(), out, output_format)
        assert seen[0] > 0 and "a.yaml" in out.getvalue()[: seen[0]], output_format
        assert (totals.records, totals.errors) == (2, 1)
        written[output_format] = out.getvalue()
    assert json.loads(written["json"])["summary"]["records"] == 2


# --- item 1: the finding for deep nesting does not depend on the libyaml PyYAML bundles --------


@pytest.mark.parametrize(
    "content",
    [
        b"a: " + b"[" * 2000 + b"]" * 2000 + b"\n",
        b"[" * 1500 + b"\n",
        b'a:\n  b: ["[[[", # [[[[\n    ' + b"[" * 1200 + b"\n",
        b"- - - " + b"[" * 1100 + b"\n",
        b'"q[": ' + b"[" * 1100 + b"\n",
    ],
    ids=[
        "under a key",
        "at the root",
        "after quotes and a comment",
        "in block lists",
        "quoted key",
    ],
)
def test_deep_flow_nesting_is_placed_as_the_reference_reader_places_it(content: bytes) -> None:
    """Item 1: past libyaml 0.2.6's own limit of 1000 (PyYAML 6.0.3+), the fast path's
    yaml_too_deep is at the bracket that passes 64 levels, as ruamel.yaml's path says (it was at
    the 1001st bracket), whichever libyaml is installed."""
    from trialmodel.loading import load_bytes, load_reference

    fast, reference = load_bytes(content, "f"), load_reference(content, "f")
    assert [f.code for f in fast.findings] == ["yaml_too_deep"]
    assert fast.findings == reference.findings
    assert fast.findings[0].column < 100
