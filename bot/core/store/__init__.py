"""The database: declarative base, engine, unit of work, migrations."""
