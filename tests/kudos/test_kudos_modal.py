"""The kudos modal: opened by ``/kudos`` and the "Send kudos" shortcut, validated, submitted."""

from __future__ import annotations

import json

import pytest

from bot.core.slack import ids
from bot.kudos.models import Kudos
from tests.fakeslack import FakeSlack
from tests.fakeslack.validation import view_problems
from tests.support.kudos import (
    BOB,
    CARA,
    GENERAL,
    GIVER,
    add_people,
    count,
    kudos_command,
    nothing_recorded,
    opened_view,
    posted_json,
    submission,
)
from tests.support.running import RunningApp


@pytest.fixture(autouse=True)
def people(fake_slack: FakeSlack) -> None:
    add_people(fake_slack)


def test_kudos_without_text_opens_the_modal(running_app: RunningApp, fake_slack: FakeSlack) -> None:
    answer = kudos_command(running_app, fake_slack, "")
    assert answer.status == 200
    view = opened_view(fake_slack)
    assert view["callback_id"] == ids.KUDOS_MODAL
    people = view["blocks"][0]["element"]
    assert people["type"] == "multi_users_select"
    assert people["max_selected_items"] == 10
    assert view["blocks"][1]["element"]["max_length"] == 1000
    options = [option["value"] for option in view["blocks"][2]["element"]["options"]]
    assert options == ["kindness", "teamwork", "courage", "craft", "care"]
    assert json.loads(view["private_metadata"]) == {"channel_id": GENERAL, "can_post": True}


def test_a_valid_submission_behaves_like_the_command(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    kudos_command(running_app, fake_slack, "")
    body = submission(
        fake_slack,
        opened_view(fake_slack),
        users=[BOB, CARA],
        message="You <b>rock</b> & roll <!channel>",
        values=("care",),
    )
    answer = running_app.slack.interaction(body)
    assert answer.status == 200
    reply = answer.json()
    assert reply["response_action"] == "update"
    assert view_problems(reply["view"]) == []
    assert f"<@{BOB}> and <@{CARA}> is on its way" in json.dumps(reply["view"]["blocks"])
    running_app.kindling.dispatcher.drain()
    shoutout = fake_slack.calls("chat.postMessage")[0]
    assert shoutout.args["channel"] == GENERAL
    rendered = json.dumps(posted_json(shoutout.args, "blocks"))
    assert "You &lt;b&gt;rock&lt;/b&gt; &amp; roll &lt;!channel&gt;" in rendered, (
        "escaped, never a mass mention"
    )
    assert "#care" in rendered
    assert (
        len([c for c in fake_slack.calls("chat.postMessage") if c.args["channel"] in {BOB, CARA}])
        == 2
    )


@pytest.mark.parametrize(
    ("users", "message", "block", "words"),
    [
        pytest.param([GIVER], "me!", ids.KUDOS_PEOPLE_BLOCK, "Self-kindness", id="only-yourself"),
        pytest.param(
            ["UDEPLOYBOT"], "beep", ids.KUDOS_PEOPLE_BLOCK, "Deploybot is a bot", id="only-a-bot"
        ),
        pytest.param([BOB], "x" * 1001, ids.KUDOS_MESSAGE_BLOCK, "up to 1000", id="too-long"),
        pytest.param(
            [f"U{n:03d}" for n in range(11)],
            "hi",
            ids.KUDOS_PEOPLE_BLOCK,
            "at most 10",
            id="eleven",
        ),
    ],
)
def test_field_errors_come_back_to_the_modal(
    running_app: RunningApp,
    fake_slack: FakeSlack,
    users: list[str],
    message: str,
    block: str,
    words: str,
) -> None:
    kudos_command(running_app, fake_slack, "")
    answer = running_app.slack.interaction(
        submission(fake_slack, opened_view(fake_slack), users=users, message=message)
    )
    reply = answer.json()
    assert reply["response_action"] == "errors"
    assert words in reply["errors"][block]
    assert "<@" not in reply["errors"][block], "plain text: a name, never a raw mention"
    assert nothing_recorded(running_app)


def test_people_left_out_of_a_submission_are_named_in_the_confirmation(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    kudos_command(running_app, fake_slack, "")
    body = submission(fake_slack, opened_view(fake_slack), users=[BOB, "UDEPLOYBOT"], message="ty")
    rendered = json.dumps(running_app.slack.interaction(body).json()["view"])
    assert "<@UDEPLOYBOT> is a bot" in rendered
    assert count(running_app, Kudos) == 1


def test_a_submission_from_a_dm_tells_the_giver_privately(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    kudos_command(running_app, fake_slack, "", channel="DALICE", channel_name="directmessage")
    view = opened_view(fake_slack)
    running_app.slack.interaction(submission(fake_slack, view, users=[BOB], message="thanks"))
    running_app.kindling.dispatcher.drain()
    to_giver = [c for c in fake_slack.calls("chat.postMessage") if c.args["channel"] == GIVER]
    assert len(to_giver) == 1
    assert "is recorded" in to_giver[0].args["text"]
    assert count(running_app, Kudos) == 1


def test_a_submission_whose_channel_refuses_tells_the_giver_privately(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    kudos_command(running_app, fake_slack, "")
    view = opened_view(fake_slack)
    fake_slack.fail_next("chat.postMessage", "not_in_channel")
    running_app.slack.interaction(submission(fake_slack, view, users=[BOB], message="thanks"))
    running_app.kindling.dispatcher.drain()
    to_giver = [c for c in fake_slack.calls("chat.postMessage") if c.args["channel"] == GIVER]
    assert len(to_giver) == 1
    assert f"<#{GENERAL}>" in to_giver[0].args["text"]


def test_the_message_shortcut_prefills_the_author(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    shortcut = {
        "type": "message_action",
        "callback_id": ids.KUDOS_SHORTCUT,
        "team": {"id": fake_slack.team_id, "domain": "kindling-test"},
        "user": {"id": GIVER},
        "channel": {"id": GENERAL, "name": "general"},
        "message": {"type": "message", "user": BOB, "text": "I fixed it", "ts": "1.1"},
        "trigger_id": "1.2.3",
        "response_url": fake_slack.response_url("shortcut"),
    }
    assert running_app.slack.interaction(shortcut).status == 200
    view = opened_view(fake_slack)
    assert view["blocks"][0]["element"]["initial_users"] == [BOB]
    assert json.loads(view["private_metadata"])["channel_id"] == GENERAL


def test_a_modal_that_cannot_open_is_explained(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    fake_slack.fail_next("views.open", "expired_trigger_id")
    answer = kudos_command(running_app, fake_slack, "")
    assert "couldn't open the kudos form" in answer.json()["text"]


def test_a_failing_submission_keeps_the_modal_open_with_a_kind_message(
    running_app: RunningApp, fake_slack: FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    kudos_command(running_app, fake_slack, "")
    body = submission(fake_slack, opened_view(fake_slack), users=[BOB], message="thanks")
    body["view"]["state"]["values"].pop(ids.KUDOS_MESSAGE_BLOCK)  # a payload the code can't read
    with caplog.at_level("CRITICAL"):
        reply = running_app.slack.interaction(body).json()
    assert reply["response_action"] == "errors"
    assert "try again" in reply["errors"][ids.KUDOS_PEOPLE_BLOCK]
    assert nothing_recorded(running_app)
