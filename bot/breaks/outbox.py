"""The breaks outbox kinds as the dispatcher delivers them: with their loaders and hooks."""

from __future__ import annotations

from typing import Any

from bot.core.outbox.messages import MessageKind

KINDS: tuple[MessageKind[Any], ...] = ()
