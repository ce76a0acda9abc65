"""Recap rules."""
