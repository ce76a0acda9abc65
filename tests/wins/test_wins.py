"""``/win``: a small win kept privately, shared in the channel once if its owner likes."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import select

from bot.core.slack import ids
from bot.core.store.models import OutboxMessage
from bot.kudos.models import Kudos
from bot.wins.models import Win
from tests.fakeslack import FakeSlack
from tests.support.checkins import ALICE, BOB, add_people
from tests.support.kudos import GENERAL, count, kudos_command
from tests.support.messages import render
from tests.support.running import RunningApp
from tests.support.signing import block_action
from tests.support.wins import win


@pytest.fixture(autouse=True)
def people(fake_slack: FakeSlack) -> None:
    add_people(fake_slack)


def share(app: RunningApp, slack: FakeSlack, reply: dict[str, Any], *, user: str = ALICE) -> None:
    button = reply["blocks"][-1]["elements"][0]
    assert button["action_id"] == ids.WIN_SHARE
    payload = block_action(
        button,
        team_id=slack.team_id,
        user_id=user,
        channel_id=GENERAL,
        response_url=slack.response_url(f"win-{user}"),
    )
    assert app.slack.interaction(payload).status == 200
    app.kindling.dispatcher.drain()


def shared_posts(slack: FakeSlack) -> list[str]:
    return [
        json.dumps(call.args["blocks"])
        for call in slack.calls("chat.postMessage")
        if "small win" in str(call.args["text"])
    ]


def test_a_win_is_kept_privately_and_shared_once_on_request(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    reply = win(running_app, fake_slack, "shipped my first PR")
    assert "shipped my first PR" in json.dumps(reply["blocks"])
    assert "Only you can see it" in json.dumps(reply["blocks"])
    running_app.kindling.dispatcher.drain()
    assert fake_slack.calls("chat.postMessage") == []  # private until shared
    share(running_app, fake_slack, reply, user=BOB)  # someone else's press does nothing
    assert shared_posts(fake_slack) == []
    share(running_app, fake_slack, reply)
    share(running_app, fake_slack, reply)
    (post,) = shared_posts(fake_slack)
    assert "shipped my first PR" in post
    (done,) = fake_slack.calls(f"response_url:win-{ALICE}")
    assert done.args["replace_original"] is True


def test_a_shared_win_keeps_the_previous_releases_idempotency_keys(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    """A changed key would let a win be posted twice across an upgrade."""
    share(running_app, fake_slack, win(running_app, fake_slack, "shipped my first PR"))
    with running_app.kindling.engine.connect() as connection:
        rows = connection.execute(
            select(OutboxMessage.kind, OutboxMessage.idempotency_key).order_by(OutboxMessage.id)
        ).all()
        win_id = connection.execute(select(Win.id)).scalar_one()
    assert [tuple(row) for row in rows if row.kind.startswith("win")] == [
        ("win_shared", f"win-shared:{win_id}"),
        ("win_share_done", f"win-share-done:{win_id}"),
    ]


def test_win_rows_written_by_the_previous_release_still_render() -> None:
    """The payloads exactly as the untyped service wrote them."""
    shared = render("win_shared", {"user_id": ALICE, "text": "shipped it"}, permalink=None)
    assert shared.text == f"🎉 <@{ALICE}> is celebrating a small win:"
    assert "shipped it" in json.dumps(shared.blocks)
    done = render(
        "win_share_done",
        {"response_url": "https://hooks.slack.com/x", "channel_id": GENERAL},
        permalink=None,
    )
    assert done.text == f"Shared in <#{GENERAL}> 🎉"
    assert done.extra == {"replace_original": True}


def test_a_win_in_a_dm_has_no_share_button(running_app: RunningApp, fake_slack: FakeSlack) -> None:
    reply = win(
        running_app, fake_slack, "rested without guilt", channel="DALICE", name="directmessage"
    )
    assert ids.WIN_SHARE not in json.dumps(reply["blocks"])
    assert count(running_app, Win) == 1


def test_a_shared_win_never_pings_the_channel(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    reply = win(running_app, fake_slack, "<!channel> we did it <!subteam^S1|@devs>")
    share(running_app, fake_slack, reply)
    (post,) = shared_posts(fake_slack)
    assert "<!" not in post
    assert "@channel we did it @devs" in post


@pytest.mark.parametrize(("text", "says"), [("", "For example: `/win"), ("x" * 501, "500")])
def test_an_empty_or_long_win_is_explained_and_nothing_is_kept(
    running_app: RunningApp, fake_slack: FakeSlack, text: str, says: str
) -> None:
    assert says in win(running_app, fake_slack, text)["text"]
    assert count(running_app, Win) == 0
    assert count(running_app, OutboxMessage) == 0


def test_a_kudos_to_yourself_is_offered_and_kept_as_a_private_win(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    reply = kudos_command(running_app, fake_slack, f"<@{ALICE}> for taking a real lunch break")
    assert reply.status == 200
    refused = reply.json()
    assert "Self-kindness counts too" in refused["text"]
    assert count(running_app, Kudos) == 0
    (button,) = refused["blocks"][-1]["elements"]
    assert button["action_id"] == ids.WIN_FROM_KUDOS
    payload = block_action(
        button,
        team_id=fake_slack.team_id,
        user_id=ALICE,
        channel_id=GENERAL,
        response_url=fake_slack.response_url(f"keep-{ALICE}"),
    )
    payload["channel"]["name"] = "general"
    assert running_app.slack.interaction(payload).status == 200
    running_app.kindling.dispatcher.drain()
    (kept,) = fake_slack.calls(f"response_url:keep-{ALICE}")
    assert kept.args["replace_original"] is True
    assert "for taking a real lunch break" in json.dumps(kept.args["blocks"])
    assert "Share in channel" in json.dumps(kept.args["blocks"]), "shareable, if they like"
    with running_app.kindling.engine.connect() as connection:
        (text,) = connection.execute(select(Win.text).where(Win.user_id == ALICE)).one()
    assert text == "for taking a real lunch break"
    assert count(running_app, Kudos) == 0, "still no kudos"
    assert shared_posts(fake_slack) == [], "kept privately"
