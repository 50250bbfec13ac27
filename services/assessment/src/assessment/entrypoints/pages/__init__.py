"""The server-rendered company pages (Jinja, usable without JavaScript): the blueprint, with
the template helpers every page uses, which it adds to the app it is registered on."""

from __future__ import annotations

from flask.blueprints import BlueprintSetupState

from assessment.domain.answer_wording import unit_name
from assessment.entrypoints.pages.form_fields import UNKNOWN, share_key, unknown_key
from assessment.entrypoints.pages.result_page import score_text
from assessment.entrypoints.pages.ui_texts import funding_notes, local_date
from assessment.entrypoints.pages.views import pages
from servicekit.languages import current_language
from wording.languages import LANGUAGES, Language

# Each language named in itself: the switch is for a reader who does not read the page's.
LANGUAGE_NAMES: dict[Language, str] = {"de": "Deutsch", "en": "English", "nl": "Nederlands"}


@pages.app_context_processor
def _page_language() -> dict[str, str]:
    # The language the questionnaire's texts are picked in, as the catalogue's are.
    return {"lang": current_language()}


@pages.record_once
def _template_helpers(state: BlueprintSetupState) -> None:
    state.app.jinja_env.filters["berlin_date"] = local_date
    state.app.jinja_env.globals.update(
        languages=[(language, LANGUAGE_NAMES[language]) for language in LANGUAGES],
        unit_name=unit_name,
        score_text=score_text,
        funding_notes=funding_notes,
        UNKNOWN=UNKNOWN,
        share_key=share_key,
        unknown_key=unknown_key,
    )


__all__ = ["pages"]
