"""The gauges that tell operators which funding facts are due for a check."""

from __future__ import annotations

from datetime import date

from prometheus_client import CollectorRegistry, generate_latest

from assessment.adapters.metrics import FundingReviewCollector


def scrape(today: date, version: str = "2026.1") -> list[str]:
    """The samples of one packaged version; each version's catalogue is counted apart."""
    registry = CollectorRegistry(auto_describe=False)
    registry.register(FundingReviewCollector(today=lambda: today))
    lines = generate_latest(registry).decode().splitlines()
    return [line for line in lines if f'ruleset="{version}"' in line]


def test_nothing_is_overdue_before_the_first_review_date() -> None:
    assert scrape(date(2026, 12, 31)) == ['wegweiser_funding_review_overdue{ruleset="2026.1"} 0.0']


def test_from_2027_the_open_ended_programmes_are_listed_with_their_days_overdue() -> None:
    overdue = 'wegweiser_funding_review_overdue_days{{programme="{}",ruleset="2026.1"}} 5.0'
    assert scrape(date(2027, 1, 5)) == [
        'wegweiser_funding_review_overdue{ruleset="2026.1"} 7.0',
        overdue.format("forschungszulage"),
        overdue.format("mittelstand_digital_zentren"),
        overdue.format("qualifizierungschancengesetz"),
        overdue.format("qualifizierungsgeld"),
        overdue.format("lfa_transformationsfonds_bayern"),
        overdue.format("foerderkredite_lfa_kfw"),
        overdue.format("buergschaftsbank_bayern"),
    ]
