"""Answer sets of the assessment domain tests, with every item's score computed by hand."""

from __future__ import annotations

from datetime import date
from typing import Any

VERSION = "2026.1"
TODAY = date(2026, 3, 1)

# A complete, valid company profile (the `company.*` items).
PROFILE: dict[str, Any] = {
    "company.name": "Hofmann Präzisionsdrehteile GmbH",
    "company.employees": "50_249",
    "company.district": "bamberg_land",
    "company.contact_name": "Andreas Hofmann",
    "company.contact_email": "a.hofmann@example.org",
    "company.consent_processing": True,
}

# Every scored item answered; the score of each item is in the comment.
FULL_ANSWERS: dict[str, Any] = {
    # E_prod = 100 · (0.50·1.0 + 0.30·0.2 + 0.20·0.0) · t 1.0 - bonus 0 = 56.0
    "portfolio.revenue_split": {
        "ice_fuel_injection": 50,
        "body_closures": 30,
        "battery_systems": 20,
    },
    "portfolio.contract_horizon": "2030_2032",  # t = 1.0
    "portfolio.new_nominations": "none",  # bonus 0
    "portfolio.core_technologies": ["machining"],
    "portfolio.main_segment": "passenger_cars",
    # E_cust = 0.35·90 + 0.25·85 + 0.20·60 + 0.10·60 + 0.10·100 = 80.75
    "market.top_customer_share": 45,  # 45/50·100 = 90
    "market.automotive_share": 85,  # 85
    "market.supply_chain_tier": "tier2",  # 60
    "market.customers_over_5pct": 3,  # between (1, 100) and (6, 0): 100 - 2·20 = 60
    "market.price_pressure": 5,  # (5-1)/4·100 = 100
    "market.revenue_trend": "falling",  # context, not scored
    # strategy = (50 + 50 + 50 + 50 + 70) / 5 = 54.0
    "strategy.transformation_strategy": 2,  # 2/4·100 = 50
    "strategy.fade_out_plan": 3,  # 50
    "strategy.new_product_share": 15,  # 15/30·100 = 50
    "strategy.diversification_activities": [
        "new_sector_fairs",
        "non_auto_customers",
        "site_concept",
    ],
    # ... 15 + 25 + 10 = 50
    "strategy.non_automotive_sales": "dedicated_person",  # 70
    # innovation = (50 + 50 + 40 + 66.667 + 70 + 33.333) / 6 = 310/6 = 51.667
    "innovation.rd_intensity": "1_3",  # 50
    "innovation.engineering_share": 7.5,  # 7.5/15·100 = 50
    "innovation.growth_competences": ["lightweight", "sensors"],  # 20 + 20 = 40
    "innovation.research_cooperation": 2,  # 2/3·100 = 66.667
    "innovation.certifications": "partial",  # 70 (shown: injection revenue)
    "innovation.software_hv_development": 1,  # 1/3·100 = 33.333
    # digital = (40 + 40 + 35 + 50 + 50) / 5 = 43.0
    "digital.data_usage": 2,  # 2/5·100 = 40
    "digital.systems_in_use": ["erp", "mes"],  # 20 + 20 = 40
    "digital.information_security": "basic",  # 35
    "digital.ai_usage": "pilots",  # 50
    "digital.kpi_driven": 3,  # 50
    # energy = (25 + 35 + 20) / 3 = 26.667
    "energy.carbon_accounting": 1,  # 1/4·100 = 25
    "energy.reduction_target": "internal",  # 35
    "energy.measures": ["energy_audit_iso50001"],  # 20
    # E_press = (70 + 60 + 70) / 3 = 66.667
    "energy.customer_requirements": "regular",  # 70
    "energy.energy_cost_share": 6,  # 6/10·100 = 60
    "workforce.ice_specific_share": 70,  # 70
    # workforce = (33.333 + 50 + 40 + 50 + 75) / 5 = 49.667
    "workforce.strategic_planning": 1,  # 1/3·100 = 33.333
    "workforce.training_days": 2.5,  # 2.5/5·100 = 50
    "workforce.competences_built": ["hv_basics", "software_data"],  # 40
    "workforce.hv_qualified_share": 5,  # 5/10·100 = 50
    "workforce.employee_involvement": 4,  # 75
    "workforce.share_over_55": 30,  # advisor note, not scored
    # finance = (35 + 70 + 60 + 33.333 + 50 + 75) / 6 = 323.333/6 = 53.889
    "finance.ebit_margin": "0_3",  # 35
    "finance.equity_ratio": "30_45",  # 70
    "finance.planned_investment": 3,  # 3/5·100 = 60
    "finance.funding_experience": 1,  # 33.333
    "finance.succession": "in_progress",  # 50
    "finance.bank_access": 4,  # 75
}

# The portfolio inputs and one item per readiness dimension; everything else missing.
SPARSE_ANSWERS: dict[str, Any] = {
    key: FULL_ANSWERS[key] for key in FULL_ANSWERS if key.startswith("portfolio.")
} | {
    "strategy.transformation_strategy": 2,  # strategy 50
    "innovation.rd_intensity": "gt5",  # innovation 100
    "digital.data_usage": 2,  # digital 40
    "energy.carbon_accounting": 1,  # energy 25
    "workforce.employee_involvement": 4,  # workforce 75
    "finance.ebit_margin": "3_6",  # finance 70
}


# Customers and pressure that expose nothing much:
# E_cust = 0.35·0 + 0.25·10 + 0.20·0 + 0.10·40 + 0.10·0 = 6.5 and E_press = 0.
LOW_EXPOSURE_ELSEWHERE: dict[str, Any] = {
    "market.top_customer_share": 0,
    "market.automotive_share": 10,
    "market.customers_over_5pct": 6,
    "market.supply_chain_tier": "tier1",
    "market.price_pressure": 1,
    "energy.customer_requirements": "none",
    "energy.energy_cost_share": 0,
    "workforce.ice_specific_share": 0,
}
