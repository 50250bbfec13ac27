"""The stable item ids the formulas themselves depend on (methodology.md)."""

REVENUE_SPLIT = "portfolio.revenue_split"
CONTRACT_HORIZON = "portfolio.contract_horizon"
NEW_NOMINATIONS = "portfolio.new_nominations"
CORE_TECHNOLOGIES = "portfolio.core_technologies"
MAIN_SEGMENT = "portfolio.main_segment"
PORTFOLIO_INPUTS = (
    REVENUE_SPLIT,
    CONTRACT_HORIZON,
    NEW_NOMINATIONS,
    CORE_TECHNOLOGIES,
    MAIN_SEGMENT,
)

EMPLOYEES = "company.employees"
DISTRICT = "company.district"
REVENUE_BAND = "company.revenue_band"

PORTFOLIO = "portfolio"
MARKET = "market"
