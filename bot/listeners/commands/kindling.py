"""``/kindling``: help now; settings, export and forget-me come with later features."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack

from bot.slack.blocks.help import help_blocks, help_fallback_text
from bot.slack.phrases import phrases

HELP_WORDS = frozenset({"", "help", "?"})


def handle_kindling_command(ack: Ack, command: dict[str, Any]) -> None:
    """Answer in the ack, ephemerally: no Slack call happens here."""
    subcommand = first_word(command.get("text", ""))
    preface = (
        None
        if subcommand in HELP_WORDS
        else phrases().errors.unknown_subcommand.format(subcommand=subcommand)
    )
    ack(response_type="ephemeral", text=help_fallback_text(), blocks=help_blocks(preface=preface))


def first_word(text: str) -> str:
    """The subcommand: the first word of the command text, lower-cased."""
    words = text.split(maxsplit=1)
    return words[0].lower() if words else ""
