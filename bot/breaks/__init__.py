"""Gentle break reminders in a channel, and personal ones."""
