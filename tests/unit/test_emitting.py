"""Tests for trialmodel.emitting: the fast writer gives ruamel.yaml's house-style bytes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from trialmodel.ctgov import CtgovError, import_study, read_studies
from trialmodel.emitting import emit_yaml
from trialmodel.loading import load_path
from trialmodel.model.record import TrialRecord
from trialmodel.writing import SCHEMA_COMMENT, record_data, round_trip_yaml_text, yaml_text

DATA = Path(__file__).resolve().parent.parent / "data"
ROOT = Path(__file__).resolve().parents[2]

# Characters that change the style ruamel.yaml picks: indicators, quotes, spaces and breaks,
# characters only double quotes can hold, and non-ASCII text.
ALPHABET = st.sampled_from(
    [
        *"aZ09 -:#'\",[]{}&*!|>%@`?.~=<+_\n\t\r\\",
        "\x00",
        "\x07",
        "\x1b",
        "\x7f",
        "\x85",
        "\xa0",
        "é",
        "\u2028",
        "\ufeff",
        "\U0001f600",
    ]
)
TEXT = (
    st.text(ALPHABET, max_size=40)
    | st.text(max_size=20)
    | st.sampled_from(
        [
            "yes",
            "No",
            "on",
            "null",
            "~",
            "true",
            "1.0",
            "0o17",
            "09",
            "1e5",
            "-.5",
            "1_000",
            "<<",
            "=",
            "2021-05",
            "2021-5-1 10:00:00",
            "---",
            "...",
            "- x",
            "a: b",
            "a #b",
            "18 Years",
            "",
        ]
    )
)
PROSE = st.lists(
    st.sampled_from(["word", "a", "longer-word", "x" * 30, "it's", "1.0", "é"]),
    min_size=1,
    max_size=60,
).map(" ".join)
SCALAR = TEXT | PROSE | st.integers() | st.booleans() | st.none() | st.floats(allow_nan=False)
KEY = st.from_regex(r"[a-z_][a-z0-9_]{0,10}", fullmatch=True)


def _values(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.lists(children, max_size=4) | st.dictionaries(KEY, children, max_size=4)


VALUE = st.recursive(SCALAR, _values, max_leaves=20)


def _registry_records() -> list[tuple[str, dict[str, Any]]]:
    out = []
    for folder in ("ctgov", "ctgov-corpus"):
        for path in sorted((DATA / folder).glob("*.json")):
            try:
                studies = read_studies(path.read_bytes())
                out += [(path.name, import_study(s, path.name).data) for _, s in studies]
            except CtgovError:
                continue  # refused studies have no record to write
    return out


def _curated_records() -> list[tuple[str, dict[str, Any]]]:
    return [
        (path.name, record_data(TrialRecord.model_validate(load_path(path).data)))
        for path in sorted((ROOT / "records").glob("*.yaml"))
    ]


def _same_as_ruamel(data: dict[str, Any]) -> str | None:
    """The fast text (None where it defers), after checking it is ruamel.yaml's byte for byte."""
    fast = emit_yaml(data)
    if fast is not None:
        assert f"{SCHEMA_COMMENT}\n{fast}" == round_trip_yaml_text(data)
    return fast


@pytest.mark.parametrize(
    ("name", "data"),
    _registry_records() + _curated_records(),
    ids=lambda x: x if isinstance(x, str) else "",
)
def test_records_are_written_fast_and_byte_identical(name: str, data: dict[str, Any]) -> None:
    """Every registry and curated record takes the fast path and gets ruamel.yaml's bytes."""
    assert _same_as_ruamel(data) is not None, f"{name} fell back to ruamel.yaml"


@settings(max_examples=600, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(KEY, VALUE, min_size=1, max_size=6))
@example({"a": "a\n\nb\n"})
@example({"a": ["x: y", {"b": "line\nline"}], "c": {}, "d": []})
def test_any_data_fast_text_is_ruamel_text(data: dict[str, Any]) -> None:
    """For any plain data the fast writer's text, where it gives one, is ruamel.yaml's."""
    fast = _same_as_ruamel(data)
    if fast is not None:
        assert YAML(typ="safe").load(fast) == data  # YAML 1.2, as ruamel.yaml writes it


@given(st.dictionaries(KEY, TEXT | PROSE, min_size=1, max_size=4))
@example({"a": "0\n\n"})
def test_text_values_are_rarely_left_to_ruamel(data: dict[str, Any]) -> None:
    """Strings without YAML's rarer line breaks, empty text or trailing blank lines (kept by
    ``|+``, which no record needs) always take the fast path."""
    unusual = any(
        not v or v.endswith("\n\n") or any(c in v for c in "\x85\u2028\u2029")
        for v in data.values()
    )
    if not unusual:
        assert emit_yaml(data) is not None


def test_yaml_text_falls_back_to_ruamel_with_the_same_result() -> None:
    """Data the fast path defers on (a list in a list) is still written, by ruamel.yaml."""
    data = {"a": [["x"]], "b": "\u2028"}
    assert emit_yaml(data) is None
    assert yaml_text(data) == round_trip_yaml_text(data)
