"""Answering the check-in DM: one tap, a warm reply in the same message, one row per day."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from bot.checkins.models import Checkin
from bot.checkins.repository.answers import CheckinAnswerRepository
from bot.core.slack import ids
from tests.fakeslack import FakeSlack, RecordedCall
from tests.support.checkins import (
    ALICE,
    add_people,
    at,
    checkin,
    checkin_dms,
    press,
    submit_note,
    tick_and_deliver,
    ts_of,
)
from tests.support.kudos import posted_json
from tests.support.running import RunningApp

THURSDAY_0930_BERLIN = datetime(2026, 11, 26, 8, 30, tzinfo=UTC)
SUGGESTIONS = ("rest is part of the work", "step outside", "not today", "someone you trust")


@pytest.fixture(autouse=True)
def people(fake_slack: FakeSlack) -> None:
    add_people(fake_slack)


@pytest.fixture
def dm(running_app: RunningApp, fake_slack: FakeSlack) -> RecordedCall:
    """Alice's Thursday check-in, delivered."""
    checkin(running_app, fake_slack, "on")
    at(running_app, THURSDAY_0930_BERLIN)
    tick_and_deliver(running_app)
    (delivered,) = checkin_dms(fake_slack, ALICE)
    return delivered


def answers(app: RunningApp) -> list[Checkin]:
    with app.kindling.unit_of_work() as uow:
        return list(uow.repository(CheckinAnswerRepository)._session.scalars(select(Checkin)))  # noqa: SLF001  # a test peeks


def updated_text(slack: FakeSlack, index: int = -1) -> str:
    update = slack.calls("chat.update")[index]
    return json.dumps(posted_json(update.args, "blocks"), ensure_ascii=False)


def test_an_energy_tap_is_recorded_and_shown_in_the_same_message(
    running_app: RunningApp, fake_slack: FakeSlack, dm: RecordedCall
) -> None:
    assert press(running_app, fake_slack, dm, f"{ids.CHECKIN_ENERGY_PREFIX}4").status == 200
    running_app.kindling.dispatcher.drain()
    (update,) = fake_slack.calls("chat.update")
    assert update.args["ts"] == ts_of(dm)
    shown = updated_text(fake_slack)
    assert "energy 🙂 4/5" in shown
    assert not any(s in shown for s in SUGGESTIONS)  # suggestions are for low days
    (answer,) = answers(running_app)
    assert (answer.energy, answer.local_date) == (4, date(2026, 11, 26))


def test_changing_the_answer_updates_it_and_never_duplicates_it(
    running_app: RunningApp, fake_slack: FakeSlack, dm: RecordedCall
) -> None:
    press(running_app, fake_slack, dm, f"{ids.CHECKIN_ENERGY_PREFIX}4")
    press(running_app, fake_slack, dm, f"{ids.CHECKIN_ENERGY_PREFIX}2")
    press(running_app, fake_slack, dm, ids.CHECKIN_NEED, selected_value="rest")
    running_app.kindling.dispatcher.drain()
    (answer,) = answers(running_app)
    assert (answer.energy, answer.need, answer.skipped) == (2, "rest", False)
    assert len(fake_slack.calls("chat.update")) == 1  # only the latest state is sent
    last = updated_text(fake_slack)
    assert "energy 😕 2/5" in last
    assert "needs 🛌 Rest" in last


def test_taps_a_second_apart_each_update_the_message(
    running_app: RunningApp, fake_slack: FakeSlack, dm: RecordedCall
) -> None:
    for level in (4, 3):
        press(running_app, fake_slack, dm, f"{ids.CHECKIN_ENERGY_PREFIX}{level}")
        running_app.kindling.dispatcher.drain()
        running_app.kindling.clock.advance(timedelta(seconds=1))  # type: ignore[attr-defined]
    assert ["4/5" in json.dumps(c.args) for c in fake_slack.calls("chat.update")] == [True, False]
    assert "energy 😐 3/5" in updated_text(fake_slack)


def test_a_low_energy_answer_comes_with_one_concrete_suggestion(
    running_app: RunningApp, fake_slack: FakeSlack, dm: RecordedCall
) -> None:
    press(running_app, fake_slack, dm, f"{ids.CHECKIN_ENERGY_PREFIX}1")
    running_app.kindling.dispatcher.drain()
    shown = updated_text(fake_slack)
    assert sum(s in shown for s in SUGGESTIONS) == 1


def test_skip_today_is_kind_and_recorded(
    running_app: RunningApp, fake_slack: FakeSlack, dm: RecordedCall
) -> None:
    press(running_app, fake_slack, dm, ids.CHECKIN_SKIP)
    running_app.kindling.dispatcher.drain()
    assert "that's okay" in updated_text(fake_slack)
    (answer,) = answers(running_app)
    assert answer.skipped


def test_a_button_on_an_old_days_message_says_kindly_that_it_has_passed(
    running_app: RunningApp, fake_slack: FakeSlack, dm: RecordedCall
) -> None:
    at(running_app, THURSDAY_0930_BERLIN + timedelta(days=1))  # Friday
    press(running_app, fake_slack, dm, f"{ids.CHECKIN_ENERGY_PREFIX}3")
    running_app.kindling.dispatcher.drain()
    (notice,) = fake_slack.calls(f"response_url:press-{ALICE}")
    assert notice.args["response_type"] == "ephemeral"
    assert "Thursday 26 November, and it has passed" in notice.args["text"]
    assert "Fri 27 Nov at 09:30" in notice.args["text"]  # today's is still to come
    assert answers(running_app) == []
    assert fake_slack.calls("chat.update") == []


def open_note(running_app: RunningApp, fake_slack: FakeSlack, dm: RecordedCall) -> dict[str, Any]:
    press(running_app, fake_slack, dm, ids.CHECKIN_ADD_NOTE)
    (opened,) = fake_slack.calls("views.open")
    view = posted_json(opened.args, "view")
    assert isinstance(view, dict)
    return view


def test_a_note_is_saved_privately_and_shown_as_there(
    running_app: RunningApp, fake_slack: FakeSlack, dm: RecordedCall
) -> None:
    view = open_note(running_app, fake_slack, dm)
    answer = submit_note(running_app, fake_slack, view, "Slept badly, gentle day.")
    assert answer.status == 200
    assert answer.body == ""
    running_app.kindling.dispatcher.drain()
    (saved,) = answers(running_app)
    assert saved.note == "Slept badly, gentle day."
    shown = updated_text(fake_slack)
    assert "a note for yourself" in shown
    assert "Slept badly" not in shown  # the DM only says there is one
    assert "Edit note" in shown


def test_a_note_too_long_keeps_the_form_open_with_the_reason(
    running_app: RunningApp, fake_slack: FakeSlack, dm: RecordedCall
) -> None:
    view = open_note(running_app, fake_slack, dm)
    answer = submit_note(running_app, fake_slack, view, "x" * 1001)
    assert answer.json()["response_action"] == "errors"
    assert "up to 1000 characters" in answer.json()["errors"][ids.CHECKIN_NOTE_BLOCK]
    assert answers(running_app) == []
