"""Emoji reactions as Slack delivers them: only to an app subscribed to the event and granted
``reactions:read``, and only for messages its bot user can see (a channel it is in)."""

from __future__ import annotations

import itertools
from datetime import timedelta
from functools import cache
from typing import Any

from bot.core.slack import ids
from bot.kudos.service.reactions import GATHER_WINDOW
from tests.fakeslack import FakeSlack, RecordedCall
from tests.fakeslack.scopes import EVENT_SCOPES
from tests.support.kudos import APP, BOB, CARA, DEPLOYBOT, GENERAL, GIVER, GONE, add_people
from tests.support.manifest import load_manifest
from tests.support.running import RunningApp
from tests.support.settings import ADMIN
from tests.support.signing import HttpAnswer
from tests.support.slack_shapes import event_envelope, reaction_event

MESSAGE_TS = "1764062000.000100"  # a colleague's message in #general
KUDOS_EMOJI = "yellow_heart"
_event_ids = itertools.count(1)


@cache
def _subscribed_events() -> tuple[str, ...]:
    """The bot events ``manifest.yml`` subscribes to (read once)."""
    return tuple(load_manifest()["settings"]["event_subscriptions"]["bot_events"])


def react(  # keyword-only: who reacts, on what, and how Slack delivers it
    app: RunningApp,
    slack: FakeSlack,
    *,
    user: str,
    author: str | None,
    channel: str,
    ts: str = MESSAGE_TS,
    emoji: str = KUDOS_EMOJI,
    removed: bool = False,
    event_id: str | None = None,
    retry_num: int | None = None,
) -> HttpAnswer | None:
    """Deliver the reaction event the way Slack would; None when Slack would not deliver it."""
    kind = ids.REACTION_REMOVED_EVENT if removed else ids.REACTION_ADDED_EVENT
    subscribed = _subscribed_events()
    needed = EVENT_SCOPES[kind].scopes
    if kind not in subscribed or not set(needed) <= set(slack.granted_scopes()):
        return None
    if not slack.is_member(channel):
        return None  # the bot user cannot see the message
    event = reaction_event(
        kind, user=user, reaction=emoji, channel=channel, ts=ts, item_user=author
    )
    envelope = event_envelope(
        event, event_id=event_id or f"EvReact{next(_event_ids):06d}", team_id=slack.team_id
    )
    return app.slack.event(envelope, retry_num=retry_num)


DANA, EVE, FINN, GRETA = "UDANA", "UEVE", "UFINN", "UGRETA"
ELSEWHERE = "CELSEWHERE"  # a channel Kindling was never added to


def add_colleagues(slack: FakeSlack) -> None:
    """The kudos people, four more colleagues and an admin; Kindling is in #general only."""
    add_people(slack)
    for user, name in ((DANA, "Dana"), (EVE, "Eve"), (FINN, "Finn"), (GRETA, "Greta")):
        slack.add_user(user, display_name=name, tz="Europe/Lisbon")
    slack.add_user(ADMIN, display_name="Ada", is_admin=True, tz="Europe/Berlin")
    everyone = [GIVER, BOB, CARA, DEPLOYBOT, GONE, DANA, EVE, FINN, GRETA]
    slack.channel_members[GENERAL] = [APP, *everyone]
    slack.channel_members[ELSEWHERE] = everyone


def heart(app: RunningApp, slack: FakeSlack, user: str, **fields: Any) -> None:
    """``user`` reacts with the kudos emoji (on Bob's message in #general unless told); Slack
    delivers it and Kindling answers 200."""
    fields.setdefault("author", BOB)
    fields.setdefault("channel", GENERAL)
    answer = react(app, slack, user=user, **fields)
    assert answer is not None, "Slack delivers this reaction"
    assert answer.status == 200, answer.body


def later(app: RunningApp, by: timedelta = GATHER_WINDOW) -> None:
    """Move the clock on (past the gathering window unless told) and deliver what is due."""
    app.kindling.clock.advance(by)  # type: ignore[attr-defined]
    app.kindling.dispatcher.drain()


def dms_to(slack: FakeSlack, user: str) -> list[RecordedCall]:
    return [call for call in slack.calls("chat.postMessage") if call.args["channel"] == user]


def ephemerals_to(slack: FakeSlack, user: str) -> list[str]:
    return [
        str(call.args["text"])
        for call in slack.calls("chat.postEphemeral")
        if call.args["user"] == user
    ]
