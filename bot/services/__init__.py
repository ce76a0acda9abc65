"""Services hold the rules: they take a unit of work and the time, and import nothing from Slack."""
