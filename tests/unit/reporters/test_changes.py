"""Change reports as text, Markdown and JSON; the JSON against its generated schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from trialmodel.changes import ChangeReport, Significance, TrialChanges, VersionRef, diff_records
from trialmodel.changes.schema import build_change_report_schema
from trialmodel.records import load_record
from trialmodel.reporters.changes import render, version_label
from trialmodel.schema.build import render_json

EXAMPLES = Path(__file__).parents[2] / "examples" / "changes"
SCHEMA_FILE = Path(__file__).parents[3] / "schemas" / "change-report.schema.json"
BASE = (EXAMPLES / "base.yaml").read_text(encoding="utf-8")
NEW = (
    BASE.replace("overall: RECRUITING", "overall: SUSPENDED\n  why_stopped: Funding | paused")
    .replace("count: 60", "count: 40")
    .replace("time_frame: 6 months", "time_frame: 12 months")
    .replace("name: Example Foundation", "name: Example Trust")
)
OLD_REF = VersionRef("old/NCT99999901.yaml", "2020-08-25", "snapshot", "RECRUITING")
NEW_REF = VersionRef("new/NCT99999901.yaml", "2022-04", "not_after", "SUSPENDED")


def _report() -> ChangeReport:
    old = load_record(BASE.encode(), name="old.yaml")
    new = load_record(NEW.encode(), name="new.yaml")
    changed = TrialChanges(
        "NCT99999901", "changed", OLD_REF, NEW_REF, tuple(diff_records(old, new))
    )
    added_ref = VersionRef(
        "new/NCT99999902.yaml", None, None, "RECRUITING", "Cells for *v5* <b>x</b>"
    )
    added = TrialChanges("NCT99999902", "added", None, added_ref)
    same = TrialChanges("NCT99999903", "unchanged", OLD_REF, OLD_REF)
    return ChangeReport("diff", (changed, added, same))


def test_text_lists_major_changes_first() -> None:
    """Text shows each changed trial with its changes, the most significant first, and counts."""
    lines = render(_report(), "text").splitlines()
    assert lines[0].startswith("NCT99999901 changed: old/NCT99999901.yaml (2020-08-25)")
    levels = [line.split()[0] for line in lines[1:] if line.startswith("  ")]
    assert levels == sorted(levels, key=lambda s: Significance(s).rank)
    assert any("[possible_outcome_switching]" in line for line in lines)
    added = (
        'NCT99999902 added: "Cells for *v5* <b>x</b>", RECRUITING; new/NCT99999902.yaml (undated)'
    )
    assert added in lines
    assert not any("NCT99999903" in line for line in lines)
    assert lines[-1].startswith("1 changed, 1 added, 0 removed, 1 unchanged;")


def test_markdown_is_a_table_per_trial() -> None:
    """Markdown has a heading per trial, a table of changes, and escapes pipes in messages."""
    text = render(_report(), "markdown")
    assert "### NCT99999901 (changed)" in text
    assert "| significance | change |" in text
    assert "| **major** | status RECRUITING → SUSPENDED (why stopped: Funding \\| paused) |" in text
    assert "### NCT99999902 (added)" in text
    assert (
        "Cells for \\*v5\\* \\<b\\>x\\</b\\>, RECRUITING: `new/NCT99999902.yaml (undated)`" in text
    )


def test_markdown_escapes_registry_text() -> None:
    """Registry text in a change (emphasis, backticks, HTML) reaches the comment inert."""
    old = load_record(BASE.encode(), name="old.yaml")
    title = "brief_title: Example Cells in Example Lung Disease"
    assert title in BASE
    new = load_record(BASE.replace(title, "brief_title: '*v5* `code` <b>x</b>'").encode(), name="n")
    step = TrialChanges("NCT99999901", "changed", OLD_REF, NEW_REF, tuple(diff_records(old, new)))
    text = render(ChangeReport("diff", (step,)), "markdown")
    assert "\\*v5\\* \\`code\\` \\<b\\>x\\</b\\>" in text
    assert "<b>" not in text


def test_markdown_keeps_a_registry_text_on_its_line() -> None:
    """Line breaks in registry text become spaces: a changed title stays on its table row, and an
    added trial's title on its line, escaped."""
    old = load_record(BASE.encode(), name="old.yaml")
    title = "brief_title: Example Cells in Example Lung Disease"
    new_title = 'brief_title: "Example Cells\\nin | Example Lung\\nDisease"'
    new = load_record(BASE.replace(title, new_title).encode(), name="n")
    step = TrialChanges("NCT99999901", "changed", OLD_REF, NEW_REF, tuple(diff_records(old, new)))
    text = render(ChangeReport("diff", (step,)), "markdown")
    assert "Example Cells in \\| Example Lung Disease" in text
    ref = VersionRef(
        "new/NCT99999902.yaml", title="Two\nlines | *here*", overall_status="RECRUITING"
    )
    added = TrialChanges("NCT99999902", "added", None, ref)
    text = render(ChangeReport("diff", (added,)), "markdown")
    assert (
        "Two lines \\| \\*here\\*, RECRUITING: `new/NCT99999902.yaml (undated)`"
        in text.splitlines()
    )


