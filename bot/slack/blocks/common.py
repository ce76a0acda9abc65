"""Helpers shared by the builders."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from slack_sdk.models.blocks import Block

MAX_BLOCKS_PER_MESSAGE = 50
MAX_BLOCKS_PER_VIEW = 100


def message_blocks(blocks: Sequence[Block]) -> list[dict[str, Any]]:
    """Validate ``blocks`` (slack_sdk checks each block's limits) and return them as dicts."""
    if len(blocks) > MAX_BLOCKS_PER_MESSAGE:
        raise ValueError(f"a message holds at most {MAX_BLOCKS_PER_MESSAGE} blocks")
    return [block.to_dict() for block in blocks]
