"""Statutory holidays known by rule, for years the State Council has not yet arranged.

《全国年节及纪念日放假办法》 (国务院令第795号, in force from 2025-01-01) fixes the days off
of every year (第二条): 元旦 1 day, 春节 4 days (除夕 and 正月初一至初三), 清明节 1 day,
劳动节 2 days (5月1日、2日), 端午节 1 day, 中秋节 1 day, 国庆节 3 days (10月1日至3日); and a
holiday falling on a Saturday or Sunday is made up on a working day (第六条). The ``holidays``
package computes those days, lunar ones included. What no rule tells is the year's
arrangement of adjusted working days (调休上班): only the yearly notice does.
:func:`statutory_notice` is therefore a provisional notice with days off and no adjusted
working day; it says so in its ``source``.
"""

from __future__ import annotations

import functools

import pendulum

from neighborhood_pb.calendar.notices import OfficialNotice, check_year_number

__all__ = ["STATUTORY_SOURCE", "statutory_notice"]

STATUTORY_SOURCE = (
    "provisional: statutory holidays by rule (全国年节及纪念日放假办法), "
    "no adjusted working days (调休上班) until the year's notice is published"
)
"""The ``source`` of every :func:`statutory_notice`: it is provisional, not a notice."""


@functools.lru_cache(maxsize=64)
def statutory_notice(year: int) -> OfficialNotice:
    """The provisional arrangement of ``year``: statutory holidays, no adjusted working day.

    Days the ``holidays`` package lists as moved by a published notice (``substituted``) are
    left out, since they come with adjusted working days no rule names. A year the package
    cannot compute (before 1950, or beyond its lunar tables) has no holiday at all.

    Raises:
        InvalidRecordError: ``year`` is not a representable year.
    """
    import holidays

    check_year_number(year)
    days = holidays.country_holidays("CN", years=year, language="en_US")
    off = {
        pendulum.Date(day.year, day.month, day.day)
        for day, name in days.items()
        if day.year == year and "substituted" not in name
    }
    return OfficialNotice(year=year, holidays=off, source=STATUTORY_SOURCE)
