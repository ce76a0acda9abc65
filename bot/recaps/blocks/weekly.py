"""Block Kit for the weekly private recap."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot.core.phrases import phrase
from bot.core.slack import ids
from bot.core.slack.blocks import message_blocks
from bot.home.sparkline import sparkline
from bot.recaps.values import RecapFigures


def recap_blocks(figures: RecapFigures, *, week_start: date) -> list[dict[str, Any]]:
    """Celebrating the week that began on Monday ``week_start``, never comparing it with
    anyone else's."""
    lines = [_kudos(figures), _wins(figures), _breaks(figures)]
    if figures.energies:
        line = sparkline(figures.energies, today=week_start + timedelta(days=6), days=7)
        lines.append(phrase("recap.energy", sparkline=line))
    blocks: list[Block] = [
        HeaderBlock(text=phrase("recap.header")),
        ContextBlock(elements=[MarkdownTextObject(text=phrase("recap.intro"))]),
        SectionBlock(text=MarkdownTextObject(text="\n".join(lines)[:3000])),
        SectionBlock(text=MarkdownTextObject(text=phrase("recap.closing"))),
        ActionsBlock(
            block_id="recap",
            elements=[
                ButtonElement(text=phrase("recap.turn_off"), action_id=ids.RECAP_OFF, value="off")
            ],
        ),
    ]
    return message_blocks(blocks)


def _kudos(figures: RecapFigures) -> str:
    if not figures.given and not figures.received:
        return phrase("recap.kudos_none")
    text = phrase("recap.kudos", given=figures.given, received=figures.received)
    if figures.received_from:
        people = ", ".join(f"<@{user}>" for user in figures.received_from)
        text += " " + phrase("recap.kudos_from", people=people)
    return text


def _wins(figures: RecapFigures) -> str:
    if not figures.win_count:
        return phrase("recap.wins_none")
    return phrase("recap.wins", count=figures.win_count, list="; ".join(figures.wins))


def _breaks(figures: RecapFigures) -> str:
    if not figures.breaks:
        return phrase("recap.breaks_none")
    return phrase("recap.breaks", count=figures.breaks)
