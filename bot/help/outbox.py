"""The help outbox kinds as the dispatcher delivers them: with their loaders and hooks."""

from __future__ import annotations

from typing import Any

from bot.core.outbox.messages import MessageKind
from bot.help.messages import DIRECT_MESSAGE_REPLY

KINDS: tuple[MessageKind[Any], ...] = (DIRECT_MESSAGE_REPLY,)
