"""How Kindling reaches each workspace's Slack: one bot token, or OAuth installs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pydantic import SecretStr
from slack_bolt.authorization.authorize import InstallationStoreAuthorize
from slack_bolt.listener.builtins import TokenRevocationListeners
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy import Engine

from bot.config import ConfigError, Settings
from bot.core.slack import oauth
from bot.core.slack.client import WEB_API_TIMEOUT_SECONDS, build_web_client
from bot.core.slack.installations import installation_store
from bot.core.slack.workspace_clients import InstalledTokens, WorkspaceClients

# How slack_sdk reports an answer that is not Slack's JSON (a web page, a proxy's error page).
NOT_JSON = "Received a response in a non-JSON format"


class SlackUnreachableError(Exception):
    """Slack's Web API did not answer at start-up; the message is meant for a person."""


@dataclass(frozen=True)
class SlackAccess:
    """How Kindling reaches each workspace: one token, or OAuth installs."""

    api_url: str
    token_for: Callable[[str], str]
    request_client: WebClient  # Bolt's base client (a token only in single-workspace mode)
    home_team_id: str | None = None  # single-workspace mode: the token's own workspace
    oauth: OAuthSettings | None = None
    authorize: InstallationStoreAuthorize | None = None
    revocations: TokenRevocationListeners | None = None
    # The installed workspaces of an Enterprise Grid organisation.
    teams_in_enterprise: Callable[[str], tuple[str, ...]] = lambda _enterprise_id: ()

    def clients(
        self, *, timeout: float = WEB_API_TIMEOUT_SECONDS, retry: bool = True
    ) -> WorkspaceClients:
        """Per-workspace clients with these timeouts and retries."""
        return WorkspaceClients(
            self.token_for,
            lambda token: build_web_client(
                token=token, base_url=self.api_url, timeout=timeout, retry=retry
            ),
        )


def slack_access(
    settings: Settings, engine: Engine, *, on_installed: Callable[[str], None]
) -> SlackAccess:
    """Single-workspace access (``SLACK_BOT_TOKEN``, checked with ``auth.test``), or OAuth
    installs from slack_sdk's stores in Kindling's database."""
    api_url = settings.slack_api_url
    if not settings.oauth_installs:
        token = _secret(settings.slack_bot_token, "SLACK_BOT_TOKEN")
        client = build_web_client(token=token, base_url=api_url)
        home_team_id = _token_team(client, api_url)
        return SlackAccess(
            api_url=api_url,
            token_for=lambda _team_id: token,
            request_client=client,
            home_team_id=home_team_id,
            teams_in_enterprise=lambda _enterprise_id: (home_team_id,),
        )
    client_id = settings.slack_client_id or ""
    client_secret = _secret(settings.slack_client_secret, "SLACK_CLIENT_SECRET")
    store = installation_store(client_id, engine)
    unauthenticated = build_web_client(token=None, base_url=api_url)

    return SlackAccess(
        api_url=api_url,
        token_for=InstalledTokens(
            store, oauth.token_rotator(client_id, client_secret, unauthenticated)
        ),
        request_client=unauthenticated,
        oauth=oauth.oauth_settings(
            client_id=client_id,
            client_secret=client_secret,
            state_secret=_secret(settings.slack_state_secret, "SLACK_STATE_SECRET"),
            store=store,
            engine=engine,
            on_installed=on_installed,
        ),
        authorize=oauth.installation_authorize(
            client_id=client_id, client_secret=client_secret, store=store, client=unauthenticated
        ),
        revocations=TokenRevocationListeners(store),
        teams_in_enterprise=store.teams_in_enterprise,
    )


def _secret(value: SecretStr | None, variable: str) -> str:
    if value is None:
        raise ConfigError(f"{variable} is not set")
    return value.get_secret_value()


def _token_team(client: WebClient, api_url: str) -> str:
    """The workspace ``SLACK_BOT_TOKEN`` belongs to, from ``auth.test``."""
    try:
        return str(client.auth_test()["team_id"])
    except SlackApiError as error:
        code = str(error.response.get("error", "unknown_error"))
        if code.startswith(NOT_JSON):
            raise SlackUnreachableError(
                f"SLACK_API_URL ({api_url}) did not answer like Slack's Web API (HTTP "
                f"{error.response.status_code}, not Slack's JSON): leave it unset for Slack's own "
                "https://slack.com/api/"
            ) from None
        raise ConfigError(
            f"SLACK_BOT_TOKEN was refused by Slack ({code}): copy the Bot User OAuth Token "
            "(xoxb-...) again from your app's OAuth & Permissions page"
        ) from None
    except OSError as error:  # urllib's URLError, refused connections, timeouts
        reason = getattr(error, "reason", error)
        raise SlackUnreachableError(
            f"Slack does not answer at SLACK_API_URL ({api_url}): {reason}"
        ) from None
