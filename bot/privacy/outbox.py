"""The privacy outbox kinds as the dispatcher delivers them: with their loaders and hooks."""

from __future__ import annotations

import dataclasses
from typing import Any

from bot.core.outbox.messages import MessageKind
from bot.privacy import service
from bot.privacy.messages import EXPORT, EXPORT_UNDELIVERED, FORGOTTEN

KINDS: tuple[MessageKind[Any], ...] = (
    dataclasses.replace(
        EXPORT, load=service.export_payload, on_delivered=service.on_export_delivered
    ),
    FORGOTTEN,
    EXPORT_UNDELIVERED,
)
