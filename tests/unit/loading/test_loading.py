"""Tests for loading: YAML text -> data, source map and located findings, on both read paths."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from trialmodel.findings import Finding, Severity
from trialmodel.loading import (
    MAX_FILE_BYTES,
    NOT_YAML_CHARACTERS,
    Loaded,
    PathNotFoundError,
    SourceMap,
    format_path,
    load_bytes,
    load_path,
    load_reference,
)
from trialmodel.loading.core import ESCAPED_CONTROLS, join_path

Loader = Callable[[bytes, str], Loaded]
LOADERS = pytest.mark.parametrize("load", [load_bytes, load_reference], ids=["fast", "reference"])
REPO = Path(__file__).resolve().parents[3]


def _load(load: Loader, text: str) -> Loaded:
    """Load YAML text as the file t.yaml."""
    return load(text.encode("utf-8"), "t.yaml")


def _where(finding: Finding) -> tuple[str, int, int, str]:
    """The fields a test pins a finding by."""
    return finding.code, finding.line, finding.column, finding.path


# One YAML text per finding code, with the exact finding it gives: (code, line, column, path).
CASES: dict[str, tuple[str, tuple[str, int, int, str]]] = {
    "syntax": ("a: [1, 2\nb: 3\n", ("yaml_syntax", 2, 2, "")),
    "syntax_mapping_value": ("a: b: c\n", ("yaml_syntax", 1, 5, "")),
    "syntax_unclosed_quote": ("a: 'open\n", ("yaml_syntax", 2, 1, "")),
    "duplicate_key": ("a: 1\nb:\n  c: 2\n  c: 3\n", ("yaml_duplicate_key", 4, 3, "b.c")),
    "anchor": ("a: &x 1\nb: *x\n", ("yaml_alias", 1, 4, "")),
    "alias_undefined": ("a:\n  - *nowhere\n", ("yaml_alias", 2, 5, "")),
    "merge_key": ("a: {x: 1}\nb:\n  <<: {y: 2}\n", ("yaml_alias", 3, 3, "")),
    "python_tag": ("a: !!python/object:os.system x\n", ("yaml_tag", 1, 4, "")),
    "str_tag": ("a: !!str 1\n", ("yaml_tag", 1, 4, "")),
    "nonspecific_tag": ("a:\n  - ! 12\n", ("yaml_tag", 2, 5, "")),
    "collection_tag": ("a: !!set {x}\n", ("yaml_tag", 1, 4, "")),
    "directive_yaml": ("# c\n%YAML 1.2\n---\na: 1\n", ("yaml_directive", 2, 1, "")),
    "directive_tag": ("%TAG !e! tag:e.org,2000:\n---\na: 1\n", ("yaml_directive", 1, 1, "")),
    "two_documents": ("a: 1\n---\nb: 2\n", ("yaml_multiple_documents", 2, 1, "")),
    "list_document": ("# c\n- a\n- b\n", ("yaml_not_mapping", 2, 1, "")),
    "scalar_document": ("\n  hello\n", ("yaml_not_mapping", 2, 3, "")),
    "null_document": ("null\n", ("yaml_not_mapping", 1, 1, "")),
    "quoted_document": ("'a\tb'\n", ("yaml_not_mapping", 1, 1, "")),
    "empty": ("", ("yaml_empty", 1, 1, "")),
    "only_comments": ("# a\n\n# b\n", ("yaml_empty", 1, 1, "")),
    "only_document_start": ("# a\n---\n", ("yaml_empty", 1, 1, "")),
    "tab_indentation": ("a:\n\tb: 1\n", ("yaml_tab", 2, 1, "")),
    "tab_after_spaces": ("a:\n  b: 1\n  \tc: 2\n", ("yaml_tab", 3, 3, "")),
    "tab_after_colon": ("a:\tb\n", ("yaml_tab", 1, 3, "")),
    "tab_after_dash": ("a:\n-\tb\n", ("yaml_tab", 2, 2, "")),
    "tab_trailing": ("a: b\t\n", ("yaml_tab", 1, 5, "")),
    "tab_in_flow": ("a: [1,\n\t2]\n", ("yaml_tab", 2, 1, "")),
    "tab_before_later_alias": ("a: [1,\n\t2]\nb: &x 3\n", ("yaml_tab", 2, 1, "")),
    "tab_in_unquoted_text": ("a:\n  - b\tc\n", ("yaml_tab", 2, 6, "")),
    "control_character": ("a: b\x07c\n", ("yaml_encoding", 1, 5, "")),
    "next_line_character": ("a: b\x85c\n", ("yaml_encoding", 1, 5, "")),
    "line_separator": ("a: x\nb: \u2028\n", ("yaml_encoding", 2, 4, "")),
    "carriage_return_alone": ("a: 1\rb: 2\n", ("yaml_encoding", 1, 5, "")),
    "byte_order_mark_inside": ("a: b\ufeff\n", ("yaml_encoding", 1, 5, "")),
    "key_int": ("a:\n  1: x\n", ("yaml_key_type", 2, 3, "a.1")),
    "key_null": ("null: x\n", ("yaml_key_type", 1, 1, "null")),
    "key_tilde": ("~: x\n", ("yaml_key_type", 1, 1, "~")),
    "key_bool": ("b:\n  - True: x\n", ("yaml_key_type", 2, 5, "b[0].True")),
    "key_float": ("1.5: x\n", ("yaml_key_type", 1, 1, "1.5")),
    "key_sequence": ("? [a]\n: 1\n", ("yaml_key_type", 1, 3, "")),
    "key_mapping": ("x: {{a: 1}: 2}\n", ("yaml_key_type", 1, 5, "")),
    "too_deep": ("a: " + "[" * 70 + "]" * 70 + "\n", ("yaml_too_deep", 1, 67, "")),
    "yaml11_yes": ("a:\n  b: yes\n", ("yaml11_boolean", 2, 6, "a.b")),
    "yaml11_off_upper": ("a: [1, OFF]\n", ("yaml11_boolean", 1, 8, "a[1]")),
    "yaml11_n": ("a: n\n", ("yaml11_boolean", 1, 4, "a")),
    "yaml11_any_case": ("a: yEs\n", ("yaml11_boolean", 1, 4, "a")),
    "yaml11_key": ("on: 1\n", ("yaml11_boolean", 1, 1, "on")),
    "yaml11_octal": ("count: 010\n", ("yaml11_octal", 1, 8, "count")),
    "yaml11_octal_nine": ("count: -09\n", ("yaml11_octal", 1, 8, "count")),
    "yaml11_date": ("start: 2021-03-15\n", ("yaml11_timestamp", 1, 8, "start")),
    "yaml11_datetime": ("at: 2021-3-5T10:00:00Z\n", ("yaml11_timestamp", 1, 5, "at")),
    "yaml11_float": ("dose: 1e6\n", ("yaml11_float", 1, 7, "dose")),
    "yaml11_float_no_sign": ("dose: [2, 1.0e6]\n", ("yaml11_float", 1, 11, "dose[1]")),
    "yaml11_float_signed_dot": ("dose: -.5\n", ("yaml11_float", 1, 7, "dose")),
}

WARNINGS = {"yaml11_boolean", "yaml11_octal", "yaml11_timestamp", "yaml11_float"}


@LOADERS
@pytest.mark.parametrize("name", sorted(CASES))
def test_each_code_is_one_located_finding(load: Loader, name: str) -> None:
    """Every loader problem is exactly one finding with its code, line, column and path."""
    text, expected = CASES[name]
    loaded = _load(load, text)
    assert [_where(f) for f in loaded.findings] == [expected]
    finding = loaded.findings[0]
    assert finding.file == "t.yaml"
    assert finding.severity is (Severity.WARNING if expected[0] in WARNINGS else Severity.ERROR)
    assert finding.message
    if expected[0] in WARNINGS:
        assert finding.hint is not None and finding.hint.startswith(("quote it", "write"))
    # a file that cannot be read has one finding for the file as a whole, and no data
    assert (loaded.data is not None) == (finding.path != "")


def test_codes_cover_every_loader_code() -> None:
    """The table above exercises every code the loader can give on YAML text."""
    codes = {expected[0] for _text, expected in CASES.values()}
    assert codes == {
        "yaml_syntax", "yaml_duplicate_key", "yaml_alias", "yaml_tag", "yaml_directive",
        "yaml_multiple_documents", "yaml_not_mapping", "yaml_empty", "yaml_tab", "yaml_encoding",
        "yaml_key_type", "yaml_too_deep", *WARNINGS,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("a: no\n", "quote it: 'no'"),
        ("a: 1e6\n", "write 1.0e+6"),
        ("a: 2e-3\n", "write 2.0e-3"),
        ("a: .5e3\n", "write 0.5e+3"),
        ("a: 2021-03-15\n", "quote it: '2021-03-15'"),
    ],
)
def test_yaml11_hints(text: str, hint: str) -> None:
    """YAML 1.1 warnings say how to write the value so that every reader agrees."""
    (finding,) = load_bytes(text.encode(), "t.yaml").findings
    assert finding.hint == hint


@pytest.mark.parametrize(
    "plain",
    ["1.0e+6", "1.5E-3", "0.5", "2021-03", "2021", "0", "10", "true", "null", "yess", "ON!"],
)
def test_values_that_all_readers_agree_on_give_no_warning(plain: str) -> None:
    """No YAML 1.1 warning where YAML 1.1 readers read the same value."""
    assert load_bytes(f"a: {plain}\n".encode(), "t.yaml").findings == ()


def test_duplicate_key_keeps_the_last_value_and_names_the_first_line() -> None:
    """A duplicate key is an error at the second key; the data keeps the last value."""
    loaded = load_bytes(b"a: 1\nb: 2\na: 3\n", "t.yaml")
    assert loaded.data == {"a": 3, "b": 2}
    (finding,) = loaded.findings
    assert "line 1" in finding.message
    assert loaded.source_map.locate(("a",), key=True) == (3, 1)


def test_non_string_key_is_kept_as_written() -> None:
    """A key such as 1 or null is an error, and the data keeps it as the text written."""
    loaded = load_bytes(b"1: a\nnull: b\n'2': c\n", "t.yaml")
    assert loaded.data == {"1": "a", "null": "b", "2": "c"}
    assert [f.code for f in loaded.findings] == ["yaml_key_type", "yaml_key_type"]


def test_billion_laughs_stops_at_the_first_anchor() -> None:
    """An alias bomb is rejected at its first anchor, before anything refers to it."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]")
    loaded = load_bytes("\n".join(lines).encode(), "bomb.yaml")
    assert [_where(f) for f in loaded.findings] == [("yaml_alias", 1, 5, "")]
    assert loaded.data is None


