"""Requests a client of the assessment API sends, for tests and benchmarks of any service:
a company to start an assessment for, and answers that complete it (the rest "weiß nicht")."""

from __future__ import annotations

from typing import Any

START_BODY: dict[str, Any] = {
    "language": "de",
    "company": {
        "name": "Muster Präzisionsteile GmbH",
        "employees": "50_249",
        "revenue_band": "10m_50m",
        "district": "bamberg_land",
    },
    "contact": {"name": "Erika Muster", "email": "erika.muster@example.com"},
    "consents": {"processing": True, "advisor_sharing": True, "benchmarking": False},
}

# The portfolio inputs the scoring needs and a few readiness answers.
COMPLETE_ANSWERS: dict[str, Any] = {
    "portfolio.revenue_split": {"ice_fuel_injection": 60, "body_closures": 40},
    "portfolio.contract_horizon": "2027_2029",
    "portfolio.new_nominations": "in_request",
    "portfolio.core_technologies": ["machining", "joining_welding"],
    "portfolio.main_segment": "passenger_cars",
    "market.top_customer_share": 45,
    "market.price_pressure": 4,
    "strategy.transformation_strategy": 1,
    "innovation.rd_intensity": "lt1",
    "digital.data_usage": 2,
    "digital.systems_in_use": ["erp"],
    "energy.carbon_accounting": 1,
    "workforce.training_days": 2,
    "finance.ebit_margin": "0_3",
    "finance.bank_access": None,
}
