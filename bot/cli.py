"""The ``kindling`` command line."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Sequence
from types import FrameType

from sqlalchemy.exc import OperationalError

from bot import __version__
from bot.config import ConfigError, Settings, load_settings
from bot.logs import configure_logging
from bot.server_paths import HEALTH_PATH
from bot.slack.access import SlackUnreachableError
from bot.store import migrate

HEALTHCHECK_TIMEOUT_SECONDS = 4
EXIT_FAILURE = 1
EXIT_CONFIG = 2
SQLITE_CANNOT_OPEN = "unable to open database file"  # SQLite, for a missing or read-only folder


def main(argv: Sequence[str] | None = None) -> int:
    """Parse ``argv`` and run the chosen command; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_CONFIG
    try:
        settings = load_settings()
        configure_logging(settings.log_level, secrets=settings.secret_values())
        result: int = args.handler(settings, args)
    except (ConfigError, SlackUnreachableError, migrate.MigrationError, OperationalError) as error:
        message, status = _explain(error)
        print(f"kindling: {message}", file=sys.stderr)
        return status
    return result


def _explain(error: Exception) -> tuple[str, int]:
    """The one line a failing start prints, and its exit status: 2 for a setting to fix,
    1 for something that does not answer."""
    if isinstance(error, ConfigError):
        return str(error), EXIT_CONFIG
    if not isinstance(error, OperationalError):
        return str(error), EXIT_FAILURE
    reason = str(error.orig).strip().splitlines()[0] if error.orig else "no answer"
    if SQLITE_CANNOT_OPEN in reason:
        return _sqlite_cannot_open(reason), EXIT_CONFIG
    return f"the database at DATABASE_URL does not answer: {reason}", EXIT_FAILURE


def _sqlite_cannot_open(reason: str) -> str:
    return (
        f"the SQLite database at DATABASE_URL cannot be opened ({reason}): make sure its folder "
        "exists and Kindling may write there, or point DATABASE_URL elsewhere"
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kindling",
        description="Kindling: a Slack bot for check-ins, kudos and gentle break reminders.",
        epilog="Settings come from environment variables or a .env file; see README.md.",
    )
    parser.add_argument("--version", action="version", version=f"kindling {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    run = commands.add_parser("run", help="migrate the database, start the scheduler, serve Slack")
    run.add_argument(
        "--no-migrate", action="store_true", help="do not apply pending migrations first"
    )
    run.set_defaults(handler=_run)

    health = commands.add_parser(
        "healthcheck", help="exit 0 when the local server's /healthz answers 200 (for Docker)"
    )
    health.set_defaults(handler=_healthcheck)

    db = commands.add_parser("db", help="database schema commands")
    db_commands = db.add_subparsers(dest="db_command", metavar="DB_COMMAND", required=True)
    db_commands.add_parser("upgrade", help="apply every pending migration").set_defaults(
        handler=_db_upgrade
    )
    db_commands.add_parser("current", help="show the applied revision").set_defaults(
        handler=_db_current
    )
    db_commands.add_parser(
        "check", help="fail if the models and the migrations disagree"
    ).set_defaults(handler=_db_check)
    downgrade = db_commands.add_parser("downgrade", help="undo migrations down to a revision")
    downgrade.add_argument("revision", help="target revision, or 'base' to remove every table")
    downgrade.set_defaults(handler=_db_downgrade)
    return parser


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


def _healthcheck(settings: Settings, _args: argparse.Namespace) -> int:
    if settings.port == 0:
        raise ConfigError(
            "PORT is 0 (kindling run then picks a free port), so there is no port to check: "
            "set PORT to the port kindling run listens on"
        )
    url = f"http://127.0.0.1:{settings.port}{HEALTH_PATH}"
    try:
        with urllib.request.urlopen(url, timeout=HEALTHCHECK_TIMEOUT_SECONDS) as response:
            print(response.read().decode())
            return 0
    except (urllib.error.URLError, TimeoutError) as error:
        print(f"kindling: {url} is not healthy: {error}", file=sys.stderr)
        return EXIT_FAILURE


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
        return EXIT_FAILURE
    print("No drift: the models match the migrations.")
    return 0


def _db_downgrade(settings: Settings, args: argparse.Namespace) -> int:
    migrate.downgrade(settings.database_url.get_secret_value(), args.revision)
    print(f"The database schema is now at {args.revision}.")
    return 0
