"""What a renderer makes of an outbox message: the text, blocks and method arguments sent."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class RenderedMessage:
    """What is sent: fallback text, blocks, and any method-specific arguments."""

    text: str
    blocks: list[dict[str, Any]]
    extra: dict[str, Any] = field(default_factory=dict)


EPHEMERAL_REPLY = {"response_type": "ephemeral", "replace_original": False}
