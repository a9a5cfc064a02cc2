"""Dates to ISO 8601: the common unambiguous forms are read, nothing else is guessed."""

from __future__ import annotations

import pytest

from quotes.dates import iso_date


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # ISO 8601, with or without a time; the offset is kept as written
        ("2023-06-30", "2023-06-30"),
        (" 2023-06-30\n", "2023-06-30"),
        ("2023-06-30T14:05:00Z", "2023-06-30T14:05:00+00:00"),
        ("2023-06-30T14:05", "2023-06-30T14:05:00"),
        ("2023-06-30 14:05:09", "2023-06-30T14:05:09"),
        ("2023-06-30T14:05:09.123456+02:00", "2023-06-30T14:05:09+02:00"),
        ("2023-06-30T23:30:00-0400", "2023-06-30T23:30:00-04:00"),  # not moved to the next day
        # RFC 2822: mail, HTTP and RSS headers
        ("Fri, 30 Jun 2023 14:05:00 +0000", "2023-06-30T14:05:00+00:00"),
        ("30 Jun 2023 14:05:00 GMT", "2023-06-30T14:05:00+00:00"),
        ("Fri, 30 Jun 2023 09:05 -0500", "2023-06-30T09:05:00-05:00"),
        # the month in words
        ("June 30, 2023", "2023-06-30"),
        ("Jun 30, 2023", "2023-06-30"),
        ("Jun. 30 2023", "2023-06-30"),
        ("Friday, June 30, 2023", "2023-06-30"),
        ("30 June 2023", "2023-06-30"),
        ("30th June, 2023", "2023-06-30"),
        ("1 Sept 2023", "2023-09-01"),
        ("30 JUNE 2023", "2023-06-30"),
        # not read: ambiguous, relative, impossible or not a date
        ("06/07/2023", None),
        ("07.06.2023", None),
        ("yesterday", None),
        ("2 hours ago", None),
        ("June 2023", None),
        ("2023-02-30", None),
        ("2023-13-01", None),
        ("2023-06-30T25:00", None),
        ("2023-06-30T10:00+25:00", None),
        ("Fri, 31 Jun 2023 14:05:00 +0000", None),
        ("Juneteenth 30, 2023", None),
        ("30 Juin 2023", None),
        ("20230630", None),
        ("", None),
        ("2023-06-30 and more", None),
    ],
)
def test_iso_date(raw: str, expected: str | None) -> None:
    assert iso_date(raw) == expected


def test_a_long_run_of_digits_is_read_in_linear_time() -> None:
    assert iso_date("2023-06-30T" + "1" * 100_000) is None
    assert iso_date("1" * 100_000 + " June 2023") is None
