"""Every slash command, ``action_id`` and ``callback_id`` Kindling uses, in one place."""

from typing import Final

KINDLING_COMMAND: Final = "/kindling"
