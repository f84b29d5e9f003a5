"""Rules about what a cell product is: its characterisation (ISCT's markers, MISEV's vesicles),
its manufacture, its donor and its CAR. Each reads only what the record states: an absent part
means no source says, and is never read as a "no"."""

from __future__ import annotations

from collections.abc import Iterator

from trialmodel.model.characterisation import MarkerResult
from trialmodel.model.product import CellProduct
from trialmodel.model.record import TrialRecord
from trialmodel.model.types import age_in_minutes
from trialmodel.model.vocab import (
    CAR_CELL_TYPES,
    ISCT_NEGATIVE_MAXIMUM,
    ISCT_POSITIVE_MARKERS,
    ISCT_POSITIVE_MINIMUM,
    MSC_CELL_TYPES,
    AdministeredForm,
    CarGeneration,
    DonorPooling,
    DonorRelation,
    Preservation,
)
from trialmodel.validation.rules.base import Hit, Path, first_seen, number

__all__ = [
    "autologous_donor_matching",
    "car_generation_contradicts_domains",
    "car_without_car_cell_type",
    "derived_from_itself",
    "donor_age_range_inverted",
    "donor_count_contradicts_pooling",
    "duplicate_marker",
    "harvest_not_autologous",
    "isct_criteria_for_non_msc",
    "isct_marker_outside_criterion",
    "passage_range_inverted",
    "post_thaw_viability_not_cryopreserved",
    "vesicle_details_without_vesicles",
]


def cell_products(record: TrialRecord) -> Iterator[tuple[Path, CellProduct]]:
    """Every cell product of the record with its path: the one place that knows where products
    sit."""
    for j, product in enumerate(record.products or []):
        yield ("products", j), product


# --- characterisation -------------------------------------------------------------------------


def _isct_miss(result: MarkerResult) -> str | None:
    marker, percent = result.marker.value, result.percent_positive
    if result.marker in ISCT_POSITIVE_MARKERS:
        if not result.expressed:
            return f"{marker} is reported not expressed; ISCT expects it on at least 95% of cells"
        if percent is not None and percent < ISCT_POSITIVE_MINIMUM:
            return f"{marker} on {number(percent)}% of cells is below ISCT's 95%"
        return None
    if result.expressed:
        return f"{marker} is reported expressed; ISCT expects it on at most 2% of cells"
    if percent is not None and percent > ISCT_NEGATIVE_MAXIMUM:
        return f"{marker} on {number(percent)}% of cells is above ISCT's 2%"
    return None


def isct_marker_outside_criterion(record: TrialRecord) -> Iterator[Hit]:
    """A marker's result misses ISCT's criterion (CD73/CD90/CD105 ≥95%, the others ≤2%)."""
    for path, product in cell_products(record):
        markers = product.characterisation.markers if product.characterisation else None
        for m, result in enumerate(markers or []):
            message = _isct_miss(result)
            if message is not None:
                field = "expressed" if result.percent_positive is None else "percent_positive"
                hint = "check it against the source; if the source says so, acknowledge it"
                yield Hit((*path, "characterisation", "markers", m, field), message, hint)


def duplicate_marker(record: TrialRecord) -> Iterator[Hit]:
    """A surface marker is reported twice in one product's characterisation."""
    for path, product in cell_products(record):
        markers = product.characterisation.markers if product.characterisation else None
        for index, first in first_seen([m.marker for m in markers or []]):
            message = f"marker {markers[index].marker} repeats markers[{first}]"  # type: ignore[index]
            yield Hit((*path, "characterisation", "markers", index, "marker"), message)


def isct_criteria_for_non_msc(record: TrialRecord) -> Iterator[Hit]:
    """ISCT's minimal criteria for MSCs are given for a product whose cell type is not an MSC."""
    for path, product in cell_products(record):
        if product.characterisation is None or product.cell_type is None:
            continue
        if product.cell_type not in MSC_CELL_TYPES:
            message = f"ISCT's criteria for MSCs given for a {product.cell_type.value} product"
            yield Hit((*path, "characterisation"), message, key=True)


def vesicle_details_without_vesicles(record: TrialRecord) -> Iterator[Hit]:
    """A product describes vesicles but its administered form is not EXTRACELLULAR_VESICLES."""
    for path, product in cell_products(record):
        form = product.administered_form
        if product.vesicles is None or form is AdministeredForm.EXTRACELLULAR_VESICLES:
            continue
        said = f"administered_form is {form.value}" if form else "administered_form is not given"
        message = f"vesicles described, but {said}"
        hint = "set administered_form: EXTRACELLULAR_VESICLES, or move the details"
        yield Hit((*path, "vesicles"), message, hint, key=True)


def derived_from_itself(record: TrialRecord) -> Iterator[Hit]:
    """A product's cells are said to be derived from their own cell type."""
    for path, product in cell_products(record):
        if product.derived_from is not None and product.derived_from is product.cell_type:
            message = f"cells of type {product.cell_type.value} derived from the same type"
            yield Hit((*path, "derived_from"), message, "leave derived_from out, or correct it")


