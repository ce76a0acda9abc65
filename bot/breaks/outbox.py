"""The breaks outbox kinds as the dispatcher delivers them: with their loaders and hooks."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from bot.breaks import messages
from bot.breaks.service.schedules import on_reminder_delivered
from bot.core.outbox.messages import MessageKind

KINDS: tuple[MessageKind[Any], ...] = (
    replace(messages.BREAK_REMINDER, on_delivered=on_reminder_delivered),
    messages.BREAK_UPDATED,
    messages.BREAKS_CHANGED,
    messages.BREAKS_PAUSED,
)
