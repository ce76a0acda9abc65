"""slack_sdk's own tables for OAuth installs (its SQLAlchemy installation and state stores read
and write them); declared on Kindling's metadata so the migrations create them and ``alembic
check`` sees them."""

from __future__ import annotations

from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore

from bot.core.store.base import Base

INSTALLATIONS_TABLE = SQLAlchemyInstallationStore.build_installations_table(
    Base.metadata, "slack_installations"
)
BOTS_TABLE = SQLAlchemyInstallationStore.build_bots_table(Base.metadata, "slack_bots")
OAUTH_STATES_TABLE = SQLAlchemyOAuthStateStore.build_oauth_states_table(
    Base.metadata, "slack_oauth_states"
)
