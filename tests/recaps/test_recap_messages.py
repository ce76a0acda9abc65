"""The recaps' typed kinds read the rows the untyped code wrote, and keep their keys."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from bot.core.outbox.messages import Payload
from bot.recaps.messages import (
    KINDNESS_RECAP,
    RECAP_OFF_NOTE,
    WEEKLY_RECAP,
    KindnessRecapPayload,
    WeeklyRecapPayload,
)
from bot.recaps.values import KindnessFigures, RecapFigures
from tests.fakeslack.validation import blocks_problems
from tests.support.messages import render

NOW = datetime(2026, 11, 27, 15, 0, 1, 5000, tzinfo=UTC)
MONDAY = date(2026, 11, 23)
URL = "https://hooks.slack.com/actions/T1/1/x"


def test_recap_rows_as_the_untyped_code_wrote_them_still_render() -> None:
    recap = {"user_id": "UA", "week_start": "2026-11-23", "tz": "Europe/Berlin"}
    rendered = render("weekly_recap", recap, permalink=None)
    assert blocks_problems(rendered.blocks) == []
    assert WEEKLY_RECAP.read(recap) == WeeklyRecapPayload(
        user_id="UA", week_start=MONDAY, tz="Europe/Berlin"
    )
    kindness = {"week_start": "2026-11-23", "tz": "Europe/Berlin"}
    rendered = render("kindness_recap", kindness, permalink=None)
    assert blocks_problems(rendered.blocks) == []
    assert "quiet" in json.dumps(rendered.blocks).lower()
    off = render("weekly_recap_off", {"response_url": URL}, permalink=None)
    assert "Weekly recaps are off" in off.text
    assert off.extra == {"response_type": "ephemeral", "replace_original": False}


def test_recap_keys_are_todays() -> None:
    recap = WeeklyRecapPayload(user_id="UA", week_start=MONDAY, tz="Europe/Berlin")
    assert WEEKLY_RECAP.key_for(recap) == "recap:UA:2026-11-23"
    kindness = KindnessRecapPayload(week_start=MONDAY, tz="Europe/Berlin")
    assert KINDNESS_RECAP.key_for(kindness) == "kindness-recap:2026-11-23"
    off = Payload(response_url=URL)
    assert RECAP_OFF_NOTE.key_for(off, user_id="UA", at=NOW.isoformat()) == (
        f"recap-off:UA:{NOW.isoformat()}"
    )


def test_recap_rows_store_todays_fields_and_no_figures() -> None:
    recap = WeeklyRecapPayload(user_id="UA", week_start=MONDAY, tz="Europe/Berlin")
    row = WEEKLY_RECAP.message(recap, team_id="T1", channel="UA")
    assert {k: row.payload[k] for k in ("user_id", "week_start", "tz")} == {
        "user_id": "UA",
        "week_start": "2026-11-23",
        "tz": "Europe/Berlin",
    }
    kindness = KINDNESS_RECAP.message(
        KindnessRecapPayload(week_start=MONDAY, tz="UTC"), team_id="T1", channel="CKUDOS"
    )
    assert "figures" not in row.payload
    assert "figures" not in kindness.payload


def test_loaded_figures_are_what_the_recaps_show() -> None:
    figures = RecapFigures(
        given=2,
        received=1,
        received_from=("UB",),
        wins=("shipped it",),
        win_count=1,
        energies=((date(2026, 11, 24), 5),),
    )
    recap = WeeklyRecapPayload(user_id="UA", week_start=MONDAY, tz="UTC", figures=figures)
    shown = json.dumps(WEEKLY_RECAP.render(recap, None).blocks, ensure_ascii=False)
    assert "You gave 2 kudos and received 1" in shown
    assert "<@UB>" in shown
    assert "·█·····" in shown  # Monday to Sunday, Tuesday answered
    kindness = KindnessFigures(
        kudos=3, appreciated=2, values=(("care", 2),), names=("Ann", "Bo"), leaderboard=None
    )
    payload = KindnessRecapPayload(week_start=MONDAY, tz="UTC", figures=kindness)
    shown = json.dumps(KINDNESS_RECAP.render(payload, None).blocks)
    assert "#care (2)" in shown
    assert "Ann, Bo" in shown
