"""trialmodel.changes.matching: identity keys strongest first, exact pairs first, and similarity
whose work is bounded whatever the input."""

from __future__ import annotations

import random

import pytest

from tests.unit.changes.examples import BASE, edited, record
from trialmodel.changes import diff_records
from trialmodel.changes import matching as matching_module
from trialmodel.changes.matching import (
    CLOSEST_AMONG,
    DIFF_WORK,
    KEYS,
    MIN_CONTENT,
    RENAME_SIMILARITY,
    REWORD_SIMILARITY,
    Budget,
    Texts,
    _likeness,
    match_items,
    measure_likeness,
    ratio,
    similarity,
)
from trialmodel.model.record import Intervention, Location, Outcome, TrialRecord
from trialmodel.records import load_record


def _words(rng: random.Random, length: int) -> str:
    """Text of about ``length`` characters, words drawn from a small vocabulary."""
    vocabulary = ["cell", "dose", "lung", "infusion", "week", "month", "rate", "score", "adverse"]
    text = ""
    while len(text) < length:
        text += rng.choice(vocabulary) + f"{rng.randrange(1000)} "
    return text[:length]


def _with_outcomes(measures: list[str]) -> TrialRecord:
    """The base record with these primary outcomes (12 months each)."""
    listed = "".join(f"    - measure: {m}\n      time_frame: 12 months\n" for m in measures)
    old = (
        "    - measure: Adverse events\n      time_frame: 6 months\n"
        "      description: Number of adverse events reported after each infusion.\n"
    )
    assert old in BASE
    return load_record(BASE.replace(old, listed).encode("utf-8"), name="example.yaml")