# --- scalars ------------------------------------------------------------------------------------

SCALARS: list[tuple[str, Any]] = [
    ("~", None), ("null", None), ("Null", None), ("NULL", None), ("", None),
    ("true", True), ("True", True), ("TRUE", True), ("false", False), ("FALSE", False),
    ("tRUE", "tRUE"), ("yes", "yes"), ("Off", "Off"),
    ("0", 0), ("-12", -12), ("+7", 7), ("0o17", 15), ("0x1F", 31), ("0b101", "0b101"),
    ("1_000", "1_000"), ("1:30", "1:30"),
    ("1.5", 1.5), ("-.5", -0.5), ("1.", 1.0), ("1e6", 1e6), ("+1.0E-3", 1e-3),
    (".inf", math.inf), ("-.Inf", -math.inf), ("+.INF", math.inf),
    ("2021", 2021), ("2021-03", "2021-03"), ("2021-03-15", "2021-03-15"),
    ("NCT04544215", "NCT04544215"), ("1.0e+6 cells/kg", "1.0e+6 cells/kg"), ("-x", "-x"),
]  # fmt: skip


@LOADERS
@pytest.mark.parametrize(("plain", "expected"), SCALARS)
def test_plain_scalars_follow_the_yaml_1_2_core_schema(
    load: Loader, plain: str, expected: Any
) -> None:
    """Plain scalars resolve by the YAML 1.2 core schema; everything else stays a string."""
    loaded = _load(load, f"v: {plain}\n")
    assert loaded.data is not None
    value = loaded.data["v"]
    assert type(value) is type(expected) and value == expected


