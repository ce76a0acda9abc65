"""The recaps' outbox kinds: their payloads, keys and renderers."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from bot.core.outbox.messages import MessageKind, Payload
from bot.core.outbox.rendered import EPHEMERAL_REPLY, RenderedMessage
from bot.core.outbox.values import DeliveryMethod
from bot.core.phrases import phrase
from bot.core.slack.blocks import text_blocks
from bot.recaps.blocks.kindness import kindness_recap_blocks
from bot.recaps.blocks.weekly import recap_blocks
from bot.recaps.values import KindnessFigures, RecapFigures


class WeeklyRecapPayload(Payload):
    """``user_id``'s recap of the week that began on Monday ``week_start`` in ``tz``;
    ``figures`` are filled by the loader when it is sent, never stored."""

    user_id: str
    week_start: date
    tz: str
    figures: RecapFigures = Field(default_factory=RecapFigures, exclude=True)


class KindnessRecapPayload(Payload):
    """A workspace's kindness recap of the week that began on Monday ``week_start`` in
    ``tz``; ``figures`` are filled by the loader when it is sent, never stored."""

    week_start: date
    tz: str
    figures: KindnessFigures = Field(default_factory=KindnessFigures, exclude=True)


def render_recap(payload: WeeklyRecapPayload, _permalink: str | None) -> RenderedMessage:
    blocks = recap_blocks(payload.figures, week_start=payload.week_start)
    return RenderedMessage(phrase("recap.header"), blocks)


def render_recap_off(_payload: Payload, _permalink: str | None) -> RenderedMessage:
    text = phrase("recap.off_done")
    return RenderedMessage(text, text_blocks(text), extra=dict(EPHEMERAL_REPLY))


def render_kindness_recap(payload: KindnessRecapPayload, _permalink: str | None) -> RenderedMessage:
    return RenderedMessage(phrase("kindness_recap.header"), kindness_recap_blocks(payload.figures))


# The member's weekly recap DM: once per member and week.
WEEKLY_RECAP = MessageKind(
    name="weekly_recap",
    method=DeliveryMethod.POST_MESSAGE,
    payload=WeeklyRecapPayload,
    key="recap:{user_id}:{week_start}",
    render=render_recap,
    quiet_hours=True,
)

# "Weekly recaps are off", answered through the button's response_url (``at``: when).
RECAP_OFF_NOTE = MessageKind(
    name="weekly_recap_off",
    method=DeliveryMethod.RESPONSE_URL,
    payload=Payload,
    key="recap-off:{user_id}:{at}",
    render=render_recap_off,
)

# The workspace's kindness recap in its kudos channel: once per week.
KINDNESS_RECAP = MessageKind(
    name="kindness_recap",
    method=DeliveryMethod.POST_MESSAGE,
    payload=KindnessRecapPayload,
    key="kindness-recap:{week_start}",
    render=render_kindness_recap,
)
