"""Run a per-file function on several processes and hand the results back in input order.

This is the engine of ``trialmodel validate --jobs N``. The file list is cut into chunks, one task
per chunk (not per file), so the cost of handing work to a process is paid a few hundred times,
not ten thousand; each worker imports the validator once, when it starts. Only a few chunks are in
flight at any time, so memory stays flat however many files there are, and because results are
yielded strictly in input order, the findings are exactly those of the serial run.
"""

from __future__ import annotations

import os
import re
import signal
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from trialmodel.config import Config
from trialmodel.findings import FileReport, Report
from trialmodel.validation.progress import Stream, progress_for

if TYPE_CHECKING:  # the pool machinery is imported only when a pool is started
    from concurrent.futures import Future
    from multiprocessing.context import BaseContext

__all__ = [
    "MAX_CHUNK",
    "available_cores",
    "chunk_size",
    "map_in_order",
    "parse_jobs",
    "resolve_jobs",
    "validate_files",
    "validate_paths",
]

T = TypeVar("T")
R = TypeVar("R")

MAX_CHUNK = 64
"""Most items in one task: small enough to keep workers evenly busy and memory flat."""

CHUNKS_IN_FLIGHT_PER_JOB = 3
"""Tasks queued per worker: enough that no worker waits, few enough that results do not pile up."""


def available_cores() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not every platform can tell which cores this process may use
        return os.cpu_count() or 1


def resolve_jobs(jobs: int) -> int:
    """The number of worker processes for ``--jobs``: 0 means one per available core, and more
    than the available cores is capped to them (more processes than cores only adds start-up
    and memory: 1,000 jobs on 1,500 files were 18 times slower than 2)."""
    if jobs < 0:
        raise ValueError(f"jobs must be 0 (all cores) or a positive number, not {jobs}")
    cores = available_cores()
    return cores if jobs == 0 else min(jobs, cores)


_ASCII_NUMBER = re.compile(r"[0-9]{1,9}")


def parse_jobs(text: str) -> int:
    """A ``--jobs`` value: 0 or a positive number written in ASCII digits (at most 9 of them).

    Raises ValueError otherwise: '٣' (an Arabic-Indic three) is a digit to ``str.isdigit`` and
    to ``int`` but not a number a user types on purpose.
    """
    if _ASCII_NUMBER.fullmatch(text) is None:
        raise ValueError(f"expected 0 or a positive number in digits 0-9, got {text!r}")
    return int(text)


def chunk_size(count: int, jobs: int) -> int:
    """Items per task: about four tasks per worker, at most ``MAX_CHUNK`` items each."""
    return max(1, min(MAX_CHUNK, -(-count // (4 * jobs))))


def map_in_order(
    func: Callable[[T], R],
    items: Sequence[T],
    *,
    jobs: int,
    initializer: Callable[[], object] | None = None,
) -> Iterator[R]:
    """Yield ``func(item)`` for every item, in order, computed on ``jobs`` worker processes.

    ``func`` and ``initializer`` must be importable module-level functions. With one job, or
    fewer than two items, everything runs in this process and no pool is started.
    """
    workers = min(resolve_jobs(jobs), len(items))
    if workers <= 1:
        yield from map(func, items)
        return
    from concurrent.futures import ProcessPoolExecutor

    size = chunk_size(len(items), workers)
    chunks = (items[start : start + size] for start in range(0, len(items), size))
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=_context(),
        initializer=_start_worker,
        initargs=(initializer,),
    )
    pending: deque[Future[list[R]]] = deque()
    try:
        for chunk in chunks:
            pending.append(pool.submit(_run_chunk, func, chunk))
            if len(pending) >= workers * CHUNKS_IN_FLIGHT_PER_JOB:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _context() -> BaseContext:
    """Fork where the platform has it: workers start at once, with the parent's imports."""
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)


def _start_worker(initializer: Callable[[], object] | None) -> None:
    """Leave Ctrl-C to the parent (which stops the pool), then run the caller's initializer."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if initializer is not None:
        initializer()


def _run_chunk(func: Callable[[T], R], chunk: Sequence[T]) -> list[R]:
    """Apply ``func`` to one chunk, in a worker."""
    return [func(item) for item in chunk]


def _import_validator() -> None:
    """Import the validator in a worker, once, before its first chunk (a no-op after fork)."""
    import trialmodel.validation.files  # noqa: F401


def validate_files(files: Sequence[Path], *, jobs: int) -> Iterator[FileReport]:
    """One FileReport per file, in input order, validated on ``jobs`` processes (0: all cores)."""
    from trialmodel.validation.files import validate_file

    return map_in_order(validate_file, files, jobs=jobs, initializer=_import_validator)


def validate_paths(
    paths: Iterable[str | os.PathLike[str]],
    *,
    jobs: int = 1,
    select: Collection[str] | None = None,
    ignore: Collection[str] | None = None,
    config: Config | None = None,
    progress: Stream | None = None,
) -> Report:
    """``validation.files.validate_serially`` on ``jobs`` processes, with the same findings.

    ``progress`` is a stream (standard error) for a progress line; it is drawn only where
    `trialmodel.validation.progress.wants_progress` allows. Raises ``FileNotFoundError`` like the
    serial version, before any file is read.
    """
    from trialmodel.validation.files import apply_settings, collect_files

    settings = config or Config()
    files = collect_files(paths, exclude=settings.excluded)
    reports = validate_files(files, jobs=jobs)
    if progress is None:
        kept = [apply_settings(r, settings, select=select, ignore=ignore) for r in reports]
        return Report(tuple(kept))
    with progress_for(progress, len(files)) as bar:
        tracked = bar.track(reports)
        kept = [apply_settings(r, settings, select=select, ignore=ignore) for r in tracked]
    return Report(tuple(kept))
