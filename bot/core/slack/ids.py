"""Every slash command, ``action_id`` and ``callback_id`` Kindling uses, in one place."""

import re
from typing import Final

KINDLING_COMMAND: Final = "/kindling"
KUDOS_COMMAND: Final = "/kudos"
CHECKIN_COMMAND: Final = "/checkin"
BREAKS_COMMAND: Final = "/breaks"
WIN_COMMAND: Final = "/win"

# The "Send kudos" message shortcut and the kudos modal.
KUDOS_SHORTCUT: Final = "kudos_send_from_message"
KUDOS_MODAL: Final = "kudos_modal"
KUDOS_SENT: Final = "kudos_sent"
KUDOS_PEOPLE_BLOCK: Final = "kudos_people"
KUDOS_PEOPLE_ACTION: Final = "kudos_people_select"
KUDOS_MESSAGE_BLOCK: Final = "kudos_message"
KUDOS_MESSAGE_ACTION: Final = "kudos_message_input"
KUDOS_VALUES_BLOCK: Final = "kudos_values"
KUDOS_VALUES_ACTION: Final = "kudos_values_select"

# Buttons.
KUDOS_SAY_THANKS: Final = "kudos_say_thanks"
KUDOS_PASS_ON: Final = "kudos_pass_it_on"  # noqa: S105  # an action id; opens the kudos form

# The morning check-in DM: one energy button per level, so each action_id is unique in its block.
CHECKIN_ENERGY_PREFIX: Final = "checkin_energy_"
CHECKIN_ENERGY_ACTION = re.compile(r"^checkin_energy_[1-5]$")
CHECKIN_NEED: Final = "checkin_need"
CHECKIN_ADD_NOTE: Final = "checkin_add_note"
CHECKIN_SKIP: Final = "checkin_skip"
CHECKIN_NOT_FOR_ME: Final = "checkin_not_for_me"
CHECKIN_TEAM_CONFIRM: Final = "checkin_team_confirm"
CHECKIN_TEAM_CANCEL: Final = "checkin_team_cancel"
CHECKIN_NOTE_MODAL: Final = "checkin_note_modal"
CHECKIN_NOTE_BLOCK: Final = "checkin_note"
CHECKIN_NOTE_ACTION: Final = "checkin_note_input"

# Break reminders.
BREAK_TOOK: Final = "break_took"
BREAK_SNOOZE: Final = "break_snooze"

# Workspace settings (admins): one input block per field, named settings_<field>.
SETTINGS_MODAL: Final = "settings_modal"
SETTINGS_SAVED: Final = "settings_saved"
SETTINGS_FIELD_ACTION: Final = "value"


def settings_block(field: str) -> str:
    return f"settings_{field}"


# App Home controls.
HOME_CHECKIN_TOGGLE: Final = "home_checkin_toggle"
HOME_CHECKIN_TIME: Final = "home_checkin_time"
HOME_CHECKIN_DAYS: Final = "home_checkin_days"
HOME_PAUSE_UNTIL: Final = "home_pause_until"
HOME_WORK_STARTS: Final = "home_work_starts"
HOME_WORK_ENDS: Final = "home_work_ends"
HOME_HOLIDAY_COUNTRY: Final = "home_holiday_country"
HOLIDAYS_FROM_ZONE: Final = "zone"  # the holiday picker's value for "from my time zone"
HOME_BREAKS_TOGGLE: Final = "home_breaks_toggle"
HOME_RECAP_TOGGLE: Final = "home_recap_toggle"
HOME_SHOW_MORE: Final = "home_show_more"
PRIVACY_EXPORT: Final = "privacy_export"
PRIVACY_FORGET: Final = "privacy_forget"

# The weekly recap.
RECAP_OFF: Final = "recap_off"

# Small wins.
WIN_SHARE: Final = "win_share"
WIN_FROM_KUDOS: Final = "win_from_kudos"  # a kudos to oneself, kept as a small win

# Every slash command the app registers: manifest.yml must list exactly these.
SLASH_COMMANDS: Final = (
    KINDLING_COMMAND,
    KUDOS_COMMAND,
    CHECKIN_COMMAND,
    BREAKS_COMMAND,
    WIN_COMMAND,
)

# Every shortcut the app registers: manifest.yml must list exactly these.
MESSAGE_SHORTCUTS: Final = (KUDOS_SHORTCUT,)

# Every Events API event the app listens to: manifest.yml subscribes to exactly these.
TEAM_JOIN_EVENT: Final = "team_join"
USER_CHANGE_EVENT: Final = "user_change"
MEMBER_JOINED_CHANNEL_EVENT: Final = "member_joined_channel"
MEMBER_LEFT_CHANNEL_EVENT: Final = "member_left_channel"
APP_HOME_OPENED_EVENT: Final = "app_home_opened"
MESSAGE_EVENT: Final = "message"  # delivered for the message.im subscription
DIRECT_MESSAGE_SUBSCRIPTION: Final = "message.im"  # what someone writes in the Messages tab
REACTION_ADDED_EVENT: Final = "reaction_added"
REACTION_REMOVED_EVENT: Final = "reaction_removed"
APP_UNINSTALLED_EVENT: Final = "app_uninstalled"
TOKENS_REVOKED_EVENT: Final = "tokens_revoked"
# Handled however often they come (never through the event ledger: it would remember the
# workspace Kindling was just asked to forget).
REVOCATION_EVENTS: Final = (APP_UNINSTALLED_EVENT, TOKENS_REVOKED_EVENT)
# Claimed in the ledger by their own listener, in the one transaction that handles them (one
# commit on the ack path; a failure rolls the claim back with the rest).
SELF_CLAIMED_EVENTS: Final = (REACTION_ADDED_EVENT, REACTION_REMOVED_EVENT)
SUBSCRIBED_EVENTS: Final = (
    TEAM_JOIN_EVENT,
    USER_CHANGE_EVENT,
    MEMBER_JOINED_CHANNEL_EVENT,
    MEMBER_LEFT_CHANNEL_EVENT,
    APP_HOME_OPENED_EVENT,
    DIRECT_MESSAGE_SUBSCRIPTION,
    REACTION_ADDED_EVENT,
    REACTION_REMOVED_EVENT,
    *REVOCATION_EVENTS,
)
