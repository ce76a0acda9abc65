"""Alembic environment: the URL comes from Kindling (``kindling db ...``) or ``DATABASE_URL``."""

from __future__ import annotations

from typing import Any

from alembic import context
from alembic.autogenerate.api import AutogenContext

from bot.config import load_settings
from bot.core.store.base import UtcDateTime
from bot.core.store.engine import build_engine
from bot.core.store.migrate import DATABASE_URL_ATTRIBUTE, migration_lock
from bot.schema import metadata

config = context.config


def _database_url() -> str:
    url = config.attributes.get(DATABASE_URL_ATTRIBUTE)
    if isinstance(url, str):
        return url
    return load_settings().database_url.get_secret_value()


def _render_item(type_: str, obj: Any, autogen_context: AutogenContext) -> str | bool:
    """Write Kindling's column types as plain SQLAlchemy types, so migrations never import bot."""
    if type_ == "type" and isinstance(obj, UtcDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def run_migrations_offline() -> None:
    """Emit SQL to stdout instead of running it."""
    context.configure(
        url=_database_url(),
        target_metadata=metadata(),
        literal_binds=True,
        render_as_batch=True,
        compare_type=True,
        render_item=_render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Run the migrations on a live connection."""
    engine = build_engine(_database_url())
    try:
        with engine.connect() as connection, migration_lock(connection):
            context.configure(
                connection=connection,
                target_metadata=metadata(),
                render_as_batch=connection.dialect.name == "sqlite",
                compare_type=True,
                render_item=_render_item,
            )
            with context.begin_transaction():
                context.run_migrations()
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
