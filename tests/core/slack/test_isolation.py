"""Two workspaces installed side by side in one database, each using every command, shortcut,
event, button, modal and job in the same order: neither ever reads or writes the other's.

Every team id, channel id and private text of a workspace carries its marker (``alpha`` or
``bravo``), so a leak shows as the other marker: in a Slack call made with a workspace's
token, in an answer to its requests, or in a row. Both then end up with the same rows and
the same calls. Run twice: as two separate workspaces (each person's id carries the marker
too), and as two workspaces of one Enterprise Grid org, where the same people carry the same
``W…`` ids in both, which is where a query missing its ``team_id`` filter would leak."""

from __future__ import annotations

import itertools
import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import inspect, text

from bot.core.slack import ids
from tests.fakeslack import FakeSlack, RecordedCall
from tests.support.controls import EVERY_CONTROL
from tests.support.kudos import posted_json
from tests.support.lifecycle import revocation
from tests.support.oauth import install
from tests.support.running import RunningApp
from tests.support.signing import HttpAnswer, block_action, command_payload, event_callback

MARKERS = ("alpha", "bravo")
MARKER = re.compile("|".join(MARKERS), re.IGNORECASE)
_event_ids = itertools.count(1)
_action_ts = itertools.count(1)
# Never pressed by the crawl: it deletes the presser (pressed on purpose at the end).
PRESSED_LAST = frozenset({ids.PRIVACY_FORGET})
GRID_ORG = "EISOLATION"


@dataclass
class Workspace:
    """One installed workspace and everything it was answered."""

    marker: str
    grid: bool  # one of two workspaces of an Enterprise Grid org, sharing its people
    answers: list[str] = field(default_factory=list)
    pressed: set[str] = field(default_factory=set)
    submitted: set[int] = field(default_factory=set)  # views.open calls already submitted
    events: set[str] = field(default_factory=set)  # the Events API event types it sent

    @property
    def team_id(self) -> str:
        return f"T{self.marker.upper()}"

    @property
    def admin(self) -> str:
        return self._person("ADA")

    @property
    def member(self) -> str:
        return self._person("BEN")

    @property
    def newcomer(self) -> str:
        """Invited to check in by ``/checkin team`` (and welcomed with "Not for me")."""
        return self._person("CARA")

    def _person(self, name: str) -> str:
        return f"W{name}" if self.grid else f"U{self.marker.upper()}{name}"

    def fields(self, command: dict[str, str]) -> dict[str, str]:
        """A slash command's form as Slack posts it from this workspace."""
        if not self.grid:
            return command
        return {**command, "enterprise_id": GRID_ORG, "enterprise_name": "Isolation Org"}

    def payload(self, interaction: dict[str, Any]) -> dict[str, Any]:
        """An interaction payload as Slack sends it from this workspace."""
        if not self.grid:
            return interaction
        org = {"enterprise": {"id": GRID_ORG, "name": "Isolation Org"}}
        return {**interaction, **org, "is_enterprise_install": False}

    def envelope(self, envelope: dict[str, Any]) -> dict[str, Any]:
        """An Events API envelope as Slack sends it for this workspace."""
        if not self.grid:
            return envelope
        authorizations = [
            {**given, "enterprise_id": GRID_ORG, "is_enterprise_install": False}
            for given in envelope["authorizations"]
        ]
        return {**envelope, "enterprise_id": GRID_ORG, "authorizations": authorizations}

    @property
    def general(self) -> str:
        return f"C{self.marker.upper()}GENERAL"

    @property
    def team_channel(self) -> str:
        return f"C{self.marker.upper()}TEAM"


@pytest.fixture(params=[False, True], ids=["separate", "grid"])
def workspaces(
    oauth_app: RunningApp, fake_slack: FakeSlack, request: pytest.FixtureRequest
) -> list[Workspace]:
    grid: bool = request.param
    found = [Workspace(marker, grid) for marker in MARKERS]
    org = GRID_ORG if grid else None
    for workspace in found:
        answer = install(oauth_app, fake_slack, workspace.team_id, enterprise_id=org)
        assert answer.status == 200
    teams = [workspace.team_id for workspace in found]
    for workspace in found[:1] if grid else found:
        for user, name in ((workspace.admin, "Ada"), (workspace.member, "Ben")):
            add_person(fake_slack, workspace, user, name, teams, is_admin=name == "Ada")
        add_person(fake_slack, workspace, workspace.newcomer, "Cara", teams)
    for workspace in found:
        fake_slack.channel_members[workspace.team_channel] = [
            workspace.admin,
            workspace.member,
            workspace.newcomer,
        ]
    return found


