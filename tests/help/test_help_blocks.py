"""The help message and the Messages tab's reply list every command and are valid Block Kit."""

from __future__ import annotations

import json

from bot.core.phrases import phrase_entries
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
