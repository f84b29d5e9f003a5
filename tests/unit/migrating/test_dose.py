"""The migration step ``dose-per-volume``: a 1.x PER_VOLUME dose becomes a dose in its volume."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml.comments import CommentedMap

from trialmodel.loading import load_bytes
from trialmodel.migrating import Move, Step, map_path, migrate_text, replaced_value
from trialmodel.migrating.dose_volume import STEP, has_per_volume
from trialmodel.migrating.run import MigrationError
from trialmodel.migrating.steps import STEPS
from trialmodel.model.vocab import DoseBasis
from trialmodel.validation.files import validate_bytes

ROOT = Path(__file__).parents[3]
SMALL = (ROOT / "tests" / "examples" / "valid" / "small.yaml").read_text("utf-8")
DOSE = """        dose:
          value: 1.0e+6
          counted: CELLS
          basis: PER_KG_BODY_WEIGHT
"""
PER_VOLUME = """        dose:
          # the curator's comment on the dose
          value: 8.0e+8
          counted: VESICLES
          basis: PER_VOLUME  # as 1.x wrote it
          volume:
            ml: 3.0
          as_written: 8.0×10^8 vesicles/3 mL
"""


def _old(dose: str, review: str = "") -> str:
    text = SMALL.replace('schema_version: "2.0"', 'schema_version: "1.2"')
    assert 'schema_version: "1.2"' in text and DOSE in text
    return text.replace(DOSE, dose) + review


def _data(text: str) -> dict[str, Any]:
    loaded = load_bytes(text.encode("utf-8"), "r.yaml")
    assert loaded.data is not None
    return loaded.data


def test_per_volume_is_removed_from_the_dose_basis() -> None:
    """Format 2.0's dose basis has no PER_VOLUME: only the migration still reads it."""
    assert "PER_VOLUME" not in {basis.value for basis in DoseBasis}
    assert STEP in STEPS


def test_a_per_volume_dose_becomes_the_same_amount_in_its_volume() -> None:
    """basis PER_VOLUME -> PER_ADMINISTRATION; value, counted, volume, as written and every
    comment stay; review paths stay; the result validates."""
    review = "  needs_review:\n    - arms[0].dose_levels[0].dose\n"
    result = migrate_text(_old(PER_VOLUME, review), "r.yaml")
    dose = _data(result.after)["arms"][0]["dose_levels"][0]["dose"]
    assert dose == {
        "value": 8.0e8,
        "counted": "VESICLES",
        "basis": "PER_ADMINISTRATION",
        "volume": {"ml": 3.0},
        "as_written": "8.0×10^8 vesicles/3 mL",
    }
    assert "# the curator's comment on the dose" in result.after
    assert "# as 1.x wrote it" in result.after
    assert "concentration" not in result.after
    assert _data(result.after)["provenance"]["needs_review"] == ["arms[0].dose_levels[0].dose"]
    report = validate_bytes(result.after.encode("utf-8"), "r.yaml")
    assert [f.code for f in report.findings] == []


def test_the_replacement_is_reported_and_mapped() -> None:
    """The step reports the one value it replaced, at its place; other paths map unchanged."""
    result = migrate_text(_old(PER_VOLUME), "r.yaml")
    basis = ("arms", 0, "dose_levels", 0, "dose", "basis")
    step_moves = result.moves[list(STEPS).index(STEP)]
    assert step_moves == (Move(basis, basis, ("PER_VOLUME", "PER_ADMINISTRATION")),)
    assert replaced_value(basis, "PER_VOLUME", result.moves) == "PER_ADMINISTRATION"
    assert replaced_value(basis, "PER_KG_BODY_WEIGHT", result.moves) == "PER_KG_BODY_WEIGHT"
    volume = ("arms", 0, "dose_levels", 0, "dose", "volume", "ml")
    assert map_path(volume, result.moves) == volume


def test_a_per_volume_dose_without_volume_is_refused_at_its_basis() -> None:
    """Without the volume the step cannot tell a dose from a concentration: a located refusal."""
    text = _old(PER_VOLUME.replace("          volume:\n            ml: 3.0\n", ""))
    line = text.splitlines().index("          basis: PER_VOLUME  # as 1.x wrote it") + 1
    with pytest.raises(MigrationError, match=rf"^r\.yaml:{line}:11: a PER_VOLUME dose without"):
        migrate_text(text, "r.yaml")


def test_a_record_without_per_volume_is_not_rewritten_by_the_step() -> None:
    """The step applies only to a record with a PER_VOLUME dose, and changes nothing else."""
    assert not has_per_volume(_data(_old(DOSE)))
    assert has_per_volume(_data(_old(PER_VOLUME)))
    document = CommentedMap(
        {"arms": [{"dose_levels": [{"dose": {"basis": "PER_KG_BODY_WEIGHT"}}]}]}
    )
    assert STEP.run(document) == []


def test_a_wrong_replacement_is_caught_by_the_lossless_check() -> None:
    """A step that says it replaced a value but wrote another is refused, like a lost value."""

    def lie(document: CommentedMap) -> list[Move]:
        dose = document["arms"][0]["dose_levels"][0]["dose"]
        dose["basis"] = "PER_KG_BODY_WEIGHT"
        basis = ("arms", 0, "dose_levels", 0, "dose", "basis")
        return [Move(basis, basis, ("PER_VOLUME", "PER_ADMINISTRATION"))]

    with pytest.raises(
        MigrationError, match=r"would lose arms\[0\]\.dose_levels\[0\]\.dose\.basis"
    ):
        migrate_text(_old(PER_VOLUME), "r.yaml", (Step("lie", "a lying step", lie),))


def test_a_20_record_with_per_volume_is_an_enum_error_at_its_basis() -> None:
    """In a 2.0 record PER_VOLUME is no value of the basis: an enum error, located, with the
    allowed values; ``trialmodel migrate`` is for 1.x records."""
    text = SMALL.replace(DOSE, PER_VOLUME)
    findings = validate_bytes(text.encode("utf-8"), "r.yaml").findings
    assert [(f.code, f.path) for f in findings] == [("enum", "arms[0].dose_levels[0].dose.basis")]
    assert "PER_ADMINISTRATION" in findings[0].message