def add_person(
    slack: FakeSlack, workspace: Workspace, user: str, name: str, teams: list[str], **fields: Any
) -> None:
    """A person of ``workspace``; on the grid, one of the org's, in both its workspaces."""
    if workspace.grid:
        fields["enterprise_user"] = {"id": user, "enterprise_id": GRID_ORG, "teams": teams}
    slack.add_user(user, team_id=workspace.team_id, display_name=name, **fields)


@pytest.mark.heavy
def test_two_workspaces_never_reach_each_others_data(
    oauth_app: RunningApp,
    fake_slack: FakeSlack,
    workspaces: list[Workspace],
) -> None:
    app, slack = oauth_app, fake_slack
    for step in (events, commands, shortcut_and_modals):
        for workspace in workspaces:
            step(app, slack, workspace)
            app.kindling.dispatcher.drain()
    run_jobs(app, hours=24 * 8)  # a week of jobs: check-ins, reminders, recaps...
    for workspace in workspaces:
        press_everything(app, slack, workspace)
        shortcut_and_modals(app, slack, workspace)  # the modals the buttons opened
    run_jobs(app, hours=24 * 3)  # what the presses started: a channel's welcomes, held a while
    for workspace in workspaces:
        press_everything(app, slack, workspace)  # what that brought (only controls not used)
    for workspace in workspaces:
        forget_the_member(app, slack, workspace)
    at(app, app.kindling.clock.now() + timedelta(days=400))  # retention
    app.kindling.ticker.tick()
    app.kindling.dispatcher.drain()

    for workspace in workspaces:
        assert workspace.pressed >= EVERY_CONTROL, EVERY_CONTROL - workspace.pressed
        sent = workspace.events | set(ids.REVOCATION_EVENTS)  # those come last, for alpha
        assert sent == set(ids.SUBSCRIBED_EVENTS)
        assert all(markers_in(answer) <= {workspace.marker} for answer in workspace.answers)
    for call in slack.calls():
        if call.method == "oauth.v2.access":  # the app's own credentials: one install's code
            assert len(markers_in(json.dumps(call.args))) == 1, call
        else:
            assert markers_in(json.dumps(call.args)) <= {owner_of(call)}, call
    for shared in slack.files:
        assert len(markers_in(json.dumps(shared))) == 1, shared
    rows = every_row(app)
    for table, row in rows:
        assert len(markers_in(row)) <= 1, (table, row)
    alpha, bravo = workspaces
    assert table_sizes(rows, alpha) == table_sizes(rows, bravo)  # neither saw the other's
    assert calls_by_method(slack, alpha) == calls_by_method(slack, bravo)

    before = rows_of(rows, bravo)
    for event in ("app_uninstalled", "tokens_revoked"):
        envelope = event_callback(
            revocation(event), team_id=alpha.team_id, event_id=f"EvIso{next(_event_ids)}"
        )
        assert app.slack.event(alpha.envelope(envelope)).status == 200
    after = every_row(app)
    assert rows_of(after, alpha) == []
    assert rows_of(after, bravo) == before  # the uninstall touched nothing of bravo's


def run_jobs(app: RunningApp, *, hours: int) -> None:
    """Tick and deliver once an hour for ``hours`` from now."""
    start = app.kindling.clock.now()
    for hour in range(hours):
        at(app, start + timedelta(hours=hour))
        app.kindling.ticker.tick()
        app.kindling.dispatcher.drain()


def at(app: RunningApp, moment: datetime) -> None:
    app.kindling.clock.advance(moment - app.kindling.clock.now())  # type: ignore[attr-defined]


