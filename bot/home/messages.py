"""The App Home's outbox kind: its payload, key and renderer."""

from __future__ import annotations

from pydantic import Field

from bot.core.outbox.messages import MessageKind, Payload
from bot.core.outbox.rendered import RenderedMessage
from bot.core.outbox.values import DeliveryMethod
from bot.core.phrases import phrase
from bot.home.blocks import home_blocks
from bot.home.values import LIST_LENGTH, HomeState


class HomePayload(Payload):
    """Publish ``user_id``'s Home with ``show`` items of each list; ``state`` is filled by
    the loader when it is sent, never stored (rows hold ``user_id`` and ``show``)."""

    user_id: str
    show: int = LIST_LENGTH
    state: HomeState = Field(default_factory=HomeState, exclude=True)


def render_home(payload: HomePayload, _permalink: str | None) -> RenderedMessage:
    return RenderedMessage(phrase("home.header"), home_blocks(payload.state, show=payload.show))


# views.publish of a member's Home tab; each refresh is a new message (``at`` and ``nonce``).
APP_HOME = MessageKind(
    name="app_home",
    method=DeliveryMethod.PUBLISH_VIEW,
    payload=HomePayload,
    key="home:{user_id}:{at}:{nonce}",
    render=render_home,
)
