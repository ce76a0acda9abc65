"""Every button and menu Kindling sends, which each workspace crawl must use."""

from __future__ import annotations

from bot.core.slack import ids

# Every button and menu Kindling sends, which the crawl must have used in both workspaces.
EVERY_CONTROL = frozenset(
    {
        ids.KUDOS_SAY_THANKS,
        ids.KUDOS_PASS_ON,
        ids.CHECKIN_ENERGY_PREFIX,
        ids.CHECKIN_NEED,
        ids.CHECKIN_ADD_NOTE,
        ids.CHECKIN_SKIP,
        ids.CHECKIN_NOT_FOR_ME,
        ids.CHECKIN_TEAM_CONFIRM,
        ids.CHECKIN_TEAM_CANCEL,
        ids.BREAK_TOOK,
        ids.BREAK_SNOOZE,
        ids.HOME_CHECKIN_TOGGLE,
        ids.HOME_CHECKIN_TIME,
        ids.HOME_CHECKIN_DAYS,
        ids.HOME_PAUSE_UNTIL,
        ids.HOME_WORK_STARTS,
        ids.HOME_WORK_ENDS,
        ids.HOME_HOLIDAY_COUNTRY,
        ids.HOME_BREAKS_TOGGLE,
        ids.HOME_RECAP_TOGGLE,
        ids.PRIVACY_EXPORT,
        ids.RECAP_OFF,
        ids.WIN_SHARE,
        ids.WIN_FROM_KUDOS,
    }
)
