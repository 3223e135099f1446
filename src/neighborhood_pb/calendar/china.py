"""China's official working-day data, taken from the ``chinesecalendar`` package.

The package (module ``chinese_calendar``) transcribes the State Council's yearly notices
(国务院办公厅关于部分节假日安排的通知): the days off and the adjusted working days of every
year it covers. :func:`china_notices` turns them into :class:`OfficialNotice` records, one per
calendar year, and applies :data:`CHINA_CORRECTIONS`, the days the package gets wrong, each
settled by the notice it cites. :func:`china_working_days` is the calendar built from them.
"""

from __future__ import annotations

import functools
from collections import defaultdict

import pendulum

from neighborhood_pb.calendar.notices import NoticeCorrection, OfficialNotice
from neighborhood_pb.calendar.statutory import statutory_notice
from neighborhood_pb.calendar.workdays import WorkingDayCalendar

__all__ = ["CHINA_CORRECTIONS", "china_notices", "china_working_days"]

CHINA_CORRECTIONS: tuple[NoticeCorrection, ...] = (
    NoticeCorrection(
        day=pendulum.Date(2005, 12, 31),
        working=True,
        source="国务院办公厅关于2006年部分节假日安排的通知 (国办发明电〔2005〕35号): "
        "元旦 1月1日—3日放假，12月31日（星期六）上班",
    ),
)
"""Days ``chinesecalendar`` misses, set right from the official notice.

The 2006 notice moved work to Saturday 2005-12-31, a day of the previous year, and the
package files each notice under its own year only, so it has that Saturday as a day off.
"""


@functools.cache
def china_notices() -> tuple[OfficialNotice, ...]:
    """One :class:`OfficialNotice` per year covered by ``chinesecalendar``, corrected."""
    import chinese_calendar

    holidays: dict[int, set[pendulum.Date]] = defaultdict(set)
    working: dict[int, set[pendulum.Date]] = defaultdict(set)
    for day in chinese_calendar.holidays:
        holidays[day.year].add(pendulum.Date(day.year, day.month, day.day))
    for day in chinese_calendar.workdays:
        working[day.year].add(pendulum.Date(day.year, day.month, day.day))
    version = getattr(chinese_calendar, "__version__", "unknown")
    return tuple(
        OfficialNotice(
            year=year,
            holidays=holidays[year],
            working_days=working[year],
            source=f"国务院办公厅关于{year}年部分节假日安排的通知 (chinesecalendar {version})",
        ).corrected(CHINA_CORRECTIONS)
        for year in sorted(holidays.keys() | working.keys())
    )


@functools.cache
def china_working_days() -> WorkingDayCalendar:
    """China's working-day calendar for every year with official data (2004–2026 with
    ``chinesecalendar`` 1.11), built once and shared; add later years with
    :meth:`WorkingDayCalendar.with_notice`. A provisional answer for another year takes its
    statutory holidays (:func:`~neighborhood_pb.calendar.statutory.statutory_notice`)."""
    return WorkingDayCalendar(china_notices(), provisional=statutory_notice)
