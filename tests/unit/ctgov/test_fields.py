"""Every field the registry's API description declares has a place in the record, or is skipped
for a documented reason: a study holding every declared field imports with nothing lost,
validates, and exports each value back at its registry path.

The study is built from ``tests/data/ctgov/ctg-oas-v2.yaml`` itself (one item per list, a value
of the declared type and vocabulary per field), so a field the registry adds to its description
and the model lacks makes this test fail.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.registry_data import value_at
from trialmodel.ctgov import import_study
from trialmodel.ctgov.export import export_json
from trialmodel.ctgov.skips import SKIPPED
from trialmodel.validation.files import validate_bytes
from trialmodel.writing import yaml_text

OAS = Path(__file__).parents[2] / "data" / "ctgov" / "ctg-oas-v2.yaml"
SCHEMAS: dict[str, Any] = yaml.safe_load(OAS.read_bytes())["components"]["schemas"]

SPECIAL: dict[str, Any] = {
    "protocolSection.identificationModule.nctId": "NCT01234567",
    "protocolSection.identificationModule.nctIdAliases[]": "NCT07654321",
    "protocolSection.statusModule.expandedAccessInfo.nctId": "NCT01111111",
    "protocolSection.eligibilityModule.minimumAge": "18 Years",
    "protocolSection.eligibilityModule.maximumAge": "65 Years",
    "protocolSection.eligibilityModule.eligibilityCriteria": (
        "Inclusion Criteria:\n\n* Adults\n\nExclusion Criteria:\n\n* Pregnancy"
    ),
    "protocolSection.designModule.bioSpec.retention": "SAMPLES_WITH_DNA",
    "protocolSection.designModule.targetDuration": "12 Months",
    "protocolSection.contactsLocationsModule.locations[].geoPoint.lat": 38.6,
    "protocolSection.contactsLocationsModule.locations[].geoPoint.lon": -90.2,
}
"""Values the description types only as strings (or numbers) but the registry gives in a form."""

SCALARS: dict[str, Any] = {
    "PartialDate": "2020-01",
    "DateTimeMinutes": "2020-01-02T10:30",
    "NormalizedDate": "2020-01-02",
}


def _value(schema: dict[str, Any], path: str, depth: int = 0) -> Any:
    """A value of the declared shape at ``path`` (generic, with ``[]`` for list items)."""
    if path in SPECIAL:
        return SPECIAL[path]
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        if name in SCALARS:
            return SCALARS[name]
        return _value(SCHEMAS[name], path, depth + 1)
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        return {
            key: _value(sub, f"{path}.{key}" if path else key, depth + 1)
            for key, sub in schema.get("properties", {}).items()
        }
    if kind == "array":
        return [_value(schema["items"], f"{path}[]", depth + 1)]
    if kind == "boolean":
        return True
    if kind == "integer":
        return 3
    if kind == "number":
        return 3
    if schema.get("format") == "date":
        return "2020-01-02"
    return f"text of {path.rsplit('.', 1)[-1]}"


def _full_study() -> dict[str, Any]:
    study: dict[str, Any] = _value({"$ref": "#/components/schemas/Study"}, "")
    # the arm and intervention name each other, as in the registry
    module = study["protocolSection"]["armsInterventionsModule"]
    module["armGroups"][0]["label"] = "Arm A"
    module["interventions"][0]["armGroupLabels"] = ["Arm A"]
    name, kind = module["interventions"][0]["name"], module["interventions"][0]["type"]
    module["armGroups"][0]["interventionNames"] = [f"{kind.title()}: {name}"]
    return study


def _leaves(value: Any, path: str = "") -> list[str]:
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _leaves(v, f"{path}.{k}" if path else k)]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _leaves(v, f"{path}[{i}]")]
    return [path]


def _generic(path: str) -> str:
    return re.sub(r"\[[0-9]+\]", "[]", path)


def _skipped(path: str) -> bool:
    generic = _generic(path)
    return any(generic == s or generic.startswith((f"{s}.", f"{s}[")) for s in SKIPPED)


@pytest.fixture(scope="module")
def full() -> dict[str, Any]:
    return _full_study()


def test_every_declared_field_has_a_place_or_a_documented_skip(full: dict[str, Any]) -> None:
    """Each leaf of the full study is read into the record or lies under a documented skip."""
    study = import_study(full, "full.json")
    assert study.unmapped == {}
    kept = [p for p in _leaves(full) if not _skipped(p)]
    assert [p for p in kept if p not in study.mapped] == []
    assert len(study.mapped) == len(kept) == 200


def test_the_full_study_validates(full: dict[str, Any]) -> None:
    """The record of a study holding every declared field validates with no error."""
    study = import_study(full, "full.json")
    report = validate_bytes(yaml_text(study.data).encode("utf-8"), "full.yaml")
    assert [(f.code, f.path) for f in report.findings if f.severity == "error"] == []


def test_every_declared_field_is_exported_back(full: dict[str, Any]) -> None:
    """Export writes every value the import read back at its registry path, unchanged."""
    study = import_study(full, "full.json")
    exported = json.loads(export_json(study.record))
    for where in sorted(study.mapped):
        assert value_at(exported, where) == value_at(full, where), where
