"""The kudos' typed kinds read the rows the untyped code wrote, and keep its keys."""

from __future__ import annotations

from typing import Any

import pytest

from bot.core.outbox.messages import MessageKind, Payload
from bot.core.outbox.rendered import RenderedMessage
from bot.core.outbox.values import DeliveryMethod
from bot.core.slack.blocks import text_blocks
from bot.kudos.blocks import shoutout as blocks
from bot.kudos.messages import (
    CROSSPOST,
    NOT_ANNOUNCED_DM,
    RECEIVED_DM,
    SHOUTOUT,
    SHOUTOUT_AS_REPLY,
    SHOUTOUT_RETRIED_AS_REPLY,
    THANKED_UPDATE,
    THANKS_DM,
    NotAnnouncedPayload,
    ReceivedPayload,
    ShoutoutPayload,
    ThankedPayload,
    ThanksPayload,
)
from tests.support.messages import render

URL = "https://hooks.slack.com/commands/T1/1/x"
LINK = "https://kindling-test.slack.com/archives/C1/p1"

# The payload dicts exactly as the untyped service wrote them (its ``NewMessage(...)`` calls).
SHOUT = {
    "kudos_id": 7,
    "giver_id": "UA",
    "recipient_ids": ["UB", "UC"],
    "message": "thanks &amp; more",
    "values": ["care"],
    "channel_id": "C1",
    "response_url": URL,
}
PRIVATE = {**SHOUT, "response_url": None}
RECEIVED = {**PRIVATE, "recipient_id": "UB", "link": True}
THANKS = {"kudos_id": 7, "giver_id": "UA", "recipient_id": "UB"}
THANKED = {**THANKS, "ts": "1.2", "message": "thanks &amp; more", "values": ["care"], "link": True}
NOT_ANNOUNCED = {"kudos_id": 7, "channel_id": None, "recipient_ids": ["UB", "UC"]}

SHOUTOUT_RENDERED = RenderedMessage(
    text=blocks.shoutout_text(giver_id="UA", recipient_ids=["UB", "UC"]),
    blocks=blocks.shoutout_blocks(
        giver_id="UA", recipient_ids=["UB", "UC"], message="thanks &amp; more", values=["care"]
    ),
    extra={"response_type": "in_channel", "replace_original": False},
)


def received_rendered(*, thanked: bool) -> RenderedMessage:
    return RenderedMessage(
        text=blocks.received_text(giver_id="UA"),
        blocks=blocks.received_blocks(
            kudos_id=7,
            giver_id="UA",
            message="thanks &amp; more",
            values=["care"],
            permalink=LINK,
            thanked=thanked,
            channel_id=None if thanked else "C1",  # "Pass it on" thanks someone there
        ),
        extra={"ts": "1.2"} if thanked else {},
    )


def text_rendered(text: str) -> RenderedMessage:
    return RenderedMessage(text=text, blocks=text_blocks(text))


# (kind, the stored dict, the same payload typed, today's key, what today's renderer sent)
TODAYS_ROWS: list[tuple[MessageKind[Any], dict[str, Any], Payload, str, RenderedMessage]] = [
    (
        SHOUTOUT,
        SHOUT,
        ShoutoutPayload(
            kudos_id=7,
            giver_id="UA",
            recipient_ids=("UB", "UC"),
            message="thanks &amp; more",
            values=("care",),
            channel_id="C1",
            response_url=URL,
        ),
        "kudos:7:shoutout",
        SHOUTOUT_RENDERED,
    ),
    (
        CROSSPOST,
        PRIVATE,
        ShoutoutPayload(
            kudos_id=7,
            giver_id="UA",
            recipient_ids=("UB", "UC"),
            message="thanks &amp; more",
            values=("care",),
            channel_id="C1",
        ),
        "kudos:7:crosspost",
        SHOUTOUT_RENDERED,
    ),
    (
        RECEIVED_DM,
        RECEIVED,
        ReceivedPayload(
            kudos_id=7,
            giver_id="UA",
            recipient_ids=("UB", "UC"),
            message="thanks &amp; more",
            values=("care",),
            channel_id="C1",
            recipient_id="UB",
            link=True,
        ),
        "kudos:7:received:UB",
        received_rendered(thanked=False),
    ),
    (
        THANKS_DM,
        THANKS,
        ThanksPayload(kudos_id=7, giver_id="UA", recipient_id="UB"),
        "kudos:7:thanks:UB",
        text_rendered(blocks.thanks_text(recipient_id="UB")),
    ),
    (
        THANKED_UPDATE,
        THANKED,
        ThankedPayload(
            kudos_id=7,
            giver_id="UA",
            recipient_id="UB",
            ts="1.2",
            message="thanks &amp; more",
            values=("care",),
            link=True,
        ),
        "kudos:7:thanked:UB",
        received_rendered(thanked=True),
    ),
    (
        NOT_ANNOUNCED_DM,
        NOT_ANNOUNCED,
        NotAnnouncedPayload(kudos_id=7, channel_id=None, recipient_ids=("UB", "UC")),
        "kudos:7:not-announced",
        text_rendered(blocks.not_announced_text(recipient_ids=["UB", "UC"], channel_id=None)),
    ),
]
IDS = [row[0].name for row in TODAYS_ROWS]


