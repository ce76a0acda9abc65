"""Block Kit for kudos: the shout-out, the recipient's note, thanks, and the modal."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    CheckboxesElement,
    ContextBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    PlainTextObject,
    SectionBlock,
    UserMultiSelectElement,
)
from slack_sdk.models.views import View

from bot.core.phrases import phrase
from bot.core.slack import ids
from bot.core.slack.blocks import MAX_BLOCKS_PER_VIEW, SECTION_TEXT_LIMIT, message_blocks
from bot.kudos.values import MAX_MESSAGE_LENGTH, MAX_RECIPIENTS

UNFINISHED_MARKUP = re.compile(r"(&[a-z]*|<[^>]*)$")
MAX_VALUE_OPTIONS = 10
NO_CHANNEL = "-"  # a "Pass it on" button's value when its kudos came from no channel


def mention(user_id: str) -> str:
    return f"<@{user_id}>"


def people(user_ids: Sequence[str]) -> str:
    """``<@a>``, ``<@a> and <@b>``, ``<@a>, <@b> and <@c>``."""
    names = [mention(user_id) for user_id in user_ids]
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def pass_on_button(channel_id: str | None) -> ButtonElement:
    """Opens the kudos form, to thank someone else (its shout-out goes to ``channel_id``)."""
    return ButtonElement(
        text=phrase("kudos.reactions.pass_on"),
        action_id=ids.KUDOS_PASS_ON,
        value=channel_id or NO_CHANNEL,
    )


def quote(message: str, *, limit: int = SECTION_TEXT_LIMIT) -> str:
    """The kudos message as a mrkdwn quote, trimmed to ``limit`` (what a section holds)."""
    quoted = "\n".join(f">{line}" if line else ">" for line in message.splitlines())
    if len(quoted) > limit:
        cut = quoted[: limit - 1]
        cut = UNFINISHED_MARKUP.sub("", cut)  # never end inside "&amp;" or "<@U123>"
        quoted = cut + "…"
    return quoted


def shoutout_blocks(
    *, giver_id: str, recipient_ids: Sequence[str], message: str, values: Sequence[str]
) -> list[dict[str, Any]]:
    """The public shout-out."""
    header = phrase(
        "kudos.shoutout_header", giver=mention(giver_id), recipients=people(recipient_ids)
    )
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=header))]
    blocks += _message_and_values(message, values)
    return message_blocks(blocks)


def shoutout_text(*, giver_id: str, recipient_ids: Sequence[str]) -> str:
    return phrase(
        "kudos.shoutout_header", giver=mention(giver_id), recipients=people(recipient_ids)
    )


def received_blocks(  # noqa: PLR0913  # keyword-only: what the recipient's DM shows
    *,
    kudos_id: int,
    giver_id: str,
    message: str,
    values: Sequence[str],
    permalink: str | None,
    thanked: bool,
    channel_id: str | None = None,
) -> list[dict[str, Any]]:
    """The recipient's DM, with a thank-you button until it is pressed, and "Pass it on"."""
    blocks: list[Block] = [
        SectionBlock(
            text=MarkdownTextObject(text=phrase("kudos.received", giver=mention(giver_id)))
        )
    ]
    blocks += _message_and_values(message, values)
    if permalink:
        link = phrase("kudos.see_shoutout", permalink=permalink)
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=link)]))
    buttons = [pass_on_button(channel_id)]
    if thanked:
        said = phrase("kudos.you_said_thanks")
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=said)]))
    else:
        thank = ButtonElement(
            text=phrase("kudos.say_thanks"),
            action_id=ids.KUDOS_SAY_THANKS,
            value=str(kudos_id),
            style="primary",
        )
        buttons.insert(0, thank)
    blocks.append(ActionsBlock(elements=buttons))
    return message_blocks(blocks)


def received_text(*, giver_id: str) -> str:
    return phrase("kudos.received", giver=mention(giver_id))


def thanks_text(*, recipient_id: str) -> str:
    return phrase("kudos.thanks", recipient=mention(recipient_id))


def not_announced_text(*, recipient_ids: Sequence[str], channel_id: str | None) -> str:
    if channel_id:
        return phrase(
            "kudos.not_announced", recipients=people(recipient_ids), channel=f"<#{channel_id}>"
        )
    return phrase("kudos.not_announced_no_channel", recipients=people(recipient_ids))


def kudos_modal(
    *, values: Sequence[str], initial_user_ids: Sequence[str], metadata: dict[str, Any]
) -> dict[str, Any]:
    """The form behind ``/kudos`` with no text and the "Send kudos" shortcut."""
    people_select = UserMultiSelectElement(
        action_id=ids.KUDOS_PEOPLE_ACTION,
        placeholder=phrase("kudos.modal_people"),
        max_selected_items=MAX_RECIPIENTS,
        initial_users=list(initial_user_ids) or None,
    )
    blocks: list[Block] = [
        InputBlock(
            block_id=ids.KUDOS_PEOPLE_BLOCK,
            label=phrase("kudos.modal_people"),
            element=people_select,
        ),
        InputBlock(
            block_id=ids.KUDOS_MESSAGE_BLOCK,
            label=phrase("kudos.modal_message"),
            element=PlainTextInputElement(
                action_id=ids.KUDOS_MESSAGE_ACTION,
                multiline=True,
                max_length=MAX_MESSAGE_LENGTH,
            ),
            hint=phrase("kudos.modal_message_hint"),
        ),
    ]
    if values:
        options = [Option(value=value, text=f"#{value}") for value in values[:MAX_VALUE_OPTIONS]]
        blocks.append(
            InputBlock(
                block_id=ids.KUDOS_VALUES_BLOCK,
                label=phrase("kudos.modal_values"),
                element=CheckboxesElement(action_id=ids.KUDOS_VALUES_ACTION, options=options),
                optional=True,
            )
        )
    view = View(
        type="modal",
        callback_id=ids.KUDOS_MODAL,
        title=PlainTextObject(text=phrase("kudos.modal_title")),
        submit=PlainTextObject(text=phrase("kudos.modal_submit")),
        close=PlainTextObject(text=phrase("kudos.modal_close")),
        private_metadata=json.dumps(metadata),
        blocks=blocks[:MAX_BLOCKS_PER_VIEW],
    )
    return view.to_dict()


def kudos_sent_view(text: str) -> dict[str, Any]:
    """What the modal turns into once the kudos is given: the giver's confirmation."""
    view = View(
        type="modal",
        callback_id=ids.KUDOS_SENT,
        title=PlainTextObject(text=phrase("kudos.modal_title")),
        close=PlainTextObject(text=phrase("kudos.modal_done")),
        blocks=[SectionBlock(text=MarkdownTextObject(text=text))],
    )
    return view.to_dict()


def _message_and_values(message: str, values: Sequence[str]) -> list[Block]:
    blocks: list[Block] = []
    if message:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=quote(message))))
    if values:
        tags = " · ".join(f"#{value}" for value in values)
        blocks.append(
            ContextBlock(
                elements=[MarkdownTextObject(text=phrase("kudos.values_line", values=tags))]
            )
        )
    return blocks
