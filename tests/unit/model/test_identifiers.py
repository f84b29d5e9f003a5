"""Tests for registrations, the record id, its file name and the registries' id formats."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trialmodel.loading.core import format_path, parse_path
from trialmodel.model.identifiers import TRIAL_ID_PATTERN, file_stem
from trialmodel.model.record import Identification
from trialmodel.model.types import python_regex
from trialmodel.model.vocab import REGISTRY_ID_PATTERNS, TrialRegistry
from trialmodel.validation.files import validate_bytes

# Ids seen in public sources (registry records, WHO ICTRP, papers): every one must pass its
# registry's pattern; each near miss must fail.
SEEN = {
    TrialRegistry.CTGOV: ["NCT04544215"],
    TrialRegistry.CHICTR: ["ChiCTR2600126854", "ChiCTR1800015296"],
    TrialRegistry.IRCT: ["IRCT138707201323N1", "IRCT20111224008505N47", "IRCT201307145362N6"],
    TrialRegistry.CTRI: ["CTRI/2019/11/021872", "CTRI/2023/06/054280"],
    TrialRegistry.JRCT: ["jRCT2031230704", "jRCTs031180159"],
    TrialRegistry.UMIN_CTR: ["UMIN000012045"],
    TrialRegistry.ISRCTN: ["ISRCTN78805636"],
    TrialRegistry.EUCTR: ["2015-001894-41"],
    TrialRegistry.CTIS: ["2023-503920-14-00"],
    TrialRegistry.ANZCTR: ["ACTRN12611000121965"],
    TrialRegistry.DRKS: ["DRKS00005115"],
    TrialRegistry.TCTR: ["TCTR20170511001"],
    TrialRegistry.PACTR: ["PACTR202406532417953"],
}
# Formats a registry states only as a mask (ITMCTRxxxxxxxxxx): ids of that shape.
STATED = {TrialRegistry.ITMCTR: ["ITMCTR0000000000"]}
NEAR_MISSES = {
    TrialRegistry.CHICTR: ["ChiCTR26001268", "CHICTR2600126854", "ChiCTR 2600126854"],
    TrialRegistry.IRCT: ["IRCT20181201041815N", "IRCT2016080318745"],
    TrialRegistry.CTRI: ["CTRI-2019-11-021872", "CTRI/2019/11/21872"],
    TrialRegistry.JRCT: ["JRCT2031230704", "jRCT203123070"],
    TrialRegistry.CTIS: ["2023-503920-14", "2015-001894-41"],
    TrialRegistry.EUCTR: ["2023-503920-14-00"],
    TrialRegistry.ISRCTN: ["ISCRTN06180958"],
}


@pytest.mark.parametrize(("registry", "ids"), [*SEEN.items(), *STATED.items()])
def test_ids_seen_in_public_sources_match_their_registry(
    registry: TrialRegistry, ids: list[str]
) -> None:
    """Every id quoted in the vocabulary's sources passes its registry's pattern."""
    pattern = python_regex(REGISTRY_ID_PATTERNS[registry][0])
    assert [i for i in ids if pattern.search(i) is None] == []


@pytest.mark.parametrize(("registry", "ids"), list(NEAR_MISSES.items()))
def test_near_misses_fail(registry: TrialRegistry, ids: list[str]) -> None:
    """A wrong prefix, case, digit count or separator is not an id of that registry."""
    pattern = python_regex(REGISTRY_ID_PATTERNS[registry][0])
    assert [i for i in ids if pattern.search(i) is not None] == []


def test_every_pattern_is_anchored_and_a_record_id() -> None:
    """Patterns match whole ids (ECMA-262 and Python alike), and every verified id is also a
    record id, so a primary registration of a checked registry always names a file."""
    trial_id = python_regex(TRIAL_ID_PATTERN)
    for registry, ids in SEEN.items():
        pattern, _ = REGISTRY_ID_PATTERNS[registry]
        assert pattern.startswith("^") and pattern.endswith("$")
        assert python_regex(pattern).search(ids[0] + "\n") is None
        assert all(trial_id.search(i) for i in ids)


def test_file_stem_writes_a_slash_as_a_dash() -> None:
    """CTRI/2019/11/021872 is CTRI-2019-11-021872; ids without a slash are their own stem."""
    assert file_stem("CTRI/2019/11/021872") == "CTRI-2019-11-021872"
    assert file_stem("ChiCTR2600126854") == "ChiCTR2600126854"


@given(st.from_regex(re.compile(TRIAL_ID_PATTERN.replace("$", r"\Z")), fullmatch=True))
def test_a_record_ids_file_stem_is_one_file_name_and_a_fhir_id(trial_id: str) -> None:
    """Whatever the id, its stem is one path segment, never '.' or '..', and a FHIR id."""
    stem = file_stem(trial_id)
    assert "/" not in stem and stem not in (".", "..")
    assert re.fullmatch(r"[A-Za-z0-9\-.]{1,64}", stem)


def test_record_id_is_the_primary_registration_else_the_nct_id() -> None:
    """The primary registration's id wins; without one the NCT id is the record's id."""
    chictr = {"registry": "CHICTR", "id": "ChiCTR2600126854"}
    both = Identification.model_validate(
        {"nct_id": "NCT07632599", "registrations": [{**chictr, "primary": True}]}
    )
    assert both.record_id == "ChiCTR2600126854"
    nct = Identification.model_validate({"nct_id": "NCT07632599", "registrations": [chictr]})
    assert nct.record_id == "NCT07632599"


@pytest.mark.parametrize(
    "path", ["status.overall", "arms[1].dose_levels[0].dose", "identification.registrations[0]"]
)
def test_parse_path_reads_what_format_path_writes(path: str) -> None:
    """A written record path reads back to the tuple that writes it."""
    parts = parse_path(path)
    assert parts is not None and format_path(parts) == path


@pytest.mark.parametrize("text", ["", "arms/0", "arms[x]", "status..overall", "[0]", "a b"])
def test_parse_path_refuses_what_is_no_record_path(text: str) -> None:
    """Text that format_path never writes is not read as a path."""
    assert parse_path(text) is None


BASE = """\
schema_version: "2.0"
identification:
  nct_id: NCT00000000
status:
  overall: RECRUITING
  start:
    date: "2021-03"
arms:
  - label: MSC
provenance:
  state: CURATED
  sources:
    - name: ClinicalTrials.gov
  values:
    - path: {path}
      source: ClinicalTrials.gov
"""


@pytest.mark.parametrize(
    ("path", "code"),
    [
        ("status.overall", None),
        ("status.start", None),
        ("arms[0].label", None),
        ("arms[1].label", "value_source_path_unknown"),
        ("arms[0].type", "value_source_path_unknown"),
        ("status.completion", "value_source_path_unknown"),
        ("status.overall.date", "value_source_path_unknown"),
        ("nonsense", "value_source_path_unknown"),
    ],
)
def test_a_value_source_path_must_hold_a_value(path: str, code: str | None) -> None:
    """A path to a value the record holds passes; a missing item, an absent field, a path below
    a plain value or an unknown key is value_source_path_unknown."""
    findings = validate_bytes(BASE.format(path=path).encode(), "r.yaml").findings
    assert [f.code for f in findings] == ([code] if code else [])
