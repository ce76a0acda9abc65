"""App Home listeners: opening the tab and its personal settings."""

from __future__ import annotations

from slack_bolt import App

from bot.core.slack import ids
from bot.home.listeners import actions, events


def register(app: App) -> None:
    """Wire the App Home event and controls onto ``app``."""
    app.event(ids.APP_HOME_OPENED_EVENT)(events.handle_app_home_opened)
    app.action(ids.HOME_CHECKIN_TOGGLE)(actions.handle_checkin_toggle)
    app.action(ids.HOME_CHECKIN_TIME)(actions.handle_checkin_time)
    app.action(ids.HOME_CHECKIN_DAYS)(actions.handle_checkin_days)
    app.action(ids.HOME_PAUSE_UNTIL)(actions.handle_pause_until)
    app.action(ids.HOME_WORK_STARTS)(actions.handle_work_starts)
    app.action(ids.HOME_WORK_ENDS)(actions.handle_work_ends)
    app.action(ids.HOME_HOLIDAY_COUNTRY)(actions.handle_holiday_country)
    app.action(ids.HOME_BREAKS_TOGGLE)(actions.handle_breaks_toggle)
    app.action(ids.HOME_RECAP_TOGGLE)(actions.handle_recap_toggle)
    app.action(ids.HOME_SHOW_MORE)(actions.handle_show_more)
