"""Revenue grouped by how hard the end of the combustion engine hits it, as the ruleset
sorts its revenue categories into exposure classes; the report shows the groups as one bar.
"""

from __future__ import annotations

from collections.abc import Mapping

from eventing.vocabulary import Vocabulary

# Shares in these classes count as "depends on the combustion engine" in the key messages:
# the report's reading of the ruleset's two most exposed classes.
ICE_DEPENDENT = ("ice_specific", "high_medium")


def shares_by_class(revenue_split: Mapping[str, float], vocabulary: Vocabulary) -> dict[str, float]:
    """Percent of revenue per exposure class, in the ruleset's order (most exposed first).

    A category the vocabulary does not know (an event without one, from an older producer)
    is a group of its own under its id: shown as it is rather than guessed into a class.
    """
    shares = dict.fromkeys(vocabulary.exposure_classes(), 0.0)
    for category, share in revenue_split.items():
        group = vocabulary.exposure_class(category) or category
        shares[group] = shares.get(group, 0.0) + share
    return shares
