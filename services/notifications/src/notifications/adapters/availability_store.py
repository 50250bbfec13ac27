"""Reading and replacing an advisor's weekly hours and date overrides (the tables the
booking's slot generation reads)."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import date

from sqlalchemy import Connection, Row, delete, insert, select

from notifications.adapters.tables import availability_overrides, weekly_availability
from notifications.domain.hours import Hours


def weekly_hours(connection: Connection, advisor_id: uuid.UUID) -> dict[int, Hours]:
    rows = connection.execute(
        select(weekly_availability)
        .where(weekly_availability.c.advisor_id == advisor_id)
        .order_by(weekly_availability.c.weekday, weekly_availability.c.starts)
    ).all()
    week: dict[int, Hours] = {weekday: [] for weekday in range(7)}
    for row in rows:
        week[row.weekday].append((row.starts, row.ends))
    return week


def replace_weekly_hours(
    connection: Connection, advisor_id: uuid.UUID, week: Mapping[int, Hours]
) -> None:
    connection.execute(
        delete(weekly_availability).where(weekly_availability.c.advisor_id == advisor_id)
    )
    rows = [
        {"id": uuid.uuid4(), "advisor_id": advisor_id, "weekday": day, "starts": s, "ends": e}
        for day, hours in week.items()
        for s, e in hours
    ]
    if rows:
        connection.execute(insert(weekly_availability), rows)


def overrides_from(connection: Connection, advisor_id: uuid.UUID, first: date) -> Sequence[Row]:
    return connection.execute(
        select(availability_overrides)
        .where(
            availability_overrides.c.advisor_id == advisor_id,
            availability_overrides.c.day >= first,
        )
        .order_by(availability_overrides.c.day, availability_overrides.c.starts)
    ).all()


def replace_override(
    connection: Connection, advisor_id: uuid.UUID, day: date, hours: Hours, note: str | None
) -> None:
    """That day's hours become `hours`; none means absent all day."""
    remove_override(connection, advisor_id, day)
    ranges: Sequence[tuple[object, object]] = hours or [(None, None)]
    connection.execute(
        insert(availability_overrides),
        [
            {
                "id": uuid.uuid4(),
                "advisor_id": advisor_id,
                "day": day,
                "starts": starts,
                "ends": ends,
                "note": note,
            }
            for starts, ends in ranges
        ],
    )


def remove_override(connection: Connection, advisor_id: uuid.UUID, day: date) -> None:
    connection.execute(
        delete(availability_overrides).where(
            availability_overrides.c.advisor_id == advisor_id,
            availability_overrides.c.day == day,
        )
    )
