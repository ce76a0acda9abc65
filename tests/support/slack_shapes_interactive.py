"""Interactivity payloads (``block_actions``, ``message_action``, ``view_submission``) and slash
command forms shaped like the ones Slack sends; ids as in :mod:`tests.support.slack_shapes`.

Who acts is given the same way everywhere: ``team_id`` is the person's workspace (the other
organisation's for a Slack Connect guest), ``enterprise_id`` its Grid org, and ``org_level``
an org-wide install, for which Slack sends ``"team": null``.
"""

from __future__ import annotations

import json
from typing import Any

from tests.fakeslack.server import APP_ID, BOT_ID, BOT_USER_ID, TEAM_ID
from tests.support.slack_shapes import (
    ACTION_TS,
    ENTERPRISE_NAME,
    FOREIGN_DOMAIN,
    FOREIGN_TEAM_ID,
    TEAM_DOMAIN,
    VERIFICATION_TOKEN,
    Json,
)

TRIGGER_ID = "1764063000.4242.0123456789abcdef"


def actor(
    *,
    user_id: str,
    team_id: str = TEAM_ID,
    enterprise_id: str | None = None,
    org_level: bool = False,
) -> Json:
    """The ``team``, ``user``, ``enterprise`` and ``is_enterprise_install`` fields every
    interaction carries. Modelled on slackapi/java-slack-sdk
    json-logs/samples/app-backend/interactive-components/BlockActionPayload.json and
    slackapi/bolt-js src/types/actions/block-action.ts (``team: ... | null``)."""
    domain = FOREIGN_DOMAIN if team_id == FOREIGN_TEAM_ID else TEAM_DOMAIN
    team: Json = {"id": team_id, "domain": domain}
    if enterprise_id is not None:
        team |= {"enterprise_id": enterprise_id, "enterprise_name": ENTERPRISE_NAME}
    return {
        "team": None if org_level else team,
        "user": {
            "id": user_id,
            "username": user_id.lower(),
            "name": user_id.lower(),
            "team_id": team_id,
        },
        "enterprise": {"id": enterprise_id, "name": ENTERPRISE_NAME} if enterprise_id else None,
        "is_enterprise_install": org_level,
        "api_app_id": APP_ID,
        "token": VERIFICATION_TOKEN,
    }


def button(action_id: str, value: str, *, block_id: str = "kindling") -> Json:
    """``actions[0]`` of a pressed button. Modelled on slackapi/java-slack-sdk
    json-logs/samples/app-backend/interactive-components/BlockActionPayload.json (actions)."""
    return {
        "type": "button",
        "action_id": action_id,
        "block_id": block_id,
        "text": {"type": "plain_text", "text": "Kindling", "emoji": True},
        "value": value,
        "action_ts": ACTION_TS,
    }


def static_select(action_id: str, value: str, *, block_id: str = "kindling") -> Json:
    """``actions[0]`` of a chosen ``static_select`` option (same sample as :func:`button`)."""
    option = {"text": {"type": "plain_text", "text": value, "emoji": True}, "value": value}
    return {
        "type": "static_select",
        "action_id": action_id,
        "block_id": block_id,
        "selected_option": option,
        "placeholder": {"type": "plain_text", "text": "Choose", "emoji": True},
        "action_ts": ACTION_TS,
    }


def timepicker(action_id: str, selected_time: str, *, block_id: str = "kindling") -> Json:
    """``actions[0]`` of a changed ``timepicker`` (same sample as :func:`button`)."""
    return {
        "type": "timepicker",
        "action_id": action_id,
        "block_id": block_id,
        "selected_time": selected_time,
        "action_ts": ACTION_TS,
    }


def message_block_actions(
    action: Json,
    *,
    user_id: str,
    channel_id: str,
    channel_name: str,
    message_ts: str = "1764063000.000100",
    ephemeral: bool = False,
    response_url: str | None = None,
    **who: Any,
) -> Json:
    """A control pressed on a message the app posted; an ephemeral one has no ``message``.
    ``who`` goes to :func:`actor`. Modelled on slackapi/java-slack-sdk
    json-logs/samples/app-backend/interactive-components/BlockActionPayload.json."""
    payload: Json = {
        "type": "block_actions",
        **actor(user_id=user_id, **who),
        "container": {
            "type": "message",
            "message_ts": message_ts,
            "channel_id": channel_id,
            "is_ephemeral": ephemeral,
        },
        "trigger_id": TRIGGER_ID,
        "channel": {"id": channel_id, "name": channel_name},
        "state": {"values": {}},
        "actions": [action],
    }
    if not ephemeral:
        payload["message"] = {
            "type": "message",
            "subtype": "bot_message",
            "user": BOT_USER_ID,
            "bot_id": BOT_ID,
            "text": "Kindling",
            "ts": message_ts,
            "team": TEAM_ID,
        }
    if response_url is not None:
        payload["response_url"] = response_url
    return payload


