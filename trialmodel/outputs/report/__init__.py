"""A report people look at: a static site that works offline, or one Markdown file.

``write_report`` writes ``index.html`` (every trial, sortable and filterable), ``trials/<NCT>.html``
(a trial's card and its history drawn as plain SVG), ``style.css`` and ``index.js`` (sorting and
filtering only: every page reads fully without it); or, as Markdown, ``report.md``. HTML is
rendered by Jinja2 (the extra ``trialmodel[report]``) with every value escaped.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from trialmodel.outputs import check_free
from trialmodel.outputs.collect import TrialHistory

ReportFormat = Literal["html", "markdown"]
REPORT_FORMATS: tuple[ReportFormat, ...] = ("html", "markdown")
MARKDOWN_FILE = "report.md"


def report_files(trials: Sequence[TrialHistory], fmt: ReportFormat) -> dict[str, str]:
    """Every file of the report, by path relative to the output folder, with its text."""
    if fmt == "markdown":
        from trialmodel.outputs.report.markdown import render_markdown

        return {MARKDOWN_FILE: render_markdown(trials)}
    from trialmodel.outputs.report.html import render_site

    return render_site(trials)


def write_report(
    trials: Sequence[TrialHistory], out: Path, fmt: ReportFormat = "html", *, force: bool = False
) -> list[Path]:
    """Write the report into ``out``; return the files. ``OutputExistsError`` before writing
    anything if a file would be replaced without ``force``."""
    files = report_files(trials, fmt)
    paths = {out / name: text for name, text in files.items()}
    check_free(paths, force=force)
    for path, text in paths.items():
        _write(path, text)
    return list(paths)


def _write(path: Path, text: str) -> None:
    """Write through a temporary file and a rename, so no reader sees half a page."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        Path(temporary).chmod(0o644)
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
