"""Multi-workspace installs: Bolt's OAuth flow with slack_sdk's SQLAlchemy stores, in
Kindling's own database (their tables come from the migrations, never ``create_tables()``)."""

from __future__ import annotations

import hashlib
import hmac
import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import BoltResponse
from slack_bolt.authorization.authorize import InstallationStoreAuthorize
from slack_bolt.oauth.callback_options import CallbackOptions, FailureArgs, SuccessArgs
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk import WebClient
from slack_sdk.oauth.installation_store import InstallationStore
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store import OAuthStateStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from slack_sdk.oauth.token_rotation import TokenRotator
from sqlalchemy import Engine

from bot.core.slack.lru import LruDict
from bot.core.slack.tables import OAUTH_STATES_TABLE
from bot.server_paths import INSTALL_PATH, OAUTH_REDIRECT_PATH

logger = logging.getLogger(__name__)

# What the bot asks for when installed; manifest.yml lists the same (a test keeps them equal).
BOT_SCOPES = (
    "channels:join",
    "channels:read",
    "chat:write",
    "chat:write.public",
    "commands",
    "dnd:read",
    "files:write",
    "groups:read",
    "im:history",
    "im:write",
    "reactions:read",
    "users:read",
)
STATE_EXPIRATION_SECONDS = 600
# Bolt keeps each token's auth.test answer (about 2 kB) for good: a rotated token's is never
# asked for again. Keep those of the 10,000 tokens used most recently.
AUTHORIZATIONS_KEPT = 10_000


class SignedStateStore(OAuthStateStore):
    """OAuth states kept in the database and signed with ``SLACK_STATE_SECRET``: a forged or
    altered state is refused before the database is asked, and each state is used once."""

    def __init__(self, inner: OAuthStateStore, secret: str) -> None:
        self._inner = inner
        self._secret = secret.encode()

    @property
    def logger(self) -> logging.Logger:
        return logger

    def issue(self, *args: Any, **kwargs: Any) -> str:
        state = str(self._inner.issue(*args, **kwargs))
        return f"{state}.{self._signature(state)}"

    def consume(self, state: str) -> bool:
        raw, _, signature = state.rpartition(".")
        if not raw or not hmac.compare_digest(signature, self._signature(raw)):
            logger.warning("Refused an OAuth state that Kindling did not sign")
            return False
        return bool(self._inner.consume(raw))

    def _signature(self, state: str) -> str:
        return hmac.new(self._secret, state.encode(), hashlib.sha256).hexdigest()


def oauth_settings(  # noqa: PLR0913  # keyword-only: OAuth settings from the configuration
    *,
    client_id: str,
    client_secret: str,
    state_secret: str,
    store: SQLAlchemyInstallationStore,
    engine: Engine,
    on_installed: Callable[[str], None],
) -> OAuthSettings:
    """Bolt's OAuth settings: ``/slack/install`` and ``/slack/oauth_redirect``; after each
    install ``on_installed(team_id)`` runs, then Slack's usual success page is shown."""
    states = SQLAlchemyOAuthStateStore(
        expiration_seconds=STATE_EXPIRATION_SECONDS,
        engine=engine,
        table_name=OAUTH_STATES_TABLE.name,
    )

    def success(args: SuccessArgs) -> BoltResponse:
        team_id = args.installation.team_id
        if team_id:
            on_installed(team_id)
            logger.info("Kindling was installed in %s", team_id)
        return args.default.success(args)

    def failure(args: FailureArgs) -> BoltResponse:
        logger.warning("An install did not complete: %s", args.reason)
        return args.default.failure(args)

    return OAuthSettings(
        client_id=client_id,
        client_secret=client_secret,
        scopes=list(BOT_SCOPES),
        install_path=INSTALL_PATH,
        redirect_uri_path=OAUTH_REDIRECT_PATH,
        installation_store=store,
        state_store=SignedStateStore(states, state_secret),
        state_expiration_seconds=STATE_EXPIRATION_SECONDS,
        callback_options=CallbackOptions(success=success, failure=failure),
    )


def installation_authorize(
    *, client_id: str, client_secret: str, store: InstallationStore, client: WebClient
) -> InstallationStoreAuthorize:
    """Bolt's per-request authorization from the installation store, rotating through
    ``client`` (so at ``SLACK_API_URL``: the one OAuthSettings builds always calls slack.com),
    with the ``auth.test`` answers of the tokens used most recently cached instead of asked on
    every request."""
    authorize = InstallationStoreAuthorize(
        installation_store=store,
        client_id=client_id,
        client_secret=client_secret,
        client=client,
        cache_enabled=True,
        logger=logger,
    )
    authorize.authorize_result_cache = LruDict(AUTHORIZATIONS_KEPT)
    return authorize


def token_rotator(client_id: str, client_secret: str, client: WebClient) -> TokenRotator:
    """Refreshes expiring tokens through ``oauth.v2.access`` at ``client``'s base URL."""
    return TokenRotator(client_id=client_id, client_secret=client_secret, client=client)
