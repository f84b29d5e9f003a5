"""The resources beside the ResearchStudy: a BiologicallyDerivedProduct per cell product and a
Location per site; and the study's focus, related artifacts and notes that point at them."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from enum import Enum
from typing import Any

from pydantic import BaseModel

from trialmodel.model.people import Location
from trialmodel.model.product import CellProduct, Duration
from trialmodel.model.record import TrialRecord
from trialmodel.model.vocab import (
    CELL_ONTOLOGY,
    CELL_TYPE_CL,
    CELL_TYPE_UBERON,
    TISSUE_SOURCE_UBERON,
    UBERON,
)
from trialmodel.outputs.fhir import codes as c
from trialmodel.outputs.fhir.codes import Json, concept

__all__ = [
    "DETAILS",
    "focus",
    "location_resource",
    "notes",
    "product_resource",
    "related_artifacts",
    "urn",
]

_NAMESPACE = uuid.UUID("0d7f3c1e-4a55-5b8e-9c3b-7b1f1f2a9e15")
"""Fixed, so that the same record gives the same Bundle, byte for byte."""


def urn(nct_id: str, kind: str, index: int = 0) -> str:
    """A stable ``urn:uuid:`` for one resource of a trial's Bundle."""
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, f'{nct_id}/{kind}/{index}')}"


def _property(label: str, value: Any) -> Json:
    kind = (
        "valueString" if isinstance(value, str) and label == "excipient" else "valueCodeableConcept"
    )
    shown = value if kind == "valueString" else concept(value)
    return {"type": concept(label), kind: shown}


def _codes(table: dict[Any, tuple[str, str]]) -> dict[str, str]:
    return {kind.value: code for kind, (code, _) in table.items()}


_ONTOLOGIES: dict[str, tuple[tuple[str, dict[str, str]], ...]] = {
    "cell type": ((CELL_ONTOLOGY, _codes(CELL_TYPE_CL)), (UBERON, _codes(CELL_TYPE_UBERON))),
    "tissue source": ((UBERON, _codes(TISSUE_SOURCE_UBERON)),),
}
"""Which ontologies code a property's value, where the value has a checked id: a cell type is
coded in the Cell Ontology, or in Uberon when it is an anatomical structure (an islet)."""


def _coded(prop: Json) -> Json:
    label = prop["type"]["text"]
    value = prop["valueCodeableConcept"]["text"] if label in _ONTOLOGIES else None
    for system, codes in _ONTOLOGIES.get(label, ()):
        if value in codes:
            return {**prop, "valueCodeableConcept": c.mapped(value, system, codes)}
    return prop


DETAILS = (
    "code",
    "inn",
    "derived_from",
    "donor",
    "characterisation",
    "vesicles",
    "manufacturing",
    "car",
)
"""Parts of a product exported as one property per value, typed by the value's path in the
product (``manufacturing.passage.value``): BiologicallyDerivedProduct has no elements of its own
for them."""


def _valued(value: object) -> tuple[str, Any]:
    if isinstance(value, Duration):
        return "valueQuantity", {"value": value.value, "unit": value.unit.value}
    if isinstance(value, bool):
        return "valueBoolean", value
    if isinstance(value, int):
        return "valueInteger", value
    if isinstance(value, float):
        return "valueQuantity", {"value": value}
    if isinstance(value, Enum):
        return "valueCodeableConcept", concept(str(value.value))
    return "valueString", str(value)


def _walk(label: str, value: object) -> Iterator[tuple[str, object]]:
    if isinstance(value, BaseModel) and not isinstance(value, Duration):
        for name in type(value).model_fields:
            inner = getattr(value, name)
            if inner is not None:
                yield from _walk(f"{label}.{name}", inner)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(f"{label}[{index}]", item)
    else:
        yield label, value


def detail_properties(product: CellProduct) -> list[Json]:
    """The product's characterisation, manufacturing, donor and CAR as properties, one per
    value, each typed by its path in the product (the donor's relation is the "donor relation"
    property already)."""
    out: list[Json] = []
    for name in DETAILS:
        value = getattr(product, name)
        if value is None:
            continue
        for label, leaf in _walk(name, value):
            if label == "donor.relation":
                continue
            kind, shown = _valued(leaf)
            out.append({"type": concept(label), kind: shown})
    return out


