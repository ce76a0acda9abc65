"""The rules of kudos: who may receive them, limits, double-enter protection, announcements."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.core.outbox.delivery import (
    POST_MESSAGE,
    RESPONSE_URL,
    UPDATE_MESSAGE,
    Delivery,
    DeliveryHook,
)
from bot.core.outbox.repository import NewMessage
from bot.core.profiles import MemberProfile
from bot.core.store.models import OutboxMessage
from bot.core.store.unit_of_work import UnitOfWork, UnitOfWorkFactory
from bot.kudos.repository import KudosRepository

MAX_RECIPIENTS = 10
MAX_MESSAGE_LENGTH = 1000
DOUBLE_ENTER_WINDOW = timedelta(seconds=60)
RULES_TTL = timedelta(seconds=30)
DEFAULT_VALUES = ("kindness", "teamwork", "courage", "craft", "care")

# Outbox kinds written here.
SHOUTOUT = "kudos.shoutout"
CROSSPOST = "kudos.crosspost"
RECEIVED_DM = "kudos.received"
THANKS_DM = "kudos.thanks"
THANKED_UPDATE = "kudos.thanked"
NOT_ANNOUNCED_DM = "kudos.not_announced"


class Source(StrEnum):
    COMMAND = "command"
    MODAL = "modal"


class Refusal(StrEnum):
    """Why a kudos was not recorded; each has a kind explanation in the phrase file."""

    NO_RECIPIENT = "no_recipient"
    PLAIN_NAMES = "plain_names"
    ONLY_YOURSELF = "only_yourself"
    MASS_MENTION = "mass_mention"
    TOO_MANY_RECIPIENTS = "too_many_recipients"
    MESSAGE_TOO_LONG = "message_too_long"
    NOBODY_LEFT = "nobody_left"
    DAILY_LIMIT = "daily_limit"


class LeftOut(StrEnum):
    """Why a person was left out of a kudos that still went to others."""

    YOURSELF = "yourself"
    BOT = "bot"
    THIS_APP = "this_app"
    DEACTIVATED = "deactivated"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class KudosRequest:
    """A kudos as someone asked for it, already parsed into plain values."""

    team_id: str
    giver_id: str
    recipient_ids: tuple[str, ...]
    message: str
    message_length: int
    values: tuple[str, ...]
    source: Source
    channel_id: str | None
    can_post_in_channel: bool
    response_url: str | None = None
    has_mass_mention: bool = False
    plain_at_names: tuple[str, ...] = ()
    app_user_id: str | None = None


@dataclass(frozen=True, slots=True)
class KudosRefused:
    reason: Refusal
    resets_at: datetime | None = None
    limit: int | None = None
    left_out: tuple[tuple[str, LeftOut], ...] = ()


@dataclass(frozen=True, slots=True)
class KudosGiven:
    kudos_id: int
    recipient_ids: tuple[str, ...]
    left_out: tuple[tuple[str, LeftOut], ...] = ()
    repeated: bool = False


KudosOutcome = KudosGiven | KudosRefused


@dataclass(frozen=True, slots=True)
class WorkspaceKudosRules:
    values: tuple[str, ...] = DEFAULT_VALUES
    daily_limit: int = 10
    kudos_channel_id: str | None = None


@dataclass(slots=True)
class _Screening:
    kept: list[str] = field(default_factory=list)
    left_out: list[tuple[str, LeftOut]] = field(default_factory=list)


def workspace_rules(uow: UnitOfWork, team_id: str, *, now: datetime) -> WorkspaceKudosRules:
    """The workspace's kudos settings (defaults for a workspace seen for the first time)."""
    settings = uow.workspaces.kudos_settings(team_id)
    if settings is None:
        uow.workspaces.ensure(team_id, now=now)
        return WorkspaceKudosRules()
    values, daily_limit, kudos_channel_id = settings
    return WorkspaceKudosRules(
        values=tuple(value.strip().lower() for value in values.split(",") if value.strip()),
        daily_limit=daily_limit,
        kudos_channel_id=kudos_channel_id,
    )


