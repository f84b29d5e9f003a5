"""Tests for the exported JSON Schema, its portability, and `trialmodel schema [--check]`."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import regress
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from trialmodel.cli import main
from trialmodel.findings import Severity
from trialmodel.model.record import SCHEMA_VERSION
from trialmodel.model.types import PARTIAL_DATE_PATTERN
from trialmodel.schema.build import (
    DIALECT,
    EXPRESSED_RULES,
    SCHEMA_FILES,
    build_schema,
    render_json,
    render_schema,
)
from trialmodel.schema.generated import find_outdated, generated_files
from trialmodel.validation.rules import RULES

ROOT = Path(__file__).resolve().parents[3]

KEYWORDS_2020_12 = {
    "$schema", "$id", "$ref", "$defs", "$comment", "$anchor", "$dynamicRef", "$dynamicAnchor",
    "$vocabulary", "title", "description", "default", "examples", "deprecated", "readOnly",
    "writeOnly", "type", "enum", "const", "multipleOf", "maximum", "exclusiveMaximum", "minimum",
    "exclusiveMinimum", "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems",
    "maxContains", "minContains", "maxProperties", "minProperties", "required", "dependentRequired",
    "allOf", "anyOf", "oneOf", "not", "if", "then", "else", "dependentSchemas", "prefixItems",
    "items", "contains", "properties", "patternProperties", "additionalProperties",
    "propertyNames", "unevaluatedItems", "unevaluatedProperties", "format", "contentEncoding",
    "contentMediaType", "contentSchema",
}  # fmt: skip
_NAMED = {"properties", "$defs", "patternProperties", "dependentSchemas"}


def _schemas(node: Any, where: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every (sub)schema object in a schema, with a JSON-pointer-like location."""
    if not isinstance(node, dict):
        return
    yield where, node
    for key, value in node.items():
        if key in _NAMED:
            for name, sub in value.items():
                yield from _schemas(sub, f"{where}/{key}/{name}")
        elif key in {"allOf", "anyOf", "oneOf", "prefixItems"}:
            for index, sub in enumerate(value):
                yield from _schemas(sub, f"{where}/{key}/{index}")
        elif isinstance(value, dict) and key not in {"const", "default", "examples", "enum"}:
            yield from _schemas(value, f"{where}/{key}")


def test_schema_is_valid_draft_2020_12() -> None:
    """The schema validates against the 2020-12 meta-schema and declares that dialect."""
    schema = build_schema()
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == DIALECT == "https://json-schema.org/draft/2020-12/schema"


def test_schema_id_is_a_stable_name_carrying_the_version() -> None:
    """The $id is a URN (nothing to fetch) that carries the record format version."""
    schema_id = build_schema()["$id"]
    assert schema_id == f"urn:trialmodel:schema:trial-record:{SCHEMA_VERSION}"


def test_render_is_deterministic_bytes() -> None:
    """Two renders give identical UTF-8 bytes, two-space indented, ending in one newline."""
    first, second = render_schema(), render_schema()
    assert first == second
    assert first.endswith(b"}\n") and not first.endswith(b"\n\n")
    assert first.splitlines()[1].startswith(b'  "$schema"')
    assert json.loads(first) == json.loads(render_json(build_schema()))


def test_defs_are_sorted_and_properties_keep_model_order() -> None:
    """$defs are sorted by name; a record's top-level properties keep the model's order."""
    schema = json.loads(render_schema())
    assert list(schema["$defs"]) == sorted(schema["$defs"])
    assert list(schema["properties"])[:2] == ["schema_version", "identification"]


def test_every_property_and_definition_is_described() -> None:
    """Every property and every $defs entry carries a description taken from the model."""
    schema = build_schema()
    undescribed = [
        where
        for where, node in _schemas(schema)
        if re.search(r"/(properties|\$defs)/[^/]+$", where)
        and "/allOf/" not in where  # the if/then of a rule restates properties it constrains
        and not node.get("description")
    ]
    assert undescribed == []


