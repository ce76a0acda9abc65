"""Kudos given with an emoji reaction: to the message's author, or, on a shout-out, to its
recipients, under every kudos rule; the giver's private note; each recipient's one DM for the
reactions gathered on a message; and taking a reaction back before anyone was told."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.core.outbox.delivery import Delivery
from bot.core.outbox.messages import NothingToSayError
from bot.core.outbox.values import NewMessage, person_lane
from bot.core.profiles import MemberProfile
from bot.core.store.models import OutboxMessage
from bot.core.store.unit_of_work import UnitOfWork
from bot.kudos.reaction_messages import (
    APPRECIATED_DM,
    REACTION_NOTED,
    REACTION_REFUSED,
    AppreciatedPayload,
    ReactionNotedPayload,
    ReactionRefusedPayload,
)
from bot.kudos.reaction_repository import ReactionKudosRepository
from bot.kudos.repository import KudosRepository
from bot.kudos.service.giving import Screening, screen_recipients
from bot.kudos.service.rules import local_day
from bot.kudos.values import (
    KudosGiven,
    KudosOutcome,
    KudosRefused,
    KudosRequest,
    Refusal,
    Source,
    WorkspaceKudosRules,
)

# How long a recipient's DM waits for more reactions on the same message, so they come as one.
GATHER_WINDOW = timedelta(minutes=10)
SKIN_TONE = "::"  # "clap::skin-tone-2" is the clap


@dataclass(frozen=True, slots=True)
class Reaction:
    """An emoji someone added to, or removed from, a message, as Slack reported it."""

    team_id: str
    event_id: str
    giver_id: str
    emoji: str  # without its skin tone
    channel_id: str
    ts: str
    author_id: str | None  # None for messages no user wrote (incoming webhooks)
    app_user_id: str | None  # Kindling's own bot user

    @property
    def item(self) -> tuple[str, str]:
        return self.channel_id, self.ts

    @property
    def giver_lane(self) -> str:
        """Where the giver's private answers go, one after another."""
        return person_lane(self.channel_id, self.giver_id)


@dataclass(frozen=True, slots=True)
class Target:
    """Who a kudos reaction is for; ``shoutout_of`` is the kudos whose shout-out it is on."""

    recipient_ids: tuple[str, ...]
    shoutout_of: int | None = None
    shoutout_giver: str | None = None


def emoji_name(reaction: str) -> str:
    """The emoji's name without its skin tone, lower case."""
    return reaction.split(SKIN_TONE, 1)[0].strip().lower()


def reaction_target(
    uow: UnitOfWork, reaction: Reaction, rules: WorkspaceKudosRules
) -> Target | None:
    """Who the reaction gives kudos to; None when it gives none: not a kudos emoji, a message no
    person wrote, or one of Kindling's own messages that is not a shout-out."""
    if reaction.emoji not in rules.reactions or reaction.author_id is None:
        return None
    if reaction.author_id != reaction.app_user_id:
        return Target((reaction.author_id,))
    shoutout = uow.repository(ReactionKudosRepository).shoutout_at(
        reaction.team_id, reaction.channel_id, reaction.ts
    )
    kudos = uow.repository(KudosRepository).get(reaction.team_id, shoutout) if shoutout else None
    if kudos is None:
        return None
    recipients = tuple(uow.repository(KudosRepository).recipients(kudos.id))
    return Target(recipients, shoutout_of=kudos.id, shoutout_giver=kudos.giver_id)


def give_reaction_kudos(  # noqa: PLR0913  # keyword-only: the rules and people it is decided with
    uow: UnitOfWork,
    reaction: Reaction,
    target: Target,
    *,
    rules: WorkspaceKudosRules,
    people: Mapping[str, MemberProfile | None],
    now: datetime,
) -> KudosOutcome | None:
    """Record the reaction's kudos and its messages, or the giver's kind refusal; None when
    nothing is said at all (a bot reacting or written to, a second reaction on one message)."""
    if _says_nothing(reaction, target, people):
        return None
    screened = _screen(reaction, target, people)
    outcome = (
        screened
        if isinstance(screened, KudosRefused)
        else _record(
            uow, reaction, screened, rules=rules, giver=people.get(reaction.giver_id), now=now
        )
    )
    if isinstance(outcome, KudosRefused):
        uow.outbox.add(_refusal(reaction, outcome, now=now), now=now)
    return outcome


def _says_nothing(
    reaction: Reaction, target: Target, people: Mapping[str, MemberProfile | None]
) -> bool:
    """A bot (or a stranger) reacting, a bot's message, or on a shout-out its giver or one of
    its recipients (a thank-you): no kudos, and nothing said."""
    giver = people.get(reaction.giver_id)
    if giver is None or giver.is_bot or giver.deleted:
        return True
    if target.shoutout_of is None:
        author = people.get(target.recipient_ids[0])
        return author is not None and author.is_bot
    return reaction.giver_id == target.shoutout_giver or reaction.giver_id in target.recipient_ids


def _screen(
    reaction: Reaction, target: Target, people: Mapping[str, MemberProfile | None]
) -> KudosRefused | tuple[Target, Screening]:
    """Who of the target may receive kudos (the rules every kudos shares), or why nobody."""
    request = _as_request(reaction, target.recipient_ids)
    if request.recipient_ids == (reaction.giver_id,):
        return KudosRefused(Refusal.ONLY_YOURSELF)
    screening = screen_recipients(request, people)
    if not screening.kept:
        return KudosRefused(Refusal.NOBODY_LEFT, left_out=tuple(screening.left_out))
    return target, screening


