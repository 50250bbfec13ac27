"""Admins see which funding programmes' facts are due for a check (the current ruleset's,
from `ruleset.published`): the advice still shows them, marked "Stand: …", until someone
checks the facts and a new ruleset carries the new dates."""

from __future__ import annotations

from flask import render_template

from notifications.adapters import funding_reviews
from notifications.domain.funding_reviews import due_for_review
from notifications.entrypoints.dependencies import web_dependencies
from notifications.entrypoints.desk.blueprint import desk
from notifications.entrypoints.desk.session_user import admin_required
from servicekit.app_clock import current_time
from servicekit.languages import current_language
from wording.formatting import local_day, short_date


@desk.get("/funding-reviews")
@admin_required
def funding_review_list() -> str:
    with web_dependencies().engine.connect() as connection:
        version, reviews = funding_reviews.of_newest_ruleset(connection)
    today = local_day(current_time())
    return render_template(
        "desk/funding_reviews.html",
        version=version,
        due=due_for_review(reviews, today),
        known=len(reviews),
        date=lambda day: short_date(day, current_language()),
    )