class KudosRulesCache:
    """Each workspace's kudos settings, read at most once per ``ttl`` (they change rarely; a
    change is seen within that time by every process)."""

    def __init__(self, *, ttl: timedelta = RULES_TTL) -> None:
        self._ttl = ttl
        self._entries: dict[str, tuple[datetime, WorkspaceKudosRules]] = {}
        self._lock = threading.Lock()

    def get(
        self, unit_of_work: UnitOfWorkFactory, team_id: str, *, now: datetime
    ) -> WorkspaceKudosRules:
        with self._lock:
            entry = self._entries.get(team_id)
        if entry is not None and timedelta(0) <= now - entry[0] < self._ttl:
            return entry[1]
        with unit_of_work() as uow:
            rules = workspace_rules(uow, team_id, now=now)
        with self._lock:
            self._entries[team_id] = (now, rules)
        return rules

    def forget(self, team_id: str) -> None:
        """The settings changed here: read them afresh next time."""
        with self._lock:
            self._entries.pop(team_id, None)


def check_request(request: KudosRequest) -> KudosRefused | None:
    """The rules that need nobody's details: mentions, counts, length."""
    if request.has_mass_mention:
        return KudosRefused(Refusal.MASS_MENTION)
    if not request.recipient_ids:
        reason = Refusal.PLAIN_NAMES if request.plain_at_names else Refusal.NO_RECIPIENT
        return KudosRefused(reason)
    if request.recipient_ids == (request.giver_id,):
        return KudosRefused(Refusal.ONLY_YOURSELF)
    if len(request.recipient_ids) > MAX_RECIPIENTS:
        return KudosRefused(Refusal.TOO_MANY_RECIPIENTS, limit=MAX_RECIPIENTS)
    if request.message_length > MAX_MESSAGE_LENGTH:
        return KudosRefused(Refusal.MESSAGE_TOO_LONG, limit=MAX_MESSAGE_LENGTH)
    return None


def give_kudos(
    uow: UnitOfWork,
    request: KudosRequest,
    *,
    rules: WorkspaceKudosRules,
    people: Mapping[str, MemberProfile | None],
    now: datetime,
) -> KudosOutcome:
    """Record a kudos and its announcements in the outbox, or say why not (changing nothing)."""
    refusal = check_request(request)
    if refusal is not None:
        return refusal
    screening = _screen_recipients(request, people)
    if not screening.kept:
        return KudosRefused(Refusal.NOBODY_LEFT, left_out=tuple(screening.left_out))
    fingerprint = _fingerprint(request.giver_id, screening.kept, request.message)
    giver = people.get(request.giver_id)
    day_start, day_end = local_day(now, giver.tz if giver else None)
    uow.repository(KudosRepository).lock_giver(
        request.team_id, request.giver_id
    )  # one decision per giver at a time
    given_today, repeated = uow.repository(KudosRepository).giving_since(
        request.team_id,
        request.giver_id,
        day_start=day_start,
        fingerprint=fingerprint,
        repeat_since=now - DOUBLE_ENTER_WINDOW,
    )
    if repeated is not None:
        return KudosGiven(
            kudos_id=repeated,
            recipient_ids=tuple(screening.kept),
            left_out=tuple(screening.left_out),
            repeated=True,
        )
    if given_today >= rules.daily_limit:
        return KudosRefused(Refusal.DAILY_LIMIT, resets_at=day_end, limit=rules.daily_limit)

    kudos_id = uow.repository(KudosRepository).add(
        team_id=request.team_id,
        giver_id=request.giver_id,
        channel_id=request.channel_id,
        message=request.message,
        fingerprint=fingerprint,
        source=request.source,
        recipient_ids=screening.kept,
        values=request.values,
        now=now,
    )
    _enqueue_announcements(uow, request, kudos_id, screening.kept, rules, now=now)
    return KudosGiven(
        kudos_id=kudos_id,
        recipient_ids=tuple(screening.kept),
        left_out=tuple(screening.left_out),
    )


