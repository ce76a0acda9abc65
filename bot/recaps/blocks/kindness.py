"""Block Kit for the weekly kindness recap in the kudos channel (names, never mentions)."""

from __future__ import annotations

from typing import Any

from slack_sdk.models.blocks import HeaderBlock, MarkdownTextObject, SectionBlock

from bot.core.phrases import phrase
from bot.core.slack.blocks import message_blocks
from bot.kudos.text import escape_mrkdwn
from bot.recaps.values import KindnessFigures

SECTION_LIMIT = 3000


def kindness_recap_blocks(figures: KindnessFigures) -> list[dict[str, Any]]:
    """The week's kindness in one section, cut to Slack's limit."""
    if not figures.kudos:
        lines = [phrase("kindness_recap.quiet")]
    else:
        lines = [
            phrase("kindness_recap.summary", kudos=figures.kudos, appreciated=figures.appreciated)
        ]
        if figures.values:
            shown = ", ".join(f"#{value} ({count})" for value, count in figures.values)
            lines.append(phrase("kindness_recap.values", values=shown))
        names = ", ".join(escape_mrkdwn(name) for name in figures.names)  # no pings
        lines.append(phrase("kindness_recap.thanks", names=names))
        if figures.leaderboard:
            entries = ", ".join(f"{escape_mrkdwn(n)} ({c})" for n, c in figures.leaderboard)
            lines.append(phrase("kindness_recap.leaderboard", entries=entries))
    text = "\n".join(lines)
    if len(text) > SECTION_LIMIT:
        text = text[: SECTION_LIMIT - 1] + "…"
    return message_blocks(
        [
            HeaderBlock(text=phrase("kindness_recap.header")),
            SectionBlock(text=MarkdownTextObject(text=text)),
        ]
    )
