"""Tests for the finding-code catalog: complete, true to the rules, and its generated doc tables."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from trialmodel.catalog import STAGES, catalog, known_codes, lookup
from trialmodel.cli import main
from trialmodel.schema.generated import CODES_BEGIN, CODES_END, find_outdated, generated_files
from trialmodel.validation.rules import RULES

ROOT = Path(__file__).parents[2]
EXAMPLES = ROOT / "tests" / "examples"
_PRINTED = re.compile(r": (error|warning)\[([a-z0-9_]+)\]")


def test_codes_are_unique_and_staged() -> None:
    """Each code appears once, in a known stage, with an example and a fix."""
    codes = [info.code for info in catalog()]
    assert len(codes) == len(set(codes))
    for info in catalog():
        assert info.stage in STAGES
        assert info.summary and info.example_text and info.fix, info.code


def test_rules_come_from_the_rules_themselves() -> None:
    """Every rule is in the catalog with its own severity, in the order the rules run."""
    rules = [info for info in catalog() if info.stage == "rules"]
    assert [(i.code, i.severity) for i in rules] == [(r.code, r.severity) for r in RULES]


def test_every_printed_code_is_in_the_catalog() -> None:
    """Every code an example file's expected output shows is catalogued with that severity."""
    seen = 0
    for out in sorted((EXAMPLES / "invalid").glob("*.out")):
        for severity, code in _PRINTED.findall(out.read_text(encoding="utf-8")):
            info = lookup(code)
            assert info is not None, (out.name, code)
            assert info.severity == severity, (out.name, code)
            seen += 1
    assert seen > 50


def test_example_files_named_exist() -> None:
    """Each example file the catalog names is in tests/examples/invalid/."""
    for info in catalog():
        for name in info.files:
            assert (EXAMPLES / "invalid" / name).is_file(), (info.code, name)


def test_rules_lists_every_code(capsys: pytest.CaptureFixture[str]) -> None:
    """`trialmodel rules` prints one line per code with its severity."""
    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    listed = {line.split()[0] for line in out.splitlines() if line.startswith("  ")}
    assert listed == known_codes()
    assert re.search(r"^  status_needs_why_stopped +warning +The registry", out, re.M)


def test_rules_code_explains_one(capsys: pytest.CaptureFixture[str]) -> None:
    """`trialmodel rules CODE` gives severity, stage, summary, example and fix."""
    assert main(["rules", "dose_range_inverted"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("dose_range_inverted (error, rules)\n")
    assert "Example: value: 5.0e+6 with max: 1.0e+6\n" in out
    assert "Fix: swap value and max\n" in out


def test_rules_prefix_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    """A prefix ending in _ names every code it starts; --format json gives every field."""
    assert main(["rules", "yaml11_", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [item["code"] for item in data] == [
        "yaml11_boolean",
        "yaml11_octal",
        "yaml11_timestamp",
        "yaml11_float",
    ]
    assert set(data[0]) == {"code", "stage", "severity", "summary", "example", "fix", "files"}


def test_rules_unknown_code_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown code exits 2 with a did-you-mean."""
    assert main(["rules", "status_needs_why"]) == 2
    err = capsys.readouterr().err
    assert "unknown code 'status_needs_why'" in err
    assert "did you mean 'status_needs_why_stopped'?" in err


def test_docs_tables_are_regenerated(tmp_path: Path) -> None:
    """The code tables between the markers are rewritten from the catalog; the rest is kept."""
    page = tmp_path / "validate.md"
    shutil.copyfile(ROOT / "docs" / "validate.md", page)
    text = page.read_text(encoding="utf-8")
    start, end = text.index(CODES_BEGIN), text.index(CODES_END)
    page.write_text(text[:start] + CODES_BEGIN + "stale\n" + text[end:], encoding="utf-8")
    files = generated_files(tmp_path / "s", tmp_path / "ref.md", page)
    assert page in [item.path for item in find_outdated(files)]
    (regenerated,) = [file for file in files if file.path == page]
    assert regenerated.content.decode("utf-8") == text
    assert "| `acknowledgment_unused` | warning |" in text


def test_page_without_markers_is_not_generated(tmp_path: Path) -> None:
    """A validate.md without the markers (another project's) is left out of the generated set."""
    page = tmp_path / "validate.md"
    page.write_text("# notes\n", encoding="utf-8")
    assert page not in [f.path for f in generated_files(tmp_path, tmp_path / "r.md", page)]
