"""The check-in's messages and form are valid Block Kit, and say what they should."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from bot.checkins import messages as kinds
from bot.checkins.blocks.checkin import note_modal
from bot.checkins.outbox import KINDS
from bot.checkins.team_messages import TEAM_ANSWER, TeamOutcome
from bot.checkins.values import NEEDS
from bot.core.phrases import phrase_choices
from tests.fakeslack.validation import blocks_problems, view_problems
from tests.support.messages import kind_names, render

DAY = "2026-11-26"
PAYLOADS: dict[str, dict[str, Any]] = {
    kinds.CHECKIN.name: {
        "user_id": "UA",
        "local_date": DAY,
        "send_by": "2026-11-26T10:30:00+00:00",
    },
    kinds.CHECKIN_ANSWERED.name: {
        "user_id": "UA",
        "local_date": DAY,
        "ts": "1.2",
        "energy": 2,
        "need": "rest",
        "has_note": True,
        "skipped": False,
    },
    kinds.CHECKIN_WELCOME.name: {
        "user_id": "UA",
        "channel_id": "CTEAM",
        "inviter_id": "UB",
        "local_minute": 570,
        "workdays": 31,
    },
    kinds.CHECKIN_NOTICE.name: {
        "response_url": "https://hooks.slack.com/x",
        "day": "2026-11-25",
        "next_due": "2026-11-26T08:30:00+00:00",
        "tz": "Europe/Berlin",
    },
    kinds.CHECKIN_OPTED_OUT.name: {"response_url": "https://hooks.slack.com/x"},
    kinds.CHANNEL_NOT_ENROLLED.name: {"channel_id": "GSECRET", "reason": "channel_not_found"},
    kinds.CHECKIN_CARE.name: {"user_id": "UA", "support_link": "https://example.org/support"},
    TEAM_ANSWER.name: {
        "response_url": "https://hooks.slack.com/x",
        "channel_id": "CTEAM",
        "outcome": "confirm",
        "invitees": 12,
    },
}


@pytest.mark.parametrize("outcome", list(TeamOutcome))
def test_every_team_answer_is_valid_and_only_the_count_has_buttons(outcome: TeamOutcome) -> None:
    payload = {**PAYLOADS[TEAM_ANSWER.name], "outcome": outcome}
    rendered = render(TEAM_ANSWER.name, payload, permalink=None)
    assert blocks_problems(rendered.blocks) == []
    assert (len(rendered.blocks) == 2) == (outcome is TeamOutcome.CONFIRM)
    assert rendered.extra["replace_original"] == (
        outcome in {TeamOutcome.CONFIRMED, TeamOutcome.CANCELLED}
    )


def test_every_check_in_kind_is_rendered_and_valid() -> None:
    names = {kind.name for kind in KINDS}
    assert names == set(PAYLOADS)
    assert names <= kind_names()
    for kind, payload in PAYLOADS.items():
        rendered = render(kind, payload, permalink=None)
        assert rendered.text
        assert blocks_problems(rendered.blocks) == [], kind


@pytest.mark.parametrize("energy", [1, 2, 3, 4, 5, None])
@pytest.mark.parametrize("need", [*NEEDS, None])
def test_every_answer_renders_with_a_reply(energy: int | None, need: str | None) -> None:
    payload = {**PAYLOADS[kinds.CHECKIN_ANSWERED.name], "energy": energy, "need": need}
    rendered = render(kinds.CHECKIN_ANSWERED.name, payload, permalink=None)
    assert blocks_problems(rendered.blocks) == []
    assert rendered.extra == {"ts": "1.2"}
    shown = json.dumps(rendered.blocks, ensure_ascii=False)
    if energy is not None:
        assert f"{energy}/5" in shown
        assert ("A suggestion" in shown) == (energy <= 2)


def test_the_same_check_in_is_greeted_the_same_and_days_vary() -> None:
    checkin = kinds.CHECKIN.name
    first = render(checkin, PAYLOADS[checkin], permalink=None).blocks[0]
    again = render(checkin, PAYLOADS[checkin], permalink=None).blocks[0]
    assert first == again
    days = [{"user_id": "UA", "local_date": f"2026-12-{d:02d}"} for d in range(1, 29)]
    greetings = {json.dumps(render(checkin, day, permalink=None).blocks[0]) for day in days}
    assert len(greetings) > 3
    assert len(phrase_choices("checkin.greetings")) >= 5


def test_every_control_carries_its_day() -> None:
    checkin = kinds.CHECKIN.name
    blocks = render(checkin, PAYLOADS[checkin], permalink=None).blocks
    values = [
        element.get("value") or element["options"][0]["value"]
        for block in blocks
        for element in [*block.get("elements", []), block.get("accessory") or {}]
        if "action_id" in element
    ]
    assert len(values) == 5 + 1 + 2  # energy buttons, the needs menu, note and skip
    assert all(value.startswith(f"{DAY}|") for value in values)


def test_the_note_form_is_a_valid_view() -> None:
    view = note_modal(local_date=date(2026, 11, 26), channel_id="DA", message_ts="1.2", note="hi")
    assert view_problems(view) == []
    assert json.loads(view["private_metadata"]) == {
        "local_date": DAY,
        "channel": "DA",
        "ts": "1.2",
    }
