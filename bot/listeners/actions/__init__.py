"""Buttons and other interactive elements."""

from __future__ import annotations

from slack_bolt import App

from bot.listeners.actions import breaks, checkin, home, privacy, recap, wins
from bot.listeners.actions.kudos import handle_say_thanks
from bot.slack import ids


def register(app: App) -> None:
    app.action(ids.KUDOS_SAY_THANKS)(handle_say_thanks)
    app.action(ids.CHECKIN_ENERGY_ACTION)(checkin.handle_energy)
    app.action(ids.CHECKIN_NEED)(checkin.handle_need)
    app.action(ids.CHECKIN_SKIP)(checkin.handle_skip)
    app.action(ids.CHECKIN_ADD_NOTE)(checkin.handle_add_note)
    app.action(ids.CHECKIN_NOT_FOR_ME)(checkin.handle_not_for_me)
    app.action(ids.BREAK_TOOK)(breaks.handle_took_a_break)
    app.action(ids.BREAK_SNOOZE)(breaks.handle_snooze_today)
    app.action(ids.WIN_SHARE)(wins.handle_share_win)
    app.action(ids.RECAP_OFF)(recap.handle_recap_off)
    app.action(ids.HOME_CHECKIN_TOGGLE)(home.handle_checkin_toggle)
    app.action(ids.HOME_CHECKIN_TIME)(home.handle_checkin_time)
    app.action(ids.HOME_CHECKIN_DAYS)(home.handle_checkin_days)
    app.action(ids.HOME_PAUSE_UNTIL)(home.handle_pause_until)
    app.action(ids.HOME_BREAKS_TOGGLE)(home.handle_breaks_toggle)
    app.action(ids.HOME_RECAP_TOGGLE)(home.handle_recap_toggle)
    app.action(ids.HOME_SHOW_MORE)(home.handle_show_more)
    app.action(ids.PRIVACY_EXPORT)(privacy.handle_export)
    app.action(ids.PRIVACY_FORGET)(privacy.handle_forget)
