"""What each ``kindling`` command does (everything but ``healthcheck``, which must start fast),
and the one line a failing start prints."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from types import FrameType

from sqlalchemy.exc import OperationalError

from bot import exit_status
from bot.config import ConfigError, Settings, load_settings
from bot.core.slack.access import SlackUnreachableError
from bot.core.store import migrate
from bot.core.store.backup import BackupError, backup_sqlite
from bot.logs import configure_logging

SQLITE_CANNOT_OPEN = "unable to open database file"  # SQLite, for a missing or read-only folder


def run_command(args: argparse.Namespace) -> int:
    """Read the settings and run ``args.command``; a failure is one line on stderr."""
    try:
        settings = load_settings()
        configure_logging(
            settings.log_level, secrets=settings.secret_values(), log_format=settings.log_format
        )
        result: int = HANDLERS[args.handler](settings, args)
    except (
        ConfigError,
        BackupError,
        SlackUnreachableError,
        migrate.MigrationError,
        OperationalError,
    ) as error:
        message, status = _explain(error)
        print(f"kindling: {message}", file=sys.stderr)
        return status
    return result


def _explain(error: Exception) -> tuple[str, int]:
    """The one line a failing start prints, and its exit status: 2 for a setting to fix,
    1 for something that does not answer."""
    if isinstance(error, ConfigError | BackupError):
        return str(error), exit_status.CONFIG
    if not isinstance(error, OperationalError):
        return str(error), exit_status.FAILURE
    reason = str(error.orig).strip().splitlines()[0] if error.orig else "no answer"
    if SQLITE_CANNOT_OPEN in reason:
        return _sqlite_cannot_open(reason), exit_status.CONFIG
    return f"the database at DATABASE_URL does not answer: {reason}", exit_status.FAILURE


def _sqlite_cannot_open(reason: str) -> str:
    return (
        f"the SQLite database at DATABASE_URL cannot be opened ({reason}): make sure its folder "
        "exists and Kindling may write there, or point DATABASE_URL elsewhere"
    )


def _run(settings: Settings, args: argparse.Namespace) -> int:
    from bot.runner import serve  # noqa: PLC0415  # keeps `kindling db ...` free of Slack imports

    settings.require_slack()
    if not args.no_migrate:
        migrate.upgrade(settings.database_url.get_secret_value())
    stop = threading.Event()

    def request_stop(signum: int, _frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    serve(settings, stop=stop)
    return 0


def _db_upgrade(settings: Settings, _args: argparse.Namespace) -> int:
    migrate.upgrade(settings.database_url.get_secret_value())
    print("The database schema is up to date.")
    return 0


def _db_current(settings: Settings, _args: argparse.Namespace) -> int:
    print(migrate.current(settings.database_url.get_secret_value()))
    return 0


def _db_check(settings: Settings, _args: argparse.Namespace) -> int:
    difference = migrate.drift(settings.database_url.get_secret_value())
    if difference is not None:
        print(f"kindling: the models and the migrations disagree: {difference}", file=sys.stderr)
        return exit_status.FAILURE
    print("No drift: the models match the migrations.")
    return 0


def _db_downgrade(settings: Settings, args: argparse.Namespace) -> int:
    migrate.downgrade(settings.database_url.get_secret_value(), args.revision)
    print(f"The database schema is now at {args.revision}.")
    return 0


def _db_backup(settings: Settings, args: argparse.Namespace) -> int:
    backup_sqlite(settings.database_url.get_secret_value(), args.file)
    print(f"Backed up the database to {args.file}.")
    return 0


HANDLERS = {
    "run": _run,
    "db upgrade": _db_upgrade,
    "db current": _db_current,
    "db check": _db_check,
    "db downgrade": _db_downgrade,
    "db backup": _db_backup,
}
