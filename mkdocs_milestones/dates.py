# SPDX-License-Identifier: MIT
"""Dates and durations as authors write them, read leniently (roadmap order, filters, the timeline).

* A date is the first ``YYYY-MM-DD`` (also ``/`` or ``.`` separated), ``3 November 2025``,
  ``November 3, 2025``, ``YYYY-MM`` / ``Nov 2025`` (the first of the month) or ``2026-Q2`` / ``Q2 2026``
  (the first day of the quarter) in the text.
* A target (:func:`parse_target`) is read the same way, but a month or a quarter means its last day:
  ``March 2026`` is due by 2026-03-31, ``2026-Q2`` by 2026-06-30.
* "Today" (:func:`build_today`) is the ``today`` option, else the date of ``SOURCE_DATE_EPOCH``, else
  the UTC date of the build.
* A duration is the first ``<number or range> <unit>`` in the text, and a range counts as its
  upper bound: ``8-10 sessions (24-30 hours)`` is 10 sessions. Units, in calendar days: an hour
  is 1/8 day (a working day, rounded up), a day or a *session* 1 day, a week 7 days, a *sprint*
  2 weeks (14 days), a month 30 days, a quarter 91 days, a year 365 days.
"""

from __future__ import annotations

import calendar
import functools
import math
import os
import re
from collections.abc import Mapping
from datetime import date, datetime, timezone

__all__ = ["build_today", "looks_like_date", "parse_date", "parse_duration_days", "parse_target"]

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MON = r"(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_ISO_RE = re.compile(r"(?<!\d)(?P<y>\d{4})[-/.](?P<m>\d{1,2})(?:[-/.](?P<d>\d{1,2}))?(?!\d)")
_DMY_RE = re.compile(rf"(?<!\d)(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MON}\s+(?P<y>\d{{4}})(?!\d)", re.IGNORECASE)
_MDY_RE = re.compile(rf"\b{_MON}\s+(?:(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+)?(?P<y>\d{{4}})(?!\d)", re.IGNORECASE)
_QUARTER_RE = re.compile(r"(?<![\w-])(?:(?P<y>\d{4})[-\s]?Q(?P<q>[1-4])|Q(?P<q2>[1-4])[-\s/]*(?P<y2>\d{4}))(?![\w-])", re.IGNORECASE)
_MONTH_WORD = rf"(?:{'|'.join(_MONTHS)})[a-z]*\.?"
_DATEISH_RE = re.compile(
    rf"(?<!\d)(?:19|20)\d\d(?!\d)|\b{_MONTH_WORD}\s+\d|\d(?:st|nd|rd|th)?\s+{_MONTH_WORD}(?![a-z])|\bQ[1-4]\b"
    r"|(?<![\d.])\d{1,2}/\d{1,2}(?:/\d{2,4})?(?![\d.])|(?<![\d.])\d{1,2}\.\d{1,2}\.\d{2,4}(?![\d.])"
    rf"|\b(?:end|mid|early|late)[- ]?(?:of\s+)?{_MONTH_WORD}",
    re.IGNORECASE)
_WORD_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_NUM = r"(?:\d+(?:\.\d+)?|" + "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True)) + r")"
_DURATION_RE = re.compile(
    rf"(?<![\w.])(?P<a>{_NUM})(?:\s*(?:-|\u2013|\u2014|to)\s*(?P<b>{_NUM}))?\s*\+?\s*"
    r"(?P<unit>hours?|hrs?|h|days?|d|sessions?|weeks?|wks?|w|sprints?|months?|mos?|quarters?|years?|yrs?)\b",
    re.IGNORECASE,
)
_UNIT_DAYS = {"h": 1 / 8, "d": 1, "s": 1, "w": 7, "sp": 14, "mo": 30, "q": 91, "y": 365}


