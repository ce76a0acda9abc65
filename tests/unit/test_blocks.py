"""Block Kit builders are pure and produce what Slack accepts."""

from __future__ import annotations

import json

import pytest
from slack_sdk.models.blocks import SectionBlock

from bot.core.phrases import phrase_entries
from bot.core.slack.blocks import MAX_BLOCKS_PER_MESSAGE, message_blocks
from bot.help.blocks import help_blocks, help_fallback_text
from tests.fakeslack.validation import blocks_problems


def test_help_lists_every_command_and_passes_slack_validation() -> None:
    blocks = help_blocks()
    assert blocks_problems(blocks) == []
    rendered = json.dumps(blocks)
    for command in phrase_entries("help.commands"):
        assert command["usage"] in rendered


def test_help_preface_comes_first() -> None:
    blocks = help_blocks(preface="I don't know `dance` yet.")
    assert blocks[0]["text"]["text"] == "I don't know `dance` yet."
    assert blocks_problems(blocks) == []


def test_fallback_text_is_plain_and_short() -> None:
    text = help_fallback_text()
    assert "Kindling" in text
    assert len(text) < 400


def test_message_blocks_refuses_more_than_slack_allows() -> None:
    too_many = [SectionBlock(text=f"line {n}") for n in range(MAX_BLOCKS_PER_MESSAGE + 1)]
    with pytest.raises(ValueError, match="at most 50"):
        message_blocks(too_many)
