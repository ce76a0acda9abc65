"""Persistence: typed SQLAlchemy models, repositories that hold every query, a unit of work."""
