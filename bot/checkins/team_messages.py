"""The private answers of ``/checkin team``, through a ``response_url``: how many would be
invited (with "Invite them" and "Cancel"), and what came of the asker's choice."""

from __future__ import annotations

from enum import StrEnum

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    MarkdownTextObject,
    SectionBlock,
)

from bot.core.outbox.messages import MessageKind, Payload
from bot.core.outbox.rendered import RenderedMessage
from bot.core.outbox.values import DeliveryMethod
from bot.core.phrases import phrase
from bot.core.slack import ids
from bot.core.slack.blocks import message_blocks


class TeamOutcome(StrEnum):
    CONFIRM = "confirm"  # the count, to confirm: posted through the command's response_url
    NOT_ALLOWED = "not_allowed"
    CONFIRMED = "confirmed"  # these replace the confirmation (the button's response_url)
    CANCELLED = "cancelled"


_REPLACES = frozenset({TeamOutcome.CONFIRMED, TeamOutcome.CANCELLED})


class TeamAnswerPayload(Payload):
    channel_id: str
    outcome: TeamOutcome
    invitees: int = 0


def render_team_answer(payload: TeamAnswerPayload, _permalink: str | None) -> RenderedMessage:
    text = phrase(
        f"checkin.team.{payload.outcome}",
        channel=f"<#{payload.channel_id}>",
        count=payload.invitees,
        people="person" if payload.invitees == 1 else "people",
    )
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=text))]
    if payload.outcome is TeamOutcome.CONFIRM:
        invite = phrase("checkin.team.invite", count=payload.invitees)
        blocks.append(
            ActionsBlock(
                block_id="checkin_team",
                elements=[
                    ButtonElement(
                        text=invite,
                        action_id=ids.CHECKIN_TEAM_CONFIRM,
                        value=payload.channel_id,
                        style="primary",
                    ),
                    ButtonElement(
                        text=phrase("checkin.team.cancel"),
                        action_id=ids.CHECKIN_TEAM_CANCEL,
                        value=payload.channel_id,
                    ),
                ],
            )
        )
    extra = {"response_type": "ephemeral", "replace_original": payload.outcome in _REPLACES}
    return RenderedMessage(text=text, blocks=message_blocks(blocks), extra=extra)


# One per answer (``at``: when, ISO 8601).
TEAM_ANSWER = MessageKind(
    name="checkin_team_answer",
    method=DeliveryMethod.RESPONSE_URL,
    payload=TeamAnswerPayload,
    key="checkin-team:{channel_id}:{outcome}:{at}",
    render=render_team_answer,
)
