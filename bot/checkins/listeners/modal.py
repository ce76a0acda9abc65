"""The check-in note form was saved: the note joins today's answer, privately."""

from __future__ import annotations

from datetime import date
from typing import Any

from slack_bolt import Ack, BoltContext

from bot.checkins.service.answers import AnswerChange, CheckinMessage, DayPassed, answer_checkin
from bot.checkins.values import MAX_NOTE_LENGTH
from bot.core.listeners.dependencies import dependencies_of
from bot.core.listeners.workspace import team_of
from bot.core.phrases import phrase
from bot.core.slack import ids
from bot.core.slack.payloads import private_metadata


def handle_note_submission(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext
) -> None:
    dependencies = dependencies_of(context)
    state = view["state"]["values"]
    note = (state[ids.CHECKIN_NOTE_BLOCK][ids.CHECKIN_NOTE_ACTION].get("value") or "").strip()
    if len(note) > MAX_NOTE_LENGTH:
        error = phrase("checkin.note_too_long", limit=MAX_NOTE_LENGTH)
        ack(response_action="errors", errors={ids.CHECKIN_NOTE_BLOCK: error})
        return
    metadata = private_metadata(view)
    try:
        local_date = date.fromisoformat(str(metadata["local_date"]))
        message = CheckinMessage(
            channel_id=str(metadata["channel"]),
            ts=str(metadata["ts"]),
            response_url=None,
            action_ts=f"note:{view['id']}:{view.get('hash', '')}",
        )
    except (KeyError, ValueError):
        ack()  # not a form Kindling made; nothing to save
        return
    with dependencies.unit_of_work() as uow:
        outcome = answer_checkin(
            uow,
            team_id=team_of(context),
            user_id=body["user"]["id"],
            local_date=local_date,
            change=AnswerChange(note=note),
            message=message,
            now=dependencies.clock.now(),
        )
    if isinstance(outcome, DayPassed):
        day = local_date.strftime("%A %d %B")
        passed = phrase("checkin.passed_no_next", day=day)
        ack(response_action="errors", errors={ids.CHECKIN_NOTE_BLOCK: passed})
        return
    ack()
