"""``/kindling``: help; ``settings`` for admins; ``export`` and ``forget-me`` for oneself."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from bot.core.listeners.dependencies import Dependencies, dependencies_of
from bot.core.listeners.workspace import installed_command
from bot.core.phrases import phrase
from bot.core.slack.blocks import Answer
from bot.help.blocks import help_blocks, help_fallback_text
from bot.privacy.blocks import privacy_buttons
from bot.privacy.service import request_export
from bot.settings.modal import open_settings

HELP_WORDS = frozenset({"", "help", "?"})


def handle_kindling_command(
    ack: Ack, command: dict[str, Any], context: BoltContext, client: WebClient
) -> None:
    """Help, answered in the ack; ``settings``, ``export`` and ``forget-me`` for oneself."""
    command = installed_command(command, context)
    subcommand = first_word(command.get("text", ""))
    answer = _SUBCOMMANDS.get(subcommand)
    if answer is not None:
        reply = answer(dependencies_of(context), client, command)
        ack(**reply) if reply is not None else ack()
        return
    preface = (
        None
        if subcommand in HELP_WORDS
        else phrase("errors.unknown_subcommand", subcommand=subcommand)
    )
    ack(response_type="ephemeral", text=help_fallback_text(), blocks=help_blocks(preface=preface))


def _settings(
    dependencies: Dependencies, client: WebClient, command: dict[str, Any]
) -> dict[str, Any] | None:
    refusal = open_settings(dependencies, client, command)
    return refusal.as_ack() if refusal is not None else None


def _export(
    dependencies: Dependencies, _client: WebClient, command: dict[str, Any]
) -> dict[str, Any]:
    with dependencies.unit_of_work() as uow:
        request_export(uow, command["team_id"], command["user_id"], now=dependencies.clock.now())
    return Answer.of_text(phrase("privacy.export_on_its_way")).as_ack()


def _forget(
    _dependencies: Dependencies, _client: WebClient, _command: dict[str, Any]
) -> dict[str, Any]:
    """Ask first: the button (confirmed once more) deletes everything."""
    question = phrase("privacy.forget_ask")
    blocks = [*Answer.of_text(question).blocks, privacy_buttons(export=False).to_dict()]
    return {"response_type": "ephemeral", "text": question, "blocks": blocks}


_Subcommand = Callable[[Dependencies, WebClient, dict[str, Any]], dict[str, Any] | None]
_SUBCOMMANDS: dict[str, _Subcommand] = {
    "settings": _settings,
    "export": _export,
    "forget-me": _forget,
    "forget": _forget,
}


def first_word(text: str) -> str:
    """The subcommand: the first word of the command text, lower-cased."""
    words = text.split(maxsplit=1)
    return words[0].lower() if words else ""
