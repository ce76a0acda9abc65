"""The one outbox: every message Kindling sends, delivered at most once."""
