"""Cross-field checks that a field type cannot express, each with a stable code and a severity.

A rule reads a record that already passed the model and yields ``Hit``s: a place in the record (a
path like the YAML's, as a tuple) and a message. Validation turns hits into located findings. The
rules are split by subject (``references``, ``products``, ``cells``, ``doses``, ``roles``,
``dates``, ``eligibility``, ``design``, ``regulation``, ``registrations``) and assembled here,
explicitly, into ``RULES``: no import fills a table. Every rule is documented with an example in
``docs/validate.md``. A section that is absent means "no source says", so rules never read an
absent section as empty.
"""

from __future__ import annotations

from collections.abc import Iterator

from trialmodel.findings import Severity
from trialmodel.model.record import TrialRecord
from trialmodel.validation.rules import (
    cells,
    dates,
    design,
    doses,
    eligibility,
    products,
    references,
    registrations,
    regulation,
    roles,
)
from trialmodel.validation.rules.base import Check, Hit, Path, Rule, make_rule

__all__ = ["RULES", "Check", "Hit", "Path", "Rule", "check_record"]

RULES: tuple[Rule, ...] = (
    make_rule("arm_unknown_intervention", Severity.ERROR, references.arm_unknown_intervention),
    make_rule("intervention_unknown_arm", Severity.ERROR, references.intervention_unknown_arm),
    make_rule("duplicate_arm_label", Severity.ERROR, references.duplicate_arm_label),
    make_rule(
        "duplicate_intervention_name", Severity.ERROR, references.duplicate_intervention_name
    ),
    make_rule(
        "dose_level_unknown_intervention",
        Severity.ERROR,
        references.dose_level_unknown_intervention,
    ),
    make_rule("duplicate_dose_level_label", Severity.ERROR, references.duplicate_dose_level_label),
    make_rule("dose_range_inverted", Severity.ERROR, products.dose_range_inverted),
    make_rule("dose_cap_without_scaled_basis", Severity.ERROR, doses.dose_cap_without_scaled_basis),
    make_rule("dose_cap_not_above_dose", Severity.ERROR, doses.dose_cap_not_above_dose),
    make_rule("cumulative_dose_below_dose", Severity.ERROR, doses.cumulative_dose_below_dose),
    make_rule("product_unknown", Severity.ERROR, products.product_unknown),
    make_rule("product_unused", Severity.WARNING, products.product_unused),
    make_rule("duplicate_product_name", Severity.ERROR, products.duplicate_product_name),
    make_rule("cell_product_missing", Severity.ERROR, products.cell_product_missing),
    make_rule(
        "cell_product_possibly_missing", Severity.WARNING, products.cell_product_possibly_missing
    ),
    make_rule(
        "control_arm_given_cell_product", Severity.ERROR, products.control_arm_given_cell_product
    ),
    make_rule(
        "background_therapy_unknown_arm", Severity.ERROR, roles.background_therapy_unknown_arm
    ),
    make_rule("placebo_marked_cell_based", Severity.ERROR, roles.placebo_marked_cell_based),
    make_rule(
        "isct_marker_outside_criterion", Severity.WARNING, cells.isct_marker_outside_criterion
    ),
    make_rule("duplicate_marker", Severity.ERROR, cells.duplicate_marker),
    make_rule("isct_criteria_for_non_msc", Severity.WARNING, cells.isct_criteria_for_non_msc),
    make_rule(
        "vesicle_details_without_vesicles", Severity.ERROR, cells.vesicle_details_without_vesicles
    ),
    make_rule("derived_from_itself", Severity.ERROR, cells.derived_from_itself),
    make_rule(
        "post_thaw_viability_not_cryopreserved",
        Severity.ERROR,
        cells.post_thaw_viability_not_cryopreserved,
    ),
    make_rule("passage_range_inverted", Severity.ERROR, cells.passage_range_inverted),
    make_rule(
        "donor_count_contradicts_pooling", Severity.ERROR, cells.donor_count_contradicts_pooling
    ),
    make_rule("donor_age_range_inverted", Severity.ERROR, cells.donor_age_range_inverted),
    make_rule("autologous_donor_matching", Severity.ERROR, cells.autologous_donor_matching),
    make_rule("harvest_not_autologous", Severity.WARNING, cells.harvest_not_autologous),
    make_rule("car_without_car_cell_type", Severity.ERROR, cells.car_without_car_cell_type),
    make_rule(
        "car_generation_contradicts_domains",
        Severity.WARNING,
        cells.car_generation_contradicts_domains,
    ),
    make_rule("status_needs_why_stopped", Severity.WARNING, dates.status_needs_why_stopped),
    make_rule(
        "completed_with_estimated_date", Severity.WARNING, dates.completed_with_estimated_date
    ),
    make_rule(
        "primary_completion_after_completion",
        Severity.ERROR,
        dates.primary_completion_after_completion,
    ),
    make_rule("registered_after_start", Severity.WARNING, dates.registered_after_start),
    make_rule("registration_timing_unclear", Severity.WARNING, dates.registration_timing_unclear),
    make_rule("age_range_inverted", Severity.ERROR, eligibility.age_range_inverted),
    make_rule(
        "interventional_without_primary_outcome",
        Severity.ERROR,
        design.interventional_without_primary_outcome,
    ),
    make_rule("duplicate_outcome_measure", Severity.ERROR, references.duplicate_outcome_measure),
    make_rule("phase_combination", Severity.ERROR, design.phase_combination),
    make_rule("duplicate_design_part_label", Severity.ERROR, design.duplicate_design_part_label),
    make_rule("design_part_unknown_arm", Severity.ERROR, design.design_part_unknown_arm),
    make_rule(
        "design_part_phase_outside_study", Severity.WARNING, design.design_part_phase_outside_study
    ),
    make_rule(
        "design_part_masked_without_who", Severity.WARNING, design.design_part_masked_without_who
    ),
    make_rule(
        "design_part_open_with_who_masked", Severity.ERROR, design.design_part_open_with_who_masked
    ),
    make_rule(
        "hospital_exemption_outside_eu", Severity.WARNING, regulation.hospital_exemption_outside_eu
    ),
    make_rule("hctp_361_with_ind", Severity.WARNING, regulation.hctp_361_with_ind),
    make_rule("hctp_361_expedited", Severity.ERROR, regulation.hctp_361_expedited),
    make_rule("cat_class_without_atmp", Severity.ERROR, regulation.cat_class_without_atmp),
    make_rule(
        "atmp_class_differs_from_cat", Severity.WARNING, regulation.atmp_class_differs_from_cat
    ),
    make_rule("risk_class_with_pmd_act", Severity.WARNING, regulation.risk_class_with_pmd_act),
    make_rule("registration_id_format", Severity.ERROR, registrations.registration_id_format),
    make_rule(
        "registration_primary_twice", Severity.ERROR, registrations.registration_primary_twice
    ),
    make_rule(
        "registration_nct_id_mismatch", Severity.ERROR, registrations.registration_nct_id_mismatch
    ),
    make_rule("value_source_path_unknown", Severity.ERROR, registrations.value_source_path_unknown),
    make_rule(
        "value_source_unknown_source", Severity.ERROR, registrations.value_source_unknown_source
    ),
)
"""Every rule, in the order they run: the one registry, assembled here rather than by decorators
filling a list at import."""


def check_record(record: TrialRecord) -> Iterator[tuple[Rule, Hit]]:
    """Run every rule on a record that passed the model; yield each rule with each of its hits."""
    for rule in RULES:
        for hit in rule.check(record):
            yield rule, hit
