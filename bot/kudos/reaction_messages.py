"""The outbox messages of reaction kudos: the giver's private note or refusal (ephemeral, in the
channel they reacted in), and each recipient's one DM for the reactions gathered on a message."""

from __future__ import annotations

from datetime import datetime

from bot.core.outbox.messages import MessageKind, Payload
from bot.core.outbox.rendered import RenderedMessage
from bot.core.outbox.values import DeliveryMethod
from bot.core.slack.blocks import text_blocks
from bot.kudos.blocks.answers import refusal_text
from bot.kudos.blocks.reactions import appreciated_blocks, appreciated_text, noted_text
from bot.kudos.values import KudosRefused, LeftOut, Refusal


class ReactionNotedPayload(Payload):
    """The giver's note that their reaction counts as kudos to ``recipient_ids``."""

    event_id: str  # the reaction's (a kudos id can be used again once one is taken back)
    kudos_id: int
    giver_id: str
    recipient_ids: tuple[str, ...]
    on_shoutout: bool = False


class ReactionRefusedPayload(Payload):
    """Why a reaction gave no kudos (the event it came in names it)."""

    event_id: str
    giver_id: str
    reason: Refusal
    noted_at: datetime
    limit: int | None = None
    resets_at: datetime | None = None
    left_out: tuple[tuple[str, LeftOut], ...] = ()


class AppreciatedPayload(Payload):
    """A recipient's DM for the reaction kudos on the message ``channel_id``/``item_ts``; its
    givers are read when it is sent, so the reactions of the meantime arrive together."""

    event_id: str  # the reaction that began the gathering
    kudos_id: int  # its kudos
    recipient_id: str
    channel_id: str
    item_ts: str
    on_shoutout: bool = False
    giver_ids: tuple[str, ...] = ()


def render_noted(payload: ReactionNotedPayload, _permalink: str | None) -> RenderedMessage:
    text = noted_text(recipient_ids=payload.recipient_ids, on_shoutout=payload.on_shoutout)
    return RenderedMessage(text=text, blocks=text_blocks(text), extra={"user": payload.giver_id})


def render_refused(payload: ReactionRefusedPayload, _permalink: str | None) -> RenderedMessage:
    refusal = KudosRefused(
        payload.reason,
        resets_at=payload.resets_at,
        limit=payload.limit,
        left_out=payload.left_out,
    )
    text = refusal_text(refusal, now=payload.noted_at)
    return RenderedMessage(text=text, blocks=text_blocks(text), extra={"user": payload.giver_id})


def render_appreciated(payload: AppreciatedPayload, permalink: str | None) -> RenderedMessage:
    givers, on_shoutout = payload.giver_ids, payload.on_shoutout
    return RenderedMessage(
        text=appreciated_text(giver_ids=givers, on_shoutout=on_shoutout),
        blocks=appreciated_blocks(
            giver_ids=givers,
            on_shoutout=on_shoutout,
            channel_id=payload.channel_id,
            permalink=permalink,
        ),
    )


# Seen only by the giver, in the channel they reacted in: one per reaction kudos.
REACTION_NOTED = MessageKind(
    name="kudos.reaction_noted",
    method=DeliveryMethod.POST_EPHEMERAL,
    payload=ReactionNotedPayload,
    key="kudos:reaction-noted:{event_id}",
    render=render_noted,
)
# Seen only by the giver: why their reaction gave no kudos (one per reaction event).
REACTION_REFUSED = MessageKind(
    name="kudos.reaction_refused",
    method=DeliveryMethod.POST_EPHEMERAL,
    payload=ReactionRefusedPayload,
    key="kudos:reaction-refused:{event_id}",
    render=render_refused,
)
# The recipient's DM for the reactions on one message, linking to it (its loader, the givers).
APPRECIATED_DM = MessageKind(
    name="kudos.appreciated",
    method=DeliveryMethod.POST_MESSAGE,
    payload=AppreciatedPayload,
    key="kudos:appreciated:{event_id}:{recipient_id}",
    render=render_appreciated,
    quiet_hours=True,
)
