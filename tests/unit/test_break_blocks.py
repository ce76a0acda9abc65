"""Break reminders and wins render as valid Block Kit."""

from __future__ import annotations

from bot.breaks import kinds
from bot.breaks.renderers import BREAK_RENDERERS
from bot.wins import service as wins
from tests.fakeslack.validation import blocks_problems
from tests.support.messages import render

PAYLOADS = {
    kinds.BREAK_REMINDER: {"reminder_id": 7, "prompt": "water.0", "personal": True},
    kinds.BREAK_UPDATED: {
        "reminder_id": 7,
        "prompt": "move.1",
        "ts": "1.2",
        "taken": 3,
        "snoozed_by": "UB",
    },
    kinds.BREAKS_CHANGED: {
        "who": "UA",
        "on": True,
        "interval": 90,
        "window": [600, 1020],
        "workdays": 31,
        "tz": "Europe/Berlin",
    },
    kinds.BREAKS_PAUSED: {"channel_id": "C1", "reason": "is_archived"},
    wins.WIN_SHARED: {"user_id": "UA", "text": "shipped it"},
    wins.WIN_SHARE_DONE: {"response_url": "https://hooks.slack.com/x", "channel_id": "C1"},
}


def test_every_break_and_win_kind_renders_valid_block_kit() -> None:
    assert set(BREAK_RENDERERS) <= set(PAYLOADS)
    for kind, payload in PAYLOADS.items():
        rendered = render(kind, payload, permalink=None)
        assert rendered.text
        assert blocks_problems(rendered.blocks) == [], kind


def test_the_updated_reminder_shows_the_count_and_who_snoozed() -> None:
    rendered = render(kinds.BREAK_UPDATED, PAYLOADS[kinds.BREAK_UPDATED], permalink=None)
    shown = str(rendered.blocks)
    assert "3 people took a break" in shown
    assert "Snoozed for today by <@UB>" in shown
    assert "break_snooze" not in shown
    assert rendered.extra == {"ts": "1.2"}
