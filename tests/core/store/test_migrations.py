"""Migrations are the only way the schema is made: up from empty, down to base, no drift."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, create_engine, inspect, text

from bot.core.store import migrate
from bot.schema import metadata

KINDLING_TABLES = {
    "workspaces",
    "delivery_leases",
    "members",
    "processed_events",
    "kudos",
    "kudos_recipients",
    "kudos_values",
    "checkin_schedules",
    "checkins",
    "checkin_channels",
    "break_schedules",
    "break_reminders",
    "breaks_taken",
    "wins",
    "checkin_channel_members",
    "recap_schedules",
    "outbox",
    # slack_sdk's OAuth installation and state stores
    "slack_installations",
    "slack_bots",
    "slack_oauth_states",
}


def table_names(database_url: str) -> set[str]:
    engine: Engine = create_engine(database_url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_every_model_table_is_made_by_a_migration() -> None:
    assert set(metadata().tables) == KINDLING_TABLES


def test_upgrade_from_empty_then_no_drift_then_downgrade_to_base(database_url: str) -> None:
    assert table_names(database_url) == set()
    migrate.upgrade(database_url)
    assert table_names(database_url) >= KINDLING_TABLES
    assert migrate.current(database_url).endswith("(head)")
    assert migrate.drift(database_url) is None

    migrate.downgrade(database_url, "base")
    assert table_names(database_url) & KINDLING_TABLES == set()
    assert "(no migrations applied)" in migrate.current(database_url)

    migrate.upgrade(database_url)
    assert migrate.drift(database_url) is None


def test_drift_is_reported(database_url: str) -> None:
    migrate.upgrade(database_url)
    engine = create_engine(database_url)
    with engine.begin() as connection:
        connection.execute(text("DROP INDEX ix_processed_events_received_at"))
    engine.dispose()
    difference = migrate.drift(database_url)
    assert difference is not None
    assert "ix_processed_events_received_at" in difference


def test_an_unknown_revision_is_a_clear_error(database_url: str) -> None:
    with pytest.raises(migrate.MigrationError, match="nonexistent"):
        migrate.upgrade(database_url, "nonexistent")


def test_rows_of_the_earlier_release_keep_their_meaning_after_the_upgrade(
    database_url: str,
) -> None:
    """A channel enrolled before confirmations existed keeps inviting its newcomers; members
    get the default working hours and their zone's holidays."""
    migrate.upgrade(database_url, "0008")
    engine = create_engine(database_url)
    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO workspaces (team_id, created_at) VALUES ('T1', '2026-11-01')")
        )
        connection.execute(
            text(
                "INSERT INTO checkin_channels (team_id, channel_id, enrolled_by, created_at)"
                " VALUES ('T1', 'CTEAM', 'UALICE', '2026-11-01')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO members (team_id, user_id, display_name, refreshed_at)"
                " VALUES ('T1', 'UALICE', 'Alice', '2026-11-01')"
            )
        )
    migrate.upgrade(database_url)
    with engine.connect() as connection:
        channel = connection.execute(text("SELECT status FROM checkin_channels")).scalar_one()
        hours = connection.execute(
            text("SELECT work_starts, work_ends, holiday_country FROM members")
        ).one()
    engine.dispose()
    assert channel == "invites"
    assert tuple(hours) == (9 * 60, 18 * 60, None)
