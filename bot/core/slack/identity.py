"""Which installed workspace a Slack request acts for, and whether the person acting belongs
to it. Pure functions over Bolt's context values and the payload.

The workspace comes from what Bolt authorized (the installation whose token answers this
request: ``auth.test`` with one token, the installation store with OAuth installs), which Bolt
found from ``authorizations`` for events and ``view.app_installed_team_id`` for modals. Never
from the envelope's ``team_id`` or ``team.id``: in a Slack Connect (shared) channel those can
name the other organisation's workspace, and in Enterprise Grid ``team`` can be null.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def installed_team_id(*, authorized_team_id: str | None, context_team_id: str | None) -> str | None:
    """The installed workspace: the authorized one, else the one Bolt read from the payload
    (only revocation events, which Bolt does not authorize, come without the first)."""
    return authorized_team_id or context_team_id


def actor_team_id(body: Mapping[str, Any]) -> str | None:
    """The workspace of the person who acted, as the payload says (another organisation's in
    a shared channel); None when the payload does not say."""
    user = body.get("user")
    if isinstance(user, Mapping):  # block actions, view submissions, shortcuts
        return _team(user.get("team_id"))
    event = body.get("event")
    if not isinstance(event, Mapping):
        return None
    event_user = event.get("user")
    if isinstance(event_user, Mapping):  # user_change, team_join
        return _team(event_user.get("team_id"))
    return _team(event.get("user_team")) or _team(event.get("team"))


def actor_enterprise_id(body: Mapping[str, Any]) -> str | None:
    """The Enterprise Grid organisation of the person who acted, when the payload says."""
    user = body.get("user")
    if isinstance(user, Mapping) and isinstance(user.get("enterprise_id"), str):
        return str(user["enterprise_id"])
    enterprise = body.get("enterprise")
    if isinstance(enterprise, Mapping) and isinstance(enterprise.get("id"), str):
        return str(enterprise["id"])
    if body.get("is_ext_shared_channel") is True:  # the envelope's may be the other side's
        return None
    found = body.get("enterprise_id")
    return found if isinstance(found, str) and found else None


def is_other_organisation(
    body: Mapping[str, Any], *, team_id: str, enterprise_id: str | None
) -> bool:
    """Whether the person acting is from another organisation than the installed workspace
    ``team_id`` (in Enterprise Grid ``enterprise_id``): a Slack Connect guest. People of other
    workspaces of the same Grid organisation are colleagues, not guests."""
    their_team = actor_team_id(body)
    if their_team is None or their_team == team_id:
        return False
    return enterprise_id is None or actor_enterprise_id(body) != enterprise_id


def belongs_to(user: Mapping[str, Any], team_id: str) -> bool:
    """Whether a Slack user object (``users.info``) is a member of workspace ``team_id``: its
    own team, or (Enterprise Grid) one of the organisation's workspaces it is in. A person of
    another organisation in a shared channel is not."""
    their_team = user.get("team_id")
    if their_team is None or their_team == team_id:
        return True
    grid = user.get("enterprise_user")
    return isinstance(grid, Mapping) and team_id in (grid.get("teams") or ())


def _team(value: object) -> str | None:
    """A workspace id (``T…``); an organisation id (``E…``) or anything else is not one."""
    return value if isinstance(value, str) and value.startswith("T") else None
