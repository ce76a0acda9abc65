"""A Kindling dispatcher in a process of its own, draining once: a test kills it mid-pool.

Run: ``python -m tests.support.dispatcher_process DATABASE_URL SLACK_API_URL``; it prints
``draining`` when it starts.
"""

from __future__ import annotations

import sys

from bot.core.clock import SystemClock
from bot.core.outbox.dispatcher import Dispatcher
from bot.core.outbox.limiter import RateLimiter
from bot.core.outbox.sender import SlackSender
from bot.core.slack.client import build_web_client
from bot.core.store.engine import build_engine, build_session_factory
from bot.core.store.unit_of_work import UnitOfWorkFactory
from bot.features import message_kinds
from tests.fakeslack.server import BOT_TOKEN


def main() -> None:
    database_url, api_url = sys.argv[1:3]
    client = build_web_client(token=BOT_TOKEN, base_url=api_url, retry=False)
    dispatcher = Dispatcher(
        unit_of_work=UnitOfWorkFactory(build_session_factory(build_engine(database_url))),
        sender=SlackSender(lambda _team_id: client),
        limiter=RateLimiter(messages_per_minute=600),
        kinds=message_kinds(),
        clock=SystemClock(),
    )
    sys.stdout.write("draining\n")
    sys.stdout.flush()
    dispatcher.drain()


if __name__ == "__main__":
    main()