def test_json_validates_against_the_schema() -> None:
    """JSON output is valid against the change-report schema and carries every change."""
    data = json.loads(render(_report(), "json"))
    jsonschema.Draft202012Validator(build_change_report_schema()).validate(data)
    trial = data["trials"][0]
    assert trial["old"]["date_basis"] == "snapshot"
    kinds = {c["kind"] for c in trial["changes"]}
    assert {"status_changed", "enrollment_count_changed", "primary_outcome_retimed"} <= kinds
    assert data["summary"]["changes"] == len(trial["changes"])


def test_schema_file_is_current() -> None:
    """schemas/change-report.schema.json holds exactly what the builder generates."""
    assert SCHEMA_FILE.read_bytes() == render_json(build_change_report_schema()), (
        "schemas/change-report.schema.json is out of date: run `trialmodel schema`"
    )


def test_significance_filter_drops_emptied_trials() -> None:
    """Keeping only major changes drops minor ones, and a diff trial left with none."""
    old = load_record(BASE.encode(), name="old.yaml")
    minor_only = load_record(
        BASE.replace("allocation: NA", "allocation: RANDOMIZED").encode(), name="x"
    )
    quiet = TrialChanges(
        "NCT99999904", "changed", OLD_REF, NEW_REF, tuple(diff_records(old, minor_only))
    )
    assert quiet.changes
    full = _report()
    report = ChangeReport("diff", (*full.trials, quiet)).at_least(Significance.MAJOR)
    assert [t.trial_id for t in report.trials] == ["NCT99999901", "NCT99999902", "NCT99999903"]
    changed = report.trials[0]
    assert changed.changes
    assert all(c.significance is Significance.MAJOR for c in changed.changes)


def test_history_text_is_a_timeline() -> None:
    """History text lists each version with its date and status, then the changes to it."""
    first = TrialChanges("NCT99999901", "added", None, OLD_REF)
    step = _report().trials[0]
    text = render(ChangeReport("history", (first, step)), "text")
    lines = text.splitlines()
    assert lines[0] == "NCT99999901: 2 versions"
    assert text.endswith("\n1 trial, 2 versions; 5 changes (3 major, 2 minor, 0 info)\n")
    alone = render(ChangeReport("history", (first,)), "text")
    assert alone.splitlines()[-1] == "1 trial, 1 version; 0 changes (0 major, 0 minor, 0 info)"
    assert lines[1].split() == ["2020-08-25", "RECRUITING", "old/NCT99999901.yaml"]
    assert lines[2].split() == ["≤", "2022-04", "SUSPENDED", "new/NCT99999901.yaml"]
    assert lines[3].split()[:3] == ["major", "status", "RECRUITING"]


