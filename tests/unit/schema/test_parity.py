"""The exported JSON Schema and the model give the same verdict on the same data.

The model's verdict is TrialRecord plus the cross-field rules the schema states (EXPRESSED_RULES);
rules the schema does not state are listed in its description, and are not compared here.
"""

from __future__ import annotations

import copy
import functools
import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import regress
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema import ValidationError as SchemaError
from jsonschema.validators import extend
from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from trialmodel.model.record import TrialRecord
from trialmodel.schema.build import EXPRESSED_RULES, build_schema, render_schema
from trialmodel.validation.rules import check_record

ROOT = Path(__file__).resolve().parents[3]
RECORDS = sorted((ROOT / "records").glob("**/*.yaml"))
VALID = sorted((ROOT / "tests" / "examples" / "valid").glob("*.yaml"))
INVALID = sorted((ROOT / "tests" / "examples" / "invalid").glob("*.yaml"))
SMALL = ROOT / "tests" / "examples" / "valid" / "small.yaml"


def _ecma_pattern(_validator: Any, pattern: str, instance: Any, _schema: Any) -> Iterator[Any]:
    """``pattern`` with ECMA-262 semantics, as JSON Schema specifies and check-jsonschema reads
    it: jsonschema's default uses Python's ``re``, whose ``$`` also matches before a final
    newline, and would hide exactly the disagreement these tests look for."""
    if isinstance(instance, str) and not regress.Regex(pattern, flags="u").find(instance):
        yield SchemaError(f"{instance!r} does not match {pattern!r}")


EcmaValidator = extend(Draft202012Validator, {"pattern": _ecma_pattern})
VALIDATOR = EcmaValidator(build_schema(), format_checker=FormatChecker())
MUTATION_CAP = 600
"""At most this many of the enumerated mutations run (evenly spread), to keep the suite quick."""

Path_ = tuple[str | int, ...]


@functools.cache
def _load(path: Path) -> Any:
    """A file's data as a YAML 1.2 reader gives it (cached: callers copy before they change it)."""
    return YAML(typ="safe", pure=True).load(path.read_bytes())


def model_accepts(data: Any) -> bool:
    """The model's verdict: TrialRecord accepts the data and no rule the schema states fires."""
    try:
        record = TrialRecord.model_validate(data)
    except ValidationError:
        return False
    return not any(rule.code in EXPRESSED_RULES for rule, _ in check_record(record))


def schema_accepts(data: Any) -> bool:
    """The schema's verdict under Draft202012Validator with a FormatChecker."""
    return bool(VALIDATOR.is_valid(data))


def _id(path: Path) -> str:
    return str(path.relative_to(ROOT))


@pytest.mark.parametrize("path", RECORDS + VALID, ids=_id)
def test_records_and_valid_examples_pass_both(path: Path) -> None:
    """Every record and every valid example is accepted by the schema and by the model."""
    data = _load(path)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(data)]
    assert errors == []
    assert model_accepts(data)


def _loadable_invalid() -> Iterator[Any]:
    for path in INVALID:
        try:
            yield pytest.param(_load(path), id=path.name)
        except (YAMLError, UnicodeDecodeError, ValueError):
            continue  # a loader-level problem (syntax, duplicate key, encoding): no data to compare


@pytest.mark.parametrize("data", list(_loadable_invalid()))
def test_invalid_examples_get_one_verdict(data: Any) -> None:
    """Each invalid example that loads gets the same verdict from the schema and the model."""
    assert schema_accepts(data) == model_accepts(data)


# --- hand-built structural errors -------------------------------------------------------------


def _small() -> Any:
    return _load(SMALL)


def _set(data: Any, path: Path_, value: Any) -> Any:
    changed = copy.deepcopy(data)
    node = changed
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return changed


def _drop(data: Any, path: Path_) -> Any:
    changed = copy.deepcopy(data)
    node = changed
    for step in path[:-1]:
        node = node[step]
    del node[path[-1]]
    return changed


