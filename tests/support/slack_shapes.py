"""Events API bodies shaped like the ones Slack sends, for replaying against the real app
(interactivity and slash commands: :mod:`tests.support.slack_shapes_interactive`).

Each builder names the sample Slack publishes that it is modelled on; the values are ours: the
fake's workspace, bot and app (``tests.fakeslack.server``), a Grid enterprise around it, and a
second organisation on the far side of a Slack Connect channel.
"""

from __future__ import annotations

from typing import Any

from tests.fakeslack.server import APP_ID, BOT_ID, BOT_USER_ID, TEAM_ID

Json = dict[str, Any]

TEAM_DOMAIN = "kindling-test"
ENTERPRISE_ID = "E0KINDLING"  # the Grid org our workspace belongs to
ENTERPRISE_NAME = "Kindling Grid"
FOREIGN_TEAM_ID = "T0OTHERORG"  # the other organisation of a Slack Connect channel
FOREIGN_ENTERPRISE_ID = "E0OTHERORG"
FOREIGN_DOMAIN = "other-org"
VERIFICATION_TOKEN = "legacy-verification-token"
EVENT_TIME = 1764063000
ACTION_TS = "1764063000.000200"


# -- Events API ------------------------------------------------------------------------------


def authorization(
    *, team_id: str | None, enterprise_id: str | None = None, is_enterprise_install: bool = False
) -> Json:
    """One ``authorizations`` entry: the installation an event is delivered to. Modelled on
    slackapi/java-slack-sdk json-logs/samples/events/MemberJoinedChannelPayload.json."""
    return {
        "enterprise_id": enterprise_id,
        "team_id": team_id,
        "user_id": BOT_USER_ID,
        "is_bot": True,
        "is_enterprise_install": is_enterprise_install,
    }


def event_envelope(
    event: Json,
    *,
    event_id: str,
    team_id: str | None = TEAM_ID,
    enterprise_id: str | None = None,
    authorizations: list[Json] | None = None,
    shared: bool = False,
    context_team_id: str | None = None,
) -> Json:
    """The ``event_callback`` around ``event``, for a workspace install unless told. Modelled
    on slackapi/java-slack-sdk json-logs/samples/events/MemberJoinedChannelPayload.json and the
    envelope on https://docs.slack.dev/reference/events/message.im/."""
    return {
        "token": VERIFICATION_TOKEN,
        "team_id": team_id,
        "enterprise_id": enterprise_id,
        "api_app_id": APP_ID,
        "event": event,
        "type": "event_callback",
        "event_id": event_id,
        "event_time": EVENT_TIME,
        "authorizations": (
            authorizations
            if authorizations is not None
            else [authorization(team_id=team_id, enterprise_id=enterprise_id)]
        ),
        "is_ext_shared_channel": shared,
        "event_context": f"4-{event['type']}-{team_id}-{event_id}",
        "context_team_id": context_team_id or team_id,
        "context_enterprise_id": None,
    }


def reaction_event(
    kind: str,
    *,
    user: str,
    reaction: str,
    channel: str,
    ts: str,
    item_user: str | None,
    event_ts: str = "1764063000.000300",
) -> Json:
    """``reaction_added`` / ``reaction_removed`` on a message. Modelled on
    https://docs.slack.dev/reference/events/reaction_added/ (and reaction_removed): no
    ``item_user`` on messages no user wrote (incoming webhooks)."""
    channel_type = {"C": "channel", "G": "group", "D": "im"}.get(channel[:1], "mpim")
    event: Json = {
        "type": kind,
        "user": user,
        "reaction": reaction,
        "item": {"type": "message", "channel": channel, "ts": ts, "channel_type": channel_type},
        "event_ts": event_ts,
    }
    if item_user is not None:
        event["item_user"] = item_user
    return event


def slack_connect_envelope(event: Json, *, event_id: str, installed_team_id: str = TEAM_ID) -> Json:
    """An event from a channel shared with another organisation: the envelope's ``team_id``
    and ``enterprise_id`` name the other side, ``context_team_id`` and ``authorizations`` the
    side that installed Kindling. Modelled on slackapi/bolt-python
    tests/slack_bolt/request/test_internals.py (slack_connect_from_non_grid_test_patterns)."""
    return event_envelope(
        event,
        event_id=event_id,
        team_id=FOREIGN_TEAM_ID,
        enterprise_id=FOREIGN_ENTERPRISE_ID,
        authorizations=[authorization(team_id=installed_team_id)],
        shared=True,
        context_team_id=installed_team_id,
    )


def grid_envelope(
    event: Json, *, event_id: str, team_id: str = TEAM_ID, enterprise_id: str = ENTERPRISE_ID
) -> Json:
    """An event for a workspace install inside an Enterprise Grid org. Modelled on
    slackapi/bolt-python tests/scenario_tests/test_events_shared_channels.py
    (valid_event_body)."""
    auth = authorization(team_id=team_id, enterprise_id=enterprise_id)
    return event_envelope(
        event,
        event_id=event_id,
        team_id=team_id,
        enterprise_id=enterprise_id,
        authorizations=[auth],
    )


def org_wide_envelope(
    event: Json, *, event_id: str, team_id: str = TEAM_ID, enterprise_id: str = ENTERPRISE_ID
) -> Json:
    """An event for an org-wide install: the authorization names no team. Modelled on
    slackapi/bolt-python tests/scenario_tests/test_events_org_apps.py (test_app_home_opened)."""
    auth = authorization(team_id=None, enterprise_id=enterprise_id, is_enterprise_install=True)
    return event_envelope(
        event,
        event_id=event_id,
        team_id=team_id,
        enterprise_id=enterprise_id,
        authorizations=[auth],
    )