def _record(  # noqa: PLR0913  # keyword-only: the limits it is recorded within
    uow: UnitOfWork,
    reaction: Reaction,
    screened: tuple[Target, Screening],
    *,
    rules: WorkspaceKudosRules,
    giver: MemberProfile | None,
    now: datetime,
) -> KudosOutcome | None:
    """The kudos and its messages, within one per message and the daily limit."""
    target, screening = screened
    team_id, giver_id = reaction.team_id, reaction.giver_id
    kudos, reactions = uow.repository(KudosRepository), uow.repository(ReactionKudosRepository)
    uow.workspaces.ensure(team_id, now=now)
    kudos.lock_giver(team_id, giver_id)  # one decision per giver at a time
    if reactions.given_for(team_id, giver_id, *reaction.item) is not None:
        return None  # one kudos per giver per message, however often they react
    day_start, day_end = local_day(now, giver.tz if giver else None)
    given_today, _ = kudos.giving_since(
        team_id, giver_id, day_start=day_start, fingerprint="", repeat_since=now
    )
    if given_today >= rules.daily_limit:
        return KudosRefused(Refusal.DAILY_LIMIT, resets_at=day_end, limit=rules.daily_limit)
    kudos_id = reactions.add(
        team_id=team_id,
        giver_id=giver_id,
        item=reaction.item,
        reaction=reaction.emoji,
        recipient_ids=screening.kept,
        now=now,
    )
    on_shoutout = target.shoutout_of is not None
    _enqueue(uow, reaction, kudos_id, screening.kept, on_shoutout=on_shoutout, now=now)
    return KudosGiven(kudos_id, tuple(screening.kept), left_out=tuple(screening.left_out))


def _enqueue(  # noqa: PLR0913  # keyword-only: the kudos just recorded
    uow: UnitOfWork,
    reaction: Reaction,
    kudos_id: int,
    recipients: Sequence[str],
    *,
    on_shoutout: bool,
    now: datetime,
) -> None:
    """The giver's note, and a DM for each recipient not already waiting for one."""
    team_id = reaction.team_id
    note = ReactionNotedPayload(
        event_id=reaction.event_id,
        kudos_id=kudos_id,
        giver_id=reaction.giver_id,
        recipient_ids=tuple(recipients),
        on_shoutout=on_shoutout,
    )
    messages = [
        REACTION_NOTED.message(
            note, team_id=team_id, channel=reaction.channel_id, lane=reaction.giver_lane
        )
    ]
    reactions = uow.repository(ReactionKudosRepository)
    for recipient in recipients:
        if reactions.others_untold(team_id, reaction.item, recipient, besides=kudos_id):
            continue  # a DM that gathers this one too is waiting
        payload = AppreciatedPayload(
            event_id=reaction.event_id,
            kudos_id=kudos_id,
            recipient_id=recipient,
            channel_id=reaction.channel_id,
            item_ts=reaction.ts,
            on_shoutout=on_shoutout,
            link_to=reaction.item,
        )
        messages.append(
            APPRECIATED_DM.message(
                payload,
                team_id=team_id,
                channel=recipient,
                subject_id=kudos_id,
                not_before=now + GATHER_WINDOW,
            )
        )
    uow.outbox.add_fresh(messages, now=now)


def take_back_reaction(uow: UnitOfWork, reaction: Reaction) -> bool:
    """The reaction was removed: its kudos goes, unless a recipient was already told."""
    return uow.repository(ReactionKudosRepository).take_back(
        reaction.team_id, reaction.giver_id, reaction.item, reaction.emoji
    )


def load_appreciation(
    uow: UnitOfWork, message: OutboxMessage, payload: AppreciatedPayload, _now: datetime
) -> AppreciatedPayload:
    """The givers the DM tells of, now (each told once); nothing to say if all were taken back
    or another DM told of them."""
    givers = uow.repository(ReactionKudosRepository).gather(
        message.team_id,
        (payload.channel_id, payload.item_ts),
        payload.recipient_id,
        message_id=message.id,
    )
    if not givers:
        raise NothingToSayError
    return payload.model_copy(update={"giver_ids": tuple(givers)})


def on_appreciation_delivered(
    uow: UnitOfWork, message: OutboxMessage, delivery: Delivery, _now: datetime
) -> None:
    """Keep the message's permalink with the kudos it told of (for the journal and export)."""
    if delivery.permalink:
        uow.repository(ReactionKudosRepository).remember_link(message.id, delivery.permalink)


def _as_request(reaction: Reaction, recipient_ids: tuple[str, ...]) -> KudosRequest:
    """The reaction as a kudos request, for the rules all kudos share."""
    return KudosRequest(
        team_id=reaction.team_id,
        giver_id=reaction.giver_id,
        recipient_ids=recipient_ids,
        message="",
        message_length=0,
        values=(),
        source=Source.REACTION,
        channel_id=reaction.channel_id,
        can_post_in_channel=False,
        app_user_id=reaction.app_user_id,
    )


def _refusal(reaction: Reaction, refused: KudosRefused, *, now: datetime) -> NewMessage:
    payload = ReactionRefusedPayload(
        event_id=reaction.event_id,
        giver_id=reaction.giver_id,
        reason=refused.reason,
        noted_at=now,
        limit=refused.limit,
        resets_at=refused.resets_at,
        left_out=refused.left_out,
    )
    return REACTION_REFUSED.message(
        payload, team_id=reaction.team_id, channel=reaction.channel_id, lane=reaction.giver_lane
    )
