"""Workspace settings for admins."""
