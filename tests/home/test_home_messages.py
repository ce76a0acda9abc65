"""The App Home's typed kind reads the rows the untyped code wrote, and keeps its keys."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from bot.core.outbox.values import DeliveryMethod
from bot.home.messages import APP_HOME, HomePayload
from bot.home.values import HomeState, KudosItem, TodayAnswer
from bot.privacy.values import FORMER_TEAMMATE as FORMER
from tests.fakeslack.validation import view_problems
from tests.support.messages import render

NOW = datetime(2026, 11, 25, 12, 0, 5, 120000, tzinfo=UTC)


def test_a_home_row_as_the_untyped_code_wrote_it_still_renders() -> None:
    rendered = render("app_home", {"user_id": "UA", "show": 5}, permalink=None)
    assert view_problems({"type": "home", "blocks": rendered.blocks}) == []
    assert "No kudos yet" in json.dumps(rendered.blocks)
    assert APP_HOME.read({"user_id": "UA", "show": 10}) == HomePayload(user_id="UA", show=10)


def test_the_home_key_is_todays_and_each_refresh_is_new() -> None:
    payload = HomePayload(user_id="UA", show=5)
    key = APP_HOME.key_for(payload, at=NOW.isoformat(), nonce="0f3a")
    assert key == f"home:UA:{NOW.isoformat()}:0f3a"
    row = APP_HOME.message(payload, team_id="T1", channel="UA", at=NOW.isoformat(), nonce="1")
    assert (row.kind, row.method, row.channel) == ("app_home", DeliveryMethod.PUBLISH_VIEW, "UA")
    assert {k: row.payload[k] for k in ("user_id", "show")} == {"user_id": "UA", "show": 5}
    assert "state" not in row.payload  # read when it is sent, never stored


def test_the_loaded_state_is_what_the_home_shows() -> None:
    state = HomeState(
        today=date(2026, 11, 25),
        today_answer=TodayAnswer(energy=4, need="focus"),
        energies=((date(2026, 11, 24), 5), (date(2026, 11, 25), 4)),
        kudos_received=1,
        received=(
            KudosItem(giver_id="former-teammate", message="thanks", channel_id="C1", ts="1.2"),
        ),
        wins=3,
        recent_wins=("shipped it",),
    )
    rendered = APP_HOME.render(HomePayload(user_id="UA", show=1, state=state), None)
    shown = json.dumps(rendered.blocks, ensure_ascii=False)
    assert view_problems({"type": "home", "blocks": rendered.blocks}) == []
    assert "shipped it" in shown
    assert f"<@{FORMER}>" not in shown
    assert "https://slack.com/archives/C1/p12" in shown
    assert "home_show_more" in shown
