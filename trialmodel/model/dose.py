"""A concentration, kept apart from the dose given (record format 2.0, area 5).

"8×10^8 vesicles/3 mL" may say how much is given in 3 mL, or how strong the preparation is: the
first is a dose with a volume (``DoseAmount.volume``), the second a concentration, here.
"""

from typing import Annotated

from pydantic import Field

from trialmodel.model.base import Section
from trialmodel.model.types import Lax, Text
from trialmodel.model.vocab import DoseCounted

__all__ = ["Concentration", "PositiveNumber"]

PositiveNumber = Annotated[float, Field(gt=0)]


class Concentration(Section):
    """How much of what a dose counts is in a volume of the preparation, as the source states it
    (8×10^8 vesicles per 3 mL is value 8.0e+8 per_ml 3.0, never divided out). Follows FHIR R5's
    Ratio as Ingredient.substance.strength.concentration uses it: a numerator amount over a
    denominator volume."""

    follows = "FHIR R5 Ratio (Ingredient.substance.strength.concentration)"

    value: PositiveNumber
    """The amount in the volume, or the low end of a range (8.0e+8)."""
    max: PositiveNumber | None = None
    """High end of a range of amounts in the same volume."""
    counted: Lax[DoseCounted]
    """What the amount counts."""
    per_ml: PositiveNumber
    """The volume the amount is in, in millilitres: 1 for "per mL", 3 for "/3 mL"."""
    as_written: Text | None = None
    """The concentration as the source wrote it."""
