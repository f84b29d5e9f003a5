"""What a cell product is shown to be: ISCT's minimal criteria for MSCs, MISEV's minimal
information for extracellular vesicles.

Every field is what a source states. An absent field means no source says, which is also how a
criterion the source does not state is recorded: there is no "not stated" value to confuse with
a stated "no".
"""

from typing import Annotated

from pydantic import Field

from trialmodel.model.base import Identity, Section
from trialmodel.model.types import Lax, Text
from trialmodel.model.vocab import (
    SurfaceMarker,
    VesicleQuantificationMethod,
    VesicleQuantity,
    VesicleSeparation,
    VesicleSourceMaterial,
)

__all__ = ["MarkerResult", "MscCharacterisation", "Percent", "VesicleCharacterisation"]

Percent = Annotated[float, Field(ge=0, le=100)]
"""A share in percent, 0 to 100."""

ISCT_2006 = "ISCT minimal criteria for MSCs (Dominici et al., Cytotherapy 2006)"
MISEV = (
    "MISEV2018 (Théry et al., J Extracell Vesicles 2018) and MISEV2023 (Welsh et al., "
    "J Extracell Vesicles 2024)"
)


class MarkerResult(Section):
    """One surface marker as the source reports it, following ISCT's minimal criteria for MSCs
    (Dominici et al., Cytotherapy 2006)."""

    follows = ISCT_2006
    identity = Identity((("marker",),), names=("marker",))

    marker: Lax[SurfaceMarker]
    """The marker."""
    expressed: bool
    """True where the source says the cells express it (are positive), false where it says they
    do not (are negative)."""
    percent_positive: Percent | None = None
    """Share of cells positive for the marker, in percent, where the source gives a number (a
    source's "≥95%" is 95)."""
    as_written: Text | None = None
    """The result as the source writes it (CD73+ >95%)."""


class MscCharacterisation(Section):
    """How the product's cells meet ISCT's minimal criteria for MSCs (Dominici et al.,
    Cytotherapy 2006): adherence to plastic, the surface markers, and differentiation into bone,
    fat and cartilage in vitro. Each criterion as the source states it; a criterion no source
    states is left out."""

    follows = ISCT_2006

    criteria_met: bool | None = None
    """True where the source says the cells meet ISCT's minimal criteria as a whole, without (or
    besides) the detail below."""
    plastic_adherent: bool | None = None
    """Whether the cells adhere to plastic in standard culture, as the source says."""
    markers: Annotated[list[MarkerResult], Field(min_length=1)] | None = None
    """The surface markers the source reports, each once."""
    osteogenic: bool | None = None
    """Whether the cells differentiate into osteoblasts in vitro, as the source says."""
    adipogenic: bool | None = None
    """Whether the cells differentiate into adipocytes in vitro, as the source says."""
    chondrogenic: bool | None = None
    """Whether the cells differentiate into chondroblasts in vitro, as the source says."""
    as_written: Text | None = None
    """The characterisation in the source's words."""


class VesicleQuantification(Section):
    """One way the amount of vesicles is measured, following MISEV2018 and MISEV2023 (which ask
    for at least two, and that a count says whether it counts particles or vesicles)."""

    follows = MISEV
    identity = Identity((("method", "measures"), ("method",)), names=("method",))

    method: Lax[VesicleQuantificationMethod]
    """The method."""
    measures: Lax[VesicleQuantity] | None = None
    """What the number counts: particles, vesicles, or protein."""
    as_written: Text | None = None
    """The method as the source writes it (NanoSight NS300; BCA assay)."""


class VesicleCharacterisation(Section):
    """Where a product's extracellular vesicles come from, how they are separated and measured,
    following MISEV2018 (Théry et al., J Extracell Vesicles 2018) and MISEV2023 (Welsh et al.,
    J Extracell Vesicles 2024). The producing cells are the product's cell_type and
    tissue_source."""

    follows = MISEV

    source_material: Lax[VesicleSourceMaterial] | None = None
    """What the vesicles were separated from."""
    culture_conditions: Text | None = None
    """How the producing cells were cultured for the conditioned medium, in the source's words
    (serum-free medium for 48 hours; hypoxia)."""
    separation: Annotated[list[Lax[VesicleSeparation]], Field(min_length=1)] | None = None
    """The separation methods, in the order the source gives them."""
    quantification: Annotated[list[VesicleQuantification], Field(min_length=1)] | None = None
    """How the amount of vesicles is measured."""
    markers: Annotated[list[Text], Field(min_length=1)] | None = None
    """Proteins the source reports present on or in the vesicles (CD63, CD81, TSG101)."""
    absent_markers: Annotated[list[Text], Field(min_length=1)] | None = None
    """Proteins the source reports absent, as a purity check (calnexin)."""
    as_written: Text | None = None
    """The characterisation in the source's words."""
