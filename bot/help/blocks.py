"""The ``/kindling help`` overview."""

from __future__ import annotations

from typing import Any

from slack_sdk.models.blocks import (
    Block,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot.core.phrases import phrase, phrase_entries
from bot.core.slack.blocks import message_blocks


def help_blocks(*, preface: str | None = None) -> list[dict[str, Any]]:
    """What Kindling does and its commands; ``preface`` is an optional first line."""
    blocks: list[Block] = []
    if preface:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=preface)))
    blocks += [
        HeaderBlock(text=phrase("help.header")),
        SectionBlock(text=MarkdownTextObject(text=phrase("help.intro"))),
        DividerBlock(),
        SectionBlock(
            text=MarkdownTextObject(
                text="\n".join(
                    f"`{entry['usage']}`: {entry['what']}"
                    for entry in phrase_entries("help.commands")
                )
            )
        ),
        ContextBlock(elements=[MarkdownTextObject(text=phrase("help.footer"))]),
    ]
    return message_blocks(blocks)


def help_fallback_text() -> str:
    """Plain text for notifications and screen readers."""
    return f"{phrase('help.header')}: {phrase('help.intro')}"
