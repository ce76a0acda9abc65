"""Small wins: a private journal, optionally shared."""
