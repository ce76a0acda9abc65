"""The recaps outbox kinds as the dispatcher delivers them: with their loaders and hooks."""

from __future__ import annotations

import dataclasses
from typing import Any

from bot.core.outbox.messages import MessageKind
from bot.recaps.messages import KINDNESS_RECAP, RECAP_OFF_NOTE, WEEKLY_RECAP
from bot.recaps.service import kindness, weekly

KINDS: tuple[MessageKind[Any], ...] = (
    dataclasses.replace(WEEKLY_RECAP, load=weekly.load_recap),
    RECAP_OFF_NOTE,
    dataclasses.replace(KINDNESS_RECAP, load=kindness.load_kindness_recap),
)
