"""Feature-agnostic core: store, outbox engine, scheduling, Slack plumbing, local time, phrases."""
