"""Break reminders' outbox kinds: their payloads, keys and renderers."""

from __future__ import annotations

from bot.breaks.blocks import changed_text, reminder_blocks
from bot.breaks.slots import Window
from bot.core.outbox.messages import MessageKind, Payload
from bot.core.outbox.rendered import RenderedMessage
from bot.core.outbox.values import DeliveryMethod
from bot.core.phrases import break_prompt, phrase
from bot.core.slack.blocks import text_blocks


class ShownReminder(Payload):
    """What a reminder message shows: its prompt, how many took a break, who snoozed."""

    reminder_id: int
    prompt: str
    taken: int = 0
    snoozed_by: str | None = None
    personal: bool = False


class ReminderPayload(ShownReminder):
    """A new reminder of schedule ``schedule_id`` (its delivery hook pauses the schedule if
    the channel cannot be reached)."""

    schedule_id: int | None = None


class UpdatedPayload(ShownReminder):
    """The reminder posted as ``ts``, shown again with its count and snooze."""

    ts: str


class ChangedPayload(Payload):
    """Who changed a channel's reminders, and to what (``window``: start and end minutes)."""

    who: str
    on: bool
    interval: int
    window: tuple[int, int]
    workdays: int
    tz: str


class PausedPayload(Payload):
    """Why the reminders of ``channel_id`` stopped."""

    channel_id: str
    reason: str


def render_reminder(payload: ShownReminder, _permalink: str | None) -> RenderedMessage:
    return RenderedMessage(
        text=break_prompt(payload.prompt),
        blocks=reminder_blocks(
            prompt=payload.prompt,
            reminder_id=payload.reminder_id,
            taken=payload.taken,
            snoozed_by=payload.snoozed_by,
            personal=payload.personal,
        ),
    )


def render_updated(payload: UpdatedPayload, permalink: str | None) -> RenderedMessage:
    shown = render_reminder(payload, permalink)
    return RenderedMessage(text=shown.text, blocks=shown.blocks, extra={"ts": payload.ts})


def render_changed(payload: ChangedPayload, _permalink: str | None) -> RenderedMessage:
    text = changed_text(
        who=payload.who,
        on=payload.on,
        interval=payload.interval,
        window=Window(*payload.window),
        workdays=payload.workdays,
        tz=payload.tz,
    )
    return RenderedMessage(text=text, blocks=text_blocks(text))


def render_paused(payload: PausedPayload, _permalink: str | None) -> RenderedMessage:
    text = phrase("breaks.paused_dm", channel=payload.channel_id, reason=payload.reason)
    return RenderedMessage(text=text, blocks=text_blocks(text))


# A reminder in a channel, or a personal one by DM (``slot``: the slot's ISO time).
BREAK_REMINDER = MessageKind(
    name="break",
    method=DeliveryMethod.POST_MESSAGE,
    payload=ReminderPayload,
    key="break:{schedule_id}:{slot}",
    render=render_reminder,
)

# chat.update of a reminder: how many took a break, or snoozed (``by``: who pressed, ``at``:
# when, ISO).
BREAK_UPDATED = MessageKind(
    name="break_updated",
    method=DeliveryMethod.UPDATE_MESSAGE,
    payload=UpdatedPayload,
    key="break-updated:{reminder_id}:{by}:{at}",
    render=render_updated,
)

# The quiet line in the channel naming who changed what (``at``: when, ISO).
BREAKS_CHANGED = MessageKind(
    name="breaks_changed",
    method=DeliveryMethod.POST_MESSAGE,
    payload=ChangedPayload,
    key="breaks-changed:{schedule_id}:{at}:{who}",
    render=render_changed,
)

# DM to whoever set the reminders up: the channel cannot be reached (``at``: when, ISO).
BREAKS_PAUSED = MessageKind(
    name="breaks_paused",
    method=DeliveryMethod.POST_MESSAGE,
    payload=PausedPayload,
    key="breaks-paused:{schedule_id}:{at}",
    render=render_paused,
    quiet_hours=True,
)