def grid_revocation_envelope(
    event: Json, *, event_id: str, enterprise_id: str = ENTERPRISE_ID
) -> Json:
    """``app_uninstalled``/``tokens_revoked`` for an org-wide install: no ``team_id`` and no
    ``authorizations`` at all. Modelled on slackapi/bolt-python
    tests/scenario_tests/test_events_token_revocations.py."""
    return {
        "token": VERIFICATION_TOKEN,
        "enterprise_id": enterprise_id,
        "api_app_id": APP_ID,
        "event": event,
        "type": "event_callback",
        "event_id": event_id,
        "event_time": EVENT_TIME,
    }


def app_rate_limited(*, team_id: str = TEAM_ID, minute_rate_limited: int = 1764062940) -> Json:
    """Sent without a subscription, with no inner event. Modelled on
    https://docs.slack.dev/reference/events/app_rate_limited/."""
    return {
        "token": VERIFICATION_TOKEN,
        "type": "app_rate_limited",
        "team_id": team_id,
        "minute_rate_limited": minute_rate_limited,
        "api_app_id": APP_ID,
    }


def member_joined_channel(*, user_id: str, channel_id: str, team_id: str = TEAM_ID) -> Json:
    """Modelled on slackapi/java-slack-sdk
    json-logs/samples/events/MemberJoinedChannelPayload.json."""
    return {
        "type": "member_joined_channel",
        "user": user_id,
        "channel": channel_id,
        "channel_type": "C",
        "team": team_id,
        "event_ts": "1764063000.000300",
        "inviter": BOT_USER_ID,
    }


def member_left_channel(*, user_id: str, channel_id: str, team_id: str = TEAM_ID) -> Json:
    """Modelled on slackapi/java-slack-sdk
    json-logs/samples/events/MemberLeftChannelPayload.json."""
    return {
        "type": "member_left_channel",
        "user": user_id,
        "channel": channel_id,
        "channel_type": "C",
        "team": team_id,
        "event_ts": "1764063000.000400",
    }


def app_home_opened(*, user_id: str, channel_id: str, tab: str = "home") -> Json:
    """Modelled on slackapi/java-slack-sdk json-logs/samples/events/AppHomeOpenedPayload.json."""
    return {
        "type": "app_home_opened",
        "user": user_id,
        "channel": channel_id,
        "tab": tab,
        "event_ts": "1764063000.000500",
    }


def user_change(*, user_id: str, team_id: str = TEAM_ID, enterprise_id: str | None = None) -> Json:
    """A profile change; Grid members carry ``enterprise_user``. Modelled on
    slackapi/java-slack-sdk json-logs/samples/events/UserChangePayload.json."""
    user: Json = {
        "id": user_id,
        "team_id": team_id,
        "name": user_id.lower(),
        "deleted": False,
        "real_name": "Grid Member",
        "tz": "Europe/Berlin",
        "is_admin": False,
        "is_bot": False,
        "profile": {"display_name": "Grid Member", "real_name": "Grid Member", "team": team_id},
    }
    if enterprise_id is not None:
        user["enterprise_user"] = {
            "id": user_id,
            "enterprise_id": enterprise_id,
            "enterprise_name": ENTERPRISE_NAME,
            "teams": [team_id],
        }
    return {"type": "user_change", "user": user, "cache_ts": EVENT_TIME, "event_ts": ACTION_TS}


def im_message(*, user_id: str, channel_id: str, text: str, team_id: str = TEAM_ID) -> Json:
    """A person writes in the app's Messages tab (``message.im``). Modelled on
    https://docs.slack.dev/reference/events/message.im/."""
    return {
        "client_msg_id": "7c1f5a2e-93b4-4d0a-8e6f-2b9d41c0a001",
        "type": "message",
        "text": text,
        "user": user_id,
        "ts": "1764063000.000600",
        "team": team_id,
        "channel": channel_id,
        "event_ts": "1764063000.000600",
        "channel_type": "im",
    }


def im_bot_message(*, channel_id: str, text: str, bot_id: str = BOT_ID) -> Json:
    """The app's own DM, echoed back as ``subtype: bot_message``. Modelled on
    slackapi/java-slack-sdk json-logs/samples/events/MessageBotPayload.json."""
    return {
        "type": "message",
        "subtype": "bot_message",
        "bot_id": bot_id,
        "username": "Kindling",
        "text": text,
        "ts": "1764063000.000700",
        "channel": channel_id,
        "event_ts": "1764063000.000700",
        "channel_type": "im",
    }


def im_message_changed(*, user_id: str, channel_id: str, text: str) -> Json:
    """A DM the person edited (``subtype: message_changed``). Modelled on
    slackapi/java-slack-sdk json-logs/samples/events/MessageChangedPayload.json."""
    edited = {"type": "message", "user": user_id, "text": text, "ts": "1764063000.000600"}
    return {
        "type": "message",
        "subtype": "message_changed",
        "hidden": True,
        "message": {**edited, "edited": {"user": user_id, "ts": "1764063060.000000"}},
        "previous_message": {**edited, "text": "(before the edit)"},
        "channel": channel_id,
        "ts": "1764063060.000800",
        "event_ts": "1764063060.000800",
        "channel_type": "im",
    }


def app_uninstalled() -> Json:
    """Modelled on slackapi/java-slack-sdk json-logs/samples/events/AppUninstalledPayload.json."""
    return {"type": "app_uninstalled"}


def tokens_revoked(*, bot: list[str], oauth: list[str] | None = None) -> Json:
    """Modelled on slackapi/java-slack-sdk json-logs/samples/events/TokensRevokedPayload.json."""
    return {"type": "tokens_revoked", "tokens": {"oauth": oauth or [], "bot": bot}}