def say_thanks(
    uow: UnitOfWork,
    *,
    team_id: str,
    kudos_id: int,
    recipient_id: str,
    dm_channel: str | None,
    dm_ts: str | None,
    now: datetime,
) -> bool:
    """Send the giver one thank-you per recipient per kudos; True the first time only."""
    kudos = uow.repository(KudosRepository).get(team_id, kudos_id)
    if kudos is None or not uow.repository(KudosRepository).record_thanks(
        team_id, kudos_id, recipient_id, now=now
    ):
        return False
    payload = {"kudos_id": kudos_id, "giver_id": kudos.giver_id, "recipient_id": recipient_id}
    uow.outbox.add(
        NewMessage(
            team_id=team_id,
            idempotency_key=f"kudos:{kudos_id}:thanks:{recipient_id}",
            kind=THANKS_DM,
            method=POST_MESSAGE,
            channel=kudos.giver_id,
            payload=payload,
            subject_id=kudos_id,
        ),
        now=now,
    )
    if dm_channel and dm_ts:
        shoutout_key = _shoutout_key(kudos_id)
        has_shoutout = uow.outbox.by_key(team_id, shoutout_key) is not None
        uow.outbox.add(
            NewMessage(
                team_id=team_id,
                idempotency_key=f"kudos:{kudos_id}:thanked:{recipient_id}",
                kind=THANKED_UPDATE,
                method=UPDATE_MESSAGE,
                channel=dm_channel,
                payload={
                    **payload,
                    "ts": dm_ts,
                    "message": kudos.message,
                    "values": uow.repository(KudosRepository).values(kudos_id),
                    "link": True,
                },
                subject_id=kudos_id,
                depends_on_key=shoutout_key if has_shoutout else None,
            ),
            now=now,
        )
    return True


def local_day(now: datetime, tz_name: str | None) -> tuple[datetime, datetime]:
    """Start and end (next midnight) of the calendar day ``now`` falls in, in ``tz_name``."""
    zone = _zone(tz_name)
    local = now.astimezone(zone)
    start = datetime(local.year, local.month, local.day, tzinfo=zone)
    following = start.date() + timedelta(days=1)
    end = datetime(following.year, following.month, following.day, tzinfo=zone)
    return start, end


def on_shoutout_delivered(
    uow: UnitOfWork, message: OutboxMessage, delivery: Delivery, now: datetime
) -> None:
    """Note where the shout-out landed, or try another way, or tell the giver kindly."""
    kudos_id = message.subject_id
    if kudos_id is None:
        return
    if delivery.delivered:
        uow.repository(KudosRepository).mark_announced(
            kudos_id, channel_id=delivery.channel, ts=delivery.ts
        )
        return
    response_url = message.payload.get("response_url")
    if message.method == POST_MESSAGE and response_url and delivery.channel_unreachable:
        uow.outbox.add(
            NewMessage(
                team_id=message.team_id,
                idempotency_key=f"kudos:{kudos_id}:shoutout-via-response-url",
                kind=SHOUTOUT,
                method=RESPONSE_URL,
                channel=None,
                payload=message.payload,
                subject_id=kudos_id,
            ),
            now=now,
        )
        return
    _tell_giver_not_announced(uow, message.team_id, kudos_id, message.payload, now=now)


DELIVERY_HOOKS: dict[str, DeliveryHook] = {SHOUTOUT: on_shoutout_delivered}


def _screen_recipients(
    request: KudosRequest, people: Mapping[str, MemberProfile | None]
) -> _Screening:
    screening = _Screening()
    for user_id in request.recipient_ids:
        reason = _reason_to_leave_out(user_id, request, people.get(user_id))
        if reason is None:
            screening.kept.append(user_id)
        else:
            screening.left_out.append((user_id, reason))
    return screening


