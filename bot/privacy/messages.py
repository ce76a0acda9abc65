"""Privacy's outbox kinds: their payloads, keys and renderers."""

from __future__ import annotations

import json
from typing import Any

from pydantic import Field

from bot.core.outbox.messages import MessageKind, Payload
from bot.core.outbox.rendered import RenderedMessage
from bot.core.outbox.values import DeliveryMethod
from bot.core.phrases import phrase
from bot.core.slack.blocks import text_blocks

# Slack errors only an admin can mend, by installing Kindling again with what it asks for.
REINSTALL_ERRORS = frozenset({"missing_scope", "not_allowed_token_type", "no_permission"})


class ExportPayload(Payload):
    """Send ``user_id`` their data; ``export`` is read by the loader when it is sent, never
    stored."""

    user_id: str
    export: dict[str, Any] = Field(default_factory=dict, exclude=True)


class UndeliveredPayload(Payload):
    """Why Slack refused the export file."""

    error: str = ""


def render_export(payload: ExportPayload, _permalink: str | None) -> RenderedMessage:
    return RenderedMessage(
        phrase("privacy.export_comment"),
        [],
        extra={
            "content": json.dumps(payload.export, indent=2, ensure_ascii=False),
            "filename": "kindling-export.json",
            "title": phrase("privacy.export_title"),
        },
    )


def render_export_undelivered(
    payload: UndeliveredPayload, _permalink: str | None
) -> RenderedMessage:
    next_step = phrase(
        "privacy.export_next_step_reinstall"
        if payload.error in REINSTALL_ERRORS
        else "privacy.export_next_step_retry"
    )
    text = phrase("privacy.export_undelivered", error=payload.error, next_step=next_step)
    return RenderedMessage(text, text_blocks(text))


def render_forgotten(_payload: Payload, _permalink: str | None) -> RenderedMessage:
    text = phrase("privacy.forgotten")
    return RenderedMessage(
        text, text_blocks(text), extra={"response_type": "ephemeral", "replace_original": True}
    )


# A JSON file of the member's data in their DM (``at``: when they asked).
EXPORT = MessageKind(
    name="data_export",
    method=DeliveryMethod.UPLOAD_FILE,
    payload=ExportPayload,
    key="export:{user_id}:{at}",
    render=render_export,
)

# The private confirmation after "forget me" (``nonce``: not their id, it is gone).
FORGOTTEN = MessageKind(
    name="data_forgotten",
    method=DeliveryMethod.RESPONSE_URL,
    payload=Payload,
    key="forgotten:{nonce}",
    render=render_forgotten,
)

# The DM saying the export file could not be sent (``export_id``: the export's outbox id).
EXPORT_UNDELIVERED = MessageKind(
    name="data_export_undelivered",
    method=DeliveryMethod.POST_MESSAGE,
    payload=UndeliveredPayload,
    key="export-undelivered:{export_id}",
    render=render_export_undelivered,
)
