"""Dose changes in the words of a dose: the amount with its unit, and a stale ``as_written``.

A dose is a number with what it counts and per what, and its cap and volume; a change of any of
these is one change of the dose, shown with its unit (``4e+06 cells per kg body weight → 3e+06
cells per kg body weight``). A cumulative dose is a dose, and a concentration (an amount per
volume) is told the same way. ``as_written`` is the source's wording: when the amount changes and
it does not, the record now contradicts itself, and the change says so.
"""

from __future__ import annotations

from pydantic import BaseModel

from trialmodel.changes.events import Category, Change, Significance, json_value, quoted
from trialmodel.changes.rules import ChangeRule
from trialmodel.changes.walk import Out, humanise, same, walk_model
from trialmodel.model.dose import Concentration
from trialmodel.model.product import DoseAmount

__all__ = ["dose_changes"]

AMOUNT = ("value", "max", "counted", "basis", "cap", "volume")
"""The fields that make up the amount of a dose; the rest (as written) is walked by its rules."""

CONCENTRATION = ("value", "max", "counted", "per_ml")
"""The fields that make up a concentration."""

BASIS_WORDS = {
    "PER_KG_BODY_WEIGHT": "per kg body weight",
    "PER_M2_BODY_SURFACE": "per m² body surface",
    "PER_ADMINISTRATION": "per administration",
}


def _words(value: object) -> str:
    return str(getattr(value, "value", value)).lower().replace("_", " ")


def amount_text(dose: DoseAmount | Concentration) -> str:
    """``1e+06–2e+06 cells per kg body weight, at most 2e+08``; ``8e+08 vesicles per 3 mL``."""
    number = f"{dose.value:g}" + (f"–{dose.max:g}" if dose.max is not None else "")
    if isinstance(dose, Concentration):
        return f"{number} {_words(dose.counted)} per {dose.per_ml:g} mL"
    basis = str(getattr(dose.basis, "value", dose.basis))
    cap = f", at most {dose.cap:g}" if dose.cap is not None else ""
    volume = f" in {dose.volume.ml:g} mL" if dose.volume is not None else ""
    return f"{number} {_words(dose.counted)} {BASIS_WORDS.get(basis, basis.lower())}{cap}{volume}"


def dose_changes(path: str, old: BaseModel, new: BaseModel, out: Out) -> None:
    """One change for the amount, noting an ``as_written`` left behind; then the rest."""
    assert isinstance(old, DoseAmount | Concentration)
    assert isinstance(new, DoseAmount | Concentration)
    fields = CONCENTRATION if isinstance(new, Concentration) else AMOUNT
    moved = [f for f in fields if json_value(getattr(old, f)) != json_value(getattr(new, f))]
    if moved:
        message = f"{humanise(path, out.names)}: {amount_text(old)} → {amount_text(new)}"
        details: dict[str, str] = {}
        kept = old.as_written is not None and new.as_written is not None
        if kept and same(old.as_written, new.as_written):
            message += f"; as written still {quoted(new.as_written)}, now at odds with it"
            details["as_written_unchanged"] = str(new.as_written)
        before: object = old.model_dump(mode="json", include=set(fields), exclude_none=True)
        after: object = new.model_dump(mode="json", include=set(fields), exclude_none=True)
        if len(moved) == 1:  # the one field that moved: its own path and values
            before, after = json_value(getattr(old, moved[0])), json_value(getattr(new, moved[0]))
        out.append(
            Change(
                "dose_changed",
                Category.PRODUCT_AND_DOSE,
                path if len(moved) > 1 else f"{path}.{moved[0]}",
                before,
                after,
                Significance.MAJOR,
                message,
                (),
                details,
            )
        )
    rest = ChangeRule(Category.PRODUCT_AND_DOSE, "dose_changed", Significance.MINOR)
    walk_model(path, old, new, rest, out, frozenset(fields))
