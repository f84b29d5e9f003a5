"""Tests for shell completion: scripts generated from the parser, run in the real shells."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from trialmodel.cli import build_parser, main
from trialmodel.completion import commands, completion_script


def _shell(name: str) -> str:
    """The shell's path; in CI (which installs them) a missing shell fails instead of skipping."""
    found = shutil.which(name)
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is not installed; .ci/run installs it")
        pytest.skip(f"{name} is not installed")
    return found


def _script(tmp_path: Path, shell: str) -> Path:
    path = tmp_path / f"completion.{shell}"
    path.write_text(completion_script(shell, build_parser()), encoding="utf-8")
    return path


def test_every_subcommand_and_option_comes_from_the_parser() -> None:
    """The completion model lists every subcommand and every option string of the parser."""
    parser = build_parser()
    top, cmds = commands(parser)
    assert {"-V", "--version"} <= {o.flag for o in top}
    names = [c.name for c in cmds]
    assert {"validate", "rules", "fmt", "completion", "schema", "diff", "import"} <= set(names)
    validate = next(c for c in cmds if c.name == "validate")
    flags = {o.flag: o for o in validate.options}
    assert flags["--format"].choices == ("text", "json", "github")
    assert {"-j", "--jobs", "--strict", "--exclude", "--max-annotations"} <= set(flags)
    assert "status_needs_why_stopped" in next(c for c in cmds if c.name == "rules").words


def test_completion_command_prints_the_script(capsys: pytest.CaptureFixture[str]) -> None:
    """`trialmodel completion bash` prints the bash script."""
    assert main(["completion", "bash"]) == 0
    assert (
        "complete -o filenames -o bashdefault -F _trialmodel trialmodel" in capsys.readouterr().out
    )


def _bash_complete(script: Path, *words: str) -> list[str]:
    program = (
        f"source {script}; COMP_WORDS=(trialmodel {' '.join(repr(w) for w in words)}); "
        f"COMP_CWORD={len(words)}; _trialmodel; printf '%s\\n' \"${{COMPREPLY[@]}}\""
    )
    run = subprocess.run([_shell("bash"), "-c", program], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return run.stdout.split()


def test_bash_completes_commands_options_choices_and_codes(tmp_path: Path) -> None:
    """In bash: subcommands, options, an option's choices and rule codes complete."""
    script = _script(tmp_path, "bash")
    assert _bash_complete(script, "val") == ["validate"]
    assert _bash_complete(script, "validate", "--format", "") == ["text", "json", "github"]
    assert _bash_complete(script, "validate", "--st") == ["--strict"]
    assert _bash_complete(script, "rules", "yaml11_t") == ["yaml11_timestamp"]
    assert _bash_complete(script, "completion", "f") == ["fish"]


def test_fish_completes_commands_options_and_choices(tmp_path: Path) -> None:
    """In fish (`complete -C`): subcommands, options and an option's choices complete."""
    script = _script(tmp_path, "fish")

    def complete(line: str) -> list[str]:
        program = f"source {script}; complete -C '{line}'"
        run = subprocess.run([_shell("fish"), "-c", program], capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
        return [row.split("\t")[0] for row in run.stdout.splitlines()]

    assert complete("trialmodel val") == ["validate"]
    assert sorted(complete("trialmodel validate --format ")) == ["github", "json", "text"]
    assert complete("trialmodel validate --st") == ["--strict"]
    assert complete("trialmodel rules yaml11_b") == ["yaml11_boolean"]


# Types a line and a tab into an interactive zsh (zsh/zpty), then reads the screen back.
_ZPTY = r"""
zmodload zsh/zpty
zpty z 'zsh -f -i'
zpty -w z "PS1=''; fpath=($1 \$fpath); autoload -U compinit; compinit -u -D"
zpty -w z "$2"$'\t'
zpty -w z $'\necho DONE-MARK'
out=""
for i in {1..100}; do
  if zpty -r -t z chunk; then out+="$chunk"; fi
  [[ $out == *DONE-MARK*DONE-MARK* ]] && break
  sleep 0.1
done
print -r -- "$out"
zpty -d z
"""
_TERMINAL_CODES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|[\x00-\x08\r]")


@pytest.mark.parametrize(
    ("typed", "completed"),
    [
        ("trialmodel val", "trialmodel validate "),
        ("trialmodel validate --form", "trialmodel validate --format "),
        ("trialmodel validate --format j", "trialmodel validate --format json "),
        ("trialmodel rules yaml11_t", "trialmodel rules yaml11_timestamp "),
    ],
)
def test_zsh_completes_a_typed_line(tmp_path: Path, typed: str, completed: str) -> None:
    """In an interactive zsh, a tab after the typed words completes them."""
    (tmp_path / "_trialmodel").write_text(completion_script("zsh", build_parser()), "utf-8")
    driver = tmp_path / "drive.zsh"
    driver.write_text(_ZPTY, encoding="utf-8")
    run = subprocess.run(
        [_shell("zsh"), "-f", str(driver), str(tmp_path), typed],
        capture_output=True,
        text=True,
        timeout=60,
    )
    screen = _TERMINAL_CODES.sub("", run.stdout)
    assert completed in screen, screen[-500:]


def test_zsh_script_parses_and_registers(tmp_path: Path) -> None:
    """In zsh: the script parses (zsh -n) and, sourced after compinit, registers _trialmodel."""
    script = _script(tmp_path, "zsh")
    zsh = _shell("zsh")
    subprocess.run([zsh, "-n", str(script)], check=True)
    program = f"autoload -U compinit; compinit -u -D; source {script}; print $_comps[trialmodel]"
    run = subprocess.run([zsh, "-f", "-c", program], capture_output=True, text=True, check=True)
    assert run.stdout == "_trialmodel\n"
