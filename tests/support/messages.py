"""The outbox kinds the app registers, for tests that render stored payloads."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from bot.core.outbox.messages import MessageKinds
from bot.core.outbox.rendered import RenderedMessage
from bot.features import message_kinds


@cache
def kinds() -> MessageKinds:
    """The registry the dispatcher delivers with."""
    return message_kinds()


def kind_names() -> set[str]:
    """The name of every registered kind."""
    return set(kinds().names())


def render(kind: str, payload: Mapping[str, Any], *, permalink: str | None) -> RenderedMessage:
    """Render ``payload`` as a stored row of ``kind`` is rendered at send time."""
    return kinds().render(kind, payload, permalink=permalink)
