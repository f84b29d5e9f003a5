"""Property tests for import and --update on hostile registry JSON: a clean error or a record."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.unit.updating.test_curation import curated, newer
from trialmodel.ctgov import CtgovError, import_study, read_studies
from trialmodel.ctgov.pages import MAX_DIGITS
from trialmodel.updating import UpdateError, plan_update

FUZZ = settings(
    max_examples=60,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


# JSON values as the registry never sends them: wrong shapes, long digit strings (also with a
# sign and leading zeros), control characters and text that ends in a line break.
def long_integers(shortest: int = 90) -> st.SearchStrategy[str]:
    """Whole numbers of ``shortest`` to 6,000 digits as JSON text (a leading zero: not JSON)."""
    return st.builds(
        lambda n, sign, zero: f"{sign}{'0' * zero}{'7' * n}",
        st.integers(min_value=shortest, max_value=6000),
        st.sampled_from(["", "-"]),
        st.integers(0, 1),
    )


LONG_INTEGER = long_integers()
_SCALAR = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.sampled_from(["NCT00973089\n", "2021-05\n", "\x1b[31m", "\x00", "RECRUITING "]),
)
JSON = st.recursive(
    _SCALAR,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
DEPTH = st.integers(min_value=1, max_value=3000)
"""How deep a hostile value nests lists and objects (Python's own limit is about 1000)."""

# Where in a real study a hostile value goes: every module and a few leaves the importer maps.
_PLACES = [
    ("protocolSection",),
    ("protocolSection", "statusModule"),
    ("protocolSection", "statusModule", "overallStatus"),
    ("protocolSection", "statusModule", "lastUpdatePostDateStruct"),
    ("protocolSection", "designModule", "enrollmentInfo", "count"),
    ("protocolSection", "designModule", "phases"),
    ("protocolSection", "armsInterventionsModule", "armGroups"),
    ("protocolSection", "armsInterventionsModule", "interventions"),
    ("protocolSection", "eligibilityModule", "eligibilityCriteria"),
    ("protocolSection", "contactsLocationsModule"),
    ("derivedSection",),
    ("resultsSection",),
]


def _nested(depth: int, leaf: str) -> str:
    """The JSON text ``leaf`` inside ``depth`` lists and objects, alternating (built as text)."""
    opens = "".join('{"a": ' if i % 2 else "[" for i in range(depth))
    closes = "".join("}" if i % 2 else "]" for i in reversed(range(depth)))
    return f"{opens}{leaf}{closes}"


def _placed(study: dict[str, Any], place: tuple[str, ...], value_json: str) -> bytes:
    """The study as JSON with the value at ``place`` replaced by raw JSON text."""
    marker = "\u2063HOSTILE\u2063"
    data = copy.deepcopy(study)
    node = data
    for key in place[:-1]:
        node = node.setdefault(key, {}) if isinstance(node.get(key), dict | None) else {}
    node[place[-1]] = marker
    return json.dumps(data).replace(json.dumps(marker), value_json).encode("utf-8")


def _import(raw: bytes) -> None:
    """Read and map every study of ``raw``: a record each, or a CtgovError; nothing else."""
    try:
        for _, study in read_studies(raw):
            import_study(study, "hostile.json")
    except CtgovError as error:
        for each in error.every():
            assert each.message and "Traceback" not in each.message


STUDY = newer()
HOSTILE = st.one_of(
    JSON.map(json.dumps),
    st.builds(_nested, DEPTH, JSON.map(json.dumps) | LONG_INTEGER),
    LONG_INTEGER,
)


@FUZZ
@given(st.sampled_from(_PLACES), HOSTILE)
def test_no_registry_json_crashes_import(place: tuple[str, ...], value: str) -> None:
    """A hostile value anywhere in a study (deep, huge number, wrong shape) gives a clean result."""
    _import(_placed(STUDY, place, value))


@FUZZ
@given(DEPTH, long_integers(MAX_DIGITS + 1))
def test_deep_pages_and_long_numbers_are_clean_errors(depth: int, number: str) -> None:
    """A page nesting past the limit or a number too long to be a count is a CtgovError."""
    for raw in (f'{{"studies": {_nested(depth + 64, "1")}}}', f'{{"studies": [{number}]}}'):
        try:
            read_studies(raw.encode("utf-8"))
        except CtgovError:
            continue
        raise AssertionError(f"accepted {raw[:40]!r}")


@FUZZ
@given(st.sampled_from(_PLACES[1:-2]), HOSTILE)
def test_no_registry_json_crashes_update(
    tmp_path_factory: Any, place: tuple[str, ...], value: str
) -> None:
    """--update with hostile registry data refuses cleanly or plans a valid record; never raises."""
    folder = Path(tmp_path_factory.mktemp("update"))
    record = curated(folder)
    try:
        ((_, study),) = read_studies(_placed(STUDY, place, value))
        update = plan_update(record, import_study(study, "v2.json"))
    except (CtgovError, UpdateError):
        return
    assert update.checked is not None or not update.writes
