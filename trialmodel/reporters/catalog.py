"""The finding-code catalog as text (``trialmodel rules``), JSON, and the Markdown tables of
``docs/validate.md``."""

from __future__ import annotations

import json
from collections.abc import Iterable

from trialmodel.catalog import STAGES, CodeInfo

__all__ = ["render_json", "render_list", "render_markdown", "render_one"]


def render_list(codes: Iterable[CodeInfo]) -> str:
    """One line per code, stage by stage: code, severity, what it checks."""
    infos = list(codes)
    width = max((len(info.code) for info in infos), default=0)
    lines: list[str] = []
    for stage, heading in STAGES.items():
        in_stage = [info for info in infos if info.stage == stage]
        if not in_stage:
            continue
        lines.append(heading.split(" (")[0])
        lines.extend(f"  {i.code:<{width}}  {i.severity:<7}  {i.summary}" for i in in_stage)
    return "".join(line + "\n" for line in lines)


def render_one(info: CodeInfo) -> str:
    """Everything about one code: severity, stage, what it checks, an example, how to fix it."""
    lines = [
        f"{info.code} ({info.severity}, {STAGES[info.stage].split(' (')[0].lower()})",
        "",
        info.summary,
        "",
        f"Example: {info.example_text}",
        f"Fix: {info.fix}",
    ]
    if info.files:
        lines.append(
            "Example files: " + ", ".join(f"tests/examples/invalid/{f}" for f in info.files)
        )
    return "".join(line + "\n" for line in lines)


def render_json(codes: Iterable[CodeInfo]) -> str:
    """The codes as a JSON list of objects with every field."""
    data = [
        {
            "code": i.code,
            "stage": i.stage,
            "severity": str(i.severity),
            "summary": i.summary,
            "example": i.example_text,
            "fix": i.fix,
            "files": list(i.files),
        }
        for i in codes
    ]
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(codes: Iterable[CodeInfo]) -> str:
    """A table per stage, with a heading: code, severity, what it checks, example, fix."""
    infos = list(codes)
    parts: list[str] = []
    for stage, heading in STAGES.items():
        rows = [info for info in infos if info.stage == stage]
        if not rows:
            continue
        parts.append(f"### {heading}\n\n")
        parts.append("| code | severity | what it checks | example | how to fix |\n")
        parts.append("|---|---|---|---|---|\n")
        for info in rows:
            files = ", ".join(f"`{name}`" for name in info.files)
            example = _cell(info.example_text)
            if info.literal_example:
                example = f"`{example}`"
            example += f" ({files})" if files else ""
            parts.append(
                f"| `{info.code}` | {info.severity} | {_cell(info.summary)} | {example} "
                f"| {_cell(info.fix)} |\n"
            )
        parts.append("\n")
    return "".join(parts).rstrip("\n") + "\n"