def view_block_actions(
    action: Json, *, user_id: str, view_type: str = "home", view_id: str = "V0KINDHOME", **who: Any
) -> Json:
    """A control used on a view: the App Home (``view_type="home"``) or a modal. For an
    org-wide install ``app_installed_team_id`` is the enterprise. Modelled on the
    ``container`` and ``view`` of slackapi/java-slack-sdk
    json-logs/samples/app-backend/interactive-components/BlockActionPayload.json."""
    fields = actor(user_id=user_id, **who)
    view = _view(
        {"type": view_type, "callback_id": "", "private_metadata": "", "blocks": []},
        view_id=view_id,
        team_id=fields["user"]["team_id"],
        installed_team_id=_installed(fields),
    )
    return {
        "type": "block_actions",
        **fields,
        "container": {"type": "view", "view_id": view_id},
        "trigger_id": TRIGGER_ID,
        "view": view,
        "actions": [action],
    }


def message_action(
    callback_id: str,
    *,
    user_id: str,
    channel_id: str,
    channel_name: str,
    message: Json,
    response_url: str,
    **who: Any,
) -> Json:
    """A message shortcut used on ``message``. Modelled on slackapi/java-slack-sdk
    json-logs/samples/app-backend/interactive-components/MessageShortcutPayload.json."""
    return {
        "type": "message_action",
        "callback_id": callback_id,
        "trigger_id": TRIGGER_ID,
        "message_ts": message["ts"],
        "response_url": response_url,
        "message": message,
        **actor(user_id=user_id, **who),
        "channel": {"id": channel_id, "name": channel_name},
        "action_ts": ACTION_TS,
    }


def channel_message(*, user_id: str, text: str, team_id: str = TEAM_ID) -> Json:
    """The ``message`` of a :func:`message_action`, written by a person of ``team_id``."""
    return {
        "type": "message",
        "user": user_id,
        "text": text,
        "ts": "1764062900.000100",
        "team": team_id,
    }


def modal(callback_id: str, values: dict[str, dict[str, Json]], *, private_metadata: Json) -> Json:
    """A modal as the app opened it, one input block per entry of ``values`` (block id ->
    action id -> state), with ``state`` as the person filled it in."""
    blocks = [
        {
            "type": "input",
            "block_id": block_id,
            "label": {"type": "plain_text", "text": block_id},
            "element": {"type": state["type"], "action_id": action_id},
        }
        for block_id, actions in values.items()
        for action_id, state in actions.items()
    ]
    return {
        "type": "modal",
        "callback_id": callback_id,
        "private_metadata": json.dumps(private_metadata),
        "blocks": blocks,
        "state": {"values": values},
        "title": {"type": "plain_text", "text": "Kindling"},
        "submit": {"type": "plain_text", "text": "Send"},
        "close": {"type": "plain_text", "text": "Cancel"},
    }


def view_submission(view: Json, *, user_id: str, **who: Any) -> Json:
    """``view`` (see :func:`modal`) submitted; ``view.app_installed_team_id`` names the
    workspace that installed the app even when a Slack Connect guest submits. Modelled on
    slackapi/bolt-python tests/scenario_tests/test_view_submission.py (body) and
    https://api.slack.com/reference/interaction-payloads/views (team null when org-installed)."""
    fields = actor(user_id=user_id, **who)
    team_id = fields["user"]["team_id"]
    installed = TEAM_ID if team_id == FOREIGN_TEAM_ID else _installed(fields)
    return {
        "type": "view_submission",
        **fields,
        "trigger_id": TRIGGER_ID,
        "view": _view(view, view_id="V0KINDMODAL", team_id=team_id, installed_team_id=installed),
        "response_urls": [],
    }


def command_form(
    command: str,
    text: str,
    *,
    user_id: str,
    team_id: str = TEAM_ID,
    channel_id: str = "CGENERAL",
    channel_name: str = "general",
    user_name: str | None = None,
    enterprise_id: str | None = None,
    is_enterprise_install: bool = False,
    response_url: str = "",
) -> dict[str, str]:
    """The form fields of a slash command; Grid adds ``enterprise_id``/``enterprise_name``.
    Slack names DMs ``directmessage`` and private channels ``privategroup``. Modelled on
    slackapi/java-slack-sdk json-logs/samples/app-backend/slash-commands/SlashCommandPayload.json
    and slackapi/bolt-js src/types/command/index.ts (``is_enterprise_install`` as text)."""
    fields = {
        "token": VERIFICATION_TOKEN,
        "team_id": team_id,
        "team_domain": TEAM_DOMAIN,
        "channel_id": channel_id,
        "channel_name": channel_name,
        "user_id": user_id,
        "user_name": user_name or user_id.lower(),
        "command": command,
        "text": text,
        "api_app_id": APP_ID,
        "is_enterprise_install": "true" if is_enterprise_install else "false",
        "response_url": response_url,
        "trigger_id": TRIGGER_ID,
    }
    if enterprise_id is not None:
        fields |= {"enterprise_id": enterprise_id, "enterprise_name": ENTERPRISE_NAME}
    return fields


def _installed(fields: Json) -> str:
    """``app_installed_team_id`` for these actor fields: the enterprise of an org-wide install."""
    enterprise = fields["enterprise"]
    if fields["is_enterprise_install"] and enterprise:
        return str(enterprise["id"])
    return str(fields["user"]["team_id"])


def _view(view: Json, *, view_id: str, team_id: str, installed_team_id: str) -> Json:
    return {
        **view,
        "id": view_id,
        "team_id": team_id,
        "hash": "1764063000.kindling",
        "root_view_id": view_id,
        "previous_view_id": None,
        "app_id": APP_ID,
        "external_id": "",
        "app_installed_team_id": installed_team_id,
        "bot_id": BOT_ID,
    }