def test_history_names_each_registry_version_by_number_and_submission() -> None:
    """A version read from the registry's history shows its number and submission date, its
    identity, in the text and Markdown timelines and in the JSON."""
    ref = VersionRef(
        "h/2019-03-08.v2.yaml", "2019-03-12", "snapshot", "SUSPENDED", None, 2, "2019-03-08"
    )
    alone = VersionRef(
        "h/2019-03-08.yaml", "2019-03-12", "snapshot", "SUSPENDED", None, None, "2019-03-08"
    )
    report = ChangeReport("history", (TrialChanges("NCT99999901", "added", None, ref),))
    line = render(report, "text").splitlines()[1]
    assert line.split() == [
        "2019-03-12",
        "SUSPENDED",
        "v2,",
        "submitted",
        "2019-03-08",
        "h/2019-03-08.v2.yaml",
    ]
    assert "#### 2019-03-12 (v2, submitted 2019-03-08): SUSPENDED\n" in render(report, "markdown")
    (trial,) = json.loads(render(report, "json"))["trials"]
    assert (trial["new"]["registry_version"], trial["new"]["registry_submitted"]) == (
        2,
        "2019-03-08",
    )
    other = ChangeReport("history", (TrialChanges("NCT99999901", "added", None, alone),))
    assert "  submitted 2019-03-08  h/2019-03-08.yaml" in render(other, "text")


def test_text_summarises_first_seen_and_curation() -> None:
    """Many fields first seen become one line naming them; many curation changes one of counts."""
    cut = BASE
    for section in ("conditions:\n", "description:\n", "eligibility:\n", "locations:\n"):
        start = cut.index(section)
        end = (
            min(
                i
                for i in (cut.find(f"\n{c}", start + 1) for c in "abcdefghijklmnopqrstuvwxyz")
                if i > 0
            )
            + 1
        )
        cut = cut[:start] + cut[end:]
    notes = "".join(f"    - topic: t{i}\n      note: n{i}\n" for i in range(4))
    newer = BASE.replace("  curation_notes:\n", "  curation_notes:\n" + notes)
    changes = diff_records(
        load_record(cut.encode(), name="a"), load_record(newer.encode(), name="b")
    )
    step = TrialChanges("NCT99999901", "changed", OLD_REF, NEW_REF, tuple(changes))
    lines = render(ChangeReport("diff", (step,)), "text").splitlines()
    seen = [line for line in lines if "first seen, not shown in the older version" in line]
    assert len(seen) == 1
    assert seen[0].endswith(
        ": conditions; description; eligibility (inclusion, exclusion, sex, minimum age, "
        "maximum age, healthy volunteers); locations"
    )
    assert any(line.endswith("curation and provenance: curation notes 4 added") for line in lines)
    assert len(lines) == 4
    assert lines[-1].endswith("; 4 curation and provenance changes")
    assert "info   curation and provenance" in lines[-2]


def test_curation_is_counted_apart_and_never_above_info() -> None:
    """Provenance changes are info, in their own category, and not in the registry counts."""
    old = load_record(BASE.encode(), name="old.yaml")
    snapshot = '  snapshot:\n    date: "2020-08-25"\n'
    assert snapshot in BASE
    bounded = '  snapshot:\n    not_before: "2020-08"\n    not_after: "2020-09"\n'
    before = load_record(BASE.replace(snapshot, bounded).encode(), name="a")
    changes = diff_records(before, old)
    assert changes and all(c.category.value == "curation_and_provenance" for c in changes)
    assert {c.significance for c in changes} == {Significance.INFO}
    step = TrialChanges("NCT99999901", "changed", OLD_REF, NEW_REF, tuple(changes))
    data = json.loads(render(ChangeReport("diff", (step,)), "json"))
    assert data["summary"]["changes"] == 0
    assert data["summary"]["curation"] == len(changes)
    report = ChangeReport("diff", (step,)).at_least(Significance.MINOR)
    assert report.trials == ()


@pytest.mark.parametrize(
    ("ref", "label"),
    [
        (VersionRef("f", "2021-05", "snapshot"), "2021-05"),
        (VersionRef("f", "2021", "not_before"), "≥ 2021"),
        (VersionRef("f"), "undated"),
    ],
)
def test_version_label(ref: VersionRef, label: str) -> None:
    """A version's date reads with its bound."""
    assert version_label(ref) == label


def test_unknown_format_is_an_error() -> None:
    """An unknown format name is a ValueError naming the known ones."""
    with pytest.raises(ValueError, match="text, markdown, json"):
        render(_report(), "yaml")