def events(app: RunningApp, slack: FakeSlack, workspace: Workspace) -> None:
    for event in (
        {"type": "app_home_opened", "user": workspace.admin, "tab": "home", "channel": "D1"},
        {"type": "team_join", "user": slack.users[workspace.member]},
        {"type": "user_change", "user": slack.users[workspace.admin]},
        {
            "type": "member_joined_channel",
            "user": workspace.member,
            "channel": workspace.team_channel,
        },
        {"type": "member_left_channel", "user": workspace.newcomer, "channel": workspace.general},
        reaction("reaction_added", workspace, "yellow_heart"),  # kudos to the admin
        reaction("reaction_removed", workspace, "thumbsup"),  # not a kudos emoji: changes nothing
        {
            "type": "message",
            "channel_type": "im",
            "channel": "D" + workspace.member[1:],
            "user": workspace.member,
            "text": f"hello from {workspace.marker}",
            "ts": "1764063000.000200",
        },
    ):
        workspace.events.add(_subscription(event))
        envelope = event_callback(
            event, team_id=workspace.team_id, event_id=f"EvIso{next(_event_ids)}"
        )
        assert app.slack.event(workspace.envelope(envelope)).status == 200


def reaction(kind: str, workspace: Workspace, emoji: str) -> dict[str, Any]:
    """The member reacts to the admin's message in the workspace's team channel."""
    item = {"type": "message", "channel": workspace.team_channel, "ts": "1764062000.000100"}
    return {
        "type": kind,
        "user": workspace.member,
        "reaction": emoji,
        "item_user": workspace.admin,
        "item": item,
        "event_ts": "1764063000.000300",
    }


def _subscription(event: dict[str, Any]) -> str:
    """The manifest's name for what ``event`` was delivered for (``message.im`` for a DM)."""
    if event["type"] == ids.MESSAGE_EVENT:
        return f"{ids.MESSAGE_EVENT}.{event['channel_type']}"
    return str(event["type"])


def command(
    app: RunningApp, slack: FakeSlack, workspace: Workspace, name: str, text_: str, **where: str
) -> None:
    user = where.get("user", workspace.admin)
    payload = command_payload(
        name,
        text_,
        team_id=workspace.team_id,
        user_id=user,
        response_url=slack.response_url(f"{workspace.marker}-{user}"),
    )
    payload.update(
        channel_id=where.get("channel", workspace.general),
        channel_name=where.get("channel_name", "general"),
    )
    answer = app.slack.command(workspace.fields(payload))
    assert answer.status == 200, answer.body
    remember(workspace, answer)


def commands(app: RunningApp, slack: FakeSlack, workspace: Workspace) -> None:
    marker, member, team = workspace.marker, workspace.member, workspace.team_channel
    for name, text_, where in (
        (ids.KINDLING_COMMAND, "help", {}),
        (ids.KINDLING_COMMAND, "settings", {}),
        (ids.KINDLING_COMMAND, "export", {}),
        (ids.CHECKIN_COMMAND, "on", {}),
        (ids.CHECKIN_COMMAND, "on", {"user": member}),
        (ids.CHECKIN_COMMAND, "team", {"channel": team, "channel_name": "team"}),
        (ids.CHECKIN_COMMAND, "pulse", {"channel": team, "channel_name": "team"}),
        (ids.BREAKS_COMMAND, "on", {}),
        (ids.BREAKS_COMMAND, "me on", {"user": member}),
        (ids.BREAKS_COMMAND, "status", {}),
        (ids.WIN_COMMAND, f"{marker} shipped the {marker} release", {}),
        (ids.KUDOS_COMMAND, f"<@{member}> for the {marker} review", {}),
        (ids.KUDOS_COMMAND, f"<@{workspace.admin}> for the {marker} pairing", {"user": member}),
        (ids.KUDOS_COMMAND, f"<@{workspace.admin}> for the {marker} rest I took", {}),
    ):
        command(app, slack, workspace, name, text_, **where)