# --- manufacturing ----------------------------------------------------------------------------


def post_thaw_viability_not_cryopreserved(record: TrialRecord) -> Iterator[Hit]:
    """A post-thaw viability is given for a product not said to be cryopreserved."""
    for path, product in cell_products(record):
        made = product.manufacturing
        if made is None or made.post_thaw_viability_percent is None:
            continue
        if made.preservation is Preservation.CRYOPRESERVED:
            continue
        said = "FRESH" if made.preservation else "not given"
        message = f"post-thaw viability given, but preservation is {said}"
        hint = "a post-thaw viability means the product is CRYOPRESERVED: check the source"
        yield Hit((*path, "manufacturing", "post_thaw_viability_percent"), message, hint)


def passage_range_inverted(record: TrialRecord) -> Iterator[Hit]:
    """The high end of a passage range is below its low end."""
    for path, product in cell_products(record):
        passage = product.manufacturing.passage if product.manufacturing else None
        if passage is not None and passage.max is not None and passage.max < passage.value:
            message = f"passage range maximum {passage.max} is below its value {passage.value}"
            yield Hit((*path, "manufacturing", "passage", "max"), message)


# --- donor ------------------------------------------------------------------------------------


def donor_count_contradicts_pooling(record: TrialRecord) -> Iterator[Hit]:
    """A single-donor product is said to come from several donors, or a pooled one from one."""
    for path, product in cell_products(record):
        donor = product.donor
        if donor is None or donor.pooling is None or donor.donors is None:
            continue
        single = donor.pooling is DonorPooling.SINGLE
        if single != (donor.donors == 1):
            message = f"pooling is {donor.pooling.value} but donors is {donor.donors}"
            yield Hit((*path, "donor", "donors"), message)


def donor_age_range_inverted(record: TrialRecord) -> Iterator[Hit]:
    """The youngest donor age given is above the oldest."""
    for path, product in cell_products(record):
        donor = product.donor
        if donor is None or donor.minimum_age is None or donor.maximum_age is None:
            continue
        low, high = donor.minimum_age, donor.maximum_age
        if age_in_minutes(low) > age_in_minutes(high):
            message = f"donor minimum age '{low}' is above maximum age '{high}'"
            yield Hit((*path, "donor", "minimum_age"), message)


def autologous_donor_matching(record: TrialRecord) -> Iterator[Hit]:
    """An autologous product is given a kinship, an HLA match or a pool of donors."""
    for path, product in cell_products(record):
        donor = product.donor
        if donor is None or donor.relation is not DonorRelation.AUTOLOGOUS:
            continue
        fields = [name for name in ("kinship", "hla_match") if getattr(donor, name) is not None]
        if donor.pooling is DonorPooling.POOLED:
            fields.append("pooling")
        for name in fields:
            message = f"an AUTOLOGOUS product has {name} {getattr(donor, name)}"
            yield Hit((*path, "donor", name), message, "check the donor against the source")


def harvest_not_autologous(record: TrialRecord) -> Iterator[Hit]:
    """A harvest (procedure, time to infusion) is given for an allogeneic product."""
    for path, product in cell_products(record):
        donor = product.donor
        if donor and donor.harvest and donor.relation is DonorRelation.ALLOGENEIC:
            message = "harvest given for an ALLOGENEIC product: it describes an autologous one"
            hint = "check the donor relation against the source"
            yield Hit((*path, "donor", "harvest"), message, hint, key=True)


# --- CAR --------------------------------------------------------------------------------------


def car_without_car_cell_type(record: TrialRecord) -> Iterator[Hit]:
    """A product describes a CAR but its cell type is not CAR_T_CELL or CAR_NK_CELL."""
    for path, product in cell_products(record):
        if product.car is None or product.cell_type in CAR_CELL_TYPES:
            continue
        kind = product.cell_type.value if product.cell_type else "not given"
        message = f"a CAR is described, but cell_type is {kind}"
        yield Hit((*path, "car"), message, "set cell_type: CAR_T_CELL or CAR_NK_CELL", key=True)


_DOMAINS_BY_GENERATION = {CarGeneration.FIRST: 0, CarGeneration.SECOND: 1, CarGeneration.THIRD: 2}


def car_generation_contradicts_domains(record: TrialRecord) -> Iterator[Hit]:
    """A CAR's generation (first, second, third) disagrees with its costimulatory domains."""
    for path, product in cell_products(record):
        car = product.car
        if car is None or car.generation is None or car.costimulatory_domains is None:
            continue
        expected = _DOMAINS_BY_GENERATION.get(car.generation)
        count = len(car.costimulatory_domains)
        if expected is not None and count != expected:
            message = (
                f"a {car.generation.value} generation CAR has {expected} costimulatory "
                f"domain{'' if expected == 1 else 's'}; this one lists {count}"
            )
            yield Hit((*path, "car", "generation"), message)
