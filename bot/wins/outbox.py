"""The wins outbox kinds as the dispatcher delivers them: with their loaders and hooks."""

from __future__ import annotations

from typing import Any

from bot.core.outbox.messages import MessageKind
from bot.wins.messages import WIN_KEPT, WIN_SHARE_DONE, WIN_SHARED

KINDS: tuple[MessageKind[Any], ...] = (WIN_SHARED, WIN_SHARE_DONE, WIN_KEPT)
