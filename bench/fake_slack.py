"""The fake Slack in a process of its own, so its work never disturbs the measuring client.

``python -m bench.fake_slack PEOPLE`` adds PEOPLE givers and recipients (see
``bench.ack_latency.Workload``), prints ``api_url URL``, and serves until stdin closes.

With ``--post-cap N`` (used by ``bench.fanout``) it also enforces a cap per workspace the
way Slack does: past N ``chat.postMessage`` calls a workspace had accepted in the current
1-second window, it answers HTTP 429 with ``Retry-After: 1``. When stdin closes it then
prints one more line, ``stats {json}``: the posts it accepted per channel, how many it
refused with 429, and the most one workspace had accepted in any one window. With
``--latency-ms MS`` every answer waits MS first (Slack's round trip; calls are served
concurrently, as Slack does). ``--workspaces N`` installs N workspaces, ``bench_team(i)``
with the bot token ``bench_token(team)``.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from collections import Counter
from typing import Any

from bench.kudos_load import BENCH_CHANNEL
from bot.core.outbox.values import DeliveryMethod
from tests.fakeslack import FakeSlack
from tests.fakeslack.server import TEAM_ID, Answer


def bench_team(number: int, workspaces: int) -> str:
    """The team id of workspace ``number`` of ``workspaces`` (the fake's own for just one)."""
    return TEAM_ID if workspaces == 1 else f"TBENCH{number:04d}"


def bench_token(team_id: str) -> str:
    """The bot token the fake issued for a bench workspace."""
    return f"xoxb-bench-{team_id.lower()}"


class CappedFakeSlack(FakeSlack):
    """A fake Slack that rate-limits each workspace's ``chat.postMessage`` in fixed 1-second
    windows and counts every post it accepts, per channel."""

    def __init__(self, *, post_cap: int, latency: float = 0.0, **options: Any) -> None:
        super().__init__(**options)
        self.post_cap = post_cap
        self.latency = latency
        self.posted: Counter[str] = Counter()
        self.rate_limited = 0
        self.most_in_a_window = 0
        self._cap_lock = threading.Lock()
        self._epoch = time.monotonic()
        self._windows: dict[str, tuple[int, int]] = {}  # team -> (window, posts accepted in it)

    def answer(
        self,
        method: str,
        args: dict[str, Any],
        token: str | None,
        *,
        client: tuple[str, str] | None = None,
    ) -> Answer:
        if self.latency:
            time.sleep(self.latency)  # standing in for the network: this is the fake's thread
        if method != DeliveryMethod.POST_MESSAGE:
            return super().answer(method, args, token, client=client)
        team = (self.team_of(token) if token else None) or "?"
        with self._cap_lock:
            window = int(time.monotonic() - self._epoch)
            current, accepted = self._windows.get(team, (window, 0))
            if current != window:
                accepted = 0
            if accepted >= self.post_cap:
                self.rate_limited += 1
                return 429, {"ok": False, "error": "ratelimited"}, {"Retry-After": "1"}
            self._windows[team] = (window, accepted + 1)
            self.most_in_a_window = max(self.most_in_a_window, accepted + 1)
        status, payload, headers = super().answer(method, args, token)
        if status == 200 and payload.get("ok"):
            with self._cap_lock:
                self.posted[str(args.get("channel", ""))] += 1
        return status, payload, headers

    def stats(self) -> dict[str, Any]:
        with self._cap_lock:
            return {
                "posted": dict(self.posted),
                "rate_limited": self.rate_limited,
                "most_in_a_window": self.most_in_a_window,
            }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("people", type=int)
    parser.add_argument("--post-cap", type=int, default=None, help="chat.postMessage per second")
    parser.add_argument("--latency-ms", type=float, default=0.0, help="each answer waits this")
    parser.add_argument("--workspaces", type=int, default=1, help="bench workspaces installed")
    args = parser.parse_args()
    # Standing in for Slack's servers: it answers, but skips the block checks the tests make,
    # so its own work disturbs the machine as little as possible.
    options: dict[str, Any] = {"users_page_size": 5000, "validate": False}
    slack = (
        FakeSlack(**options)
        if args.post_cap is None
        else CappedFakeSlack(post_cap=args.post_cap, latency=args.latency_ms / 1000, **options)
    )
    with slack:
        for number in range(args.workspaces):
            team = bench_team(number, args.workspaces)
            slack.issue_oauth_code(team)  # the workspace, as an install makes it
            slack.tokens.register(bench_token(team), team, slack.bot_scopes)
        for number in range(args.people):
            for prefix in ("UG", "UR", "US"):
                slack.add_user(f"{prefix}{number:06d}")
        slack.joined_channels.add(BENCH_CHANNEL)  # the reactions' channel: ephemerals go there
        print(f"api_url {slack.api_url}", flush=True)
        sys.stdin.read()
        if isinstance(slack, CappedFakeSlack):
            print(f"stats {json.dumps(slack.stats())}", flush=True)


if __name__ == "__main__":
    main()
