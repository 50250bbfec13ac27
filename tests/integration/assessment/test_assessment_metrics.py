"""The assessment web's /metrics tells operators which funding facts are due for a check."""

from __future__ import annotations

import re

from flask.testing import FlaskClient


def test_the_web_reports_funding_overdue_for_review_per_ruleset(client: FlaskClient) -> None:
    metrics = client.get("/metrics").get_data(as_text=True)

    # How many depends on today's date; that the gauge is there for 2026.1 does not.
    assert re.search(
        r'^wegweiser_funding_review_overdue\{ruleset="2026\.1"\} \d+\.0$', metrics, re.M
    )
