"""The core's Block Kit helper holds every message to Slack's block limit."""

from __future__ import annotations

import pytest
from slack_sdk.models.blocks import SectionBlock

from bot.core.slack.blocks import MAX_BLOCKS_PER_MESSAGE, message_blocks


def test_message_blocks_refuses_more_than_slack_allows() -> None:
    too_many = [SectionBlock(text=f"line {n}") for n in range(MAX_BLOCKS_PER_MESSAGE + 1)]
    with pytest.raises(ValueError, match="at most 50"):
        message_blocks(too_many)
