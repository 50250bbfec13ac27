"""The report model as HTML, through Jinja templates that escape every value."""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context, select_autoescape
from jinja2.runtime import Context

from reporting.adapters import report_charts
from reporting.domain.formatting import number
from reporting.domain.report import Report
from reporting.domain.texts import LABELS, pick


class JinjaReportHtml:
    def __init__(self) -> None:
        # A bare Environment does not escape by default; a report must, always.
        environment = Environment(
            loader=PackageLoader("reporting", "templates"),
            autoescape=select_autoescape(default=True, default_for_string=True),
            undefined=StrictUndefined,
        )
        environment.filters["number"] = _number
        environment.globals.update(
            matrix_chart=report_charts.matrix_chart,
            revenue_bar=report_charts.revenue_chart,
            radar_chart=report_charts.radar_chart,
            score_bar=report_charts.score_bar,
        )
        self._template = environment.get_template("report.html")

    def render(self, report: Report) -> str:
        return self._template.render(
            report=report, t=lambda key: pick(LABELS, key, report.language)
        )


@pass_context
def _number(
    context: Context,
    value: float | None,
    digits: int = 0,
    suffix: str = "",
    missing: str | None = None,
) -> str:
    """A number as the report's reader writes it; a missing one says "not answered"."""
    language = context["report"].language
    if value is None:
        return pick(LABELS, "not_answered", language) if missing is None else missing
    return number(value, language, digits) + suffix
