"""Every slash command, ``action_id`` and ``callback_id`` Kindling uses, in one place."""

from typing import Final

KINDLING_COMMAND: Final = "/kindling"

# Every slash command the app registers: manifest.yml must list exactly these.
SLASH_COMMANDS: Final = (KINDLING_COMMAND,)

# Every Events API event the app listens to: manifest.yml subscribes to exactly these.
TEAM_JOIN_EVENT: Final = "team_join"
USER_CHANGE_EVENT: Final = "user_change"
SUBSCRIBED_EVENTS: Final = (TEAM_JOIN_EVENT, USER_CHANGE_EVENT)
