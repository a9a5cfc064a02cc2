"""Publication dates in the forms news data carries them -> ISO 8601.

Only unambiguous forms are read: ISO 8601 with or without a time, RFC 2822 (e-mail and HTTP
headers, RSS), and dates with the month in words (``June 30, 2023``, ``30 June 2023``). A
date in any other form, ``06/07/2023`` say, which is June or July depending on who wrote it,
is not read at all: ``iso_date`` gives None and the caller keeps the raw value. A date that
carries a time keeps it, with its UTC offset as written; nothing is converted to another zone,
so the calendar day stays the one the outlet printed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from typing import Any

RAW_DATE = "published_raw"  # the metadata key that keeps a date as written, when it was changed

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_WEEKDAY = r"(?:[A-Za-z]{3,9}\.?,?\s+)?"  # an optional leading weekday: "Fri, ", "Friday "

# ISO 8601, extended format: 2023-06-30, 2023-06-30T14:05, 2023-06-30 14:05:00.123+02:00, ...Z
ISO = re.compile(
    r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"
    r"(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,]\d{1,9})?)?"
    r"\s?(?P<zone>Z|[+-]\d{2}(?::?\d{2})?)?)?"
)
# RFC 2822: [Fri, ]30 Jun 2023 14:05[:00] +0000 (or GMT, UT, EST... as the RFC lists them)
RFC_2822 = re.compile(
    r"(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{2}:\d{2}(?::\d{2})?"
    r"\s+(?:[+-]\d{4}|[A-Za-z]{1,5})"
)
# June 30, 2023 / Jun. 30 2023 / Friday, June 30, 2023
MONTH_DAY_YEAR = re.compile(_WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})")
# 30 June 2023 / 30 Jun. 2023 / Friday 30 June 2023 / 30th June, 2023
DAY_MONTH_YEAR = re.compile(_WEEKDAY + r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>\d{4})")


def iso_date(raw: str) -> str | None:
    """``raw`` as ISO 8601 (``2023-06-30``, or ``2023-06-30T14:05:00+00:00`` with a time), or
    None when it is not a date in one of the forms this module reads."""
    text = raw.strip()
    match = ISO.fullmatch(text)
    if match:
        return _from_iso(match)
    if RFC_2822.fullmatch(text):
        try:
            return parsedate_to_datetime(text).isoformat(timespec="seconds")
        except (TypeError, ValueError):
            return None
    match = MONTH_DAY_YEAR.fullmatch(text) or DAY_MONTH_YEAR.fullmatch(text)
    if match:
        month = MONTHS.get(match["month"].lower())
        return _day(match["year"], month, match["day"]) if month else None
    return None


def _from_iso(match: re.Match[str]) -> str | None:
    day = _day(match["year"], match["month"], match["day"])
    if day is None or match["hour"] is None:
        return day
    hour, minute, second = int(match["hour"]), int(match["minute"]), int(match["second"] or 0)
    try:
        zone = _zone(match["zone"]) if match["zone"] else None
        moment = datetime.fromisoformat(day).replace(hour=hour, minute=minute, second=second, tzinfo=zone)
    except ValueError:  # 25:00, an offset of a day or more
        return None
    return moment.isoformat(timespec="seconds")


def _zone(text: str) -> timezone:
    if text == "Z":
        return timezone.utc
    digits = text[1:].replace(":", "")
    offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:] or 0))
    return timezone(-offset if text[0] == "-" else offset)


def _day(year: str, month: str | int, day: str) -> str | None:
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:  # June 31st, month 13
        return None


class DateReader:
    """Reads the dates of one source (a file): the first one it cannot read goes to
    ``report``, the others are only kept raw, so that a file of odd dates gives one warning,
    not thousands."""

    def __init__(self, report: Callable[[str], None]) -> None:
        self.report = report
        self.reported = False

    def read(self, raw: Any, where: str, meta: dict[str, Any]) -> str:
        """``raw`` as ISO 8601, or "" when it cannot be read; a raw value that differs from
        what is returned goes into ``meta`` under ``RAW_DATE``."""
        if raw in (None, ""):
            return ""
        written = str(raw)
        found = iso_date(written)
        if found != written:
            meta[RAW_DATE] = written
        if found is None and not self.reported:
            self.reported = True
            self.report(
                f"{where}: date {written!r} not understood (read are ISO 8601, RFC 2822, "
                f"'June 30, 2023' and '30 June 2023'); kept as {RAW_DATE}, published left empty. "
                "Other unreadable dates in this file are kept the same way, unreported"
            )
        return found or ""
