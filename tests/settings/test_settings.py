"""``/kindling settings``: admins only, every field checked, saved for the whole workspace."""

from __future__ import annotations

import pytest

from bot.core.slack import ids
from bot.settings.service import read_settings
from tests.fakeslack import FakeSlack
from tests.support.checkins import ALICE, BOB, add_people
from tests.support.kudos import posted_json
from tests.support.running import RunningApp
from tests.support.settings import ADMIN, submit
from tests.support.signing import HttpAnswer, command_payload


@pytest.fixture(autouse=True)
def people(fake_slack: FakeSlack) -> None:
    add_people(fake_slack)
    fake_slack.add_user(ADMIN, display_name="Ada", is_admin=True)


def settings_command(app: RunningApp, slack: FakeSlack, user: str) -> HttpAnswer:
    payload = command_payload("/kindling", "settings", team_id=slack.team_id, user_id=user)
    answer = app.slack.command(payload)
    assert answer.status == 200
    return answer


def test_a_non_admin_is_refused_kindly_and_nothing_opens(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    answer = settings_command(running_app, fake_slack, ALICE)
    assert "for Slack admins and owners" in answer.json()["text"]
    assert fake_slack.calls("views.open") == []
    refused = submit(running_app, fake_slack, ALICE).json()
    assert refused["response_action"] == "errors"
    with running_app.kindling.unit_of_work() as uow:
        assert read_settings(uow, fake_slack.team_id).daily_limit == 10


def test_an_admin_changes_the_settings_for_everyone(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    assert settings_command(running_app, fake_slack, ADMIN).body == ""
    (opened,) = fake_slack.calls("views.open")
    assert posted_json(opened.args, "view")["callback_id"] == ids.SETTINGS_MODAL
    saved = submit(running_app, fake_slack, ADMIN).json()
    assert saved["response_action"] == "update"
    with running_app.kindling.unit_of_work() as uow:
        settings = read_settings(uow, fake_slack.team_id)
    assert settings.values == ("kindness", "courage", "focus-time")
    assert (settings.daily_limit, settings.checkin_minute, settings.min_group_size) == (5, 525, 6)
    assert (settings.holiday_country, settings.kudos_channel_id) == ("DE", "CKUDOS")
    assert settings.admin_ids == (BOB,)
    settings_command(running_app, fake_slack, BOB)  # a named Kindling admin may open it too
    assert len(fake_slack.calls("views.open")) == 2


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        ("values", "", "Up to 10 values"),
        ("values", "so many words here", "Up to 10 values"),
        ("daily_limit", "0", "from 1 to 100"),
        ("min_group_size", "2", "singled out"),
        ("retention_days", "7", "from 30 to 3650"),
        ("holiday_country", "XX", "country code"),
        ("support_link", "ftp://nope", "https://"),
    ],
)
def test_each_bad_field_is_explained_on_that_field_and_nothing_is_saved(
    running_app: RunningApp, fake_slack: FakeSlack, field: str, value: str, says: str
) -> None:
    answer = submit(running_app, fake_slack, ADMIN, **{field: value}).json()
    assert answer["response_action"] == "errors"
    assert says in answer["errors"][ids.settings_block(field)]
    with running_app.kindling.unit_of_work() as uow:
        assert read_settings(uow, fake_slack.team_id).daily_limit == 10
