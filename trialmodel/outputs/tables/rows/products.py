"""Rows of the products table and of the lists inside a product (markers, vesicle
quantification, priming). Each group of a product's columns is all null when the record has no
such section: absent, never false or 0."""

from __future__ import annotations

from collections.abc import Iterator

from trialmodel.model.car import ChimericAntigenReceptor
from trialmodel.model.characterisation import MscCharacterisation, VesicleCharacterisation
from trialmodel.model.manufacturing import Manufacturing
from trialmodel.model.product import Donor
from trialmodel.model.record import TrialRecord
from trialmodel.outputs.tables.rows.base import Row, duration, joined, v

__all__ = ["marker_rows", "priming_rows", "product_rows", "quantification_rows"]


def _donor(donor: Donor | None) -> Row:
    harvest = donor.harvest if donor else None
    return {
        "donor": v(donor.relation) if donor else None,
        "donor_pooling": v(donor.pooling) if donor else None,
        "donors": donor.donors if donor else None,
        "donor_minimum_age": donor.minimum_age if donor else None,
        "donor_maximum_age": donor.maximum_age if donor else None,
        "donor_kinship": v(donor.kinship) if donor else None,
        "hla_match": v(donor.hla_match) if donor else None,
        "donor_screening": joined(donor.screening) if donor else None,
        "harvest_procedure": harvest.procedure if harvest else None,
        **duration("harvest_to_infusion", harvest.to_infusion if harvest else None),
        "donor_description": donor.description if donor else None,
    }


def _isct(found: MscCharacterisation | None) -> Row:
    return {
        "isct_criteria_met": found.criteria_met if found else None,
        "plastic_adherent": found.plastic_adherent if found else None,
        "osteogenic": found.osteogenic if found else None,
        "adipogenic": found.adipogenic if found else None,
        "chondrogenic": found.chondrogenic if found else None,
        "characterisation_as_written": found.as_written if found else None,
    }


def _vesicles(found: VesicleCharacterisation | None) -> Row:
    return {
        "vesicle_source_material": v(found.source_material) if found else None,
        "vesicle_culture_conditions": found.culture_conditions if found else None,
        "vesicle_separation": joined(found.separation) if found else None,
        "vesicle_markers": joined(found.markers) if found else None,
        "vesicle_absent_markers": joined(found.absent_markers) if found else None,
        "vesicles_as_written": found.as_written if found else None,
    }


def _manufacturing(made: Manufacturing | None) -> Row:
    passage = made.passage if made else None
    return {
        "passage": passage.value if passage else None,
        "passage_max": passage.max if passage else None,
        "population_doublings": made.population_doublings if made else None,
        "culture_supplements": joined(made.culture_supplements) if made else None,
        "preservation": v(made.preservation) if made else None,
        "post_thaw_viability_percent": made.post_thaw_viability_percent if made else None,
        "potency_assays": joined(made.potency_assays) if made else None,
        "release_criteria": joined(made.release_criteria) if made else None,
        "manufacturing_site": made.site if made else None,
        "gmp": made.gmp if made else None,
        "manufacturing_as_written": made.as_written if made else None,
    }


def _car(car: ChimericAntigenReceptor | None) -> Row:
    return {
        "car_target_antigens": joined(car.target_antigens) if car else None,
        "car_binder_format": v(car.binder_format) if car else None,
        "car_binder": car.binder if car else None,
        "car_costimulatory_domains": joined(car.costimulatory_domains) if car else None,
        "car_generation": v(car.generation) if car else None,
        "car_delivery": v(car.delivery) if car else None,
        "car_as_written": car.as_written if car else None,
    }


def product_rows(record: TrialRecord, base: Row) -> Iterator[Row]:
    """The products rows of one version."""
    for index, product in enumerate(record.products or [], 1):
        yield {
            **base,
            "product": index,
            "name": product.name,
            "code": product.code,
            "inn": product.inn,
            "cell_type": v(product.cell_type),
            "derived_from": v(product.derived_from),
            "tissue_source": v(product.tissue_source),
            "administered_form": v(product.administered_form),
            "excipients": joined(product.excipients),
            "description": product.description,
            **_donor(product.donor),
            **_isct(product.characterisation),
            **_vesicles(product.vesicles),
            **_manufacturing(product.manufacturing),
            **_car(product.car),
        }


def marker_rows(record: TrialRecord, base: Row) -> Iterator[Row]:
    """The product_markers rows of one version."""
    for index, product in enumerate(record.products or [], 1):
        found = product.characterisation
        for number, item in enumerate(found.markers or [] if found else [], 1):
            yield {
                **base,
                "product": index,
                "marker": number,
                "product_name": product.name,
                "name": v(item.marker),
                "expressed": item.expressed,
                "percent_positive": item.percent_positive,
                "as_written": item.as_written,
            }


def quantification_rows(record: TrialRecord, base: Row) -> Iterator[Row]:
    """The vesicle_quantifications rows of one version."""
    for index, product in enumerate(record.products or [], 1):
        found = product.vesicles
        for number, item in enumerate(found.quantification or [] if found else [], 1):
            yield {
                **base,
                "product": index,
                "quantification": number,
                "product_name": product.name,
                "method": v(item.method),
                "measures": v(item.measures),
                "as_written": item.as_written,
            }


def priming_rows(record: TrialRecord, base: Row) -> Iterator[Row]:
    """The product_priming rows of one version."""
    for index, product in enumerate(record.products or [], 1):
        made = product.manufacturing
        for number, item in enumerate(made.priming or [] if made else [], 1):
            yield {
                **base,
                "product": index,
                "priming": number,
                "product_name": product.name,
                "kind": v(item.kind),
                "agent": item.agent,
            }
