"""``trialmodel.migrating``: 1.x records rewritten as 2.0 without losing a value or a comment.

The lossless checks here are the tests' own (a walk over the plain data, the comment lines of the
text), apart from the checks the migration runs on itself before it writes.
"""

from __future__ import annotations

import lzma
import re
import tarfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml.comments import CommentedMap

from trialmodel.ctgov import import_file
from trialmodel.findings import Severity
from trialmodel.formatting import format_text
from trialmodel.loading import load_bytes
from trialmodel.migrating import (
    Migrated,
    MigrationError,
    Move,
    Step,
    map_path,
    migrate_text,
    parse_path,
    step_error,
)
from trialmodel.model.record import SCHEMA_VERSION
from trialmodel.validation.files import validate_bytes
from trialmodel.writing import yaml_text

ROOT = Path(__file__).parents[3]
FORMAT_1 = ROOT / "tests" / "data" / "format-1.x"
OLD_RECORDS = sorted((FORMAT_1 / "records").rglob("*.yaml"))
EXAMPLES = sorted((ROOT / "tests" / "examples" / "valid").glob("*.yaml"))
CORPUS = FORMAT_1 / "ctgov-imported-1.2.tar.xz"
REGISTRY_FILES = sorted((ROOT / "tests" / "data" / "ctgov-corpus").glob("*.json")) + sorted(
    p for p in (ROOT / "tests" / "data" / "ctgov").glob("NCT*.json")
)
SMALL = (ROOT / "tests" / "examples" / "valid" / "small.yaml").read_text("utf-8")


def _data(text: str) -> dict[str, Any]:
    loaded = load_bytes(text.encode("utf-8"), "r.yaml")
    assert loaded.data is not None
    return loaded.data


def _leaves(data: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[Any, Any]]:
    if isinstance(data, dict) and data:
        for key, value in data.items():
            yield from _leaves(value, (*path, key))
    elif isinstance(data, list) and data:
        for index, value in enumerate(data):
            yield from _leaves(value, (*path, index))
    else:
        yield path, data


def _at(data: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def _comment_lines(text: str) -> Counter[str]:
    """Whole-line comments: the curator's notes the tests can find without a YAML parser."""
    return Counter(line.strip() for line in text.splitlines() if line.lstrip().startswith("#"))


def assert_lossless(before: str, result: Migrated) -> None:
    """Every leaf of the 1.x data at its mapped place (record paths the record holds mapped
    too), the version the current one, and every whole-line comment still there."""
    old, new = _data(before), _data(result.after)
    assert new["schema_version"] == SCHEMA_VERSION
    review = new.get("provenance", {}).get("needs_review", [])
    for path, value in _leaves(old):
        if path == ("schema_version",):
            continue
        if path[:2] == ("provenance", "needs_review"):
            assert _mapped(value, result) in review, path
        elif path[:2] in {("provenance", "curation_notes"), ("provenance", "acknowledgments")} and (
            path[-1] in ("topic", "path")
        ):
            assert _at(new, map_path(path, result.moves)) == _mapped(value, result), path
        else:
            assert _at(new, map_path(path, result.moves)) == _declared(path, value, result), path
    assert not _comment_lines(before) - _comment_lines(result.after)


def _declared(path: tuple[str | int, ...], value: Any, result: Migrated) -> Any:
    """The value a step declared it put in place of ``value`` at ``path`` (``Move.replaced``),
    or ``value``: a replacement counts only at its exact place and for its exact old value."""
    for moves in result.moves:
        found = [m for m in moves if m.replaced and m.old == path and m.replaced[0] == value]
        if found:
            value = found[0].replaced[1] if found[0].replaced else value
        path = map_path(path, (moves,))
    return value


def _mapped(text: str, result: Migrated) -> str:
    path = parse_path(text)
    if path is None:
        return text
    mapped = map_path(path, result.moves)
    return re.sub(r"\.\[", "[", ".".join(f"[{p}]" if isinstance(p, int) else p for p in mapped))


def _errors(text: str) -> list[str]:
    report = validate_bytes(text.encode("utf-8"), "r.yaml")
    return [f.code for f in report.findings if f.severity is Severity.ERROR]


@pytest.mark.parametrize("path", OLD_RECORDS, ids=lambda p: str(p.relative_to(FORMAT_1)))
def test_the_repository_records_migrate_losslessly(path: Path) -> None:
    """Each record and history version as it was in 1.x: migrated, nothing lost, and the result
    validates with no warning left unacknowledged and is already in the house style."""
    before = path.read_text("utf-8")
    result = migrate_text(before, str(path))
    assert result.version.startswith("1.") and result.changed
    assert_lossless(before, result)
    report = validate_bytes(result.after.encode("utf-8"), str(path))
    assert [f.code for f in report.findings if not f.acknowledged] == []
    assert format_text(result.after) == result.after


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_the_valid_examples_as_1x_migrate_losslessly(path: Path) -> None:
    """Each valid example, written back as 1.0, migrates to a record that validates."""
    text = path.read_text("utf-8").replace(
        f'schema_version: "{SCHEMA_VERSION}"', 'schema_version: "1.0"'
    )
    assert 'schema_version: "1.0"' in text
    result = migrate_text(text, path.name)
    assert_lossless(text, result)
    assert _errors(result.after) == []


def _corpus() -> Iterator[tuple[str, str]]:
    with lzma.open(CORPUS) as stream, tarfile.open(fileobj=stream, mode="r|") as archive:
        for member in archive:
            handle = archive.extractfile(member)
            assert handle is not None
            yield member.name, handle.read().decode("utf-8")


def test_the_imported_registry_corpus_migrates_to_what_import_writes_today() -> None:
    """The 212 records format 1.2's import wrote for the registry files in tests/data: each
    migrates losslessly, validates, and is exactly what today's import writes."""
    today = {
        f"{study.nct_id}.yaml": yaml_text(study.data, None)
        for path in REGISTRY_FILES
        for study in import_file(path)
    }
    seen = []
    for name, before in _corpus():
        assert 'schema_version: "1.2"' in before, name
        result = migrate_text(before, name)
        assert_lossless(before, result)
        assert _errors(result.after) == [], name
        assert result.after == today[name], name
        seen.append(name)
    assert len(seen) == len(today) == 212


def test_a_current_record_is_left_alone() -> None:
    """A 2.0 record comes back unchanged, said to be current."""
    result = migrate_text(SMALL)
    assert (result.changed, result.current, result.after) == (False, True, SMALL)


def test_a_record_in_its_own_style_keeps_it() -> None:
    """Flow lists and a comment stay as written: only the version changes."""
    text = SMALL.replace(f'"{SCHEMA_VERSION}"', '"1.1"').replace(
        "identification:", "identification:  # mine"
    )
    text = re.sub(r"phases:\n\s+- PHASE1\n\s+- PHASE2", "phases: [PHASE1, PHASE2]", text)
    assert "[PHASE1, PHASE2]" in text
    result = migrate_text(text)
    assert result.after == text.replace('"1.1"', f'"{SCHEMA_VERSION}"')


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('schema_version: "1.0"\nidentification: [\n', "r.yaml:3:1: yaml_syntax"),
        ('schema_version: "3.0"\n', "schema_version '3.0': trialmodel migrate rewrites format 1"),
        ("identification: {}\n", "no schema_version"),
        ("- schema_version: '1.0'\n", "yaml_not_mapping"),
    ],
)
def test_a_file_that_cannot_be_migrated_is_a_located_error(text: str, message: str) -> None:
    """Bad YAML, another major version, no version, not a mapping: refused, with the place."""
    with pytest.raises(MigrationError, match=re.escape(message)):
        migrate_text(text, "r.yaml")


