""" "Export my data" and "Delete my data" (on the Home tab, and after ``/kindling forget-me``);
Slack asks the member to confirm first."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext

from bot.core.listeners.dependencies import dependencies_of
from bot.core.listeners.workspace import team_of
from bot.core.phrases import phrase
from bot.home.service import refresh_home
from bot.privacy.service import forget_member, request_export


def handle_export(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
    ack()
    dependencies = dependencies_of(context)
    with dependencies.unit_of_work() as uow:
        request_export(uow, team_of(context), body["user"]["id"], now=dependencies.clock.now())


def handle_forget(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
    ack()
    dependencies = dependencies_of(context)
    team_id, user_id, now = team_of(context), body["user"]["id"], dependencies.clock.now()
    with dependencies.unit_of_work() as uow:
        forget_member(
            uow,
            team_id,
            user_id,
            former_name=phrase("privacy.former_teammate"),
            response_url=body.get("response_url"),
            now=now,
        )
    if (body.get("view") or {}).get("type") == "home":
        with dependencies.unit_of_work() as uow:
            refresh_home(uow, team_id, user_id, now=now)  # an empty Home, from now on
