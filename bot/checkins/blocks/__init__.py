"""Block Kit for check-ins."""
