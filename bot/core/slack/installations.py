"""slack_sdk's SQLAlchemy installation store on Kindling's database, with the two lookups
Enterprise Grid needs that slack_sdk's store does not offer (its tables come from the
migrations, never ``create_tables()``)."""

from __future__ import annotations

from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from sqlalchemy import Engine, select

from bot.core.slack.tables import BOTS_TABLE, INSTALLATIONS_TABLE


class InstallationStore(SQLAlchemyInstallationStore):
    """Installations and bot tokens, by workspace and (in Enterprise Grid) organisation."""

    def enterprise_of(self, team_id: str) -> str | None:
        """The Enterprise Grid organisation of an installed workspace (None outside Grid, or
        when Kindling is not installed there): slack_sdk finds an install only with it."""
        bots = self.bots.c
        query = (
            select(bots.enterprise_id)
            .where(bots.client_id == self.client_id, bots.team_id == team_id)
            .order_by(bots.installed_at.desc())
            .limit(1)
        )
        with self.engine.connect() as connection:
            found = connection.execute(query).scalar()
        return str(found) if found else None

    def teams_in_enterprise(self, enterprise_id: str) -> tuple[str, ...]:
        """The workspaces of an Enterprise Grid organisation Kindling is installed in (for a
        revocation that names only the organisation)."""
        bots = self.bots.c
        query = (
            select(bots.team_id)
            .where(bots.client_id == self.client_id, bots.enterprise_id == enterprise_id)
            .where(bots.team_id.is_not(None))
            .distinct()
        )
        with self.engine.connect() as connection:
            return tuple(str(team) for team in connection.execute(query).scalars())


def installation_store(client_id: str, engine: Engine) -> InstallationStore:
    """The installation store on Kindling's database."""
    return InstallationStore(
        client_id=client_id,
        engine=engine,
        bots_table_name=BOTS_TABLE.name,
        installations_table_name=INSTALLATIONS_TABLE.name,
    )
