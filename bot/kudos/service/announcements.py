"""A kudos' messages: the shout-out, each recipient's DM, the kudos channel's copy, or the
giver's note that it could not be shown."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.core.outbox.values import NewMessage
from bot.core.store.unit_of_work import UnitOfWork
from bot.kudos.messages import (
    CROSSPOST,
    NOT_ANNOUNCED_DM,
    RECEIVED_DM,
    SHOUTOUT,
    SHOUTOUT_AS_REPLY,
    NotAnnouncedPayload,
    ReceivedPayload,
    ShoutoutPayload,
)
from bot.kudos.repository import KudosRepository
from bot.kudos.values import KudosRequest, WorkspaceKudosRules


def enqueue_announcements(  # noqa: PLR0913  # keyword-only: the kudos and where it is announced
    uow: UnitOfWork,
    request: KudosRequest,
    kudos_id: int,
    recipients: Sequence[str],
    rules: WorkspaceKudosRules,
    *,
    now: datetime,
) -> None:
    """Write the messages of a kudos just recorded."""
    team_id = request.team_id
    shout = ShoutoutPayload(
        kudos_id=kudos_id,
        giver_id=request.giver_id,
        recipient_ids=tuple(recipients),
        message=request.message,
        values=request.values,
        channel_id=request.channel_id,
        response_url=request.response_url,
    )
    shoutout = _shoutout(request, shout)
    if shoutout is None:
        tell_giver_not_announced(uow, team_id, kudos_id, shout, now=now)
    messages = [shoutout] if shoutout is not None else []
    link_to = shoutout.idempotency_key if shoutout is not None else None  # the DMs link to it
    private = shout.model_copy(update={"response_url": None})
    messages += [
        RECEIVED_DM.message(
            ReceivedPayload.model_validate(
                {**private.model_dump(), "recipient_id": recipient, "link": True}
            ),
            team_id=team_id,
            channel=recipient,
            subject_id=kudos_id,
            depends_on_key=link_to,
        )
        for recipient in recipients
    ]
    if rules.kudos_channel_id and rules.kudos_channel_id != request.channel_id:
        messages.append(
            CROSSPOST.message(
                private, team_id=team_id, channel=rules.kudos_channel_id, subject_id=kudos_id
            )
        )
    uow.outbox.add_fresh(messages, now=now)


def _shoutout(request: KudosRequest, shout: ShoutoutPayload) -> NewMessage | None:
    """In the channel; else through the command's response_url; else nowhere."""
    team_id, kudos_id = request.team_id, shout.kudos_id
    if request.can_post_in_channel and request.channel_id:
        channel = request.channel_id
        return SHOUTOUT.message(shout, team_id=team_id, channel=channel, subject_id=kudos_id)
    if request.response_url:
        return SHOUTOUT_AS_REPLY.message(shout, team_id=team_id, channel=None, subject_id=kudos_id)
    return None


def tell_giver_not_announced(
    uow: UnitOfWork, team_id: str, kudos_id: int, shout: ShoutoutPayload, *, now: datetime
) -> None:
    """The kudos is kept; only the giver hears that it could not be shown in the channel."""
    uow.repository(KudosRepository).mark_not_announced(kudos_id)
    note = NotAnnouncedPayload(
        kudos_id=kudos_id, channel_id=shout.channel_id, recipient_ids=shout.recipient_ids
    )
    giver = shout.giver_id
    uow.outbox.add(
        NOT_ANNOUNCED_DM.message(note, team_id=team_id, channel=giver, subject_id=kudos_id),
        now=now,
    )
