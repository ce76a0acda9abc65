"""Which installed workspace a request acts for, and who is a guest from another organisation."""

from __future__ import annotations

from typing import Any

from bot.core.slack.identity import (
    actor_team_id,
    belongs_to,
    installed_team_id,
    is_other_organisation,
)

HOME, OTHER, ORG = "T0HOME", "T0OTHER", "E0ORG"


def test_the_authorized_workspace_wins_over_the_payloads() -> None:
    assert installed_team_id(authorized_team_id=HOME, context_team_id=OTHER) == HOME
    assert installed_team_id(authorized_team_id=None, context_team_id=HOME) == HOME
    assert installed_team_id(authorized_team_id=None, context_team_id=None) is None


def test_the_actor_team_comes_from_the_user_then_the_event() -> None:
    assert actor_team_id({"team": {"id": HOME}, "user": {"id": "U1", "team_id": OTHER}}) == OTHER
    assert actor_team_id({"event": {"user": {"id": "U1", "team_id": OTHER}}}) == OTHER
    assert actor_team_id({"event": {"user": "U1", "user_team": OTHER, "team": HOME}}) == OTHER
    assert actor_team_id({"event": {"user": "U1", "team": OTHER}}) == OTHER
    assert actor_team_id({"event": {"user": "U1", "user_team": ORG}}) is None  # an org, not a team
    assert actor_team_id({"team": None, "user": {"id": "U1"}}) is None


def test_a_person_of_another_organisation_is_a_guest() -> None:
    shared = {"team": {"id": OTHER}, "user": {"id": "U1", "team_id": OTHER}}
    assert is_other_organisation(shared, team_id=HOME, enterprise_id=None)
    assert not is_other_organisation(
        {"user": {"id": "U1", "team_id": HOME}}, team_id=HOME, enterprise_id=None
    )
    assert not is_other_organisation({"user": {"id": "U1"}}, team_id=HOME, enterprise_id=None)


def test_a_colleague_in_another_workspace_of_the_same_grid_org_is_not_a_guest() -> None:
    grid: dict[str, Any] = {
        "team": None,
        "enterprise": {"id": ORG},
        "user": {"id": "W1", "team_id": OTHER},
    }
    assert not is_other_organisation(grid, team_id=HOME, enterprise_id=ORG)
    assert is_other_organisation(grid, team_id=HOME, enterprise_id="E0ELSEWHERE")


def test_an_ext_shared_envelope_does_not_lend_its_enterprise_to_the_actor() -> None:
    event = {
        "is_ext_shared_channel": True,
        "enterprise_id": ORG,
        "event": {"type": "member_joined_channel", "user": "W1", "team": OTHER},
    }
    assert is_other_organisation(event, team_id=HOME, enterprise_id=ORG)


def test_directory_membership_follows_the_users_team_or_grid_teams() -> None:
    assert belongs_to({"id": "U1", "team_id": HOME}, HOME)
    assert not belongs_to({"id": "U1", "team_id": OTHER}, HOME)
    assert belongs_to({"id": "W1", "team_id": OTHER, "enterprise_user": {"teams": [HOME]}}, HOME)
    assert belongs_to({"id": "U1"}, HOME)
