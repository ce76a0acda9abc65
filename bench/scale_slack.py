"""The fake Slack of ``bench.scale``'s memory run, in a process of its own (its memory is not
Kindling's): WORKSPACES workspaces of PER_WORKSPACE members each (``bench.scale_seed``'s
population, the same zones), each installed with the bot token ``scale_token(team)`` and,
when ROTATE_SECONDS > 0, token rotation: the refresh token ``scale_refresh_token(team)``, and
every token it mints expires ``ROTATION_LEAD + ROTATE_SECONDS`` after it is minted, so
Kindling rotates each workspace's token again about ROTATE_SECONDS (real time) after the last.

``python -m bench.scale_slack WORKSPACES PER_WORKSPACE ROTATE_SECONDS`` prints
``api_url URL``, serves until stdin closes, then prints ``stats {json}`` (calls by method,
rotations).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from typing import Any

from bench.scale_seed import populate, team_id, user_id
from bot.core.slack.workspace_clients import ROTATE_MINUTES_BEFORE_EXPIRY
from tests.fakeslack import FakeSlack
from tests.fakeslack.server import Answer, Grant, TokenRegistry

ROTATION_LEAD = ROTATE_MINUTES_BEFORE_EXPIRY * 60  # Kindling rotates this long before expiry


def scale_token(team: str) -> str:
    return f"xoxb-scale-{team.lower()}"


def scale_refresh_token(team: str) -> str:
    return f"xoxe-1-scale-{team.lower()}"


class ScaleTokens(TokenRegistry):
    """The fake's tokens, with refresh tokens the bench names itself."""

    def register_refresh(self, refresh_token: str, grant: Grant) -> None:
        with self._lock:
            self._refresh_tokens[refresh_token] = grant


class ScaleFakeSlack(FakeSlack):
    """Answers ``users.list`` from an index by workspace (the fake's own scans every user),
    and keeps no record of the calls, only their count by method."""

    def __init__(self) -> None:
        super().__init__(users_page_size=1000, validate=False)
        self.scale_tokens = ScaleTokens()
        self.tokens = self.scale_tokens
        self.tokens.register(self.bot_token, self.team_id, self.bot_scopes)
        self.by_team: dict[str, list[dict[str, Any]]] = {}
        self.methods: Counter[str] = Counter()

    def install(self, team: str, people: list[dict[str, Any]], rotate_seconds: int) -> None:
        self.issue_oauth_code(team)  # the workspace, as an install makes it
        self.tokens.register(scale_token(team), team, self.bot_scopes)
        if rotate_seconds > 0:
            grant = Grant(team, "U0INSTALLER", ROTATION_LEAD + rotate_seconds, self.bot_scopes)
            self.scale_tokens.register_refresh(scale_refresh_token(team), grant)
        self.by_team[team] = people

    def answer(
        self,
        method: str,
        args: dict[str, Any],
        token: str | None,
        *,
        client: tuple[str, str] | None = None,
    ) -> Answer:
        with self._lock:
            self.methods[method] += 1
        if method == "users.list":
            team = self.team_of(token or "") or ""
            page = {"members": self.by_team.get(team, []), "response_metadata": {}}
            return 200, {"ok": True, **page}, {}
        answer = super().answer(method, args, token, client=client)
        with self._lock:
            self._calls.clear()  # a day's calls would only fill this process's memory
        return answer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workspaces", type=int)
    parser.add_argument("per_workspace", type=int)
    parser.add_argument("rotate_seconds", type=int)
    args = parser.parse_args()
    population = populate(args.workspaces, per_workspace=args.per_workspace)
    with ScaleFakeSlack() as slack:
        for number in range(args.workspaces):
            team = team_id(number)
            first = number * args.per_workspace
            people = [
                {
                    "id": user_id(member),
                    "team_id": team,
                    "name": user_id(member).lower(),
                    "deleted": False,
                    "is_bot": False,
                    "tz": population.zones[member],
                    "profile": {"display_name": f"Person {member}"},
                }
                for member in range(first, first + args.per_workspace)
            ]
            slack.install(team, people, args.rotate_seconds)
        print(f"api_url {slack.api_url}", flush=True)
        sys.stdin.read()
        stats = {"methods": dict(slack.methods), "rotations": slack.rotations}
        print(f"stats {json.dumps(stats)}", flush=True)


if __name__ == "__main__":
    main()
