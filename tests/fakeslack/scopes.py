"""The OAuth scopes Slack requires of a bot token, per Web API method and per Events API event.

Each entry follows the method's (or event's) page on docs.slack.dev, cited per entry. Where
Slack accepts one of several scopes depending on the conversation (the Conversations API), the
entry picks the scope for the call's arguments: ``C…`` public channel, ``G…`` private channel,
``D…`` direct message, anything else a group DM. (Private channels made since 2021 have ``C``
ids too; the fake treats every ``C`` id as public.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from tests.support.manifest import load_manifest

DOCS = "https://docs.slack.dev/reference"
PUBLIC, PRIVATE, IM, MPIM = "public_channel", "private_channel", "im", "mpim"


def conversation_type(conversation_id: str) -> str:
    """Which kind of conversation an id names, from its prefix."""
    if conversation_id.startswith("C"):
        return PUBLIC
    if conversation_id.startswith("G"):
        return PRIVATE
    if conversation_id.startswith(("D", "U", "W")):  # a user id: their DM with the bot
        return IM
    return MPIM


@dataclass(frozen=True)
class MethodScopes:
    """What a method needs: ``scopes`` lists every scope it can ever need; ``pick`` narrows
    them to the one(s) a call with these arguments needs (any one of them is enough)."""

    doc: str
    scopes: tuple[str, ...] = ()
    pick: Callable[[Mapping[str, Any]], tuple[str, ...]] | None = None
    token: str = "bot"  # "app": an app-level token (xapp-…); "client": client id and secret

    def needed(self, args: Mapping[str, Any]) -> tuple[str, ...]:
        """The scopes of which the call's token needs one; empty when it needs none."""
        return self.pick(args) if self.pick is not None else self.scopes


def by_conversation(
    argument: str, scopes: Mapping[str, str]
) -> Callable[[Mapping[str, Any]], tuple[str, ...]]:
    """A ``pick`` that chooses the scope for the type of the conversation in ``argument``."""

    def pick(args: Mapping[str, Any]) -> tuple[str, ...]:
        value = str(args.get(argument) or "")
        scope = scopes.get(conversation_type(value)) if value else None
        return (scope,) if scope is not None else tuple(dict.fromkeys(scopes.values()))

    return pick


def _open_scope(args: Mapping[str, Any]) -> tuple[str, ...]:
    """``conversations.open``: a DM with one person needs im:write, with several mpim:write."""
    users = [user for user in str(args.get("users") or "").split(",") if user]
    if len(users) > 1 or (not users and str(args.get("channel") or "").startswith("G")):
        return ("mpim:write",)
    return ("im:write",)


_READ = {PUBLIC: "channels:read", PRIVATE: "groups:read", IM: "im:read", MPIM: "mpim:read"}

METHOD_SCOPES: dict[str, MethodScopes] = {
    "auth.test": MethodScopes(f"{DOCS}/methods/auth.test"),  # "No scopes required"
    "oauth.v2.access": MethodScopes(f"{DOCS}/methods/oauth.v2.access", token="client"),
    # chat:write.public is not a missing_scope: without it, posting to a public channel the
    # bot is not in answers not_in_channel (the fake's chat.postMessage checks it).
    "chat.postMessage": MethodScopes(
        f"{DOCS}/methods/chat.postMessage",
        ("chat:write", "chat:write.public"),
        pick=lambda _args: ("chat:write",),
    ),
    "chat.postEphemeral": MethodScopes(f"{DOCS}/methods/chat.postEphemeral", ("chat:write",)),
    "chat.update": MethodScopes(f"{DOCS}/methods/chat.update", ("chat:write",)),
    "chat.getPermalink": MethodScopes(f"{DOCS}/methods/chat.getPermalink"),  # none
    "users.info": MethodScopes(f"{DOCS}/methods/users.info", ("users:read",)),
    "users.list": MethodScopes(f"{DOCS}/methods/users.list", ("users:read",)),
    # Bot token: im:write / mpim:write (channels:manage and groups:write are listed too, for
    # opening channels by id; Kindling only opens DMs).
    "conversations.open": MethodScopes(
        f"{DOCS}/methods/conversations.open", ("im:write", "mpim:write"), pick=_open_scope
    ),
    "conversations.members": MethodScopes(
        f"{DOCS}/methods/conversations.members",
        tuple(_READ.values()),
        pick=by_conversation("channel", _READ),
    ),
    "conversations.info": MethodScopes(
        f"{DOCS}/methods/conversations.info",
        tuple(_READ.values()),
        pick=by_conversation("channel", _READ),
    ),
    "conversations.join": MethodScopes(f"{DOCS}/methods/conversations.join", ("channels:join",)),
    "dnd.info": MethodScopes(f"{DOCS}/methods/dnd.info", ("dnd:read",)),
    "files.getUploadURLExternal": MethodScopes(
        f"{DOCS}/methods/files.getUploadURLExternal", ("files:write",)
    ),
    "files.completeUploadExternal": MethodScopes(
        f"{DOCS}/methods/files.completeUploadExternal", ("files:write",)
    ),
    "views.open": MethodScopes(f"{DOCS}/methods/views.open"),  # none
    "views.publish": MethodScopes(f"{DOCS}/methods/views.publish"),  # none
    "views.update": MethodScopes(f"{DOCS}/methods/views.update"),  # none
    # Takes the app-level token (xapp-…), which needs connections:write; no bot scope.
    "apps.connections.open": MethodScopes(f"{DOCS}/methods/apps.connections.open", token="app"),
}
APP_TOKEN_SCOPES = ("connections:write",)


