"""``manifest.yml`` is a valid Slack app manifest that matches what the app handles."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from bot.core.slack.ids import MESSAGE_SHORTCUTS, SLASH_COMMANDS, SUBSCRIBED_EVENTS
from bot.core.slack.oauth import BOT_SCOPES
from tests.support.manifest import SCHEMA, load_manifest
from tests.support.manifest import schema_problems as problems_against_schema


@pytest.fixture(scope="module")
def manifest() -> dict[str, Any]:
    return load_manifest()


def schema_problems(manifest: dict[str, Any]) -> list[str]:
    if not SCHEMA.is_file():
        pytest.skip(f"Slack's manifest schema is not here ({SCHEMA}); .ci/run requires it")
    return problems_against_schema(manifest)


def test_manifest_validates_against_slacks_schema(manifest: dict[str, Any]) -> None:
    assert schema_problems(manifest) == []


def test_the_schema_check_catches_a_broken_manifest(manifest: dict[str, Any]) -> None:
    broken = copy.deepcopy(manifest)
    broken["features"]["slash_commands"][0]["command"] = "kindling"
    del broken["display_information"]
    problems = schema_problems(broken)
    assert any("display_information" in problem for problem in problems)
    assert any(problem.startswith("features/slash_commands/0/command") for problem in problems)


def test_manifest_lists_exactly_the_registered_slash_commands(manifest: dict[str, Any]) -> None:
    commands = manifest["features"]["slash_commands"]
    assert tuple(command["command"] for command in commands) == SLASH_COMMANDS
    assert all(command["should_escape"] is True for command in commands)


def test_manifest_lists_exactly_the_registered_shortcuts(manifest: dict[str, Any]) -> None:
    shortcuts = manifest["features"]["shortcuts"]
    assert tuple(shortcut["callback_id"] for shortcut in shortcuts) == MESSAGE_SHORTCUTS
    assert all(shortcut["type"] == "message" for shortcut in shortcuts)


def test_manifest_subscribes_to_exactly_the_handled_events(manifest: dict[str, Any]) -> None:
    assert sorted(manifest["settings"]["event_subscriptions"]["bot_events"]) == sorted(
        SUBSCRIBED_EVENTS
    )


def test_manifest_enables_dms_and_socket_mode(manifest: dict[str, Any]) -> None:
    app_home = manifest["features"]["app_home"]
    assert app_home["home_tab_enabled"] is True
    assert app_home["messages_tab_enabled"] is True
    assert manifest["settings"]["socket_mode_enabled"] is True
    assert {"chat:write", "commands", "im:write", "users:read"} <= set(
        manifest["oauth_config"]["scopes"]["bot"]
    )


def test_oauth_installs_ask_for_the_manifest_scopes(manifest: dict[str, Any]) -> None:
    assert sorted(manifest["oauth_config"]["scopes"]["bot"]) == sorted(BOT_SCOPES)
