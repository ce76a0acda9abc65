"""The ``kindling`` command line. It imports only the standard library until it knows the
command, so ``kindling healthcheck`` (Docker's, every 30 s) starts in tens of milliseconds."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from bot import __version__, exit_status


def main(argv: Sequence[str] | None = None) -> int:
    """Parse ``argv`` and run the chosen command; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return exit_status.CONFIG
    if args.handler == "healthcheck":
        from bot.healthcheck import check_local_server  # noqa: PLC0415  # stdlib only: fast

        return check_local_server()
    from bot.commands import run_command  # noqa: PLC0415  # the heavy imports, only when needed

    return run_command(args)


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
    run.set_defaults(handler="run")

    health = commands.add_parser(
        "healthcheck", help="exit 0 when the local server's /healthz answers 200 (for Docker)"
    )
    health.set_defaults(handler="healthcheck")

    db = commands.add_parser("db", help="database schema commands")
    db_commands = db.add_subparsers(dest="db_command", metavar="DB_COMMAND", required=True)
    db_commands.add_parser("upgrade", help="apply every pending migration").set_defaults(
        handler="db upgrade"
    )
    db_commands.add_parser("current", help="show the applied revision").set_defaults(
        handler="db current"
    )
    db_commands.add_parser(
        "check", help="fail if the models and the migrations disagree"
    ).set_defaults(handler="db check")
    downgrade = db_commands.add_parser("downgrade", help="undo migrations down to a revision")
    downgrade.add_argument("revision", help="target revision, or 'base' to remove every table")
    downgrade.set_defaults(handler="db downgrade")
    backup = db_commands.add_parser(
        "backup", help="copy a SQLite database to a new file, safely while Kindling runs"
    )
    backup.add_argument("file", type=Path, help="the new file to write the copy to")
    backup.set_defaults(handler="db backup")
    return parser
