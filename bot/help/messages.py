"""The help's outbox kind: the answer to a message written in Kindling's Messages tab."""

from __future__ import annotations

from bot.core.outbox.messages import MessageKind, Payload
from bot.core.outbox.rendered import RenderedMessage
from bot.core.outbox.values import DeliveryMethod
from bot.core.phrases import phrase
from bot.help.blocks import help_blocks, help_fallback_text


def render_direct_message_reply(_payload: Payload, _permalink: str | None) -> RenderedMessage:
    return RenderedMessage(
        help_fallback_text(), help_blocks(preface=phrase("guests.direct_message_reply"))
    )


# The help, in the Messages tab: once per Slack event (``event_id``).
DIRECT_MESSAGE_REPLY = MessageKind(
    name="direct_message_reply",
    method=DeliveryMethod.POST_MESSAGE,
    payload=Payload,
    key="direct-message:{event_id}",
    render=render_direct_message_reply,
)
