"""Block Kit for small wins: the private celebration, and the win shared in a channel."""

from __future__ import annotations

from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot.core.phrases import phrase, pick
from bot.core.slack import ids
from bot.core.slack.blocks import Answer, message_blocks
from bot.kudos.blocks.shoutout import quote


def celebration(*, win_id: int, text: str, can_share: bool) -> Answer:
    """The member's private answer to ``/win``, with "Share in channel" where possible."""
    line = pick("wins.celebrate", str(win_id))
    blocks: list[Block] = [
        SectionBlock(text=MarkdownTextObject(text=f"{line}\n{quote(text)}")),
        ContextBlock(elements=[MarkdownTextObject(text=phrase("wins.kept_privately"))]),
    ]
    if can_share:
        button = ButtonElement(
            text=phrase("wins.share"), action_id=ids.WIN_SHARE, value=str(win_id)
        )
        blocks.append(ActionsBlock(block_id="win_share", elements=[button]))
    return Answer(line, message_blocks(blocks))


def shared_blocks(*, user_id: str, text: str) -> list[dict[str, Any]]:
    header = phrase("wins.shared_line", user=user_id)
    return message_blocks([SectionBlock(text=MarkdownTextObject(text=f"{header}\n{quote(text)}"))])