@dataclass(frozen=True)
class EventScopes:
    """What a bot needs to receive an event: ``by_context`` maps where the event happens
    (e.g. a public or a private channel) to the scope it needs there; ``""`` is everywhere."""

    doc: str
    by_context: Mapping[str, str] = field(default_factory=dict)

    @property
    def scopes(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.by_context.values()))


_MEMBERSHIP = {PUBLIC: "channels:read", PRIVATE: "groups:read"}

EVENT_SCOPES: dict[str, EventScopes] = {
    "team_join": EventScopes(f"{DOCS}/events/team_join", {"": "users:read"}),
    "user_change": EventScopes(f"{DOCS}/events/user_change", {"": "users:read"}),
    # "if your app has the channels:read scope, it will receive events for public channels.
    # If it has groups:read, it will receive events for private channels."
    "member_joined_channel": EventScopes(f"{DOCS}/events/member_joined_channel", _MEMBERSHIP),
    "member_left_channel": EventScopes(f"{DOCS}/events/member_left_channel", _MEMBERSHIP),
    "app_home_opened": EventScopes(f"{DOCS}/events/app_home_opened"),  # none
    "app_uninstalled": EventScopes(f"{DOCS}/events/app_uninstalled"),  # none
    "tokens_revoked": EventScopes(f"{DOCS}/events/tokens_revoked"),  # none
    "app_mention": EventScopes(f"{DOCS}/events/app_mention", {"": "app_mentions:read"}),
    "message.im": EventScopes(f"{DOCS}/events/message.im", {"": "im:history"}),
    "message.channels": EventScopes(f"{DOCS}/events/message.channels", {"": "channels:history"}),
    "message.groups": EventScopes(f"{DOCS}/events/message.groups", {"": "groups:history"}),
    "message.mpim": EventScopes(f"{DOCS}/events/message.mpim", {"": "mpim:history"}),
    "reaction_added": EventScopes(f"{DOCS}/events/reaction_added", {"": "reactions:read"}),
    "reaction_removed": EventScopes(f"{DOCS}/events/reaction_removed", {"": "reactions:read"}),
}


# Slack delivers slash commands and shortcuts only to an app granted ``commands``.
# https://docs.slack.dev/reference/scopes/commands
FEATURE_SCOPES: dict[str, str] = {"slash_commands": "commands", "shortcuts": "commands"}


def manifest_bot_scopes() -> tuple[str, ...]:
    """``manifest.yml``'s bot scopes, in its order: what an install of Kindling is granted."""
    scopes = load_manifest()["oauth_config"]["scopes"]["bot"]
    return tuple(str(scope) for scope in scopes)


def missing_scope(method: str, args: Mapping[str, Any], granted: Iterable[str]) -> str | None:
    """Slack's ``needed`` (comma separated) when a bot token with ``granted`` scopes may not
    make this call; None when it may (or the method takes no bot token)."""
    entry = METHOD_SCOPES.get(method)
    if entry is None or entry.token != "bot":
        return None
    needed = entry.needed(args)
    if not needed or set(needed) & set(granted):
        return None
    return ",".join(needed)
