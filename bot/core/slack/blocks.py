"""Helpers shared by the builders."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from slack_sdk.models.blocks import Block, MarkdownTextObject, SectionBlock

MAX_BLOCKS_PER_MESSAGE = 50
MAX_BLOCKS_PER_VIEW = 100
SECTION_TEXT_LIMIT = 3000  # characters in a section's text
BUTTON_VALUE_LIMIT = 2000  # characters in a button's value


def message_blocks(blocks: Sequence[Block]) -> list[dict[str, Any]]:
    """Validate ``blocks`` (slack_sdk checks each block's limits) and return them as dicts."""
    if len(blocks) > MAX_BLOCKS_PER_MESSAGE:
        raise ValueError(f"a message holds at most {MAX_BLOCKS_PER_MESSAGE} blocks")
    return [block.to_dict() for block in blocks]


def text_blocks(text: str) -> list[dict[str, Any]]:
    """A single section: for short notes."""
    return message_blocks([SectionBlock(text=MarkdownTextObject(text=text))])


@dataclass(frozen=True, slots=True)
class Answer:
    """Text and blocks for an ephemeral reply."""

    text: str
    blocks: list[dict[str, Any]]

    @classmethod
    def of_text(cls, text: str) -> Answer:
        return cls(text, text_blocks(text))

    def as_ack(self) -> dict[str, Any]:
        return {"response_type": "ephemeral", "text": self.text, "blocks": self.blocks}