COUNT = ("design", "enrollment", "count")
DOSE = ("arms", 0, "dose_levels", 0, "dose", "value")
REJECTED: dict[str, Callable[[Any], Any]] = {
    "wrong type: mapping for a list": lambda d: _set(d, ("arms",), {"label": "x"}),
    "unknown key": lambda d: _set(d, ("identification", "nct_idd"), "NCT00000000"),
    "missing required key": lambda d: _drop(d, ("identification", "nct_id")),
    "value outside an enum": lambda d: _set(d, ("status", "overall"), "SUSPENDD"),
    "mirror spelling of an enum": lambda d: _set(d, ("status", "overall"), "Recruiting"),
    "bad NCT id": lambda d: _set(d, ("identification", "nct_id"), "NCT1234567"),
    "impossible date": lambda d: _set(d, ("status", "start", "date"), "2021-02-30"),
    "unpadded month": lambda d: _set(d, ("status", "start", "date"), "2021-5"),
    "bad age": lambda d: _set(d, ("eligibility",), {"minimum_age": "18 years"}),
    "negative count": lambda d: _set(d, COUNT, -1),
    "zero dose": lambda d: _set(d, DOSE, 0),
    "explicit null": lambda d: _set(d, ("status", "start", "type"), None),
    "explicit null in a required key": lambda d: _set(d, ("status", "overall"), None),
    "empty string": lambda d: _set(d, ("identification", "brief_title"), ""),
    "whitespace-only string": lambda d: _set(d, ("identification", "brief_title"), " \t\u3000"),
    "bool where int": lambda d: _set(d, COUNT, True),
    "int where str": lambda d: _set(d, ("identification", "brief_title"), 7),
    "str where int": lambda d: _set(d, COUNT, "40"),
    "fraction where int": lambda d: _set(d, COUNT, 12.5),
    "bool where number": lambda d: _set(d, DOSE, True),
    "empty list where one item is needed": lambda d: _set(d, ("design", "phases"), []),
    "cell-based without a product": lambda d: _drop(d, ("interventions", 0, "product")),
    "schema major version 1 (migrate it)": lambda d: _set(d, ("schema_version",), "1.2"),
    "schema major version 3": lambda d: _set(d, ("schema_version",), "3.0"),
    "NCT id with a trailing newline": lambda d: _set(
        d, ("identification", "nct_id"), "NCT00000000\n"
    ),
    "date with a trailing newline": lambda d: _set(d, ("status", "start", "date"), "2021-05\n"),
    "schema version with a trailing newline": lambda d: _set(d, ("schema_version",), "1.1\n"),
    "age with a trailing newline": lambda d: _set(
        d, ("eligibility",), {"minimum_age": "18 Years\n"}
    ),
    "NCT id with a trailing CR LF": lambda d: _set(
        d, ("identification", "nct_id"), "NCT00000000\r\n"
    ),
    "NCT id with a leading newline": lambda d: _set(
        d, ("identification", "nct_id"), "\nNCT00000000"
    ),
}
ACCEPTED: dict[str, Callable[[Any], Any]] = {
    "whole float where int (JSON Schema's integer)": lambda d: _set(d, COUNT, 12.0),
    "int where number": lambda d: _set(d, DOSE, 1000000),
    "optional key left out": lambda d: _drop(d, ("status", "start", "type")),
}


@pytest.mark.parametrize("name", list(REJECTED))
def test_structural_errors_rejected_by_both(name: str) -> None:
    """A document broken in one structural way is rejected by the schema and by the model."""
    data = REJECTED[name](_small())
    assert (schema_accepts(data), model_accepts(data)) == (False, False)


@pytest.mark.parametrize("name", list(ACCEPTED))
def test_equivalent_spellings_accepted_by_both(name: str) -> None:
    """Data that JSON Schema reads as valid (12.0 is an integer) is valid for the model too."""
    data = ACCEPTED[name](_small())
    assert (schema_accepts(data), model_accepts(data)) == (True, True)


# --- mutations of the real records ------------------------------------------------------------


