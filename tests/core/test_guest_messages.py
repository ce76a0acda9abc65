"""The guest notice and the Messages-tab reply read the rows the untyped code wrote, and
keep their keys."""

from __future__ import annotations

from bot.core.guest_messages import GUEST_NOTICE
from bot.core.outbox.messages import Payload
from bot.core.outbox.values import DeliveryMethod
from bot.help.messages import DIRECT_MESSAGE_REPLY
from tests.fakeslack.validation import blocks_problems
from tests.support.messages import render

URL = "https://hooks.slack.com/actions/T1/1/x"


def test_rows_as_the_untyped_code_wrote_them_still_render() -> None:
    notice = render("guest_notice", {"response_url": URL}, permalink=None)
    assert notice.text
    assert notice.extra == {"response_type": "ephemeral", "replace_original": False}
    reply = render("direct_message_reply", {}, permalink=None)
    assert blocks_problems(reply.blocks) == []
    assert reply.blocks[0]["type"] == "section"  # the kind first line, then the help


def test_keys_are_todays() -> None:
    assert GUEST_NOTICE.key_for(Payload(response_url=URL), interaction_id="I1") == "guest:I1"
    assert DIRECT_MESSAGE_REPLY.key_for(Payload(), event_id="Ev1") == "direct-message:Ev1"
    notice = GUEST_NOTICE.message(
        Payload(response_url=URL), team_id="T1", channel=None, interaction_id="I1"
    )
    assert (notice.kind, notice.method, notice.payload["response_url"]) == (
        "guest_notice",
        DeliveryMethod.RESPONSE_URL,
        URL,
    )
    reply = DIRECT_MESSAGE_REPLY.message(Payload(), team_id="T1", channel="D1", event_id="Ev1")
    assert (reply.kind, reply.method, reply.channel) == (
        "direct_message_reply",
        DeliveryMethod.POST_MESSAGE,
        "D1",
    )