def product_resource(product: CellProduct) -> Json:
    """A cell product as a BiologicallyDerivedProduct: what it is, its cells, source and donor."""
    form = product.administered_form.value if product.administered_form else None
    category = c.PRODUCT_CATEGORIES.get(form, c.DERIVED_CATEGORY) if form else None
    facts = [
        ("cell type", product.cell_type),
        ("tissue source", product.tissue_source),
        ("donor relation", product.donor.relation if product.donor else None),
        ("administered form", product.administered_form),
    ]
    properties = [_property(label, v.value) for label, v in facts if v is not None]
    properties = [_coded(p) for p in properties]
    properties += [_property("excipient", e) for e in product.excipients or []]
    properties += detail_properties(product)
    out: Json = {
        "resourceType": "BiologicallyDerivedProduct",
        "productCode": {"text": product.name},
    }
    if category is not None:
        out["productCategory"] = {"system": c.PRODUCT_CATEGORY_SYSTEM, "code": category}
    if properties:
        out["property"] = properties
    return out


def location_resource(site: Location) -> Json:
    """A site as a Location: its facility name, address and position."""
    address = {
        k: v
        for k, v in (
            ("city", site.city),
            ("state", site.state),
            ("postalCode", site.zip),
            ("country", site.country),
        )
        if v is not None
    }
    out: Json = {"resourceType": "Location"}
    if site.facility is not None:
        out["name"] = site.facility
    out["address"] = address
    if site.geo_point is not None:
        out["position"] = {"latitude": site.geo_point.lat, "longitude": site.geo_point.lon}
    return out


def focus(record: TrialRecord, products: dict[str, str]) -> list[Json]:
    """Each intervention by name; one that gives a cell product points at the product's
    BiologicallyDerivedProduct (``products``: product name -> its entry's URN).

    R5 allows focus to reference Medication, MedicinalProductDefinition, SubstanceDefinition or
    EvidenceVariable only, so the product is linked by FHIR's alternate-reference extension, made
    for a target of a type the element does not allow (a reference with a display, as required).
    """
    out = []
    for item in record.interventions or []:
        entry: Json = {"concept": concept(item.name)}
        if item.product is not None and item.product in products:
            entry["reference"] = {
                "extension": [
                    {
                        "url": c.ALTERNATE_REFERENCE,
                        "valueReference": {"reference": products[item.product]},
                    }
                ],
                "display": item.product,
            }
        out.append(entry)
    derived = record.derived
    for term in (derived.intervention_mesh_terms or []) if derived else []:
        coding = {"system": c.MESH_SYSTEM, "code": term.id, "display": term.term}
        out.append({"concept": {"coding": [coding]}})
    return out


def related_artifacts(record: TrialRecord) -> list[Json]:
    """The record's sources, and the registry's publications and links."""
    out: list[Json] = []
    for source in record.provenance.sources:
        artifact: Json = {"type": "documentation", "label": source.name}
        if source.url is not None:
            artifact["document"] = {"url": source.url, "title": source.name}
        else:
            artifact["display"] = source.name
        out.append(artifact)
    references = record.references
    for pub in (references.publications or []) if references else []:
        if pub.citation is None and pub.pmid is None:
            continue
        citation: Json = {"type": "citation"}
        if pub.type is not None:
            citation["classifier"] = [concept(pub.type.value)]
        if pub.pmid is not None:
            citation["label"] = f"PMID {pub.pmid}"
        citation["citation" if pub.citation else "display"] = pub.citation or f"PMID {pub.pmid}"
        out.append(citation)
    for link in (references.see_also or []) if references else []:
        doc = {"url": link.url, **({"title": link.label} if link.label else {})}
        out.append({"type": "documentation", "document": doc})
    return out


def notes(record: TrialRecord) -> list[Json]:
    """The curation notes, each with its topic."""
    return [{"text": f"{n.topic}: {n.note}"} for n in record.provenance.curation_notes or []]
