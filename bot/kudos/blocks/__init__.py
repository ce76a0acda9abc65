"""Block Kit for kudos."""
