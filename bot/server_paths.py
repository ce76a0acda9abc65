"""The HTTP paths Kindling serves (kept apart so the CLI need not import the server)."""

from typing import Final

SLACK_EVENTS_PATH: Final = "/slack/events"
HEALTH_PATH: Final = "/healthz"
INSTALL_PATH: Final = "/slack/install"  # OAuth installs only
OAUTH_REDIRECT_PATH: Final = "/slack/oauth_redirect"