@LOADERS
def test_nan_and_quoted_scalars(load: Loader) -> None:
    """.nan is a float NaN; quoted scalars are strings whatever they look like."""
    loaded = _load(load, "nan: .NaN\nq: ['1', \"true\", 'null', \"2021-03-15\", '']\n")
    assert loaded.data is not None
    assert math.isnan(loaded.data["nan"])
    assert loaded.data["q"] == ["1", "true", "null", "2021-03-15", ""]
    assert loaded.findings == ()


@LOADERS
def test_block_scalars_keep_their_text(load: Loader) -> None:
    """Literal and folded block scalars give their text, tabs inside the text included."""
    loaded = _load(load, "a: |\n  x\n  \ty\nb: >-\n  one\n  two\n")
    assert loaded.data == {"a": "x\n\ty\n", "b": "one two"}
    assert loaded.findings == ()


# --- positions ----------------------------------------------------------------------------------

RECORD = """\
# a record-like document
schema_version: "2.0"
arms:
  - label: Control
    dose_levels: []
  - label: High dose
    dose_levels:
      - value: 1.0e+6
        unit: cells/kg
      - {value: 2, unit: cells}
    notes:
status:
  overall: RECRUITING
"""


@LOADERS
@pytest.mark.parametrize(
    ("path", "key", "expected"),
    [
        ((), False, (2, 1)),
        (("schema_version",), False, (2, 17)),
        (("schema_version",), True, (2, 1)),
        (("arms",), False, (4, 3)),
        (("arms", 1), False, (6, 5)),
        (("arms", 1, "dose_levels", 0, "value"), False, (8, 16)),
        (("arms", 1, "dose_levels", 0, "value"), True, (8, 9)),
        (("arms", 1, "dose_levels", 1), False, (10, 9)),
        (("arms", 1, "dose_levels", 1, "unit"), False, (10, 26)),
        (("arms", 1, "dose_levels", 1, "unit"), True, (10, 20)),
        (("arms", 0, "dose_levels"), False, (5, 18)),
        (("arms", 1, "notes"), False, (11, 5)),
        (("arms", 1, "missing"), False, (6, 5)),
        (("arms", 1, "missing"), True, (6, 5)),
        (("arms", 5, "label"), False, (4, 3)),
        (("status", "overall", "deeper"), False, (13, 12)),
        (("arms", "label"), False, (4, 3)),
        (("nowhere",), False, (2, 1)),
        (("arms", 1), True, (6, 5)),
    ],
)
def test_locate_finds_nodes_keys_and_nearest_ancestors(
    load: Loader, path: tuple[str | int, ...], key: bool, expected: tuple[int, int]
) -> None:
    """locate gives a node's 1-based position, its key's with key=True, else the nearest parent."""
    loaded = _load(load, RECORD)
    assert loaded.findings == ()
    assert loaded.source_map.locate(path, key=key, nearest=True) == expected


