"""Block Kit for the morning check-in: the DM, its answered form, the welcome, the note modal."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    PlainTextObject,
    SectionBlock,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from bot.checkins.values import MAX_NOTE_LENGTH, NEEDS
from bot.core.phrases import phrase
from bot.core.slack import ids
from bot.core.slack.blocks import message_blocks

ENERGY_EMOJI = ("😫", "😕", "😐", "🙂", "😄")


@dataclass(frozen=True, slots=True)
class AnswerView:
    """What the member answered today, and what Kindling says back."""

    energy: int | None
    need: str | None
    has_note: bool
    skipped: bool
    reply: str | None
    suggestion: str | None


def button_value(local_date: date, choice: str = "") -> str:
    """Every check-in control carries the day it belongs to: ``2026-11-25|3``."""
    return f"{local_date.isoformat()}|{choice}"


def checkin_blocks(
    *, local_date: date, greeting: str, answer: AnswerView | None
) -> list[dict[str, Any]]:
    """The check-in DM, showing the answer (and still answerable) once there is one."""
    need = answer.need if answer else None
    buttons = _energy_buttons(local_date, answer.energy if answer else None)
    options = [Option(value=button_value(local_date, key), label=need_label(key)) for key in NEEDS]
    chosen = next((o for o in options if need is not None and o.value.endswith(f"|{need}")), None)
    needs = StaticSelectElement(
        action_id=ids.CHECKIN_NEED,
        placeholder=phrase("checkin.need_placeholder"),
        options=options,
        initial_option=chosen,
    )
    note_label = "checkin.edit_note" if answer and answer.has_note else "checkin.add_note"
    blocks: list[Block] = [
        SectionBlock(text=MarkdownTextObject(text=greeting)),
        SectionBlock(text=MarkdownTextObject(text=phrase("checkin.energy_prompt"))),
        ActionsBlock(block_id="checkin_energy", elements=buttons),
        SectionBlock(
            block_id="checkin_need",
            text=MarkdownTextObject(text=phrase("checkin.need_prompt")),
            accessory=needs,
        ),
        ActionsBlock(
            block_id="checkin_more",
            elements=[
                ButtonElement(
                    text=phrase(note_label),
                    action_id=ids.CHECKIN_ADD_NOTE,
                    value=button_value(local_date),
                ),
                ButtonElement(
                    text=phrase("checkin.skip"),
                    action_id=ids.CHECKIN_SKIP,
                    value=button_value(local_date),
                ),
            ],
        ),
    ]
    if answer is not None:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=answer_text(answer))))
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=phrase("checkin.private"))]))
    return message_blocks(blocks)


def _energy_buttons(local_date: date, energy: int | None) -> list[ButtonElement]:
    """One button per level; the one answered stands out."""
    return [
        ButtonElement(
            text=f"{emoji} {level}",
            action_id=f"{ids.CHECKIN_ENERGY_PREFIX}{level}",
            value=button_value(local_date, str(level)),
            style="primary" if energy == level else None,
        )
        for level, emoji in enumerate(ENERGY_EMOJI, start=1)
    ]


def answer_text(answer: AnswerView) -> str:
    """``Your check-in: energy 🙂 4/5 · needs 🎯 Focus`` and the warm reply."""
    if answer.skipped and answer.energy is None and answer.need is None:
        return phrase("checkin.skipped")
    parts = []
    if answer.energy is not None:
        emoji = ENERGY_EMOJI[answer.energy - 1]
        parts.append(phrase("checkin.energy_summary", emoji=emoji, level=answer.energy))
    if answer.need is not None:
        parts.append(phrase("checkin.need_summary", need=need_label(answer.need)))
    if answer.has_note:
        parts.append(phrase("checkin.note_summary"))
    lines = [phrase("checkin.you_answered", summary=" · ".join(parts))]
    lines += [text for text in (answer.reply, answer.suggestion) if text]
    return "\n".join(lines)


def need_label(need: str) -> str:
    return phrase(f"checkin.needs.{need}")


def welcome_blocks(
    *, inviter_id: str | None, channel_id: str, time: str, days: str
) -> list[dict[str, Any]]:
    """The one-time welcome to someone a channel enrolled, with "Not for me"."""
    return message_blocks(
        [
            SectionBlock(text=MarkdownTextObject(text=welcome_text(inviter_id, channel_id))),
            SectionBlock(
                text=MarkdownTextObject(text=phrase("checkin.welcome.body", time=time, days=days))
            ),
            ContextBlock(elements=[MarkdownTextObject(text=phrase("checkin.welcome.change"))]),
            ActionsBlock(
                block_id="checkin_welcome",
                elements=[
                    ButtonElement(
                        text=phrase("checkin.welcome.not_for_me"),
                        action_id=ids.CHECKIN_NOT_FOR_ME,
                        value=channel_id,
                    )
                ],
            ),
        ]
    )


def welcome_text(inviter_id: str | None, channel_id: str) -> str:
    inviter = f"<@{inviter_id}>" if inviter_id else phrase("checkin.welcome.someone")
    return phrase("checkin.welcome.text", inviter=inviter, channel=f"<#{channel_id}>")


def note_modal(
    *, local_date: date, channel_id: str, message_ts: str, note: str | None
) -> dict[str, Any]:
    """The "Add a note" form; what it needs on submission rides in ``private_metadata``."""
    metadata = {"local_date": local_date.isoformat(), "channel": channel_id, "ts": message_ts}
    return View(
        type="modal",
        callback_id=ids.CHECKIN_NOTE_MODAL,
        title=PlainTextObject(text=phrase("checkin.note_title")),
        submit=PlainTextObject(text=phrase("checkin.note_save")),
        close=PlainTextObject(text=phrase("checkin.note_cancel")),
        private_metadata=json.dumps(metadata),
        blocks=[
            InputBlock(
                block_id=ids.CHECKIN_NOTE_BLOCK,
                label=phrase("checkin.note_label"),
                element=PlainTextInputElement(
                    action_id=ids.CHECKIN_NOTE_ACTION,
                    multiline=True,
                    max_length=MAX_NOTE_LENGTH,
                    initial_value=note or None,
                ),
                optional=True,
            )
        ],
    ).to_dict()
