"""The chimeric antigen receptor of a CAR-T or CAR-NK product."""

from typing import Annotated

from pydantic import Field

from trialmodel.model.base import Section
from trialmodel.model.types import Lax, Text
from trialmodel.model.vocab import CarBinderFormat, CarGeneration, CostimulatoryDomain, GeneDelivery

__all__ = ["ChimericAntigenReceptor"]


class ChimericAntigenReceptor(Section):
    """The CAR a product's cells carry: what it binds, how it signals, how it is delivered,
    following the CAR-T elements of the FDA's guidance "Considerations for the Development of
    Chimeric Antigen Receptor (CAR) T Cell Products" (2024) and the generations of Sadelain et
    al., Cancer Discov 2013."""

    follows = (
        'FDA guidance "Considerations for the Development of Chimeric Antigen Receptor (CAR) T '
        'Cell Products" (2024); CAR generations as in Sadelain et al., Cancer Discov 2013'
    )

    target_antigens: Annotated[list[Text], Field(min_length=1)] | None = None
    """The antigens the CAR binds, as the source names them (CD19; BCMA); two for a bispecific
    or tandem CAR."""
    binder_format: Lax[CarBinderFormat] | None = None
    """What kind of antigen-binding domain it has."""
    binder: Text | None = None
    """The binder as the source names it (FMC63 scFv; humanised anti-BCMA VHH)."""
    costimulatory_domains: list[Lax[CostimulatoryDomain]] | None = None
    """Its costimulatory domains, membrane-proximal first; none in a first-generation CAR."""
    generation: Lax[CarGeneration] | None = None
    """Its generation."""
    delivery: Lax[GeneDelivery] | None = None
    """How the CAR gene is put into the cells."""
    as_written: Text | None = None
    """The construct in the source's words (anti-CD19-BBz)."""
