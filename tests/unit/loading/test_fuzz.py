"""Property tests for loading: no input makes the loader raise; bombs stop at the first anchor."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trialmodel.findings import Finding
from trialmodel.loading import Loaded, load_bytes, load_reference

REPO = Path(__file__).resolve().parents[3]
FUZZ = settings(
    max_examples=150,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
SAMPLE = """\
schema_version: "2.0"
identification:
  nct_id: NCT04544215
  brief_title: Bone marrow MSCs in knee osteoarthritis
status:
  overall: RECRUITING
  start: {date: 2021-03, type: ACTUAL}
arms:
  - label: "High dose"
    type: EXPERIMENTAL
    dose_levels:
      - value: 1.0e+6
        unit: cells/kg
eligibility:
  criteria: |
    Inclusion:
    - adults
  healthy_volunteers: false
"""
# YAML's own punctuation, white space and a few words that change how scalars read
YAML_PIECES = [
    ":", "-", "?", "[", "]", "{", "}", ",", "#", "&a", "*a", "!", "!!str", "<<", "%YAML 1.2",
    "---", "...", "|", ">", "'", '"', "\t", " ", "  ", "\n", "\r\n", "yes", "010", "1e6", "~",
    "2021-03-15", "\x00", "\ufeff", "é", "\x85",
]  # fmt: skip


def _check(loaded: Loaded) -> None:
    """A loaded file is data or None, and findings that point into the file."""
    assert loaded.data is None or isinstance(loaded.data, dict)
    for finding in loaded.findings:
        assert isinstance(finding, Finding)
        assert finding.line >= 1 and finding.column >= 1 and finding.code
    if loaded.data is None:
        assert len(loaded.findings) == 1
    assert loaded.source_map.locate(("no", 0, "such", "path"), nearest=True) >= (1, 1)


@FUZZ
@given(st.binary(max_size=400))
def test_random_bytes_never_raise(content: bytes) -> None:
    """Any bytes at all give findings, never an exception."""
    _check(load_bytes(content, "fuzz.yaml"))


@FUZZ
@given(st.text(max_size=300))
def test_random_text_never_raises(text: str) -> None:
    """Any text at all, UTF-8 encoded, gives findings, never an exception."""
    _check(load_bytes(text.encode("utf-8", "surrogatepass"), "fuzz.yaml"))


@st.composite
def _mutated_sample(draw: st.DrawFn) -> str:
    """A record-like document with a few YAML pieces inserted, replaced or deleted."""
    text = SAMPLE
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        cut = draw(st.integers(0, 3))
        piece = draw(st.sampled_from(YAML_PIECES))
        text = text[:at] + piece + text[at + cut :]
    return text


@FUZZ
@given(_mutated_sample())
def test_mutated_records_never_raise(text: str) -> None:
    """Records broken by YAML punctuation give findings, never an exception, on both paths."""
    content = text.encode("utf-8", "surrogatepass")
    _check(load_bytes(content, "fuzz.yaml"))
    _check(load_reference(content, "fuzz.yaml"))


def test_billion_laughs_is_one_alias_finding() -> None:
    """The classic billion-laughs document is refused at its first anchor, not expanded."""
    lines = ['lol0: &lol0 "lol"']
    for level in range(1, 10):
        refs = ", ".join([f"*lol{level - 1}"] * 10)
        lines.append(f"lol{level}: &lol{level} [{refs}]")
    loaded = load_bytes("\n".join(lines).encode(), "bomb.yaml")
    assert loaded.data is None
    assert [(f.code, f.line, f.column) for f in loaded.findings] == [("yaml_alias", 1, 7)]


def test_deep_nesting_is_refused_without_recursion() -> None:
    """Thousands of nested brackets are one yaml_too_deep finding, not a RecursionError."""
    loaded = load_bytes(b"a: " + b"[" * 50_000 + b"]" * 50_000, "deep.yaml")
    assert [f.code for f in loaded.findings] == ["yaml_too_deep"]
