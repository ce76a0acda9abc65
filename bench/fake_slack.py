"""The fake Slack in a process of its own, so its work never disturbs the measuring client.

``python -m bench.fake_slack PEOPLE`` adds PEOPLE givers and recipients (see
``bench.ack_latency.Workload``), prints ``api_url URL``, and serves until stdin closes.
"""

from __future__ import annotations

import sys

from tests.fakeslack import FakeSlack


def main() -> None:
    people = int(sys.argv[1])
    # Standing in for Slack's servers: it answers, but skips the block checks the tests make,
    # so its own work disturbs the machine as little as possible.
    with FakeSlack(users_page_size=5000, validate=False) as slack:
        for number in range(people):
            for prefix in ("UG", "UR", "US"):
                slack.add_user(f"{prefix}{number:06d}")
        print(f"api_url {slack.api_url}", flush=True)
        sys.stdin.read()


if __name__ == "__main__":
    main()