def shortcut_and_modals(app: RunningApp, slack: FakeSlack, workspace: Workspace) -> None:
    """The kudos shortcut, then every modal opened in the workspace, submitted once."""
    shortcut = {
        "type": "message_action",
        "callback_id": ids.KUDOS_SHORTCUT,
        "team": {"id": workspace.team_id, "domain": "kindling-test"},
        "user": {"id": workspace.admin},
        "channel": {"id": workspace.general, "name": "general"},
        "message": {"type": "message", "user": workspace.member, "text": "done", "ts": "1.1"},
        "trigger_id": "1.2.3",
        "response_url": slack.response_url(f"{workspace.marker}-shortcut"),
    }
    remember(workspace, app.slack.interaction(workspace.payload(shortcut)))
    app.kindling.dispatcher.drain()
    for index, call in enumerate(slack.calls("views.open")):
        if call.team_id != workspace.team_id or index in workspace.submitted:
            continue
        workspace.submitted.add(index)
        view = posted_json(call.args, "view")
        payload = {
            "type": "view_submission",
            "team": {"id": workspace.team_id},
            "user": {"id": workspace.admin, "team_id": workspace.team_id},
            "api_app_id": "AKINDLING",
            "trigger_id": "1.2.3",
            "view": {
                **view,
                "id": "VISO",
                "hash": "h",
                "state": {"values": filled_in(view, workspace)},
            },
        }
        remember(workspace, app.slack.interaction(workspace.payload(payload)))
        app.kindling.dispatcher.drain()


FIELD_VALUES = {  # the settings fields that need a particular kind of text
    ids.settings_block("values"): "kindness, care",
    ids.settings_block("holiday_country"): "DE",
}


def filled_in(view: dict[str, Any], workspace: Workspace) -> dict[str, Any]:
    """A value for every input of ``view``, as a person of ``workspace`` would give."""
    state: dict[str, Any] = {}
    for block in view["blocks"]:
        if block["type"] != "input":
            continue
        element = block["element"]
        kind = element["type"]
        value: dict[str, Any] = {"type": kind}
        if kind in {"plain_text_input", "url_text_input", "number_input"}:
            value["value"] = {
                "plain_text_input": FIELD_VALUES.get(
                    block["block_id"], f"{workspace.marker} words"
                ),
                "url_text_input": f"https://example.org/{workspace.marker}",
                "number_input": "30",
            }[kind]
        elif kind == "multi_users_select":
            value["selected_users"] = [workspace.member]
        elif kind == "conversations_select":
            value["selected_conversation"] = workspace.general
        elif kind == "checkboxes":
            value["selected_options"] = element["options"][:1]
        elif kind == "timepicker":
            value["selected_time"] = "08:45"
        state[block["block_id"]] = {element["action_id"]: value}
    return state


@dataclass(frozen=True)
class Surface:
    """Somewhere Kindling showed controls: a message, an ephemeral answer or a Home view."""

    blocks: list[dict[str, Any]]
    user: str
    channel: str
    ts: str
    is_home: bool = False


def surfaces(slack: FakeSlack, workspace: Workspace) -> list[Surface]:
    found = [
        Surface(answer["blocks"], workspace.admin, workspace.general, "1.1")
        for answer in map(json.loads, workspace.answers)
        if isinstance(answer, dict) and answer.get("blocks")
    ]
    for call in sorted(slack.calls(), key=lane):
        if call.method.startswith(f"response_url:{workspace.marker}-") and call.args.get(
            "blocks"
        ):  # an ephemeral answer posted later (``/checkin team``'s count, to confirm)
            blocks = posted_json(call.args, "blocks")
            found.append(Surface(blocks, workspace.admin, workspace.team_channel, "1.1"))
        if call.team_id != workspace.team_id:
            continue
        if call.method == "views.publish":
            view = posted_json(call.args, "view")
            found.append(Surface(view["blocks"], call.args["user_id"], "", "", is_home=True))
        elif call.method in {"chat.postMessage", "chat.update"} and "blocks" in call.args:
            channel = str(call.args["channel"])
            dm = channel.startswith(("U", "W"))
            found.append(
                Surface(
                    posted_json(call.args, "blocks"),
                    channel if dm else workspace.admin,
                    "D" + channel[1:] if dm else channel,
                    str(call.result.get("ts", call.args.get("ts", "1.1"))),
                )
            )
    return found


def lane(call: RecordedCall) -> str:
    """Where a call went: Kindling keeps each lane in order, but lanes run side by side, so
    the crawl reads them one lane after another to press the same surfaces every run."""
    return str(call.args.get("channel") or call.args.get("user_id") or "")