@LOADERS
def test_source_map_items_follow_the_document(load: Loader) -> None:
    """items() lists every node in document order with its position and its key's."""
    loaded = _load(load, "a:\n  - x\n  - {b: 1}\nc: 2\n")
    assert list(loaded.source_map.items()) == [
        ((), (1, 1), None),
        (("a",), (2, 3), (1, 1)),
        (("a", 0), (2, 5), None),
        (("a", 1), (3, 5), None),
        (("a", 1, "b"), (3, 9), (3, 6)),
        (("c",), (4, 4), (4, 1)),
    ]


def test_empty_file_maps_the_root_to_the_start() -> None:
    """The root of an empty (or unreadable) file is at 1:1."""
    assert load_bytes(b"", "t.yaml").source_map.locate(()) == (1, 1)
    assert SourceMap().locate(("a", 0), nearest=True) == (1, 1)


def test_format_path_reads_like_the_yaml() -> None:
    """Paths print as arms[1].dose_levels[0].value."""
    assert format_path(()) == ""
    assert format_path((0, "a")) == "[0].a"


def test_findings_are_in_file_order() -> None:
    """Findings come sorted by line and column."""
    loaded = load_bytes(b"b: no\na: 010\nc:\n  d: yes\n  d: 1e3\n", "t.yaml")
    places = [(f.line, f.column) for f in loaded.findings]
    assert places == sorted(places) and len(places) == 5


# --- bytes and files ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "line", "column"),
    [
        (b"a: 1\nb: caf\xe9\n", 2, 7),
        (b"a: \xc3\xa9\xff\n", 1, 5),
        (b"\xff\xfea\x00:\x00", 1, 1),
        (b"a: 1\nb: \xe2\x82\n", 2, 4),
    ],
    ids=["latin-1", "after-two-byte-letter", "utf-16", "cut-short"],
)
def test_invalid_utf8_is_located_in_characters(content: bytes, line: int, column: int) -> None:
    """Bytes that are not UTF-8 give yaml_encoding at the line and character column."""
    (finding,) = load_bytes(content, "t.yaml").findings
    assert _where(finding) == ("yaml_encoding", line, column, "")


