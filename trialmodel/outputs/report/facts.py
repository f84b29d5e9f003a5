"""A trial's design in parts and its regulation as the report shows them: plain texts, built from
the record, shared by the HTML and Markdown reports. A value no source gives is left out."""

from __future__ import annotations

from dataclasses import dataclass

from trialmodel.model.protocol import DesignPart, MaskingInfo
from trialmodel.model.record import TrialRecord
from trialmodel.model.regulation import CatClassification, Designation, Ind
from trialmodel.outputs.report.view import words

__all__ = ["part_rows", "regulation_items"]


@dataclass(frozen=True, slots=True)
class PartRow:
    """One part of a study run in parts, each cell a text ('' where no source says)."""

    label: str
    phases: str
    design: str
    """Allocation and model, in words."""
    masking: str
    arms: str


def _masking(masking: MaskingInfo | None) -> str:
    if masking is None:
        return ""
    who = ", ".join(words(w) for w in masking.who_masked or [])
    return words(masking.masking) + (f" ({who})" if who else "")


def _part(part: DesignPart) -> PartRow:
    allocation = part.allocation
    design = (
        []
        if allocation is None
        else ["allocation N/A" if allocation == "NA" else words(allocation)]
    )
    if part.intervention_model is not None:
        design.append(words(part.intervention_model))
    if part.enrollment is not None:
        design.append(f"{part.enrollment.count} participants")
    return PartRow(
        label=part.label,
        phases=", ".join(p.value for p in part.phases or []),
        design=", ".join(design),
        masking=_masking(part.masking),
        arms="; ".join(part.arms or []),
    )


def part_rows(record: TrialRecord) -> list[PartRow]:
    """The design's parts, in the record's order; none for a study not run in parts."""
    parts = record.design.parts if record.design else None
    return [_part(part) for part in parts or []]


def _cited(*facts: str | None, source: str | None = None) -> str:
    text = ", ".join(f for f in facts if f)
    return f"{text} (source: {source})" if source else text


def _designation(value: Designation) -> str:
    return _cited(words(value.status), value.number, value.date, source=value.source)


def _cat(value: CatClassification) -> str:
    said = "an ATMP" if value.atmp else "not an ATMP"
    kind = words(value.atmp_class) if value.atmp_class else None
    return _cited(said, kind, value.date, source=value.source)


def _ind(value: Ind) -> str:
    number = value.number or "number not public"
    return _cited(number, value.date, source=value.source)


_RISK = {"CLASS_I": "class I", "CLASS_II": "class II", "CLASS_III": "class III"}


def regulation_items(record: TrialRecord) -> list[tuple[str, str]]:
    """(what, text) for each regulatory fact the record holds, EU, then US, then Japan."""
    regulation = record.regulation
    if regulation is None:
        return []
    items: list[tuple[str, str | None]] = []
    if (eu := regulation.eu) is not None:
        items += [
            ("EU ATMP class", words(eu.atmp_class) if eu.atmp_class else None),
            ("CAT classification", _cat(eu.cat_classification) if eu.cat_classification else None),
        ]
        items += [(name, _designation(d) if d else None) for name, d in _eu(record)]
    if (us := regulation.us) is not None:
        tier = {"SECTION_351": "351 biological product", "SECTION_361_HCTP": "361 HCT/P"}
        items += [
            ("US product", tier[us.product_tier.value] if us.product_tier else None),
            ("IND", _ind(us.ind) if us.ind else None),
        ]
        items += [(name, _designation(d) if d else None) for name, d in _us(record)]
    if (japan := regulation.japan) is not None:
        pmd = None if japan.pmd_act is None else ("yes" if japan.pmd_act else "no")
        items += [
            ("Japan risk class", _RISK[japan.risk_class.value] if japan.risk_class else None),
            ("Trial under the PMD Act", pmd),
        ]
    return [(name, text) for name, text in items if text]


def _eu(record: TrialRecord) -> list[tuple[str, Designation | None]]:
    eu = record.regulation.eu if record.regulation else None
    if eu is None:
        return []
    return [
        ("Hospital exemption", eu.hospital_exemption),
        ("PRIME", eu.prime),
        ("EU orphan designation", eu.orphan_designation),
    ]


def _us(record: TrialRecord) -> list[tuple[str, Designation | None]]:
    us = record.regulation.us if record.regulation else None
    if us is None:
        return []
    return [
        ("RMAT", us.rmat),
        ("Breakthrough therapy", us.breakthrough_therapy),
        ("US orphan designation", us.orphan_designation),
    ]
