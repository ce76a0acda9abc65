"""The member directory, kept in step with Slack."""