@pytest.mark.parametrize(
    "char",
    ["\x00", "\x1b", "\x7f", "\x80", "\x9f", "\u2029", "\ufffe", "\r"],
    ids=lambda char: f"U+{ord(char):04X}",
)
def test_characters_records_may_not_hold(char: str) -> None:
    """Control characters, C1 controls, Unicode line breaks and a lone CR are yaml_encoding."""
    (finding,) = load_bytes(f"a: é\nb: x{char}".encode(), "t.yaml").findings
    assert _where(finding) == ("yaml_encoding", 2, 5, "")
    assert f"U+{ord(char):04X}" in finding.message


@LOADERS
@pytest.mark.parametrize(
    "char", ["\x07", "\x85", "\u2028", "\r"], ids=lambda char: f"U+{ord(char):04X}"
)
def test_a_bad_character_after_non_ascii_on_its_line_is_located_in_characters(
    load: Loader, char: str
) -> None:
    """The column of a character a record may not hold counts the characters before it on its
    line (three of them two or more bytes long), not their bytes."""
    loaded = _load(load, f"a: 1\ntitle: «Zellen» é{char}x\n")
    assert [_where(f) for f in loaded.findings] == [("yaml_encoding", 2, 18, "")]


@LOADERS
def test_byte_order_mark_is_fine(load: Loader) -> None:
    """A UTF-8 byte order mark is skipped, and columns do not count it."""
    loaded = load(b"\xef\xbb\xbfa: 1\nb: [x]\n", "t.yaml")
    assert loaded.data == {"a": 1, "b": ["x"]}
    assert loaded.source_map.locate(("b", 0)) == (2, 5)


@LOADERS
def test_windows_line_ends_are_fine(load: Loader) -> None:
    """CR LF line ends read like LF: same data, same positions."""
    loaded = load(b"a: 1\r\nb:\r\n  - [x, yes]\r\n", "t.yaml")
    assert loaded.data == {"a": 1, "b": [["x", "yes"]]}
    assert [_where(f) for f in loaded.findings] == [("yaml11_boolean", 3, 9, "b[0][1]")]


@LOADERS
def test_non_ascii_columns_count_characters(load: Loader) -> None:
    """Columns count characters, not bytes."""
    loaded = _load(load, "titel: «Zellen» é\nv: yes\nx: [ü, 010]\n")
    assert [_where(f) for f in loaded.findings] == [
        ("yaml11_boolean", 2, 4, "v"),
        ("yaml11_octal", 3, 8, "x[1]"),
    ]


def test_oversized_content_is_one_finding() -> None:
    """More than MAX_FILE_BYTES is file_too_large, never parsed."""
    (finding,) = load_bytes(b"#" * (MAX_FILE_BYTES + 1), "big.yaml").findings
    assert _where(finding) == ("file_too_large", 1, 1, "")


def test_load_path_reads_files_and_reports_os_errors(tmp_path: Path) -> None:
    """load_path reads a file; a missing file, a folder or an oversized file is one finding."""
    good = tmp_path / "good.yaml"
    good.write_text("a: 1\n", encoding="utf-8")
    assert load_path(good, "records/good.yaml").data == {"a": 1}
    assert load_path(good).file == str(good)
    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * (MAX_FILE_BYTES + 1))
    for path, code in [
        (tmp_path / "missing.yaml", "io_error"),
        (tmp_path, "io_error"),
        (big, "file_too_large"),
    ]:
        loaded = load_path(path, "x.yaml")
        assert [f.code for f in loaded.findings] == [code]
        assert loaded.data is None and loaded.findings[0].file == "x.yaml"
        assert str(tmp_path) not in loaded.findings[0].message


# --- the two read paths agree -------------------------------------------------------------------

AGREEMENT_TEXTS = [text for text, _expected in CASES.values()] + [
    RECORD,
    "a:\n  - x: 1\n    y: [1, {z: 2}]\n",
    "a:\nb:\n  # comment\nc: [b, ]\nd: {e: , f: }\n",
    "a:\n-\n- b\n-\n",
    "---\na: 1\n...\n",
    "a: 'x # y'\t# comment\twith tab\n",
    'a: "foo\n\tbar"\n',
    "a: |\n  x\n  \ty\nb: >\n  one\n  two\n\n  three\n",
    "k: [0o17, 0x1F, .inf, -.INF, 1_000, 2021, 2021-03, +12, 1., .5, 1.5e+3]\n",
    "yes: no\n'on': OFF\nY: n\n",
    "a: 1\nb: 2\na: 3\nb:\n  c: 1\n",
    "a: 1\r\nb:\r\n  - [x, 'y']\r\nc: |\r\n  text\r\n",
]


