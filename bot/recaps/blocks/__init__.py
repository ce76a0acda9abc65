"""Block Kit for recaps."""
