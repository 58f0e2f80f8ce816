"""Dates and times as a Swedish nurse reads them: local (Stockholm) time, ISO order."""

from __future__ import annotations

from datetime import UTC, date, datetime

from ...domain.planning import stockholm_tz


def local(moment: datetime) -> datetime:
    if moment.tzinfo is None:  # SQLite returns naive datetimes; the store writes UTC
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(stockholm_tz())


def fmt_datetime(moment: datetime | None) -> str:
    return "" if moment is None else local(moment).strftime("%Y-%m-%d %H:%M")


def fmt_date(day: date | None) -> str:
    return "" if day is None else day.isoformat()
