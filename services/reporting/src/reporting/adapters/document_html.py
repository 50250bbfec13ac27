"""A render request as HTML: the template of its kind, through Jinja, escaping every value."""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context, select_autoescape
from jinja2.runtime import Context

from reporting.adapters import report_charts
from reporting.domain.documents import RenderRequest
from reporting.domain.texts import LABELS, pick
from wording.formatting import number, score


class JinjaDocumentHtml:
    def __init__(self) -> None:
        # A bare Environment does not escape by default; a document must, always.
        self._environment = Environment(
            loader=PackageLoader("reporting", "templates"),
            autoescape=select_autoescape(default=True, default_for_string=True),
            undefined=StrictUndefined,
        )
        self._environment.filters["number"] = _number
        self._environment.filters["score"] = _score
        self._environment.globals.update(
            matrix_chart=report_charts.matrix_chart,
            revenue_bar=report_charts.revenue_chart,
            radar_chart=report_charts.radar_chart,
            score_bar=report_charts.score_bar,
        )

    def render(self, request: RenderRequest) -> str:
        template = self._environment.get_template(f"documents/{request.kind.name}.html")
        return template.render(
            {request.kind.name: request.model},
            language=request.language,
            t=lambda key: pick(LABELS, key, request.language),
        )


@pass_context
def _number(
    context: Context,
    value: float | None,
    digits: int = 0,
    suffix: str = "",
    missing: str | None = None,
) -> str:
    """A number as the document's reader writes it; a missing one says "not answered"."""
    language = context["language"]
    if value is None:
        return pick(LABELS, "not_answered", language) if missing is None else missing
    return number(value, language, digits) + suffix


@pass_context
def _score(context: Context, value: float | None, missing: str | None = None) -> str:
    """A 0-100 score as the result page and the mails print it, with the one decimal it was
    classified on: R 49.6 beside class A reads "49,6", never "50"."""
    if value is None:
        return _number(context, value, missing=missing)
    return score(value, context["language"])
