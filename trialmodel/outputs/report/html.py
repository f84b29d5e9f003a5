"""The static site: Jinja2 templates, autoescaped, with the charts as inline SVG."""

from __future__ import annotations

from collections.abc import Sequence
from importlib.resources import files

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from trialmodel import package_version
from trialmodel.model.identifiers import file_stem
from trialmodel.outputs.collect import TrialHistory
from trialmodel.outputs.report import charts, facts, view

__all__ = ["render_site"]

STATIC = ("style.css", "index.js")


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("trialmodel.outputs.report", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(
        words=view.words,
        dated=view.dated,
        dose_text=view.dose_text,
        regimen_text=view.regimen_text,
        level_extras=view.level_extras,
        therapy_text=view.therapy_text,
        flag_labels=view.FLAG_LABELS,
        registry_url=view.REGISTRY_URL,
        version=package_version(),
    )
    return env


def _svg(markup: str | None) -> Markup | None:
    # The charts escape every text they hold (charts.py); Markup keeps Jinja from escaping twice.
    return None if markup is None else Markup(markup)


def trial_page(env: Environment, trial: TrialHistory, count: int) -> str:
    """One trial's page: its card and its history."""
    record = trial.current
    products = [
        (product, [i for i in record.interventions or [] if i.product == product.name])
        for product in record.products or []
    ]
    dose_rows = [(arm, level) for arm in record.arms or [] for level in arm.dose_levels or []]
    return env.get_template("trial.html").render(
        root="../",
        trial_count=count,
        s=view.summary(trial),
        r=record,
        products=products,
        dose_rows=dose_rows,
        part_rows=facts.part_rows(record),
        regulation=facts.regulation_items(record),
        steps=view.steps(trial),
        status_svg=_svg(charts.status_chart(trial.versions)),
        dates_svg=_svg(charts.dates_chart(trial.versions)),
        enrollment_svg=_svg(charts.enrollment_chart(trial.versions)),
    )


def render_site(trials: Sequence[TrialHistory]) -> dict[str, str]:
    """Every file of the site by relative path: the index, a page per trial, CSS and script."""
    env = _environment()
    summaries = [view.summary(t) for t in trials]
    statuses = sorted({s.status for s in summaries if s.status})
    site = {
        "index.html": env.get_template("index.html").render(
            root="", trial_count=len(trials), trials=summaries, statuses=statuses
        )
    }
    for trial in trials:
        site[f"trials/{file_stem(trial.trial_id)}.html"] = trial_page(env, trial, len(trials))
    static = files("trialmodel.outputs.report") / "static"
    for name in STATIC:
        site[name] = (static / name).read_text(encoding="utf-8")
    return site