def test_only_standard_keywords_and_no_pydantic_noise() -> None:
    """Only 2020-12 keywords; no discriminator, no null type, no null default, no -Input defs."""
    schema = build_schema()
    for where, node in _schemas(schema):
        assert set(node) <= KEYWORDS_2020_12, where
        assert node.get("type") != "null" and "null" not in (node.get("type") or []), where
        assert "default" not in node or node["default"] is not None, where
        if re.search(r"/properties/[^/]+$", where):
            assert "title" not in node, where
    assert not [name for name in schema["$defs"] if name.endswith(("-Input", "-Output"))]


def _patterns() -> list[str]:
    return sorted({node["pattern"] for _, node in _schemas(build_schema()) if "pattern" in node})


SAMPLES = [
    "", " ", "\t", "\x1c", "\x85", "\xa0", "\u3000", "\ufeff", " x ", "NCT04544215", "NCT0454421",
    "nct04544215", "2021", "2021-05", "2021-5", "2021-13", "2021-02-29", "2024-02-29", "1900-02-29",
    "2000-02-29", "2021-04-31", "2021-12-31", "0999", "3000-01", "18 Years", "6 Months", "1 Day",
    "18 years", "18 Years ", "1.0", "1.12", "2.0", "1.", "1.x", "Ünïcödé", "🙂", "a\nb",
]  # fmt: skip


@pytest.mark.parametrize("pattern", _patterns())
def test_patterns_agree_in_python_and_rust_ecma_engine(pattern: str) -> None:
    """Each pattern compiles in regress (ECMA-262, in Rust) and matches exactly as Python's re."""
    compiled = regress.Regex(pattern, "u")
    for sample in SAMPLES:
        assert (compiled.find(sample) is not None) == (re.search(pattern, sample) is not None), (
            sample
        )


@pytest.mark.skipif(shutil.which("node") is None, reason="node (an ECMA-262 engine) not installed")
def test_patterns_agree_in_node() -> None:
    """Each pattern compiles in node's RegExp with the u flag and matches exactly as Python's re."""
    script = (
        "const [ps, ss] = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "console.log(JSON.stringify(ps.map(p => ss.map(s => new RegExp(p, 'u').test(s)))));"
    )
    patterns = _patterns()
    given_input = json.dumps([patterns, SAMPLES])
    result = subprocess.run(
        ["node", "-e", script], input=given_input, capture_output=True, text=True, check=True
    )
    expected = [[re.search(p, s) is not None for s in SAMPLES] for p in patterns]
    assert json.loads(result.stdout) == expected


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.integers(0, 9999), st.integers(0, 13), st.integers(0, 32))
def test_partial_date_pattern_is_the_calendar(year: int, month: int, day: int) -> None:
    """PARTIAL_DATE_PATTERN accepts YYYY-MM-DD exactly when it is a real day in 1000-2999."""
    text = f"{year:04d}-{month:02d}-{day:02d}"
    try:
        real = 1000 <= year <= 2999 and dt.date(year, month, day) is not None
    except ValueError:
        real = False
    assert (re.search(PARTIAL_DATE_PATTERN, text) is not None) == real


# --- cross-field rules ------------------------------------------------------------------------


def test_expressed_rules_are_errors_in_the_rules() -> None:
    """Every rule the schema states is in trialmodel.validation.rules as an error (no warnings)."""
    severities = {rule.code: rule.severity for rule in RULES}
    assert {code: severities.get(code) for code in EXPRESSED_RULES} == dict.fromkeys(
        EXPRESSED_RULES, Severity.ERROR
    )


def test_description_lists_every_rule_not_expressed() -> None:
    """The top-level description names every rule code the schema does not check."""
    description = build_schema()["description"]
    missing = [rule.code for rule in RULES if rule.code not in EXPRESSED_RULES]
    assert missing and [code for code in missing if code not in description] == []


# --- generated files and the command ----------------------------------------------------------


def test_committed_files_are_current() -> None:
    """schemas/*.json, docs/record-format.md and validate.md's code tables are current."""
    docs = ROOT / "docs"
    files = generated_files(ROOT / "schemas", docs / "record-format.md", docs / "validate.md")
    assert docs / "validate.md" in [file.path for file in files]
    outdated = [str(item.path.relative_to(ROOT)) for item in find_outdated(files)]
    assert outdated == [], "run `trialmodel schema` and commit the result"


