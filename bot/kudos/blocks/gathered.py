"""Block Kit for the one DM that gathers the kudos held for someone while they were away:
each kudos with its own thank-you, and one "Pass it on"."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot.core.phrases import phrase
from bot.core.slack import ids
from bot.core.slack.blocks import SECTION_TEXT_LIMIT, message_blocks
from bot.kudos.blocks.shoutout import mention, pass_on_button, quote
from bot.kudos.values import ReceivedNote


def gathered_text(count: int) -> str:
    return phrase("kudos.gathered", count=count)


def gathered_blocks(notes: Sequence[ReceivedNote]) -> list[dict[str, Any]]:
    """The header, then each kudos: who, what, where and its thank-you (or that it was said)."""
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=gathered_text(len(notes))))]
    for note in notes:
        blocks += _note(note)
    blocks.append(ActionsBlock(elements=[pass_on_button(notes[0].channel_id if notes else None)]))
    return message_blocks(blocks)


def _note(note: ReceivedNote) -> list[Block]:
    said = phrase("kudos.received", giver=mention(note.giver_id))
    room = SECTION_TEXT_LIMIT - len(said) - 1
    text = f"{said}\n{quote(note.message, limit=room)}" if note.message else said
    details = [f"#{value}" for value in note.values]
    if note.channel_id:
        details.append(phrase("kudos.gathered_where", channel=note.channel_id))
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=text))]
    if note.thanked:
        details.append(phrase("kudos.you_said_thanks"))
    if details:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=" · ".join(details))]))
    if not note.thanked:
        thank = ButtonElement(
            text=phrase("kudos.say_thanks"),
            action_id=ids.KUDOS_SAY_THANKS,
            value=str(note.kudos_id),
            style="primary",
        )
        blocks.append(ActionsBlock(elements=[thank]))
    return blocks
