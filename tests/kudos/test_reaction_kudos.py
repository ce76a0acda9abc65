"""Kudos with one reaction, over real HTTP against the strict fake Slack: the events arrive as
Slack sends them (only when subscribed, granted ``reactions:read`` and in a channel the bot is
in), the giver's note is an ephemeral, and each author hears once, in one DM."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.core.outbox.values import OutboxStatus
from bot.core.store.models import OutboxMessage
from bot.kudos.models import Kudos, KudosRecipient
from tests.fakeslack import FakeSlack
from tests.support.checkins import press
from tests.support.kudos import (
    APP,
    BOB,
    CARA,
    DEPLOYBOT,
    GENERAL,
    GIVER,
    GONE,
    count,
    kudos_command,
    posted_json,
)
from tests.support.reactions import (
    DANA,
    ELSEWHERE,
    EVE,
    FINN,
    GRETA,
    MESSAGE_TS,
    add_colleagues,
    dms_to,
    ephemerals_to,
    heart,
    later,
    react,
)
from tests.support.running import RunningApp
from tests.support.settings import ADMIN, submit


@pytest.fixture(autouse=True)
def people(fake_slack: FakeSlack) -> None:
    add_colleagues(fake_slack)


def appreciations(app: RunningApp) -> int:
    """How many DMs for gathered reactions the outbox holds."""
    with app.kindling.engine.connect() as connection:
        kinds = connection.scalars(select(OutboxMessage.kind)).all()
    return kinds.count("kudos.appreciated")


def reaction_kudos(app: RunningApp) -> list[tuple[str, str | None, str | None, list[str]]]:
    """(giver, message ts, permalink, recipients) of every reaction kudos."""
    with app.kindling.engine.connect() as connection:
        rows = connection.execute(
            select(Kudos.id, Kudos.giver_id, Kudos.item_ts, Kudos.item_link, Kudos.message)
            .where(Kudos.source == "reaction")
            .order_by(Kudos.id)
        ).all()
        found = []
        for kudos_id, giver, ts, link, message in rows:
            assert message == "", "Kindling never keeps the text of someone's message"
            recipients = connection.scalars(
                select(KudosRecipient.recipient_id).where(KudosRecipient.kudos_id == kudos_id)
            ).all()
            found.append((giver, ts, link, sorted(recipients)))
    return found


def test_reactions_on_a_message_give_its_author_kudos_told_once_in_one_dm(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    app, slack = running_app, fake_slack
    for giver in (GIVER, CARA, DANA, EVE, FINN):
        heart(app, slack, giver)
    app.kindling.dispatcher.drain()
    assert dms_to(slack, BOB) == [], "the author's DM waits for more reactions"
    (note,) = ephemerals_to(slack, GIVER)
    assert f"Your kudos to <@{BOB}> is noted" in note
    assert all(call.args["channel"] == GENERAL for call in slack.calls("chat.postEphemeral"))
    assert [(giver, ts) for giver, ts, _, _ in reaction_kudos(app)] == [
        (giver, MESSAGE_TS) for giver in (GIVER, CARA, DANA, EVE, FINN)
    ]
    assert appreciations(app) == 1, "one DM waits, gathering the rest"

    later(app)
    (dm,) = dms_to(slack, BOB)
    assert (
        dm.args["text"]
        == f"<@{GIVER}>, <@{CARA}>, <@{DANA}> and 2 others appreciated your message 💛"
    )
    blocks = json.dumps(posted_json(dm.args, "blocks"))
    permalink = f"https://kindling-test.slack.com/archives/{GENERAL}/p{MESSAGE_TS.replace('.', '')}"
    assert f"<{permalink}|See the message>" in blocks
    assert "kudos_pass_it_on" in blocks
    assert {link for _, _, link, _ in reaction_kudos(app)} == {permalink}, "kept for the journal"

    heart(app, slack, GRETA)  # after Bob was told: a DM of its own, later
    later(app)
    assert [call.args["text"] for call in dms_to(slack, BOB)][1:] == [
        f"<@{GRETA}> appreciated your message 💛"
    ]
    later(app, timedelta(hours=1))
    assert len(dms_to(slack, BOB)) == 2, "each reaction is told once"


def test_the_same_reaction_delivered_again_by_slacks_retry_counts_once(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    heart(running_app, fake_slack, GIVER, event_id="EvSame")
    heart(running_app, fake_slack, GIVER, event_id="EvSame", retry_num=1)
    later(running_app)
    assert len(reaction_kudos(running_app)) == 1
    assert len(ephemerals_to(fake_slack, GIVER)) == 1
    assert len(dms_to(fake_slack, BOB)) == 1


def test_a_retry_arriving_after_the_reaction_was_taken_back_gives_nothing_again(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    heart(running_app, fake_slack, GIVER, event_id="EvAdded")
    heart(running_app, fake_slack, GIVER, removed=True)
    heart(running_app, fake_slack, GIVER, event_id="EvAdded", retry_num=1)  # Slack's late retry
    assert reaction_kudos(running_app) == [], "the ledger remembers the first delivery"


def test_one_kudos_per_giver_per_message_however_often_or_with_whichever_kudos_emoji(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    submit(running_app, fake_slack, ADMIN)  # the kudos emoji: yellow_heart and tada
    heart(running_app, fake_slack, GIVER)
    heart(running_app, fake_slack, GIVER, emoji="tada")
    heart(running_app, fake_slack, GIVER, emoji="clap::skin-tone-3")  # not a kudos emoji
    heart(running_app, fake_slack, GIVER, ts="1764062100.000200")  # another message
    later(running_app)
    assert [ts for _, ts, _, _ in reaction_kudos(running_app)] == [MESSAGE_TS, "1764062100.000200"]
    assert len(ephemerals_to(fake_slack, GIVER)) == 2, "nothing said for a second reaction"


def test_the_kudos_emoji_is_the_one_the_workspace_chose(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    submit(running_app, fake_slack, ADMIN, kudos_reactions="raised_hands")
    heart(running_app, fake_slack, GIVER)  # yellow_heart is no longer a kudos emoji
    assert reaction_kudos(running_app) == []
    heart(running_app, fake_slack, GIVER, emoji="raised_hands::skin-tone-2")
    assert [giver for giver, *_ in reaction_kudos(running_app)] == [GIVER]
    refused = submit(running_app, fake_slack, ADMIN, kudos_reactions="not an emoji!").json()
    assert refused["response_action"] == "errors"
    assert "emoji names" in json.dumps(refused["errors"])


def test_taking_the_reaction_back_before_the_author_was_told_takes_the_kudos_back(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    app, slack = running_app, fake_slack
    heart(app, slack, GIVER)
    heart(app, slack, GIVER, emoji="tada", removed=True)  # not the emoji it was given with
    assert len(reaction_kudos(app)) == 1
    heart(app, slack, GIVER, removed=True)
    assert reaction_kudos(app) == []
    later(app)
    assert dms_to(slack, BOB) == [], "nobody is told of a kudos taken back"
    with app.kindling.engine.connect() as connection:
        statuses = dict(connection.execute(select(OutboxMessage.kind, OutboxMessage.status)).all())
    assert statuses["kudos.appreciated"] == OutboxStatus.SUPERSEDED

    heart(app, slack, GIVER)  # given again, and this time told
    later(app)
    assert len(dms_to(slack, BOB)) == 1
    heart(app, slack, GIVER, removed=True)
    assert len(reaction_kudos(app)) == 1, "once the author was told, the kudos stays"


def test_one_of_several_taking_theirs_back_leaves_the_others_in_the_one_dm(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    heart(running_app, fake_slack, GIVER)  # the first: its DM gathers the others
    heart(running_app, fake_slack, CARA)
    heart(running_app, fake_slack, GIVER, removed=True)
    later(running_app)
    (dm,) = dms_to(fake_slack, BOB)
    assert dm.args["text"] == f"<@{CARA}> appreciated your message 💛"


def test_a_reaction_on_a_shoutout_adds_the_reactor_as_a_giver_to_its_recipients(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    app, slack = running_app, fake_slack
    kudos_command(app, slack, f"<@{BOB}> <@{CARA}> for the calm release")
    app.kindling.dispatcher.drain()
    (shoutout,) = [c for c in slack.calls("chat.postMessage") if c.args["channel"] == GENERAL]
    shout_ts = shoutout.result["ts"]
    heart(app, slack, DANA, author=APP, ts=shout_ts)
    heart(app, slack, BOB, author=APP, ts=shout_ts)  # a recipient: a thank-you, not a kudos
    heart(app, slack, GIVER, author=APP, ts=shout_ts)  # the giver gave this kudos already
    heart(app, slack, EVE, author=APP, ts="1764062300.000300")  # another Kindling message
    assert reaction_kudos(app) == [(DANA, shout_ts, None, [BOB, CARA])]
    app.kindling.dispatcher.drain()
    (note,) = ephemerals_to(slack, DANA)
    assert f"added your kudos to the shout-out for <@{BOB}> and <@{CARA}>" in note
    assert ephemerals_to(slack, BOB) == ephemerals_to(slack, GIVER) == []
    later(app)
    for recipient in (BOB, CARA):
        added = [c for c in dms_to(slack, recipient) if "shout-out" in c.args["text"]]
        assert [c.args["text"] for c in added] == [
            f"<@{DANA}> added their kudos to your shout-out 💛"
        ]


@pytest.mark.parametrize(
    ("giver", "author", "said"),
    [
        pytest.param(GIVER, GIVER, "Self-kindness counts too", id="own-message"),
        pytest.param(GIVER, GONE, "has left the workspace", id="deactivated-author"),
        pytest.param(GIVER, DEPLOYBOT, None, id="a-bots-message"),
        pytest.param(DEPLOYBOT, BOB, None, id="by-a-bot"),
        pytest.param(GIVER, None, None, id="a-webhooks-message"),
    ],
)
def test_a_reaction_gives_kudos_only_where_a_kudos_would(
    running_app: RunningApp, fake_slack: FakeSlack, giver: str, author: str | None, said: str | None
) -> None:
    heart(running_app, fake_slack, giver, author=author)
    later(running_app)
    assert reaction_kudos(running_app) == []
    assert fake_slack.calls("chat.postMessage") == []
    notes = ephemerals_to(fake_slack, giver)
    if said is None:
        assert notes == [], "nothing is said"
    else:
        (note,) = notes
        assert said in note


def test_the_daily_limit_counts_reaction_kudos_at_the_givers_local_midnight(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    submit(running_app, fake_slack, ADMIN, daily_limit="2")
    kudos_command(running_app, fake_slack, f"<@{CARA}> for the notes")
    heart(running_app, fake_slack, GIVER)
    heart(running_app, fake_slack, GIVER, ts="1764062100.000200")
    assert len(reaction_kudos(running_app)) == 1
    running_app.kindling.dispatcher.drain()
    (_, refused) = ephemerals_to(fake_slack, GIVER)
    assert "You've given 2 kudos today, the daily limit" in refused
    assert count(running_app, Kudos) == 2


def test_reactions_in_a_channel_kindling_is_not_in_never_arrive(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    assert react(running_app, fake_slack, user=GIVER, author=BOB, channel=ELSEWHERE) is None
    fake_slack.channel_members[ELSEWHERE].append(APP)  # someone adds Kindling
    heart(running_app, fake_slack, GIVER, channel=ELSEWHERE)
    assert [giver for giver, *_ in reaction_kudos(running_app)] == [GIVER]


def test_pass_it_on_opens_the_kudos_form_for_a_shoutout_where_the_kindness_happened(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    heart(running_app, fake_slack, GIVER)
    later(running_app)
    (dm,) = dms_to(fake_slack, BOB)
    assert press(running_app, fake_slack, dm, "kudos_pass_it_on", user=BOB).status == 200
    (opened,) = fake_slack.calls("views.open")
    view = posted_json(opened.args, "view")
    assert view["callback_id"] == "kudos_modal"
    assert json.loads(view["private_metadata"]) == {"channel_id": GENERAL, "can_post": True}


def test_two_givers_notes_in_one_channel_go_side_by_side(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    """Each giver's private note goes in their own lane: a busy channel's notes do not wait
    for each other, one round trip at a time (one giver's keep their order: the daily limit)."""
    heart(running_app, fake_slack, GIVER)
    heart(running_app, fake_slack, DANA)
    fake_slack.hold_next("chat.postEphemeral", until_calls=2, timeout=2.0)
    running_app.kindling.dispatcher.drain()
    assert fake_slack.held_released is True, "the second note came while the first was held"
    assert len(ephemerals_to(fake_slack, GIVER)) == len(ephemerals_to(fake_slack, DANA)) == 1
