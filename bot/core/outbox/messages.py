"""Typed outbox messages: each kind is defined once, by its feature, and registered here.

A :class:`MessageKind` holds everything the outbox needs to know about one kind of message:
its name (the ``kind`` column), the Slack method that sends it, the idempotency key, a typed
payload that survives a JSON round trip, an optional deadline, the renderer, an optional loader
that reads current state at send time, an optional hook that reacts to the delivery, and whether
it waits for its person's working hours. The dispatcher knows only this interface.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from bot.core.outbox.delivery import DeliveryHook
from bot.core.outbox.rendered import RenderedMessage
from bot.core.outbox.values import DeliveryMethod, NewMessage
from bot.core.store.models import OutboxMessage
from bot.core.store.unit_of_work import UnitOfWork

__all__ = [
    "MessageKind",
    "MessageKinds",
    "NothingToSayError",
    "Payload",
    "UnknownKindError",
    "UnreadablePayloadError",
]


class Payload(BaseModel):
    """A message's plain data, stored as JSON in the outbox row.

    The fields here are read by the outbox engine itself, for every kind; a feature's payload
    adds its own. Unknown fields are ignored, so a row written by an earlier version (with a
    field no longer read) still delivers.
    """

    model_config = ConfigDict(frozen=True, extra="ignore")

    response_url: str | None = None  # for RESPONSE_URL: where the answer goes
    link: bool = False  # link to the message this one depends on (its permalink)
    link_to: tuple[str, str] | None = None  # or to this ``(channel, ts)``
    send_by: datetime | None = None  # not welcome after this moment
    unless_dnd: str | None = None  # skipped while this person is on do-not-disturb


P = TypeVar("P", bound=Payload)

# Reads what a message shows at the moment it is sent, in the claim's unit of work.
Loader = Callable[[UnitOfWork, OutboxMessage, P, datetime], P]


class NothingToSayError(Exception):
    """Raised by a loader when, as things stand now, the message has nothing left to say: it is
    marked superseded and never sent."""


class UnknownKindError(KeyError):
    """An outbox message of a kind this version does not know (a newer version wrote it)."""


class UnreadablePayloadError(ValueError):
    """An outbox row whose payload does not fit its kind."""


def _no_deadline(payload: Payload) -> datetime | None:
    return payload.send_by


@dataclass(frozen=True, slots=True, kw_only=True)
class MessageKind(Generic[P]):
    """One kind of outbox message. ``key`` is a template filled from the payload's fields
    and the ``key_fields`` given to :meth:`message` (``"win-shared:{win_id}"``)."""

    name: str
    method: DeliveryMethod
    payload: type[P]
    key: str
    render: Callable[[P, str | None], RenderedMessage]
    load: Loader[P] | None = None
    on_delivered: DeliveryHook | None = None
    deadline: Callable[[P], datetime | None] = _no_deadline
    # Waits for its person's working hours and the end of their do-not-disturb: anything said
    # to one person (a DM, addressed by user id) that is not the check-in itself or a direct
    # answer to something they just did.
    quiet_hours: bool = False

    def key_for(self, payload: P | None = None, **key_fields: object) -> str:
        """The idempotency key of the message with ``payload`` and ``key_fields``."""
        fields = payload.model_dump() if payload is not None else {}
        return self.key.format(**{**fields, **key_fields})

    def message(  # noqa: PLR0913  # keyword-only: the outbox row's optional columns
        self,
        payload: P,
        *,
        team_id: str,
        channel: str | None,
        subject_id: int | None = None,
        depends_on_key: str | None = None,
        not_before: datetime | None = None,
        skipped_late: bool = False,
        lane: str | None = None,
        **key_fields: object,
    ) -> NewMessage:
        """The outbox row for ``payload``, with this kind's key, method and name."""
        return NewMessage(
            team_id=team_id,
            idempotency_key=self.key_for(payload, **key_fields),
            kind=self.name,
            method=self.method,
            channel=channel,
            payload=payload.model_dump(mode="json"),
            subject_id=subject_id,
            depends_on_key=depends_on_key,
            not_before=not_before,
            skipped_late=skipped_late,
            lane=lane,
        )

    def read(self, raw: Mapping[str, Any]) -> P:
        """The typed payload of a stored row."""
        try:
            return self.payload.model_validate(raw)
        except ValidationError as error:
            raise UnreadablePayloadError(
                f"{self.name}: {error.error_count()} bad fields"
            ) from error

    def key_names(self) -> tuple[str, ...]:
        """The names the key template uses."""
        return tuple(name for _, name, _, _ in string.Formatter().parse(self.key) if name)


class MessageKinds:
    """Every kind the running version knows, by name: registered once, at start."""

    def __init__(self, kinds: Iterable[MessageKind[Any]]) -> None:
        self._kinds: dict[str, MessageKind[Any]] = {}
        for kind in kinds:
            if kind.name in self._kinds:
                raise ValueError(f"outbox kind {kind.name!r} is defined twice")
            self._kinds[kind.name] = kind

    def __getitem__(self, name: str) -> MessageKind[Any]:
        found = self._kinds.get(name)
        if found is None:
            raise UnknownKindError(name)
        return found

    def __contains__(self, name: object) -> bool:
        return name in self._kinds

    def __iter__(self) -> Iterator[MessageKind[Any]]:
        return iter(self._kinds.values())

    def render(
        self, name: str, raw: Mapping[str, Any], *, permalink: str | None
    ) -> RenderedMessage:
        """Render a stored payload of kind ``name`` (without a loader's current state)."""
        kind = self[name]
        return kind.render(kind.read(raw), permalink)

    def names(self) -> tuple[str, ...]:
        """Every registered kind's name."""
        return tuple(self._kinds)
