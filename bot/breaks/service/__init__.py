"""Break rules."""
