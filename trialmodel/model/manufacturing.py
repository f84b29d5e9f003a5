"""How a cell product is made: culture, priming, preservation, release, and where."""

from typing import Annotated

from pydantic import Field

from trialmodel.model.base import Identity, Section
from trialmodel.model.characterisation import Percent
from trialmodel.model.types import Lax, Text, WholeNumber
from trialmodel.model.vocab import CultureSupplement, Preservation, PrimingKind

__all__ = ["Manufacturing"]

ISCT_MANUFACTURING = (
    "ISCT MSC committee's manufacturing and potency reporting (Viswanathan et al., Cytotherapy "
    "2019; Galipeau et al., Cytotherapy 2016) and EMA's guideline on human cell-based medicinal "
    "products (EMEA/CHMP/410869/2006)"
)

PopulationDoublings = Annotated[float, Field(gt=0)]


class Passage(Section):
    """The passage at which cells are harvested for the product, or a range of passages,
    following the ISCT MSC committee's reporting of culture expansion (Viswanathan et al.,
    Cytotherapy 2019)."""

    follows = ISCT_MANUFACTURING

    value: WholeNumber
    """The passage (P3 is 3), or the low end of a range."""
    max: WholeNumber | None = None
    """The high end of a range (passages 3 to 5 have value 3 and max 5); "at most passage 5" is
    value 0 and max 5 only where the source says so."""


class Priming(Section):
    """One way the cells are primed (licensed) before use, following the ISCT MSC committee's
    reporting of licensing (Galipeau et al., Cytotherapy 2016)."""

    follows = ISCT_MANUFACTURING
    identity = Identity((("kind", "agent"), ("kind",)), names=("agent",))

    kind: Lax[PrimingKind]
    """What kind of priming."""
    agent: Text | None = None
    """What the cells are primed with, as written (IFN-γ 25 ng/mL for 48 hours; 1% oxygen)."""


class Manufacturing(Section):
    """How the product is made, released and where, following the ISCT MSC committee's
    manufacturing reporting (Viswanathan et al., Cytotherapy 2019) and EMA's guideline on human
    cell-based medicinal products (EMEA/CHMP/410869/2006)."""

    follows = ISCT_MANUFACTURING

    passage: Passage | None = None
    """The passage at which cells are harvested for the product."""
    population_doublings: PopulationDoublings | None = None
    """Cumulative population doublings at harvest, where the source gives them instead of (or
    besides) the passage."""
    culture_supplements: Annotated[list[Lax[CultureSupplement]], Field(min_length=1)] | None = None
    """What the culture medium is supplemented with, each the source names."""
    priming: Annotated[list[Priming], Field(min_length=1)] | None = None
    """How the cells are primed before use, where they are."""
    preservation: Lax[Preservation] | None = None
    """Whether the product is given fresh or cryopreserved and thawed."""
    post_thaw_viability_percent: Percent | None = None
    """Share of viable cells after thawing, in percent (a cryopreserved product's)."""
    potency_assays: Annotated[list[Text], Field(min_length=1)] | None = None
    """The potency assays the source names, as written (IDO activity after IFN-γ stimulation)."""
    release_criteria: Annotated[list[Text], Field(min_length=1)] | None = None
    """The lot release criteria the source gives, each as written (viability ≥ 70%; sterile)."""
    site: Text | None = None
    """Where the product is made: the facility or organisation, as written."""
    gmp: bool | None = None
    """True where the source says the product is made under Good Manufacturing Practice, false
    where it says it is not."""
    as_written: Text | None = None
    """The manufacturing in the source's words."""