def press_everything(app: RunningApp, slack: FakeSlack, workspace: Workspace) -> None:
    """Use every button and menu Kindling showed in the workspace, once per kind."""
    for surface in surfaces(slack, workspace):
        for element in controls(surface.blocks):
            action_id = normalized(element["action_id"])
            if action_id in workspace.pressed or action_id in PRESSED_LAST:
                continue
            workspace.pressed.add(action_id)
            press(app, slack, workspace, surface, element)


def press(
    app: RunningApp,
    slack: FakeSlack,
    workspace: Workspace,
    surface: Surface,
    element: dict[str, Any],
) -> None:
    payload = block_action(
        element,
        team_id=workspace.team_id,
        user_id=surface.user,
        channel_id=surface.channel or "D1",
        message_ts=surface.ts,
        response_url=slack.response_url(f"{workspace.marker}-press"),
        action_ts=f"1764063000.{next(_action_ts):06d}",
        **chosen(element, workspace),
    )
    if surface.is_home:
        payload["container"] = {"type": "view", "view_id": "VHOME"}
        payload["view"] = {"id": "VHOME", "type": "home"}
        del payload["channel"]
    answer = app.slack.interaction(workspace.payload(payload))
    assert answer.status == 200, answer.body
    remember(workspace, answer)
    app.kindling.dispatcher.drain()


def controls(blocks: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for block in blocks:
        for element in [*block.get("elements", []), block.get("accessory") or {}]:
            if "action_id" in element:
                yield element


def normalized(action_id: str) -> str:
    return ids.CHECKIN_ENERGY_PREFIX if ids.CHECKIN_ENERGY_ACTION.match(action_id) else action_id


def chosen(element: dict[str, Any], workspace: Workspace) -> dict[str, Any]:
    """What a person picks in a menu (nothing for a button)."""
    kind = element["type"]
    options = element.get("options") or [
        option for group in element.get("option_groups", []) for option in group["options"]
    ]
    choices: dict[str, dict[str, Any]] = {
        "static_select": {"selected_option": options[0] if options else None},
        "overflow": {"selected_option": options[0] if options else None},
        "checkboxes": {"selected_options": options[:2]},
        "multi_static_select": {"selected_options": options[:2]},
        "timepicker": {"selected_time": "08:15"},
        "datepicker": {"selected_date": "2026-12-24"},
        "users_select": {"selected_user": workspace.member},
    }
    return choices.get(kind, {})


def forget_the_member(app: RunningApp, slack: FakeSlack, workspace: Workspace) -> None:
    command(app, slack, workspace, ids.KINDLING_COMMAND, "forget-me", user=workspace.member)
    answer = json.loads(workspace.answers[-1])
    (button,) = [e for e in controls(answer["blocks"]) if e["action_id"] == ids.PRIVACY_FORGET]
    surface = Surface(answer["blocks"], workspace.member, workspace.general, "1.1")
    press(app, slack, workspace, surface, button)


def remember(workspace: Workspace, answer: HttpAnswer) -> None:
    if answer.body:
        workspace.answers.append(answer.body)


def markers_in(value: object) -> set[str]:
    return {found.lower() for found in MARKER.findall(str(value))}


def owner_of(call: RecordedCall) -> str:
    """The workspace a call was made for: its token's, or the response_url's name."""
    source = call.team_id or call.method
    (marker,) = markers_in(source) or {"none"}
    return marker


def every_row(app: RunningApp) -> list[tuple[str, str]]:
    rows = []
    with app.kindling.engine.connect() as connection:
        for table in sorted(inspect(connection).get_table_names()):
            if table == "alembic_version":
                continue
            for row in connection.execute(text(f'SELECT * FROM "{table}"')):  # noqa: S608
                rows.append((table, " | ".join(map(str, row))))
    return rows


def rows_of(rows: list[tuple[str, str]], workspace: Workspace) -> list[tuple[str, str]]:
    return sorted(row for row in rows if workspace.marker in markers_in(row[1]))


def table_sizes(rows: list[tuple[str, str]], workspace: Workspace) -> Counter[str]:
    """How many rows of each table are the workspace's."""
    return Counter(table for table, _ in rows_of(rows, workspace))


def calls_by_method(slack: FakeSlack, workspace: Workspace) -> Counter[str]:
    return Counter(
        call.method.split(":")[0] for call in slack.calls() if owner_of(call) == workspace.marker
    )
