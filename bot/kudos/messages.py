"""The kudos outbox messages: their payloads, renderers and kinds."""

from __future__ import annotations

from dataclasses import replace

from bot.core.outbox.messages import MessageKind, Payload
from bot.core.outbox.rendered import RenderedMessage
from bot.core.outbox.values import DeliveryMethod
from bot.core.slack.blocks import text_blocks
from bot.kudos.blocks import shoutout as blocks
from bot.kudos.blocks.gathered import gathered_blocks, gathered_text
from bot.kudos.values import ReceivedNote


class KudosNote(Payload):
    """What a kudos says: who gave it, the message and its value tags."""

    kudos_id: int
    giver_id: str
    message: str
    values: tuple[str, ...] = ()


class ShoutoutPayload(KudosNote):
    """The shout-out, in ``channel_id`` (or through ``response_url``) or the kudos channel."""

    recipient_ids: tuple[str, ...]
    channel_id: str | None = None


class ReceivedPayload(ShoutoutPayload):
    """The DM to one recipient, with the thank-you button; ``also``: the other kudos held for
    them meanwhile, gathered into this DM when it is sent (its loader)."""

    recipient_id: str
    also: tuple[ReceivedNote, ...] = ()

    def notes(self) -> tuple[ReceivedNote, ...]:
        """Every kudos the DM shows, this one first."""
        first = ReceivedNote(
            kudos_id=self.kudos_id,
            giver_id=self.giver_id,
            message=self.message,
            values=self.values,
            channel_id=self.channel_id,
        )
        return (first, *self.also)


class ThankedPayload(KudosNote):
    """That DM (``ts``) updated once ``recipient_id`` said thank you; ``gathered``: every kudos
    of a DM that gathered several, as they stand (its loader)."""

    recipient_id: str
    ts: str
    gathered: tuple[ReceivedNote, ...] = ()


class ThanksPayload(Payload):
    """The giver's DM that ``recipient_id`` said thank you (only that is shown)."""

    recipient_id: str
    kudos_id: int | None = None
    giver_id: str | None = None


class NotAnnouncedPayload(Payload):
    """The giver's DM that the kudos is kept but could not be shown in ``channel_id``."""

    kudos_id: int
    recipient_ids: tuple[str, ...]
    channel_id: str | None = None


def render_shoutout(payload: ShoutoutPayload, _permalink: str | None) -> RenderedMessage:
    giver, recipients = payload.giver_id, payload.recipient_ids
    return RenderedMessage(
        text=blocks.shoutout_text(giver_id=giver, recipient_ids=recipients),
        blocks=blocks.shoutout_blocks(
            giver_id=giver, recipient_ids=recipients, message=payload.message, values=payload.values
        ),
        extra={"response_type": "in_channel", "replace_original": False},
    )


def render_received(payload: ReceivedPayload, permalink: str | None) -> RenderedMessage:
    if payload.also:
        notes = payload.notes()
        return RenderedMessage(text=gathered_text(len(notes)), blocks=gathered_blocks(notes))
    return _received_note(payload, permalink, thanked=False)


def render_thanked(payload: ThankedPayload, permalink: str | None) -> RenderedMessage:
    if payload.gathered:
        text, blocks = gathered_text(len(payload.gathered)), gathered_blocks(payload.gathered)
        return RenderedMessage(text=text, blocks=blocks, extra={"ts": payload.ts})
    note = _received_note(payload, permalink, thanked=True)
    return RenderedMessage(text=note.text, blocks=note.blocks, extra={"ts": payload.ts})


def render_thanks(payload: ThanksPayload, _permalink: str | None) -> RenderedMessage:
    text = blocks.thanks_text(recipient_id=payload.recipient_id)
    return RenderedMessage(text=text, blocks=text_blocks(text))


def render_not_announced(payload: NotAnnouncedPayload, _permalink: str | None) -> RenderedMessage:
    text = blocks.not_announced_text(
        recipient_ids=payload.recipient_ids, channel_id=payload.channel_id
    )
    return RenderedMessage(text=text, blocks=text_blocks(text))


def _received_note(payload: KudosNote, permalink: str | None, *, thanked: bool) -> RenderedMessage:
    """The recipient's DM: with the thank-you button, or showing it was pressed."""
    return RenderedMessage(
        text=blocks.received_text(giver_id=payload.giver_id),
        blocks=blocks.received_blocks(
            kudos_id=payload.kudos_id,
            giver_id=payload.giver_id,
            message=payload.message,
            values=payload.values,
            permalink=permalink,
            thanked=thanked,
            channel_id=payload.channel_id if isinstance(payload, ShoutoutPayload) else None,
        ),
    )


# The public shout-out, in the channel the kudos was given in: one per kudos.
SHOUTOUT = MessageKind(
    name="kudos.shoutout",
    method=DeliveryMethod.POST_MESSAGE,
    payload=ShoutoutPayload,
    key="kudos:{kudos_id}:shoutout",
    render=render_shoutout,
)
# The same shout-out through the command's response_url, where the bot cannot post.
SHOUTOUT_AS_REPLY = replace(SHOUTOUT, method=DeliveryMethod.RESPONSE_URL)
# The shout-out tried again through the response_url after the channel refused the bot.
SHOUTOUT_RETRIED_AS_REPLY = replace(
    SHOUTOUT, method=DeliveryMethod.RESPONSE_URL, key="kudos:{kudos_id}:shoutout-via-response-url"
)
# Its copy in the workspace's kudos channel (when that is another channel).
CROSSPOST = MessageKind(
    name="kudos.crosspost",
    method=DeliveryMethod.POST_MESSAGE,
    payload=ShoutoutPayload,
    key="kudos:{kudos_id}:crosspost",
    render=render_shoutout,
)
# The DM to each recipient, linking to the shout-out.
RECEIVED_DM = MessageKind(
    name="kudos.received",
    method=DeliveryMethod.POST_MESSAGE,
    payload=ReceivedPayload,
    key="kudos:{kudos_id}:received:{recipient_id}",
    render=render_received,
    quiet_hours=True,
)
# The giver's DM: one thank-you per recipient per kudos.
THANKS_DM = MessageKind(
    name="kudos.thanks",
    method=DeliveryMethod.POST_MESSAGE,
    payload=ThanksPayload,
    key="kudos:{kudos_id}:thanks:{recipient_id}",
    render=render_thanks,
    quiet_hours=True,
)
# chat.update of the recipient's DM once they said thank you.
THANKED_UPDATE = MessageKind(
    name="kudos.thanked",
    method=DeliveryMethod.UPDATE_MESSAGE,
    payload=ThankedPayload,
    key="kudos:{kudos_id}:thanked:{recipient_id}",
    render=render_thanked,
)
# The giver's DM when the shout-out could not be shown anywhere: one per kudos.
NOT_ANNOUNCED_DM = MessageKind(
    name="kudos.not_announced",
    method=DeliveryMethod.POST_MESSAGE,
    payload=NotAnnouncedPayload,
    key="kudos:{kudos_id}:not-announced",
    render=render_not_announced,
)