@pytest.mark.parametrize(("kind", "stored", "typed", "key", "rendered"), TODAYS_ROWS, ids=IDS)
def test_a_row_written_by_the_untyped_code_renders_as_it_did(
    kind: MessageKind[Any],
    stored: dict[str, Any],
    typed: Payload,
    key: str,
    rendered: RenderedMessage,
) -> None:
    assert kind.read(stored) == typed
    assert render(kind.name, stored, permalink=LINK) == rendered


@pytest.mark.parametrize(("kind", "stored", "typed", "key", "rendered"), TODAYS_ROWS, ids=IDS)
def test_each_kind_writes_todays_key_and_todays_fields(
    kind: MessageKind[Any],
    stored: dict[str, Any],
    typed: Payload,
    key: str,
    rendered: RenderedMessage,
) -> None:
    row = kind.message(typed, team_id="T1", channel="C1", subject_id=7)
    assert row.idempotency_key == key
    assert row.kind == kind.name
    assert {name: row.payload[name] for name in stored} == stored
    engine_fields = {
        "response_url": None,
        "link": False,
        "link_to": None,
        "send_by": None,
        "unless_dnd": None,
        # added since, at their defaults (a row of the earlier release reads as these)
        "also": [],
        "gathered": [],
    }
    assert {name: row.payload[name] for name in row.payload.keys() - stored} == {
        name: engine_fields[name] for name in row.payload.keys() - stored
    }, "anything else is an engine field, or one added since, at its default"


def test_the_kind_names_and_methods_are_todays() -> None:
    assert [(kind.name, kind.method) for kind, *_ in TODAYS_ROWS] == [
        ("kudos.shoutout", DeliveryMethod.POST_MESSAGE),
        ("kudos.crosspost", DeliveryMethod.POST_MESSAGE),
        ("kudos.received", DeliveryMethod.POST_MESSAGE),
        ("kudos.thanks", DeliveryMethod.POST_MESSAGE),
        ("kudos.thanked", DeliveryMethod.UPDATE_MESSAGE),
        ("kudos.not_announced", DeliveryMethod.POST_MESSAGE),
    ]


def test_the_shoutout_through_a_response_url_keeps_todays_keys() -> None:
    shout = SHOUTOUT.read(SHOUT)
    as_reply = SHOUTOUT_AS_REPLY.message(shout, team_id="T1", channel=None, subject_id=7)
    retried = SHOUTOUT_RETRIED_AS_REPLY.message(shout, team_id="T1", channel=None, subject_id=7)
    assert (as_reply.kind, as_reply.method, as_reply.idempotency_key) == (
        "kudos.shoutout",
        DeliveryMethod.RESPONSE_URL,
        "kudos:7:shoutout",
    )
    assert (retried.kind, retried.method, retried.idempotency_key) == (
        "kudos.shoutout",
        DeliveryMethod.RESPONSE_URL,
        "kudos:7:shoutout-via-response-url",
    )
    assert {name: retried.payload[name] for name in SHOUT} == SHOUT, "the same shout-out"


def test_a_thanks_row_with_only_the_recipient_still_renders() -> None:
    """The renderer only ever read ``recipient_id``; such rows (hand-written) still deliver."""
    assert render("kudos.thanks", {"recipient_id": "UB"}, permalink=None) == text_rendered(
        blocks.thanks_text(recipient_id="UB")
    )


def test_a_stored_shoutout_without_a_channel_still_renders() -> None:
    stored = {key: value for key, value in SHOUT.items() if key != "channel_id"}
    assert render("kudos.shoutout", stored, permalink=None) == SHOUTOUT_RENDERED
