"""Kudos values the service decides with and the Block Kit builders show: limits, requests,
outcomes. Pure: nothing here reaches the store or Slack."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

MAX_RECIPIENTS = 10
MAX_MESSAGE_LENGTH = 1000
DEFAULT_VALUES = ("kindness", "teamwork", "courage", "craft", "care")
DEFAULT_REACTIONS = ("yellow_heart",)


MAX_GATHERED = 12  # kudos held for one person that one DM gathers (it fits Slack's 50 blocks)


class ReceivedNote(BaseModel):
    """One kudos in a DM that gathers several (held while its recipient was away)."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    kudos_id: int
    giver_id: str
    message: str
    values: tuple[str, ...] = ()
    channel_id: str | None = None  # where its shout-out is
    thanked: bool = False


class Source(StrEnum):
    COMMAND = "command"
    MODAL = "modal"
    REACTION = "reaction"


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
    reactions: tuple[str, ...] = DEFAULT_REACTIONS  # the emoji that give kudos (names)
