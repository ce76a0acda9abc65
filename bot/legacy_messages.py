"""Outbox kinds not yet typed by their feature: their untyped renderers, hooks and loaders,
adapted to :class:`~bot.core.outbox.messages.MessageKind` (a step of the move to typed kinds)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime, timedelta
from typing import Any

from pydantic import ConfigDict

from bot.breaks.renderers import BREAK_RENDERERS
from bot.checkins.renderers import CHECKIN_RENDERERS
from bot.core import guests
from bot.core.localtime import local_day_end_utc, wall_clock_utc
from bot.core.outbox.delivery import DeliveryHook
from bot.core.outbox.messages import MessageKind, Payload
from bot.core.outbox.rendered import EPHEMERAL_REPLY, RenderedMessage, Renderer
from bot.core.phrases import phrase
from bot.core.slack.blocks import text_blocks
from bot.core.store.models import OutboxMessage
from bot.core.store.unit_of_work import UnitOfWork
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


class RawPayload(Payload):
    """A payload read as the plain dict its untyped renderer expects."""

    model_config = ConfigDict(frozen=True, extra="allow")


LegacyLoader = Callable[[UnitOfWork, OutboxMessage, datetime], dict[str, Any]]


def _send_by_of(payload: RawPayload) -> datetime | None:
    """``send_by``; or, for a check-in due at ``local_minute`` on ``local_date`` in ``tz``,
    ``late_minutes`` after that but never past the end of that day."""
    if payload.send_by is not None:
        return payload.send_by
    raw = payload.model_dump()
    late, day, minute, tz = (
        raw.get(key) for key in ("late_minutes", "local_date", "local_minute", "tz")
    )
    if not (isinstance(late, int) and isinstance(day, str) and isinstance(minute, int)):
        return None
    local_date, zone_name = date.fromisoformat(day), str(tz) if tz else None
    due = wall_clock_utc(local_date, minute, zone_name)
    return min(due + timedelta(minutes=late), local_day_end_utc(local_date, zone_name))


def legacy_kinds(
    *,
    hooks: Mapping[str, DeliveryHook],
    loaders: Mapping[str, LegacyLoader],
    typed: Iterable[str],
) -> list[MessageKind[RawPayload]]:
    """A kind for each untyped renderer whose name no typed kind has taken."""
    taken = set(typed)
    return [
        MessageKind(
            name=name,
            method="",
            payload=RawPayload,
            key="",
            render=_adapted(renderer),
            load=_adapted_loader(loaders[name]) if name in loaders else None,
            on_delivered=hooks.get(name),
            deadline=_send_by_of,
        )
        for name, renderer in RENDERERS.items()
        if name not in taken
    ]


def _adapted(renderer: Renderer) -> Callable[[RawPayload, str | None], RenderedMessage]:
    return lambda payload, permalink: renderer(payload.model_dump(mode="json"), permalink)


def _adapted_loader(
    loader: LegacyLoader,
) -> Callable[[UnitOfWork, OutboxMessage, RawPayload, datetime], RawPayload]:
    def load(
        uow: UnitOfWork, message: OutboxMessage, payload: RawPayload, now: datetime
    ) -> RawPayload:
        return RawPayload.model_validate(
            {**payload.model_dump(mode="json"), **loader(uow, message, now)}
        )

    return load