def _comparable(loaded: Loaded) -> tuple[Any, ...]:
    """Data (NaN made comparable), source map, findings; syntax messages are each parser's own."""
    findings = [
        (f.line, f.column, f.path, f.code, f.severity, "" if f.code == "yaml_syntax" else f.message)
        for f in loaded.findings
    ]
    return repr(loaded.data), loaded.source_map, findings


@pytest.mark.parametrize("text", AGREEMENT_TEXTS)
def test_fast_and_reference_paths_agree_on_texts(text: str) -> None:
    """libyaml and ruamel.yaml give the same data, source map and findings (syntax: same place)."""
    content = text.encode("utf-8")
    fast, reference = load_bytes(content, "t.yaml"), load_reference(content, "t.yaml")
    assert _comparable(fast) == _comparable(reference)


def _repository_yaml() -> list[Path]:
    """Every record and example file in the repository."""
    found = sorted(REPO.glob("records/**/*.yaml")) + sorted(REPO.glob("tests/examples/**/*.yaml"))
    return found or [REPO / "records" / "no-records-yet.yaml"]


@pytest.mark.parametrize("path", _repository_yaml(), ids=lambda p: str(p.relative_to(REPO)))
def test_fast_and_reference_paths_agree_on_repository_files(path: Path) -> None:
    """Both read paths agree on every record and example file (the fuzz file covers the rest)."""
    if not path.exists():
        pytest.skip("no records or examples yet")
    content = path.read_bytes()
    fast, reference = load_bytes(content, path.name), load_reference(content, path.name)
    assert _comparable(fast) == _comparable(reference)


@pytest.mark.parametrize(
    ("text", "fast", "reference"),
    [
        (": x\n", "yaml_syntax", "yaml_key_type"),
        ("a: {: x}\n", "yaml_syntax", "yaml_key_type"),
        ("a: 1\n...\nb: 2\n", "yaml_syntax", "yaml_multiple_documents"),
    ],
)
def test_where_the_parsers_genuinely_differ(text: str, fast: str, reference: str) -> None:
    """Known differences: libyaml rejects an empty key without '?' and a document after '...'
    without '---' as syntax errors, where ruamel.yaml reads an empty key or a second document;
    the file is refused either way."""
    content = text.encode("utf-8")
    assert [f.code for f in load_bytes(content, "t.yaml").findings] == [fast]
    assert [f.code for f in load_reference(content, "t.yaml").findings] == [reference]


def test_locate_says_when_a_path_does_not_exist() -> None:
    """Without nearest=True, a path that is not in the document raises, naming the missing part."""
    from trialmodel.loading import PathNotFoundError

    loaded = load_bytes(b"arms:\n  - dose: {value: 1}\n", "t.yaml")
    assert loaded.source_map.locate(("arms", 0, "dose", "value")) == (2, 19)
    with pytest.raises(PathNotFoundError) as raised:
        loaded.source_map.locate(("arms", 0, "value"))
    assert str(raised.value) == "arms[0].value: no 'value' at arms[0]"
    assert raised.value.found == ("arms", 0)
    with pytest.raises(PathNotFoundError, match=r"no 3 at arms"):
        loaded.source_map.locate(("arms", 3), key=True)
    assert loaded.source_map.locate(("arms", 0, "value"), nearest=True) == (2, 5)


# --- positions and wording of the loader's own findings -----------------------------------------


def test_record_paths_are_joined_and_written_like_the_yaml() -> None:
    """A path joins its parts with '.', writes list indexes in brackets, and starts at the root
    without a leading dot."""
    assert join_path("", "status") == "status"
    assert join_path("arms[1]", "label") == "arms[1].label"
    assert format_path(()) == ""