@pytest.fixture
def work(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Record the comparisons every similarity ratio costs (len × len of its texts)."""
    spent: list[int] = []
    real = matching_module.ratio

    def counted(a: str, b: str) -> float:
        """The real ratio, its cost noted."""
        spent.append(len(a) * len(b))
        return real(a, b)

    monkeypatch.setattr(matching_module, "ratio", counted)
    return spent


@pytest.mark.parametrize("length", [500, 1000, 5000])
def test_similarity_work_is_bounded_by_text_length(work: list[int], length: int) -> None:
    """50 against 50 unrelated long primary outcomes: similarity stays within its budget."""
    rng = random.Random(length)
    old = _with_outcomes([_words(rng, length) for _ in range(50)])
    new = _with_outcomes([_words(rng, length) for _ in range(50)])
    changes = diff_records(old, new)
    assert sum(work) <= DIFF_WORK
    assert sum(1 for _ in work) > 0, "similarity was never tried"
    kinds = sorted({c.kind for c in changes})
    assert set(kinds) <= {
        "primary_outcome_added",
        "primary_outcome_removed",
        "primary_outcome_reworded",
    }
    assert len([c for c in changes if c.kind != "primary_outcome_reworded"]) % 2 == 0


def test_unbounded_work_would_have_been_far_larger(work: list[int]) -> None:
    """The budget is what bounds it: the full comparison of those lists costs far more."""
    rng = random.Random(7)
    a = [Outcome(measure=_words(rng, 1000), time_frame="1 year") for _ in range(50)]
    b = [Outcome(measure=_words(rng, 1000), time_frame="1 year") for _ in range(50)]
    budget = Budget()
    match_items(a, b, budget)
    full = sum(len(x.measure) * len(y.measure) for x in a for y in b)
    assert sum(work) <= DIFF_WORK < full / 100
    assert budget.remaining < DIFF_WORK


def test_budget_spent_means_no_similarity_pairing(work: list[int]) -> None:
    """With nothing left to spend, leftovers are added and removed, never compared."""
    a = [Outcome(measure="Adverse events at one year", time_frame="1 year")]
    b = [Outcome(measure="Adverse events at one year (grade 3)", time_frame="1 year")]
    assert match_items(a, b).renamed == ((0, 0),)
    empty = Budget(0)
    result = match_items(a, b, empty)
    assert (result.renamed, result.removed, result.added) == ((), (0,), (0,))


def test_exact_matches_pair_before_keys() -> None:
    """[MACE 30 days, MACE 1 year] → [MACE 1 year, MACE 90 days]: the equal items pair."""
    a = [
        Outcome(measure="MACE", time_frame="30 days"),
        Outcome(measure="MACE", time_frame="1 year"),
    ]
    b = [
        Outcome(measure="MACE", time_frame="1 year"),
        Outcome(measure="MACE", time_frame="90 days"),
    ]
    assert match_items(a, b).pairs == ((1, 0), (0, 1))


def test_long_texts_are_shortened_around_their_first_difference() -> None:
    """Two long texts that differ late are shown around the difference, never as equal prefixes."""
    from trialmodel.changes.events import quoted_pair

    lead = "RANDOMISED controlled trial of cells in adults " * 3
    old, new = quoted_pair(lead + "with MILD disease", lead + "with MODERATE disease")
    assert old != new
    assert old.startswith('"…') and "MILD" in old
    assert new.startswith('"…') and "MODERATE" in new
    assert quoted_pair("short", "other") == ('"short"', '"other"')


def test_intervention_falls_back_to_name() -> None:
    """Interventions match on (type, name, arms), then (type, name), then on name alone."""
    assert len(KEYS[type(record(BASE).interventions[0])]) == 3  # type: ignore[index]
    old = record(BASE).interventions
    new = record(edited([["  - type: BIOLOGICAL\n", "  - type: DRUG\n"]])).interventions
    assert old is not None and new is not None
    matching = match_items(old, new)
    assert (matching.pairs, matching.added, matching.removed) == (((0, 0),), (), ())


def test_repeated_intervention_names_match_by_their_arms() -> None:
    """Entries repeating a type and name (one per arm, as the registry has them) pair by arms."""

    def entry(arm: str, description: str) -> Intervention:
        return Intervention.model_validate(
            {"type": "DRUG", "name": "Selinexor", "arms": [arm], "description": description}
        )

    old = [entry("Part 1", "60 mg"), entry("Part 2", "40 mg")]
    new = [entry("Part 2", "40 mg twice weekly"), entry("Part 1", "60 mg twice weekly")]
    assert match_items(old, new).pairs == ((1, 0), (0, 1))


def test_similarity_is_one_for_equal_texts_and_zero_for_an_empty_one() -> None:
    """Equal texts are alike by 1.0; a text against an empty one by 0.0, whatever it holds."""
    assert similarity("dose level", "dose level") == 1.0
    assert similarity("", "dose level") == similarity("dose level", "") == 0.0


def test_ratio_keeps_frequent_characters_in_long_texts() -> None:
    """Long texts are compared character by character: no character counts as junk however often
    it occurs (difflib's autojunk would call these two texts nothing alike)."""
    a, b = "x" * 100 + "y" * 120, "y" * 120 + "x" * 100
    assert ratio(a, b) == pytest.approx(240 / 440)


def test_rename_needs_the_name_and_the_content_alike_at_the_threshold() -> None:
    """Two items are one renamed when name and content are each alike by RENAME_SIMILARITY or
    more (0.8 counts); equal content of MIN_CONTENT characters or more suffices alone."""
    assert similarity("abcde", "abcdf") == RENAME_SIMILARITY == 0.8
    assert _likeness(Texts("abcde", "same"), Texts("abcdf", "same"), outcomes=False) == 0.8
    assert _likeness(Texts("name", "abcde"), Texts("name", "abcdf"), outcomes=False) == 1.0
    assert _likeness(Texts("name", "abcde"), Texts("name", "abxyz"), outcomes=False) == 0.0
    content = "c" * MIN_CONTENT
    assert _likeness(Texts("one", content), Texts("two", content), outcomes=False) == 1.0
    short = content[1:]
    assert _likeness(Texts("one", short), Texts("two", short), outcomes=False) == 0.0


def test_reworded_measure_at_the_threshold_or_contained() -> None:
    """A measure reworded by REWORD_SIMILARITY (0.6 counts), or one of two or more words standing
    inside the other (whichever sorts first), is the same outcome; less is another outcome."""
    assert measure_likeness("abcde", "abcxy") == REWORD_SIMILARITY == 0.6
    assert measure_likeness("adverse events of grade 3", "grade 3") == REWORD_SIMILARITY
    assert measure_likeness("grade 3", "adverse events of grade 3") == REWORD_SIMILARITY
    assert measure_likeness("abcde", "abxyz") == 0.0
    assert measure_likeness("response", "overall response rate") == 0.0  # one word: not enough


def test_repeated_texts_pair_in_order() -> None:
    """Plain texts repeated in both versions pair one for one, in order."""
    matching = match_items(["site", "site", "other"], ["site", "other", "site"])
    assert matching.pairs == ((0, 0), (2, 1), (1, 2))
    assert (matching.renamed, matching.removed, matching.added) == ((), (), ())


def _site(zip_code: str, status: str = "RECRUITING") -> Location:
    """A site of one facility in one city, told apart by its zip code and status."""
    return Location.model_validate(
        {
            "facility": "Research Site",
            "city": "Seoul",
            "country": "Korea",
            "zip": zip_code,
            "status": status,
        }
    )


@pytest.mark.parametrize("count", [3, CLOSEST_AMONG])
def test_an_item_pairs_with_the_closest_of_its_repeats(count: int) -> None:
    """Among up to CLOSEST_AMONG new items sharing its key, an item pairs with the one most like
    it (most fields equal), not the first."""

    new = [_site(f"{n:05d}") for n in range(count)]
    matching = match_items([_site(f"{count - 2:05d}", "COMPLETED")], new)
    assert matching.pairs == ((0, count - 2),)


def test_beyond_closest_among_the_first_repeat_is_taken() -> None:
    """Past CLOSEST_AMONG repeats, the first new item sharing the key is taken (bounded work)."""

    new = [_site(f"{n:05d}") for n in range(CLOSEST_AMONG + 1)]
    assert match_items([_site(f"{CLOSEST_AMONG - 1:05d}", "COMPLETED")], new).pairs == ((0, 0),)


def test_unmatched_items_pair_best_first() -> None:
    """Leftover items pair greedily, the most alike pair first: each measure with its own
    rewording, though every pair is alike enough to count."""
    old = [
        Outcome(measure=m, time_frame="1 year")
        for m in ("rate of grade 3 events", "rate of grade 4 events")
    ]
    new = [
        Outcome(measure=m, time_frame="1 year")
        for m in ("rate of grade 4 event", "rate of grade 3 event")
    ]
    assert all(
        measure_likeness(a.measure, b.measure) >= REWORD_SIMILARITY for a in old for b in new
    )
    matching = match_items(old, new)
    assert (matching.pairs, matching.renamed) == ((), ((1, 0), (0, 1)))
