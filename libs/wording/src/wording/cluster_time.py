"""The cluster's time zone. Its companies and advisors are in Upper Franconia, so every day a
person reads — the day of a submission, the date on a report, the time of a meeting, the
end of a link — is told in German time, wherever the server runs (production runs on UTC).
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

CLUSTER_ZONE_NAME = "Europe/Berlin"
CLUSTER_ZONE = ZoneInfo(CLUSTER_ZONE_NAME)
