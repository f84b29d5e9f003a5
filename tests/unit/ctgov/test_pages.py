"""Tests for trialmodel.ctgov.pages: registry files read one study at a time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trialmodel.ctgov import CtgovError, pages, read_studies
from trialmodel.ctgov.pages import iter_studies

DATA = Path(__file__).parents[2] / "data"
SAMPLES = sorted((DATA / "ctgov").glob("NCT*.json")) + sorted(
    (DATA / "ctgov-corpus").glob("NCT*.json")
)

MALFORMED = [
    "",
    "  \n ",
    "{not json",
    "[]",
    "[1, 2",
    '"text"',
    "12",
    "nul",
    "{}",
    '{"a": 1} x',
    '{"a":1,}',
    '{"a" 1}',
    "{1: 2}",
    '{"studies": 3}',
    '{"studies": [{"a": 1},\n {"b": 2}\n,]}',
    '{"studies": [{"a": 1}\n {"b": 2}]}',
    '{"studies": [[]]}',
    '{"studies": [{"a": "\\u00e9"}], "nextPageToken": "x", "totalCount": 12345}',
    '{"studies": []}',
    '{"protocolSection": {}, "studies": [1]}',
    '\n\n{"studies": [{"a": 1}, {"b": 2}]}\n\n',
]


def _outcome(text: str, tmp_path: Path, chunk: int, monkeypatch: pytest.MonkeyPatch) -> object:
    """What `read_studies` gives (a list, or the error message), and what `iter_studies` gives."""
    monkeypatch.setattr(pages, "CHUNK", chunk)
    path = tmp_path / "page.json"
    path.write_text(text, encoding="utf-8")
    try:
        expected: object = read_studies(text.encode("utf-8"))
    except CtgovError as exc:
        expected = str(exc)
    try:
        got: object = list(iter_studies(path))
    except CtgovError as exc:
        got = str(exc)
    return expected, got


@pytest.mark.parametrize("text", MALFORMED)
@pytest.mark.parametrize("chunk", [1, 3, 1 << 20])
def test_streamed_reading_gives_what_whole_reading_gives(
    text: str, chunk: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Studies and error messages (with line, column, char) are json.loads's, at any chunk size."""
    expected, got = _outcome(text, tmp_path, chunk, monkeypatch)
    assert got == expected


@settings(max_examples=150)
@given(
    st.lists(
        st.dictionaries(st.text(max_size=5), st.integers() | st.text(max_size=8), max_size=3),
        max_size=4,
    ),
    st.sampled_from([1, 2, 5, 64]),
    st.sampled_from([None, 2]),
)
def test_any_page_streams_as_it_loads(
    studies: list[dict[str, object]], chunk: int, indent: int | None
) -> None:
    """Any page, laid out any way, streams to the studies json.loads reads."""
    import tempfile

    text = json.dumps({"studies": studies, "nextPageToken": "abc"}, indent=indent)
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "page.json"
        path.write_text(text, encoding="utf-8")
        old, pages.CHUNK = pages.CHUNK, chunk
        try:
            got = list(iter_studies(path))
        finally:
            pages.CHUNK = old
    assert got == [(f"studies[{i}]", s) for i, s in enumerate(studies)]


@pytest.mark.parametrize("path", SAMPLES, ids=[p.name for p in SAMPLES])
def test_registry_files_stream_as_they_load(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every registry sample gives the same studies streamed in small chunks as loaded whole."""
    monkeypatch.setattr(pages, "CHUNK", 4096)
    assert list(iter_studies(path)) == read_studies(path.read_bytes())


def test_a_page_is_read_one_study_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A study is handed on before the rest of the page is read, and the buffer is emptied of it."""
    monkeypatch.setattr(pages, "CHUNK", 64)
    study = {"protocolSection": {"x": "y" * 500}}
    path = tmp_path / "page.json"
    path.write_text(json.dumps({"studies": [study] * 50}) + "\n", encoding="utf-8")
    streams: list[pages._Stream] = []
    real = pages._Stream

    def spy(handle: object) -> pages._Stream:
        streams.append(real(handle))  # type: ignore[arg-type]
        return streams[-1]

    monkeypatch.setattr(pages, "_Stream", spy)
    studies = iter_studies(path)
    assert next(studies) == ("studies[0]", study)
    (stream,) = streams
    assert not stream.eof  # most of the file is still unread
    longest = 0
    for _ in studies:
        longest = max(longest, len(stream.buf))
    assert longest < 2 * len(json.dumps(study)) + 64 * 2


def test_a_page_that_is_also_a_study_is_refused(tmp_path: Path) -> None:
    """A ``studies`` list read before a ``protocolSection`` key is an error, not a guess."""
    path = tmp_path / "both.json"
    path.write_text('{"studies": [{"a": 1}], "protocolSection": {}}', encoding="utf-8")
    with pytest.raises(CtgovError, match="a page of studies cannot also be a study"):
        list(iter_studies(path))


def test_invalid_utf8_is_a_clear_error(tmp_path: Path) -> None:
    """Bytes that are not UTF-8 are reported as not JSON, not raised as a decoding error."""
    path = tmp_path / "bad.json"
    path.write_bytes(b'{"studies": [\xff]}')
    with pytest.raises(CtgovError, match="not JSON"):
        list(iter_studies(path))


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    """A UTF-8 file starting with a byte order mark reads as json.loads reads it."""
    path = tmp_path / "bom.json"
    path.write_bytes(b'\xef\xbb\xbf{"studies": [{"a": 1}]}')
    assert list(iter_studies(path)) == read_studies(path.read_bytes())
