"""The tick: APScheduler only ticks; what is due lives in our tables."""
