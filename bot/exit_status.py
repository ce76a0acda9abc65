"""The exit statuses of the ``kindling`` command (standard library only: the CLI imports it
before it knows the command)."""

from typing import Final

FAILURE: Final = 1  # something does not answer (Slack, the database, the local server)
CONFIG: Final = 2  # a setting to fix
