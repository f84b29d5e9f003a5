"""Property tests: whatever the bytes, validate_bytes returns located findings and never raises."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from trialmodel.findings import FileReport, Severity
from trialmodel.validation.files import validate_bytes
from trialmodel.validation.files import validate_serially as validate_paths

ROOT = Path(__file__).parents[3]
SEEDS = sorted(
    [*ROOT.glob("records/*.yaml"), *ROOT.glob("tests/examples/valid/*.yaml")],
    key=lambda p: p.as_posix(),
)
TEXTS = [path.read_bytes() for path in SEEDS]
FUZZ = settings(max_examples=60, derandomize=True, deadline=None)

YAML_PIECES = [
    b":", b"- ", b"[", b"]", b"{", b"}", b"&a ", b"*a", b"<<: ", b"!!python/name:os.system",
    b"\t", b"#", b"\n", b"'", b'"', b"%YAML 1.1\n", b"---\n", b"no", b"010", b"2021-02-30",
    b"\xff", b"\x00", b"~", b"null", b"  ", b"? ", b"|", b">",
    # hostile shapes: long digit strings, escaped control characters, escaped final newlines
    b"0" + b"1" * 4400, b"-0" + b"7" * 4400, b"9" * 400 + b" Years", b'"\\e[31m"', b'"\\0"',
    b'"\\r"', b'"\\x85"', b'"\\u2028"', b'"18 Years\\n"', b'"NCT04544215\\n"', b'"1.1\\n"',
    b"#" * 300 + b" #" + b"\t" * 300,
]  # fmt: skip

LONG_DIGITS = st.builds(
    lambda sign, zero, digits: f"{sign}{zero}{digits}",
    st.sampled_from(["", "-", "+"]),
    st.sampled_from(["", "0"]),
    st.text("0123456789", min_size=4290, max_size=4500),
)
"""Digit strings around Python's 4,300-digit limit for int(), with or without a leading zero."""
CONTROL = st.characters(codec="utf-8", categories=["Cc", "Zl", "Zp", "Cf"])
"""Control characters (and format characters such as U+FEFF), which a record may not hold."""

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(["RECRUITING", "SUSPENDD", "NCT0000000", "2021-5", "18 Years", "1.0e+6"]),
    # hostile shapes: long digit strings, final newlines and other string ends, control characters
    LONG_DIGITS,
    st.text("123456789", min_size=3990, max_size=4290).map(int),  # int() refuses longer
    st.sampled_from(["NCT04544215", "2021-05", "18 Years", "2.1", "9" * 400 + " Years"]).flatmap(
        lambda text: st.sampled_from(["\n", "\r\n", " ", "\t", "\x00"]).map(lambda end: text + end)
    ),
    st.builds(lambda a, c, b: a + c + b, st.text(max_size=5), CONTROL, st.text(max_size=5)),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


def _check(report: FileReport, name: str) -> None:
    """Every finding is located in the named file; none is an internal_error, which would be a
    bug that validate_bytes caught (it never raises, so only this shows one)."""
    for finding in report.findings:
        assert finding.code != "internal_error", finding.message
        assert finding.file == name
        assert finding.line >= 1 and finding.column >= 1
        assert finding.code and isinstance(finding.severity, Severity)
        assert finding.message


@FUZZ
@given(st.binary(max_size=2000))
def test_random_bytes_give_findings_not_exceptions(content: bytes) -> None:
    """Random bytes never raise; every finding is located in the named file."""
    _check(validate_bytes(content, "random.yaml"), "random.yaml")


@FUZZ
@given(
    st.sampled_from(TEXTS),
    st.lists(
        st.tuples(
            st.floats(min_value=0, max_value=1),
            st.integers(min_value=0, max_value=8),
            st.one_of(st.sampled_from(YAML_PIECES), st.binary(max_size=6)),
        ),
        min_size=1,
        max_size=4,
    ),
)
def test_byte_mutations_of_records_never_raise(
    text: bytes, edits: list[tuple[float, int, bytes]]
) -> None:
    """Records with bytes cut out and YAML-significant pieces spliced in never raise."""
    for where, cut, piece in edits:
        at = int(where * len(text))
        text = text[:at] + piece + text[at + cut :]
    _check(validate_bytes(text, "mutated.yaml"), "mutated.yaml")


def _nodes(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _nodes(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _nodes(value, (*path, index))
    return found


def _mutate(data: Any, path: tuple[Any, ...], action: str, value: Any) -> Any:
    if not path:
        return value
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if action == "delete":
        del parent[last]
    elif action == "rename" and isinstance(parent, dict):
        parent[f"{last}_x"] = parent.pop(last)
    elif action == "duplicate" and isinstance(parent, list):
        parent.insert(last, parent[last])
    else:
        parent[last] = value
    return data


@FUZZ
@given(
    st.sampled_from(TEXTS),
    st.data(),
    st.sampled_from(["delete", "rename", "duplicate", "replace"]),
    values,
)
def test_structural_mutations_of_records_never_raise(
    text: bytes, data: st.DataObject, action: str, value: Any
) -> None:
    """Records with a node deleted, renamed, duplicated or replaced give findings, not errors."""
    record = yaml.safe_load(text)
    path = data.draw(st.sampled_from(_nodes(record)))
    mutated = _mutate(record, path, action, value)
    content = yaml.safe_dump(mutated, allow_unicode=True, sort_keys=False).encode()
    _check(validate_bytes(content, "changed.yaml"), "changed.yaml")


ENTRIES = ["regular", "broken", "dangling link", "looping link", "fifo", "folder named .yaml"]


def _make(folder: Path, index: int, kind: str) -> None:
    path = folder / f"{index:02d}.yaml"
    if kind == "regular":
        path.write_bytes(TEXTS[0])
    elif kind == "broken":
        path.write_bytes(b"a: [\n")
    elif kind == "dangling link":
        path.symlink_to(folder / "missing.yaml")
    elif kind == "looping link":
        path.symlink_to(path)
    elif kind == "fifo" and hasattr(os, "mkfifo"):
        os.mkfifo(path)
    elif kind == "folder named .yaml":
        path.mkdir()
        (path / "inner.yaml").write_bytes(TEXTS[0])
    else:
        path.write_bytes(TEXTS[0])


@settings(max_examples=40, derandomize=True, deadline=None)
@given(st.lists(st.sampled_from(ENTRIES), min_size=1, max_size=6))
def test_unreadable_paths_are_io_errors_and_never_hide_the_others(kinds: list[str]) -> None:
    """A folder of readable, broken and unreadable entries (links that dangle or loop, FIFOs,
    a folder named like a record): every file gets its report, every unreadable one an io_error,
    and nothing raises or waits."""
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for index, kind in enumerate(kinds):
            _make(folder, index, kind)
        report = validate_paths([folder])
    unreadable = {"dangling link", "looping link"} | ({"fifo"} if hasattr(os, "mkfifo") else set())
    assert len(report.files) == len(kinds)
    for file_report in report.files:
        _check(file_report, file_report.file)
    io_errors = [f for f in report.files if any(x.code == "io_error" for x in f.findings)]
    assert len(io_errors) == sum(kind in unreadable for kind in kinds)