@functools.lru_cache(maxsize=4096)  # pure; the roadmap's sorts and rows ask again for the same texts
def _first_date(text: str | None, *, end: bool) -> date | None:
    """The first date written in ``text``; a month or quarter gives its first day, or its last with ``end``."""
    if not text:
        return None
    found: list[tuple[int, date]] = []
    for rx in (_ISO_RE, _DMY_RE, _MDY_RE):
        for m in rx.finditer(text):
            g = m.groupdict()
            month = int(g["m"]) if g.get("m") else _MONTHS.index(g["mon"][:3].lower()) + 1
            try:
                last = calendar.monthrange(int(g["y"]), month)[1] if 1 <= month <= 12 else 0
                found.append((m.start(), date(int(g["y"]), month, int(g["d"] or (last if end else 1)))))
            except ValueError:
                continue
            break
    q = _QUARTER_RE.search(text)
    if q is not None:
        year, quarter = int(q.group("y") or q.group("y2")), int(q.group("q") or q.group("q2"))
        month = quarter * 3 if end else quarter * 3 - 2
        found.append((q.start(), date(year, month, calendar.monthrange(year, month)[1] if end else 1)))
    return min(found)[1] if found else None


def parse_date(text: str | None) -> date | None:
    """The first date written in ``text``, or None.

    >>> parse_date("2025-11-03 (kick-off)"), parse_date("3 Nov 2025"), parse_date("November 2025")
    (datetime.date(2025, 11, 3), datetime.date(2025, 11, 3), datetime.date(2025, 11, 1))
    >>> parse_date("soon") is None
    True
    """
    return _first_date(text, end=False)


def looks_like_date(text: str) -> bool:
    """Whether ``text`` means to be a date: it holds a year, a month beside a number, a quarter or a numeric day
    (a target in words, ``Post M-0/M-1 Foundation`` or ``modelVersion 1.1``, does not).

    >>> looks_like_date("Marhc 2026"), looks_like_date("mid-Sept"), looks_like_date("Post M-0/M-1 Foundation")
    (True, True, False)
    """
    return _DATEISH_RE.search(text) is not None


def parse_target(text: str | None) -> date | None:
    """The day a target written in ``text`` falls due: a month or a quarter is due on its last day.

    >>> [str(parse_target(t)) for t in ("2026-03-31", "31 March 2026", "March 31, 2026", "March 2026", "2026-Q2", "Q4 2026")]
    ['2026-03-31', '2026-03-31', '2026-03-31', '2026-03-31', '2026-06-30', '2026-12-31']
    >>> parse_target("2026-02-30") is None, parse_target("next sprint") is None
    (True, True)
    """
    return _first_date(text, end=True)


def build_today(option: object = None, environ: Mapping[str, str] | None = None) -> date:
    """The day "overdue" is measured against: ``option`` (a date or ``YYYY-MM-DD``), else the UTC date of
    ``SOURCE_DATE_EPOCH`` (reproducible builds), else today's UTC date. Raises ValueError for a bad value.

    >>> build_today("2026-05-01"), build_today(None, {"SOURCE_DATE_EPOCH": "1767225600"})
    (datetime.date(2026, 5, 1), datetime.date(2026, 1, 1))
    """
    if isinstance(option, datetime):
        return option.date()
    if isinstance(option, date):
        return option
    if isinstance(option, str) and option.strip():
        try:
            return date.fromisoformat(option.strip())
        except ValueError:
            raise ValueError(f"expected a date written YYYY-MM-DD, got {option!r}") from None
    if option not in (None, ""):
        raise ValueError(f"expected a date written YYYY-MM-DD, got {option!r}")
    epoch = (os.environ if environ is None else environ).get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
        except (ValueError, OverflowError, OSError):
            raise ValueError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, got {epoch!r}") from None
    return datetime.now(timezone.utc).date()


def parse_duration_days(text: str | None) -> int | None:
    """Calendar days of a written estimate (upper bound of a range), or None.

    >>> [parse_duration_days(t) for t in ("3 weeks", "8-10 sessions (24-30 hours)", "2 sprints", "5 days")]
    [21, 10, 28, 5]
    >>> parse_duration_days("16 hours"), parse_duration_days("a month"), parse_duration_days("TBD")
    (2, 30, None)
    """
    if not text:
        return None
    m = _DURATION_RE.search(text)
    if not m:
        return None
    raw = (m.group("b") or m.group("a")).lower()
    amount = float(_WORD_NUMBERS.get(raw, 0) or raw)
    unit = m.group("unit").lower()
    key = "sp" if unit.startswith("sp") else "mo" if unit.startswith("mo") else "s" if unit.startswith("se") else unit[0]
    days = math.ceil(amount * _UNIT_DAYS[key] - 1e-9)
    return max(days, 1) if amount > 0 else None
