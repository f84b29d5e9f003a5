"""Every example record through the CLI, compared exactly with the output stored beside it.

``tests/examples/{valid,invalid}/NAME.yaml`` sits beside ``NAME.out``: the first line is
``# exit: N``, the rest is exactly what ``trialmodel validate tests/examples/.../NAME.yaml`` prints,
run from the repository root. After a deliberate change of output, regenerate the files with
``TRIALMODEL_REGEN=1 python -m pytest tests/acceptance/test_example_files.py`` and review the diff.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.acceptance.conftest import regenerate_requested
from trialmodel.cli import main
from trialmodel.validation.rules import RULES

ROOT = Path(__file__).parents[2]
EXAMPLES = ROOT / "tests" / "examples"
FILES = sorted(
    path.relative_to(ROOT).as_posix()
    for kind in ("valid", "invalid")
    for path in (EXAMPLES / kind).glob("*.yaml")
)
REGENERATE = regenerate_requested()


def _expected_path(relative: str) -> Path:
    return (ROOT / relative).with_suffix(".out")


def _format(code: int, stdout: str) -> str:
    return f"# exit: {code}\n{stdout}"


def _write(path: Path, text: str) -> None:
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)


@pytest.fixture
def at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from the repository root, so paths print as given, without colour."""
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("NO_COLOR", "1")


@pytest.mark.usefixtures("at_root")
@pytest.mark.parametrize("relative", FILES)
def test_example_output_matches(relative: str, capsys: pytest.CaptureFixture[str]) -> None:
    """The CLI prints exactly the stored output and exit code for each example record."""
    code = main(["validate", relative])
    captured = capsys.readouterr()
    actual = _format(code, captured.out)
    expected_path = _expected_path(relative)
    if REGENERATE:
        _write(expected_path, actual)
    assert captured.err == ""
    assert expected_path.exists(), f"no {expected_path.name}: run with TRIALMODEL_REGEN=1"
    assert actual == expected_path.read_text(encoding="utf-8")


def test_python_m_trialmodel_matches_one_example() -> None:
    """A real `python -m trialmodel` process prints the stored output and exit code."""
    relative = "tests/examples/invalid/enum_misspelt.yaml"
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    done = subprocess.run(
        [sys.executable, "-m", "trialmodel", "validate", relative],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=60,
    )
    assert done.stderr == ""
    assert _format(done.returncode, done.stdout) == _expected_path(relative).read_text("utf-8")


def test_examples_are_complete() -> None:
    """At least 30 invalid examples; every example has its .out and every .out its example."""
    invalid = [f for f in FILES if f.startswith("tests/examples/invalid/")]
    assert len(invalid) >= 30
    outputs = {p.relative_to(ROOT).as_posix() for p in EXAMPLES.glob("*/*.out")}
    assert outputs == {str(Path(f).with_suffix(".out")) for f in FILES}


def test_every_invalid_example_is_reported() -> None:
    """Each invalid example produces at least one finding; each valid one none."""
    for relative in FILES:
        lines = _expected_path(relative).read_text("utf-8").splitlines()
        findings = [line for line in lines[1:-1] if not line.startswith("  hint: ")]
        assert bool(findings) == relative.startswith("tests/examples/invalid/"), relative


def test_every_rule_has_an_invalid_example() -> None:
    """Each rule code shows up in the stored output of some invalid example."""
    outputs = "".join(p.read_text("utf-8") for p in (EXAMPLES / "invalid").glob("*.out"))
    missing = [rule.code for rule in RULES if f"[{rule.code}]" not in outputs]
    assert missing == []


def test_every_reported_code_is_documented() -> None:
    """Each code in the stored outputs has a row in docs/validate.md."""
    docs = (ROOT / "docs" / "validate.md").read_text("utf-8")
    outputs = "".join(p.read_text("utf-8") for p in EXAMPLES.glob("*/*.out"))
    codes = set(re.findall(r"(?:error|warning)\[([a-z0-9_]+)\]", outputs))
    assert sorted(code for code in codes if f"`{code}`" not in docs) == []
