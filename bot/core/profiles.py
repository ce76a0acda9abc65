"""What Kindling knows about a person, as Slack describes them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class MemberProfile:
    """What Kindling keeps about a person, as read from a Slack user object."""

    team_id: str
    user_id: str
    display_name: str
    tz: str | None
    is_bot: bool
    deleted: bool
    is_admin: bool = False  # a Slack workspace admin or owner

    @classmethod
    def unknown(cls, team_id: str, user_id: str) -> MemberProfile:
        """Someone Slack could not tell Kindling about: no zone, not a bot, not deactivated."""
        return cls(team_id, user_id, user_id, tz=None, is_bot=False, deleted=False)
