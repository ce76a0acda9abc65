"""The checkins outbox kinds as the dispatcher delivers them: with their loaders and hooks."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from bot.checkins import messages, team_messages
from bot.checkins.service.consent import on_checkin_delivered
from bot.core.outbox.messages import MessageKind

KINDS: tuple[MessageKind[Any], ...] = (
    replace(messages.CHECKIN, on_delivered=on_checkin_delivered),
    messages.CHECKIN_ANSWERED,
    replace(messages.CHECKIN_WELCOME, on_delivered=on_checkin_delivered),
    messages.CHECKIN_NOTICE,
    messages.CHECKIN_OPTED_OUT,
    messages.CHECKIN_CARE,
    messages.CHANNEL_NOT_ENROLLED,
    team_messages.TEAM_ANSWER,
)
