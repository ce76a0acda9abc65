"""Check-in queries."""