def _reason_to_leave_out(
    user_id: str, request: KudosRequest, person: MemberProfile | None
) -> LeftOut | None:
    if user_id == request.giver_id:
        return LeftOut.YOURSELF
    if user_id == request.app_user_id:
        return LeftOut.THIS_APP
    if person is None:
        return LeftOut.UNKNOWN
    if person.is_bot:
        return LeftOut.BOT
    if person.deleted:
        return LeftOut.DEACTIVATED
    return None


def _enqueue_announcements(
    uow: UnitOfWork,
    request: KudosRequest,
    kudos_id: int,
    recipients: Sequence[str],
    rules: WorkspaceKudosRules,
    *,
    now: datetime,
) -> None:
    shout = {
        "kudos_id": kudos_id,
        "giver_id": request.giver_id,
        "recipient_ids": list(recipients),
        "message": request.message,
        "values": list(request.values),
        "channel_id": request.channel_id,
        "response_url": request.response_url,
    }
    shoutout_key = _shoutout_key(kudos_id)
    messages: list[NewMessage] = []
    method = POST_MESSAGE if request.can_post_in_channel and request.channel_id else RESPONSE_URL
    if method == RESPONSE_URL and not request.response_url:
        _tell_giver_not_announced(uow, request.team_id, kudos_id, shout, now=now)
    else:
        messages.append(
            NewMessage(
                team_id=request.team_id,
                idempotency_key=shoutout_key,
                kind=SHOUTOUT,
                method=method,
                channel=request.channel_id if method == POST_MESSAGE else None,
                payload=shout,
                subject_id=kudos_id,
            )
        )
    link_to = shoutout_key if messages else None  # the DMs link to the shout-out, if any
    private = {**shout, "response_url": None}
    messages += [
        NewMessage(
            team_id=request.team_id,
            idempotency_key=f"kudos:{kudos_id}:received:{recipient}",
            kind=RECEIVED_DM,
            method=POST_MESSAGE,
            channel=recipient,
            payload={**private, "recipient_id": recipient, "link": True},
            subject_id=kudos_id,
            depends_on_key=link_to,
        )
        for recipient in recipients
    ]
    if rules.kudos_channel_id and rules.kudos_channel_id != request.channel_id:
        crosspost = NewMessage(
            team_id=request.team_id,
            idempotency_key=f"kudos:{kudos_id}:crosspost",
            kind=CROSSPOST,
            method=POST_MESSAGE,
            channel=rules.kudos_channel_id,
            payload=private,
            subject_id=kudos_id,
        )
        messages.append(crosspost)
    uow.outbox.add_fresh(messages, now=now)


def _shoutout_key(kudos_id: int) -> str:
    """The outbox key of a kudos' shout-out: the DMs and updates that link to it name it."""
    return f"kudos:{kudos_id}:shoutout"


def _tell_giver_not_announced(
    uow: UnitOfWork, team_id: str, kudos_id: int, shout: Mapping[str, Any], *, now: datetime
) -> None:
    """The kudos is kept; only the giver hears that it could not be shown in the channel."""
    uow.repository(KudosRepository).mark_not_announced(kudos_id)
    uow.outbox.add(
        NewMessage(
            team_id=team_id,
            idempotency_key=f"kudos:{kudos_id}:not-announced",
            kind=NOT_ANNOUNCED_DM,
            method=POST_MESSAGE,
            channel=shout["giver_id"],
            payload={
                "kudos_id": kudos_id,
                "channel_id": shout.get("channel_id"),
                "recipient_ids": shout["recipient_ids"],
            },
            subject_id=kudos_id,
        ),
        now=now,
    )


def _fingerprint(giver_id: str, recipients: Sequence[str], message: str) -> str:
    canonical = "\x1f".join([giver_id, ",".join(sorted(recipients)), " ".join(message.split())])
    return hashlib.sha256(canonical.encode()).hexdigest()


def _zone(tz_name: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(tz_name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")