@LOADERS
@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("a: 1 # note\twith a tab\n", None),
        ("# a comment\twith a tab\na: 1\n", None),
        ("a: 'x#y' #\tz\n", None),
        ("a: b#c\td\n", (1, 7)),
        ("a: 1 # c\t#x\n", None),
        ("a: 1 #note\twith a tab\n", None),
        ("a: X#c\td\n", (1, 7)),
        ("a: 'x#y' # c\tz#w\n", None),
    ],
    ids=[
        "after-comment",
        "comment-line",
        "hash-in-quotes",
        "hash-in-text",
        "two-hashes",
        "no-space-after-hash",
        "hash-after-a-capital",
        "hash-in-comment-text",
    ],
)
def test_a_tab_in_a_comment_is_fine_and_a_hash_inside_text_starts_none(
    load: Loader, text: str, where: tuple[int, int] | None
) -> None:
    """A comment starts at a '#' after white space (or at the line's start) outside quotes; a
    tab after it is fine, a tab before it (or in a line without one) is yaml_tab."""
    findings = [(f.code, f.line, f.column) for f in _load(load, text).findings]
    assert findings == ([] if where is None else [("yaml_tab", *where)])


def test_a_tab_finding_says_what_to_do() -> None:
    """yaml_tab's message says why, its hint what to do."""
    (finding,) = load_bytes(b"a:\n\tb: 1\n", "t.yaml").findings
    assert finding.message == (
        "a tab character outside quoted or block text: YAML indents and separates with spaces only"
    )
    assert finding.hint == "replace the tab with spaces, or quote the text that holds it"


@pytest.mark.parametrize(
    ("text", "line", "column", "hint"),
    [
        ("\na: b\x07", 2, 5, "remove it: control characters have no place in a record"),
        ("a: 1\nb: 2\nc: é\x07", 3, 5, "remove it: control characters have no place in a record"),
        ("a: 1\nb: x\u2028", 2, 5, "end lines with a line feed (LF or CR LF) only"),
        (
            "a: 1\nb: x\ufeff",
            2,
            5,
            "remove it: a byte order mark belongs only at the very start of a file",
        ),
    ],
    ids=["first-line-empty", "third-line", "line-separator", "byte-order-mark"],
)
def test_a_bad_character_is_located_and_explained(
    text: str, line: int, column: int, hint: str
) -> None:
    """yaml_encoding for a character a record may not hold: its line and column in characters,
    the character named, and a hint for its kind."""
    (finding,) = load_bytes(text.encode(), "t.yaml").findings
    assert (finding.code, finding.line, finding.column, finding.hint) == (
        "yaml_encoding",
        line,
        column,
        hint,
    )
    assert finding.message == f"the character U+{ord(text[-1]):04X} is not allowed in a record file"


@pytest.mark.parametrize(
    ("content", "line", "column"),
    [(b"\na: \xff", 2, 4), (b"a: 1\nb: 2\nc: \xff", 3, 4)],
    ids=["first-line-empty", "third-line"],
)
def test_a_byte_not_utf8_is_located_and_explained(content: bytes, line: int, column: int) -> None:
    """yaml_encoding for a byte that is not UTF-8: where, which byte at which offset, and what
    to do."""
    (finding,) = load_bytes(content, "t.yaml").findings
    assert (finding.code, finding.line, finding.column) == ("yaml_encoding", line, column)
    offset = len(content) - 1
    assert finding.message == f"the file is not UTF-8 text: byte 0xff at offset {offset}"
    assert finding.hint == "save the file as UTF-8"


def test_a_list_index_past_the_end_is_not_there() -> None:
    """Locating an index one past a list's end is a PathNotFoundError, or its list's position
    with ``nearest``."""
    source_map = load_bytes(b"a:\n  - x\n", "t.yaml").source_map
    with pytest.raises(PathNotFoundError):
        source_map.locate(("a", 1))
    assert source_map.locate(("a", 1), nearest=True) == source_map.locate(("a",))


# The character sets as their comments define them: the complement of YAML's printable
# characters less what the loader refuses. The loader spells each as the ranges outside it.
_PRINTABLE = r"\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff"


@pytest.mark.parametrize(
    ("spelt", "defined"),
    [
        (rf"[{NOT_YAML_CHARACTERS}]", rf"[^\t\n\r\x20-\x7e{_PRINTABLE}]"),
        (rf"[{ESCAPED_CONTROLS}]", rf"[^\t\n\x20-\x7e{_PRINTABLE}]"),
    ],
    ids=["not a YAML character", "escaped control"],
)
def test_refused_characters_are_spelt_as_defined(spelt: str, defined: str) -> None:
    """The ranges the loader refuses match exactly the characters outside the allowed set,
    for every code point."""
    fast, slow = re.compile(spelt), re.compile(defined)
    differ = [c for c in range(0x110000) if bool(fast.match(chr(c))) != bool(slow.match(chr(c)))]
    assert differ == []
