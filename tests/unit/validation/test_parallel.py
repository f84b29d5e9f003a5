"""Tests for parallel validation (``validate --jobs``) and the progress line."""

from __future__ import annotations

import io
import json
from collections.abc import Generator
from pathlib import Path

import pytest

from trialmodel.validation import parallel
from trialmodel.validation.parallel import (
    available_cores,
    chunk_size,
    map_in_order,
    parse_jobs,
    resolve_jobs,
)

VALID = """\
schema_version: "2.0"
identification:
  nct_id: NCT{number:08d}
  brief_title: A record for the parallel tests
status:
  overall: RECRUITING
provenance:
  state: CURATED
  sources:
    - name: ClinicalTrials.gov
"""

BROKEN = [
    "schema_version: '2.0'\nidentification:\n  nct_id: NCT123\nprovenance:\n  state: CURATED\n",
    "schema_version: '2.0'\nidentification: [unclosed\n",
    "schema_version: '2.0'\nidentification:\n  nct_id: NCT00000001\n  nct_id: NCT00000002\n",
    VALID.format(number=7).replace("RECRUITING", "RECRUITNG"),
    VALID.format(number=8).replace("  brief_title", "  brief_titel"),
    "\tnot: yaml: at all\n",
    "",
]


def square(value: int) -> int:
    """A picklable per-item function for the pool tests."""
    return value * value


def fail_on_seven(value: int) -> int:
    """A per-item function that fails on one item, as a bug in a validator would."""
    if value == 7:
        raise RuntimeError("seven")
    return value


def write_records(folder: Path, count: int) -> list[Path]:
    """Valid and broken records, interleaved, written to ``folder``."""
    paths = []
    for index in range(count):
        text = BROKEN[index % len(BROKEN)] if index % 3 == 0 else VALID.format(number=index)
        path = folder / f"record{index:03d}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def test_resolve_jobs_zero_means_every_core() -> None:
    """--jobs 0 uses every core this process may run on; a positive number is taken as given
    up to that count, and capped to it above (1,000 processes on 2 cores only cost time)."""
    cores = available_cores()
    assert resolve_jobs(0) == cores >= 1
    assert resolve_jobs(1) == 1
    assert resolve_jobs(cores) == cores
    assert resolve_jobs(cores + 1) == cores
    assert resolve_jobs(1000) == cores


def test_parse_jobs_takes_ascii_digits_only() -> None:
    """--jobs takes 0-9 digits only: an Arabic-Indic or superscript digit, a sign, a space or a
    number too long to be one are refused."""
    assert [parse_jobs(text) for text in ("0", "1", "007", "1000")] == [0, 1, 7, 1000]
    for text in ("٣", "³", "-1", "+2", " 2", "2 ", "", "1.0", "1" * 10, "2\n"):
        with pytest.raises(ValueError, match="digits 0-9"):
            parse_jobs(text)


def test_resolve_jobs_rejects_negative() -> None:
    """A negative number of jobs is misuse, not a request for one job."""
    with pytest.raises(ValueError, match="jobs"):
        resolve_jobs(-1)


@pytest.mark.parametrize(
    ("count", "jobs", "size"), [(1, 2, 1), (10, 2, 2), (10_000, 2, 64), (10_000, 64, 40)]
)
def test_chunk_size_keeps_tasks_few_and_small(count: int, jobs: int, size: int) -> None:
    """About four tasks per worker, never more than MAX_CHUNK items in one task."""
    assert chunk_size(count, jobs) == size
    tasks = -(-count // size)
    assert tasks <= 4 * jobs or size == parallel.MAX_CHUNK


def test_map_in_order_matches_serial_order() -> None:
    """Results come back in input order, the same as a serial map."""
    items = list(range(500))
    assert list(map_in_order(square, items, jobs=2)) == [square(i) for i in items]


def test_map_in_order_one_job_runs_in_process() -> None:
    """With one job no pool is started, so even a lambda works."""
    assert list(map_in_order(lambda x: x + 1, [1, 2, 3], jobs=1)) == [2, 3, 4]


def test_map_in_order_propagates_worker_errors() -> None:
    """An exception in a worker reaches the caller rather than being lost."""
    with pytest.raises(RuntimeError, match="seven"):
        list(map_in_order(fail_on_seven, list(range(20)), jobs=2))


def test_map_in_order_can_stop_early() -> None:
    """A caller that stops reading shuts the pool down without hanging."""
    results = map_in_order(square, list(range(5_000)), jobs=2)
    assert isinstance(results, Generator)
    first = [next(results) for _ in range(3)]
    results.close()
    assert first == [0, 1, 4]


def test_parallel_findings_equal_serial(tmp_path: Path) -> None:
    """--jobs 2 gives exactly the serial run's findings, files and order."""
    from trialmodel.validation.files import validate_serially

    write_records(tmp_path, 60)
    serial = validate_serially([tmp_path])
    both = parallel.validate_paths([tmp_path], jobs=2)
    assert both == serial
    assert serial.errors > 0
    assert [r.file for r in both.files] == sorted(str(p) for p in tmp_path.glob("*.yaml"))


def test_parallel_applies_select_and_ignore(tmp_path: Path) -> None:
    """--select and --ignore filter the parallel run as they filter the serial one."""
    from trialmodel.validation.files import validate_serially

    write_records(tmp_path, 30)
    for options in ({"select": ["yaml_"]}, {"ignore": ["nct_id_format", "missing"]}):
        serial = validate_serially([tmp_path], **options)
        assert parallel.validate_paths([tmp_path], jobs=2, **options) == serial


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_cli_jobs_output_is_identical(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], output_format: str
) -> None:
    """`validate --jobs 2` prints exactly what the serial run prints, with the same exit code."""
    from trialmodel.cli import main

    write_records(tmp_path, 24)
    outputs = []
    for jobs in ("1", "2"):
        code = main(["validate", "--format", output_format, "--jobs", jobs, str(tmp_path)])
        outputs.append((code, capsys.readouterr().out))
    assert outputs[0] == outputs[1]
    assert outputs[0][0] == 1
    if output_format == "json":
        assert json.loads(outputs[1][1])["summary"]["errors"] > 0


def test_cli_rejects_negative_jobs(capsys: pytest.CaptureFixture[str]) -> None:
    """A negative --jobs is a usage error (exit 2) that names the option."""
    from trialmodel.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(["validate", "--jobs", "-1", "records"])
    assert exit_info.value.code == 2
    assert "--jobs" in capsys.readouterr().err


def test_parallel_missing_path_is_file_not_found(tmp_path: Path) -> None:
    """A path that does not exist raises FileNotFoundError before any work, as serially."""
    with pytest.raises(FileNotFoundError):
        parallel.validate_paths([tmp_path / "absent"], jobs=2)


def test_parallel_progress_stays_quiet_off_a_terminal(tmp_path: Path) -> None:
    """Progress on a stream that is not a terminal writes nothing at all."""
    write_records(tmp_path, 12)
    stream = io.StringIO()
    report = parallel.validate_paths([tmp_path], jobs=2, progress=stream)
    assert len(report.files) == 12
    assert stream.getvalue() == ""


def test_the_package_has_one_validate_paths() -> None:
    """trialmodel.validation.validate_paths is the one with jobs and progress; the serial one
    has its own name, so two functions never share the name."""
    import inspect

    import trialmodel.validation
    from trialmodel.validation import files

    assert trialmodel.validation.validate_paths is parallel.validate_paths
    assert {"jobs", "progress"} <= set(inspect.signature(parallel.validate_paths).parameters)
    assert not hasattr(files, "validate_paths")
