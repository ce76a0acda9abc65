"""Emoji reactions as Slack delivers them: only to an app subscribed to the event and granted
``reactions:read``, and only for messages its bot user can see (a channel it is in)."""

from __future__ import annotations

import itertools

from bot.core.slack import ids
from tests.fakeslack import FakeSlack
from tests.fakeslack.scopes import EVENT_SCOPES
from tests.support.manifest import load_manifest
from tests.support.running import RunningApp
from tests.support.signing import HttpAnswer
from tests.support.slack_shapes import event_envelope, reaction_event

MESSAGE_TS = "1764062000.000100"  # a colleague's message in #general
KUDOS_EMOJI = "yellow_heart"
_event_ids = itertools.count(1)


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
    subscribed = load_manifest()["settings"]["event_subscriptions"]["bot_events"]
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
