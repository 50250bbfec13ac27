"""A render request as HTML: the template of its kind, through Jinja, escaping every value.

The templates write their words in English inside `{% trans %}` (or `_()`), translated with
the reporting package's catalogues. Each language has its own Jinja environment with its
translations installed, so the render worker may render reports in many languages in one
process, in threads too, as the mailers do (`mailing.templates`).
"""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from reporting.adapters import report_charts
from reporting.domain.documents import RenderRequest
from reporting.domain.texts import Translations
from wording.catalogues import Catalogues
from wording.formatting import number, score
from wording.languages import LANGUAGES, Language, language_or_default

PACKAGE = "reporting"


def report_translations(language: str) -> Translations:
    """The report's words for a reader of `language` (German for one we do not write in)."""
    return Catalogues.of_packages(PACKAGE).translations(language)


class JinjaDocumentHtml:
    def __init__(self) -> None:
        # At start-up, so a worker without compiled catalogues fails then, not at a report.
        self._environments = {language: _environment(language) for language in LANGUAGES}

    def render(self, request: RenderRequest) -> str:
        environment = self._environments[language_or_default(request.language)]
        template = environment.get_template(f"documents/{request.kind.name}.html")
        return template.render({request.kind.name: request.model})


def _environment(language: Language) -> Environment:
    translations = report_translations(language)
    # A bare Environment does not escape by default; a document must, always.
    environment = Environment(
        loader=PackageLoader(PACKAGE, "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
    )
    # A paragraph is one message however it is wrapped (babel.cfg extracts it so too).
    environment.policies["ext.i18n.trimmed"] = True
    # New-style gettext: placeholders by name (%(date)s), their values escaped.
    environment.install_gettext_translations(  # type: ignore[attr-defined]
        translations, newstyle=True
    )
    not_answered = translations.gettext("not answered")

    def number_filter(
        value: float | None, digits: int = 0, suffix: str = "", missing: str | None = None
    ) -> str:
        """A number as the document's reader writes it; a missing one says "not answered"."""
        if value is None:
            return not_answered if missing is None else missing
        return number(value, language, digits) + suffix

    def score_filter(value: float | None, missing: str | None = None) -> str:
        """A 0-100 score as the result page and the mails print it, with the one decimal it
        was classified on: R 49.6 beside class A reads "49,6", never "50"."""
        if value is None:
            return number_filter(value, missing=missing)
        return score(value, language)

    environment.filters["number"] = number_filter
    environment.filters["score"] = score_filter
    environment.globals.update(
        page_numbers=_page_numbers(translations),
        matrix_chart=report_charts.matrix_chart,
        revenue_bar=report_charts.revenue_chart,
        radar_chart=report_charts.radar_chart,
        score_bar=report_charts.score_bar,
    )
    return environment


def _page_numbers(translations: Translations) -> Markup:
    """The footer's "Page 2 of 9" as a CSS `content` value: the catalogue's words around
    WeasyPrint's page counters. Markup, as it goes into the document's <style> unescaped."""
    words = translations.gettext("Page %(page)s of %(pages)s")
    quoted = '"' + words.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ") + '"'
    # Markup: the words are quoted and escaped as a CSS string above, the rest is ours.
    return Markup(quoted % {"page": '" counter(page) "', "pages": '" counter(pages) "'})  # noqa: S704