def _old_small() -> str:
    return SMALL.replace(f'"{SCHEMA_VERSION}"', '"1.2"')


def _step(run: Any) -> tuple[Step, ...]:
    return (Step("test", "a step under test", run),)


def test_a_step_that_loses_a_value_is_refused() -> None:
    """A step that drops a value without saying where it went: the file is refused."""

    def drop(document: CommentedMap) -> list[Move]:
        del document["status"]["overall"]
        return []

    with pytest.raises(MigrationError, match=r"would lose status\.overall \('RECRUITING'\)"):
        migrate_text(_old_small(), "r.yaml", _step(drop))


def test_a_step_that_loses_a_comment_is_refused() -> None:
    """A step that replaces a commented node with a copy: the comment would go, so it is refused."""
    text = _old_small().replace("  overall: RECRUITING", "  overall: RECRUITING  # kept")

    def copy(document: CommentedMap) -> list[Move]:
        document["status"] = dict(document["status"])
        return []

    assert "# kept" in migrate_text(text, "r.yaml").after
    with pytest.raises(MigrationError, match="would lose comment '# kept'"):
        migrate_text(text, "r.yaml", _step(copy))


def test_a_step_that_moves_says_so_and_paths_follow() -> None:
    """A move is followed by the lossless check and by the record paths the record holds."""
    text = _old_small() + "  needs_review:\n    - status.overall\n    - status.start\n"

    def move(document: CommentedMap) -> list[Move]:
        document["status"]["state"] = document["status"].pop("overall")
        return [Move(("status", "overall"), ("status", "state"))]

    result = migrate_text(text, "r.yaml", _step(move))
    assert _data(result.after)["status"]["state"] == "RECRUITING"
    assert _data(result.after)["provenance"]["needs_review"] == ["status.state", "status.start"]
    assert_lossless(text, result)


def test_a_step_error_names_the_place() -> None:
    """A step that cannot rewrite a record raises a located StepError: the file is refused."""

    def refuse(document: CommentedMap) -> list[Move]:
        raise step_error("cannot", ("status", "overall"), document["status"], "overall")

    with pytest.raises(MigrationError, match=r"^r\.yaml:8:3: cannot; not migrated$"):
        migrate_text(_old_small(), "r.yaml", _step(refuse))


def test_paths_are_parsed_and_mapped_through_steps_in_order() -> None:
    """Longest prefix wins within a step; the steps compose; a topic that is not a path is kept."""
    assert parse_path("arms[1].dose_levels") == ("arms", 1, "dose_levels")
    assert parse_path("vocabulary") == ("vocabulary",)
    assert parse_path("a free subject") is None
    steps = [
        [Move(("a",), ("b",)), Move(("a", 0, "x"), ("c",))],
        [Move(("b", 0), ("d", 2))],
    ]
    assert map_path(("a", 0, "x", "y"), steps) == ("c", "y")
    assert map_path(("a", 0, "z"), steps) == ("d", 2, "z")
    assert map_path(("e",), steps) == ("e",)


def test_the_round_trip_path_gives_what_the_version_line_gives_on_registry_records() -> None:
    """Some registry records (every 20th, under 40 kB) through ruamel.yaml with a step that
    changes nothing: the same text as the version-line path, so either path may run."""
    nothing = (Step("nothing", "changes nothing", lambda document: []),)
    checked = 0
    for index, (name, before) in enumerate(_corpus()):
        if index % 20 or len(before) > 40_000:
            continue
        assert migrate_text(before, name, nothing).after == migrate_text(before, name).after
        checked += 1
    assert checked >= 5
