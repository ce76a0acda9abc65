"""Driving ``/checkin team`` as people do: the command, the tick's check and count, and the
asker's "Invite" (or "Cancel") on the private answer."""

from __future__ import annotations

from bot.core.slack import ids
from tests.fakeslack import FakeSlack, RecordedCall
from tests.support.checkins import ALICE, TEAM_CHANNEL, checkin, tick_and_deliver
from tests.support.kudos import posted_json
from tests.support.running import RunningApp
from tests.support.signing import HttpAnswer, block_action


def ask_for_team(
    app: RunningApp,
    slack: FakeSlack,
    channel: str = TEAM_CHANNEL,
    *,
    user: str = ALICE,
    channel_name: str = "team",
) -> str:
    """``/checkin team`` in ``channel``, then the tick that checks and counts; the ack's text."""
    answer = checkin(app, slack, "team", user=user, channel=channel, channel_name=channel_name)
    tick_and_deliver(app)
    return answer


def team_answers(slack: FakeSlack) -> list[RecordedCall]:
    """The private answers posted through ``/checkin team``'s response_url, oldest first."""
    return slack.calls("response_url:cmd")


def press_team_button(
    app: RunningApp, slack: FakeSlack, answer: RecordedCall, action_id: str, *, user: str = ALICE
) -> HttpAnswer:
    """Press "Invite" or "Cancel" on the ephemeral count, as ``user``."""
    element = next(
        dict(item)
        for block in posted_json(answer.args, "blocks")
        for item in block.get("elements", [])
        if item.get("action_id") == action_id
    )
    payload = block_action(
        element,
        team_id=slack.team_id,
        user_id=user,
        channel_id=element["value"],
        response_url=slack.response_url(f"team-{user}"),
    )
    payload["container"]["is_ephemeral"] = True
    return app.slack.interaction(payload)


def enrol_team(
    app: RunningApp,
    slack: FakeSlack,
    channel: str = TEAM_CHANNEL,
    *,
    user: str = ALICE,
    channel_name: str = "team",
) -> str:
    """Ask for ``channel`` as its creator (unless the test named another), confirm the count,
    and let the tick invite: the count's text."""
    slack.channel_creators.setdefault(channel, user)
    ask_for_team(app, slack, channel, user=user, channel_name=channel_name)
    count = team_answers(slack)[-1]
    assert press_team_button(app, slack, count, ids.CHECKIN_TEAM_CONFIRM, user=user).status == 200
    tick_and_deliver(app)
    return str(count.args["text"])
