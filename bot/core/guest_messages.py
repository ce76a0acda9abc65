"""The core's own outbox kind: the notice a guest of another organisation gets (raised by
the workspace middleware, so it belongs to no feature)."""

from __future__ import annotations

from typing import Any

from bot.core.outbox.messages import MessageKind, Payload
from bot.core.outbox.rendered import EPHEMERAL_REPLY, RenderedMessage
from bot.core.outbox.values import DeliveryMethod
from bot.core.phrases import phrase
from bot.core.slack.blocks import text_blocks


def render_guest_notice(_payload: Payload, _permalink: str | None) -> RenderedMessage:
    text = phrase("guests.notice")
    return RenderedMessage(text, text_blocks(text), extra=dict(EPHEMERAL_REPLY))


# "Kindling records nothing for you here", through the interaction's response_url.
GUEST_NOTICE = MessageKind(
    name="guest_notice",
    method=DeliveryMethod.RESPONSE_URL,
    payload=Payload,
    key="guest:{interaction_id}",
    render=render_guest_notice,
)

KINDS: tuple[MessageKind[Any], ...] = (GUEST_NOTICE,)
