"""The Web API client of each workspace: the one ``SLACK_BOT_TOKEN``, or, with OAuth
installs, the workspace's own token from the installation store, rotated before it expires."""

from __future__ import annotations

import threading
from collections.abc import Callable

from slack_sdk import WebClient
from slack_sdk.oauth.token_rotation import TokenRotator

from bot.core.slack.installations import InstallationStore
from bot.core.slack.lru import LruDict

# Rotate a little earlier than Bolt's request path does (120 minutes), so the jobs and the
# outbox, which run every minute, usually rotate first and requests find a fresh token.
ROTATE_MINUTES_BEFORE_EXPIRY = 150
# Per-workspace entries kept in memory, the most recently used (a miss costs one query of the
# installation store, or building a client): memory stays flat however many workspaces come.
WORKSPACES_KEPT = 10_000


class WorkspaceNotInstalledError(Exception):
    """Kindling holds no token for the workspace (never installed, or uninstalled)."""

    def __init__(self, team_id: str) -> None:
        super().__init__(f"Kindling is not installed in workspace {team_id}")
        self.team_id = team_id


class InstalledTokens:
    """Bot tokens from the installation store, rotated (and saved) when expiring. A
    workspace inside an Enterprise Grid organisation is looked up with its organisation."""

    def __init__(self, store: InstallationStore, rotator: TokenRotator) -> None:
        self._store = store
        self._rotator = rotator
        # A workspace never changes organisation.
        self._enterprises: LruDict[str, str | None] = LruDict(WORKSPACES_KEPT)
        self._rotating = threading.Lock()  # one rotation at a time: a refresh token is single-use

    def __call__(self, team_id: str) -> str:
        with self._rotating:
            known = team_id in self._enterprises
            enterprise_id = (
                self._enterprises[team_id] if known else self._store.enterprise_of(team_id)
            )
            installation = self._store.find_installation(
                enterprise_id=enterprise_id, team_id=team_id
            )
            if installation is None or not installation.bot_token:
                raise WorkspaceNotInstalledError(team_id)
            self._enterprises[team_id] = enterprise_id
            rotated = self._rotator.perform_token_rotation(
                installation=installation, minutes_before_expiration=ROTATE_MINUTES_BEFORE_EXPIRY
            )
            if rotated is None or not rotated.bot_token:
                return installation.bot_token
            self._store.save(rotated)
            return rotated.bot_token


class WorkspaceClients:
    """``clients(team_id)`` is a client carrying that workspace's current bot token (reused
    until the token changes; those of the most recently used workspaces are kept)."""

    def __init__(self, token_for: Callable[[str], str], build: Callable[[str], WebClient]) -> None:
        self._token_for = token_for
        self._build = build
        self._clients: LruDict[str, tuple[str, WebClient]] = LruDict(WORKSPACES_KEPT)
        self._lock = threading.Lock()

    def __call__(self, team_id: str) -> WebClient:
        token = self._token_for(team_id)
        with self._lock:
            known = self._clients.recall(team_id)
            if known is not None and known[0] == token:
                return known[1]
            client = self._build(token)
            self._clients[team_id] = (token, client)
            return client
