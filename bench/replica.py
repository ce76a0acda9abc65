"""One Kindling replica for ``bench.fanout --replicas``: a dispatcher thread, as ``kindling run``
starts it, delivering from a shared PostgreSQL database until nothing is left to send.

Run: ``python -m bench.replica DATABASE_URL SLACK_API_URL RUN_JSON``; it prints ``ready``,
waits for a line on stdin (so every replica starts at once), delivers, and prints
``done {json}`` with its Slack calls and the seconds spent in them.
"""

from __future__ import annotations

import json
import sys
import time

from bench.delivery import Run, build_dispatcher, deliver_with_thread
from bot.core.store.engine import build_engine


def main() -> None:
    database_url, api_url, run_json = sys.argv[1:4]
    run = Run(**json.loads(run_json))
    engine = build_engine(database_url)
    delivering = build_dispatcher(engine, api_url, run)
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    sys.stdin.readline()
    deadline = time.perf_counter() + run.timeout
    finished = deliver_with_thread(delivering.dispatcher, engine, deadline)
    engine.dispose()
    sender = delivering.sender
    done = {"finished": finished, "calls": sender.calls, "seconds": sender.seconds}
    sys.stdout.write(f"done {json.dumps(done)}\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
