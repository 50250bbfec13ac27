"""Funding data due for a check, as /metrics of the assessment web shows it.

A programme past its review date is still offered (marked "Stand: <verified_on>"), so
nothing breaks when nobody re-checks it: these gauges are how operators learn that
someone has to. Read at scrape time from the packaged rulesets, for every version a
submission may still be scored with.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime

from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from assessment.domain import available_versions, load_version
from wording.cluster_time import CLUSTER_ZONE


def berlin_today() -> date:
    return datetime.now(CLUSTER_ZONE).date()


class FundingReviewCollector(Collector):
    def __init__(self, today: Callable[[], date] = berlin_today) -> None:
        self._today = today

    def collect(self) -> Iterator[GaugeMetricFamily]:
        today = self._today()
        overdue = GaugeMetricFamily(
            "wegweiser_funding_review_overdue",
            "Funding programmes still running whose facts are past their review date.",
            labels=["ruleset"],
        )
        days = GaugeMetricFamily(
            "wegweiser_funding_review_overdue_days",
            "Days since the review date of each such programme, by programme id.",
            labels=["ruleset", "programme"],
        )
        for version in available_versions():
            _, ruleset = load_version(version)
            programmes = ruleset.catalogue.review_overdue(today)
            overdue.add_metric([version], len(programmes))
            for programme in programmes:
                days.add_metric([version, programme.id], (today - programme.review_by).days)
        yield overdue
        yield days
