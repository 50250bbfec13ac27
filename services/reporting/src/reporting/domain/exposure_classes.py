"""Revenue categories grouped by how hard the end of the combustion engine hits them.

The groups follow the coefficients c of the methodology's category table (1.0, 0.75, 0.45,
0.2, 0.0); the report shows them as one stacked bar. The coefficients themselves belong to
the scoring ruleset: the report only needs which group a category falls into.
"""

from __future__ import annotations

from collections.abc import Mapping

# Most exposed first: the bar reads from left to right as from danger to growth.
EXPOSURE_CLASS_ORDER = ("ice", "ice_related", "transition", "neutral", "growth")
# Shares of these count as "depends on the combustion engine" in the key messages.
ICE_DEPENDENT = ("ice", "ice_related")

CATEGORY_CLASSES: Mapping[str, str] = {
    "ice_fuel_injection": "ice",
    "ice_engine_mechanics": "ice",
    "ice_air_exhaust": "ice",
    "ice_fuel_ignition_control": "ice",
    "transmission_clutch": "ice_related",
    "ice_cooling_sealing_nvh": "ice_related",
    "hybrid_transition": "transition",
    "body_closures": "neutral",
    "seats_interior_hmi": "neutral",
    "chassis_steering_axles": "neutral",
    "tyres_wheels": "neutral",
    "lighting_glazing_exterior": "neutral",
    "battery_systems": "growth",
    "power_electronics_hv": "growth",
    "e_motor_e_axle": "growth",
    "thermal_management_ev": "growth",
    "sensors_adas_software": "growth",
    "hydrogen_fuel_cell": "growth",
    "charging_lightweight_recycling": "growth",
    "non_automotive": "growth",
}


def shares_by_class(revenue_split: Mapping[str, float]) -> dict[str, float]:
    """Percent of revenue per exposure class, in bar order.

    A category newer than this table counts as drive-independent: neither alarming nor
    flattering, until the table learns it.
    """
    shares = dict.fromkeys(EXPOSURE_CLASS_ORDER, 0.0)
    for category, share in revenue_split.items():
        shares[CATEGORY_CLASSES.get(category, "neutral")] += share
    return shares
