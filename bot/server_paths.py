"""The HTTP paths Kindling serves (kept apart so the CLI need not import the server)."""

from typing import Final

SLACK_EVENTS_PATH: Final = "/slack/events"
HEALTH_PATH: Final = "/healthz"
