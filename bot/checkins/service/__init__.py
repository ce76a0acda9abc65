"""Check-in rules."""
