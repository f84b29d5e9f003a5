"""A report people look at: a static site that works offline, or one Markdown file.

``write_report`` writes ``index.html`` (every trial, sortable and filterable), ``trials/<NCT>.html``
(a trial's card and its history drawn as plain SVG), ``style.css`` and ``index.js`` (sorting and
filtering only: every page reads fully without it); or, as Markdown, ``report.md``. HTML is
rendered by Jinja2 (the extra ``trialmodel[report]``) with every value escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from trialmodel.formats import SITE, ReportFormat
from trialmodel.outputs import check_free, write_text
from trialmodel.outputs.collect import TrialHistory

__all__ = ["REPORT_FORMATS", "write_report"]

REPORT_FORMATS = SITE
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
        write_text(path, text)
    return list(paths)
