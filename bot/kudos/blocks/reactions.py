"""Block Kit for reaction kudos: the giver's private note, the gathered DM, "Pass it on"."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ContextBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot.core.phrases import phrase
from bot.core.slack.blocks import message_blocks
from bot.kudos.blocks.shoutout import mention, pass_on_button, people

NAMED_GIVERS = 3  # "Ana, Ben, Cara and 2 others"


def noted_text(*, recipient_ids: Sequence[str], on_shoutout: bool) -> str:
    key = "kudos.reactions.noted_on_shoutout" if on_shoutout else "kudos.reactions.noted"
    return phrase(key, recipients=people(recipient_ids))


def givers_text(giver_ids: Sequence[str]) -> str:
    """``<@a>``, ``<@a> and <@b>``, … ``<@a>, <@b>, <@c> and 4 others``."""
    if len(giver_ids) <= NAMED_GIVERS + 1:
        return people(giver_ids)
    rest = len(giver_ids) - NAMED_GIVERS
    others = phrase("kudos.reactions.others", count=rest)
    return f"{', '.join(mention(giver) for giver in giver_ids[:NAMED_GIVERS])} and {others}"


def appreciated_text(*, giver_ids: Sequence[str], on_shoutout: bool) -> str:
    key = (
        "kudos.reactions.appreciated_on_shoutout" if on_shoutout else "kudos.reactions.appreciated"
    )
    return phrase(key, givers=givers_text(giver_ids))


def appreciated_blocks(
    *, giver_ids: Sequence[str], on_shoutout: bool, channel_id: str, permalink: str | None
) -> list[dict[str, Any]]:
    """The recipient's one DM for the reactions gathered on a message."""
    text = appreciated_text(giver_ids=giver_ids, on_shoutout=on_shoutout)
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=text))]
    if permalink:
        link = phrase("kudos.reactions.see_message", permalink=permalink)
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=link)]))
    hint = phrase("kudos.reactions.pass_on_hint")
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=hint)]))
    blocks.append(ActionsBlock(elements=[pass_on_button(channel_id)]))
    return message_blocks(blocks)
