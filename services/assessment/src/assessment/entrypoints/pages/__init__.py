"""The server-rendered company pages (Jinja, usable without JavaScript): the blueprint, with
the template helpers every page uses, which it adds to the app it is registered on."""

from __future__ import annotations

from typing import Any

from flask.blueprints import BlueprintSetupState
from jinja2 import pass_context

from assessment.domain.answer_wording import unit_name
from assessment.entrypoints.pages.form_fields import UNKNOWN, share_key, unknown_key
from assessment.entrypoints.pages.result_page import score_text as language_score_text
from assessment.entrypoints.pages.ui_texts import funding_notes, local_date, ui_text
from assessment.entrypoints.pages.views import pages


@pass_context
def t(context: Any, key: str, **values: Any) -> str:
    return ui_text(context.get("lang", "de"), key, **values)


@pass_context
def score_text(context: Any, value: float | None) -> str:
    return language_score_text(value, context.get("lang", "de"))


@pages.record_once
def _template_helpers(state: BlueprintSetupState) -> None:
    state.app.jinja_env.filters["berlin_date"] = local_date
    state.app.jinja_env.globals.update(
        t=t,
        unit_name=unit_name,
        score_text=score_text,
        funding_notes=funding_notes,
        UNKNOWN=UNKNOWN,
        share_key=share_key,
        unknown_key=unknown_key,
    )


__all__ = ["pages"]
