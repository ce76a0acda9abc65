"""Requests to the app exactly as Slack signs them (HMAC-SHA256, ``v0=``)."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from slack_sdk.signature import SignatureVerifier

SIGNING_SECRET = "kindling-test-signing-secret"


def slack_headers(
    body: str, *, secret: str = SIGNING_SECRET, timestamp: int | None = None
) -> dict[str, str]:
    """``X-Slack-Signature`` and ``X-Slack-Request-Timestamp`` for ``body``."""
    stamp = str(timestamp if timestamp is not None else int(time.time()))
    signature = SignatureVerifier(secret).generate_signature(timestamp=stamp, body=body)
    return {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": signature}


@dataclass(frozen=True)
class HttpAnswer:
    status: int
    body: str
    headers: dict[str, str]

    def json(self) -> Any:
        return json.loads(self.body)


def http_request(
    url: str, *, body: str | None = None, headers: dict[str, str] | None = None, timeout: float = 10
) -> HttpAnswer:
    """POST ``body`` (or GET when None) and return the answer, whatever its status."""
    request = urllib.request.Request(  # noqa: S310  # tests talk to local http:// servers
        url, data=body.encode() if body is not None else None, headers=headers or {}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return HttpAnswer(response.status, response.read().decode(), dict(response.headers))
    except urllib.error.HTTPError as error:
        return HttpAnswer(error.code, error.read().decode(), dict(error.headers))


def command_payload(
    command: str, text: str, *, team_id: str, user_id: str = "UALICE", response_url: str = ""
) -> dict[str, str]:
    """The form fields Slack posts for a slash command."""
    return {
        "token": "legacy-verification-token",
        "team_id": team_id,
        "team_domain": "kindling-test",
        "channel_id": "CGENERAL",
        "channel_name": "general",
        "user_id": user_id,
        "user_name": user_id.lower(),
        "command": command,
        "text": text,
        "api_app_id": "AKINDLING",
        "is_enterprise_install": "false",
        "response_url": response_url,
        "trigger_id": "1337.42.abcdef",
    }


def event_callback(event: dict[str, Any], *, team_id: str, event_id: str) -> dict[str, Any]:
    """The Events API envelope around ``event``."""
    return {
        "token": "legacy-verification-token",
        "team_id": team_id,
        "api_app_id": "AKINDLING",
        "event": event,
        "type": "event_callback",
        "event_id": event_id,
        "event_time": 1764063000,
        "authorizations": [{"team_id": team_id, "user_id": "UKINDLINGBOT", "is_bot": True}],
    }


class SlackSender:
    """Sends signed requests to the app's ``/slack/events`` like Slack would."""

    def __init__(self, events_url: str, *, secret: str = SIGNING_SECRET) -> None:
        self.events_url = events_url
        self.secret = secret

    def post(
        self, body: str, *, content_type: str, extra_headers: dict[str, str] | None = None
    ) -> HttpAnswer:
        headers = {"Content-Type": content_type, **slack_headers(body, secret=self.secret)}
        return http_request(
            self.events_url, body=body, headers={**headers, **(extra_headers or {})}
        )

    def command(self, fields: dict[str, str]) -> HttpAnswer:
        return self.post(urlencode(fields), content_type="application/x-www-form-urlencoded")

    def interaction(self, payload: dict[str, Any]) -> HttpAnswer:
        """A block action, shortcut or view submission: a form with one ``payload`` field."""
        body = urlencode({"payload": json.dumps(payload)})
        return self.post(body, content_type="application/x-www-form-urlencoded")

    def event(self, envelope: dict[str, Any], *, retry_num: int | None = None) -> HttpAnswer:
        retry = (
            {"X-Slack-Retry-Num": str(retry_num), "X-Slack-Retry-Reason": "http_timeout"}
            if retry_num is not None
            else {}
        )
        return self.post(json.dumps(envelope), content_type="application/json", extra_headers=retry)


def block_action(
    element: dict[str, Any],
    *,
    team_id: str,
    user_id: str,
    channel_id: str,
    message_ts: str = "1.1",
    response_url: str | None = None,
    **action: Any,
) -> dict[str, Any]:
    """The ``block_actions`` payload Slack sends when ``user_id`` uses ``element`` (a button
    or menu as the app sent it) on a message in ``channel_id``; ``action`` adds fields such
    as ``selected_option``."""
    payload: dict[str, Any] = {
        "type": "block_actions",
        "team": {"id": team_id},
        "user": {"id": user_id, "team_id": team_id},
        "api_app_id": "AKINDLING",
        "container": {"type": "message", "channel_id": channel_id, "message_ts": message_ts},
        "channel": {"id": channel_id},
        "trigger_id": "1.2.3",
        "actions": [{**element, "block_id": "b", "action_ts": "1764063000.000001", **action}],
    }
    if response_url is not None:
        payload["response_url"] = response_url
    return payload