def _nodes(data: Any, path: Path_ = ()) -> Iterator[tuple[Path_, Any]]:
    yield path, data
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _nodes(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _nodes(value, (*path, index))


def _replacements(value: Any) -> list[tuple[str, Any]]:
    """Type changes, near misses, broken patterns and bad numbers for one value."""
    if isinstance(value, bool):
        return [("int for bool", 1), ("str for bool", "true"), ("null", None)]
    if isinstance(value, int):
        return [
            ("bool", True),
            ("str", str(value)),
            ("zero", 0),
            ("negative", -1),
            ("whole float", float(value)),
            ("fraction", value + 0.5),
            ("null", None),
        ]
    if isinstance(value, float):
        return [("zero", 0.0), ("negative", -value), ("bool", True), ("str", str(value))]
    if isinstance(value, str):
        return [
            ("int for str", 7),
            ("empty", ""),
            ("blank", "  "),
            ("lower", value.lower()),
            ("near miss", value[:-1]),
            ("longer", value + "0"),
            ("null", None),
            ("date-like", "2021-02-30"),
            ("list for str", [value]),
            # Where a string ends: Python's $ also matches before a final newline.
            ("trailing newline", value + "\n"),
            ("trailing CR LF", value + "\r\n"),
            ("trailing space", value + " "),
            ("leading newline", "\n" + value),
        ]
    if isinstance(value, list):
        return [
            ("str for list", "x"),
            ("empty list", []),
            ("wrong item", [*value, 7]),
            ("mapping for list", {"x": value}),
        ]
    return [("list for mapping", [value]), ("str for mapping", "x")]


Mutation = tuple[str, Path_, str, Any]
"""(name, path, operation: add / drop / set, new value)."""


def _mutations(data: Any) -> Iterator[Mutation]:
    """Every single-step mutation of a document, in a fixed order (described, not yet applied)."""
    for path, value in _nodes(data):
        if isinstance(value, dict):
            yield f"{path} add key", path, "add", "x"
        if path:
            yield f"{path} drop", path, "drop", None
            for name, replacement in _replacements(value):
                yield f"{path} {name}", path, "set", replacement


def _apply(data: Any, mutation: Mutation) -> Any:
    _, path, operation, value = mutation
    if operation == "add":
        return _set(data, (*path, "unknown_key"), value)
    return _drop(data, path) if operation == "drop" else _set(data, path, value)


_DOCUMENTS = {_id(p): _load(p) for p in RECORDS + VALID}


def _all_mutations() -> list[tuple[str, Mutation]]:
    found = [(name, m) for name, doc in _DOCUMENTS.items() for m in _mutations(doc)]
    stride = max(1, len(found) // MUTATION_CAP)
    return found[::stride]


def test_mutated_records_get_one_verdict(record_property: Callable[[str, object], None]) -> None:
    """Hundreds of one-step mutations of the real records get the same verdict from both."""
    verdicts = []
    for document, mutation in _all_mutations():
        data = _apply(_DOCUMENTS[document], mutation)
        verdicts.append((f"{document} {mutation[0]}", schema_accepts(data), model_accepts(data)))
    record_property("mutations", len(verdicts))
    print(f"{len(verdicts)} mutations compared")
    assert len(verdicts) >= 300
    assert {schema for _, schema, _ in verdicts} == {True, False}  # not vacuous either way
    assert [name for name, schema, model in verdicts if schema != model] == []


@settings(
    max_examples=100,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.data())
def test_random_mutations_get_one_verdict(data: st.DataObject) -> None:
    """A randomly drawn mutation (or two in a row) of a real record gets the same verdict."""
    document = _DOCUMENTS[data.draw(st.sampled_from(sorted(_DOCUMENTS)), label="document")]
    for _ in range(data.draw(st.integers(1, 2), label="steps")):
        mutation = data.draw(st.sampled_from(list(_mutations(document))), label="mutation")
        document = _apply(document, mutation)
    assert schema_accepts(document) == model_accepts(document)


# --- other readers: PyYAML and check-jsonschema -----------------------------------------------


@pytest.mark.parametrize("path", RECORDS + VALID, ids=_id)
def test_yaml_1_1_reader_and_jsonschema_accept_records(path: Path) -> None:
    """A YAML 1.1 reader (PyYAML safe_load) reads each record into data the schema accepts."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert [e.message for e in VALIDATOR.iter_errors(data)] == []
    assert data == _load(path)  # YAML 1.1 and YAML 1.2 readers read the same values


@pytest.mark.parametrize("path", RECORDS, ids=_id)
def test_records_name_the_schema_for_editors(path: Path) -> None:
    """Each record's first line points editors at the committed schema, relative to the record."""
    first = path.read_text(encoding="utf-8").splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    assert first.startswith(prefix)
    target = (path.parent / first.removeprefix(prefix)).resolve()
    assert target == ROOT / "schemas" / "trial-record.schema.json"


def _check_jsonschema(schema: Path, *files: Path) -> subprocess.CompletedProcess[str]:
    command = [
        sys.executable,
        "-m",
        "check_jsonschema",
        "--schemafile",
        str(schema),
        *map(str, files),
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def test_check_jsonschema_accepts_records(tmp_path: Path) -> None:
    """check-jsonschema (ECMA-262 regexes, its own YAML reader) accepts every record."""
    schema = tmp_path / "trial-record.schema.json"
    schema.write_bytes(render_schema())
    result = _check_jsonschema(schema, *RECORDS, *VALID)
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_jsonschema_rejects_a_broken_record(tmp_path: Path) -> None:
    """check-jsonschema rejects a record with an impossible date, so the previous test can fail."""
    schema = tmp_path / "trial-record.schema.json"
    schema.write_bytes(render_schema())
    broken = tmp_path / "broken.yaml"
    broken.write_text(json.dumps(REJECTED["impossible date"](_small())), encoding="utf-8")
    result = _check_jsonschema(schema, broken)
    assert result.returncode == 1
    assert "2021-02-30" in result.stdout + result.stderr


def test_schema_examples_pass_both() -> None:
    """The example record in the schema is valid for the schema and for the model."""
    examples = build_schema()["examples"]
    assert examples and all(schema_accepts(e) and model_accepts(e) for e in examples)
