"""One Kindling process for ``bench.scale``'s memory run, driven through a day over stdin.

It is what ``kindling run`` builds and serves (``build_kindling`` with OAuth installs, the
Bolt app over HTTP on a local port, the dispatcher's thread), with two differences, because
``kindling run`` ticks on the real clock: the clock is a manual one, and the ticker is called
here (``tick_database()`` then ``tick_slack()``, as APScheduler's two jobs would) instead of
by APScheduler.

``python -m bench.scale_serve DATABASE_URL SLACK_API_URL`` prints ``ready PORT RSS_KB``; then
for each line ``ISO-TIME`` on stdin it sets the clock, ticks, waits until the outbox holds
nothing due (the dispatcher delivered it), and prints ``done RSS_KB UNDELIVERED``; it stops at
``quit`` or the end of stdin. RSS is this process's resident memory (``VmRSS``).
"""

from __future__ import annotations

import sys
import time
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select

from bench.scale_seed import PREVIOUS_TICK
from bench.scale_tick import oauth_settings
from bench.seeding import OUTBOX
from bot.app import Kindling, build_kindling
from bot.core.outbox.values import OPEN
from bot.server import HttpServer, KindlingWsgiApp
from tests.support.clock import ManualClock

DRAIN_TIMEOUT_SECONDS = 60.0
POLL_SECONDS = 0.01


def rss_kb() -> int:
    """This process's resident memory, in kB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def undelivered(kindling: Kindling, now: datetime) -> int:
    """Outbox messages due by ``now`` and not yet settled."""
    query = select(func.count()).where(OUTBOX.c.status.in_(OPEN), OUTBOX.c.not_before <= now)
    with kindling.engine.connect() as connection:
        return int(connection.scalar(query) or 0)


def wait_delivered(kindling: Kindling, now: datetime) -> int:
    """Wait until the dispatcher has delivered what is due; what it left, after the timeout."""
    deadline = time.monotonic() + DRAIN_TIMEOUT_SECONDS
    left = undelivered(kindling, now)
    while left and time.monotonic() < deadline:
        time.sleep(POLL_SECONDS)
        left = undelivered(kindling, now)
    return left


def main() -> None:
    database_url, api_url = sys.argv[1:3]
    clock = ManualClock(PREVIOUS_TICK)
    kindling = build_kindling(oauth_settings(database_url, api_url), clock=clock)
    server = HttpServer(
        KindlingWsgiApp(engine=kindling.engine, bolt=kindling.bolt, metrics=kindling.metrics),
        host="127.0.0.1",
        port=0,
    )
    server.start()
    kindling.dispatcher.start()
    try:
        print(f"ready {server.port} {rss_kb()}", flush=True)
        for line in sys.stdin:
            if line.strip() == "quit":
                break
            now = datetime.fromisoformat(line.strip())
            clock.advance(now - clock.now())
            kindling.ticker.tick_database()
            kindling.ticker.tick_slack()
            left = wait_delivered(kindling, now)
            print(f"done {rss_kb()} {left}", flush=True)
    finally:
        server.stop()
        kindling.close()


if __name__ == "__main__":
    main()
