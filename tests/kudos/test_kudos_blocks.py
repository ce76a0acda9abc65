"""Kudos Block Kit builders: pure, and always within Slack's limits."""

from __future__ import annotations

import json
import re

from bot.kudos.blocks.answers import left_out_text, refusal_text
from bot.kudos.blocks.shoutout import kudos_modal, people, quote, received_blocks, shoutout_blocks
from bot.kudos.messages import (
    CROSSPOST,
    NOT_ANNOUNCED_DM,
    RECEIVED_DM,
    SHOUTOUT,
    THANKED_UPDATE,
    THANKS_DM,
)
from bot.kudos.values import MAX_GATHERED, KudosRefused, LeftOut, Refusal
from tests.fakeslack.validation import blocks_problems, view_problems
from tests.support.clock import ManualClock
from tests.support.messages import kind_names, render

PAYLOAD = {
    "kudos_id": 7,
    "giver_id": "UA",
    "recipient_ids": ["UB", "UC"],
    "recipient_id": "UB",
    "message": "thanks &amp; more",
    "values": ["care"],
    "channel_id": "C1",
    "ts": "1.2",
}


def test_people_are_listed_naturally() -> None:
    assert people(["UA"]) == "<@UA>"
    assert people(["UA", "UB"]) == "<@UA> and <@UB>"
    assert people(["UA", "UB", "UC"]) == "<@UA>, <@UB> and <@UC>"


def test_a_message_of_1000_escaped_characters_still_fits_a_section() -> None:
    message = " ".join(["&amp;&lt;&gt;"] * 300)
    blocks = shoutout_blocks(
        giver_id="UA", recipient_ids=["UB"] * 10, message=message, values=["care"]
    )
    assert blocks_problems(blocks) == []
    assert len(quote(message)) <= 3000


def test_a_trimmed_quote_never_ends_inside_an_escape_or_a_mention() -> None:
    for filler in ("&amp;", "<@U0123456>", "ab &lt; "):
        trimmed = quote(filler * 1000)
        assert len(trimmed) <= 3000
        body = trimmed.removesuffix("…")
        assert not re.search(r"(&[a-z]*|<[^>]*)$", body), filler


def test_received_blocks_offer_thanks_until_pressed() -> None:
    offered = received_blocks(
        kudos_id=1, giver_id="UA", message="hi", values=[], permalink="https://x/p1", thanked=False
    )
    thanked = received_blocks(
        kudos_id=1, giver_id="UA", message="hi", values=[], permalink=None, thanked=True
    )
    assert offered[-1]["type"] == "actions"
    assert "kudos_say_thanks" not in json.dumps(thanked)
    assert blocks_problems(offered) == blocks_problems(thanked) == []


def test_every_kudos_outbox_kind_renders_valid_block_kit() -> None:
    kudos_kinds = {
        kind.name
        for kind in (SHOUTOUT, CROSSPOST, RECEIVED_DM, THANKS_DM, THANKED_UPDATE, NOT_ANNOUNCED_DM)
    }
    assert kudos_kinds <= kind_names()
    for kind in kudos_kinds:
        rendered = render(kind, PAYLOAD, permalink="https://kindling-test.slack.com/archives/C1/p1")
        assert rendered.text
        assert blocks_problems(rendered.blocks) == [], kind


def test_the_most_kudos_one_dm_gathers_fit_slacks_limits_at_their_longest() -> None:
    longest = " ".join(["&amp;&lt;&gt;"] * 300)  # 1,000 characters, escaped as Slack sends them
    notes = [
        {"kudos_id": n, "giver_id": f"U{n:04d}", "message": longest, "values": ["care"] * 5,
         "channel_id": "CGENERAL", "thanked": n % 2 == 0}
        for n in range(MAX_GATHERED)
    ]  # fmt: skip
    gathered = {**PAYLOAD, "also": notes}
    received = render(RECEIVED_DM.name, gathered, permalink=None)
    assert blocks_problems(received.blocks) == []
    assert len(received.blocks) <= 50
    assert received.text == f"💛 {MAX_GATHERED + 1} kudos came your way while you were away"
    thanked = {**PAYLOAD, "ts": "1.2", "gathered": notes}
    update = render(THANKED_UPDATE.name, thanked, permalink=None)
    assert blocks_problems(update.blocks) == []
    assert json.dumps(update.blocks).count("kudos_say_thanks") == MAX_GATHERED // 2


def test_the_modal_is_a_valid_view() -> None:
    view = kudos_modal(
        values=[f"value{n}" for n in range(15)],
        initial_user_ids=["UB"],
        metadata={"channel_id": "C1"},
    )
    assert view_problems(view) == []
    assert len(view["blocks"][2]["element"]["options"]) == 10, "checkboxes hold at most 10"


def test_every_refusal_and_left_out_reason_has_a_phrase() -> None:
    clock = ManualClock()
    for reason in Refusal:
        refusal = KudosRefused(
            reason, resets_at=clock.now(), limit=10, left_out=(("UB", LeftOut.BOT),)
        )
        assert refusal_text(refusal, now=clock.now(), plain_names=["bob"], message_length=1200)
    for left_out in LeftOut:
        assert left_out_text("UB", left_out)
