"""Tests for identity and ownership declared on the model, and what derives from them."""

from __future__ import annotations

from trialmodel.changes.matching import KEY_FIELDS, KEYS
from trialmodel.model.base import Identity, Section, is_list, model_in, models_below
from trialmodel.model.record import Arm, Design, Intervention, TrialRecord
from trialmodel.updating.merge import KEEP_UNMATCHED, OWNED

# Items matched on their whole content only (equal, or alike enough): they have no name.
CONTENT_ONLY = {"Acknowledgment", "Retraction", "ViolationEvent"}


def test_every_list_item_model_declares_its_identity() -> None:
    """Each model that stands in a list of the record has keys naming real fields of it (but the
    few matched on their content alone)."""
    without = set()
    for model in models_below(TrialRecord):
        for info in model.model_fields.values():
            inner = model_in(info.annotation)
            if inner is None or not is_list(info.annotation):
                continue
            identity = inner.identity if issubclass(inner, Section) else None
            if identity is None:
                without.add(inner.__name__)
                continue
            assert isinstance(identity, Identity), inner.__name__
            for fields in (*identity.keys, identity.names):
                assert set(fields) <= set(inner.model_fields), inner.__name__
    assert without == CONTENT_ONLY


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
    identification["secondary_ids"] = {"[]": None, KEEP_UNMATCHED: None}
    expected_top = [name for name in TrialRecord.model_fields if name not in TrialRecord.curated]
    assert list(OWNED) == expected_top
    assert OWNED["identification"] == identification
    assert OWNED["arms"] == {
        "[]": {"label": None, "type": None, "description": None, "interventions": None}
    }
    assert OWNED["interventions"] == {
        "[]": {"type": None, "name": None, "description": None, "other_names": None, "arms": None}
    }
    assert OWNED["sponsors"] == {"lead": None, "collaborators": None, "responsible_party": None}
    assert "ethics_reviews" not in OWNED["oversight"]  # type: ignore[operator]
    assert "publications" not in OWNED["results"]  # type: ignore[operator]
    design = {name: None for name in Design.model_fields if name != "parts"}
    assert OWNED["design"] == design  # the parts are the curator's
    assert "regulation" not in OWNED
    for whole in ("status", "outcomes", "eligibility", "locations", "derived"):
        assert OWNED[whole] is None
