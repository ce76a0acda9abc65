"""Small wins' outbox kinds: their payloads, keys and renderers."""

from __future__ import annotations

from bot.core.outbox.messages import MessageKind, Payload
from bot.core.outbox.rendered import RenderedMessage
from bot.core.outbox.values import DeliveryMethod
from bot.core.phrases import phrase
from bot.core.slack.blocks import text_blocks
from bot.wins.blocks import celebration, shared_blocks


class SharedPayload(Payload):
    """The win ``user_id`` shares, as they wrote it."""

    user_id: str
    text: str


class ShareDonePayload(Payload):
    """The channel the win went to (``response_url``: the member's private note)."""

    channel_id: str


class KeptPayload(Payload):
    """A kudos to oneself, kept as a win (or why not): the button's private answer."""

    win_id: int | None = None
    text: str = ""
    can_share: bool = False
    problem: str | None = None  # a phrase key under ``wins.problems``


def render_kept(payload: KeptPayload, _permalink: str | None) -> RenderedMessage:
    if payload.win_id is None:
        text = phrase(f"wins.problems.{payload.problem or 'empty'}")
        return RenderedMessage(text, text_blocks(text), extra={"replace_original": True})
    kept = celebration(win_id=payload.win_id, text=payload.text, can_share=payload.can_share)
    return RenderedMessage(kept.text, kept.blocks, extra={"replace_original": True})


def render_shared(payload: SharedPayload, _permalink: str | None) -> RenderedMessage:
    text = phrase("wins.shared_line", user=payload.user_id)
    return RenderedMessage(text, shared_blocks(user_id=payload.user_id, text=payload.text))


def render_share_done(payload: ShareDonePayload, _permalink: str | None) -> RenderedMessage:
    text = phrase("wins.shared_done", channel=payload.channel_id)
    return RenderedMessage(text, text_blocks(text), extra={"replace_original": True})


# The win, posted in the channel, once (``win_id``: the win).
WIN_SHARED = MessageKind(
    name="win_shared",
    method=DeliveryMethod.POST_MESSAGE,
    payload=SharedPayload,
    key="win-shared:{win_id}",
    render=render_shared,
)

# The self-kudos answer, replaced by the win it was kept as: one per press (``action_ts``).
WIN_KEPT = MessageKind(
    name="win_kept",
    method=DeliveryMethod.RESPONSE_URL,
    payload=KeptPayload,
    key="win-kept:{user_id}:{action_ts}",
    render=render_kept,
)

# The member's private note, replaced to say it was shared (``win_id``: the win).
WIN_SHARE_DONE = MessageKind(
    name="win_share_done",
    method=DeliveryMethod.RESPONSE_URL,
    payload=ShareDonePayload,
    key="win-share-done:{win_id}",
    render=render_share_done,
)
