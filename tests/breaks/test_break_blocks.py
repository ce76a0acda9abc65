"""Break reminders and wins render as valid Block Kit, from rows written today or before."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.breaks import messages as breaks
from bot.breaks.outbox import KINDS as BREAK_KINDS
from bot.core.phrases import break_prompt
from bot.wins import messages as wins
from tests.fakeslack.validation import blocks_problems
from tests.support.messages import kinds, render

PAYLOADS = {
    breaks.BREAK_REMINDER.name: {"reminder_id": 7, "prompt": "water.0", "personal": True},
    breaks.BREAK_UPDATED.name: {
        "reminder_id": 7,
        "prompt": "move.1",
        "ts": "1.2",
        "taken": 3,
        "snoozed_by": "UB",
    },
    breaks.BREAKS_CHANGED.name: {
        "who": "UA",
        "on": True,
        "interval": 90,
        "window": [600, 1020],
        "workdays": 31,
        "tz": "Europe/Berlin",
    },
    breaks.BREAKS_PAUSED.name: {"channel_id": "C1", "reason": "is_archived"},
    wins.WIN_SHARED.name: {"user_id": "UA", "text": "shipped it"},
    wins.WIN_SHARE_DONE.name: {"response_url": "https://hooks.slack.com/x", "channel_id": "C1"},
}

SLOT = datetime(2026, 11, 25, 10, 30, tzinfo=UTC)
NOW = datetime(2026, 11, 25, 10, 31, 5, 123456, tzinfo=UTC)


def test_every_break_and_win_kind_renders_valid_block_kit() -> None:
    assert {kind.name for kind in BREAK_KINDS} <= set(PAYLOADS)
    for kind, payload in PAYLOADS.items():
        rendered = render(kind, payload, permalink=None)
        assert rendered.text
        assert blocks_problems(rendered.blocks) == [], kind


def test_the_updated_reminder_shows_the_count_and_that_it_was_snoozed_never_by_whom() -> None:
    name = breaks.BREAK_UPDATED.name
    rendered = render(name, PAYLOADS[name], permalink=None)
    shown = str(rendered.blocks)
    assert "3 people took a break" in shown
    assert "Snoozed for the rest of today" in shown
    assert "UB" not in shown, "nobody is named for snoozing a channel's reminders"
    assert "break_snooze" not in shown
    assert rendered.extra == {"ts": "1.2"}


def test_break_rows_written_by_the_previous_release_still_render() -> None:
    """The payloads exactly as the untyped services wrote them."""
    reminder = {
        "reminder_id": 7,
        "schedule_id": 3,
        "prompt": "water.0",
        "personal": True,
        "send_by": (SLOT + timedelta(minutes=30)).isoformat(),
        "unless_dnd": "UA",
    }
    posted = render("break", reminder, permalink=None)
    assert posted.text == break_prompt("water.0")
    assert "I took a break" in str(posted.blocks)
    assert "break_took" in str(posted.blocks)
    assert kinds()["break"].read(reminder).send_by == SLOT + timedelta(minutes=30)
    updated = {
        "reminder_id": 7,
        "prompt": "water.0",
        "ts": "1.2",
        "taken": 1,
        "snoozed_by": None,
    }
    assert render("break_updated", updated, permalink=None).extra == {"ts": "1.2"}
    changed = {
        "who": "UA",
        "on": False,
        "interval": 90,
        "window": [600, 1020],
        "workdays": 31,
        "tz": "Europe/Berlin",
    }
    assert "<@UA>" in render("breaks_changed", changed, permalink=None).text
    paused = {"channel_id": "C1", "reason": "is_archived"}
    assert "<#C1>" in render("breaks_paused", paused, permalink=None).text


def test_break_keys_are_the_previous_releases_keys() -> None:
    reminder = breaks.ReminderPayload(reminder_id=7, schedule_id=3, prompt="water.0")
    assert (
        breaks.BREAK_REMINDER.message(
            reminder, team_id="T1", channel="C1", slot=SLOT.isoformat()
        ).idempotency_key
        == f"break:3:{SLOT.isoformat()}"
    )
    updated = breaks.UpdatedPayload(reminder_id=7, prompt="water.0", ts="1.2")
    assert (
        breaks.BREAK_UPDATED.key_for(updated, by="UB", at=NOW.isoformat())
        == f"break-updated:7:UB:{NOW.isoformat()}"
    )
    changed = breaks.ChangedPayload(
        who="UA", on=True, interval=90, window=(600, 1020), workdays=31, tz="Europe/Berlin"
    )
    assert (
        breaks.BREAKS_CHANGED.key_for(changed, schedule_id=3, at=NOW.isoformat())
        == f"breaks-changed:3:{NOW.isoformat()}:UA"
    )
    paused = breaks.PausedPayload(channel_id="C1", reason="is_archived")
    assert (
        breaks.BREAKS_PAUSED.key_for(paused, schedule_id=3, at=NOW.isoformat())
        == f"breaks-paused:3:{NOW.isoformat()}"
    )


def test_a_reminder_row_keeps_its_deadline_and_do_not_disturb_check() -> None:
    reminder = breaks.ReminderPayload(
        reminder_id=7,
        schedule_id=3,
        prompt="water.0",
        personal=True,
        send_by=SLOT + timedelta(minutes=30),
        unless_dnd="UA",
    )
    row = breaks.BREAK_REMINDER.message(
        reminder, team_id="T1", channel="UA", subject_id=7, slot=SLOT.isoformat()
    )
    assert (row.kind, row.method, row.subject_id) == ("break", "chat.postMessage", 7)
    assert row.payload["schedule_id"] == 3
    assert row.payload["unless_dnd"] == "UA"
    read = kinds()["break"].read(row.payload)
    assert kinds()["break"].deadline(read) == SLOT + timedelta(minutes=30)
