"""Tests for the command line's dispatch (``trialmodel.cli``): the parser built for one
subcommand, and the console command's exit."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

import pytest

from trialmodel.cli import COMMANDS, build_parser, main

ROOT = Path(__file__).parents[2]
INVALID = "tests/examples/invalid"

ARGVS = [
    ["validate", "records"],
    ["validate", "--format", "json", "--strict", "-q", "-j", "2", "a.yaml", "b.yaml"],
    ["validate", "--select", "enum,missing", "--ignore", "yaml11_", "--exclude", "x", "r"],
    ["validate", "--max-annotations", "0", "--format", "github", "--config", "t.toml", "r"],
    ["rules", "--format", "json"],
    ["fmt", "--check", "records"],
    ["diff", "a.yaml", "b.yaml"],
    ["schema", "--check"],
]
USAGE_ERRORS = [
    ["validate"],
    ["validate", "--format", "xml", "r"],
    ["validate", "--jobs", "-1", "r"],
    ["validate", "--bogus", "r"],
    ["validate", "--help"],
    ["rules", "--help"],
]


@pytest.mark.parametrize("argv", ARGVS, ids=" ".join)
def test_the_parser_of_one_command_parses_as_the_whole_one(argv: list[str]) -> None:
    """The parser built for the command named first gives the same arguments as the parser
    of every command."""
    parsed = [vars(p.parse_args(argv)) for p in (build_parser(argv[0]), build_parser())]
    for arguments in parsed:  # a command that keeps its own parser: compare what it prints
        if "parser" in arguments:
            arguments["parser"] = arguments["parser"].format_help()
    assert parsed[0] == parsed[1]


@pytest.mark.parametrize("argv", USAGE_ERRORS, ids=" ".join)
def test_the_parser_of_one_command_says_what_the_whole_one_says(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """Help and usage errors are the same, byte for byte, from either parser."""
    said = []
    for parser in (build_parser(argv[0]), build_parser()):
        with pytest.raises(SystemExit) as stop:
            parser.parse_args(argv)
        said.append((stop.value.code, capsys.readouterr()))
    assert said[0] == said[1]


def test_the_command_table_is_the_parser_s() -> None:
    """COMMANDS names every subcommand of the parser, in the order --help lists them."""
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    assert list(sub.choices or ()) == [name for name, _, _ in COMMANDS]


def _console(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "trialmodel", *argv],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )


@pytest.mark.parametrize(
    "argv",
    [
        ["validate", INVALID],
        ["validate", "--format", "json", INVALID],
        ["validate", "records"],
        ["validate", "--select", "no_such_code", "records"],
    ],
    ids=" ".join,
)
def test_the_console_command_prints_everything_main_prints(
    argv: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The console command (which ends its process at once after validate) prints every byte
    that main() prints in-process, and exits with its code."""
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("NO_COLOR", "1")
    code = main(argv)
    printed = capsys.readouterr()
    run = _console(*argv)
    assert (run.returncode, run.stdout, run.stderr) == (code, printed.out, printed.err)
    assert len(run.stdout) > 100 or code == 2


def test_the_console_command_reports_a_closed_pipe_as_before() -> None:
    """A reader that stops early (`| head -1`) ends the command without a traceback."""
    script = (
        f"{sys.executable} -m trialmodel validate {INVALID} | head -1; "
        'echo "status ${PIPESTATUS[0]}"'
    )
    run = subprocess.run(["bash", "-c", script], cwd=ROOT, capture_output=True, text=True)
    assert run.stdout.startswith("tests/examples/invalid/")
    assert "Traceback" not in run.stderr
    assert run.stdout.splitlines()[-1] in ("status 0", "status 120")


def test_validate_leaves_the_garbage_collector_as_it_found_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """main() pauses and freezes the collector for its start-up, and restores it after."""
    assert gc.isenabled()
    main(["validate", "-q", str(ROOT / "records")])
    assert (gc.isenabled(), gc.get_freeze_count()) == (True, 0)
    gc.disable()
    try:
        main(["validate", "-q", str(ROOT / "records")])
        assert (gc.isenabled(), gc.get_freeze_count()) == (False, 0)
    finally:
        gc.enable()
    capsys.readouterr()
