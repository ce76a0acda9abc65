"""``/kindling``: help, and ``settings`` for admins; export and forget-me come later."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from bot.listeners.dependencies import dependencies_of
from bot.listeners.settings_flow import open_settings
from bot.services.privacy import request_export
from bot.slack.blocks.common import Answer
from bot.slack.blocks.help import help_blocks, help_fallback_text
from bot.slack.blocks.home import privacy_buttons
from bot.slack.phrases import phrase, phrases

HELP_WORDS = frozenset({"", "help", "?"})


def handle_kindling_command(
    ack: Ack, command: dict[str, Any], context: BoltContext, client: WebClient
) -> None:
    """Help, answered in the ack; ``settings`` opens the admins' form."""
    subcommand = first_word(command.get("text", ""))
    if subcommand == "settings":
        refusal = open_settings(dependencies_of(context), client, command)
        ack(**refusal.as_ack()) if refusal is not None else ack()
        return
    if subcommand == "export":
        dependencies = dependencies_of(context)
        with dependencies.unit_of_work() as uow:
            request_export(
                uow, command["team_id"], command["user_id"], now=dependencies.clock.now()
            )
        dependencies.outbox_written()
        ack(**Answer.of_text(phrase("privacy.export_on_its_way")).as_ack())
        return
    if subcommand in {"forget-me", "forget"}:
        question = phrase("privacy.forget_ask")
        blocks = [*Answer.of_text(question).blocks, privacy_buttons(export=False).to_dict()]
        ack(response_type="ephemeral", text=question, blocks=blocks)
        return
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