def _args(tmp_path: Path) -> list[str]:
    return ["schema", "--out", str(tmp_path / "s"), "--reference", str(tmp_path / "ref.md")]


def test_schema_writes_every_registered_file(tmp_path: Path) -> None:
    """`trialmodel schema` writes every SCHEMA_FILES entry and the reference, leaving no temp."""
    assert main(_args(tmp_path)) == 0
    written = sorted(p.name for p in (tmp_path / "s").iterdir())
    assert written == sorted(SCHEMA_FILES)
    assert (tmp_path / "ref.md").read_text(encoding="utf-8").startswith("<!-- Generated by")
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_check_passes_when_current(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`trialmodel schema --check` exits 0 right after `trialmodel schema`."""
    main(_args(tmp_path))
    capsys.readouterr()
    assert main([*_args(tmp_path), "--check"]) == 0


def test_check_fails_on_a_hand_edited_schema(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A hand edit makes --check exit 1, naming the file and the command to run."""
    main(_args(tmp_path))
    target = tmp_path / "s" / "trial-record.schema.json"
    target.write_text(target.read_text(encoding="utf-8").replace("Arm label", "Arm name"), "utf-8")
    capsys.readouterr()
    assert main([*_args(tmp_path), "--check"]) == 1
    err = capsys.readouterr().err
    assert "trial-record.schema.json: out of date" in err
    assert f"run `trialmodel schema --out {tmp_path / 's'} --reference" in err


def test_check_fails_on_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A generated file that does not exist makes --check exit 1 and is named as missing."""
    assert main([*_args(tmp_path), "--check"]) == 1
    assert "ref.md: missing" in capsys.readouterr().err


def test_refuses_to_overwrite_a_user_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file trialmodel did not generate is left alone (exit 2) unless --force is given."""
    (tmp_path / "s").mkdir()
    user = tmp_path / "s" / "trial-record.schema.json"
    user.write_text("{}\n", encoding="utf-8")
    assert main(_args(tmp_path)) == 2
    assert "--force" in capsys.readouterr().err
    assert user.read_text(encoding="utf-8") == "{}\n"
    assert not (tmp_path / "ref.md").exists()
    assert main([*_args(tmp_path), "--force"]) == 0
    assert json.loads(user.read_text(encoding="utf-8"))["$id"].startswith("urn:trialmodel:")


def test_unwritable_destination_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A destination that cannot be written gives exit 2 and a one-line error, no traceback."""
    (tmp_path / "s").write_text("a file where a folder should be", encoding="utf-8")
    assert main(_args(tmp_path)) == 2
    err = capsys.readouterr().err
    assert err.startswith("trialmodel schema: error:") and "Traceback" not in err


def test_every_report_versions_its_format_as_an_integer() -> None:
    """validate, import and diff reports share one convention: an integer format_version that the
    schema's $id ends with."""
    reports = {name: build() for name, build in SCHEMA_FILES.items() if "report" in name}
    assert len(reports) >= 3
    for name, schema in reports.items():
        version = schema["properties"]["format_version"]["const"]
        assert isinstance(version, int) and not isinstance(version, bool), name
        assert schema["$id"].endswith(f":{version}"), name


def _nodes(node: object) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _nodes(value)
    elif isinstance(node, list):
        for item in node:
            yield from _nodes(item)


@pytest.mark.parametrize("name", sorted(SCHEMA_FILES))
def test_schemas_meet_ajv_strict_mode(name: str) -> None:
    """What Ajv's strict mode demands (CI also compiles each with Ajv): no union types beyond a
    nullable one, a required name always defined beside it, object keywords with their type."""
    for node in _nodes(SCHEMA_FILES[name]()):
        kinds = node.get("type")
        if isinstance(kinds, list):
            assert len([k for k in kinds if k != "null"]) == 1, node
        if isinstance(node.get("required"), list):
            assert set(node["required"]) <= set(node.get("properties", {})), node
            assert node.get("type") == "object", node
