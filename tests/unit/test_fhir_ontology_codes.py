"""Product properties are coded in the ontology that has the value: CL, or Uberon for an islet."""

from __future__ import annotations

from trialmodel.outputs.fhir.codes import concept
from trialmodel.outputs.fhir.resources import _coded

CL = "http://purl.obolibrary.org/obo/cl.owl"
UBERON = "http://purl.obolibrary.org/obo/uberon.owl"


def _property(label: str, value: str) -> dict[str, object]:
    return {"type": concept(label), "valueCodeableConcept": concept(value)}


def test_a_cell_type_is_coded_in_cl_and_an_islet_in_uberon() -> None:
    """A CL cell type gets its CL id; an islet, an anatomical structure, its Uberon id."""
    t_cell = _coded(_property("cell type", "T_CELL"))["valueCodeableConcept"]
    assert t_cell["coding"] == [{"system": CL, "code": "CL:0000084"}]
    islet = _coded(_property("cell type", "PANCREATIC_ISLET"))["valueCodeableConcept"]
    assert islet == {
        "coding": [{"system": UBERON, "code": "UBERON:0000006"}],
        "text": "PANCREATIC_ISLET",
    }


def test_a_value_without_an_id_stays_text() -> None:
    """A value no table maps, and a property no ontology codes, keep their text only."""
    assert _coded(_property("cell type", "CAR_T_CELL"))["valueCodeableConcept"] == {
        "text": "CAR_T_CELL"
    }
    assert _coded(_property("tissue source", "WHARTONS_JELLY"))["valueCodeableConcept"] == {
        "text": "WHARTONS_JELLY"
    }
    assert _coded(_property("donor relation", "T_CELL")) == _property("donor relation", "T_CELL")
