"""Tests for how an update pairs list items: as the change tracker does, by the model's identity."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from trialmodel.changes.matching import match_items
from trialmodel.ctgov import import_file
from trialmodel.model.base import is_list, model_in
from trialmodel.model.record import TrialRecord
from trialmodel.updating.merge import OWNED, Items, Merger, Spec, from_round_trip
from trialmodel.updating.pairing import pair_list, unmatched
from trialmodel.writing import dump_yaml, round_trip_yaml

ROOT = Path(__file__).parents[3]

SITES = """locations:
  # the curator's: the Chiang Mai site
  - facility: Research Site
    city: Muang
    zip: '50200'
    country: Thailand
  # the curator's: the Nakhon Ratchasima site
  - facility: Research Site
    city: Muang
    zip: '30000'
    country: Thailand
  # the curator's: the Ubon site
  - facility: Research Site
    city: Muang
    zip: '34000'
    country: Thailand
"""


def _merged(text: str, new: dict[str, Any]) -> str:
    doc = round_trip_yaml().load(text)
    Merger().merge_record(doc, new)
    return dump_yaml(doc)


def _comment_above(text: str, line: str) -> str:
    lines = text.splitlines()
    return lines[lines.index(line) - 1].strip()


def test_sites_sharing_facility_city_and_country_keep_their_comments_when_reordered() -> None:
    """Sites the registry lists under one facility, city and country (told apart by the postal
    code) keep their comments when the registry reorders them; they used to pair by position."""
    sites = from_round_trip(round_trip_yaml().load(SITES))["locations"]
    out = _merged(SITES, {"locations": [sites[2], sites[0], sites[1]]})
    site = (
        "  # the curator's: the {}\n  - facility: Research Site\n    city: Muang\n    zip: '{}'\n"
    )
    assert site.format("Ubon site", "34000") in out
    assert site.format("Chiang Mai site", "50200") in out
    assert site.format("Nakhon Ratchasima site", "30000") in out
    assert out.index("34000") < out.index("50200") < out.index("30000")


def test_a_repeated_criterion_keeps_the_comments_of_the_others_when_reordered() -> None:
    """A criterion the registry repeats no longer makes the whole list pair by position."""
    text = (
        "eligibility:\n  inclusion:\n    # about age\n    - Age 18 or over\n    - None\n"
        "    - None\n    # about consent\n    - Signed consent\n"
    )
    new = {"eligibility": {"inclusion": ["Signed consent", "None", "Age 18 or over", "None"]}}
    out = _merged(text, new)
    assert _comment_above(out, "    - Age 18 or over") == "# about age"
    assert _comment_above(out, "    - Signed consent") == "# about consent"


def test_plain_values_pair_as_the_tracker_compares_them() -> None:
    """Plain values pair when equal with white space collapsed, each repeat with the next one."""
    assert pair_list("conditions", ["A  b", "C", "C"], ["C", "A b", "D", "C"]) == {
        0: 1,
        1: 0,
        2: 3,
    }
    assert pair_list("conditions", ["a b"], ["A b"]) == {}


def test_a_curators_id_alike_a_registry_id_is_not_taken_for_it() -> None:
    """Keeping a curator's own secondary id counts matches by identity only, never likeness."""
    old = [{"id": "EUCT 2023-501234-12-00"}, {"id": "R01 CA123456"}]
    new = [{"id": "EUCT 2023-501234-13-00"}, {"id": "r01  ca123456"}]
    assert unmatched("identification.secondary_ids", old, new) == [0]


def _owned_lists(
    data: Any, model: type[BaseModel], path: str, spec: Any
) -> Iterator[tuple[str, type[BaseModel] | None, Spec | None, list[Any]]]:
    """Every list an update merges in ``data``: path (indexes as found), item model, item spec."""
    for name, info in model.model_fields.items():
        if not isinstance(data, dict) or name not in data:
            continue
        if isinstance(spec, dict) and name not in spec:
            continue  # the curator's: an update never pairs it
        value, where = data[name], f"{path}.{name}" if path else name
        inner = model_in(info.annotation)
        sub = spec.get(name) if isinstance(spec, dict) else None
        if is_list(info.annotation) and isinstance(value, list):
            item = sub.item if isinstance(sub, Items) else None
            yield where, inner, item, value
            for k, element in enumerate(value):
                if inner is not None:
                    yield from _owned_lists(element, inner, f"{where}[{k}]", item)
        elif inner is not None:
            yield from _owned_lists(value, inner, where, sub)


def _records() -> Iterator[tuple[str, Any]]:
    yaml = round_trip_yaml()
    for path in sorted(ROOT.glob("records/**/*.yaml")):
        yield path.name, from_round_trip(yaml.load(path.read_bytes()))
    for path in sorted((ROOT / "tests" / "data" / "ctgov").glob("NCT*.json")):
        for study in import_file(path):
            yield path.name, study.data


@pytest.mark.parametrize(("name", "data"), list(_records()), ids=lambda v: str(v)[:20])
def test_the_updater_pairs_every_list_as_the_change_tracker(name: str, data: Any) -> None:
    """Over the records and the registry samples: every list an update merges, reversed by the
    registry, pairs each item with an equal one, and exactly as the change tracker pairs them."""
    for path, model, item, items in _owned_lists(data, TrialRecord, "", OWNED):
        old = [{k: v for k, v in x.items() if k in item} for x in items] if item else items
        new = old[::-1]
        pairs = Merger._pairs(items, new, item, path)
        assert len(pairs) == len(items), path
        assert all(old[j] == new[i] for j, i in pairs.items()), path
        if model is not None:
            validate = model.model_validate
            matching = match_items([validate(x) for x in old], [validate(x) for x in new])
            assert pairs == dict(matching.pairs) | dict(matching.renamed), path
