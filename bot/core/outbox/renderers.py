"""Turn an outbox message's plain data into Slack text and blocks, by its kind."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from bot.breaks.renderers import BREAK_RENDERERS
from bot.checkins.renderers import CHECKIN_RENDERERS
from bot.core import guests
from bot.core.outbox.rendered import EPHEMERAL_REPLY, RenderedMessage, Renderer
from bot.core.phrases import phrase
from bot.core.slack.blocks import text_blocks
from bot.help.blocks import help_blocks, help_fallback_text
from bot.home import service as home
from bot.home.blocks import home_blocks
from bot.kudos import service as kudos
from bot.kudos.blocks import shoutout as kudos_blocks
from bot.privacy import service as privacy
from bot.recaps.blocks.kindness import kindness_recap_blocks
from bot.recaps.blocks.weekly import recap_blocks
from bot.recaps.service import kindness as kindness_recap
from bot.recaps.service import weekly as recaps
from bot.wins import service as wins
from bot.wins.blocks import shared_blocks

# Slack errors only an admin can mend, by installing Kindling again with what it asks for.
REINSTALL_ERRORS = frozenset({"missing_scope", "not_allowed_token_type", "no_permission"})


class UnknownKindError(KeyError):
    """An outbox message of a kind this version cannot render."""


def render(kind: str, payload: Mapping[str, Any], *, permalink: str | None) -> RenderedMessage:
    """Render ``payload``; ``permalink`` links to the message this one depends on, if sent."""
    renderer = RENDERERS.get(kind)
    if renderer is None:
        raise UnknownKindError(kind)
    return renderer(payload, permalink)


def _shoutout(payload: Mapping[str, Any], _permalink: str | None) -> RenderedMessage:
    giver, recipients = payload["giver_id"], payload["recipient_ids"]
    return RenderedMessage(
        text=kudos_blocks.shoutout_text(giver_id=giver, recipient_ids=recipients),
        blocks=kudos_blocks.shoutout_blocks(
            giver_id=giver,
            recipient_ids=recipients,
            message=payload["message"],
            values=payload["values"],
        ),
        extra={"response_type": "in_channel", "replace_original": False},
    )


def _received(payload: Mapping[str, Any], permalink: str | None) -> RenderedMessage:
    return _received_note(payload, permalink, thanked=False)


def _thanked(payload: Mapping[str, Any], permalink: str | None) -> RenderedMessage:
    note = _received_note(payload, permalink, thanked=True)
    return RenderedMessage(text=note.text, blocks=note.blocks, extra={"ts": payload["ts"]})


def _received_note(
    payload: Mapping[str, Any], permalink: str | None, *, thanked: bool
) -> RenderedMessage:
    """The recipient's DM: with the thank-you button, or showing it was pressed."""
    return RenderedMessage(
        text=kudos_blocks.received_text(giver_id=payload["giver_id"]),
        blocks=kudos_blocks.received_blocks(
            kudos_id=payload["kudos_id"],
            giver_id=payload["giver_id"],
            message=payload["message"],
            values=payload.get("values", []),
            permalink=permalink,
            thanked=thanked,
        ),
    )


def _thanks(payload: Mapping[str, Any], _permalink: str | None) -> RenderedMessage:
    text = kudos_blocks.thanks_text(recipient_id=payload["recipient_id"])
    return RenderedMessage(text=text, blocks=text_blocks(text))


def _not_announced(payload: Mapping[str, Any], _permalink: str | None) -> RenderedMessage:
    text = kudos_blocks.not_announced_text(
        recipient_ids=payload["recipient_ids"], channel_id=payload.get("channel_id")
    )
    return RenderedMessage(text=text, blocks=text_blocks(text))


def _win_shared(payload: Mapping[str, Any], _permalink: str | None) -> RenderedMessage:
    text = phrase("wins.shared_line", user=payload["user_id"])
    return RenderedMessage(text, shared_blocks(user_id=payload["user_id"], text=payload["text"]))


def _win_share_done(payload: Mapping[str, Any], _permalink: str | None) -> RenderedMessage:
    text = phrase("wins.shared_done", channel=payload["channel_id"])
    return RenderedMessage(text, text_blocks(text), extra={"replace_original": True})


def _home(payload: Mapping[str, Any], _permalink: str | None) -> RenderedMessage:
    return RenderedMessage(phrase("home.header"), home_blocks(payload))


def _recap(payload: Mapping[str, Any], _permalink: str | None) -> RenderedMessage:
    return RenderedMessage(phrase("recap.header"), recap_blocks(payload))


def _recap_off(_payload: Mapping[str, Any], _permalink: str | None) -> RenderedMessage:
    text = phrase("recap.off_done")
    return RenderedMessage(text, text_blocks(text), extra=dict(EPHEMERAL_REPLY))


def _kindness_recap(payload: Mapping[str, Any], _permalink: str | None) -> RenderedMessage:
    return RenderedMessage(phrase("kindness_recap.header"), kindness_recap_blocks(payload))


def _export(payload: Mapping[str, Any], _permalink: str | None) -> RenderedMessage:
    return RenderedMessage(
        phrase("privacy.export_comment"),
        [],
        extra={
            "content": json.dumps(payload["export"], indent=2, ensure_ascii=False),
            "filename": "kindling-export.json",
            "title": phrase("privacy.export_title"),
        },
    )


def _export_undelivered(payload: Mapping[str, Any], _permalink: str | None) -> RenderedMessage:
    error = str(payload.get("error", ""))
    next_step = phrase(
        "privacy.export_next_step_reinstall"
        if error in REINSTALL_ERRORS
        else "privacy.export_next_step_retry"
    )
    text = phrase("privacy.export_undelivered", error=error, next_step=next_step)
    return RenderedMessage(text, text_blocks(text))


def _forgotten(_payload: Mapping[str, Any], _permalink: str | None) -> RenderedMessage:
    text = phrase("privacy.forgotten")
    return RenderedMessage(
        text, text_blocks(text), extra={"response_type": "ephemeral", "replace_original": True}
    )


def _guest_notice(_payload: Mapping[str, Any], _permalink: str | None) -> RenderedMessage:
    text = phrase("guests.notice")
    return RenderedMessage(text, text_blocks(text), extra=dict(EPHEMERAL_REPLY))


def _direct_message_reply(_payload: Mapping[str, Any], _permalink: str | None) -> RenderedMessage:
    return RenderedMessage(
        help_fallback_text(), help_blocks(preface=phrase("guests.direct_message_reply"))
    )


RENDERERS: dict[str, Renderer] = {
    kudos.SHOUTOUT: _shoutout,
    kudos.CROSSPOST: _shoutout,
    kudos.RECEIVED_DM: _received,
    kudos.THANKED_UPDATE: _thanked,
    kudos.THANKS_DM: _thanks,
    kudos.NOT_ANNOUNCED_DM: _not_announced,
    home.APP_HOME: _home,
    privacy.EXPORT: _export,
    privacy.FORGOTTEN: _forgotten,
    privacy.EXPORT_UNDELIVERED: _export_undelivered,
    recaps.WEEKLY_RECAP: _recap,
    kindness_recap.KINDNESS_RECAP: _kindness_recap,
    recaps.RECAP_OFF_NOTE: _recap_off,
    wins.WIN_SHARED: _win_shared,
    wins.WIN_SHARE_DONE: _win_share_done,
    guests.GUEST_NOTICE: _guest_notice,
    guests.DIRECT_MESSAGE_REPLY: _direct_message_reply,
    **CHECKIN_RENDERERS,
    **BREAK_RENDERERS,
}
