"""The advisor desk at /desk/: login, the assigned companies by priority, meetings,
availability, the delivery log, and (for admins) the advisors and their routing, the
companies' call-back requests and their privacy actions, and the funding facts due for a
check.

Importing the views adds their routes to the one blueprint."""

from notifications.entrypoints.desk import (
    account_views,
    advisor_views,
    availability_views,
    callback_views,
    company_views,
    funding_review_views,
    privacy_views,
)
from notifications.entrypoints.desk.blueprint import desk

__all__ = [
    "account_views",
    "advisor_views",
    "availability_views",
    "callback_views",
    "company_views",
    "desk",
    "funding_review_views",
    "privacy_views",
]
