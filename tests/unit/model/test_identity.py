"""Tests for identity and ownership declared on the model, and what derives from them."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel

from trialmodel.changes.matching import KEY_FIELDS, KEYS
from trialmodel.model.base import Identity, Section, is_list, model_in, models_below
from trialmodel.model.record import Arm, Design, Intervention, TrialRecord
from trialmodel.updating.merge import OWNED, Items
from trialmodel.updating.pairing import item_model


def _list_fields() -> list[tuple[type[BaseModel], str, type[BaseModel] | None]]:
    """(model, field, item model or None for plain values) of every list field of the record."""
    return [
        (model, name, model_in(info.annotation))
        for model in models_below(TrialRecord)
        for name, info in model.model_fields.items()
        if is_list(info.annotation)
    ]


def test_every_list_item_model_declares_its_identity() -> None:
    """Each model that stands in a list of the record declares its identity, with keys and names
    of real fields of it; no model declares one without standing in a list."""
    in_lists = {inner for _, _, inner in _list_fields() if inner is not None}
    assert len(in_lists) >= 25
    for inner in in_lists:
        identity = inner.identity if issubclass(inner, Section) else None
        assert isinstance(identity, Identity), f"{inner.__name__} declares no identity"
        for fields in (*identity.keys, identity.names):
            assert set(fields) <= set(inner.model_fields), inner.__name__
    declared = {m for m in models_below(TrialRecord) if getattr(m, "identity", None) is not None}
    assert declared == in_lists


def test_every_list_path_resolves_to_its_item_model() -> None:
    """The updater finds the model of the items of every list of the record by its path, as the
    model declares it (None for lists of plain values): it keeps no table of its own."""
    paths = list(_paths(TrialRecord, ""))
    assert len(paths) >= 40
    for path, inner in paths:
        assert item_model(path.replace("[]", "[0]")) is inner, path
        assert item_model(path.replace("[]", "[12]")) is inner, path
    assert item_model("status") is None
    assert item_model("locations[0].facility") is None
    assert item_model("nowhere[0].contacts") is None


def _paths(model: type[BaseModel], path: str) -> Iterator[tuple[str, type[BaseModel] | None]]:
    for name, info in model.model_fields.items():
        here, inner = f"{path}.{name}" if path else name, model_in(info.annotation)
        if is_list(info.annotation):
            yield here, inner
        if inner is not None:
            yield from _paths(inner, here + ("[]" if is_list(info.annotation) else ""))


def test_matcher_keys_and_names_are_the_models_for_every_item() -> None:
    """The change matcher has exactly the declared keys and names of every list item model."""
    for _, _, inner in _list_fields():
        if inner is None or not issubclass(inner, Section) or inner.identity is None:
            continue
        assert len(KEYS[inner]) == len(inner.identity.keys), inner.__name__
        assert KEY_FIELDS.get(inner, ()) == inner.identity.names, inner.__name__


def test_matcher_keys_derive_from_the_model() -> None:
    """The change matcher's keys and names are the model's, key for key."""
    assert len(KEYS[Intervention]) == 3
    assert KEY_FIELDS[Arm] == ("label",)
    arm = Arm(label="  Low   DOSE ")
    assert KEYS[Arm][0](arm) == "low dose"
    intervention = Intervention.model_validate({"type": "BIOLOGICAL", "name": "CAR-T X"})
    assert KEYS[Intervention][0](intervention) == ("biological", "car-t x", ())


def test_ownership_derives_the_updaters_spec() -> None:
    """What an update may touch, derived from the model, is the table the updater was written
    against (before the model held it): only the curated fields and the kept ids differ."""
    identification_model = TrialRecord.model_fields["identification"].annotation
    identification = {
        name: None
        for name in identification_model.model_fields  # type: ignore[union-attr]
        if name not in identification_model.curated  # type: ignore[union-attr]
    }
    identification["secondary_ids"] = Items(None, keep_unmatched=True)
    expected_top = [name for name in TrialRecord.model_fields if name not in TrialRecord.curated]
    assert list(OWNED) == expected_top
    assert OWNED["identification"] == identification
    assert OWNED["arms"] == Items(
        {"label": None, "type": None, "description": None, "interventions": None}
    )
    assert OWNED["interventions"] == Items(
        {"type": None, "name": None, "description": None, "other_names": None, "arms": None}
    )
    assert OWNED["sponsors"] == {"lead": None, "collaborators": None, "responsible_party": None}
    assert "ethics_reviews" not in OWNED["oversight"]  # type: ignore[operator]
    assert "publications" not in OWNED["results"]  # type: ignore[operator]
    design = {name: None for name in Design.model_fields if name != "parts"}
    assert OWNED["design"] == design  # the parts are the curator's
    assert "regulation" not in OWNED
    for whole in ("status", "outcomes", "eligibility", "locations", "derived"):
        assert OWNED[whole] is None
