"""Gentle break reminders: in channels, and as DMs for those who want them."""
