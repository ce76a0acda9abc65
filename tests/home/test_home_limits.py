"""The App Home with no history and with a year of it: within Slack's limits, valid, and
only the member's own data."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Engine, insert

from bot.checkins.models import Checkin
from bot.core.store.models import Workspace
from bot.core.store.unit_of_work import UnitOfWorkFactory
from bot.home.blocks import home_blocks
from bot.home.messages import HomePayload
from bot.home.service.state import excerpt, home_state
from bot.home.sparkline import sparkline
from bot.kudos.repository import KudosRepository
from bot.wins.models import Win
from tests.fakeslack.validation import view_problems

TEAM = "T1"
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
MAX_VIEW_BYTES = 250_000


def home_view(unit_of_work: UnitOfWorkFactory, user_id: str, show: int = 5) -> dict[str, object]:
    with unit_of_work() as uow:
        state = home_state(uow, TEAM, user_id, NOW, show=show)
    stored = HomePayload(user_id=user_id, show=show, state=state).model_dump(mode="json")
    assert "state" not in stored  # read when the Home is sent, never kept in the outbox row
    return {"type": "home", "blocks": home_blocks(state, show=show)}


def test_an_empty_home_is_valid(unit_of_work: UnitOfWorkFactory) -> None:
    view = home_view(unit_of_work, "UNEW")
    assert view_problems(view) == []
    assert "No kudos yet" in json.dumps(view)


def test_a_year_of_history_stays_within_slacks_limits(
    unit_of_work: UnitOfWorkFactory, engine: Engine
) -> None:
    with engine.begin() as connection:
        connection.execute(insert(Workspace).values(team_id=TEAM, created_at=NOW))
        connection.execute(
            insert(Checkin),
            [
                {
                    "team_id": TEAM,
                    "user_id": "UA",
                    "local_date": date(2026, 11, 25) - timedelta(days=d),
                    "energy": 1 + d % 5,
                    "need": "rest",
                    "note": "private " * 50,
                    "skipped": False,
                    "created_at": NOW,
                    "updated_at": NOW,
                }
                for d in range(365)
            ],
        )
        connection.execute(
            insert(Win),
            [
                {
                    "team_id": TEAM,
                    "user_id": "UA",
                    "text": f"win {n} " + "x" * 400,
                    "created_at": NOW,
                }
                for n in range(200)
            ],
        )
    with unit_of_work() as uow:
        for n in range(1000):
            uow.repository(KudosRepository).add(
                team_id=TEAM,
                giver_id="UB" if n % 2 else "UA",
                channel_id="C1",
                message=f"thank you {n} " + "y" * 900,
                fingerprint=f"f{n}",
                source="command",
                recipient_ids=["UA"] if n % 2 else ["UB"],
                values=["care"],
                now=NOW,
            )
    view = home_view(unit_of_work, "UA")
    assert view_problems(view) == []
    assert len(view["blocks"]) <= 100  # type: ignore[arg-type]
    assert len(json.dumps(view).encode()) <= MAX_VIEW_BYTES
    shown = json.dumps(view, ensure_ascii=False)
    assert "You received 500 kudos and gave 500." in shown
    assert "… and 195 more." in shown  # the 5 newest wins, and how many more
    assert "private private" not in shown  # notes are never on the Home
    assert "home_show_more" in shown
    longest = home_view(unit_of_work, "UA", show=15)  # "Show more", as far as it goes
    assert view_problems(longest) == []
    assert "home_show_more" not in json.dumps(longest)
    assert len(json.dumps(longest).encode()) <= MAX_VIEW_BYTES
    listed = "\n".join(
        str(block["text"]["text"])  # type: ignore[index]
        for block in longest["blocks"]  # type: ignore[attr-defined]
        if block.get("type") == "section"
    ).splitlines()
    received = [line for line in listed if line.startswith("💛 from")]
    assert len(received) == 15, "every kudos shown is shown whole, none cut off by a section"
    assert all(" yyy" in line and "…" in line for line in received), "long ones end in …"


def test_the_sparkline_shows_answers_and_gaps() -> None:
    energies = [(date(2026, 11, 24), 5), (date(2026, 11, 22), 1)]
    assert sparkline(energies, today=date(2026, 11, 25), days=5) == "·▁·█·"


def test_an_excerpt_ends_at_a_word_with_an_ellipsis_never_inside_markup() -> None:
    assert excerpt("kind words", limit=20) == "kind words"
    assert excerpt("you untangled the whole deploy at midnight", limit=20) == "you untangled the…"
    assert excerpt("thanks <@U0123456789> for the calm", limit=20) == "thanks…"
    assert excerpt("a" * 30 + " &amp; more", limit=34) == "a" * 30 + "…"
